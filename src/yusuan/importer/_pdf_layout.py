"""Narrative of a PDF: page furniture, lines joined into paragraphs, headings.

A line starts a new paragraph when it is indented (the first-line indent of Chinese
text), when the line before it ended short of the right margin, after a wider gap than
the page's usual line spacing, when the type size changes, or when it opens with a
heading number (第一部分, 一、, （一）, 1.).  A paragraph continues over a page break when
the last line of the page runs to the margin and the next page's first line is not
indented.  Short single-line paragraphs with a heading number or in a larger type are
headings; the entries of a table of contents are kept one per paragraph, without their
leader dots and page numbers, and are not headings.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from yusuan.importer._pdf_text import Line, join_pieces, spaced_text
from yusuan.importer.model import RawParagraph

_CN = "一二三四五六七八九十百"
HEADING_RE = re.compile(
    r"^(第[" + _CN + r"\d]+部分|[" + _CN + r"]{1,3}\s*[、.．]|[（(][" + _CN + r"]{1,3}[)）]|\d{1,2}\s*[、.．](?!\d)"
    r"|[（(]\d{1,2}[)）])"
)
PART_RE = re.compile(r"^第[" + _CN + r"\d]+部分")
_TOC_RE = re.compile(r"^目\s*录$")
_LEADER_RE = re.compile(r"(?:\s*[.…·．。_\-—]){3,}\s*\d*\s*$|\s+\d{1,3}$")
_DIGITS_RE = re.compile(r"\d+")
_SPACES_RE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


def _key(text: str) -> str:
    return _DIGITS_RE.sub("#", text.replace(" ", ""))


def running_texts(pages: Sequence[tuple[float, Sequence[Line]]], keep: Callable[[str], bool]) -> set[str]:
    """Texts printed in the top or bottom band of many pages (running headers and footers)."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for height, lines in pages:
        band = 0.1 * height
        keys = {_key(ln.text) for ln in lines if (ln.bottom < band or ln.top > height - band) and not keep(ln.text)}
        seen.update(keys)
    need = max(3, int(0.3 * len(pages)))
    return {key for key, count in seen.items() if count >= need}


def is_running(text: str, running: set[str]) -> bool:
    return _key(text) in running


def _mode_edge(values: list[float], lowest: bool) -> float | None:
    """The leftmost (or rightmost) position shared by at least two lines (3 pt apart at most)."""
    ordered = sorted(values, reverse=not lowest)
    for i in range(len(ordered) - 1):
        if abs(ordered[i] - ordered[i + 1]) <= 3.0:
            return ordered[i]
    return None


def _first_token_width(line: Line) -> float:
    """Width of what cannot be broken at the start of a line: a number with its unit sign and the
    punctuation after it (``28.89%。``), or one character and its punctuation."""
    glyphs = line.glyphs
    end = 0
    while end < len(glyphs) and not _ideograph(glyphs[end].text):
        end += 1
    if end == 0:
        end = 1
    while end < len(glyphs) and glyphs[end].text in _NO_BREAK_BEFORE:
        end += 1
    return glyphs[end - 1].x1 - glyphs[0].x0


_NO_BREAK_BEFORE = frozenset("，。、；：？！）》”’%％")


def _ideograph(text: str) -> bool:
    return bool(text) and ("\u3400" <= text[0] <= "\u9fff" or "\uf900" <= text[0] <= "\ufaff")


def demote_lists(paragraphs: list[RawParagraph]) -> None:
    """Three or more numbered one-line "headings" in a row are a list, not headings."""
    run: list[int] = []
    for index in range(len(paragraphs) + 1):
        para = paragraphs[index] if index < len(paragraphs) else None
        if para is not None and para.heading and _ITEM_RE.match(para.text):
            run.append(index)
            continue
        if len(run) >= 3:
            for k in run:
                paragraphs[k] = RawParagraph(paragraphs[k].text, paragraphs[k].page, heading=False)
        run = []


_ITEM_RE = re.compile(r"^(\d{1,2}|[（(]\d{1,2}[)）])")


