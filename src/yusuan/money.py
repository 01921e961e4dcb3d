"""Exact money.

Amounts are held as integer 分 (1/100 元) everywhere inside yusuan: exact, fast to add,
never float.  Conversion happens only at the boundaries: parsing input written in 元 or
万元, and formatting for display in the unit a table is published in.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, Inexact, InvalidOperation, localcontext
from enum import StrEnum

Fen = int
"""Money in 分 (hundredths of a 元)."""


class MoneyUnit(StrEnum):
    """Unit in which amounts are entered or published."""

    YUAN = "元"
    WAN = "万元"

    @property
    def fen(self) -> int:
        """How many 分 one of this unit is."""
        return 100 if self is MoneyUnit.YUAN else 1_000_000

    @classmethod
    def parse(cls, text: str) -> MoneyUnit:
        t = text.strip().replace(" ", "")
        for unit in cls:
            if t == unit.value:
                return unit
        if t.lower() in {"yuan"}:
            return cls.YUAN
        if t.lower() in {"wan", "wanyuan", "10k"}:
            return cls.WAN
        raise ValueError(f"未知的金额单位「{text}」，应为「元」或「万元」")


class MoneyError(ValueError):
    """An amount that cannot be represented exactly."""


_CLEAN = str.maketrans({",": "", "，": "", " ": "", "\u00a0": "", "\u3000": ""})


def parse_money(value: object, unit: MoneyUnit = MoneyUnit.WAN, what: str = "金额") -> Fen:
    """Parse an amount written in ``unit`` into exact 分.

    Accepts int, Decimal, str (with thousands separators) and float only when the
    float's shortest repr is exact at 分 precision (as spreadsheets deliver them).
    Raises :class:`MoneyError` with a Chinese message otherwise.
    """
    if value is None:
        raise MoneyError(f"{what}为空")
    if isinstance(value, bool):
        raise MoneyError(f"{what}「{value}」不是数字")
    if isinstance(value, int):
        dec = Decimal(value)
    elif isinstance(value, Decimal):
        dec = value
    elif isinstance(value, float):
        dec = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.translate(_CLEAN)
        if text in {"", "-", "—"}:
            return 0
        try:
            dec = Decimal(text)
        except InvalidOperation as exc:
            raise MoneyError(f"{what}「{value}」不是数字") from exc
    else:
        raise MoneyError(f"{what}「{value}」不是数字")
    if not dec.is_finite():
        raise MoneyError(f"{what}「{value}」不是有限数字")
    with localcontext() as ctx:
        # enough digits for any input, and any rounding at all is an error
        ctx.prec = max(28, len(dec.as_tuple().digits) + 10)
        ctx.traps[Inexact] = True
        fen = dec * unit.fen
        if fen != fen.to_integral_value():
            raise MoneyError(f"{what}「{value}」{unit.value}精确到分以下，无法精确表示")
        return int(fen)


_CENT = Decimal("0.01")


def to_unit(fen: Fen, unit: MoneyUnit = MoneyUnit.WAN, decimals: int = 2) -> Decimal:
    """Convert 分 to ``unit``, rounded half-up to ``decimals`` places (display only)."""
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(fen) / Decimal(unit.fen)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_money(fen: Fen, unit: MoneyUnit = MoneyUnit.WAN, decimals: int = 2) -> str:
    """Text for an amount, e.g. ``504.11``."""
    return f"{to_unit(fen, unit, decimals):f}"


def percent(part: int, whole: int, decimals: int = 2) -> Decimal | None:
    """``part / whole × 100`` rounded half-up; ``None`` when ``whole`` is zero."""
    if whole == 0:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(quantum, rounding=ROUND_HALF_UP)
