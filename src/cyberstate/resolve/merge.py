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

Merging is constrained clustering, not transitive closure. Cannot-link constraints hold for whole
entities, whatever chain of links would join them:
- a negated `same_as` (an analyst's `unmerge`) between two of their records;
- two different ATT&CK ids (APT17 G0025 and APT41 G0096 are two groups for MITRE);
- two different designators of one naming scheme as records' own names (APT30 and APT31, two
  Microsoft weather names, two UNC numbers, two CrowdStrike pandas): a vendor gives one group one name
  in its scheme (schemes from data/reference/naming-conventions.yaml), and, through a chain of listings,
  two designators each established on one side (resolve/schemes.py); ATT&CK listing both under one group
  lifts it;
- two groups a naming table's source says are related, not one (Secureworks' COBALT MIRAGE, "thought
  linked" to COBALT ILLUSION);
- two different countries of attribution.
Links are applied strongest first; a link that would break a constraint is refused and kept as a
conflict with the evidence on each side, so the records stay apart and the weaker chain gives way. An
analyst's `merge` overrides the id, scheme and country constraints (never an `unmerge`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from cyberstate.ingest import naming
from cyberstate.model import Claim, Entity, Source
from cyberstate.model.names import norm
from cyberstate.model.vocab import MATCH_CLASS, Status
from cyberstate.resolve import schemes
from cyberstate.store.base import NameHit
from cyberstate.store.sqlite import SQLiteStore

NAME_ORIGIN = "merge:name"
#: Conflicts from a refused link are stored beside name conflicts, keyed by this prefix and the claim id.
LINK_PREFIX = "link:"
#: Kinds whose records never merge with others by facets (countries are places, assertors are people).
NO_FACETS = {"country", "province", "city", "sector"}
GROUP_KINDS = {"threat_group", "operation"}
MATCHER = "cyberstate-matcher"
MATCHER_SOURCE = "cyberstate-name-matching"
ANALYST = "analyst"
ANALYST_SOURCE = "analyst-decisions"
ANALYST_ORIGIN = "analyst"
MIN_CONFIDENCE = 50
#: The confidence of a name link between two records whose own name it is.
OWN_NAME = 80

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


#: The origin of a vendor naming table's related_to claims (ingest/galaxy.py, vendor_reference).
VENDOR_RELATION = "misp-galaxy:vendor-names"
#: Facets that are not designators of a naming scheme: one value per entity, no exception.
PLAIN_FACETS = {"ATT&CK ids", "countries", "Microsoft actors"}
#: Constraint facets: an entity may carry at most one value of each (one ATT&CK id, one country, one
#: designator per naming scheme).
Facets = dict[str, dict[str, set[str]]]  # facet -> value -> records carrying it


