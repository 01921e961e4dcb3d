"""The seed examples check clean; deliberately broken variants raise exactly the expected codes.

Each variant makes one kind of mistake reviewers find in published disclosures: two figures
swapped, a table dropped, last year's date, a broken code, a missing explanation.  The
expected codes are the *new* codes against the clean example, pinned exactly: a rule that
starts firing on the wrong mistake (or stops firing) fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from checker.mutate import example, replace_text, retitle, swap_cells, with_cell, with_raw, without_table
from yusuan.check import CheckContext, Severity, run_checks

# Warnings and notices the examples keep on purpose: they are real mistakes of the seeds that the
# reconstruction preserved (see each example's README).
EXAMPLE_CODES = {
    "xinxiang-2024": {"P611"},  # four 履职目标实现 indicators all valued "常态化对接"
    "jiyuan-2020": {"P602", "P605", "P610"},  # no 成本 indicators; 政府采购执行率 ≤100%; 完整性/及时性/健全性 values
}


@pytest.mark.parametrize("name", sorted(EXAMPLE_CODES))
def test_example_checks_clean(name: str) -> None:
    report = run_checks(example(name))
    assert report.errors == 0, [str(i) for i in report.issues if i.severity is Severity.ERROR]
    assert set(report.codes()) == EXAMPLE_CODES[name]
    assert "Z001" not in report.codes()


def _drop_reason(raw: dict[str, Any]) -> None:
    raw["texts"].pop("three_public_change_reason")


def _unknown_code(raw: dict[str, Any]) -> None:
    raw["items"][0]["functional"] = "2019901"


VARIANTS: dict[str, tuple[Callable[[], CheckContext], set[str]]] = {
    # 支出总表: two 项 rows' totals swapped — the rows no longer add up and no longer match the other tables
    "swap-two-figures": (lambda: swap_cells(example(), "expenditure_summary", ("functional:2080505", "total"),
                                            ("functional:2101101", "total")), {"A106", "X203", "X204"}),
    # the mistake of seed 000 §四: change amount and percent swapped in the text
    "swap-amount-and-percent": (
        lambda: replace_text(example(), "增加61.40万元，增长13.87%", "增加13.87万元，增长61.40%"), {"N406"}),
    # the mistake of seed 000's annex: 一般公共预算基本支出表 missing (numbering now has a gap)
    "drop-a-table": (lambda: without_table(example(), "general_public_basic"), {"M501", "M503"}),
    # the mistake of seed 004: tables titled with last year
    "last-years-title": (
        lambda: retitle(example(), "three_public", "2023年一般公共预算“三公”经费支出情况表"), {"N409"}),
    "last-years-title-2020": (lambda: retitle(example("jiyuan-2020"), "income_summary", "2019年部门收入总体情况表"),
                              {"N409"}),
    # a printed code whose 项 part does not belong to the row's code
    "break-a-printed-code": (lambda: with_cell(example(), "expenditure_summary", "functional:2010301", "f_item", "1"),
                             {"C303"}),
    # an entered code the year's catalogue does not know (a warning: the shipped catalogue is partial)
    "unknown-code": (lambda: with_raw(_unknown_code), {"C301"}),
    # the 三公 total fell by 1.20 万元 and the reason was removed
    "remove-a-reason": (lambda: with_raw(_drop_reason), {"M507"}),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_raises_exactly_the_expected_codes(variant: str) -> None:
    build, expected = VARIANTS[variant]
    base = "jiyuan-2020" if variant.endswith("2020") else "xinxiang-2024"
    report = run_checks(build())
    assert set(report.codes()) - EXAMPLE_CODES[base] == expected, [str(i) for i in report.issues]
