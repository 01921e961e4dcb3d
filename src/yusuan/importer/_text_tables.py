"""Tables of extracted text: the lines of a table, its title block, tab-separated grids and header spans.

A table region of a text file is its title (with the number and year lines around it), the
部门名称/单位 lines, and the lines of the table itself.  When those lines carry TAB characters
(seed 000) the cells are read straight from the tabs: header rows are the rows above the first
row with an amount or a code, and the spans of the header cells are rebuilt from the blank
cells (a blank cell continues the cell on its left inside the parent's span, or the cell
above when nothing in the parent's span starts on that row).  Tables flattened to lines
(seed 004) are read by :mod:`yusuan.importer._text_flat`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from yusuan.importer.cells import clean
from yusuan.importer.model import RawCell

# ── lines ────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the (normalised) text file."""

    text: str
    """The line without its line break and trailing whitespace (tabs inside kept)."""
    number: int
    """1-based line number in the file."""
    page: int | None = None

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def tabbed(self) -> bool:
        return "\t" in self.text


# ── the lines around a table ─────────────────────────────────────────────────────────────────

NUMBER_LINE = re.compile(r"^(?:(?:部门)?预算|公开|附表|表)\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*(?:-\s*\d+\s*)?表?$")
"""``预算 01 表``, ``预算08表``, ``公开01表``, ``表一``."""
_NUMBER_PREFIX = re.compile(r"^((?:(?:部门)?预算|公开)\s*\d{1,2}\s*表)\s+(\S.*)$")
YEAR_LINE = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[）)]$")
"""``（2024 年度）``, ``（2020年）`` printed under a title."""
_UNIT_VALUE = re.compile(r"(?:金额)?单位\s*[：:]\s*(万元|元|千元|亿元)")
_UNIT_ONLY = re.compile(r"^(?:金额)?单位\s*[：:]\s*$")
_ORG_WORD = r"(?:(?:部门|预算单位|编制单位|填报单位)(?:名称)?|(?:金额)?单位(?:名称)?)\s*[：:]"
_ORG = re.compile(_ORG_WORD + r"\s*(\S[^\t]*?)\s*$")
_META_CELL = re.compile("^" + _ORG_WORD)
NOTE_START = re.compile(r"^(?:备\s*注|注|说明)\s*(?:\d+)?\s*[：:]")
UNIT_WORDS = ("万元", "元", "千元", "亿元")


def number_text(text: str) -> str:
    """``预算 01 表`` → ``预算01表``."""
    return re.sub(r"\s+", "", text)


def split_number_prefix(text: str) -> tuple[str | None, str]:
    """``预算01表 2019年部门收支总体情况表`` → (``预算01表``, the title)."""
    m = _NUMBER_PREFIX.match(text)
    if m:
        return number_text(m.group(1)), m.group(2)
    return None, text


def title_text(text: str) -> str:
    """The title without the spaces of extraction: ``2024 年部门收支总体情况表`` → ``2024年部门收支总体情况表``."""
    return re.sub(r"(?<=\d)\s+(?=\d)", "", clean(text))


@dataclass(slots=True)
class Meta:
    """What the lines around a table say: org line, money unit."""

    org: str | None = None
    unit: str | None = None

    def read(self, text: str) -> bool:
        """Take the 单位/部门名称 statements of one line (or tab row); False when the line is not such a line."""
        cells = [c.strip() for c in re.split(r"\t|\s{2,}", text) if c.strip()]
        if not cells or not all(_META_CELL.match(c) for c in _meta_pieces(cells)):
            return False
        for piece in _meta_pieces(cells):
            unit = _UNIT_VALUE.match(piece)
            if unit and re.sub(r"\s+", "", piece).endswith(unit.group(1)):
                self.unit = self.unit or unit.group(1)
                continue
            if _UNIT_ONLY.match(piece):
                continue
            org = _ORG.match(piece)
            if org and self.org is None:
                head = re.sub(r"\s+", "", piece[: piece.find(org.group(1))])
                self.org = head + clean(org.group(1))
        return True