class _UF:
    """Union-find with cannot-link pairs and one-value facets checked on every union."""

    def __init__(
        self,
        cannot: Iterable[tuple[str, str]],
        facets: dict[str, dict[str, str]] | None = None,
        scheme_names: schemes.Schemes | None = None,
        kept_apart: dict[frozenset[str], str] | None = None,
    ) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.cannot: dict[str, set[str]] = defaultdict(set)
        self.kept_apart = kept_apart or {}  # pairs a source keeps apart -> why (an analyst merge overrides)
        for a, b in [*cannot, *(tuple(p) for p in self.kept_apart)]:
            self.cannot[a].add(b)
            self.cannot[b].add(a)
        self.record_facets = facets or {}  # record -> facet -> value
        self.facets: dict[str, Facets] = {}  # root -> facet -> value -> records
        self.schemes = scheme_names  # every name's designators, for chains of listings (resolve/schemes.py)
        self.why = ""

    def facets_of(self, root: str) -> Facets:
        if root not in self.facets:
            out: Facets = {}
            for f, v in self.record_facets.get(root, {}).items():
                out.setdefault(f, {}).setdefault(v, set()).add(root)
            self.facets[root] = out
        return self.facets[root]

    def clash(self, a: str, b: str) -> str:
        """Why two entities (roots) may not be one, or "" if they may."""
        ma, mb = self.members[a], self.members[b]
        for x in ma:
            hit = self.cannot[x] & mb
            if hit:
                y = sorted(hit)[0]
                return self.kept_apart.get(frozenset((x, y))) or f"an analyst unmerged {x} and {y}"
        fa, fb = self.facets_of(a), self.facets_of(b)
        for f in sorted(set(fa) & set(fb)):
            va, vb = set(fa[f]), set(fb[f])
            # designators of one scheme that ATT&CK lists under one group are no conflict (schemes.apart)
            plain = f in PLAIN_FACETS
            if (plain and (va != vb or len(va) > 1)) or (not plain and schemes.apart(f, va, vb)):
                return f"different {f}: {', '.join(sorted(va))} / {', '.join(sorted(vb))}"
        if self.schemes is not None and a in self.schemes.held and b in self.schemes.held:
            return self.schemes.clash(self.schemes.held[a], self.schemes.held[b])
        return ""

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        self.members.setdefault(x, {x})
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str, *, override: bool = False) -> bool:
        """Join the entities of a and b unless a constraint forbids it (`override`: only unmerges count);
        the reason for a refusal is left in `self.why`."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ma, mb = self.members[ra], self.members[rb]
        if len(ma) > len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        why = self.clash(ra, rb)
        if why and not (override and not why.startswith("an analyst")):
            self.why = why
            return False
        fa, fb = self.facets_of(ra), self.facets_of(rb)
        for f, vals in fa.items():
            for v, recs in vals.items():
                fb.setdefault(f, {}).setdefault(v, set()).update(recs)
        del self.facets[ra]
        if self.schemes is not None and ra in self.schemes.held:
            self.schemes.held.setdefault(rb, schemes.Held()).absorb(self.schemes.held.pop(ra))
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
    refused_why: dict[str, str] = field(default_factory=dict)  # claim id -> the constraint
    refused_note: dict[str, str] = field(default_factory=dict)  # claim id -> what the link said

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


def _priority(eid: str, attrs: dict[str, Any]) -> tuple[int, int, str]:
    """Which record comes first (names a merged entity, anchors a shared name): a curated record first,
    then the record of the most general cluster (importers store `priority` in attrs), then a record
    extraction proposed and nobody reviewed. A proposal has no import priority either, but it is no
    curated record: the DOJ proposed from a galaxy description as 'U.S. Department of Justice' is the
    curated us-doj, not the other way round (named by the proposal, the entity was a candidate and left
    out of the STIX export)."""
    prio = int(attrs.get("priority", 0))
    tier = 2 if attrs.get("status") == Status.CANDIDATE else 0 if prio == 0 else 1
    return (tier, prio, eid)


def designators(name: str, vendor: str | None = None) -> dict[str, str]:
    """The naming schemes (of `vendor`, or any) a group's own name is a designator of: scheme -> the
    designator, normalised ("APT 30" and "APT30" are one)."""
    out: dict[str, str] = {}
    for c in naming.conventions():
        if (vendor is None or c.vendor == vendor) and c.pattern.search(name.strip()):
            out[f"{c.vendor} names ({c.meaning})"] = naming.designator_value(name)
    return out


def vendors(attrs: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The vendor whose own names a record's cluster holds (Microsoft's clusters, ATT&CK's...)."""
    from cyberstate.ingest.galaxy import CLUSTERS

    out: dict[str, str] = {}
    for eid, a in attrs.items():
        if a.get("naming_vendor"):
            out[eid] = str(a["naming_vendor"])
        for key in a.get("galaxy") or {}:
            spec = CLUSTERS.get(key)
            if spec is not None and spec.naming_vendor:
                out[eid] = spec.naming_vendor
    return out


