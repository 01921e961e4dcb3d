"""Tables of a PDF page: ruled grids from the ruling lines, header rows, leaf columns.

A ruled table is a connected set of horizontal and vertical rules.  Its grid has a row
for every distinct rule ``y`` and a column for every distinct rule ``x``; two adjacent
grid cells belong to one printed cell when no rule separates them, which gives the
spans of merged header (and body) cells.  Characters go to the cell holding their centre.

A table without rules (or with horizontal rules only) is rebuilt from the text
alignment by :func:`text_grid`: the gaps between the printed cells of the body rows
(those with amounts) are the column boundaries.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from yusuan.importer._pdf_text import (
    Glyph,
    Line,
    Rule,
    Segment,
    glyph_text,
    group_lines,
    join_pieces,
    split_segments,
    tidy,
)
from yusuan.importer.model import RawCell

TOL = 2.0
"""Rules closer than this (points) are the same line."""

AMOUNT_RE = re.compile(r"^[-−–(（]?\d{1,3}(?:,\d{3})+(?:\.\d+)?[)）]?%?$|^[-−–(（]?\d+(?:\.\d+)?[)）]?%?$")
TOTAL_RE = re.compile(r"^(合\s*计|总\s*计|小\s*计|收入总计|支出总计|收入合计|支出合计|本年收入合计|本年支出合计)$")
_EMPTY_TABLE_RE = re.compile(r"此表为空|本表为空|无数据|无相关")


def is_amount(text: str) -> bool:
    return bool(text) and AMOUNT_RE.match(text.replace(" ", "")) is not None


@dataclass(slots=True)
class Cell:
    """A printed cell of a grid: anchored at (row, col), spanning rows × cols."""

    row: int
    col: int
    rowspan: int
    colspan: int
    glyphs: list[Glyph] = field(default_factory=list)
    text: str = ""


@dataclass(slots=True)
class Grid:
    """A table on one page: grid boundaries and printed cells."""

    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    ruled: bool = True
    row_pages: list[int] = field(default_factory=list)
    """Page of every grid row (tables merged over pages)."""

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def anchored(self, row: int) -> list[Cell]:
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def covering(self) -> list[list[Cell | None]]:
        """For every grid position the printed cell covering it."""
        table: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    table[r][c] = cell
        return table


# --- rules → grids -------------------------------------------------------------------------------


def _merge(rules: list[Rule], horizontal: bool) -> list[Rule]:
    """Collinear rules joined (Word draws a border per cell); duplicates removed."""
    def pos(r: Rule) -> float:
        return r.y0 if horizontal else r.x0

    def lo(r: Rule) -> float:
        return r.x0 if horizontal else r.y0

    def hi(r: Rule) -> float:
        return r.x1 if horizontal else r.y1

    out: list[Rule] = []
    ordered = sorted(rules, key=pos)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and pos(ordered[j + 1]) - pos(ordered[j]) <= 1.0:
            j += 1
        group = sorted(ordered[i:j + 1], key=lo)
        at = sum(pos(r) for r in group) / len(group)
        start, end = lo(group[0]), hi(group[0])
        for rule in group[1:]:
            if lo(rule) <= end + TOL:
                end = max(end, hi(rule))
            else:
                out.append(Rule(start, at, end, at) if horizontal else Rule(at, start, at, end))
                start, end = lo(rule), hi(rule)
        out.append(Rule(start, at, end, at) if horizontal else Rule(at, start, at, end))
        i = j + 1
    return out


def _touch(h: Rule, v: Rule) -> bool:
    return h.x0 - TOL <= v.x0 <= h.x1 + TOL and v.y0 - TOL <= h.y0 <= v.y1 + TOL


def _components(hs: list[Rule], vs: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v):
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tol:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _covered(rules: list[Rule], at: float, lo: float, hi: float, horizontal: bool) -> bool:
    """Whether rules at ``at`` cover most of the interval [lo, hi]."""
    need = 0.6 * (hi - lo)
    total = 0.0
    for rule in rules:
        pos, a, b = (rule.y0, rule.x0, rule.x1) if horizontal else (rule.x0, rule.y0, rule.y1)
        if abs(pos - at) <= TOL:
            total += max(0.0, min(b, hi) - max(a, lo))
    return total >= need


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid | None:
    xs = _cluster([v.x0 for v in vs], TOL)
    ys = _cluster([h.y0 for h in hs], TOL)
    left, right = min(h.x0 for h in hs), max(h.x1 for h in hs)
    top, bottom = min(v.y0 for v in vs), max(v.y1 for v in vs)
    if left < xs[0] - 3 * TOL:
        xs.insert(0, left)
    if right > xs[-1] + 3 * TOL:
        xs.append(right)
    if top < ys[0] - 3 * TOL:
        ys.insert(0, top)
    if bottom > ys[-1] + 3 * TOL:
        ys.append(bottom)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2 or xs[-1] - xs[0] < 30 or ys[-1] - ys[0] < 8:
        return None
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(n_cols - 1):
            if not _covered(vs, xs[c + 1], ys[r], ys[r + 1], horizontal=False):
                union(r * n_cols + c, r * n_cols + c + 1)
    for r in range(n_rows - 1):
        for c in range(n_cols):
            if not _covered(hs, ys[r + 1], xs[c], xs[c + 1], horizontal=True):
                union(r * n_cols + c, (r + 1) * n_cols + c)
    regions: dict[int, list[int]] = {}
    for i in range(n_rows * n_cols):
        regions.setdefault(find(i), []).append(i)
    cells: list[Cell] = []
    for members in regions.values():
        rows = [i // n_cols for i in members]
        cols = [i % n_cols for i in members]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        if (r1 - r0 + 1) * (c1 - c0 + 1) == len(members):
            cells.append(Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1))
        else:  # not a rectangle: a broken border; keep the grid cells apart
            cells.extend(Cell(i // n_cols, i % n_cols, 1, 1) for i in members)
    return Grid(xs, ys, cells)


def find_grids(rules: Sequence[Rule]) -> list[Grid]:
    """The ruled tables of a page, top to bottom (cells still without text)."""
    hs = _merge([r for r in rules if r.horizontal], horizontal=True)
    vs = _merge([r for r in rules if not r.horizontal], horizontal=False)
    grids: list[Grid] = []
    for comp_h, comp_v in _components(hs, vs):
        if len(comp_h) < 2 or len(comp_v) < 2:
            continue
        grid = _grid(comp_h, comp_v)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.top, g.x0))
    return grids


def fill(grid: Grid, glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Put the glyphs inside the grid into its cells; return the glyphs outside."""
    covering = grid.covering()
    outside: list[Glyph] = []
    xs, ys = grid.xs, grid.ys
    for glyph in glyphs:
        cx, cy = glyph.cx, glyph.cy
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            outside.append(glyph)
            continue
        c = min(max(bisect.bisect_right(xs, cx) - 1, 0), grid.n_cols - 1)
        r = min(max(bisect.bisect_right(ys, cy) - 1, 0), grid.n_rows - 1)
        cell = covering[r][c]
        if cell is None:
            outside.append(glyph)
        else:
            cell.glyphs.append(glyph)
    for cell in grid.cells:
        if cell.glyphs:
            cell.text = tidy(join_pieces(line.text for line in group_lines(cell.glyphs)))
    return outside


