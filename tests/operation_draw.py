"""Draw the curated claims about operations and campaigns at random for a check against their sources.

Usage: python tests/operation_draw.py SEED [N] > tests/data/review/operationdraw-NAME.yaml

The population is every claim of the data files whose subject or object is an entity of kind operation in the
data files' entities (the one kind src/cyberstate/model/vocab.py has for operations, campaigns, intrusions and
incidents: named hacking campaigns, breaches and the operations against them), with defaults applied as
tests/review_draw.py applies them; N are drawn with random.Random(SEED).sample over that list in file order.
"""

from __future__ import annotations

import sys

from law_draw import claims_about, entities_of_kind
from review_draw import run


def operations() -> set[str]:
    return entities_of_kind("operation")


def population() -> list[dict[str, object]]:
    return claims_about(operations())


def main(argv: list[str]) -> None:
    run(argv, population(), 25)


if __name__ == "__main__":
    main(sys.argv)
