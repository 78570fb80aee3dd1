"""Draw merged records at random to check the merges against a second naming reference.

Usage: python tests/merge_draw.py STORE SEED [N] > tests/data/review/mergedraw-SEED.yaml

STORE is built as `make run` builds it (`cyberstate load`, then `cyberstate import misp-galaxy`). The
population is every record merged into another record's entity (`KnowledgeBase.index().canon`, in record
id order); `random.Random(SEED).sample` draws N of them (30 by default). Each drawn pair gives the merged
record, the entity it joined with that entity's naming record (the entity's id is the record it is named
by), and the `same_as` links inside the entity that touch the record (`KnowledgeBase.merges`). The reviewer
then fills `verdict` (hold / wrong / unconfirmed) and `reference` (a second source: its URL and its words;
the galaxy's own synonyms are only the first reference).
"""

from __future__ import annotations

import random
import sys
from typing import Any

from cyberstate import KnowledgeBase
from review_draw import header, run_on_store


def population(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(record, entity) for every record merged into another record's entity, by record id."""
    canon = kb.index().canon
    return sorted((r, e) for r, e in canon.items() if r != e)


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


def draw(kb: KnowledgeBase, seed: int, n: int = 30) -> dict[str, Any]:
    pop = population(kb)
    picked = random.Random(seed).sample(pop, n)
    return {
        **header(seed, n, pop),
        "pairs": [pair(kb, r, e) for r, e in picked],
    }


def main(argv: list[str]) -> int:
    return run_on_store(argv, "merge_draw.py", draw, 30)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
