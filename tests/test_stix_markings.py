"""An entity's own TLP marking: an object imported at TLP:RED or TLP:AMBER never goes out in an export or a
TAXII collection of a lower level, nor does any claim naming it."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import requests

from cyberstate.exchange.stixmap import TLP2_IDS
from cyberstate.model import Marking
from webserver import serving_command

RED, AMBER, CLEAR = TLP2_IDS[Marking.RED], TLP2_IDS[Marking.AMBER], TLP2_IDS[Marking.CLEAR]
BUREAU = "identity--22222222-2222-4222-8222-222222222222"
LANTERN = "intrusion-set--33333333-3333-4333-8333-333333333333"
KESTREL = "intrusion-set--44444444-4444-4444-8444-444444444444"
HAWK = "intrusion-set--77777777-7777-4777-8777-777777777777"
STAMP = "2024-01-01T00:00:00.000Z"


def _object(t: str, oid: str, **fields: Any) -> dict[str, Any]:
    return {"type": t, "spec_version": "2.1", "id": oid, "created": STAMP, "modified": STAMP, **fields}


def _link(n: int, rtype: str, source: str, target: str) -> dict[str, Any]:
    rid = f"relationship--{n}{n}{n}{n}{n}{n}{n}{n}-{n}{n}{n}{n}-4{n}{n}{n}-8{n}{n}{n}-{str(n) * 12}"
    return _object("relationship", rid, relationship_type=rtype, source_ref=source, target_ref=target)


def _bundle(path: Path) -> Path:
    """A partner's bundle: a TLP:RED bureau, a TLP:AMBER group, two groups without a marking, and unmarked
    relationships naming them, one of them asserted by the bureau."""
    objects = [
        _object("identity", BUREAU, name="Secret Bureau Nine", identity_class="organization",
                object_marking_refs=[RED]),
        _object("intrusion-set", LANTERN, name="Quiet Lantern", aliases=["QL-7"], object_marking_refs=[AMBER]),
        _object("intrusion-set", KESTREL, name="Open Kestrel"),
        _object("intrusion-set", HAWK, name="Plain Hawk", object_marking_refs=[CLEAR]),
        _link(5, "attributed-to", KESTREL, BUREAU),
        _link(6, "related-to", LANTERN, HAWK),
        _link(8, "related-to", KESTREL, HAWK),
        {**_link(9, "related-to", HAWK, KESTREL), "created_by_ref": BUREAU},  # the TLP:RED bureau says so
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "bundle", "id": "bundle--11111111-1111-4111-8111-111111111111",
                                "objects": objects}))  # fmt: skip
    return path


def _store(cli: Any, tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    r = cli("import", "stix", _bundle(tmp_path / "partner.json"), db=db)
    assert r.code == 0, r.stderr
    return db


def _levels(objects: list[dict[str, Any]]) -> dict[str, str]:
    """STIX id -> marking id of the partner's objects and of the relationships between them."""
    names = {LANTERN: "lantern", KESTREL: "kestrel", HAWK: "hawk", BUREAU: "bureau"}
    out = {}
    for o in objects:
        if o["id"] in names:
            out[names[o["id"]]] = o["object_marking_refs"][0]
        elif o["type"] == "relationship":
            out[f"{names[o['source_ref']]}-{names[o['target_ref']]}"] = o["object_marking_refs"][0]
    return out


def _export(cli: Any, db: Path, out: Path, *args: str) -> list[dict[str, Any]]:
    r = cli("export", "stix", "-o", out, *args, db=db)
    assert r.code == 0, r.stderr
    return json.loads(out.read_text())["objects"]


