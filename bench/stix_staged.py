"""A candidate design for the STIX import, measured beside the import cyberstate runs (issue 15).

The candidate: Python only reads the bundle's lines and stages each element's text in a temporary
table; SQLite's JSON functions (JSON1, in C) check the elements and map them to rows with `INSERT ...
SELECT`, leaving Python two scalar functions (a name's lookup key, `model.names.norm`, and a claim's
id, a SHA-256 of its key text). It is written here for the shape of the generated bundle alone (intrusion
sets, malware and sectors from another tool, and uses/targets relationships between them: `stix.generate`)
and is **not** the import: no versions of an object, no reports as sources, no markings, no bundle of
ours, no error naming an object, no merge check, no copy into the store. It writes the same rows as the
import into a file of the store's schema (the secondary indexes dropped during the write and built after
it, as `BulkWriter` does), and the script checks that the rows are the same (time stamps aside).

It answers one question: how much of the import's CPU time moving the per-object work from Python into
SQLite's C would save. `python bench/stix_staged.py [RUNS]` imports the generated bundle RUNS times (3
by default) each way, in turn, in this process, and prints the CPU time of each, µs an object, with the
phases of each (the import's by `stix._timed`, the copy into the store and the merge check among them,
which the candidate does not do).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import apsw
from stix import _timed, generate

from cyberstate import KnowledgeBase
from cyberstate.exchange import stixmap as m
from cyberstate.exchange.stix_import import _predicate, import_bundle
from cyberstate.model.names import has_han, norm
from cyberstate.store.sqlite import SQLiteStore

_ID_FORM = "[0-9a-fA-F]" * 8 + "-" + "[0-9a-fA-F]" * 4 + "-" + "[0-9a-fA-F]" * 4 + "-" + "[0-9a-fA-F]" * 4 + "-"


def _claim_id(subject: str, predicate: str, obj: str, source: str) -> str:
    """`stix_import.claim_id_of` of a claim with one source and no assertor (ids need no JSON escaping)."""
    key = f'["{subject}", "{predicate}", "{obj}", null, null, ["{source}"], false]'
    return "c-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def staged_import(bundle: Path, out: Path) -> dict[str, float]:
    """The candidate: the bundle's rows written into a new file `out` of the store's schema. Returns the
    CPU seconds of each step."""
    pt = time.process_time
    spent: dict[str, float] = {}
    c = pt()
    SQLiteStore(str(out)).close()  # the schema, by the migrations
    db = apsw.Connection(str(out))
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "locking_mode=EXCLUSIVE",
                   "cache_size=-65536"):  # fmt: skip
        db.execute(f"PRAGMA {pragma}").fetchall()
    deferred = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE "
        "'CREATE UNIQUE%' AND tbl_name IN ('claims', 'claim_sources', 'names', 'entities', 'entity_sources')"
    ).fetchall()
    for name, _ in deferred:
        db.execute(f'DROP INDEX "{name}"')
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'placements_claim_insert'").fetchall()
    db.execute("DROP TRIGGER placements_claim_insert")
    db.create_scalar_function("norm", norm, 1, deterministic=True)
    db.create_scalar_function("zh", lambda s: "zh" if has_han(s) else None, 1, deterministic=True)
    db.create_scalar_function("claim_id", _claim_id, 4, deterministic=True)
    db.execute("BEGIN")
    spent["new file"] = pt() - c

    c = pt()
    with bundle.open(encoding="utf-8") as f:
        lines = f.read().split("\n")
    head = json.loads(lines[0].rstrip().rstrip(",").removesuffix('"objects": [').rstrip().rstrip(",") + "}")
    db.execute("CREATE TEMP TABLE stage(i INTEGER PRIMARY KEY, j BLOB)")
    db.executemany(
        "INSERT INTO stage(i, j) VALUES (?, jsonb(?))",
        ((i, line[:-1] if line.endswith(",") else line) for i, line in enumerate(lines[1:-2])),
    )
    n = len(lines) - 3
    spent["stage the texts"] = pt() - c

    c = pt()
    bad = db.execute(
        "SELECT count(*) FROM stage WHERE j->>'type' IS NULL OR j->>'spec_version' IS NOT '2.1' "
        "OR substr(j->>'id', length(j->>'type') + 1) NOT GLOB ?",
        ("--" + _ID_FORM + "[0-9a-fA-F]" * 12,),
    ).fetchone()[0]
    db.execute("CREATE TEMP TABLE ids(id TEXT PRIMARY KEY, type TEXT, iclass TEXT) WITHOUT ROWID")
    db.execute(
        "INSERT OR IGNORE INTO ids SELECT j->>'id', j->>'type', j->>'identity_class' FROM stage "
        "WHERE j->>'type' != 'relationship'"
    )
    missing = db.execute(
        "SELECT count(*) FROM stage WHERE j->>'type' = 'relationship' AND (j->>'source_ref' NOT IN "
        "(SELECT id FROM ids) OR j->>'target_ref' NOT IN (SELECT id FROM ids))"
    ).fetchone()[0]
    if bad or missing:
        raise SystemExit(f"the candidate reads only well-formed bundles: {bad} malformed, {missing} dangling")
    spent["checks"] = pt() - c

    c = pt()
    source, now = "stix:" + head["id"], "2026-11-30T00:00:00.000000Z"
    db.execute(
        "INSERT INTO sources(id, title, kind, note, recorded) VALUES (?, ?, 'stix_bundle', ?, ?)",
        (source, f"STIX bundle {bundle.name}", head["id"], now),
    )
    db.execute("CREATE TEMP TABLE kinds(type TEXT, iclass TEXT, kind TEXT)")
    shapes = db.execute("SELECT DISTINCT type, iclass FROM ids").fetchall()
    db.executemany(
        "INSERT INTO kinds VALUES (?, ?, ?)",
        [(t, ic, m.kind_of({"type": t, "identity_class": ic})) for t, ic in shapes],
    )
    objects = (
        "SELECT j->>'type' AS type, j->>'id' AS id, j->>'name' AS name, j->>'description' AS description, "
        "j->'aliases' AS aliases, k.kind FROM stage JOIN kinds k ON k.type = j->>'type' AND k.iclass IS "
        "j->>'identity_class' WHERE j->>'type' != 'relationship' AND k.kind IS NOT NULL"
    )
    db.execute(
        "INSERT INTO entities(id, kind, name, assertor_type, attrs, note, recorded) "
        "SELECT 'stix:' || id, kind, name, NULL, CASE WHEN description IS NULL THEN json_object('stix_type', type) "
        f"ELSE json_object('description', description, 'stix_type', type) END, NULL, ? FROM ({objects})",
        (now,),
    )
    db.execute("INSERT INTO entity_sources SELECT id, ? FROM entities", (source,))
    db.execute(
        "INSERT INTO names(entity_id, name, norm, lang, source_id, origin, is_primary) "
        f"SELECT 'stix:' || id, name, norm(name), NULL, ?, NULL, 1 FROM ({objects})",
        (source,),
    )
    db.execute(
        "INSERT OR IGNORE INTO names(entity_id, name, norm, lang, source_id, origin, is_primary) "
        f"SELECT 'stix:' || o.id, a.value, norm(a.value), zh(a.value), ?, 'stix', 0 FROM ({objects}) o, "
        "json_each(o.aliases) a WHERE a.type = 'text' AND trim(a.value) != '' AND a.value != o.name",
        (source,),
    )
    db.execute(
        "INSERT INTO names_fts(entity_id, name) SELECT DISTINCT entity_id, name FROM names ORDER BY entity_id, name"
    )
    spent["entities"] = pt() - c

    c = pt()
    db.execute("CREATE TEMP TABLE predicates(rtype TEXT, skind TEXT, okind TEXT, predicate TEXT)")
    triples = db.execute(
        "SELECT DISTINCT j->>'relationship_type', s.kind, o.kind FROM stage JOIN entities s "
        "ON s.id = 'stix:' || (j->>'source_ref') JOIN entities o ON o.id = 'stix:' || (j->>'target_ref') "
        "WHERE j->>'type' = 'relationship'"
    ).fetchall()
    db.executemany("INSERT INTO predicates VALUES (?, ?, ?, ?)", [(*t, _predicate(*t)) for t in triples])
    db.execute(
        "INSERT OR IGNORE INTO claims(id, subject, predicate, object, assertor, confidence, valid_from, valid_to, "
        "marking, status, origin, note, recorded) "
        "SELECT claim_id(s.id, p.predicate, o.id, ?1) AS cid, s.id, p.predicate, o.id, NULL, "
        "CASE WHEN r.conf BETWEEN 0 AND 100 AND typeof(r.conf) = 'integer' THEN r.conf ELSE 50 END, NULL, NULL, "
        "?2, 'accepted', ?1, r.note, r.created FROM (SELECT i, j->>'source_ref' AS src, j->>'target_ref' AS tgt, "
        "j->>'relationship_type' AS rtype, j->>'confidence' AS conf, j->>'created' AS created, "
        "j->>'description' AS note FROM stage WHERE j->>'type' = 'relationship') r "
        "JOIN entities s ON s.id = 'stix:' || r.src JOIN entities o ON o.id = 'stix:' || r.tgt "
        "JOIN predicates p ON p.rtype = r.rtype AND p.skind = s.kind AND p.okind = o.kind "
        "WHERE p.predicate IS NOT NULL ORDER BY cid, r.i DESC",  # a later relationship of the same claim wins
        (source, m.MARKING_ORDER[0]),
    )
    db.execute("INSERT INTO claim_sources SELECT id, ? FROM claims", (source,))
    spent["claims"] = pt() - c

    c = pt()
    for _, sql in deferred:
        db.execute(sql)
    for (sql,) in trigger:
        db.execute(sql)
    db.execute("COMMIT")
    db.close()
    spent["indexes, commit"] = pt() - c
    spent["all"] = sum(spent.values())
    return {k: v / n * 1e6 for k, v in spent.items()}


def _rows(db: Path) -> dict[str, set[tuple[object, ...]]]:
    """The rows both imports write, time stamps aside (attrs decoded: the candidate's JSON is compact), but
    the two records of the merge's helpers, which the import's merge check writes."""
    con = sqlite3.connect(db)
    try:
        q = con.execute
        return {
            "entities": {(r[0], r[1], r[2], json.dumps(json.loads(r[3]), sort_keys=True))
                         for r in q("SELECT id, kind, name, attrs FROM entities WHERE id GLOB 'stix:*'")},
            "entity_sources": set(q("SELECT * FROM entity_sources WHERE entity_id GLOB 'stix:*'")),
            "names": set(q("SELECT entity_id, name, norm, lang, source_id, origin, is_primary FROM names "
                           "WHERE entity_id GLOB 'stix:*'")),
            "names_fts": set(q("SELECT entity_id, name FROM names_fts WHERE entity_id GLOB 'stix:*'")),
            "claims": set(q("SELECT id, subject, predicate, object, value, assertor, basis, confidence, negated, "
                            "valid_from, valid_to, marking, status, origin, note, recorded FROM claims")),
            "claim_sources": set(q("SELECT * FROM claim_sources")),
        }  # fmt: skip
    finally:
        con.close()


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    spent = _timed()  # the import's phases
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        bundle = t / "generated.json"
        n = generate(bundle)
        ours: list[dict[str, float]] = []
        staged: list[dict[str, float]] = []
        for k in range(runs):
            db = t / f"import-{k}.db"
            before = dict(spent)
            with KnowledgeBase.open(db, create=True) as kb:
                c = time.process_time()
                import_bundle(kb.store, bundle)
                cpu = time.process_time() - c
            phases = {p: (spent[p] - before[p]) / n * 1e6 for p in spent}
            phases["write pass (Python)"] = cpu / n * 1e6 - sum(phases.values())
            phases["all"] = cpu / n * 1e6
            ours.append(phases)
            staged.append(staged_import(bundle, t / f"staged-{k}.db"))
            if k < runs - 1:
                for leftover in t.glob(f"*-{k}.db*"):
                    os.unlink(leftover)
        last = runs - 1
        a, b = _rows(t / f"import-{last}.db"), _rows(t / f"staged-{last}.db")
        same = ", ".join(f"{table} {len(a[table])} {'same' if a[table] == b[table] else 'DIFFERENT'}" for table in a)
    print(f"generated bundle: {n} objects; rows of the last runs: {same}")
    for what, results in (("import (stix_import)", ours), ("staged candidate", staged)):
        best = min(results, key=lambda r: r["all"])
        each = ", ".join(f"{r['all']:.1f}" for r in results)
        phases = "; ".join(f"{k} {v:.1f}" for k, v in best.items() if k != "all")
        print(f"{what}: CPU µs an object, each run: {each}; phases of the least run: {phases}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
