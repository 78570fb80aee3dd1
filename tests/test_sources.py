"""Sources: what a page is (`kind`, `primary`), which date a claim takes, repeated YAML keys, and
`stats --sources` through the real command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cyberstate.errors import DataFileError
from cyberstate.ingest.curated import build
from cyberstate.model import Source
from cyberstate.model.sources import is_primary_for

SOURCES = """
sources:
  - id: paper
    title: An academic paper
    published: "2024-07-05"
    url: https://example.org/paper
    kind: academic_article
    primary: true
    text: paper.txt
  - id: old-ref
    title: A reference the paper cites
    published: "2018"
    url: https://example.org/old
    kind: report
    primary: true
    cited_by: paper
  - id: release
    title: The ministry's own release
    published: "2021-07-19"
    url: https://example.org/release
    kind: press_release
    primary: true
  - id: story
    title: A news story about the release
    published: "2021-07-20"
    url: https://example.org/story
    kind: news
    primary: true
  - id: repost
    title: The release, republished elsewhere
    published: "2021-07-21"
    url: https://example.org/repost
    kind: press_release
    primary: false
  - id: undated
    title: A page with no date
    url: https://example.org/undated
    kind: news
    primary: true
"""

THINGS = """
entities:
  - {id: ministry, kind: ministry, name: Ministry of Examples, assertor_type: government, sources: [release]}
  - {id: outlet, kind: media_organisation, name: Example News, assertor_type: media, sources: [story]}
  - {id: author, kind: person, name: A. Author, assertor_type: academic, sources: [paper]}
  - {id: group, kind: threat_group, name: Example Group, sources: [release]}
  - {id: bureau, kind: provincial_bureau, name: Example Bureau, sources: [release]}
claims:
  - {subject: group, predicate: operated_by, object: bureau, sources: [paper, old-ref], assertor: author,
     basis: academic_interpretation, evidence: "the group is run by the bureau"}
  - {subject: group, predicate: linked_to, object: bureau, sources: [old-ref, paper], assertor: author,
     basis: academic_interpretation, evidence: "the group is run by the bureau"}
  - {subject: group, predicate: operated_by, object: bureau, sources: [release, story],
    assertor: ministry, basis: official_statement}
  - {subject: group, predicate: targeted, object: ministry, sources: [story, release],
    assertor: outlet, basis: media_report}
  - {subject: bureau, predicate: subordinate_to, object: ministry, sources: [repost],
    assertor: ministry, basis: official_statement}
  - {subject: group, predicate: targeted, object: bureau, sources: [story],
    assertor: ministry, basis: official_statement}
  - {subject: bureau, predicate: located_in, object: hubei, sources: [undated, old-ref],
    assertor: outlet, basis: media_report}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    (d / "paper.txt").write_text("In 2024 we find that the group is run by the bureau (Old 2018).\n")
    (d / "sources.yaml").write_text(SOURCES)
    (d / "things.yaml").write_text(THINGS)
    return d


def _claims(data: Path) -> dict[tuple[str, str, str | None, str], Any]:
    b, _ = build([data])
    return {(c.subject, c.predicate, c.object, c.sources[0]): c for c, _, _ in b.claims if c.origin}


def test_a_claim_takes_the_date_of_the_source_that_states_it(data: Path) -> None:
    cs = _claims(data)
    # the author's 2024 sentence is not dated by the 2018 reference it cites, whatever the order
    assert cs[("group", "operated_by", "bureau", "paper")].published == "2024-07-05"
    assert cs[("group", "linked_to", "bureau", "old-ref")].published == "2024-07-05"
    # no evidence: the first-listed source, not the earliest
    assert cs[("group", "targeted", "ministry", "story")].published == "2021-07-20"
    assert cs[("group", "operated_by", "bureau", "release")].published == "2021-07-19"


def test_an_undated_stating_source_gives_no_date_but_a_reference_it_cites_does_not_either(data: Path) -> None:
    (data / "sources.yaml").write_text(SOURCES.replace("    cited_by: paper\n", "    cited_by: undated\n"))
    cs = _claims(data)
    assert cs[("bureau", "located_in", "hubei", "undated")].published is None


def test_a_repeated_key_is_an_error_naming_file_and_line(data: Path) -> None:
    (data / "things.yaml").write_text(THINGS + "claims:\n  - {subject: group, predicate: targeted, object: bureau}\n")
    with pytest.raises(DataFileError) as e:
        build([data])
    msg = str(e.value)
    assert "things.yaml" in msg and "repeated key 'claims'" in msg
    first = THINGS.splitlines().index("claims:") + 1
    last = len(THINGS.splitlines()) + 1
    assert f"line {last}" in msg and f"first on line {first}" in msg


def test_a_repeated_key_inside_a_record_is_an_error_too(data: Path) -> None:
    bad = THINGS.replace(
        "assertor: outlet, basis: media_report}", "assertor: outlet, assertor: ministry, basis: media_report}", 1
    )
    (data / "things.yaml").write_text(bad)
    with pytest.raises(DataFileError, match="repeated key 'assertor'"):
        build([data])


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "kind: news\n    primary: true\n  - id: repost",
            "kind: rumour\n    primary: true\n  - id: repost",
            "unknown kind 'rumour'",
        ),
        ("primary: false", "primary: maybe", "`primary` must be true or false"),
    ],
)
def test_source_kind_and_primary_are_checked(data: Path, old: str, new: str, problem: str) -> None:
    (data / "sources.yaml").write_text(SOURCES.replace(old, new, 1))
    with pytest.raises(DataFileError, match=problem):
        build([data])


