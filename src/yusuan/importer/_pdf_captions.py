"""What is printed around a table: its number and title, 单位 and 部门 lines above it, notes under it.

Upwards from a table: the 单位/部门 lines (a 部门 name may wrap in a narrow text box),
then the title line nearest the table (a line with 表) and the lines above it that
belong to it: the printed number (``公开 01 表``) or the first part of a wrapped title.
The number is split from the title (``公开01表``, ``预算01表``, ``表1``, or the ``一、`` /
``1.`` of a numbered title); spaces next to Chinese characters are dropped.

Under a table: 注：…, 备注：…, 说明：… and the empty-table statement (本表为空 …), with
their wrapped lines joined and their numbered items (1. 2. …) kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.importer._pdf_tables import Grid, drop_bottom, drop_top, is_amount, row_texts
from yusuan.importer._pdf_text import Line, join_pieces, split_segments, tidy

_CN_NUM = "一二三四五六七八九十"
UNIT_RE = re.compile(r"(?:金额|货币)?单位\s*[:：]\s*(万元|千元|亿元|元)")
ORG_RE = re.compile(r"^(编制部门|部门名称|部门|单位名称|预算单位|填报单位|编制单位|预算主管部门)\s*[:：]")
PART_RE = re.compile(r"^第[" + _CN_NUM + r"\d]+部分")
NOTE_RE = re.compile(r"^(注|备注|说明|附注)\s*[:：\d一1]|^注\s*[:：]?")
_NUMBER_ONLY_RE = re.compile(r"^((?:公开|预算|部门预算|附)\s*\d+\s*表|表\s*[\d" + _CN_NUM + r"]+|附表\s*\d+)$")
_NUMBER_PREFIX_RES = (
    re.compile(r"^(?P<num>(?:公开|预算|部门预算|附)\s*\d+\s*表|附表\s*\d+|表\s*[\d" + _CN_NUM + r"]+)\s*[:：]?\s*"),
    re.compile(r"^(?P<num>[" + _CN_NUM + r"]{1,3})\s*[、.．]\s*"),
    re.compile(r"^(?P<num>\d{1,2})\s*(?:、\s*|[.．](?!\d)\s*)"),
)
_NUMBER_SUFFIX_RE = re.compile(r"[（(]\s*(?P<num>(?:公开|预算|部门预算)\s*\d+\s*表)\s*[)）]$")
_EMPTY_NOTE_RE = re.compile(r"本表为空|此表为空|无相关|本部门无|无此项|没有.*(收支|支出|收入|预算)")
_NOTE_ITEM_RE = re.compile(r"^(\d{1,2}|[" + _CN_NUM + r"]{1,2})\s*[.．、]|^[（(]\d{1,2}[)）]")


@dataclass(slots=True)
class Caption:
    """A table's number, title, unit, 部门 line and notes as printed."""

    title: str = ""
    number: str | None = None
    unit: str | None = None
    org: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def titled(self) -> bool:
        return bool(self.title or self.number)


def starts_table(text: str) -> bool:
    """A 单位 line: a table without rules may follow it."""
    return UNIT_RE.search(text) is not None


def ends_table(text: str) -> bool:
    """A line that cannot be in a table without rules: a note, a part heading, a 单位 line."""
    return bool(NOTE_RE.match(text) or PART_RE.match(text) or UNIT_RE.search(text))


def is_meta(text: str) -> bool:
    """A 单位 line or a 部门 line."""
    return bool(UNIT_RE.search(text) or ORG_RE.match(text))


def _title_like(text: str) -> bool:
    if PART_RE.match(text) or text.endswith(("。", "；", ";")) or len(text) > 60:
        return False
    return "表" in text or bool(_NUMBER_ONLY_RE.match(text.replace(" ", "")))


def _has_number(text: str) -> bool:
    compact = text.replace(" ", "")
    return any(p.match(compact) for p in _NUMBER_PREFIX_RES) or bool(_NUMBER_ONLY_RE.match(compact))


def _parse_meta(lines: list[Line], caption: Caption) -> None:
    """单位 and 部门 from the lines between the title and the table (top to bottom)."""
    parts: list[str] = []
    org_line: Line | None = None
    org_x = 0.0
    for line in lines:
        unit = UNIT_RE.search(line.text)
        if unit:
            caption.unit = unit.group(1)
        for seg in split_segments(line, 2.0):
            text = tidy(seg.text)
            found = UNIT_RE.search(text)
            if found:
                before = text[: found.start()].strip()
                if before and org_line is line:
                    parts.append(before)
                continue
            if org_line is None:
                if ORG_RE.match(text):
                    parts.append(text)
                    org_line, org_x = line, seg.x0
            elif org_line is line or (abs(seg.x0 - org_x) <= 3.0 and len(text) <= 30):
                parts.append(text)  # the name after 部门：, or its continuation in a narrow box
    if parts:
        caption.org = re.sub(r"^(.*?[:：])\s+", r"\1", join_pieces(parts))


