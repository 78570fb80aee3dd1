"""The seeds' theses as analyses over the data, each with its figure, the entities behind it and caveats.

1. Provincial reach: of the groups and operations attributed to a country (here China), the share whose
   chain reaches a provincial body (a provincial or municipal bureau, or any body located in a province
   or one of its cities), against those that reach only a central body (a ministry, agency, party or
   state organ, military unit) and those that reach only the country.
2. Specialisation: for each province, the countries, regions and sectors targeted by the groups and operations
   its bodies are tied to; distinctness is the mean pairwise Jaccard distance between provinces' target
   sets (1: no target in common; 0: identical), and each province's share of targets no other province
   has.
3. Provincial naming: of the official responses (indictments, sanctions, public attributions, advisories,
   statements) and of the attributions made by governments, courts and international organisations,
   the share that name a provincial organisation, directly or through what they concern.

Where the data cannot support a figure (no group tied to the country, fewer than two provinces with
targets, no official response), the answer says so instead of a number.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from cyberstate.analysis.chain import chain, chain_ends, provinces_on
from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.consensus import Voices
from cyberstate.analysis.graph import UP_OUT, Graph
from cyberstate.analysis.province import profile
from cyberstate.analysis.timeline import official_response
from cyberstate.model.rules import ATTRIBUTING, OFFICIAL_ASSERTORS, RESPONSE_KINDS
from cyberstate.model.vocab import PREDICATES

ChainsOf = Callable[[str], list[dict[str, Any]]]


def _chains_of(g: Graph, voices: Voices | None = None, conflicts: Conflicts | None = None) -> ChainsOf:
    """The chains of an entity, each computed once per answer."""
    voices = voices or Voices(g)
    conflicts = conflicts or Conflicts(g)
    memo: dict[str, list[dict[str, Any]]] = {}

    def of(eid: str) -> list[dict[str, Any]]:
        if eid not in memo:
            memo[eid] = chain(g, eid, voices=voices, conflicts=conflicts)["chains"]
        return memo[eid]

    return of


RESPONSES = set(RESPONSE_KINDS)
OFFICIAL = OFFICIAL_ASSERTORS
TARGET_KINDS = {"country", "province", "region", "sector"}
#: What a thesis reads of the entities it weighs: the targets of the groups and operations; what a
#: response names; the rest within what a walk up reads (analysis/graph.py UP_OUT).
TARGETED = frozenset({"targeted"})
NAMING = frozenset({"concerns", "indicted", "sanctioned", "linked_to"})
ALL_PREDICATES = frozenset(PREDICATES)
assert ATTRIBUTING | {"employed_by", "front_company_for", "operated_by", "located_in"} <= UP_OUT


def _country_nexus(g: Graph, country: str, chains_of: ChainsOf) -> list[str]:
    """Groups and operations whose chains end at the country."""
    out = []
    for eid, (kind, _) in g.nodes.items():
        if kind not in {"threat_group", "operation"}:
            continue
        if any(c.object == country and not c.negated for c in g.side(eid, "out", UP_OUT) if c.predicate in ATTRIBUTING):
            out.append(eid)
            continue
        if any(country in chain_ends(ch) for ch in chains_of(eid)):
            out.append(eid)
    return sorted(out)


#: The seeds state the first thesis of China, whose provincial state security departments are the MSS's.
SEEDS_COUNTRY = "CN"
SEEDS_REACH = "provincial MSS branches (and other provincial bodies) stand behind more operations than the centre"


def reach_title(g: Graph, country: str) -> str:
    """The first thesis as stated of `country`: in the seeds' words for the country they speak of (China's
    MSS branches), in general words naming any other country (Russia has no MSS)."""
    if g.codes.get(country) == SEEDS_COUNTRY:
        return SEEDS_REACH
    return f"provincial bodies of {g.name(country)} stand behind more operations than the centre"


def provincial_reach(g: Graph, country: str, chains_of: ChainsOf | None = None) -> dict[str, Any]:
    chains_of = chains_of or _chains_of(g)
    nexus = _country_nexus(g, country, chains_of)
    buckets: dict[str, list[dict[str, Any]]] = {"provincial": [], "central": [], "country": []}
    for eid in nexus:
        chains = chains_of(eid)
        levels = {g.level(h["object"]["id"]) for ch in chains for h in ch["hops"]}
        # every province a path passes through, not only the first on it (a chain's `province`): Earth
        # Lusca, in Chengdu, run by i-Soon, in Shanghai, reaches both, as the specialisation thesis and the
        # province pages place it
        provinces = {
            g.name(p)
            for ch in chains
            for p in provinces_on(g, [ch["hops"][0]["subject"]["id"], *(h["object"]["id"] for h in ch["hops"])])
        }
        if "provincial bureau" in levels or provinces:
            buckets["provincial"].append({**g.ref(eid), "provinces": sorted(provinces)})
        elif "agency" in levels:
            buckets["central"].append(g.ref(eid))
        else:
            buckets["country"].append(g.ref(eid))
    n = len(nexus)
    if n == 0:
        return {
            "thesis": "provincial reach",
            "figure": None,
            "answer": "no data: no group or operation is tied to this country",
            "entities": buckets,
        }
    shares = {k: round(len(v) / n, 3) for k, v in buckets.items()}
    return {
        "thesis": reach_title(g, country),
        "figure": shares,
        "counts": {k: len(v) for k, v in buckets.items()},
        "total": n,
        "answer": f"{len(buckets['provincial'])} of {n} groups and operations ({shares['provincial']:.0%}) reach a "
        f"provincial body; {len(buckets['central'])} ({shares['central']:.0%}) only a central one; "
        f"{len(buckets['country'])} ({shares['country']:.0%}) only the country.",
        "entities": buckets,
        "caveats": [
            "Most groups are tied to a country only by threat-intelligence catalogues; a group reaching only the "
            "country is a gap in the public record as often as evidence of central control.",
            "A chain counts as provincial when any of its paths passes through a province, whatever that path's "
            "confidence.",
        ],
    }


def specialisation(g: Graph, country: str, conflicts: Conflicts | None = None) -> dict[str, Any]:
    conflicts = conflicts or Conflicts(g)
    targets: dict[str, set[str]] = {}
    behind: dict[str, list[str]] = {}
    actors_of: dict[str, list[str]] = {}
    for pid, (kind, _) in g.nodes.items():
        # the provinces of the country asked of (Russia's answer listed China's provinces)
        if kind != "province" or country not in g.located_in(pid):
            continue
        linked = profile(g, pid, conflicts=conflicts)["linked"]
        actors_of[pid] = [r["id"] for r in linked if r["kind"] in {"threat_group", "operation"}]
    targeted = g.edges_many({a for actors in actors_of.values() for a in actors}, "out", TARGETED)
    for pid, actors in actors_of.items():
        t: set[str] = set()
        for a in actors:
            for c in targeted[a]:
                if not c.negated and c.object and g.kind(c.object) in TARGET_KINDS:
                    t.add(c.object)
        if t:
            targets[pid] = t
            behind[pid] = actors
    if len(targets) < 2:
        return {
            "thesis": "specialisation",
            "figure": None,
            "answer": f"no data: {len(targets)} province(s) with targets; at least two are needed to compare",
            "entities": {g.name(p): sorted(g.name(x) for x in t) for p, t in targets.items()},
        }
    pairs = list(itertools.combinations(sorted(targets), 2))
    dist = {
        f"{g.name(a)} / {g.name(b)}": round(1 - len(targets[a] & targets[b]) / len(targets[a] | targets[b]), 3)
        for a, b in pairs
    }
    mean = round(sum(dist.values()) / len(dist), 3)
    per: dict[str, Any] = {}
    for p, t in targets.items():
        others = set().union(*(targets[q] for q in targets if q != p))
        unique = t - others
        per[g.name(p)] = {
            "code": g.codes.get(p),
            "targets": sorted(g.name(x) for x in t),
            "unique_targets": sorted(g.name(x) for x in unique),
            "unique_share": round(len(unique) / len(t), 3),
            "groups_and_operations": sorted(g.name(a) for a in behind[p]),
        }
    return {
        "thesis": "each provincial branch has its own specialisation",
        "figure": {"mean_pairwise_jaccard_distance": mean},
        "answer": f"{len(targets)} provinces with targets; mean pairwise Jaccard distance {mean} "
        "(1: nothing in common, 0: identical)",
        "pairs": dist,
        "provinces": per,
        "caveats": [
            "Targets are the countries and sectors the data says the tied groups targeted; catalogues "
            "list broad sectors, which makes provinces look more alike than they may be."
        ],
    }


def _of_country(g: Graph, country: str) -> Callable[[str], bool]:
    """Whether an entity is the country's: the country, what an upward walk from it reaches the country
    through (analysis/chain.py `above`: a group, a bureau, a company under its bodies), or a place in it."""
    from cyberstate.analysis.chain import above

    memo: dict[str, bool] = {country: True}

    def of(eid: str) -> bool:
        if eid not in memo:
            # where it lies, and where that lies (a company in Chengdu, in Sichuan, in China)
            places, seen = g.located_in(eid), set()
            for _ in range(4):
                places = [p for p in places if p not in seen]
                seen.update(places)
                places = [q for p in places for q in g.located_in(p)]
            memo[eid] = country in seen or (g.kind(eid) not in PLACES and country in above(g, eid))
        return memo[eid]

    return of


PLACES = {"country", "province", "city", "region", "special_economic_zone"}


def provincial_naming(g: Graph, country: str) -> dict[str, Any]:
    of_country = _of_country(g, country)

    def names_province(eid: str, depth: int = 0) -> bool:
        kind = g.kind(eid)
        if g.level(eid) == "provincial bureau" or kind == "province":
            return True
        if any(g.kind(p) in {"province", "city"} for p in g.located_in(eid)) and kind not in {"country"}:
            return kind not in {"threat_group", "operation", "person"}
        if depth < 2 and kind in {"front_company", "company"}:
            return any(
                names_province(c.object, depth + 1)
                for c in g.side(eid, "out", UP_OUT)
                if c.object and c.predicate in {"front_company_for", "operated_by"}
            )
        return False

    items = []
    # official responses: a report a researcher issues (Intrusion Truth's) is none, as in a timeline's lags;
    # and a response counts only where a claim known then is about it, as a timeline finds responses: a
    # proposal extraction made ("a rare bulletin"), or a 2025 indictment asked of as of 2005, named nothing
    # and was counted as an official response naming no provincial organisation
    kinds = [eid for eid, (kind, _) in g.nodes.items() if kind in RESPONSES]
    said = g.edges_many(kinds, "out", ALL_PREDICATES)
    heard = g.edges_many([eid for eid in kinds if not said[eid]], "inn", ALL_PREDICATES)
    responses = [eid for eid in kinds if (said[eid] or heard[eid]) and official_response(g, eid)]
    naming = g.edges_many(responses, "out", NAMING)
    for eid in responses:
        named = [c.object for c in naming[eid] if c.object and not c.negated]
        g.edges_many(named, "out", UP_OUT)
        deep = set(named)
        for n in named:  # what the response concerns, and what that is tied to
            deep |= {
                c.object for c in g.side(n, "out", UP_OUT) if c.object and c.predicate in ATTRIBUTING | {"employed_by"}
            }
        if not any(of_country(x) for x in deep):
            continue  # a response about another country's apparatus
        items.append({**g.ref(eid), "names_provincial": any(names_province(x) for x in deep)})
    attributed_kinds = {"threat_group", "operation", "company", "front_company", "person"}
    # one attribution per assertor and fact, however many of its releases repeat it (the Treasury's
    # APT31 designation and its press release), as a timeline makes it one row and consensus one voice
    attributions: dict[tuple[Any, ...], dict[str, Any]] = {}
    for c in g.claims_by_assertor_types(set(ATTRIBUTING), set(OFFICIAL)):
        if not c.negated and g.kind(c.subject) in attributed_kinds and c.object and of_country(c.object):
            key = (c.assertor, c.subject, c.predicate, c.object)
            if key in attributions:
                attributions[key]["claims"].append(c.id)
                continue
            attributions[key] = {
                "id": c.id,
                "name": f"{g.name(c.assertor)}: {g.name(c.subject)} {c.predicate} {g.name(c.object)}",
                "kind": "official attribution",
                "names_provincial": names_province(c.object),
                "claims": [c.id],
            }
    items += attributions.values()
    if not items:
        return {
            "thesis": "provincial naming",
            "figure": None,
            "answer": "no data: no official response or attribution "
            + (f"published by {g.as_of}" if g.as_of else "in the store"),
            "entities": [],
        }
    yes = [i for i in items if i["names_provincial"]]
    share = round(len(yes) / len(items), 3)
    return {
        "thesis": "attributions and indictments consistently include provincial organisations",
        "figure": share,
        "answer": f"{len(yes)} of {len(items)} official responses and attributions ({share:.0%}) name a provincial "
        "organisation",
        "entities": items,
        "caveats": [
            "An official attribution counts once per assertor and fact, however many of its releases repeat "
            "it; a response names a provincial organisation when "
            "what it concerns is, or is tied to, a provincial bureau or a body in a province."
        ],
    }


def theses(
    g: Graph, country: str, *, voices: Voices | None = None, conflicts: Conflicts | None = None
) -> dict[str, Any]:
    conflicts = conflicts or Conflicts(g)
    chains_of = _chains_of(g, voices, conflicts)
    return {
        "as_of": g.as_of,
        "country": g.ref(country),
        "theses": [
            provincial_reach(g, country, chains_of),
            specialisation(g, country, conflicts),
            provincial_naming(g, country),
        ],
    }
