"""Attribution chains: every path from an operation, group, company or person up to the state.

A hop follows one of the "upward" predicates (operated_by, front_company_for, employed_by, member_of_group,
attributed_to, subordinate_to, and established_by from a company or group) or the reverse of one whose
subject is the higher party (a group `conducted` an operation; a group `used` a tool; a company is a
`front_company_for` a group: the group climbs to its cover, as a province walk places it there, and
the company's own chain still goes on through the group it fronts for). `linked_to`, which
sources use when they do not say how two things are tied, counts only when it leads to a higher rung of
the ladder (model/rules.py), so a weak link never walks a chain back down; `supports` is followed the
same way in either direction. A path ends at a node with no further upward link. Location places, it never
attributes: `located_in` is no step of a chain (a company in Chengdu is not thereby the state's), it only
names the province and city a chain is placed in (`province`, `city`).

A path is a sequence of nodes: every predicate that ties one node to the next (operated_by and
attributed_to from two sources, say) is one step that lists each predicate with its claims, assertors,
sources and evidence, so paths over the same nodes are one path. A path **reaches the state** when it
passes through the country or a central organ (model/rules.py STATE_KINDS); one that never does (it
stops at a company, say) is an **open lead**, listed apart.

Paths that reach the state are folded where they first do (`state_at`): the part below that node says
who stands behind the start down to province and bureau; what lies above it is the apparatus (the MSS under
the State Council, the MSS under China), the same for every operation that reaches it. So paths that differ
only above that node are one chain: its `hops` run up the first route above it (one that ends at the country
first, then the more confident, then the shorter), and its other routes are listed in `above`, each with its
hops, confidence and end. An analyst reads one chain per way the state is reached, not one per fork of the
apparatus above it.

A step's confidence combines the independent voices behind all its claims (analysis/consensus.py),
capped at 99; a path's confidence is that of its weakest step. Paths of at least roughly even confidence
(50) come first, ranked by depth of attribution, the most specific level the path names (a named person,
a front company, a provincial or municipal bureau or a placed military unit, a ministry or national
military branch, the country: model/rules.py LEVELS, `level_of`), then by confidence, then by length;
weaker paths follow in the same order. Every path is found and ranked; a `limit`, if given, applies after
ranking and the result says how many it left out. Steps that some source denies, or whose upper end is one
side of a conflict over who runs the lower end (analysis/conflicts.py), are flagged `contested`, with the
conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.consensus import Voices, hop_confidence
from cyberstate.analysis.graph import UP_IN, UP_OUT, Graph
from cyberstate.model import Claim
from cyberstate.model.rules import LEVELS, PLACING, RUNG, STATE_KINDS, UPWARD, WEAK_TIES, climbs, denial_disputes

FORWARD = UPWARD
REVERSE = {"conducted": "conducted_by", "used": "used_by"}
#: The kinds a front company's `front_company_for` also ties from below: a firm that is a front for a
#: group is the group's cover, so the group climbs to the company by the claim read backwards (the label
#: below), as a province walk places the group under the company (model/rules.py PLACING); from the
#: company the claim still leads to the group, whom it fronts for.
FRONTED = next(reach for p, reverse, reach in PLACING if p == "front_company_for" and not reverse) or frozenset()
FRONT_USED = "uses_front_company"
ESTABLISHED_FROM = {"company", "front_company", "threat_group"}
#: Predicates followed either way, but only when they climb the ladder; the label read backwards.
CLIMBING = {"linked_to": "linked_to", "supports": "supported_by"}
assert set(CLIMBING) == WEAK_TIES
#: The incoming claims an upward step may follow (a ministry is the object of thousands of
#: attributions, none of which leads up), and the outgoing ones an upward or location step may follow:
#: both within what a walk up reads of a node (analysis/graph.py UP_IN, UP_OUT).
FROM_BELOW = frozenset(REVERSE) | frozenset(CLIMBING) | {"front_company_for"}
assert FROM_BELOW <= UP_IN and FORWARD | {"established_by"} | set(CLIMBING) <= UP_OUT

MAX_DEPTH = 12
TOP_RUNG = max(RUNG.values())
#: Paths at least this confident ("roughly even chance" and above) are ranked by depth of attribution
#: first: an analyst asking who stands behind a group wants the bureau before the country.
CREDIBLE = 50
#: Kept for callers that named the old list; the one ladder is model/rules.py LEVELS.
DEPTHS = list(LEVELS)


@dataclass(frozen=True)
class Hop:
    subject: str
    predicate: str
    object: str
    claims: tuple[Claim, ...]

    @property
    def asserted(self) -> list[Claim]:
        return [c for c in self.claims if not c.negated]

    @property
    def confidence(self) -> int:
        return max((c.confidence for c in self.asserted), default=0)

    @property
    def contested(self) -> bool:
        return any(c.negated for c in self.claims)


@dataclass(frozen=True)
class Step:
    """One node to the next, with every predicate (hop) that ties them."""

    subject: str
    object: str
    hops: tuple[Hop, ...]
    #: Claims denying a tie between the two nodes by a predicate no claim asserts that dispute a claim of
    #: the step ("not linked to" beside "member of"): the step is contested all the same.
    denied: tuple[Claim, ...] = ()

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for h in self.hops for c in h.claims)


def _up_out(g: Graph, kind: str, p: str, o: str) -> bool:
    """Whether a claim `node p o` (node of `kind`) is an upward step."""
    return (
        p in FORWARD
        or (p == "established_by" and kind in ESTABLISHED_FROM)
        or (p in CLIMBING and climbs(kind, g.kind(o)))
    )


def _up_in(g: Graph, kind: str, p: str, s: str) -> bool:
    """Whether a claim `s p node` (node of `kind`) is an upward step from the node to `s`."""
    return p in REVERSE or (p in CLIMBING and climbs(kind, g.kind(s))) or (p == "front_company_for" and kind in FRONTED)


def up_hops(g: Graph, node: str) -> list[Hop]:
    """The upward hops from `node`, one per (predicate, next node), claims grouped."""
    return [h for h in _up_hops(g, node) if h.asserted]


def _up_hops(g: Graph, node: str) -> list[Hop]:
    """`up_hops`, with the hops that only denied claims make."""
    hops: dict[tuple[str, str], list[Claim]] = {}
    kind = g.kind(node)
    for c in g.side(node, "out", UP_OUT):
        if c.object is not None and _up_out(g, kind, c.predicate, c.object):
            hops.setdefault((c.predicate, c.object), []).append(c)
    if RUNG.get(kind, -1) < TOP_RUNG:
        # Nothing climbs above the top rung (the country), so its incoming claims (every group
        # attributed to it: thousands) are never read for an upward step.
        for c in g.side(node, "inn", UP_IN):
            if _up_in(g, kind, c.predicate, c.subject):
                label = REVERSE.get(c.predicate) or CLIMBING.get(c.predicate) or FRONT_USED
                hops.setdefault((label, c.subject), []).append(c)
    return [Hop(node, p, o, tuple(cs)) for (p, o), cs in hops.items()]


def up_nodes(g: Graph, node: str) -> set[str]:
    """The nodes one upward hop (up_hops) from `node` reaches: read as links, since only where they lead
    counts (ownership conflicts ask which bodies stand above which). A place is not above what lies in it."""
    kind = g.kind(node)
    found = {
        c.object
        for c in g.links((node,), "out", UP_OUT)[node]
        if not c.negated and _up_out(g, kind, c.predicate, c.object)
    }
    if RUNG.get(kind, -1) < TOP_RUNG:
        found |= {
            c.subject
            for c in g.links((node,), "inn", UP_IN)[node]
            if not c.negated and _up_in(g, kind, c.predicate, c.subject)
        }
    return found


def _steps(hops: list[Hop]) -> list[Step]:
    """The steps the hops make, one per next node; a hop only denied claims make is no step, but marks
    the step to the same node with those of its denials that dispute a claim of the step
    (model/rules.py denial_disputes: "not linked to" disputes "operated by", "not operated by" leaves
    "linked to" standing)."""
    by: dict[str, list[Hop]] = {}
    denied: dict[str, list[Claim]] = {}
    for h in hops:
        if h.asserted:
            by.setdefault(h.object, []).append(h)
        else:
            denied.setdefault(h.object, []).extend(h.claims)
    return [
        Step(
            hs[0].subject,
            o,
            tuple(hs),
            tuple(
                d
                for d in denied.get(o, ())
                if any(denial_disputes(d.predicate, c.predicate) for h in hs for c in h.asserted)
            ),
        )
        for o, hs in by.items()
    ]


def step_paths(g: Graph, start: str) -> list[list[Step]]:
    """Every simple upward path from `start` over distinct nodes, to a node with nowhere further to go."""
    found: list[list[Step]] = []

    def walk(node: str, path: list[Step], seen: set[str]) -> None:
        nxt = [s for s in _steps(_up_hops(g, node)) if s.object not in seen] if len(path) < MAX_DEPTH else []
        if not nxt:
            if path:
                found.append(path)
            return
        for s in nxt:
            walk(s.object, [*path, s], seen | {s.object})

    walk(start, [], {start})
    return found


def paths(g: Graph, start: str) -> list[list[Hop]]:
    """Every upward path as hops (one hop per step: the first predicate); kept for older callers."""
    return [[s.hops[0] for s in p] for p in step_paths(g, start)]


def above(g: Graph, node: str, limit: int = MAX_DEPTH) -> set[str]:
    """Every node an upward walk from `node` reaches (its superiors and theirs)."""
    seen = {node}
    frontier = [node]
    for _ in range(limit):
        nxt = []
        for n in frontier:
            for o in sorted(up_nodes(g, n) - seen):
                seen.add(o)
                nxt.append(o)
        if not nxt:
            break
        frontier = nxt
    seen.discard(node)
    return seen


def _place(g: Graph, nodes: list[str]) -> tuple[str | None, str | None]:
    """(province, city) of a path: the first on it, or where the first located body on it sits."""
    province = city = None
    for n in nodes:
        candidates = [n, *g.located_in(n)]
        for m in candidates:
            k = g.kind(m)
            if k == "city" and city is None:
                city = m
                for p in g.located_in(m):
                    if g.kind(p) == "province" and province is None:
                        province = p
            elif k == "province" and province is None:
                province = m
        if province:
            break
    return province, city


def provinces_on(g: Graph, nodes: list[str]) -> list[str]:
    """Every province a path passes through, in path order: a node that is one, lies in one, or lies in a
    city of one. `_place` names the first (where the path is run from); a path from Earth Lusca (in
    Chengdu) through i-Soon (in Shanghai) passes through both."""
    out: list[str] = []
    for n in nodes:
        for m in (n, *g.located_in(n)):
            k = g.kind(m)
            found = (
                [m]
                if k == "province"
                else [p for p in g.located_in(m) if g.kind(p) == "province"]
                if k == "city"
                else []
            )
            out += [p for p in found if p not in out]
    return out


def depth_of_nodes(g: Graph, nodes: list[str]) -> str:
    """How far up the chain names the state's hand: the most specific level the path reaches."""
    start = nodes[0]
    levels = {g.level(n) for n in nodes}
    if "person" in levels and g.kind(start) == "person":
        levels.discard("person")
    return max(levels, key=LEVELS.index, default="none")


