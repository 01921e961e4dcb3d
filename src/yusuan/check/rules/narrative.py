"""Family N: the narrative (情况说明) against the data, and the wording of the narrative itself.

What a paragraph states is read twice: from its claims (the figures the generator or the
importer attached to it) and from its text (figures no claim accounts for — an entered reason,
a 三公 explanation, a sentence edited by hand).  Both become :class:`Statement` s, compared with
the key figures of a compiled budget or, for an imported disclosure, with the printed tables.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import TypeVar, cast

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.registry import Finding, rule
from yusuan.check.rules import _text as tx
from yusuan.check.rules._tables import balance_value, leaf_rows, money, total_row
from yusuan.compute.model import Table
from yusuan.compute.summary import METRIC_LABELS
from yusuan.document.model import Claim, Heading, Paragraph, TableBlock, TitleBlock

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

_MEMO: dict[tuple[int, str], tuple[weakref.ref[CheckContext], object]] = {}
T = TypeVar("T")


def memo(ctx: CheckContext, name: str, build: Callable[[CheckContext], T]) -> T:
    """``build(ctx)``, computed once while ``ctx`` lives (the rules of a run share it)."""
    key = (id(ctx), name)
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is ctx:
        return cast(T, hit[1])
    value = build(ctx)
    _MEMO[key] = (weakref.ref(ctx, lambda _ref, key=key, store=_MEMO: store.pop(key, None)),  # type: ignore[misc]
                  value)
    return value


def reading(ctx: CheckContext) -> Reading:
    """The :class:`Reading` of ``ctx``."""
    return memo(ctx, "reading", Reading)


# ── the data ──────────────────────────────────────────────────────────────────────────────────


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
        current = self.current(_CHANGE_CURRENT.get(metric, metric))
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


# ── comparing ─────────────────────────────────────────────────────────────────────────────────

_HUNDRED = Decimal(100)


def _percent(part: int, whole: int) -> Decimal:
    return Decimal(part) * _HUNDRED / Decimal(whole)


def _percent_tolerance(decimals: int) -> Decimal:
    """Half a unit of the last printed decimal, plus the rounding of the data (0.005)."""
    return Decimal(5).scaleb(-(decimals + 1)) + Decimal("0.005")


_POINT = Decimal("0.01")


def _percent_off(printed: Decimal, decimals: int, exact: Decimal) -> bool:
    """Whether a printed percent is wrong: beyond :func:`_percent_tolerance` of the exact figure, and (printed to
    two or more decimals) more than 0.01 point from the exact figure rounded as printed.

    0.01 point is the tolerance amounts have in their unit: 63.75% for an exact 63.7399% (the rounded 63.74% off
    by one in the last place, as 467.12 万元 for 467.11 万元) is rounding, not a wrong figure.
    """
    if abs(printed - exact) <= _percent_tolerance(decimals):
        return False
    if decimals < 2:
        return True
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(printed - rounded) > _POINT


def _pct_text(value: Decimal, decimals: int = 2) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-max(decimals, 2)), rounding=ROUND_HALF_UP):f}%"


def _unit_value(ctx: CheckContext, fen: int) -> Decimal:
    return Decimal(fen) / Decimal(ctx.money_unit.fen)


class _Printed:
    """The unit an amount of the narrative is printed in: compared and reported in it, to its tolerance.

    A narrative in 万元 over tables in 元 (or a figure printed in 元 in a 万元 narrative) is compared in
    the figure's own unit, so that the tolerance is the rounding of what is printed and a message never
    mixes units.
    """

    def __init__(self, ctx: CheckContext, s: Statement) -> None:
        self.fen = s.unit_fen or ctx.money_unit.fen
        self.name = next((n for n, f in tx.UNIT_FEN.items() if f == self.fen), ctx.money_unit.value)
        self.tolerance = int(ctx.tolerance * self.fen)

    def differs(self, a: int, b: int) -> bool:
        return abs(a - b) > self.tolerance

    def fmt(self, fen: int) -> str:
        return f"{(Decimal(fen) / self.fen).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def _where(ctx: CheckContext, s: Statement) -> Location:
    return ctx.at_paragraph(s.number, s.heading, s.paragraph, s.sentence)


def _sign_word(sign: int | None) -> str:
    return {1: "增加", -1: "减少", 0: "持平"}.get(sign if sign is not None else 9, "未说明增减")


def _true_sign(ctx: CheckContext, current: int, prior: int) -> int:
    diff = _unit_value(ctx, current - prior).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return 0 if diff == 0 else 1 if diff > 0 else -1


# ── N401–N406: figures against the data ───────────────────────────────────────────────────────


@rule(
    code="N401", slug="narrative-amount-matches-data", severity="error", tier="basic",
    title="说明中的金额与数据一致",
    message="说明称{name}为 {actual} {unit}，数据为 {expected} {unit}，相差 {difference} {unit}",
    hint="按预算表（或编制数据）改正说明中的金额；若说明无误，则应检查表格。",
    tags=("说明", "金额"), needs=("narrative",),
)
def narrative_amount_matches_data(ctx: CheckContext) -> Iterator[Finding]:
    r = reading(ctx)
    for s in r.statements:
        if s.kind != "amount" or s.fen is None:
            continue
        truth = r.data.current(s.metric)
        if truth is None:
            continue
        unit = _Printed(ctx, s)
        if unit.differs(s.fen, truth):
            yield Finding(_where(ctx, s), {"name": metric_name(s.metric), "unit": unit.name},
                          expected=unit.fmt(truth), actual=s.text, difference=unit.fmt(s.fen - truth))


@rule(
    code="N402", slug="narrative-share-matches-data", severity="error", tier="basic",
    title="说明中的占比与数据一致",
    message="说明称{name}占{whole}的 {actual}，按数据计算应为 {expected}",
    hint="占比 = 该项金额 ÷ 合计 × 100%，按表中金额重新计算。",
    tags=("说明", "占比"), needs=("narrative",),
)
def narrative_share_matches_data(ctx: CheckContext) -> Iterator[Finding]:
    r = reading(ctx)
    for s in r.statements:
        if s.kind != "share":
            continue
        whole_metric = r.data.whole(s.metric, s.section)
        if whole_metric is None:
            continue
        part = r.data.current(s.metric)
        whole = r.data.current(whole_metric)
        if part is None or not whole:
            continue
        exact = _percent(part, whole)
        if _percent_off(s.value, s.decimals, exact):
            yield Finding(_where(ctx, s), {"name": metric_name(s.metric), "whole": metric_name(whole_metric)},
                          expected=_pct_text(exact), actual=f"{s.text}%",
                          difference=_pct_text(s.value - exact))


def _swapped(ctx: CheckContext, r: Reading) -> dict[tuple[int, str], tuple[Statement, Statement, str, str]]:
    """(paragraph, metric) → (amount, percent, true amount, true percent) where the two are swapped."""
    return memo(ctx, "swapped", lambda c: _find_swapped(c, r))


def _find_swapped(ctx: CheckContext, r: Reading) -> dict[tuple[int, str], tuple[Statement, Statement, str, str]]:
    out: dict[tuple[int, str], tuple[Statement, Statement, str, str]] = {}
    unit_tol = _unit_value(ctx, ctx.tolerance_fen())
    for key, group in r.by_paragraph_metric("change_amount", "change_percent").items():
        metric = key[1]
        pairs = [(a, p) for a in group if a.kind == "change_amount" for p in group if p.kind == "change_percent"]
        if not pairs:
            continue
        change = r.data.change(metric)
        current_figure = r.data.current(_CHANGE_CURRENT.get(metric, metric))
        for a, p in pairs:
            if change is not None:
                current, prior = change
                if prior <= 0:
                    break
                true_amount = abs(_unit_value(ctx, current - prior))
                true_pct = abs(_percent(current - prior, prior))
                if (abs(a.value - true_amount) > unit_tol
                        and abs(a.value - true_pct) <= _percent_tolerance(a.decimals)
                        and abs(p.value - true_amount) <= max(unit_tol, _percent_tolerance(p.decimals))):
                    out[key] = (a, p, ctx.fmt(abs(current - prior)), _pct_text(true_pct))
                    break
            elif current_figure is not None:
                c = _unit_value(ctx, current_figure)
                if not _consistent(c, a.value, p.value, p.decimals, a.sign) and \
                        _consistent(c, p.value, a.value, a.decimals, p.sign):
                    out[key] = (a, p, f"{p.value:f}", f"{a.text}%")
                    break
    return out


_CHANGE_CURRENT = {"general_public": "general_public.total", "government_fund": "government_fund.total"}
"""The figure a change of the bare metric ends at (as printed in its section)."""


def _consistent(current: Decimal, amount: Decimal, percent: Decimal, decimals: int, sign: int | None) -> bool:
    """Whether ``amount`` and ``percent`` describe one change ending at ``current`` (either direction if unsigned)."""
    signs = (sign,) if sign in (1, -1) else (1, -1)
    for sg in signs:
        prior = current - sg * amount
        if prior <= 0:
            continue
        if abs(amount * _HUNDRED / prior - percent) <= _percent_tolerance(decimals):
            return True
    return False


@rule(
    code="N403", slug="narrative-change-amount-matches-data", severity="error", tier="basic",
    title="说明中的增减额与数据一致",
    message="说明称{name}比上年{word} {actual} {unit}，按数据应为 {expected} {unit}（本年 {current}，上年 {prior}）",
    hint="增减额 = 本年预算数 − 上年预算数。",
    tags=("说明", "增减"), needs=("narrative",),
)
def narrative_change_amount_matches_data(ctx: CheckContext) -> Iterator[Finding]:
    r = reading(ctx)
    swapped = _swapped(ctx, r)
    for s in r.statements:
        if s.kind != "change_amount" or s.fen is None or s.key in swapped:
            continue
        change = r.data.change(s.metric)
        if change is None:
            continue
        current, prior = change
        expected = abs(current - prior)
        unit = _Printed(ctx, s)
        if unit.differs(s.fen, expected):
            yield Finding(_where(ctx, s), {"name": metric_name(s.metric), "word": _sign_word(s.sign),
                                           "unit": unit.name, "current": unit.fmt(current),
                                           "prior": unit.fmt(prior)},
                          expected=unit.fmt(expected), actual=s.text, difference=unit.fmt(s.fen - expected))


@rule(
    code="N404", slug="narrative-change-percent-matches-data", severity="error", tier="basic",
    title="说明中的增减幅度与数据一致",
    message="说明称{name}{word} {actual}，{basis}应为 {expected}",
    hint="增减幅度 = 增减额 ÷ 上年预算数 × 100%。",
    tags=("说明", "增减"), needs=("narrative",),
)
def narrative_change_percent_matches_data(ctx: CheckContext) -> Iterator[Finding]:
    r = reading(ctx)
    swapped = _swapped(ctx, r)
    amounts = r.by_paragraph_metric("change_amount")
    for s in r.statements:
        if s.kind != "change_percent" or s.key in swapped:
            continue
        values = {"name": metric_name(s.metric), "word": "增长" if s.sign == 1 else "下降" if s.sign == -1 else "变化"}
        change = r.data.change(s.metric)
        if change is not None:
            current, prior = change
            if prior <= 0:
                continue
            exact = abs(_percent(current - prior, prior))
            basis = f"按本年 {ctx.fmt(current)}、上年 {ctx.fmt(prior)} 计算"
        else:
            stated = amounts.get(s.key)
            current_figure = r.data.current(_CHANGE_CURRENT.get(s.metric, s.metric))
            if not stated or current_figure is None:
                continue
            a = stated[0]
            c = _unit_value(ctx, current_figure)
            if _consistent(c, a.value, s.value, s.decimals, a.sign if a.sign is not None else s.sign):
                continue
            sign = a.sign if a.sign in (1, -1) else s.sign if s.sign in (1, -1) else 1
            prior_value = c - sign * a.value
            if prior_value <= 0:
                continue
            exact = a.value * _HUNDRED / prior_value
            basis = f"按增减额 {a.text} 与本年 {ctx.fmt(current_figure)} 推算"
        if _percent_off(s.value, s.decimals, exact):
            yield Finding(_where(ctx, s), {**values, "basis": basis}, expected=_pct_text(exact),
                          actual=f"{s.text}%", difference=_pct_text(s.value - exact))


@rule(
    code="N405", slug="narrative-direction-matches-sign", severity="error", tier="basic",
    title="增减方向与数据一致",
    message="说明称{name}“{actual}”，而{basis}",
    hint="按增减额的正负选用“增加/增长”“减少/下降”；没有变化写“持平”。",
    tags=("说明", "增减"), needs=("narrative",),
)
def narrative_direction_matches_sign(ctx: CheckContext) -> Iterator[Finding]:
    r = reading(ctx)
    for key, group in r.by_paragraph_metric("direction", "change_amount", "change_percent").items():
        signed = [s for s in group if s.sign is not None]
        if not signed:
            continue
        change = r.data.change(key[1])
        name = metric_name(key[1])
        if change is not None:
            truth = _true_sign(ctx, *change)
            wrong = next((s for s in signed if s.sign != truth), None)
            if wrong is not None:
                basis = f"数据显示{_sign_word(truth)}（本年 {ctx.fmt(change[0])}，上年 {ctx.fmt(change[1])}）"
                yield Finding(_where(ctx, wrong), {"name": name, "basis": basis}, expected=_sign_word(truth),
                              actual=_sign_word(wrong.sign))
            continue
        signs = {s.sign for s in signed}
        if len(signs) > 1:
            first = signed[0]
            other = next(s for s in signed if s.sign != first.sign)
            basis = f"同一句又称“{_sign_word(other.sign)}”，前后矛盾"
            yield Finding(_where(ctx, other), {"name": name, "basis": basis}, actual=_sign_word(first.sign))


@rule(
    code="N406", slug="narrative-change-amount-percent-swapped", severity="error", tier="basic",
    title="增减额与增减幅度互换",
    message="{name}的增减额与增减幅度写反了：说明写增减 {actual}，应为增减 {expected} {unit}、幅度 {percent}",
    hint="增减额（万元）与增减百分比的位置对调了，交换两个数字即可。",
    tags=("说明", "增减"), needs=("narrative",),
)
def narrative_change_amount_percent_swapped(ctx: CheckContext) -> Iterator[Finding]:
    r = reading(ctx)
    for key, (a, p, true_amount, true_pct) in _swapped(ctx, r).items():
        yield Finding(_where(ctx, a), {"name": metric_name(key[1]), "percent": true_pct,
                                        "unit": ctx.money_unit.value},
                      expected=true_amount, actual=f"{a.text} {ctx.money_unit.value}、{p.text}%")


@rule(
    code="N413", slug="three-public-total-equals-items", severity="error", tier="basic",
    title="“三公”经费合计等于所述各项之和",
    message="说明称“三公”经费合计 {actual} {unit}，而所述各项之和为 {expected} {unit}（{parts}），"
            "相差 {difference} {unit}",
    hint="“三公”经费 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费（购置费 + 运行维护费）。",
    tags=("说明", "三公"), needs=("narrative",),
)
def three_public_total_equals_items(ctx: CheckContext) -> Iterator[Finding]:
    r = reading(ctx)
    stated: dict[str, Statement] = {}
    for s in r.statements:
        if s.kind == "amount" and s.section == "three_public" and s.fen is not None:
            stated.setdefault(s.metric, s)
    checks = (("three_public", ("overseas_travel", "official_reception", "vehicles")),
              ("vehicles", ("vehicle_purchase", "vehicle_operation")))
    for total_metric, items in checks:
        total = stated.get(total_metric)
        parts = {m: stated[m].fen or 0 for m in items if m in stated}
        if total_metric == "three_public" and "vehicles" not in parts:
            vehicle_parts = [stated[m].fen or 0 for m in ("vehicle_purchase", "vehicle_operation") if m in stated]
            if vehicle_parts:
                parts["vehicles"] = sum(vehicle_parts)
        if total is None or total.fen is None or not parts:
            continue
        expected = sum(parts.values())
        if abs(total.fen - expected) > ctx.tolerance_fen() * len(parts):
            described = "、".join(f"{metric_name(m)} {ctx.fmt(v)}" for m, v in parts.items())
            yield Finding(_where(ctx, total), {"parts": described, "unit": ctx.money_unit.value},
                          expected=ctx.fmt(expected), actual=total.text, difference=ctx.fmt(total.fen - expected))


# ── N407–N412, N415: the wording ──────────────────────────────────────────────────────────────


def _texts(ctx: CheckContext) -> list[tuple[Location, str]]:
    return reading(ctx).texts


def _at(where: Location, text: str, pos: int) -> Location:
    """``where`` narrowed to the sentence at ``pos``."""
    if where.paragraph is None:
        return where
    return Location(section=where.section, paragraph=where.paragraph, sentence=tx.sentence_at(text, pos))


@rule(
    code="N407", slug="narrative-placeholder-left", severity="error", tier="basic",
    title="说明中残留模板占位内容",
    message="说明中残留模板内容“{text}”（{what}）",
    hint="按实际情况改写：增减只写一个方向（增加/减少、增长/下降），XX 等占位符填上实际数字，删去模板括注。",
    tags=("说明", "模板"), needs=("narrative",),
)
def narrative_placeholder_left(ctx: CheckContext) -> Iterator[Finding]:
    for where, text in _texts(ctx):
        for what, found, pos in tx.placeholders(text):
            yield Finding(_at(where, text, pos), {"text": found, "what": what}, actual=found)


@rule(
    code="N408", slug="narrative-year-out-of-place", severity="warning", tier="strict",
    title="说明中的年份与预算年度不符",
    message="出现年份 {actual} 年，与预算年度 {expected} 年不符（{clause}）",
    hint="预算说明和绩效目标应写预算年度；上年只用于比较。文号、政策出台年份不受此限。",
    tags=("说明", "年份"), needs=(),
)
def narrative_year_out_of_place(ctx: CheckContext) -> Iterator[Finding]:
    for where, text in _texts(ctx):
        for mention in tx.misplaced_years(text, ctx.year):
            yield Finding(_at(where, text, mention.start), {"clause": mention.clause}, expected=str(ctx.year),
                          actual=str(mention.year))
    for table in ctx.tables:
        if table.kind not in ("department_targets", "project_targets_summary", "project_target_sheets"):
            continue
        for row in table.rows:
            for cell in row.cells:
                if not isinstance(cell.value, str) or len(cell.value) < 6:
                    continue
                text = tx.compact(cell.value)
                for mention in tx.misplaced_years(text, ctx.year):
                    yield Finding(ctx.at_cell(table, row, cell.column), {"clause": mention.clause},
                                  expected=str(ctx.year), actual=str(mention.year))


@rule(
    code="N409", slug="title-year-matches", severity="error", tier="basic",
    title="标题年份为预算年度",
    message="{part}所署年份为 {actual} 年，应为预算年度 {expected} 年",
    hint="表格标题、列标题和文件标题应署预算年度（常见错误：沿用上年模板未改年份）。",
    tags=("说明", "年份", "表格"), needs=(),
)
def title_year_matches(ctx: CheckContext) -> Iterator[Finding]:
    for block in ctx.document.blocks():
        text = block.title if isinstance(block, TitleBlock) else block.text if isinstance(
            block, Heading) and block.level == 1 else None
        if text:
            for year in tx.years_in_title(text):
                if year != ctx.year:
                    yield Finding(Location(section=text), {"part": "标题"}, expected=str(ctx.year), actual=str(year))
    for table in ctx.tables:
        for year in tx.years_in_title(table.title):
            if year != ctx.year:
                yield Finding(ctx.at_table(table), {"part": "表格标题"}, expected=str(ctx.year), actual=str(year))
        headers = [(c, tx.years_in_title("".join(c.header))) for c in table.columns]
        has_budget_year = any(ctx.year in years for _c, years in headers)
        for column, years in headers:
            for year in years:
                if year == ctx.year or (year == ctx.year - 1 and has_budget_year):
                    continue
                yield Finding(ctx.at_cell(table, None, column), {"part": "列标题"}, expected=str(ctx.year),
                              actual=str(year))


_LEVEL_STYLES = {1: ("part",), 2: ("chinese",), 3: ("paren_chinese", "paren_arabic")}


@rule(
    code="N410", slug="section-numbering-sequential", severity="error", tier="basic",
    title="章节序号连续、不重复",
    message="序号不连续：此处应为“{expected}”，实为“{actual}”",
    hint="按顺序重新编号（一、二、三……；（一）（二）（三）……），不要跳号或重号。",
    tags=("说明", "序号"), needs=(),
)
def section_numbering_sequential(ctx: CheckContext) -> Iterator[Finding]:
    last: dict[int, tuple[int, int]] = {}
    """Level → (last number, how many numbered headings of that level so far under the same parent)."""
    by_text: set[int] = set()
    """Levels whose last number was taken from a numbered paragraph (see below)."""
    level = 0
    for block in ctx.document.blocks():
        if isinstance(block, Paragraph) and ctx.origin == "imported":
            # a heading a PDF printed on the line of its text (“一、项目概述主要推进……”) is read as a numbered
            # paragraph directly under the part: it still counts in the part's numbering (二、… 七、)
            found = tx.numbering(block.text)
            below = level + 1
            if found is not None and found[0] in _LEVEL_STYLES.get(below, ()):
                previous, position = last.get(below, (0, 0))
                if found[1] in (previous + 1, 1):
                    last[below] = (found[1], position + 1 if found[1] != 1 else 1)
                    by_text.add(below)
            continue
        if isinstance(block, Heading):
            level = block.level
            for deeper in [lv for lv in last if lv > block.level]:
                del last[deeper]
                by_text.discard(deeper)
            found = tx.numbering(block.text)
            if found is None or found[0] not in _LEVEL_STYLES.get(block.level, ()):
                continue
            n = found[1]
            previous, position = last.get(block.level, (0, 0))
            if block.level in by_text and n == 1:
                previous, position = 0, 0  # the numbered paragraphs were a list of their own
            by_text.discard(block.level)
            if _out_of_sequence(n, previous, position + 1):
                yield Finding(Location(section=block.text), expected=_numeral(found[0], previous + 1),
                              actual=_numeral(found[0], n))
            last[block.level] = (n, position + 1)
    yield from _paragraph_numbering(ctx)


def _out_of_sequence(n: int, previous: int, position: int) -> bool:
    """A number is in sequence when it follows the last one or matches its position (so one slip is one issue)."""
    return n not in (previous + 1, position)


def _numeral(style: str, n: int) -> str:
    from yusuan.narrative.numbering import chinese_numeral

    return {"part": f"第{chinese_numeral(n)}部分", "chinese": f"{chinese_numeral(n)}、",
            "paren_chinese": f"（{chinese_numeral(n)}）", "paren_arabic": f"（{n}）", "arabic": f"{n}."}[style]


def _paragraph_numbering(ctx: CheckContext) -> Iterator[Finding]:
    """Numbered paragraphs under one heading (（一）…, 1. …) count up by one; a list may restart at 1."""
    last: dict[tuple[int, str], tuple[int, int]] = {}
    for number, heading, paragraph in ctx.paragraphs():
        found = tx.numbering(paragraph.text)
        if found is None:
            continue
        style, n = found
        key = (id(heading), style)
        previous, position = last.get(key, (0, 0))
        if n == 1:
            previous, position = 0, 0
        elif previous and _out_of_sequence(n, previous, position + 1):
            yield Finding(ctx.at_paragraph(number, heading, paragraph), expected=_numeral(style, previous + 1),
                          actual=_numeral(style, n))
        last[key] = (n, position + 1)


@rule(
    code="N411", slug="doubled-punctuation", severity="notice", tier="advisory",
    title="标点重复",
    message="标点重复“{actual}”",
    hint="删去多余的标点。",
    tags=("说明", "文字"), needs=(),
)
def doubled_punctuation(ctx: CheckContext) -> Iterator[Finding]:
    for where, text in _texts(ctx):
        for marks, pos in tx.doubled_punctuation(text):
            yield Finding(_at(where, text, pos), actual=marks)


@rule(
    code="N412", slug="zero-change-worded-as-change", severity="warning", tier="strict",
    title="没有变化却写作“增加 0”",
    message="用“{actual}”表述没有变化，应写“持平”或“与上年相同”",
    hint="增减额为 0 时写“与上年持平”，不写“增加 0 万元”“减少 0 万元”。",
    tags=("说明", "增减"), needs=(),
)
def zero_change_worded_as_change(ctx: CheckContext) -> Iterator[Finding]:
    for where, text in _texts(ctx):
        for phrase, pos in tx.zero_changes(text):
            yield Finding(_at(where, text, pos), actual=phrase)


@rule(
    code="N415", slug="numbered-section-has-text", severity="warning", tier="basic",
    title="编号标题下有内容",
    message="标题“{actual}”下没有任何内容",
    hint="补写该节的说明；确实不涉及的，写明“本部门不涉及……”，不要只留标题。",
    tags=("说明", "结构"), needs=(),
)
def numbered_section_has_text(ctx: CheckContext) -> Iterator[Finding]:
    open_heading: Heading | None = None
    for block in ctx.document.blocks():
        if isinstance(block, Heading):
            if open_heading is not None and block.level <= open_heading.level:
                yield Finding(Location(section=open_heading.text), actual=open_heading.text)
            open_heading = block if block.level >= 2 and tx.numbering(block.text) is not None else None
        elif isinstance(block, Paragraph | TableBlock) and open_heading is not None and (
                not isinstance(block, Paragraph) or block.text.strip()):
            open_heading = None
    if open_heading is not None:
        yield Finding(Location(section=open_heading.text), actual=open_heading.text)


# ── N414, N416: the department's name ─────────────────────────────────────────────────────────

_ORG_LABEL = re.compile(r"^(?:部门名称|单位名称|部门（单位）名称|部门|单位|预算单位)[：:]\s*(.+?)\s*$")
_SELF = ("我局", "本局", "我单位", "本单位", "我部门", "本部门", "我办", "本办", "我委", "本委", "我院", "本院")
_SUBJECT = re.compile(r"^[（(]?[一二三四五六七八九十\d]*[）)、.]?\s*"
                      r"(?!主要|原因|由于|因为|因|系|是|经|根据|按照|依据|其中|包括)([\u4e00-\u9fff（）()]{4,40}?)(?=\d{4}年)")
"""A sentence opening with the department's name and the year (not a reason: ``主要是省财政厅2017年……``)."""


