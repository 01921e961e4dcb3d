"""Helpers shared by the table rules: rows, money cells and column groups."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.compute.model import Cell, Column, Row, Table

LEAF_LEVELS = frozenset({"functional_item", "econ_section", "project", "fixed"})
GROUP_LEVELS = frozenset({"department", "unit", "functional_class", "functional_section", "econ_class"})


def money(row: Row, column: str) -> int | None:
    """Money in ``row`` for ``column`` (``None`` when the row has no such money cell)."""
    for cell in row.cells:
        if cell.column == column and cell.money:
            return cell.value if isinstance(cell.value, int) else 0
    return None


def money_cells(row: Row) -> Iterator[Cell]:
    return (c for c in row.cells if c.money)


def column(table: Table, key: str) -> Column | None:
    return next((c for c in table.columns if c.key == key), None)


def has_columns(table: Table, *keys: str) -> bool:
    present = {c.key for c in table.columns}
    return all(k in present for k in keys)


def rows_at(table: Table, *levels: str) -> list[Row]:
    return [r for r in table.rows if r.level in levels]


def total_row(table: Table) -> Row | None:
    return next((r for r in table.rows if r.level == "total"), None)


def leaf_rows(table: Table) -> list[Row]:
    """The deepest rows of a matrix table (the ones every total is made of).

    "其中" rows (indented fixed rows, or labels starting with 其中) are parts of the row
    above them, not further leaves, so they are left out.
    """
    leaves = [r for r in table.rows if r.level in LEAF_LEVELS and not is_part_row(r)]
    if leaves:
        return leaves
    return [r for r in table.rows if r.level in GROUP_LEVELS and r.level != "department"]


def is_part_row(row: Row) -> bool:
    """A "其中" row: a breakdown of the row above it rather than a row of its own."""
    return row.level == "fixed" and (row.indent > 0 or row.label.lstrip().startswith("其中"))


def balance_value(table: Table, side_key: str, column: str) -> int | None:
    """Value of a two-sided table's cell addressed by its semantic row key (``income:grand_total``)."""
    cell = table.cell(side_key, column)
    if cell is None:
        return None
    return cell.value if isinstance(cell.value, int) else 0
