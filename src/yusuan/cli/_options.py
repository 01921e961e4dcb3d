"""Parsing the options ``check`` and ``import`` share: report formats and the rules to run."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from yusuan.cli._common import fail

if TYPE_CHECKING:
    from yusuan.check import Selection


def names(values: list[str] | None) -> list[str]:
    """Rule names from repeated, comma-separated options."""
    return [n.strip() for v in values or [] for n in v.replace("，", ",").split(",") if n.strip()]


def report_formats(value: str) -> list[str]:
    """``terminal,json`` → the report formats (exit 2 on an unknown one)."""
    from yusuan.check.report import REPORT_FORMATS

    fmts = [f.strip().lower() for f in value.replace("，", ",").split(",") if f.strip()]
    bad = [f for f in fmts if f not in REPORT_FORMATS]
    if bad or not fmts:
        fail(f"不支持的报告格式「{'、'.join(bad) or value}」，可选：{'、'.join(REPORT_FORMATS)}")
    return fmts


def rule_options(only: list[str] | None, skip: list[str] | None, tier: str | None,
                 tolerance: str) -> tuple[Selection, Decimal]:
    """The rules to run and the tolerance, from ``--only``/``--skip``/``--tier``/``--tolerance`` (exit 2 if bad)."""
    from yusuan.api import rule_selection, unknown_rule_names
    from yusuan.check.issue import Tier

    if tier is not None and tier not in {t.value for t in Tier}:
        fail(f"层级「{tier}」无效，可选：basic、strict、advisory")
    try:
        tol = Decimal(tolerance)
    except InvalidOperation:
        tol = Decimal(-1)
    if not tol.is_finite() or tol < 0:
        fail(f"容差「{tolerance}」无效：应为不小于 0 的数，如 0.01")
    only_names, skip_names = names(only), names(skip)
    unknown = unknown_rule_names(only_names + skip_names)
    if unknown:
        fail(f"没有这些规则或标签：{'、'.join(unknown)}（yusuan rules 列出全部规则）")
    return rule_selection(only_names, skip_names, tier), tol
