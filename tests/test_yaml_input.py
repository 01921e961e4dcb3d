"""YAML/JSON budget input: every malformed input gives a Chinese message with its location.

Each test writes a mutated copy of a real example into ``tmp_path`` and checks the exact
message fragment, the YAML path (``items[3].amount``) and the line (``where.row``).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.ingest import InputError, InputProblem, load_budget
from yusuan.ingest.errors import Severity

ROOT = Path(__file__).resolve().parents[1]
XINXIANG = ROOT / "examples" / "xinxiang-2024" / "budget.yaml"
JIYUAN = ROOT / "examples" / "jiyuan-2020" / "budget.yaml"
PROJECT = "410700220000000029927"


@pytest.fixture(autouse=True)
def _user_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read the developer's own loaded catalogues."""
    monkeypatch.setenv("YUSUAN_CATALOG_DIR", str(tmp_path / "catalogs"))


def example(path: Path = XINXIANG) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(path.read_text(encoding="utf-8")))


def dump(data: Any) -> str:
    """Block style: one key per line, so every value has its own line."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)


def write(tmp_path: Path, data: Any, name: str = "budget.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dump(data), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    """1-based line of the only line of ``path`` containing ``fragment``."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line]
    assert len(hits) == 1, f"{fragment!r} found on lines {hits}"
    return hits[0]


def problems_of(path: Path) -> list[InputProblem]:
    with pytest.raises(InputError) as info:
        load_budget(path)
    return info.value.problems


def at(problems: list[InputProblem], path: str, severity: Severity = "error") -> InputProblem:
    hits = [p for p in problems if p.where.path == path and p.severity == severity]
    assert len(hits) == 1, f"expected one {severity} at {path}, got {[str(p) for p in problems]}"
    return hits[0]


def errors(problems: list[InputProblem]) -> list[InputProblem]:
    return [p for p in problems if p.severity == "error"]


# -- happy path ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [XINXIANG, JIYUAN], ids=["xinxiang-2024", "jiyuan-2020"])
def test_examples_load_without_errors_or_warnings(path: Path) -> None:
    loaded = load_budget(path)
    assert loaded.warnings == ()


def test_xinxiang_example_contents() -> None:
    budget = load_budget(XINXIANG).budget
    assert budget.year == 2024
    assert budget.department.code == "154"
    assert [u.code for u in budget.units] == ["154001"]
    assert len(budget.items) == 20
    assert sum(i.amount for i in budget.items) == 504_110_000  # 504.11 万元 in 分
    assert budget.items[0].amount == 101_630_000
    assert budget.items[0].source_ref is not None
    assert budget.items[0].source_ref.row == line_of(XINXIANG, "amount: 101.63")
    assert budget.items[0].source_ref.path == "items[0]"


def test_jiyuan_example_contents() -> None:
    budget = load_budget(JIYUAN).budget
    assert budget.year == 2020
    assert sum(i.amount for i in budget.items) == 15_000_000  # 15.00 万元 in 分
    assert {p.code for p in budget.projects} == {"124001-2020-01", "124001-2020-02"}


def test_json_input_loads_like_yaml(tmp_path: Path) -> None:
    path = tmp_path / "budget.json"
    path.write_text(json.dumps(example(), ensure_ascii=False, indent=1), encoding="utf-8")
    from_json = load_budget(path).budget
    from_yaml = load_budget(XINXIANG).budget
    assert [i.amount for i in from_json.items] == [i.amount for i in from_yaml.items]
    assert from_json.items == from_yaml.items


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + XINXIANG.read_bytes())
    assert len(load_budget(path).budget.items) == 20


# -- file-level problems --------------------------------------------------------------------


