"""Typed helpers for writing WordprocessingML (the XML inside a DOCX) with lxml.

python-docx covers the package (parts, relationships, core properties) but not fields,
bookmarks, merged table cells or East Asian font attributes; those are written here as
plain elements.  Word is strict about the order of child elements, so every builder
emits children in the order of the schema (ECMA-376 part 1).

lxml has no type stubs; elements are typed through the small :class:`XmlElement`
protocol and created with the parser python-docx uses, so python-docx's own element
classes keep working on the result.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, cast

from docx.oxml.parser import oxml_parser

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NSMAP = {"w": W_NS}
LATIN_LANG = "en-US"
"""Language of Latin-script runs: with zh-CN, LibreOffice breaks lines inside figures."""

# Characters XML 1.0 cannot carry (and C1 controls, which no reader expects in text).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class XmlElement(Protocol):
    """The part of lxml's ``_Element`` this package uses."""

    tag: str
    text: str | None

    def append(self, element: XmlElement, /) -> None: ...
    def insert(self, index: int, element: XmlElement, /) -> None: ...
    def remove(self, element: XmlElement, /) -> None: ...
    def set(self, key: str, value: str, /) -> None: ...
    def get(self, key: str, default: str | None = None, /) -> str | None: ...
    def find(self, path: str, /) -> XmlElement | None: ...
    def findall(self, path: str, /) -> list[XmlElement]: ...
    def iter(self, *tags: str) -> Iterator[XmlElement]: ...
    def getparent(self) -> XmlElement | None: ...
    def addprevious(self, element: XmlElement, /) -> None: ...
    def __iter__(self) -> Iterator[XmlElement]: ...
    def __len__(self) -> int: ...


def element(tag: str, attrs: Mapping[str, str] | None = None) -> XmlElement:
    """A new ``w:`` element (``tag`` without prefix); attribute names are ``w:`` attributes."""
    el = cast(XmlElement, oxml_parser.makeelement(W + tag, nsmap=_NSMAP))
    if attrs:
        for key, value in attrs.items():
            el.set(W + key, value)
    return el


def sub(parent: XmlElement, tag: str, attrs: Mapping[str, str] | None = None) -> XmlElement:
    el = element(tag, attrs)
    parent.append(el)
    return el


def val(parent: XmlElement, tag: str, value: str) -> XmlElement:
    """Append ``<w:tag w:val="value"/>``."""
    return sub(parent, tag, {"val": value})


