"""Resolve a name an analyst types to entities, best first, saying which stored name matched and who
uses that name.

Ranking: the entity id or a primary name (100), then an alias (95), all on the normalised key (case,
spacing, punctuation and diacritics ignored); then a Chinese name written in the other script
(traditional for simplified or the reverse, 92) or in toneless pinyin (90); then full-text prefix
matches over every name (≤ 80); then fuzzy matches for misspellings (≤ 70). Only the first four
identify an entity for the other commands; the rest are suggestions, so a typo never silently picks a
different entity. Names are looked up on merged entities: every record's names lead to the entity it
was merged into.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from cyberstate.model.dates import earliest
from cyberstate.model.names import norm
from cyberstate.model.rules import HAN as _HAN
from cyberstate.store.base import NameHit
from cyberstate.store.sqlite import SQLiteStore

EXACT = 95.0
SCRIPT = 92.0
PINYIN = 90.0
#: The lowest score that identifies an entity (rather than suggesting one).
IDENTIFYING = PINYIN


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


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC), so 湖北省國家安全廳 finds 湖北省国家安全厅."""
    return _converter().convert(text)


def pinyin_key(text: str) -> str:
    """Toneless pinyin of the Chinese characters in a name: 湖北省国家安全厅 -> hubeishengguojiaanquanting."""
    from pypinyin import lazy_pinyin

    return norm("".join(lazy_pinyin(simplified(text))))


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


class NameIndex:
    """Every stored name by its normalised key, on merged entities, with each entity's kind and name:
    built once per knowledge base (and again after a load), so exact lookups never touch the database.
    Names in Chinese characters are also keyed by their simplified form and their toneless pinyin."""

    def __init__(self, store: SQLiteStore, as_of: str | None = None) -> None:
        canon = store.canonical_map()
        dates = {sid: d for sid, (d, _) in store.source_dates().items() if d} if as_of else {}
        self.canon = canon
        self.kinds = {k: v for k, v in store.entity_kinds().items() if k not in canon}
        self.by_norm: dict[str, list[NameHit]] = {}
        self.by_script: dict[str, list[NameHit]] = {}
        self.by_pinyin: dict[str, list[NameHit]] = {}
        proposed = store.candidate_entities()
        for hit in store.iter_names():
            if hit.entity_id in proposed:
                continue  # proposals from extraction are found by `review`, not by name, until accepted
            if as_of and not hit.is_primary and hit.source in dates and earliest(dates[hit.source]) > earliest(as_of):
                continue  # an alias first used after the date asked about (an entity's own name always works)
            can = canon.get(hit.entity_id, hit.entity_id)
            primary = hit.is_primary and can == hit.entity_id
            hit = NameHit(can, hit.name, hit.source, hit.origin, primary)
            self.by_norm.setdefault(norm(hit.name), []).append(hit)
            if _HAN.search(hit.name):
                simple = norm(simplified(hit.name))
                if simple != norm(hit.name):
                    self.by_script.setdefault(simple, []).append(hit)
                self.by_pinyin.setdefault(pinyin_key(hit.name), []).append(hit)
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

    def offer(hit: NameHit, score: float, how: str) -> None:
        kind, name = kinds[hit.entity_id]
        old = best.get(hit.entity_id)
        if old is None or score > old.score:
            best[hit.entity_id] = Match(hit.entity_id, name, kind, hit.name, score, hit.source, hit.origin, how)

    q = query.strip()
    eid = idx.canon.get(q, q)
    if eid in kinds:
        offer(NameHit(eid, q, None, None, True), 100.0, "id")
    key = norm(q)
    if key:
        for hit in idx.by_norm.get(key, ()):
            primary = hit.is_primary or hit.name == kinds[hit.entity_id][1]
            offer(hit, 100.0 if primary else EXACT, "name" if primary else "alias")
        if _HAN.search(q):
            simple = norm(simplified(q))
            for hit in [*idx.by_norm.get(simple, ()), *idx.by_script.get(simple, ()), *idx.by_script.get(key, ())]:
                offer(hit, SCRIPT, "script")
        elif key.isascii():
            for hit in idx.by_pinyin.get(key, ()):
                offer(hit, PINYIN, "pinyin")
    if not any(m.score >= IDENTIFYING for m in best.values()):
        for rank, hit in enumerate(store.search_names(q, limit=limit * 2)):
            hit = NameHit(idx.canon.get(hit.entity_id, hit.entity_id), hit.name, hit.source, hit.origin, False)
            offer(hit, max(1.0, 80.0 * min(1.0, len(key) / max(1, len(norm(hit.name)))) - rank * 0.1), "text")
        for k, s in idx.fuzzy(key):
            for hit in idx.by_norm[k]:
                offer(hit, s * 0.7, "fuzzy")
    return sorted(best.values(), key=lambda m: (-m.score, m.name))[:limit]
