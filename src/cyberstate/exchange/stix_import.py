"""STIX 2.1 import: a bundle's objects become entities and claims, with the bundle as their source.

The file is read twice as a stream (`stix_read.BundleReader`), never held whole. The first pass checks
everything that can be checked without writing: every element is an object with a type and an id of
that type, every spec_version is 2.1, every relationship points at an object the bundle holds; it also
keeps the little the second pass needs (each id's kind, the sources). The second pass writes, in one
transaction: a bad object anywhere leaves the store as it was, and the error names the object, its index
and where it starts in the file.

Objects our own export wrote carry the `cyberstate provenance` extension and come back exactly (entity
ids, kinds, every name with its source, claim ids, bases, negations, dates, evidence). Objects from
other tools (OpenCTI, MISP, ATT&CK) are mapped by type: intrusion-set and threat-actor to threat groups,
identity by identity_class, location by its most precise property, campaign, incident, malware, tool,
infrastructure; reports become sources and cite the objects they contain. Relationships between mapped
objects become claims (attributed-to, located-at, targets, uses, related-to to their predicates; a type
or a pair of kinds the vocabulary does not allow becomes linked_to, or is skipped and counted). Objects
the model has no place for (attack patterns, indicators, observables, course of action) are counted and
skipped, and so are revoked objects.

Merges are recomputed after a bundle that brings entities from other tools, so an imported APT31 joins
the one the store knows. A bundle of cyberstate's own holds entities already merged by the store that
exported it; its merge state is kept as it came (a name shared by two exported entities was kept apart
there for a reason the names alone no longer show), until the next `load` or `import` recomputes.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from hashlib import sha256 as _sha256
from pathlib import Path
from typing import Any

from cyberstate.errors import CyberstateError, ImportFormatError, InvalidRecord, VocabularyError
from cyberstate.exchange import stixmap as m
from cyberstate.exchange.stix_read import BundleReader
from cyberstate.model import PREDICATES, Alias, Claim, Entity, Source, Status
from cyberstate.model.dates import parse_date
from cyberstate.model.records import Evidence, check_claim, check_confidence, check_domain_range, claim_id
from cyberstate.model.vocab import MATCH_CLASS, most_restrictive
from cyberstate.resolve import merge
from cyberstate.store.base import BulkWrite
from cyberstate.store.fresh import FreshBuild
from cyberstate.store.sqlite import SQLiteStore, dump_value

_ID = re.compile(
    r"^([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_TYPE = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")


@lru_cache(maxsize=256)
def _type_ok(t: str) -> bool:
    return _TYPE.fullmatch(t) is not None


def _id_of_type(oid: str, t: str) -> bool:
    """Whether `oid` is `t--<uuid>` as `_ID` reads it. `_ID` backtracks through the uuid (its type part
    may hold hyphens and hex digits): 3 µs an object; the usual id is checked piece by piece first."""
    n = len(t)
    usual = len(oid) == n + 38 and oid[n : n + 2] == "--" and oid.startswith(t)
    if usual and _UUID.fullmatch(oid, n + 2) and _type_ok(t):
        return True
    match = _ID.match(oid)
    return match is not None and match.group(1) == t


#: Types that must carry spec_version (SDOs, SROs, SMOs); observables may leave it out.
_VERSIONED = {
    "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator",
    "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data",
    "opinion", "report", "threat-actor", "tool", "vulnerability", "relationship", "sighting",
    "marking-definition", "language-content", "extension-definition",
}  # fmt: skip


#: What `_Writer.claim` answers for an object whose ends are not written yet.
LATER = object()

#: Objects that carry no knowledge of their own: sources are read in the first pass, markings are applied.
_PLUMBING = {"report", "grouping", "marking-definition", "extension-definition", "x-mitre-collection"}


@dataclass
class ImportReport:
    file: str
    bundle: str = ""
    source: str = ""
    objects: int = 0
    entities: int = 0
    claims: int = 0
    sources: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    merges: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "bundle": self.bundle,
            "source": self.source,
            "objects": self.objects,
            "entities": self.entities,
            "claims": self.claims,
            "sources": self.sources,
            "skipped": dict(sorted(self.skipped.items())),
            "merges": self.merges,
        }


def _where(i: int, off: int, obj: Any) -> str:
    ident = obj.get("id") if isinstance(obj, dict) and isinstance(obj.get("id"), str) else None
    return f"object #{i}" + (f" ({ident})" if ident else "") + f" at character {off}"


def _marking(obj: dict[str, Any], defined: dict[str, str | None]) -> str:
    """The TLP level of an object: the most restrictive of the TLP markings its `object_marking_refs` name,
    TLP:CLEAR when it names none. A marking is known by its id (TLP 2.0 and TLP 1.0 as published) or by its
    definition in the bundle (`defined`: a TLP level, or None for a marking that states none, such as a
    statement or PAP); a marking neither names is refused, as the level the object may be shared at is
    then unknown (it was read as TLP:CLEAR, and served in the TLP:CLEAR collection)."""
    refs = obj.get("object_marking_refs")
    if refs.__class__ is list and len(refs) == 1 and refs[0].__class__ is str:
        level = m.MARKING_OF_ID.get(refs[0])  # what an exporter writes: one marking
        if level is not None:
            return level
    if refs is None:
        return _CLEAR
    if refs.__class__ is not list or not all(r.__class__ is str for r in refs):
        raise InvalidRecord(f"object_marking_refs is {refs!r}, not a list of marking-definition ids")
    found = []
    for r in refs:
        level = m.MARKING_OF_ID.get(r)
        if level is None:
            if r not in defined:
                raise InvalidRecord(
                    f"object_marking_refs names {r}, which is neither a TLP marking nor defined in the bundle "
                    "(the level it may be shared at is unknown)"
                )
            level = defined[r]
        if level is not None:
            found.append(level)
    return max(found, key=m.MARKING_RANK.__getitem__) if found else _CLEAR


def _ours(obj: dict[str, Any]) -> dict[str, Any] | None:
    exts = obj.get("extensions")
    if not exts:
        return None  # most objects of other tools
    ext = exts.get(m.PROVENANCE)
    return ext if isinstance(ext, dict) else None


def _date(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


class _Scan:
    """What the first pass learns: each id's entity and kind, the version to keep, the sources."""

    def __init__(self) -> None:
        self.entities: dict[str, tuple[str, str]] = {}  # STIX id -> (entity id, kind)
        self.keep: dict[str, tuple[int, str]] = {}  # STIX id -> (index, modified) of the version kept
        self.sources: dict[str, Source] = {}
        self.contained: dict[str, list[str]] = defaultdict(list)  # object id -> source ids of its reports
        self.refs: list[tuple[int, int, str, str, str]] = []
        self.foreign = 0  # entities from other tools than cyberstate
        #: A byte per object: 1 for those the second pass reads (entities, relationships, notes), 0 for those
        #: it leaves (reports, markings, types skipped).
        self.wanted = bytearray()
        self.other: dict[str, str] = {}  # STIX id -> type, of the objects counted as skipped by type
        #: marking-definition id -> the TLP level it states (None: a marking of another kind), as the bundle
        #: defines them (`stixmap.tlp_of_definition`)
        self.markings: dict[str, str | None] = {}
        #: The decoded objects the second pass writes, kept from the first (index -> (offset, object)), as
        #: long as their text fits in CACHE_CHARS: the second pass decodes only the others (`unread`).
        self.cache: dict[int, tuple[int, Any]] = {}
        self.unread = bytearray()
        #: A byte per object, 1 for those not on a line of their own: a second reading decodes them whatever
        #: it is told (it can pass over an element undecoded only when it fills its line).
        self.nonline = bytearray()


