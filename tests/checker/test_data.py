"""Family D fixtures and tests: line items, projects, units and prior-year comparatives."""

from __future__ import annotations

import dataclasses
from typing import Any

from checker.fixtures import fixture
from checker.mutate import example, with_raw
from yusuan.check import CheckContext, Selection, run_checks
from yusuan.check.issue import Issue

# xinxiang-2024 input rows used below
BASIC_30217 = 10
BASIC_30229 = 12
PROCUREMENT_31002 = 19


def issues(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


# -- D701 zero amount ------------------------------------------------------------------------------


@fixture("D701", passing=example, count=1)
def d701_zero_amount() -> CheckContext:
    return with_raw(lambda raw: raw["items"][BASIC_30229].update(amount=0))


def test_d701_location() -> None:
    (hit,) = issues(d701_zero_amount(), "D701")
    assert hit.location.source is not None and hit.location.source.path == f"items[{BASIC_30229}].amount"


# -- D702 project without line items ---------------------------------------------------------------


@fixture("D702", passing=jiyuan, count=1)
def d702_project_without_items() -> CheckContext:
    project = {"code": "410700220000000030001", "name": "金融风险监测经费", "unit": "154001", "kind": "特定目标类"}
    return with_raw(lambda raw: raw["projects"].append(project))


def test_d702_names_the_project() -> None:
    (hit,) = issues(d702_project_without_items(), "D702")
    assert "金融风险监测经费" in hit.message
    assert hit.location.source is not None and hit.location.source.path == "projects[1]"


# -- D703 procurement larger than the line ----------------------------------------------------------


@fixture("D703", passing=example, count=1)
def d703_procurement_exceeds_amount() -> CheckContext:
    """Ingest refuses such input, so the line item is changed after compiling (a budget built elsewhere)."""
    ctx = example()
    assert ctx.budget is not None
    items = tuple(dataclasses.replace(item, procurement_amount=4_000_000) if n == PROCUREMENT_31002 else item
                  for n, item in enumerate(ctx.budget.items))
    return dataclasses.replace(ctx, budget=dataclasses.replace(ctx.budget, items=items))


def test_d703_figures() -> None:
    (hit,) = issues(d703_procurement_exceeds_amount(), "D703")
    assert (hit.expected, hit.actual, hit.difference) == ("3.00", "4.00", "1.00")
    assert hit.severity == "error"


# -- D704 project kind the layout does not split by ---------------------------------------------------


@fixture("D704", passing=jiyuan, count=1)
def d704_old_project_kind_in_2024_layout() -> CheckContext:
    return with_raw(lambda raw: raw["projects"][0].update(kind="一般性项目"))


def test_d704_2020_layout_takes_the_new_kinds() -> None:
    ctx = with_raw(lambda raw: raw["projects"][0].update(kind="特定目标类"), "jiyuan-2020")
    assert issues(ctx, "D704") == []
    (hit,) = issues(d704_old_project_kind_in_2024_layout(), "D704")
    assert "其他运转类、特定目标类" in hit.message and "一般性项目" in hit.message


# -- D705 / D706 prior year ------------------------------------------------------------------------


@fixture("D705", passing=jiyuan, count=1)
def d705_prior_year_two_back() -> CheckContext:
    return with_raw(lambda raw: raw["prior_year"].update(year=2022))


def test_d705_figures() -> None:
    (hit,) = issues(d705_prior_year_two_back(), "D705")
    assert (hit.expected, hit.actual) == ("2023", "2022")


@fixture("D706", passing=jiyuan, count=1)
def d706_prior_total_missing() -> CheckContext:
    return with_raw(lambda raw: raw["prior_year"]["amounts"].pop("income_total"))


def test_d706_lists_what_is_missing() -> None:
    (hit,) = issues(d706_prior_total_missing(), "D706")
    assert "收入总计" in hit.message and "支出总计" not in hit.message


def test_d706_totals_derived_from_items() -> None:
    def drop(raw: dict[str, Any]) -> None:
        for key in ("three_public", "vehicles"):
            raw["prior_year"]["amounts"].pop(key)

    assert issues(with_raw(drop), "D706") == []


def test_d706_without_any_prior_year() -> None:
    (hit,) = issues(with_raw(lambda raw: raw.pop("prior_year")), "D706")
    assert "收入总计" in hit.message and "公务用车运行维护费" in hit.message


# -- D707 carryover the layout does not show ----------------------------------------------------------

STATE_CAPITAL_CARRYOVER = {"functional": "2010399", "econ": "30201", "kind": "项目支出", "source": "国有资本经营预算",
                           "carryover": True, "amount": 1.00}


def _with_state_capital_carryover(name: str, unit: str, project: str) -> CheckContext:
    item = {**STATE_CAPITAL_CARRYOVER, "unit": unit, "project": project}
    return with_raw(lambda raw: raw["items"].append(item), name)


def d707_passing() -> CheckContext:
    """The 2024 layout has a 国有资本经营预算 column under 上年结转结余."""
    return _with_state_capital_carryover("xinxiang-2024", "154001", "410700220000000029927")


@fixture("D707", passing=d707_passing, count=1)
def d707_state_capital_carryover_in_2020_layout() -> CheckContext:
    return _with_state_capital_carryover("jiyuan-2020", "124001", "124001-2020-01")


def test_d707_general_public_carryover_is_shown_in_2020() -> None:
    item = {**STATE_CAPITAL_CARRYOVER, "source": "一般公共预算", "unit": "124001", "project": "124001-2020-01"}
    assert issues(with_raw(lambda raw: raw["items"].append(item), "jiyuan-2020"), "D707") == []


# -- D708 duplicate line items ----------------------------------------------------------------------


@fixture("D708", passing=example, count=1)
def d708_duplicate_item() -> CheckContext:
    return with_raw(lambda raw: raw["items"].append(dict(raw["items"][BASIC_30229])))


def test_d708_points_at_both_rows() -> None:
    (hit,) = issues(d708_duplicate_item(), "D708")
    assert f"items[{BASIC_30229}]" in hit.message and hit.actual == "15.58"
    assert hit.location.source is not None and hit.location.source.path == "items[20]"


# -- D709 unit without line items -----------------------------------------------------------------


@fixture("D709", passing=jiyuan, count=1)
def d709_unit_without_items() -> CheckContext:
    unit = {"code": "154002", "name": "新乡市金融服务中心", "type": "事业单位"}
    return with_raw(lambda raw: raw["units"].append(unit))


# -- D710 三公 codes funded outside the 三公 table ---------------------------------------------------


@fixture("D710", passing=jiyuan, count=1)
def d710_reception_from_business_income() -> CheckContext:
    return with_raw(lambda raw: raw["items"][BASIC_30217].update(source="事业收入"))


def test_d710_without_pack_uses_the_standard_codes() -> None:
    ctx = dataclasses.replace(d710_reception_from_business_income(), pack=None)
    (hit,) = issues(ctx, "D710")
    assert "30217" in hit.message and "事业收入" in hit.message


# -- both examples -----------------------------------------------------------------------------------


def test_examples_have_no_data_findings() -> None:
    for ctx in (example(), jiyuan()):
        report = run_checks(ctx, Selection(only=("预算明细",)))
        assert report.issues == (), [str(i) for i in report.issues]
