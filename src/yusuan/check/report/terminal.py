"""The check report in a terminal (rich): grouped by rule family, then severity; coloured; with counts."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from yusuan.check.engine import Report
from yusuan.check.issue import Issue, Severity
from yusuan.check.registry import FAMILIES

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}
MARKS = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.NOTICE: "·"}
OTHER_FAMILY = "规则运行"
"""Family name of issues whose code has no registered family (Z001: a rule crashed)."""


def family_name(code: str) -> str:
    return FAMILIES.get(code[:1], OTHER_FAMILY)


def by_family(issues: Iterable[Issue]) -> list[tuple[str, list[Issue]]]:
    """Issues grouped by family (in the registry's family order), each group sorted by severity then code."""
    order = {letter: n for n, letter in enumerate(FAMILIES)}
    groups: dict[str, list[Issue]] = {}
    for issue in issues:
        groups.setdefault(issue.code[:1], []).append(issue)
    return [
        (letter, sorted(groups[letter], key=lambda i: (i.severity.rank, i.code)))
        for letter in sorted(groups, key=lambda x: (order.get(x, len(order)), x))
    ]


def counts_text(report: Report) -> Text:
    text = Text()
    for severity, n in ((Severity.ERROR, report.errors), (Severity.WARNING, report.warnings),
                        (Severity.NOTICE, report.notices)):
        text.append(f"{severity.label} {n}", style=STYLES[severity] if n else "dim")
        text.append(" · ")
    text.append(f"运行 {len(report.rules_run)} 条规则")
    if report.not_applicable:
        text.append(f"，{len(report.not_applicable)} 条不适用", style="dim")
    text.append(f"（{report.elapsed_ms:.0f} ms）", style="dim")
    return text


def verdict_text(report: Report) -> Text:
    if report.errors:
        return Text(f"✗ 发现 {report.errors} 个错误，不能公开：请修正后重新检查。", style="bold red")
    if report.warnings or report.notices:
        extra = "、".join(f"{n} 个{s.label}" for s, n in ((Severity.WARNING, report.warnings),
                                                       (Severity.NOTICE, report.notices)) if n)
        return Text(f"✓ 没有错误，可以公开（另有 {extra}，请逐条核实）。", style="bold green")
    return Text("✓ 没有发现问题，可以公开。", style="bold green")


def issue_lines(issue: Issue, *, hints: bool = True) -> list[Text]:
    """The head line of an issue, then its location, message, figures and hint (printed indented)."""
    style = STYLES[issue.severity]
    head = Text()
    head.append(f"{MARKS[issue.severity]} {issue.severity.label}", style=style)
    head.append(f" {issue.code}", style="bold")
    head.append(f" {issue.title}", style="dim")
    lines = [head, Text(issue.location.describe(), style="blue"), Text(issue.message)]
    figures = [(label, value) for label, value in (("应为", issue.expected), ("实为", issue.actual),
                                                   ("差额", issue.difference)) if value]
    if figures:
        line = Text()
        for n, (label, value) in enumerate(figures):
            if n:
                line.append("　")
            line.append(f"{label} ", style="dim")
            line.append(value, style="bold")
        lines.append(line)
    if hints and issue.hint:
        lines.append(Text(f"建议：{issue.hint}", style="dim"))
    return lines


def print_report(report: Report, console: Console, *, title: str | None = None, hints: bool = True) -> None:
    """Print ``report``: a title, every issue grouped by family then severity, the counts and a verdict."""
    heading = title or f"检查：{report.subject} {report.year} 年"
    console.print(Text(heading, style="bold"))
    for letter, issues in by_family(report.issues):
        group = Text(f"\n{family_name(letter)}（{letter}）", style="bold underline")
        tally = [f"{s.label} {n}" for s in Severity if (n := sum(1 for i in issues if i.severity is s))]
        group.append("  " + " · ".join(tally), style="dim")
        console.print(group)
        for issue in issues:
            head, *rest = issue_lines(issue, hints=hints)
            console.print(Padding(head, (0, 0, 0, 2), expand=False))
            for line in rest:
                console.print(Padding(line, (0, 0, 0, 5), expand=False))
    console.print()
    console.print(counts_text(report))
    console.print(verdict_text(report))
