"""Rows of matrix tables: each printed row's level and key from its codes and label, amounts in 分.

Levels and keys are the ones compiled tables have (``total``, ``department:154``, ``unit:154001``,
``functional:2010301``, ``econ:30101/50101``, ``project:<code or name>``, ``fixed:<key>``), so the
checker's rules read imported and compiled tables alike.  A row the vocabulary cannot place keeps the
level ``line`` (left out of the arithmetic rules) with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.compute.model import Cell, Column, Row, Table
from yusuan.importer.cells import clean, code_of, join_code, norm, parse_amount, strip_numbering
from yusuan.importer.model import RawTable
from yusuan.importer.recognize_common import Setting, empty_table, is_index_row, money_unit, plan_columns
from yusuan.importer.vocabulary import Role, RowRule, Vocabulary

_ORG = re.compile(r"(局|办公室|委员会|委|厅|办|中心|院|所|站|队|部|馆|社|处|会|署|府|团|校|本级|机关)$")
_ECON_ROLES = frozenset({"general_public_basic", "econ_summary", "fiscal_basic", "organ_operating"})
_FUNCTIONAL_LEVELS = {3: "functional_class", 5: "functional_section", 7: "functional_item"}
_ECON_LEVELS = {3: "econ_class", 5: "econ_section"}


@dataclass
class _Row:
    texts: dict[str, str]
    amounts: dict[str, int | None]
    bad: dict[str, str]
    page: int | None


def _text(row: _Row, *keys: str) -> str:
    return next((row.texts[k] for k in keys if row.texts.get(k)), "")


def _is_department_code(code: str, name: str, econ: bool) -> bool:
    """A 3-digit code printed for a department (154), not an economic class (301)."""
    if len(code) != 3:
        return False
    if econ:
        return not code.startswith(("3", "5")) or bool(_ORG.search(name))
    return True


class MatrixReader:
    """Reads the rows of one matrix table."""

    def __init__(self, raw: RawTable, role: Role, setting: Setting, vocab: Vocabulary) -> None:
        self.raw = raw
        self.role = role
        self.setting = setting
        self.vocab = vocab
        self.notices: list[str] = []
        self.plans = plan_columns(raw, role, vocab, self.notices)
        self.unit = money_unit(raw, setting, self.notices)
        self.econ = role.id in _ECON_ROLES
        self.fixed_rules: Sequence[RowRule] = vocab.fixed_rows.get(role.id, ())

    # -- reading ---------------------------------------------------------------------------------

    def _read(self) -> list[_Row]:
        rows: list[_Row] = []
        for n, cells in enumerate(self.raw.rows):
            if not any(norm(c) for c in cells) or is_index_row(cells):
                continue
            page = self.raw.row_pages[n] if n < len(self.raw.row_pages) else None
            row = _Row({}, {}, {}, page)
            for plan in self.plans:
                text = cells[plan.index] if plan.index < len(cells) else ""
                if plan.kind == "money":
                    try:
                        row.amounts[plan.key] = parse_amount(text, self.unit)
                    except ValueError:
                        row.amounts[plan.key] = None
                        row.bad[plan.key] = clean(text)
                else:
                    row.texts[plan.key] = clean(text)
            if self._continues(rows, row):
                continue
            rows.append(row)
        return rows

    def _continues(self, rows: list[_Row], row: _Row) -> bool:
        """A wrapped name's tail printed on a row of its own (``出``): appended to the row above."""
        filled = [k for k, v in row.texts.items() if v]
        if not rows or row.bad or any(v is not None for v in row.amounts.values()) or len(filled) != 1:
            return False
        key = filled[0]
        above = rows[-1]
        if key not in ("name", "d_name", "g_name", "project_name") or not above.texts.get(key):
            return False
        if len(row.texts[key]) > 4 or self.vocab.total_labels.fullmatch(norm(row.texts[key])):
            return False
        above.texts[key] += row.texts[key]
        return True

    # -- placing ---------------------------------------------------------------------------------

    def _place(self, row: _Row, n: int, state: dict[str, bool]) -> tuple[str, str, str, int]:
        """(key, level, label, indent) of a row."""
        name = _text(row, "name", "d_name", "project_name", "project_unit")
        fixed = next((r for r in self.fixed_rules if name and r.label.fullmatch(strip_numbering(name))), None)
        if fixed is not None:  # one-column tables with their rows fixed by the layout (三公 2020)
            indent = 1 if norm(name).startswith("其中") else fixed.indent
            return f"fixed:{fixed.key}", "fixed", name, indent
        totals = [t for t in row.texts.values() if t and self.vocab.total_labels.fullmatch(norm(t))]
        if totals or self._unlabelled_total(row, n, state):
            return "total", "total", totals[0] if totals else name, 0
        if self.role.labels == "project":
            return self._project_row(row, name, state)
        if self.econ:
            placed = self._econ_row(row, name, state)
            if placed is not None:
                return placed
        code = code_of(_text(row, "code")) if row.texts.get("code") else None
        functional = join_code([row.texts.get("f_class", ""), row.texts.get("f_section", ""),
                                row.texts.get("f_item", "")]) or code
        if functional and len(functional) in _FUNCTIONAL_LEVELS and not self.econ:
            state["detail"] = True
            return f"functional:{functional}", _FUNCTIONAL_LEVELS[len(functional)], name, 0
        return self._group_or_fixed(row, name, state)

    def _unlabelled_total(self, row: _Row, n: int, state: dict[str, bool]) -> bool:
        """The first row, printed without any label but with amounts, is the total (预算10表)."""
        if state.get("total") or state.get("detail") or any(row.texts.values()):
            return False
        return n == 0 and any(v is not None for v in row.amounts.values())

    def _econ_row(self, row: _Row, name: str, state: dict[str, bool]) -> tuple[str, str, str, int] | None:
        code = code_of(_text(row, "code")) if row.texts.get("code") else None
        dept = join_code([row.texts.get("d_class", ""), row.texts.get("d_section", "")]) or code
        gov = join_code([row.texts.get("g_class", ""), row.texts.get("g_section", "")])
        if dept is None:
            return None
        if _is_department_code(dept, name, True) and not state.get("detail"):
            state["department"] = True
            return f"department:{dept}", "department", name, 0
        if len(dept) >= 6:
            return f"unit:{dept}", "unit", name, 0
        if len(dept) in _ECON_LEVELS:
            state["detail"] = True
            key = f"econ:{dept}/{gov}" if gov and len(dept) == 5 and len(gov) == 5 else f"econ:{dept}"
            return key, _ECON_LEVELS[len(dept)], name, 0
        return None

    def _group_or_fixed(self, row: _Row, name: str, state: dict[str, bool]) -> tuple[str, str, str, int]:
        unit_code = code_of(_text(row, "unit_code")) or (code_of(name) if name and code_of(name) else None)
        if unit_code and len(unit_code) == 3:
            state["department"] = True
            return f"department:{unit_code}", "department", name, 0
        if unit_code and len(unit_code) >= 6:
            return f"unit:{unit_code}", "unit", name, 0
        rule = next((r for r in self.fixed_rules if r.label.fullmatch(strip_numbering(name))), None)
        if rule is not None:
            indent = 1 if norm(name).startswith("其中") else rule.indent
            return f"fixed:{rule.key}", "fixed", name, indent
        if name and _ORG.search(norm(name)) and not state.get("detail") and self.role.labels != "procurement":
            if not state.get("department"):
                state["department"] = True
                return f"department:{name}", "department", name, 0
            return f"unit:{name}", "unit", name, 0
        return f"row:{len(name)}:{name}", "line", name, 0

    def _project_row(self, row: _Row, name: str, state: dict[str, bool]) -> tuple[str, str, str, int]:
        printed_name = row.texts.get("project_name", "")
        code = code_of(printed_name) if printed_name else None
        if code is not None and not row.texts.get("project_kind"):
            level = "department" if len(code) == 3 else "unit"
            if level == "department":
                state["department"] = True
            return f"{level}:{code}", level, row.texts.get("project_unit", "") or printed_name, 0
        project_code = code_of(row.texts.get("code", "")) if row.texts.get("code") else None
        state["detail"] = True
        return f"project:{project_code or printed_name}", "project", printed_name, 0

    # -- the table -------------------------------------------------------------------------------

    def table(self) -> tuple[Table, list[int | None]]:
        rows: list[Row] = []
        pages: list[int | None] = []
        state: dict[str, bool] = {}
        unplaced = 0
        for n, row in enumerate(self._read()):
            key, level, label, indent = self._place(row, n, state)
            if level == "total":
                state["total"] = True
            if level == "line":
                unplaced += 1
            for col, text in row.bad.items():
                self.notices.append(f"表「{clean(self.raw.title)}」「{label or key}」行「{col}」栏的“{text}”"
                                    "不是金额，按文字保留")
            cells: list[Cell] = []
            for plan in self.plans:
                if plan.kind == "money" and plan.key not in row.bad:
                    cells.append(Cell(row.amounts.get(plan.key), plan.key, money=True))
                elif plan.kind == "money":
                    cells.append(Cell(row.bad[plan.key], plan.key))
                else:
                    cells.append(Cell(row.texts.get(plan.key) or None, plan.key))
            rows.append(Row(key, level, tuple(cells), label=label, indent=indent))
            pages.append(row.page)
        if unplaced and self.role.labels not in ("procurement",) and self.role.id not in ("income_summary",):
            self.notices.append(f"表「{clean(self.raw.title)}」有 {unplaced} 行未能确定层级，"
                                "按普通行保留（不参与合计核对）")
        columns = tuple(Column(p.key, p.header, "label" if p.kind == "label" else p.kind) for p in self.plans)
        return empty_table(self.role.id, "matrix", self.raw, self.setting, self.notices, columns, tuple(rows),
                           self.unit), pages


def read_matrix(raw: RawTable, role: Role, setting: Setting, vocab: Vocabulary) -> tuple[Table, list[str]]:
    reader = MatrixReader(raw, role, setting, vocab)
    table, _pages = reader.table()
    return table, reader.notices

