"""The read model against today's rebuild-per-call approach, measured in the same run.

    python bench/readmodel.py [--db cyberstate.db]            # the `make run` store
    python bench/readmodel.py --synthetic-claims 1000000       # a synthetic store (built once, then reused)
    python bench/readmodel.py --synthetic /tmp/syn.db          # a store from bench/synthetic.py

On the `make run` store: p50/p99 in-process of resolve, show, chain, province, consensus and timeline
over every China-nexus entity (every entity with a claim whose object is China), with one long-lived
`Service`; `stats --coverage` and `theses` on a freshly opened service; the wall time of the whole
commands `cyberstate chain APT31 --json`, `stats --coverage` and `theses` (median and max of 10 runs).
The peer ("rebuild") is the earlier approach: the whole claim graph built from the store for every
question (`Graph.from_store`, still callable) and the analysis run on it; for coverage, as before,
voices recomputed for every group. The peer runs on a sample of entities (it takes about a second per
question). On a synthetic store: time to open the service, chain and province p50/p99 over sampled
groups and every province (first ask, and asked again; a province answers one page, as it does by
default, and, on a service of its own, every entity it holds), and peak memory (ru_maxrss) before the
peer's graph is built; beside each, the peer's graph build plus the same analysis. `--synthetic-claims N`
builds the store with bench/synthetic.py --bulk under the temporary folder, named by N, the seed and a
hash of the generator's source, and reuses it while the generator is unchanged. Figures are printed,
never asserted; CPU (user+sys of the process) is printed beside wall time because the machine may be
shared.
"""

from __future__ import annotations

import argparse
import functools
import gc
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from cyberstate.analysis import Graph, chain
from cyberstate.analysis.consensus import consensus
from cyberstate.analysis.coverage import coverage
from cyberstate.analysis.describe import describe
from cyberstate.analysis.province import PAGE, profile
from cyberstate.analysis.theses import theses
from cyberstate.analysis.timeline import timeline
from cyberstate.resolve.names import NameIndex, resolve
from cyberstate.service import Service
from cyberstate.store.sqlite import SQLiteStore


def pct(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s), s[min(len(s) - 1, int(len(s) * 0.99))]


class Timing(NamedTuple):
    """p50 and p99 of wall milliseconds, and of CPU milliseconds (user+sys of this process); the spread
    of the wall times (p10 and p90) and how many asks they are of."""

    p50: float
    p99: float
    cpu_p50: float
    cpu_p99: float
    p10: float = 0.0
    p90: float = 0.0
    n: int = 0


def timing(samples: list[float], cpu: list[float]) -> Timing:
    s = sorted(samples)
    return Timing(*pct(samples), *pct(cpu), s[int(len(s) * 0.1)], s[min(len(s) - 1, int(len(s) * 0.9))], len(s))


def measure(fn: Callable[[str], object], ids: list[str]) -> Timing:
    return timing(*_samples(fn, ids))


def _samples(fn: Callable[[str], object], ids: list[str]) -> tuple[list[float], list[float]]:
    samples, cpu = [], []
    for eid in ids:
        t, c = time.perf_counter(), time.process_time()
        fn(eid)
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return samples, cpu


def first_asks(db: Path, ids: list[str], rounds: int, ask: Callable[[Service, str], object], walk: bool) -> Timing:
    """Every id asked once on each of `rounds` services of their own (so every ask is a first ask, with
    nothing kept in the process), each opened as a long-lived service is (its index read first, not
    timed). `walk`: the province walked from the claims as before, not read from the store's walks."""
    samples: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        svc = Service.open(db)
        svc.index()
        if walk:
            svc.view().graph.use_placements = False
        w, c = _samples(functools.partial(ask, svc), ids)
        samples += w
        cpu += c
        svc.close()
        del svc
        gc.collect()  # one service at a time: the next opens after this one is gone
    return timing(samples, cpu)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def row(label: str, new: tuple[float, float], old: tuple[float, float] | None, unit: str = "ms: p50 p99") -> None:
    ratio = (
        (f"{old[0] / new[0]:8.0f}x" if old[0] / new[0] >= 10 else f"{old[0] / new[0]:8.1f}x")
        if old and new[0]
        else " " * 9
    )
    o = f"{old[0]:10.1f} {old[1]:10.1f}" if old else f"{'':10} {'':10}"
    c = (
        f"  cpu p50 {new.cpu_p50:.2f} p99 {new.cpu_p99:.2f}"
        + (f"; p10-p90 {new.p10:.2f}-{new.p90:.2f}, {new.n} asks" if new.n else "")
        if isinstance(new, Timing)
        else ""
    )
    print(f"{label:34} {new[0]:9.2f} {new[1]:9.2f}   {o}  {ratio}  ({unit}){c}")


