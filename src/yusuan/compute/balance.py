"""Two-sided 收支 tables: income rows on the left, expenditure rows on the right."""

from __future__ import annotations

from itertools import zip_longest

from yusuan.compute.context import BuildContext
from yusuan.compute.filters import ColumnMasks
from yusuan.compute.model import Cell, Column, Row, Table
from yusuan.domain.budget import LineItem
from yusuan.packs.model import BalanceSide, BalanceTable, Filter, FixedRow, TableSpec

_ALL = Filter()


class _Side:
    """One side's cells: every (row, column) sum in a single pass over the items."""

    def __init__(self, ctx: BuildContext, spec: TableSpec, side: BalanceSide, rows: list[FixedRow],
                 items: list[LineItem], prefix: str) -> None:
        self.side = side
        self.prefix = prefix
        self.index = {id(row): n for n, row in enumerate(rows)}
        row_masks = ColumnMasks([r.sum for r in rows], _ALL, ctx.unit_types, ctx.features,
                                ctx.share_key(spec, f"{prefix}.rows"))
        col_masks = ColumnMasks([c.sum for c in side.columns], _ALL, ctx.unit_types, ctx.features,
                                ctx.share_key(spec, f"{prefix}.columns"))
        self.sums = [[0] * len(side.columns) for _ in rows]
        row_masks.prepare()
        col_masks.prepare()
        row_contrib, col_contrib = row_masks.contributions, col_masks.contributions
        for item in items:
            row_hits = row_contrib[id(item)][0]
            if not row_hits:
                continue
            amount_cols, amount, proc_cols, proc = col_contrib[id(item)]
            for r in row_hits:
                acc = self.sums[r]
                for c in amount_cols:
                    acc[c] += amount
                for c in proc_cols:
                    acc[c] += proc

    def cells(self, row: FixedRow | None) -> list[Cell]:
        label_key = f"{self.prefix}.label"
        if row is None:
            return [Cell(None, label_key)] + [Cell(None, c.key) for c in self.side.columns]
        row_key = f"{self.prefix}:{row.key}"
        sums = self.sums[self.index[id(row)]]
        cells = [Cell(row.label, label_key, row_key=row_key)]
        cells.extend(Cell(sums[n], col.key, money=True, row_key=row_key) for n, col in enumerate(self.side.columns))
        return cells


def build_balance(ctx: BuildContext, spec: TableSpec, layout: BalanceTable) -> Table:
    scope = ColumnMasks([], spec.scope, ctx.unit_types, ctx.features, ctx.share_key(spec, "scope"))
    scoped = scope.prepare()
    income_rows = list(layout.income.rows) + [t.income for t in layout.totals if t.income]
    exp_rows = list(layout.expenditure.rows) + [t.expenditure for t in layout.totals if t.expenditure]
    income = _Side(ctx, spec, layout.income, income_rows, scoped, "income")
    expenditure = _Side(ctx, spec, layout.expenditure, exp_rows, scoped, "expenditure")

    rows: list[Row] = []
    for n, (inc, exp) in enumerate(zip_longest(layout.income.rows, layout.expenditure.rows), start=1):
        first = inc or exp
        rows.append(Row(f"line{n}", "line", tuple(income.cells(inc) + expenditure.cells(exp)),
                        label=first.label if first else "", indent=first.indent if first else 0))
    for n, total in enumerate(layout.totals, start=1):
        label = total.income.label if total.income else (total.expenditure.label if total.expenditure else "")
        rows.append(Row(f"total{n}", "total", tuple(income.cells(total.income) + expenditure.cells(total.expenditure)),
                        label=label))

    def cols(side: BalanceSide, prefix: str) -> tuple[Column, ...]:
        label = Column(f"{prefix}.label", tuple(side.label_header), "label")
        money = tuple(Column(c.key, tuple(ctx.fill(h) for h in c.header), "money", c.width) for c in side.columns)
        return (label, *money)

    columns = cols(layout.income, "income") + cols(layout.expenditure, "expenditure")
    return ctx.table(spec, columns, rows, is_empty=not any(i.amount for i in scoped))

