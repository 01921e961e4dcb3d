"""The Excel 填报模板 (fill-in workbook) for department finance staff.

The layout is declared once, as data (:data:`TABLE_SHEETS`, :data:`INFO_ROWS`, :data:`TEXT_ROWS`),
and shared by :func:`write_template` and :mod:`yusuan.ingest.excel_reader`, so the writer and the
reader cannot drift apart.

Sheets (header in row 1, data from row 2; the reader finds columns by header text):

* 「填报说明」 instructions (ignored by the reader);
* 「基本信息」 key/value rows ``分组 | 项目 | 内容 | 说明``: groups 基本信息, 上年数, 编制数, 实有人数,
  国有资产, 资产数量;
* 「预算单位」, 「支出明细」, 「项目」, 「绩效指标」, 「年度任务」, 「科目名称」: one record per row;
* 「文字说明」 key/value rows ``项目 | 内容``: 年度履职目标 and the :data:`TEXT_KEYS`;
* 「示例」 three filled line items (only in the blank template; ignored by the reader).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.catalog.loader import load_catalog
from yusuan.domain.budget import PRIOR_METRICS, PROJECT_DETAIL_KEYS, TEXT_KEYS
from yusuan.domain.enums import (
    ExpenditureKind,
    FundingSource,
    ProcurementKind,
    ProjectKind,
    UnitType,
)
from yusuan.ingest.excel_codes import add_code_lists

CellKind = Literal["code", "text", "longtext", "amount", "int", "flag", "enum"]
"""How a cell is formatted in the template and read back.

``code``: digit string kept as text; ``text``/``longtext``: free text; ``amount``: exact money in the
file's 金额单位; ``int``: whole number; ``flag``: 是/否; ``enum``: one of ``choices`` (aliases are
accepted by the domain parser, so the reader keeps the text as entered).
"""

# ---------------------------------------------------------------------------------------------
# Vocabulary shown in drop-down lists
# ---------------------------------------------------------------------------------------------

DEFAULT_PACK = "henan-2024"
DEFAULT_MONEY_UNIT = "万元"
DEPARTMENT_OWNER = "部门整体"
"""Value of 「绩效指标」.归属 for department-wide (整体) indicators."""

YES = "是"
NO = "否"
FLAG_CHOICES: tuple[str, ...] = (YES, NO)
MONEY_UNIT_CHOICES: tuple[str, ...] = ("万元", "元")
UNIT_TYPE_CHOICES: tuple[str, ...] = tuple(UnitType.labels())
EXPENDITURE_KIND_CHOICES: tuple[str, ...] = tuple(ExpenditureKind.labels())
PROJECT_KIND_CHOICES: tuple[str, ...] = tuple(ProjectKind.labels())
PROCUREMENT_KIND_CHOICES: tuple[str, ...] = tuple(ProcurementKind.labels())
FUNDING_SOURCE_CHOICES: tuple[str, ...] = tuple(
    # 一般公共预算 (the input default) rather than the broader 财政拨款 for the appropriation.
    "一般公共预算" if member is FundingSource.GPB_APPROPRIATION else member.label
    for member in FundingSource
)
NAME_KIND_CHOICES: tuple[str, ...] = ("功能分类", "部门经济分类", "政府经济分类")
NAME_KIND_KEYS: Mapping[str, str] = {
    "功能分类": "functional", "部门经济分类": "econ", "政府经济分类": "gov_econ",
}

DATA_ROWS = 5000
"""Rows covered by column formats and drop-down lists (row 2 … DATA_ROWS)."""

# ---------------------------------------------------------------------------------------------
# Layout as data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table sheet."""

    key: str
    header: str
    kind: CellKind = "text"
    required: bool = False
    width: float = 14
    prompt: str = ""
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """A sheet with one record per row under a header row."""

    name: str
    description: str
    columns: tuple[Column, ...]
    optional: bool = True
    """A missing optional sheet means "nothing entered"; a missing required sheet is an error."""

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


INFO_SHEET = "基本信息"
TEXTS_SHEET = "文字说明"
GUIDE_SHEET = "填报说明"
EXAMPLE_SHEET = "示例"

