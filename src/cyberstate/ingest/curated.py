"""Load the curated YAML knowledge (`data/`) into a store, all or nothing.

Every file is parsed and every record built before anything is written, then everything is written in
one transaction; the first problem stops the load with the file, the record and the problem, and the
store is left exactly as it was. Loading the same files twice changes nothing (content-derived claim
ids, upserts that compare before writing); a claim removed from a file is retracted, never deleted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cyberstate.datadir import data_dir
from cyberstate.errors import CyberstateError, DataFileError, OwnershipError
from cyberstate.ingest import gazetteer, naming
from cyberstate.ingest.decisions import accepted_effects, program_source_kind
from cyberstate.model import Alias, Claim, Entity, Evidence, Source
from cyberstate.model.sources import SOURCE_KINDS
from cyberstate.model.vocab import DEFAULT_CONFIDENCE, Basis, marking_of
from cyberstate.store.sqlite import SQLiteStore

ORIGIN_PREFIX = "curated:"
_TOP = {"id", "defaults", "sources", "entities", "claims"}
_FALLBACK = "(reference data, where no file defines it)"
OWNER_KEY = "owner:"  # meta key prefix: owner:source:ID / owner:entity:ID -> the identity of the file
#: A source's fields that a file defines and that another file may not rewrite (compared on load).
_SOURCE_ROW_FIELDS = (
    "title",
    "author",
    "publisher",
    "published",
    "url",
    "kind",
    "text",
    "cited_by",
    "cited_as",
    "note",
)
_SOURCE_FIELDS = {
    "id",
    *_SOURCE_ROW_FIELDS,
    "primary",
    "sha256",  # identity of a document whose text is not in the file (decisions exports)
}
_ENTITY_FIELDS = {"id", "kind", "name", "names", "aliases", "sources", "assertor_type", "note", "iso", "code"}
_ENTITY_FIELDS |= {"proposed_in", "status"}  # an entity proposed by extraction, and the review decision on it
_CLAIM_FIELDS = {
    "subject",
    "predicate",
    "object",
    "value",
    "sources",
    "assertor",
    "basis",
    "confidence",
    "published",
    "valid_from",
    "valid_to",
    "negated",
    "evidence",
    "marking",
    "status",
    "note",
    "origin",  # where the claim first came from (decisions exports); default: this file
}


def default_data_dir() -> Path:
    """The curated data folder: the checkout's `data/` or the copy shipped in the package (see datadir)."""
    return data_dir()


@dataclass
class LoadReport:
    files: list[str] = field(default_factory=list)
    sources: int = 0
    entities: int = 0
    claims: int = 0
    written: dict[str, int] = field(default_factory=lambda: {"sources": 0, "entities": 0, "claims": 0})
    retracted: int = 0
    merges: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "merges": self.merges,
            "files": self.files,
            "read": {"sources": self.sources, "entities": self.entities, "claims": self.claims},
            "changed": self.written,
            "retracted": self.retracted,
        }


@dataclass
class _File:
    path: Path
    label: str  # how messages name the file
    doc: dict[str, Any]
    identity: str  # what its claims' origin and its records' owner say (see `identity`)


def _files(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.glob("*.yaml") if q.is_file())
            if not found:  # a mistaken path, which would load nothing and say it had loaded
                raise DataFileError(str(p), "", "a folder holding no curated file (*.yaml)")
            out += found
        elif p.is_file():
            out.append(p)
        else:
            raise DataFileError(str(p), "", "no such file or folder")
    return out


def _read(path: Path) -> _File:
    """Parse and check one file against the strict schema (ingest/schema.py): types, limits, lines."""
    from cyberstate.ingest import schema  # pydantic costs start-up time: only commands that read files pay it

    label = _display(path)
    doc = schema.read_curated(path, label)
    unknown = set(doc) - _TOP
    if unknown:
        raise DataFileError(label, "", f"unknown section(s) {sorted(unknown)}; allowed: {sorted(_TOP)}")
    for key in ("sources", "entities", "claims"):
        if not isinstance(doc.get(key, []), list):
            raise DataFileError(label, key, "must be a list")
    if not isinstance(doc.get("defaults", {}) or {}, dict):
        raise DataFileError(label, "defaults", "must be a mapping")
    return _File(path, label, {k: v for k, v in doc.items() if v is not None}, identity(path, doc.get("id")))


def _fields(rec: Any, allowed: set[str], label: str, what: str) -> dict[str, Any]:
    if not isinstance(rec, dict):
        raise DataFileError(label, what, "must be a mapping")
    unknown = set(rec) - allowed
    if unknown:
        raise DataFileError(label, what, f"unknown field(s) {sorted(unknown)}")
    return rec


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


