"""Shared by the narrative tests: what each claim of a generated paragraph should say.

The expected value of a claim is worked out independently of the narrative code: amounts from
``Summary`` or from the annex tables (rows and cells), changes from the prior-year figures, shares
from the two amounts they relate.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from yusuan.api import Compiled
from yusuan.compute.model import Table
from yusuan.compute.summary import Direction
from yusuan.document.model import Claim, Document, Paragraph
from yusuan.domain.enums import SourceGroup
from yusuan.money import Fen, MoneyUnit, to_unit
from yusuan.narrative.numbering import chinese_numeral

CENT = Decimal("0.01")


def unit_value(c: Compiled, fen: Fen) -> Decimal:
    return to_unit(fen, MoneyUnit(c.pack.money_unit), c.pack.decimals)


def half_up_percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


def _table_total(c: Compiled, table_id: str, column: str) -> Fen:
    table = c.tables.get(table_id)
    return table.value("total", column) if table.row("total") is not None else 0


def _deepest(table: Table, level: str, prefix: str, *, gov: bool = False) -> Fen:
    """Sum of the ``total`` column over the rows of ``level`` whose code starts with ``prefix``."""
    total = 0
    for row in table.rows:
        if row.level != level:
            continue
        # keys are qualified by their parent groups, e.g. unit:154002/functional:2010101, econ:30201/50502
        tag = "econ:" if level == "econ_section" else "functional:"
        code = row.key[row.key.rindex(tag) + len(tag):]
        if level == "econ_section":
            code = code.split("/")[1 if gov else 0]
        if code.startswith(prefix):  # row keys repeat under each unit: read the row's own cell
            total += next(cell.value for cell in row.cells if cell.column == "total" and isinstance(cell.value, int))
    return total


def income_part(c: Compiled, key: str) -> Fen:
    total = 0
    for item in c.budget.items:
        if key == "carryover":
            total += item.amount if item.carryover else 0
        elif not item.carryover:
            group = item.source.group
            matched = item.source.value if group is SourceGroup.UNIT_FUNDS else group.value
            total += item.amount if matched == key else 0
    return total


def projects_with_targets(c: Compiled) -> tuple[int, Fen]:
    targeted = {p.code for p in c.budget.projects if p.targets}
    codes = {i.project_code for i in c.budget.items if i.project_code in targeted}
    return len(codes), sum(i.amount for i in c.budget.items if i.project_code in targeted)


def amount_fen(c: Compiled, metric: str) -> Fen:
    """The exact figure (分) an amount claim of ``metric`` states."""
    s = c.summary
    if metric in s.amounts:
        return s[metric]
    head, _, rest = metric.partition(".")
    if head == "general_public":
        if rest.startswith("class:"):
            return _deepest(c.tables.get("general_public_expenditure"), "functional_item", rest[6:])
        return _table_total(c, "general_public_expenditure", rest)
    if head == "general_public_basic":
        return _table_total(c, "general_public_basic", rest)
    if head == "government_fund":
        if rest.startswith("class:"):
            return _deepest(c.tables.get("government_fund_expenditure"), "functional_item", rest[6:])
        return _table_total(c, "government_fund_expenditure", rest)
    if head in ("econ", "gov_econ"):
        assert rest.startswith("class:")
        return _deepest(c.tables.get("econ_summary"), "econ_section", rest[6:], gov=head == "gov_econ")
    if head == "income":
        return income_part(c, rest)
    if metric == "performance.amount":
        return projects_with_targets(c)[1]
    if metric.startswith("assets:"):
        return c.budget.assets.amounts[metric[7:]]
    raise AssertionError(f"no expected figure for amount claim {metric!r}")


def share_whole(c: Compiled, section: str, metric: str) -> Fen:
    """The figure a share claim of ``metric`` (in section ``section``) is a share of."""
    head = metric.split(".", 1)[0]
    if section == "fiscal":
        return c.summary["fiscal"]
    if section == "income":
        return c.summary["income_total"]
    if section == "expenditure":
        return c.summary["expenditure_total"]
    if head == "general_public":
        return amount_fen(c, "general_public.total")
    if head == "general_public_basic":
        return amount_fen(c, "general_public_basic.total")
    if head == "government_fund":
        return amount_fen(c, "government_fund.total")
    if head in ("econ", "gov_econ"):
        return _table_total(c, "econ_summary", "total")
    if metric == "performance.share":
        return sum(i.amount for i in c.budget.items if i.project_code)
    raise AssertionError(f"no whole for share claim {metric!r} in {section}")


def change_current(c: Compiled, metric: str) -> Fen:
    if metric in ("general_public", "government_fund"):
        return amount_fen(c, f"{metric}.total")
    return c.summary[metric]


def prior_fen(c: Compiled, metric: str) -> Fen:
    assert c.budget.prior is not None
    amounts = c.budget.prior.amounts
    if metric in amounts:
        return amounts[metric]
    parts = {"vehicles": ("vehicle_purchase", "vehicle_operation"),
             "three_public": ("overseas_travel", "official_reception", "vehicles")}[metric]
    return sum(prior_fen(c, p) for p in parts)


def expected_value(c: Compiled, paragraph: Paragraph, claim: Claim) -> Decimal | str:
    """What ``claim`` should state, computed without the narrative code."""
    metric = claim.metric
    if claim.kind == "amount":
        return unit_value(c, amount_fen(c, metric))
    if claim.kind == "share":
        if paragraph.section == "expenditure" and metric in c.summary.shares:
            share = c.summary.shares[metric]
            assert share is not None
            return share
        part = income_part(c, metric[7:]) if metric.startswith("income.") else (
            c.summary[metric] if metric in c.summary.amounts else amount_fen(c, metric))
        if metric == "performance.share":
            part = projects_with_targets(c)[1]
        return half_up_percent(part, share_whole(c, paragraph.section, metric))
    if claim.kind == "count":
        if metric == "project_count":
            return Decimal(c.summary["project_count"])
        if metric == "performance.projects":
            return Decimal(projects_with_targets(c)[0])
        if metric == "performance.department_indicators":
            return Decimal(len(c.budget.targets.indicators.indicators))
        if metric == "units.subordinate":
            return Decimal(len(c.budget.units) - 1)
        if metric.startswith("assets:"):
            return Decimal(c.budget.assets.counts[metric[7:]])
        raise AssertionError(f"no expected count for {metric!r}")
    current, prior = change_current(c, metric), prior_fen(c, metric)
    diff = current - prior
    if claim.kind == "change_amount":
        return unit_value(c, diff)
    if claim.kind == "change_percent":
        pct = half_up_percent(abs(diff), prior)
        return pct if diff > 0 else -pct
    if claim.kind == "direction":
        if unit_value(c, diff) == 0:
            return Direction.FLAT.label
        return (Direction.INCREASE if diff > 0 else Direction.DECREASE).label
    raise AssertionError(f"unknown claim kind {claim.kind}")


def check_claims(c: Compiled, paragraphs: list[Paragraph]) -> int:
    """Every claim's value is the expected figure and its text is printed; returns the number checked."""
    checked = 0
    for paragraph in paragraphs:
        for claim in paragraph.claims:
            assert claim.text in paragraph.text, (claim, paragraph.text)
            expected = expected_value(c, paragraph, claim)
            assert claim.value == expected, (claim, expected, paragraph.text)
            if isinstance(claim.value, Decimal) and claim.kind != "count":
                assert claim.text == f"{abs(claim.value):f}", claim
            checked += 1
    return checked


def assert_numbering(doc: Document) -> None:
    """Sections are numbered 一、二、… within each part and （一）（二）… within each section, without gaps."""
    level2 = level3 = 0
    for heading in doc.headings(toc_only=False):
        if heading.level == 1:
            level2 = 0
        elif heading.level == 2:
            level2 += 1
            level3 = 0
            assert heading.text.startswith(f"{chinese_numeral(level2)}、"), heading.text
        elif heading.level == 3:
            level3 += 1
            assert heading.text.startswith(f"（{chinese_numeral(level3)}）"), heading.text
