"""Family A: arithmetic inside each table (totals, subtotals, column identities)."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.context import CheckContext
from yusuan.check.registry import Finding, rule
from yusuan.check.rules._tables import leaf_rows, money, total_row


@rule(
    code="A101", slug="total-row-equals-rows", severity="error", tier="basic",
    title="合计行等于各明细行之和",
    message="“合计”行应等于各明细行之和 {expected}，实为 {actual}，相差 {difference}",
    hint="检查是否漏列、重复列了明细行，或合计行填写有误。",
    tags=("合计",), needs=("tables",),
)
def total_row_equals_rows(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        total = total_row(table)
        leaves = leaf_rows(table)
        if total is None or not leaves:
            continue
        for col in table.money_columns():
            expected = sum(money(r, col.key) or 0 for r in leaves)
            actual = money(total, col.key) or 0
            if ctx.differs(expected, actual, table):
                yield Finding(ctx.at_cell(table, total, col), expected=ctx.fmt(expected, table),
                              actual=ctx.fmt(actual, table), difference=ctx.fmt(actual - expected, table))


@rule(
    code="A102", slug="department-row-equals-total", severity="error", tier="basic",
    title="部门行等于合计行",
    message="部门行应等于“合计”行 {expected}，实为 {actual}，相差 {difference}",
    hint="部门汇总行与合计行应一致；检查部门行是否漏加了某个单位或科目。",
    tags=("合计",), needs=("tables",),
)
def department_row_equals_total(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        total = total_row(table)
        departments = [r for r in table.rows if r.level == "department"]
        if total is None or len(departments) != 1:
            continue
        dept = departments[0]
        for col in table.money_columns():
            expected, actual = money(total, col.key) or 0, money(dept, col.key) or 0
            if ctx.differs(expected, actual, table):
                yield Finding(ctx.at_cell(table, dept, col), expected=ctx.fmt(expected, table),
                              actual=ctx.fmt(actual, table), difference=ctx.fmt(actual - expected, table))