_QUOTES = {"'": "['’‘]", "’": "['’‘]", "‘": "['’‘]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


def _span_pattern(evidence: str) -> re.Pattern[str]:
    """A pattern for the evidence that lets whitespace runs and quote styles differ."""
    parts = []
    for token in evidence.split():
        parts.append("".join(_QUOTES.get(ch, re.escape(ch)) for ch in token))
    return re.compile(r"\s+".join(parts))


def locate(evidence: str, text: str) -> tuple[int, int] | None:
    m = _span_pattern(evidence).search(text)
    return (m.start(), m.end()) if m else None


class _Builder:
    def __init__(self, store: SQLiteStore | None) -> None:
        self.store = store
        self.known = store.entity_kinds() if store is not None else {}
        self.sources: dict[str, Source] = {}
        self.source_file: dict[str, str] = {}
        self.owner: dict[str, str] = {}  # 'source:ID' / 'entity:ID' -> identity of the defining file
        self.entities: dict[str, tuple[Entity, str]] = {}
        self.claims: list[tuple[Claim, str, str]] = []  # (claim, file label, record label)
        self._kind_hint: str | None = None

    # -- sources
    def source(self, rec: Any, f: _File, i: int) -> None:
        what = f"sources[{i}]"
        r = _fields(rec, _SOURCE_FIELDS, f.label, what)
        sid = r.get("id")
        what = f"source {sid!r}" if sid else what
        if sid in self.sources:
            raise DataFileError(f.label, what, f"duplicate source id (first in {self.source_file[sid]})")
        if r.get("kind") is not None and r["kind"] not in SOURCE_KINDS and not program_source_kind(str(r["kind"])):
            raise DataFileError(f.label, what, f"unknown kind {r['kind']!r}; one of {', '.join(sorted(SOURCE_KINDS))}")
        if "primary" in r and not isinstance(r["primary"], bool):
            raise DataFileError(f.label, what, f"`primary` must be true or false, got {r['primary']!r}")
        text = None
        stored = self.store.get_source(str(sid)) if self.store is not None and sid else None
        if not r.get("text") and r.get("sha256") and stored is not None and stored.text:
            if stored.sha256 != r["sha256"]:
                raise DataFileError(f.label, what, f"the store holds another text under this id ({stored.sha256})")
            self.sources[stored.id] = stored  # the stored document keeps its text
            self.source_file[stored.id] = "(store)"
            return
        if r.get("text"):
            tpath = (f.path.parent / str(r["text"])).resolve()
            try:
                text = tpath.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise DataFileError(f.label, what, f"cannot read text file {r['text']!r} ({e})") from None
        try:
            s = Source(
                id=sid,
                title=_str(r.get("title")),
                author=_str(r.get("author")),
                publisher=_str(r.get("publisher")),
                published=r.get("published"),
                url=_str(r.get("url")),
                kind=_str(r.get("kind")),
                text=text,
                sha256=None if text else _str(r.get("sha256")),
                cited_by=_str(r.get("cited_by")),
                cited_as=tuple(str(x) for x in _list(r.get("cited_as"))),
                note=_str(r.get("note")),
                primary=r.get("primary"),
            )
        except CyberstateError as e:
            raise DataFileError(f.label, what, str(e)) from None
        self.sources[s.id] = s
        self.source_file[s.id] = f.label
        self.owner[f"source:{s.id}"] = f.identity

    # -- entities
    def entity(self, rec: Any, f: _File, i: int) -> None:
        what = f"entities[{i}]"
        r = _fields(rec, _ENTITY_FIELDS, f.label, what)
        eid = r.get("id")
        what = f"entity {eid!r}" if eid else what
        if eid in self.entities:
            raise DataFileError(f.label, what, f"duplicate entity id (first in {self.entities[eid][1]})")
        try:
            if r.get("iso"):
                if r.get("kind") != "country":
                    raise DataFileError(f.label, what, "`iso` is for countries only")
                ref = gazetteer.country_entity(eid, str(r["iso"]))
                extra = [self._alias(a) for a in _list(r.get("aliases"))]
                ent = Entity(
                    id=ref.id,
                    kind="country",
                    name=_str(r.get("name")) or ref.name,
                    aliases=ref.aliases + tuple(extra),
                    sources=tuple(dict.fromkeys([*ref.sources, *map(str, _list(r.get("sources")))])),
                    attrs=ref.attrs,
                    assertor_type=r.get("assertor_type"),
                    note=_str(r.get("note")),
                )
            else:
                srcs = tuple(str(s) for s in _list(r.get("sources")))
                if not srcs:
                    raise DataFileError(f.label, what, "needs `sources` (where the entity is named)")
                self._kind_hint = r.get("kind")
                aliases = [self._alias(a) for a in _list(r.get("aliases"))]
                names = r.get("names") or {}
                if not isinstance(names, dict):
                    raise DataFileError(f.label, what, "`names` must map a language to a name")
                for lang, n in names.items():
                    if not any(a.name == n for a in aliases):
                        aliases.append(Alias(str(n), srcs[0], lang=str(lang)))
                attrs: dict[str, Any] = {"code": str(r["code"])} if r.get("code") else {}
                if r.get("proposed_in"):
                    attrs["proposed_in"] = str(r["proposed_in"])
                if r.get("status") is not None:
                    if r["status"] not in {"candidate", "rejected"}:
                        raise DataFileError(f.label, what, "`status` is `candidate` or `rejected` (none if accepted)")
                    attrs["status"] = str(r["status"])
                ent = Entity(
                    id=eid,
                    kind=r.get("kind"),
                    name=r.get("name"),
                    aliases=tuple(aliases),
                    sources=srcs,
                    assertor_type=r.get("assertor_type"),
                    attrs=attrs,
                    note=_str(r.get("note")),
                )
        except DataFileError:
            raise
        except CyberstateError as e:
            raise DataFileError(f.label, what, str(e)) from None
        for s in (*ent.sources, *(a.source for a in ent.aliases if a.source)):
            self._source_of(s, f, what)
        self.entities[ent.id] = (ent, f.label)
        self.owner[f"entity:{ent.id}"] = f.identity

    def _source_of(self, sid: str, f: _File, what: str) -> Source:
        """A source from the files being loaded or, failing that, already in the store."""
        src = self.sources.get(sid)
        if src is None and self.store is not None:
            src = self.store.get_source(sid)
            if src is not None:
                self.sources[sid] = src
                self.source_file[sid] = "(store)"
        if src is None:
            raise DataFileError(f.label, what, f"cites unknown source {sid!r}")
        return src

    def _alias(self, a: Any) -> Alias:
        if isinstance(a, str):
            raise CyberstateError(f"alias {a!r} needs a source: write {{name: {a}, source: SOURCE_ID}}")
        if not isinstance(a, dict) or set(a) - {"name", "source", "origin", "lang"}:
            raise CyberstateError(f"bad alias {a!r}: want {{name, source, origin?, lang?}}")
        if not a.get("source"):
            raise CyberstateError(f"alias {a.get('name')!r} needs a source")
        origin = _str(a.get("origin"))
        if origin is None and self._kind_hint in {"threat_group", "operation"}:
            origin = naming.origin_of(str(a["name"]), None)
        return Alias(str(a["name"]), str(a["source"]), origin, _str(a.get("lang")))

    # -- claims
    def claim(self, rec: Any, defaults: dict[str, Any], f: _File, i: int) -> None:
        what = f"claims[{i}]"
        r = _fields(rec, _CLAIM_FIELDS, f.label, what)
        merged = {**defaults, **r}
        obj = merged.get("object", merged.get("value"))
        what = f"claims[{i}] ({merged.get('subject')} {merged.get('predicate')} {obj})"
        for role in ("subject", "object", "assertor"):
            ref = merged.get(role)
            if ref is not None and ref not in self.entities and ref not in self.known:
                raise DataFileError(f.label, what, f"unknown {role} entity {ref!r}")
        srcs = tuple(str(s) for s in _list(merged.get("sources")))
        if not srcs:
            raise DataFileError(f.label, what, "a claim needs at least one source")
        for s in srcs:
            self._source_of(s, f, what)
        basis = merged.get("basis")
        try:
            conf = merged.get("confidence")
            if conf is None:
                conf = DEFAULT_CONFIDENCE.get(Basis(basis), 50) if basis else 50
            evidence = self._evidence(merged.get("evidence"), srcs, f, what)
            published = merged.get("published")
            if published is None:
                published = self._stating_date(srcs, evidence)
            claim = Claim(
                subject=merged.get("subject"),
                predicate=merged.get("predicate"),
                object=merged.get("object"),
                value=merged.get("value"),
                sources=srcs,
                assertor=merged.get("assertor"),
                basis=basis,
                confidence=conf,
                negated=bool(merged.get("negated", False)),
                valid_from=merged.get("valid_from"),
                valid_to=merged.get("valid_to"),
                published=published,
                evidence=evidence,
                marking=marking_of(str(merged.get("marking", "CLEAR"))).value,
                status=str(merged.get("status", "accepted")),
                origin=_str(merged.get("origin")) or ORIGIN_PREFIX + f.identity,
                note=_str(merged.get("note")),
            )
        except DataFileError:
            raise
        except (CyberstateError, ValueError) as e:
            raise DataFileError(f.label, what, str(e)) from None
        self.claims.append((claim, f.label, what))

    def _stating_date(self, srcs: tuple[str, ...], evidence: Evidence | None) -> str | None:
        """The date of the source that states the claim: the one its evidence is found in, else the
        first-listed source, else the next listed source with a date, skipping the references that a
        listed source cites (an author's 2024 sentence is not dated by the 2018 paper it cites)."""
        if evidence is not None and evidence.source in self.sources and evidence.start is not None:
            return self.sources[evidence.source].published
        for sid in srcs:
            src = self.sources[sid]
            if (sid == srcs[0] or src.cited_by not in srcs) and src.published:
                return src.published
        return None

    def _evidence(self, ev: Any, srcs: tuple[str, ...], f: _File, what: str) -> Evidence | None:
        texts = [(s, self.sources[s].text) for s in srcs if self.sources[s].text]
        if ev is None:
            if texts:
                raise DataFileError(f.label, what, f"needs `evidence`: a span of the text of source {texts[0][0]!r}")
            return None
        ev = str(ev)
        for sid, text in texts:
            assert text is not None
            span = locate(ev, text)
            if span:
                return Evidence(text[span[0] : span[1]], sid, span[0], span[1])
        if texts:
            raise DataFileError(
                f.label,
                what,
                f"evidence not found in the text of {', '.join(s for s, _ in texts)}: {ev[:80]!r}",
            )
        return Evidence(ev, srcs[0])


def build(paths: Sequence[Path], store: SQLiteStore | None = None) -> tuple[_Builder, list[_File]]:
    """Parse and validate every file; nothing is written. Raises DataFileError on the first problem.

    References to entities and sources that the files do not define are looked up in `store`, so a
    single file can be loaded on its own into a store that already holds the rest."""
    files = [_read(p) for p in _files(paths)]
    seen: dict[str, Path] = {}
    for f in files:
        if f.identity in seen and seen[f.identity].resolve() != f.path.resolve():
            raise DataFileError(f.label, "id", f"{f.identity!r} is also the identity of {seen[f.identity]}")
        seen[f.identity] = f.path
    b = _Builder(store)
    ref = gazetteer.reference_source()
    b.sources[ref.id] = ref
    b.source_file[ref.id] = "(reference data)"
    for f in files:
        for i, rec in enumerate(f.doc.get("sources", [])):
            b.source(rec, f, i)
    b.entities[gazetteer.ASSERTOR_ID] = (gazetteer.reference_assertor(), "(reference data)")
    for f in files:
        for i, rec in enumerate(f.doc.get("entities", [])):
            b.entity(rec, f, i)
    if "china" not in b.entities:
        b.entities["china"] = (gazetteer.country_entity("china", "CN"), _FALLBACK)
    provinces, province_claims = gazetteer.province_records()
    for p in provinces:
        if p.id in b.entities:
            raise DataFileError(b.entities[p.id][1], f"entity {p.id!r}", "id taken by an ISO 3166-2 province")
        b.entities[p.id] = (p, "(reference data)")
    for c in province_claims:
        b.claims.append((c, "(reference data)", f"{c.subject} located_in {c.object}"))
    for f in files:
        defaults = f.doc.get("defaults", {})
        unknown = set(defaults) - _CLAIM_FIELDS
        if unknown:
            raise DataFileError(f.label, "defaults", f"unknown field(s) {sorted(unknown)}")
        for i, rec in enumerate(f.doc.get("claims", [])):
            b.claim(rec, defaults, f, i)
    return b, files


def _project_data() -> Path | None:
    """The project's data root, resolved: the package's copy may be a link to the checkout's `data/`."""
    try:
        return default_data_dir().resolve()
    except CyberstateError:
        return None


def identity(p: Path, declared: str | None = None) -> str:
    """The stable identity of a curated file: what its claims' origin and its records' owner record.

    A file of the project's data is named by its path relative to the data root (`data/groups.yaml`):
    the same on every machine and checkout, so a rebuilt store recognises its own claims. Any other
    file is named by its declared `id:` (`id:NAME`, stable wherever the file moves) or else by its
    absolute resolved path: a user's `…/data/groups.yaml` is not the project's file, and loading it can
    never retract the project's claims."""
    if declared:
        return f"id:{declared}"
    resolved = p.resolve()
    root = _project_data()
    if root is not None and resolved.is_relative_to(root):
        return f"data/{resolved.relative_to(root).as_posix()}"
    return str(resolved)


def _display(p: Path) -> str:
    """How a file is named in messages before its identity is known."""
    root = _project_data()
    resolved = p.resolve()
    if root is not None and resolved.is_relative_to(root):
        return f"data/{resolved.relative_to(root).as_posix()}"
    return str(p)


def _owners(store: SQLiteStore) -> dict[str, str]:
    """'source:ID' / 'entity:ID' -> identity of the file that defined it."""
    return {k[len(OWNER_KEY) :]: v for k, v in store.meta().items() if k.startswith(OWNER_KEY)}


def _source_row(s: Source) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(s, f) for f in _SOURCE_ROW_FIELDS))


