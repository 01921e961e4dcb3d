"""Chinese numerals for generated numbering (一、二、…; （一）（二）…; 第一部分)."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_POWERS = ((1000, "千"), (100, "百"), (10, "十"))


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
