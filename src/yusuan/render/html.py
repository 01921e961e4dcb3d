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
from markupsafe import Markup

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
UNPLACED_ID = "notes-unplaced-h"
"""Id of the heading of the notes whose target is not on the page."""


# ---------------------------------------------------------------------------
# notes pinned to the page (e.g. the checker's issues)


@dataclass(frozen=True, slots=True)
class Note:
    """A note pinned to a table cell, a table, a paragraph or a heading of the document page.

    The page shows a badge (``label``, with ``text`` as its tooltip) at the target and the
    note in a footnote list next to it; the badge has the id ``anchor`` and links to the
    footnote (``<anchor>-note``).  A note whose target is not on the page is listed in a
    section of its own at the top of ``<main>`` (its list item has the id ``anchor``).
    """

    anchor: str
    label: str
    text: str
    kind: str = ""
    """CSS class of the badge, footnote and marked target (e.g. ``error``)."""
    detail: str = ""
    """Further text of the footnote (figures, hint)."""
    table: str | None = None
    """Table id; with ``row`` and ``column`` the cell (``data-row``/``data-col``), with ``row`` alone the row."""
    row: str | None = None
    column: str | None = None
    paragraph: int | None = None
    """1-based paragraph number (the ``p<N>`` anchor)."""
    sentence: str | None = None
    """Part of the paragraph's text to mark."""
    heading: str | None = None
    """Text of the heading the note concerns (when it names no paragraph or table)."""


@dataclass(frozen=True, slots=True)
class Annotations:
    """Notes and page additions for :func:`render_document_html`."""

    notes: Sequence[Note] = ()
    css: str = ""
    """Extra CSS for the page (styles for the notes' kinds)."""
    header: str = ""
    """Trusted HTML shown at the top of the page (e.g. a report summary)."""
    unplaced_title: str = "其他问题"
    """Heading of the list of notes whose target is not on the page."""
    page_title: str = ""
    """The page's ``<title>`` (default: the document's title)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a paragraph's text; marked pieces carry the kind and anchor of their note."""

    text: str
    kind: str = ""
    anchor: str = ""


class _NoteIndex:
    """Where each note goes; records which notes were placed."""

    def __init__(self, notes: Sequence[Note]) -> None:
        self.cells: dict[tuple[str, str, str], list[Note]] = {}
        self.rows: dict[tuple[str, str], list[Note]] = {}
        self.tables: dict[str, list[Note]] = {}
        self.paragraphs: dict[int, list[Note]] = {}
        self.headings: dict[str, list[Note]] = {}
        self.order = {n.anchor: k for k, n in enumerate(notes)}
        self.placed: set[str] = set()
        self.notes = tuple(notes)
        for note in notes:
            if note.paragraph is not None:
                self.paragraphs.setdefault(note.paragraph, []).append(note)
            elif note.table is not None:
                self.tables.setdefault(note.table, []).append(note)
                if note.row is not None and note.column is not None:
                    self.cells.setdefault((note.table, note.row, note.column), []).append(note)
                elif note.row is not None:
                    self.rows.setdefault((note.table, note.row), []).append(note)
            elif note.heading:
                self.headings.setdefault(note.heading, []).append(note)

    def take(self, candidates: Iterable[Note]) -> tuple[Note, ...]:
        """The candidates not yet placed (now placed), in the notes' order."""
        taken = [n for n in candidates if n.anchor not in self.placed]
        self.placed.update(n.anchor for n in taken)
        return tuple(sorted(taken, key=lambda n: self.order[n.anchor]))

    def unplaced(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.anchor not in self.placed)


def _segments(text: str, notes: Sequence[Note]) -> tuple[Segment, ...]:
    """``text`` cut so that each note's sentence (first occurrence, no overlaps) is a marked segment."""
    spans: list[tuple[int, int, Note]] = []
    for note in notes:
        sentence = note.sentence
        if not sentence or sentence == text:
            continue
        start = text.find(sentence)
        if start < 0 or any(start < e and s < start + len(sentence) for s, e, _ in spans):
            continue
        spans.append((start, start + len(sentence), note))
    if not spans:
        return ()
    out: list[Segment] = []
    pos = 0
    for start, end, note in sorted(spans, key=lambda s: s[0]):
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], note.kind or "marked", note.anchor))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return tuple(out)


# ---------------------------------------------------------------------------
# table views


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
    notes: tuple[Note, ...] = ()


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
    title_notes: tuple[Note, ...] = ()
    """Notes on the table as a whole (badges next to its title)."""
    notes: tuple[Note, ...] = ()
    """Every note placed in this table, for the footnote list below it."""


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


def _table_view(table: Table, anchor: str, level: int = 2, notes: _NoteIndex | None = None) -> TableView:
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
    if notes is not None and table.id in notes.tables:
        return _annotated_table_view(table, anchor, widths, head, rows, max(2, min(level, 6)), notes)
    return TableView(anchor, table, widths, head, tuple(rows), max(2, min(level, 6)))


