"""Classification catalogues: ``catalog show``, ``catalog load``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli._common import EXIT_INPUT, EXIT_OK, err, fail, out


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
        fail(f"目录类型「{kind}」无效，可选：{'、'.join(k.value for k in CatalogKind)}")
    if not file.exists():
        fail(f"文件不存在：{file}")
    try:
        dest = install_catalog_file(file, ck, year)
    except CatalogFileError as exc:
        for p in exc.problems:
            err.print(f"[red]错误[/] {p}")
        raise typer.Exit(EXIT_INPUT) from None
    except UnicodeDecodeError:
        fail(f"{file} 不是 UTF-8 编码的 CSV 文件", EXIT_INPUT)
    out.print(f"[green]✓[/] 已加载 {year} 年{ck.label}：{dest}")
