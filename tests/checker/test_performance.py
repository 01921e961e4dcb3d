"""Family P fixtures and tests: performance targets (绩效目标)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from checker.fixtures import fixture
from checker.mutate import example, map_table, set_cell, with_cell, with_raw, without_table
from yusuan.check import CheckContext, Report, Selection, Severity, all_rules, run_checks
from yusuan.check.rules._targets import cn_number, contradiction, mentions
from yusuan.compute.model import Table
from yusuan.domain.performance import TargetValue

XINXIANG, JIYUAN = "xinxiang-2024", "jiyuan-2020"
PROJECT = "410700220000000029927"
P_RULES = [r for r in all_rules() if r.code.startswith("P")]

# Seed 000's own wording of the indicators the example rewrote to agree with their values.
SEED_000_DESCRIPTIONS = {
    "大型政金企对接会": "2024 年内举办两场大型政金企对接会，开展常态化线上银企对接。",
    "地方金融组织年审、专项检查": "2024 年内对监管对象地方金融组织进行 2 次以上年审、专项检查。",
    "非法集资案件销号": "2024 年内达到非法集资案件结案销号 20 起的目标。",
    "上市（挂牌）企业数量": "2024 年内力争全市上市工作取得新突破。",
    "企业上市（挂牌）": "引导企业根据实际情况对标不同层次资本市场，力争全年新增上市（挂牌）企业 5 家以上。",
    "地方金融组织满意度": "加强日常监管，督促五类机构规范管理、合规经营，监管对象地方金融组织满意度达 95%以上。",
    "群众满意度": "打击非法集资行为,最大限度为群众追赃挽损,获益群众满意度达 90%以上。",
    "上市公司满意度": "加强上市培育引导,加快推动我市企业上市,服务对象上市(挂牌)企业满意度达 90%以上。",
    "专项资金细化率": "专项资金细化率=（已细化到具体市县和承担单位的资金数/部门参与分配资金总数）×100%。",
    "绩效目标编制完成率": "部门（单位）按要求编制绩效目标的项目数量占应编制绩效目标项目总数的比重。"
                          "部门目标编制完成率=已完成绩效目标编制项目数量/部门应编制绩效目标项目总数*100%",
}
SEED_000_GOAL = ("引导中小微企业上市、新三板、四板挂牌融资，加大政金企对接会力度，解决中小微企业融资和发展问题，"
                 "力争 2023 年企业上市（挂牌）工作取得新突破。")


# -- helpers ---------------------------------------------------------------------------------------


def _indicators(raw: dict[str, Any], project: int | None) -> list[dict[str, Any]]:
    if project is None:
        found: list[dict[str, Any]] = raw["targets"]["indicators"]
    else:
        found = raw["projects"][project]["targets"]
    return found


def edit_indicator(indicator: str, /, project: int | None = None, of: str = XINXIANG, **changes: str) -> CheckContext:
    """The example ``of`` with one indicator (department-wide, or of project number ``project``) changed."""

    def change(raw: dict[str, Any]) -> None:
        hits = [i for i in _indicators(raw, project) if i["name"] == indicator]
        assert hits, indicator
        hits[0].update(changes)

    return with_raw(change, of)


def edit_indicators(fn: Callable[[list[dict[str, Any]]], list[dict[str, Any]]], project: int | None = None,
                    of: str = XINXIANG) -> CheckContext:
    def change(raw: dict[str, Any]) -> None:
        if project is None:
            raw["targets"]["indicators"] = fn(raw["targets"]["indicators"])
        else:
            raw["projects"][project]["targets"] = fn(raw["projects"][project]["targets"])

    return with_raw(change, of)


def seed_000_wording() -> CheckContext:
    """新乡 with the seed's original description texts and annual goal."""

    def change(raw: dict[str, Any]) -> None:
        for ind in raw["targets"]["indicators"]:
            if ind["name"] in SEED_000_DESCRIPTIONS:
                ind["description"] = SEED_000_DESCRIPTIONS[ind["name"]]
        raw["targets"]["annual_goal"] = SEED_000_GOAL

    return with_raw(change)


def imported(ctx: CheckContext) -> CheckContext:
    """The check view an importer would give: tables and text only."""
    return dataclasses.replace(ctx, budget=None, summary=None, catalog=None, origin="imported")


def row_key(ctx: CheckContext, table_id: str, label: str) -> str:
    table = ctx.table(table_id)
    assert table is not None
    return next(r.key for r in table.rows if r.label == label)


