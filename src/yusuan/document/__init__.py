"""The format-neutral disclosure document (narrative + annex) that renderers draw."""

from yusuan.document.model import (
    Block,
    Claim,
    Document,
    Heading,
    Paragraph,
    Section,
    TableBlock,
    TitleBlock,
    TocBlock,
)

__all__ = ["Block", "Claim", "Document", "Heading", "Paragraph", "Section", "TableBlock", "TitleBlock", "TocBlock"]
