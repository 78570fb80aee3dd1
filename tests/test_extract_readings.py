"""Known misreadings of general constructions, each pinned by a made-up sentence and a near miss that must not
change: who attributes a deed is no doer of it, the accused is, a body named inside a relative clause does not
do the main verb's deed, opposing a measure denies no statement (extract/relations.py, frames.py, victims.py,
denials.py; docs/extraction.md, "Statements")."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["negated"]) for c in claims if c["object"]}


def _asserted(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, str | None]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["assertor"]) for c in claims if c["object"]}


def test_us_is_a_nation_word_before_a_head(galaxy_kb: KnowledgeBase) -> None:
    """ "US hackers": only a possessive comes off a nation word, so the "s" of "US" stays and the phrase keeps
    its nation; a capitalised word ending in "s" that names no nation ("Columbus hackers") still does not."""
    said = _said(galaxy_kb, "US hackers breached the Ministry of Defense.")
    assert ("US hackers", "targeted", "Ministry of Defense", False) in said
    said = _said(galaxy_kb, "Columbus hackers breached the Ministry of Defense.")
    assert ("Columbus hackers", "targeted", "Ministry of Defense", False) not in said


def test_who_says_what_a_deed_did_is_no_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "the campaign, which US authorities said at the time targeted X": the authorities say it, the deed did
    it; the statement stays, said by them. Without the verb of saying the authorities are no speaker."""
    said = _asserted(
        galaxy_kb,
        "Li Wei was charged for his role in the campaign, which US authorities said at the time targeted the "
        "Ministry of Defense.",
    )
    assert any(p == "targeted" and o == "Ministry of Defense" and a == "US authorities" for _, p, o, a in said)
    assert not any(s == "US authorities" and p == "targeted" for s, p, _, _ in said)
    said = _asserted(galaxy_kb, "Li Wei was charged for his role in the campaign, which US authorities ended.")
    assert not any(p == "targeted" for _, p, _, _ in said)


def test_who_attributes_a_deed_does_not_do_it(galaxy_kb: KnowledgeBase) -> None:
    """ "X attributed the breach of Y to Z": X says so, Z did it to Y; the same with "linked ... to". The doer
    before a deed noun it carried out ("APT41 carried out the breach of Y") still did it."""
    said = _asserted(galaxy_kb, "Peru attributed the breach of its Ministry of Defense to APT41.")
    assert ("Peru", "targeted", "Ministry of Defense", "Peru") not in said
    assert ("APT41", "targeted", "Ministry of Defense", "Peru") in said
    assert ("the breach", "attributed_to", "APT41", "Peru") in said
    said = _asserted(galaxy_kb, "Canada linked the hack of the National Research Council to APT31.")
    assert not any(s == "Canada" for s, _, _, _ in said)
    assert ("APT31", "targeted", "National Research Council", "Canada") in said
    said = _asserted(galaxy_kb, "APT41 carried out the breach of the Ministry of Defense.")
    assert ("APT41", "targeted", "Ministry of Defense", None) in said


def test_blame_pinned_and_traced_deeds(galaxy_kb: KnowledgeBase) -> None:
    """ "blamed X on Y", "pinned X on Y", "traced X (back) to Y", "tracked X back to Y": X attributed_to Y, said
    by the subject; a thing that is no deed ("traced the tools to Y") is attributed to no one."""
    said = _asserted(galaxy_kb, "Mandiant blamed the attacks on APT41.")
    assert ("the attacks", "attributed_to", "APT41", "Mandiant") in said
    said = _asserted(galaxy_kb, "Officials pinned the hack of the Ministry of Defense on APT31.")
    assert ("the hack", "attributed_to", "APT31", "Officials") in said
    assert ("APT31", "targeted", "Ministry of Defense", "Officials") in said
    said = _asserted(galaxy_kb, "Researchers traced the intrusion back to APT41.")
    assert ("the intrusion", "attributed_to", "APT41", "Researchers") in said
    said = _asserted(galaxy_kb, "Analysts tracked the campaign back to APT10.")
    assert ("the campaign", "attributed_to", "APT10", "Analysts") in said
    said = _asserted(galaxy_kb, "Mandiant traced the tools to APT41.")
    assert not any(p == "attributed_to" for _, p, _, _ in said)


def test_the_accused_does_the_deed_not_the_accuser(galaxy_kb: KnowledgeBase) -> None:
    """ "X was accused by Y of hacking Z", "X was charged by Y with hacking Z": X did it, Y accuses; the
    accuser never does the deed it accuses of. Said actively ("Y accused X of hacking Z") X did it as before."""
    for text in (
        "APT31 was accused by the United States of hacking the Ministry of Defense.",
        "APT31 was charged by the United States with hacking the Ministry of Defense.",
        "The United States accused APT31 of hacking the Ministry of Defense.",
    ):
        said = _said(galaxy_kb, text)
        assert ("APT31", "targeted", "Ministry of Defense", False) in said, text
        assert not any(s == "United States" and p == "targeted" for s, p, _, _ in said), text


