"""Errors, named by cause. The library raises them; only the edges (CLI, web) turn them into messages.

CyberstateError
 ├── StoreError                 the database cannot be used (not ours, newer schema)
 │    ├── StoreLocked            another process holds the write lock
 │    ├── StoreReadOnly          the file or its folder cannot be written
 │    ├── StoreFull              the disk (or a size limit) is full
 │    └── StoreCorrupt           the file is damaged or not a database
 ├── Interrupted                Ctrl-C or SIGTERM during a command; the transaction was rolled back
 ├── FileAccessError            a file named by the user cannot be read (missing, a folder, no permission)
 ├── InvalidRecord              a record breaks the model (bad date, confidence out of range)
 │    └── VocabularyError       unknown kind or predicate, or a claim outside domain and range
 ├── DataFileError              a data file cannot be loaded: carries file, record and problem
 │    ├── SchemaError            a field has the wrong type or breaks a limit (file, line, field)
 │    ├── OwnershipError         a file redefines what another file defined (names both places)
 │    └── ImportFormatError      an imported galaxy file is not a cluster
 ├── EntityNotFound             no entity matches a name (carries the closest names)
 ├── WrongKind                  the name denotes an entity of another kind than asked
 └── AmbiguousName              a name matches several entities (carries the candidates)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def one_line(text: str) -> str:
    """A message on one line: line breaks from data shown as escapes."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


class CyberstateError(Exception):
    """Root of every error the library raises on purpose."""

    def __str__(self) -> str:
        # Every error is shown as one line, whatever names from the data (a closest match, a candidate)
        # its message quotes: a stored name may hold a line break.
        return one_line(super().__str__())

    def details(self) -> dict[str, Any]:
        """What the error's JSON document carries beside its type and message: the same under `--json`
        and from the API, which render it."""
        return {}


class StoreError(CyberstateError):
    """The store cannot be opened or written as asked."""


class StoreLocked(StoreError):
    """Another process holds the database's write lock longer than we wait."""


class StoreReadOnly(StoreError):
    """The database file (or the folder for its journal) cannot be written."""


class StoreFull(StoreError):
    """The disk holding the database is full."""


class StoreCorrupt(StoreError):
    """The database file is damaged or is not an SQLite database."""

    #: SQLite's own words for the damage ("database disk image is malformed")
    reason: str = ""


class Interrupted(CyberstateError):
    """The command was stopped by a signal; its transaction was rolled back. `code` is the exit status."""

    def __init__(self, signame: str, code: int, committed: bool = False) -> None:
        self.signame, self.code = signame, code
        if committed:  # the signal came after the write finished (while printing, say)
            super().__init__(f"interrupted by {signame} after the command's changes were committed")
        else:
            super().__init__(f"interrupted by {signame}: nothing was written (the transaction was rolled back)")


class FileAccessError(CyberstateError):
    """A file the user named cannot be read or written (no such file, a folder, no permission)."""


def from_sqlite(e: Exception, path: str) -> StoreError:
    """SQLite's error, named by cause: one of the StoreError leaves, saying which file."""
    msg = str(e)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return StoreLocked(f"{path}: the database is locked by another process; try again when it finishes")
    if "readonly" in low or "read-only" in low or "unable to open" in low or "access permission" in low:
        return StoreReadOnly(f"{path}: cannot write the database ({msg})")
    if "full" in low or "disk i/o" in low:
        return StoreFull(f"{path}: cannot write the database: {msg}")
    if "malformed" in low or "not a database" in low or "corrupt" in low or "encrypted" in low:
        damaged = StoreCorrupt(f"{path}: the database is damaged ({msg}); run `cyberstate check --integrity`")
        damaged.reason = msg
        return damaged
    return StoreError(f"{path}: {msg}")


def from_os(e: OSError, what: str = "") -> FileAccessError:
    """A file-system error as one line naming the file."""
    name = e.filename if e.filename is not None else what
    reason = e.strerror or type(e).__name__
    return FileAccessError(f"{name}: {reason}" if name else reason)


class DocumentReadError(CyberstateError):
    """A document cannot be read (a PDF pypdf refuses: encrypted, damaged, a decompression bomb)."""