def check(ctx: CheckContext, *codes: str) -> Report:
    return run_checks(ctx, Selection(only=codes or ("绩效目标",)), rules=P_RULES)


def codes_of(report: Report) -> list[str]:
    return sorted(i.code for i in report.issues)


def sheet_layout(code: str = PROJECT, name: str = "金融及处非工作经费", amount: int = 37_000_000) -> CheckContext:
    """新乡 with its project summary replaced by a per-project sheet (a layout some provinces use)."""
    jiyuan_sheet = example(JIYUAN).table("project_target_sheets:124001-2020-01")
    assert jiyuan_sheet is not None
    sheet = dataclasses.replace(jiyuan_sheet, id=f"project_target_sheets:{code}", _index={})
    sheet = set_cell(set_cell(sheet, "name", "c2", name), "amount", "c4", amount)

    def replace(_: Table) -> Table:
        return sheet

    return map_table(example(), "project_targets_summary", replace)


def without_summary_project(ctx: CheckContext) -> CheckContext:
    def drop(table: Table) -> Table:
        rows = tuple(r for r in table.rows if not r.key.startswith(f"project:{PROJECT}"))
        return dataclasses.replace(table, rows=rows, _index={})

    return map_table(ctx, "project_targets_summary", drop)


def jiyuan() -> CheckContext:
    return example(JIYUAN)


# -- fixtures --------------------------------------------------------------------------------------


@fixture("P601", passing=example, count=1)
def p601_project_without_satisfaction() -> CheckContext:
    return edit_indicators(lambda inds: [i for i in inds if i["level1"] != "满意度指标"], project=0)


@fixture("P602", passing=example, count=1)
def p602_project_without_cost() -> CheckContext:
    return edit_indicators(lambda inds: [i for i in inds if i["level1"] != "成本指标"], project=0)


@fixture("P603", passing=example, count=1)
def p603_value_blank() -> CheckContext:
    ctx = example()
    return with_cell(ctx, "department_targets", row_key(ctx, "department_targets", "预算执行率"), "c4", None)


@fixture("P604", passing=example, count=3)
def p604_seed_descriptions() -> CheckContext:
    return seed_000_wording()


@fixture("P605", passing=example, count=1)
def p605_procurement_rate_capped() -> CheckContext:
    return jiyuan()  # 政府采购执行率 ≤100%, as in seed 004


@fixture("P606", passing=example, count=1)
def p606_satisfaction_above_100() -> CheckContext:
    return edit_indicator("群众满意度", value="≥950%")


@fixture("P607", passing=sheet_layout, count=2)
def p607_sheet_for_another_project() -> CheckContext:
    return sheet_layout(code="410700220000000099999", name="其他工作经费")


@fixture("P608", passing=example, count=1)
def p608_no_department_targets() -> CheckContext:
    def change(raw: dict[str, Any]) -> None:
        del raw["targets"]

    return with_raw(change)


@fixture("P609", passing=example, count=1)
def p609_cost_cap_below_budget() -> CheckContext:
    return edit_indicator("2024年总支出", project=0, value="≤30万元")


@fixture("P610", passing=example, count=1)
def p610_value_repeats_name() -> CheckContext:
    return edit_indicator("预算编制完整性", value="完整性")


@fixture("P611", passing=jiyuan, count=1)
def p611_copied_value() -> CheckContext:
    return example()  # four 履职目标实现 indicators all “常态化对接”, as in seed 000


