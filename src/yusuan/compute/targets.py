"""绩效目标 tables: form-like text tables with merged cells, laid out here.

Body cells use HTML-style spans: a cell covered by a rowspan from above is absent
from later rows.  Money cells still hold exact 分 so rules can cross-check them.
"""

from __future__ import annotations

from collections.abc import Callable

from yusuan.compute.context import BuildContext
from yusuan.compute.model import Cell, Column, Row, Table
from yusuan.domain.budget import Budget, LineItem, Project
from yusuan.domain.enums import ExpenditureKind, SourceGroup
from yusuan.domain.performance import Indicator
from yusuan.money import Fen
from yusuan.packs.model import TableSpec, TargetsTable


def _sum(items: list[LineItem] | tuple[LineItem, ...], *groups: SourceGroup) -> Fen:
    return sum(i.amount for i in items if not groups or i.source.group in groups)


_FISCAL = (SourceGroup.GENERAL_PUBLIC, SourceGroup.GOVERNMENT_FUND, SourceGroup.STATE_CAPITAL)


def _t(value: str | None, column: str, colspan: int = 1, rowspan: int = 1, row_key: str | None = None) -> Cell:
    return Cell(value or None, column, colspan=colspan, rowspan=rowspan, row_key=row_key)


def _m(value: Fen, column: str, colspan: int = 1) -> Cell:
    return Cell(value, column, money=True, colspan=colspan)


def _table(ctx: BuildContext, spec: TableSpec, columns: tuple[Column, ...], rows: list[Row], empty: bool,
           *, with_header: bool, table_id: str | None = None, title: str | None = None) -> Table:
    return ctx.table(spec, columns, rows, is_empty=empty, with_header=with_header, table_id=table_id, title=title)


def _indicator_rows(indicators: tuple[Indicator, ...], cols: list[str], key_prefix: str,
                    with_description: bool) -> list[Row]:
    """Indicator rows with 一级/二级 merged down over their children."""
    rows: list[Row] = []
    n = 0
    groups: dict[str, dict[str, list[Indicator]]] = {}
    for ind in indicators:
        groups.setdefault(ind.level1, {}).setdefault(ind.level2, []).append(ind)
    for level1, by_level2 in groups.items():
        l1_span = sum(len(v) for v in by_level2.values())
        first_l1 = True
        for level2, inds in by_level2.items():
            first_l2 = True
            for ind in inds:
                cells: list[Cell] = []
                if first_l1:
                    cells.append(_t(level1, cols[0], rowspan=l1_span))
                if first_l2:
                    cells.append(_t(level2, cols[1], rowspan=len(inds)))
                cells.append(_t(ind.name, cols[2]))
                cells.append(_t(ind.value.raw, cols[3]))
                if with_description:
                    cells.append(_t(ind.description, cols[4]))
                rows.append(Row(f"{key_prefix}{n}", "indicator", tuple(cells), label=ind.name))
                n += 1
                first_l1 = first_l2 = False
    return rows


