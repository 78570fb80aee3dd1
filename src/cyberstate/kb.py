"""KnowledgeBase (also `cyberstate.service.Service`): the read model the interfaces talk to.

It owns a store and answers each question with one call and a typed result (analysis/results.py); the
CLI, the web layer and the API only parse and print. Names are resolved here, once, so every command
accepts any name, alias or id alike.

Opened once and long-lived: opening reads only the entity index; a question reads, through the Store
protocol's indexed reads, the claims of the entities it walks (analysis/graph.py LazyGraph), and keeps
them for the next question. `as_of` is given per call (each date gets its own view, sharing the index).
After a write, only what the write touched is read again: a review forgets the entities of the claims
it decided; a merge, load or import (which can change the merge map) starts the views afresh. Views
take a lock while they read, so many threads may ask at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import importlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from cyberstate import analysis, collector
from cyberstate.analysis.conflicts import Conflicts
from cyberstate.analysis.consensus import Voices, consensus
from cyberstate.analysis.graph import SELF_LINKS, GraphIndex, LazyGraph, merged_ends, on_entities
from cyberstate.analysis.province import PAGE as PROVINCE_PAGE
from cyberstate.analysis.province import WALK_KEY, placement_columns, walk
from cyberstate.analysis.results import (
    ApparatusResult,
    ChainResult,
    ConsensusResult,
    ContestedResult,
    CoverageResult,
    DiffResult,
    ProvinceResult,
    ShowResult,
    StatsResult,
    ThesesResult,
    TimelineResult,
)
from cyberstate.datadir import DEFAULT_DB as DEFAULT_DB  # re-exported: callers import it from here
from cyberstate.datadir import default_db_path
from cyberstate.errors import AmbiguousName, Candidate, CyberstateError, EntityNotFound, InvalidRecord, WrongKind
from cyberstate.faults import checkpoint
from cyberstate.model import Alias, Claim, Entity, Source, vocab
from cyberstate.model.dates import cutoff, earliest, parse_date
from cyberstate.model.names import has_han, norm
from cyberstate.model.records import entity_own_marking
from cyberstate.model.vocab import PREDICATES
from cyberstate.store.base import NO_SOURCE, AliasRow, ClaimParts, ClaimRow, EntityRow, SourceRow
from cyberstate.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from cyberstate.extract import Gazetteer
    from cyberstate.extract.core import Extraction
    from cyberstate.extract.document import Document
    from cyberstate.resolve.names import Match, NameIndex


class _Lazy(ModuleType):
    """A module imported on first use: a question (chain, show) never pays for the loaders, the
    extractor or the name index it does not need."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


if TYPE_CHECKING:
    from cyberstate.ingest import curated, decisions, galaxy
    from cyberstate.resolve import merge
else:
    curated = _Lazy("cyberstate.ingest.curated")
    decisions = _Lazy("cyberstate.ingest.decisions")
    galaxy = _Lazy("cyberstate.ingest.galaxy")
    merge = _Lazy("cyberstate.resolve.merge")


def read_document(path: str | Path) -> Document:
    from cyberstate.extract import read_document as read

    return read(path)


def extract_text(text: str, gazetteer: Gazetteer, countries: dict[str, Any]) -> Extraction:
    from cyberstate.extract import extract_text as extract

    return extract(text, gazetteer, countries)


def country_mentions(store: SQLiteStore) -> dict[str, Any]:
    from cyberstate.extract.core import country_mentions as mentions

    return mentions(store)


def document_paths(paths: list[str | Path]) -> list[Path]:
    from cyberstate.extract.document import document_paths as expand

    return expand(paths)


def candidates(*args: Any, **kwargs: Any) -> Any:
    from cyberstate.extract.candidates import candidates as propose

    return propose(*args, **kwargs)


