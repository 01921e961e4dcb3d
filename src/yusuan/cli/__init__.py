"""Command line: a thin layer over :mod:`yusuan.api`.

This package holds the typer ``app`` and the entry point ``main``; each command lives in the module named for
what it does (``build``, ``check``, ``importing``, ``catalog``, ``packs``) and only parses options, calls the
library and prints. Shared consoles and helpers are in ``_common``, shared option parsing in ``_options``.

Exit codes: 0 success · 1 the input has errors (nothing written; for ``check``: errors
found) · 2 could not run (missing file, bad template pack, bad option, unexpected failure).
"""

from __future__ import annotations

import os
import sys

import typer

from yusuan import __version__
from yusuan.cli import build, catalog, check, importing, packs
from yusuan.cli._common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, err, out

__all__ = ["EXIT_FAILED", "EXIT_INPUT", "EXIT_OK", "app", "catalog_app", "main", "packs_app"]

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


def version() -> None:
    """显示版本。"""
    out.print(f"yusuan {__version__}")


# Registration order is the order of `yusuan --help`.
app.command()(build.build)
app.command()(build.preview)
app.command()(check.check)
app.command("import")(importing.import_command)
app.command("rules")(check.rules_command)
app.command()(build.validate)
app.command()(build.template)
catalog_app.command("show")(catalog.catalog_show)
catalog_app.command("load")(catalog.catalog_load)
packs_app.command("list")(packs.packs_list)
packs_app.command("check")(packs.packs_check)
app.command()(version)


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