def own_scheme_names(hits: Iterable[NameHit], vendor_of: dict[str, str]) -> dict[str, dict[str, str]]:
    """Designators a vendor's own record lists in that vendor's schemes: Microsoft's Brass Typhoon lists
    its previous name BARIUM, so it is BARIUM in Microsoft's element scheme. A record listing two names
    of one scheme (two DEV numbers) is left without a designator there."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    clashing: set[tuple[str, str]] = set()
    for h in hits:
        v = vendor_of.get(h.entity_id)
        if not v or h.is_primary or h.origin != f"{v} (naming convention)":
            continue
        for scheme, value in designators(h.name, vendor=v).items():
            have = out[h.entity_id].setdefault(scheme, value)
            if have != value:
                clashing.add((h.entity_id, scheme))
    for eid, scheme in clashing:
        out[eid].pop(scheme, None)
    return out


def actors_of(actors: Iterable[Any]) -> dict[str, str]:
    """Microsoft's actor for each of its own names in its table's rows (`reference.Actor`), current and previous
    (Storm-0558 is Antique Typhoon, ZIRCONIUM is Violet Typhoon). A row's name is its own actor, except a name
    whose row lists no other name and which exactly one other row lists: that row named it (Neva Flood's row lists
    Storm-1516, whose own row of 2024 stayed, empty). A name listed by two rows goes to the first."""
    actors = list(actors)
    out: dict[str, str] = {norm(a.name): a.name for a in actors}
    empty = {norm(a.name) for a in actors if not a.other_names}
    listers: dict[str, list[str]] = defaultdict(list)  # in the table's order
    for a in actors:
        for n in a.other_names:
            c = naming.coined_by(n)
            if c is not None and c.vendor == "Microsoft" and norm(n) != norm(a.name):
                listers[norm(n)].append(a.name)
    for key, rows in listers.items():
        if key not in out or (key in empty and len(set(rows)) == 1):
            out[key] = rows[0]
    return out


@lru_cache(maxsize=1)
def _microsoft_actors() -> dict[str, str]:
    """`actors_of` Microsoft's published mapping (data/reference)."""
    from cyberstate.ingest import reference

    return actors_of(reference.microsoft_actors()[1])


def microsoft_actor(name: str) -> str | None:
    """The Microsoft actor a record of Microsoft's names is: two records that are two of Microsoft's actors
    (Periwinkle Tempest and Storm-0230, which Microsoft lists side by side) are two groups for Microsoft. A name
    absent from Microsoft's current mapping (Camouflage Tempest, PARINACOTA: names Microsoft retired) is no actor
    Microsoft now tells apart from another, so it gives none (None) and joins as its other names let it."""
    return _microsoft_actors().get(norm(name))


def facets(
    kinds: dict[str, tuple[str, str]],
    attrs: dict[str, dict[str, Any]],
    countries: dict[str, str],
    revoked: set[str],
    listed: dict[str, dict[str, str]] | None = None,
    vendor_of: dict[str, str] | None = None,
) -> dict[str, dict[str, str]]:
    """Each record's one-value facets: its ATT&CK id, its country, its designator in each naming scheme
    (its own name's, and those its vendor's own record lists, `listed`)."""
    out: dict[str, dict[str, str]] = {}
    listed = listed or {}
    for eid, (kind, name) in kinds.items():
        if kind in NO_FACETS:
            continue
        f: dict[str, str] = {}
        a = attrs.get(eid, {})
        if a.get("attack_id") and eid not in revoked and not a.get("attack_revoked"):
            f["ATT&CK ids"] = str(a["attack_id"])
        if eid in countries:
            f["countries"] = countries[eid]
        if kind in GROUP_KINDS:
            for scheme, value in (listed.get(eid) or {}).items():
                f.setdefault(scheme, value)
            f.update(designators(name))
            if (vendor_of or {}).get(eid) == "Microsoft" and (actor := microsoft_actor(name)) is not None:
                f["Microsoft actors"] = actor
        if f:
            out[eid] = f
    return out