def test_yaml_syntax_error_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text("year: 2024\nunits: [\n  {code: 1\nitems: []\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.message.startswith("YAML 格式错误：")
    assert problem.code == "syntax"
    assert problem.where.file == "budget.yaml"
    assert problem.where.row == 4


def test_yaml_syntax_error_in_real_file_points_at_the_broken_line(tmp_path: Path) -> None:
    lines = XINXIANG.read_text(encoding="utf-8").splitlines()
    broken = next(n for n, line in enumerate(lines) if "amount: 77.40}" in line)
    lines[broken] = lines[broken].replace("amount: 77.40}", "amount: 77.40")  # unclosed flow mapping
    path = tmp_path / "budget.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert "YAML 格式错误" in problem.message
    assert problem.where.row == broken + 2  # the parser notices on the following line


def test_tab_indentation_is_a_syntax_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text("year: 2024\n\tunits: []\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert "YAML 格式错误" in problem.message
    assert problem.where.row == 2


def test_json_syntax_error_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "budget.json"
    path.write_text('{\n  "year": 2024,\n  "items": [1,]\n}\n', encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.message == "JSON 格式错误：Expecting value"
    assert problem.code == "syntax"
    assert problem.where.row == 3


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    path.write_bytes("year: 2024\nname: 新乡\n".encode("gbk"))
    [problem] = problems_of(path)
    assert "文件不是 UTF-8 编码的文本" in problem.message
    assert problem.code == "bad-file"
    assert problem.where.file == "budget.yaml"


def test_non_utf8_file_reports_line_and_1_based_byte(tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    path.write_bytes("year: 2024\nname: 新乡\n".encode("gbk"))  # first bad byte is the 18th, on line 2
    [problem] = problems_of(path)
    assert "第 18 字节" in problem.message
    assert problem.where.row == 2


def test_missing_file() -> None:
    with pytest.raises(InputError) as info:
        load_budget(Path("/nonexistent/budget.yaml"))
    [problem] = info.value.problems
    assert problem.message == "文件不存在"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "budget.txt"
    path.write_text("year: 2024\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert "不支持的文件类型「.txt」" in problem.message


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", ""], ids=["list", "scalar", "empty"])
def test_top_level_not_a_mapping(tmp_path: Path, text: str) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text(text, encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.message.startswith("文件内容应为一个键值表")
    assert problem.code == "bad-shape"
    assert problem.where.row == (1 if text else None)


# -- shape problems ---------------------------------------------------------------------------


def test_missing_required_fields(tmp_path: Path) -> None:
    data = example()
    del data["department"]
    del data["items"]
    path = write(tmp_path, data)
    problems = problems_of(path)
    assert at(problems, "department").message == "部门：缺少必填项"
    assert at(problems, "items").message == "支出明细：缺少必填项"
    assert at(problems, "items").code == "missing"
    assert at(problems, "department").where.row == 1  # the enclosing mapping starts there
    assert len(problems) == 2


def test_missing_field_inside_an_item_points_at_the_item(tmp_path: Path) -> None:
    data = example()
    del data["items"][2]["econ"]
    data["items"][2]["amount"] = "131.89"  # a marker for the item's line
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[2].econ")
    assert problem.message == "经济分类编码：缺少必填项"
    # keys left: unit, functional, kind, source, amount → the item ("- unit: …") starts 4 lines above amount
    assert problem.where.row == line_of(path, "amount: '131.89'") - 4


def test_unknown_fields(tmp_path: Path) -> None:
    data = example()
    data["colour"] = "red"
    data["items"][2]["amout"] = 1
    path = write(tmp_path, data)
    problems = problems_of(path)
    top = at(problems, "colour")
    assert top.message == "colour：不认识的字段（请检查拼写）"
    assert top.code == "extra_forbidden"
    assert top.where.row == line_of(path, "colour: red")
    nested = at(problems, "items[2].amout")
    assert nested.message == "amout：不认识的字段（请检查拼写）"
    assert nested.where.row == line_of(path, "amout: 1")


def test_year_not_a_number(tmp_path: Path) -> None:
    data = example()
    data["year"] = "二〇二四"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "year")
    assert problem.message == "预算年度：应为整数"
    assert problem.where.row == line_of(path, "二〇二四")


def test_items_not_a_list(tmp_path: Path) -> None:
    data = example()
    data["items"] = {"a": 1}
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items")
    assert problem.message == "支出明细：应为列表"


def test_amount_of_wrong_type_reports_one_problem(tmp_path: Path) -> None:
    data = example()
    data["items"][3]["amount"] = [1, 2]
    path = write(tmp_path, data)
    problems = [p for p in problems_of(path) if p.where.path == "items[3].amount"]
    assert len(problems) == 1
    assert problems[0].message == "金额：应为数字"


def test_boolean_amount_is_rejected(tmp_path: Path) -> None:
    data = example()
    data["items"][3]["amount"] = True
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[3].amount")
    assert "数字" in problem.message  # e.g. 金额「True」不是数字 or 金额：应为数字


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    text = XINXIANG.read_text(encoding="utf-8").replace("pack: henan-2024\n", "pack: henan-2024\nyear: 2025\n")
    path = tmp_path / "budget.yaml"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path)
    assert any("重复" in p.message and p.where.row == line_of(path, "year: 2025") for p in problems)


# -- values -------------------------------------------------------------------------------------


def test_text_amount(tmp_path: Path) -> None:
    data = example()
    data["items"][3]["amount"] = "十万"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[3].amount")
    assert "金额「十万」不是数字" in problem.message
    assert problem.code == "bad-amount"
    assert problem.where.row == line_of(path, "十万")
    assert problem.where.file == "budget.yaml"


def test_text_amount_in_the_original_file_keeps_its_line(tmp_path: Path) -> None:
    """Comments and flow mappings of the hand-written example: the line is still right."""
    text = XINXIANG.read_text(encoding="utf-8").replace("amount: 37.38}", "amount: 三十七}")
    path = tmp_path / "budget.yaml"
    path.write_text(text, encoding="utf-8")
    problem = at(problems_of(path), "items[3].amount")
    assert "金额「三十七」不是数字" in problem.message
    assert problem.where.row == line_of(XINXIANG, "amount: 37.38}")
    assert f"第 {problem.where.row} 行" in str(problem)
    assert "位置 items[3].amount" in str(problem)


@pytest.mark.parametrize(("unit", "amount"), [("万元", "1.2345678"), ("万元", 0.0000001), ("元", "1.234")])
def test_amount_below_fen_precision(tmp_path: Path, unit: str, amount: object) -> None:
    data = example()
    data["money_unit"] = unit
    data["items"][3]["amount"] = amount
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[3].amount")
    assert f"{unit}精确到分以下，无法精确表示" in problem.message
    assert problem.code == "bad-amount"
    assert problem.where.row == line_of(path, f"amount: {dump(amount).splitlines()[0]}")


def test_six_decimals_in_wan_is_exactly_one_fen(tmp_path: Path) -> None:
    data = example()
    data["items"][3]["amount"] = "37.380001"
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.items[3].amount == 37_380_001


def test_money_unit_yuan(tmp_path: Path) -> None:
    data = example()
    data["money_unit"] = "元"
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.items[0].amount == 10_163  # 101.63 元


def test_unknown_money_unit(tmp_path: Path) -> None:
    data = example()
    data["money_unit"] = "千元"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "money_unit")
    assert problem.message == "未知的金额单位「千元」，应为「元」或「万元」"
    assert problem.where.row == line_of(path, "千元")


def test_year_out_of_range(tmp_path: Path) -> None:
    data = example()
    data["year"] = 1024
    path = write(tmp_path, data)
    assert at(problems_of(path), "year").message == "预算年度 1024 不在 2000–2100 之间"


@pytest.mark.parametrize("code", ["20103", "20103AB", "201030100"])
def test_bad_functional_code(tmp_path: Path, code: str) -> None:
    data = example()
    data["items"][1]["functional"] = code
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[1].functional")
    assert problem.message == f"功能分类编码「{code}」应为 7 位数字的项级科目（如 2010301）"
    assert problem.code == "bad-code"
    assert problem.where.row == line_of(path, f"functional: {dump(code).splitlines()[0]}")


@pytest.mark.parametrize("code", ["3010", "abcde", "301"])
def test_bad_econ_code(tmp_path: Path, code: str) -> None:
    data = example()
    data["items"][4]["econ"] = code
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[4].econ")
    assert problem.message == f"部门经济分类编码「{code}」应为 5 位数字的款级科目（如 30101）"
    assert problem.where.row == line_of(path, f"econ: {dump(code).splitlines()[0]}")


def test_spaced_and_numeric_codes_are_normalized(tmp_path: Path) -> None:
    data = example()
    data["items"][0]["functional"] = "201 03 01"
    data["items"][0]["econ"] = 30101  # unquoted number
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.items[0].functional_code == "2010301"
    assert budget.items[0].econ_code == "30101"


def test_full_width_digits_in_codes_are_normalized(tmp_path: Path) -> None:
    data = example()
    data["items"][0]["functional"] = "２０１０３０１"
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.items[0].functional_code == "2010301"


def test_unknown_unit_reference(tmp_path: Path) -> None:
    data = example()
    data["items"][3]["unit"] = "999999"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[3].unit")
    assert problem.message == "单位编码 999999 不在预算单位中"
    assert problem.code == "unknown-unit"
    assert problem.where.row == line_of(path, "unit: '999999'")


def test_unknown_unit_of_a_project(tmp_path: Path) -> None:
    data = example()
    data["projects"][0]["unit"] = "888888"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "projects[0].unit")
    assert problem.message == "项目的单位编码 888888 不在预算单位中"
    assert problem.where.row == line_of(path, "888888")


def test_unknown_project_reference(tmp_path: Path) -> None:
    data = example()
    data["items"][16]["project"] = "NO-SUCH-PROJECT"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[16].project")
    assert problem.message == "项目编码 NO-SUCH-PROJECT 不在项目表中"
    assert problem.code == "unknown-project"
    assert problem.where.row == line_of(path, "NO-SUCH-PROJECT")


def test_project_expenditure_without_project(tmp_path: Path) -> None:
    data = example()
    del data["items"][16]["project"]
    data["items"][16]["amount"] = "22.00"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[16].project")
    assert problem.message == "项目支出必须填写项目编码"
    assert problem.code == "missing"
    assert problem.where.row == line_of(path, "amount: '22.00'") - 5  # no such key: the item's first line


def test_basic_expenditure_with_project(tmp_path: Path) -> None:
    data = example()
    data["items"][0]["project"] = PROJECT
    data["items"][0]["amount"] = "101.63"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[0].project")
    assert problem.message == "基本支出不应填写项目编码"
    assert problem.where.row == line_of(path, "amount: '101.63'") + 1


def test_unknown_funding_source_lists_choices(tmp_path: Path) -> None:
    data = example()
    data["items"][0]["source"] = "私房钱"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[0].source")
    assert problem.message.startswith("「私房钱」不是有效的资金来源，可选：财政拨款、纳入预算管理的行政事业性收费、")
    for choice in ("政府性基金预算", "国有资本经营预算", "财政专户管理资金", "事业收入", "上级补助收入", "其他收入"):
        assert choice in problem.message
    assert problem.code == "bad-value"
    assert problem.where.row == line_of(path, "私房钱")


def test_unknown_expenditure_kind_lists_choices(tmp_path: Path) -> None:
    data = example()
    data["items"][1]["kind"] = "杂项"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[1].kind")
    assert problem.message == "「杂项」不是有效的支出类型，可选：基本支出、项目支出"
    assert problem.where.row == line_of(path, "杂项")


def test_unknown_unit_type_lists_choices(tmp_path: Path) -> None:
    data = example()
    data["units"][0]["type"] = "公司"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "units[0].type")
    assert problem.message == "「公司」不是有效的单位类型，可选：行政单位、参照公务员法管理事业单位、事业单位、其他单位"
    assert problem.where.row == line_of(path, "type: 公司")


def test_unknown_project_kind_lists_choices(tmp_path: Path) -> None:
    data = example()
    data["projects"][0]["kind"] = "面子工程"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "projects[0].kind")
    assert problem.message == "「面子工程」不是有效的项目类型，可选：其他运转类、特定目标类、一般性项目、专项资金"


