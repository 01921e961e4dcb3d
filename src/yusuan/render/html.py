"""HTML rendering: the tables-only page and the whole disclosure document.

Both pages are standalone (inline CSS, no scripts, no external resources),
accessible (landmarks, skip link, table captions, ``th`` scopes) and printable
(A4 pages, landscape pages for wide tables, repeated table headers).  They share one
template macro for a table (``templates/_table.html.j2``), so a table looks the same
and carries the same ``data-row``/``data-col`` cell anchors on both pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal, assert_never

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from yusuan.compute.model import Table, Tables
from yusuan.document.model import (
    Block,
    Claim,
    Document,
    Heading,
    Paragraph,
    TableBlock,
    TitleBlock,
    TocBlock,
)
from yusuan.render._grid import indent_target, layout

TEMPLATE_DIR = Path(__file__).parent / "templates"

MAIN_ID = "main"
"""Id of the ``<main>`` element (target of the skip link)."""


@dataclass(frozen=True, slots=True)
class HeadCell:
    text: str
    rowspan: int
    colspan: int
    scope: str


@dataclass(frozen=True, slots=True)
class BodyCell:
    text: str
    rowspan: int
    colspan: int
    css: str
    style: str
    data_row: str | None
    data_col: str | None


@dataclass(frozen=True, slots=True)
class BodyRow:
    css: str
    cells: tuple[BodyCell, ...]


@dataclass(frozen=True, slots=True)
class TableView:
    """A table laid out for the ``budget_table`` macro."""

    anchor: str
    table: Table
    col_widths: tuple[str, ...]
    head: tuple[tuple[HeadCell, ...], ...]
    body: tuple[BodyRow, ...]
    level: int = 2
    """Heading level (``h2``…``h6``) of the table title inside the caption."""
    kind: Literal["table"] = "table"


# ---------------------------------------------------------------------------
# ids


class _Ids:
    """Unique element ids for one page."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.used: set[str] = set(reserved)

    def take(self, base: str) -> str:
        anchor, k = base, 2
        while anchor in self.used:
            anchor, k = f"{base}-{k}", k + 1
        self.used.add(anchor)
        return anchor


def _clean_anchor(anchor: str) -> str:
    """An author-given anchor usable as an id and a URL fragment (no whitespace, ``#``, quotes)."""
    return re.sub(r"[\s#\"'<>`]+", "-", anchor.strip()).strip("-")


def _table_anchor(table: Table, n: int, ids: _Ids) -> str:
    return ids.take("t-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", table.id).strip("-") or str(n)))


# ---------------------------------------------------------------------------
# tables


def _css(kind: str) -> str:
    return "num" if kind == "money" else kind


def _table_view(table: Table, anchor: str, level: int = 2) -> TableView:
    grid = layout(table)
    total = sum(grid.widths) or 1.0
    widths = tuple(f"{w * 100 / total:.2f}%" for w in grid.widths)
    head = tuple(
        tuple(
            HeadCell(s.item or "", s.rowspan, s.colspan, "colgroup" if s.colspan > 1 else "col") for s in line
        )
        for line in grid.header
    )
    rows = []
    for row, slots in zip(table.rows, grid.body, strict=True):
        target = indent_target(row)
        cells = []
        for slot in slots:
            cell = slot.item
            if cell is None:
                cells.append(BodyCell("", 1, 1, _css(grid.kinds[slot.col]), "", None, None))
                continue
            css = "num" if cell.money else _css(grid.kinds[slot.col])
            if isinstance(cell.value, str) and cell.value.isdigit():
                css += " code"  # classification and unit codes never wrap
            style = f"padding-left: {0.4 + row.indent:.1f}em" if cell is target else ""
            cells.append(
                BodyCell(table.display(cell), slot.rowspan, slot.colspan, css, style,
                         cell.row_key or row.key, cell.column)
            )
        rows.append(BodyRow("total" if row.level == "total" else "", tuple(cells)))
    return TableView(anchor, table, widths, head, tuple(rows), max(2, min(level, 6)))


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(tables: Tables, *, title: str, subtitle: str = "") -> str:
    """One self-contained HTML page with a 目录 and every table (no external resources)."""
    ids = _Ids({MAIN_ID, "toc-heading"})
    views = [_table_view(t, _table_anchor(t, n, ids)) for n, t in enumerate(tables.tables, start=1)]
    template = _environment().get_template("tables.html.j2")
    return template.render(title=title, subtitle=subtitle, sections=views, main_id=MAIN_ID)


# ---------------------------------------------------------------------------
# the whole document


@dataclass(frozen=True, slots=True)
class TitleView:
    title: str
    subtitle: str
    date: str
    kind: Literal["title"] = "title"


@dataclass(frozen=True, slots=True)
class TocEntry:
    text: str
    anchor: str
    level: int
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class TocView:
    title: str
    anchor: str
    """Id of the 目录 heading (the nav is labelled by it)."""
    level: int
    entries: tuple[TocEntry, ...]
    kind: Literal["toc"] = "toc"


@dataclass(frozen=True, slots=True)
class HeadingView:
    text: str
    anchor: str
    level: int
    """Level in the document (1 = 部分, 2 = 一、, 3 = （一）): selects the style."""
    tag_level: int
    """Rendered ``h`` level: the document level, raised where it would skip a level."""
    kind: Literal["heading"] = "heading"


@dataclass(frozen=True, slots=True)
class ParagraphView:
    text: str
    style: str
    anchor: str
    claims: str
    """``data-claims`` JSON, empty when the paragraph states no figure."""
    section: str
    kind: Literal["paragraph"] = "paragraph"


BlockView = TitleView | TocView | HeadingView | ParagraphView | TableView