def old_coverage(store: Any, country: str) -> None:
    """Coverage as it was computed before: one graph, the voices recomputed for every group's chain."""
    g = Graph.from_store(store)
    for eid, (kind, _) in g.nodes.items():
        if kind == "threat_group":
            chain(g, eid)
    coverage(g, country)


def old_theses(store: Any, country: str) -> None:
    """The theses as computed before: one graph, every group's and operation's chain computed twice
    (once to find the nexus, once to bucket it), each with its own voices."""
    g = Graph.from_store(store)
    for eid, (kind, _) in g.nodes.items():
        if kind in {"threat_group", "operation"}:
            chain(g, eid)
            chain(g, eid)
    theses(g, country)


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


#: Commands run as a user runs them: with Python's bytecode cache (a shell that sets
#: PYTHONDONTWRITEBYTECODE makes every run compile every module again, about 0.3 s).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_timed(cmd: list[str]) -> tuple[float, float, str]:
    t, c = time.perf_counter(), child_cpu()
    p = subprocess.run(cmd, capture_output=True, text=True, env=USER_ENV)
    if p.returncode != 0:
        raise SystemExit(p.stderr)
    return time.perf_counter() - t, child_cpu() - c, p.stdout


def make_run_store(db: Path, sample: int) -> None:
    svc = Service.open(db)
    store = SQLiteStore(db, create=False)  # the peer's own connection
    china = svc.entity_id("China")
    nexus = sorted({c.subject for c in store.claims_about([china], role="object")} - {china})
    nexus = [svc.index().canon.get(e, e) for e in nexus]
    nexus = sorted(set(nexus) & set(svc.index().nodes))
    provinces = sorted(e for e, (k, _) in svc.index().nodes.items() if k == "province")
    names = [svc.index().nodes[e][1] for e in nexus]
    rnd = random.Random(9)
    peer_ids = rnd.sample(nexus, min(sample, len(nexus)))
    peer_provinces = rnd.sample(provinces, min(sample, len(provinces)))
    print(f"store {db}: {len(svc.index().nodes)} entities; China-nexus entities: {len(nexus)}; peer sample {sample}")
    print(f"{'question':34} {'new p50':>9} {'new p99':>9}   {'old p50':>10} {'old p99':>10}  {'ratio':>8}")

    def rebuilt() -> Graph:
        return Graph.from_store(store)

    rows = [
        ("resolve", lambda n: svc.resolve(n), lambda n: resolve(store, n, index=NameIndex(store)), names),
        ("show", lambda e: svc.show(e), lambda e: describe(store, e), nexus),
        ("chain", lambda e: svc.chain(e), lambda e: chain(rebuilt(), e), nexus),
        ("province", lambda e: svc.province(e), lambda e: profile(rebuilt(), e), provinces),
        ("consensus", lambda e: svc.consensus(e), lambda e: consensus(rebuilt(), e), nexus),
        ("timeline", lambda e: svc.timeline(e), lambda e: timeline(rebuilt(), e), nexus),
    ]
    for label, new, old, ids in rows:
        peer = peer_provinces if ids is provinces else (rnd.sample(names, len(peer_ids)) if ids is names else peer_ids)
        row(label, measure(new, ids), measure(old, peer))
    svc.close()
    for label, new, old in (
        (
            "stats --coverage (fresh service)",
            lambda: Service.open(db).coverage(),
            lambda: old_coverage(store, china),
        ),
        ("theses (fresh service)", lambda: Service.open(db).theses(), lambda: old_theses(store, china)),
    ):
        row(label, timed(new), timed(old), "s: wall cpu")
    code = (
        "import json,sys; from cyberstate.store.sqlite import SQLiteStore; "
        "from cyberstate.analysis import Graph, chain;"
        f"s=SQLiteStore({str(db)!r}, create=False); sys.stdout.write(json.dumps(chain(Graph.from_store(s), 'apt31'),"
        "default=str))"
    )
    here = Path(__file__).resolve().parent
    opening = (
        f"import sys; sys.path.insert(0, {str(here)!r}); import readmodel as r; "
        f"from cyberstate.store.sqlite import SQLiteStore; s = SQLiteStore({str(db)!r}, create=False); "
    )
    peer_of = {
        "chain APT31 --json": [sys.executable, "-c", code],
        "stats --coverage": [sys.executable, "-c", opening + f"r.old_coverage(s, {china!r})"],
        "theses": [sys.executable, "-c", opening + f"r.old_theses(s, {china!r})"],
    }
    for command, peer in peer_of.items():
        cmd = [sys.executable, "-m", "cyberstate", "--db", str(db), *command.split()]
        run_timed(cmd)  # the first run writes the bytecode cache
        new_runs = [run_timed(cmd) for _ in range(10)]
        old_runs = [run_timed(peer) for _ in range(3)]
        if command.endswith("--json"):
            json.loads(new_runs[0][2])
        walls = [r[0] for r in new_runs]
        print(
            f"cyberstate {command:26} wall median {statistics.median(walls):.2f} s, max {max(walls):.2f} s, "
            f"cpu median {statistics.median(r[1] for r in new_runs):.2f} s (10 runs); rebuild: wall median "
            f"{statistics.median(r[0] for r in old_runs):.2f} s, cpu {statistics.median(r[1] for r in old_runs):.2f} s "
            f"(3 runs); ratio {statistics.median(r[0] for r in old_runs) / statistics.median(walls):.1f}x"
        )


