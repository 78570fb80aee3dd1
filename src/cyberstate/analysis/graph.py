"""An in-memory view of the accepted claims, indexed both ways, that the analyses walk.

Analyses read the whole claim graph many times per answer (every path of a chain, every link of a
province), so they work on this index rather than issuing a query per hop.
"""

from __future__ import annotations

import functools
import threading
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cyberstate.model import Claim
from cyberstate.model.dates import cutoff, earliest
from cyberstate.model.records import CLAIM_FIELDS
from cyberstate.model.rules import PLACED_LEVEL_KINDS, UPWARD, level_of, level_of_kind
from cyberstate.model.vocab import KIND_CLASS, PREDICATES
from cyberstate.store.base import Store
from cyberstate.store.sqlite import SQLiteStore

#: What a walk up from a node (a chain, an ownership conflict, a coverage row) reads of it: its claims
#: as subject and as object with these predicates, read together so that every walk up shares one
#: read per node, and never the rest (the thousands of `targeted` claims of a group, its descriptions).
#: analysis/chain.py checks that its steps stay within them.
UP_OUT = UPWARD | {"established_by", "located_in", "linked_to", "supports"}
UP_IN = frozenset({"conducted", "used", "linked_to", "supports", "member_of_group", "front_company_for"})

EQUIVALENCE = {"same_as", "overlaps_with"}
#: Links that say nothing about an entity once both ends are records of it: the equivalences that merged
#: them, and a "see also" between two of its own records.
SELF_LINKS = EQUIVALENCE | {"related_to"}


def merged_ends(
    subject: str,
    predicate: str,
    obj: str | None,
    assertor: str | None,
    canon: Mapping[str, str],
    drop: Collection[str] = SELF_LINKS,
) -> tuple[str, str | None, str | None] | None:
    """A claim's subject, object and assertor moved onto the entity their record belongs to; None for a
    link in `drop` between two records of one entity (`merges` explains those). The rule `on_entities`
    applies to a Claim and `KnowledgeBase.claim_rows` to a row."""
    s = canon.get(subject, subject)
    o = canon.get(obj, obj) if obj is not None else None
    if s == o and predicate in drop:
        return None
    return s, o, canon.get(assertor, assertor) if assertor else None


def on_entities(c: Claim, canon: Mapping[str, str], drop: Collection[str] = SELF_LINKS) -> Claim | None:
    """The claim over merged entities (`merged_ends`), a copy only where an end moved."""
    ends = merged_ends(c.subject, c.predicate, c.object, c.assertor, canon, drop)
    if ends is None:
        return None
    s, o, a = ends
    if s != c.subject or o != c.object or a != c.assertor:
        moved = object.__new__(Claim)  # a copy, slot by slot: the fields were checked when written
        for name, setter in _SLOTS:
            setter(moved, getattr(c, name))
        _SUBJECT(moved, s)
        _OBJECT(moved, o)
        _ASSERTOR(moved, a)
        return moved
    return c


_SLOTS = tuple((f, getattr(Claim, f).__set__) for f in CLAIM_FIELDS)
_SUBJECT, _OBJECT, _ASSERTOR = (getattr(Claim, f).__set__ for f in ("subject", "object", "assertor"))


class Link(NamedTuple):
    """What a walk reads of a claim between two entities (see Graph.links): its id, ends and polarity,
    named as on the Claim, so a walk reads either."""

    id: str
    subject: str
    predicate: str
    object: str
    negated: bool


def _link(c: Claim) -> Link:
    assert c.object is not None
    return Link(c.id, c.subject, c.predicate, c.object, c.negated)


