"""Draw the curated claims about operations and campaigns at random for a check against their sources.

Usage: python tests/operation_draw.py [--undrawn] SEED [N] > tests/data/review/operationdraw-NAME.yaml

The population is every claim of the data files whose subject or object is an entity of kind operation in the
data files' entities (the one kind src/cyberstate/model/vocab.py has for operations, campaigns, intrusions and
incidents: named hacking campaigns, breaches and the operations against them), with defaults applied as
tests/review_draw.py applies them; N are drawn with random.Random(SEED).sample over that list in file order.

With --undrawn the population is that less the claims the earlier operation draws drew (`EARLIER`, known by file and
index): the third operation draw (operationdraw-20270204.yaml) was made so.
"""

from __future__ import annotations

import sys

from law_draw import claims_about, entities_of_kind, undrawn
from review_draw import run


def operations() -> set[str]:
    return entities_of_kind("operation")


def population() -> list[dict[str, object]]:
    return claims_about(operations())


EARLIER = ("operationdraw-20261211.yaml", "operationdraw-20261222.yaml")


def undrawn_population() -> list[dict[str, object]]:
    """The population less the claims the earlier operation draws drew, in file order."""
    return undrawn(population(), EARLIER)


def main(argv: list[str]) -> None:
    if "--undrawn" in argv:
        run([a for a in argv if a != "--undrawn"], undrawn_population(), 25)
    else:
        run(argv, population(), 25)


if __name__ == "__main__":
    main(sys.argv)
