"""Family N: the narrative (情况说明) against the data, and the wording of the narrative itself.

The statements the narrative makes (:mod:`yusuan.check.rules._statements`) are compared with the key
figures of a compiled budget or, for an imported disclosure, with the printed tables
(:mod:`yusuan.check.rules._figure_data`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal

from yusuan.check.context import CheckContext
from yusuan.check.issue import Location
from yusuan.check.registry import Finding, rule
from yusuan.check.rules import _text as tx
from yusuan.check.rules._figure_data import CHANGE_CURRENT
from yusuan.check.rules._memo import memo
from yusuan.check.rules._statements import Reading, Statement, metric_name, reading
from yusuan.document.model import Heading, Paragraph, TableBlock, TitleBlock

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
        current_figure = r.data.current(CHANGE_CURRENT.get(metric, metric))
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
            current_figure = r.data.current(CHANGE_CURRENT.get(s.metric, s.metric))
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


def _phrases(ctx: CheckContext, scan: Callable[[str], Iterable[tuple[str, int]]]) -> Iterator[Finding]:
    """A finding at each (phrase, position) ``scan`` reports in the narrative's texts, the phrase as actual."""
    for where, text in _texts(ctx):
        for phrase, pos in scan(text):
            yield Finding(_at(where, text, pos), actual=phrase)


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
    yield from _phrases(ctx, tx.doubled_punctuation)


@rule(
    code="N412", slug="zero-change-worded-as-change", severity="warning", tier="strict",
    title="没有变化却写作“增加 0”",
    message="用“{actual}”表述没有变化，应写“持平”或“与上年相同”",
    hint="增减额为 0 时写“与上年持平”，不写“增加 0 万元”“减少 0 万元”。",
    tags=("说明", "增减"), needs=(),
)
def zero_change_worded_as_change(ctx: CheckContext) -> Iterator[Finding]:
    yield from _phrases(ctx, tx.zero_changes)


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
