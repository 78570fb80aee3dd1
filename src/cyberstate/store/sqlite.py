"""The default store: one SQLite file, WAL, foreign keys, FTS5 over every name.

Writes go through `put_*` inside `transaction()`; nested transactions become SAVEPOINTs, so a loader
can wrap a whole load in one transaction and still call helpers that open their own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any
from urllib.parse import quote

import orjson

from cyberstate.errors import InvalidRecord, StoreCorrupt, StoreError, StoreReadOnly, from_sqlite
from cyberstate.model import Alias, Claim, Entity, Evidence, Source, Status, check_domain_range
from cyberstate.model.names import has_han, norm
from cyberstate.model.records import CLAIM_FIELDS
from cyberstate.model.vocab import most_restrictive
from cyberstate.store.base import NO_SOURCE, AliasRow, ClaimRow, EntityRow, NameHit, SourceRow
from cyberstate.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_SEP = "\x1f"
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: The store files this process holds open through SQLite, by (device, inode), with how many stores hold each.
#: A file is read by Python only when no store of this process holds it: closing any descriptor of a file
#: drops every POSIX lock the process holds on it (SQLite's own too), and a WAL store whose SHARED lock is gone
#: looks unused to another process, whose last connection then checkpoints and deletes the write-ahead log
#: the store is still writing to (`cyberstate serve` opens the store again for its TAXII collections: a review
#: accepted after a `cyberstate stats` in another shell went to a deleted log, seen by no other process).
_HELD: dict[tuple[int, int], int] = {}
_HELD_LOCK = threading.Lock()
#: The page size of a new store, in bytes (a store keeps the page size it was made with). Pages of 16 KB
#: rather than SQLite's 4 KB: a bulk write's rows, the indexes built after them and the copy of a new file
#: into the store handle a quarter as many pages (the STIX import's SQLite work fell by a fifth,
#: bench/stix_floor.py; docs/exchange.md).
PAGE_SIZE = 16384


#: Seconds a shared read snapshot may be joined by new questions; after that they wait for it to end, so
#: that a busy server still sees writes (see SQLiteStore.snapshot).
SNAPSHOT_AGE = 1.0

#: Transactions committed by this process: lets the CLI say truthfully what an interrupt left behind.
COMMITS = [0]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


#: Slot setters of Claim: reading a store row builds a claim without re-validating it (it was checked
#: when written) and without the per-field `object.__setattr__` of Claim.trusted, which dominated reads.
_CLAIM_SETTERS = tuple((f, getattr(Claim, f).__set__) for f in CLAIM_FIELDS)


_SETTER = dict(_CLAIM_SETTERS)


def stored_claim(row: dict[str, Any]) -> Claim:
    """A claim from stored (already validated) fields."""
    c = object.__new__(Claim)
    for name, setter in _CLAIM_SETTERS:
        setter(c, row[name])
    return c


# sqlite3 binds int, float and str directly but sends every other value through its adaptation
# protocol, None included: two failed attribute lookups (`__adapt__`, `__conform__`), each raising and
# formatting an AttributeError, about 0.3 µs per NULL. A bulk import binds hundreds of thousands of NULLs
# (a relationship's row has four): 5% of the instructions of importing the `make run` export went there.
# An adapter registered for None is found by the protocol's first lookup; `{}.get` returns None for any
# key, so None is still bound as NULL, by a C call. (Process-wide, and changes no value anyone binds.)
sqlite3.register_adapter(type(None), {}.get)

#: One encoder for every stored JSON text (json.dumps with options builds a new encoder per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _dump(value: Any) -> str:
    return _ENCODE(value)


#: A claim's value as its `value` column holds it (JSON), for a writer that gives `BulkWriter.claim_row` rows.
dump_value = _dump

#: The columns of a claim's row that its content gives (all but the id and the time it was recorded).
_CLAIM_COLS = (
    "subject, predicate, object, value, assertor, basis, confidence, negated, valid_from, valid_to, "
    "published, evidence_text, evidence_source, evidence_start, evidence_end, marking, status, origin, note"
)
_INSERT_CLAIM = f"INSERT INTO claims(id, {_CLAIM_COLS}, recorded) VALUES ({', '.join('?' * 21)})"
_ORIGIN_AT = [c.strip() for c in _CLAIM_COLS.split(",")].index("origin")
_STATUS_AT = [c.strip() for c in _CLAIM_COLS.split(",")].index("status")
_SUBJECT_AT, _OBJECT_AT, _ASSERTOR_AT = 0, 2, 4
_MARKING_AT = [c.strip() for c in _CLAIM_COLS.split(",")].index("marking")
assert _ORIGIN_AT == _STATUS_AT + 1 == _MARKING_AT + 2
assert [c.strip() for c in _CLAIM_COLS.split(",")][:5] == ["subject", "predicate", "object", "value", "assertor"]
#: Ids bound in one `IN (...)` (SQLite allows 999 variables before 3.32).
_IN_CHUNK = 500


def _claim_values(claim: Claim) -> tuple[Any, ...]:
    """A claim's row in the order of `_CLAIM_COLS`."""
    ev = claim.evidence
    return (
        claim.subject,
        claim.predicate,
        claim.object,
        None if claim.value is None else _dump(claim.value),
        claim.assertor,
        claim.basis,
        claim.confidence,
        int(claim.negated),
        claim.valid_from,
        claim.valid_to,
        claim.published,
        ev.text if ev else None,
        ev.source if ev else None,
        ev.start if ev else None,
        ev.end if ev else None,
        claim.marking,
        claim.status,
        claim.origin,
        claim.note,
    )


class _Connection:
    """The sqlite3 connection, with SQLite's errors turned into the StoreError leaves where they arise."""

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self._raw, self._path = db, path

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def execute(self, sql: str, args: Any = ()) -> sqlite3.Cursor:
        try:
            return self._raw.execute(sql, args)
        except sqlite3.Error as e:
            raise from_sqlite(e, self._path) from None

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        try:
            return self._raw.executemany(sql, rows)
        except sqlite3.Error as e:
            raise from_sqlite(e, self._path) from None


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration's script, one by one (a trigger's body holds semicolons of its own:
    a statement ends where SQLite says it is complete)."""
    part = ""
    for piece in sql.split(";"):
        part += piece + ";"
        if sqlite3.complete_statement(part):
            if part.strip(" \n;"):
                yield part
            part = ""
    if part.strip(" \n;"):
        raise StoreError(f"incomplete statement in a migration: {part.strip()[:60]!r}")


def _held(path: str) -> bool:
    """Whether a store of this process holds the file at `path` open."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    with _HELD_LOCK:
        return (st.st_dev, st.st_ino) in _HELD


