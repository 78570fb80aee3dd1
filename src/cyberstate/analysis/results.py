"""Typed answers: one frozen dataclass per question, with one JSON form (`to_json()`).

The CLI prints `to_json()` with `--json` and renders the same fields otherwise; the web pages and the
API serve the same document. Top-level fields are typed; the parts below them (a chain's steps, a
province's linked entities) are the JSON objects the analyses build, as documented in docs/analysis.md.
A result also reads like the mapping it serialises to (`result["chains"]`), so callers written against
the earlier dict answers keep working.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

Doc = dict[str, Any]
Rows = tuple[Doc, ...]
R = TypeVar("R", bound="Result")


def _json_name(f: Any) -> str:
    return str(f.metadata.get("json", f.name))


def _plain(v: Any) -> Any:
    if isinstance(v, Result):
        return v.to_json()
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    return v


@dataclass(frozen=True)
class Result(Mapping[str, Any]):
    """Base of every answer: `to_json()` and read-only mapping access to that document."""

    def to_json(self) -> Doc:
        return {_json_name(f): _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def of(cls: type[R], doc: Mapping[str, Any]) -> R:
        """Build from the analysis document (lists become tuples, so the answer is immutable)."""
        kw = {}
        for f in fields(cls):
            v = doc.get(_json_name(f))
            kw[f.name] = tuple(v) if isinstance(v, list) else v
        return cls(**kw)

    def __getitem__(self, key: str) -> Any:
        return self.to_json()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_json_name(f) for f in fields(self))

    def __len__(self) -> int:
        return len(fields(self))


@dataclass(frozen=True)
class ShowResult(Result):
    id: str
    name: str
    kind: str
    assertor_type: str | None
    attrs: Doc
    note: str | None
    records: tuple[str, ...]
    aliases: Rows
    sources: Rows
    claims: Rows
    contested: Rows = ()
    as_of: str | None = None


@dataclass(frozen=True)
class ChainResult(Result):
    start: Doc = field(metadata={"json": "from"})
    chains: Rows = ()
    open_leads: Rows = ()
    total: int = 0
    limit: int | None = None
    left_out: int = 0
    conflicts: Rows = ()


@dataclass(frozen=True)
class ProvinceResult(Result):
    province: Doc
    linked: Rows
    facts: Rows
    counts: Doc
    total: int = 0
    limit: int | None = None
    left_out: int = 0


@dataclass(frozen=True)
class ApparatusResult(Result):
    roots: Rows


@dataclass(frozen=True)
class ConsensusResult(Result):
    entity: Doc
    other: Doc | None = field(default=None, metadata={"json": "with"})
    as_of: str | None = None
    facts: Rows = ()


@dataclass(frozen=True)
class ContestedResult(Result):
    as_of: str | None
    kinds: tuple[str, ...]
    entries: Rows = field(metadata={"json": "items"})  # not `items`: that is the mapping's method
    counts: Doc = field(default_factory=dict)


@dataclass(frozen=True)
class TimelineResult(Result):
    entity: Doc
    as_of: str | None
    first_operation: str | None
    events: Rows
    lags: Doc


@dataclass(frozen=True)
class DiffResult(Result):
    start: str = field(metadata={"json": "from"})
    end: str = field(default="", metadata={"json": "to"})
    claims: Rows = ()
    by_predicate: Doc = field(default_factory=dict)


@dataclass(frozen=True)
class CoverageResult(Result):
    country: Doc
    as_of: str | None
    groups: Rows
    by_level: Doc


@dataclass(frozen=True)
class ThesesResult(Result):
    as_of: str | None
    country: Doc
    theses: Rows


@dataclass(frozen=True)
class StatsResult(Result):
    entities: Doc
    claims: Doc
    predicates: Doc
    totals: Doc
    claims_by_assertor_type: Doc
    provinces: Doc
    schema: str | None
