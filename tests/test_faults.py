"""Faults: a write command killed at each of its steps, interrupted by a signal, or racing readers
leaves the store unchanged (or complete), never half-written; SQLite's and the system's errors are one
line. Every store here is real SQLite; the faults are real signals, a real disk limit, real damage."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import StoreCorrupt, StoreError, StoreFull, StoreLocked, StoreReadOnly, from_sqlite
from cyberstate.faults import STEPS

GALAXY = Path(__file__).parent / "data" / "galaxy"
DOCS = Path(__file__).parent / "data" / "docs"
R1 = "g-00000000-0000-4000-8000-000000000001"
TABLES = ("entities", "sources", "names", "claims", "claim_sources", "entity_sources", "merge_map", "meta")


def snapshot(db: Path) -> str:
    """A digest of everything the store holds (every row of every table we write)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        for t in TABLES:
            for row in sorted(map(repr, con.execute(f"SELECT * FROM {t}"))):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        con.close()


def integrity_ok(db: Path) -> bool:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def cmd(db: Path, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "cyberstate", "--db", str(db), *map(str, args)]


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small data set with the test galaxy clusters and one ingested document."""
    d = tmp_path_factory.mktemp("faults")
    mini = Path(__file__).parent / "data" / "mini"
    db = d / "base.db"
    with KnowledgeBase.open(db, create=True) as kb:
        kb.load([mini])
        kb.import_galaxy(paths=[GALAXY / "test-actors.json"])
        kb.ingest([DOCS / "press-release.md"])
    return db


def _candidate(db: Path) -> str:
    with KnowledgeBase.open(db) as kb:
        return kb.candidates(limit=1)[0].id


EXTRA = """\
entities:
  - {id: extra-group, kind: threat_group, name: Extra Group, aliases: [{name: EG-1, source: note}], sources: [note]}
claims:
  - {subject: extra-group, predicate: attributed_to, object: china, sources: [note], basis: technical_analysis}
