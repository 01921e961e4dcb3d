"""Per-check memoisation shared by the rule families: a value built once while a check context lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from yusuan.check.context import CheckContext

T = TypeVar("T")


def memo(ctx: CheckContext, name: str, build: Callable[[CheckContext], T]) -> T:
    """``build(ctx)``, computed once per check context (the rules of a run share it)."""
    return ctx.memo(name, build)
