"""Draw curated claims at random for a spot check against their cited sources.

Usage: python tests/review_draw.py SEED [N] > tests/data/review/spotcheck-NAME.yaml

The draw is over every claim of every `data/*.yaml` file (defaults applied), seeded so anyone can
redraw the same list; the reviewer then fills `verdict` (fully / partly / not / contradicted) and
`reason` for each claim by reading its first-cited source.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
REVIEW = Path(__file__).resolve().parent / "data" / "review"


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
    return [row for row, _ in drawn(seed, n, claims)]


def drawn(
    seed: int, n: int = 30, claims: list[dict[str, Any]] | None = None
) -> list[tuple[dict[str, object], dict[str, Any]]]:
    """`draw`'s rows, each beside the claim it was made from: the draws that add fields of their own
    (tests/since_draw.py, tests/wording_draw.py) read them there rather than sampling the seed again."""
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
        rows.append((row, claims[k]))
    return rows


def with_fields(row: dict[str, object], after: dict[str, dict[str, object]]) -> dict[str, object]:
    """The row with more fields, each group placed after the key it is given under."""
    out: dict[str, object] = {}
    for key, value in row.items():
        out[key] = value
        out.update(after.get(key, {}))
    return out


def drawn_before(files: tuple[str, ...]) -> set[tuple[str, int]]:
    """The claims the earlier draws of `files` (tests/data/review/) drew, by file and index: a claim keeps its
    place, since claims are added at the end of their files."""
    out: set[tuple[str, int]] = set()
    for name in files:
        doc = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
        out |= {(r["file"], r["index"]) for r in doc["claims"]}
    return out


def undrawn(claims: list[dict[str, Any]], files: tuple[str, ...]) -> list[dict[str, Any]]:
    """A population less the claims the earlier draws of `files` drew, in the population's order (the third
    response and wording draws)."""
    before = drawn_before(files)
    return [c for c in claims if (c["file"], c["index"]) not in before]


def header(seed: int, n: int, population: list[Any]) -> dict[str, Any]:
    """The lines every draw file opens with: the seed, how many were drawn, and of how many."""
    return {"seed": seed, "drawn": n, "population": len(population)}


def run(
    argv: list[str],
    claims: list[Any],
    default_n: int,
    key: str = "claims",
    rows: Callable[[int, int, list[Any]], list[dict[str, object]]] = draw,
    width: int = 110,
) -> None:
    """Print the draw of SEED [N] over a population as the review file's YAML: every draw script's command line
    (the claims' draws with `draw`, the sources' and the chains' with their own `rows` under their own `key`)."""
    seed = int(argv[1])
    n = int(argv[2]) if len(argv) > 2 else default_n
    doc = {**header(seed, n, claims), key: rows(seed, n, claims)}
    yaml.safe_dump(doc, sys.stdout, sort_keys=False, allow_unicode=True, width=width)


def run_on_store(argv: list[str], script: str, doc: Callable[[Any, int, int], dict[str, Any]], default_n: int) -> int:
    """The command line of the draws over a store (merges, conflicts): STORE SEED [N]."""
    if len(argv) < 2:
        print(f"usage: python tests/{script} STORE SEED [N]")
        return 2
    from cyberstate import KnowledgeBase

    with KnowledgeBase.open(argv[0]) as kb:
        out = doc(kb, int(argv[1]), int(argv[2]) if len(argv) > 2 else default_n)
    yaml.safe_dump(out, sys.stdout, sort_keys=False, allow_unicode=True, width=110)
    return 0


def main(argv: list[str]) -> None:
    run(argv, all_claims(), 30)


if __name__ == "__main__":
    main(sys.argv)
