"""Family X: identities between tables (收支总表 ↔ 收入/支出总表 ↔ 财政拨款 ↔ 一般公共预算 ↔ 三公 ↔ 绩效)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from yusuan.check.context import CheckContext
from yusuan.check.registry import Finding, rule
from yusuan.check.rules._balance import (
    FISCAL_INCOME_ROWS,
    THREE_PUBLIC_ECON,
    THREE_PUBLIC_NAMES,
    Line,
    at,
    by_key,
    class_sums,
    column_name,
    econ_code,
    finding,
    first,
    functional_leaves,
    lines,
    money_keys,
    project_name,
    ref,
    side_columns,
    targets_total_column,
    three_public,
    total_line,
)
from yusuan.compute.model import Table

_MESSAGE = "应等于{other}“{name}” {expected}，实为 {actual}，相差 {difference}"


def _tables(ctx: CheckContext, *ids: str) -> list[Table] | None:
    """The tables with these ids, or None when one is missing."""
    found = [ctx.table(i) for i in ids]
    return None if any(t is None for t in found) else [t for t in found if t is not None]


def _amount_column(table: Table, side: str) -> str | None:
    """The first money column of one side of a two-sided table (金额, or 合计)."""
    cols = side_columns(table, side)
    return cols[0] if cols else None


def _compare(ctx: CheckContext, table: Table, line: Line, col: str, expected: int, other: Table,
             name: str) -> Iterator[Finding]:
    """``table``'s cell (line, col) against ``expected`` taken from ``other``'s ``name``."""
    if col in line.values and ctx.differs(expected, line.values[col], table):
        yield finding(ctx, table, at(ctx, table, line, col), expected, line.values[col], other=ref(other), name=name)


def _balance_grand(table: Table, side: str) -> Line | None:
    return first(by_key(lines(table)), f"{side}:grand_total", f"{side}:total")


# -- 收支总表 ↔ 收入总表 / 支出总表 -----------------------------------------------------------------


@rule(
    code="X201", slug="income-table-matches-balance-total", severity="error", tier="basic",
    title="收入总表总计与收支总表收入总计一致",
    message=_MESSAGE,
    hint="部门收入总体情况表的合计行“总计”应等于部门收支总体情况表的“收入总计”。",
    tags=("收入",), needs=("tables",),
)
def income_table_matches_balance_total(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "income_expenditure_summary", "income_summary")
    if found is None:
        return
    t01, t02 = found
    grand, col01 = _balance_grand(t01, "income"), _amount_column(t01, "income")
    total = total_line(lines(t02))
    if grand is not None and col01 is not None and total is not None:
        yield from _compare(ctx, t02, total, "total", grand.get(col01), t01, grand.label)


@rule(
    code="X202", slug="expenditure-table-matches-balance-total", severity="error", tier="basic",
    title="支出总表合计与收支总表支出合计一致",
    message=_MESSAGE,
    hint="部门支出总体情况表的合计应等于部门收支总体情况表的本年支出合计（支出总计）。",
    tags=("支出",), needs=("tables",),
)
def expenditure_table_matches_balance_total(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "income_expenditure_summary", "expenditure_summary")
    if found is None:
        return
    t01, t03 = found
    spent = first(by_key(lines(t01)), "expenditure:current_total", "expenditure:grand_total", "expenditure:total")
    col01 = _amount_column(t01, "expenditure")
    total = total_line(lines(t03))
    if spent is not None and col01 is not None and total is not None:
        yield from _compare(ctx, t03, total, "total", spent.get(col01), t01, spent.label)


@rule(
    code="X203", slug="balance-classes-match-expenditure-items", severity="error", tier="basic",
    title="收支总表各类支出与支出总表一致",
    message="{cls}类支出应等于{other}该类各科目之和 {expected}，实为 {actual}，相差 {difference}",
    hint="部门收支总体情况表中每一类支出，应等于部门支出总体情况表中该类下各项科目的合计之和。",
    tags=("支出", "科目"), needs=("tables",),
)
def balance_classes_match_expenditure_items(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "income_expenditure_summary", "expenditure_summary")
    if found is None:
        return
    t01, t03 = found
    col01 = _amount_column(t01, "expenditure")
    classes = {ln.name: ln for ln in lines(t01) if ln.side == "expenditure" and ln.name.isdigit()
               and len(ln.name) == 3}
    if col01 is None or not classes or not functional_leaves(lines(t03)):
        return  # 支出总表 printed without functional rows (江苏公开03表: one 合计 row): nothing to add up
    sums = class_sums(lines(t03), "total")
    for cls, line in classes.items():
        expected = sums.get(cls, 0)
        if col01 in line.values and ctx.differs(expected, line.values[col01], t01):
            yield finding(ctx, t01, at(ctx, t01, line, col01), expected, line.values[col01], other=ref(t03), cls=cls)
    for cls, amount in sums.items():
        if cls not in classes and ctx.differs(amount, 0, t01):
            yield finding(ctx, t01, ctx.at_table(t01), amount, 0, other=ref(t03), cls=cls)


@rule(
    code="X221", slug="income-rows-match-expenditure-rows", severity="error", tier="basic",
    title="收入总表与支出总表各行一致",
    message=_MESSAGE,
    hint="同一部门、单位（或功能科目）在部门收入总体情况表中的总计，应等于在部门支出总体情况表中的合计。",
    tags=("收入", "支出"), needs=("tables",),
)
def income_rows_match_expenditure_rows(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "income_summary", "expenditure_summary")
    if found is None:
        return
    t02, t03 = found
    rows03 = by_key(lines(t03))
    for line in lines(t02):
        other = rows03.get(line.key)
        if line.level != "total" and other is not None and "total" in other.values:
            yield from _compare(ctx, t02, line, "total", other.get("total"), t03, f"{other.label}”行“合计")


@rule(
    code="X212", slug="income-table-matches-balance-rows", severity="error", tier="basic",
    title="收入总表各来源与收支总表一致",
    message=_MESSAGE,
    hint="部门收入总体情况表合计行的各收入来源，应等于部门收支总体情况表收入方的同名行。",
    tags=("收入",), needs=("tables",),
)
def income_table_matches_balance_rows(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "income_expenditure_summary", "income_summary")
    if found is None:
        return
    t01, t02 = found
    col01 = _amount_column(t01, "income")
    index = by_key(lines(t01))
    total = total_line(lines(t02))
    if col01 is None or total is None:
        return
    aliases = {"appropriation": ("appropriation", "gpb_appropriation"), "current": ("current_total",),
               "special_account.carryover": ("special_account_carryover",), "total": ()}
    for col in money_keys(t02):
        name = col.removeprefix("current.") if col.startswith("current.") else col
        if col.startswith("carryover."):
            continue
        row = first(index, *(f"income:{k}" for k in aliases.get(name, (name,))))
        if row is not None:
            yield from _compare(ctx, t02, total, col, row.get(col01), t01, row.label)


# -- 财政拨款收支总表 ------------------------------------------------------------------------------


@rule(
    code="X213", slug="fiscal-income-matches-balance", severity="error", tier="basic",
    title="财政拨款收入与收支总表一致",
    message=_MESSAGE,
    hint="财政拨款收支总表的各项拨款收入，应等于部门收支总体情况表中一般公共预算、政府性基金、国有资本经营预算各行。",
    tags=("财政拨款", "收入"), needs=("tables",),
)
def fiscal_income_matches_balance(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "income_expenditure_summary", "fiscal_summary")
    if found is None:
        return
    t01, t04 = found
    col01, col04 = _amount_column(t01, "income"), _amount_column(t04, "income")
    if col01 is None or col04 is None:
        return
    index01, index04 = by_key(lines(t01)), by_key(lines(t04))
    skip = {"carryover", "total", "current_total", "grand_total"}
    for line in index04.values():
        if line.side != "income":
            continue
        name = line.name.removeprefix("current.")
        other = index01.get(f"income:{name}")
        if other is not None and name not in skip:
            yield from _compare(ctx, t04, line, col04, other.get(col01), t01, other.label)
    fiscal = [index01[f"income:{k}"] for k in FISCAL_INCOME_ROWS if f"income:{k}" in index01]
    target = first(index04, "income:current", "income:total")
    if fiscal and target is not None:
        name = "”加“".join(ln.label for ln in fiscal)
        yield from _compare(ctx, t04, target, col04, sum(ln.get(col01) for ln in fiscal), t01, name)


def _general_public_carryover(t04: Table) -> int:
    col = _amount_column(t04, "income")
    line = first(by_key(lines(t04)), "income:carryover.general_public", "income:gpb_carryover")
    return line.get(col) if line is not None and col is not None else 0


def _excludes_carryover(table: Table) -> bool:
    text = " ".join((table.title, *table.notes))
    return "不含上年结转" in text or "不含结转" in text


@rule(
    code="X205", slug="general-public-table-matches-fiscal", severity="error", tier="basic",
    title="一般公共预算支出表与财政拨款收支总表一致",
    message=_MESSAGE,
    hint=("一般公共预算支出情况表的合计，应等于财政拨款收支总表一般公共预算支出合计"
          "（本表不含上年结转时，应扣除一般公共预算上年结转）。"),
    tags=("一般公共预算", "财政拨款"), needs=("tables",),
)
def general_public_table_matches_fiscal(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "fiscal_summary", "general_public_expenditure")
    if found is None:
        return
    t04, t05 = found
    spent = first(by_key(lines(t04)), "expenditure:total")
    total = total_line(lines(t05))
    if spent is None or total is None or "expenditure.general_public" not in spent.values:
        return
    whole, carry = spent.get("expenditure.general_public"), _general_public_carryover(t04)
    actual = total.get("total")
    if _excludes_carryover(t05) and carry:
        expected, name = whole - carry, f"一般公共预算支出合计减上年结转 {ctx.fmt(carry, t04)}"
    elif carry and not ctx.differs(whole - carry, actual, t05):
        return
    else:
        expected, name = whole, "一般公共预算支出合计"
    yield from _compare(ctx, t05, total, "total", expected, t04, name)


@rule(
    code="X211", slug="fund-table-matches-fiscal", severity="error", tier="basic",
    title="政府性基金支出表与财政拨款收支总表一致",
    message=_MESSAGE,
    hint="政府性基金预算支出情况表的合计，应等于财政拨款收支总表“政府性基金”支出合计。",
    tags=("政府性基金", "财政拨款"), needs=("tables",),
)
def fund_table_matches_fiscal(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "fiscal_summary", "government_fund_expenditure")
    if found is None:
        return
    t04, t09 = found
    spent = first(by_key(lines(t04)), "expenditure:total")
    total = total_line(lines(t09))
    if spent is not None and total is not None and "expenditure.government_fund" in spent.values:
        yield from _compare(ctx, t09, total, "total", spent.get("expenditure.government_fund"), t04,
                            "政府性基金支出合计")


@rule(
    code="X217", slug="fiscal-classes-match-fund-tables", severity="error", tier="basic",
    title="财政拨款收支总表各类支出与一般公共预算、政府性基金支出表一致",
    message="{cls}类支出“{name}”应等于{other}该类各科目之和 {expected}，实为 {actual}，相差 {difference}",
    hint=("财政拨款收支总表每类支出的“一般公共预算”“政府性基金”列"
          "，应分别等于一般公共预算支出表、政府性基金预算支出表该类科目之和。"),
    tags=("财政拨款", "科目"), needs=("tables",),
)
def fiscal_classes_match_fund_tables(ctx: CheckContext) -> Iterator[Finding]:
    t04 = ctx.table("fiscal_summary")
    if t04 is None:
        return
    classes = [ln for ln in lines(t04) if ln.side == "expenditure" and ln.name.isdigit() and len(ln.name) == 3]
    carry = _general_public_carryover(t04)
    for table_id, col in (("general_public_expenditure", "expenditure.general_public"),
                          ("government_fund_expenditure", "expenditure.government_fund")):
        other = ctx.table(table_id)
        if other is None or (table_id == "general_public_expenditure" and carry and _excludes_carryover(other)):
            continue
        sums = class_sums(lines(other), "total")
        for line in classes:
            expected = sums.get(line.name, 0)
            if col in line.values and ctx.differs(expected, line.values[col], t04):
                yield finding(ctx, t04, at(ctx, t04, line, col), expected, line.values[col], other=ref(other),
                              cls=line.name, name=column_name(t04, col))


# -- 支出总表 ↔ 一般公共预算 / 基本支出 / 经济分类 / 项目 -------------------------------------------


@rule(
    code="X204", slug="general-public-table-equals-expenditure-table", severity="error", tier="basic",
    title="收入全部为一般公共预算时支出总表与一般公共预算支出表一致",
    message=("收入全部为一般公共预算，本表应与{other}逐行一致：“{row}”行“{column}”列应为 {expected}，"
             "实为 {actual}，相差 {difference}（共 {count} 处不一致）"),
    hint="部门收入只有一般公共预算时，一般公共预算支出情况表与部门支出总体情况表应完全相同；检查两表的对应行列。",
    tags=("一般公共预算", "支出"), needs=("tables",),
)
def general_public_table_equals_expenditure_table(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "income_expenditure_summary", "expenditure_summary", "general_public_expenditure")
    if found is None:
        return
    t01, t03, t05 = found
    col01 = _amount_column(t01, "income")
    index01 = by_key(lines(t01))
    grand, gp = _balance_grand(t01, "income"), index01.get("income:general_public")
    if col01 is None or grand is None or gp is None or grand.get(col01) == 0 or ctx.differs(
            grand.get(col01), gp.get(col01), t01):
        return
    lines03, lines05 = lines(t03), lines(t05)
    if not functional_leaves(lines03) and functional_leaves(lines05):
        return  # 支出总表 printed without functional rows (江苏公开03表): no row to compare
    index03, index05 = by_key(lines03), by_key(lines05)
    columns = [k for k in money_keys(t03) if k in set(money_keys(t05))]
    keys = [ln.key for ln in lines03] + [ln.key for ln in lines05 if ln.key not in index03]
    diffs: list[tuple[str, str, int, int]] = []
    for key in keys:
        a, b = index03.get(key), index05.get(key)
        for col in columns:
            expected, actual = (a.get(col) if a else 0), (b.get(col) if b else 0)
            if ctx.differs(expected, actual, t05):
                diffs.append((key, col, expected, actual))
    if diffs:
        key, col, expected, actual = diffs[0]
        line = index05.get(key) or index03[key]
        where = at(ctx, t05, line, col) if key in index05 else ctx.at_table(t05)
        yield finding(ctx, t05, where, expected, actual, other=ref(t03), row=line.label, count=len(diffs),
                      column=column_name(t05, col))


@rule(
    code="X206", slug="basic-table-matches-basic-column", severity="error", tier="basic",
    title="基本支出表合计与一般公共预算支出表基本支出一致",
    message=_MESSAGE,
    hint="一般公共预算基本支出表的合计，应等于一般公共预算支出情况表合计行的“基本支出”小计。",
    tags=("基本支出", "一般公共预算"), needs=("tables",),
)
def basic_table_matches_basic_column(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "general_public_expenditure", "general_public_basic")
    if found is None:
        return
    t05, t06 = found
    total05, total06 = total_line(lines(t05)), total_line(lines(t06))
    if total05 is not None and total06 is not None and "basic" in total05.values:
        yield from _compare(ctx, t06, total06, "total", total05.get("basic"), t05, column_name(t05, "basic"))


@rule(
    code="X207", slug="personnel-operating-match-columns", severity="error", tier="basic",
    title="人员经费、公用经费与一般公共预算支出表一致",
    message=_MESSAGE,
    hint=("人员经费 = 工资福利支出 + 对个人和家庭的补助；公用经费 = 商品和服务支出 + 资本性支出"
          "（取一般公共预算支出情况表合计行）。"),
    tags=("基本支出", "人员经费", "公用经费"), needs=("tables",),
)
def personnel_operating_match_columns(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "general_public_expenditure", "general_public_basic")
    if found is None:
        return
    t05, t06 = found
    total05, total06 = total_line(lines(t05)), total_line(lines(t06))
    if total05 is None or total06 is None:
        return
    for col, parts in (("personnel", ("basic.wages", "basic.households")),
                       ("operating", ("basic.goods", "basic.capital"))):
        if all(p in total05.values for p in parts):
            name = "”加“".join(column_name(t05, p) for p in parts)
            yield from _compare(ctx, t06, total06, col, sum(total05.get(p) for p in parts), t05, name)


_BASIC_CLASSES: dict[str, frozenset[str] | None] = {
    "basic.wages": frozenset({"301"}), "basic.households": frozenset({"303"}),
    "basic.goods": frozenset({"302"}), "basic.capital": frozenset({"309", "310"}),
    "basic.operating": None,  # every class but 301 and 303
}


@rule(
    code="X218", slug="basic-econ-classes-match-columns", severity="error", tier="basic",
    title="基本支出表各经济分类与一般公共预算支出表基本支出各列一致",
    message="经济分类{classes}类之和应等于{other}“{name}” {expected}，实为 {actual}，相差 {difference}",
    hint=("基本支出表中 301 类 = 工资福利支出，303 类 = 对个人和家庭的补助，302 类 = 商品和服务支出，"
          "309、310 类 = 资本性支出（2020 版式：301、303 以外各类 = 公用经费）。"),
    tags=("基本支出", "经济分类"), needs=("tables",),
)
def basic_econ_classes_match_columns(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "general_public_expenditure", "general_public_basic")
    if found is None:
        return
    t05, t06 = found
    total05, lines06 = total_line(lines(t05)), lines(t06)
    class_lines = [ln for ln in lines06 if ln.level == "econ_class"] or [
        ln for ln in lines06 if ln.level == "econ_section"]
    if total05 is None or not class_lines:
        return
    by_class: dict[str, int] = {}
    for line in class_lines:
        code = econ_code(line)
        if code is not None:
            by_class[code[:3]] = by_class.get(code[:3], 0) + line.get("total")
    total06 = total_line(lines06)
    for col, classes in _BASIC_CLASSES.items():
        if col not in total05.values:
            continue
        chosen = sorted(c for c in by_class if c not in ("301", "303")) if classes is None else sorted(classes)
        actual = sum(by_class.get(c, 0) for c in chosen)
        expected = total05.get(col)
        if not ctx.differs(expected, actual, t06):
            continue
        own = [ln for ln in class_lines if ln.level == "econ_class" and (econ_code(ln) or "")[:3] in chosen]
        where = at(ctx, t06, own[0], "total") if len(own) == 1 else (
            at(ctx, t06, total06, "total") if total06 is not None else ctx.at_table(t06))
        yield finding(ctx, t06, where, expected, actual, other=ref(t05), name=column_name(t05, col),
                      classes="、".join(chosen) or "（无）")


@rule(
    code="X208", slug="econ-summary-matches-expenditure-table", severity="error", tier="basic",
    title="经济分类汇总表与支出总表一致",
    message=_MESSAGE,
    hint="支出经济分类汇总表的总计（及各部门、单位行）应等于部门支出总体情况表的合计。",
    tags=("经济分类", "支出"), needs=("tables",),
)
def econ_summary_matches_expenditure_table(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "expenditure_summary", "econ_summary")
    if found is None:
        return
    t03, t07 = found
    index03 = by_key(lines(t03))
    total03 = total_line(index03.values())
    for line in lines(t07):
        if line.level == "total":
            other = total03
        elif line.level in ("department", "unit"):
            other = index03.get(line.key)
        else:
            continue
        if other is not None and "total" in other.values:
            yield from _compare(ctx, t07, line, "total", other.get("total"), t03, f"{other.label}”行“合计")


@rule(
    code="X210", slug="project-table-matches-project-column", severity="error", tier="basic",
    title="项目支出表与支出总表项目支出一致",
    message=_MESSAGE,
    hint="项目支出表的合计（及各部门、单位行）应等于部门支出总体情况表的“项目支出”小计。",
    tags=("项目支出",), needs=("tables",),
)
def project_table_matches_project_column(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "expenditure_summary", "project_expenditure")
    if found is None:
        return
    t03, t10 = found
    index03 = by_key(lines(t03))
    total03 = total_line(index03.values())
    for line in lines(t10):
        other = total03 if line.level == "total" else (
            index03.get(line.key) if line.level in ("department", "unit") else None)
        if other is not None and "project" in other.values:
            yield from _compare(ctx, t10, line, "total", other.get("project"), t03,
                                f"{other.label}”行“{column_name(t03, 'project')}")


@rule(
    code="X222", slug="balance-basic-project-rows-match", severity="error", tier="basic",
    title="收支总表基本、项目支出行与支出总表一致",
    message=_MESSAGE,
    hint=("2020 版收支总表按基本支出、项目支出列示支出：各行合计应等于部门支出总体情况表合计行的对应列"
          "，一般公共预算列应等于一般公共预算支出情况表。"),
    tags=("基本支出", "项目支出"), needs=("tables",),
)
def balance_basic_project_rows_match(ctx: CheckContext) -> Iterator[Finding]:
    t01 = ctx.table("income_expenditure_summary")
    if t01 is None:
        return
    index01 = by_key(lines(t01))
    if "expenditure:basic" not in index01:
        return
    for table_id, col01 in (("expenditure_summary", "expenditure.total"),
                            ("general_public_expenditure", "expenditure.general_public")):
        other = ctx.table(table_id)
        total = total_line(lines(other)) if other is not None else None
        if other is None or total is None:
            continue
        for line in index01.values():
            if line.side == "expenditure" and line.name in total.values and line.name != "total":
                yield from _compare(ctx, t01, line, col01, total.get(line.name), other,
                                    f"合计”行“{column_name(other, line.name)}")


# -- 三公经费 -----------------------------------------------------------------------------------


def _econ_three_public(t07: Table) -> tuple[dict[str, int], dict[str, int], bool]:
    """Per 三公 item: 07's 一般公共预算 amount and its 上年结转结余 amount, and whether any code is shown."""
    general: dict[str, int] = {}
    carry: dict[str, int] = {}
    shown = False
    for line in lines(t07):
        code = econ_code(line)
        item = THREE_PUBLIC_ECON.get(code or "")
        if item is None:
            continue
        shown = True
        general[item] = general.get(item, 0) + line.get("general_public")
        carry[item] = carry.get(item, 0) + line.get("carryover")
    vehicles = ("vehicle_operation", "vehicle_purchase")
    for values in (general, carry):
        values["vehicles"] = sum(values.get(v, 0) for v in vehicles)
        values["total"] = values["vehicles"] + values.get("overseas_travel", 0) + values.get("official_reception", 0)
    return general, carry, shown


