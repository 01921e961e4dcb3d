"""The PDF reader: tables, captions and narrative of real disclosures, synthetic layouts, unreadable files.

The real disclosures are in ../shared/realdocs (skipped when absent); every value asserted here was
checked by eye against the rendered page.  Synthetic PDFs are compiled with Typst (a Noto CJK font
is needed; skipped otherwise).  Unreadable inputs are made in a temporary directory.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from yusuan.importer._pdf_text import normalize_text
from yusuan.importer.model import DisclosureReadError, RawDocument, RawParagraph, RawTable
from yusuan.importer.pdf_reader import read_pdf

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = ROOT.parent / "shared" / "realdocs"
RENDA = REALDOCS / "jiangsu-2018-人大办公厅-部门预算.pdf"
JIANCHA = REALDOCS / "jiangsu-2018-省检察院-部门预算.pdf"
FAYUAN = REALDOCS / "jiangsu-2018-省法院-部门预算.pdf"
GONGKAI = REALDOCS / "jiangsu-2018-省委办公厅-部门预算-公开表.pdf"
WANLI = REALDOCS / "shanghai-putuo-2024-万里街道-部门预算.pdf"
QUZHENGFU = REALDOCS / "shanghai-putuo-2025-区政府办公室-部门预算.pdf"

_cache: dict[Path, RawDocument] = {}


def doc(path: Path) -> RawDocument:
    if not path.exists():
        pytest.skip(f"{path.name} not available")
    if path not in _cache:
        _cache[path] = read_pdf(path)
    return _cache[path]


def table(document: RawDocument, title: str) -> RawTable:
    """The table with this title (or the only one whose title contains it)."""
    found = [t for t in document.tables() if t.title == title] or [t for t in document.tables() if title in t.title]
    assert len(found) == 1, [t.title for t in document.tables()]
    return found[0]


def row(t: RawTable, *start: str) -> tuple[str, ...]:
    found = [r for r in t.rows if r[: len(start)] == start]
    assert len(found) == 1, (start, found)
    return found[0]


def heading(document: RawDocument, text: str) -> RawParagraph:
    found = [p for p in document.paragraphs() if p.text == text and p.heading]
    assert found, text
    return found[0]


# ── Jiangsu 2018, 人大办公厅: 12 tables 公开01表 … 公开12表 ─────────────────────────────────────


def test_renda_twelve_numbered_tables() -> None:
    tables = doc(RENDA).tables()
    assert [t.number for t in tables] == [f"公开{n:02d}表" for n in range(1, 13)]
    assert [t.title for t in tables][:5] == ["收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表",
                                             "财政拨款支出预算表（功能科目）"]
    assert {t.unit for t in tables} == {"万元"}
    # the 部门 name wraps in a narrow box above the first table
    assert tables[0].org == "部门名称：江苏省人大常委会办公厅"
    assert tables[4].org == "部门：江苏省人大常委会办公厅"


def test_renda_summary_table() -> None:
    t = table(doc(RENDA), "收支预算总表")
    assert t.pages == (8,)
    assert [[(c.text, c.colspan, c.rowspan) for c in r] for r in t.header] == [
        [("收入", 2, 1), ("支出", 4, 1)],
        [("项目名称", 1, 2), ("金额", 1, 2), ("功能分类", 2, 1), ("支出用途", 2, 1)],
        [("功能科目名称", 1, 1), ("金额", 1, 1), ("项目名称", 1, 1), ("金额", 1, 1)],
    ]
    assert t.columns == (("收入", "项目名称"), ("收入", "金额"), ("支出", "功能分类", "功能科目名称"),
                         ("支出", "功能分类", "金额"), ("支出", "支出用途", "项目名称"), ("支出", "支出用途", "金额"))
    assert len(t.rows) == 23
    assert t.rows[0] == ("一、财政拨款", "15897.44", "一、一般公共服务支出", "12706.28", "一、基本支出", "7877.76")
    # a name wrapped over two lines of its cell is one name
    assert row(t, "2.政府性基金预算") == ("2.政府性基金预算", "", "三、国防支出", "", "三、单位预留机动经费", "1685.72")
    assert row(t, "", "", "九、医疗卫生与计划生育支出")[3] == ""
    # 当年支出小计 spans three columns: its text in the first, the amount in the last
    assert row(t, "收入合计") == ("收入合计", "15897.44", "支出合计", "", "", "15897.44")


def test_renda_coded_rows_and_income_table() -> None:
    document = doc(RENDA)
    functional = table(document, "财政拨款支出预算表（功能科目）")
    assert functional.columns == (("功能科目代码",), ("功能科目名称",), ("金额",))
    assert functional.rows[0] == ("", "合计", "15,897.44")
    assert row(functional, "2010101") == ("2010101", "行政运行", "6,372.32")
    assert row(functional, "2080505") == ("2080505", "机关事业单位基本养老保险缴费支出", "580.01")
    assert len(functional.rows) == 21
    income = table(document, "收入预算总表")
    assert income.columns == (("项目名称",), ("项目名称",), ("金额",))
    # a label merged over several rows is repeated on each of them
    assert income.rows[:3] == (("收入总计", "", "15897.44"), ("一般公共预算资金", "小计", "15897.44"),
                               ("一般公共预算资金", "公共财政拨款（补助）资金", "15897.44"))


def test_renda_three_level_header() -> None:
    t = table(doc(RENDA), "“三公”经费、会议费、培训费支出预算表")
    assert t.columns == (
        ("合计",), ("“三公”经费", "小计"), ("“三公”经费", "因公出国（境）费"),
        ("“三公”经费", "公务用车购置及运行维护费", "小计"),
        ("“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"),
        ("“三公”经费", "公务用车购置及运行维护费", "公务用车运行维护费"),
        ("“三公”经费", "公务接待费"), ("会议费",), ("培训费",))
    assert t.rows == (("2542.60", "833.60", "222.50", "183.60", "", "183.60", "427.50", "1305.25", "403.75"),)


def test_renda_empty_table_and_multi_page_table() -> None:
    document = doc(RENDA)
    fund = table(document, "政府性基金预算财政拨款支出预算表")
    assert fund.rows == (("合计", "", ""),)
    assert fund.notes == ("注：本部门无相关收支项目",)
    purchase = table(document, "政府采购支出预算表")
    assert purchase.pages == (17, 18)
    assert len(purchase.rows) == 24
    assert purchase.row_pages == (17,) * 14 + (18,) * 10
    assert purchase.rows[0] == ("合计", "", "", "", "", "2,064.25")
    assert purchase.rows[14] == ("", "全国人代会江苏代表团工作经费", "会议费", "", "", "126.25")
    assert purchase.notes == ("注：1.采购组织形式为：集中采购、部门集中采购和分散采购。",
                              "2.采购品目名称根据《政府采购品目分类目录》（财库[2013]189号）规定品目名称填写。")


def test_renda_narrative() -> None:
    document = doc(RENDA)
    paragraphs = document.paragraphs()
    assert paragraphs[0] == RawParagraph("江苏省人大常委会办公厅2018年度部门预算公开", 1, heading=True)
    part = heading(document, "第一部分 部门概况")
    assert part.page == 3
    start = paragraphs.index(part)
    assert paragraphs[start + 1] == RawParagraph("一、主要职能", 3, heading=True)
    assert paragraphs[start + 2] == RawParagraph("省人大常委会是省人民代表大会的常设机构，主要职能是：", 3)
    assert paragraphs[start + 3].text.startswith("（一）在本省行政区域内") and not paragraphs[start + 3].heading
    # a paragraph running over a page break is one paragraph; the page number between is gone
    across = [p for p in paragraphs if p.text.startswith("1．根据部门职责分工")]
    assert len(across) == 1 and across[0].page == 4 and across[0].text.endswith("本部门下属单位包括江苏议事园。")
    assert not any(p.text.strip("— -").isdigit() for p in paragraphs)
    assert heading(document, "（一）一般公共服务（类）").page == 24
    # the table of contents: one entry per paragraph, not headings
    toc = [p for p in paragraphs if p.page == 2]
    assert toc[0].text == "目 录" and all(not p.heading for p in toc[1:])


# ── Jiangsu 2018, 省检察院 / 省法院 / 省委办公厅 ────────────────────────────────────────────────


def test_row_cut_by_page_break_is_joined() -> None:
    t = table(doc(JIANCHA), "收支预算总表")
    assert t.number == "公开01表" and t.pages == (13, 14)
    assert row(t, "", "", "十七、国土海洋气象等支出") == ("", "", "十七、国土海洋气象等支出", "", "", "")
    assert not any(r[2] == "出" for r in t.rows)
    assert row(t, "收入合计") == ("收入合计", "21,955.35", "支出合计", "", "", "21,955.35")
    title = table(doc(JIANCHA), "一般公共预算“三公”经费、会议费、培训费支出预算表")  # title wrapped over two lines
    assert title.number == "公开09表"
    assert title.rows[0][3:6] == ("267.80", "", "267.80")


def test_header_split_over_two_pages_and_numbered_titles() -> None:
    document = doc(FAYUAN)
    t = table(document, "财政拨款收支预算总表")
    assert t.number == "四" and t.title == "2018年度江苏省高级人民法院财政拨款收支预算总表"
    assert t.pages == (10, 11) and t.org is None and t.unit == "万元"
    assert t.columns == (("收入", "项目名称"), ("收入", "金额"), ("支出", "支出用途", "项目名称"),
                         ("支出", "支出用途", "金额"))
    assert t.rows[0] == ("一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82")
    # chart labels (a pie chart on page 18) are not narrative
    texts = [p.text for p in document.paragraphs()]
    assert "9.82%" not in texts and "支出预算图" in texts


def test_rotated_pages() -> None:
    t = table(doc(GONGKAI), "收支预算总表")
    assert t.number is None and t.org == "部门：中共江苏省委办公厅"
    assert t.rows[0] == ("一、财政拨款", "24,458.43", "一、一般公共服务支出", "20,153.75", "一、基本支出", "10,403.11")


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_pages_turned_by_the_viewer_read_the_same(turn: int, tmp_path: Path) -> None:
    """The characters' direction, not only /Rotate, decides which way is up."""
    if not RENDA.exists():
        pytest.skip("realdocs not available")
    turned = pdfium.PdfDocument.new()
    turned.import_pages(pdfium.PdfDocument(RENDA), [7, 8, 9])
    plain = tmp_path / "plain.pdf"
    turned.save(plain)
    for index in range(len(turned)):
        turned[index].set_rotation(turn)
    path = tmp_path / "turned.pdf"
    turned.save(path)
    assert read_pdf(path).blocks == read_pdf(plain).blocks
    assert [t.number for t in read_pdf(path).tables()] == ["公开01表", "公开02表", "公开03表", "公开04表"]


