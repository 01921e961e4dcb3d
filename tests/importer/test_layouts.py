"""Outline, metadata and import notices on the layouts of 江苏 2018 and 上海普陀 (built by hand from what they print).

These do not depend on a reader: the raw documents hold the lines the PDFs print.
"""

from __future__ import annotations

import pytest

from yusuan.importer.audit import NARRATIVE_ONLY, TABLES_ONLY, document_from_raw
from yusuan.importer.metadata import department_of
from yusuan.importer.model import RawDocument, RawParagraph, RawTable
from yusuan.importer.outline import heading_level, outline


def paragraphs(*lines: str | tuple[str, bool]) -> tuple[RawParagraph, ...]:
    """Lines as a reader gives them: ``(text, True)`` is a line printed as a heading."""
    return tuple(RawParagraph(line, 1, False) if isinstance(line, str) else RawParagraph(line[0], 1, line[1])
                 for line in lines)


@pytest.mark.parametrize(("cover", "department"), [
    (["江苏省2018年度", "省级部门预算公开报表", "部 门:中共江苏省委办公厅", "江苏省财政厅印制"], "中共江苏省委办公厅"),
    (["2018年度江苏省高级人民法院预算公开", "2018年2月24日"], "江苏省高级人民法院"),
    (["江苏省人民检察院", "2018年部门预算"], "江苏省人民检察院"),
    (["江苏省人大常委会办公厅2018年度部门预算公开"], "江苏省人大常委会办公厅"),
])
def test_department_from_the_cover(cover: list[str], department: str) -> None:
    assert department_of([], [], cover) == department


def test_department_from_the_tables_or_a_part_title() -> None:
    table = RawTable(title="收支预算总表", org="部门：江苏省人民检察院", columns=(("项目",), ("金额",)),
                     rows=(("收入合计", "1.00"),))
    assert department_of([], [table], []) == "江苏省人民检察院"
    title = ("第三部分 江苏省高级人民法院2018年度预算情况说明", True)
    items = outline(RawDocument("x.pdf", paragraphs(title), pages=1))
    assert department_of(items, [], []) == "江苏省高级人民法院"


def test_a_chart_caption_is_not_a_heading() -> None:
    """江苏法院 §三 prints 「支出预算图」 large between 三、 and 四、: it must not start a part (N410)."""
    assert heading_level("支出预算图", True) is None and heading_level("图1：收入预算图", True) is None
    assert heading_level("四、财政拨款收支预算总体情况说明", True) == 2


def test_a_bold_list_item_with_nothing_under_it_is_a_paragraph() -> None:
    """江苏检察院 二、: 「（二）下属事业单位」 1.清风苑杂志社 2.国家检察官学院江苏分院 (bold) — items, not headings."""
    raw = RawDocument("x.pdf", paragraphs(
        ("二、部门机构设置及预算单位构成情况", True), ("（二）下属事业单位", True), ("1.清风苑杂志社", True),
        ("2.国家检察官学院江苏分院", True), ("（三）派出机构", True), ("1.南京铁路运输检察院", True),
        "根据部门职责分工，本部门包括 19 个内设机构。"), pages=1)
    kinds = [(i.kind, i.text) for i in outline(raw)]
    assert kinds == [("heading", "二、部门机构设置及预算单位构成情况"), ("heading", "（二）下属事业单位"),
                     ("paragraph", "1.清风苑杂志社"), ("paragraph", "2.国家检察官学院江苏分院"),
                     ("heading", "（三）派出机构"), ("heading", "1.南京铁路运输检察院"),
                     ("paragraph", "根据部门职责分工，本部门包括 19 个内设机构。")]


def test_a_combined_explanation_is_the_overview() -> None:
    """上海普陀: 「2024年部门预算编制说明」 tells the totals: its paragraphs are read as the overview's."""
    raw = RawDocument("x.pdf", paragraphs(("2024年部门预算编制说明", True),
                                          "2024年，上海市普陀区人民政府万里街道办事处收入预算15621.11万元。"), pages=1)
    document, _notes = document_from_raw(raw)
    [paragraph] = document.paragraphs()
    assert paragraph.section == "overview"
    assert [(c.metric, str(c.value)) for c in paragraph.claims] == [("income_total", "15621.11")]


def _table() -> RawTable:
    return RawTable(title="收支预算总表", unit="万元", org="部门：中共江苏省委办公厅",
                    columns=(("收入", "项目名称"), ("收入", "金额"), ("支出", "项目名称"), ("支出", "金额")),
                    rows=(("收入合计", "1.00", "支出合计", "1.00"),), pages=(3,))


def test_a_file_with_one_part_of_a_disclosure_says_so_once() -> None:
    """江苏省委办公厅 publishes 说明 and 公开表 as two PDFs: one notice each, not an error per table or topic."""
    tables, _ = document_from_raw(RawDocument("公开表.pdf", (*paragraphs("江苏省2018年度", "部 门:中共江苏省委办公厅"),
                                                           _table()), pages=3))
    _doc, notes = document_from_raw(RawDocument("公开表.pdf", (_table(),), pages=3))
    assert notes.notices.count(TABLES_ONLY) == 1 and NARRATIVE_ONLY not in notes.notices
    _doc, notes = document_from_raw(RawDocument("说明.pdf", paragraphs(("一、收支预算总体情况说明", True),
                                                                     "收入预算总计1.00万元。"), pages=1))
    assert notes.notices == (NARRATIVE_ONLY,)
    _doc, notes = document_from_raw(RawDocument("x.pdf", (*paragraphs(("一、收支预算总体情况说明", True),
                                                                      "收入预算总计1.00万元。"), _table()), pages=3))
    assert TABLES_ONLY not in notes.notices and NARRATIVE_ONLY not in notes.notices
    assert tables.department == "中共江苏省委办公厅"
