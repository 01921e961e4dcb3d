"""Family P: performance targets (绩效目标).

The rules read the printed targets tables (department_targets, project_targets_summary,
project_target_sheets:<code>) so that they apply to imported disclosures too; the few
that need what the tables do not print (project indicators' descriptions, indicators a
summary cannot show) declare ``needs=("budget", …)``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.registry import Finding, rule
from yusuan.check.rules._targets import (
    BENEFIT,
    COST,
    LOWER_BOUNDS,
    MEASURE_WORDS,
    MONEY_UNITS,
    OUTPUT,
    SATISFACTION,
    UPPER_BOUNDS,
    TargetRow,
    TargetSet,
    categories,
    cells_of,
    contradiction,
    department_set,
    has_project_target_tables,
    iter_rows,
    listed_projects,
    match_project,
    measure,
    norm,
    parse_value,
    project_sets,
    summary_level1_columns,
    target_sets,
    text_of,
    value_fen,
)
from yusuan.domain.performance import Operator, TargetValue

TAGS = ("绩效目标",)


def _at_set(ctx: CheckContext, target_set: TargetSet) -> Location:
    if target_set.anchor is None:
        return ctx.at_table(target_set.table)
    column = "name" if any(c.column == "name" for c in target_set.anchor.cells) else "c2"
    return ctx.at_cell(target_set.table, target_set.anchor, column)


def _at_value(ctx: CheckContext, row: TargetRow) -> Location:
    return ctx.at_cell(row.table, row.row, row.value_col)


def _group(target_set: TargetSet, *levels: str) -> str:
    """``项目“X”的“产出指标/数量指标”`` or, for the department-wide targets, ``“产出指标/数量指标”``."""
    path = "“" + "/".join(x for x in levels if x) + "”"
    return f"项目“{target_set.title}”的{path}" if target_set.kind == "project" else path


# -- P601/P602: the kinds of indicator a project must have -----------------------------------------


@rule(
    code="P601", slug="project-targets-missing-kinds", severity="error", tier="basic",
    title="项目绩效目标缺少产出、效益或满意度指标",
    message="项目“{project}”的绩效目标缺少{missing}指标",
    hint="项目绩效目标至少应有产出指标、效益（效果）指标和满意度指标，每类至少一个三级指标及指标值。",
    tags=TAGS, needs=("tables",),
)
def project_targets_missing_kinds(ctx: CheckContext) -> Iterator[Finding]:
    for target_set in project_sets(ctx):
        present = set().union(*(categories(r) for r in target_set.rows if r.name))
        missing = [k for k in (OUTPUT, BENEFIT, SATISFACTION) if k not in present]
        if missing:
            yield Finding(_at_set(ctx, target_set), {"project": target_set.title, "missing": "、".join(missing)})


@rule(
    code="P602", slug="project-targets-without-cost", severity="notice", tier="advisory",
    title="项目绩效目标没有成本指标",
    message="项目“{project}”的绩效目标没有成本指标",
    hint="全面实施预算绩效管理要求设置成本指标（经济成本、社会成本等），例如“项目总成本 ≤ 预算金额”。",
    tags=TAGS, needs=("tables",),
)
def project_targets_without_cost(ctx: CheckContext) -> Iterator[Finding]:
    for target_set in project_sets(ctx):
        if target_set.rows and not any(COST in categories(r) for r in target_set.rows if r.name):
            yield Finding(_at_set(ctx, target_set), {"project": target_set.title})


# -- P603/P615: values that are empty or say nothing -----------------------------------------------


@rule(
    code="P603", slug="target-value-empty", severity="error", tier="basic",
    title="指标值为空",
    message="指标“{indicator}”没有填写指标值",
    hint="每个三级指标都要有指标值：定量指标写“运算符 数值 单位”（如 ≥90%、≤37 万元），定性指标写可判断的目标。",
    tags=TAGS, needs=("tables",),
)
def target_value_empty(ctx: CheckContext) -> Iterator[Finding]:
    for _, row in iter_rows(target_sets(ctx)):
        if row.name and not norm(row.raw):
            yield Finding(_at_value(ctx, row), {"indicator": row.name})


_OPERATOR_CHARS = set("≥≤<>=＞＜≧≦＝")
_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _nonsense(value: TargetValue) -> bool:
    """``%``, ``≥``, ``——``, ``≥万元``: no words, or an operator and a unit without the number."""
    if value.is_quantitative or not value.qualitative:
        return False
    text = value.qualitative
    if not _WORDS.search(text):
        return True
    rest = text.lstrip("".join(_OPERATOR_CHARS))
    return rest != text and rest in MEASURE_WORDS  # ≥全省平均水平 is a (relative) target


@rule(
    code="P615", slug="target-value-unparseable", severity="warning", tier="basic",
    title="指标值无法解读",
    message="指标“{indicator}”的指标值“{value}”无法解读：既不是“运算符 数值 单位”，也不是定性目标",
    hint="定量指标写成“≥90%”“≤37 万元”“≥2 次”的形式；缺数值或只有符号（如单独的“%”“≥”）的指标值要补全。",
    tags=TAGS, needs=("tables",),
)
def target_value_unparseable(ctx: CheckContext) -> Iterator[Finding]:
    for _, row in iter_rows(target_sets(ctx)):
        if norm(row.raw) and _nonsense(row.value):
            yield Finding(_at_value(ctx, row), {"indicator": row.label, "value": row.raw})


# -- P604/P618: the description contradicts the value ----------------------------------------------


@rule(
    code="P604", slug="target-description-contradicts-value", severity="warning", tier="strict",
    title="指标值说明中的数字与指标值不符",
    message="指标“{indicator}”的指标值为 {actual}，说明却写“{expected}”：{reason}",
    hint="指标值应与说明中的计划数一致：计划举办两场，指标值应为“≥2 场”而不是“≥1 场”；"
         "说明写“2 次以上”，指标值应为“≥2 次”。",
    tags=TAGS, needs=("tables",),
)
def target_description_contradicts_value(ctx: CheckContext) -> Iterator[Finding]:
    for _, row in iter_rows(target_sets(ctx)):
        hit = contradiction(row.value, row.description)
        if hit is not None:
            stated, reason = hit
            yield Finding(_at_value(ctx, row), {"indicator": row.name, "reason": reason},
                          expected=stated.text, actual=norm(row.raw))


@rule(
    code="P618", slug="project-target-description-contradicts-value", severity="warning", tier="strict",
    title="项目指标说明中的数字与指标值不符",
    message="项目“{project}”的指标“{indicator}”指标值为 {actual}，填报的说明却写“{expected}”：{reason}",
    hint="项目指标的说明不在公开表中印出，但应与指标值一致；按说明中的计划数改正指标值或说明。",
    tags=TAGS, needs=("budget", "tables"),
)
def project_target_description_contradicts_value(ctx: CheckContext) -> Iterator[Finding]:
    assert ctx.budget is not None
    printed = {s.code: s for s in project_sets(ctx) if s.code}
    for project in ctx.budget.projects:
        for indicator in project.targets.indicators:
            value = parse_value(indicator.value.raw)
            hit = contradiction(value, indicator.description)
            if hit is None:
                continue
            stated, reason = hit
            where = _locate_indicator(ctx, printed.get(project.code), indicator.name)
            if where.source is None and indicator.source is not None:
                where = dataclasses.replace(where, source=indicator.source)
            yield Finding(where, {"project": project.name, "indicator": indicator.name, "reason": reason},
                          expected=stated.text, actual=norm(indicator.value.raw))


def _locate_indicator(ctx: CheckContext, target_set: TargetSet | None, name: str) -> Location:
    if target_set is None:
        table = ctx.table("project_expenditure")
        return ctx.at_table(table) if table is not None else Location(row_label=name)
    row = next((r for r in target_set.rows if norm(r.name) == norm(name)), None)
    return _at_value(ctx, row) if row is not None else _at_set(ctx, target_set)


# -- P605/P606: rates ------------------------------------------------------------------------------

_LOWER_IS_BETTER = ("不合格率", "调整率", "结转结余率", "结余率", "结转率", "差错率", "错误率", "投诉率", "事故率",
                    "发生率", "超支率", "空置率", "闲置率", "失误率", "返工率", "损失率", "违规率", "复发率", "流失率")
_HIGHER_IS_BETTER = ("执行率", "完成率", "满意度", "满意率", "覆盖率", "合格率", "达标率", "到位率", "及时率", "知晓率",
                     "细化率", "应用率", "公开率", "结案率", "办结率", "通过率", "准确率", "正确率", "完好率", "出勤率",
                     "参与率", "支付率", "兑现率", "落实率", "化解率", "处置率", "受理率", "响应率", "回复率", "销号率",
                     "验收率")


def _direction(name: str) -> str | None:
    """``higher`` / ``lower`` / ``three_public`` for a rate whose sensible direction is known."""
    name = norm(name)
    if "三公" in name and "控制率" in name:
        return "three_public"
    if any(w in name for w in _LOWER_IS_BETTER):
        return "lower"
    if any(w in name for w in _HIGHER_IS_BETTER):
        return "higher"
    return None


_DIRECTION_TEXT = {
    "higher": ("该比率越高越好，应设下限", "≥ 或 =100%"),
    "lower": ("该比率越低越好，应设上限", "≤"),
    "three_public": ("“三公经费”控制率是实际支出占预算的比例，不应超过 100%", "≤100%"),
}


@rule(
    code="P605", slug="rate-target-direction", severity="warning", tier="strict",
    title="比率类指标值的方向不对",
    message="指标“{indicator}”的指标值 {actual} 方向不对：{why}（应为 {expected}）",
    hint="预算执行率、政府采购执行率、绩效目标编制完成率、满意度等应设下限（≥ 或 =100%）；"
         "预算调整率、结转结余率应设上限（≤）；“三公经费”控制率应为 ≤100%。",
    tags=TAGS, needs=("tables",),
)
def rate_target_direction(ctx: CheckContext) -> Iterator[Finding]:
    for _, row in iter_rows(target_sets(ctx)):
        op = row.value.operator
        if op is None or not row.value.is_quantitative:
            continue
        direction = _direction(row.name)
        wrong = (direction == "higher" and op in UPPER_BOUNDS) or (
            direction in ("lower", "three_public") and op in LOWER_BOUNDS)
        if direction is not None and wrong:
            why, expected = _DIRECTION_TEXT[direction]
            yield Finding(_at_value(ctx, row), {"indicator": row.name, "why": why},
                          expected=expected, actual=norm(row.raw))


_GROWTH_WORDS = ("增长", "增幅", "增速", "增加", "提高", "提升", "同比", "环比", "倍", "变动", "下降", "降低", "减少",
                 "降幅")


@rule(
    code="P606", slug="percent-target-out-of-range", severity="error", tier="basic",
    title="百分比指标值超出 0–100%",
    message="指标“{indicator}”的指标值 {actual} 超出 0–100% 的范围",
    hint="完成率、执行率、满意度等比例不可能超过 100% 或为负数；检查是否多写或少写了一位数字。",
    tags=TAGS, needs=("tables",),
)
def percent_target_out_of_range(ctx: CheckContext) -> Iterator[Finding]:
    for _, row in iter_rows(target_sets(ctx)):
        number = row.value.number
        if number is None or measure(row.value.unit) != "%":
            continue
        if (number > 100 or number < 0) and not any(w in row.name for w in _GROWTH_WORDS):
            yield Finding(_at_value(ctx, row), {"indicator": row.name}, expected="0%–100%", actual=norm(row.raw))


# -- P607/P617: the targets tables and the project table -------------------------------------------
# The project summary (项目绩效目标汇总表) against the project table — list and 资金总额 — is X215's;
# these rules cover what it does not: per-project sheets, and the split by funding source.


@rule(
    code="P607", slug="target-sheets-project-list-differs", severity="error", tier="basic",
    title="项目绩效目标表的项目与项目支出表不一致",
    message="项目“{project}”{problem}",
    hint="项目支出表中的每个项目都应有一张项目绩效目标表，绩效目标表也不应出现项目支出表中没有的项目。",
    tags=TAGS, needs=("tables",),
)
def target_sheets_project_list_differs(ctx: CheckContext) -> Iterator[Finding]:
    listed = listed_projects(ctx)
    if listed is None or ctx.table("project_targets_summary") is not None or not has_project_target_tables(ctx):
        return
    matched: set[int] = set()
    for target_set in project_sets(ctx):
        hit = match_project(target_set, listed)
        if hit is None:
            yield Finding(_at_set(ctx, target_set), {
                "project": target_set.title, "problem": "有项目绩效目标表，但项目支出表中没有这个项目"})
        else:
            matched.add(id(hit))
    for project in listed:
        if id(project) not in matched:
            yield Finding(ctx.at_cell(project.table, project.row, "project_name"), {
                "project": project.name or project.code, "problem": "列在项目支出表中，但没有项目绩效目标表"})


_AMOUNT_LABELS = {"total": "项目本年度金额", "fiscal": "政府预算资金", "special_account": "财政专户管理资金",
                  "unit_funds": "单位资金"}


@rule(
    code="P617", slug="targets-project-amount-differs", severity="error", tier="basic",
    title="绩效目标表的项目金额与项目支出表不符",
    message="项目“{project}”的{what}应等于项目支出表的 {expected}，实为 {actual}，相差 {difference}",
    hint="绩效目标表中项目的金额及其资金来源构成应与项目支出表一致；检查是否抄错数字或把资金来源填错了栏。",
    tags=TAGS, needs=("tables",),
)
def targets_project_amount_differs(ctx: CheckContext) -> Iterator[Finding]:
    listed = listed_projects(ctx)
    if not listed:
        return
    for target_set in project_sets(ctx):
        project = match_project(target_set, listed)
        if project is None:
            continue
        table = target_set.table
        total, expected_total = target_set.amounts.get("total"), project.amounts.get("total")
        in_summary = table.id == "project_targets_summary"
        if in_summary and (total is None or expected_total is None or ctx.differs(total[0], expected_total, table)):
            continue  # the summary's 资金总额 is X215's; compare the split only when the totals agree
        for what, (actual, row, column) in target_set.amounts.items():
            expected = project.amounts.get(what)
            if (in_summary and what == "total") or expected is None or not ctx.differs(expected, actual, table):
                continue
            yield Finding(ctx.at_cell(table, row, column), {"project": target_set.title, "what": _AMOUNT_LABELS[what]},
                          expected=ctx.fmt(expected, table), actual=ctx.fmt(actual, table),
                          difference=ctx.fmt(actual - expected, table))


# -- P608: the department-wide targets -------------------------------------------------------------


class _Fill(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


@rule(
    code="P608", slug="department-targets-incomplete", severity="warning", tier="basic",
    title="部门整体绩效目标缺失或不完整",
    message="部门整体绩效目标{problem}",
    hint="按模板公开部门（单位）整体绩效目标表：年度履职目标、年度主要任务和各级绩效指标都要填写。",
    tags=TAGS, needs=("tables",),
)
def department_targets_incomplete(ctx: CheckContext) -> Iterator[Finding]:
    table = ctx.table("department_targets")
    if table is None:
        spec = next((s for s in ctx.pack.tables if s.layout.kind == "department_targets"), None) if ctx.pack else None
        if spec is not None:
            title = spec.title.format_map(_Fill(year=ctx.year, prior_year=ctx.year - 1, department=ctx.department))
            yield Finding(Location(table_id=spec.id, table_title=title),
                          {"problem": "表没有公开（模板要求公开部门整体绩效目标表）"})
        return
    if table.is_empty:
        yield Finding(ctx.at_table(table), {"problem": "没有填报：表中只有空表说明"})
        return
    goal = table.row("annual_goal")
    if goal is not None and not norm(text_of(cells_of(goal).get("c2"))):
        yield Finding(ctx.at_cell(table, goal, "c2"), {"problem": "缺少年度履职目标"})
    target_set = department_set(ctx)
    if target_set is None or not any(r.name for r in target_set.rows):
        yield Finding(ctx.at_table(table), {"problem": "没有任何绩效指标"})


# -- P609/P616: cost indicators --------------------------------------------------------------------


def _total_cost_rows(target_set: TargetSet) -> list[TargetRow]:
    """Cost indicators in money that stand for the whole project (a single one, or named 总…)."""
    money = [r for r in target_set.rows if COST in categories(r) and measure(r.value.unit) in MONEY_UNITS]
    if len(money) == 1:
        return money
    return [r for r in money if re.search(r"总|全部", r.name)]


@rule(
    code="P609", slug="cost-target-below-budget", severity="warning", tier="strict",
    title="成本指标与预算金额不符",
    message="成本指标“{indicator}”的指标值 {value}{relation}预算金额 {expected} {unit}，相差 {difference} {unit}",
    hint="项目总成本指标应与预算金额相符（如“≤37 万元”对 37.00 万元的项目）；"
         "上限低于预算，意味着预算多安排了或指标写错了。",
    tags=TAGS, needs=("tables",),
)
def cost_target_below_budget(ctx: CheckContext) -> Iterator[Finding]:
    for target_set in target_sets(ctx):
        amount = target_set.total()
        if amount is None:
            continue
        table = target_set.table
        for row in _total_cost_rows(target_set):
            fen, op = value_fen(row.value), row.value.operator
            if fen is None or op in LOWER_BOUNDS:
                continue
            below = op in UPPER_BOUNDS and amount - fen > ctx.tolerance_fen(table)
            unequal = op in (None, Operator.EQ) and ctx.differs(fen, amount, table)
            if below or unequal:
                yield Finding(_at_value(ctx, row), {"indicator": row.name, "value": norm(row.raw),
                                                    "relation": " 低于" if below else " 不等于",
                                                    "unit": table.money_unit.value},
                              expected=ctx.fmt(amount, table), actual=ctx.fmt(fen, table),
                              difference=ctx.fmt(fen - amount, table))


@rule(
    code="P616", slug="cost-target-unit-differs", severity="notice", tier="advisory",
    title="成本指标的金额单位与表不一致",
    message="成本指标“{indicator}”的指标值 {value} 以“{value_unit}”计，本表金额单位为“{table_unit}”",
    hint="项目总成本指标宜与表中金额使用同一单位（如均为万元），便于核对。",
    tags=TAGS, needs=("tables",),
)
def cost_target_unit_differs(ctx: CheckContext) -> Iterator[Finding]:
    for target_set in target_sets(ctx):
        table_unit = target_set.table.money_unit.value
        for row in _total_cost_rows(target_set):
            unit = measure(row.value.unit)
            if unit != table_unit:
                yield Finding(_at_value(ctx, row), {"indicator": row.name, "value": norm(row.raw),
                                                    "value_unit": unit, "table_unit": table_unit})


# -- P610/P611/P612: values and names that say nothing ---------------------------------------------

_DIMENSION_SUFFIXES = ("性", "度", "率", "情况", "程度", "水平")


@rule(
    code="P610", slug="target-value-repeats-name", severity="notice", tier="advisory",
    title="指标值只是重复指标名称",
    message="指标“{indicator}”的指标值“{value}”只是重复了指标名称中的词，没有给出可衡量的目标",
    hint="定性指标值应写出要达到的状态（如“及时”“健全”“全面覆盖”），能量化的写成“≥95%”“≤3 个工作日”。",
    tags=TAGS, needs=("tables",),
)
def target_value_repeats_name(ctx: CheckContext) -> Iterator[Finding]:
    for _, row in iter_rows(target_sets(ctx)):
        value, name = norm(row.raw), norm(row.name)
        if row.value.is_quantitative or len(value) < 2 or not name:
            continue
        if value == name or (value in name and value.endswith(_DIMENSION_SUFFIXES)):
            yield Finding(_at_value(ctx, row), {"indicator": row.name, "value": row.raw})


@rule(
    code="P611", slug="target-value-copied", severity="notice", tier="advisory",
    title="同组多个指标使用同一指标值",
    message="{group}下 {count} 个不同指标的指标值都是“{value}”：{indicators}",
    hint="同一组内不同的指标各有不同的目标；照抄同一个定性值，往往是没有把目标细化、量化。",
    tags=TAGS, needs=("tables",),
)
def target_value_copied(ctx: CheckContext) -> Iterator[Finding]:
    for target_set in target_sets(ctx):
        groups: dict[tuple[str, str, str], list[TargetRow]] = {}
        for row in target_set.rows:
            value = norm(row.raw)
            if value and row.name and not row.value.is_quantitative:
                groups.setdefault((row.level1, row.level2, value), []).append(row)
        for (level1, level2, value), rows in groups.items():
            names = list(dict.fromkeys(norm(r.name) for r in rows))
            if len(names) >= 3:
                yield Finding(_at_value(ctx, rows[0]), {
                    "group": _group(target_set, level1, level2), "count": len(names), "value": value,
                    "indicators": "、".join(r.name for r in rows)})


@rule(
    code="P612", slug="target-name-duplicated", severity="warning", tier="strict",
    title="同一一级指标下三级指标重复",
    message="{group}下的指标“{indicator}”出现了 {count} 次",
    hint="同一项目、同一一级指标下的三级指标不应重复；合并重复的指标，或改为各自不同的内容。",
    tags=TAGS, needs=("tables",),
)
def target_name_duplicated(ctx: CheckContext) -> Iterator[Finding]:
    for target_set in target_sets(ctx):
        seen: dict[tuple[str, str], list[TargetRow]] = {}
        for row in target_set.rows:
            if row.name:
                seen.setdefault((row.level1, norm(row.name)), []).append(row)
        for (level1, _), rows in seen.items():
            if len(rows) > 1:
                yield Finding(_at_value(ctx, rows[1]), {"group": _group(target_set, level1), "indicator": rows[0].name,
                                                        "count": len(rows)})


# -- P613: years -----------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_YEAR_BEFORE = ("比", "较", "与", "同", "自", "从", "-", "—", "~", "～")
"""Comparisons and ranges: 比 2023 年增长, 2023—2025 年."""
_YEAR_AFTER = ("末", "底", "同期", "基础", "水平", "相比", "以来", "决算", "实际")
_FUTURE_BEFORE = ("到", "至", "截至", "截止")
"""Multi-year goals: 到 2025 年 (only for years after the budget year)."""
_SCANNED_ROWS = ("annual_goal", "task:", "indicator", "project:")


def _wrong_years(text: str, year: int) -> list[str]:
    out: list[str] = []
    for m in _YEAR.finditer(text):
        found = int(m.group(1))
        if found == year:
            continue
        before, after = text[max(0, m.start() - 3):m.start()], text[m.end():m.end() + 2]
        if any(w in before for w in _YEAR_BEFORE) or after.startswith(_YEAR_AFTER):
            continue
        if found > year and (any(w in before for w in _FUTURE_BEFORE) or after.startswith("前")):
            continue
        out.append(f"{found}年")
    return list(dict.fromkeys(out))


@rule(
    code="P613", slug="target-year-differs", severity="warning", tier="strict",
    title="绩效目标中的年份不是预算年度",
    message="写的是 {actual}，而本预算年度为 {expected}",
    hint="年度绩效目标和指标应针对预算年度；从上年的表格改来时，记得把年份一并改掉。",
    tags=TAGS, needs=("tables",),
)
def target_year_differs(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        if table.is_empty or not (table.id in ("department_targets", "project_targets_summary")
                                  or table.id.startswith("project_target_sheets")):
            continue
        for row in table.rows:
            if not row.key.startswith(_SCANNED_ROWS) and row.level != "indicator":
                continue
            for cell in row.cells:
                if not isinstance(cell.value, str) or "年" not in cell.value or cell.column in ("code", "name"):
                    continue
                wrong = _wrong_years(norm(cell.value), ctx.year)
                if wrong:
                    where = dataclasses.replace(ctx.at_cell(table, row, cell.column), sentence=text_of(cell))
                    yield Finding(where, expected=f"{ctx.year}年", actual="、".join(wrong))


# -- P619: indicators a summary table cannot show --------------------------------------------------


@rule(
    code="P619", slug="target-not-in-summary", severity="warning", tier="strict",
    title="项目指标未印入绩效目标汇总表",
    message="项目“{project}”的指标“{indicator}”（一级指标“{level1}”）不属于汇总表的任何一级指标列，公开表中不会出现",
    hint="项目绩效目标汇总表只印模板规定的一级指标（如成本、产出、效益、满意度）；把该指标归入相应的一级指标。",
    tags=TAGS, needs=("budget", "tables"),
)
def target_not_in_summary(ctx: CheckContext) -> Iterator[Finding]:
    assert ctx.budget is not None
    table = ctx.table("project_targets_summary")
    if table is None:
        return
    prefixes = [level1[:2] for level1, _, _ in summary_level1_columns(table)]
    printed = {s.code: s for s in project_sets(ctx) if s.code}
    for project in ctx.budget.projects:
        target_set = printed.get(project.code)
        if target_set is None:
            continue
        for indicator in project.targets.indicators:
            if not any(indicator.level1.startswith(p) for p in prefixes):
                where = dataclasses.replace(_at_set(ctx, target_set), source=indicator.source)
                yield Finding(where, {"project": project.name, "indicator": indicator.name,
                                      "level1": indicator.level1})
