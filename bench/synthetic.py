"""A synthetic store shaped like the real one, at any size, written through the real Store API.

    python bench/synthetic.py --claims 100000 -o /tmp/synthetic-100k.db

Shape (per the `make run` store): one country with central ministries; provinces, each with a capital
city, a provincial bureau and municipal bureaus under a ministry; military units; threat groups (most
tied to the country only by catalogues; one in ten, as in the real record, operated by a bureau,
half of those through a front company that fronts for it); aliases; people who are members of groups
and employees of companies; operations the groups conducted and targets; sources and several assertors
of different types (government, court, vendor, media, catalogue). The same seed gives the same store.
Nothing here is real: ids, names and sources are made up and say so ("synthetic").
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from cyberstate.model import Alias, Claim, Entity, Source
from cyberstate.model.names import norm
from cyberstate.service import Service
from cyberstate.store.sqlite import SQLiteStore

ASSERTORS = [
    ("syn-gov-a", "government"),
    ("syn-gov-b", "government"),
    ("syn-court", "court"),
    ("syn-vendor-a", "vendor"),
    ("syn-vendor-b", "vendor"),
    ("syn-media", "media"),
    ("syn-catalogue", "researcher"),
]
SECTORS = ["government", "defence", "energy", "telecoms", "health", "finance", "aerospace", "education"]
TARGET_COUNTRIES = ["syn-target-a", "syn-target-b", "syn-target-c", "syn-target-d"]


class BulkWriter:
    """The Store's put_* for a generator: the records are built (and checked) as the model's objects,
    then written with one executemany per table at the end, so a 1M-claim store takes minutes, not
    an hour. Only for new stores of made-up data, whose shapes the checked path (the default) accepts."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self.rows: dict[str, list[tuple[object, ...]]] = {
            k: [] for k in ("sources", "entities", "entity_sources", "names", "claims", "claim_sources")
        }
        self.now = "2026-01-01T00:00:00Z"

    def transaction(self) -> object:
        return self.store.transaction()

    def put_source(self, s: Source) -> bool:
        self.rows["sources"].append((s.id, s.title, s.publisher, s.published, self.now))
        return True

    def put_entity(self, e: Entity) -> bool:
        self.rows["entities"].append((e.id, e.kind, e.name, e.assertor_type, "{}", None, self.now))
        self.rows["entity_sources"].append((e.id, e.sources[0]))
        for i, a in enumerate([Alias(e.name, e.sources[0]), *e.aliases]):
            self.rows["names"].append((e.id, a.name, norm(a.name), a.lang, a.source, a.origin, int(i == 0)))
        return True

    def put_claim(self, c: Claim) -> bool:
        value = None if c.value is None else json.dumps(c.value, ensure_ascii=False, sort_keys=True)
        self.rows["claims"].append(
            (c.id, c.subject, c.predicate, c.object, value, c.assertor, c.basis, c.confidence, int(c.negated),
             c.published, self.now, c.marking, c.status)
        )  # fmt: skip
        self.rows["claim_sources"].extend((c.id, sid) for sid in c.sources)
        return True

    def flush(self) -> None:
        db = self.store._db  # the generator writes a new store's tables directly, in one transaction
        r = self.rows
        db.executemany(
            "INSERT INTO sources(id, title, publisher, published, recorded) VALUES (?,?,?,?,?)", r["sources"]
        )
        db.executemany(
            "INSERT INTO entities(id, kind, name, assertor_type, attrs, note, recorded) VALUES (?,?,?,?,?,?,?)",
            r["entities"],
        )
        db.executemany("INSERT INTO entity_sources(entity_id, source_id) VALUES (?,?)", r["entity_sources"])
        db.executemany(
            "INSERT OR IGNORE INTO names(entity_id, name, norm, lang, source_id, origin, is_primary) "
            "VALUES (?,?,?,?,?,?,?)",
            r["names"],
        )
        db.execute("INSERT INTO names_fts(entity_id, name) SELECT DISTINCT entity_id, name FROM names")
        db.executemany(
            "INSERT OR IGNORE INTO claims(id, subject, predicate, object, value, assertor, basis, confidence, "
            "negated, published, recorded, marking, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            r["claims"],
        )
        db.executemany("INSERT OR IGNORE INTO claim_sources(claim_id, source_id) VALUES (?,?)", r["claim_sources"])