def build_department_targets(ctx: BuildContext, spec: TableSpec) -> Table:
    b = ctx.budget
    t = b.targets
    cols = [f"c{i}" for i in range(1, 6)]
    columns = tuple(Column(c, (), "text") for c in cols)
    items = b.items
    rows: list[Row] = [
        Row("department", "form", (_t(f"部门（单位）名称：{b.department.name}", "c1", colspan=5),)),
        Row("annual_goal", "form", (_t("年度履职目标", "c1"), _t(t.annual_goal, "c2", colspan=4))),
        Row("tasks", "form", (_t("年度主要任务", "c1", rowspan=1 + len(t.tasks)), _t("任务名称", "c2"),
                               _t("主要内容", "c3", colspan=3))),
    ]
    for n, task in enumerate(t.tasks):
        rows.append(Row(f"task:{n}", "form", (_t(task.name, "c2"), _t(task.content, "c3", colspan=3))))
    money_rows = [
        ("budget_total", f"部门预算总额（{ctx.money_unit(spec).value}）", _sum(items)),
        ("source.fiscal", "资金来源：（1）政府预算资金", _sum(items, *_FISCAL)),
        ("source.special_account", "（2）财政专户管理资金", _sum(items, SourceGroup.SPECIAL_ACCOUNT)),
        ("source.unit_funds", "（3）单位资金", _sum(items, SourceGroup.UNIT_FUNDS)),
        ("structure.basic", "资金结构：（1）基本支出", sum(i.amount for i in items if i.kind is ExpenditureKind.BASIC)),
        ("structure.project", "（2）项目支出", sum(i.amount for i in items if i.kind is ExpenditureKind.PROJECT)),
    ]
    for n, (key, label, amount) in enumerate(money_rows):
        cells = [_t("预算情况", "c1", rowspan=len(money_rows))] if n == 0 else []
        cells += [_t(label, "c2", colspan=3), _m(amount, "c5")]
        rows.append(Row(key, "form", tuple(cells), label=label))
    rows.append(Row("indicator_header", "subheader", tuple(
        _t(text, c) for text, c in zip(("一级指标", "二级指标", "三级指标", "指标值", "指标值说明"), cols, strict=True)
    )))
    rows += _indicator_rows(t.indicators.indicators, cols, "indicator:", with_description=True)
    return _table(ctx, spec, columns, rows, not t, with_header=False)


def _project_amounts(items: list[LineItem]) -> list[Fen]:
    return [
        _sum(items),
        _sum(items, *_FISCAL),
        _sum(items, SourceGroup.SPECIAL_ACCOUNT),
        _sum(items, SourceGroup.UNIT_FUNDS),
    ]


def build_project_targets_summary(ctx: BuildContext, spec: TableSpec, layout: TargetsTable) -> Table:
    b = ctx.budget
    level1s = layout.level1_columns
    amount_heads = ("资金总额", "政府预算资金", "财政专户管理资金", "单位资金")
    columns: list[Column] = [
        Column("code", ("单位编码（项目编码）",), "label", 22),
        Column("name", ("项目单位（项目名称）",), "label", 18),
    ]
    unit_label = ctx.money_unit(spec).value
    columns += [Column(f"amount.{n}", (f"项目金额（{unit_label}）", h), "money", 10)
                for n, h in enumerate(amount_heads)]
    for n, l1 in enumerate(level1s):
        columns.append(Column(f"l1.{n}.name", ("绩效目标", l1, "三级指标"), "text", 14))
        columns.append(Column(f"l1.{n}.value", ("绩效目标", l1, "指标值"), "text", 10))
    project_items: dict[str, list[LineItem]] = {}
    for item in b.items:
        if item.project_code:
            project_items.setdefault(item.project_code, []).append(item)
    all_items = [i for items in project_items.values() for i in items]

    def amount_cells(items: list[LineItem]) -> list[Cell]:
        return [_m(v, f"amount.{n}") for n, v in enumerate(_project_amounts(items))]

    def blanks() -> list[Cell]:
        return [_t(None, f"l1.{n}.{part}") for n in range(len(level1s)) for part in ("name", "value")]

    rows: list[Row] = [Row(f"department:{b.department.code}", "department",
                           (_t(b.department.code, "code"), _t(None, "name"), *amount_cells(all_items), *blanks()))]
    for unit in b.units:
        unit_projects = [p for p in b.projects if p.unit_code == unit.code and p.code in project_items]
        if not unit_projects:
            continue
        unit_items = [i for p in unit_projects for i in project_items[p.code]]
        rows.append(Row(f"unit:{unit.code}", "unit",
                        (_t(unit.code, "code"), _t(unit.name, "name"), *amount_cells(unit_items), *blanks())))
        for project in unit_projects:
            rows += _project_summary_rows(project, project_items[project.code], level1s, amount_cells)
    return _table(ctx, spec, tuple(columns), rows, not project_items, with_header=True)


