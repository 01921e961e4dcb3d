"""Family D: the budget's input data (line items, projects, units, prior-year comparatives).

These rules read the compiled budget's line items and say which input row to fix; they do
not apply to an imported disclosure (no line items).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.registry import Finding, rule
from yusuan.check.rules._codes import item_location
from yusuan.compute.filters import Predicate, compile_filter
from yusuan.compute.summary import THREE_PUBLIC_CODES
from yusuan.domain.budget import PRIOR_METRICS, Budget, LineItem
from yusuan.domain.enums import FundingSource, ProjectKind, SourceGroup, UnitType
from yusuan.domain.source import SourceRef
from yusuan.packs.model import BalanceTable, Filter, MatrixTable, Pack, TableSpec

COMPARED_METRICS: tuple[str, ...] = (
    "income_total", "expenditure_total", "three_public", "overseas_travel", "official_reception", "vehicles",
)
"""Prior-year figures the narrative compares this year's with (收支总计, “三公”经费 and its items)."""
VEHICLE_PARTS: tuple[str, ...] = ("vehicle_purchase", "vehicle_operation")
DERIVED_PRIOR: Mapping[str, tuple[str, ...]] = {
    "vehicles": VEHICLE_PARTS,
    "three_public": ("overseas_travel", "official_reception", "vehicles"),
}
"""Prior figures the narrative can add up from their parts when the total is not given."""


def _budget(ctx: CheckContext) -> Budget:
    assert ctx.budget is not None
    return ctx.budget


def _pack(ctx: CheckContext) -> Pack:
    assert ctx.pack is not None
    return ctx.pack


def _input_file(budget: Budget) -> str | None:
    return next((i.source_ref.file for i in budget.items if i.source_ref is not None), None)


def _at_input(budget: Budget, path: str, ref: SourceRef | None = None) -> Location:
    """The entered object's own location, else its YAML path in the input file."""
    return Location(source=ref or SourceRef(file=_input_file(budget), path=path))


@rule(
    code="D701", slug="zero-amount-item", severity="notice", tier="advisory",
    title="支出明细金额为零",
    message="支出明细金额为 0（{functional} / {econ}），不影响任何表格",
    hint="删除金额为零的明细行，或补填金额。",
    tags=("支出明细",), needs=("budget",),
)
def zero_amount_item(ctx: CheckContext) -> Iterator[Finding]:
    for n, item in enumerate(_budget(ctx).items):
        if item.amount == 0:
            yield Finding(item_location(item, n, "amount"),
                          values={"functional": item.functional_code, "econ": item.econ_code},
                          actual=ctx.fmt(0))


@rule(
    code="D702", slug="project-without-items", severity="warning", tier="strict",
    title="项目没有支出明细",
    message="项目「{project}」（{code}）已填报，但没有任何支出明细，不会出现在项目支出表中",
    hint="为该项目补填支出明细，或删除不再安排的项目。",
    tags=("项目",), needs=("budget",),
)
def project_without_items(ctx: CheckContext) -> Iterator[Finding]:
    budget = _budget(ctx)
    used = {i.project_code for i in budget.items if i.project_code}
    for n, project in enumerate(budget.projects):
        if project.code not in used:
            yield Finding(_at_input(budget, f"projects[{n}]", project.source),
                          values={"project": project.name, "code": project.code})


@rule(
    code="D703", slug="procurement-exceeds-amount", severity="error", tier="basic",
    title="政府采购金额大于支出金额",
    message="政府采购金额 {actual} 大于本行支出金额 {expected}，超出 {difference}",
    hint="政府采购金额是本行支出中用于采购的部分，不能超过本行金额。",
    tags=("政府采购",), needs=("budget",),
)
def procurement_exceeds_amount(ctx: CheckContext) -> Iterator[Finding]:
    for n, item in enumerate(_budget(ctx).items):
        if item.procurement_amount > item.amount and item.procurement_amount > 0:
            yield Finding(item_location(item, n, "procurement"), expected=ctx.fmt(item.amount),
                          actual=ctx.fmt(item.procurement_amount),
                          difference=ctx.fmt(item.procurement_amount - item.amount))


def _filters(spec: TableSpec) -> Iterator[Filter]:
    """Every cell filter of a table spec (money columns, fixed rows, balance rows and totals)."""
    layout = spec.layout
    if isinstance(layout, MatrixTable):
        yield from (c.sum for c in layout.columns)
        for level in layout.rows:
            yield from (r.sum for r in level.rows)
    elif isinstance(layout, BalanceTable):
        for side in (layout.income, layout.expenditure):
            yield from (c.sum for c in side.columns)
            yield from (r.sum for r in side.rows)
        for total in layout.totals:
            yield from (row.sum for row in (total.income, total.expenditure) if row is not None)


