"""KnowledgeBase: the facade the interfaces (CLI, API, pages) talk to.

It owns a store and answers each question with one call; the CLI and the web layer only parse and
print. Names are resolved here, once, so every command accepts any name, alias or id alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cyberstate import analysis
from cyberstate.errors import AmbiguousName, Candidate, EntityNotFound, WrongKind
from cyberstate.ingest import curated
from cyberstate.resolve.names import EXACT, Match, NameIndex, resolve
from cyberstate.store.sqlite import SQLiteStore

DEFAULT_DB = "cyberstate.db"


def default_db_path() -> str:
    return os.environ.get("CYBERSTATE_DB") or DEFAULT_DB


class KnowledgeBase:
    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self._graph: analysis.Graph | None = None
        self._index: NameIndex | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, create: bool = False) -> KnowledgeBase:
        return cls(SQLiteStore(path or default_db_path(), create=create))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _changed(self) -> None:
        self._graph = None
        self._index = None

    @property
    def graph(self) -> analysis.Graph:
        if self._graph is None:
            self._graph = analysis.Graph.from_store(self.store)
        return self._graph

    # ------------------------------------------------------------------ writing

    def load(self, paths: Iterable[str | Path] | None = None) -> curated.LoadReport:
        try:
            return curated.load(self.store, paths)
        finally:
            self._changed()

    # ------------------------------------------------------------------ names

    def resolve(self, name: str, limit: int = 10) -> list[Match]:
        if self._index is None:
            self._index = NameIndex(self.store)
        return resolve(self.store, name, index=self._index, limit=limit)

    def entity_id(self, name: str) -> str:
        """The one entity a name denotes; raises EntityNotFound or AmbiguousName otherwise."""
        matches = self.resolve(name)
        exact = [m for m in matches if m.score >= EXACT]
        if not exact:
            raise EntityNotFound(name, [Candidate(m.id, m.name, m.kind, m.score, m.matched) for m in matches[:5]])
        by_id = [m for m in exact if m.how == "id"]
        primary = [m for m in exact if m.score >= 100]
        if by_id:
            return by_id[0].id
        if len(exact) == 1:
            return exact[0].id
        if len(primary) == 1:
            return primary[0].id
        raise AmbiguousName(name, [Candidate(m.id, m.name, m.kind, m.score, m.matched) for m in exact])

    # ------------------------------------------------------------------ questions

    def show(self, name: str) -> dict[str, Any]:
        return analysis.describe(self.store, self.entity_id(name))

    def chain(self, name: str) -> dict[str, Any]:
        return analysis.chain(self.graph, self.entity_id(name))

    def province(self, name: str) -> dict[str, Any]:
        eid = self.entity_id(name)
        kind = self.graph.kind(eid)
        if kind != "province":
            raise WrongKind(name, kind, "province")
        return analysis.profile(self.graph, eid)

    def apparatus(self, root: str | None = None) -> dict[str, Any]:
        return analysis.apparatus(self.graph, self.entity_id(root) if root else None)

    def stats(self) -> dict[str, Any]:
        return analysis.stats(self.store, self.graph)

    def check(self) -> dict[str, Any]:
        return analysis.check(self.store, self.graph)
