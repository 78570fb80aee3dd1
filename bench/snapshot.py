"""Answers of the query commands on a store, as one JSON file, to compare two versions of the code.

    python bench/snapshot.py cyberstate.db before.json     # run with the code to compare on PYTHONPATH

Entities: every China-nexus group of the coverage table plus every province; the diff of two snapshots
lists each answer that changed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from cyberstate import KnowledgeBase


def _call(f: Any, *a: Any) -> Any:
    try:
        r = f(*a)
    except Exception as e:  # an answer that errors is an answer too
        return {"error": type(e).__name__, "message": str(e)}
    return r.to_json() if hasattr(r, "to_json") else r


def snapshot(db: str) -> dict[str, Any]:
    kb = KnowledgeBase.open(db)
    out: dict[str, Any] = {}
    cov = _call(kb.coverage, "China")
    out["coverage"] = cov
    out["theses"] = _call(kb.theses, "China")
    out["stats"] = _call(kb.stats)
    out["contested"] = _call(kb.contested)
    groups = [g["id"] for g in cov["groups"]]
    for eid in groups:
        for q in ("chain", "show", "timeline", "consensus"):
            out[f"{q} {eid}"] = _call(getattr(kb, q), eid)
    provinces = sorted(e.id for e in kb.store.iter_entities("province"))
    for p in provinces:
        out[f"province {p}"] = _call(kb.province, p)
    return out


if __name__ == "__main__":
    doc = snapshot(sys.argv[1])
    with open(sys.argv[2], "w") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    print(f"{len(doc)} answers written to {sys.argv[2]}")