#: How much JSON text (characters) the first pass keeps decoded for the second: decoded objects take about
#: 2.7 times their text in memory (the make-run export and the generated bundle), so at most about 170 MB.
#: A bundle with more to write is decoded again from the file for the rest, as before.
CACHE_CHARS = 64 << 20


def _foreign_source(obj: dict[str, Any]) -> Source:
    refs = [r for r in obj.get("external_references") or () if isinstance(r, dict)]
    url = next((r["url"] for r in refs if isinstance(r.get("url"), str) and r["url"].startswith("http")), None)
    publisher = next((r["source_name"] for r in refs if isinstance(r.get("source_name"), str)), None)
    return Source(
        "stix:" + obj["id"],
        title=obj.get("name") or None,
        publisher=publisher,
        published=_date(obj.get("published")),
        url=url,
        kind="stix_report",
    )


def _source_from_ext(ext: dict[str, Any]) -> Source:
    return Source(
        ext["source_id"],
        title=ext.get("title"),
        author=ext.get("author"),
        publisher=ext.get("publisher"),
        published=ext.get("published"),
        url=ext.get("url"),
        kind=ext.get("kind"),
        sha256=ext.get("sha256"),
        cited_by=ext.get("cited_by"),
        cited_as=tuple(ext.get("cited_as") or ()),
        note=ext.get("note"),
        primary=ext.get("primary"),
    )


