"""Family A: arithmetic inside each table (totals, subtotals, column identities)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.check.context import CheckContext
from yusuan.check.registry import Finding, rule
from yusuan.check.rules._balance import (
    FISCAL_INCOME_ROWS,
    PROJECT_KIND_COLUMNS,
    THREE_PUBLIC_NAMES,
    Line,
    at,
    by_key,
    column_identity,
    finding,
    first,
    groups,
    is_within,
    line_identity,
    lines,
    money_keys,
    others,
    part_name,
    side_columns,
    targets_total_column,
    three_public,
)
from yusuan.check.rules._tables import leaf_rows, money, total_row
from yusuan.compute.model import Table


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


# -- shared templates ---------------------------------------------------------------------------

_SUM_MESSAGE = "“{name}”应等于{parts}之和 {expected}，实为 {actual}，相差 {difference}"


# -- group rows of matrix tables ----------------------------------------------------------------


@rule(
    code="A103", slug="units-sum-to-department", severity="error", tier="basic",
    title="各单位行之和等于部门行",
    message="部门行“{name}”应等于所属各单位行之和 {expected}，实为 {actual}，相差 {difference}",
    hint="多单位部门的部门行是各预算单位行的汇总；检查是否漏加、重复加了某个单位。",
    tags=("合计", "单位"), needs=("tables",),
)
def units_sum_to_department(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        for parent, children in groups(lines(table)):
            if parent.level == "department" and all(c.level == "unit" for c in children):
                yield from line_identity(ctx, table, parent, children)


@rule(
    code="A125", slug="unit-equals-its-rows", severity="error", tier="basic",
    title="单位行等于所属明细行之和",
    message="单位行“{name}”应等于其下各明细行之和 {expected}，实为 {actual}，相差 {difference}",
    hint="单位行是该单位各科目（或项目）行的汇总；检查该单位下的明细行或单位行本身。",
    tags=("合计", "单位"), needs=("tables",),
)
def unit_equals_its_rows(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        for parent, children in groups(lines(table)):
            if parent.level == "unit":
                yield from line_identity(ctx, table, parent, children)


@rule(
    code="A121", slug="class-equals-sections", severity="error", tier="basic",
    title="类（款）行等于所属款（项）行之和",
    message="“{name}”行应等于其下各明细科目行之和 {expected}，实为 {actual}，相差 {difference}",
    hint="类 = Σ款 = Σ项：检查该类（款）下的科目行是否漏列、错列到其他类，或汇总行填写有误。",
    tags=("合计", "科目"), needs=("tables",),
)
def class_equals_sections(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        for parent, children in groups(lines(table)):
            if parent.level in ("functional_class", "functional_section", "econ_class"):
                yield from line_identity(ctx, table, parent, children)


# -- column identities of the expenditure tables ------------------------------------------------


def _expenditure_rows(ctx: CheckContext, total: str, groups_of_parts: list[list[str]],
                      complete: bool = False, only: Table | None = None) -> Iterator[Finding]:
    """Balance tables listing 基本/项目支出 as rows (2020 收支总表): ``expenditure:<total>`` = Σ part rows.

    With ``complete``, a table lacking one of the part rows is skipped; ``only``: just that table.
    """
    for table in ctx.tables_of("balance") if only is None else [only]:
        table_lines = lines(table)
        index = by_key(table_lines)
        parent = index.get(f"expenditure:{total}")
        if parent is None:
            continue
        for parts in groups_of_parts:
            children = [index[f"expenditure:{p}"] for p in parts if f"expenditure:{p}" in index]
            if not complete or len(children) == len(parts):
                yield from line_identity(ctx, table, parent, children)


@rule(
    code="A104", slug="basic-subtotal-equals-parts", severity="error", tier="basic",
    title="基本支出小计等于各明细之和",
    message=_SUM_MESSAGE,
    hint=("基本支出小计 = 工资福利支出 + 对个人和家庭的补助 + 商品和服务支出 + 资本性支出"
          "（2020 版式：工资福利支出 + 公用经费 + 对个人和家庭的补助）。"),
    tags=("基本支出",), needs=("tables",),
)
def basic_subtotal_equals_parts(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        keys = money_keys(table)
        yield from column_identity(ctx, table, "basic", [k for k in keys if k.startswith("basic.")])
    rows = ["basic.wages", "basic.households", "basic.goods", "basic.capital", "basic.operating"]
    yield from _expenditure_rows(ctx, "basic", [rows])


@rule(
    code="A105", slug="project-subtotal-equals-parts", severity="error", tier="basic",
    title="项目支出小计等于各类项目之和",
    message=_SUM_MESSAGE,
    hint=("项目支出小计 = 其他运转类 + 特定目标类"
          "（2020 版式：一般性项目 + 专项资金，且等于按经济分类列示的各项专项支出之和）。"),
    tags=("项目支出",), needs=("tables",),
)
def project_subtotal_equals_parts(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        keys = [k for k in money_keys(table) if k.startswith("project.")]
        kinds = [k for k in keys if k in PROJECT_KIND_COLUMNS]
        for parts in (kinds, [k for k in keys if k not in PROJECT_KIND_COLUMNS]):
            yield from column_identity(ctx, table, "project", parts)
    for table in ctx.tables_of("balance"):
        index = by_key(lines(table))
        parent = index.get("expenditure:project")
        if parent is None:
            continue
        children = [ln for k, ln in index.items() if k.startswith("expenditure:project.")]
        by_kind = [ln for ln in children if ln.name in PROJECT_KIND_COLUMNS]
        by_econ = [ln for ln in children if ln.name not in PROJECT_KIND_COLUMNS]
        for part_lines in (by_kind, by_econ):
            yield from line_identity(ctx, table, parent, part_lines)


@rule(
    code="A106", slug="total-equals-basic-plus-project", severity="error", tier="basic",
    title="合计等于基本支出加项目支出",
    message=_SUM_MESSAGE,
    hint="每一行的合计都应等于基本支出小计与项目支出小计之和（另列单位预留机动经费、结转下年资金的，一并相加）。",
    tags=("基本支出", "项目支出"), needs=("tables",),
)
def total_equals_basic_plus_project(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("matrix"):
        keys = money_keys(table)
        extra = [k for k in EXPENDITURE_EXTRA_COLUMNS if k in keys]
        yield from column_identity(ctx, table, "total", ["basic", "project", *extra], complete=True)
    for table in ctx.tables_of("balance"):
        index = by_key(lines(table))
        extra = [k for k in EXPENDITURE_EXTRA_ROWS if f"expenditure:{k}" in index]
        yield from _expenditure_rows(ctx, "total", [["basic", "project", *extra]], complete=True, only=table)


EXPENDITURE_EXTRA_COLUMNS = ("reserve", "next_year")
"""Parts of an expenditure total besides 基本/项目支出 some layouts print (江苏: 单位预留机动经费, 结转下年资金)."""
EXPENDITURE_EXTRA_ROWS = ("reserve",)
"""Rows of a 收支 table's 支出用途 side besides 基本/项目支出 that its 支出合计 includes (单位预留机动经费)."""


