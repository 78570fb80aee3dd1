"""A bulk write into an empty store, built as a new file and copied into the store only when complete.

An import into an empty store (the first import of a bundle, `export → import → export` round trips, the
benchmark) needs none of what makes a write into a live store safe row by row: no rollback journal (a
failed build is a file to delete), no foreign-key lookup per row (the bulk writer checks every reference
before its row is written, and no row of the store can go missing meanwhile), no index kept up to date
row by row. So the rows go to a new file next to the store, with the journal and foreign keys off, and
the secondary indexes built once at the end; what must go through the store's ordinary `put_*` (a
second version of a record in the bundle) and what follows the write (merges, meta) runs on that file
through an `SQLiteStore` of its own; and only then is the file copied into the store, with SQLite's
backup in one step: one write transaction on the store, so a reader sees the empty store or the whole
import, and a failure anywhere before leaves the store as it was (the new file is deleted).

The rows are bound by apsw when it is installed (it binds a row's values three to four times faster
than the standard library's sqlite3, whose per-value adaptation protocol was most of the rows' cost),
else by sqlite3: the same statements, the same file. apsw links its own SQLite; the two libraries never
have the new file open at once (apsw closes it before sqlite3 opens it), which SQLite requires of two
copies of itself in one process.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Any

from cyberstate.errors import StoreError, from_sqlite
from cyberstate.store import sqlite as _sqlite
from cyberstate.store.sqlite import BulkWriter, SQLiteStore

try:  # the faster binding of rows; sqlite3 does the same work when apsw is missing
    import apsw
except ImportError:  # pragma: no cover - apsw is a dependency; the fallback is tested by forcing it
    apsw = None

#: The tables a store holds knowledge in: the store is empty, for this path, when all are.
_CONTENT = (
    "sources", "entities", "entity_sources", "names", "claims", "claim_sources", "merge_map", "name_conflicts",
    "province_walks", "placements",
)  # fmt: skip

#: Page cache of the new file's connection, in KB (a ceiling, as BulkWriter.CACHE_KB).
_CACHE_KB = BulkWriter.CACHE_KB


class _Sink:
    """The new file's connection as BulkWriter uses it (execute, executemany), its errors turned into the
    store's error leaves (apsw raises its own classes)."""

    def __init__(self, path: str, driver: str) -> None:
        self.path = path
        self.driver = driver
        if driver == "apsw":
            self._db: Any = apsw.Connection(path)
        else:
            self._db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "locking_mode=EXCLUSIVE",
                       f"cache_size=-{_CACHE_KB}"):  # fmt: skip
            self.execute(f"PRAGMA {pragma}").fetchall()
        self.execute("BEGIN")

    def execute(self, sql: str, args: Any = ()) -> Any:
        try:
            return self._db.execute(sql, args or (None if self.driver == "apsw" else ()))
        except Exception as e:  # apsw.Error or sqlite3.Error: the one place either library answers
            raise from_sqlite(e, self.path) from None

    def executemany(self, sql: str, rows: Any) -> Any:
        try:
            return self._db.executemany(sql, rows)
        except Exception as e:
            raise from_sqlite(e, self.path) from None

    def close(self, commit: bool) -> None:
        with contextlib.suppress(Exception):
            if commit:
                self.execute("COMMIT")
        self._db.close()


def driver() -> str:
    """The library that binds the rows: apsw when installed (CYBERSTATE_BULK_DRIVER=sqlite3 forces the
    standard library's, which tests use to check both give the same store)."""
    wanted = os.environ.get("CYBERSTATE_BULK_DRIVER", "")
    return "apsw" if apsw is not None and wanted != "sqlite3" else "sqlite3"


def is_empty(store: SQLiteStore) -> bool:
    return not any(store._db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0] for table in _CONTENT)


class FreshBuild:
    """The bulk write of one import into an empty store (see the module's docstring). Use as a context
    manager: `bulk` takes the records; `finish()` builds the indexes and returns the new file's store,
    inside a transaction, for the writes that follow; `commit()` copies the file into the store. Leaving
    the block deletes the new file, whether or not it was committed."""

    def __init__(self, store: SQLiteStore, expected: int) -> None:
        self.store = store
        self.path = f"{store.path}.import-{os.getpid()}"
        self._remove()
        # the backup into a store in WAL mode needs the two page sizes equal (a store may have been made
        # with another than SQLite's default)
        page_size = int(store._db.execute("PRAGMA page_size").fetchone()[0])
        con = sqlite3.connect(self.path)
        try:
            con.execute(f"PRAGMA page_size = {page_size}")
            con.execute("VACUUM")  # an empty file takes the page size now
        finally:
            con.close()
        built = SQLiteStore(self.path)  # the schema, by the same migrations
        try:
            with built.transaction():
                have = built.meta()
                for key, value in store.meta().items():
                    if have.get(key) != value:
                        built.set_meta(key, value)
        finally:
            built.close()
        self._sink: _Sink | None = _Sink(self.path, driver())
        self.bulk = BulkWriter(store, expected, sink=self._sink)
        self._built: SQLiteStore | None = None
        self._tx: contextlib.ExitStack | None = None
        #: How many records of each kind the writes kept for `put_*` changed (set by finish()).
        self.later: dict[str, int] = {}

    @classmethod
    def open(cls, store: SQLiteStore, expected: int) -> FreshBuild | None:
        """A build for `store` when it is an empty store in a file, with no transaction open on it and a
        folder that takes a new file; else None (the caller writes in the store's own transaction)."""
        if store.path == ":memory:" or store.read_only or store._depth or not is_empty(store):
            return None
        folder = Path(store.path).resolve().parent
        if not os.access(folder, os.W_OK):
            return None
        return cls(store, expected)

    def finish(self) -> SQLiteStore:
        """The rows written and the indexes built; the new file's own store, inside a transaction that
        `commit()` ends, with the records kept for `put_*` written through it."""
        assert self._sink is not None
        self.bulk.finish()
        self._sink.close(commit=True)
        self._sink = None
        self._built = SQLiteStore(self.path)
        self._tx = contextlib.ExitStack()
        self._tx.enter_context(self._built.transaction())
        self.later = self.bulk.write_later(self._built)
        return self._built

    def commit(self) -> None:
        """Commit the new file and copy it into the store in one step (the store's one write transaction)."""
        assert self._built is not None and self._tx is not None
        self._tx.close()
        self._tx = None
        self._built.close()
        self._built = None
        store = self.store
        with store._exclusive():
            if not is_empty(store):  # another process wrote meanwhile: keep its write, refuse ours
                raise StoreError(f"{store.path}: the store was written to during the import; nothing was imported")
            source = sqlite3.connect(self.path)
            try:
                source.backup(store._db._raw)
            except sqlite3.Error as e:
                raise from_sqlite(e, store.path) from None
            finally:
                source.close()
        store.commits += 1
        _sqlite.COMMITS[0] += 1

    def _remove(self) -> None:
        for tail in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path + tail)

    def __enter__(self) -> FreshBuild:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._sink is not None:
            self._sink.close(commit=False)
        if self._tx is not None:
            self._tx.__exit__(kind, exc, tb)  # rolls the new file's transaction back on an error
        if self._built is not None:
            self._built.close()
        self._remove()
