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

import codecs
import functools
import hashlib
import os
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

import orjson

from cyberstate import collector
from cyberstate.analysis.claims import literal_text
from cyberstate.exchange import stixmap as m
from cyberstate.exchange.plan import Plan
from cyberstate.model import Source
from cyberstate.service import Service
from cyberstate.store.base import NO_SOURCE, ClaimParts, ClaimRow, EntityRow, SourceRow


@dataclass
class ExportReport:
    objects: int = 0
    types: Counter[str] = field(default_factory=Counter)
    bundle: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"bundle": self.bundle, "objects": self.objects, "types": dict(sorted(self.types.items()))}


def entity_stix_id(eid: str, kind: str) -> str:
    """The STIX id of an entity: the id it came with from a STIX import, else a UUIDv5 of its id."""
    t = _stix_type(kind)
    if eid.startswith("stix:") and eid[5:].startswith(t + "--"):
        return eid[5:]
    return m.stix_id(t, "entity:" + eid)


def source_stix_id(s: Source | SourceRow) -> str:
    return m.stix_id("report" if s.published else "grouping", "source:" + s.id)


_CONTAINERS = (list, dict)
#: The entity types that carry their other names as `aliases`.
_NAMED_TYPES = frozenset({"malware", "intrusion-set", "campaign", "tool", "infrastructure", m.RECORD_TYPE})


@functools.cache
def _stix_type(kind: str) -> str:
    """m.stix_type, once per kind (an export asks for every entity)."""
    return m.stix_type(kind)


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    """The properties that have a value (STIX forbids empty lists and null)."""
    return {k: v for k, v in d.items() if v is not None and not (v.__class__ in _CONTAINERS and not v)}


def _alias(name: str, source: str | None, origin: str | None, lang: str | None) -> dict[str, str]:
    """A name (an AliasRow's fields) in the provenance extension: the name, and who uses it where known."""
    d = {"name": name}
    if source is not None:
        d["source"] = source
    if origin is not None:
        d["origin"] = origin
    if lang is not None:
        d["lang"] = lang
    return d


def _span(valid_from: str | None, valid_to: str | None) -> tuple[str | None, str | None]:
    """A relationship's start_time and stop_time from a claim's valid time (no stop_time that is not after
    the start)."""
    start = m.timestamp(valid_from) if valid_from else None
    stop = m.timestamp(valid_to) if valid_to else None
    if stop is not None and start is not None and stop <= start:
        stop = None
    return start, stop


class Serialised(NamedTuple):
    """One object of an export, serialised by orjson: the JSON, and what a bundle id and a TAXII collection
    read of it (its type, id, and `modified` where it has one), so no one decodes it again."""

    type: str
    id: str
    modified: str | None
    json: bytes


def _record(
    obj: dict[str, Any], _new: Callable[..., Any] = tuple.__new__, _dumps: Callable[..., bytes] = orjson.dumps
) -> Serialised:
    """An object serialised (made by tuple.__new__, without the Python-level __new__ of a NamedTuple: once
    per object of an export)."""
    return _new(Serialised, (obj["type"], obj["id"], obj.get("modified"), _dumps(obj)))  # type: ignore[no-any-return]


