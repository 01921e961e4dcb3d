"""Family M fixtures and tests: every table and narrative topic a disclosure must have."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from checker.fixtures import fixture
from checker.mutate import (
    edit_headings,
    edit_paragraphs,
    example,
    map_table,
    replace_text,
    with_document,
    with_raw,
    without_table,
)
from yusuan.check import CheckContext, Selection, run_checks
from yusuan.check.issue import Issue
from yusuan.document.model import Section, TableBlock


def issues(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def imported(ctx: CheckContext) -> CheckContext:
    return dataclasses.replace(ctx, budget=None, summary=None, origin="imported")


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


def texts(**changes: str | None) -> Any:
    def change(raw: dict[str, Any]) -> None:
        for key, text in changes.items():
            if text is None:
                raw["texts"].pop(key, None)
            else:
                raw["texts"][key] = text

    return change


def without_section(ctx: CheckContext, section: str) -> CheckContext:
    """The document without a narrative section: its heading and its paragraphs."""
    ctx = edit_headings(ctx, lambda h: None if h.anchor == section or h.anchor.endswith(f"-{section}") else h)
    return edit_paragraphs(ctx, lambda p: None if p.section == section else p)


def duplicate_table(ctx: CheckContext, table_id: str) -> CheckContext:
    """The document with a table printed twice in a row (seed 000 prints 一般公共预算支出情况表 twice)."""
    sections = []
    for section in ctx.document.sections:
        blocks: list[Any] = []
        for block in section.blocks:
            blocks.append(block)
            if isinstance(block, TableBlock) and block.table.id == table_id:
                blocks.append(TableBlock(block.table))
        sections.append(Section(tuple(blocks), section.orientation))
    return with_document(ctx, dataclasses.replace(ctx.document, sections=tuple(sections)))


# ── tables ────────────────────────────────────────────────────────────────────────────────────


@fixture("M501", passing=example, count=1)
def m501_three_public_table_missing() -> CheckContext:
    return without_table(example(), "three_public")


def test_m501_tables_the_pack_declares() -> None:
    [issue] = issues(without_table(example(), "project_expenditure"), "M501")
    assert issue.location.table_code == "预算10表" and "2024年项目支出表" in issue.message
    # without a pack (an imported disclosure) the tables 143号 requires are required
    assert issues(dataclasses.replace(without_table(example(), "project_expenditure"), pack=None), "M501") == []
    [issue] = issues(dataclasses.replace(m501_three_public_table_missing(), pack=None), "M501")
    assert issue.location.table_id == "three_public"
    # project target sheets: one table per project, any of them is the pack's table
    ctx = jiyuan()
    for table in ctx.tables:
        if table.id.startswith("project_target_sheets:"):
            ctx = without_table(ctx, table.id)
    assert [i.location.table_id for i in issues(ctx, "M501")] == ["project_target_sheets"]


def _pack_without_three_public() -> CheckContext:
    ctx = without_table(example(), "three_public")
    assert ctx.pack is not None
    pack = ctx.pack.model_copy(update={"tables": [t for t in ctx.pack.tables if t.id != "three_public"]})
    return dataclasses.replace(ctx, pack=pack)


@fixture("M514", passing=example, count=1)
def m514_template_without_a_required_table() -> CheckContext:
    """A custom pack may leave out a 143号 table: not an error (M501 follows the pack), only a notice."""
    return _pack_without_three_public()


def test_m514_custom_pack_is_not_an_error() -> None:
    ctx = _pack_without_three_public()
    assert issues(ctx, "M501") == []
    assert issues(dataclasses.replace(ctx, pack=None), "M514") == []


@fixture("M502", passing=example, count=1)
def m502_table_printed_twice() -> CheckContext:
    return duplicate_table(example(), "general_public_expenditure")


def test_m502_same_title_under_another_id() -> None:
    def retitled(t: Any) -> Any:
        return dataclasses.replace(t, title="2024年 一般公共预算支出情况表")

    [issue] = issues(map_table(example(), "general_public_basic", retitled), "M502")
    assert issue.location.table_id == "general_public_basic"
    assert issues(m502_table_printed_twice(), "M503") == []  # the repeat is not also a numbering issue


@fixture("M503", passing=example, count=1)
def m503_table_number_gap() -> CheckContext:
    return without_table(example(), "general_public_expenditure")


def test_m503_out_of_order() -> None:
    def code(new: str) -> Any:
        return lambda t: dataclasses.replace(t, code=new)

    ctx = map_table(map_table(example(), "econ_summary", code("预算08表")), "three_public", code("预算07表"))
    assert [(i.expected, i.actual) for i in issues(ctx, "M503")] == [("07", "08"), ("09", "07")]
    assert issues(jiyuan(), "M503") == []  # 绩效 tables without numbers are not counted


@fixture("M504", passing=example, count=1)
def m504_empty_table_without_statement() -> CheckContext:
    return map_table(example(), "government_fund_expenditure", lambda t: dataclasses.replace(t, empty_statement=""))


# ── narrative topics ──────────────────────────────────────────────────────────────────────────


@fixture("M505", passing=jiyuan, count=1)
def m505_procurement_topic_missing() -> CheckContext:
    return without_section(example(), "procurement")


def test_m505_basic_topic_only_when_there_is_basic_spending() -> None:
    [issue] = issues(without_section(example(), "basic"), "M505")
    assert "基本支出" in issue.message
    assert issues(jiyuan(), "M505") == []  # 济源 2020 has no 基本支出 and no section for it
    assert issues(imported(jiyuan()), "M505") == []


@fixture("M506", passing=example, count=1)
def m506_overseas_travel_not_mentioned() -> CheckContext:
    return edit_paragraphs(example(), lambda p: None if p.text.startswith("（一）因公出国") else p)


def test_m506_vehicle_purchase_and_operation() -> None:
    split = "其中，公务用车购置费未安排，与2023年持平；公务用车运行维护费3.10万元，比2023年减少1.20万元，下降27.91%。"
    ctx = replace_text(with_raw(texts(vehicles=None)), split, "")
    assert [i.message for i in issues(ctx, "M506")] == ["“三公”经费说明未提及“公务用车购置费”"]
    assert issues(jiyuan(), "M506") == []  # no vehicles: the split is not needed


@fixture("M507", passing=example, count=1)
def m507_three_public_change_without_reason() -> CheckContext:
    return with_raw(texts(three_public_change_reason=None))


def test_m507_items_and_imported() -> None:
    both = with_raw(texts(three_public_change_reason=None, vehicles=None))
    assert [i.message.split("比")[0] for i in issues(both, "M507")] == ["“三公”经费", "公务用车购置及运行费"]
    assert issues(with_raw(texts(three_public_change_reason=None), "jiyuan-2020"), "M507") == []  # no change
    assert issues(imported(example()), "M507") == []
    reason = "增减变化的主要原因是：预计本年度公务用车使用减少，公务用车运行维护费相应压减。"
    no_reason = replace_text(imported(example()), reason, "")
    assert len(issues(no_reason, "M507")) == 2  # the total's paragraph and the vehicles paragraph


@fixture("M508", passing=example, count=1)
def m508_total_change_without_reason() -> CheckContext:
    return with_raw(texts(change_reason=None))


def test_m508_fiscal_and_flat_and_imported() -> None:
    [issue] = issues(with_raw(texts(fiscal_change_reason=None)), "M508")
    assert "财政拨款收支总计" in issue.message and issue.location.section is not None
    assert issues(with_raw(texts(change_reason=None, fiscal_change_reason=None), "jiyuan-2020"), "M508") == []
    assert issues(imported(example()), "M508") == []
    no_reason = replace_text(imported(example()), "增减变化的主要原因是：人员经费发生变动，财政拨款随之增加。", "")
    assert len(issues(no_reason, "M508")) == 1


@fixture("M509", passing=example, count=1)
def m509_procurement_without_breakdown() -> CheckContext:
    return replace_text(with_raw(texts(procurement=None)), "，其中：货物类3.00万元；工程类、服务类未安排", "")


@fixture("M510", passing=jiyuan, count=1)
def m510_main_duties_missing() -> CheckContext:
    return with_raw(texts(main_duties=None))


def test_m510_heading_gone_and_2020_layout() -> None:
    assert len(issues(without_section(example(), "duties"), "M510")) == 1
    # 济源: 一、主要职能 holds （一）机构设置 and （二）部门职责; the 机构设置 text does not stand in for the duties
    [issue] = issues(with_raw(texts(main_duties=None), "jiyuan-2020"), "M510")
    assert issue.location.section == "（二）部门职责"


def test_m511_glossary_introduced_by_a_paragraph() -> None:
    """An imported PDF may give 名词解释 as a line of text under 第三部分."""
    ctx = edit_headings(example(), lambda h: dataclasses.replace(h, text="第三部分") if h.anchor == "glossary" else h)
    assert len(issues(ctx, "M511")) == 1
    ctx = edit_paragraphs(ctx, lambda p: dataclasses.replace(p, text="名词解释\n" + p.text)
                          if p.text.startswith("一、财政拨款收入") else p)
    assert len(issues(ctx, "M511")) == 1  # the line must stand alone


@fixture("M511", passing=jiyuan, count=1)
def m511_glossary_missing() -> CheckContext:
    return without_section(example(), "glossary")


@fixture("M512", passing=example, count=1)
def m512_unit_composition_missing() -> CheckContext:
    return without_section(example(), "units")


def _no_assets(raw: dict[str, Any]) -> None:
    raw.pop("assets", None)
    raw["texts"]["assets"] = "我局资产管理规范，资产配置合理。"


@fixture("M513", passing=jiyuan, count=1)
def m513_assets_without_figures() -> CheckContext:
    return with_raw(_no_assets)


# ── the examples ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("view", ["compiled", "imported"])
@pytest.mark.parametrize("name", ["xinxiang-2024", "jiyuan-2020"])
def test_examples_raise_nothing(name: str, view: str) -> None:
    ctx = example(name) if view == "compiled" else imported(example(name))
    found = [str(i) for i in run_checks(ctx, Selection(only=("完整性",))).issues if i.code.startswith("M")]
    assert found == []
