"""Province profile: the organisations the claims put in or under one province, and how.

The walk starts at the province and goes down, never up, and only along relations that place
something there (model/rules.py PLACING): what lies in it (cities, bureaus, companies, units), what is
subordinate to, run by, a front for, a member of or employed by a body already placed, and the
operations of the groups so placed. A concept the province shares with another (both `part_of` an
initiative), a neighbour (`borders`) or a weak `linked_to` never places anything. Every entity listed
carries `via`, the chain of claims that ties it to the province, so a reader can check the link, and
`contested`: the conflicts over who runs it or a body on its way (analysis/conflicts.py), both sides.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.graph import Graph, Link
from cyberstate.model.rules import CENTRAL_RUNG, PLACE_KINDS, PLACING, RUNG

MAX_DEPTH = 6
#: Entities a profile lists unless asked for more: the first in rank order (nearest first); the answer
#: says how many it leaves out, and counts them all. A real province lists a few dozen; a store of a
#: million claims puts over a thousand operations under one, which no reader reads row by row.
PAGE = 200
#: Things a profile never lists (the province's own country is context, not content).
SKIP_KINDS = {"country"}
#: Bodies a walk does not go down from: what hangs under a national body is not thereby in the province.
NATIONAL_KINDS = frozenset({"country", "sector"} | {k for k, rung in RUNG.items() if rung >= CENTRAL_RUNG})


#: What a placing walk reads of each entity: the claims it may follow in and out, nothing else.
PLACED_FROM_BELOW = frozenset(p for p, reverse, _ in PLACING if reverse)
PLACED_FROM_ABOVE = frozenset(p for p, reverse, _ in PLACING if not reverse)
#: The statements about the province and what lies near it that a profile shows as facts.
FACT_PREDICATES = frozenset(
    {"specialises_in", "description", "is_a", "quantity", "responsible_for", "objective", "active", "founded"}
)


def profile(g: Graph, province: str, *, conflicts: Conflicts | None = None, limit: int | None = None) -> dict[str, Any]:
    """The profile; with `limit`, only the first `limit` entities in rank order are listed (with their
    facts and conflicts), and `total` and `left_out` say how many there are; `counts` counts them all."""
    conflicts = conflicts or Conflicts(g)
    nodes = g.nodes
    # what the walk found: entity -> (depth, the node it was reached from, the claim that placed it),
    # in the order found (a breadth-first walk: the rows are built from this only for what is listed)
    found: dict[str, tuple[int, str, Link]] = {}

    frontier = [province]
    for depth in range(1, MAX_DEPTH + 1):
        # a national body is context: what hangs under it is not thereby in the province
        level = [n for n in frontier if nodes[n][0] not in NATIONAL_KINDS or n == province]
        # the placing claims of the whole level, read together, only those predicates
        below = g.links(level, "inn", PLACED_FROM_BELOW)
        above = g.links(level, "out", PLACED_FROM_ABOVE)
        frontier = []
        for node in level:
            if not below[node] and not above[node]:
                continue
            sides: dict[tuple[str, bool], list[Link]] = {}
            for reverse, claims in ((True, below[node]), (False, above[node])):
                for c in claims:
                    if not c.negated:
                        sides.setdefault((c.predicate, reverse), []).append(c)
            for pred, reverse, reach in PLACING:
                for c in sides.get((pred, reverse), ()):
                    other = c.subject if reverse else c.object
                    if other == province or other in found or other not in nodes:
                        continue
                    kind = nodes[other][0]
                    if (reach is not None and kind not in reach) or (kind in PLACE_KINDS and pred != "located_in"):
                        continue  # only lying in a place puts a place in the province
                    found[other] = (depth, node, c)
                    frontier.append(other)

    def path(eid: str) -> list[str]:
        out = []
        while eid != province:
            out.append(eid)
            eid = found[eid][1]
        return out[::-1]

    def row(eid: str) -> dict[str, Any]:
        depth, _, c = found[eid]
        steps = path(eid)
        via = [f"{g.name(found[n][2].subject)} {found[n][2].predicate} {g.name(found[n][2].object)}" for n in steps]
        return {**g.ref(eid), "via": " → ".join(via), "depth": depth, "claims": [c.id], "_path": steps}

    # nearest first, then by kind and name (ties in the order found)
    order = sorted((found[e][0], *nodes[e], i, e) for i, e in enumerate(found))
    ranked = [t[-1] for t in order if t[1] not in SKIP_KINDS]
    linked = [row(e) for e in (ranked if limit is None else ranked[:limit])]
    conflicts.prime(n for r in linked for n in r["_path"])
    for r in linked:
        r["contested"] = [c for n in r.pop("_path") for c in conflicts.of(n)]
    facts = []
    near = [province, *(r["id"] for r in linked if r["depth"] <= 2)]
    literals = g.edges_many(near, "literals", FACT_PREDICATES)
    for eid in near:
        for c in literals[eid]:
            facts.append(
                {
                    "subject": g.ref(eid),
                    "predicate": c.predicate,
                    "value": literal_text(c.value),
                    "negated": c.negated,
                    "claim": c.id,
                }
            )
    counts = Counter(nodes[e][0] for e in ranked)
    return {
        "province": g.place_ref(province),
        "linked": linked,
        "facts": facts,
        "counts": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        "total": len(ranked),
        "limit": limit,
        "left_out": len(ranked) - len(linked),
    }
