from __future__ import annotations

from pathlib import Path

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import DataFileError


def test_mini_load(mini_kb: KnowledgeBase) -> None:
    counts = mini_kb.store.counts()
    # 5 entities + ISO assertor + China + 34 provinces + the two assertors of merge decisions
    assert counts["totals"]["entities"] == 5 + 1 + 1 + 34 + 2
    ev = next(mini_kb.store.iter_claims(subject="example-group", predicate="operated_by")).evidence
    text = mini_kb.store.get_source("report").text
    assert ev is not None and text is not None and ev.start is not None and ev.end is not None
    assert text[ev.start : ev.end] == ev.text
    c = next(mini_kb.store.iter_claims(subject="example-group", predicate="operated_by"))
    assert c.published == "2024-03-25"  # defaults to the source's date
    assert c.confidence == 80  # default for an official statement
    assert c.assertor == "ministry-of-examples"


def test_load_twice_changes_nothing(mini_kb: KnowledgeBase, mini: Path) -> None:
    before = mini_kb.store.counts()
    claims = {c.id: c.recorded for c in mini_kb.store.iter_claims(statuses=None)}
    report = mini_kb.load([mini])
    assert report.written == {"sources": 0, "entities": 0, "claims": 0}
    assert report.retracted == 0
    assert mini_kb.store.counts() == before
    assert {c.id: c.recorded for c in mini_kb.store.iter_claims(statuses=None)} == claims


def test_one_load_records_everything_at_one_time(tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load is one write: every source, entity and claim it writes enters the store at one time of record,
    however many seconds the writing takes (a curated store written across a second boundary gave its claims
    two times, and the dates of an export, which its claims' times give, changed with that). A later write is
    recorded later. The clock here moves a second each time it is read."""
    from cyberstate.store import sqlite as store_module

    ticks = iter(range(3600))
    monkeypatch.setattr(store_module, "_now", lambda: "2024-01-01T00:{:02d}:{:02d}Z".format(*divmod(next(ticks), 60)))

    def times(kb: KnowledgeBase) -> set[str]:
        return {
            r[0] for t in ("sources", "entities", "claims") for r in kb.store._db.execute(f"SELECT recorded FROM {t}")
        }

    with KnowledgeBase.open(tmp_path / "kb.db", create=True) as kb:
        kb.load([mini])
        (first,) = times(kb)
        things = mini / "things.yaml"
        things.write_text(
            things.read_text()
            + "  - {subject: riverton, predicate: description, value: a made-up city, sources: [note]}\n"
        )
        kb.load([mini])
        assert times(kb) - {first} == {
            c.recorded for c in kb.store.iter_claims(subject="riverton", predicate="description")
        }
        assert max(times(kb)) > first


def test_removed_claim_is_retracted(mini_kb: KnowledgeBase, mini: Path) -> None:
    things = mini / "things.yaml"
    text = things.read_text()
    cut = text.index("  - subject: example-group\n    predicate: description")
    things.write_text(text[:cut])
    report = mini_kb.load([mini])
    assert report.retracted == 1
    statuses = [
        c.status
        for c in mini_kb.store.iter_claims(subject="example-group", statuses=None)
        if c.predicate == "description"
    ]
    assert statuses == ["retracted"]


BAD = [
    ("syntax", "claims: [subject: x\n", "YAML syntax error"),
    (
        "kind",
        "entities:\n  - {id: q, kind: spaceship, name: Q, sources: [note]}\n",
        "unknown kind 'spaceship'",
    ),
    (
        "predicate",
        "claims:\n  - {subject: riverton, predicate: teleports_to, object: riverton, sources: [note]}\n",
        "unknown predicate 'teleports_to'",
    ),
    (
        "entity",
        "claims:\n  - {subject: nowhere-group, predicate: operated_by, object: northern-bureau, sources: [note]}\n",
        "unknown subject entity 'nowhere-group'",
    ),
    (
        "nosource",
        "claims:\n  - {subject: riverton, predicate: located_in, object: hubei}\n",
        "at least one source",
    ),
    (
        "domain",
        "claims:\n  - {subject: riverton, predicate: operated_by, object: northern-bureau, sources: [note]}\n",
        "operated_by: subject kind 'city'",
    ),
    (
        "evidence",
        "claims:\n  - {subject: riverton, predicate: located_in, object: hubei, sources: [report], "
        "evidence: not in the text}\n",
        "evidence not found",
    ),
    (
        "noevidence",
        "claims:\n  - {subject: riverton, predicate: located_in, object: hubei, sources: [report]}\n",
        "needs `evidence`",
    ),
    (
        "field",
        "entities:\n  - {id: q, kind: person, name: Q, sources: [note], colour: red}\n",
        "unknown field",
    ),
    (
        "alias",
        "entities:\n  - {id: q, kind: person, name: Q, sources: [note], aliases: [Q2]}\n",
        "needs a source",
    ),
    ("date", "sources:\n  - {id: s9, title: T, published: 'March 2024'}\n", "not a date"),
    # a publication date to come (it was loaded, and the claim never showed in any as-of view)
    ("future-source", "sources:\n  - {id: s9, title: T, published: '2999-01-01'}\n", "'2999-01-01' is in the future"),
    (
        "future-claim",
        "claims:\n  - {subject: riverton, predicate: located_in, object: hubei, sources: [note], published: '2999'}\n",
        "claims\\[0\\].published: '2999' is in the future",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_leaves_store_unchanged(
    mini_kb: KnowledgeBase, mini: Path, name: str, content: str, message: str
) -> None:
    before = mini_kb.store.counts()
    bad = mini / "zz-bad.yaml"
    bad.write_text(content)
    with pytest.raises(DataFileError, match=message) as info:
        mini_kb.load([mini])
    assert "zz-bad.yaml" in str(info.value)
    assert mini_kb.store.counts() == before


def test_a_claim_may_hold_from_a_date_to_come(mini_kb: KnowledgeBase, mini: Path) -> None:
    """Only publication dates must have come: a claim may hold in the world from a date ahead (a law in force
    from next year)."""
    ahead = mini.parent / "ahead.yaml"
    ahead.write_text(
        "claims:\n  - {subject: riverton, predicate: located_in, object: hubei, sources: [note], valid_from: '2999'}\n"
    )
    assert mini_kb.load([ahead]).written["claims"] == 1


def test_single_file_load_uses_the_store(mini_kb: KnowledgeBase, mini: Path) -> None:
    extra = mini.parent / "extra.yaml"
    extra.write_text(
        "claims:\n  - {subject: example-group, predicate: linked_to, object: central-ministry, sources: [note]}\n"
    )
    report = mini_kb.load([extra])
    assert report.written["claims"] == 1


def test_not_utf8(mini_kb: KnowledgeBase, mini: Path) -> None:
    (mini / "zz-latin1.yaml").write_bytes("entities: []\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        mini_kb.load([mini])


def test_a_folder_without_curated_files_is_an_error(
    cli, mini_kb: KnowledgeBase, folders_without_files: tuple[Path, Path]
) -> None:
    """`load DIR` of a folder holding no *.yaml is one error line naming it, exit 1, the store unchanged; it
    said "loaded 0 files" and exited 0, so a mistyped folder looked loaded."""
    db = Path(mini_kb.store.path)
    before = mini_kb.store.counts()
    empty, tables = folders_without_files
    for folder in (empty, tables):
        r = cli("load", folder, db=db)
        assert r.code == 1 and r.stderr.strip() == f"error: {folder}: a folder holding no curated file (*.yaml)"
    r = cli("load", tables, "--json", db=db)
    assert r.code == 1 and r.json()["error"]["type"] == "DataFileError"
    assert mini_kb.store.counts() == before


def test_a_failed_write_into_a_new_store_leaves_no_file(cli, tmp_path: Path) -> None:
    """`load`, `import stix` and `import misp-galaxy` into a --db path that holds no store, failing, leave the path
    as it was: no file (an empty store file was left behind, which later commands took for a store), or the
    empty file that was there; a load that succeeds keeps its store."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {id: x, kind: person, name: X}\n")
    bundle = tmp_path / "bundle.json"
    bundle.write_text('{"type": "bundle", "objects": [{"type": "nonsense"')
    db = tmp_path / "new.db"
    for args in (
        ("load", bad),
        ("load", bad, "--json"),
        ("import", "stix", bundle),
        ("import", "misp-galaxy", "--path", bad),
    ):
        r = cli(*args, db=db)
        assert r.code == 1 and r.stderr.strip().startswith("error:"), (args, r.stderr)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "bundle.json"], args
    db.touch()
    assert cli("load", bad, db=db).code == 1
    assert db.stat().st_size == 0 and not (tmp_path / "new.db-wal").exists()
    good = tmp_path / "good.yaml"
    good.write_text("sources:\n  - {id: s1, title: T, url: 'https://example.org/'}\n")
    assert cli("load", good, db=tmp_path / "kept.db").code == 0 and (tmp_path / "kept.db").stat().st_size > 0