# ── Shanghai 普陀 2024 (万里街道) and 2025 (区政府办公室) ─────────────────────────────────────────


def test_wanli_tables_and_units() -> None:
    tables = doc(WANLI).tables()
    assert len(tables) == 9
    assert [t.unit for t in tables] == ["元"] * 8 + ["万元"]
    assert {t.org for t in tables} == {"编制部门：上海市普陀区人民政府万里街道办事处"}
    assert tables[0].title == "2024年部门财务收支预算总表" and tables[0].number is None
    assert tables[0].rows[-1] == ("收入总计", "156,211,123", "支出总计", "156,211,123")


def test_wanli_split_codes_and_pages() -> None:
    t = table(doc(WANLI), "2024年部门收入预算总表")
    assert t.pages == (11, 12, 13, 14, 15)
    assert t.columns[:5] == (("项目", "功能分类科目编码", "类"), ("项目", "功能分类科目编码", "款"),
                             ("项目", "功能分类科目编码", "项"), ("项目", "功能分类科目名称"), ("收入预算", "合计"))
    assert t.columns[8] == ("收入预算", "其他收入")
    assert len(t.rows) == 67
    assert row(t, "201", "05", "07") == ("201", "05", "07", "专项普查活动", "257,700", "257,700", "0", "0", "0")
    assert t.rows[-1] == ("合计", "", "", "", "156,211,123", "156,211,123", "0", "0", "0")
    assert t.row_pages[-1] == 15


