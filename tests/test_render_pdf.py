"""PDF renderer: read the PDF back with pdfplumber and check what a reader sees.

Text, 目录 page numbers against the pages the headings are really on, embedded
fonts, page orientation, repeated table headers, escaping of Typst syntax, and a
layout check (no glyph crosses a table rule, overlaps another glyph or leaves the
page) that is itself tested against a deliberately broken PDF.
"""

from __future__ import annotations

import bisect
import io
import itertools
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import typst
from pdfminer.pdftypes import resolve1
from PIL import Image

from render_samples import text_table
from yusuan.api import compile_budget
from yusuan.compute.model import Cell, Column, Row, Table, build_header
from yusuan.document.model import (
    Claim,
    Document,
    Heading,
    Paragraph,
    Section,
    TableBlock,
    TitleBlock,
    TocBlock,
)
from yusuan.document.sample import sample_document
from yusuan.money import MoneyUnit
from yusuan.render.pdf import (
    LANDSCAPE_WIDTH,
    PORTRAIT_WIDTH,
    PdfFontError,
    PdfOptions,
    document_markup,
    font_dirs,
    load_fonts,
    pdf_bytes,
    render_pdf,
)
from yusuan.render.pdf_table import balanced, fit_columns, longest_run_em, text_em
from yusuan.render.preview import page_count, preview_pages
from yusuan.render.typst_markup import string
from yusuan.synthetic import synthetic_budget

EXAMPLES = ("xinxiang-2024", "jiyuan-2020")
KEY_FIGURES = {"xinxiang-2024": ("504.11", "467.11", "37.00", "4.10"), "jiyuan-2020": ("15.00",)}
TYPST_SYNTAX = r"#let x = 1 $a$ *b* _c_ <d> @e [f] \\ // /* */"
FOOTER = re.compile(r"—\s*(\d+)\s*—\s*$")


