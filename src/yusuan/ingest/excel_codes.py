"""Drop-down lists of codes for the Excel 填报模板.

A sheet 「代码表」 lists the 项-level functional codes and 款-level economic codes of
the shipped catalogue (with names).  The code columns of 「支出明细」 offer them as
drop-down lists, and unit and project codes are offered from the 「预算单位」 and
「项目」 sheets.  The catalogue is partial, so a code outside the list only warns:
Excel lets the user keep it, and yusuan reports it as a warning with its cell.
"""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from yusuan.catalog.loader import Catalog

CODES_SHEET = "代码表"


def _reference_list(formula: str, title: str, area: str) -> DataValidation:
    check = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                           errorStyle="warning", errorTitle=f"{title}不在列表中"[:32],
                           error="该编码不在随附科目目录或已填的列表中。可以继续使用（yusuan 会给出警告），"
                                 "请核对编码或加载官方科目目录。")
    check.add(area)
    return check


def add_code_lists(wb: Workbook, catalog: Catalog, *, items_sheet: str, units_sheet: str, projects_sheet: str,
                   columns: dict[str, str], rows: int) -> None:
    """Write 「代码表」 and attach drop-down lists to the code columns of ``items_sheet``.

    ``columns`` maps ``functional``/``econ``/``unit``/``project`` to column letters there.
    """
    ws = wb.create_sheet(CODES_SHEET)
    ws.sheet_state = "hidden"
    functional = sorted(c for c in catalog.functional if len(c) == 7)
    econ = sorted(c for c in catalog.econ if len(c) == 5)
    ws.append(["功能分类编码（项）", "名称", "部门经济分类编码（款）", "名称"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n in range(max(len(functional), len(econ))):
        f = functional[n] if n < len(functional) else None
        e = econ[n] if n < len(econ) else None
        ws.append([f, catalog.functional.get(f, "") if f else None, e, catalog.econ.get(e, "") if e else None])
    for row in ws.iter_rows(min_row=2, max_col=4):
        for cell in row:
            cell.number_format = "@"
    items = wb[items_sheet]
    lists = {
        "functional": (f"'{CODES_SHEET}'!$A$2:$A${len(functional) + 1}", "功能分类编码"),
        "econ": (f"'{CODES_SHEET}'!$C$2:$C${len(econ) + 1}", "部门经济分类编码"),
        "unit": (f"'{units_sheet}'!$A$2:$A${rows}", "单位编码"),
        "project": (f"'{projects_sheet}'!$A$2:$A${rows}", "项目编码"),
    }
    for key, (formula, title) in lists.items():
        letter = columns.get(key)
        if letter:
            items.add_data_validation(_reference_list(formula, title, f"{letter}2:{letter}{rows}"))
