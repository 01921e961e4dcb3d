"""Steps of table recognition shared by every kind of table: title → role, unit, notes, header, columns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from yusuan.compute.model import Cell, Column, ColumnKind, HeaderCell, Row, Table, build_header
from yusuan.importer.cells import clean, is_amount, norm
from yusuan.importer.model import RawTable
from yusuan.importer.vocabulary import PathRule, Role, Vocabulary, match, vocabulary
from yusuan.money import MoneyUnit

RAW_KIND = "raw"


@dataclass
class Setting:
    """What recognition knows about the document a table belongs to."""

    department: str = ""
    year: int = 0
    unit: MoneyUnit | None = None
    """The document's money unit when known (used for tables that print no 单位 line)."""


@dataclass
class Recognized:
    table: Table
    page: int | None
    notices: list[str] = field(default_factory=list)


# ── titles, units, notes ──────────────────────────────────────────────────────────────────────

_YEAR_IN_TITLE = re.compile(r"[(（]?\d{4}年度?[)）]?")
_NUMBER_IN_TITLE = re.compile(r"^(预算|公开|部门预算|附)?\s*\d{1,2}\s*表|^表\s*\d{1,2}|^\d{1,2}[.．、]")
_UNIT_TAIL = re.compile(r"\s*(?:金额)?单位\s*[:：]\s*(?:万元|元)\s*$")
_EMPTY_STATEMENT = re.compile(r"无|没有|不涉及|空表|本表无数据|未安排")


def title_key(title: str, department: str) -> str:
    """The title as matched against the roles: normalised, without year, department or table number."""
    t = norm(title)
    if department:
        t = t.replace(norm(department), "")
    t = _NUMBER_IN_TITLE.sub("", t)
    return _YEAR_IN_TITLE.sub("", t)


def role_of(raw: RawTable, setting: Setting, vocab: Vocabulary | None = None) -> Role | None:
    vocab = vocab or vocabulary()
    return vocab.role(title_key(raw.title, setting.department))


def table_code(raw: RawTable) -> str:
    """The printed number without the spaces of extraction (``预算 01 表`` → ``预算01表``)."""
    return norm(raw.number) if raw.number else ""


def money_unit(raw: RawTable, setting: Setting, notices: list[str]) -> MoneyUnit:
    text = norm(raw.unit or "")
    if text in ("万元", "元"):
        return MoneyUnit(text)
    fallback = setting.unit or MoneyUnit.WAN
    if text:
        notices.append(f"表「{raw.title}」的金额单位「{raw.unit}」无法识别，按{fallback.value}读取")
    else:
        notices.append(f"表「{raw.title}」未印金额单位，按{fallback.value}读取")
    return fallback


def org_label(raw: RawTable) -> str:
    return _UNIT_TAIL.sub("", raw.org).strip() if raw.org else ""


def split_notes(raw: RawTable, empty: bool) -> tuple[str, tuple[str, ...]]:
    """(empty-table statement, other notes): an empty table's note saying there is nothing is its statement."""
    notes = [clean(n) for n in raw.notes if clean(n)]
    if empty:
        for n, note in enumerate(notes):
            if _EMPTY_STATEMENT.search(note):
                return note, tuple(notes[:n] + notes[n + 1:])
    return "", tuple(notes)


def header_cells(raw: RawTable, columns: Sequence[Column]) -> tuple[tuple[HeaderCell, ...], ...]:
    """The printed header with its spans (HTML-style raw cells placed on a grid)."""
    if not raw.header:
        return build_header(tuple(columns)) if any(c.header for c in columns) else ()
    taken: set[tuple[int, int]] = set()
    out: list[tuple[HeaderCell, ...]] = []
    for r, cells in enumerate(raw.header):
        row: list[HeaderCell] = []
        col = 0
        for cell in cells:
            while (r, col) in taken:
                col += 1
            row.append(HeaderCell(clean(cell.text), r, col, cell.rowspan, cell.colspan))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            col += cell.colspan
        out.append(tuple(row))
    return tuple(out)


