"""The narrative's outline: which printed lines are headings (and of what level), which are paragraphs.

Levels follow the compiled document: 1 = 第一部分…/附件/an unnumbered part title, 2 = 一、…,
3 = （一）….  A numbered line is a heading only when it reads like one (short, no sentence inside,
no amount); ``（一）贯彻执行……。`` stays a paragraph.  ``第一部分`` printed alone is joined with the title
line after it, the table of contents (目录 and its entries) is left out, and each paragraph is tagged
with the topic of the heading it is under (``three_public`` …), as the checker reads sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from yusuan.check.rules._text import topic_of
from yusuan.importer.cells import norm, numbering
from yusuan.importer.model import RawDocument, RawParagraph, RawTable

_LEADERS = re.compile(r"[.…·．]{3,}|…+")
_PAGE_TAIL = re.compile(r"[.…·．\s]*\d{1,3}$")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:万元|元|%)")
_FURNITURE = re.compile(r"^(?:-?\s*\d{1,3}\s*-?|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$")
_SENTENCE_END = "。；！？"
_MARKUP = re.compile(r"^#+\s*|\*\*")
_CAPTION = re.compile(r"^(?:图\s*\d+\s*[:：.]?)?[^。，,]{0,16}图$")
"""A chart's caption (``支出预算图``, ``图1：收入预算图``): printed large, but not a heading."""


def _text(block: RawParagraph) -> str:
    """A paragraph's text without Markdown marks a text extraction may have kept (## …, **…**)."""
    return _MARKUP.sub("", block.text).strip()


@dataclass(frozen=True, slots=True)
class Item:
    kind: Literal["heading", "paragraph", "table", "cover"]
    text: str = ""
    level: int = 0
    page: int | None = None
    table: RawTable | None = None
    section: str = ""
    """Topic of the heading above (paragraphs)."""


def _is_toc(text: str) -> bool:
    return norm(text) in ("目录", "目次")


def _entry(text: str) -> str:
    return _PAGE_TAIL.sub("", _LEADERS.sub("", norm(text)))


def _skip_toc(blocks: list[RawParagraph | RawTable]) -> tuple[list[RawParagraph | RawTable], int]:
    """The blocks without the table of contents, and how many blocks came before it (the cover)."""
    out: list[RawParagraph | RawTable] = []
    cover = 0
    n = 0
    while n < len(blocks):
        block = blocks[n]
        if isinstance(block, RawParagraph) and _is_toc(_text(block)):
            if not cover and not any(isinstance(b, RawTable) for b in out):
                cover = len(out)
            n = _after_toc(blocks, n + 1)
            continue
        out.append(block)
        n += 1
    return out, cover


def _after_toc(blocks: list[RawParagraph | RawTable], start: int) -> int:
    first: tuple[str, int] | None = None
    leaders = False
    before = blocks[start - 1] if start > 0 else None
    page = before.page if isinstance(before, RawParagraph) else None
    for n in range(start, len(blocks)):
        block = blocks[n]
        if isinstance(block, RawTable):
            return n
        text = norm(_text(block))
        if page is not None and block.page is not None and block.page > page and first is not None and (
                block.heading and numbering(text) is None):
            return n  # a new page starting with an unnumbered heading: the body
        page = block.page if block.page is not None else page
        has_leaders = bool(_LEADERS.search(text))
        found = numbering(_entry(text))
        if first is None:
            first = (found[0], found[1]) if found else ("", 0)
            leaders = has_leaders
            continue
        if leaders and not has_leaders and not _PAGE_TAIL.search(text):
            return n
        if found is not None and (found[0], found[1]) == first and n > start + 1:
            return n
        if len(text) > 40 and "。" in text:
            return n
    return len(blocks)


