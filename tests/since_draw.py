"""Draw the curated claims that carry a date of their own at random for a check of the date against their sources.

Usage: python tests/since_draw.py SEED [N] > tests/data/review/sincedraw-NAME.yaml

The population is every claim of the data files whose own record gives a date: a `valid_from` or `valid_to` (when
the statement holds in the world), a `published` (when its assertor said it), or a date as its value (the date
predicates of model/vocab.py: founded, adopted, in_force_from). A `published` a claim takes from its file's
`defaults` (the seed's date, 2024-07-05, on every claim of laws.yaml, governance.yaml and cooperation.yaml) is not
the claim's own and does not put it in the population; defaults are applied as tests/review_draw.py applies them.
N are drawn with random.Random(SEED).sample over that list in file order; each row gives the claim's own dates.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from cyberstate.model.vocab import PREDICATES, Datatype
from review_draw import DATA, all_claims, drawn, run, with_fields

DATE_FIELDS = ("valid_from", "valid_to", "published")
DATE_PREDICATES = {name for name, p in PREDICATES.items() if p.literal is Datatype.DATE}


def records(data: Path = DATA) -> dict[tuple[str, int], dict[str, Any]]:
    """Every claim's record as its file writes it, defaults not applied, by (file, index)."""
    out = {}
    for path in sorted(data.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, rec in enumerate(doc.get("claims") or []):
            out[(f"data/{path.name}", i)] = rec
    return out


def own_dates(rec: dict[str, Any]) -> dict[str, str]:
    """The dates a claim's own record gives: its date fields, and its value under a date predicate."""
    dates = {f: str(rec[f]) for f in DATE_FIELDS if rec.get(f)}
    if rec.get("predicate") in DATE_PREDICATES and rec.get("value"):
        dates[str(rec["predicate"])] = str(rec["value"])
    return dates


def population() -> list[dict[str, object]]:
    raw = records()
    return [c for c in all_claims() if own_dates(raw[(c["file"], c["index"])])]


def rows(seed: int, n: int, claims: list[dict[str, Any]]) -> list[dict[str, object]]:
    """review_draw.draw's rows, each with the claim's own dates and its note before the verdict."""
    raw = records()
    return [
        with_fields(row, {"evidence": {"dates": own_dates(raw[(c["file"], c["index"])]), "note": c.get("note")}})
        for row, c in drawn(seed, n, claims)
    ]


def main(argv: list[str]) -> None:
    run(argv, population(), 25, rows=rows)


if __name__ == "__main__":
    main(sys.argv)
