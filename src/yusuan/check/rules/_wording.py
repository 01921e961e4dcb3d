"""Scanners behind rules N430+ and C330: doubled words, bare years, links, unfinished sentences,
loosely printed amounts, sections without figures, and former names of functional classes.

Pure functions over strings (and a small table of former class names), kept apart from
:mod:`yusuan.check.rules._text`, which other families share.  Narrative text is read
:func:`~yusuan.check.rules._text.compact` -ed unless a function says otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from yusuan.check.rules import _text as tx
from yusuan.numerals import CHINESE_NUMERAL

# ── doubled words ──────────────────────────────────────────────────────────────────────────────

_HAN = "\u4e00-\u9fff"
_DOUBLED_WORD = re.compile(f"([{_HAN}]{{2,4}})\\1")
_DOUBLED_DE = re.compile("的的")

REDUPLICATED_VERBS = frozenset({
    "研究", "学习", "商量", "考虑", "讨论", "了解", "休息", "整理", "收拾", "打扫", "检查", "活动", "比较",
    "锻炼", "体验", "交流", "沟通", "总结", "梳理", "熟悉", "琢磨", "思考", "介绍", "说明", "调查",
})
"""ABAB forms a writer may mean (研究研究): informal, but not a doubled word."""


def doubled_words(text: str) -> Iterator[tuple[str, int]]:
    """(doubled text, offset) of each word printed twice in a row: ``斗争斗争``, ``的的``.

    Reduplication Chinese uses on purpose is left alone: single characters (常常, 人人, 年年,
    紧紧) other than ``的``; ``的的确确`` and ``目的的``/``标的的``; ``一步一步``-like counts; ABAB
    verb forms (研究研究); and anything that is not Han characters (numbers, codes).
    """
    for m in _DOUBLED_WORD.finditer(text):
        unit = m.group(1)
        if unit[0] == "一" or len(set(unit)) == 1 or unit in REDUPLICATED_VERBS:
            continue
        yield m.group(), m.start()
    for m in _DOUBLED_DE.finditer(text):
        start = m.start()
        before = text[start - 1:start]
        after = text[m.end():m.end() + 2]
        if before in ("目", "标", "有") or after == "确确":
            continue
        yield m.group(), start


# ── a year without 年 ──────────────────────────────────────────────────────────────────────────

_BARE_YEAR = re.compile(
    r"(?P<lead>与|比|较|同|和|跟)(?P<year>(?:19|20)\d{2})(?![\d年.%])"
    r"(?P<tail>增加|增长|减少|下降|上升|提高|降低|相比|比较|同期|持平|相同|一致|基本|略|增|减)")


@dataclass(frozen=True, slots=True)
class BareYear:
    year: int
    text: str
    """As printed (``与2019持平``)."""
    fixed: str
    """With 年 added (``与2019年持平``)."""
    start: int


def bare_years(text: str) -> list[BareYear]:
    """Comparisons with a year written without 年 (``与2019持平``, ``比2023增加``) in ``text`` (compacted)."""
    out: list[BareYear] = []
    for m in _BARE_YEAR.finditer(text):
        lead, year, tail = m.group("lead"), m.group("year"), m.group("tail")
        out.append(BareYear(int(year), m.group(), f"{lead}{year}年{tail}", m.start()))
    return out


# ── links and file paths ───────────────────────────────────────────────────────────────────────

_FILE_EXT = r"(?:docx?|xlsx?|wps|et|pdf|txt|zip|rar|html?|aspx?|jsp|php)"
_LINK = re.compile(
    r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+"
    r"|(?<![A-Za-z0-9@.])www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:/[A-Za-z0-9\-._~/?#@!$&'*+,;=%]*)?"
    r"|(?<![A-Za-z0-9])[A-Za-z]:[\\/][^\s，。；、“”]+"
    rf"|(?<![A-Za-z0-9])(?:[\w\-.]+/)+[\w\-.]+\.{_FILE_EXT}\b"
    rf"|(?<![\w.])[\w\-（）()]+\.{_FILE_EXT}(?![A-Za-z0-9])",
    re.IGNORECASE,
)


_LATIN = re.compile(r"[A-Za-z]")


def links(text: str) -> list[tuple[str, int]]:
    """(link, offset) of every web address or file path in ``text`` (as printed, not compacted)."""
    if not _LATIN.search(text):
        return []
    return [(m.group().rstrip(".,;:)"), m.start()) for m in _LINK.finditer(text)]


# ── unfinished sentences ───────────────────────────────────────────────────────────────────────

_TERMINAL = "。！？；：…!?;:．"
_CLOSERS = "”’」』\"'"
_DATE = re.compile(r"^\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?$|^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?$")
_INNER_PUNCT = re.compile(r"[，,、；;：:。]")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
MIN_SENTENCE = 15
"""Shorter paragraphs are captions, labels or signatures rather than sentences."""


def unfinished(text: str) -> bool:
    """Whether a body paragraph ends without sentence punctuation (。！？；：…) where a sentence should end.

    Not a sentence, so never unfinished: short lines (captions, signatures), dates, lines that are
    mostly figures (a table printed as text), links, and numbered lines with no punctuation inside
    (headings or list entries printed as paragraphs).
    """
    body = tx.compact(text.strip())
    end = body.rstrip(_CLOSERS)
    if not end or end[-1] in _TERMINAL:
        return False
    if end[-1] in "）)" and (end[0] in "（(" or end[-2:-1] in tuple(_TERMINAL)):
        return False
    if len(body) < MIN_SENTENCE or _DATE.match(body) or links(text):
        return False
    if "\t" in text or len(re.findall(r"\s{2,}", text.strip())) >= 2:
        return False
    digits = sum(ch.isdigit() for ch in body)
    if digits * 5 > len(body) * 2:
        return False
    return tx.numbering(body) is None or bool(_INNER_PUNCT.search(_BRACKETED.sub("", body)))


# ── amounts printed with too few decimals ──────────────────────────────────────────────────────

_THRESHOLD_AFTER = ("以上", "以下", "以内", "及以上", "及以下", "左右", "起")
_THRESHOLD_BEFORE = re.compile(r"(?:单价|单位价值|价值|标准|限额|不超过|不低于|超过|低于)[^，。；,;]{0,4}$")


def loose_amounts(text: str, unit: str, decimals: int) -> list[tuple[str, int]]:
    """(printed figure, offset) of amounts in ``unit`` printed with other than ``decimals`` decimals.

    ``text`` is compacted.  Zeros (``0 万元``) are left alone, and so are thresholds rather than
    budget figures (``单价50万元以上``).
    """
    out: list[tuple[str, int]] = []
    for figure in tx.find_figures(text):
        if figure.kind not in ("amount", "change_amount") or figure.unit != unit or figure.value == 0:
            continue
        if figure.decimals == decimals:
            continue
        if text.startswith(_THRESHOLD_AFTER, figure.end) or _THRESHOLD_BEFORE.search(text, 0, figure.start):
            continue
        out.append((figure.text, figure.start))
    return out


# ── sections that should state figures ─────────────────────────────────────────────────────────

FIGURE_TOPICS = frozenset({"overview", "income", "expenditure", "fiscal", "general_public", "basic",
                           "three_public", "government_fund", "econ", "operating_funds", "procurement"})
"""Narrative sections about the budget's figures (not 职责, 机构, 绩效, 资产, 名词解释 …)."""

