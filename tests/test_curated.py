"""The curated knowledge itself: what the seeds state must be there, sourced, and answer the questions."""

from __future__ import annotations

from pathlib import Path

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
