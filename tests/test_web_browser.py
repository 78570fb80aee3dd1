"""The pages in real headless Chromium (Debian's `chromium`, driven by Playwright), against a real server.

Screenshots of the main pages are written to artifacts/screenshots/ (ignored by git) for a person to look at.
Skipped, with the reason printed, when /usr/bin/chromium is missing (`.ci/run` installs it)."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from webserver import web_url  # noqa: F401  (the fixture)

CHROMIUM = os.environ.get("CYBERSTATE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"browser tests skipped: {CHROMIUM} missing (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, web_url: str):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=web_url)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # No request may leave loopback: assets come from the package, never a CDN.
    outside: list[str] = []
    pg.on("request", lambda r: None if r.url.startswith((web_url, "data:")) else outside.append(r.url))
    yield pg
    ctx.close()
    assert not errors, errors
    assert not outside, outside


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_search_zirconium_lands_on_apt31(page) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    shot(page, "home")
    box = page.locator("input[data-suggest]")
    box.type("Zirconium", delay=30)
    # the list of a shorter prefix may show first on a loaded machine ("Zh..."); the full name's list replaces it
    expect(page.locator("ul.suggest a").first).to_contain_text("APT31", timeout=15_000)
    box.press("Enter")
    page.wait_for_url("**/entity/apt31")
    assert page.locator("h1.entity-name").inner_text().startswith("APT31")
    assert page.get_by_text("Zirconium").first.is_visible()
    shot(page, "entity")


def test_chain_draws_the_hubei_path(page) -> None:
    page.goto("/chain/apt31")
    page.wait_for_function("window.cyberstateGraph && window.cyberstateGraph.nodes().length > 0")
    ids = page.evaluate("window.cyberstateGraph.nodes().map(n => n.id())")
    assert {"apt31", "hubei-ssd", "mss", "china", "place:hubei"} <= set(ids)
    edge = page.evaluate("window.cyberstateGraph.edges('[id = \"apt31->hubei-ssd\"]').length")
    assert edge == 1
    # a click on the edge shows its claims, assertors and sources
    page.evaluate("window.cyberstateGraph.$id('apt31->hubei-ssd').emit('tap')")
    info = page.locator("#edge-info").inner_text()
    assert "operated by" in info and "Asserted by" in info and "Sources" in info
    shot(page, "chain")


def test_map_colours_hainan_and_opens_it(page) -> None:
    page.goto("/")
    tile = page.locator("svg.map a[data-province='hainan'] rect")
    fill = tile.evaluate("e => getComputedStyle(e).fill")
    empty = page.locator("svg.map a.l0 rect").first.evaluate("e => getComputedStyle(e).fill")
    assert fill != empty, (fill, empty)
    page.locator("svg.map a[data-province='hubei']").click()
    page.wait_for_url("**/province/hubei")
    assert page.locator("svg.map a.here[data-province='hubei']").count() == 1
    assert page.get_by_text("Hubei State Security Department").first.is_visible()
    shot(page, "province")


def test_review_accept_makes_a_claim(page, web_url: str) -> None:  # noqa: F811
    import httpx

    page.goto("/review?entity=apt31")
    card = page.locator("article.cand").filter(has_text="operated by").first
    cid = card.get_attribute("id")
    assert card.locator("blockquote mark").count() >= 1
    shot(page, "review")
    card.get_by_role("button", name="Accept").click()
    page.wait_for_url("**/review?done=*")
    assert cid in page.locator(".done").inner_text()
    claims = httpx.get(f"{web_url}/api/entity/apt31/claims", params={"predicate": "operated_by"}).json()["claims"]
    assert any(c["id"] == cid and c["status"] == "accepted" for c in claims)


@pytest.mark.parametrize("path", ["/", "/entity/apt31", "/review"])
def test_a_first_visit_logs_no_error_in_the_console(browser, web_url: str, path: str) -> None:  # noqa: F811
    """A fresh browser on a page logs no console error: each first visit asked for /favicon.ico, which the
    server does not have, and the console showed 'Failed to load resource: 404'."""
    ctx = browser.new_context(base_url=web_url)
    pg = ctx.new_page()
    logged: list[str] = []
    pg.on("console", lambda m: logged.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None)
    pg.goto(path)
    pg.wait_for_load_state("networkidle")
    ctx.close()
    assert not logged, logged


def test_crafted_script_is_not_run(page) -> None:
    page.goto("/entity/crafted-xss")
    assert page.evaluate("window.pwned === undefined")
    assert "<script>window.pwned=1</script>Crafted Group" in page.locator("h1.entity-name").inner_text()


def test_a_chinese_name_from_two_origins_is_shown_once(page) -> None:
    """The entity page's Chinese name lists each name once: a name two origins give (a listing and a
    source, as the galaxy gives many) was shown twice ('克拉夫特组, 克拉夫特组')."""
    page.goto("/entity/crafted-xss")
    line = page.locator("p.zh").inner_text()
    assert line == "Chinese name: 克拉夫特组", line
    assert page.locator("p.zh span[lang='zh']").count() == 1


def test_page_titles_name_the_page_once(page) -> None:
    """Each page's title names it and the site once: the home page's was 'cyberstate · cyberstate'."""
    for path, title in (
        ("/", "cyberstate"),
        ("/entity/apt31", "APT31 · cyberstate"),
        ("/apparatus", "Apparatus · cyberstate"),
    ):
        page.goto(path)
        assert page.title() == title, (path, page.title())


def test_suggestions_asked_before_the_box_is_cleared_stay_away(page) -> None:
    """A suggestion list asked for and answered after the box was cleared (or Escape pressed) is not shown:
    the answer of the request still on its way came back and listed the names for text no longer there."""
    # the answers of /api/resolve come 800 ms late, as on a busy server
    page.add_init_script(
        "const f = window.fetch;"
        "window.fetch = (...a) => f(...a).then(r => new Promise(ok => setTimeout(() => ok(r), 800)));"
    )
    page.goto("/")
    box = page.locator("input[data-suggest]")
    for leave in ("clear", "Escape"):
        box.fill("APT31")
        page.wait_for_timeout(300)  # past the typing pause: the request is on its way
        if leave == "clear":
            box.fill("")
        else:
            box.press("Escape")
        page.wait_for_timeout(1500)
        assert page.locator("ul.suggest").is_hidden(), leave


@pytest.mark.parametrize(
    "path",
    ["/", "/apparatus", "/contested", "/theses", "/review", "/entity/apt31", "/province/hubei", "/chain/apt31",
     "/consensus/apt31", "/dossier/apt31", "/search?q=panda"],
)  # fmt: skip
def test_headings_go_down_one_level_at_a_time(page, path: str) -> None:
    """Each page has one h1 and its headings never skip a level, so a screen reader's outline holds: the
    contested claims, the theses and the review candidates were h3 (and h4) right under the h1."""
    page.goto(path)
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1, (path, levels)
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == [], (path, jumps[:3])


def test_empty_lists_say_so(page) -> None:
    """A province nothing is linked to and a chain with no path say so, where the pages showed an empty table
    under its headers and an empty list."""
    page.goto("/province/qinghai")
    assert page.locator("table.linked").count() == 0
    assert page.locator("p.empty").inner_text() == "Nothing in the claims is linked to Qinghai."
    page.goto("/chain/china")
    assert page.locator("ol.paths").count() == 0
    assert page.locator("p.empty").inner_text() == "No path in the claims leads from China to the state."
    page.goto("/chain/china?as_of=2001")
    assert "No path in the claims published by 2001 leads" in page.locator("p.empty").inner_text()
    page.goto("/consensus/apt31?other=qinghai")
    assert page.locator("table.claims").count() == 0
    assert page.locator("p.empty").inner_text() == "No claim states a fact about APT31 and Qinghai."
    page.goto("/contested?as_of=1990")
    assert page.locator("section.contest").count() == 0
    assert page.locator("p.empty").inner_text().startswith("Nothing published by 1990 is contested")


#: WCAG 2.x relative luminance and contrast ratio of two "rgb(r, g, b)" colours, computed in the page.
CONTRAST_JS = """([a, b]) => {
  const lum = c => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => {
    v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}"""


def test_map_tile_labels_are_legible_at_every_shade(page) -> None:
    """The province code and count on a tile (11 and 10 px) contrast with its fill by at least 4.5:1 (WCAG AA
    for small text) at each of the five shades: white on the 4-7 shade was 3.1:1. Each shade is set on a
    tile of the page, so the stylesheet the page loads is what is measured."""
    page.goto("/")
    tile = page.locator("svg.map a[data-province='hubei']")
    ratios = {}
    for level in range(5):
        tile.evaluate("(a, level) => a.setAttribute('class', 'tile l' + level)", level)
        fill = tile.locator("rect").evaluate("e => getComputedStyle(e).fill")
        for text in tile.locator("text").all():
            ratios[(level, text.evaluate("e => e.getAttribute('class') || 'code'"))] = page.evaluate(
                CONTRAST_JS, [text.evaluate("e => getComputedStyle(e).fill"), fill]
            )
    low = {k: round(r, 2) for k, r in ratios.items() if r < 4.5}
    assert len(ratios) == 10 and not low, low


def test_the_ego_graph_says_not_for_a_denied_claim(page) -> None:
    """The entity page's graph labelled an edge with each predicate of the claims between the two, the denied
    ones too: Taiwan's denial that its ICEFCOM operates Anonymous 64, beside the claim that it does, was one
    "operated by", and so was China's denial beside the UK's attribution. A denial now reads "not" and the
    predicate."""
    page.goto("/entity/anonymous-64")
    page.wait_for_function("window.cyberstateEgo && window.cyberstateEgo.edges().length > 0")
    label = page.evaluate("window.cyberstateEgo.edges('[target = \"n:taiwan-icefcom\"]').data('label')")
    assert sorted(label.split(", ")) == ["not operated by", "operated by"], label
    page.goto("/entity/uk-electoral-commission-attack-2021")
    page.wait_for_function("window.cyberstateEgo && window.cyberstateEgo.edges().length > 0")
    label = page.evaluate("window.cyberstateEgo.edges('[target = \"n:china\"]').data('label')")
    assert sorted(label.split(", ")) == ["attributed to", "not attributed to"], label


def test_a_province_says_which_ties_a_source_denies(page) -> None:
    """The province answer flags an entry whose way runs through a tie a source denies (`denied`: China's
    defence ministry denies that PLA Unit 61398 runs APT1); the page showed the entry as if undisputed."""
    page.goto("/province/shanghai")
    row = page.locator("table.linked tr", has=page.locator("td:first-child a[href='/entity/apt1']"))
    assert row.locator(".denied").inner_text() == "a source denies a tie on its way"
    assert "contested" in (row.get_attribute("class") or "")
    plain = page.locator("table.linked tr", has=page.locator("td:first-child a[href='/entity/shanghai-ssb']"))
    assert plain.locator(".denied").count() == 0


def test_a_chain_path_says_in_words_which_tie_is_contested(page) -> None:
    """The chain page's paths marked a contested tie by its colour alone (red), which a screen reader or a reader
    who cannot tell red from grey does not get, where `cyberstate chain` writes "(contested)": China's foreign
    ministry denies that the MSS runs APT40. The tie now says so in words, as the CLI does."""
    page.goto("/chain/apt40")
    path = page.locator("ol.paths li", has=page.locator(".pred.contested", has_text="operated_by"))
    tie = path.locator(".pred.contested").first
    assert tie.inner_text() == "→ operated_by (contested) →", tie.inner_text()
    for plain in page.locator("ol.paths .pred:not(.contested)").all():
        assert "(contested)" not in plain.inner_text()


def test_a_map_tile_counts_one_group_in_the_singular(page) -> None:
    """A tile's title (its tooltip, and the name a screen reader gives the link) read '1 groups, 1 operations'."""
    page.goto("/")
    titles = page.locator("svg.map a title").all_text_contents()
    assert titles and not [t for t in titles if re.search(r"\b1 (groups|operations)\b", t)], titles
    counts = page.evaluate("""() => [...document.querySelectorAll('svg.map a')].map(a => [a.dataset.province,
        a.querySelector('title').textContent])""")
    one = [t for _, t in counts if re.search(r": 1 group,", t)]
    assert one, counts  # a province with one group, in the singular


def test_a_chain_page_folds_the_routes_above_the_mss(page) -> None:
    """The chain page listed APT31's paths that differ only above the MSS (to China, to the State Council) as
    separate paths: one path each way the state is reached now, the other route above the MSS said in words on it
    and drawn in the graph."""
    page.goto("/chain/apt31")
    page.wait_for_function("window.cyberstateGraph && window.cyberstateGraph.nodes().length > 0")
    paths = page.locator("ol.paths").first.locator(":scope > li")
    texts = [t.split("also above")[0] for t in paths.all_inner_texts()]
    assert len(texts) == len(set(texts)) and not any("State Council" in t for t in texts), texts
    above = page.locator("ol.paths .above", has_text="also above Ministry of State Security")
    assert above.count() >= 1 and "State Council" in above.first.inner_text()
    assert page.evaluate("window.cyberstateGraph.edges('[id = \"mss->state-council\"]').length") == 1


def test_a_province_page_says_which_entries_are_tied_through_a_linked_body(page) -> None:
    """The Jiangsu page did not list the hackers the Justice Department links to the Jiangsu department, whose
    chains run through Jiangsu: it lists them now, each saying it is tied through a linked body, and no placed
    entry says so."""
    page.goto("/province/jiangsu")
    row = page.locator("table.linked tr", has_text="Zhang Zhang-Gui")
    assert "through a linked body" in row.inner_text()
    placed = page.locator("table.linked tr", has_text="Jiangsu State Security Department").first
    assert "through a linked body" not in placed.inner_text()


def test_the_apparatus_page_shows_duties_as_text_and_each_law_since_when_and_who_says_so(page) -> None:
    """The apparatus page printed each responsibility as a raw record ({'text': ..., 'claim': ...}) and a body's
    laws as bare names; it now shows the duty's words with who states it, and each law with how it is the body's,
    since when it is in force and who says so."""
    page.goto("/apparatus?root=CAC")
    meta = page.locator("ul.tree > li > div.meta").inner_text()
    assert "{'text'" not in meta and "setting rules for technology companies" in meta
    page.goto("/apparatus?root=MSS")
    law = page.locator("div.laws span.law", has=page.locator("a[href='/entity/national-intelligence-law']"))
    assert law.locator(".meta").inner_text() == (
        "(empowers; in force from 2017-06-28; according to Standing Committee of the National People's Congress)"
    )


def test_a_laws_page_shows_since_when_it_reads_as_revised(page) -> None:
    """The Counterespionage Law's page listed its adoption and entry into force of 2014 alone; its timeline now shows
    the revision of 2023 adopted and in force, each with who says so."""
    page.goto("/entity/counter-espionage-law")
    rows = page.locator("ol.timeline li").all_inner_texts()
    assert any(r.startswith("2023-07-01 amendment in force") and "(Xinhua News Agency)" in r for r in rows), rows
    assert any(r.startswith("2023-04-26 amended") for r in rows), rows


def test_a_name_without_a_naming_convention_shows_its_source(page) -> None:
    """The entity page put every curated name of a law under "origin not stated", while the record gives each name's
    source and `show` prints it (the Counter-Espionage Law, Xinhua's words on the NPC's site): the page now says which
    source writes each name, and a vendor's name stays under its naming convention."""
    page.goto("/entity/counter-espionage-law")
    names = page.locator("dl.aliases").inner_text()
    assert "origin not stated" not in names
    alias = page.locator("dl.aliases span.alias", has_text="Counter-Espionage Law").first
    assert alias.locator("small.src").inner_text() == "(National People's Congress)"
    page.goto("/entity/apt31")
    vendor = page.locator("dl.aliases dt", has_text="Microsoft (naming convention)")
    assert vendor.count() == 1
