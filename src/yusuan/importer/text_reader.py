"""Read text extracted from a published disclosure (the seeds) into a :class:`RawDocument`.

The file is decoded (UTF-8, or UTF-16 with a byte-order mark), compatibility characters are
NFKC-normalised (full-width punctuation kept as printed) and split into lines; form feeds (or
printed page numbers such as ``- 3 -`` / ``第 3 页``) give the pages, otherwise pages are unknown.

A **table** starts at a title line ending in 表 (``2024 年部门收支总体情况表``) that is followed by
its 部门名称/单位 line, a year line such as ``（2020年度）`` or TAB-separated cells; the number line
(``预算 01 表``) before or after the title and the 单位 line (also when split as ``单位：`` /
``万元``) are read into the table.  Tables with TAB-separated cells are read by
:mod:`yusuan.importer._text_tables`, tables flattened to lines by :mod:`yusuan.importer._text_flat`.
A table printed again under the same title on the next page (header repeated, no 合计 row
first, no note in between) is one table.

Everything else is **narrative**: lines are joined into paragraphs across line breaks and blank
lines while the sentence goes on (no 。！？ at the end; ：；，、 count as an end only on a line
shorter than the text's wrapping width); headings are markdown headings, 第X部分, the title
right under a bare 第X部分, short 一、… / （一）… lines and 附件： lines.  URL and date lines stay
paragraphs of their own.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yusuan.importer._text_flat import FlatTable, hints_of, place_numbers, raw_rows, read_flat
from yusuan.importer._text_tables import (
    NOTE_START,
    NUMBER_LINE,
    UNIT_WORDS,
    YEAR_LINE,
    Grid,
    Line,
    Meta,
    is_meta_line,
    is_total_label,
    is_unit_only,
    number_text,
    read_grid,
    split_number_prefix,
    title_text,
)
from yusuan.importer.cells import clean, normalize_printed, numbering
from yusuan.importer.model import DisclosureReadError, RawBlock, RawDocument, RawParagraph, RawTable

__all__ = ["read_text", "read_text_string"]

# ── decoding and normalising ─────────────────────────────────────────────────────────────────

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise DisclosureReadError("文件是空的，没有可读入的文字", name)
    if data.startswith(b"%PDF"):
        raise DisclosureReadError("这是 PDF 文件，不是提取出的文本：请以 .pdf 文件导入", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DisclosureReadError("文件以 UTF-16 标记开头，但内容无法按 UTF-16 解码", name) from exc
    if b"\x00" in data[:65536]:
        at = data.index(b"\x00") + 1
        raise DisclosureReadError(f"文件含有二进制数据（第 {at} 字节），不是文本文件", name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            if _CJK.search(data.decode("gb18030")):
                hint = "，看起来是 GBK/GB18030 编码"
        except UnicodeDecodeError:
            pass
        raise DisclosureReadError(
            f"文件不是 UTF-8 编码的文本（第 {line} 行第 {exc.start + 1} 字节无法解码{hint}），请另存为 UTF-8 后再导入",
            name) from exc


def normalize(text: str) -> str:
    """NFKC except full-width punctuation; invisible characters removed; line breaks unified."""
    # full-width punctuation is kept as printed, as the PDF reader does (cells.normalize_printed)
    return normalize_printed(text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE))


def _check_text(text: str, name: str) -> None:
    if not text.strip():
        raise DisclosureReadError("文件是空的，没有可读入的文字", name)
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\f")
    if controls > max(8, len(text) // 100):
        raise DisclosureReadError("文件含有大量控制字符，不是提取出的文本", name)
    if not _CJK.search(text):
        raise DisclosureReadError("文件里没有中文文字，不是部门预算公开的文本", name)


# ── lines and pages ──────────────────────────────────────────────────────────────────────────

_PAGE_MARK = re.compile(r"^(?:[-—–－]\s*(\d{1,4})\s*[-—–－]|第\s*(\d{1,4})\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?)$")


def _lines(text: str) -> tuple[list[Line], int]:
    """The lines with their pages (None when the text has neither form feeds nor page numbers)."""
    raw = text.split("\n")
    if "\f" in text:
        lines: list[Line] = []
        page = 1
        for n, t in enumerate(raw, 1):
            page += t.count("\f")
            lines.append(Line(t.replace("\f", "").rstrip(), n, page))
        last = max((ln.page or 1 for ln in lines if not ln.blank), default=1)
        return lines, last
    marks = [(n, m) for n, t in enumerate(raw) if (m := _PAGE_MARK.match(t.strip()))]
    if not marks:
        return [Line(t.rstrip(), n) for n, t in enumerate(raw, 1)], 0
    numbers = [int(m.group(1) or m.group(2)) for _, m in marks]
    if any(b <= a for a, b in itertools.pairwise(numbers)):
        numbers = list(range(1, len(marks) + 1))
    lines = []
    at = 0
    for n, t in enumerate(raw):
        while at < len(marks) and marks[at][0] < n:
            at += 1
        if at < len(marks) and marks[at][0] == n:
            continue  # the page number itself is page furniture
        page = numbers[at] if at < len(marks) else numbers[-1] + 1
        lines.append(Line(t.rstrip(), n + 1, page))
    last = max((ln.page or 1 for ln in lines if not ln.blank), default=1)
    return lines, last


# ── finding the tables ───────────────────────────────────────────────────────────────────────

_MD_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_CONTINUED = re.compile(r"\s*[（(]\s*续\s*[）)]\s*$")
"""``（续）`` after a title printed again on the next page."""
_LIST_ITEM = re.compile(r"^[-*•·]\s+(.*)$")
_SENTENCE_PUNCT = re.compile(r"[，。；！？]")


def _plain(text: str) -> str:
    """A line without markdown heading marks and bold markers."""
    text = text.strip()
    m = _MD_HEADING.match(text)
    if m:
        text = m.group(1)
    return text.replace("**", "").strip()


def _is_title_candidate(line: Line) -> bool:
    if line.blank or line.tabbed or _LIST_ITEM.match(line.stripped):
        return False
    _, text = split_number_prefix(_plain(line.text))
    squashed = _CONTINUED.sub("", re.sub(r"\s+", "", text))
    return (squashed.endswith("表") and 2 < len(squashed) <= 60 and not NUMBER_LINE.match(squashed)
            and numbering(squashed) is None and not squashed.startswith("附件") and "《" not in squashed
            and not _SENTENCE_PUNCT.search(squashed))


@dataclass(slots=True)
class _Region:
    title: str
    number: str | None
    meta: Meta
    lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first: Line | None = None


class _Scanner:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def next_filled(self, k: int) -> int | None:
        while k < len(self.lines):
            if not self.lines[k].blank:
                return k
            k += 1
        return None

    def confirmed(self, k: int) -> bool:
        """Whether the title candidate at ``k`` heads a table (its 单位 line, year line or cells follow)."""
        at = self.next_filled(k + 1)
        for _ in range(3):
            if at is None:
                return False
            line = self.lines[at]
            s = line.stripped
            if line.tabbed or is_meta_line(s) or is_unit_only(s) or YEAR_LINE.match(s):
                return True
            if not NUMBER_LINE.match(re.sub(r"\s+", "", s)):
                return False
            at = self.next_filled(at + 1)
        return False

    def table_start(self, k: int) -> tuple[str | None, int] | None:
        """(number, title line) when a table starts at line ``k``."""
        line = self.lines[k]
        if line.blank:
            return None
        if NUMBER_LINE.match(re.sub(r"\s+", "", line.stripped)):
            at = self.next_filled(k + 1)
            if at is not None and _is_title_candidate(self.lines[at]) and self.confirmed(at):
                return number_text(line.stripped), at
            return None
        if _is_title_candidate(line) and self.confirmed(k):
            return None, k
        return None

    def region(self, number: str | None, k: int) -> tuple[_Region, int]:
        prefix, text = split_number_prefix(_plain(self.lines[k].text))
        region = _Region(title_text(_CONTINUED.sub("", text)), number or prefix, Meta(), first=self.lines[k])
        k += 1
        while k < len(self.lines):  # the lines between the title and the table
            line = self.lines[k]
            s = line.stripped
            if line.blank:
                k += 1
            elif YEAR_LINE.match(s):
                region.title += clean(s)
                k += 1
            elif NUMBER_LINE.match(re.sub(r"\s+", "", s)) and region.number is None and self.table_start(k) is None:
                region.number = number_text(s)
                k += 1
            elif is_unit_only(s):
                at = self.next_filled(k + 1)
                if at is not None and self.lines[at].stripped in UNIT_WORDS:
                    region.meta.unit = region.meta.unit or self.lines[at].stripped
                    k = at + 1
                else:
                    k += 1
            elif not line.tabbed and region.meta.read(s):
                k += 1
            else:
                break
        first = self.next_filled(k)
        tabbed = first is not None and self.lines[first].tabbed
        note_open = False
        note_done = False
        while k < len(self.lines):
            line = self.lines[k]
            s = line.stripped
            if self.table_start(k) is not None or (not tabbed and _is_part_heading(s)):
                break
            if line.blank:
                if note_open and region.notes and _ends_sentence(region.notes[-1]):
                    note_done = True
                region.lines.append(line)
                k += 1
                continue
            if NOTE_START.match(s) and not line.tabbed:
                region.notes.append(clean(s))
                note_open, note_done = True, False
                k += 1
                continue
            if note_open and not line.tabbed:
                if note_done:
                    break
                region.notes[-1] = _join_text(region.notes[-1], s)
                k += 1
                continue
            if tabbed and not line.tabbed:
                break
            note_open = False
            region.lines.append(line)
            k += 1
        while region.lines and region.lines[-1].blank:
            region.lines.pop()
        return region, k


# ── paragraphs ───────────────────────────────────────────────────────────────────────────────

_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_ATTACHMENT = re.compile(r"^附件\s*[：:]")
_ENDS = ("。", "！", "？", "…", "!", "?")
_SOFT_ENDS = ("：", "；", ":", ";")


def _is_part_heading(text: str) -> bool:
    return bool(_PART.match(_plain(text))) or bool(_MD_HEADING.match(text.strip()))


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("”’)）").endswith(_ENDS) or text.rstrip().endswith(_ENDS)


def _width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text.strip())


def _join_text(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def _collapse(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


def _kind(text: str) -> str:
    """blank / md (markdown heading) / list / url / date / part / attachment / heading / text."""
    s = text.strip()
    if not s:
        return "blank"
    if _MD_HEADING.match(s):
        return "md"
    if _LIST_ITEM.match(s):
        return "list"
    if _URL.match(s):
        return "url"
    if _DATE.match(s):
        return "date"
    p = _plain(s)
    if _PART.match(p):
        return "part"
    if _ATTACHMENT.match(p):
        return "attachment"
    found = numbering(p)
    if found is not None and found[0] in ("chinese", "paren_chinese"):
        body = p.rstrip("。.")
        rest = body[len(body) - len(found[2]):] if found[2] else ""
        short = _width(p) <= (16 if body != p else 32)  # ``（四）国有资产占用情况。`` is a heading, a duty is not
        if short and not re.search(r"[，,；;：:。]", rest) and not (body != p and "、" in rest):
            return "heading"
    return "text"


def _paragraphs(lines: Sequence[Line], wrap: float) -> list[RawParagraph]:
    out: list[RawParagraph] = []
    current: list[str] = []
    page: int | None = None
    heading = False
    mode = ""  # "" text, "part-title" / "attachment" headings that may wrap onto a short line
    after_part = False
    last_line = ""

    def flush() -> None:
        nonlocal current, heading, mode
        if current:
            text = current[0]
            for piece in current[1:]:
                text = _join_text(text, piece)
            out.append(RawParagraph(_collapse(text), page, heading))
        current, heading, mode = [], False, ""

    for line in lines:
        kind = _kind(line.text)
        if kind == "blank":
            continue
        s = _plain(line.text) if kind in ("md", "part", "attachment", "heading") else line.stripped
        if kind == "list":
            s = _LIST_ITEM.match(line.stripped).group(1).strip()  # type: ignore[union-attr]
        if current and kind == "text" and _continues(current, mode, heading, last_line, s, wrap):
            current.append(s)
            last_line = s
            continue
        flush()
        page = line.page
        current = [s]
        last_line = s
        if kind in ("md", "part", "attachment", "heading"):
            heading = True
            mode = "attachment" if kind == "attachment" else ""
        elif kind == "text" and after_part and not _SENTENCE_PUNCT.search(s) and _width(s) <= 40:
            heading, mode = True, "part-title"
        after_part = kind == "part" and _PART.fullmatch(_plain(line.text)) is not None
        if kind in ("url", "date"):
            flush()
    flush()
    return out


def _starts_item(text: str) -> bool:
    """A line that starts a numbered item: 一、 （一） (1) 1、 1. — not a wrapped ``7，`` or ``13.87``."""
    found = numbering(text)
    if found is None:
        return False
    return found[0] != "arabic" or bool(re.match(r"^\d{1,2}(?:、|\.(?!\d))", text.strip()))


def _continues(current: list[str], mode: str, heading: bool, last: str, nxt: str, wrap: float) -> bool:
    if _starts_item(nxt) or _ends_sentence(last):
        return False
    if heading:
        if mode == "attachment" and len(current) == 1 and re.fullmatch(r"附件\s*[：:]", current[0]):
            return True
        return mode in ("part-title", "attachment") and _width(nxt) <= 8 and not _SENTENCE_PUNCT.search(nxt)
    if last.rstrip().endswith(_SOFT_ENDS) or last.rstrip().endswith(("，", "、")):
        return wrap > 0 and _width(last) >= 0.85 * wrap
    return True


def _wrap_width(lines: Sequence[Line]) -> float:
    """The width the narrative was wrapped at (80th percentile of its text lines), 0 when unwrapped."""
    widths = sorted(_width(line.text) for line in lines if _kind(line.text) == "text")
    if len(widths) < 10:
        return 0.0
    wrap = widths[int(len(widths) * 0.8)]
    full = sum(1 for w in widths if w >= 0.85 * wrap)
    return wrap if full >= len(widths) * 0.3 and wrap <= 60 else 0.0


# ── tables ───────────────────────────────────────────────────────────────────────────────────

_FORM_TITLE = re.compile(r"绩效目标表")


@dataclass(slots=True)
class _Table:
    region: _Region
    grid: Grid | None = None
    flat: FlatTable | None = None

    @property
    def closed(self) -> bool:
        """A table that ended: a note under it, or a 收支 table whose 合计 row was printed."""
        if self.region.notes:
            return True
        if self.flat is not None and self.flat.layout is not None and self.flat.layout.kind == "balance":
            cols = [g[0] for g in self.flat.layout.groups]
            return any(re.search(r"(合计|总计)$", row.cells[c]) for row in self.flat.rows for c in cols)
        return False

    def starts_with_total(self) -> bool:
        if self.grid is not None and self.grid.rows:
            return any(is_total_label(c) for c in self.grid.rows[0] if c)
        if self.flat is not None and self.flat.rows:
            return any(is_total_label(c) for c in self.flat.rows[0].cells if c)
        return False


def _build(region: _Region) -> _Table:
    form = bool(_FORM_TITLE.search(region.title)) and "汇总" not in region.title
    content = [line for line in region.lines if not line.blank]
    if any(line.tabbed for line in content):
        return _Table(region, grid=read_grid(region.lines, region.meta, form))
    return _Table(region, flat=read_flat(region.title, content, form))


def _same_title(a: str, b: str) -> bool:
    return re.sub(r"[\s“”\"]", "", a) == re.sub(r"[\s“”\"]", "", b)


def _merge(prev: _Table, new: _Table) -> bool:
    """Append a table printed again under the same title (the next page of it); False when it is a new table."""
    if not _same_title(prev.region.title, new.region.title) or prev.closed or new.starts_with_total():
        return False
    if prev.grid is not None and new.grid is not None and prev.grid.columns == new.grid.columns:
        prev.grid.rows.extend(new.grid.rows)
        prev.grid.row_pages.extend(new.grid.row_pages)
    elif (prev.flat is not None and new.flat is not None and prev.flat.layout is not None
          and prev.flat.layout == new.flat.layout):
        rows = new.flat.rows
        last_group = next((r for r in reversed(prev.flat.rows) if r.group), None)
        if rows and rows[0].group and last_group is not None and rows[0].cells == last_group.cells:
            rows = rows[1:]  # the income group label printed again at the top of the page
        prev.flat.rows.extend(rows)
        prev.flat.warnings.extend(new.flat.warnings)
    else:
        return False
    prev.region.notes.extend(new.region.notes)
    prev.region.meta.unit = prev.region.meta.unit or new.region.meta.unit
    return True


def _raw_table(table: _Table) -> RawTable:
    region = table.region
    if table.grid is not None:
        header, columns = table.grid.header, table.grid.columns
        rows = list(table.grid.rows)
        row_pages = list(table.grid.row_pages)
    else:
        assert table.flat is not None
        header, columns = table.flat.header, table.flat.paths
        rows = raw_rows(table.flat)
        row_pages = [r.line.page for r in table.flat.rows]
    first_page = region.first.page if region.first is not None else None
    known = [p for p in [first_page, *row_pages] if p is not None]
    return RawTable(
        title=region.title,
        number=region.number,
        unit=region.meta.unit,
        org=region.meta.org,
        header=header,
        columns=columns,
        rows=tuple(rows),
        pages=tuple(range(min(known), max(known) + 1)) if known else (),
        notes=tuple(region.notes),
        row_pages=tuple(p for p in row_pages if p is not None) if known and None not in row_pages else (),
    )


# ── the reader ───────────────────────────────────────────────────────────────────────────────


def read_text(path: Path) -> RawDocument:
    """Read a text file extracted from a published disclosure (raises :class:`DisclosureReadError`)."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DisclosureReadError(f"无法读取文件：{exc.strerror or exc}", name) from exc
    return read_text_string(_decode(data, name), name)


