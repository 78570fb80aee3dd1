"""Draw the curated claims about people at random for a check against their sources.

Usage: python tests/person_draw.py [--undrawn] SEED [N] > tests/data/review/persondraw-NAME.yaml

The population is every claim of the data files whose subject or object is an entity of kind person in the data
files' entities (named individuals: indicted hackers, officers, contractors' employees, officials), with defaults
applied as tests/review_draw.py applies them; N are drawn with random.Random(SEED).sample over that list in file
order.

With --undrawn the population is that less the claims the earlier person draws drew (`EARLIER`, known by file and
index): the third person draw (persondraw-20270203.yaml) was made so. The keys are those the draws' files give; the
first draw's are of older data, and 11 of its rows of data/record-mss.yaml have since moved (claims were inserted
within the file), so this population keeps those 11 and leaves out the claims now at their old keys, as that draw's
header says.
"""

from __future__ import annotations

import sys

from law_draw import claims_about, entities_of_kind, undrawn
from review_draw import run


def people() -> set[str]:
    return entities_of_kind("person")


def population() -> list[dict[str, object]]:
    return claims_about(people())


EARLIER = ("persondraw-20261209.yaml", "persondraw-20261221.yaml")


def undrawn_population() -> list[dict[str, object]]:
    """The population less the claims the earlier person draws drew, in file order."""
    return undrawn(population(), EARLIER)


def main(argv: list[str]) -> None:
    if "--undrawn" in argv:
        run([a for a in argv if a != "--undrawn"], undrawn_population(), 25)
    else:
        run(argv, population(), 25)


if __name__ == "__main__":
    main(sys.argv)
