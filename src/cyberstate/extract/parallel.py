"""Extraction of many texts on several cores: worker processes forked from the one that holds the
gazetteer, so they share it (copy on write) instead of each building it again from the store, and
extract whole texts; the parent writes the results in its one transaction.

Why processes: extraction is pure Python and holds the interpreter lock, so threads would share one core.
Where `fork` is not available (or the store is in memory), each worker builds the gazetteer from the store.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from cyberstate.extract.core import Extraction, country_mentions, extract_text
from cyberstate.extract.mentions import Gazetteer, Mention

_WORKER: dict[str, Any] = {}


def cores(workers: int) -> int:
    """The number of processes to use: 0 means every core of the machine."""
    return max(1, os.cpu_count() or 1) if workers <= 0 else workers


def _init(db_path: str) -> None:
    if "gazetteer" in _WORKER:
        return  # forked from the parent, which set it
    from cyberstate.store.sqlite import SQLiteStore

    store = SQLiteStore(db_path, create=False)
    try:
        _WORKER["gazetteer"] = Gazetteer.from_store(store)
        _WORKER["countries"] = country_mentions(store)
    finally:
        store.close()


def _extract(text: str) -> Extraction:
    return extract_text(text, _WORKER["gazetteer"], _WORKER["countries"])


def extract_many(
    texts: list[str], gazetteer: Gazetteer, countries: dict[str, Mention], db_path: str | None, workers: int = 1
) -> list[Extraction]:
    """The extraction of every text, in order; on `workers` processes when there is more than one text.
    Larger texts go first, so no process is left with a long one at the end."""
    n = min(cores(workers), len(texts))
    if n <= 1 or db_path is None or db_path == ":memory:":
        return [extract_text(t, gazetteer, countries) for t in texts]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        _WORKER.update(gazetteer=gazetteer, countries=countries)
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_init, initargs=(db_path,)) as pool:
            done = list(pool.map(_extract, [texts[i] for i in order], chunksize=1))
    finally:
        _WORKER.clear()
    out: list[Extraction] = [done[0]] * len(texts)
    for k, i in enumerate(order):
        out[i] = done[k]
    return out
