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
from test_stix import _export, build_marked


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