@rule(
    code="X209", slug="three-public-matches-econ-rows", severity="error", tier="basic",
    title="“三公”经费与经济分类汇总表相应科目一致",
    message="应等于{other}经济分类{codes}的一般公共预算金额 {expected}，实为 {actual}，相差 {difference}",
    hint=("因公出国（境）费 = 30212，公务接待费 = 30217，公务用车运行维护费 = 30231，公务用车购置 = 31013"
          "（一般公共预算资金）。"),
    tags=("三公经费", "经济分类"), needs=("tables",),
)
def three_public_matches_econ_rows(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "econ_summary", "three_public")
    if found is None:
        return
    t07, t08 = found
    if "general_public" not in money_keys(t07):
        return
    general, carry, shown = _econ_three_public(t07)
    if not shown:
        return
    codes = {"overseas_travel": "30212", "official_reception": "30217", "vehicle_operation": "30231",
             "vehicle_purchase": "31013", "vehicles": "30231、31013", "total": "30212、30217、30231、31013"}
    for item, (actual, line, col) in three_public(t08).items():
        low = general.get(item, 0)
        # 三公 counts 一般公共预算 including its carryover; 07 may show carryover in a separate column
        if not ctx.differs(low, actual, t08) or low <= actual <= low + carry.get(item, 0):
            continue
        yield finding(ctx, t08, at(ctx, t08, line, col), low, actual, other=ref(t07), codes=codes[item])


