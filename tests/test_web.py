"""The JSON API and the pages' HTML, through a real uvicorn server on loopback (httpx as the client)."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from starlette.routing import Route

from cyberstate.web.api import ENDPOINTS
from webserver import serving_command, web_store, web_url  # noqa: F401  (the fixture)


@pytest.fixture(scope="module")
def client(web_url: str) -> httpx.Client:  # noqa: F811
    with httpx.Client(base_url=web_url, timeout=60, follow_redirects=False) as c:
        yield c


def error_of(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    doc = r.json()["error"]
    assert doc["status"] == status and doc["type"] and doc["message"]
    return doc


def test_entity_by_alias(client: httpx.Client) -> None:
    doc = client.get("/api/entity/Zirconium").json()
    assert doc["id"] == "apt31" and doc["name"] == "APT31"
    assert any(a["name"] == "Zirconium" for a in doc["aliases"])


def test_resolve_lists_the_group(client: httpx.Client) -> None:
    doc = client.get("/api/resolve", params={"q": "Judgment Panda"}).json()
    assert doc["matches"][0]["id"] == "apt31"


def test_chain_reaches_hubei(client: httpx.Client) -> None:
    doc = client.get("/api/chain/apt31").json()
    assert doc["from"]["id"] == "apt31"
    assert any((c["province"] or {}).get("id") == "hubei" for c in doc["chains"])


def test_province_and_map(client: httpx.Client) -> None:
    doc = client.get("/api/province/Hubei").json()
    assert any(x["id"] == "hubei-ssd" for x in doc["linked"])
    tiles = {t["id"]: t for t in client.get("/api/map").json()["provinces"]}
    assert len(tiles) == 34
    assert tiles["hainan"]["groups"] + tiles["hainan"]["operations"] > 0


def test_province_page_says_what_it_leaves_out(client: httpx.Client) -> None:
    whole = client.get("/api/province/Hubei").json()
    page = client.get("/api/province/Hubei", params={"limit": 1}).json()
    assert page["linked"] == whole["linked"][:1] and page["left_out"] == whole["total"] - 1 > 0
    html = client.get("/province/Hubei").text
    assert "more left out" not in html, "a real province fits one page"


def test_claims_filtered_and_paginated(client: httpx.Client) -> None:
    all_ = client.get("/api/entity/apt31/claims", params={"limit": 500}).json()
    page = client.get("/api/entity/apt31/claims", params={"offset": 1, "limit": 2}).json()
    assert page["total"] == all_["total"] > 3
    assert [c["id"] for c in page["claims"]] == [c["id"] for c in all_["claims"][1:3]]
    only = client.get("/api/entity/apt31/claims", params={"predicate": "operated_by"}).json()
    assert only["total"] > 0 and {c["predicate"] for c in only["claims"]} == {"operated_by"}
    # a predicate outside the vocabulary is a bad request, not "no such claims"
    bad = client.get("/api/entity/apt31/claims", params={"predicate": "operated_byy"})
    assert bad.status_code == 400 and "predicate='operated_byy'" in bad.json()["error"]["message"]


@pytest.mark.parametrize(
    "path", ["/api/stats", "/api/theses", "/api/contested", "/api/apparatus", "/api/timeline/apt31",
             "/api/consensus/apt31", "/api/candidates"]
)  # fmt: skip
def test_every_question_answers(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and isinstance(r.json(), dict)


def test_as_of_is_applied(client: httpx.Client) -> None:
    now = client.get("/api/entity/apt31").json()
    old = client.get("/api/entity/apt31", params={"as_of": "2015"}).json()
    assert old["as_of"] == "2015" and len(old["claims"]) < len(now["claims"])


def test_an_entity_page_as_of_a_date_marks_the_names_its_sources_do_not_date(client: httpx.Client) -> None:
    """The JSON marks a name whose source gives no date `undated` as of a date, as `resolve` does; the page
    listed such names as plainly as the dated ones. It marks them, and only as of a date."""
    doc = client.get("/api/entity/hainan-ssd", params={"as_of": "2022"}).json()
    assert {a["name"]: a["undated"] for a in doc["aliases"]}["Hainan MSS branch"] is True
    html = client.get("/entity/hainan-ssd", params={"as_of": "2022"}).text
    assert re.search(r'<span class="alias undated"[^>]*>Hainan MSS branch <small>\(undated\)</small>', html), html
    assert "(undated)" not in client.get("/entity/hainan-ssd").text


@pytest.mark.parametrize("raw", ["1_0", " 3", "+3", "\u0663", "\u00b2"])
def test_an_integer_parameter_is_ascii_digits(client: httpx.Client, raw: str) -> None:
    """int() reads '1_0' as 10, ' 3' and '+3' as 3 and an Arabic-Indic digit as its value: each was taken as a
    limit (the page and the API answered 10 claims for limit=1_0); they are not integers as a URL writes them."""
    doc = error_of(client.get("/api/entity/apt31/claims", params={"limit": raw}), 400)
    assert doc["message"] == f"limit={raw!r}: not an integer"
    assert client.get("/chain/apt31", params={"limit": raw}).status_code == 400


def test_a_parameter_given_twice_is_a_400(client: httpx.Client) -> None:
    """No parameter takes two values: `?predicate=A&predicate=B` (or two `as_of`, `q`, `entity`) is a 400 naming
    it, on the API and the pages alike; the last was read silently (the claims of B alone, as of the second
    date), which reads as the answer to both."""
    for path, name, values in (
        ("/api/entity/apt31/claims", "predicate", ("operated_by", "located_in")),
        ("/api/resolve", "q", ("APT31", "APT40")),
        ("/api/candidates", "entity", ("APT31", "APT40")),
        ("/api/entity/apt31", "as_of", ("2015", "2020")),
    ):
        doc = error_of(client.get(path, params=[(name, v) for v in values]), 400)
        assert doc["message"] == f"{name} given more than once ({values[0]!r}, {values[1]!r}); it takes one value"
    for path in ("/entity/apt31", "/chain/apt31", "/entity/apt31.json", "/apparatus", "/", "/review"):
        r = client.get(path, params=[("as_of", "2015"), ("as_of", "2020")])
        assert r.status_code == 400 and "as_of given more than once" in unescape(r.text), path
    assert client.get("/entity/apt31", params=[("shown", "1"), ("shown", "2")]).status_code == 200  # ignored


def test_errors_have_one_shape(client: httpx.Client) -> None:
    doc = error_of(client.get("/api/entity/No Such Group Anywhere"), 404)
    assert doc["type"] == "EntityNotFound"
    assert "limit=0" in error_of(client.get("/api/chain/apt31", params={"limit": 0}), 400)["message"]
    assert "not an integer" in error_of(client.get("/api/candidates", params={"offset": "x"}), 400)["message"]
    # the parameter as the query names it (it said "--as-of", the command line's option)
    doc = error_of(client.get("/api/stats", params={"as_of": "yesterday"}), 400)
    assert doc["message"] == "as_of='yesterday': not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    # a bad date is a bad parameter as a bad limit is (its type was InvalidRecord, as for a bad curated file)
    assert doc["type"] == "BadParameter"
    doc = error_of(client.get("/api/entity/apt31", params={"as_of": "2999"}), 400)
    assert (doc["type"], doc["message"]) == ("BadParameter", "as_of='2999' is in the future")
    assert "unknown query parameter" in error_of(client.get("/api/stats", params={"bogus": 1}), 400)["message"]
    error_of(client.get("/api/nothing-here"), 404)
    error_of(client.post("/api/review", content=b"not json"), 400)
    error_of(client.post("/api/review", json={"decision": "maybe", "ids": ["x"]}), 400)
    error_of(client.post("/api/review", json={"decision": "accept", "ids": ["c-nope"]}), 400)


def test_an_unknown_name_is_answered_as_the_command_line_answers_it(
    client: httpx.Client, cli, curated_db: Path
) -> None:
    """The API's error for a name no entity carries listed the closest names without their scores, which
    `--json` gives; both render the error's one document now (CyberstateError.details)."""
    api = error_of(client.get("/api/entity/Zirkonium"), 404)
    line = cli("--json", "show", "Zirkonium", db=curated_db)
    assert line.code == 1
    doc = line.json()["error"]
    assert {k: v for k, v in api.items() if k != "status"} == doc
    assert api["closest"][0]["id"] == "apt31" and api["closest"][0]["score"] > 0


