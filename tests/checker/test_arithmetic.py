"""Family A fixtures: arithmetic inside tables."""

from __future__ import annotations

from checker.fixtures import fixture
from checker.mutate import example, with_cell
from yusuan.check import CheckContext


@fixture("A101", passing=example, count=1)
def a101_total_row_off_by_one() -> CheckContext:
    ctx = example()
    return with_cell(ctx, "expenditure_summary", "total", "total", 505_110_000)


@fixture("A102", passing=lambda: example("jiyuan-2020"), count=1)
def a102_department_row_differs() -> CheckContext:
    return with_cell(example(), "income_summary", "department:154", "total", 500_000_000)