def test_wanli_repeated_header_dropped() -> None:
    document = doc(WANLI)
    t = table(document, "一般公共预算支出功能分类预算表")
    assert t.pages == (22, 23, 24, 25, 26)
    assert len(t.header) == 3
    assert len(t.rows) == len(table(document, "2024年部门支出预算总表").rows) == 67
    assert not any("功能分类科目名称" in cell or cell == "类" for r in t.rows for cell in r)
    assert row(t, "204", "", "") == ("204", "", "", "公共安全支出", "1,633,000", "0", "1,633,000")
    assert t.rows[-1] == ("合计", "", "", "", "156,211,123", "99,706,020", "56,505,103")
    economic = table(document, "一般公共预算基本支出部门预算经济分类预算表")
    assert row(economic, "301", "2") == ("301", "2", "津贴补贴", "16,623,810", "16,623,810", "0")  # as printed


def test_wanli_empty_and_three_public_tables() -> None:
    document = doc(WANLI)
    fund = table(document, "政府性基金预算支出功能分类预算表")
    assert len(fund.header) == 3
    assert fund.rows == (("合计", "", "", "", "", "", ""),)
    assert fund.notes == ("注:本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。",)
    sangong = table(document, "“三公”经费和机关运行经费预算表")
    assert sangong.columns[3] == ("2024年“三公”经费预算数", "公务用车购置及运行费", "小计")
    assert sangong.columns[6] == ("2024年机关运行经费预算数",)
    assert sangong.rows == (("47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"),)


