"""The whole disclosure document: cover, table of contents, numbered parts and sections, annex.

``compose_document`` is the one entry point.  Structure (parts, sections, titles, glossary) comes
from the pack's ``narrative`` block (or ``default.yaml`` for packs without one); wording from the
sentence templates; every figure from the budget, its summary and its tables.  Numbers of parts
(第一部分), sections (一、) and sub-sections (（一）) are generated over what is printed, so they
never have gaps.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

import yaml

from yusuan.compute.model import Tables
from yusuan.compute.summary import Summary
from yusuan.document.model import Block, Document, Heading, Paragraph, Section, TableBlock, TitleBlock, TocBlock
from yusuan.domain.budget import Budget
from yusuan.money import MoneyUnit
from yusuan.narrative import finance, matters, profile, three_public
from yusuan.narrative.facts import Facts
from yusuan.narrative.numbering import chinese_numeral
from yusuan.narrative.templates import Templates
from yusuan.narrative.writer import Writer
from yusuan.packs.model import Narrative, NarrativePart, NarrativeSection, Pack

SectionWriter = Callable[[Writer], list[Paragraph]]

WRITERS: Mapping[str, SectionWriter] = {
    "duties": profile.write_duties,
    "organization": profile.write_organization,
    "units": profile.write_units,
    "overview": finance.write_overview,
    "income": finance.write_income,
    "expenditure": finance.write_expenditure,
    "fiscal": finance.write_fiscal,
    "general_public": finance.write_general_public,
    "econ": finance.write_econ,
    "basic": finance.write_basic,
    "three_public": three_public.write_three_public,
    "government_fund": finance.write_government_fund,
    "operating_funds": matters.write_operating_funds,
    "procurement": matters.write_procurement,
    "performance": matters.write_performance,
    "assets": matters.write_assets,
    "transfer_payments": matters.write_transfer_payments,
    "text": matters.write_text,
    "group": matters.write_group,
}
"""Section kind → generator; the keys are exactly :data:`yusuan.packs.model.SECTION_KINDS`."""


@functools.cache
def default_narrative() -> Narrative:
    """The narrative used for packs that declare none (``narrative/default.yaml``)."""
    text = resources.files("yusuan.narrative").joinpath("default.yaml").read_text(encoding="utf-8")
    return Narrative.model_validate(yaml.safe_load(text))


class _Composer:
    def __init__(self, budget: Budget, pack: Pack, tables: Tables, summary: Summary) -> None:
        self.budget = budget
        self.pack = pack
        self.tables = tables
        self.summary = summary
        self.narrative = pack.narrative or default_narrative()
        self.unit = MoneyUnit(pack.money_unit)
        dept = budget.department
        common: dict[str, Any] = {
            "department": dept.name,
            "department_code": dept.code,
            "self_name": dept.self_name,
            "year": budget.year,
            "prior_year": budget.prior.year if budget.prior is not None else budget.year - 1,
            "unit": self.unit.value,
        }
        self.common = common
        self.templates = Templates(common, self.narrative.templates)
        self.facts = Facts(budget, pack)

    def title(self, template: str) -> str:
        return template.format_map(self.common)

    def write_sections(self, part: NarrativePart, specs: list[NarrativeSection], level: int) -> list[Block]:
        """Headings and paragraphs of ``specs``, numbered over the sections actually printed."""
        blocks: list[Block] = []
        number = 0
        for spec in specs:
            writer = Writer(budget=self.budget, tables=self.tables, summary=self.summary, facts=self.facts,
                            unit=self.unit, decimals=self.pack.decimals, templates=self.templates, section=spec)
            body: list[Block] = list(WRITERS[spec.kind](writer))
            children = self.write_sections(part, spec.children, level + 1) if spec.children else []
            if spec.optional and not body and not children:
                continue
            number += 1
            key = "heading.section" if level == 2 else "heading.subsection"
            text = self.templates.render(key, number=chinese_numeral(number), title=self.title(spec.title)).text
            blocks.append(Heading(text, level, f"{part.id}-{spec.id}"))
            blocks += body
            blocks += children
        return blocks

    def glossary(self, part: NarrativePart) -> list[Block]:
        return [Paragraph(self.templates.render("glossary.entry", number=chinese_numeral(n), term=entry.term,
                                                definition=entry.definition).text, section=part.id)
                for n, entry in enumerate(self.narrative.glossary, 1)]

    def document(self) -> Document:
        title = self.templates.render("document.title").text
        sections: list[Section] = [Section((
            TitleBlock(title, subtitle=self.templates.render("document.subtitle").text),
            TocBlock(self.templates.render("toc.title").text),
        ), "portrait")]
        current: list[Block] = []
        number = 0
        for part in self.narrative.parts:
            part_title = self.title(part.title)
            if part.kind == "annex":
                if current:
                    sections.append(Section(tuple(current), "portrait"))
                    current = []
                sections += self.annex(Heading(part_title, 1, part.id))
                continue
            number += 1
            heading = self.templates.render("heading.part", number=chinese_numeral(number), title=part_title).text
            current.append(Heading(heading, 1, part.id))
            if part.kind == "glossary":
                current += self.glossary(part)
            else:
                current += self.write_sections(part, part.sections, 2)
        if current:
            sections.append(Section(tuple(current), "portrait"))
        return Document(title=title, sections=tuple(sections), department=self.budget.department.name,
                        year=self.budget.year, money_unit=self.unit.value, meta={"pack": self.pack.id})

    def annex(self, heading: Heading) -> list[Section]:
        """The annex heading, then every table in its own section with the table's orientation."""
        tables = list(self.tables)
        if not tables:
            return [Section((heading,), "portrait")]
        first, *rest = tables
        out = [Section((heading, TableBlock(first)), first.orientation)]
        out += [Section((TableBlock(table),), table.orientation) for table in rest]
        return out


def compose_document(budget: Budget, pack: Pack, tables: Tables, summary: Summary) -> Document:
    """The complete disclosure of ``budget`` laid out by ``pack`` (pure)."""
    return _Composer(budget, pack, tables, summary).document()
