"""XLSX rendering of computed tables (XlsxWriter): one printable worksheet per table."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook  # type: ignore[import-untyped]
from xlsxwriter.format import Format  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from yusuan.compute.model import Cell, Table, Tables
from yusuan.money import to_unit
from yusuan.render._grid import Layout, indent_target, layout, text_width

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
LINE_HEIGHT = 14.0
TOC_NAME = "目录"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


class _Formats:
    """Cached cell formats keyed by their properties."""

    def __init__(self, workbook: Workbook) -> None:
        self._wb = workbook
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self._wb.add_format({"font_name": BODY_FONT, "font_size": 10, **props})
        return self._cache[key]

    def cell(self, kind: str, *, bold: bool = False, indent: int = 0, decimals: int = 2) -> Format:
        props: dict[str, Any] = {"border": 1, "valign": "vcenter", "bold": bold}
        if kind == "money":
            props.update(align="right", num_format=money_format(decimals))
        else:
            props.update(align="left", text_wrap=True, num_format="@", indent=indent)
        return self.get(**props)


def money_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def sheet_names(tables: Tables) -> list[str]:
    """Unique valid worksheet names: the table code, or a short title when there is none."""
    used = {TOC_NAME.casefold(), "history"}
    names = []
    for n, table in enumerate(tables.tables, start=1):
        base = _BAD_SHEET_CHARS.sub("_", table.code or table.title or f"表{n}").strip().strip("'")
        base = base[:31] or f"表{n}"
        name, k = base, 2
        while name.casefold() in used:
            suffix = f"({k})"
            name, k = base[: 31 - len(suffix)] + suffix, k + 1
        used.add(name.casefold())
        names.append(name)
    return names


def _span(ws: Worksheet, r1: int, c1: int, r2: int, c2: int, fmt: Format) -> None:
    """Format (and merge when larger than one cell) a rectangle, leaving it blank."""
    if (r1, c1) == (r2, c2):
        ws.write_blank(r1, c1, None, fmt)
    else:
        ws.merge_range(r1, c1, r2, c2, "", fmt)


def _lines(text: str, width: float) -> int:
    avail = max(width - 1.0, 1.0)
    return sum(max(1, math.ceil(text_width(part) / avail)) for part in text.split("\n"))


def _write_cell(ws: Worksheet, r: int, c: int, table: Table, cell: Cell, fmt: Format) -> None:
    text = table.display(cell)
    if cell.money and isinstance(cell.value, int) and text:
        ws.write_number(r, c, float(to_unit(cell.value, table.money_unit, table.decimals)), fmt)
    elif text:
        ws.write_string(r, c, text, fmt)
    else:
        ws.write_blank(r, c, None, fmt)


def _write_body(ws: Worksheet, fm: _Formats, table: Table, grid: Layout, top: int) -> None:
    for r, (row, slots) in enumerate(zip(table.rows, grid.body, strict=True)):
        bold = row.level == "total"
        target = indent_target(row)
        needed = 0.0
        for slot in slots:
            cell = slot.item
            kind = "money" if cell is not None and cell.money else grid.kinds[slot.col]
            indent = row.indent if cell is not None and cell is target else 0
            fmt = fm.cell(kind, bold=bold, indent=indent, decimals=table.decimals)
            _span(ws, top + r, slot.col, top + r + slot.rowspan - 1, slot.col + slot.colspan - 1, fmt)
            if cell is None:
                continue
            _write_cell(ws, top + r, slot.col, table, cell, fmt)
            if slot.rowspan > 1 or slot.colspan > 1:
                width = sum(grid.widths[slot.col : slot.col + slot.colspan])
                needed = max(needed, _lines(table.display(cell), width) * LINE_HEIGHT / slot.rowspan)
        if needed > LINE_HEIGHT + 1:  # merged cells are not auto-fitted by spreadsheet programs
            ws.set_row(top + r, needed)


def _write_header(ws: Worksheet, fm: _Formats, grid: Layout, top: int) -> None:
    fmt = fm.get(bold=True, align="center", valign="vcenter", text_wrap=True, border=1, bg_color="#E7ECF3")
    heights = [LINE_HEIGHT + 4] * len(grid.header)
    for line in grid.header:
        for slot in line:
            r, c = top + slot.row, slot.col
            _span(ws, r, c, r + slot.rowspan - 1, c + slot.colspan - 1, fmt)
            if slot.item:
                ws.write_string(r, c, slot.item, fmt)
                width = sum(grid.widths[c : c + slot.colspan])
                per_row = _lines(slot.item, width) * LINE_HEIGHT / slot.rowspan + 4
                for k in range(slot.rowspan):
                    heights[slot.row + k] = max(heights[slot.row + k], per_row)
    for k, height in enumerate(heights):
        ws.set_row(top + k, height)


def _write_paragraph(ws: Worksheet, r: int, width: int, text: str, fmt: Format, total_width: float) -> None:
    if width > 1:
        ws.merge_range(r, 0, r, width - 1, "", fmt)
    ws.write_string(r, 0, text, fmt)
    ws.set_row(r, _lines(text, total_width) * LINE_HEIGHT + 4)


def _write_table(ws: Worksheet, fm: _Formats, table: Table) -> None:
    grid = layout(table)
    width = grid.width or 1
    for c, col_width in enumerate(grid.widths):
        ws.set_column(c, c, col_width)
    total_width = sum(grid.widths) or 10.0
    r = 0
    if table.code:
        ws.write_string(r, 0, table.code, fm.get(align="left"))
        r += 1
    title_fmt = fm.get(font_name=TITLE_FONT, font_size=16, bold=True, align="center", valign="vcenter")
    _write_paragraph(ws, r, width, table.title, title_fmt, total_width / 1.6)
    ws.set_row(r, max(30.0, _lines(table.title, total_width / 1.6) * 22.0))
    r += 1
    left, right = fm.get(align="left", valign="vcenter"), fm.get(align="right", valign="vcenter")
    if width == 1:
        ws.write_string(r, 0, f"{table.org_label}　{table.unit_label}".strip(), left)
    else:
        half = max(1, width // 2)
        _span(ws, r, 0, r, half - 1, left)
        ws.write_string(r, 0, table.org_label, left)
        _span(ws, r, half, r, width - 1, right)
        ws.write_string(r, half, table.unit_label, right)
    r += 1
    header_top = r
    _write_header(ws, fm, grid, header_top)
    r += len(grid.header)
    _write_body(ws, fm, table, grid, r)
    r += len(grid.body)
    para = fm.get(align="left", valign="top", text_wrap=True)
    statement = [table.empty_statement] if table.is_empty and table.empty_statement else []
    paragraphs = [*statement, *table.notes]
    for text in paragraphs:
        _write_paragraph(ws, r, width, text, para, total_width)
        r += 1
    _page_setup(ws, table, width, r - 1, header_top, len(grid.header))


def _page_setup(ws: Worksheet, table: Table, width: int, last_row: int, header_top: int, depth: int) -> None:
    if table.orientation == "portrait":
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.hide_gridlines(1)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.print_area(0, 0, max(last_row, 0), width - 1)
    if depth:
        ws.repeat_rows(header_top, header_top + depth - 1)
        ws.freeze_panes(header_top + depth, 0)


def _write_toc(wb: Workbook, fm: _Formats, tables: Tables, names: list[str], title: str) -> None:
    ws = wb.add_worksheet(TOC_NAME)
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 2, 60)
    title_fmt = fm.get(font_name=TITLE_FONT, font_size=16, bold=True, align="center", valign="vcenter")
    ws.merge_range(0, 0, 0, 2, "", title_fmt)
    ws.write_string(0, 0, title or TOC_NAME, title_fmt)
    ws.set_row(0, 30)
    head = fm.get(bold=True, align="center", valign="vcenter", border=1, bg_color="#E7ECF3")
    for c, text in enumerate(("序号", "表号", "表名")):
        ws.write_string(1, c, text, head)
    plain = fm.get(border=1, align="center", valign="vcenter")
    link = fm.get(border=1, align="left", valign="vcenter", font_color="#0563C1", underline=1)
    for n, (table, name) in enumerate(zip(tables.tables, names, strict=True), start=1):
        ws.write_number(n + 1, 0, n, plain)
        ws.write_string(n + 1, 1, table.code, plain)
        target = "internal:'" + name.replace("'", "''") + "'!A1"
        ws.write_url(n + 1, 2, target, link, table.title or name, f"转到{name}")
    ws.set_portrait()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(1)
    ws.repeat_rows(1, 1)


def write_xlsx(tables: Tables, path: Path, *, title: str) -> None:
    """Write every table to its own worksheet of an XLSX workbook, after a 目录 sheet."""
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    with Workbook(str(path), options) as wb:
        wb.set_properties(
            {"title": title, "subject": "部门预算公开表", "author": "yusuan", "comments": "由 yusuan 生成"}
        )
        fm = _Formats(wb)
        names = sheet_names(tables)
        _write_toc(wb, fm, tables, names, title)
        for table, name in zip(tables.tables, names, strict=True):
            _write_table(wb.add_worksheet(name), fm, table)


__all__ = ["money_format", "sheet_names", "write_xlsx"]