def test_unknown_entity_page_is_a_404_page(client: httpx.Client) -> None:
    r = client.get("/entity/No Such Group Anywhere")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no entity matches" in r.text


def test_a_name_holding_a_slash_is_found(client: httpx.Client) -> None:
    """'CNCERT/CC' is a name like any other: the API and the pages find its entity whether the slash is written
    %2F (as a client quoting the name writes it) or not, and /api/entity/{name}/claims still answers the claims;
    the slash ended the name's segment, and every such path was a bare 404 'Not Found'."""
    cncert = "National Computer Network Emergency Response Technical Team/Coordination Center of China"
    for name in ("CNCERT%2FCC", "CNCERT/CC", "cncert", quote(cncert, safe="")):
        assert client.get(f"/api/entity/{name}").json()["id"] == "cncert", name
        claims = client.get(f"/api/entity/{name}/claims", params={"limit": 1}).json()
        assert claims["entity"]["id"] == "cncert" and claims["total"] > 0, name
        assert client.get(f"/api/timeline/{name}").json()["entity"]["id"] == "cncert", name
        for page in ("entity", "chain", "consensus", "dossier"):
            r = client.get(f"/{page}/{name}")
            assert r.status_code == 200 and cncert in unescape(r.text), (page, name)
        assert client.get(f"/entity/{name}.json").json()["id"] == "cncert"
    doc = error_of(client.get("/api/province/Hubei/nowhere"), 404)
    assert doc["message"].startswith("no entity matches 'Hubei/nowhere'")
    assert client.get("/api/entity/apt31/claims", params={"limit": 1}).json()["entity"]["id"] == "apt31"