@dataclass
class Graph:
    nodes: dict[str, tuple[str, str]]  # id -> (kind, name)
    out: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    inn: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    literals: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, str] = field(default_factory=dict)
    assertor_types: dict[str, str] = field(default_factory=dict)
    canon: dict[str, str] = field(default_factory=dict)  # record -> merged entity (only merged records)
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    as_of: str | None = None
    sources: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # id -> (published, title)

    @classmethod
    def from_store(cls, store: SQLiteStore, as_of: str | None = None) -> Graph:
        """The claim graph over merged entities: every record's claims count for its merged entity.

        With `as_of`, only the claims published by that date: a claim's date is its `published`, or the
        earliest date of its sources. A claim whose date is unknown is not taken as known at any past
        date, except reference data (ISO codes), which holds regardless of when it was written down."""
        canon = store.canonical_map()
        kinds = store.entity_kinds()
        g = cls(
            {k: v for k, v in kinds.items() if k not in canon},
            codes=store.entity_codes(),
            assertor_types=store.assertor_types(),
            canon=canon,
            as_of=as_of,
            sources=store.source_dates(),
        )
        for rec, can in canon.items():
            g.members[can].append(rec)
        for c in store.iter_claims():
            if as_of is not None and not g.known_by(c, as_of):
                continue
            merged = on_entities(c, canon)
            if merged is None:
                continue
            c, s, o = merged, merged.subject, merged.object
            if o is None:
                g.literals[s].append(c)
            else:
                g.out[s].append(c)
                g.inn[o].append(c)
        return g

    def date_of(self, c: Claim) -> str | None:
        """When a claim became public: its published date, else the earliest date of its sources."""
        if c.published:
            return c.published
        dates = sorted(d for d in (self.sources.get(s, (None, None))[0] for s in c.sources) if d)
        return dates[0] if dates else None

    def known_by(self, c: Claim, as_of: str) -> bool:
        if c.basis == "reference_data":
            return True
        d = self.date_of(c)
        return d is not None and earliest(d) <= cutoff(as_of)

    def canonical(self, eid: str) -> str:
        return self.canon.get(eid, eid)

    def kind(self, eid: str) -> str:
        return self.nodes[eid][0]

    def name(self, eid: str) -> str:
        return self.nodes[eid][1]

    def cls(self, eid: str) -> str:
        return KIND_CLASS.get(self.kind(eid), "other")

    def ref(self, eid: str) -> dict[str, str]:
        kind, name = self.nodes[eid]
        return {"id": eid, "name": name, "kind": kind}

    def place_ref(self, eid: str) -> dict[str, str | None]:
        """A place with its ISO code, as chains and profiles show it."""
        return {"id": eid, "name": self.name(eid), "code": self.codes.get(eid)}

    def edges(self, eid: str, predicates: set[str], *, reverse: bool = False) -> list[Claim]:
        src = self.inn if reverse else self.out
        return [c for c in src.get(eid, ()) if c.predicate in predicates]

    def claims_by_assertor_types(self, predicates: set[str], types: set[str]) -> list[Claim]:
        """The claims with one of `predicates` whose assertor is of one of `types`, by subject."""
        return [
            c
            for claims in self.out.values()
            for c in claims
            if c.predicate in predicates and self.assertor_types.get(c.assertor or "") in types
        ]

    def edges_many(self, eids: Iterable[str], side: str, predicates: Collection[str]) -> dict[str, list[Claim]]:
        """For each entity, the claims of one side ("out", "inn" or "literals") whose predicate is one of
        `predicates`, in the order the side holds them."""
        src: Mapping[str, list[Claim]] = getattr(self, side)
        return {e: [c for c in src.get(e, ()) if c.predicate in predicates] for e in eids}

    def side(self, eid: str, side: str, predicates: frozenset[str]) -> list[Claim]:
        """`edges_many` for one entity."""
        return self.edges_many((eid,), side, predicates)[eid]

    def links(self, eids: Iterable[str], side: str, predicates: Collection[str]) -> dict[str, list[Link]]:
        """As `edges_many` for a side of claims between entities ("out" or "inn"), each claim reduced to
        its Link: a walk that needs only where the claims lead reads no more of them."""
        return {e: [_link(c) for c in cs] for e, cs in self.edges_many(eids, side, predicates).items()}

    def may_link(self, kind: str, side: str, predicates: frozenset[str]) -> bool:
        """Whether an entity of `kind` may hold claims of `predicates` on `side` ("out" or "inn"), so
        that a walk need not ask one that cannot (here always: this graph holds every claim, and looking
        costs nothing)."""
        return True

    def placed(self, province: str, key: str) -> dict[str, list[Any]] | None:
        """The walk of `province` the store keeps (Store.placements), made by the walk `key` names; None
        when there is none to read (here always: this graph holds every claim and walks)."""
        return None

    def prefetch(self, eids: Iterable[str]) -> None:
        """Read the claims of many entities at once (a no-op here: this graph holds them all)."""

    def prefetch_up(self, eids: Iterable[str]) -> None:
        """Read what a walk up reads (UP_OUT, UP_IN) of many entities at once: a coverage table walks up
        from every group."""
        eids = list(eids)
        self.edges_many(eids, "out", UP_OUT)
        self.edges_many(eids, "inn", UP_IN)

    def loaded(self, eid: str) -> bool:
        """Whether the claims of `eid` are in memory (always, here)."""
        return True

    def located_in(self, eid: str) -> list[str]:
        return [
            c.object
            for c in self.side(eid, "out", UP_OUT)
            if c.predicate == "located_in" and not c.negated and c.object
        ]

    def level(self, eid: str, _seen: frozenset[str] = frozenset()) -> str:
        """The level of attribution this body names (model/rules.py `level_of`): its kind's, except a
        military unit's, which is the bureau level when the data place it (located in a province, city,
        region or zone, or subordinate to a body so placed) and the agency level otherwise."""
        kind = self.kind(eid)
        if kind not in PLACED_LEVEL_KINDS:
            return level_of_kind(kind)
        places = [self.kind(p) for p in self.located_in(eid)]
        seen = _seen | {eid}
        parents = [
            self.level(c.object, seen)
            for c in self.side(eid, "out", UP_OUT)
            if c.predicate == "subordinate_to" and not c.negated and c.object and c.object not in seen
        ]
        return level_of(kind, places, parents)