def read_text_string(text: str, source: str = "text") -> RawDocument:
    """Read already decoded text (``source`` names it in messages and in the document)."""
    text = normalize(text)
    _check_text(text, source)
    lines, pages = _lines(text)
    scanner = _Scanner(lines)
    items: list[_Table | list[Line]] = []
    narrative: list[Line] = []
    k = 0
    while k < len(lines):
        start = scanner.table_start(k)
        if start is None:
            narrative.append(lines[k])
            k += 1
            continue
        if any(not ln.blank for ln in narrative):
            items.append(narrative)
        narrative = []
        number, at = start
        region, k = scanner.region(number, at)
        table = _build(region)
        prev = items[-1] if items else None
        if isinstance(prev, _Table) and _merge(prev, table):
            continue
        items.append(table)
    if any(not ln.blank for ln in narrative):
        items.append(narrative)

    tables = [item for item in items if isinstance(item, _Table)]
    hints: dict[str, bool] = {}
    for table in tables:  # the 收支 tables first: they say which parts of the expenditure have money
        if table.flat is not None and table.flat.layout is not None and table.flat.layout.kind == "balance":
            place_numbers(table.flat, {})
            for key, value in hints_of(table.flat).items():
                hints.setdefault(key, value)
    for table in tables:
        if table.flat is not None and (table.flat.layout is None or table.flat.layout.kind != "balance"):
            place_numbers(table.flat, hints)

    wrap = _wrap_width([ln for item in items if isinstance(item, list) for ln in item])
    blocks: list[RawBlock] = []
    warnings: list[str] = []
    for item in items:
        if isinstance(item, _Table):
            blocks.append(_raw_table(item))
            if item.flat is not None:
                warnings.extend(item.flat.warnings)
        else:
            blocks.extend(_paragraphs(item, wrap))
    if not blocks:
        raise DisclosureReadError("文件里没有可读入的段落或表格", source)
    return RawDocument(source=source, blocks=tuple(blocks), pages=pages, kind="text", warnings=tuple(warnings))
