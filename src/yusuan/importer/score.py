"""Measure extraction against hand-checked expected data: cells right / cells expected.

Tables are matched by normalised title (then page), rows by label (the row's joined code, or a printed
name), and the non-blank numeric cells of each matched row are compared in printed order (as a longest
common subsequence, so that one lost cell costs one cell, not the rest of the row).  Every expected cell
that is not found right is listed as a :class:`Mismatch`.  The narrative's key figures are scored
against the amounts the recognised paragraphs claim, when recognition is available.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from yusuan.importer.expected import ExpectedDocument, ExpectedRow, ExpectedTable
from yusuan.importer.model import RawDocument, RawTable

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CODE_HEADER = re.compile(r"编码|代码|编号|^[类款项]$")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_YEAR = re.compile(r"^\d{4}年度?")


def norm(text: str) -> str:
    """NFKC, no whitespace, no trailing colon: how labels and cells are compared."""
    t = _SPACE.sub("", unicodedata.normalize("NFKC", text)).replace("−", "-")
    return t.rstrip(":")


def norm_title(text: str) -> str:
    return norm(text).translate(_QUOTES)


def canonical(number: str) -> str:
    """``"1,234.50"`` → ``"1234.5"``: the value of a printed number, independent of its format."""
    try:
        value = Decimal(norm(number).replace(",", ""))
    except InvalidOperation:
        return norm(number)
    return format(value.normalize(), "f") if value else "0"


def is_number(text: str) -> bool:
    return bool(_AMOUNT.match(norm(text)))


# ── rows as the scorer sees them ─────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class RowView:
    """One body row of a raw table: its label keys and its numeric cells (codes excluded)."""

    index: int
    exact: frozenset[str]
    """Joined leading code, each text cell, all text cells joined."""
    partial: frozenset[str]
    """Each code cell and every prefix of the joined codes."""
    text: str
    values: tuple[str, ...]
    """Numeric cells as printed (normalised, separators kept)."""
    page: int | None = None

    @property
    def label(self) -> str:
        return next(iter(sorted(self.exact, key=len, reverse=True)), "") if self.exact else ""


def _is_code_header(path: Sequence[str]) -> bool:
    return any(_CODE_HEADER.search(norm(h)) for h in path if h)


def row_view(table: RawTable, index: int) -> RowView:
    cells = table.rows[index]
    columns = table.columns
    kinds: list[str] = []
    normed = [norm(c) for c in cells]
    for c in normed:
        kinds.append("blank" if not c else "number" if _AMOUNT.match(c) else "text")
    texts_at = [i for i, k in enumerate(kinds) if k == "text"]
    codes: list[int] = []
    for i, (raw, c, kind) in enumerate(zip(cells, normed, kinds, strict=True)):
        if kind != "number" or "." in c or "," in c:
            continue
        header = columns[i] if i < len(columns) else ()
        before = any(t < i for t in texts_at)
        after = any(t > i for t in texts_at)
        if _is_code_header(header) or (not before and after) or re.search(r"\d\s+\d", raw):
            codes.append(i)
    first_text = texts_at[0] if texts_at else len(cells)
    leading = [normed[i] for i in codes if i < first_text]
    texts = [normed[i] for i in texts_at]
    exact = set(texts)
    if leading:
        exact.add("".join(leading))
    if texts:
        exact.add("".join(texts))
    if not exact and not codes:
        exact.add("")
    partial = {normed[i] for i in codes}
    partial.update("".join(leading[: k + 1]) for k in range(len(leading)))
    values = tuple(normed[i] for i, k in enumerate(kinds) if k == "number" and i not in codes)
    page = table.row_pages[index] if index < len(table.row_pages) else None
    return RowView(index, frozenset(exact), frozenset(partial), "".join(normed), values, page)


# ── results ─────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One expected cell (or row, table, figure) not extracted right."""

    table: str
    row: str | None
    expected: str | None
    found: str | None
    reason: str
    """Chinese: 数值不同 / 缺少数值 / 没有找到此行 / 没有找到此表 / 没有找到此数字 / 单位不同 …"""

    def describe(self) -> str:
        where = self.table + (f"「{self.row}」行" if self.row is not None else "")
        if self.expected is not None and self.found is not None:
            what = f"应为 {self.expected}，读出 {self.found}"
        elif self.expected is not None:
            what = f"应为 {self.expected}"
        else:
            what = f"读出 {self.found}" if self.found is not None else ""
        return f"{where}：{self.reason}" + (f"（{what}）" if what else "")


