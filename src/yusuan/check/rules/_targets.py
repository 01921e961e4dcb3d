"""Helpers for the 绩效目标 rules: read indicator trees back from the printed targets tables.

The tables are the common ground of compiled and imported disclosures, so the rules read
them rather than the domain model:

* ``department_targets`` — a form table; indicator rows are keyed ``indicator:N`` with
  cells c1..c5 = 一级/二级/三级/指标值/说明, and 一级/二级 cells only on the first row
  of their group (rowspans);
* ``project_targets_summary`` — one ``project:<code>`` row per project plus continuation
  rows, with an ``l1.<n>.name`` / ``l1.<n>.value`` column pair per 一级指标;
* ``project_target_sheets:<code>`` — one form table per project, cells c1..c4.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from yusuan.check.context import CheckContext
from yusuan.compute.model import Cell, Row, Table
from yusuan.document.model import Document
from yusuan.domain.performance import Operator, TargetValue
from yusuan.numerals import CHINESE_NUMERAL, parse_chinese_numeral

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Text without any whitespace (PDF extraction scatters spaces and line breaks into cells)."""
    return _SPACE.sub("", text)


def text_of(cell: Cell | None) -> str:
    if cell is None or cell.value is None or cell.money:
        return ""
    return str(cell.value).strip()


def cells_of(row: Row) -> dict[str, Cell]:
    return {c.column: c for c in row.cells}


def money_of(cell: Cell | None) -> int | None:
    if cell is None or not cell.money:
        return None
    return cell.value if isinstance(cell.value, int) else 0


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One 三级指标 as printed."""

    table: Table
    row: Row
    level1: str
    level2: str
    """Empty when the table does not print 二级指标 (the project summary)."""
    name: str
    raw: str
    value: TargetValue
    description: str
    name_col: str
    value_col: str
    desc_col: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.level2 or self.level1


@dataclass(frozen=True)
class TargetSet:
    """The indicators of the department or of one project, with where they are printed."""

    kind: Literal["department", "project"]
    table: Table
    code: str | None
    name: str
    anchor: Row | None
    """The project's row (summary) or the name row (sheet); ``None`` for the department."""
    rows: tuple[TargetRow, ...]
    amounts: Mapping[str, tuple[int, Row, str]] = field(default_factory=dict)
    """``total`` / ``fiscal`` / ``special_account`` / ``unit_funds`` → (分, row, column) as printed."""

    @property
    def title(self) -> str:
        return self.name or self.code or ""

    def total(self) -> int | None:
        hit = self.amounts.get("total")
        return hit[0] if hit is not None else None


def parse_value(raw: str) -> TargetValue:
    return TargetValue.parse(norm(raw)) if raw else TargetValue(raw="")


def _form_rows(table: Table, value_col: str, desc_col: str | None) -> list[TargetRow]:
    """Indicator rows of a form table; 一级/二级 carry over rows where they are merged (absent or blank)."""
    out: list[TargetRow] = []
    level1 = level2 = ""
    for row in table.rows:
        if not (row.key.startswith("indicator:") or row.level == "indicator"):
            continue
        cells = cells_of(row)
        first = text_of(cells.get("c1"))
        if first:
            level1, level2 = first, ""
        second = text_of(cells.get("c2"))
        if second:
            level2 = second
        name = text_of(cells.get("c3"))
        raw = text_of(cells.get(value_col))
        if not name and not raw:
            continue
        desc = text_of(cells.get(desc_col)) if desc_col else ""
        out.append(TargetRow(table, row, level1, level2, name, raw, parse_value(raw), desc, "c3", value_col,
                             desc_col))
    return out


def _department(table: Table) -> TargetSet:
    amounts: dict[str, tuple[int, Row, str]] = {}
    row = table.row("budget_total")
    if row is not None:
        value = money_of(cells_of(row).get("c5"))
        if value is not None:
            amounts["total"] = (value, row, "c5")
    return TargetSet("department", table, None, "", None, tuple(_form_rows(table, "c4", "c5")), amounts)


def _sheet(table: Table) -> TargetSet:
    code = table.id.split(":", 1)[1] if ":" in table.id else None
    name_row = table.row("name")
    name = text_of(cells_of(name_row).get("c2")) if name_row is not None else ""
    if not name and "（" in table.title:
        name = table.title.rsplit("（", 1)[1].rstrip("）")
    amounts: dict[str, tuple[int, Row, str]] = {}
    amount_row = table.row("amount")
    if amount_row is not None:
        value = money_of(cells_of(amount_row).get("c4"))
        if value is not None:
            amounts["total"] = (value, amount_row, "c4")
    return TargetSet("project", table, code, name, name_row, tuple(_form_rows(table, "c4", None)), amounts)


