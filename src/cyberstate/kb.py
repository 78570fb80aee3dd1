"""KnowledgeBase: the facade the interfaces (CLI, API, pages) talk to.

It owns a store and answers each question with one call; the CLI and the web layer only parse and
print. Names are resolved here, once, so every command accepts any name, alias or id alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from cyberstate import analysis
from cyberstate.analysis.merges import explain
from cyberstate.errors import AmbiguousName, Candidate, EntityNotFound, InvalidRecord, WrongKind
from cyberstate.ingest import curated, galaxy
from cyberstate.model import Claim
from cyberstate.model.names import norm
from cyberstate.resolve import merge
from cyberstate.resolve.names import IDENTIFYING, Match, NameIndex, resolve
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
            report = curated.load(self.store, paths)
            report.merges = merge.recompute(self.store)
            return report
        finally:
            self._changed()

    def import_galaxy(
        self,
        clusters: Sequence[str] | None = None,
        paths: Sequence[str | Path] | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> galaxy.ImportReport:
        try:
            report = galaxy.import_galaxy(self.store, clusters, paths, progress)
            report.merges = merge.recompute(self.store)
            return report
        finally:
            self._changed()

    def record_id(self, name: str) -> str:
        """One record (not the merged entity) for a record id or a name only one record carries."""
        if self.store.get_entity(name) is not None:
            return name
        hits = {h.entity_id for h in self.store.find_names(norm(name))}
        if not hits:
            raise EntityNotFound(name)
        if len(hits) > 1:
            kinds = self.store.entity_kinds()
            raise AmbiguousName(name, [Candidate(h, kinds[h][1], kinds[h][0], 0, name) for h in sorted(hits)])
        return hits.pop()

    def _decide(self, a: str, b: str, negated: bool, note: str | None) -> dict[str, Any]:
        ra, rb = self.record_id(a), self.record_id(b)
        if ra == rb:
            raise InvalidRecord(f"{a!r} and {b!r} are the same record")
        with self.store.transaction():
            sources, entities = merge.helper_records()
            for s in sources:
                self.store.put_source(s)
            for e in entities:
                if self.store.get_entity(e.id) is None:
                    self.store.put_entity(e)
            claim = Claim(
                subject=ra,
                predicate="same_as",
                object=rb,
                sources=(merge.ANALYST_SOURCE,),
                assertor=merge.ANALYST,
                basis="analyst_decision",
                negated=negated,
                origin=merge.ANALYST_ORIGIN,
                note=note,
            )
            opposite = Claim(
                subject=ra,
                predicate="same_as",
                object=rb,
                sources=(merge.ANALYST_SOURCE,),
                assertor=merge.ANALYST,
                basis="analyst_decision",
                negated=not negated,
                origin=merge.ANALYST_ORIGIN,
            )
            if self.store.get_claim(opposite.id) is not None:
                self.store.retract_claim(opposite.id)
            self.store.put_claim(claim)
        summary = merge.recompute(self.store)
        self._changed()
        return {
            "claim": claim.id,
            "records": [ra, rb],
            "negated": negated,
            "merges": summary,
            "entities": sorted({self.store.canonical_map().get(r, r) for r in (ra, rb)}),
        }

    def unmerge(self, a: str, b: str, note: str | None = None) -> dict[str, Any]:
        """Keep two records apart from now on: a negated same_as by the analyst; nothing is deleted."""
        return self._decide(a, b, True, note)

    def merge(self, a: str, b: str, note: str | None = None) -> dict[str, Any]:
        """Join two records: a same_as by the analyst (and any earlier unmerge of the pair retracted)."""
        return self._decide(a, b, False, note)

    # ------------------------------------------------------------------ names

    def resolve(self, name: str, limit: int = 10) -> list[Match]:
        if self._index is None:
            self._index = NameIndex(self.store)
        return resolve(self.store, name, index=self._index, limit=limit)

    def entity_id(self, name: str, kinds: set[str] | None = None) -> str:
        """The one entity a name denotes (among `kinds`, if given); raises EntityNotFound or AmbiguousName."""
        matches = self.resolve(name)
        if kinds is not None and any(m.kind in kinds for m in matches):
            matches = [m for m in matches if m.kind in kinds]
        exact = [m for m in matches if m.score >= IDENTIFYING]
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
        eid = self.entity_id(name, {"province"})
        kind = self.graph.kind(eid)
        if kind != "province":
            raise WrongKind(name, kind, "province")
        return analysis.profile(self.graph, eid)

    def apparatus(self, root: str | None = None) -> dict[str, Any]:
        return analysis.apparatus(self.graph, self.entity_id(root) if root else None)

    def merges(self, name: str) -> dict[str, Any]:
        return explain(self.store, self.entity_id(name))

    def stats(self) -> dict[str, Any]:
        return analysis.stats(self.store, self.graph)

    def check(self) -> dict[str, Any]:
        return analysis.check(self.store, self.graph)