def _names(ctx: CheckContext) -> list[tuple[Location, str, str]]:
    """(where, what, name) of every department name the document prints."""
    return memo(ctx, "department-names", lambda c: list(_printed_names(c)))


_TITLE_SUBJECT = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|附件[：:])?\s*([\u4e00-\u9fff（）()]{4,40}?)"
    r"(?=\d{4}年|部门概况|概况|整体绩效目标表|部门预算)")


def _printed_names(ctx: CheckContext) -> Iterator[tuple[Location, str, str]]:
    for table in ctx.tables:
        m = _ORG_LABEL.match(tx.compact(table.org_label or ""))
        if m and not m.group(1).endswith("元"):
            yield ctx.at_table(table), "表头", m.group(1)
        m = _TITLE_SUBJECT.match(tx.compact(table.title))
        if m:
            yield ctx.at_table(table), "表格标题", m.group(1)
    number = 0
    heading: Heading | None = None
    for block in ctx.document.blocks():
        if isinstance(block, TitleBlock | Heading) and (isinstance(block, TitleBlock) or block.level == 1):
            text = block.title if isinstance(block, TitleBlock) else block.text
            m = _TITLE_SUBJECT.match(tx.compact(text))
            if m:
                yield Location(section=text), "标题", m.group(1)
        if isinstance(block, Heading):
            heading = block
        elif isinstance(block, Paragraph):
            number += 1
            text = tx.compact(block.text)
            for _start, sentence in tx.sentences(text):
                m = _SUBJECT.match(sentence)
                if m:
                    yield ctx.at_paragraph(number, heading, block, sentence), "说明", m.group(1)