def test_openapi_lists_every_route(client: httpx.Client, web_url: str) -> None:  # noqa: F811
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    from cyberstate.service import Service
    from cyberstate.web import create_app

    app = create_app(Service.__new__(Service))
    # a name's segment takes a slash ({name:path}); the document writes the parameter as OpenAPI does
    api_routes = {(r.path.replace(":path}", "}"), m.lower()) for r in app.routes
                  if isinstance(r, Route) and r.path.startswith("/api/")
                  for m in (r.methods or ()) if m != "HEAD"}  # fmt: skip
    documented = {(p, m) for p, ops in doc["paths"].items() for m in ops}
    assert api_routes == documented
    assert {e.path for e in ENDPOINTS} <= set(doc["paths"])


def test_crafted_names_are_text(client: httpx.Client) -> None:
    html = client.get("/entity/crafted-xss").text
    assert "<script>window.pwned" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;Crafted Group" in html
    assert "&lt;b&gt;Bold Alias&lt;/b&gt;" in html
    assert "<img src=x" not in html


def test_pages_and_json_twins(client: httpx.Client) -> None:
    for path in ["/", "/entity/apt31", "/chain/apt31", "/province/hubei", "/apparatus", "/contested", "/theses",
                 "/review", "/consensus/apt31", "/dossier/apt31"]:  # fmt: skip
        r = client.get(path)
        assert r.status_code == 200 and "text/html" in r.headers["content-type"], path
    assert client.get("/entity/apt31.json").json()["id"] == "apt31"
    assert client.get("/chain/apt31.json").json()["from"]["id"] == "apt31"
    assert client.get("/province/hubei.json").json()["province"]["id"] == "hubei"
    assert "theses" in client.get("/theses.json").json()
    r = client.get("/search", params={"q": "Zirconium"})
    assert r.status_code == 303 and r.headers["location"] == "/entity/apt31"


