"""DOCX rendering of a disclosure :class:`~yusuan.document.model.Document` (python-docx).

The file is meant to be edited: it opens in Word, WPS and LibreOffice with the same
structure as the PDF.

* **Pages.**  A4.  Every :class:`~yusuan.document.model.Section` becomes a Word section
  (new page) with its orientation; landscape sections swap the page size and set
  ``w:orient="landscape"``.  Narrative pages use the margins of GB/T 9704 (top 37 mm,
  bottom 35 mm, left 28 mm, right 26 mm); sections holding a table use 15–20 mm so wide
  tables fit.  Page numbers are a centred ``PAGE`` field in the footer, printed
  ``— N —``; the cover page (a leading title block) has none.
* **Styles**, defined once and applied by name: ``Title`` (cover), ``Heading 1/2/3``
  (the only styles with outline levels, hence the only ones in the 目录), ``Body Text``,
  ``toc 1/2/3``, ``Footer``, and Chinese-named custom styles for the other paragraph kinds
  and the tables (``表格标题``, ``表头``, ``表格文字``, ``表格数字``, ``表注`` …).  Headings
  with ``toc=False`` use ``标题 N（不编入目录）``: same look, no outline level.
* **Fonts.**  Every style sets ``w:rFonts``: the East Asian font is the official name
  Word/WPS users expect — 方正小标宋简体 (title, table titles), 黑体 (第X部分, level-2
  headings, table headers), 楷体 (level-3 headings), 仿宋 (body), 宋体 (table text, page
  numbers) — and the Latin font is Times New Roman (heading styles use their CJK font for
  digits too).  The theme fonts of python-docx's template are replaced, so nothing falls
  back to a Japanese theme font.  None of these fonts is free.  LibreOffice on Debian
  substitutes through fontconfig: Times New Roman → Liberation Serif, and — with
  ``fonts-noto-cjk`` installed — every CJK name above → **Noto Sans CJK SC** (fontconfig
  treats unknown families as sans-serif).  For the serif look of 仿宋/宋体/楷体/方正小标宋简体,
  alias them to **Noto Serif CJK SC**, e.g. in ``~/.config/fontconfig/fonts.conf``::

      <alias><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>

  (黑体 → Noto Sans CJK SC).  Runs are tagged East Asian zh-CN (so fallbacks use the
  Simplified Chinese glyphs) and Latin en-US (LibreOffice breaks lines inside figures in
  Latin text tagged zh-CN).
* **Body text**: 三号 (16 pt), two-character first-line indent (``w:firstLineChars="200"``
  plus the absolute value for LibreOffice), exactly 28 pt line spacing.
* **目录**: a real ``TOC \\o "1-3" \\h \\z \\u`` field (marked dirty), and
  ``w:updateFields`` in settings.xml so that Word asks to update fields on opening.  Its
  cached result — what LibreOffice, WPS and a Word user who declines see — is the list of
  headings (hyperlinks to ``_Toc`` bookmarks on the headings) followed by a Chinese
  instruction to update the field for page numbers; updating replaces both.
* **Tables**: Word tables on the grid of :func:`yusuan.render._grid.layout`; merged
  header and body cells use ``w:gridSpan``/``w:vMerge``; header rows are marked
  ``w:tblHeader`` (repeated on every page); rows short enough are ``w:cantSplit``; every
  cell has borders; money is right-aligned; total rows are bold.  Fixed layout: column
  widths follow the pack's width hints (other columns: their content) scaled to the text
  width, never narrower than a figure or code; the font shrinks from 10.5 pt (8 pt when
  the table is merely crowded, 6.5 pt at the least) until every figure fits (see
  :func:`fit_table`).  Code and title are a centred paragraph above, the 部门/单位 line
  below it; the empty-table statement and notes follow the table.

Limits: page numbers of the 目录 exist only after the word processor updates the field;
figures wider than their column even at 6.5 pt wrap (a 20-column table of 元 amounts in
the millions); text widths are estimated (CJK one em, other characters 0.55 em), not
measured with the fonts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from yusuan.compute.model import Cell, Table
from yusuan.document.model import (
    Block,
    Document,
    Heading,
    Orientation,
    Paragraph,
    Section,
    TableBlock,
    TitleBlock,
    TocBlock,
)
from yusuan.render._grid import Layout, Slot, indent_target, layout
from yusuan.render._wordml import (
    Fonts,
    Indent,
    Tab,
    W,
    XmlElement,
    add_text,
    begin_open,
    bookmark,
    borders,
    element,
    field,
    field_end,
    ppr,
    rpr,
    sub,
    twips,
    val,
)

T = TypeVar("T")

# ── fonts and sizes ───────────────────────────────────────────────────────────

LATIN = "Times New Roman"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体"
FANGSONG = "仿宋"
SONGTI = "宋体"
LANG = "zh-CN"

BODY = Fonts(LATIN, FANGSONG)
BODY_SIZE = 16.0  # 三号
BODY_LINE = 28.0
TABLE_SIZE = 10.5  # 五号
TABLE_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
READABLE_SIZE = 8.0
SQUEEZE = 1.15
MONEY_CHARS = 4.5
TEXT_CHARS = 24
HEADER_CHARS = 8
TOC_SIZE = 14.0
TOC_LINE = 26.0

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "（页码在 Word 中打开时更新；WPS、LibreOffice 中请右键单击目录，选择“更新域”或“更新目录”。）"

# ── page geometry (points) ────────────────────────────────────────────────────

MM = 72 / 25.4
A4_SHORT = 210 * MM
A4_LONG = 297 * MM
CELL_PAD_X = 2.85  # left/right cell margin (0.1 cm)
CELL_PAD_Y = 1.5


@dataclass(frozen=True, slots=True)
class Page:
    orientation: Orientation
    top: float
    bottom: float
    left: float
    right: float
    footer: float

    @property
    def width(self) -> float:
        return A4_LONG if self.orientation == "landscape" else A4_SHORT

    @property
    def height(self) -> float:
        return A4_SHORT if self.orientation == "landscape" else A4_LONG

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


def page_for(section: Section) -> Page:
    """GB/T 9704 margins for narrative; narrower margins for sections that hold tables."""
    if any(isinstance(b, TableBlock) for b in section.blocks):
        return Page(section.orientation, 20 * MM, 18 * MM, 15 * MM, 15 * MM, 8 * MM)
    return Page(section.orientation, 37 * MM, 35 * MM, 28 * MM, 26 * MM, 22 * MM)


# ── styles ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Style:
    id: str
    name: str
    fonts: Fonts
    size: float
    line: float
    based_on: str | None = "Normal"
    jc: str | None = None
    first_chars: float = 0.0
    left_chars: float = 0.0
    right_chars: float = 0.0
    before: float = 0.0
    after: float = 0.0
    bold: bool = False
    color: str | None = None
    keep_next: bool = False
    outline: int | None = None
    next: str | None = None
    custom: bool = True


def _heading(level: int, *, toc: bool) -> Style:
    fonts, size, line, jc, first, before, after = {
        1: (Fonts(HEITI, HEITI), 18.0, 32.0, "center", 0.0, 16.0, 16.0),
        2: (Fonts(HEITI, HEITI), BODY_SIZE, BODY_LINE, "both", 2.0, 0.0, 0.0),
        3: (Fonts(KAITI, KAITI), BODY_SIZE, BODY_LINE, "both", 2.0, 0.0, 0.0),
    }[level]
    if toc:
        return Style(f"Heading{level}", f"heading {level}", fonts, size, line, jc=jc, first_chars=first,
                     before=before, after=after, keep_next=True, outline=level - 1, next="BodyText", custom=False)
    return Style(f"Heading{level}Plain", f"标题 {level}（不编入目录）", fonts, size, line, jc=jc,
                 first_chars=first, before=before, after=after, keep_next=True, next="BodyText")


STYLES: tuple[Style, ...] = (
    Style("Normal", "Normal", BODY, BODY_SIZE, BODY_LINE, based_on=None, jc="both", custom=False),
    Style("Title", "Title", Fonts(XIAOBIAOSONG, XIAOBIAOSONG), 26.0, 40.0, jc="center", before=150.0,
          after=24.0, custom=False),
    Style("Subtitle", "Subtitle", Fonts(KAITI, KAITI), BODY_SIZE, BODY_LINE, jc="center", custom=False),
    Style("CoverDate", "封面日期", BODY, BODY_SIZE, BODY_LINE, jc="center", before=220.0),
    Style("TocTitle", "目录标题", Fonts(HEITI, HEITI), 18.0, 32.0, jc="center", after=18.0),
    *(_heading(level, toc=True) for level in (1, 2, 3)),
    *(_heading(level, toc=False) for level in (1, 2, 3)),
    Style("BodyText", "Body Text", BODY, BODY_SIZE, BODY_LINE, jc="both", first_chars=2.0, custom=False),
    Style("Note", "注释", BODY, 14.0, 24.0, jc="both", first_chars=2.0),
    Style("Centered", "居中", BODY, BODY_SIZE, BODY_LINE, jc="center"),
    Style("RightAligned", "右对齐", BODY, BODY_SIZE, BODY_LINE, jc="right", right_chars=2.0),
    Style("Signature", "落款", BODY, BODY_SIZE, BODY_LINE, jc="right", right_chars=4.0, before=BODY_LINE),
    Style("Statement", "说明", BODY, BODY_SIZE, BODY_LINE, jc="both", first_chars=2.0),
    Style("TOC1", "toc 1", Fonts(HEITI, HEITI), TOC_SIZE, TOC_LINE, custom=False),
    Style("TOC2", "toc 2", BODY, TOC_SIZE, TOC_LINE, left_chars=2.0, custom=False),
    Style("TOC3", "toc 3", BODY, TOC_SIZE, TOC_LINE, left_chars=4.0, custom=False),
    Style("TocNote", "目录说明", BODY, 12.0, 20.0, before=12.0, color="595959"),
    Style("Footer", "footer", Fonts(LATIN, SONGTI), 14.0, 20.0, jc="center", custom=False),
    Style("TableTitle", "表格标题", Fonts(XIAOBIAOSONG, XIAOBIAOSONG), 18.0, 26.0, jc="center", after=6.0,
          keep_next=True),
    Style("TableMeta", "表格单位", Fonts(LATIN, SONGTI), TABLE_SIZE, 18.0, after=2.0, keep_next=True),
    Style("TableHeading", "表头", Fonts(HEITI, HEITI), TABLE_SIZE, 14.0, jc="center"),
    Style("TableText", "表格文字", Fonts(LATIN, SONGTI), TABLE_SIZE, 14.0, jc="left"),
    Style("TableNumber", "表格数字", Fonts(LATIN, SONGTI), TABLE_SIZE, 14.0, jc="right"),
    Style("TableNote", "表注", Fonts(LATIN, SONGTI), TABLE_SIZE, 16.0, jc="both", before=4.0),
    Style("SectionEnd", "分节符", BODY, 1.0, 1.0),
)

PARAGRAPH_STYLES = {
    "body": "BodyText",
    "note": "Note",
    "center": "Centered",
    "right": "RightAligned",
    "signature": "Signature",
    "statement": "Statement",
}


def _style_element(style: Style) -> XmlElement:
    el = element("style", {"type": "paragraph", "styleId": style.id})
    if style.id == "Normal":
        el.set(W + "default", "1")
    if style.custom:
        el.set(W + "customStyle", "1")
    val(el, "name", style.name)
    if style.based_on:
        val(el, "basedOn", style.based_on)
    if style.next:
        val(el, "next", style.next)
    sub(el, "qFormat")
    indent = Indent(style.first_chars, style.left_chars, style.right_chars, style.size)
    el.append(ppr(keep_next=style.keep_next, before=style.before, after=style.after, line=style.line,
                  indent=indent, jc=style.jc, outline=style.outline))
    el.append(rpr(fonts=style.fonts, bold=style.bold, color=style.color, size=style.size, lang=LANG))
    return el


def _install_styles(doc: DocxDocument) -> None:
    root: XmlElement = doc.styles.element
    existing = {s.get(W + "styleId"): s for s in root.findall(W + "style")}
    for style in STYLES:
        new = _style_element(style)
        old = existing.get(style.id)
        if old is not None:
            old.addprevious(new)
            root.remove(old)
        else:
            root.append(new)
    defaults = root.find(W + "docDefaults")
    if defaults is not None:
        root.remove(defaults)
    defaults = element("docDefaults")
    run_default = sub(defaults, "rPrDefault")
    run_default.append(rpr(fonts=BODY, size=BODY_SIZE, lang=LANG))
    par_default = sub(defaults, "pPrDefault")
    par_default.append(ppr(after=0.0, line=1.0, line_rule="auto"))
    root.insert(0, defaults)


# ── table layout ──────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Fit:
    """Font size and column widths (points) that let every figure of a table fit."""

    size: float
    widths: tuple[float, ...]

    @property
    def line(self) -> float:
        return round(self.size * 1.35 * 2) / 2


def printed_width(text: str, size: float) -> float:
    """Approximate printed width in points (CJK characters one em, others 0.55 em)."""
    return sum(size if ord(ch) > 0x2E7F else 0.55 * size for ch in text)


def _unbreakable(text: str, *, money: bool) -> str:
    """The longest piece of ``text`` a word processor will not wrap (figures, codes, Latin words)."""
    if money or text.isdigit():
        return text
    pieces: list[str] = []
    current = ""
    for ch in text:
        if ch.isspace() or ord(ch) > 0x2E7F:
            pieces.append(current)
            current = ""
        else:
            current += ch
    pieces.append(current)
    return max(pieces, key=len)


def _column_needs(table: Table, grid: Layout) -> tuple[list[tuple[str, int]], list[str]]:
    """Per column: the widest unbreakable text (with how many CJK characters the column must
    hold besides) and the longest line of its single-column cells."""
    need: list[tuple[str, int]] = [("", 1) for _ in range(grid.width)]
    longest = ["" for _ in range(grid.width)]

    def consider(col: int, text: str, *, money: bool, cjk: int, natural: str) -> None:
        piece = _unbreakable(text, money=money)
        old_text, old_cjk = need[col]
        if printed_width(piece, 1.0) + cjk > printed_width(old_text, 1.0) + old_cjk:
            need[col] = (piece, cjk)
        if printed_width(natural, 1.0) > printed_width(longest[col], 1.0):
            longest[col] = natural

    for head_line in grid.header:
        for head in head_line:
            if head.colspan == 1 and head.item:
                consider(head.col, head.item, money=False, cjk=min(2, len(head.item)),
                         natural=head.item[:HEADER_CHARS])
    for body_line in grid.body:
        for slot in body_line:
            if slot.colspan == 1 and slot.item is not None:
                text = table.display(slot.item)
                consider(slot.col, text, money=slot.item.money, cjk=0, natural=max(text.split("\n"), key=len))
    return need, longest


def _allocate(desired: Sequence[float], minimums: Sequence[float], total: float) -> list[float]:
    """Column widths summing to ``total``: ``desired`` scaled up when it fits, otherwise every
    column keeps its minimum and shares the rest in proportion to what it wanted beyond it."""
    want = sum(desired)
    if want <= total:
        return [d * total / want for d in desired]
    slack = [d - m for d, m in zip(desired, minimums, strict=True)]
    spare = total - sum(minimums)
    weight = sum(slack) or 1.0
    return [m + spare * x / weight for m, x in zip(minimums, slack, strict=True)]


def fit_table(table: Table, grid: Layout, available: float) -> Fit:
    """Font size and column widths for a table ``available`` points wide.

    Columns with a width hint from the pack want that many character units; money columns
    without one want room for :data:`MONEY_CHARS` characters (their figures are usually
    shorter than their headers, which wrap); other columns want their longest line (up to
    :data:`TEXT_CHARS` characters).  The size is the largest of :data:`TABLE_SIZES` at which every figure and
    code fits its column and no column is squeezed below ``1/SQUEEZE`` of what it wants;
    below :data:`READABLE_SIZE` only the figures count.
    """
    need, longest = _column_needs(table, grid)
    hints = [table.columns[i].width if i < len(table.columns) else None for i in range(grid.width)]
    pad = 2 * CELL_PAD_X + 1.5
    for size in TABLE_SIZES:
        minimums = [printed_width(text, size) + cjk * size + pad for text, cjk in need]
        if sum(minimums) > available:
            continue
        desired = []
        for i, minimum in enumerate(minimums):
            hint = hints[i]
            if hint:
                want = hint * 0.55 * size
            elif grid.kinds[i] == "money":
                want = MONEY_CHARS * size
            else:
                want = min(printed_width(longest[i], size), TEXT_CHARS * size)
            desired.append(max(minimum, want + pad))
        if sum(desired) <= available * SQUEEZE or size <= READABLE_SIZE:
            return Fit(size, tuple(_allocate(desired, minimums, available)))
    # even the smallest size wraps some figure: keep the hinted proportions
    base = sum(grid.widths) or 1.0
    return Fit(TABLE_SIZES[-1], tuple(available * w / base for w in grid.widths))


def _grid_twips(widths: Sequence[float], total: float) -> list[int]:
    """Integer twips per column summing exactly to the text width."""
    out = [round(w * 20) for w in widths]
    if out:
        out[-1] += round(total * 20) - sum(out)
    return out


def _rows_with_continuations(lines: Sequence[Sequence[Slot[T]]]) -> list[list[tuple[Slot[T], bool]]]:
    """Each grid row's cells in column order, adding the covered positions of row spans.

    A covered position is ``(slot, True)``: Word needs a ``w:vMerge`` continuation cell there.
    """
    rows: list[list[tuple[Slot[T], bool]]] = [[(slot, False) for slot in line] for line in lines]
    for r, line in enumerate(lines):
        for slot in line:
            for k in range(1, slot.rowspan):
                if r + k < len(rows):
                    rows[r + k].append((slot, True))
    for row in rows:
        row.sort(key=lambda entry: entry[0].col)
    return rows


# ── the writer ────────────────────────────────────────────────────────────────


class _Writer:
    """Appends the blocks of a document to the body of a python-docx document."""

    def __init__(self, document: Document, doc: DocxDocument) -> None:
        self.body: XmlElement = doc.element.body
        for child in list(self.body):  # the template's empty paragraph
            if child.tag != W + "sectPr":
                self.body.remove(child)
        self.final_sectpr = self.body.find(W + "sectPr")
        self.page_break = False
        """Whether the next paragraph starts a new page (after the cover and the 目录)."""
        self.last: XmlElement | None = None
        """The last paragraph of the current section, which can carry its ``w:sectPr``."""
        self.toc_count = 0
        self.toc_entries = document.headings(toc_only=True)

    # paragraphs

    def _append(self, el: XmlElement) -> None:
        if self.final_sectpr is not None:
            self.final_sectpr.addprevious(el)
        else:
            self.body.append(el)

    def paragraph(self, text: str, style: str, *, tabs: Iterable[Tab] = ()) -> XmlElement:
        p = element("p")
        p.append(ppr(style=style, page_break_before=self.page_break, tabs=tabs))
        self.page_break = False
        add_text(p, text)
        self._append(p)
        self.last = p
        return p

    def block(self, block: Block, page: Page) -> None:
        if isinstance(block, TitleBlock):
            self.title(block)
        elif isinstance(block, TocBlock):
            self.toc(block)
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block.text, PARAGRAPH_STYLES.get(block.style, "BodyText"))
        elif isinstance(block, TableBlock):
            self.table(block.table, page)

    def title(self, block: TitleBlock) -> None:
        self.paragraph(block.title, "Title")
        if block.subtitle:
            self.paragraph(block.subtitle, "Subtitle")
        if block.date:
            self.paragraph(block.date, "CoverDate")
        self.page_break = True

    def heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), 3)
        p = self.paragraph(block.text, f"Heading{level}" if block.toc else f"Heading{level}Plain")
        if block.toc:
            self.toc_count += 1
            bookmark(p, self.toc_count, _toc_bookmark(self.toc_count))

    def toc(self, block: TocBlock) -> None:
        """The 目录 field.  Its cached result lists the headings (hyperlinked) and ends with an
        instruction to update the field, which disappears once Word/WPS regenerate it with
        page numbers."""
        self.paragraph(block.title, "TocTitle")
        for n, heading in enumerate(self.toc_entries, start=1):
            level = min(max(heading.level, 1), 3)
            p = self.paragraph("", f"TOC{level}")
            if n == 1:
                begin_open(p, TOC_INSTRUCTION, dirty=True)
            link = sub(p, "hyperlink", {"anchor": _toc_bookmark(n), "history": "1"})
            add_text(link, heading.text)
        p = self.paragraph("", "TocNote")
        if not self.toc_entries:
            begin_open(p, TOC_INSTRUCTION, dirty=True)
        add_text(p, TOC_PLACEHOLDER)
        field_end(p)
        self.page_break = True

    # tables

    def table(self, table: Table, page: Page) -> None:
        grid = layout(table)
        fit = fit_table(table, grid, page.text_width)
        self.paragraph(table.full_title or table.title, "TableTitle")
        meta = f"{table.org_label}\t{table.unit_label}" if table.org_label else f"\t{table.unit_label}"
        self.paragraph(meta, "TableMeta", tabs=(Tab(page.text_width, "right"),))
        self._append(_table_element(table, grid, fit, page))
        self.last = None
        if table.is_empty and table.empty_statement:
            self.paragraph(table.empty_statement, "TableNote")
        for note in table.notes:
            self.paragraph(note, "TableNote")

    # sections

    def end_section(self, page: Page, *, final: bool, cover: bool) -> None:
        sectpr = _section_properties(page, cover=cover)
        if final:
            if self.final_sectpr is not None:
                self.final_sectpr.addprevious(sectpr)
                self.body.remove(self.final_sectpr)
            else:
                self.body.append(sectpr)
            self.final_sectpr = sectpr
            return
        holder = self.last
        if holder is None:
            holder = self.paragraph("", "SectionEnd")
        props = holder.find(W + "pPr")
        if props is None:
            props = element("pPr")
            holder.insert(0, props)
        if props.find(W + "keepNext") is None:
            # a heading ending the section must not be kept with the next page's first line
            props.insert(1 if props.find(W + "pStyle") is not None else 0, element("keepNext", {"val": "0"}))
        props.append(sectpr)
        self.last = None
        self.page_break = False


def _toc_bookmark(n: int) -> str:
    return f"_Toc{100000000 + n}"


def _section_properties(page: Page, *, cover: bool) -> XmlElement:
    sectpr = element("sectPr")
    val(sectpr, "type", "nextPage")
    size = {"w": twips(page.width), "h": twips(page.height)}
    if page.orientation == "landscape":
        size["orient"] = "landscape"
    sub(sectpr, "pgSz", size)
    sub(sectpr, "pgMar", {"top": twips(page.top), "right": twips(page.right), "bottom": twips(page.bottom),
                          "left": twips(page.left), "header": twips(page.footer), "footer": twips(page.footer),
                          "gutter": "0"})
    sub(sectpr, "cols", {"space": "425"})
    if cover:
        sub(sectpr, "titlePg")
    sub(sectpr, "docGrid", {"linePitch": "312"})
    return sectpr


def _cell(row: XmlElement, width: int, slot: Slot[T], *, continuation: bool) -> XmlElement:
    tc = sub(row, "tc")
    props = sub(tc, "tcPr")
    sub(props, "tcW", {"w": str(width), "type": "dxa"})
    if slot.colspan > 1:
        val(props, "gridSpan", str(slot.colspan))
    if continuation:
        sub(props, "vMerge")
    elif slot.rowspan > 1:
        val(props, "vMerge", "restart")
    val(props, "vAlign", "center")
    return tc


def _cell_paragraph(tc: XmlElement, text: str, style: str, fit: Fit, *, bold: bool = False,
                    indent: int = 0) -> None:
    p = sub(tc, "p")
    resized = fit.size != TABLE_SIZE
    p.append(ppr(style=style, line=fit.line if resized else None,
                 indent=Indent(left_chars=indent, size=fit.size) if indent else None))
    props = rpr(bold=True if bold else None, size=fit.size if resized else None)
    add_text(p, text, props if len(props) else None)


def _estimated_lines(text: str, size: float, width: float) -> int:
    room = max(width - 2 * CELL_PAD_X, size)
    return sum(max(1, math.ceil(printed_width(part, size) / room)) for part in text.split("\n"))


def _table_element(table: Table, grid: Layout, fit: Fit, page: Page) -> XmlElement:
    widths = _grid_twips(fit.widths, page.text_width)
    tbl = element("tbl")
    props = sub(tbl, "tblPr")
    sub(props, "tblW", {"w": str(sum(widths)), "type": "dxa"})
    val(props, "jc", "center")
    borders(props, "tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV"))
    sub(props, "tblLayout", {"type": "fixed"})
    margins = sub(props, "tblCellMar")
    for side, value in (("top", CELL_PAD_Y), ("left", CELL_PAD_X), ("bottom", CELL_PAD_Y), ("right", CELL_PAD_X)):
        sub(margins, side, {"w": twips(value), "type": "dxa"})
    sub(props, "tblLook", {"val": "0000", "firstRow": "0", "lastRow": "0", "firstColumn": "0", "lastColumn": "0",
                           "noHBand": "1", "noVBand": "1"})
    grid_el = sub(tbl, "tblGrid")
    for w in widths:
        sub(grid_el, "gridCol", {"w": str(w)})

    _header_rows(tbl, grid, fit, widths)
    _body_rows(tbl, table, grid, fit, widths, page)
    return tbl


def _row(tbl: XmlElement, fit: Fit, *, header: bool, can_split: bool) -> XmlElement:
    tr = sub(tbl, "tr")
    props = sub(tr, "trPr")
    if not can_split:
        sub(props, "cantSplit")
    sub(props, "trHeight", {"val": twips(fit.line + 2 * CELL_PAD_Y + 3), "hRule": "atLeast"})
    if header:
        sub(props, "tblHeader")
    return tr


def _header_rows(tbl: XmlElement, grid: Layout, fit: Fit, widths: Sequence[int]) -> None:
    """Header rows: centred, repeated on every page (``w:tblHeader``), never split."""
    for line in _rows_with_continuations(grid.header):
        tr = _row(tbl, fit, header=True, can_split=False)
        for slot, continuation in line:
            tc = _cell(tr, sum(widths[slot.col : slot.col + slot.colspan]), slot, continuation=continuation)
            _cell_paragraph(tc, "" if continuation else slot.item or "", "TableHeading", fit)


def _body_rows(tbl: XmlElement, table: Table, grid: Layout, fit: Fit, widths: Sequence[int], page: Page) -> None:
    """Body rows: money right-aligned, totals bold, sub-header rows centred; rows kept on one
    page unless they are too tall for that to be reasonable."""
    split_limit = page.text_height / 3
    for row, line in zip(table.rows, _rows_with_continuations(grid.body), strict=True):
        target = indent_target(row)
        lines = 1
        cells: list[tuple[Slot[Cell], bool, str]] = []
        for slot, continuation in line:
            text = "" if continuation or slot.item is None else table.display(slot.item)
            cells.append((slot, continuation, text))
            if slot.rowspan == 1 and text:
                room = sum(fit.widths[slot.col : slot.col + slot.colspan])
                lines = max(lines, _estimated_lines(text, fit.size, room))
        tr = _row(tbl, fit, header=False, can_split=lines * fit.line >= split_limit)
        for slot, continuation, text in cells:
            tc = _cell(tr, sum(widths[slot.col : slot.col + slot.colspan]), slot, continuation=continuation)
            cell = slot.item
            if row.level == "subheader":
                style = "TableHeading"
            elif cell is not None and (cell.money or (grid.kinds[slot.col] == "money" and not text)):
                style = "TableNumber"
            else:
                style = "TableText"
            indent = row.indent if cell is not None and cell is target and not continuation else 0
            _cell_paragraph(tc, text, style, fit, bold=row.level == "total", indent=indent)


# ── document parts ────────────────────────────────────────────────────────────


def _footer_with_page_number(doc: DocxDocument, *, cover: bool) -> None:
    section = doc.sections[0]
    footer = section.footer
    footer.is_linked_to_previous = False
    p: XmlElement = footer.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    p.append(ppr(style="Footer"))
    add_text(p, "— ")
    field(p, "PAGE", "1")
    add_text(p, " —")
    if cover:
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False


_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)


def _settings(doc: DocxDocument) -> None:
    settings: XmlElement = doc.settings.element
    for name in ("updateFields", "savePreviewPicture"):
        for old in settings.findall(W + name):
            settings.remove(old)
    spacing = settings.find(W + "characterSpacingControl")
    if spacing is not None:
        spacing.set(W + "val", "compressPunctuation")
    update = element("updateFields", {"val": "true"})
    successor = next((el for el in settings if el.tag.removeprefix(W) in _SETTINGS_AFTER_UPDATE_FIELDS), None)
    if successor is not None:
        successor.addprevious(update)
    else:
        settings.append(update)
    theme_lang = settings.find(W + "themeFontLang")
    if theme_lang is not None:
        theme_lang.set(W + "eastAsia", LANG)


def _properties(doc: DocxDocument, document: Document) -> None:
    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    props.title = document.title
    props.subject = "部门预算公开"
    props.author = "yusuan"
    props.last_modified_by = "yusuan"
    props.language = LANG
    props.keywords = "，".join(x for x in (document.department, f"{document.year}年" if document.year else "",
                                          "部门预算") if x)
    props.comments = "由 yusuan 生成"
    props.created = now
    props.modified = now
    props.revision = 1


def _drop_template_parts(doc: DocxDocument) -> None:
    """Drop the template's thumbnail (an empty page) and its Word 2010 copy of the styles,
    which would otherwise show Word 2010 the template's styles instead of ours."""
    for rels, kind in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for rel_id, rel in list(rels.items()):
            if rel.reltype == kind:
                del rels[rel_id]


def render_docx(document: Document, path: Path) -> None:
    """Write ``document`` as an editable DOCX file at ``path``."""
    doc = docx.Document()
    _install_styles(doc)
    _settings(doc)
    _properties(doc, document)
    _drop_template_parts(doc)
    writer = _Writer(document, doc)
    sections = document.sections or (Section(()),)
    cover = bool(sections[0].blocks) and isinstance(sections[0].blocks[0], TitleBlock)
    for n, section in enumerate(sections):
        page = page_for(section)
        for block in section.blocks:
            writer.block(block, page)
        writer.end_section(page, final=n == len(sections) - 1, cover=cover and n == 0)
    _footer_with_page_number(doc, cover=cover)
    doc.save(str(path))


__all__ = ["Fit", "Page", "fit_table", "page_for", "printed_width", "render_docx"]