class SQLiteStore:
    """A cyberstate knowledge base in one SQLite file."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = os.fspath(path)
        if self.path != ":memory:" and os.path.isdir(self.path):
            raise StoreError(f"{self.path} is a folder, not a cyberstate store")
        exists = self.path != ":memory:" and os.path.exists(self.path) and os.path.getsize(self.path) > 0
        if self.path != ":memory:" and not exists and not create:
            raise StoreError(f"no knowledge base at {self.path}: run `cyberstate load` first")
        self._held: tuple[int, int] | None = None
        if exists and not _held(self.path):  # one this process holds open is a store: read it again, and its
            try:  # locks would go with the descriptor (see _HELD)
                with open(self.path, "rb") as fh:
                    head = fh.read(16)
            except OSError as e:
                raise StoreError(f"{self.path}: cannot read ({e.strerror})") from None
            if head != _SQLITE_MAGIC:
                raise StoreError(f"{self.path} is not a cyberstate store (not an SQLite database)")
        #: True when the file sits where nothing can be written (a read-only mount, an immutable file or
        #: folder): reads are answered, every write fails with StoreReadOnly.
        self.read_only = False
        try:
            app_id, version, tables = self._connect(self.path)
        except (sqlite3.DatabaseError, StoreError) as e:
            if isinstance(e, StoreCorrupt):  # an SQLite file whose first pages are damaged: no check can run
                raise StoreCorrupt(
                    f"{self.path}: the database is damaged and cannot be opened ({e.reason or e}); "
                    "restore a copy of it, or build it again (`make run`)"
                ) from None
            if not ("unable to open" in str(e) or "readonly" in str(e)):
                raise StoreError(f"{self.path} is not a cyberstate store ({e})") from None
            if not (exists and self._wal_is_empty()):
                raise StoreReadOnly(
                    f"{self.path}: cannot open or create the database (does its folder exist, can it be written?)"
                ) from None
            # A WAL store needs its -shm file beside it to be read. Where the folder cannot be written and no
            # write-ahead log holds unmerged pages, the main file is the whole store: read it as immutable.
            self.read_only = True
            with contextlib.suppress(AttributeError, sqlite3.Error):
                self._db.close()  # the connection that could not read
            app_id, version, tables = self._connect(f"file:{quote(os.path.abspath(self.path))}?mode=ro&immutable=1")
        if tables and app_id != APPLICATION_ID:
            self._db.close()
            raise StoreError(f"{self.path} is not a cyberstate store (it holds other tables)")
        if version > SCHEMA_VERSION:
            self._db.close()
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this cyberstate ({SCHEMA_VERSION}); "
                "upgrade cyberstate to use it"
            )
        self._depth = 0
        #: The time of record of the open write transaction, taken when it began (see `recorded_now`).
        self._tx_now: str | None = None
        # Read snapshots (see `snapshot`): the threads inside one, how deep each is, and one condition
        # that makes a write on this connection wait for them to leave (and them for the write).
        self._readers: dict[int, int] = {}
        self._writer: int | None = None
        self._gate = threading.Condition()
        self._version = (0, 0)
        self._began = 0.0
        self.commits = 0  # transactions this connection committed (its own writes: data_version misses them)
        if self.read_only and version < SCHEMA_VERSION:
            raise StoreReadOnly(
                f"{self.path}: the store needs upgrading to schema {SCHEMA_VERSION} but cannot be written"
            )
        try:
            if not tables and not self.read_only:  # a new store; before WAL mode, which fixes the file's layout
                self._db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            if self.path != ":memory:" and not self.read_only:
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
        except (sqlite3.OperationalError, StoreError) as e:
            raise StoreError(f"{self.path}: cannot open ({e})") from None
        if version < SCHEMA_VERSION:
            self._migrate(version)
            COMMITS[0] -= 1  # creating the schema is not a command's change
        self._hold()

    # ----------------------------------------------------------------------------- lifecycle

    def _connect(self, target: str) -> tuple[int, int, int]:
        """Open `target` (a path or a file: URI) and read what tells a cyberstate store from anything else."""
        raw = sqlite3.connect(
            target, isolation_level=None, check_same_thread=False, timeout=5, uri=target.startswith("file:")
        )
        raw.row_factory = sqlite3.Row
        self._db = _Connection(raw, self.path)
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return app_id, version, tables

    def _wal_is_empty(self) -> bool:
        wal = self.path + "-wal"
        return not os.path.exists(wal) or os.path.getsize(wal) == 0

    def _migrate(self, current: int) -> None:
        with self.transaction():
            if current == 0:
                self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            for version, name, sql in MIGRATIONS:
                if version <= current:
                    continue
                for stmt in _statements(sql):
                    self._db.execute(stmt)
                self._db.execute(
                    "INSERT INTO migrations(version, name, applied) VALUES (?, ?, ?)", (version, name, _now())
                )
                self._db.execute(f"PRAGMA user_version={version}")
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def _hold(self) -> None:
        """Count this store among those holding its file open (see _HELD)."""
        if self.path == ":memory:":
            return
        with contextlib.suppress(OSError):
            st = os.stat(self.path)
            self._held = (st.st_dev, st.st_ino)
            with _HELD_LOCK:
                _HELD[self._held] = _HELD.get(self._held, 0) + 1

    def close(self) -> None:
        self._db.close()
        held, self._held = self._held, None
        if held is not None:
            with _HELD_LOCK:
                if _HELD.get(held, 0) <= 1:
                    _HELD.pop(held, None)
                else:
                    _HELD[held] -= 1

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def snapshot(self) -> Iterator[tuple[int, int]]:
        """Every read inside sees one committed state of the file, whatever other connections commit
        meanwhile: one read transaction (WAL keeps the state it began on for as long as it is open).

        Yields the state's version, (PRAGMA data_version, this connection's commits): it differs from the
        last one seen exactly when anyone committed in between, so a reader that keeps what it read (the
        read model's views) knows when to read again. Nested snapshots, and threads sharing this
        connection, join the open one (while it is younger than SNAPSHOT_AGE); a write on this connection
        waits until every snapshot has left (and a snapshot waits for a write of another thread). Inside a
        write transaction, reads see that transaction's own state."""
        me = threading.get_ident()
        with self._gate:
            if self._writer == me:  # a read inside this thread's own write: its state is the one to see
                yield self._version_now()
                return
            # wait for a write of another thread; and, so that readers who keep overlapping do not hold one
            # old state for ever, a thread not yet inside lets a snapshot older than SNAPSHOT_AGE drain
            while self._writer is not None or (
                self._readers and me not in self._readers and time.monotonic() - self._began > SNAPSHOT_AGE
            ):
                self._gate.wait(SNAPSHOT_AGE)
            if not self._readers:
                self._db.execute("BEGIN")
                self._version = self._version_now()  # reading the pragma starts the read: the snapshot
                self._began = time.monotonic()
            self._readers[me] = self._readers.get(me, 0) + 1
            version = self._version
        try:
            yield version
        finally:
            with self._gate:
                self._readers[me] -= 1
                if not self._readers[me]:
                    del self._readers[me]
                if not self._readers:
                    if self._db._raw.in_transaction:
                        with contextlib.suppress(sqlite3.Error):  # a read transaction changed nothing
                            self._db._raw.execute("COMMIT")
                    self._gate.notify_all()

    def _version_now(self) -> tuple[int, int]:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0]), self.commits

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """This thread alone on the connection for a write: wait for the snapshots of other threads."""
        me = threading.get_ident()
        with self._gate:
            if me in self._readers:
                raise StoreError("a write inside a read snapshot on the same connection")
            while self._readers or self._writer is not None:
                self._gate.wait()
            self._writer = me
        try:
            yield
        finally:
            with self._gate:
                self._writer = None
                self._gate.notify_all()

    def recorded_now(self) -> str:
        """The time of record of what is written now: the second the open write transaction began, the same
        for every record one command writes (a load, an import, a review commits its records together, so
        they enter the store at one time however long the writing takes); outside one, the current second."""
        return self._tx_now or _now()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested calls are savepoints. Any exception rolls back the whole level."""
        if self._writer == threading.get_ident():
            with self._transaction():
                yield
        else:
            with self._exclusive(), self._transaction():
                yield

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        name = f"sp{self._depth}"
        if self._depth == 0:
            # waits up to sqlite3's timeout (5 s) for another writer; the connection wrapper turns "locked"
            # into StoreLocked (errors.from_sqlite), one line at the CLI edge
            self._db.execute("BEGIN IMMEDIATE")
            self._tx_now = _now()
        else:
            self._db.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._tx_now = None
                self._rollback()
            elif self._db._raw.in_transaction:
                self._db.execute(f"ROLLBACK TO {name}")
                self._db.execute(f"RELEASE {name}")
            raise
        else:
            self._depth -= 1
            if self._depth == 0:
                self._tx_now = None
                try:
                    self._db.execute("COMMIT")
                except BaseException:
                    self._rollback()
                    raise
                COMMITS[0] += 1
                self.commits += 1
            else:
                self._db.execute(f"RELEASE {name}")

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (a failed COMMIT may leave it open)."""
        if self._db._raw.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the original error is the one to report
                self._db._raw.execute("ROLLBACK")

    def _require_tx(self) -> None:
        if self._depth == 0:
            raise StoreError("writes must happen inside store.transaction()")

    # ----------------------------------------------------------------------------- writes

    def put_source(self, source: Source, keep_local: bool = False) -> bool:
        """Insert a source or update the one of its id. With `keep_local` (an import), a source given without a
        text keeps the stored text of the same document (its sha256, or none given), and one given without a
        primary flag keeps the stored flag: a bundle carries a source's sha256, never its text, and a store
        importing its own export lost the documents behind its claims' evidence."""
        self._require_tx()
        if keep_local and (source.text is None or source.primary is None):
            held = self._db.execute(
                "SELECT text, sha256, is_primary FROM sources WHERE id = ?", (source.id,)
            ).fetchone()
            if held is not None:
                text, sha, primary = held
                fields: dict[str, Any] = {}
                if source.text is None and text is not None and source.sha256 in (None, sha):
                    fields["text"], fields["sha256"] = text, sha
                if source.primary is None and primary is not None:
                    fields["primary"] = bool(primary)
                if fields:
                    source = dataclasses.replace(source, **fields)
        row = (
            source.title,
            source.author,
            source.publisher,
            source.published,
            source.url,
            source.kind,
            source.text,
            source.sha256,
            source.cited_by,
            _dump(list(source.cited_as)),
            source.note,
            None if source.primary is None else int(source.primary),
        )
        old = self._db.execute(
            "SELECT title, author, publisher, published, url, kind, text, sha256, cited_by, cited_as, note, "
            "is_primary FROM sources WHERE id = ?",
            (source.id,),
        ).fetchone()
        if old is not None and tuple(old) == row:
            return False
        if old is None:
            self._db.execute(
                "INSERT INTO sources(id, title, author, publisher, published, url, kind, text, sha256, "
                "cited_by, cited_as, note, is_primary, recorded) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (source.id, *row, self.recorded_now()),
            )
        else:
            self._db.execute(
                "UPDATE sources SET title=?, author=?, publisher=?, published=?, url=?, kind=?, text=?, "
                "sha256=?, cited_by=?, cited_as=?, note=?, is_primary=? WHERE id=?",
                (*row, source.id),
            )
        return True

    def _check_sources(self, ids: Iterable[str], what: str) -> None:
        for sid in ids:
            if self._db.execute("SELECT 1 FROM sources WHERE id = ?", (sid,)).fetchone() is None:
                raise InvalidRecord(f"{what} cites unknown source {sid!r}")

    def put_entity(self, entity: Entity) -> bool:
        self._require_tx()
        if not entity.sources:
            raise InvalidRecord(f"entity {entity.id!r} needs at least one source")
        self._check_sources(entity.sources, f"entity {entity.id!r}")
        for a in entity.aliases:
            if a.source:
                self._check_sources([a.source], f"alias {a.name!r} of {entity.id!r}")
        changed = False
        row = (entity.kind, entity.name, entity.assertor_type, _dump(entity.attrs), entity.note)
        old = self._db.execute(
            "SELECT kind, name, assertor_type, attrs, note FROM entities WHERE id = ?", (entity.id,)
        ).fetchone()
        if old is None:
            self._db.execute(
                "INSERT INTO entities(id, kind, name, assertor_type, attrs, note, recorded) VALUES (?,?,?,?,?,?,?)",
                (entity.id, *row, self.recorded_now()),
            )
            changed = True
        elif tuple(old) != row:
            self._db.execute(
                "UPDATE entities SET kind=?, name=?, assertor_type=?, attrs=?, note=? WHERE id=?",
                (*row, entity.id),
            )
            self._db.execute("UPDATE names SET is_primary = 0 WHERE entity_id = ?", (entity.id,))
            changed = True
        for sid in entity.sources:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO entity_sources(entity_id, source_id) VALUES (?, ?)", (entity.id, sid)
            )
            changed |= cur.rowcount > 0
        names = [Alias(entity.name, entity.sources[0])]
        names += list(entity.aliases)
        new_names = False
        for i, a in enumerate(names):
            cur = self._db.execute(
                "INSERT OR IGNORE INTO names(entity_id, name, norm, lang, source_id, origin, is_primary) "
                "VALUES (?,?,?,?,?,?,?)",
                (entity.id, a.name, norm(a.name), a.lang, a.source, a.origin, 1 if i == 0 else 0),
            )
            if cur.rowcount:
                new_names = True
            elif i == 0:
                # the row the record's own name is (no origin): a row of the same name and source with an
                # origin is an alias (a vendor's or a cluster's), and made primary it left the aliases
                self._db.execute(
                    "UPDATE names SET is_primary = 1 WHERE entity_id = ? AND name = ? AND source_id IS ? "
                    "AND origin IS NULL",
                    (entity.id, a.name, a.source),
                )
        if new_names:
            self._refresh_fts(entity.id, fresh=old is None)
        return changed or new_names

    def add_names(self, entity_id: str, aliases: list[Alias], sources: Iterable[str]) -> bool:
        """Add names and sources to an entity another origin owns, leaving its record as it is."""
        self._require_tx()
        if self._db.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is None:
            raise InvalidRecord(f"unknown entity {entity_id!r}")
        srcs = list(dict.fromkeys(sources))
        self._check_sources(srcs + [a.source for a in aliases if a.source], f"names of {entity_id!r}")
        changed = False
        for sid in srcs:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO entity_sources(entity_id, source_id) VALUES (?, ?)", (entity_id, sid)
            )
            changed |= cur.rowcount > 0
        new = False
        for a in aliases:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO names(entity_id, name, norm, lang, source_id, origin, is_primary) "
                "VALUES (?,?,?,?,?,?,0)",
                (entity_id, a.name, norm(a.name), a.lang, a.source, a.origin),
            )
            new |= cur.rowcount > 0
        if new:
            self._refresh_fts(entity_id)
        return changed or new

    def _refresh_fts(self, entity_id: str, fresh: bool = False) -> None:
        """Re-index an entity's names; a `fresh` entity has none indexed, and skipping the DELETE (a scan:
        entity_id is not indexed in FTS5) keeps a bulk import linear."""
        if not fresh:
            self._db.execute("DELETE FROM names_fts WHERE entity_id = ?", (entity_id,))
        self._db.execute(
            "INSERT INTO names_fts(entity_id, name) SELECT DISTINCT entity_id, name FROM names WHERE entity_id = ?",
            (entity_id,),
        )

    def _kind(self, entity_id: str, role: str, claim: Claim) -> str:
        row = self._db.execute("SELECT kind FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise InvalidRecord(f"claim {claim.subject} {claim.predicate} …: unknown {role} {entity_id!r}")
        return str(row[0])

    def put_claim(self, claim: Claim) -> bool:
        self._require_tx()
        skind = self._kind(claim.subject, "subject", claim)
        okind = self._kind(claim.object, "object", claim) if claim.object is not None else None
        check_domain_range(claim.predicate, skind, okind)
        if claim.assertor is not None:
            self._kind(claim.assertor, "assertor", claim)
        self._check_sources(claim.sources, f"claim {claim.subject} {claim.predicate}")
        ev = claim.evidence
        if ev is not None and ev.source is not None:
            self._check_sources([ev.source], "evidence")
        return self._write_claim(claim)

    def put_claims(self, claims: Iterable[Claim]) -> int:
        """Write many claims with the checks of `put_claim`, reading each entity's kind and each source
        once rather than per claim (a bundle import writes tens of thousands). Returns how many changed."""
        self._require_tx()
        kinds: dict[str, str] = {}
        sources: set[str] = set()
        changed = 0
        for claim in claims:
            for role, eid in (("subject", claim.subject), ("object", claim.object), ("assertor", claim.assertor)):
                if eid is not None and eid not in kinds:
                    kinds[eid] = self._kind(eid, role, claim)
            okind = kinds[claim.object] if claim.object is not None else None
            check_domain_range(claim.predicate, kinds[claim.subject], okind)
            ev = claim.evidence
            cited = [*claim.sources, *([ev.source] if ev is not None and ev.source is not None else [])]
            new = [s for s in cited if s not in sources]
            self._check_sources(new, f"claim {claim.subject} {claim.predicate}")
            sources.update(new)
            changed += self._write_claim(claim)
        return changed

    @contextmanager
    def large_cache(self) -> Iterator[None]:
        """A page cache of `BulkWriter.CACHE_KB` on this connection while many records are written one group
        after another (an ingest's documents): ids are hashes, so each group's rows land on pages all over
        the claims' and names' indexes, which a small cache would read from the file again for every group.
        The size before is restored on leaving. Reads and writes give what they give without it."""
        with self._pragma_while("cache_size", lambda _: -BulkWriter.CACHE_KB):
            yield

    @contextmanager
    def _pragma_while(self, name: str, value: Callable[[int], int]) -> Iterator[None]:
        """A connection setting at `value(setting before)` for what runs inside, the setting before put back
        on leaving, after an error too: the tuning a command needs stays that command's."""
        before = int(self._db.execute(f"PRAGMA {name}").fetchone()[0])
        self._db.execute(f"PRAGMA {name} = {int(value(before))}")
        try:
            yield
        finally:
            self._db.execute(f"PRAGMA {name} = {before}")

    def _rows_for(self, sql: str, ids: Iterable[str]) -> Iterator[Any]:
        """The rows of `sql`, whose `IN ({})` takes `ids`, in as few queries as SQLite's limit on bound values
        allows (each id once)."""
        todo = list(dict.fromkeys(ids))
        for i in range(0, len(todo), _IN_CHUNK):
            part = todo[i : i + _IN_CHUNK]
            yield from self._db.execute(sql.format(",".join("?" * len(part))), part)

    def _present(self, table: str, column: str, ids: Iterable[str]) -> set[str]:
        """Which of `ids` the table holds in `column` (an indexed column)."""
        return {r[0] for r in self._rows_for(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IN ({{}})", ids)}

    def _kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        return {r[0]: r[1] for r in self._rows_for("SELECT id, kind FROM entities WHERE id IN ({})", ids)}

    def put_new_entities(self, entities: Iterable[Entity]) -> int:
        """Write the entities whose id the store lacks (the first of several with one id), as `put_entity`
        writes a new entity, and leave the ones it holds as they are; returns how many were written.

        What `put_entity` asks SQLite once per entity (its sources, its old row, its names) is asked once
        for all of them, and each table's rows go in with one executemany, in the order given: the same
        rows, rowids included, and the same first error (the checks run entity by entity, before any row
        is written). A document's proposed entities are written this way."""
        self._require_tx()
        given = list(entities)
        held = self._present("entities", "id", (e.id for e in given))
        named = self._present("names", "entity_id", (e.id for e in given))  # names left without their entity
        cited = [s for e in given for s in (*e.sources, *(a.source for a in e.aliases if a.source))]
        known = self._present("sources", "id", cited)
        new: list[Entity] = []
        seen: set[str] = set()
        for e in given:
            if e.id in held or e.id in seen:
                continue
            seen.add(e.id)
            if e.id in named:  # names already stored: `put_entity` reads them (none is new, or some are)
                self._flush_entities(new)
                new = []
                self.put_entity(e)
                continue
            if not e.sources:
                raise InvalidRecord(f"entity {e.id!r} needs at least one source")
            for sid in e.sources:
                if sid not in known:
                    raise InvalidRecord(f"entity {e.id!r} cites unknown source {sid!r}")
            for a in e.aliases:
                if a.source and a.source not in known:
                    raise InvalidRecord(f"alias {a.name!r} of {e.id!r} cites unknown source {a.source!r}")
            new.append(e)
        self._flush_entities(new)
        return len(seen)

    def _flush_entities(self, entities: list[Entity]) -> None:
        """The rows `put_entity` writes for new entities (none stored, no name stored for them)."""
        if not entities:
            return
        now = self.recorded_now()
        db = self._db
        db.executemany(
            "INSERT INTO entities(id, kind, name, assertor_type, attrs, note, recorded) VALUES (?,?,?,?,?,?,?)",
            [(e.id, e.kind, e.name, e.assertor_type, _dump(e.attrs), e.note, now) for e in entities],
        )
        db.executemany(
            "INSERT OR IGNORE INTO entity_sources(entity_id, source_id) VALUES (?, ?)",
            [(e.id, sid) for e in entities for sid in e.sources],
        )
        names = []
        for e in entities:
            names.append((e.id, e.name, norm(e.name), None, e.sources[0], None, 1))
            names += [(e.id, a.name, norm(a.name), a.lang, a.source, a.origin, 0) for a in e.aliases]
        db.executemany(
            "INSERT OR IGNORE INTO names(entity_id, name, norm, lang, source_id, origin, is_primary) "
            "VALUES (?,?,?,?,?,?,?)",
            names,
        )
        # each entity's own name is new (no name was stored for it), so `_refresh_fts` indexes every one
        db.executemany(
            "INSERT INTO names_fts(entity_id, name) SELECT DISTINCT entity_id, name FROM names WHERE entity_id = ?",
            [(e.id,) for e in entities],
        )

    def put_new_claims(self, claims: Iterable[Claim]) -> int:
        """Write the claims whose id the store lacks (the first of several with one id), with the checks of
        `put_claim`, and leave the ones it holds as they are (a reviewed candidate keeps its decision);
        returns how many were written. The kinds of their ends, their sources and which ids are stored are
        read once for all of them, and the rows go in with one executemany a table, in the order given:
        the rows `put_claim` writes, rowids included. A document's candidates are written this way."""
        self._require_tx()
        given = list(claims)
        held = self._present("claims", "id", (c.id for c in given))
        ends = [e for c in given for e in (c.subject, c.object, c.assertor) if e is not None]
        kinds = self._kinds_of(ends)
        cited = [s for c in given for s in c.sources]
        cited += [c.evidence.source for c in given if c.evidence is not None and c.evidence.source is not None]
        known = self._present("sources", "id", cited)
        rows: list[tuple[Any, ...]] = []
        links: list[tuple[str, str]] = []
        seen: set[str] = set()
        now = self.recorded_now()
        for c in given:
            cid = c.id
            if cid in held or cid in seen:
                continue
            seen.add(cid)
            what = f"claim {c.subject} {c.predicate} …"
            skind = kinds.get(c.subject)
            if skind is None:
                raise InvalidRecord(f"{what}: unknown subject {c.subject!r}")
            okind = None
            if c.object is not None:
                okind = kinds.get(c.object)
                if okind is None:
                    raise InvalidRecord(f"{what}: unknown object {c.object!r}")
            check_domain_range(c.predicate, skind, okind)
            if c.assertor is not None and c.assertor not in kinds:
                raise InvalidRecord(f"{what}: unknown assertor {c.assertor!r}")
            for sid in c.sources:
                if sid not in known:
                    raise InvalidRecord(f"claim {c.subject} {c.predicate} cites unknown source {sid!r}")
            ev = c.evidence
            if ev is not None and ev.source is not None and ev.source not in known:
                raise InvalidRecord(f"evidence cites unknown source {ev.source!r}")
            rows.append((cid, *_claim_values(c), c.recorded or now))
            links += [(cid, sid) for sid in c.sources]
        if rows:
            self._db.executemany(_INSERT_CLAIM, rows)
            self._db.executemany("INSERT OR IGNORE INTO claim_sources(claim_id, source_id) VALUES (?, ?)", links)
        return len(rows)

    def bulk(self, expected: int = 0) -> BulkWriter:
        """A writer for many new records at once (a bundle import), inside the open transaction: the
        checks of `put_*`, against indexes read once, and rows written with executemany in batches.
        Records whose id the store already holds go through `put_*`, so updates keep their meaning.
        With `expected` (records about to come) above the claims already stored, secondary indexes are
        dropped and built again by `finish()`, in the same transaction."""
        self._require_tx()
        return BulkWriter(self, expected)

    def _write_claim(self, claim: Claim, keep_local: bool = False) -> bool:
        """Insert a claim or update the one of its id; with `keep_local` (an import), an update keeps the
        stored subject, object, assertor, status and origin, and the more restrictive of the two markings.
        The status is this store's judgement of the claim (a reviewer's acceptance or rejection, a candidate
        awaiting review, a retraction by its file), which a bundle cannot state: it carries what its producer
        asserts (accepted claims only), so writing its status over the stored one undid the review here. The
        origin is where the claim first came from: a bundle that holds a claim the store holds does not take
        it over (a curated file retracts only the claims of its origin)."""
        row = _claim_values(claim)
        cols = _CLAIM_COLS
        old = self._db.execute(f"SELECT {cols} FROM claims WHERE id = ?", (claim.id,)).fetchone()
        changed = False
        if old is not None and keep_local:
            # what the claim says stays as stored too: its id is derived from its subject, object and assertor,
            # so a bundle holding it names them otherwise only as merged (an export writes a claim on a record
            # merged into another on the merged entity), and the claim moved onto another record
            # and its marking is only raised: a copy that lost its marking does not make it shareable wider
            row = (
                old[_SUBJECT_AT], row[1], old[_OBJECT_AT], row[3], old[_ASSERTOR_AT],
                *row[_ASSERTOR_AT + 1 : _MARKING_AT], most_restrictive(old[_MARKING_AT], row[_MARKING_AT]),
                old[_STATUS_AT], old[_ORIGIN_AT], *row[_ORIGIN_AT + 1 :],
            )  # fmt: skip
        if old is None:
            self._db.execute(_INSERT_CLAIM, (claim.id, *row, claim.recorded or self.recorded_now()))
            changed = True
        elif tuple(old) != row:
            sets = ", ".join(f"{c.strip()} = ?" for c in cols.split(","))
            self._db.execute(f"UPDATE claims SET {sets} WHERE id = ?", (*row, claim.id))
            changed = True
        for sid in claim.sources:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO claim_sources(claim_id, source_id) VALUES (?, ?)", (claim.id, sid)
            )
            changed |= cur.rowcount > 0
        return changed

    def set_claim_status(self, claim_id: str, status: str) -> bool:
        """Review decisions: candidate -> accepted or rejected (or back). A claim accepted is recorded then: the
        time of record of this write becomes its `recorded`, as it enters the accepted knowledge now (the
        exports date its object by it: kept at the time extraction proposed it, a claim accepted today came out
        dated before objects a TAXII client had already been given, and one polling with added_after never got
        it, nor the new version of the source it cites)."""
        self._require_tx()
        Status(status)
        if status == Status.ACCEPTED.value:
            cur = self._db.execute(
                "UPDATE claims SET status = ?, recorded = ? WHERE id = ? AND status != ?",
                (status, self.recorded_now(), claim_id, status),
            )
        else:
            cur = self._db.execute(
                "UPDATE claims SET status = ? WHERE id = ? AND status != ?", (status, claim_id, status)
            )
        return cur.rowcount > 0

    def set_entity_status(self, entity_id: str, status: str | None) -> bool:
        """Mark an entity as a candidate (proposed by extraction) or clear the mark on acceptance."""
        self._require_tx()
        row = self._db.execute("SELECT attrs FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise InvalidRecord(f"unknown entity {entity_id!r}")
        attrs = json.loads(row[0])
        if attrs.get("status") == status or (status is None and "status" not in attrs):
            return False
        if status is None:
            attrs.pop("status", None)
        else:
            attrs["status"] = status
        self._db.execute("UPDATE entities SET attrs = ? WHERE id = ?", (_dump(attrs), entity_id))
        return True

    def retract_claim(self, claim_id: str) -> None:
        self._require_tx()
        self._db.execute("UPDATE claims SET status = 'retracted' WHERE id = ?", (claim_id,))

    def retract_claims(self, origin: str, keep: set[str]) -> int:
        """Retract (never delete) the claims of one origin that it no longer makes."""
        self._require_tx()
        ids = [
            r[0]
            for r in self._db.execute("SELECT id FROM claims WHERE origin = ? AND status != 'retracted'", (origin,))
            if r[0] not in keep
        ]
        self._db.executemany("UPDATE claims SET status = 'retracted' WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    # ----------------------------------------------------------------------------- reads

    def _entity(self, row: sqlite3.Row) -> Entity:
        eid = row["id"]
        names = self._db.execute(
            "SELECT name, source_id, origin, lang, is_primary FROM names WHERE entity_id = ? ORDER BY rowid",
            (eid,),
        ).fetchall()
        aliases = tuple(
            _stored_alias(n["name"], n["source_id"], n["origin"], n["lang"])
            for n in names
            if not (n["is_primary"] and n["name"] == row["name"])
        )
        sources = tuple(
            r[0]
            for r in self._db.execute("SELECT source_id FROM entity_sources WHERE entity_id = ? ORDER BY rowid", (eid,))
        )
        return _stored_entity(
            eid, row["kind"], row["name"], aliases, sources, row["assertor_type"], json.loads(row["attrs"]), row["note"]
        )

    def get_entity(self, entity_id: str) -> Entity | None:
        row = self._db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return None if row is None else self._entity(row)

    def _rows(self, sql: str, args: Any = ()) -> list[tuple[Any, ...]]:
        """Plain tuples (not sqlite3.Row): for the reads that return one row per entity or claim."""
        cur = self._db.cursor()
        cur.row_factory = None
        try:
            return cur.execute(sql, args).fetchall()
        except sqlite3.Error as e:
            raise from_sqlite(e, self.path) from None

    def name_rows(self) -> list[tuple[str, str, str, str, str]]:
        """(entity id, name, its lookup key, the entity's kind, the entity's own name) for every stored name:
        what tells whether names are shared, without a NameHit per name."""
        return self._rows(
            "SELECT n.entity_id, n.name, n.norm, e.kind, e.name FROM names n JOIN entities e ON e.id = n.entity_id"
        )

    def entity_kinds(self) -> dict[str, tuple[str, str]]:
        """id -> (kind, name) for every entity: the cheap index analyses walk over (one copy of each kind
        string, however many entities share it)."""
        kinds: dict[str, str] = {}
        return {i: (kinds.setdefault(k, k), n) for i, k, n in self._rows("SELECT id, kind, name FROM entities")}

    def entity_codes(self) -> dict[str, str]:
        """id -> code (ISO 3166) for the entities that carry one."""
        return {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT id, json_extract(attrs, '$.code') FROM entities WHERE json_extract(attrs, '$.code') IS NOT NULL"
            )
        }

    def entity_markings(self) -> dict[str, str]:
        """id -> own TLP level of the entities whose record carries one (`Entity.marking`)."""
        return dict(
            self._rows(
                "SELECT id, json_extract(attrs, '$.marking') FROM entities "
                "WHERE json_extract(attrs, '$.marking') IS NOT NULL"
            )
        )

    def entity_countries(self) -> dict[str, str]:
        """id -> code (ISO 3166) of the state a body, group or person belongs to, for the entities whose record
        says so (the MISP galaxy's `country`)."""
        return {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT id, json_extract(attrs, '$.country') FROM entities"
                " WHERE json_extract(attrs, '$.country') IS NOT NULL"
            )
        }

    def assertor_types(self) -> dict[str, str]:
        """id -> assertor_type for the entities that have one."""
        return dict(self._rows("SELECT id, assertor_type FROM entities WHERE assertor_type IS NOT NULL"))

    def iter_entities(self, kind: str | None = None) -> Iterator[Entity]:
        if kind is not None:
            for row in self._db.execute("SELECT * FROM entities WHERE kind = ? ORDER BY id", (kind,)).fetchall():
                yield self._entity(row)
            return
        # every entity: names and sources in one query each rather than two per entity (an export reads
        # all), and the records built from their stored (already checked) fields
        rows, names, sources = self._entity_tables()
        new = object.__new__
        s_name, s_source, s_origin, s_lang = _ALIAS_SETTERS
        setters = _ENTITY_SETTERS
        s_id, s_kind, s_ename, s_aliases, s_sources, s_assertor, s_attrs, s_note = setters
        for eid, kind_, name, assertor_type, attrs, note in rows:
            aliases = []
            for name_, source, origin, lang in names.get(eid, ()):
                a = new(Alias)
                s_name(a, name_)
                s_source(a, source)
                s_origin(a, origin)
                s_lang(a, lang)
                aliases.append(a)
            e = new(Entity)
            s_id(e, eid)
            s_kind(e, kind_)
            s_ename(e, name)
            s_aliases(e, tuple(aliases))
            s_sources(e, tuple(sources.get(eid, ())))
            s_assertor(e, assertor_type)
            s_attrs(e, {} if attrs == "{}" else _loads(attrs))
            s_note(e, note)
            yield e

    def entity_rows(self) -> list[EntityRow]:
        """Every entity as an EntityRow (its names as AliasRows), in id order: what `iter_entities()` gives,
        as plain tuples (no Entity and Alias object built slot by slot per record and name)."""
        rows, names, sources = self._entity_tables()
        new, get_names, get_sources = tuple.__new__, names.get, sources.get
        return [
            new(
                EntityRow,
                (
                    eid,
                    kind,
                    name,
                    tuple(get_names(eid, ())),
                    tuple(get_sources(eid, ())),
                    assertor_type,
                    {} if attrs == "{}" else _loads(attrs),
                    note,
                ),
            )
            for eid, kind, name, assertor_type, attrs, note in rows
        ]

    def _entity_tables(
        self,
    ) -> tuple[list[tuple[Any, ...]], dict[str, list[AliasRow]], dict[str, list[str]]]:
        """The entity rows in id order (id, kind, name, assertor_type, attrs as stored, note), and by entity id
        its names but its own (as AliasRows, in stored order) and its sources: one query each."""
        rows = self._rows("SELECT id, kind, name, assertor_type, attrs, note FROM entities ORDER BY id")
        names: dict[str, list[AliasRow]] = {}
        new = tuple.__new__
        # an entity's own name (its primary name row) is not an alias: SQLite leaves those rows out, a third
        # of the table, rather than handing each to Python column by column to be skipped here
        for eid, name, source, origin, lang in self._rows(
            "SELECT n.entity_id, n.name, n.source_id, n.origin, n.lang FROM names n WHERE NOT (n.is_primary "
            "AND n.name IS (SELECT e.name FROM entities e WHERE e.id = n.entity_id)) ORDER BY n.rowid"
        ):
            # as _stored_alias: a name with Chinese characters and no language is zh (an ASCII name has none)
            if lang is None and not name.isascii() and has_han(name):
                lang = "zh"
            a = new(AliasRow, (name, source, origin, lang))
            found = names.get(eid)
            if found is None:
                names[eid] = [a]
            else:
                found.append(a)
        sources: dict[str, list[str]] = {}
        for eid, sid in self._rows("SELECT entity_id, source_id FROM entity_sources ORDER BY rowid"):
            found_s = sources.get(eid)
            if found_s is None:
                sources[eid] = [sid]
            else:
                found_s.append(sid)
        return rows, names, sources

    _SOURCE_COLUMNS = (
        "id, title, author, publisher, published, url, kind, text, sha256, cited_by, cited_as, note, is_primary"
    )

    def _source(self, row: tuple[Any, ...]) -> Source:
        """A source from a row of _SOURCE_COLUMNS: its stored (already checked) fields, not checked again."""
        s = object.__new__(Source)
        for setter, value in zip(_SOURCE_SETTERS, row[:10], strict=True):
            setter(s, value)
        _SOURCE_CITED_AS(s, tuple(json.loads(row[10])) if row[10] != "[]" else ())
        _SOURCE_NOTE(s, row[11])
        _SOURCE_PRIMARY(s, None if row[12] is None else bool(row[12]))
        return s

    def get_source(self, source_id: str) -> Source | None:
        rows = self._rows(f"SELECT {self._SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,))
        return self._source(rows[0]) if rows else None

    def iter_sources(self, *, text: bool = True) -> Iterator[Source]:
        """Every source in id order; with text=False without its text (read as NULL): the texts are most
        of the table, and an export reads none of them."""
        columns = self._SOURCE_COLUMNS if text else self._SOURCE_COLUMNS.replace(" text,", " NULL,")
        for row in self._rows(f"SELECT {columns} FROM sources ORDER BY id"):
            yield self._source(row)

    def source_rows(self) -> list[SourceRow]:
        """Every source as a SourceRow, in id order: the columns before the text and after it, never the
        text itself."""
        new, loads = tuple.__new__, _loads
        return [
            new(SourceRow, (*r[:9], tuple(loads(r[9])) if r[9] != "[]" else (), r[10], _flag(r[11])))
            for r in self._rows(
                "SELECT id, title, author, publisher, published, url, kind, sha256, cited_by, cited_as, note, "
                "is_primary FROM sources ORDER BY id"
            )
        ]

    def _hits(self, rows: Iterable[sqlite3.Row]) -> list[NameHit]:
        return [NameHit(r["entity_id"], r["name"], r["source_id"], r["origin"], bool(r["is_primary"])) for r in rows]

    def find_names(self, norm: str) -> list[NameHit]:
        return self._hits(
            self._db.execute(
                "SELECT entity_id, name, source_id, origin, is_primary FROM names WHERE norm = ? "
                "ORDER BY is_primary DESC, rowid",
                (norm,),
            )
        )

    def search_names(self, query: str, limit: int = 20) -> list[NameHit]:
        """Full-text search over names: every word of the query as a prefix."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
        if not words:
            return []
        match = " ".join(f'"{w}"*' for w in words)
        try:
            rows = self._db._raw.execute(  # a query FTS5 cannot parse matches nothing
                "SELECT n.entity_id, n.name, n.source_id, n.origin, n.is_primary FROM names_fts f "
                "JOIN names n ON n.entity_id = f.entity_id AND n.name = f.name "
                "WHERE names_fts MATCH ? ORDER BY f.rank LIMIT ?",
                (match, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return self._hits(rows)

    def iter_names(self) -> Iterator[NameHit]:
        yield from self._hits(
            self._db.execute("SELECT entity_id, name, source_id, origin, is_primary FROM names").fetchall()
        )

    _CLAIM_COLUMNS = (
        "c.id, c.subject, c.predicate, c.object, c.value, c.assertor, c.basis, c.confidence, c.negated, "
        "c.valid_from, c.valid_to, c.published, c.recorded, c.evidence_text, c.evidence_source, "
        "c.evidence_start, c.evidence_end, c.marking, c.status, c.origin, c.note"
    )

    def _claims(self, where: str, args: list[Any]) -> Iterator[Claim]:
        sql = (
            f"SELECT {self._CLAIM_COLUMNS}, (SELECT group_concat(source_id, char(31)) FROM "
            "(SELECT source_id FROM claim_sources cs WHERE cs.claim_id = c.id ORDER BY cs.rowid)) AS srcs "
            f"FROM claims c {where} ORDER BY c.subject, c.predicate, c.object, c.id"
        )
        cur = self._db.cursor()
        cur.row_factory = None  # plain tuples: reading claims is the read model's hot path
        rows = cur.execute(sql, args).fetchall()
        yield from _claims_of(rows, [tuple(r[21].split(_SEP)) if r[21] else _NO_SOURCE for r in rows])

    #: Bytes of the store file a whole-store read maps into memory (address space, not copies).
    SCAN_MMAP = 1 << 30

    @contextmanager
    def _mapped(self) -> Iterator[None]:
        """The store file read through a memory map for what runs inside: a whole-store read in key order
        takes each row from its own place in the table, and a map spares a read call per page (a tenth to
        a third less work for SQLite on the claims of the 102k-object store). Only for that read: the
        setting is put back after."""
        with self._pragma_while("mmap_size", lambda mapped: max(self.SCAN_MMAP, mapped)):
            yield

    def scan_claims(self, statuses: Iterable[str] | None = ("accepted",)) -> Iterator[Claim]:
        """Every claim (with one of `statuses`), in `iter_claims`' order: what `iter_claims()` without a
        filter gives, for the readers of the whole store (exports). The sources of all claims come from one
        pass over claim_sources rather than from a subquery per claim, which sorted each claim's few rows
        and was half the cost of reading every claim."""
        cur = self._db.cursor()
        cur.row_factory = None
        of: dict[str, tuple[str, ...]] = {}
        for cid, sid in cur.execute("SELECT claim_id, source_id FROM claim_sources ORDER BY rowid"):
            of[cid] = (*of[cid], sid) if cid in of else (sid,)  # a claim cites one source or a few
        where, args = "", []
        if statuses is not None:
            sts = list(statuses)
            where, args = f"WHERE c.status IN ({', '.join('?' * len(sts))})", sts
        with self._mapped():  # the rows come in key order through the subject index
            rows = cur.execute(
                f"SELECT {self._CLAIM_COLUMNS} FROM claims c {where} ORDER BY c.subject, c.predicate, c.object, c.id",
                args,
            ).fetchall()
        get = of.get
        yield from _claims_of(rows, [get(r[0], _NO_SOURCE) for r in rows])

    _ROW_COLUMNS = (
        "id, subject, predicate, object, value, assertor, basis, confidence, negated, valid_from, valid_to, "
        "published, recorded, evidence_text, evidence_source, evidence_start, evidence_end, marking, note"
    )

    def claim_rows(self) -> list[ClaimRow]:
        """Every accepted claim as a ClaimRow, in `iter_claims`' order (see `claim_columns`)."""
        rows, of = self.claim_columns()
        new, get, loads = tuple.__new__, of.get, _loads
        return [
            new(ClaimRow, (*r, get(r[0], _NO_SOURCE)))
            if r[4] is None
            else new(ClaimRow, (*r[:4], loads(r[4]), *r[5:], get(r[0], _NO_SOURCE)))  # a literal, stored as JSON
            for r in rows
        ]

    def claim_columns(self) -> tuple[list[tuple[Any, ...]], dict[str, tuple[str, ...]]]:
        """Every accepted claim as the row SQLite gives (ClaimRow's fields but the sources, a literal value
        as its stored JSON), in `iter_claims`' order, and each claim's sources by its id (a claim without
        one is not there); the sources from one pass over claim_sources (see scan_claims). SQLite orders
        the rows: a sort in Python took less than SQLite's, but left the rows in the order they were read,
        so every later pass over them (the read model's, the plan's, the writer's) went from one row and
        its strings to another scattered across memory; rows made in the order they are read from then on
        made the whole export of the 102k store about a tenth faster (the same bytes)."""
        cur = self._db.cursor()
        cur.row_factory = None
        of: dict[str, tuple[str, ...]] = {}
        # the claims citing one source share one tuple of it: most claims of a bundle's import cite the bundle
        single: dict[str, tuple[str, ...]] = {}
        for cid, sid in cur.execute("SELECT claim_id, source_id FROM claim_sources ORDER BY rowid"):
            if cid in of:
                of[cid] = (*of[cid], sid)
            else:
                one = single.get(sid)
                if one is None:
                    one = single[sid] = (sid,)
                of[cid] = one
        with self._mapped():
            # SQLite puts a NULL object first and compares text as UTF-8 bytes, in the order of code points,
            # as Python compares str
            rows = cur.execute(
                f"SELECT {self._ROW_COLUMNS} FROM claims WHERE status = 'accepted' "
                "ORDER BY subject, predicate, object, id"
            ).fetchall()
        return rows, of

    @staticmethod
    def claim_row(row: tuple[Any, ...], sources: tuple[str, ...]) -> ClaimRow:
        """The ClaimRow of a row of `claim_columns` with its sources (a literal value decoded)."""
        if row[4] is None:
            return tuple.__new__(ClaimRow, (*row, sources))  # type: ignore[no-any-return]
        return tuple.__new__(ClaimRow, (*row[:4], _loads(row[4]), *row[5:], sources))  # type: ignore[no-any-return]

    def get_claim(self, claim_id: str) -> Claim | None:
        return next(self._claims("WHERE c.id = ?", [claim_id]), None)

    def iter_claims(
        self,
        *,
        subject: str | None = None,
        object: str | None = None,
        predicate: str | None = None,
        entity: str | None = None,
        statuses: Iterable[str] | None = ("accepted",),
    ) -> Iterator[Claim]:
        if subject is None and object is None and predicate is None and entity is None:
            yield from self.scan_claims(statuses)
            return
        conds: list[str] = []
        args: list[Any] = []
        for col, val in (("subject", subject), ("object", object), ("predicate", predicate)):
            if val is not None:
                conds.append(f"c.{col} = ?")
                args.append(val)
        if entity is not None:
            conds.append("(c.subject = ? OR c.object = ?)")
            args += [entity, entity]
        if statuses is not None:
            sts = list(statuses)
            conds.append(f"c.status IN ({', '.join('?' * len(sts))})")
            args += sts
        yield from self._claims("WHERE " + " AND ".join(conds), args)

    def claims_about(
        self,
        entity_ids: Iterable[str],
        *,
        role: str = "subject",
        statuses: Iterable[str] = ("accepted",),
        predicates: Iterable[str] | None = None,
    ) -> Iterator[Claim]:
        """The claims whose `role` (subject, object or assertor) is one of `entity_ids` (and, if given,
        whose predicate is one of `predicates`), by index."""
        if role not in {"subject", "object", "assertor"}:
            raise ValueError(f"unknown role {role!r}")
        ids = list(dict.fromkeys(entity_ids))
        sts = list(statuses)
        ps = None if predicates is None else list(predicates)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            where = f"WHERE c.{role} IN ({', '.join('?' * len(part))}) AND c.status IN ({', '.join('?' * len(sts))})"
            if ps is not None:
                where += f" AND c.predicate IN ({', '.join('?' * len(ps))})"
            yield from self._claims(where, [*part, *sts, *(ps or [])])

    def links(
        self,
        entity_ids: Iterable[str],
        *,
        role: str = "subject",
        predicates: Iterable[str],
        statuses: Iterable[str] = ("accepted",),
    ) -> list[tuple[str, str, str, str, bool]]:
        """(claim id, subject, predicate, object, negated) of the claims between two entities whose `role`
        (subject or object) is one of `entity_ids` and whose predicate is one of `predicates`: only what a
        walk over the graph reads, from the covering indexes (no claim row, source or evidence is read),
        in the order `claims_about` gives the same claims. A walk that lists thousands of entities (a
        province at 1M claims) reads their links this way."""
        if role not in {"subject", "object"}:
            raise ValueError(f"unknown role {role!r}")
        cur = self._db.cursor()
        cur.row_factory = None
        # the lists go in as JSON arrays: one statement text per role, prepared once and cached
        return cur.execute(  # type: ignore[no-any-return]
            f"SELECT c.id, c.subject, c.predicate, c.object, c.negated FROM claims c "
            f"WHERE c.{role} IN (SELECT value FROM json_each(?)) AND c.predicate IN (SELECT value FROM json_each(?)) "
            "AND c.status IN (SELECT value FROM json_each(?)) AND c.object IS NOT NULL "
            "ORDER BY c.subject, c.predicate, c.object, c.id",
            (json.dumps(list(dict.fromkeys(entity_ids))), json.dumps(list(predicates)), json.dumps(list(statuses))),
        ).fetchall()

    def claims_citing(self, source_ids: Iterable[str], *, statuses: Iterable[str] = ("accepted",)) -> Iterator[Claim]:
        """The claims that cite any of `source_ids`, by index."""
        ids = list(dict.fromkeys(source_ids))
        sts = list(statuses)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            yield from self._claims(
                f"WHERE c.id IN (SELECT claim_id FROM claim_sources WHERE source_id IN ({', '.join('?' * len(part))})) "
                f"AND c.status IN ({', '.join('?' * len(sts))})",
                [*part, *sts],
            )

    def source_assertors(self, source_ids: Iterable[str]) -> list[tuple[str, str, str | None, str | None]]:
        """(source, assertor, date, basis) for the accepted claims citing each source, deduplicated; the
        date is the claim's published date or the earliest date of its sources. Merge links (a same_as
        or overlaps_with between records merged into one entity) are not statements and are left out."""
        ids = list(dict.fromkeys(source_ids))
        out: list[tuple[str, str, str | None, str | None]] = []
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            out += [
                (r[0], r[1], r[2], r[3])
                for r in self._db.execute(
                    "SELECT DISTINCT x.source_id, c.assertor, coalesce(c.published, (SELECT min(s.published) "
                    "FROM claim_sources cs JOIN sources s ON s.id = cs.source_id WHERE cs.claim_id = c.id)), c.basis "
                    "FROM claim_sources x JOIN claims c ON c.id = x.claim_id "
                    f"WHERE x.source_id IN ({', '.join('?' * len(part))}) AND c.status = 'accepted' "
                    "AND c.assertor IS NOT NULL AND NOT (c.predicate IN ('same_as', 'overlaps_with') AND "
                    "coalesce((SELECT canonical_id FROM merge_map WHERE entity_id = c.subject), c.subject) = "
                    "coalesce((SELECT canonical_id FROM merge_map WHERE entity_id = c.object), c.object))",
                    part,
                )
            ]
        return out

    def claims_by_assertor_types(
        self, predicates: Iterable[str], assertor_types: Iterable[str], *, statuses: Iterable[str] = ("accepted",)
    ) -> Iterator[Claim]:
        """The claims with one of `predicates` made by an assertor of one of `assertor_types`."""
        ps, ts, sts = list(predicates), list(assertor_types), list(statuses)
        yield from self._claims(
            f"WHERE c.predicate IN ({', '.join('?' * len(ps))}) AND c.status IN ({', '.join('?' * len(sts))}) "
            f"AND c.assertor IN (SELECT id FROM entities WHERE assertor_type IN ({', '.join('?' * len(ts))}))",
            [*ps, *sts, *ts],
        )

    def members_of(self, canonical_id: str) -> list[str]:
        """The records merged into `canonical_id` (not itself), by index."""
        return [
            r[0]
            for r in self._db.execute(
                "SELECT entity_id FROM merge_map WHERE canonical_id = ? ORDER BY entity_id", (canonical_id,)
            )
        ]

    def counts(self) -> dict[str, dict[str, int]]:
        q = self._db.execute
        return {
            "entities": {r[0]: r[1] for r in q("SELECT kind, count(*) FROM entities GROUP BY kind ORDER BY 2 DESC")},
            "claims": {r[0]: r[1] for r in q("SELECT status, count(*) FROM claims GROUP BY status")},
            "predicates": {
                r[0]: r[1]
                for r in q(
                    "SELECT predicate, count(*) FROM claims WHERE status = 'accepted' "
                    "GROUP BY predicate ORDER BY 2 DESC"
                )
            },
            "totals": {
                "entities": q("SELECT count(*) FROM entities").fetchone()[0],
                "claims": q("SELECT count(*) FROM claims").fetchone()[0],
                "sources": q("SELECT count(*) FROM sources").fetchone()[0],
                "names": q("SELECT count(*) FROM names").fetchone()[0],
            },
        }

    def claims_by_assertor_type(self) -> dict[str, int]:
        """Accepted claims counted by the type of their assertor ('none' where no assertor is named)."""
        rows = self._db.execute(
            "SELECT coalesce(e.assertor_type, CASE WHEN c.assertor IS NULL THEN 'none' ELSE 'untyped' END), "
            "count(*) FROM claims c LEFT JOIN entities e ON e.id = c.assertor WHERE c.status = 'accepted' "
            "GROUP BY 1 ORDER BY 2 DESC"
        )
        return {r[0]: r[1] for r in rows}

    # ----------------------------------------------------------------------------- merges

    def set_merges(self, mapping: dict[str, str], conflicts: list[tuple[str, str, list[str], str]]) -> None:
        """Replace the computed merge map (record -> merged entity) and the list of name conflicts."""
        self._require_tx()
        if self.canonical_map() != {k: v for k, v in mapping.items() if k != v}:
            self._db.execute("DELETE FROM province_walks")  # every walk may change: see the placements migration
        self._db.execute("DELETE FROM merge_map")
        self._db.executemany(
            "INSERT INTO merge_map(entity_id, canonical_id) VALUES (?, ?)",
            [(k, v) for k, v in sorted(mapping.items()) if k != v],
        )
        self._db.execute("DELETE FROM name_conflicts")
        self._db.executemany(
            "INSERT INTO name_conflicts(norm, name, entities, reason) VALUES (?, ?, ?, ?)",
            [(n, name, _dump(sorted(ids)), reason) for n, name, ids, reason in conflicts],
        )

    # ----------------------------------------------------------------------------- province walks

    def placements(self, province: str, key: str) -> dict[str, list[Any]] | None:
        """The stored walk of `province` (migration 4) made by the walk `key` names, as the columns it was
        stored with; None when none is stored (never walked, or forgotten by a write since)."""
        row = self._db.execute(
            "SELECT walk FROM province_walks WHERE province = ? AND key = ?", (province, key)
        ).fetchone()
        return None if row is None else json.loads(row[0])  # type: ignore[no-any-return]

    def placed(self, key: str) -> set[str]:
        """The provinces whose walk by `key` is stored."""
        return {r[0] for r in self._db.execute("SELECT province FROM province_walks WHERE key = ?", (key,))}

    def put_placements(self, province: str, key: str, columns: dict[str, list[Any]]) -> None:
        """Store the walk of `province` (its columns, `entity` among them: what it placed); walks made by
        another key are dropped."""
        self._require_tx()
        self._db.execute("DELETE FROM province_walks WHERE key != ?", (key,))
        self._db.execute("DELETE FROM placements WHERE province = ?", (province,))
        self._db.executemany(
            "INSERT OR IGNORE INTO placements(entity, province) VALUES (?, ?)",
            [(e, province) for e in (province, *columns["entity"])],
        )
        self._db.execute(
            "INSERT OR REPLACE INTO province_walks(province, key, walk) VALUES (?, ?, ?)",
            (province, key, json.dumps(columns, separators=(",", ":"))),
        )

    def canonical_map(self) -> dict[str, str]:
        """record id -> merged entity id, for every record merged into another."""
        return dict(self._rows("SELECT entity_id, canonical_id FROM merge_map"))

    def name_conflicts(self) -> list[tuple[str, str, list[str], str]]:
        return [
            (r[0], r[1], json.loads(r[2]), r[3])
            for r in self._db.execute("SELECT norm, name, entities, reason FROM name_conflicts ORDER BY norm")
        ]

    def source_dates(self) -> dict[str, tuple[str | None, str | None]]:
        """id -> (published, title) of every source."""
        return {r[0]: (r[1], r[2]) for r in self._db.execute("SELECT id, published, title FROM sources")}

    def first_sources(self) -> dict[str, str]:
        """id -> the first source recorded for each entity (where it was first named)."""
        return {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT entity_id, source_id FROM entity_sources WHERE rowid IN "
                "(SELECT min(rowid) FROM entity_sources GROUP BY entity_id)"
            )
        }

    def candidate_entities(self, source: str | None = None) -> set[str]:
        """Entities proposed by extraction and not yet accepted (those `source` names, when given)."""
        if source is not None:
            return {
                r[0]
                for r in self._db.execute(
                    "SELECT e.id FROM entities e JOIN entity_sources s ON s.entity_id = e.id "
                    "WHERE s.source_id = ? AND json_extract(e.attrs, '$.status') = 'candidate'",
                    (source,),
                )
            }
        return {
            r[0]
            for r in self._db.execute("SELECT id FROM entities WHERE json_extract(attrs, '$.status') = 'candidate'")
        }

    def entity_attrs(self) -> dict[str, dict[str, Any]]:
        """id -> attrs for every entity with any."""
        return {r[0]: json.loads(r[1]) for r in self._db.execute("SELECT id, attrs FROM entities WHERE attrs != '{}'")}

    def entities_with_status(self, statuses: Iterable[str]) -> set[str]:
        """The ids of the entities whose attrs' `status` is one of `statuses` (read by SQLite, not by
        decoding every entity's attrs)."""
        sts = list(statuses)
        return {
            r[0]
            for r in self._rows(
                "SELECT id FROM entities WHERE attrs != '{}' AND json_extract(attrs, '$.status') "
                f"IN ({', '.join('?' * len(sts))})",
                sts,
            )
        }

    def meta(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._db.execute("SELECT key, value FROM meta")}

    def set_meta(self, key: str, value: str) -> None:
        self._require_tx()
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def sqlite_integrity(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks: the problems found (empty when whole)."""
        rows = [str(r[0]) for r in self._db.execute("PRAGMA integrity_check").fetchall()]
        problems = [] if rows == ["ok"] else rows
        for r in self._db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"table {r[0]} row {r[1]}: foreign key to {r[2]} points nowhere")
        return problems

    def dangling(self) -> list[tuple[str, str, str]]:
        """(claim id, role, missing id) for references that point nowhere (foreign keys off, old files)."""
        out: list[tuple[str, str, str]] = []
        for role in ("subject", "object", "assertor"):
            for r in self._db.execute(
                f"SELECT c.id, c.{role} FROM claims c LEFT JOIN entities e ON e.id = c.{role} "
                f"WHERE c.{role} IS NOT NULL AND e.id IS NULL"
            ):
                out.append((r[0], role, r[1]))
        for r in self._db.execute(
            "SELECT cs.claim_id, cs.source_id FROM claim_sources cs LEFT JOIN sources s ON s.id = cs.source_id "
            "WHERE s.id IS NULL"
        ):
            out.append((r[0], "source", r[1]))
        return out

    def unsourced_claims(self) -> list[str]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT c.id FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_sources cs WHERE cs.claim_id = c.id)"
            )
        ]


#: The trigger of the placements migration that forgets walks when a claim is inserted (BulkWriter drops
#: it for a write into a store that holds no walk).
_CLAIM_INSERT_TRIGGER = "placements_claim_insert"


class BulkWriter:
    """Many new sources, entities and claims written in batches, with the checks of `put_*`.

    What the per-record writers ask SQLite once per record (does this source exist, what kind is this
    entity, is this claim new) is read once into memory, so each record costs Python checks and its
    share of an executemany. Call `flush()` (or leave it to the end of the import) before reading back.
    """

    #: Rows buffered before they go to SQLite (across tables): the claims of a batch go in the order of their ids
    #: (`_SORTED`), and the larger the batch the closer each insert lands to the last (a few MB of tuples).
    BATCH = 20000
    #: A page cache large enough that a bulk write does not re-read the pages it has just written
    #: (per connection, a ceiling rather than an allocation): 64 MB.
    CACHE_KB = 65536

    def __init__(self, store: SQLiteStore, expected: int = 0, sink: Any = None) -> None:
        self.store = store
        db = store._db
        #: Where the rows go: the store's own connection, or (`store.fresh.FreshBuild`) a connection to a new
        #: file that becomes the store when complete. With a sink of its own, a record whose id was written
        #: before (a second version in the bundle) is kept in `later` and written by `write_later()` once
        #: the rows are in place, through the `put_*` of a store opened on that file.
        self._sink = db if sink is None else sink
        self.later: list[Source | Entity | Claim] | None = None if sink is None else []
        if sink is None:
            # references are checked here before any row is written; SQLite checks them again at COMMIT
            db.execute("PRAGMA defer_foreign_keys = ON")
            self._cache = db.execute("PRAGMA cache_size").fetchone()[0]
            db.execute(f"PRAGMA cache_size = -{self.CACHE_KB}")
        self.kinds: dict[str, str] = {r[0]: r[1] for r in db.execute("SELECT id, kind FROM entities")}
        #: Whether the store held no entity when the write began (every entity written is then new to it).
        self.fresh = not self.kinds
        # the membership test an importer asks for each end of each relationship, as dict's own (C) method
        self.has_entity = self.kinds.__contains__  # type: ignore[method-assign]
        self.sources: set[str] = {r[0] for r in db.execute("SELECT id FROM sources")}
        self.claim_ids: set[str] = {r[0] for r in db.execute("SELECT id FROM claims")}
        self._rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in _BULK_SQL}
        self._allowed: set[tuple[str, str, str | None]] = set()  # (predicate, kinds) already checked
        self._pending = 0
        self._now = store.recorded_now()
        # Inserting into one B-tree per index per row costs more than sorting once at the end, when the
        # rows to come outnumber those stored. Unique indexes stay (INSERT OR IGNORE relies on them).
        self._deferred: list[tuple[str, str]] = []
        if expected > len(self.claim_ids):
            self._deferred = [
                (r[0], r[1])
                for r in self._sink.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN "
                    "('claims', 'claim_sources', 'names', 'entities', 'entity_sources') ORDER BY name"
                )
            ]
            for name, _ in self._deferred:
                self._sink.execute(f'DROP INDEX "{name}"')
        # The placements migration's insert trigger forgets the stored walks a new placing claim reaches.
        # With no walk stored it has nothing to forget, yet runs for every claim row: about half the CPU
        # time of inserting a claim (0.5 s of the 102,000-object generated bundle's import). Nothing
        # stores a walk during the write, so the trigger is dropped for it and created again by finish(),
        # in the same transaction (an error rolls the drop back with the rows).
        self._triggers: list[str] = []
        if not any(True for _ in self._sink.execute("SELECT 1 FROM province_walks LIMIT 1")):
            self._triggers = [
                r[0]
                for r in self._sink.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_CLAIM_INSERT_TRIGGER,)
                )
            ]
            if self._triggers:
                self._sink.execute(f'DROP TRIGGER "{_CLAIM_INSERT_TRIGGER}"')

    def finish(self) -> None:
        """Write what is buffered and build the indexes dropped for the write; the store reads normally
        afterwards. (An exception before this leaves the transaction to roll everything back.)"""
        self.flush()
        sink = self._sink
        for _, sql in self._deferred:
            sink.execute(sql)
        self._deferred = []
        for sql in self._triggers:
            sink.execute(sql)
        self._triggers = []
        if self.later is None:
            self.store._db.execute(f"PRAGMA cache_size = {self._cache}")

    def write_later(self, store: SQLiteStore) -> dict[str, int]:
        """Write the records kept in `later` (see __init__) through `store`'s `put_*`, in the order they
        came, inside its open transaction: how many of each changed the store."""
        changed = {"sources": 0, "entities": 0, "claims": 0}
        for record in self.later or ():
            if isinstance(record, Source):
                changed["sources"] += store.put_source(record, keep_local=True)
            elif isinstance(record, Entity):
                changed["entities"] += store.put_entity(record)
            else:
                changed["claims"] += store._write_claim(record)
        self.later = []
        return changed

    def has_entity(self, entity_id: str) -> bool:
        return entity_id in self.kinds

    def _add(self, table: str, row: tuple[Any, ...]) -> None:
        self._rows[table].append(row)
        self._pending += 1
        if self._pending >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        sink = self._sink
        for table, sql in _BULK_SQL.items():
            rows = self._rows[table]
            if rows:
                if table in _SORTED:
                    rows.sort(key=_FIRST)
                sink.executemany(sql, rows)
                rows.clear()
        self._pending = 0

    def _check_sources(self, ids: Iterable[str | None], what: str) -> None:
        for sid in ids:
            if sid is not None and sid not in self.sources:
                raise InvalidRecord(f"{what} cites unknown source {sid!r}")

    def source(self, source: Source) -> bool:
        if source.id in self.sources:
            if self.later is not None:
                self.later.append(source)
                return False
            self.flush()
            return self.store.put_source(source, keep_local=True)
        self.sources.add(source.id)
        self._add(
            "sources",
            (
                source.id, source.title, source.author, source.publisher, source.published, source.url,
                source.kind, source.text, source.sha256, source.cited_by,
                _dump(list(source.cited_as)) if source.cited_as else "[]",
                source.note, None if source.primary is None else int(source.primary), self._now,
            ),
        )  # fmt: skip
        return True

    def entity(self, entity: Entity) -> bool:
        if entity.id in self.kinds:
            if self.later is not None:
                if not entity.sources:  # what put_entity would refuse, refused here, at the object
                    raise InvalidRecord(f"entity {entity.id!r} needs at least one source")
                self._check_sources(entity.sources, f"entity {entity.id!r}")
                self._check_sources((a.source for a in entity.aliases), f"entity {entity.id!r}")
                self.later.append(entity)
                self.kinds[entity.id] = entity.kind
                return False
            self.flush()
            changed = self.store.put_entity(entity)
            self.kinds[entity.id] = entity.kind
            return changed
        if not entity.sources:
            raise InvalidRecord(f"entity {entity.id!r} needs at least one source")
        known = self.sources
        for sid in entity.sources:
            if sid not in known:
                self._check_sources(entity.sources, f"entity {entity.id!r}")  # the error
        for a in entity.aliases:
            if a.source is not None and a.source not in known:
                raise InvalidRecord(f"alias {a.name!r} of {entity.id!r} cites unknown source {a.source!r}")
        eid = entity.id
        self.kinds[eid] = entity.kind
        rows = self._rows
        rows["entities"].append(
            (eid, entity.kind, entity.name, entity.assertor_type, _dump(entity.attrs) if entity.attrs else "{}",
             entity.note, self._now)
        )  # fmt: skip
        sources = entity.sources if len(entity.sources) == 1 else tuple(dict.fromkeys(entity.sources))
        rows["entity_sources"].extend((eid, sid) for sid in sources)
        names = rows["names"]
        names.append((eid, entity.name, norm(entity.name), None, entity.sources[0], None, 1))
        names.extend((eid, a.name, norm(a.name), a.lang, a.source, a.origin, 0) for a in entity.aliases)
        # the full-text rows `_refresh_fts` would write: each distinct name once, in the names index order
        distinct = sorted({entity.name, *(a.name for a in entity.aliases)})
        rows["names_fts"].extend((eid, name) for name in distinct)
        self._pending += 2 + len(sources) + len(entity.aliases) + len(distinct)
        if self._pending >= self.BATCH:
            self.flush()
        return True

    def _kind(self, entity_id: str, role: str, claim: Claim) -> str:
        kind = self.kinds.get(entity_id)
        if kind is None:
            raise InvalidRecord(f"claim {claim.subject} {claim.predicate} …: unknown {role} {entity_id!r}")
        return kind

    def claim(self, claim: Claim) -> bool:
        skind = self._kind(claim.subject, "subject", claim)
        okind = self._kind(claim.object, "object", claim) if claim.object is not None else None
        allowed = (claim.predicate, skind, okind)
        if allowed not in self._allowed:
            check_domain_range(claim.predicate, skind, okind)
            self._allowed.add(allowed)
        if claim.assertor is not None:
            self._kind(claim.assertor, "assertor", claim)
        ev = claim.evidence
        sources = claim.sources
        self._cited(sources, claim.subject, claim.predicate)
        if ev is not None and ev.source is not None and ev.source not in self.sources:
            raise InvalidRecord(f"evidence cites unknown source {ev.source!r}")
        cid = claim.id
        if cid in self.claim_ids:
            if self.later is not None:
                self.later.append(claim)
                return False
            self.flush()
            return self.store._write_claim(claim, keep_local=True)
        self.claim_ids.add(cid)
        rows = self._rows
        if rows["links"]:
            self.flush()  # the claims buffered as links go first: claims keep the order they came in
        rows["claims"].append(
            (
                cid, claim.subject, claim.predicate, claim.object,
                None if claim.value is None else _dump(claim.value), claim.assertor, claim.basis,
                claim.confidence, int(claim.negated), claim.valid_from, claim.valid_to, claim.published,
                ev.text if ev else None, ev.source if ev else None, ev.start if ev else None,
                ev.end if ev else None, claim.marking, claim.status, claim.origin, claim.note,
                claim.recorded or self._now,
            ),
        )  # fmt: skip
        self._cite(cid, sources)
        return True

    def _cited(self, sources: tuple[str, ...], subject: str, predicate: str) -> None:
        """`_check_sources` of a claim's sources, its error worded only once it is one (not an f-string for
        every claim): the first step of `claim`, `claim_row` and `link_row` alike."""
        known = self.sources
        for sid in sources:
            if sid not in known:
                raise InvalidRecord(f"claim {subject} {predicate} cites unknown source {sid!r}")

    def _cite(self, cid: str, sources: tuple[str, ...]) -> None:
        """The claim's source rows (each source once), then a flush when the batch is full: the last step of
        `claim`, `claim_row` and `link_row` alike."""
        links = self._rows["claim_sources"]
        for sid in dict.fromkeys(sources) if len(sources) > 1 else sources:
            links.append((cid, sid))
        self._pending += 1 + len(sources)
        if self._pending >= self.BATCH:
            self.flush()

    def claim_row(self, row: tuple[Any, ...], sources: tuple[str, ...]) -> bool:
        """A claim given as its `claims` row (the columns of `CLAIM_ROW`), for an importer that writes many
        claims of a few shapes and has checked their fields as `Claim` does (dates, confidence, marking,
        an id derived by `claim_id`): building a `Claim` per row costs more than the row's share of
        SQLite. What `claim()` checks against the store (the kinds of its ends, the predicate's domain and
        range, that its sources and assertor exist) is checked here the same way."""
        cid, subject, predicate, obj, assertor = row[0], row[1], row[2], row[3], row[5]
        kinds = self.kinds
        skind, okind = kinds.get(subject), kinds.get(obj) if obj is not None else None
        allowed = (predicate, skind, okind)
        if allowed not in self._allowed or (assertor is not None and assertor not in kinds):
            claim = _claim_of_row(row, sources)
            skind = self._kind(subject, "subject", claim)
            okind = self._kind(obj, "object", claim) if obj is not None else None
            check_domain_range(predicate, skind, okind)
            self._allowed.add((predicate, skind, okind))
            if assertor is not None:
                self._kind(assertor, "assertor", claim)
        if row[13] is not None and row[13] not in self.sources:
            raise InvalidRecord(f"evidence cites unknown source {row[13]!r}")
        self._cited(sources, subject, predicate)
        if cid in self.claim_ids:
            if self.later is not None:
                self.later.append(_claim_of_row(row, sources))
                return False
            self.flush()
            return self.store._write_claim(_claim_of_row(row, sources), keep_local=True)
        self.claim_ids.add(cid)
        rows = self._rows
        if (
            row[4] is None
            and row[6] is None
            and not row[8]
            and row[11] is None
            and row[12] is None
            and (row[13] is None and row[14] is None and row[15] is None)
        ):
            # a link between two entities, as most imported claims are: the columns left at their defaults
            # (no value, basis, negation, publication date or evidence) are not bound for each row
            rows["links"].append(
                (cid, subject, predicate, obj, assertor, row[7], row[9], row[10], row[16], row[17], row[18], row[19],
                 self._now if row[20] is None else row[20])
            )  # fmt: skip
        else:
            if rows["links"]:
                self.flush()  # keep the order claims came in
            rows["claims"].append(row if row[20] is not None else (*row[:20], self._now))
        if len(sources) != 1:
            self._cite(cid, sources)
            return True
        rows["claim_sources"].append((cid, sources[0]))  # `_cite` of one source, inline
        self._pending += 2
        if self._pending >= self.BATCH:
            self.flush()
        return True

    def link_row(self, row: tuple[Any, ...], sources: tuple[str, ...]) -> bool:
        """`claim_row` of a link between two entities given as the columns of `LINK_ROW` (no value, basis,
        negation, publication date or evidence: nearly every relationship from another tool), the row the
        `links` insert binds: no 21-column row is built only to be cut down again. The same checks."""
        cid, subject, predicate, obj, assertor = row[0], row[1], row[2], row[3], row[4]
        kinds = self.kinds
        if (
            (predicate, kinds.get(subject), kinds.get(obj)) not in self._allowed
            or (assertor is not None and assertor not in kinds)
            or cid in self.claim_ids
            or row[12] is None
        ):
            return self.claim_row(_full_row(row), sources)  # the checks' errors, an update, a new time stamp
        if len(sources) != 1:
            self._cited(sources, subject, predicate)
            self.claim_ids.add(cid)
            self._rows["links"].append(row)
            self._cite(cid, sources)
            return True
        # one source, as most links have: `_cited` and `_cite` inline
        sid = sources[0]
        if sid not in self.sources:
            self._cited(sources, subject, predicate)  # the error
        self.claim_ids.add(cid)
        rows = self._rows
        rows["links"].append(row)
        rows["claim_sources"].append((cid, sid))
        self._pending += 2
        if self._pending >= self.BATCH:
            self.flush()
        return True


#: The columns of a claim row as `BulkWriter.claim_row` takes it (the order of the `claims` insert).
CLAIM_ROW = (
    "id", "subject", "predicate", "object", "value", "assertor", "basis", "confidence", "negated", "valid_from",
    "valid_to", "published", "evidence_text", "evidence_source", "evidence_start", "evidence_end", "marking",
    "status", "origin", "note", "recorded",
)  # fmt: skip


#: The columns of a link row as `BulkWriter.link_row` takes it (the order of the `links` insert).
LINK_ROW = (
    "id", "subject", "predicate", "object", "assertor", "confidence", "valid_from", "valid_to", "marking",
    "status", "origin", "note", "recorded",
)  # fmt: skip


def _full_row(link: tuple[Any, ...]) -> tuple[Any, ...]:
    """The `CLAIM_ROW` of a `LINK_ROW`: the columns a link leaves out at their defaults."""
    cid, subject, predicate, obj, assertor, conf, start, stop, marking, status, origin, note, recorded = link
    return (
        cid, subject, predicate, obj, None, assertor, None, conf, 0, start, stop, None, None, None, None, None,
        marking, status, origin, note, recorded,
    )  # fmt: skip


def _claim_of_row(row: tuple[Any, ...], sources: tuple[str, ...]) -> Claim:
    """The claim a checked row states (for an update of a stored claim and for error messages)."""
    f = dict(zip(CLAIM_ROW, row, strict=True))
    ev = Evidence(f["evidence_text"], f["evidence_source"], f["evidence_start"], f["evidence_end"])
    for k in ("evidence_text", "evidence_source", "evidence_start", "evidence_end"):
        del f[k]
    f["value"] = None if f["value"] is None else json.loads(f["value"])
    f["negated"] = bool(f["negated"])
    return Claim.trusted(**f, sources=sources, evidence=ev if ev.text is not None else None)


_ENTITY_SETTERS = tuple(getattr(Entity, f).__set__ for f in (
    "id", "kind", "name", "aliases", "sources", "assertor_type", "attrs", "note",
))  # fmt: skip
_ALIAS_SETTERS = tuple(getattr(Alias, f).__set__ for f in ("name", "source", "origin", "lang"))


_SOURCE_SETTERS = tuple(getattr(Source, f).__set__ for f in (
    "id", "title", "author", "publisher", "published", "url", "kind", "text", "sha256", "cited_by",
))  # fmt: skip
_SOURCE_CITED_AS, _SOURCE_NOTE, _SOURCE_PRIMARY = (getattr(Source, f).__set__ for f in ("cited_as", "note", "primary"))


def _loads(text: str) -> Any:
    """A stored JSON value: orjson reads it several times faster than json; json reads what orjson will not
    (NaN) and what orjson reads differently: an integer beyond 64 bits, which orjson 3.13 turns into a float
    without an error. So a value in which orjson found a float is read again by json, and the value is the
    same either way (with no float, orjson read only strings, integers of 64 bits, booleans and nulls, as
    json does). The check walks the decoded value rather than searching the text for a long run of digits:
    a regular expression over every entity's attrs (galaxy descriptions of a few hundred characters) cost
    six times orjson's decoding."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
    return json.loads(text) if _has_float(value) else value


def _has_float(value: Any) -> bool:
    """Whether a decoded JSON value holds a float anywhere."""
    cls = value.__class__
    if cls is float:
        return True
    if cls is dict:
        value = value.values()
    elif cls is not list:
        return False
    for v in value:
        c = v.__class__
        if c is float or ((c is dict or c is list) and _has_float(v)):
            return True
    return False


def _flag(value: int | None) -> bool | None:
    """A stored 0/1/NULL flag as True, False or None."""
    return None if value is None else bool(value)


def _stored_entity(*fields: Any) -> Entity:
    """An entity from its stored (already checked) fields, in Entity's order, without checking again."""
    e = object.__new__(Entity)
    for setter, value in zip(_ENTITY_SETTERS, fields, strict=True):
        setter(e, value)
    return e


def _stored_alias(name: str, source: str | None, origin: str | None, lang: str | None) -> Alias:
    """A stored name as Alias builds it (a name with Chinese characters and no language is zh), unchecked."""
    a = object.__new__(Alias)
    s_name, s_source, s_origin, s_lang = _ALIAS_SETTERS
    s_name(a, name)
    s_source(a, source)
    s_origin(a, origin)
    s_lang(a, "zh" if lang is None and has_han(name) else lang)
    return a


_NO_SOURCE = NO_SOURCE


def _claims_of(rows: list[tuple[Any, ...]], sources: list[tuple[str, ...]]) -> Iterator[Claim]:
    """Claims from rows of `SQLiteStore._CLAIM_COLUMNS` and their sources, slot by slot (the fields were
    checked when written)."""
    new = object.__new__
    S = _SETTER
    s_id, s_subject, s_predicate, s_object, s_value, s_sources, s_assertor = (
        S["id"], S["subject"], S["predicate"], S["object"], S["value"], S["sources"], S["assertor"],
    )  # fmt: skip
    s_basis, s_conf, s_neg, s_vf, s_vt, s_pub, s_rec = (
        S["basis"], S["confidence"], S["negated"], S["valid_from"], S["valid_to"], S["published"], S["recorded"],
    )  # fmt: skip
    s_ev, s_marking, s_status, s_origin, s_note = S["evidence"], S["marking"], S["status"], S["origin"], S["note"]
    loads = json.loads
    for r, srcs in zip(rows, sources, strict=True):
        c = new(Claim)
        s_id(c, r[0])
        s_subject(c, r[1])
        s_predicate(c, r[2])
        s_object(c, r[3])
        s_value(c, None if r[4] is None else loads(r[4]))
        s_assertor(c, r[5])
        s_basis(c, r[6])
        s_conf(c, r[7])
        s_neg(c, bool(r[8]))
        s_vf(c, r[9])
        s_vt(c, r[10])
        s_pub(c, r[11])
        s_rec(c, r[12])
        s_ev(c, None if r[13] is None else Evidence(r[13], r[14], r[15], r[16]))
        s_marking(c, r[17])
        s_status(c, r[18])
        s_origin(c, r[19])
        s_note(c, r[20])
        s_sources(c, srcs)
        yield c


#: The inserts of BulkWriter, in the order a batch is written (referenced rows first).
_BULK_SQL: dict[str, str] = {
    "sources": "INSERT INTO sources(id, title, author, publisher, published, url, kind, text, sha256, cited_by, "
    "cited_as, note, is_primary, recorded) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "entities": "INSERT INTO entities(id, kind, name, assertor_type, attrs, note, recorded) VALUES (?,?,?,?,?,?,?)",
    "entity_sources": "INSERT OR IGNORE INTO entity_sources(entity_id, source_id) VALUES (?, ?)",
    "names": "INSERT OR IGNORE INTO names(entity_id, name, norm, lang, source_id, origin, is_primary) "
    "VALUES (?,?,?,?,?,?,?)",
    "names_fts": "INSERT INTO names_fts(entity_id, name) VALUES (?, ?)",
    "claims": "INSERT INTO claims(id, subject, predicate, object, value, assertor, basis, confidence, negated, "
    "valid_from, valid_to, published, evidence_text, evidence_source, evidence_start, evidence_end, marking, "
    "status, origin, note, recorded) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    # claims whose value, basis, published and evidence columns are NULL and negated 0 (their defaults)
    "links": "INSERT INTO claims(id, subject, predicate, object, assertor, confidence, valid_from, valid_to, "
    "marking, status, origin, note, recorded) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "claim_sources": "INSERT OR IGNORE INTO claim_sources(claim_id, source_id) VALUES (?, ?)",
}
#: The batches inserted in the order of their claim id: the ids are hashes, so a batch in the order it came
#: walks the id index (and claim_sources' key) at random, page after page; sorted, each insert lands next to
#: the last one (a tenth less CPU for a relationship's two rows). Nothing reads either table in its row
#: order across claims (readers sort, or group by claim), and the sort is stable, so a claim's sources
#: keep the order they came in.
_SORTED = frozenset(("claims", "links", "claim_sources"))
_FIRST = itemgetter(0)