def depth_of(g: Graph, path: list[Hop], start: str) -> str:
    return depth_of_nodes(g, [start, *(h.object for h in path)])


def _evidence(c: Claim) -> dict[str, Any]:
    return {
        "claim": c.id,
        "text": c.evidence.text if c.evidence else None,
        "sources": list(c.sources),
        "note": c.note,
    }


def state_at(g: Graph, nodes: list[str]) -> int | None:
    """Where a path reaches the state: the index of its first node after the start that is the country or a
    central organ (STATE_KINDS), or None for an open lead."""
    return next((i for i, n in enumerate(nodes) if i and g.kind(n) in STATE_KINDS), None)


def _route_rank(g: Graph, steps: list[dict[str, Any]]) -> tuple[Any, ...]:
    """The order of the routes up through the apparatus above the node where a chain reaches the state
    (`state_at`): one that ends at the country first, then the more confident, then the shorter."""
    if not steps:
        return (False, 0, 0, [])
    return (
        g.kind(steps[-1]["object"]["id"]) != "country",
        -min(h["confidence"] for h in steps),
        len(steps),
        [h["object"]["name"] for h in steps],
    )


def _row(g: Graph, start: str, steps: list[dict[str, Any]]) -> dict[str, Any]:
    nodes = [start, *(h["object"]["id"] for h in steps)]
    province, city = _place(g, nodes)
    return {
        "hops": steps,
        "province": None if province is None else g.place_ref(province),
        "city": None if city is None else g.ref(city),
        "confidence": min(st["confidence"] for st in steps),
        "depth": depth_of_nodes(g, nodes),
        "ends_at": steps[-1]["object"],
        "contested": any(st["contested"] for st in steps),
    }


