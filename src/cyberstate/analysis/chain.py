"""Attribution chains: every path from an operation, group, company or person up to the state.

A hop follows one of the "upward" predicates (operated_by, front_company_for, employed_by, member_of_group,
attributed_to, subordinate_to, and established_by from a company or group) or the reverse of one whose
subject is the higher party (a group `conducted` an operation; a group `used` a tool). `linked_to`, which
sources use when they do not say how two things are tied, counts only when it leads to a higher rung of
the ladder below, so a weak link never walks a chain back down; `supports` is followed the same way in
either direction ("the Hainan branch assisted APT40": up from the group to the branch; "the company
facilitated MSS operations": up from the company to the ministry). When a path reaches a body with no
further link, it ends through the body's location (bureau -> province -> country), so every chain that
the data allows ends at the state.

A hop's confidence combines the independent voices behind it (analysis/consensus.py: a noisy-OR of each
voice's strongest confidence, so two governments and a court raise it above any one of them, while a
news story repeating an indictment adds nothing), capped at 99; a path's confidence is that of its
weakest hop. Paths of at least roughly even confidence (50) come first, ranked by depth of attribution
(a named person or front company says more than a bureau, a bureau more than a ministry, a ministry
more than the country), then by confidence, then by length; weaker paths follow in the same order.
Hops that some source denies are flagged `contested`. The province (and city) a path passes through is
the first one found on the path or in the location of a body on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cyberstate.analysis.consensus import Voices, hop_confidence
from cyberstate.analysis.graph import Graph
from cyberstate.model import Claim

FORWARD = {
    "operated_by",
    "front_company_for",
    "employed_by",
    "member_of_group",
    "attributed_to",
    "subordinate_to",
}
REVERSE = {"conducted": "conducted_by", "used": "used_by"}
ESTABLISHED_FROM = {"company", "front_company", "threat_group"}
#: Predicates followed either way, but only when they climb the ladder; the label read backwards.
CLIMBING = {"linked_to": "linked_to", "supports": "supported_by"}

#: The ladder from an act to the state; `linked_to` may only climb it.
RUNG: dict[str, int] = {
    "operation": 0,
    "malware": 0,
    "tool": 0,
    "indictment": 0,
    "sanction": 0,
    "public_attribution": 0,
    "person": 1,
    "threat_group": 2,
    "company": 3,
    "front_company": 3,
    "municipal_bureau": 4,
    "provincial_bureau": 4,
    "military_unit": 4,
    "university": 4,
    "research_centre": 4,
    "ministry": 5,
    "government_agency": 5,
    "regulator": 5,
    "state_organ": 6,
    "party_organ": 6,
    "country": 7,
}
ORGANISATIONAL_TOP = 6

MAX_DEPTH = 12
#: Paths at least this confident ("roughly even chance" and above) are ranked by depth of attribution
#: first: an analyst asking who stands behind a group wants the bureau before the country.
CREDIBLE = 50
MAX_PATHS = 500


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


def _group(claims: list[Claim], nxt: str, flip: bool) -> dict[str, list[Claim]]:
    by: dict[str, list[Claim]] = {}
    for c in claims:
        target = c.subject if flip else c.object
        assert target is not None
        if target != nxt:
            by.setdefault(target, []).append(c)
    return by


def up_hops(g: Graph, node: str) -> list[Hop]:
    """The upward hops from `node`, one per (predicate, next node), claims grouped."""
    hops: dict[tuple[str, str], list[Claim]] = {}
    kind = g.kind(node)
    for c in g.out.get(node, ()):
        p, o = c.predicate, c.object
        if o is None:
            continue
        if (
            p in FORWARD
            or (p == "established_by" and kind in ESTABLISHED_FROM)
            or (p in CLIMBING and RUNG.get(g.kind(o), -1) > RUNG.get(kind, 99))
        ):
            hops.setdefault((p, o), []).append(c)
    for c in g.inn.get(node, ()):
        s = c.subject
        if c.predicate in REVERSE:
            hops.setdefault((REVERSE[c.predicate], s), []).append(c)
        elif c.predicate in CLIMBING and RUNG.get(g.kind(s), -1) > RUNG.get(kind, 99):
            hops.setdefault((CLIMBING[c.predicate], s), []).append(c)
    out = [Hop(node, p, o, tuple(cs)) for (p, o), cs in hops.items()]
    return [h for h in out if h.asserted]


def _location_hops(g: Graph, node: str) -> list[Hop]:
    by: dict[str, list[Claim]] = {}
    for c in g.out.get(node, ()):
        if c.predicate == "located_in" and c.object is not None:
            by.setdefault(c.object, []).append(c)
    return [h for h in (Hop(node, "located_in", o, tuple(cs)) for o, cs in by.items()) if h.asserted]


def paths(g: Graph, start: str) -> list[list[Hop]]:
    """Every simple upward path from `start` to a node with nowhere further to go."""
    found: list[list[Hop]] = []

    def walk(node: str, path: list[Hop], seen: set[str]) -> None:
        if len(found) >= MAX_PATHS:
            return
        nxt = [h for h in up_hops(g, node) if h.object not in seen] if len(path) < MAX_DEPTH else []
        if not nxt and g.kind(node) != "country":
            # end through the location: a bureau lies in its province, a province in its country
            nxt = [h for h in _location_hops(g, node) if h.object not in seen]
        if not nxt:
            if path:
                found.append(path)
            return
        for h in nxt:
            walk(h.object, [*path, h], seen | {h.object})

    walk(start, [], {start})
    return found


def _place(g: Graph, path: list[Hop], start: str) -> tuple[str | None, str | None]:
    """(province, city) of a path: the first on it, or where the first located body on it sits."""
    nodes = [start, *(h.object for h in path)]
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


#: Depth of attribution, least specific first; a chain that names a person or front company says more.
DEPTHS = ["none", "country", "agency", "provincial bureau", "front company", "person"]


def depth_of(g: Graph, path: list[Hop], start: str) -> str:
    """How far up the chain names the state's hand: the most specific level the path reaches."""
    kinds = {g.kind(n) for n in [start, *(h.object for h in path)]}
    if "person" in kinds and g.kind(start) == "person":
        kinds.discard("person")
    for level, ks in (
        ("person", {"person"}),
        ("front company", {"front_company", "company"}),
        ("provincial bureau", {"provincial_bureau", "municipal_bureau", "military_unit"}),
        ("agency", {"ministry", "government_agency", "state_organ", "party_organ"}),
        ("country", {"country"}),
    ):
        if kinds & ks:
            return level
    return "none"