"""


def _extra(db: Path) -> Path:
    """A file that adds a group sharing a name with one stored (so the load implies a merge)."""
    f = db.parent / "extra.yaml"
    f.write_text(EXTRA)
    return f


WRITES: dict[str, Any] = {
    "load": lambda db: ["load", _extra(db)],
    "import": lambda db: [
        "import",
        "misp-galaxy",
        "--path",
        GALAXY / "test-actors.json",
        "--path",
        GALAXY / "test-vendor.json",
    ],
    "ingest": lambda db: ["ingest", DOCS / "report.html"],
    "review": lambda db: ["review", "accept", _candidate(db)],
    "merge": lambda db: ["merge", "example-group", R1],
    "unmerge": lambda db: ["unmerge", "example-group", R1],
}


def _paused(db: Path, args: list[Any], step: str) -> subprocess.Popen[str]:
    """The real command, stopped at `step` (it prints `paused at STEP` and sleeps there)."""
    env = {**os.environ, "CYBERSTATE_PAUSE_AT": step, "CYBERSTATE_PAUSE_SECONDS": "60"}
    p = subprocess.Popen(cmd(db, *args), env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert p.stderr is not None
    line = p.stderr.readline()
    assert line.strip() == f"paused at {step}", line
    return p


CALLS: dict[str, Any] = {  # the same writes through the library, for forked children (no start-up cost)
    "load": lambda kb, db: kb.load([_extra(db)]),
    "import": lambda kb, db: kb.import_galaxy(paths=[GALAXY / "test-actors.json", GALAXY / "test-vendor.json"]),
    "ingest": lambda kb, db: kb.ingest([DOCS / "report.html"]),
    "review": lambda kb, db: kb.review("accept", [_candidate(db)]),
    "merge": lambda kb, db: kb.merge("example-group", R1),
    "unmerge": lambda kb, db: kb.unmerge("example-group", R1),
}


def _forked(db: Path, command: str, step: str) -> multiprocessing.process.BaseProcess:
    """A forked child running the write `command` on `db`, stopped at `step` inside its transaction."""
    log = db.parent / "child.log"
    log.write_text("")

    def child() -> None:
        os.environ["CYBERSTATE_PAUSE_AT"] = step
        os.environ["CYBERSTATE_PAUSE_SECONDS"] = "60"
        sys.stderr = log.open("w", buffering=1)
        with KnowledgeBase.open(db) as kb:
            CALLS[command](kb, db)
        os._exit(0)

    p = multiprocessing.get_context("fork").Process(target=child)
    p.start()
    deadline = time.monotonic() + 60
    while f"paused at {step}" not in log.read_text():
        assert p.is_alive() and time.monotonic() < deadline, log.read_text()
        time.sleep(0.02)
    return p


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("command", list(WRITES))
def test_sigkill_at_each_step_leaves_the_store_unchanged(
    base_db: Path, tmp_path: Path, command: str, step: str
) -> None:
    db = tmp_path / "k.db"
    shutil.copy(base_db, db)
    if command == "unmerge":  # an unmerge undoes a merge: make the merge first
        with KnowledgeBase.open(db) as kb:
            kb.merge("example-group", R1)
    before = snapshot(db)
    p = _forked(db, command, f"{command}:{step}")
    assert p.pid is not None
    os.kill(p.pid, signal.SIGKILL)
    p.join(timeout=30)
    assert p.exitcode == -signal.SIGKILL
    assert integrity_ok(db)
    assert snapshot(db) == before
    assert not _damage(db)
    if step == STEPS[0]:  # and the same write, left alone, completes with its merges consistent
        with KnowledgeBase.open(db) as kb:
            CALLS[command](kb, db)
        assert snapshot(db) != before
        assert not _damage(db)


def _damage(db: Path) -> list[dict[str, Any]]:
    with KnowledgeBase.open(db) as kb:
        return [f for f in kb.check(integrity=True)["findings"] if f["kind"] in {"sqlite", "merge", "dangling"}]


@pytest.mark.parametrize(("sig", "code", "name"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C")])
def test_sigterm_and_ctrl_c_roll_back_and_say_so(
    base_db: Path, tmp_path: Path, sig: signal.Signals, code: int, name: str
) -> None:
    db = tmp_path / "s.db"
    shutil.copy(base_db, db)
    before = snapshot(db)
    p = _paused(db, WRITES["import"](db), "import:merged")
    p.send_signal(sig)
    _, err = p.communicate(timeout=30)
    assert p.returncode == code
    assert err.strip().splitlines() == [
        f"error: interrupted by {name}: nothing was written (the transaction was rolled back)"
    ]
    assert snapshot(db) == before


def test_readers_during_an_import_never_see_a_half_state(base_db: Path, tmp_path: Path) -> None:
    """Readers run while the import is paused after writing its data and again after its merges: each
    sees the store before the import or after it, never records without their merges."""
    db = tmp_path / "r.db"
    shutil.copy(base_db, db)

    def state() -> tuple[int, int]:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            claims = con.execute("SELECT count(*) FROM claims WHERE status = 'accepted'").fetchone()[0]
            merged = con.execute("SELECT count(*) FROM merge_map").fetchone()[0]
            return claims, merged
        finally:
            con.close()

    before = state()
    env = {**os.environ, "CYBERSTATE_PAUSE_AT": "import:data", "CYBERSTATE_PAUSE_SECONDS": "1.5"}
    p = subprocess.Popen(cmd(db, *WRITES["import"](db)), env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    seen = set()
    deadline = time.monotonic() + 60
    while p.poll() is None and time.monotonic() < deadline:
        seen.add(state())
        with KnowledgeBase.open(db) as kb:  # the read model too: one consistent snapshot per query
            kb.stats()
        time.sleep(0.05)
    p.wait(timeout=60)
    assert p.returncode == 0
    after = state()
    assert after != before
    assert seen <= {before, after}, seen
    assert len(seen) >= 1


def test_disk_full_rolls_back_with_one_line(base_db: Path, tmp_path: Path) -> None:
    """A real SQLite size limit (max_page_count) makes the load of the whole curated data run out of room."""
    db = tmp_path / "f.db"
    shutil.copy(base_db, db)
    before = snapshot(db)
    kb = KnowledgeBase.open(db)
    pages = kb.store._db.execute("PRAGMA page_count").fetchone()[0]
    kb.store._db.execute(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises(StoreFull, match="full"):
        kb.load()
    kb.close()
    assert snapshot(db) == before and integrity_ok(db)


def test_sqlite_errors_are_named_by_cause(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    KnowledgeBase.open(db, create=True).close()
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as info:
        ro.execute("CREATE TABLE x(a)")
    assert isinstance(from_sqlite(info.value, str(db)), StoreReadOnly)
    ro.close()
    # a lock held by another writer
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    t = time.monotonic()
    r = subprocess.run(cmd(db, "load", Path(__file__).parent / "data" / "mini"), capture_output=True, text=True)
    holder.execute("ROLLBACK")
    holder.close()
    assert r.returncode == 1 and time.monotonic() - t < 60
    assert r.stderr.strip().splitlines() == [
        f"error: {db}: the database is locked by another process; try again when it finishes"
    ]
    assert isinstance(StoreLocked("x"), StoreError)


def test_damaged_store_check_integrity_fails_and_reads_are_one_line(base_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    shutil.copy(base_db, db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db.read_bytes())
    page = 4096
    for off in range(2 * page, len(data) - page, 3 * page):  # damage every third page after the schema
        data[off + 100 : off + 400] = os.urandom(300)
    db.write_bytes(bytes(data))
    r = subprocess.run(cmd(db, "check", "--integrity"), capture_output=True, text=True)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    for args in (
        ["stats"],
        ["show", "Example Group"],
        ["chain", "Example Group"],
        ["load", Path(__file__).parent / "data" / "mini"],
    ):
        r = subprocess.run(cmd(db, *args), capture_output=True, text=True)
        assert "Traceback" not in r.stderr, (args, r.stderr[-500:])
        assert r.returncode in (0, 1)
        assert len(r.stderr.strip().splitlines()) <= 1
    assert isinstance(from_sqlite(sqlite3.DatabaseError("database disk image is malformed"), "x"), StoreCorrupt)


def test_a_store_too_damaged_to_open_says_so(base_db: Path, tmp_path: Path) -> None:
    """A store cut short (its first pages whole, the schema's gone) is named damaged by every command, check
    --integrity included, with what to do; it was called "not a cyberstate store" and sent the analyst to
    `check --integrity`, which gave the same line."""
    db = tmp_path / "cut.db"
    con = sqlite3.connect(base_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    db.write_bytes(base_db.read_bytes()[:16384])
    want = (
        f"error: {db}: the database is damaged and cannot be opened (database disk image is malformed); "
        "restore a copy of it, or build it again (`make run`)"
    )
    for args in (["check", "--integrity"], ["stats"], ["load", Path(__file__).parent / "data" / "mini"]):
        r = subprocess.run(cmd(db, *args), capture_output=True, text=True)
        assert r.returncode == 1 and r.stderr.strip() == want, (args, r.stderr)
    assert len(db.read_bytes()) == 16384


def test_check_integrity_finds_a_write_committed_without_its_merges(base_db: Path, tmp_path: Path) -> None:
    """The half state the two-transaction writes left: records imported, merge map stale."""
    db = tmp_path / "h.db"
    shutil.copy(base_db, db)
    subprocess.run(cmd(db, "merge", "example-group", R1), check=True, capture_output=True)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM merge_map")
    con.commit()
    con.close()
    r = subprocess.run(cmd(db, "check", "--integrity", "--json"), capture_output=True, text=True)
    assert r.returncode == 1
    assert any("merge map is not the one" in f["message"] for f in json.loads(r.stdout)["findings"])


@pytest.mark.parametrize("command", ["serve", "taxii"])
def test_a_server_stopped_by_sigterm_exits_0_and_says_so(base_db: Path, command: str) -> None:
    """SIGTERM is how a server is meant to stop: it wrote nothing, so it must not report a rolled-back write."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = subprocess.Popen(
        cmd(base_db, command, "--port", str(port)), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    else:
        p.kill()
        pytest.fail(f"{command} did not listen on port {port}")
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    assert p.returncode == 0, err
    assert err.strip().splitlines()[-1] == "stopped by SIGTERM"
    assert "rolled back" not in err


def test_a_store_on_read_only_media_answers_reads_and_refuses_writes_in_one_line(base_db: Path, tmp_path: Path) -> None:
    """An immutable file in an immutable folder stands for a read-only mount: SQLite cannot create the WAL
    store's -shm file there, yet reads must be answered; a write is one line and changes nothing."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "c.db"
    shutil.copy(base_db, db)
    before = snapshot(base_db)  # not of `db`: reading it would create the -shm file the test must lack
    assert [p.name for p in folder.iterdir()] == ["c.db"]
    if subprocess.run(["chattr", "+i", str(db), str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (needs root on a file system that supports it)")
    try:
        read = subprocess.run(cmd(db, "--json", "show", "Example Group"), capture_output=True, text=True)
        write = subprocess.run(cmd(db, "load", Path(__file__).parent / "data" / "mini"), capture_output=True, text=True)
    finally:
        subprocess.run(["chattr", "-i", str(db), str(folder)], check=True)
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout)
    assert write.returncode == 1
    assert write.stderr.strip().splitlines() == [
        f"error: {db}: cannot write the database (attempt to write a readonly database)"
    ]
    assert snapshot(db) == before
