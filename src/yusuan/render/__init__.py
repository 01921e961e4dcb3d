"""Renderers: draw the document (PDF, DOCX, HTML), the annex tables (XLSX) and the data (JSON).

Renderers never compute or word anything.  The heavy libraries (typst, python-docx,
XlsxWriter, Jinja2) are imported only when a renderer is used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yusuan.render.docx import render_docx
    from yusuan.render.html import render_document_html, render_html
    from yusuan.render.pdf import pdf_bytes, render_pdf
    from yusuan.render.preview import preview_pages
    from yusuan.render.xlsx import write_xlsx

_WHERE = {
    "render_pdf": "pdf",
    "pdf_bytes": "pdf",
    "render_docx": "docx",
    "render_html": "html",
    "render_document_html": "html",
    "write_xlsx": "xlsx",
    "preview_pages": "preview",
}

__all__ = [
    "pdf_bytes",
    "preview_pages",
    "render_document_html",
    "render_docx",
    "render_html",
    "render_pdf",
    "write_xlsx",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"yusuan.render.{module}"), name)