def test_load_reports_what_its_files_hold(cli, tmp_path: Path, mini: Path) -> None:
    """`load` reported as read what its files hold plus the reference geography every load adds and the sources
    cited from the store: an empty file "read" 36 entities, 34 claims and 1 source. It now counts the records
    of the files given, in the text and in --json."""
    db = tmp_path / "k.db"
    r = cli("load", mini, "--json", db=db)
    assert r.code == 0, r.stderr
    assert r.json()["read"] == {"sources": 2, "entities": 5, "claims": 6}
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    r = cli("load", empty, "--json", db=db)
    assert r.code == 0 and r.json()["read"] == {"sources": 0, "entities": 0, "claims": 0}, r.stdout
    r = cli("load", empty, db=db)
    assert r.code == 0 and ": 0 entities, 0 claims, 0 sources (changed: 0 entities" in r.stdout, r.stdout
    one = tmp_path / "one.yaml"  # an entity and a claim citing a source of the store
    one.write_text(
        "entities:\n  - {id: other-group, kind: threat_group, name: Other Group, sources: [report]}\n"
        "claims:\n  - {subject: other-group, predicate: located_in, object: riverton, sources: [note]}\n"
    )
    r = cli("load", one, "--json", db=db)
    assert r.code == 0 and r.json()["read"] == {"sources": 0, "entities": 1, "claims": 1}, r.stdout
    assert r.json()["changed"] == {"sources": 0, "entities": 1, "claims": 1}
