"""第二部分: the sections that explain the money tables.

收入支出预算总体情况, 收入预算, 支出预算, 财政拨款收支, 一般公共预算支出, 支出经济分类,
基本支出, 政府性基金预算支出.
"""

from __future__ import annotations

from yusuan.document.model import Paragraph
from yusuan.money import Fen
from yusuan.narrative.facts import INCOME_PARTS, Breakdown
from yusuan.narrative.templates import EMPTY, Fig
from yusuan.narrative.writer import Writer, is_flat


def _share_parts(w: Writer, items: list[tuple[str, str, Fen]], whole: Fen) -> Fig:
    """``name amount，占 share%`` for each non-zero item, then ``未安排 name`` for the zero ones."""
    stated = [w.t.render("part.share", name=name, amount=w.money(metric, amount),
                         share=w.share(metric, amount, whole))
              for metric, name, amount in items if amount]
    absent = [w.t.render("part.none", name=name) for _metric, name, amount in items if not amount]
    return w.parts(stated + absent)


def _class_parts(w: Writer, classes: dict[str, Fen], whole: Fen, prefix: str, *, economic: bool = False,
                 government: bool = False) -> Fig:
    items = [(f"{prefix}:{code}", w.class_name(code, economic=economic, government=government), amount)
             for code, amount in sorted(classes.items()) if amount]
    return _share_parts(w, items, whole)


def _reason(w: Writer, change: Fig | None, default_key: str, template: str) -> Fig:
    """The entered reason of a change, only when there is a change to explain."""
    if change is None or is_flat(change):
        return EMPTY
    reason = w.entered_inline(w.section.text_key or default_key)
    return w.t.render(template, reason=reason) if reason else EMPTY


def write_overview(w: Writer) -> list[Paragraph]:
    """收入支出预算总体情况: totals, their change against the prior year, and its reason."""
    s = w.summary
    income, expenditure = s["income_total"], s["expenditure_total"]
    if income == 0 and expenditure == 0:
        first = w.t.render("overview.none")
    else:
        first = w.t.render("overview.total", income_total=w.money("income_total", income),
                           expenditure_total=w.money("expenditure_total", expenditure))
    income_change = w.change("income_total", income)
    expenditure_change = w.change("expenditure_total", expenditure)
    if income_change is not None and expenditure_change is not None and income_change.text == expenditure_change.text:
        both = Fig(income_change.text, income_change.claims + expenditure_change.claims)
        changes = [w.t.render("overview.change", change=both)]
    else:
        changes = [w.t.render(key, change=change) for key, change in (
            ("overview.change_income", income_change), ("overview.change_expenditure", expenditure_change))
            if change is not None]
    changed = next((c for c in (income_change, expenditure_change) if c is not None and not is_flat(c)), None)
    reason = _reason(w, changed, "change_reason", "overview.reason")
    return [w.para(first, *changes, reason)]


def write_income(w: Writer) -> list[Paragraph]:
    """收入预算: total and this year's income by source, then 上年结转结余."""
    total = w.summary["income_total"]
    if total == 0:
        return [w.para(w.t.render("income.none"))]
    income = w.facts.income
    items = [(f"income.{key}", w.t.text(f"income.name.{key}"), income[key]) for key in INCOME_PARTS]
    items.append(("carryover", w.t.text("income.name.carryover"), income["carryover"]))
    nonzero = [item for item in items if item[2]]
    if len(nonzero) == 1 and nonzero[0][2] == total:
        composition = w.t.render("income.single", name=nonzero[0][1])
    else:
        stated = [w.t.render("part.share", name=name, amount=w.money(metric, amount),
                             share=w.share(metric, amount, total)) for metric, name, amount in nonzero]
        composition = w.t.render("income.several", parts=w.parts(stated))
    return [w.para(w.t.render("income.total", total=w.money("income_total", total), composition=composition))]


def write_expenditure(w: Writer) -> list[Paragraph]:
    """支出预算: total, 基本支出 and 项目支出 with their shares and changes."""
    s = w.summary
    total = s["expenditure_total"]
    if total == 0:
        first = w.t.render("expenditure.none")
    else:
        items = [(key, w.t.text(f"name.{key}"), s[key]) for key in ("basic", "project")]
        first = w.t.render("expenditure.total", total=w.money("expenditure_total", total),
                           parts=_share_parts(w, items, total))
    changes = []
    for key in ("basic", "project"):
        change = w.change(key, s[key])
        if change is not None:
            changes.append(w.t.render("expenditure.change", name=w.t.text(f"name.{key}"), change=change))
    second = w.t.render("expenditure.changes", parts=w.parts(changes)) if changes else EMPTY
    return [w.para(first, second)]


