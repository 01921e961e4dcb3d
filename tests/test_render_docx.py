"""DOCX renderer: reopen the file with python-docx (and, when LibreOffice is installed,
convert it to PDF) and check what a reader and an editor see."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table as DocxTable
from lxml import etree

from render_samples import matrix_table, text_table
from yusuan.compute.model import Cell, Column, Row, Table, build_header
from yusuan.document.model import Document, Heading, Paragraph, Section, TableBlock, TitleBlock, TocBlock
from yusuan.document.sample import sample_document
from yusuan.money import MoneyUnit
from yusuan.render._grid import layout
from yusuan.render.docx import fit_table, page_for, printed_width, render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLES = ("xinxiang-2024", "jiyuan-2020")
KEY_FIGURES = {
    "xinxiang-2024": ("504.11", "467.11", "423.51", "37.00", "4.10"),
    "jiyuan-2020": ("15.00", "8.50", "0.50"),
}
MONEY = re.compile(r"^-?[\d,]+\.\d{2}$")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module", params=EXAMPLES)
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Document, Path]:
    example: str = request.param
    document = sample_document(example)
    path = tmp_path_factory.mktemp("docx") / f"{example}.docx"
    render_docx(document, path)
    return example, document, path


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def style_name(paragraph: docx.text.paragraph.Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def expected_style(heading: Heading) -> str:
    return f"Heading {heading.level}" if heading.toc else f"标题 {heading.level}（不编入目录）"


def heading_paragraphs(doc: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.text, style_name(p)) for p in doc.paragraphs
            if style_name(p).startswith(("Heading", "标题 "))]


# ── structure ─────────────────────────────────────────────────────────────────


def test_headings_and_paragraphs_use_their_styles(rendered: tuple[str, Document, Path]) -> None:
    _, document, path = rendered
    doc = docx.Document(str(path))
    assert len(doc.paragraphs) > 0
    assert heading_paragraphs(doc) == [(h.text, expected_style(h)) for h in document.headings(toc_only=False)]
    texts = {(p.text, style_name(p)) for p in doc.paragraphs}
    for paragraph in document.paragraphs():
        style = {"body": "Body Text", "note": "注释", "right": "右对齐"}.get(paragraph.style)
        if style:
            assert (paragraph.text, style) in texts
    title = next(b for b in document.blocks() if isinstance(b, TitleBlock))
    assert (title.title, "Title") in texts


def test_word_sections_follow_the_document_sections(rendered: tuple[str, Document, Path]) -> None:
    _, document, path = rendered
    doc = docx.Document(str(path))
    assert len(doc.sections) == len(document.sections)
    for section, expected in zip(doc.sections, document.sections, strict=True):
        assert section.page_width is not None and section.page_height is not None
        short, long = sorted((section.page_width.mm, section.page_height.mm))
        assert (round(short), round(long)) == (210, 297)  # A4
        if expected.orientation == "landscape":
            assert section.orientation == WD_ORIENT.LANDSCAPE
            assert section.page_width > section.page_height
        else:
            assert section.orientation == WD_ORIENT.PORTRAIT
            assert section.page_width < section.page_height
        if any(isinstance(b, TableBlock) for b in expected.blocks):
            assert section.left_margin is not None and section.left_margin.mm < 20


def test_one_word_table_per_table_block_with_title_above(rendered: tuple[str, Document, Path]) -> None:
    _, document, path = rendered
    doc = docx.Document(str(path))
    tables = document.tables()
    assert len(doc.tables) == len(tables)
    body = part(path, "word/document.xml").find(W + "body")
    assert body is not None
    children = list(body)
    for tbl, table in zip(body.iter(W + "tbl"), tables, strict=True):
        i = children.index(tbl)
        meta, title = children[i - 1], children[i - 2]
        assert "".join(title.itertext()) == table.full_title
        assert title.find(f"{W}pPr/{W}pStyle").get(W + "val") == "TableTitle"
        assert "".join(meta.itertext()) == f"{table.org_label}{table.unit_label}"
        statement = [table.empty_statement] if table.is_empty and table.empty_statement else []
        below = [*statement, *table.notes]
        assert ["".join(p.itertext()) for p in children[i + 1 : i + 1 + len(below)]] == below


# ── tables ────────────────────────────────────────────────────────────────────


def cells_xml(tbl: etree._Element) -> list[list[tuple[str, int, str | None]]]:
    """Per row: (text, gridSpan, vMerge) of every ``w:tc``; vMerge is ``restart``, ``continue`` or None."""
    rows = []
    for tr in tbl.findall(W + "tr"):
        row = []
        for tc in tr.findall(W + "tc"):
            props = tc.find(W + "tcPr")
            span = props.find(W + "gridSpan")
            merge = props.find(W + "vMerge")
            merge_value = None if merge is None else (merge.get(W + "val") or "continue")
            row.append(("".join(tc.itertext()), int(span.get(W + "val")) if span is not None else 1, merge_value))
        rows.append(row)
    return rows


def docx_table(path: Path, document: Document, code: str) -> tuple[DocxTable, etree._Element]:
    index = next(i for i, t in enumerate(document.tables()) if t.code == code)
    body = part(path, "word/document.xml").find(W + "body")
    assert body is not None
    return docx.Document(str(path)).tables[index], list(body.iter(W + "tbl"))[index]


def test_three_level_header_is_merged_and_repeated(tmp_path: Path) -> None:
    document = sample_document("xinxiang-2024")
    path = tmp_path / "x.docx"
    render_docx(document, path)
    table, tbl = docx_table(path, document, "预算03表")
    rows = cells_xml(tbl)
    assert rows[0] == [("科目编码", 3, None), ("单位代码", 1, "restart"), ("单位（科目名称）", 1, "restart"),
                       ("合计", 1, "restart"), ("基本支出", 5, None), ("项目支出", 3, None)]
    assert rows[1] == [("类", 1, "restart"), ("款", 1, "restart"), ("项", 1, "restart"),
                       ("", 1, "continue"), ("", 1, "continue"), ("", 1, "continue"),
                       ("小计", 1, "restart"), ("人员经费", 2, None), ("公用经费", 2, None),
                       ("小计", 1, "restart"), ("其他运转类", 1, "restart"), ("特定目标类", 1, "restart")]
    assert rows[2] == [("", 1, "continue")] * 7 + [("工资福利支出", 1, None), ("对个人和家庭的补助", 1, None),
                                                   ("商品和服务支出", 1, None), ("资本性支出", 1, None)] + [
        ("", 1, "continue")] * 3
    for row in rows:  # every row covers the 14 grid columns
        assert sum(span for _, span, _ in row) == 14
    trs = tbl.findall(W + "tr")
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in trs[:3])
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in trs[3:])
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs)
    # python-docx sees the merges: one cell object behind every merged grid position
    assert table.cell(0, 0)._tc is table.cell(0, 2)._tc
    assert table.cell(0, 3)._tc is table.cell(2, 3)._tc
    assert table.cell(0, 6)._tc is table.cell(0, 10)._tc
    assert table.cell(1, 7)._tc is table.cell(1, 8)._tc
    # fixed layout with a grid exactly as wide as the text area
    widths = [int(c.get(W + "w")) for c in tbl.find(W + "tblGrid")]
    section = next(s for s in document.sections if any(isinstance(b, TableBlock) and b.table.code == "预算03表"
                                                        for b in s.blocks))
    assert sum(widths) == round(page_for(section).text_width * 20)
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(W + "type") == "fixed"
    borders = tbl.find(f"{W}tblPr/{W}tblBorders")
    assert {b.tag.removeprefix(W) for b in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
    assert all(b.get(W + "val") == "single" for b in borders)


def test_body_row_spans_become_vertical_merges(tmp_path: Path) -> None:
    table = text_table()
    document = Document("样例", (Section((TableBlock(table),), "portrait"),))
    path = tmp_path / "t.docx"
    render_docx(document, path)
    rows = cells_xml(next(part(path, "word/document.xml").iter(W + "tbl")))
    body = rows[len(table.header):]
    assert body[0][0] == ("产出指标", 1, "restart")
    assert body[1][0] == ("", 1, "continue") and body[2][0] == ("", 1, "continue")
    assert body[0][4] == ("37.00", 1, "restart") and body[1][4] == ("", 1, "continue")
    assert body[2][1] == ("质量指标：覆盖全部地方金融组织", 3, None)
    assert body[3] == [("满意度指标", 1, None), ("群众满意度≥90%", 4, None)]
    assert body[1][3][0] == "a<b & <script>"
    for row in rows:
        assert sum(span for _, span, _ in row) == 5


def test_money_is_right_aligned_totals_bold_and_figures_present(rendered: tuple[str, Document, Path]) -> None:
    example, document, path = rendered
    doc = docx.Document(str(path))
    number_style = doc.styles["表格数字"]
    assert number_style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert doc.styles["表格文字"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    figures: set[str] = set()
    money_cells = 0
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if MONEY.match(paragraph.text):
                        money_cells += 1
                        figures.add(paragraph.text)
                        assert style_name(paragraph) == "表格数字", paragraph.text
                        assert paragraph.alignment in (None, WD_ALIGN_PARAGRAPH.RIGHT)
    assert money_cells > 20
    assert set(KEY_FIGURES[example]) <= figures
    # total rows are bold
    totals = [(t, row) for t in document.tables() for row in t.rows if row.level == "total"]
    assert totals
    body = part(path, "word/document.xml")
    bold_texts = {"".join(r.itertext()) for r in body.iter(W + "r") if r.find(f"{W}rPr/{W}b") is not None}
    for table, row in totals:
        for c in row.cells:
            text = table.display(c)
            if text:
                assert text in bold_texts


# ── styles, fields, settings ──────────────────────────────────────────────────


def test_styles_set_latin_and_east_asian_fonts(rendered: tuple[str, Document, Path]) -> None:
    _, _, path = rendered
    styles = part(path, "word/styles.xml")
    by_id = {s.get(W + "styleId"): s for s in styles.findall(W + "style")}
    expected = {"Normal": "仿宋", "BodyText": "仿宋", "Title": "方正小标宋简体", "Heading1": "黑体",
                "Heading2": "黑体", "Heading3": "楷体", "TableText": "宋体", "TableHeading": "黑体",
                "Footer": "宋体", "TOC1": "黑体"}
    for style_id, font in expected.items():
        fonts = by_id[style_id].find(f"{W}rPr/{W}rFonts")
        assert fonts is not None, style_id
        assert fonts.get(W + "eastAsia") == font
        assert fonts.get(W + "ascii") and fonts.get(W + "hAnsi")
        assert by_id[style_id].find(f"{W}rPr/{W}lang").get(W + "eastAsia") == "zh-CN"
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(W + "eastAsia") == "仿宋"
    assert not any(k.endswith("Theme") for k in defaults.attrib)  # theme fonts would override the names
    body = by_id["BodyText"].find(f"{W}pPr")
    assert body.find(W + "ind").get(W + "firstLineChars") == "200"
    spacing = body.find(W + "spacing")
    assert (spacing.get(W + "line"), spacing.get(W + "lineRule")) == ("560", "exact")  # 28 pt
    for level in (1, 2, 3):
        outline = by_id[f"Heading{level}"].find(f"{W}pPr/{W}outlineLvl")
        assert outline is not None and outline.get(W + "val") == str(level - 1)
        assert by_id[f"Heading{level}Plain"].find(f"{W}pPr/{W}outlineLvl") is None
        assert by_id[f"Heading{level}Plain"].find(f"{W}basedOn").get(W + "val") == "Normal"


def toc_result(body: etree._Element) -> list[str]:
    """Texts in the cached result of the TOC field (between its separator and its end)."""
    texts: list[str] = []
    depth, state = 0, "before"
    for el in body.iter(W + "fldChar", W + "instrText", W + "t"):
        if state == "before":
            if el.tag == W + "instrText" and el.text.strip().startswith("TOC "):
                state = "instruction"
        elif el.tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if state == "instruction" and kind == "separate":
                state = "result"
            elif state == "result" and kind == "begin":
                depth += 1
            elif state == "result" and kind == "end":
                if depth == 0:
                    return texts
                depth -= 1
        elif state == "result" and el.tag == W + "t":
            texts.append(el.text)
    raise AssertionError("no complete TOC field")


def test_toc_is_a_field_prefilled_with_the_headings(rendered: tuple[str, Document, Path]) -> None:
    _, document, path = rendered
    body = part(path, "word/document.xml")
    instructions = [i.text.strip() for i in body.iter(W + "instrText")]
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions
    assert toc_result(body)[: len(document.headings())] == [h.text for h in document.headings()]
    assert "更新域" in toc_result(body)[len(document.headings())]  # instruction Word/WPS replace on update
    # entries link to bookmarks placed on the headings
    anchors = [h.get(W + "anchor") for h in body.iter(W + "hyperlink")]
    marks = [b.get(W + "name") for b in body.iter(W + "bookmarkStart")]
    assert anchors == marks and len(anchors) == len(document.headings())


def test_settings_ask_word_to_update_fields(rendered: tuple[str, Document, Path]) -> None:
    _, _, path = rendered
    settings = part(path, "word/settings.xml")
    update = settings.find(W + "updateFields")
    assert update is not None and update.get(W + "val") == "true"
    names = [child.tag.removeprefix(W) for child in settings]
    assert names.index("updateFields") < names.index("compat")  # schema order, or Word refuses the file
    assert settings.find(W + "themeFontLang").get(W + "eastAsia") == "zh-CN"
    with zipfile.ZipFile(path) as z:
        assert not any("thumbnail" in n for n in z.namelist())


def test_footer_has_a_centred_page_field(rendered: tuple[str, Document, Path]) -> None:
    _, _, path = rendered
    doc = docx.Document(str(path))
    footer = doc.sections[0].footer
    xml = footer._element
    assert [i.text.strip() for i in xml.iter(W + "instrText")] == ["PAGE"]
    assert footer.paragraphs[0].text.startswith("—") and footer.paragraphs[0].text.endswith("—")
    assert doc.styles["Footer"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # the cover has its own, empty footer; later sections inherit the numbered one
    assert doc.sections[0].different_first_page_header_footer
    assert not list(doc.sections[0].first_page_footer._element.iter(W + "instrText"))
    assert all(s.footer.is_linked_to_previous for s in doc.sections[1:])


def test_core_properties(rendered: tuple[str, Document, Path]) -> None:
    _, document, path = rendered
    props = docx.Document(str(path)).core_properties
    assert props.title == document.title
    assert props.author == "yusuan"
    assert props.language == "zh-CN"


# ── edge cases ────────────────────────────────────────────────────────────────


def test_special_and_control_characters_are_escaped_or_dropped(tmp_path: Path) -> None:
    nasty = "比较 <&>\"' 与\f分页\v制表\x00空\x1b字符\ttab\n换行"
    document = Document(
        "标题 <&>",
        (Section((
            TitleBlock("封面 <b>&amp;</b>", subtitle="\x0c副标题", date="2024年"),
            TocBlock(),
            Heading("第一部分 <概况> & \"说明\"", 1),
            Heading("不编入目录的标题", 2, toc=False),
            Paragraph(nasty),
            Paragraph("落款\x0b单位", style="signature"),
            TableBlock(text_table(title="表<1>&\x07")),
        )),),
    )
    path = tmp_path / "nasty.docx"
    render_docx(document, path)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(z.read(name))  # well-formed
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert "比较 <&>\"' 与分页制表空字符\ttab\n换行" in texts
    assert "落款单位" in texts
    assert "第一部分 <概况> & \"说明\"" in texts
    assert "表<1>&" in texts
    assert doc.core_properties.title == "标题 <&>"
    # the heading outside the 目录 has no outline level and no entry
    assert ("不编入目录的标题", "标题 2（不编入目录）") in heading_paragraphs(doc)
    body = part(path, "word/document.xml")
    assert len(list(body.iter(W + "hyperlink"))) == 1


def test_document_without_headings_gets_a_placeholder_toc(tmp_path: Path) -> None:
    document = Document("空", (Section((TocBlock(), Paragraph("正文"))),))
    path = tmp_path / "empty.docx"
    render_docx(document, path)
    body = part(path, "word/document.xml")
    assert any("TOC" in i.text for i in body.iter(W + "instrText"))
    assert any("更新域" in (t.text or "") for t in body.iter(W + "t"))
    assert not docx.Document(str(path)).sections[0].different_first_page_header_footer


def wide_table(columns: int, amount: int) -> Table:
    cols = (Column("name", ("项目",), "label"),
            *(Column(f"m{i}", ("金额分类", f"第{i}列支出"), "money") for i in range(columns)))
    cells = (Cell("合计", "name"), *(Cell(amount, f"m{i}", money=True) for i in range(columns)))
    return Table(id="wide", kind="matrix", number=99, code="预算99表", title="很宽的表", money_unit=MoneyUnit.YUAN,
                 decimals=2, org_label="部门名称：测试", columns=cols, header=build_header(cols),
                 rows=(Row("total", "total", cells),), is_empty=False, empty_statement="")


@pytest.mark.parametrize(("columns", "size"), [(4, 10.5), (14, 8.0)])
def test_wide_tables_shrink_the_font_until_every_figure_fits(columns: int, size: float) -> None:
    table = wide_table(columns, 123_456_789)
    available = page_for(Section((TableBlock(table),), "landscape")).text_width
    fit = fit_table(table, layout(table), available)
    assert sum(fit.widths) == pytest.approx(available)
    figure = table.display(table.rows[0].cells[1])
    assert figure == "1234567.89"
    assert fit.size == size
    for width in fit.widths[1:]:
        assert width >= printed_width(figure, fit.size) + 2 * 2.85


def test_figures_too_wide_for_any_size_keep_the_proportions() -> None:
    table = wide_table(20, 123_456_789)
    available = page_for(Section((TableBlock(table),), "landscape")).text_width
    fit = fit_table(table, layout(table), available)
    assert fit.size == 6.5
    assert sum(fit.widths) == pytest.approx(available)
    assert len(set(round(w, 3) for w in fit.widths[1:])) == 1


def test_small_fixture_tables_render(tmp_path: Path) -> None:
    document = Document("样例", (Section((TableBlock(matrix_table()), TableBlock(matrix_table(empty=True))),
                                         "landscape"),))
    path = tmp_path / "m.docx"
    render_docx(document, path)
    doc = docx.Document(str(path))
    assert len(doc.tables) == 2
    texts = [p.text for p in doc.paragraphs]
    assert "本部门2024年无政府性基金预算支出。" in texts
    assert "注：本表仅含当年财政拨款安排的支出。" in texts
    indented = [p for t in doc.tables for c in t.columns[4].cells for p in c.paragraphs if p.text == "其中：财政拨款"]
    assert indented and indented[0].paragraph_format.left_indent is not None


def test_writing_the_xinxiang_document_is_fast(tmp_path: Path) -> None:
    import time

    document = sample_document("xinxiang-2024")
    render_docx(document, tmp_path / "warm.docx")
    start = time.perf_counter()
    render_docx(document, tmp_path / "x.docx")
    assert time.perf_counter() - start < 1.0


# ── LibreOffice: what a reader of the converted PDF sees ──────────────────────


def convert_to_pdf(source: Path, out_dir: Path) -> Path:
    assert SOFFICE is not None
    profile = out_dir / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return out_dir / f"{source.stem}.pdf"


@pytest.fixture(scope="module")
def libreoffice_writer(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip unless LibreOffice can convert a trivial DOCX (Writer is a separate package)."""
    out = tmp_path_factory.mktemp("lo-probe")
    probe = out / "probe.docx"
    blank = docx.Document()
    blank.add_paragraph("probe")
    blank.save(str(probe))
    if not convert_to_pdf(probe, out).exists():
        pytest.skip("LibreOffice Writer is not installed")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_has_headings_figures_and_orientations(
    rendered: tuple[str, Document, Path], libreoffice_writer: None, tmp_path: Path
) -> None:
    example, document, path = rendered
    pdf = convert_to_pdf(path, tmp_path)
    assert pdf.exists(), "LibreOffice could not open the DOCX"
    with pdfplumber.open(pdf) as reader:
        pages = [(squeeze(page.extract_text() or ""), page.width > page.height) for page in reader.pages]
    text = "".join(t for t, _ in pages)
    for heading in document.headings(toc_only=False):
        assert squeeze(heading.text) in text
    for figure in KEY_FIGURES[example]:
        assert figure in text
    assert not pages[0][1]  # the cover is portrait
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock):
                title = squeeze(block.table.full_title)
                page = next(i for i, (t, _) in enumerate(pages) if title in t)
                assert pages[page][1] == (section.orientation == "landscape"), title
