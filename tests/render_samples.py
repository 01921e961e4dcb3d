"""Hand-built computed tables shared by the renderer tests."""

from __future__ import annotations

from yusuan.compute.model import Cell, Column, Row, Table, Tables, build_header
from yusuan.money import MoneyUnit

ORG = "部门名称：新乡市金融工作局"

MATRIX_COLUMNS = (
    Column("functional_class", ("科目编码", "类"), "label"),
    Column("functional_section", ("科目编码", "款"), "label"),
    Column("functional_item", ("科目编码", "项"), "label"),
    Column("unit_code", ("单位代码",), "label"),
    Column("name", ("单位（科目名称）",), "label"),
    Column("total", ("合计",), "money"),
    Column("basic", ("基本支出", "小计"), "money"),
    Column("basic_wages", ("基本支出", "人员经费", "工资福利支出"), "money"),
    Column("basic_family", ("基本支出", "人员经费", "对个人和家庭的补助"), "money"),
    Column("basic_goods", ("基本支出", "公用经费", "商品和服务支出"), "money"),
    Column("project", ("项目支出",), "money"),
)


def _matrix_row(key: str, level: str, labels: tuple[str | None, ...], money: tuple[int, ...],
                indent: int = 0) -> Row:
    cells = [Cell(v, c.key) for v, c in zip(labels, MATRIX_COLUMNS[:5], strict=True)]
    cells += [Cell(v, c.key, money=True) for v, c in zip(money, MATRIX_COLUMNS[5:], strict=True)]
    return Row(key, level, tuple(cells), label=labels[4] or "", indent=indent)


def matrix_table(*, empty: bool = False) -> Table:
    rows: tuple[Row, ...]
    if empty:
        rows = (_matrix_row("total", "total", (None, None, None, None, "合计"), (0, 0, 0, 0, 0, 0)),)
    else:
        rows = (
            _matrix_row("total", "total", (None, None, None, None, "合计"),
                        (504110000, 467110000, 423510000, 0, 43600000, 37000000)),
            _matrix_row("department:154", "department", (None, None, None, "154", "新乡市金融工作局"),
                        (504110000, 467110000, 423510000, 0, 43600000, 37000000)),
            _matrix_row("functional:2010301", "functional_item", ("201", "03", "01", None, "行政运行"),
                        (391900000, 391900000, 348300000, 0, 43600000, 0)),
            _matrix_row("fixed:grant", "fixed", (None, None, None, None, "其中：财政拨款"),
                        (1, 0, 0, 0, 0, 0), indent=2),
        )
    return Table(
        id="gov_fund_expenditure" if empty else "expenditure_summary",
        kind="matrix",
        number=9 if empty else 3,
        code="预算09表" if empty else "预算03表",
        title="2024年政府性基金预算支出情况表" if empty else "2024年部门支出总体情况表",
        money_unit=MoneyUnit.WAN,
        decimals=2,
        org_label=ORG,
        columns=MATRIX_COLUMNS,
        header=build_header(MATRIX_COLUMNS),
        rows=rows,
        is_empty=empty,
        empty_statement="本部门2024年无政府性基金预算支出。",
        notes=("注：本表仅含当年财政拨款安排的支出。",) if not empty else (),
    )


BALANCE_COLUMNS = (
    Column("income.label", ("收入", "项目"), "label"),
    Column("income.amount", ("收入", "预算数"), "money"),
    Column("expenditure.label", ("支出", "项目"), "label"),
    Column("expenditure.amount", ("支出", "预算数"), "money"),
)


def _side(prefix: str, key: str | None, label: str | None, amount: int | None) -> list[Cell]:
    if key is None:
        return [Cell(None, f"{prefix}.label"), Cell(None, f"{prefix}.amount")]
    row_key = f"{prefix}:{key}"
    return [Cell(label, f"{prefix}.label", row_key=row_key),
            Cell(amount, f"{prefix}.amount", money=True, row_key=row_key)]


def balance_table() -> Table:
    lines = [
        ("line1", "line", ("general", "一、一般公共预算", 504110000),
         ("public", "一、一般公共服务支出", 428900000)),
        ("line2", "line", ("fund", "二、政府性基金预算", 0),
         ("social", "二、社会保障和就业支出", 75210000)),
        ("line3", "line", (None, None, None), ("health", "三、卫生健康支出", 0)),
        ("total1", "total", ("total", "收入总计", 504110000), ("total", "支出总计", 504110000)),
    ]
    rows = tuple(
        Row(key, level, tuple(_side("income", *inc) + _side("expenditure", *exp)))
        for key, level, inc, exp in lines
    )
    return Table(
        id="income_expenditure_summary", kind="balance", number=1, code="预算01表",
        title="2024年部门收支总体情况表", money_unit=MoneyUnit.WAN, decimals=2, org_label=ORG,
        columns=BALANCE_COLUMNS, header=build_header(BALANCE_COLUMNS), rows=rows, is_empty=False,
        empty_statement="本表无数据。", orientation="portrait",
    )


TEXT_COLUMNS = (
    Column("level1", ("一级指标",), "text"),
    Column("level2", ("二级指标",), "text"),
    Column("level3", ("三级指标",), "text"),
    Column("value", ("指标值",), "text"),
    Column("amount", ("金额",), "money"),
)


def text_table(*, title: str = "部门（单位）整体绩效目标表") -> Table:
    rows = (
        Row("r1", "indicator", (
            Cell("产出指标", "level1", rowspan=3),
            Cell("数量指标", "level2", rowspan=2),
            Cell("对接会场次", "level3"),
            Cell("≥1场", "value"),
            Cell(37000000, "amount", money=True, rowspan=2),
        )),
        Row("r2", "indicator", (Cell("预算调整率", "level3"), Cell("a<b & <script>", "value"))),
        Row("r3", "indicator", (
            Cell("质量指标：覆盖全部地方金融组织", "level2", colspan=3),
            Cell(0, "amount", money=True),
        )),
        Row("r4", "indicator", (Cell("满意度指标", "level1"), Cell("群众满意度≥90%", "level2", colspan=4))),
    )
    return Table(
        id="department_targets", kind="department_targets", number=None, code="", title=title,
        money_unit=MoneyUnit.WAN, decimals=2, org_label=ORG, columns=TEXT_COLUMNS,
        header=build_header(TEXT_COLUMNS), rows=rows, is_empty=False, empty_statement="",
        notes=("注：指标值说明见正文。",), orientation="portrait",
    )


def sample_tables() -> Tables:
    return Tables((
        balance_table(),
        matrix_table(),
        matrix_table(empty=True),
        text_table(),
        text_table(title="项目/绩效[汇总]:表?"),
    ))
