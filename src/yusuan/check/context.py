"""What rules read: one view of a disclosure, whether compiled by yusuan or imported.

Both kinds of input produce a :class:`~yusuan.document.model.Document` (narrative with
the figures each sentence states, and every table as printed or generated).  A
compiled budget adds its line items, key figures, catalogue and pack; rules that need
those declare it and simply do not apply to an imported disclosure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TypeVar, cast

from yusuan.catalog.loader import Catalog
from yusuan.check.issue import Location
from yusuan.compute.model import Column, Row, Table
from yusuan.compute.summary import Summary
from yusuan.document.model import Document, Heading, Paragraph
from yusuan.domain.budget import Budget
from yusuan.money import Fen, MoneyUnit, format_money
from yusuan.packs.model import Pack

T = TypeVar("T")

DEFAULT_TOLERANCE = Decimal("0.01")
"""Allowed difference for rounded figures, in the unit of the table (e.g. 0.01 万元)."""


@dataclass(frozen=True)
class CheckContext:
    document: Document
    year: int
    department: str
    budget: Budget | None = None
    summary: Summary | None = None
    catalog: Catalog | None = None
    pack: Pack | None = None
    tolerance: Decimal = DEFAULT_TOLERANCE
    pages: Mapping[str, int] = field(default_factory=dict)
    """Table id → page where it is printed (imported documents)."""
    origin: str = "compiled"
    """``compiled`` (line items known) or ``imported`` (only the published text and tables)."""
    _memo: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def memo(self, name: str, build: Callable[[CheckContext], T]) -> T:
        """``build(self)``, computed once for this context and shared by the rules of a run.

        Not an init field, so :func:`dataclasses.replace` (a changed view) starts empty.
        """
        if name not in self._memo:
            self._memo[name] = build(self)
        return cast(T, self._memo[name])

    # -- tables -------------------------------------------------------------------------------

    @cached_property
    def tables(self) -> list[Table]:
        return self.document.tables()

    @cached_property
    def _by_id(self) -> dict[str, Table]:
        index: dict[str, Table] = {}
        for table in self.tables:
            index.setdefault(table.id, table)
        return index

    def table(self, table_id: str) -> Table | None:
        """The first table with this role id (``expenditure_summary``, ``three_public`` …)."""
        return self._by_id.get(table_id)

    def tables_of(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    @property
    def money_unit(self) -> MoneyUnit:
        return MoneyUnit(self.document.money_unit) if self.document.money_unit in ("元", "万元") else MoneyUnit.WAN

    def tolerance_fen(self, table: Table | None = None) -> Fen:
        unit = table.money_unit if table is not None else self.money_unit
        return int(self.tolerance * unit.fen)

    def differs(self, a: Fen, b: Fen, table: Table | None = None) -> bool:
        return abs(a - b) > self.tolerance_fen(table)

    def fmt(self, fen: Fen, table: Table | None = None) -> str:
        unit = table.money_unit if table is not None else self.money_unit
        decimals = table.decimals if table is not None else 2
        return format_money(fen, unit, decimals)

    # -- narrative ----------------------------------------------------------------------------

    def paragraphs(self) -> Iterator[tuple[int, Heading | None, Paragraph]]:
        """(1-based paragraph number, the heading above it, paragraph) in document order."""
        heading: Heading | None = None
        number = 0
        for block in self.document.blocks():
            if isinstance(block, Heading):
                heading = block
            elif isinstance(block, Paragraph):
                number += 1
                yield number, heading, block

    # -- locations ----------------------------------------------------------------------------

    def at_cell(self, table: Table, row: Row | str | None = None, column: Column | str | None = None) -> Location:
        row_obj = table.row(row) if isinstance(row, str) else row
        col_obj = next((c for c in table.columns if c.key == column), None) if isinstance(column, str) else column
        row_key = row if isinstance(row, str) else (row.key if row is not None else None)
        label = None
        if isinstance(row, str) and row_obj is None:
            # two-sided tables: the semantic key names one side's row; its label is that side's label cell
            side = row.split(":", 1)[0]
            label_cell = table.cell(row, f"{side}.label")
            if label_cell is not None and isinstance(label_cell.value, str):
                label = label_cell.value
        if row_obj is not None:
            label = row_obj.label or next((str(c.value) for c in row_obj.cells if isinstance(c.value, str)), None)
        elif label is None and isinstance(row, str) and ":" in row:
            label = row.split(":", 1)[1]
        return Location(
            table_id=table.id, table_code=table.code or None, table_title=table.title,
            row_key=row_key, row_label=label,
            column_key=col_obj.key if col_obj is not None else (column if isinstance(column, str) else None),
            column_header="/".join(h for h in col_obj.header if h) if col_obj is not None else None,
            page=self.pages.get(table.id),
        )

    def at_table(self, table: Table) -> Location:
        return Location(table_id=table.id, table_code=table.code or None, table_title=table.title,
                        page=self.pages.get(table.id))

    def at_paragraph(self, number: int, heading: Heading | None, paragraph: Paragraph,
                     sentence: str | None = None) -> Location:
        return Location(section=heading.text if heading else None, paragraph=number,
                        sentence=sentence if sentence is not None else paragraph.text)


def context_for_compiled(compiled: object, *, tolerance: Decimal = DEFAULT_TOLERANCE,
                         catalog: Catalog | None = None) -> CheckContext:
    """The check view of a budget compiled by :func:`yusuan.api.compile_budget`."""
    from yusuan.api import Compiled
    from yusuan.catalog.loader import load_catalog

    assert isinstance(compiled, Compiled)
    b = compiled.budget
    return CheckContext(
        document=compiled.document, year=b.year, department=b.department.name, budget=b,
        summary=compiled.summary, catalog=catalog or load_catalog(b.year), pack=compiled.pack,
        tolerance=tolerance, origin="compiled",
    )