def _name_problem(name: str, department: str) -> str | None:
    """``different`` / ``short`` / ``None`` for a printed department name."""
    if not department or name == department or name in _SELF or department in name:
        return None
    if name in ("本级", "部门本级", "单位本级"):
        return "short"
    if not tx.ORG_SUFFIX.search(name):
        return None
    if tx.is_abbreviation(name, department):
        return "short"
    return "different"


@rule(
    code="N414", slug="department-name-matches", severity="warning", tier="strict",
    title="所署部门名称与本部门一致",
    message="{what}所署部门名称“{actual}”与本部门“{expected}”不一致",
    hint="核对是否套用了其他部门的文本或表格；部门名称应与预算主体一致。",
    tags=("说明", "部门名称"), needs=(),
)
def department_name_matches(ctx: CheckContext) -> Iterator[Finding]:
    for where, what, name in _names(ctx):
        if _name_problem(name, ctx.department) == "different":
            yield Finding(where, {"what": what}, expected=ctx.department, actual=name)


@rule(
    code="N416", slug="department-name-abbreviated", severity="notice", tier="advisory",
    title="部门名称使用简称",
    message="{what}使用了部门名称的简称或代称“{actual}”，全称为“{expected}”",
    hint="公开文件宜统一使用部门全称。",
    tags=("说明", "部门名称"), needs=(),
)
def department_name_abbreviated(ctx: CheckContext) -> Iterator[Finding]:
    for where, what, name in _names(ctx):
        if _name_problem(name, ctx.department) == "short":
            yield Finding(where, {"what": what}, expected=ctx.department, actual=name)