def _meta_pieces(cells: list[str]) -> list[str]:
    """Split ``单位：济源市政府金融办公室 单位：万元`` into its two statements."""
    pieces: list[str] = []
    for cell in cells:
        starts = [m.start() for m in re.finditer(_ORG_WORD, cell)]
        starts = [s for k, s in enumerate(starts) if k == 0 or s > starts[k - 1] + 1]
        if not starts or starts[0] != 0:
            pieces.append(cell)
            continue
        bounds = [*starts, len(cell)]
        pieces.extend(cell[a:b].strip() for a, b in itertools.pairwise(bounds) if cell[a:b].strip())
    return pieces


def is_meta_line(text: str) -> bool:
    return Meta().read(text)


def is_unit_only(text: str) -> bool:
    """``单位：`` with the unit on the next line (seed 000 prints ``单位：  `` / ``万元``)."""
    return bool(_UNIT_ONLY.match(text.strip()))


# ── amounts and codes as they appear in cells ────────────────────────────────────────────────

AMOUNT = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
CODE = re.compile(r"^\d{3,}$")
_TOTAL_LABELS = frozenset({"合计", "总计", "共计", "总合计"})


def is_amount_text(text: str) -> bool:
    return bool(AMOUNT.match(text.strip()))


def is_total_label(text: str) -> bool:
    return re.sub(r"\s+", "", text) in _TOTAL_LABELS


def is_column_numbers(cells: Sequence[str]) -> bool:
    """A row of column numbers: ``栏次 1 2 3`` / ``** ** 1 2``."""
    filled = [c.strip() for c in cells if c.strip()]
    digits = [c for c in filled if c.isdigit()]
    marks = [c for c in filled if c in {"**", "*", "栏次", "—", "-"}]
    if len(digits) < 2 or len(digits) + len(marks) != len(filled):
        return False
    return [int(d) for d in digits] == list(range(int(digits[0]), int(digits[0]) + len(digits)))


# ── header spans ─────────────────────────────────────────────────────────────────────────────


@dataclass(slots=True)
class _Cell:
    text: str
    colspan: int
    rowspan: int = 1


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    path: tuple[str, ...]
    cell: _Cell


def header_from_grid(rows: Sequence[Sequence[str]], width: int) -> tuple[tuple[tuple[RawCell, ...], ...],
                                                                           tuple[tuple[str, ...], ...]]:
    """Header cells with spans and the header path of every leaf column, from a grid with blank cells.

    Every row is read inside the spans of the row above: a span with no text on this row goes on
    (the cell above grows a row); otherwise each text starts a cell that runs to the next text or
    to the end of the parent's span.  Blank cells before the first text of a span become an empty
    cell (a layout the tab grid cannot describe better).
    """
    spans = [_Span(0, width, (), _Cell("", width, 0))]
    out_rows: list[list[_Cell]] = []
    for row in rows:
        texts = [(row[j] if j < len(row) else "") for j in range(width)]
        _realign(spans, texts)
        new: list[_Span] = []
        out: list[_Cell] = []
        for span in spans:
            starts = [j for j in range(span.start, span.end) if texts[j]]
            if not starts:
                if span.cell.rowspan == 0:  # nothing above yet: an empty cell
                    span = _Span(span.start, span.end, span.path, _Cell("", span.end - span.start))
                    out.append(span.cell)
                else:
                    span.cell.rowspan += 1
                new.append(span)
                continue
            if starts[0] > span.start:
                gap = _Cell("", starts[0] - span.start)
                out.append(gap)
                new.append(_Span(span.start, starts[0], span.path, gap))
            bounds = [*starts, span.end]
            for a, b in itertools.pairwise(bounds):
                cell = _Cell(texts[a], b - a)
                out.append(cell)
                new.append(_Span(a, b, (*span.path, texts[a]), cell))
        spans = new
        out_rows.append(out)
    paths: list[tuple[str, ...]] = [()] * width
    for span in spans:
        for j in range(span.start, span.end):
            paths[j] = span.path
    header = tuple(tuple(RawCell(c.text, c.colspan, max(c.rowspan, 1)) for c in row) for row in out_rows)
    return header, tuple(paths)


