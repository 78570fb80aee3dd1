"""cyberstate: the state apparatus behind cyber operations, held as evidence-backed claims."""

from cyberstate.errors import (
    AmbiguousName,
    CyberstateError,
    DataFileError,
    EntityNotFound,
    InvalidRecord,
    StoreError,
    VocabularyError,
    WrongKind,
)
from cyberstate.kb import KnowledgeBase
from cyberstate.model import Alias, Claim, Entity, Evidence, Source
from cyberstate.store import SQLiteStore

__all__ = [
    "Alias",
    "AmbiguousName",
    "Claim",
    "CyberstateError",
    "DataFileError",
    "Entity",
    "EntityNotFound",
    "Evidence",
    "InvalidRecord",
    "KnowledgeBase",
    "SQLiteStore",
    "Source",
    "StoreError",
    "VocabularyError",
    "WrongKind",
]
__version__ = "0.1.0"
