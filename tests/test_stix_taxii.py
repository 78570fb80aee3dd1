"""The TAXII 2.1 server, run for real (`cyberstate taxii` under uvicorn on a free loopback port) and read
with the real `taxii2-client`, the library TAXII consumers use."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
import requests
from taxii2client.exceptions import TAXIIServiceException
from taxii2client.v21 import Collection, Server, as_pages

from test_stix import build_marked
from webserver import serving_command

TAXII = "application/taxii+json;version=2.1"


def _serving(db: Path) -> AbstractContextManager[tuple[str, subprocess.Popen[bytes]]]:
    """`cyberstate taxii` over `db` on a free loopback port, until the block ends."""
    return serving_command(db, "taxii", "/taxii2/")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = build_marked(tmp_path_factory.mktemp("taxii"))
    with _serving(db) as (url, _):
        yield url, db


def test_a_store_gone_while_serving_is_a_taxii_error(tmp_path: Path) -> None:
    """The store moved away under a running server: the next collection it builds cannot open it. The answer
    is a TAXII error naming the reason (503), not Starlette's plain-text 500 and a traceback in the log."""
    db = build_marked(tmp_path)
    path = "/cyberstate/collections/everything/manifest/"
    with _serving(db) as (url, proc):
        assert requests.get(url + path, headers={"Accept": TAXII}, timeout=30).status_code == 200
        db.rename(tmp_path / "moved.db")
        r = requests.get(url + path, headers={"Accept": TAXII}, timeout=30)
        assert r.status_code == 503 and r.headers["content-type"].replace(" ", "") == TAXII, r.text
        doc = r.json()
        assert doc["http_status"] == "503" and f"no knowledge base at {db}" in doc["description"]
        proc.terminate()
        assert "Traceback" not in proc.communicate(timeout=10)[1].decode()


@pytest.fixture(scope="module")
def collections(server: tuple[str, Path]) -> dict[str, Collection]:
    root = Server(server[0] + "/taxii2/").api_roots[0]
    return {c.alias: c for c in root.collections}  # type: ignore[attr-defined]


