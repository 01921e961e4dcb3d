"""The one Python API that the CLI (and later web and REST) call.

Stages: ingest → Budget (immutable) → compute (tables, key figures) → render.
This module is the only place that wires them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yusuan.compute.engine import compute_tables
from yusuan.compute.model import Tables
from yusuan.compute.summary import Summary, summarize
from yusuan.domain.budget import Budget
from yusuan.ingest.errors import InputProblem
from yusuan.ingest.load import Loaded, load_budget
from yusuan.money import MoneyUnit
from yusuan.packs.loader import load_pack
from yusuan.packs.model import Pack

FORMATS = ("xlsx", "html", "json")


@dataclass(frozen=True)
class Compiled:
    """A budget with everything derived from it."""

    budget: Budget
    pack: Pack
    tables: Tables
    summary: Summary

    @property
    def money_unit(self) -> MoneyUnit:
        return MoneyUnit(self.pack.money_unit)

    @property
    def title(self) -> str:
        return f"{self.budget.department.name}{self.budget.year}年部门预算表"


@dataclass(frozen=True)
class BuildResult:
    compiled: Compiled
    outputs: dict[str, Path]
    warnings: tuple[InputProblem, ...] = field(default=())


def load(path: Path, *, catalog_path: Path | None = None) -> Loaded:
    """Read and validate an input file (raises ``InputError`` with every problem)."""
    return load_budget(path, catalog_path=catalog_path)


def compile_budget(budget: Budget, pack: Pack | str | Path | None = None) -> Compiled:
    """Derive every table and key figure of ``budget`` (pure)."""
    if not isinstance(pack, Pack):
        pack = load_pack(pack or budget.pack)
    return Compiled(budget, pack, compute_tables(budget, pack), summarize(budget))


def render(compiled: Compiled, out_dir: Path, formats: Iterable[str] = FORMATS) -> dict[str, Path]:
    """Write the requested formats into ``out_dir``; returns format → path."""
    from yusuan.render.data import budget_data, write_json

    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{compiled.budget.department.code}-{compiled.budget.year}-部门预算表"
    outputs: dict[str, Path] = {}
    for fmt in formats:
        if fmt == "json":
            path = out_dir / f"{stem}.json"
            write_json(budget_data(compiled.budget, compiled.tables, compiled.summary,
                                   money_unit=compiled.money_unit, pack_id=compiled.pack.id), path)
        elif fmt == "xlsx":
            from yusuan.render.xlsx import write_xlsx

            path = out_dir / f"{stem}.xlsx"
            write_xlsx(compiled.tables, path, title=compiled.title)
        elif fmt == "html":
            from yusuan.render.html import render_html

            path = out_dir / f"{stem}.html"
            path.write_text(render_html(compiled.tables, title=compiled.title,
                                        subtitle=f"单位：{compiled.money_unit.value}"), encoding="utf-8")
        else:
            raise ValueError(f"不支持的输出格式「{fmt}」，可选：{'、'.join(FORMATS)}")
        outputs[fmt] = path
    return outputs


def build(input_path: Path, out_dir: Path, *, formats: Iterable[str] = FORMATS, pack: str | Path | None = None,
          catalog_path: Path | None = None) -> BuildResult:
    """Input file → validated budget → tables → files in ``out_dir``."""
    loaded = load(input_path, catalog_path=catalog_path)
    compiled = compile_budget(loaded.budget, pack)
    outputs = render(compiled, out_dir, formats)
    return BuildResult(compiled, outputs, loaded.warnings)
