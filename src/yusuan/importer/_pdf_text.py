"""Characters, lines and ruling lines of a PDF page, from pypdfium2.

Everything here is in *display* coordinates: points, origin at the top-left corner of
the page as read (crop box applied, turned so that the text stands upright: normally the
page's ``/Rotate``), ``y`` growing downwards.

Characters are read one by one through the raw text-page calls (``FPDFText_GetUnicode``
and ``FPDFText_GetLooseCharBox``), which measured faster than pdfium's text segments
(``get_rect`` + ``get_text_bounded``: about 6× slower on the real disclosures).  Spaces
and line breaks are not kept as characters: a printed space only marks the character
after it, and spacing is otherwise decided from the geometry.  Ruling lines are the thin
filled rectangles and the straight stroked segments of the page's path objects.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from yusuan.importer.cells import normalize_printed

_SPACE_RE = re.compile(r"[ \t\u3000\u00a0]+")


# Full-width punctuation is kept as printed (（一）、单位：万元); every other compatibility
# character (Kangxi radicals such as ⾏, CJK compatibility ideographs, full-width digits
# and letters, ligatures) is NFKC-normalised.
normalize_text = normalize_printed


def is_cjk(char: str) -> bool:
    """A CJK ideograph or full-width punctuation: no space is needed next to it."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK symbols and punctuation, kana, ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF65
        or 0x20000 <= code <= 0x3FFFF
        or char in "“”‘’…—"
    )


def join_pieces(pieces: Iterable[str]) -> str:
    """Join text pieces (lines of a cell or paragraph): a space only between two non-CJK ends."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and not is_cjk(out[-1]) and not is_cjk(piece[0]) and out[-1] not in "-/(（" and piece[0] not in ")）,.%":
            out += " "
        out += piece
    return out


def tidy(text: str) -> str:
    """Collapse whitespace; drop spaces next to CJK characters (``合   计`` → ``合计``)."""
    text = _SPACE_RE.sub(" ", text).strip()
    if " " not in text:
        return text
    parts = text.split(" ")
    return join_pieces(parts)


@dataclass(slots=True)
class Glyph:
    """One printed character (NFKC-normalised text may be several code points)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    space: bool = False
    """A space character is printed right before this one."""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Line:
    """Glyphs on one baseline, left to right, with the line's text and box."""

    glyphs: list[Glyph]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    """Median glyph height (loose boxes: about the font size)."""

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Segment:
    """A run of glyphs on one line without a wide gap (a cell's text in an unruled table)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal (``y0 == y1``) or vertical (``x0 == x1``) ruling line."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


Box = tuple[float, float, float, float]


@dataclass(slots=True)
class PageLayout:
    number: int
    """1-based page number."""
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]
    has_images: bool = False
    unmapped: int = 0
    """Characters without a Unicode mapping (private-use or replacement characters)."""
    shapes: list[Box] = field(default_factory=list)
    """Boxes (x0, top, x1, bottom) of filled coloured shapes: chart pieces, cell shading."""


class _Upright:
    """The transform of an unrotated page (the common case, inlined by :func:`read_glyphs`)."""

    def __init__(self, x0: float, top: float) -> None:
        self.offset = (x0, top)

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return x - self.offset[0], self.offset[1] - y


def _text_rotation(textpage: pdfium.PdfTextPage, default: int) -> int:
    """The clockwise turn that sets most of the page's characters upright.

    Usually the page's ``/Rotate`` (content drawn sideways and turned by the viewer); when the
    characters say otherwise (a page turned although its text was upright), the characters win.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    votes: dict[int, int] = {}
    step = max(1, count // 400)
    for index in range(0, count, step):
        if pdfium_c.FPDFText_GetUnicode(raw, index) <= 0x20:
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(raw, index)
        if angle < 0:
            continue
        degrees = round(math.degrees(angle)) % 360
        if degrees % 90 in (0, 1, 89):
            quarter = (round(degrees / 90) * 90) % 360
            votes[quarter] = votes.get(quarter, 0) + 1
    if not votes:
        return default
    angle = max(votes, key=lambda k: votes[k])
    return (-angle) % 360


def _transform(page: pdfium.PdfPage, rotation: int) -> tuple[Callable[[float, float], tuple[float, float]],
                                                              float, float]:
    """PDF user space → display space for a clockwise turn of the page (and its crop box)."""
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    if rotation == 90:
        return (lambda x, y: (y - cy0, x - cx0)), cy1 - cy0, cx1 - cx0
    if rotation == 180:
        return (lambda x, y: (cx1 - x, y - cy0)), cx1 - cx0, cy1 - cy0
    if rotation == 270:
        return (lambda x, y: (cy1 - y, cx1 - x)), cy1 - cy0, cx1 - cx0
    return _Upright(cx0, cy1), cx1 - cx0, cy1 - cy0


def _box(to_display: Callable[[float, float], tuple[float, float]], left: float, bottom: float,
         right: float, top: float) -> tuple[float, float, float, float]:
    ax, ay = to_display(left, bottom)
    bx, by = to_display(right, top)
    return min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)


