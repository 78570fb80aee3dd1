from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cyberstate import SQLiteStore
from cyberstate.errors import InvalidRecord, StoreError, VocabularyError
from cyberstate.model import Alias, Claim, Entity, Evidence, Source
from cyberstate.store.migrations import SCHEMA_VERSION


def _seed(store: SQLiteStore) -> None:
    with store.transaction():
        store.put_source(Source("s1", title="Doc", url="https://example.org/d", published="2024-03", text="Body text."))
        store.put_entity(Entity("grp", "threat_group", "Group", (Alias("GRP-1", "s1", origin="VendorX"),), ("s1",)))
        store.put_entity(Entity("bur", "provincial_bureau", "Bureau", (), ("s1",)))
        store.put_entity(Entity("gov", "government_agency", "Gov", (), ("s1",), assertor_type="government"))


def test_round_trip(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    claim = Claim(
        "grp",
        "operated_by",
        ("s1",),
        object="bur",
        assertor="gov",
        basis="official_statement",
        confidence=80,
        valid_from="2019",
        published="2024-03",
        evidence=Evidence("Body", "s1", 0, 4),
        marking="TLP:GREEN",
    )
    with store.transaction():
        assert store.put_claim(claim) is True
        assert store.put_claim(claim) is False  # same content: no change
    store.close()
    store = SQLiteStore(tmp_path / "s.db", create=False)
    got = store.get_claim(claim.id)
    assert got is not None
    assert (got.subject, got.predicate, got.object, got.assertor) == ("grp", "operated_by", "bur", "gov")
    assert got.sources == ("s1",) and got.valid_from == "2019" and got.marking == "TLP:GREEN"
    assert got.evidence == Evidence("Body", "s1", 0, 4)
    assert got.recorded
    e = store.get_entity("grp")
    assert e is not None and e.aliases[0] == Alias("GRP-1", "s1", "VendorX", None)
    src = store.get_source("s1")
    assert src is not None and src.text == "Body text." and src.published == "2024-03"
    assert [h.entity_id for h in store.find_names("grp1")] == ["grp"]
    assert [h.entity_id for h in store.search_names("Gro")] == ["grp"]
    store.close()


def test_domain_range_refused_on_write(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    with (
        pytest.raises(VocabularyError, match="operated_by: subject kind 'provincial_bureau'"),
        store.transaction(),
    ):
        store.put_claim(Claim("bur", "operated_by", ("s1",), object="bur"))
    with pytest.raises(InvalidRecord, match="unknown object 'nobody'"), store.transaction():
        store.put_claim(Claim("grp", "operated_by", ("s1",), object="nobody"))
    with pytest.raises(InvalidRecord, match="unknown source 'nope'"), store.transaction():
        store.put_claim(Claim("grp", "operated_by", ("nope",), object="bur"))
    store.close()


def test_transaction_rolls_back_everything(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    before = store.counts()
    with pytest.raises(RuntimeError), store.transaction():
        store.put_entity(Entity("new", "person", "New Person", (), ("s1",)))
        with store.transaction():  # nested: a savepoint
            store.put_claim(Claim("grp", "operated_by", ("s1",), object="bur"))
        raise RuntimeError("boom")
    assert store.counts() == before
    assert store.get_entity("new") is None
    store.close()


def test_writes_need_a_transaction(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    with pytest.raises(StoreError, match=r"inside store\.transaction"):
        store.put_source(Source("s", title="t"))
    store.close()


def test_retract_keeps_history(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    a = Claim("grp", "operated_by", ("s1",), object="bur", origin="o")
    b = Claim("grp", "linked_to", ("s1",), object="bur", origin="o")
    with store.transaction():
        store.put_claim(a)
        store.put_claim(b)
        assert store.retract_claims("o", {a.id}) == 1
    assert [c.id for c in store.iter_claims()] == [a.id]
    got = store.get_claim(b.id)
    assert got is not None and got.status == "retracted"
    store.close()


def test_not_a_store(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("hello, I am not a database")
    with pytest.raises(StoreError, match="not a cyberstate store"):
        SQLiteStore(text)
    assert text.read_text() == "hello, I am not a database"
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="holds other tables"):
        SQLiteStore(other)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteStore(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this cyberstate"):
        SQLiteStore(path)


def test_missing_store_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `cyberstate load` first"):
        SQLiteStore(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.meta()["schema_version"] == str(SCHEMA_VERSION)
    store.close()


def test_bulk_reads_give_what_the_single_reads_give(tmp_path: Path) -> None:
    """scan_claims (sources of every claim from one pass) and the bulk entity and source reads (stored
    records built without re-checking) give exactly what the per-record reads give, in iter_claims' order."""
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    claims = [
        Claim("grp", "operated_by", ("s3", "s1", "s2"), object="bur", assertor="gov", evidence=Evidence("Body", "s1")),
        Claim("bur", "linked_to", ("s2",), object="grp", valid_from="2019", marking="TLP:AMBER", note="n"),
        Claim("grp", "linked_to", ("s1",), object="gov", negated=True, confidence=30),
        Claim("grp", "linked_to", ("s2",), object="bur", status="candidate"),
    ]
    with store.transaction():
        store.put_source(Source("s2", title="Other", published="2023"))
        store.put_source(Source("s3", publisher="Pub", url="https://example.org/3", cited_as=("[3]",), primary=True))
        store.put_entity(Entity("cn", "country", "China", (Alias("中国", "s1"), Alias("PRC", None, "x")), ("s2", "s1"),
                                attrs={"code": "CN"}))  # fmt: skip
        store.put_entity(Entity("cand", "person", "Someone", (), ("s1",), attrs={"status": "candidate"}))
        for c in claims:
            store.put_claim(c)
    scanned = list(store.scan_claims())
    assert [c.id for c in scanned] == [c.id for c in store.iter_claims()]
    assert scanned == [store.get_claim(c.id) for c in scanned]
    assert [(c.subject, c.predicate, c.object) for c in scanned] == sorted((c.subject, c.predicate, c.object)
                                                                           for c in claims[:3])  # fmt: skip
    assert next(c for c in scanned if c.subject == "grp" and c.object == "bur").sources == ("s3", "s1", "s2")
    assert {c.id for c in store.scan_claims(None)} == {c.id for c in claims}
    entities = list(store.iter_entities())
    assert entities == [store.get_entity(e.id) for e in entities]
    china = next(e for e in entities if e.id == "cn")
    assert china == Entity("cn", "country", "China", (Alias("中国", "s1"), Alias("PRC", None, "x")), ("s2", "s1"),
                           attrs={"code": "CN"})  # fmt: skip
    assert china.aliases[0].lang == "zh"
    sources = list(store.iter_sources())
    assert [s.id for s in sources] == ["s1", "s2", "s3"]
    assert sources == [store.get_source(s.id) for s in sources]
    assert sources[2] == Source("s3", publisher="Pub", url="https://example.org/3", cited_as=("[3]",), primary=True)
    assert sources[0].text == "Body text." and sources[0].sha256
    assert store.entities_with_status({"candidate", "rejected"}) == {"cand"}
    store.close()
    # a name stored without a language (an older store) reads as Alias makes it: Chinese characters are zh
    with sqlite3.connect(tmp_path / "s.db") as db:
        db.execute("UPDATE names SET lang = NULL WHERE name = '中国'")
    db.close()
    store = SQLiteStore(tmp_path / "s.db", create=False)
    assert next(e for e in store.iter_entities() if e.id == "cn").aliases[0].lang == "zh"
    assert store.get_entity("cn") == china
    store.close()


def test_an_integer_beyond_64_bits_reads_back_as_stored(tmp_path: Path) -> None:
    # orjson turns such an integer into a float without an error; the store must give the integer back
    big = 2**70 + 1  # no float holds it
    store = SQLiteStore(tmp_path / "s.db")
    with store.transaction():
        store.put_source(Source("s1", title="T"))
        store.put_entity(Entity("e", "company", "Org", (), ("s1",), attrs={"big": big, "small": 7, "x": 1.5}))
    assert store.get_entity("e").attrs == {"big": big, "small": 7, "x": 1.5}
    (listed,) = store.iter_entities()
    assert listed.attrs == {"big": big, "small": 7, "x": 1.5} and type(listed.attrs["big"]) is int
    store.close()


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table the writers touch, rowids included, the time each was recorded left out."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for t in ("entities", "entity_sources", "names", "names_fts", "claims", "claim_sources", "sources"):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info('{t}')") if r[1] != "recorded"]
            out[t] = sorted(con.execute(f"SELECT rowid, {', '.join(cols)} FROM '{t}'"), key=repr)
        return out
    finally:
        con.close()


def _document(store: SQLiteStore) -> tuple[list[Entity], list[Claim]]:
    """One document's candidates as extraction makes them: new entities shared by several claims, an entity
    the store already holds under another name, an id given twice, a claim given twice, a claim already stored
    (and reviewed), and an entity with aliases."""
    with store.transaction():
        store.put_source(Source("doc", title="Report", text="Unit 1 and Front Co. work for the Bureau."))
    entities = [
        Entity("p-unit", "threat_group", "Unit 1", (), ("doc",), attrs={"status": "candidate"}),
        Entity("grp", "threat_group", "Another Name", (), ("doc",)),  # held: left as it is
        Entity("p-front", "company", "Front Co.", (Alias("Front Company", "doc"), Alias("FC", "s1")), ("doc", "s1")),
        Entity("p-unit", "threat_group", "Unit One", (), ("doc",)),  # the same id again: the first one counts
    ]
    ev = Evidence("Unit 1 and Front Co. work for the Bureau.", "doc", 0, 41)
    reviewed = Claim("grp", "operated_by", ("doc",), object="bur", status="candidate", evidence=ev)
    with store.transaction():
        store.put_claim(reviewed)
        store.set_claim_status(reviewed.id, "accepted")
    claims = [
        Claim("p-unit", "operated_by", ("doc",), object="bur", status="candidate", evidence=ev, confidence=60),
        Claim("p-front", "front_company_for", ("doc",), object="p-unit", status="candidate", evidence=ev),
        Claim("p-unit", "linked_to", ("doc",), object="p-front", status="candidate", evidence=ev),
        reviewed,  # stored and accepted since: keeps its decision
        Claim("p-unit", "operated_by", ("doc",), object="bur", status="candidate", evidence=ev, confidence=60),
        Claim("p-front", "operated_by", ("doc", "s1"), object="bur", assertor="gov", status="candidate", evidence=ev),
    ]
    return entities, claims


def test_a_documents_candidates_written_at_once_are_the_rows_written_one_by_one(tmp_path: Path) -> None:
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    written = []
    for db in (one, many):
        store = SQLiteStore(db)
        _seed(store)
        entities, claims = _document(store)
        with store.transaction():
            if db == one:  # what the ingest wrote before: a look-up and a write per record
                n_e = sum(store.put_entity(e) for e in entities if store.get_entity(e.id) is None)
                n_c = sum(store.put_claim(c) for c in claims if store.get_claim(c.id) is None)
            else:
                n_e, n_c = store.put_new_entities(entities), store.put_new_claims(claims)
        written.append((n_e, n_c))
        store.close()
    assert written[0] == written[1] == (2, 4)
    assert _rows(one) == _rows(many)
    store = SQLiteStore(many, create=False)
    unit = store.get_entity("p-unit")
    assert unit is not None and unit.name == "Unit 1"
    assert [h.entity_id for h in store.search_names("Front Company")] == ["p-front"]
    store.close()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (Claim("p-x", "operated_by", ("doc",), object="bur"), "unknown subject 'p-x'"),
        (Claim("grp", "operated_by", ("doc",), object="p-y"), "unknown object 'p-y'"),
        (Claim("grp", "operated_by", ("doc",), object="bur", assertor="p-z"), "unknown assertor 'p-z'"),
        (Claim("grp", "operated_by", ("nope",), object="bur"), "cites unknown source 'nope'"),
        (Claim("bur", "operated_by", ("doc",), object="bur"), "subject kind 'provincial_bureau'"),
    ],
)
def test_a_bad_claim_amid_a_batch_fails_as_put_claim_does_and_writes_nothing(
    tmp_path: Path, bad: Claim, message: str
) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    with store.transaction():
        store.put_source(Source("doc", title="Report"))
    good = [Claim("grp", "operated_by", ("doc",), object="bur"), Claim("grp", "linked_to", ("doc",), object="bur")]
    with pytest.raises(InvalidRecord, match=message) as one, store.transaction():
        for c in [good[0], bad, good[1]]:
            store.put_claim(c)
    before = _rows(tmp_path / "s.db")
    with pytest.raises(InvalidRecord, match=message) as many, store.transaction():
        store.put_new_entities([Entity("p-new", "person", "New Person", (), ("doc",))])
        store.put_new_claims([good[0], bad, good[1]])
    assert str(many.value) == str(one.value)
    assert _rows(tmp_path / "s.db") == before  # the document's entities and claims rolled back with it
    store.close()


def test_a_bad_entity_amid_a_batch_fails_as_put_entity_does(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    good = Entity("p-a", "person", "A Person", (), ("s1",))
    for bad in (
        Entity("p-b", "person", "B Person", (), ("nope",)),
        Entity("p-b", "person", "B Person", (Alias("B", "gone"),), ("s1",)),
    ):
        with pytest.raises(InvalidRecord) as one, store.transaction():
            store.put_entity(good)
            store.put_entity(bad)
        with pytest.raises(InvalidRecord) as many, store.transaction():
            store.put_new_entities([good, bad])
        assert str(many.value) == str(one.value)
        assert store.get_entity("p-a") is None
    store.close()


def test_the_large_cache_is_given_back(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _seed(store)
    size = store._db.execute("PRAGMA cache_size").fetchone()[0]
    with pytest.raises(RuntimeError), store.large_cache(), store.transaction():
        assert store._db.execute("PRAGMA cache_size").fetchone()[0] < size  # negative: KiB, more than before
        store.put_new_entities([Entity("p-a", "person", "A Person", (), ("s1",))])
        raise RuntimeError("boom")
    assert store._db.execute("PRAGMA cache_size").fetchone()[0] == size
    assert store.get_entity("p-a") is None
    store.close()
