"""Checking: ``check`` (run the rules on files) and ``rules`` (list them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table as RichTable

from yusuan.cli._common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, fail, is_unreadable, out, print_problems, progress_bar
from yusuan.cli._options import report_formats, rule_options

if TYPE_CHECKING:
    from yusuan.check import Report


def _report_name(path: Path) -> str:
    """File name stem of a report: the input's stem, or its folder's name for ``…/budget.yaml``."""
    return path.parent.name if path.stem == "budget" and path.parent.name else path.stem


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

    fmts = report_formats(formats)
    selection, tol = rule_options(only, skip, tier, tolerance)

    worst = EXIT_OK
    reports: list[Report] = []
    many = len(inputs) > 1
    with progress_bar(disable=not many or "terminal" in fmts) as progress:
        task = progress.add_task("检查中", total=len(inputs))
        for path in inputs:
            progress.advance(task)
            try:
                checked = check_file(path, selection, tolerance=tol, pack=pack, catalog_path=catalog)
            except InputError as exc:
                unreadable = is_unreadable(exc)
                worst = max(worst, EXIT_FAILED if unreadable else EXIT_INPUT)
                print_problems(list(exc.problems), f"{path}：{'无法读取' if unreadable else '输入有误，无法检查'}")
                continue
            except PackError as exc:
                fail(str(exc))
            report = checked.report
            reports.append(report)
            if checked.warnings and not quiet:
                print_problems(list(checked.warnings), f"{path}：读入时的警告")
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
        fail(f"不支持的格式「{fmt}」，可选：table、markdown")
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
