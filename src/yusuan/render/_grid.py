"""Grid placement shared by the renderers.

Body cells of text tables carry HTML-style spans: a position covered by a rowspan
from an earlier row is absent from later rows.  This module works out where every
header and body cell lands, shrinks spans that would overlap (XLSX cannot merge
overlapping ranges) and adds empty filler slots for uncovered positions, so that
both renderers draw exactly the same grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from yusuan.compute.model import Cell, Column, ColumnKind, Row, Table

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Slot(Generic[T]):
    """One drawn cell: its top-left grid position, spans and content (``None`` for a filler)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    item: T | None


@dataclass(frozen=True, slots=True)
class Layout:
    width: int
    header: tuple[tuple[Slot[str], ...], ...]
    body: tuple[tuple[Slot[Cell], ...], ...]
    kinds: tuple[ColumnKind, ...]
    widths: tuple[float, ...]


def _claim(
    taken: set[tuple[int, int]], r: int, c: int, rowspan: int, colspan: int, nrows: int
) -> tuple[int, int]:
    """Reserve the largest free rectangle at (r, c) within the requested spans."""
    want_rows = max(1, min(rowspan, nrows - r))
    rows = 1
    while rows < want_rows and (r + rows, c) not in taken:
        rows += 1
    cols = 1
    while cols < max(1, colspan) and all((r + i, c + cols) not in taken for i in range(rows)):
        cols += 1
    taken.update((r + i, c + j) for i in range(rows) for j in range(cols))
    return rows, cols


def _fill(
    placed: list[list[Slot[T]]], taken: set[tuple[int, int]], width: int
) -> tuple[tuple[Slot[T], ...], ...]:
    out = []
    for r, slots in enumerate(placed):
        gaps: list[Slot[T]] = [Slot(r, c, 1, 1, None) for c in range(width) if (r, c) not in taken]
        out.append(tuple(sorted([*slots, *gaps], key=lambda s: s.col)))
    return tuple(out)


def default_width(column: Column) -> float:
    """Column width in spreadsheet character units (the pack's width when it gives one)."""
    if column.width:
        return column.width
    if column.kind == "money":
        return 12.0
    if column.kind == "text":
        return 24.0
    leaf = column.header[-1] if column.header else ""
    if len(leaf.replace(" ", "")) <= 1:
        return 6.0
    if any(word in leaf for word in ("编码", "代码", "代 码")) or leaf.endswith("码"):
        return 14.0
    return 28.0


def layout(table: Table) -> Layout:
    nrows = len(table.rows)
    depth = max([len(table.header), *(hc.row + 1 for line in table.header for hc in line)])
    head_taken: set[tuple[int, int]] = set()
    head: list[list[Slot[str]]] = [[] for _ in range(depth)]
    for hc in sorted((hc for line in table.header for hc in line), key=lambda h: (h.row, h.col)):
        if hc.row < 0 or hc.col < 0 or (hc.row, hc.col) in head_taken:
            continue
        rs, cs = _claim(head_taken, hc.row, hc.col, hc.rowspan, hc.colspan, depth)
        head[hc.row].append(Slot(hc.row, hc.col, rs, cs, hc.text))

    body_taken: set[tuple[int, int]] = set()
    body: list[list[Slot[Cell]]] = [[] for _ in range(nrows)]
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row.cells:
            while (r, c) in body_taken:
                c += 1
            rs, cs = _claim(body_taken, r, c, cell.rowspan, cell.colspan, nrows)
            body[r].append(Slot(r, c, rs, cs, cell))
            c += cs

    width = max([len(table.columns), *(c + 1 for _r, c in head_taken), *(c + 1 for _r, c in body_taken)])
    kinds = tuple(table.columns[i].kind if i < len(table.columns) else "text" for i in range(width))
    widths = tuple(default_width(table.columns[i]) if i < len(table.columns) else 24.0 for i in range(width))
    return Layout(width, _fill(head, head_taken, width), _fill(body, body_taken, width), kinds, widths)


def indent_target(row: Row) -> Cell | None:
    """The cell that carries the row's indent: its first non-empty, non-numeric label cell."""
    if not row.indent:
        return None
    for cell in row.cells:
        if not cell.money and isinstance(cell.value, str) and cell.value.strip() and not cell.value.isdigit():
            return cell
    return None


def text_width(text: str) -> int:
    """Approximate printed width in character units (CJK characters count double)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
