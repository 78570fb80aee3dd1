"""Victims of `targeted` named outside a targeting verb's object (extract/victims.py): each construction of
English read on a made-up sentence, and what it must not read."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _targeted(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["name"], c["object"]["name"])
        for c in claims
        if c["predicate"] == "targeted" and c["object"] and not c["negated"]
    }


def test_the_targets_of_a_doer_included(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "The main targets of APT41 included hospitals, game studios and two port operators.")
    assert {("APT41", "hospitals"), ("APT41", "game studios"), ("APT41", "two port operators")} <= said
    said = _targeted(galaxy_kb, "The victims of the Beijing-backed hacking campaign were regional newspapers.")
    assert ("the Beijing-backed hacking campaign", "regional newspapers") in said


def test_a_victim_among_the_targets_of_a_doer(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "The report named Fiji, a Pacific island state, as one of the targets of Volt Typhoon.")
    assert ("Volt Typhoon", "Fiji") in said
    assert not any(o in {"Pacific", "island"} for _, o in said)
    said = _targeted(galaxy_kb, "Officials believe that port authorities are the main victims of APT40.")
    assert ("APT40", "port authorities") in said


def test_deeds_on_a_victim_by_their_doer(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "The minister condemned the repeated intrusions into hospital networks by APT41.")
    assert ("APT41", "hospital networks") in said
    said = _targeted(galaxy_kb, "The agency warned of the sustained targeting of shipping firms and insurers by APT31.")
    assert {("APT31", "shipping firms"), ("APT31", "insurers")} <= said
    # a clause between the deed and "by" is no victim's noun phrase: the ministry targeted nothing
    said = _targeted(galaxy_kb, "The attacks on the ports were condemned by the Ministry of Foreign Affairs.")
    assert not any(s == "Ministry of Foreign Affairs" for s, _ in said)


def test_a_victim_under_attack_by_a_doer(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb, "Officials said the regional electricity grid was under sustained attack by Volt Typhoon."
    )
    assert ("Volt Typhoon", "the regional electricity grid") in said or (
        "Volt Typhoon",
        "regional electricity grid",
    ) in said


def test_a_deed_by_a_doer_aimed_at_its_victims(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        "Investigators described a campaign by APT31, based in Wuhan, aimed at trade unions and newspapers in Norway.",
    )
    assert {("APT31", "trade unions"), ("APT31", "newspapers")} <= said
    assert ("APT31", "Norway") not in said  # the place where the victims are is not read as a victim


def test_a_fronted_participle_takes_the_main_subject(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb, "Primarily targeting shipping companies and ports, APT40 also breached two universities."
    )
    assert {("APT40", "shipping companies"), ("APT40", "ports")} <= said


def test_at_least_counts_the_victims_it_opens(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT40 has quietly stolen gigabytes of files from at least 30 shipping firms.")
    assert ("APT40", "at least 30 shipping firms") in said
    # places counted name no place: how many countries, not which
    said = _targeted(galaxy_kb, "APT41 breached game studios in at least 14 different countries.")
    assert ("APT41", "game studios") in said
    assert not any("countries" in o for _, o in said)


def test_gaining_and_keeping_access(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "Analysts say APT31 works to gain and maintain access to defence contractors.")
    assert ("APT31", "defence contractors") in said


def test_access_obtained_or_held_with_words_saying_what_access(galaxy_kb: KnowledgeBase) -> None:
    """ "had access to X", "obtained remote, administrator access to X", "still maintains access to X", "secured
    deep access into X": a verb of getting or holding access, a few lower-case words between, read as "gained
    access to" is; "had no access to" and a capitalised word between ("had Microsoft access to") are not."""
    said = _targeted(galaxy_kb, "Investigators said APT31 had confirmed access to several regional port operators.")
    assert ("APT31", "several regional port operators") in said
    said = _targeted(galaxy_kb, "Officials said APT40 obtained remote, administrator access to the shipping registry.")
    assert ("APT40", "the shipping registry") in said or ("APT40", "shipping registry") in said
    said = _targeted(galaxy_kb, "The agency warned that APT41 still maintains access to many water utilities.")
    assert ("APT41", "many water utilities") in said
    said = _targeted(galaxy_kb, "Investigators said APT31 had no access to the regional port operators.")
    assert not any(s == "APT31" for s, _ in said)


def test_whom_a_sentence_charges_for_deeds_targeted_their_victims(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        "The Justice Department indicted Chinese nationals Li Wei and Zhao Min for computer intrusions and data "
        "theft directed at two shipping firms and a port operator.",
    )
    assert {("Li Wei", "two shipping firms"), ("Zhao Min", "port operator")} <= said
    said = _targeted(
        galaxy_kb,
        "Named in the notice, Gao Peiling was sanctioned for his role in ransomware attacks targeting regional "
        "water utilities.",
    )
    assert ("Gao Peiling", "regional water utilities") in said
    # where the deed came from is not whom it hit; the place where the victim is, is not the victim
    said = _targeted(
        galaxy_kb, "The Justice Department indicted Chinese nationals Li Wei and Zhao Min for hacking from China."
    )
    assert not any(o == "China" for _, o in said)
    said = _targeted(
        galaxy_kb,
        "The Justice Department indicted Chinese nationals Li Wei and Zhao Min for the theft of vaccine research "
        "from a hospital in Ohio.",
    )
    assert ("Li Wei", "hospital") in said and not any(o == "Ohio" for _, o in said)


