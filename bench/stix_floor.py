"""Where the STIX import's floor is: what SQLite, decoding and the peer each cost on the same objects (issue 15).

The import (`cyberstate import stix` into an empty store) reads the bundle, maps its objects to rows and has
SQLite write them. This script measures, in one run and on the same two bundles as `bench/stix.py` (the
export of the `make run` store and the generated 102,000-object bundle), the parts no Python of ours can
take away, so that what 20x the peer leaves for the rest can be read off:

- **SQLite writing exactly the rows the import writes.** The bundle is imported once into an empty store
  and every row of its content tables is read back in rowid order (the order the import inserted them,
  its sorted batches included), then written again into a new file with apsw's `executemany`, one table
  after another (referenced tables first), with the new file's pragmas the import uses (no journal,
  `synchronous` and foreign keys off, exclusive lock, 64 MB page cache), at several tiers:
  `bare` (every table a plain rowid table without key or constraint, the full-text table a plain table
  too: the cost of storing the rows' bytes), `keys` (the schema's tables with their primary keys, the
  unique index on names and the full-text index, no secondary index, no trigger), `schema` (`keys` plus
  the secondary indexes built after the rows and the placements trigger created again, as `BulkWriter`
  does: the store as it must be to work) and `schema+copy` (that file copied into an empty store by
  SQLite's backup, as `FreshBuild.commit` does). Each ends with its COMMIT.
- **Decoding**: orjson on the whole file in one call, and on each line's bytes (the lines the import's
  reader decodes); beside them the import's own reader (`BundleReader.objects`, every object).
- **The peer**: `stix2.parse` on the same random sample of 3,000 objects `bench/stix.py` takes.
- **The import itself**: `bench/stix.py`'s child-process import (phases included), ROUNDS runs.
- **Schema candidates** (`--candidates`): the `schema` tier again with one change of the schema each
  (fewer B-tree entries an object), to see what each would take off the floor.

Every part runs ROUNDS times (default 5), in turn within each round, so that all meet the same load of a
shared machine; each is reported as the least CPU time of its runs (a shared machine only adds to it), in µs
an object, with the ratio to the peer it would reach if it were the whole import (peer µs / part µs) and
what is left of 20x the peer's budget once it is paid. Figures are printed, never asserted.

`env -u PYTHONDONTWRITEBYTECODE python bench/stix_floor.py STORE [--rounds N] [--candidates]`
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import apsw
import orjson
import stix
import stix2

from cyberstate import KnowledgeBase
from cyberstate.exchange.stix_export import iter_serialised, write_bundle
from cyberstate.exchange.stix_import import import_bundle
from cyberstate.exchange.stix_read import BundleReader
from cyberstate.store.sqlite import SQLiteStore

#: The tables an import writes, in the order their rows are replayed (referenced tables first, as
#: `BulkWriter.flush` writes a batch; the merges after).
TABLES = (
    "sources", "entities", "entity_sources", "names", "names_fts", "claims", "claim_sources", "merge_map",
    "name_conflicts", "province_walks", "placements",
)  # fmt: skip
#: The tables whose secondary indexes `BulkWriter` drops for the write and builds after the rows.
DEFERRED = ("claims", "claim_sources", "names", "entities", "entity_sources")
PRAGMAS = ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "locking_mode=EXCLUSIVE", "cache_size=-65536")

Rows = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def capture(bundle: Path, db: Path) -> Rows:
    """Import `bundle` into a new empty store `db` and read back every row it wrote, in insertion order."""
    with KnowledgeBase.open(db, create=True) as kb:
        import_bundle(kb.store, bundle)
    con = sqlite3.connect(db)
    rows: Rows = {}
    try:
        for table in TABLES:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            order = "rowid" if table != "placements" else "entity, province"
            rows[table] = (cols, con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall())
    finally:
        con.close()
    return rows


def _schema_file(path: Path, change: Callable[[apsw.Connection], None] | None = None, page_size: int = 0) -> None:
    """A new file with the store's schema (by the migrations), changed by `change`; `page_size` its page size
    where not a new store's (`store.sqlite.PAGE_SIZE`; set before the schema, as `FreshBuild` sets the
    store's)."""
    if page_size:
        con = sqlite3.connect(path)
        try:
            con.execute(f"PRAGMA page_size = {page_size}")
            con.execute("VACUUM")
        finally:
            con.close()
    SQLiteStore(str(path)).close()
    if change is not None:
        db = apsw.Connection(str(path))
        try:
            change(db)
        finally:
            db.close()


def _open(path: Path) -> apsw.Connection:
    db = apsw.Connection(str(path))
    for pragma in PRAGMAS:
        db.execute(f"PRAGMA {pragma}").fetchall()
    return db


