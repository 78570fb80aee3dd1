"""Strict input and ownership: every bad value is one error naming file, line and field, with the store
unchanged; a file retracts and rewrites only what it owns; text from data is never terminal markup."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from cyberstate import KnowledgeBase
from cyberstate.errors import DataFileError, ImportFormatError, OwnershipError, SchemaError
from cyberstate.ingest import schema

GALAXY = Path(__file__).parent / "data" / "galaxy"

BAD = [
    (
        "negated-string",
        'claims:\n  - {subject: riverton, predicate: located_in, object: china, negated: "false"}\n',
        3 - 1,
        "claims[0].negated",
        "valid boolean",
    ),
    ("blank-evidence", 'claims:\n  - subject: riverton\n    evidence: "   "\n', 3, "claims[0].evidence", "blank"),
    ("bad-date", "sources:\n  - id: s1\n    published: 2024-13-45\n", 3, "sources[0].published", "month must be"),
    ("subject-list", "claims:\n  - subject: [apt31]\n", 2, "claims[0].subject", "valid string"),
    ("confidence-string", 'claims:\n  - {subject: riverton, confidence: "80"}\n', 2, "claims[0].confidence", "integer"),
    (
        "unknown-field",
        "entities:\n  - id: x\n    kind: city\n    colour: red\n",
        4,
        "entities[0].colour",
        "unknown field",
    ),
    ("long-name", f"entities:\n  - {{id: x, kind: city, name: {'n' * 600}}}\n", 2, "entities[0].name", "at most 500"),
    ("id-case", "entities:\n  - {id: Bad_Id, kind: city}\n", 2, "entities[0].id", "lowercase"),
    ("year-number", "claims:\n  - {subject: riverton, valid_from: 2021}\n", 2, "claims[0].valid_from", "valid string"),
]


@pytest.mark.parametrize(("name", "content", "line", "field", "problem"), BAD, ids=[b[0] for b in BAD])
def test_types_are_checked_never_coerced(
    mini_kb: KnowledgeBase, mini: Path, name: str, content: str, line: int, field: str, problem: str
) -> None:
    before = mini_kb.store.counts()
    bad = mini / f"{name}.yaml"
    bad.write_text(content)
    with pytest.raises(SchemaError) as info:
        mini_kb.load([bad])
    msg = str(info.value)
    assert msg.startswith(f"{bad}: line {line}, {field}: "), msg
    assert problem in msg
    assert "\n" not in msg
    assert mini_kb.store.counts() == before


def test_alias_bomb_and_deep_nesting_are_refused_fast(mini_kb: KnowledgeBase, mini: Path) -> None:
    lol = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lol.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = mini / "bomb.yaml"
    bomb.write_text("\n".join(lol) + "\n")
    deep = mini / "deep.yaml"
    deep.write_text("claims: " + "[" * 100_000 + "]" * 100_000 + "\n")
    for f, problem in ((bomb, "YAML aliases"), (deep, "nested deeper than")):
        t = time.monotonic()
        with pytest.raises(SchemaError, match=problem):
            mini_kb.load([f])
        assert time.monotonic() - t < 5


def test_galaxy_values_are_checked_with_line_and_field(mini_kb: KnowledgeBase, tmp_path: Path) -> None:
    f = tmp_path / "c.json"
    f.write_text(
        '{"name": "C", "type": "c", "uuid": "u", "values": [\n'
        ' {"value": "A", "uuid": "1"},\n'
        ' {"value": "B", "uuid": "2", "meta": {"synonyms": "not a list"}}\n]}\n'
    )
    with pytest.raises(ImportFormatError) as info:
        mini_kb.import_galaxy(paths=[f])
    assert str(info.value).startswith(f"{f}: line 3, values[1].meta.synonyms ('B'): must be a list")
    f.write_text(
        '{"name": "C", "type": "c", "uuid": "u", "values": [{"value": "' + "x" * 1_000_000 + '", "uuid": "1"}]}'
    )
    with pytest.raises(ImportFormatError, match="at most 500 characters"):
        mini_kb.import_galaxy(paths=[f])
    f.write_text('{"values": ' + "[" * 50_000 + "]" * 50_000 + "}")
    with pytest.raises(ImportFormatError, match="nested deeper"):
        mini_kb.import_galaxy(paths=[f])


# ------------------------------------------------------------------------------------------ ownership


@pytest.fixture
def curated_copy(curated_db: Path, tmp_path: Path) -> KnowledgeBase:
    db = tmp_path / "c.db"
    shutil.copy(curated_db, db)
    kb = KnowledgeBase.open(db)
    yield kb
    kb.close()


def _accepted(kb: KnowledgeBase) -> set[str]:
    return {c.id for c in kb.store.iter_claims()}


def test_loading_one_file_never_resets_what_others_set(curated_copy: KnowledgeBase, tmp_path: Path) -> None:
    kb = curated_copy
    by_type = kb.store.claims_by_assertor_type()
    claims = _accepted(kb)
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    kb.load([empty])
    assert kb.store.claims_by_assertor_type() == by_type  # China stays a government
    assert _accepted(kb) == claims


def test_a_users_file_named_like_a_project_file_retracts_nothing_of_it(
    curated_copy: KnowledgeBase, tmp_path: Path
) -> None:
    kb = curated_copy
    claims = _accepted(kb)
    (tmp_path / "data").mkdir()
    mine = tmp_path / "data" / "groups.yaml"
    mine.write_text("claims: []\n")
    report = kb.load([mine])
    assert report.retracted == 0 and _accepted(kb) == claims
    assert report.files == [str(mine.resolve())]
    declared = tmp_path / "elsewhere.yaml"
    declared.write_text("id: my-notes\nclaims: []\n")
    assert kb.load([declared]).files == ["id:my-notes"]


def test_redefining_a_source_or_a_kind_names_both_places(curated_copy: KnowledgeBase, tmp_path: Path) -> None:
    kb = curated_copy
    sources = yaml.safe_load((Path(__file__).parents[1] / "data" / "sources.yaml").read_text())["sources"]
    sid = sources[0]["id"]
    before = kb.store.get_source(sid)
    f = tmp_path / "mine.yaml"
    f.write_text(f"sources:\n  - {{id: {sid}, title: Another title, publisher: Someone else}}\n")
    with pytest.raises(OwnershipError) as info:
        kb.load([f])
    msg = str(info.value)
    assert str(f) in msg and "data/sources.yaml" in msg and "--redefine" in msg
    assert kb.store.get_source(sid) == before
    g = tmp_path / "kind.yaml"
    g.write_text("entities:\n  - {id: apt31, kind: person, name: APT31, sources: [" + sid + "]}\n")
    with pytest.raises(OwnershipError, match="defines it as a threat_group"):
        kb.load([g])
    assert kb.store.get_entity("apt31").kind == "threat_group"
    kb.load([f], redefine=True)  # asked for explicitly
    assert kb.store.get_source(sid).publisher == "Someone else"


def test_importing_one_cluster_keeps_links_to_the_others(mini_kb: KnowledgeBase, tmp_path: Path) -> None:
    def cluster(name: str, uuid: str, value: str) -> Path:
        f = tmp_path / f"{name}.json"
        doc = {"name": name, "type": "threat-actor", "uuid": uuid}
        doc["values"] = [{"value": value, "uuid": f"{uuid}-v", "meta": {"external_id": "G9999"}}]
        if name == "one-cluster":  # a related link to another value of the other cluster
            doc["values"][0]["related"] = [{"dest-uuid": "bbbbbbbb-0000-w", "type": "overlaps"}]
        else:
            doc["values"].append({"value": "Epsilon Group", "uuid": f"{uuid}-w"})
        f.write_text(json.dumps(doc))
        return f

    mitre = tmp_path / "mitre.yaml"  # the assertor of ATT&CK-id links (the MITRE clusters are not imported here)
    mitre.write_text("entities:\n  - {id: mitre, kind: research_centre, name: MITRE, sources: [note]}\n")
    mini_kb.load([mitre])
    a = cluster("one-cluster", "aaaaaaaa-0000", "Gamma Group")
    b = cluster("other-cluster", "bbbbbbbb-0000", "Delta Group")
    mini_kb.import_galaxy(paths=[a, b])
    links = {c.id for c in mini_kb.store.iter_claims(predicate="same_as") if c.origin == "misp-galaxy:attack-id"}
    related = {c.id for c in mini_kb.store.iter_claims() if c.origin == "misp-galaxy:one-cluster"}
    merged = mini_kb.store.canonical_map()
    assert links and merged and related
    report = mini_kb.import_galaxy(paths=[a])
    assert report.retracted == 0
    assert {
        c.id for c in mini_kb.store.iter_claims(predicate="same_as") if c.origin == "misp-galaxy:attack-id"
    } == links
    assert mini_kb.store.canonical_map() == merged
    assert {c.id for c in mini_kb.store.iter_claims() if c.origin == "misp-galaxy:one-cluster"} == related


def test_a_file_named_like_an_installed_cluster_is_another_cluster(mini_kb: KnowledgeBase, tmp_path: Path) -> None:
    f = tmp_path / "threat-actor.json"
    shutil.copy(GALAXY / "test-actors.json", f)
    report = mini_kb.import_galaxy(paths=[f])
    assert report.clusters[0].startswith("threat-actor-")


# ------------------------------------------------------------------------------------------ the edge


def test_text_from_data_is_never_markup_and_controls_are_escaped(cli: Any, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    (mini / "odd.yaml").write_text(
        'entities:\n  - {id: odd, kind: city, name: "Odd [/b] [red]City\\e[31m", sources: [note]}\n'
    )
    assert cli("load", mini, db=db).code == 0
    r = cli("show", "odd", db=db)
    assert r.code == 0, r.stderr
    assert "Odd [/b] [red]City\\x1b[31m" in r.stdout and "\x1b" not in r.stdout
    r = cli("show", "[/x]", db=db)
    assert r.code == 1 and len(r.stderr.strip().splitlines()) == 1 and "'[/x]'" in r.stderr
    r = cli("resolve", "[bold]\x1b[2J", db=db)
    assert "Traceback" not in r.stderr and "\x1b" not in r.stdout + r.stderr


def test_db_errors_are_one_line_and_read_commands_write_nothing(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    for db, problem in ((folder, "is a folder"), (empty, "no knowledge base"), (junk, "not an SQLite database")):
        for args in (["check", "--integrity"], ["load", "--json"]):
            if args[0] == "load" and db == empty:
                continue  # load creates the store in an empty file: that is what it is for
            r = cli(*args, db=db)
            assert r.code == 1 and "Traceback" not in r.stderr, (db, args, r.stderr)
            assert len(r.stderr.strip().splitlines()) == 1 and problem in r.stderr
            if "--json" in args:
                assert r.json()["error"]["type"] == "StoreError"
    assert empty.read_bytes() == b""
    r = cli("load", db=tmp_path / "no-such-folder" / "x.db")
    assert r.code == 1 and r.stderr.strip().endswith(
        "cannot open or create the database (does its folder exist, can it be written?)"
    )


def test_pdf_errors_are_one_line(cli: Any, tmp_path: Path, mini_kb: KnowledgeBase) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    enc = tmp_path / "locked.pdf"
    with enc.open("wb") as fh:
        w.write(fh)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    db = Path(mini_kb.store.path)
    mini_kb.close()
    for command, f in (("extract", enc), ("ingest", broken)):
        r = cli(command, f, db=db)
        assert r.code == 1 and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and f.name in r.stderr


def test_check_integrity_on_the_real_store_and_stats_as_of(cli: Any, curated_db: Path) -> None:
    r = cli("check", "--integrity", "--json", db=curated_db)
    doc = r.json()
    assert doc["integrity"] is True
    now = cli("stats", "--json", db=curated_db).json()
    then = cli("--as-of", "2016", "stats", "--json", db=curated_db).json()
    assert 0 < then["totals"]["claims"] < now["claims"]["accepted"]


def test_review_limit_must_be_positive(cli: Any, curated_db: Path) -> None:
    r = cli("review", "--limit", "-5", db=curated_db)
    assert r.code == 2 and "--limit" in r.stderr


def test_schema_accepts_the_shipped_data() -> None:
    for f in sorted((Path(__file__).parents[1] / "data").glob("*.yaml")):
        schema.read_curated(f, f.name)


def test_data_file_errors_are_cyberstate_errors() -> None:
    assert issubclass(SchemaError, DataFileError) and issubclass(OwnershipError, DataFileError)
