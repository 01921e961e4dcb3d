"""`yusuan import`: one file (report, data, exit codes), a batch (parallel, summary, per-file folders), and
`yusuan check` on a published disclosure.

The first tests replace the readers and recognition with small fakes (so that the CLI's own logic is
tested alone); the last ones run the real readers on copies of the seeds and real disclosures.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from yusuan import api
from yusuan.check import CheckContext, Issue, Location, Report, Severity, Tier
from yusuan.cli import app
from yusuan.importer import audit, batch
from yusuan.importer.audit import ImportNotes
from yusuan.importer.batch import FileResult, ImportOptions, find_disclosures, folder_names, import_one, run_batch
from yusuan.importer.model import DisclosureReadError, RawDocument, RawParagraph, RawTable

ROOT = Path(__file__).resolve().parents[2]
XINXIANG = ROOT / "examples" / "xinxiang-2024" / "budget.yaml"
SHARED = ROOT.parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
REALDOCS = SHARED / "realdocs"
NOTICE = "「某表」有 2 列未能对齐"


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_CATALOG_DIR", str(tmp_path / "catalogs"))


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "400"})
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


# ── fakes: a "published" 新乡 document (the compiled example, viewed as imported) ──────────────


def fake_context() -> CheckContext:
    compiled = api.compile_budget(api.load(XINXIANG).budget)
    doc = compiled.document
    return CheckContext(document=doc, year=2024, department="新乡市金融工作局", origin="imported",
                        pages={t.id: 20 + i for i, t in enumerate(doc.tables())})


def fake_raw(path: Path) -> RawDocument:
    if "broken" in path.name:
        raise DisclosureReadError("文件已损坏或不完整，无法作为 PDF 读取", path.name)
    if "crash" in path.name:
        raise RuntimeError("boom")
    first = fake_context().document.paragraphs()[0]
    return RawDocument(path.name, (RawParagraph("第一部分", 1, heading=True), RawParagraph(first.text, 2),
                                   RawTable("2024年部门收支总体情况表", rows=(("合计", "504.11"),),
                                            columns=(("项目",), ("金额",)), pages=(20,))),
                       pages=30, kind="text", warnings=(NOTICE,))


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Readers and recognition replaced: every file "reads" as the 新乡 example (paragraph 1 on page 2)."""
    ctx = fake_context()
    notes = ImportNotes((NOTICE,), ctx.pages, {1: 2})
    monkeypatch.setattr(api, "read_disclosure", fake_raw)
    monkeypatch.setattr(audit, "document_from_raw", lambda raw: (ctx.document, notes))
    yield


@pytest.fixture
def with_error(monkeypatch: pytest.MonkeyPatch, fakes: None) -> None:
    """Every audit finds one error in the first sentence (paragraph 1, printed on page 2)."""
    def run_checks(ctx: CheckContext, selection: object = None) -> Report:
        paragraph = ctx.document.paragraphs()[0]
        issue = Issue("N999", "test-error", Severity.ERROR, Tier.BASIC, "测试：说明与表格不符", "数字不符",
                      Location(paragraph=1, sentence=paragraph.text[:20]), expected="1.00", actual="2.00")
        return Report(ctx.department, ctx.year, ctx.origin, (issue,), ("N999",))

    monkeypatch.setattr(api, "run_checks", run_checks)


def disclosure(tmp_path: Path, name: str = "新乡-2024.txt") -> Path:
    path = tmp_path / name
    path.write_text("（公开文件）", encoding="utf-8")
    return path


# ── one file ────────────────────────────────────────────────────────────────────────────────