@fixture("P612", passing=example, count=1)
def p612_duplicate_indicator() -> CheckContext:
    extra = {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥92%"}
    return edit_indicators(lambda inds: [*inds, extra], project=0)


@fixture("P613", passing=example, count=1)
def p613_last_years_goal() -> CheckContext:
    def change(raw: dict[str, Any]) -> None:
        raw["targets"]["annual_goal"] = SEED_000_GOAL

    return with_raw(change)


@fixture("P615", passing=example, count=1)
def p615_percent_sign_alone() -> CheckContext:
    return edit_indicator("预算执行率", value="%")


@fixture("P616", passing=example, count=1)
def p616_cost_in_yuan() -> CheckContext:
    return edit_indicator("2024年总支出", project=0, value="≤370000元")


@fixture("P617", passing=example, count=2)
def p617_summary_source_split_differs() -> CheckContext:
    ctx = with_cell(example(), "project_targets_summary", f"project:{PROJECT}", "amount.1", 0)
    return with_cell(ctx, "project_targets_summary", f"project:{PROJECT}", "amount.2", 37_000_000)


@fixture("P618", passing=example, count=1)
def p618_project_description_contradicts() -> CheckContext:
    return edit_indicator("2024年组织大型政企对接会", project=0, description="全年举办两场大型政企对接会。")


@fixture("P619", passing=example, count=1)
def p619_indicator_outside_summary_columns() -> CheckContext:
    extra = {"level1": "效果指标", "level2": "社会效益指标", "name": "群众防范意识", "value": "明显增强"}
    return edit_indicators(lambda inds: [*inds, extra], project=0)


# -- the examples and the seeds --------------------------------------------------------------------


def test_examples_raise_no_errors() -> None:
    for name in (XINXIANG, JIYUAN):
        report = check(example(name))
        assert report.errors == 0, [str(i) for i in report.issues]


def test_xinxiang_example_only_notes_the_copied_value() -> None:
    report = check(example())
    assert codes_of(report) == ["P611"]
    assert "常态化对接" in report.issues[0].message


def test_jiyuan_example_keeps_the_seed_mistakes() -> None:
    # the example keeps seed 004's wording: 政府采购执行率 ≤100%, 完整性 / 及时性 / 健全性 as values, no 成本指标
    report = check(example(JIYUAN))
    assert codes_of(report) == ["P602", "P602", "P605", "P610", "P610", "P610"]
    assert report.warnings == 1
    assert {i.message.split("“")[2].split("”")[0] for i in report.issues if i.code == "P610"} == {
        "完整性", "及时性", "健全性"}


def test_seed_000_wording_raises_its_three_contradictions_and_the_year() -> None:
    report = check(seed_000_wording())
    assert codes_of(report) == ["P604", "P604", "P604", "P611", "P613"]
    messages = " ".join(i.message for i in report.issues if i.code == "P604")
    assert "“两场”" in messages and "“20起”" in messages and "“2次以上”" in messages
    assert "指标值定低了" in messages
    year = next(i for i in report.issues if i.code == "P613")
    assert year.actual == "2023年" and year.expected == "2024年"
    assert year.location.row_key == "annual_goal"


def test_seed_wording_found_from_the_printed_table_alone() -> None:
    ctx = imported(example())
    for name, text in SEED_000_DESCRIPTIONS.items():
        ctx = with_cell(ctx, "department_targets", row_key(ctx, "department_targets", name), "c5", text)
    ctx = with_cell(ctx, "department_targets", "annual_goal", "c2", SEED_000_GOAL)
    report = check(ctx)
    assert codes_of(report) == ["P604", "P604", "P604", "P611", "P613"]
    assert "P618" in report.not_applicable and "P619" in report.not_applicable


def test_example_descriptions_agree_with_values() -> None:
    assert check(example(), "P604").issues == ()


# -- P601 / P602 -----------------------------------------------------------------------------------


def test_p601_lists_every_missing_kind() -> None:
    # 济源 project 2 has its 满意度 under 效果目标/社会效益: dropping 效果目标 loses both
    ctx = edit_indicators(lambda inds: [i for i in inds if i["level1"] != "效果目标"], project=1, of=JIYUAN)
    report = check(ctx, "P601")
    assert len(report.issues) == 1
    assert report.issues[0].message.endswith("缺少效益、满意度指标")


def test_p601_from_the_printed_summary() -> None:
    ctx = imported(example())
    table = ctx.table("project_targets_summary")
    assert table is not None
    for row in table.rows:
        if row.key.startswith(f"project:{PROJECT}"):
            ctx = with_cell(ctx, "project_targets_summary", row.key, "l1.1.name", None)
            ctx = with_cell(ctx, "project_targets_summary", row.key, "l1.1.value", None)
    report = check(ctx, "P601")
    assert [i.message for i in report.issues] == ["项目“金融及处非工作经费”的绩效目标缺少产出指标"]


def test_p602_on_jiyuan_projects() -> None:
    assert len(check(example(JIYUAN), "P602").issues) == 2


# -- P603 / P615 -----------------------------------------------------------------------------------


def test_p603_blank_value_in_project_input() -> None:
    report = check(edit_indicator("群众满意度", project=0, value=""), "P603")
    assert len(report.issues) == 1 and report.issues[0].severity is Severity.ERROR
    assert report.issues[0].location.column_key == "l1.3.value"


@pytest.mark.parametrize("value", ["≥", "≥%", "——", "/", "≥万元"])
def test_p615_nonsense_values(value: str) -> None:
    assert len(check(edit_indicator("预算执行率", value=value), "P615").issues) == 1


@pytest.mark.parametrize("value", ["全面覆盖", "≥90%", "≥1家上市公司", "位居全省前列", "≥全省平均水平"])
def test_p615_meaningful_values(value: str) -> None:
    assert check(edit_indicator("预算执行率", value=value), "P615").issues == ()


# -- P604: descriptions ----------------------------------------------------------------------------


def _conflict(value: str, description: str) -> str | None:
    hit = contradiction(TargetValue.parse(value), description)
    return hit[0].text if hit else None


@pytest.mark.parametrize(("value", "description"), [
    ("≥95%", "满意度达 95%以上"),
    ("≥95%", "满意度达到95%"),
    ("≥90%", "专项资金细化率=（已细化资金数/分配资金总数）×100%"),
    ("≥3场", "线上举办 2 场、线下举办 1 场"),
    ("≥2次", "不少于两次"),
    ("≤7工作日", "7 个工作日内反馈"),
    ("≥5次", "第二次检查在年中进行"),
    ("≥3次", "发放一次性补贴"),
    ("≥10起", "非法集资案件结案销号不少于10起"),
    ("2次", "全年 2 次年审"),
    ("≥1场", "年内举办 2024 年度对接会"),
    ("≥90%", "满意度较上年提高5%以上"),
    ("≥4场", "比上年增加 2 场，全年 4 场"),
    ("≤3个月", "2024年1月启动"),
    ("≥90%", "其中线上对接成功率 60%"),
])
def test_description_agrees(value: str, description: str) -> None:
    assert _conflict(value, description) is None


@pytest.mark.parametrize(("value", "description", "stated"), [
    ("≥1场", "年内举办两场大型政金企对接会", "两场"),
    ("≥10起", "达到非法集资案件结案销号 20 起的目标", "20起"),
    ("2次", "进行 2 次以上年审、专项检查", "2次以上"),
    ("≥20次", "全年检查十五次", "十五次"),
    ("≤1起", "发生案件不超过 3 起", "不超过3起"),
    ("≥95%", "满意度不低于 90%", "不低于90%"),
    ("=100%", "覆盖率达到 95%以上", "达到95%以上"),
])
def test_description_contradicts(value: str, description: str, stated: str) -> None:
    assert _conflict(value, description) == stated


def test_chinese_numerals() -> None:
    assert [cn_number(t) for t in ("两", "十", "十五", "二十", "二十三", "一百", "一百二十", "三四")] == [
        2, 10, 15, 20, 23, 100, 120, None]
    assert [m.number for m in mentions("举办两场、再办十二场", "场")] == [Decimal(2), Decimal(12)]


# -- P605 / P606 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value"), [
    ("预算调整率", "≥10%"), ("结转结余率", ">5%"), ("“三公经费”控制率", "≥100%"), ("预算执行率", "≤90%"),
    ("绩效目标编制完成率", "<100%"),
])
def test_p605_wrong_directions(name: str, value: str) -> None:
    assert len(check(edit_indicator(name, value=value), "P605").issues) == 1