def _all(collection: Collection, per_request: int, **filters: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for envelope in as_pages(collection.get_objects, per_request=per_request, **filters):
        out += envelope.get("objects", [])
    return out


def test_discovery_and_collections(server: tuple[str, Path], collections: dict[str, Collection]) -> None:
    s = Server(server[0] + "/taxii2/")
    assert s.title == "cyberstate TAXII 2.1"
    assert [r.url for r in s.api_roots] == [server[0] + "/cyberstate/"]
    assert s.api_roots[0].versions == [TAXII]
    assert set(collections) == {"everything", "tlp-clear", "tlp-green", "tlp-amber", "tlp-amber-strict", "tlp-red"}
    assert all(c.can_read and not c.can_write for c in collections.values())


def test_pages_through_every_object(
    server: tuple[str, Path], collections: dict[str, Collection], cli: Any, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    assert cli("export", "stix", "-o", out, db=server[1]).code == 0
    exported = {o["id"]: o for o in json.loads(out.read_text())["objects"]}
    paged = _all(collections["everything"], per_request=7)
    # every object once, as the export wrote it (the server serves the export's own serialisation)
    assert len(paged) == len(exported) and {o["id"]: o for o in paged} == exported
    manifest = [m for env in as_pages(collections["everything"].get_manifest, per_request=5) for m in env["objects"]]
    assert [m["id"] for m in manifest] == [o["id"] for o in paged]
    assert all(m["media_type"] == "application/stix+json;version=2.1" for m in manifest)


def test_tlp_collections(collections: dict[str, Collection]) -> None:
    green = {o.get("name") for o in _all(collections["tlp-green"], 100)}
    amber = {o.get("name") for o in _all(collections["tlp-amber"], 100)}
    assert "Northern Bureau" in green and "Shadow Front Ltd" not in green
    assert "Shadow Front Ltd" in amber


def test_filters(collections: dict[str, Collection]) -> None:
    c = collections["everything"]
    sets = c.get_objects(type=["intrusion-set"])["objects"]
    assert [o["name"] for o in sets] == ["Example Group"]
    one = c.get_object(sets[0]["id"])["objects"]
    assert one == sets
    both = c.get_objects(type=["intrusion-set", "location"])["objects"]
    assert {o["type"] for o in both} == {"intrusion-set", "location"}
    assert c.get_objects(id=[sets[0]["id"]])["objects"] == sets
    assert c.object_versions(sets[0]["id"])["versions"] == [sets[0]["modified"]]
    everything = _all(c, 1000)
    latest = max(o.get("modified", o.get("created")) for o in everything)
    assert "objects" not in c.get_objects(added_after=latest)
    older = c.get_objects(added_after="2023-01-01T00:00:00Z")["objects"]
    assert 0 < len(older) < len(everything)  # the TLP marking definitions were added in 2022


def test_a_filter_given_twice_is_one_list_of_its_values(server: tuple[str, Path]) -> None:
    """`match[id]=A&match[id]=B` is `match[id]=A,B` (a filter's values are one list in TAXII 2.1), on objects
    and manifest alike, for every match field; only the last value was read, so a client that repeats the
    parameter got B alone and no sign that A was dropped."""
    base = server[0] + "/cyberstate/collections/everything"
    manifest = requests.get(base + "/manifest/", headers={"Accept": TAXII}, timeout=30).json()["objects"]
    a, b, c = (m["id"] for m in manifest[:3])
    for path in ("/objects/", "/manifest/"):
        listed = requests.get(f"{base}{path}?match[id]={a},{b}", headers={"Accept": TAXII}, timeout=30).json()
        repeated = requests.get(
            f"{base}{path}", params=[("match[id]", a), ("match[id]", b)], headers={"Accept": TAXII}, timeout=30
        ).json()
        assert [o["id"] for o in repeated["objects"]] == [o["id"] for o in listed["objects"]] == [a, b]
        three = requests.get(
            f"{base}{path}", params=[("match[id]", f"{a},{b}"), ("match[id]", c)], headers={"Accept": TAXII}, timeout=30
        ).json()
        assert [o["id"] for o in three["objects"]] == [a, b, c]
    kinds = requests.get(
        f"{base}/objects/",
        params=[("match[type]", "intrusion-set"), ("match[type]", "location")],
        headers={"Accept": TAXII},
        timeout=30,
    ).json()
    assert {o["type"] for o in kinds["objects"]} == {"intrusion-set", "location"}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/cyberstate/collections/no-such-collection/objects/", 404),
        # one value each: which of two was meant cannot be known (the last was read)
        ("/cyberstate/collections/everything/objects/?limit=2&limit=5", 400),
        (
            "/cyberstate/collections/everything/manifest/?added_after=2023-01-01T00:00:00Z&added_after=2020-01-01T00:00:00Z",
            400,
        ),
        ("/cyberstate/collections/everything/manifest/?limit=1&next=1&next=2", 400),
        ("/cyberstate/collections/everything/objects/?added_after=yesterday", 400),
        ("/cyberstate/collections/everything/objects/?limit=-3", 400),
        ("/cyberstate/collections/everything/objects/?match[colour]=red", 400),
        # an empty filter value answered an empty page ("no such objects") rather than saying it was empty
        ("/cyberstate/collections/everything/objects/?match[type]=", 400),
        ("/cyberstate/collections/everything/manifest/?match[type]=intrusion-set,", 400),
        ("/cyberstate/collections/everything/objects/?match[id]=", 400),
        ("/cyberstate/collections/everything/objects/?match[spec_version]=", 400),
        ("/cyberstate/collections/everything/objects/?match[version]=", 400),
        ("/cyberstate/collections/everything/objects/?next=abc", 400),
        # a token past the end was answered with an empty last page ('more': false: "you have everything")
        ("/cyberstate/collections/everything/objects/?next=99999", 400),
        ("/cyberstate/collections/everything/manifest/?next=0", 400),
        ("/cyberstate/collections/everything/objects/?limit=%C2%B2", 400),  # '²': str.isdigit, not int (a 500)
        ("/cyberstate/collections/everything/manifest/?next=%C2%B2", 400),
        ("/cyberstate/collections/everything/objects/?limit=%D9%A3", 400),  # an Arabic-Indic 3, read as 3
        ("/cyberstate/collections/everything/objects/indicator--0d9ae7e4-6e4f-4a39-9e7a-5e4c8d6c8f10/", 404),
    ],
)
def test_taxii_errors(server: tuple[str, Path], path: str, status: int) -> None:
    r = requests.get(server[0] + path, headers={"Accept": TAXII}, timeout=30)
    assert r.status_code == status
    assert r.headers["content-type"].replace(" ", "") == TAXII
    doc = r.json()
    assert doc["http_status"] == str(status) and doc["title"] and doc["description"]


@pytest.mark.parametrize(
    ("accept", "status"),
    [
        ("application/TAXII+json;version=2.1", 200),  # media types are case-insensitive
        ("application/taxii+json; version=2.1", 200),
        ("application/taxii+json;q=0.5", 200),  # no version is the latest, a quality is no version
        ("text/html, application/taxii+json;version=2.1;q=0.9", 200),
        ('application/taxii+json;version="2.1"', 200),
        ("", 200),
        ("application/taxii+json;version=2.1;q=0", 406),  # quality 0: the client refuses it
        ("application/taxii+json;version=2.0", 406),
        ("application/stix+json;version=2.1", 406),
    ],
)
def test_accept_headers_are_read_as_http_reads_them(server: tuple[str, Path], accept: str, status: int) -> None:
    r = requests.get(server[0] + "/cyberstate/collections/", headers={"Accept": accept}, timeout=30)
    assert r.status_code == status, (accept, r.text)
    assert r.headers["content-type"].replace(" ", "") == TAXII
    assert ("collections" in r.json()) == (status == 200)


def test_media_types_and_writes(server: tuple[str, Path]) -> None:
    r = requests.get(server[0] + "/taxii2/", headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 406 and r.json()["http_status"] == "406"
    r = requests.post(server[0] + "/cyberstate/collections/everything/objects/", json={}, timeout=30)
    assert r.status_code == 405 and r.headers["content-type"].replace(" ", "") == TAXII
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD"}, "a 405 names the methods the path takes (RFC 9110)"
    r = requests.delete(server[0] + "/cyberstate/collections/everything/objects/x/", timeout=30)
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) == {"GET", "HEAD"}
    with pytest.raises(TAXIIServiceException):
        Server(server[0] + "/taxii2/", user=None).api_roots[0].collections[0].add_objects({"objects": []})
