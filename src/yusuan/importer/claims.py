"""Figures stated in the narrative of a published disclosure, as :class:`~yusuan.document.model.Claim` s.

Each figure of a paragraph (amounts, shares, changes with their direction, 持平) is given the metric
it is about.  The metric is first the one the checker's own reading of the text gives it (the same
terms, the same "figure before it" and "subject left out" inferences, :mod:`yusuan.check.rules._statements`),
so that a claim and the checker's reading never disagree and no figure is counted twice; figures that
reading leaves unnamed get a metric from the importer's extra terms (``vocabulary.yaml`` ``claims``):
the sources of income, 政府采购 by kind, 国有资产, the 类 of 一般公共预算支出, counts of vehicles.

Amounts are claimed in the document's money unit (a figure printed in 元 in a 万元 document is
converted exactly); changes are signed (减少 negative), a change printed without a chosen direction
(增加（减少）, 增减) is claimed unsigned as positive.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.check.rules import _text as tx
from yusuan.check.rules._statements import Subject, figure_metric, section_terms
from yusuan.document.model import Claim, ClaimKind
from yusuan.importer.cells import norm
from yusuan.importer.vocabulary import Vocabulary, vocabulary
from yusuan.money import MoneyUnit

_CLASS_SECTIONS = {"general_public": "general_public.class", "government_fund": "government_fund.class"}


def _extra_terms(section: str, vocab: Vocabulary) -> dict[str, str]:
    terms = dict(vocab.claim_terms.get("global", {}))
    terms.update(vocab.claim_terms.get(section, {}))
    scope = _CLASS_SECTIONS.get(section)
    if scope is not None:
        for code, names in vocab.classes.items():
            for name in names:
                terms.setdefault(name, f"{scope}:{code}")
    return terms


def _value(figure: tx.Figure, unit: MoneyUnit) -> Decimal:
    """A printed figure as claimed: amounts in the document's unit, changes signed."""
    value = figure.value
    if figure.kind in ("amount", "change_amount") and figure.unit in tx.UNIT_FEN and figure.unit != unit.value:
        value = Decimal(tx.to_fen(value, figure.unit)) / Decimal(unit.fen)
    if figure.kind in ("change_amount", "change_percent") and figure.sign == -1:
        value = -value
    return value


def _counts(text: str, section: str, vocab: Vocabulary) -> list[Claim]:
    if section not in vocab.count_sections:
        return []
    normed = norm(text)
    words = "|".join(re.escape(w) for w in sorted(vocab.count_words, key=len, reverse=True))
    pattern = re.compile(f"({words})[^0-9，,。；;]{{0,8}}?(\\d+)(?:{vocab.count_measures})")
    return [Claim(f"assets:{m.group(1)}", "count", Decimal(m.group(2)), m.group(2)) for m in pattern.finditer(normed)]


def paragraph_claims(text: str, section: str, unit: MoneyUnit = MoneyUnit.WAN,
                     vocab: Vocabulary | None = None) -> tuple[Claim, ...]:
    """The figures a paragraph states, under a heading of topic ``section`` (``three_public`` …)."""
    vocab = vocab or vocabulary()
    compacted = tx.compact(text)
    terms = section_terms(section)
    extra = _extra_terms(section, vocab)
    claims: list[Claim] = []
    subject = Subject(section)
    for _start, sentence in tx.sentences(compacted):
        previous: str | None = None
        figures = tx.find_figures(sentence)
        for index, figure in enumerate(figures):
            if figure.kind == "percent":
                continue
            metric = figure_metric(sentence, figures, index, terms, previous, subject, extra)
            subject.saw(figure, metric)
            if metric is None:
                continue
            previous = metric
            kind: ClaimKind = figure.kind
            if kind == "direction":
                claims.append(Claim(metric, "direction", "持平", figure.text))
                continue
            claims.append(Claim(metric, kind, _value(figure, unit), figure.text))
    claims += _counts(text, section, vocab)
    return tuple(claims)

