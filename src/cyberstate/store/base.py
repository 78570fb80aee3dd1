"""The Store protocol: what the knowledge base needs from a storage engine.

SQLite implements it (`sqlite.py`); a PostgreSQL store implements the same methods. All writes go
through `put_*` and `retract_*` inside `transaction()`, and every write checks the model (kinds,
domain and range, sources) so no writer can bypass the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from cyberstate.model import Claim, Entity, Source


@dataclass(frozen=True, slots=True)
class NameHit:
    """One stored name that matched a lookup key."""

    entity_id: str
    name: str
    source: str | None
    origin: str | None
    is_primary: bool


class ClaimRow(NamedTuple):
    """An accepted claim as a whole-store reader (an export) takes it: a plain tuple, read and sorted in
    bulk, whose fields carry Claim's names (the evidence flattened into four), so code that reads only
    those names (the export plan, `Graph.known_by`) reads either. A Claim object per claim, built slot by
    slot and copied again when merged, was most of an export's read."""

    id: str
    subject: str
    predicate: str
    object: str | None
    value: Any
    assertor: str | None
    basis: str | None
    confidence: int
    negated: int  # 1 when the source denies the statement, else 0 (as stored; a bool per row cost a copy)
    valid_from: str | None
    valid_to: str | None
    published: str | None
    recorded: str | None
    evidence_text: str | None
    evidence_source: str | None
    evidence_start: int | None
    evidence_end: int | None
    marking: str
    note: str | None
    sources: tuple[str, ...]


class SourceRow(NamedTuple):
    """A source as a whole-store reader (an export) takes it: a plain tuple of Source's fields but the text
    and `primary`, by the same names, read in bulk (a Source object per source, of which an export writes
    only those cited, was a tenth of the make-run store's export)."""

    id: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    url: str | None
    kind: str | None
    sha256: str | None
    cited_by: str | None
    cited_as: tuple[str, ...]
    note: str | None
    primary: bool | None


class AliasRow(NamedTuple):
    """A name of an entity as a whole-store reader takes it: Alias's fields by the same names, in a plain tuple
    (an Alias object, built slot by slot, per name of the store was a fifth of reading the entities for an
    export). `lang` is what Alias gives: 'zh' for a name with Chinese characters and no language."""

    name: str
    source: str | None
    origin: str | None
    lang: str | None


class EntityRow(NamedTuple):
    """An entity as a whole-store reader (an export) takes it: Entity's fields by the same names, in a plain
    tuple, its names as AliasRows; `attrs` decoded. Code that reads only those names reads either."""

    id: str
    kind: str
    name: str
    aliases: tuple[AliasRow, ...]
    sources: tuple[str, ...]
    assertor_type: str | None
    attrs: dict[str, Any]
    note: str | None


#: A claim's sources when it has none, as a reader of the store gives them.
NO_SOURCE: tuple[str, ...] = ("?",)


class ClaimParts(NamedTuple):
    """The accepted claims in `iter_claims`' order as a whole-store STIX export reads them
    (`KnowledgeBase.claim_parts`): each row as the store gives it (`Store.claim_columns`: ClaimRow's fields
    but the sources, a literal value as its stored JSON). A claim whose id is in `whole` is not a plain
    relationship (one with an object, not denied, without valid time, evidence text or note, with a marking
    the export knows, over records merged into no other): `whole` holds it as a ClaimRow with its ends moved
    onto merged entities, or None where it is left out (a link of an entity to itself). `sources` gives
    each claim's source ids by claim id; a claim without one is not in it."""

    rows: list[tuple[Any, ...]]
    whole: dict[str, ClaimRow | None]
    sources: dict[str, tuple[str, ...]]


class BulkWrite(Protocol):
    """Many new records in one open transaction (a bundle import): the checks of `put_*`, rows in batches."""

    #: Whether the store held no entity when the bulk write began.
    fresh: bool

    def has_entity(self, entity_id: str) -> bool: ...
    def source(self, source: Source) -> bool: ...
    def entity(self, entity: Entity) -> bool: ...
    def claim(self, claim: Claim) -> bool: ...
    def claim_row(self, row: tuple[Any, ...], sources: tuple[str, ...]) -> bool: ...
    def link_row(self, row: tuple[Any, ...], sources: tuple[str, ...]) -> bool: ...
    def flush(self) -> None: ...
    def finish(self) -> None: ...


