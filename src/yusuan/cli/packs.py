"""Template packs: ``packs list``, ``packs check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli._common import EXIT_INPUT, err, out


def packs_list() -> None:
    """列出内置模板包。"""
    from yusuan.packs import builtin_packs, load_pack

    for name in builtin_packs():
        pack = load_pack(name)
        out.print(f"{name}\t{pack.name}\t{len(pack.tables)} 张表")


def packs_check(path: Annotated[Path, typer.Argument(help="pack.yaml 或模板包文件夹")]) -> None:
    """检查自定义模板包的格式和取值。"""
    from yusuan.packs import PackError, load_pack

    try:
        pack = load_pack(path)
    except PackError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    out.print(f"[green]✓[/] 模板包 {pack.id}（{pack.name}）可以使用：{len(pack.tables)} 张表")
