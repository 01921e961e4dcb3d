"""Helpers for the arithmetic (A) and cross-table (X) rules.

Every table is read as a list of :class:`Line` s: a matrix row, or one side's row of a
two-sided 收支 table (``income:grand_total``, ``expenditure:201`` …), each with its money
by column key.  Identities are then checked with a handful of generic helpers that yield
:class:`Finding` s stating the expected and actual figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.registry import Finding
from yusuan.compute.model import Column, Row, Table
from yusuan.compute.summary import THREE_PUBLIC_CODES

RANK = {"department": 1, "unit": 2, "functional_class": 3, "econ_class": 3, "project": 3,
        "functional_section": 4, "econ_section": 4, "functional_item": 5}
"""Depth of the grouping levels of a matrix table (the total row is handled by A101)."""

THREE_PUBLIC_ITEMS = ("total", "overseas_travel", "official_reception", "vehicles", "vehicle_operation",
                      "vehicle_purchase")
THREE_PUBLIC_NAMES = {"total": "“三公”经费合计", "overseas_travel": "因公出国（境）费",
                      "official_reception": "公务接待费", "vehicles": "公务用车购置及运行费",
                      "vehicle_operation": "公务用车运行维护费", "vehicle_purchase": "公务用车购置费"}
THREE_PUBLIC_ECON = {code: item for item, codes in THREE_PUBLIC_CODES.items() for code in codes}

PROJECT_KIND_COLUMNS = ("project.operations", "project.specific", "project.general", "project.special")
FISCAL_INCOME_ROWS = ("general_public", "government_fund", "state_capital")

_ECON = re.compile(r"(?:^|/)econ:(\d{3,5})")
_FUNCTIONAL = re.compile(r"(?:^|/)functional:(\d{3,7})")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """One row of figures: a matrix row, or one side's row of a two-sided (收支) table."""

    key: str
    label: str
    level: str
    indent: int
    values: dict[str, int]
    row: Row
    side: str = ""
    """``income`` or ``expenditure`` for a two-sided table's line, else empty."""
    name: str = ""
    """The semantic key without its side (``grand_total`` of ``income:grand_total``); the key of a matrix row."""

    def get(self, column: str) -> int:
        return self.values.get(column, 0)

    @property
    def within(self) -> bool:
        """A 其中 row (part of the row above it, not added to the totals)."""
        return self.label.lstrip().startswith("其中")


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


_CACHE: dict[int, tuple[Table, list[Line]]] = {}
_CACHE_SIZE = 512


def lines(table: Table) -> list[Line]:
    """The table's lines in printed order (two-sided tables: both sides of each printed row).

    Cached per table object (tables are immutable; the cache holds the table, so its id is not reused).
    """
    hit = _CACHE.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    out = _read_lines(table)
    _CACHE[id(table)] = (table, out)
    return out


def _read_lines(table: Table) -> list[Line]:
    out: list[Line] = []
    if table.kind != "balance":
        for row in table.rows:
            values = {c.column: _int(c.value) for c in row.cells if c.money}
            texts = [c.value.strip() for c in row.cells if isinstance(c.value, str) and c.value.strip()]
            label = row.label or next((t for t in texts if not t.isdigit()), texts[0] if texts else "")
            if not label and row.level == "total":
                label = "合计"
            out.append(Line(row.key, label, row.level, row.indent, values, row, "", row.key))
        return out
    for row in table.rows:
        sides: dict[str, tuple[list[str], dict[str, int]]] = {}
        for cell in row.cells:
            if cell.row_key is None:
                continue
            texts, amounts = sides.setdefault(cell.row_key, ([], {}))
            if cell.money:
                amounts[cell.column] = _int(cell.value)
            elif isinstance(cell.value, str) and not texts:
                texts.append(cell.value)
        for n, (key, (texts, amounts)) in enumerate(sides.items()):
            side, _, name = key.partition(":")
            out.append(Line(key, texts[0] if texts else "", row.level, row.indent if n == 0 else 0, amounts, row,
                            side if name else "", name or key))
    return out


def by_key(table_lines: Iterable[Line]) -> dict[str, Line]:
    out: dict[str, Line] = {}
    for line in table_lines:
        out.setdefault(line.key, line)
    return out


def total_line(table_lines: Iterable[Line]) -> Line | None:
    return next((line for line in table_lines if line.level == "total"), None)


