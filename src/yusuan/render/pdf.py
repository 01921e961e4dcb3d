"""PDF rendering of a disclosure document (Typst, compiled in-process by the ``typst`` package).

The :class:`~yusuan.document.model.Document` becomes one Typst source: the
:data:`~yusuan.render.typst_markup.PREAMBLE` (page styles, fonts, heading and table
functions) followed by one call per block, every text passed as a string literal.

Layout follows the usual style of official documents: A4, a centred 小标宋-like
title, 黑体 第X部分 and level-2 headings, 楷体 level-3 headings, 仿宋 三号 body with a
two-character first-line indent, page numbers “— 3 —” centred in the footer,
portrait narrative and landscape wide tables (per :class:`Section`).  A title
followed by a 目录 becomes a cover page, the 目录 gets its own pages and the page
numbers start at 1 after it.

Fonts: the system fonts, plus the directories listed in ``YUSUAN_FONT_DIR``
(``os.pathsep``-separated).  Fonts are looked up once per process.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.document.model import Block, Document, Heading, Paragraph, Section, TableBlock, TitleBlock, TocBlock
from yusuan.render import typst_markup as tm
from yusuan.render.pdf_table import balanced, table_expr

if TYPE_CHECKING:
    import typst

MM = 72 / 25.4
PORTRAIT_WIDTH = (210 - 28 - 26) * MM
"""Text width of portrait pages in pt (margins 28 mm / 26 mm)."""
LANDSCAPE_WIDTH = (297 - 20 - 20) * MM
TITLE_SIZE = 22.0
"""Document title (二号), pt."""
PART_SIZE = 18.0
"""Level-1 headings and table titles (小二), pt."""
TOC_SHEETS_LIMIT = 10
"""Per-item tables (id ``<table>:<item>``) get 目录 entries only when there are at most this many."""


CJK_FAMILIES = frozenset((*tm.FANGSONG, *tm.SONG, *tm.HEI, *tm.KAI, *tm.BIAOSONG))


class PdfFontError(RuntimeError):
    """No CJK font is available to Typst."""


@dataclass(frozen=True, slots=True)
class PdfOptions:
    toc_tables: bool = True
    """List the annex tables in the 目录 (under the heading before them)."""
    font_dirs: tuple[str, ...] = ()
    """Extra font directories (in addition to ``YUSUAN_FONT_DIR``)."""


def font_dirs() -> tuple[str, ...]:
    """Font directories from ``YUSUAN_FONT_DIR`` (existing ones only)."""
    raw = os.environ.get("YUSUAN_FONT_DIR", "")
    return tuple(p for p in raw.split(os.pathsep) if p and Path(p).is_dir())


def load_fonts(dirs: Sequence[str] = (), *, system_fonts: bool = True) -> typst.Fonts:
    """The fonts Typst may use: system fonts (unless ``system_fonts`` is false) and ``dirs``.

    Raises :class:`PdfFontError` when none of them is a CJK font of the stacks.
    """
    import typst

    fonts = typst.Fonts(include_system_fonts=system_fonts, include_embedded_fonts=True, font_paths=list(dirs))
    families = set(fonts.families())
    if not families & CJK_FAMILIES:
        raise PdfFontError(
            "找不到中文字体，无法生成 PDF：请安装仿宋、宋体、黑体等字体或 Noto CJK 字体"
            "（Debian/Ubuntu：apt install fonts-noto-cjk），或用环境变量 YUSUAN_FONT_DIR 指定字体目录。"
        )
    return fonts


@lru_cache(maxsize=8)
def _compiler(dirs: tuple[str, ...]) -> typst.Compiler:
    import typst

    return typst.Compiler(font_paths=load_fonts(dirs))


_EVICT_AGE = 10
"""The typst package keeps memoized results of the last 10 compilations (``comemo::evict(10)``)."""
_compiled_before = False
"""Whether this process compiled a document before (then its memoized layout is released first)."""


def _release_previous(compiler: typst.Compiler) -> None:
    """Let Typst drop what it memoized for the previous document.

    After each compilation the typst package evicts cache entries unused in the
    last ten compilations, so a batch keeps about ten documents' layouts in memory
    (hundreds of MB for long disclosures).  Ten empty compilations age them out;
    they take microseconds, plus the time to free the memory.
    """
    for _ in range(_EVICT_AGE + 1):
        compiler.compile(b"", format="svg")


def _table_sheet_groups(document: Document) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in document.tables():
        if ":" in table.id:
            base = table.id.split(":", 1)[0]
            counts[base] = counts.get(base, 0) + 1
    return counts


def _carry_trailing_headings(sections: Sequence[Section]) -> list[Section]:
    """Move headings that end a section to the start of the next one (a heading never ends a page)."""
    out: list[Section] = []
    carry: tuple[Block, ...] = ()
    for n, section in enumerate(sections):
        blocks = (*carry, *section.blocks)
        carry = ()
        if n + 1 < len(sections):
            cut = len(blocks)
            while cut > 0 and isinstance(blocks[cut - 1], Heading):
                cut -= 1
            if cut > 0:  # keep a section that holds nothing but headings
                blocks, carry = blocks[:cut], blocks[cut:]
        out.append(Section(blocks, section.orientation))
    return out


class _Writer:
    def __init__(self, document: Document, options: PdfOptions) -> None:
        self.document = document
        self.options = options
        self.out: list[str] = []
        self.level = 1
        self.sheet_groups = _table_sheet_groups(document)
        self.numbered = False
        self.first_page = True

    # -- pages ---------------------------------------------------------------------------------

    def page(self, orientation: str, *, numbered: bool) -> None:
        """Start a page run: every section begins on a new page; body pages are numbered from 1."""
        geometry = "landscape" if orientation == "landscape" else "portrait"
        footer = "yfooter" if numbered else "none"
        numbering = '"1"' if numbered else "none"
        if not self.first_page:
            self.out.append("#pagebreak(weak: true)")
        self.out.append(f"#set page(..{geometry}, footer: {footer}, numbering: {numbering})")
        if numbered and not self.numbered:
            self.out.append("#counter(page).update(1)")
            self.numbered = True
        self.first_page = False

    # -- blocks --------------------------------------------------------------------------------

    def balanced(self, text: str, size: float, width: float) -> str:
        return balanced(text, width / size * 0.98, (self.document.department,))

    def heading(self, block: Heading, width: float) -> None:
        level = min(max(block.level, 1), 4)
        self.level = level
        outlined = "true" if block.toc else "false"
        if level == 1:
            shown = self.balanced(block.text, PART_SIZE, width)
            self.out.append(f"#ypart({tm.string(block.text)}, {tm.text(shown)}, {outlined})")
            return
        self.out.append(f"#heading(level: {level}, outlined: {outlined}, bookmarked: true, {tm.text(block.text)})")

    def paragraph(self, block: Paragraph) -> None:
        self.out.append(f"#yp({tm.string(block.style)}, {tm.text(block.text)})")

    def table(self, block: TableBlock, width: float) -> None:
        table = block.table
        full = table.full_title or table.title
        outlined = self.options.toc_tables
        if ":" in table.id and self.sheet_groups.get(table.id.split(":", 1)[0], 0) > TOC_SHEETS_LIMIT:
            outlined = False
        level = min(self.level + 1, 4)
        expr, size = table_expr(table, width)
        after = [table.empty_statement] if table.is_empty and table.empty_statement else []
        after.extend(table.notes)
        self.out.append(
            "#ytable("
            + ", ".join([
                tm.string(table.code), tm.text(self.balanced(table.title, PART_SIZE, width)),
                tm.text(table.org_label), tm.text(table.unit_label),
                tm.string(full) if full else "none", str(level), "true" if outlined else "false", tm.pt(size),
                tm.pt(PART_SIZE),
            ])
            + ",\n" + expr + ",\n" + tm.array(tm.text(p) for p in after) + ")"
        )

    def title(self, block: TitleBlock, *, cover: bool) -> None:
        shown = self.balanced(block.title, TITLE_SIZE, PORTRAIT_WIDTH)
        self.out.append(
            f"#ytitle({tm.text(shown)}, {tm.text(block.subtitle)}, {tm.text(block.date)}, "
            f"{'true' if cover else 'false'})"
        )

    def toc(self, block: TocBlock) -> None:
        self.out.append(f"#ytoc({tm.text(block.title)})")

    # -- sections ------------------------------------------------------------------------------

    def section(self, section: Section) -> None:
        width = LANDSCAPE_WIDTH if section.orientation == "landscape" else PORTRAIT_WIDTH
        blocks = list(section.blocks)
        # front matter: a title directly followed by the 目录 is a cover page; the 目录 has pages of its own
        front: list[Block] = []
        while blocks and isinstance(blocks[0], TitleBlock | TocBlock) and not self.numbered and any(
            isinstance(b, TocBlock) for b in blocks
        ):
            front.append(blocks.pop(0))
        if front:
            self.page("portrait", numbered=False)
            for i, block in enumerate(front):
                if isinstance(block, TitleBlock):
                    cover = i + 1 < len(front) and isinstance(front[i + 1], TocBlock)
                    self.title(block, cover=cover)
                    if cover:
                        self.out.append("#pagebreak()")
                elif isinstance(block, TocBlock):
                    self.toc(block)
            if not blocks:
                return
        self.page(section.orientation, numbered=True)
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block, width)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, TableBlock):
                self.table(block, width)
            elif isinstance(block, TitleBlock):
                self.title(block, cover=False)
            elif isinstance(block, TocBlock):
                self.toc(block)

    def write(self) -> str:
        doc = self.document
        keywords = [k for k in (doc.department, f"{doc.year}年" if doc.year else "", "部门预算") if k]
        fonts = tm.font_stacks()
        self.out.append(tm.preamble(
            title=doc.meta.get("title", doc.title), author=doc.meta.get("author", doc.department or "yusuan"),
            keywords=keywords, fonts=fonts,
        ))
        for section in _carry_trailing_headings([s for s in doc.sections if s.blocks]):
            self.section(section)
        self.out.append("")
        return "\n".join(self.out)


def document_markup(document: Document, options: PdfOptions | None = None) -> str:
    """The complete Typst source for ``document``."""
    return _Writer(document, options or PdfOptions()).write()


def _timestamp() -> int | None:
    """``SOURCE_DATE_EPOCH`` (reproducible builds: the same input gives the same bytes), else now."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(raw) if raw.isdigit() else None


