"""China's 34 provincial-level divisions are found by the names analysts type: ISO 3166-2's names and codes, the
Chinese names, the conventional English names the curated claims give (Tibet, Inner Mongolia, Macau), and a name
with its division word after it (Hainan Province, Tibet Autonomous Region, Guangxi Zhuang Autonomous Region)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from cyberstate.errors import EntityNotFound
from cyberstate.ingest.gazetteer import divisions, zh_short
from cyberstate.kb import KnowledgeBase
from webserver import web_url  # noqa: F401  (the fixture)

DIVISIONS = divisions()

#: The English names analysts and governments write, each with the division it names.
CONVENTIONAL = {
    "Tibet": "xizang",
    "Tibet Autonomous Region": "xizang",
    "Xizang Autonomous Region": "xizang",
    "Inner Mongolia": "nei-mongol",
    "Inner Mongolia Autonomous Region": "nei-mongol",
    "Macau": "macao",
    "Macau SAR": "macao",
    "Macao Special Administrative Region": "macao",
    "Hong Kong Special Administrative Region": "hong-kong",
    "HKSAR": "hong-kong",
    "Guangxi Zhuang Autonomous Region": "guangxi",
    "Ningxia Hui Autonomous Region": "ningxia",
    "Xinjiang Uygur Autonomous Region": "xinjiang",
    # the peoples' names in the spellings English texts write, and the region's land as an adjective
    "Xinjiang Uyghur Autonomous Region": "xinjiang",
    "Xinjiang Uighur Autonomous Region": "xinjiang",
    "the Xinjiang Uyghur Autonomous Region": "xinjiang",
    "Guangxi Zhuangzu Autonomous Region": "guangxi",
    "Ningxia Huizu Autonomous Region": "ningxia",
    "Tibetan Autonomous Region": "xizang",
    "Inner Mongolian Autonomous Region": "nei-mongol",
    "Nei Mongol Mongolian Autonomous Region": "nei-mongol",
    "Hainan Province": "hainan",
    "Shaanxi Province": "shaanxi",
    "Shanxi Province": "shanxi",
    "Beijing Municipality": "beijing",
    "Taiwan Province": "taiwan",
}


def test_the_gazetteer_has_the_34_divisions() -> None:
    assert len(DIVISIONS) == 34 and {d.code for d in DIVISIONS} == set(CHINESE)


@pytest.mark.parametrize("d", DIVISIONS, ids=[d.code for d in DIVISIONS])
def test_each_division_by_its_iso_names_code_and_chinese_names(curated: KnowledgeBase, d: Any) -> None:
    for name in (d.name, d.iso_name, d.code, d.code.lower(), d.zh, d.zh_short):
        if name:
            assert curated.entity_id(name, {"province"}) == d.id, name


#: Each division's full Chinese name, as the National Bureau of Statistics' table of division codes writes it:
#: pycountry's translations give 33 of them, a curated claim Ningxia's.
CHINESE = {
    "CN-AH": "安徽省", "CN-BJ": "北京市", "CN-CQ": "重庆市", "CN-FJ": "福建省", "CN-GD": "广东省",
    "CN-GS": "甘肃省", "CN-GX": "广西壮族自治区", "CN-GZ": "贵州省", "CN-HA": "河南省", "CN-HB": "湖北省",
    "CN-HE": "河北省", "CN-HI": "海南省", "CN-HK": "香港特别行政区", "CN-HL": "黑龙江省", "CN-HN": "湖南省",
    "CN-JL": "吉林省", "CN-JS": "江苏省", "CN-JX": "江西省", "CN-LN": "辽宁省", "CN-MO": "澳门特别行政区",
    "CN-NM": "内蒙古自治区", "CN-NX": "宁夏回族自治区", "CN-QH": "青海省", "CN-SC": "四川省", "CN-SD": "山东省",
    "CN-SH": "上海市", "CN-SN": "陕西省", "CN-SX": "山西省", "CN-TJ": "天津市", "CN-TW": "台湾省",
    "CN-XJ": "新疆维吾尔自治区", "CN-XZ": "西藏自治区", "CN-YN": "云南省", "CN-ZJ": "浙江省",
}  # fmt: skip


@pytest.mark.parametrize("d", DIVISIONS, ids=[d.code for d in DIVISIONS])
def test_every_division_by_its_english_and_chinese_names_code_and_division_word(curated: KnowledgeBase, d: Any) -> None:
    """All 34 alike: the English name, the Chinese name with and without its division word (in simplified and
    traditional characters), the ISO code, and the English name with its division word (Ningxia Autonomous
    Region, Hong Kong Special Administrative Region)."""
    zh = CHINESE[d.code]
    names = (d.name, zh, zh_short(zh), d.code, f"{d.name} {d.type.title()}", simplified_to_traditional(zh))
    for name in names:
        assert name and curated.entity_id(name, {"province"}) == d.id, name


def simplified_to_traditional(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


@pytest.mark.parametrize("name", sorted(CONVENTIONAL))
def test_each_conventional_english_name(curated: KnowledgeBase, name: str) -> None:
    assert curated.entity_id(name, {"province"}) == CONVENTIONAL[name]


#: Names that only look like an autonomous region's: another region's people, a letter or a longer word for the
#: people, a people's name with no region, a people's reading where no autonomous region is named.
NEAR_MISSES = [
    "Xinjiang Hui Autonomous Region",
    "Guangxi Uyghur Autonomous Region",
    "Ningxia Zhuang Autonomous Region",
    "Hainan Tibetan Autonomous Region",
    "Xinjiang U Autonomous Region",
    "Xinjiang Uyghurs Autonomous Region",
    "Ningxia Huizhou Autonomous Region",
    "Uyghur Autonomous Region",
    "Hui Autonomous Region",
    "Mongolian Autonomous Region",
    "Tibetan Province",
    "Xinjiang Uyghur Province",
]


@pytest.mark.parametrize("name", NEAR_MISSES)
def test_a_near_miss_of_an_autonomous_region_is_no_division(curated: KnowledgeBase, name: str) -> None:
    with pytest.raises(EntityNotFound):
        curated.entity_id(name, {"province"})


def test_a_code_without_its_country_is_not_a_code(curated: KnowledgeBase) -> None:
    """XZ alone is two letters, not ISO 3166-2's CN-XZ."""
    with pytest.raises(EntityNotFound):
        curated.entity_id("XZ", {"province"})


