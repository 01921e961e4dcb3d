"""Excel 填报模板: write it, fill it like finance staff would, read it back."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.domain.budget import PRIOR_METRICS, TEXT_KEYS
from yusuan.domain.enums import ExpenditureKind, FundingSource, ProcurementKind, ProjectKind, UnitType
from yusuan.domain.source import SourceRef
from yusuan.ingest.errors import InputError, InputProblem
from yusuan.ingest.excel_reader import read_excel
from yusuan.ingest.excel_template import write_template
from yusuan.ingest.schema import BudgetIn

ROOT = Path(__file__).resolve().parents[1]
XINXIANG = ROOT / "examples" / "xinxiang-2024" / "budget.yaml"
FILE = "budget.xlsx"
PROJECT = "410700220000000029927"

TABLE_SHEETS = ["预算单位", "支出明细", "项目", "绩效指标", "年度任务", "科目名称"]
ALL_SHEETS = ["填报说明", "基本信息", "预算单位", "支出明细", "项目", "绩效指标", "年度任务", "文字说明", "科目名称"]


# -- filling the template the way a user does ---------------------------------------------------


def header_col(ws: Worksheet, header: str, row: int = 1) -> int:
    for cell in ws[row]:
        if cell.value == header:
            assert cell.column is not None
            return cell.column
    raise AssertionError(f"no column {header!r} in {ws.title}: {[c.value for c in ws[row]]}")


def put_rows(ws: Worksheet, rows: list[dict[str, Any]], first: int = 2) -> None:
    for n, values in enumerate(rows):
        for header, value in values.items():
            ws.cell(row=first + n, column=header_col(ws, header), value=value)


def info_row(ws: Worksheet, label: str, group: str | None = None) -> int:
    """Row of ``label`` in a key/value sheet (key in column B of 基本信息, column A of 文字说明)."""
    key_column = 1 if ws.title == "文字说明" else 2
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=key_column).value == label and (
                group is None or ws.cell(row=row, column=1).value == group):
            return row
    raise AssertionError(f"no row {label!r} in {ws.title}")


def set_info(ws: Worksheet, label: str, value: Any, group: str | None = None) -> None:
    ws.cell(row=info_row(ws, label, group), column=3).value = value  # cell(value=None) would not clear


ITEM_ROWS: list[dict[str, Any]] = [
    # row 2: amount typed as a number that Excel stores as a binary float
    {"单位编码": "154001", "功能分类编码": "2010301", "功能分类名称（可选）": "行政运行", "部门经济分类编码": "30101",
     "经济分类名称（可选）": "基本工资", "支出类型": "基本支出", "资金来源": "一般公共预算", "是否上年结转": "否",
     "金额": 101.63},
    # row 3: codes typed into General-format cells (numbers), amount as text
    {"单位编码": 154001, "功能分类编码": 2010301, "部门经济分类编码": 30201, "支出类型": "基本支出",
     "金额": "25.00", "政府采购金额": 3, "采购品目": "货物"},
    # row 4: a project item, with a government economic code override and carry-over
    {"单位编码": "154001", "功能分类编码": "2010305", "部门经济分类编码": "30299",
     "政府经济分类编码（可选，留空自动对应）": "50299", "支出类型": "项目支出", "项目编码": PROJECT,
     "资金来源": "一般公共预算", "是否上年结转": "是", "金额": 37},
    # row 5: the second unit (事业单位), 财政专户管理资金
    {"单位编码": "154002", "功能分类编码": "2010350", "功能分类名称（可选）": "事业运行", "部门经济分类编码": "30101",
     "经济分类名称（可选）": "基本工资", "支出类型": "基本支出", "资金来源": "财政专户管理资金", "金额": 0.1 + 0.2},
    # row 6: 0.07 → 0.07000000000000001 in binary
    {"单位编码": "154002", "功能分类编码": "2010350", "部门经济分类编码": "30201", "支出类型": "基本支出",
     "金额": 0.07},
]

EXPECTED_ITEMS: list[dict[str, Any]] = [
    {"unit": "154001", "functional": "2010301", "econ": "30101", "kind": "基本支出", "source": "一般公共预算",
     "carryover": False, "amount": Decimal("101.63")},
    {"unit": "154001", "functional": "2010301", "econ": "30201", "kind": "基本支出", "amount": Decimal("25.00"),
     "procurement": {"amount": Decimal(3), "kind": "货物"}},
    {"unit": "154001", "functional": "2010305", "econ": "30299", "kind": "项目支出", "source": "一般公共预算",
     "carryover": True, "amount": Decimal(37), "project": PROJECT, "gov_econ": "50299"},
    {"unit": "154002", "functional": "2010350", "econ": "30101", "kind": "基本支出", "source": "财政专户管理资金",
     "amount": Decimal("0.3")},
    {"unit": "154002", "functional": "2010350", "econ": "30201", "kind": "基本支出", "amount": Decimal("0.07")},
]


def fill_department(path: Path) -> None:
    """A small department: 2 units, 5 line items, 1 project with 2 indicators, prior-year totals."""
    wb = openpyxl.load_workbook(path)
    info = wb["基本信息"]
    set_info(info, "预算年度", 2024)
    set_info(info, "部门编码", "154")
    set_info(info, "部门名称", "新乡市金融工作局")
    set_info(info, "简称", "我局")
    set_info(info, "收入总计", 442.71)
    set_info(info, "“三公”经费合计", "5.30")
    set_info(info, "行政编制", 4)
    set_info(info, "在职", "7")
    set_info(info, "截止日期", "2023年末")
    set_info(info, "资产总额", 6.42)
    set_info(info, "车辆", 0)
    put_rows(wb["预算单位"], [
        {"单位编码": "154001", "单位名称": "新乡市金融工作局", "单位类型": "行政单位"},
        {"单位编码": "154002", "单位名称": "新乡市金融服务中心", "单位类型": "事业单位"},
    ])
    put_rows(wb["支出明细"], ITEM_ROWS)
    put_rows(wb["项目"], [
        {"项目编码": PROJECT, "项目名称": "金融及处非工作经费", "单位编码": "154001", "项目类型": "特定目标类",
         "项目总金额（可选）": 37, "项目概况": "组织政企对接会，开展处非工作。", "年度绩效目标": "完成年度任务"},
    ])
    put_rows(wb["绩效指标"], [
        {"归属": PROJECT, "一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "组织大型政企对接会",
         "指标值": "≥1场"},
        # 归属 and 一级/二级指标 left blank: same as the row above (as in merged cells)
        {"三级指标": "开展资本市场知识培训", "指标值": "≥4场"},
        {"归属": "部门整体", "一级指标": "产出指标", "二级指标": "重点工作任务完成", "三级指标": "非法集资案件销号",
         "指标值": "≥10起", "指标值说明": "年内结案销号不少于10起。"},
    ])
    put_rows(wb["年度任务"], [{"任务名称": "深入开展非法集资专项治理", "主要内容": "加大打击力度。"}])
    texts = wb["文字说明"]
    texts.cell(row=info_row(texts, "年度履职目标"), column=2, value="引导企业上市融资。")
    texts.cell(row=info_row(texts, "主要职责"), column=2, value="1. 落实金融工作方针政策。\n2. 承办交办事项。")
    wb.save(path)


EXPECTED: dict[str, Any] = {
    "year": 2024,
    "pack": "henan-2024",
    "money_unit": "万元",
    "department": {"code": "154", "name": "新乡市金融工作局", "short_name": "我局"},
    "units": [
        {"code": "154001", "name": "新乡市金融工作局", "type": "行政单位"},
        {"code": "154002", "name": "新乡市金融服务中心", "type": "事业单位"},
    ],
    "items": EXPECTED_ITEMS,
    "projects": [
        {"code": PROJECT, "name": "金融及处非工作经费", "unit": "154001", "kind": "特定目标类",
         "total_amount": Decimal(37), "details": {"overview": "组织政企对接会，开展处非工作。"},
         "annual_goal": "完成年度任务",
         "targets": [
             {"level1": "产出指标", "level2": "数量指标", "name": "组织大型政企对接会", "value": "≥1场"},
             {"level1": "产出指标", "level2": "数量指标", "name": "开展资本市场知识培训", "value": "≥4场"},
         ]},
    ],
    "prior_year": {"year": 2023, "amounts": {"income_total": Decimal("442.71"), "three_public": Decimal("5.30")}},
    "staff": {"authorized": {"行政编制": 4}, "actual": {"在职": 7}},
    "assets": {"as_of": "2023年末", "amounts": {"资产总额": Decimal("6.42")}, "counts": {"车辆": 0}},
    "texts": {"main_duties": "1. 落实金融工作方针政策。\n2. 承办交办事项。"},
    "targets": {
        "annual_goal": "引导企业上市融资。",
        "tasks": [{"name": "深入开展非法集资专项治理", "content": "加大打击力度。"}],
        "indicators": [
            {"level1": "产出指标", "level2": "重点工作任务完成", "name": "非法集资案件销号", "value": "≥10起",
             "description": "年内结案销号不少于10起。"},
        ],
    },
    "names": {"functional": {"2010301": "行政运行", "2010350": "事业运行"}, "econ": {"30101": "基本工资"}},
}


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / FILE
    write_template(path)
    return path


@pytest.fixture
def filled(template: Path) -> Path:
    fill_department(template)
    return template


def floats(value: Any) -> Iterator[Any]:
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from floats(v)
    elif isinstance(value, list):
        for v in value:
            yield from floats(v)


def errors(problems: list[InputProblem]) -> list[InputProblem]:
    return [p for p in problems if p.severity == "error"]


def ref(sheet: str | None = None, row: int | None = None, column: int | None = None) -> SourceRef:
    return SourceRef(file=FILE, sheet=sheet, row=row, column=column)


# -- round trip -----------------------------------------------------------------------------------


def test_filled_template_reads_back_exactly(filled: Path) -> None:
    raw, _locate, problems = read_excel(filled)
    assert problems == []
    assert raw == EXPECTED
    assert list(floats(raw)) == []
    # Decimal equality ignores the exponent: check that the float noise really is gone
    assert [str(item["amount"]) for item in raw["items"]] == ["101.63", "25.00", "37", "0.3", "0.07"]
    BudgetIn.model_validate(raw)


def test_locator_points_at_the_cell(filled: Path) -> None:
    _raw, locate, _problems = read_excel(filled)
    assert locate(("items", 2, "amount")) == ref("支出明细", 4, 11)
    assert locate(("items", 1, "procurement", "kind")) == ref("支出明细", 3, 13)
    assert locate(("items", 1, "procurement")) == ref("支出明细", 3, 12)
    assert locate(("items", 4, "source")) == ref("支出明细", 6, 9)  # blank cell: still its place
    assert locate(("items", 4, "no-such-field")) == ref("支出明细", 6)
    assert locate(("items", 99)) == ref("支出明细")
    assert locate(("units", 1, "type")) == ref("预算单位", 3, 3)
    assert locate(("projects", 0, "targets", 1, "value")) == ref("绩效指标", 3, 5)
    assert locate(("projects", 0, "details", "overview")) == ref("项目", 2, 13)
    assert locate(("targets", "indicators", 0, "name")) == ref("绩效指标", 4, 4)
    assert locate(("targets", "tasks", 0, "name")) == ref("年度任务", 2, 1)
    assert locate(("targets", "annual_goal")) == ref("文字说明", 2, 2)
    assert locate(("texts", "main_duties")) == ref("文字说明", 3, 2)
    assert locate(("department", "name")) == ref("基本信息", 6, 3)
    assert locate(("year",)) == ref("基本信息", 2, 3)
    assert locate(("prior_year", "amounts", "income_total")) == ref("基本信息", 10, 3)
    assert locate(("staff", "authorized", "行政编制")).row == 28
    assert locate(("names", "functional", "2010350")) == ref("支出明细", 5, 3)
    assert locate(()) == ref()


def test_example_round_trips_through_the_template(tmp_path: Path) -> None:
    example = yaml.safe_load(XINXIANG.read_text(encoding="utf-8"))
    path = tmp_path / "xinxiang.xlsx"
    write_template(path, example=example)
    assert "示例" not in openpyxl.load_workbook(path).sheetnames
    raw, _locate, problems = read_excel(path)
    assert problems == []
    assert list(floats(raw)) == []
    assert _canonical(BudgetIn.model_validate(raw).model_dump()) == _canonical(
        BudgetIn.model_validate(example).model_dump())
    assert raw["names"]["functional"]["201"] == "一般公共服务支出"  # via 「科目名称」
    assert raw["items"][-1]["procurement"] == {"amount": Decimal(3), "kind": "货物"}


def test_excel_and_yaml_build_the_same_budget(tmp_path: Path) -> None:
    from yusuan.ingest.load import load_budget

    path = tmp_path / "xinxiang.xlsx"
    write_template(path, example=yaml.safe_load(XINXIANG.read_text(encoding="utf-8")))
    assert load_budget(path).budget == load_budget(XINXIANG).budget


def _canonical(value: Any) -> Any:
    """Numbers as normalised Decimals, so 442.71 (YAML float) equals Decimal('442.71')."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(repr(value)).normalize()
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def test_headers_are_found_by_text(filled: Path) -> None:
    """Reordered columns, a title row, spaces, half-width brackets, a * mark, an extra column."""
    wb = openpyxl.load_workbook(filled)
    ws = wb["支出明细"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=6)]
    rename = {"金额": " *金 额 ", "功能分类名称（可选）": "功能分类名称(可选)",
              "是否上年结转": "是否上年结转 （是/否）"}
    rows[0] = [rename.get(str(h), h) for h in rows[0]]
    del wb["支出明细"]
    ws = wb.create_sheet("支出明细 ")  # trailing space in the sheet name
    ws.append(["2024 年支出明细"])  # a title row above the header
    for row in rows:
        ws.append([*reversed(row), "自用备注"])
    ws.append([])
    ws.append([None] * 14)  # fully blank row
    wb.save(filled)
    raw, locate, problems = read_excel(filled)
    assert problems == []
    assert raw["items"] == EXPECTED_ITEMS
    assert locate(("items", 0, "amount")) == ref("支出明细 ", 3, 3)  # K → C after reversing 13 columns


