"""The analyst's decisions as a curated data file, so they survive a rebuild of the store.

Everything `make run` rebuilds (data/, the MISP galaxy, the seeds' and descriptions' candidates) comes
back by itself; what the analyst decided does not: candidates accepted or rejected, proposed entities
accepted or rejected, merges and unmerges, and claims loaded by hand from files outside data/.
`export()` writes those in the curated format (docs/data-format.md) and `cyberstate load` reads them
back: claim ids are derived from content, so the same decision lands on the same claim, and a claim
keeps the `origin` it had, so a re-ingested document finds its reviewed candidates and leaves them be.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from cyberstate.ingest import gazetteer
from cyberstate.model import Alias, Claim, Entity, Source
from cyberstate.store.sqlite import SQLiteStore

EXTRACT_PREFIX = "extract:"  # as cyberstate.extract.candidates.ORIGIN_PREFIX, without importing the extractor
ANALYST_ORIGIN = "analyst"  # as cyberstate.resolve.merge.ANALYST_ORIGIN
CURATED_PREFIX = "curated:"
#: Attributes an entity record in a curated file can express; entities with others (galaxy records) are
#: rebuilt by their importer and are not written out.
_PLAIN_ATTRS = {"code", "proposed_in", "status"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built: data/ parses 10x faster


#: Kinds of the sources the program writes itself (ingested documents, galaxy clusters and descriptions,
#: merge helpers); a decisions file carries them, so `load` accepts them beside the curated kinds.
PROGRAM_SOURCE_KINDS = frozenset(
    {"galaxy_description", "threat_intel_database", "analyst_decision", "inference", "reference_data"}
)


def program_source_kind(kind: str) -> bool:
    return kind in PROGRAM_SOURCE_KINDS or kind.startswith("document/")


def accepted_effects(store: SQLiteStore, claim: Claim) -> None:
    """What accepting an extracted candidate implies beyond its status: the entities it proposes are
    accepted, and an also_known_as gives its subject the alias. Shared by `review` and `load`."""
    if not (claim.origin or "").startswith(EXTRACT_PREFIX):
        return
    for eid in (claim.subject, claim.object):
        ent = store.get_entity(eid) if eid else None
        if ent is not None and ent.attrs.get("status") == "candidate":
            store.set_entity_status(ent.id, None)
    if claim.predicate == "also_known_as" and isinstance(claim.value, str):
        store.add_names(claim.subject, [Alias(claim.value, claim.sources[0], "extracted")], [claim.sources[0]])


def _curated_labels(data_dir: Path) -> set[str]:
    """The origins the project's own files give their claims (what a rebuild writes again)."""
    from cyberstate.ingest.curated import identity  # curated imports this module

    return {CURATED_PREFIX + identity(p) for p in sorted(data_dir.glob("*.yaml"))}


def _defined_ids(data_dir: Path) -> tuple[set[str], set[str]]:
    """(source ids, entity ids) that data/ and the reference data define: a rebuild writes them."""
    sources = {gazetteer.reference_source().id}
    entities = {gazetteer.ASSERTOR_ID, "china", *(p.id for p in gazetteer.province_records()[0])}
    for p in sorted(data_dir.glob("*.yaml")):
        doc = yaml.load(p.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        sources |= {str(r["id"]) for r in doc.get("sources") or [] if isinstance(r, dict) and r.get("id")}
        entities |= {str(r["id"]) for r in doc.get("entities") or [] if isinstance(r, dict) and r.get("id")}
    return sources, entities


def decided_claims(store: SQLiteStore, curated_labels: set[str]) -> Iterator[Claim]:
    """Reviewed candidates, the analyst's merges and unmerges in force, and hand-loaded claims."""
    for c in store.iter_claims(statuses=("accepted", "rejected")):
        origin = c.origin or ""
        if (
            origin.startswith(EXTRACT_PREFIX)
            or (origin == ANALYST_ORIGIN and c.status == "accepted")
            or (origin.startswith(CURATED_PREFIX) and origin not in curated_labels)
        ):
            yield c


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != [] and v is not False}


def _source_doc(s: Source) -> dict[str, Any]:
    primary = {} if s.primary is None else {"primary": s.primary}
    return (
        _drop_none(
            {
                "id": s.id,
                "title": s.title,
                "author": s.author,
                "publisher": s.publisher,
                "published": s.published,
                "url": s.url,
                "kind": s.kind,
                "sha256": s.sha256 if s.text or s.sha256 else None,
                "cited_by": s.cited_by,
                "cited_as": list(s.cited_as),
                "note": s.note,
            }
        )
        | primary
    )


