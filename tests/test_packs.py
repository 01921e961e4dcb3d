"""Template packs: built-in packs are well formed; broken packs give Chinese errors naming the table;
a province's layout written as YAML (no Python) compiles a real budget."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from yusuan.api import compile_budget
from yusuan.domain.budget import Budget
from yusuan.ingest import load_budget
from yusuan.packs import Pack, PackError, builtin_packs, check_pack, load_pack
from yusuan.packs.model import BalanceTable, MatrixTable, TargetsTable

ROOT = Path(__file__).resolve().parents[1]
XINXIANG = ROOT / "examples" / "xinxiang-2024" / "budget.yaml"
JIYUAN = ROOT / "examples" / "jiyuan-2020" / "budget.yaml"
BUILTIN = ["henan-2020", "henan-2024"]

# A made-up province's three tables, written exactly as a user would: data only.
CUSTOM_PACK = """\
id: test-province
name: 测试省部门预算公开（3 张表）
money_unit: 元
decimals: 2
number_format: "公开{n:02d}表"
zero_display: zero
tables:
  - id: totals
    number: 1
    title: "{department}{year}年支出总表"
    layout:
      kind: matrix
      label_columns:
        - {key: name, header: [项目], field: name}
      columns:
        - {key: total, header: [合计], sum: {}}
        - {key: gp, header: ["{year}年一般公共预算"], sum: {source_group: [general_public]}}
        - {key: fund, header: [政府性基金], sum: {source_group: [government_fund]}}
      rows:
        - {level: total, label: 支出合计}
        - level: fixed
          rows:
            - {key: basic, label: 基本支出, sum: {kind: basic}}
            - {key: personnel, label: 其中：人员经费, sum: {kind: basic, basic_category: personnel}, indent: 1}
            - {key: project, label: 项目支出, sum: {kind: project}}
  - id: by_function
    number: 2
    title: "{year}年按功能分类支出表"
    layout:
      kind: matrix
      label_columns:
        - {key: code, header: [科目编码], field: functional_code}
        - {key: name, header: [科目名称], field: name}
      columns:
        - {key: amount, header: [金额], sum: {}}
        - {key: goods, header: [其中：政府采购（货物）], sum: {measure: procurement, procurement_kind: [goods]}}
      rows:
        - {level: total, label: 合计}
        - {level: functional_item}
  - id: three_public
    number: 3
    title: "{year}年“三公”经费表"
    empty_statement: "{department}本年度没有“三公”经费。"
    layout:
      kind: matrix
      label_columns:
        - {key: name, header: [项目], field: name}
      columns:
        - {key: amount, header: [预算数], sum: {}}
      rows:
        - level: fixed
          rows:
            - {key: overseas, label: 因公出国（境）费, sum: {econ: ["30212"]}}
            - {key: reception, label: 公务接待费, sum: {econ: ["30217"]}}
            - {key: vehicles, label: 公务用车运行维护费, sum: {econ: ["30231"]}}