def flat(text: str) -> str:
    """Text without whitespace (line breaks in titles and table cells do not matter)."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Page:
    number: int
    """1-based physical page."""
    width: float
    height: float
    text: str
    chars: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]

    @property
    def flat(self) -> str:
        return flat(self.text)

    @property
    def footer(self) -> int | None:
        """The printed page number (“— 3 —” on the last line)."""
        lines = self.text.strip().splitlines()
        match = FOOTER.search(lines[-1]) if lines else None
        return int(match.group(1)) if match else None

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: tuple[Page, ...]
    metadata: dict[str, Any]
    fonts: tuple[dict[str, Any], ...]
    """Every font dictionary used by a page (resolved), with its descendant font and descriptor."""

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    def by_footer(self, number: int) -> Page:
        found = [p for p in self.pages if p.footer == number]
        assert len(found) == 1, f"{len(found)} pages print the number {number}"
        return found[0]

    @property
    def toc_pages(self) -> list[Page]:
        return [p for p in self.pages if p.text.strip().splitlines()[:1] == ["目录"]]

    @property
    def body_start(self) -> int:
        """Index of the first page after the 目录."""
        return max((p.number for p in self.toc_pages), default=0)

    def first_page_with(self, text: str, *, after: int | None = None) -> Page:
        """The first page after the 目录 (or after page ``after``) that has ``text`` on it."""
        start = self.body_start if after is None else after
        for page in self.pages[start:]:
            if flat(text) in page.flat:
                return page
        raise AssertionError(f"{text!r} is on no page")


def _fonts(pdf: Any) -> Iterator[dict[str, Any]]:
    seen: set[int] = set()
    for page in pdf.pages:
        resources = resolve1(page.page_obj.resources) or {}
        for ref in (resolve1(resources.get("Font")) or {}).values():
            font = resolve1(ref)
            if id(font) in seen:
                continue
            seen.add(id(font))
            info = {"font": font, "subtype": font["Subtype"].name, "name": font["BaseFont"].name}
            if info["subtype"] == "Type0":
                info["descendant"] = resolve1(resolve1(font["DescendantFonts"])[0])
                info["descriptor"] = resolve1(info["descendant"]["FontDescriptor"])
            else:
                info["descriptor"] = resolve1(font.get("FontDescriptor"))
            yield info


def read_pdf(data: bytes) -> Pdf:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = tuple(
            Page(n, float(p.width), float(p.height), p.extract_text() or "", tuple(p.chars), tuple(p.edges))
            for n, p in enumerate(pdf.pages, start=1)
        )
        return Pdf(data, pages, dict(pdf.metadata), tuple(_fonts(pdf)))


@cache
def rendered(example: str) -> Pdf:
    return read_pdf(pdf_bytes(sample_document(example)))


@cache
def long_table() -> Table:
    compiled = compile_budget(synthetic_budget(600, seed=3))
    tables: list[Table] = [t for t in compiled.tables.tables if t.header]
    return max(tables, key=lambda t: len(t.rows))


@cache
def long_table_pdf() -> Pdf:
    table = long_table()
    document = Document("长表", (Section((TableBlock(table),), "landscape"),), department="合成部门")
    return read_pdf(pdf_bytes(document))


def toc_entries(pdf: Pdf) -> list[tuple[str, int]]:
    """(entry text, page number) from the 目录 pages; entries may wrap over lines."""
    toc_pages = pdf.toc_pages
    assert toc_pages, "no 目录 page"
    entries: list[tuple[str, int]] = []
    pending = ""
    for page in toc_pages:
        lines = page.text.splitlines()
        if lines and lines[0].strip() == "目录":
            lines = lines[1:]
        for line in lines:
            match = re.search(r"(?:\s*\.){2,}\s*(\d+)\s*$", line)
            if match is None:
                pending += line
                continue
            entries.append((flat(pending + line[: match.start()]), int(match.group(1))))
            pending = ""
    assert not pending, f"unterminated 目录 entry {pending!r}"
    return entries


# -- layout check ------------------------------------------------------------------------------


OPENING = set("（“‘《「『【〔")
CLOSING = set("）”’》」』】〕，。、：；！？")


def ink(c: dict[str, Any]) -> tuple[float, float]:
    """Horizontal extent of a glyph's ink: CJK punctuation fills only half of its em box.

    Typst compresses such punctuation at line starts and between brackets (the box of
    “（” then starts half an em early), so only the inked half may not cross a rule.
    """
    x0, x1 = c["x0"], c["x1"]
    if c["text"] in OPENING:
        x0 = (x0 + x1) / 2
    elif c["text"] in CLOSING:
        x1 = (x0 + x1) / 2
    return x0, x1


def layout_problems(page: Page, *, tolerance: float = 0.4) -> list[str]:
    """Glyphs that leave the page, cross a table rule or overprint the next glyph."""
    problems: list[str] = []
    visible = [{**c, "ink": ink(c)} for c in page.chars if c["text"].strip()]
    for c in visible:
        if c["x0"] < -tolerance or c["x1"] > page.width + tolerance or c["top"] < -tolerance or (
            c["bottom"] > page.height + tolerance
        ):
            problems.append(f"p{page.number}: {c['text']!r} leaves the page")
    verticals = sorted((e for e in page.edges if e["orientation"] == "v"), key=lambda e: e["x0"])
    xs = [e["x0"] for e in verticals]
    horizontals = sorted((e for e in page.edges if e["orientation"] == "h"), key=lambda e: e["top"])
    ys = [e["top"] for e in horizontals]
    for c in visible:
        # the glyph's inner box: a rule through it means the text runs over a cell border
        x0, x1 = c["ink"][0] + tolerance, c["ink"][1] - tolerance
        top, bottom = c["top"] + c["size"] * 0.2, c["bottom"] - c["size"] * 0.2
        for e in verticals[bisect.bisect_left(xs, x0): bisect.bisect_right(xs, x1)]:
            if e["top"] < bottom and e["bottom"] > top:
                problems.append(f"p{page.number}: {c['text']!r} at x={c['x0']:.1f} crosses a vertical rule")
                break
        for e in horizontals[bisect.bisect_left(ys, top): bisect.bisect_right(ys, bottom)]:
            if e["x0"] < x1 and e["x1"] > x0:
                problems.append(f"p{page.number}: {c['text']!r} at y={c['top']:.1f} crosses a horizontal rule")
                break
    lines: dict[int, list[dict[str, Any]]] = {}
    for c in visible:
        lines.setdefault(round(c["top"] * 2), []).append(c)
    for chars in lines.values():
        chars.sort(key=lambda c: c["ink"][0])
        for a, b in itertools.pairwise(chars):
            overlap = a["ink"][1] - b["ink"][0]
            if overlap > tolerance and overlap > 0.25 * min(a["x1"] - a["x0"], b["x1"] - b["x0"]):
                problems.append(f"p{page.number}: {a['text']!r} and {b['text']!r} overprint")
    return problems


def test_layout_check_detects_overflow_and_overprinting() -> None:
    broken = typst.compile(
        b'#set page(width: 200pt, height: 120pt, margin: 10pt)\n'
        b'#set text(font: "Noto Serif CJK SC", size: 10pt)\n'
        b'#table(columns: (40pt, 40pt), "410700220000000029927", "1,234.00")\n'
        b'#place(top + left, dx: 100pt, dy: 60pt)[ABC]#place(top + left, dx: 103pt, dy: 60pt)[ABC]\n',
        format="pdf",
    )
    problems = layout_problems(read_pdf(broken).pages[0])
    assert any("crosses a vertical rule" in p for p in problems)
    assert any("overprint" in p for p in problems)


# -- the sample documents -----------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_heading_table_and_key_figure_is_printed(example: str) -> None:
    document = sample_document(example)
    pdf = rendered(example)
    text = flat(pdf.text)
    for heading in document.headings(toc_only=False):
        assert flat(heading.text) in text, heading.text
    for paragraph in document.paragraphs():
        assert flat(paragraph.text) in text, paragraph.text
    for table in document.tables():
        page = pdf.first_page_with(table.code + table.title)
        assert flat(table.org_label) in page.flat and flat(table.unit_label) in page.flat
        for note in table.notes:
            assert flat(note) in text
        if table.is_empty:
            assert flat(table.empty_statement) in text
    for figure in KEY_FIGURES[example]:
        assert figure in pdf.text
    invisible = {ch for ch in pdf.text if ch in "\u200b\u200c\u200d\u2060\ufeff"}
    assert not invisible, "the text layer holds only what is printed"
    assert flat(document.title) in pdf.pages[0].flat


@pytest.mark.parametrize("example", EXAMPLES)
def test_toc_page_numbers_match_the_pages_of_the_headings(example: str) -> None:
    document = sample_document(example)
    pdf = rendered(example)
    entries = toc_entries(pdf)
    listed = [text for text, _ in entries]
    headings = [flat(h.text) for h in document.headings()]
    assert [t for t in listed if t in headings] == headings, "every 目录 heading, in order"
    tables = [flat(t.full_title) for t in document.tables()]
    assert [t for t in listed if t in tables] == tables, "every table, in order"
    for text, number in entries:
        page = pdf.by_footer(number)
        assert text in page.flat, f"{text} is not on the page numbered {number}"
        assert pdf.first_page_with(text).number == page.number, text
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("example", EXAMPLES)
def test_cover_toc_and_page_numbers(example: str) -> None:
    pdf = rendered(example)
    cover, toc = pdf.pages[0], pdf.pages[1]
    assert cover.footer is None and toc.footer is None, "cover and 目录 are not numbered"
    assert pdf.toc_pages == [toc]
    numbered = [p.footer for p in pdf.pages[2:]]
    assert numbered == list(range(1, len(numbered) + 1)), "body pages numbered — 1 — … consecutively"
    assert all(abs(p.width - 595.28) < 1 or abs(p.width - 841.89) < 1 for p in pdf.pages), "A4"


@pytest.mark.parametrize("example", EXAMPLES)
def test_fonts_are_embedded_cjk_fonts(example: str) -> None:
    pdf = rendered(example)
    assert pdf.fonts
    for font in pdf.fonts:
        assert font["subtype"] != "Type3", font["name"]
        descriptor = font["descriptor"]
        assert descriptor is not None and any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")), (
            f"{font['name']} is not embedded"
        )
    names = {c["fontname"] for page in pdf.pages for c in page.chars if ord(c["text"][0]) > 0x2E7F}
    requested = ("FangSong", "SimSun", "SimHei", "KaiTi", "Noto", "XiaoBiaoSong", "Zhongsong")
    assert names and all(any(r in n for r in requested) for n in names), names
    assert any("Sans" in n or "Hei" in n for n in names), "headings in a 黑体-like face"
    assert any("Serif" in n or "Song" in n or "Fang" in n for n in names), "body in a serif face"


@pytest.mark.parametrize("example", EXAMPLES)
def test_wide_tables_are_on_landscape_pages(example: str) -> None:
    document = sample_document(example)
    pdf = rendered(example)
    assert any(p.landscape for p in pdf.pages) and any(not p.landscape for p in pdf.pages)
    assert not any(p.landscape for p in pdf.pages[:3]), "cover, 目录 and narrative are portrait"
    for table in document.tables():
        page = pdf.first_page_with(table.code + table.title)
        assert page.landscape == (table.orientation == "landscape"), table.title


def test_total_rows_are_bold() -> None:
    page = rendered("xinxiang-2024").first_page_with("预算06表")
    words = page_words(page)
    amount = next(w for w in words if w["text"] == "467.11")
    in_row = [w["text"] for w in words if abs(w["top"] - amount["top"]) < 2]
    assert in_row == ["合计", "467.11", "423.51", "43.60"]
    assert all(w["bold"] for w in words if abs(w["top"] - amount["top"]) < 2)
    assert not any(w["bold"] for w in words if w["text"] == "101.63"), "other rows are regular"


def test_money_is_right_aligned_in_its_column() -> None:
    pdf = rendered("xinxiang-2024")
    table = sample_document("xinxiang-2024").tables()[5]
    assert table.code == "预算06表"
    key = table.money_columns()[0].key
    amounts = [table.display(c) for row in table.rows for c in row.cells if c.column == key and table.display(c)]
    words = [w for w in page_words(pdf.first_page_with("预算06表")) if w["text"] in set(amounts)]
    by_right_edge: dict[int, list[dict[str, Any]]] = {}
    for w in words:
        by_right_edge.setdefault(round(w["x1"]), []).append(w)
    column = max(by_right_edge.values(), key=len)
    assert len(column) >= len(amounts), "every amount of the column ends at the same x"
    assert len({round(w["x0"]) for w in column}) > 1, "amounts of different lengths start at different x"


def page_words(page: Page) -> list[dict[str, Any]]:
    """Words rebuilt from the page's characters (touching glyphs on one baseline)."""
    words: list[dict[str, Any]] = []
    for c in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"])):
        if not c["text"].strip():
            continue
        last = words[-1] if words else None
        if last and abs(last["top"] - c["top"]) < 1 and abs(c["x0"] - last["x1"]) < 1:
            last["text"] += c["text"]
            last["x1"] = c["x1"]
            last["bold"] = last["bold"] and "Bold" in c["fontname"]
        else:
            words.append({"text": c["text"], "x0": c["x0"], "x1": c["x1"], "top": c["top"],
                          "bold": "Bold" in c["fontname"]})
    return words


