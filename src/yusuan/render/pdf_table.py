"""Typst markup for one computed table: font size, column widths and cells.

Typst lets an unbreakable word (a number, a long code) overflow its cell, so the
widths are worked out here, from estimated glyph widths: every column is at least
as wide as its longest unbreakable run (amounts, codes), the rest of the page width
goes to the columns whose text would otherwise wrap, and the font size is the
largest one on a ladder at which the minimum widths fit.  Runs that cannot fit
even at the smallest size get zero-width break opportunities, so nothing is ever
clipped or overprinted.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from yusuan.compute.model import Cell, Table
from yusuan.render import typst_markup as tm
from yusuan.render._grid import Layout, indent_target, layout

SIZES: tuple[float, ...] = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)
"""Table font sizes in pt, largest first (五号 10.5pt … 5pt)."""
INSET_X = 0.4
"""Horizontal cell padding in em (each side)."""
INSET_Y = 0.32
SAFETY = 1.08
"""Widths are estimated; columns get this much more than the estimate."""
WRAP_SLACK = 1.1
"""A size is preferred only when the columns' natural widths fit in this many page widths."""
MIN_TEXT_EM = 2.0
"""Breakable runs keep at least this width."""
COMFORT_TEXT_EM = 4.0
"""Text columns are at least this wide (when their text is longer), so names do not stack up."""
MONEY_EM = 2.5
"""Money columns are at least this wide (a typical amount), so empty columns do not collapse."""
TEXT_WRAP_EM = 8.0
"""Free-text columns may wrap: when choosing the size they count this wide at most."""
MAX_NATURAL_EM = 24.0
"""Longer texts wrap anyway: their natural width counts up to this much."""

