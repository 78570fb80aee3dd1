"""Consensus, contested claims, as-of, diff, timelines and the theses: on made-up data where the answer is
known by construction, and on the real knowledge base for the cases the seeds name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import InvalidRecord
from cyberstate.model import Alias, Claim, Entity, Source


@pytest.fixture
def akb(mini_kb: KnowledgeBase) -> KnowledgeBase:
    """The mini data set with a court, a newspaper repeating the ministry, a denial and dated events."""
    s = mini_kb.store
    with s.transaction():
        s.put_source(Source("paper", title="A newspaper story", published="2024-04-01", url="https://example.org/p"))
        s.put_source(Source("ruling", title="A court ruling", published="2025-01-10", url="https://example.org/r"))
        s.put_source(Source("blog", title="A blog post", published="2022-05-01", url="https://example.org/b"))
        s.put_entity(Entity("daily", "media_organisation", "The Daily", sources=("paper",), assertor_type="media"))
        s.put_entity(Entity("court-x", "court", "Court X", sources=("ruling",), assertor_type="court"))
        s.put_entity(Entity("blogger", "person", "A Blogger", sources=("blog",), assertor_type="researcher"))
        s.put_entity(Entity("op-x", "operation", "Operation X", sources=("blog",)))
        s.put_entity(Entity("case-x", "indictment", "Case X", sources=("ruling",)))
        s.put_entity(Entity("ni-x", "person", "Person X", sources=("ruling",)))
        claims = [
            # the newspaper repeats the ministry's report: the same voice
            Claim(
                "example-group",
                "operated_by",
                ("paper", "report"),
                object="northern-bureau",
                assertor="daily",
                basis="media_report",
                confidence=60,
            ),
            Claim(
                "example-group",
                "operated_by",
                ("ruling",),
                object="northern-bureau",
                assertor="court-x",
                basis="court_finding",
                confidence=95,
            ),
            Claim(
                "example-group",
                "operated_by",
                ("blog",),
                object="northern-bureau",
                assertor="blogger",
                negated=True,
                confidence=50,
            ),
            Claim("example-group", "founded", ("blog",), value="2014", assertor="blogger"),
            Claim("example-group", "founded", ("ruling",), value="2015", assertor="court-x"),
            Claim("example-group", "conducted", ("blog",), object="op-x", assertor="blogger", valid_from="2019-06"),
            Claim("case-x", "indicted", ("ruling",), object="ni-x", assertor="court-x"),
            Claim("ni-x", "member_of_group", ("ruling",), object="example-group", assertor="court-x"),
            Claim("case-x", "issued_by", ("ruling",), object="court-x", assertor="court-x"),
        ]
        for c in claims:
            s.put_claim(c)
    mini_kb._changed()
    return mini_kb


def _fact(doc: dict[str, Any], predicate: str) -> dict[str, Any]:
    return next(f for f in doc["facts"] if f["predicate"] == predicate)


def test_consensus_counts_independent_voices(akb: KnowledgeBase) -> None:
    f = _fact(akb.consensus("Example Group", "Northern Bureau"), "operated_by")
    names = {a["name"]: a for a in f["assertors"]}
    assert set(names) == {"Ministry of Examples", "Court X"}  # the newspaper is the ministry repeated
    assert f["independent_voices"] == 2 and f["claims"] == 4
    assert f["by_type"] == {"government": 1, "court": 1}
    assert f["circular"] == [
        {
            "claim": f["circular"][0]["claim"],
            "assertor": "The Daily",
            "repeats": "Ministry of Examples",
            "via_source": "report",
        }
    ]
    assert [d["name"] for d in f["denied_by"]] == ["A Blogger"]
    assert 0 < f["dispute"] < f["support"] < 1 and f["score"] < f["support"]
    # since when the fact is said: the ministry's report, not the blogger's earlier denial (2022-05-01)
    assert (f["earliest"], f["latest"]) == ("2024-03-25", "2025-01-10")
    assert [(d["earliest"], d["latest"]) for d in f["denied_by"]] == [("2022-05-01", "2022-05-01")]


def test_a_denial_alone_dates_no_fact(akb: KnowledgeBase) -> None:
    """A fact whose assertions are undated is not dated by a denial of it: the New Zealand GCSB's undated
    statement that China supports APT40 read as made in March 2024, the month of the embassy's denial, and
    China's denial of March 2021 as the first date of the July attributions of the Exchange compromise."""
    s = akb.store
    with s.transaction():
        s.put_source(Source("undated", title="A statement that shows no date", url="https://example.org/u"))
        s.put_claim(Claim("example-group", "located_in", ("undated",), object="hubei", assertor="court-x"))
        s.put_claim(Claim("example-group", "located_in", ("blog",), object="hubei", assertor="blogger", negated=True))
    akb._changed()
    f = _fact(akb.consensus("Example Group", "Hubei"), "located_in")
    assert [a["name"] for a in f["assertors"]] == ["Court X"] and [d["name"] for d in f["denied_by"]] == ["A Blogger"]
    assert (f["earliest"], f["latest"]) == (None, None)
    assert f["denied_by"][0]["earliest"] == "2022-05-01"