@pytest.mark.parametrize("example", EXAMPLES)
def test_nothing_is_clipped_or_overprinted(example: str) -> None:
    problems = [p for page in rendered(example).pages for p in layout_problems(page)]
    assert not problems, problems[:10]


def test_metadata() -> None:
    meta = rendered("xinxiang-2024").metadata
    assert meta["Title"] == "新乡市金融工作局2024年部门预算"
    assert meta["Author"] == "新乡市金融工作局"


# -- long tables --------------------------------------------------------------------------------


def _header_band(page: Page, height: float | None = None) -> tuple[list[tuple[str, int, int]], float]:
    """Glyphs of the table header: between the table's top rule and the first body row (digits)."""
    table_top = min(e["top"] for e in page.edges if e["orientation"] == "h")
    if height is None:
        first_body = min(c["top"] for c in page.chars if c["text"].isdigit() and c["top"] > table_top)
        height = first_body - table_top - 0.4 * min(c["size"] for c in page.chars if c["top"] > table_top)
    band = sorted(
        (c["text"], round(c["x0"]), round(c["top"] - table_top))
        for c in page.chars
        if table_top < c["top"] < table_top + height and c["text"].strip()
    )
    return band, height


def test_long_table_repeats_its_header_on_every_page() -> None:
    table = long_table()
    pdf = long_table_pdf()
    assert len(pdf.pages) >= 3, "the table is longer than a page"
    header_chars = sorted(ch for line in table.header for hc in line for ch in hc.text if ch.strip())
    assert not any(ch.isdigit() for ch in header_chars)
    first, height = _header_band(pdf.pages[0])
    assert sorted(ch for ch, _x, _y in first) == header_chars, "page 1 shows the whole header"
    for page in pdf.pages[1:]:
        band, _ = _header_band(page, height)
        assert band == first, f"page {page.number} repeats the header exactly"
        assert page.landscape
    assert flat(table.title) in pdf.pages[0].flat
    assert flat(table.title) not in pdf.pages[1].flat, "the title is printed once"
    last = table.rows[-1]
    last_label = next(table.display(c) for c in last.cells if not c.money and table.display(c))
    assert flat(last_label) in pdf.pages[-1].flat
    problems = [p for page in pdf.pages for p in layout_problems(page)]
    assert not problems, problems[:10]


