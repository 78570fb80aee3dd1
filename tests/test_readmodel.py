"""The read model on the real store (curated data + the MISP galaxy, as `make run` builds it): the
corrections of issue 9, and the service contract (typed results, as_of per call, many readers,
incremental update after a write)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.analysis.results import ChainResult, ProvinceResult, Result
from cyberstate.model import Claim
from cyberstate.model.rules import LEVELS, PLACING, STATE_KINDS
from cyberstate.service import Service

PLACING_PREDICATES = {p for p, _r, _k in PLACING}


@pytest.fixture(scope="module")
def svc(galaxy_db: Path) -> Service:
    s = Service.open(galaxy_db)
    yield s
    s.close()


def _ids(doc: Any) -> set[str]:
    return {r["id"] for r in doc["linked"]}


# ---------------------------------------------------------------------------------------- province


def test_guizhou_lists_nothing_through_a_shared_initiative(svc: Service) -> None:
    ids = _ids(svc.province("Guizhou"))
    assert not ids & {"apt41", "chengdu-404", "tan-dailin", "jiang-lizhi"}


def test_hong_kong_lists_nothing_through_its_neighbour(svc: Service) -> None:
    ids = _ids(svc.province("Hong Kong"))
    assert not ids & {"guangdong-ssd", "boyusec", "apt3", "wu-yingzhuo", "dong-hao", "xia-lei"}


def test_sichuan_still_lists_chengdu_404_and_apt41(svc: Service) -> None:
    ids = _ids(svc.province("Sichuan"))
    assert {"chengdu-404", "apt41"} <= ids


@pytest.mark.parametrize("name", ["Hubei", "Guangdong", "Shanghai", "Hainan", "Tianjin", "Sichuan", "Guizhou"])
def test_every_province_link_is_a_placing_relation(svc: Service, name: str) -> None:
    """What a province places, it places by placing ties; what is tied only through a weak tie to a body placed
    there is listed as such (`tie`: "linked")."""
    for r in svc.province(name)["linked"]:
        preds = {step.split(" ")[i] for step in r["via"].split(" → ") for i in range(len(step.split(" ")))}
        assert preds & PLACING_PREDICATES, r
        assert not preds & {"part_of", "borders", "targeted"}, r
        assert bool(preds & {"linked_to", "supports"}) is (r["tie"] == "linked"), r


# ---------------------------------------------------------------------------------------- chain


def test_apt31_chains_reach_the_state_once_per_node_path(svc: Service) -> None:
    doc = svc.chain("APT31")
    paths = [tuple(h["object"]["id"] for h in ch["hops"]) for ch in doc["chains"]]
    assert len(paths) == len(set(paths)), "paths over the same nodes must be one path"
    for ch in doc["chains"]:
        assert any(h["object"]["kind"] in STATE_KINDS for h in ch["hops"])
        for h in ch["hops"]:
            assert h["predicates"] and all(p["evidence"] for p in h["predicates"])
            assert h["predicate"] == h["predicates"][0]["predicate"]
    # the company that never reaches the state is an open lead, not a chain
    assert all("wuhan-liuhe-tiangong" not in p for p in paths)
    assert any(ch["hops"][-1]["object"]["id"] == "wuhan-liuhe-tiangong" for ch in doc["open_leads"])
    assert any({"hubei-ssd", "mss", "china"} <= set(p) for p in paths)


def test_chains_are_ranked_by_depth_then_confidence(svc: Service) -> None:
    for name in ("APT31", "APT3", "APT10", "APT40", "APT41"):
        chains = svc.chain(name)["chains"]
        keys = [(ch["confidence"] < 50, -LEVELS.index(ch["depth"]), -ch["confidence"]) for ch in chains]
        assert keys == sorted(keys), name


def test_a_limit_applies_after_ranking_and_says_so(svc: Service) -> None:
    full = svc.chain("APT3")
    cut = svc.chain("APT3", limit=1)
    assert full["total"] > 1 and full["left_out"] == 0 and full["limit"] is None
    assert cut["chains"] == full["chains"][:1]
    assert cut["left_out"] == full["total"] - 1 and cut["limit"] == 1


# ---------------------------------------------------------------------------------------- conflicts


def _sides(conflict: dict[str, Any]) -> list[set[str]]:
    return [{b["id"] for b in s["bodies"]} for s in conflict["sides"]]


def test_boyusec_is_contested_between_the_mss_and_unit_61398_everywhere(svc: Service) -> None:
    shown = svc.show("boyusec")["contested"]
    assert len(shown) == 1 and {"mss"} <= set().union(*_sides(shown[0]))
    assert any("pla-unit-61398" in s for s in _sides(shown[0])) and any("mss" in s for s in _sides(shown[0]))
    # chain: the steps out of Boyusec to either side are flagged, with both sides
    steps = [h for ch in svc.chain("APT3")["chains"] for h in ch["hops"] if h["subject"]["id"] == "boyusec"]
    flagged = {h["object"]["id"] for h in steps if h["contested"] and h["conflicts"]}
    assert {"mss", "pla-unit-61398"} <= flagged
    # province: Boyusec and what hangs under it carry the caveat
    linked = {r["id"]: r for r in svc.province("Guangdong")["linked"]}
    for eid in ("boyusec", "apt3", "wu-yingzhuo"):
        assert linked[eid]["contested"], eid
    # contested: listed as an ownership conflict
    items = svc.contested(["ownership"])["items"]
    assert any(i["subject"]["id"] == "boyusec" for i in items)


def test_a_group_under_a_bureau_and_its_ministry_is_not_contested(svc: Service) -> None:
    assert svc.show("APT31")["contested"] == []


# ---------------------------------------------------------------------------------------- the service


def test_service_is_the_knowledge_base_and_answers_are_typed(svc: Service) -> None:
    assert Service is KnowledgeBase
    doc = svc.chain("APT31")
    assert isinstance(doc, ChainResult) and isinstance(doc, Result)
    as_json = doc.to_json()
    assert as_json["from"]["id"] == "apt31" and dict(doc) == as_json
    assert json.loads(json.dumps(as_json)) == as_json
    assert isinstance(svc.province("Hubei"), ProvinceResult)
    with pytest.raises(AttributeError):
        doc.total = 0  # type: ignore[misc]


def test_as_of_is_given_per_call(svc: Service, galaxy_db: Path) -> None:
    then = svc.chain("APT10", as_of="2017-01-01").to_json()
    with KnowledgeBase.open(galaxy_db, as_of="2017-01-01") as old:
        assert old.chain("APT10").to_json() == then
    assert svc.chain("APT10").to_json() != then


def test_many_readers_at_once_get_the_same_answers(galaxy_db: Path) -> None:
    questions = [("chain", "APT31"), ("province", "Hubei"), ("show", "APT40"), ("timeline", "APT10")] * 4
    with Service.open(galaxy_db) as alone:
        expected = [json.dumps(getattr(alone, q)(n).to_json(), sort_keys=True) for q, n in questions]
    with Service.open(galaxy_db) as shared, ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda qn: json.dumps(getattr(shared, qn[0])(qn[1]).to_json(), sort_keys=True), questions))
    assert got == expected


def test_a_review_updates_only_what_it_touches(curated_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(curated_db, db)
    with Service.open(db) as svc:
        cand = Claim("apt31", "operated_by", ("gov-uk-2024",), object="mss", status="candidate", note="test")
        with svc.store.transaction():
            svc.store.put_claim(cand)
        before = svc.chain("APT31")
        g = svc.view().graph
        g.use_placements = False  # walked here, not read from the store's walks (see the test below)
        svc.province("Hainan")
        hainan = [kept["hainan"] for kept in g._links.values() if "hainan" in kept]
        assert hainan, "a province reads its links"
        svc.review("accept", [cand.id])
        assert svc.view().graph is g, "a review keeps the view"
        assert [kept["hainan"] for kept in g._links.values() if "hainan" in kept] == hainan
        assert "apt31" not in g._loaded and not any("apt31" in kept for kept in g._links.values())
        after = svc.chain("APT31")
        ids = {c for ch in after["chains"] for h in ch["hops"] for c in h["claims"]}
        assert cand.id in ids and before.to_json() != after.to_json()


def _walks(svc: Service) -> dict[str, list[Any]]:
    """Every province's stored walk (None where none is stored)."""
    from cyberstate.analysis.province import WALK_KEY

    provinces = [e.id for e in svc.store.iter_entities("province") if e.id not in svc.store.canonical_map()]
    return {p: svc.store.placements(p, WALK_KEY) for p in sorted(provinces)}


