"""Renderers: draw computed tables as XLSX workbooks and HTML pages.

The heavy libraries (XlsxWriter, Jinja2) are imported only when a renderer is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yusuan.render.html import render_html
    from yusuan.render.xlsx import write_xlsx

__all__ = ["render_html", "write_xlsx"]


def __getattr__(name: str) -> Any:
    if name == "write_xlsx":
        from yusuan.render.xlsx import write_xlsx

        return write_xlsx
    if name == "render_html":
        from yusuan.render.html import render_html

        return render_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
