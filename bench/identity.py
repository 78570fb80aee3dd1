"""Extraction output kept identical across speed work: the JSON `cyberstate extract` prints (mentions and
claims) for every document of the evaluation set (dev less its held-out batches; never the test split), the
older gold set, the seed articles and the first galaxy descriptions, saved once and compared after each change.

    .venv/bin/python bench/identity.py save  OUT.json [--db PATH]
    .venv/bin/python bench/identity.py check OUT.json [--db PATH]

`check` prints the documents whose output differs and exits 1 if any does. The store (curated data and
the MISP galaxy, as `make run` builds it before ingesting) is built at PATH when it is missing; the
gazetteer is built from it, so both runs must use the same store. A change to the extraction rules
changes the output on purpose: save again after it.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from cyberstate import KnowledgeBase
from cyberstate.extract import Gazetteer, extract_text
from cyberstate.extract.core import country_mentions
from cyberstate.extract.mentions import Mention

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from evalset import HELD  # noqa: E402  (the held-out batches' ids)

SEEDS = Path("/work/shared/seeds")
DESCRIPTIONS = 300


def texts(kb: KnowledgeBase) -> dict[str, str]:
    out: dict[str, str] = {}
    # the test split and the held-out batches are scored by no one but whoever reports the final figures: no
    # run that prints or compares outputs reads them
    for path in sorted((ROOT / "tests/data/eval/dev").glob("*.yaml")):
        if path.stem in HELD:
            continue
        out[f"eval/dev/{path.stem}"] = yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
    for path in sorted((ROOT / "tests/data/gold").rglob("*.txt")):
        out[f"gold/{path.relative_to(ROOT / 'tests/data/gold')}"] = path.read_text(encoding="utf-8")
    for s in sorted(kb.store.iter_sources(), key=lambda s: s.id):
        if s.text:
            out[f"source/{s.id}"] = s.text
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            out[f"seed/{path.name}"] = path.read_text(encoding="utf-8")
    attrs = kb.store.entity_attrs()
    for eid in sorted(attrs)[:DESCRIPTIONS]:
        if attrs[eid].get("description"):
            out[f"description/{eid}"] = attrs[eid]["description"]
    return out


def prepared(db: Path) -> tuple[Gazetteer, dict[str, Mention], dict[str, str]]:
    """What a run over `texts` needs, read from the store at `db`: the gazetteer, the countries and the texts. A
    missing store is made as `make run` makes it before ingesting (curated data and the MISP galaxy), so the
    benchmarks that read these documents measure against the same names."""
    if not db.exists():
        with KnowledgeBase.open(db, create=True) as kb:
            kb.load()
            kb.import_galaxy()
    with KnowledgeBase.open(db) as kb:
        return Gazetteer.from_store(kb.store), country_mentions(kb.store), texts(kb)


def run(db: Path) -> dict[str, Any]:
    gazetteer, countries, docs = prepared(db)
    t = time.perf_counter()
    out = {k: extract_text(v, gazetteer, countries).as_dict() for k, v in docs.items()}
    took = time.perf_counter() - t
    size = sum(len(v) for v in docs.values())
    print(f"{len(docs)} documents, {size / 1e6:.2f} MB, extracted in {took:.1f} s", file=sys.stderr)
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"save", "check"}:
        print(__doc__, file=sys.stderr)
        return 2
    verb, path = argv[0], Path(argv[1])
    db = Path(argv[argv.index("--db") + 1]) if "--db" in argv else Path(tempfile.gettempdir()) / "identity.db"
    out = run(db)
    if verb == "save":
        path.write_text(json.dumps(out, indent=1, sort_keys=True), encoding="utf-8")
        print(f"saved {len(out)} documents to {path}")
        return 0
    saved = json.loads(path.read_text(encoding="utf-8"))
    differ = sorted(k for k in saved.keys() | out.keys() if saved.get(k) != out.get(k))
    for k in differ:
        old, new = saved.get(k) or {}, out.get(k) or {}
        print(
            f"differs: {k} (mentions {len(old.get('mentions', []))} -> {len(new.get('mentions', []))}, "
            f"claims {len(old.get('claims', []))} -> {len(new.get('claims', []))})"
        )
    print(f"{len(out) - len(differ)} of {len(out)} documents identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
