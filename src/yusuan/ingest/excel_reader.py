"""Read the Excel 填报模板 back into the raw :class:`~yusuan.ingest.schema.BudgetIn` shape.

:func:`read_excel` returns the raw dict, a *locator* mapping every pydantic-style location
(``("items", 3, "amount")``) to the sheet/row/column it came from, and the structural problems
found on the way (missing sheet or column, blank required cell, a non-number amount, …). It never
stops at the first problem and never raises, except for a file that is not a readable .xlsx at all.

What the reader decides, so that later stages do not report the same cell twice:

* values are handed on as entered but typed: codes as digit strings, amounts as exact ``Decimal``
  (never ``float``), 是/否 as ``bool``, counts and years as ``int``; enumerations stay as text
  (the domain parser accepts the Chinese labels and aliases);
* empty optional cells are omitted;
* a 「支出明细」, 「绩效指标」 or 「年度任务」 row with a problem is left out of the dict (its index in
  the list is then simply not used; the locator maps indexes of the rows that were kept);
* a 「预算单位」 or 「项目」 row with a problem is kept when its code is present (with ``""`` for a
  blank required text), so that line items referring to it do not cascade into more errors;
* a blank 部门编码/部门名称 is handed on as ``""``, a blank 预算年度 is omitted.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.domain.budget import TEXT_KEYS
from yusuan.domain.source import SourceRef
from yusuan.ingest.errors import InputError, InputProblem, Severity
from yusuan.ingest.excel_template import (
    ASSETS_AS_OF_LABEL,
    DEPARTMENT_OWNER,
    FREE_KEY_GROUPS,
    INDICATORS,
    INFO_COLUMNS,
    INFO_GROUPS,
    INFO_ROWS,
    INFO_SHEET,
    ITEMS,
    NAME_KIND_KEYS,
    NAMES,
    PROJECTS,
    TASKS,
    TEXT_COLUMNS,
    TEXT_ROWS,
    TEXTS_SHEET,
    UNITS,
    CellKind,
    Column,
    InfoRow,
    SheetSpec,
)

Loc = tuple[str | int, ...]
Locator = Callable[[Loc], SourceRef]
AnyCell = Cell | MergedCell

HEADER_SCAN_ROWS = 10
"""The header row is looked for in the first rows of a sheet (a title row above it is tolerated)."""

MAX_EXACT_DIGITS = 15
"""Excel keeps 15 significant digits: a longer code stored as a number has lost digits."""

_TOTAL_LABELS = frozenset({"合计", "总计", "小计", "共计"})
_BLANK_AMOUNTS = frozenset({"-", "—", "－", "--", "——"})
_TRUE = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "结转", "上年结转"})
_FALSE = frozenset({"否", "n", "no", "false", "0", "×", "不是", "非结转"})
_DEPARTMENT_OWNERS = frozenset({"部门整体", "部门", "整体", "部门整体绩效", "部门整体绩效目标"})
_BRACKETED = re.compile(r"[(\[【《<][^)\]】》>]*[)\]】》>]")
_INTEGER_TEXT = re.compile(r"^[+-]?\d+(?:\.0*)?\s*[年人名个辆台套件家项]?$")
_LEADING_CODE_JUNK = "'‘’`"


# ---------------------------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------------------------


def normalize_header(value: object) -> str:
    """Header text for matching: NFKC, no spaces, no bracketed note, no 可选/必填 mark, no ``*``."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _BRACKETED.sub("", text)
    for opener in "([【《<":
        if opener in text:  # an unclosed bracket: drop the rest
            text = text.split(opener, 1)[0]
    text = re.sub(r"[\s*:_\-—]+", "", text)
    for mark in ("可选", "选填", "必填", "非必填"):
        if text.endswith(mark) and len(text) > len(mark):
            text = text[: -len(mark)]
        if text.startswith(mark) and len(text) > len(mark):
            text = text[len(mark):]
    return text.lower()


