"""The 绩效目标 tables: 整体绩效目标表, 项目绩效目标汇总表 and per-project 项目绩效目标表.

They are forms rather than grids, so their rows are recognised by what they say (年度履职目标,
部门预算总额, 资金来源…, 一级指标 …) and laid out as compiled tables lay them out: form rows
``annual_goal``, ``task:N``, ``budget_total``, ``source.*``, ``structure.*`` and indicator rows
``indicator:N`` with cells c1…c5 (一级, 二级, 三级指标, 指标值, 说明); the summary has one
``project:<code>`` row per project with ``l1.<n>.name``/``l1.<n>.value`` pairs per 一级指标.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from yusuan.compute.model import Cell, Column, Row, Table
from yusuan.importer.cells import clean, code_of, is_amount, norm, parse_amount
from yusuan.importer.model import RawTable
from yusuan.importer.recognize_common import Setting, empty_table, is_index_row, money_unit
from yusuan.importer.vocabulary import Role, Vocabulary, vocabulary
from yusuan.money import MoneyUnit

_UNIT_IN_TEXT = re.compile(r"[(（](万元|元)[)）]")


def _texts(cells: Sequence[str]) -> list[str]:
    return [clean(c) for c in cells]


def _unit(raw: RawTable, setting: Setting, notices: list[str]) -> MoneyUnit:
    """The table's unit: its 单位 line, else the unit printed in a label (部门预算总额（万元）)."""
    if raw.unit:
        return money_unit(raw, setting, notices)
    words = [raw.title, *(h for path in raw.columns for h in path), *(c for row in raw.rows for c in row)]
    for text in words:
        m = _UNIT_IN_TEXT.search(text)
        if m:
            return MoneyUnit(m.group(1))
    return money_unit(raw, setting, notices)


def _amount(texts: Sequence[str], unit: MoneyUnit) -> int | None:
    for text in reversed(texts):
        if text and is_amount(text):
            try:
                return parse_amount(text, unit)
            except ValueError:
                return None
    return None


def _t(value: str, column: str) -> Cell:
    return Cell(value or None, column)


# ── indicators ─────────────────────────────────────────────────────────────────────────────────

_HEADER = ("一级指标", "二级指标", "三级指标")
_VALUE = re.compile(r"^(?:[≥≤<>=＞＜≧≦＝]\s*)?\d+(?:\.\d+)?\s*(?:%|‰|[\u4e00-\u9fff]{1,4})?|^[≥≤<>=＞＜≧≦＝]\S{0,12}")
_MERGED = re.compile(r"^(?P<name>[^≥≤<>=＞＜≧≦＝\d]{2,30}?)(?P<value>[≥≤<>=＞＜≧≦＝]\d+(?:\.\d+)?%?|\d+(?:\.\d+)?%)"
                     r"(?P<rest>.*)$")
_QUALITATIVE_MERGED = re.compile(r"^(?P<name>.{2,20}?性)(?P<value>[\u4e00-\u9fff]{1,4}?)(?P<rest>反映.*|\d+\..*)$")
_DESCRIPTION = re.compile(r"^(?:\d+[.．、]|反映|[（(]\d|[*×=]|.*[=×/])")


