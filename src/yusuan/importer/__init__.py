"""Import published disclosures (PDF or extracted text) and audit them with the checker."""

from yusuan.importer.model import DisclosureReadError, RawCell, RawDocument, RawParagraph, RawTable

__all__ = ["DisclosureReadError", "RawCell", "RawDocument", "RawParagraph", "RawTable"]