def _check_walks(svc: Service) -> None:
    """Every province's walk is stored, is the walk of the stored claims, and answers as the whole graph."""
    from cyberstate.analysis import Graph, profile
    from cyberstate.analysis.graph import LazyGraph
    from cyberstate.analysis.province import placement_columns, walk

    whole = Graph.from_store(svc.store)
    fresh = LazyGraph(svc.store)
    fresh.use_placements = False
    for p, stored in _walks(svc).items():
        assert stored is not None, p
        assert stored == placement_columns(fresh, walk(fresh, p)), p
        assert svc.province(p, limit=None).to_json() == {**profile(whole, p), "limit": None, "left_out": 0}, p


def test_province_walks_are_kept_right_after_a_review_a_merge_and_an_unmerge(
    curated_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each province's walk is stored by the write that changes it, in its transaction: a review walks
    again only the provinces whose walk reached an end of the claim it accepted; a merge and an unmerge
    (a new merge map) walk every province again. Each stored walk is the walk of the claims, and every
    province answers as the whole graph does."""
    from cyberstate.analysis.graph import GraphIndex
    from cyberstate.model.rules import WEAK_TIES
    from cyberstate.store.migrations import WALKED_PREDICATES as TRIGGERED

    assert set(TRIGGERED) == PLACING_PREDICATES | WEAK_TIES, (
        "the store's triggers watch the predicates the walk follows"
    )
    db = tmp_path / "copy.db"
    shutil.copy(curated_db, db)
    with Service.open(db) as svc:
        _check_walks(svc)
        before = _walks(svc)
        hainan = svc.province("Hainan").to_json()
        assert "apt41" not in _ids(hainan)
        cand = Claim("apt41", "operated_by", ("gov-uk-2024",), object="hainan-ssd", status="candidate", note="test")
        with svc.store.transaction():
            svc.store.put_claim(cand)  # a candidate places nothing: no walk is forgotten
        assert _walks(svc) == before
        # asked after the direct write, the views read it again: the review below walks over their index
        assert svc.province("Hainan").to_json() == hainan
        walked: list[str] = []
        put = svc.store.put_placements
        svc.store.put_placements = lambda p, *a: (walked.append(p), put(p, *a))[1]  # type: ignore[method-assign]
        reads: list[object] = []
        read = GraphIndex.read
        monkeypatch.setattr(GraphIndex, "read", classmethod(lambda cls, st: (reads.append(st), read(st))[1]))
        svc.review("accept", [cand.id])
        assert not reads, "a review walks over the index the views hold"
        reached = {
            p
            for p, rows in before.items()
            if p == "hainan" or {"apt41", "hainan-ssd"} & set((rows or {}).get("entity", ()))
        }
        assert sorted(walked) == sorted(reached) and "hainan" in walked and len(walked) < len(before)
        assert "apt41" in _ids(svc.province("Hainan").to_json())
        assert {p: w for p, w in _walks(svc).items() if p not in reached} == {
            p: w for p, w in before.items() if p not in reached
        }
        _check_walks(svc)
        walked.clear()
        svc.merge("hainan-xiandun", "wuhan-xrz", note="test")
        assert sorted(walked) == sorted(before), "a merge walks every province again"
        assert "wuhan-xrz" not in _ids(svc.province("Hubei", limit=None).to_json())
        _check_walks(svc)
        walked.clear()
        svc.unmerge("hainan-xiandun", "wuhan-xrz", note="test")
        assert sorted(walked) == sorted(before)
        assert "wuhan-xrz" in _ids(svc.province("Hubei", limit=None).to_json())
        _check_walks(svc)


def test_a_store_written_without_the_read_model_walks_until_its_walks_are_stored(
    curated_db: Path, tmp_path: Path
) -> None:
    """A placing claim written straight to the store makes it forget the walks it reaches (a trigger, in
    the write's transaction): the province is walked, with the new claim, until a write stores its walk."""
    from cyberstate.analysis.province import WALK_KEY

    db = tmp_path / "copy.db"
    shutil.copy(curated_db, db)
    with Service.open(db) as svc:
        assert svc.store.placements("hainan", WALK_KEY) is not None
        with svc.store.transaction():
            svc.store.put_claim(Claim("apt41", "operated_by", ("gov-uk-2024",), object="hainan-ssd", note="test"))
        assert svc.store.placements("hainan", WALK_KEY) is None
        assert svc.store.placements("tianjin", WALK_KEY) is not None, "only the walks it reaches"
        assert "apt41" in _ids(svc.province("Hainan").to_json())
        assert svc.store.placements("tianjin", "another walk") is None, "a walk made by other rules is not read"
        assert svc.refresh_placements() >= 1
        _check_walks(svc)


# ---------------------------------------------------------------------------------------- links (the walks' reads)


def test_store_links_are_the_claims_few_columns_in_the_same_order(galaxy_db: Path) -> None:
    from cyberstate.store.sqlite import SQLiteStore

    with SQLiteStore(galaxy_db, create=False) as store:
        ids = ["hubei", "hubei-ssd", "mss", "apt31", "boyusec", "no-such-entity"]
        for role in ("subject", "object"):
            preds = sorted(PLACING_PREDICATES | {"attributed_to", "linked_to"})
            full = [
                (c.id, c.subject, c.predicate, c.object, c.negated)
                for c in store.claims_about(ids, role=role, predicates=preds)
                if c.object is not None
            ]
            got = [(i, s, p, o, bool(n)) for i, s, p, o, n in store.links(ids, role=role, predicates=preds)]
            assert full and got == full
        with pytest.raises(ValueError):
            store.links(ids, role="assertor", predicates=preds)


def test_claim_rows_are_iter_claims_in_the_same_order(svc: Service) -> None:
    """The rows an export reads are the claims iter_claims gives (merged records mapped, self-links left
    out, as_of applied), field by field and in the same order."""
    for as_of in (None, "2020-06"):
        claims = list(svc.iter_claims(as_of))
        rows = svc.claim_rows(as_of)
        assert claims and len(rows) == len(claims)
        for c, r in zip(claims, rows, strict=True):
            ev = c.evidence
            want = (
                c.id, c.subject, c.predicate, c.object, c.value, c.assertor, c.basis, c.confidence, c.negated,
                c.valid_from, c.valid_to, c.published, c.recorded, ev and ev.text, ev and ev.source,
                ev and ev.start, ev and ev.end, c.marking, c.note, c.sources,
            )  # fmt: skip
            assert tuple(r) == want
    assert len(svc.claim_rows("2020-06")) < len(svc.claim_rows())
    canon = svc.index().canon
    assert any(r.subject in canon for r in svc.store.claim_rows())  # the store's rows name merged records
    assert not any(r.subject in canon or r.object in canon for r in svc.claim_rows())  # the model's do not


def test_lazy_links_match_the_whole_graph(galaxy_db: Path) -> None:
    """The links a walk reads by index (pruned by the vocabulary's domain and range, records mapped to
    their merged entity) are the claims of the whole graph, for every entity and side."""
    from cyberstate.analysis.conflicts import PARENT_PREDICATES
    from cyberstate.analysis.graph import Graph, LazyGraph
    from cyberstate.analysis.province import PLACED_FROM_ABOVE, PLACED_FROM_BELOW
    from cyberstate.store.sqlite import SQLiteStore

    with SQLiteStore(galaxy_db, create=False) as store:
        whole, lazy = Graph.from_store(store), LazyGraph(store)
        assert whole.canon, "the store holds merged records"
        eids = sorted(whole.nodes)
        for side, preds in (("inn", PLACED_FROM_BELOW), ("out", PLACED_FROM_ABOVE), ("out", PARENT_PREDICATES)):
            want = whole.links(eids, side, preds)
            got = lazy.links(eids, side, preds)
            assert got == want and sum(map(len, got.values())) > 10
            assert lazy.links(eids[:50], side, preds) == {e: want[e] for e in eids[:50]}, "kept for the next walk"


def test_links_for_fewer_predicates_come_from_a_wider_read_in_the_same_order(galaxy_db: Path) -> None:
    """An ownership conflict's parent links are answered from what a chain's read of what leads up kept
    (claims or links of more predicates), filtered, as a read of their own would give them."""
    from cyberstate.analysis.conflicts import PARENT_PREDICATES
    from cyberstate.analysis.graph import UP_OUT, Graph, LazyGraph
    from cyberstate.store.sqlite import SQLiteStore

    with SQLiteStore(galaxy_db, create=False) as store:
        whole = Graph.from_store(store)
        eids = sorted(whole.nodes)
        want = whole.links(eids, "out", PARENT_PREDICATES)
        for wider in ("edges_many", "links"):
            lazy = LazyGraph(store)
            kept = [e for e in eids[::2] if not lazy.members.get(e)]
            getattr(lazy, wider)(kept, "out", UP_OUT)  # these entities read for more predicates
            statements: list[str] = []
            store._db.set_trace_callback(statements.append)  # what SQLite runs, parameters written in
            try:
                assert lazy.links(eids, "out", PARENT_PREDICATES) == want, wider
            finally:
                store._db.set_trace_callback(None)
            asked = "".join(statements)
            assert statements and not [e for e in kept if f'"{e}"' in asked], f"{wider}: read again what was kept"


def test_partial_reads_give_the_answers_of_the_whole_graph(galaxy_db: Path) -> None:
    """What the read model reads by index (links for a province walk, what leads up for chains, coverage
    and theses) answers as the whole graph in memory does: every province, coverage and the theses."""
    from cyberstate.analysis import Graph, profile
    from cyberstate.analysis.coverage import coverage
    from cyberstate.analysis.theses import theses
    from cyberstate.store.sqlite import SQLiteStore

    with SQLiteStore(galaxy_db, create=False) as store:
        whole = Graph.from_store(store)
    china = "china"
    with Service.open(galaxy_db) as svc:
        for p in sorted(e for e, (k, _) in whole.nodes.items() if k == "province"):
            assert svc.province(p, limit=None).to_json() == {**profile(whole, p), "limit": None, "left_out": 0}, p
        assert svc.coverage("China").to_json() == coverage(whole, china)
    with Service.open(galaxy_db) as svc:
        lazy, full = svc.theses("China").to_json(), theses(whole, china)

    def canonical(doc: dict[str, Any]) -> str:
        # official attributions are listed in the order the graph yields them (by subject as read)
        naming = doc["theses"][2]
        naming["entities"] = sorted(naming["entities"], key=lambda e: json.dumps(e, sort_keys=True))
        return json.dumps(doc, sort_keys=True, default=str)

    assert canonical(lazy) == canonical(full)


def test_province_limit_applies_after_ranking_and_says_so(svc: Service) -> None:
    whole = svc.province("Shanghai", limit=None)
    page = svc.province("Shanghai", limit=3)
    assert whole.total == len(whole.linked) > 3 and whole.left_out == 0
    assert page.linked == whole.linked[:3] and page.total == whole.total and page.left_out == whole.total - 3
    assert page.counts == whole.counts and page.limit == 3
    assert svc.province("Shanghai").linked == whole.linked, "a real province fits the default page"
    with pytest.raises(Exception, match="--limit 0"):
        svc.province("Shanghai", limit=0)


# ---------------------------------------------------------------------------------------- the CLI renders


def test_cli_chain_limit_and_open_leads(cli: Any, galaxy_db: Path) -> None:
    doc = cli("chain", "APT31", "--limit", "1", "--json", db=galaxy_db).json()
    assert len(doc["chains"]) == 1 and doc["limit"] == 1 and doc["left_out"] == doc["total"] - 1
    assert doc["open_leads"]
    text = cli("chain", "APT31", "--limit", "1", db=galaxy_db)
    assert text.code == 0 and "left out by --limit 1" in text.stdout and "open leads" in text.stdout
    r = cli("chain", "APT31", "--limit", "0", db=galaxy_db)
    assert r.code == 1 and "--limit 0" in r.stderr


def test_cli_province_limit_and_all(cli: Any, galaxy_db: Path) -> None:
    doc = cli("province", "Shanghai", "--limit", "2", "--json", db=galaxy_db).json()
    assert len(doc["linked"]) == 2 and doc["limit"] == 2 and doc["left_out"] == doc["total"] - 2
    text = cli("province", "Shanghai", "--limit", "2", db=galaxy_db)
    assert text.code == 0 and f"{doc['total'] - 2} more of {doc['total']} left out by --limit 2" in text.stdout
    whole = cli("province", "Shanghai", "--all", "--json", db=galaxy_db).json()
    assert len(whole["linked"]) == whole["total"] and whole["limit"] is None and whole["left_out"] == 0
    r = cli("province", "Shanghai", "--limit", "0", db=galaxy_db)
    assert r.code == 1 and "--limit 0" in r.stderr


def test_cli_shows_ownership_conflicts(cli: Any, galaxy_db: Path) -> None:
    r = cli("show", "boyusec", db=galaxy_db)
    assert r.code == 0 and "contested:" in r.stdout and "PLA Unit 61398" in r.stdout
    tour = cli("tour", "--json", db=galaxy_db).json()
    assert tour["chain"]["from"]["id"] == "apt31" and tour["province"]["province"]["id"] == "hubei"


# ---------------------------------------------------------------------------------------- readers during a write

WRITE = Path(__file__).parent / "data" / "snapshot" / "write.yaml"
QUESTIONS = [("chain", "APT31"), ("province", "Tianjin"), ("province", "Hubei"), ("timeline", "APT31")]


def _answers(db: Path) -> dict[tuple[str, str], str]:
    with Service.open(db) as fresh:
        return {(q, n): json.dumps(getattr(fresh, q)(n).to_json(), sort_keys=True) for q, n in QUESTIONS}


def _writer(db: Path) -> subprocess.Popen[str]:
    """A real writer: another process loading claims, in one transaction, into the store readers use."""
    cmd = [sys.executable, "-m", "cyberstate", "--db", str(db), "load", str(WRITE)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_long_lived_reader_never_mixes_what_it_read_before_a_write_with_what_it_reads_after(
    curated_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(curated_db, db)
    before = _answers(db)
    with Service.open(db) as svc:
        svc.timeline("APT31")  # APT31's own claims are now in memory, read before the write
        svc.show("wuhan-xrz")
        w = _writer(db)
        assert w.wait(120) == 0, w.stderr.read() if w.stderr else ""
        got = {(q, n): json.dumps(getattr(svc, q)(n).to_json(), sort_keys=True) for q, n in QUESTIONS}
    after = _answers(db)
    assert all(before[k] != after[k] for k in [("chain", "APT31"), ("province", "Tianjin")]), "the write must show"
    assert got == after


def test_readers_during_a_write_see_the_old_state_or_the_new_never_a_mix(curated_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(curated_db, db)
    before = _answers(db)
    seen: list[tuple[tuple[str, str], str]] = []
    with Service.open(db) as svc:
        for q, n in QUESTIONS:  # warm: every view holds claims read before the write
            getattr(svc, q)(n)
        w = _writer(db)

        def ask(i: int) -> None:
            k = 0
            while w.poll() is None or k < len(QUESTIONS):
                q, n = QUESTIONS[(i + k) % len(QUESTIONS)]
                seen.append(((q, n), json.dumps(getattr(svc, q)(n).to_json(), sort_keys=True)))
                k += 1

        with ThreadPoolExecutor(3) as pool:
            list(pool.map(ask, range(3)))
        assert w.wait(120) == 0
    after = _answers(db)
    assert before != after
    mixed = [k for k, a in seen if a not in (before[k], after[k])]
    assert not mixed, f"{len(mixed)} of {len(seen)} answers were neither the state before nor after: {mixed[:3]}"
    assert {a for k, a in seen[-len(QUESTIONS) :]} <= set(after.values())


def test_claim_rows_leave_out_self_links_without_merges(tmp_path: Path) -> None:
    """A store with no merged records: the export's rows follow iter_claims's rule all the same (a link of
    an entity to itself is no statement; it used to reach the export when nothing was merged)."""
    from cyberstate import SQLiteStore
    from cyberstate.model import Entity, Source

    store = SQLiteStore(tmp_path / "s.db")
    with store.transaction():
        store.put_source(Source("s1", title="T"))
        store.put_entity(Entity("a", "company", "A", (), ("s1",)))
        store.put_entity(Entity("b", "company", "B", (), ("s1",)))
        store.put_claim(Claim("a", "related_to", ("s1",), object="a"))
        store.put_claim(Claim("a", "related_to", ("s1",), object="b"))
    store.close()
    with KnowledgeBase.open(tmp_path / "s.db") as kb:
        assert not kb.index().members
        assert [r.id for r in kb.claim_rows()] == [c.id for c in kb.iter_claims()]
        assert [(r.subject, r.object) for r in kb.claim_rows()] == [("a", "b")]