UNITS = SheetSpec(
    "预算单位",
    "部门所属预算单位，每行一个单位（含部门本级）。",
    (
        Column("code", "单位编码", "code", True, 14,
               "预算单位编码，如 154001；按文本填写。",
               aliases=("单位代码", "预算单位编码")),
        Column("name", "单位名称", "text", True, 36,
               "预算单位全称。",
               aliases=("预算单位名称", "预算单位")),
        Column("type", "单位类型", "enum", False, 26,
               "行政单位 / 参照公务员法管理事业单位 / 事业单位 / 其他单位；留空按行政单位。"
               "决定政府经济分类的对应关系和机关运行经费。",
               UNIT_TYPE_CHOICES, ("单位性质",)),
    ),
    optional=False,
)

ITEMS = SheetSpec(
    "支出明细",
    "支出预算明细，每行一笔：单位 × 功能分类 × 经济分类 × 支出类型 × 项目 × 资金来源。"
    "所有公开表格均由此汇总生成。",
    (
        Column("unit", "单位编码", "code", True, 12,
               "预算单位编码，须已列在「预算单位」表中，如 154001。",
               aliases=("单位代码", "预算单位编码")),
        Column("functional", "功能分类编码", "code", True, 14,
               "支出功能分类科目编码，填到项级（7 位），如 2010301；按文本填写。",
               aliases=("功能科目编码", "支出功能分类编码", "支出功能分类科目编码", "功能分类科目编码")),
        Column("functional_name", "功能分类名称（可选）", "text", False, 24,
               "可留空：编码在已加载的科目目录中时自动取名称。",
               aliases=("功能科目名称", "支出功能分类名称", "功能分类科目名称")),
        Column("econ", "部门经济分类编码", "code", True, 14,
               "部门预算支出经济分类编码，填到款级（5 位），如 30101；按文本填写。",
               aliases=("经济分类编码", "部门预算经济分类编码", "部门预算支出经济分类编码", "经济科目编码")),
        Column("econ_name", "经济分类名称（可选）", "text", False, 22,
               "可留空：编码在已加载的科目目录中时自动取名称。",
               aliases=("部门经济分类名称", "经济科目名称")),
        Column("gov_econ", "政府经济分类编码（可选，留空自动对应）", "code", False, 16,
               "一般留空：按单位类型由部门经济分类自动对应；仅在需要改用其他政府经济分类时填写（5 位）。",
               aliases=("政府预算经济分类编码", "政府预算支出经济分类编码", "政府经济科目编码")),
        Column("kind", "支出类型", "enum", True, 12,
               "基本支出 或 项目支出。",
               EXPENDITURE_KIND_CHOICES, ("支出性质",)),
        Column("project", "项目编码", "code", False, 24,
               "项目支出必填，须已列在「项目」表中；基本支出留空。按文本填写，长编码以数字保存会丢失精度。",
               aliases=("项目代码",)),
        Column("source", "资金来源", "enum", False, 20,
               "留空按一般公共预算。",
               FUNDING_SOURCE_CHOICES, ("资金性质",)),
        Column("carryover", "是否上年结转", "flag", False, 12,
               "是：资金来自上年结转结余；否或留空：本年安排。",
               FLAG_CHOICES, ("上年结转", "是否结转")),
        Column("amount", "金额", "amount", True, 14,
               "金额，单位见「基本信息」中的金额单位（默认万元），保留两位小数。",
               aliases=("预算金额", "预算数", "金额合计")),
        Column("procurement_amount", "政府采购金额", "amount", False, 14,
               "该笔支出中的政府采购预算金额；无政府采购留空。",
               aliases=("采购金额", "政府采购预算", "政府采购预算金额")),
        Column("procurement_kind", "采购品目", "enum", False, 10,
               "货物、工程或服务；填写了政府采购金额时必填。",
               PROCUREMENT_KIND_CHOICES, ("采购类别", "政府采购品目", "采购品目类别")),
    ),
    optional=False,
)

_DETAIL_WIDTHS: Mapping[str, float] = {
    "overview": 40, "basis": 40, "necessity": 40, "measures": 36, "plan": 36, "purpose": 30, "remarks": 24,
}