# -- structural problems --------------------------------------------------------------------------


def test_missing_items_sheet(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    del wb["支出明细"]
    wb.save(filled)
    raw, _locate, problems = read_excel(filled)
    assert [(p.message, p.where, p.code) for p in problems] == [
        ("缺少工作表「支出明细」：请使用 yusuan 填报模板，不要删除或重命名工作表", ref(), "missing-sheet"),
    ]
    assert raw["items"] == []
    assert len(raw["units"]) == 2


def test_missing_required_column(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb["支出明细"]
    ws.delete_cols(header_col(ws, "金额"))
    wb.save(filled)
    raw, _locate, problems = read_excel(filled)
    assert [(p.message, p.where, p.code, p.severity) for p in problems] == [
        ("缺少必填列「金额」", ref("支出明细", 1), "missing-column", "error"),
    ]
    assert raw["items"] == []


def test_text_amount_is_reported_at_its_cell(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    wb["支出明细"]["K4"] = "十万"
    wb.save(filled)
    raw, locate, problems = read_excel(filled)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.message == "「金额」应为数字，实际为「十万」"
    assert problem.code == "bad-amount"
    assert problem.severity == "error"
    assert (problem.where.sheet, problem.where.row, problem.where.column) == ("支出明细", 4, 11)
    assert str(problem) == "[错误] budget.xlsx：工作表「支出明细」 第 4 行 K 列：「金额」应为数字，实际为「十万」"
    # the bad row is left out; the locator still maps the kept rows to their own rows
    assert [item["amount"] for item in raw["items"]] == [Decimal("101.63"), Decimal("25.00"), Decimal("0.3"),
                                                         Decimal("0.07")]
    assert locate(("items", 2, "amount")) == ref("支出明细", 5, 11)


def test_blank_required_cell(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    wb["支出明细"]["B5"] = None
    wb["预算单位"]["B3"] = "  "
    wb.save(filled)
    raw, _locate, problems = read_excel(filled)
    assert [(p.message, p.where, p.code) for p in problems] == [
        ("「单位名称」为必填项，不能为空", ref("预算单位", 3, 2), "missing-field"),
        ("「功能分类编码」为必填项，不能为空", ref("支出明细", 5, 2), "missing-field"),
    ]
    assert len(raw["items"]) == 4
    # a unit with a problem is kept (items refer to it), with the blank name as ""
    assert raw["units"][1] == {"code": "154002", "name": "", "type": "事业单位"}


def test_every_problem_is_collected(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    items = wb["支出明细"]
    items["J2"] = "可能"
    items["H4"] = 4.107002200000000e20  # a 21-digit code typed as a number
    items["M3"] = None  # 政府采购金额 without 采购品目
    items["K6"] = "1,234.5"  # thousands separator is fine
    wb["绩效指标"]["A4"] = "999"
    set_info(wb["基本信息"], "预算年度", "二〇二四")
    set_info(wb["基本信息"], "行政编制", "四人")
    wb.save(filled)
    raw, _locate, problems = read_excel(filled)
    found = [(p.message, p.where.sheet, p.where.row, p.where.column, p.code) for p in problems]
    assert found == [
        ("「预算年度」应为整数，实际为「二〇二四」", "基本信息", 2, 3, "bad-number"),
        ("「行政编制」应为整数，实际为「四人」", "基本信息", 28, 3, "bad-number"),
        ("「是否上年结转」应填「是」或「否」，实际为「可能」", "支出明细", 2, 10, "bad-flag"),
        ("「项目编码」以数字形式保存为 410700220000000000000，超过 15 位的数字已被 Excel 改写；"
         "请将该列设为文本格式后重新输入完整编码", "支出明细", 4, 8, "code-precision"),
        ("填写了「政府采购金额」，须同时填写「采购品目」", "支出明细", 3, 13, "missing-field"),
        ("归属「999」既不是「部门整体」，也不是「项目」表中的项目编码", "绩效指标", 4, 1, "unknown-owner"),
    ]
    assert "year" not in raw
    assert [item["amount"] for item in raw["items"]] == [Decimal("0.3"), Decimal("1234.5")]


def test_blank_department_name(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    set_info(wb["基本信息"], "部门名称", None)
    wb.save(filled)
    raw, _locate, problems = read_excel(filled)
    assert [(p.message, p.where) for p in problems] == [("「部门名称」为必填项，不能为空", ref("基本信息", 6, 3))]
    assert raw["department"]["name"] == ""


def test_not_an_xlsx_file(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_text("单位编码,金额\n154001,10\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_excel(path)
    [problem] = caught.value.problems
    assert problem.message == ("文件不是有效的 Excel（.xlsx）工作簿："
                               "文件内容不是 .xlsx 格式（可能是 CSV、文本或其他格式的文件改了扩展名）")
    assert problem.where == SourceRef(file=FILE)
    assert problem.code == "bad-file"


def test_old_xls_file(tmp_path: Path) -> None:
    path = tmp_path / "budget.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(InputError) as caught:
        read_excel(path)
    assert "旧版 .xls" in caught.value.problems[0].message
    assert caught.value.problems[0].where == SourceRef(file="budget.xls")


def test_truncated_xlsx(filled: Path) -> None:
    data = filled.read_bytes()
    filled.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as caught:
        read_excel(filled)
    [problem] = caught.value.problems
    assert problem.message.startswith("文件不是有效的 Excel（.xlsx）工作簿：")
    assert "损坏" in problem.message
    assert problem.where == SourceRef(file=FILE)
    assert problem.code == "bad-file"


# -- the template itself --------------------------------------------------------------------------


def validations(ws: Worksheet) -> list[DataValidation]:
    return list(ws.data_validations.dataValidation)


def list_choices(ws: Worksheet, column: int) -> list[str]:
    """Choices of the drop-down list covering rows 2… of ``column``."""
    letter = openpyxl.utils.get_column_letter(column)
    for dv in validations(ws):
        if dv.type == "list" and any(str(r).startswith(f"{letter}2:") for r in dv.sqref.ranges):
            assert dv.formula1 is not None
            return dv.formula1.strip('"').split(",")
    raise AssertionError(f"no drop-down list on {ws.title}!{letter}")


def test_template_offers_codes_as_drop_down_lists(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    items, codes = wb["支出明细"], wb["代码表"]
    refs = {str(dv.sqref): dv for dv in validations(items) if dv.type == "list"}
    functional = refs["B2:B5000"]
    assert functional.formula1 == f"'代码表'!$A$2:$A${codes.max_row}" or functional.formula1.startswith("'代码表'!$A$2")
    assert functional.errorStyle == "warning"  # the shipped catalogue is partial: other codes only warn
    assert refs["D2:D5000"].formula1.startswith("'代码表'!$C$2")
    assert refs["A2:A5000"].formula1 == "'预算单位'!$A$2:$A$5000"
    assert refs["H2:H5000"].formula1 == "'项目'!$A$2:$A$5000"
    listed = {row[0] for row in codes.iter_rows(min_row=2, max_col=1, values_only=True) if row[0]}
    assert "2010301" in listed and all(len(str(code)) == 7 for code in listed)
    econ = {row[0] for row in codes.iter_rows(min_row=2, min_col=3, max_col=3, values_only=True) if row[0]}
    assert {"30101", "30217", "31013"} <= econ


def test_template_sheets_headers_and_formats(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [*ALL_SHEETS, "代码表", "示例"]
    assert wb["代码表"].sheet_state == "hidden"
    for name in [*TABLE_SHEETS, "基本信息", "文字说明"]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert all(cell.font.bold for cell in ws[1] if cell.value), name
        prompts = {str(dv.sqref) for dv in validations(ws) if dv.showInputMessage and dv.prompt}
        assert prompts == {f"{openpyxl.utils.get_column_letter(c.column)}1" for c in ws[1] if c.value}, name
    items = wb["支出明细"]
    headers = [c.value for c in items[1]]
    assert headers == ["单位编码", "功能分类编码", "功能分类名称（可选）", "部门经济分类编码", "经济分类名称（可选）",
                       "政府经济分类编码（可选，留空自动对应）", "支出类型", "项目编码", "资金来源", "是否上年结转",
                       "金额", "政府采购金额", "采购品目"]
    for letter in "ABDFH":
        assert items.column_dimensions[letter].number_format == "@", letter
    for letter in "KL":
        assert items.column_dimensions[letter].number_format == "0.00", letter
    assert items.column_dimensions["B"].width >= 12
    info = wb["基本信息"]
    labels = [info.cell(row=r, column=2).value for r in range(2, info.max_row + 1)]
    assert labels[:7] == ["预算年度", "模板", "金额单位", "部门编码", "部门名称", "地区", "简称"]
    assert all(label in labels for label in PRIOR_METRICS.values())
    assert info.cell(row=info_row(info, "模板"), column=3).value == "henan-2024"
    assert info.cell(row=info_row(info, "金额单位"), column=3).value == "万元"
    texts = wb["文字说明"]
    assert [texts.cell(row=r, column=1).value for r in range(2, texts.max_row + 1)] == [
        "年度履职目标", *TEXT_KEYS.values()]
    projects = [c.value for c in wb["项目"][1]]
    assert projects[:6] == ["项目编码", "项目名称", "单位编码", "项目类型", "项目总金额（可选）", "上年金额（可选）"]
    assert projects[-1] == "年度绩效目标"
    assert [c.value for c in wb["绩效指标"][1]] == ["归属", "一级指标", "二级指标", "三级指标", "指标值", "指标值说明"]
    guide = "\n".join(str(c.value) for row in wb["填报说明"].iter_rows() for c in row if c.value)
    for phrase in ("万元", "保留两位小数", "文本格式", "上年结转", "必填", "名称可留空"):
        assert phrase in guide, phrase


def test_template_drop_down_lists(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    items = wb["支出明细"]
    assert list_choices(items, 7) == ["基本支出", "项目支出"]
    assert list_choices(items, 10) == ["是", "否"]
    assert list_choices(items, 13) == ["货物", "工程", "服务"]
    sources = list_choices(items, 9)
    assert sources[0] == "一般公共预算"
    assert {FundingSource.parse(s) for s in sources} == set(FundingSource)
    assert {ExpenditureKind.parse(s) for s in list_choices(items, 7)} == set(ExpenditureKind)
    assert {ProcurementKind.parse(s) for s in list_choices(items, 13)} == set(ProcurementKind)
    assert {UnitType.parse(s) for s in list_choices(wb["预算单位"], 3)} == set(UnitType)
    assert {ProjectKind.parse(s) for s in list_choices(wb["项目"], 4)} == set(ProjectKind)
    for dv in validations(items):
        if dv.type == "list":
            assert dv.showErrorMessage and dv.allow_blank
            assert str(dv.sqref).endswith(":" + str(dv.sqref).split(":")[0][0] + "5000")
    amount = [dv for dv in validations(items) if dv.type == "decimal"]
    assert {str(dv.sqref) for dv in amount} == {"K2:K5000", "L2:L5000"}
    info = wb["基本信息"]
    unit_row = info_row(info, "金额单位")
    assert any(dv.type == "list" and str(dv.sqref) == f"C{unit_row}" and dv.formula1 == '"万元,元"'
               for dv in validations(info))


def test_blank_template_has_example_rows_that_read(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    sample = wb["示例"]
    rows = [[c.value for c in row] for row in sample.iter_rows(min_row=2) if any(c.value for c in row)]
    assert len(rows) == 3
    assert rows[0][:2] == ["154001", "2010301"]
    assert rows[2][7] == PROJECT
    # the 示例 sheet is never read; the empty template reads as an empty budget with three blanks
    raw, _locate, problems = read_excel(template)
    assert raw["items"] == [] and raw["units"] == []
    assert [p.message for p in problems] == ["「预算年度」为必填项，不能为空", "「部门编码」为必填项，不能为空",
                                             "「部门名称」为必填项，不能为空"]
    # copying the example rows into 支出明细 gives valid line items
    items = wb["支出明细"]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            items.cell(row=r, column=c, value=value)
    wb.save(template)
    raw, _locate, _problems = read_excel(template)
    assert [i["amount"] for i in raw["items"]] == [Decimal("101.63"), Decimal("25.00"), Decimal("37.00")]
    assert raw["items"][1]["procurement"] == {"amount": Decimal("3.00"), "kind": "货物"}
