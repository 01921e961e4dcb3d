"""A small hand-assembled document for renderer development and tests.

It exercises every block kind (title, table of contents, three heading levels,
paragraphs of every style, portrait and landscape sections, every annex table of an
example budget) without depending on the narrative generator.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.document.model import Block, Claim, Document, Heading, Paragraph, Section, TableBlock, TitleBlock, TocBlock

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def sample_document(example: str = "xinxiang-2024") -> Document:
    """A document for ``examples/<example>/budget.yaml`` with placeholder narrative text."""
    from decimal import Decimal

    from yusuan.api import compile_budget, load

    compiled = compile_budget(load(EXAMPLES / example / "budget.yaml").budget)
    b = compiled.budget
    name = b.department.name
    total = compiled.summary["expenditure_total"]
    text_total = f"{Decimal(total) / 1_000_000:.2f}"
    front: list[Block] = [
        TitleBlock(f"{name}{b.year}年部门预算", subtitle="（样例文档，用于检查排版）", date=f"{b.year}年1月"),
        TocBlock(),
        Heading(f"第一部分 {name}概况", 1, "part1"),
        Heading("一、主要职责", 2, "part1-1"),
        Paragraph("（一）贯彻执行国家有关方针政策和法律法规。这是一段较长的正文，用于检查中文段落的自动换行、"
                  "首行缩进和行距是否正确，不应出现文字被截断或互相重叠的情况。"),
        Heading("二、部门预算单位构成", 2, "part1-2"),
        Paragraph(f"本部门预算为汇总预算，包括{name}本级预算。"),
        Heading(f"第二部分 {name}{b.year}年部门预算情况说明", 1, "part2"),
        Heading("一、收入支出预算总体情况", 2, "part2-1"),
        Paragraph(f"{name}{b.year}年收入预算总计{text_total}万元，支出预算总计{text_total}万元。",
                  claims=(Claim("income_total", "amount", Decimal(text_total), text_total),)),
        Heading("（一）机关运行经费", 3, "part2-1-1"),
        Paragraph("注：本段为注释样式。", style="note"),
        Heading("第三部分 名词解释", 1, "part3"),
        Paragraph("一、财政拨款收入：指本级财政当年拨付的资金。"),
        Paragraph("2024年1月", style="right"),
        Heading(f"附件：{name}{b.year}年部门预算表", 1, "annex"),
    ]
    sections = [Section(tuple(front), "portrait")]
    for table in compiled.tables:
        sections.append(Section((TableBlock(table),), table.orientation))
    return Document(title=f"{name}{b.year}年部门预算", sections=tuple(sections), department=name, year=b.year,
                    money_unit=compiled.money_unit.value)
