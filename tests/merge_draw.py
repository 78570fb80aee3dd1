"""Draw merged records at random to check the merges against a second naming reference.

Usage: python tests/merge_draw.py [--undrawn] STORE SEED [N] > tests/data/review/mergedraw-SEED.yaml

STORE is built as `make run` builds it (`cyberstate load`, then `cyberstate import misp-galaxy`). The
population is every record merged into another record's entity (`KnowledgeBase.index().canon`, in record
id order); `random.Random(SEED).sample` draws N of them (30 by default). Each drawn pair gives the merged
record, the entity it joined with that entity's naming record (the entity's id is the record it is named
by), and the `same_as` links inside the entity that touch the record (`KnowledgeBase.merges`). The reviewer
then fills `verdict` (hold / wrong / unconfirmed) and `reference` (a second source: its URL and its words;
the galaxy's own synonyms are only the first reference).

With --undrawn the population is that less the records the earlier merge draws drew (`EARLIER`), known by their
record id: the fourth merge draw (mergedraw-20270208.yaml) was made so.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

from cyberstate import KnowledgeBase
from review_draw import header, run_on_store

REVIEW = Path(__file__).resolve().parent / "data" / "review"
EARLIER = ("mergedraw-20261202.yaml", "mergedraw-20261203.yaml", "mergedraw-20261225.yaml")


def population(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(record, entity) for every record merged into another record's entity, by record id."""
    canon = kb.index().canon
    return sorted((r, e) for r, e in canon.items() if r != e)


def drawn_before(files: tuple[str, ...] = EARLIER) -> set[str]:
    """The records the earlier merge draws drew."""
    out: set[str] = set()
    for name in files:
        doc = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
        out |= {p["record"]["id"] for p in doc["pairs"]}
    return out


def undrawn(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """The population less the records the earlier merge draws drew, in the same order."""
    before = drawn_before()
    return [(r, e) for r, e in population(kb) if r not in before]


def _record(rec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rec["id"], "name": rec["name"], "kind": rec["kind"]}
    if rec["clusters"]:
        out["clusters"] = rec["clusters"]
    if rec["attack_id"]:
        out["attack_id"] = rec["attack_id"]
    if rec["country"]:
        out["country"] = rec["country"]
    return out


def pair(kb: KnowledgeBase, record: str, entity: str) -> dict[str, Any]:
    why = kb.merges(entity)
    recs = {r["id"]: r for r in why["records"]}
    links = []
    for link in why["links"]:
        if not link["within"] or link["negated"] or link["predicate"] != "same_as":
            continue
        if record not in (link["subject"]["id"], link["object"]["id"]):
            continue
        links.append(
            {
                "subject": link["subject"]["name"],
                "object": link["object"]["name"],
                "assertor": link["assertor"],
                "confidence": link["confidence"],
                "note": link["note"],
            }
        )
    return {
        "record": _record(recs[record]),
        "entity": {"id": entity, "name": why["entity"]["name"], "records": len(recs)},
        "naming_record": _record(recs[entity]),
        "links": links,
        "verdict": None,
        "reference": None,
    }


def draw(kb: KnowledgeBase, seed: int, n: int = 30, *, leave_out_drawn: bool = False) -> dict[str, Any]:
    pop = undrawn(kb) if leave_out_drawn else population(kb)
    picked = random.Random(seed).sample(pop, n)
    return {
        **header(seed, n, pop),
        "pairs": [pair(kb, r, e) for r, e in picked],
    }


def _draw_undrawn(kb: KnowledgeBase, seed: int, n: int = 30) -> dict[str, Any]:
    return draw(kb, seed, n, leave_out_drawn=True)


def main(argv: list[str]) -> int:
    if "--undrawn" in argv:
        return run_on_store([a for a in argv if a != "--undrawn"], "merge_draw.py", _draw_undrawn, 30)
    return run_on_store(argv, "merge_draw.py", draw, 30)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
