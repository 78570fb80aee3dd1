"""Coverage of the attribution record: every group tied to a country, and the deepest level its chain
reaches (person, front company, provincial bureau, agency, country), so the gaps are visible."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cyberstate.analysis.chain import chain, chain_ends
from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.consensus import Voices
from cyberstate.analysis.graph import UP_IN, UP_OUT, Graph
from cyberstate.model.rules import ATTRIBUTING, LEVELS

assert ATTRIBUTING <= UP_OUT  # read with what a walk up reads


def coverage(
    g: Graph, country: str, *, voices: Voices | None = None, conflicts: Conflicts | None = None
) -> dict[str, Any]:
    voices = voices or Voices(g)
    conflicts = conflicts or Conflicts(g)
    rows = []
    for eid, (kind, _name) in g.nodes.items():
        if kind != "threat_group":
            continue
        chains = chain(g, eid, voices=voices, conflicts=conflicts)["chains"]
        up = g.side(eid, "out", UP_OUT)
        if not chains and not any(c.object == country for c in up if c.predicate in ATTRIBUTING):
            continue
        ending = [ch for ch in chains if country in chain_ends(ch)]
        if not ending and not any(c.object == country for c in up if c.predicate in ATTRIBUTING):
            continue
        best = max(ending or chains, key=lambda ch: (LEVELS.index(ch["depth"]), ch["confidence"]), default=None)
        level = best["depth"] if best else "country"
        deepest = None
        if best and level != "country":
            deepest = next((h["object"] for h in best["hops"] if g.level(h["object"]["id"]) == level), None)
        # Named members are a level of their own: an indictment naming officers reaches deeper than any bureau.
        people = sorted(
            {
                g.name(c.subject)
                for c in g.side(eid, "inn", UP_IN)
                if c.predicate == "member_of_group" and not c.negated and g.kind(c.subject) == "person"
            }
        )
        if people:
            level = "person"
        rows.append(
            {
                **g.ref(eid),
                "people": people,
                "level": level,
                "deepest": deepest,
                "province": best["province"] if best else None,
                "confidence": best["confidence"] if best else None,
            }
        )
    rows.sort(key=lambda r: (-LEVELS.index(r["level"]), r["name"]))
    return {
        "country": g.ref(country),
        "as_of": g.as_of,
        "groups": rows,
        "by_level": dict(Counter(r["level"] for r in rows)),
    }