def first(index: dict[str, Line], *keys: str) -> Line | None:
    return next((index[k] for k in keys if k in index), None)


# -- columns ------------------------------------------------------------------------------------


def money_keys(table: Table) -> list[str]:
    return [c.key for c in table.money_columns()]


def column(table: Table, key: str) -> Column | None:
    return next((c for c in table.columns if c.key == key), None)


def side_columns(table: Table, side: str) -> list[str]:
    return [k for k in money_keys(table) if k.startswith(side + ".")]


def is_within(table: Table, key: str) -> bool:
    """A 其中 column (e.g. 其中：财政拨款): part of its neighbour, not added to totals."""
    col = column(table, key)
    if col is not None and any(h.lstrip().startswith("其中") for h in col.header):
        return True
    return key == "appropriation" or key.endswith(".appropriation")


def column_name(table: Table, key: str) -> str:
    """Name of a column for messages: 基本支出小计, 本年收入合计, 工资福利支出 …"""
    col = column(table, key)
    if col is None:
        return key
    parts = [h for h in col.header if h]
    if table.kind == "balance" and len(parts) > 1:
        parts = parts[1:]  # drop the 收入/支出 side header
    if not parts:
        return key
    if parts[-1] in ("小计", "合计") and len(parts) > 1:
        return parts[-2] + parts[-1]
    return parts[-1]


def part_name(table: Table, key: str) -> str:
    """Short name of a column as a part of a sum, e.g. 工资福利支出, 一般公共预算."""
    col = column(table, key)
    if col is None:
        return key
    parts = [h for h in col.header if h and h not in ("小计", "合计")]
    return parts[-1] if parts else column_name(table, key)


def part_names(table: Table, keys: Sequence[str]) -> str:
    """Names of the parts of a sum; a short name shared by two parts is given with its group."""
    short = [part_name(table, k) for k in keys]
    out = []
    for key, name in zip(keys, short, strict=True):
        col = column(table, key)
        if short.count(name) > 1 and col is not None:
            name = "/".join(h for h in col.header if h and h not in ("小计", "合计"))
        out.append(name)
    return "、".join(out)


def others(table: Table, total: str) -> list[str]:
    """Every money column but ``total`` and the 其中 columns."""
    return [k for k in money_keys(table) if k != total and not is_within(table, k)]


# -- locations and findings ---------------------------------------------------------------------


def at(ctx: CheckContext, table: Table, line: Line, column_key: str | None) -> Location:
    if line.key == line.row.key:
        where = ctx.at_cell(table, line.row, column_key)
        return where if line.row.label or not line.label else replace(where, row_label=line.label)
    return replace(ctx.at_cell(table, line.key, column_key), row_label=line.label or line.name)


def ref(table: Table) -> str:
    """How a message names another table: 预算01表, or its title when it has no number."""
    return table.code or f"「{table.title}」"


def finding(ctx: CheckContext, table: Table, where: Location, expected: int, actual: int,
            **values: object) -> Finding:
    return Finding(where, values, expected=ctx.fmt(expected, table), actual=ctx.fmt(actual, table),
                   difference=ctx.fmt(actual - expected, table))


def column_identity(ctx: CheckContext, table: Table, total: str, parts: Sequence[str],
                    table_lines: Iterable[Line] | None = None, name: str | None = None,
                    complete: bool = False) -> Iterator[Finding]:
    """On each line, column ``total`` equals the sum of the ``parts`` columns.

    Part columns the table does not have are left out (with ``complete``, the check is skipped
    instead).  Findings carry ``name`` (the total column) and ``parts`` (the part columns).
    """
    present = set(money_keys(table))
    if complete and not all(p in present for p in parts):
        return
    parts = [p for p in parts if p in present and p != total]
    if total not in present or not parts:
        return
    tolerance = ctx.tolerance_fen(table)
    for line in table_lines if table_lines is not None else lines(table):
        values = line.values
        if total not in values:
            continue
        expected, actual = sum(values.get(p, 0) for p in parts), values[total]
        if abs(actual - expected) > tolerance:
            yield finding(ctx, table, at(ctx, table, line, total), expected, actual,
                          name=name or column_name(table, total), parts=part_names(table, parts))


