"""Extraction of many texts on several cores: each worker process builds the gazetteer once from the
store (read only) and extracts whole texts; the parent writes the results in its one transaction.

Why processes: extraction is pure Python and holds the interpreter lock, so threads would share one core.
"""

from __future__ import annotations

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
    """The extraction of every text, in order; on `workers` processes when there is more than one text."""
    n = min(cores(workers), len(texts))
    if n <= 1 or db_path is None or db_path == ":memory:":
        return [extract_text(t, gazetteer, countries) for t in texts]
    with ProcessPoolExecutor(max_workers=n, initializer=_init, initargs=(db_path,)) as pool:
        return list(pool.map(_extract, texts, chunksize=1))