def test_every_row_of_a_long_table_is_printed_once() -> None:
    table = long_table()
    text = long_table_pdf().text
    amounts = [table.display(c) for row in table.rows for c in row.cells if c.money and table.display(c)]
    tokens = re.findall(r"\d+\.\d\d", text)
    for amount in set(amounts):
        assert tokens.count(amount) == amounts.count(amount), amount


# -- escaping -----------------------------------------------------------------------------------


def _escaping_document() -> Document:
    odd = '标题 "引号" #x \\ $y$ @author@'
    table = text_table()
    cell_text = "*粗* _斜_ <标签> @引用 #函数() [方括号] \\反斜杠 // 注释 /* 块 */"
    rows = (*table.rows, Row("odd", "form", (Cell(cell_text, table.columns[0].key, colspan=len(table.columns)),)))
    table = Table(table.id, table.kind, table.number, "表#1", "表题 $x$ *y*", table.money_unit, table.decimals,
                  "单位：<部门> @x", table.columns, table.header, rows, False, "", notes=("注：= 行首等号 #set",),
                  orientation="portrait")
    return Document(
        title=odd,
        sections=(
            Section((
                TitleBlock(odd, subtitle="_副标题_", date="2024年1月"),
                Heading("= 第一部分 #heading", 1),
                Heading("- 列表? + 编号 *强调*", 2),
                Heading("（一）`代码` ~ <x>", 3),
                Paragraph(TYPST_SYNTAX),
                Paragraph("= 行首等号"),
                Paragraph("第一行\n第二行 `raw` ~ --- 'q' \"dq\""),
                Paragraph("#{1 + 1} #(\"x\") \\u{41}", style="note"),
                TableBlock(table),
            )),
        ),
        department="部门#1",
    )


