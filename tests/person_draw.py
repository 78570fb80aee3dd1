"""Draw the curated claims about people at random for a check against their sources.

Usage: python tests/person_draw.py SEED [N] > tests/data/review/persondraw-NAME.yaml

The population is every claim of the data files whose subject or object is an entity of kind person in the data
files' entities (named individuals: indicted hackers, officers, contractors' employees, officials), with defaults
applied as tests/review_draw.py applies them; N are drawn with random.Random(SEED).sample over that list in file
order.
"""

from __future__ import annotations

import sys

from law_draw import entity_kinds
from review_draw import all_claims, run


def people() -> set[str]:
    return {e for e, kind in entity_kinds().items() if kind == "person"}


def population() -> list[dict[str, object]]:
    who = people()
    return [c for c in all_claims() if c.get("subject") in who or c.get("object") in who]


def main(argv: list[str]) -> None:
    run(argv, population(), 25)


if __name__ == "__main__":
    main(sys.argv)
