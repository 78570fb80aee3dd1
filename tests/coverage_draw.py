"""Draw governments' public actions at random for a check of what the curated store holds for each.

Usage: python tests/coverage_draw.py FILE [SEED] [N]

FILE is a coverage draw file (tests/data/review/coverage-*.yaml) whose `entries` list the population: every
government's act found for the draw's descriptions, one entry each, with an id (e01, e02, ...). N (default the
file's `drawn`, else 25) are drawn with random.Random(SEED).sample over the ids sorted, SEED being the file's
`seed` unless given; the ids drawn are printed in the order drawn, then sorted, so the `drawn:` flags of the file
can be checked or set. The first coverage draw (coverage-20261204.yaml, seed 20261204) was made this way over its
29 ids before this script was written; the script redraws it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

REVIEW = Path(__file__).resolve().parent / "data" / "review"


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def population(doc: dict[str, Any]) -> list[str]:
    """The ids of the draw file's entries, sorted: the list the draw is made over."""
    ids = [str(e["id"]) for e in doc["entries"]]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate entry ids")
    return sorted(ids)


def draw(seed: int, n: int, ids: list[str]) -> list[str]:
    """The ids drawn, in the order drawn."""
    return random.Random(seed).sample(ids, n)


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        raise SystemExit(__doc__)
    doc = load(Path(argv[1]))
    seed = int(argv[2]) if len(argv) > 2 else int(doc["seed"])
    ids = population(doc)
    n = int(argv[3]) if len(argv) > 3 else int(doc.get("drawn") or 25)
    picked = draw(seed, n, ids)
    out = {
        "seed": seed,
        "population": len(ids),
        "drawn": n,
        "order_drawn": picked,
        "ids_drawn": sorted(picked),
        "not_drawn": sorted(set(ids) - set(picked)),
    }
    sys.stdout.write(yaml.safe_dump(out, sort_keys=False, allow_unicode=True))


if __name__ == "__main__":
    main(sys.argv)
