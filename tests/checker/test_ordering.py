"""Rules M530+ and C330+: coded rows in code order, class names of the summary tables."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from checker.fixtures import fixture
from checker.mutate import example, map_table, with_cell
from yusuan.check import CheckContext, Selection, run_checks
from yusuan.check.issue import Issue
from yusuan.check.rules import _wording as wd
from yusuan.compute.model import Table

ORDERING = ("M530", "C330")


def issues(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def imported(ctx: CheckContext) -> CheckContext:
    """The view of a published disclosure: no line items, key figures or template pack."""
    return dataclasses.replace(ctx, budget=None, summary=None, pack=None, origin="imported")


def move_row(ctx: CheckContext, table_id: str, key: str, before: str) -> CheckContext:
    """``table_id`` with row ``key`` printed just before row ``before``."""
    def change(table: Table) -> Table:
        rows = [r for r in table.rows if r.key != key]
        moved = next(r for r in table.rows if r.key == key)
        rows.insert(next(n for n, r in enumerate(rows) if r.key == before), moved)
        return dataclasses.replace(table, rows=tuple(rows), _index={})

    return map_table(ctx, table_id, change)


@pytest.mark.parametrize("name", ["xinxiang-2024", "jiyuan-2020"])
def test_clean_examples_raise_nothing(name: str) -> None:
    report = run_checks(example(name), Selection(only=ORDERING))
    assert report.codes() == [], [str(i) for i in report.issues]


# ── M530 coded rows in code order ──────────────────────────────────────────────────────────────


@fixture("M530", passing=example, count=1)
def econ_rows_out_of_order() -> CheckContext:
    ctx = move_row(example(), "econ_summary", "econ:30102/50101", "econ:30101/50101")
    return move_row(ctx, "econ_summary", "econ:31002/50306", "econ:30201/50201")


def test_rows_out_of_order_counted_once_per_table() -> None:
    [issue] = issues(econ_rows_out_of_order(), "M530")
    assert issue.location.table_id == "econ_summary" and issue.location.row_key == "econ:30101/50101"
    assert issue.actual == "30101 排在 30102 之后"
    assert "至少 2 行" in issue.message  # 30102 (or 30101) and 31002 are out of place


def test_functional_rows_out_of_order() -> None:
    ctx = move_row(example(), "expenditure_summary", "functional:2101101", "functional:2010301")
    [issue] = issues(ctx, "M530")
    assert issue.location.table_id == "expenditure_summary" and issue.location.row_key == "functional:2010301"


def test_rows_in_government_code_order_pass() -> None:
    # 预算07表 may list rows by the 政府 code (50201 办公经费: 30201, 30228 … before 50202 会议费: 30215)
    def by_government_code(table: Table) -> Table:
        coded = sorted((r for r in table.rows if r.key.startswith("econ:")), key=lambda r: r.key.split("/")[1])
        rows = tuple(r for r in table.rows if not r.key.startswith("econ:")) + tuple(coded)
        return dataclasses.replace(table, rows=rows, _index={})

    ctx = map_table(example(), "econ_summary", by_government_code)
    table = ctx.table("econ_summary")
    assert table is not None
    departments = [r.key.split("/")[0] for r in table.rows if r.key.startswith("econ:")]
    assert departments != sorted(departments)
    assert issues(ctx, "M530") == []


def test_order_restarts_at_each_unit() -> None:
    # a department/unit row between two runs of codes starts a new run
    from checker.mutate import multi_unit_example

    ctx = multi_unit_example()
    table = ctx.table("expenditure_summary")
    assert table is not None and sum(r.level in ("department", "unit") for r in table.rows) >= 2
    assert issues(ctx, "M530") == []


# ── C330 class names of the two-sided summary tables ───────────────────────────────────────────


def _old_health_name(year: int = 2020) -> CheckContext:
    ctx = imported(example("jiyuan-2020"))
    ctx = with_cell(ctx, "fiscal_summary", "expenditure:210", "expenditure.label", "（十）医疗卫生与计划生育支出")
    return dataclasses.replace(ctx, year=year)


def _jiyuan_imported() -> CheckContext:
    return imported(example("jiyuan-2020"))


@fixture("C330", passing=_jiyuan_imported, count=1)
def outdated_class_name() -> CheckContext:
    return _old_health_name()


def test_outdated_class_name_message() -> None:
    [issue] = issues(outdated_class_name(), "C330")
    assert (issue.location.table_id, issue.location.row_key) == ("fiscal_summary", "expenditure:210")
    assert (issue.expected, issue.actual) == ("卫生健康支出", "医疗卫生与计划生育支出")
    assert "旧名称" in issue.message and "2020 年" in issue.message


def test_former_name_is_accepted_while_it_was_official() -> None:
    assert issues(_old_health_name(2018), "C330") == []


def test_name_of_another_class_and_a_misprint() -> None:
    ctx = with_cell(_jiyuan_imported(), "fiscal_summary", "expenditure:209", "expenditure.label",
                    "（九）医疗卫生与计划生育支出")
    ctx = with_cell(ctx, "fiscal_summary", "expenditure:207", "expenditure.label", "（七）文化体育旅游与传媒支出")
    found = {i.location.row_key: i for i in issues(ctx, "C330")}
    assert set(found) == {"expenditure:207", "expenditure:209"}
    assert found["expenditure:209"].expected == "社会保险基金支出"
    assert "210 类的旧名称" in found["expenditure:209"].message
    assert found["expenditure:207"].expected == "文化旅游体育与传媒支出"


def test_short_forms_of_the_current_name_pass() -> None:
    # 一、一般公共服务 (no 支出), （二十三）国有资本经营预算 are the catalogue names without 支出
    ctx = with_cell(_jiyuan_imported(), "fiscal_summary", "expenditure:201", "expenditure.label", "一、一般公共服务")
    assert issues(ctx, "C330") == []


def test_tables_printed_from_a_pack_are_not_checked() -> None:
    ctx = with_cell(example("jiyuan-2020"), "fiscal_summary", "expenditure:210", "expenditure.label",
                    "（十）医疗卫生与计划生育支出")
    assert issues(ctx, "C330") == []


def test_no_catalogue_no_check() -> None:
    assert issues(dataclasses.replace(outdated_class_name(), catalog=None), "C330") == []


@pytest.mark.parametrize(("printed", "key"), [
    ("（九）医疗卫生 与计划生育支出", "医疗卫生与计划生育"),
    ("十五、资源勘探信息等", "资源勘探信息等"),
    ("(二十三)国有资本经营预算", "国有资本经营预算"),
    ("一、一般公共服务（类）", "一般公共服务"),
])
def test_class_key(printed: str, key: str) -> None:
    assert wd.class_key(printed) == key


# ── the seeds ──────────────────────────────────────────────────────────────────────────────────

SEEDS = Path("/work/shared/seeds")


@pytest.mark.skipif(not (SEEDS / "000_62d2f9c512e236c2.txt").exists(), reason="seeds not available")
def test_seed_000_ordering_and_class_names() -> None:
    from yusuan.importer.audit import audit
    from yusuan.importer.text_reader import read_text

    report = audit(read_text(SEEDS / "000_62d2f9c512e236c2.txt"), Selection(only=ORDERING))
    found = sorted((i.code, i.location.table_id or "", i.location.row_key or "", i.actual or "")
                   for i in report.issues)
    assert ("M530", "econ_summary", "econ:30101/50101", "30101 排在 30102 之后") in found
    names = {(t, k): a for c, t, k, a in found if c == "C330"}
    assert names[("fiscal_summary", "expenditure:209")] == "医疗卫生与计划生育支出"
    assert names[("fiscal_summary", "expenditure:207")] == "文化体育旅游与传媒支出"
    assert ("fiscal_summary", "expenditure:210") not in names

