"""What the exporters read: merged entities, their names, accepted claims over merged entities, sources.

The exports (STIX, TAXII, GraphML, CSV) are renderings of this one view. It is a small adapter over the
store until the read model (`cyberstate.service`) offers the same iterators; then it delegates there.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator

from cyberstate.analysis.graph import EQUIVALENCE, Graph, on_entities
from cyberstate.kb import KnowledgeBase, check_as_of
from cyberstate.model import Alias, Claim, Entity, Source

#: Entities extraction proposed and no reviewer accepted stay out of every export.
_UNREVIEWED = {"candidate", "rejected"}


class ExportView:
    """Accepted knowledge over merged entities, as exports need it: streamed, in a stable order."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.store = kb.store
        self.canon = self.store.canonical_map()
        self.members: dict[str, list[str]] = defaultdict(list)
        for rec, can in sorted(self.canon.items()):
            self.members[can].append(rec)

    def entity_id(self, name: str) -> str:
        return self.kb.entity_id(name)

    def canonical(self, eid: str) -> str:
        return self.canon.get(eid, eid)

    def iter_entities(self) -> Iterator[Entity]:
        """Each merged entity once, as its canonical record carrying every name and source of its records."""
        for e in self.store.iter_entities():
            if e.id in self.canon or e.attrs.get("status") in _UNREVIEWED:
                continue
            members = self.members.get(e.id)
            if not members:
                yield e
                continue
            names = list(e.aliases)
            sources = list(e.sources)
            for m in members:
                rec = self.store.get_entity(m)
                if rec is None:
                    continue
                names.append(Alias(rec.name, rec.sources[0] if rec.sources else None))
                names += rec.aliases
                sources += rec.sources
            seen: set[tuple[str, str | None, str | None]] = {(e.name, e.sources[0] if e.sources else None, None)}
            aliases = []
            for a in names:
                key = (a.name, a.source, a.origin)
                if key not in seen:
                    seen.add(key)
                    aliases.append(a)
            yield dataclasses.replace(e, aliases=tuple(aliases), sources=tuple(dict.fromkeys(sources)))

    def iter_claims(self, as_of: str | None = None) -> Iterator[Claim]:
        """Accepted claims with subject, object and assertor moved onto their merged entities; with
        `as_of`, only what had been published by then (the rule of the analyses)."""
        as_of = check_as_of(as_of)
        dates = Graph({}, sources=self.store.source_dates()) if as_of else None
        canon = self.canon
        for c in self.store.iter_claims():
            if dates is not None and as_of is not None and not dates.known_by(c, as_of):
                continue
            merged = on_entities(c, canon, EQUIVALENCE)
            if merged is not None:
                yield merged

    def iter_sources(self) -> Iterator[Source]:
        return self.store.iter_sources()

    def get_source(self, source_id: str) -> Source | None:
        return self.store.get_source(source_id)
