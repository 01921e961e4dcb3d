"""Registry of every rule's failing and passing fixture.

Each family's test module registers, for every rule code, a pair of functions that
build a check view: one on which the rule must report, one on which it must not.
``tests/checker/test_registry.py`` walks the rule registry and fails for any rule
without a pair.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from yusuan.check import CheckContext


@dataclass(frozen=True)
class Fixture:
    failing: Callable[[], CheckContext]
    passing: Callable[[], CheckContext]
    count: int | None = None
    """How many issues the failing fixture must raise for this code (None: at least one)."""


FIXTURES: dict[str, Fixture] = {}


def fixture(code: str, *, passing: Callable[[], CheckContext], count: int | None = None
            ) -> Callable[[Callable[[], CheckContext]], Callable[[], CheckContext]]:
    """Register ``failing`` (the decorated function) and ``passing`` for rule ``code``."""

    def register(failing: Callable[[], CheckContext]) -> Callable[[], CheckContext]:
        assert code not in FIXTURES, f"fixture for {code} registered twice"
        FIXTURES[code] = Fixture(failing, passing, count)
        return failing

    return register
