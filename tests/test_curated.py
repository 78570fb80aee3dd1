"""The curated knowledge itself: what the seeds state must be there, sourced, and answer the questions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from cyberstate import KnowledgeBase
from cyberstate.ingest.curated import locate

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = {"piersinaru-2024", "bindinghook-provincial"}


def test_all_34_provincial_divisions_with_iso_codes(curated: KnowledgeBase) -> None:
    provinces = list(curated.store.iter_entities(kind="province"))
    codes = {p.attrs["code"] for p in provinces}
    iso = {s.code for s in pycountry.subdivisions.get(country_code="CN")}
    assert len(provinces) == 34 and codes == iso
    assert curated.entity_id("湖北省") == "hubei"


def test_chinese_names_resolve_as_written_in_chinese(curated: KnowledgeBase) -> None:
    """A province by its Chinese name with or without its division word, the MSS by its Chinese name in
    either script, and a body written after its state with no space between them."""
    assert curated.entity_id("海南") == "hainan" and curated.entity_id("海南省") == "hainan"
    assert curated.entity_id("广西") == "guangxi" and curated.entity_id("新疆") == "xinjiang"
    assert curated.entity_id("国家安全部") == "mss" and curated.entity_id("國家安全部") == "mss"
    assert curated.entity_id("中国国家安全部") == "mss"
    mss = curated.store.get_entity("mss")
    assert mss is not None and any(a.name == "国家安全部" and a.source == "wikipedia-mss" for a in mss.aliases)


def test_every_claim_is_sourced_and_seed_claims_carry_their_sentence(curated: KnowledgeBase) -> None:
    texts = {sid: curated.store.get_source(sid).text for sid in SEEDS}
    n = 0
    for c in curated.store.iter_claims(statuses=None):
        assert c.sources and all(curated.store.get_source(s) for s in c.sources), c.id
        if SEEDS & set(c.sources):
            assert c.evidence is not None and c.evidence.source in SEEDS, c.id
            text = texts[c.evidence.source]
            assert text[c.evidence.start : c.evidence.end] == c.evidence.text
            n += 1
    assert n > 300  # the seeds are covered claim by claim


def test_every_curated_url_is_a_reference_of_the_seeds_or_declared(curated: KnowledgeBase) -> None:
    """Sources outside sources.yaml must say where they come from (no bare, unexplained URLs)."""
    listed = {s["id"] for s in yaml.safe_load((DATA / "sources.yaml").read_text())["sources"]}
    cited = {
        sid
        for c in curated.store.iter_claims(statuses=None)
        if (c.origin or "").startswith("curated:")
        for sid in c.sources
    }
    for sid in cited - listed:
        s = curated.store.get_source(sid)
        assert s is not None and s.url and (s.title or s.publisher), sid


def test_seed_quotes_exist_verbatim() -> None:
    """Every evidence string in every data file is found in the seed text it cites (as the loader checks)."""
    text = (DATA / "texts" / "provincial-role-in-china-cyber-operations.txt").read_text()
    assert locate("The Hubei MSS had created front companies for the hacking groups.", text)
    assert locate("The Hubei MSS had created front companies for the hacking groups", text.upper()) is None


def test_apt31_chain_runs_through_hubei_to_the_mss(curated: KnowledgeBase) -> None:
    doc = curated.chain("APT31")
    through = [
        ch
        for ch in doc["chains"]
        if any(h["object"]["id"] == "hubei-ssd" for h in ch["hops"])
        and any(h["object"]["id"] == "mss" for h in ch["hops"])
    ]
    assert through, doc
    best = through[0]
    assert best["province"]["code"] == "CN-HB"
    assertors = {a for h in best["hops"] for a in h["assertors"]}
    assert assertors & {"UK Government", "US Department of the Treasury"}
    assert best["hops"][-1]["object"]["id"] == "china"


def test_judgment_panda_is_apt31(curated: KnowledgeBase) -> None:
    top = curated.resolve("Judgment Panda")[0]
    assert top.id == "apt31" and top.score >= 95


def test_hainan_lists_apt40(curated: KnowledgeBase) -> None:
    ids = {r["id"] for r in curated.province("Hainan")["linked"]}
    assert "apt40" in ids


def test_tianjin_lists_apt10(curated: KnowledgeBase) -> None:
    ids = {r["id"] for r in curated.province("Tianjin")["linked"]}
    assert "apt10" in ids


def _walk(node: dict, out: dict[str, list[str]], path: list[str]) -> None:
    out[node["id"]] = path
    for ch in node["children"]:
        _walk(ch, out, [*path, node["id"]])


def test_apparatus_has_the_bodies_under_the_commission(curated: KnowledgeBase) -> None:
    doc = curated.apparatus()
    where: dict[str, list[str]] = {}
    for r in doc["roots"]:
        _walk(r, where, [])
    commission = curated.entity_id("Central Cyberspace Affairs Commission")
    for name in ("CAC", "CNCERT", "CNNIC", "TC260", "CSAC", "Public Opinion Information Center"):
        eid = curated.entity_id(name)
        assert commission in where[eid], name
    cac = curated.apparatus(root="CAC")["roots"][0]
    assert cac["responsibilities"]


def test_apparatus_lists_the_laws_a_body_issued(curated: KnowledgeBase) -> None:
    """Which body does what under which law: a body's laws include those it issued (`issued_by`)."""
    council = curated.apparatus(root="State Council")["roots"][0]
    laws = {law["id"]: law["via"] for law in council["laws"]}
    assert laws.get("state-council-1994-regulations") == "issued_by", laws


