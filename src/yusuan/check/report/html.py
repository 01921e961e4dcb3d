"""The check report for a reviewer: the document itself with each issue pinned next to its cell or sentence.

The page is the disclosure as :func:`yusuan.render.html.render_document_html` draws it,
with a summary and an index of the issues at the top.  Every issue located in a table
cell gets a badge in that cell (coloured by severity, code and message in the tooltip)
and a footnote under the table; an issue about a sentence marks the sentence and gets a
badge at the end of its paragraph and a footnote under it.  Issues that point nowhere on
the page (a missing table, the whole file) are listed at the top of the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from yusuan.check.engine import Report
from yusuan.check.issue import Issue, Severity
from yusuan.check.report.terminal import by_family, family_name
from yusuan.document.model import Document
from yusuan.render.html import TEMPLATE_DIR, Annotations, Note, render_document_html


def anchor(n: int) -> str:
    """Id of the ``n``-th issue's badge (1-based, in the report's order)."""
    return f"issue-{n}"


def _sentence(text: str) -> str:
    return text if not text or text[-1] in "。！？；…”）)" else text + "。"


def issue_note(issue: Issue, n: int) -> Note:
    loc = issue.location
    figures = "；".join(f"{label} {value}" for label, value in (("应为", issue.expected), ("实为", issue.actual),
                                                                ("差额", issue.difference)) if value)
    detail = " ".join(_sentence(x) for x in (figures, f"建议：{issue.hint}" if issue.hint else "") if x)
    return Note(
        anchor=anchor(n), label=issue.code, text=f"{issue.severity.label}：{_sentence(issue.message)}",
        kind=issue.severity.value, detail=detail, table=loc.table_id, row=loc.row_key, column=loc.column_key,
        paragraph=loc.paragraph, sentence=loc.sentence, heading=loc.section,
    )


@dataclass(frozen=True, slots=True)
class IndexEntry:
    anchor: str
    issue: Issue

    @property
    def where(self) -> str:
        return self.issue.location.describe()


@dataclass(frozen=True, slots=True)
class IndexGroup:
    letter: str
    name: str
    entries: tuple[IndexEntry, ...]
    tally: str


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def _groups(report: Report, numbers: dict[int, int]) -> list[IndexGroup]:
    groups = []
    for letter, issues in by_family(report.issues):
        tally = " · ".join(f"{s.label} {n}" for s in Severity if (n := sum(1 for i in issues if i.severity is s)))
        entries = tuple(IndexEntry(anchor(numbers[id(i)]), i) for i in issues)
        groups.append(IndexGroup(letter, family_name(letter), entries, tally))
    return groups


def render_report_html(report: Report, document: Document) -> str:
    """One standalone HTML page: summary, index of issues, and the document with the issues pinned to it."""
    numbers = {id(issue): n for n, issue in enumerate(report.issues, start=1)}
    notes: Sequence[Note] = [issue_note(issue, n) for n, issue in enumerate(report.issues, start=1)]
    env = _environment()
    header = env.get_template("check_summary.html.j2").render(
        report=report, groups=_groups(report, numbers), severities=list(Severity),
    )
    css = env.get_template("check_style.css.j2").render()
    verdict = f"{report.errors} 个错误" if report.errors else "没有错误"
    annotations = Annotations(notes=notes, css=css, header=header, unplaced_title="未能定位到正文或表格的问题",
                              page_title=f"检查报告（{verdict}）· {document.title}")
    return render_document_html(document, annotations=annotations)


def write_report_html(report: Report, document: Document, path: Path) -> Path:
    path.write_text(render_report_html(report, document), encoding="utf-8")
    return path
