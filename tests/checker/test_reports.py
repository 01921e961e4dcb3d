"""Check reports: JSON schema, the annotated HTML page, the XLSX workbook and the terminal output.

The reports are built from reports of rules this file controls (A101 on a broken
variant, or hand-made issues), so they do not depend on the rule set being written.
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from checker.mutate import example, with_cell
from test_render_html import Node, TreeBuilder
from yusuan import __version__
from yusuan.check import CheckContext, Issue, Location, Report, Selection, Severity, Tier, run_checks
from yusuan.check.report import print_report, render_report_html, report_data, report_json, write_reports
from yusuan.check.report.xlsx import COLUMNS, ISSUES_SHEET, SUMMARY_SHEET, write_report_xlsx
from yusuan.domain.source import SourceRef
from yusuan.render.html import render_document_html

ROOT = Path(__file__).resolve().parents[2]


@cache
def broken() -> CheckContext:
    """新乡 with the 支出总表 total raised by 1.00 万元."""
    return with_cell(example(), "expenditure_summary", "total", "total", 505_110_000)


@cache
def a101_report() -> Report:
    return run_checks(broken(), Selection(only=("A101",)))


def paragraph_with(ctx: CheckContext, fragment: str) -> tuple[int, str]:
    """(number, text) of the first paragraph containing ``fragment``."""
    return next((n, p.text) for n, _, p in ctx.paragraphs() if fragment in p.text)


def hand_report(ctx: CheckContext) -> Report:
    """One issue of each placement: cell, row, table, sentence, heading, nowhere (two families, three severities)."""
    n, text = paragraph_with(ctx, "增减变化的主要原因")
    sentence = text[text.index("增减变化的主要原因"):]
    three = ctx.table("three_public")
    assert three is not None
    issues = (
        Issue("A101", "total-row-equals-rows", Severity.ERROR, Tier.BASIC, "合计行等于各明细行之和",
              "合计不对 <script>alert(1)</script>", ctx.at_cell(ctx.table("expenditure_summary"), "total", "total"),
              expected="504.11", actual="505.11", difference="1.00", hint="检查合计。", tags=("表内运算",)),
        Issue("N900", "probe-sentence", Severity.WARNING, Tier.STRICT, "句子", "句子里有占位符",
              Location(section="一、收入支出预算总体情况说明", paragraph=n, sentence=sentence,
                       source=SourceRef(file="budget.yaml", row=118, path="texts.change_reason")),
              tags=("说明与数据",)),
        Issue("M900", "probe-table", Severity.NOTICE, Tier.ADVISORY, "表", "整张表的问题", ctx.at_table(three),
              tags=("完整性",)),
        Issue("M901", "probe-row", Severity.WARNING, Tier.BASIC, "行", "一行的问题",
              ctx.at_cell(ctx.table("expenditure_summary"), "functional:2010301"), tags=("完整性",)),
        Issue("M902", "probe-nowhere", Severity.ERROR, Tier.BASIC, "缺表", "缺少政府采购预算表",
              Location(table_id="procurement", table_title="政府采购预算表"), tags=("完整性",)),
        Issue("M903", "probe-heading", Severity.NOTICE, Tier.BASIC, "标题", "这一节没有说明",
              Location(section="八、政府性基金预算支出情况说明"), tags=("完整性",)),
    )
    ordered = tuple(sorted(issues, key=lambda i: (i.severity.rank, i.code)))
    return Report(subject=ctx.department, year=ctx.year, origin=ctx.origin, issues=ordered,
                  rules_run=("A101", "N900", "M900", "M901", "M902", "M903"), not_applicable=("D101",))


# -- JSON ---------------------------------------------------------------------------------------------------


def test_json_schema_of_a_broken_variant() -> None:
    data = report_data(a101_report())
    assert list(data) == ["yusuan", "subject", "year", "origin", "summary", "rules", "issues"]
    assert data["yusuan"] == {"version": __version__, "format": 1}
    assert (data["subject"], data["year"], data["origin"]) == ("新乡市金融工作局", 2024, "compiled")
    assert data["summary"] == {"errors": 1, "warnings": 0, "notices": 0, "rules_run": 1, "not_applicable": 0}
    assert data["rules"] == {"run": ["A101"], "not_applicable": []}
    (issue,) = data["issues"]
    assert list(issue) == ["code", "slug", "severity", "tier", "title", "message", "expected", "actual",
                           "difference", "hint", "tags", "location"]
    assert issue["code"] == "A101" and issue["slug"] == "total-row-equals-rows"
    assert (issue["severity"], issue["tier"]) == ("error", "basic")
    assert (issue["expected"], issue["actual"], issue["difference"]) == ("504.11", "505.11", "1.00")
    assert issue["message"] == "“合计”行应等于各明细行之和 504.11，实为 505.11，相差 1.00"
    assert issue["tags"][0] == "表内运算"
    location = issue["location"]
    fields = [f.name for f in dataclasses.fields(Location)]
    assert list(location) == [*fields, "description"]
    assert location["table_id"] == "expenditure_summary" and location["table_code"] == "预算03表"
    assert (location["row_key"], location["column_key"]) == ("total", "total")
    assert location["paragraph"] is None and location["source"] is None
    assert location["description"] == a101_report().issues[0].location.describe()


def test_json_text_round_trips_and_keeps_chinese() -> None:
    text = report_json(a101_report())
    assert json.loads(text) == report_data(a101_report())
    assert "合计行等于各明细行之和" in text  # not \u-escaped


def test_json_source_and_paragraph_locations() -> None:
    data = report_data(hand_report(example()))
    sentence = next(i for i in data["issues"] if i["code"] == "N900")["location"]
    assert sentence["source"] == {"file": "budget.yaml", "sheet": None, "row": 118, "column": None,
                                  "path": "texts.change_reason"}
    assert isinstance(sentence["paragraph"], int) and sentence["sentence"].startswith("增减变化")
    assert data["summary"] == {"errors": 2, "warnings": 2, "notices": 2, "rules_run": 6, "not_applicable": 1}


def _keys(value: object, prefix: str = "") -> set[str]:
    """Dotted paths of every key (list items merged)."""
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(prefix + k)
            out |= _keys(v, prefix + k + ".")
    elif isinstance(value, list):
        for item in value:
            out |= _keys(item, prefix)
    return out


def test_documented_json_example_has_exactly_the_keys_of_a_real_report() -> None:
    doc = (ROOT / "docs" / "check-report-json.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", doc, flags=re.DOTALL)
    assert block is not None
    documented = json.loads(block.group(1))
    real = report_data(hand_report(example()))
    assert _keys(documented) == _keys(real)
    for key in _keys(real):
        assert f"`{key.rsplit('.', 1)[-1]}`" in doc, f"check-report-json.md does not describe `{key}`"


# -- HTML ---------------------------------------------------------------------------------------------------


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def with_class(node: Node, tag: str, css: str) -> Node:
    """The first ``tag`` below ``node`` whose class list contains ``css``."""
    found = [n for n in node.find_all(tag) if css in n.attrs.get("class", "").split()]
    assert found, f"no <{tag} class={css}>"
    return found[0]


@cache
def hand_page() -> tuple[str, Node]:
    page = render_report_html(hand_report(example()), example().document)
    return page, parse(page)


def test_html_badge_sits_in_the_cell_it_concerns() -> None:
    page = render_report_html(a101_report(), broken().document)
    root = parse(page)
    table = root.find("section", data_table="expenditure_summary")
    cell = table.find("td", data_row="total", data_col="total")
    badge = cell.find("a", id="issue-1")
    assert badge.attrs["class"] == "note-badge error" and badge.all_text() == "A101"
    assert "504.11" in badge.attrs["title"] and "505.11" in badge.attrs["title"]
    assert "noted error" in cell.attrs["class"]
    assert badge.attrs["href"] == "#issue-1-note"
    note = table.find("li", id="issue-1-note")  # the footnote is under the same table
    assert "应为 504.11" in note.all_text() and "建议：" in note.all_text()
    # exactly one badge on the page, and the index links to it
    assert len(root.find_all("a", id="issue-1")) == 1
    assert with_class(root, "nav", "check-index").find("a", href="#issue-1")


def test_html_issue_on_a_sentence_sits_in_its_paragraph() -> None:
    _, root = hand_page()
    report = hand_report(example())
    n = next(k for k, i in enumerate(report.issues, start=1) if i.code == "N900")
    issue = report.issues[n - 1]
    paragraph = root.find("p", id=f"p{issue.location.paragraph}")
    assert "noted warning" in paragraph.attrs["class"]
    mark = paragraph.find("mark", data_note=f"issue-{n}")
    assert mark.all_text() == issue.location.sentence
    assert paragraph.find("a", id=f"issue-{n}").all_text() == "N900"
    assert paragraph.all_text().replace("N900", "").strip() == next(
        p.text for k, _, p in example().paragraphs() if k == issue.location.paragraph)


def test_html_row_table_heading_and_unplaced_issues() -> None:
    page, root = hand_page()
    report = hand_report(example())
    anchors = {i.code: f"issue-{k}" for k, i in enumerate(report.issues, start=1)}
    # a row issue: on the first cell of the row
    row_cells = root.find("section", data_table="expenditure_summary").find_all("td", data_row="functional:2010301")
    assert row_cells[0].find("a", id=anchors["M901"])
    # a table issue: next to the table's title
    three = root.find("section", data_table="three_public")
    assert three.find("caption").find("a", id=anchors["M900"])
    # a heading issue: in the heading
    heading = next(h for h in root.find_all("h2") + root.find_all("h3") if "八、政府性基金" in h.all_text())
    assert heading.find("a", id=anchors["M903"])
    # an issue about a table that is not there: listed before the document, still reachable from the index
    unplaced = with_class(root, "section", "notes-unplaced")
    assert unplaced.find("li", id=anchors["M902"])
    index = with_class(root, "nav", "check-index")
    for anchor in anchors.values():
        assert index.find("a", href=f"#{anchor}")
        assert len(re.findall(f'id="{anchor}"', page)) == 1


def test_html_summary_and_escaping() -> None:
    page, root = hand_page()
    summary = with_class(root, "section", "check-report")
    text = summary.all_text()
    assert "发现 2 个错误，不能公开" in text
    assert f"<title>检查报告（2 个错误）· {example().document.title}</title>" in page
    assert "6 条规则已运行，1 条不适用" in text
    families = [h.all_text() for h in summary.find_all("h4")]
    assert families[0].startswith("表内运算（A）") and any(f.startswith("完整性（M）") for f in families)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_html_of_a_clean_report_is_the_document_plus_summary() -> None:
    ctx = example()
    clean = run_checks(ctx, Selection(only=("A101",)))
    page = render_report_html(clean, ctx.document)
    assert "没有发现问题，可以公开" in page
    assert 'class="note-badge' not in page and '<section class="notes-unplaced"' not in page
    # the document itself is unchanged: every paragraph and cell of the plain page is there
    plain = render_document_html(ctx.document)
    body = plain[plain.index("<main"):]
    assert body in page


# -- XLSX ---------------------------------------------------------------------------------------------------


def test_xlsx_one_row_per_issue(tmp_path: Path) -> None:
    report = hand_report(example())
    path = write_report_xlsx(report, tmp_path / "r.xlsx")
    wb = load_workbook(path)
    ws = wb[ISSUES_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [name for name, _ in COLUMNS]
    assert len(rows) == 1 + len(report.issues)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["代码"] == "A101" and first["级别"] == "错误" and first["层级"] == "基本"
    assert first["表"] == "预算03表 2024年部门支出总体情况表"
    assert (first["行"], first["列"]) == ("合计", "合计")
    assert (first["应为"], first["实为"], first["差额"]) == ("504.11", "505.11", "1.00")
    assert first["建议"] == "检查合计。" and first["位置"] == report.issues[0].location.describe()
    sentence = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "N900")
    assert isinstance(sentence["段落"], int) and sentence["表"] is None
    summary = list(wb[SUMMARY_SHEET].iter_rows(values_only=True))
    assert summary[1][:6] == ("新乡市金融工作局", 2024, "编制", 2, 2, 2)


def test_xlsx_of_several_reports_names_the_department(tmp_path: Path) -> None:
    path = write_report_xlsx([a101_report(), hand_report(example())], tmp_path / "all.xlsx")
    ws = load_workbook(path)[ISSUES_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("部门", "年度", "代码")
    assert len(rows) == 1 + 1 + len(hand_report(example()).issues)
    assert rows[1][:3] == ("新乡市金融工作局", 2024, "A101")


def test_write_reports_writes_the_file_formats(tmp_path: Path) -> None:
    written = write_reports(a101_report(), broken().document, tmp_path / "out", "x-检查报告",
                            ["terminal", "json", "html", "xlsx"])
    assert sorted(written) == ["html", "json", "xlsx"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["x-检查报告.html", "x-检查报告.json",
                                                                   "x-检查报告.xlsx"]
    assert write_reports(a101_report(), broken().document, tmp_path / "none", "x", ["terminal"]) == {}
    assert not (tmp_path / "none").exists()


# -- terminal -----------------------------------------------------------------------------------------------


def terminal(report: Report, **kwargs: bool) -> str:
    console = Console(record=True, width=200, color_system=None)
    print_report(report, console, **kwargs)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def test_terminal_groups_by_family_then_severity() -> None:
    text = terminal(hand_report(example()))
    assert text.startswith("检查：新乡市金融工作局 2024 年")
    a, m, n = text.index("表内运算（A）"), text.index("完整性（M）"), text.index("说明与数据（N）")
    assert a < n < m  # the registry's family order: A … N, M
    block = text[m:]
    assert block.index("✗ 错误 M902") < block.index("! 警告 M901") < block.index("· 提示 M900")
    assert "完整性（M）  错误 1 · 警告 1 · 提示 2" in text


def test_terminal_issue_lines_counts_and_verdict() -> None:
    text = terminal(a101_report())
    issue = a101_report().issues[0]
    assert "✗ 错误 A101 合计行等于各明细行之和" in text
    assert issue.location.describe() in text
    assert issue.message in text
    assert "应为 504.11　实为 505.11　差额 1.00" in text
    assert "建议：检查是否漏列" in text
    assert "错误 1 · 警告 0 · 提示 0 · 运行 1 条规则" in text
    assert text.rstrip().endswith("✗ 发现 1 个错误，不能公开：请修正后重新检查。")
    assert "建议：" not in terminal(a101_report(), hints=False)


@pytest.mark.parametrize(("issues", "verdict"), [
    ((), "✓ 没有发现问题，可以公开。"),
    ((Issue("M900", "x", Severity.WARNING, Tier.BASIC, "t", "m"),),
     "✓ 没有错误，可以公开（另有 1 个警告，请逐条核实）。"),
])
def test_terminal_verdict_without_errors(issues: tuple[Issue, ...], verdict: str) -> None:
    report = Report(subject="某部门", year=2024, origin="compiled", issues=issues, rules_run=("M900",),
                    not_applicable=("D101", "D102"))
    text = terminal(report)
    assert text.rstrip().endswith(verdict)
    assert "运行 1 条规则，2 条不适用" in text
