"""Chinese numerals for generated numbering (一、二、…; （一）（二）…; 第一部分)."""

from __future__ import annotations

from yusuan.numerals import chinese_numeral

__all__ = ["chinese_numeral"]