PROJECTS = SheetSpec(
    "项目",
    "项目支出的项目库信息，每行一个项目；项目金额由「支出明细」中带该项目编码的行汇总。",
    (
        Column("code", "项目编码", "code", True, 24,
               "项目编码，按文本填写（如 21 位编码）。",
               aliases=("项目代码",)),
        Column("name", "项目名称", "text", True, 28, "项目名称。"),
        Column("unit", "单位编码", "code", True, 12,
               "承担项目的预算单位编码。",
               aliases=("单位代码", "预算单位编码")),
        Column("kind", "项目类型", "enum", True, 14,
               "其他运转类 / 特定目标类（旧模板：一般性项目 / 专项资金）。",
               PROJECT_KIND_CHOICES, ("项目类别",)),
        Column("total_amount", "项目总金额（可选）", "amount", False, 14,
               "跨年度项目的总金额；单年项目可留空。",
               aliases=("项目总额",)),
        Column("prior_amount", "上年金额（可选）", "amount", False, 14,
               "项目上年预算金额，用于对比；可留空。",
               aliases=("上年预算金额", "上年度金额")),
        *(
            Column(f"details.{key}", label, "longtext" if key in _DETAIL_WIDTHS else "text", False,
                   _DETAIL_WIDTHS.get(key, 14), f"{label}（可选）。")
            for key, label in PROJECT_DETAIL_KEYS.items()
        ),
        Column("overall_goal", "总体绩效目标（可选）", "longtext", False, 36,
               "项目实施期总体绩效目标；可留空。",
               aliases=("总体目标",)),
        Column("annual_goal", "年度绩效目标", "longtext", False, 40,
               "本年度项目绩效目标。",
               aliases=("年度目标",)),
    ),
)

INDICATORS = SheetSpec(
    "绩效指标",
    "绩效指标，每行一个三级指标。归属填「部门整体」或项目编码；"
    "同一归属下一级、二级指标与上一行相同时可留空（可合并单元格）。",
    (
        Column("owner", "归属", "code", True, 24,
               "填「部门整体」或「项目」表中的项目编码；与上一行相同时可留空。",
               aliases=("所属", "项目编码")),
        Column("level1", "一级指标", "text", True, 14,
               "如 产出指标、效益指标、满意度指标、成本指标；与上一行相同时可留空。"),
        Column("level2", "二级指标", "text", False, 16,
               "如 数量指标、质量指标、时效指标；与上一行相同时可留空。"),
        Column("name", "三级指标", "text", True, 28,
               "具体指标名称。",
               aliases=("指标名称",)),
        Column("value", "指标值", "text", False, 14,
               "如 ≥90%、≤37 万元、≥1 场、相关；按文本填写。",
               aliases=("目标值",)),
        Column("description", "指标值说明", "longtext", False, 50,
               "指标含义、计算公式或评价标准（可选）。",
               aliases=("指标说明",)),
    ),
)

TASKS = SheetSpec(
    "年度任务",
    "部门整体绩效目标表中的年度主要任务，每行一项。",
    (
        Column("name", "任务名称", "text", True, 30, "年度主要任务名称。"),
        Column("content", "主要内容", "longtext", False, 80, "任务的主要内容（可选）。"),
    ),
)

NAMES = SheetSpec(
    "科目名称",
    "可选：科目目录中没有的编码（或需改用的名称）在此补充名称；「支出明细」中的名称列也会汇总到这里。",
    (
        Column("kind", "分类", "enum", True, 16,
               "功能分类 / 部门经济分类 / 政府经济分类。",
               NAME_KIND_CHOICES),
        Column("code", "编码", "code", True, 14,
               "科目编码，按文本填写。",
               aliases=("科目编码",)),
        Column("name", "名称", "text", True, 36,
               "科目名称。",
               aliases=("科目名称",)),
    ),
)

TABLE_SHEETS: tuple[SheetSpec, ...] = (UNITS, ITEMS, PROJECTS, INDICATORS, TASKS, NAMES)

INFO_COLUMNS: tuple[Column, ...] = (
    Column("group", "分组", "text", True, 12, "本行所属分组；与上一行相同时可留空。"),
    Column("key", "项目", "text", True, 28,
           "填报项目；编制数、实有人数、国有资产、资产数量分组可自行增加行。"),
    Column("value", "内容", "text", True, 24, "填报内容；金额单位见「金额单位」。"),
    Column("note", "说明", "text", False, 60, "填报提示（读取时忽略）。"),
)