@functools.cache
def _admitted(kind: str, side: str, preds: frozenset[str]) -> frozenset[str]:
    """The predicates among `preds` whose domain (side "out" or "literals") or range (side "inn") admits
    a record of `kind` (a predicate the vocabulary does not know: kept)."""
    return frozenset(
        p
        for p in preds
        if p not in PREDICATES or kind in (PREDICATES[p].range_kinds if side == "inn" else PREDICATES[p].domain_kinds)
    )


def _kept_in(wider: list[tuple[dict[str, Any], bool]], eid: str, preds: frozenset[str]) -> list[Link] | None:
    """The links of `eid` with `preds` from the first read of more predicates that kept it (a list of
    links, or of claims when `claims`), or None."""
    for kept, claims in wider:
        got = kept.get(eid)
        if got is not None:
            return [_link(c) if claims else c for c in got if c.predicate in preds]
    return None


class _Adjacency(dict[str, list[Claim]]):
    """One side of the claim graph (out, in or literals), filled per entity on first use."""

    def __init__(self, owner: LazyGraph, side: str) -> None:
        super().__init__()
        self.owner = owner
        self.side = side

    def __missing__(self, key: str) -> list[Claim]:
        self.owner._load(key, "object" if self.side == "inn" else "subject")
        return dict.get(self, key, [])

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if not dict.__contains__(self, key):
            if key not in self.owner.nodes:
                return default
            self.owner._load(key, "object" if self.side == "inn" else "subject")
        return dict.get(self, key, default)

    def _all(self) -> None:
        self.owner._load_all()

    def values(self) -> Any:  # type: ignore[override]
        self._all()
        return dict.values(self)

    def items(self) -> Any:  # type: ignore[override]
        self._all()
        return dict.items(self)

    def keys(self) -> Any:  # type: ignore[override]
        self._all()
        return dict.keys(self)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return dict.__iter__(self)


