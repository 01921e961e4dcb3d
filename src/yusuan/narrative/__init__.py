"""The narrative (情况说明) and the whole disclosure document built around the annex tables."""

from yusuan.narrative.compose import compose_document, default_narrative

__all__ = ["compose_document", "default_narrative"]