def test_a_paper_repeats_only_what_the_issuer_of_its_source_says(akb: KnowledgeBase) -> None:
    """The ministry cites the report for one statement (Northern Bureau under Central Ministry); a paper's
    own, stronger statement in that report (Example Group under Central Ministry) is the paper's voice,
    and a matcher that says what a blogger says, citing the blogger's post, is not the post's issuer."""
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("matcher", "system", "A Matcher", sources=("blog",), assertor_type="automated"))
        s.put_claim(
            Claim(
                "example-group", "operated_by", ("report",), object="central-ministry", assertor="daily", confidence=70
            )
        )
        s.put_claim(Claim("example-group", "conducted", ("blog",), object="op-x", assertor="matcher", confidence=40))
    akb._changed()
    f = _fact(akb.consensus("Example Group", "Central Ministry"), "operated_by")
    assert [(a["name"], a["confidence"], a["repeated_by"]) for a in f["assertors"]] == [("The Daily", 70, [])]
    conducted = _fact(akb.consensus("Example Group", "Operation X"), "conducted")
    assert sorted(a["name"] for a in conducted["assertors"]) == ["A Blogger", "A Matcher"]
    assert not conducted["circular"]


def test_a_denial_disputes_what_says_it_the_same_everywhere(akb: KnowledgeBase) -> None:
    """One rule (model/rules.py denial_disputes) for consensus, contested and chains: "no link to the
    bureau" disputes "run by the bureau"; "not run by the ministry" leaves "linked to the ministry"
    standing."""
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("denier", "person", "A Denier", sources=("blog",), assertor_type="individual"))
        s.put_claim(
            Claim("example-group", "linked_to", ("blog",), object="northern-bureau", assertor="denier", negated=True)
        )
        s.put_claim(Claim("example-group", "linked_to", ("ruling",), object="central-ministry", assertor="court-x"))
        s.put_claim(
            Claim("example-group", "operated_by", ("blog",), object="central-ministry", assertor="denier", negated=True)
        )
    akb._changed()
    f = _fact(akb.consensus("Example Group", "Northern Bureau"), "operated_by")
    denied = {d["name"]: d["predicates"] for d in f["denied_by"]}
    assert denied == {"A Blogger": ["operated_by"], "A Denier": ["linked_to"]}
    item = next(
        i
        for i in akb.contested(["negation"])["items"]
        if i["predicate"] == "operated_by" and i["object"]["id"] == "northern-bureau"
    )
    assert sorted(d["voice"] for d in item["denied"]) == ["A Blogger", "A Denier"]
    linked = _fact(akb.consensus("Example Group", "Central Ministry"), "linked_to")
    assert linked["denied_by"] == []
    steps = [st for p in akb.chain("Example Group")["chains"] for st in p["hops"]]
    to_ministry = [
        st for st in steps if st["subject"]["id"] == "example-group" and st["object"]["id"] == "central-ministry"
    ]
    assert to_ministry and not any(st["contested"] for st in to_ministry)


