"""What the readers of published disclosures produce, before recognition.

A reader (PDF or extracted text) turns a file into a :class:`RawDocument`: the
narrative as paragraphs and every table as a grid of strings with its header rows,
each with the page it was found on.  Recognition (``recognize.py``) then maps the
grids onto the model's table kinds and columns, parses the amounts and extracts the
figures of the narrative, producing the same :class:`~yusuan.document.model.Document`
that a compiled budget produces, so that the checker runs on both.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawCell:
    """A header cell as printed, with its span over leaf columns and header rows."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class RawTable:
    """One table as printed (possibly over several pages), as text."""

    title: str
    """Title as printed, e.g. ``2024年部门收支总体情况表`` (year included, number excluded)."""
    number: str | None = None
    """Printed number, e.g. ``预算01表`` / ``公开01表`` / ``表一``; None when not printed."""
    unit: str | None = None
    """Money unit from the table's 单位 line: ``万元`` or ``元`` (None when not printed)."""
    org: str | None = None
    """The 部门名称/单位 line as printed (e.g. ``部门名称：本级``)."""
    header: tuple[tuple[RawCell, ...], ...] = ()
    """Header rows, top to bottom; cells left to right with spans (HTML-style: covered cells absent)."""
    columns: tuple[tuple[str, ...], ...] = ()
    """The header path of every leaf column (top → bottom), e.g. ``("基本支出", "人员经费", "工资福利支出")``."""
    rows: tuple[tuple[str, ...], ...] = ()
    """Body rows; each has exactly ``len(columns)`` cells of text (empty string for a blank cell)."""
    pages: tuple[int, ...] = ()
    """1-based pages the table spans."""
    notes: tuple[str, ...] = ()
    """Lines printed under the table (注：…, 备注：…, the empty-table statement)."""
    row_pages: tuple[int, ...] = ()
    """Page of each body row (same length as ``rows`` when known)."""


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A paragraph or heading of the narrative as printed (lines joined, hyphenation undone)."""

    text: str
    page: int | None = None
    heading: bool = False
    """True for a heading line (第一部分…, 一、…, （一）…) as far as the reader can tell."""


RawBlock = RawParagraph | RawTable


@dataclass(frozen=True, slots=True)
class RawDocument:
    source: str
    """File name."""
    blocks: tuple[RawBlock, ...]
    pages: int = 0
    kind: str = "pdf"
    """``pdf`` or ``text``."""
    warnings: tuple[str, ...] = field(default=())
    """Reader notices in Chinese (e.g. a table whose columns could not all be aligned)."""

    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]

    def paragraphs(self) -> list[RawParagraph]:
        return [b for b in self.blocks if isinstance(b, RawParagraph)]


class DisclosureReadError(Exception):
    """A file that cannot be read as a disclosure; the message is Chinese and says why."""

    def __init__(self, message: str, file: str, page: int | None = None) -> None:
        self.message = message
        self.file = file
        self.page = page
        where = f"（第 {page} 页）" if page is not None else ""
        super().__init__(f"{file}{where}：{message}")
