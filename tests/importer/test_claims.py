"""Figures stated in the narrative of a published disclosure, with their meaning (claims).

The sentences are the seeds' own (新乡 2024, 济源 2020), with the spaces the PDF text extraction left.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.importer.claims import paragraph_claims
from yusuan.money import MoneyUnit

Claimed = list[tuple[str, str, str]]


def claims(text: str, section: str, unit: MoneyUnit = MoneyUnit.WAN) -> Claimed:
    return [(c.metric, c.kind, str(c.value)) for c in paragraph_claims(text, section, unit)]


def test_totals_and_change_with_direction() -> None:
    text = ("新乡市金融工作局 2024 年收入预算总计 504.11 万元，支出预算总计 504.11 万元，与 2023 年相比，"
            "收、支预算总计各增加 61.4 万元，增长 13.87%。主要原因：人员经费变动引起财政拨款增长。")
    assert claims(text, "overview") == [("income_total", "amount", "504.11"), ("expenditure_total", "amount", "504.11"),
                                        ("income_total", "change_amount", "61.4"),
                                        ("income_total", "change_percent", "13.87")]


def test_income_sources() -> None:
    text = ("新乡市金融工作局 2024 年收入预算合计 504.11 万元，其中：一般公共预算 504.11 万元；政府性基金收入 0 万元；"
            "财政专户管理资金收入 0 万元；部门财政性资金结转 0 万元。")
    assert claims(text, "income") == [
        ("income_total", "amount", "504.11"), ("income.general_public", "amount", "504.11"),
        ("income.government_fund", "amount", "0"), ("income.special_account", "amount", "0"),
        ("carryover", "amount", "0")]


def test_basic_and_project_with_shares() -> None:
    text = ("新乡市金融工作局 2024 年支出预算合计 504.11 万元，其中：基本支出 467.11 万元，占 92.66%；"
            "项目支出 37 万元，占 7.34%。")
    assert claims(text, "expenditure") == [
        ("expenditure_total", "amount", "504.11"), ("basic", "amount", "467.11"), ("basic", "share", "92.66"),
        ("project", "amount", "37"), ("project", "share", "7.34")]
    text = "新乡市金融工作局 2024 年一般公共预算基本支出 467.11 万元，其中：人员经费 423.51 万元；公用经费 43.6 万元。"
    assert claims(text, "basic") == [("general_public_basic.total", "amount", "467.11"),
                                     ("general_public_basic.personnel", "amount", "423.51"),
                                     ("general_public_basic.operating", "amount", "43.6")]


def test_change_without_a_chosen_direction_is_unsigned() -> None:
    """§四 of seed 000: 增加（减少）13.87 万元，增长（下降）61.4% — claimed as printed, positive."""
    text = ("新乡市金融工作局 2024 年一般公共预算收支预算 504.11 万元，政府性基金收支预算 0 万元。与 2023 年相比，"
            "增加（减少）13.87 万元，增长（下降）61.4%，主要原因：人员经费变动引起财政拨款增长。")
    assert claims(text, "fiscal") == [("general_public", "amount", "504.11"), ("government_fund", "amount", "0"),
                                      ("general_public", "change_amount", "13.87"),
                                      ("general_public", "change_percent", "61.4")]


def test_three_public_items_and_signed_changes() -> None:
    text = "新乡市金融工作局 2024 年“三公”经费预算为 4.10 万元。2024 年“三公”经费支出预算数比 2023 年减少 1.2 万元。"
    assert claims(text, "three_public") == [("three_public", "amount", "4.10"),
                                            ("three_public", "change_amount", "-1.2")]
    text = ("（三）公务用车购置及运行费 3.1 万元，其中，公务用车购置费 0 万元；公务用车运行维护费 3.1 万元。"
            "公务用车购置费及运行费预算数与 2023 年相比增减 1.2 万元，主要原因：预计 2024 年使用公车事项减少。")
    assert claims(text, "three_public") == [
        ("vehicles", "amount", "3.1"), ("vehicle_purchase", "amount", "0"), ("vehicle_operation", "amount", "3.1"),
        ("vehicles", "change_amount", "1.2")]
    text = "（一）因公出国（境）费 0 万元，与2019持平。"
    assert claims(text, "three_public") == [("overseas_travel", "amount", "0"),
                                            ("overseas_travel", "direction", "持平")]


def test_operating_funds_procurement_and_assets() -> None:
    assert claims("新乡市金融工作局2024年机构运转经费支出预算43.6万元，主要保障机构正常运转。", "operating_funds") == [
        ("unit_operating", "amount", "43.6")]
    assert claims("济源市人民政府金融服务办公室 2020 年机关运行经费支出预算为 0 万元。", "operating_funds") == [
        ("organ_operating", "amount", "0")]
    text = ("2020 年政府采购预算安排 0 万元，其中：政府采购货物预算 0 万元、政府采购工程预算 0 万元、"
            "政府采购服务预算 0 万元。")
    assert claims(text, "procurement") == [("procurement", "amount", "0"), ("procurement_goods", "amount", "0"),
                                           ("procurement_works", "amount", "0"),
                                           ("procurement_services", "amount", "0")]
    text = "2023年资产总额6.42万元，较上年增长39.96%。其中：固定资产6.42万元，无形资产0万元。"
    assert claims(text, "assets") == [("assets:资产总额", "amount", "6.42"),
                                      ("assets:资产总额", "change_percent", "39.96"),
                                      ("assets:固定资产", "amount", "6.42"), ("assets:无形资产", "amount", "0")]
    text = "2019 年期末，共有车辆 0 辆，其中：一般公务用车 0 辆；单价 50 万元以上通用设备 0 套。"
    assert claims(text, "assets") == [("assets:车辆", "count", "0"), ("assets:一般公务用车", "count", "0"),
                                      ("assets:通用设备", "count", "0")]


def test_general_public_by_class() -> None:
    text = ("济源市人民政府金融服务办公室 2020 年一般公共预算支出年初预算为 15 万元。"
            "主要用于一般公共服务（类）支出 15 万元，占 100%。")
    assert claims(text, "general_public") == [("general_public.total", "amount", "15"),
                                              ("general_public.class:201", "amount", "15"),
                                              ("general_public.class:201", "share", "100")]


def test_amounts_in_another_unit_are_converted_exactly() -> None:
    [claim] = paragraph_claims("公务接待费 3000 元。", "three_public", MoneyUnit.WAN)
    assert (claim.metric, claim.value, claim.text) == ("official_reception", Decimal("0.3"), "3000")
    [claim] = paragraph_claims("公务接待费 1.35 万元。", "three_public", MoneyUnit.YUAN)
    assert claim.value == Decimal("13500")


@pytest.mark.parametrize("text", ["新乡市金融工作局 2024 年无政府性基金预算支出。", "主要职责是：",
                                  "单价 50 万元以上通用设备"])
def test_sentences_without_figures_claim_nothing(text: str) -> None:
    assert claims(text, "government_fund") == []


# ── the layouts of 江苏 2018 and 上海普陀 (tests/importer/expected: their key figures) ──────────────


def test_amounts_with_thousands_separators() -> None:
    """江苏检察院 §十二: 「政府采购支出预算总额 3,096.24 万元」 — one number, not 096.24."""
    text = "2018年度政府采购支出预算总额 3,096.24 万元。其中：拟采购货物支出 268 万元、拟购买服务支出2,828.24 万元。"
    assert claims(text, "procurement") == [("procurement", "amount", "3096.24"),
                                           ("procurement_goods", "amount", "268"),
                                           ("procurement_services", "amount", "2828.24")]
    [claim] = paragraph_claims("（一）收入预算总计 21,955.35万元。包括：", "overview")
    assert (claim.metric, claim.value, claim.text) == ("income_total", Decimal("21955.35"), "21,955.35")


def test_a_source_total_is_not_the_income_total() -> None:
    """江苏检察院 §一: 「其他资金收入预算总计 14.39 万元」 — the longest name wins, 收入预算总计 is the source's."""
    text = "2．其他资金收入预算总计 14.39 万元。与上年相比减少0.61 万元。主要是因代发检察官学院绩效工资减少。"
    assert claims(text, "overview") == [("income.other_income", "amount", "14.39"),
                                        ("income.other_income", "change_amount", "-0.61")]
    assert claims("2．财政专户管理资金收入预算总计0万元。", "overview") == [("income.special_account", "amount", "0")]
    assert claims("1．财政拨款收入预算总计 21,940.96 万元。其中", "overview") == [("fiscal", "amount", "21940.96")]
    text = "（1）一般公共预算收入预算 21,940.96 万元，与上年相比增加 3,959.28 万元，增长 22 %。"
    assert claims(text, "overview") == [
        ("income.general_public", "amount", "21940.96"), ("income.general_public", "change_amount", "3959.28"),
        ("income.general_public", "change_percent", "22")]
    # the source without a name the reading knows: claimed by nothing, not by the total
    assert claims("（2）政府性基金收入预算0万元，与上年相比增加（减少）0万元。", "overview") == []


