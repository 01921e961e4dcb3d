"""Load a budget from any supported input file (YAML, JSON, Excel 填报模板)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yusuan.catalog.loader import Catalog, load_catalog
from yusuan.domain.budget import Budget
from yusuan.domain.source import SourceRef
from yusuan.ingest.build import Locator, build_budget
from yusuan.ingest.errors import InputError, InputProblem
from yusuan.ingest.yaml_reader import read_yaml

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "yaml", ".xlsx": "excel", ".xlsm": "excel"}


@dataclass(frozen=True)
class Loaded:
    budget: Budget
    warnings: tuple[InputProblem, ...]
    catalog: Catalog


def read_input(path: Path) -> tuple[Any, Locator, list[InputProblem]]:
    """Raw data, locator and structural problems of an input file."""
    kind = SUFFIXES.get(path.suffix.lower())
    if not path.exists():
        raise InputError([InputProblem("文件不存在", SourceRef(file=str(path)), code="bad-file")], str(path))
    if kind is None:
        raise InputError([InputProblem(
            f"不支持的文件类型「{path.suffix}」：请使用 .xlsx 填报模板、.yaml 或 .json",
            SourceRef(file=path.name), code="bad-file")], path.name)
    if kind == "excel":
        from yusuan.ingest.excel_reader import read_excel

        return read_excel(path)
    return read_yaml(path)


def _year_of(raw: Any) -> int | None:
    if isinstance(raw, dict):
        year = raw.get("year")
        if isinstance(year, int):
            return year
        if isinstance(year, str) and year.strip().isdigit():
            return int(year.strip())
    return None


def load_budget(path: Path, *, catalog: Catalog | None = None, catalog_path: Path | None = None) -> Loaded:
    """Read, validate and build the budget in ``path``.

    Raises :class:`InputError` listing every problem (with sheet/row/column or YAML
    path and line) when the file cannot be used.
    """
    raw, locate, problems = read_input(path)
    cat = catalog or load_catalog(_year_of(raw), catalog_path)
    budget, found = build_budget(raw, cat, locate, file=path.name, problems=problems)
    return Loaded(budget, tuple(p for p in found if p.severity == "warning"), cat)