@pytest.mark.parametrize("name", ["Hubei", "Hainan", "Tianjin", "Guangdong", "Sichuan", "Shanghai", "Yunnan"])
def test_seed_provinces_have_a_profile(curated: KnowledgeBase, name: str) -> None:
    assert curated.province(name)["linked"], name


def test_check_reports_only_the_source_contradictions(curated: KnowledgeBase) -> None:
    doc = curated.check()
    assert doc["ok"], [f for f in doc["findings"] if f["severity"] == "error"]
    kinds = {f["kind"] for f in doc["findings"]}
    assert kinds <= {"gazetteer"}, [f["message"] for f in doc["findings"] if f["kind"] != "gazetteer"]
    about = {e for f in doc["findings"] for e in f["entities"]}
    assert {"guiyang", "guizhou"} <= about


# --- the record pass over the seed-derived files and the PLA record (issue 12) -------------------------------
SEED_FILES = ("governance.yaml", "laws.yaml", "cooperation.yaml", "initiatives.yaml", "places.yaml", "assertors.yaml")
AUTHORS = {"piersinaru-2024": "piersinaru", "bindinghook-provincial": "binding-hook"}


def _claims_of(curated: KnowledgeBase, files: tuple[str, ...]) -> list[Any]:
    origins = {f"curated:data/{f}" for f in files}
    return [c for c in curated.store.iter_claims(statuses=None) if c.origin in origins]


def test_a_seed_sentence_is_its_authors_and_dated_by_the_seed(curated: KnowledgeBase) -> None:
    """A paraphrase of a law, a strategy or a body's website in a seed is the author's, as of the seed's date."""
    claims = [c for c in _claims_of(curated, SEED_FILES) if c.evidence is not None]
    assert len(claims) > 300
    for c in claims:
        assert c.assertor == AUTHORS[c.evidence.source], (c.id, c.assertor, c.evidence.text[:60])
        if c.subject not in {"piersinaru", "carol-i-ndu"}:  # the article's front matter speaks for itself
            assert c.basis in {"academic_interpretation", "media_report"}, c.id
            assert c.confidence <= 90, c.id
        if c.evidence.source == "piersinaru-2024":
            assert c.published == "2024-07-05", (c.id, c.published)


def test_as_of_before_2024_brics_has_no_members_from_the_2024_article(cli: Any, curated_db: Path) -> None:
    members = {
        cl["subject"]["id"]
        for cl in cli("--as-of", "2025-01-01", "show", "BRICS", "--json", db=curated_db).json()["claims"]
        if cl["predicate"] == "member_of"
    }
    assert {"iran", "egypt", "ethiopia", "united-arab-emirates", "china"} <= members
    early = cli("--as-of", "2019-01-01", "show", "BRICS", "--json", db=curated_db).json()["claims"]
    assert not [cl for cl in early if cl["predicate"] == "member_of"]


