"""Draw the curated sources at random for a check of each entry against its page.

Usage: python tests/source_draw.py [--undrawn] SEED [N] > tests/data/review/sourcedraw-NAME.yaml

The population is every entry of the `sources:` list of every `data/*.yaml` file (files in sorted order, entries
in file order, each with its file and its index in that list; the reference tables under data/reference/ are not
data files and are not drawn); N are drawn with random.Random(SEED).sample over that list, as tests/review_draw.py
draws claims. Each row gives the entry's id, url, title, publisher, author, date (its `published`), kind and
primary flag; the reviewer fills `verdict` for each of url, title, publisher, date, kind and primary (right /
wrong / unknown) and `reason`, by reading the page at the entry's address.

With --undrawn the population is that less the entries the earlier source draws drew (`EARLIER`), known by their
id, and each row also gives the claims that cite the entry (`claims_citing`, how many; `claims`, the claims judged:
every one where there are at most `CLAIMS` of them, else `CLAIMS` drawn with random.Random(f"{SEED}:{id}").sample
over them in file order), each for the reviewer to judge against the entry's page (fully / partly / not /
contradicted / page not found, as the claims' draws judge). The third source draw (sourcedraw-20270207.yaml) was
made so.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from review_draw import all_claims, run

DATA = Path(__file__).resolve().parent.parent / "data"
REVIEW = Path(__file__).resolve().parent / "data" / "review"
EARLIER = ("sourcedraw-20261210.yaml", "sourcedraw-20261224.yaml")
#: At most this many of the claims citing a drawn entry are judged against it.
CLAIMS = 3

#: The fields of an entry judged against its page, in the order a row gives them.
FIELDS = ("url", "title", "publisher", "date", "kind", "primary")


def population(data: Path = DATA) -> list[dict[str, object]]:
    """Every curated source entry as {file, index, ...fields}, in file order."""
    out: list[dict[str, object]] = []
    for path in sorted(data.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, src in enumerate(doc.get("sources") or []):
            out.append({"file": f"data/{path.name}", "index": i, **src})
    return out


def drawn_before(files: tuple[str, ...] = EARLIER) -> set[str]:
    """The ids of the entries the earlier source draws drew."""
    out: set[str] = set()
    for name in files:
        doc = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
        out |= {r["id"] for r in doc["sources"]}
    return out


def undrawn(data: Path = DATA) -> list[dict[str, object]]:
    """The population less the entries the earlier source draws drew, in the same order."""
    before = drawn_before()
    return [s for s in population(data) if s["id"] not in before]


def citing(seed: int, source: str, claims: list[dict[str, object]]) -> tuple[int, list[dict[str, object]]]:
    """How many claims cite the entry, and the ones judged: all of them, or `CLAIMS` drawn by the seed and the id."""
    cite = [c for c in claims if source in (c.get("sources") or [])]
    picked = cite if len(cite) <= CLAIMS else random.Random(f"{seed}:{source}").sample(cite, CLAIMS)
    rows = []
    for c in sorted(picked, key=lambda c: (c["file"], c["index"])):
        rows.append(
            {
                "file": c["file"],
                "index": c["index"],
                "claim": " ".join(str(c.get(x)) for x in ("subject", "predicate") if c.get(x) is not None)
                + " "
                + str(c.get("object", c.get("value"))),
                "confidence": c.get("confidence"),
                "evidence": c.get("evidence"),
                "verdict": None,
                "words": None,
            }
        )
    return len(cite), rows


def with_claims(seed: int, n: int, sources: list[dict[str, object]]) -> list[dict[str, object]]:
    """`draw`'s rows, each with the claims that cite its entry."""
    claims = all_claims()
    out = []
    for row in draw(seed, n, sources):
        count, rows = citing(seed, str(row["id"]), claims)
        out.append({**row, "claims_citing": count, "claims": rows})
    return out


def draw(seed: int, n: int = 30, sources: list[dict[str, object]] | None = None) -> list[dict[str, object]]:
    sources = population() if sources is None else sources
    picked = random.Random(seed).sample(range(len(sources)), n)
    rows = []
    for k in sorted(picked):
        s = sources[k]
        rows.append(
            {
                "file": s["file"],
                "index": s["index"],
                "id": s["id"],
                "url": s.get("url"),
                "title": s.get("title"),
                "publisher": s.get("publisher"),
                "author": s.get("author"),
                "date": s.get("published"),
                "kind": s.get("kind"),
                "primary": s.get("primary"),
                "verdict": dict.fromkeys(FIELDS),
                "reason": None,
            }
        )
    return rows


def main(argv: list[str]) -> None:
    if "--undrawn" in argv:
        run([a for a in argv if a != "--undrawn"], undrawn(), 20, key="sources", rows=with_claims)
    else:
        run(argv, population(), 30, key="sources", rows=draw)


if __name__ == "__main__":
    main(sys.argv)