# --- header and body -----------------------------------------------------------------------------


def _is_numbering(cells: list[Cell]) -> bool:
    """A 栏次 row under the header: 1, 2, 3 … (beside a label such as 栏次)."""
    numbers = [c.text for c in cells if is_amount(c.text)]
    if len(numbers) < 2 or not all(t.isdigit() and len(t) <= 2 for t in numbers):
        return False
    values = [int(t) for t in numbers]
    return values == list(range(values[0], values[0] + len(values))) and values[0] <= 2


def _blank(covering: list[list[Cell | None]], row: int) -> bool:
    return all(cell is None or not cell.text for cell in covering[row])


def header_rows(grid: Grid) -> int:
    """How many grid rows at the top are header rows.

    The body starts at the first row with an amount (a 栏次 row 1, 2, 3 … is header); in a
    table without amounts, at the first row holding only a total label (合计) or the
    empty-table statement, or at the first blank row.
    """
    covering = grid.covering()
    end = grid.n_rows
    for r in range(grid.n_rows):
        cells = grid.anchored(r)
        if any(is_amount(c.text) for c in cells) and not _is_numbering(cells):
            end = r
            break
    else:
        for r in range(1, grid.n_rows):
            texts = [c for c in grid.anchored(r) if c.text]
            if texts and (len(texts) == 1 or texts[0].col == 0) and (
                    TOTAL_RE.match(texts[0].text) or _EMPTY_TABLE_RE.search(texts[0].text)):
                end = r
                break
    first_blank = next((r for r in range(1, end) if _blank(covering, r)), end)
    if end == grid.n_rows and first_blank == end:
        return min(1, grid.n_rows)
    return min(end, first_blank)


