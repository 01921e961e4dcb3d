"""Computed tables: the format-neutral result that renderers draw and rules read.

Renderers never compute: everything they print is here, including merged header
cells, the empty-table statement and notes.  Money cells hold exact 分.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from yusuan.money import Fen, MoneyUnit, format_money

ColumnKind = Literal["label", "money", "text"]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: tuple[str, ...]
    kind: ColumnKind
    width: float | None = None


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


class Cell(NamedTuple):
    """One body cell: money (分), text, or nothing (``None``).

    A NamedTuple rather than a dataclass: tables hold many cells and tuples are
    immutable and several times cheaper to create.
    """

    value: Fen | str | None
    column: str
    money: bool = False
    row_key: str | None = None
    """Semantic row of this cell when it differs from its row's key (two-sided tables)."""
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    """Stable row identity, e.g. ``total``, ``department:154``, ``functional:2010301``."""
    level: str
    cells: tuple[Cell, ...]
    label: str = ""
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    kind: str
    number: int | None
    code: str
    """Printed number, e.g. ``预算01表`` (empty when the pack does not number the table)."""
    title: str
    money_unit: MoneyUnit
    decimals: int
    org_label: str
    columns: tuple[Column, ...]
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[Row, ...]
    is_empty: bool
    empty_statement: str
    notes: tuple[str, ...] = ()
    orientation: Literal["landscape", "portrait"] = "landscape"
    zero_blank: bool = True
    _index: dict[tuple[str, str], Cell] = field(default_factory=dict, compare=False, repr=False)

    def _lookup(self) -> dict[tuple[str, str], Cell]:
        """(row key, column key) → cell, built on first use (most tables are only rendered)."""
        index = self._index
        if not index:
            for row in self.rows:
                for cell in row.cells:
                    index.setdefault((cell.row_key or row.key, cell.column), cell)
        return index

    @property
    def unit_label(self) -> str:
        return f"单位：{self.money_unit.value}"

    @property
    def full_title(self) -> str:
        return f"{self.code} {self.title}".strip()

    def cell(self, row_key: str, column_key: str) -> Cell | None:
        return self._lookup().get((row_key, column_key))

    def value(self, row_key: str, column_key: str) -> Fen:
        """Money in a cell (0 when blank); ``KeyError`` when there is no such cell."""
        cell = self._lookup().get((row_key, column_key))
        if cell is None:
            raise KeyError((row_key, column_key))
        return cell.value if isinstance(cell.value, int) else 0

    def row(self, key: str) -> Row | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None

    def money_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == "money")

    def display(self, cell: Cell) -> str:
        """Cell text as published (money in the table's unit, zeros blank when the pack says so)."""
        if cell.value is None:
            return ""
        if isinstance(cell.value, int) and cell.money:
            if cell.value == 0 and self.zero_blank:
                return ""
            return format_money(cell.value, self.money_unit, self.decimals)
        return str(cell.value)


@dataclass(frozen=True, slots=True)
class Tables:
    """All tables of a disclosure's annex, in pack order."""

    tables: tuple[Table, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def get(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def __contains__(self, table_id: object) -> bool:
        return any(t.id == table_id for t in self.tables)


@lru_cache(maxsize=1024)
def build_header(columns: tuple[Column, ...]) -> tuple[tuple[HeaderCell, ...], ...]:
    """Merged header rows from column header paths.

    Consecutive columns sharing a header prefix are merged horizontally; a path
    shorter than the deepest one is merged down to the last header row.
    """
    depth = max((len(c.header) for c in columns), default=1)
    rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
    for level in range(depth):
        col = 0
        while col < len(columns):
            path = columns[col].header
            if level >= len(path):
                col += 1
                continue
            prefix = path[: level + 1]
            end = col + 1
            while end < len(columns) and columns[end].header[: level + 1] == prefix and len(
                columns[end].header
            ) > level:
                end += 1
            is_leaf = level == len(path) - 1
            if is_leaf and end - col > 1:
                # identical leaf paths are separate columns; never merge leaves
                end = col + 1
            rowspan = depth - level if is_leaf else 1
            rows[level].append(HeaderCell(path[level], level, col, rowspan, end - col))
            col = end
    return tuple(tuple(r) for r in rows)