def check_as_of(value: str | None, option: str = "--as-of") -> str | None:
    """A date for --as-of (or the option or parameter `option` names, as the error says it: `--from`, the
    API's `as_of=`): YYYY, YYYY-MM or YYYY-MM-DD, not in the future."""
    if value is None:
        return None
    try:
        d = parse_date(value)
    except InvalidRecord:
        d = None
    given = f"{option}{value!r}" if option.endswith("=") else f"{option} {value!r}"
    if d is None:
        raise InvalidRecord(f"{given}: not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if earliest(d) > dt.date.today():
        raise InvalidRecord(f"{given} is in the future")
    return d


#: Entity statuses of what extraction proposed and no reviewer accepted: never exported.
_UNREVIEWED = {"candidate", "rejected"}


_R = TypeVar("_R", Entity, EntityRow)


def _merged(
    records: list[_R], idx: GraphIndex, alias: Callable[[str, str | None], Any], replace: Callable[..., _R]
) -> Iterator[_R]:
    """Every merged entity once, from every stored record (as Entity or EntityRow, which share their field
    names): the canonical record carrying every name and source of the records merged into it, in record
    id order; unreviewed records left out. `alias(name, source)` makes a name of the record's kind of
    alias, `replace(e, aliases=..., sources=...)` a copy of a record."""
    canon, members_of = idx.canon, idx.members  # read once, not once per record
    merged = {e.id: e for e in records if e.id in canon}  # the member records, read with the rest
    for e in records:
        if e.id in canon or e.attrs.get("status") in _UNREVIEWED:
            continue
        members = members_of.get(e.id)
        if not members:
            yield e
            continue
        names = list(e.aliases)
        sources = list(e.sources)
        for m in members:
            rec = merged.get(m)
            if rec is None:
                continue
            names.append(alias(rec.name, rec.sources[0] if rec.sources else None))
            names += rec.aliases
            sources += rec.sources
        seen = {(e.name, e.sources[0] if e.sources else None, None)}
        aliases = []
        for a in names:
            key = (a.name, a.source, a.origin)
            if key not in seen:
                seen.add(key)
                aliases.append(a)
        fields: dict[str, Any] = {"aliases": tuple(aliases), "sources": tuple(dict.fromkeys(sources))}
        marks = [merged[m].attrs["marking"] for m in members if m in merged and "marking" in merged[m].attrs]
        if marks:  # the merged entity carries its records' names: it is marked as the most restricted of them
            mark = vocab.most_restrictive(entity_own_marking(e.attrs), *marks)
            if mark != entity_own_marking(e.attrs):
                fields["attrs"] = {**e.attrs, "marking": mark}
        yield replace(e, **fields)


class View:
    """The claim graph as of one date, with what answers share over it (voices, ownership conflicts)."""

    def __init__(self, store: SQLiteStore, as_of: str | None, index: GraphIndex) -> None:
        self.graph = LazyGraph(store, as_of, index)
        self.voices = Voices(self.graph)
        self.conflicts = Conflicts(self.graph)

    def forget(self, entities: Iterable[str]) -> None:
        self.graph.forget(entities)
        self.voices = Voices(self.graph)
        self.conflicts = Conflicts(self.graph)


P = ParamSpec("P")
T = TypeVar("T")
#: Answers kept per read model (the last ones asked; a province at 1M claims is about 0.5 MB).
KEPT_ANSWERS = 256


def consistent(method: Callable[Concatenate[KnowledgeBase, P], T]) -> Callable[Concatenate[KnowledgeBase, P], T]:
    """A question: all its reads come from one committed state of the store (KnowledgeBase.snapshot)."""

    @functools.wraps(method)
    def question(self: KnowledgeBase, *args: P.args, **kwargs: P.kwargs) -> T:
        with self.snapshot():
            return method(self, *args, **kwargs)

    return question


def kept(method: Callable[Concatenate[KnowledgeBase, P], T]) -> Callable[Concatenate[KnowledgeBase, P], T]:
    """A question whose answer is kept until the store changes: asked again (same arguments, same
    default date), it is the same answer, read from one snapshot like the first."""

    @functools.wraps(method)
    def question(self: KnowledgeBase, *args: P.args, **kwargs: P.kwargs) -> T:
        with self.snapshot():
            key = (method.__name__, args, tuple(sorted(kwargs.items())), self.as_of)
            try:
                hash(key)
            except TypeError:  # an argument that is a list: not kept
                return method(self, *args, **kwargs)
            with self._lock:
                if key in self._answers:
                    self._answers.move_to_end(key)
                    return self._answers[key]  # type: ignore[no-any-return]
            answer = method(self, *args, **kwargs)
            with self._lock:
                self._answers[key] = answer
                while len(self._answers) > KEPT_ANSWERS:
                    self._answers.popitem(last=False)
            return answer

    return question


def _candidate_rank(c: Claim) -> tuple[float, int]:
    m = re.search(r"score (\d(?:\.\d+)?)", c.note or "")
    return (-(float(m.group(1)) if m else 0.0), -(c.confidence or 0))


class KnowledgeBase:
    def __init__(self, store: SQLiteStore, as_of: str | None = None) -> None:
        self.store = store
        self.as_of = as_of  # the default date of every question (each call may give its own)
        self._graph_index: GraphIndex | None = None
        self._views: dict[str | None, View] = {}
        self._lock = threading.RLock()
        self._index: NameIndex | None = None
        #: name indexes of other dates than the default one (`resolve(..., as_of=D)`), the latest few
        self._dated_indexes: OrderedDict[str, NameIndex] = OrderedDict()
        self._gazetteer: Gazetteer | None = None
        self._country_mentions: dict[str, Any] | None = None
        self._answers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._seen: tuple[int, int] | None = None  # the store's version the caches were read at

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, *, create: bool = False, as_of: str | None = None
    ) -> KnowledgeBase:
        return cls(SQLiteStore(path or default_db_path(), create=create), as_of=check_as_of(as_of))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _changed(self, touched: Iterable[str] | None = None) -> None:
        """After a write: with `touched` (record ids whose claims changed, merge map unchanged) only
        those entities are read again; without, every view starts afresh."""
        with self._lock:
            self._index = None
            self._dated_indexes.clear()
            self._gazetteer = None
            self._country_mentions = None
            self._answers.clear()
            if touched is None or self._graph_index is None:
                self._graph_index = None
                self._views = {}
                return
            canon = self._graph_index.canon
            entities = {canon.get(e, e) for e in touched}
            for v in self._views.values():
                v.forget(entities)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One committed state of the store for everything read inside (a question, or several).

        The store holds one read transaction open (SQLiteStore.snapshot), so a write that commits
        meanwhile, in this process or another, is not seen halfway; and what the views keep from earlier
        questions is kept only while the store is at the version it was read at: when anyone else has
        committed since, every view starts afresh. So a reader sees the old state or the new, never a mix.
        Threads asking at once share one snapshot."""
        with self.store.snapshot() as version, collector.paused():
            with self._lock:
                if version != self._seen:
                    self._changed()
                    self._seen = version
            yield

    @consistent
    def index(self) -> GraphIndex:
        with self._lock:
            if self._graph_index is None:
                self._graph_index = GraphIndex.read(self.store)
            return self._graph_index

    @consistent  # the snapshot before the lock: a question waiting for a snapshot never holds the lock
    def view(self, as_of: str | None = None) -> View:
        """The view for a date (None: everything known now); `as_of` is checked like --as-of."""
        with self._lock:
            if as_of not in self._views:
                self._views[as_of] = View(self.store, as_of, self.index())
            return self._views[as_of]

    def _as_of(self, as_of: str | None) -> str | None:
        return check_as_of(as_of) if as_of is not None else self.as_of

    @property
    def graph(self) -> analysis.Graph:
        """The claim graph as of the knowledge base's default date (read lazily, see LazyGraph)."""
        return self.view(self.as_of).graph

    # ------------------------------------------------------------------ writing

    @contextmanager
    def _write(self, command: str) -> Iterator[dict[str, Any]]:
        """One transaction for a whole write command: its data and the merges it implies commit together
        or not at all (an error, Ctrl-C or SIGTERM rolls everything back). Caches are dropped either way:
        all of them, unless the command names in `touched` the only records whose views changed."""
        w: dict[str, Any] = {"touched": None}
        # a write on this connection that did not come through here (store.transaction() directly) is
        # not known record by record: then everything is read afresh
        unknown = self._seen is not None and self._seen[1] != self.store.commits
        try:
            with self.store.transaction():
                checkpoint(f"{command}:begin")
                yield w
                checkpoint(f"{command}:merged")
                self._place(None if unknown else w["touched"])
        except BaseException:
            w["touched"] = None
            raise
        finally:
            self._changed(None if unknown else w["touched"])
            with self._lock:  # this write is accounted for; another connection's commit is not
                if self._seen is not None:
                    self._seen = (self._seen[0], self.store.commits)

    def _place(self, touched: set[str] | None = None) -> None:
        """Walk again, inside the write, the provinces whose stored walk it made the store forget (its
        triggers forget the walks a changed placing claim or kind may change, a changed merge map all of
        them), so that a province question reads its walk (Store.placements) instead of walking: one
        review walks again the province it touched, if any, a merge every province. A write that names
        what it `touched` (a review: no entity added, the merge map unchanged) walks over the index the
        views hold, when no other connection has committed since it was read."""
        canon = self.store.canonical_map()
        provinces = {e.id for e in self.store.iter_entities("province")} - set(canon)
        todo = sorted(provinces - self.store.placed(WALK_KEY))
        if not todo:
            return
        index = None
        with self._lock:
            if touched is not None and self._graph_index is not None and self._seen is not None:
                with self.store.snapshot() as version:  # inside the write: its own state's version
                    if version[0] == self._seen[0]:
                        index = self._graph_index
        g = LazyGraph(self.store, None, index or GraphIndex.read(self.store))
        for p in todo:
            self.store.put_placements(p, WALK_KEY, placement_columns(g, walk(g, p)))

    def refresh_placements(self) -> int:
        """Store the walk of every province that has none (a store written without the read model, or
        by a release whose walk differed); returns how many provinces are walked then."""
        before = self.store.placed(WALK_KEY)
        with self._write("place"):
            pass
        return len(self.store.placed(WALK_KEY) - before)

    def _merge(self, command: str) -> dict[str, int]:
        """Recompute the merges inside the command's transaction (after its data is written)."""
        checkpoint(f"{command}:data")
        return merge.recompute(self.store)

    def load(self, paths: Iterable[str | Path] | None = None, *, redefine: bool = False) -> curated.LoadReport:
        with self._write("load"):
            report = curated.load(self.store, paths, redefine=redefine)
            report.merges = self._merge("load")
        return report

    @consistent
    def export_decisions(self) -> dict[str, Any]:
        """The analyst's decisions as a curated document (see ingest/decisions.py)."""
        return decisions.export(self.store, curated.default_data_dir())

    def import_galaxy(
        self,
        clusters: Sequence[str] | None = None,
        paths: Sequence[str | Path] | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> galaxy.ImportReport:
        with self._write("import"):
            report = galaxy.import_galaxy(self.store, clusters, paths, progress)
            report.merges = self._merge("import")
        return report

    # ------------------------------------------------------------------ documents

    def gazetteer(self) -> Gazetteer:
        from cyberstate.extract import Gazetteer

        if self._gazetteer is None:
            from cyberstate.extract import Gazetteer

            self._gazetteer = Gazetteer.from_store(self.store)
        return self._gazetteer

    def extract(self, path: str | Path) -> dict[str, Any]:
        """Extraction of one document, written nowhere."""
        head, parts = self.extract_parts(path)
        mentions: list[dict[str, Any]] = []
        claims: list[dict[str, Any]] = []
        for part in parts:
            d = part.as_dict()
            mentions += d["mentions"]
            claims += d["claims"]
        return {**head, "mentions": mentions, "claims": claims}

    def extract_parts(self, path: str | Path) -> tuple[dict[str, Any], Iterator[Extraction]]:
        """Extraction of one document, written nowhere, as what the document says of itself and its
        extraction window by window (`core.iter_ranked`): what `extract` returns, for a caller that prints
        each part before it reads the next."""
        from cyberstate.extract import read_document
        from cyberstate.extract.core import country_mentions, iter_ranked

        doc = read_document(path)
        parts = iter_ranked(doc.text, self.gazetteer(), country_mentions(self.store))
        return {
            "document": {
                "title": doc.title,
                "sha256": doc.sha256,
                "path": str(path),
                "format": doc.format,
                "publisher": doc.publisher,
                "published": doc.published,
                "url": doc.url,
            },
        }, parts

    def ingest(
        self,
        paths: Sequence[str | Path] = (),
        *,
        publisher: str | None = None,
        published: str | None = None,
        url: str | None = None,
        seeds: bool = False,
        galaxy_descriptions: bool = False,
        workers: int = 1,
    ) -> dict[str, Any]:
        """Store documents as sources and their extracted statements as candidates, and (with `seeds`,
        `galaxy_descriptions`) extract from texts the store holds, all in one transaction.

        Every file is read before anything is written, so one bad file leaves the store unchanged; the texts
        are extracted (on `workers` processes, 0 for every core) while the ones before them are written, in
        the one transaction, which a failed extraction rolls back."""
        from cyberstate.extract.parallel import read_many

        published = check_as_of(published, "--published")  # a date, not in the future, before any file is read
        docs = read_many(document_paths(list(paths)), workers)
        stored = {d.sha256: self.store.get_source("doc-" + d.sha256[:16]) for d in docs}
        # textless: from a decisions file; each text once, extracted while the ones before it are written
        sources: dict[str, Source] = {}
        for doc in docs:
            held = stored[doc.sha256]
            if (held is not None and held.text) or doc.sha256 in sources:
                continue
            sources[doc.sha256] = Source(
                "doc-" + doc.sha256[:16],
                title=doc.title or Path(doc.path).name,
                publisher=publisher or doc.publisher or (held.publisher if held else None),
                published=published or doc.published or (held.published if held else None),
                url=url or doc.url or (held.url if held else None),
                kind=f"document/{doc.format}",
                text=doc.text,
                sha256=doc.sha256,
                note=f"ingested from {Path(doc.path).name}",
            )
        # the candidates are made where the text is extracted (on the workers): the parent only writes
        made = self._iter_candidates([(src.text or "", src.id, src.published) for src in sources.values()], workers)
        results = []
        out: dict[str, Any] = {"documents": results}
        with contextlib.closing(made), self.store.large_cache(), self._write("ingest"):
            speaker = self._speakers()
            for doc in docs:
                sid = "doc-" + doc.sha256[:16]
                held = self.store.get_source(sid)
                if held is not None and held.text:  # a source without text came from a decisions file
                    results.append(
                        {"source": sid, "title": doc.title, "status": "already ingested", "claims": 0, "entities": 0}
                    )
                    continue
                self.store.put_source(sources[doc.sha256])
                proposed = self._store_candidates(next(made), speaker)
                results.append({"source": sid, "title": doc.title, "status": "ingested", **proposed})
            stored: list[str] = []
            if seeds:
                kinds = {"academic_article", "article"}
                stored += [s.id for s in self.store.iter_sources() if s.text and s.kind in kinds]
            if galaxy_descriptions:
                stored += self.galaxy_description_sources()
            if stored:
                out["stored"] = self.propose(stored, workers)
            self._merge("ingest")  # proposed entities take part in the merges too
        return out

    def propose(self, source_ids: Iterable[str], workers: int = 1) -> dict[str, Any]:
        """Run the extractor over texts the store holds (seeds, galaxy descriptions); keep candidates."""
        out = {"sources": 0, "claims": 0, "entities": 0}
        made = self._candidates_of(list(source_ids), workers)
        with contextlib.closing(made), self.store.transaction():
            speaker = self._speakers()
            for parts in made:
                r = self._store_candidates(parts, speaker)
                out["sources"] += 1
                out["claims"] += r["claims"]
                out["entities"] += r["entities"]
        self._changed()
        return out

    def _candidates_of(self, source_ids: list[str], workers: int) -> Iterator[Any]:
        """The candidates of each stored text, in order, made (on `workers` processes) while the ones
        before them are written; a source without text is an error before anything is extracted."""
        work = []
        for sid in source_ids:
            src = self.store.get_source(sid)
            if src is None or not src.text:
                raise InvalidRecord(f"source {sid!r} holds no text to extract from")
            work.append((src.text, sid, src.published))
        return self._iter_candidates(work, workers)

    def _iter_candidates(self, work: list[tuple[str, str, str | None]], workers: int) -> Iterator[Any]:
        from cyberstate.extract.parallel import iter_candidates_many

        assertors = self._assertor_names()  # once: proposed entities are never assertors
        path = getattr(self.store, "path", None)
        return iter_candidates_many(work, self.gazetteer(), self._countries(), assertors, path, workers)

    def _store_candidates(self, parts: Iterable[Any], speaker: Callable[[str], str | None]) -> dict[str, int]:
        """Write one document's candidates, part by part as they are made (a long text's windows, in order:
        `parallel.candidate_parts`), so only one part is held: entities the store lacks, claims it does not
        hold (a reviewed candidate keeps its decision; of several with one id, the first in the text).
        `speaker`: as `_speakers` gives it, for the whole write."""
        out = {"claims": 0, "entities": 0, "skipped": 0}
        for cands in parts:
            for k, v in self._store_part(cands, speaker).items():
                out[k] += v
        return out

    def _store_part(self, cands: Any, speaker: Callable[[str], str | None]) -> dict[str, int]:
        """Write one part of a document's candidates. The part's entities go in before any of its speakers is
        read (a speaker's name is looked up among the names stored so far, and a proposed entity is never
        one: the speaker read is the same whichever part proposes it)."""
        record = self._record_described(cands.claims[0].sources[0]) if cands.claims else None
        if record is not None:
            from cyberstate.extract.candidates import about

            cands = about(cands, record)
        n_e = self.store.put_new_entities(cands.entities.values())
        claims = []
        for i, c in enumerate(cands.claims):
            said = cands.written_assertors.get(i)
            who = speaker(said) if said else None
            claims.append(c if who is None else dataclasses.replace(c, assertor=who, id=""))
        n_c = self.store.put_new_claims(claims)  # a reviewed candidate keeps its decision
        return {"claims": n_c, "entities": n_e, "skipped": cands.skipped}

    def _record_described(self, source_id: str) -> Entity | None:
        """The record a stored text is the galaxy description of (`galaxy_description_sources`), if it is one."""
        if not source_id.startswith("desc:"):
            return None
        src = self.store.get_source(source_id)
        if src is None or src.kind != "galaxy_description":
            return None
        return self.store.get_entity(source_id.removeprefix("desc:"))

    def _speakers(self) -> Callable[[str], str | None]:
        """`speaker` for the candidates of one write command, with the entities that may assert read once and
        each written assertor's answer kept: a command that writes candidates adds no entity that may assert
        (a proposed entity never has an assertor type), and once the full name index is built (`resolve`) an
        answer depends only on that index and the graph index, which the command's writes leave as they are
        until it ends (`_changed`). Before that index exists, the fast path of `entity_id` reads the names
        the command has written so far, so those answers are not kept; nor is any across another index."""
        from cyberstate.resolve.speakers import speaker

        may_assert = self.store.assertor_types()
        kept: dict[str, str | None] = {}
        kept_on: list[Any] = [None]  # the name index the kept answers were read with

        def read(said: str) -> str | None:
            index = self._index
            if index is not None and index is kept_on[0] and said in kept:
                return kept[said]
            who = speaker(said, self._identified, may_assert)
            if index is not None and self._index is index:
                if kept_on[0] is not index:
                    kept.clear()
                    kept_on[0] = index
                kept[said] = who
            return who

        return read

    def speaker(self, said: str) -> str | None:
        """The entity that may assert (one with an assertor type) a written assertor stands for, read as
        `resolve` reads names (resolve/speakers.py); None where none is found."""
        from cyberstate.resolve.speakers import speaker

        return speaker(said, self._identified, self.store.assertor_types())

    def _identified(self, name: str) -> str | None:
        """The entity a name identifies, or None where it identifies none (unknown or ambiguous): what a speaker
        is read with."""
        try:
            return self.entity_id(name)
        except CyberstateError:
            return None

    def _countries(self) -> dict[str, Any]:
        from cyberstate.extract.core import country_mentions

        if self._country_mentions is None:
            self._country_mentions = country_mentions(self.store)
        return self._country_mentions

    def _assertor_names(self) -> dict[str, str]:
        kinds = self.store.entity_kinds()
        return {kinds[eid][1]: eid for eid in self.store.assertor_types()}

    def galaxy_description_sources(self) -> list[str]:
        """A source per galaxy record with a description, holding that text (created where missing)."""
        ids = []
        kinds = self.store.entity_kinds()
        with self.store.transaction():
            for eid, attrs in self.store.entity_attrs().items():
                text = attrs.get("description")
                if not text or not attrs.get("galaxy"):
                    continue
                sid = f"desc:{eid}"
                clusters = ", ".join(sorted(attrs["galaxy"]))
                self.store.put_source(
                    Source(
                        sid,
                        title=f"{kinds[eid][1]}: description in the MISP galaxy ({clusters})",
                        publisher="MISP galaxy",
                        kind="galaxy_description",
                        text=text,
                    )
                )
                ids.append(sid)
        return sorted(ids)

    # ------------------------------------------------------------------ review

    @consistent
    def candidates(
        self,
        *,
        document: str | None = None,
        predicate: str | None = None,
        entity: str | None = None,
        limit: int | None = None,
    ) -> list[Claim]:
        if limit is not None and limit < 1:
            raise InvalidRecord(f"--limit {limit}: give a positive number")
        self._known_document(document)
        if predicate is not None and predicate not in PREDICATES:
            raise InvalidRecord(f"--predicate {predicate!r}: not a predicate of the vocabulary (`cyberstate vocab`)")
        eid = self.entity_id(entity) if entity else None
        members = {eid, *self.graph.members.get(eid, [])} if eid else None
        out = []
        for c in self.store.iter_claims(predicate=predicate, statuses=("candidate",)):
            if document and document not in c.sources:
                continue
            if members and c.subject not in members and c.object not in members:
                continue
            out.append(c)
        out.sort(key=_candidate_rank)  # the likeliest first: the extractor's score, then the source's confidence
        return out[:limit] if limit else out

    def proposed_entities(self, document: str | None = None, named_by: Iterable[Claim] | None = None) -> list[str]:
        """The entities extraction proposed and no reviewer decided on, by id (those of one document; with
        `named_by`, those these candidates name as subject, object or assertor: the ones a filtered listing
        shows)."""
        self._known_document(document)
        proposed = self.store.candidate_entities(document)
        if named_by is not None:
            proposed &= {e for c in named_by for e in (c.subject, c.object, c.assertor) if e}
        return sorted(proposed)

    def _known_document(self, document: str | None) -> None:
        if document is not None and self.store.get_source(document) is None:
            raise InvalidRecord(f"no source {document!r}: no such document (a source id, as `ingest` printed it)")

    def review(
        self, decision: str, ids: Sequence[str] = (), *, document: str | None = None, min_confidence: int | None = None
    ) -> dict[str, Any]:
        """Accept or reject candidates (claim ids, proposed entity ids, or all of a document above a
        confidence); accepting a claim accepts the entities it proposes, and an accepted also_known_as
        becomes an alias of its subject."""
        if decision not in {"accept", "reject"}:
            raise InvalidRecord(f"unknown review decision {decision!r}")
        if min_confidence is not None and not document:
            raise InvalidRecord(
                f"--min-confidence {min_confidence}: goes with --document (it chooses among its candidates)"
            )
        status = "accepted" if decision == "accept" else "rejected"
        chosen: list[Claim] = []
        entity_ids: list[str] = []
        proposed = self.store.candidate_entities()
        for i in ids:
            if i in proposed:
                entity_ids.append(i)
                continue
            c = self.store.get_claim(i)
            if c is None:
                raise InvalidRecord(f"no candidate claim or proposed entity {i!r}")
            if c.status != "candidate":
                raise InvalidRecord(f"claim {i} is {c.status}, not a candidate")
            chosen.append(c)
        if document:
            chosen += [
                c
                for c in self.candidates(document=document)
                if min_confidence is None or c.confidence >= min_confidence
            ]
        # a candidate named twice, or named and of the --document, is decided (and counted) once
        chosen = list({c.id: c for c in chosen}.values())
        entity_ids = list(dict.fromkeys(entity_ids))
        if not chosen and not entity_ids:
            if document:
                above = f" at confidence {min_confidence} or above" if min_confidence is not None else ""
                raise InvalidRecord(f"no candidate from {document!r}{above}: nothing to review")
            raise InvalidRecord("nothing to review: give candidate ids or --document")
        with self._write("review") as w:
            for c in chosen:
                self.store.set_claim_status(c.id, status)
                if status == "accepted":
                    decisions.accepted_effects(self.store, c)
            for e in entity_ids:
                if status == "accepted":
                    self.store.set_entity_status(e, None)
                else:
                    self.store.set_entity_status(e, "rejected")
            before = self.store.canonical_map()
            summary = self._merge("review")
            if self.store.canonical_map() == before:  # only these records' views need computing afresh
                w["touched"] = {e for c in chosen for e in (c.subject, c.object, c.assertor) if e} | set(entity_ids)
        return {"decision": status, "claims": [c.id for c in chosen], "entities": entity_ids, "merges": summary}

    @consistent
    def record_id(self, name: str) -> str:
        """One record (not the merged entity) for a record id or a name only one record carries."""
        if self.store.get_entity(name) is not None:
            return name
        hits = {h.entity_id for h in self.store.find_names(norm(name))}
        if not hits:
            raise EntityNotFound(name)
        if len(hits) > 1:
            kinds = self.store.entity_kinds()
            raise AmbiguousName(name, [Candidate(h, kinds[h][1], kinds[h][0], 0, name) for h in sorted(hits)])
        return hits.pop()

    def _decide(self, a: str, b: str, negated: bool, note: str | None) -> dict[str, Any]:
        ra, rb = self.record_id(a), self.record_id(b)
        if ra == rb:
            raise InvalidRecord(f"{a!r} and {b!r} are the same record")
        command = "unmerge" if negated else "merge"
        with self._write(command):
            sources, entities = merge.helper_records()
            for s in sources:
                self.store.put_source(s)
            for e in entities:
                if self.store.get_entity(e.id) is None:
                    self.store.put_entity(e)
            claim = Claim(
                subject=ra,
                predicate="same_as",
                object=rb,
                sources=(merge.ANALYST_SOURCE,),
                assertor=merge.ANALYST,
                basis="analyst_decision",
                negated=negated,
                origin=merge.ANALYST_ORIGIN,
                note=note,
            )
            # The earlier decision the other way; its id is recomputed from the flipped polarity.
            opposite = dataclasses.replace(claim, negated=not negated, note=None, id="")
            if self.store.get_claim(opposite.id) is not None:
                self.store.retract_claim(opposite.id)
            self.store.put_claim(claim)
            summary = self._merge(command)
        return {
            "claim": claim.id,
            "records": [ra, rb],
            "negated": negated,
            "merges": summary,
            "entities": sorted({self.store.canonical_map().get(r, r) for r in (ra, rb)}),
        }

    def unmerge(self, a: str, b: str, note: str | None = None) -> dict[str, Any]:
        """Keep two records apart from now on: a negated same_as by the analyst; nothing is deleted."""
        return self._decide(a, b, True, note)

    def merge(self, a: str, b: str, note: str | None = None) -> dict[str, Any]:
        """Join two records: a same_as by the analyst (and any earlier unmerge of the pair retracted)."""
        return self._decide(a, b, False, note)

    # ------------------------------------------------------------------ names

    @consistent
    def resolve(self, name: str, limit: int = 10, context: Sequence[str] = (), as_of: str | None = None) -> list[Match]:
        """Matches for `name`, best first; `context` names (the other names of a document or query) decide
        between entities that share the name, by the claims that tie each to them. `as_of` (default: the
        knowledge base's date) leaves out the aliases first used after it, as `--as-of` does."""
        from cyberstate.resolve.names import by_context, resolve

        if limit < 1:
            raise InvalidRecord(f"--limit {limit}: give a positive number")
        as_of = self._as_of(as_of)
        index = self._names_at(as_of)
        matches = resolve(self.store, name, index=index, limit=limit)
        if context:
            ids = set()
            for c in context:
                # a context name that denotes no one entity is an error naming it (it was skipped, and the
                # answer read as if the context had been weighed)
                try:
                    ids.add(self.entity_id(c))
                except EntityNotFound as e:
                    raise EntityNotFound(c, e.closest, where="--context") from None
                except AmbiguousName as e:
                    raise AmbiguousName(c, e.candidates, where="--context") from None
            matches = by_context(self.store, matches, ids, index.canon)
        return matches

    def _names_at(self, as_of: str | None) -> NameIndex:
        """The name index as of a date: the names known then, and which of them are undated (model/names.py
        `undated_names`), for `resolve` and `show` alike."""
        from cyberstate.resolve.names import NameIndex

        if self._index is None:
            self._index = NameIndex(self.store, self.as_of)
        return self._index if as_of == self.as_of else self._dated_index(as_of)

    #: How many name indexes of other dates `resolve` keeps (each is the store's names, a few MB).
    DATED_INDEXES = 4

    def _dated_index(self, as_of: str | None) -> NameIndex:
        from cyberstate.resolve.names import NameIndex

        key = as_of or ""
        with self._lock:
            index = self._dated_indexes.get(key)
            if index is None:
                index = self._dated_indexes[key] = NameIndex(self.store, as_of)
                while len(self._dated_indexes) > self.DATED_INDEXES:
                    self._dated_indexes.popitem(last=False)
            self._dated_indexes.move_to_end(key)
            return index

    def _exact(self, name: str, kinds: set[str] | None) -> str | None:
        """The entity an id or a primary name picks out, found by index without the full name index;
        None when the answer needs the full resolution (no such name, several, an alias, --as-of)."""
        idx = self.index()
        q = name.strip()
        eid = idx.canon.get(q, q)
        if eid in idx.nodes:
            return eid if kinds is None or idx.nodes[eid][0] in kinds else None
        if self.as_of is not None or self._index is not None:
            return None
        primary: set[str] = set()
        for hit in self.store.find_names(norm(q)):
            can = idx.canon.get(hit.entity_id, hit.entity_id)
            if can not in idx.nodes:
                return None
            rec = self.store.get_entity(hit.entity_id)
            if rec is None or rec.attrs.get("status") == "candidate":
                continue
            if (hit.is_primary and can == hit.entity_id) or hit.name == idx.nodes[can][1]:
                primary.add(can)
        if len(primary) == 1:
            (eid,) = primary
            if kinds is None or idx.nodes[eid][0] in kinds:
                return eid
        return None

    @consistent
    def entity_id(self, name: str, kinds: set[str] | None = None, context: Sequence[str] = ()) -> str:
        """The one entity a name denotes (among `kinds`, if given; `context` names break a tie between
        entities sharing the name); raises EntityNotFound or AmbiguousName."""
        if not context:
            fast = self._exact(name, kinds)
            if fast is not None:
                return fast
        from cyberstate.resolve.names import EXACT, IDENTIFYING

        matches = self.resolve(name, context=context)
        if kinds is not None and any(m.kind in kinds for m in matches):
            matches = [m for m in matches if m.kind in kinds]
        exact = [m for m in matches if m.score >= IDENTIFYING]
        if not exact:
            raise EntityNotFound(name, [Candidate(m.id, m.name, m.kind, m.score, m.matched) for m in matches[:5]])
        by_id = [m for m in exact if m.how in {"id", "context"}]
        primary = [m for m in exact if m.score >= 100]
        if by_id:
            return by_id[0].id
        if len(exact) == 1:
            return exact[0].id
        if len(primary) == 1:
            return primary[0].id
        top = max(m.score for m in exact)
        if top > EXACT and sum(1 for m in exact if m.score == top) == 1:
            return next(m.id for m in exact if m.score == top)  # the record's own id beats a third party's synonym
        if (
            top >= EXACT
            and sum(1 for m in exact if m.score == top) == 1
            and all(m.how == "pinyin" for m in exact if m.score < top)
        ):
            # a name stored as typed beats a toneless pinyin reading of another's Chinese name: "Shanxi Sheng" is
            # ISO's name of Shanxi, while 陕西省 (Shaanxi) reads "shanxisheng" without its tones
            return next(m.id for m in exact if m.score == top)
        raise AmbiguousName(name, [Candidate(m.id, m.name, m.kind, m.score, m.matched) for m in exact])

    # ------------------------------------------------------------------ questions

    @kept
    def show(self, name: str, as_of: str | None = None) -> ShowResult:
        as_of = self._as_of(as_of)
        eid = self.entity_id(name)
        idx = self.index()
        doc = analysis.describe(self.store, eid, canon=idx.canon, names=idx.records)
        v = self.view(as_of)
        if as_of:
            g = v.graph
            known = {c.id for c in (*g.out.get(eid, ()), *g.inn.get(eid, ()), *g.literals.get(eid, ()))}
            doc["claims"] = [c for c in doc["claims"] if c["id"] in known]
            # the names and sources published after the date are not known then either (as `resolve` reads them)
            late = self.late_sources(as_of)
            doc["aliases"] = [a for a in doc["aliases"] if a.get("source") not in late]
            doc["sources"] = [x for x in doc["sources"] if x.get("id") not in late]
            # a name whose source gives no date is not known to be in use then: marked, as `resolve` marks it
            # (Volt Typhoon's galaxy names, none of them used before 2021, listed as its names as of 2015)
            # a name whose sources give no date is not known to be in use then: marked as a whole, by the name
            # index `resolve` reads (model/names.py `undated_names`; show marked each row by its own source,
            # resolve each name, so "Leviathan" was undated for resolve and dated on one of show's rows)
            undated = self._names_at(as_of).undated
            for a in doc["aliases"]:
                a["undated"] = (eid, norm(a["name"])) in undated
        else:
            for a in doc["aliases"]:
                a["undated"] = False
        doc["as_of"] = as_of
        doc["contested"] = v.conflicts.of(eid)
        return ShowResult.of(doc)

    @kept
    def consensus(self, name: str, other: str | None = None, as_of: str | None = None) -> ConsensusResult:
        v = self.view(self._as_of(as_of))
        doc = consensus(v.graph, self.entity_id(name), self.entity_id(other) if other else None, voices=v.voices)
        return ConsensusResult.of(doc)

    @kept
    def contested(self, kinds: str | Iterable[str] | None = None, as_of: str | None = None) -> ContestedResult:
        """What sources dispute; `kinds` as the CLI and the API give them, each a kind or a comma-separated list
        ("value,negation", or "value" and "negation"); none given, or only empty ones, is every kind."""
        from cyberstate.analysis.contested import KINDS as CONTESTED_KINDS
        from cyberstate.analysis.contested import contested

        given = [kinds] if isinstance(kinds, str) else list(kinds or ())
        wanted = {k.strip() for item in given for k in item.split(",") if k.strip()} or None
        if wanted and wanted - set(CONTESTED_KINDS):
            raise InvalidRecord(f"unknown kind(s) {sorted(wanted - set(CONTESTED_KINDS))}; one of {CONTESTED_KINDS}")
        v = self.view(self._as_of(as_of))
        return ContestedResult.of(contested(v.graph, self.store, wanted, voices=v.voices, conflicts=v.conflicts))

    @kept
    def timeline(self, name: str, as_of: str | None = None) -> TimelineResult:
        from cyberstate.analysis.timeline import timeline

        return TimelineResult.of(timeline(self.view(self._as_of(as_of)).graph, self.entity_id(name)))

    @kept
    def diff(self, start: str, end: str) -> DiffResult:
        from cyberstate.analysis.diff import diff

        start, end = check_as_of(start, "--from"), check_as_of(end, "--to")
        assert start is not None and end is not None
        if cutoff(start) > cutoff(end):
            raise InvalidRecord(f"--from {start} is after --to {end}")
        return DiffResult.of(diff(self.view(self.as_of).graph, start, end))

    @kept
    def coverage(self, country: str = "China", as_of: str | None = None) -> CoverageResult:
        from cyberstate.analysis.coverage import coverage

        v = self.view(self._as_of(as_of))
        cid = self._country_id(country, v)
        v.graph.prefetch_up(e for e, (k, _) in v.graph.nodes.items() if k == "threat_group")
        return CoverageResult.of(coverage(v.graph, cid, voices=v.voices, conflicts=v.conflicts))

    @kept
    def theses(self, country: str = "China", as_of: str | None = None) -> ThesesResult:
        from cyberstate.analysis.theses import theses

        v = self.view(self._as_of(as_of))
        cid = self._country_id(country, v)
        v.graph.prefetch_up(e for e, (k, _) in v.graph.nodes.items() if k in {"threat_group", "operation"})
        return ThesesResult.of(theses(v.graph, cid, voices=v.voices, conflicts=v.conflicts))

    def _country_id(self, name: str, v: View) -> str:
        """The country a name denotes; a name of anything else is refused, not read as a country."""
        cid = self.entity_id(name, {"country"})
        kind = v.graph.kind(cid)
        if kind != "country":
            raise WrongKind(name, kind, "country")
        return cid

    @kept
    def chain(self, name: str, as_of: str | None = None, limit: int | None = None) -> ChainResult:
        """Every path from NAME to the state, ranked; `limit` keeps the first ranked ones and says so."""
        if limit is not None and limit < 1:
            raise InvalidRecord(f"--limit {limit}: give a positive number")
        v = self.view(self._as_of(as_of))
        doc = analysis.chain(v.graph, self.entity_id(name), voices=v.voices, conflicts=v.conflicts, limit=limit)
        return ChainResult.of(doc)

    @kept
    def province(self, name: str, as_of: str | None = None, limit: int | None = PROVINCE_PAGE) -> ProvinceResult:
        """What the claims place in or under a province; the first `limit` entities in rank order
        (None: all), the answer saying how many it leaves out."""
        if limit is not None and limit < 1:
            raise InvalidRecord(f"--limit {limit}: give a positive number")
        eid = self.entity_id(name, {"province"})
        v = self.view(self._as_of(as_of))
        kind = v.graph.kind(eid)
        if kind != "province":
            raise WrongKind(name, kind, "province")
        return ProvinceResult.of(analysis.profile(v.graph, eid, conflicts=v.conflicts, limit=limit))

    @kept
    def apparatus(self, root: str | None = None, as_of: str | None = None) -> ApparatusResult:
        from cyberstate.analysis.apparatus import ROOT_KINDS

        g = self.view(self._as_of(as_of)).graph
        rid = self.entity_id(root, set(ROOT_KINDS)) if root else None
        if rid is not None and g.kind(rid) not in ROOT_KINDS:
            # a group or a law heads no tree: it was printed as a root with nothing under it
            raise WrongKind(root or rid, g.kind(rid), "body or country")
        return ApparatusResult.of(analysis.apparatus(g, rid))

    # ------------------------------------------------------------------ exports

    def late_sources(self, as_of: str | None) -> frozenset[str]:
        """The sources published after `as_of` (none without a date): the names and sources they give are
        not known then, as `resolve` reads them (a source with no date is kept)."""
        if not as_of:
            return frozenset()
        cut = cutoff(as_of)
        return frozenset(sid for sid, (d, _) in self.store.source_dates().items() if d and earliest(d) > cut)

    def iter_entities(self, as_of: str | None = None) -> Iterator[Entity]:
        """Every merged entity once, as its canonical record carrying every name and source of the records
        merged into it (in record id order). Entities that extraction proposed and no reviewer accepted
        are left out: they are not knowledge yet. With `as_of` (default: the knowledge base's date), the
        names and sources published after it are left out, as `show` leaves them. The whole iteration reads
        one snapshot of the store."""
        with self.snapshot():
            late = self.late_sources(self._as_of(as_of))
            for e in self._merged_entities():
                if late:
                    aliases = tuple(a for a in e.aliases if a.source not in late)
                    sources = tuple(x for x in e.sources if x not in late)
                    if len(aliases) != len(e.aliases) or len(sources) != len(e.sources):
                        e = dataclasses.replace(e, aliases=aliases, sources=sources)
                yield e

    def _merged_entities(self) -> Iterator[Entity]:
        records = list(self.store.iter_entities())  # the store reads them all at once anyway
        yield from _merged(records, self.index(), lambda name, source: Alias(name, source), dataclasses.replace)

    def entity_rows(self, as_of: str | None = None) -> Iterator[EntityRow]:
        """What `iter_entities` gives, by its rules and in its order (`as_of` too), as EntityRows read in
        bulk: what a whole-store export reads (an Entity and an Alias object per record and name were a fifth
        of its read). One snapshot."""
        with self.snapshot():
            records = self.store.entity_rows()
            idx = self.index()
            late = self.late_sources(self._as_of(as_of))
        new = tuple.__new__
        rows = _merged(
            records,
            idx,
            lambda name, source: new(AliasRow, (name, source, None, "zh" if has_han(name) else None)),
            lambda e, **fields: e._replace(**fields),
        )
        if not late:
            yield from rows
            return
        for e in rows:
            aliases = tuple(a for a in e.aliases if a[1] not in late)
            sources = tuple(x for x in e.sources if x not in late)
            yield (
                e
                if len(aliases) == len(e.aliases) and len(sources) == len(e.sources)
                else e._replace(aliases=aliases, sources=sources)
            )

    def entity_markings(self) -> dict[str, str]:
        """Merged entity id -> its own TLP level, for the entities whose records carry one: the most
        restrictive of its records' (a merged entity carries every name and source of its records, so it is
        shared no wider than the most restricted of them). What exports mark and leave out by (`Plan`)."""
        canon: dict[str, str] = self.index().canon
        found: dict[str, str] = {}
        for eid, mark in self.store.entity_markings().items():
            key = canon.get(eid, eid)
            found[key] = vocab.most_restrictive(found.get(key, mark), mark)
        return found

    def unreviewed_entities(self) -> set[str]:
        """The entities `iter_entities` leaves out as unreviewed: exports leave out the claims naming them
        too, so no relationship points at an object the export does not hold."""
        return self.store.entities_with_status(_UNREVIEWED)

    def iter_claims(self, as_of: str | None = None) -> Iterator[Claim]:
        """Accepted claims over merged entities (subject, object and assertor mapped to the merged one; a
        link between two records of one entity left out), streamed in the store's order; with `as_of`,
        only those known by then (the rule of the analyses). The whole iteration reads one snapshot."""
        with self.snapshot():
            yield from self._merged_claims(self._as_of(as_of))

    def _merged_claims(self, as_of: str | None) -> Iterator[Claim]:
        g = self.view(as_of).graph
        canon = g.canon
        for raw in self.store.iter_claims():
            if as_of is not None and not g.known_by(raw, as_of):
                continue
            c = on_entities(raw, canon)
            if c is not None:
                yield c

    def claim_rows(self, as_of: str | None = None) -> list[ClaimRow]:
        """The claims `iter_claims` gives, in its order and by its rules, as ClaimRows read in bulk: what
        a whole-store export reads (tens of thousands of Claim objects, each copied again when merged, were
        most of its read). One snapshot."""
        with self.snapshot():
            as_of = self._as_of(as_of)
            g = self.view(as_of).graph
            rows = self.store.claim_rows()
        canon = g.canon
        if as_of is not None:
            rows = [r for r in rows if g.known_by(r, as_of)]  # type: ignore[arg-type]  # reads Claim's names
        if not canon:  # no end moves, but a link of an entity to itself is left out as on_entities does
            return [r for r in rows if r[1] != r[3] or r[2] not in SELF_LINKS]
        out: list[ClaimRow] = []
        append, new = out.append, tuple.__new__
        for r in rows:  # on_entities, on a row
            _, subject, predicate, obj, value, assertor = r[:6]
            if subject not in canon and obj not in canon and assertor not in canon:  # most rows: no end moves
                if subject != obj or predicate not in SELF_LINKS:
                    append(r)
                continue
            ends = merged_ends(subject, predicate, obj, assertor, canon)
            if ends is None:
                continue
            s, o, a = ends
            append(
                r
                if s == subject and o == obj and a == assertor
                else new(ClaimRow, (r[0], s, predicate, o, value, a, *r[6:]))
            )
        return out

    def claim_parts(self, markings: Iterable[str]) -> ClaimParts:
        """The claims `claim_rows()` gives, in its order and by its rules, as ClaimParts: every row as the store
        gives it, and as a ClaimRow (its ends moved onto merged entities as `claim_rows` moves them, or None
        where that leaves it out) each claim that is not a plain relationship with one of `markings`. A plain
        relationship is most claims of a store imported from another tool's bundle, and no ClaimRow is built
        for it (building one per claim was a third of reading the 102k-object store's claims). What a
        whole-store STIX export reads. One snapshot."""
        with self.snapshot():
            canon = self.index().canon
            rows, sources = self.store.claim_columns()
        known, drop, whole_row = frozenset(markings), SELF_LINKS, self.store.claim_row
        whole: dict[str, ClaimRow | None] = {}
        for r in rows:
            cid, subject, predicate, obj, _, assertor, _, _, negated, vf, vt, _, _, ev_text, _, _, _, marking, note = r
            if subject == obj and predicate in drop:
                whole[cid] = None
            elif (
                obj is None or negated or vf is not None or vt is not None or ev_text is not None or note is not None
                or marking not in known or subject in canon or obj in canon or assertor in canon
            ):  # fmt: skip
                c = whole_row(r, sources.get(cid, NO_SOURCE))
                if subject in canon or obj in canon or assertor in canon:  # an end moves (claim_rows' rule)
                    ends = merged_ends(subject, predicate, obj, assertor, canon)
                    if ends is None:
                        whole[cid] = None
                        continue
                    s, o, a = ends
                    c = c._replace(subject=s, object=o, assertor=a)
                whole[cid] = c
        return ClaimParts(rows, whole, sources)

    def iter_sources(self, *, text: bool = True) -> Iterator[Source]:
        """Every source; with text=False without its text (exports read none)."""
        return self.store.iter_sources(text=text)

    def source_rows(self) -> list[SourceRow]:
        """Every source as a SourceRow (its fields but the text), in id order: what a whole-store export reads."""
        return self.store.source_rows()

    @consistent
    def names_of(self, entity_id: str) -> list[str]:
        """Every name and alias of a merged entity, across its records, its name first."""
        idx = self.index()
        eid = idx.canon.get(entity_id, entity_id)
        out = [idx.nodes[eid][1]] if eid in idx.nodes else []
        for rid in [eid, *idx.members.get(eid, ())]:
            e = self.store.get_entity(rid)
            if e is None:
                continue
            for n in [e.name, *(x.name for x in e.aliases)]:
                if n not in out:
                    out.append(n)
        return out

    @consistent
    def merges(self, name: str) -> dict[str, Any]:
        from cyberstate.analysis.merges import explain  # the merge machinery: only for this question

        return explain(self.store, self.entity_id(name))

    @consistent
    def merge_conflicts(self) -> dict[str, Any]:
        from cyberstate.analysis.merges import conflicts

        return conflicts(self.store)

    @kept
    def stats(self, as_of: str | None = None) -> StatsResult:
        a = self._as_of(as_of)
        return StatsResult.of(analysis.stats(self.store, self.view(a).graph, self.late_sources(a)))

    @consistent
    def source_report(self) -> dict[str, Any]:
        """Per assertor type, the share of curated claims resting on a primary source; the others listed."""
        from cyberstate.analysis.sources import source_report

        return source_report(self.store)

    def check(self, integrity: bool = False) -> dict[str, Any]:
        """The consistency checks; with `integrity`, SQLite's checks and the merge state first (a store
        with damaged pages is reported, not analysed). The integrity checks run outside a read snapshot:
        the merge state is checked by a trial recompute, a write that is rolled back."""
        if not integrity:
            with self.snapshot():
                return analysis.check(self.store, self.graph)
        from cyberstate.integrity import integrity as whole

        damage = whole(self.store)
        if any(f["kind"] == "sqlite" for f in damage):
            return {"ok": False, "findings": damage, "integrity": False}
        with self.snapshot():
            doc = analysis.check(self.store, self.graph)
        doc["findings"] = damage + doc["findings"]
        doc["ok"] = doc["ok"] and not damage
        doc["integrity"] = not damage
        return doc
