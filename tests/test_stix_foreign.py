"""Bundles other tools write: what the import reads of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_stix_markings import _object


def test_the_names_opencti_gives_an_identity_or_a_location_are_read(cli: Any, tmp_path: Path) -> None:
    """STIX gives an identity and a location no `aliases`; OpenCTI writes their other names as
    `x_opencti_aliases` (an organisation's acronym, a country's code). The import read `aliases` and
    `x_mitre_aliases` only, so an OpenCTI bundle's bureau could not be found by its acronym."""
    ministry = "identity--abababab-abab-4bab-8bab-abababababab"
    objects = [
        _object("identity", ministry, name="Ministry of State Security", identity_class="organization",
                x_opencti_aliases=["MSS", "Guoanbu"]),
        _object("location", "location--cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd", name="Hainan Province",
                region="eastern-asia", x_opencti_aliases=["Hainan Sheng"]),
    ]  # fmt: skip
    bundle = tmp_path / "opencti.json"
    bundle.write_text(json.dumps({"type": "bundle", "id": "bundle--efefefef-efef-4fef-8fef-efefefefefef",
                                  "objects": objects}))  # fmt: skip
    db = tmp_path / "store.db"
    r = cli("import", "stix", bundle, db=db)
    assert r.code == 0, r.stderr
    for name, expected in (("Guoanbu", f"stix:{ministry}"), ("Hainan Sheng", "stix:location--cdcdcdcd")):
        found = cli("resolve", name, "--json", db=db)
        assert found.code == 0, found.stderr
        assert found.json()["matches"][0]["id"].startswith(expected), found.stdout
