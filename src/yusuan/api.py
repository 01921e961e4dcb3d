"""The one Python API that the CLI (and later web and REST) call.

Stages: ingest → Budget (immutable) → compute (tables, key figures) → render.
This module is the only place that wires them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from yusuan.compute.engine import compute_tables
from yusuan.compute.model import Tables
from yusuan.compute.summary import Summary, summarize
from yusuan.document.model import Document
from yusuan.domain.budget import Budget
from yusuan.ingest.errors import InputProblem
from yusuan.ingest.load import Loaded, load_budget
from yusuan.money import MoneyUnit
from yusuan.packs.loader import load_pack
from yusuan.packs.model import Pack

FORMATS = ("pdf", "docx", "html", "xlsx", "json")
"""Output formats: the whole document (PDF, DOCX, HTML), the annex tables (XLSX) and the data (JSON)."""


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

    @cached_property
    def document(self) -> Document:
        """The complete disclosure (narrative + annex), composed on first use."""
        from yusuan.narrative import compose_document

        return compose_document(self.budget, self.pack, self.tables, self.summary)


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

    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"不支持的输出格式「{'、'.join(unknown)}」，可选：{'、'.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    b = compiled.budget
    stem = f"{b.department.code}-{b.year}-部门预算"
    outputs: dict[str, Path] = {}
    for fmt in formats:
        if fmt == "json":
            path = out_dir / f"{stem}.json"
            write_json(budget_data(b, compiled.tables, compiled.summary, money_unit=compiled.money_unit,
                                   pack_id=compiled.pack.id), path)
        elif fmt == "xlsx":
            from yusuan.render.xlsx import write_xlsx

            path = out_dir / f"{stem}表.xlsx"
            write_xlsx(compiled.tables, path, title=compiled.title)
        elif fmt == "html":
            from yusuan.render.html import render_document_html

            path = out_dir / f"{stem}.html"
            path.write_text(render_document_html(compiled.document), encoding="utf-8")
        elif fmt == "pdf":
            from yusuan.render.pdf import render_pdf

            path = out_dir / f"{stem}.pdf"
            render_pdf(compiled.document, path)
        else:  # docx
            from yusuan.render.docx import render_docx

            path = out_dir / f"{stem}.docx"
            render_docx(compiled.document, path)
        outputs[fmt] = path
    return outputs


def build(input_path: Path, out_dir: Path, *, formats: Iterable[str] = FORMATS, pack: str | Path | None = None,
          catalog_path: Path | None = None) -> BuildResult:
    """Input file → validated budget → tables → files in ``out_dir``."""
    loaded = load(input_path, catalog_path=catalog_path)
    compiled = compile_budget(loaded.budget, pack)
    outputs = render(compiled, out_dir, formats)
    return BuildResult(compiled, outputs, loaded.warnings)