def line_identity(ctx: CheckContext, table: Table, total: Line, parts: Sequence[Line],
                  columns: Iterable[str] | None = None, parts_name: str | None = None) -> Iterator[Finding]:
    """Line ``total`` equals the sum of the ``parts`` lines in every money column it has.

    Findings carry ``name`` (the total line's label) and ``parts`` (``parts_name`` or the parts' labels).
    """
    if not parts:
        return
    tolerance = ctx.tolerance_fen(table)
    for col in columns if columns is not None else list(total.values):
        if col not in total.values:
            continue
        expected, actual = sum(p.values.get(col, 0) for p in parts), total.values[col]
        if abs(actual - expected) > tolerance:
            yield finding(ctx, table, at(ctx, table, total, col), expected, actual, name=total.label or total.name,
                          parts=parts_name or "、".join(p.label or p.name for p in parts))


def groups(table_lines: Sequence[Line]) -> Iterator[tuple[Line, list[Line]]]:
    """(group line, its direct child lines) for every department/unit/类/款 line of a matrix table.

    Children are the following lines up to the next line at the same or a higher level,
    keeping those of the highest level found below the group.
    """
    ranked = [(RANK[line.level], line) for line in table_lines if line.level in RANK]
    for n, (rank, line) in enumerate(ranked):
        span: list[tuple[int, Line]] = []
        for below in ranked[n + 1:]:
            if below[0] <= rank:
                break
            span.append(below)
        if span:
            top = min(r for r, _ in span)
            yield line, [child for r, child in span if r == top]


# -- codes and names in rows --------------------------------------------------------------------


def _text(row: Row, column_key: str) -> str:
    return next((str(c.value).strip() for c in row.cells if c.column == column_key and isinstance(c.value, str)), "")


def econ_code(line: Line) -> str | None:
    """Department economic code of a line (``30217``, or the class ``302`` for a class row)."""
    match = _ECON.search(line.key)
    if match:
        return match.group(1)
    cls, section = _text(line.row, "d_class"), _text(line.row, "d_section")
    if section.isdigit() and len(section) == 5:
        return section
    if cls.isdigit() and len(cls) == 3:
        return cls + section if section.isdigit() and len(section) == 2 else cls
    return None


def functional_class(line: Line) -> str | None:
    match = _FUNCTIONAL.search(line.key)
    if match:
        return match.group(1)[:3]
    cls = _text(line.row, "f_class")
    return cls if cls.isdigit() and len(cls) == 3 else None


def functional_leaves(table_lines: Sequence[Line]) -> list[Line]:
    """The deepest functional lines (项, else 款, else 类) of a matrix table."""
    for level in ("functional_item", "functional_section", "functional_class"):
        found = [line for line in table_lines if line.level == level]
        if found:
            return found
    return []


def class_sums(table_lines: Sequence[Line], column_key: str) -> dict[str, int]:
    """Functional class (类) → sum of ``column_key`` over the table's deepest functional lines."""
    sums: dict[str, int] = {}
    for line in functional_leaves(table_lines):
        cls = functional_class(line)
        if cls is not None:
            sums[cls] = sums.get(cls, 0) + line.get(column_key)
    return sums


def project_name(line: Line) -> str:
    name = _text(line.row, "project_name") or _text(line.row, "name") or line.label
    return _SPACE.sub("", name)


# -- special tables -----------------------------------------------------------------------------


def three_public(table: Table) -> dict[str, tuple[int, Line, str]]:
    """三公 item → (amount, line, column), for the horizontal (2024) and vertical (2020) layouts."""
    table_lines = lines(table)
    keys = money_keys(table)
    if "overseas_travel" in keys or "vehicles" in keys:
        line = total_line(table_lines) or next((ln for ln in table_lines if ln.values), None)
        if line is None:
            return {}
        return {item: (line.values[item], line, item) for item in THREE_PUBLIC_ITEMS if item in line.values}
    if not keys:
        return {}
    out: dict[str, tuple[int, Line, str]] = {}
    for line in table_lines:
        item = line.key.rsplit(":", 1)[-1]
        if item in THREE_PUBLIC_ITEMS and keys[0] in line.values and item not in out:
            out[item] = (line.values[keys[0]], line, keys[0])
    return out


def targets_total_column(table: Table) -> str | None:
    """The 资金总额 column of a 项目绩效目标汇总表 (the first money column when not named)."""
    keys = money_keys(table)
    for key in keys:
        col = column(table, key)
        if col is not None and col.header and col.header[-1].strip() == "资金总额":
            return key
    return keys[0] if keys else None