"""


@pytest.fixture(autouse=True)
def _user_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_CATALOG_DIR", str(tmp_path / "catalogs"))


@pytest.fixture
def xinxiang() -> Budget:
    return load_budget(XINXIANG).budget


def custom() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(CUSTOM_PACK))


def write_pack(tmp_path: Path, data: Any, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def pack_error(path: Path) -> str:
    with pytest.raises(PackError) as info:
        load_pack(path)
    return str(info.value)


def column_keys(layout: MatrixTable | BalanceTable | TargetsTable) -> list[str]:
    if isinstance(layout, MatrixTable):
        return [c.key for c in layout.label_columns] + [c.key for c in layout.columns]
    if isinstance(layout, BalanceTable):
        return [c.key for c in layout.income.columns] + [c.key for c in layout.expenditure.columns]
    return []


# -- built-in packs --------------------------------------------------------------------------------


def test_builtin_packs_are_listed() -> None:
    packs = builtin_packs()
    assert set(BUILTIN) <= set(packs)
    assert packs == sorted(packs)


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_pack_loads_and_checks(name: str) -> None:
    pack = load_pack(name)
    assert isinstance(pack, Pack)
    assert pack.id == name
    assert pack.money_unit == "万元"
    assert pack.decimals == 2
    assert check_pack(pack) == []
    assert load_pack(name) is pack  # cached


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_pack_tables_have_unique_ids_and_column_keys(name: str) -> None:
    pack = load_pack(name)
    ids = [t.id for t in pack.tables]
    assert len(ids) == len(set(ids))
    for spec in pack.tables:
        keys = column_keys(spec.layout)
        assert len(keys) == len(set(keys)), f"{name}/{spec.id}: {keys}"
        layout = spec.layout
        if isinstance(layout, BalanceTable):
            for side in (layout.income, layout.expenditure):
                row_keys = [r.key for r in side.rows]
                assert len(row_keys) == len(set(row_keys)), f"{name}/{spec.id}"
        if isinstance(layout, MatrixTable):
            for level in layout.rows:
                row_keys = [r.key for r in level.rows]
                assert len(row_keys) == len(set(row_keys)), f"{name}/{spec.id}"


@pytest.mark.parametrize(("name", "count"), [("henan-2020", 9), ("henan-2024", 12)])
def test_builtin_pack_numbers_have_no_gaps(name: str, count: int) -> None:
    pack = load_pack(name)
    numbers = [t.number for t in pack.tables if t.number is not None]
    assert numbers == list(range(1, count + 1))


def test_henan_2024_table_order() -> None:
    ids = [t.id for t in load_pack("henan-2024").tables]
    assert ids == [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
        "general_public_expenditure", "general_public_basic", "econ_summary", "three_public",
        "government_fund_expenditure", "project_expenditure", "department_targets", "project_targets_summary",
    ]


def test_henan_2020_has_unnumbered_target_tables() -> None:
    pack = load_pack("henan-2020")
    unnumbered = [t.id for t in pack.tables if t.number is None]
    assert unnumbered == ["department_targets", "project_target_sheets"]


def test_builtin_pack_by_folder_path() -> None:
    folder = ROOT / "src" / "yusuan" / "packs" / "data" / "henan-2024"
    pack = load_pack(folder)
    assert pack.id == "henan-2024"
    assert len(pack.tables) == 12


@pytest.mark.parametrize(("path", "pack"), [(XINXIANG, "henan-2024"), (JIYUAN, "henan-2020")])
def test_examples_compile_with_their_pack(path: Path, pack: str) -> None:
    budget = load_budget(path).budget
    assert budget.pack == pack
    compiled = compile_budget(budget)
    assert compiled.pack.id == pack
    table = compiled.tables.get("expenditure_summary")
    assert table.value("total", "total") == sum(i.amount for i in budget.items)


# -- broken packs ------------------------------------------------------------------------------------


def test_unknown_filter_value(tmp_path: Path) -> None:
    data = custom()
    data["tables"][0]["layout"]["columns"][1]["sum"]["source_group"] = ["private"]
    message = pack_error(write_pack(tmp_path, data))
    assert message.startswith(f"模板包 {tmp_path / 'pack.yaml'} 有误：")
    assert "表 totals 列 gp：source_group 的取值「private」无效，可选 general_public, government_fund" in message


def test_unknown_filter_value_in_a_fixed_row(tmp_path: Path) -> None:
    data = custom()
    data["tables"][0]["layout"]["rows"][1]["rows"][2]["sum"]["project_kind"] = ["vanity"]
    message = pack_error(write_pack(tmp_path, data))
    assert "表 totals 行 project：project_kind 的取值「vanity」无效" in message


def test_unknown_filter_value_in_scope(tmp_path: Path) -> None:
    data = custom()
    data["tables"][2]["scope"] = {"unit_type": ["company"]}
    message = pack_error(write_pack(tmp_path, data))
    assert "表 three_public scope：unit_type 的取值「company」无效" in message


def test_non_numeric_code_in_filter(tmp_path: Path) -> None:
    data = custom()
    data["tables"][2]["layout"]["rows"][0]["rows"][0]["sum"]["econ"] = ["302十二"]
    message = pack_error(write_pack(tmp_path, data))
    assert "表 three_public 行 overseas：econ 的编码「302十二」应为数字（请加引号）" in message


def test_bad_label_field(tmp_path: Path) -> None:
    data = custom()
    data["tables"][1]["layout"]["label_columns"][0]["field"] = "colour"
    message = pack_error(write_pack(tmp_path, data))
    assert "表 by_function：标签列 code 的字段「colour」无效" in message


def test_bad_row_label_field(tmp_path: Path) -> None:
    data = custom()
    data["tables"][1]["layout"]["rows"][1]["labels"] = {"colour": "{code}"}
    message = pack_error(write_pack(tmp_path, data))
    assert "表 by_function：行层级 functional_item 的标签字段「colour」无效" in message


def test_duplicate_table_id(tmp_path: Path) -> None:
    data = custom()
    data["tables"][2]["id"] = "totals"
    message = pack_error(write_pack(tmp_path, data))
    assert "表 totals：表标识重复" in message


def test_duplicate_table_number(tmp_path: Path) -> None:
    data = custom()
    data["tables"][2]["number"] = 1
    message = pack_error(write_pack(tmp_path, data))
    assert "表 three_public：表号 1 重复" in message


def test_duplicate_column_key(tmp_path: Path) -> None:
    data = custom()
    data["tables"][1]["layout"]["columns"][0]["key"] = "name"
    message = pack_error(write_pack(tmp_path, data))
    assert "表 by_function：列标识重复 name" in message


def test_unknown_placeholder_in_title(tmp_path: Path) -> None:
    data = custom()
    data["tables"][2]["title"] = "{province}{year}年“三公”经费表"
    message = pack_error(write_pack(tmp_path, data))
    # the template is quoted up to its 20th character
    assert "表 three_public：文字模板「{province}{year}年“三公…」含未知占位符 'province'" in message


def test_unknown_placeholder_in_empty_statement(tmp_path: Path) -> None:
    data = custom()
    data["tables"][2]["empty_statement"] = "{单位}没有数据"
    message = pack_error(write_pack(tmp_path, data))
    assert "表 three_public：文字模板「{单位}没有数据…」含未知占位符" in message


def test_all_problems_reported_together(tmp_path: Path) -> None:
    data = custom()
    data["tables"][0]["layout"]["columns"][1]["sum"]["source_group"] = ["private"]
    data["tables"][1]["layout"]["label_columns"][0]["field"] = "colour"
    data["tables"][2]["title"] = "{province}"
    lines = pack_error(write_pack(tmp_path, data)).splitlines()[1:]
    assert [line.split("：")[0].strip() for line in lines] == ["表 totals 列 gp", "表 by_function", "表 three_public"]


def test_check_pack_directly() -> None:
    data = custom()
    data["tables"][2]["id"] = "totals"
    pack = Pack.model_validate(data)
    assert check_pack(pack) == ["表 totals：表标识重复"]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("id: x\ntables: [\n  - a\n", encoding="utf-8")
    message = pack_error(path)
    assert message.startswith(f"模板包 {path} 不是有效的 YAML：")
    assert "line 3" in message


def test_missing_file(tmp_path: Path) -> None:
    assert pack_error(tmp_path / "nope.yaml") == f"找不到模板包文件 {tmp_path / 'nope.yaml'}"


def test_folder_without_pack_yaml(tmp_path: Path) -> None:
    assert pack_error(tmp_path) == f"找不到模板包文件 {tmp_path / 'pack.yaml'}"


def test_unknown_builtin_name_lists_the_builtin_packs() -> None:
    with pytest.raises(PackError) as info:
        load_pack("henan-1999")
    assert str(info.value).startswith("没有名为「henan-1999」的模板包；内置模板包：")
    assert "henan-2020、henan-2024" in str(info.value)


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    assert pack_error(path) == f"模板包 {path} 应为键值表"


def test_schema_error_is_reported_as_format_error(tmp_path: Path) -> None:
    data = custom()
    data["tables"][1]["layout"]["kind"] = "pie"
    message = pack_error(write_pack(tmp_path, data))
    assert message.startswith(f"模板包 {tmp_path / 'pack.yaml'} 格式错误：")
    assert "表 by_function：layout" in message and "kind 取值无效" in message


def test_schema_error_is_chinese_and_names_the_table(tmp_path: Path) -> None:
    data = custom()
    data["tables"][1]["layout"]["rows"][1]["level"] = "county"
    message = pack_error(write_pack(tmp_path, data))
    assert "by_function" in message
    assert "Input should be" not in message


def test_unknown_placeholder_in_column_header(tmp_path: Path) -> None:
    data = custom()
    data["tables"][1]["layout"]["columns"][0]["header"] = ["{foo}金额"]
    message = pack_error(write_pack(tmp_path, data))
    assert "表 by_function" in message
    assert "foo" in message


def test_x_keys_are_ignored(tmp_path: Path) -> None:
    data = custom()
    data["x-notes"] = {"anything": [1, 2, 3]}
    assert load_pack(write_pack(tmp_path, data)).id == "test-province"


# -- a custom pack, as data ------------------------------------------------------------------------


@pytest.fixture
def custom_path(tmp_path: Path) -> Path:
    path = tmp_path / "test-province" / "pack.yaml"
    path.parent.mkdir()
    path.write_text(CUSTOM_PACK, encoding="utf-8")
    return path


def test_custom_pack_loads_and_checks(custom_path: Path) -> None:
    pack = load_pack(custom_path)
    assert pack.id == "test-province"
    assert [t.id for t in pack.tables] == ["totals", "by_function", "three_public"]
    assert check_pack(pack) == []


def test_custom_pack_compiles_the_budget(xinxiang: Budget, custom_path: Path) -> None:
    compiled = compile_budget(xinxiang, pack=custom_path)
    assert compiled.pack.id == "test-province"
    assert compiled.money_unit.value == "元"
    assert [t.id for t in compiled.tables] == ["totals", "by_function", "three_public"]

    totals = compiled.tables.get("totals")
    assert totals.code == "公开01表"
    assert totals.title == "新乡市金融工作局2024年支出总表"
    assert totals.full_title == "公开01表 新乡市金融工作局2024年支出总表"
    assert totals.unit_label == "单位：元"
    assert [c.header for c in totals.columns] == [("项目",), ("合计",), ("2024年一般公共预算",), ("政府性基金",)]
    assert [r.key for r in totals.rows] == ["total", "fixed:basic", "fixed:personnel", "fixed:project"]
    assert [r.label for r in totals.rows] == ["支出合计", "基本支出", "其中：人员经费", "项目支出"]
    assert totals.row("fixed:personnel") is not None and totals.row("fixed:personnel").indent == 1
    assert totals.value("total", "total") == 504_110_000
    assert totals.value("total", "gp") == 504_110_000
    assert totals.value("total", "fund") == 0
    assert totals.value("fixed:basic", "total") == 467_110_000
    assert totals.value("fixed:personnel", "total") == 423_510_000
    assert totals.value("fixed:project", "total") == 37_000_000
    total_row = totals.row("total")
    assert total_row is not None
    assert [totals.display(c) for c in total_row.cells] == ["支出合计", "5041100.00", "5041100.00", "0.00"]


def test_custom_pack_functional_rows(xinxiang: Budget, custom_path: Path) -> None:
    table = compile_budget(xinxiang, pack=custom_path).tables.get("by_function")
    assert table.title == "2024年按功能分类支出表"
    assert [r.key for r in table.rows] == [
        "total", "functional:2010301", "functional:2010305", "functional:2080505", "functional:2089999",
        "functional:2101101", "functional:2101103",
    ]
    assert table.value("functional:2010301", "amount") == 391_900_000
    assert table.value("functional:2010305", "amount") == 37_000_000
    assert table.value("functional:2010305", "goods") == 3_000_000
    assert table.value("total", "goods") == 3_000_000
    assert sum(table.value(r.key, "amount") for r in table.rows[1:]) == table.value("total", "amount")
    row = table.row("functional:2101103")
    assert row is not None
    assert [c.value for c in row.cells[:2]] == ["2101103", "公务员医疗补助"]


def test_custom_pack_fixed_row_table(xinxiang: Budget, custom_path: Path) -> None:
    table = compile_budget(xinxiang, pack=custom_path).tables.get("three_public")
    assert table.code == "公开03表"
    assert [r.label for r in table.rows] == ["因公出国（境）费", "公务接待费", "公务用车运行维护费"]
    assert table.value("fixed:overseas", "amount") == 0
    assert table.value("fixed:reception", "amount") == 1_000_000
    assert table.value("fixed:vehicles", "amount") == 3_100_000
    assert not table.is_empty
    assert table.empty_statement == "新乡市金融工作局本年度没有“三公”经费。"


def test_custom_pack_on_another_budget(custom_path: Path) -> None:
    budget = load_budget(JIYUAN).budget
    compiled = compile_budget(budget, pack=custom_path)
    totals = compiled.tables.get("totals")
    assert totals.value("total", "total") == 15_000_000
    assert totals.value("fixed:basic", "total") == 0
    assert totals.value("fixed:project", "total") == 15_000_000
    assert compiled.tables.get("three_public").value("fixed:reception", "amount") == 500_000


def test_custom_pack_via_cli_build(custom_path: Path, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from yusuan.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(XINXIANG), "-o", str(out), "-f", "json", "--pack", str(custom_path)])
    assert result.exit_code == 0, result.output
    assert "3 张表" in result.output
    assert "5041100.00 元" in result.output
    [json_file] = out.glob("*.json")
    data = json.loads(json_file.read_text(encoding="utf-8"))
    assert [t["id"] for t in data["tables"]] == ["totals", "by_function", "three_public"]
