"""The command line: exit codes 0 ok · 1 input errors · 2 could not run; Chinese messages, no tracebacks."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from yusuan import __version__
from yusuan.cli import app

ROOT = Path(__file__).resolve().parents[1]
XINXIANG = ROOT / "examples" / "xinxiang-2024" / "budget.yaml"
JIYUAN = ROOT / "examples" / "jiyuan-2020" / "budget.yaml"
STEM = "154-2024-部门预算"


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "catalogs"
    monkeypatch.setenv("YUSUAN_CATALOG_DIR", str(path))
    return path


def run(*args: str | Path) -> Result:
    """Invoke the CLI with a wide console so that rich tables do not wrap messages."""
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "400"})
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def broken_budget(tmp_path: Path) -> Path:
    data = copy.deepcopy(yaml.safe_load(XINXIANG.read_text(encoding="utf-8")))
    data["items"][3]["amount"] = "十万"
    data["items"][5]["functional"] = "20103"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line]
    assert len(hits) == 1
    return hits[0]


# -- build -------------------------------------------------------------------------------------------


def test_build_writes_all_formats(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", XINXIANG, "-o", out)
    assert result.exit_code == 0, result.output
    assert "✓ 新乡市金融工作局 2024 年：12 张表，支出合计 504.11 万元" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{STEM}.pdf", f"{STEM}.docx", f"{STEM}.html", f"{STEM}.json", f"{STEM}表.xlsx"])
    assert (out / f"{STEM}表.xlsx").read_bytes()[:2] == b"PK"
    assert (out / f"{STEM}.docx").read_bytes()[:2] == b"PK"
    assert (out / f"{STEM}.pdf").read_bytes()[:5] == b"%PDF-"
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    assert "新乡市金融工作局" in html and "504.11" in html
    data = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    assert data["totals"]["expenditure_total"] == {"label": "支出总计", "amount": "504.11"}
    assert data["totals"]["income_total"]["amount"] == "504.11"
    assert data["totals"]["basic"]["amount"] == "467.11"
    assert data["totals"]["project"]["amount"] == "37.00"
    assert data["totals"]["three_public"]["amount"] == "4.10"
    assert len(data["tables"]) == 12


def test_build_json_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", XINXIANG, "-o", out, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == [f"{STEM}.json"]
    assert "JSON" in result.output and "XLSX" not in result.output


def test_build_format_list_with_fullwidth_comma(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", XINXIANG, "-o", out, "-f", "json，html")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".json"]


def test_build_unknown_format(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", XINXIANG, "-o", out, "--format", "odt")
    assert result.exit_code == 2
    assert "不支持的输出格式「odt」，可选：pdf、docx、html、xlsx、json" in result.output
    assert not out.exists()


def test_build_missing_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", tmp_path / "nope.yaml", "-o", out)
    assert result.exit_code in (1, 2)
    assert "文件不存在" in result.output
    assert not out.exists()


def test_build_input_with_errors(tmp_path: Path) -> None:
    path = broken_budget(tmp_path)
    out = tmp_path / "out"
    result = run("build", path, "-o", out)
    assert result.exit_code == 1
    assert not out.exists()
    assert "金额「十万」不是数字" in result.output
    assert f"broken.yaml：第 {line_of(path, '十万')} 行 位置 items[3].amount" in result.output
    assert "位置 items[5].functional" in result.output
    assert "共 2 个错误，0 个警告。" in result.output


def test_build_several_inputs_into_subfolders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", XINXIANG, JIYUAN, "-o", out, "-f", "json")
    assert result.exit_code == 0, result.output
    assert (out / "xinxiang-2024" / f"{STEM}.json").is_file()
    assert (out / "jiyuan-2020" / "124-2020-部门预算.json").is_file()


def test_build_several_inputs_one_broken(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", broken_budget(tmp_path), XINXIANG, "-o", out, "-f", "json")
    assert result.exit_code == 1
    assert (out / "xinxiang-2024" / f"{STEM}.json").is_file()
    assert not (out / "broken").exists()


def test_build_with_unknown_pack(tmp_path: Path) -> None:
    result = run("build", XINXIANG, "-o", tmp_path / "out", "--pack", "henan-1999")
    assert result.exit_code == 2
    assert "没有名为「henan-1999」的模板包" in result.output


def test_build_warnings_are_shown_and_quiet_hides_them(tmp_path: Path) -> None:
    data = copy.deepcopy(yaml.safe_load(XINXIANG.read_text(encoding="utf-8")))
    data["items"][0]["functional"] = "2019999"
    path = tmp_path / "warn.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("build", path, "-o", tmp_path / "out", "-f", "json")
    assert result.exit_code == 0
    assert "支出功能分类科目 2019999 不在已加载的 2024 年科目目录中" in result.output
    assert "共 0 个错误，2 个警告。" in result.output
    quiet = run("build", path, "-o", tmp_path / "out2", "-f", "json", "--quiet")
    assert quiet.exit_code == 0
    assert "警告" not in quiet.output


# -- validate ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "summary"), [
    (XINXIANG, "✓ 新乡市金融工作局 2024 年：1 个预算单位，20 行支出明细，1 个项目，可以编制。"),
    (JIYUAN, "✓ 济源市人民政府金融服务办公室 2020 年：1 个预算单位，6 行支出明细，2 个项目，可以编制。"),
])
def test_validate_examples(path: Path, summary: str) -> None:
    result = run("validate", path)
    assert result.exit_code == 0
    assert result.output.strip() == summary


def test_validate_input_with_errors(tmp_path: Path) -> None:
    path = broken_budget(tmp_path)
    result = run("validate", path)
    assert result.exit_code == 1
    assert "输入有误" in result.output
    assert f"第 {line_of(path, '十万')} 行 位置 items[3].amount" in result.output
    assert "功能分类编码「20103」应为 7 位数字的项级科目" in result.output


def test_validate_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("year: 2024\nunits: [\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    assert "YAML 格式错误" in result.output
    assert "bad.yaml：第 3 行" in result.output


def test_validate_missing_file(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nope.json")
    assert result.exit_code == 2  # could not run
    assert "文件不存在" in result.output


# -- template ----------------------------------------------------------------------------------------


def test_template_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    pytest.importorskip("yusuan.ingest.excel_template")
    path = tmp_path / "模板.xlsx"
    first = run("template", path)
    assert first.exit_code == 0, first.output
    assert "已写出填报模板" in first.output
    assert path.read_bytes()[:2] == b"PK"
    path.write_bytes(b"user data")
    again = run("template", path)
    assert again.exit_code == 2
    assert "已存在；如需覆盖请加 --force" in again.output
    assert path.read_bytes() == b"user data"
    forced = run("template", path, "--force")
    assert forced.exit_code == 0
    assert path.read_bytes()[:2] == b"PK"


def test_template_with_unreadable_example(tmp_path: Path) -> None:
    pytest.importorskip("yusuan.ingest.excel_template")
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: [\n", encoding="utf-8")
    result = run("template", tmp_path / "t.xlsx", "--example", bad)
    assert result.exit_code == 1
    assert "YAML 格式错误" in result.output
    assert not (tmp_path / "t.xlsx").exists()


# -- catalog -----------------------------------------------------------------------------------------


def test_catalog_show_code() -> None:
    result = run("catalog", "show", "2010301", "--year", "2024")
    assert result.exit_code == 0
    assert result.output.split() == ["2010301", "行政运行"]


def test_catalog_show_several_codes_one_unknown() -> None:
    result = run("catalog", "show", "30101", "50101", "9999999", "--year", "2024")
    assert result.exit_code == 1
    assert result.output.split() == ["30101", "基本工资", "50101", "工资奖金津补贴", "9999999", "（目录中没有）"]


def test_catalog_show_year_specific_name() -> None:
    assert run("catalog", "show", "20805", "--year", "2018").output.split() == ["20805", "行政事业单位离退休"]
    assert run("catalog", "show", "20805", "--year", "2024").output.split() == ["20805", "行政事业单位养老支出"]


def test_catalog_show_summary() -> None:
    from yusuan.catalog import load_catalog

    cat = load_catalog(2024)
    result = run("catalog", "show", "--year", "2024")
    assert result.exit_code == 0
    assert "2024 年科目目录：" in result.output
    assert (f"支出功能分类科目 {len(cat.functional)} 条；部门经济分类 {len(cat.econ)} 条；"
            f"政府经济分类 {len(cat.gov_econ)} 条；对应关系 {len(cat.crosswalk_organ)}+"
            f"{len(cat.crosswalk_institution)} 条") in result.output
    assert len(cat.functional) > 100
    assert "来源：随附目录（部分）：catalog/data/PROVENANCE.md" in result.output


def test_catalog_load_good_csv(tmp_path: Path, store: Path) -> None:
    src = tmp_path / "functional.csv"
    src.write_text("\ufeff编码,名称\n2010301,本局行政运行\n", encoding="utf-8")
    result = run("catalog", "load", src, "--kind", "functional", "--year", "2024")
    assert result.exit_code == 0, result.output
    assert "已加载 2024 年支出功能分类科目" in result.output
    assert (store / "2024" / "functional.csv").is_file()
    assert run("catalog", "show", "2010301", "--year", "2024").output.split() == ["2010301", "本局行政运行"]
    assert run("catalog", "show", "2010301", "--year", "2023").output.split() == ["2010301", "行政运行"]


def test_catalog_load_bad_csv(tmp_path: Path, store: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("code,name\n2010301,行政运行\n20103X,坏编码\n\n2010302,\n", encoding="utf-8")
    result = run("catalog", "load", src, "--kind", "functional", "--year", "2024")
    assert result.exit_code == 1
    assert "第 3 行：编码「20103X」不是有效的支出功能分类科目编码" in result.output
    assert "第 5 行：编码 2010302 缺少名称" in result.output
    assert not store.exists()


def test_catalog_load_bad_crosswalk(tmp_path: Path) -> None:
    src = tmp_path / "xw.csv"
    src.write_text("dept_code,gov_code,applies_to\n30201,50201,企业\n", encoding="utf-8")
    result = run("catalog", "load", src, "--kind", "crosswalk", "--year", "2024")
    assert result.exit_code == 1
    assert "第 2 行：适用单位「企业」应为「机关」或「事业」" in result.output


def test_catalog_load_non_utf8(tmp_path: Path) -> None:
    src = tmp_path / "gbk.csv"
    src.write_bytes("编码,名称\n2010301,行政运行\n".encode("gbk"))
    result = run("catalog", "load", src, "--kind", "functional", "--year", "2024")
    assert result.exit_code == 1
    assert "不是 UTF-8 编码的 CSV 文件" in result.output


def test_catalog_load_bad_kind(tmp_path: Path) -> None:
    src = tmp_path / "f.csv"
    src.write_text("code,name\n2010301,行政运行\n", encoding="utf-8")
    result = run("catalog", "load", src, "--kind", "weird", "--year", "2024")
    assert result.exit_code == 2
    assert "目录类型「weird」无效，可选：functional、econ、gov_econ、crosswalk" in result.output


def test_catalog_load_missing_file(tmp_path: Path) -> None:
    result = run("catalog", "load", tmp_path / "nope.csv", "--kind", "econ", "--year", "2024")
    assert result.exit_code == 2
    assert "文件不存在" in result.output


# -- packs -------------------------------------------------------------------------------------------


def test_packs_list() -> None:
    result = run("packs", "list")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert lines["henan-2024"].endswith("12 张表")
    assert lines["henan-2020"].endswith("11 张表")
    assert "河南省市级部门预算公开" in lines["henan-2024"]


def test_packs_check_builtin_folder() -> None:
    result = run("packs", "check", ROOT / "src" / "yusuan" / "packs" / "data" / "henan-2020")
    assert result.exit_code == 0
    assert "模板包 henan-2020" in result.output and "11 张表" in result.output


def test_packs_check_broken_pack(tmp_path: Path) -> None:
    pack = yaml.safe_load((ROOT / "src" / "yusuan" / "packs" / "data" / "henan-2024" / "pack.yaml")
                          .read_text(encoding="utf-8"))
    pack["tables"][2]["layout"]["columns"][0]["sum"] = {"source": ["私房钱"]}
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("packs", "check", path)
    assert result.exit_code == 1
    assert "有误" in result.output
    assert "表 expenditure_summary 列 total：source 的取值「私房钱」无效" in result.output


def test_packs_check_missing(tmp_path: Path) -> None:
    result = run("packs", "check", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "找不到模板包文件" in result.output


# -- misc ----------------------------------------------------------------------------------------------


def test_version() -> None:
    result = run("version")
    assert result.exit_code == 0
    assert result.output == f"yusuan {__version__}\n"


def test_no_arguments_shows_help() -> None:
    result = run()
    assert "build" in result.output and "validate" in result.output


def test_console_script_entry_point() -> None:
    script = Path(sys.executable).with_name("yusuan")
    assert script.is_file(), script
    proc = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"})
    assert proc.returncode == 0, proc.stderr
    for command in ("build", "validate", "template", "catalog", "packs", "version"):
        assert command in proc.stdout
    assert "部门预算编制、检查与公开" in proc.stdout


def test_console_script_missing_input_has_no_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("yusuan")
    proc = subprocess.run([str(script), "validate", str(tmp_path / "nope.yaml")], capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8",
                                           "YUSUAN_CATALOG_DIR": str(tmp_path / "catalogs")})
    assert proc.returncode == 2
    assert "文件不存在" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
