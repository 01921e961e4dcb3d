"""Read a published disclosure PDF into a :class:`RawDocument` (pypdfium2's text layer).

Per page: the characters with their boxes and the ruling lines (``_pdf_text``); ruled
tables rebuilt as grids and filled, tables without rules rebuilt from the text alignment
(``_pdf_tables``); chart labels dropped; the rest grouped into lines.  Then for the whole
document: page furniture (page numbers, running headers and footers) removed, each
table's number, title, 单位 and 部门 lines found above it and its notes below it
(``_pdf_captions``), a table running over several pages merged into one (header rows
repeated on each page dropped, a row cut by the page break joined again), and the
narrative lines joined into paragraphs with headings marked (``_pdf_layout``).

Unreadable files raise :class:`DisclosureReadError` with a Chinese message: a missing,
empty or non-PDF file, a truncated or corrupt PDF, an encrypted PDF, a scanned PDF
without a text layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from yusuan.importer._pdf_captions import (
    Caption,
    caption_rows,
    ends_table,
    is_meta,
    starts_table,
    take_notes,
    take_title,
)
from yusuan.importer._pdf_layout import Paragraphs, is_running, running_texts
from yusuan.importer._pdf_tables import (
    Grid,
    fill,
    find_grids,
    find_text_tables,
    header_rows,
    is_amount,
    merge_cut_row,
    repeated_header,
    split,
    stack,
)
from yusuan.importer._pdf_text import Box, Line, PageLayout, group_lines, read_page
from yusuan.importer.model import DisclosureReadError, RawBlock, RawDocument, RawParagraph, RawTable

# --- pages ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fragment:
    """A table as printed on one page, with its caption."""

    grid: Grid
    page: int
    caption: Caption = field(default_factory=Caption)


_Item = _Fragment | Line


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    grids: list[Grid]
    lines: list[Line]
    items: list[_Item] = field(default_factory=list)
    """Tables and narrative lines, top to bottom (after :func:`_order`)."""


def _analyse(layout: PageLayout) -> _Page:
    """Ruled tables filled with their text; the other characters as lines (chart labels dropped)."""
    glyphs = layout.glyphs
    grids: list[Grid] = []
    for grid in find_grids(layout.rules):
        rest = fill(grid, glyphs)
        if len(rest) == len(glyphs):
            continue  # an empty frame (a chart's legend box)
        glyphs = rest
        grid.row_pages = [layout.number] * grid.n_rows
        grids.append(grid)
    lines = group_lines(glyphs)
    figures = _figures(layout, grids)
    if figures:
        lines = [ln for ln in lines if not _in_figure(ln, figures)]
    return _Page(layout.number, layout.width, layout.height, grids, lines)


def _figures(layout: PageLayout, grids: list[Grid]) -> list[Box]:
    """Areas of charts: clusters of at least three filled coloured shapes outside the tables."""
    page_area = layout.width * layout.height

    def in_grid(box: Box) -> bool:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        return any(g.x0 - 2 <= cx <= g.x1 + 2 and g.top - 2 <= cy <= g.bottom + 2 for g in grids)

    shapes = [s for s in layout.shapes if (s[2] - s[0]) * (s[3] - s[1]) < 0.5 * page_area and not in_grid(s)]
    clusters: list[list[float]] = []
    counts: list[int] = []
    for x0, top, x1, bottom in sorted(shapes, key=lambda s: (s[1], s[0])):
        for k, box in enumerate(clusters):
            if x0 <= box[2] + 12 and x1 >= box[0] - 12 and top <= box[3] + 12 and bottom >= box[1] - 12:
                box[:] = [min(box[0], x0), min(box[1], top), max(box[2], x1), max(box[3], bottom)]
                counts[k] += 1
                break
        else:
            clusters.append([x0, top, x1, bottom])
            counts.append(1)
    return [(b[0], b[1], b[2], b[3]) for b, n in zip(clusters, counts, strict=True)
            if n >= 3 and (b[2] - b[0]) * (b[3] - b[1]) >= 3000]


def _in_figure(line: Line, figures: list[Box]) -> bool:
    margin = max(20.0, 2.0 * line.size)
    cx, cy = (line.x0 + line.x1) / 2, line.cy
    return any(x0 - margin <= cx <= x1 + margin and top - margin <= cy <= bottom + margin
               for x0, top, x1, bottom in figures)


_PAGE_NO_RE = re.compile(
    r"^[-—–－_~·\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－_~·\s]*$")


def _is_furniture(line: Line, page: _Page, running: set[str]) -> bool:
    """A page number or a running header/footer (in the top or bottom tenth of the page)."""
    band = 0.1 * page.height
    if band < line.top and line.bottom < page.height - band:
        return False
    return bool(_PAGE_NO_RE.match(line.text) or is_running(line.text, running))


def _order(page: _Page, running: set[str]) -> None:
    """The page's tables (with their captions) and narrative lines, top to bottom."""
    lines = [ln for ln in page.lines if not _is_furniture(ln, page, running)]
    grids = list(page.grids)
    for used, grid in find_text_tables(lines, starts_table, ends_table):
        grid.row_pages = [page.number] * grid.n_rows
        grids.append(grid)
        for ln in used:
            lines.remove(ln)
    grids.sort(key=lambda g: g.top)
    remaining = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    fragments: list[_Fragment] = []
    previous_bottom = -1.0
    for grid in grids:
        fragment = _Fragment(grid, page.number)
        above = [ln for ln in remaining if previous_bottom <= ln.top and ln.bottom <= grid.top + 1.0]
        for ln in take_title(above, grid.top, fragment.caption):
            remaining.remove(ln)
        fragments.append(fragment)
        previous_bottom = grid.bottom
    for k, fragment in enumerate(fragments):
        next_top = fragments[k + 1].grid.top if k + 1 < len(fragments) else page.height + 1
        below = [ln for ln in remaining if fragment.grid.bottom - 1.0 <= ln.top < next_top]
        for ln in take_notes(below, fragment.grid.bottom, fragment.caption):
            remaining.remove(ln)
    kept: list[_Fragment] = []
    for fragment in fragments:
        trimmed = caption_rows(fragment.grid, fragment.caption)
        if trimmed is not None:
            fragment.grid = trimmed
            kept.append(fragment)
    keyed: list[tuple[float, int, _Item]] = [(ln.top, 1, ln) for ln in remaining]
    keyed += [(f.grid.top, 0, f) for f in kept]
    keyed.sort(key=lambda t: (t[0], t[1]))
    page.items = [item for _, _, item in keyed]


