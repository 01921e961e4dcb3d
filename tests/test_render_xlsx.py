"""XLSX renderer: reopen the workbook with openpyxl and check what a reader sees."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from render_samples import balance_table, sample_tables, text_table
from yusuan.compute.model import Table, Tables
from yusuan.money import MoneyUnit
from yusuan.render import write_xlsx
from yusuan.render.xlsx import sheet_names

TITLE = "新乡市金融工作局2024年部门预算公开表"
SHEETS = ["目录", "预算01表", "预算03表", "预算09表", "部门（单位）整体绩效目标表", "项目_绩效_汇总__表_"]


@pytest.fixture(scope="module")
def xlsx_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "tables.xlsx"
    write_xlsx(sample_tables(), path, title=TITLE)
    return path


@pytest.fixture(scope="module")
def wb(xlsx_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(xlsx_path)


def merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_sheet_names_and_properties(wb: openpyxl.Workbook) -> None:
    assert wb.sheetnames == SHEETS
    assert wb.properties.title == TITLE
    assert wb.properties.creator == "yusuan"
    assert wb.properties.subject


def test_sheet_names_are_unique_and_valid() -> None:
    long_title = "一个非常非常长的没有表号的表格标题：用于检查工作表名称截断到三十一个字符以内"
    tables = Tables((balance_table(), balance_table(), text_table(title=long_title),
                     text_table(title=long_title), text_table(title="目录")))
    names = sheet_names(tables)
    assert names[:2] == ["预算01表", "预算01表(2)"]
    assert len({n.casefold() for n in names}) == len(names)
    assert "目录" not in names
    for name in names:
        assert 0 < len(name) <= 31
        assert not re.search(r"[\[\]:*?/\\]", name)


def test_toc_sheet_links_to_every_table(wb: openpyxl.Workbook) -> None:
    ws = wb["目录"]
    assert ws["A1"].value == TITLE
    assert [c.value for c in ws[2]] == ["序号", "表号", "表名"]
    assert ws["B3"].value == "预算01表"
    assert ws["C3"].value == "2024年部门收支总体情况表"
    links = [ws.cell(row=r, column=3).hyperlink for r in range(3, 3 + len(SHEETS) - 1)]
    locations = [link.location if link else None for link in links]
    assert locations == [f"'{name}'!A1" for name in SHEETS[1:]]


def test_matrix_header_is_merged_three_levels(wb: openpyxl.Workbook) -> None:
    ws = wb["预算03表"]
    assert ws["A1"].value == "预算03表"
    assert ws["A2"].value == "2024年部门支出总体情况表"
    assert ws["A2"].font.b and ws["A2"].font.name == "黑体"
    assert ws["A3"].value == "部门名称：新乡市金融工作局"
    assert ws["F3"].value == "单位：万元"
    header = {"A4:C4", "D4:D6", "E4:E6", "F4:F6", "G4:J4", "K4:K6",
              "A5:A6", "B5:B6", "C5:C6", "G5:G6", "H5:I5"}
    assert header <= merged(ws)
    assert {"A2:K2", "A3:E3", "F3:K3"} <= merged(ws)
    assert [ws[a].value for a in ("A4", "G4", "H5", "J5", "H6", "I6", "J6")] == [
        "科目编码", "基本支出", "人员经费", "公用经费",
        "工资福利支出", "对个人和家庭的补助", "商品和服务支出",
    ]
    assert ws["G4"].font.b and ws["G4"].alignment.wrap_text and ws["G4"].border.left.style == "thin"


def test_matrix_body_numbers_codes_and_blanks(wb: openpyxl.Workbook) -> None:
    ws = wb["预算03表"]
    total = ws["F7"]
    assert total.value == 504.11 and isinstance(total.value, float)
    assert total.number_format == "#,##0.00"
    assert ws["G7"].value == 467.11 and ws["K7"].value == 37.0
    assert ws["I7"].value is None and ws["I7"].number_format == "#,##0.00"  # zero shown blank
    assert ws["K9"].value is None
    assert ws["F10"].value == 0  # 1 分 is not zero: it displays 0.00, never blank
    for addr, code in (("A9", "201"), ("B9", "03"), ("C9", "01"), ("D8", "154")):
        assert ws[addr].value == code and ws[addr].data_type == "s"
        assert ws[addr].number_format == "@"  # stays text when edited in a spreadsheet
    assert ws["E7"].font.b and ws["F7"].font.b
    assert not ws["E8"].font.b
    assert ws["E10"].alignment.indent == 2
    assert ws["A11"].value == "注：本表仅含当年财政拨款安排的支出。" and "A11:K11" in merged(ws)


def test_page_setup_and_repeated_header(wb: openpyxl.Workbook, xlsx_path: Path) -> None:
    ws = wb["预算03表"]
    assert ws.print_title_rows == "$4:$6"
    assert ws.freeze_panes == "A7"
    assert ws.page_setup.orientation == "landscape"
    assert wb["预算01表"].page_setup.orientation == "portrait"
    assert ws.page_setup.paperSize is not None and int(ws.page_setup.paperSize) == 9
    setup = ws.sheet_properties.pageSetUpPr
    assert setup is not None and setup.fitToPage
    assert int(ws.page_setup.fitToWidth or 1) == 1  # 1 is the OOXML default and may be omitted
    assert ws.page_setup.fitToHeight is not None and int(ws.page_setup.fitToHeight) == 0
    assert not ws.print_options.gridLines
    with zipfile.ZipFile(xlsx_path) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    titles = {
        SHEETS[int(d.get("localSheetId", "-1"))]: d.text
        for d in book.iterfind("m:definedNames/m:definedName", ns)
        if d.get("name") == "_xlnm.Print_Titles"
    }
    unquoted = {name: re.sub(r"^'(.*)'!", r"\1!", text or "") for name, text in titles.items()}
    assert unquoted["预算03表"] == "预算03表!$4:$6"
    assert unquoted["预算01表"] == "预算01表!$4:$5"
    assert unquoted["部门（单位）整体绩效目标表"] == "部门（单位）整体绩效目标表!$3:$3"
    assert "目录" in unquoted


def test_balance_table(wb: openpyxl.Workbook) -> None:
    ws = wb["预算01表"]
    assert {"A4:B4", "C4:D4"} <= merged(ws)
    assert [c.value for c in ws[5]] == ["项目", "预算数", "项目", "预算数"]
    assert (ws["A6"].value, ws["B6"].value, ws["D6"].value) == ("一、一般公共预算", 504.11, 428.9)
    assert ws["B7"].value is None and ws["D7"].value == 75.21
    assert ws["A8"].value is None and ws["C8"].value == "三、卫生健康支出"
    assert ws["A9"].font.b and ws["D9"].value == 504.11


def test_empty_table_statement(wb: openpyxl.Workbook) -> None:
    ws = wb["预算09表"]
    assert all(ws.cell(row=7, column=c).value is None for c in range(6, 12))
    assert ws["E7"].value == "合计"
    assert ws["A8"].value == "本部门2024年无政府性基金预算支出。" and "A8:K8" in merged(ws)
    assert ws.max_row == 8


def test_text_table_spans(wb: openpyxl.Workbook) -> None:
    ws = wb["部门（单位）整体绩效目标表"]
    assert ws["A1"].value == "部门（单位）整体绩效目标表"
    assert {"A4:A6", "B4:B5", "E4:E5", "B6:D6", "B7:E7"} <= merged(ws)
    first = [ws[a].value for a in ("A4", "B4", "C4", "D4", "E4")]
    assert first == ["产出指标", "数量指标", "对接会场次", "≥1场", 37.0]
    assert (ws["C5"].value, ws["D5"].value) == ("预算调整率", "a<b & <script>")
    assert ws["B6"].value == "质量指标：覆盖全部地方金融组织" and ws["E6"].value is None
    assert (ws["A7"].value, ws["B7"].value) == ("满意度指标", "群众满意度≥90%")
    assert ws["D4"].alignment.wrap_text
    assert ws["A8"].value == "注：指标值说明见正文。"
    assert ws.page_setup.orientation == "portrait"


def test_degenerate_tables(tmp_path: Path) -> None:
    bare = Table(
        id="bare", kind="department_targets", number=None, code="", title="", money_unit=MoneyUnit.YUAN,
        decimals=2, org_label="", columns=(), header=(), rows=(), is_empty=True,
        empty_statement="本表无数据。",
    )
    path = tmp_path / "bare.xlsx"
    write_xlsx(Tables((bare,)), path, title="空")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["目录", "表1"]
    assert wb["表1"]["A3"].value == "本表无数据。"
    assert wb["表1"].print_title_rows is None
    write_xlsx(Tables(()), tmp_path / "none.xlsx", title="空")
    assert openpyxl.load_workbook(tmp_path / "none.xlsx").sheetnames == ["目录"]
