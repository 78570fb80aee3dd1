"""STIX 2.1 export: the accepted knowledge as a bundle, written object by object.

Objects are plain dicts serialised as they are made, never collected in a list, so a store of any size
exports in memory proportional to its entity index. Every object carries a TLP 2.0 marking; what STIX
has no property for (the cyberstate predicate, basis, negation, valid time, sources, evidence, the
entity kind and every name with who uses it) rides in the `cyberstate provenance` property-extension,
which is what makes the export import back without loss.

- an entity becomes intrusion-set, identity, location, campaign, incident, malware, tool,
  infrastructure or (for laws, indictments, sanctions and the like) an `x-cyberstate-record`;
- a positive claim between two entities becomes a relationship (attributed-to, located-at, targets,
  uses, related-to where STIX has the type; the predicate's own name otherwise), created_by_ref its
  assertor, confidence its confidence;
- a claim with a literal value, or one its source denies, becomes a note on the entities it names
  (a relationship cannot say "not", and a reader that ignores the extension must not read a denial as
  an assertion);
- a source becomes a report (dated) or a grouping (undated) over the objects that cite it, and an
  external reference on each claim that cites it.

An entity's marking is the least restrictive marking of the claims naming it; with --marking-max, the
objects above the level are left out, and so are the claims and sources only they hold.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import orjson

from cyberstate.analysis.claims import literal_text
from cyberstate.exchange import stixmap as m
from cyberstate.exchange.plan import Plan
from cyberstate.model import Alias, Claim, Entity, Source
from cyberstate.service import Service


@dataclass
class ExportReport:
    objects: int = 0
    types: Counter[str] = field(default_factory=Counter)
    bundle: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"bundle": self.bundle, "objects": self.objects, "types": dict(sorted(self.types.items()))}


def entity_stix_id(eid: str, kind: str) -> str:
    """The STIX id of an entity: the id it came with from a STIX import, else a UUIDv5 of its id."""
    t = m.stix_type(kind)
    if eid.startswith("stix:") and eid[5:].startswith(t + "--"):
        return eid[5:]
    return m.stix_id(t, "entity:" + eid)


def claim_stix_id(c: Claim, as_note: bool) -> str:
    return m.stix_id("note" if as_note else "relationship", "claim:" + c.id)


def source_stix_id(s: Source) -> str:
    return m.stix_id("report" if s.published else "grouping", "source:" + s.id)


_CONTAINERS = (list, dict)


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    """The properties that have a value (STIX forbids empty lists and null)."""
    return {k: v for k, v in d.items() if v is not None and not (v.__class__ in _CONTAINERS and not v)}


def _alias(a: Alias) -> dict[str, str]:
    """A name in the provenance extension: the name, and who uses it where known."""
    d = {"name": a.name}
    if a.source is not None:
        d["source"] = a.source
    if a.origin is not None:
        d["origin"] = a.origin
    if a.lang is not None:
        d["lang"] = a.lang
    return d


class _Writer:
    def __init__(self, svc: Service, plan: Plan) -> None:
        self.plan = plan
        self._sids: dict[str, str] = {}
        self.refs: dict[str, list[str]] = defaultdict(list)  # source id -> STIX ids citing it
        self.src_rank: dict[str, int] = {}
        self.sources = {s.id: s for s in svc.iter_sources()}
        # the external reference each claim citing a source carries: one dict per source, shared (never
        # modified: it is only serialised), rather than one built per claim
        self.cites: dict[str, dict[str, Any] | None] = {
            s.id: _drop_none(
                {"source_name": s.publisher or s.title or s.id, "url": m.uri(s.url), "description": s.title}
            )
            if s.url
            else None
            for s in self.sources.values()
        }

    def sid(self, eid: str) -> str:
        found = self._sids.get(eid)
        if found is None:
            found = self._sids[eid] = entity_stix_id(eid, self.plan.kinds[eid][0])
        return found

    def _cite(self, sources: Iterable[str | None], obj_id: str, rank: int, extra: str | None = None) -> None:
        cites, refs, src_rank = self.cites, self.refs, self.src_rank
        seen: set[str] = set()
        for s in sources if extra is None else (*sources, extra):
            if s is None or s in seen or s not in cites:
                continue
            seen.add(s)
            refs[s].append(obj_id)
            if rank < src_rank.get(s, 99):
                src_rank[s] = rank

    def entity(self, e: Entity) -> dict[str, Any]:
        p = self.plan
        t = m.stix_type(e.kind)
        oid = self.sid(e.id)
        created = p.created(e.id)
        marking = p.marking(e.id)
        desc = e.attrs.get("description") if isinstance(e.attrs.get("description"), str) else None
        names = sorted({a.name for a in e.aliases if a.name != e.name})
        obj: dict[str, Any] = {
            "type": t,
            "spec_version": "2.1",
            "id": oid,
            "created": created,
            "modified": created,
            "name": e.name,
            "description": desc,
        }
        if t == "identity":
            obj["identity_class"] = m.identity_class(e.kind)
        elif t == "location":
            code = p.codes.get(e.id)
            country = p.country(e.id)
            if e.kind == "country" and code:
                obj["country"] = code
            elif e.kind == "province" and code:
                obj["administrative_area"] = code
                obj["country"] = country
            elif e.kind == "city":
                obj["city"] = e.name
                obj["country"] = country
            else:
                obj["country"] = country if e.kind != "region" else None
            if "country" not in obj or obj.get("country") is None:
                obj["region"] = m.REGIONS.get(m.slug(e.name), m.slug(e.name))
        elif t == "malware":
            obj["is_family"] = True
            obj["aliases"] = names
        elif t in ("intrusion-set", "campaign", "tool", "infrastructure"):
            obj["aliases"] = names
        elif t == m.RECORD_TYPE:
            obj["entity_kind"] = e.kind
            obj["aliases"] = names
        ext: dict[str, Any] = {"extension_type": "property-extension", "entity_id": e.id, "kind": e.kind}
        if e.aliases:
            ext["names"] = [_alias(a) for a in e.aliases]
        if e.sources:
            ext["sources"] = list(e.sources)
        if e.assertor_type is not None:
            ext["assertor_type"] = e.assertor_type
        if e.attrs:
            ext["attrs"] = e.attrs
        if e.note is not None:
            ext["note"] = e.note
        exts: dict[str, Any] = {m.PROVENANCE: ext}
        if t == m.RECORD_TYPE:
            exts[m.RECORD_SDO] = {"extension_type": "new-sdo"}
        obj["object_marking_refs"] = [m.TLP2_IDS[marking]]  # type: ignore[index]
        obj["extensions"] = exts
        rank = m.MARKING_RANK[marking]
        self._cite([*e.sources, *(a.source for a in e.aliases)], oid, rank)
        return _drop_none(obj)

    def claim(self, c: Claim) -> dict[str, Any]:
        """A claim's relationship or note. The dicts are built with only the properties that have a value
        (in the order the export has always written them), not built whole and filtered: a claim is most
        of an export."""
        as_note = c.object is None or c.negated
        oid = claim_stix_id(c, as_note)
        plan = self.plan
        kinds = plan.kinds
        sid = self.sid
        subj = sid(c.subject)
        obj_ref = sid(c.object) if c.object else None
        assertor = c.assertor if c.assertor and plan.exported(c.assertor) else None
        by = sid(assertor) if assertor and m.stix_type(kinds[assertor][0]) == "identity" else None
        cites = self.cites
        refs = [ref for ref in map(cites.get, c.sources) if ref is not None]
        ev = c.evidence
        ext: dict[str, Any] = {"extension_type": "property-extension", "claim_id": c.id, "predicate": c.predicate,
                               "subject": c.subject}  # fmt: skip
        if c.object is not None:
            ext["object"] = c.object
        value = c.value
        if value is not None and not (value.__class__ in _CONTAINERS and not value):
            ext["value"] = value
        if c.assertor is not None:
            ext["assertor"] = c.assertor
        if c.basis is not None:
            ext["basis"] = c.basis
        if c.negated:
            ext["negated"] = c.negated
        if c.valid_from is not None:
            ext["valid_from"] = c.valid_from
        if c.valid_to is not None:
            ext["valid_to"] = c.valid_to
        if c.published is not None:
            ext["published"] = c.published
        if c.sources:
            ext["sources"] = list(c.sources)
        evidence = _drop_none({"text": ev.text, "source": ev.source, "start": ev.start, "end": ev.end}) if ev else None
        if evidence:
            ext["evidence"] = evidence
        if c.note is not None:
            ext["note"] = c.note
        recorded = m.stamp(c.recorded) if c.recorded else plan.oldest
        obj: dict[str, Any] = {"type": "note" if as_note else "relationship", "spec_version": "2.1", "id": oid}
        if by is not None:
            obj["created_by_ref"] = by
        obj["created"] = recorded
        obj["modified"] = recorded
        if as_note:
            what = literal_text(c.value) if c.object is None else kinds[c.object][1]
            verb = c.predicate.replace("_", " ")
            abstract = f"{kinds[c.subject][1]} {'not ' if c.negated else ''}{verb} {what}"
            obj["abstract"] = abstract
            obj["content"] = (ev.text if ev else None) or abstract
            obj["object_refs"] = [subj] + ([obj_ref] if obj_ref else [])
        else:
            obj["relationship_type"] = m.relationship_type(c.predicate)
            if ev and ev.text is not None:
                obj["description"] = ev.text
            obj["source_ref"] = subj
            if obj_ref is not None:
                obj["target_ref"] = obj_ref
            if c.valid_from:
                obj["start_time"] = m.timestamp(c.valid_from)
            if c.valid_to and (not c.valid_from or m.timestamp(c.valid_to) > m.timestamp(c.valid_from)):
                obj["stop_time"] = m.timestamp(c.valid_to)
        if c.confidence is not None:
            obj["confidence"] = c.confidence
        if refs:
            obj["external_references"] = refs
        obj["object_marking_refs"] = [m.TLP2_IDS[c.marking]]  # type: ignore[index]
        obj["extensions"] = {m.PROVENANCE: ext}
        self._cite(c.sources, oid, m.MARKING_RANK[c.marking], ev.source if ev else None)
        return obj

    def source(self, s: Source) -> dict[str, Any] | None:
        refs = self.refs.get(s.id)
        if not refs:
            return None
        oid = source_stix_id(s)
        marking = m.MARKING_ORDER[self.src_rank.get(s.id, 0)]
        ext = _drop_none(
            {
                "extension_type": "property-extension",
                "source_id": s.id,
                "title": s.title,
                "author": s.author,
                "publisher": s.publisher,
                "published": s.published,
                "url": s.url,
                "kind": s.kind,
                "sha256": s.sha256,
                "cited_by": s.cited_by,
                "cited_as": list(s.cited_as),
                "note": s.note,
            }
        )
        ref = _drop_none(
            {
                "source_name": s.publisher or s.title or s.id,
                "url": m.uri(s.url) if s.url else None,
                "description": s.title,
                "external_id": s.id,
            }
        )
        obj: dict[str, Any] = {
            "type": "report" if s.published else "grouping",
            "spec_version": "2.1",
            "id": oid,
            "created": self.plan.oldest,
            "modified": self.plan.oldest,
            "name": s.title or s.publisher or s.url or s.id,
        }
        if s.published:
            obj["published"] = m.timestamp(s.published)
        else:
            obj["context"] = "unspecified"
        obj["object_refs"] = sorted(set(refs))
        obj["external_references"] = [ref]
        obj["object_marking_refs"] = [m.TLP2_IDS[marking]]  # type: ignore[index]
        obj["extensions"] = {m.PROVENANCE: ext}
        return _drop_none(obj)


def iter_objects(
    svc: Service,
    *,
    marking_max: str | None = None,
    as_of: str | None = None,
    entities: Iterable[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Every STIX object of the export, one at a time, in a stable order: markings, our identity and
    extension definitions, entities, claims, sources."""
    marking_max = m.check_marking(marking_max) if marking_max else None
    canon = svc.index().canon
    selected = {canon.get(e, e) for e in map(svc.entity_id, entities)} if entities else None
    # read once: the plan needs every claim before the first entity is written, the claims come after
    claims = list(svc.iter_claims(as_of))
    plan = Plan(svc, claims, marking_max, selected)
    w = _Writer(svc, plan)
    yield from m.marking_objects()
    yield from m.meta_objects()
    for e in svc.iter_entities():
        if plan.exported(e.id):
            yield w.entity(e)
    for c in claims:
        if plan.claim_exported(c):
            yield w.claim(c)
    for sid in sorted(w.refs):
        obj = w.source(w.sources[sid])
        if obj is not None:
            yield obj