def chain(g: Graph, start: str) -> dict[str, Any]:
    """All chains from `start`, strongest first, as the JSON the CLI and API print."""
    result = []
    voices = Voices(g)
    for path in paths(g, start):
        province, city = _place(g, path, start)
        confs = [hop_confidence(voices, list(h.claims)) for h in path]
        conf = min(confs)
        result.append(
            {
                "hops": [
                    {
                        "subject": g.ref(h.subject),
                        "predicate": h.predicate,
                        "object": g.ref(h.object),
                        "claims": [c.id for c in h.asserted],
                        "assertors": sorted({g.name(c.assertor) for c in h.asserted if c.assertor}),
                        "sources": sorted({s for c in h.asserted for s in c.sources}),
                        "confidence": hc,
                        "contested": h.contested,
                    }
                    for h, hc in zip(path, confs, strict=True)
                ],
                "province": None if province is None else g.place_ref(province),
                "city": None if city is None else g.ref(city),
                "confidence": conf,
                "depth": depth_of(g, path, start),
                "ends_at": g.ref(path[-1].object),
            }
        )
    result.sort(
        key=lambda r: (
            r["confidence"] < CREDIBLE,
            -DEPTHS.index(r["depth"]),
            -r["confidence"],
            len(r["hops"]),
            [h["object"]["name"] for h in r["hops"]],
        )
    )
    return {"from": g.ref(start), "chains": result}