class _Indicators:
    """Indicator rows under a 一级指标/二级指标/三级指标/指标值(/说明) header.

    Rows printed on a grid keep their columns (merged 一级/二级 cells blank); rows printed flat — each
    line's words packed to the left, descriptions wrapped onto lines of their own, a name and its value
    sometimes run together (``结转结余率≤15%结转结余率=…``) — are read by what each piece says.
    """

    def __init__(self, header: list[str], width: int, vocab: Vocabulary) -> None:
        self.width = width
        self.vocab = vocab
        self.positions: list[int] = []
        for name in (*_HEADER, "指标值", "说明"):
            pos = next((i for i, t in enumerate(header) if name in norm(t) and i not in self.positions
                        and not (name == "指标值" and "说明" in norm(t))), None)
            if pos is None and name == "指标值":
                pos = next((i for i, t in enumerate(header) if norm(t) in ("目标值", "指标值")), None)
            if pos is not None:
                self.positions.append(pos)
        if len(self.positions) < 4:
            self.positions = list(range(width))
        self.lines: list[list[str]] = []

    def add(self, texts: list[str]) -> None:
        if any(texts):
            self.lines.append(texts)

    def rows(self) -> list[Row]:
        flat = all(line[0] for line in self.lines) and any(sum(1 for t in line if t) == 1 for line in self.lines)
        return self._flat() if flat else self._aligned()

    # -- on a grid -------------------------------------------------------------------------------

    def _aligned(self) -> list[Row]:
        rows: list[Row] = []
        for texts in self.lines:
            filled = [(i, t) for i, t in enumerate(texts) if t]
            if len(filled) == 1 and rows and filled[0][0] >= self.positions[min(3, len(self.positions) - 1)]:
                rows[-1] = self._described(rows[-1], filled[0][1])
                continue
            values = [texts[p] if p < len(texts) else "" for p in self.positions]
            extra = [t for i, t in filled if i not in self.positions]
            if extra and self.width > 4:
                values[-1] = "".join([values[-1], *extra])
            rows.append(self._row(len(rows), values))
        return rows

    # -- flat ------------------------------------------------------------------------------------

    def _flat(self) -> list[Row]:
        rows: list[Row] = []
        level1 = level2 = ""
        fresh1 = fresh2 = False
        pending: str | None = None

        def emit(name: str, value: str, description: str = "") -> None:
            nonlocal fresh1, fresh2
            rows.append(self._row(len(rows), [level1 if fresh1 else "", level2 if fresh2 else "", name, value,
                                              description]))
            fresh1 = fresh2 = False

        def describe(text: str) -> None:
            if rows and self.width > 4:
                rows[-1] = self._described(rows[-1], text)

        open_text = False
        for texts in self.lines:
            cells = [t for t in texts if t]
            labelled = False
            while cells and self.vocab.level1.fullmatch(norm(cells[0])):
                level1, level2, fresh1, fresh2 = cells.pop(0), "", True, False
                labelled = True
            if cells and self.vocab.level2.fullmatch(norm(cells[0])):
                level2, fresh2 = cells.pop(0), True
                labelled = True
            if labelled and pending is not None:  # a "name" followed by a label was a description's tail
                describe(pending)
                pending = None
            if not cells:
                open_text = False
                continue
            head = cells[0]
            if pending is not None:
                if _VALUE.match(norm(head)) and len(cells) == 1:
                    m = re.match(r"^([≥≤<>=＞＜≧≦＝]?\s*\d+(?:\.\d+)?\s*%?)(.*)$", head)
                    value, rest = (m.group(1), m.group(2)) if m else (head, "")
                    emit(pending, value, rest)
                    pending, open_text = None, bool(rest) and not rest.endswith("。")
                    continue
                if len(cells) == 1 and len(norm(head)) <= 12 and not _DESCRIPTION.match(norm(head)):
                    emit(pending, head)
                    pending, open_text = None, False
                    continue
                describe(pending)
                pending = None
            if len(cells) >= 2 and "。" in head[:-1]:
                before, _, after = head.rpartition("。")
                describe(before + "。")
                head = after
            if len(cells) >= 2:
                emit(head, cells[1], "".join(cells[2:]))
                open_text = bool(cells[2:]) and not cells[-1].endswith("。")
                continue
            t = norm(head)
            merged = None if open_text else (_MERGED.match(t) or _QUALITATIVE_MERGED.match(t))
            if merged and len(merged.group("name")) <= 20 and "。" not in merged.group("name"):
                emit(merged.group("name"), merged.group("value"), merged.group("rest"))
                open_text = not t.endswith("。")
            elif open_text or len(t) > 20 or _DESCRIPTION.match(t) or t.endswith(("。", "；", ";", "，", ",")):
                describe(head)
                open_text = not t.endswith(("。", ";", "；"))
            else:
                pending = head
                open_text = False
        if pending is not None:
            describe(pending)
        return rows

    # -- rows ------------------------------------------------------------------------------------

    def _row(self, n: int, values: list[str]) -> Row:
        cells = tuple(_t(v, f"c{i + 1}") for i, v in enumerate(values[:self.width]))
        name = values[2] if len(values) > 2 else ""
        return Row(f"indicator:{n}", "indicator", cells, label=name)

    def _described(self, row: Row, text: str) -> Row:
        """A description wrapped onto a line of its own: appended to the indicator above."""
        column = f"c{self.width}"
        cells = list(row.cells)
        for n, cell in enumerate(cells):
            if cell.column == column:
                cells[n] = Cell(f"{cell.value or ''}{text}", column)
                break
        else:
            cells.append(Cell(text, column))
        return Row(row.key, row.level, tuple(cells), label=row.label)


