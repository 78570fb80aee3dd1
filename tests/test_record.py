"""The public record beyond the seeds: sampled chains, end to end through the real `cyberstate chain`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("group", "body", "province"),
    [
        ("APT1", "PLA Unit 61398", "Shanghai"),
        ("Putter Panda", "PLA Unit 61486", "Shanghai"),
        ("APT40", "Hainan State Security Department", "Hainan"),
        ("APT10", "Tianjin State Security Bureau", "Tianjin"),
        ("APT31", "Hubei State Security Department", "Hubei"),
        ("Turbine Panda", "Jiangsu State Security Department", "Jiangsu"),
        ("HAFNIUM", "Shanghai State Security Bureau", "Shanghai"),
        ("Salt Typhoon", "Sichuan Juxinhe Network Technology Co., LTD.", "Sichuan"),
        ("Flax Typhoon", "Integrity Technology Group, Incorporated", "Beijing"),
        ("Aquatic Panda", "Anxun Information Technology Co. Ltd.", "Shanghai"),
        ("Zhu Hua", "Huaying Haitai Science and Technology Development Company", "Tianjin"),
        ("Zhu Hua", "Tianjin State Security Bureau", "Tianjin"),
        ("Gao Qiang", "Huaying Haitai Science and Technology Development Company", "Tianjin"),
        ("Li Ming", "Guangdong State Security Department", "Guangdong"),
        ("Wu Shurong", "Hainan Xiandun Technology Development Co., Ltd.", "Hainan"),
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


@pytest.mark.parametrize(
    ("group", "body", "province"),
    [
        ("APT41", "Chengdu 404 Network Technology Co. Ltd.", "Sichuan"),
        ("Guan Tianfeng", "Sichuan Silence Information Technology Company, Limited", "Sichuan"),
    ],
)
def test_a_company_tied_to_the_state_by_its_address_alone_is_an_open_lead(
    cli: Any, galaxy_db: Path, group: str, body: str, province: str
) -> None:
    """The record ties these to a company and the company to the state by nothing but where it lies: location
    places, it never attributes, so the path is an open lead, placed in the company's province."""
    doc = cli("chain", group, "--json", db=galaxy_db).json()
    assert not [ch for ch in doc["chains"] if any(h["object"]["name"] == body for h in ch["hops"])]
    leads = [ch for ch in doc["open_leads"] if ch["ends_at"]["name"] == body]
    assert leads and all(ch["province"]["name"] == province for ch in leads), doc["open_leads"]


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


@pytest.mark.parametrize(
    ("name", "old"),
    [
        ("Hainan State Security Department", "Hainan MSS branch"),
        ("Tianjin State Security Bureau", "Tianjin MSS branch"),
        ("Shanghai State Security Bureau", "Shanghai MSS"),
        ("Guangdong State Security Department", "Guangdong MSS branch"),
    ],
)
def test_bureaus_carry_their_own_names_and_the_seeds(cli: Any, curated_db: Path, name: str, old: str) -> None:
    new = cli("resolve", name, "--json", db=curated_db).json()
    seed = cli("resolve", old, "--json", db=curated_db).json()
    assert new["matches"][0]["name"] == name
    assert seed["matches"][0]["id"] == new["matches"][0]["id"]


def test_eu_2020_listing_reaches_huaying_haitai_in_tianjin(cli: Any, curated_db: Path) -> None:
    doc = cli("show", "Huaying Haitai", "--json", db=curated_db).json()
    text = json.dumps(doc)
    assert "eu-cyber-sanctions-2020" in text and "tianjin" in text


def test_an_owner_or_contractor_is_not_recorded_as_an_employee(curated: Any) -> None:
    store = curated.store
    for subject, obj in [
        ("zhou-shuai", "shanghai-heiying"),
        ("wu-yingzhuo", "boyusec"),
        ("zhao-guangzong", "wuhan-xrz"),
    ]:
        preds = {c.predicate for c in store.iter_claims(subject=subject, object=obj)}
        assert preds == {"linked_to"}, (subject, preds)


