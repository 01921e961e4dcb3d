"""The format-neutral disclosure document: what every renderer (PDF, DOCX, HTML) draws.

A document is a sequence of sections; each section has one page orientation and a
list of blocks.  Renderers never compute or word anything: every heading, sentence,
number and table is already here.  Paragraphs keep the figures they state
(:class:`Claim`) so that a checker can compare the text with the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from yusuan.compute.model import Table

Orientation = Literal["portrait", "landscape"]
ParagraphStyle = Literal["body", "note", "center", "right", "signature", "statement"]
ClaimKind = Literal["amount", "percent", "share", "change_amount", "change_percent", "count", "direction"]


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure stated in a sentence: which metric, of what kind, with what value."""

    metric: str
    """Metric key as in :data:`yusuan.compute.summary.METRIC_LABELS` (or a section-specific key)."""
    kind: ClaimKind
    value: Decimal | str
    """Amount in the document's money unit, percent, count, or a direction word (增加/减少/持平)."""
    text: str
    """The figure as printed, e.g. ``504.11``."""


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int
    """1 = 部分 (第一部分…/附件), 2 = numbered section (一、…), 3 = sub-section (（一）…)."""
    anchor: str = ""
    toc: bool = True


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: ParagraphStyle = "body"
    claims: tuple[Claim, ...] = ()
    section: str = ""
    """Id of the narrative section that produced it (e.g. ``three_public``)."""


@dataclass(frozen=True, slots=True)
class TableBlock:
    table: Table


@dataclass(frozen=True, slots=True)
class TocBlock:
    title: str = "目录"


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """Cover/title lines: the document title, subtitle and date, centred."""

    title: str
    subtitle: str = ""
    date: str = ""


Block = Heading | Paragraph | TableBlock | TocBlock | TitleBlock


@dataclass(frozen=True, slots=True)
class Section:
    """Consecutive blocks printed with one page orientation; a new section starts a new page."""

    blocks: tuple[Block, ...]
    orientation: Orientation = "portrait"


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    """e.g. 新乡市金融工作局2024年部门预算."""
    sections: tuple[Section, ...]
    department: str = ""
    year: int = 0
    money_unit: str = "万元"
    meta: dict[str, str] = field(default_factory=dict)

    def blocks(self) -> list[Block]:
        return [block for section in self.sections for block in section.blocks]

    def headings(self, *, toc_only: bool = True) -> list[Heading]:
        return [b for b in self.blocks() if isinstance(b, Heading) and (b.toc or not toc_only)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks() if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks() if isinstance(b, TableBlock)]

    def text(self) -> str:
        """Plain text of the narrative (headings and paragraphs), one block a line."""
        lines: list[str] = []
        for block in self.blocks():
            if isinstance(block, Heading | Paragraph):
                lines.append(block.text)
            elif isinstance(block, TitleBlock):
                lines.extend(x for x in (block.title, block.subtitle, block.date) if x)
        return "\n".join(lines)
