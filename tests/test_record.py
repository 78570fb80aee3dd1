"""The public record beyond the seeds: sampled chains, end to end through the real `cyberstate chain`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("group", "body", "province"),
    [
        ("APT1", "PLA Unit 61398", "Shanghai"),
        ("Putter Panda", "PLA Unit 61486", "Shanghai"),
        ("APT40", "Hainan MSS branch", "Hainan"),
        ("APT10", "Tianjin MSS branch", "Tianjin"),
        ("APT31", "Hubei State Security Department", "Hubei"),
        ("Turbine Panda", "Jiangsu State Security Department", "Jiangsu"),
        ("HAFNIUM", "Shanghai MSS", "Shanghai"),
        ("Salt Typhoon", "Sichuan Juxinhe Network Technology Co., LTD.", "Sichuan"),
        ("Flax Typhoon", "Integrity Technology Group, Incorporated", "Beijing"),
        ("APT41", "Chengdu 404 Network Technology Co. Ltd.", "Sichuan"),
    ],
)
def test_chain_reaches_the_documented_body(cli: Any, galaxy_db: Path, group: str, body: str, province: str) -> None:
    doc = cli("chain", group, "--json", db=galaxy_db).json()
    hits = [ch for ch in doc["chains"] if any(h["object"]["name"] == body for h in ch["hops"])]
    assert hits, [[h["object"]["name"] for h in ch["hops"]] for ch in doc["chains"]]
    assert any(ch["province"] and ch["province"]["name"] == province for ch in hits)
    for ch in hits:
        for h in ch["hops"]:
            assert h["claims"] and h["sources"], h  # every hop rests on sourced claims


def test_ranked_chain_names_the_deepest_credible_body(cli: Any, galaxy_db: Path) -> None:
    best = cli("chain", "APT1", "--json", db=galaxy_db).json()["chains"][0]
    assert best["depth"] != "country" and best["confidence"] >= 50


@pytest.mark.parametrize(
    "province", ["Hubei", "Hainan", "Tianjin", "Guangdong", "Sichuan", "Shanghai", "Jiangsu", "Shandong"]
)
def test_provinces_show_the_record(cli: Any, galaxy_db: Path, province: str) -> None:
    doc = cli("province", province, "--json", db=galaxy_db).json()
    assert doc["province"]["name"] == province
    kinds = {r["kind"] for r in doc["linked"]}
    assert "ministry" not in kinds  # the profile walks down from the province, never up through the centre
    if province != "Shandong":
        assert kinds & {"threat_group", "provincial_bureau", "front_company", "company", "military_unit"}
