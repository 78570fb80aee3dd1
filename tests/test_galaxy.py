"""MISP galaxy import and merging, on small made-up clusters (tests/data/galaxy) and on the real package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import AmbiguousName, ImportFormatError
from cyberstate.ingest.galaxy import Countries, cluster_path

GALAXY = Path(__file__).parent / "data" / "galaxy"
R1 = "g-00000000-0000-4000-8000-000000000001"
V1 = "g-00000000-0000-4000-8000-100000000001"


@pytest.fixture
def gkb(tmp_path: Path, mini: Path) -> KnowledgeBase:
    kb = KnowledgeBase.open(tmp_path / "g.db", create=True)
    kb.load([mini])
    kb.import_galaxy(paths=[GALAXY / "test-actors.json", GALAXY / "test-vendor.json"])
    yield kb
    kb.close()


def test_values_become_records_with_claims(gkb: KnowledgeBase) -> None:
    doc = gkb.show("Alpha Panda")
    assert doc["id"] == R1
    preds = {(c["predicate"], c["object"].get("name"), c["assertor"]) for c in doc["claims"]}
    assert ("attributed_to", "China", "MISP Project") in preds  # meta country, by the cluster maintainer
    assert ("attributed_to", "China", "Council on Foreign Relations") in preds  # cfr-suspected-state-sponsor
    assert ("targeted", "United States", "Council on Foreign Relations") in preds
    assert ("targeted", "Ruritania Trade Office", "Council on Foreign Relations") in preds
    assert ("targeted", "Energy", "MISP Project") in preds
    conf = {
        c["confidence"]
        for c in doc["claims"]
        if c["predicate"] == "attributed_to" and c["assertor"] == "MISP Project" and c["subject"]["record"] == R1
    }
    assert conf == {50}  # attribution-confidence
    src = next(c for c in doc["claims"] if c["predicate"] == "targeted")["sources"][0]
    assert src["id"] == "misp-galaxy:test-actors" and "version 1" in src["title"]
    assert any(s["url"] == "https://example.org/alpha" for s in doc["sources"])  # refs become sources


def test_equivalences_are_claims_and_merges_explain_them(gkb: KnowledgeBase) -> None:
    a1 = "g-00000000-0000-4000-8000-000000000002"
    assert gkb.entity_id("ALPHA-1") == a1  # related: similar is "see also", never a merge
    assert gkb.entity_id("Alpha Group") == R1  # a vendor's primary name listed as a synonym
    doc = gkb.merges("Alpha Panda")
    assert {r["id"] for r in doc["records"]} == {R1, V1}
    why = {x["note"] for x in doc["links"] if x["within"]}
    assert "exact name match on 'Alpha Group'" in why
    see_also = [x for x in doc["links"] if x["predicate"] == "related_to"]
    assert see_also and see_also[0]["other_entity"] == a1 and see_also[0]["note"] == "galaxy related: similar"
    aliases = {(a["name"], a["record"]) for a in gkb.show("Alpha Panda")["aliases"]}
    assert ("Alpha Group", V1) in aliases


def test_shared_synonym_is_ambiguous_not_merged(gkb: KnowledgeBase) -> None:
    with pytest.raises(AmbiguousName) as info:
        gkb.entity_id("Shared Name")
    assert {c.name for c in info.value.candidates} == {"Alpha Panda", "Beta Typhoon"}
    kinds = {f["kind"] for f in gkb.check()["findings"]}
    assert "name_conflict" in kinds
    msgs = " ".join(f["message"] for f in gkb.check()["findings"] if f["kind"] == "name_conflict")
    assert "'Shared Name'" in msgs and "'Gamma'" in msgs  # same name, different countries


def test_unmerge_and_merge_back_lose_nothing(gkb: KnowledgeBase) -> None:
    claims_before = gkb.store.counts()["totals"]["claims"]
    out = gkb.unmerge(V1, "Alpha Panda")
    assert out["negated"] is True
    assert gkb.entity_id("Alpha Group") == V1
    assert gkb.entity_id("Alpha Panda") == R1
    assert gkb.store.counts()["totals"]["claims"] >= claims_before  # only added
    gkb.merge(V1, "Alpha Panda")
    assert gkb.entity_id("Alpha Group") == R1


def test_reimport_is_idempotent(gkb: KnowledgeBase) -> None:
    before = gkb.store.counts()
    report = gkb.import_galaxy(paths=[GALAXY / "test-actors.json", GALAXY / "test-vendor.json"])
    assert report.written == {"sources": 0, "entities": 0, "claims": 0}
    assert report.retracted == 0
    assert gkb.store.counts() == before


def test_newer_version_retracts_what_it_no_longer_says(gkb: KnowledgeBase, tmp_path: Path) -> None:
    data = json.loads((GALAXY / "test-actors.json").read_text())
    data["version"] = 2
    data["values"][0]["meta"]["cfr-suspected-victims"] = ["United States"]
    newer = tmp_path / "test-actors.json"
    newer.write_text(json.dumps(data))
    report = gkb.import_galaxy(paths=[newer, GALAXY / "test-vendor.json"])
    assert report.retracted == 1
    gone = [
        c
        for c in gkb.store.iter_claims(subject=R1, predicate="targeted", statuses=None)
        if gkb.store.get_entity(c.object).name == "Ruritania Trade Office"
    ]
    assert [c.status for c in gone] == ["retracted"]
    assert "version 2" in gkb.store.get_source("misp-galaxy:test-actors").title


def test_chinese_names_by_script_and_pinyin(gkb: KnowledgeBase) -> None:
    assert gkb.entity_id("阿爾法組") == R1  # as stored (traditional)
    assert gkb.entity_id("阿尔法组") == R1  # simplified
    assert gkb.entity_id("a er fa zu") == R1  # toneless pinyin
    top = gkb.resolve("阿尔法组")[0]
    assert top.how == "script" and top.score < 95


def test_fuzzy_ranks_below_exact(gkb: KnowledgeBase) -> None:
    matches = gkb.resolve("Alfa Panda")
    assert matches[0].id == R1 and matches[0].how == "fuzzy" and matches[0].score < 90


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("malformed.json", "malformed JSON at line"),
        ("not-a-cluster.json", "not a MISP galaxy cluster"),
        ("no-uuid.json", "'No Uuid Group'"),
        ("no-name.json", "value without a name"),
    ],
)
def test_bad_galaxy_files_write_nothing(gkb: KnowledgeBase, name: str, problem: str) -> None:
    before = gkb.store.counts()
    with pytest.raises(ImportFormatError, match=problem) as info:
        gkb.import_galaxy(paths=[GALAXY / "test-vendor.json", GALAXY / name])
    assert name in str(info.value)
    assert gkb.store.counts() == before


def test_cli_import_and_bad_file(cli: Any, tmp_path: Path) -> None:
    data = tmp_path / "mini"
    shutil.copytree(Path(__file__).parent / "data" / "mini", data)
    db = tmp_path / "c.db"
    assert cli("load", data, db=db).code == 0
    r = cli("import", "misp-galaxy", "--path", GALAXY / "test-actors.json", "--json", db=db)
    assert r.code == 0, r.stderr
    doc = r.json()
    assert doc["records"] == 5 and doc["merges"]["conflicts"] >= 2
    r = cli("merges", "ALPHA-1", db=db)
    assert r.code == 0 and "galaxy related: similar" in r.stdout
    r = cli("import", "misp-galaxy", "--path", GALAXY / "no-uuid.json", db=db)
    assert r.code == 1
    assert r.stderr.count("\n") == 1 and "no-uuid.json" in r.stderr and "No Uuid Group" in r.stderr
    r = cli("import", "misp-galaxy", "--cluster", "no-such-cluster", db=db)
    assert r.code == 1 and "no such galaxy cluster" in r.stderr


# ------------------------------------------------------------------------------------- the real galaxy


@pytest.mark.parametrize(
    ("alias", "curated"),
    [
        ("Zirconium", "apt31"),
        ("Violet Typhoon", "apt31"),
        ("Judgment Panda", "apt31"),
        ("Bronze Vinewood", "apt31"),
        ("TA412", "apt31"),
        ("Red Keres", "apt31"),
        ("Stone Panda", "apt10"),
        ("menuPass", "apt10"),
        ("Cicada", "apt10"),
        ("Leviathan", "apt40"),
        ("Gingham Typhoon", "apt40"),
    ],
)
def test_vendor_names_resolve_to_the_curated_group(galaxy_kb: KnowledgeBase, alias: str, curated: str) -> None:
    assert galaxy_kb.entity_id(alias) == curated


def test_apt10_holds_every_origin_and_the_tianjin_link(galaxy_kb: KnowledgeBase) -> None:
    doc = galaxy_kb.show("APT10")
    origins = {a["source"] for a in doc["aliases"]}
    assert len(origins) >= 4, origins
    assert any(c["predicate"] == "linked_to" and c["object"].get("id") == "tianjin-ssb" for c in doc["claims"])
    assert "apt10" in {r["id"] for r in galaxy_kb.province("Tianjin")["linked"]}
    chains = galaxy_kb.chain("menuPass")["chains"]
    assert any(ch["province"] and ch["province"]["code"] == "CN-TJ" for ch in chains)


def test_misspellings_rank_below_exact(galaxy_kb: KnowledgeBase) -> None:
    for typo in ("Zirkonium", "Judgement Panda"):
        top = galaxy_kb.resolve(typo)[0]
        assert top.id == "apt31" and top.how == "fuzzy" and top.score < 90, typo


def test_chinese_names_of_curated_bureaus(galaxy_kb: KnowledgeBase) -> None:
    assert galaxy_kb.entity_id("湖北省国家安全厅") == "hubei-ssd"
    assert galaxy_kb.entity_id("湖北省國家安全廳") == "hubei-ssd"
    assert galaxy_kb.entity_id("Hubei Sheng Guojia Anquan Ting") == "hubei-ssd"


def test_countries_of_the_galaxy_are_the_iso_countries(galaxy_kb: KnowledgeBase) -> None:
    assert galaxy_kb.entity_id("China") == "china"
    assert galaxy_kb.entity_id("中国") == "china"


def _victims_written(*forms: str) -> dict[str, str]:
    """The galaxy's threat actors whose CFR victim list writes one of `forms`: record id -> the form."""
    values = json.loads(cluster_path("threat-actor").read_text(encoding="utf-8"))["values"]
    return {
        "g-" + v["uuid"].lower(): victim
        for v in values
        for victim in (v.get("meta") or {}).get("cfr-suspected-victims") or []
        if victim in forms
    }