def test_a_body_in_a_relative_clause_on_the_doer_does_not_do_the_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "Hackers who work for the MSS breached X": the hackers did it, the MSS stands behind them (a statement
    of its own). A threat group the hackers work for does what its people do ("who work for APT41")."""
    said = _said(galaxy_kb, "Hackers who work for the Ministry of State Security breached Microsoft.")
    assert not any(s == "Ministry of State Security" and p == "targeted" for s, p, _, _ in said)
    assert ("Hackers", "targeted", "Microsoft", False) in said
    assert ("Hackers", "operated_by", "Ministry of State Security", False) in said
    said = _said(galaxy_kb, "Hackers who work for APT41 breached Microsoft.")
    assert ("APT41", "targeted", "Microsoft", False) in said


def _claims(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["name"], c["negated"]) for c in claims if c["object"]}


def test_opposing_a_measure_denies_nothing(galaxy_kb: KnowledgeBase) -> None:
    """ "China rejects the sanctions": a measure opposed, no statement denied, and whoever opposes the
    sanctions did not impose them. Rejecting the accusations still denies the tie they made."""
    lead = "The Treasury sanctioned APT31, a group tied to the Ministry of State Security. "
    for reply in ("China rejects the sanctions.", "China strongly opposes these sanctions."):
        said = _claims(galaxy_kb, lead + reply)
        assert not any(neg for _, _, _, neg in said), reply
    for reply in ("China rejects the accusations.", "China rejects the accusations and sanctions."):
        said = _claims(galaxy_kb, lead + reply)
        assert ("APT31", "attributed_to", "China", True) in said, reply
    said = _claims(galaxy_kb, "China rejects the sanctions against APT31.")
    assert not any(s == "China" and p == "sanctioned" for s, p, _, _ in said)
    said = _claims(galaxy_kb, "The Treasury imposed sanctions against APT31.")
    assert any(p == "sanctioned" and o == "APT31" for _, p, o, _ in said)


def test_a_body_before_the_officers_is_not_the_arm_they_come_from(galaxy_kb: KnowledgeBase) -> None:
    """ "the DOJ indictment, X and Y, officers from the local arm of Z": the arm is where the officers work,
    the DOJ is no part of Z. A body put in apposition to the arm ("W, a provincial arm of Z") still is."""
    said = _said(
        galaxy_kb,
        "According to the DOJ indictment, Li Wei and Chen Bo, officers from the Hubei province local arm of the "
        "Ministry of State Security, ran the scheme.",
    )
    assert not any(p == "subordinate_to" for _, p, _, _ in said)
    said = _said(
        galaxy_kb,
        "The Hubei State Security Department, a provincial arm of the Ministry of State Security, ran the scheme.",
    )
    assert any(p == "subordinate_to" and o == "Ministry of State Security" for _, p, o, _ in said)


def test_officers_from_the_arm_of_a_body_do_the_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "X and Y, officers from the local arm of Z, hacked W": the officers did it, Z stands behind them even
    with its arm between; a threat group behind its people ("hackers from a branch of APT41") did it."""
    said = _said(
        galaxy_kb,
        "Li Wei and Chen Bo, officers from the Hubei province local arm of the Ministry of State Security, hacked "
        "Microsoft.",
    )
    assert not any(s == "Ministry of State Security" and p == "targeted" for s, p, _, _ in said)
    assert ("Chen Bo", "targeted", "Microsoft", False) in said
    said = _said(galaxy_kb, "Hackers from the Wuhan regional branch of APT41 stole data from Microsoft.")
    assert ("APT41", "targeted", "Microsoft", False) in said


def test_the_object_of_a_relative_clause_does_not_do_the_main_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "Spies who answered to the MSS breached X", "hackers who praised the MSS breached X": the name is the
    object of the clause on the noun, the noun did the deed. "Researchers found that APT41 breached X" has no
    verb between "that" and the name: APT41 did it."""
    for text in (
        "Spies who answered to the Ministry of State Security breached Microsoft.",
        "Hackers who praised the Ministry of State Security breached Microsoft.",
    ):
        said = _said(galaxy_kb, text)
        assert not any(s == "Ministry of State Security" and p == "targeted" for s, p, _, _ in said), text
        assert any(p == "targeted" and o == "Microsoft" for _, p, o, _ in said), text
    said = _said(galaxy_kb, "Researchers found that APT41 breached Microsoft.")
    assert ("APT41", "targeted", "Microsoft", False) in said


def test_a_state_inside_the_subjects_own_word_is_the_state_itself(galaxy_kb: KnowledgeBase) -> None:
    """ "PRC state-sponsored actors": the state is no end of its own ("PRC state" is cut from "state-sponsored"),
    so the object is the state, whether the sentence opens the text or follows another. A possessor named in the
    subject's phrase ("Beijing's cyber activities") keeps its words."""
    for text in (
        "PRC state-sponsored actors hacked the ministry.",
        "Officials spoke on Monday.\n\nPRC state-sponsored actors hacked the ministry.",
    ):
        claims = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()["claims"]
        tied = [c["object"]["text"] for c in claims if c["predicate"] == "attributed_to"]
        assert tied == ["China"], text
    text = "Officials said Beijing's cyber activities harmed the ministry."
    claims = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()["claims"]
    assert [c["object"]["text"] for c in claims if c["predicate"] == "attributed_to"] == ["Beijing"]