@pytest.mark.parametrize(
    ("name", "eid"),
    [
        ("Forum of Incident Response and Security Teams", "first"),
        ("Forum of Security Incident Response Teams", "first"),  # the seed's variant stays an alias
        ("Asia Pacific Computer Emergency Response Team", "apcert"),
        ("Asia Pacific Computer Security Incident Response Group", "apcert"),
    ],
)
def test_first_and_apcert_carry_their_own_names(cli: Any, curated_db: Path, name: str, eid: str) -> None:
    top = cli("resolve", name, "--json", db=curated_db).json()["matches"][0]
    assert top["id"] == eid and top["score"] >= 95
    official = cli("show", eid, "--json", db=curated_db).json()["name"]
    assert official in {
        "Forum of Incident Response and Security Teams",
        "Asia Pacific Computer Emergency Response Team",
    }


def test_cncert_is_one_of_apcerts_founders_not_its_founder(curated: KnowledgeBase) -> None:
    about = [c for c in curated.store.iter_claims(statuses=None) if c.subject == "apcert" and c.object == "cncert"]
    assert not [c for c in about if c.predicate == "established_by"]
    assert [
        c
        for c in curated.store.iter_claims(statuses=None)
        if (c.subject, c.predicate, c.object) == ("cncert", "member_of", "apcert")
    ]


def test_the_eu_cooperation_claim_and_its_denial_meet_in_contested(cli: Any, curated_db: Path) -> None:
    items = cli("contested", "--kind", "negation", "--json", db=curated_db).json()["items"]
    eu = [
        i
        for i in items
        if (i["subject"]["id"], i["predicate"], i["object"].get("id")) == ("china", "cooperates_with", "european-union")
    ]
    assert eu and eu[0]["asserted"] and eu[0]["denied"]


def test_introduced_is_not_adopted_and_working_since_is_not_founded(curated: KnowledgeBase) -> None:
    dated = {
        (c.subject, c.predicate)
        for c in _claims_of(curated, SEED_FILES)
        if c.predicate in {"adopted", "founded", "in_force_from"} and c.evidence is not None
    }
    assert ("csl-amendments-2022", "adopted") not in dated
    assert ("cac-roskomnadzor-cooperation", "founded") not in dated
    assert ("data-security-law", "adopted") not in dated  # the seed says "published"
    # the adoption dates come from the laws' own texts, asserted by the body that adopted them
    npc = {(c.subject, c.predicate, c.value) for c in curated.store.iter_claims(statuses=None) if c.assertor == "npcsc"}
    assert ("cybersecurity-law", "adopted", "2016-11-07") in npc
    assert ("data-security-law", "in_force_from", "2021-09-01") in npc


def test_pla_units_reach_the_pla_and_their_city(cli: Any, curated_db: Path) -> None:
    chains = cli("chain", "RedFoxtrot", "--json", db=curated_db).json()["chains"]
    via = [ch for ch in chains if any(h["object"]["id"] == "pla-unit-69010" for h in ch["hops"])]
    assert via and via[0]["province"]["code"] == "CN-XJ"
    assert any(h["object"]["id"] == "pla" for h in via[0]["hops"])
    wu = cli("chain", "Wu Zhiyong", "--json", db=curated_db).json()["chains"]
    assert any(h["object"]["id"] == "pla-54th-research-institute" for ch in wu for h in ch["hops"])


def test_the_pla_record_cites_the_bodies_own_documents(curated: KnowledgeBase) -> None:
    primary = {
        "mandiant-apt1-2013",
        "doj-2020",
        "treasury-jy2792",
        "cisa-aa23-144a",
        "cisa-aa24-038a",
        "csa-prc-botnet-2024",
        "doj-flax-typhoon-2024",
        "threatconnect-camerashy-2015",
        "doj-equifax-2020",
    }
    cited = {s for c in _claims_of(curated, ("record-pla.yaml",)) for s in c.sources}
    assert primary <= cited, primary - cited