def name_keys(name: str, own: bool) -> dict[str, bool]:
    """The keys a record's name matches others by (`naming.name_key`), each with whether it is only the
    record's own name (`own`) without its trailing qualifier ("National Cyber Security Centre (New
    Zealand)"). Two-letter keys ("CN", "AS") are codes, not names: they match nothing. (An importer uses
    this to tell whether new records can join anything: the rule is this one.)"""
    keys = {naming.name_key(name): False}
    if own and name.rstrip().endswith(")"):  # what _QUALIFIER needs, tested first: most names have none
        keys.setdefault(naming.name_key(_QUALIFIER.sub("", name)), True)
    return {k: b for k, b in keys.items() if len(k) >= 3}


def _mixes(own_roots: dict[tuple[str, str], set[str]], keys: set[str], cls: str, beside: set[str]) -> bool:
    """Whether a record with these name keys lists the own name of a group other than those in `beside`
    (its own and the one a listed name would join it to): a list mixing two groups' names says less of either."""
    return any(own_roots.get((cls, k), set()) - beside for k in keys)


def _is_analyst(c: Claim) -> bool:
    return c.assertor == ANALYST or c.origin == ANALYST_ORIGIN


def compute(store: SQLiteStore) -> MergeResult:
    kinds = store.entity_kinds()
    attrs = store.entity_attrs()
    # only the predicates merges read (links and the paths to a country), in the store's order: a bulk
    # import of uses/targets relationships should not build every claim it has just written
    all_claims = sorted(
        (c for p in sorted(COUNTRY_PATH | {"same_as"}) for c in store.iter_claims(predicate=p)),
        key=lambda c: (c.subject, c.predicate, c.object or "", c.id),
    )
    links = [c for c in all_claims if c.predicate == "same_as" and c.object and c.origin != NAME_ORIGIN]
    cannot = [(c.subject, c.object) for c in links if c.negated and c.object]
    countries = _countries(store, kinds, attrs, all_claims)
    revoked = {c.subject for c in links if not c.negated and "revoked-by" in (c.note or "")}
    hits = list(store.iter_names())
    vendor_of = vendors(attrs)
    owner_listed = own_scheme_names(hits, vendor_of)
    held = schemes.build(hits, kinds, GROUP_KINDS, owner_listed)
    held.title = _titles(store)
    one_value = facets(kinds, attrs, countries, revoked, owner_listed, vendor_of)
    uf = _UF(cannot, one_value, held, _related_by_coiner(store, kinds))
    result = MergeResult(mapping={})
    for c in sorted(
        (c for c in links if not c.negated and c.confidence >= MIN_CONFIDENCE), key=lambda c: (-c.confidence, c.id)
    ):
        assert c.object is not None
        if not uf.union(c.subject, c.object, override=_is_analyst(c)):
            result.refused.append((c.subject, c.object, c.id))
            result.refused_why[c.id] = uf.why
            result.refused_note[c.id] = c.note or c.origin or ""
    sources = store.first_sources()

    # every name of a mergeable record, once: (match class, key, record, is it the record's own name)
    entries: list[tuple[str, str, str, bool]] = []
    derived: set[tuple[str, str, str]] = set()  # keys a record has only once its qualifier is dropped
    listed_by: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (class, key, record) -> sources listing it
    shown: dict[str, str] = {}
    for hit in hits:
        kind, name = kinds.get(hit.entity_id, ("", ""))
        cls = MATCH_CLASS.get(kind)
        if cls is None or attrs.get(hit.entity_id, {}).get("described"):
            continue  # a description extraction proposed ("the threat actor") is one document's, not a name
        is_primary = hit.name == name
        for key, bare in name_keys(hit.name, is_primary).items():
            if bare:
                derived.add((cls, key, hit.entity_id))
            entries.append((cls, key, hit.entity_id, is_primary))
            shown.setdefault(key, hit.name)
            if not is_primary and hit.source:
                listed_by[(cls, key, hit.entity_id)].add(hit.source)

    keys_of: dict[str, set[str]] = defaultdict(set)  # record -> the keys of its names
    for _cls, key, rec, _p in entries:
        keys_of[rec].add(key)

    def best_record(recs: Iterable[str]) -> str:
        return min(recs, key=lambda m: _priority(m, attrs.get(m, {})))

    # name links, applied round by round until no name joins anything new: a merge made on one name
    # can turn another name's carriers from "several records" into "one entity"
    own_only = True  # a round that joins records by their own names settles before any listed name counts
    for _ in range(12):
        carriers: dict[tuple[str, str], dict[str, dict[str, bool]]] = defaultdict(lambda: defaultdict(dict))
        for cls, key, rec, is_primary in entries:
            slot = carriers[(cls, key)][uf.find(rec)]
            slot[rec] = slot.get(rec, False) or is_primary
        members: dict[str, list[str]] = defaultdict(list)
        for eid in kinds:
            members[uf.find(eid)].append(eid)
        conflicts: list[tuple[str, str, list[str], str]] = []
        links: list[tuple[str, str, int, str]] = []
        own_roots: dict[tuple[str, str], set[str]] = {
            ck: {r for r, recs in rs.items() if any(recs.values())} for ck, rs in carriers.items()
        }

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
            owners = {c for c, rs in by_country.items() if any(any(roots[r].values()) for r in rs)}
            if len(by_country) > 1:
                conflicts.append((key, shown[key], sorted(roots), "the same name in different countries"))
                if len(owners) == 1 and not qualified:
                    # one country's records hold the name as their own (360's Carbanak, UA), the others' only
                    # list it (FIN7's, RU): the owners' country joins as if it were the only one
                    groups = [by_country[next(iter(owners))] + unknown]
                else:
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
                        links.append((anchor_of[r], anchor_of[anchor], OWN_NAME, shown[key]))
                # the records that list another record's own name join it, the constraints permitting;
                # one lister is stronger evidence than several (where one of them may be wrong)
                # a vendor's own record that lists the name is the vendor's mapping of its group (Microsoft's
                # Periwinkle Tempest lists Wizard Spider): stronger than a third party's list
                # and more records of one entity listing the name (ATT&CK's and MISP's Wizard Spider both list
                # Periwinkle Tempest) are more sources saying so than one record listing another name
                # and a record that lists many of an entity's names (MISP's Operation C-Major lists six of
                # Transparent Tribe's) says it is that entity more strongly than one that shares a single name
                # a source that lists the name under several groups contradicts itself: its listing joins
                # none of them (another source's listing still may)
                by_source: dict[str, set[str]] = defaultdict(set)
                for r in syn:
                    for m in roots[r]:
                        for src in listed_by.get((_cls, key, m), ()):
                            by_source[src].add(r)
                split = {src for src, rs in by_source.items() if len(rs) > 1}
                if split:
                    conflicts.append((key, shown[key], sorted(group), "a name one source gives to several groups"))
                for r in syn:
                    says = {src for m in roots[r] for src in listed_by.get((_cls, key, m), ())}
                    if says and says <= split:
                        continue
                    own = [m for m in roots[r] if m in vendor_of]
                    lister = best_record(own or roots[r])
                    shared = sum(1 for k in keys_of[lister] if anchor in carriers[(_cls, k)])
                    clean = sum(1 for m in roots[r] if not _mixes(own_roots, keys_of[m], _cls, {r, anchor}))
                    conf = (70 if len(syn) == 1 else 60) + (5 if own else 0) + min(len(roots[r]) - 1, 4)
                    conf -= min(len(roots[r]) - clean, 4)  # listers that mix groups' names count last
                    conf = min(conf + 3 * min(shared - 1, 5), OWN_NAME - 1)
                    links.append((lister, anchor_of[anchor], conf, shown[key]))
        if own_only:
            # records sharing their own name join first; the names they list are counted once they are one
            first = [x for x in links if x[2] >= OWN_NAME and uf.find(x[0]) != uf.find(x[1])]
            own_only = False
            if first:
                links = first
                own_only = True
        joined = False
        # a name two records both use as their own joins before a name one of them only lists: the
        # stronger evidence claims the entity first, and a weaker chain that would break a constraint gives way
        links.sort(key=lambda x: -x[2])
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
            elif claim.id not in result.refused_why:
                # the first refusal's reason is kept: a later round refuses the same name match again
                result.refused.append((a, b, claim.id))
                result.refused_why[claim.id] = uf.why
                result.refused_note[claim.id] = claim.note or ""
        # a key only our qualifier-stripping produced is no name anybody uses: no conflict to report
        by_key: dict[str, list[tuple[str, dict[str, dict[str, bool]]]]] = defaultdict(list)
        for (cls, k), roots in carriers.items():  # speed only: each conflict reads its own key's carriers
            by_key[k].append((cls, roots))
        result.conflicts = [cf for cf in conflicts if _real(cf[0], by_key.get(cf[0], []), derived)]
        if not joined and not own_only:
            break
        own_only = joined and own_only

    # the merged entity of each component is named by its best record: a curated record, else the name
    # most of its records have as their own (Turla, not the White Bear one cluster lists), then priority
    own = {eid: naming.name_key(name) for eid, (_k, name) in kinds.items()}

    def rank(m: str, ms: list[str]) -> tuple[int, int, int, str]:
        users = sum(1 for x in ms if own[x] == own[m])  # records whose own name it is
        tier, prio, eid = _priority(m, attrs.get(m, {}))
        return (tier, -users, prio, eid)

    for ms in _components(uf, kinds).values():
        best = ms[0] if len(ms) == 1 else min(ms, key=lambda m, ms=ms: rank(m, ms))
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
    # links a constraint refused: the records stay apart; one conflict per pair of entities
    pairs: dict[tuple[str, ...], tuple[str, str, list[str], str]] = {}
    for a, b, cid in result.refused:
        ea, eb = canon.get(a, a), canon.get(b, b)
        if ea == eb:
            continue
        key = tuple(sorted((ea, eb)))
        label = f"{kinds[a][1]} = {kinds[b][1]}"
        reason = f"{result.refused_why.get(cid, '')} (link: {result.refused_note.get(cid, '')}; claim {cid})"
        if key not in pairs:
            pairs[key] = (f"{LINK_PREFIX}{cid}", label, sorted(key), reason)
    result.conflicts += sorted(pairs.values())
    return result