_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_RUN = re.compile(r"[^\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
_NARROW = {",": 0.25, ".": 0.25, ":": 0.28, ";": 0.28, "'": 0.18, "!": 0.33, "|": 0.2, "-": 0.34,
           "(": 0.34, ")": 0.34, "[": 0.34, "]": 0.34, "/": 0.28, " ": 0.25, "%": 0.84, "@": 0.92}


def char_em(ch: str) -> float:
    """Estimated advance of one character in em (Times-like Latin, full-width CJK)."""
    if ch.isdigit() and ord(ch) < 0x80:
        return 0.5
    width = _NARROW.get(ch)
    if width is not None:
        return width
    code = ord(ch)
    if code < 0x80:
        if ch.isupper():
            return 0.72
        if ch.islower():
            return 0.5
        return 0.56
    if code < 0x2000:
        return 0.6
    return 1.0


def text_em(text: str) -> float:
    return sum(char_em(ch) for ch in text)


def longest_run_em(text: str) -> float:
    """Width of the widest piece of ``text`` that cannot be broken across lines.

    Lines break between ideographs and at spaces; a run of other characters (digits,
    Latin, punctuation) stays together, plus the ideograph that CJK punctuation
    sticks to.
    """
    best = 0.0
    for match in _RUN.finditer(text):
        run = match.group()
        width = text_em(run)
        if any(ord(ch) > 0x2E7F for ch in run):
            width += 1.0  # CJK punctuation never starts or ends a line alone
        best = max(best, width)
    if _IDEOGRAPH.search(text):
        best = max(best, 1.0)
    return best


@dataclass(frozen=True, slots=True)
class Fit:
    size: float
    """Font size in pt."""
    widths: tuple[float, ...]
    """Column widths in pt; they add up to the available width."""
    breakable: tuple[bool, ...]
    """Columns whose long runs must be given break opportunities."""


@dataclass(frozen=True, slots=True)
class _Needs:
    hard: tuple[float, ...]
    """Longest unbreakable run per column, em: narrower columns would overflow."""
    comfort: tuple[float, ...]
    """Narrowest width that still reads well (headers in at most three lines), em."""
    body: tuple[float, ...]
    """Width at which no body cell needs to wrap (long texts capped), em."""
    natural: tuple[float, ...]
    """Width at which body cells do not wrap and headers take at most two lines, em."""
    wide: tuple[float, ...]
    """Width at which headers do not wrap either (long headers capped), em."""
    hinted: tuple[float, ...]
    """``wide`` or the pack's column width when that is wider, em."""
    volume: tuple[float, ...]
    """Text per column (sum of the body cells' widths), em: the columns that hold more text grow more."""


def _header_lines_em(text: str, lines: int) -> float:
    """Width that lays a header out in about ``lines`` lines (whole characters)."""
    return float(math.ceil(text_em(text) / lines - 1e-9)) if text else 0.0


def _needs(table: Table, grid: Layout) -> _Needs:
    n = grid.width
    hard = [0.0] * n
    comfort = [0.0] * n
    body = [0.0] * n
    natural = [0.0] * n
    wide = [0.0] * n
    hinted = [0.0] * n
    volume = [0.0] * n
    for line in grid.header:
        for head in line:
            label = head.item
            if not label or head.colspan != 1:
                continue
            c = head.col
            hard[c] = max(hard[c], longest_run_em(label))
            comfort[c] = max(comfort[c], min(_header_lines_em(label, 3), 2.0 if len(label) > 1 else 1.0))
            comfort[c] = max(comfort[c], min(_header_lines_em(label, 4), 4.0))
            natural[c] = max(natural[c], min(_header_lines_em(label, 2), 8.0))
            wide[c] = max(wide[c], min(text_em(label), 10.0))
    for row, slots in zip(table.rows, grid.body, strict=True):
        target = indent_target(row)
        for slot in slots:
            cell = slot.item
            if cell is None or slot.colspan != 1:
                continue
            shown = table.display(cell)
            if not shown:
                continue
            c = slot.col
            extra = float(row.indent) if cell is target else 0.0
            run = longest_run_em(shown) + extra
            hard[c] = max(hard[c], run)
            full = text_em(shown) + extra
            body[c] = max(body[c], min(full, MAX_NATURAL_EM))
            volume[c] += full
            if grid.kinds[c] != "money":
                comfort[c] = max(comfort[c], run, min(full, COMFORT_TEXT_EM))
    for c in range(n):
        column = table.columns[c] if c < len(table.columns) else None
        if grid.kinds[c] == "money":
            comfort[c] = max(comfort[c], MONEY_EM)
        comfort[c] = max(comfort[c], hard[c])
        body[c] = max(body[c], comfort[c])
        natural[c] = max(natural[c], body[c])
        wide[c] = max(wide[c], natural[c])
        hinted[c] = wide[c]
        if column is not None and column.width and grid.kinds[c] != "money":
            # the pack's width (spreadsheet character units, two per ideograph) comes last
            hinted[c] = max(hinted[c], min(column.width / 2.0, MAX_NATURAL_EM))
    return _Needs(tuple(hard), tuple(comfort), tuple(body), tuple(natural), tuple(wide), tuple(hinted), tuple(volume))


def _grow(widths: list[float], target: list[float], weights: list[float], spare: float) -> list[float]:
    """Give ``spare`` to the columns below ``target``, in proportion to ``weights``, none beyond its target."""
    widths = list(widths)
    open_cols = [c for c, (w, t) in enumerate(zip(widths, target, strict=True)) if t > w + 1e-9]
    while spare > 1e-6 and open_cols:
        total = sum(weights[c] for c in open_cols)
        if total <= 0:
            total = float(len(open_cols))
            shares = {c: spare / total for c in open_cols}
        else:
            shares = {c: spare * weights[c] / total for c in open_cols}
        still_open = []
        for c in open_cols:
            room = target[c] - widths[c]
            give = min(room, shares[c])
            widths[c] += give
            spare -= give
            if room - give > 1e-9:
                still_open.append(c)
        if len(still_open) == len(open_cols):
            break  # every column took its full share
        open_cols = still_open
    return widths


def _distribute(stages: list[list[float]], weights: list[list[float] | None], available: float) -> list[float]:
    """Automatic layout: start from the first stage's widths and grow towards each next stage in turn.

    Within a stage the spare width goes to the columns that still need it, in
    proportion to that stage's weights (``None``: to how much they still need); once
    the last stage fits, the rest is spread in proportion to the widths.
    """
    widths = list(stages[0])
    for target, stage_weights in zip(stages[1:], weights, strict=True):
        spare = available - sum(widths)
        gaps = [max(t - w, 0.0) for w, t in zip(widths, target, strict=True)]
        if sum(gaps) <= spare:
            widths = [w + g for w, g in zip(widths, gaps, strict=True)]
            continue
        return _grow(widths, target, stage_weights or gaps, spare)
    total = sum(widths)
    scale = available / total if total else 1.0
    return [w * scale for w in widths]


def fit_columns(table: Table, available: float, grid: Layout | None = None) -> Fit:
    """Font size and column widths (pt) that fit ``table`` into ``available`` pt."""
    grid = grid or layout(table)
    needs = _needs(table, grid)
    n = grid.width

    def widths_at(size: float, em_values: tuple[float, ...]) -> list[float]:
        return [w * size * SAFETY + 2 * INSET_X * size for w in em_values]

    def fits(size: float, em_values: tuple[float, ...], slack: float = 1.0) -> bool:
        return sum(widths_at(size, em_values)) <= available * slack

    # the largest size at which the table reads well (free text may wrap, amounts and names should
    # not); failing that, at which it is legible at all
    def unwrapped(values: tuple[float, ...]) -> tuple[float, ...]:
        return tuple(min(v, TEXT_WRAP_EM) if kind == "text" else v for v, kind in zip(values, grid.kinds, strict=True))

    body, natural = unwrapped(needs.body), unwrapped(needs.natural)
    chosen = next((s for s in SIZES if fits(s, needs.comfort) and fits(s, body) and fits(s, natural, WRAP_SLACK)),
                  None)
    if chosen is None:
        chosen = next((s for s in SIZES if fits(s, needs.comfort)), None)
    lo_values = needs.comfort
    if chosen is None:
        chosen = next((s for s in SIZES if fits(s, needs.hard)), None)
        lo_values = needs.hard
    breakable = [False] * n
    if chosen is None:
        # even the smallest size is too wide: let the widest runs break
        chosen = SIZES[-1]
        share = available / max(n, 1)
        breakable = [w > share for w in widths_at(chosen, needs.hard)]
        lo_values = tuple(min(h, MIN_TEXT_EM * 2) if b else h for h, b in zip(needs.hard, breakable, strict=True))
    comfort = tuple(min(c, lo) if b else c for c, lo, b in zip(needs.comfort, lo_values, breakable, strict=True))
    lo = widths_at(chosen, lo_values)
    if sum(lo) > available:  # pathological: scale down proportionally (runs are breakable)
        lo = [w * available / sum(lo) for w in lo]
        breakable = [True] * n
    stages = [lo, *([max(a, b) for a, b in zip(widths_at(chosen, v), lo, strict=True)]
                    for v in (comfort, needs.body, needs.natural, needs.wide, needs.hinted))]
    # body text grows where there is most of it; headers grow evenly
    text_weights = [math.sqrt(v) + 1.0 for v in needs.volume]
    widths = _distribute(stages, [None, text_weights, None, None, None], available)
    return Fit(chosen, tuple(widths), tuple(breakable))


_NO_BREAK_BEFORE = set("，。、；：？！）》」』】〕”’,.;:?!)%·…—-")
_NO_BREAK_AFTER = set("（《「『【〔“‘(")
_GOOD_BREAK_BEFORE = re.compile(r"[（(《]|\d{4}年")
_GOOD_BREAK_AFTER = set("）)》—-：:，、")


def _find_all(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,%_")


def _best_breaks(
    prefix: list[float], points: list[int], lines: int, max_em: float, penalty: Callable[[int], float]
) -> list[int] | None:
    """Break positions for exactly ``lines`` lines of at most ``max_em`` (dynamic programme).

    Cost: squared deviation of each line from the average plus the squared penalty of
    each break; ``None`` when the breaks allowed cannot give such lines.
    """
    total = prefix[-1]
    target = total / lines
    best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [])}
    for k in range(1, lines):
        previous = [(j, v) for (kk, j), v in best.items() if kk == k - 1]
        for i in points:
            for j, (cost, path) in previous:
                width = prefix[i] - prefix[j]
                if j >= i or width > max_em + 1e-9:
                    continue
                c = cost + (width - target) ** 2 + penalty(i) ** 2
                if (k, i) not in best or c < best[(k, i)][0]:
                    best[(k, i)] = (c, [*path, i])
    finals = [
        (cost + (total - prefix[j] - target) ** 2, path)
        for (k, j), (cost, path) in best.items()
        if k == lines - 1 and total - prefix[j] <= max_em + 1e-9
    ]
    return min(finals, key=lambda x: x[0])[1] if finals else None