def _project_kinds(flt: Filter) -> set[str]:
    kinds = set(flt.project_kind or ())
    for sub in flt.any_of or ():
        kinds |= _project_kinds(sub)
    return kinds


def _pack_project_kinds(pack: Pack) -> set[str]:
    kinds: set[str] = set()
    for spec in pack.tables:
        kinds |= _project_kinds(spec.scope)
        for flt in _filters(spec):
            kinds |= _project_kinds(flt)
    return kinds


@rule(
    code="D704", slug="project-kind-not-in-layout", severity="warning", tier="strict",
    title="项目类型不在本版式的分类中",
    message="项目「{project}」的类型为“{kind}”，本版式（{pack}）的项目支出按 {kinds} 分列，"
            "该项目不会出现在分列的栏目中",
    hint="按本版式的项目分类（如 2024 版式的其他运转类、特定目标类）重新选择项目类型。",
    tags=("项目",), needs=("budget", "pack"),
)
def project_kind_not_in_layout(ctx: CheckContext) -> Iterator[Finding]:
    budget, pack = _budget(ctx), _pack(ctx)
    used = _pack_project_kinds(pack)
    if not used:
        return  # the layout does not split projects by kind
    labels = "、".join(ProjectKind(k).label for k in sorted(used, key=[k.value for k in ProjectKind].index))
    for n, project in enumerate(budget.projects):
        if project.kind.value not in used:
            yield Finding(_at_input(budget, f"projects[{n}].kind", project.source),
                          values={"project": project.name, "kind": project.kind.label, "pack": pack.id,
                                  "kinds": labels})


@rule(
    code="D705", slug="prior-year-not-previous", severity="warning", tier="basic",
    title="上年数的年度不是上一年",
    message="上年数填报的是 {actual} 年，预算年度为 {year} 年，上年数应为 {expected} 年",
    hint="上年数应填上一年度的预算数；核对上年数的年度。",
    tags=("上年数",), needs=("budget",),
)
def prior_year_not_previous(ctx: CheckContext) -> Iterator[Finding]:
    budget = _budget(ctx)
    if budget.prior is not None and budget.prior.year != budget.year - 1:
        yield Finding(_at_input(budget, "prior_year.year"), values={"year": budget.year},
                      expected=str(budget.year - 1), actual=str(budget.prior.year))


def _prior_known(amounts: Mapping[str, int], metric: str) -> bool:
    if metric in amounts:
        return True
    parts = DERIVED_PRIOR.get(metric)
    return parts is not None and all(_prior_known(amounts, p) for p in parts)


def _prior_value(amounts: Mapping[str, int], metric: str) -> int:
    if metric in amounts:
        return amounts[metric]
    return sum(_prior_value(amounts, p) for p in DERIVED_PRIOR.get(metric, ()) if _prior_known(amounts, p))


@rule(
    code="D706", slug="prior-comparative-missing", severity="notice", tier="advisory",
    title="缺少情况说明要比较的上年数",
    message="缺少上年数：{metrics}；情况说明将无法写出与上年相比的增减",
    hint="在上年数（prior_year）中补填这些项目的上年预算数。",
    tags=("上年数",), needs=("budget",),
)
def prior_comparative_missing(ctx: CheckContext) -> Iterator[Finding]:
    budget = _budget(ctx)
    amounts: Mapping[str, int] = budget.prior.amounts if budget.prior is not None else {}
    wanted = list(COMPARED_METRICS)
    vehicles_now = ctx.summary.amounts.get("vehicles", 0) if ctx.summary is not None else 0
    if vehicles_now or (_prior_known(amounts, "vehicles") and _prior_value(amounts, "vehicles")):
        wanted += VEHICLE_PARTS  # the narrative then splits 公务用车 into 购置 and 运行维护
    missing = [m for m in wanted if not _prior_known(amounts, m)]
    if missing:
        yield Finding(_at_input(budget, "prior_year.amounts"),
                      values={"metrics": "、".join(PRIOR_METRICS[m] for m in missing)})


@dataclass(frozen=True, slots=True)
class _Cell:
    scope: Predicate
    flt: Predicate


def _carryover_cells(pack: Pack, unit_types: Mapping[str, UnitType]) -> list[_Cell]:
    """Predicates of every pack cell that shows 上年结转结余 explicitly (scope or filter says carryover)."""
    cells: list[_Cell] = []
    for spec in pack.tables:
        scope = compile_filter(spec.scope, unit_types)
        for flt in _filters(spec):
            if flt.carryover is True or spec.scope.carryover is True:
                cells.append(_Cell(scope, compile_filter(flt, unit_types)))
    return cells


