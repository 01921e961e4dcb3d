"""Two-sided 收支 tables: income rows on the left, expenditure rows on the right."""

from __future__ import annotations

from itertools import zip_longest

from yusuan.compute.context import BuildContext
from yusuan.compute.filters import ColumnMasks, compile_filter
from yusuan.compute.model import Cell, Column, Row, Table, build_header
from yusuan.domain.budget import LineItem
from yusuan.packs.model import BalanceSide, BalanceTable, FixedRow, MoneyColumn, TableSpec


def _side_cells(
    ctx: BuildContext, side: BalanceSide, masks: ColumnMasks, row: FixedRow | None, items: list[LineItem],
    prefix: str,
) -> list[Cell]:
    label_key = f"{prefix}.label"
    if row is None:
        return [Cell(None, label_key)] + [Cell(None, c.key) for c in side.columns]
    pred = compile_filter(row.sum, ctx.unit_types)
    sums = masks.sums([i for i in items if pred(i)])
    row_key = f"{prefix}:{row.key}"
    cells = [Cell(row.label, label_key, row_key=row_key)]
    cells.extend(Cell(sums[idx], col.key, money=True, row_key=row_key) for idx, col in enumerate(side.columns))
    return cells


def build_balance(ctx: BuildContext, spec: TableSpec, layout: BalanceTable) -> Table:
    unit_types = ctx.unit_types
    income_masks = ColumnMasks([c.sum for c in layout.income.columns], spec.scope, unit_types)
    exp_masks = ColumnMasks([c.sum for c in layout.expenditure.columns], spec.scope, unit_types)
    scoped = [item for item in ctx.budget.items if income_masks.in_scope(item)]

    rows: list[Row] = []
    pairs = list(zip_longest(layout.income.rows, layout.expenditure.rows))
    for n, (inc, exp) in enumerate(pairs, start=1):
        cells = _side_cells(ctx, layout.income, income_masks, inc, scoped, "income")
        cells += _side_cells(ctx, layout.expenditure, exp_masks, exp, scoped, "expenditure")
        rows.append(Row(f"line{n}", "line", tuple(cells), label=(inc or exp).label if (inc or exp) else ""))
    for n, total in enumerate(layout.totals, start=1):
        cells = _side_cells(ctx, layout.income, income_masks, total.income, scoped, "income")
        cells += _side_cells(ctx, layout.expenditure, exp_masks, total.expenditure, scoped, "expenditure")
        label = total.income.label if total.income else (total.expenditure.label if total.expenditure else "")
        rows.append(Row(f"total{n}", "total", tuple(cells), label=label))

    def cols(side: BalanceSide, prefix: str) -> tuple[Column, ...]:
        label = Column(f"{prefix}.label", tuple(side.label_header), "label")
        money = tuple(Column(c.key, tuple(ctx.fill(h) for h in c.header), "money", c.width) for c in side.columns)
        return (label, *money)

    columns = cols(layout.income, "income") + cols(layout.expenditure, "expenditure")
    return Table(
        id=spec.id,
        kind="balance",
        number=spec.number,
        code=ctx.code_for(spec),
        title=ctx.fill(spec.title),
        money_unit=ctx.money_unit(spec),
        decimals=ctx.pack.decimals,
        org_label=ctx.fill(spec.org_label),
        columns=columns,
        header=build_header(columns),
        rows=tuple(rows),
        is_empty=not any(i.amount for i in scoped),
        empty_statement=ctx.fill(spec.empty_statement),
        notes=tuple(ctx.fill(n) for n in spec.notes),
        orientation=spec.orientation,
        zero_blank=ctx.pack.zero_display == "blank",
    )


__all__ = ["MoneyColumn", "build_balance"]
