"""Province profile: the organisations the claims put in or under one province, and how.

The walk starts at the province and goes down, never up, and only along relations that place
something there (model/rules.py PLACING): what lies in it (cities, bureaus, companies, units), what is
subordinate to, run by, a front for, a member of or employed by a body already placed, and the
operations of the groups so placed. A concept the province shares with another (both `part_of` an
initiative), a neighbour (`borders`) or a weak tie (`linked_to`, `supports`) never places anything. What a
weak tie ties from below to a body placed there (model/rules.py `climbs`, as a chain climbs it: hackers
linked to a provincial department) is listed after what is placed, with what lies under it, as tied
"through a linked body" (`tie`: "linked"; a placed entity's is "placed"): a chain from it runs through the
province, so the province page says so, and how. Every entity listed carries `via`, the chain of claims that
ties it to the province, so a reader can check the link, and `contested`: the conflicts over who runs it or a
body on its way (analysis/conflicts.py), both sides.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from operator import itemgetter
from typing import Any

from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.graph import UP_OUT, Graph, Link
from cyberstate.model.rules import CENTRAL_RUNG, PLACE_KINDS, PLACING, RUNG, WEAK_TIES, climbs, denial_disputes
from cyberstate.model.vocab import PREDICATES

MAX_DEPTH = 6
#: Raised when the walk changes in a way WALK_KEY does not see (its code): stored walks are then walked again.
WALK_VERSION = 2  # 2: the linked part (`_link`)
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


#: Each placing step by the side of the node its claim is read from ("inn": the claim's subject is placed
#: under the node; "out": its object is), with the step's place in PLACING (the order a walk follows
#: them in) and the kinds it reaches.
_STEP_BELOW = {p: (i, reach) for i, (p, reverse, reach) in enumerate(PLACING) if reverse}
_STEP_ABOVE = {p: (i, reach) for i, (p, reverse, reach) in enumerate(PLACING) if not reverse}
_FIRST = itemgetter(0)


#: A walk as the store keeps it (Store.placements): one list per column, in the order found: entity, its
#: kind, depth, the node it was reached from, the claim that placed it, its predicate, whether the
#: entity is the claim's subject (1) or its object (0), and whether it is in the linked part (1: `_link`).
#: (A kind changed, or a merge, forgets the walks.)
WALK_COLUMNS = ("entity", "kind", "depth", "parent", "claim", "predicate", "below", "linked")
PLACING_NAMES = frozenset(p for p, _, _ in PLACING)
#: What a stored walk (Store.placements) was made by: the walk's rules. A store whose walks another
#: version of them made walks again (and the next write stores the new walks).
WALK_KEY = hashlib.sha256(
    repr(
        (
            WALK_VERSION,
            WALK_COLUMNS,
            [(p, reverse, sorted(reach or ())) for p, reverse, reach in PLACING],
            MAX_DEPTH,
            sorted(SKIP_KINDS),
            sorted(NATIONAL_KINDS),
            sorted(PLACE_KINDS),
            sorted(WEAK_TIES),
            sorted(RUNG.items()),
            sorted(
                (p, sorted(v.domain_kinds), sorted(v.range_kinds)) for p, v in PREDICATES.items() if p in PLACING_NAMES
            ),
        )
    ).encode()
).hexdigest()[:16]

#: What the walk found: entity -> (depth, the node it was reached from, the claim that placed it), in the
#: order found (a breadth-first walk).
Found = dict[str, tuple[int, str, Link]]


def walk(g: Graph, province: str) -> Found:
    """Every entity the placing claims put in or under `province`, nearest first (see the module); then
    what is tied to it only through a weak tie to a body so placed (`_link`), and what lies under that,
    nearest first again after them."""
    found: Found = {}
    # whether an entity of a kind may have anything placed under it (an operation never has): the walk
    # does not ask the others (an entity merged from records of several kinds is always asked)
    expands: dict[str, bool] = {}
    level = [province]
    for depth in range(1, MAX_DEPTH + 1):
        level = _spread(g, province, level, depth, found, expands)
        if not level:
            break
    # the linked part, depth by depth: a weak tie to a body at depth d reaches depth d + 1, and what a
    # linked entity places lies one deeper; each depth is found after the one before, as above
    anchors: dict[int, list[str]] = {}
    for e, (d, _, _) in found.items():
        if g.nodes[e][0] not in NATIONAL_KINDS | PLACE_KINDS:
            anchors.setdefault(d, []).append(e)
    under: dict[int, list[str]] = {}
    for depth in range(1, MAX_DEPTH):
        new = _link(g, province, anchors.get(depth, []), depth + 1, found)
        new += _spread(g, province, under.get(depth, []), depth + 1, found, expands)
        anchors.setdefault(depth + 1, []).extend(new)
        under.setdefault(depth + 1, []).extend(new)
    return found


def _link(g: Graph, province: str, bodies: list[str], depth: int, found: Found) -> list[str]:
    """The entities a weak tie (model/rules.py WEAK_TIES: `linked_to`, `supports`, either way) ties to one
    of `bodies` from below, as a chain climbs it (model/rules.py `climbs`: APT17 linked to the MSS's Jinan
    bureau), found at `depth`; never a place or a national body. Listed as tied through a linked body."""
    if not bodies:
        return []
    nodes = g.nodes
    inn, out = g.links(bodies, "inn", WEAK_TIES), g.links(bodies, "out", WEAK_TIES)
    new: list[str] = []
    for body in bodies:
        upper = nodes[body][0]
        for other, c in [*((c.subject, c) for c in inn[body]), *((c.object, c) for c in out[body])]:
            if c.negated or other == province or other in found or other not in nodes:
                continue
            kind = nodes[other][0]
            if kind in PLACE_KINDS or kind in NATIONAL_KINDS or not climbs(kind, upper):
                continue
            found[other] = (depth, body, c)
            new.append(other)
    return new


def _spread(g: Graph, province: str, level: list[str], depth: int, found: Found, expands: dict[str, bool]) -> list[str]:
    """One depth of the placing walk: what the placing claims of `level` put under it, found at `depth`;
    returns those that may have more placed under them (the next level)."""
    if not level:
        return []
    nodes, members = g.nodes, g.members
    # the placing claims of the whole level, read together, only those predicates
    below = g.links(level, "inn", PLACED_FROM_BELOW)
    above = g.links(level, "out", PLACED_FROM_ABOVE)
    frontier: list[str] = []
    for node in level:
        b, a = below[node], above[node]
        if not b and not a:
            continue
        # the node's placing claims in the order of PLACING, each step's in the order read (a
        # stable sort by the step's place)
        steps = [(*_STEP_BELOW[c.predicate], c.subject, c) for c in b] if b else []
        if a:
            steps += [(*_STEP_ABOVE[c.predicate], c.object, c) for c in a]
        if len(steps) > 1:
            steps.sort(key=_FIRST)
        for _, reach, other, c in steps:
            if other == province or other in found or c.negated:
                continue
            node_of = nodes.get(other)
            if node_of is None:
                continue
            kind = node_of[0]
            if (reach is not None and kind not in reach) or (kind in PLACE_KINDS and c.predicate != "located_in"):
                continue  # only lying in a place puts a place in the province
            found[other] = (depth, node, c)
            # a national body is context: what hangs under it is not thereby in the province
            if kind in NATIONAL_KINDS:
                continue
            more = expands.get(kind)
            if more is None:
                more = expands[kind] = g.may_link(kind, "inn", PLACED_FROM_BELOW) or g.may_link(
                    kind, "out", PLACED_FROM_ABOVE
                )
            if more or members.get(other):
                frontier.append(other)
    return frontier


def placement_columns(g: Graph, found: Found) -> dict[str, list[Any]]:
    """A walk as Store.put_placements keeps it (WALK_COLUMNS)."""
    steps = found.values()
    return {
        "entity": list(found),
        "kind": [g.nodes[e][0] for e in found],
        "depth": [d for d, _, _ in steps],
        "parent": [p for _, p, _ in steps],
        "claim": [c.id for _, _, c in steps],
        "predicate": [c.predicate for _, _, c in steps],
        "below": [int(c.subject == e) for e, (_, _, c) in found.items()],
        "linked": [int(x) for x in _linked(found)],
    }


def _linked(found: Found) -> list[bool]:
    """Whether each entity of a walk, in the order found, is in its linked part: reached by a weak tie, or
    placed under what was (a parent is always found before what it places)."""
    flags: dict[str, bool] = {}
    for e, (_, parent, c) in found.items():
        flags[e] = c.predicate in WEAK_TIES or flags.get(parent, False)
    return list(flags.values())


class StoredWalk:
    """A walk read back from the store, answering as the walk's `found` does for the few entities a
    page asks about (a Link is built only for those: a walk at 1M claims places over a thousand)."""

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns
        self.at = {e: i for i, e in enumerate(columns["entity"])}
        self._steps: dict[str, tuple[int, str, Link]] = {}

    def __getitem__(self, eid: str) -> tuple[int, str, Link]:
        got = self._steps.get(eid)
        if got is None:
            i = self.at[eid]
            c = self.columns
            parent, cid, pred = c["parent"][i], c["claim"][i], c["predicate"][i]
            ends = (eid, parent) if c["below"][i] else (parent, eid)
            # a placing claim is never negated: the walk skips those
            got = self._steps[eid] = (c["depth"][i], parent, Link(cid, ends[0], pred, ends[1], False))
        return got

    def listed(self) -> tuple[list[list[str]], list[str]]:
        """What the profile lists, by depth, in the order found, and their kinds (in the same order)."""
        c = self.columns
        return _runs(c["entity"], c["kind"], c["depth"], c["linked"])


def _listed(g: Graph, found: Found) -> tuple[list[list[str]], list[str]]:
    """What the profile lists of a walk, by depth (nearest first), in the order found, and their kinds."""
    nodes = g.nodes
    return _runs(list(found), [nodes[e][0] for e in found], [d for d, _, _ in found.values()], _linked(found))


def _runs(ents: list[str], kinds: list[str], depths: list[int], linked: list[Any]) -> tuple[list[list[str]], list[str]]:
    """The entities a profile lists, in runs of one depth in the order found (the placed part depth by depth,
    then the linked part depth by depth), without SKIP_KINDS, and their kinds in the same order."""
    runs: list[list[str]] = []
    listed: list[str] = []
    last = None
    for e, k, d, weak in zip(ents, kinds, depths, linked, strict=True):
        if (d, bool(weak)) != last:
            runs.append([])
            last = (d, bool(weak))
        if k not in SKIP_KINDS:
            runs[-1].append(e)
            listed.append(k)
    return runs, listed


#: The claims that, denied, deny a placing tie: the placing predicates and what a chain climbs by.
DENYING = PLACING_NAMES | UP_OUT


def _denials(g: Graph, ties: list[Link]) -> dict[str, list[str]]:
    """For each placing claim, the claims that deny a tie between its two ends in the same direction and
    dispute it (model/rules.py denial_disputes: "not operated by" or "not linked to" dispute "operated
    by"; "not operated by" leaves "linked to" standing), as a chain flags the step they deny."""
    ends = {(t.subject, t.object): t for t in ties}
    out: dict[str, list[str]] = {}
    for subject, links in g.links({s for s, _ in ends}, "out", DENYING).items():
        for x in links:
            tie = ends.get((subject, x.object))
            if x.negated and tie is not None and denial_disputes(x.predicate, tie.predicate):
                out.setdefault(tie.id, []).append(x.id)
    return out


def profile(g: Graph, province: str, *, conflicts: Conflicts | None = None, limit: int | None = None) -> dict[str, Any]:
    """The profile; with `limit`, only the first `limit` entities in rank order are listed (with their
    facts and conflicts), and `total` and `left_out` say how many there are; `counts` counts them all.
    The walk is the one the store keeps (Graph.placed), or walked now when it keeps none."""
    conflicts = conflicts or Conflicts(g)
    nodes = g.nodes
    stored = g.placed(province, WALK_KEY)
    found: Found | StoredWalk
    if stored is not None:
        found = StoredWalk(stored)
        by_depth, kinds = found.listed()
    else:
        found = walk(g, province)
        by_depth, kinds = _listed(g, found)

    def row(eid: str) -> dict[str, Any]:
        depth, _, c = found[eid]
        steps = []
        n = eid
        while n != province:
            steps.append(n)
            n = found[n][1]
        steps.reverse()
        via = []
        for n in steps:
            step = found[n][2]
            via.append(f"{nodes[step.subject][1]} {step.predicate} {nodes[step.object][1]}")
        kind, name = nodes[eid]
        return {
            "id": eid,
            "name": name,
            "kind": kind,
            "via": " → ".join(via),
            # placed by the placing ties alone, or through a weak tie to a body placed there (`_link`)
            "tie": "linked" if any(found[n][2].predicate in WEAK_TIES for n in steps) else "placed",
            "depth": depth,
            "claims": [c.id],
            "_path": steps,
        }

    # nearest first, then by kind and name (ties in the order found); the walk finds every depth after
    # the one before, so only the depths that fill the page are sorted
    counts = Counter(kinds)
    total = len(kinds)
    want = total if limit is None else min(limit, total)
    page: list[str] = []
    for listed in by_depth:
        if len(page) >= want:
            break
        need = want - len(page)
        keyed = [(nodes[e], i, e) for i, e in enumerate(listed)]
        page += [t[-1] for t in (heapq.nsmallest(need, keyed) if need < len(keyed) else sorted(keyed))]
    linked = [row(e) for e in page]
    conflicts.prime(n for r in linked for n in r["_path"])
    denials = _denials(g, [found[n][2] for r in linked for n in r["_path"]])
    for r in linked:
        path = r.pop("_path")
        r["contested"] = [c for n in path for c in conflicts.of(n)]
        r["denied"] = [d for n in path for d in denials.get(found[n][2].id, ())]
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
    return {
        "province": g.place_ref(province),
        "linked": linked,
        "facts": facts,
        "counts": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        "total": total,
        "limit": limit,
        "left_out": total - len(linked),
    }
