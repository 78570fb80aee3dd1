"""Query latency on the curated knowledge base: resolve, show, chain and province, p50 and p99.

The peer for `resolve` is the obvious implementation measured in the same run: a linear scan over
every stored name comparing the same normalised key. Figures are printed, never asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cyberstate import KnowledgeBase
from cyberstate.model.names import norm


def timed(fn: Callable[[str], object], inputs: list[str], repeat: int = 3) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        for x in inputs:
            t = time.perf_counter()
            fn(x)
            samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        with KnowledgeBase.open(db, create=True) as kb:
            report = kb.load()
        print(f"load: {report.entities} entities, {report.claims} claims in {time.perf_counter() - t:.2f} s")
        with KnowledgeBase.open(db) as kb:
            names = [h.name for h in kb.store.iter_names()]
            ids = list(kb.store.entity_kinds())
            every_name = [(norm(h.name), h.entity_id) for h in kb.store.iter_names()]

            def peer(q: str) -> list[str]:
                k = norm(q)
                return [eid for n, eid in every_name if n == k]

            rows = [
                ("resolve (every name)", timed(kb.resolve, names)),
                ("peer: linear scan", timed(peer, names)),
                ("show (every entity)", timed(kb.show, ids, repeat=1)),
                ("chain (every entity)", timed(kb.chain, ids, repeat=1)),
            ]
            provinces = [e.id for e in kb.store.iter_entities(kind="province")]
            rows.append(("province (all 34)", timed(kb.province, provinces)))
        print(f"{'query':24} {'p50 ms':>8} {'p99 ms':>8}")
        for label, (p50, p99) in rows:
            print(f"{label:24} {p50:8.3f} {p99:8.3f}")
        ratio = rows[1][1][0] / rows[0][1][0] if rows[0][1][0] else float("nan")
        print(f"resolve p50 vs peer p50: {ratio:.2f}x (>1 means cyberstate is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