def synthetic_store(db: Path, sample: int, rounds: int) -> None:
    with Service.open(db) as kb:  # as every write through the read model does: each province's walk stored
        if walked := kb.refresh_placements():
            print(f"stored the walks of {walked} provinces (the store was written by an earlier walk)")
    t, c = time.perf_counter(), time.process_time()
    svc = Service.open(db)
    idx = svc.index()
    opened = (time.perf_counter() - t, time.process_time() - c)
    groups = sorted(e for e, (k, _) in idx.nodes.items() if k == "threat_group")
    provinces = sorted(e for e, (k, _) in idx.nodes.items() if k == "province")
    rnd = random.Random(9)
    g_ids = rnd.sample(groups, min(200, len(groups)))
    counts = svc.store.counts()["totals"]
    print(f"synthetic store {db}: {counts}")
    print(f"{'question':34} {'new p50':>9} {'new p99':>9}   {'old p50':>10} {'old p99':>10}  {'ratio':>8}")
    chain_t = measure(lambda e: svc.chain(e), g_ids)
    # asked again: the answer is kept until the store changes
    chain_w = measure(lambda e: svc.chain(e), g_ids)
    for p in provinces:
        svc.province(p)
    prov_w = measure(lambda e: svc.province(e), provinces * rounds)
    # one long-lived service, every question above asked on it (the services below are opened one at a time
    # after it is closed; each holds the index again, so the peak is taken here)
    peak_new = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    svc.close()
    svc = None  # type: ignore[assignment]
    gc.collect()
    # first asks: every province on services of their own, read from the store's walks, and walked from
    # the claims as before the walks were stored (the same code path, in the same run); one page, and
    # every entity; the rounds alternate so that load on a shared machine falls on both alike
    page = lambda k, e: k.province(e)  # noqa: E731
    whole = lambda k, e: k.province(e, limit=None)  # noqa: E731
    got: dict[str, list[Timing]] = {"stored": [], "walked": [], "all": [], "all walked": []}
    for _ in range(rounds):
        got["stored"].append(first_asks(db, provinces, 1, page, False))
        got["walked"].append(first_asks(db, provinces, 1, page, True))
        got["all"].append(first_asks(db, provinces, 1, whole, False))
        got["all walked"].append(first_asks(db, provinces, 1, whole, True))
    prov_t, prov_old, prov_all, prov_all_old = (merged(got[k]) for k in ("stored", "walked", "all", "all walked"))
    with Service.open(db) as kb:
        listed = statistics.median(kb.province(p, limit=None).total for p in provinces)
    store = SQLiteStore(db, create=False)
    holder: dict[str, Graph] = {}
    build = timed(lambda: holder.setdefault("g", Graph.from_store(store)))
    g = holder["g"]
    ms = build[0] * 1000
    old_chain = measure(lambda e: chain(g, e), g_ids[:sample])
    old_prov = measure(lambda e: profile(g, e), provinces[:sample])
    peak_old = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row("open (index read)", opened, build, "s: wall cpu; old: the full graph build")
    for label, new, old in (
        ("chain (groups, first ask)", chain_t, old_chain),
        ("chain (groups, asked again)", chain_w, old_chain),
        (f"province (first ask, page {PAGE})", prov_t, old_prov),
        ("province (asked again)", prov_w, old_prov),
        ("province (first ask, every entity)", prov_all, old_prov),
    ):
        row(label, new, (ms + old[0], ms + old[1]), "ms: p50 p99; old: graph build + analysis")
    print(
        f"the province walked from the claims (as before the store kept each province's walk), same run, "
        f"{rounds} rounds:"
    )
    for label, new, old in (
        (f"province (first ask, page {PAGE})", prov_t, prov_old),
        ("province (first ask, every entity)", prov_all, prov_all_old),
    ):
        row(label, new, old, "ms: p50 p99; old: walked")
    print(f"a province lists {listed:.0f} entities (median); the answer lists the first {PAGE} and says so")
    print(f"peak memory: read model {peak_new:.0f} MB; after the old full graph {peak_old:.0f} MB")