def test_a_denial_reported_in_the_accusers_source_is_the_deniers_voice(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("suspect", "person", "A Suspect", sources=("report",), assertor_type="individual"))
        # the ministry's report, which the ministry cites for the fact, quotes the suspect denying it
        s.put_claim(
            Claim(
                "example-group", "operated_by", ("report",), object="northern-bureau", assertor="suspect", negated=True
            )
        )
    akb._changed()
    f = _fact(akb.consensus("Example Group", "Northern Bureau"), "operated_by")
    assert sorted(d["name"] for d in f["denied_by"]) == ["A Blogger", "A Suspect"]
    assert "Ministry of Examples" in {a["name"] for a in f["assertors"]}
    item = next(i for i in akb.contested(["negation"])["items"] if i["predicate"] == "operated_by")
    assert sorted(d["voice"] for d in item["denied"]) == ["A Blogger", "A Suspect"]


def test_a_symmetric_fact_is_one_fact_whichever_end_is_its_subject(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("other-group", "threat_group", "Other Group", sources=("report",)))
        s.put_claim(Claim("example-group", "related_to", ("report",), object="other-group", confidence=70))
        s.put_claim(Claim("other-group", "related_to", ("ruling",), object="example-group", assertor="court-x"))
        s.put_claim(
            Claim("other-group", "linked_to", ("blog",), object="example-group", assertor="blogger", negated=True)
        )
        s.put_claim(Claim("example-group", "linked_to", ("ruling",), object="other-group", assertor="court-x"))
    akb._changed()
    facts = [f for f in akb.consensus("Example Group")["facts"] if f["predicate"] in {"related_to", "linked_to"}]
    assert sorted((f["predicate"], f["independent_voices"], len(f["denied_by"])) for f in facts) == [
        ("linked_to", 1, 1),
        ("related_to", 2, 0),
    ]
    denied = [i for i in akb.contested(["negation"])["items"] if i["predicate"] == "linked_to"]
    assert len(denied) == 1 and denied[0]["denied"][0]["assertor"] == "A Blogger"


def test_chain_hops_gain_from_independent_voices(akb: KnowledgeBase) -> None:
    hop = akb.chain("Example Group")["chains"][0]["hops"][0]
    assert hop["object"]["id"] == "northern-bureau"
    assert hop["confidence"] > 95  # ministry 80 and court 95 together
    assert hop["contested"] is True


def test_contested_kinds(akb: KnowledgeBase) -> None:
    doc = akb.contested()
    kinds = {i["kind"] for i in doc["items"]}
    assert {"negation", "value"} <= kinds
    value = next(i for i in doc["items"] if i["kind"] == "value")
    assert value["values"] == ["2014", "2015"] and len(value["sides"]) == 2
    neg = next(i for i in doc["items"] if i["kind"] == "negation")
    assert neg["denied"][0]["assertor"] == "A Blogger" and neg["asserted"]
    only = akb.contested(["value"])
    assert {i["kind"] for i in only["items"]} == {"value"}
    with pytest.raises(InvalidRecord, match="unknown kind"):
        akb.contested(["gossip"])


def _law_dated_twice(akb: KnowledgeBase, *, day_first: bool) -> None:
    """Law X adopted "2016" (a daily) and "2016-11-07" (a ministry), in force "2017-06" and "2018": the first two
    may name one day, the last two cannot. `day_first` stores the day's claim first, so a test sees that the
    order claims were written in decides nothing."""
    s = akb.store
    adopted = [Claim("law-x", "adopted", ("report",), value="2016-11-07", assertor="ministry-of-examples")]
    adopted.append(Claim("law-x", "adopted", ("paper",), value="2016", assertor="daily"))
    with s.transaction():
        s.put_entity(Entity("law-x", "law", "Law X", sources=("report",)))
        for c in adopted if day_first else adopted[::-1]:
            s.put_claim(c)
        s.put_claim(Claim("law-x", "in_force_from", ("report",), value="2017-06", assertor="ministry-of-examples"))
        s.put_claim(Claim("law-x", "in_force_from", ("paper",), value="2018", assertor="daily"))
    akb._changed()


