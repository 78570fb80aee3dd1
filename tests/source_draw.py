"""Draw the curated sources at random for a check of each entry against its page.

Usage: python tests/source_draw.py SEED [N] > tests/data/review/sourcedraw-NAME.yaml

The population is every entry of the `sources:` list of every `data/*.yaml` file (files in sorted order, entries
in file order, each with its file and its index in that list; the reference tables under data/reference/ are not
data files and are not drawn); N are drawn with random.Random(SEED).sample over that list, as tests/review_draw.py
draws claims. Each row gives the entry's id, url, title, publisher, author, date (its `published`), kind and
primary flag; the reviewer fills `verdict` for each of url, title, publisher, date, kind and primary (right /
wrong / unknown) and `reason`, by reading the page at the entry's address.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from review_draw import run

DATA = Path(__file__).resolve().parent.parent / "data"

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
    run(argv, population(), 30, key="sources", rows=draw)


if __name__ == "__main__":
    main(sys.argv)