def is_index_row(cells: Sequence[str]) -> bool:
    """A row of column numbers (``** ** 1 2 3 …`` or ``栏次 1 2 3``) printed under some headers."""
    texts = [norm(c) for c in cells if norm(c)]
    if len(texts) < 3:
        return False
    numbers = [t for t in texts if t not in ("*", "**", "栏次", "-")]
    if not numbers or not all(t.isdigit() for t in numbers):
        return False
    return [int(t) for t in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def empty_table(table_id: str, kind: str, raw: RawTable, setting: Setting, notices: list[str],
                columns: tuple[Column, ...], rows: tuple[Row, ...], unit: MoneyUnit | None = None) -> Table:
    """A :class:`Table` with the printed title, number, unit, organisation, header and notes."""
    unit = unit or money_unit(raw, setting, notices)
    rows = tuple(_full(row, columns) for row in rows)
    empty = not any(isinstance(c.value, int) and c.money and c.value for r in rows for c in r.cells)
    if kind in ("department_targets", "project_targets_summary", "project_target_sheets"):
        empty = not any(r.level in ("indicator", "project") for r in rows)
    statement, notes = split_notes(raw, empty)
    return Table(
        id=table_id, kind=kind, number=_number(table_code(raw)), code=table_code(raw), title=clean(raw.title),
        money_unit=unit, decimals=2, org_label=org_label(raw), columns=columns,
        header=header_cells(raw, columns), rows=rows, is_empty=empty, empty_statement=statement, notes=notes,
    )


def _full(row: Row, columns: Sequence[Column]) -> Row:
    """A row with a cell in every column, in column order (a blank cell where nothing is printed)."""
    if len(row.cells) == len(columns) and all(c.column == col.key for c, col in zip(row.cells, columns, strict=True)):
        return row
    by_column: dict[str, Cell] = {}
    extra: list[Cell] = []
    for cell in row.cells:
        if cell.column in by_column:
            extra.append(cell)
        else:
            by_column[cell.column] = cell
    known = {c.key for c in columns}
    cells = [by_column.get(col.key, Cell(None, col.key)) for col in columns]
    cells += [c for c in by_column.values() if c.column not in known] + extra
    return Row(row.key, row.level, tuple(cells), label=row.label, indent=row.indent)


_CODE_NUMBER = re.compile(r"(\d{1,2})")


def _number(code: str) -> int | None:
    m = _CODE_NUMBER.search(code)
    return int(m.group(1)) if m else None


# ── raw tables ────────────────────────────────────────────────────────────────────────────────


def raw_table(raw: RawTable, setting: Setting, table_id: str, notices: list[str]) -> Table:
    """A table of unknown kind, kept as printed: columns c1…, every cell as text."""
    width = max([len(raw.columns)] + [len(r) for r in raw.rows])
    columns = tuple(Column(f"c{i + 1}", tuple(clean(h) for h in (raw.columns[i] if i < len(raw.columns) else ())),
                           "text") for i in range(width))
    rows = []
    for n, cells in enumerate(raw.rows):
        texts = [clean(c) for c in cells]
        if not any(texts):
            continue
        row_cells = tuple(Cell(t or None, f"c{i + 1}") for i, t in enumerate(texts))
        rows.append(Row(f"row:{n + 1}", "line", row_cells, label=next((t for t in texts if t), "")))
    unit = money_unit(raw, setting, []) if raw.unit else (setting.unit or MoneyUnit.WAN)
    table = empty_table(table_id, RAW_KIND, raw, setting, [], columns, tuple(rows), unit)
    # a raw table's emptiness is about text: nothing printed in its body
    return replace(table, is_empty=not rows)


# ── columns of matrix tables ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    index: int
    key: str
    kind: ColumnKind
    header: tuple[str, ...]


def _path(raw_path: Sequence[str], vocab: Vocabulary) -> list[str]:
    return vocab.strip_transparent([norm(p) for p in raw_path])


def _amount_column(raw: RawTable, index: int) -> bool:
    """Whether every non-blank body cell of a column is an amount (and at least one is)."""
    seen = False
    for row in raw.rows:
        if index < len(row) and norm(row[index]):
            if not is_amount(row[index]):
                return False
            seen = True
    return seen


def source_key(path: list[str], vocab: Vocabulary) -> str | None:
    """Key of a column of the funding-source vocabulary: 本年收入/一般公共预算/小计 → current.general_public."""
    prefix = None
    rest = path
    if path:
        group = next((g for g in vocab.source_groups if g.path.fullmatch(path[0])), None)
        if group is not None:
            prefix, rest = group.prefix, path[1:]
    if prefix is not None and not rest:
        return prefix
    rule = match(vocab.source_leaves, "/".join(rest))
    if rule is None:
        return None
    if prefix is None:
        return rule.key
    return prefix if rule.key == "total" else f"{prefix}.{rule.key}"


def plan_columns(raw: RawTable, role: Role, vocab: Vocabulary, notices: list[str]) -> list[ColumnPlan]:
    """The key and kind of every leaf column of a matrix table."""
    width = max([len(raw.columns)] + [len(r) for r in raw.rows])
    labels = vocab.labels.get(role.labels, ())
    money_rules: Sequence[PathRule] = vocab.money.get(role.money, ())
    plans: list[ColumnPlan] = []
    fallbacks: dict[int, str] = {}
    for i in range(width):
        printed = tuple(clean(h) for h in (raw.columns[i] if i < len(raw.columns) else ()) if clean(h))
        path = _path(printed, vocab)
        joined = "/".join(path)
        amounts = _amount_column(raw, i)
        label = match(labels, joined) if joined else None
        key: str | None = None
        kind: ColumnKind = "label"
        if label is not None and not (amounts and label.key in ("name", "d_name")):
            key = label.key
        else:
            if role.money == "sources":
                key = source_key(path, vocab)
            else:
                rule = match(money_rules, joined)
                if rule is not None:
                    key = rule.key
                    if rule.fallback:
                        fallbacks[i] = rule.fallback
            kind = "money"
            if key is None:
                key = f"c{i + 1}"
                if not amounts:
                    kind = "text"
                if printed:
                    notices.append(f"表「{clean(raw.title)}」的栏目「{'/'.join(printed)}」未能识别，"
                                   f"保留为第 {i + 1} 栏")
        plans.append(ColumnPlan(i, key, kind, printed))
    used = {p.key for p in plans}
    for i, fallback in fallbacks.items():
        if fallback not in used:
            plans[i] = ColumnPlan(i, fallback, plans[i].kind, plans[i].header)
            used.add(fallback)
    seen: dict[str, int] = {}
    out: list[ColumnPlan] = []
    for p in plans:
        if p.key in seen:
            seen[p.key] += 1
            p = ColumnPlan(p.index, f"{p.key}~{seen[p.key]}", p.kind, p.header)
        else:
            seen[p.key] = 1
        out.append(p)
    return out
