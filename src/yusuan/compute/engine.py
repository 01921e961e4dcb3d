"""Compute every table of a disclosure's annex from a budget and a template pack."""

from __future__ import annotations

from yusuan.compute.balance import build_balance
from yusuan.compute.context import BuildContext
from yusuan.compute.matrix import build_matrix
from yusuan.compute.model import Table, Tables
from yusuan.compute.targets import (
    build_department_targets,
    build_project_sheets,
    build_project_targets_summary,
)
from yusuan.domain.budget import Budget
from yusuan.packs.model import BalanceTable, MatrixTable, Pack, TableSpec, TargetsTable


def build_table(ctx: BuildContext, spec: TableSpec) -> list[Table]:
    layout = spec.layout
    if isinstance(layout, MatrixTable):
        return [build_matrix(ctx, spec, layout)]
    if isinstance(layout, BalanceTable):
        return [build_balance(ctx, spec, layout)]
    if isinstance(layout, TargetsTable):
        if layout.kind == "department_targets":
            return [build_department_targets(ctx, spec)]
        if layout.kind == "project_targets_summary":
            return [build_project_targets_summary(ctx, spec, layout)]
        return build_project_sheets(ctx, spec)
    raise TypeError(f"unsupported layout {type(layout).__name__}")  # pragma: no cover


def compute_tables(budget: Budget, pack: Pack) -> Tables:
    """All annex tables of ``budget`` laid out by ``pack`` (pure: no I/O)."""
    ctx = BuildContext.of(budget, pack)
    tables: list[Table] = []
    for spec in pack.tables:
        tables.extend(build_table(ctx, spec))
    return Tables(tuple(tables))