def _is_header(texts: Sequence[str]) -> bool:
    normed = [norm(t) for t in texts if t]
    return "一级指标" in normed and "三级指标" in normed


# ── 整体绩效目标表 ────────────────────────────────────────────────────────────────────────────

_BUDGET_KEYS = (
    ("budget_total", re.compile(r"部门预算总额|预算总额")),
    ("source.fiscal", re.compile(r"政府预算资金|财政性资金|财政拨款")),
    ("source.special_account", re.compile(r"财政专户管理资金")),
    ("source.unit_funds", re.compile(r"单位资金")),
    ("source.other", re.compile(r"其他资金")),
    ("structure.basic", re.compile(r"基本支出")),
    ("structure.project", re.compile(r"项目支出")),
)


def _budget_key(label: str, structure: bool) -> str | None:
    for key, pattern in _BUDGET_KEYS:
        if pattern.search(label) and (not key.startswith("source.") or not structure):
            return key
    return None


def read_department_targets(raw: RawTable, role: Role, setting: Setting) -> tuple[Table, list[str]]:
    notices: list[str] = []
    unit = _unit(raw, setting, notices)
    rows: list[Row] = []
    indicators: _Indicators | None = None
    state = ""
    tasks = 0
    for cells in raw.rows:
        texts = _texts(cells)
        filled = [t for t in texts if t]
        if not filled:
            continue
        first = norm(filled[0])
        if indicators is not None:
            indicators.add(texts)
            continue
        if _is_header(texts):
            indicators = _Indicators(texts, 5, vocabulary())
            rows.append(Row("indicator_header", "subheader",
                            tuple(_t(t, f"c{n + 1}") for n, t in enumerate(filled[:5]))))
            continue
        if re.match(r"部门(\(单位\))?(名称)?:|部门\(单位\)名称|单位名称", first):
            rows.append(Row("department", "form", (_t("".join(filled), "c1"),)))
        elif first.startswith("年度履职目标"):
            rest = "".join(filled[1:]) or filled[0][len("年度履职目标"):].strip()
            rows.append(Row("annual_goal", "form", (_t("年度履职目标", "c1"), _t(rest, "c2"))))
            state = "goal"
        elif state == "goal" and not first.startswith(("年度主要任务", "预算情况", "部门预算总额")):
            goal = rows[-1]
            text = "".join(str(c.value or "") for c in goal.cells if c.column == "c2") + "".join(filled)
            rows[-1] = Row(goal.key, goal.level, (goal.cells[0], _t(text, "c2")))
        elif first.startswith("年度主要任务"):
            state = "tasks"
            rows.append(Row("tasks", "form", (_t("年度主要任务", "c1"), *(_t(t, f"c{n + 2}")
                                                                        for n, t in enumerate(filled[1:3])))))
        elif first in ("任务名称",) and state == "tasks":
            continue
        elif state == "tasks" and not _budget_key("".join(filled), False) and not first.startswith("预算情况"):
            rows.append(Row(f"task:{tasks}", "form", (_t(filled[0], "c2"), _t("".join(filled[1:]), "c3"))))
            tasks += 1
        else:
            label = "".join(t for t in filled if not is_amount(t) and norm(t) != "预算情况")
            structure = state == "structure" or "资金结构" in label
            key = _budget_key(label, structure)
            if key is None:
                rows.append(Row(f"form:{len(rows)}", "form", tuple(_t(t, f"c{n + 1}") for n, t in enumerate(filled))))
                continue
            state = "structure" if structure else "budget"
            cells_out = [_t("预算情况", "c1")] if key == "budget_total" else []
            cells_out += [_t(label, "c2"), Cell(_amount(texts, unit), "c5", money=True)]
            rows.append(Row(key, "form", tuple(cells_out), label=label))
    if indicators is not None:
        rows += indicators.rows()
    columns = tuple(Column(f"c{n}", (), "text") for n in range(1, 6))
    return empty_table(role.id, role.kind, raw, setting, notices, columns, tuple(rows), unit), notices