def test_unknown_procurement_kind_lists_choices(tmp_path: Path) -> None:
    data = example()
    data["items"][19]["procurement"]["kind"] = "鸡蛋"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[19].procurement.kind")
    assert problem.message == "「鸡蛋」不是有效的政府采购品目，可选：货物、工程、服务"
    assert problem.where.row == line_of(path, "鸡蛋")


def test_chinese_aliases_are_accepted(tmp_path: Path) -> None:
    data = example()
    data["units"][0]["type"] = "机关"
    data["items"][0]["kind"] = "基本"
    data["items"][0]["source"] = "财政拨款"
    data["projects"][0]["kind"] = "特定目标"
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.units[0].type.label == "行政单位"
    assert budget.items[0].kind.label == "基本支出"
    assert budget.items[0].source.value == "gpb_appropriation"
    assert budget.projects[0].kind.value == "specific_purpose"


def test_duplicate_unit_code(tmp_path: Path) -> None:
    data = example()
    data["units"].append({"code": "154001", "name": "重复的单位", "type": "行政单位"})
    path = write(tmp_path, data)
    problem = at(problems_of(path), "units[1].code")
    assert problem.message == "单位编码 154001 重复"
    assert problem.code == "duplicate"
    assert problem.where.row == line_of(path, "name: 重复的单位") - 1


