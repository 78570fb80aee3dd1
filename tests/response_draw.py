"""Draw China's official responses and the other denials in the curated claims at random for a check against
their sources.

Usage: python tests/response_draw.py [--undrawn] SEED [N] > tests/data/review/responsedraw-NAME.yaml

The population is every claim of the data files whose assertor is a Chinese state body or official (the foreign
and defence ministries, the embassies, the Ministry of State Security, the Central Military Commission, the NPC
Standing Committee, a provincial portal, a public security bureau), whose predicate is opposes, or which is
negated, with defaults applied as tests/review_draw.py applies them; N are drawn with random.Random(SEED).sample
over that list in file order.

With --undrawn the population is that less the claims the earlier response draws drew (`EARLIER`), known by their
file and index: the third response draw (responsedraw-20270205.yaml) was made so, on 81 claims less the 37 of them
the first two drew (seven drawn twice; the first draw's data/record-mss.yaml 76, replaced since by the claim at 78,
is no longer one of them), 44.
"""

from __future__ import annotations

import sys

from review_draw import all_claims, run, undrawn

CHINESE_STATE = {
    "china-mfa",
    "china-mnd",
    "chinese-embassy-uk",
    "chinese-embassy-us",
    "chinese-embassy-nz",
    "chinese-embassy-germany",
    "mss",
    "cmc",
    "npcsc",
    "hubei-gov-portal",
    "guangzhou-tianhe-psb",
}
EARLIER = ("responsedraw-20261208.yaml", "responsedraw-20261223.yaml")


def population() -> list[dict[str, object]]:
    return [
        c
        for c in all_claims()
        if c.get("assertor") in CHINESE_STATE or c.get("predicate") == "opposes" or c.get("negated")
    ]


def main(argv: list[str]) -> None:
    if "--undrawn" in argv:
        run([a for a in argv if a != "--undrawn"], undrawn(population(), EARLIER), 25)
    else:
        run(argv, population(), 20)


if __name__ == "__main__":
    main(sys.argv)
