"""Draw the curated claims about laws and the governance apparatus at random for a check against their sources.

Usage: python tests/law_draw.py SEED [N] > tests/data/review/lawdraw-NAME.yaml

The population is every claim of data/laws.yaml and data/governance.yaml, and every claim of the other
data files whose predicate is about powers, responsibilities, supervision or the issuing of laws and
regulations (responsible_for, regulates, empowers, supervises, amended_by, in_force_from, and issued_by
where the subject is a law, regulation, policy or strategy), with defaults applied as
tests/review_draw.py applies them; N are drawn with random.Random(SEED).sample over that list in file order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from review_draw import all_claims, run

DATA = Path(__file__).resolve().parent.parent / "data"
REVIEW = Path(__file__).resolve().parent / "data" / "review"
WHOLE = {"data/laws.yaml", "data/governance.yaml"}
POWERS = {"responsible_for", "regulates", "empowers", "supervises", "amended_by", "in_force_from"}
ISSUED_KINDS = {"law", "regulation", "policy", "strategy", "amendment"}


def entity_kinds(data: Path = DATA) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for path in sorted(data.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for e in doc.get("entities") or []:
            kinds[e["id"]] = e.get("kind")
    return kinds


def entities_of_kind(kind: str) -> set[str]:
    return {e for e, k in entity_kinds().items() if k == kind}


def claims_about(ids: set[str]) -> list[dict[str, object]]:
    """The curated claims whose subject or object is one of `ids` (the people's and the operations' draws)."""
    return [c for c in all_claims() if c.get("subject") in ids or c.get("object") in ids]


def undrawn(claims: list[dict[str, object]], files: tuple[str, ...]) -> list[dict[str, object]]:
    """`claims` less those the earlier draws in `files` (tests/data/review/) drew, known by file and index (the
    third person and operation draws')."""
    before = drawn_before(files)
    return [c for c in claims if (c["file"], c["index"]) not in before]


def drawn_before(files: tuple[str, ...]) -> set[tuple[object, object]]:
    """The claims the draws in `files` (tests/data/review/) drew, as (file, index)."""
    out: set[tuple[object, object]] = set()
    for name in files:
        doc = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
        out |= {(r["file"], r["index"]) for r in doc["claims"]}
    return out


def population() -> list[dict[str, object]]:
    kinds = entity_kinds()
    out = []
    for c in all_claims():
        p = c.get("predicate")
        if c["file"] in WHOLE or p in POWERS or (p == "issued_by" and kinds.get(str(c.get("subject"))) in ISSUED_KINDS):
            out.append(c)
    return out


def main(argv: list[str]) -> None:
    run(argv, population(), 25)


if __name__ == "__main__":
    main(sys.argv)