def _check_ownership(store: SQLiteStore, b: _Builder, files: list[_File], redefine: bool) -> None:
    """A file may rewrite only what it (or another file of this load) defined: redefining a stored
    source's fields or an entity's kind that another place defined is an error naming both places."""
    owners = _owners(store)
    loading = {f.identity for f in files}
    for sid, s in b.sources.items():
        here = b.source_file.get(sid, "")
        if f"source:{sid}" not in b.owner:  # from the store or reference data: not rewritten
            continue
        old = store.get_source(sid)
        if old is None or _source_row(old) == _source_row(s):
            continue
        owner = owners.get(f"source:{sid}")
        if owner in loading or (owner is None and b.owner[f"source:{sid}"].startswith("data/")) or redefine:
            continue
        changed = [f for f, a, b_ in zip(_SOURCE_ROW_FIELDS, _source_row(old), _source_row(s), strict=True) if a != b_]
        raise OwnershipError(
            here,
            f"source {sid!r}",
            f"redefines {', '.join(changed)} of the source defined in {owner or 'the store'}; "
            "change it there, or pass --redefine to replace it",
        )
    for eid, (ent, here) in b.entities.items():
        if f"entity:{eid}" not in b.owner:
            continue
        old = store.get_entity(eid)
        if old is None or old.kind == ent.kind or redefine:
            continue
        owner = owners.get(f"entity:{eid}")
        if owner in loading:
            continue
        raise OwnershipError(
            here,
            f"entity {eid!r}",
            f"redefines it as a {ent.kind}; {owner or 'the store'} defines it as a {old.kind} "
            "(claims about it would fall outside their domain and range); pass --redefine to replace it",
        )


