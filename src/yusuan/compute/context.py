"""What the table builders share: the budget, the pack and the display settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yusuan.compute.filters import ItemFeatures
from yusuan.domain.budget import Budget
from yusuan.domain.enums import UnitType
from yusuan.money import MoneyUnit
from yusuan.packs.model import Pack, TableSpec

_PACKS: dict[int, Pack] = {}


@dataclass(frozen=True, slots=True)
class BuildContext:
    budget: Budget
    pack: Pack
    unit_types: Mapping[str, UnitType]
    features: ItemFeatures

    @classmethod
    def of(cls, budget: Budget, pack: Pack) -> BuildContext:
        unit_types = {u.code: u.type for u in budget.units}
        return cls(budget, pack, unit_types, ItemFeatures(budget.items, unit_types))

    def share_key(self, spec: TableSpec, role: str) -> tuple[object, ...]:
        """Identity of a pack table's filters, for caching filter results across budgets.

        The pack is kept alive in ``_PACKS`` so that its ``id()`` is never reused by another
        pack while cached results keyed by it exist.
        """
        _PACKS.setdefault(id(self.pack), self.pack)
        return (id(self.pack), self.pack.id, spec.id, role)

    def money_unit(self, spec: TableSpec) -> MoneyUnit:
        return MoneyUnit(spec.unit or self.pack.money_unit)

    def fill(self, template: str) -> str:
        """Fill ``{year}``, ``{prior_year}``, ``{department}`` in a pack text."""
        budget = self.budget
        return template.format(
            year=budget.year,
            prior_year=budget.year - 1,
            department=budget.department.name,
            department_code=budget.department.code,
            self_name=budget.department.self_name,
        )

    def code_for(self, spec: TableSpec) -> str:
        if spec.number is None:
            return ""
        return self.pack.number_format.format(n=spec.number)