def test_list_pages_answer_their_query_as_their_twins_do(client: httpx.Client) -> None:
    """/contested?kind=K and /theses?country=C show what /contested.json?kind=K and /theses.json?country=C
    answer (the page used to drop the parameter and show every kind, or China), and link that twin."""
    twin = client.get("/contested.json", params={"kind": "ownership"}).json()
    assert twin["kinds"] == ["ownership"]
    html = client.get("/contested", params={"kind": "ownership"}).text
    assert html.count('<section class="contest">') == len(twin["items"])
    assert html.count('<span class="kind">ownership</span>') == len(twin["items"])
    assert '<span class="kind">negation</span>' not in html
    assert 'href="/api/contested?kind=ownership"' in html
    r = client.get("/contested", params={"kind": "bogus"})
    assert r.status_code == 400 and "unknown kind" in r.text
    theses = client.get("/theses.json", params={"country": "Russian Federation"}).json()
    html = client.get("/theses", params={"country": "Russian Federation"}).text
    assert theses["country"]["id"] == "russia" and f'href="/entity/{theses["country"]["id"]}"' in html
    assert theses["theses"][0]["answer"] in html
    assert client.get("/theses", params={"country": "Nowhereland"}).status_code == 404
    assert "not a country" in error_of(client.get("/api/theses", params={"country": "apt31"}), 400)["message"]
    assert client.get("/apparatus", params={"utm_source": "x"}).status_code == 200, "unknown parameters ignored"


def test_entity_pages_answer_their_query_as_their_twins_do(client: httpx.Client) -> None:
    """/chain/X?limit=N draws the paths /chain/X.json?limit=N gives (the page dropped `limit`), and the pages of
    one entity link the twin with their own query (`as_of`, `other`), not today's whole answer."""
    twin = client.get("/chain/apt31.json", params={"limit": 1}).json()
    whole = client.get("/chain/apt31.json").json()
    assert len(twin["chains"]) == 1 < len(whole["chains"])
    html = client.get("/chain/apt31", params={"limit": 1}).text
    paths = html.split("<h2>Paths</h2>", 1)[1].split("</ol>", 1)[0]
    assert paths.count("<li>") == 1 and 'href="/chain/apt31.json?limit=1"' in html
    html = client.get("/entity/apt31", params={"as_of": "2019"}).text
    assert 'href="/entity/apt31.json?as_of=2019"' in html
    html = client.get("/consensus/apt31", params={"other": "hubei-ssd", "utm": "x"}).text
    assert 'href="/consensus/apt31.json?other=hubei-ssd"' in html
    assert client.get("/province/hubei", params={"limit": 0}).status_code == 400


def test_resolve_answers_as_of_the_date_asked(client: httpx.Client) -> None:
    """/api/resolve?as_of=D leaves out the aliases first used after D, as `--as-of D resolve` does (it took
    as_of and answered with today's names): "State Security Ministry" is Pierșinaru's name of the MSS (2024)."""
    q = "State Security Ministry"
    now = client.get("/api/resolve", params={"q": q}).json()["matches"][0]
    assert now["id"] == "mss" and now["score"] >= 90
    then = client.get("/api/resolve", params={"q": q, "as_of": "2020"}).json()["matches"]
    assert all(m["score"] < 90 for m in then), then
    assert client.get("/api/resolve", params={"q": q, "as_of": "2025"}).json()["matches"][0]["score"] >= 90
    html = client.get("/search", params={"q": "State Security Ministr", "as_of": "2020"}).text
    assert 'href="/entity/mss?as_of=2020"' in html