def load(store: SQLiteStore, paths: Iterable[str | Path] | None = None, *, redefine: bool = False) -> LoadReport:
    """Load curated files (the whole `data/` folder by default) in one transaction.

    A file retracts only the claims it contributed earlier (by its identity, see `identity`), and may not
    redefine a source or an entity's kind that another file defined unless `redefine` is given."""
    ps = [Path(p) for p in paths] if paths else [default_data_dir()]
    b, files = build(ps, store)
    _check_ownership(store, b, files, redefine)
    report = LoadReport(files=[f.identity for f in files])
    # what the files hold: not the reference geography every load adds, nor the sources they cite from the store
    report.sources, report.entities, report.claims = (
        sum(len(f.doc.get(key, [])) for f in files) for key in ("sources", "entities", "claims")
    )
    keep: dict[str, set[str]] = {ORIGIN_PREFIX + f.identity: set() for f in files}
    keep[gazetteer.ORIGIN] = set()
    with store.transaction():
        for sid, s in b.sources.items():
            if b.source_file.get(sid) != "(store)":
                report.written["sources"] += store.put_source(s)
        for ent, where in b.entities.values():
            if where == _FALLBACK and store.get_entity(ent.id) is not None:
                continue  # never reset what a file (data/countries.yaml: China's assertor type) set
            report.written["entities"] += store.put_entity(ent)
        for key, owner in b.owner.items():
            store.set_meta(OWNER_KEY + key, owner)
        for claim, flabel, what in b.claims:
            try:
                report.written["claims"] += store.put_claim(claim)
            except CyberstateError as e:
                raise DataFileError(flabel, what, str(e)) from None
            if claim.origin in keep:  # a file retracts only its own claims, never those it merely carries
                keep[claim.origin].add(claim.id)
            if claim.status == "accepted":
                accepted_effects(store, claim)
        for origin, ids in keep.items():
            report.retracted += store.retract_claims(origin, ids)
    return report