class _Writer:
    def __init__(self, svc: Service, plan: Plan) -> None:
        self.plan = plan
        kinds = plan.kinds
        # the STIX id of every exported entity, derived once (a claim reads those of its ends)
        self._sids: dict[str, str] = {e: entity_stix_id(e, kinds[e][0]) for e in plan.out}
        self.refs: dict[str, list[str]] = defaultdict(list)  # source id -> STIX ids citing it
        self.sources = {s.id: s for s in svc.source_rows()}
        # source id -> the least restrictive marking rank of the objects citing it (99: none yet)
        self.src_rank: dict[str, int] = dict.fromkeys(self.sources, 99)
        # source id -> the latest record stamp of the claims the export writes citing it: the source's
        # `modified`, so a claim accepted later that cites it (a new entry in object_refs) makes a new version
        self.src_latest: dict[str, str] = {}
        # the external reference each claim citing a source carries (None without a URL): one dict per
        # source, made when first cited and shared (never modified: it is only serialised)
        self.cites: dict[str, dict[str, Any] | None] = {}

    def cite(self, source_id: str) -> dict[str, Any] | None:
        try:
            return self.cites[source_id]
        except KeyError:
            _, title, _, publisher, _, url = self.sources[source_id][:6]
            ref: dict[str, Any] | None = None
            if url:  # built with only the properties that have a value (a title may be None)
                ref = {"source_name": publisher or title or source_id, "url": m.uri(url)}
                if title is not None:
                    ref["description"] = title
            self.cites[source_id] = ref
            return ref

    def sid(self, eid: str) -> str:
        found = self._sids.get(eid)
        if found is None:
            found = self._sids[eid] = entity_stix_id(eid, self.plan.kinds[eid][0])
        return found

    def entities(self, rows: Iterable[EntityRow]) -> Iterator[Serialised]:
        """The object of each exported entity, serialised; built with only the properties that have a value
        (STIX forbids null and empty lists), in the order the export has always written them. The loop holds
        in locals what every entity reads (the plan's markings, the STIX ids, the sources); its `created` is
        the plan's (`Plan.created`)."""
        p = self.plan
        out, codes, ranks = p.out, p.codes, p.rank
        sids, known, refs_of, src_rank = self._sids, self.sources, self.refs, self.src_rank
        order, tlp_ids = m.MARKING_ORDER, m.TLP2_IDS
        provenance, record_sdo, record_type = m.PROVENANCE, m.RECORD_SDO, m.RECORD_TYPE
        new, dumps = tuple.__new__, orjson.dumps
        for eid, kind, name, aliases, sources, assertor_type, attrs, note in rows:
            if eid not in out:
                continue
            t = _stix_type(kind)
            oid = sids[eid]  # derived for every exported entity
            created = p.created(eid)
            rank = ranks.get(eid, 0)
            obj: dict[str, Any] = {
                "type": t,
                "spec_version": "2.1",
                "id": oid,
                "created": created,
                "modified": created,
                "name": name,
            }
            desc = attrs.get("description")
            if desc is not None and desc.__class__ is str:
                obj["description"] = desc
            if t == "location":
                loc: dict[str, Any] = {}
                code = codes.get(eid)
                country = p.country(eid)
                if kind == "country" and code:
                    loc["country"] = code
                elif kind == "province" and code:
                    loc["administrative_area"] = code
                    loc["country"] = country
                elif kind == "city":
                    loc["city"] = name
                    loc["country"] = country
                else:
                    loc["country"] = country if kind != "region" else None
                if loc.get("country") is None:
                    loc["region"] = m.REGIONS.get(m.slug(name), m.slug(name))
                obj.update(_drop_none(loc))
            elif t == "identity":
                obj["identity_class"] = m.identity_class(kind)
            elif t in _NAMED_TYPES:
                if t == "malware":
                    obj["is_family"] = True
                elif t == record_type:
                    obj["entity_kind"] = kind
                names = sorted({a[0] for a in aliases if a[0] != name})
                if names:
                    obj["aliases"] = names
            ext: dict[str, Any] = {"extension_type": "property-extension", "entity_id": eid, "kind": kind}
            if aliases:
                ext["names"] = [_alias(*a) for a in aliases]
            if sources:
                ext["sources"] = sources  # a tuple: written as the same JSON array as a list
            if assertor_type is not None:
                ext["assertor_type"] = assertor_type
            if attrs:
                ext["attrs"] = attrs
            if note is not None:
                ext["note"] = note
            obj["object_marking_refs"] = [tlp_ids[order[rank]]]  # type: ignore[index]
            obj["extensions"] = (
                {provenance: ext, record_sdo: {"extension_type": "new-sdo"}} if t == record_type else {provenance: ext}
            )
            # the known sources of the entity and its names list it (a source's object sorts its list and
            # takes each id once, so a source cited twice here is listed once)
            for s in sources:
                if s in known:
                    refs_of[s].append(oid)
                    if rank < src_rank[s]:
                        src_rank[s] = rank
            for a in aliases:
                s = a[1]
                if s is not None and s in known:
                    refs_of[s].append(oid)
                    if rank < src_rank[s]:
                        src_rank[s] = rank
            yield new(Serialised, (t, oid, created, dumps(obj)))

    def claims(self, claims: Iterable[ClaimRow]) -> Iterator[Serialised]:
        """The relationship or note of each exported claim, serialised (see `_claim_writer`)."""
        one = self._claim_writer()
        for row in claims:
            rec = one(row)
            if rec is not None:
                yield rec

    def _claim_writer(self) -> Callable[[ClaimRow], Serialised | None]:
        """A function giving the relationship or note of a claim, serialised (None when the claim does not go
        out). A claim is most of an export, so the function unpacks each row into locals, holds what every
        claim reads in its closure (the plan's test of whether a claim goes out among them), and keeps what
        claims share (the STIX id of an entity, an assertor's created_by_ref, a timestamp, a valid time, a set
        of sources' external references, a marking) from one claim to the next. The dicts are built with only
        the properties that have a value, in the order the export has always written them."""
        plan = self.plan
        kinds, oldest = plan.kinds, plan.oldest
        out, selected, max_rank = plan.out, plan.selected, plan.max_rank
        sids = self._sids
        rel_id, note_id = m.id_maker("relationship", "claim:"), m.id_maker("note", "claim:")
        by_of: dict[str | None, str | None] = {None: None}
        stamps: dict[str | None, str] = {}
        # per (valid_from, valid_to): the relationship's start_time and stop_time
        spans: dict[tuple[str | None, str | None], tuple[str | None, str | None]] = {}
        # per (sources, evidence source): the external references, and the known sources the claim cites
        cited: dict[tuple[tuple[str, ...], str | None], tuple[list[dict[str, Any]], tuple[str, ...]]] = {}
        marking_refs = {k: [v] for k, v in m.TLP2_IDS.items()}
        rank_of, own = m.MARKING_RANK, plan.own
        rel_types: dict[str, str] = {}
        refs_of, src_rank, latest = self.refs, self.src_rank, self.src_latest
        provenance = m.PROVENANCE
        new, dumps = tuple.__new__, orjson.dumps

        def one(row: ClaimRow) -> Serialised | None:
            (
                cid, subject, pred, obj, value, assertor, basis, confidence, negated, vf, vt, published, rec,
                ev_text, ev_source, ev_start, ev_end, marking, note, srcs,
            ) = row  # fmt: skip
            if own and (subject in own or obj in own or assertor in own):  # restricted by a named entity's own
                marking = plan.claim_marking(marking, subject, obj, assertor)
            rank = rank_of[marking]
            if (
                rank > max_rank
                or subject not in out
                or (obj is not None and obj not in out)
                or (selected is not None and subject not in selected and obj not in selected)
            ):
                return None
            as_note = obj is None or negated
            try:
                by = by_of[assertor]
            except KeyError:
                by = by_of[assertor] = self._created_by(assertor)
            try:
                refs, citing = cited[(srcs, ev_source)]
            except KeyError:
                refs, citing = cited[(srcs, ev_source)] = self._cited(srcs, ev_source)
            ext: dict[str, Any] = {"extension_type": "property-extension", "claim_id": cid, "predicate": pred,
                                   "subject": subject}  # fmt: skip
            if obj is not None:
                ext["object"] = obj
            if value is not None and not (value.__class__ in _CONTAINERS and not value):
                ext["value"] = value
            if assertor is not None:
                ext["assertor"] = assertor
            if basis is not None:
                ext["basis"] = basis
            if negated:
                ext["negated"] = True
            if vf is not None:
                ext["valid_from"] = vf
            if vt is not None:
                ext["valid_to"] = vt
            if published is not None:
                ext["published"] = published
            if srcs:
                ext["sources"] = srcs  # a tuple: written as the same JSON array as a list
            if ev_text is not None:  # a claim has evidence when it has its text
                evidence: dict[str, Any] = {"text": ev_text}
                if ev_source is not None:
                    evidence["source"] = ev_source
                if ev_start is not None:
                    evidence["start"] = ev_start
                if ev_end is not None:
                    evidence["end"] = ev_end
                ext["evidence"] = evidence
            if note is not None:
                ext["note"] = note
            try:
                recorded = stamps[rec]
            except KeyError:
                recorded = stamps[rec] = m.stamp(rec) if rec else oldest
            subj = sids[subject]  # an exported claim's ends are exported
            if as_note:
                oid = note_id(cid)
                o: dict[str, Any] = (
                    {"type": "note", "spec_version": "2.1", "id": oid, "created": recorded, "modified": recorded}
                    if by is None
                    else {"type": "note", "spec_version": "2.1", "id": oid, "created_by_ref": by,
                          "created": recorded, "modified": recorded}
                )  # fmt: skip
                what = literal_text(value) if obj is None else kinds[obj][1]
                abstract = f"{kinds[subject][1]} {'not ' if negated else ''}{pred.replace('_', ' ')} {what}"
                o["abstract"] = abstract
                o["content"] = ev_text or abstract
                o["object_refs"] = [subj] if obj is None else [subj, sids[obj]]
            else:
                oid = rel_id(cid)
                try:
                    rel_type = rel_types[pred]
                except KeyError:
                    rel_type = rel_types[pred] = m.relationship_type(pred)
                o = (
                    {"type": "relationship", "spec_version": "2.1", "id": oid, "created": recorded,
                     "modified": recorded, "relationship_type": rel_type}
                    if by is None
                    else {"type": "relationship", "spec_version": "2.1", "id": oid, "created_by_ref": by,
                          "created": recorded, "modified": recorded, "relationship_type": rel_type}
                )  # fmt: skip
                if ev_text is not None:
                    o["description"] = ev_text
                o["source_ref"] = subj
                o["target_ref"] = sids[obj]  # a relationship has an object
                if vf or vt:
                    try:
                        start, stop = spans[(vf, vt)]
                    except KeyError:
                        start, stop = spans[(vf, vt)] = _span(vf, vt)
                    if start:
                        o["start_time"] = start
                    if stop:
                        o["stop_time"] = stop
            if confidence is not None:
                o["confidence"] = confidence
            if refs:
                o["external_references"] = refs
            o["object_marking_refs"] = marking_refs[marking]
            o["extensions"] = {provenance: ext}
            for s in citing:
                refs_of[s].append(oid)
                if rank < src_rank[s]:
                    src_rank[s] = rank
                if recorded > latest.get(s, ""):
                    latest[s] = recorded
            # what _record does, without a call and three lookups per claim
            return new(Serialised, ("note" if as_note else "relationship", oid, recorded, dumps(o)))  # type: ignore[no-any-return]

        return one

    def claim_parts(self, parts: ClaimParts) -> Iterator[Serialised]:
        """The relationship or note of each exported claim, serialised, from ClaimParts. A plain relationship
        is written as one f-string of its parts, the same bytes orjson gives for the dict `_claim_writer`
        builds: what claims share is serialised once per export and the claim's own id once per claim; no
        dict is built and nothing is serialised twice. What a claim shares with others is looked up once:
        its assertor, basis, publication date, record date, marking, sources and evidence source together
        give the members before its relationship_type (created_by_ref, created, modified), those between its
        confidence and its claim id (external_references, object_marking_refs and the extension's opening)
        and those after its object (assertor, basis, published, sources); the rows come ordered by subject
        and predicate, so those of the subject and the predicate are made again only when they change. A
        claim that came whole is written by `_claim_writer`."""
        plan = self.plan
        out, selected, max_rank, oldest = plan.out, plan.selected, plan.max_rank, plan.oldest
        sids, whole, sources_of = self._sids, parts.whole, parts.sources
        rel_id = m.id_maker("relationship", "claim:")
        one = self._claim_writer()
        rank_of, no_source, own = m.MARKING_RANK, NO_SOURCE, plan.own
        refs_of, src_rank, latest = self.refs, self.src_rank, self.src_latest
        dumps = orjson.dumps

        def text(value: str) -> str:
            return dumps(value).decode()

        by_of: dict[str | None, str] = {None: ""}  # an assertor -> its created_by_ref member, or ''
        dates: dict[str, tuple[str, str]] = {}  # recorded -> its stamp, and the created and modified members
        types: dict[str, tuple[str, str]] = {}  # predicate -> the relationship_type member, the predicate as JSON
        ends: dict[str, tuple[str, str]] = {}  # an entity id -> it and its STIX id as JSON
        marks = {
            k: f',"object_marking_refs":["{v}"],"extensions":{{{text(m.PROVENANCE)}:'
            '{"extension_type":"property-extension","claim_id":'
            for k, v in m.TLP2_IDS.items()
        }
        # per (sources, evidence source): the external_references member, the sources' list, the known sources
        cited: dict[tuple[tuple[str, ...], str | None], tuple[str, str, tuple[str, ...]]] = {}
        # per (assertor, basis, published, recorded, marking, sources, evidence source): the members before
        # relationship_type, those from external_references to the claim id, those after the object; the stamp,
        # and the known sources cited
        shared: dict[tuple[Any, ...], tuple[str, str, str, str, tuple[str, ...]]] = {}
        new = tuple.__new__
        subject = pred = None  # the subject and predicate of the last plain relationship, and their members
        s_out, s_json, s_sid, rel_type, p_json = False, "", "", "", ""
        for (
            cid, sub, prd, obj, _, assertor, basis, confidence, _, _, _, published, rec, _, ev_source, _, _,
            marking, _,
        ) in parts.rows:  # fmt: skip
            if cid in whole:  # not a plain relationship: written from its ClaimRow (None: left out)
                c = whole[cid]
                if c is not None:
                    found = one(c)
                    if found is not None:
                        yield found
                continue
            if sub != subject:
                subject = sub
                s_out = sub in out
                if s_out:
                    s_json, s_sid = text(sub), text(sids[sub])
            if own and (sub in own or obj in own or assertor in own):  # restricted by a named entity's own
                marking = plan.claim_marking(marking, sub, obj, assertor)
            rank = rank_of[marking]
            if (
                not s_out
                or rank > max_rank
                or obj not in out
                or (selected is not None and sub not in selected and obj not in selected)
            ):
                continue
            if prd != pred:
                pred = prd
                try:
                    rel_type, p_json = types[prd]
                except KeyError:
                    rel_type, p_json = types[prd] = f',"relationship_type":{text(m.relationship_type(prd))}', text(prd)
            try:
                o_json, o_sid = ends[obj]
            except KeyError:
                o_json, o_sid = ends[obj] = text(obj), text(sids[obj])
            srcs = sources_of.get(cid, no_source)
            key = (assertor, basis, published, rec, marking, srcs, ev_source)
            try:
                head, mid, tail, stamp, citing = shared[key]
            except KeyError:
                try:
                    by = by_of[assertor]
                except KeyError:
                    ref = self._created_by(assertor)
                    by = by_of[assertor] = "" if ref is None else f',"created_by_ref":{text(ref)}'
                try:
                    stamp, created = dates[rec]
                except KeyError:
                    stamp = m.stamp(rec) if rec else oldest
                    stamp, created = dates[rec] = stamp, f',"created":{text(stamp)},"modified":{text(stamp)}'
                try:
                    refs, listed, citing = cited[(srcs, ev_source)]
                except KeyError:
                    ref_list, citing = self._cited(srcs, ev_source)
                    refs = f',"external_references":{dumps(ref_list).decode()}' if ref_list else ""
                    listed = dumps(srcs).decode()
                    cited[(srcs, ev_source)] = refs, listed, citing
                more = "".join(
                    f',"{k}":{text(v)}' for k, v in (("assertor", assertor), ("basis", basis), ("published", published))
                    if v is not None
                )  # fmt: skip
                head, mid, tail = by + created, refs + marks[marking], f'{more},"sources":{listed}}}}}}}'
                shared[key] = head, mid, tail, stamp, citing
            oid = rel_id(cid)
            data = (
                f'{{"type":"relationship","spec_version":"2.1","id":"{oid}"{head}{rel_type},"source_ref":{s_sid}'
                f',"target_ref":{o_sid},"confidence":{confidence}{mid}{dumps(cid).decode()},"predicate":{p_json}'
                f',"subject":{s_json},"object":{o_json}{tail}'
            )
            for s in citing:
                refs_of[s].append(oid)
                if rank < src_rank[s]:
                    src_rank[s] = rank
                if stamp > latest.get(s, ""):
                    latest[s] = stamp
            yield new(Serialised, ("relationship", oid, stamp, data.encode()))

    def _created_by(self, assertor: str | None) -> str | None:
        """A claim's created_by_ref: its assertor's STIX id when the assertor is exported as an identity."""
        if not assertor or not self.plan.exported(assertor):
            return None
        return self.sid(assertor) if m.stix_type(self.plan.kinds[assertor][0]) == "identity" else None

    def _cited(
        self, sources: tuple[str, ...], evidence_source: str | None
    ) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
        """For a claim's sources: the external references of those with a URL (in order), and the known
        sources it cites, its evidence's among them, each once (the report or grouping of each lists it)."""
        known, cite = self.sources, self.cite
        refs = [ref for ref in (cite(s) for s in sources if s in known) if ref is not None]
        extra = () if evidence_source is None else (evidence_source,)
        citing = tuple(s for s in dict.fromkeys((*sources, *extra)) if s is not None and s in known)
        return refs, citing

    def source(self, s: SourceRow) -> Serialised | None:
        """The report (dated) or grouping (undated) of a cited source, over the objects citing it, serialised;
        built with only the properties that have a value (each tested in turn, no pass dropping the empty
        ones), in the order the export has always written them."""
        refs = self.refs.get(s.id)
        if not refs:
            return None
        sid, title, author, publisher, published, url, kind, sha256, cited_by, cited_as, note, primary = s
        ext: dict[str, Any] = {"extension_type": "property-extension", "source_id": sid}
        if title is not None:
            ext["title"] = title
        if author is not None:
            ext["author"] = author
        if publisher is not None:
            ext["publisher"] = publisher
        if published is not None:
            ext["published"] = published
        if url is not None:
            ext["url"] = url
        if kind is not None:
            ext["kind"] = kind
        if sha256 is not None:
            ext["sha256"] = sha256
        if cited_by is not None:
            ext["cited_by"] = cited_by
        if cited_as:
            ext["cited_as"] = cited_as  # a tuple: written as the same JSON array as a list
        if note is not None:
            ext["note"] = note
        if primary is not None:
            ext["primary"] = primary
        ref: dict[str, Any] = {"source_name": publisher or title or sid}
        cite = self.cite(sid)  # made once per source
        if cite is not None:
            ref["url"] = cite["url"]
        if title is not None:
            ref["description"] = title
        ref["external_id"] = sid
        oldest = self.plan.oldest
        modified = max(oldest, self.src_latest.get(sid, oldest))
        t = "report" if published else "grouping"
        oid = m.stix_id(t, "source:" + sid)  # source_stix_id
        obj: dict[str, Any] = {
            "type": t,
            "spec_version": "2.1",
            "id": oid,
            "created": oldest,
            "modified": modified,
            "name": title or publisher or url or sid,
        }
        if published:
            obj["published"] = m.timestamp(published)
        else:
            obj["context"] = "unspecified"
        obj["object_refs"] = sorted(set(refs))
        obj["external_references"] = [ref]
        obj["object_marking_refs"] = [m.TLP2_IDS[m.MARKING_ORDER[self.src_rank[sid]]]]  # type: ignore[index]
        obj["extensions"] = {m.PROVENANCE: ext}
        return tuple.__new__(Serialised, (t, oid, modified, orjson.dumps(obj)))  # type: ignore[no-any-return]