@rule(
    code="X219", slug="three-public-codes-not-shown", severity="warning", tier="basic",
    title="经济分类汇总表未列示“三公”经费科目",
    message="“三公”经费合计 {actual}，但{other}未列示 30212、30217、30231、31013 等相应经济分类科目，无法核对",
    hint=("有“三公”经费预算时，支出经济分类汇总表应按款级科目列示因公出国"
          "（境）费、公务接待费、公务用车运行维护费和公务用车购置。"),
    tags=("三公经费", "经济分类"), needs=("tables",),
)
def three_public_codes_not_shown(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "econ_summary", "three_public")
    if found is None:
        return
    t07, t08 = found
    items = three_public(t08)
    if "total" not in items or not items["total"][0] or _econ_three_public(t07)[2]:
        return
    actual, line, col = items["total"]
    yield Finding(at(ctx, t08, line, col), {"other": ref(t07)}, actual=ctx.fmt(actual, t08))


@rule(
    code="X216", slug="three-public-matches-line-items", severity="error", tier="basic",
    title="“三公”经费表与预算明细一致",
    message="应等于按预算明细汇总的{name} {expected}，实为 {actual}，相差 {difference}",
    hint="“三公”经费表应由预算明细中经济分类 30212、30217、30231、31013 的一般公共预算金额汇总得出。",
    tags=("三公经费",), needs=("tables", "summary"),
)
def three_public_matches_line_items(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("three_public")
    if table is None or ctx.summary is None:
        return
    amounts = ctx.summary.amounts
    for item, (actual, line, col) in three_public(table).items():
        metric = "three_public" if item == "total" else item
        if metric in amounts and ctx.differs(amounts[metric], actual, table):
            yield finding(ctx, table, at(ctx, table, line, col), amounts[metric], actual,
                          name=THREE_PUBLIC_NAMES[item])


# -- 绩效目标表 ---------------------------------------------------------------------------------


@rule(
    code="X214", slug="department-targets-match-budget", severity="error", tier="basic",
    title="整体绩效目标表预算情况与预算表一致",
    message=_MESSAGE,
    hint="部门（单位）整体绩效目标表的部门预算总额应等于收支总表收入总计，基本支出、项目支出应等于部门支出总体情况表。",
    tags=("绩效目标",), needs=("tables",),
)
def department_targets_match_budget(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("department_targets")
    if table is None:
        return
    index = by_key(lines(table))
    t01, t03 = ctx.table("income_expenditure_summary"), ctx.table("expenditure_summary")
    budget_total = index.get("budget_total")
    if budget_total is not None and budget_total.values and t01 is not None:
        grand, col01 = _balance_grand(t01, "income"), _amount_column(t01, "income")
        if grand is not None and col01 is not None:
            col = next(iter(budget_total.values))
            yield from _compare(ctx, table, budget_total, col, grand.get(col01), t01, grand.label)
    total03 = total_line(lines(t03)) if t03 is not None else None
    if t03 is None or total03 is None:
        return
    for key, col03 in (("structure.basic", "basic"), ("structure.project", "project")):
        line = index.get(key)
        if line is not None and line.values and col03 in total03.values:
            yield from _compare(ctx, table, line, next(iter(line.values)), total03.get(col03), t03,
                                f"合计”行“{column_name(t03, col03)}")


def _project_amounts(table_lines: Sequence[Line], column_key: str) -> dict[str, tuple[int, Line]]:
    out: dict[str, tuple[int, Line]] = {}
    for line in table_lines:
        if line.level == "project" and column_key in line.values:
            name = project_name(line)
            amount, first_line = out.get(name, (0, line))
            out[name] = (amount + line.values[column_key], first_line)
    return out


@rule(
    code="X215", slug="project-targets-match-project-table", severity="error", tier="basic",
    title="项目绩效目标汇总表与项目支出表一致",
    message="项目“{project}”：{other}为 {expected}，本表为 {actual}{gap}",
    hint="项目支出表中的每个项目都应列入项目绩效目标汇总表，且资金总额一致；汇总表也不应列出项目支出表以外的项目。",
    tags=("绩效目标", "项目支出"), needs=("tables",),
)
def project_targets_match_project_table(ctx: CheckContext) -> Iterator[Finding]:
    found = _tables(ctx, "project_expenditure", "project_targets_summary")
    if found is None:
        return
    t10, t12 = found
    col12 = targets_total_column(t12)
    if col12 is None:
        return
    projects10 = _project_amounts(lines(t10), "total")
    projects12 = _project_amounts(lines(t12), col12)
    for name, (expected, _) in projects10.items():
        if name not in projects12:
            yield Finding(ctx.at_table(t12), {"project": name, "other": ref(t10), "gap": "（未列示该项目）"},
                          expected=ctx.fmt(expected, t10), actual="未列示")
            continue
        actual, line = projects12[name]
        if ctx.differs(expected, actual, t12):
            yield finding(ctx, t12, at(ctx, t12, line, col12), expected, actual, project=name, other=ref(t10),
                          gap=f"，相差 {ctx.fmt(actual - expected, t12)}")
    for name, (actual, line) in projects12.items():
        if name not in projects10:
            values = {"project": name, "other": ref(t10), "gap": "（项目支出表无此项目）"}
            yield Finding(at(ctx, t12, line, col12), values, expected="未列示", actual=ctx.fmt(actual, t12))


@rule(
    code="X220", slug="project-sheets-match-project-total", severity="warning", tier="basic",
    title="项目绩效目标表金额合计与项目支出一致",
    message=("本表“项目支出”合计 {expected}，而 {count} 张支出项目绩效目标表的“项目本年度金额”合计为 {actual}，"
             "相差 {difference}"),
    hint="每个项目都应填报支出项目绩效目标表，且“项目本年度金额”与预算一致；检查是否漏报项目或金额有误。",
    tags=("绩效目标", "项目支出"), needs=("tables",),
)
def project_sheets_match_project_total(ctx: CheckContext) -> Iterator[Finding]:
    sheets = [t for t in ctx.tables if t.kind == "project_target_sheets" and not t.is_empty]
    t03 = ctx.table("expenditure_summary")
    if not sheets or t03 is None or ctx.table("project_targets_summary") is not None:
        return
    total03 = total_line(lines(t03))
    if total03 is None or "project" not in total03.values:
        return
    actual = 0
    for sheet in sheets:
        amount = by_key(lines(sheet)).get("amount")
        if amount is not None and amount.values:
            actual += amount.values.get("c4", list(amount.values.values())[-1])
    expected = total03.get("project")
    if ctx.differs(expected, actual, t03):
        yield Finding(at(ctx, t03, total03, "project"), {"count": len(sheets)}, expected=ctx.fmt(expected, t03),
                      actual=ctx.fmt(actual, t03), difference=ctx.fmt(actual - expected, t03))
