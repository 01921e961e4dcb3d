"""Making the documents: ``build``, ``preview``, ``validate``, ``template``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli._common import EXIT_FAILED, EXIT_INPUT, err, fail, is_unreadable, out, print_problems, progress_bar

if TYPE_CHECKING:
    from yusuan.check import Report


def _parse_formats(value: str) -> list[str]:
    from yusuan.api import FORMATS

    formats = [f.strip().lower() for f in value.replace("，", ",").split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        fail(f"不支持的输出格式「{'、'.join(bad) or value}」，可选：{'、'.join(FORMATS)}")
    return formats


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
    with progress_bar(disable=not many) as progress:
        task = progress.add_task("编制中", total=len(inputs))
        for path in inputs:
            out_dir = output / path.stem if many and path.stem == "budget" and path.parent.name else output
            if many:
                out_dir = output / (path.parent.name if path.stem == "budget" else path.stem)
            try:
                result = api_build(path, out_dir, formats=fmts, pack=pack, catalog_path=catalog, force=force)
            except InputError as exc:
                failed_input = True
                unreadable = unreadable or is_unreadable(exc)
                print_problems(list(exc.problems), f"{path}：输入有误，未生成任何文件")
                progress.advance(task)
                continue
            except PackError as exc:
                fail(str(exc))
            except PublishBlocked as exc:
                failed_input = True
                if exc.warnings and not quiet:
                    print_problems(list(exc.warnings), f"{path}：警告")
                _print_blocked(path, exc.report)
                progress.advance(task)
                continue
            if result.warnings and not quiet:
                print_problems(list(result.warnings), f"{path}：警告")
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
            fail(f"页码「{spec}」无效，应写成 1-3,5 这样的形式")
        start, end = int(first), int(last or first)
        if start < 1 or end < start:
            fail(f"页码「{part}」无效：页码从 1 开始，区间应从小到大")
        pages.extend(range(start, end + 1))
    return pages


def preview(
    input_path: Annotated[Path, typer.Argument(help="PDF 文件，或预算数据文件（先生成 PDF）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="PNG 输出目录")] = Path("preview"),
    pages: Annotated[str | None, typer.Option(help="只看这些页，如 1-3,5")] = None,
    dpi: Annotated[int, typer.Option(help="分辨率（每英寸点数）")] = 80,
) -> None:
    """把 PDF 各页转成 PNG 图片，以便像读者一样逐页检查排版。"""
    from yusuan.render.preview import preview_pages

    if dpi <= 0 or dpi > 600:
        fail("分辨率应在 1–600 之间")
    page_list = _page_list(pages)
    pdf = input_path
    if input_path.suffix.lower() != ".pdf":
        from yusuan.api import build as api_build
        from yusuan.ingest.errors import InputError

        try:
            result = api_build(input_path, output, formats=["pdf"], force=True)
        except InputError as exc:
            print_problems(list(exc.problems), f"{input_path}：输入有误")
            raise typer.Exit(EXIT_FAILED if is_unreadable(exc) else EXIT_INPUT) from None
        pdf = result.outputs["pdf"]
        if result.report is not None and result.report.errors:
            err.print(f"[yellow]注意：检查发现 {result.report.errors} 个错误（yusuan check {input_path} 查看）；"
                      "预览照常生成，正式编制时会被拒绝。[/]")
    elif not input_path.is_file():
        fail(f"文件不存在：{input_path}")
    try:
        written = preview_pages(pdf, output, dpi=dpi, pages=page_list)
    except Exception as exc:  # a broken or foreign PDF is the user's file, not our bug
        fail(f"无法读取 PDF {pdf}：{exc}")
    out.print(f"[green]✓[/] 已生成 {len(written)} 页预览图片：{output}")
    for path in written[:5]:
        out.print(f"   {path}")
    if len(written) > 5:
        out.print(f"   …（共 {len(written)} 张）")


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
        print_problems(list(exc.problems), f"{input_path}：输入有误")
        raise typer.Exit(EXIT_FAILED if is_unreadable(exc) else EXIT_INPUT) from None
    print_problems(list(loaded.warnings), f"{input_path}：警告")
    b = loaded.budget
    from yusuan.packs import PackError, load_pack

    try:
        load_pack(b.pack)
    except PackError as exc:
        fail(str(exc))
    out.print(f"[green]✓[/] {b.department.name} {b.year} 年：{len(b.units)} 个预算单位，"
              f"{len(b.items)} 行支出明细，{len(b.projects)} 个项目，可以编制。")


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
        fail(f"{path} 已存在；如需覆盖请加 --force")
    data = None
    if example is not None:
        try:
            data, _, _problems = read_yaml(example)
        except InputError as exc:
            print_problems(list(exc.problems), f"{example}：无法读取")
            raise typer.Exit(EXIT_INPUT) from None
    write_template(path, example=data)
    out.print(f"[green]✓[/] 已写出填报模板：{path}")
