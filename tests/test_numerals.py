"""Chinese numerals, both ways."""

from __future__ import annotations

import pytest

from yusuan.numerals import chinese_numeral, parse_chinese_numeral


@pytest.mark.parametrize("n", [1, 9, 10, 11, 20, 21, 99, 100, 101, 105, 110, 1001, 9999])
def test_round_trip(n: int) -> None:
    assert parse_chinese_numeral(chinese_numeral(n)) == n


@pytest.mark.parametrize(("text", "value"), [("两", 2), ("〇", 0), ("一百零五", 105), ("三四", None), ("", None),
                                             ("部分", None), ("十二场", None)])
def test_parse(text: str, value: int | None) -> None:
    assert parse_chinese_numeral(text) == value
