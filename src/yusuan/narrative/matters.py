"""其他重要事项: 机关运行经费, 政府采购, 绩效目标, 国有资产占用, 专项转移支付; and text-only sections."""

from __future__ import annotations

from yusuan.document.model import Paragraph
from yusuan.narrative.templates import Fig, asset_measures
from yusuan.narrative.writer import Writer

PROCUREMENT_KINDS: tuple[str, ...] = ("goods", "works", "services")


def write_operating_funds(w: Writer) -> list[Paragraph]:
    """机关运行经费 (or the pack's term) of the metric the pack chooses."""
    metric = w.section.metric or "organ_operating"
    term = w.section.term or w.t.text(f"operating_funds.term.{metric}")
    amount = w.summary[metric]
    clause = w.change_clause(metric, amount)
    if amount:
        sentence = w.t.render("operating_funds.total", term=term, amount=w.money(metric, amount),
                              change_clause=clause)
    else:
        sentence = w.t.render("operating_funds.none", term=term, change_clause=clause)
    return [w.para(sentence), *(w.para(Fig(line)) for line in w.entered(None))]


def write_procurement(w: Writer) -> list[Paragraph]:
    """政府采购: total and change, 货物/工程/服务, then the entered explanation."""
    s = w.summary
    amount = s["procurement"]
    clause = w.change_clause("procurement", amount)
    if amount:
        stated = []
        absent = []
        for kind in PROCUREMENT_KINDS:
            metric = f"procurement_{kind}"
            name = w.t.text(f"procurement.name.{kind}")
            if s[metric]:
                stated.append(w.t.render("part.amount", name=name, amount=w.money(metric, s[metric])))
            else:
                absent.append(name)
        if absent:
            stated.append(w.t.render("procurement.absent", names=w.names(absent)))
        sentence = w.t.render("procurement.total", amount=w.money("procurement", amount), change_clause=clause,
                              parts=w.parts(stated))
    else:
        sentence = w.t.render("procurement.none", change_clause=clause)
    return [w.para(sentence), *(w.para(Fig(line)) for line in w.entered("procurement"))]


def write_performance(w: Writer) -> list[Paragraph]:
    """绩效目标设置: how many projects have targets and the money they cover, then the entered text."""
    amounts = w.facts.project_amounts
    projects = {p.code: p for p in w.budget.projects}
    with_targets = [code for code in amounts if (p := projects.get(code)) is not None and p.targets]
    covered = sum(amounts[code] for code in with_targets)
    whole = sum(amounts.values())
    if not amounts:
        first = w.t.render("performance.no_projects")
    elif len(with_targets) == len(amounts):
        first = w.t.render("performance.all", count=w.count("performance.projects", len(with_targets)),
                           amount=w.money("performance.amount", covered))
    elif not with_targets:
        first = w.t.render("performance.none_set", total_count=w.count("project_count", len(amounts)))
    else:
        first = w.t.render("performance.some", total_count=w.count("project_count", len(amounts)),
                           count=w.count("performance.projects", len(with_targets)),
                           amount=w.money("performance.amount", covered),
                           share=w.share("performance.share", covered, whole))
    indicators = len(w.budget.targets.indicators.indicators)
    second = w.t.render("performance.department", count=w.count("performance.department_indicators", indicators)) \
        if indicators else Fig("")
    return [w.para(first, second), *(w.para(Fig(line)) for line in w.entered("performance"))]


def _measure(name: str) -> str:
    return next(measure for fragment, measure in asset_measures() if fragment in name)


def write_assets(w: Writer) -> list[Paragraph]:
    """国有资产占用: the entered amounts and counts, then the entered text."""
    a = w.budget.assets
    pieces = [w.t.render("assets.amount", name=name, amount=w.money(f"assets:{name}", fen))
              for name, fen in a.amounts.items()]
    pieces += [w.t.render("assets.count", name=name, count=w.count(f"assets:{name}", n), measure=_measure(name))
               for name, n in a.counts.items()]
    paragraphs = []
    if pieces:
        parts = w.clauses(pieces)
        key = "assets.facts" if a.as_of else "assets.facts_undated"
        paragraphs.append(w.para(w.t.render(key, as_of=a.as_of, parts=parts)))
    paragraphs += [w.para(Fig(line)) for line in w.entered("assets")]
    return paragraphs or [w.para(w.t.render("assets.none"))]


def write_transfer_payments(w: Writer) -> list[Paragraph]:
    """专项转移支付: the entered text, or the none-sentence."""
    lines = w.entered("transfer_payments")
    if lines:
        return [w.para(Fig(line)) for line in lines]
    return [w.para(w.t.render("transfer_payments.none"))]


def write_text(w: Writer) -> list[Paragraph]:
    """A section that prints one entered text (``text_key``)."""
    return w.text_paragraphs(w.section.text_key or "other")


def write_group(w: Writer) -> list[Paragraph]:
    """A heading over child sections, with the entered text (``text_key``) when given."""
    return [w.para(Fig(line)) for line in w.entered(None)]