# ── 项目绩效目标表（逐项目） ────────────────────────────────────────────────────────────────────

_SHEET_FORM = (
    ("name", "项目名称"), ("unit", "单位编码"), ("people", "项目负责人"), ("phone", "联系电话"),
    ("period", "开始时间"), ("amount", "项目总金额"), ("prior", "上年度项目总金额"),
    ("details_header", "项目详细信息"), ("overview", "项目概况"), ("basis", "立项依据"),
    ("necessity", "项目设立的必要性"), ("measures", "项目配套制度措施"), ("plan", "项目实施计划"),
    ("remarks", "备注"), ("targets_header", "项目绩效目标"), ("overall_goal", "项目总目标"),
    ("annual_goal", "年度绩效目标"),
)
_MONEY_FORMS = frozenset({"amount", "prior"})
_TEXT_FORMS = frozenset({"overview", "basis", "necessity", "measures", "plan", "remarks", "overall_goal",
                         "annual_goal"})


def _split_label(first: str, following: list[str]) -> bool:
    """A form label wrapped over two lines (项目设立的 / 必要性)."""
    nxt = next((t for t in following if t), "")
    if not nxt:
        return False
    a, b = norm(first), norm(nxt)
    return any(norm(label) == a + b or (norm(label).startswith(a) and norm(label) == a + b)
               for _key, label in _SHEET_FORM) and not any(norm(label) == a for _key, label in _SHEET_FORM)


def project_name_of(raw: RawTable) -> str:
    for cells in raw.rows:
        texts = [t for t in _texts(cells) if t]
        if texts and norm(texts[0]).startswith("项目名称"):
            rest = "".join(texts[1:]) or texts[0][4:]
            return clean(rest)
    return ""