def test_a_newspapers_own_words_are_its_voice_not_the_police_it_quotes(curated: KnowledgeBase) -> None:
    """The Yomiuri article quotes Japanese police on Unit 61419 and says in its own words that Tick "is
    believed to be an integral part of Unit 61419": that is the newspaper's voice (70), while the police's
    own claim is that Tick has ties to the unit (`linked_to`, 50)."""
    facts = curated.consensus("Tick", "PLA Unit 61419")["facts"]
    operated = next(f for f in facts if f["predicate"] == "operated_by")
    voices = {a["id"]: a for a in operated["assertors"]}
    assert "japanese-police" not in voices and voices["yomiuri-shimbun"]["confidence"] == 70
    assert not operated["circular"]
    linked = next(f for f in facts if f["predicate"] == "linked_to")
    assert [(a["id"], a["confidence"]) for a in linked["assertors"]] == [("japanese-police", 50)]


def test_apt31_chains_do_not_fork_above_the_mss_through_the_cli(cli: Any, curated_db: Path) -> None:
    """`chain APT31` gave nine chains, several differing only above the MSS (MSS -> State Council, MSS -> China):
    one chain per way the state is reached now, the routes above folded into it."""
    doc = cli("chain", "APT31", "--json", db=curated_db).json()
    below = [tuple(h["object"]["id"] for h in ch["hops"][: _at(ch) + 1]) for ch in doc["chains"]]
    assert len(below) == len(set(below)), below
    through = next(ch for ch in doc["chains"] if [h["object"]["id"] for h in ch["hops"]][:2] == ["hubei-ssd", "mss"])
    assert through["state_at"]["id"] == "mss" and through["hops"][-1]["object"]["id"] == "china"
    assert {r["ends_at"]["id"] for r in through["above"]} == {"state-council"}
    text = cli("chain", "APT31", db=curated_db).stdout
    assert "also above Ministry of State Security: subordinate_to State Council" in text


def _at(ch: dict[str, Any]) -> int:
    """The index of the step that reaches the chain's `state_at`."""
    return next(i for i, h in enumerate(ch["hops"]) if h["object"]["id"] == ch["state_at"]["id"])


def test_a_company_does_not_reach_the_state_through_its_address_through_the_cli(cli: Any, curated_db: Path) -> None:
    """Sichuan Silence (Chengdu-based, by the State Department) reached China through Chengdu and Sichuan, as if
    its address were an attribution: no chain now, its place still named; a person employed by it is an open lead
    placed in Sichuan."""
    doc = cli("chain", "Sichuan Silence", "--json", db=curated_db).json()
    assert doc["chains"] == [], doc["chains"]
    rows = cli("chain", "Guan Tianfeng", "--json", db=curated_db).json()
    for ch in [*rows["chains"], *rows["open_leads"]]:
        assert all(h["predicate"] != "located_in" for h in ch["hops"]), ch
    lead = next(ch for ch in rows["open_leads"] if ch["ends_at"]["name"].startswith("Sichuan Silence"))
    assert lead["province"]["code"] == "CN-SC" and lead["city"]["name"] == "Chengdu"


def test_jiangsu_lists_the_hackers_linked_to_its_department_through_the_cli(cli: Any, curated_db: Path) -> None:
    """The Justice Department ties Zhang Zhang-Gui and his fellow hackers to the Jiangsu State Security Department
    (`linked_to`): their chains run through Jiangsu, and the province did not list them. It does now, each
    labelled as tied through a linked body, in the JSON and in the text."""
    doc = cli("province", "Jiangsu", "--json", db=curated_db).json()
    rows = {r["name"]: r for r in doc["linked"]}
    assert rows["Zhang Zhang-Gui"]["tie"] == "linked", rows.get("Zhang Zhang-Gui")
    assert rows["Jiangsu State Security Department"]["tie"] == "placed"
    text = cli("province", "Jiangsu", db=curated_db).stdout
    assert "Zhang Zhang-Gui" in text and "through a linked body" in text