def iter_serialised(
    svc: Service,
    *,
    marking_max: str | None = None,
    as_of: str | None = None,
    entities: Iterable[str] | None = None,
) -> Iterator[Serialised]:
    """Every STIX object of the export, serialised, one at a time, in a stable order: markings, our
    identity and extension definitions, entities, claims, sources."""
    marking_max = m.check_marking(marking_max) if marking_max else None
    canon = svc.index().canon
    selected = {canon.get(e, e) for e in map(svc.entity_id, entities)} if entities else None
    # read once: the plan needs every claim before the first entity is written, the claims come after. Without
    # --as-of the claims come as ClaimParts (the plain relationships as the few columns they need); with it as
    # ClaimRows, which `Graph.known_by` reads
    claims = svc.claim_rows(as_of) if as_of is not None else svc.claim_parts(m.MARKING_ORDER)
    plan = Plan(svc, claims, marking_max, selected)
    w = _Writer(svc, plan)
    for obj in (*m.marking_objects(), *m.meta_objects()):
        yield _record(obj)
    yield from w.entities(svc.entity_rows(as_of))  # the names and sources published by then
    yield from w.claim_parts(claims) if isinstance(claims, ClaimParts) else w.claims(claims)
    sources = w.sources
    for sid in sorted(w.refs):
        rec = w.source(sources[sid])
        if rec is not None:
            yield rec