def test_one_file_prints_the_audit_and_exits_0_without_errors(tmp_path: Path, fakes: None) -> None:
    result = run("import", disclosure(tmp_path), "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "审核 " in result.output and "新乡市金融工作局 2024 年" in result.output
    assert "找到 1 张表" in result.output and NOTICE in result.output
    assert not (tmp_path / "out").exists()  # terminal only: no files


def test_errors_exit_1_and_point_to_the_page_of_the_sentence(tmp_path: Path, with_error: None) -> None:
    result = run("import", disclosure(tmp_path))
    assert result.exit_code == 1, result.output
    assert "N999" in result.output and "第 2 页" in result.output


def test_import_file_gives_sentence_issues_their_page(tmp_path: Path, with_error: None) -> None:
    imported = api.import_file(disclosure(tmp_path))
    (issue,) = imported.report.issues
    assert issue.location.page == 2 and imported.paragraph_pages[1] == 2
    assert imported.notices == (NOTICE,) and imported.department == "新乡市金融工作局"


@pytest.mark.parametrize("name", ["broken.pdf", "missing.pdf"])
def test_unreadable_file_exits_2_with_the_readers_message(tmp_path: Path, name: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / name
    if name == "broken.pdf":
        path.write_bytes(b"%PDF-1.4 truncated")
        monkeypatch.setattr(api, "read_disclosure", fake_raw)
    result = run("import", path)
    assert result.exit_code == 2, result.output
    assert "无法导入" in result.output
    assert ("已损坏" if name == "broken.pdf" else "文件不存在") in result.output


def test_unsupported_suffix_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    path.write_bytes(b"x")
    result = run("import", path)
    assert result.exit_code == 2 and "不支持的文件类型「.docx」" in result.output


def test_data_and_reports_are_written_on_request(tmp_path: Path, fakes: None) -> None:
    out = tmp_path / "out"
    result = run("import", disclosure(tmp_path), "-o", out, "--format", "terminal,json,html", "--data", "json,xlsx")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["新乡-2024-审核报告.html", "新乡-2024-审核报告.json", "新乡-2024-数据.json", "新乡-2024-数据.xlsx"]
    data = json.loads((out / "新乡-2024-数据.json").read_text(encoding="utf-8"))
    assert data["import"]["department"] == "新乡市金融工作局" and data["import"]["year"] == 2024
    assert data["import"]["pages"] == 30 and data["import"]["unit"] == "万元" and data["notices"] == [NOTICE]
    first = next(t for t in data["tables"] if t["id"] == "income_expenditure_summary")
    assert first["page"] == 20 and first["rows"] and {"key", "label", "cells"} <= set(first["rows"][0])
    paragraphs = [p for p in data["narrative"] if "paragraph" in p]
    assert paragraphs[0]["page"] == 2 and any(p["claims"] for p in paragraphs)
    assert {"metric", "kind", "value", "text"} == set(next(p for p in paragraphs if p["claims"])["claims"][0])
    workbook = load_workbook(out / "新乡-2024-数据.xlsx")
    assert len(workbook.sheetnames) == len(data["tables"]) + 1  # a 目录 sheet, then one sheet per table


@pytest.mark.parametrize(("args", "says"), [
    (("--data", "csv"), "不支持的数据格式「csv」"),
    (("--format", "pdf"), "不支持的报告格式「pdf」"),
    (("--jobs", "0"), "进程数「0」无效"),
    (("--tier", "lenient"), "层级「lenient」无效"),
    (("--tolerance", "-1"), "容差「-1」无效"),
    (("--only", "Q123"), "没有这些规则或标签：Q123"),
], ids=["data", "format", "jobs", "tier", "tolerance", "only"])
def test_bad_options_exit_2(tmp_path: Path, fakes: None, args: tuple[str, ...], says: str) -> None:
    result = run("import", disclosure(tmp_path), *args)
    assert result.exit_code == 2 and says in result.output


def test_rule_selection_is_passed_on(tmp_path: Path, fakes: None) -> None:
    result = run("import", disclosure(tmp_path), "--only", "A101", "--format", "json", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "新乡-2024-审核报告.json").read_text(encoding="utf-8"))
    assert report["rules"]["run"] == ["A101"] and report["origin"] == "imported"


def test_check_reads_a_published_disclosure(tmp_path: Path, fakes: None) -> None:
    result = run("check", disclosure(tmp_path, "新乡.pdf"))
    assert result.exit_code == 0, result.output
    assert "新乡市金融工作局 2024 年" in result.output and NOTICE in result.output


def test_check_rejects_a_text_file_without_tables(tmp_path: Path) -> None:
    if importlib.util.find_spec("yusuan.importer.text_reader") is None:
        pytest.skip("the text reader is not there yet")
    path = tmp_path / "budget.txt"
    path.write_text("x", encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2 and "不支持的文件类型「.txt」" in result.output


# ── a batch ─────────────────────────────────────────────────────────────────────────────────


def test_files_are_found_recursively_and_get_distinct_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.PDF").write_bytes(b"")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("", encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text("", encoding="utf-8")
    files = find_disclosures([tmp_path, tmp_path / "a" / "x.PDF"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a/x.PDF", "b/x.txt"]
    assert folder_names(files) == ["x", "x-2"]


def test_a_failing_file_does_not_stop_the_batch(tmp_path: Path, fakes: None) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.pdf", "broken.pdf", "crash.txt"):
        disclosure(folder, name)
    out = tmp_path / "out"
    result = run("import", folder, "-o", out, "--jobs", "1", "--data", "json")
    assert result.exit_code == 2, result.output  # a file could not be read
    assert "共导入 4 个文件：2 个没有错误，0 个发现错误，1 个无法读取，1 个导入失败" in result.output
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8-sig")))
    by_file = {Path(r["file"]).name: r for r in rows}
    assert by_file["broken.pdf"]["status"] == "unreadable" and "已损坏" in by_file["broken.pdf"]["message"]
    assert by_file["crash.txt"]["status"] == "failed" and "RuntimeError: boom" in by_file["crash.txt"]["message"]
    ok = by_file["a.txt"]
    assert ok["status"] == "ok" and ok["department"] == "新乡市金融工作局" and ok["year"] == "2024"
    assert ok["tables_found"] == "1" and int(ok["tables_recognised"]) > 1 and ok["import_notices"] == "1"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"] == 4 and summary["by_status"] == {"ok": 2, "errors": 0, "unreadable": 1, "failed": 1}
    assert sorted(p.name for p in (out / "a").iterdir()) == ["a-审核报告.html", "a-审核报告.json", "a-数据.json"]
    assert (out / "b" / "b-审核报告.json").is_file() and not (out / "broken").exists()


def test_batch_exit_1_when_an_audit_finds_errors(tmp_path: Path, with_error: None) -> None:
    (tmp_path / "docs").mkdir()
    disclosure(tmp_path / "docs", "a.txt")
    result = run("import", tmp_path / "docs", "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 1, result.output
    assert "1 个发现错误" in result.output


def test_import_one_never_raises(tmp_path: Path, fakes: None) -> None:
    result = import_one(disclosure(tmp_path, "crash.txt"), None, ImportOptions())
    assert isinstance(result, FileResult) and result.status == "failed" and result.seconds >= 0


# ── the real readers ────────────────────────────────────────────────────────────────────────

READY = all(importlib.util.find_spec(m) is not None for m in
            ("yusuan.importer.pdf_reader", "yusuan.importer.text_reader", "yusuan.importer.audit"))
needs_readers = pytest.mark.skipif(not READY or len(SEEDS) < 2 or not REALDOCS.is_dir(),
                                   reason="the readers, the audit or ../shared are not there yet")


@needs_readers
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_a_seed_imports_with_a_report_that_points_to_cells_and_sentences(tmp_path: Path, seed: Path) -> None:
    result = run("import", seed, "-o", tmp_path, "--format", "terminal,json", "--data", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads((tmp_path / f"{seed.stem}-审核报告.json").read_text(encoding="utf-8"))
    data = json.loads((tmp_path / f"{seed.stem}-数据.json").read_text(encoding="utf-8"))
    assert data["tables"] and data["import"]["year"] in (2020, 2024)
    for issue in report["issues"]:
        where = issue["location"]
        assert where.get("table_id") or where.get("sentence") or where.get("section"), issue


@needs_readers
def test_batch_over_seeds_realdocs_and_a_broken_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "pdf").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    reals = sorted(REALDOCS.glob("shanghai-*.pdf"))[:2]
    for real in reals:
        shutil.copy(real, folder / "pdf" / real.name)
    (folder / "pdf" / "broken.pdf").write_bytes(reals[0].read_bytes()[:3000])
    out = tmp_path / "out"
    result = run("import", folder, "-o", out, "--jobs", "2", "--data", "json,xlsx")
    assert result.exit_code == 2, result.output  # the broken PDF
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    by_name = {Path(r["file"]).name: r for r in summary["results"]}
    assert len(by_name) == len(SEEDS) + len(reals) + 1
    broken = by_name.pop("broken.pdf")
    assert broken["status"] == "unreadable" and broken["message"]
    for name, row in by_name.items():
        assert row["status"] in ("ok", "errors"), (name, row)
        assert row["department"] and row["year"] and row["tables_found"] and row["seconds"] > 0
        assert not row["message"], (name, row["message"])  # every report and data file written
        folder_out = out / Path(name).stem
        assert {p.suffix for p in folder_out.iterdir()} == {".json", ".html", ".xlsx"}


def test_run_batch_in_parallel_keeps_input_order(tmp_path: Path) -> None:
    files = [tmp_path / "missing-1.pdf", tmp_path / "missing-2.txt", tmp_path / "missing-3.pdf"]
    seen: list[str] = []
    results = run_batch(files, ImportOptions(), jobs=2, on_result=lambda r: seen.append(r.file))
    assert [r.file for r in results] == [str(f) for f in files] and sorted(seen) == sorted(r.file for r in results)
    assert all(r.status == "unreadable" and r.message == "文件不存在" for r in results)


def _dies_on_crash(path: Path, folder: str | None, options: ImportOptions) -> FileResult:
    """A worker that dies outright (as a segfault in a PDF library would) on files named crash*."""
    if path.name.startswith("crash"):
        os._exit(3)
    return FileResult(str(path), "ok")


def test_a_dying_worker_loses_only_its_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "import_one", _dies_on_crash)
    files = [tmp_path / n for n in ("a.pdf", "crash.pdf", "b.txt", "c.pdf")]
    results = run_batch(files, ImportOptions(), jobs=2)
    assert [r.status for r in results] == ["ok", "failed", "ok", "ok"]
    assert "进程异常退出" in results[1].message