@pytest.mark.parametrize(("name", "value"), [("预算执行率", "=100%"), ("预算执行率", "100%"), ("预算调整率", "≤5%")])
def test_p605_right_directions(name: str, value: str) -> None:
    assert check(edit_indicator(name, value=value), "P605").issues == ()


def test_p606_growth_rates_may_exceed_100() -> None:
    extra = {"level1": "效益指标", "level2": "经济效益指标", "name": "直接融资规模增长率", "value": "≥120%"}
    assert check(edit_indicators(lambda inds: [*inds, extra], project=0), "P606").issues == ()
    assert len(check(edit_indicator("预算执行率", value="≥-5%"), "P606").issues) == 1


# -- P607 / P617: the project table ----------------------------------------------------------------


def test_p607_summary_layout_is_left_to_x215() -> None:
    assert check(without_summary_project(example()), "P607", "P617").issues == ()


def test_p607_jiyuan_has_no_project_table() -> None:
    assert check(example(JIYUAN), "P607", "P617").issues == ()


def test_p607_sheet_matched_by_name_when_code_differs() -> None:
    assert check(sheet_layout(code="154001-2024-01"), "P607").issues == ()


def test_p617_sheet_amount() -> None:
    report = check(sheet_layout(amount=36_000_000), "P617")
    assert len(report.issues) == 1
    issue = report.issues[0]
    assert (issue.expected, issue.actual, issue.difference) == ("37.00", "36.00", "-1.00")


