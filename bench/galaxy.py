"""Galaxy import and name resolution at full size.

Imports every default cluster into an empty store (then again: the re-import), and times `resolve`
over every name in the store (p50, p99). The peer, measured in the same run on the same names, is
SQLite's own FTS5 lookup of each name (what a store-backed search would do). Figures are printed,
never asserted.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cyberstate import KnowledgeBase


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * q))]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with KnowledgeBase.open(db, create=True) as kb:
            kb.load()
            t = time.perf_counter()
            first = kb.import_galaxy()
            t_first = time.perf_counter() - t
            t = time.perf_counter()
            second = kb.import_galaxy()
            t_second = time.perf_counter() - t
        print(
            f"import (all {len(first.clusters)} clusters, empty store): {t_first:.2f} s; "
            f"{first.records} records, {first.aliases} aliases, {first.claims} claims, {first.sources} sources"
        )
        print(f"re-import: {t_second:.2f} s; changed {second.written}, retracted {second.retracted}")
        with KnowledgeBase.open(db) as kb:
            t = time.perf_counter()
            kb.resolve("warm-up")
            print(f"name index build: {(time.perf_counter() - t) * 1000:.0f} ms")
            names = sorted({h.name for h in kb.store.iter_names()})
            random.Random(7).shuffle(names)
            ours, peer = [], []
            for n in names:
                t = time.perf_counter()
                kb.resolve(n)
                ours.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                kb.store.search_names(n, limit=10)
                peer.append((time.perf_counter() - t) * 1000)
        print(f"resolve over {len(names)} names: p50 {statistics.median(ours):.3f} ms, p99 {pct(ours, 0.99):.3f} ms")
        print(f"peer (FTS5 query per name): p50 {statistics.median(peer):.3f} ms, p99 {pct(peer, 0.99):.3f} ms")
        print(f"ratio peer/resolve at p50: {statistics.median(peer) / statistics.median(ours):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