def test_wanli_narrative() -> None:
    document = doc(WANLI)
    explanation = heading(document, "2024年部门预算编制说明")
    paragraphs = document.paragraphs()
    first = paragraphs[paragraphs.index(explanation) + 1]
    assert first.page == 6 and first.text.startswith("2024年，上海市普陀区人民政府万里街道办事处收入预算15621.11万元")
    # a line that ended short only because the next number did not fit does not end the paragraph
    item = [p for p in paragraphs if p.text.startswith("14. “社会保障和就业支出")]
    assert len(item) == 1 and "比2023年预算执行数增加28.89%。主要原因是" in item[0].text
    assert heading(document, "一、2024年“三公”经费预算情况说明").page == 32


def test_quzhengfu_decimal_amounts() -> None:
    document = doc(QUZHENGFU)
    t = table(document, "2025年部门支出预算总表")
    assert row(t, "201", "03", "02") == ("201", "03", "02", "一般行政管理事务", "46,140,000.00", "", "46,140,000.00")
    assert t.rows[-1] == ("合计", "", "", "", "91,016,775.35", "24,606,775.35", "66,410,000.00")
    sangong = table(document, "2025年部门“三公”经费和机关运行经费预算表")
    assert sangong.rows == (("867.50", "839.00", "28.50", "", "", "", "213.28"),)


# ── synthetic layouts (Typst) ─────────────────────────────────────────────────────────────────

NARRATIVE_AND_UNRULED = """
#set page(paper: "a4", margin: 2cm, footer: align(center)[— #context counter(page).display() —])
#set text(font: "Noto Serif CJK SC", size: 11pt)
#set par(first-line-indent: (amount: 2em, all: true), justify: true)
#align(center, text(size: 18pt)[第一部分 部门概况])

一、主要职能

本部门负责执\u2f8f预算，2024年收入预算合计1,234.56万元，比上年增加100.00万元，增长8.81%。这是一段较长的文字，\
用来检验段落的换行与合并是否正确，需要足够长才能换到第二行，再写一些内容让它更长一些以便跨行。

#pagebreak()
#align(center, text(size: 14pt)[预算01表 2024年部门收支总表])
#grid(columns: (1fr, 1fr), align(left)[部门名称：测试局], align(right)[单位：万元])
#table(columns: (auto, 1fr, auto, auto), stroke: none, align: (left, left, right, right),
  [科目编码], [科目名称], [合计], [基本支出],
  [201], [一般公共服务支出], [1,234.56], [1,000.00],
  [2010301], [行政运\u2f8f], [1,000.00], [1,000.00],
  [2010302], [一般行政管理事务], [234.56], [0.00],
  [], [合计], [1,234.56], [1,000.00],
)
注：本表为测试表。
"""

