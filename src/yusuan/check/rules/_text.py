"""Scanners for Chinese narrative text: years, figures, direction words, numbering, placeholders.

Pure functions over strings, shared by the narrative (N) and completeness (M) rules.  They read
the text as printed, whichever wording produced it (yusuan's templates, an entered reason, or a
published PDF), so they never rely on the generator's exact sentences.  Text is first
:func:`compact` -ed: full-width digits become ASCII and the spaces a PDF puts around numbers
(``2024 年``, ``504.11 万元``) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from yusuan.numerals import CHINESE_NUMERAL, parse_chinese_numeral

# ── normalising ────────────────────────────────────────────────────────────────────────────────

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d"
_SPACE = re.compile(f"(?<=[{_WIDE}0-9.%])[ \t\u00a0\u3000]+(?=[{_WIDE}0-9.%])")


def compact(text: str) -> str:
    """``text`` with full-width digits made ASCII and spaces between CJK characters and digits removed."""
    return _SPACE.sub("", text.translate(_FULL_WIDTH))


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")


def sentences(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) of each sentence (ended by 。！？ or a line break)."""
    return [(m.start(), m.group().strip()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` that contains offset ``pos``."""
    start = pos
    while start > 0 and text[start - 1] not in "。！？!?\n":
        start -= 1
    end = pos
    while end < len(text) and text[end] not in "。！？!?\n":
        end += 1
    while end < len(text) and text[end] in "。！？!?":
        end += 1
    return text[start:end].strip() or text


_CLAUSE_BREAK = "，,；;：:。！？!?\n"


def _breaks(text: str, i: int) -> bool:
    """Whether ``text[i]`` ends a clause (a comma between digits is a thousands separator: 3,096.24)."""
    ch = text[i]
    if ch not in _CLAUSE_BREAK:
        return False
    return not (ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())


def clause_start(text: str, pos: int) -> int:
    """Offset where the clause containing ``pos`` starts (after the last ，；：。 before it)."""
    i = pos
    while i > 0 and not _breaks(text, i - 1):
        i -= 1
    return i


def clause_end(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and not _breaks(text, i):
        i += 1
    return i


def clause_at(text: str, start: int, end: int | None = None) -> str:
    return text[clause_start(text, start):clause_end(text, end if end is not None else start)]


# ── Chinese numerals ───────────────────────────────────────────────────────────────────────────

def chinese_to_int(text: str) -> int | None:
    """``十二`` → 12, ``二十`` → 20, ``一百零五`` → 105; ``None`` when ``text`` is not a numeral (or is 零)."""
    return parse_chinese_numeral(text) or None


NumberStyle = Literal["part", "chinese", "paren_chinese", "arabic", "paren_arabic"]

_NUMBERING: tuple[tuple[NumberStyle, re.Pattern[str]], ...] = (
    ("part", re.compile(f"^第({CHINESE_NUMERAL})部分")),
    ("chinese", re.compile(f"^({CHINESE_NUMERAL})[、．.]")),
    ("paren_chinese", re.compile(f"^[（(]({CHINESE_NUMERAL})[）)]")),
    ("paren_arabic", re.compile(r"^[（(](\d{1,3})[）)]")),
    ("arabic", re.compile(r"^(\d{1,3})(?:[、．]|\.(?!\d))")),
)


def numbering(text: str) -> tuple[NumberStyle, int] | None:
    """The numbering a heading or paragraph starts with: ``九、`` → (chinese, 9), ``（三）`` → (paren_chinese, 3)."""
    head = compact(text.lstrip())
    for style, pattern in _NUMBERING:
        m = pattern.match(head)
        if m:
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else chinese_to_int(raw)
            if n is not None:
                return style, n
    return None


# ── years ──────────────────────────────────────────────────────────────────────────────────────

YearKind = Literal["free", "document", "policy", "since", "range", "horizon"]


@dataclass(frozen=True, slots=True)
class YearMention:
    year: int
    start: int
    end: int
    kind: YearKind
    """``free`` (a year the text talks about), or a use that says nothing about the budget year:
    ``document`` (文号 〔2019〕64号), ``policy`` (a clause citing a policy or reform), ``since``
    (自2018年起), ``range`` (2021—2025年) or ``horizon`` (到2025年)."""
    forward: bool
    """The clause looks ahead (力争, 计划, 预计, 目标 …): only the budget year or later belongs there."""
    clause: str


_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d.])")
_DOC_OPEN = "〔［[【(（"
_DOC_CLOSE = "〕］]】)）"
_RANGE_SEP = "-—–～~至到"
POLICY_MARKERS = ("《", "》", "印发", "发布", "出台", "颁布", "通知", "文件", "改革", "号文", "〔", "批复", "实施方案")
FORWARD_MARKERS = ("力争", "争取", "计划", "预计", "目标", "确保", "拟于", "拟在")


_ANY_YEAR = re.compile(r"(?:19|20)\d\d|[１２][０９]")


def find_years(text: str) -> list[YearMention]:
    """Every year written as a year (``2024年``, ``2024年度``, ``〔2019〕``, ``2021—2025年``) in ``text``."""
    if not _ANY_YEAR.search(text):
        return []
    text = compact(text)
    out: list[YearMention] = []
    for m in _YEAR.finditer(text):
        start, end = m.span()
        year = int(m.group(1))
        before = text[start - 1] if start else ""
        after = text[end:end + 1]
        clause = clause_at(text, start, end)
        if before and before in _DOC_OPEN and after and after in _DOC_CLOSE:
            kind: YearKind = "document"
        elif after and after in _DOC_CLOSE and text[end + 1:end + 6].lstrip().startswith(tuple("0123456789")):
            kind = "document"
        elif (after and after in _RANGE_SEP and _YEAR.match(text, end + 1) is not None) or (
                before and before in _RANGE_SEP and start >= 5 and _YEAR.fullmatch(text, start - 5, start - 1)):
            kind = "range"
        elif after != "年":
            continue  # a code, a date written 2020/1/1, a number: not a year mention
        elif re.match(r"年(?:度)?(?:起|以来|开始|以后|至今)", text[end:end + 4]) or text[max(0, start - 1):start] in (
                "自", "从"):
            kind = "since"
        elif any(marker in clause for marker in POLICY_MARKERS):
            kind = "policy"
        elif re.search(r"(?:到|至|截至|截止)$", text[max(0, start - 2):start]):
            kind = "horizon"
        else:
            kind = "free"
        forward = any(marker in clause for marker in FORWARD_MARKERS)
        out.append(YearMention(year, start, end, kind, forward, clause))
    return out


def misplaced_years(text: str, year: int) -> list[YearMention]:
    """Years in narrative ``text`` that do not belong in a budget for ``year``.

    Allowed: the budget year; the prior year as a comparison or a date (比2023年, 截至2023年末) but not
    in a clause that looks ahead (力争2023年…); later years as a horizon (到2025年).  Document numbers,
    policy citations, ``自2018年起`` and ranges are not statements about the budget and are ignored.
    """
    out: list[YearMention] = []
    for mention in find_years(text):
        if mention.kind in ("document", "policy", "since", "range"):
            continue
        if mention.year == year:
            continue
        if mention.kind == "horizon" and mention.year > year:
            continue
        if mention.year == year - 1 and not mention.forward:
            continue
        out.append(mention)
    return out


def years_in_title(text: str) -> list[int]:
    """Years a table title or column header is dated with (document numbers left out)."""
    return [m.year for m in find_years(text) if m.kind != "document"]


# ── figures ────────────────────────────────────────────────────────────────────────────────────

FigureKind = Literal["amount", "percent", "share", "change_amount", "change_percent", "direction"]

UNIT_FEN: dict[str, int] = {"元": 100, "万元": 1_000_000, "亿元": 10_000_000_000}

INCREASE_WORDS = ("增加", "增长", "新增", "上升", "提高", "增多", "上涨", "增")
DECREASE_WORDS = ("减少", "下降", "降低", "减", "压减", "缩减", "下调")
FLAT_WORDS = ("持平", "无变化", "没有变化", "保持不变", "无增减", "没有增减")


def direction_of(word: str) -> int | None:
    """+1 for an increase word, -1 for a decrease word, 0 for 持平-like words, ``None`` otherwise."""
    w = word.strip()
    if not w or "（" in w or "(" in w or "/" in w or w in ("增减", "增（减）"):
        return None
    if w in FLAT_WORDS:
        return 0
    if w in INCREASE_WORDS:
        return 1
    if w in DECREASE_WORDS:
        return -1
    return None


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure printed in a sentence, with what the words around it say it is."""

    kind: FigureKind
    value: Decimal
    """As printed (unsigned); 0 for a direction word."""
    text: str
    """The number as printed (``504.11``), or the direction word."""
    unit: str
    """``万元``/``元``/``亿元`` for money, ``%`` for percents, ``""`` for a direction word."""
    sign: int | None
    """For changes: +1/-1/0 by the direction word (0 when the figure is 0); ``None`` when unknown."""
    start: int
    end: int
    word: str = ""
    """The direction word before a change figure (``增加``, ``增加（减少）`` …)."""

    @property
    def decimals(self) -> int:
        return len(self.text.split(".", 1)[1]) if "." in self.text else 0

    @property
    def signed(self) -> Decimal:
        return -self.value if self.sign == -1 else self.value


_NUMBER = re.compile(r"(?<![\d.A-Za-z])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|亿元|元|%)")
"""A printed amount or percent; thousands separators (``3,096.24万元``) are part of the number."""
_CHANGE_WORD = re.compile(
    r"(?P<base>增加|减少|新增|增减|增长|下降|降低|上升|提高|减|增)"
    r"(?P<alt>[（(](?:增加|减少|增长|下降|减|增)[）)]|[/／](?:减少|下降|增加|增长))?(?:了|约|为|达|共)?$")
_SHARE_BEFORE = re.compile(r"(?:占|比重|占比)[^，。；,;0-9]{0,14}$")
_FLAT = re.compile("|".join(sorted(FLAT_WORDS, key=len, reverse=True)))


def find_figures(text: str) -> list[Figure]:
    """Amounts, percents and change phrases of ``text`` (already :func:`compact` -ed), in order.

    ``增加61.40万元`` is a change amount, ``下降22.64%`` a change percent, ``占92.66%`` a share,
    ``与2023年持平`` a direction (sign 0); other numbers with 元/万元/% are plain amounts and percents.
    A change whose direction word is left as a choice (``增加（减少）``, ``增减``) has no sign.
    """
    figures: list[Figure] = []
    for m in _NUMBER.finditer(text):
        number, unit = m.group(1), m.group(2)
        start = m.start()
        value = Decimal(number.replace(",", ""))
        word_match = _CHANGE_WORD.search(text, max(0, start - 12), start)
        if word_match:
            base = word_match.group("base")
            sign = 0 if value == 0 else None if word_match.group("alt") else direction_of(base)
            kind: FigureKind = "change_percent" if unit == "%" else "change_amount"
            figures.append(Figure(kind, value, number, unit, sign, start, m.end(), word_match.group(0)))
        elif unit == "%" and _SHARE_BEFORE.search(text, clause_start(text, start), start):
            figures.append(Figure("share", value, number, unit, None, start, m.end()))
        else:
            figures.append(Figure("percent" if unit == "%" else "amount", value, number, unit, None, start, m.end()))
    for m in _FLAT.finditer(text):
        figures.append(Figure("direction", Decimal(0), m.group(), "", 0, m.start(), m.end(), m.group()))
    figures.sort(key=lambda f: f.start)
    return figures


def to_fen(value: Decimal, unit: str) -> int:
    """A printed amount in 分."""
    return int((value * UNIT_FEN[unit]).to_integral_value())


# ── names ──────────────────────────────────────────────────────────────────────────────────────


SOURCE_QUALIFIER = re.compile(r"(?:资金|拨款|预算|基金|收费|事业|经营|其他|专户|补助|上缴|结转|结余)$")
"""The end of a source's name (财政专户管理资金, 一般公共预算, 政府性基金 …) right before a total's name."""


def last_term(text: str, terms: Mapping[str, str], whole: Container[str] = ()) -> str | None:
    """The value of the last of ``terms`` (read left to right, longest first) occurring in ``text``.

    A term in ``whole`` names a total of the whole budget (收入预算总计); printed right after a source's
    name (``财政专户管理资金收入预算总计``, ``一般公共预算收入预算``) it is that source's total, not the
    budget's, and is passed over.
    """
    found = last_term_span(text, terms, whole)
    return found[0] if found is not None else None


def last_term_span(text: str, terms: Mapping[str, str], whole: Container[str] = ()) -> tuple[str, int] | None:
    """(value, end offset) of the last term of ``text``, as :func:`last_term` reads it."""
    if not terms:
        return None
    pattern = _term_pattern(tuple(sorted(terms, key=len, reverse=True)))
    found = None
    for m in pattern.finditer(text):
        if m.group() in whole and SOURCE_QUALIFIER.search(text, 0, m.start()):
            continue
        found = terms[m.group()], m.end()
    return found


_TERM_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _TERM_CACHE.get(terms)
    if pattern is None:
        pattern = _TERM_CACHE[terms] = re.compile("|".join(re.escape(t) for t in terms))
    return pattern


def is_abbreviation(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` with characters left out (济源市政府金融办公室 of 济源市人民政府金融服务办公室)."""
    if not short or len(short) >= len(full):
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


ORG_SUFFIX = re.compile(r"(?:局|办公室|委员会|委|厅|办|中心|院|所|站|队|部|馆|社|处|会|署|府|团|校)$")


# ── wording problems ───────────────────────────────────────────────────────────────────────────

_PLACEHOLDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("未选定的增减词", re.compile(r"(?:增加|增长|增|上升)\s*[（(/／]\s*(?:减少|下降|减|降低)\s*[）)]?")),
    ("未选定的增减词", re.compile(r"增减(?=\s*\d)")),
    ("未填写的数字", re.compile(r"(?<![A-Za-z])(?:[XＸxｘ×]{2,}|[*＊]{2,}|[?？]{2,})(?![A-Za-z])")),
    ("待填写内容", re.compile(r"待填写|待补充|待完善|请填写|尚未填写|此处填写|填写说明")),
    ("模板括注", re.compile(r"【[^】0-9０-９]{1,30}】")),
    ("模板占位符", re.compile(r"\{[A-Za-z_][A-Za-z0-9_.]*\}")),
    ("“无”却写出 0 元",
     re.compile(r"(?:无(?!形|偿|息|线)|未安排|没有|不涉及)[^，。；,;：:0-9]{0,20}?0(?:\.0+)?(?:万元|元)")),
)


def placeholders(text: str) -> list[tuple[str, str, int]]:
    """(what, matched text, offset) of every template placeholder left in ``text`` (compacted)."""
    out: list[tuple[str, str, int]] = []
    taken: list[tuple[int, int]] = []
    for what, pattern in _PLACEHOLDERS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            out.append((what, m.group(), m.start()))
    out.sort(key=lambda x: x[2])
    return out


def doubled_punctuation(text: str) -> Iterator[tuple[str, int]]:
    """(marks, offset) of each run of doubled punctuation (``。。``, ``，，``, ``、、``, ``，。`` …)."""
    for m in re.finditer(r"[，、；：。,;](?:[，、；。,;])+", text):
        yield m.group(), m.start()


_ZERO_CHANGE = re.compile(r"(增加|减少|增长|下降|增减|降低|上升)了?(0(?:\.0+)?)(?![\d.])(万元|亿元|元|%)")


def zero_changes(text: str) -> Iterator[tuple[str, int]]:
    """(phrase, offset) of each ``增加0万元`` / ``下降0%`` — no change, worded as a change."""
    for m in _ZERO_CHANGE.finditer(text):
        yield m.group(), m.start()


REASON_WORDS = re.compile(r"原因|由于|因为|主要是|系因|鉴于")


# ── what a heading is about ────────────────────────────────────────────────────────────────────

_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("three_public", re.compile(r"三公")),
    ("procurement", re.compile(r"政府采购")),
    ("operating_funds", re.compile(r"运行经费|运转经费")),
    ("government_fund", re.compile(r"政府性基金")),
    ("basic", re.compile(r"基本支出")),
    ("econ", re.compile(r"经济分类")),
    ("general_public", re.compile(r"一般公共预算.*支出")),
    ("fiscal", re.compile(r"财政拨款")),
    ("overview", re.compile(r"(?:收入支出|收支).*总体|总体.*收支|预算编制说明")),
    ("income", re.compile(r"收入")),
    ("expenditure", re.compile(r"支出")),
    ("assets", re.compile(r"国有资产|资产占用")),
    ("performance", re.compile(r"绩效")),
    ("transfer_payments", re.compile(r"转移支付")),
    ("duties", re.compile(r"职责|职能")),
    ("units", re.compile(r"单位构成|预算单位")),
    ("glossary", re.compile(r"名词解释")),
)

FIGURE_SECTIONS = frozenset({  # narrative section ids the generator writes (Paragraph.section)
    "overview", "income", "expenditure", "fiscal", "general_public", "basic", "three_public", "government_fund",
    "operating_funds", "procurement", "econ", "assets", "performance", "transfer_payments", "duties", "units",
    "organization", "glossary", "other",
})


def topic_of(heading: str) -> str:
    """What a narrative heading is about (``three_public``, ``fiscal`` …), or ``""``."""
    text = compact(heading)
    for topic, pattern in _TOPICS:
        if pattern.search(text):
            return topic
    return ""
