"""From what a reader extracted to the checker's view: ``RawDocument`` → ``Document`` → ``CheckContext``.

:func:`document_from_raw` lays the narrative out as headings and paragraphs (each paragraph with the
figures it states, :mod:`yusuan.importer.claims`) and recognises every table
(:mod:`yusuan.importer.recognize`); :func:`audit_context` wraps the result as an ``imported`` check view
(no line items, key figures or template pack: the rules that need them do not apply), with the page of
every table; :func:`audit` runs the checker and gives every issue the page it points to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType

from yusuan.catalog.loader import load_catalog
from yusuan.check import DEFAULT_TOLERANCE, CheckContext, Report, Selection, run_checks
from yusuan.document.model import Block, Document, Heading, Paragraph, Section, TableBlock, TitleBlock
from yusuan.importer.cells import clean, norm
from yusuan.importer.claims import paragraph_claims
from yusuan.importer.metadata import Metadata, read_metadata
from yusuan.importer.model import RawDocument
from yusuan.importer.outline import Item, outline
from yusuan.importer.recognize import Setting, TableNumbering, join_continued, recognize_table
from yusuan.importer.recognize_common import RAW_KIND


@dataclass(frozen=True)
class ImportNotes:
    """What recognition found out besides the document: pages, metadata, and what it could not do."""

    notices: tuple[str, ...]
    """Import notices in Chinese (tables kept raw, columns or rows not recognised, units assumed …)."""
    pages: Mapping[str, int] = field(default_factory=dict)
    """Table id → the page it starts on (the first table of an id)."""
    paragraph_pages: Mapping[int, int] = field(default_factory=dict)
    """Paragraph number (1-based, as issue locations count them) → page."""
    heading_pages: Mapping[str, int] = field(default_factory=dict)
    """Heading text → page."""
    metadata: Metadata | None = None
    unrecognised_tables: int = 0


def _cover(items: list[Item]) -> tuple[list[str], list[Item]]:
    """Short lines printed before the first heading (the cover title), and the rest."""
    printed = [i.text for i in items if i.kind == "cover"]
    if printed:
        return printed, [i for i in items if i.kind != "cover"]
    cover: list[str] = []
    n = 0
    while n < len(items) and items[n].kind == "paragraph" and len(norm(items[n].text)) <= 40 \
            and "。" not in items[n].text:
        cover.append(items[n].text)
        n += 1
    if n < len(items) and items[n].kind == "table" and cover:
        return [], items
    return cover, items[n:]


def document_from_raw(raw: RawDocument) -> tuple[Document, ImportNotes]:
    """The document a published disclosure prints, with its tables recognised and its figures claimed."""
    items = outline(raw)
    cover, items = _cover(items)
    tables = join_continued([i.table for i in items if i.table is not None])
    meta = read_metadata(items, tables, cover)
    setting = Setting(meta.department, meta.year)
    notices: list[str] = list(raw.warnings)
    blocks: list[Block] = []
    if cover and meta.title == clean("".join(cover)):
        blocks.append(TitleBlock(meta.title))
    pages: dict[str, int] = {}
    paragraph_pages: dict[int, int] = {}
    heading_pages: dict[str, int] = {}
    counter = TableNumbering()
    joined = iter(tables)
    pending = next(joined, None)
    unrecognised = 0
    number = 0
    for item in items:
        if item.kind == "heading":
            blocks.append(Heading(item.text, item.level))
            if item.page is not None:
                heading_pages.setdefault(item.text, item.page)
        elif item.kind == "paragraph":
            number += 1
            claims = paragraph_claims(item.text, item.section, meta.unit)
            blocks.append(Paragraph(item.text, claims=claims, section=item.section))
            if item.page is not None:
                paragraph_pages[number] = item.page
        elif item.table is not None and pending is not None and item.table.title == pending.title and (
                not pending.pages or not item.table.pages or item.table.pages[0] == pending.pages[0]):
            recognized = recognize_table(pending, setting, counter)
            table = recognized.table
            blocks.append(TableBlock(table))
            notices.extend(recognized.notices)
            if table.kind == RAW_KIND:
                unrecognised += 1
            if recognized.page is not None:
                pages.setdefault(table.id, recognized.page)
            pending = next(joined, None)
    notices += _part_only(blocks)
    document = Document(
        title=meta.title, sections=(Section(tuple(blocks)),), department=meta.department, year=meta.year,
        money_unit=meta.unit.value,
        meta={"origin": "imported", "source": raw.source, "notices": "\n".join(dict.fromkeys(notices))},
    )
    notes = ImportNotes(tuple(dict.fromkeys(notices)), MappingProxyType(pages), MappingProxyType(paragraph_pages),
                        MappingProxyType(heading_pages), meta, unrecognised)
    return document, notes


NARRATIVE_ONLY = ("本文件只有情况说明，没有预算表（预算表可能另行公布）：未检查表格是否齐全，"
                  "也未将说明中的数字与表格核对")
TABLES_ONLY = "本文件只有预算表，没有情况说明（说明可能另行公布）：未检查情况说明是否齐全"


def _part_only(blocks: list[Block]) -> list[str]:
    """The notice for a file that holds only one part of a disclosure (江苏: 说明 and 公开表 as two PDFs)."""
    tables = any(isinstance(b, TableBlock) for b in blocks)
    narrative = any(isinstance(b, Heading | Paragraph) for b in blocks)
    if tables and not narrative:
        return [TABLES_ONLY]
    if narrative and not tables:
        return [NARRATIVE_ONLY]
    return []


def context_of(document: Document, notes: ImportNotes, *, tolerance: Decimal = DEFAULT_TOLERANCE,
               with_catalog: bool = True) -> CheckContext:
    catalog = load_catalog(document.year or None) if with_catalog and document.year else None
    return CheckContext(document=document, year=document.year, department=document.department, budget=None,
                        summary=None, catalog=catalog, pack=None, tolerance=tolerance, pages=notes.pages,
                        origin="imported")


def audit_context(raw: RawDocument, *, tolerance: Decimal = DEFAULT_TOLERANCE) -> CheckContext:
    """The checker's view of a published disclosure."""
    document, notes = document_from_raw(raw)
    return context_of(document, notes, tolerance=tolerance)


def with_pages(report: Report, notes: ImportNotes) -> Report:
    """Every issue with the page it points to: its table's page, its paragraph's or its heading's."""
    issues = []
    for issue in report.issues:
        where = issue.location
        if where.page is None:
            page = None
            if where.paragraph is not None:
                page = notes.paragraph_pages.get(where.paragraph)
            elif where.table_id is not None:
                page = notes.pages.get(where.table_id)
            elif where.section is not None:
                page = notes.heading_pages.get(where.section)
            if page is not None:
                issue = replace(issue, location=replace(where, page=page))
        issues.append(issue)
    return replace(report, issues=tuple(issues),
                   meta={**report.meta, "import_notices": str(len(notes.notices))})


def audit(raw: RawDocument, selection: Selection | None = None, *,
          tolerance: Decimal = DEFAULT_TOLERANCE) -> Report:
    """The audit report of a published disclosure: every selected rule, issues with their pages."""
    document, notes = document_from_raw(raw)
    ctx = context_of(document, notes, tolerance=tolerance)
    return with_pages(run_checks(ctx, selection), notes)