def test_an_entity_marked_red_never_goes_out_below_red(cli: Any, tmp_path: Path) -> None:
    """The import dropped an object's own marking and an entity's marking came only from the claims naming
    it, so the TLP:RED bureau and the TLP:AMBER group went out in the TLP:CLEAR export, and so did the
    unmarked relationship that attributes a group to the bureau, and the one the bureau asserts (its id in
    the claim's assertor). An entity keeps its own level; a claim goes no wider than its ends' and its
    assertor's own levels."""
    db = _store(cli, tmp_path)
    clear = _levels(_export(cli, db, tmp_path / "clear.json", "--marking-max", "clear"))
    assert clear == {"kestrel": CLEAR, "hawk": CLEAR, "kestrel-hawk": CLEAR}
    amber = _levels(_export(cli, db, tmp_path / "amber.json", "--marking-max", "amber"))
    assert amber == {**clear, "lantern": AMBER, "lantern-hawk": AMBER}
    everything = _export(cli, db, tmp_path / "all.json")
    assert _levels(everything) == {**amber, "bureau": RED, "kestrel-bureau": RED, "hawk-kestrel": RED}
    # the CSV and GraphML exports read the same plan
    r = cli("export", "csv", "-o", tmp_path, "--marking-max", "green", db=db)
    assert r.code == 0, r.stderr
    with (tmp_path / "entities.csv").open(encoding="utf-8") as f:
        names = {row["name"] for row in csv.DictReader(f)}
    assert "Open Kestrel" in names and not names & {"Secret Bureau Nine", "Quiet Lantern"}
    with (tmp_path / "claims.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 1
    # a bundle of ours carries the entity's own level: imported elsewhere and exported, the same objects
    empty = tmp_path / "empty.db"
    r = cli("import", "stix", tmp_path / "all.json", db=empty)
    assert r.code == 0, r.stderr
    assert _export(cli, empty, tmp_path / "again.json") == everything
    assert _levels(_export(cli, empty, tmp_path / "again-clear.json", "--marking-max", "clear")) == clear


def test_a_taxii_collection_holds_no_object_above_its_level(cli: Any, tmp_path: Path) -> None:
    db = _store(cli, tmp_path)
    with serving_command(db, "taxii", "/taxii2/") as (url, _):
        got = {}
        for alias in ("tlp-clear", "tlp-amber", "tlp-red"):
            r = requests.get(
                f"{url}/cyberstate/collections/{alias}/objects/",
                headers={"Accept": "application/taxii+json;version=2.1"},
                timeout=30,
            )
            assert r.status_code == 200, r.text
            got[alias] = _levels(r.json()["objects"])
    assert set(got["tlp-clear"]) == {"kestrel", "hawk", "kestrel-hawk"}
    assert set(got["tlp-amber"]) == {"kestrel", "hawk", "kestrel-hawk", "lantern", "lantern-hawk"}
    assert got["tlp-red"]["bureau"] == RED and got["tlp-red"]["kestrel-bureau"] == RED


def test_a_later_bundle_does_not_lower_a_marking_the_store_holds(cli: Any, tmp_path: Path) -> None:
    """The partner's bundle again, its objects in a later version without their markings (a colleague's
    export, a tool that drops them): the import wrote the bundle's level over the stored one, so the TLP:RED
    bureau and the relationship naming it became TLP:CLEAR. A marking is only ever raised by an import: what
    was shared at TLP:RED cannot be made public by a copy that forgot its marking."""
    bundle = json.loads(_bundle(tmp_path / "partner.json").read_text())
    bundle["objects"][6]["object_marking_refs"] = [AMBER]  # Kestrel related to Hawk, said at TLP:AMBER
    (tmp_path / "first.json").write_text(json.dumps(bundle))
    db = tmp_path / "store.db"
    r = cli("import", "stix", tmp_path / "first.json", db=db)
    assert r.code == 0, r.stderr
    first = _levels(_export(cli, db, tmp_path / "first-out.json"))
    assert first["kestrel-hawk"] == AMBER and first["bureau"] == RED and first["lantern"] == AMBER
    for o in bundle["objects"]:
        o.pop("object_marking_refs", None)
        o["modified"] = "2024-06-01T00:00:00.000Z"
    (tmp_path / "later.json").write_text(json.dumps(bundle))
    r = cli("import", "stix", tmp_path / "later.json", db=db)
    assert r.code == 0, r.stderr
    assert _levels(_export(cli, db, tmp_path / "again.json")) == first
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT marking FROM claims WHERE marking != 'TLP:CLEAR'").fetchall() == [("TLP:AMBER",)]