def test_pages_seen_as_of_a_date_link_to_pages_as_of_it(client: httpx.Client) -> None:
    """Every link a page seen with ?as_of=D gives to another page keeps D (they dropped it and showed what is
    known today): names in claims, the buttons, the map's provinces, the top bar, the search box, the scripts."""
    import re

    html = unescape(client.get("/entity/apt31", params={"as_of": "2024"}).text)
    undated = ("/static/", "/review", "/api/openapi.json")  # the review queue and the API's description have no date
    pages = [h for h in re.findall(r'href="(/[^"]*)"', html) if not h.startswith(undated)]
    assert pages and all("as_of=2024" in h for h in pages), [h for h in pages if "as_of=2024" not in h]
    for want in ("/chain/apt31?as_of=2024", "/consensus/apt31?as_of=2024", "/dossier/apt31?as_of=2024",
                 "/contested?as_of=2024", "/?as_of=2024"):  # fmt: skip
        assert f'href="{want}"' in html, want
    assert '<input type="hidden" name="as_of" value="2024">' in html
    for path in ("/chain/apt31", "/province/hubei", "/", "/contested", "/consensus/apt31"):
        html = unescape(client.get(path, params={"as_of": "2024"}).text)
        pages = [h for h in re.findall(r'href="(/[^"]*)"', html) if not h.startswith(undated)]
        assert all("as_of=2024" in h for h in pages), (path, [h for h in pages if "as_of=2024" not in h])
    assert 'href="/province/hubei?as_of=2024"' in client.get("/", params={"as_of": "2024"}).text
    r = client.get("/search", params={"q": "Zirconium", "as_of": "2024"})
    assert r.status_code == 303 and r.headers["location"] == "/entity/apt31?as_of=2024"
    html = unescape(client.get("/entity/no-such-thing-apt3", params={"as_of": "2024"}).text)
    assert all("as_of=2024" in h for h in re.findall(r'href="(/entity/[^"]*)"', html))
    assert client.get("/search", params={"q": "APT31", "as_of": "someday"}).status_code == 400
    html = client.get("/entity/apt31").text  # seen today, the links carry no date
    assert 'href="/chain/apt31"' in html and "as_of=" not in html
    for script in ("app.js", "chain.js", "ego.js"):
        assert 'get("as_of")' in client.get(f"/static/{script}").text, script


def test_a_method_the_path_does_not_take_is_a_405_naming_those_it_does(client: httpx.Client) -> None:
    """A 405 carries Allow (RFC 9110: the server must send it), on the pages, the API and TAXII beside them."""
    for path, allow in (("/entity/apt31", {"GET", "HEAD"}), ("/api/stats", {"GET", "HEAD"}), ("/api/review", {"POST"})):
        r = client.delete(path)
        assert r.status_code == 405 and set(r.headers.get("allow", "").split(", ")) == allow, (path, r.headers)
    r = client.put("/review")
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}


def test_review_page_keeps_its_filter(curated_db: Path, tmp_path: Path) -> None:
    """/review?entity=X pages, links its JSON twin and comes back after a decision with the filter kept: the
    "next" link, the twin and the redirect after Accept/Reject dropped it and listed every candidate."""
    from webserver import serving, web_store

    db = web_store(curated_db, tmp_path)
    with serving(db) as url, httpx.Client(base_url=url, timeout=60) as c:
        html = unescape(c.get("/review", params={"entity": "hubei-ssd", "limit": 1}).text)
        assert 'href="/review?offset=1&limit=1&entity=hubei-ssd">next' in html
        assert 'href="/api/candidates?offset=0&limit=1&entity=hubei-ssd"' in html
        assert 'action="/review?entity=hubei-ssd"' in html
        cand = c.get("/api/candidates", params={"entity": "hubei-ssd"}).json()["candidates"][0]
        r = c.post("/review?entity=hubei-ssd", data={"decision": "reject", "id": cand["id"]})
        assert r.status_code == 303 and r.headers["location"].endswith("&entity=hubei-ssd"), r.headers
        assert "entity=hubei-ssd" in c.get(r.headers["location"]).text


