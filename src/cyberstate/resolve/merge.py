"""Merging records into entities, from claims, explainably and reversibly.

Records stay as they were imported (a curated APT31, the galaxy's threat-actor APT31, Microsoft's
ZIRCONIUM, ATT&CK's G0128...). What joins them is a set of `same_as` claims, each with an origin and a
confidence: the galaxy's own links (`related: similar`, shared ATT&CK ids), curated or analyst
statements, and exact name matches that this module infers and records as claims of its own. The merged
entity is a connected component of those claims, computed anew after every load or import.

Name matches follow one rule, to avoid the failure of tools that merge any two records sharing an alias
(Salt Typhoon and Earth Estries): a name joins two records only when it is the primary name of at least
one of them, and then only if it is carried by exactly two components, or by several that all use it
as their primary name. A name that several components carry only as a synonym, or that one names and
two others list, joins nothing: it is recorded as a conflict, and `resolve` returns every candidate.
Records whose countries are known and differ (the Ministry of State Security of China and of North
Korea) are never joined by a name.

A negated `same_as` (an analyst's `unmerge`) is a cannot-link: no chain of links may put the two records
in one entity. Links are applied strongest first, so the weakest link gives way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cyberstate.model import Claim, Entity, Source
from cyberstate.model.names import norm
from cyberstate.model.vocab import MATCH_CLASS
from cyberstate.store.sqlite import SQLiteStore

NAME_ORIGIN = "merge:name"
MATCHER = "cyberstate-matcher"
MATCHER_SOURCE = "cyberstate-name-matching"
ANALYST = "analyst"
ANALYST_SOURCE = "analyst-decisions"
ANALYST_ORIGIN = "analyst"
MIN_CONFIDENCE = 50

#: Predicates that carry an entity up to its state, to know the country of a curated record.
COUNTRY_PATH = {"attributed_to", "operated_by", "subordinate_to", "located_in", "part_of", "front_company_for"}
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


def helper_records() -> tuple[list[Source], list[Entity]]:
    """The sources and assertors behind inferred and analyst links."""
    sources = [
        Source(
            MATCHER_SOURCE,
            title="Equivalences cyberstate infers from exact, unambiguous name matches",
            kind="inference",
        ),
        Source(
            ANALYST_SOURCE,
            title="Merge and unmerge decisions recorded by the analyst of this knowledge base",
            kind="analyst_decision",
        ),
    ]
    entities = [
        Entity(MATCHER, "system", "cyberstate name matching", sources=(MATCHER_SOURCE,), assertor_type="automated"),
        Entity(ANALYST, "person", "Analyst (local user)", sources=(ANALYST_SOURCE,), assertor_type="analyst"),
    ]
    return sources, entities


class _UF:
    """Union-find with cannot-link pairs checked on every union."""

    def __init__(self, cannot: Iterable[tuple[str, str]]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.cannot: dict[str, set[str]] = defaultdict(set)
        for a, b in cannot:
            self.cannot[a].add(b)
            self.cannot[b].add(a)

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        self.members.setdefault(x, {x})
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ma, mb = self.members[ra], self.members[rb]
        if len(ma) > len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        if any(self.cannot[x] & mb for x in ma):
            return False
        self.parent[ra] = rb
        mb |= ma
        del self.members[ra]
        return True


@dataclass
class MergeResult:
    mapping: dict[str, str]  # record -> merged entity, for every record
    name_claims: list[Claim] = field(default_factory=list)
    conflicts: list[tuple[str, str, list[str], str]] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # links a cannot-link blocked

    def summary(self) -> dict[str, int]:
        merged = defaultdict(int)
        for rec, can in self.mapping.items():
            if rec != can:
                merged[can] += 1
        return {
            "merged_records": sum(merged.values()),
            "merged_entities": len(merged),
            "name_links": len(self.name_claims),
            "conflicts": len(self.conflicts),
            "refused_links": len(self.refused),
        }


def _countries(
    store: SQLiteStore, kinds: dict[str, tuple[str, str]], attrs: dict[str, dict[str, Any]], claims: list[Claim]
) -> dict[str, str]:
    """The ISO code of each record's country: stated on the record, or reached by its upward links."""
    codes = {eid: a["code"] for eid, a in attrs.items() if kinds.get(eid, ("",))[0] == "country" and "code" in a}
    up: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        if c.predicate in COUNTRY_PATH and c.object and not c.negated:
            up[c.subject].append(c.object)
    out: dict[str, str] = {}
    for eid in kinds:
        if "country" in attrs.get(eid, {}):
            out[eid] = attrs[eid]["country"]
            continue
        frontier, seen = [eid], {eid}
        for _ in range(5):
            nxt = []
            for n in frontier:
                for o in up.get(n, ()):
                    if o in codes:
                        out[eid] = codes[o]
                        break
                    if o not in seen:
                        seen.add(o)
                        nxt.append(o)
                if eid in out:
                    break
            if eid in out or not nxt:
                break
            frontier = nxt
    return out