_SUMMARY_AMOUNTS = {"amount.0": "total", "amount.1": "fiscal", "amount.2": "special_account",
                    "amount.3": "unit_funds"}


def summary_level1_columns(table: Table) -> list[tuple[str, str, str]]:
    """(一级指标, name column, value column) for each 一级指标 column pair of the summary."""
    keys = {c.key for c in table.columns}
    out: list[tuple[str, str, str]] = []
    for col in table.columns:
        match = re.fullmatch(r"l1\.(\d+)\.name", col.key)
        if match is None:
            continue
        value_key = f"l1.{match.group(1)}.value"
        if value_key not in keys:
            continue
        level1 = col.header[-2] if len(col.header) >= 2 else (col.header[0] if col.header else "")
        out.append((level1, col.key, value_key))
    return out


def _summary(table: Table) -> list[TargetSet]:
    pairs = summary_level1_columns(table)
    sets: list[TargetSet] = []
    current: tuple[Row, list[Row]] | None = None

    def close() -> None:
        if current is None:
            return
        head, rows = current
        cells = cells_of(head)
        code = text_of(cells.get("code")) or head.key.split(":", 1)[1]
        amounts = {what: (value, head, key) for key, what in _SUMMARY_AMOUNTS.items()
                   if (value := money_of(cells.get(key))) is not None}
        found: list[TargetRow] = []
        for row in rows:
            row_cells = cells_of(row)
            for level1, name_col, value_col in pairs:
                name, raw = text_of(row_cells.get(name_col)), text_of(row_cells.get(value_col))
                if name or raw:
                    found.append(TargetRow(table, row, level1, "", name, raw, parse_value(raw), "", name_col,
                                           value_col))
        # indicators in column order (all 成本 first, then 产出 …), as a reader goes down each column
        order = {value_col: n for n, (_, _, value_col) in enumerate(pairs)}
        found.sort(key=lambda r: order[r.value_col])
        sets.append(TargetSet("project", table, code, text_of(cells.get("name")) or head.label, head,
                              tuple(found), amounts))

    for row in table.rows:
        is_head = row.level == "project" or (row.key.startswith("project:") and row.key.count(":") == 1)
        if is_head:
            close()
            current = (row, [row])
        elif current is not None and (row.level == "indicator" or row.key.startswith(current[0].key + ":")):
            current[1].append(row)
        else:
            close()
            current = None
    close()
    return sets


def _build(document: Document) -> list[TargetSet]:
    sets: list[TargetSet] = []
    for table in document.tables():
        if table.is_empty:
            continue
        if table.id == "department_targets":
            sets.append(_department(table))
        elif table.id == "project_targets_summary":
            sets.extend(_summary(table))
        elif table.id.startswith("project_target_sheets"):
            sets.append(_sheet(table))
    return sets


def target_sets(ctx: CheckContext) -> list[TargetSet]:
    """Every printed indicator set of the disclosure (built once per check: all P rules read them)."""
    return ctx.memo("target-sets", lambda c: _build(c.document))


def project_sets(ctx: CheckContext) -> list[TargetSet]:
    return [s for s in target_sets(ctx) if s.kind == "project"]


def department_set(ctx: CheckContext) -> TargetSet | None:
    return next((s for s in target_sets(ctx) if s.kind == "department"), None)


def has_project_target_tables(ctx: CheckContext) -> bool:
    return any(t.id == "project_targets_summary" or t.id.startswith("project_target_sheets") for t in ctx.tables)


# -- indicator categories -----------------------------------------------------------------------

OUTPUT, BENEFIT, SATISFACTION, COST = "产出", "效益", "满意度", "成本"


def categories(row: TargetRow) -> set[str]:
    """Which kinds of indicator a row is (a 2020 sheet puts 满意度 and 成本 under other 一级指标)."""
    levels = row.level1 + "|" + row.level2
    out: set[str] = set()
    if "产出" in levels:
        out.add(OUTPUT)
    if "效益" in levels or "效果" in levels:
        out.add(BENEFIT)
    if "满意" in levels or "满意度" in row.name:
        out.add(SATISFACTION)
    if "成本" in levels:
        out.add(COST)
    return out


# -- units and numbers ----------------------------------------------------------------------------

