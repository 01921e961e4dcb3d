"""Command line: a thin layer over :mod:`yusuan.api`.

Exit codes: 0 success · 1 the input has errors (nothing written) · 2 could not run
(missing file, bad template pack, unexpected failure).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from yusuan import __version__

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
) -> None:
    """编制部门预算公开文件：读取预算数据，生成完整文档（PDF、DOCX、HTML）、预算表（XLSX）和数据（JSON）。"""
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
                result = api_build(path, out_dir, formats=fmts, pack=pack, catalog_path=catalog)
            except InputError as exc:
                failed_input = True
                unreadable = unreadable or _unreadable(exc)
                _print_problems(list(exc.problems), f"{path}：输入有误，未生成任何文件")
                progress.advance(task)
                continue
            except PackError as exc:
                _fail(str(exc))
            if result.warnings and not quiet:
                _print_problems(list(result.warnings), f"{path}：警告")
            c = result.compiled
            out.print(f"[green]✓[/] {c.budget.department.name} {c.budget.year} 年：{len(c.tables)} 张表，"
                      f"支出合计 {_wan(c.summary['expenditure_total'], c)} {c.money_unit.value}")
            for fmt, file in result.outputs.items():
                out.print(f"   {fmt.upper():5} {file}")
            progress.advance(task)
    if failed_input:
        raise typer.Exit(EXIT_FAILED if unreadable else EXIT_INPUT)


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
            result = api_build(input_path, output, formats=["pdf"])
        except InputError as exc:
            _print_problems(list(exc.problems), f"{input_path}：输入有误")
            raise typer.Exit(EXIT_FAILED if _unreadable(exc) else EXIT_INPUT) from None
        pdf = result.outputs["pdf"]
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
