"""Page previews: render PDF pages to PNG images (pypdfium2 + Pillow, no poppler)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _pdfium() -> Any:
    import pypdfium2  # type: ignore[import-untyped]

    return pypdfium2


def page_count(pdf: Path) -> int:
    pdfium = _pdfium()
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _select(pages: Iterable[int] | None, total: int) -> list[int]:
    """1-based page numbers to render, in the order given (all pages when ``None``)."""
    if pages is None:
        return list(range(1, total + 1))
    chosen = list(pages)
    bad = [p for p in chosen if not 1 <= p <= total]
    if bad:
        raise ValueError(f"页码超出范围（共 {total} 页）：{', '.join(map(str, bad))}")
    return chosen


def preview_pages(pdf: Path, out_dir: Path, *, dpi: int = 80, pages: list[int] | None = None) -> list[Path]:
    """Render pages of ``pdf`` (1-based ``pages``, default all) to ``out_dir/<stem>-p<NNN>.png``.

    Returns the written paths in page order.  An A4 portrait page at ``dpi`` is
    ``round(8.27 * dpi)`` × ``round(11.69 * dpi)`` pixels; landscape pages are wider than tall.
    """
    pdfium = _pdfium()

    if dpi <= 0:
        raise ValueError("dpi 必须为正数")
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        total = len(doc)
        digits = max(3, len(str(total)))
        written: list[Path] = []
        for number in _select(pages, total):
            page = doc[number - 1]
            try:
                bitmap = page.render(scale=dpi / 72, may_draw_forms=True)
                image = bitmap.to_pil().convert("RGB")
            finally:
                page.close()
            path = out_dir / f"{pdf.stem}-p{number:0{digits}d}.png"
            image.save(path, format="PNG", optimize=False)
            written.append(path)
        return written
    finally:
        doc.close()


__all__ = ["page_count", "preview_pages"]
