"""Family M: completeness — every table and narrative topic a disclosure must have (财预〔2016〕143号).

Tables are found by their role id, topics by the words of their headings, so the rules work on
the narrative yusuan writes and on one imported from a published PDF alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.registry import Finding, rule
from yusuan.check.rules import _text as tx
from yusuan.check.rules._memo import memo
from yusuan.check.rules._statements import metric_name, reading
from yusuan.compute.model import Table
from yusuan.document.model import Heading, Paragraph

REQUIRED_TABLES: dict[str, str] = {
    "income_expenditure_summary": "部门收支总体情况表",
    "income_summary": "部门收入总体情况表",
    "expenditure_summary": "部门支出总体情况表",
    "fiscal_summary": "财政拨款收支总体情况表",
    "general_public_expenditure": "一般公共预算支出情况表",
    "general_public_basic": "一般公共预算基本支出表",
    "three_public": "一般公共预算“三公”经费支出表",
    "government_fund_expenditure": "政府性基金预算支出表",
}
"""The tables 财预〔2016〕143号 requires of every department, by role id."""


# ── the narrative by section ──────────────────────────────────────────────────────────────────


@dataclass
class Part:
    """A heading with every paragraph under it (its sub-sections' included)."""

    heading: Heading
    topic: str
    paragraphs: list[tuple[int, Paragraph]] = field(default_factory=list)
    child_headings: list[Heading] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([tx.compact(h.text) for h in self.child_headings]
                         + [tx.compact(p.text) for _n, p in self.paragraphs])

    def substantive(self) -> list[tuple[int, Paragraph]]:
        """Paragraphs that say something (not the generator's “尚未填写” note, not blank)."""
        return [(n, p) for n, p in self.paragraphs
                if len(p.text.strip()) >= 6 and not re.search(r"尚未填写|待填写|待补充", p.text)]


def parts(ctx: CheckContext) -> list[Part]:
    """Every heading of the document with what is printed under it, in order."""
    return memo(ctx, "parts", _parts)


def _parts(ctx: CheckContext) -> list[Part]:
    out: list[Part] = []
    stack: list[Part] = []
    number = 0
    for block in ctx.document.blocks():
        if isinstance(block, Heading):
            while stack and stack[-1].heading.level >= block.level:
                stack.pop()
            part = Part(block, tx.topic_of(block.text))
            for open_part in stack:
                open_part.child_headings.append(block)
            stack.append(part)
            out.append(part)
        elif isinstance(block, Paragraph):
            number += 1
            for open_part in stack:
                open_part.paragraphs.append((number, block))
    return out


def _of(ctx: CheckContext, topic: str) -> list[Part]:
    return [p for p in parts(ctx) if p.topic == topic]


def _explanation_part(ctx: CheckContext) -> Location:
    """Where a missing topic belongs: the 情况说明 part, else the whole document."""
    heading = next((h for h in ctx.document.headings(toc_only=False) if h.level == 1 and "说明" in h.text), None)
    return Location(section=heading.text) if heading is not None else Location()


def _topic_part(ctx: CheckContext, topic: str) -> Part | None:
    """The first part of the narrative on ``topic`` (``None`` when there is none)."""
    return next(iter(_of(ctx, topic)), None)


def _topic_location(ctx: CheckContext, topic: str) -> Location:
    """The heading of the first part on ``topic``, else where a missing topic belongs."""
    section = _topic_part(ctx, topic)
    return Location(section=section.heading.text) if section is not None else _explanation_part(ctx)


def _unexplained_change(ctx: CheckContext, where: Location, name: str, change: tuple[int, int]) -> Finding:
    """A finding at ``where`` that ``name`` changed from ``change``'s prior to its current figure unexplained."""
    current, prior = change
    return Finding(where, {"name": name, "word": "增加" if current > prior else "减少",
                           "amount": f" {ctx.fmt(abs(current - prior))} {ctx.money_unit.value}"})


def narrative_only(ctx: CheckContext) -> bool:
    """An imported file with a narrative and no table (江苏 publishes 说明 and 公开表 as separate PDFs)."""
    return ctx.origin == "imported" and not ctx.tables


def tables_only(ctx: CheckContext) -> bool:
    """An imported file with tables and no narrative at all (the 公开表 of a split disclosure)."""
    return ctx.origin == "imported" and not any(
        isinstance(block, Heading | Paragraph) for block in ctx.document.blocks())


_MENTIONS: dict[str, re.Pattern[str]] = {
    "income": re.compile(r"收入预算"),
    "expenditure": re.compile(r"支出预算"),
    "fiscal": re.compile(r"财政拨款(?:收入|支出|收支)"),
    "general_public": re.compile(r"一般公共预算(?:财政)?(?:拨款)?支出"),
    "basic": re.compile(r"基本支出"),
    "three_public": re.compile(r"三公"),
    "government_fund": re.compile(r"政府性基金"),
    "operating_funds": re.compile(r"机关运行经费"),
    "procurement": re.compile(r"政府采购"),
    "assets": re.compile(r"国有资产|资产占用|资产总额"),
    "performance": re.compile(r"绩效目标"),
    "units": re.compile(r"预算单位|单位构成"),
}
"""What a paragraph of an imported narrative says when it speaks of a topic without a heading of its own."""


def mentioned(ctx: CheckContext) -> set[str]:
    """Topics an imported narrative speaks of in its paragraphs (名词解释 left out: a definition explains nothing)."""
    return memo(ctx, "mentioned-topics", _mentioned)


def _mentioned(ctx: CheckContext) -> set[str]:
    found: set[str] = set()
    for _n, heading, paragraph in ctx.paragraphs():
        if paragraph.section == "glossary" or (heading is not None and tx.topic_of(heading.text) == "glossary"):
            continue
        text = tx.compact(paragraph.text)
        found |= {topic for topic, pattern in _MENTIONS.items() if pattern.search(text)}
    return found


def _first_part(ctx: CheckContext) -> Location:
    heading = next((h for h in ctx.document.headings(toc_only=False) if h.level == 1), None)
    return Location(section=heading.text) if heading is not None else Location()


# ── M501–M504: tables ─────────────────────────────────────────────────────────────────────────


def _present(ctx: CheckContext, table_id: str) -> bool:
    return any(t.id == table_id or t.id.startswith(table_id + ":") for t in ctx.tables)


@rule(
    code="M501", slug="required-table-present", severity="error", tier="basic",
    title="必须公开的表格齐全",
    message="缺少{name}",
    hint="模板规定的每张表都要公开（没有数据的表也要公开，并附空表说明）；没有模板时按财预〔2016〕143号，"
         "须公开收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、"
         "“三公”经费支出表和政府性基金预算支出表。",
    tags=("表格",), needs=(),
)
def required_table_present(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.pack is not None:
        required = {spec.id: (ctx.pack.number_format.format(n=spec.number) if spec.number is not None else "",
                              spec.title.replace("{year}", str(ctx.year)).replace("{department}", ctx.department))
                    for spec in ctx.pack.tables}
    else:
        required = {table_id: ("", title) for table_id, title in REQUIRED_TABLES.items()}
    if narrative_only(ctx):
        return  # the tables were published as a file of their own: the import says so once
    for table_id, (code, title) in required.items():
        if not _present(ctx, table_id):
            name = f"{code}「{title}」"
            yield Finding(Location(table_id=table_id, table_code=code or None, table_title=title), {"name": name},
                          expected=name, actual="无")


@rule(
    code="M514", slug="template-has-required-tables", severity="notice", tier="advisory",
    title="模板包含143号文要求的表格",
    message="所用模板没有财预〔2016〕143号要求公开的「{name}」",
    hint="若本地区模板确实以其他表格反映该内容可不理会；否则应在模板中补上这张表。",
    tags=("表格",), needs=("pack",),
)
def template_has_required_tables(ctx: CheckContext) -> Iterator[Finding]:
    assert ctx.pack is not None
    declared = {spec.id for spec in ctx.pack.tables}
    for table_id, title in REQUIRED_TABLES.items():
        if table_id not in declared:
            yield Finding(Location(table_id=table_id, table_title=title), {"name": title}, expected=title, actual="无")


def _title_key(table: Table) -> str:
    return re.sub(r"\s+", "", table.title)


@rule(
    code="M502", slug="table-printed-once", severity="error", tier="basic",
    title="同一张表只公开一次",
    message="与{previous}重复",
    hint="删去重复的表格，并核对是否因此漏掉了本应在此处的表格。",
    tags=("表格",), needs=("tables",),
)
def table_printed_once(ctx: CheckContext) -> Iterator[Finding]:
    tables = ctx.tables
    for index, first in _duplicates(ctx).items():
        table = tables[index]
        yield Finding(ctx.at_table(table), {"previous": first.full_title or first.id}, actual=table.full_title)


def _duplicates(ctx: CheckContext) -> dict[int, Table]:
    """Position of each repeated table in the document → the table it repeats."""
    by_id: dict[str, Table] = {}
    by_title: dict[str, Table] = {}
    out: dict[int, Table] = {}
    for index, table in enumerate(ctx.tables):
        key = _title_key(table)
        first = by_id.get(table.id) or (by_title.get(key) if key else None)
        if first is not None:
            out[index] = first
            continue
        by_id[table.id] = table
        if key:
            by_title[key] = table
    return out


_TABLE_NUMBER = re.compile(r"(\d{1,3})\s*表|表\s*(\d{1,3})")


def _table_number(code: str) -> int | None:
    m = _TABLE_NUMBER.search(tx.compact(code))
    if m is None:
        return None
    return int(m.group(1) or m.group(2))


@rule(
    code="M503", slug="table-numbering-sequential", severity="warning", tier="strict",
    title="表格编号连续",
    message="表号不连续：此处应为第 {expected} 号表，实为第 {actual} 号",
    hint="按公开顺序连续编号（预算01表、预算02表……），检查是否漏表、重号或顺序颠倒。",
    tags=("表格",), needs=("tables",),
)
def table_numbering_sequential(ctx: CheckContext) -> Iterator[Finding]:
    repeated = _duplicates(ctx)
    last = position = 0
    for index, table in enumerate(ctx.tables):
        if index in repeated:
            continue
        n = _table_number(table.code)
        if n is None:
            continue
        position += 1
        if n not in (last + 1, position):  # one slip is one issue: a gap is reported once, not at every table after it
            yield Finding(ctx.at_table(table), expected=f"{last + 1:02d}", actual=f"{n:02d}")
        last = n


@rule(
    code="M504", slug="empty-table-has-statement", severity="warning", tier="basic",
    title="空表附有说明",
    message="本表没有数据，但未说明原因（如“本部门没有……，本表无数据”）",
    hint="无数据的表格也要公开，并在表下注明原因。",
    tags=("表格",), needs=("tables",),
)
def empty_table_has_statement(ctx: CheckContext) -> Iterator[Finding]:
    for table in ctx.tables:
        if table.is_empty and not table.empty_statement.strip():
            yield Finding(ctx.at_table(table))


# ── M505–M513: the narrative ──────────────────────────────────────────────────────────────────


def _has_basic(ctx: CheckContext) -> bool:
    basic = reading(ctx).data.current("basic")
    if basic is not None:
        return basic != 0
    table = ctx.table("general_public_basic")
    return table is not None and not table.is_empty


_TABLE_BY_TABLE = frozenset({"income", "expenditure", "fiscal", "general_public", "basic"})


def _basic_required(ctx: CheckContext) -> bool:
    """基本支出 is explained when there is any, except in an imported single 编制说明.

    A narrative that explains the budget in one combined part (上海: 部门预算编制说明 — totals, income,
    expenditure, 财政拨款 and its main items) instead of table by table has no place for it, and
    财预〔2016〕143号 does not name it among the matters to explain.
    """
    if not _has_basic(ctx):
        return False
    if ctx.origin != "imported":
        return True
    topics = {p.topic for p in parts(ctx)}
    return "overview" not in topics or bool(topics & _TABLE_BY_TABLE)


TOPICS: tuple[tuple[str, str, Callable[[CheckContext], bool]], ...] = (
    ("overview", "收支预算总体情况", lambda ctx: True),
    ("income", "收入预算情况", lambda ctx: True),
    ("expenditure", "支出预算情况", lambda ctx: True),
    ("fiscal", "财政拨款收支情况", lambda ctx: True),
    ("general_public", "一般公共预算支出情况", lambda ctx: True),
    ("basic", "一般公共预算基本支出情况", _basic_required),
    ("three_public", "“三公”经费支出情况", lambda ctx: True),
    ("government_fund", "政府性基金预算支出情况", lambda ctx: True),
    ("operating_funds", "机关运行经费情况", lambda ctx: True),
    ("procurement", "政府采购情况", lambda ctx: True),
    ("assets", "国有资产占用情况", lambda ctx: True),
    ("performance", "绩效目标设置情况", lambda ctx: True),
)
"""Narrative topics 143号 requires, with when they are required (基本支出: only when there is any)."""


@rule(
    code="M505", slug="required-topic-present", severity="error", tier="basic",
    title="必须说明的事项齐全",
    message="情况说明缺少“{topic}”",
    hint="按财预〔2016〕143号，情况说明应逐项说明收支总体、收入、支出、财政拨款收支、一般公共预算支出、基本支出、"
         "“三公”经费、政府性基金、机关运行经费、政府采购、国有资产占用和绩效目标；不涉及的也应写明。",
    tags=("说明",), needs=(),
)
def required_topic_present(ctx: CheckContext) -> Iterator[Finding]:
    if tables_only(ctx):
        return  # the narrative was published as a file of its own: the import says so once
    found = {p.topic for p in parts(ctx)}
    if ctx.origin == "imported":
        found |= mentioned(ctx)  # a topic told in a paragraph of a combined section (上海 编制说明)
    for topic, name, required in TOPICS:
        if topic not in found and required(ctx):
            yield Finding(_explanation_part(ctx), {"topic": name}, expected=name, actual="无")


_THREE_PUBLIC_ITEMS = (
    ("因公出国（境）费", re.compile(r"因公出国[（(]?境?[）)]?")),
    ("公务接待费", re.compile(r"公务接待")),
    ("公务用车购置及运行费", re.compile(r"公务用车|车辆")),
)
_VEHICLE_PARTS = (
    ("公务用车购置费", re.compile(r"购置(?!及|和|与)")),
    ("公务用车运行维护费", re.compile(r"运行维护|(?<![及和与])运行费")),
)


@rule(
    code="M506", slug="three-public-items-explained", severity="error", tier="basic",
    title="“三公”经费逐项说明",
    message="“三公”经费说明未提及“{item}”",
    hint="“三公”经费应分因公出国（境）费、公务接待费、公务用车购置及运行费（购置费和运行维护费）逐项说明；没有安排的写明“未安排”。",
    tags=("三公",), needs=(),
)
def three_public_items_explained(ctx: CheckContext) -> Iterator[Finding]:
    section = _topic_part(ctx, "three_public")
    if section is None:
        return
    text = section.text
    items = list(_THREE_PUBLIC_ITEMS)
    vehicles = reading(ctx).data.current("vehicles")
    if vehicles:
        items += _VEHICLE_PARTS
    for name, pattern in items:
        if not pattern.search(text):
            yield Finding(Location(section=section.heading.text), {"item": name}, expected=name, actual="未提及")


def _text_key(ctx: CheckContext, kind: str, default: str) -> str:
    """The entered-text key a narrative section of ``kind`` prints (the pack may choose another)."""
    narrative = ctx.pack.narrative if ctx.pack is not None else None
    if narrative is not None:
        stack = [s for part in narrative.parts for s in part.sections]
        while stack:
            spec = stack.pop()
            if spec.kind == kind and spec.text_key:
                return spec.text_key
            stack += spec.children
    return default


def _changed(ctx: CheckContext, metric: str) -> tuple[int, int] | None:
    """(current, prior) when ``metric`` changed (as printed, to the cent of the unit)."""
    change = reading(ctx).data.change(metric)
    if change is None:
        return None
    current, prior = change
    diff = abs(current - prior)
    return change if diff > ctx.tolerance_fen() // 2 else None


def _changed_in_text(ctx: CheckContext, topic: str) -> list[tuple[int, Paragraph, str]]:
    """(paragraph number, paragraph, metric) where an imported section states a change."""
    out: list[tuple[int, Paragraph, str]] = []
    seen: set[tuple[int, str]] = set()
    for s in reading(ctx).statements:
        if s.section != topic or s.kind not in ("direction", "change_amount", "change_percent"):
            continue
        if s.sign in (1, -1) and s.key not in seen:
            seen.add(s.key)
            out.append((s.number, s.paragraph, s.metric))
    return out


_ITEM_WORDS = {"overseas_travel": r"出国", "official_reception": r"接待", "vehicles": r"公务用车|车辆|用车"}


@rule(
    code="M507", slug="three-public-change-explained", severity="warning", tier="strict",
    title="“三公”经费增减说明原因",
    message="{name}比上年{word}{amount}，但未说明原因",
    hint="“三公”经费合计及各项比上年有增减的，应说明增减的主要原因。",
    tags=("三公",), needs=(),
)
def three_public_change_explained(ctx: CheckContext) -> Iterator[Finding]:
    sections = _of(ctx, "three_public")
    where = _topic_location(ctx, "three_public")
    if ctx.budget is not None:
        texts = ctx.budget.texts
        total_reason = texts.get(_text_key(ctx, "three_public", "three_public_change_reason"), "").strip()
        for metric, name in (("three_public", "“三公”经费"), ("overseas_travel", "因公出国（境）费"),
                             ("official_reception", "公务接待费"), ("vehicles", "公务用车购置及运行费")):
            change = _changed(ctx, metric)
            if change is None:
                continue
            if metric == "three_public":
                explained = bool(total_reason)
            else:
                explained = bool(texts.get(metric, "").strip()) or bool(
                    total_reason and re.search(_ITEM_WORDS[metric], total_reason))
            if not explained:
                yield _unexplained_change(ctx, where, name, change)
        return
    reasons = [sentence for _n, p in (sections[0].paragraphs if sections else [])
               for _s, sentence in tx.sentences(tx.compact(p.text)) if tx.REASON_WORDS.search(sentence)]
    reported: set[int] = set()
    for number, paragraph, metric in _changed_in_text(ctx, "three_public"):
        if number in reported or tx.REASON_WORDS.search(paragraph.text):
            continue
        if metric == "three_public" and reasons:
            continue  # the total changes by its items: their reasons explain it
        words = _ITEM_WORDS.get(metric) or ("公务用车|车辆|用车" if metric.startswith("vehicle") else None)
        if words is not None and any(re.search(words, sentence) for sentence in reasons):
            continue
        reported.add(number)
        yield Finding(Location(section=where.section, paragraph=number, sentence=paragraph.text),
                      {"name": metric_name(metric), "word": "有增减", "amount": ""})


@rule(
    code="M508", slug="total-change-explained", severity="warning", tier="strict",
    title="收支总额增减说明原因",
    message="{name}比上年{word}{amount}，但未说明增减变化的主要原因",
    hint="收支预算总计、财政拨款收支总计比上年有增减的，应说明主要原因。",
    tags=("说明",), needs=(),
)
def total_change_explained(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.budget is not None:
        texts = ctx.budget.texts
        checks = (("overview", ("income_total", "expenditure_total"), "change_reason", "收支预算总计"),
                  ("fiscal", ("fiscal",), "fiscal_change_reason", "财政拨款收支总计"))
        for topic, metrics, default_key, name in checks:
            change = next((c for m in metrics if (c := _changed(ctx, m)) is not None), None)
            if change is None or texts.get(_text_key(ctx, topic, default_key), "").strip():
                continue
            where = _topic_location(ctx, topic)
            yield _unexplained_change(ctx, where, name, change)
        return
    for topic, name in (("overview", "收支预算总计"), ("fiscal", "财政拨款收支总计")):
        sections = _of(ctx, topic)
        changed = _changed_in_text(ctx, topic)
        if not sections or not changed or tx.REASON_WORDS.search(sections[0].text):
            continue
        number, paragraph, _metric = changed[0]
        yield Finding(Location(section=sections[0].heading.text, paragraph=number, sentence=paragraph.text),
                      {"name": name, "word": "有增减", "amount": ""})


@rule(
    code="M509", slug="procurement-breakdown-given", severity="warning", tier="strict",
    title="政府采购分货物、工程、服务说明",
    message="政府采购预算 {amount} {unit}，但未按货物、工程、服务分类说明",
    hint="政府采购预算应分别说明货物类、工程类和服务类的金额。",
    tags=("政府采购",), needs=(),
)
def procurement_breakdown_given(ctx: CheckContext) -> Iterator[Finding]:
    section = _topic_part(ctx, "procurement")
    if section is None:
        return
    r = reading(ctx)
    amount = r.data.current("procurement")
    fen = amount if amount is not None else next(
        (s.fen for s in r.statements if s.metric == "procurement" and s.kind == "amount" and s.fen), None)
    if not fen:
        return
    if re.search(r"货物|工程|服务", section.text):
        return
    yield Finding(Location(section=section.heading.text), {"amount": ctx.fmt(fen), "unit": ctx.money_unit.value})


def _leaves(ctx: CheckContext, topic: str) -> list[Part]:
    """Sections on ``topic`` without a sub-section on the same topic (主要职能 → （二）部门职责)."""
    return [p for p in _of(ctx, topic) if not any(tx.topic_of(h.text) == topic for h in p.child_headings)]


def _missing_section(ctx: CheckContext, topic: str) -> bool:
    """No section on ``topic`` says anything (a section is judged without sub-sections on other topics)."""
    return not any(_own_paragraphs(p, topic) for p in _leaves(ctx, topic))


def _where_missing(ctx: CheckContext, topic: str, fallback: Location) -> Location:
    leaves = _leaves(ctx, topic)
    return Location(section=leaves[0].heading.text) if leaves else fallback


def _own_paragraphs(part: Part, topic: str) -> list[tuple[int, Paragraph]]:
    """Substantive paragraphs of ``part`` outside its sub-sections on other topics."""
    if not part.child_headings:
        return part.substantive()
    return [(n, p) for n, p in part.substantive() if p.section in ("", topic) or tx.topic_of(p.section) == topic]


@rule(
    code="M510", slug="main-duties-present", severity="error", tier="basic",
    title="部门主要职责已公开",
    message="未公开部门主要职责",
    hint="在“部门概况”中写明部门的主要职责（可按“三定”方案列出）。",
    tags=("概况",), needs=(),
)
def main_duties_present(ctx: CheckContext) -> Iterator[Finding]:
    if tables_only(ctx):
        return
    if _missing_section(ctx, "duties"):
        yield Finding(_where_missing(ctx, "duties", _first_part(ctx)))


@rule(
    code="M511", slug="glossary-present", severity="warning", tier="strict",
    title="附有名词解释",
    message="未附名词解释",
    hint="应对财政拨款收入、基本支出、项目支出、“三公”经费、机关运行经费等专业名词作出解释。",
    tags=(), needs=(),
)
def glossary_present(ctx: CheckContext) -> Iterator[Finding]:
    introduced = any(re.match(r"^名词解释[：:]?$", tx.compact(p.text).strip()) for p in ctx.document.paragraphs())
    if _missing_section(ctx, "glossary") and not introduced and not tables_only(ctx):
        yield Finding(_where_missing(ctx, "glossary", Location(section="名词解释")))


@rule(
    code="M512", slug="unit-composition-present", severity="warning", tier="strict",
    title="说明预算单位构成",
    message="未说明部门预算单位构成",
    hint="在“部门概况”中说明部门预算由哪些预算单位（本级及所属单位）的预算组成。",
    tags=("概况",), needs=(),
)
def unit_composition_present(ctx: CheckContext) -> Iterator[Finding]:
    if tables_only(ctx) or (ctx.origin == "imported" and "units" in mentioned(ctx)):
        return  # imported: told in a paragraph (机构设置: “……以及下属 5 家预算单位”)
    if _missing_section(ctx, "units"):
        yield Finding(_where_missing(ctx, "units", _first_part(ctx)))


_ASSET_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:万元|亿元|元|辆|台|套|项|处|个|平方米|㎡)")


@rule(
    code="M513", slug="assets-section-has-figures", severity="warning", tier="advisory",
    title="国有资产占用情况有具体数字",
    message="国有资产占用情况没有给出资产金额或车辆、设备数量",
    hint="宜写明截至上年末的资产总额、固定资产、车辆和大额设备等数量。",
    tags=("国有资产",), needs=(),
)
def assets_section_has_figures(ctx: CheckContext) -> Iterator[Finding]:
    for section in _of(ctx, "assets")[:1]:
        claims = any(c.kind in ("amount", "count") for _n, p in section.paragraphs for c in p.claims)
        if not claims and not _ASSET_FIGURE.search(section.text):
            yield Finding(Location(section=section.heading.text))