_NOTHING = re.compile(r"无|未安排|未设|没有|不涉及|不安排|为零|零元|空表")
_FIGURE = re.compile(r"\d(?:[\d.,]*)\s*(?:万元|亿元|元|%|％)")


def states_figure(text: str) -> bool:
    """Whether ``text`` (compacted) states an amount or a percentage, or that there is none (无…)."""
    return bool(_FIGURE.search(text) or _NOTHING.search(text))


# ── printed names ──────────────────────────────────────────────────────────────────────────────

_NUMBERING_PREFIX = re.compile(
    rf"^(?:其中[:：]?)?(?:[（(]?(?:{CHINESE_NUMERAL}|\d{{1,3}})[）)]|(?:{CHINESE_NUMERAL}|\d{{1,3}})[、.．])?")
_QUOTES = re.compile("[“”\"'‘’]")


def bare_name(text: str) -> str:
    """A printed name without numbering, quotes or spaces, width-folded (``（九）卫生 健康支出`` → ``卫生健康支出``)."""
    name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    name = _NUMBERING_PREFIX.sub("", name, count=1)
    return _QUOTES.sub("", name)


def class_key(name: str) -> str:
    """A functional class name for comparison: bare, without ``（类）`` and a final ``支出``."""
    key = bare_name(name).replace("(类)", "")
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key


@dataclass(frozen=True, slots=True)
class FormerName:
    code: str
    name: str
    until: int | None
    """Last budget year the name was official (``None``: not known; never accepted then)."""


FORMER_CLASS_NAMES: tuple[FormerName, ...] = (
    FormerName("207", "文化体育与传媒支出", 2018),
    FormerName("210", "医疗卫生与计划生育支出", 2018),
    FormerName("210", "医疗卫生支出", None),
    FormerName("211", "环境保护支出", None),
    FormerName("212", "城乡社区事务", None),
    FormerName("213", "农林水事务", None),
    FormerName("215", "资源勘探信息等支出", 2020),
    FormerName("215", "资源勘探电力信息等事务", None),
    FormerName("216", "商业服务业等事务", None),
    FormerName("220", "国土海洋气象等支出", 2018),
    FormerName("220", "国土资源气象等事务", None),
    FormerName("222", "粮油物资储备管理事务", None),
)
"""Names functional classes had in earlier editions of 政府收支分类科目.

The 2019 edition renamed 207, 210 and 220; 资源勘探信息等支出 is still printed in official 2018–2020
templates (江苏 2018, 河南 2020), so it is accepted up to 2020.  Names without a year are never accepted.
"""

_FORMER_BY_KEY = {class_key(f.name): f for f in FORMER_CLASS_NAMES}


def former_class_name(name: str) -> FormerName | None:
    return _FORMER_BY_KEY.get(class_key(name))