_MEASURES = ("工作日", "个工作日", "万元", "千元", "亿元", "元", "%", "‰", "家", "个", "次", "场", "人次", "人", "项",
             "件", "起", "篇", "期", "所", "台", "套", "批", "户", "名", "本", "份", "条", "天", "日", "月", "年",
             "小时", "分钟", "公里", "平方米", "亩", "座", "处", "辆", "册", "张", "轮", "类", "宗", "笔", "条次",
             "批次", "课时", "学时")
_MEASURES_BY_LENGTH = tuple(sorted(set(_MEASURES), key=len, reverse=True))
MEASURE_WORDS = frozenset(_MEASURES)


def measure(unit: str | None) -> str | None:
    """The unit word of a 指标值's unit: ``家`` for ``家上市公司``, ``工作日`` for ``个工作日``."""
    if not unit:
        return None
    unit = norm(unit)
    for word in _MEASURES_BY_LENGTH:
        if unit.startswith(word):
            return "工作日" if word == "个工作日" else word
    return unit


MONEY_UNITS: Mapping[str, int] = {"元": 100, "千元": 100_000, "万元": 1_000_000, "亿元": 10_000_000_000}


def value_fen(value: TargetValue) -> int | None:
    """A money 指标值 in 分 (``≤37 万元`` → 37,000,000)."""
    per_unit = MONEY_UNITS.get(measure(value.unit) or "")
    if value.number is None or per_unit is None:
        return None
    return int(value.number * per_unit)


CN_NUMERAL = CHINESE_NUMERAL


def cn_number(text: str) -> int | None:
    """Chinese numerals as written in targets: 两 → 2, 十五 → 15, 二十 → 20, 一百二十 → 120."""
    return parse_chinese_numeral(text)


def to_decimal(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text)
    number = cn_number(text)
    return Decimal(number) if number is not None else None


# -- figures stated in a description --------------------------------------------------------------

_PRE_OPS: Mapping[str, Operator | None] = {
    "不少于": Operator.GE, "不低于": Operator.GE, "不小于": Operator.GE, "至少": Operator.GE, "≥": Operator.GE,
    "不超过": Operator.LE, "不高于": Operator.LE, "不多于": Operator.LE, "不大于": Operator.LE, "最多": Operator.LE,
    "≤": Operator.LE, "超过": Operator.GT, "多于": Operator.GT, "高于": Operator.GT, "大于": Operator.GT,
    ">": Operator.GT, "＞": Operator.GT, "少于": Operator.LT, "低于": Operator.LT, "小于": Operator.LT,
    "<": Operator.LT, "＜": Operator.LT, "=": Operator.EQ, "＝": Operator.EQ, "达到": None, "达": None,
}
_POST_OPS: Mapping[str, Operator | None] = {
    "及以上": Operator.GE, "以上": Operator.GE, "及以下": Operator.LE, "以下": Operator.LE, "以内": Operator.LE,
    "左右": None,
}


def _alternation(words: Mapping[str, object]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=256)
def _mention_pattern(unit: str) -> re.Pattern[str]:
    counter = "" if unit.startswith("个") else "个?"
    return re.compile(
        rf"(?P<pre>{_alternation(_PRE_OPS)})?(?P<num>(?<![\d.])\d+(?:\.\d+)?|{CN_NUMERAL}){counter}"
        rf"(?P<unit>{re.escape(unit)})(?P<post>{_alternation(_POST_OPS)})?"
    )


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure with the indicator's unit stated in a description (``举办两场``, ``2 次以上``)."""

    text: str
    number: Decimal
    operator: Operator | None


_FORMULA_BEFORE = set("×*xX/÷")
_BOUND_ONLY = frozenset({"%", "‰", *MONEY_UNITS})
"""Units whose bare figures in a description are usually other figures (rates of change, parts of a cost)."""
_CHANGE_WORDS = frozenset({"提高", "增长", "增加", "提升", "下降", "降低", "减少", "增幅", "降幅", "同比", "环比"})


def mentions(description: str, unit: str) -> list[Mention]:
    text = norm(description)
    out: list[Mention] = []
    for m in _mention_pattern(unit).finditer(text):
        start, end = m.start("num"), m.end()
        before = text[start - 1] if start > 0 else ""
        if not m.group("pre") and (before in _FORMULA_BEFORE or before == "第"):
            continue  # ×100% in a formula; 第二次 is an ordinal
        if text[end:end + 1] == "性":
            continue  # 一次性
        post, pre = m.group("post"), m.group("pre")
        if text[max(0, m.start() - 2):m.start()] in _CHANGE_WORDS:
            continue  # 比上年提高 5 个百分点, 增加 2 场: a change, not the target
        if unit in _BOUND_ONLY and not (pre or post):
            continue  # 较上年提高 5%, 其中培训费 5 万元: other figures, not the target
        if unit in ("月", "日") and before in ("年", "月"):
            continue  # 2024年1月, 3月5日: dates
        number = to_decimal(m.group("num"))
        if number is None:
            continue
        operator = _POST_OPS[post] if post else (_PRE_OPS[pre] if pre else None)
        out.append(Mention(m.group(0), number, operator))
    return out