def balanced(text: str, max_em: float, good_after: tuple[str, ...] = ()) -> str:
    """``text`` with line breaks (``\n``) that give a centred title lines of similar length.

    Only when it does not fit on one line of ``max_em``: lines break before an
    opening bracket or a year, or after a closing bracket or dash when possible,
    never inside a number or a Latin word and never against CJK line-breaking rules;
    ``good_after`` names words (such as the department's name) after which a break reads well.
    """
    if "\n" in text or text_em(text) <= max_em:
        return text
    widths = [char_em(ch) for ch in text]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    total = prefix[-1]

    def can_break(i: int) -> bool:  # break before text[i]
        a, b = text[i - 1], text[i]
        if b in _NO_BREAK_BEFORE or a in _NO_BREAK_AFTER:
            return False
        if a.isspace() or b.isspace():
            return True
        # keep numbers and words whole, and with the ideograph after them (2020年)
        return not (_is_word(a) and (_is_word(b) or _IDEOGRAPH.fullmatch(b)))

    good = {m + len(word) for word in good_after if word for m in _find_all(text, word)}

    def penalty(i: int) -> float:
        if i in good or _GOOD_BREAK_BEFORE.match(text, i) or text[i - 1] in _GOOD_BREAK_AFTER:
            return 0.0
        return 8.0

    points = [i for i in range(1, len(text)) if can_break(i)]
    fewest = math.ceil(total / max_em)
    for lines in range(fewest, fewest + 4):
        path = _best_breaks(prefix, points, lines, max_em, penalty)
        if path is not None:
            break
    else:
        return text
    cuts = [0, *path, len(text)]
    return "\n".join(text[a:b].strip() for a, b in itertools.pairwise(cuts))


