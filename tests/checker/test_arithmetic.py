"""Family A fixtures: arithmetic inside tables."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from checker.fixtures import fixture
from checker.mutate import example, multi_unit_example, with_cell
from yusuan.check import CheckContext, Selection, all_rules, run_checks
from yusuan.check.issue import Issue

A_CODES = tuple(r.code for r in all_rules() if r.family == "A")


@fixture("A101", passing=example, count=1)
def a101_total_row_off_by_one() -> CheckContext:
    ctx = example()
    return with_cell(ctx, "expenditure_summary", "total", "total", 505_110_000)


@fixture("A102", passing=lambda: example("jiyuan-2020"), count=1)
def a102_department_row_differs() -> CheckContext:
    return with_cell(example(), "income_summary", "department:154", "total", 500_000_000)


# -- fixtures of A103–A127 ----------------------------------------------------------------------

PROJECT = "project:410700220000000029927"


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


@fixture("A103", passing=multi_unit_example, count=1)
def a103_unit_row_changed() -> CheckContext:
    return with_cell(multi_unit_example(), "income_summary", "unit:154002", "total", 16_000_000)


@fixture("A104", passing=example, count=1)
def a104_goods_changed() -> CheckContext:
    return with_cell(example(), "expenditure_summary", "functional:2010301", "basic.goods", 43_700_000)


@fixture("A105", passing=example, count=1)
def a105_specific_changed() -> CheckContext:
    return with_cell(example(), "general_public_expenditure", "functional:2010305", "project.specific", 36_000_000)


@fixture("A106", passing=example, count=1)
def a106_department_total_changed() -> CheckContext:
    return with_cell(example(), "expenditure_summary", "department:154", "total", 505_110_000)


@fixture("A107", passing=example, count=1)
def a107_source_added() -> CheckContext:
    return with_cell(example(), "income_summary", "unit:154001", "current.business_income", 1_000_000)


@fixture("A108", passing=example, count=1)
def a108_carryover_part_added() -> CheckContext:
    return with_cell(example(), "income_summary", "total", "carryover.unit_funds", 2_000_000)


@fixture("A109", passing=example, count=1)
def a109_appropriation_too_big() -> CheckContext:
    return with_cell(example(), "income_summary", "unit:154001", "current.appropriation", 510_000_000)


@fixture("A110", passing=example, count=1)
def a110_carryover_not_in_total() -> CheckContext:
    return with_cell(example(), "income_expenditure_summary", "income:carryover", "income.amount", 10_000_000)


@fixture("A111", passing=example, count=1)
def a111_unbalanced() -> CheckContext:
    return with_cell(example(), "income_expenditure_summary", "expenditure:grand_total", "expenditure.amount",
                     505_110_000)


@fixture("A112", passing=example, count=1)
def a112_class_changed() -> CheckContext:
    return with_cell(example(), "income_expenditure_summary", "expenditure:210", "expenditure.amount", 33_340_000)


@fixture("A113", passing=example, count=1)
def a113_income_row_added() -> CheckContext:
    return with_cell(example(), "income_expenditure_summary", "income:business_income", "income.amount", 1_000_000)


@fixture("A114", passing=example, count=1)
def a114_fiscal_income_part_added() -> CheckContext:
    return with_cell(example(), "fiscal_summary", "income:current.government_fund", "income.amount", 1_000_000)


@fixture("A115", passing=example, count=1)
def a115_fiscal_column_changed() -> CheckContext:
    return with_cell(example(), "fiscal_summary", "expenditure:208", "expenditure.general_public", 40_000_000)


@fixture("A116", passing=example, count=1)
def a116_econ_source_changed() -> CheckContext:
    return with_cell(example(), "econ_summary", "econ:30201/50201", "general_public", 24_000_000)


@fixture("A117", passing=example, count=1)
def a117_operating_changed() -> CheckContext:
    return with_cell(example(), "general_public_basic", "econ:30201/50201", "operating", 2_000_000)


@fixture("A118", passing=example, count=1)
def a118_reception_changed() -> CheckContext:
    return with_cell(example(), "three_public", "total", "official_reception", 2_000_000)


@fixture("A119", passing=example, count=1)
def a119_vehicle_operation_changed() -> CheckContext:
    return with_cell(example(), "three_public", "total", "vehicle_operation", 3_000_000)


@fixture("A120", passing=example, count=1)
def a120_unit_funds_added() -> CheckContext:
    return with_cell(example(), "project_expenditure", PROJECT, "unit_funds", 1_000_000)


@fixture("A121", passing=jiyuan, count=1)
def a121_section_changed() -> CheckContext:
    return with_cell(jiyuan(), "econ_summary", "econ:30201/50502", "total", 4_500_000)


@fixture("A122", passing=example, count=1)
def a122_structure_changed() -> CheckContext:
    return with_cell(example(), "department_targets", "structure.basic", "c5", 467_000_000)


@fixture("A123", passing=example, count=2)
def a123_project_source_changed() -> CheckContext:
    # the project's 资金总额 ≠ its sources, and the unit row ≠ its project
    return with_cell(example(), "project_targets_summary", PROJECT, "amount.1", 36_000_000)


@fixture("A124", passing=example, count=1)
def a124_negative() -> CheckContext:
    return with_cell(example(), "three_public", "total", "overseas_travel", -1_000_000)


@fixture("A125", passing=multi_unit_example, count=1)
def a125_unit_item_changed() -> CheckContext:
    return with_cell(multi_unit_example(), "expenditure_summary", "unit:154002/functional:2010301", "basic.wages",
                     9_000_000)


@fixture("A126", passing=jiyuan, count=1)
def a126_gpb_detail_added() -> CheckContext:
    return with_cell(jiyuan(), "income_expenditure_summary", "income:gpb_admin_fees", "income.amount", 1_000_000)


@fixture("A127", passing=jiyuan, count=1)
def a127_business_fund_added() -> CheckContext:
    return with_cell(jiyuan(), "income_expenditure_summary", "expenditure:project", "expenditure.business_fund",
                     1_000_000)


# -- focused tests ------------------------------------------------------------------------------


def codes_of(ctx: CheckContext, *codes: str) -> list[str]:
    return [i.code for i in run_checks(ctx, Selection(only=codes)).issues]


def issues_of(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


@pytest.mark.parametrize("name", ["xinxiang-2024", "jiyuan-2020"])
def test_examples_are_clean(name: str) -> None:
    assert codes_of(example(name), *A_CODES) == []


def test_multi_unit_example_is_clean() -> None:
    assert codes_of(multi_unit_example(), *A_CODES) == []


@pytest.mark.parametrize(("delta", "raised"), [(10_000, False), (-10_000, False), (20_000, True), (-20_000, True)])
def test_tolerance_is_one_hundredth_of_the_unit(delta: int, raised: bool) -> None:
    ctx = with_cell(example(), "expenditure_summary", "functional:2010301", "basic.goods", 43_600_000 + delta)
    assert bool(issues_of(ctx, "A104")) is raised


def test_tolerance_is_a_parameter() -> None:
    ctx = with_cell(example(), "expenditure_summary", "functional:2010301", "basic.goods", 43_650_000)
    assert issues_of(ctx, "A104")
    assert not issues_of(dataclasses.replace(ctx, tolerance=Decimal("0.05")), "A104")


def test_message_states_the_figures() -> None:
    [issue] = issues_of(a104_goods_changed(), "A104")
    assert (issue.expected, issue.actual) == ("392.00", "391.90")
    assert "工资福利支出、对个人和家庭的补助、商品和服务支出、资本性支出" in issue.message
    assert issue.location.row_label == "行政运行" and issue.location.column_header == "基本支出/小计"
    assert issue.difference == "-0.10"


def test_2020_basic_subtotal_uses_operating_column() -> None:
    ctx = with_cell(jiyuan(), "expenditure_summary", "functional:2010399", "basic.operating", 1_000_000)
    [issue] = issues_of(ctx, "A104")
    assert "工资福利支出、公用经费、对个人和家庭的补助" in issue.message


def test_2020_balance_rows_basic_and_project() -> None:
    ctx = with_cell(jiyuan(), "income_expenditure_summary", "expenditure:basic.wages", "expenditure.total", 1_000_000)
    assert len(issues_of(ctx, "A104")) == 1
    ctx = with_cell(jiyuan(), "income_expenditure_summary", "expenditure:project.goods", "expenditure.total",
                    14_000_000)
    [issue] = issues_of(ctx, "A105")  # the 经济分类 breakdown; 一般性项目 + 专项资金 still adds up
    assert issue.location.row_label == "二、项目支出"
    ctx = with_cell(jiyuan(), "income_expenditure_summary", "expenditure:total", "expenditure.total", 16_000_000)
    assert len(issues_of(ctx, "A106")) == 1


def test_2020_income_table_total_equals_sources() -> None:
    ctx = with_cell(jiyuan(), "income_summary", "functional:2010399", "business_income", 1_000_000)
    [issue] = issues_of(ctx, "A107")
    assert issue.location.column_key == "total"


def test_2020_three_public_vertical_layout() -> None:
    ctx = with_cell(jiyuan(), "three_public", "fixed:official_reception", "amount", 600_000)
    [issue] = issues_of(ctx, "A118")
    assert issue.location.row_label == "共计" and issue.expected == "0.60" and issue.actual == "0.50"
    ctx = with_cell(jiyuan(), "three_public", "fixed:vehicle_purchase", "amount", 100_000)
    assert len(issues_of(ctx, "A119")) == 1


def test_2020_basic_table_and_fiscal_summary() -> None:
    ctx = with_cell(jiyuan(), "general_public_basic", "total", "gpb_admin_fees", 100_000)
    assert len(issues_of(ctx, "A117")) == 1
    ctx = with_cell(jiyuan(), "fiscal_summary", "income:government_fund", "income.amount", 1_000_000)
    assert len(issues_of(ctx, "A114")) == 1  # 收入合计 ≠ 一般公共预算 + 政府性基金 + 国有资本经营预算
    ctx = with_cell(jiyuan(), "fiscal_summary", "expenditure:201", "expenditure.total", 16_000_000)
    assert codes_of(ctx, "A112", "A115") == ["A112", "A115"]
    ctx = with_cell(jiyuan(), "fiscal_summary", "expenditure:total", "expenditure.total", 16_000_000)
    assert len(issues_of(ctx, "A111")) == 1


def test_2020_current_total_sums_every_top_level_income_row() -> None:
    ctx = with_cell(jiyuan(), "income_expenditure_summary", "income:other_income", "income.amount", 1_000_000)
    assert len(issues_of(ctx, "A113")) == 1
    ctx = with_cell(jiyuan(), "income_expenditure_summary", "income:unit_carryover", "income.amount", 1_000_000)
    assert codes_of(ctx, "A110", "A113") == ["A110"]


def test_appropriation_row_of_balance_table() -> None:
    ctx = with_cell(example(), "income_expenditure_summary", "income:appropriation", "income.amount", 505_000_000)
    [issue] = issues_of(ctx, "A109")
    assert issue.location.row_label == "其中：财政拨款" and issue.difference == "0.89"


def test_class_rows_of_2024_basic_table() -> None:
    ctx = with_cell(example(), "general_public_basic", "econ:302", "operating", 43_000_000)
    [issue] = issues_of(ctx, "A121")
    assert issue.location.row_label == "商品和服务支出" and issue.expected == "43.60"


def test_department_of_project_targets_sums_units() -> None:
    ctx = with_cell(multi_unit_example(), "project_targets_summary", "department:154", "amount.0", 41_000_000)
    issues = issues_of(ctx, "A123")  # ≠ its sources, and ≠ its units
    assert len(issues) == 2 and any("所属各单位" in i.message and i.expected == "42.00" for i in issues)


def test_negative_amounts_are_counted_per_table() -> None:
    ctx = with_cell(a124_negative(), "three_public", "total", "official_reception", -2_000_000)
    [issue] = issues_of(ctx, "A124")
    assert "共 2 处" in issue.message
