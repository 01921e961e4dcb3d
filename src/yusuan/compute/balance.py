"""Two-sided 收支 tables: income rows on the left, expenditure rows on the right."""

from __future__ import annotations

from itertools import zip_longest

from yusuan.compute.context import BuildContext
from yusuan.compute.filters import ColumnMasks
from yusuan.compute.model import Cell, Column, Row, Table
from yusuan.packs.model import BalanceSide, BalanceTable, Filter, FixedRow, TableSpec

_LAYOUTS: dict[tuple[object, ...], tuple[list[Filter], list[tuple[int, int, int]]]] = {}
_Split = list[tuple[list[int], list[int], list[int]]]
_SPLITS: dict[tuple[object, ...], dict[tuple[tuple[int, ...], tuple[int, ...]], _Split]] = {}
"""Per pack table: filter hits → (row, amount column, procurement column) hits of each side."""


class _Sums:
    """Every (row, column) sum of both sides in a single pass over the items."""

    def __init__(self, ctx: BuildContext, spec: TableSpec, sides: list[tuple[BalanceSide, list[FixedRow]]]) -> None:
        share_key = ctx.share_key(spec, "cells")
        layout = _LAYOUTS.get(share_key)
        if layout is None:
            filters: list[Filter] = []
            bounds: list[tuple[int, int, int]] = []  # (first row filter, first column filter, end) per side
            for side, rows in sides:
                first_row = len(filters)
                # a row selects items; what is summed is decided by the column
                filters += [r.sum.model_copy(update={"measure": "amount"}) for r in rows]
                first_col = len(filters)
                filters += [c.sum for c in side.columns]
                bounds.append((first_row, first_col, len(filters)))
            layout = _LAYOUTS[share_key] = (filters, bounds)
        filters, self.bounds = layout
        masks = ColumnMasks(filters, spec.scope, ctx.unit_types, ctx.features, share_key)
        self.scoped = masks.prepare()
        self.sums = [[[0] * (end - col) for _ in range(col - row)] for row, col, end in self.bounds]
        split = _SPLITS.setdefault(share_key, {})
        contributions = masks.contributions
        for item in self.scoped:
            amount_hits, amount, proc_hits, proc = contributions[id(item)]
            key = (amount_hits, proc_hits)
            parts = split.get(key)
            if parts is None:
                parts = split[key] = [
                    ([h - row for h in amount_hits if row <= h < col],
                     [h - col for h in amount_hits if col <= h < end],
                     [h - col for h in proc_hits if col <= h < end])
                    for row, col, end in self.bounds
                ]
            for side_sums, (row_hits, amount_cols, proc_cols) in zip(self.sums, parts, strict=True):
                for r in row_hits:
                    acc = side_sums[r]
                    for c in amount_cols:
                        acc[c] += amount
                    for c in proc_cols:
                        acc[c] += proc


class _Side:
    """One side's cells, read from the shared sums."""

    def __init__(self, side: BalanceSide, rows: list[FixedRow], sums: list[list[int]], prefix: str) -> None:
        self.side = side
        self.prefix = prefix
        self.index = {id(row): n for n, row in enumerate(rows)}
        self.sums = sums

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
    income_rows = list(layout.income.rows) + [t.income for t in layout.totals if t.income]
    exp_rows = list(layout.expenditure.rows) + [t.expenditure for t in layout.totals if t.expenditure]
    sums = _Sums(ctx, spec, [(layout.income, income_rows), (layout.expenditure, exp_rows)])
    scoped = sums.scoped
    income = _Side(layout.income, income_rows, sums.sums[0], "income")
    expenditure = _Side(layout.expenditure, exp_rows, sums.sums[1], "expenditure")

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

