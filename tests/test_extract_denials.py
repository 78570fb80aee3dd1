"""Extraction of denials, rebuttals and counter-accusations: what is denied, negated, and who denies it.

Every sentence here is made up; each rule has a sentence it must read and a near miss it must not."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _claims(kb: KnowledgeBase, text: str) -> list[dict[str, Any]]:
    return extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    return {
        (c["subject"]["name"], c["predicate"], c["object"]["name"], c["negated"])
        for c in _claims(kb, text)
        if c["object"]
    }


def test_accused_of_a_deed_attributes_the_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Ruritanian ministers accused China of engaging in cyber-attacks against their ports.")
    assert ("cyber-attacks", "attributed_to", "China", False) in said
    # accused of something that is no deed, or of a practice with no verb making it a deed: nothing attributed
    said = _said(galaxy_kb, "Ruritanian ministers accused China of unfair trade practices at their ports.")
    assert not any(p == "attributed_to" for _, p, _, _ in said)
    said = _said(galaxy_kb, "Ruritanian ministers have long accused China of cyber espionage.")
    assert not any(p == "attributed_to" for _, p, _, _ in said)
    # a hyphenated deed no one is said to have done describes nothing
    said = _said(galaxy_kb, "The cyber-attack that struck Ruritanian ports used a new flaw.")
    assert not any(s == "The cyber-attack" for s, _, _, _ in said)


def test_an_accusation_called_groundless_is_denied(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb,
        '"Some officials groundlessly accused China of launching cyberattacks on the harbour," the embassy said.',
    )
    assert ("cyberattacks", "attributed_to", "China", True) in said
    said = _said(galaxy_kb, '"Officials accused China of launching cyberattacks on the harbour," the minister said.')
    assert ("cyberattacks", "attributed_to", "China", False) in said


def _denied_by(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str | None]]:
    return {(c["subject"]["name"], c["object"]["name"], c["assertor"]) for c in _claims(kb, text) if c["negated"]}


def test_the_denier_is_the_assertor_not_the_accuser_it_names(galaxy_kb: KnowledgeBase) -> None:
    charge = "Prosecutors charged two hackers with breaching a port operator. "
    said = _denied_by(
        galaxy_kb,
        charge + "A foreign ministry spokesperson said on Monday that the United States was spreading disinformation.",
    )
    assert said == {("two hackers", "China", "foreign ministry spokesperson")}
    # a title alone stands for the spokesperson named before it
    said = _denied_by(
        galaxy_kb,
        charge + "Spokesperson Zhao Lin said China opposes all hacking. The spokesman added that the accusations "
        "were groundless.",
    )
    assert said == {("two hackers", "China", "Zhao Lin")}
    # the speaker after the quote denies, not the officials the quote speaks of
    said = _denied_by(
        galaxy_kb, charge + '"Some officials groundlessly accused China of launching cyberattacks," the embassy said.'
    )
    assert said == {("cyberattacks", "China", "embassy")}
    # the subject of the denying verb, whoever it is
    said = _denied_by(galaxy_kb, "The Ruritanian cabinet refuses to confirm China behind the pipeline hack.")
    assert said == {("the pipeline hack", "China", "Ruritanian cabinet")}
    # near miss: "disputes" as a noun names no denier
    said = _denied_by(
        galaxy_kb,
        charge + "The embassy said the accusations were groundless, citing the maritime disputes of the region.",
    )
    assert said == {("two hackers", "China", "embassy")}


def test_a_reply_that_opens_denies_the_accusation_told_next(galaxy_kb: KnowledgeBase) -> None:
    reply = "China's foreign ministry said the United States is spreading false information. "
    said = _denied_by(
        galaxy_kb,
        reply + "The spokesperson was commenting on reports that a hacking group had breached a Ruritanian port.",
    )
    assert said == {("a hacking group", "China", "China's foreign ministry")}
    # near miss: an accusation two sentences on is no longer the one answered
    said = _denied_by(
        galaxy_kb, reply + "The minister spoke in Geneva. A hacking group had breached a Ruritanian port."
    )
    assert said == set()


def test_a_capitalised_title_names_the_denier(galaxy_kb: KnowledgeBase) -> None:
    said = _denied_by(
        galaxy_kb,
        "Prosecutors charged two hackers with breaching a port operator. Chinese Foreign Ministry Spokesperson "
        "Zhao Lin called the accusations groundless.",
    )
    assert said == {("two hackers", "China", "Zhao Lin")}


def test_a_rebuttal_that_names_the_deed_denies_the_deed(galaxy_kb: KnowledgeBase) -> None:
    charge = "Prosecutors charged two officers with breaching a port operator. "
    said = _denied_by(
        galaxy_kb, charge + 'The embassy spokesperson, Zhao Lin, called the espionage accusations "fabricated."'
    )
    assert said == {("the espionage", "China", "Zhao Lin")}
    said = _denied_by(
        galaxy_kb,
        charge + 'The Chinese embassy dismissed concerns about the firm\'s research as "malicious speculation."',
    )
    assert said == {("the firm's research", "China", "Chinese embassy")}
    # near miss: accusations that name no deed take back the accused before
    said = _denied_by(galaxy_kb, charge + 'The Chinese embassy called the accusations "fabricated."')
    assert said == {("two officers", "China", "Chinese embassy")}


def test_a_rebuttal_of_involvement_or_of_accusations_on_a_deed_denies_the_deed(galaxy_kb: KnowledgeBase) -> None:
    charge = "Prosecutors charged two officers with breaching a port operator. "
    said = _denied_by(galaxy_kb, charge + "The embassy denied that Beijing was involved in the harbour breach.")
    assert ("the harbour breach", "China", "embassy") in {(s, o, a) for s, o, a in said}
    said = _denied_by(galaxy_kb, charge + "The embassy has long denied any involvement in the harbour intrusion.")
    assert {s for s, _, _ in said} == {"the harbour intrusion"}
    said = _denied_by(
        galaxy_kb, charge + "The embassy rejected the groundless accusations against China on cyberattacks."
    )
    assert {s for s, _, _ in said} == {"cyberattacks"}
    # near misses: an involvement in no deed, and accusations that name none, take back the accused before
    said = _denied_by(galaxy_kb, charge + "The embassy denied that it was involved in talks with the officers.")
    assert {s for s, _, _ in said} == {"two officers"}
    said = _denied_by(galaxy_kb, charge + "The embassy rejected the accusations against China and called for calm.")
    assert {s for s, _, _ in said} == {"two officers"}


def test_a_denial_of_being_behind_or_to_blame_for_a_deed_denies_the_deed(galaxy_kb: KnowledgeBase) -> None:
    charge = "Prosecutors charged two officers with breaching a port operator. "
    said = _denied_by(
        galaxy_kb, charge + "The ambassador has flatly denied China was to blame for cyber attacks on the harbour."
    )
    assert {s for s, _, _ in said} == {"cyber attacks on the harbour"}
    said = _denied_by(
        galaxy_kb, charge + "The embassy denied responsibility for the intrusion into the port's ledgers."
    )
    assert {s for s, _, _ in said} == {"the intrusion into the port's ledgers"}
    said = _denied_by(
        galaxy_kb,
        charge + "The Chinese embassy denied allegations related to cyber attacks on a shipping agency in Ruritania.",
    )
    assert {s for s, _, _ in said} == {"cyber attacks on a shipping agency in Ruritania"}
    # near miss: to blame for no deed takes back the accused before
    said = _denied_by(galaxy_kb, charge + "The embassy denied China was to blame for the delays at the harbour.")
    assert {s for s, _, _ in said} == {"two officers"}


def test_a_denial_takes_back_the_tie_the_accusation_made(galaxy_kb: KnowledgeBase) -> None:
    # the accused whose words tie them to China is denied; one charged with a deed alone had no tie to take back
    text = (
        "Prosecutors said eight Chinese nationals hacked Belgian banks. The indictment also charged Wei Lang with "
        "fraud. The Chinese foreign ministry denied the allegations."
    )
    denied = {c["subject"]["text"] for c in _claims(galaxy_kb, text) if c["negated"]}
    assert denied == {"eight Chinese nationals"}
    # near miss: no accused is tied, so the denial still takes back each one it may mean
    untied = text.replace("eight Chinese nationals", "eight hackers")
    assert {c["subject"]["text"] for c in _claims(galaxy_kb, untied) if c["negated"]} == {"eight hackers", "Wei Lang"}


def test_a_denied_and_an_affirmed_reading_of_one_statement_are_both_kept(galaxy_kb: KnowledgeBase) -> None:
    """ "X said A hacked B, and Y denied that A hacked B": one sentence holds the accusation and its denial, two
    statements of the same triple with different assertors. Keying a sentence's statements without their
    negation kept whichever came first, so the denial was lost."""
    said = _said(galaxy_kb, "Ruritania said APT41 hacked India, and Beijing denied that APT41 hacked India.")
    assert {("APT41", "targeted", "India", False), ("APT41", "targeted", "India", True)} <= said
    # near miss: the same statement read twice, both affirmed, is stated once
    claims = _claims(galaxy_kb, "Ruritania said APT41 hacked India, and Beijing said that APT41 hacked India.")
    assert [c["negated"] for c in claims if c["object"] and c["object"]["name"] == "India"] == [False]


def test_no_doubt_and_not_only_affirm(galaxy_kb: KnowledgeBase) -> None:
    """ "without doubt", "no doubt", "not only ... but also" make a statement stronger, not a denial."""
    said = _said(galaxy_kb, "Investigators said APT41 was without doubt working for the Ministry of State Security.")
    assert ("APT41", "operated_by", "Ministry of State Security", False) in said
    claims = _claims(galaxy_kb, "APT41 not only targeted India but also Japan.")
    assert any(c["predicate"] == "targeted" for c in claims) and not any(c["negated"] for c in claims)
    # near miss: a plain negation still denies
    said = _said(galaxy_kb, "Investigators said APT41 was not working for the Ministry of State Security.")
    assert ("APT41", "operated_by", "Ministry of State Security", True) in said


def test_a_denial_takes_back_the_deed_told_beside_its_doer(galaxy_kb: KnowledgeBase) -> None:
    told = "The intrusions by a group called APT41 began in March, a monitoring firm said. "
    said = _said(galaxy_kb, told + "The Chinese embassy rejected the claims as groundless.")
    assert {("APT41", "attributed_to", "China", True), ("The intrusions", "attributed_to", "China", True)} <= said
    # a stance against a class of deeds takes back the doer's tie as before, never the deed told before
    stance = "The Chinese embassy said China opposes and cracks down on all forms of cyberattacks."
    said = _said(galaxy_kb, told + stance)
    assert ("APT41", "attributed_to", "China", True) in said
    assert ("The intrusions", "attributed_to", "China", True) not in said
