"""Per-check memoisation shared by the rule families: a value built once while a check context lives."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar, cast

from yusuan.check.context import CheckContext

T = TypeVar("T")
_MEMO: dict[tuple[int, str], tuple[weakref.ref[CheckContext], object]] = {}


def memo(ctx: CheckContext, name: str, build: Callable[[CheckContext], T]) -> T:
    """``build(ctx)``, computed once while ``ctx`` lives (the rules of a run share it)."""
    key = (id(ctx), name)
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is ctx:
        return cast(T, hit[1])
    value = build(ctx)
    _MEMO[key] = (weakref.ref(ctx, lambda _ref, key=key, store=_MEMO: store.pop(key, None)),  # type: ignore[misc]
                  value)
    return value
