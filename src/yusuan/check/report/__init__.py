"""Check reports: terminal (rich), JSON (stable schema), HTML (the document annotated for a reviewer), XLSX."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from yusuan.check.engine import Report
from yusuan.check.report.html import render_report_html, write_report_html
from yusuan.check.report.json import FORMAT, report_data, report_json, write_report_json
from yusuan.check.report.terminal import print_report
from yusuan.check.report.xlsx import write_report_xlsx
from yusuan.document.model import Document

REPORT_FORMATS = ("terminal", "json", "html", "xlsx")
"""Report formats: ``terminal`` is printed; the others are files."""
SUFFIXES = {"json": ".json", "html": ".html", "xlsx": ".xlsx"}


def write_reports(report: Report, document: Document, out_dir: Path, stem: str,
                  formats: Iterable[str]) -> dict[str, Path]:
    """Write the file formats among ``formats`` as ``out_dir/<stem>.<suffix>``; returns format → path."""
    written: dict[str, Path] = {}
    wanted = [f for f in formats if f in SUFFIXES]
    if wanted:
        out_dir.mkdir(parents=True, exist_ok=True)
    for fmt in wanted:
        path = out_dir / f"{stem}{SUFFIXES[fmt]}"
        if fmt == "json":
            write_report_json(report, path)
        elif fmt == "html":
            write_report_html(report, document, path)
        else:
            write_report_xlsx(report, path)
        written[fmt] = path
    return written


__all__ = [
    "FORMAT",
    "REPORT_FORMATS",
    "print_report",
    "render_report_html",
    "report_data",
    "report_json",
    "write_report_html",
    "write_report_json",
    "write_report_xlsx",
    "write_reports",
]
