"""Importing published disclosures: ``import`` (one file in the terminal, or a batch in parallel)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table as RichTable

from yusuan.cli._common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, err, fail, out, progress_bar
from yusuan.cli._options import report_formats, rule_options

if TYPE_CHECKING:
    from yusuan.importer.batch import FileResult, ImportOptions


def import_command(
    inputs: Annotated[list[Path], typer.Argument(
        help="公开文件（.pdf，或从 PDF 提取的 .txt）或文件夹（递归查找其中的 .pdf、.txt），可多个")],
    output: Annotated[Path, typer.Option("--output", "-o", help="报告、数据和汇总的目录")] = Path("import"),
    formats: Annotated[str | None, typer.Option(
        "--format", "-f",
        help="报告格式，逗号分隔：terminal、json、html、xlsx（单个文件默认 terminal，批量默认 json,html）")] = None,
    data: Annotated[str | None, typer.Option(help="写出提取的数据，逗号分隔：json、xlsx")] = None,
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="只运行这些规则：代码、简称或标签，逗号分隔，可重复")] = None,
    skip: Annotated[list[str] | None, typer.Option("--skip", help="不运行这些规则：代码、简称或标签")] = None,
    tier: Annotated[str | None, typer.Option(
        help="运行到哪一层级：basic（基本）、strict（基本+严格）、advisory（全部，默认）")] = None,
    tolerance: Annotated[str, typer.Option(help="允许的舍入差额，以表的金额单位计")] = "0.01",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="批量导入时并行的进程数，默认为 CPU 核数")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示导入提示和规则建议")] = False,
) -> None:
    """导入并审核已公开的部门预算文件：读出表格和说明文字，运行检查规则，可写出提取的数据。

    一个文件：在终端列出审核发现的问题（每个问题标明页码和单元格或句子）。文件夹或多个文件：并行导入，
    每个文件的报告和数据写入输出目录下各自的文件夹，另写出 summary.csv 和 summary.json。
    退出码：0 没有错误；1 发现错误；2 有文件无法读取。
    """
    from yusuan.importer.batch import ImportOptions
    from yusuan.importer.export import DATA_FORMATS

    single = len(inputs) == 1 and not inputs[0].is_dir()
    fmts = report_formats(formats or ("terminal" if single else "json,html"))
    data_fmts = [f.strip().lower() for f in (data or "").replace("，", ",").split(",") if f.strip()]
    bad = [f for f in data_fmts if f not in DATA_FORMATS]
    if bad:
        fail(f"不支持的数据格式「{'、'.join(bad)}」，可选：{'、'.join(DATA_FORMATS)}")
    if jobs is not None and jobs < 1:
        fail(f"进程数「{jobs}」无效：应为不小于 1 的整数")
    selection, tol = rule_options(only, skip, tier, tolerance)
    options = ImportOptions(output, tuple(f for f in fmts if f != "terminal"), tuple(data_fmts), selection, tol)
    if single:
        _import_single(inputs[0], options, terminal="terminal" in fmts, quiet=quiet)
    else:
        _import_batch(inputs, options, jobs=jobs)


def _import_single(path: Path, options: ImportOptions, *, terminal: bool, quiet: bool) -> None:
    from yusuan.api import import_file
    from yusuan.check.report import print_report
    from yusuan.importer.batch import write_outputs
    from yusuan.importer.model import DisclosureReadError

    try:
        imported = import_file(path, options.selection, tolerance=options.tolerance)
    except DisclosureReadError as exc:
        where = f"（第 {exc.page} 页）" if exc.page is not None else ""
        fail(f"无法导入 {path}{where}：{exc.message}")
    if imported.notices and not quiet:
        err.print(f"[yellow]导入提示（{len(imported.notices)} 条）：[/]")
        for notice in imported.notices:
            err.print(f"  · {notice}", markup=False)
    report = imported.report
    if terminal:
        raw = imported.raw
        out.print(f"导入 {path}：{raw.pages} 页，找到 {len(raw.tables())} 张表，识别 {imported.tables_recognised} 张",
                  markup=False)
        print_report(report, out, title=f"审核 {path}：{report.subject} {report.year} 年", hints=not quiet)
    if options.report_formats or options.data_formats:
        assert options.out_dir is not None
        for file in write_outputs(imported, options.out_dir, path.stem, options):
            out.print(f"   {file.suffix.lstrip('.').upper():5} {file}", markup=False)
    raise typer.Exit(EXIT_INPUT if report.errors else EXIT_OK)


def _import_batch(inputs: list[Path], options: ImportOptions, *, jobs: int | None) -> None:
    from yusuan.importer.batch import find_disclosures, run_batch, write_summary

    assert options.out_dir is not None
    files = find_disclosures(inputs)
    if not files:
        fail(f"{'、'.join(str(p) for p in inputs)} 中没有找到 .pdf 或 .txt 文件")
    with progress_bar() as progress:
        task = progress.add_task("导入中", total=len(files))

        def advance(result: FileResult) -> None:
            progress.update(task, advance=1, description=f"导入中：{Path(result.file).name}")

        results = run_batch(files, options, jobs=jobs, on_result=advance)
    csv_path, json_path = write_summary(results, options.out_dir)
    _print_summary(results)
    out.print(f"   CSV   {csv_path}", markup=False)
    out.print(f"   JSON  {json_path}", markup=False)
    worst = EXIT_OK
    for r in results:
        worst = max(worst, EXIT_FAILED if r.status in ("unreadable", "failed") else EXIT_INPUT if r.errors else EXIT_OK)
    raise typer.Exit(worst)


def _print_summary(results: list[FileResult]) -> None:
    from rich.markup import escape

    table = RichTable(title=f"导入汇总（{len(results)} 个文件）", title_justify="left")
    for name, justify in (("文件", "left"), ("部门", "left"), ("年度", "right"), ("页", "right"),
                          ("表格", "right"), ("错误", "right"), ("警告", "right"), ("状态", "left"), ("秒", "right")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in results:
        status = {"ok": "[green]没有错误[/]", "errors": "[red]发现错误[/]"}.get(r.status, f"[red]{r.status_label}[/]")
        if r.message:
            status += f"：{escape(r.message)}"
        table.add_row(escape(Path(r.file).name), escape(r.department), str(r.year or ""), str(r.pages or ""),
                      f"{r.tables_recognised}/{r.tables_found}" if r.tables_found else "", str(r.errors),
                      str(r.warnings), status, f"{r.seconds:.1f}")
    out.print(table)
    counts = {s: sum(1 for r in results if r.status == s) for s in ("ok", "errors", "unreadable", "failed")}
    total = sum(r.seconds for r in results)
    out.print(f"共导入 {len(results)} 个文件：{counts['ok']} 个没有错误，{counts['errors']} 个发现错误"
              + (f"，{counts['unreadable']} 个无法读取" if counts["unreadable"] else "")
              + (f"，{counts['failed']} 个导入失败" if counts["failed"] else "")
              + f"；处理时间合计 {total:.1f} 秒。")