def normalize_key(value: object) -> str:
    """Key/value labels: NFKC, no spaces, no quotes, brackets kept (因公出国（境）费)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"[\s*\"'“”‘’「」]+", "", text)
    return text.rstrip(":").lower()


# ---------------------------------------------------------------------------------------------
# Cell values
# ---------------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is Chinese."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def _date_text(value: date | datetime) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _float_text(value: float) -> str:
    return format(Decimal(repr(round(value, 6))).normalize(), "f")


def read_text(cell: AnyCell, *, multiline: bool = False) -> str | None:
    """Free text; ``None`` when blank. Numbers keep their shown form (``0.9`` as ``90%``)."""
    value: Any = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime | date):
        return _date_text(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        fmt = str(cell.number_format or "")
        if fmt.endswith("%"):
            return _float_text(float(value) * 100) + "%"
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else _float_text(value)
        return str(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip() if multiline else " ".join(text.split())
    return text or None


def read_code(cell: AnyCell) -> str | None:
    """A code as a digit string; text cells keep leading zeros. Raises :class:`CellError`."""
    value: Any = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"应为编码，实际为「{'TRUE' if value else 'FALSE'}」", "bad-code")
    if isinstance(value, int):
        if len(str(abs(value))) > MAX_EXACT_DIGITS:
            raise CellError(_precision_message(str(value)), "code-precision")
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            # what Excel shows: 15 significant digits
            digits = format(Decimal(f"{value:.{MAX_EXACT_DIGITS}g}"), "f")
            if len(digits.lstrip("-")) > MAX_EXACT_DIGITS:
                raise CellError(_precision_message(digits), "code-precision")
            return digits
        return _float_text(value)
    if isinstance(value, datetime | date):
        raise CellError(f"应为编码，实际为日期「{_date_text(value)}」；请将该列设为文本格式后重新填写",
                        "bad-code")
    text = unicodedata.normalize("NFKC", str(value))
    text = "".join(text.split()).lstrip(_LEADING_CODE_JUNK)
    return text or None


def _precision_message(digits: str) -> str:
    return (f"以数字形式保存为 {digits}，超过 {MAX_EXACT_DIGITS} 位的数字已被 Excel 改写；"
            "请将该列设为文本格式后重新输入完整编码")


def read_amount(cell: AnyCell) -> Decimal | None:
    """An exact amount; ``None`` when blank. Raises :class:`CellError` for anything not a number."""
    value: Any = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"应为数字，实际为「{'TRUE' if value else 'FALSE'}」", "bad-amount")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(round(value, 6)))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, datetime | date | time):
        raise CellError(f"应为数字，实际为日期「{value}」", "bad-amount")
    raw = str(value)
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(text.split()).replace(",", "")
    if not text or text in _BLANK_AMOUNTS:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CellError(f"应为数字，实际为「{raw.strip()}」", "bad-amount")
    return number


def read_int(cell: AnyCell) -> int | None:
    """A whole number (年度, 人数, 数量); ``None`` when blank. Raises :class:`CellError`."""
    value: Any = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"应为整数，实际为「{'TRUE' if value else 'FALSE'}」", "bad-number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"应为整数，实际为「{_float_text(value)}」", "bad-number")
    if isinstance(value, datetime | date | time):
        raise CellError(f"应为整数，实际为日期「{value}」", "bad-number")
    raw = str(value).strip()
    text = unicodedata.normalize("NFKC", raw).replace(" ", "")
    if not text or text in _BLANK_AMOUNTS:
        return None
    if not _INTEGER_TEXT.match(text):
        raise CellError(f"应为整数，实际为「{raw}」", "bad-number")
    return int(Decimal(re.sub(r"[^\d.+-]", "", text)))


def read_flag(cell: AnyCell) -> bool | None:
    """是/否 as ``bool``; ``None`` when blank. Raises :class:`CellError`."""
    value: Any = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = normalize_key(value)
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"应填「是」或「否」，实际为「{str(value).strip()}」", "bad-flag")


def read_cell(cell: AnyCell, kind: CellKind) -> Any:
    """The value of ``cell`` as ``kind``; ``None`` when blank. Raises :class:`CellError`."""
    if kind == "code":
        return read_code(cell)
    if kind == "amount":
        return read_amount(cell)
    if kind == "int":
        return read_int(cell)
    if kind == "flag":
        return read_flag(cell)
    return read_text(cell, multiline=kind == "longtext")


def _is_blank(cell: AnyCell) -> bool:
    value: Any = cell.value
    return value is None or (isinstance(value, str) and not value.strip())


# ---------------------------------------------------------------------------------------------
# Sheets with a header row
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Record:
    """One data row of a table sheet."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    """Column key → converted, non-blank value."""
    cells: dict[str, int] = field(default_factory=dict)
    """Column key → column index, for every column the sheet has."""
    blank: set[str] = field(default_factory=set)
    """Required columns left blank (reported)."""
    bad: set[str] = field(default_factory=set)
    """Columns whose value could not be read (reported)."""

    @property
    def ok(self) -> bool:
        return not self.blank and not self.bad


@dataclass(slots=True)
class _Table:
    spec: SheetSpec
    sheet: str
    header_row: int
    columns: dict[str, int]
    missing: list[Column]
    records: list[_Record]


class _Reader:
    def __init__(self, path: Path, workbook: Workbook) -> None:
        self.file = path.name
        self.workbook = workbook
        self.problems: list[InputProblem] = []
        self.locations: dict[Loc, SourceRef] = {}
        self.sheets: dict[str, Worksheet] = {}
        for ws in workbook.worksheets:
            self.sheets.setdefault(normalize_key(ws.title), ws)

    # -- bookkeeping ---------------------------------------------------------------------------

    def ref(self, sheet: str | None = None, row: int | None = None, column: int | None = None) -> SourceRef:
        return SourceRef(file=self.file, sheet=sheet, row=row, column=column)

    def problem(self, message: str, where: SourceRef, code: str, severity: Severity = "error") -> None:
        self.problems.append(InputProblem(message, where, severity, code))

    def locate(self, loc: Loc) -> SourceRef:
        probe = tuple(loc)
        while probe:
            found = self.locations.get(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return self.locations.get((), self.ref())

    def sheet(self, name: str, *, required: bool) -> Worksheet | None:
        ws = self.sheets.get(normalize_key(name))
        if ws is None and required:
            self.problem(f"缺少工作表「{name}」：请使用 yusuan 填报模板，不要删除或重命名工作表",
                         self.ref(), "missing-sheet")
        return ws

    # -- generic table sheet -------------------------------------------------------------------

    def table(self, spec: SheetSpec, fill_down: Sequence[str] = ()) -> _Table | None:
        ws = self.sheet(spec.name, required=not spec.optional)
        if ws is None:
            return None
        title = ws.title
        found = self.find_header(ws, spec.columns)
        if found is None:
            expected = "、".join(f"「{c.header}」" for c in spec.columns if c.required)
            self.problem(f"未找到表头行：前 {HEADER_SCAN_ROWS} 行中没有{expected}等列名", self.ref(title),
                         "missing-header")
            return None
        header_row, columns = found
        missing = [c for c in spec.columns if c.required and c.key not in columns]
        for col in missing:
            self.problem(f"缺少必填列「{col.header}」", self.ref(title, header_row), "missing-column")
        records: list[_Record] = []
        previous: dict[str, Any] = {}
        for cells in ws.iter_rows(min_row=header_row + 1, max_row=ws.max_row):
            if not cells:
                continue
            row_number = cells[0].row
            assert row_number is not None
            known = {key: cells[index - 1] for key, index in columns.items() if index <= len(cells)}
            if all(_is_blank(cell) for cell in known.values()):
                continue
            first = next(cell for key, cell in _in_column_order(known, columns) if not _is_blank(cell))
            if normalize_key(first.value) in _TOTAL_LABELS:
                self.problem("合计行不读入（合计由系统计算）", self.ref(title, row_number, first.column),
                             "skipped-total", "warning")
                continue
            record = _Record(row_number, cells={key: index for key, index in columns.items()})
            for col in spec.columns:
                if col.key not in known:
                    continue
                cell = known[col.key]
                try:
                    value = read_cell(cell, col.kind)
                except CellError as exc:
                    self.problem(f"「{_label(col)}」{exc}", self.ref(title, row_number, columns[col.key]),
                                 exc.code)
                    record.bad.add(col.key)
                    continue
                if value is not None:
                    record.values[col.key] = value
            self._fill_down(record, previous, fill_down)
            for col in spec.columns:
                if col.required and col.key in columns and col.key not in record.values \
                        and col.key not in record.bad:
                    self.problem(f"「{_label(col)}」为必填项，不能为空", self.ref(title, row_number, columns[col.key]),
                                 "missing-field")
                    record.blank.add(col.key)
            if missing:
                record.blank.update(c.key for c in missing)
            previous = record.values
            records.append(record)
        return _Table(spec, title, header_row, columns, missing, records)

    @staticmethod
    def _fill_down(record: _Record, previous: Mapping[str, Any], chain: Sequence[str]) -> None:
        """Blank cells in ``chain`` repeat the row above while the earlier keys are the same."""
        same = True
        for key in chain:
            if not same:
                break
            if key in record.values:
                same = record.values[key] == previous.get(key)
            elif key in previous:
                record.values[key] = previous[key]
            else:
                same = False

    def find_header(self, ws: Worksheet, columns: Sequence[Column]) -> tuple[int, dict[str, int]] | None:
        lookup: dict[str, str] = {}
        for col in columns:
            for text in (col.header, *col.aliases):
                lookup.setdefault(normalize_header(text), col.key)
        best: tuple[int, dict[str, int]] | None = None
        best_duplicates: list[tuple[str, int]] = []
        for cells in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
            matched: dict[str, int] = {}
            duplicates: list[tuple[str, int]] = []
            for cell in cells:
                key = lookup.get(normalize_header(cell.value))
                if key is None or cell.column is None:
                    continue
                if key in matched:
                    duplicates.append((key, cell.column))
                else:
                    matched[key] = cell.column
            if matched and (best is None or len(matched) > len(best[1])):
                best = (cells[0].row or 1, matched)
                best_duplicates = duplicates
        if best is None:
            return None
        by_key = {col.key: col for col in columns}
        for key, column in best_duplicates:
            self.problem(f"列「{_label(by_key[key])}」重复，使用第一列，本列忽略", self.ref(ws.title, best[0], column),
                         "duplicate-column", "warning")
        return best

    def register(self, base: Loc, table: _Table, record: _Record, paths: Mapping[str, Loc]) -> None:
        """Locations of one kept row: ``base`` is the row, ``paths`` maps column keys to sub-paths."""
        self.locations[base] = self.ref(table.sheet, record.row)
        for key, sub in paths.items():
            if key in record.cells:
                self.locations[(*base, *sub)] = self.ref(table.sheet, record.row, record.cells[key])

    # -- sheets ---------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        self.locations[()] = self.ref()
        data: dict[str, Any] = {}
        self.read_info(data)
        names: dict[str, dict[str, str]] = {"functional": {}, "econ": {}, "gov_econ": {}}
        name_refs: dict[tuple[str, str], SourceRef] = {}
        data["units"] = self.read_units()
        data["items"] = self.read_items(names, name_refs)
        projects, project_codes = self.read_projects()
        targets: dict[str, Any] = {}
        self.read_indicators(targets, projects, project_codes)
        if projects:
            data["projects"] = projects
        self.read_tasks(targets)
        texts = self.read_texts(targets)
        if texts:
            data["texts"] = texts
        if targets:
            data["targets"] = _order(targets, ("annual_goal", "tasks", "indicators"))
        self.read_names(names, name_refs)
        used_names = {kind: entries for kind, entries in names.items() if entries}
        if used_names:
            data["names"] = used_names
        return _order(data, ("year", "pack", "money_unit", "department", "units", "items", "projects",
                             "prior_year", "staff", "assets", "texts", "targets", "names"))

    def read_units(self) -> list[dict[str, Any]]:
        table = self.table(UNITS)
        out: list[dict[str, Any]] = []
        if table is None:
            return out
        self.locations[("units",)] = self.ref(table.sheet)
        for record in table.records:
            if "code" not in record.values:
                continue
            unit = {key: record.values.get(key, "") for key in ("code", "name")}
            if "type" in record.values:
                unit["type"] = record.values["type"]
            self.register(("units", len(out)), table, record, {k: (k,) for k in ("code", "name", "type")})
            out.append(unit)
        return out

    def read_items(self, names: dict[str, dict[str, str]], name_refs: dict[tuple[str, str], SourceRef]
                   ) -> list[dict[str, Any]]:
        table = self.table(ITEMS)
        out: list[dict[str, Any]] = []
        if table is None:
            return out
        self.locations[("items",)] = self.ref(table.sheet)
        for record in table.records:
            values = record.values
            amount, proc_kind = values.get("procurement_amount"), values.get("procurement_kind")
            if amount == 0 and proc_kind is None:
                amount = None  # 0 means no procurement
            if (amount is None) != (proc_kind is None) \
                    and not ({"procurement_amount", "procurement_kind"} & record.bad):
                blank, given = ("procurement_kind", "政府采购金额") if proc_kind is None \
                    else ("procurement_amount", "采购品目")
                col = table.spec.column(blank)
                column = record.cells.get(blank)
                where = "" if column is not None else "，但表中没有该列"
                self.problem(f"填写了「{given}」，须同时填写「{_label(col)}」{where}",
                             self.ref(table.sheet, record.row, column), "missing-field")
                record.blank.add(blank)
            if not record.ok:
                continue
            item: dict[str, Any] = {
                key: values[key]
                for key in ("unit", "functional", "econ", "kind", "source", "carryover", "amount", "project",
                            "gov_econ")
                if key in values
            }
            if amount is not None and proc_kind is not None:
                item["procurement"] = {"amount": amount, "kind": proc_kind}
            base: Loc = ("items", len(out))
            self.register(base, table, record, {
                **{k: (k,) for k in ("unit", "functional", "econ", "kind", "source", "carryover", "amount",
                                     "project", "gov_econ")},
                "procurement_amount": ("procurement", "amount"),
                "procurement_kind": ("procurement", "kind"),
            })
            if "procurement_amount" in record.cells:
                self.locations[(*base, "procurement")] = self.ref(table.sheet, record.row,
                                                                  record.cells["procurement_amount"])
            for kind_key, code_key, name_key in (("functional", "functional", "functional_name"),
                                                 ("econ", "econ", "econ_name")):
                if code_key in values and name_key in values:
                    self.add_name(names, name_refs, kind_key, values[code_key], values[name_key],
                                  self.ref(table.sheet, record.row, record.cells[name_key]))
            out.append(item)
        return out

    def add_name(self, names: dict[str, dict[str, str]], refs: dict[tuple[str, str], SourceRef], kind: str,
                 code: str, name: str, where: SourceRef) -> None:
        known = names[kind].get(code)
        if known is None:
            names[kind][code] = name
            refs[(kind, code)] = where
            self.locations[("names", kind, code)] = where
        elif known != name:
            first = refs[(kind, code)]
            self.problem(f"编码 {code} 的名称「{name}」与{_where_short(first)}的「{known}」不一致，使用「{known}」",
                         where, "inconsistent-name", "warning")

    def read_projects(self) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """Projects (every row with a code is kept) and the index of each code."""
        table = self.table(PROJECTS)
        out: list[dict[str, Any]] = []
        index: dict[str, int] = {}
        if table is None:
            return out, index
        self.locations[("projects",)] = self.ref(table.sheet)
        paths: dict[str, Loc] = {col.key: tuple(col.key.split(".")) for col in table.spec.columns}
        for record in table.records:
            values = record.values
            if "code" not in values:
                continue
            project: dict[str, Any] = {key: values.get(key, "") for key in ("code", "name", "unit", "kind")}
            for key in ("total_amount", "prior_amount"):
                if key in values:
                    project[key] = values[key]
            details = {key.split(".", 1)[1]: value for key, value in values.items() if key.startswith("details.")}
            if details:
                project["details"] = details
            for key in ("overall_goal", "annual_goal"):
                if key in values:
                    project[key] = values[key]
            index.setdefault(str(values["code"]), len(out))
            self.register(("projects", len(out)), table, record, paths)
            out.append(project)
        return out, index

    def read_indicators(self, targets: dict[str, Any], projects: list[dict[str, Any]],
                        project_codes: Mapping[str, int]) -> None:
        table = self.table(INDICATORS, fill_down=("owner", "level1", "level2"))
        if table is None:
            return
        self.locations[("targets", "indicators")] = self.ref(table.sheet)
        paths: dict[str, Loc] = {k: (k,) for k in ("level1", "level2", "name", "value", "description")}
        department: list[dict[str, Any]] = []
        for record in table.records:
            owner = record.values.get("owner")
            if not record.ok or owner is None:
                continue
            indicator: dict[str, Any] = {
                k: record.values[k] for k in ("level1", "level2", "name", "value", "description") if k in record.values
            }
            if normalize_key(owner) in _DEPARTMENT_OWNERS:
                self.register(("targets", "indicators", len(department)), table, record, paths)
                department.append(indicator)
                continue
            position = project_codes.get(str(owner))
            if position is None:
                self.problem(f"归属「{owner}」既不是「{DEPARTMENT_OWNER}」，也不是「项目」表中的项目编码",
                             self.ref(table.sheet, record.row, record.cells["owner"]), "unknown-owner")
                continue
            tree: list[dict[str, Any]] = projects[position].setdefault("targets", [])
            self.register(("projects", position, "targets", len(tree)), table, record, paths)
            tree.append(indicator)
        if department:
            targets["indicators"] = department

    def read_tasks(self, targets: dict[str, Any]) -> None:
        table = self.table(TASKS)
        if table is None:
            return
        self.locations[("targets", "tasks")] = self.ref(table.sheet)
        tasks: list[dict[str, Any]] = []
        for record in table.records:
            if not record.ok:
                continue
            self.register(("targets", "tasks", len(tasks)), table, record, {"name": ("name",), "content": ("content",)})
            tasks.append({k: record.values[k] for k in ("name", "content") if k in record.values})
        if tasks:
            targets["tasks"] = tasks

    def read_names(self, names: dict[str, dict[str, str]], refs: dict[tuple[str, str], SourceRef]) -> None:
        table = self.table(NAMES)
        if table is None:
            return
        self.locations[("names",)] = self.ref(table.sheet)
        labels = {normalize_key(label): key for label, key in NAME_KIND_KEYS.items()}
        labels.update({normalize_key(key): key for key in NAME_KIND_KEYS.values()})
        for record in table.records:
            if not record.ok:
                continue
            kind = labels.get(normalize_key(record.values["kind"]))
            if kind is None:
                self.problem(f"「分类」应为 {'、'.join(NAME_KIND_KEYS)} 之一，实际为「{record.values['kind']}」",
                             self.ref(table.sheet, record.row, record.cells["kind"]), "bad-value")
                continue
            self.add_name(names, refs, kind, record.values["code"], record.values["name"],
                          self.ref(table.sheet, record.row, record.cells["name"]))

    # -- key/value sheets ----------------------------------------------------------------------

    def key_value_rows(self, name: str, columns: Sequence[Column], fill_down: Sequence[str] = ()
                       ) -> tuple[str, int, dict[str, int], list[_Record]] | None:
        """Rows of a key/value sheet, unconverted: values are the raw cells' text."""
        ws = self.sheet(name, required=True)
        if ws is None:
            return None
        found = self.find_header(ws, columns)
        if found is None:
            expected = "、".join(f"「{c.header}」" for c in columns if c.required)
            self.problem(f"未找到表头行：前 {HEADER_SCAN_ROWS} 行中没有{expected}等列名", self.ref(ws.title),
                         "missing-header")
            return None
        header_row, found_columns = found
        missing = [c for c in columns if c.required and c.key not in found_columns]
        for col in missing:
            self.problem(f"缺少必填列「{col.header}」", self.ref(ws.title, header_row), "missing-column")
        if missing:
            return None
        records: list[_Record] = []
        previous: dict[str, Any] = {}
        for cells in ws.iter_rows(min_row=header_row + 1, max_row=ws.max_row):
            if not cells or cells[0].row is None:
                continue
            record = _Record(cells[0].row, cells=dict(found_columns))
            for key, index in found_columns.items():
                if key != "value" and index <= len(cells):
                    text = read_text(cells[index - 1])
                    if text is not None:
                        record.values[key] = text
            self._fill_down(record, previous, fill_down)
            previous = {k: v for k, v in record.values.items() if k in fill_down}
            if "key" in record.values:
                records.append(record)
        return ws.title, header_row, found_columns, records

    def value_cell(self, sheet: str, record: _Record) -> AnyCell:
        ws = self.sheets[normalize_key(sheet)]
        return ws.cell(row=record.row, column=record.cells["value"])

    def read_info(self, data: dict[str, Any]) -> None:
        found = self.key_value_rows(INFO_SHEET, INFO_COLUMNS, fill_down=("group",))
        if found is None:
            return
        sheet, _header_row, _columns, records = found
        for section in ("department", "prior_year", "staff", "assets"):
            self.locations[(section,)] = self.ref(sheet)
        for row in INFO_ROWS:
            self.locations[row.path] = self.ref(sheet)
        fixed = {normalize_key(row.label): row for row in INFO_ROWS}
        fixed.update({normalize_key(key): row for row in INFO_ROWS
                      for key in [row.path[-1]] if row.path[0] == "prior_year" and key != "year"})
        groups = {normalize_key(group): group for group in INFO_GROUPS}
        seen: dict[tuple[str, ...], _Record] = {}
        values: dict[tuple[str, ...], Any] = {}
        for record in records:
            label = record.values["key"]
            group = groups.get(normalize_key(record.values.get("group", "")))
            spec: InfoRow | None = None
            path: tuple[str, ...]
            kind: CellKind
            is_as_of = normalize_key(label) == normalize_key(ASSETS_AS_OF_LABEL)
            if group is not None and group in FREE_KEY_GROUPS and not is_as_of:
                section, key, kind = FREE_KEY_GROUPS[group]
                path = (section, key, label)
            else:
                spec = fixed.get(normalize_key(label))
                if spec is None:
                    where = self.ref(sheet, record.row, record.cells["key"])
                    if record.values.get("group") and group is None:
                        self.problem(f"不认识的分组「{record.values['group']}」，本行忽略；可选：{'、'.join(INFO_GROUPS)}",
                                     self.ref(sheet, record.row, record.cells["group"]), "unknown-key", "warning")
                    else:
                        self.problem(f"不认识的项目「{label}」，本行忽略", where, "unknown-key", "warning")
                    continue
                path, kind = spec.path, spec.kind
            cell_ref = self.ref(sheet, record.row, record.cells["value"])
            if path in seen:
                self.problem(f"「{label}」重复填写，使用第 {seen[path].row} 行", cell_ref, "duplicate-key", "warning")
                continue
            seen[path] = record
            self.locations[path] = cell_ref
            try:
                value = read_cell(self.value_cell(sheet, record), kind)
            except CellError as exc:
                self.problem(f"「{label}」{exc}", cell_ref, exc.code)
                continue
            if value is None:
                if spec is not None and spec.required:
                    self.problem(f"「{label}」为必填项，不能为空", cell_ref, "missing-field")
                    if spec.path[0] == "department":
                        values[path] = ""
                continue
            values[path] = value
        for spec in INFO_ROWS:
            if spec.required and spec.path not in seen:
                self.problem(f"缺少「{spec.label}」行（「{spec.group}」分组）", self.ref(sheet), "missing-field")
                if spec.path[0] == "department":
                    values[spec.path] = ""
        for path, value in values.items():
            if path[0] != "prior_year":
                _put(data, path, value)
        amounts = {path[2]: value for path, value in values.items() if path[:2] == ("prior_year", "amounts")}
        prior_year = values.get(("prior_year", "year"))
        if prior_year is None and amounts and isinstance(data.get("year"), int):
            prior_year = data["year"] - 1
        if prior_year is not None:
            data["prior_year"] = {"year": prior_year, **({"amounts": amounts} if amounts else {})}
            if ("prior_year", "year") not in self.locations:
                self.locations[("prior_year", "year")] = self.ref(sheet)
        if "department" in data:
            data["department"] = _order(data["department"], ("code", "name", "region", "short_name"))

    def read_texts(self, targets: dict[str, Any]) -> dict[str, str]:
        ws = self.sheet(TEXTS_SHEET, required=False)
        texts: dict[str, str] = {}
        if ws is None:
            return texts
        found = self.key_value_rows(TEXTS_SHEET, TEXT_COLUMNS)
        if found is None:
            return texts
        sheet, _header_row, _columns, records = found
        self.locations[("texts",)] = self.ref(sheet)
        by_label: dict[str, tuple[str, ...]] = {normalize_key(label): path for path, label in TEXT_ROWS}
        by_label.update({normalize_key(key): ("texts", key) for key in TEXT_KEYS})
        by_label[normalize_key("annual_goal")] = ("targets", "annual_goal")
        seen: dict[tuple[str, ...], int] = {}
        for record in records:
            label = record.values["key"]
            path = by_label.get(normalize_key(label))
            cell_ref = self.ref(sheet, record.row, record.cells["value"])
            if path is None:
                choices = "、".join(label for _path, label in TEXT_ROWS)
                self.problem(f"不认识的说明项「{label}」，本行忽略；可填：{choices}",
                             self.ref(sheet, record.row, record.cells["key"]), "unknown-key", "warning")
                continue
            if path in seen:
                self.problem(f"「{label}」重复填写，使用第 {seen[path]} 行", cell_ref, "duplicate-key", "warning")
                continue
            seen[path] = record.row
            self.locations[path] = cell_ref
            text = read_text(self.value_cell(sheet, record), multiline=True)
            if text is None:
                continue
            if path[0] == "targets":
                targets["annual_goal"] = text
            else:
                texts[path[1]] = text
        return texts


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _label(col: Column) -> str:
    """The header without its parenthesised note: 功能分类名称（可选） → 功能分类名称."""
    return col.header.split("（", 1)[0]