def _cell_expr(
    shown: str, *, bold: bool, align: str | None, rowspan: int, colspan: int, indent: int, breakable: bool
) -> str:
    longest = max((len(m.group()) for m in _RUN.finditer(shown)), default=0)
    # a run too long for its column may break anywhere: one box per character
    body = f"ybrk({tm.string(shown)})" if breakable and longest > 4 else tm.text(shown)
    if bold and shown:
        body = f"yb({body})"
    if indent:
        body = f"pad(left: {indent}em, {body})"
    args = []
    if rowspan > 1:
        args.append(f"rowspan: {rowspan}")
    if colspan > 1:
        args.append(f"colspan: {colspan}")
    if align:
        args.append(f"align: {align}")
    if args:
        return f"table.cell({', '.join(args)}, {body})"
    return body


def _body_cells(table: Table, grid: Layout, fit: Fit) -> Iterator[str]:
    for row, slots in zip(table.rows, grid.body, strict=True):
        bold = row.level == "total"
        target = indent_target(row)
        for slot in slots:
            cell: Cell | None = slot.item
            if cell is None:
                yield _cell_expr("", bold=False, align=None, rowspan=slot.rowspan, colspan=slot.colspan,
                                 indent=0, breakable=False)
                continue
            column_money = grid.kinds[slot.col] == "money"
            align = None
            if cell.money != column_money:
                align = "right + horizon" if cell.money else "left + horizon"
            yield _cell_expr(
                table.display(cell), bold=bold, align=align, rowspan=slot.rowspan, colspan=slot.colspan,
                indent=row.indent if cell is target else 0,
                breakable=any(fit.breakable[slot.col: slot.col + slot.colspan]),
            )


def _header_cells(grid: Layout, fit: Fit) -> Iterator[str]:
    for line in grid.header:
        for slot in line:
            shown = slot.item or ""
            if shown:
                # centred headers read better in lines of similar length than filled greedily
                width = sum(fit.widths[slot.col: slot.col + slot.colspan]) - 2 * INSET_X * fit.size
                shown = balanced(shown, width / (fit.size * SAFETY))
            args = []
            if slot.rowspan > 1:
                args.append(f"rowspan: {slot.rowspan}")
            if slot.colspan > 1:
                args.append(f"colspan: {slot.colspan}")
            args.append("align: center + horizon")
            body = f"strong({tm.text(shown)})" if shown else "[]"
            yield f"table.cell({', '.join(args)}, {body})"


def table_expr(table: Table, available: float) -> tuple[str, float]:
    """The Typst ``table(...)`` expression for ``table`` and its font size in pt."""
    grid = layout(table)
    fit = fit_columns(table, available, grid)
    columns = tm.array(tm.pt(w) for w in fit.widths)
    aligns = tm.array("right + horizon" if k == "money" else "left + horizon" for k in grid.kinds)
    parts = [
        f"columns: {columns}",
        f"align: {aligns}",
        f"inset: (x: {INSET_X}em, y: {INSET_Y}em)",
    ]
    if grid.header and any(grid.header):
        parts.append("table.header(repeat: true, " + ", ".join(_header_cells(grid, fit)) + ")")
    body = list(_body_cells(table, grid, fit))
    if body:
        parts.append(", ".join(body))
    return "table(" + ",\n".join(parts) + ")", fit.size


__all__ = ["SIZES", "Fit", "balanced", "char_em", "fit_columns", "longest_run_em", "table_expr", "text_em"]