def _entity_doc(e: Entity) -> dict[str, Any]:
    aliases = [_drop_none({"name": a.name, "source": a.source, "origin": a.origin, "lang": a.lang}) for a in e.aliases]
    return _drop_none(
        {
            "id": e.id,
            "kind": e.kind,
            "name": e.name,
            "aliases": [a for a in aliases if a.get("source")],
            "sources": list(e.sources),
            "assertor_type": e.assertor_type,
            "code": e.attrs.get("code"),
            "proposed_in": e.attrs.get("proposed_in"),
            "status": e.attrs.get("status"),
            "note": e.note,
        }
    )


def _claim_doc(c: Claim) -> dict[str, Any]:
    return _drop_none(
        {
            "subject": c.subject,
            "predicate": c.predicate,
            "object": c.object,
            "value": c.value,
            "sources": list(c.sources),
            "assertor": c.assertor,
            "basis": c.basis,
            "confidence": c.confidence,
            "published": c.published,
            "valid_from": c.valid_from,
            "valid_to": c.valid_to,
            "negated": c.negated,
            "evidence": c.evidence.text if c.evidence else None,
            "marking": c.marking,
            "status": c.status,
            "origin": c.origin,
            "note": c.note,
        }
    )


def export(store: SQLiteStore, data_dir: Path) -> dict[str, Any]:
    """The decisions held in `store` as one curated document (sources, entities, claims).

    Sources and entities are written where a rebuild would not recreate them (ingested documents, by
    their sha256 and without their text; proposed entities; hand-loaded records); galaxy records are
    left to the galaxy import, so load the file after it."""
    claims = list(decided_claims(store, _curated_labels(data_dir)))
    proposed = sorted(
        eid for eid, a in store.entity_attrs().items() if a.get("proposed_in") and a.get("status") != "candidate"
    )
    known_sources, known_entities = _defined_ids(data_dir) if claims or proposed else (set(), set())
    wanted: dict[str, Entity] = {}

    def want(eid: str | None) -> None:
        if not eid or eid in known_entities or eid in wanted:
            return
        e = store.get_entity(eid)
        if e is not None and set(e.attrs) <= _PLAIN_ATTRS:
            wanted[eid] = e

    for c in claims:
        for eid in (c.subject, c.object, c.assertor):
            want(eid)
    for eid in proposed:  # proposed entities reviewed on their own
        want(eid)
    source_ids: dict[str, None] = {}
    for c in claims:
        source_ids.update(dict.fromkeys(c.sources))
        if c.evidence and c.evidence.source:
            source_ids[c.evidence.source] = None
    for e in wanted.values():
        source_ids.update(dict.fromkeys(e.sources))
        source_ids.update(dict.fromkeys(a.source for a in e.aliases if a.source))
    sources = [s for sid in source_ids if sid not in known_sources and (s := store.get_source(sid)) is not None]
    return {
        "sources": [_source_doc(s) for s in sorted(sources, key=lambda s: s.id)],
        "entities": [_entity_doc(e) for _, e in sorted(wanted.items())],
        "claims": [_claim_doc(c) for c in claims],
    }


HEADER = """\
# Analyst decisions exported by `cyberstate export decisions`: reviewed candidates, proposed entities,
# merges and unmerges, and claims loaded by hand. Load it back with `cyberstate load FILE` after the
# curated data, the galaxy import and the seeds' ingestion (as `make run` does). Sources of ingested
# documents are identified by their sha256; ingest the document again to restore its text.
"""


def dump(doc: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


def summary(doc: dict[str, Any]) -> dict[str, int]:
    claims = doc["claims"]
    return {
        "sources": len(doc["sources"]),
        "entities": len(doc["entities"]),
        "claims": len(claims),
        "accepted": sum(1 for c in claims if c["origin"].startswith(EXTRACT_PREFIX) and c["status"] == "accepted"),
        "rejected": sum(1 for c in claims if c["status"] == "rejected"),
        "merges": sum(1 for c in claims if c["origin"] == ANALYST_ORIGIN and not c.get("negated")),
        "unmerges": sum(1 for c in claims if c["origin"] == ANALYST_ORIGIN and c.get("negated")),
        "by_hand": sum(1 for c in claims if c["origin"].startswith(CURATED_PREFIX)),
    }