def _scan(reader: BundleReader, report: ImportReport) -> _Scan:
    scan = _Scan()
    wanted, keep, id_of_type, refs = scan.wanted, scan.keep, _id_of_type, scan.refs
    uuid_at = _UUID.fullmatch
    #: each type met, valid, with the length of its prefix `type--`: the usual id is checked against it
    prefixes: dict[str, int] = {}
    cache, room = scan.cache, CACHE_CHARS

    def hold(i: int, off: int, obj: Any) -> None:
        """Hold an object the second pass writes decoded for it, while the room lasts."""
        nonlocal room
        if room > 0:
            cache[i] = (off, obj)
            room -= reader.length

    nonline = scan.nonline
    #: (index of the version kept, index, offset, object) of an object met again with the same id and modified
    twins: list[tuple[int, int, int, Any]] = []
    for i, off, obj in reader.objects():
        nonline.append(not reader.by_line)
        if obj.__class__ is not dict:
            wanted.append(1)
            raise ImportFormatError(reader.path, _where(i, off, obj), "not a JSON object")
        get = obj.get
        t, oid = get("type"), get("id")
        n = prefixes.get(t) if t.__class__ is str else None
        if (
            n is None
            or oid.__class__ is not str
            or len(oid) != n + 36
            or not oid.startswith(t)
            or oid[n - 2 : n] != "--"
            or not uuid_at(oid, n)
        ):
            if not isinstance(t, str) or not t:
                raise ImportFormatError(reader.path, _where(i, off, obj), "has no type")
            if not isinstance(oid, str) or not oid:
                raise ImportFormatError(reader.path, _where(i, off, obj), f"a {t} without an id")
            if not id_of_type(oid, t):
                raise ImportFormatError(reader.path, _where(i, off, obj), f"id is not of the form {t}--<uuid>")
            if _type_ok(t):
                prefixes[t] = len(t) + 2
        if t == "relationship" and get("spec_version") == "2.1" and oid not in keep and get("revoked") is not True:
            # most objects of most bundles, the one version of their id: what the second pass needs is their ends
            modified = get("modified") or get("created") or ""
            keep[oid] = (i, modified if modified.__class__ is str else str(modified))
            wanted.append(1)
            src, tgt = get("source_ref"), get("target_ref")
            if src.__class__ is not str or tgt.__class__ is not str:
                raise ImportFormatError(reader.path, _where(i, off, obj), "needs source_ref and target_ref")
            refs.append((i, off, oid, src, tgt))
            if room > 0:  # hold(i, off, obj), inline on the path of most objects
                cache[i] = (off, obj)
                room -= reader.length
            continue
        wanted.append(0)
        sv = obj.get("spec_version")
        if sv != "2.1":
            if sv is None and t in _VERSIONED:
                raise ImportFormatError(
                    reader.path, _where(i, off, obj), "has no spec_version (STIX 2.0?); only STIX 2.1 is read"
                )
            if sv is not None:
                raise ImportFormatError(reader.path, _where(i, off, obj), f"spec_version {sv!r}; only 2.1 is read")
        modified = obj.get("modified") or obj.get("created") or ""
        if modified.__class__ is not str:
            modified = str(modified)
        if oid in keep:
            if keep[oid][1] == modified:  # the same version again: the same object, or the bundle contradicts itself
                twins.append((keep[oid][0], i, off, obj))
                continue
            if keep[oid][1] > modified:
                continue
            scan.other.pop(oid, None)
        keep[oid] = (i, modified)
        if obj.get("revoked") is True:  # counted, as every object left out is (it went unreported)
            scan.entities.pop(oid, None)
            scan.other[oid] = f"{t} (revoked)"
            continue
        # what the second pass may write (a later version drops it, at the end) is kept decoded for it
        if t == "relationship":  # most objects of most bundles: what the second pass needs is its ends
            wanted[i] = 1
            src, tgt = obj.get("source_ref"), obj.get("target_ref")
            if not isinstance(src, str) or not isinstance(tgt, str):
                raise ImportFormatError(reader.path, _where(i, off, obj), "needs source_ref and target_ref")
            refs.append((i, off, oid, src, tgt))
            hold(i, off, obj)
            continue
        if t == "note":
            wanted[i] = 1
            hold(i, off, obj)
        ext = _ours(obj)
        try:
            if t in ("report", "grouping"):
                if ext is not None and "source_id" in ext:
                    src_rec = _source_from_ext(ext)
                elif t == "report":
                    src_rec = _foreign_source(obj)
                    for ref in obj.get("object_refs") or ():
                        if isinstance(ref, str):
                            scan.contained[ref].append(src_rec.id)
                else:
                    continue
                scan.sources[src_rec.id] = src_rec
            elif t == "marking-definition":
                scan.markings[oid] = m.tlp_of_definition(obj)
            elif oid == m.IDENTITY:
                continue  # cyberstate itself, the author of our extension definitions
            elif ext is not None and "entity_id" in ext:
                scan.entities[oid] = (str(ext["entity_id"]), str(ext.get("kind")))
                hold(i, off, obj)
            else:
                kind = m.kind_of(obj)
                if kind is not None:
                    scan.entities[oid] = ("stix:" + oid, kind)
                    scan.foreign += 1
                    hold(i, off, obj)
                elif t not in _PLUMBING and t != "note":
                    scan.other[oid] = t  # no place in the model: counted under skipped
        except CyberstateError as e:
            if isinstance(e, ImportFormatError):
                raise
            raise ImportFormatError(reader.path, _where(i, off, obj), str(e)) from None
    if twins:
        _same_versions(reader, scan, twins)
    if reader.head.spec_version not in (None, "2.1"):
        raise ImportFormatError(reader.path, "bundle", f"spec_version {reader.head.spec_version!r}; only 2.1 is read")
    if (
        not isinstance(reader.head.id, str)
        or not _ID.match(reader.head.id)
        or not reader.head.id.startswith("bundle--")
    ):
        raise ImportFormatError(reader.path, "bundle", "has no id of the form bundle--<uuid>")
    for i, off, oid, src, tgt in scan.refs:
        if src in keep and tgt in keep:
            continue
        role, ref = ("source_ref", src) if src not in keep else ("target_ref", tgt)
        raise ImportFormatError(
            reader.path, f"object #{i} ({oid}) at character {off}", f"{role} {ref} is not in the bundle"
        )
    scan.refs = []
    report.objects = len(wanted)
    for oid in scan.entities:  # each id of an entity is kept (the version the second pass writes)
        wanted[keep[oid][0]] = 1
    unread = scan.unread = bytearray(wanted)
    for i in [i for i in cache if not wanted[i]]:
        del cache[i]
    for i in cache:
        unread[i] = 0
    report.skipped.update(t for oid, t in scan.other.items() if oid not in scan.entities)
    scan.other = {}
    return scan