@dataclass(slots=True)
class TableParts:
    header: tuple[tuple[RawCell, ...], ...]
    columns: tuple[tuple[str, ...], ...]
    rows: list[tuple[str, ...]]
    row_index: list[int]
    """Grid row of every body row."""


def split(grid: Grid, n_header: int) -> TableParts:
    """Header cells, leaf-column paths and body rows of a grid with ``n_header`` header rows."""
    covering = grid.covering()
    header: list[tuple[RawCell, ...]] = []
    for r in range(n_header):
        header.append(tuple(RawCell(c.text, c.colspan, min(c.rowspan, n_header - r))
                            for c in grid.anchored(r)))
    columns: list[tuple[str, ...]] = []
    for c in range(grid.n_cols):
        path: list[str] = []
        seen: set[int] = set()
        for r in range(n_header):
            cell = covering[r][c]
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            if cell.text:
                path.append(cell.text)
        columns.append(tuple(path))
    rows: list[tuple[str, ...]] = []
    row_index: list[int] = []
    for r in range(n_header, grid.n_rows):
        values: list[str] = []
        for c in range(grid.n_cols):
            cell = covering[r][c]
            if cell is None or cell.col != c or cell.row < n_header:
                values.append("")
            elif cell.row == r:
                values.append(cell.text)
            else:  # a label merged over several rows is repeated on each; amounts are not
                values.append("" if is_amount(cell.text) else cell.text)
        if any(values):
            rows.append(tuple(values))
            row_index.append(r)
    return TableParts(tuple(header), tuple(columns), rows, row_index)


# --- tables over several pages -------------------------------------------------------------------

_LEAD_RE = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、]|\d{3,})")


def _signature(grid: Grid, row: int) -> tuple[str, ...]:
    return tuple(c.text.replace(" ", "") for c in grid.anchored(row) if c.text)


def drop_top(grid: Grid, k: int) -> Grid | None:
    """The grid without its first ``k`` rows (None when nothing is left)."""
    if k >= grid.n_rows:
        return None
    cells: list[Cell] = []
    for cell in grid.cells:
        end = cell.row + cell.rowspan
        if end <= k:
            continue
        row = max(cell.row, k)
        cells.append(Cell(row - k, cell.col, end - row, cell.colspan, cell.glyphs, cell.text))
    return Grid(grid.xs, grid.ys[k:], cells, grid.ruled, grid.row_pages[k:])


def drop_bottom(grid: Grid, k: int) -> Grid | None:
    """The grid without its last ``k`` rows (None when nothing is left)."""
    keep = grid.n_rows - k
    if keep <= 0:
        return None
    cells = [Cell(c.row, c.col, min(c.rowspan, keep - c.row), c.colspan, c.glyphs, c.text)
             for c in grid.cells if c.row < keep]
    return Grid(grid.xs, grid.ys[: keep + 1], cells, grid.ruled, grid.row_pages[:keep])


def row_texts(grid: Grid, row: int) -> list[str]:
    """The non-empty texts of the cells anchored in a row."""
    return [c.text for c in grid.anchored(row) if c.text]


