"""Storage engines behind one protocol."""

from cyberstate.store.base import NameHit, Store
from cyberstate.store.sqlite import SQLiteStore

__all__ = ["NameHit", "SQLiteStore", "Store"]
