"""Chinese numerals, both ways: 十二 ↔ 12.

Generated numbering (一、二、…; （一）; 第一部分) writes them; the checker and the
importer read them back from headings and target descriptions (两场, 二十起).
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_POWERS = ((1000, "千"), (100, "百"), (10, "十"))
_DIGIT_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                 "九": 9}
_POWER_VALUES = {"十": 10, "百": 100, "千": 1000}

CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百千]+"
"""Regular-expression class for a run of Chinese numeral characters."""


def chinese_numeral(n: int) -> str:
    """``1`` → 一, ``10`` → 十, ``12`` → 十二, ``20`` → 二十, ``105`` → 一百零五 (1 ≤ n ≤ 9999)."""
    if not 1 <= n <= 9999:
        raise ValueError(f"numeral out of range: {n}")
    if 10 <= n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out: list[str] = []
    rest = n
    zero_pending = False
    for value, name in _POWERS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                out.append(_DIGITS[0])
                zero_pending = False
            out.append(_DIGITS[digit] + name)
        elif out:
            zero_pending = True
    if rest:
        if zero_pending:
            out.append(_DIGITS[0])
        out.append(_DIGITS[rest])
    return "".join(out)


def parse_chinese_numeral(text: str) -> int | None:
    """``十二`` → 12, ``两`` → 2, ``一百零五`` → 105, ``零`` → 0.

    ``None`` when ``text`` is empty, holds anything but numeral characters, or puts two
    non-zero digits side by side (``三四场`` means "three or four", not a number).
    """
    if not text:
        return None
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGIT_VALUES:
            value = _DIGIT_VALUES[ch]
            if digit is not None and digit != 0 and value != 0:
                return None
            digit = value
        elif ch in _POWER_VALUES:
            total += (1 if digit is None else digit) * _POWER_VALUES[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)