def read_project_sheet(raw: RawTable, role: Role, setting: Setting, table_id: str) -> tuple[Table, list[str]]:
    notices: list[str] = []
    unit = _unit(raw, setting, notices)
    rows: list[Row] = []
    indicators: _Indicators | None = None
    last_text: int | None = None
    lines = [_texts(cells) for cells in raw.rows]
    n = 0
    while n < len(lines):
        texts = lines[n]
        n += 1
        filled = [t for t in texts if t]
        if not filled:
            continue
        if len(filled) == 1 and n < len(lines) and _split_label(filled[0], lines[n]):
            joined = filled[0] + next(t for t in lines[n] if t)
            texts = [joined, *[t for t in lines[n] if t][1:]]
            filled = texts
            n += 1
        if indicators is not None:
            indicators.add(texts)
            continue
        if _is_header(texts):
            indicators = _Indicators(texts, 4, vocabulary())
            rows.append(Row("indicator_header", "subheader",
                            tuple(_t(t, f"c{n + 1}") for n, t in enumerate(filled[:4]))))
            continue
        first = norm(filled[0])
        form = next((key for key, label in _SHEET_FORM if first.startswith(norm(label))), None)
        if form is None:
            if last_text is not None:  # a paragraph of the field above, wrapped onto its own row
                row = rows[last_text]
                value = "".join(str(c.value or "") for c in row.cells if c.column == "c2") + "".join(filled)
                rows[last_text] = Row(row.key, row.level, (row.cells[0], _t(value, "c2")), label=row.label)
                continue
            rows.append(Row(f"form:{len(rows)}", "form", tuple(_t(t, f"c{n + 1}") for n, t in enumerate(filled))))
            continue
        label = next(lab for key, lab in _SHEET_FORM if key == form)
        pieces = list(filled)
        if norm(pieces[0]) != norm(label):  # 项目名称 金融服务… printed in one cell
            pieces = [label, clean(filled[0][len(label):]), *filled[1:]]
        if form in _MONEY_FORMS:
            amounts = [t for t in pieces if is_amount(t)]
            words = [t for t in pieces if not is_amount(t)]
            out = [_t(words[0], "c1")]
            if amounts:
                out.append(Cell(parse_amount(amounts[0], unit), "c2", money=True))
            if len(words) > 1:
                out.append(_t(words[1], "c3"))
            if len(amounts) > 1:
                out.append(Cell(parse_amount(amounts[1], unit), "c4", money=True))
            rows.append(Row(form, "form", tuple(out)))
            last_text = None
            continue
        level = "subheader" if form.endswith("_header") else "form"
        if form in _TEXT_FORMS:
            rows.append(Row(form, level, (_t(label, "c1"), _t("".join(pieces[1:]), "c2"))))
            last_text = len(rows) - 1
        else:
            rows.append(Row(form, level, tuple(_t(t, f"c{n + 1}") for n, t in enumerate(pieces[:4]))))
            last_text = None
    if indicators is not None:
        rows += indicators.rows()
    columns = tuple(Column(f"c{n}", (), "text") for n in range(1, 5))
    return empty_table(table_id, role.kind, raw, setting, notices, columns, tuple(rows), unit), notices


# ── 项目绩效目标汇总表 ────────────────────────────────────────────────────────────────────────

_AMOUNT_HEADS = (("amount.0", re.compile(r"资金总额|合计|金额$")), ("amount.1", re.compile(r"政府预算资金|财政拨款")),
                 ("amount.2", re.compile(r"财政专户")), ("amount.3", re.compile(r"单位资金")))


def _summary_columns(raw: RawTable, width: int) -> list[Column]:
    columns: list[Column] = []
    level1s: list[str] = []
    for i in range(width):
        path = tuple(clean(h) for h in (raw.columns[i] if i < len(raw.columns) else ()) if clean(h))
        joined = norm("/".join(path))
        leaf = norm(path[-1]) if path else ""
        key: str | None = None
        kind = "text"
        if "指标" in joined and (leaf.endswith("三级指标") or leaf.startswith("指标值") or leaf in ("指标", "目标值")):
            level1 = norm(path[-2]) if len(path) >= 2 else f"指标{i}"
            if level1 not in level1s:
                level1s.append(level1)
            key = f"l1.{level1s.index(level1)}.{'name' if '三级指标' in leaf else 'value'}"
        elif "编码" in joined or "代码" in joined:
            key, kind = "code", "label"
        elif "名称" in joined or "项目单位" in joined:
            key, kind = "name", "label"
        else:
            key = next((k for k, pattern in _AMOUNT_HEADS if pattern.search(leaf)), None)
            kind = "money" if key is not None else "text"
        columns.append(Column(key or f"c{i + 1}", path, kind))  # type: ignore[arg-type]
    seen: set[str] = set()
    out = []
    for col in columns:
        key = col.key if col.key not in seen else f"{col.key}~{len(seen)}"
        seen.add(key)
        out.append(Column(key, col.header, col.kind))
    return out


_VALUE_LIKE = re.compile(r"^[≥≤<>=＞＜≧≦＝]|^\d+(\.\d+)?\s*[%‰]?[\u4e00-\u9fff]{0,3}$")


