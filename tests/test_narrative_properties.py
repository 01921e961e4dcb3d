"""Property tests of the narrative: comparison wording for any pair of figures, and whole documents of
random budgets through both template packs (numbering, sections, claims, none-sentences)."""

from __future__ import annotations

import re
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrative_support import assert_numbering, check_claims
from test_properties import PACKS, budgets
from yusuan.api import compile_budget
from yusuan.compute.engine import compute_tables
from yusuan.compute.summary import summarize
from yusuan.domain.budget import Budget, Department, PriorYear
from yusuan.money import MoneyUnit
from yusuan.narrative import compose_document
from yusuan.narrative.facts import Facts
from yusuan.narrative.templates import Templates
from yusuan.narrative.writer import Writer
from yusuan.packs.model import NarrativeSection, Pack
from yusuan.synthetic import synthetic_budget

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# amounts in 分 around the rounding boundaries of 万元 (10 000 分 = 0.01 万元) and 元
fen = st.one_of(
    st.sampled_from([0, 1, 49, 50, 51, 4_999, 5_000, 5_001, 9_999, 10_000, 15_000, 1_000_000, 999_995_000]),
    st.integers(min_value=0, max_value=10**12),
)
pairs = st.one_of(st.tuples(fen, fen), fen.map(lambda x: (x, x)), st.tuples(fen, st.just(0)),
                  st.tuples(st.just(0), fen))


def writer(prior: int, unit: MoneyUnit) -> Writer:
    budget = Budget(year=2024, department=Department("154", "测试部门"), units=(), items=(),
                    prior=PriorYear(2023, {"fiscal": prior}))
    pack = PACKS["henan-2024"]
    common = {"department": "测试部门", "department_code": "154", "self_name": "我局", "year": 2024,
              "prior_year": 2023, "unit": unit.value}
    return Writer(budget=budget, tables=compute_tables(budget, pack), summary=summarize(budget),
                  facts=Facts(budget, pack), unit=unit, decimals=2, templates=Templates(common),
                  section=NarrativeSection(id="fiscal", title="财政拨款"))


def half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("unit", list(MoneyUnit), ids=lambda u: u.name)
@SETTINGS
@given(pair=pairs)
def test_change_phrase_wording(unit: MoneyUnit, pair: tuple[int, int]) -> None:
    prior, current = pair
    fig = writer(prior, unit).change("fiscal", current)
    assert fig is not None
    text = fig.text
    diff = current - prior
    amount = half_up(Decimal(abs(diff)) / unit.fen)
    if amount == 0:
        assert text == "与2023年持平"
    elif prior == 0:
        assert text == f"比2023年新增{amount}{unit.value}"
    else:
        pct = half_up(Decimal(abs(diff)) * 100 / Decimal(prior))
        word, trend = ("增加", "增长") if diff > 0 else ("减少", "下降")
        if pct:
            assert text == f"比2023年{word}{amount}{unit.value}，{trend}{pct}%"
        else:  # a change too small for a percent is stated by its amount only
            assert text == f"比2023年{word}{amount}{unit.value}"
    assert "{" not in text and "（" not in text
    assert not re.search(r"(增加|减少|新增|增长|下降)0\.00", text)
    assert ("%" not in text) or prior != 0
    kinds = {c.kind: c for c in fig.claims}
    assert kinds["direction"].text in text
    if amount:
        assert kinds["change_amount"].value == (amount if diff > 0 else -amount)


def _sections(pack: Pack) -> list[tuple[str, NarrativeSection]]:
    assert pack.narrative is not None
    out: list[tuple[str, NarrativeSection]] = []
    for part in pack.narrative.parts:
        for spec in part.sections:
            out.append((part.id, spec))
            out += [(part.id, child) for child in spec.children]
    return out


def _lead(pack: Pack, key: str, common: dict[str, Any]) -> str:
    """The fixed beginning of a none-sentence template (up to its change clause), filled in."""
    assert pack.narrative is not None
    template = Templates(common, pack.narrative.templates).text(key)
    return template.split("{change_clause}")[0].format(**common)


@SETTINGS
@given(budget=budgets(), pack_name=st.sampled_from(sorted(PACKS)))
def test_documents_of_random_budgets(budget: Budget, pack_name: str) -> None:
    pack = PACKS[pack_name]
    c = compile_budget(budget, pack)
    doc = compose_document(budget, pack, c.tables, c.summary)
    assert_numbering(doc)
    anchors = [h.anchor for h in doc.headings(toc_only=False)]
    for part_id, spec in _sections(pack):
        count = anchors.count(f"{part_id}-{spec.id}")
        assert count == (0 if spec.optional else 1), spec.id  # random budgets enter no texts
    text = doc.text()
    assert "{" not in text and "}" not in text
    assert not re.search(r"(增加|减少|新增|增长|下降)0(\.0+)?(万元|%)", text)
    check_claims(c, doc.paragraphs())
    # absent items get the pack's none-sentence
    common = {"department": "测试部门", "department_code": "154", "self_name": "测试部门", "year": 2024,
              "prior_year": 2023, "unit": "万元"}
    by_section: dict[str, list[str]] = {}
    for p in doc.paragraphs():
        by_section.setdefault(p.section, []).append(p.text)
    if not any(i.source.group.value == "government_fund" for i in budget.items if i.amount):
        assert by_section["government_fund"][0].startswith(_lead(pack, "government_fund.none", common))
    if not c.summary["procurement"]:
        assert by_section["procurement"][0].startswith(_lead(pack, "procurement.none", common))
    for n, metric in enumerate(("overseas_travel", "official_reception", "vehicles"), 1):
        item = by_section["three_public"][n]
        assert ("：本年未安排" in item) == (c.summary[metric] == 0), item


def test_composing_a_200_item_budget_is_fast() -> None:
    budget = synthetic_budget(200, n_units=4)
    for name, pack in PACKS.items():
        c = compile_budget(budget, pack)
        compose_document(budget, pack, c.tables, c.summary)
        rounds = 50
        start = time.perf_counter()
        for _ in range(rounds):
            compose_document(budget, pack, c.tables, c.summary)
        per_document = (time.perf_counter() - start) / rounds
        assert per_document < 0.005, (name, per_document)
