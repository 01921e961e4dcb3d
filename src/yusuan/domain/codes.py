"""Classification codes (支出功能分类, 部门/政府预算支出经济分类) as plain strings.

Codes are strings of digits: leading digits matter and they are never cast to int.
Functional codes have 3 (类), 5 (款) or 7 (项) digits; economic codes 3 (类) or 5 (款).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

_DIGITS = re.compile(r"^[0-9]+$")
_SPACES = re.compile(r"[\s\u3000]+")


class CodeLevel(StrEnum):
    CLASS = "类"
    SECTION = "款"
    ITEM = "项"


def normalize_code(raw: object) -> str:
    """Code as a digit string: accepts ``2010301``, ``201 03 01``, ``201-03-01``, ints."""
    if isinstance(raw, bool):
        return ""
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = unicodedata.normalize("NFKC", str(raw))  # full-width digits from an IME become ASCII
    return _SPACES.sub("", text).replace("-", "").replace(".", "")


def functional_level(code: str) -> CodeLevel | None:
    if not _DIGITS.match(code):
        return None
    return {3: CodeLevel.CLASS, 5: CodeLevel.SECTION, 7: CodeLevel.ITEM}.get(len(code))


def economic_level(code: str) -> CodeLevel | None:
    if not _DIGITS.match(code):
        return None
    return {3: CodeLevel.CLASS, 5: CodeLevel.SECTION}.get(len(code))


def functional_parents(code: str) -> tuple[str, ...]:
    """The 类 and 款 above a 项 code (or the 类 above a 款), nearest last."""
    return tuple(code[:n] for n in (3, 5) if n < len(code))


def split_functional(code: str) -> tuple[str, str, str]:
    """``2010301`` → ``("201", "03", "01")`` as printed in the 类/款/项 columns."""
    return code[:3], code[3:5], code[5:7]