def _realigned(texts: list[str], columns: Sequence[Column]) -> list[str]:
    """A row whose cells slid one column to the left (a column lost at a page break): moved back.

    Seen when 指标值 such as ``2次`` or ``≥95%`` stand in 三级指标 columns while the last cell is blank.
    """
    if len(texts) < len(columns) or texts[len(columns) - 1]:
        return texts
    names = [i for i, c in enumerate(columns) if c.key.startswith("l1.") and c.key.endswith(".name")]
    values = [i for i, c in enumerate(columns) if c.key.startswith("l1.") and c.key.endswith(".value")]
    in_names = sum(1 for i in names if texts[i] and _VALUE_LIKE.match(norm(texts[i])))
    in_values = sum(1 for i in values if texts[i] and _VALUE_LIKE.match(norm(texts[i])))
    first = next((i for i, t in enumerate(texts[:len(columns)]) if t), None)
    starts_with_value = first is not None and first in values
    if in_names > in_values or starts_with_value:
        return ["", *texts[:len(columns) - 1], *texts[len(columns):]]
    return texts


def read_project_summary(raw: RawTable, role: Role, setting: Setting) -> tuple[Table, list[str]]:
    notices: list[str] = []
    unit = _unit(raw, setting, notices)
    width = max([len(raw.columns)] + [len(r) for r in raw.rows])
    columns = _summary_columns(raw, width)
    rows: list[Row] = []
    project: str | None = None
    continuation = 0
    for cells in raw.rows:
        texts = _texts(cells)
        if not any(texts) or is_index_row(texts):
            continue
        if project is not None and not code_of(texts[0] if texts else ""):
            texts = _realigned(texts, columns)
        by_key = {col.key: (texts[i] if i < len(texts) else "") for i, col in enumerate(columns)}
        if project is not None and rows and _name_tail(by_key, rows[-1]):
            rows[-1] = _append_names(rows[-1], by_key)
            continue
        code = code_of(by_key.get("code", "")) if by_key.get("code") else None
        name = by_key.get("name", "")
        out: list[Cell] = []
        for col in columns:
            text = by_key.get(col.key, "")
            if col.kind == "money":
                try:
                    out.append(Cell(parse_amount(text, unit), col.key, money=True))
                except ValueError:
                    out.append(_t(text, col.key))
            else:
                out.append(_t(text, col.key))
        if code is not None and len(code) == 3:
            rows.append(Row(f"department:{code}", "department", tuple(out), label=name))
            project = None
        elif code is not None and len(code) == 6:
            rows.append(Row(f"unit:{code}", "unit", tuple(out), label=name))
            project = None
        elif code is not None or (name and project is None) or (name and not any(
                by_key.get(c.key) for c in columns if c.key.startswith("l1."))):
            project = code or name
            continuation = 0
            rows.append(Row(f"project:{project}", "project", tuple(out), label=name))
        elif project is not None:
            continuation += 1
            rows.append(Row(f"project:{project}:{continuation}", "indicator", tuple(out), label=name))
        else:
            rows.append(Row(f"row:{len(rows)}", "line", tuple(out), label=name))
    return empty_table(role.id, role.kind, raw, setting, notices, tuple(columns), tuple(rows), unit), notices


def _name_tail(by_key: dict[str, str], above: Row) -> bool:
    """A row with only 三级指标 text, no 指标值: the tail of names wrapped from the row above."""
    filled = [k for k, v in by_key.items() if v]
    return bool(filled) and all(k.startswith("l1.") and k.endswith(".name") for k in filled) and all(
        any(c.column == k and c.value for c in above.cells) for k in filled)


def _append_names(row: Row, by_key: dict[str, str]) -> Row:
    cells = tuple(Cell(f"{c.value}{by_key[c.column]}", c.column) if by_key.get(c.column) and c.value else c
                  for c in row.cells)
    return Row(row.key, row.level, cells, label=row.label)


def read_targets(raw: RawTable, role: Role, setting: Setting, table_id: str) -> tuple[Table, list[str]]:
    if role.kind == "department_targets":
        return read_department_targets(raw, role, setting)
    if role.kind == "project_targets_summary":
        return read_project_summary(raw, role, setting)
    return read_project_sheet(raw, role, setting, table_id)