@dataclass(frozen=True)
class TableScore:
    title: str
    page: int | None
    cells_expected: int
    cells_right: int
    found: str | None = None
    """Title of the raw table it was matched with (None: not found)."""
    found_pages: tuple[int, ...] = ()
    mismatches: tuple[Mismatch, ...] = ()
    extra_cells: int = 0
    """Numeric cells read in matched rows beyond the expected ones."""


@dataclass(frozen=True)
class Score:
    name: str
    file: str
    tables: tuple[TableScore, ...]
    figures_expected: int = 0
    figures_right: int = 0
    figures_scored: bool = False
    """False when recognition (``document_from_raw``) is not available: figures were not scored."""
    figure_mismatches: tuple[Mismatch, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def cells_expected(self) -> int:
        return sum(t.cells_expected for t in self.tables)

    @property
    def cells_right(self) -> int:
        return sum(t.cells_right for t in self.tables)

    @property
    def tables_found(self) -> int:
        return sum(1 for t in self.tables if t.found is not None)

    @property
    def percent(self) -> Decimal:
        return _pct(self.cells_right, self.cells_expected)

    @property
    def figures_percent(self) -> Decimal:
        return _pct(self.figures_right, self.figures_expected)

    @property
    def perfect(self) -> bool:
        figures_ok = not self.figures_scored or self.figures_right == self.figures_expected
        return (self.cells_right == self.cells_expected and self.tables_found == len(self.tables)
                and figures_ok and not self.mismatches())

    def mismatches(self) -> list[Mismatch]:
        return [m for t in self.tables for m in t.mismatches] + list(self.figure_mismatches)


def _pct(right: int, expected: int) -> Decimal:
    if not expected:
        return Decimal(100)
    return (Decimal(100) * right / expected).quantize(Decimal("0.01"))


# ── matching ────────────────────────────────────────────────────────────────────────────────


def _title_tier(expected: str, found: str) -> int | None:
    e, f = norm_title(expected), norm_title(found)
    if not f:
        return None
    if e == f:
        return 0
    e2, f2 = _YEAR.sub("", e), _YEAR.sub("", f)
    if e2 == f2:
        return 1
    if e2 and f2 and (e2 in f2 or f2 in e2):
        return 2
    return None


def _pick_table(expected: ExpectedTable, tables: Sequence[RawTable], used: set[int]) -> int | None:
    best: tuple[int, int, int, int] | None = None
    for i, t in enumerate(tables):
        tier = _title_tier(expected.title, t.title)
        if tier is None:
            continue
        page_miss = 0 if expected.page is None or expected.page in t.pages else 1
        key = (i in used, tier, page_miss, i)
        if best is None or key < best:
            best = key
    return best[3] if best is not None else None


def _common(expected: Sequence[str], found: Sequence[str]) -> SequenceMatcher[str]:
    return SequenceMatcher(None, [canonical(v) for v in expected], [canonical(v) for v in found], autojunk=False)


def _matched(expected: Sequence[str], found: Sequence[str]) -> int:
    return sum(b.size for b in _common(expected, found).get_matching_blocks())


def _pick_row(row: ExpectedRow, views: Sequence[RowView], used: set[int], cursor: int) -> int | None:
    label = norm(row.label)
    tiers: list[Callable[[RowView], bool]] = [
        lambda v: label in v.exact,
        lambda v: label in v.partial,
        lambda v: bool(label) and label in v.text,
    ]
    for test in tiers:
        candidates = [v for v in views if v.index not in used and test(v)]
        if candidates:
            def rank(v: RowView) -> tuple[int, int, int]:
                return (-_matched(row.values, v.values), 0 if v.index >= cursor else 1, v.index)

            return min(candidates, key=rank).index
    return None


def _score_rows(expected: ExpectedTable, table: RawTable, used: set[int]) -> tuple[int, list[Mismatch], int]:
    views = [row_view(table, i) for i in range(len(table.rows))]
    right = extra = 0
    mismatches: list[Mismatch] = []
    cursor = 0
    for row in expected.rows:
        index = _pick_row(row, views, used, cursor)
        if index is None:
            nearest = next((v for v in views if v.index >= cursor and v.index not in used), None)
            hint = f"此处读出的行：{nearest.label or '（无标签）'} {' '.join(nearest.values)}" if nearest else None
            mismatches.append(Mismatch(expected.title, row.label, " ".join(row.values) or None, hint,
                                       "没有找到此行"))
            continue
        used.add(index)
        cursor = index + 1
        found = views[index].values
        lost: list[int] = []
        spare: list[int] = []
        for tag, i1, i2, j1, j2 in _common(row.values, found).get_opcodes():
            if tag == "equal":
                right += i2 - i1
            else:
                lost.extend(range(i1, i2))
                spare.extend(range(j1, j2))
        # unmatched expected cells are paired, in order, with the row's unmatched read cells
        for n, k in enumerate(lost):
            if n < len(spare):
                mismatches.append(Mismatch(expected.title, row.label, row.values[k], found[spare[n]], "数值不同"))
            else:
                mismatches.append(Mismatch(expected.title, row.label, row.values[k], None, "缺少数值"))
        extra += max(0, len(spare) - len(lost))
    return right, mismatches, extra


def score_tables(raw: RawDocument, expected: ExpectedDocument) -> list[TableScore]:
    tables = raw.tables()
    used_tables: set[int] = set()
    used_rows: dict[int, set[int]] = {}
    scores: list[TableScore] = []
    for exp in expected.tables:
        index = _pick_table(exp, tables, used_tables)
        if index is None:
            mismatch = Mismatch(exp.title, None, f"{exp.cells} 个数值", None, "没有找到此表")
            scores.append(TableScore(exp.title, exp.page, exp.cells, 0, mismatches=(mismatch,)))
            continue
        table = tables[index]
        used_tables.add(index)
        right, mismatches, extra = _score_rows(exp, table, used_rows.setdefault(index, set()))
        if exp.unit and table.unit and norm(exp.unit) != norm(table.unit):
            mismatches.insert(0, Mismatch(exp.title, None, exp.unit, table.unit, "单位不同"))
        scores.append(TableScore(exp.title, exp.page, exp.cells, right, table.title, table.pages,
                                 tuple(mismatches), extra))
    return scores


# ── narrative figures ───────────────────────────────────────────────────────────────────────


def _claim_amounts(document: Any) -> dict[str, set[str]]:
    """Metric → the amounts the paragraphs claim (both the value and the figure as printed)."""
    amounts: dict[str, set[str]] = {}
    for paragraph in document.paragraphs():
        for claim in getattr(paragraph, "claims", ()):
            if claim.kind != "amount":
                continue
            seen = amounts.setdefault(claim.metric, set())
            seen.add(canonical(str(claim.value)))
            printed = re.sub(r"[^\d.,\-]", "", unicodedata.normalize("NFKC", claim.text))
            if printed:
                seen.add(canonical(printed))
    return amounts


def score_figures(document: Any, expected: ExpectedDocument) -> tuple[int, list[Mismatch]]:
    amounts = _claim_amounts(document)
    right = 0
    mismatches: list[Mismatch] = []
    for metric, value in expected.figures.items():
        found = amounts.get(metric, set())
        if canonical(value) in found:
            right += 1
        else:
            mismatches.append(Mismatch("说明文字", metric, value, "、".join(sorted(found)) or None,
                                       "数字不同" if found else "没有找到此数字"))
    return right, mismatches


def _recognise() -> Callable[[RawDocument], Any] | None:
    try:
        from yusuan.importer.audit import document_from_raw
    except ImportError:
        return None

    def document(raw: RawDocument) -> Any:
        result = document_from_raw(raw)
        return result[0] if isinstance(result, tuple) else result

    return document


def score(raw: RawDocument, expected: ExpectedDocument, *,
          recognise: Callable[[RawDocument], Any] | None = None, figures: bool = True) -> Score:
    """Score what a reader extracted from one document against its expected data.

    The narrative's figures are scored against ``recognise(raw)`` (default: recognition's
    ``document_from_raw``, when available); ``figures=False`` scores the tables only.
    """
    tables = score_tables(raw, expected)
    recognise = recognise or (_recognise() if figures else None)
    notes: list[str] = []
    figures_right, scored = 0, False
    figure_mismatches: list[Mismatch] = []
    if expected.figures and figures:
        if recognise is None:
            notes.append("识别模块不可用，未评分说明文字中的数字")
        else:
            figures_right, figure_mismatches = score_figures(recognise(raw), expected)
            scored = True
    return Score(expected.name, expected.file, tuple(tables), len(expected.figures) if scored else 0,
                 figures_right, scored, tuple(figure_mismatches), tuple(notes))


# ── output ──────────────────────────────────────────────────────────────────────────────────


def score_data(s: Score) -> dict[str, Any]:
    return {
        "name": s.name, "file": s.file,
        "cells_expected": s.cells_expected, "cells_right": s.cells_right, "percent": str(s.percent),
        "tables_expected": len(s.tables), "tables_found": s.tables_found,
        "figures_expected": s.figures_expected, "figures_right": s.figures_right, "figures_scored": s.figures_scored,
        "tables": [{"title": t.title, "page": t.page, "found": t.found, "found_pages": list(t.found_pages),
                    "cells_expected": t.cells_expected, "cells_right": t.cells_right, "extra_cells": t.extra_cells,
                    "mismatches": [m.describe() for m in t.mismatches]} for t in s.tables],
        "figure_mismatches": [m.describe() for m in s.figure_mismatches],
        "notes": list(s.notes),
    }


def format_score(s: Score, *, limit: int | None = 20) -> list[str]:
    """Lines describing one document's score (at most ``limit`` mismatches, None: all)."""
    lines = [f"{s.name}（{s.file}）：单元格 {s.cells_right}/{s.cells_expected}（{s.percent}%），"
             f"表 {s.tables_found}/{len(s.tables)}"
             + (f"，说明数字 {s.figures_right}/{s.figures_expected}" if s.figures_scored else "")]
    for t in s.tables:
        if t.cells_right != t.cells_expected or t.found is None or t.mismatches:
            pages = ",".join(str(p) for p in t.found_pages)
            lines.append(f"  {t.title}：{t.cells_right}/{t.cells_expected}"
                         + (f"（读出的表：{t.found}，第 {pages} 页）" if t.found else "（没有找到）"))
    mismatches = s.mismatches()
    shown = mismatches if limit is None else mismatches[:limit]
    lines.extend(f"    - {m.describe()}" for m in shown)
    if len(shown) < len(mismatches):
        lines.append(f"    …另有 {len(mismatches) - len(shown)} 处不符（--all 显示全部）")
    lines.extend(f"  注：{n}" for n in s.notes)
    return lines


def locate(file: str, directories: Iterable[Path]) -> Path | None:
    """The document an expected-data file describes: ``file`` looked up in ``directories`` (first found)."""
    for directory in directories:
        path = directory / file
        if path.is_file():
            return path
    return None


def overall(scores: Iterable[Score]) -> tuple[int, int, Decimal]:
    items = list(scores)
    expected = sum(s.cells_expected for s in items)
    right = sum(s.cells_right for s in items)
    return right, expected, _pct(right, expected)


__all__ = [
    "Mismatch", "RowView", "Score", "TableScore", "canonical", "format_score", "locate", "norm", "norm_title",
    "overall",
    "row_view", "score", "score_data", "score_figures", "score_tables",
]
