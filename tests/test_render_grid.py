"""The shared grid fills positions no cell covers (a short row) with empty slots."""

from __future__ import annotations

from yusuan.compute.model import Cell, Column, Row, Table, Tables
from yusuan.money import MoneyUnit
from yusuan.render._grid import layout
from yusuan.render.html import render_html


def _short_row_table() -> Table:
    columns = tuple(Column(f"c{n}", (f"列{n}",), "text") for n in range(1, 4))
    rows = (
        Row("r1", "form", (Cell("甲", "c1"), Cell("乙", "c2"), Cell("丙", "c3"))),
        Row("r2", "form", (Cell("只有一格", "c1"),)),  # two positions of this row are covered by nothing
    )
    return Table(id="t", kind="raw", number=None, code="", title="短行表", money_unit=MoneyUnit.WAN, decimals=2,
                 org_label="", columns=columns, header=(), rows=rows, is_empty=True, empty_statement="")


def test_uncovered_positions_become_empty_slots() -> None:
    grid = layout(_short_row_table())
    second = grid.body[1]
    assert [s.col for s in second] == [0, 1, 2]
    assert second[0].item is not None and second[1].item is None and second[2].item is None


def test_html_draws_a_table_with_a_short_row() -> None:
    html = render_html(Tables((_short_row_table(),)), title="测试")
    assert "只有一格" in html
