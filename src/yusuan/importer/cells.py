"""What a printed cell says: normalised words, exact amounts, classification codes, numbering.

Pure helpers shared by table recognition, claims and metadata.  Matching is done on
:func:`norm` -ed text (NFKC, no whitespace), so ``（一）`` and ``(一)``, ``其中：`` and
``其中:``, ``预算 01 表`` and ``预算01表`` compare equal; the cells kept in the model are the
printed text with the spaces of line wrapping removed (:func:`clean`).
"""

from __future__ import annotations

import re
import unicodedata

from yusuan.money import Fen, MoneyUnit, parse_money
from yusuan.numerals import CHINESE_NUMERAL, parse_chinese_numeral

_WS = re.compile(r"\s+")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d"
_WRAP_SPACE = re.compile(f"(?<=[{_WIDE}])\\s+|\\s+(?=[{_WIDE}])")


def norm(text: str) -> str:
    """Text for matching: NFKC (full-width forms folded), no whitespace."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


_KEEP_PRINTED = frozenset("（）：，；．？！、。“”‘’《》【】…—～％＋－／＝＜＞")
"""Full-width punctuation kept as printed when compatibility characters are normalised."""


def normalize_printed(text: str) -> str:
    """NFKC for compatibility characters (``⾏`` → 行, ``２０２４`` → 2024), full-width punctuation kept."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "".join(c if c in _KEEP_PRINTED else unicodedata.normalize("NFKC", c) for c in text)


def clean(text: str) -> str:
    """Printed text without the spaces and line breaks of wrapping (kept between ASCII words)."""
    return _WRAP_SPACE.sub("", text.strip()).strip()


# ── amounts ──────────────────────────────────────────────────────────────────────────────────

_AMOUNT = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DASHES = frozenset({"-", "—", "–", "－", "--", "——", "/"})


def is_amount(text: str) -> bool:
    """Whether ``text`` is a printed amount (``1,234.50``, ``15``, ``-3.1``) or a dash meaning nothing."""
    t = norm(text)
    return bool(_AMOUNT.match(t)) or t in _DASHES


def parse_amount(text: str, unit: MoneyUnit) -> Fen | None:
    """A printed amount in exact 分 (``None`` for a blank cell; a dash is 0).

    Raises ``ValueError`` for text that is not an amount or has more digits than 分.
    """
    t = norm(text).replace("−", "-")
    if not t:
        return None
    if t in _DASHES:
        return 0
    if not _AMOUNT.match(t):
        raise ValueError(text)
    return parse_money(t, unit)  # MoneyError is a ValueError


# ── codes ────────────────────────────────────────────────────────────────────────────────────

_CODE_PARTS = re.compile(r"^(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?$")
_DIGITS = re.compile(r"^\d+$")


def code_of(text: str) -> str | None:
    """A classification code as printed: ``2010301``, ``201 03 01`` (split) → ``2010301``; else ``None``."""
    t = unicodedata.normalize("NFKC", text).strip()
    if _DIGITS.match(t):
        return t
    m = _CODE_PARTS.match(t)
    if m:
        return "".join(p for p in m.groups() if p)
    return None


def join_code(parts: list[str]) -> str | None:
    """A code from its printed 类/款/项 parts: ``201``, ``03``, ``01`` → ``2010301``.

    A part may also be printed as the code up to it (``30201`` in the 款 column); blanks end the code.
    """
    code = ""
    for part in parts:
        p = norm(part)
        if not p:
            break
        if not p.isdigit():
            return None
        if code and p.startswith(code) and len(p) > len(code):
            code = p
        else:
            code += p.zfill(2) if code and len(p) == 1 else p  # a 款/项 printed as 2 for 02
    return code or None


# ── numbering ────────────────────────────────────────────────────────────────────────────────

CN = CHINESE_NUMERAL


def cn_int(text: str) -> int | None:
    """``十二`` → 12, ``二十三`` → 23; ``None`` when ``text`` is not a Chinese numeral (or is 零)."""
    return parse_chinese_numeral(text) or None


_NUMBERING = (
    ("part", re.compile(f"^第({CN})部分")),
    ("chinese", re.compile(f"^({CN})[、.,，]")),
    ("paren_chinese", re.compile(f"^\\(({CN})\\)[、.]?")),
    ("paren_arabic", re.compile(r"^\((\d{1,2})\)[、.]?")),
    ("arabic", re.compile(r"^(\d{1,2})(?:[、,，]|\.(?!\d))")),
)


def numbering(text: str) -> tuple[str, int, str] | None:
    """(style, number, rest) of a label or heading that starts with a number.

    ``（一）公务接待费`` → ``("paren_chinese", 1, "公务接待费")``.
    """
    t = norm(text)
    for style, pattern in _NUMBERING:
        m = pattern.match(t)
        if m:
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else cn_int(raw)
            if n is not None:
                return style, n, t[m.end():]
    return None


def strip_numbering(text: str) -> str:
    """The normalised label without numbering and 其中: ``其中：（1）公务用车运行维护费`` → ``公务用车运行维护费``."""
    t = norm(text)
    for _ in range(3):
        if t.startswith("其中"):
            t = t[2:].lstrip(":")
        found = numbering(t)
        if found is None:
            break
        t = found[2]
    return t.rstrip(":")