def clean(text: str) -> str:
    """Text safe for XML: control characters dropped, line ends normalised to ``\\n``."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def twips(points: float) -> str:
    return str(round(points * 20))


# ── run and paragraph properties ──────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Fonts:
    """``w:rFonts``: the Latin (ASCII/hAnsi) and East Asian font names."""

    latin: str
    east_asian: str

    def attrs(self) -> dict[str, str]:
        return {"ascii": self.latin, "hAnsi": self.latin, "eastAsia": self.east_asian, "cs": self.latin}


def rpr(
    *,
    fonts: Fonts | None = None,
    bold: bool | None = None,
    color: str | None = None,
    size: float | None = None,
    lang: str | None = None,
) -> XmlElement:
    """``w:rPr`` with children in schema order; ``size`` in points; ``lang`` is the East Asian
    language (Latin text is tagged :data:`LATIN_LANG`)."""
    el = element("rPr")
    if fonts is not None:
        sub(el, "rFonts", fonts.attrs())
    if bold is not None:
        sub(el, "b", None if bold else {"val": "0"})
        sub(el, "bCs", None if bold else {"val": "0"})
    if color is not None:
        val(el, "color", color)
    if size is not None:
        half = str(round(size * 2))
        val(el, "sz", half)
        val(el, "szCs", half)
    if lang is not None:
        sub(el, "lang", {"val": LATIN_LANG, "eastAsia": lang})
    return el


@dataclass(frozen=True, slots=True)
class Indent:
    """Paragraph indents in points, with the character-relative form Word prefers.

    Word uses ``*Chars`` when present (so the indent follows the font size);
    LibreOffice uses the absolute value, which is computed for ``size``.
    """

    first_chars: float = 0.0
    left_chars: float = 0.0
    right_chars: float = 0.0
    size: float = 16.0

    def attrs(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, chars in (("left", self.left_chars), ("right", self.right_chars)):
            out[name] = twips(chars * self.size)
            out[name + "Chars"] = str(round(chars * 100))
        out["firstLine"] = twips(self.first_chars * self.size)
        out["firstLineChars"] = str(round(self.first_chars * 100))
        return out


@dataclass(frozen=True, slots=True)
class Tab:
    position: float
    """Points from the left margin."""
    kind: str = "right"
    leader: str | None = None


def ppr(
    *,
    style: str | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    page_break_before: bool = False,
    widow_control: bool | None = None,
    tabs: Iterable[Tab] = (),
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    line_rule: str = "exact",
    indent: Indent | None = None,
    jc: str | None = None,
    outline: int | None = None,
    run: XmlElement | None = None,
) -> XmlElement:
    """``w:pPr`` with children in schema order; distances in points.

    ``line`` is in points for ``exact``/``atLeast``, a multiple of single spacing for ``auto``.
    """
    el = element("pPr")
    if style:
        val(el, "pStyle", style)
    if keep_next:
        sub(el, "keepNext")
    if keep_lines:
        sub(el, "keepLines")
    if page_break_before:
        sub(el, "pageBreakBefore")
    if widow_control is not None:
        sub(el, "widowControl", None if widow_control else {"val": "0"})
    tab_list = list(tabs)
    if tab_list:
        tabs_el = sub(el, "tabs")
        for tab in tab_list:
            attrs = {"val": tab.kind, "pos": twips(tab.position)}
            if tab.leader:
                attrs["leader"] = tab.leader
            sub(tabs_el, "tab", attrs)
    if before is not None or after is not None or line is not None:
        spacing: dict[str, str] = {}
        if before is not None:
            spacing["before"] = twips(before)
        if after is not None:
            spacing["after"] = twips(after)
        if line is not None:
            spacing["line"] = str(round(line * 240)) if line_rule == "auto" else twips(line)
            spacing["lineRule"] = line_rule
        sub(el, "spacing", spacing)
    if indent is not None:
        sub(el, "ind", indent.attrs())
    if jc:
        val(el, "jc", jc)
    if outline is not None:
        val(el, "outlineLvl", str(outline))
    if run is not None:
        el.append(run)
    return el


# ── runs, fields, bookmarks ───────────────────────────────────────────────────


def add_text(parent: XmlElement, text: str, props: XmlElement | None = None) -> None:
    """Append runs for ``text`` (cleaned; ``\\t`` becomes a tab, ``\\n`` a line break).

    ``props`` (an ``rPr``) is copied into every run.
    """
    text = clean(text)
    if not text:
        return
    r = sub(parent, "r")
    if props is not None:
        r.append(_copy(props))
    for n, line in enumerate(text.split("\n")):
        if n:
            sub(r, "br")
        for k, piece in enumerate(line.split("\t")):
            if k:
                sub(r, "tab")
            if piece:
                t = sub(r, "t")
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(XML_SPACE, "preserve")


def _copy(el: XmlElement) -> XmlElement:
    return copy.deepcopy(el)


def field(parent: XmlElement, instruction: str, result: str = "", props: XmlElement | None = None,
          *, dirty: bool = False) -> None:
    """A complex field (``w:fldChar`` begin/separate/end) with a cached ``result``."""
    begin_open(parent, instruction, props, dirty=dirty)
    if result:
        add_text(parent, result, props)
    field_end(parent, props)


def begin_open(parent: XmlElement, instruction: str, props: XmlElement | None = None, *,
               dirty: bool = False) -> None:
    """Field begin, instruction and separator: the result follows, then :func:`field_end`."""
    r = sub(parent, "r")
    if props is not None:
        r.append(_copy(props))
    sub(r, "fldChar", {"fldCharType": "begin", "dirty": "true"} if dirty else {"fldCharType": "begin"})
    r = sub(parent, "r")
    if props is not None:
        r.append(_copy(props))
    instr = sub(r, "instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    r = sub(parent, "r")
    if props is not None:
        r.append(_copy(props))
    sub(r, "fldChar", {"fldCharType": "separate"})


def field_end(parent: XmlElement, props: XmlElement | None = None) -> None:
    r = sub(parent, "r")
    if props is not None:
        r.append(_copy(props))
    sub(r, "fldChar", {"fldCharType": "end"})


def bookmark(paragraph: XmlElement, number: int, name: str) -> None:
    """Put a bookmark around the content of ``paragraph`` (after its ``w:pPr``)."""
    start = element("bookmarkStart", {"id": str(number), "name": name})
    children = list(paragraph)
    first = 1 if children and children[0].tag == W + "pPr" else 0
    paragraph.insert(first, start)
    sub(paragraph, "bookmarkEnd", {"id": str(number)})


# ── table properties ──────────────────────────────────────────────────────────


def borders(parent: XmlElement, tag: str, sides: Iterable[str], size: int = 4) -> XmlElement:
    """``w:tblBorders``/``w:tcBorders``: single lines of ``size`` eighths of a point."""
    el = sub(parent, tag)
    for side in sides:
        sub(el, side, {"val": "single", "sz": str(size), "space": "0", "color": "000000"})
    return el


__all__ = [
    "W_NS",
    "Fonts",
    "Indent",
    "Tab",
    "W",
    "XmlElement",
    "add_text",
    "begin_open",
    "bookmark",
    "borders",
    "clean",
    "element",
    "field",
    "field_end",
    "ppr",
    "rpr",
    "sub",
    "twips",
    "val",
]