LONG_RULED = """
#set page(paper: "a4", margin: 2cm, footer: align(center)[— #context counter(page).display() —])
#set text(font: "Noto Serif CJK SC", size: 10.5pt)
#align(center, text(size: 14pt)[表1 长表测试])
#grid(columns: (1fr, 1fr), align(left)[部门名称：测试局], align(right)[单位：元])
#table(columns: (auto, 1fr, auto, auto, auto), align: (left, left, right, right, right),
  table.header(repeat: true,
    table.cell(rowspan: 2)[科目编码], table.cell(rowspan: 2)[科目名称], table.cell(rowspan: 2)[合计],
    table.cell(colspan: 2)[其中], [基本支出], [项目支出]),
  ..range(1, 61).map(i => (str(2010300 + i), [项目名称第#(i)行，名称较长需要换行显示以测试单元格内的折行],
    [1,#str(100 + i).00], [#str(i).00], [1,100.00])).flatten(),
)
"""

SPREADSHEET = """
#set page(paper: "a4", margin: 2cm)
#set text(font: "Noto Serif CJK SC", size: 10.5pt)
#table(columns: (auto, 1fr, auto), align: (left, left, right),
  table.cell(colspan: 3, align: center)[预算02表 2024年部门收入总体情况表],
  table.cell(colspan: 3)[部门名称：测试局 #h(4em) 单位：万元],
  [科目编码], [科目名称], [金额],
  [201], [一般公共服务支出], [1,234.56],
  [], [合计], [1,234.56],
  table.cell(colspan: 3)[注：本表由电子表格导出。],
)
"""


def typst_pdf(tmp_path: Path, source: str) -> Path:
    typst = pytest.importorskip("typst")
    typ = tmp_path / "doc.typ"
    typ.write_text(source, encoding="utf-8")
    try:
        data = typst.compile(str(typ))
    except Exception as exc:  # no CJK font on this machine
        pytest.skip(f"typst cannot compile the sample: {exc}")
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    text = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    if "部门" not in text:
        pytest.skip("no CJK font for typst")
    return pdf


def test_compatibility_characters_normalised() -> None:
    assert normalize_text("执\u2f8f") == "执行"
    assert normalize_text("（一）单位：万元，增长１０％") == "（一）单位：万元，增长10％"


def test_synthetic_narrative_and_unruled_table(tmp_path: Path) -> None:
    document = read_pdf(typst_pdf(tmp_path, NARRATIVE_AND_UNRULED))
    paragraphs = document.paragraphs()
    assert [(p.text, p.heading) for p in paragraphs[:2]] == [("第一部分 部门概况", True), ("一、主要职能", True)]
    assert paragraphs[2].text.startswith("本部门负责执行预算，2024")
    assert paragraphs[2].text.endswith("以便跨行。")
    assert len(paragraphs) == 3  # the page numbers are gone
    [t] = document.tables()
    assert (t.number, t.title, t.unit, t.org) == ("预算01表", "2024年部门收支总表", "万元", "部门名称：测试局")
    assert t.columns == (("科目编码",), ("科目名称",), ("合计",), ("基本支出",))
    assert t.rows == (("201", "一般公共服务支出", "1,234.56", "1,000.00"),
                      ("2010301", "行政运行", "1,000.00", "1,000.00"),
                      ("2010302", "一般行政管理事务", "234.56", "0.00"),
                      ("", "合计", "1,234.56", "1,000.00"))
    assert t.notes == ("注：本表为测试表。",)


def test_synthetic_table_over_three_pages_with_repeated_header(tmp_path: Path) -> None:
    document = read_pdf(typst_pdf(tmp_path, LONG_RULED))
    assert document.paragraphs() == []
    [t] = document.tables()
    assert (t.number, t.title, t.unit) == ("表1", "长表测试", "元")
    assert len(t.pages) >= 2 and t.pages == tuple(range(1, len(t.pages) + 1))
    assert len(t.header) == 2
    assert t.columns == (("科目编码",), ("科目名称",), ("合计",), ("其中", "基本支出"), ("其中", "项目支出"))
    assert len(t.rows) == 60
    assert [r[0] for r in t.rows] == [str(2010300 + i) for i in range(1, 61)]
    assert t.rows[59] == ("2010360", "项目名称第60行，名称较长需要换行显示以测试单元格内的折行", "1,160.00", "60.00",
                          "1,100.00")