def test_duplicate_project_code(tmp_path: Path) -> None:
    data = example()
    data["projects"].append({"code": PROJECT, "name": "重复的项目", "unit": "154001", "kind": "特定目标类"})
    path = write(tmp_path, data)
    problem = at(problems_of(path), "projects[1].code")
    assert problem.message == f"项目编码 {PROJECT} 重复"
    assert problem.code == "duplicate"
    assert problem.where.row == line_of(path, "name: 重复的项目") - 1


def test_procurement_larger_than_amount(tmp_path: Path) -> None:
    data = example()
    data["items"][19]["procurement"]["amount"] = "5.01"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[19].procurement.amount")
    assert problem.message == "政府采购金额大于本行支出金额"
    assert problem.code == "bad-amount"
    assert problem.where.row == line_of(path, "amount: '5.01'")


def test_procurement_equal_to_amount_is_fine(tmp_path: Path) -> None:
    budget = load_budget(write(tmp_path, example())).budget
    assert budget.items[19].procurement_amount == budget.items[19].amount == 3_000_000


def test_unknown_prior_year_metric(tmp_path: Path) -> None:
    data = example()
    data["prior_year"]["amounts"]["上年奖金池"] = 1
    path = write(tmp_path, data)
    problem = at(problems_of(path), "prior_year.amounts.上年奖金池")
    assert problem.message.startswith("不认识的上年数项目「上年奖金池」，可选：收入总计、支出总计、基本支出、")
    assert "“三公”经费合计" in problem.message
    assert problem.code == "unknown-key"
    assert problem.where.row == line_of(path, "上年奖金池")


