"""Build broken variants of a checked disclosure, for the rules' failing fixtures.

Every helper returns a new :class:`CheckContext`; nothing is mutated in place.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from yusuan.api import compile_budget
from yusuan.catalog import load_catalog
from yusuan.check import CheckContext, context_for_compiled
from yusuan.compute.model import Cell, Row, Table
from yusuan.document.model import Block, Document, Heading, Paragraph, Section, TableBlock
from yusuan.ingest.build import build_budget

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {"xinxiang-2024": ROOT / "examples/xinxiang-2024/budget.yaml",
            "jiyuan-2020": ROOT / "examples/jiyuan-2020/budget.yaml"}


@cache
def raw_example(name: str = "xinxiang-2024") -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLES[name].read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def context_from_raw(raw: dict[str, Any]) -> CheckContext:
    """Compile a budget given as raw input data (the YAML shape) and build its check view."""
    catalog = load_catalog(raw.get("year"), use_user_dir=False)
    budget, _ = build_budget(raw, catalog)
    return context_for_compiled(compile_budget(budget), catalog=catalog)


@cache
def example(name: str = "xinxiang-2024") -> CheckContext:
    """The clean check view of an example budget (cached; contexts are immutable)."""
    return context_from_raw(raw_example(name))


def with_raw(change: Callable[[dict[str, Any]], None], name: str = "xinxiang-2024") -> CheckContext:
    """The example with its input data changed by ``change`` (a function editing a deep copy)."""
    raw = copy.deepcopy(raw_example(name))
    change(raw)
    return context_from_raw(raw)


# -- documents ------------------------------------------------------------------------------------


def with_document(ctx: CheckContext, document: Document) -> CheckContext:
    return dataclasses.replace(ctx, document=document)


def map_blocks(ctx: CheckContext, fn: Callable[[Block], Block | None]) -> CheckContext:
    """Replace (or drop, when ``fn`` returns None) every block of the document."""
    sections = []
    for section in ctx.document.sections:
        blocks = tuple(b for b in (fn(block) for block in section.blocks) if b is not None)
        sections.append(Section(blocks, section.orientation))
    return with_document(ctx, dataclasses.replace(ctx.document, sections=tuple(sections)))


def map_table(ctx: CheckContext, table_id: str, fn: Callable[[Table], Table | None]) -> CheckContext:
    def change(block: Block) -> Block | None:
        if isinstance(block, TableBlock) and block.table.id == table_id:
            new = fn(block.table)
            return TableBlock(new) if new is not None else None
        return block

    return map_blocks(ctx, change)


def without_table(ctx: CheckContext, table_id: str) -> CheckContext:
    return map_table(ctx, table_id, lambda t: None)


def retitle(ctx: CheckContext, table_id: str, title: str) -> CheckContext:
    return map_table(ctx, table_id, lambda t: dataclasses.replace(t, title=title, _index={}))


def set_cell(table: Table, row_key: str, column: str, value: int | str | None) -> Table:
    """A copy of ``table`` with one cell's value replaced (row key may be a two-sided ``income:…`` key)."""
    rows = []
    found = False
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell.column == column and (cell.row_key or row.key) == row_key:
                cell = cell._replace(value=value)
                found = True
            cells.append(cell)
        rows.append(dataclasses.replace(row, cells=tuple(cells)))
    assert found, f"no cell {row_key}/{column} in {table.id}"
    return dataclasses.replace(table, rows=tuple(rows), _index={})


def with_cell(ctx: CheckContext, table_id: str, row_key: str, column: str, value: int | str | None) -> CheckContext:
    return map_table(ctx, table_id, lambda t: set_cell(t, row_key, column, value))


def cell_value(ctx: CheckContext, table_id: str, row_key: str, column: str) -> int:
    table = ctx.table(table_id)
    assert table is not None
    return table.value(row_key, column)


def swap_cells(ctx: CheckContext, table_id: str, a: tuple[str, str], b: tuple[str, str]) -> CheckContext:
    va, vb = cell_value(ctx, table_id, *a), cell_value(ctx, table_id, *b)
    ctx = with_cell(ctx, table_id, a[0], a[1], vb)
    return with_cell(ctx, table_id, b[0], b[1], va)


def drop_row(ctx: CheckContext, table_id: str, row_key: str) -> CheckContext:
    def change(t: Table) -> Table:
        rows = tuple(r for r in t.rows if r.key != row_key)
        assert len(rows) < len(t.rows), f"no row {row_key} in {table_id}"
        return dataclasses.replace(t, rows=rows, _index={})

    return map_table(ctx, table_id, change)


def add_row(ctx: CheckContext, table_id: str, row: Row, after: str | None = None) -> CheckContext:
    def change(t: Table) -> Table:
        rows = list(t.rows)
        index = len(rows) if after is None else next(n for n, r in enumerate(rows) if r.key == after) + 1
        rows.insert(index, row)
        return dataclasses.replace(t, rows=tuple(rows), _index={})

    return map_table(ctx, table_id, change)


def edit_paragraphs(ctx: CheckContext, fn: Callable[[Paragraph], Paragraph | None]) -> CheckContext:
    return map_blocks(ctx, lambda b: fn(b) if isinstance(b, Paragraph) else b)


def replace_text(ctx: CheckContext, old: str, new: str) -> CheckContext:
    """Replace ``old`` by ``new`` in every paragraph (claims unchanged: the text now lies)."""
    hits = [p for p in ctx.document.paragraphs() if old in p.text]
    assert hits, f"text {old!r} not in the document"
    return edit_paragraphs(ctx, lambda p: dataclasses.replace(p, text=p.text.replace(old, new)))


def edit_headings(ctx: CheckContext, fn: Callable[[Heading], Heading | None]) -> CheckContext:
    return map_blocks(ctx, lambda b: fn(b) if isinstance(b, Heading) else b)


def new_cell(value: int | str | None, column: str, money: bool = False) -> Cell:
    return Cell(value, column, money)


# -- a department with two units (families A and X) -----------------------------------------------


def _add_second_unit(raw: dict[str, Any]) -> None:
    raw["units"].append({"code": "154002", "name": "新乡市金融服务中心", "type": "事业单位"})
    raw["items"] += [
        {"unit": "154002", "functional": "2010301", "econ": "30101", "kind": "基本支出", "source": "一般公共预算",
         "amount": 10.0},
        {"unit": "154002", "functional": "2010305", "econ": "30201", "kind": "项目支出", "source": "一般公共预算",
         "amount": 5.0, "project": "154002-P1"},
    ]
    raw["projects"].append({"code": "154002-P1", "name": "金融服务中心运转经费", "unit": "154002",
                            "kind": "其他运转类"})


@cache
def multi_unit_example() -> CheckContext:
    """新乡 2024 with a second budget unit (154002, 15 万元): department rows sum two unit rows."""
    return with_raw(_add_second_unit)