# --- tables over several pages -------------------------------------------------------------------


def _has_amounts(grid: Grid) -> bool:
    return any(is_amount(c.text) for c in grid.cells)


@dataclass(slots=True)
class _Table:
    """A table being read, possibly continued on the next pages."""

    caption: Caption
    grid: Grid
    pages: list[int]
    open: bool = True
    """Nothing after it on its last page: the next page may continue it."""

    def continue_with(self, fragment: _Fragment) -> bool:
        """Take a table printed at the top of the next page if it continues this one."""
        if not self.open or fragment.caption.titled or fragment.page != self.pages[-1] + 1:
            return False
        grid, nxt = self.grid, fragment.grid
        if min(grid.x1, nxt.x1) - max(grid.x0, nxt.x0) < 0.8 * min(grid.x1 - grid.x0, nxt.x1 - nxt.x0):
            return False
        n_header = header_rows(grid) if _has_amounts(grid) else grid.n_rows
        rest = repeated_header(grid, nxt, n_header)
        if rest is not None and _has_amounts(grid):
            rest = merge_cut_row(grid, rest)
        if rest is not None:
            self.grid = stack(grid, rest)
        self.pages.append(fragment.page)
        self.caption.notes.extend(fragment.caption.notes)
        self.caption.unit = self.caption.unit or fragment.caption.unit
        self.open = not fragment.caption.notes
        return True

    def build(self) -> RawTable:
        grid = self.grid
        parts = split(grid, header_rows(grid))
        caption = self.caption
        return RawTable(
            title=caption.title, number=caption.number, unit=caption.unit, org=caption.org,
            header=parts.header, columns=parts.columns, rows=tuple(parts.rows), pages=tuple(self.pages),
            notes=tuple(caption.notes), row_pages=tuple(grid.row_pages[r] for r in parts.row_index),
        )