def compile_markup(source: str, *, extra_font_dirs: Sequence[str] = ()) -> bytes:
    """Compile Typst source to PDF bytes (fonts from the system and ``YUSUAN_FONT_DIR``)."""
    global _compiled_before
    compiler = _compiler((*font_dirs(), *extra_font_dirs))
    if _compiled_before:
        _release_previous(compiler)
    _compiled_before = True
    stamp = _timestamp()
    if stamp is None:
        result = compiler.compile(source.encode("utf-8"), format="pdf")
    else:
        result = compiler.compile(source.encode("utf-8"), format="pdf", timestamp=stamp)
    if not isinstance(result, bytes):  # pragma: no cover - the typst package returns one PDF
        raise TypeError("typst returned no PDF")
    return result


def pdf_bytes(document: Document, options: PdfOptions | None = None) -> bytes:
    """The PDF of ``document``."""
    options = options or PdfOptions()
    return compile_markup(document_markup(document, options), extra_font_dirs=options.font_dirs)


def render_pdf(document: Document, path: Path, options: PdfOptions | None = None) -> None:
    """Write the PDF of ``document`` to ``path``."""
    path.write_bytes(pdf_bytes(document, options))


__all__ = [
    "PdfFontError", "PdfOptions", "compile_markup", "document_markup", "font_dirs", "load_fonts", "pdf_bytes",
    "render_pdf",
]
