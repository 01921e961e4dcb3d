"""HTML rendering of computed tables: one standalone, printable, accessible page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from yusuan.compute.model import Table, Tables
from yusuan.render._grid import indent_target, layout

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class HeadCell:
    text: str
    rowspan: int
    colspan: int
    scope: str


@dataclass(frozen=True, slots=True)
class BodyCell:
    text: str
    rowspan: int
    colspan: int
    css: str
    style: str
    data_row: str | None
    data_col: str | None


@dataclass(frozen=True, slots=True)
class BodyRow:
    css: str
    cells: tuple[BodyCell, ...]


@dataclass(frozen=True, slots=True)
class Section:
    anchor: str
    table: Table
    col_widths: tuple[str, ...]
    head: tuple[tuple[HeadCell, ...], ...]
    body: tuple[BodyRow, ...]


def _anchor(table: Table, n: int, used: set[str]) -> str:
    base = "t-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", table.id).strip("-") or str(n))
    anchor, k = base, 2
    while anchor in used:
        anchor, k = f"{base}-{k}", k + 1
    used.add(anchor)
    return anchor


def _css(kind: str) -> str:
    return "num" if kind == "money" else kind


def _section(table: Table, anchor: str) -> Section:
    grid = layout(table)
    total = sum(grid.widths) or 1.0
    widths = tuple(f"{w * 100 / total:.2f}%" for w in grid.widths)
    head = tuple(
        tuple(
            HeadCell(s.item or "", s.rowspan, s.colspan, "colgroup" if s.colspan > 1 else "col") for s in line
        )
        for line in grid.header
    )
    rows = []
    for row, slots in zip(table.rows, grid.body, strict=True):
        target = indent_target(row)
        cells = []
        for slot in slots:
            cell = slot.item
            if cell is None:
                cells.append(BodyCell("", 1, 1, _css(grid.kinds[slot.col]), "", None, None))
                continue
            css = "num" if cell.money else _css(grid.kinds[slot.col])
            if isinstance(cell.value, str) and cell.value.isdigit():
                css += " code"  # classification and unit codes never wrap
            style = f"padding-left: {0.4 + row.indent:.1f}em" if cell is target else ""
            cells.append(
                BodyCell(table.display(cell), slot.rowspan, slot.colspan, css, style,
                         cell.row_key or row.key, cell.column)
            )
        rows.append(BodyRow("total" if row.level == "total" else "", tuple(cells)))
    return Section(anchor, table, widths, head, tuple(rows))


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(tables: Tables, *, title: str, subtitle: str = "") -> str:
    """One self-contained HTML page with a 目录 and every table (no external resources)."""
    used: set[str] = set()
    sections = [_section(t, _anchor(t, n, used)) for n, t in enumerate(tables.tables, start=1)]
    template = _environment().get_template("tables.html.j2")
    return template.render(title=title, subtitle=subtitle, sections=sections)


__all__ = ["render_html"]