LOWER_BOUNDS = (Operator.GE, Operator.GT)
UPPER_BOUNDS = (Operator.LE, Operator.LT)


def compatible(value_op: Operator | None, stated_op: Operator | None) -> bool:
    """Whether a stated figure with ``stated_op`` says the same as a 指标值 with ``value_op`` (same number)."""
    if stated_op is None:
        return True
    if value_op in (None, Operator.EQ):
        return stated_op is Operator.EQ
    if value_op in LOWER_BOUNDS:
        return stated_op in LOWER_BOUNDS
    return stated_op in UPPER_BOUNDS


def _bound(op: Operator | None) -> str:
    return "下限" if op in LOWER_BOUNDS else "上限"


def _operator_conflict(value_op: Operator | None, stated_op: Operator | None) -> str:
    if value_op in (None, Operator.EQ):
        return f"数值相同，但指标值是确数，说明写的是{_bound(stated_op)}"
    if stated_op is Operator.EQ:
        return f"数值相同，但指标值是{_bound(value_op)}，说明写的是确数"
    return f"数值相同，但指标值是{_bound(value_op)}，说明写的是{_bound(stated_op)}"


def contradiction(value: TargetValue, description: str) -> tuple[Mention, str] | None:
    """The first figure in ``description`` that contradicts ``value`` (same unit), and why."""
    unit = measure(value.unit)
    if value.number is None or unit is None or not description:
        return None
    stated = mentions(description, unit)
    if not stated:
        return None
    target = value.number
    if any(m.number == target and compatible(value.operator, m.operator) for m in stated):
        return None
    if len(stated) > 1 and sum(m.number for m in stated) == target:
        return None  # 线上 2 场、线下 1 场 for ≥3 场
    same = next((m for m in stated if m.number == target), None)
    if same is not None:
        return same, _operator_conflict(value.operator, same.operator)
    first = stated[0]
    if value.operator in LOWER_BOUNDS and first.number > target:
        return first, "说明中的计划数高于指标值，指标值定低了"
    if value.operator in UPPER_BOUNDS and first.number < target:
        return first, "说明中的数低于指标值的上限，上限定高了"
    return first, "数值不同"


def iter_rows(sets: list[TargetSet]) -> Iterator[tuple[TargetSet, TargetRow]]:
    for target_set in sets:
        for row in target_set.rows:
            yield target_set, row


# -- the project table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedProject:
    """A project row of the project expenditure table (预算10表)."""

    table: Table
    row: Row
    code: str
    name: str
    amounts: Mapping[str, int]
    """``total`` / ``fiscal`` / ``special_account`` / ``unit_funds``, for the columns the table prints."""


def listed_projects(ctx: CheckContext) -> list[ListedProject] | None:
    """Projects of ``project_expenditure`` (``None`` when the disclosure has no such table)."""
    table = ctx.table("project_expenditure")
    if table is None:
        return None
    keys = {c.key for c in table.columns}
    fiscal_cols = [k for k in keys if k.startswith(("current.", "carryover."))]
    out: list[ListedProject] = []
    for row in table.rows:
        if row.level != "project":
            continue
        cells = cells_of(row)
        amounts: dict[str, int] = {}
        for key, what in (("total", "total"), ("special_account", "special_account"), ("unit_funds", "unit_funds")):
            value = money_of(cells.get(key))
            if value is not None:
                amounts[what] = value
        if fiscal_cols:
            amounts["fiscal"] = sum(money_of(cells.get(k)) or 0 for k in fiscal_cols)
        code = row.key.split(":", 1)[1] if row.key.startswith("project:") else ""
        name = text_of(cells.get("project_name")) or row.label
        out.append(ListedProject(table, row, code, name, amounts))
    return out


def match_project(target_set: TargetSet, listed: list[ListedProject]) -> ListedProject | None:
    """The project table row of a targets set: by code, else by name."""
    if target_set.code:
        hit = next((p for p in listed if p.code and p.code == target_set.code), None)
        if hit is not None:
            return hit
    name = norm(target_set.name)
    if name:
        return next((p for p in listed if norm(p.name) == name), None)
    return None
