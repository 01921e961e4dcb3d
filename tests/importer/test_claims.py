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
