"""Helpers of the classification-code rules: codes as printed in the tables and in line items.

Tables print codes in label columns: functional rows (key ``functional:<code>``) split them into
类/款/项 (``f_class``/``f_section``/``f_item``) with the name in ``name``; economic rows (key
``econ:<dept>`` or ``econ:<dept>/<gov>``) print the 部门 code in ``d_class``/``d_section`` with
``d_name`` and the 政府 code in ``g_class``/``g_section`` with ``g_name``.  A 款/项 part is printed
either as its own digits (``03``) or as the full code (``30201``), depending on the layout.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.compute.model import Row, Table
from yusuan.domain.budget import LineItem
from yusuan.domain.source import SourceRef

CodeKind = Literal["f", "d", "g"]

KIND_LABELS: dict[str, str] = {
    "f": "支出功能分类科目",
    "d": "部门预算支出经济分类科目",
    "g": "政府预算支出经济分类科目",
}

FUNCTIONAL_PREFIX = "functional:"
ECON_PREFIX = "econ:"

FUNCTIONAL_LEVEL_LENGTH = {"functional_class": 3, "functional_section": 5, "functional_item": 7}
ECON_LEVEL_LENGTH = {"econ_class": 3, "econ_section": 5}

_SPACES = re.compile(r"[\s\u3000]+")
_DIGITS = re.compile(r"^[0-9]+$")


def normalize_name(text: str) -> str:
    """A name for comparison: full-width forms folded (（）→()), whitespace removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def is_code(code: str, lengths: tuple[int, ...]) -> bool:
    return bool(_DIGITS.match(code)) and len(code) in lengths


def cell_text(row: Row, column: str) -> str | None:
    """Stripped text of a label cell (``None`` when blank or absent)."""
    for cell in row.cells:
        if cell.column == column and not cell.money:
            if cell.value is None:
                return None
            text = str(cell.value).strip()
            return text or None
    return None


def part_matches(printed: str | None, code: str, start: int, end: int) -> bool:
    """Whether a printed 款/项 part agrees with ``code``: blank, its own digits, or the code up to it."""
    if printed is None:
        return True
    printed = _SPACES.sub("", printed)
    return printed in (code[start:end], code[:end]) and len(code) >= end


def printed_parts(row: Row, columns: tuple[str, ...]) -> str:
    return " ".join(cell_text(row, c) or "" for c in columns).strip()


def spaced(code: str, cuts: tuple[int, ...]) -> str:
    """``2010301`` → ``201 03 01`` (cuts at the given lengths)."""
    parts, start = [], 0
    for end in cuts:
        if len(code) > start:
            parts.append(code[start:end])
        start = end
    return " ".join(p for p in parts if p)


# -- rows ---------------------------------------------------------------------------------------


def functional_rows(ctx: CheckContext) -> Iterator[tuple[Table, Row, str]]:
    """(table, row, code) of every row that stands for a functional code."""
    for table in ctx.tables:
        for row in table.rows:
            if row.key.startswith(FUNCTIONAL_PREFIX):
                yield table, row, row.key[len(FUNCTIONAL_PREFIX):]


def econ_rows(ctx: CheckContext) -> Iterator[tuple[Table, Row, str, str | None]]:
    """(table, row, 部门 code, 政府 code or None) of every row that stands for an economic code."""
    for table in ctx.tables:
        for row in table.rows:
            if row.key.startswith(ECON_PREFIX):
                dept, _, gov = row.key[len(ECON_PREFIX):].partition("/")
                yield table, row, dept, gov or None


@dataclass(frozen=True, slots=True)
class Printed:
    """One code printed in a table row, with the name printed beside it."""

    kind: CodeKind
    code: str
    name: str | None
    table: Table
    row: Row
    code_column: str
    name_column: str


def printed_codes(ctx: CheckContext) -> list[Printed]:
    """Every functional, 部门 and 政府 economic code printed in the tables, in document order."""
    out: list[Printed] = []
    for table, row, code in functional_rows(ctx):
        column = {3: "f_class", 5: "f_section"}.get(len(code), "f_item")
        out.append(Printed("f", code, cell_text(row, "name") or row.label or None, table, row, column, "name"))
    for table, row, dept, gov in econ_rows(ctx):
        out.append(Printed("d", dept, cell_text(row, "d_name") or row.label or None, table, row,
                           "d_section" if len(dept) == 5 else "d_class", "d_name"))
        if gov:
            out.append(Printed("g", gov, cell_text(row, "g_name"), table, row,
                               "g_section" if len(gov) == 5 else "g_class", "g_name"))
    return out


def at_printed(ctx: CheckContext, printed: Printed, column: str | None = None) -> Location:
    return ctx.at_cell(printed.table, printed.row, column or printed.code_column)


# -- line items ---------------------------------------------------------------------------------


def item_location(item: LineItem, index: int, field: str | None = None) -> Location:
    """Where a line item was entered (its input row), optionally narrowed to one field."""
    ref = item.source_ref or SourceRef(path=f"items[{index}]")
    if field and ref.path and ref.sheet is None:
        ref = ref.at(path=f"{ref.path}.{field}")
    return Location(source=ref)


def item_codes(item: LineItem) -> dict[CodeKind, str]:
    codes: dict[CodeKind, str] = {"f": item.functional_code, "d": item.econ_code}
    if item.gov_econ_code:
        codes["g"] = item.gov_econ_code
    return codes


ITEM_FIELDS: dict[str, str] = {"f": "functional", "d": "econ", "g": "gov_econ"}