def test_prior_year_metric_by_chinese_label(tmp_path: Path) -> None:
    data = example()
    data["prior_year"]["amounts"] = {"支出总计": "442.71", "公务接待费": 1}
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.prior is not None
    assert dict(budget.prior.amounts) == {"expenditure_total": 442_710_000, "official_reception": 1_000_000}


def test_prior_year_of_the_wrong_year_is_a_warning(tmp_path: Path) -> None:
    data = example()
    data["prior_year"]["year"] = 2021
    path = write(tmp_path, data)
    loaded = load_budget(path)
    [warning] = loaded.warnings
    assert warning.message == "上年数的年度为 2021，预算年度为 2024，通常应为 2023"
    assert warning.where.row == line_of(path, "year: 2021")


# -- catalogue lookups --------------------------------------------------------------------------


def test_code_missing_from_catalogue_is_only_a_warning(tmp_path: Path) -> None:
    data = example()
    data["items"][0]["functional"] = "2019999"  # neither 20199 nor 2019999 is in the shipped catalogue
    path = write(tmp_path, data)
    loaded = load_budget(path)
    assert loaded.budget.items[0].functional_code == "2019999"
    assert loaded.budget.functional_name("2019999") == ""
    assert loaded.budget.functional_name("20199") == ""
    assert loaded.budget.functional_name("201") == "一般公共服务支出"
    warnings = [w for w in loaded.warnings if w.code == "unknown-code"]
    assert [w.message.split(" 不在")[0] for w in warnings] == ["支出功能分类科目 20199", "支出功能分类科目 2019999"]
    assert "不在已加载的 2024 年科目目录中，且未填写名称" in warnings[1].message
    assert "yusuan catalog load" in warnings[1].message
    assert all(w.severity == "warning" and w.where.path == "items[0].functional" for w in warnings)
    assert warnings[0].where.row == line_of(path, "functional: '2019999'")


