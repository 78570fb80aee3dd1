"""Conflicts over who runs or owns an organisation: one company or group placed under two state bodies
that do not stand one above the other, by different sources.

Boyusec is a front for the MSS (EuRepoC; Recorded Future) and affiliated with PLA Unit 61398 (two US
officials to Reuters): the MSS is not above Unit 61398 nor the unit above the MSS, so the two claims
cannot both describe one line of command, and every answer that passes through Boyusec says so. A group
attributed to the MSS and operated by the Hubei State Security Department is no conflict: the
department is subordinate to the ministry.

A parent is the object of an attributing or ownership claim (model/rules.py ATTRIBUTING, OWNERSHIP)
that is a state body below the country (a bureau, unit, ministry, agency or organ); of a weak tie
(linked_to, supports) only where it leads up, as a chain follows it (model/rules.py climbs). Parents one of which
lies above the other (by the upward walk of analysis/chain.py) are one side, and so are parents one
assertor places it under both (the Justice Department: i-Soon worked at the direction of the MPS and the
MSS; a contractor of two bodies, not a dispute over who runs it); two or more sides, whose claims do not
all rest on the same sources, make a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cyberstate.analysis.graph import UP_OUT, Graph, Link
from cyberstate.model import Claim
from cyberstate.model.rules import ATTRIBUTING, CENTRAL_KINDS, OWNERSHIP, PROVINCIAL_KINDS, WEAK_TIES, climbs

PARENT_PREDICATES = ATTRIBUTING | OWNERSHIP
assert PARENT_PREDICATES <= UP_OUT  # read with what a walk up reads
STATE_BODIES = PROVINCIAL_KINDS | CENTRAL_KINDS


class Conflicts:
    """Ownership conflicts of a graph, computed per entity on demand and cached."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self._of: dict[str, list[dict[str, Any]]] = {}
        self._above: dict[str, set[str]] = {}
        self._parent_claims: dict[str, list[Claim]] = {}  # read ahead by `prime`

    def prime(self, eids: Iterable[str]) -> None:
        """Settle many entities at once (a province lists thousands): their parent links are read
        together, only those (not the rest of what a walk up reads: a person's membership, a company's
        place); an entity under fewer than two state bodies has no conflict, and only the others' parent
        claims are read whole (a conflict shows their sources and assertors)."""
        g = self.g
        todo = [e for e in dict.fromkeys(eids) if e not in self._of and e not in self._parent_claims]
        several = []
        for e, links in g.links(todo, "out", PARENT_PREDICATES).items():
            if len({x.object for x in links if self._parent(x)}) >= 2:
                several.append(e)
            else:
                self._of[e] = []
        self._parent_claims.update(g.edges_many(several, "out", UP_OUT))

    def _parent(self, c: Claim | Link) -> bool:
        """Whether the claim puts its subject under a state body (the object, a parent); a weak tie only
        when it leads up, as a chain follows it (model/rules.py climbs)."""
        g = self.g
        return (
            c.predicate in PARENT_PREDICATES
            and not c.negated
            and c.object is not None
            and c.object in g.nodes
            and g.kind(c.object) in STATE_BODIES
            and (c.predicate not in WEAK_TIES or climbs(g.kind(c.subject), g.kind(c.object)))
        )

    def _up(self, node: str) -> set[str]:
        if node not in self._above:
            from cyberstate.analysis.chain import above  # chain imports this module

            self._above[node] = above(self.g, node)
        return self._above[node]

    def parents(self, eid: str) -> dict[str, list[Claim]]:
        g = self.g
        out: dict[str, list[Claim]] = {}
        claims = self._parent_claims[eid] if eid in self._parent_claims else g.side(eid, "out", UP_OUT)
        for c in claims:
            if self._parent(c):
                assert c.object is not None
                out.setdefault(c.object, []).append(c)
        return out

    def of(self, eid: str) -> list[dict[str, Any]]:
        """The conflict over who runs `eid` (a list of at most one), both sides with their claims."""
        if eid in self._of:
            return self._of[eid]
        g = self.g
        parents = self.parents(eid)
        result: list[dict[str, Any]] = []
        if len(parents) >= 2:
            sides: list[list[str]] = []
            for p in sorted(parents, key=g.name):
                joined = [s for s in sides if any(p in self._up(q) or q in self._up(p) for q in s)]
                merged = [p] + [q for s in joined for q in s]
                sides = [s for s in sides if s not in joined] + [merged]
            # one voice that places it under two bodies describes one organisation serving both, not two
            # accounts of who runs it (the Justice Department and the FBI: i-Soon worked for the MPS and the
            # MSS; the NSA: Sichuan Juxinhe serves the MSS and the PLA): their sides are one
            sides = self._join_by_voice(sides, parents)
            sources = [frozenset(x for q in s for c in parents[q] for x in c.sources) for s in sides]
            if len(sides) >= 2 and len(set(sources)) > 1:
                result.append(
                    {
                        "subject": g.ref(eid),
                        "sides": [
                            {
                                "bodies": [g.ref(q) for q in sorted(s, key=g.name)],
                                "claims": [
                                    {
                                        "claim": c.id,
                                        "predicate": c.predicate,
                                        "object": g.ref(q),
                                        "assertor": g.name(c.assertor) if c.assertor in g.nodes else c.assertor,
                                        "sources": list(c.sources),
                                        "confidence": c.confidence,
                                    }
                                    for q in sorted(s, key=g.name)
                                    for c in parents[q]
                                ],
                            }
                            for s in sorted(sides, key=lambda s: sorted(g.name(q) for q in s))
                        ],
                    }
                )
        self._of[eid] = result
        return result

    @staticmethod
    def _join_by_voice(sides: list[list[str]], parents: dict[str, list[Claim]]) -> list[list[str]]:
        """Sides joined while one assertor has claims on two of them."""
        out: list[tuple[list[str], set[str]]] = []
        for side in sides:
            voices = {c.assertor for q in side for c in parents[q] if c.assertor}
            shared = [o for o in out if o[1] & voices]
            out = [o for o in out if o not in shared]
            out.append((side + [q for o in shared for q in o[0]], voices.union(*(o[1] for o in shared))))
        return [side for side, _ in out]

    def between(self, subject: str, obj: str) -> list[dict[str, Any]]:
        """The conflict over `subject` if `obj` is one of the bodies it sets against each other."""
        return [c for c in self.of(subject) if any(b["id"] == obj for s in c["sides"] for b in s["bodies"])]

    def everywhere(self) -> list[dict[str, Any]]:
        """Every conflict in the graph: the subjects of attributing or ownership claims on state bodies."""
        g = self.g
        subjects: set[str] = set()
        for body, (kind, _) in g.nodes.items():
            if kind in STATE_BODIES:
                subjects |= {c.subject for c in g.inn.get(body, ()) if c.predicate in PARENT_PREDICATES}
        return [c for s in sorted(subjects, key=lambda s: (g.name(s), s)) for c in self.of(s)]
