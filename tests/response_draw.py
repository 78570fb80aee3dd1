"""Draw China's official responses and the other denials in the curated claims at random for a check against
their sources.

Usage: python tests/response_draw.py SEED [N] > tests/data/review/responsedraw-NAME.yaml

The population is every claim of the data files whose assertor is a Chinese state body or official (the foreign
and defence ministries, the embassies, the Ministry of State Security, the Central Military Commission, the NPC
Standing Committee, a provincial portal, a public security bureau), whose predicate is opposes, or which is
negated, with defaults applied as tests/review_draw.py applies them; N are drawn with random.Random(SEED).sample
over that list in file order.
"""

from __future__ import annotations

import sys

from review_draw import all_claims, run

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


def population() -> list[dict[str, object]]:
    return [
        c
        for c in all_claims()
        if c.get("assertor") in CHINESE_STATE or c.get("predicate") == "opposes" or c.get("negated")
    ]


def main(argv: list[str]) -> None:
    run(argv, population(), 20)


if __name__ == "__main__":
    main(sys.argv)