def write_fiscal(w: Writer) -> list[Paragraph]:
    """财政拨款收支: total by budget (一般公共预算, 政府性基金, 国有资本经营), change and reason."""
    s = w.summary
    total = s["fiscal"]
    if total == 0:
        first = w.t.render("fiscal.none")
    else:
        items = [(key, w.t.text(f"fiscal.name.{key}"), s[key])
                 for key in ("general_public", "government_fund", "state_capital")]
        nonzero = [item for item in items if item[2]]
        if len(nonzero) == 1 and nonzero[0][2] == total:
            composition = w.t.render("fiscal.single", name=nonzero[0][1])
        else:
            composition = w.t.render("fiscal.several", parts=_share_parts(w, nonzero, total))
        first = w.t.render("fiscal.total", total=w.money("fiscal", total), composition=composition)
    change = w.change("fiscal", total)
    second = w.t.render("fiscal.change", change=change) if change is not None else EMPTY
    return [w.para(first, second, _reason(w, change, "fiscal_change_reason", "fiscal.reason"))]


def _by_class(w: Writer, key: str, b: Breakdown, prefix: str) -> Fig:
    return w.t.render(key, parts=_class_parts(w, b.functional_classes, b.total, prefix))


def write_general_public(w: Writer) -> list[Paragraph]:
    """一般公共预算支出: total and change, by 基本/项目, by functional class (as 预算05表 selects)."""
    g = w.facts.general_public
    clause = w.change_clause("general_public", g.total)
    if g.total == 0:
        return [w.para(w.t.render("general_public.none", change_clause=clause))]
    first = w.t.render("general_public.total", total=w.money("general_public.total", g.total), change_clause=clause)
    items = [(f"general_public.{key}", w.t.text(f"name.{key}"), amount)
             for key, amount in (("basic", g.basic), ("project", g.project))]
    by_kind = w.t.render("general_public.by_kind", parts=_share_parts(w, items, g.total))
    by_class = _by_class(w, "general_public.by_class", g, "general_public.class")
    return [w.para(first, by_kind, by_class)]


def write_econ(w: Writer) -> list[Paragraph]:
    """支出经济分类: what the two classifications are, then spending by class of each."""
    intro = w.para(w.t.render("econ.intro"))
    e = w.facts.econ
    if e.total == 0:
        return [intro, w.para(w.t.render("econ.none"))]
    dept = w.t.render("econ.dept", parts=_class_parts(w, e.econ_classes, e.total, "econ.class", economic=True))
    gov = w.t.render("econ.gov", parts=_class_parts(w, e.gov_classes, e.total, "gov_econ.class", government=True))
    return [intro, w.para(dept, gov)]


def write_basic(w: Writer) -> list[Paragraph]:
    """一般公共预算基本支出: 人员经费 and 公用经费 with their shares (as the basic-expenditure table selects)."""
    b = w.facts.general_public_basic
    if b.total == 0:
        return [w.para(w.t.render("basic.none"))]
    items = [(f"general_public_basic.{key}", w.t.text(f"name.{key}"), amount)
             for key, amount in (("personnel", b.personnel), ("operating", b.operating))]
    first = w.t.render("basic.total", total=w.money("general_public_basic.total", b.total),
                       parts=_share_parts(w, items, b.total))
    return [w.para(first, w.t.render("basic.explain"))]


def write_government_fund(w: Writer) -> list[Paragraph]:
    """政府性基金预算支出: total and change, by functional class; the none-sentence when there is none."""
    g = w.facts.government_fund
    clause = w.change_clause("government_fund", g.total)
    if g.total == 0:
        return [w.para(w.t.render("government_fund.none", change_clause=clause))]
    first = w.t.render("government_fund.total", amount=w.money("government_fund.total", g.total),
                       change_clause=clause)
    return [w.para(first, _by_class(w, "government_fund.by_class", g, "government_fund.class"))]