TEXT_COLUMNS: tuple[Column, ...] = (
    Column("key", "项目", "text", True, 28, "说明事项（勿修改）。"),
    Column("value", "内容", "longtext", False, 110, "说明文字；可换行（Alt+Enter）。"),
)

GROUP_BASIC = "基本信息"
GROUP_PRIOR = "上年数"
GROUP_AUTHORIZED = "编制数"
GROUP_ACTUAL = "实有人数"
GROUP_ASSETS = "国有资产"
GROUP_ASSET_COUNTS = "资产数量"
INFO_GROUPS: tuple[str, ...] = (
    GROUP_BASIC, GROUP_PRIOR, GROUP_AUTHORIZED, GROUP_ACTUAL, GROUP_ASSETS, GROUP_ASSET_COUNTS,
)
FREE_KEY_GROUPS: Mapping[str, tuple[str, str, CellKind]] = {
    # group → (section of BudgetIn, dict in it, kind of value); any 项目 text becomes a dict key.
    GROUP_AUTHORIZED: ("staff", "authorized", "int"),
    GROUP_ACTUAL: ("staff", "actual", "int"),
    GROUP_ASSETS: ("assets", "amounts", "amount"),
    GROUP_ASSET_COUNTS: ("assets", "counts", "int"),
}
PRIOR_YEAR_LABEL = "上年年度"
ASSETS_AS_OF_LABEL = "截止日期"


@dataclass(frozen=True, slots=True)
class InfoRow:
    """A fixed row of 「基本信息」: ``path`` is its location in BudgetIn."""

    group: str
    label: str
    path: tuple[str, ...]
    kind: CellKind = "text"
    required: bool = False
    note: str = ""
    choices: tuple[str, ...] = ()


INFO_ROWS: tuple[InfoRow, ...] = (
    InfoRow(GROUP_BASIC, "预算年度", ("year",), "int", True, "预算所属年度，如 2024。"),
    InfoRow(GROUP_BASIC, "模板", ("pack",), "text", False,
            f"公开表格模板（模板包编号），默认 {DEFAULT_PACK}（河南 2024 版）。"),
    InfoRow(GROUP_BASIC, "金额单位", ("money_unit",), "enum", False,
            "本工作簿所有金额的单位：万元（保留两位小数）或元。", MONEY_UNIT_CHOICES),
    InfoRow(GROUP_BASIC, "部门编码", ("department", "code"), "code", True,
            "部门编码，如 154；按文本填写。"),
    InfoRow(GROUP_BASIC, "部门名称", ("department", "name"), "text", True,
            "部门全称，如 新乡市金融工作局。"),
    InfoRow(GROUP_BASIC, "地区", ("department", "region"), "text", False,
            "所属地区，如 河南省新乡市（可选）。"),
    InfoRow(GROUP_BASIC, "简称", ("department", "short_name"), "text", False,
            "行文中的自称，如 我局；留空用部门名称。"),
    InfoRow(GROUP_PRIOR, PRIOR_YEAR_LABEL, ("prior_year", "year"), "int", False,
            "上年数所属年度；留空为预算年度减 1。"),
    *(
        InfoRow(GROUP_PRIOR, label, ("prior_year", "amounts", key), "amount", False,
                "上年预算数（用于同比）；无此项留空。")
        for key, label in PRIOR_METRICS.items()
    ),
    InfoRow(GROUP_ASSETS, ASSETS_AS_OF_LABEL, ("assets", "as_of"), "text", False,
            "资产数据的截止日期，如 2023年12月31日。"),
)

DEFAULT_FREE_ROWS: Mapping[str, tuple[str, ...]] = {
    GROUP_AUTHORIZED: ("行政编制", "事业编制"),
    GROUP_ACTUAL: ("在职", "离退休"),
    GROUP_ASSETS: ("资产总额", "固定资产", "无形资产", "上年资产总额"),
    GROUP_ASSET_COUNTS: ("车辆", "一般公务用车", "执法执勤用车", "特种专业技术用车",
                         "单价50万元以上通用设备", "单价100万元以上专用设备"),
}
_FREE_NOTES: Mapping[str, str] = {
    GROUP_AUTHORIZED: "编制数（人）；可增加其他编制类型的行。",
    GROUP_ACTUAL: "实有人数（人）；可增加行。",
    GROUP_ASSETS: "资产金额，单位同金额单位；可增加行。",
    GROUP_ASSET_COUNTS: "数量（辆、台、套）；可增加行。",
}