def _where_short(where: SourceRef) -> str:
    parts = []
    if where.sheet:
        parts.append(f"「{where.sheet}」")
    if where.row is not None:
        parts.append(f"第 {where.row} 行")
    return "".join(parts) or "前面"


def _in_column_order(cells: Mapping[str, AnyCell], columns: Mapping[str, int]) -> Iterator[tuple[str, AnyCell]]:
    for key in sorted(cells, key=lambda k: columns[k]):
        yield key, cells[key]


def _put(data: dict[str, Any], path: Sequence[str], value: Any) -> None:
    current = data
    for key in path[:-1]:
        current = current.setdefault(key, {})
    current[path[-1]] = value


def _order(data: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    ordered = {key: data[key] for key in keys if key in data}
    ordered.update({key: value for key, value in data.items() if key not in ordered})
    return ordered


def _open(path: Path) -> Workbook:
    """Load the workbook (cached values of formulas), or raise :class:`InputError` for a bad file."""
    name = path.name

    def fail(reason: str) -> InputError:
        return InputError([InputProblem(f"文件不是有效的 Excel（.xlsx）工作簿：{reason}", SourceRef(file=name),
                                        code="bad-file")], name)

    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            handle.seek(0)
            if head.startswith(b"\xd0\xcf\x11\xe0"):
                raise fail("这是旧版 .xls（或加密）文件，请在 Excel/WPS 中“另存为” .xlsx 工作簿后重新提交")
            if not head.startswith(b"PK"):
                raise fail("文件内容不是 .xlsx 格式（可能是 CSV、文本或其他格式的文件改了扩展名）")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return load_workbook(handle, data_only=True)
    except InputError:
        raise
    except FileNotFoundError as exc:
        raise fail("文件不存在") from exc
    except IsADirectoryError as exc:
        raise fail("这是一个文件夹") from exc
    except PermissionError as exc:
        raise fail("没有读取权限") from exc
    except zipfile.BadZipFile as exc:
        raise fail("压缩包结构损坏（文件可能不完整或已损坏），请重新保存或重新上传") from exc
    except KeyError as exc:
        raise fail(f"缺少必要的组成部分 {exc}（文件已损坏）") from exc
    except Exception as exc:  # any other parse failure of a damaged workbook
        raise fail(f"无法解析（{type(exc).__name__}：{exc}）") from exc


def read_excel(path: Path) -> tuple[dict[str, Any], Locator, list[InputProblem]]:
    """Read a filled 填报模板.

    Returns the raw dict of the :class:`~yusuan.ingest.schema.BudgetIn` shape, a locator from
    pydantic-style locations to the cell each value came from (the longest known prefix is used
    for locations the reader did not record), and every structural problem found. Raises
    :class:`InputError` (code ``bad-file``) only when ``path`` is not a readable .xlsx workbook.
    """
    reader = _Reader(path, _open(path))
    data = reader.run()
    return data, reader.locate, reader.problems
