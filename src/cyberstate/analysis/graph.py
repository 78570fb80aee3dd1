"""An in-memory view of the accepted claims, indexed both ways, that the analyses walk.

Analyses read the whole claim graph many times per answer (every path of a chain, every link of a
province), so they work on this index rather than issuing a query per hop.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cyberstate.model import Claim
from cyberstate.model.vocab import KIND_CLASS
from cyberstate.store.sqlite import SQLiteStore


@dataclass
class Graph:
    nodes: dict[str, tuple[str, str]]  # id -> (kind, name)
    out: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    inn: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    literals: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, str] = field(default_factory=dict)
    assertor_types: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: SQLiteStore) -> Graph:
        g = cls(store.entity_kinds(), codes=store.entity_codes(), assertor_types=store.assertor_types())
        for c in store.iter_claims():
            if c.object is None:
                g.literals[c.subject].append(c)
            else:
                g.out[c.subject].append(c)
                g.inn[c.object].append(c)
        return g

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
