"""Machine-readable output: the tables as data plus the key figures (JSON).

Money is written as exact decimal strings in the table's unit (``"504.11"``), never
as floats, so that a consumer reading the JSON gets the same figures as the tables.
Schema: ``docs/json-format.md``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.compute.model import Table, Tables
from yusuan.compute.summary import METRIC_LABELS, SHARE_LABELS, Summary
from yusuan.domain.budget import Budget
from yusuan.money import Fen, MoneyUnit

JSON_FORMAT = 1


def exact(fen: Fen, unit: MoneyUnit, decimals: int = 2) -> str:
    """Exact amount in ``unit`` with at least ``decimals`` places (no rounding ever)."""
    value = Decimal(fen) / Decimal(unit.fen)
    text = f"{value:f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    frac = frac + "0" * max(0, decimals - len(frac))
    return f"{whole}.{frac}" if frac else whole


def _pct(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def table_data(table: Table) -> dict[str, Any]:
    rows = []
    for row in table.rows:
        cells: dict[str, Any] = {}
        for cell in row.cells:
            if cell.value is None:
                continue
            key = cell.column if cell.row_key is None else f"{cell.row_key}|{cell.column}"
            if cell.money and isinstance(cell.value, int):
                cells[key] = exact(cell.value, table.money_unit, table.decimals)
            else:
                cells[key] = str(cell.value)
        rows.append({"key": row.key, "level": row.level, "label": row.label, "cells": cells})
    return {
        "id": table.id,
        "kind": table.kind,
        "number": table.number,
        "code": table.code,
        "title": table.title,
        "unit": table.money_unit.value,
        "org_label": table.org_label,
        "columns": [{"key": c.key, "header": list(c.header), "kind": c.kind} for c in table.columns],
        "rows": rows,
        "is_empty": table.is_empty,
        "empty_statement": table.empty_statement if table.is_empty else None,
        "notes": list(table.notes),
    }


def budget_data(budget: Budget, tables: Tables, summary: Summary, *, money_unit: MoneyUnit,
                pack_id: str | None = None) -> dict[str, Any]:
    from yusuan import __version__

    totals = {
        key: {"label": METRIC_LABELS.get(key, key), "amount": exact(value, money_unit)}
        for key, value in summary.amounts.items()
        if key != "project_count"
    }
    shares = {key: {"label": SHARE_LABELS[key], "percent": _pct(value)} for key, value in summary.shares.items()}
    changes = {
        key: {
            "label": METRIC_LABELS.get(key, key),
            "prior": exact(ch.prior, money_unit),
            "current": exact(ch.current, money_unit),
            "amount": exact(ch.amount, money_unit),
            "percent": _pct(ch.percent),
            "direction": ch.direction.value,
            "direction_label": ch.direction.label,
        }
        for key, ch in summary.changes.items()
    }
    return {
        "yusuan": {"version": __version__, "format": JSON_FORMAT},
        "budget": {
            "year": budget.year,
            "prior_year": budget.prior.year if budget.prior else None,
            "pack": pack_id or budget.pack,
            "money_unit": money_unit.value,
            "department": {"code": budget.department.code, "name": budget.department.name,
                           "region": budget.department.region},
            "units": [{"code": u.code, "name": u.name, "type": u.type.label} for u in budget.units],
            "line_items": len(budget.items),
            "projects": summary.amounts.get("project_count", 0),
        },
        "totals": totals,
        "shares": shares,
        "changes": changes,
        "tables": [table_data(t) for t in tables],
    }


def write_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
