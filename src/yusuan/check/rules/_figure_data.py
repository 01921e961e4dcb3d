"""The data the narrative's statements are compared with: key figures of a compiled budget, else the printed tables."""

from __future__ import annotations

from yusuan.check.context import CheckContext
from yusuan.check.rules._tables import balance_value, leaf_rows, money, total_row
from yusuan.compute.model import Table

CHANGE_CURRENT = {"general_public": "general_public.total", "government_fund": "government_fund.total"}
"""The figure a change of the bare metric ends at (as printed in its section)."""


def _first_money_column(table: Table, prefix: str, *preferred: str) -> str | None:
    keys = [c.key for c in table.money_columns()]
    for key in preferred:
        if key in keys:
            return key
    return next((k for k in keys if k.startswith(prefix)), None)


def _cell(table: Table | None, rows: tuple[str, ...], column: str | None) -> int | None:
    if table is None or column is None:
        return None
    for row in rows:
        value = balance_value(table, row, column)
        if value is not None:
            return value
    return None


def _total(table: Table | None, *columns: str) -> int | None:
    """Sum of ``columns`` of the table's total row (``None`` when the table or a column is missing)."""
    if table is None:
        return None
    total = total_row(table)
    if total is None:
        return None
    values = [money(total, c) for c in columns]
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


class Data:
    """The figures the narrative should state: key figures of a compiled budget, else the printed tables."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self._cache: dict[str, int | None] = {}

    def current(self, metric: str) -> int | None:
        """This year's figure of ``metric`` in 分 (``None`` when neither the key figures nor a table give it)."""
        if metric not in self._cache:
            summary = self.ctx.summary
            if summary is not None and metric in summary.amounts:
                self._cache[metric] = summary.amounts[metric]
            else:
                self._cache[metric] = self._from_tables(metric)
        return self._cache[metric]

    def _from_tables(self, metric: str) -> int | None:
        ctx = self.ctx
        t = ctx.table
        if metric in ("income_total", "expenditure_total", "carryover") or metric.startswith("income."):
            table = t("income_expenditure_summary")
            side = "expenditure" if metric == "expenditure_total" else "income"
            column = _first_money_column(table, side + ".", f"{side}.amount", f"{side}.total") if table else None
            rows = {"income_total": ("income:grand_total", "income:total"), "carryover": ("income:carryover",),
                    "expenditure_total": ("expenditure:grand_total", "expenditure:total")}.get(
                metric, (f"income:{metric.partition('.')[2]}",))
            value = _cell(table, rows, column)
            if value is None and metric == "expenditure_total":
                value = _total(t("expenditure_summary"), "total")
            return value
        if metric in ("basic", "project", "reserve"):
            return _total(t("expenditure_summary"), metric)
        if metric in ("personnel", "operating"):
            table = t("expenditure_summary")
            if table is None:
                return None
            keys = {c.key for c in table.money_columns()}
            parts = {"personnel": ("basic.wages", "basic.households"),
                     "operating": ("basic.goods", "basic.capital") if "basic.goods" in keys else ("basic.operating",)}
            return _total(table, *parts[metric])
        if metric == "fiscal":
            table = t("fiscal_summary")
            column = _first_money_column(table, "income.", "income.amount") if table else None
            return _cell(table, ("income:total", "income:grand_total"), column)
        scope, _, part = metric.partition(".")
        table_id = {"general_public": "general_public_expenditure", "general_public_basic": "general_public_basic",
                    "government_fund": "government_fund_expenditure", "econ": "econ_summary",
                    "gov_econ": "econ_summary"}.get(scope)
        if table_id is not None:
            table = t(table_id)
            if table is None:
                return None
            if part.startswith("class:"):
                return self._class_sum(table, scope, part[6:])
            return _total(table, part) if part in ("total", "basic", "project", "personnel", "operating") else None
        if metric in ("three_public", "overseas_travel", "official_reception", "vehicles", "vehicle_purchase",
                      "vehicle_operation"):
            table = t("three_public")
            if table is None:
                return None
            row = table.row(f"fixed:{metric}")
            if row is not None:
                column = _first_money_column(table, "", "amount")
                return money(row, column) if column else None
            return _total(table, "total" if metric == "three_public" else metric)
        return None

    @staticmethod
    def _class_sum(table: Table, scope: str, code: str) -> int | None:
        rows = leaf_rows(table)
        if scope in ("econ", "gov_econ"):
            def code_of(key: str) -> str:
                body = key.partition(":")[2]
                return body.partition("/")[2] if scope == "gov_econ" else body.partition("/")[0]
        else:
            def code_of(key: str) -> str:
                return key.partition(":")[2]
        matched = [r for r in rows if code_of(r.key).startswith(code)]
        if not matched:
            return None
        return sum(money(r, "total") or 0 for r in matched)

    def prior(self, metric: str) -> int | None:
        """The prior year's figure (compiled budgets: entered prior-year totals)."""
        ctx = self.ctx
        if ctx.summary is not None and metric in ctx.summary.changes:
            return ctx.summary.changes[metric].prior
        if ctx.budget is None or ctx.budget.prior is None:
            return None
        amounts = ctx.budget.prior.amounts
        if metric in amounts:
            return amounts[metric]
        parts = {"vehicles": ("vehicle_purchase", "vehicle_operation"),
                 "three_public": ("overseas_travel", "official_reception", "vehicles")}.get(metric)
        if parts is None:
            return None
        values = [self.prior(p) for p in parts]
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    def change(self, metric: str) -> tuple[int, int] | None:
        """(current, prior) of a year-over-year change stated for ``metric``."""
        prior = self.prior(metric)
        if prior is None:
            return None
        current = self.current(CHANGE_CURRENT.get(metric, metric))
        return None if current is None else (current, prior)

    def whole(self, metric: str, section: str) -> str | None:
        """The figure a share of ``metric`` is taken of."""
        if metric in ("basic", "project", "reserve"):
            return "expenditure_total"
        if metric in ("personnel", "operating"):
            return "basic"
        if metric.startswith("income.") or metric == "carryover":
            return "income_total"
        if metric in ("general_public", "government_fund", "state_capital"):
            return "fiscal" if section == "fiscal" else "income_total"
        scope, _, part = metric.partition(".")
        if scope in ("general_public", "general_public_basic", "government_fund") and part and part != "total":
            return f"{scope}.total"
        if scope in ("econ", "gov_econ"):
            return "econ.total"  # the econ_summary table's 合计
        return None