def test_unknown_econ_code_warns_and_is_unmapped(tmp_path: Path) -> None:
    data = example()
    data["items"][1]["econ"] = "30198"
    path = write(tmp_path, data)
    loaded = load_budget(path)
    by_code = {w.code: w for w in loaded.warnings}
    assert set(by_code) == {"unknown-code", "unmapped"}
    assert by_code["unknown-code"].message.startswith("部门预算支出经济分类科目 30198 不在已加载的 2024 年科目目录中")
    assert by_code["unmapped"].message.startswith("部门经济分类 30198 在对应关系中找不到政府预算经济分类")
    assert by_code["unmapped"].where.row == line_of(path, "econ: '30198'")
    assert loaded.budget.econ_name("30198") == ""


def test_unknown_code_warned_once_per_code(tmp_path: Path) -> None:
    data = example()
    for n in (0, 1, 2):
        data["items"][n]["econ"] = "30198"
    loaded = load_budget(write(tmp_path, data))
    assert [w.where.path for w in loaded.warnings if w.code == "unknown-code"] == ["items[0].econ"]


def test_names_filled_from_catalogue_when_only_codes_given(tmp_path: Path) -> None:
    data = example()
    del data["names"]
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.functional_name("2010301") == "行政运行"
    assert budget.functional_name("20103") == "政府办公厅（室）及相关机构事务"
    assert budget.functional_name("201") == "一般公共服务支出"
    assert budget.functional_name("20805") == "行政事业单位养老支出"
    assert budget.econ_name("30101") == "基本工资"
    assert budget.econ_name("301") == "工资福利支出"
    assert budget.gov_econ_name("50101") == "工资奖金津补贴"
    assert budget.gov_econ_name("502") == "机关商品和服务支出"
    item = budget.items[8]
    assert (item.econ_code, item.gov_econ_code) == ("30201", "50201")  # 行政单位 crosswalk


def test_institution_gets_institution_crosswalk(tmp_path: Path) -> None:
    data = example(JIYUAN)
    del data["names"]
    budget = load_budget(write(tmp_path, data)).budget
    assert {i.gov_econ_code for i in budget.items} == {"50502"}  # 事业单位: 302xx → 50502
    assert budget.gov_econ_name("505") == "对事业单位经常性补助"


def test_names_section_overrides_catalogue(tmp_path: Path) -> None:
    data = example()
    data["items"][0]["functional"] = "2019999"
    data["names"] = {"functional": {"2019999": "自定义科目", 2010301: "本局行政运行"}, "econ": {"30101": "岗位工资"}}
    loaded = load_budget(write(tmp_path, data))
    budget = loaded.budget
    assert budget.functional_name("2019999") == "自定义科目"
    assert budget.functional_name("2010301") == "本局行政运行"
    assert budget.econ_name("30101") == "岗位工资"
    assert budget.econ_name("30102") == "津贴补贴"  # not overridden: from the catalogue
    # only the 款 20199 is still unnamed
    assert [w.message.split(" 不在")[0] for w in loaded.warnings] == ["支出功能分类科目 20199"]