def chain_ends(row: dict[str, Any]) -> set[str]:
    """The ids of every end a chain row reaches: its own and those of the routes folded into `above`."""
    return {row["ends_at"]["id"], *(r["ends_at"]["id"] for r in row.get("above", ()))}


def chain(
    g: Graph,
    start: str,
    *,
    voices: Voices | None = None,
    conflicts: Conflicts | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """All chains from `start`, strongest first, as the JSON the CLI and API print: paths that reach the
    state in `chains`, dead ends in `open_leads`. `limit` keeps the first ranked chains and says so."""
    voices = voices or Voices(g)
    conflicts = conflicts or Conflicts(g)

    def step_row(s: Step) -> dict[str, Any]:
        conf = hop_confidence(voices, list(s.claims))
        clash = conflicts.between(s.subject, s.object)
        # strongest first by the measure shown (the independent voices behind each predicate), then by
        # its strongest single claim
        weighed = [(hop_confidence(voices, list(h.claims)), h) for h in s.hops]
        preds = [
            {
                "predicate": h.predicate,
                "claims": [c.id for c in h.asserted],
                "assertors": sorted({g.name(c.assertor) for c in h.asserted if c.assertor}),
                "sources": sorted({x for c in h.asserted for x in c.sources}),
                "confidence": hconf,
                "contested": h.contested,
                "evidence": [_evidence(c) for c in h.asserted],
            }
            for hconf, h in sorted(weighed, key=lambda x: (-x[0], -x[1].confidence, x[1].predicate))
        ]
        asserted = [c for h in s.hops for c in h.asserted]
        return {
            "subject": g.ref(s.subject),
            "predicate": preds[0]["predicate"],
            "predicates": preds,
            "object": g.ref(s.object),
            "claims": [c.id for c in asserted],
            "assertors": sorted({g.name(c.assertor) for c in asserted if c.assertor}),
            "sources": sorted({x for c in asserted for x in c.sources}),
            "confidence": conf,
            "contested": any(h.contested for h in s.hops) or bool(s.denied) or bool(clash),
            "conflicts": clash,
        }

    rendered: dict[tuple[str, str], dict[str, Any]] = {}

    def steps_of(path: list[Step]) -> list[dict[str, Any]]:
        # a step shared by several paths is weighed once
        return [rendered.setdefault((s.subject, s.object), step_row(s)) for s in path]

    # Paths that reach the state are folded where they first reach it (`state_at`): one chain per way up to
    # that node, whatever route the apparatus above it takes; its other routes are listed in `above`.
    folded: dict[tuple[str, ...], list[list[Step]]] = {}
    leads: list[dict[str, Any]] = []
    for path in step_paths(g, start):
        nodes = [start, *(s.object for s in path)]
        at = state_at(g, nodes)
        if at is None:
            leads.append({**_row(g, start, steps_of(path)), "state_at": None, "above": []})
        else:
            folded.setdefault(tuple(nodes[: at + 1]), []).append(path)
    reaching: list[dict[str, Any]] = []
    for key, group in folded.items():
        at = len(key) - 1
        routes = sorted((steps_of(p) for p in group), key=lambda st: _route_rank(g, st[at:]))
        row = _row(g, start, routes[0])
        row["state_at"] = g.ref(key[-1])
        row["above"] = [
            {
                "hops": st[at:],
                "confidence": min(h["confidence"] for h in st[at:]),
                "ends_at": st[-1]["object"],
            }
            for st in routes[1:]
        ]
        reaching.append(row)

    def rank(r: dict[str, Any]) -> tuple[Any, ...]:
        return (
            r["confidence"] < CREDIBLE,
            -LEVELS.index(r["depth"]),
            -r["confidence"],
            len(r["hops"]),
            [h["object"]["name"] for h in r["hops"]],
        )

    reaching.sort(key=rank)
    leads.sort(key=rank)
    total = len(reaching)
    kept = reaching if limit is None else reaching[:limit]
    return {
        "from": g.ref(start),
        "chains": kept,
        "open_leads": leads,
        "total": total,
        "limit": limit,
        "left_out": total - len(kept),
        "conflicts": conflicts.of(start),
    }