def test_an_outlets_own_words_are_the_outlets(curated: Any) -> None:
    """CyberScoop's "state-backed" and TechSpot's "under orders" are theirs, not the Justice Department's."""
    store = curated.store
    for c in store.iter_claims(subject="apt27", predicate="operated_by"):
        if "rm-cyberscoop-isoon-2025" in c.sources or "rm-breitbart-apt27-2025" in c.sources:
            assert c.assertor in {"cyberscoop", "breitbart"}
    techspot = [
        c for c in store.iter_claims(subject="apt10", object="tianjin-ssb") if "rm-techspot-apt10-2018" in c.sources
    ]
    assert techspot and all(c.assertor == "techspot" for c in techspot)


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        ("apt27-indictment-2025", "indicted", "zhou-shuai"),
        ("apt27-indictment-2025", "indicted", "yin-kecheng"),
        ("isoon-indictment-2025", "issued_by", "us-doj"),
        ("us-sanctions-2025-zhou-shuai", "sanctioned", "shanghai-heiying"),
        ("zhou-shuai", "linked_to", "shanghai-heiying"),
        ("apt40", "operated_by", "china"),
        ("apt10", "operated_by", "mss"),
        ("operation-cloud-hopper", "linked_to", "mss"),
        ("microsoft-exchange-attack-2021", "targeted", "australia"),
        ("xu-yanjun", "employed_by", "jiangsu-ssd"),
        ("hainan-ssd", "subordinate_to", "mss"),
        ("yin-kecheng", "linked_to", "mss"),
        ("us-sanctions-2025-yin-kecheng", "sanctioned", "yin-kecheng"),
        ("apt31", "operated_by", "wuhan-xrz"),
        ("boyusec", "located_in", "guangzhou"),
        ("apt40-indictment-2021", "indicted", "wu-shurong"),
        ("apt40", "located_in", "haikou"),
        ("hainan-xiandun", "front_company_for", "hainan-ssd"),
        ("wu-shurong", "linked_to", "hainan-ssd"),
        ("gssd-indictment-2020", "indicted", "li-xiaoyu"),
        ("xu-zewei", "employed_by", "shanghai-powerock"),
        ("doj-indictment-2014-unit-61398", "indicted", "wang-dong"),
        ("pla-unit-61398", "subordinate_to", "pla-gsd-third-department"),
        ("us-sanctions-2024-sichuan-silence", "sanctioned", "guan-tianfeng"),
        ("advisory-2025-salt-typhoon", "issued_by", "us-dc3"),
        ("china", "supports", "mustang-panda"),
        ("i-soon", "targeted", "us-treasury"),
    ],
)
def test_government_claims_rest_on_the_governments_own_words(
    curated: Any, subject: str, predicate: str, obj: str
) -> None:
    """These government claims cite the government's own page (a statement, an advisory), not only the news
    that reports it; a copy or an outlet's story would not count (`is_primary_for`)."""
    from cyberstate.model.rules import OFFICIAL_ASSERTORS
    from cyberstate.model.sources import has_primary

    store = curated.store
    types = store.assertor_types()
    claims = [c for c in store.iter_claims(subject=subject, predicate=predicate, object=obj) if c.assertor]
    official = [c for c in claims if types.get(c.assertor or "") in OFFICIAL_ASSERTORS]
    assert official, claims
    for c in official:
        sources = [s for s in (store.get_source(i) for i in c.sources) if s is not None]
        assert has_primary(sources, types[c.assertor or ""]), (c.assertor, c.sources)


def test_most_official_claims_rest_on_a_primary_source(cli: Any, curated_db: Path) -> None:
    """Issue 12's bar: at least 80% of the claims asserted by governments, courts and international
    organisations cite the issuing body's own document (`stats --sources`, the `official` row)."""
    doc = cli("stats", "--sources", "--json", db=curated_db).json()
    official = doc["official"]
    assert official["claims"] > 500 and official["primary"] / official["claims"] >= 0.8, official


