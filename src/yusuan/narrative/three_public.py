"""“三公”经费: the total and every item, each with its change and the entered explanation."""

from __future__ import annotations

from yusuan.document.model import Paragraph
from yusuan.narrative.templates import EMPTY, Fig
from yusuan.narrative.writer import Writer, is_flat

ITEMS: tuple[str, ...] = ("overseas_travel", "official_reception", "vehicles")
"""The three items, in the order they are explained; each is also the text key of its explanation."""

VEHICLE_PARTS: tuple[str, ...] = ("vehicle_purchase", "vehicle_operation")


def _name(w: Writer, metric: str) -> str:
    return w.t.text(f"three_public.name.{metric}")


def _vehicle_parts(w: Writer) -> Fig:
    """购置费 and 运行维护费 of 公务用车, when there is anything to split (this year or last)."""
    s = w.summary
    prior = w.facts.prior("vehicles")
    if not s["vehicles"] and not prior:
        return EMPTY
    parts = []
    for metric in VEHICLE_PARTS:
        amount = s[metric]
        clause = w.change_clause(metric, amount)
        if amount:
            parts.append(w.t.render("three_public.part", name=_name(w, metric), amount=w.money(metric, amount),
                                    change_clause=clause))
        else:
            parts.append(w.t.render("three_public.part_none", name=_name(w, metric), change_clause=clause))
    return w.t.render("three_public.parts", parts=w.parts(parts))


def write_three_public(w: Writer) -> list[Paragraph]:
    """The total (change, reason), then （一）（二）（三） one paragraph per item, 公务用车 split in two."""
    s = w.summary
    total = s["three_public"]
    change = w.change("three_public", total)
    clause = EMPTY if change is None else Fig(w.t.sep("join.clauses")) + change
    if total:
        first = w.t.render("three_public.total", amount=w.money("three_public", total), change_clause=clause)
    else:
        first = w.t.render("three_public.total_none", change_clause=clause)
    reason = EMPTY
    if change is not None and not is_flat(change):
        text = w.entered_inline(w.section.text_key or "three_public_change_reason")
        reason = w.t.render("three_public.reason", reason=text) if text else EMPTY
    paragraphs = [w.para(first, reason, w.t.render("three_public.details"))]
    for n, metric in enumerate(ITEMS, 1):
        amount = s[metric]
        item_clause = w.change_clause(metric, amount)
        if amount:
            sentence = w.t.render("three_public.item", number=w.numeral(n), name=_name(w, metric),
                                  amount=w.money(metric, amount), change_clause=item_clause)
        else:
            sentence = w.t.render("three_public.item_none", number=w.numeral(n), name=_name(w, metric),
                                  change_clause=item_clause)
        parts = _vehicle_parts(w) if metric == "vehicles" else EMPTY
        paragraphs.append(w.para(sentence, parts, w.entered_inline(metric)))
    return paragraphs
