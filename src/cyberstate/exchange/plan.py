"""What every export decides before writing: which entities go out, at which marking, since when
they are known, and which country each place lies in. One pass over the claims.

An entity's marking is its own (the level its record came with, TLP:CLEAR when none), raised to the least
restrictive marking of the claims naming it (`vocab.entity_marking`), so an entity known only from TLP:AMBER
claims does not leak into a TLP:GREEN export; a claim's is its own raised to its ends' own markings
(`vocab.claim_marking`), so a claim never names an entity more restricted than itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from cyberstate.exchange import stixmap as m
from cyberstate.model import Claim
from cyberstate.model.vocab import claim_marking, entity_marking, shareable
from cyberstate.service import Service
from cyberstate.store.base import ClaimParts, ClaimRow


class Plan:
    """What one pass over the claims decides before anything is written: which entities go out, at which
    marking, since when they are known, and which country each place lies in."""

    def __init__(
        self,
        svc: Service,
        claims: Iterable[Claim] | Iterable[ClaimRow] | ClaimParts,  # the pass reads what they share
        marking_max: str | None,
        selected: set[str] | None,
    ) -> None:
        index = svc.index()
        unreviewed = svc.unreviewed_entities()
        self.kinds = {k: v for k, v in index.nodes.items() if k not in unreviewed}  # id -> (kind, name)
        self.codes = {index.canon.get(k, k): v for k, v in svc.store.entity_codes().items()}
        #: the level the export is limited to (TLP:RED without --marking-max); an object goes out when
        #: `vocab.shareable` at it, which the loops test as a comparison of ranks
        self.limit = marking_max or m.MARKING_ORDER[-1]
        self.max_rank = m.MARKING_RANK[self.limit]
        #: the entities whose records carry a TLP level of their own (most carry none)
        self.own: dict[str, str] = {k: v for k, v in svc.entity_markings().items() if m.MARKING_RANK[v]}
        own = self.own
        self.rank: dict[str, int] = {}
        self.first: dict[str, str] = {}
        self._stamps: dict[str, str] = {}
        self.parents: dict[str, list[str]] = defaultdict(list)
        wanted: set[str] = set(selected or ())
        oldest = ""
        # one pass over every claim of the export: the loop reads what it needs into locals. The claims come
        # ordered by subject, so a subject's least rank and first record date are kept in locals while its
        # claims follow one another and entered once when the subject changes (`s_rank`, `s_first`); an
        # object's go to the dicts at once. Both are minima, so the order of entering them does not matter
        rank_of, rank, first, parents, max_rank = m.MARKING_RANK, self.rank, self.first, self.parents, self.max_rank
        current: str | None = None
        s_rank, s_first = 99, ""
        for marking, subject, obj, recorded, predicate, negated, assertor in _facts(claims):
            if own and (subject in own or obj in own or assertor in own):
                marking = self.claim_marking(marking, subject, obj, assertor)
            r = rank_of[marking]
            if subject != current:
                if current is not None:
                    _enter(rank, first, current, s_rank, s_first)
                current, s_rank, s_first = subject, 99, ""
            if r < s_rank:
                s_rank = r
            if obj is not None and r < rank.get(obj, 99):
                rank[obj] = r
            if recorded:
                if not s_first or recorded < s_first:
                    s_first = recorded
                if obj is not None:
                    f = first.get(obj)
                    if f is None or recorded < f:
                        first[obj] = recorded
                if not oldest or recorded < oldest:
                    oldest = recorded
            if obj and predicate == "located_in" and not negated:
                parents[subject].append(obj)
            if selected is not None and r <= max_rank and (subject in selected or obj in selected):
                wanted.update(e for e in (subject, obj, assertor) if e)
        if current is not None:
            _enter(rank, first, current, s_rank, s_first)
        for eid, mark in own.items():
            rank[eid] = rank_of[entity_marking(mark, [m.MARKING_ORDER[rank[eid]]] if eid in rank else [])]
        self.oldest = m.stamp(oldest) if oldest else m.DEFINED
        self.wanted = wanted if selected is not None else None
        self.selected = selected
        # decided once per entity rather than once per claim naming it
        limit, marking = self.limit, self.marking
        self.out: set[str] = {
            e for e in self.kinds if (self.wanted is None or e in self.wanted) and shareable(marking(e), limit)
        }

    def exported(self, eid: str | None) -> bool:
        return eid in self.out

    def marking(self, eid: str) -> str:
        return m.MARKING_ORDER[self.rank.get(eid, 0)]

    def created(self, eid: str) -> str:
        """An entity's STIX `created`: its first claim's record date, else the export's oldest. Stamps are
        kept by date, since thousands of entities share a few hundred dates."""
        first = self.first.get(eid)
        if not first:
            return self.oldest
        try:
            return self._stamps[first]
        except KeyError:
            stamp = self._stamps[first] = m.stamp(first)
            return stamp

    def country(self, eid: str, depth: int = 0) -> str | None:
        """The ISO 3166-1 code of the country a place lies in, through its located_in claims."""
        code = self.codes.get(eid)
        if code:
            return code.split("-")[0]
        if depth > 6:
            return None
        for p in self.parents.get(eid, ()):
            found = self.country(p, depth + 1)
            if found:
                return found
        return None

    def claim_marking(self, marking: str, subject: str, obj: str | None, assertor: str | None) -> str:
        """The level a claim is shared at: its own raised to the own levels of its ends and its assertor
        (`vocab.claim_marking`)."""
        own = self.own
        if not own or (subject not in own and obj not in own and assertor not in own):
            return marking
        return claim_marking(marking, *(own[e] for e in (subject, obj, assertor) if e in own))

    def claim_exported(self, c: Claim) -> bool:
        if not shareable(self.claim_marking(c.marking, c.subject, c.object, c.assertor), self.limit):
            return False
        out = self.out
        if c.subject not in out or (c.object is not None and c.object not in out):
            return False
        return self.selected is None or c.subject in self.selected or c.object in self.selected


def _enter(rank: dict[str, int], first: dict[str, str], eid: str, least: int, earliest: str) -> None:
    """An entity's least rank and earliest record date ('' for none) among a run of claims, entered into the
    plan's dicts where they are below what the dicts hold."""
    if least < rank.get(eid, 99):
        rank[eid] = least
    if earliest:
        f = first.get(eid)
        if f is None or earliest < f:
            first[eid] = earliest


def _facts(claims: Iterable[Claim] | Iterable[ClaimRow] | ClaimParts) -> Iterator[tuple[Any, ...]]:
    """What the plan reads of each claim: (marking, subject, object, recorded, predicate, negated, assertor),
    from Claims or ClaimRows by their names, or from ClaimParts' rows (a plain relationship is not denied; a
    claim that came whole is read from its ClaimRow, and left out where ClaimParts left it out)."""
    if not isinstance(claims, ClaimParts):
        return ((c.marking, c.subject, c.object, c.recorded, c.predicate, c.negated, c.assertor) for c in claims)
    return _part_facts(claims)


def _part_facts(parts: ClaimParts) -> Iterator[tuple[Any, ...]]:
    whole = parts.whole
    for r in parts.rows:
        cid = r[0]
        if cid not in whole:  # a plain relationship, read from the store's row
            yield r[17], r[1], r[3], r[12], r[2], 0, r[5]
        else:
            c = whole[cid]
            if c is not None:
                yield c.marking, c.subject, c.object, c.recorded, c.predicate, c.negated, c.assertor
