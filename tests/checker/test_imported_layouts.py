"""Rules on the layouts of published disclosures (江苏 2018, 上海普陀), on the examples changed to look like them.

Each test reproduces, on a clean example, what a real disclosure prints (the file and page are named)
and checks that the rule reads it right: no false error, and the mistake still found when there is one.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from checker.mutate import edit_headings, edit_paragraphs, example, map_table, with_document
from yusuan.check import CheckContext, Selection, run_checks
from yusuan.check.issue import Issue
from yusuan.check.rules import _text as tx
from yusuan.compute.model import Cell, Column, Table
from yusuan.document.model import Block, Claim, Heading, Paragraph, Section, TableBlock


def issues(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def imported(ctx: CheckContext) -> CheckContext:
    return dataclasses.replace(ctx, budget=None, summary=None, origin="imported")


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


def appended(ctx: CheckContext, *blocks: Block) -> CheckContext:
    """The document with ``blocks`` printed at its end."""
    sections = (*ctx.document.sections, Section(tuple(blocks)))
    return with_document(ctx, dataclasses.replace(ctx.document, sections=sections))


def only_blocks(ctx: CheckContext, keep: type | tuple[type, ...]) -> CheckContext:
    """The document with only the blocks of the given kinds (a file holding one part of a disclosure)."""
    sections = tuple(Section(tuple(b for b in s.blocks if isinstance(b, keep)), s.orientation)
                     for s in ctx.document.sections)
    return with_document(ctx, dataclasses.replace(ctx.document, sections=sections))


def replace_paragraph(ctx: CheckContext, start: str, text: str, *claims: Claim) -> CheckContext:
    """The paragraph starting with ``start`` replaced by ``text`` (with ``claims``, as an importer reads it)."""
    hit = False

    def change(p: Paragraph) -> Paragraph:
        nonlocal hit
        if not p.text.startswith(start):
            return p
        hit = True
        return dataclasses.replace(p, text=text, claims=claims)

    out = edit_paragraphs(ctx, change)
    assert hit, start
    return out


# ── A106: 单位预留机动经费, 结转下年资金 (江苏公开03表、公开04表) ─────────────────────────────────────


def _with_reserve(table: Table, amount: int, raise_total: bool) -> Table:
    """江苏公开03表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金 (reserve on the total row only)."""
    columns = (*table.columns, Column("reserve", ("单位预留机动经费",), "money"),
               Column("next_year", ("结转下年资金",), "money"))
    rows = []
    for row in table.rows:
        reserve = amount if row.level == "total" else 0
        cells = tuple(c._replace(value=c.value + reserve) if c.column == "total" and raise_total
                      and isinstance(c.value, int) else c for c in row.cells)
        extra = (Cell(reserve, "reserve", True), Cell(0, "next_year", True))
        rows.append(dataclasses.replace(row, cells=(*cells, *extra)))
    return dataclasses.replace(table, columns=columns, rows=tuple(rows), _index={})


def test_a106_reserve_and_next_year_columns_are_parts_of_the_total() -> None:
    balanced = map_table(example(), "expenditure_summary", lambda t: _with_reserve(t, 16_857_200_00, True))
    assert issues(balanced, "A106") == []
    [issue] = issues(map_table(example(), "expenditure_summary", lambda t: _with_reserve(t, 16_857_200_00, False)),
                     "A106")
    assert "单位预留机动经费" in issue.message and issue.location.row_key == "total"


def _reserve_row(table: Table, amount: int, raise_total: bool) -> Table:
    """江苏公开04表: 一、基本支出 二、项目支出 三、单位预留机动经费 … 支出合计 (in place of a blank line)."""
    rows = []
    placed = False
    for row in table.rows:
        if not placed and all(c.row_key is None for c in row.cells if c.column.startswith("expenditure.")):
            placed = True
            cells = tuple(c._replace(row_key="expenditure:reserve", money=c.column != "expenditure.label",
                                     value="三、单位预留机动经费" if c.column == "expenditure.label" else
                                     amount if c.column == "expenditure.total" else 0)
                          if c.column.startswith("expenditure.") else c for c in row.cells)
            row = dataclasses.replace(row, cells=cells)
        elif raise_total and row.level == "total":
            row = dataclasses.replace(row, cells=tuple(
                c._replace(value=c.value + amount) if c.column == "expenditure.total" and c.row_key ==
                "expenditure:total" and isinstance(c.value, int) else c for c in row.cells))
        rows.append(row)
    assert placed
    return dataclasses.replace(table, rows=tuple(rows), _index={})


def test_a106_reserve_row_of_a_two_sided_table() -> None:
    ok = map_table(jiyuan(), "income_expenditure_summary", lambda t: _reserve_row(t, 5_000_000, True))
    assert issues(ok, "A106") == []
    [issue] = issues(map_table(jiyuan(), "income_expenditure_summary", lambda t: _reserve_row(t, 5_000_000, False)),
                     "A106")
    assert "单位预留机动经费" in issue.message and (issue.expected, issue.actual) == ("20.00", "15.00")


# ── X203, X204: 支出总表 printed as one 合计 row (江苏公开03表) ──────────────────────────────────────


def _total_row_only(table: Table) -> Table:
    return dataclasses.replace(table, rows=tuple(r for r in table.rows if r.level == "total"), _index={})


def test_x203_x204_skip_an_expenditure_table_without_functional_rows() -> None:
    ctx = map_table(example(), "expenditure_summary", _total_row_only)
    assert issues(ctx, "X203") == [] and issues(ctx, "X204") == []
    # a functional row dropped (not the whole breakdown) is still a mistake
    ctx = map_table(example(), "expenditure_summary", lambda t: dataclasses.replace(
        t, rows=tuple(r for r in t.rows if r.key != "functional:2080505"), _index={}))
    assert issues(ctx, "X203") and issues(ctx, "X204")


# ── reading the text: figures and their names ────────────────────────────────────────────────


def test_thousands_separators_are_one_number() -> None:
    text = tx.compact("2018年度政府采购支出预算总额 3,096.24 万元。"
                      "其中：拟采购货物支出 268 万元、拟购买服务支出2,828.24 万元。")
    figures = tx.find_figures(text)
    assert [(f.value, f.text) for f in figures] == [(Decimal("3096.24"), "3,096.24"), (Decimal("268"), "268"),
                                                      (Decimal("2828.24"), "2,828.24")]
    assert text[tx.clause_start(text, figures[0].start):figures[0].start] == "2018年度政府采购支出预算总额"
    assert [f.value for f in tx.find_figures("与上年相比,增加100万元")] == [Decimal(100)]  # an ASCII comma


def test_a_source_total_is_not_the_budget_total() -> None:
    """江苏: 「财政专户管理资金收入预算总计0万元」「其他资金收入预算总计14.39万元」 are not 收入总计."""
    terms = {"收入预算总计": "income_total", "收入预算": "income_total"}
    whole = frozenset(terms)
    assert tx.last_term("（一）收入预算总计", terms, whole) == "income_total"
    assert tx.last_term("2.其他资金收入预算总计", terms, whole) is None
    assert tx.last_term("（1）一般公共预算收入预算", terms, whole) is None
    assert tx.last_term("上海市普陀区人民政府万里街道办事处收入预算", terms, whole) == "income_total"
    ctx = replace_paragraph(imported(example()), "新乡市金融工作局2024年收入预算合计",
                            "新乡市金融工作局2024年收入预算合计504.11万元。其他资金收入预算总计14.39万元。"
                            "财政专户管理资金收入预算总计0万元。")
    assert issues(ctx, "N401") == []
    wrong = replace_paragraph(imported(example()), "新乡市金融工作局2024年收入预算合计",
                              "新乡市金融工作局2024年收入预算合计540.11万元。")
    assert [i.actual for i in issues(wrong, "N401")] == ["540.11"]


def test_a_change_whose_subject_is_unnamed_is_not_the_section_total() -> None:
    """江苏人大 §一: 「单位预留机动经费预算数为 1685.72 万元。与上年相比增加1557.29万元，增长1312.56%」."""
    ctx = replace_paragraph(imported(example()), "新乡市金融工作局2024年收入预算合计",
                            "1．一般公共服务（类）支出428.90万元，主要用于机关运转。与上年相比增加2177.95万元，增长20.69%。")
    assert issues(ctx, "N404") == [] and issues(ctx, "N403") == []
    # with no figure before it, the sentence is about the section's total, as before
    ctx = replace_paragraph(imported(example()), "新乡市金融工作局2024年收入预算合计",
                            "与上年相比增加61.40万元，增长20.69%。")
    assert [i.code for i in issues(ctx, "N404")] == ["N404"]


def test_an_amount_or_change_of_another_thing_is_not_named_by_an_earlier_term() -> None:
    """江苏法院 §一: 「基本支出增加机关事业单位养老保险、职业年金缴费等1447.63万元、项目经费支出安排减少江苏法院
    云平台租赁费200万元」; 「项目支出安排减少200万元、单位预留机动经费增加3075.14万元」."""
    ctx = replace_paragraph(imported(example()), "新乡市金融工作局2024年支出预算合计",
                            "主要原因是基本支出增加机关事业单位养老保险、职业年金缴费等1447.63万元、项目经费支出安排"
                            "减少江苏法院云平台租赁费200万元。主要原因是基本支出增加1447.63万元、项目支出安排减少200万元、"
                            "某项经费增加3075.14万元。")
    assert issues(ctx, "N401") == [] and issues(ctx, "N405") == []


def test_reserve_is_a_metric_of_the_expenditure_table() -> None:
    """江苏人大 §一: 单位预留机动经费 1685.72 万元，增加 1557.29 万元，增长 1312.56%（应为 1212.56%）."""
    ctx = map_table(example(), "expenditure_summary", lambda t: _with_reserve(t, 1_685_720_000, False))
    right = replace_paragraph(imported(ctx), "新乡市金融工作局2024年支出预算合计",
                              "单位预留机动经费预算数为1685.72万元。与上年相比增加1557.29万元，增长1212.56%。")
    assert issues(right, "N401") == [] and issues(right, "N404") == []
    wrong = replace_paragraph(imported(ctx), "新乡市金融工作局2024年支出预算合计",
                              "单位预留机动经费预算数为1685.72万元。与上年相比增加1557.29万元，增长1312.56%。")
    [issue] = issues(wrong, "N404")
    assert "单位预留机动经费" in issue.message and issue.expected == "1212.56%"


# ── N401: compared in the unit the figure is printed in ──────────────────────────────────────


def test_n401_compares_a_figure_in_its_own_unit() -> None:
    """A 万元 narrative printing one figure in 元: compared to 0.01 元, reported in 元 (units never mixed)."""
    exact = replace_paragraph(imported(example()), "新乡市金融工作局2024年收入预算合计",
                              "新乡市金融工作局2024年收入预算合计5041100.00元。")
    assert issues(exact, "N401") == []
    off = replace_paragraph(imported(example()), "新乡市金融工作局2024年收入预算合计",
                            "新乡市金融工作局2024年收入预算合计5041100.50元。",
                            Claim("income_total", "amount", Decimal("504.1100500"), "5041100.50"))
    [issue] = issues(off, "N401")
    assert (issue.expected, issue.actual, issue.difference) == ("5041100.00", "5041100.50", "0.50")
    assert "元" in issue.message and "万元" not in issue.message
    # in the document's own unit the tolerance is still 0.01 万元
    assert issues(replace_paragraph(imported(example()), "新乡市金融工作局2024年收入预算合计",
                                    "新乡市金融工作局2024年收入预算合计504.12万元。"), "N401") == []


# ── N402, N404: 0.01 point is rounding ───────────────────────────────────────────────────────


def test_n402_one_in_the_last_place_is_rounding() -> None:
    """江苏检察院: 基本支出 13,994.31 ÷ 21,955.35 = 63.7399%, printed 63.75%: the rounded 63.74% off by 0.01."""
    def share(printed: str) -> CheckContext:
        return replace_paragraph(imported(example()), "新乡市金融工作局2024年支出预算合计",
                                 f"新乡市金融工作局2024年支出预算合计504.11万元，其中：基本支出467.11万元，占{printed}%。")

    # exact 92.6603%: 92.65 is 0.0103 from it, 0.01 from the rounded 92.66
    assert issues(share("92.66"), "N402") == [] and issues(share("92.65"), "N402") == []
    assert [i.expected for i in issues(share("92.64"), "N402")] == ["92.66%"]
    assert issues(share("92.7"), "N402") == [] and len(issues(share("92.8"), "N402")) == 1


# ── N410: a part's numbering counts headings a PDF printed inside their paragraph ────────────


def test_n410_numbered_paragraphs_keep_the_count_of_an_imported_part() -> None:
    """上海普陀 2025 项目经费情况说明: 「一、项目概述主要推进……」…「六、……」, then the heading「七、绩效目标」."""
    names = ("项目概述", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排")
    blocks: tuple[Block, ...] = (
        Heading("区政府督查工作业务经费项目经费情况说明", 1),
        *(Paragraph(f"{n}、{name}结合区政府重点工作推进情况，按时拨付资金。") for n, name in zip("一二三四五六", names,
                                                                                  strict=True)),
        Heading("七、绩效目标详见单位的项目绩效目标表", 2))
    assert issues(appended(imported(example()), *blocks), "N410") == []
    [issue] = issues(appended(example(), *blocks), "N410")  # yusuan's own documents number headings only
    assert issue.actual == "七、"
    skipped = (*blocks[:-1], Heading("八、绩效目标", 2))
    assert [i.actual for i in issues(appended(imported(example()), *skipped), "N410")] == ["八、"]
    # a heading list of its own after a numbered paragraph list restarts at 一
    restart = (*blocks[:-1], Heading("一、绩效目标", 2), Heading("二、其他", 2))
    assert issues(appended(imported(example()), *restart), "N410") == []


# ── M505, M512: topics told in paragraphs (上海 编制说明) ─────────────────────────────────────────

_PER_TABLE = ("income", "expenditure", "fiscal", "general_public", "basic")


def _without_headings(ctx: CheckContext, *anchors: str) -> CheckContext:
    return edit_headings(ctx, lambda h: None if h.anchor in anchors or any(h.anchor.endswith(f"-{a}") for a in anchors)
                         else h)


def test_m505_imported_topics_told_in_paragraphs() -> None:
    """A combined narrative: the per-table sections' paragraphs kept, their headings gone."""
    combined = _without_headings(example(), *_PER_TABLE)
    assert len(issues(combined, "M505")) == 5  # yusuan's documents: a heading per topic
    assert issues(imported(combined), "M505") == []
    # a definition in 名词解释 does not tell a topic
    no_procurement = edit_paragraphs(_without_headings(example(), "procurement"),
                                     lambda p: None if p.section == "procurement" else p)
    glossary = appended(no_procurement, Heading("名词解释", 1), Paragraph("一、政府采购：指……。", section="glossary"))
    assert [i.expected for i in issues(imported(glossary), "M505")] == ["政府采购情况"]


