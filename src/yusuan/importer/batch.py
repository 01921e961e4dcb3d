"""Import many published disclosures: one job per file, in parallel across cores, and a summary.

Each file is read, recognised and audited in a worker process (:func:`import_one`); its reports and
extracted data go into a folder of their own.  A file that cannot be read, or that makes the importer
fail, becomes a row of the summary with its Chinese message; it never stops the batch — even a worker
process that dies is retried alone, so that only its own file is lost.
"""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yusuan.check import DEFAULT_TOLERANCE, Selection

if TYPE_CHECKING:
    from yusuan.api import Imported

SUFFIXES = (".pdf", ".txt")
STATUS_LABELS = {"ok": "没有错误", "errors": "发现错误", "unreadable": "无法读取", "failed": "导入失败"}
"""Summary status → Chinese label."""
SUMMARY_FIELDS = ("file", "department", "year", "pages", "tables_found", "tables_recognised", "errors", "warnings",
                  "notices", "import_notices", "status", "message", "seconds")


@dataclass(frozen=True)
class ImportOptions:
    """What to write for each file (picklable: it travels to the worker processes)."""

    out_dir: Path | None = None
    report_formats: tuple[str, ...] = ()
    """Report files: ``json``, ``html``, ``xlsx`` (``terminal`` is printed by the caller)."""
    data_formats: tuple[str, ...] = ()
    """Extracted data: ``json``, ``xlsx``."""
    selection: Selection | None = None
    tolerance: Decimal = DEFAULT_TOLERANCE


