"""Our own claims are imported as rows, without a `Claim` each (`stix_import._Writer._our_claim`): the
fields get `check_claim`, the checks `Claim` makes, so a bad field is refused with the message `Claim`
gives for it, naming the object, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import CyberstateError, ImportFormatError
from cyberstate.exchange.stix_import import import_bundle
from cyberstate.exchange.stixmap import PROVENANCE
from cyberstate.model import Claim
from test_stix import _SET, _export, build_marked


@pytest.fixture
def ours(cli: Any, tmp_path: Path) -> list[str]:
    """The marked store's export, a line per object."""
    out = tmp_path / "ours.json"
    _export(cli, build_marked(tmp_path), out)
    return out.read_text(encoding="utf-8").split("\n")


def _claim_line(lines: list[str], predicate: str) -> int:
    return next(
        n for n, line in enumerate(lines)
        if '"claim_id"' in line and f'"predicate":"{predicate}"' in line
    )  # fmt: skip


#: Fields of a claim of ours changed to something `Claim` refuses, on a claim between two entities
#: (operated_by) and on a literal one.
_BAD: list[tuple[str, dict[str, Any]]] = [
    ("operated_by", {"basis": "hearsay"}),
    ("operated_by", {"valid_from": "2024-13"}),
    ("operated_by", {"valid_from": "2024-05", "valid_to": "2023"}),
    ("operated_by", {"published": "yesterday"}),
    ("operated_by", {"predicate": "haunts"}),
    ("operated_by", {"value": "a text", "object": None}),
]


@pytest.mark.parametrize(("predicate", "change"), _BAD)
def test_a_bad_field_of_our_claim_gets_the_message_claim_gives(
    ours: list[str], tmp_path: Path, predicate: str, change: dict[str, Any]
) -> None:
    lines = list(ours)
    n = _claim_line(lines, predicate)
    comma = lines[n].endswith(",")
    obj = json.loads(lines[n].rstrip(","))
    ext = obj["extensions"][PROVENANCE]
    ext.update(change)
    lines[n] = json.dumps(obj) + ("," if comma else "")
    path = tmp_path / "bad.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    fields = {k: ext.get(k) for k in ("subject", "predicate", "object", "value", "basis", "valid_from", "valid_to",
                                      "published")}  # fmt: skip
    with pytest.raises(CyberstateError) as expected:
        Claim(**fields, sources=tuple(ext["sources"]))
    with KnowledgeBase.open(tmp_path / "empty.db", create=True) as kb:
        with pytest.raises(ImportFormatError) as got:
            import_bundle(kb.store, path)
        assert kb.store.counts()["totals"]["claims"] == 0 and kb.store.get_entity(ext["subject"]) is None
    message = str(got.value)
    assert f"({obj['id']}) at character" in message
    assert message.endswith(": " + str(expected.value)), (message, str(expected.value))


def test_our_claims_come_back_field_for_field(cli: Any, tmp_path: Path) -> None:
    """The rows written for our claims hold what a `Claim` of the same fields held: the marked store's
    claims, exported and imported into an empty store, are the same claims (ids, values, dates, evidence,
    negation, assertor, basis, marking, sources)."""
    db = build_marked(tmp_path)
    bundle = tmp_path / "ours.json"
    _export(cli, db, bundle)
    with KnowledgeBase.open(db) as kb:
        exported = {c.id for c in kb.store.iter_claims()}
        before = {c.id: c for c in kb.store.iter_claims() if c.id in exported}
    with KnowledgeBase.open(tmp_path / "empty.db", create=True) as kb:
        import_bundle(kb.store, bundle)
        after = {c.id: c for c in kb.store.iter_claims()}
    assert after, "claims were imported"
    skip = {"recorded", "origin", "status"}
    for cid, c in after.items():
        old = before[cid]
        for f in Claim.__dataclass_fields__:
            if f not in skip:
                assert getattr(c, f) == getattr(old, f), (cid, f)