def _priority(eid: str, attrs: dict[str, Any]) -> tuple[int, str]:
    """Which record names a merged entity: a curated record (no import priority) first, then the record
    of the most general cluster (importers store `priority` in attrs)."""
    return (int(attrs.get("priority", 0)), eid)


def compute(store: SQLiteStore) -> MergeResult:
    kinds = store.entity_kinds()
    attrs = store.entity_attrs()
    all_claims = list(store.iter_claims())
    links = [c for c in all_claims if c.predicate == "same_as" and c.object and c.origin != NAME_ORIGIN]
    cannot = [(c.subject, c.object) for c in links if c.negated and c.object]
    uf = _UF(cannot)
    result = MergeResult(mapping={})
    for c in sorted(
        (c for c in links if not c.negated and c.confidence >= MIN_CONFIDENCE), key=lambda c: (-c.confidence, c.id)
    ):
        assert c.object is not None
        if not uf.union(c.subject, c.object):
            result.refused.append((c.subject, c.object, c.id))
    countries = _countries(store, kinds, attrs, all_claims)
    sources = store.first_sources()

    # every name of a mergeable record, once: (match class, key, record, is it the record's own name)
    entries: list[tuple[str, str, str, bool]] = []
    derived: set[tuple[str, str, str]] = set()  # keys a record has only once its qualifier is dropped
    shown: dict[str, str] = {}
    for hit in store.iter_names():
        kind, name = kinds.get(hit.entity_id, ("", ""))
        cls = MATCH_CLASS.get(kind)
        if cls is None:
            continue
        is_primary = hit.name == name
        keys = {norm(hit.name)}
        if is_primary:
            bare = norm(_QUALIFIER.sub("", hit.name))
            if bare not in keys:
                keys.add(bare)
                derived.add((cls, bare, hit.entity_id))
        for key in keys:
            if len(key) >= 3:  # two-letter keys ("CN", "AS") are codes, not names
                entries.append((cls, key, hit.entity_id, is_primary))
                shown.setdefault(key, hit.name)

    def best_record(recs: Iterable[str]) -> str:
        return min(recs, key=lambda m: _priority(m, attrs.get(m, {})))

    # name links, applied round by round until no name joins anything new: a merge made on one name
    # can turn another name's carriers from "several records" into "one entity"
    for _ in range(8):
        carriers: dict[tuple[str, str], dict[str, dict[str, bool]]] = defaultdict(lambda: defaultdict(dict))
        for cls, key, rec, is_primary in entries:
            slot = carriers[(cls, key)][uf.find(rec)]
            slot[rec] = slot.get(rec, False) or is_primary
        members: dict[str, list[str]] = defaultdict(list)
        for eid in kinds:
            members[uf.find(eid)].append(eid)
        conflicts: list[tuple[str, str, list[str], str]] = []
        links: list[tuple[str, str, int, str]] = []
        for (_cls, key), roots in sorted(carriers.items()):
            if len(roots) < 2:
                continue
            by_country: dict[str, list[str]] = defaultdict(list)
            unknown: list[str] = []
            mixed: list[str] = []  # already tied to several countries: joins nothing more by name
            for r in roots:
                cs = {countries[m] for m in members[r] if m in countries}
                if len(cs) == 1:
                    by_country[next(iter(cs))].append(r)
                else:
                    (unknown if not cs else mixed).append(r)
            if mixed:
                conflicts.append((key, shown[key], sorted(roots), "a record already tied to several countries"))
            qualified = any(all((_cls, key, m) in derived for m in roots[r]) for r in roots)
            if len(by_country) > 1:
                conflicts.append((key, shown[key], sorted(roots), "the same name in different countries"))
                groups = list(by_country.values())  # records of unknown country stay apart
            elif qualified and unknown:
                # "National Cyber Security Centre (New Zealand)" names one country's body: it does not join
                # a record of that name whose country is unknown
                conflicts.append(
                    (key, shown[key], sorted(roots), "a country-qualified name and a record of unknown country")
                )
                groups = list(by_country.values())
            else:
                groups = [[r for rs in by_country.values() for r in rs] + unknown]
            for group in groups:
                if len(group) < 2:
                    continue
                prim = [r for r in group if any(roots[r].values())]
                syn = [r for r in group if r not in prim]
                if not prim:
                    conflicts.append((key, shown[key], sorted(group), "a synonym shared by different records"))
                    continue
                anchor_of = {r: best_record(m for m, p in roots[r].items() if p) for r in prim}
                anchor = min(prim, key=lambda r: _priority(anchor_of[r], attrs.get(anchor_of[r], {})))
                for r in prim:
                    if r != anchor:
                        links.append((anchor_of[r], anchor_of[anchor], 80, shown[key]))
                if len(syn) == 1:
                    links.append((best_record(roots[syn[0]]), anchor_of[anchor], 70, shown[key]))
                elif syn:
                    conflicts.append(
                        (
                            key,
                            shown[key],
                            sorted([*syn, anchor]),
                            "listed as a synonym by several records that nothing else links",
                        )
                    )
        joined = False
        for a, b, conf, name in links:
            if uf.find(a) == uf.find(b):
                continue
            claim = Claim(
                subject=a,
                predicate="same_as",
                object=b,
                sources=tuple(dict.fromkeys(x for x in (sources.get(a), sources.get(b), MATCHER_SOURCE) if x)),
                assertor=MATCHER,
                basis="inference",
                confidence=conf,
                origin=NAME_ORIGIN,
                note=f"exact name match on {name!r}",
            )
            if uf.union(a, b):
                joined = True
                result.name_claims.append(claim)
            else:
                result.refused.append((a, b, claim.id))
        # a key only our qualifier-stripping produced is no name anybody uses: no conflict to report
        result.conflicts = [cf for cf in conflicts if _real(cf[0], carriers, derived)]
        if not joined:
            break

    # the merged entity of each component is named by its best record
    for ms in _components(uf, kinds).values():
        best = min(ms, key=lambda m: _priority(m, attrs.get(m, {})))
        for m in ms:
            result.mapping[m] = best
    canon = result.mapping
    combined: dict[str, tuple[str, set[str], list[str]]] = {}
    for key, name, roots, reason in result.conflicts:
        ents = {canon.get(r, r) for r in roots}
        if len(ents) < 2:
            continue
        _, have, reasons = combined.setdefault(key, (name, set(), []))
        have |= ents
        if reason not in reasons:
            reasons.append(reason)
    result.conflicts = [(k, n, sorted(ids), "; ".join(rs)) for k, (n, ids, rs) in sorted(combined.items())]
    return result


def _real(
    key: str, carriers: dict[tuple[str, str], dict[str, dict[str, bool]]], derived: set[tuple[str, str, str]]
) -> bool:
    """Whether a conflicting key is a name at least two components really use (not one we derived)."""
    for (cls, k), roots in carriers.items():
        if k == key:
            real = [r for r, recs in roots.items() if not all((cls, k, m) in derived for m in recs)]
            if len(real) > 1:
                return True
    return False


def _components(uf: _UF, kinds: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for eid in kinds:
        out[uf.find(eid)].append(eid)
    return out


def recompute(store: SQLiteStore) -> dict[str, int]:
    """Recompute merges and store them with the name-match claims, in one transaction."""
    with store.transaction():
        sources, entities = helper_records()
        for s in sources:
            store.put_source(s)
        for e in entities:
            if store.get_entity(e.id) is None:
                store.put_entity(e)
        result = compute(store)
        keep = set()
        for c in result.name_claims:
            store.put_claim(c)
            keep.add(c.id)
        store.retract_claims(NAME_ORIGIN, keep)
        store.set_merges(result.mapping, result.conflicts)
    return result.summary()