def test_a_doers_deed_names_its_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        "APT31 has repeatedly carried out a campaign of intrusions into regional hospitals and two ferry lines.",
    )
    assert {("APT31", "regional hospitals"), ("APT31", "two ferry lines")} <= said
    said = _targeted(galaxy_kb, "APT40 is conducting steady reconnaissance against harbour operators in Fiji.")
    assert ("APT40", "harbour operators") in said or ("APT40", "harbour operators in Fiji") in said
    # "networks of interest": whose interest, not whose networks; the clause after "as" is no part of them
    said = _targeted(
        galaxy_kb,
        "APT41 is conducting regular reconnaissance against networks of interest in Canada as the group looks on.",
    )
    assert ("APT41", "networks of interest") in said
    # the subject past an aside in commas; the clause after the victims is no part of them
    said = _targeted(
        galaxy_kb,
        "Prosecutors say that Li Wei, 41, and an accomplice known only as Doe, waged hacking attempts on dairy "
        "cooperatives while the pair worked for a shell company.",
    )
    assert ("Li Wei", "dairy cooperatives") in said
    assert not any("pair" in o or "shell" in o for _, o in said)


def test_a_doers_deed_for_whom_or_when_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT41 conducted operations on behalf of the Ministry of State Security.")
    assert not said
    said = _targeted(galaxy_kb, "APT41 launched attacks on Tuesday against three game studios.")
    assert not any(o == "Tuesday" for _, o in said)
    # who reports a deed does not do it
    said = _targeted(galaxy_kb, "Mandiant, a security firm, conducted an investigation into APT41 for a client.")
    assert not said


def test_a_weakness_used_against_its_holder(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT40 has also exploited unpatched flaws in harbour radio systems, officials said.")
    assert ("APT40", "harbour radio systems") in said
    said = _targeted(
        galaxy_kb,
        "Last spring, APT31 pivoted to probing for vulnerabilities in the networks of dairy cooperatives in Peru.",
    )
    assert any(s == "APT31" and o.startswith("dairy cooperatives") for s, o in said)
    # a place holds no flaw: "vulnerabilities in Peru" names no victim
    said = _targeted(galaxy_kb, "APT31 exploited vulnerabilities in Peru.")
    assert not said


def test_a_deed_told_by_its_victims_with_no_doer(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb, "The breach is part of a pattern of persistent cyber espionage against ferry operators and ports."
    )
    assert {("persistent cyber espionage", "ferry operators"), ("persistent cyber espionage", "ports")} <= said
    # a doer named before the deed makes it theirs: the deed is not read alone
    said = _targeted(galaxy_kb, "APT31 waged a long series of cyberattacks against ferry operators.")
    assert not any(s.endswith("cyberattacks") for s, _ in said)
    # "its allies" shares no head with the place before it: both are victims
    said = _targeted(galaxy_kb, "Officials warned of sustained espionage against Fiji and its allies.")
    assert ("sustained espionage", "Fiji") in said


def test_a_state_told_as_the_doer_targeted(galaxy_kb: KnowledgeBase) -> None:
    """A statement made at the level of the state is kept at that level: the country as the whole subject of
    the targeting verb."""
    said = _targeted(galaxy_kb, "Last spring China targeted four regional water utilities, officials said.")
    assert ("China", "four regional water utilities") in said
    said = _targeted(galaxy_kb, "Last year Russia hacked four regional water utilities.")
    assert any(o == "four regional water utilities" and s.startswith("Russia") for s, o in said), said


def test_a_state_that_only_qualifies_the_doer_targets_nothing(galaxy_kb: KnowledgeBase) -> None:
    """The state named in the doer's phrase, after a preposition or before the noun it qualifies, is not the
    doer: the hackers, the actor are."""
    for text, doer in (
        ("Last spring Chinese hackers targeted four regional water utilities.", "Chinese hackers"),
        ("Last spring hackers tied to the Chinese government targeted four regional water utilities.", "hackers"),
        ("The firm found an espionage campaign by an actor based in China aimed at four regional water utilities.",
         "an actor"),
        ("US investigators say the hackers breached four regional water utilities.", "the hackers"),
    ):  # fmt: skip
        said = _targeted(galaxy_kb, text)
        assert (doer, "four regional water utilities") in said, text
        assert not any(s in {"China", "US", "United States"} for s, _ in said), text