def test_victims_the_galaxy_writes_as_short_forms_are_countries(galaxy_kb: KnowledgeBase) -> None:
    """The threat-actor cluster writes "The Philippines", "Brunei", "Ivory Coast": the country, not an
    organisation of that name."""
    written = _victims_written("The Philippines", "Brunei", "Ivory Coast")
    assert set(written.values()) == {"The Philippines", "Brunei", "Ivory Coast"}
    codes = {"The Philippines": "PH", "Brunei": "BN", "Ivory Coast": "CI"}
    kinds = galaxy_kb.store.entity_kinds()
    country = {code: eid for eid, code in galaxy_kb.store.entity_codes().items() if kinds[eid][0] == "country"}
    for rec, form in written.items():
        targets = {c.object for c in galaxy_kb.store.iter_claims(subject=rec, predicate="targeted") if c.object}
        assert country[codes[form]] in targets, (rec, form, {kinds[t] for t in targets})
        assert not any(kinds[t][0] == "other_organisation" and form in kinds[t][1] for t in targets)


def test_continents_and_their_parts_the_galaxy_names_as_victims_are_regions(galaxy_kb: KnowledgeBase) -> None:
    written = _victims_written("Middle East", "The Middle East", "Southeast Asia", "Eastern Europe")
    assert {"The Middle East", "Southeast Asia", "Eastern Europe"} <= set(written.values())
    kinds = galaxy_kb.store.entity_kinds()
    for rec, form in written.items():
        named = {
            kinds[c.object][1]: kinds[c.object][0]
            for c in galaxy_kb.store.iter_claims(subject=rec, predicate="targeted")
            if c.object
        }
        assert named.get(form.removeprefix("The ")) == "region", (rec, form, named)
    # the region the curated data already holds, not a second record of the same name
    assert galaxy_kb.entity_id("Southeast Asia") == "southeast-asia"


