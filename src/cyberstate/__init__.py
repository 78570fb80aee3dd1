"""cyberstate: the state apparatus behind cyber operations, held as evidence-backed claims."""

from typing import TYPE_CHECKING

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
from cyberstate.model import Alias, Claim, Entity, Evidence, Source

if TYPE_CHECKING:
    from cyberstate.kb import KnowledgeBase
    from cyberstate.store import SQLiteStore


def __getattr__(name: str) -> object:
    """KnowledgeBase and SQLiteStore load on first use: `import cyberstate.cli` for `--help` or `vocab`
    must not pull in the store, the analyses and the extraction stack."""
    if name == "KnowledgeBase":
        from cyberstate.kb import KnowledgeBase

        return KnowledgeBase
    if name == "SQLiteStore":
        from cyberstate.store import SQLiteStore

        return SQLiteStore
    raise AttributeError(f"module 'cyberstate' has no attribute {name!r}")


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