def _same_versions(reader: BundleReader, scan: _Scan, twins: list[tuple[int, int, int, Any]]) -> None:
    """Refuse a bundle that gives one version of an object (its id and `modified`) two contents: STIX names
    a version by the two, so a changed object needs a later `modified`, and which of the two to keep is a
    guess. The same object repeated (as bundles joined together repeat the marking definitions) is one."""
    first: dict[int, Any] = {j: scan.cache[j][1] for j, _, _, _ in twins if j in scan.cache}
    if len(first) < len(twins):
        wanted = bytearray(len(scan.wanted))
        for j, _, _, _ in twins:
            wanted[j] = j not in first
        first.update((j, obj) for j, _, obj in reader.objects(wanted) if wanted[j])
    for j, i, off, obj in twins:
        if obj != first[j]:
            raise ImportFormatError(
                reader.path,
                _where(i, off, obj),
                f"has the id and modified of object #{j} but not its content (a new version needs a later modified)",
            )


def _predicate(rtype: str, skind: str, okind: str) -> str | None:
    """The predicate a foreign relationship type becomes between two kinds: its own (the standard types
    mapped), else linked_to where the kinds allow it, else None."""
    own = m.PREDICATE_OF.get(rtype) or rtype.replace("-", "_")
    for p in (own, "linked_to"):
        try:
            check_domain_range(p, skind, okind)
        except (KeyError, VocabularyError):
            continue
        if PREDICATES[p].literal:
            continue  # a literal takes a value, not a second entity
        return p
    return None


_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def _valid_stamp(value: Any) -> bool:
    """Whether a value is a STIX timestamp: RFC 3339 in UTC, written with Z, of a real day and time."""
    if not isinstance(value, str) or _STAMP.fullmatch(value) is None:
        return False
    try:
        dt.datetime.fromisoformat(value[:19])
    except ValueError:
        return False
    return True


def _names(obj: dict[str, Any], prop: str) -> list[str]:
    """A list of names of a foreign object (`aliases`, ATT&CK's `x_mitre_aliases`, OpenCTI's `x_opencti_aliases`
    of identities and locations, which STIX gives no `aliases`); anything but a list of strings is
    refused (a string alone was read as the list of its letters, each an alias)."""
    value = obj.get(prop)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise InvalidRecord(f"{prop} is {value!r}, not a list of strings")
    return value


#: The merge map and, per merged entity, the names (name, source, origin) and sources its records hold.
_Held = tuple[dict[str, str], dict[str, set[tuple[str, str | None, str | None]]], dict[str, set[str]]]