def test_a_date_given_to_the_year_and_to_the_day_is_no_conflict_of_values(akb: KnowledgeBase) -> None:
    _law_dated_twice(akb, day_first=True)
    items = akb.contested(["value"])["items"]
    assert [(i["subject"]["id"], i["predicate"], i["values"]) for i in items] == [
        ("example-group", "founded", ["2014", "2015"]),
        ("law-x", "in_force_from", ["2017-06", "2018"]),
    ]


def test_a_date_given_to_the_year_and_to_the_day_is_one_event(akb: KnowledgeBase) -> None:
    """The timeline of the Cybersecurity Law listed its adoption twice, "2016" (the seed) and "2016-11-07"
    (the Standing Committee), which `contested` reads as one value: one row now, dated by the narrower
    date, with both claims; dates that cannot name the same day stay two events."""
    _law_dated_twice(akb, day_first=False)
    events = akb.timeline("Law X")["events"]
    assert [(e["kind"], e["date"], len(e["claims"])) for e in events] == [
        ("adopted", "2016-11-07", 2),
        ("in force", "2017-06", 1),
        ("in force", "2018", 1),
    ]
    assert events[0]["assertor"] == "Ministry of Examples"


def test_equivalence_denied_is_contested(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("eg-copy", "threat_group", "EG Copy", sources=("note",)))
        s.put_claim(Claim("eg-copy", "same_as", ("note",), object="example-group", confidence=90))
    akb._changed()
    akb.unmerge("eg-copy", "example-group")
    items = [i for i in akb.contested(["equivalence"])["items"]]
    assert len(items) == 1 and items[0]["denied"][0]["assertor"] == "Analyst (local user)"


def test_as_of(akb: KnowledgeBase, tmp_path: Path) -> None:
    path = akb.store.path
    with KnowledgeBase.open(path, as_of="2023-01-01") as old:
        f = _fact(old.consensus("Example Group", "Northern Bureau"), "operated_by")
        assert f["assertors"] == [] and [d["name"] for d in f["denied_by"]] == ["A Blogger"]
        assert old.chain("Example Group")["chains"] == [] or all(
            h["object"]["id"] != "northern-bureau" for ch in old.chain("Example Group")["chains"] for h in ch["hops"]
        )
    with KnowledgeBase.open(path, as_of="2024-12") as later:
        f = _fact(later.consensus("Example Group", "Northern Bureau"), "operated_by")
        assert {a["name"] for a in f["assertors"]} == {"Ministry of Examples"}
    for bad, msg in (("2999-01-01", "in the future"), ("March 2024", "not a date")):
        with pytest.raises(InvalidRecord, match=msg):
            KnowledgeBase.open(path, as_of=bad)


def test_diff(akb: KnowledgeBase) -> None:
    doc = akb.diff("2024-12-31", "2025-02")
    assert {c["date"] for c in doc["claims"]} == {"2025-01-10"}
    assert doc["by_predicate"]["operated_by"] == 1
    with pytest.raises(InvalidRecord, match="after"):
        akb.diff("2025", "2024")


def test_a_year_or_month_given_as_a_date_means_its_end(akb: KnowledgeBase) -> None:
    """`--as-of 2025` is what was published by the end of 2025, and `diff --from 2024 --to 2025` what was
    first published in 2025; both read a bare year as 1 January, which left out the court's ruling of
    10 January 2025 from both."""
    f = _fact(akb.consensus("Example Group", "Northern Bureau", as_of="2025"), "operated_by")
    assert "Court X" in {a["name"] for a in f["assertors"]}
    assert (
        akb.consensus("Example Group", as_of="2025")["facts"]
        == akb.consensus("Example Group", as_of="2025-12-31")["facts"]
    )
    assert "Court X" not in {
        a["name"] for a in _fact(akb.consensus("Example Group", as_of="2024"), "operated_by")["assertors"]
    }
    assert {c["date"] for c in akb.diff("2024", "2025")["claims"]} == {"2025-01-10"}
    assert {c["date"] for c in akb.diff("2024-12", "2025-01")["claims"]} == {"2025-01-10"}