def _insert(db: apsw.Connection, rows: Rows, per_table: dict[str, float] | None = None) -> None:
    for table in TABLES:
        cols, data = rows[table]
        if data:
            c = time.process_time()
            db.executemany(f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", data)
            if per_table is not None:
                per_table[table] = time.process_time() - c


def write_bare(rows: Rows, path: Path) -> float:
    """`bare`: every table plain (no key, no constraint, no index); CPU seconds of the rows and COMMIT."""
    db = _open(path)
    for table in TABLES:
        db.execute(f"CREATE TABLE {table}({', '.join(rows[table][0])})")
    c = time.process_time()
    db.execute("BEGIN")
    _insert(db, rows)
    db.execute("COMMIT")
    spent = time.process_time() - c
    db.close()
    return spent


def write_schema(rows: Rows, path: Path, *, indexes: bool, copy_to: Path | None = None,
                 change: Callable[[apsw.Connection], None] | None = None, page_size: int = 0,
                 per_table: dict[str, float] | None = None) -> float:  # fmt: skip
    """`keys` (indexes False), `schema` (True) or `schema+copy` (True and copy_to, an empty store to copy
    into): CPU seconds of the rows, the indexes and trigger built after them, the COMMIT and the copy (not
    the checkpoint of the store's write-ahead log when it closes). `per_table` receives each table's rows,
    the indexes, the commit and the copy apart."""
    _schema_file(path, change, page_size)
    if copy_to is not None:
        _schema_file(copy_to, None, page_size)
    db = _open(path)
    secondary = [
        (name, sql)
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name"
        )
    ]
    triggers = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE name = 'placements_claim_insert'")]
    target = SQLiteStore(str(copy_to)) if copy_to is not None else None
    pt = time.process_time
    c = pt()
    db.execute("BEGIN")
    rebuilt = []
    for name, sql in secondary:
        table = sql.split(" ON ")[1].split("(")[0].strip()
        if table in DEFERRED or not indexes:
            db.execute(f'DROP INDEX "{name}"')
            rebuilt.append(sql)
    db.execute("DROP TRIGGER IF EXISTS placements_claim_insert")
    _insert(db, rows, per_table)
    c1 = pt()
    if indexes:
        for sql in rebuilt + triggers:
            db.execute(sql)
    c2 = pt()
    db.execute("COMMIT")
    db.close()
    c3 = pt()
    if target is not None:
        source = sqlite3.connect(path)
        try:
            source.backup(target._db._raw)
        finally:
            source.close()
    spent = pt() - c
    if per_table is not None:
        per_table.update({"(indexes, trigger)": c2 - c1, "(commit)": c3 - c2, "(copy)": c + spent - c3})
    if target is not None:
        target.close()
    return spent


def decode_whole(bundle: Path) -> float:
    c = time.process_time()
    orjson.loads(bundle.read_bytes())
    return time.process_time() - c


def decode_lines(bundle: Path) -> float:
    """orjson on each element's line (bytes, its trailing comma cut), the bundle's first and last lines aside."""
    c = time.process_time()
    loads = orjson.loads
    lines = bundle.read_bytes().split(b"\n")
    for line in lines[1:]:
        if line.startswith(b"{"):
            loads(line[:-1] if line.endswith(b",") else line)
    return time.process_time() - c


def reader(bundle: Path) -> float:
    c = time.process_time()
    for _ in BundleReader(bundle).objects():
        pass
    return time.process_time() - c


def peer(sample: list[dict[str, Any]]) -> float:
    c = time.process_time()
    for o in sample:
        stix2.parse(o, allow_custom=True)
    return time.process_time() - c


# ------------------------------------------------------------------ schema candidates (--candidates)


def _without_rowid(*tables: str) -> Callable[[apsw.Connection], None]:
    """Recreate `tables` as WITHOUT ROWID tables (their indexes and triggers recreated as they were)."""

    def change(db: apsw.Connection) -> None:
        db.execute("PRAGMA foreign_keys=OFF")
        for table in tables:
            create = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchall()
            others = db.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                (table,),
            ).fetchall()
            db.execute(f"DROP TABLE {table}")
            db.execute(create[0][0] + " WITHOUT ROWID")
            for (sql,) in others:
                db.execute(sql)

    return change


def _drop_index(name: str) -> Callable[[apsw.Connection], None]:
    def change(db: apsw.Connection) -> None:
        db.execute(f"DROP INDEX {name}")

    return change


def _fts(options: str) -> Callable[[apsw.Connection], None]:
    """names_fts made again with FTS5 `options` added."""

    def change(db: apsw.Connection) -> None:
        db.execute("DROP TABLE names_fts")
        db.execute(
            "CREATE VIRTUAL TABLE names_fts USING fts5(entity_id UNINDEXED, name, "
            f'tokenize = "unicode61 remove_diacritics 2", {options})'
        )

    return change


#: name: (change of the schema, page size or 0). Each runs as `schema + copy`.
CANDIDATES: dict[str, tuple[Callable[[apsw.Connection], None] | None, int]] = {
    "claims_origin dropped": (_drop_index("claims_origin"), 0),
    "claim_sources, entity_sources WITHOUT ROWID": (_without_rowid("claim_sources", "entity_sources"), 0),
    "claims WITHOUT ROWID": (_without_rowid("claims"), 0),
    "names_fts columnsize=0": (_fts("columnsize=0"), 0),
    "names_fts detail=column": (_fts("detail=column"), 0),
    "pages of 4 KB (SQLite's default, the stores made before)": (None, 4096),
    "pages of 32 KB": (None, 32768),
}