@dataclass(frozen=True)
class FileResult:
    """One row of the summary."""

    file: str
    status: str
    """``ok`` (no error in the audit), ``errors``, ``unreadable`` (not a readable disclosure), ``failed``."""
    message: str = ""
    department: str = ""
    year: int | None = None
    pages: int = 0
    tables_found: int = 0
    tables_recognised: int = 0
    errors: int = 0
    warnings: int = 0
    notices: int = 0
    import_notices: int = 0
    seconds: float = 0.0
    outputs: tuple[str, ...] = field(default=())

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def row(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("outputs")
        data["seconds"] = round(self.seconds, 3)
        return data


def find_disclosures(paths: Iterable[Path]) -> list[Path]:
    """The files to import: files as given, folders searched recursively for .pdf and .txt files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def folder_names(files: Sequence[Path]) -> list[str]:
    """One distinct output folder name per file: its stem, made unique with -2, -3 …"""
    used: set[str] = set()
    names = []
    for path in files:
        base = path.stem or "file"
        name, k = base, 2
        while name.casefold() in used:
            name, k = f"{base}-{k}", k + 1
        used.add(name.casefold())
        names.append(name)
    return names


def write_outputs(imported: Imported, out_dir: Path, stem: str, options: ImportOptions) -> list[Path]:
    """Write the reports and extracted data of one imported file into ``out_dir``."""
    from yusuan.check.report import write_reports
    from yusuan.importer.export import imported_data, write_data

    written = list(write_reports(imported.report, imported.document, out_dir, f"{stem}-审核报告",
                                 options.report_formats).values())
    if options.data_formats:
        ctx = imported.context
        data = imported_data(imported.document, imported.raw, table_pages=ctx.pages,
                             paragraph_page=imported.paragraph_pages, notices=imported.notices,
                             department=imported.department, year=imported.year)
        title = f"{imported.department}{imported.year}年部门预算表（导入）"
        written.extend(write_data(data, imported.document.tables(), out_dir, f"{stem}-数据",
                                  options.data_formats, title=title).values())
    return written


def import_one(path: Path, folder: str | None, options: ImportOptions) -> FileResult:
    """Import, audit and write one file; never raises (failures become the result's status and message)."""
    from yusuan import api
    from yusuan.importer.model import DisclosureReadError

    start = time.perf_counter()
    name = str(path)
    try:
        imported = api.import_file(path, options.selection, tolerance=options.tolerance)
    except DisclosureReadError as exc:
        where = f"（第 {exc.page} 页）" if exc.page is not None else ""
        return FileResult(name, "unreadable", exc.message + where, seconds=time.perf_counter() - start)
    except Exception as exc:  # one broken file must not stop the batch
        return FileResult(name, "failed", f"内部错误：{type(exc).__name__}: {exc}", seconds=time.perf_counter() - start)
    outputs: list[Path] = []
    message = ""
    if options.out_dir is not None and (options.report_formats or options.data_formats):
        target = options.out_dir / folder if folder else options.out_dir
        try:
            outputs = write_outputs(imported, target, path.stem, options)
        except OSError as exc:
            message = f"无法写出报告：{exc}"
        except Exception as exc:  # a renderer failing on an unusual table must not lose the audit
            message = f"写出报告时内部错误：{type(exc).__name__}: {exc}"
    report = imported.report
    return FileResult(
        name, "errors" if report.errors else "ok", message, imported.department, imported.year,
        imported.raw.pages, len(imported.raw.tables()), imported.tables_recognised,
        report.errors, report.warnings, report.notices, len(imported.notices),
        time.perf_counter() - start, tuple(str(p) for p in outputs),
    )


def _alone(path: Path, folder: str | None, options: ImportOptions) -> FileResult:
    """Retry one file in a process of its own (after a worker died): a crash loses only this file."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(import_one, path, folder, options).result()
        except BrokenProcessPool:
            return FileResult(str(path), "failed", "导入时进程异常退出（文件可能损坏）")


def _preload() -> None:
    """Import the readers, recognition, rules and reports once, before the workers are forked from this process.

    Only a speed-up: if something cannot be imported, each worker meets (and reports) the error itself.
    """
    try:
        import yusuan.api
        import yusuan.check.report
        import yusuan.importer.audit
        import yusuan.importer.export
        import yusuan.importer.pdf_reader
        import yusuan.importer.text_reader  # noqa: F401
        from yusuan.check import all_rules

        all_rules()
    except Exception:  # reported per file by the workers
        return


def run_batch(files: Sequence[Path], options: ImportOptions, *, jobs: int | None = None,
              on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Import ``files`` with ``jobs`` worker processes (default: one per core); results in input order."""
    folders = folder_names(files)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    results: list[FileResult | None] = [None] * len(files)

    def done(i: int, result: FileResult) -> None:
        results[i] = result
        if on_result is not None:
            on_result(result)

    if jobs == 1:
        for i, path in enumerate(files):
            done(i, import_one(path, folders[i], options))
        return [r for r in results if r is not None]
    _preload()
    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures: dict[Future[FileResult], int] = {
            pool.submit(import_one, path, folders[i], options): i for i, path in enumerate(files)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                done(i, future.result())
            except BrokenProcessPool:
                broken.append(i)
    for i in sorted(broken):
        done(i, _alone(files[i], folders[i], options))
    return [r for r in results if r is not None]


def write_summary(results: Sequence[FileResult], out_dir: Path) -> tuple[Path, Path]:
    """``summary.csv`` (UTF-8 with BOM, for spreadsheets) and ``summary.json`` in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = out_dir / "summary.csv", out_dir / "summary.json"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=SUMMARY_FIELDS)
        writer.writeheader()
        for r in results:
            writer.writerow({k: ("" if v is None else v) for k, v in r.row().items() if k in SUMMARY_FIELDS})
    data = {
        "files": len(results),
        "by_status": {s: sum(1 for r in results if r.status == s) for s in STATUS_LABELS},
        "seconds": round(sum(r.seconds for r in results), 3),
        "results": [r.row() | {"outputs": list(r.outputs)} for r in results],
    }
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return csv_path, json_path


__all__ = [
    "STATUS_LABELS", "SUFFIXES", "SUMMARY_FIELDS", "FileResult", "ImportOptions", "find_disclosures",
    "folder_names", "import_one", "run_batch", "write_outputs", "write_summary",
]
