"""The records: Entity, Alias, Source, Claim. Frozen, validated on construction, no I/O.

Claims are the only statements of fact; an entity is a name for a thing, never a fact about it. A
claim's id is derived from what it says and who says it on which sources, so loading the same
statement twice yields the same id (idempotent loads) while the same fact from two assertors stays two
claims (that is how consensus is counted later).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, fields
from typing import Any

from cyberstate.errors import InvalidRecord, VocabularyError
from cyberstate.model.dates import parse_date
from cyberstate.model.names import has_han
from cyberstate.model.vocab import (
    KINDS,
    PREDICATES,
    AssertorType,
    Basis,
    Datatype,
    Marking,
    Predicate,
    Status,
)

_ID = re.compile(r"^[a-z0-9][a-z0-9._:-]*$")
#: The vocabularies' values, checked by membership (an Enum lookup with its exception on every claim of a
#: large import costs more than the rest of the check).
_BASES = frozenset(b.value for b in Basis)
_MARKINGS = frozenset(m.value for m in Marking)
_STATUSES = frozenset(s.value for s in Status)


def _member(value: object, values: frozenset[str]) -> bool:
    return isinstance(value, str) and value in values


def check_id(value: object, what: str = "id") -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise InvalidRecord(f"bad {what} {value!r}: use lowercase letters, digits, '-', '.', ':'")
    return value


@dataclass(frozen=True, slots=True)
class Alias:
    """A name of an entity, with who uses it: the source that names it and, where known, the origin
    (the vendor that coined it, the cluster it came from)."""

    name: str
    source: str | None = None
    origin: str | None = None
    lang: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidRecord("an alias needs a non-empty name")
        if self.lang is None:
            object.__setattr__(self, "lang", "zh" if has_han(self.name) else None)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: str
    name: str
    aliases: tuple[Alias, ...] = ()
    sources: tuple[str, ...] = ()
    assertor_type: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    note: str | None = None

    def __post_init__(self) -> None:
        check_id(self.id, "entity id")
        if self.kind not in KINDS:
            raise VocabularyError(f"unknown kind {self.kind!r} for entity {self.id!r}")
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidRecord(f"entity {self.id!r} needs a name")
        mark = self.attrs.get("marking") if isinstance(self.attrs, dict) else None
        if mark is not None and not _member(mark, _MARKINGS):
            raise VocabularyError(
                f"unknown TLP marking {mark!r} for entity {self.id!r}; one of {', '.join(sorted(_MARKINGS))}"
            )
        if self.assertor_type is not None:
            try:
                AssertorType(self.assertor_type)
            except ValueError:
                raise VocabularyError(
                    f"unknown assertor_type {self.assertor_type!r} for {self.id!r}; "
                    f"one of {', '.join(t.value for t in AssertorType)}"
                ) from None

    @property
    def marking(self) -> str:
        """The record's own TLP level (`attrs["marking"]`, TLP:CLEAR when it has none): the level of the object
        it came from (an imported STIX object's `object_marking_refs`). `vocab.entity_marking` and
        `vocab.claim_marking` say what it means for the entity and the claims naming it."""
        return entity_own_marking(self.attrs)


def entity_own_marking(attrs: dict[str, Any]) -> str:
    """The own TLP level an entity's attrs give (TLP:CLEAR when none)."""
    return attrs.get("marking") or Marking.CLEAR.value


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    kind: str | None = None
    text: str | None = None  # the document text, where the store keeps it (seeds, ingested files)
    sha256: str | None = None
    cited_by: str | None = None
    cited_as: tuple[str, ...] = ()
    note: str | None = None
    #: True when the page is the stating body's own document (its release, indictment, designation,
    #: advisory, statement); False for a copy, a report about it, or commentary; None when unrecorded.
    primary: bool | None = None

    def __post_init__(self) -> None:
        check_id(self.id, "source id")
        if self.primary is not None and not isinstance(self.primary, bool):
            raise InvalidRecord(f"source {self.id!r}: `primary` must be true or false, got {self.primary!r}")
        object.__setattr__(self, "published", parse_date(self.published))
        if self.url is not None and not re.match(r"^https?://\S+$", self.url):
            raise InvalidRecord(f"source {self.id!r}: not an http(s) URL: {self.url!r}")
        if not (self.title or self.url or self.publisher):
            raise InvalidRecord(f"source {self.id!r} needs a title, a publisher or a URL")
        if self.text is not None and self.sha256 is None:
            object.__setattr__(self, "sha256", hashlib.sha256(self.text.encode()).hexdigest())


@dataclass(frozen=True, slots=True)
class Evidence:
    """The span of a source's text that states the claim."""

    text: str
    source: str | None = None
    start: int | None = None
    end: int | None = None


def _check_literal(pred: Predicate, value: Any) -> Any:
    dtype = pred.literal
    if dtype is Datatype.TEXT:
        if not isinstance(value, str) or not value.strip():
            raise InvalidRecord(f"{pred.name} takes a text value, got {value!r}")
        return value
    if dtype is Datatype.DATE:
        return parse_date(value)
    if dtype is Datatype.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidRecord(f"{pred.name} takes a number, got {value!r}")
        return value
    if dtype is Datatype.QUANTITY:
        if not isinstance(value, dict) or "amount" not in value or "unit" not in value:
            raise InvalidRecord(f"{pred.name} takes {{amount, unit, qualifier?}}, got {value!r}")
        extra = set(value) - {"amount", "unit", "qualifier"}
        if extra:
            raise InvalidRecord(f"{pred.name}: unknown quantity field(s) {sorted(extra)}")
        amount = value["amount"]
        if isinstance(amount, bool) or not isinstance(amount, int | float):
            raise InvalidRecord(f"{pred.name}: amount must be a number, got {amount!r}")
        return dict(value)
    raise AssertionError(dtype)


@dataclass(frozen=True, slots=True)
class Claim:
    subject: str
    predicate: str
    sources: tuple[str, ...]
    object: str | None = None
    value: Any = None
    assertor: str | None = None
    basis: str | None = None
    confidence: int = 50
    negated: bool = False
    valid_from: str | None = None
    valid_to: str | None = None
    published: str | None = None
    recorded: str | None = None
    evidence: Evidence | None = None
    marking: str = Marking.CLEAR.value
    status: str = Status.ACCEPTED.value
    origin: str | None = None
    note: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        value, valid_from, valid_to, published = check_claim(
            self.subject, self.predicate, self.sources, self.object, self.value, self.basis, self.confidence,
            self.valid_from, self.valid_to, self.published, self.marking, self.status,
        )  # fmt: skip
        setter = object.__setattr__
        setter(self, "value", value)
        setter(self, "valid_from", valid_from)
        setter(self, "valid_to", valid_to)
        setter(self, "published", published)
        setter(self, "sources", tuple(self.sources))
        if not self.id:
            setter(self, "id", claim_id(self))

    @property
    def predicate_def(self) -> Predicate:
        return PREDICATES[self.predicate]

    @classmethod
    def trusted(cls, **fields: Any) -> Claim:
        """Build a claim from fields that were validated when written (a store row), skipping the checks.

        Reading tens of thousands of stored claims should not re-run validation meant for new input."""
        c = object.__new__(cls)
        for f in _CLAIM_FIELDS:
            object.__setattr__(c, f.name, fields.get(f.name, f.default))
        return c


def check_confidence(confidence: Any) -> int:
    """A claim's confidence: an integer 0-100 (a bool is not one); the claim's own check and the STIX importer's
    of another tool's relationship."""
    if isinstance(confidence, bool) or not isinstance(confidence, int) or not (0 <= confidence <= 100):
        shown = repr(confidence)
        raise InvalidRecord(
            f"confidence must be an integer 0-100, got {shown if len(shown) <= 40 else shown[:36] + '...'}"
        )
    return confidence


def check_claim(
    subject: str,
    predicate: str,
    sources: Any,
    obj: str | None,
    value: Any,
    basis: str | None,
    confidence: Any,
    valid_from: Any,
    valid_to: Any,
    published: Any,
    marking: Any,
    status: Any,
) -> tuple[Any, str | None, str | None, str | None]:
    """The checks of a claim's fields, as `Claim` makes them on construction (the one definition of what a
    valid claim is: `Claim.__post_init__` calls it, and so does an importer that writes claims as rows
    without building a `Claim` each). Raises InvalidRecord or VocabularyError; returns the value, valid
    from, valid to and published date as a claim holds them (a literal checked for its datatype, dates at
    the precision given)."""
    pred = PREDICATES.get(predicate)
    if pred is None:
        raise VocabularyError(f"unknown predicate {predicate!r}")
    check_id(subject, "subject id")
    if pred.literal:
        if obj is not None:
            raise InvalidRecord(f"{predicate} takes a literal value, not an entity object")
        if value is None:
            raise InvalidRecord(f"{predicate} needs a value")
        value = _check_literal(pred, value)
    else:
        if value is not None:
            raise InvalidRecord(f"{predicate} links two entities; give an object, not a value")
        if obj is None:
            raise InvalidRecord(f"{predicate} needs an object")
        check_id(obj, "object id")
    if not sources:
        raise InvalidRecord("a claim needs at least one source")
    for s in sources:
        check_id(s, "source id")
    if basis is not None and not _member(basis, _BASES):
        raise VocabularyError(f"unknown basis {basis!r}; one of {', '.join(b.value for b in Basis)}")
    check_confidence(confidence)
    valid_from, valid_to, published = parse_date(valid_from), parse_date(valid_to), parse_date(published)
    if valid_from and valid_to and valid_to < valid_from:
        raise InvalidRecord(f"valid_to {valid_to} is before valid_from {valid_from}")
    if not _member(marking, _MARKINGS):
        raise VocabularyError(f"unknown TLP marking {marking!r}")
    if not _member(status, _STATUSES):
        raise VocabularyError(f"unknown status {status!r}")
    return value, valid_from, valid_to, published


_CLAIM_FIELDS = list(fields(Claim))
#: The names of a claim's fields, for copying one with a few changed.
CLAIM_FIELDS = tuple(f.name for f in _CLAIM_FIELDS)


#: One encoder for every claim id: `json.dumps` with options builds a new encoder on each call, which an
#: import of 100,000 claims pays for 100,000 times. The output is the same.
_ID_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def claim_id(c: Claim) -> str:
    """Content-derived id: same statement, same assertor, same sources -> same id."""
    key = _ID_ENCODER.encode(
        [c.subject, c.predicate, c.object, c.value, c.assertor, sorted(c.sources), bool(c.negated)]
    )
    return "c-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def check_domain_range(pred_name: str, subject_kind: str, object_kind: str | None) -> None:
    """Refuse a claim whose subject or object kind the predicate does not allow."""
    pred = PREDICATES[pred_name]
    if subject_kind not in pred.domain_kinds:
        raise VocabularyError(f"{pred_name}: subject kind {subject_kind!r} is outside its domain ({pred.domain})")
    if object_kind is not None and object_kind not in pred.range_kinds:
        raise VocabularyError(f"{pred_name}: object kind {object_kind!r} is outside its range ({pred.range})")
