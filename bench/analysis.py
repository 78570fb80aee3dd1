"""Latency of the analyses over every China-nexus entity of a knowledge base built like `make run`:
chain, consensus and the province profile, p50 and p99 in ms. The peer, measured in the same run, is the
naive way to answer `chain`: rebuilding the claim graph from the store for every question (what a
stateless server without the in-memory graph would do). Figures are printed, never asserted."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cyberstate import KnowledgeBase
from cyberstate.analysis import Graph, chain
from cyberstate.analysis.consensus import consensus
from cyberstate.analysis.province import profile


def measure(fn: Callable[[str], object], ids: list[str]) -> tuple[float, float]:
    samples = []
    for eid in ids:
        t = time.perf_counter()
        fn(eid)
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with KnowledgeBase.open(db, create=True) as kb:
            kb.load()
            kb.import_galaxy()
        with KnowledgeBase.open(db) as kb:
            t = time.perf_counter()
            g = kb.graph
            print(f"claim graph: {len(g.nodes)} entities, built in {time.perf_counter() - t:.2f} s")
            china = kb.entity_id("China")
            nexus = sorted(
                {c.subject for cs in g.out.values() for c in cs if c.object == china}
                | {c.subject for cs in g.out.values() for c in cs if c.object == china}
            )
            provinces = [e for e, (k, _) in g.nodes.items() if k == "province"]
            print(f"China-nexus entities: {len(nexus)}; provinces: {len(provinces)}")
            rows = [
                ("chain", measure(lambda e: chain(g, e), nexus)),
                ("consensus", measure(lambda e: consensus(g, e), nexus)),
                ("province profile", measure(lambda e: profile(g, e), provinces)),
                ("peer: chain, graph rebuilt", measure(lambda e: chain(Graph.from_store(kb.store), e), nexus[:20])),
            ]
        print(f"{'question':28} {'p50 ms':>9} {'p99 ms':>9}")
        for label, (p50, p99) in rows:
            print(f"{label:28} {p50:9.2f} {p99:9.2f}")
        print(f"chain p50 vs peer p50: {rows[3][1][0] / rows[0][1][0]:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
