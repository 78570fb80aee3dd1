"""Text to candidate claims: documents, mentions, relations, assertors, hedges, dates."""

from cyberstate.extract.core import Extraction, extract_text
from cyberstate.extract.document import Document, DocumentError, read_document
from cyberstate.extract.mentions import Gazetteer

__all__ = ["Document", "DocumentError", "Extraction", "Gazetteer", "extract_text", "read_document"]