# -- income tables ------------------------------------------------------------------------------


@rule(
    code="A107", slug="income-equals-sources", severity="error", tier="basic",
    title="收入合计等于各收入来源之和",
    message=_SUM_MESSAGE,
    hint=("本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算 + 财政专户管理资金 + 事业收入 + …"
          "（“其中：财政拨款”不另加）。"),
    tags=("收入",), needs=("tables",),
)
def income_equals_sources(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("income_summary")
    if table is None:
        return
    keys = money_keys(table)
    if "current" in keys:
        parts = [k for k in keys if k.startswith("current.") and not is_within(table, k)]
        yield from column_identity(ctx, table, "current", parts)
    elif "carryover" not in keys:
        yield from column_identity(ctx, table, "total", others(table, "total"))


@rule(
    code="A108", slug="income-total-equals-current-plus-carryover", severity="error", tier="basic",
    title="收入总计等于本年收入加上年结转结余",
    message=_SUM_MESSAGE,
    hint="总计 = 本年收入合计 + 上年结转结余合计；上年结转结余合计 = 其下各来源之和。",
    tags=("收入", "结转"), needs=("tables",),
)
def income_total_equals_current_plus_carryover(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("income_summary")
    if table is None:
        return
    keys = money_keys(table)
    if "current" in keys and "carryover" in keys:
        yield from column_identity(ctx, table, "total", ["current", "carryover"])
    yield from column_identity(ctx, table, "carryover", [k for k in keys if k.startswith("carryover.")])


def _appropriation_pairs(table: Table) -> Iterator[tuple[str, str]]:
    keys = set(money_keys(table))
    for key in money_keys(table):
        if key.endswith("appropriation") and is_within(table, key):
            sibling = key[: -len("appropriation")] + "general_public"
            if sibling in keys:
                yield key, sibling


@rule(
    code="A109", slug="appropriation-within-general-public", severity="warning", tier="basic",
    title="其中：财政拨款不超过一般公共预算",
    message="“其中：财政拨款” {actual} 超过一般公共预算 {expected}，超出 {difference}",
    hint="财政拨款是一般公共预算的一部分，不应大于一般公共预算小计；检查两列（行）是否填反。",
    tags=("收入", "财政拨款"), needs=("tables",),
)
def appropriation_within_general_public(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        tolerance = ctx.tolerance_fen(table)
        table_lines = lines(table)
        # columns: 其中：财政拨款 next to 一般公共预算小计
        for part, whole in _appropriation_pairs(table):
            for line in table_lines:
                if part in line.values and line.values[part] > line.get(whole) + tolerance:
                    yield finding(ctx, table, at(ctx, table, line, part), line.get(whole), line.values[part])
        if table.kind != "balance":
            continue
        # rows of two-sided tables: 其中：财政拨款 (or 财政拨款) under 一般公共预算
        index = by_key(table_lines)
        for key, line in index.items():
            whole_line = index.get(re.sub(r"(gpb_)?appropriation$", "general_public", key))
            if not key.endswith("appropriation") or whole_line is None or whole_line is line:
                continue
            for col, value in line.values.items():
                if not col.endswith("appropriation") and value > whole_line.get(col) + tolerance:
                    yield finding(ctx, table, at(ctx, table, line, col), whole_line.get(col), value)


# -- two-sided (收支) tables --------------------------------------------------------------------

_BALANCE_TOTALS = (
    ("income:grand_total", ("income:current_total", "income:carryover")),
    ("expenditure:grand_total", ("expenditure:current_total", "expenditure:year_end_carryover")),
    ("income:total", ("income:current_total", "income:unit_carryover", "income:business_fund")),
    ("income:total", ("income:current", "income:carryover")),
    ("expenditure:total", ("expenditure:current", "expenditure:year_end_carryover")),
)


@rule(
    code="A110", slug="balance-total-equals-current-plus-carryover", severity="error", tier="basic",
    title="总计等于本年合计加结转结余",
    message=_SUM_MESSAGE,
    hint="收入总计 = 本年收入合计 + 上年结转结余；支出总计 = 本年支出合计 + 年终结转结余。",
    tags=("合计", "结转"), needs=("tables",),
)
def balance_total_equals_current_plus_carryover(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("balance"):
        index = by_key(lines(table))
        for total, parts in _BALANCE_TOTALS:
            if total in index and parts[0] in index:
                yield from line_identity(ctx, table, index[total], [index[p] for p in parts if p in index])


@rule(
    code="A111", slug="income-equals-expenditure", severity="error", tier="basic",
    title="收入总计等于支出总计",
    message="“{name}”应等于“{other}” {expected}，实为 {actual}，相差 {difference}",
    hint="收支总表和财政拨款收支总表必须收支平衡；检查两侧的合计行。",
    tags=("收支平衡",), needs=("tables",),
)
def income_equals_expenditure(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("balance"):
        index = by_key(lines(table))
        income = first(index, "income:grand_total", "income:total")
        spent = first(index, "expenditure:grand_total", "expenditure:total")
        inc_cols, exp_cols = side_columns(table, "income"), side_columns(table, "expenditure")
        if income is None or spent is None or not inc_cols or not exp_cols:
            continue
        expected, actual = income.get(inc_cols[0]), spent.get(exp_cols[0])
        if ctx.differs(expected, actual, table):
            yield finding(ctx, table, at(ctx, table, spent, exp_cols[0]), expected, actual,
                          name=spent.label, other=income.label)


@rule(
    code="A112", slug="classes-sum-to-expenditure-total", severity="error", tier="basic",
    title="各类支出之和等于本年支出合计",
    message=_SUM_MESSAGE,
    hint="按支出功能分类列示的各类支出之和应等于本年支出合计（财政拨款收支总表：支出合计）。",
    tags=("合计", "科目"), needs=("tables",),
)
def classes_sum_to_expenditure_total(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("balance"):
        table_lines = lines(table)
        index = by_key(table_lines)
        target = first(index, "expenditure:current_total", "expenditure:current", "expenditure:total")
        classes = [ln for ln in table_lines if ln.side == "expenditure" and ln.name.isdigit() and len(ln.name) == 3]
        if target is not None and classes:
            yield from line_identity(ctx, table, target, classes, parts_name="各类支出")


@rule(
    code="A113", slug="income-rows-sum-to-current", severity="error", tier="basic",
    title="各项收入之和等于本年收入合计",
    message=_SUM_MESSAGE,
    hint="本年收入合计 = 各收入来源行之和（缩进的明细行和“其中”行不另加）。",
    tags=("收入", "合计"), needs=("tables",),
)
def income_rows_sum_to_current(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("balance"):
        table_lines = lines(table)
        index = by_key(table_lines)
        target = index.get("income:current_total")
        if target is None:
            continue
        parts: list[Line] = []
        for line in table_lines:
            if line is target:
                break
            if line.side == "income" and line.level != "total" and line.indent == 0 and not line.within:
                parts.append(line)
        yield from line_identity(ctx, table, target, parts, parts_name="各收入来源")


@rule(
    code="A126", slug="income-group-equals-details", severity="error", tier="basic",
    title="收入小计等于所属明细之和",
    message=_SUM_MESSAGE,
    hint="如“一般公共预算小计”= 财政拨款 + 行政事业性收费 + … + 上年结余（结转），“政府性基金小计”同理。",
    tags=("收入", "合计"), needs=("tables",),
)
def income_group_equals_details(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("balance"):
        income = [ln for ln in lines(table) if ln.side == "income" and ln.level != "total"]
        for n, line in enumerate(income):
            if line.indent != 0:
                continue
            details: list[Line] = []
            for below in income[n + 1:]:
                if below.indent == 0:
                    break
                details.append(below)
            if details and not all(d.within for d in details):
                yield from line_identity(ctx, table, line, [d for d in details if d.indent == 1 and not d.within])


@rule(
    code="A114", slug="fiscal-income-parts", severity="error", tier="basic",
    title="财政拨款收入各项之和等于小计",
    message=_SUM_MESSAGE,
    hint=("一、本年收入 = 一般公共预算拨款 + 政府性基金预算拨款 + 国有资本经营预算拨款"
          "；二、上年结转同理；收入合计 = 本年收入 + 上年结转。"),
    tags=("财政拨款", "收入"), needs=("tables",),
)
def fiscal_income_parts(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("fiscal_summary")
    if table is None or table.kind != "balance":
        return
    table_lines = lines(table)
    index = by_key(table_lines)
    income = [ln for ln in table_lines if ln.side == "income"]
    for group in ("current", "carryover"):
        parent = index.get(f"income:{group}")
        if parent is not None:
            parts = [ln for ln in income if ln.name.startswith(group + ".") and not ln.within
                     and not ln.name.endswith("appropriation")]
            yield from line_identity(ctx, table, parent, parts)
    total = index.get("income:total")
    if total is not None and "income:current" not in index:
        parts = [ln for ln in income if ln.indent == 0 and ln.level != "total" and not ln.within]
        yield from line_identity(ctx, table, total, parts, parts_name="各类财政拨款收入")


@rule(
    code="A115", slug="fiscal-expenditure-equals-sources", severity="error", tier="basic",
    title="财政拨款支出合计等于各类拨款之和",
    message=_SUM_MESSAGE,
    hint=("财政拨款收支总表每一支出行：合计 = 一般公共预算小计 + 政府性基金 + 国有资本经营预算"
          "（“其中：财政拨款”不另加）。"),
    tags=("财政拨款", "支出"), needs=("tables",),
)
def fiscal_expenditure_equals_sources(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("fiscal_summary")
    if table is None:
        return
    parts = [f"expenditure.{k}" for k in FISCAL_INCOME_ROWS]
    yield from column_identity(ctx, table, "expenditure.total", parts, complete=True)


@rule(
    code="A127", slug="balance-expenditure-equals-sources", severity="error", tier="basic",
    title="收支总表支出合计等于各资金来源之和",
    message=_SUM_MESSAGE,
    hint=("2020 版收支总表每一支出行：合计 = 用事业单位基金弥补收支差额 + 部门结转 + 本年支出小计"
          "；本年支出小计 = 各资金来源之和。"),
    tags=("支出", "合计"), needs=("tables",),
)
def balance_expenditure_equals_sources(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("income_expenditure_summary")
    if table is None:
        return
    keys = money_keys(table)
    if "expenditure.current" not in keys:
        return
    table_lines = lines(table)
    top = ["expenditure.business_fund", "expenditure.unit_carryover", "expenditure.current"]
    yield from column_identity(ctx, table, "expenditure.total", top, table_lines, complete=True)
    sources = [k for k in keys if k.startswith("expenditure.") and k not in (*top, "expenditure.total")
               and not is_within(table, k)]
    yield from column_identity(ctx, table, "expenditure.current", sources, table_lines)


# -- other tables -------------------------------------------------------------------------------


@rule(
    code="A116", slug="econ-summary-total-equals-sources", severity="error", tier="basic",
    title="经济分类汇总表总计等于各资金来源之和",
    message=_SUM_MESSAGE,
    hint="支出经济分类汇总表每一行：总计 = 各资金来源列之和（“其中：财政拨款”不另加）。",
    tags=("经济分类",), needs=("tables",),
)
def econ_summary_total_equals_sources(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("econ_summary")
    if table is not None:
        yield from column_identity(ctx, table, "total", others(table, "total"))


@rule(
    code="A117", slug="basic-table-total-equals-parts", severity="error", tier="basic",
    title="基本支出表合计等于各组成之和",
    message=_SUM_MESSAGE,
    hint="一般公共预算基本支出表每一行：合计 = 人员经费 + 公用经费（2020 版式：合计 = 各收入来源之和）。",
    tags=("基本支出",), needs=("tables",),
)
def basic_table_total_equals_parts(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("general_public_basic")
    if table is not None:
        yield from column_identity(ctx, table, "total", others(table, "total"))


@rule(
    code="A118", slug="three-public-total", severity="error", tier="basic",
    title="“三公”经费合计等于三项之和",
    message="{name}应等于{parts}之和 {expected}，实为 {actual}，相差 {difference}",
    hint="“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费。",
    tags=("三公经费",), needs=("tables",),
)
def three_public_total(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("three_public")
    if table is None:
        return
    items = three_public(table)
    if "total" not in items:
        return
    vehicles = ["vehicles"] if "vehicles" in items else ["vehicle_purchase", "vehicle_operation"]
    parts = [p for p in ("overseas_travel", *vehicles, "official_reception") if p in items]
    if not parts:
        return
    actual, line, col = items["total"]
    expected = sum(items[p][0] for p in parts)
    if ctx.differs(expected, actual, table):
        yield finding(ctx, table, at(ctx, table, line, col), expected, actual, name=THREE_PUBLIC_NAMES["total"],
                      parts="、".join(THREE_PUBLIC_NAMES[p] for p in parts))


@rule(
    code="A119", slug="three-public-vehicles", severity="error", tier="basic",
    title="公务用车购置及运行费等于购置费加运行费",
    message="{name}应等于{parts}之和 {expected}，实为 {actual}，相差 {difference}",
    hint="公务用车购置及运行费 = 公务用车购置费 + 公务用车运行维护费。",
    tags=("三公经费",), needs=("tables",),
)
def three_public_vehicles(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("three_public")
    if table is None:
        return
    items = three_public(table)
    parts = [p for p in ("vehicle_purchase", "vehicle_operation") if p in items]
    if "vehicles" not in items or not parts:
        return
    actual, line, col = items["vehicles"]
    expected = sum(items[p][0] for p in parts)
    if ctx.differs(expected, actual, table):
        yield finding(ctx, table, at(ctx, table, line, col), expected, actual, name=THREE_PUBLIC_NAMES["vehicles"],
                      parts="、".join(THREE_PUBLIC_NAMES[p] for p in parts))


@rule(
    code="A120", slug="project-total-equals-sources", severity="error", tier="basic",
    title="项目支出表合计等于各资金来源之和",
    message=_SUM_MESSAGE,
    hint="项目支出表每一行：合计 = 本年拨款 + 财政拨款结转结余 + 财政专户管理资金 + 单位资金。",
    tags=("项目支出",), needs=("tables",),
)
def project_total_equals_sources(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("project_expenditure")
    if table is not None:
        yield from column_identity(ctx, table, "total", others(table, "total"))


@rule(
    code="A122", slug="department-targets-budget", severity="error", tier="basic",
    title="整体绩效目标表预算总额等于资金来源、资金结构之和",
    message=_SUM_MESSAGE,
    hint="部门预算总额 = 资金来源各项之和 = 资金结构（基本支出 + 项目支出）之和。",
    tags=("绩效目标",), needs=("tables",),
)
def department_targets_budget(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("department_targets")
    if table is None:
        return
    table_lines = lines(table)
    total = by_key(table_lines).get("budget_total")
    if total is None or not total.values:
        return
    for prefix, name in (("source.", "资金来源各项"), ("structure.", "资金结构各项")):
        parts = [ln for ln in table_lines if ln.key.startswith(prefix)]
        yield from line_identity(ctx, table, total, parts, parts_name=name)


@rule(
    code="A123", slug="project-targets-amounts", severity="error", tier="basic",
    title="项目绩效目标汇总表金额自洽",
    message=_SUM_MESSAGE,
    hint="每个项目：资金总额 = 政府预算资金 + 财政专户管理资金 + 单位资金；部门（单位）行 = 所属各项目之和。",
    tags=("绩效目标", "项目支出"), needs=("tables",),
)
def project_targets_amounts(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables_of("project_targets_summary"):
        total = targets_total_column(table)
        if total is None:
            continue
        table_lines = lines(table)
        yield from column_identity(ctx, table, total, others(table, total), table_lines, name=part_name(table, total))
        for parent, children in groups(table_lines):
            if parent.level in ("department", "unit"):
                name = "所属各单位" if all(c.level == "unit" for c in children) else "所属各项目"
                yield from line_identity(ctx, table, parent, children, parts_name=name)


@rule(
    code="A124", slug="negative-amount", severity="warning", tier="advisory",
    title="表中出现负数金额",
    message="出现负数金额 {actual}（本表共 {count} 处负数）",
    hint="预算表中的金额一般不应为负；核实是否为调减、冲销，或录入时符号有误。",
    tags=("数据",), needs=("tables",),
)
def negative_amount(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        negatives = [(line, col, v) for line in lines(table) for col, v in line.values.items() if v < 0]
        if negatives:
            line, col, value = negatives[0]
            yield Finding(at(ctx, table, line, col), {"count": len(negatives)}, actual=ctx.fmt(value, table))