def test_the_conventional_names_are_claims_citing_official_pages(curated: KnowledgeBase) -> None:
    stated = {
        (c.subject, c.value): (c.assertor, c.sources)
        for c in curated.store.iter_claims(predicate="also_known_as")
        if c.subject in {"xizang", "nei-mongol", "macao", "ningxia", "hong-kong"}
    }
    assert stated[("xizang", "Tibet")] == ("nbs-china", ("nbs-yb1999-divisions",))
    assert stated[("nei-mongol", "Inner Mongolia")] == ("nbs-china", ("nbs-yb1999-divisions",))
    assert stated[("macao", "Macau")] == ("macao-chief-executive", ("macao-bo-aviso-5-1999",))
    assert stated[("ningxia", "宁夏回族自治区")] == ("nbs-china", ("govcn-nbs-division-codes-2010",))
    assert stated[("hong-kong", "HKSAR")] == ("hksar-government", ("hksar-gov-2020-12-10",))


def test_hksar_is_hong_kong_by_its_governments_own_abbreviation(cli: Any, galaxy_db: Path) -> None:
    """HKSAR is the region's own abbreviation, an alias the HKSAR Government's press release gives; a longer name
    that holds it (MISP's "Office for Safeguarding National Security of the CPG in the HKSAR") only matches it in
    part, and "the HKSAR Government" is the government the same release names."""
    rows = cli("resolve", "HKSAR", "--json", db=galaxy_db).json()["matches"]
    assert [(r["id"], r["how"], r["source"]) for r in rows] == [("hong-kong", "alias", "hksar-gov-2020-12-10")]
    rows = cli("resolve", "the HKSAR Government", "--json", db=galaxy_db).json()["matches"]
    assert rows[0]["id"] == "hksar-government" and rows[0]["score"] >= 90
    assert cli("province", "HKSAR", "--json", db=galaxy_db).json()["province"]["id"] == "hong-kong"


def test_province_and_resolve_take_the_names_on_the_command_line(cli: Any, curated_db: Path) -> None:
    doc = cli("province", "tibet", "--json", db=curated_db).json()
    assert doc["province"] == {"id": "xizang", "name": "Xizang", "code": "CN-XZ"}
    assert cli("province", "Inner Mongolia", "--json", db=curated_db).json()["province"]["id"] == "nei-mongol"
    assert cli("province", "CN-HK", "--json", db=curated_db).json()["province"]["id"] == "hong-kong"
    assert cli("province", "西藏", "--json", db=curated_db).json()["province"]["id"] == "xizang"
    top = cli("resolve", "Macau", "--json", db=curated_db).json()
    rows = top if isinstance(top, list) else top["matches"]
    assert rows[0]["id"] == "macao" and rows[0]["matched"] == "Macau"