class _Writer:
    def __init__(self, bulk: BulkWrite, scan: _Scan, bundle_source: str, report: ImportReport) -> None:
        self.bulk, self.scan, self.bundle_source, self.report = bulk, scan, bundle_source, report
        self._exists = bulk.has_entity
        self._ents, self._contained, self._link_row = scan.entities, scan.contained, bulk.link_row
        self._predicates: dict[tuple[Any, str, str], str | None] = {}  # (type, kinds) -> predicate
        self._days: dict[str, str] = {}
        self._checked: set[Any] = set()  # the timestamps met, each checked once (a bundle repeats them)
        #: Entity ids, predicates and source ids met that need no JSON escaping in a claim key.
        self._safe: set[str] = set()
        self._bundle_only = (bundle_source,)
        # What merges read that this bundle changed (see `_remerge`): the entities it created, and whether
        # it touched a stored entity or wrote a claim merges follow (same_as, a path to a country) from one.
        self.created: set[str] = set()
        self.may_merge = False
        #: On a store that held no entity, the names of the entities written, as `store.name_rows` gives
        #: them (without the norm): what `_isolated` reads then, instead of reading every name back (only
        #: a bundle with entities from other tools gets there).
        self.names: list[tuple[str, str, str, str, str]] | None = [] if bulk.fresh and scan.foreign else None
        #: For an entity of ours the store holds: the merge map and, per merged entity, the names and sources
        #: its records hold (read once, when the first such entity comes; see `_not_held`).
        self._held: _Held | None = None
        self._marks: dict[str, str] | None = None  # the stored entities' own markings, read when first needed

    def _sources(self, ids: Any, oid: str) -> tuple[str, ...]:
        if ids:
            sources = self.scan.sources
            known = tuple([s for s in ids if isinstance(s, str) and s in sources])
            if known:
                return known
        return self._containers(oid)

    def _containers(self, oid: str) -> tuple[str, ...]:
        """The sources of an object that names none: the reports and groupings of the bundle that contain
        it, else the bundle itself."""
        contained = self._contained.get(oid) if self._contained else None
        return tuple(contained) if contained else self._bundle_only

    def entity(self, obj: dict[str, Any]) -> None:
        oid = obj["id"]
        eid, kind = self.scan.entities[oid]
        ext = _ours(obj)
        if ext is not None and "entity_id" in ext:
            names = tuple(
                Alias(a["name"], a.get("source") if a.get("source") in self.scan.sources else None,
                      a.get("origin"), a.get("lang"))
                for a in ext.get("names") or ()
            )  # fmt: skip
            e = Entity(
                id=eid,
                kind=kind,
                name=obj.get("name") or eid,
                aliases=names,
                sources=self._sources(ext.get("sources"), oid),
                assertor_type=ext.get("assertor_type"),
                attrs=dict(ext.get("attrs") or {}),
                note=ext.get("note"),
            )
        else:
            sources = self._sources((), oid)
            aliases = [*_names(obj, "aliases"), *_names(obj, "x_mitre_aliases"), *_names(obj, "x_opencti_aliases")]
            for prop in ("name", "city", "administrative_area", "country", "region"):
                if obj.get(prop) is not None and not isinstance(obj[prop], str):
                    raise InvalidRecord(f"{prop} is {obj[prop]!r}, not a string")
            if obj.get("name") is None and (
                obj["type"] in _NAMED or (obj["type"] == "malware" and obj.get("is_family") is True)
            ):  # it was named by its STIX id, and found in search as 'intrusion-set--…'
                raise InvalidRecord(f"has no name, which STIX requires of every {obj['type']}")
            name = obj.get("name") or obj.get("city") or obj.get("administrative_area") or obj.get("country")
            name = name or obj.get("region") or oid
            attrs: dict[str, Any] = {"stix_type": obj["type"]}
            if "object_marking_refs" in obj:  # the record's own level: it and the claims naming it go no wider
                mark = _marking(obj, self.scan.markings)
                if mark != _CLEAR:
                    attrs["marking"] = mark
            if isinstance(obj.get("description"), str):
                attrs["description"] = obj["description"]
            code = obj.get("administrative_area") or obj.get("country") if obj["type"] == "location" else None
            if isinstance(code, str) and re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{1,3})?", code):
                attrs["code"] = code
            e = Entity(
                id=eid,
                kind=kind,
                name=str(name),
                aliases=tuple(Alias(a, sources[0], "stix") for a in dict.fromkeys(aliases) if a.strip() and a != name),
                sources=sources,
                attrs=attrs,
            )  # fmt: skip
        if self._exists(eid):
            self.may_merge = True
            if not self.bulk.fresh:
                if ext is not None and "entity_id" in ext:
                    e = self._not_held(e)
                e = self._marked_as_held(e)
        else:
            self.created.add(eid)
            if self.names is not None:
                self.names.append((eid, e.name, "", kind, e.name))
                self.names.extend((eid, a.name, "", kind, e.name) for a in e.aliases)
        self.report.entities += self.bulk.entity(e)

    def _not_held(self, e: Entity) -> Entity:
        """An entity of ours the store holds, without the names and sources that a record of its merged entity
        already holds: an export writes a merged entity once with its members' names and sources, which
        imported into a store holding those records (its own export) were copied onto the merged record, so
        unmerged later it kept another record's names. Its first source stays (its own name's)."""
        if self._held is None:
            store = self.bulk.store
            canon = store.canonical_map()
            names: dict[str, set[tuple[str, str | None, str | None]]] = {}
            sources: dict[str, set[str]] = {}
            for r in store.entity_rows():
                g = canon.get(r.id, r.id)
                held = names.setdefault(g, set())
                if r.sources:
                    held.add((r.name, r.sources[0], None))
                held.update((a[0], a[1], a[2]) for a in r.aliases)
                sources.setdefault(g, set()).update(r.sources)
            self._held = (canon, names, sources)
        canon, names, sources = self._held
        g = canon.get(e.id, e.id)
        held_names, held_sources = names.get(g, set()), sources.get(g, set())
        aliases = tuple(a for a in e.aliases if (a.name, a.source, a.origin) not in held_names)
        kept = e.sources[:1] + tuple(s for s in e.sources[1:] if s not in held_sources)
        if len(aliases) == len(e.aliases) and len(kept) == len(e.sources):
            return e
        return replace(e, aliases=aliases, sources=kept)

    def _marked_as_held(self, e: Entity) -> Entity:
        """An entity the store holds, its own marking the more restrictive of the stored one and the bundle's:
        an import only ever raises a marking (a later copy without its marking made a TLP:RED record
        TLP:CLEAR, and it went out in every export)."""
        if self._marks is None:
            self._marks = self.bulk.store.entity_markings()
        held = self._marks.get(e.id)
        if held is None:
            return e
        mark = most_restrictive(held, e.marking)
        return e if mark == e.marking else replace(e, attrs={**e.attrs, "marking": mark})

    def _followed(self, predicate: str, subject: str) -> None:
        """Note a claim merges read: a same_as, or a step towards a country from an entity not new here."""
        if predicate == "same_as" or (predicate in merge.COUNTRY_PATH and subject not in self.created):
            self.may_merge = True

    def claim(self, obj: dict[str, Any]) -> bool | object | None:
        """Write the claim an object states; whether it changed the store, None when it states none the
        model holds, LATER when an end is not written yet (the object comes back in a second round)."""
        ext = _ours(obj)
        if ext is not None and "claim_id" in ext:
            subject, end, exists = ext.get("subject"), ext.get("object"), self._exists
            if (subject is not None and not exists(subject)) or (end is not None and not exists(end)):
                return LATER
            return self._our_claim(obj, ext, subject, end)
        if obj["type"] != "relationship":
            self.report.skipped[obj["type"]] += 1
            return None
        return self.relationship(obj)

    def _our_claim(self, obj: dict[str, Any], ext: dict[str, Any], subject: Any, end: Any) -> bool:
        """`claim` of a claim of ours (the provenance extension's fields), whose ends are written: its fields
        get `check_claim`, the checks `Claim` makes, and go to the store as its row (`BulkWrite.claim_row`,
        which checks it against the store as `claim()` does); building a `Claim` for each cost more than the
        checks and the row together. A claim without an id goes through `Claim`, which derives it."""
        # read in the order Claim(...) read them, so that a malformed claim fails at the same field
        cid, subject, predicate = ext["claim_id"], ext["subject"], ext["predicate"]
        sources = self._sources(ext.get("sources"), obj["id"])
        assertor, ev = ext.get("assertor"), ext.get("evidence")
        if assertor and not self._exists(assertor):
            assertor = None
        basis, negated, created = ext.get("basis"), bool(ext.get("negated")), self._stamps(obj)
        confidence = obj.get("confidence", 50)
        recorded = m.unstamp(created) if isinstance(created, str) else None
        if isinstance(ev, dict):
            text, ev_source = ev["text"], ev.get("source")
            evidence = (text, ev_source if ev_source in self.scan.sources else None, ev.get("start"), ev.get("end"))
        else:
            evidence = _NO_EVIDENCE
        marking = _marking(obj, self.scan.markings)
        value, valid_from, valid_to, published = check_claim(
            subject, predicate, sources, end, ext.get("value"), basis, confidence, ext.get("valid_from"),
            ext.get("valid_to"), ext.get("published"), marking, _ACCEPTED,
        )  # fmt: skip
        if not cid:
            c = Claim(
                id=cid, subject=subject, predicate=predicate, object=end, value=value, sources=sources,
                assertor=assertor or None, basis=basis, confidence=confidence, negated=negated,
                valid_from=valid_from, valid_to=valid_to, published=published, recorded=recorded,
                evidence=Evidence(*evidence) if evidence is not _NO_EVIDENCE else None, marking=marking,
                origin=self.bundle_source, note=ext.get("note"),
            )  # fmt: skip
            self._followed(c.predicate, c.subject)
            return self.bulk.claim(c)
        row = (
            cid, subject, predicate, end, None if value is None else dump_value(value), assertor or None, basis,
            confidence, int(negated), valid_from, valid_to, published, *evidence, marking, _ACCEPTED,
            self.bundle_source, ext.get("note"), recorded or None,
        )  # fmt: skip
        if predicate in _FOLLOWED:
            self._followed(predicate, subject)
        return self.bulk.claim_row(row, sources)

    def relationship(self, obj: dict[str, Any]) -> bool | object | None:
        """`claim` of a relationship from another tool (no claim of ours in an extension)."""
        ents, exists = self._ents, self._exists
        src, tgt = ents.get(obj["source_ref"]), ents.get(obj["target_ref"])
        if src is None or tgt is None:
            self.report.skipped["relationship (an end outside the model)"] += 1
            return None
        s_id, t_id = src[0], tgt[0]
        if not (exists(s_id) and exists(t_id)):
            return LATER
        get = obj.get
        rtype = get("relationship_type")
        if rtype.__class__ is not str or not rtype:
            raise InvalidRecord(f"relationship_type is {rtype!r}, not a relationship type")
        key = (rtype, src[1], tgt[1])
        predicate = self._predicates.get(key, "")
        if predicate == "":
            predicate = self._predicates[key] = _predicate(rtype, src[1], tgt[1])
        if predicate is None:
            self.report.skipped[f"relationship ({rtype} from {src[1]} to {tgt[1]})"] += 1
            return None
        # The fields are checked here as Claim checks them, each distinct date once, and the row goes to
        # the store as it is: a foreign bundle is mostly relationships of a few shapes, and a Claim per
        # relationship cost more than its row in SQLite. The ends and the predicate were checked above
        # against the kinds (the store checks them again), the sources are the scan's Source records.
        conf = get("confidence")
        # none given is the model's default; anything else is the model's check (a 200, "high" or true was 50)
        conf = 50 if conf is None else check_confidence(conf)
        start, stop, assertor = get("start_time"), get("stop_time"), None
        if start is not None or stop is not None:
            start = None if start is None else self._day(start)
            stop = None if stop is None else self._day(stop)
            if stop == start:
                stop = None
            elif start and stop and stop < start:
                raise InvalidRecord(f"valid_to {stop} is before valid_from {start}")
        by_ref = get("created_by_ref")
        if by_ref is not None:
            if by_ref.__class__ is not str:
                raise InvalidRecord(f"created_by_ref is {by_ref!r}, not an identity's id")
            by = ents.get(by_ref)
            if by is not None and not exists(by[0]):
                # its author comes later in the bundle: written without it, the claim had another id than the
                # same relationship imported again (when the author is stored), and the store held it twice
                return LATER
            assertor = by[0] if by else None
        contained = self._contained.get(obj["id"]) if self._contained else None
        sources = tuple(contained) if contained else self._bundle_only
        created, note = self._stamps(obj), get("description")
        # the claim id as `claim_id_of` gives it, from the key text its parts make when none needs escaping
        # (each part checked once: the ids and predicates of a bundle repeat)
        sid, safe = sources[0], self._safe
        if (
            assertor is None
            and len(sources) == 1
            and (
                (s_id in safe and t_id in safe and sid in safe and predicate in safe)
                or self._safe_parts(s_id, t_id, sid, predicate)
            )
        ):
            key_text = f'["{s_id}", "{predicate}", "{t_id}", null, null, ["{sid}"], false]'
            cid = "c-" + _sha256(key_text.encode()).hexdigest()[:16]
        else:
            cid = claim_id_of(s_id, predicate, t_id, assertor, sources)
        row = (  # the columns of a link (store LINK_ROW): no value, basis, negation, date or evidence
            cid, s_id, predicate, t_id, assertor, conf, start, stop,
            _marking(obj, self.scan.markings) if "object_marking_refs" in obj else _CLEAR, _ACCEPTED,
            self.bundle_source,
            note if note.__class__ is str else None, created if created.__class__ is str else None,
        )  # fmt: skip
        if predicate in _FOLLOWED:
            self._followed(predicate, s_id)
        return self._link_row(row, sources)

    def _stamps(self, obj: dict[str, Any]) -> str | None:
        """The `created` of a claim's object, which the store keeps as the time the claim was recorded (and
        an export gives back as its `created` and `modified`), after both it and `modified` are checked as
        STIX timestamps, each distinct value once: 'yesterday' was kept, and exported as it came."""
        created, known = obj.get("created"), self._checked
        for prop, value in (("created", created), ("modified", obj.get("modified"))):
            if value is not None and (value.__class__ is not str or value not in known):
                if not _valid_stamp(value):
                    raise InvalidRecord(f"{prop} {value!r} is not a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s]Z)")
                known.add(value)
        return created

    def _safe_parts(self, *parts: str) -> bool:
        """Whether no part of a claim key needs JSON escaping; the parts that need none are kept in `_safe`."""
        for part in parts:
            if _ESCAPED.search(part) is not None:
                return False
            self._safe.add(part)
        return True

    def _day(self, value: Any) -> str | None:
        """`parse_date` of a timestamp's day, once per distinct value (a bundle repeats its dates)."""
        day = _date(value)
        if day is None:
            return None
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = parse_date(day) or ""
        return found or None