def test_basic_project_and_reserve_in_the_overview() -> None:
    """江苏 §一 「此外，基本支出预算数为……」「项目支出预算数为 5,573 万元。与上年相比增加40万元，增长0.72%」."""
    text = ("项目支出预算数为 5,573 万元。与上年相比增加 40万元，增长 0.72%。"
            "主要原因是南京铁路检察院增加了 40万元的检察办案费预算。")
    assert claims(text, "overview") == [("project", "amount", "5573"), ("project", "change_amount", "40"),
                                        ("project", "change_percent", "0.72")]
    assert claims("此外，基本支出预算数为 13,994.31 万元。与上年相比增加 1,670.85 万元，增长 13.56%。", "overview") == [
        ("basic", "amount", "13994.31"), ("basic", "change_amount", "1670.85"), ("basic", "change_percent", "13.56")]
    assert claims("单位预留机动经费预算数为 1685.72 万元。与上年相比增加1557.29万元，增长1312.56 %。", "overview") == [
        ("reserve", "amount", "1685.72"), ("reserve", "change_amount", "1557.29"),
        ("reserve", "change_percent", "1312.56")]


def test_a_change_of_an_unnamed_subject_is_not_claimed() -> None:
    """江苏人大 §一: the 类 of the first sentence is not a metric of the overview: its change is not the 收入总计's."""
    text = ("1．一般公共服务（类）支出 12706.28 万元，主要用于在职人员工资福利支出。与上年相比增加 2177.95 万元，"
            "增长20.69 %。")
    assert claims(text, "overview") == []
    text = ("主要原因是基本支出增加1447.63万元、项目支出安排减少200万元、单位预留机动经费增加3075.14万元、"
            "某项增加1万元。")
    assert claims(text, "overview") == [("basic", "change_amount", "1447.63"), ("project", "change_amount", "-200"),
                                        ("reserve", "change_amount", "3075.14")]
    text = ("主要原因是基本支出增加机关事业单位养老保险、职业年金缴费等 1447.63 万元、"
            "项目经费支出安排减少江苏法院云平台租赁费200万元。")
    assert claims(text, "overview") == []


def test_a_combined_explanation_names_its_totals_without_zongji() -> None:
    """上海普陀 2025 编制说明: 「收入预算9,101.68万元，其中：财政拨款收入9,101.68万元……」「支出预算9,101.68万元」."""
    text = ("2025年，上海市普陀区人民政府办公室收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，"
            "比2024年预算减少2,389.52万元；事业收入0万元。")
    assert claims(text, "overview") == [("income_total", "amount", "9101.68"), ("fiscal", "amount", "9101.68"),
                                        ("fiscal", "change_amount", "-2389.52"),
                                        ("income.business_income", "amount", "0")]
    text = "支出预算9,101.68万元，其中：财政拨款支出预算9,101.68万元，比2024年预算减少2,389.52万元。"
    assert claims(text, "overview") == [("expenditure_total", "amount", "9101.68")]