def test_candidates_say_how_many_there_are_and_the_last_page_offers_no_next(client: httpx.Client) -> None:
    """/api/candidates gives `total` (as `review --json` does): a full page could not tell a client whether
    another followed, and the review page offered "next" from a full last page onto an empty one."""
    every = client.get("/api/candidates", params={"limit": 500}).json()
    n = every["total"]
    assert n == len(every["candidates"]) >= 2
    last = client.get("/api/candidates", params={"offset": n - 1, "limit": 1}).json()
    assert last["total"] == n and [c["id"] for c in last["candidates"]] == [every["candidates"][-1]["id"]]
    html = unescape(client.get("/review", params={"offset": n - 1, "limit": 1}).text)
    assert "next →" not in html and f"{n}–{n} of {n} candidates" in html
    html = unescape(client.get("/review", params={"offset": n - 2, "limit": 1}).text)
    assert f'href="/review?offset={n - 1}&limit=1">next' in html


def test_review_through_the_api(client: httpx.Client) -> None:
    cands = client.get("/api/candidates", params={"entity": "hubei-ssd"}).json()["candidates"]
    target = next(c for c in cands if c["predicate"] == "subordinate_to")
    out = client.post("/api/review", json={"decision": "reject", "ids": [target["id"]]}).json()
    assert out["claims"] == [target["id"]]
    left = client.get("/api/candidates", params={"entity": "hubei-ssd"}).json()["candidates"]
    assert target["id"] not in {c["id"] for c in left}
    # a field the endpoint does not read is refused, not dropped: min_confidence would have been ignored
    some = client.get("/api/candidates").json()["candidates"][0]["id"]
    r = client.post("/api/review", json={"decision": "accept", "ids": [some], "min_confidence": 99})
    assert error_of(r, 400)["message"] == "unknown field(s) min_confidence in the body: give decision and ids"
    assert some in {c["id"] for c in client.get("/api/candidates", params={"limit": 500}).json()["candidates"]}
    # a document the store does not hold is a 400 with the reason, not an empty queue
    assert "no such document" in error_of(client.get("/api/candidates", params={"document": "nope"}), 400)["message"]
    r = client.get("/review", params={"document": "nope"})
    assert r.status_code == 400 and "no such document" in r.text


