"""Draw threat groups of the MISP galaxy at random for a check of what `cyberstate chain` gives for each.

Usage: python tests/chain_draw.py SEED [N] > tests/data/review/chaindraw-NAME.yaml

The population is the values of the galaxy's threat-actor cluster, as `cyberstate import misp-galaxy` reads it
(the pymispgalaxies package's cluster, or the newer copy data/reference/galaxy-clusters.yaml pins;
src/cyberstate/ingest/galaxy.py, cluster_path), whose meta `country` is CN or whose meta
`cfr-suspected-state-sponsor` is China, sorted by their galaxy uuid; less the groups the earlier chain draws
(tests/data/review/chaindraw-20261204.yaml and chaindraw-20261212.yaml) already judged: a value is dropped when
its name or one of its synonyms is, case aside, the `name` or the `store_entity` of a group of either draw (the
second draw, of seed 20261212, was made with the first alone left out, and its test redraws it so). N (default
20) are drawn with
random.Random(SEED).sample over that list, and written in the order drawn, each with its uuid, name, country,
suspected state sponsor and synonyms, its chain and verdicts left for the reviewer to fill.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

from cyberstate.ingest.galaxy import cluster_path
from review_draw import run

FIRST_DRAW = Path(__file__).resolve().parent / "data" / "review" / "chaindraw-20261204.yaml"
EARLIER_DRAWS = (FIRST_DRAW, FIRST_DRAW.parent / "chaindraw-20261212.yaml")


def _meta(value: dict[str, Any]) -> dict[str, Any]:
    return value.get("meta") or {}


def chinese(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The values whose country is CN or whose suspected state sponsor (CFR) is China, sorted by uuid."""
    picked = [
        v for v in values if _meta(v).get("country") == "CN" or _meta(v).get("cfr-suspected-state-sponsor") == "China"
    ]
    return sorted(picked, key=lambda v: str(v["uuid"]))


def already_drawn(paths: tuple[Path, ...] = EARLIER_DRAWS) -> set[str]:
    """The names and store entities of the groups of the given chain draws (by default both earlier), lower-cased."""
    out: set[str] = set()
    for path in paths:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out |= {str(g[k]).lower() for g in doc["groups"] for k in ("name", "store_entity")}
    return out


def names(value: dict[str, Any]) -> set[str]:
    return {str(value["value"]).lower()} | {str(s).lower() for s in _meta(value).get("synonyms") or []}


def population(earlier: tuple[Path, ...] = EARLIER_DRAWS) -> list[dict[str, Any]]:
    values = json.loads(cluster_path("threat-actor").read_text(encoding="utf-8"))["values"]
    drawn = already_drawn(earlier)
    return [v for v in chinese(values) if not names(v) & drawn]


def draw(seed: int, n: int, values: list[dict[str, Any]]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for v in random.Random(seed).sample(values, n):
        m = _meta(v)
        rows.append(
            {
                "galaxy_uuid": v["uuid"],
                "name": v["value"],
                "country": m.get("country"),
                "cfr_sponsor": m.get("cfr-suspected-state-sponsor"),
                "synonyms": list(m.get("synonyms") or []),
                "store_entity": None,
                "chain_before": None,
                "verdict_before": None,
                "why": None,
            }
        )
    return rows


def main(argv: list[str]) -> None:
    run(argv, population(), 20, key="groups", rows=draw, width=120)


if __name__ == "__main__":
    main(sys.argv)