def test_m505_basic_not_required_of_a_single_combined_explanation() -> None:
    """上海普陀 2024: 编制说明 tells totals, income, expenditure and 财政拨款; no 基本支出 part (not named by 143号)."""
    def unsaid(ctx: CheckContext) -> CheckContext:  # no word of 基本支出 left but in 名词解释
        return edit_paragraphs(ctx, lambda p: None if p.section == "basic" else p if p.section == "glossary"
                               else dataclasses.replace(p, text=p.text.replace("基本支出", "经常性支出")))

    combined = unsaid(_without_headings(example(), *_PER_TABLE))
    assert issues(imported(combined), "M505") == []
    per_table = unsaid(_without_headings(example(), "basic"))
    assert [i.expected for i in issues(imported(per_table), "M505")] == ["一般公共预算基本支出情况"]
    # told in another section's paragraph (其中：基本支出467.11万元): present
    assert issues(imported(_without_headings(example(), "basic")), "M505") == []


def test_m512_imported_unit_composition_told_in_a_paragraph() -> None:
    """上海普陀 2024 机构设置: 「……部门预算是包括万里街道本部以及下属 5 家预算单位的综合收支计划」."""
    ctx = appended(_without_headings(example(), "units"), Heading("机构设置", 1),
                   Paragraph("本部门预算是包括本部以及下属 5 家预算单位的综合收支计划。"))
    ctx = edit_paragraphs(ctx, lambda p: None if p.section == "units" else p)
    assert len(issues(ctx, "M512")) == 1 and issues(imported(ctx), "M512") == []