def test_report_writes_one_self_contained_file(cli, curated_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "apt31.html"
    r = cli("report", "Zirconium", "-o", out, db=curated_db)
    assert r.code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html and "APT31" in html and "<script" not in html and 'rel="stylesheet"' not in html
    assert "Hubei State Security Department" in html


def test_a_report_file_links_only_outside_itself(cli, curated_db: Path, tmp_path: Path) -> None:
    """The file `report` writes is opened from disk: its names are text, not links to the server's pages
    ('/entity/china', which a browser opens as file:///entity/china, not found); the sources keep their
    addresses. The dossier the server gives keeps its links."""
    out = tmp_path / "apt31.html"
    assert cli("report", "APT31", "-o", out, db=curated_db).code == 0
    hrefs = re.findall(r'href="([^"]*)"', out.read_text(encoding="utf-8"))
    assert hrefs and [h for h in hrefs if not h.startswith(("http://", "https://", "#", "data:"))] == []
    assert "China" in out.read_text(encoding="utf-8")


def test_report_json_is_one_document(cli, curated_db: Path, tmp_path: Path) -> None:
    """`report --json` (or the global `--json`) prints one JSON document naming the file it wrote, as every
    command does; it printed nothing on stdout."""
    out = tmp_path / "hubei.html"
    for args in (["report", "Hubei", "-o", out, "--json"], ["--json", "report", "Hubei", "-o", out]):
        r = cli(*args, db=curated_db)
        assert r.code == 0, r.stderr
        assert r.json() == {"file": str(out), "bytes": out.stat().st_size}
    r = cli("report", "Nowhereland", "-o", tmp_path / "x.html", "--json", db=curated_db)
    assert r.code == 1 and r.json()["error"]["type"] == "EntityNotFound"
    assert not (tmp_path / "x.html").exists()


def test_reference_conflicts_in_one_order_whatever_was_asked_before(cli, curated_db: Path, tmp_path: Path) -> None:
    """/api/contested lists what sources say of places against the reference in the CLI's order: the server's
    order followed the places asked about before (Guizhou's chain first put Guizhou before Guiyang)."""
    from webserver import serving

    db = tmp_path / "order.db"
    shutil.copy(curated_db, db)
    with serving(db) as url, httpx.Client(base_url=url, timeout=60) as c:
        for path in ("/api/chain/guizhou", "/api/consensus/guizhou", "/api/timeline/guizhou"):
            assert c.get(path).status_code == 200, path
        served = c.get("/api/contested", params={"kind": "reference"}).json()["items"]
    expected = cli("contested", "--kind", "reference", "--json", db=db).json()["items"]
    assert len(served) >= 2 and served == expected


def test_taxii_is_served_beside_the_workbench(client: httpx.Client) -> None:
    """`cyberstate serve` exposes the TAXII 2.1 endpoints of the same store, and the pages stay the pages'."""
    taxii = "application/taxii+json;version=2.1"
    r = client.get("/taxii2/", headers={"Accept": taxii})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/taxii+json")
    root = r.json()["api_roots"][0]
    cols = client.get(root + "collections/", headers={"Accept": taxii})
    assert cols.status_code == 200 and len(cols.json()["collections"]) >= 2
    assert client.get("/entity/apt31").status_code == 200


def test_stats_as_of_a_date_count_only_what_was_known_then(client: httpx.Client) -> None:
    """`/api/stats?as_of=D` counts the claims published by D; the claims by assertor type and the sources
    counted everything known today beside them (the home page as of 2010 showed every source)."""
    now, then = client.get("/api/stats").json(), client.get("/api/stats", params={"as_of": "2010"}).json()
    assert 0 < then["totals"]["claims"] < now["totals"]["claims"]
    assert sum(then["claims_by_assertor_type"].values()) == then["claims"]["accepted"]
    assert sum(now["claims_by_assertor_type"].values()) == now["claims"]["accepted"]
    assert 0 < then["totals"]["sources"] < now["totals"]["sources"]


def test_a_dossier_of_a_province_nothing_is_linked_to_says_so(client: httpx.Client) -> None:
    """The dossier of a province nothing is linked to says so under its heading, where it gave an empty list."""
    html = client.get("/dossier/qinghai").text
    assert "<ul></ul>" not in html
    assert '<p class="empty">Nothing in the claims is linked to Qinghai.</p>' in html


def test_candidates_take_the_filters_and_paging_review_takes(curated_db: Path, tmp_path: Path) -> None:
    """`review --predicate P` had no API twin (/api/candidates refused `predicate` as unknown) and the API's
    `offset` none in `review`: the same filters and page now give the same rows, in the same order, and the
    same total from both; the review page keeps the predicate in its links."""
    from conftest import run_cli
    from webserver import serving, web_store

    db = web_store(curated_db, tmp_path)
    more = tmp_path / "more.txt"
    more.write_text(
        "APT40 is operated by the Hainan State Security Department, according to the indictment.\n\n"
        "APT41 targeted the healthcare sector, according to the advisory.\n"
    )
    assert run_cli("ingest", more, db=db).code == 0
    with serving(db) as url, httpx.Client(base_url=url, timeout=60) as c:
        # a URL no other test asks: the answers' cache is the process's, shared by every server a test starts
        every = c.get("/api/candidates", params={"offset": 0, "limit": 499}).json()["candidates"]
        assert len(every) > 1
        predicate = every[1]["predicate"]
        for query in ({"offset": 1, "limit": 1}, {"predicate": predicate, "offset": 0, "limit": 1}):
            api = c.get("/api/candidates", params=query).json()
            args = [x for k, v in query.items() for x in (f"--{k}", str(v))]
            cli = run_cli("review", *args, "--json", db=db)
            assert cli.code == 0, cli.stderr
            doc = cli.json()
            assert [x["id"] for x in doc["candidates"]] == [x["id"] for x in api["candidates"]] != [], query
            assert (doc["total"], doc["offset"], doc["limit"]) == (api["total"], query["offset"], 1)
        assert api["total"] == sum(x["predicate"] == predicate for x in every)
        assert {x["predicate"] for x in api["candidates"]} == {predicate}
        assert error_of(c.get("/api/candidates", params={"predicate": "gossips"}), 400)
        html = unescape(c.get("/review", params={"predicate": predicate, "limit": 1}).text)
        assert f'href="/api/candidates?offset=0&limit=1&predicate={predicate}"' in html, html


def test_a_review_the_server_accepts_is_seen_by_another_process(curated_db: Path, tmp_path: Path, cli: Any) -> None:
    """`cyberstate serve` opens the store a second time in its process for the TAXII collections, and opening a
    store read its first bytes through a Python file whose close dropped every lock SQLite held on the file in
    that process. Another process's reader (`cyberstate stats` in another shell) then closed as if it were the
    last, checkpointed and deleted the write-ahead log, and a review the server accepted after it went to a
    deleted log: the server answered it, no other process ever saw it. The store's file is no longer read by
    Python while this process holds it open."""
    db = web_store(curated_db, tmp_path)
    with serving_command(db, "serve", "/api/stats") as (url, _):
        taxii = {"Accept": "application/taxii+json;version=2.1"}
        assert httpx.get(url + "/cyberstate/collections/everything/objects/?limit=1", headers=taxii).status_code == 200
        before = cli("stats", "--json", db=db).json()["claims"]
        cid = httpx.get(url + "/api/candidates?limit=1").json()["candidates"][0]["id"]
        r = httpx.post(url + "/api/review", json={"decision": "accept", "ids": [cid]}, timeout=60)
        assert r.status_code == 200 and r.json()["claims"] == [cid], r.text
        after = cli("stats", "--json", db=db).json()["claims"]
        assert after["accepted"] == before["accepted"] + 1 and after["candidate"] == before["candidate"] - 1
        assert Path(str(db) + "-wal").exists()


def test_a_province_lists_what_is_linked_to_its_bodies_as_the_cli_does(client: httpx.Client) -> None:
    """/api/province/jiangsu and the province page list the hackers the Justice Department links to the Jiangsu
    department, each marked as tied through a linked body, as `cyberstate province` does."""
    doc = client.get("/api/province/jiangsu").json()
    rows = {r["name"]: r for r in doc["linked"]}
    assert rows["Zhang Zhang-Gui"]["tie"] == "linked"
    html = client.get("/province/jiangsu").text
    row = html[html.index("Zhang Zhang-Gui") :]
    assert "through a linked body" in row[: row.index("</tr>")]


def test_the_apparatus_api_says_since_when_and_who_says_a_law_charges_a_body(client: httpx.Client) -> None:
    """/api/apparatus?root=MSS: the Intelligence and Counterespionage Laws with their in-force dates and who says so,
    as the command line gives them (one read model)."""
    r = client.get("/api/apparatus", params={"root": "MSS"})
    assert r.status_code == 200
    laws = {x["id"]: x for x in r.json()["roots"][0]["laws"]}
    assert laws["national-intelligence-law"]["in_force_from"] == ["2017-06-28"]
    assert laws["counter-espionage-law"]["asserted_by"] == ["Standing Committee of the National People's Congress"]
    assert laws["counter-espionage-law"]["via"] == "empowers"


def test_a_laws_timeline_in_the_api_has_its_amendments(client: httpx.Client) -> None:
    """/api/timeline for the National Intelligence Law: adopted, in force, and amended on 27 April 2018 by the
    Standing Committee's decision, with who says so; no lags, which a law never has."""
    r = client.get("/api/timeline/national-intelligence-law")
    assert r.status_code == 200
    doc = r.json()
    assert [(e["date"], e["kind"]) for e in doc["events"]] == [
        ("2017-06-27", "adopted"),
        ("2017-06-28", "in force"),
        ("2018-04-27", "amended"),
    ]
    assert {e["assertor"] for e in doc["events"]} == {"Standing Committee of the National People's Congress"}
    assert doc["lags"] == {}
