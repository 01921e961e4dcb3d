"""第一部分 概况: 主要职责, 机构设置, 预算单位构成."""

from __future__ import annotations

from yusuan.document.model import Paragraph
from yusuan.domain.budget import Unit
from yusuan.narrative.templates import Fig
from yusuan.narrative.writer import Writer


def write_duties(w: Writer) -> list[Paragraph]:
    """主要职责: the entered text, one paragraph a line."""
    return w.text_paragraphs("main_duties")


def write_organization(w: Writer) -> list[Paragraph]:
    """机构设置: the entered text."""
    return w.text_paragraphs("organization")


def main_unit(units: tuple[Unit, ...], department_code: str) -> Unit | None:
    """The department's own unit (本级): code ``<department>001``, else the first unit by code."""
    if not units:
        return None
    ordered = sorted(units, key=lambda u: u.code)
    return next((u for u in ordered if u.code == f"{department_code}001"), ordered[0])


def write_units(w: Writer) -> list[Paragraph]:
    """预算单位构成: 本级 and 所属单位 from the data, then the entered text."""
    b = w.budget
    main = main_unit(b.units, b.department.code)
    others = sorted((u for u in b.units if u is not main), key=lambda u: u.code)
    main_name = main.name if main is not None else b.department.name
    if not others:
        first = w.t.render("units.single", unit_name=main_name)
        return [w.para(first), *(w.para(Fig(line)) for line in w.entered("unit_composition"))]
    count = w.count("units.subordinate", len(others))
    names = w.names([w.t.render("units.entry", name=u.name, code=u.code).text for u in others])
    paragraphs = [w.para(w.t.render("units.many", main_name=main_name, count=count),
                         w.t.render("units.list", names=names))]
    paragraphs += [w.para(Fig(line)) for line in w.entered("unit_composition")]
    return paragraphs