ANNUAL_GOAL_LABEL = "年度履职目标"
TEXT_ROWS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("targets", "annual_goal"), ANNUAL_GOAL_LABEL),
    *((("texts", key), label) for key, label in TEXT_KEYS.items()),
)
"""Rows of 「文字说明」: (location in BudgetIn, label)."""

# ---------------------------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------------------------

TEXT_FORMAT = "@"
AMOUNT_FORMAT = "0.00"
INT_FORMAT = "0"

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_FONT = Font(bold=True)
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_TITLE_FONT = Font(bold=True, size=14)
_SECTION_FONT = Font(bold=True, size=11)


def _format_for(kind: CellKind) -> str | None:
    if kind in ("code", "text", "longtext", "enum", "flag"):
        return TEXT_FORMAT
    if kind == "amount":
        return AMOUNT_FORMAT
    if kind == "int":
        return INT_FORMAT
    return None


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def write_template(path: Path, *, example: dict[str, Any] | None = None) -> None:
    """Write the 填报模板 to ``path``.

    With ``example`` (a dict of the :class:`~yusuan.ingest.schema.BudgetIn` shape) the sheets are
    filled with it, so that :func:`yusuan.ingest.excel_reader.read_excel` gives the same budget back;
    without it, a 「示例」 sheet shows three filled line items.
    """
    data: Mapping[str, Any] = example or {}
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    _write_guide(guide)
    _write_info(wb.create_sheet(INFO_SHEET), data)
    _write_table(wb.create_sheet(UNITS.name), UNITS, _unit_rows(data))
    _write_table(wb.create_sheet(ITEMS.name), ITEMS, _item_rows(data))
    _write_table(wb.create_sheet(PROJECTS.name), PROJECTS, _project_rows(data))
    _write_table(wb.create_sheet(INDICATORS.name), INDICATORS, _indicator_rows(data))
    _write_table(wb.create_sheet(TASKS.name), TASKS, _task_rows(data))
    _write_texts(wb.create_sheet(TEXTS_SHEET), data)
    _write_table(wb.create_sheet(NAMES.name), NAMES, _name_rows(data))
    letters = {col.key: get_column_letter(n) for n, col in enumerate(ITEMS.columns, start=1)}
    year = _get(data, "year")
    add_code_lists(wb, load_catalog(year if isinstance(year, int) else None, use_user_dir=isinstance(year, int)),
                   items_sheet=ITEMS.name, units_sheet=UNITS.name, projects_sheet=PROJECTS.name,
                   columns={k: letters[k] for k in ("functional", "econ", "unit", "project")}, rows=DATA_ROWS)
    if example is None:
        sample = wb.create_sheet(EXAMPLE_SHEET)
        _write_table(sample, ITEMS, _SAMPLE_ITEMS, validations=False)
        sample.sheet_properties.tabColor = "A9D08E"
        note = sample.cell(row=1, column=len(ITEMS.columns) + 2,
                           value="本表为填写示例，仅供参考，不会被读取；请在「支出明细」中填写。")
        note.font = Font(bold=True, color="C00000")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


_SAMPLE_ITEMS: tuple[Mapping[str, Any], ...] = (
    {"unit": "154001", "functional": "2010301", "functional_name": "行政运行", "econ": "30101",
     "econ_name": "基本工资", "kind": "基本支出", "source": "一般公共预算", "carryover": NO,
     "amount": Decimal("101.63")},
    {"unit": "154001", "functional": "2010301", "functional_name": "行政运行", "econ": "30201",
     "econ_name": "办公费", "kind": "基本支出", "source": "一般公共预算", "carryover": NO,
     "amount": Decimal("25.00"), "procurement_amount": Decimal("3.00"), "procurement_kind": "货物"},
    {"unit": "154001", "functional": "2010305", "functional_name": "专项业务及机关事务管理", "econ": "30299",
     "econ_name": "其他商品和服务支出", "kind": "项目支出", "project": "410700220000000029927",
     "source": "一般公共预算", "carryover": NO, "amount": Decimal("37.00")},
)


