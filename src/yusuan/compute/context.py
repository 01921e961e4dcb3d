"""What the table builders share: the budget, the pack and the display settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yusuan.compute.filters import ItemFeatures
from yusuan.compute.model import Column, Row, Table, build_header
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

    def table(self, spec: TableSpec, columns: tuple[Column, ...], rows: Sequence[Row], *, is_empty: bool,
              with_header: bool = True, table_id: str | None = None, title: str | None = None) -> Table:
        """A computed table with the pack's texts filled in (the one place tables are assembled)."""
        return Table(
            id=table_id or spec.id,
            kind=spec.layout.kind,
            number=spec.number,
            code=self.code_for(spec),
            title=title or self.fill(spec.title),
            money_unit=self.money_unit(spec),
            decimals=self.pack.decimals,
            org_label=self.fill(spec.org_label),
            columns=columns,
            header=build_header(columns) if with_header else (),
            rows=tuple(rows),
            is_empty=is_empty,
            empty_statement=self.fill(spec.empty_statement),
            notes=tuple(self.fill(n) for n in spec.notes),
            orientation=spec.orientation,
            zero_blank=self.pack.zero_display == "blank",
        )

    def code_for(self, spec: TableSpec) -> str:
        if spec.number is None:
            return ""
        return self.pack.number_format.format(n=spec.number)
