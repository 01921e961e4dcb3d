"""Family X fixtures and tests: identities between tables."""

from __future__ import annotations

import dataclasses

import pytest

from checker.fixtures import fixture
from checker.mutate import drop_row, example, multi_unit_example, with_cell, with_raw, without_table
from yusuan.check import CheckContext, Selection, all_rules, run_checks
from yusuan.check.issue import Issue

X_CODES = tuple(r.code for r in all_rules() if r.family == "X")
PROJECT = "project:410700220000000029927"
SHEET_2 = "project_target_sheets:124001-2020-02"


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


@fixture("X201", passing=example, count=1)
def x201_income_table_total() -> CheckContext:
    return with_cell(example(), "income_summary", "total", "total", 505_110_000)


@fixture("X202", passing=example, count=1)
def x202_expenditure_table_total() -> CheckContext:
    return with_cell(example(), "expenditure_summary", "total", "total", 505_110_000)


@fixture("X203", passing=example, count=1)
def x203_class_row() -> CheckContext:
    return with_cell(example(), "income_expenditure_summary", "expenditure:208", "expenditure.amount", 42_970_000)


@fixture("X204", passing=example, count=1)
def x204_general_public_table_cell() -> CheckContext:
    return with_cell(example(), "general_public_expenditure", "functional:2101101", "basic.wages", 16_000_000)


@fixture("X205", passing=example, count=1)
def x205_general_public_total() -> CheckContext:
    return with_cell(example(), "general_public_expenditure", "total", "total", 505_110_000)


@fixture("X206", passing=example, count=1)
def x206_basic_table_total() -> CheckContext:
    return with_cell(example(), "general_public_basic", "total", "total", 468_110_000)


@fixture("X207", passing=example, count=1)
def x207_operating_total() -> CheckContext:
    return with_cell(example(), "general_public_basic", "total", "operating", 44_600_000)


@fixture("X208", passing=example, count=1)
def x208_econ_total() -> CheckContext:
    return with_cell(example(), "econ_summary", "total", "total", 505_110_000)


@fixture("X209", passing=example, count=1)
def x209_reception() -> CheckContext:
    return with_cell(example(), "three_public", "total", "official_reception", 2_000_000)


@fixture("X210", passing=example, count=1)
def x210_project_table_total() -> CheckContext:
    return with_cell(example(), "project_expenditure", "total", "total", 38_000_000)


@fixture("X211", passing=example, count=1)
def x211_fund_table_total() -> CheckContext:
    return with_cell(example(), "government_fund_expenditure", "total", "total", 1_000_000)


@fixture("X212", passing=example, count=1)
def x212_income_source_total() -> CheckContext:
    return with_cell(example(), "income_summary", "total", "current.general_public", 500_000_000)


@fixture("X213", passing=example, count=1)
def x213_fiscal_income_row() -> CheckContext:
    return with_cell(example(), "fiscal_summary", "income:current.general_public", "income.amount", 500_000_000)


@fixture("X214", passing=example, count=1)
def x214_targets_budget_total() -> CheckContext:
    return with_cell(example(), "department_targets", "budget_total", "c5", 500_000_000)


@fixture("X215", passing=example, count=1)
def x215_targets_project_amount() -> CheckContext:
    return with_cell(example(), "project_targets_summary", PROJECT, "amount.0", 36_000_000)


@fixture("X216", passing=example, count=1)
def x216_three_public_total() -> CheckContext:
    return with_cell(example(), "three_public", "total", "total", 4_200_000)


@fixture("X217", passing=example, count=1)
def x217_fiscal_class_column() -> CheckContext:
    return with_cell(example(), "fiscal_summary", "expenditure:210", "expenditure.general_public", 33_000_000)


@fixture("X218", passing=example, count=1)
def x218_basic_class_row() -> CheckContext:
    return with_cell(example(), "general_public_basic", "econ:301", "total", 423_000_000)


@fixture("X219", passing=example, count=1)
def x219_no_three_public_codes() -> CheckContext:
    ctx = drop_row(example(), "econ_summary", "econ:30217/50206")
    return drop_row(ctx, "econ_summary", "econ:30231/50208")


@fixture("X220", passing=jiyuan, count=1)
def x220_project_sheet_amount() -> CheckContext:
    return with_cell(jiyuan(), SHEET_2, "amount", "c4", 4_000_000)


@fixture("X221", passing=jiyuan, count=1)
def x221_income_row() -> CheckContext:
    return with_cell(jiyuan(), "income_summary", "functional:2010399", "total", 16_000_000)


@fixture("X222", passing=jiyuan, count=1)
def x222_balance_project_row() -> CheckContext:
    return with_cell(jiyuan(), "income_expenditure_summary", "expenditure:project.general", "expenditure.total",
                     14_000_000)


# -- focused tests ------------------------------------------------------------------------------


