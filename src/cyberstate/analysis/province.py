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

from collections import Counter, deque
from typing import Any

from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.graph import Graph
from cyberstate.model import Claim
from cyberstate.model.rules import CENTRAL_RUNG, PLACE_KINDS, PLACING, RUNG

MAX_DEPTH = 6
#: Things a profile never lists (the province's own country is context, not content).
SKIP_KINDS = {"country"}


#: What a placing walk reads of each entity: the claims it may follow in and out, nothing else.
PLACED_FROM_BELOW = frozenset(p for p, reverse, _ in PLACING if reverse)
PLACED_FROM_ABOVE = frozenset(p for p, reverse, _ in PLACING if not reverse)
#: The statements about the province and what lies near it that a profile shows as facts.
FACT_PREDICATES = frozenset(
    {"specialises_in", "description", "is_a", "quantity", "responsible_for", "objective", "active", "founded"}
)


def profile(g: Graph, province: str, *, conflicts: Conflicts | None = None) -> dict[str, Any]:
    conflicts = conflicts or Conflicts(g)
    seen: dict[str, dict[str, Any]] = {}
    queue: deque[tuple[str, int, list[str], list[str]]] = deque()
    placing: dict[str, dict[tuple[str, bool], list[Claim]]] = {}  # node -> (predicate, reverse) -> claims

    def national(node: str) -> bool:
        """A national body is context: what hangs under it is not thereby in the province."""
        return node != province and (g.kind(node) in {"country", "sector"} or RUNG.get(g.kind(node), 0) >= CENTRAL_RUNG)

    def read(nodes: list[str]) -> None:
        """The placing claims of every node queued, read together, only those predicates."""
        nodes = [n for n in dict.fromkeys(nodes) if n not in placing and not national(n)]
        below = g.edges_many(nodes, "inn", PLACED_FROM_BELOW)
        above = g.edges_many(nodes, "out", PLACED_FROM_ABOVE)
        for n in nodes:
            sides: dict[tuple[str, bool], list[Claim]] = {}
            for reverse, claims in ((True, below[n]), (False, above[n])):
                for c in claims:
                    sides.setdefault((c.predicate, reverse), []).append(c)
            placing[n] = sides

    def visit(eid: str, depth: int, via: list[str], claim_ids: list[str], path: list[str]) -> None:
        if eid == province or eid in seen:
            return
        seen[eid] = {**g.ref(eid), "via": " → ".join(via), "depth": depth, "claims": claim_ids, "_path": path}
        if depth < MAX_DEPTH:
            queue.append((eid, depth, via, path))

    queue.append((province, 0, [], []))
    while queue:
        node, depth, via, path = queue.popleft()
        if national(node):
            continue
        if node not in placing:
            read([node, *(item[0] for item in queue)])
        sides = placing[node]
        for pred, reverse, reach in PLACING:
            for c in sides.get((pred, reverse), ()):
                if c.negated:
                    continue
                other = c.subject if reverse else c.object
                assert other is not None
                if other not in g.nodes or (reach is not None and g.kind(other) not in reach):
                    continue
                if g.kind(other) in PLACE_KINDS and pred != "located_in":
                    continue  # only lying in a place puts a place in the province
                step = f"{g.name(c.subject)} {pred} {g.name(c.object)}" if c.object else pred
                visit(other, depth + 1, [*via, step], [c.id], [*path, other])
    linked = sorted(seen.values(), key=lambda r: (r["depth"], r["kind"], r["name"]))
    linked = [r for r in linked if r["kind"] not in SKIP_KINDS]
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
    counts = Counter(r["kind"] for r in linked)
    return {
        "province": g.place_ref(province),
        "linked": linked,
        "facts": facts,
        "counts": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
