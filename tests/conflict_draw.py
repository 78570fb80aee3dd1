"""Draw conflicts kept apart at random to check, against a second naming reference, that keeping them apart is right.

Usage: python tests/conflict_draw.py [--undrawn] STORE SEED [N] > tests/data/review/conflictdraw-SEED.yaml

STORE is built as `make run` builds it (`cyberstate load`, then `cyberstate import misp-galaxy`). The
population is every conflict `cyberstate merges --conflicts --json` lists (`KnowledgeBase.merge_conflicts()`):
the links a constraint refused ("refused link") and the names several entities carry ("shared name"). Its
order is stable: by kind, then the conflict's name (lowercased, then as written), then its sides' entity ids.
`random.Random(SEED).sample` draws N of them (20 by default). Each drawn row gives the conflict's kind and
name, the link refused or the name shared, why it was kept apart (the store's reason, with the refused
link's claim), and every side: its entity id, naming record, number of records, ATT&CK ids and countries.
The reviewer then fills `verdict` (right / wrong / unconfirmed: right when the sides are different groups,
or the sources disagree so that keeping them apart is the safe reading; wrong when a second reference says
they are one group and none says otherwise) and `reference` (a second source: its URL and its words; the
galaxy's own synonyms are only the first reference).

With --undrawn the population is that less the conflicts the earlier conflict draws judged (`EARLIER`), known by
their kind and name: the second conflict draw (conflictdraw-20270201.yaml) was made so, on a store of 118 conflicts
less the 17 of them the first draw (conflictdraw-20261213.yaml) had judged, 101.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from cyberstate import KnowledgeBase
from review_draw import header, run_on_store

REVIEW = Path(__file__).resolve().parent / "data" / "review"
EARLIER = ("conflictdraw-20261213.yaml",)

#: The refused link named inside a refused link's reason: "(link: HOW; claim ID)".
_LINK = re.compile(r"\(link: (?P<how>.*); claim (?P<claim>c-[0-9a-f]+)\)$")


def _key(c: dict[str, Any]) -> tuple[str, str, str, tuple[str, ...]]:
    return (c["kind"], c["name"].lower(), c["name"], tuple(s["id"] for s in c["sides"]))


def population(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every conflict kept apart, by kind, name (lowercased, then as written) and the sides' entity ids."""
    return sorted(kb.merge_conflicts()["conflicts"], key=_key)


def drawn_before(files: tuple[str, ...] = EARLIER) -> set[tuple[str, str]]:
    """The conflicts the earlier conflict draws judged, by kind and name."""
    out: set[tuple[str, str]] = set()
    for name in files:
        doc = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
        out |= {(c["kind"], c["name"]) for c in doc["conflicts"]}
    return out


def undrawn(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The population less the conflicts the earlier conflict draws judged, in the population's order."""
    before = drawn_before()
    return [c for c in population(kb) if (c["kind"], c["name"]) not in before]


def _side(side: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": side["id"],
        "name": side["name"],
        "kind": side["kind"],
        "records": side["records"],
        "attack_ids": list(side["attack_ids"]),
        "countries": list(side["countries"]),
    }


def row(conflict: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": conflict["kind"], "name": conflict["name"]}
    reason = conflict["reason"]
    m = _LINK.search(reason)
    if m:
        out["link"] = {"how": m["how"], "claim": m["claim"]}
        reason = reason[: m.start()].rstrip()
    out["why_kept_apart"] = reason
    out["sides"] = [_side(s) for s in conflict["sides"]]
    out["verdict"] = None
    out["reference"] = None
    return out


def draw(kb: KnowledgeBase, seed: int, n: int = 20, *, leave_out_drawn: bool = False) -> dict[str, Any]:
    pop = undrawn(kb) if leave_out_drawn else population(kb)
    picked = random.Random(seed).sample(pop, n)
    return {
        **header(seed, n, pop),
        "refused_links": sum(c["kind"] == "refused link" for c in pop),
        "shared_names": sum(c["kind"] == "shared name" for c in pop),
        "conflicts": [row(c) for c in picked],
    }


def _draw_undrawn(kb: KnowledgeBase, seed: int, n: int = 20) -> dict[str, Any]:
    return draw(kb, seed, n, leave_out_drawn=True)


def main(argv: list[str]) -> int:
    if "--undrawn" in argv:
        return run_on_store([a for a in argv if a != "--undrawn"], "conflict_draw.py", _draw_undrawn, 20)
    return run_on_store(argv, "conflict_draw.py", draw, 20)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