def _write_guide(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    row = 1

    def line(text: str, *, font: Font | None = None) -> None:
        nonlocal row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = _WRAP
        if font is not None:
            cell.font = font
        row += 1

    line("部门预算填报模板（yusuan）", font=_TITLE_FONT)
    line("本工作簿用于填报部门预算公开所需的基础数据。公开的各张表格、“三公”经费、机关运行经费、"
         "同比增减和情况说明中的数字均由「支出明细」自动汇总生成，无需另行填写。")
    row += 1
    line("一、通用规则", font=_SECTION_FONT)
    for text in (
        "1. 金额单位：以「基本信息」中的「金额单位」为准，默认万元，保留两位小数；"
        "请填写数字，不要带“万元”等单位或汉字。",
        "2. 编码按文本填写：单位编码、功能分类编码、经济分类编码、项目编码等编码列已设为文本格式，"
        "请勿改为数字格式，以免前导零丢失或 21 位项目编码因超过 15 位而失真。",
        "3. 红色表头的列为必填列；其余列可留空。空白行自动跳过；标注“合计”“总计”的行不会读入。",
        "4. 名称可留空：功能分类名称、经济分类名称在编码属于已加载的科目目录时可以不填，系统自动取名称；"
        "目录中没有的编码请填写名称（也可在「科目名称」表集中填写）。",
        "5. 表头文字请勿修改；列的顺序可以调整，也可以在右侧增加自用列（读取时忽略）。",
        "6. 带下拉箭头的列请从下拉列表中选择。",
    ):
        line(text)
    row += 1
    line("二、上年结转", font=_SECTION_FONT)
    for text in (
        "「支出明细」的「是否上年结转」填“是”，表示该笔支出使用上年结转结余资金（按资金来源分别统计为"
        "上年结转收入）；本年新安排的资金填“否”或留空。同一科目既有本年安排又有上年结转的，请分两行填写。",
        "「基本信息」中的「上年数」填写上年预算数，用于同比分析；上年年度留空时为预算年度减 1。",
    ):
        line(text)
    row += 1
    line("三、各工作表", font=_SECTION_FONT)
    header_row = row
    for col, title in enumerate(("工作表", "填写内容", "必填列"), start=1):
        cell = ws.cell(row=header_row, column=col, value=title)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
    row += 1
    overview: list[tuple[str, str, str]] = [
        (INFO_SHEET, "预算年度、模板、金额单位、部门编码和名称等基本信息；上年数（每个指标一行）；"
                     "编制数、实有人数、国有资产占用情况。", "预算年度、部门编码、部门名称"),
    ]
    overview.extend(
        (spec.name, spec.description, "、".join(_plain(c.header) for c in spec.columns if c.required))
        for spec in TABLE_SHEETS
    )
    overview.append((TEXTS_SHEET, "年度履职目标及情况说明中需要人工撰写的文字（主要职责、机构设置、增减原因、"
                                  "“三公”经费说明等）。", "无（按需填写）"))
    for name, desc, required in overview:
        for col, value in enumerate((name, desc, required), start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment = _WRAP
            cell.border = _BORDER
        row += 1
    row += 1
    line("四、绩效指标", font=_SECTION_FONT)
    line(f"「绩效指标」的「归属」填“{DEPARTMENT_OWNER}”表示部门整体绩效目标，填项目编码表示该项目的绩效目标。"
         "同一归属下，一级指标、二级指标与上一行相同时可以留空或合并单元格。")
    row += 1
    line("五、下拉选项", font=_SECTION_FONT)
    for title, choices in (
        ("单位类型", UNIT_TYPE_CHOICES),
        ("支出类型", EXPENDITURE_KIND_CHOICES),
        ("资金来源", FUNDING_SOURCE_CHOICES),
        ("项目类型", PROJECT_KIND_CHOICES),
        ("采购品目", PROCUREMENT_KIND_CHOICES),
        ("是否上年结转", FLAG_CHOICES),
        ("金额单位", MONEY_UNIT_CHOICES),
    ):
        line(f"{title}：{'、'.join(choices)}")


def _plain(header: str) -> str:
    """Header without its parenthesised note."""
    return header.split("（", 1)[0]


def _style_header(ws: Worksheet, columns: Sequence[Column]) -> None:
    for index, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = _REQUIRED_FONT if col.required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        cell.border = _BORDER
        letter = get_column_letter(index)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        fmt = _format_for(col.kind)
        if fmt is not None:
            dim.number_format = fmt
        if col.prompt:
            title = ("必填：" if col.required else "") + _plain(col.header)
            tip = DataValidation(showInputMessage=True, promptTitle=title[:32], prompt=col.prompt[:255])
            tip.add(f"{letter}1")
            ws.add_data_validation(tip)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"


def _add_validations(ws: Worksheet, columns: Sequence[Column]) -> None:
    for index, col in enumerate(columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{DATA_ROWS}"
        if col.choices:
            ws.add_data_validation(_list_validation(col.choices, _plain(col.header), area))
        elif col.kind == "amount":
            check = DataValidation(type="decimal", operator="between", formula1="-999999999999",
                                   formula2="999999999999", allow_blank=True, showErrorMessage=True,
                                   errorStyle="stop", errorTitle="金额应为数字",
                                   error="请填写数字金额（不带单位、汉字或空格）。")
            check.add(area)
            ws.add_data_validation(check)


def _list_validation(choices: Sequence[str], title: str, area: str) -> DataValidation:
    formula = '"' + ",".join(choices) + '"'
    if len(formula) > 257:  # Excel limits an inline list to 255 characters
        raise ValueError(f"drop-down list for {title} is too long for an inline list")
    check = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                           errorStyle="stop", errorTitle=f"{title}无效"[:32],
                           error=f"请从下拉列表中选择：{'、'.join(choices)}"[:255])
    check.add(area)
    return check


def _write_table(ws: Worksheet, spec: SheetSpec, rows: Iterable[Mapping[str, Any]], *,
                 validations: bool = True) -> None:
    _style_header(ws, spec.columns)
    if validations:
        _add_validations(ws, spec.columns)
    for row_index, record in enumerate(rows, start=2):
        for col_index, col in enumerate(spec.columns, start=1):
            if col.key in record and record[col.key] is not None:
                _put(ws, row_index, col_index, record[col.key], col.kind)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}1"


def _put(ws: Worksheet, row: int, column: int, value: Any, kind: CellKind) -> None:
    cell = ws.cell(row=row, column=column)
    if kind == "amount":
        cell.value = _number(value)
    elif kind == "int":
        cell.value = _integer(value)
    elif kind == "flag":
        cell.value = (YES if value else NO) if isinstance(value, bool) else _text(value)
    else:
        cell.value = _text(value)
    fmt = _format_for(kind)
    if fmt is not None:
        cell.number_format = fmt
    if kind == "longtext":
        cell.alignment = _WRAP


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _number(value: Any) -> Decimal | str:
    """An amount for a cell: exact Decimal when it is a number, the text otherwise."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return str(value)


def _integer(value: Any) -> int | str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return str(value)
    return int(number) if number == number.to_integral_value() else str(value)


# -- records of each sheet, from the example ------------------------------------------------------


def _get(data: Mapping[str, Any], *path: str) -> Any:
    current: Any = data
    for key in path:
        if not isinstance(current, Mapping) or key not in current:
            return None
        current = current[key]
    return current


def _list(data: Mapping[str, Any], *path: str) -> list[Mapping[str, Any]]:
    value = _get(data, *path)
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, Mapping)]


def _mapping(data: Mapping[str, Any], *path: str) -> Mapping[str, Any]:
    value = _get(data, *path)
    return value if isinstance(value, Mapping) else {}


def _unit_rows(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [dict(unit) for unit in _list(data, "units")]


def _item_rows(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    functional_names = {_text(k): v for k, v in _mapping(data, "names", "functional").items()}
    econ_names = {_text(k): v for k, v in _mapping(data, "names", "econ").items()}
    rows: list[Mapping[str, Any]] = []
    for item in _list(data, "items"):
        row: dict[str, Any] = {k: v for k, v in item.items() if k != "procurement"}
        if item.get("functional") is not None and _text(item["functional"]) in functional_names:
            row["functional_name"] = functional_names[_text(item["functional"])]
        if item.get("econ") is not None and _text(item["econ"]) in econ_names:
            row["econ_name"] = econ_names[_text(item["econ"])]
        procurement = item.get("procurement")
        if isinstance(procurement, Mapping):
            row["procurement_amount"] = procurement.get("amount")
            row["procurement_kind"] = procurement.get("kind")
        rows.append(row)
    return rows


def _project_rows(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rows: list[Mapping[str, Any]] = []
    for project in _list(data, "projects"):
        row: dict[str, Any] = {k: v for k, v in project.items() if k not in ("details", "targets")}
        details = project.get("details")
        if isinstance(details, Mapping):
            row.update({f"details.{key}": value for key, value in details.items()})
        rows.append(row)
    return rows


def _indicator_rows(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rows: list[Mapping[str, Any]] = [
        {**indicator, "owner": DEPARTMENT_OWNER} for indicator in _list(data, "targets", "indicators")
    ]
    for project in _list(data, "projects"):
        targets = project.get("targets")
        if isinstance(targets, list):
            rows.extend({**ind, "owner": project.get("code")} for ind in targets if isinstance(ind, Mapping))
    return rows


def _task_rows(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [dict(task) for task in _list(data, "targets", "tasks")]


def _name_rows(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Names not already shown next to an item in 「支出明细」."""
    used: dict[str, set[str]] = {"functional": set(), "econ": set(), "gov_econ": set()}
    for item in _list(data, "items"):
        for key in ("functional", "econ"):
            if item.get(key) is not None:
                used[key].add(_text(item[key]))
    rows: list[Mapping[str, Any]] = []
    for label, key in NAME_KIND_KEYS.items():
        for code, name in _mapping(data, "names", key).items():
            if _text(code) not in used[key]:
                rows.append({"kind": label, "code": code, "name": name})
    return rows


# -- key/value sheets ----------------------------------------------------------------------------


def _write_info(ws: Worksheet, data: Mapping[str, Any]) -> None:
    _style_header(ws, INFO_COLUMNS)
    ws.add_data_validation(_list_validation(INFO_GROUPS, "分组", f"A2:A{DATA_ROWS}"))
    row = 2
    defaults: Mapping[tuple[str, ...], str] = {("pack",): DEFAULT_PACK, ("money_unit",): DEFAULT_MONEY_UNIT}

    def fixed_rows(group: str) -> None:
        nonlocal row
        for spec in INFO_ROWS:
            if spec.group != group:
                continue
            value = _get(data, *spec.path)
            if value is None:
                value = defaults.get(spec.path)
            _info_row(ws, row, spec.group, spec.label, value, spec.kind, spec.note, spec.required)
            if spec.choices:
                ws.add_data_validation(_list_validation(spec.choices, spec.label, f"C{row}"))
            row += 1

    for group in INFO_GROUPS:
        if group not in FREE_KEY_GROUPS:
            fixed_rows(group)
    for group, (section, key, kind) in FREE_KEY_GROUPS.items():
        fixed_rows(group)  # 国有资产: 截止日期 before the amounts
        given = _mapping(data, section, key)
        labels = list(DEFAULT_FREE_ROWS[group])
        labels.extend(str(k) for k in given if str(k) not in labels)
        for label in labels:
            _info_row(ws, row, group, label, given.get(label), kind, _FREE_NOTES[group], False)
            row += 1


def _info_row(ws: Worksheet, row: int, group: str, label: str, value: Any, kind: CellKind, note: str,
              required: bool) -> None:
    ws.cell(row=row, column=1, value=group).border = _BORDER
    key_cell = ws.cell(row=row, column=2, value=label)
    key_cell.border = _BORDER
    if required:
        key_cell.font = Font(color="C00000")
    if value is not None:
        _put(ws, row, 3, value, kind)
    value_cell = ws.cell(row=row, column=3)
    fmt = _format_for(kind)
    if fmt is not None:
        value_cell.number_format = fmt
    value_cell.border = _BORDER
    note_cell = ws.cell(row=row, column=4, value=note)
    note_cell.font = Font(color="808080")
    note_cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_texts(ws: Worksheet, data: Mapping[str, Any]) -> None:
    _style_header(ws, TEXT_COLUMNS)
    for row, (path, label) in enumerate(TEXT_ROWS, start=2):
        ws.cell(row=row, column=1, value=label).border = _BORDER
        value = _get(data, *path)
        if value is not None:
            _put(ws, row, 2, value, "longtext")
        cell = ws.cell(row=row, column=2)
        cell.number_format = TEXT_FORMAT
        cell.alignment = _WRAP
        cell.border = _BORDER

