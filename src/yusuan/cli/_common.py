"""What every command shares: exit codes, the two consoles, failing, and printing input problems."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

EXIT_OK, EXIT_INPUT, EXIT_FAILED = 0, 1, 2

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    err.print(f"[bold red]错误：[/]{message}")
    raise typer.Exit(code)


def print_problems(problems: list[object], title: str) -> None:
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


def is_unreadable(exc: Exception) -> bool:
    """A file that does not exist or cannot be read at all: the command could not run (exit 2)."""
    problems = getattr(exc, "problems", [])
    return bool(problems) and all(getattr(p, "code", "") == "bad-file" for p in problems)


def progress_bar(*, disable: bool = False) -> Progress:
    """The progress bar of a command working through several files (on stderr, gone when done)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=disable)