def _assemble(pages: list[_Page]) -> list[RawBlock]:
    running = running_texts([(p.height, p.lines) for p in pages], keep=lambda text: is_meta(text) or "表" in text)
    for page in pages:
        _order(page, running)
    sizes = sorted(item.size for page in pages for item in page.items if isinstance(item, Line))
    paragraphs = Paragraphs(sizes[len(sizes) // 2] if sizes else 10.0)
    blocks: list[RawParagraph | _Table] = []
    table: _Table | None = None
    for page in pages:
        paragraphs.start_page(page.number, [i for i in page.items if isinstance(i, Line)])
        for position, item in enumerate(page.items):
            if isinstance(item, Line):
                if table is not None:
                    table.open = False
                paragraphs.add(item)
            elif not (table is not None and position == 0 and table.continue_with(item)):
                blocks.extend(paragraphs.flush())
                if table is not None:
                    table.open = False
                table = _Table(item.caption, item.grid, [item.page], open=not item.caption.notes)
                blocks.append(table)
    blocks.extend(paragraphs.flush())
    out: list[RawBlock] = []
    for block in blocks:
        if isinstance(block, _Table):
            built = block.build()
            if built.rows or built.columns:
                out.append(built)
        else:
            out.append(block)
    return out


# --- opening the file ----------------------------------------------------------------------------

_KINDS = (
    (b"pk\x03\x04", "ZIP 压缩包或 Office 文档（DOCX/XLSX）"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文档（DOC/XLS）"),
    (b"\x89png", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"{\\rtf", "RTF 文档"),
    (b"<html", "网页（HTML）"),
    (b"<!doctype", "网页（HTML）"),
    (b"%!ps", "PostScript 文件"),
)


def _load_bytes(path: Path) -> bytes:
    name = path.name
    if not path.exists():
        raise DisclosureReadError("文件不存在。", name)
    if not path.is_file():
        raise DisclosureReadError("不是文件（可能是目录）。", name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DisclosureReadError(f"无法读取文件（{exc.strerror or exc}）。", name) from exc
    if not data.strip():
        raise DisclosureReadError("文件是空的（0 字节），不是 PDF 文件。", name)
    head = data[:1024]
    if b"%PDF-" not in head:
        start = head.lstrip()[:16].lower()
        kind = next((label for magic, label in _KINDS if start.startswith(magic)), None)
        what = f"看起来是{kind}" if kind else "开头没有 %PDF 标记"
        raise DisclosureReadError(f"不是 PDF 文件（{what}），可能只是改了扩展名；请提供原始的 PDF 文件。", name)
    return data


def _truncated(data: bytes) -> bool:
    return b"%%EOF" not in data[-2048:]


def _open(name: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            message = "PDF 已加密，需要密码才能打开；yusuan 不读取加密的文件，请提供未加密的版本。"
        elif code == pdfium.raw.FPDF_ERR_SECURITY:
            message = "PDF 使用了不支持的加密方式，无法打开；请提供未加密的版本。"
        elif _truncated(data):
            message = "PDF 文件不完整（缺少文件结尾，可能在下载或复制时被截断），无法读取。"
        else:
            message = "PDF 文件已损坏，无法解析。"
        raise DisclosureReadError(message, name) from exc


_OCR = "需要先做文字识别（OCR），yusuan 不做 OCR；请提供带文字的原始 PDF。"


def _read_pages(document: pdfium.PdfDocument, name: str) -> tuple[list[_Page], list[str]]:
    pages: list[_Page] = []
    warnings: list[str] = []
    glyphs = unmapped = image_pages = 0
    count = len(document)
    if count == 0:
        raise DisclosureReadError("PDF 没有页面。", name)
    for index in range(count):
        number = index + 1
        try:
            page = document[index]
            try:
                layout = read_page(page, number)
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise DisclosureReadError("页面无法读取（文件可能已损坏）。", name, number) from exc
        glyphs += len(layout.glyphs)
        unmapped += layout.unmapped
        if not layout.glyphs and layout.has_images:
            image_pages += 1
            warnings.append(f"第 {number} 页没有文字层（是图片，可能是扫描页），已跳过；yusuan 不做文字识别（OCR）。")
        try:
            pages.append(_analyse(layout))
        except Exception as exc:  # a layout the reader does not understand must not end in a traceback
            raise DisclosureReadError(f"无法分析页面版面（{type(exc).__name__}: {exc}）。", name, number) from exc
    if glyphs == 0:
        if unmapped:
            raise DisclosureReadError("PDF 的文字无法解码（字体缺少 Unicode 映射），" + _OCR, name)
        if image_pages:
            raise DisclosureReadError("PDF 没有文字层（页面都是图片，可能是扫描件），" + _OCR, name)
        raise DisclosureReadError("PDF 中没有任何文字。", name)
    if unmapped > glyphs:
        raise DisclosureReadError("PDF 的大部分文字无法解码（字体缺少 Unicode 映射），" + _OCR, name)
    if unmapped:
        warnings.append(f"有 {unmapped} 个字符无法解码（字体缺少 Unicode 映射），已忽略。")
    return pages, warnings


def read_pdf(path: Path) -> RawDocument:
    """Read a disclosure PDF: its narrative paragraphs and tables, in document order.

    Raises :class:`DisclosureReadError` (Chinese message) for a file that cannot be read.
    """
    path = Path(path)
    name = path.name
    data = _load_bytes(path)
    document = _open(name, data)
    warnings: list[str] = []
    if _truncated(data):
        warnings.append("PDF 文件结尾不完整（可能被截断），已按能读出的部分读取，请核对是否缺页。")
    try:
        pages, page_warnings = _read_pages(document, name)
    finally:
        document.close()
    warnings.extend(page_warnings)
    try:
        blocks = _assemble(pages)
    except Exception as exc:  # a layout the reader does not understand must not end in a traceback
        raise DisclosureReadError(f"无法整理文件的版面（{type(exc).__name__}: {exc}）。", name) from exc
    return RawDocument(source=name, blocks=tuple(blocks), pages=len(pages), kind="pdf", warnings=tuple(warnings))


__all__ = ["read_pdf"]
