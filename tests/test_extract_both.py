"""Statements whose two ends are both named in their sentence, read through a wording, a construction or a
distance the relation step did not read before: each construction from a made-up sentence, beside a near
miss that must not give it (extract/relations.py, extract/language.py; docs/extraction.md, "Statements")."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in claims if c["object"]}


def test_named_as_being_tied_and_a_time_adverb_before_the_tie(galaxy_kb: KnowledgeBase) -> None:
    """ "named A and B - in an aside - as being connected to X and Y" ties each of them to each; "had earlier
    been linked to X" is a tie however the time is said; a name that only stands beside another in a list
    ("A, as well as a firm associated with X") is not tied, nor who names the tie ("Mandiant has identified
    as being linked")."""
    said = _said(
        galaxy_kb,
        "The analysts named two contractors - Li Wenhao and Zhou Minjie - as being connected to APT41 and the MSS.",
    )
    for person in ("Li Wenhao", "Zhou Minjie"):
        for body in ("APT41", "MSS"):
            assert (person, "linked_to", body) in said
    said = _said(galaxy_kb, "Li Wenhao had earlier been tied to APT41 by two research teams.")
    assert ("Li Wenhao", "linked_to", "APT41") in said
    said = _said(galaxy_kb, "The report named Li Wenhao, as well as a firm associated with APT41.")
    assert not any(s == "Li Wenhao" and p == "linked_to" for s, p, _ in said)
    said = _said(galaxy_kb, "Mandiant has identified several contractors as being linked to APT41.")
    assert not any(s == "Mandiant" for s, _, _ in said)


def test_a_progressive_verb_takes_the_subject_of_its_clause(galaxy_kb: KnowledgeBase) -> None:
    """ "the UK is sanctioning X": a verb in -ing after "is / are / was / were" is the clause's finite verb,
    and its subject the name before it, a state too; a participle ("a hacker targeting universities") still
    takes the doer it qualifies, never the state that heads the sentence. A described object ends before
    "pursuant to"."""
    said = _said(galaxy_kb, "The UK is sanctioning two brokers for their role in the scheme.")
    assert ("UK", "sanctioned", "two brokers") in said
    said = _said(galaxy_kb, "The UK is designating two brokers pursuant to its cyber sanctions regime.")
    assert ("UK", "sanctioned", "two brokers") in said
    said = _said(galaxy_kb, "Canada is increasingly using its cyber capabilities against APT41.")
    assert ("Canada", "targeted", "APT41") in said
    said = _said(galaxy_kb, "The UK named Zhou Minjie, a hacker targeting universities.")
    assert not any(s == "UK" and p == "targeted" for s, p, _ in said)


def test_a_doer_turns_its_deeds_or_means_against_a_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "using its cyber capabilities against X", "aims its attacks at X": the doer targeted X; aiming what is
    no deed nor means of one ("its recruitment") targets no one, and praising others for their efforts against
    X is no deed against X."""
    said = _said(galaxy_kb, "Analysts warned that APT41 aims its attacks at regional banks.")
    assert ("APT41", "targeted", "regional banks") in said
    said = _said(galaxy_kb, "APT41 aims its recruitment at students of two universities.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "The ministry praised its allies for their efforts against APT41.")
    assert not any(p == "targeted" for _, p, _ in said)


def test_an_actors_involvement_in_a_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "claims of X's involvement in hacking Y", "any involvement by X in the breach of Y": the deed is
    attributed to X, negated as its sentence is; a pronoun's involvement ("its involvement") names no doer."""
    text = "The ministry rejected claims of Vietnam's involvement in hacking the port authority's servers."
    claims = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()["claims"]
    read = [c for c in claims if c["predicate"] == "attributed_to" and c["object"]["text"] == "Vietnam"]
    assert [c["subject"]["text"] for c in read] == ["hacking the port authority's servers"]
    assert read[0]["negated"]
    said = _said(galaxy_kb, "Officials confirmed the involvement by APT41 in the recent breach of two regional banks.")
    assert ("the recent breach of two regional banks", "attributed_to", "APT41") in said
    said = _said(galaxy_kb, "The firm was sanctioned for its involvement in hacking the port authority.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_a_deed_that_came_from_its_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "the intrusion into X came from Y": the deed is attributed to Y; a bare deed ("the campaign came from Y")
    is the one its sentence described before; a question ("whether the breach came from Y") and what is no
    deed ("the data came from Y") make no attribution."""
    said = _said(galaxy_kb, "Investigators said the intrusion into the port's network came from APT41.")
    assert ("the intrusion into the port's network", "attributed_to", "APT41") in said
    said = _said(
        galaxy_kb,
        "Two reports on the sustained phishing campaign against the ministry say the campaign came from APT41.",
    )
    assert ("the sustained phishing campaign", "attributed_to", "APT41") in said
    said = _said(galaxy_kb, "Officials declined to say whether the breach came from APT41.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "Analysts found that the stolen data came from APT41 servers.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_the_body_of_an_indictment_charges_its_defendant(galaxy_kb: KnowledgeBase) -> None:
    """ "unsealed an indictment on X" and "X was charged with ..., according to a <body> indictment": the body
    charged X; a charge told according to a report (no indictment) names no one who brought it."""
    said = _said(galaxy_kb, "The Justice Department unsealed an indictment on Zhou Minjie for the intrusions.")
    assert ("Justice Department", "indicted", "Zhou Minjie") in said
    said = _said(
        galaxy_kb,
        "Zhou Minjie was charged with wire fraud, according to a Justice Department indictment unsealed on Monday.",
    )
    assert ("Justice Department", "indicted", "Zhou Minjie") in said
    said = _said(galaxy_kb, "Zhou Minjie was charged with wire fraud, according to a Mandiant report.")
    assert not any(p == "indicted" and s != "Zhou Minjie" for s, p, _ in said)


def test_a_title_case_headline_read_as_plain_text(galaxy_kb: KnowledgeBase) -> None:
    """A headline in title case names its described actors and victims as a sentence would ("China-Backed
    Hackers", "4 Provincial Agencies"), in its own words; a capitalised word that describes nothing done
    ("Hackers Conference") gives no statement."""
    said = _said(galaxy_kb, "China-Backed Hackers Breach Regional Port Operator")
    assert ("China-Backed Hackers", "attributed_to", "China") in said
    said = _said(galaxy_kb, "Canada Accuses Vietnam of Hacking 4 Provincial Agencies")
    assert ("Vietnam", "targeted", "4 Provincial Agencies") in said
    assert not _said(galaxy_kb, "Hackers Conference Opens in Vietnam")


def test_contracts_tie_a_firm_and_a_body_that_hires_people_employs_them(galaxy_kb: KnowledgeBase) -> None:
    """ "X has contracts with A and B" ties X to each; "the MSS recruited two students, A and B, to ..." employs
    each of them; a person who hires a person, and a firm that contracted with a body, employ no one."""
    said = _said(galaxy_kb, "i-Soon has long had contracts with the MSS and the PLA.")
    assert {("i-Soon", "linked_to", "MSS"), ("i-Soon", "linked_to", "PLA")} <= said
    said = _said(galaxy_kb, "The MSS recruited two students, Li Wenhao and Zhou Minjie, to break into the networks.")
    assert {("Li Wenhao", "employed_by", "MSS"), ("Zhou Minjie", "employed_by", "MSS")} <= said
    said = _said(galaxy_kb, "Li Wenhao hired Zhou Minjie as a translator.")
    assert not any(p == "employed_by" for _, p, _ in said)
    said = _said(galaxy_kb, "The firm contracted with the MSS.")
    assert not any(p == "employed_by" for _, p, _ in said)
