"""What a section generator works with: the data, its templates, and figure helpers.

Figures are formatted here and nowhere else: amounts in the pack's money unit with the pack's
decimals (rounded half-up from exact 分), percentages with two decimals, and year-over-year
comparisons whose direction word follows the sign of the change as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from yusuan.compute.model import Tables
from yusuan.compute.summary import Direction, Summary
from yusuan.document.model import Claim, Paragraph
from yusuan.domain.budget import TEXT_KEYS, Budget
from yusuan.money import Fen, MoneyUnit, to_unit
from yusuan.narrative.facts import Facts
from yusuan.narrative.numbering import chinese_numeral
from yusuan.narrative.templates import EMPTY, Fig, Templates, join
from yusuan.packs.model import NarrativeSection

_TERMINAL = frozenset("。！？!?…；;")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_WIDE = re.compile(f"(?<=[{_WIDE}])\\s+(?=[{_WIDE}])")
"""Whitespace between two CJK characters or full-width marks (left by folded YAML lines): dropped."""
_PERCENT = Decimal("0.01")


def percent_of(part: int, whole: int) -> Decimal | None:
    """``part / whole × 100`` rounded half-up to 2 decimals; ``None`` when ``whole`` is 0."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_PERCENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Comparison:
    """How a change is worded: the direction, and the rounded amount and percent as printed."""

    direction: Direction
    word: str
    """``increase`` / ``decrease`` / ``flat`` / ``new``: the ``word.*`` template used."""
    amount: Decimal
    """Signed change in the money unit, rounded half-up."""
    percent: Decimal | None
    """Signed change in percent of the prior figure, rounded half-up; ``None`` when not stated."""


def compare(prior: Fen, current: Fen, unit: MoneyUnit, decimals: int) -> Comparison:
    """The wording of ``current`` against ``prior``.

    The rounded change decides: a change that prints as 0 is 持平 (never "增加 0"); a prior of 0 gives
    新增 (or 减少) without a percent; otherwise the percent is against the prior figure, left out when it
    rounds to 0.00 (or the prior is negative).
    """
    diff = current - prior
    amount = to_unit(diff, unit, decimals)
    if amount == 0:
        return Comparison(Direction.FLAT, "flat", abs(amount), None)
    direction = Direction.INCREASE if diff > 0 else Direction.DECREASE
    if prior == 0:
        return Comparison(direction, "new" if diff > 0 else "decrease", amount, None)
    word = "increase" if diff > 0 else "decrease"
    if prior < 0:  # a percent of a negative figure means nothing
        return Comparison(direction, word, amount, None)
    pct = (Decimal(abs(diff)) * 100 / Decimal(prior)).quantize(_PERCENT, rounding=ROUND_HALF_UP)
    if pct == 0:  # too small to show: "增长0.00%" would contradict the amount
        return Comparison(direction, word, amount, None)
    return Comparison(direction, word, amount, pct if diff > 0 else -pct)


def is_flat(change: Fig) -> bool:
    """Whether a comparison phrase says 持平."""
    return any(c.kind == "direction" and c.value == Direction.FLAT.label for c in change.claims)


