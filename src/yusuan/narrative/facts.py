"""Breakdowns the narrative states that :class:`~yusuan.compute.summary.Summary` does not hold.

Each is summed from the line items once, lazily.  Where a breakdown explains an annex table, it
selects the items by that table's ``scope`` in the pack (e.g. 一般公共预算支出 follows the scope of
``general_public_expenditure``), so that the sentence and the table agree by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from yusuan.compute.filters import compile_filter
from yusuan.domain.budget import Budget, LineItem
from yusuan.domain.enums import BasicCategory, ExpenditureKind, SourceGroup
from yusuan.money import Fen
from yusuan.packs.model import Filter, Pack

INCOME_PARTS: tuple[str, ...] = (
    "general_public", "government_fund", "state_capital", "special_account",
    "business_income", "operating_income", "higher_subsidy", "subordinate_remittance", "other_income",
    "business_fund",
)
"""Parts of this year's income, in the order they are stated (groups, then each kind of unit funds)."""

DEFAULT_SCOPES: dict[str, Filter] = {
    "general_public_expenditure": Filter(source_group=["general_public"]),
    "general_public_basic": Filter(source_group=["general_public"], kind="basic"),
    "government_fund_expenditure": Filter(source_group=["government_fund"]),
    "econ_summary": Filter(),
}
"""Scopes used when the pack has no table of that role."""


@dataclass(slots=True)
class Breakdown:
    """Items of one scope: total, basic/project, personnel/operating and by functional or economic class."""

    total: Fen = 0
    basic: Fen = 0
    project: Fen = 0
    personnel: Fen = 0
    operating: Fen = 0
    functional_classes: dict[str, Fen] = field(default_factory=dict)
    econ_classes: dict[str, Fen] = field(default_factory=dict)
    gov_classes: dict[str, Fen] = field(default_factory=dict)

    def add(self, item: LineItem) -> None:
        amount = item.amount
        self.total += amount
        if item.kind is ExpenditureKind.BASIC:
            self.basic += amount
            if item.basic_category is BasicCategory.PERSONNEL:
                self.personnel += amount
            else:
                self.operating += amount
        else:
            self.project += amount
        fc = item.functional_code[:3]
        self.functional_classes[fc] = self.functional_classes.get(fc, 0) + amount
        ec = item.econ_code[:3]
        self.econ_classes[ec] = self.econ_classes.get(ec, 0) + amount
        gc = item.gov_econ_code[:3]
        self.gov_classes[gc] = self.gov_classes.get(gc, 0) + amount


class Facts:
    """Lazily computed breakdowns of one budget laid out by one pack."""

    def __init__(self, budget: Budget, pack: Pack) -> None:
        self.budget = budget
        self.pack = pack
        self._unit_types = {u.code: u.type for u in budget.units}

    def _scope(self, table_id: str) -> Callable[[LineItem], bool]:
        try:
            scope = self.pack.table(table_id).scope
        except KeyError:
            scope = DEFAULT_SCOPES[table_id]
        return compile_filter(scope, self._unit_types)

    def _breakdown(self, table_id: str) -> Breakdown:
        selected = self._scope(table_id)
        out = Breakdown()
        for item in self.budget.items:
            if selected(item):
                out.add(item)
        return out

    @cached_property
    def general_public(self) -> Breakdown:
        """一般公共预算支出, as ``general_public_expenditure`` (预算05表) selects it."""
        return self._breakdown("general_public_expenditure")

    @cached_property
    def general_public_basic(self) -> Breakdown:
        """一般公共预算基本支出, as ``general_public_basic`` selects it."""
        return self._breakdown("general_public_basic")

    @cached_property
    def government_fund(self) -> Breakdown:
        """政府性基金预算支出, as ``government_fund_expenditure`` selects it."""
        return self._breakdown("government_fund_expenditure")

    @cached_property
    def econ(self) -> Breakdown:
        """All spending by economic class, as ``econ_summary`` selects it."""
        return self._breakdown("econ_summary")

    @cached_property
    def income(self) -> dict[str, Fen]:
        """This year's income by :data:`INCOME_PARTS`, plus ``carryover`` (上年结转结余, every source)."""
        out = dict.fromkeys((*INCOME_PARTS, "carryover"), 0)
        for item in self.budget.items:
            if item.carryover:
                out["carryover"] += item.amount
            elif item.source.group is SourceGroup.UNIT_FUNDS:
                out[item.source.value] += item.amount
            else:
                out[item.source.group.value] += item.amount
        return out

    @cached_property
    def project_amounts(self) -> dict[str, Fen]:
        """Amount of every project that has line items, by project code."""
        out: dict[str, Fen] = {}
        for item in self.budget.items:
            if item.project_code:
                out[item.project_code] = out.get(item.project_code, 0) + item.amount
        return out

    def prior(self, metric: str) -> Fen | None:
        """The prior year's figure of ``metric``; sums of the 三公 items stand in for missing totals."""
        prior = self.budget.prior
        if prior is None:
            return None
        amounts = prior.amounts
        if metric in amounts:
            return amounts[metric]
        parts = {"vehicles": ("vehicle_purchase", "vehicle_operation"),
                 "three_public": ("overseas_travel", "official_reception", "vehicles")}.get(metric)
        if parts is None:
            return None
        values = [self.prior(p) for p in parts]
        if any(v is None for v in values):
            return None
        return sum(v for v in values if v is not None)
