"""Who stands behind what when one end is written around the other: a tie said as a noun ("has ties to"), a
deed named by its doer after it ("the campaign conducted by X"), a doer read across what stands between it and
its verb (a phrase qualifying it by a name, a name joined by a hyphen, a quoted aside), each read from a made-up
sentence, with a near-miss that must not give it (extract/frames.py, relations.py; docs/extraction.md,
"Statements")."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"]) for c in claims if c["object"]}


def test_a_company_with_ties_renames_the_company_before_it(galaxy_kb: KnowledgeBase) -> None:
    """ "X Co. Ltd., a company with ties to Y": the company described by its tie is X, and X is tied to Y; a
    company described without a tie ("a company in Wuhan") ties nothing."""
    said = _said(
        galaxy_kb,
        "Analysts traced the tools to Blue Heron Network Technology Co. Ltd., a company with ties to the "
        "Ministry of State Security.",
    )
    assert ("Blue Heron Network Technology Co. Ltd.", "linked_to", "Ministry of State Security") in said
    said = _said(
        galaxy_kb,
        "Analysts traced the tools to Blue Heron Network Technology Co. Ltd., a company in Wuhan that sold "
        "software to the Ministry of State Security.",
    )
    assert not any(p == "linked_to" for _, p, _ in said)


def test_a_hedged_tie_held_as_a_noun(galaxy_kb: KnowledgeBase) -> None:
    """ "X is believed to have ties with Y": the hedge before the held tie keeps the frame; "believed to have
    targeted" is no tie."""
    said = _said(galaxy_kb, "APT41 is believed to have ties with a Chinese intelligence agency.")
    assert ("APT41", "linked_to", "a Chinese intelligence agency") in said
    said = _said(galaxy_kb, "APT41 is believed to have targeted a Chinese intelligence agency.")
    assert not any(p == "linked_to" for _, p, _ in said)


def test_a_relative_clause_between_the_holder_and_its_tie(galaxy_kb: KnowledgeBase) -> None:
    """ "X, which has long used Y malware, has ties to Z's ... agency, the W": the relative clause and the
    name in it are read over, and the agency is the one its apposition names; with no verb after the clause,
    no tie."""
    said = _said(
        galaxy_kb,
        "APT41, which has long used PlugX malware, has ties to China's foreign intelligence agency, the "
        "Ministry of State Security, researchers said.",
    )
    assert ("APT41", "linked_to", "Ministry of State Security") in said
    said = _said(
        galaxy_kb,
        "Researchers compared APT41, which has ties to several contractors, and PlugX malware used by the "
        "Ministry of State Security.",
    )
    assert ("APT41", "linked_to", "Ministry of State Security") not in said


