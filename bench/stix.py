"""STIX 2.1 export and import speed, beside the reference library in the same run.

1. The store `make run` builds (./cyberstate.db, or the path given): export it, import the bundle into
   an empty store.
2. A generated bundle of 100,000+ objects in the shape other tools write (intrusion sets, malware,
   sectors, uses/targets relationships, no cyberstate extension): import it into an empty store (in a
   child process, whose peak resident memory is printed), export that store.

The peer is `stix2.parse` (the reference Python library; what a consumer or producer built on it does
for each object), run on the same objects in the same process. It is slow, so it runs on a random
sample of each bundle's objects and its rate is objects per second over that sample. Figures are
printed, never asserted.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.exchange.stix_export import iter_objects, write_bundle
from cyberstate.exchange.stix_import import import_bundle

SAMPLE = 3000


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


def peer_rate(bundle: Path) -> tuple[float, int]:
    """stix2.parse on a random sample of the bundle's objects: objects per second."""
    import stix2

    objs = json.loads(bundle.read_text())["objects"]
    sample = random.Random(7).sample(objs, min(SAMPLE, len(objs)))
    t = time.perf_counter()
    for o in sample:
        stix2.parse(o, allow_custom=True)
    return len(sample) / (time.perf_counter() - t), len(sample)


def export(db: Path, out: Path) -> tuple[int, float]:
    with KnowledgeBase.open(db) as kb:
        t = time.perf_counter()
        with out.open("w") as f:
            report = write_bundle(iter_objects(kb), f)
        return report.objects, time.perf_counter() - t


def import_into_empty(bundle: Path, db: Path) -> tuple[int, float]:
    with KnowledgeBase.open(db, create=True) as kb:
        t = time.perf_counter()
        report = import_bundle(kb.store, bundle)
        return report.objects, time.perf_counter() - t


def import_in_child(bundle: Path, db: Path) -> tuple[int, float, float, float]:
    """The import in a fresh process, so its peak resident memory is the import's own: objects, seconds,
    peak RSS and RSS before the import (MB)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child-import", str(bundle), str(db)], check=True, capture_output=True, text=True
    ).stdout
    doc = json.loads(out)
    return doc["objects"], doc["seconds"], doc["peak_mb"], doc["before_mb"]


def _child_import(bundle: Path, db: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n, s = import_into_empty(bundle, db)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"objects": n, "seconds": s, "peak_mb": peak, "before_mb": before}))


def line(what: str, n: int, seconds: float, peer: float) -> None:
    rate = n / seconds
    print(f"{what}: {n} objects in {seconds:.2f} s = {rate:,.0f} objects/s; stix2.parse {peer:,.0f} objects/s; "
          f"ratio {rate / peer:.1f}x")  # fmt: skip


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child-import":
        _child_import(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    store = Path(sys.argv[1] if len(sys.argv) > 1 else "cyberstate.db")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        if store.exists():
            n, s = export(store, t / "store.json")
            peer, k = peer_rate(t / "store.json")
            print(f"peer sample: {k} objects of the make-run export")
            line(f"export {store}", n, s, peer)
            n, s = import_into_empty(t / "store.json", t / "store-copy.db")
            line("import of that bundle into an empty store", n, s, peer)
        else:
            print(f"{store} not found: run `make run` first for the store figures")
        total = generate(t / "generated.json")
        size = (t / "generated.json").stat().st_size / 1e6
        peer, k = peer_rate(t / "generated.json")
        print(f"generated bundle: {total} objects, {size:.0f} MB; peer sample: {k} objects")
        n, s, peak, before = import_in_child(t / "generated.json", t / "generated.db")
        line("import of the generated bundle into an empty store", n, s, peer)
        print(f"import of the generated bundle: {s:.2f} s for {n} objects (target: under 10 s); "
              f"peak RSS {peak:.0f} MB ({before:.0f} MB before the import)")  # fmt: skip
        n, s = export(t / "generated.db", t / "generated-again.json")
        line("export of that store", n, s, peer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
