"""Command line: a thin layer over :mod:`yusuan.api`.

Exit codes: 0 success · 1 the input has errors (nothing written; for ``check``: errors
found) · 2 could not run (missing file, bad template pack, bad option, unexpected failure).
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from yusuan import __version__

if TYPE_CHECKING:
    from yusuan.check import Report, Selection
    from yusuan.importer.batch import FileResult, ImportOptions

EXIT_OK, EXIT_INPUT, EXIT_FAILED = 0, 1, 2

app = typer.Typer(
    name="yusuan",
    help="yusuan（预算）：部门预算编制、检查与公开。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
catalog_app = typer.Typer(help="科目目录：查看、加载官方目录。", no_args_is_help=True)
packs_app = typer.Typer(help="模板包：列出、检查。", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
app.add_typer(packs_app, name="packs")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    err.print(f"[bold red]错误：[/]{message}")
    raise typer.Exit(code)


def _print_problems(problems: list[object], title: str) -> None:
    from yusuan.ingest.errors import InputProblem

    items = [p for p in problems if isinstance(p, InputProblem)]
    errors = [p for p in items if p.severity == "error"]
    warnings = [p for p in items if p.severity == "warning"]
    if not items:
        return
    table = RichTable(title=title, show_lines=False, title_justify="left")
    table.add_column("级别", no_wrap=True)
    table.add_column("位置", overflow="fold")
    table.add_column("问题", overflow="fold")
    for p in errors + warnings:
        tag = "[red]错误[/]" if p.severity == "error" else "[yellow]警告[/]"
        table.add_row(tag, p.where.describe(), p.message)
    err.print(table)
    err.print(f"共 {len(errors)} 个错误，{len(warnings)} 个警告。")


def _parse_formats(value: str) -> list[str]:
    from yusuan.api import FORMATS

    formats = [f.strip().lower() for f in value.replace("，", ",").split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        _fail(f"不支持的输出格式「{'、'.join(bad) or value}」，可选：{'、'.join(FORMATS)}")
    return formats


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="预算数据文件：Excel 填报模板（.xlsx）、YAML 或 JSON，可多个")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出目录")] = Path("build"),
    formats: Annotated[str, typer.Option("--format", "-f", help="输出格式，逗号分隔")] = "pdf,docx,html,xlsx,json",
    pack: Annotated[str | None, typer.Option(help="模板包（内置名称或 pack.yaml 路径），默认取数据中的 pack")] = None,
    catalog: Annotated[Path | None, typer.Option(help="科目目录文件夹（functional.csv 等），覆盖随附目录")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示警告")] = False,
    force: Annotated[bool, typer.Option("--force", help="检查发现错误时仍然生成（不建议）")] = False,
) -> None:
    """编制部门预算公开文件：读取预算数据，生成完整文档（PDF、DOCX、HTML）、预算表（XLSX）和数据（JSON）。

    生成前先运行全部检查规则：发现错误时不生成任何文件（加 --force 可强制生成）；警告不阻止生成。
    """
    from yusuan.api import PublishBlocked
    from yusuan.api import build as api_build
    from yusuan.ingest.errors import InputError
    from yusuan.packs.loader import PackError

    fmts = _parse_formats(formats)
    failed_input = unreadable = False
    many = len(inputs) > 1
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not many) as progress:
        task = progress.add_task("编制中", total=len(inputs))
        for path in inputs:
            out_dir = output / path.stem if many and path.stem == "budget" and path.parent.name else output
            if many:
                out_dir = output / (path.parent.name if path.stem == "budget" else path.stem)
            try:
                result = api_build(path, out_dir, formats=fmts, pack=pack, catalog_path=catalog, force=force)
            except InputError as exc:
                failed_input = True
                unreadable = unreadable or _unreadable(exc)
                _print_problems(list(exc.problems), f"{path}：输入有误，未生成任何文件")
                progress.advance(task)
                continue
            except PackError as exc:
                _fail(str(exc))
            except PublishBlocked as exc:
                failed_input = True
                if exc.warnings and not quiet:
                    _print_problems(list(exc.warnings), f"{path}：警告")
                _print_blocked(path, exc.report)
                progress.advance(task)
                continue
            if result.warnings and not quiet:
                _print_problems(list(result.warnings), f"{path}：警告")
            c = result.compiled
            out.print(f"[green]✓[/] {c.budget.department.name} {c.budget.year} 年：{len(c.tables)} 张表，"
                      f"支出合计 {_wan(c.summary['expenditure_total'], c)} {c.money_unit.value}")
            if result.report is not None:
                _print_check_line(path, result.report, quiet=quiet)
            for fmt, file in result.outputs.items():
                out.print(f"   {fmt.upper():5} {file}")
            progress.advance(task)
    if failed_input:
        raise typer.Exit(EXIT_FAILED if unreadable else EXIT_INPUT)


def _print_blocked(path: Path, report: Report) -> None:
    """Why ``build`` wrote nothing: the errors the check found."""
    from rich.text import Text

    from yusuan.check import Severity

    err.print(f"[bold red]✗ {path}：检查发现 {report.errors} 个错误，未生成任何文件。[/]")
    for issue in (i for i in report.issues if i.severity is Severity.ERROR):
        line = Text("  ✗ ", style="red")
        line.append(issue.code, style="bold")
        line.append(f" {issue.location.describe()}：", style="blue")
        line.append(issue.message)
        err.print(line)
    if report.warnings:
        err.print(f"  另有 {report.warnings} 个警告。", style="yellow")
    err.print(f"修正后重新编制；yusuan check {path} 可查看全部问题和建议。使用 --force 可强制生成。")


def _print_check_line(path: Path, report: Report, *, quiet: bool) -> None:
    """One line about the check that ran before publishing (errors only appear here with --force)."""
    if report.errors:
        err.print(f"[bold yellow]![/] 已强制生成：检查发现 {report.errors} 个错误、{report.warnings} 个警告"
                  f"（yusuan check {path} 查看）")
    elif (report.warnings or report.notices) and not quiet:
        out.print(f"   检查：没有错误，{report.warnings} 个警告、{report.notices} 个提示（yusuan check {path} 查看）")


def _unreadable(exc: Exception) -> bool:
    """A file that does not exist or cannot be read at all: the command could not run (exit 2)."""
    problems = getattr(exc, "problems", [])
    return bool(problems) and all(getattr(p, "code", "") == "bad-file" for p in problems)


def _wan(fen: int, compiled: object) -> str:
    from yusuan.api import Compiled
    from yusuan.money import format_money

    assert isinstance(compiled, Compiled)
    return format_money(fen, compiled.money_unit, compiled.pack.decimals)


def _page_list(spec: str | None) -> list[int] | None:
    """``"1-3,5"`` → ``[1, 2, 3, 5]``."""
    if not spec:
        return None
    pages: list[int] = []
    for part in spec.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            _fail(f"页码「{spec}」无效，应写成 1-3,5 这样的形式")
        start, end = int(first), int(last or first)
        if start < 1 or end < start:
            _fail(f"页码「{part}」无效：页码从 1 开始，区间应从小到大")
        pages.extend(range(start, end + 1))
    return pages


@app.command()
def preview(
    input_path: Annotated[Path, typer.Argument(help="PDF 文件，或预算数据文件（先生成 PDF）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="PNG 输出目录")] = Path("preview"),
    pages: Annotated[str | None, typer.Option(help="只看这些页，如 1-3,5")] = None,
    dpi: Annotated[int, typer.Option(help="分辨率（每英寸点数）")] = 80,
) -> None:
    """把 PDF 各页转成 PNG 图片，以便像读者一样逐页检查排版。"""
    from yusuan.render.preview import preview_pages

    if dpi <= 0 or dpi > 600:
        _fail("分辨率应在 1–600 之间")
    page_list = _page_list(pages)
    pdf = input_path
    if input_path.suffix.lower() != ".pdf":
        from yusuan.api import build as api_build
        from yusuan.ingest.errors import InputError

        try:
            result = api_build(input_path, output, formats=["pdf"], force=True)
        except InputError as exc:
            _print_problems(list(exc.problems), f"{input_path}：输入有误")
            raise typer.Exit(EXIT_FAILED if _unreadable(exc) else EXIT_INPUT) from None
        pdf = result.outputs["pdf"]
        if result.report is not None and result.report.errors:
            err.print(f"[yellow]注意：检查发现 {result.report.errors} 个错误（yusuan check {input_path} 查看）；"
                      "预览照常生成，正式编制时会被拒绝。[/]")
    elif not input_path.is_file():
        _fail(f"文件不存在：{input_path}")
    try:
        written = preview_pages(pdf, output, dpi=dpi, pages=page_list)
    except Exception as exc:  # a broken or foreign PDF is the user's file, not our bug
        _fail(f"无法读取 PDF {pdf}：{exc}")
    out.print(f"[green]✓[/] 已生成 {len(written)} 页预览图片：{output}")
    for path in written[:5]:
        out.print(f"   {path}")
    if len(written) > 5:
        out.print(f"   …（共 {len(written)} 张）")


def _names(values: list[str] | None) -> list[str]:
    """Rule names from repeated, comma-separated options."""
    return [n.strip() for v in values or [] for n in v.replace("，", ",").split(",") if n.strip()]


def _report_name(path: Path) -> str:
    """File name stem of a report: the input's stem, or its folder's name for ``…/budget.yaml``."""
    return path.parent.name if path.stem == "budget" and path.parent.name else path.stem


def _report_formats(value: str) -> list[str]:
    """``terminal,json`` → the report formats (exit 2 on an unknown one)."""
    from yusuan.check.report import REPORT_FORMATS

    fmts = [f.strip().lower() for f in value.replace("，", ",").split(",") if f.strip()]
    bad = [f for f in fmts if f not in REPORT_FORMATS]
    if bad or not fmts:
        _fail(f"不支持的报告格式「{'、'.join(bad) or value}」，可选：{'、'.join(REPORT_FORMATS)}")
    return fmts


def _rule_options(only: list[str] | None, skip: list[str] | None, tier: str | None,
                  tolerance: str) -> tuple[Selection, Decimal]:
    """The rules to run and the tolerance, from ``--only``/``--skip``/``--tier``/``--tolerance`` (exit 2 if bad)."""
    from yusuan.api import rule_selection, unknown_rule_names
    from yusuan.check.issue import Tier

    if tier is not None and tier not in {t.value for t in Tier}:
        _fail(f"层级「{tier}」无效，可选：basic、strict、advisory")
    try:
        tol = Decimal(tolerance)
    except InvalidOperation:
        tol = Decimal(-1)
    if not tol.is_finite() or tol < 0:
        _fail(f"容差「{tolerance}」无效：应为不小于 0 的数，如 0.01")
    only_names, skip_names = _names(only), _names(skip)
    unknown = unknown_rule_names(only_names + skip_names)
    if unknown:
        _fail(f"没有这些规则或标签：{'、'.join(unknown)}（yusuan rules 列出全部规则）")
    return rule_selection(only_names, skip_names, tier), tol


@app.command()
def check(
    inputs: Annotated[list[Path], typer.Argument(
        help="要检查的文件：预算数据（.xlsx / .yaml / .json）或公开文件（.pdf / .txt），可多个")],
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="只运行这些规则：代码、简称或标签，逗号分隔，可重复")] = None,
    skip: Annotated[list[str] | None, typer.Option("--skip", help="不运行这些规则：代码、简称或标签")] = None,
    tier: Annotated[str | None, typer.Option(
        help="运行到哪一层级：basic（基本）、strict（基本+严格）、advisory（全部，默认）")] = None,
    tolerance: Annotated[str, typer.Option(help="允许的舍入差额，以表的金额单位计")] = "0.01",
    formats: Annotated[str, typer.Option(
        "--format", "-f", help="报告格式，逗号分隔：terminal、json、html、xlsx")] = "terminal",
    output: Annotated[Path, typer.Option("--output", "-o", help="报告文件（json、html、xlsx）的目录")] = Path("check"),
    pack: Annotated[str | None, typer.Option(help="模板包（内置名称或 pack.yaml 路径），默认取数据中的 pack")] = None,
    catalog: Annotated[Path | None, typer.Option(help="科目目录文件夹")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示读入时的警告和规则建议")] = False,
) -> None:
    """检查部门预算公开文件：运行检查规则，逐条给出问题、位置和数字。

    退出码：0 没有错误（可以有警告）；1 发现错误；2 无法检查。
    """
    from yusuan.api import check_file
    from yusuan.check.report import print_report, write_report_xlsx, write_reports
    from yusuan.ingest.errors import InputError
    from yusuan.packs.loader import PackError

    fmts = _report_formats(formats)
    selection, tol = _rule_options(only, skip, tier, tolerance)

    worst = EXIT_OK
    reports: list[Report] = []
    many = len(inputs) > 1
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not many or "terminal" in fmts) as progress:
        task = progress.add_task("检查中", total=len(inputs))
        for path in inputs:
            progress.advance(task)
            try:
                checked = check_file(path, selection, tolerance=tol, pack=pack, catalog_path=catalog)
            except InputError as exc:
                unreadable = _unreadable(exc)
                worst = max(worst, EXIT_FAILED if unreadable else EXIT_INPUT)
                _print_problems(list(exc.problems), f"{path}：{'无法读取' if unreadable else '输入有误，无法检查'}")
                continue
            except PackError as exc:
                _fail(str(exc))
            report = checked.report
            reports.append(report)
            if checked.warnings and not quiet:
                _print_problems(list(checked.warnings), f"{path}：读入时的警告")
            if "terminal" in fmts:
                if many:
                    out.print()
                print_report(report, out, title=f"检查 {path}：{report.subject} {report.year} 年", hints=not quiet)
            written = write_reports(report, checked.document, output, f"{_report_name(path)}-检查报告", fmts)
            for fmt, file in written.items():
                out.print(f"   {fmt.upper():5} {file}")
            if report.errors:
                worst = max(worst, EXIT_INPUT)
    if many:
        if "xlsx" in fmts and reports:
            output.mkdir(parents=True, exist_ok=True)
            out.print(f"   XLSX  {write_report_xlsx(reports, output / '检查汇总.xlsx')}（全部文件）")
        with_errors = sum(1 for r in reports if r.errors)
        failed = len(inputs) - len(reports)
        out.print(f"\n共检查 {len(inputs)} 个文件：{with_errors} 个有错误，{len(reports) - with_errors} 个没有错误"
                  + (f"，{failed} 个无法检查" if failed else "") + "。")
    raise typer.Exit(worst)


@app.command("import")
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
    fmts = _report_formats(formats or ("terminal" if single else "json,html"))
    data_fmts = [f.strip().lower() for f in (data or "").replace("，", ",").split(",") if f.strip()]
    bad = [f for f in data_fmts if f not in DATA_FORMATS]
    if bad:
        _fail(f"不支持的数据格式「{'、'.join(bad)}」，可选：{'、'.join(DATA_FORMATS)}")
    if jobs is not None and jobs < 1:
        _fail(f"进程数「{jobs}」无效：应为不小于 1 的整数")
    selection, tol = _rule_options(only, skip, tier, tolerance)
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
        _fail(f"无法导入 {path}{where}：{exc.message}")
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
        _fail(f"{'、'.join(str(p) for p in inputs)} 中没有找到 .pdf 或 .txt 文件")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
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


@app.command("rules")
def rules_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table（表格）或 markdown")] = "table",
) -> None:
    """列出全部检查规则：代码、级别、层级、标题、简称和标签（“仅编制”：只适用于由预算数据编制的文件）。"""
    from rich.markup import escape

    from yusuan.check import all_rules
    from yusuan.check.catalogue import COMPILED_ONLY, catalogue_markdown, families
    from yusuan.check.report.terminal import STYLES

    rules = all_rules()
    if fmt == "markdown":
        typer.echo(catalogue_markdown(rules), nl=False)
        return
    if fmt != "table":
        _fail(f"不支持的格式「{fmt}」，可选：table、markdown")
    table = RichTable(show_lines=False, title=f"检查规则（{len(rules)} 条）", title_justify="left")
    table.add_column("代码", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("层级", no_wrap=True)
    table.add_column("标题 · 简称", overflow="fold")
    table.add_column("标签", overflow="fold", max_width=16)
    for letter, name, rs in families(rules):
        table.add_section()
        table.add_row(f"[bold]{letter}[/]", "", "", f"[bold]{name}[/]（{len(rs)} 条）", "")
        for r in rs:
            tags = "、".join(t for t in r.tags if t != name)
            if COMPILED_ONLY & set(r.needs):
                tags = "、".join(x for x in (tags, "仅编制") if x)
            table.add_row(r.code, f"[{STYLES[r.severity]}]{r.severity.label}[/]", r.tier.label,
                          f"{escape(r.title)} [dim]{r.slug}[/]", escape(tags))
    out.print(table)


@app.command()
def validate(
    input_path: Annotated[Path, typer.Argument(help="预算数据文件（.xlsx / .yaml / .json）")],
    catalog: Annotated[Path | None, typer.Option(help="科目目录文件夹")] = None,
) -> None:
    """检查预算数据文件能否读入：列出全部错误和警告及其位置。"""
    from yusuan.api import load
    from yusuan.ingest.errors import InputError

    try:
        loaded = load(input_path, catalog_path=catalog)
    except InputError as exc:
        _print_problems(list(exc.problems), f"{input_path}：输入有误")
        raise typer.Exit(EXIT_FAILED if _unreadable(exc) else EXIT_INPUT) from None
    _print_problems(list(loaded.warnings), f"{input_path}：警告")
    b = loaded.budget
    from yusuan.packs import PackError, load_pack

    try:
        load_pack(b.pack)
    except PackError as exc:
        _fail(str(exc))
    out.print(f"[green]✓[/] {b.department.name} {b.year} 年：{len(b.units)} 个预算单位，"
              f"{len(b.items)} 行支出明细，{len(b.projects)} 个项目，可以编制。")


@app.command()
def template(
    path: Annotated[Path, typer.Argument(help="要写出的 Excel 填报模板（.xlsx）")] = Path("预算填报模板.xlsx"),
    example: Annotated[Path | None, typer.Option(help="用此 YAML/JSON 预算数据填好模板（便于对照）")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")] = False,
) -> None:
    """写出空白的 Excel 填报模板（含填报说明、下拉列表和示例）。"""
    from yusuan.ingest.errors import InputError
    from yusuan.ingest.excel_template import write_template
    from yusuan.ingest.yaml_reader import read_yaml

    if path.exists() and not force:
        _fail(f"{path} 已存在；如需覆盖请加 --force")
    data = None
    if example is not None:
        try:
            data, _, _problems = read_yaml(example)
        except InputError as exc:
            _print_problems(list(exc.problems), f"{example}：无法读取")
            raise typer.Exit(EXIT_INPUT) from None
    write_template(path, example=data)
    out.print(f"[green]✓[/] 已写出填报模板：{path}")


@catalog_app.command("show")
def catalog_show(
    year: Annotated[int | None, typer.Option(help="预算年度")] = None,
    code: Annotated[list[str] | None, typer.Argument(help="要查询的科目编码")] = None,
) -> None:
    """显示某年度使用的科目目录来源和条目数，或查询编码名称。"""
    from yusuan.catalog import load_catalog

    cat = load_catalog(year)
    if code:
        missing = 0
        for c in code:
            name = cat.functional.get(c) or cat.econ.get(c) or cat.gov_econ.get(c)
            if name:
                out.print(f"{c}\t{name}")
            else:
                missing += 1
                out.print(f"{c}\t[yellow]（目录中没有）[/]")
        raise typer.Exit(EXIT_INPUT if missing else EXIT_OK)
    out.print(f"{year or '（未指定年度）'} 年科目目录：")
    out.print(f"  支出功能分类科目 {len(cat.functional)} 条；部门经济分类 {len(cat.econ)} 条；"
              f"政府经济分类 {len(cat.gov_econ)} 条；对应关系 {len(cat.crosswalk_organ)}+"
              f"{len(cat.crosswalk_institution)} 条")
    for source in cat.sources:
        out.print(f"  来源：{source}")


@catalog_app.command("load")
def catalog_load(
    file: Annotated[Path, typer.Argument(help="官方目录 CSV（UTF-8，表头 code,name[,from_year,to_year]）")],
    kind: Annotated[str, typer.Option(help="functional（功能分类）| econ（部门经济分类）| gov_econ | crosswalk")],
    year: Annotated[int, typer.Option(help="适用的预算年度")],
) -> None:
    """检查并加载某年度的官方科目目录，之后编制该年度预算时自动使用。"""
    from yusuan.catalog import CatalogFileError, CatalogKind, install_catalog_file

    try:
        ck = CatalogKind(kind)
    except ValueError:
        _fail(f"目录类型「{kind}」无效，可选：{'、'.join(k.value for k in CatalogKind)}")
    if not file.exists():
        _fail(f"文件不存在：{file}")
    try:
        dest = install_catalog_file(file, ck, year)
    except CatalogFileError as exc:
        for p in exc.problems:
            err.print(f"[red]错误[/] {p}")
        raise typer.Exit(EXIT_INPUT) from None
    except UnicodeDecodeError:
        _fail(f"{file} 不是 UTF-8 编码的 CSV 文件", EXIT_INPUT)
    out.print(f"[green]✓[/] 已加载 {year} 年{ck.label}：{dest}")


@packs_app.command("list")
def packs_list() -> None:
    """列出内置模板包。"""
    from yusuan.packs import builtin_packs, load_pack

    for name in builtin_packs():
        pack = load_pack(name)
        out.print(f"{name}\t{pack.name}\t{len(pack.tables)} 张表")


@packs_app.command("check")
def packs_check(path: Annotated[Path, typer.Argument(help="pack.yaml 或模板包文件夹")]) -> None:
    """检查自定义模板包的格式和取值。"""
    from yusuan.packs import PackError, load_pack

    try:
        pack = load_pack(path)
    except PackError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    out.print(f"[green]✓[/] 模板包 {pack.id}（{pack.name}）可以使用：{len(pack.tables)} 张表")


@app.command()
def version() -> None:
    """显示版本。"""
    out.print(f"yusuan {__version__}")


def main() -> None:
    """Entry point: never show a traceback to users unless YUSUAN_DEBUG is set."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err.print("已中断。")
        sys.exit(EXIT_FAILED)
    except Exception as exc:
        if os.environ.get("YUSUAN_DEBUG"):
            raise
        err.print(f"[bold red]内部错误：[/]{type(exc).__name__}: {exc}")
        err.print("这是 yusuan 的缺陷，请附上输入文件报告问题（设置 YUSUAN_DEBUG=1 可查看详细信息）。")
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":
    main()
