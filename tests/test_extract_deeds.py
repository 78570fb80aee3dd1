"""The wording of targeting (extract/language.py cues, extract/victims.py constructions): each construction
read on a made-up sentence, beside a near-miss sentence that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions
from test_extract_targets import _targeted


def test_an_infinitive_of_breaking_in_takes_its_object(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT41 had tried to hack into the Lisbon Port Authority and a shipping registry.")
    assert ("APT41", "Lisbon Port Authority") in said or ("APT41", "the Lisbon Port Authority") in said
    said = _targeted(galaxy_kb, "The hackers used stolen passwords to break into the Lisbon Port Authority.")
    assert any(o.endswith("Lisbon Port Authority") for _, o in said)
    # "into" after another verb is no break-in: looking into accounts, or breaking into a market
    assert not _targeted(galaxy_kb, "APT41 went back to look into the Lisbon Port Authority's accounts.")
    assert not _targeted(galaxy_kb, "Huawei hoped to break into the Lisbon market.")


def test_whom_a_sentence_charges_with_a_deed_did_it(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb, "Prosecutors charged Zhang Shilong with remotely intruding into the servers of a Lisbon hospital."
    )
    assert ("Zhang Shilong", "a Lisbon hospital") in said
    said = _targeted(
        galaxy_kb,
        "The Treasury sanctioned APT41 for its role in the 2019 compromise of tens of thousands of routers worldwide.",
    )
    assert ("APT41", "tens of thousands of routers worldwide") in said
    # a charge that names no deed on a victim ("with belonging to"), and "of" after no deed noun, target nothing
    assert not _targeted(galaxy_kb, "Prosecutors charged Zhang Shilong with belonging to APT10.")
    assert not _targeted(
        galaxy_kb, "The Treasury sanctioned APT41 for its role in the 2019 theft of ten thousand routers worldwide."
    )


def test_a_deed_that_reached_its_victims_targeted_them(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "The intrusion affected three regional hospitals, the ministry said.")
    assert ("The intrusion", "three regional hospitals") in said
    said = _targeted(
        galaxy_kb, "Officials described a long spying campaign that reportedly hit dozens of shipping firms."
    )
    assert any(s.endswith("spying campaign") and o.endswith("shipping firms") for s, o in said)
    said = _targeted(galaxy_kb, "APT41's recent hacks into port systems in Lisbon have impacted two insurers.")
    assert ("APT41", "two insurers") in said
    # what affects is no deed: a sanction, a flaw, an outage
    assert not _targeted(galaxy_kb, "The sanctions affected three regional hospitals, the ministry said.")
    assert not _targeted(galaxy_kb, "The outage hit dozens of shipping firms.")


def test_victims_counted_among_those_a_doer_hit(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        'The mail servers of the Lisbon Port Authority and a shipping registry, "https://example.org/," were among '
        "the firms that APT41 breached.",
    )
    assert any(s == "APT41" and o.endswith("Lisbon Port Authority") for s, o in said)
    assert ("APT41", "shipping registry") in said or ("APT41", "a shipping registry") in said
    assert not any(o.startswith(("https", "example")) for _, o in said)  # the site's address is no victim
    said = _targeted(
        galaxy_kb, "Among those who were attacked by three of the hacking groups were at least six regional insurers."
    )
    assert any(s.endswith("hacking groups") and o.endswith("six regional insurers") for s, o in said)
    # counted among what a doer admires, or among firms that a reporter named: no deed
    assert not _targeted(galaxy_kb, "Three port operators were among the firms that APT41 said it admired.")


def test_a_deed_named_before_its_targets_name_targeted_it(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "Analysts recorded a sharp rise in Chinese cyberattacks on Moldova last winter.")
    assert ("Chinese cyberattacks", "Moldova") in said
    said = _targeted(galaxy_kb, "Officials described a cyberattack against Moldova's banks last winter.")
    assert ("a cyberattack", "Moldova's banks") in said  # what the state owns, not the state
    # a product after "on" names the deed, a day is no victim, and a doer's clause after the victim is the
    # victim rules' reading (the doer targeted it)
    assert not _targeted(galaxy_kb, "Analysts recorded a sharp rise in Chinese cyberattacks on Microsoft Exchange.")
    assert not _targeted(galaxy_kb, "Analysts recorded a sharp rise in Chinese cyberattacks on Tuesday.")
    assert not _targeted(galaxy_kb, "Officials described a cyberattack against Moldova's banks, carried out by night.")


def test_an_attempt_at_a_deed_is_a_deed_and_its_agent_after_by_does_it(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "Investigators described an attempt to hack the servers of the Lisbon Port Authority.")
    assert any(s == "an attempt" and o.endswith("Lisbon Port Authority") for s, o in said)
    said = _targeted(
        galaxy_kb, "The report describes a deliberate attempt by Russia to compromise Portugal's port systems."
    )
    assert any("Russia" in s and o == "Portugal's port systems" for s, o in said)  # the agent, not the attempt
    assert not any(s.endswith("attempt") for s, _ in said)
    # an attempt at no deed describes none, and its agent does nothing to the name after it
    assert not _targeted(galaxy_kb, "The ministry made an attempt to contact the Lisbon Port Authority.")
    text = "Analysts saw the leak as an attempt by Russia to discredit the Lisbon Port Authority."
    claims = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()["claims"]
    assert not claims
