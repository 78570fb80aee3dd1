"""Resolve a name an analyst types to entities, best first, saying which stored name matched and who
uses that name.

Ranking: the entity id or a primary name (100), then an alias (95), all on the normalised key (case,
spacing, punctuation and diacritics ignored); then full-text prefix matches over every name (≤ 80);
then fuzzy matches for misspellings (≤ 70). Only exact-key matches (≥ 95) identify an entity for the
other commands; the rest are suggestions, so a typo never silently picks a different entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from cyberstate.model.names import norm
from cyberstate.store.base import NameHit
from cyberstate.store.sqlite import SQLiteStore

EXACT = 95.0


@dataclass(frozen=True, slots=True)
class Match:
    id: str
    name: str
    kind: str
    matched: str
    score: float
    source: str | None = None
    origin: str | None = None
    how: str = "alias"

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "matched": self.matched,
            "score": round(self.score, 1),
            "source": self.source,
            "origin": self.origin,
            "how": self.how,
        }


class NameIndex:
    """Every stored name by its normalised key, with each entity's kind and name: built once per
    knowledge base (and again after a load), so exact lookups never touch the database."""

    def __init__(self, store: SQLiteStore) -> None:
        self.kinds = store.entity_kinds()
        self.by_norm: dict[str, list[NameHit]] = {}
        for hit in store.iter_names():
            self.by_norm.setdefault(norm(hit.name), []).append(hit)
        for hits in self.by_norm.values():
            hits.sort(key=lambda h: not h.is_primary)
        self.keys = list(self.by_norm)

    def fuzzy(self, key: str, limit: int = 8, cutoff: float = 60.0) -> list[tuple[str, float]]:
        if not key:
            return []
        found = process.extract(key, self.keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        return [(k, float(s)) for k, s, _ in found]


def resolve(store: SQLiteStore, query: str, *, index: NameIndex | None = None, limit: int = 10) -> list[Match]:
    """Matching entities for `query`, best first; one row per entity (its best-matching name)."""
    idx = index or NameIndex(store)
    kinds = idx.kinds
    best: dict[str, Match] = {}

    def offer(m: Match) -> None:
        old = best.get(m.id)
        if old is None or m.score > old.score:
            best[m.id] = m

    q = query.strip()
    if q in kinds:
        kind, name = kinds[q]
        offer(Match(q, name, kind, q, 100.0, how="id"))
    key = norm(q)
    if key:
        for hit in idx.by_norm.get(key, ()):
            kind, name = kinds[hit.entity_id]
            primary = hit.is_primary or hit.name == name
            offer(
                Match(
                    hit.entity_id,
                    name,
                    kind,
                    hit.name,
                    100.0 if primary else EXACT,
                    hit.source,
                    hit.origin,
                    "name" if primary else "alias",
                )
            )
    if not any(m.score >= EXACT for m in best.values()):
        for rank, hit in enumerate(store.search_names(q, limit=limit * 2)):
            kind, name = kinds[hit.entity_id]
            score = 80.0 * min(1.0, len(key) / max(1, len(norm(hit.name)))) - rank * 0.1
            offer(Match(hit.entity_id, name, kind, hit.name, max(score, 1.0), hit.source, hit.origin, "text"))
        for k, s in idx.fuzzy(key):
            for hit in idx.by_norm[k]:
                kind, name = kinds[hit.entity_id]
                offer(Match(hit.entity_id, name, kind, hit.name, s * 0.7, hit.source, hit.origin, "fuzzy"))
    return sorted(best.values(), key=lambda m: (-m.score, m.name))[:limit]