class _PerKey(dict[str, Any]):
    """A mapping read one key at a time from the store (an entity's ISO code, a source's date and
    title), so opening a read model does not read every source and every entity's attributes."""

    _MISSING = object()

    def __init__(self, loader: Any) -> None:
        super().__init__()
        self.loader = loader

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        v = dict.get(self, key, self._MISSING)
        if v is self._MISSING:
            v = self.loader(key)
            dict.__setitem__(self, key, v)
        return default if v is None else v

    def __getitem__(self, key: str) -> Any:
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v


class LazyGraph(Graph):
    """The same claim graph, read from the store per entity when an analysis first walks to it.

    Opening reads only the entity index (kinds and names, assertor types, the merge map); a chain
    reads the claims of the few entities on its paths, by index, instead of every claim in the store;
    ISO codes and source dates are read per key. An analysis that wants every claim (contested, diff)
    iterates a side, which reads the rest once. Loads hold a lock, so many threads may read one graph."""

    def __init__(self, store: Store, as_of: str | None = None, index: GraphIndex | None = None) -> None:
        index = index or GraphIndex.read(store)
        super().__init__(
            index.nodes,
            codes=_PerKey(self._code),
            assertor_types=index.assertor_types,
            canon=index.canon,
            members=index.members,
            as_of=as_of,
            sources=_PerKey(self._source),
        )
        self.index = index
        self.store = store
        self.out = _Adjacency(self, "out")
        self.inn = _Adjacency(self, "inn")
        self.literals = _Adjacency(self, "literals")
        self._loaded: set[str] = set()  # entities whose outgoing claims and literals are read
        self._loaded_in: set[str] = set()  # entities whose incoming claims are read
        self._all_loaded = False
        self._issuer: dict[str, str | None] = {}
        # claims read for a walk that wants only some predicates: (side, predicates) -> entity -> claims
        self._partial: dict[tuple[str, frozenset[str]], dict[str, list[Claim]]] = {}
        # links read for such a walk (Graph.links), the same way
        self._links: dict[tuple[str, frozenset[str]], dict[str, list[Link]]] = {}
        self._lock = threading.RLock()
        self.use_placements = True

    def _code(self, eid: str) -> str | None:
        e = self.store.get_entity(eid)
        return None if e is None else e.attrs.get("code")

    def _source(self, sid: str) -> tuple[str | None, str | None] | None:
        src = self.store.get_source(sid)
        return None if src is None else (src.published, src.title)

    def _claim(self, c: Claim) -> Claim | None:
        """The claim over merged entities, or None when it is not known by `as_of` or is a merge link."""
        if self.as_of is not None and not self.known_by(c, self.as_of):
            return None
        return on_entities(c, self.canon)

    def _load(self, eid: str, role: str) -> None:
        """Read one side of an entity: its claims as subject (out and literals) or as object (in)."""
        with self._lock:
            done = self._loaded if role == "subject" else self._loaded_in
            if eid in done or self._all_loaded:
                return
            records = [eid, *self.members.get(eid, ())]
            out: list[Claim] = []
            lit: list[Claim] = []
            for raw in self.store.claims_about(records, role=role):
                c = self._claim(raw)
                if c is not None:
                    (lit if c.object is None else out).append(c)
            if role == "subject":
                dict.__setitem__(self.out, eid, out)
                dict.__setitem__(self.literals, eid, lit)
            else:
                dict.__setitem__(self.inn, eid, out)
            done.add(eid)

    def claims_by_assertor_types(self, predicates: set[str], types: set[str]) -> list[Claim]:
        """As Graph's, read by one query instead of walking every claim; grouped by subject."""
        by: dict[str, list[Claim]] = {}
        for raw in self.store.claims_by_assertor_types(sorted(predicates), sorted(types)):
            c = self._claim(raw)
            if c is not None and c.object is not None and self.assertor_types.get(c.assertor or "") in types:
                by.setdefault(c.subject, []).append(c)
        return [c for cs in by.values() for c in cs]

    def loaded(self, eid: str) -> bool:
        return self._all_loaded or (eid in self._loaded and eid in self._loaded_in)

    def _side_loaded(self, eid: str, side: str) -> bool:
        return self._all_loaded or eid in (self._loaded_in if side == "inn" else self._loaded)

    def side(self, eid: str, side: str, predicates: frozenset[str]) -> list[Claim]:
        """As Graph's; what an earlier read kept is answered without taking the lock (the walk up asks
        this for every node it passes, many times)."""
        kept = self._partial.get((side, predicates))
        if kept is not None:
            found = kept.get(eid)
            if found is not None:
                return found
        return self.edges_many((eid,), side, predicates)[eid]

    def edges_many(self, eids: Iterable[str], side: str, predicates: Collection[str]) -> dict[str, list[Claim]]:
        """As Graph's; an entity whose side is not in memory is read by index for these predicates only
        (a province's walk needs a few of the claims of each of the thousands of entities it lists), and
        the claims read are kept for the next walk that asks for the same predicates. An entity's records
        are always read in one query, so its claims come in the order a full read gives them."""
        preds = frozenset(predicates)
        with self._lock:
            kept = self._partial.setdefault((side, preds), {})
            out: dict[str, list[Claim]] = {}
            todo: list[str] = []
            for e in dict.fromkeys(eids):
                if e not in self.nodes:
                    out[e] = []
                elif self._side_loaded(e, side):
                    out[e] = [c for c in dict.__getitem__(getattr(self, side), e) if c.predicate in preds]
                elif e in kept:
                    out[e] = kept[e]
                else:
                    todo.append(e)
            role = "object" if side == "inn" else "subject"
            for batch, owner in self._batches(todo):
                found: dict[str, list[Claim]] = {}
                for raw in self.store.claims_about(batch, role=role, predicates=sorted(preds)):
                    c = self._claim(raw)
                    if c is None or (side == "literals") != (c.object is None):
                        continue
                    found.setdefault(owner[raw.object if role == "object" else raw.subject], []).append(c)
                for e in dict.fromkeys(owner.values()):
                    kept[e] = out[e] = found.get(e, [])
            return out

    def links(self, eids: Iterable[str], side: str, predicates: Collection[str]) -> dict[str, list[Link]]:
        """As Graph's. Claims already in memory are reduced; the links of the others are read from the
        store's indexes (Store.links), only these predicates, and kept for the next walk. With `as_of`,
        a link is known by the dates of its claim's sources: then the claims are read (edges_many)."""
        if self.as_of is not None:
            return super().links(eids, side, predicates)
        preds = frozenset(predicates)
        with self._lock:
            kept = self._links.setdefault((side, preds), {})
            partial = self._partial.get((side, preds), {})
            out: dict[str, list[Link]] = {}
            # the rest is read, per entity, only for the predicates its records' kinds admit (worked out
            # once per kind: a province's walk asks this of thousands of entities of a few kinds)
            by_preds: dict[frozenset[str], list[str]] = {}
            of_kind: dict[str, frozenset[str]] = {}
            nodes, members, loaded = self.nodes, self.members, self._loaded_in if side == "inn" else self._loaded
            everything = self._all_loaded
            # what a walk kept for more predicates answers for fewer (an ownership conflict's parent links
            # from a chain's read of what leads up), in the same order
            wider = [(d, False) for (s, p), d in self._links.items() if s == side and p > preds]
            wider += [(d, True) for (s, p), d in self._partial.items() if s == side and p > preds]
            for e in dict.fromkeys(eids):
                got = kept.get(e)
                if got is not None:
                    out[e] = got
                    continue
                node = nodes.get(e)
                if node is None:
                    out[e] = []
                elif everything or e in loaded:
                    out[e] = [_link(c) for c in dict.__getitem__(getattr(self, side), e) if c.predicate in preds]
                elif e in partial:
                    out[e] = [_link(c) for c in partial[e]]
                elif wider and (got := _kept_in(wider, e, preds)) is not None:
                    kept[e] = out[e] = got
                else:
                    admitted = self._admitted(e, side, preds) if members.get(e) else of_kind.get(node[0])
                    if admitted is None:
                        admitted = of_kind[node[0]] = _admitted(node[0], side, preds)
                    if admitted:
                        by_preds.setdefault(admitted, []).append(e)
                    else:
                        kept[e] = out[e] = []
            role = "object" if side == "inn" else "subject"
            for admitted, group in by_preds.items():
                self._read_links(group, role, sorted(admitted), out, kept)
            return out

    def _read_links(
        self, todo: list[str], role: str, preds: list[str], out: dict[str, list[Link]], kept: dict[str, list[Link]]
    ) -> None:
        canon = self.canon
        new = tuple.__new__
        for batch, owner in self._batches(todo):
            found: dict[str, list[Link]] = {e: [] for e in owner.values()}
            for cid, subj, pred, obj, neg in self.store.links(batch, role=role, predicates=preds):
                s, o = (canon.get(subj, subj), canon.get(obj, obj)) if canon else (subj, obj)
                if s == o and pred in SELF_LINKS:
                    continue
                found[owner[obj if role == "object" else subj]].append(new(Link, (cid, s, pred, o, neg == 1)))
            out.update(found)
            kept.update(found)

    def placed(self, province: str, key: str) -> dict[str, list[Any]] | None:
        """As Graph's: the store's walk of the province over every claim known now (a view as of a past
        date walks: its claims are fewer). `use_placements` off: always walked (a benchmark's peer)."""
        if self.as_of is not None or not self.use_placements:
            return None
        return self.store.placements(province, key)

    def may_link(self, kind: str, side: str, predicates: frozenset[str]) -> bool:
        """As Graph's: whether the vocabulary lets a record of `kind` be the subject ("out") or object
        ("inn") of one of `predicates` (see `_admitted`; an operation is the object of no placing claim)."""
        return bool(_admitted(kind, side, predicates))

    def _admitted(self, eid: str, side: str, preds: frozenset[str]) -> frozenset[str]:
        """The predicates among `preds` of which a record of `eid` may be the subject ("out") or object
        ("inn"): every write checks a claim's domain and range against its records' kinds
        (model/vocab.py), so a claim the vocabulary does not admit for a record's kind is not in the
        store and is not looked for (an operation is the object of no placing claim)."""
        members = self.members.get(eid)
        if not members:
            return _admitted(self.nodes[eid][0], side, preds)
        records = self.index.records
        out: frozenset[str] = frozenset()
        for r in [eid, *members]:
            out |= _admitted(records[r][0], side, preds) if r in records else preds
        return out

    def _batches(self, todo: list[str]) -> Iterator[tuple[list[str], dict[str, str]]]:
        """The records of `todo` in batches of about 400 (each entity's records in one batch, so its
        claims come in the order one read of them gives), with the entity each record belongs to."""
        batch: list[str] = []
        owner: dict[str, str] = {}
        members = self.members
        for e in todo:
            owner[e] = e
            batch.append(e)
            for r in members.get(e, ()):
                owner[r] = e
                batch.append(r)
            if len(batch) >= 400:
                yield batch, owner
                batch, owner = [], {}
        if batch:
            yield batch, owner

    def prefetch(self, eids: Iterable[str]) -> None:
        """Read the claims of many entities in a few queries (a coverage table, every province)."""
        with self._lock:
            todo = [e for e in dict.fromkeys(eids) if not self.loaded(e) and e in self.nodes]
            if not todo or self._all_loaded:
                return
            rec_of: dict[str, str] = {}
            for e in todo:
                for r in [e, *self.members.get(e, ())]:
                    rec_of[r] = e
            sides: dict[str, dict[str, list[Claim]]] = {"out": {}, "literals": {}, "inn": {}}
            for role in ("subject", "object"):
                for raw in self.store.claims_about(list(rec_of), role=role):
                    c = self._claim(raw)
                    if c is None:
                        continue
                    if role == "subject":
                        side = "literals" if c.object is None else "out"
                        sides[side].setdefault(c.subject, []).append(c)
                    else:
                        assert c.object is not None
                        sides["inn"].setdefault(c.object, []).append(c)
            for e in todo:
                dict.__setitem__(self.out, e, sides["out"].get(e, []))
                dict.__setitem__(self.literals, e, sides["literals"].get(e, []))
                dict.__setitem__(self.inn, e, sides["inn"].get(e, []))
                self._loaded.add(e)
                self._loaded_in.add(e)

    def _load_all(self) -> None:
        with self._lock:
            if self._all_loaded:
                return
            out: dict[str, list[Claim]] = defaultdict(list)
            inn: dict[str, list[Claim]] = defaultdict(list)
            lit: dict[str, list[Claim]] = defaultdict(list)
            for raw in self.store.iter_claims():
                c = self._claim(raw)
                if c is None:
                    continue
                if c.object is None:
                    lit[c.subject].append(c)
                else:
                    out[c.subject].append(c)
                    inn[c.object].append(c)
            # Set every key (never clear first): a reader in another thread sees, for each entity, the
            # list it had or the same claims read again, never an empty side.
            for side, data in ((self.out, out), (self.inn, inn), (self.literals, lit)):
                for k in self.nodes:
                    dict.__setitem__(side, k, data.get(k, []))
            self._all_loaded = True

    def forget(self, eids: Iterable[str]) -> None:
        """Drop what was read about these entities (after a write that touched them)."""
        with self._lock:
            if self._all_loaded:
                self._all_loaded = False
                for side in (self.out, self.inn, self.literals):
                    dict.clear(side)
                self._loaded.clear()
                self._loaded_in.clear()
            eids = set(eids)
            for e in eids:
                self._loaded.discard(e)
                self._loaded_in.discard(e)
                for side in (self.out, self.inn, self.literals):
                    dict.pop(side, e, None)
                # a claim is kept under its subject's and its object's entries: both ends are touched
                for kept in (*self._partial.values(), *self._links.values()):
                    kept.pop(e, None)
            self._issuer.clear()

    def prime_issuers(self, sources: Iterable[str], secondary: set[str | None]) -> None:
        """Find the issuers of many sources in one read (a chain step's claims cite several)."""
        with self._lock:
            todo = [s for s in dict.fromkeys(sources) if s not in self._issuer]
            if not todo:
                return
            found: dict[str, set[str]] = {s: set() for s in todo}
            for sid, assertor, date, basis in self.store.source_assertors(todo):
                if (
                    self.as_of is not None
                    and basis != "reference_data"
                    and (date is None or earliest(date) > cutoff(self.as_of))
                ):
                    continue
                a = self.canon.get(assertor, assertor)
                if self.assertor_types.get(a) not in secondary:
                    found[sid].add(a)
            for sid, a in found.items():
                self._issuer[sid] = next(iter(a)) if len(a) == 1 else None

    def issuer(self, source: str, secondary: set[str | None]) -> str | None:
        """The one primary assertor that cites `source` for its own statements (None if none or several)."""
        with self._lock:
            if source not in self._issuer:
                self.prime_issuers([source], secondary)
            return self._issuer[source]


@dataclass
class GraphIndex:
    """What a read model keeps in memory for every question: entity kinds and names, assertor types
    and the merge map (no claims; codes and source dates are read per key when asked for)."""

    nodes: dict[str, tuple[str, str]]
    assertor_types: dict[str, str]
    canon: dict[str, str]
    members: dict[str, list[str]]
    records: dict[str, tuple[str, str]]  # every record, merged or not: id -> (kind, name)

    @classmethod
    def read(cls, store: Store) -> GraphIndex:
        canon = store.canonical_map()
        kinds = store.entity_kinds()
        members: dict[str, list[str]] = defaultdict(list)
        for rec, can in sorted(canon.items()):
            members[can].append(rec)
        return cls({k: v for k, v in kinds.items() if k not in canon}, store.assertor_types(), canon, members, kinds)
