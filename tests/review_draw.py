"""Draw curated claims at random for a spot check against their cited sources.

Usage: python tests/review_draw.py SEED [N] > tests/data/review/spotcheck-NAME.yaml

The draw is over every claim of every `data/*.yaml` file (defaults applied), seeded so anyone can
redraw the same list; the reviewer then fills `verdict` (fully / partly / not / contradicted) and
`reason` for each claim by reading its first-cited source.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"


def all_claims(data: Path = DATA) -> list[dict[str, object]]:
    """Every curated claim as {file, index, ...fields}, defaults filled in, in file order."""
    out: list[dict[str, object]] = []
    for path in sorted(data.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        defaults = doc.get("defaults") or {}
        sources = {s["id"]: s for s in doc.get("sources") or []}
        for i, rec in enumerate(doc.get("claims") or []):
            c = {**defaults, **rec}
            out.append({"file": f"data/{path.name}", "index": i, **c, "_local_sources": sources})
    return out


def draw(seed: int, n: int = 30, claims: list[dict[str, object]] | None = None) -> list[dict[str, object]]:
    """A narrower draw (tests/law_draw.py) passes its own population, so both write the same rows."""
    claims = all_claims() if claims is None else claims
    picked = random.Random(seed).sample(range(len(claims)), n)
    rows = []
    for k in sorted(picked):
        c = dict(claims[k])
        c.pop("_local_sources")
        row = {
            "file": c.pop("file"),
            "index": c.pop("index"),
            "claim": " ".join(str(c.get(x)) for x in ("subject", "predicate") if c.get(x) is not None)
            + " "
            + str(c.get("object", c.get("value"))),
            "sources": c.get("sources"),
            "assertor": c.get("assertor"),
            "basis": c.get("basis"),
            "confidence": c.get("confidence"),
            "negated": c.get("negated", False),
            "evidence": c.get("evidence"),
            "verdict": None,
            "reason": None,
        }
        rows.append(row)
    return rows


def run(argv: list[str], claims: list[dict[str, object]], default_n: int) -> None:
    """Print the draw of SEED [N] over `claims` as the review file's YAML: every draw script's command line."""
    seed = int(argv[1])
    n = int(argv[2]) if len(argv) > 2 else default_n
    doc = {"seed": seed, "drawn": n, "population": len(claims), "claims": draw(seed, n, claims)}
    yaml.safe_dump(doc, sys.stdout, sort_keys=False, allow_unicode=True, width=110)


def main(argv: list[str]) -> None:
    run(argv, all_claims(), 30)


if __name__ == "__main__":
    main(sys.argv)
