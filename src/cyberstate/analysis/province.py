"""Province profile: everything the claims tie to one province, and how.

The walk starts at the province and goes down, never up: what lies in it (cities, bureaus, zones,
facilities), then what those bodies run (groups operated by a bureau, front companies for it, people
employed by them), what the groups did (operations) and whom they targeted. Every entity listed
carries `via`, the chain of claims that ties it to the province, so a reader can check the link.
Claims stated directly with the province as subject or object are depth one whatever their predicate.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import Any

from cyberstate.analysis.chain import RUNG
from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.graph import Graph

# (predicate, reverse?) steps that lead from an entity to what depends on it or sits in it
DOWN: tuple[tuple[str, bool], ...] = (
    ("located_in", True),
    ("subordinate_to", True),
    ("part_of", True),
    ("operated_by", True),
    ("front_company_for", True),
    ("employed_by", True),
    ("member_of_group", True),
    ("attributed_to", True),
    ("established_by", True),
    ("issued_by", True),
    ("conducted", False),
    ("hosts", False),
    ("targeted", False),
    ("linked_to", False),
    ("linked_to", True),
)
MAX_DEPTH = 4
CENTRAL_RUNG = RUNG["ministry"]
#: Things a profile never lists as "linked" (the province's own country is context, not content).
SKIP_KINDS = {"country"}


def profile(g: Graph, province: str) -> dict[str, Any]:
    seen: dict[str, dict[str, Any]] = {}
    queue: deque[tuple[str, int, list[str]]] = deque()

    def visit(eid: str, depth: int, via: list[str], claim_ids: list[str]) -> None:
        if eid == province or eid in seen:
            return
        seen[eid] = {**g.ref(eid), "via": " → ".join(via), "depth": depth, "claims": claim_ids}
        if depth < MAX_DEPTH:
            queue.append((eid, depth, via))

    # depth one: any claim that names the province
    for c in g.out.get(province, ()):
        if c.negated or c.object is None or (c.predicate == "located_in" and g.kind(c.object) == "country"):
            continue
        visit(c.object, 1, [f"{g.name(province)} {c.predicate} {g.name(c.object)}"], [c.id])
    for c in g.inn.get(province, ()):
        if c.negated:
            continue
        visit(c.subject, 1, [f"{g.name(c.subject)} {c.predicate} {g.name(province)}"], [c.id])
    while queue:
        node, depth, via = queue.popleft()
        if g.kind(node) in {"country", "sector"} or RUNG.get(g.kind(node), 0) >= CENTRAL_RUNG:
            continue  # a national body is context: what hangs under it is not thereby in the province
        for pred, reverse in DOWN:
            for c in g.edges(node, {pred}, reverse=reverse):
                if c.negated:
                    continue
                other = c.subject if reverse else c.object
                assert other is not None
                if pred == "linked_to" and RUNG.get(g.kind(other), 0) >= RUNG.get(g.kind(node), 0):
                    continue  # a weak link only leads down (bureau to group), never up to the ministry
                step = (f"{g.name(c.subject)} {pred} {g.name(c.object)}") if c.object else pred
                visit(other, depth + 1, [*via, step], [c.id])
    linked = sorted(seen.values(), key=lambda r: (r["depth"], r["kind"], r["name"]))
    linked = [r for r in linked if r["kind"] not in SKIP_KINDS]
    facts = []
    for eid in [province, *(r["id"] for r in linked if r["depth"] <= 2)]:
        for c in g.literals.get(eid, ()):
            if c.predicate in {
                "specialises_in",
                "description",
                "is_a",
                "quantity",
                "responsible_for",
                "objective",
                "active",
                "founded",
            }:
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
