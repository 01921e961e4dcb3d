"""Rules: small registered functions with a stable code, never reused.

A rule is a generator over a :class:`CheckContext` yielding :class:`Finding` s; the
engine turns each into an :class:`Issue` with the rule's code, severity and Chinese
message (the template is filled with the finding's values and the expected, actual
and difference figures).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location, Severity, Tier

Need = Literal["budget", "summary", "catalog", "pack", "tables", "narrative"]


@dataclass(frozen=True, slots=True)
class Finding:
    where: Location
    values: Mapping[str, object] = field(default_factory=dict)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None


RuleFn = Callable[[CheckContext], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: Severity
    tier: Tier
    title: str
    """Short Chinese title, e.g. 表内合计行等于各明细行之和."""
    message: str
    """Chinese template: ``{expected}``, ``{actual}``, ``{difference}`` and the finding's values."""
    hint: str
    tags: tuple[str, ...]
    needs: tuple[Need, ...]
    fn: RuleFn

    @property
    def family(self) -> str:
        return self.code[0]


_CODE = re.compile(r"^[A-Z]\d{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REGISTRY: dict[str, Rule] = {}

FAMILIES: Mapping[str, str] = {
    "A": "表内运算",
    "X": "表间勾稽",
    "C": "科目编码",
    "N": "说明与数据",
    "M": "完整性",
    "P": "绩效目标",
    "D": "预算明细",
}


def rule(*, code: str, slug: str, severity: Severity | str, tier: Tier | str, title: str, message: str,
         hint: str = "", tags: tuple[str, ...] = (), needs: tuple[Need, ...] = (),
         ) -> Callable[[RuleFn], RuleFn]:
    """Register a rule.  Codes and slugs are unique and, once published, never reused."""

    def register(fn: RuleFn) -> RuleFn:
        if not _CODE.match(code) or code[0] not in FAMILIES:
            raise ValueError(f"rule code {code!r} must be a family letter and three digits")
        if not _SLUG.match(slug):
            raise ValueError(f"rule slug {slug!r} must be kebab-case")
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        if any(r.slug == slug for r in REGISTRY.values()):
            raise ValueError(f"rule slug {slug} registered twice")
        REGISTRY[code] = Rule(code, slug, Severity(severity), Tier(tier), title, message, hint,
                              (FAMILIES[code[0]], *tags), needs, fn)
        return fn

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, by code (importing the rule modules registers them)."""
    import yusuan.check.rules  # noqa: F401  (registers)

    return [REGISTRY[code] for code in sorted(REGISTRY)]
