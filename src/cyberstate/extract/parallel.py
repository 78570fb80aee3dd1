"""Extraction of many texts on several cores: worker processes forked from the one that holds the
gazetteer, so they share it (copy on write) instead of each building it again from the store or receiving
it with every task, and extract whole texts and make their candidates; the parent only writes them.

Why processes: extraction is pure Python and holds the interpreter lock, so threads would share one core.
Where `fork` is not available (or the store is in memory), each worker builds the gazetteer from the store
once, in its initializer.

Why a stream: `ingest DIR` used to extract every text and only then write them all, so the parent's
writes (sources, candidates) ran while the workers sat idle, and on two workers the run took as long as
on one. `iter_candidates_many` yields each document's candidates in the order of the texts as soon as
they are made: the parent writes a document while the workers extract the next ones. Documents are read
(PDF and HTML converted) on the workers too, all of them before anything is written (`read_many`).

Why candidates on the workers: on two cores the parent's own work (turning an extraction into candidate
claims and entities, writing them, and the merge pass at the end) is what stays serial, so the candidates
(extract/candidates.py) are made where the extraction was made, and only they travel back (not the text,
nor the mentions and statements they were made from). The worker processes also start from a frozen
collector (`gc.freeze`): the gazetteer's hundred thousand objects they inherit are never walked by a
collection in a worker (which would also copy every page of them).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from cyberstate.extract.candidates import Candidates, candidates
from cyberstate.extract.core import WINDOW, country_mentions, iter_ranked
from cyberstate.extract.document import Document, read_document
from cyberstate.extract.mentions import Gazetteer, Mention

_WORKER: dict[str, Any] = {}
#: Texts of about this many characters in all go to a worker as one task: many short texts (galaxy
#: descriptions) cost one round trip per batch rather than one each.
BATCH_CHARS = 200_000
#: Documents whose reading converts them (PDF, HTML): worth reading on several processes.
_CONVERTED = frozenset({".pdf", ".html", ".htm", ".xhtml"})


def cores(workers: int) -> int:
    """The number of processes to use: 0 means every core of the machine."""
    return max(1, os.cpu_count() or 1) if workers <= 0 else workers


def _init(db_path: str, assertors: dict[str, str] | None = None) -> None:
    if "gazetteer" in _WORKER:
        return  # forked from the parent, which set it
    _WORKER["assertors"] = assertors
    from cyberstate.store.sqlite import SQLiteStore

    store = SQLiteStore(db_path, create=False)
    try:
        _WORKER["gazetteer"] = Gazetteer.from_store(store)
        _WORKER["countries"] = country_mentions(store)
    finally:
        store.close()


#: One document for `iter_candidates_many`: its text, the id of its source, its date of publication.
Work = tuple[str, str, str | None]


#: A text longer than this is extracted in several windows (`core.iter_extract`): its candidates are made and
#: written window by window, in the parent process, so no process holds more than one window's mentions,
#: statements and candidates; a shorter text is one part, made on a worker where there are several.
LONG = WINDOW + WINDOW // 2


def candidate_parts(
    text: str,
    sid: str,
    published: str | None,
    gazetteer: Gazetteer,
    countries: dict[str, Mention],
    assertors: dict[str, str],
) -> Iterator[Candidates]:
    """The candidates of one text, window by window (`core.iter_ranked`), in order: written in that order
    they are the rows that the candidates of the whole extraction, made at once, write."""
    titles: dict[str, str | None] = {}
    for x in iter_ranked(text, gazetteer, countries):
        yield candidates(x, sid, published=published, assertors=assertors, titles=titles)


def _candidates(work: list[Work]) -> list[list[Candidates]]:
    """The candidates of each document of a batch: what the parent would make of its extraction."""
    g, countries, assertors = _WORKER["gazetteer"], _WORKER["countries"], _WORKER["assertors"]
    return [list(candidate_parts(text, sid, published, g, countries, assertors)) for text, sid, published in work]


def _batches(work: list[Work], n: int) -> list[list[Work]]:
    """Consecutive documents grouped into tasks of about BATCH_CHARS of text, and at least about 4 tasks a
    worker so the last ones end together."""
    limit = max(1, min(BATCH_CHARS, sum(len(w[0]) for w in work) // (4 * n) + 1))
    out: list[list[Work]] = []
    size = limit
    for w in work:
        if size >= limit:
            out.append([])
            size = 0
        out[-1].append(w)
        size += len(w[0])
    return out


def _pool(n: int, db_path: str, shared: dict[str, Any]) -> ProcessPoolExecutor:
    """`n` worker processes holding `shared` (forked from this process, which holds it, where the platform
    forks; else each builds the gazetteer from the store in its initializer). The collector is frozen
    while they fork: see the module's docstring; `_close` thaws it."""
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else None)
    if forked:
        _WORKER.update(shared)
        gc.freeze()
    return ProcessPoolExecutor(
        max_workers=n, mp_context=context, initializer=_init, initargs=(db_path, shared.get("assertors"))
    )


def _close(pool: ProcessPoolExecutor) -> None:
    _WORKER.clear()
    gc.unfreeze()
    # a caller that stops early (a failed write) does not wait for the texts still queued
    pool.shutdown(wait=True, cancel_futures=True)


def iter_candidates_many(
    work: list[Work],
    gazetteer: Gazetteer,
    countries: dict[str, Mention],
    assertors: dict[str, str],
    db_path: str | None,
    workers: int = 1,
) -> Iterator[Iterable[Candidates]]:
    """The candidates (extract/candidates.py) of every document, in order, each as soon as it and the ones
    before it are done, as its parts (`candidate_parts`: one for a text of one window), which the caller reads
    to the end before it asks for the next document; extracted and made on `workers` processes when there is
    more than one document, but a text longer than LONG in this process, part by part as they are read.
    `assertors`: as `candidates` takes them."""
    short = [w for w in work if len(w[0]) <= LONG]
    n = min(cores(workers), len(short))
    if n <= 1 or db_path is None or db_path == ":memory:":
        for text, sid, published in work:
            yield candidate_parts(text, sid, published, gazetteer, countries, assertors)
        return
    pool = _pool(n, db_path, {"gazetteer": gazetteer, "countries": countries, "assertors": assertors})
    try:
        made = (parts for done in pool.map(_candidates, _batches(short, n)) for parts in done)  # the workers fork
        for text, sid, published in work:
            if len(text) <= LONG:
                yield next(made)
            else:
                yield candidate_parts(text, sid, published, gazetteer, countries, assertors)
    finally:
        _close(pool)


def read_many(paths: list[Path], workers: int = 1) -> list[Document]:
    """Every document read (`read_document`), in order, on `workers` processes: converting PDF and HTML is
    pure Python too. The first document that cannot be read raises its error, in the order of `paths`.
    Plain text and Markdown are read here: reading them takes less than starting the processes would."""
    n = min(cores(workers), len(paths))
    if n <= 1 or not any(p.suffix.lower() in _CONVERTED for p in paths):
        return [read_document(p) for p in paths]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=n, mp_context=context)
    try:
        return list(pool.map(read_document, paths, chunksize=max(1, len(paths) // (8 * n))))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
