"""STIX 2.1 export and import speed, beside the reference library in the same run.

1. The store `make run` builds (./cyberstate.db, or the path given): export it, import the bundle into
   an empty store (in a child process, as below: an import's figures should not depend on what the
   export and the peer left in this process's heap).
2. A generated bundle of 100,000+ objects in the shape other tools write (intrusion sets, malware,
   sectors, uses/targets relationships, no cyberstate extension): import it into an empty store (in a
   child process, whose peak resident memory is printed), export that store.

The peer is `stix2.parse` (the reference Python library; what a consumer or producer built on it does
for each object, given the object already decoded from JSON), run on the same objects in the same
process. For an import it runs on a random sample of the bundle's objects, PEER_RUNS times, and its rate
is objects per second over that sample; the import runs IMPORT_RUNS times, each in a fresh child process
into a new empty store; the line gives the median of each. For an export it runs on every object the
export wrote, and both sides run several times, in turn: the export EXPORT_RUNS times (each opening the
store afresh), the peer PEER_RUNS times; the line gives the median of each (and every run, since a
shared machine's load moves them). Each import also prints its CPU time split into phases (`_timed`), the
least of its runs: where the time goes, object by object. Figures are printed, never asserted.
`--exports-only STORE` prints the two export lines alone (no import timed): `python bench/stix.py
--exports-only STORE`.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.exchange.stix_export import iter_serialised, write_bundle
from cyberstate.exchange.stix_import import import_bundle

SAMPLE = 3000
EXPORT_RUNS = 5
PEER_RUNS = 3
IMPORT_RUNS = 5


def generate(path: Path, n_sets: int = 8000, n_malware: int = 8000, n_sectors: int = 2000, n_rel: int = 84000) -> int:
    """An OpenCTI-style bundle: named objects with aliases and descriptions, and relationships."""
    rnd = random.Random(15)
    ts = "2025-01-01T00:00:00.000Z"

    def oid(t: str) -> str:
        return f"{t}--{uuid.UUID(int=rnd.getrandbits(128), version=4)}"

    sets = [oid("intrusion-set") for _ in range(n_sets)]
    malware = [oid("malware") for _ in range(n_malware)]
    sectors = [oid("identity") for _ in range(n_sectors)]
    count = 0
    with path.open("w") as f:
        f.write(json.dumps({"type": "bundle", "id": oid("bundle")})[:-1] + ', "objects": [\n')
        first = True

        def put(obj: dict[str, Any]) -> None:
            nonlocal first, count
            f.write(("" if first else ",\n") + json.dumps(obj))
            first = False
            count += 1

        common = {"spec_version": "2.1", "created": ts, "modified": ts}
        for i, s in enumerate(sets):
            put({"type": "intrusion-set", "id": s, **common, "name": f"Group {i}", "aliases": [f"G-{i}", f"Panda {i}"],
                 "description": f"A generated group number {i} for the benchmark."})  # fmt: skip
        for i, m in enumerate(malware):
            put({"type": "malware", "id": m, **common, "name": f"Malware {i}", "is_family": True,
                 "aliases": [f"MW{i}"]})  # fmt: skip
        for i, s in enumerate(sectors):
            put({"type": "identity", "id": s, **common, "name": f"Sector {i}", "identity_class": "class"})
        for _ in range(n_rel):
            src = rnd.choice(sets)
            if rnd.random() < 0.7:
                rel, tgt = "uses", rnd.choice(malware)
            else:
                rel, tgt = "targets", rnd.choice(sectors)
            put({"type": "relationship", "id": oid("relationship"), **common, "relationship_type": rel,
                 "source_ref": src, "target_ref": tgt, "confidence": rnd.choice([50, 70, 85])})  # fmt: skip
        f.write("\n]}\n")
    return count


@dataclass
class Run:
    """Objects handled, wall-clock seconds and CPU seconds of this process (on a shared machine the CPU
    time says what the work costs, the wall time what a user waits)."""

    objects: int
    wall: float
    cpu: float


class _Clock:
    def __enter__(self) -> _Clock:
        self.t, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.t, time.process_time() - self.c


def peer_rate(bundle: Path) -> Run:
    """stix2.parse on a random sample of the bundle's objects, PEER_RUNS times: the median run."""
    import stix2

    objs = json.loads(bundle.read_text())["objects"]
    sample = random.Random(7).sample(objs, min(SAMPLE, len(objs)))
    runs = []
    for _ in range(PEER_RUNS):
        with _Clock() as c:
            for o in sample:
                stix2.parse(o, allow_custom=True)
        runs.append(Run(len(sample), c.wall, c.cpu))
    return _median(runs)


def export(db: Path, out: Path) -> Run:
    with KnowledgeBase.open(db) as kb, _Clock() as c, out.open("w") as f:
        report = write_bundle(iter_serialised(kb), f)
    return Run(report.objects, c.wall, c.cpu)


