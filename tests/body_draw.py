"""Draw the curated bodies of China's state apparatus at random for a check of their claims and their place.

Usage: python tests/body_draw.py [--undrawn] SEED [N] > tests/data/review/bodydraw-NAME.yaml

The population is the first body draw's (tests/data/review/bodydraw-20261205.yaml) grown with the data: every
entity of data/*.yaml whose kind is that of a body (`KINDS`) and that belongs to China's state apparatus or is a
firm the curated claims tie to it, sorted by id. Left out, as the first draw left them out (`LEFT_OUT`): the
bodies of other governments and international organisations, Taiwan's ICEFCOM, Roskomnadzor; think tanks,
publishers, universities and firms that are assertors only (and Zhong Lun Law Firm, recorded since, whose
comments on a draft law are all the data holds of it); foreign companies; and GTA Semiconductor, which only Xu
Zewei's own account names. On the data of 2026-12-02 that is 72 bodies: the first draw's 68 and the embassies in
Canada, Germany and Norway and the Mission to the EU, recorded since; the second body draw's corrections
(bodydraw-20261217.yaml) recorded the National People's Congress, which makes 73, and the assertors of the
provinces' conventional names, the National Bureau of Statistics and Macao's Chief Executive, 75; the Aero Engine
Corporation of China, recorded as the company it is, and the State-owned Assets Supervision and Administration
Commission it answers to, 77; the HKSAR Government, the assertor of Hong Kong's abbreviation, 78. N are drawn with
random.Random(SEED).sample over the sorted ids; each row gives the body's names and the claims whose subject it is
(its place, its remit, its acts), in file order, for the reviewer to judge.

With --undrawn the population is that less the bodies the earlier body draws drew (`EARLIER`): the third body draw
(bodydraw-20261229.yaml) was made so, on 78 bodies less the 42 the first two drew (eight of them twice), 36.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

from review_draw import all_claims, run

DATA = Path(__file__).resolve().parent.parent / "data"
KINDS = {
    "ministry",
    "provincial_bureau",
    "municipal_bureau",
    "military_unit",
    "party_organ",
    "state_organ",
    "government_agency",
    "regulator",
    "standards_body",
    "research_centre",
    "association",
    "other_organisation",
    "front_company",
    "company",
    "university",
}
LEFT_OUT = {
    # other governments' bodies and their parts
    "au-asd-acsc", "australian-government", "ca-cccs", "ca-cse", "canada-government", "czech-mfa",
    "german-bkg", "german-foreign-office", "germany-bfv", "germany-bnd", "japan-government", "japan-mofa",
    "japan-nisc", "japan-npa", "japanese-police", "korea-nis", "norway-mfa", "nz-gcsb", "nz-ncsc",
    "roskomnadzor", "taiwan-icefcom", "uk-electoral-commission", "uk-government", "uk-ncsc", "us-cisa",
    "us-cnmf", "us-dc3", "us-doj", "us-fbi", "us-navy", "us-nsa", "us-secret-service", "us-state-department",
    "us-treasury", "vietnamese-government-agencies", "biden-campaign-staff",
    # think tanks, publishers, universities and firms that are assertors only
    "carol-i-ndu", "cfr", "cset", "eastwest-institute", "gmf-asd", "isd", "jamestown-foundation",
    "national-defense-university-press", "snspa", "zhong-lun",
    # foreign companies, and the employer only its employee's account names
    "amd", "intel", "microsoft", "netsarang", "pwc-indonesia", "sea-gamer-mall", "gta-semiconductor",
}  # fmt: skip


REVIEW = Path(__file__).resolve().parent / "data" / "review"
EARLIER = ("bodydraw-20261205.yaml", "bodydraw-20261217.yaml")


def entities(data: Path = DATA) -> dict[str, tuple[str, dict[str, Any]]]:
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for path in sorted(data.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for e in doc.get("entities") or []:
            out[e["id"]] = (f"data/{path.name}", e)
    return out


def population(data: Path = DATA) -> list[str]:
    return sorted(i for i, (_, e) in entities(data).items() if e.get("kind") in KINDS and i not in LEFT_OUT)


def drawn_before(files: tuple[str, ...] = EARLIER) -> set[str]:
    """The bodies the earlier body draws drew."""
    out: set[str] = set()
    for name in files:
        doc = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
        out |= {b["id"] for b in doc["bodies"]}
    return out


def undrawn(data: Path = DATA) -> list[str]:
    """The population less the bodies the earlier body draws drew, sorted by id."""
    before = drawn_before()
    return [b for b in population(data) if b not in before]


def rows(seed: int, n: int, ids: list[str]) -> list[dict[str, object]]:
    every = entities()
    claims = all_claims()
    out = []
    for body in random.Random(seed).sample(ids, n):
        file, e = every[body]
        names = e.get("names") or {}
        own = [c for c in claims if c.get("subject") == body]
        out.append(
            {
                "id": body,
                "name": e.get("name"),
                "zh": names.get("zh"),
                "kind": e.get("kind"),
                "file": file,
                "claims": [
                    {
                        "file": c["file"],
                        "index": c["index"],
                        "claim": f"{c['predicate']} {c.get('object', c.get('value'))}",
                        "sources": c.get("sources"),
                        "confidence": c.get("confidence"),
                        "verdict": None,
                        "words": None,
                    }
                    for c in own
                ],
                "verdict_before": None,
                "missing": None,
                "verdict_after": None,
            }
        )
    return out


def main(argv: list[str]) -> None:
    if "--undrawn" in argv:
        run([a for a in argv if a != "--undrawn"], undrawn(), 25, key="bodies", rows=rows)
    else:
        run(argv, population(), 25, key="bodies", rows=rows)


if __name__ == "__main__":
    main(sys.argv)