def test_the_workbench_takes_the_names(web_url: str) -> None:  # noqa: F811
    with httpx.Client(base_url=web_url, timeout=60) as client:
        assert client.get("/api/province/Inner Mongolia").json()["province"]["id"] == "nei-mongol"
        assert client.get("/api/province/cn-xz").json()["province"]["id"] == "xizang"
        page = client.get("/province/tibet")
        assert page.status_code == 200 and "Xizang" in page.text


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Chengdu City", "chengdu"),
        ("Wuhan City", "wuhan"),
        ("Beijing City", "beijing"),
        ("Shanghai City", "shanghai"),
        ("Chongqing city", "chongqing"),
        ("the Tianjin City", "tianjin"),
    ],
)
def test_a_city_or_a_municipality_with_the_word_city(curated: KnowledgeBase, name: str, entity: str) -> None:
    """English texts write a Chinese city, and a municipality (ISO's "Beijing Shi"), with "City" after it."""
    assert curated.entity_id(name) == entity


@pytest.mark.parametrize("name", ["Hainan City", "Sichuan City", "Hubei City"])
def test_a_province_that_is_no_city_is_not_read_with_the_word_city(curated: KnowledgeBase, name: str) -> None:
    with pytest.raises(EntityNotFound):
        curated.entity_id(name)


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Hong Kong SAR Government", "hksar-government"),
        ("Government of the HKSAR", "hksar-government"),
        ("the government of the Hong Kong Special Administrative Region", "hksar-government"),
        ("the Hubei provincial government", "hubei"),
        ("the Hainan government", "hainan"),
        ("Shanghai Municipal Government", "shanghai"),
    ],
)
def test_a_division_named_by_its_government(curated: KnowledgeBase, name: str, entity: str) -> None:
    """As "the Chinese government" is China: a division named by what governs it is that division, or the body the
    store holds as its government (the HKSAR Government, asserting in its own press release)."""
    assert curated.entity_id(name) == entity


def test_a_provincial_government_the_store_holds_is_the_government(cli: Any, galaxy_db: Path) -> None:
    """ASPI's tracker holds "Sichuan Provincial Government" as a state organ: "the Sichuan government" is that body."""
    rows = cli("resolve", "the Sichuan government", "--json", db=galaxy_db).json()["matches"]
    assert rows[0]["name"] == "Sichuan Provincial Government" and rows[0]["score"] >= 90


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Hubei Provincial Department of State Security", "hubei-ssd"),
        ("Department of State Security of Hainan Province", "hainan-ssd"),
        ("the Jiangsu Provincial Department of State Security", "jiangsu-ssd"),
    ],
)
def test_a_state_security_department_by_its_newer_english_name(curated: KnowledgeBase, name: str, entity: str) -> None:
    """Wikipedia now titles the HSSD "Hubei Provincial Department of State Security"; the record keeps "Hubei State
    Security Department", the name the reports give. A province with no department recorded has none."""
    assert curated.entity_id(name) == entity


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Tianjin State Security Department", "tianjin-ssb"),
        ("Tianjin SSB", "tianjin-ssb"),
        ("Hubei State Security Bureau", "hubei-ssd"),
        ("Hainan SSD", "hainan-ssd"),
        ("hubei ssd", "hubei-ssd"),
        ("Guangdong SSD", "guangdong-ssd"),
        ("Shanghai Municipal State Security Bureau", "shanghai-ssb"),
    ],
)
def test_a_state_security_body_by_its_other_word_or_its_initials(
    curated: KnowledgeBase, name: str, entity: str
) -> None:
    """A province's state security body by the other of its two English words or by their initials: "Tianjin State
    Security Department" found no entity and offered four provinces' departments but not Tianjin's bureau, and
    "Hainan SSD" offered Hainan and Thailand; each is the one body of its province the record holds."""
    assert curated.entity_id(name) == entity


def test_no_state_security_department_where_none_is_recorded(curated: KnowledgeBase) -> None:
    with pytest.raises(EntityNotFound):
        curated.entity_id("Ningxia Provincial Department of State Security")
    with pytest.raises(EntityNotFound):
        curated.entity_id("Ningxia SSD")