class Paragraphs:
    """Collects narrative lines into :class:`RawParagraph` blocks."""

    def __init__(self, body_size: float) -> None:
        self.body_size = body_size
        self.done: list[RawParagraph] = []
        self.lines: list[Line] = []
        self.line_pages: list[int] = []
        self.page = 0
        self.start = 0
        self.left = 0.0
        self.right = 0.0
        self.gap = 0.0
        self.prev_right = 0.0
        self.toc_page = -1

    def start_page(self, number: int, lines: Sequence[Line]) -> None:
        """Margins and usual line gap of a page's narrative lines."""
        self.prev_right = self.right
        self.page = number
        long_lines = [ln for ln in lines if len(ln.text) >= 6] or list(lines)
        if not long_lines:
            return
        left = _mode_edge([ln.x0 for ln in long_lines], lowest=True)
        right = _mode_edge([ln.x1 for ln in long_lines], lowest=False)
        self.left = left if left is not None else min(ln.x0 for ln in long_lines)
        self.right = right if right is not None else max(ln.x1 for ln in long_lines)
        gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(lines) if b.top > a.bottom)
        self.gap = gaps[len(gaps) // 2] if gaps else 0.0

    def add(self, line: Line) -> None:
        text = line.text
        if _TOC_RE.match(text.replace(" ", "")):
            self._close()
            self.lines, self.line_pages = [line], [self.page]
            self.start = self.page
            self._close()
            self.toc_page = self.page
            return
        if self.toc_page == self.page - 1 and not self.lines and _LEADER_RE.search(text):
            self.toc_page = self.page  # the table of contents goes on over the page
        if self.toc_page == self.page:
            self._close()
            entry = _collapse(_LEADER_RE.sub("", spaced_text(line)))
            if entry:
                self.done.append(RawParagraph(entry, self.page, heading=False))
            return
        if self.lines and self._breaks(self.lines[-1], line):
            self._close()
        if not self.lines:
            self.start = self.page
        self.lines.append(line)
        self.line_pages.append(self.page)

    def _breaks(self, prev: Line, line: Line) -> bool:
        size = line.size
        if abs(prev.size - size) > 0.15 * max(prev.size, size):
            return True
        if (size >= 1.3 * self.body_size and self.line_pages[-1] == self.page and not HEADING_RE.match(line.text)
                and line.top - prev.bottom < 1.0 * size):
            return False  # a title in large type wrapped over two lines
        if HEADING_RE.match(line.text) or self._centered(line):
            return True
        if line.x0 > self.left + 1.0 * size:
            return True
        new_page = self.line_pages[-1] != self.page
        right = self.prev_right if new_page else self.right
        if prev.x1 < right - 1.5 * size and _first_token_width(line) < right - prev.x1 - 0.3 * size:
            return True  # ended short although the next line's first word would have fitted
        if new_page:
            return False
        return line.top - prev.bottom > max(1.2 * size, self.gap + 0.6 * size)

    def _centered(self, line: Line) -> bool:
        if self.right - self.left < 10 * line.size:
            return False
        left_gap, right_gap = line.x0 - self.left, self.right - line.x1
        return left_gap > 3 * line.size and right_gap > 3 * line.size and abs(left_gap - right_gap) < 2 * line.size

    def _is_heading(self, lines: list[Line]) -> bool:
        if not lines or len(lines) > 2:
            return False
        text = join_pieces(ln.text for ln in lines)
        if PART_RE.match(text):
            return True
        if len(text) > 40 or "。" in text or text.endswith(("；", "，", ",", ";")):
            return False
        if HEADING_RE.match(text):
            return True
        large = all(ln.size >= 1.15 * self.body_size for ln in lines)
        return large or (len(lines) == 1 and self._centered(lines[0]) and len(text) <= 30)

    def _close(self) -> None:
        if not self.lines:
            return
        text = _collapse(join_pieces(spaced_text(ln) for ln in self.lines))
        if text:
            self.done.append(RawParagraph(text, self.start, heading=self._is_heading(self.lines)))
        self.lines, self.line_pages = [], []

    def flush(self) -> list[RawParagraph]:
        """Paragraphs finished so far (the open one included)."""
        self._close()
        out, self.done = self.done, []
        demote_lists(out)
        return out
