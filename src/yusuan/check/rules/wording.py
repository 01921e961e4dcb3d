"""Family N (continued): wording and typography of the narrative (rules N430 and up).

What a careful proofreader marks in a published disclosure: a word printed twice, a year
without 年, a web address left over from a template, a paragraph that stops mid-sentence,
amounts printed with fewer decimals than the tables, a budget section that states no figure.
They read the text as printed, so they apply to compiled and imported disclosures alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.registry import Finding, rule
from yusuan.check.rules import _text as tx
from yusuan.check.rules import _wording as wd
from yusuan.check.rules._memo import memo
from yusuan.document.model import Heading, Paragraph

TARGET_KINDS = ("department_targets", "project_targets_summary", "project_target_sheets")
"""Tables whose text cells are prose the department wrote (绩效目标)."""


@dataclass(frozen=True, slots=True)
class Text:
    """A heading, paragraph or prose table cell, compacted, with how to point to it."""

    text: str
    where: Callable[[], Location]
    heading: Heading | None = None
    """The heading above a paragraph (or the heading itself)."""
    paragraph: Paragraph | None = None
    cell: bool = False


def _build_texts(ctx: CheckContext) -> list[Text]:
    out: list[Text] = []
    heading: Heading | None = None
    number = 0
    for block in ctx.document.blocks():
        if isinstance(block, Heading):
            heading = block
            out.append(Text(tx.compact(block.text), partial(Location, section=block.text), block))
        elif isinstance(block, Paragraph):
            number += 1
            out.append(Text(tx.compact(block.text), partial(ctx.at_paragraph, number, heading, block), heading, block))
    for table in ctx.tables:
        if table.kind not in TARGET_KINDS:
            continue
        for row in table.rows:
            for cell in row.cells:
                if isinstance(cell.value, str) and len(cell.value) >= 4:
                    out.append(Text(tx.compact(cell.value), partial(ctx.at_cell, table, row, cell.column), cell=True))
    return out


def texts(ctx: CheckContext) -> list[Text]:
    """Every heading and paragraph of the narrative, then the prose cells of the performance-target tables."""
    return memo(ctx, "texts", _build_texts)


def _at(item: Text, pos: int) -> Location:
    """Where ``item`` is, narrowed to the sentence at ``pos`` for a paragraph."""
    where = item.where()
    if where.paragraph is None:
        return where
    return Location(section=where.section, paragraph=where.paragraph, sentence=tx.sentence_at(item.text, pos))


@rule(
    code="N430", slug="doubled-word", severity="notice", tier="advisory",
    title="词语重复",
    message="“{word}”连续出现两次：“{actual}”",
    hint="删去重复的词语（常见于修改、粘贴时多留了一遍）。",
    tags=("说明", "文字"), needs=(),
)
def doubled_word(ctx: CheckContext) -> Iterator[Finding]:
    for item in texts(ctx):
        for doubled, pos in wd.doubled_words(item.text):
            word = doubled[:len(doubled) // 2]
            yield Finding(_at(item, pos), {"word": word}, expected=word, actual=doubled)


@rule(
    code="N431", slug="year-without-nian", severity="notice", tier="advisory",
    title="比较年份缺“年”字",
    message="“{actual}”中的年份缺“年”字，应为“{expected}”",
    hint="年份后加“年”（与2019年持平、比2023年增加），与全文写法一致。",
    tags=("说明", "文字", "年份"), needs=(),
)
def year_without_nian(ctx: CheckContext) -> Iterator[Finding]:
    for item in texts(ctx):
        if not item.cell:
            for bare in wd.bare_years(item.text):
                yield Finding(_at(item, bare.start), expected=bare.fixed, actual=bare.text)


@rule(
    code="N432", slug="link-left-in-narrative", severity="warning", tier="strict",
    title="说明中残留网址或文件路径",
    message="说明中出现网址或文件路径“{actual}”",
    hint="删去编写时从模板或其他文件带入的网址、文件名；确需引用的，写明文件名称和发布机关。",
    tags=("说明", "模板"), needs=(),
)
def link_left_in_narrative(ctx: CheckContext) -> Iterator[Finding]:
    heading: Heading | None = None
    number = 0
    for block in ctx.document.blocks():
        if isinstance(block, Heading):
            heading = block
            found = wd.links(block.text)
            for link, _pos in found:
                yield Finding(Location(section=block.text), actual=link)
        elif isinstance(block, Paragraph):
            number += 1
            for link, pos in wd.links(block.text):
                where = ctx.at_paragraph(number, heading, block, tx.sentence_at(block.text, pos))
                yield Finding(where, actual=link)


@rule(
    code="N433", slug="paragraph-ends-without-punctuation", severity="notice", tier="advisory",
    title="段落末尾缺句号",
    message="段落以“{actual}”结尾，缺少句末标点",
    hint="在段末补上句号（或问号、分号、冒号）；若是标题或表格内容，应按标题、表格排版。",
    tags=("说明", "文字", "标点"), needs=(),
)
def paragraph_ends_without_punctuation(ctx: CheckContext) -> Iterator[Finding]:
    for number, heading, paragraph in ctx.paragraphs():
        if paragraph.style != "body" or not wd.unfinished(paragraph.text):
            continue
        text = paragraph.text.strip()
        said = tx.sentences(text)
        sentence = said[-1][1] if said else text
        yield Finding(ctx.at_paragraph(number, heading, paragraph, sentence), expected="。", actual=_tail(text))


def _tail(text: str, width: int = 12) -> str:
    """The last clause of ``text`` (compacted), shortened to its last ``width`` characters."""
    body = tx.compact(text).rstrip()
    clause = body[tx.clause_start(body, len(body)):]
    return clause if len(clause) <= width else "…" + clause[-width:]


def _table_decimals(ctx: CheckContext) -> int:
    """Decimals the tables print amounts with (the most common; 2 when there is no money table)."""
    counts = Counter(t.decimals for t in ctx.tables if t.money_unit == ctx.money_unit and t.money_columns())
    return counts.most_common(1)[0][0] if counts else 2


@rule(
    code="N434", slug="narrative-amount-decimals", severity="notice", tier="advisory",
    title="说明中的金额未按表格保留小数",
    message="说明中有 {count} 处金额未像表格那样保留 {expected} 位小数：{actual}",
    hint="说明中的金额应与表格写法一致（如 43.60 万元、37.00 万元），便于核对。",
    tags=("说明", "金额", "文字"), needs=("narrative",),
)
def narrative_amount_decimals(ctx: CheckContext) -> Iterator[Finding]:
    decimals = _table_decimals(ctx)
    unit = ctx.money_unit.value
    first: Location | None = None
    printed: list[str] = []
    for item in texts(ctx):
        if item.paragraph is None or (item.heading is not None and tx.topic_of(item.heading.text) == "glossary"):
            continue
        loose = wd.loose_amounts(item.text, unit, decimals)
        if loose and first is None:
            first = _at(item, loose[0][1])
        printed += [figure for figure, _pos in loose]
    if first is not None:
        shown = "、".join(dict.fromkeys(printed))
        yield Finding(first, {"count": len(printed)}, expected=str(decimals), actual=shown)


@rule(
    code="N435", slug="budget-section-states-no-figure", severity="notice", tier="advisory",
    title="预算情况说明没有数字",
    message="“{actual}”一节没有给出任何金额或比例",
    hint="预算情况说明应写明本项的金额（及占比、增减）；没有的，写明“本部门无……”。",
    tags=("说明", "金额"), needs=(),
)
def budget_section_states_no_figure(ctx: CheckContext) -> Iterator[Finding]:
    sections: list[tuple[Heading, list[str], str]] = []
    for item in texts(ctx):
        if item.paragraph is None and item.heading is not None:
            sections.append((item.heading, [], tx.topic_of(item.heading.text)))
        elif item.paragraph is not None and sections:
            head, said, topic = sections[-1]
            if topic not in wd.FIGURE_TOPICS and item.paragraph.section in wd.FIGURE_TOPICS:
                sections[-1] = (head, said, item.paragraph.section)
            said.append(item.text)
    for head, said, topic in sections:
        if head.level < 2 or not said or topic not in wd.FIGURE_TOPICS or tx.numbering(head.text) is None:
            continue
        if not any(wd.states_figure(text) for text in said):
            yield Finding(Location(section=head.text), actual=head.text)