def _project_summary_rows(project: Project, items: list[LineItem], level1s: list[str],
                          amount_cells: Callable[[list[LineItem]], list[Cell]]) -> list[Row]:
    by_col = [project.targets.under(l1[:2]) for l1 in level1s]
    height = max(1, *(len(x) for x in by_col))
    rows: list[Row] = []
    for r in range(height):
        cells: list[Cell] = []
        if r == 0:
            cells.append(_t(project.code, "code"))
            cells.append(_t(project.name, "name"))
            cells.extend(amount_cells(items))
        else:
            cells += [_t(None, "code"), _t(None, "name")]
            cells += [_t(None, f"amount.{n}") for n in range(4)]
        for n, inds in enumerate(by_col):
            ind = inds[r] if r < len(inds) else None
            cells.append(_t(ind.name if ind else None, f"l1.{n}.name"))
            cells.append(_t(ind.value.raw if ind else None, f"l1.{n}.value"))
        key = f"project:{project.code}" if r == 0 else f"project:{project.code}:{r}"
        rows.append(Row(key, "project" if r == 0 else "indicator", tuple(cells), label=project.name))
    return rows


_DETAIL_PAIRS = (("manager", "contact"), ("start", "end"))


def build_project_sheets(ctx: BuildContext, spec: TableSpec) -> list[Table]:
    """One 项目绩效目标表 per project (older layouts)."""
    b = ctx.budget
    tables: list[Table] = []
    cols = ["c1", "c2", "c3", "c4"]
    columns = tuple(Column(c, (), "text") for c in cols)
    for project in b.projects:
        items = [i for i in b.items if i.project_code == project.code]
        if not items:
            continue
        d = project.details
        amount = sum(i.amount for i in items)
        rows: list[Row] = [
            Row("name", "form", (_t("项目名称", "c1"), _t(project.name, "c2", colspan=3))),
            Row("unit", "form", (_t("单位编码", "c1"), _t(project.unit_code, "c2"), _t("资金用途", "c3"),
                                 _t(d.get("purpose"), "c4"))),
            Row("people", "form", (_t("项目负责人", "c1"), _t(d.get("manager"), "c2"), _t("联系人", "c3"),
                                   _t(d.get("contact"), "c4"))),
            Row("phone", "form", (_t("联系电话", "c1"), _t(d.get("phone"), "c2", colspan=3))),
            Row("period", "form", (_t("开始时间", "c1"), _t(d.get("start"), "c2"), _t("结束时间", "c3"),
                                   _t(d.get("end"), "c4"))),
            Row("amount", "form", (_t("项目总金额", "c1"), _m(project.total_amount or amount, "c2"),
                                   _t("项目本年度金额", "c3"), _m(amount, "c4"))),
            Row("prior", "form", (_t("上年度项目总金额", "c1"),
                                  _m(project.prior_total_amount or project.prior_amount or 0, "c2"),
                                  _t("项目上年度金额", "c3"), _m(project.prior_amount or 0, "c4"))),
            Row("details_header", "subheader", (_t("项目详细信息", "c1", colspan=4),)),
        ]
        for key, label in (("overview", "项目概况"), ("basis", "立项依据"), ("necessity", "项目设立的必要性"),
                           ("measures", "项目配套制度措施"), ("plan", "项目实施计划"), ("remarks", "备注")):
            rows.append(Row(key, "form", (_t(label, "c1"), _t(d.get(key), "c2", colspan=3))))
        rows += [
            Row("targets_header", "subheader", (_t("项目绩效目标", "c1", colspan=4),)),
            Row("overall_goal", "form", (_t("项目总目标", "c1"), _t(project.overall_goal, "c2", colspan=3))),
            Row("annual_goal", "form", (_t("年度绩效目标", "c1"), _t(project.annual_goal, "c2", colspan=3))),
            Row("indicator_header", "subheader", tuple(
                _t(x, c) for x, c in zip(("一级指标", "二级指标", "三级指标", "目标值"), cols, strict=True))),
        ]
        rows += _indicator_rows(project.targets.indicators, cols, "indicator:", with_description=False)
        title = f"{ctx.fill(spec.title)}（{project.name}）"
        tables.append(_table(ctx, spec, columns, rows, False, with_header=False,
                             table_id=f"{spec.id}:{project.code}", title=title))
    if not tables:  # no project: one empty table that carries the pack's statement
        tables.append(_table(ctx, spec, columns, [], True, with_header=False))
    return tables


def project_items(budget: Budget, code: str) -> list[LineItem]:
    return [i for i in budget.items if i.project_code == code]