class ResourceLimit(CyberstateError):
    """Input nested too deeply or too large to hold in memory."""


def from_foreign(e: BaseException, path: str = "") -> CyberstateError | None:
    """A library's or the system's error as the project's error named by its cause; None for a bug."""
    import sqlite3

    if isinstance(e, CyberstateError):
        return e
    if isinstance(e, sqlite3.Error):
        return from_sqlite(e, path or "database")
    if isinstance(e, OSError):
        return from_os(e, path)
    if isinstance(e, RecursionError):
        return ResourceLimit(f"{path + ': ' if path else ''}input nested too deeply")
    if isinstance(e, MemoryError):
        return ResourceLimit(f"{path + ': ' if path else ''}input too large to hold in memory")
    module = type(e).__module__.split(".")[0]
    first = (str(e).strip().splitlines() or [type(e).__name__])[0]
    if module == "yaml":
        return DataFileError(path or "YAML", "", f"YAML error: {first}")
    if module == "pypdf":
        return DocumentReadError(f"{path + ': ' if path else ''}cannot read the PDF ({first})")
    if isinstance(e, UnicodeError):
        return FileAccessError(f"{path + ': ' if path else ''}not UTF-8 text ({first})")
    return None


class InvalidRecord(CyberstateError):
    """A record (entity, source, claim) breaks the model."""


class VocabularyError(InvalidRecord):
    """A kind or predicate is unknown, or a claim's kinds fall outside the predicate's domain or range."""


class DataFileError(CyberstateError):
    """A curated data file cannot be loaded; says which file, which record and what is wrong."""

    def __init__(self, file: str, record: str, problem: str) -> None:
        self.file, self.record, self.problem = file, record, problem
        where = f"{file}: {record}" if record else file
        super().__init__(one_line(f"{where}: {problem}"))


class SchemaError(DataFileError):
    """A value in a data file has the wrong type, is empty or breaks a documented limit."""

    def __init__(self, file: str, line: int | None, field: str, problem: str) -> None:
        self.line, self.field = line, field
        where = f"line {line}" if line else ""
        record = ", ".join(x for x in (where, field) if x)
        super().__init__(file, record, problem)


class OwnershipError(DataFileError):
    """A file redefines a record another file (or the store) owns: says both places."""


class ImportFormatError(DataFileError):
    """An imported file is not what its importer reads (malformed JSON, not a galaxy cluster, a value
    without uuid or name)."""


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    kind: str
    score: float = 0.0
    matched: str = ""


class EntityNotFound(CyberstateError):
    """No entity answers to the name; `closest` holds the nearest names for the message."""

    def __init__(self, name: str, closest: list[Candidate] | None = None, where: str = "") -> None:
        self.name = name
        self.closest = closest or []
        msg = f"{where}: " if where else ""  # the option that gave the name (`--context`), where it says more
        msg += f"no entity matches {name!r}"
        if self.closest:
            msg += "; closest: " + ", ".join(c.name for c in self.closest)
        super().__init__(msg)

    def details(self) -> dict[str, Any]:
        return {
            "closest": [{"id": c.id, "name": c.name, "kind": c.kind, "score": round(c.score, 1)} for c in self.closest]
        }


@dataclass
class _Ambiguity:
    name: str
    candidates: list[Candidate] = field(default_factory=list)


class AmbiguousName(CyberstateError):
    """The name answers to several entities equally well; `candidates` lists them all."""

    def __init__(self, name: str, candidates: list[Candidate], where: str = "") -> None:
        self.name = name
        self.candidates = candidates
        listed = "; ".join(f"{c.name} [{c.id}, {c.kind}]" for c in candidates)
        super().__init__(f"{where + ': ' if where else ''}{name!r} matches {len(candidates)} entities: {listed}")

    def details(self) -> dict[str, Any]:
        return {
            "candidates": [{"id": c.id, "name": c.name, "kind": c.kind, "matched": c.matched} for c in self.candidates]
        }


class WrongKind(CyberstateError):
    """The name denotes an entity, but not of the kind the question needs (a city where a province is asked)."""

    def __init__(self, name: str, kind: str, expected: str) -> None:
        self.name, self.kind, self.expected = name, kind, expected
        super().__init__(f"{name!r} is a {kind}, not a {expected}")
