"""The one Python API that the CLI (and later web and REST) call.

Stages: ingest → Budget (immutable) → compute (tables, key figures) → check →
render.  This module is the only place that wires them together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.catalog.loader import Catalog
from yusuan.check import DEFAULT_TOLERANCE, CheckContext, Report, Selection, Tier, context_for_compiled, run_checks
from yusuan.compute.engine import compute_tables
from yusuan.compute.model import Tables
from yusuan.compute.summary import Summary, summarize
from yusuan.document.model import Document
from yusuan.domain.budget import Budget
from yusuan.domain.source import SourceRef
from yusuan.importer.model import DisclosureReadError, RawDocument
from yusuan.ingest.errors import InputError, InputProblem
from yusuan.ingest.load import Loaded, load_budget
from yusuan.money import MoneyUnit
from yusuan.packs.loader import load_pack
from yusuan.packs.model import Pack

if TYPE_CHECKING:
    from yusuan.importer.audit import ImportNotes

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
    report: Report | None = None
    """The check run before publishing (its warnings and notices did not block it)."""


class PublishBlocked(Exception):
    """The check found errors, so nothing was written (``build(..., force=True)`` publishes anyway)."""

    def __init__(self, report: Report, compiled: Compiled, warnings: tuple[InputProblem, ...] = ()) -> None:
        self.report = report
        self.compiled = compiled
        self.warnings = warnings
        super().__init__(f"检查发现 {report.errors} 个错误，未生成任何文件")


@dataclass(frozen=True)
class Checked:
    """A checked input file: the report and the view the rules read (its document feeds the HTML report)."""

    report: Report
    context: CheckContext
    warnings: tuple[InputProblem, ...] = ()
    """Warnings from reading the input file (not rule issues)."""

    @property
    def document(self) -> Document:
        return self.context.document


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
          catalog_path: Path | None = None, force: bool = False) -> BuildResult:
    """Input file → validated budget → tables → check → files in ``out_dir``.

    Raises :class:`PublishBlocked` (writing nothing) when the check finds errors, unless
    ``force``; warnings and notices never block.
    """
    loaded = load(input_path, catalog_path=catalog_path)
    compiled = compile_budget(loaded.budget, pack)
    report = check(compiled, catalog=loaded.catalog)
    if not report.clean and not force:
        raise PublishBlocked(report, compiled, loaded.warnings)
    outputs = render(compiled, out_dir, formats)
    return BuildResult(compiled, outputs, loaded.warnings, report)


# ---------------------------------------------------------------------------------------------
# checking


def check(compiled: Compiled, selection: Selection | None = None, *, tolerance: Decimal = DEFAULT_TOLERANCE,
          catalog: Catalog | None = None) -> Report:
    """Run the registered rules (all, or ``selection``) over a compiled budget and its document."""
    return run_checks(context_for_compiled(compiled, tolerance=tolerance, catalog=catalog), selection)


def rule_selection(only: Iterable[str] = (), skip: Iterable[str] = (), tier: Tier | str | None = None) -> Selection:
    """Which rules to run: ``only``/``skip`` name codes, slugs or tags; ``tier`` runs the rules up to that tier
    (``basic`` → basic; ``strict`` → basic + strict; ``advisory`` or None → all)."""
    order = (Tier.BASIC, Tier.STRICT, Tier.ADVISORY)
    upto = order.index(Tier(tier)) if tier is not None else len(order) - 1
    return Selection(only=tuple(only), skip=tuple(skip), tiers=order[: upto + 1])


def unknown_rule_names(names: Iterable[str]) -> list[str]:
    """Names (codes, slugs, tags) that match no registered rule, e.g. a mistyped ``--only``."""
    from yusuan.check import all_rules

    known: set[str] = set()
    for r in all_rules():
        known.update((r.code.lower(), r.slug, *(t.lower() for t in r.tags)))
    return [n for n in names if n.strip().lower() not in known]


@dataclass(frozen=True)
class CheckInput:
    """What a check reader needs besides the file."""

    tolerance: Decimal = DEFAULT_TOLERANCE
    pack: str | Path | None = None
    catalog_path: Path | None = None


CheckReader = Callable[[Path, CheckInput], tuple[CheckContext, tuple[InputProblem, ...]]]
"""Reads an input file into the check view (and the warnings met while reading it)."""


def _read_budget(path: Path, options: CheckInput) -> tuple[CheckContext, tuple[InputProblem, ...]]:
    loaded = load(path, catalog_path=options.catalog_path)
    compiled = compile_budget(loaded.budget, options.pack)
    return context_for_compiled(compiled, tolerance=options.tolerance, catalog=loaded.catalog), loaded.warnings


def _read_published(path: Path, options: CheckInput) -> tuple[CheckContext, tuple[InputProblem, ...]]:
    """A published disclosure (PDF, or text extracted from one): the view of its printed tables and narrative."""
    from yusuan.importer.audit import context_of, document_from_raw

    try:
        raw = read_disclosure(path)
    except DisclosureReadError as exc:
        where = f"（第 {exc.page} 页）" if exc.page is not None else ""
        # a .txt that the text reader rejects is not text extracted from a disclosure
        kind = f"不支持的文件类型「{path.suffix}」：" if path.suffix.lower() == ".txt" else ""
        problem = InputProblem(f"{kind}{exc.message}{where}", SourceRef(file=path.name), code="bad-file")
        raise InputError([problem], path.name) from None
    if path.suffix.lower() == ".txt" and not raw.tables():
        # any .txt would otherwise "read": only text extracted from a disclosure (with its tables) is accepted
        message = f"不支持的文件类型「{path.suffix}」：{path.name} 中没有找到部门预算公开文件的表格"
        raise InputError([InputProblem(message, SourceRef(file=path.name), code="bad-file")], path.name)
    document, notes = document_from_raw(raw)
    warnings = tuple(InputProblem(n, SourceRef(file=path.name), severity="warning", code="import")
                     for n in notes.notices)
    return context_of(document, notes, tolerance=options.tolerance), warnings


CHECK_READERS: dict[str, CheckReader] = {
    ".yaml": _read_budget, ".yml": _read_budget, ".json": _read_budget, ".xlsx": _read_budget, ".xlsm": _read_budget,
    ".pdf": _read_published, ".txt": _read_published,
}
"""File suffix → reader.  A budget input file is compiled first; a published disclosure (PDF, text) gets its
own reader that builds the view from the printed tables and narrative."""


def check_file(path: Path, selection: Selection | None = None, *, tolerance: Decimal = DEFAULT_TOLERANCE,
               pack: str | Path | None = None, catalog_path: Path | None = None) -> Checked:
    """Read ``path`` (budget input file) and check it.

    Raises ``InputError`` when the file cannot be read or its data is invalid (with
    every problem and its location), ``PackError`` for a bad template pack.
    """
    if not path.exists():
        raise InputError([InputProblem("文件不存在", SourceRef(file=str(path)), code="bad-file")], str(path))
    reader = CHECK_READERS.get(path.suffix.lower())
    if reader is None:
        kinds = "、".join(sorted(CHECK_READERS))
        raise InputError([InputProblem(f"不支持的文件类型「{path.suffix}」：可以检查 {kinds} 文件",
                                       SourceRef(file=path.name), code="bad-file")], path.name)
    ctx, warnings = reader(path, CheckInput(tolerance, pack, catalog_path))
    return Checked(run_checks(ctx, selection), ctx, warnings)


# ---------------------------------------------------------------------------------------------
# importing published disclosures

DISCLOSURE_SUFFIXES = (".pdf", ".txt")
"""Files ``yusuan import`` reads: published PDFs and text extracted from them."""


def read_disclosure(path: Path) -> RawDocument:
    """Read a published disclosure into its raw blocks (raises :class:`DisclosureReadError` in Chinese)."""
    if not path.is_file():
        raise DisclosureReadError("文件不存在", path.name)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from yusuan.importer.pdf_reader import read_pdf

        return read_pdf(path)
    if suffix == ".txt":
        from yusuan.importer.text_reader import read_text

        return read_text(path)
    raise DisclosureReadError(f"不支持的文件类型「{path.suffix}」：可以导入 PDF（.pdf）和提取的文本（.txt）", path.name)


@dataclass(frozen=True)
class Imported:
    """An imported disclosure: what was read, the check view recognised from it, and the audit report."""

    raw: RawDocument
    context: CheckContext
    report: Report
    notes: ImportNotes
    """What recognition found besides the document: table and paragraph pages, metadata, notices."""

    @property
    def document(self) -> Document:
        return self.context.document

    @property
    def department(self) -> str:
        return self.context.department

    @property
    def year(self) -> int:
        return self.context.year

    @property
    def notices(self) -> tuple[str, ...]:
        """What the reader and recognition could not do (tables kept raw, columns not aligned …)."""
        return self.notes.notices

    @property
    def paragraph_pages(self) -> Mapping[int, int]:
        """Paragraph number (as in issue locations) → page."""
        return self.notes.paragraph_pages

    @property
    def tables_recognised(self) -> int:
        """Tables mapped onto a known kind (the others are kept as printed, with a notice)."""
        return len(self.document.tables()) - self.notes.unrecognised_tables


def import_file(path: Path, selection: Selection | None = None, *,
                tolerance: Decimal = DEFAULT_TOLERANCE) -> Imported:
    """Read a published disclosure (PDF or extracted text), recognise its tables and narrative, and audit it.

    Raises :class:`DisclosureReadError` (Chinese message) when the file cannot be read as a disclosure
    (missing, encrypted, scanned, corrupt, not a PDF).  Every issue of the report carries the page it
    points to when known (tables: the page the table is printed on; sentences: their paragraph's page).
    """
    from yusuan.importer.audit import context_of, document_from_raw, with_pages

    raw = read_disclosure(path)
    document, notes = document_from_raw(raw)
    ctx = context_of(document, notes, tolerance=tolerance)
    return Imported(raw, ctx, with_pages(run_checks(ctx, selection), notes), notes)
