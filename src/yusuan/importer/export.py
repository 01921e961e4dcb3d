"""The data extracted from an imported disclosure, as files: JSON (tables, narrative, metadata) and XLSX.

The JSON tables have the shape of ``yusuan build``'s JSON tables (:func:`yusuan.render.data.table_data`)
plus the pages they were printed on; the narrative paragraphs carry the figures they state (claims) and
their page; ``notices`` lists what the reader and recognition could not do.  Schema: ``docs/import.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from yusuan.compute.model import Table, Tables
from yusuan.document.model import Claim, Document, Heading, Paragraph
from yusuan.importer.model import RawDocument
from yusuan.render.data import JSON_FORMAT, table_data, write_json

DATA_FORMATS = ("json", "xlsx")
"""Formats of the extracted data (``yusuan import --data``)."""


def _claim(claim: Claim) -> dict[str, str]:
    return {"metric": claim.metric, "kind": claim.kind, "value": str(claim.value), "text": claim.text}


def _narrative(document: Document, pages: Mapping[int, int]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    number = 0
    section: str | None = None
    for block in document.blocks():
        if isinstance(block, Heading):
            section = block.text
            items.append({"heading": block.text, "level": block.level})
        elif isinstance(block, Paragraph):
            number += 1
            items.append({"paragraph": number, "section": section, "text": block.text,
                          "page": pages.get(number), "claims": [_claim(c) for c in block.claims]})
    return items


def imported_data(document: Document, raw: RawDocument, *, table_pages: Mapping[str, int],
                  paragraph_page: Mapping[int, int], notices: Sequence[str],
                  department: str, year: int) -> dict[str, Any]:
    """Everything extracted from one disclosure, as JSON-ready data."""
    from yusuan import __version__

    raw_pages = {t.title: list(t.pages) for t in raw.tables()}
    tables = []
    for table in document.tables():
        data = table_data(table)
        data["page"] = table_pages.get(table.id)
        data["pages"] = raw_pages.get(table.title, [data["page"]] if data["page"] else [])
        tables.append(data)
    return {
        "yusuan": {"version": __version__, "format": JSON_FORMAT},
        "import": {
            "file": raw.source, "kind": raw.kind, "pages": raw.pages,
            "department": department, "year": year, "unit": document.money_unit,
            "tables_found": len(raw.tables()), "tables_recognised": len(tables),
        },
        "tables": tables,
        "narrative": _narrative(document, paragraph_page),
        "notices": list(notices),
    }


def write_data(data: Mapping[str, Any], tables: Iterable[Table], out_dir: Path, stem: str,
               formats: Iterable[str], *, title: str) -> dict[str, Path]:
    """Write the extracted data as ``out_dir/<stem>.json`` and/or ``<stem>.xlsx``; returns format → path."""
    written: dict[str, Path] = {}
    wanted = [f for f in formats if f in DATA_FORMATS]
    if wanted:
        out_dir.mkdir(parents=True, exist_ok=True)
    for fmt in wanted:
        path = out_dir / f"{stem}.{fmt}"
        if fmt == "json":
            write_json(dict(data), path)
        else:
            from yusuan.render.xlsx import write_xlsx

            write_xlsx(Tables(tuple(tables)), path, title=title)
        written[fmt] = path
    return written


__all__ = ["DATA_FORMATS", "imported_data", "write_data"]
