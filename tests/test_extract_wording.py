"""Who stands behind what, worded as an accusation, a tie or a role: each construction read from a made-up
sentence, with a near miss that must not give it (extract/frames.py; docs/extraction.md, "Statements")."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _claims(kb: KnowledgeBase, text: str) -> list[dict[str, Any]]:
    return extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in _claims(kb, text) if c["object"]}


def test_accused_of_a_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "accused Y of (engaging in) X": the deed X is attributed to Y, adjectives after its article and a bare
    plural deed ("cyberattacks") included; "accused Y of enabling a campaign" names no deed Y did."""
    said = _said(galaxy_kb, "Lawmakers in Oslo accused Beijing of a broad espionage campaign against fishing firms.")
    assert any(s.endswith("espionage campaign") and p == "attributed_to" for s, p, _ in said)
    said = _said(galaxy_kb, "Two senators accused China of engaging in cyberattacks against Chile, and left.")
    assert ("cyberattacks", "attributed_to", "China") in said
    said = _said(galaxy_kb, "A report accused Beijing of enabling a quiet hacking campaign in Peru.")
    assert not any(p == "attributed_to" and o == "Beijing" for _, p, o in said)
    said = _said(galaxy_kb, "Several allies have voiced concern, accusing China of cyber espionage and surveillance.")
    assert not any(p == "attributed_to" for _, p, _ in said)  # a kind of conduct, no deed done


def test_blaming_a_state_for_bare_deeds(galaxy_kb: KnowledgeBase) -> None:
    """ "blaming Y for hacks": the bare deed is kept, named by its attribution; a bare deed with no
    attribution beside it is no end."""
    said = _said(galaxy_kb, "Chile joins the allies blaming China for hacks")
    assert ("hacks", "attributed_to", "China") in said
    said = _said(galaxy_kb, "Chile joins the allies in talks with China on hacks")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_a_groundless_accusation_is_denied(galaxy_kb: KnowledgeBase) -> None:
    """ "groundlessly accused China of X": the adverb rebuts as its adjective does, so the reading is negated;
    the plain accusation is not."""
    claims = _claims(galaxy_kb, "Some officials groundlessly accused China of engaging in cyberattacks on Chile.")
    assert [c["negated"] for c in claims if c["predicate"] == "attributed_to"] == [True]
    claims = _claims(galaxy_kb, "Some officials accused China of engaging in cyberattacks on Chile.")
    assert [c["negated"] for c in claims if c["predicate"] == "attributed_to"] == [False]


def test_a_company_and_its_employees_named(galaxy_kb: KnowledgeBase) -> None:
    """ "X (abbr), and two of its employees, A and B": "its" points back to X, which employs each person
    named; "two of its rivals" is no employment."""
    said = _said(
        galaxy_kb,
        "Officials sanctioned Shenzhen Qilin Data Technology Company, Limited (Qilin), and two of its employees, "
        "Wang Lei and Zhou Bin, for the breach.",
    )
    assert ("Wang Lei", "employed_by", "Shenzhen Qilin Data Technology Company, Limited") in said
    assert ("Zhou Bin", "employed_by", "Shenzhen Qilin Data Technology Company, Limited") in said
    said = _said(
        galaxy_kb,
        "Officials sanctioned Shenzhen Qilin Data Technology Company, Limited (Qilin), and two of its rivals, "
        "Wang Lei and Zhou Bin, for the breach.",
    )
    assert not any(p == "employed_by" for _, p, _ in said)


def test_attributed_with_what_the_deed_hit_and_how_sure_before_to(galaxy_kb: KnowledgeBase) -> None:
    """ "attributes this campaign with high confidence to X", "attributed a breach of A, or B, earlier this
    year to Chinese hackers": what the deed hit, an aside, a time and a confidence stand between the deed and
    "to"; a deed given to a thing ("to a software flaw") is no attribution, nor is a deed not attributed."""
    said = _said(galaxy_kb, "The agency attributes this campaign with high confidence to APT41, a group it tracks.")
    assert ("this campaign", "attributed_to", "APT41") in said
    said = _said(
        galaxy_kb,
        "The cabinet formally attributed a breach of mail servers used by the senate, or the Riksdag, earlier "
        "this year to Chinese hackers.",
    )
    assert ("a breach", "attributed_to", "Chinese hackers") in said
    said = _said(
        galaxy_kb,
        "The cabinet formally attributed a breach of mail servers used by the senate earlier this year to a "
        "software flaw.",
    )
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "The cabinet sent this campaign report with high confidence to APT41 researchers.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_actors_tied_to_a_state_are_linked_not_attributed(galaxy_kb: KnowledgeBase) -> None:
    """ "hacking groups linked to the Chinese government", "Chinese government-linked hackers": a tie
    (`linked_to` the government, named as the text names it), as "China-linked hackers" is; "backed by the
    Chinese government" stays the state's (`attributed_to`), and "Chinese government hackers" names the state
    "Chinese government", in the words the text gives it."""
    said = _said(galaxy_kb, "Officials in Lima said hacking groups linked to the Chinese government broke into a port.")
    assert ("hacking groups", "linked_to", "the Chinese government") in said
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "Chinese government-linked hackers broke into a port in Lima.")
    assert ("Chinese government-linked hackers", "linked_to", "Chinese government") in said
    said = _said(galaxy_kb, "Officials in Lima said hacking groups backed by the Chinese government broke into a port.")
    assert ("hacking groups", "attributed_to", "the Chinese government") in said
    assert not any(p == "linked_to" for _, p, _ in said)
    said = _said(galaxy_kb, "Chinese government hackers broke into a port in Lima.")  # the state as the phrase says it
    assert ("Chinese government hackers", "attributed_to", "Chinese government") in said


def test_sanctions_as_a_noun_sanction_no_one(galaxy_kb: KnowledgeBase) -> None:
    # "sanctions" joined by "and" to another noun is no verb: Belgium sanctions neither "individuals" nor anyone
    rejected = _claims(
        galaxy_kb,
        "Belgium rejects unilateral sanctions and long-arm jurisdiction against Belgian entities and individuals.",
    )
    assert not any(c["predicate"] == "sanctioned" for c in rejected), rejected
    # near miss: the noun with "on" names whom the sanctions fall on
    assert ("British officials", "sanctioned", "two Chinese nationals") in _said(
        galaxy_kb, "British officials imposed sanctions on two Chinese nationals."
    )