def heading_level(text: str, flagged: bool) -> int | None:
    """Level of a heading line, or ``None`` for a paragraph.

    ``flagged``: the reader printed-style says heading.  A line with a sentence inside, an amount, a
    comma or a trailing ：/； is never a heading; an unflagged numbered line is one only when it reads
    like a title (no full stop at its end, no enumeration comma).
    """
    t = norm(text)
    if not t or len(t) > 60 or _CAPTION.match(t):
        return None
    found = numbering(t)
    inner = t[:-1]
    sentence = any(ch in inner for ch in _SENTENCE_END) or "，" in t or "," in t or bool(_AMOUNT.search(t))
    if found is not None and found[0] == "part":
        return 1
    if t.startswith(("附件", "附表")) and len(t) <= 45 and not sentence:
        return 1
    if sentence or t.endswith((":", ";", "；")) or (":" in inner and found is None) or len(t) > 40:
        return None
    levels = {"chinese": 2, "paren_chinese": 3, "paren_arabic": 4, "arabic": 4}
    if flagged:
        return levels[found[0]] if found is not None else 1
    if found is None or found[0] not in ("chinese", "paren_chinese") or ":" in inner:
        return None
    if t.endswith("。") or "、" in found[2]:
        return None  # a list item of a paragraph: （九）完成市委、市政府交办的其他任务。
    return levels[found[0]]


def _mergeable(block: RawParagraph | RawTable | None, short: bool = False) -> bool:
    if not isinstance(block, RawParagraph):
        return False
    t = norm(_text(block))
    if not t or numbering(t) is not None or any(ch in t for ch in "。，,；"):
        return False
    return len(t) <= (8 if short else 40) and not _is_toc(t)


def outline(raw: RawDocument) -> list[Item]:
    """Headings, paragraphs and tables of the document, in printed order."""
    blocks, cover = _skip_toc(list(raw.blocks))
    items: list[Item] = []
    n = 0
    while n < len(blocks):
        block = blocks[n]
        n += 1
        if n <= cover and isinstance(block, RawParagraph) and len(norm(_text(block))) <= 40:
            items.append(Item("cover", _text(block), page=block.page))
            continue
        if isinstance(block, RawTable):
            items.append(Item("table", block.title, page=block.pages[0] if block.pages else None, table=block))
            continue
        text = _text(block)
        if not text or _FURNITURE.match(text):
            continue
        level = heading_level(text, block.heading)
        t = norm(text)
        found = numbering(t)
        if level == 1 and ((found is not None and found[0] == "part" and not found[2]) or t in ("附件:", "附件")):
            # 第一部分 / 附件： printed alone: the title line after it belongs to it
            if n < len(blocks) and _mergeable(blocks[n]):
                following = _text(blocks[n])  # type: ignore[arg-type]
                text = f"{text} {following}" if not t.endswith(":") else text + following
                n += 1
                while n < len(blocks) and _mergeable(blocks[n], short=True):
                    text += _text(blocks[n])  # type: ignore[arg-type]
                    n += 1
        elif level == 1 and t.startswith("附件") and n < len(blocks) and _mergeable(blocks[n], short=True):
            text += _text(blocks[n])  # type: ignore[arg-type]
            n += 1
        if level is None:
            items.append(Item("paragraph", text, page=block.page))
        else:
            items.append(Item("heading", text, level, page=block.page))
    return _tag_sections(_list_items(items))


def _list_items(items: list[Item]) -> list[Item]:
    """Items of a list printed bold (``（二）下属事业单位`` / ``1.清风苑杂志社`` / ``2.……``): a ``1.``-numbered
    heading with nothing under it (the next line is a heading of its level or above) is a paragraph."""
    out: list[Item] = []
    for n, item in enumerate(items):
        following = items[n + 1] if n + 1 < len(items) else None
        if item.kind == "heading" and item.level >= 4 and (
                following is None or (following.kind == "heading" and following.level <= item.level)):
            item = Item("paragraph", item.text, page=item.page)
        out.append(item)
    return out


def _tag_sections(items: list[Item]) -> list[Item]:
    stack: list[tuple[int, str]] = []
    out: list[Item] = []
    for item in items:
        if item.kind == "heading":
            while stack and stack[-1][0] >= item.level:
                stack.pop()
            stack.append((item.level, topic_of(item.text)))
            out.append(item)
        elif item.kind == "paragraph":
            topic = next((t for _lv, t in reversed(stack) if t), "")
            out.append(Item("paragraph", item.text, page=item.page, section=topic))
        else:
            out.append(item)
    return out