def test_p617_summary_total_differences_are_x215s() -> None:
    ctx = with_cell(example(), "project_targets_summary", f"project:{PROJECT}", "amount.0", 36_000_000)
    assert check(ctx, "P617").issues == ()


# -- P608 ------------------------------------------------------------------------------------------


def test_p608_missing_parts() -> None:
    def no_goal(raw: dict[str, Any]) -> None:
        raw["targets"]["annual_goal"] = ""

    def no_indicators(raw: dict[str, Any]) -> None:
        raw["targets"]["indicators"] = []

    for ctx, words in ((with_raw(no_goal), "缺少年度履职目标"), (with_raw(no_indicators), "没有任何绩效指标"),
                       (without_table(example(), "department_targets"), "表没有公开")):
        report = check(ctx, "P608")
        assert len(report.issues) == 1 and words in report.issues[0].message, [str(i) for i in report.issues]


# -- P609 / P616: cost -----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "count"), [("≤30万元", 1), ("=30万元", 1), ("37万元", 0), ("≤40万元", 0),
                                              ("≤37.004万元", 0), ("≤370000元", 0), ("≤300000元", 1)])
def test_p609_cost_caps(value: str, count: int) -> None:
    assert len(check(edit_indicator("2024年总支出", project=0, value=value), "P609").issues) == count


def test_p609_message_states_the_figures() -> None:
    issue = check(p609_cost_cap_below_budget(), "P609").issues[0]
    assert issue.message == "成本指标“2024年总支出”的指标值 ≤30万元 低于预算金额 37.00 万元，相差 -7.00 万元"


def test_p609_component_costs_are_not_the_total() -> None:
    parts = [{"level1": "成本指标", "level2": "经济成本指标", "name": "培训费", "value": "≤5万元"},
             {"level1": "成本指标", "level2": "经济成本指标", "name": "宣传资料印制费", "value": "≤3万元"}]
    ctx = edit_indicators(lambda inds: [i for i in inds if i["level1"] != "成本指标"] + parts, project=0)
    assert check(ctx, "P609", "P616").issues == ()


# -- P610 / P611 / P612 / P613 ---------------------------------------------------------------------


def test_p610_adjectives_are_fine() -> None:
    # the template's 完整 / 健全 / 规范 state the expected condition; only 完整性 repeats the dimension
    assert check(example(), "P610").issues == ()
    assert len(check(edit_indicator("资产管理规范性", value="资产管理规范性"), "P610").issues) == 1


def test_p611_needs_three_indicators() -> None:
    def two(inds: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for ind in inds:
            if ind["name"] in ("行业监管", "打击和处置非法集资"):
                ind["value"] = "持续开展"
        return inds

    assert check(edit_indicators(two), "P611").issues == ()


def test_p612_same_name_under_other_level1_is_fine() -> None:
    extra = {"level1": "效益指标", "level2": "社会效益指标", "name": "群众满意度", "value": "提升"}
    assert check(edit_indicators(lambda inds: [*inds, extra], project=0), "P612").issues == ()


@pytest.mark.parametrize(("goal", "count"), [
    ("比2023年增长10%，力争2024年取得新突破。", 0),
    ("力争到2025年企业上市工作取得新突破。", 0),
    ("在2023年末基础上再增加5家。", 0),
    ("力争2023年企业上市工作取得新突破，2022年案件全部化解。", 1),
])
def test_p613_years_in_context(goal: str, count: int) -> None:
    def change(raw: dict[str, Any]) -> None:
        raw["targets"]["annual_goal"] = goal

    report = check(with_raw(change), "P613")
    assert len(report.issues) == count
    if count:
        assert report.issues[0].actual == "2023年、2022年"


def test_p613_project_summary_names() -> None:
    report = check(edit_indicator("2024年总支出", project=0, name="2023年总支出"), "P613")
    assert len(report.issues) == 1 and report.issues[0].location.column_key == "l1.0.name"


# -- speed -----------------------------------------------------------------------------------------


def test_family_is_fast() -> None:
    import time

    ctx = example()
    run_checks(ctx, rules=P_RULES)
    fresh = dataclasses.replace(ctx, document=dataclasses.replace(ctx.document))
    start = time.perf_counter()
    run_checks(fresh, rules=P_RULES)
    assert (time.perf_counter() - start) * 1000 < 10