@rule(
    code="D707", slug="carryover-not-shown", severity="warning", tier="strict",
    title="上年结转结余在本版式中没有单列的栏目",
    message="资金来源“{source}”的上年结转结余 {actual}（{count} 行明细）在本版式（{pack}）各表中没有单列的栏目，"
            "将与本年收入合并列示",
    hint="核对该明细是否确为上年结转结余；如是，在情况说明中说明，或改用单列该来源结转结余的版式。",
    tags=("上年结转结余",), needs=("budget", "pack"),
)
def carryover_not_shown(ctx: CheckContext) -> Iterator[Finding]:
    budget, pack = _budget(ctx), _pack(ctx)
    carried = [(n, i) for n, i in enumerate(budget.items) if i.carryover]
    if not carried:
        return
    unit_types = {u.code: u.type for u in budget.units}
    cells = _carryover_cells(pack, unit_types)
    hidden: dict[FundingSource, list[tuple[int, LineItem]]] = {}
    for n, item in carried:
        if not any(c.scope(item) and c.flt(item) for c in cells):
            hidden.setdefault(item.source, []).append((n, item))
    for source, items in hidden.items():
        n, first = items[0]
        yield Finding(item_location(first, n, "carryover"),
                      values={"source": source.label, "count": len(items), "pack": pack.id},
                      actual=ctx.fmt(sum(i.amount for _, i in items)))


@rule(
    code="D708", slug="duplicate-items", severity="notice", tier="advisory",
    title="重复的支出明细",
    message="本行与明细（{first}）的单位、功能分类、经济分类、支出类型、项目和资金来源都相同，"
            "建议合并（合计 {actual}）",
    hint="同一科目、同一来源的支出合并为一行，便于核对。",
    tags=("支出明细",), needs=("budget",),
)
def duplicate_items(ctx: CheckContext) -> Iterator[Finding]:
    first: dict[tuple[object, ...], tuple[int, LineItem]] = {}
    for n, item in enumerate(_budget(ctx).items):
        key = (item.unit_code, item.functional_code, item.econ_code, item.gov_econ_code, item.kind,
               item.project_code, item.source, item.carryover, item.procurement_kind)
        if key not in first:
            first[key] = (n, item)
            continue
        m, earlier = first[key]
        ref = item_location(earlier, m).source
        yield Finding(item_location(item, n), values={"first": ref.describe() if ref else m + 1},
                      actual=ctx.fmt(earlier.amount + item.amount))


@rule(
    code="D709", slug="unit-without-items", severity="warning", tier="strict",
    title="预算单位没有支出明细",
    message="预算单位 {code}「{name}」没有任何支出明细，不会出现在各表中",
    hint="为该单位补填支出明细，或从预算单位中删除。",
    tags=("预算单位",), needs=("budget",),
)
def unit_without_items(ctx: CheckContext) -> Iterator[Finding]:
    budget = _budget(ctx)
    used = {i.unit_code for i in budget.items}
    for n, unit in enumerate(budget.units):
        if unit.code not in used:
            yield Finding(_at_input(budget, f"units[{n}]", unit.source), values={"code": unit.code, "name": unit.name})


def _three_public(pack: Pack | None) -> tuple[tuple[str, ...], Filter]:
    """The 三公 economic codes and the funds the pack's 三公 table covers (一般公共预算 by default)."""
    spec = next((t for t in pack.tables if t.id == "three_public"), None) if pack is not None else None
    codes: set[str] = set()
    if spec is not None:
        for flt in _filters(spec):
            codes.update(flt.econ or ())
    if not codes:
        codes = {c for group in THREE_PUBLIC_CODES.values() for c in group}
    scope = spec.scope if spec is not None else Filter(source_group=[SourceGroup.GENERAL_PUBLIC.value])
    return tuple(sorted(codes)), scope


@rule(
    code="D710", slug="three-public-outside-table", severity="warning", tier="strict",
    title="“三公”经费使用了“三公”表不反映的资金",
    message="“三公”经费科目 {econ}{name} 由“{source}”安排 {actual}（{count} 行明细），"
            "一般公共预算“三公”经费表不反映这部分支出",
    hint="核对资金来源；使用其他资金安排的“三公”经费，应在“三公”经费说明中一并说明。",
    tags=("三公经费",), needs=("budget",),
)
def three_public_outside_table(ctx: CheckContext) -> Iterator[Finding]:
    budget = _budget(ctx)
    codes, scope = _three_public(ctx.pack)
    covered = compile_filter(scope, {u.code: u.type for u in budget.units})
    outside: dict[tuple[str, FundingSource], list[tuple[int, LineItem]]] = {}
    for n, item in enumerate(budget.items):
        if item.econ_code.startswith(codes) and not covered(item):
            outside.setdefault((item.econ_code, item.source), []).append((n, item))
    for (econ, source), items in outside.items():
        n, first = items[0]
        name = budget.econ_name(econ)
        yield Finding(item_location(first, n, "source"),
                      values={"econ": econ, "name": f"「{name}」" if name else "", "source": source.label,
                              "count": len(items)},
                      actual=ctx.fmt(sum(i.amount for _, i in items)))