def _parse_title(text: str, caption: Caption) -> None:
    text = tidy(text)
    number: str | None = None
    suffix = _NUMBER_SUFFIX_RE.search(text)
    if suffix:
        number = suffix.group("num")
        text = text[: suffix.start()].strip()
    else:
        for pattern in _NUMBER_PREFIX_RES:
            match = pattern.match(text)
            if match:
                number = match.group("num")
                text = text[match.end():].strip()
                break
    caption.number = number.replace(" ", "") if number else None
    caption.title = text.strip("：: ")


def take_title(above: list[Line], table_top: float, caption: Caption) -> list[Line]:
    """Fill ``caption`` from the lines above a table (top to bottom); return the lines used."""
    candidates: list[Line] = []
    limit = table_top
    for line in reversed(above):
        text = line.text
        if limit - line.bottom > max(4.0 * line.size, 48.0) or len(candidates) >= 8:
            break
        if PART_RE.match(text) or text.endswith(("。", "；", ";")) or len(text) > 60:
            break
        candidates.append(line)
        limit = line.top
    lowest = next((k for k, line in enumerate(candidates) if _title_like(line.text)), None)
    if lowest is None:
        meta = [k for k, line in enumerate(candidates) if is_meta(line.text)]
        if not meta:
            return []
        zone = candidates[: meta[-1] + 1]
        _parse_meta(list(reversed(zone)), caption)
        return zone
    title = [candidates[lowest]]
    k = lowest + 1
    while k < len(candidates) and not _has_number(title[-1].text):
        text = candidates[k].text
        if (_has_number(text) and not text.endswith("表")) or _NUMBER_ONLY_RE.match(text.replace(" ", "")):
            title.append(candidates[k])
            k += 1
        else:
            break
    zone = candidates[:lowest]
    _parse_meta(list(reversed(zone)), caption)
    _parse_title(join_pieces(line.text for line in reversed(title)), caption)
    return zone + title


def take_notes(below: list[Line], table_bottom: float, caption: Caption) -> list[Line]:
    """Fill ``caption.notes`` from the lines under a table (top to bottom); return the lines used."""
    used: list[Line] = []
    notes: list[str] = []
    last = table_bottom
    for line in below:
        text = line.text
        gap = line.top - last
        if not used:
            if gap > max(3.0 * line.size, 30.0) or not (NOTE_RE.match(text) or _EMPTY_NOTE_RE.search(text)):
                break
            notes.append(text)
        else:
            item = bool(_NOTE_ITEM_RE.match(text) or NOTE_RE.match(text))
            if gap > (2.4 if item else 1.6) * line.size or PART_RE.match(text) or "表" in text[-3:]:
                break
            if item:
                notes.append(text)
            else:
                notes[-1] = join_pieces([notes[-1], text])
        used.append(line)
        last = line.bottom
    caption.notes = [tidy(n) for n in notes]
    return used


def caption_rows(grid: Grid, caption: Caption) -> Grid | None:
    """Take the title, 单位 and 部门 printed in the first rows of a ruled table and the notes
    printed in its last rows (tables exported from spreadsheets) into ``caption``."""
    while grid.n_rows > 1:
        texts = row_texts(grid, 0)
        if not texts or len(texts) > 3 or any(is_amount(t) for t in texts):
            break
        if all(is_meta(t) for t in texts):
            for text in texts:
                unit = UNIT_RE.search(text)
                if unit:
                    caption.unit = caption.unit or unit.group(1)
                    text = text[: unit.start()].strip()
                if ORG_RE.match(text) and not caption.org:
                    caption.org = re.sub(r"^(.*?[:：])\s+", r"\1", text)
        elif len(texts) == 1 and _title_like(texts[0]) and not caption.titled:
            _parse_title(texts[0], caption)
        else:
            break
        top = drop_top(grid, 1)
        if top is None:
            return None
        grid = top
    while grid.n_rows > 1:
        texts = row_texts(grid, grid.n_rows - 1)
        if len(texts) != 1 or not (NOTE_RE.match(texts[0]) or _EMPTY_NOTE_RE.search(texts[0])):
            break
        caption.notes.insert(0, texts[0])
        bottom = drop_bottom(grid, 1)
        if bottom is None:
            return None
        grid = bottom
    return grid
