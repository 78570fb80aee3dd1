"""The Store protocol: what the knowledge base needs from a storage engine.

SQLite implements it (`sqlite.py`); a PostgreSQL store implements the same methods. All writes go
through `put_*` and `retract_*` inside `transaction()`, and every write checks the model (kinds,
domain and range, sources) so no writer can bypass the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from cyberstate.model import Claim, Entity, Source


@dataclass(frozen=True, slots=True)
class NameHit:
    """One stored name that matched a lookup key."""

    entity_id: str
    name: str
    source: str | None
    origin: str | None
    is_primary: bool


class Store(Protocol):
    path: str

    def transaction(self) -> AbstractContextManager[None]: ...
    def close(self) -> None: ...

    # writes
    def put_source(self, source: Source) -> bool: ...
    def put_entity(self, entity: Entity) -> bool: ...
    def put_claim(self, claim: Claim) -> bool: ...
    def retract_claims(self, origin: str, keep: set[str]) -> int: ...

    # reads
    def get_entity(self, entity_id: str) -> Entity | None: ...
    def iter_entities(self, kind: str | None = None) -> Iterator[Entity]: ...
    def get_source(self, source_id: str) -> Source | None: ...
    def iter_sources(self) -> Iterator[Source]: ...
    def find_names(self, norm: str) -> list[NameHit]: ...
    def search_names(self, query: str, limit: int = 20) -> list[NameHit]: ...
    def iter_names(self) -> Iterator[NameHit]: ...
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
    def counts(self) -> dict[str, dict[str, int]]: ...
    def meta(self) -> dict[str, str]: ...