def _annotated_table_view(table: Table, anchor: str, widths: tuple[str, ...],
                          head: tuple[tuple[HeadCell, ...], ...], rows: list[BodyRow], level: int,
                          notes: _NoteIndex) -> TableView:
    """The table with its notes: on their cell, on the first cell of their row, or next to the title."""
    placed: list[Note] = []
    annotated: list[BodyRow] = []
    for body_row in rows:
        cells = []
        for c in body_row.cells:
            if c.data_row is not None:
                here = notes.take([*notes.cells.get((table.id, c.data_row, c.data_col or ""), ()),
                                   *notes.rows.get((table.id, c.data_row), ())])
                if here:
                    c = BodyCell(c.text, c.rowspan, c.colspan, f"{c.css} noted {here[0].kind}".rstrip(), c.style,
                                 c.data_row, c.data_col, here)
                    placed.extend(here)
            cells.append(c)
        annotated.append(BodyRow(body_row.css, tuple(cells)))
    title_notes = notes.take(notes.tables.get(table.id, ()))
    every = tuple(sorted([*placed, *title_notes], key=lambda n: notes.order[n.anchor]))
    return TableView(anchor, table, widths, head, tuple(annotated), level, title_notes=title_notes, notes=every)


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
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class ParagraphView:
    text: str
    style: str
    anchor: str
    claims: str
    """``data-claims`` JSON, empty when the paragraph states no figure."""
    section: str
    kind: Literal["paragraph"] = "paragraph"
    notes: tuple[Note, ...] = ()
    segments: tuple[Segment, ...] = ()
    """The text cut into marked and unmarked pieces (empty: print ``text`` as it is)."""


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

    def __init__(self, document: Document, notes: _NoteIndex | None = None) -> None:
        headings = [b for b in document.blocks() if isinstance(b, Heading)]
        self.notes = notes
        # author-given anchors win over generated ids (first occurrence keeps the plain anchor)
        self.ids = _Ids({MAIN_ID})
        if notes is not None:
            self.ids.used.update(a for n in notes.notes for a in (n.anchor, f"{n.anchor}-note"))
            self.ids.used.add(UNPLACED_ID)
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
        if self.notes is not None and h.text in self.notes.headings:
            view = HeadingView(h.text, anchor, level, tag_level, notes=self.notes.take(self.notes.headings[h.text]))
        if h.toc:
            self.heading_views.append(view)
        return view

    def _title(self, t: TitleBlock) -> TitleView:
        self.last_level = 1
        return TitleView(t.title, t.subtitle, t.date)

    def _paragraph(self, p: Paragraph) -> ParagraphView:
        self.paragraph_count += 1
        anchor = self.ids.take(f"p{self.paragraph_count}")
        claims = claims_json(p.claims) if p.claims else ""
        if self.notes is not None and self.paragraph_count in self.notes.paragraphs:
            here = self.notes.take(self.notes.paragraphs[self.paragraph_count])
            return ParagraphView(p.text, p.style, anchor, claims, p.section, notes=here,
                                 segments=_segments(p.text, here))
        return ParagraphView(p.text, p.style, anchor, claims, p.section)

    def block(self, block: Block) -> BlockView:
        if isinstance(block, Heading):
            return self._heading(block)
        if isinstance(block, Paragraph):
            return self._paragraph(block)
        if isinstance(block, TableBlock):
            self.table_count += 1
            anchor = _table_anchor(block.table, self.table_count, self.ids)
            return _table_view(block.table, anchor, self.last_level + 1, self.notes)
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


def render_document_html(document: Document, *, annotations: Annotations | None = None) -> str:
    """The whole disclosure (title, 目录, narrative, annex tables) as one standalone HTML page.

    Leading title and 目录 blocks become the page's ``<header>`` and ``<nav>``; every
    document section becomes a ``<section>`` in ``<main>`` that starts a new printed
    page on its orientation's page size.  Paragraphs carry their figures as
    ``data-claims`` JSON (see :func:`claims_json`) and an id (``p1``, ``p2``, … in
    document order), headings their anchors, table cells ``data-row``/``data-col``.

    ``annotations`` pins notes (e.g. the checker's issues) to cells, tables, paragraphs
    and headings, and adds CSS and a header to the page; see :class:`Note`.  Without it
    the page is exactly the published document.
    """
    notes = _NoteIndex(annotations.notes) if annotations is not None else None
    builder = _DocumentBuilder(document, notes)
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
        annotations=annotations,
        annotation_css=Markup(annotations.css) if annotations is not None else "",
        annotation_header=Markup(annotations.header) if annotations is not None else "",
        unplaced=notes.unplaced() if notes is not None else (),
        unplaced_id=UNPLACED_ID,
    )


__all__ = ["Annotations", "Note", "claims_json", "render_document_html", "render_html"]
