"""`check --integrity`: is the store whole? SQLite's own checks, then ours.

SQLite's `integrity_check` and `foreign_key_check` find damaged pages and broken references. Ours find
what only the model knows: claims whose entities or sources are missing, merges that contradict a
recorded unmerge (an analyst's negated same_as), and a merge map that is not the one the claims imply
(an import committed without its merges: the state a two-transaction write once left behind).
"""

from __future__ import annotations

from typing import Any

from cyberstate.errors import CyberstateError, StoreError
from cyberstate.resolve import merge
from cyberstate.store.sqlite import SQLiteStore


class _Undo(Exception):
    """Raised to roll back the trial recompute."""


def _finding(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "severity": "error", "message": message, **extra}


def integrity(store: SQLiteStore) -> list[dict[str, Any]]:
    """Findings of damage; empty when the store is whole."""
    try:
        problems = store.sqlite_integrity()
    except StoreError as e:
        return [_finding("sqlite", str(e))]
    if problems:  # damaged pages: reading further may fail or mislead
        return [_finding("sqlite", p) for p in problems[:20]]
    out: list[dict[str, Any]] = []
    try:
        for cid, role, missing in store.dangling():
            out.append(_finding("dangling", f"claim {cid}: {role} {missing!r} does not exist", claims=[cid]))
        canon = store.canonical_map()
        kinds = store.entity_kinds()
        for rec, ent in sorted(canon.items()):
            if rec not in kinds or ent not in kinds:
                out.append(_finding("merge", f"merge map joins {rec!r} to {ent!r}, and one of them does not exist"))
        for c in store.iter_claims(predicate="same_as", statuses=("accepted",)):
            if c.negated and c.object and canon.get(c.subject, c.subject) == canon.get(c.object, c.object):
                out.append(
                    _finding(
                        "merge",
                        f"{c.subject} and {c.object} are merged although claim {c.id} keeps them apart",
                        claims=[c.id],
                    )
                )
        stale = _stale_merges(store, canon)
        if stale:
            out.append(
                _finding(
                    "merge",
                    f"the merge map is not the one the claims imply ({stale} records differ); "
                    "a write was committed without its merges",
                )
            )
    except CyberstateError as e:
        out.append(_finding("sqlite", str(e)))
    return out


def _stale_merges(store: SQLiteStore, canon: dict[str, str]) -> int:
    """How many records the recomputed merge map would place differently (computed, then rolled back)."""
    fresh: dict[str, str] = {}
    try:
        with store.transaction():
            merge.recompute(store)
            fresh = store.canonical_map()
            raise _Undo
    except _Undo:
        pass
    except StoreError:  # a read-only store: the trial cannot run
        return 0
    return sum(1 for k in set(canon) | set(fresh) if canon.get(k, k) != fresh.get(k, k))
