"""More wordings of targeting a victim (extract/language.py, extract/relations.py, extract/victims.py): each
construction read on a made-up sentence, beside a near-miss sentence that must not give it."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from test_extract_targets import _targeted


def test_an_actor_aiming_at_a_victim_targeted_it(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "APT41 began focusing on regional shipping firms and port operators in 2019.")
    assert {("APT41", "regional shipping firms"), ("APT41", "port operators")} <= said
    said = _targeted(galaxy_kb, "APT41, a group that has long gone after shipping firms in Lisbon, is active again.")
    assert ("APT41", "shipping firms") in said
    said = _targeted(galaxy_kb, "Last spring the hackers set their eyes on two insurers in Porto.")
    assert any(s == "the hackers" and o.startswith("two insurers") for s, o in said)
    said = _targeted(galaxy_kb, "APT41 was aiming its attacks at regional hospitals.")
    assert ("APT41", "regional hospitals") in said
    # the victims end where a clause joined by a comma starts
    said = _targeted(galaxy_kb, "APT41 focused on shipping firms in 2019, and its tools now include a loader.")
    assert ("APT41", "shipping firms") in said
    assert not any("loader" in o or "tools" in o for _, o in said)


def test_aiming_at_an_activity_or_as_a_body_targets_nothing(galaxy_kb: KnowledgeBase) -> None:
    # an activity, a verb in -ing, what is taken: no victim
    assert not _targeted(galaxy_kb, "APT41 mainly focuses on espionage, data theft and credential access.")
    assert not _targeted(galaxy_kb, "APT41 appears to be focused on supporting the shipbuilding plans of Portugal.")
    # a body that is focused on its own work, and "a focus on" (a noun), target nothing
    assert not _targeted(galaxy_kb, "Microsoft is focused on shipping firms in Lisbon this year.")
    assert not _targeted(galaxy_kb, "APT41 has a focus on regional shipping firms.")


def test_code_put_on_a_victim_and_a_victim_counted_in_thousands(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb, "Zhang Shilong used a stolen key to deploy malware to roughly 12,000 routers owned by farms."
    )
    assert ("Zhang Shilong", "roughly 12,000 routers") in said  # whole: the comma groups thousands
    said = _targeted(galaxy_kb, "APT41 planted a backdoor on the mail servers of a Lisbon hospital.")
    assert any(s == "APT41" and o.endswith("Lisbon hospital") for s, o in said)
    said = _targeted(galaxy_kb, "APT41 wrote a tool to break through more than 3,000 firewalls run by port operators.")
    assert ("APT41", "more than 3,000 firewalls") in said
    # "to" and a verb says what the code is for; a list's comma still separates items
    assert not _targeted(galaxy_kb, "APT41 installed malware to facilitate long-term access.")
    said = _targeted(galaxy_kb, "APT41 breached 12, 14 and 20 regional hospitals.")
    assert not any("12, 14" in o for _, o in said)


def test_a_victim_that_underwent_a_deed(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(galaxy_kb, "The Lisbon Port Authority has recently suffered a cyberattack launched from abroad.")
    assert any(s == "a cyberattack" and o.endswith("Lisbon Port Authority") for s, o in said)
    said = _targeted(galaxy_kb, "The minister confirmed that the harbour registry was a victim of this intrusion.")
    assert any(s == "this intrusion" and o.endswith("harbour registry") for s, o in said)
    said = _targeted(galaxy_kb, "Portugal has been under a sustained and severe cyberattack by APT41 since May.")
    assert ("APT41", "Portugal") in said
    # what is undergone is no deed: an outage, criticism, circumstance
    assert not _targeted(galaxy_kb, "The Lisbon Port Authority has recently suffered a power outage.")
    assert not _targeted(galaxy_kb, "The harbour registry was subjected to criticism by the press.")
    assert not _targeted(galaxy_kb, "The harbour registry was a victim of circumstance.")


def test_a_list_of_victims_before_a_copula_or_a_passive_is_read_whole(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        "LISBON (AP) - The Lisbon Port Authority and the Harbour Office of Porto have been the targets of APT41.",
    )
    assert {s for s, _ in said} == {"APT41"}
    assert any(o.endswith("Lisbon Port Authority") for _, o in said)
    assert any(o.endswith("Harbour Office of Porto") for _, o in said)
    said = _targeted(
        galaxy_kb,
        "From early May 2020, the Lisbon Port Authority and a shipping registry were among several firms that were "
        "targeted by APT41.",
    )
    assert any(o.endswith("Lisbon Port Authority") for _, o in said)
    assert any(o.endswith("shipping registry") for _, o in said)
    # a place that closes the list is where the victims are, not a victim
    said = _targeted(galaxy_kb, "Shipping firms in Lisbon and Porto have been the targets of APT41.")
    assert not any(o in {"Lisbon", "Porto"} for _, o in said)


def test_a_deed_on_a_victim_with_the_doer_responsible_or_carrying_it_out(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        'Hackers linked to the Chinese state were responsible for two "hostile cyber campaigns" on the Lisbon Port '
        "Authority, the minister said.",
    )
    assert any(s == "Hackers" and o.endswith("Lisbon Port Authority") for s, o in said)
    said = _targeted(
        galaxy_kb, "There had been hostile cyber activity against Portugal, carried out by APT41 over the summer."
    )
    assert ("APT41", "Portugal") in said
    # responsibility for a deed with no victim, and a deed carried out by no doer, target nothing
    assert not _targeted(galaxy_kb, "APT41 was responsible for a long campaign of espionage, officials said.")
    assert not _targeted(galaxy_kb, "There was hostile cyber activity against Portugal, carried out by night.")


def test_an_actors_victims_listed_in_a_clause_after_it(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        "APT41 began probing port operators in 2019, and their targets now include Portugal, Spain and Italy.",
    )
    assert {("APT41", "Portugal"), ("APT41", "Spain"), ("APT41", "Italy")} <= said
    assert not any(s == "port operators" for s, _ in said)  # "their targets" is a noun, not a verb
    said = _targeted(
        galaxy_kb,
        "APT41's aim seems to be espionage: the list of its victims includes high value targets such as shipping "
        "firms, port operators, and the media, among others.",
    )
    assert {("APT41", "shipping firms"), ("APT41", "port operators")} <= said
    assert not any(o in {"high value targets", "among others"} for _, o in said)
    # no actor named before the clause: no statement
    assert not _targeted(galaxy_kb, "The report is out: its victims include shipping firms and port operators.")


def test_and_or_after_a_comma_separate_only_as_whole_words() -> None:
    """A comma with "or" / "and" joins items; the "Or" of "Oregon" after a comma starts one."""
    from cyberstate.extract.phrases import items

    for text, expected in (
        ("Japan, Oregon and Vietnam", ["Japan", "Oregon", "Vietnam"]),
        ("Microsoft, Andritz and Sony", ["Microsoft", "Andritz", "Sony"]),
        ("banks, or telecoms", ["banks", "telecoms"]),  # near miss: "or" as a word still joins
        ("Japan, Oman, and Vietnam", ["Japan", "Oman", "Vietnam"]),
    ):
        assert [text[a:b] for a, b in items(text, 0, len(text))] == expected, text


def test_a_passive_of_targeting_with_a_described_agent(galaxy_kb: KnowledgeBase) -> None:
    said = _targeted(
        galaxy_kb,
        "The report said that the harbour registry and 9 regional port agencies had been infiltrated by hackers.",
    )
    assert {("hackers", "harbour registry"), ("hackers", "9 regional port agencies")} <= said
    said = _targeted(
        galaxy_kb, "A vendor claimed the servers of at least 12 Lisbon hospitals have been attacked by hackers."
    )
    assert ("hackers", "at least 12 Lisbon hospitals") in said
    assert not any(o.startswith("A vendor") for _, o in said)  # who says it is no victim
    said = _targeted(galaxy_kb, "The harbour registry was breached by foreign hackers in May.")
    assert any(s.endswith("hackers") and o.endswith("harbour registry") for s, o in said)
    # a deed as the agent, an agent that is no actor: no doer; a named agent is read once
    assert not _targeted(galaxy_kb, "The harbour registry had been compromised by a phishing campaign.")
    assert not _targeted(galaxy_kb, "The minister was attacked by critics in parliament.")
    assert _targeted(galaxy_kb, "The harbour registry was hacked by APT41.") == {("APT41", "harbour registry")}


def _lower(said: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(s, o.lower()) for s, o in said}


def test_the_particulars_of_a_victim_after_a_dash(galaxy_kb: KnowledgeBase) -> None:
    # a dash opens the particulars as a comma does, and "and more" closes the list without naming a victim
    said = _lower(_targeted(galaxy_kb, "APT41 has targeted thousands of people - including lawyers, doctors and more."))
    assert {("APT41", "lawyers"), ("APT41", "doctors")} <= said
    assert not any(o == "more" for _, o in said)
    said = _lower(
        _targeted(
            galaxy_kb,
            "APT41 has been targeting organizations in Portugal - including many shipping firms - since 2019.",
        )
    )
    assert ("APT41", "shipping firms") in said
    # near miss: a dash that opens no particulars leaves the victims as before, and a comma list still reads
    said = _lower(_targeted(galaxy_kb, "APT41 has targeted thousands of people - the police said on Monday."))
    assert ("APT41", "thousands of people") in said
    assert not any("police" in o for _, o in said)
    said = _lower(_targeted(galaxy_kb, "APT41 has targeted thousands of people, including lawyers and doctors."))
    assert {("APT41", "lawyers"), ("APT41", "doctors")} <= said
