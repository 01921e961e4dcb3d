"""The check report as a workbook: one row per issue (filterable, header frozen) and a summary sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from xlsxwriter import Workbook  # type: ignore[import-untyped]

from yusuan.check.engine import Report
from yusuan.check.issue import Issue, Severity

ISSUES_SHEET = "检查结果"
SUMMARY_SHEET = "概况"
COLUMNS: tuple[tuple[str, float], ...] = (
    ("代码", 7), ("级别", 6), ("层级", 6), ("标题", 24), ("位置", 48), ("表", 30), ("行", 18), ("列", 18),
    ("段落", 6), ("说明", 60), ("应为", 12), ("实为", 12), ("差额", 12), ("建议", 40),
)
"""Header and width (characters) of the issue columns."""
SUBJECT_COLUMNS: tuple[tuple[str, float], ...] = (("部门", 20), ("年度", 6))
"""Leading columns when one workbook holds several reports."""
FILLS = {Severity.ERROR: "#F8D7DA", Severity.WARNING: "#FFF3CD", Severity.NOTICE: "#D1ECF1"}


def issue_row(issue: Issue) -> list[str | int | None]:
    loc = issue.location
    table = " ".join(x for x in (loc.table_code, loc.table_title) if x) or None
    return [
        issue.code, issue.severity.label, issue.tier.label, issue.title, loc.describe(), table,
        loc.row_label, loc.column_header, loc.paragraph, issue.message, issue.expected, issue.actual,
        issue.difference, issue.hint or None,
    ]


def write_report_xlsx(reports: Report | Sequence[Report], path: Path) -> Path:
    """Write one or several reports (several: each row starts with the department and year)."""
    many = not isinstance(reports, Report)
    items: Sequence[Report] = reports if not isinstance(reports, Report) else (reports,)
    columns = (*SUBJECT_COLUMNS, *COLUMNS) if many else COLUMNS
    wb = Workbook(str(path))
    base = {"font_name": "宋体", "font_size": 10, "valign": "top"}
    header = wb.add_format({**base, "bold": True, "bg_color": "#E7ECF3", "border": 1, "text_wrap": True})
    text = wb.add_format({**base, "text_wrap": True})
    severity = {s: wb.add_format({**base, "bg_color": fill, "bold": s is Severity.ERROR}) for s, fill in FILLS.items()}

    ws = wb.add_worksheet(ISSUES_SHEET)
    for col, (name, width) in enumerate(columns):
        ws.write_string(0, col, name, header)
        ws.set_column(col, col, width, text)
    row = 0
    level_col = len(columns) - len(COLUMNS) + 1
    for report in items:
        for issue in report.issues:
            row += 1
            values: list[str | int | None] = [report.subject, report.year] if many else []
            values.extend(issue_row(issue))
            for col, value in enumerate(values):
                if value is None or value == "":
                    continue
                if col == level_col:
                    ws.write_string(row, col, str(value), severity[issue.severity])
                elif isinstance(value, int):
                    ws.write_number(row, col, value)
                else:
                    ws.write_string(row, col, value)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(row, 1), len(columns) - 1)

    summary = wb.add_worksheet(SUMMARY_SHEET)
    heads = ["部门", "年度", "来源", "错误", "警告", "提示", "运行规则", "不适用规则", "结论"]
    for col, name in enumerate(heads):
        summary.write_string(0, col, name, header)
    summary.set_column(0, 0, 24)
    summary.set_column(1, 7, 9)
    summary.set_column(8, 8, 14)
    for n, report in enumerate(items, start=1):
        origin = "编制" if report.origin == "compiled" else "已公开文件"
        verdict = "有错误，不能公开" if report.errors else "可以公开"
        summary.write_row(n, 0, [report.subject, report.year, origin, report.errors, report.warnings,
                                 report.notices, len(report.rules_run), len(report.not_applicable), verdict])
    summary.freeze_panes(1, 0)
    wb.close()
    return path