_ACCEPTED = Status.ACCEPTED.value
_NO_EVIDENCE = (None, None, None, None)
_NOT_KEPT = (-1, "")
_FOLLOWED = merge.COUNTRY_PATH | {"same_as"}
#: Set in the store's meta while its merge state is the one an imported bundle of ours came with rather
#: than the one `merge.recompute` gives (cleared when an import recomputes).
MERGES_AS_IMPORTED = "stix_merges_as_imported"
_CLEAR = m.MARKING_ORDER[0]  # what `_marking` gives an object without markings
#: The types the model maps whose objects STIX requires to have a name (a malware family too; a location
#: needs none: its place names it).
_NAMED = frozenset({"intrusion-set", "threat-actor", "campaign", "identity", "tool", "infrastructure", "incident"})
#: Characters JSON escapes (with ensure_ascii off): a claim key of strings without them is their concatenation.
_ESCAPED = re.compile(r'[\x00-\x1f"\\]')


def claim_id_of(subject: str, predicate: str, obj: str, assertor: str | None, sources: tuple[str, ...]) -> str:
    """`claim_id` of a positive claim between two entities, from its parts: the same key text, written
    directly when no part needs escaping (ids never do), else through `claim_id` itself."""
    parts = sorted(sources) if len(sources) > 1 else sources
    if _ESCAPED.search("".join((subject, predicate, obj, assertor or "", *parts))):
        return claim_id(
            Claim.trusted(subject=subject, predicate=predicate, object=obj, assertor=assertor, sources=tuple(parts))
        )
    who = "null" if assertor is None else f'"{assertor}"'
    cited = '", "'.join(parts)
    key = f'["{subject}", "{predicate}", "{obj}", null, {who}, ["{cited}"], false]'
    return "c-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def import_bundle(
    store: SQLiteStore, path: str | Path, progress: Callable[[str, int, int], None] | None = None
) -> ImportReport:
    """Import one STIX 2.1 bundle in one transaction; raises ImportFormatError naming the object.

    Into an empty store the rows are written to a new file and copied into the store when complete
    (`store.fresh.FreshBuild`); into any other store, in the store's own transaction. Either way the
    store is unchanged when anything fails, and the store's content is the same."""
    collecting = gc.isenabled()
    gc.disable()  # the objects kept decoded for the second pass would be traversed again and again
    try:
        return _import(store, path, progress)
    finally:
        if collecting:
            gc.enable()