class Writer:
    """The context of one section: data, templates with the section's overrides, and helpers."""

    def __init__(self, *, budget: Budget, tables: Tables, summary: Summary, facts: Facts, unit: MoneyUnit,
                 decimals: int, templates: Templates, section: NarrativeSection) -> None:
        self.budget = budget
        self.tables = tables
        self.summary = summary
        self.facts = facts
        self.unit = unit
        self.decimals = decimals
        self.section = section
        self.t = templates.over(section.templates)

    # ── figures ────────────────────────────────────────────────────────────────

    def money(self, metric: str, fen: Fen) -> Fig:
        value = to_unit(fen, self.unit, self.decimals)
        text = f"{value:f}"
        return Fig(text, (Claim(metric, "amount", value, text),))

    def share(self, metric: str, part: Fen, whole: Fen) -> Fig:
        value = percent_of(part, whole) or Decimal("0.00")
        text = f"{value:f}"
        return Fig(text, (Claim(metric, "share", value, text),))

    def count(self, metric: str, n: int) -> Fig:
        return Fig(str(n), (Claim(metric, "count", Decimal(n), str(n)),))

    def change(self, metric: str, current: Fen) -> Fig | None:
        """The comparison phrase of ``current`` against the prior year's ``metric`` (``None`` without it)."""
        prior = self.facts.prior(metric)
        if prior is None:
            return None
        c = compare(prior, current, self.unit, self.decimals)
        word = self.t.text(f"word.{c.word}")
        direction = Fig(word, (Claim(metric, "direction", c.direction.label, word),))
        amount_text = f"{abs(c.amount):f}"
        amount = Fig(amount_text, (Claim(metric, "change_amount", c.amount, amount_text),))
        if c.word == "flat":
            return self.t.render("change.flat", direction=direction)
        if c.percent is None:
            key = "change.new" if c.word == "new" else "change.amount"
            return self.t.render(key, direction=direction, amount=amount)
        percent_text = f"{abs(c.percent):f}"
        pct = Fig(percent_text, (Claim(metric, "change_percent", c.percent, percent_text),))
        trend = self.t.text("word.rise" if c.direction is Direction.INCREASE else "word.fall")
        return self.t.render("change.percent", direction=direction, amount=amount, trend=trend, percent=pct)

    def change_clause(self, metric: str, current: Fen) -> Fig:
        """``，`` + the comparison phrase, or nothing without prior data."""
        phrase = self.change(metric, current)
        return EMPTY if phrase is None else Fig(self.t.sep("join.clauses")) + phrase

    # ── text ───────────────────────────────────────────────────────────────────

    def entered(self, default_key: str | None) -> list[str]:
        """The entered text of this section (its ``text_key`` or ``default_key``), one item a paragraph."""
        key = self.section.text_key or default_key
        if key is None:
            return []
        text = self.budget.texts.get(key, "")
        return [self.sentence(line) for line in text.splitlines() if line.strip()]

    def entered_inline(self, key: str) -> str:
        """Entered text ``key`` as one sentence (lines joined), or ``""``."""
        text = "".join(line.strip() for line in self.budget.texts.get(key, "").splitlines())
        return self.sentence(text) if text else ""

    def sentence(self, text: str) -> str:
        """``text`` stripped, with a closing full stop unless it already ends a sentence."""
        text = _SPACE_BETWEEN_WIDE.sub("", text.strip())
        if text and text[-1] not in _TERMINAL and not text.endswith(("。）", "。”")):
            text += self.t.sep("join.end")
        return text

    def missing(self, key: str) -> Paragraph:
        return self.para(self.t.render("text.missing", what=TEXT_KEYS.get(key, key)))

    def text_paragraphs(self, default_key: str) -> list[Paragraph]:
        """The entered text as paragraphs; the missing-text note when absent (nothing if optional)."""
        lines = self.entered(default_key)
        if lines:
            return [self.para(Fig(line)) for line in lines]
        if self.section.optional:
            return []
        return [self.missing(self.section.text_key or default_key)]

    # ── assembling ─────────────────────────────────────────────────────────────

    def numeral(self, n: int) -> str:
        return chinese_numeral(n)

    def parts(self, figs: list[Fig]) -> Fig:
        return join([f for f in figs if f.text], self.t.sep("join.parts"))

    def clauses(self, figs: list[Fig]) -> Fig:
        return join([f for f in figs if f.text], self.t.sep("join.clauses"))

    def names(self, names: list[str]) -> str:
        return self.t.sep("join.names").join(names)

    def para(self, *figs: Fig | str) -> Paragraph:
        pieces = [f if isinstance(f, Fig) else Fig(f) for f in figs]
        fig = join([p for p in pieces if p.text], "")
        return Paragraph(fig.text, claims=fig.claims, section=self.section.id)

    def class_name(self, code: str, *, economic: bool = False, government: bool = False) -> str:
        if government:
            name = self.budget.gov_econ_name(code)
        elif economic:
            name = self.budget.econ_name(code)
        else:
            name = self.budget.functional_name(code)
        if name:
            return name
        key = "name.econ_class" if economic or government else "name.functional_class"
        return self.t.render(key, code=code).text
