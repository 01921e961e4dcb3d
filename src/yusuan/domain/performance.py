"""绩效目标: indicator trees with parsed target values (指标值)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from yusuan.domain.source import SourceRef


class Operator(StrEnum):
    GE = "≥"
    LE = "≤"
    GT = ">"
    LT = "<"
    EQ = "="


_OPERATOR_ALIASES = {
    "≥": Operator.GE, ">=": Operator.GE, "≧": Operator.GE, "不低于": Operator.GE, "不少于": Operator.GE,
    "大于等于": Operator.GE,
    "≤": Operator.LE, "<=": Operator.LE, "≦": Operator.LE, "不高于": Operator.LE, "不超过": Operator.LE,
    "小于等于": Operator.LE,
    ">": Operator.GT, "＞": Operator.GT, "大于": Operator.GT,
    "<": Operator.LT, "＜": Operator.LT, "小于": Operator.LT,
    "=": Operator.EQ, "＝": Operator.EQ, "等于": Operator.EQ,
}
_OPS_PATTERN = "|".join(sorted((re.escape(k) for k in _OPERATOR_ALIASES), key=len, reverse=True))
_VALUE = re.compile(
    rf"^\s*(?P<op>{_OPS_PATTERN})?\s*(?P<num>[+-]?\d+(?:\.\d+)?)\s*(?P<unit>(?!以上|以下|以内)[^\d\s].*?)?\s*(?P<tail>以上|以下|以内)?\s*$"
)


@dataclass(frozen=True, slots=True)
class TargetValue:
    """A parsed 指标值: quantitative (operator, number, unit) or qualitative text."""

    raw: str
    operator: Operator | None = None
    number: Decimal | None = None
    unit: str | None = None
    qualitative: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.number is not None

    @classmethod
    def parse(cls, raw: str) -> TargetValue:
        text = str(raw).strip().replace("％", "%").replace("，", "").replace(",", "")
        if not text:
            return cls(raw=str(raw))
        match = _VALUE.match(text)
        if match is None:
            return cls(raw=str(raw), qualitative=text)
        op_text, tail = match.group("op"), match.group("tail")
        operator = _OPERATOR_ALIASES[op_text] if op_text else None
        if operator is None and tail:
            operator = Operator.GE if tail == "以上" else Operator.LE
        try:
            number = Decimal(match.group("num"))
        except InvalidOperation:  # pragma: no cover - regex guarantees digits
            return cls(raw=str(raw), qualitative=text)
        unit = (match.group("unit") or "").strip() or None
        return cls(raw=str(raw), operator=operator, number=number, unit=unit)

    def __str__(self) -> str:
        return self.raw


@dataclass(frozen=True, slots=True)
class Indicator:
    """A 三级指标 with its place in the tree (一级 → 二级 → 三级)."""

    level1: str
    level2: str
    name: str
    value: TargetValue
    description: str = ""
    source: SourceRef | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class IndicatorTree:
    """Indicators in input order; the tree is a view grouped by 一级 and 二级."""

    indicators: tuple[Indicator, ...] = ()

    def level1_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.level1 for i in self.indicators))

    def grouped(self) -> list[tuple[str, list[tuple[str, list[Indicator]]]]]:
        tree: dict[str, dict[str, list[Indicator]]] = {}
        for ind in self.indicators:
            tree.setdefault(ind.level1, {}).setdefault(ind.level2, []).append(ind)
        return [(l1, list(l2s.items())) for l1, l2s in tree.items()]

    def under(self, level1_prefix: str) -> tuple[Indicator, ...]:
        """Indicators whose 一级指标 starts with ``level1_prefix`` (产出, 效益, 满意度, 成本…)."""
        return tuple(i for i in self.indicators if i.level1.startswith(level1_prefix))

    def __bool__(self) -> bool:
        return bool(self.indicators)


@dataclass(frozen=True, slots=True)
class Task:
    """A 年度主要任务 of the department-wide targets."""

    name: str
    content: str = ""


@dataclass(frozen=True, slots=True)
class DepartmentTargets:
    """部门（单位）整体绩效目标."""

    annual_goal: str = ""
    tasks: tuple[Task, ...] = ()
    indicators: IndicatorTree = IndicatorTree()

    def __bool__(self) -> bool:
        return bool(self.annual_goal or self.tasks or self.indicators)