def _example_group(akb: KnowledgeBase, *aliases: Alias) -> None:
    """A group whose names come from the sources given, one of them a list that gives no date."""
    s = akb.store
    with s.transaction():
        s.put_source(Source("undated-list", title="A list of names with no date", url="https://example.org/l"))
        s.put_entity(Entity("example-group", "threat_group", "Example Group", aliases=aliases, sources=("report",)))
    akb._changed()


def test_as_of_an_undated_alias_is_shown_marked_undated(akb: KnowledgeBase) -> None:
    """As of a date, an alias whose source gives no date (a galaxy's "Violet Typhoon", Microsoft's 2023
    name) still finds its entity, marked `undated` (not known to be in use then), as an undated claim is
    not counted as known then; an alias first used after the date does not resolve; the own name is never
    marked."""
    _example_group(akb, Alias("EG-1", "note"), Alias("Violet Example", "undated-list"), Alias("Late Name", "ruling"))
    [m] = akb.resolve("Violet Example", as_of="2020")
    assert m.id == "example-group" and m.undated
    assert not akb.resolve("Violet Example")[0].undated, "undated only matters as of a date"
    assert not akb.resolve("Example Group", as_of="2020")[0].undated
    assert [m.id for m in akb.resolve("Late Name", as_of="2020") if m.matched == "Late Name"] == []


def test_show_and_resolve_mark_a_name_undated_by_one_rule(akb: KnowledgeBase) -> None:
    """`show` marked each alias row undated by its own source and `resolve` each spelling by any of its
    sources, so a name a dated source and an undated list both give ("Leviathan", APT40's) was undated for
    `resolve` and dated on one of `show`'s rows. One rule now (model/names.py `undated_names`): a name, in any
    spelling, is undated only when no source that gives it is dated."""
    _example_group(
        akb,
        Alias("Sea Example", "undated-list"),
        Alias("Sea Example", "blog"),
        Alias("SEA EXAMPLE", "undated-list"),
        Alias("Violet Example", "undated-list"),
    )
    shown = akb.show("Example Group", as_of="2023")
    rows = {(a["name"], a["source"]): a["undated"] for a in shown["aliases"]}
    assert rows[("Sea Example", "undated-list")] is False and rows[("SEA EXAMPLE", "undated-list")] is False, rows
    assert rows[("Violet Example", "undated-list")] is True
    for name in ("Sea Example", "SEA EXAMPLE", "Violet Example"):
        [m] = [m for m in akb.resolve(name, as_of="2023") if m.id == "example-group"]
        assert m.undated is rows[(name, "undated-list")], name


def test_timeline_and_lags(akb: KnowledgeBase) -> None:
    doc = akb.timeline("Example Group")
    kinds = [e["kind"] for e in doc["events"]]
    assert "operation" in kinds and "indictment" in kinds
    assert doc["first_operation"] == "2019-06"
    lag = doc["lags"]["first_indictment"]
    assert lag["date"] == "2025-01-10"
    assert lag["days_after_first_operation"] == (dt.date(2025, 1, 10) - dt.date(2019, 6, 1)).days


