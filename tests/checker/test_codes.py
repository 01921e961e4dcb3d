"""Family C fixtures and tests: classification codes, as printed and as entered."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from checker.fixtures import fixture
from checker.mutate import example, map_table, with_cell, with_raw
from yusuan.check import CheckContext, Selection, run_checks
from yusuan.check.issue import Issue
from yusuan.compute.model import Table
from yusuan.domain.budget import LineItem
from yusuan.domain.enums import UnitType

# xinxiang-2024 input rows used below
BASIC_30201 = 8
BASIC_30213 = 9
BASIC_30239 = 14
PROJECT_30227 = 17


def edit_item(index: int, **changes: Any) -> Callable[[dict[str, Any]], None]:
    def change(raw: dict[str, Any]) -> None:
        raw["items"][index].update(changes)

    return change


def with_items(ctx: CheckContext, fn: Callable[[int, LineItem], LineItem]) -> CheckContext:
    """The same view with the budget's line items changed (tables unchanged): input ingest would refuse."""
    assert ctx.budget is not None
    items = tuple(fn(n, item) for n, item in enumerate(ctx.budget.items))
    return dataclasses.replace(ctx, budget=dataclasses.replace(ctx.budget, items=items))


def imported(ctx: CheckContext) -> CheckContext:
    """The view of a published disclosure: tables and text only, no line items."""
    return dataclasses.replace(ctx, budget=None, summary=None, origin="imported")


def rekey(ctx: CheckContext, table_id: str, old: str, new: str) -> CheckContext:
    """Give one row of a table another key (the code the row stands for)."""

    def change(table: Table) -> Table:
        rows = tuple(dataclasses.replace(r, key=new) if r.key == old else r for r in table.rows)
        assert rows != table.rows, f"no row {old} in {table_id}"
        return dataclasses.replace(table, rows=rows, _index={})

    return map_table(ctx, table_id, change)