@pytest.mark.parametrize("example", ["xinxiang-2024", "jiyuan-2020"])
def test_round_trip_of_a_compiled_disclosure(example: str, tmp_path: Path) -> None:
    """yusuan's own PDF read back: every numbered table, every amount in its column."""
    from collections import Counter

    from yusuan.api import compile_budget, load
    from yusuan.money import format_money
    from yusuan.render.pdf import PdfFontError, pdf_bytes

    compiled = compile_budget(load(ROOT / "examples" / example / "budget.yaml").budget)
    try:
        data = pdf_bytes(compiled.document)
    except PdfFontError:
        pytest.skip("no CJK font for typst")
    pdf = tmp_path / "disclosure.pdf"
    pdf.write_bytes(data)
    read = {t.number: t for t in read_pdf(pdf).tables()}
    numbered = [t for t in compiled.tables if t.code]
    assert numbered and all(t.code in read for t in numbered)
    for t in numbered:
        raw = read[t.code]
        assert len(raw.columns) == len(t.columns), t.code
        assert raw.unit == t.money_unit.value, t.code
        keys = [c.key for c in t.columns]
        expected = Counter((keys.index(cell.column), format_money(cell.value, t.money_unit, t.decimals))
                           for r in t.rows for cell in r.cells if cell.money and cell.value)
        found = Counter((i, v) for r in raw.rows for i, v in enumerate(r) if v and "." in v and v[-1].isdigit())
        assert found == expected, t.code


def test_title_unit_and_note_inside_the_ruled_table(tmp_path: Path) -> None:
    [t] = read_pdf(typst_pdf(tmp_path, SPREADSHEET)).tables()
    assert (t.number, t.title, t.unit, t.org) == ("预算02表", "2024年部门收入总体情况表", "万元", "部门名称：测试局")
    assert t.columns == (("科目编码",), ("科目名称",), ("金额",))
    assert t.rows == (("201", "一般公共服务支出", "1,234.56"), ("", "合计", "1,234.56"))
    assert t.notes == ("注：本表由电子表格导出。",)


# ── unreadable files ──────────────────────────────────────────────────────────────────────────


def assert_error(path: Path, *words: str) -> DisclosureReadError:
    with pytest.raises(DisclosureReadError) as info:
        read_pdf(path)
    error = info.value
    assert error.file == path.name
    for word in words:
        assert word in error.message, error.message
    return error


def test_empty_missing_and_non_pdf_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert_error(empty, "空")
    assert_error(tmp_path / "missing.pdf", "不存在")
    assert_error(tmp_path, "不是文件")
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(bytes(range(256)) * 8)
    assert_error(garbage, "不是 PDF")
    docx = tmp_path / "report.pdf"
    docx.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert_error(docx, "不是 PDF", "Office")


def test_truncated_and_corrupt_pdf(tmp_path: Path) -> None:
    if not RENDA.exists():
        pytest.skip("realdocs not available")
    data = RENDA.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    assert_error(truncated, "不完整", "截断")
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 16 + b"\n%%EOF\n")
    assert_error(corrupt, "损坏")


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    pil = pytest.importorskip("PIL.Image")
    if not RENDA.exists():
        pytest.skip("realdocs not available")
    source = pdfium.PdfDocument(RENDA)
    images = [source[i].render(scale=0.5).to_pil().convert("RGB") for i in (7, 8)]
    scanned = tmp_path / "scanned.pdf"
    images[0].save(scanned, "PDF", save_all=True, append_images=images[1:])
    assert isinstance(images[0], pil.Image)
    assert_error(scanned, "没有文字层", "OCR")


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    """A one-page PDF encrypted with the standard security handler (RC4, 40-bit, revision 2)."""
    file_id = b"0123456789abcdef"
    o_value = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
    key = hashlib.md5((user + _PAD)[:32] + o_value + struct.pack("<i", -44) + file_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    stream = _rc4(hashlib.md5(key + struct.pack("<I", 4)[:3] + b"\0\0").digest()[:10],
                  b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <" + u_value.hex().encode()
        + b"> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    fid = file_id.hex().encode()
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<" % (len(objects) + 1) + fid + b"><" + fid
            + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def test_encrypted_pdf(tmp_path: Path) -> None:
    data = encrypted_pdf()
    assert pdfium.PdfDocument(data, password="secret")[0].get_textpage().get_text_range() == "Hello"
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(data)
    assert_error(locked, "加密", "密码")