def _median(runs: list[Run]) -> Run:
    """The run of median wall time, with the median CPU time of the runs."""
    ranked = sorted(runs, key=lambda r: r.wall)
    mid = ranked[len(ranked) // 2]
    return Run(mid.objects, mid.wall, sorted(r.cpu for r in runs)[len(runs) // 2])


def export_and_peer(db: Path, out: Path) -> tuple[tuple[Run, list[Run]], tuple[Run, list[Run]]]:
    """EXPORT_RUNS exports of the store (each from a freshly opened store) and PEER_RUNS runs of stix2.parse
    on every object the export wrote, taken in turn (an export, the peer, an export...) so that both meet
    the same load of a shared machine: the median and every run of each."""
    import stix2

    ours = [export(db, out)]
    objs = json.loads(out.read_text())["objects"]
    peer: list[Run] = []
    while len(ours) < EXPORT_RUNS or len(peer) < PEER_RUNS:
        if len(peer) < PEER_RUNS:
            with _Clock() as c:
                for o in objs:
                    stix2.parse(o, allow_custom=True)
            peer.append(Run(len(objs), c.wall, c.cpu))
        if len(ours) < EXPORT_RUNS:
            ours.append(export(db, out))
    return (_median(ours), ours), (_median(peer), peer)


def export_line(what: str, db: Path, out: Path) -> None:
    """An export's figures beside stix2.parse on the same objects: medians, ratio, and every run."""
    (run, runs), (prun, pruns) = export_and_peer(db, out)
    line(what, run, prun)
    print(f"  runs: export {', '.join(f'{r.wall:.2f}' for r in runs)} s (median of {len(runs)}); "
          f"stix2.parse on the same {prun.objects} objects {', '.join(f'{r.wall:.2f}' for r in pruns)} s "
          f"(median of {len(pruns)})")  # fmt: skip


def import_into_empty(bundle: Path, db: Path) -> Run:
    with KnowledgeBase.open(db, create=True) as kb:
        with _Clock() as c:
            report = import_bundle(kb.store, bundle)
        return Run(report.objects, c.wall, c.cpu)


def import_in_child(bundle: Path, db: Path) -> tuple[Run, float, float, str]:
    """The import in a fresh process, so its peak resident memory is the import's own, IMPORT_RUNS times
    into a new empty store: the median run, the highest peak RSS and RSS before the import (MB), and a line
    of each phase's CPU time: the least of the runs (a shared machine only ever adds to it), µs an object."""
    runs, peak, before = [], 0.0, 0.0
    phases: dict[str, list[float]] = {}
    for k in range(IMPORT_RUNS):
        target = db.with_name(f"{db.stem}-{k}{db.suffix}")
        out = subprocess.run(
            [sys.executable, __file__, "--child-import", str(bundle), str(target)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        doc = json.loads(out)
        runs.append(Run(doc["objects"], doc["wall"], doc["cpu"]))
        peak, before = max(peak, doc["peak_mb"]), max(before, doc["before_mb"])
        for phase, spent in doc["phases"].items():
            phases.setdefault(phase, []).append(spent)
        if k < IMPORT_RUNS - 1:
            for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)
    for tail in ("", "-wal", "-shm"):  # the last store is the one the export reads
        if Path(f"{target}{tail}").exists():
            os.replace(f"{target}{tail}", f"{db}{tail}")
    n, least = runs[0].objects, min(r.cpu for r in runs)
    text = (f"  phases (CPU s, least of {len(runs)} runs; µs an object): "
            + "; ".join(f"{k} {min(v):.2f} ({min(v) / n * 1e6:.1f})" for k, v in phases.items())
            + f"; all {least:.2f} ({least / n * 1e6:.1f})")  # fmt: skip
    return _median(runs), peak, before, text


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM on Linux (ru_maxrss there keeps the high-water mark of
    the process before exec, here the parent that holds the peer's parsed sample)."""
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: The phases of an import, as `_timed` splits its CPU time (the rest is the write pass's reading and mapping).
PHASES = ("first pass", "new file", "SQLite rows", "indexes, trigger", "commit", "merge check", "write pass (Python)")


def _timed() -> dict[str, float]:
    """Wrap the import's phases in CPU timers (in the child process only): the first pass (`_scan`: reading,
    decoding and checking every object), the rows SQLite inserts (`BulkWriter.flush`), the indexes and
    trigger built again (`BulkWriter.finish`), the COMMIT, the merge check (`_remerge`). An import into an
    empty store writes its rows to a new file (`store.fresh.FreshBuild`): "new file" is making it (its
    schema, by the migrations) and "commit" its COMMIT, opening it again for the records kept for `put_*`
    (`FreshBuild.finish` after the indexes) and copying it into the store (`FreshBuild.commit`). The caller
    puts the rest of the import's CPU time under the write pass: its reading, decoding and mapping to rows."""
    from cyberstate.exchange import stix_import
    from cyberstate.store import fresh, sqlite

    spent = dict.fromkeys(PHASES, 0.0)

    def timer(owner: Any, name: str, phase: str, only: str | None = None) -> None:
        inner = getattr(owner, name)

        def timed(*args: Any, **kw: Any) -> Any:
            if only is not None and not str(args[1]).startswith(only):
                return inner(*args, **kw)
            c = time.process_time()
            try:
                return inner(*args, **kw)
            finally:
                spent[phase] += time.process_time() - c

        setattr(owner, name, timed)

    timer(stix_import, "_scan", "first pass")
    timer(stix_import, "_remerge", "merge check")
    timer(sqlite.BulkWriter, "flush", "SQLite rows")
    finish = sqlite.BulkWriter.finish

    def finished(self: Any) -> None:
        self.flush()  # the rows still buffered count as rows
        c = time.process_time()
        finish(self)
        spent["indexes, trigger"] += time.process_time() - c

    sqlite.BulkWriter.finish = finished  # type: ignore[method-assign]
    timer(sqlite._Connection, "execute", "commit", only="COMMIT")
    timer(fresh.FreshBuild, "__init__", "new file")
    build_finish = fresh.FreshBuild.finish

    def built(self: Any) -> Any:
        self.bulk.finish()  # timed above as the indexes (finish() finds nothing left to do after it)
        c = time.process_time()
        try:
            return build_finish(self)
        finally:
            spent["commit"] += time.process_time() - c

    fresh.FreshBuild.finish = built  # type: ignore[method-assign]
    timer(fresh.FreshBuild, "commit", "commit")
    return spent


def _child_import(bundle: Path, db: Path) -> None:
    spent = _timed()
    before = _peak_mb()
    run = import_into_empty(bundle, db)
    peak = _peak_mb()
    spent["write pass (Python)"] = run.cpu - sum(spent.values())
    print(json.dumps({"objects": run.objects, "wall": run.wall, "cpu": run.cpu, "peak_mb": peak, "before_mb": before,
                      "phases": spent}))  # fmt: skip


def line(what: str, ours: Run, peer: Run) -> None:
    rate, prate = ours.objects / ours.wall, peer.objects / peer.wall
    crate, pcrate = ours.objects / ours.cpu, peer.objects / peer.cpu
    print(f"{what}: {ours.objects} objects in {ours.wall:.2f} s = {rate:,.0f} objects/s; "
          f"stix2.parse {prate:,.0f} objects/s; ratio {rate / prate:.1f}x  "
          f"[CPU time: {ours.cpu:.2f} s = {crate:,.0f} objects/s; stix2.parse {pcrate:,.0f}; "
          f"ratio {crate / pcrate:.1f}x]")  # fmt: skip


def exports_only(store: Path) -> int:
    """`--exports-only`: the two export lines alone (the store's, and the generated bundle's store's, that
    store built by one import that is not timed), for comparing two versions of the export in turn."""
    _load("start")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        export_line(f"export {store}", store, t / "store.json")
        generate(t / "generated.json")
        with KnowledgeBase.open(t / "generated.db", create=True) as kb:
            import_bundle(kb.store, t / "generated.json")
        export_line("export of the generated bundle's store", t / "generated.db", t / "generated-again.json")
    _load("end")
    return 0


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child-import":
        _child_import(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--exports-only":
        return exports_only(Path(sys.argv[2]))
    store = Path(sys.argv[1] if len(sys.argv) > 1 else "cyberstate.db")
    _load("start")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        if store.exists():
            export_line(f"export {store}", store, t / "store.json")
            peer = peer_rate(t / "store.json")
            print(f"peer sample: {peer.objects} objects of the make-run export")
            run, peak, before, phases = import_in_child(t / "store.json", t / "copy.db")
            line("import of that bundle into an empty store", run, peer)
            print(phases)
            print(f"import of that bundle: peak RSS {peak:.0f} MB ({before:.0f} MB before the import)")
        else:
            print(f"{store} not found: run `make run` first for the store figures")
        total = generate(t / "generated.json")
        size = (t / "generated.json").stat().st_size / 1e6
        peer = peer_rate(t / "generated.json")
        print(f"generated bundle: {total} objects, {size:.0f} MB; peer sample: {peer.objects} objects")
        run, peak, before, phases = import_in_child(t / "generated.json", t / "generated.db")
        line("import of the generated bundle into an empty store", run, peer)
        print(phases)
        print(f"import of the generated bundle: {run.wall:.2f} s ({run.cpu:.2f} s CPU) for {run.objects} objects "
              f"(target: under 10 s); peak RSS {peak:.0f} MB ({before:.0f} MB before the import)")  # fmt: skip
        export_line("export of that store", t / "generated.db", t / "generated-again.json")
    _load("end")
    return 0


def _load(when: str) -> None:
    """The machine's load average: on a shared machine, what the wall-clock figures were measured under."""
    one, five, fifteen = os.getloadavg()
    print(f"load average at the {when}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    sys.exit(main())