def issues(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


# -- C301 functional code not in the catalogue ------------------------------------------------------


@fixture("C301", passing=example, count=1)
def c301_unknown_functional_code() -> CheckContext:
    def change(raw: dict[str, Any]) -> None:
        for n in (15, 16):
            raw["items"][n]["functional"] = "2010388"

    return with_raw(change)


def test_c301_located_at_the_input_row() -> None:
    (hit,) = issues(c301_unknown_functional_code(), "C301")
    assert hit.location.source is not None and hit.location.source.path == "items[15].functional"
    assert "2010388" in hit.message and "2024" in hit.message


def test_c301_on_printed_tables_without_line_items() -> None:
    ctx = rekey(imported(example()), "expenditure_summary", "functional:2010301", "functional:2010388")
    (hit,) = issues(ctx, "C301")
    assert hit.location.table_id == "expenditure_summary" and "「行政运行」" in hit.message
    assert issues(imported(jiyuan()), "C301") == []


# -- C302 functional name differs from the catalogue ------------------------------------------------


@fixture("C302", passing=jiyuan, count=1)
def c302_functional_name_differs() -> CheckContext:
    return with_raw(lambda raw: raw["names"]["functional"].update({"2010301": "行政运行支出"}))


def test_c302_reports_once_per_code_and_name() -> None:
    (hit,) = issues(c302_functional_name_differs(), "C302")
    assert hit.expected == "行政运行" and hit.actual == "行政运行支出"
    assert hit.location.column_key == "name"


def test_c302_ignores_bracket_width_and_spaces() -> None:
    ctx = with_cell(jiyuan(), "expenditure_summary", "functional:2010399", "name",
                    "其他政府办公厅(室)及相关 机构事务支出")
    assert issues(ctx, "C302") == [] and issues(ctx, "C310") == []


# -- C303 malformed functional code -----------------------------------------------------------------


@fixture("C303", passing=example, count=1)
def c303_section_part_differs() -> CheckContext:
    return with_cell(example(), "expenditure_summary", "functional:2010301", "f_section", "05")


def test_c303_full_codes_in_part_columns_are_fine() -> None:
    ctx = with_cell(jiyuan(), "expenditure_summary", "functional:2010399", "f_item", "2010399")
    assert issues(ctx, "C303") == []


def test_c303_malformed_row_code() -> None:
    ctx = rekey(jiyuan(), "expenditure_summary", "functional:2010399", "functional:201039")
    (hit,) = issues(ctx, "C303")
    assert hit.severity == "error" and "201039" in hit.message


def test_c303_names_what_is_printed() -> None:
    (hit,) = issues(c303_section_part_differs(), "C303")
    assert hit.expected == "201 03 01" and hit.actual == "201 05 01" and hit.location.column_key == "f_section"


# -- C304 / C305 economic codes and names -----------------------------------------------------------


@fixture("C304", passing=jiyuan, count=1)
def c304_unknown_econ_code() -> CheckContext:
    def change(raw: dict[str, Any]) -> None:
        edit_item(BASIC_30239, econ="30298")(raw)
        raw["names"]["econ"] = {"30298": "其他交通补贴"}

    return with_raw(change)


def test_c304_imported() -> None:
    ctx = rekey(imported(example()), "econ_summary", "econ:30239/50201", "econ:30298/50201")
    (hit,) = issues(ctx, "C304")
    assert "30298" in hit.message and hit.location.table_id == "econ_summary"


@fixture("C305", passing=example, count=1)
def c305_econ_name_differs() -> CheckContext:
    return with_cell(example(), "general_public_basic", "econ:30201/50201", "d_name", "办公用品费")


def test_c305_gov_name_in_2020_layout() -> None:
    ctx = with_cell(jiyuan(), "econ_summary", "econ:30201/50502", "g_name", "商品服务支出")
    (hit,) = issues(ctx, "C305")
    assert hit.expected == "商品和服务支出" and "政府预算支出经济分类科目 50502" in hit.message


# -- C306 / C312 crosswalk ---------------------------------------------------------------------------


def c306_passing() -> CheckContext:
    """济源 enters its unit as 事业单位: 302 → 50502 is the crosswalk's mapping there."""
    return jiyuan()


@fixture("C306", passing=c306_passing, count=1)
def c306_gov_code_derived_differently() -> CheckContext:
    def change(n: int, item: LineItem) -> LineItem:
        return dataclasses.replace(item, gov_econ_code="50299") if n == BASIC_30201 else item

    return with_items(example(), change)


def test_c306_imported_pair_in_neither_crosswalk() -> None:
    ctx = rekey(imported(example()), "econ_summary", "econ:30201/50201", "econ:30201/50299")
    (hit,) = issues(ctx, "C306")
    assert hit.expected == "50201或50502" and hit.actual == "50299"
    # 302 → 50502 is the 事业单位 mapping: accepted when the unit type is unknown
    assert issues(imported(jiyuan()), "C306") == []


def test_c306_unit_type_decides() -> None:
    ctx = jiyuan()
    assert ctx.budget is not None
    units = tuple(dataclasses.replace(u, type=UnitType.ADMINISTRATIVE) for u in ctx.budget.units)
    organ = dataclasses.replace(ctx.budget, units=units)
    hits = issues(dataclasses.replace(ctx, budget=organ), "C306")
    assert {h.expected for h in hits} == {"50201", "50206"} and {h.actual for h in hits} == {"50502"}
    assert len(hits) == 4  # 30201, 30202, 30211, 30217


@fixture("C312", passing=jiyuan, count=1)
def c312_gov_code_overridden() -> CheckContext:
    return with_raw(edit_item(BASIC_30201, gov_econ="50299"))


def test_c312_is_not_c306() -> None:
    ctx = c312_gov_code_overridden()
    assert issues(ctx, "C306") == []
    (hit,) = issues(ctx, "C312")
    assert hit.expected == "50201" and hit.actual == "50299"


# -- C307 government economic code not in the catalogue ---------------------------------------------


@fixture("C307", passing=example, count=1)
def c307_unknown_gov_code() -> CheckContext:
    def change(raw: dict[str, Any]) -> None:
        edit_item(BASIC_30201, gov_econ="50298")(raw)
        raw["names"]["gov_econ"] = {"50298": "其他办公经费"}

    return with_raw(change)


# -- C308 / C309 expenditure kind vs economic class --------------------------------------------------


@fixture("C308", passing=example, count=1)
def c308_basic_on_infrastructure() -> CheckContext:
    return with_raw(edit_item(BASIC_30213, econ="31005"))


def test_c308_imported_reads_the_basic_table() -> None:
    (hit,) = issues(imported(c308_basic_on_infrastructure()), "C308")
    assert hit.location.table_id == "general_public_basic" and hit.actual == "1.00"
    assert issues(imported(example()), "C308") == []


def test_c308_project_use_is_fine() -> None:
    assert issues(with_raw(edit_item(PROJECT_30227, econ="31005")), "C308") == []


@fixture("C309", passing=example, count=1)
def c309_wages_in_project() -> CheckContext:
    return with_raw(edit_item(PROJECT_30227, econ="30199"))


def test_c309_names_the_project() -> None:
    (hit,) = issues(c309_wages_in_project(), "C309")
    assert "金融及处非工作经费" in hit.message and hit.actual == "2.00" and hit.severity == "notice"


# -- C310 one code, two names ----------------------------------------------------------------------


@fixture("C310", passing=jiyuan, count=1)
def c310_two_names() -> CheckContext:
    return with_cell(example(), "general_public_basic", "econ:30201/50201", "d_name", "办公用品费")


def test_c310_points_at_the_first_table() -> None:
    (hit,) = issues(c310_two_names(), "C310")
    assert hit.location.table_id == "econ_summary" and "预算06表" in hit.message
    assert hit.expected == "办公用品费" and hit.actual == "办公费"


# -- C311 economic code parts --------------------------------------------------------------------


@fixture("C311", passing=example, count=1)
def c311_class_differs() -> CheckContext:
    return with_cell(example(), "general_public_basic", "econ:30201/50201", "d_class", "301")


def test_c311_full_codes_of_2020_layout() -> None:
    assert issues(jiyuan(), "C311") == []
    ctx = with_cell(jiyuan(), "econ_summary", "econ:30201/50502", "g_section", "50501")
    (hit,) = issues(ctx, "C311")
    assert hit.expected == "505 02" and hit.actual == "505 50501" and "政府" in hit.message


# -- both examples -----------------------------------------------------------------------------------


def test_examples_have_no_code_findings() -> None:
    for ctx in (example(), jiyuan(), imported(example()), imported(jiyuan())):
        report = run_checks(ctx, Selection(only=("科目编码",)))
        assert report.issues == (), [str(i) for i in report.issues]