def repeated_header(table: Grid, nxt: Grid, n_header: int) -> Grid | None:
    """``nxt`` without the header rows it repeats from ``table`` (None when it holds nothing else)."""
    if n_header < 1 or nxt.n_rows < n_header:
        return nxt
    for r in range(n_header):
        if _signature(table, r) != _signature(nxt, r):
            return nxt
    return drop_top(nxt, n_header)


def _column_map(a: Grid, b: Grid) -> list[int]:
    """Column of ``a`` for every column of ``b`` (same index when both have as many columns)."""
    if a.n_cols == b.n_cols:
        return list(range(b.n_cols))
    centres = [(a.xs[c] + a.xs[c + 1]) / 2 for c in range(a.n_cols)]
    out: list[int] = []
    for c in range(b.n_cols):
        mid = (b.xs[c] + b.xs[c + 1]) / 2
        out.append(min(range(a.n_cols), key=lambda k: abs(centres[k] - mid)))
    return out


def merge_cut_row(table: Grid, nxt: Grid) -> Grid | None:
    """Join the top row of ``nxt`` to the last row of ``table`` when the page break cut that row.

    A cut row holds only short continuations of texts in the last row (``十七、国土海洋气象等支``
    / ``出``): no amount, no numbering, no code, and each of its texts sits under a text.
    """
    first = nxt.anchored(0)
    texts = [c for c in first if c.text]
    if not texts or any(is_amount(c.text) for c in first):
        return nxt
    if any(len(c.text) > 8 or _LEAD_RE.match(c.text) or TOTAL_RE.match(c.text) for c in texts):
        return nxt
    mapping = _column_map(table, nxt)
    last = table.covering()[table.n_rows - 1]
    targets: list[tuple[Cell, Cell]] = []
    for cell in texts:
        target = last[mapping[cell.col]]
        if target is None or not target.text:
            return nxt
        targets.append((target, cell))
    for target, cell in targets:
        target.text = tidy(join_pieces([target.text, cell.text]))
        target.glyphs.extend(cell.glyphs)
    return drop_top(nxt, 1)


def stack(a: Grid, b: Grid) -> Grid:
    """``b`` (next page) appended under ``a``."""
    if a.n_cols == b.n_cols:
        xs = list(a.xs)
        b_cols = list(range(b.n_cols + 1))
    else:
        xs = _cluster(a.xs + b.xs, 2 * TOL)
        b_cols = [min(range(len(xs)), key=lambda k: abs(xs[k] - x)) for x in b.xs]
    a_cols = [min(range(len(xs)), key=lambda k: abs(xs[k] - x)) for x in a.xs]
    offset = a.ys[-1] - b.ys[0]
    ys = a.ys + [y + offset for y in b.ys[1:]]
    cells: list[Cell] = []
    for grid, cols, shift in ((a, a_cols, 0), (b, b_cols, a.n_rows)):
        for c in grid.cells:
            c0, c1 = cols[c.col], cols[c.col + c.colspan]
            cells.append(Cell(c.row + shift, c0, c.rowspan, max(1, c1 - c0), c.glyphs, c.text))
    return Grid(xs, ys, cells, a.ruled, a.row_pages + b.row_pages)


# --- tables without rules ------------------------------------------------------------------------


def _header_segments(line: Line, gaps: list[tuple[float, float]]) -> list[Segment]:
    """A header line cut at the visible gaps that fall between two columns (or are wide)."""
    segments: list[Segment] = []
    run: list[Glyph] = []
    for glyph in line.glyphs:
        if run:
            a, b = run[-1].x1, glyph.x0
            if b - a > 1.0 * line.size or (b - a > 0.25 * line.size and any(a < hi and b > lo for lo, hi in gaps)):
                segments.append(Segment(glyph_text(run, line.size), run[0].x0, run[-1].x1, line.top, line.bottom))
                run = []
        run.append(glyph)
    if run:
        segments.append(Segment(glyph_text(run, line.size), run[0].x0, run[-1].x1, line.top, line.bottom))
    return segments