def test_country_forms_of_the_galaxy_and_pycountry_only_when_unambiguous() -> None:
    c = Countries({})
    # the galaxy's own country cluster names (pycountry has "Brunei Darussalam", "Côte d'Ivoire")
    assert (c.code("Brunei"), c.code("Ivory Coast"), c.code("Timor Leste")) == ("BN", "CI", "TL")
    assert (c.code("The Philippines"), c.code("the Netherlands"), c.code("The Gambia")) == ("PH", "NL", "GM")
    # pycountry's Chinese common names, the forms 360.net writes
    assert (c.code("伊朗"), c.code("叙利亚"), c.code("朝鲜"), c.code("韩国")) == ("IR", "SY", "KP", "KR")
    # the article alone makes no country, and what was ambiguous stays so
    for name in ("The Washington Post", "The Middle East", "The Korea", "Gaza", "Kurdistan"):
        assert c.code(name) is None, name
    assert Countries.why_not("The Korea") == "ambiguous country"


def test_a_criminal_groups_country_is_no_attribution(galaxy_kb: KnowledgeBase) -> None:
    """The threat-actor cluster's country of a group its entry calls a cybercrime group (Talos's UAT-8099,
    Proofpoint's TA4922) says where it is from, not which state it works for; a group that is both (APT41),
    whose cited addresses speak of espionage (Webworm), or a North Korean one keeps it."""

    def states(name: str) -> set[str]:
        return {c["object"].get("id") for c in galaxy_kb.show(name)["claims"] if c["predicate"] == "attributed_to"}

    assert "china" not in states("UAT-8099") and "china" not in states("TA4922")
    assert "china" in states("APT41") and "china" in states("Webworm")
    assert "iso-kp" in states("JINX-0164")