# ------------------------------------------------------------------ the run


def measure(label: str, bundle: Path, work: Path, rounds: int, candidates: bool) -> None:
    objs = json.loads(bundle.read_text())["objects"]
    n = len(objs)
    sample = random.Random(7).sample(objs, min(stix.SAMPLE, n))
    del objs
    rows = capture(bundle, work / "captured.db")
    counted = {t: len(rows[t][1]) for t in TABLES if rows[t][1]}
    print(f"\n{label}: {n} objects; rows the import wrote: {sum(counted.values())} "
          f"({', '.join(f'{t} {k}' for t, k in counted.items())})")  # fmt: skip
    tables: dict[str, float] = {}
    parts: dict[str, Callable[[], float]] = {
        "SQLite: bare rows": lambda: write_bare(rows, work / "bare.db"),
        "SQLite: keys": lambda: write_schema(rows, work / "keys.db", indexes=False),
        "SQLite: schema (secondary indexes, trigger)": lambda: write_schema(rows, work / "schema.db", indexes=True),
        "SQLite: schema + copy into the store": lambda: write_schema(
            rows, work / "copy-src.db", indexes=True, copy_to=work / "copy.db", per_table=tables
        ),
        "orjson: the whole file in one call": lambda: decode_whole(bundle),
        "orjson: each line's bytes": lambda: decode_lines(bundle),
        "the import's reader (BundleReader.objects)": lambda: reader(bundle),
    }
    if candidates:
        for name, (change, size) in CANDIDATES.items():
            parts[f"candidate (schema + copy): {name}"] = lambda change=change, size=size: write_schema(
                rows, work / "cand.db", indexes=True, copy_to=work / "cand-copy.db", change=change, page_size=size
            )
    spent: dict[str, list[float]] = {k: [] for k in parts}
    by_table: dict[str, list[float]] = {}
    peer_runs: list[float] = []
    for _ in range(rounds):
        peer_runs.append(peer(sample))
        for name, part in parts.items():
            for leftover in work.glob("*.db*"):
                if not leftover.name.startswith("captured"):
                    leftover.unlink()
            spent[name].append(part())
        for table, seconds in tables.items():
            by_table.setdefault(table, []).append(seconds)
    stix.IMPORT_RUNS = rounds
    run, peak, _, phases = stix.import_in_child(bundle, work / "imported.db")
    import_least = float(phases.rsplit("all ", 1)[1].split(" ")[0])
    peer_us = min(peer_runs) / len(sample) * 1e6
    budget = peer_us / 20
    print(f"the peer, stix2.parse on {len(sample)} of its objects: {peer_us:.1f} µs an object (least of {rounds}; "
          f"median {sorted(peer_runs)[len(peer_runs) // 2] / len(sample) * 1e6:.1f}); 20x the peer leaves "
          f"{budget:.1f} µs an object for the whole import")  # fmt: skip
    print(f"{'part (CPU, least of ' + str(rounds) + ')':<64} {'µs/object':>9} {'peer/part':>9} {'left of 20x':>11}")

    def row(name: str, seconds: float) -> None:
        us = seconds / n * 1e6
        print(f"{name:<64} {us:>9.1f} {peer_us / us:>8.1f}x {budget - us:>11.1f}")

    for name, runs in spent.items():
        row(name, min(runs))
    row("the import (stix.py's child process)", import_least)
    print(f"  import: median CPU {run.cpu:.2f} s, wall {run.wall:.2f} s, peak {peak:.0f} MB")
    print(phases)
    print("  schema + copy by table and step (CPU µs an object, least of the runs): "
          + "; ".join(f"{t} {min(v) / n * 1e6:.1f}" for t, v in by_table.items()))  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store", nargs="?", default="cyberstate.db", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--candidates", action="store_true", help="also the schema candidates")
    ap.add_argument("--only", choices=("store", "generated"), help="one bundle alone")
    args = ap.parse_args()
    stix._load("start")
    print(f"SQLite {apsw.sqlite_lib_version()} (apsw), {sqlite3.sqlite_version} (sqlite3); "
          f"orjson {orjson.__version__}; stix2 {stix2.__version__}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        if args.only != "generated":
            if not args.store.exists():
                print(f"{args.store} not found: run `make run` first for the store's figures")
            else:
                bundle = t / "store.json"
                with KnowledgeBase.open(args.store) as kb, bundle.open("w") as f:
                    write_bundle(iter_serialised(kb), f)
                (t / "a").mkdir()
                measure(f"the export of {args.store}", bundle, t / "a", args.rounds, args.candidates)
        if args.only != "store":
            bundle = t / "generated.json"
            stix.generate(bundle)
            (t / "b").mkdir()
            measure("the generated bundle", bundle, t / "b", args.rounds, args.candidates)
    stix._load("end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
