"""What the narrative states: figures read from a paragraph's claims and from its text, named as metrics.

What a paragraph states is read twice: from its claims (the figures the generator or the
importer attached to it) and from its text (figures no claim accounts for — an entered reason,
a 三公 explanation, a sentence edited by hand).  Both become :class:`Statement` s, gathered in a
:class:`Reading` with the :class:`~yusuan.check.rules._figure_data.Data` to compare them with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.rules import _text as tx
from yusuan.check.rules._figure_data import Data
from yusuan.check.rules._memo import memo
from yusuan.compute.summary import METRIC_LABELS
from yusuan.document.model import Claim, Heading, Paragraph

# ── names of the figures ──────────────────────────────────────────────────────────────────────

_GLOBAL_TERMS: dict[str, str] = {
    "“三公”经费": "three_public", "\"三公\"经费": "three_public", "三公经费": "three_public",
    "“三公”经费合计": "three_public",
    "因公出国（境）费": "overseas_travel", "因公出国(境)费": "overseas_travel", "因公出国（境）费用": "overseas_travel",
    "公务接待费": "official_reception",
    "公务用车购置及运行费": "vehicles", "公务用车购置及运行维护费": "vehicles", "公务用车购置费及运行费": "vehicles",
    "公务用车购置和运行费": "vehicles", "公务用车费": "vehicles",
    "公务用车购置费": "vehicle_purchase", "公务用车购置": "vehicle_purchase",
    "公务用车运行维护费": "vehicle_operation", "公务用车运行费": "vehicle_operation",
    "机关运行经费": "organ_operating", "机构运转经费": "unit_operating",
    "政府采购预算": "procurement", "政府采购": "procurement",
}
_TOTALS = {"收入预算总计": "income_total", "收入总计": "income_total", "收入预算合计": "income_total",
           "收入合计": "income_total", "支出预算总计": "expenditure_total", "支出总计": "expenditure_total",
           "支出预算合计": "expenditure_total", "支出合计": "expenditure_total", "收支总计": "income_total",
           "收支预算总计": "income_total", "收、支总计": "income_total", "收、支预算总计": "income_total",
           "收入、支出预算总计": "income_total", "收入、支出总计": "income_total"}
_BARE_TOTALS = {"收入预算": "income_total", "支出预算": "expenditure_total"}
"""``收入预算15621.11万元``: a combined 编制说明 names the totals without 总计."""
_WHOLE_TERMS = frozenset(_TOTALS) | frozenset(_BARE_TOTALS)
"""Terms of a whole-budget total: after a source's name they are that source's total (:func:`tx.last_term`)."""
_SOURCES = {"一般公共预算收入": "income.general_public", "政府性基金预算收入": "income.government_fund",
            "国有资本经营预算收入": "income.state_capital", "财政专户管理资金收入": "income.special_account",
            "事业收入": "income.business_income", "事业单位经营收入": "income.operating_income",
            "上级补助收入": "income.higher_subsidy", "附属单位上缴收入": "income.subordinate_remittance",
            "其他收入": "income.other_income", "财政拨款收入": "fiscal"}
_SECTION_TERMS: dict[str, dict[str, str]] = {
    "overview": {**_TOTALS, **_BARE_TOTALS, **_SOURCES, "基本支出": "basic", "项目支出": "project",
                 "单位预留机动经费": "reserve"},
    "income": {**_TOTALS, "收入预算": "income_total", **_SOURCES, "上年结转结余": "carryover"},
    "expenditure": {**_TOTALS, "支出预算": "expenditure_total", "基本支出": "basic", "项目支出": "project",
                    "单位预留机动经费": "reserve"},
    "fiscal": {"财政拨款收支预算总计": "fiscal", "财政拨款收支总计": "fiscal", "财政拨款收入支出预算总计": "fiscal",
               "财政拨款收支预算": "fiscal", "财政拨款收支": "fiscal", "一般公共预算": "general_public",
               "政府性基金": "government_fund", "国有资本经营预算": "state_capital"},
    "general_public": {"一般公共预算支出": "general_public.total", "基本支出": "general_public.basic",
                       "项目支出": "general_public.project"},
    "basic": {"一般公共预算基本支出": "general_public_basic.total", "基本支出": "general_public_basic.total",
              "人员经费": "general_public_basic.personnel", "公用经费": "general_public_basic.operating"},
    "government_fund": {"政府性基金预算支出": "government_fund.total"},
    "procurement": {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"},
}
_DEFAULT_METRIC = {"overview": "income_total", "income": "income_total", "expenditure": "expenditure_total",
                   "fiscal": "fiscal", "general_public": "general_public.total",
                   "basic": "general_public_basic.total", "three_public": "three_public",
                   "government_fund": "government_fund.total", "procurement": "procurement"}
"""The metric a sentence is about when it names none (``与2023年相比，增加…``)."""

_CHANGE_KINDS = frozenset({"change_amount", "change_percent", "direction"})
_CHANGE_METRIC = {"general_public.total": "general_public", "government_fund.total": "government_fund"}
"""Year-over-year changes are stated for the bare metric (the prior year's figures are kept by it)."""

_NAMES = {**METRIC_LABELS, "general_public.total": "一般公共预算支出", "general_public.basic": "一般公共预算基本支出",
          "general_public.project": "一般公共预算项目支出", "general_public_basic.total": "一般公共预算基本支出",
          "general_public_basic.personnel": "人员经费", "general_public_basic.operating": "公用经费",
          "government_fund.total": "政府性基金预算支出", "econ.total": "支出合计",
          "income.general_public": "一般公共预算收入",
          "income.government_fund": "政府性基金预算收入", "income.state_capital": "国有资本经营预算收入",
          "income.special_account": "财政专户管理资金收入", "income.business_income": "事业收入",
          "income.operating_income": "事业单位经营收入", "income.higher_subsidy": "上级补助收入",
          "income.subordinate_remittance": "附属单位上缴收入", "income.other_income": "其他收入",
          "reserve": "单位预留机动经费"}


def metric_name(metric: str) -> str:
    if metric in _NAMES:
        return _NAMES[metric]
    prefix, _, code = metric.partition(":")
    scope = {"general_public.class": "一般公共预算支出", "government_fund.class": "政府性基金预算支出",
             "econ.class": "部门预算经济分类", "gov_econ.class": "政府预算经济分类"}.get(prefix)
    return f"{scope}{code}类" if scope else metric


# ── statements ────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Statement:
    """A figure the narrative states about a metric, from a claim or read from the text."""

    metric: str
    kind: str
    value: Decimal
    """Unsigned figure as printed (amounts in 分 are :attr:`fen`)."""
    sign: int | None
    fen: int | None
    """Amounts and change amounts in 分; ``None`` for percents and direction words."""
    text: str
    decimals: int
    number: int
    heading: Heading | None
    paragraph: Paragraph
    section: str
    sentence: str
    origin: str
    """``claim`` or ``text``."""
    unit_fen: int | None = None
    """分 per unit of the amount as printed (``万元`` → 1,000,000); ``None``: the document's unit."""

    @property
    def key(self) -> tuple[int, str]:
        return self.number, self.metric


def _section(heading: Heading | None, paragraph: Paragraph) -> str:
    if paragraph.section in tx.FIGURE_SECTIONS:
        return paragraph.section
    return tx.topic_of(heading.text) if heading is not None else ""


def _claim_statement(ctx: CheckContext, claim: Claim, number: int, heading: Heading | None, paragraph: Paragraph,
                     section: str, text: str) -> Statement | None:
    kind = claim.kind
    if kind in ("count", "percent"):
        return None
    metric = _CHANGE_METRIC.get(claim.metric, claim.metric) if kind in _CHANGE_KINDS else claim.metric
    if kind == "direction":
        sign = tx.direction_of(str(claim.value))
        sign = tx.direction_of(claim.text) if sign is None else sign
        value = Decimal(0)
        fen = None
    else:
        try:
            signed = Decimal(claim.value)
        except (ArithmeticError, ValueError, TypeError):
            return None
        value = abs(signed)
        sign = (0 if signed == 0 else 1 if signed > 0 else -1) if kind in _CHANGE_KINDS else None
        fen = int((value * ctx.money_unit.fen).to_integral_value()) if kind in ("amount", "change_amount") else None
    printed = claim.text.strip()
    pos = text.find(printed) if printed else -1
    sentence = tx.sentence_at(text, pos) if pos >= 0 else text
    decimals = len(printed.split(".", 1)[1]) if "." in printed else 0
    return Statement(metric, kind, value, sign, fen, printed, decimals, number, heading, paragraph, section, sentence,
                     "claim", _printed_unit(fen, printed) if kind in ("amount", "change_amount") else None)


def _printed_unit(fen: int | None, printed: str) -> int | None:
    """分 per unit the claimed amount was printed in (a claim of a 万元 document may print 元), if it tells."""
    try:
        number = abs(Decimal(printed.replace(",", "")))
    except ArithmeticError:
        return None
    if fen is None or not number:
        return None
    return next((unit for unit in sorted(tx.UNIT_FEN.values()) if number * unit == fen), None)


def _claim_key(kind: str, value: Decimal, sign: int | None) -> tuple[str, Decimal, int | None]:
    if kind == "direction":
        return kind, Decimal(0), sign
    if kind in ("change_amount", "change_percent"):
        return kind, value, sign
    return kind, value, None


_SUBJECT_ELIDED = re.compile(
    r"(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．])?(?:本年)?(?:预算数?|支出预算数?)?(?:均|各)?(?:与|比|较|同)?"
    r"(?:上年度?|\d{4}年度?)(?:相比|比较|同期)?[，,]?(?:均|各)?")
"""What is left of a sentence that states a change without naming what changed (``与2023年相比，增加…``)."""


def _text_statements(ctx: CheckContext, number: int, heading: Heading | None, paragraph: Paragraph, section: str,
                     text: str, claims: list[Statement]) -> list[Statement]:
    """Figures in the text that no claim of the paragraph accounts for, with the metric they are about.

    The metric is the last name of a figure before it in the sentence (for a plain amount: in its
    clause).  A change, share or direction word without a name takes the figure before it in the
    sentence; a sentence that leaves out its subject (``与2023年相比，增加13.87万元``) is about the
    paragraph's first figure, or the section's total.  A figure is accounted for by an unused claim
    of the same kind, value (amounts: in 分, whatever unit each prints) and direction (and metric, when
    the text names one).
    """
    out: list[Statement] = []
    terms = section_terms(section)
    unused = [(_claim_key(c.kind, Decimal(c.fen) if c.fen is not None else c.value, c.sign), c.metric)
              for c in claims]
    subject = Subject(section)
    for _start, sentence in tx.sentences(text):
        previous: str | None = None
        figures = tx.find_figures(sentence)
        for index, figure in enumerate(figures):
            if figure.kind == "percent":
                continue
            metric = figure_metric(sentence, figures, index, terms, previous, subject)
            fen = tx.to_fen(figure.value, figure.unit) if figure.kind in ("amount", "change_amount") else None
            key = _claim_key(figure.kind, Decimal(fen) if fen is not None else figure.value, figure.sign)
            match = next((n for n, (k, m) in enumerate(unused) if k == key and (metric is None or m == metric)), None)
            if match is not None:
                previous = unused.pop(match)[1]
                subject.saw(figure, previous)
                continue
            subject.saw(figure, metric)
            if metric is None:
                continue
            previous = metric
            out.append(Statement(metric, figure.kind, figure.value, figure.sign, fen, figure.text, figure.decimals,
                                 number, heading, paragraph, section, sentence, "text", tx.UNIT_FEN.get(figure.unit)))
    return out


def section_terms(section: str) -> dict[str, str]:
    """The names of figures read in a section of topic ``section``."""
    return {**_GLOBAL_TERMS, **_SECTION_TERMS.get(section, {})}


class Subject:
    """What a paragraph is about: the metric of its first named figure.

    A sentence that leaves out what changed (``与上年相比增加…``) is about it; with no figure before
    it, about the section's total.  When the paragraph's first amount names nothing the reading
    knows (``单位预留机动经费1685.72万元。与上年相比增加…``), the change is not attributed at all.
    """

    def __init__(self, section: str) -> None:
        self.section = section
        self.metric: str | None = None
        self.unknown = False

    def saw(self, figure: tx.Figure, metric: str | None) -> None:
        if self.metric is not None or self.unknown:
            return
        if metric is not None:
            self.metric = metric
        elif figure.kind == "amount":
            self.unknown = True

    def elided(self) -> str | None:
        if self.metric is not None or self.unknown:
            return self.metric
        return _DEFAULT_METRIC.get(self.section)


def figure_metric(sentence: str, figures: list[tx.Figure], index: int, terms: dict[str, str], previous: str | None,
                  subject: Subject, extra: Mapping[str, str] | None = None) -> str | None:
    """The metric ``figures[index]`` of ``sentence`` is about, as the checker reads the text (``None``: unnamed).

    A plain amount takes the last name in its clause, unless another figure or a change word (增加 …)
    stands between the name and the amount (``基本支出增加机关事业单位养老保险缴费等1447.63万元``: the
    amount is not the 基本支出).  A change, share or direction word takes the last name before it in the
    sentence, else the figure before it, else (a sentence leaving out what changed) the paragraph's
    :class:`Subject`; a change after another figure and a new subject (``项目支出减少200万元、单位预留机动
    经费增加3075.14万元``) is not attributed.  ``extra`` names (the importer's) are read where ``terms`` name
    nothing, by the same rules.
    """
    figure = figures[index]

    def last(text: str) -> tuple[str, int] | None:
        found = tx.last_term_span(text, terms, _WHOLE_TERMS)
        return found if found is not None or not extra else tx.last_term_span(text, extra)

    if figure.kind == "amount":
        start = tx.clause_start(sentence, figure.start)
        found = last(sentence[start:figure.start])
        if found is None or _DETACHED.search(sentence, start + found[1], figure.start):
            return None
        return found[0]
    prefix = sentence[:figure.start]
    core = prefix[:len(prefix) - len(figure.word)] if figure.word and prefix.endswith(figure.word) else prefix
    found = last(prefix)
    metric = found[0] if found is not None else previous
    since = found[1] if found is not None else 0
    if metric is not None and figure.kind in _CHANGE_KINDS and not _continues(sentence, figures[:index], since,
                                                                               len(core)):
        return None
    if metric is None and _SUBJECT_ELIDED.fullmatch(core):
        metric = subject.elided()
    if metric is not None and figure.kind in _CHANGE_KINDS:
        metric = _CHANGE_METRIC.get(metric, metric)
    return metric


_DETACHED = re.compile(r"\d(?:万元|亿元|元|%)|增加|减少|增长|下降|降低|新增|压减|缩减")
"""Between a name and an amount: the amount is of something else (another figure, a change of another thing)."""
_SAME_SUBJECT = re.compile(
    r"[，,、；;]?(?:其中[:：]?)?(?:本年|当年)?(?:预算数?|支出预算数?)?(?:均|各)?(?:与|比|较|同)?"
    r"(?:上年度?|\d{4}(?:年度?)?)?(?:当年)?(?:预算数?|预算执行数)?(?:相比|比较|同期)?[，,]?(?:均|各)?")
"""What may stand between a figure and the change after it when both are about the same thing (``，比2023年预算``)."""


def _continues(sentence: str, earlier: list[tx.Figure], since: int, end: int) -> bool:
    """Whether the text from each figure after offset ``since`` to the next (up to ``end``) keeps the subject."""
    between = [f for f in earlier if f.start >= since]
    for n, f in enumerate(between):
        stop = between[n + 1].start - len(between[n + 1].word) if n + 1 < len(between) else end
        if f.end <= stop and not _SAME_SUBJECT.fullmatch(sentence, f.end, stop):
            return False
    return True


class Reading:
    """Everything the narrative states, and the data to compare it with (built lazily, once per check view)."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.data = Data(ctx)

    @cached_property
    def texts(self) -> list[tuple[Location, str]]:
        """Every heading and paragraph of the narrative with its location, compacted."""
        out: list[tuple[Location, str]] = []
        heading: Heading | None = None
        number = 0
        for block in self.ctx.document.blocks():
            if isinstance(block, Heading):
                heading = block
                out.append((Location(section=block.text), tx.compact(block.text)))
            elif isinstance(block, Paragraph):
                number += 1
                out.append((self.ctx.at_paragraph(number, heading, block), tx.compact(block.text)))
        return out

    @cached_property
    def statements(self) -> list[Statement]:
        ctx = self.ctx
        out: list[Statement] = []
        for number, heading, paragraph in ctx.paragraphs():
            if not paragraph.claims and not _MAY_STATE.search(paragraph.text):
                continue
            section = _section(heading, paragraph)
            text = tx.compact(paragraph.text)
            own = [s for c in paragraph.claims
                   if (s := _claim_statement(ctx, c, number, heading, paragraph, section, text)) is not None]
            out += own
            out += _text_statements(ctx, number, heading, paragraph, section, text, own)
        return out

    def by_paragraph_metric(self, *kinds: str) -> dict[tuple[int, str], list[Statement]]:
        out: dict[tuple[int, str], list[Statement]] = {}
        for s in self.statements:
            if s.kind in kinds:
                out.setdefault(s.key, []).append(s)
        return out


_MAY_STATE = re.compile(r"[0-9０-９]|持平|变化|增减")
"""A paragraph without a digit or a 持平-like word states no figure: skipped without scanning."""


def reading(ctx: CheckContext) -> Reading:
    """The :class:`Reading` of ``ctx``."""
    return memo(ctx, "reading", Reading)
