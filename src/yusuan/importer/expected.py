"""Hand-checked expected data of a published disclosure, for measuring what the importer extracts.

One JSON file per document (``tests/importer/expected/<name>.json``, format in ``docs/import.md``)::

    {"file": "shanghai-putuo-2025-区政府办公室-部门预算.pdf", "department": "…", "year": 2025, "unit": "元",
     "tables": [{"title": "2025年部门收入预算总表", "page": 9, "unit": "元",
                 "rows": [{"label": "2010301", "values": ["12029501.84", "12029501.84"]}]}],
     "figures": {"income_total": "9101.68"}}

``values`` are every non-blank numeric cell of the printed row, in column order, as printed without
thousands separators; ``label`` is the row's code (split codes joined) or its name as printed.
``figures`` are the narrative's key figures (metric key → amount as printed, in the narrative's unit).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any


class ExpectedDataError(ValueError):
    """An expected-data file that does not have the documented shape (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class ExpectedRow:
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExpectedTable:
    title: str
    page: int | None
    unit: str | None
    rows: tuple[ExpectedRow, ...]

    @property
    def cells(self) -> int:
        return sum(len(r.values) for r in self.rows)


@dataclass(frozen=True, slots=True)
class ExpectedDocument:
    file: str
    department: str
    year: int
    unit: str | None
    tables: tuple[ExpectedTable, ...]
    figures: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    name: str = ""
    """Name of the expected-data file (its stem), e.g. ``seed-000-xinxiang-2024``."""

    @property
    def cells(self) -> int:
        return sum(t.cells for t in self.tables)


def _decimal(text: str, where: str) -> str:
    try:
        Decimal(text)
    except InvalidOperation:
        raise ExpectedDataError(f"{where}：「{text}」不是数字（应为不带千位分隔符的数字字符串）") from None
    if "," in text or not text.strip() or text != text.strip():
        raise ExpectedDataError(f"{where}：「{text}」应为不带千位分隔符、不带空格的数字字符串")
    return text


def _str(data: Mapping[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ExpectedDataError(f"{where}：缺少字符串字段「{key}」")
    return value


def _table(data: Any, where: str) -> ExpectedTable:
    if not isinstance(data, dict):
        raise ExpectedDataError(f"{where}：应为对象")
    title = _str(data, "title", where)
    assert title is not None
    page = data.get("page")
    if page is not None and (not isinstance(page, int) or isinstance(page, bool) or page < 1):
        raise ExpectedDataError(f"{where}：page 应为从 1 开始的页码或 null")
    rows_data = data.get("rows")
    if not isinstance(rows_data, list):
        raise ExpectedDataError(f"{where}：缺少列表字段「rows」")
    rows: list[ExpectedRow] = []
    for i, row in enumerate(rows_data, 1):
        at = f"{where} rows[{i}]"
        if not isinstance(row, dict) or not isinstance(row.get("label"), str):
            raise ExpectedDataError(f"{at}：应为 {{\"label\": 字符串, \"values\": [数字字符串…]}}")
        values = row.get("values")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ExpectedDataError(f"{at}：values 应为数字字符串的列表")
        rows.append(ExpectedRow(row["label"], tuple(_decimal(v, f"{at}「{row['label']}」") for v in values)))
    return ExpectedTable(title, page, _str(data, "unit", where, optional=True), tuple(rows))


def parse_expected(data: Any, name: str = "") -> ExpectedDocument:
    """Check and convert the JSON data of one expected-data file."""
    where = name or "预期数据"
    if not isinstance(data, dict):
        raise ExpectedDataError(f"{where}：顶层应为对象")
    file = _str(data, "file", where)
    department = _str(data, "department", where)
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise ExpectedDataError(f"{where}：year 应为整数年度")
    tables_data = data.get("tables")
    if not isinstance(tables_data, list):
        raise ExpectedDataError(f"{where}：缺少列表字段「tables」")
    tables = tuple(_table(t, f"{where} tables[{i}]") for i, t in enumerate(tables_data, 1))
    figures_data = data.get("figures", {})
    if not isinstance(figures_data, dict) or not all(isinstance(v, str) for v in figures_data.values()):
        raise ExpectedDataError(f"{where}：figures 应为 指标 → 数字字符串 的对象")
    figures = {str(k): _decimal(v, f"{where} figures「{k}」") for k, v in figures_data.items()}
    assert file is not None and department is not None
    return ExpectedDocument(file, department, year, _str(data, "unit", where, optional=True), tables,
                            MappingProxyType(figures), name)


def load_expected(path: Path) -> ExpectedDocument:
    """Read one expected-data file (raises :class:`ExpectedDataError` with a Chinese message)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExpectedDataError(f"{path.name}：无法读取（{exc}）") from None
    return parse_expected(data, path.stem)


def expected_files(directory: Path) -> list[Path]:
    """The expected-data files of a folder, by name."""
    return sorted(directory.glob("*.json"))
