"""Key figures of a budget: totals, shares and year-over-year changes.

These are the numbers the narrative states and reviewers check first.  They are
computed from the line items directly (not read back from tables), so that rules
can compare the two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from yusuan.domain.budget import PRIOR_METRICS, Budget, LineItem
from yusuan.domain.enums import BasicCategory, ExpenditureKind, ProcurementKind, SourceGroup
from yusuan.money import Fen, percent

THREE_PUBLIC_CODES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "overseas_travel": ("30212",),
    "official_reception": ("30217",),
    "vehicle_operation": ("30231",),
    "vehicle_purchase": ("31013", "30913"),
})
"""Economic codes of the 三公 items (counted on 一般公共预算 funds)."""


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    FLAT = "flat"

    @property
    def label(self) -> str:
        return {"increase": "增加", "decrease": "减少", "flat": "持平"}[self.value]


@dataclass(frozen=True, slots=True)
class Change:
    """Year-over-year change of one metric."""

    metric: str
    prior: Fen
    current: Fen

    @property
    def amount(self) -> Fen:
        return self.current - self.prior

    @property
    def percent(self) -> Decimal | None:
        """Change against the prior year's figure, in percent (``None`` when the prior is 0)."""
        return percent(self.amount, self.prior)

    @property
    def direction(self) -> Direction:
        if self.amount > 0:
            return Direction.INCREASE
        if self.amount < 0:
            return Direction.DECREASE
        return Direction.FLAT


@dataclass(frozen=True, slots=True)
class Summary:
    year: int
    amounts: Mapping[str, Fen]
    shares: Mapping[str, Decimal | None]
    changes: Mapping[str, Change]

    def __getitem__(self, metric: str) -> Fen:
        return self.amounts[metric]


METRIC_LABELS: Mapping[str, str] = MappingProxyType({
    **PRIOR_METRICS,
    "income_current": "本年收入合计",
    "carryover": "上年结转结余",
    "special_account": "财政专户管理资金",
    "unit_funds": "单位资金",
    "appropriation": "其中：财政拨款",
    "unit_operating": "单位公用经费（含事业单位）",
    "procurement_goods": "政府采购货物",
    "procurement_works": "政府采购工程",
    "procurement_services": "政府采购服务",
    "project_count": "项目个数",
})

SHARE_LABELS: Mapping[str, str] = MappingProxyType({
    "basic": "基本支出占支出合计的比重",
    "project": "项目支出占支出合计的比重",
    "personnel_of_basic": "人员经费占基本支出的比重",
    "operating_of_basic": "公用经费占基本支出的比重",
    "general_public": "一般公共预算占收入合计的比重",
})


def _plan(item: LineItem, organ: bool, group_metric: Mapping[SourceGroup, str],
          econ_to_item: Mapping[str, str]) -> tuple[str, ...]:
    """The amount metrics one line item adds to."""
    group = item.source.group
    metrics = ["expenditure_total", "carryover" if item.carryover else "income_current", group_metric[group]]
    if item.kind is ExpenditureKind.BASIC:
        metrics.append("basic")
        if item.basic_category is BasicCategory.PERSONNEL:
            metrics.append("personnel")
        else:
            metrics += ["operating", "unit_operating"]
            if organ and group.is_fiscal:
                metrics.append("organ_operating")
    else:
        metrics.append("project")
    if group.is_fiscal:
        metrics.append("fiscal")
    if item.source.value == "gpb_appropriation":
        metrics.append("appropriation")
    if group is SourceGroup.GENERAL_PUBLIC:
        three_public = econ_to_item.get(item.econ_code)
        if three_public is not None:
            metrics.append(three_public)
    return tuple(metrics)


def summarize(budget: Budget) -> Summary:
    """Totals, shares and changes of ``budget`` (pure)."""
    a: dict[str, Fen] = dict.fromkeys(METRIC_LABELS, 0)
    econ_to_item = {code: item for item, codes in THREE_PUBLIC_CODES.items() for code in codes}
    organ_units = {u.code for u in budget.units if u.type.is_organ}
    group_metric = {
        SourceGroup.GENERAL_PUBLIC: "general_public",
        SourceGroup.GOVERNMENT_FUND: "government_fund",
        SourceGroup.STATE_CAPITAL: "state_capital",
        SourceGroup.SPECIAL_ACCOUNT: "special_account",
        SourceGroup.UNIT_FUNDS: "unit_funds",
    }
    # the metrics an item adds to depend only on a few of its fields: work them out once per combination
    plans: dict[tuple[object, ...], tuple[str, ...]] = {}
    for item in budget.items:
        key = (item.kind, item.econ_code, item.source, item.carryover, item.unit_code in organ_units)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = _plan(item, key[4], group_metric, econ_to_item)
        amt = item.amount
        for metric in plan:
            a[metric] += amt
        if item.procurement_amount:
            a["procurement"] += item.procurement_amount
            kind = item.procurement_kind or ProcurementKind.GOODS
            a[f"procurement_{kind.value}"] += item.procurement_amount
    a["income_total"] = a["expenditure_total"]
    a["vehicles"] = a["vehicle_operation"] + a["vehicle_purchase"]
    a["three_public"] = a["overseas_travel"] + a["official_reception"] + a["vehicles"]
    a["project_count"] = len({i.project_code for i in budget.items if i.project_code})

    total = a["expenditure_total"]
    shares = {
        "basic": percent(a["basic"], total),
        "project": percent(a["project"], total),
        "personnel_of_basic": percent(a["personnel"], a["basic"]),
        "operating_of_basic": percent(a["operating"], a["basic"]),
        "general_public": percent(a["general_public"], a["income_total"]),
    }
    changes: dict[str, Change] = {}
    if budget.prior is not None:
        for metric, prior in budget.prior.amounts.items():
            if metric in a:
                changes[metric] = Change(metric, prior, a[metric])
    return Summary(budget.year, MappingProxyType(a), MappingProxyType(shares), MappingProxyType(changes))