def merged(parts: list[Timing]) -> Timing:
    """The p50/p99 of rounds measured apart, as one measurement: the median of their p50s, the largest
    p99, and the outer p10/p90 (each round holds the same asks)."""
    return Timing(
        statistics.median(t.p50 for t in parts),
        max(t.p99 for t in parts),
        statistics.median(t.cpu_p50 for t in parts),
        max(t.cpu_p99 for t in parts),
        min(t.p10 for t in parts),
        max(t.p90 for t in parts),
        sum(t.n for t in parts),
    )


def cached_synthetic(claims: int, seed: int = 9) -> Path:
    """The synthetic store of `claims` claims, built once under the temporary folder and reused while
    bench/synthetic.py (hashed into its name) is unchanged; built under another name and renamed, so an
    interrupted build is never reused."""
    here = Path(__file__).resolve().parent
    key = hashlib.sha256((here / "synthetic.py").read_bytes() + str(seed).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / "cyberstate-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"synthetic-{claims}-{key}.db"
    if path.exists():
        print(f"reusing {path} (bench/synthetic.py unchanged)")
        return path
    sys.path.insert(0, str(here))
    import synthetic

    part = path.with_suffix(f".part{os.getpid()}")
    t = time.perf_counter()
    synthetic.build(part, claims, seed, bulk=True)
    part.rename(path)
    print(f"built {path} in {time.perf_counter() - t:.0f} s")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path("cyberstate.db"), help="the make-run store")
    ap.add_argument("--synthetic", type=Path, help="a store from bench/synthetic.py instead")
    ap.add_argument(
        "--synthetic-claims", type=int, help="a synthetic store of this many claims (built once, then reused)"
    )
    ap.add_argument("--sample", type=int, default=15, help="entities the rebuild-per-call peer is run on")
    ap.add_argument(
        "--rounds", type=int, default=5, help="synthetic store: services each province is first asked on (default 5)"
    )
    args = ap.parse_args()
    if args.synthetic or args.synthetic_claims:
        synthetic_store(args.synthetic or cached_synthetic(args.synthetic_claims), args.sample, args.rounds)
    else:
        if not args.db.exists():
            print(f"{args.db}: no store; run `make run` first", file=sys.stderr)
            return 1
        make_run_store(args.db, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