def issues_of(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def codes_of(ctx: CheckContext, *codes: str) -> list[str]:
    return sorted({i.code for i in run_checks(ctx, Selection(only=codes)).issues})


@pytest.mark.parametrize("name", ["xinxiang-2024", "jiyuan-2020"])
def test_examples_are_clean(name: str) -> None:
    assert codes_of(example(name), *X_CODES) == []


def test_multi_unit_example_is_clean() -> None:
    assert codes_of(multi_unit_example(), *X_CODES) == []


@pytest.mark.parametrize(("delta", "raised"), [(10_000, False), (-10_000, False), (20_000, True), (-20_000, True)])
def test_tolerance_is_one_hundredth_of_the_unit(delta: int, raised: bool) -> None:
    ctx = with_cell(example(), "income_summary", "total", "total", 504_110_000 + delta)
    assert bool(issues_of(ctx, "X201")) is raised


def test_message_names_the_other_table() -> None:
    [issue] = issues_of(x201_income_table_total(), "X201")
    assert issue.message == "应等于预算01表“收入总计” 504.11，实为 505.11，相差 1.00"
    assert issue.location.table_id == "income_summary" and issue.location.row_label == "合计"


def test_missing_tables_are_skipped() -> None:
    ctx = without_table(x201_income_table_total(), "income_expenditure_summary")
    assert codes_of(ctx, *X_CODES) == []


def test_2020_layout_cross_checks() -> None:
    ctx = with_cell(jiyuan(), "income_summary", "total", "total", 16_000_000)
    assert codes_of(ctx, "X201", "X212") == ["X201"]
    ctx = with_cell(jiyuan(), "income_summary", "total", "general_public", 14_000_000)
    assert len(issues_of(ctx, "X212")) == 1
    ctx = with_cell(jiyuan(), "fiscal_summary", "income:gpb_appropriation", "income.amount", 14_000_000)
    assert len(issues_of(ctx, "X213")) == 1
    ctx = with_cell(jiyuan(), "general_public_expenditure", "total", "total", 16_000_000)
    assert codes_of(ctx, "X204", "X205") == ["X204", "X205"]
    ctx = with_cell(jiyuan(), "three_public", "fixed:official_reception", "amount", 600_000)
    [issue] = issues_of(ctx, "X209")
    assert issue.location.row_label == "2、公务接待费" and "30217" in issue.message


def test_2020_basic_classes_follow_operating_column() -> None:
    def add_basic(raw: dict[str, object]) -> None:
        items = raw["items"]
        assert isinstance(items, list)
        items += [{"unit": "124001", "functional": "2010301", "econ": econ, "kind": "基本支出",
                   "source": "一般公共预算", "amount": amount}
                  for econ, amount in (("30101", 8.0), ("30201", 1.5), ("31002", 0.5))]

    ctx = with_raw(add_basic, "jiyuan-2020")
    assert codes_of(ctx, *X_CODES) == []
    ctx = with_cell(ctx, "general_public_expenditure", "total", "basic.operating", 3_000_000)
    [issue] = issues_of(ctx, "X218")
    assert (issue.expected, issue.actual) == ("3.00", "2.00") and "302、310" in issue.message


def test_general_public_check_needs_only_general_public_income() -> None:
    def add_business_income(raw: dict[str, object]) -> None:
        items = raw["items"]
        assert isinstance(items, list)
        items.append({"unit": "154001", "functional": "2010301", "econ": "30201", "kind": "基本支出",
                      "source": "事业收入", "amount": 2.0})

    ctx = with_raw(add_business_income)
    assert codes_of(ctx, *X_CODES) == []  # 03 and 05 now differ, as they should
    ctx = with_cell(ctx, "general_public_expenditure", "functional:2101101", "basic.wages", 16_000_000)
    assert codes_of(ctx, "X204") == []


def test_first_differing_row_is_cited_with_the_count() -> None:
    ctx = with_cell(x204_general_public_table_cell(), "general_public_expenditure", "functional:2101103", "total", 0)
    [issue] = issues_of(ctx, "X204")
    assert issue.location.row_label == "行政单位医疗" and "共 2 处" in issue.message


def test_general_public_carryover_is_allowed_for() -> None:
    def carryover(raw: dict[str, object]) -> None:
        items = raw["items"]
        assert isinstance(items, list)
        items.append({"unit": "154001", "functional": "2010305", "econ": "30201", "kind": "项目支出",
                      "source": "一般公共预算", "amount": 4.0, "carryover": True,
                      "project": "410700220000000029927"})

    ctx = with_raw(carryover)
    assert codes_of(ctx, *X_CODES) == []
    ctx = with_cell(ctx, "general_public_expenditure", "total", "total", 508_110_000)
    [issue] = issues_of(ctx, "X205")
    assert "减上年结转 4.00" in issue.message


def test_project_missing_from_targets_summary() -> None:
    ctx = drop_row(multi_unit_example(), "project_targets_summary", "project:154002-P1")
    [issue] = issues_of(ctx, "X215")
    assert issue.actual == "未列示" and "金融服务中心运转经费" in issue.message


def test_multi_unit_rows_are_matched_by_key() -> None:
    ctx = with_cell(multi_unit_example(), "project_expenditure", "unit:154002", "total", 6_000_000)
    [issue] = issues_of(ctx, "X210")
    assert issue.location.row_label == "新乡市金融服务中心"
    ctx = with_cell(multi_unit_example(), "econ_summary", "unit:154002", "total", 6_000_000)
    assert len(issues_of(ctx, "X208")) == 1
    ctx = with_cell(multi_unit_example(), "income_summary", "unit:154002", "total", 16_000_000)
    assert len(issues_of(ctx, "X221")) == 1


def test_three_public_against_line_items_needs_the_summary() -> None:
    ctx = x216_three_public_total()
    report = run_checks(dataclasses.replace(ctx, summary=None), Selection(only=("X216",)))
    assert "X216" in report.not_applicable and not report.issues