def _import(
    store: SQLiteStore, path: str | Path, progress: Callable[[str, int, int], None] | None = None
) -> ImportReport:
    reader = BundleReader(path)
    report = ImportReport(file=str(path))
    scan = _scan(reader, report)
    assert reader.head.id is not None
    report.bundle = reader.head.id
    report.source = "stix:" + reader.head.id
    build = FreshBuild.open(store, report.objects)
    if build is None:
        with store.transaction():
            bulk = store.bulk(expected=report.objects)
            w = _write(bulk, reader, scan, report, path, progress)
            bulk.finish()
            _after(store, w, report)
        return report
    with build:
        w = _write(build.bulk, reader, scan, report, path, progress)
        built = build.finish()
        for what, changed in build.later.items():
            setattr(report, what, getattr(report, what) + changed)
        _after(built, w, report)
        build.commit()
    return report


def _after(store: SQLiteStore, w: _Writer, report: ImportReport) -> None:
    """What follows the rows, in the same transaction: the merges, or the mark of a bundle of ours."""
    if w.scan.foreign:
        report.merges = _remerge(store, w)
    elif report.entities or report.claims:
        store.set_meta(MERGES_AS_IMPORTED, "1")


def _write(
    bulk: BulkWrite,
    reader: BundleReader,
    scan: _Scan,
    report: ImportReport,
    path: str | Path,
    progress: Callable[[str, int, int], None] | None,
) -> _Writer:
    """The second pass: the bundle's source, the sources, entities and claims, to the bulk writer."""
    total = report.objects
    bulk.source(Source(report.source, title=f"STIX bundle {Path(path).name}", kind="stix_bundle", note=report.bundle))
    for s in scan.sources.values():
        report.sources += bulk.source(s)
    w = _Writer(bulk, scan, report.source, report)
    later: list[int] = []  # claims met before an entity they name: written in a second round
    later_set: set[int] = set()
    for phase in ("entities", "claims"):
        i, off, obj = 0, 0, None
        try:
            tick = 0
            kept, entities, second = scan.keep.get, scan.entities, phase == "claims"
            relationship = w.relationship
            for i, (off, obj) in _wanted(reader, scan):  # noqa: B007 - i, off, obj name the object in an error
                if progress is not None and i >= tick:
                    progress(f"import ({phase})", i, total)
                    tick = i + 2000
                oid = obj["id"]
                if kept(oid, _NOT_KEPT)[0] != i:
                    continue
                if second:
                    if later and later[-1] < i:
                        break
                    if i not in later_set:
                        continue
                    c = w.claim(obj)
                elif oid in entities:
                    w.entity(obj)
                    continue
                else:
                    t = obj["type"]
                    if t == "relationship" and "extensions" not in obj:
                        c = relationship(obj)  # most objects of a foreign bundle: straight to their row
                    elif t == "relationship" or t == "note":
                        c = w.claim(obj)
                    else:
                        continue  # counted by the first pass when the model has no place for it
                if c is True:
                    report.claims += 1
                elif c is LATER:
                    if phase == "claims":
                        report.skipped[f"{obj['type']} (an end not in the store or the bundle)"] += 1
                    else:
                        later.append(i)
                elif c is not None:
                    report.claims += bool(c)
            bulk.flush()
        except ImportFormatError:
            raise
        except CyberstateError as e:
            raise ImportFormatError(str(path), _where(i, off, obj), str(e)) from None
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            problem = f"malformed ({type(e).__name__}: {e})"
            raise ImportFormatError(str(path), _where(i, off, obj), problem) from None
        if not later:
            break
        later_set = set(later)
    return w