def _related_by_coiner(store: SQLiteStore, kinds: dict[str, tuple[str, str]]) -> dict[frozenset[str], str]:
    """Pairs of groups a vendor's naming table says are related, not one: the vendor that names a group
    and says it is "thought linked" to another (Secureworks' COBALT MIRAGE and COBALT ILLUSION), or
    that another "has a relationship with" it, tracks two groups. No chain of other sources' listings
    joins them; an analyst's merge may."""
    out: dict[frozenset[str], str] = {}
    for c in store.iter_claims(predicate="related_to"):
        if c.origin == VENDOR_RELATION and c.object and not c.negated and c.subject != c.object:
            a, b = kinds.get(c.subject, ("", c.subject))[1], kinds.get(c.object, ("", c.object))[1]
            out[frozenset((c.subject, c.object))] = f"the source that names {a} says it is related to {b}, not one"
    return out


def _titles(store: SQLiteStore) -> Callable[[str], str]:
    """A source's title, to say in a refused link's reason who listed a name (looked up when needed)."""

    @cache
    def title(source_id: str) -> str:
        s = store.get_source(source_id)
        return s.title if s is not None and s.title else source_id

    return title


def _real(key: str, carriers: list[tuple[str, dict[str, dict[str, bool]]]], derived: set[tuple[str, str, str]]) -> bool:
    """Whether a conflicting key is a name at least two components really use (not one we derived);
    `carriers`: the classes carrying the key, and the records of each component that carry it."""
    for cls, roots in carriers:
        real = [r for r, recs in roots.items() if not all((cls, key, m) in derived for m in recs)]
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