def text_grid(lines: Sequence[Line]) -> Grid | None:
    """A grid rebuilt from text alignment: one row per line, columns from the body rows' gaps.

    Body rows are the lines with an amount; the header lines above them are cut where their
    gaps fall between columns, and a header text over several columns spans them.
    """
    if not lines:
        return None
    body = {i: split_segments(line, 1.0, digit_gap=0.25) for i, line in enumerate(lines)}
    body = {i: segs for i, segs in body.items() if any(is_amount(s.text) for s in segs)}
    if not body:
        return None
    spans = sorted((s.x0, s.x1) for segs in body.values() for s in segs)
    blocks: list[list[float]] = []
    for a, b in spans:
        if blocks and a <= blocks[-1][1] + 1.0:
            blocks[-1][1] = max(blocks[-1][1], b)
        else:
            blocks.append([a, b])
    if len(blocks) < 2:
        return None
    gaps = [(blocks[k][1], blocks[k + 1][0]) for k in range(len(blocks) - 1)]
    rows = [body[i] if i in body else _header_segments(line, gaps) for i, line in enumerate(lines)]
    left = min(min(s.x0 for s in segs) for segs in rows if segs)
    right = max(max(s.x1 for s in segs) for segs in rows if segs)
    xs = [min(left, blocks[0][0]) - 1.0] + [(a + b) / 2 for a, b in gaps] + [max(right, blocks[-1][1]) + 1.0]
    ys = [lines[0].top - 1.0]
    ys.extend((lines[k].bottom + lines[k + 1].top) / 2 for k in range(len(lines) - 1))
    ys.append(lines[-1].bottom + 1.0)
    cells: list[Cell] = []
    for r, segs in enumerate(rows):
        by_col: dict[int, Cell] = {}
        for seg in segs:
            cols = [k for k, (a, b) in enumerate(blocks) if seg.x1 > a - 0.5 and seg.x0 < b + 0.5]
            if not cols:
                mid = (seg.x0 + seg.x1) / 2
                cols = [min(range(len(blocks)), key=lambda k: abs((blocks[k][0] + blocks[k][1]) / 2 - mid))]
            first, last = min(cols), max(cols)
            if r in body:
                last = first
            if any(c in by_col for c in range(first, last + 1)):
                owner = next(by_col[c] for c in range(first, last + 1) if c in by_col)
                owner.text = join_pieces([owner.text, tidy(seg.text)])
                continue
            cell = Cell(r, first, 1, last - first + 1, text=tidy(seg.text))
            for c in range(first, last + 1):
                by_col[c] = cell
            cells.append(cell)
        cells.extend(Cell(r, c, 1, 1) for c in range(len(blocks)) if c not in by_col)
    return Grid(xs, ys, cells, ruled=False)


def find_text_tables(lines: Sequence[Line], starts: Callable[[str], bool],
                     stops: Callable[[str], bool]) -> list[tuple[list[Line], Grid]]:
    """Tables without rules: right under a line that ``starts`` one (the 单位 line), the run of
    lines with amounts in several cells.

    Stops at a line that ``stops`` it (a note, a part heading, the next 单位 line), a wide
    gap, or a line of running text (one long cell without an amount).  Returns the lines
    used and the grid.
    """
    found: list[tuple[list[Line], Grid]] = []
    i = 0
    while i < len(lines):
        unit = lines[i]
        start = i + 1
        if not starts(unit.text) or start >= len(lines) or (
                lines[start].top - unit.bottom > max(3.0 * unit.size, 30.0)):
            i += 1
            continue  # no 单位 line, or the table under it is ruled
        end = start
        while end < len(lines):
            line = lines[end]
            if end > start and line.top - lines[end - 1].bottom > max(3.0 * line.size, 30.0):
                break
            text = line.text
            if stops(text):
                break
            segs = split_segments(line, 1.0, digit_gap=0.25)
            if len(segs) == 1 and len(text) >= 25 and not is_amount(segs[0].text):
                break
            end += 1
        block = list(lines[start:end])
        grid = text_grid(block) if len(block) >= 2 else None
        if grid is None:
            i += 1
            continue
        found.append((block, grid))
        i = end
    return found
