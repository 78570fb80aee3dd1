"""Draw the curated claims that carry no date while a source they cite is a dated document, for a check of how the
date is lost.

Usage: python tests/undated_draw.py SEED [N] > tests/data/review/undateddraw-NAME.yaml
       python tests/undated_draw.py --counts

A claim's date is its `published`, its own or its file's `defaults` (applied as tests/review_draw.py applies them),
else the date the loader takes from its sources (docs/sources.md, "Which date a claim takes"), else the earliest date
of its sources, as the read model takes it (`Graph.date_of`). The population is every claim that ends with none of
these while one of its cited sources is a dated document: a page of a kind issued on a day (`DATED_KINDS`: a
government's release, statement or speech, an indictment or court document, a designation or sanction notice, an
advisory, an official or vendor report, a news story, a blog post, an article). Each row says why: `source` (no cited
source entry has a `published`) or `model` (a cited source has one, and the claim does not take it). `--counts`
prints the population by file, assertor kind, predicate and cause.
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import cache
from typing import Any

import yaml

from cyberstate.ingest.curated import build
from review_draw import DATA, all_claims, drawn, run, with_fields

DATED_KINDS = frozenset(
    {
        "press_release",
        "statement",
        "speech",
        "indictment",
        "court_document",
        "designation",
        "sanction",
        "advisory",
        "official_report",
        "report",
        "news",
        "blog",
        "article",
        "academic_article",
    }
)


@cache
def loaded() -> tuple[dict[tuple[str, int], Any], dict[str, Any], dict[str, str | None]]:
    """Each data claim as the loader builds it, by (file, index); every source; each assertor's type (built once)."""
    b, _ = build([DATA])
    claims = {}
    for claim, label, what in b.claims:
        if label.startswith("data/") and what.startswith("claims["):
            claims[(label, int(what[len("claims[") : what.index("]")]))] = claim
    types = {eid: getattr(ent, "assertor_type", None) for eid, (ent, _) in b.entities.items()}
    return claims, b.sources, types


def date_of(claim: Any, sources: dict[str, Any]) -> str | None:
    """The claim's date as the read model takes it (analysis/graph.py, Graph.date_of)."""
    if claim.published:
        return str(claim.published)
    dates = sorted(d for d in (sources[s].published for s in claim.sources) if d)
    return dates[0] if dates else None


def population() -> list[dict[str, object]]:
    claims, sources, types = loaded()
    out = []
    for c in all_claims():
        built = claims[(str(c["file"]), int(c["index"]))]  # type: ignore[call-overload]
        dated = [s for s in built.sources if sources[s].kind in DATED_KINDS]
        if c.get("published") or date_of(built, sources) or not dated:
            continue
        cause = "model" if any(sources[s].published for s in built.sources) else "source"
        out.append({**c, "_dated": dated, "_cause": cause, "_assertor_type": types.get(str(c.get("assertor")))})
    return out


def rows(seed: int, n: int, claims: list[dict[str, Any]]) -> list[dict[str, object]]:
    """review_draw.draw's rows, each with the cause and the dated sources it cites, before the verdict."""
    return [
        with_fields(
            row,
            {"evidence": {"cause": c["_cause"], "dated_sources": c["_dated"], "note": c.get("note")}},
        )
        for row, c in drawn(seed, n, claims)
    ]


def counts(pop: list[dict[str, Any]]) -> dict[str, Any]:
    def by(key: str) -> dict[str, int]:
        return dict(Counter(str(c.get(key)) for c in pop).most_common())

    return {
        "population": len(pop),
        "by_cause": by("_cause"),
        "by_file": by("file"),
        "by_assertor_type": by("_assertor_type"),
        "by_predicate": by("predicate"),
    }


def main(argv: list[str]) -> None:
    if len(argv) > 1 and argv[1] == "--counts":
        yaml.safe_dump(counts(population()), sys.stdout, sort_keys=False, width=110)
        return
    run(argv, population(), 40, rows=rows)


if __name__ == "__main__":
    main(sys.argv)
