"""Families M and C (continued): order of table rows and printed class names (rules M530, C330 and up).

The class names of the two-sided summary tables are printed by the template: for a budget compiled
by yusuan they come from its template pack, so C330 reads only disclosures whose tables someone
else printed (imported, or built without a pack).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import pairwise

from yusuan.check.context import CheckContext
from yusuan.check.registry import Finding, rule
from yusuan.check.rules import _wording as wd
from yusuan.compute.model import Row, Table

_CODED = ("functional:", "econ:")


def _codes(row: Row) -> tuple[str, str | None] | None:
    """(code, 政府 economic code or None) of a coded row, ``None`` for any other row."""
    for prefix in _CODED:
        if row.key.startswith(prefix):
            code, _, gov = row.key[len(prefix):].partition("/")
            return (code, gov or None) if code.isdigit() else None
    return None


def _groups(table: Table) -> Iterator[list[tuple[Row, str, str | None]]]:
    """Runs of consecutive coded rows (a department, unit or total row starts a new run)."""
    run: list[tuple[Row, str, str | None]] = []
    for row in table.rows:
        codes = _codes(row)
        if codes is None:
            if run:
                yield run
            run = []
        else:
            run.append((row, *codes))
    if run:
        yield run


def _ascending(codes: list[str]) -> bool:
    return all(a <= b for a, b in pairwise(codes))


def _first_descent(run: list[tuple[Row, str, str | None]]) -> tuple[Row, str, str] | None:
    """(row, its code, the greater code printed before it) of the first row printed after a greater code."""
    highest = ""
    for row, code, _gov in run:
        if code < highest:
            return row, code, highest
        highest = max(highest, code)
    return None


def _misplaced(codes: list[str]) -> int:
    """How many rows must move to put ``codes`` in order (rows outside a longest ascending run)."""
    tails: list[str] = []
    for code in codes:
        at = bisect_right(tails, code)
        if at == len(tails):
            tails.append(code)
        else:
            tails[at] = code
    return len(codes) - len(tails)


@rule(
    code="M530", slug="coded-rows-in-code-order", severity="warning", tier="strict",
    title="科目行按编码顺序排列",
    message="各行未按科目编码顺序排列（至少 {count} 行位置不对），如 {actual}",
    hint="按科目编码从小到大排列各行（类、款、项依次排列），便于查找和核对；是否列类级小计行由版式决定。",
    tags=("表格", "科目编码"), needs=("tables",),
)
def coded_rows_in_code_order(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        count = 0
        first: tuple[Row, str, str] | None = None
        for run in _groups(table):
            codes = [code for _r, code, _g in run]
            gov = [g for _r, _c, g in run]
            if _ascending(codes) or (all(gov) and _ascending([g or "" for g in gov])):
                continue
            count += _misplaced(codes)
            first = first or _first_descent(run)
        if first is not None:
            row, code, before = first
            yield Finding(ctx.at_cell(table, row), {"count": count},
                          expected=f"{code} 排在 {before} 之前", actual=f"{code} 排在 {before} 之后")


def _printed_by_template(ctx: CheckContext) -> bool:
    """Whether the tables' labels come from a yusuan template pack (packs are checked by their own tests)."""
    return ctx.pack is not None


@rule(
    code="C330", slug="class-name-in-summary-table", severity="warning", tier="strict",
    title="收支总表的支出类名称与科目目录不符",
    message="支出功能分类 {code} 类印为“{actual}”，{year} 年科目目录中为“{expected}”{why}",
    hint="收支总表支出栏的类级名称应使用当年《政府收支分类科目》的名称（如 210 类 2019 年起为“卫生健康支出”，"
         "207 类为“文化旅游体育与传媒支出”），不要沿用旧模板。",
    tags=("科目目录", "科目名称"), needs=("catalog", "tables"),
)
def class_name_in_summary_table(ctx: CheckContext) -> Iterator[Finding]:
    catalog = ctx.catalog
    if catalog is None or _printed_by_template(ctx):
        return
    keys: dict[str, str] | None = None
    for table in ctx.tables_of("balance"):
        for row in table.rows:
            for cell in row.cells:
                key = cell.row_key or ""
                code = key.removeprefix("expenditure:")
                if not cell.column.endswith(".label") or code == key or len(code) != 3 or not code.isdigit():
                    continue
                official = catalog.functional.get(code)
                if official is None or not isinstance(cell.value, str) or not cell.value.strip():
                    continue
                printed = wd.bare_name(cell.value)
                if wd.class_key(printed) == wd.class_key(official):
                    continue
                former = wd.former_class_name(printed)
                if former is not None and former.code == code and former.until is not None \
                        and ctx.year <= former.until:
                    continue
                why = ""
                if former is not None and former.code == code:
                    why = "（这是该类的旧名称）"
                elif former is not None:
                    current = catalog.functional.get(former.code, "")
                    why = f"（“{printed}”是 {former.code} 类的旧名称" + (f"，现为“{current}”）" if current else "）")
                else:
                    if keys is None:
                        keys = {wd.class_key(n): c for c, n in catalog.functional.items() if len(c) == 3}
                    other = keys.get(wd.class_key(printed))
                    if other is not None and other != code:
                        why = f"（“{printed}”是 {other} 类的名称）"
                yield Finding(ctx.at_cell(table, key, cell.column), {"code": code, "year": ctx.year, "why": why},
                              expected=official, actual=printed)
