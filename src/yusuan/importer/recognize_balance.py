"""Two-sided (收支) tables: income rows on the left, expenditure rows on the right, side by side.

Each printed row carries up to one line of each side (some layouts print two expenditure parts, by
function and by use).  A side's line is keyed by its label (``vocabulary.yaml`` ``balance``): the
cells carry the semantic row key ``income:<key>`` / ``expenditure:<key>`` the rules read
(``income:general_public``, ``expenditure:201``, ``income:grand_total`` …), the printed row keeps the
key ``line<n>`` (``total<n>`` for a total row) as a compiled table has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from yusuan.compute.model import Cell, Column, ColumnKind, Row, Table
from yusuan.importer.cells import clean, is_amount, norm, numbering, parse_amount, strip_numbering
from yusuan.importer.model import RawTable
from yusuan.importer.recognize_common import Setting, empty_table, is_index_row, money_unit
from yusuan.importer.vocabulary import Role, RowRule, Vocabulary, match
from yusuan.money import MoneyUnit

TOTAL_KEYS = frozenset({"current_total", "grand_total", "total"})
_TOTAL_LIKE = TOTAL_KEYS | {"carryover", "year_end_carryover", "current"}
_AFTER_TOTAL = frozenset({"carryover", "year_end_carryover", "unit_carryover", "business_fund"})


@dataclass(frozen=True, slots=True)
class _Col:
    index: int
    side: str
    key: str
    """Key without the side (``label``, ``amount``, ``general_public`` …)."""
    kind: ColumnKind
    header: tuple[str, ...]


@dataclass
class _Part:
    """One label column and the money columns after it, on one side."""

    side: str
    label: _Col | None
    money: list[_Col] = field(default_factory=list)


@dataclass
class _Line:
    part: int
    side: str
    label: str
    amounts: dict[str, int | None]
    bad: dict[str, str]
    key: str = ""
    indent: int = 0


def _side_of(path: list[str], vocab: Vocabulary) -> tuple[str | None, list[str]]:
    for n, element in enumerate(path):
        for side, pattern in vocab.sides.items():
            if pattern.fullmatch(element):
                return side, path[n + 1:]
    return None, path


def _plan(raw: RawTable, vocab: Vocabulary, notices: list[str]) -> list[_Col]:
    width = max([len(raw.columns)] + [len(r) for r in raw.rows])
    cols: list[_Col] = []
    sides: list[str | None] = []
    for i in range(width):
        printed = tuple(clean(h) for h in (raw.columns[i] if i < len(raw.columns) else ()) if clean(h))
        side, rest = _side_of([norm(p) for p in printed if norm(p)], vocab)
        sides.append(side)
        rest = vocab.strip_transparent(rest) if len(rest) > 1 else rest
        joined = "/".join(rest)
        label = match(vocab.balance_labels, joined) if joined else None
        if label is not None:
            cols.append(_Col(i, side or "", label.key, "label", printed))
            continue
        rule = match(vocab.balance_columns, joined) if joined else None
        if rule is not None:
            cols.append(_Col(i, side or "", rule.key, "money", printed))
            continue
        amounts = [r[i] for r in raw.rows if i < len(r) and norm(r[i])]
        numeric = bool(amounts) and all(_is_amountish(a) for a in amounts)
        if printed:
            notices.append(f"表「{clean(raw.title)}」的栏目「{'/'.join(printed)}」未能识别，保留为第 {i + 1} 栏")
        cols.append(_Col(i, side or "", f"c{i + 1}", "money" if numeric or (not amounts and i % 2) else "label",
                         printed))
    # two expenditure parts (by function and by use): the one by use is a side of its own (``use``)
    by_use = [c for c in cols if "支出用途" in "".join(c.header)]
    if by_use and len(by_use) < sum(1 for s in sides if s == "expenditure"):
        cols = [_Col(c.index, "use", c.key.removeprefix("use_"), c.kind, c.header) if c in by_use else c
                for c in cols]
    # columns without a side: before the first expenditure column they are income
    first_exp = next((n for n, s in enumerate(sides) if s == "expenditure"), None)
    if first_exp is None:
        labels = [n for n, c in enumerate(cols) if c.kind == "label"]
        first_exp = labels[1] if len(labels) > 1 else width
    out: list[_Col] = []
    for n, col in enumerate(cols):
        side = col.side or ("income" if n < first_exp else "expenditure")
        out.append(_Col(col.index, side, col.key, col.kind, col.header))
    return out


def _is_amountish(text: str) -> bool:
    return is_amount(text)


def _parts(cols: list[_Col]) -> list[_Part]:
    parts: list[_Part] = []
    for col in cols:
        current = next((p for p in reversed(parts) if p.side == col.side), None)
        if col.kind == "label":
            parts.append(_Part(col.side, col))
        elif current is None:
            parts.append(_Part(col.side, None, [col]))
        else:
            current.money.append(col)
    return parts


class _Keys:
    """Assigns each line of one part its key, following the groups its rows open."""

    def __init__(self, rules: Sequence[RowRule], vocab: Vocabulary, side: str) -> None:
        self.rules = rules
        self.vocab = vocab
        self.side = side
        self.group: str | None = None
        self.under_top = False
        """A row numbered 一、 came before: rows numbered 1. / （1） / （一） are its parts."""

    def key(self, line: _Line) -> str | None:
        label = norm(line.label)
        number = numbering(label)
        top = number is not None and number[0] == "chinese"
        bare = strip_numbering(label)
        within = label.startswith("其中")
        if top:
            self.under_top = True
        elif number is None and not within:
            self.under_top = False
        sub = 1 if self.under_top and number is not None and not top else 0
        key = self._key(line, label, number, top, bare, within)
        if key is not None and key not in _TOTAL_LIKE:
            line.indent = max(line.indent, sub + (1 if within else 0))
        return key

    def _key(self, line: _Line, label: str, number: tuple[str, int, str] | None, top: bool, bare: str,
             within: bool) -> str | None:
        has_money = any(v is not None for v in line.amounts.values())
        if self.group is not None:
            for rule in self.rules:
                if rule.group == self.group and rule.label.fullmatch(bare):
                    line.indent = max(rule.indent, 1 if within else 0)
                    return rule.key
        for rule in self.rules:
            if rule.group is not None or (rule.numbered and not top) or (rule.within and not within):
                continue
            if rule.heading and (has_money or number is not None):
                continue
            if not rule.label.fullmatch(bare):
                continue
            line.indent = 1 if within else rule.indent
            key = rule.key
            if rule.prefixed and self.group in ("current", "carryover"):
                return f"{self.group}.{key}"
            self.group = rule.opens
            return key
        return None


def _classes(lines: list[_Line], vocab: Vocabulary) -> None:
    """Expenditure lines printed for a functional class (类): keyed by its code (``201``).

    The name decides (current or older names); when two lines name the same class, the one whose
    printed number (（九）→ 209) points elsewhere takes the numbered class.
    """
    by_name: dict[int, str] = {}
    by_number: dict[int, str] = {}
    for n, line in enumerate(lines):
        if line.key:
            continue
        bare = strip_numbering(line.label)
        code = vocab.class_of(bare)
        found = numbering(line.label)
        if found is not None and found[0] in ("chinese", "paren_chinese"):
            numbered = str(200 + found[1])
            if numbered in vocab.classes:
                by_number[n] = numbered
        if code is not None:
            by_name[n] = code
        elif n in by_number and bare.endswith("支出"):
            by_name[n] = by_number[n]
    counts: dict[str, int] = {}
    for code in by_name.values():
        counts[code] = counts.get(code, 0) + 1
    used = set(by_name.values())
    for n, code in by_name.items():
        if counts[code] > 1 and n in by_number and by_number[n] != code and by_number[n] not in used:
            code = by_number[n]
            used.add(code)
            counts[by_name[n]] -= 1
        lines[n].key = code


def read_balance(raw: RawTable, role: Role, setting: Setting, vocab: Vocabulary) -> tuple[Table, list[str]]:
    notices: list[str] = []
    unit = money_unit(raw, setting, notices)
    cols = _plan(raw, vocab, notices)
    parts = _parts(cols)
    printed: list[tuple[int, list[_Line]]] = []
    for n, cells in enumerate(raw.rows):
        if not any(norm(c) for c in cells) or is_index_row(cells):
            continue
        lines = _read_row(cells, parts, unit)
        if lines:
            printed.append((n, lines))
    _key_lines(printed, parts, vocab, raw, notices)
    rows = _rows(printed, parts, cols)
    columns = tuple(Column(f"{c.side}.{c.key}", c.header, c.kind) for c in cols)
    return empty_table(role.id, "balance", raw, setting, notices, columns, tuple(rows), unit), notices


def _read_row(cells: Sequence[str], parts: list[_Part], unit: MoneyUnit) -> list[_Line]:
    lines: list[_Line] = []
    for p, part in enumerate(parts):
        label = clean(cells[part.label.index]) if part.label is not None and part.label.index < len(cells) else ""
        amounts: dict[str, int | None] = {}
        bad: dict[str, str] = {}
        for col in part.money:
            text = cells[col.index] if col.index < len(cells) else ""
            try:
                amounts[col.key] = parse_amount(text, unit)
            except ValueError:
                amounts[col.key] = None
                bad[col.key] = clean(text)
        has_money = any(v is not None for v in amounts.values())
        if not label and has_money:
            # a total's label spans the side's parts (当年支出小计 … 15897.44): its amount goes with the label
            sides = (part.side, "expenditure" if part.side == "use" else "")
            owner = next((x for x in reversed(lines) if x.side in sides and x.label
                          and not any(v is not None for v in x.amounts.values())), None)
            if owner is not None:
                first = parts[owner.part].money[0].key if parts[owner.part].money else None
                if first is not None:
                    owner.amounts[first] = next(v for v in amounts.values() if v is not None)
                continue
        if label or has_money or bad:
            lines.append(_Line(p, part.side, label, amounts, bad))
    return lines


def _key_lines(printed: list[tuple[int, list[_Line]]], parts: list[_Part], vocab: Vocabulary, raw: RawTable,
               notices: list[str]) -> None:
    for p, part in enumerate(parts):
        rules = vocab.balance_rows.get("expenditure" if part.side == "use" else part.side, ())
        keys = _Keys(rules, vocab, part.side)
        mine = [line for _n, lines in printed for line in lines if line.part == p]
        for line in mine:
            found = keys.key(line)
            if found is not None:
                line.key = found
        if part.side == "expenditure":
            _classes(mine, vocab)
        printed_keys = {line.key for line in mine}
        for line in mine:  # a group's heading printed without a 小计 row of its own is the group's subtotal
            if line.key.startswith("group.") and line.key[6:] not in printed_keys:
                line.key = line.key[6:]
        for n, line in enumerate(mine):
            if not line.key:
                line.key = f"line{n + 1}"
                if line.label:
                    notices.append(f"表「{clean(raw.title)}」{'收入' if part.side == 'income' else '支出'}栏的"
                                   f"「{line.label}」未能识别")
        counts: dict[str, int] = {}
        for line in mine:
            counts[line.key] = counts.get(line.key, 0) + 1
            if counts[line.key] > 1:
                line.key = f"{line.key}~{counts[line.key]}"
        for line in mine:
            for col, text in line.bad.items():
                notices.append(f"表「{clean(raw.title)}」「{line.label}」行的“{text}”不是金额，按文字保留（{col}）")


def _rows(printed: list[tuple[int, list[_Line]]], parts: list[_Part], cols: list[_Col]) -> list[Row]:
    rows: list[Row] = []
    seen_total = False
    totals = 0
    for _n, lines in printed:
        keys = {line.key for line in lines}
        is_total = bool(keys & TOTAL_KEYS) or (seen_total and bool(keys & _AFTER_TOTAL))
        seen_total = seen_total or is_total
        by_part = {line.part: line for line in lines}
        cells: list[Cell] = []
        for p, part in enumerate(parts):
            line = by_part.get(p)
            row_key = f"{part.side}:{line.key}" if line is not None else None
            if part.label is not None:
                cells.append(Cell(line.label or None if line is not None else None, f"{part.side}.{part.label.key}",
                                  row_key=row_key))
            for col in part.money:
                if line is not None and col.key in line.bad:
                    cells.append(Cell(line.bad[col.key], f"{col.side}.{col.key}", row_key=row_key))
                else:
                    value = line.amounts.get(col.key) if line is not None else None
                    cells.append(Cell(value, f"{col.side}.{col.key}", money=True, row_key=row_key))
        order = {c.index: n for n, c in enumerate(cols)}
        index = {f"{c.side}.{c.key}": c.index for c in cols}
        cells.sort(key=lambda c: order[index[c.column]])
        label = next((line.label for line in lines if line.label), "")
        indent = lines[0].indent if lines else 0
        if is_total:
            totals += 1
            rows.append(Row(f"total{totals}", "total", tuple(cells), label=label, indent=indent))
        else:
            rows.append(Row(f"line{len(rows) - totals + 1}", "line", tuple(cells), label=label, indent=indent))
    return rows
