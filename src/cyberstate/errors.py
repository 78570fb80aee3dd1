"""Errors, named by cause. The library raises them; only the edges (CLI, web) turn them into messages.

CyberstateError
 ├── StoreError                 the database cannot be used (not ours, newer schema, locked)
 ├── InvalidRecord              a record breaks the model (bad date, confidence out of range)
 │    └── VocabularyError       unknown kind or predicate, or a claim outside domain and range
 ├── DataFileError              a data file cannot be loaded: carries file, record and problem
 ├── EntityNotFound             no entity matches a name (carries the closest names)
 ├── WrongKind                  the name denotes an entity of another kind than asked
 └── AmbiguousName              a name matches several entities (carries the candidates)
"""

from __future__ import annotations

from dataclasses import dataclass, field


class CyberstateError(Exception):
    """Root of every error the library raises on purpose."""


class StoreError(CyberstateError):
    """The store cannot be opened or written as asked."""


class InvalidRecord(CyberstateError):
    """A record (entity, source, claim) breaks the model."""


class VocabularyError(InvalidRecord):
    """A kind or predicate is unknown, or a claim's kinds fall outside the predicate's domain or range."""


class DataFileError(CyberstateError):
    """A curated data file cannot be loaded; says which file, which record and what is wrong."""

    def __init__(self, file: str, record: str, problem: str) -> None:
        self.file, self.record, self.problem = file, record, problem
        where = f"{file}: {record}" if record else file
        super().__init__(f"{where}: {problem}")


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

    def __init__(self, name: str, closest: list[Candidate] | None = None) -> None:
        self.name = name
        self.closest = closest or []
        msg = f"no entity matches {name!r}"
        if self.closest:
            msg += "; closest: " + ", ".join(c.name for c in self.closest)
        super().__init__(msg)


@dataclass
class _Ambiguity:
    name: str
    candidates: list[Candidate] = field(default_factory=list)


class AmbiguousName(CyberstateError):
    """The name answers to several entities equally well; `candidates` lists them all."""

    def __init__(self, name: str, candidates: list[Candidate]) -> None:
        self.name = name
        self.candidates = candidates
        listed = "; ".join(f"{c.name} [{c.id}, {c.kind}]" for c in candidates)
        super().__init__(f"{name!r} matches {len(candidates)} entities: {listed}")


class WrongKind(CyberstateError):
    """The name denotes an entity, but not of the kind the question needs (a city where a province is asked)."""

    def __init__(self, name: str, kind: str, expected: str) -> None:
        self.name, self.kind, self.expected = name, kind, expected
        super().__init__(f"{name!r} is a {kind}, not a {expected}")
