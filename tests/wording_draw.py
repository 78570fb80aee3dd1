"""Draw curated claims at random for a check of their strength of wording against their sources.

Usage: python tests/wording_draw.py [--undrawn] SEED [N] > tests/data/review/wordingdraw-NAME.yaml

The population is every claim of the data files, with defaults applied as tests/review_draw.py applies them, less
the claims whose basis is inference or analyst_decision: those are the record's own reading (data/assertors.yaml's
uk-ncsc subordinate_to united-kingdom, read from the centre's address, "the page does not state the subordination in
words"), so no page has a wording for them to keep. Every other claim cites a public page and is held at the
confidence its source's words give (its own `confidence`, else its basis's default, model/vocab.py), so each can be
read against the page: an "alleged", "assessed", "likely", "highly likely", "almost certainly" or a plain statement.
N are drawn with random.Random(SEED).sample over that list in file order; each row gives the confidence in effect.

With --undrawn the population is that less the claims the earlier wording draws drew (`EARLIER`), known by their
file and index: the third wording draw (wordingdraw-20270206.yaml) was made so, on 1,601 claims less the 60 the
first two drew (none twice), 1,541.
"""

from __future__ import annotations

import sys
from typing import Any

from cyberstate.model.vocab import DEFAULT_CONFIDENCE, Basis
from review_draw import all_claims, drawn, run, undrawn, with_fields

OWN_READING = {"inference", "analyst_decision"}
EARLIER = ("wordingdraw-20261214.yaml", "wordingdraw-20261226.yaml")


def population() -> list[dict[str, object]]:
    return [c for c in all_claims() if c.get("basis") not in OWN_READING]


def in_effect(c: dict[str, Any]) -> int | None:
    """The confidence a claim is held at: its own, else its basis's default."""
    if c.get("confidence") is not None:
        return int(c["confidence"])
    basis = c.get("basis")
    return DEFAULT_CONFIDENCE.get(Basis(basis)) if basis else None


def rows(seed: int, n: int, claims: list[dict[str, Any]]) -> list[dict[str, object]]:
    """review_draw.draw's rows, each with the confidence in effect after its own and its note."""
    return [
        with_fields(row, {"confidence": {"in_effect": in_effect(c)}, "evidence": {"note": c.get("note")}})
        for row, c in drawn(seed, n, claims)
    ]


def main(argv: list[str]) -> None:
    if "--undrawn" in argv:
        run([a for a in argv if a != "--undrawn"], undrawn(population(), EARLIER), 30, rows=rows)
    else:
        run(argv, population(), 30, rows=rows)


if __name__ == "__main__":
    main(sys.argv)