def iter_objects(
    svc: Service,
    *,
    marking_max: str | None = None,
    as_of: str | None = None,
    entities: Iterable[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """The objects of `iter_serialised`, decoded: for a reader that wants them as dicts."""
    loads = orjson.loads
    for r in iter_serialised(svc, marking_max=marking_max, as_of=as_of, entities=entities):
        yield loads(r.json)


def write_bundle(
    objects: Iterable[Serialised], out: IO[str], progress: Callable[[int], None] | None = None
) -> ExportReport:
    """Write a bundle of `iter_serialised`'s objects to an open text file as they come. The bundle id is a
    UUIDv5 of the objects' ids and versions (order aside), written last: the same content gives the same
    bundle id. Objects are written a thousand at a time and, when the file is UTF-8 with a byte buffer
    under it, as bytes (not decoded to be encoded again). The cycle collector is paused while the objects
    are made: an export allocates a few dicts and byte strings per object and frees them at once, and the
    collections their allocation would start only walk what the export holds (the claims, the plan)."""
    with collector.paused():
        return _write_bundle(objects, out, progress)


def _write_bundle(objects: Iterable[Serialised], out: IO[str], progress: Callable[[int], None] | None) -> ExportReport:
    report = ExportReport()
    digest = 0
    raw = _utf8_buffer(out)
    write: Callable[[bytes], Any] = raw.write if raw is not None else (lambda b: out.write(b.decode()))
    write(b'{"type": "bundle", "objects": [')
    from_bytes = int.from_bytes
    blank = hashlib.blake2b(digest_size=16)  # copied for each object: cheaper than a new hash with its options
    types: dict[str, int] = {}
    batch: list[bytes] = []  # serialised objects, written a thousand at a time
    append = batch.append
    sep = b"\n"
    for t, oid, modified, data in objects:
        append(data)
        try:
            types[t] += 1
        except KeyError:
            types[t] = 1
        h = blank.copy()
        h.update(f"{oid}|{modified or ''}".encode())
        digest += from_bytes(h.digest())
        if len(batch) == 1000:
            write(sep)  # not sep + the batch: that would copy the batch's bytes once more
            write(b",\n".join(batch))
            sep = b",\n"
            report.objects += 1000
            batch.clear()
            if progress is not None:
                progress(report.objects)
    if batch:
        write(sep)
        write(b",\n".join(batch))
        report.objects += len(batch)
    report.types.update(types)
    digest %= 1 << 128
    report.bundle = f"bundle--{uuid.uuid5(m.NAMESPACE, 'bundle:' + format(digest, '032x'))}"
    write(f'\n], "id": "{report.bundle}"}}\n'.encode())
    return report


def _utf8_buffer(out: IO[str]) -> IO[bytes] | None:
    """The byte stream under a UTF-8 text file, flushed so that bytes written to it follow what the text
    layer holds; None for any other text stream (a StringIO, another encoding, a system whose text files
    turn '\\n' into another line end)."""
    raw = getattr(out, "buffer", None)
    if raw is None or os.linesep != "\n" or codecs.lookup(getattr(out, "encoding", None) or "ascii").name != "utf-8":
        return None
    out.flush()
    return raw  # type: ignore[no-any-return]