def test_a_tracker_conglomerate_is_the_company_its_pages_describe(cli: Any, galaxy_db: Path) -> None:
    """ASPI's China Defence Universities Tracker lists the Aero Engine Corporation of China among the universities,
    and its "supervising agencies" include COMAC, a shareholder. The curated record, joined to the tracker's by name,
    makes it a company; Chinese Wikipedia's SASAC, beside the tracker's, leads its chain."""
    doc = cli("show", "Aero Engine Corporation of China", "--json", db=galaxy_db).json()
    assert doc["id"] == "aecc" and doc["kind"] == "company"
    best = cli("chain", "Aero Engine Corporation of China", "--json", db=galaxy_db).json()["chains"][0]
    assert best["hops"][0]["object"]["id"] == "sasac"


@pytest.mark.parametrize("name", ["Shanghai Anxun Information Technology", "Anxun", "i-Soon"])
def test_i_soon_answers_to_the_names_the_reports_give(cli: Any, curated_db: Path, name: str) -> None:
    doc = cli("resolve", name, "--json", db=curated_db).json()
    assert doc["matches"][0]["id"] == "i-soon"


@pytest.mark.parametrize(
    ("company", "source"),
    [
        ("beijing-huanyu-tianqiong", "nsa-salt-2025"),
        ("sichuan-zhixin-ruijie", "nsa-salt-2025"),
        ("shanghai-powerock", "doj-xu-zewei-2025"),
    ],
)
def test_a_company_is_located_where_a_page_says_not_where_its_name_says(
    curated: Any, company: str, source: str
) -> None:
    """The NSA calls the advisory's companies "China-based entities" and the Justice Department calls Powerock one of
    the "'enabling' companies in the PRC": each is located in China on the government's own page. The city or
    province in a company's name is no source, so none is recorded for these three."""
    located = [c for c in curated.store.iter_claims(subject=company, predicate="located_in") if not c.negated]
    assert [c.object for c in located] == ["china"], located
    assert source in located[0].sources


@pytest.mark.parametrize(
    ("name", "event", "date"),
    [
        # the Justice Department's claim rests on The Record's story of the July 2021 indictment (a day not shown)
        (
            "APT40",
            "US Department of Justice: APT40 operated_by Hainan Xiandun Technology Development Co., Ltd.",
            "2021-07",
        ),
        ("APT10", "UK Government: APT10 operated_by Ministry of State Security", "2018-12-20"),
        (
            "APT10",
            "UK government release: UK and allies reveal global scale of Chinese cyber campaign (APT10)",
            "2018-12-20",
        ),
        ("APT10", "Australian Government: APT10 operated_by Ministry of State Security", "2018-12-21"),
        ("APT10", "US charges against two Chinese hackers associated with the MSS (APT10, 2018)", "2018-12-20"),
        ("APT31", "US Department of the Treasury: APT31 operated_by Hubei State Security Department", "2024-03-25"),
    ],
)
def test_official_statements_are_dated_by_their_releases(
    cli: Any, curated_db: Path, name: str, event: str, date: str
) -> None:
    """A government's statement takes the day its release gives, not none and not the year alone."""
    doc = cli("timeline", name, "--json", db=curated_db).json()
    assert [e["date"] for e in doc["events"] if e["event"] == event] == [date]


def test_the_uk_release_on_apt31_is_of_25_march_2024(cli: Any, curated_db: Path) -> None:
    doc = cli("consensus", "APT31", "--json", db=curated_db).json()
    members = next(f for f in doc["facts"] if f["predicate"] == "member_of_group")
    uk = next(a for a in members["assertors"] if a["name"] == "UK Government")
    assert uk["earliest"] == "2024-03-25"