def test_described_non_state_reads_the_first_sentence_and_any_state_tie() -> None:
    from cyberstate.ingest.galaxy import described_non_state

    assert described_non_state("X is a Chinese-speaking cybercrime group. It steals cards.") == "cybercrime"
    assert described_non_state("X is a financially motivated threat actor.") == "financially motivated"
    # a state tie anywhere, or in the addresses cited, keeps the country an attribution
    assert described_non_state("X is a cybercrime group. It also serves state-sponsored espionage.") is None
    assert described_non_state("X is a cybercrime group.", ["https://example.org/x-espionage-rats"]) is None
    # what the group is, is said in the first sentence: a later mention of crime is not the group's kind
    assert described_non_state("X is a threat group. It once sold access to criminal forums.") is None
    assert described_non_state("X is a hacktivist group.") is None


def test_a_name_one_country_owns_joins_its_owners_apart_from_other_countries_listing_it(
    tmp_path: Path, mini: Path
) -> None:
    """Two records hold "Epsilon Gang" as their own name, one of China and one of no country; a Russian record only
    lists it: the owners join (as ATT&CK's Carbanak and 360's do, which FIN7's records list), the lister stays
    apart. A name two countries' records both hold as their own ("Gamma") joins neither."""
    values = [
        ("Epsilon Gang", "0101", {"country": "CN", "synonyms": ["Zeta Crew"]}),
        ("Epsilon Gang", "0102", {"synonyms": ["Zeta Crew"]}),
        ("Theta Team", "0103", {"country": "RU", "synonyms": ["Epsilon Gang", "Zeta Crew"]}),
        ("Gamma", "0104", {"country": "RU"}),
        ("Gamma", "0105", {"country": "CN"}),
    ]
    cluster = {
        **{k: v for k, v in json.loads((GALAXY / "test-actors.json").read_text()).items() if k != "values"},
        "name": "Country Split",
        "uuid": "00000000-0000-4000-8000-000000000100",
        "values": [{"value": v, "uuid": f"00000000-0000-4000-8000-00000000{u}", "meta": meta} for v, u, meta in values],
    }
    path = tmp_path / "country-split.json"
    path.write_text(json.dumps(cluster))
    with KnowledgeBase.open(tmp_path / "c.db", create=True) as kb:
        kb.load([mini])
        kb.import_galaxy(paths=[path])
        cn, unknown, ru = (f"g-00000000-0000-4000-8000-00000000{u}" for u in ("0101", "0102", "0103"))
        assert kb.entity_id(cn) == kb.entity_id(unknown) == kb.entity_id("Epsilon Gang")
        assert kb.entity_id("Theta Team") == kb.entity_id(ru) != kb.entity_id(cn)
        with pytest.raises(AmbiguousName):
            kb.entity_id("Gamma")