def test_the_intelligence_and_counterespionage_laws_are_recorded_from_their_texts(curated: KnowledgeBase) -> None:
    """The National Intelligence Law (2017) and the Counterespionage Law (2014, revised 2023) were not recorded: which
    body each charges, since when, and who says so, from the laws' texts (the NPC's pages, translations where the NPC
    gives none), with the articles analysts cite (the Intelligence Law's Articles 7 and 14)."""
    store = curated.store

    def values(subject: str, predicate: str) -> dict[str, Any]:
        return {
            c.value if c.object is None else c.object: c
            for c in store.iter_claims(subject=subject, predicate=predicate)
        }

    nil = "national-intelligence-law"
    assert set(values(nil, "adopted")) == {"2017-06-27"} and set(values(nil, "in_force_from")) == {"2017-06-28"}
    assert set(values(nil, "issued_by")) == {"npcsc"} and set(values(nil, "amended_by")) == {"nil-amendment-2018"}
    assert set(values("nil-amendment-2018", "adopted")) == {"2018-04-27"}
    empowered = values(nil, "empowers")
    assert set(empowered) == {"mss", "mps", "cmc"}
    assert all(c.assertor == "npcsc" and c.basis == "primary_document" for c in empowered.values())
    articles = [str(v) for v in values(nil, "description")]
    assert any(
        v.startswith("Article 7: All organizations and citizens shall support, assist, and cooperate") for v in articles
    )
    assert any(v.startswith("Article 14:") for v in articles)
    readers = {c.assertor for c in values(nil, "description").values()}
    assert {"murray-scot-tanner", "jeremy-daum"} <= readers  # two readings of Article 7, both kept

    cel = "counter-espionage-law"
    assert set(values(cel, "adopted")) == {"2014-11-01"} and set(values(cel, "in_force_from")) == {"2014-11-01"}
    assert set(values(cel, "empowers")) == {"mss"} and set(values(cel, "amended_by")) == {"cel-revision-2023"}
    assert set(values("cel-revision-2023", "adopted")) == {"2023-04-26"}
    assert set(values("cel-revision-2023", "in_force_from")) == {"2023-07-01"}
    assert "npc-cel-2023" in values("cel-revision-2023", "adopted")["2023-04-26"].sources
    assert curated.resolve("Counter-Espionage Law")[0].id == cel
    assert curated.resolve("中华人民共和国国家情报法")[0].id == nil


def test_the_pipl_has_the_name_the_npc_gives_it_and_the_data_laws_their_bodies(curated: KnowledgeBase) -> None:
    """The Personal Information Protection Law was recorded under the seed's "Personal Data Protection Act"; its name
    is now the NPC's, the seed's stays an alias; it and the Data Security Law name the bodies they charge."""
    pipl = curated.show("pipl")
    assert pipl.name == "Personal Information Protection Law of the People's Republic of China"
    assert curated.resolve("Personal Data Protection Act")[0].id == "pipl"
    charged = {
        (c.subject, c.object)
        for law in ("pipl", "data-security-law")
        for c in curated.store.iter_claims(subject=law, predicate="empowers")
    }
    assert {
        ("pipl", "cac"),
        ("data-security-law", "cac"),
        ("data-security-law", "mss"),
        ("data-security-law", "mps"),
    } <= charged


def test_the_apparatus_says_since_when_and_who_says_a_law_is_a_bodys(curated: KnowledgeBase) -> None:
    """Which body does what under which law, since when, who says so: a body's law gave only how it was the body's
    (`via`); it now gives the law's in-force dates and the assertors of the claims that tie it to the body."""
    laws = {law["id"]: law for law in curated.apparatus(root="MSS")["roots"][0]["laws"]}
    assert laws["national-intelligence-law"]["in_force_from"] == ["2017-06-28"]
    assert laws["counter-espionage-law"]["in_force_from"] == ["2014-11-01"]
    assert laws["national-intelligence-law"]["asserted_by"] == ["Standing Committee of the National People's Congress"]
    assert laws["national-intelligence-law"]["via"] == "empowers"
    cac = {law["id"]: law for law in curated.apparatus(root="CAC")["roots"][0]["laws"]}
    assert cac["pipl"]["in_force_from"] == ["2021-11-01"]