def test_a_timeline_lists_each_event_once_with_every_claim_behind_it(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        # the court's case names the group as well as its member; the ministry says it twice
        s.put_claim(Claim("case-x", "concerns", ("ruling",), object="example-group", assertor="court-x"))
        s.put_claim(Claim("case-x", "concerns", ("ruling",), object="example-group", assertor="daily"))
        s.put_claim(
            Claim("example-group", "attributed_to", ("report",), object="china", assertor="ministry-of-examples")
        )
        s.put_claim(
            Claim(
                "example-group", "attributed_to", ("paper", "report"), object="china", assertor="ministry-of-examples"
            )
        )
    akb._changed()
    events = akb.timeline("Example Group")["events"]
    cases = [e for e in events if e["kind"] == "indictment"]
    assert len(cases) == 1 and len(cases[0]["claims"]) == 3
    assert cases[0]["date"] == "2025-01-10" and cases[0]["assertor"] == "Court X"
    said = [e for e in events if e["kind"] == "government attribution" and "China" in e["event"]]
    assert len(said) == 1 and len(said[0]["claims"]) == 2 and said[0]["date"] == "2024-03-25"


def test_a_response_is_dated_by_the_earliest_claim_about_it(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_source(Source("yearbook", title="A yearbook", published="2024", url="https://example.org/y"))
        s.put_entity(Entity("attr-y", "public_attribution", "Attribution Y", sources=("ruling",)))
        # its issuer and what it concerns are known from a ruling of 2025; a reply of April 2024 opposed it,
        # and a yearbook of 2024 names it (no day: it does not move the date before April)
        s.put_claim(Claim("attr-y", "issued_by", ("ruling",), object="ministry-of-examples", assertor="court-x"))
        s.put_claim(Claim("attr-y", "concerns", ("ruling",), object="example-group", assertor="court-x"))
        s.put_claim(Claim("daily", "opposes", ("paper",), object="attr-y", assertor="daily"))
        s.put_claim(Claim("attr-y", "concerns", ("yearbook",), object="example-group", assertor="daily"))
    akb._changed()
    row = next(e for e in akb.timeline("Example Group")["events"] if e["event"] == "Attribution Y")
    assert row["date"] == "2024-04-01"


def test_a_response_dated_to_the_year_and_to_the_month_of_it_takes_the_month(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_source(Source("notice", title="A notice of 2018", published="2018", url="https://example.org/n"))
        s.put_source(Source("notice-12", title="The notice again", published="2018-12", url="https://example.org/m"))
        s.put_entity(Entity("attr-d", "public_attribution", "Attribution D", sources=("notice",)))
        # the year and its December end on the same day: the month says more, and is no later
        s.put_claim(Claim("attr-d", "concerns", ("notice",), object="example-group", assertor="ministry-of-examples"))
        s.put_claim(Claim("attr-d", "issued_by", ("notice-12",), object="ministry-of-examples"))
    akb._changed()
    row = next(e for e in akb.timeline("Example Group")["events"] if e["event"] == "Attribution D")
    assert row["date"] == "2018-12"


def test_the_first_attribution_is_the_one_surely_made_first(akb: KnowledgeBase) -> None:
    """A story dated only by its month ('2024-03') is no earlier attribution than a release of 2024-03-25 of that
    month: the first is the one whose last possible day comes first, and the lag counts from its day."""
    s = akb.store
    with s.transaction():
        s.put_source(Source("story-m", title="A story of March", published="2024-03", url="https://example.org/sm"))
        s.put_entity(Entity("group-m", "threat_group", "Group M", sources=("report",)))
        s.put_entity(Entity("op-m", "operation", "Operation M", sources=("report",)))
        s.put_claim(Claim("group-m", "conducted", ("report",), object="op-m", valid_from="2020-01-01"))
        s.put_claim(Claim("group-m", "attributed_to", ("story-m",), object="china", assertor="ministry-of-examples"))
        s.put_claim(Claim("group-m", "operated_by", ("report",), object="northern-bureau", assertor="court-x"))
    akb._changed()
    lag = akb.timeline("Group M")["lags"]["first_government_attribution"]
    assert lag["date"] == "2024-03-25"
    assert lag["days_after_first_operation"] == (dt.date(2024, 3, 25) - dt.date(2020, 1, 1)).days


def test_an_operation_with_its_dates_is_one_row(akb: KnowledgeBase) -> None:
    rows = [e for e in akb.timeline("Example Group")["events"] if "Operation X" in e["event"]]
    assert [(e["date"], e["kind"], e["event"]) for e in rows] == [("2019-06", "operation", "Operation X (2019-06–…)")]


def test_a_group_active_since_a_year_has_operated_since_then(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("group-w", "threat_group", "Group W", sources=("report",)))
        s.put_entity(Entity("op-w", "operation", "Operation W", sources=("report",)))
        s.put_claim(Claim("group-w", "active", ("report",), value="since at least 2012"))
        s.put_claim(Claim("group-w", "conducted", ("report",), object="op-w", valid_from="2020-01"))
        s.put_claim(Claim("group-w", "attributed_to", ("report",), object="china", assertor="ministry-of-examples"))
    akb._changed()
    doc = akb.timeline("Group W")
    assert doc["first_operation"] == "2012"
    assert (doc["events"][0]["date"], doc["events"][0]["kind"]) == ("2012", "active")
    lag = doc["lags"]["first_government_attribution"]
    assert lag == {
        "date": "2024-03-25",
        "days_after_first_operation": (dt.date(2024, 3, 25) - dt.date(2012, 1, 1)).days,
        "undated": 0,
    }


def test_a_denied_member_brings_no_response_into_the_timeline(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("group-z", "threat_group", "Group Z", sources=("report",)))
        s.put_claim(Claim("ni-x", "member_of_group", ("ruling",), object="group-z", assertor="court-x", negated=True))
    akb._changed()
    assert akb.timeline("Group Z")["events"] == []
    assert akb.timeline("Group Z")["lags"]["first_indictment"]["date"] is None


def test_a_state_sponsoring_a_group_is_its_government_attribution(akb: KnowledgeBase) -> None:
    s = akb.store
    with s.transaction():
        s.put_entity(Entity("group-y", "threat_group", "Group Y", sources=("report",)))
        s.put_entity(Entity("op-y", "operation", "Operation Y", sources=("report",)))
        s.put_claim(Claim("group-y", "conducted", ("report",), object="op-y", valid_from="2024-01-01"))
        # the government says the state sponsors the group: the claim's subject is the state
        s.put_claim(Claim("china", "supports", ("report",), object="group-y", assertor="ministry-of-examples"))
        s.put_claim(Claim("china", "supports", ("blog",), object="group-y", assertor="blogger"))
    akb._changed()
    doc = akb.timeline("Group Y")
    attributions = [e for e in doc["events"] if e["kind"] == "government attribution"]
    assert [(e["date"], e["event"]) for e in attributions] == [
        ("2024-03-25", "Ministry of Examples: China supports Group Y")
    ]
    assert doc["lags"]["first_government_attribution"] == {
        "date": "2024-03-25",
        "days_after_first_operation": 84,
        "undated": 0,
    }


def test_theses_on_small_and_empty_data(akb: KnowledgeBase, tmp_path: Path) -> None:
    doc = akb.theses("China")
    reach, spec, naming = doc["theses"]
    assert reach["counts"]["provincial"] >= 1 and reach["figure"]["provincial"] > 0
    assert "example-group" in {e["id"] for e in reach["entities"]["provincial"]}
    assert spec["figure"] is None and spec["answer"].startswith("no data")
    assert naming["figure"] is not None
    with KnowledgeBase.open(tmp_path / "empty.db", create=True) as empty:
        empty.load([Path(__file__).parent / "data" / "mini" / "sources.yaml"])
        out = empty.theses("China")
        assert all(t["figure"] is None and t["answer"].startswith("no data") for t in out["theses"])


def test_provincial_naming_counts_the_responses_known_then(akb: KnowledgeBase) -> None:
    """The provincial-naming thesis counted every entity of a response's kind as an official response: a
    proposal extraction made and no one accepted ("a rare bulletin"), and, as of a date, responses no claim
    known then is about (as of 2005 it weighed 50, the 2025 ones among them, and answered 0%). It counts
    those a known claim is about, as a timeline finds them."""
    s = akb.store
    with s.transaction():
        s.put_entity(
            Entity("p-advisory-x", "advisory", "a rare bulletin", sources=("blog",), attrs={"status": "candidate"})
        )
    akb._changed()
    ids = {e["id"] for e in akb.theses("China")["theses"][2]["entities"]}
    assert "case-x" in ids and "p-advisory-x" not in ids
    then = akb.theses("China", as_of="2024-06")["theses"][2]
    assert "case-x" not in {e["id"] for e in then["entities"]}  # the ruling that names it is of 2025
    early = akb.theses("China", as_of="2005")["theses"][2]
    assert early["figure"] is None and early["answer"] == (
        "no data: no official response or attribution published by 2005"
    )


# ------------------------------------------------------------------------------------------ real data


def test_apt31_hubei_consensus(galaxy_kb: KnowledgeBase) -> None:
    doc = galaxy_kb.consensus("APT31", "Hubei State Security Department")
    voices = {(a["name"], a["type"]) for f in doc["facts"] for a in f["assertors"]}
    # the seed's sentence is its author's; the governments speak through their own releases
    assert ("US Department of Justice", "government") in voices
    assert ("US Department of the Treasury", "government") in voices
    assert ("Andreea-Maria Pierșinaru", "academic") in voices


def test_apt10_chain_as_of_2017_shows_less(galaxy_db: Path) -> None:
    with KnowledgeBase.open(galaxy_db) as now, KnowledgeBase.open(galaxy_db, as_of="2017-01-01") as then:
        # every predicate of every step (a step lists all the predicates that tie its two nodes)
        def hops(kb: KnowledgeBase) -> set[tuple[str, str]]:
            chains = kb.chain("APT10")["chains"]
            return {(p["predicate"], h["object"]["id"]) for ch in chains for h in ch["hops"] for p in h["predicates"]}

        hops_now, hops_then = hops(now), hops(then)
        assert hops_then < hops_now
        assert ("operated_by", "mss") in hops_now and ("operated_by", "mss") not in hops_then


def test_theses_on_the_record(galaxy_kb: KnowledgeBase) -> None:
    doc = galaxy_kb.theses()
    assert [t["figure"] is not None for t in doc["theses"]] == [True, True, True]
    reach = doc["theses"][0]
    assert {"APT10", "APT31", "APT40"} <= {e["name"] for e in reach["entities"]["provincial"]}


@pytest.mark.parametrize(
    "args",
    [
        ["consensus", "APT31", "--with", "Hubei State Security Department"],
        ["contested"],
        ["timeline", "APT10"],
        ["diff", "--from", "2018", "--to", "2024"],
        ["theses"],
        ["--as-of", "2017-01-01", "chain", "APT10"],
        ["--as-of", "2019", "province", "Tianjin"],
        ["--as-of", "2019", "resolve", "APT31"],
    ],
)
def test_cli_json(cli: Any, galaxy_db: Path, args: list[str]) -> None:
    r = cli(*args, "--json", db=galaxy_db)
    assert r.code == 0, r.stderr
    r.json()


def test_cli_bad_as_of(cli: Any, galaxy_db: Path) -> None:
    for bad in ("2999-01-01", "soon"):
        r = cli("--as-of", bad, "chain", "APT10", db=galaxy_db)
        assert r.code == 1 and r.stderr.count("\n") == 1 and "--as-of" in r.stderr


def test_coverage(galaxy_kb: KnowledgeBase, cli: Any, galaxy_db: Path) -> None:
    doc = galaxy_kb.coverage()
    levels = {r["name"]: r["level"] for r in doc["groups"]}
    assert levels["APT10"] in {"provincial bureau", "front company", "person"}
    assert levels["APT40"] in {"provincial bureau", "front company", "person"}
    assert sum(doc["by_level"].values()) == len(doc["groups"]) > 100
    rows = {r["name"]: r for r in doc["groups"]}
    assert levels["APT1"] == "person" and "Wang Dong" in rows["APT1"]["people"]
    assert all(r["people"] == [] for r in doc["groups"] if r["level"] != "person")
    r = cli("stats", "--coverage", "--json", db=galaxy_db)
    assert r.code == 0 and r.json()["groups"]