def test_a_deed_named_by_its_doer_after_it(galaxy_kb: KnowledgeBase) -> None:
    """ "the campaign conducted by X", "the alleged intrusions by a group called X": the deed, bare or
    qualified, is X's, across the doer's description; a deed only reported by someone is not theirs, and a
    group a deed is done to did not do it."""
    said = _said(galaxy_kb, "Researchers described the campaign conducted by a China-linked hacking group APT41.")
    assert ("the campaign", "attributed_to", "APT41") in said
    said = _said(galaxy_kb, "Researchers described the campaign reported by Mandiant.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "The alleged intrusions by a group called APT41 began in March.")
    assert ("The alleged intrusions", "attributed_to", "APT41") in said
    said = _said(galaxy_kb, "The alleged intrusions into a group called APT41 began in March.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_blame_with_no_blamer_is_passive(galaxy_kb: KnowledgeBase) -> None:
    """ "X blamed for hack of Y", as a headline writes it: the deed, bare as it is, is X's; blame for
    something that is no deed ("blamed for slow patching") gives no attribution."""
    said = _said(galaxy_kb, "APT41 blamed for hack of university payroll system")
    assert ("hack", "attributed_to", "APT41") in said
    said = _said(galaxy_kb, "Foreign spy agency blamed for cyber attacks on a Dutch port")
    assert ("cyber attacks", "attributed_to", "Foreign spy agency") in said  # the first word modifies it too
    said = _said(galaxy_kb, "Microsoft, blamed for slow patching, disclosed the hack.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_a_transitive_tie_ties_its_object(galaxy_kb: KnowledgeBase) -> None:
    """ "Z linked one of the groups to Y", "a group that Z has tied to Y": the object of the linking verb is
    tied to Y, not Z who links them; another verb before "one of" ties nothing, and a passive relative ("that
    Z has been tied to by Y") is not the transitive tie."""
    said = _said(galaxy_kb, "Investigators have linked one of the hacking groups to the Ministry of State Security.")
    assert ("the hacking groups", "linked_to", "Ministry of State Security") in said
    said = _said(galaxy_kb, "Investigators have described one of the hacking groups to the Ministry of State Security.")
    assert not any(p == "linked_to" for _, p, _ in said)
    said = _said(
        galaxy_kb, "Analysts tracked a hacking group that the Netherlands has tied to the Ministry of State Security."
    )
    assert ("a hacking group", "linked_to", "Ministry of State Security") in said
    assert ("Netherlands", "linked_to", "Ministry of State Security") not in said
    said = _said(
        galaxy_kb,
        "Analysts tracked a hacking group that the Netherlands has been tied to by the Ministry of State Security.",
    )
    assert ("a hacking group", "linked_to", "Ministry of State Security") not in said


def test_a_deed_as_an_end_of_a_passive_tie(galaxy_kb: KnowledgeBase) -> None:
    """ "these intrusions could be linked to a group known as X" (a modal passive makes a bare deed a
    description, as "was linked" did), "X has been linked to thousands of sophisticated intrusions" (a count
    before the deed); a verb that ties nothing gives no tie."""
    said = _said(galaxy_kb, "Officials said these intrusions could be linked to a group known as APT41.")
    assert ("these intrusions", "linked_to", "APT41") in said
    said = _said(galaxy_kb, "Officials said these intrusions could be useful to a group known as APT41.")
    assert not any(p == "linked_to" for _, p, _ in said)
    said = _said(galaxy_kb, "APT41 has been linked to hundreds of sophisticated intrusions.")
    assert ("APT41", "linked_to", "sophisticated intrusions") in said
    said = _said(galaxy_kb, "APT41 has been compared to thousands of sophisticated intrusions.")
    assert not any(p == "linked_to" for _, p, _ in said)


def test_identified_as_the_one_responsible(galaxy_kb: KnowledgeBase) -> None:
    """ "identified X as the state responsible for Y", "identified X, the ..., as the epicenter of Y": the
    deed Y is X's, across an apposition; "as the target of Y", "as the state hit by Y" make X no doer."""
    said = _said(galaxy_kb, "Officials identified Russia as the state responsible for a sophisticated cyber campaign.")
    assert ("a sophisticated cyber campaign", "attributed_to", "Russia") in said
    said = _said(galaxy_kb, "Officials identified Russia as the state hit by a sophisticated cyber campaign.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(
        galaxy_kb,
        "The report identified the Ministry of State Security, the country's main intelligence service, as the "
        "epicenter of the ransomware attack.",
    )
    assert ("the ransomware attack", "attributed_to", "Ministry of State Security") in said
    said = _said(
        galaxy_kb,
        "The report identified the Ministry of State Security, the country's main intelligence service, as the "
        "target of the ransomware attack.",
    )
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_where_a_deed_came_from_is_its_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "the ransomware attack on X came from Y": the deed, with its target between, is Y's; "the United
    States National Security Agency" is the agency; a bare "the attacks" said again is the deed described
    before it in its sentence; a question ("asked whether the attack came from Y") and "came after" are no
    attribution."""
    said = _said(
        galaxy_kb,
        "Investigators said the ransomware attack on the city hospital came from the Ministry of State Security.",
    )
    assert ("the ransomware attack on the city hospital", "attributed_to", "Ministry of State Security") in said
    said = _said(galaxy_kb, "Analysts said the intrusions came from the United States National Security Agency.")
    assert ("the intrusions", "attributed_to", "National Security Agency") in said
    said = _said(
        galaxy_kb, "A report on the sophisticated attacks against two ministries said the attacks came from Russia."
    )
    assert ("the sophisticated attacks", "attributed_to", "Russia") in said
    said = _said(galaxy_kb, "Officials were asked whether the ransomware attack came from Russia.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "The ransomware attack came after the Ministry of State Security warned hospitals.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_a_doer_read_across_the_phrase_that_qualifies_it_by_a_name(galaxy_kb: KnowledgeBase) -> None:
    """ "Hackers tied to the MSS targeted X": the name only qualifies the hackers, who did it, and X is read
    as the victim the verb names; where the phrase qualifies another noun ("Hackers said a firm tied to the MSS
    targeted X"), the hackers before it are not the doer."""
    said = _said(galaxy_kb, "Hackers tied to the Ministry of State Security targeted South Korean shipping companies.")
    assert ("Hackers", "targeted", "South Korean shipping companies") in said
    assert not any(p == "targeted" and s == "Ministry of State Security" for s, p, _ in said)
    said = _said(
        galaxy_kb,
        "Hackers said a firm tied to the Ministry of State Security targeted South Korean shipping companies.",
    )
    assert not any(p == "targeted" and s in {"Hackers", "Ministry of State Security"} for s, p, _ in said)


def test_a_country_joined_by_a_hyphen_is_no_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "The intruders used China-based servers to launch attacks on X": China qualifies the servers, the
    intruders are the doer, and the attacks are not in China; China standing as a noun phrase of its own
    still does the deed."""
    said = _said(galaxy_kb, "The intruders used China-based servers to launch attacks on a regional water utility.")
    assert ("The intruders", "targeted", "a regional water utility") in said
    assert not any(p == "located_in" for _, p, _ in said)
    said = _said(
        galaxy_kb, "The intruders had used rented servers and China then launched attacks on a regional water utility."
    )
    assert ("China", "targeted", "a regional water utility") in said


def test_a_group_does_the_verb_after_its_quoted_aside(galaxy_kb: KnowledgeBase) -> None:
    """'X, "a state-backed actor based in Asia", has targeted Y': the aside describes X, the verb after it is
    X's; an actor named in a relative clause after X ("X warned of an actor ..., which has targeted Y") is
    not X."""
    said = _said(
        galaxy_kb,
        'Quill Typhoon, "a state-backed actor based in Asia", has repeatedly targeted shipping firms in the region.',
    )
    assert ("Quill Typhoon", "targeted", "shipping firms") in said
    assert not any(p == "targeted" and s != "Quill Typhoon" for s, p, _ in said)
    said = _said(
        galaxy_kb,
        "Quill Typhoon warned of a state-backed actor based in Asia, which has repeatedly targeted shipping firms.",
    )
    assert not any(p == "targeted" and s == "Quill Typhoon" for s, p, _ in said)
