"""Reading published disclosures: PDF text layers and extracted text, as pages of positioned words."""

from juesuan.parse.layout import Document, Line, Page, Word
from juesuan.parse.sources import read_document

__all__ = ["Document", "Line", "Page", "Word", "read_document"]