class Store(Protocol):
    path: str

    def transaction(self) -> AbstractContextManager[None]: ...
    #: One consistent committed state for every read inside; yields its version (see SQLiteStore.snapshot).
    def snapshot(self) -> AbstractContextManager[tuple[int, int]]: ...
    def close(self) -> None: ...

    # writes
    def put_source(self, source: Source, keep_local: bool = False) -> bool: ...
    def put_entity(self, entity: Entity) -> bool: ...
    def put_claim(self, claim: Claim) -> bool: ...
    #: A larger page cache while a command writes many records (see SQLiteStore.large_cache).
    def large_cache(self) -> AbstractContextManager[None]: ...
    def put_new_entities(self, entities: Iterable[Entity]) -> int: ...
    def put_new_claims(self, claims: Iterable[Claim]) -> int: ...
    def retract_claims(self, origin: str, keep: set[str]) -> int: ...
    def bulk(self, expected: int = 0) -> BulkWrite: ...

    # reads
    def get_entity(self, entity_id: str) -> Entity | None: ...
    def iter_entities(self, kind: str | None = None) -> Iterator[Entity]: ...
    def get_source(self, source_id: str) -> Source | None: ...
    #: Every entity as an EntityRow, in id order (what an export reads).
    def entity_rows(self) -> list[EntityRow]: ...
    #: Every source; with text=False each without its text (an export has no use for the texts).
    def iter_sources(self, *, text: bool = True) -> Iterator[Source]: ...
    #: Every source as a SourceRow, in id order (what an export reads).
    def source_rows(self) -> list[SourceRow]: ...
    def find_names(self, norm: str) -> list[NameHit]: ...
    def search_names(self, query: str, limit: int = 20) -> list[NameHit]: ...
    def iter_names(self) -> Iterator[NameHit]: ...
    def name_rows(self) -> list[tuple[str, str, str, str, str]]: ...
    def get_claim(self, claim_id: str) -> Claim | None: ...
    def iter_claims(
        self,
        *,
        subject: str | None = None,
        object: str | None = None,
        predicate: str | None = None,
        entity: str | None = None,
        statuses: Iterable[str] | None = ("accepted",),
    ) -> Iterator[Claim]: ...
    #: Every claim with one of `statuses`, in iter_claims' order, read in bulk (exports read the whole store).
    def scan_claims(self, statuses: Iterable[str] | None = ("accepted",)) -> Iterator[Claim]: ...
    #: Every accepted claim as a ClaimRow, in iter_claims' order (what an export reads).
    def claim_rows(self) -> list[ClaimRow]: ...
    #: Every accepted claim as SQLite gives its row, in iter_claims' order, and the sources by claim id.
    def claim_columns(self) -> tuple[list[tuple[Any, ...]], dict[str, tuple[str, ...]]]: ...
    #: The ClaimRow of a row of claim_columns with its sources.
    def claim_row(self, row: tuple[Any, ...], sources: tuple[str, ...]) -> ClaimRow: ...
    def claims_about(
        self,
        entity_ids: Iterable[str],
        *,
        role: str = "subject",
        statuses: Iterable[str] = ("accepted",),
        predicates: Iterable[str] | None = None,
    ) -> Iterator[Claim]: ...
    def links(
        self,
        entity_ids: Iterable[str],
        *,
        role: str = "subject",
        predicates: Iterable[str],
        statuses: Iterable[str] = ("accepted",),
    ) -> list[tuple[str, str, str, str, bool]]: ...
    def claims_citing(
        self, source_ids: Iterable[str], *, statuses: Iterable[str] = ("accepted",)
    ) -> Iterator[Claim]: ...
    def members_of(self, canonical_id: str) -> list[str]: ...
    def claims_by_assertor_types(
        self, predicates: Iterable[str], assertor_types: Iterable[str], *, statuses: Iterable[str] = ("accepted",)
    ) -> Iterator[Claim]: ...
    def source_assertors(self, source_ids: Iterable[str]) -> list[tuple[str, str, str | None, str | None]]: ...
    # the read model's index, read once when it opens
    def entity_kinds(self) -> dict[str, tuple[str, str]]: ...
    def entity_codes(self) -> dict[str, str]: ...
    def entity_markings(self) -> dict[str, str]: ...
    def entity_countries(self) -> dict[str, str]: ...
    def assertor_types(self) -> dict[str, str]: ...
    def canonical_map(self) -> dict[str, str]: ...
    def source_dates(self) -> dict[str, tuple[str | None, str | None]]: ...
    def entities_with_status(self, statuses: Iterable[str]) -> set[str]: ...
    # each province's walk, kept by the read model and forgotten by any write that may change it
    def placements(self, province: str, key: str) -> dict[str, list[Any]] | None: ...
    def placed(self, key: str) -> set[str]: ...
    def put_placements(self, province: str, key: str, columns: dict[str, list[Any]]) -> None: ...
    def counts(self) -> dict[str, dict[str, int]]: ...
    def meta(self) -> dict[str, str]: ...