def _wanted(reader: BundleReader, scan: _Scan) -> Iterator[tuple[int, tuple[int, Any]]]:
    """The elements the second pass reads, in the bundle's order, as (index, (offset, element)): those the
    first pass kept decoded (`_Scan.cache`), and the others decoded again from the file (none when all were
    kept: then the cache's own iterator, with no generator between it and the write loop)."""
    cache = scan.cache
    if not any(scan.unread):
        return iter(cache.items())  # kept in the bundle's order
    return _merged(reader, scan)


def _merged(reader: BundleReader, scan: _Scan) -> Iterator[tuple[int, tuple[int, Any]]]:
    """`_wanted` when some elements are read again from the file: those merged with the cache's."""
    kept = iter(scan.cache.items())
    nxt = next(kept, None)
    unread = scan.unread
    n = len(unread)  # what the reader decodes: the elements not on a line of their own as well
    read = bytearray((int.from_bytes(unread, "big") | int.from_bytes(scan.nonline[:n], "big")).to_bytes(n, "big"))
    for i, off, obj in reader.objects(read):
        if not unread[i]:
            continue  # not on a line of its own, and held or not needed
        while nxt is not None and nxt[0] < i:
            yield nxt
            nxt = next(kept, None)
        yield i, (off, obj)
    while nxt is not None:
        yield nxt
        nxt = next(kept, None)


def _remerge(store: SQLiteStore, w: _Writer) -> dict[str, int]:
    """Recompute the merges after a bundle from other tools, unless it cannot change them: every entity
    it wrote is new, none has a name key (`merge.name_keys`) another record of its match class has, and
    it wrote no same_as and no step towards a country from an older entity. Then the recompute would
    give what is stored (each new record its own entity, every other link and conflict as before), as
    long as what is stored is the recompute's (not the state a bundle of ours came with). On a bundle of
    100,000 new objects the recompute cost more than a second; this check, a pass over the names.
    Returns the recompute's summary, or {} when the merges were left as they were."""
    if not w.may_merge and store.meta().get(MERGES_AS_IMPORTED) != "1":
        sources, entities = merge.helper_records()  # what the recompute would write first
        for s in sources:
            store.put_source(s)
        created = set(w.created)
        rows = w.names
        for e in entities:
            if store.get_entity(e.id) is None:
                store.put_entity(e)
                created.add(e.id)
                if rows is not None:
                    rows.extend((e.id, n, "", e.kind, e.name) for n in (e.name, *(a.name for a in e.aliases)))
            else:
                rows = None  # not the only names stored besides the bundle's: read them all
        if _isolated(store.name_rows() if rows is None else rows, created):
            return {}
    summary = merge.recompute(store)
    if store.meta().get(MERGES_AS_IMPORTED) == "1":
        store.set_meta(MERGES_AS_IMPORTED, "0")
    return summary


def _isolated(rows: Iterable[tuple[str, str, str, str, str]], created: set[str]) -> bool:
    """Whether no name key of a created record is a key of another record of its match class, among the
    stored names `rows` (`store.name_rows()`)."""
    owner: dict[tuple[str, str], str] = {}
    for eid, name, _norm, kind, own_name in rows:
        cls = MATCH_CLASS.get(kind)
        if cls is None:
            continue
        for key in merge.name_keys(name, name == own_name):
            first = owner.setdefault((cls, key), eid)
            if first != eid and (first in created or eid in created):
                return False
    return True