def test_chinese_victims_of_360net_are_the_country_and_the_regions_the_store_holds(galaxy_kb: KnowledgeBase) -> None:
    """360.net writes 孟加拉国 (pycountry's 孟加拉 with 国, "country") and 东南亚, 欧洲: Bangladesh and the curated
    Southeast Asia and Europe, where they were a region record each beside those (exported as STIX regions
    named only in Chinese)."""
    values = json.loads(cluster_path("360net").read_text(encoding="utf-8"))["values"]
    written = [
        ("g-" + v["uuid"].lower(), victim)
        for v in values
        for victim in (v.get("meta") or {}).get("suspected-victims") or []
        if victim in ("孟加拉国", "东南亚", "欧洲")
    ]
    assert {form for _, form in written} == {"孟加拉国", "东南亚", "欧洲"}
    kinds = galaxy_kb.store.entity_kinds()
    codes = galaxy_kb.store.entity_codes()
    want = {"东南亚": "southeast-asia", "欧洲": "europe"}
    for rec, form in written:
        targets = {c.object for c in galaxy_kb.store.iter_claims(subject=rec, predicate="targeted") if c.object}
        if form == "孟加拉国":
            assert any(kinds[t][0] == "country" and codes.get(t) == "BD" for t in targets), (rec, targets)
        else:
            assert want[form] in targets, (rec, form, targets)
        assert not any(kinds[t][1] == form for t in targets), (rec, form)
    assert Countries({}).code("孟加拉国") == "BD" and Countries({}).code("中国") == "CN"


def test_a_reimport_does_not_move_claims_onto_a_sector_no_reviewer_accepted(gkb: KnowledgeBase) -> None:
    """Extraction proposes entities (a sector named in a document) that wait for review. The galaxy import
    looked its sectors up among every stored sector, these too, so importing the galaxy again into the `make
    run` store retracted 85 `targeted` claims and wrote them again against sectors no reviewer had accepted
    (`p-sector-health-care` for `sector-healthcare`), which every export leaves out with the claims naming
    them. A proposed entity is not one the galaxy's names resolve to."""
    from cyberstate.model import Entity

    targeted = {c.id: c.object for c in gkb.store.iter_claims() if c.predicate == "targeted"}
    assert "sector-energy" in targeted.values()
    with gkb.store.transaction():
        gkb.store.put_entity(Entity("p-sector-energy", "sector", "Energy", sources=("report",)))
        gkb.store.set_entity_status("p-sector-energy", "candidate")
    report = gkb.import_galaxy(paths=[GALAXY / "test-actors.json", GALAXY / "test-vendor.json"])
    assert report.retracted == 0
    assert {c.id: c.object for c in gkb.store.iter_claims() if c.predicate == "targeted"} == targeted