def test_an_official_claim_needs_the_bodys_own_document() -> None:
    story = Source("s", title="t", kind="news", primary=True)
    release = Source("r", title="t", kind="press_release", primary=True)
    repost = Source("p", title="t", kind="press_release", primary=False)
    assert is_primary_for(release, "government") and is_primary_for(release, "court")
    assert not is_primary_for(story, "government")  # an outlet's story never stands in for a release
    assert not is_primary_for(repost, "government")  # nor does a copy
    assert is_primary_for(story, "media") and not is_primary_for(repost, "media")


def test_stats_sources_through_the_cli(cli: Any, data: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    r = cli("load", data, "--json", db=db)
    assert r.code == 0, r.stderr
    doc = cli("stats", "--sources", "--json", db=db).json()
    gov = doc["by_assertor_type"]["government"]
    assert (gov["claims"], gov["primary"]) == (3, 1)  # the release; not the repost, not the story
    assert doc["by_assertor_type"]["media"] == {"claims": 2, "primary": 2, "share": 1.0}
    assert doc["official"] == {"claims": 3, "primary": 1, "share": 0.333}
    missing = {(m["assertor"], m["claim"]) for m in doc["without_primary"]}
    assert missing == {("ministry", "bureau subordinate_to ministry"), ("ministry", "group targeted bureau")}
    human = cli("stats", "--sources", db=db)
    assert human.code == 0 and "government" in human.stdout and "claims without a primary source" in human.stdout


def test_news_is_primary_only_for_its_outlets_own_words() -> None:
    """A news story that reports another body's release, indictment or findings is that body's words at second
    hand (model/sources.py): a news source marked primary must be cited by a claim a media outlet asserts."""
    import yaml

    from cyberstate.ingest.curated import default_data_dir

    kinds: dict[str, str | None] = {}
    sources: dict[str, dict[str, object]] = {}
    cited_by: dict[str, set[str | None]] = {}
    for path in sorted(default_data_dir().glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        defaults = doc.get("defaults") or {}
        kinds.update({e["id"]: e.get("assertor_type") for e in doc.get("entities") or []})
        sources.update({s["id"]: s for s in doc.get("sources") or []})
        for claim in doc.get("claims") or []:
            c = {**defaults, **claim}
            for sid in c.get("sources") or []:
                cited_by.setdefault(sid, set()).add(c.get("assertor"))
    news = [sid for sid, s in sources.items() if s.get("kind") == "news" and s.get("primary") and sid in cited_by]
    assert len(news) > 5
    wrong = [sid for sid in news if not any(kinds.get(a) == "media" for a in cited_by[sid])]
    assert not wrong, wrong


def test_curated_sources_say_what_they_are() -> None:
    """Every source of the MSS record declares its kind and whether it is primary, and no data, docs or
    evaluation notes file describes a source by how it was found."""
    import yaml

    from cyberstate.ingest.curated import default_data_dir

    data = default_data_dir()
    for name in ("sources.yaml", "record-mss.yaml", "mss.yaml", "groups.yaml", "operations.yaml", "responses.yaml"):
        for s in yaml.safe_load((data / name).read_text(encoding="utf-8")).get("sources") or []:
            assert "kind" in s and isinstance(s.get("primary"), bool), (name, s["id"])
    # what a page is, never how it was found: every data file (reference tables too) and every doc
    words = (
        "search tool",
        "search result",
        "search excerpt",
        "stored public",
        "stored corpus",
        "stored page",
        "page seen",
        "pages seen",
        "excerpt seen",
        "excerpt shows",
        "in the excerpt",
    )
    root = Path(__file__).resolve().parent.parent
    eval_dir = root / "tests" / "data" / "eval"
    files = [*(root / "data").rglob("*.yaml"), *(root / "docs").glob("*.md"), root / "README.md"]
    # the evaluation set's own prose and verdict notes, not its page texts (a page may use any words)
    files += [eval_dir / "README.md", eval_dir / "held-judged.yaml", eval_dir / "test-judged.yaml"]
    files += sorted((root / "tests" / "data" / "review").glob("*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        assert not [w for w in words if w in text], path


def test_stats_sources_writes_a_denial_as_one(cli: Any, curated_db: Path) -> None:
    """`stats --sources` listed the Chinese embassy in Berlin's denial that China was behind the 2021 attack
    on the Federal Agency for Cartography and Geodesy as "bkg-cyberattack-2021 attributed_to china", the
    very attribution it denies. It reads "NOT attributed_to" now, as every other answer writes a denial."""
    doc = cli("stats", "--sources", "--json", db=curated_db).json()
    rows = {(m["assertor"], m["claim"]): m for m in doc["without_primary"]}
    denial = rows[("chinese-embassy-germany", "bkg-cyberattack-2021 NOT attributed_to china")]
    assert denial["negated"] is True
    assert ("chinese-embassy-germany", "bkg-cyberattack-2021 attributed_to china") not in rows
    assert rows[("german-foreign-office", "bkg-cyberattack-2021 attributed_to china")]["negated"] is False