_CHAR_CACHE: dict[int, str | None] = {}


def _char(code: int) -> str | None:
    """The normalised text of a character code, or None for whitespace and control characters."""
    text = _CHAR_CACHE.get(code, "")
    if text != "":
        return text
    result: str | None
    try:
        char = chr(code)
    except ValueError:
        result = None
    else:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Co", "Cn") or code in (0xFFFD,):
            result = None
        else:
            result = normalize_text(char) or None
    _CHAR_CACHE[code] = result
    return result


def read_glyphs(textpage: pdfium.PdfTextPage,
                to_display: Callable[[float, float], tuple[float, float]]) -> tuple[list[Glyph], int]:
    """The page's printed characters and the number of characters without a Unicode mapping.

    Whitespace and control characters are dropped (a printed space sets ``space`` on the
    next glyph; pdfium's generated spaces and line breaks do not); private-use and
    replacement characters count as unmapped.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_unicode = pdfium_c.FPDFText_GetUnicode
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    is_generated = pdfium_c.FPDFText_IsGenerated
    glyphs: list[Glyph] = []
    append = glyphs.append
    unmapped = 0
    identity = getattr(to_display, "offset", None)
    space = False
    for index in range(count):
        code = get_unicode(raw, index)
        if code <= 0x20:
            if code == 0x20 and not space and not is_generated(raw, index):
                space = True
            continue
        text = _char(code)
        if text is None:
            if code == 0xFFFD or 0xE000 <= code <= 0xF8FF:
                unmapped += 1
            continue
        loose_box(raw, index, rect_ref)
        if identity is not None:
            ox, oy = identity
            x0, x1, top, bottom = rect.left - ox, rect.right - ox, oy - rect.top, oy - rect.bottom
        else:
            x0, x1, top, bottom = _box(to_display, rect.left, rect.bottom, rect.right, rect.top)
        if x1 <= x0 and bottom <= top:
            continue
        append(Glyph(text, x0, x1, top, bottom, space))
        space = False
    return glyphs, unmapped


_WHITE = 235


def _visible(obj: pdfium_c.FPDF_PAGEOBJECT, fill: bool, stroke: bool) -> tuple[bool, bool]:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    fill_visible = stroke_visible = False
    if fill and pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        fill_visible = a.value > 0 and min(r.value, g.value, b.value) < _WHITE
    if stroke and pdfium_c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a):
        stroke_visible = a.value > 0 and min(r.value, g.value, b.value) < _WHITE
    return fill_visible, stroke_visible


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _object_matrix(obj: pdfium_c.FPDF_PAGEOBJECT) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


THIN = 2.6
"""Filled rectangles thinner than this (points) are ruling lines."""


def _path_rules(obj: pdfium_c.FPDF_PAGEOBJECT, outer: Matrix | None,
                to_display: Callable[[float, float], tuple[float, float]], shapes: list[Box]) -> list[Rule]:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return []
    fill_visible, stroke_visible = _visible(obj, fill_mode.value != 0, bool(stroke.value))
    if not fill_visible and not stroke_visible:
        return []
    matrix = _object_matrix(obj)
    if outer is not None:
        matrix = _compose(matrix, outer)
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    if outer is None:
        x0, x1, y0, y1 = _box(to_display, left.value, bottom.value, right.value, top.value)
    else:
        corners = [_apply(outer, x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
        pts = [to_display(x, y) for x, y in corners]
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    w, h = x1 - x0, y1 - y0
    if w <= THIN and h > THIN:
        return [Rule((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)]
    if h <= THIN and w > THIN:
        return [Rule(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2)]
    if w > THIN and h > THIN and fill_visible:
        shapes.append((x0, y0, x1, y1))
    if w <= THIN or not stroke_visible:
        return []  # a dot, or a filled box (cell shading, a piece of a chart)
    return _segments(obj, matrix, to_display)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _segments(obj: pdfium_c.FPDF_PAGEOBJECT, matrix: Matrix,
              to_display: Callable[[float, float], tuple[float, float]]) -> list[Rule]:
    """Axis-aligned straight segments of a stroked path (rectangles drawn as outlines)."""
    rules: list[Rule] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    prev: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = to_display(*_apply(matrix, x.value, y.value))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            rules.extend(_axis_rule(prev, point))
        prev = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            rules.extend(_axis_rule(point, start))
            prev = start
    return rules


def _axis_rule(a: tuple[float, float], b: tuple[float, float]) -> list[Rule]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= 0.5 and abs(ax - bx) > THIN:
        y = (ay + by) / 2
        return [Rule(min(ax, bx), y, max(ax, bx), y)]
    if abs(ax - bx) <= 0.5 and abs(ay - by) > THIN:
        x = (ax + bx) / 2
        return [Rule(x, min(ay, by), x, max(ay, by))]
    return []


def read_rules(page: pdfium.PdfPage, to_display: Callable[[float, float], tuple[float, float]],
               shapes: list[Box]) -> tuple[list[Rule], bool]:
    """Ruling lines drawn by path objects (also inside form XObjects) and whether the page has images.

    Filled coloured shapes that are not lines are added to ``shapes``.
    """
    rules: list[Rule] = []
    has_images = False
    stack: list[tuple[pdfium_c.FPDF_PAGEOBJECT, Matrix | None]] = []
    raw_page = page.raw
    for index in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        stack.append((pdfium_c.FPDFPage_GetObject(raw_page, index), None))
    while stack:
        obj, outer = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            rules.extend(_path_rules(obj, outer, to_display, shapes))
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            has_images = True
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            matrix = _object_matrix(obj)
            form_outer = matrix if outer is None else _compose(matrix, outer)
            for sub in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                stack.append((pdfium_c.FPDFFormObj_GetObject(obj, sub), form_outer))
    return rules, has_images


def read_page(page: pdfium.PdfPage, number: int) -> PageLayout:
    textpage = page.get_textpage()
    try:
        to_display, width, height = _transform(page, _text_rotation(textpage, page.get_rotation() % 360))
        glyphs, unmapped = read_glyphs(textpage, to_display)
    finally:
        textpage.close()
    shapes: list[Box] = []
    rules, has_images = read_rules(page, to_display, shapes)
    return PageLayout(number, width, height, glyphs, rules, has_images, unmapped, shapes)


# --- lines ---------------------------------------------------------------------------------------


def group_lines(glyphs: Sequence[Glyph]) -> list[Line]:
    """Glyphs grouped into lines (top to bottom), each sorted left to right."""
    if not glyphs:
        return []
    ordered = sorted(glyphs, key=lambda g: (g.cy, g.x0))
    rows: list[list[Glyph]] = []
    top = bottom = 0.0
    for glyph in ordered:
        if rows:
            height = min(bottom - top, glyph.size) or 1.0
            overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
            if overlap >= 0.5 * height and top <= glyph.cy <= bottom:
                rows[-1].append(glyph)
                top, bottom = min(top, glyph.top), max(bottom, glyph.bottom)
                continue
        rows.append([glyph])
        top, bottom = glyph.top, glyph.bottom
    return [make_line(row) for row in rows]


def make_line(glyphs: list[Glyph]) -> Line:
    glyphs.sort(key=lambda g: g.x0)
    sizes = sorted(g.size for g in glyphs)
    size = sizes[len(sizes) // 2] or 1.0
    return Line(glyphs, glyph_text(glyphs, size), glyphs[0].x0, max(g.x1 for g in glyphs),
                min(g.top for g in glyphs), max(g.bottom for g in glyphs), size)


def glyph_text(glyphs: Sequence[Glyph], size: float, wide: bool = False) -> str:
    """Text of glyphs on one line: a space where two non-CJK characters are visibly apart.

    With ``wide``, also a space where one is printed or where any two characters are more
    than 0.45 character apart (``第一部分    部门概况`` keeps a space; table cells do without).
    """
    parts: list[str] = []
    prev: Glyph | None = None
    for glyph in glyphs:
        gap = glyph.x0 - prev.x1 if prev is not None else 0.0
        if prev is not None and (
                (gap > 0.22 * size and not is_cjk(prev.text[-1]) and not is_cjk(glyph.text[0]))
                or (wide and (glyph.space or gap > 0.45 * size))):
            parts.append(" ")
        parts.append(glyph.text)
        prev = glyph
    return "".join(parts)


def spaced_text(line: Line) -> str:
    """The line's text with a space for every wide gap (narrative lines)."""
    return glyph_text(line.glyphs, line.size, wide=True)


def split_segments(line: Line, gap: float, digit_gap: float | None = None) -> list[Segment]:
    """A line cut where two glyphs are more than ``gap`` × the line's size apart.

    With ``digit_gap``, also where a digit is next to a gap wider than ``digit_gap`` × size
    (two amounts printed a space apart in a table without rules).
    """
    segments: list[Segment] = []
    run: list[Glyph] = []
    limit = gap * line.size
    small = digit_gap * line.size if digit_gap is not None else limit
    for glyph in line.glyphs:
        space = glyph.x0 - run[-1].x1 if run else 0.0
        if run and (space > limit or (space > small and (run[-1].text[-1].isdigit() or glyph.text[0].isdigit()))):
            segments.append(_segment(run, line.size))
            run = []
        run.append(glyph)
    if run:
        segments.append(_segment(run, line.size))
    return segments


def _segment(run: list[Glyph], size: float) -> Segment:
    return Segment(glyph_text(run, size), run[0].x0, max(g.x1 for g in run),
                   min(g.top for g in run), max(g.bottom for g in run))