_V1 = {**_SET, "name": "Versioned Group", "aliases": ["VG-1"]}
_V2 = {**_V1, "modified": "2024-06-01T00:00:00.000Z", "aliases": ["VG-2"]}
_MAL = {**_SET, "type": "malware", "id": "malware--0d9ae7e4-6e4f-4a39-9e7a-5e4c8d6c8f31", "name": "Kept Tool",
        "is_family": True}  # fmt: skip
_USES = {
    "type": "relationship", "spec_version": "2.1", "id": "relationship--0d9ae7e4-6e4f-4a39-9e7a-5e4c8d6c8f32",
    "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "relationship_type": "uses",
    "source_ref": _SET["id"], "target_ref": _MAL["id"],
}  # fmt: skip


@pytest.mark.parametrize("room", [0, 700, 1 << 30])
def test_objects_kept_decoded_or_read_again_give_the_same_store(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room: int
) -> None:
    """The first pass keeps the objects the second writes decoded, up to CACHE_CHARS of their text; the
    rest are decoded again from the file. None kept, some, or all: the same store, row for row, on our
    own bundle and on a foreign one with two versions of an object, a relationship before its ends and
    an element that does not fill its line."""
    from cyberstate.exchange import stix_import
    from test_stix_import_fresh import _rows

    ours = tmp_path / "ours.json"
    _export(cli, build_marked(tmp_path), ours)
    elements = [json.dumps(o) for o in (_USES, _V1, _MAL, {**_USES, "id": _USES["id"][:-2] + "33"}, _V2)]
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"type": "bundle", "id": "bundle--6b7bbf17-4b1c-4a9a-8d5e-0a3f2b6a3e9d", "objects": [\n'
                       + ",\n".join(elements[:3]) + ", " + ",\n".join(elements[3:]) + "\n]}\n")  # fmt: skip
    for name, bundle in (("ours", ours), ("foreign", foreign)):
        reference = tmp_path / f"{name}-all.db"
        with KnowledgeBase.open(reference, create=True) as kb:
            expected = import_bundle(kb.store, bundle).as_dict()
        with monkeypatch.context() as m:
            m.setattr(stix_import, "CACHE_CHARS", room)
            db = tmp_path / f"{name}-{room}.db"
            with KnowledgeBase.open(db, create=True) as kb:
                assert import_bundle(kb.store, bundle).as_dict() == expected
        assert _rows(db) == _rows(reference), name
    with KnowledgeBase.open(tmp_path / "foreign-all.db") as kb:
        group = kb.store.get_entity("stix:" + _SET["id"])
        assert group is not None and [a.name for a in group.aliases] == ["VG-2"]  # the later version
        assert len(list(kb.store.iter_claims())) == 1  # the two relationships state one claim


def test_a_bundle_whose_written_objects_all_fit_is_read_once(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the first pass kept every object the second writes (those on a line of their own and those
    not, such as a bundle's last element), the file is not read again; with no room kept, it is, and the
    store is the same."""
    from cyberstate.exchange import stix_import
    from cyberstate.exchange.stix_read import BundleReader
    from test_stix_import_fresh import _rows

    elements = [json.dumps(o) for o in (_V1, _MAL, _USES)]
    bundle = tmp_path / "foreign.json"
    bundle.write_text('{"type": "bundle", "id": "bundle--6b7bbf17-4b1c-4a9a-8d5e-0a3f2b6a3e9d", "objects": [\n'
                      + ",\n".join(elements) + "\n]}\n")  # fmt: skip
    readings: list[int] = []
    objects = BundleReader.objects

    def counted(self: BundleReader, wanted: bytearray | None = None) -> Any:
        readings.append(1)
        return objects(self, wanted)

    monkeypatch.setattr(BundleReader, "objects", counted)
    for room, expected in ((1 << 30, 1), (0, 2)):
        readings.clear()
        with monkeypatch.context() as m:
            m.setattr(stix_import, "CACHE_CHARS", room)
            with KnowledgeBase.open(tmp_path / f"{room}.db", create=True) as kb:
                report = import_bundle(kb.store, bundle)
        assert (report.entities, report.claims, len(readings)) == (2, 1, expected), room
    assert _rows(tmp_path / "0.db") == _rows(tmp_path / f"{1 << 30}.db")