def write_bundle(
    objects: Iterable[dict[str, Any]], out: IO[str], progress: Callable[[int], None] | None = None
) -> ExportReport:
    """Write a bundle to an open text file as the objects come. The bundle id is a UUIDv5 of the
    objects' ids and versions (order aside), written last: the same content gives the same bundle id."""
    report = ExportReport()
    digest = 0
    out.write('{"type": "bundle", "objects": [')
    dumps, blake2b, from_bytes = orjson.dumps, hashlib.blake2b, int.from_bytes
    types: dict[str, int] = {}
    batch: list[bytes] = []  # serialised objects, written a thousand at a time
    sep = "\n"
    for obj in objects:
        batch.append(dumps(obj))
        t = obj["type"]
        types[t] = types.get(t, 0) + 1
        digest += from_bytes(blake2b(f"{obj['id']}|{obj.get('modified', '')}".encode(), digest_size=16).digest())
        if len(batch) == 1000:
            out.write(sep + b",\n".join(batch).decode())
            sep = ",\n"
            report.objects += len(batch)
            batch.clear()
            if progress is not None:
                progress(report.objects)
    if batch:
        out.write(sep + b",\n".join(batch).decode())
        report.objects += len(batch)
    report.types.update(types)
    digest %= 1 << 128
    report.bundle = f"bundle--{uuid.uuid5(m.NAMESPACE, 'bundle:' + format(digest, '032x'))}"
    out.write(f'\n], "id": "{report.bundle}"}}\n')
    return report