def _realign(spans: list[_Span], texts: Sequence[str]) -> None:
    """A group cell printed a column too early: its children start after a blank column.

    When two neighbouring group cells of one parent both split on this row and the right one's
    first child starts after blank columns, those columns belong to the left group (seed 000's
    政府性基金预算支出情况表 prints 项目支出 one tab early).
    """
    for left, right in itertools.pairwise(spans):
        if left.path[:-1] != right.path[:-1] or not left.path or left.end != right.start:
            continue
        left_starts = [j for j in range(left.start, left.end) if texts[j]]
        right_starts = [j for j in range(right.start, right.end) if texts[j]]
        if not left_starts or not right_starts or right_starts[0] == right.start or left_starts[0] != left.start:
            continue
        gap = right_starts[0] - right.start
        left.end += gap
        left.cell.colspan += gap
        right.start += gap
        right.cell.colspan -= gap


def header_from_paths(paths: Sequence[tuple[str, ...]]) -> tuple[tuple[RawCell, ...], ...]:
    """Header cells with spans for known leaf paths (columns with the same path prefix share a cell)."""
    depth = max((len(p) for p in paths), default=0)
    rows: list[tuple[RawCell, ...]] = []
    for level in range(depth):
        cells: list[RawCell] = []
        j = 0
        while j < len(paths):
            path = paths[j]
            if len(path) <= level:
                j += 1
                continue
            k = j
            while k + 1 < len(paths) and len(paths[k + 1]) > level and paths[k + 1][: level + 1] == path[: level + 1]:
                k += 1
            leaf = all(len(paths[m]) == level + 1 for m in range(j, k + 1))
            cells.append(RawCell(path[level], k - j + 1, depth - level if leaf else 1))
            j = k + 1
        rows.append(tuple(cells))
    return tuple(rows)


# ── tables read from TAB-separated lines ─────────────────────────────────────────────────────


@dataclass(slots=True)
class Grid:
    """A table read from tab-separated lines, before it becomes a :class:`RawTable`."""

    header: tuple[tuple[RawCell, ...], ...] = ()
    columns: tuple[tuple[str, ...], ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)
    row_pages: list[int | None] = field(default_factory=list)


def _cells(line: Line) -> list[str]:
    return [clean(c) for c in line.text.split("\t")]


def _is_body(cells: Sequence[str]) -> bool:
    """A body row: an amount, a leading code, or a 合计 row with nothing else but amounts."""
    filled = [c for c in cells if c]
    if not filled or is_column_numbers(cells):
        return False
    if any(is_amount_text(c) and not CODE.match(c) for c in filled):
        return True
    if CODE.match(filled[0]) and len(filled) > 1:
        return True
    return is_total_label(filled[0]) and all(is_amount_text(c) for c in filled[1:])


def read_grid(lines: Sequence[Line], meta: Meta, form: bool) -> Grid:
    """Header, leaf paths and body rows of tab-separated table lines (meta rows taken into ``meta``)."""
    rows: list[tuple[list[str], Line]] = []
    for line in lines:
        if line.blank:
            continue
        if not rows and meta.read(line.text):
            continue
        rows.append((_cells(line), line))
    if not rows:
        return Grid()
    first_body = None if form else next((k for k, (cells, _) in enumerate(rows) if _is_body(cells)), None)
    if form:
        first_body = 0
    elif first_body is None:  # nothing but header rows (an empty table), unless it reads as a form
        first_body = len(rows) if len(rows) <= 4 else 0
    head = [cells for cells, _ in rows[:first_body] if not is_column_numbers(cells)]
    body = rows[first_body:]
    width = max(len(cells) for cells, _ in rows)
    while width > 1 and all(len(cells) < width or not cells[width - 1] for cells, _ in rows):
        width -= 1
    grid = Grid()
    if head:
        grid.header, grid.columns = header_from_grid(head, width)
    else:
        grid.columns = tuple(() for _ in range(width))
    first_header = tuple(_pad(head[0], width)) if head else None
    skip = 0
    for cells, line in body:
        padded = tuple(_pad(cells, width))
        if skip:
            skip -= 1
            continue
        if first_header is not None and padded == first_header:  # the header repeated on a new page
            skip = len(head) - 1
            continue
        if is_column_numbers(cells):
            continue
        grid.rows.append(padded)
        grid.row_pages.append(line.page)
    return grid


def _pad(cells: Sequence[str], width: int) -> list[str]:
    out = list(cells[:width])
    return out + [""] * (width - len(out))