@dataclass(frozen=True, slots=True)
class SectionView:
    orientation: str
    blocks: tuple[BlockView, ...]

    @property
    def tables_only(self) -> bool:
        """A section of annex tables only (printed with narrow page margins)."""
        return all(isinstance(b, TableView) for b in self.blocks)


def claims_json(claims: Iterable[Claim]) -> str:
    """Claims as compact JSON: ``[{"metric", "kind", "value", "text"}, …]``.

    Values are strings, as everywhere in yusuan's JSON: a ``Decimal`` is written exactly
    (``"504.11"``, never a float); direction words stay as they are (``"增加"``).
    """
    out = [
        {
            "metric": c.metric,
            "kind": c.kind,
            "value": f"{c.value:f}" if isinstance(c.value, Decimal) else str(c.value),
            "text": c.text,
        }
        for c in claims
    ]
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def _toc_tree(headings: Sequence[HeadingView]) -> tuple[TocEntry, ...]:
    """Nest 目录 entries by heading level: each entry holds the deeper headings that follow it."""
    entries: list[TocEntry] = []
    i = 0
    while i < len(headings):
        h = headings[i]
        end = i + 1
        while end < len(headings) and headings[end].level > h.level:
            end += 1
        entries.append(TocEntry(h.text, h.anchor, h.level, _toc_tree(headings[i + 1:end])))
        i = end
    return tuple(entries)


class _DocumentBuilder:
    """Turns document blocks into view objects: ids, heading levels and the 目录."""

    def __init__(self, document: Document) -> None:
        headings = [b for b in document.blocks() if isinstance(b, Heading)]
        # author-given anchors win over generated ids (first occurrence keeps the plain anchor)
        self.ids = _Ids({MAIN_ID})
        self.heading_ids: dict[int, str] = {}
        for n, h in enumerate(headings):
            anchor = _clean_anchor(h.anchor)
            if anchor and anchor not in self.ids.used:
                self.ids.used.add(anchor)
                self.heading_ids[n] = anchor
        for n, h in enumerate(headings):
            if n not in self.heading_ids:
                self.heading_ids[n] = self.ids.take(_clean_anchor(h.anchor) or f"h{n + 1}")
        self.heading_count = 0
        self.paragraph_count = 0
        self.table_count = 0
        self.has_title = any(isinstance(b, TitleBlock) for b in document.blocks())
        # without a title block the page shows the document's title as its h1
        self.last_level = 0 if self.has_title else 1
        self.heading_views: list[HeadingView] = []

    def _heading(self, h: Heading) -> HeadingView:
        anchor = self.heading_ids[self.heading_count]
        self.heading_count += 1
        level = max(1, h.level)
        tag_level = max(1, min(level, self.last_level + 1, 6))
        self.last_level = tag_level
        view = HeadingView(h.text, anchor, level, tag_level)
        if h.toc:
            self.heading_views.append(view)
        return view

    def _title(self, t: TitleBlock) -> TitleView:
        self.last_level = 1
        return TitleView(t.title, t.subtitle, t.date)

    def _paragraph(self, p: Paragraph) -> ParagraphView:
        self.paragraph_count += 1
        anchor = self.ids.take(f"p{self.paragraph_count}")
        return ParagraphView(p.text, p.style, anchor, claims_json(p.claims) if p.claims else "", p.section)

    def block(self, block: Block) -> BlockView:
        if isinstance(block, Heading):
            return self._heading(block)
        if isinstance(block, Paragraph):
            return self._paragraph(block)
        if isinstance(block, TableBlock):
            self.table_count += 1
            anchor = _table_anchor(block.table, self.table_count, self.ids)
            return _table_view(block.table, anchor, self.last_level + 1)
        if isinstance(block, TitleBlock):
            return self._title(block)
        if isinstance(block, TocBlock):
            # entries are filled in by finish() once every heading has been seen
            return TocView(block.title, self.ids.take("toc-heading"), max(2, min(self.last_level + 1, 6)), ())
        assert_never(block)

    def finish(self, views: list[BlockView]) -> list[BlockView]:
        entries = _toc_tree(self.heading_views)
        return [
            TocView(v.title, v.anchor, v.level, entries) if isinstance(v, TocView) else v for v in views
        ]


def render_document_html(document: Document) -> str:
    """The whole disclosure (title, 目录, narrative, annex tables) as one standalone HTML page.

    Leading title and 目录 blocks become the page's ``<header>`` and ``<nav>``; every
    document section becomes a ``<section>`` in ``<main>`` that starts a new printed
    page on its orientation's page size.  Paragraphs carry their figures as
    ``data-claims`` JSON (see :func:`claims_json`) and an id (``p1``, ``p2``, … in
    document order), headings their anchors, table cells ``data-row``/``data-col``.
    """
    builder = _DocumentBuilder(document)
    front: list[BlockView] = []
    sections: list[tuple[str, list[BlockView]]] = []
    leading = True
    for section in document.sections:
        views: list[BlockView] = []
        for block in section.blocks:
            view = builder.block(block)
            if leading and isinstance(view, TitleView | TocView):
                front.append(view)
            else:
                leading = False
                views.append(view)
        if views:
            sections.append((section.orientation, views))
    front = builder.finish(front)
    body = [SectionView(o, tuple(builder.finish(v))) for o, v in sections]
    template = _environment().get_template("document.html.j2")
    return template.render(
        document=document,
        titles=[v for v in front if isinstance(v, TitleView)],
        fallback_title="" if builder.has_title else document.title,
        navs=[v for v in front if isinstance(v, TocView)],
        sections=body,
        main_id=MAIN_ID,
    )


__all__ = ["claims_json", "render_document_html", "render_html"]