# ── a file holding one part of a disclosure (江苏省委办公厅: 说明 and 公开表 apart) ────────────────


def test_a_tables_only_file_is_not_missing_its_narrative() -> None:
    tables = only_blocks(example(), TableBlock)
    assert issues(imported(tables), "M505") == [] and issues(imported(tables), "M510") == []
    assert issues(imported(tables), "M511") == [] and issues(imported(tables), "M512") == []
    assert len(issues(tables, "M505")) == 12  # a compiled document without narrative: every topic missing


def test_a_narrative_only_file_is_not_missing_its_tables() -> None:
    narrative = only_blocks(dataclasses.replace(example(), pack=None), (Heading, Paragraph))
    assert issues(imported(narrative), "M501") == []
    assert len(issues(narrative, "M501")) == 8


# ── M507: the 三公 total's change explained by its items' reasons ─────────────────────────────


def test_m507_imported_total_explained_by_the_reasons_of_its_items() -> None:
    """新乡 2024 §七: 合计减少 1.2 万元, the reason given under （三）公务用车 (上海普陀 2024 alike)."""
    reason = "增减变化的主要原因是：预计本年度公务用车使用减少，公务用车运行维护费相应压减。"
    ctx = edit_paragraphs(imported(example()), lambda p: dataclasses.replace(p, text=p.text.replace(reason, ""))
                          if p.section == "three_public" and reason in p.text else
                          dataclasses.replace(p, text=p.text + "主要原因是公务用车使用减少。")
                          if p.text.startswith("（三）公务用车") else p)
    assert issues(ctx, "M507") == []


# ── N414: a reason is not a department's name ────────────────────────────────────────────────


def test_n414_a_reason_sentence_is_not_a_name() -> None:
    """江苏检察院 §九: 「主要是省财政厅2017年6月起调增了会议费支出标准」."""
    ctx = appended(imported(example()),
                   Paragraph("会议费增加32.44万元。主要是省财政厅2017年6月起调增了会议费支出标准。"))
    assert issues(ctx, "N414") == []
    ctx = appended(imported(example()), Paragraph("新乡市财政局2024年部门预算如下。"))
    assert [i.actual for i in issues(ctx, "N414")] == ["新乡市财政局"]