def test_typst_syntax_in_text_is_printed_verbatim() -> None:
    document = _escaping_document()
    pdf = read_pdf(pdf_bytes(document))
    text = pdf.text
    assert TYPST_SYNTAX in text
    flat_text = flat(text)
    for heading in document.headings():
        assert flat(heading.text) in flat_text
    for paragraph in document.paragraphs():
        for line in paragraph.text.splitlines():
            assert flat(line) in flat_text, line
    assert "第一行\n第二行" in text, "line breaks in a paragraph are kept"
    table = document.tables()[0]
    for expected in ("表#1", "表题 $x$ *y*", "单位：<部门> @x", "注：= 行首等号 #set", table.rows[-1].cells[0].value):
        assert flat(str(expected)) in flat_text, expected
    assert pdf.metadata["Title"] == document.title
    assert pdf.metadata["Author"] == "部门#1"


def test_string_literal_escaping() -> None:
    assert string('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert string("\x00\u2028") == '"\\u{0}\\u{2028}"'
    value = TYPST_SYNTAX + '\x1f"\n\r\t\u2029末'
    source = "#metadata(" + string(value) + ") <m>"
    assert json.loads(typst.query(source.encode(), "<m>", field="value", one=True)) == value


def test_headings_left_out_of_the_toc_are_not_listed() -> None:
    document = Document(
        "目录测试",
        (Section((
            TitleBlock("目录测试"), TocBlock(), Heading("第一部分 列入目录", 1),
            Heading("不列入目录的标题", 2, toc=False), Paragraph("正文。"), Heading("一、列入目录的标题", 2),
        )),),
    )
    pdf = read_pdf(pdf_bytes(document))
    listed = [text for text, _ in toc_entries(pdf)]
    assert listed == [flat("第一部分 列入目录"), flat("一、列入目录的标题")]
    assert "不列入目录的标题" in flat(pdf.text)


def test_trailing_heading_moves_to_the_next_section() -> None:
    table = long_table()
    document = Document("t", (
        Section((Heading("第一部分 说明", 1), Paragraph("正文。"), Heading("附件：预算表", 1))),
        Section((TableBlock(table),), "landscape"),
    ))
    pdf = read_pdf(pdf_bytes(document))
    page = pdf.first_page_with("附件：预算表")
    assert page.landscape and flat(table.title) in page.flat


# -- table fitting ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_columns_fill_the_width_and_hold_their_longest_words(example: str) -> None:
    for table in sample_document(example).tables():
        available = LANDSCAPE_WIDTH if table.orientation == "landscape" else PORTRAIT_WIDTH
        fit = fit_columns(table, available)
        assert sum(fit.widths) == pytest.approx(available)
        assert 5.0 <= fit.size <= 10.5
        for column, width in zip(table.columns, fit.widths, strict=False):
            if fit.breakable[table.columns.index(column)]:
                continue
            for row in table.rows:
                for cell in row.cells:
                    if cell.column == column.key and cell.colspan == 1:
                        need = longest_run_em(table.display(cell)) * fit.size
                        assert need <= width, (table.id, column.key, table.display(cell))


def test_very_wide_tables_shrink_and_break_instead_of_overflowing() -> None:
    columns = tuple(Column(f"c{i}", (f"很长的列标题第{i}列",), "money" if i > 1 else "label") for i in range(12))
    cells = (Cell("1234567890" * 8, "c0"), Cell("名称" * 30, "c1"),
             *(Cell(123456789012, f"c{i}", money=True) for i in range(2, 12)))
    table = Table("wide", "matrix", 1, "表1", "很宽的表", MoneyUnit.YUAN, 2, "单位：测试", columns,
                  build_header(columns), (Row("r", "item", cells),), False, "", orientation="portrait")
    fit = fit_columns(table, PORTRAIT_WIDTH)
    assert fit.size == 5.0 and fit.breakable[0]
    pdf = read_pdf(pdf_bytes(Document("t", (Section((TableBlock(table),)),))))
    problems = [p for page in pdf.pages for p in layout_problems(page)]
    assert not problems, problems[:5]
    page = pdf.pages[0]
    left = min(e["x0"] for e in page.edges if e["orientation"] == "v")
    rules = sorted({round(e["top"], 1) for e in page.edges if e["orientation"] == "h"})
    body_top = rules[1]  # below the one-line header
    first_column = [c for c in page.chars
                    if left < c["x0"] < left + fit.widths[0] and c["top"] > body_top and c["text"].isdigit()]
    first_column.sort(key=lambda c: (round(c["top"]), c["x0"]))
    assert "".join(c["text"] for c in first_column) == "1234567890" * 8, "broken runs keep every character"
    assert len({round(c["top"]) for c in first_column}) > 1, "the code wraps"


def test_balanced_titles() -> None:
    title = "济源市人民政府金融服务办公室2020年部门预算"
    assert balanced(title, 40) == title
    assert balanced(title, 20) == "济源市人民政府金融服务办公室\n2020年部门预算"
    long = "支出项目绩效目标表（2020年）（金融服务工作经费-金融服务和金融监管经费）"
    lines = balanced(long, 24).split("\n")
    assert lines == ["支出项目绩效目标表（2020年）", "（金融服务工作经费-金融服务和金融监管经费）"]
    assert not balanced("单位名称整体绩效目标表", 8).startswith("单位名称\n")
    assert balanced("单位名称整体绩效目标表", 8, ("单位名称",)) == "单位名称\n整体绩效目标表"
    for text in (long, title * 3):
        for max_em in (8.0, 13.0, 21.0):
            lines = balanced(text, max_em).split("\n")
            assert "".join(lines) == text
            assert all(text_em(line) <= max_em for line in lines)
            assert not any(line[0] in "，。、）" for line in lines), lines


# -- preview ------------------------------------------------------------------------------------


def test_preview_pages(tmp_path: Path) -> None:
    pdf_path = tmp_path / "doc.pdf"
    render_pdf(sample_document("xinxiang-2024"), pdf_path)
    assert pdf_path.read_bytes()[:5] == b"%PDF-"
    total = page_count(pdf_path)
    pdf = rendered("xinxiang-2024")
    assert total == len(pdf.pages)
    landscape = next(p.number for p in pdf.pages if p.landscape)
    paths = preview_pages(pdf_path, tmp_path / "png", dpi=50, pages=[1, landscape])
    assert [p.name for p in paths] == ["doc-p001.png", f"doc-p{landscape:03d}.png"]
    with Image.open(paths[0]) as first, Image.open(paths[1]) as wide:
        assert first.format == "PNG"
        a4 = (595.28 * 50 / 72, 841.89 * 50 / 72)
        assert abs(first.size[0] - a4[0]) <= 1 and abs(first.size[1] - a4[1]) <= 1
        assert abs(wide.size[0] - a4[1]) <= 1 and abs(wide.size[1] - a4[0]) <= 1
        assert min(first.convert("L").tobytes()) < 100, "the cover page has dark text on it"
    everything = preview_pages(pdf_path, tmp_path / "all", dpi=20)
    assert len(everything) == total
    with pytest.raises(ValueError):
        preview_pages(pdf_path, tmp_path / "bad", pages=[total + 1])


# -- markup -------------------------------------------------------------------------------------


def test_markup_passes_every_text_as_a_string_literal() -> None:
    document = _escaping_document()
    source = document_markup(document)
    body = source.split("#let yb(body) = strong(body)", 1)[1]
    # outside string literals there is no user text: remove the literals and look for it
    code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', body)
    for word in ("行首等号", "第一行", "引号", "粗", "副标题", "部门"):
        assert word not in code


def test_claims_do_not_change_the_output() -> None:
    plain = Document("t", (Section((Paragraph("收入504.11万元。"),)),))
    claimed = Document("t", (Section((Paragraph("收入504.11万元。", claims=(
        Claim("income_total", "amount", Decimal("504.11"), "504.11"),)),)),))
    assert document_markup(plain) == document_markup(claimed)


# -- options and fonts --------------------------------------------------------------------------


def test_per_item_sheets_are_listed_only_when_few() -> None:
    def sheets(n: int) -> tuple[Section, ...]:
        out = []
        for k in range(n):
            t = text_table(title=f"项目绩效目标表（项目{k + 1}）")
            t = Table(f"project_target_sheets:P{k}", t.kind, t.number, t.code, t.title, t.money_unit, t.decimals,
                      t.org_label, t.columns, t.header, t.rows, t.is_empty, t.empty_statement, t.notes,
                      t.orientation)
            out.append(Section((TableBlock(t),), "portrait"))
        return tuple(out)

    def listed(n: int, toc_tables: bool = True) -> list[str]:
        front = Section((TitleBlock("项目表"), TocBlock(), Heading("附件：项目绩效目标表", 1)))
        document = Document("项目表", (front, *sheets(n)))
        pdf = read_pdf(pdf_bytes(document, PdfOptions(toc_tables=toc_tables)))
        return [text for text, _ in toc_entries(pdf)]

    assert listed(3) == [flat("附件：项目绩效目标表"), *(flat(f"项目绩效目标表（项目{k}）") for k in (1, 2, 3))]
    assert listed(11) == [flat("附件：项目绩效目标表")]
    assert listed(3, toc_tables=False) == [flat("附件：项目绩效目标表")]


def test_font_directories_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("YUSUAN_FONT_DIR", f"{tmp_path}{os.pathsep}{tmp_path / 'missing'}")
    assert font_dirs() == (str(tmp_path),)
    monkeypatch.delenv("YUSUAN_FONT_DIR")
    assert font_dirs() == ()


def test_fonts_from_a_directory_and_a_clear_error_without_cjk_fonts() -> None:
    with pytest.raises(PdfFontError, match="中文字体"):
        load_fonts((), system_fonts=False)
    noto = next((p for p in Path("/usr/share/fonts").rglob("NotoSerifCJK-Regular.ttc")), None)
    if noto is None:
        pytest.skip("fonts-noto-cjk is not installed")
    fonts = load_fonts((str(noto.parent),), system_fonts=False)
    assert "Noto Serif CJK SC" in fonts.families()


def test_reproducible_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    document = Document("t", (Section((Heading("第一部分 标题", 1), Paragraph("正文。"))),), department="部门")
    assert pdf_bytes(document) == pdf_bytes(document)
