"""An in-memory view of the accepted claims, indexed both ways, that the analyses walk.

Analyses read the whole claim graph many times per answer (every path of a chain, every link of a
province), so they work on this index rather than issuing a query per hop.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cyberstate.model import Claim
from cyberstate.model.dates import earliest
from cyberstate.model.records import CLAIM_FIELDS
from cyberstate.model.vocab import KIND_CLASS
from cyberstate.store.sqlite import SQLiteStore

EQUIVALENCE = {"same_as", "overlaps_with"}


@dataclass
class Graph:
    nodes: dict[str, tuple[str, str]]  # id -> (kind, name)
    out: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    inn: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    literals: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, str] = field(default_factory=dict)
    assertor_types: dict[str, str] = field(default_factory=dict)
    canon: dict[str, str] = field(default_factory=dict)  # record -> merged entity (only merged records)
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    as_of: str | None = None
    sources: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # id -> (published, title)

    @classmethod
    def from_store(cls, store: SQLiteStore, as_of: str | None = None) -> Graph:
        """The claim graph over merged entities: every record's claims count for its merged entity.

        With `as_of`, only the claims published by that date: a claim's date is its `published`, or the
        earliest date of its sources. A claim whose date is unknown is not taken as known at any past
        date, except reference data (ISO codes), which holds regardless of when it was written down."""
        canon = store.canonical_map()
        kinds = store.entity_kinds()
        g = cls(
            {k: v for k, v in kinds.items() if k not in canon},
            codes=store.entity_codes(),
            assertor_types=store.assertor_types(),
            canon=canon,
            as_of=as_of,
            sources=store.source_dates(),
        )
        for rec, can in canon.items():
            g.members[can].append(rec)
        for c in store.iter_claims():
            if as_of is not None and not g.known_by(c, as_of):
                continue
            s = canon.get(c.subject, c.subject)
            o = canon.get(c.object, c.object) if c.object is not None else None
            if s == o and c.predicate in EQUIVALENCE:
                continue
            a = canon.get(c.assertor, c.assertor) if c.assertor else None
            if s != c.subject or o != c.object or a != c.assertor:
                c = Claim.trusted(
                    **{**{f: getattr(c, f) for f in CLAIM_FIELDS}, "subject": s, "object": o, "assertor": a}
                )
            if o is None:
                g.literals[s].append(c)
            else:
                g.out[s].append(c)
                g.inn[o].append(c)
        return g

    def date_of(self, c: Claim) -> str | None:
        """When a claim became public: its published date, else the earliest date of its sources."""
        if c.published:
            return c.published
        dates = sorted(d for d in (self.sources.get(s, (None, None))[0] for s in c.sources) if d)
        return dates[0] if dates else None

    def known_by(self, c: Claim, as_of: str) -> bool:
        if c.basis == "reference_data":
            return True
        d = self.date_of(c)
        return d is not None and earliest(d) <= earliest(as_of)

    def canonical(self, eid: str) -> str:
        return self.canon.get(eid, eid)

    def kind(self, eid: str) -> str:
        return self.nodes[eid][0]

    def name(self, eid: str) -> str:
        return self.nodes[eid][1]

    def cls(self, eid: str) -> str:
        return KIND_CLASS.get(self.kind(eid), "other")

    def ref(self, eid: str) -> dict[str, str]:
        kind, name = self.nodes[eid]
        return {"id": eid, "name": name, "kind": kind}

    def place_ref(self, eid: str) -> dict[str, str | None]:
        """A place with its ISO code, as chains and profiles show it."""
        return {"id": eid, "name": self.name(eid), "code": self.codes.get(eid)}

    def edges(self, eid: str, predicates: set[str], *, reverse: bool = False) -> list[Claim]:
        src = self.inn if reverse else self.out
        return [c for c in src.get(eid, ()) if c.predicate in predicates]

    def located_in(self, eid: str) -> list[str]:
        return [c.object for c in self.out.get(eid, ()) if c.predicate == "located_in" and not c.negated and c.object]