def build(path: Path, n_claims: int, seed: int = 9, bulk: bool = False) -> dict[str, int]:
    rnd = random.Random(seed)
    real = SQLiteStore(path, create=True)
    store: SQLiteStore | BulkWriter = BulkWriter(real) if bulk else real
    n_sources = max(20, n_claims // 40)
    n_provinces = 34
    counts = {"entities": 0, "claims": 0, "sources": 0}
    sources = [f"syn-src-{i}" for i in range(n_sources)]

    def src() -> tuple[str, ...]:
        return (rnd.choice(sources),)

    def ent(eid: str, kind: str, name: str, **kw: object) -> str:
        store.put_entity(Entity(eid, kind, name, sources=(sources[0],), **kw))  # type: ignore[arg-type]
        counts["entities"] += 1
        return eid

    def claim(s: str, p: str, o: str | None = None, value: object = None, conf: int = 70) -> None:
        a, _t = rnd.choice(ASSERTORS)
        published = f"{rnd.randint(2010, 2025)}-{rnd.randint(1, 12):02d}"
        ok = store.put_claim(
            Claim(s, p, src(), object=o, value=value, assertor=a, confidence=conf, published=published)
        )
        counts["claims"] += int(ok)

    with store.transaction():
        for i, sid in enumerate(sources):
            store.put_source(Source(sid, title=f"Synthetic report {i}", publisher="synthetic", published="2020"))
            counts["sources"] += 1
        for aid, atype in ASSERTORS:
            ent(aid, "government_agency" if atype == "government" else "company", aid, assertor_type=atype)
        country = ent("syn-country", "country", "Synthetica")
        for t in TARGET_COUNTRIES:
            ent(t, "country", t)
        sectors = [ent(f"syn-sector-{s}", "sector", f"{s} sector") for s in SECTORS]
        ministries = [ent(f"syn-ministry-{i}", "ministry", f"Synthetic Ministry {i}") for i in range(4)]
        for m in ministries:
            claim(m, "subordinate_to", country, conf=90)
        bureaus: list[str] = []
        provinces: list[str] = []
        for p in range(n_provinces):
            prov = ent(f"syn-province-{p}", "province", f"Synthetic Province {p}")
            provinces.append(prov)
            claim(prov, "located_in", country, conf=95)
            city = ent(f"syn-city-{p}", "city", f"Synthetic City {p}")
            claim(city, "located_in", prov, conf=95)
            b = ent(f"syn-bureau-{p}", "provincial_bureau", f"Synthetic Province {p} State Security Department")
            claim(b, "subordinate_to", ministries[p % 2], conf=85)
            claim(b, "located_in", city, conf=90)
            bureaus.append(b)
            for m in range(2):
                mb = ent(f"syn-mbureau-{p}-{m}", "municipal_bureau", f"Synthetic City {p} Bureau {m}")
                claim(mb, "subordinate_to", b, conf=80)
                claim(mb, "located_in", city, conf=90)
                bureaus.append(mb)
            u = ent(f"syn-unit-{p}", "military_unit", f"Synthetic Unit {p}")
            claim(u, "subordinate_to", ministries[2 + p % 2], conf=80)
            claim(u, "located_in", prov, conf=80)
        g = 0
        while counts["claims"] < n_claims:
            gid = ent(
                f"syn-group-{g}",
                "threat_group",
                f"Synthetic Group {g}",
                aliases=(Alias(f"SYN-{g}", sources[0]), Alias(f"Synthetic Panda {g}", sources[0])),
            )
            claim(gid, "attributed_to", country, conf=rnd.choice([50, 60, 70]))
            claim(gid, "description", value=f"a synthetic group number {g}", conf=60)
            claim(gid, "active", value=f"since {rnd.randint(2005, 2020)}", conf=50)
            if rnd.random() < 0.1:  # about one group in ten reaches a bureau (the real store: 13 of 175)
                b = rnd.choice(bureaus)
                claim(gid, "operated_by", b, conf=rnd.choice([60, 70, 80, 90]))
                if rnd.random() < 0.5:
                    fc = ent(f"syn-front-{g}", "front_company", f"Synthetic Technology Co {g}")
                    claim(gid, "operated_by", fc, conf=70)
                    claim(fc, "front_company_for", b, conf=80)
                    claim(fc, "located_in", rnd.choice(provinces), conf=80)
                    for k in range(rnd.randint(1, 3)):
                        pid = ent(f"syn-person-{g}-{k}", "person", f"Synthetic Person {g}-{k}")
                        claim(pid, "employed_by", fc, conf=80)
                        claim(pid, "member_of_group", gid, conf=80)
            if rnd.random() < 0.1:
                claim(gid, "linked_to", f"syn-unit-{rnd.randrange(n_provinces)}", conf=50)
            if g and rnd.random() < 0.2:
                claim(gid, "linked_to", f"syn-group-{rnd.randrange(g)}", conf=40)
            for k in range(rnd.randint(1, 8)):
                op = ent(f"syn-op-{g}-{k}", "operation", f"Synthetic Operation {g}-{k}")
                claim(gid, "conducted", op, conf=rnd.choice([50, 70, 90]))
                claim(op, "targeted", rnd.choice(TARGET_COUNTRIES), conf=70)
                claim(op, "targeted", rnd.choice(sectors), conf=60)
            for t in rnd.sample(sectors, 3):
                claim(gid, "targeted", t, conf=60)
            g += 1
        if isinstance(store, BulkWriter):
            store.flush()
    real.close()
    # what every write through the read model keeps beside the claims: each province's walk
    with Service.open(path) as kb:
        kb.refresh_placements()
    return {**counts, "groups": g}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000, help="claims to write (about; default 100000)")
    ap.add_argument("-o", "--out", type=Path, required=True, help="the SQLite file to create (must not exist)")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument(
        "--bulk", action="store_true", help="write each table at once instead of through put_* (for 1M claims)"
    )
    args = ap.parse_args()
    if args.out.exists():
        print(f"{args.out} exists; give a new file", file=sys.stderr)
        return 1
    t = time.perf_counter()
    counts = build(args.out, args.claims, args.seed, args.bulk)
    print(f"synthetic store {args.out}: {counts} in {time.perf_counter() - t:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