def test_gov_econ_override(tmp_path: Path) -> None:
    data = example()
    data["items"][8]["gov_econ"] = "50299"
    budget = load_budget(write(tmp_path, data)).budget
    assert budget.items[8].gov_econ_code == "50299"
    assert budget.items[8].gov_econ_overridden is True


def test_bad_gov_econ_override(tmp_path: Path) -> None:
    data = example()
    data["items"][8]["gov_econ"] = "5029"
    path = write(tmp_path, data)
    problem = at(problems_of(path), "items[8].gov_econ")
    assert problem.message == "政府经济分类编码「5029」应为 5 位数字"
    assert problem.where.row == line_of(path, "gov_econ: '5029'")


# -- several problems at once ----------------------------------------------------------------


def _many_errors() -> dict[str, Any]:
    data = example()
    data["units"][0]["type"] = "公司"
    data["items"][0]["functional"] = "20103"
    data["items"][2]["econ"] = "abcde"
    data["items"][3]["amount"] = "十万"
    data["items"][5]["source"] = "私房钱"
    data["items"][7]["unit"] = "999999"
    data["items"][9]["kind"] = "杂项"
    return data


def test_all_errors_reported_together_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, _many_errors())
    problems = errors(problems_of(path))
    assert len(problems) >= 5
    assert [p.where.path for p in problems] == [
        "units[0].type", "items[0].functional", "items[2].econ", "items[3].amount", "items[5].source",
        "items[7].unit", "items[9].kind",
    ]
    rows = [p.where.row for p in problems]
    assert all(isinstance(r, int) for r in rows)
    assert rows == sorted(rows)
    assert rows[0] == line_of(path, "type: 公司")
    assert rows[-1] == line_of(path, "杂项")


def test_input_error_report_lists_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, _many_errors())
    with pytest.raises(InputError) as info:
        load_budget(path)
    exc = info.value
    assert str(exc) == "输入有 7 处错误（budget.yaml）"
    report = exc.report()
    assert report.count("[错误] budget.yaml：第 ") == 7
    assert "位置 items[3].amount" in report


def test_errors_in_file_order_across_sections(tmp_path: Path) -> None:
    data = _many_errors()
    data["projects"].append({"code": PROJECT, "name": "重复的项目", "unit": "154001", "kind": "特定目标类"})
    data["items"][19]["procurement"] = {"amount": "5.01", "kind": "鸡蛋"}  # amount line precedes kind line
    path = write(tmp_path, data)
    rows = [p.where.row or 0 for p in problems_of(path)]
    assert rows == sorted(rows)


def test_shape_error_does_not_hide_other_errors(tmp_path: Path) -> None:
    data = _many_errors()
    data["items"][12]["amout"] = 1
    path = write(tmp_path, data)
    paths = {p.where.path for p in problems_of(path)}
    assert {"items[12].amout", "items[3].amount", "units[0].type"} <= paths


def test_json_errors_have_lines(tmp_path: Path) -> None:
    data = example()
    data["items"][3]["amount"] = "十万"
    path = tmp_path / "budget.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    problem = at(problems_of(path), "items[3].amount")
    assert problem.where.row == line_of(path, "十万")


def test_json_errors_have_paths(tmp_path: Path) -> None:
    data = example()
    data["items"][3]["amount"] = "十万"
    data["items"][5]["functional"] = "201"
    path = tmp_path / "budget.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    problems = problems_of(path)
    assert "金额「十万」不是数字" in at(problems, "items[3].amount").message
    assert at(problems, "items[5].functional").where.file == "budget.json"


# -- nothing written on errors --------------------------------------------------------------------


def test_build_writes_nothing_when_input_has_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    path = write(tmp_path, _many_errors())
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "未生成任何文件" in result.output
    assert "items[3].amount" in result.output
    assert "Traceback" not in result.output


def test_api_build_writes_nothing_when_input_has_errors(tmp_path: Path) -> None:
    from yusuan.api import build

    path = write(tmp_path, _many_errors())
    with pytest.raises(InputError):
        build(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()
