"""Misreadings found by a random draw of the review queue (docs/extraction.md, "Review"), each pinned by a
made-up sentence and a near miss that must keep its reading."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions
from cyberstate.extract.frames import described
from cyberstate.extract.sentences import sentences
from cyberstate.model import Source
from readings import readings as _readings


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims if c["object"]}


def _targeted_in(kb: KnowledgeBase, texts: dict[str, str]) -> set[tuple[str, str | None, str]]:
    """Store each text as a source (a galaxy record's description where its id is `desc:` and the record's), extract
    from them, and give every `targeted` candidate of the store as (subject, object, first source)."""
    with kb.store.transaction():
        for sid, text in texts.items():
            kind = "galaxy_description" if sid.startswith("desc:") else None
            kb.store.put_source(Source(sid, title=sid, kind=kind, text=text))
    kb.propose(list(texts))
    return {(c.subject, c.object, c.sources[0]) for c in kb.candidates() if c.predicate == "targeted"}


def test_a_described_phrase_after_a_copula_and_its_modifiers_is_the_name(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 is an Iranian threat group that has targeted X": the group named is the doer, not "threat
    group"; the modifiers between the article and the phrase do not break the renaming. A described doer that
    is no renaming ("a target of hackers who ...") keeps its own reading."""
    said = _said(galaxy_kb, "APT33 is an Iranian threat group that has targeted shipping firms in Norway.")
    assert ("APT33", "targeted", "Norway") in said
    assert not any(s == "threat group" for s, _, _ in said)
    said = _said(
        galaxy_kb, "APT33 is a loosely organised capable threat actor associated with Iranian state interests."
    )
    assert {s for s, p, _ in said if p == "linked_to"} == {"APT33"}
    said = _said(galaxy_kb, "APT33 has emerged as a significant threat actor targeting shipping firms in Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33, a highly active hacking group, has made headlines by targeting 40 shipyards.")
    assert ("APT33", "targeted", "40 shipyards") in said
    said = _said(galaxy_kb, "APT33 is a target of hackers who breached the port authority.")
    assert ("hackers", "targeted", "the port authority") in said
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)


def test_a_tie_to_deeds_that_act_on_a_name_is_no_tie_to_it(galaxy_kb: KnowledgeBase) -> None:
    """ "linked to campaigns discrediting X", "attributed to operations that abuse X": the subject is tied to
    the deeds, X is what they act on. A tie straight to a body stands."""
    said = _said(galaxy_kb, "APT33 has been linked to campaigns discrediting the Norwegian government.")
    assert not any(p in ("linked_to", "attributed_to") for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 is attributed to phishing operations that abuse Microsoft accounts.")
    assert not any(o == "Microsoft" for _, _, o in said)
    said = _said(galaxy_kb, "APT33 has been linked to the Ministry of State Security.")
    assert any(s == "APT33" and p == "linked_to" for s, p, _ in said)
    said = _said(galaxy_kb, "Bumblebee has been linked to ransomware operations including Conti.")
    assert ("Bumblebee", "linked_to", "Conti") in said


def test_a_state_aligned_qualifier_does_not_act(galaxy_kb: KnowledgeBase) -> None:
    """ "a Russia-aligned group ... against targets in Russia, Finland and Norway": "Russia" qualifies the
    group and targets no one; a state that is the subject of the verb still does."""
    said = _said(
        galaxy_kb,
        "Sandworm is a Russia-aligned group that has conducted operations against targets in Russia, "
        "Finland and Norway.",
    )
    assert not any(s == "Russian Federation" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "Russia conducted operations against targets in Finland and Norway.")
    assert ("Russian Federation", "targeted", "Finland") in said


def test_a_bare_adjective_before_a_serial_comma_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "sensitive naval, diplomatic, and military facilities": "diplomatic" shares the head "facilities" and
    is no victim of its own; a described place before a serial comma ("a hospital, and a university") is one."""
    said = _said(galaxy_kb, "APT33 targets sensitive naval, diplomatic, and military facilities in Norway.")
    assert not any(o == "diplomatic" for _, _, o in said)
    assert ("APT33", "targeted", "military facilities") in said
    said = _said(galaxy_kb, "APT33 targeted a hospital, and a university in Norway.")
    assert ("APT33", "targeted", "a hospital") in said


def test_what_the_victims_oversee_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "agencies in Norway overseeing fisheries, foreign affairs and trade": the agencies' tasks are no
    victims; the list of victims before such a participle stays."""
    said = _said(
        galaxy_kb, "APT33 targeted several agencies in Norway overseeing fisheries, foreign affairs, and trade."
    )
    assert not any(o in ("foreign affairs", "trade") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted several agencies in Norway, foreign ministries, and trade unions.")
    assert ("APT33", "targeted", "trade unions") in said
    said = _said(galaxy_kb, "APT33 has been observed targeting Norwegian manufacturing enterprises through phishing.")
    assert ("APT33", "targeted", "Norwegian manufacturing enterprises") in said


def test_a_tool_used_by_a_group_in_campaigns_is_not_their_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "X has been used by Y in campaigns targeting Z": Y targeted Z; a tool that is the verb's own subject
    keeps it ("X targeted Z, and was later used by Y")."""
    said = _said(galaxy_kb, "PlugX has been used by APT41 in campaigns targeting hospitals in Norway.")
    assert ("APT41", "targeted", "hospitals") in said
    assert not any(s == "PlugX" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "PlugX targeted hospitals in Norway, and was later used by APT41.")
    assert ("PlugX", "targeted", "hospitals") in said


def test_part_of_a_states_programme_is_no_part_of_the_state(galaxy_kb: KnowledgeBase) -> None:
    """ "as part of China's military-civil fusion program": part of the programme, not subordinate to China;
    "part of China's People's Liberation Army" names the body it is part of."""
    said = _said(galaxy_kb, "The academy works with civilian firms as part of China's national talent program.")
    assert not any(p == "subordinate_to" for _, p, _ in said)
    said = _said(galaxy_kb, "The Third Department is part of China's People's Liberation Army.")
    assert any(p == "subordinate_to" for _, p, _ in said)


def test_a_state_joined_to_a_renaming_phrase_does_not_stop_the_renaming(galaxy_kb: KnowledgeBase) -> None:
    """ "X is a South Korea-linked threat actor that has targeted Y", "X is a People's Republic of China (PRC)
    state-backed actor that ...": the state joined to the phrase by a hyphen or its bracketed abbreviation
    qualifies it, the phrase renames X, and X is the doer (not "-linked threat actor" cut at the state's name).
    Without a name before the copula the described doer stays, and a reporter is no doer."""
    said = _said(galaxy_kb, "APT33 is a South Korea-linked threat actor that has targeted shipping firms in Norway.")
    assert ("APT33", "targeted", "Norway") in said
    assert not any(s.startswith("-") for s, _, _ in said)
    said = _said(
        galaxy_kb,
        "APT33 is a People's Republic of China (PRC) state-backed actor that has targeted shipping firms in Norway.",
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any(s.startswith("(") for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 reported that a South Korea-linked actor targeted shipping firms in Norway.")
    assert ("-linked actor", "targeted", "Norway") in said
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)


def test_a_word_hyphened_to_the_state_before_a_renaming_phrase_does_not_stop_the_renaming(
    galaxy_kb: KnowledgeBase,
) -> None:
    """ "X is a China-aligned threat actor that has compromised Y": the word the hyphen joins to the state is left
    out of the described phrase ("threat actor"), and the state with it still qualifies the phrase, which renames
    X. Without a name before the copula the described doer stays, read with the hyphened word as "-linked" is."""
    said = _said(
        galaxy_kb, "APT33 is a South Korea-aligned threat actor that has compromised shipping firms in Norway."
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any(s == "threat actor" for s, _, _ in said)
    said = _said(
        galaxy_kb, "APT33 reported that a South Korea-aligned threat actor compromised shipping firms in Norway."
    )
    assert ("-aligned threat actor", "targeted", "Norway") in said
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)


def test_a_group_attributed_to_deeds_is_their_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "X is a threat group attributed to several cyber campaigns": the campaigns are attributed to X, the
    reading's other way round. A group attributed to a body stays as it is."""
    said = _said(galaxy_kb, "APT33 is a threat group attributed to several cyber campaigns against Norwegian ports.")
    assert ("several cyber campaigns", "attributed_to", "APT33") in said
    assert not any(s == "APT33" and p == "attributed_to" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 is a threat group attributed to the Ministry of Intelligence and Security.")
    assert ("APT33", "attributed_to", "Ministry of Intelligence and Security") in said


def test_a_bare_victim_keeps_the_participle_that_says_which(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted journalists associated with the Norwegian fishing industry": the victims are those journalists,
    not journalists at large; the phrase ends before the next item of the list. A bare victim with a place after
    it ("reporters in Norway") stays as it is, and so does a pronoun ("those associated with ...")."""
    said = _said(
        galaxy_kb,
        "APT33 has targeted journalists associated with the Norwegian fishing industry and two trade unions.",
    )
    assert ("APT33", "targeted", "journalists associated with the Norwegian fishing industry") in said
    assert ("APT33", "targeted", "journalists") not in said
    said = _said(galaxy_kb, "APT33 has targeted reporters in Norway.")
    assert ("APT33", "targeted", "reporters") in said
    said = _said(
        galaxy_kb,
        "APT33 has targeted ports in Norway, particularly those associated with the fishing and shipping industries.",
    )
    assert not any(o.startswith("those associated") for _, _, o in said)


def test_a_deed_word_before_an_actor_noun_only_qualifies_it(galaxy_kb: KnowledgeBase) -> None:
    """ "a suspected Chinese cyber espionage operator", "a cyber espionage and influence group": the deed word
    qualifies the actor noun after it (alone or with another word joined by "and"), so it describes no deed of its
    own ("a suspected Chinese cyber espionage" tied to China). A deed noun that heads its phrase keeps its reading."""
    said = _said(
        galaxy_kb, "APT33 is a suspected Iranian cyber espionage operator that targeted shipping firms in Norway."
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any("espionage" in s for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 is a cyber espionage and influence group originating in Iran.")
    assert not any("espionage" in s for s, _, _ in said)
    said = _said(galaxy_kb, "A cyber espionage campaign originating in Iran targeted shipping firms in Norway.")
    assert ("A cyber espionage campaign", "targeted", "Norway") in said
    said = _said(galaxy_kb, "Iranian hackers and threat groups targeted shipping firms in Norway.")
    assert any(s == "Iranian hackers" for s, _, _ in said)  # two actors joined by "and": neither qualifies the other


def test_a_question_word_opens_no_described_phrase(galaxy_kb: KnowledgeBase) -> None:
    """ "Our report describes how this actor operates", "highlighted how sophisticated threat groups are targeting
    X": the question word opens a clause, so the described phrase starts after it ("how this actor" is no member of
    the group "this actor" stands for). The words after it still qualify the phrase, and a group named inside it
    keeps its people ("how suspected APT33 actors": the actors, members of APT33)."""
    said = _said(
        galaxy_kb, "APT33 is a group that attacks ports in Norway. Our report describes how this actor operates."
    )
    assert not any(s.lower().startswith("how") for s, _, _ in said)
    assert not any(p == "member_of_group" for _, p, _ in said)
    said = _said(
        galaxy_kb, "Researchers highlighted how sophisticated threat groups are increasingly targeting ports in Norway."
    )
    assert ("sophisticated threat groups", "targeted", "Norway") in said
    said = _said(galaxy_kb, "The advisory detailed how suspected APT33 actors compromised shipping firms in Norway.")
    assert ("suspected APT33 actors", "member_of_group", "APT33") in said


def test_where_an_actor_has_been_active_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "targets aid organisations and has been active in Norway, Sweden and Finland": the places after the
    predicate of presence are where the actor was, not victims of the verb before it. A deed after the auxiliary
    ("but has also operated against hospitals in Denmark") still names victims, and so does a list of targets that
    the copula opens ("main targets are ... in Norway")."""
    said = _said(
        galaxy_kb, "APT33 targets aid organisations in Denmark and has been active in Norway, Sweden, and Finland."
    )
    assert ("APT33", "targeted", "Denmark") in said
    assert not any(o in ("Norway", "Sweden", "Finland") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 has targeted shipping firms in Denmark, but is also active in Norway.")
    assert not any(o == "Norway" for _, _, o in said)
    said = _said(galaxy_kb, "APT33 has focused on shipping firms, but has also operated against hospitals in Denmark.")
    assert ("APT33", "targeted", "Denmark") in said
    said = _said(galaxy_kb, "APT33's main targets are energy organizations in Norway and Denmark.")
    assert ("APT33", "targeted", "Norway") in said


def test_a_motive_after_in_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted government websites in retaliation for X", "breached a bank in retaliation against Y": "in" with the
    bare noun and the preposition after it says why the deed was done, so neither the noun nor what follows it is a
    victim. A place or a sector after "in" stays one, a motive after it or not ("firms in Norway for espionage"), and
    so does a part of a place ("in parts of Norway")."""
    said = _said(galaxy_kb, "APT33 has targeted government websites in retaliation for fishing quotas.")
    assert ("APT33", "targeted", "government websites") in said
    assert not any(o.startswith("retaliation") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 breached a shipping firm in retaliation against Norwegian media.")
    assert not any(o.startswith("retaliation") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 attacked Danish ports in response to the sanctions.")
    assert not any(o == "response" for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted shipping firms in Norway for espionage.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 targeted firms in healthcare.")
    assert ("APT33", "targeted", "Healthcare") in said
    said = _said(galaxy_kb, "APT33 targeted shipping firms in parts of Norway.")
    assert ("APT33", "targeted", "parts of Norway") in said


def test_the_particulars_of_a_participle_after_the_victims_are_no_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "targeting ministries in Norway, utilizing malware families such as QuillDrop and FernLoader": the names after
    the participle's "such as" are what it uses, not victims of the verb before. A participle without particulars
    ("targeting ATMs and payment systems") keeps the victims after it, and particulars of a victim stay victims."""
    said = _said(
        galaxy_kb,
        "APT33 is a group targeting foreign ministries in Norway, utilizing malware families such as QuillDrop and "
        "FernLoader.",
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any(o in ("QuillDrop", "FernLoader") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targets ports globally, employing techniques such as credential dumping.")
    assert not any(o == "credential dumping" for _, _, o in said)
    said = _said(galaxy_kb, "APT33 conducted intrusions against banks, targeting ATMs and payment systems.")
    assert ("APT33", "targeted", "payment systems") in said
    said = _said(galaxy_kb, "APT33 targeted foreign ministries, including the Norwegian Ministry of Foreign Affairs.")
    assert any(s == "APT33" and "Ministry" in o for s, _, o in said)


def test_a_stop_with_no_space_after_a_lower_case_word_ends_the_sentence(galaxy_kb: KnowledgeBase) -> None:
    """ "attacked ports and shipping firms.Later, the group targeted ...": a text that lost the space after a stop
    still ends its sentence there, so no victim runs into the next one ("shipping firms.Later"). A name written with
    a stop inside it and a capital before it ("Temp.Jumper") stays whole."""
    said = _said(galaxy_kb, "APT33 attacked ports and shipping firms.Later, the group targeted hospitals in Norway.")
    assert ("APT33", "targeted", "shipping firms") in said
    assert ("APT33", "targeted", "hospitals") in said
    assert not any("Later" in o or o.startswith("group") for _, _, o in said)
    said = _said(galaxy_kb, "Temp.Jumper targeted hospitals in Norway.")
    assert ("APT40", "targeted", "Norway") in said


def test_a_word_that_opens_sentences_after_an_abbreviation_ends_the_sentence(galaxy_kb: KnowledgeBase) -> None:
    """ "targeting local bodies in the U.S. They deploy web shells like AntSword": the stop of "U.S." ends the
    sentence when a word that opens sentences and goes on no name follows it, so no victim runs into the next
    sentence. Within a sentence the abbreviation stays ("the U.S. Treasury", "e.g. The Hague")."""
    said = _said(galaxy_kb, "APT33 targeted local governing bodies in the U.S. They deploy web shells like AntSword.")
    assert ("APT33", "targeted", "United States") in said
    assert not any("They" in o or "AntSword" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted the U.S. Treasury and ports, e.g. The Hague port authority.")
    assert ("APT33", "targeted", "US Department of the Treasury") in said
    assert any(s == "APT33" and "Hague" in o for s, _, o in said)
    assert len(sentences("The case of Smith v. The People was heard in the U.S. It was long.")) == 2


def test_a_role_after_a_body_and_a_copula_is_the_body_not_a_person(galaxy_kb: KnowledgeBase) -> None:
    """ "CNCERT is a member of FIRST": "a member" stands for the body named before "is", which is nobody's employee
    or group member, so the bare role phrase is not read as an employee of the forum. The people before the copula
    keep the role ("The five defendants are alleged members of APT40"), and a role set apart by commas stays the
    described person it is ("The hacker, a member of APT40")."""
    said = _said(
        galaxy_kb, "The Ministry of State Security is a member of the Forum of Incident Response and Security Teams."
    )
    assert not any(s == "a member" for s, _, _ in said)
    said = _said(galaxy_kb, "The five defendants are alleged members of APT40.")
    assert ("The five defendants", "member_of_group", "APT40") in said
    said = _said(galaxy_kb, "The hacker, a member of APT40, targeted ports in Norway.")
    assert ("a member", "member_of_group", "APT40") in said


def test_a_doer_described_by_the_deed_it_is_behind_is_no_attribution(galaxy_kb: KnowledgeBase) -> None:
    """ "the threat actor behind the port intrusions has been active since 2019": "behind" with no verb before it
    only says which actor is meant, so the intrusions are not attributed to "the threat actor" (a statement of no
    one). A doer that is behind the deed by a verb ("APT33 was behind", "The hackers are behind") keeps it."""
    said = _said(galaxy_kb, "The threat actor behind the port intrusions has been active since at least 2019.")
    assert not any(p == "attributed_to" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 was behind the intrusions at Norwegian ports.")
    assert ("the intrusions", "attributed_to", "APT33") in said
    said = _said(galaxy_kb, "The hackers are behind the intrusions at Norwegian ports.")
    assert ("the intrusions", "attributed_to", "The hackers") in said


def test_a_nationality_adjective_stays_in_the_actors_phrase(galaxy_kb: KnowledgeBase) -> None:
    """'attacks by unspecified "Iranian cyber actors", who compromised hospitals': the nationality adjective is part
    of the actors' phrase (as "Chinese" always was), not cut off to leave "cyber actors". The adjective before a
    victim's noun ("Iranian organizations") does not make that noun an actor."""
    said = _said(
        galaxy_kb,
        'The advisory detailed attacks by unspecified "Iranian cyber actors", who used brute forcing to compromise '
        "hospitals in Norway.",
    )
    assert ("Iranian cyber actors", "targeted", "hospitals") in said
    assert not any(s == "cyber actors" for s, _, _ in said)
    said = _said(galaxy_kb, "Pakistani hackers breached ports in Norway.")
    assert ("Pakistani hackers", "targeted", "ports") in said
    said = _said(
        galaxy_kb,
        "APT33 is known for cyberattacks targeting Iranian organizations, including a breach of a food delivery firm.",
    )
    assert not any(s == "Iranian organizations" for s, _, _ in said)


def test_a_hedged_copula_still_renames_the_name(galaxy_kb: KnowledgeBase) -> None:
    """ "X is likely a group linked to Y", "X is thought to be a group that ...": a hedge between the copula
    and the described phrase leaves the phrase renaming the name. A described phrase with a hedged copula of its
    own after a verb ("targeted a group that is likely a ...") renames nothing."""
    said = _said(galaxy_kb, "APT33 is likely a cyberespionage group linked to the Iranian government.")
    assert any(s == "APT33" and p == "linked_to" for s, p, _ in said)
    assert not any(s == "a cyberespionage group" for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 is reportedly a cyber espionage group that has targeted shipping firms in Norway.")
    assert ("APT33", "targeted", "Norway") in said
    assert not any(s == "a cyber espionage group" for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 is thought to be a threat group that targeted Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 targeted a hacking group that is likely an Iranian threat actor.")
    assert not any(s == "APT33" and p == "attributed_to" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 is actively targeting a threat group linked to the Iranian government.")
    assert not any(s == "APT33" and p == "linked_to" for s, p, _ in said)


def test_a_deed_after_in_is_no_place_of_the_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted Linux servers in a campaign lasting from May to June": what follows "in" is the deed the victims
    were hit in, no victim of its own; a place after "in" stays one, and so does a place the deed is against."""
    said = _said(galaxy_kb, "APT33 targeted Linux servers and routers in a campaign lasting from May to June 2019.")
    assert not any("campaign" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted banks in an operation spanning three years.")
    assert not any("operation" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted banks in a campaign against Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 targeted banks in Norway.")
    assert ("APT33", "targeted", "Norway") in said


def test_a_deed_with_modifiers_is_no_aim(galaxy_kb: KnowledgeBase) -> None:
    """ "focusing on precision intelligence collection": the deed noun ends the phrase after modifiers of its own,
    so the actor aims at no victim; a phrase whose head is a body ("government surveillance agencies") is one."""
    said = _said(galaxy_kb, "APT33 has been focusing on precision intelligence collection and employing proxies.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 focuses on long-term data theft.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 focuses on government surveillance agencies.")
    assert ("APT33", "targeted", "government surveillance agencies") in said


def test_coordinated_modifiers_keep_the_renaming(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 is an active and organized threat group, which ...": two modifiers joined by "and" stay inside the
    phrase that renames the name, so the name is the doer and the phrase no subject of its own. A described doer
    after "and" that joins two clauses keeps its own reading."""
    said = _said(
        galaxy_kb, "APT33 is an active and organized threat group, which has targeted shipping firms in Norway."
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any("threat group" in s for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 is a persistent and capable threat actor targeting banks in Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 is active and a threat group linked to Iran targeted banks in Norway.")
    assert not any(s == "APT33" and p == "linked_to" for s, p, _ in said)


def _assertors(kb: KnowledgeBase, text: str) -> set[tuple[str, str | None]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["assertor"]) for c in claims}


def test_the_name_after_an_according_to_source_is_no_assertor(galaxy_kb: KnowledgeBase) -> None:
    """ "According to analysts, APT33 targeted ...": the source ends at the comma, so the name after it is the
    doer, never the one who asserts; a named source ("According to Microsoft, ...") stays the assertor."""
    said = _assertors(galaxy_kb, "According to analysts, APT33 targeted banks in Norway.")
    assert said and all(a != "APT33" for _, a in said)
    said = _assertors(galaxy_kb, "According to Microsoft, APT33 targeted banks in Norway.")
    assert said and all(a == "Microsoft" for _, a in said)


def test_an_adverb_of_focus_is_no_part_of_a_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "targeting banks primarily in Norway, specifically Oslo", "targeting mainly English-speaking users": the
    adverb says how much of the list the item is, so the victim is the phrase after it, the first item too. The
    first item keeps its article ("the port authority"), and an adverb inside a phrase stays there."""
    said = _said(
        galaxy_kb, "APT33 is a group targeting banks primarily in Scandinavia, specifically Norway and Sweden."
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any(o.startswith("specifically") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 has been targeting mainly English-speaking shipping firms.")
    assert ("APT33", "targeted", "English-speaking shipping firms") in said
    said = _said(galaxy_kb, "APT33 targeted the port authority and specifically the harbour master.")
    assert ("APT33", "targeted", "the port authority") in said
    said = _said(galaxy_kb, "APT33 targeted especially-hardened military networks in Norway.")
    assert ("APT33", "targeted", "especially-hardened military networks") in said


def test_the_particulars_of_data_taken_are_no_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "gain access to victim networks, where they steal sensitive data, such as names and phone numbers": what
    follows "such as" is the data's, so the list of victims does not go on with it, and the victims before it stay.
    Particulars after a thing that is targeted, not taken ("targeted security information, including journalists"),
    and after victims ("banks, such as Nordea") stay victims."""
    said = _said(
        galaxy_kb,
        "APT33 uses phishing to gain access to shipping networks, where they deploy malware to steal sensitive "
        "data, such as names, phone numbers and passport numbers.",
    )
    assert not any(o in ("phone numbers", "passport numbers") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted national security information, including journalists and diplomats.")
    assert {o.lower() for s, p, o in said if s == "APT33" and p == "targeted"} >= {"journalists", "diplomats"}
    said = _said(galaxy_kb, "APT33 stole data from banks, such as Nordea and DNB.")
    assert ("APT33", "targeted", "Nordea") in said


def _ties(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool, str | None]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["name"], c["predicate"], c["object"]["name"], c["negated"], c["assertor"])
        for c in claims
        if c["object"] and c["predicate"] in ("linked_to", "attributed_to")
    }


def test_a_tie_there_is_not_enough_evidence_for_is_negated(galaxy_kb: KnowledgeBase) -> None:
    """ "there is insufficient evidence to link X to Y", "no evidence to link X to Y": the words that deny the tie
    stand before the verb that ties, so the tie is negated, and the clause before it names no one who makes it.
    Evidence that is found ("found new evidence to link X to Y") makes the tie."""
    said = _ties(
        galaxy_kb,
        "Although the two overlap in tooling, there is insufficient evidence to link the harbour campaign to APT33.",
    )
    assert said and all(negated and assertor is None for _, _, _, negated, assertor in said)
    said = _ties(galaxy_kb, "There is no evidence to link APT33 to Iran.")
    assert ("APT33", "linked_to", "Iran", True, None) in said
    said = _ties(galaxy_kb, "Researchers found new evidence to link APT33 to Iran.")
    assert said and not any(negated for _, _, _, negated, _ in said)


def test_who_names_a_group_is_no_end_of_a_tie_to_it(galaxy_kb: KnowledgeBase) -> None:
    """ "linked to the Microsoft-tracked Storm-0501 group": the name joined to a participle of naming qualifies the
    group the tie is to, and is no end of the tie; a name joined to another participle ("Microsoft-backed") or
    standing alone ("the Microsoft team") stays one."""
    said = _said(galaxy_kb, "APT33 is linked to the Microsoft-tracked Storm-0501 group.")
    assert ("APT33", "linked_to", "Storm-0501") in said
    assert ("APT33", "linked_to", "Microsoft") not in said
    said = _said(galaxy_kb, "APT33 is linked to the Microsoft-defined Storm-0501 entity.")
    assert ("APT33", "linked_to", "Microsoft") not in said
    said = _said(galaxy_kb, "APT33 is linked to the Microsoft team.")
    assert ("APT33", "linked_to", "Microsoft") in said


def test_a_time_after_in_the_is_no_place(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted shipping firms in the run-up to the election", "in the lead-up to talks": a bare noun after "in
    the" that "to" follows says when, as "in retaliation for" says why, and is no victim. A place after "in the"
    ("in the Netherlands") stays one."""
    said = _said(galaxy_kb, "APT33 targeted shipping firms in the run-up to the Norwegian election.")
    assert ("APT33", "targeted", "shipping firms") in said
    assert not any(o == "run-up" for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted shipping firms in the lead-up to talks with Norway.")
    assert not any(o == "lead-up" for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted shipping firms in the Netherlands.")
    assert ("APT33", "targeted", "Netherlands") in said


def test_a_sector_is_no_subject_of_a_tie(galaxy_kb: KnowledgeBase) -> None:
    """ "identified extensive infrastructure linked to APT33": the word names the group's servers, and a sector
    (a class of bodies a deed reaches) is no party a tie starts from; the group tied to a body stays tied."""
    said = _said(galaxy_kb, "Analysts identified extensive infrastructure linked to APT33, including proxy servers.")
    assert not any(p == "linked_to" and o == "APT33" for _, p, o in said)
    said = _said(galaxy_kb, "Analysts say APT33 is linked to the Ministry of State Security.")
    assert ("APT33", "linked_to", "Ministry of State Security") in said


def test_who_issues_a_report_is_no_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "The agency released an advisory that warned of attacks targeting X": issuing a report is reporting, so the
    agency is no doer of the attacks; an actor that releases a tool ("released a trojan targeting X") is one."""
    said = _said(
        galaxy_kb,
        "Norwegian cybersecurity authorities released an advisory that warned of recent attacks targeting shipping "
        "firms and ports.",
    )
    assert not any("authorities" in s and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 released a trojan targeting shipping firms.")
    assert any(s == "APT33" and p == "targeted" for s, p, _ in said)


def test_what_an_actor_uses_compromised_is_no_victim_of_it(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 leverages compromised WordPress sites for command and control", "abuses compromised webmail accounts
    for delivery", "selling access to compromised systems": the participle qualifies what the actor uses or sells,
    and says no one targeted it; the verb after its subject or an auxiliary ("APT33 has compromised X") still does."""
    for text in (
        "APT33 leverages compromised WordPress sites for command and control.",
        "APT33 often abuses compromised webmail accounts for delivery.",
        "APT33 is known for selling access to compromised shipping networks.",
    ):
        assert not any(p == "targeted" for _, p, _ in _said(galaxy_kb, text)), text
    said = _said(galaxy_kb, "APT33 has compromised WordPress sites in Norway.")
    assert ("APT33", "targeted", "Norway") in said


def test_a_verb_of_intent_before_an_infinitive_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "steal files from shipping networks, and threaten to publish them": the last item is a verb of its own, which
    an infinitive follows, and no victim; a plural noun before an infinitive ("banks and insurers to steal money")
    stays one."""
    said = _said(galaxy_kb, "APT33 operators steal files from shipping networks, and threaten to publish them.")
    assert not any(o.lower().startswith("threaten") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted banks and insurers to steal money.")
    assert ("APT33", "targeted", "insurers") in said


def test_a_participle_after_a_described_subject_names_no_assertor(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 is an Iranian threat group, first reported in 2019, targeting X", "a group assessed to be ...": the
    reporting verb qualifies the described phrase (who reported it is not said), so the group is no assertor of its
    own statements; a name right before the verb ("Microsoft assessed that ...") stays the assertor."""
    said = _assertors(
        galaxy_kb, "APT33 is an Iranian threat group, first reported in 2019, targeting shipping firms in Norway."
    )
    assert said and all(a is None for _, a in said)
    said = _assertors(galaxy_kb, "Microsoft assessed that APT33 targeted shipping firms in Norway.")
    assert said and all(a == "Microsoft" for _, a in said)


def test_a_conjunctive_adverb_opening_a_list_item_is_no_part_of_it(galaxy_kb: KnowledgeBase) -> None:
    """ "banks in Asia, however one hospital in Norway was also targeted": "however" opens a clause, the
    victim is "one hospital". An item that has no such adverb keeps its words."""
    said = _said(galaxy_kb, "APT33 appears to target banks in Asia, however one hospital in Norway was also hit.")
    assert ("APT33", "targeted", "one hospital") in said
    assert not any(o.lower().startswith("however") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 appears to target banks in Asia and one hospital in Norway.")
    assert ("APT33", "targeted", "one hospital") in said


def test_among_others_after_a_victim_is_no_part_of_it(galaxy_kb: KnowledgeBase) -> None:
    """ "energy firms among other targets across Europe": the victims are the energy firms (and the place after
    it stays); "among" before a noun that is not "other(s)" is left as it is."""
    said = _said(galaxy_kb, "APT33 is known for operations targeting energy firms among other targets across Europe.")
    assert ("APT33", "targeted", "energy firms") in said
    assert ("APT33", "targeted", "Europe") in said
    assert not any("among" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted hospitals among the poorest communities.")
    assert any(o.startswith("hospitals among") for _, _, o in said)


def test_from_targeting_x_to_y_gives_x_and_y_apart_and_no_deed(galaxy_kb: KnowledgeBase) -> None:
    """ "shifted from targeting banks to hospitals": two victims, not "banks to hospitals"; "switching from
    targeting hotels to distributing ransomware": the hotels, and no deed as a victim. A sector in -ing after
    "to" ("to manufacturing firms") is a victim."""
    said = _said(galaxy_kb, "APT33 shifted from targeting banks to hospitals in Norway.")
    assert {("APT33", "targeted", "Banks"), ("APT33", "targeted", "hospitals")} <= said
    assert not any(" to " in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 was seen switching from targeting hotels to distributing a new ransomware.")
    assert ("APT33", "targeted", "Hotels") in said
    assert not any("distributing" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 moved from targeting banks to manufacturing firms.")
    assert ("APT33", "targeted", "Manufacturing") in said


def test_a_described_phrase_after_a_bracketed_alias_renames_the_name(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 (also tracked as Elfin) is an Iranian threat group that targets X": the bracket after the name,
    which ends with a name of its own, does not break the renaming; the group is the doer, not "an Iranian
    threat group". A described doer that is no renaming keeps its own reading."""
    said = _said(galaxy_kb, "APT33 (also tracked as Elfin) is an Iranian threat group that targets shipping firms.")
    assert ("APT33", "targeted", "Shipping") in said
    assert not any("threat group" in s for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 (also tracked as Elfin) is a target of hackers who breached the port authority.")
    assert ("hackers", "targeted", "the port authority") in said
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)


def test_targeted_as_the_adjective_of_a_deed_takes_no_deed_as_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "specializes in targeted attacks against the energy sector": "targeted" qualifies the attacks, whose
    victim is the sector, not "attacks against the energy sector"; "targeted" as a verb, and "hacking" before
    "attack", keep their reading."""
    said = _said(galaxy_kb, "APT33, a group that specializes in targeted attacks against the energy sector, hit banks.")
    assert ("APT33", "targeted", "the energy sector") in said
    assert not any(o.startswith("attacks") for _, _, o in said)
    said = _said(galaxy_kb, "APT33 targeted banks in Norway.")
    assert ("APT33", "targeted", "Banks") in said
    said = _said(galaxy_kb, "APT33 was behind a hacking attack on the parliament of Norway.")
    assert ("APT33", "targeted", "the parliament of Norway") in said


def test_located_in_after_a_quantifier_that_stands_for_victims_places_no_subject(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted energy companies, with many located in Germany": the companies are there, not the operation;
    "located in" right after the name still places it."""
    said = _said(galaxy_kb, "Operation Sharpshooter targeted energy firms, with many located in Germany and Norway.")
    assert not any(p == "located_in" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 is a group located in Iran.")
    assert ("APT33", "located_in", "Iran") in said


def test_located_in_after_the_victims_as_its_subject_places_no_named_state(galaxy_kb: KnowledgeBase) -> None:
    """ "with most victims having been located in X, Y", "targets were located in X, with other targets located
    in Y": the victims are there, and no state named before or in the list is placed in the others. A name
    before "located in" with its own clause ("whose servers were located in X") keeps its reading."""
    said = _said(
        galaxy_kb,
        "APT33 spied on exiles who oppose Iran, with most victims having been located in Iran, Norway and Chile.",
    )
    assert not any(p == "located_in" for _, p, _ in said)
    said = _said(galaxy_kb, "Most targets were located in Norway, with other targets located in Europe and Chile.")
    assert not any(p == "located_in" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33, whose servers were located in Iran, targeted Norway.")
    assert ("APT33", "located_in", "Iran") in said


def test_a_peoples_adjective_alone_as_a_list_item_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "targeting Pakistani, Norway and Chile": the adjective of a people with no head of its own is no
    sector; adjectives in a row that share the head at their end stay ("Pakistani and Indian officials")."""
    said = _said(galaxy_kb, "APT33 runs operations targeting Pakistani, Norway and Chile.")
    assert not any(o == "Pakistani" for _, _, o in said)
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 runs operations targeting Pakistani, Sri Lanka and Chile.")
    assert not any(o == "Pakistani" for _, _, o in said)
    said = _said(galaxy_kb, "APT33 runs operations targeting Pakistani, Indian and Afghan officials.")
    assert ("APT33", "targeted", "Pakistani officials") in said


def test_a_sector_the_deeds_aim_at_is_no_party_to_the_tie(galaxy_kb: KnowledgeBase) -> None:
    """ "linked to cybercrime operations, particularly focused on cryptocurrency": the tie is to the operations,
    the sector is what they aim at (read as targeted). A sector straight after the tie's cue stays its party."""
    said = _said(galaxy_kb, "APT33 has been linked to criminal operations, particularly focused on cryptocurrency.")
    assert not any(p == "linked_to" and o == "Cryptocurrency" for _, p, o in said)
    said = _said(galaxy_kb, "APT33 has been linked to the energy sector of Iran.")
    assert ("APT33", "linked_to", "Energy") in said


def test_a_reference_opening_a_sentence_stands_for_the_subject_not_the_name_its_predicate_gives(
    galaxy_kb: KnowledgeBase,
) -> None:
    """ "X is a threat actor linked to Y. ... The group has targeted Z": the text goes on speaking of its
    subject, X; Y is only the end of X's tie ("They", "Their targets" the same). Where the sentence before opens
    with no group ("Researchers linked the intrusion to Y. The group ...") or names two in a list ("X and Y
    share tools"), the last group named stays the reading. A name of a group and a malware is read as the group."""
    said = _said(
        galaxy_kb,
        "APT33 is a threat actor linked to APT28. They use custom tools to steal data. "
        "The group has targeted shipping firms in Norway.",
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any(s == "APT28" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 is a threat actor that works on behalf of APT28. They have targeted Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 is a threat actor linked to APT28. Their targets include shipping firms in Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "Researchers linked the intrusion to APT28. The group has targeted firms in Norway.")
    assert ("APT28", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 and APT28 share tools. The group has targeted shipping firms in Norway.")
    assert ("APT28", "targeted", "Norway") in said
    said = _said(galaxy_kb, "Vermin is a threat actor. They have targeted shipping firms in Norway.")
    assert ("UAC-0020", "targeted", "Norway") in said  # "Vermin" names a malware too: "They" is the group
    assert not any(s == "VERMIN" and p == "targeted" for s, p, _ in said)


def test_a_deed_with_its_own_victim_is_no_victim_the_victim_after_it_is(galaxy_kb: KnowledgeBase) -> None:
    """ "including multiple attacks on X", "including a major breach of X", "highly targeted cyber espionage
    campaigns against X": the victim is X, not the deed; "in targeted compromises" names no victim at all. A deed
    whose "of" names its owner ("the campaigns of several candidates") and a noun a deed only qualifies ("the area
    of operations of the navy") stay as they are."""
    said = _said(galaxy_kb, "APT33 has attacked victims in many sectors, including multiple attacks on port operators.")
    assert ("APT33", "targeted", "port operators") in said
    assert not any("attacks" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 is known for attacks on Norwegian firms, including a major breach of Statoil.")
    assert ("APT33", "targeted", "Statoil") in said
    assert not any("breach" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 has conducted highly targeted cyber espionage campaigns against shipping firms.")
    assert ("APT33", "targeted", "shipping firms") in said
    assert not any("campaigns" in o for _, _, o in said)
    said = _said(galaxy_kb, "ShimRat has been used in targeted compromises.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 hacked the campaigns of several candidates.")
    assert ("APT33", "targeted", "the campaigns of several candidates") in said
    said = _said(galaxy_kb, "APT33 targeted the area of operations of the Norwegian navy.")
    assert ("APT33", "targeted", "the area of operations of the Norwegian navy") in said


def test_a_described_deed_after_a_copula_is_the_deed_named_before_it(galaxy_kb: KnowledgeBase) -> None:
    """ "X was a cyber espionage campaign attributed to Y": the described deed renames the campaign named before
    the copula and states nothing of its own ("a campaign" attributed to Y). A deed after its doer ("APT33 ran a
    campaign attributed to Iran") stays the doer's, as before."""
    said = _said(galaxy_kb, "Operation Dream Job was a cyber espionage operation attributed to Lazarus Group.")
    assert ("Operation Dream Job", "attributed_to", "Lazarus Group") in said
    assert not any(s.startswith("a ") for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 conducted a campaign attributed to Iran.")
    assert ("APT33", "attributed_to", "Iran") in said


def test_a_described_phrase_after_a_verb_of_assessing_and_as_is_the_name(galaxy_kb: KnowledgeBase) -> None:
    """ "Talos assesses X as a China-nexus threat actor", "researchers have identified [X](...) as a likely ...
    group": the phrase speaks of X, as after a copula, and states nothing of its own. "as" after a thing used
    ("used the tool as a backdoor") renames nothing."""
    said = _said(galaxy_kb, "Talos assesses APT33 as a China-nexus threat actor, providing infrastructure to others.")
    assert ("APT33", "linked_to", "China") in said
    assert not any(s.startswith("a ") for s, _, _ in said)
    said = _said(
        galaxy_kb,
        "Security researchers have identified [APT33](https://attack.mitre.org/groups/G0064) as a likely Iranian "
        "state-sponsored group.",
    )
    assert ("APT33", "attributed_to", "Iran") in said
    assert not any(s.startswith("a ") for s, _, _ in said)
    said = _said(galaxy_kb, "Microsoft has tracked APT33 as the primary threat group targeting Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33 used a Chinese hacking group as a proxy against Norway.")
    assert not any(s == "APT33" and p == "attributed_to" for s, p, _ in said)


def test_a_reference_with_no_antecedent_in_a_description_is_the_record_described(
    galaxy_db: Path, tmp_path: Path
) -> None:
    """A galaxy description is about its record: "This threat actor targets X", with no name before it, says
    the record targets X. The same sentence in any other text keeps its described subject for the analyst, a
    reference of another kind ("This campaign") is no group, and a reference with a name in it ("the Orion
    Falcon threat actor") names another."""
    db = tmp_path / "desc.db"
    shutil.copy(galaxy_db, db)
    with KnowledgeBase.open(db) as kb:
        group = kb.entity_id("Kimsuky")
        texts = {
            f"desc:{group}": "This threat actor targets shipping firms in Norway. The group also targets ports.",
            "t-report": "This threat actor targets shipping firms in Norway.",
        }
        said = _targeted_in(kb, texts)
        norway = kb.entity_id("Norway")
        assert (group, norway, f"desc:{group}") in said
        assert any(s == group and src.startswith("desc:") and o != norway for s, o, src in said)  # "The group"
        assert not any(s == group for s, _, src in said if src == "t-report")
        assert any(s.startswith("p-threat-group-this-threat-actor") for s, _, src in said if src == "t-report")

        near = {
            f"desc:{kb.entity_id('APT28')}": "This campaign targets shipping firms in Norway. "
            "The Orion Falcon threat actor targets ports in Norway."
        }
        assert not any(s == kb.entity_id("APT28") for s, _, _ in _targeted_in(kb, near))


def test_a_nationality_word_after_a_described_deed_is_the_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "X is a hacktivist group known for disrupting Iranian state-run TV": "Iranian" is the TV's, what the
    group's deed acts on, not the group's; before the head, or after "a group of", it is the group's."""
    said = _said(galaxy_kb, "APT33 is a hacktivist group known for disrupting Iranian state-run radio stations.")
    assert not any(s == "APT33" and p == "attributed_to" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 is a protest collective targeting Iranian state-run newspapers.")
    assert not any(s == "APT33" and p == "attributed_to" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 is a group of Iranian state-sponsored hackers.")
    assert ("APT33", "attributed_to", "Iran") in said
    said = _said(galaxy_kb, "APT33 is an Iranian state-sponsored group known for disrupting radio stations.")
    assert ("APT33", "attributed_to", "Iran") in said


def test_a_lone_as_or_along_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "deployed it to targets as part of a campaign", "targeted X, along with sporadic targeting of Y": the
    "as" and "along" a list leaves behind propose no entity and make no statement; a name that begins with
    those letters ("Astra Bank") and the list's other items stay."""
    from cyberstate.extract.candidates import candidates

    def proposed(text: str) -> set[str]:
        x = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store))
        return {e.name for e in candidates(x, "t-1", published=None, assertors={}).entities.values()}

    said = proposed("APT33 has used a backdoor since 2019, when it deployed it to targets as part of a campaign.")
    assert "as" not in said
    said = proposed("APT33 has targeted shipping firms, along with sporadic targeting of journalists.")
    assert "along" not in said and "shipping firms" in said
    said = proposed("APT33 targeted Astra Bank as well as telecom firms.")
    assert {"Astra Bank", "telecom firms"} <= said


def test_a_participle_after_a_preposition_qualifies_its_noun(galaxy_kb: KnowledgeBase) -> None:
    """ "sent emails from compromised webmail accounts", "persistence in compromised clusters": the accounts are
    the means, "compromised" qualifies them and is no deed of the sentence's actor; the verb itself ("APT33
    compromised X", "targeted and compromised X") still is."""
    said = _said(galaxy_kb, "APT33 sent phishing emails from compromised webmail accounts to shipping firms.")
    assert not any(p == "targeted" and "webmail" in o for _, p, o in said)
    said = _said(galaxy_kb, "APT33 keeps persistence in compromised cloud clusters of a hosting provider.")
    assert not any(p == "targeted" and "clusters" in o for _, p, o in said)
    said = _said(galaxy_kb, "APT33 compromised webmail accounts of shipping firms.")
    assert any(s == "APT33" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 has targeted and compromised routers of shipping firms.")
    assert any(s == "APT33" and p == "targeted" and "routers" in o for s, p, o in said)


def test_a_sectors_name_before_its_users_or_tools_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "malware designed to target cryptocurrency users", "extensions targeting cryptocurrency development
    tools": the users and the tools are aimed at, the sector's name only says which; one lower-case modifier may
    stand between. The sector itself ("cryptocurrency exchanges"), or a sector before "and" and another
    ("healthcare and information technology firms"), stays."""
    said = _said(galaxy_kb, "APT33 spreads a stealer designed to target cryptocurrency users in Brazil.")
    assert not any(p == "targeted" and o == "Cryptocurrency" for _, p, o in said)
    said = _said(galaxy_kb, "APT33 published fake extensions targeting cryptocurrency development tools.")
    assert not any(p == "targeted" and o in ("Cryptocurrency", "Development") for _, p, o in said)
    said = _said(galaxy_kb, "APT33 has targeted cryptocurrency exchanges in Brazil.")
    assert ("APT33", "targeted", "Cryptocurrency") in said
    said = _said(galaxy_kb, "APT33 has targeted healthcare and information technology firms in Brazil.")
    assert ("APT33", "targeted", "Healthcare") in said


def test_the_actors_next_verb_ends_its_list_of_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "targets X, Y and Z and leverages A and B", "targeted X and used a backdoor ...": the verb after "and"
    starts the actor's next deed, and what it takes is no victim; a plural noun after "and" ("banks and
    insurers in Y") and an adverb before a place ("and sometimes North America") stay items of the list."""
    said = _said(galaxy_kb, "APT33 also targets Norway, Chile and Peru and leverages Mimikatz and Zorro Stealer Kit.")
    assert {o for s, p, o in said if s == "APT33" and p == "targeted"} == {"Norway", "Chile", "Peru"}
    said = _said(galaxy_kb, "APT33 targets Norway and Chile and uses a custom backdoor named Zorro.")
    assert {o for s, p, o in said if s == "APT33" and p == "targeted"} == {"Norway", "Chile"}
    said = _said(galaxy_kb, "APT33 targets banks and insurers in Norway.")
    assert ("APT33", "targeted", "insurers") in said
    said = _said(galaxy_kb, "APT33 targets hotels located in Peru and sometimes Chile, and Norway.")
    assert ("APT33", "targeted", "Norway") in said


def test_a_described_phrase_renaming_an_unfound_name_of_the_record_is_the_record(
    galaxy_db: Path, tmp_path: Path
) -> None:
    """ "Velvet Crew is a hacktivist group targeting X" in the description of the record named Velvet Chollima:
    the store does not know the name as written, but its first word starts one of the record's names, so the
    indefinite phrase that renames it is the record. Another name ("Orion Crew is a ..."), or the same
    sentence in another record's description, keeps the described subject."""
    db = tmp_path / "desc.db"
    shutil.copy(galaxy_db, db)
    with KnowledgeBase.open(db) as kb:
        group, other = kb.entity_id("Velvet Chollima"), kb.entity_id("APT28")
        texts = {
            f"desc:{group}": "Velvet Crew is a hacktivist group targeting shipping firms in Norway. "
            "Orion Crew is a hacktivist group targeting ports in Chile.",
            f"desc:{other}": "Velvet Crew is a hacktivist group targeting shipping firms in Peru.",
        }
        said = {(s, o) for s, o, _ in _targeted_in(kb, texts)}
        assert (group, kb.entity_id("Norway")) in said
        assert not any(s == group for s, o in said if o == kb.entity_id("Chile"))
        assert not any(s in (group, other) for s, o in said if o == kb.entity_id("Peru"))


def test_an_alias_marker_in_capitals_opening_a_bracket_is_no_part_of_a_name(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 (AKA 9Lantern or Slate Heron)": "AKA" marks the names and is none of them, and after it a name
    may open with a figure. A bracket with no marker keeps its names; a figure opening one is no name there."""
    said = _said(galaxy_kb, "APT33 (AKA 9Lantern or Slate Heron) targeted shipping firms in Norway.")
    aliases = {o for s, p, o in said if s == "APT33" and p == "also_known_as"}
    assert aliases == {"9Lantern", "Slate Heron"}
    said = _said(galaxy_kb, "APT33 (Copper Lantern, Slate Heron) targeted shipping firms in Norway.")
    aliases = {o for s, p, o in said if s == "APT33" and p == "also_known_as"}
    assert aliases == {"Copper Lantern", "Slate Heron"}
    said = _said(galaxy_kb, "APT33 (9Lantern, Slate Heron) targeted shipping firms in Norway.")
    assert not any(p == "also_known_as" for _, p, _ in said)


def test_a_bare_participle_after_the_end_of_a_tie_is_what_the_subject_does(galaxy_kb: KnowledgeBase) -> None:
    """ "X is a threat actor linked to Russian Y, known for targeting Z": the participle after the tie's end and
    a comma says what X does, not Y, by the cue and by the frames alike. An apposition to the end (", a group
    known for targeting Z") or a relative clause (", which targets Z") says what Y does."""
    said = _said(galaxy_kb, "APT33 is a threat actor linked to Russian APT28, known for targeting ports in Peru.")
    assert ("APT33", "targeted", "Peru") in said
    assert not any(s == "APT28" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 is linked to APT28, primarily targeting banks in Peru.")
    assert {s for s, p, _ in said if p == "targeted"} == {"APT33"}
    said = _said(galaxy_kb, "APT33 has been linked to APT28, a group known for targeting ports in Peru.")
    assert ("APT28", "targeted", "Peru") in said
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33 has been linked to APT28, which targets ports in Peru.")
    assert ("APT28", "targeted", "Peru") in said


def test_a_described_phrase_opening_a_description_is_the_record(galaxy_db: Path, tmp_path: Path) -> None:
    """A galaxy description that opens with an indefinite described phrase ("A likely espionage-focused,
    Korea-nexus threat actor group that has targeted X") describes its record: the phrase, however the
    extractor cut it, is the record in that first sentence. A phrase in a later sentence, or one that an
    opening of another kind only mentions ("A 2019 report by analysts describes a hacktivist group ..."),
    keeps its described subject."""
    db = tmp_path / "desc.db"
    shutil.copy(galaxy_db, db)
    with KnowledgeBase.open(db) as kb:
        group, other = kb.entity_id("Velvet Chollima"), kb.entity_id("APT28")
        texts = {
            f"desc:{group}": "A likely espionage-focused, Korea-nexus threat actor group that has targeted shipping "
            "firms in Norway. A hacktivist group targeted ports in Chile.",
            f"desc:{other}": "A 2019 report by analysts describes a hacktivist group targeting shipping firms in Peru.",
        }
        said = {(s, o) for s, o, _ in _targeted_in(kb, texts)}
        assert (group, kb.entity_id("Norway")) in said
        assert not any(s == group for s, o in said if o == kb.entity_id("Chile"))
        assert not any(s in (group, other) for s, o in said if o == kb.entity_id("Peru"))
        assert any(o == kb.entity_id("Peru") for s, o in said)


def test_a_list_item_opening_with_a_verb_in_the_perfect_ends_the_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted other industries, such as ports and hospitals, and has been tied to other actors, including X",
    "targets ports in Peru and has been observed using various tools, including Y": the list of victims ends
    at the verb of its own, and what comes after it (the actors it is tied to, the tools it uses) is no victim;
    the items before it are. Without that verb the list goes on."""
    said = _said(
        galaxy_kb,
        "APT33 has also targeted other industries, such as ports and hospitals, and has been tied to other actors, "
        "including CopperHeron and SlateOwl.",
    )
    assert {"ports", "hospitals"} <= {o for s, p, o in said if p == "targeted"}
    assert not any(o in ("CopperHeron", "SlateOwl") for _, p, o in said if p == "targeted")
    said = _said(
        galaxy_kb, "APT33 targets ports in Peru and has been observed using various tools, including Deed RAT."
    )
    assert ("APT33", "targeted", "ports") in said
    assert not any(o == "Deed RAT" for _, p, o in said if p == "targeted")
    said = _said(
        galaxy_kb, "APT33 has also targeted other industries, such as ports, and other actors, including CopperHeron."
    )
    assert ("APT33", "targeted", "CopperHeron") in said


def test_a_verb_joined_by_and_has_been_is_the_subjects_not_its_objects(galaxy_kb: KnowledgeBase) -> None:
    """ "X targets banks in Peru and Chile, and has been linked to Y", "X has code overlap with the Y toolset, and
    has been linked to several campaigns targeting Z": the verb after ", and has been" is X's, not that of the
    last name X's first verb took. A clause with a subject of its own (", and Y has been linked to W") or a
    relative clause (", which has been linked to") keeps it."""
    said = _said(galaxy_kb, "APT33 targets banks in Peru and Chile, and has been linked to Turla.")
    assert {s for s, p, _ in said if p == "linked_to"} == {"APT33"}
    said = _said(
        galaxy_kb,
        "APT33 has code overlap with the Turla toolset, and has been linked to several campaigns targeting ports "
        "in Peru.",
    )
    assert ("APT33", "targeted", "Peru") in said
    assert not any(s == "Turla" for s, p, _ in said if p == "targeted")
    said = _said(galaxy_kb, "APT33 targets banks in Peru, and Turla has been linked to Gamaredon.")
    assert {s for s, p, _ in said if p == "linked_to"} == {"Turla"}
    said = _said(
        galaxy_kb, "APT33 has code overlap with Turla, which has been linked to campaigns targeting ports in Peru."
    )
    assert ("Turla", "targeted", "Peru") in said


def test_a_designation_that_names_or_classes_is_no_sanction(galaxy_kb: KnowledgeBase) -> None:
    """ "an actor designated as X", "designated it a 'centre of excellence'", "was designated a terrorist
    organization by Y": "designated" before "as", an article or a quotation gives a name or a class, and the
    name or class is no one sanctioned (the passive still reads who was designated). "The Treasury designated
    X and a front company" sanctions them."""
    said = _said(
        galaxy_kb,
        "According to Mandiant, the loader is maintained by a Spanish-speaking actor designated as COPPER HERON.",
    )
    assert not any(p == "sanctioned" for _, p, _ in said)
    said = _said(
        galaxy_kb, "In 2019, the Ministry of Defence designated it a 'centre of excellence', and most join the navy."
    )
    assert not any(p == "sanctioned" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 hit ports in Peru, and was formerly designated a terrorist organization by Norway.")
    assert {(s, o) for s, p, o in said if p == "sanctioned"} == {("Norway", "APT33")}
    said = _said(galaxy_kb, "The Treasury designated APT33 and a front company.")
    assert ("US Department of the Treasury", "sanctioned", "APT33") in said


def test_a_phrase_opened_by_any_proposes_no_entity() -> None:
    """ "use the name X to refer to any activity attributed to Y": "any activity" speaks of whatever there may
    be, and proposes no entity, so no statement; "hacking activity", "company activity" are proposed."""
    from cyberstate.extract.candidates import Candidates, _entity_for
    from cyberstate.extract.mentions import Mention

    out = Candidates()
    for junk in ("any activity", "any other threat group", "Any group"):
        assert _entity_for(Mention(0, len(junk), junk, proposed_kind="operation"), "doc-a", out) is None, junk
    for kept in ("hacking activity", "company activity", "Anywhere Panda"):
        assert _entity_for(Mention(0, len(kept), kept, proposed_kind="operation"), "doc-a", out) is not None, kept


def test_a_count_opening_a_list_is_no_part_of_its_first_item(galaxy_kb: KnowledgeBase) -> None:
    """ "a range of government and private organizations", "a number of ports and shipyards": the count is of
    every item, so the first item is "government" (read as the sector) or "ports", not "a range of government";
    a count before a word that alone names no one ("a wide array of entities across X and Y") keeps it."""
    said = _said(galaxy_kb, "APT33 has targeted a range of government and private organizations in Peru.")
    victims = {o for s, p, o in said if p == "targeted"}
    assert "Government" in victims and not any(o.startswith("a range") for o in victims)
    said = _said(galaxy_kb, "APT33 has targeted a number of ports and shipyards in Chile.")
    assert {"ports", "shipyards"} <= {o for s, p, o in said if p == "targeted"}
    said = _said(galaxy_kb, "APT33 has targeted a wide array of entities across Peru and Chile.")
    assert ("APT33", "targeted", "a wide array of entities") in said


def test_an_alias_that_is_the_subjects_own_name_is_no_statement(galaxy_kb: KnowledgeBase) -> None:
    """ "Fancy Bear, also known as APT28 or Velvet Marten": the store finds "Fancy Bear" as the entity named
    APT28, so "APT28" gives that entity its own name and is no alias; "Velvet Marten" is one. A name the
    subject's entity is not called keeps its alias."""
    said = _aliases(galaxy_kb, "Fancy Bear, also known as APT28 or Velvet Marten, targeted ports in Peru.")
    assert said == {("APT28", "Velvet Marten")}
    said = _aliases(galaxy_kb, "Fancy Bear, also known as Turla or Velvet Marten, targeted ports in Peru.")
    assert said == {("APT28", "Turla"), ("APT28", "Velvet Marten")}


def _aliases(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["object"]["name"]) for c in claims if c["predicate"] == "also_known_as"}


def test_a_body_or_vendor_before_its_members_or_users_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "organizations in Peru and NATO countries", "Microsoft 365 users", "Southeast Asian countries": the
    body, the vendor or the people's word before "countries", "users" or "customers" says whose they are, and is
    no victim of its own (the whole phrase stays one). Named as an item of its own ("NATO and Microsoft"), the
    body and the vendor are victims."""
    said = _said(galaxy_kb, "APT33 has targeted organizations in Peru and NATO countries, including military staff.")
    victims = {o for s, p, o in said if p == "targeted"}
    assert "NATO" not in victims and "NATO countries" in victims
    said = _said(galaxy_kb, "APT33 targets Microsoft 365 users with phishing campaigns.")
    assert {o for s, p, o in said if p == "targeted"} == {"Microsoft 365 users"}
    said = _said(galaxy_kb, "APT33 has targeted organizations in Peru and Southeast Asian countries.")
    assert {o for s, p, o in said if p == "targeted"} == {"Peru"}
    said = _said(galaxy_kb, "APT33 targeted NATO and Microsoft in 2021.")
    assert {"NATO", "Microsoft"} <= {o for s, p, o in said if p == "targeted"}


def test_since_opening_a_described_doer_is_no_part_of_it(galaxy_kb: KnowledgeBase) -> None:
    """ "..., since nation-state actors accessed routers in Peru": "since" opens the clause, and the doer is
    "nation-state actors", as after "because"."""
    said = _said(
        galaxy_kb, "The botnet differed from earlier cases, since nation-state actors accessed routers in Peru."
    )
    assert ("nation-state actors", "targeted", "routers") in said
    assert not any(s.lower().startswith("since") for s, _, _ in said)
    said = _said(galaxy_kb, "The botnet differed from earlier cases, because state hackers breached ports in Peru.")
    assert ("state hackers", "targeted", "ports") in said


def test_a_participle_after_what_a_subgroup_comes_from_is_the_subgroups(galaxy_kb: KnowledgeBase) -> None:
    """ "Copper Marten is a subgroup of APT33 targeting X", "a successor to the notorious APT33 group targeting X":
    the participle is said of the subgroup or the successor, so APT33 targets nothing there. Named as the one
    doing it ("APT33, a successor to APT3, has been targeting X") it does."""
    said = _said(galaxy_kb, "Copper Marten is a subgroup of APT33 targeting shipping firms in Peru.")
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "Researchers found a successor to the notorious APT33 group targeting ports in Chile.")
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "APT33, a successor to APT3, has been targeting shipping firms in Peru.")
    assert ("APT33", "targeted", "Peru") in said


def test_a_deed_tied_to_its_doer_is_no_deed_by_no_one(galaxy_kb: KnowledgeBase) -> None:
    """ "A suspected threat cluster has been linked to attacks aimed at X": the attacks are the cluster's, so
    "attacks" is no doer of its own; a deed told with no doer ("a wave of attacks aimed at X") still is."""
    said = _said(galaxy_kb, "A suspected threat cluster has been linked to attacks aimed at Peruvian shipping firms.")
    assert not any(s == "attacks" for s, _, _ in said)
    said = _said(galaxy_kb, "The report describes a wave of attacks aimed at Peruvian shipping firms.")
    assert any(s == "attacks" and p == "targeted" for s, p, _ in said)


def test_targeting_as_a_noun_aims_at_no_one(galaxy_kb: KnowledgeBase) -> None:
    """ "differences in targeting patterns and TTPs", "similar targeting and tradecraft": "targeting" is a noun
    there, so the noun after it or after "and" is no victim. Joined by "and" to a verb ("targeting and
    compromising X") or followed by its object, it is the verb."""
    said = _said(galaxy_kb, "Analysts noted that APT33 and APT34 display differences in targeting patterns and TTPs.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 is tied to APT34 based on similar targeting and tradecraft.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 has been targeting and compromising shipping firms in Peru.")
    assert ("APT33", "targeted", "Peru") in said
    said = _said(galaxy_kb, "APT33 has been targeting patent offices in Peru.")
    assert ("APT33", "targeted", "Peru") in said


def test_what_is_set_aside_is_no_part_of_the_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "used to attack shipping firms instead of ports": the victim ends before "instead of" (or "rather than"),
    and what is set aside is no victim. "instead" that opens the verb ("instead targeted X") ends nothing."""
    said = _said(galaxy_kb, "APT33 is typically used to attack shipping firms instead of ports in Peru.")
    assert {o for _, p, o in said if p == "targeted"} == {"shipping firms"}
    said = _said(galaxy_kb, "APT33 instead targeted shipping firms in Peru.")
    assert ("APT33", "targeted", "Peru") in said


def test_not_before_instead_denies_only_its_own_clause(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 is not known to have written its own malware, instead deploying X": what follows "instead" is
    affirmed; "not" with no "instead" after it ("is not known to have deployed X") still denies."""
    said = _negated(galaxy_kb, "APT33 is not known to have written its own ransomware, instead deploying PlugX.")
    assert ("APT33", "used", "PlugX", False) in said
    said = _negated(galaxy_kb, "APT33 is not known to have deployed PlugX in its intrusions.")
    assert ("APT33", "used", "PlugX", True) in said


def _negated(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["name"], c["negated"]) for c in claims if c["object"]}


def test_a_list_item_with_its_own_subject_and_verb_ends_the_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "Where earlier operations targeted ports in Peru and shipping firms, recent espionage attacks targeted banks,
    insurers, and airlines in Chile": the comma ends the first clause's victims, so the earlier operations did not
    target the banks, the insurers or Chile; the second clause's verb reads its own. A list with no clause in it
    goes on to its last item."""
    said = _said(
        galaxy_kb,
        "Where earlier operations mainly targeted ports in Peru and shipping firms, recent espionage attacks "
        "targeted banks, insurers, and airlines in Chile.",
    )
    earlier = {o for s, p, o in said if s == "operations" and p == "targeted"}
    assert earlier == {"ports", "Peru", "shipping firms"}
    assert ("recent espionage attacks", "targeted", "Chile") in said
    said = _said(galaxy_kb, "APT33 mainly targeted ports in Peru, shipping firms, and airlines in Chile.")
    assert {"airlines", "Chile"} <= {o for s, p, o in said if s == "APT33" and p == "targeted"}


def test_a_nationality_after_pro_is_no_attribution(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 is a pro-Iranian hacking group": the group takes Iran's side, Iran does not stand behind it; "an
    Iranian hacking group" is Iran's."""
    said = _said(galaxy_kb, "APT33 is a pro-Iranian hacking group that has been active since at least 2020.")
    assert not any(p in ("attributed_to", "linked_to") and o == "Iran" for _, p, o in said)
    said = _said(galaxy_kb, "APT33 is an Iranian hacking group that has been active since at least 2020.")
    assert ("APT33", "attributed_to", "Iran") in said


def test_who_indicates_what_a_clause_tells_does_not_do_it(galaxy_kb: KnowledgeBase) -> None:
    """ "Peruvian cybersecurity authorities indicate that Zorblax operators have targeted X": the authorities
    report the deed, whoever the operators are; a doer named in the clause ("that APT33 has targeted X") did it."""
    said = _said(
        galaxy_kb,
        "Peruvian cybersecurity authorities indicate that Zorblax operators have primarily targeted victims in the "
        "healthcare sector.",
    )
    assert not any("authorities" in s for s, _, _ in said)
    said = _said(
        galaxy_kb,
        "Peruvian cybersecurity authorities indicate that APT33 has primarily targeted victims in the healthcare "
        "sector.",
    )
    assert any(s == "APT33" and p == "targeted" for s, p, _ in said)


def test_a_clause_of_contrast_names_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "targeting Peru though effects had been observed in Chile": the clause after "though" tells where
    effects were seen, not whom the doer aimed at; "though, rarely, also Chile" (no verb) still lists it."""
    said = _said(galaxy_kb, "APT33 has targeted Peru though effects had been observed in Chile and Bolivia.")
    assert {o for s, p, o in said if p == "targeted"} == {"Peru"}
    said = _said(galaxy_kb, "APT33 has targeted Peru and, although rarely, Chile.")
    assert {"Peru", "Chile"} <= {o for s, p, o in said if p == "targeted"}


def test_a_tool_used_during_a_campaign_by_a_group_is_the_groups_means(galaxy_kb: KnowledgeBase) -> None:
    """ "PlugX was used during the Port Storm campaign by APT41 to target X": APT41 targeted X, PlugX is its tool,
    as in "used by APT41 to target X"; used "in attacks" with no user named, the tool keeps the deed."""
    said = _said(galaxy_kb, "PlugX was used during the Port Storm campaign by APT41 to target hospitals in Norway.")
    assert ("APT41", "targeted", "hospitals") in said
    assert not any(s == "PlugX" and p == "targeted" for s, p, _ in said)
    said = _said(galaxy_kb, "PlugX was used in attacks on Norwegian ports to target hospitals in Norway.")
    assert ("PlugX", "targeted", "hospitals") in said


def test_a_name_identified_as_one_of_the_actors_behind_a_deed_is_its_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "Radware identified APT33 as one of the primary actors behind attacks targeting X": APT33 is among the
    doers, not "the primary actors" apart from it; "compared APT33 with one of the actors" names another doer."""
    said = _said(
        galaxy_kb,
        "Radware identified APT33 as one of the primary actors behind a series of DDoS attacks targeting "
        "government entities in Peru.",
    )
    assert ("APT33", "targeted", "government entities") in said
    assert not any(s == "the primary actors" for s, _, _ in said)
    said = _said(
        galaxy_kb,
        "Radware compared APT33 with one of the primary actors behind a series of DDoS attacks targeting "
        "government entities in Peru.",
    )
    assert not any(s == "APT33" and p == "targeted" for s, p, _ in said)


def test_a_bare_modifier_takes_the_head_of_its_own_list_before_the_places(galaxy_kb: KnowledgeBase) -> None:
    """ "government, consular, financial, and shipping organizations in Peru and Chile": "consular" takes the head
    of the last item of its own list ("organizations"), not the places' after "in", and is no bare adjective;
    "food and beverage" is one modifier, whose "beverage" takes no head of its own."""
    said = _said(
        galaxy_kb, "APT33 has targeted government, consular, financial, and shipping organizations in Peru and Chile."
    )
    assert ("APT33", "targeted", "consular organizations") in said
    assert ("APT33", "targeted", "consular") not in said
    said = _said(galaxy_kb, "APT33 has targeted retail, food and beverage, and shipping industries in Peru.")
    assert ("APT33", "targeted", "beverage industries") not in said


def test_a_verb_of_seeming_after_a_deed_noun_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    """ "The initial access vector for the APT33 attacks remains unclear": "attacks" is a noun, and "remains
    unclear" what is said of the vector, no victim; "APT33 attacks remote workers" (no verb of seeming) keeps them."""
    said = _said(galaxy_kb, "The initial access vector for the APT33 attacks remains unclear.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 attacks remote workers in Peru.")
    assert ("APT33", "targeted", "remote workers") in said


def test_a_pronoun_and_its_verb_end_the_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "attacking banks in Peru, and it consistently claims the highest ransom payments": "it claims" opens a
    clause of its own, no victim; "and insurers in Chile" (no pronoun, no verb) is an item of the list."""
    said = _said(
        galaxy_kb,
        "APT33 is believed to be responsible for attacking banks in Peru, and it consistently claims the highest "
        "ransom payments of any gang.",
    )
    assert not any(p == "targeted" and o.startswith("it ") for _, p, o in said)
    assert ("APT33", "targeted", "Peru") in said
    said = _said(galaxy_kb, "APT33 attacked banks in Peru, and insurers in Chile.")
    assert "insurers" in {o for _, p, o in said if p == "targeted"}


def test_was_and_a_participle_after_the_victims_ends_them(galaxy_kb: KnowledgeBase) -> None:
    """ "was targeting shipping firms and was reportedly interested in Peruvian ports": a predicate of its own with
    "was" and a participle ends the victims, as "has been active in" does; the ports are no victims. A relative
    clause with "were" and a participle after a victim ("ports that were reportedly exposed") keeps it."""
    said = _said(
        galaxy_kb,
        "APT33 was targeting shipping firms and was reportedly interested in Peruvian ports for initial access.",
    )
    assert ("APT33", "targeted", "Peruvian ports") not in said
    assert ("APT33", "targeted", "shipping firms") in said
    said = _said(galaxy_kb, "APT33 targeted shipping firms and ports that were reportedly exposed.")
    assert ("APT33", "targeted", "ports") in said


def test_a_participle_after_reliance_or_a_count_qualifies_its_noun(galaxy_kb: KnowledgeBase) -> None:
    """ "relies heavily on compromised routers", "linked to 2,513 compromised accounts": the participle qualifies
    the noun after it (what the doer works with, what it is tied to), and names no victim; the verb after the
    doer ("APT33 compromised 40 routers in Peru") and after a name's number ("Unit 61398 compromised") stands."""
    said = _said(galaxy_kb, "APT33 relies heavily on compromised routers, phishing, and malware to move funds.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "APT33 has been linked to 2,513 compromised accounts sold on dark-web markets.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _said(galaxy_kb, "In 2019 APT33 compromised 40 routers in Peru.")
    assert ("APT33", "targeted", "Peru") in said
    said = _said(galaxy_kb, "Unit 61398 compromised routers in Peru.")
    assert ("PLA Unit 61398", "targeted", "Peru") in said


def test_a_criminal_organization_renames_the_group_before_it(galaxy_kb: KnowledgeBase) -> None:
    """ "The APT33 group is a cyber-criminal organization that has targeted Peru": a criminal or hacking
    organisation is a group of actors, and with the name's own head noun ("The APT33 group") before the copula it
    renames the name, which is the doer. A described organisation with no name before it keeps its words, and a
    body ("a cybersecurity organization") renames no group."""
    said = _said(galaxy_kb, "The APT33 group is a cyber-criminal organization that has targeted banks in Peru.")
    assert ("APT33", "targeted", "Peru") in said
    assert not any(s == "a cyber-criminal organization" for s, _, _ in said)
    said = _said(galaxy_kb, "A cyber-criminal organization has targeted banks in Peru.")
    assert ("A cyber-criminal organization", "targeted", "Peru") in said
    for text, kind in (
        ("A cyber-criminal organization warned banks.", "threat_group"),
        ("A cybersecurity organization warned banks.", "other_organisation"),
    ):
        assert [(m.text, m.proposed_kind) for m in described(text, 0, len(text), [])] == [(text[:-14], kind)]


def test_a_renaming_phrase_keeps_its_modifiers_across_a_comma(galaxy_kb: KnowledgeBase) -> None:
    """ "APT33 is a well-resourced, highly dedicated and organized espionage group that has targeted X": a comma
    between the phrase's modifiers does not break the renaming, so the group named is the doer, not "organized
    espionage group". A comma before "and" ends the apposition: "APT33, a Russian group, and Chinese hackers
    targeted X" keeps the hackers as a doer of their own."""
    said = _said(
        galaxy_kb,
        "APT33 is a well-resourced, highly dedicated and organized espionage group that has targeted Norway.",
    )
    assert ("APT33", "targeted", "Norway") in said
    assert not any(s.endswith("espionage group") for s, _, _ in said)
    said = _said(galaxy_kb, "APT33 is a pro-Iranian, likely Peruvian hacktivist group that has targeted Norway.")
    assert ("APT33", "targeted", "Norway") in said
    said = _said(galaxy_kb, "APT33, a Russian group, and Chinese hackers targeted Norway.")
    assert ("Chinese hackers", "targeted", "Norway") in said


def test_a_tie_to_deeds_aimed_at_a_name_is_no_tie_to_it(galaxy_kb: KnowledgeBase) -> None:
    """ "linked to breaches across various sectors, including legal", "linked to intrusions at the Ministry of
    Defence": the subject is tied to the deeds, and what they hit is no one it is tied to. Deeds done by someone
    ("linked to attacks by the Peruvian Ministry of Defence") and a tie straight to a body stand."""
    said = _said(
        galaxy_kb, "APT33 has been linked to significant breaches across various sectors, including legal and retail."
    )
    assert not any(p == "linked_to" and o in ("Legal", "Retail") for _, p, o in said)
    said = _said(galaxy_kb, "APT33 has been linked to intrusions at the Ministry of Defence.")
    assert not any(p == "linked_to" and o.startswith("Ministry of Defence") for _, p, o in said)
    said = _said(galaxy_kb, "APT33 has been linked to attacks by the Peruvian Ministry of Defence.")
    assert ("APT33", "attributed_to", "Peruvian Ministry of Defence") in said
    said = _said(galaxy_kb, "APT33 has been linked to the Ministry of Defence.")
    assert any(s == "APT33" and p == "linked_to" and o.startswith("Ministry of Defence") for s, p, o in said)


def test_a_tie_reaches_no_name_past_a_verb_of_its_own(galaxy_kb: KnowledgeBase) -> None:
    """ "associated with reconnaissance against SentinelOne and has utilized ShadowPad": "and has utilized" opens a
    verb of its own, and ShadowPad is no end of the tie; a tie's own object before such a verb stands."""
    said = _said(
        galaxy_kb, "APT33 has been associated with reconnaissance against SentinelOne and has utilized ShadowPad."
    )
    assert not any(p == "linked_to" and o == "ShadowPad" for _, p, o in said)
    said = _said(galaxy_kb, "APT33 has been associated with Mustang Panda and has utilized ShadowPad.")
    assert ("APT33", "linked_to", "Mustang Panda") in said


def test_the_spread_over_sectors_after_a_place_is_no_part_of_it(galaxy_kb: KnowledgeBase) -> None:
    """ "targets entities in Norway across a number of industry sectors": Norway is the place of the victims, and
    the spread after it says how widely they were hit ("Norway across a number of industry sectors" names nothing).
    Right after the victims the spread is read as before, and a place after "across" stays a place."""
    said = _said(galaxy_kb, "APT33 primarily targets entities in Norway across a number of industry sectors.")
    assert ("APT33", "targeted", "Norway") in said
    assert not any("across" in o for _, _, o in said)
    said = _said(galaxy_kb, "APT33 focuses on smaller victims across diverse business sectors.")
    assert ("APT33", "targeted", "diverse business sectors") in said
    said = _said(galaxy_kb, "APT33 has targeted organizations in Norway across Europe.")
    assert ("APT33", "targeted", "Europe") in said


def test_a_deed_word_before_a_plural_deed_noun_only_qualifies_it(galaxy_kb: KnowledgeBase) -> None:
    """ "recent espionage attacks targeted X": the attacks are the doer, and "recent espionage" is no deed of its
    own beside them. A deed word that heads its phrase ("the espionage targeted X") keeps its reading."""
    said = _said(galaxy_kb, "Recent espionage attacks targeted shipping firms in Norway.")
    assert ("Recent espionage attacks", "targeted", "shipping firms") in said
    assert not any(s == "Recent espionage" for s, _, _ in said)
    said = _said(galaxy_kb, "The espionage targeted shipping firms in Norway.")
    assert ("The espionage", "targeted", "shipping firms") in said


def test_a_bare_victim_keeps_the_ties_that_say_which(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted groups with close ties to the Norwegian navy": the victims are those groups, not groups at large.
    "with" and what the deed was done with ("reporters with spearphishing emails") leave the victim as it is."""
    said = _said(galaxy_kb, "APT33 has targeted groups with close ties to the Norwegian navy.")
    assert ("APT33", "targeted", "groups with close ties to the Norwegian navy") in said
    assert ("APT33", "targeted", "groups") not in said
    said = _said(galaxy_kb, "APT33 has targeted reporters with spearphishing emails.")
    assert ("APT33", "targeted", "reporters") in said


def test_a_scene_one_is_involved_in_is_no_deed_of_its_own(galaxy_kb: KnowledgeBase) -> None:
    """ "a threat actor involved in a coordinated data brokerage ecosystem": the actor is one of many in the
    ecosystem, which is no deed attributed to it; "involved in the 2020 breach of X" still is."""
    said = _said(galaxy_kb, "APT33 is a threat actor involved in a coordinated data brokerage ecosystem in Norway.")
    assert not any(p == "attributed_to" and o == "APT33" for _, p, o in said)
    said = _said(galaxy_kb, "APT33 was involved in the 2020 breach of the Norwegian parliament.")
    assert ("the 2020 breach", "attributed_to", "APT33") in said


def test_a_bare_actor_phrase_that_opens_a_description_is_the_record_described(galaxy_db: Path, tmp_path: Path) -> None:
    """ "Adversary group targeting diplomatic missions ..." opening a galaxy description is the record's own line,
    as "A group targeting ..." is; the same sentence in any other text keeps its described subject, and a phrase
    opened by a capital determiner ("Some group") is no opening of the record."""
    db = tmp_path / "desc.db"
    shutil.copy(galaxy_db, db)
    with KnowledgeBase.open(db) as kb:
        group = kb.entity_id("Kimsuky")
        texts = {
            f"desc:{group}": "Adversary group targeting shipping firms in Norway.",
            "t-report": "Adversary group targeting shipping firms in Norway.",
        }
        said = _targeted_in(kb, texts)
        norway = kb.entity_id("Norway")
        assert (group, norway, f"desc:{group}") in said
        assert not any(s == group for s, _, src in said if src == "t-report")

        near = {f"desc:{kb.entity_id('APT28')}": "Some group targeting ports in Norway."}
        assert not any(s == kb.entity_id("APT28") for s, _, _ in _targeted_in(kb, near))


def test_the_attackers_own_infrastructure_is_no_sector(galaxy_kb: KnowledgeBase) -> None:
    """ "linked to malware infrastructure", "compromised infrastructure under their control": the servers a group
    runs or borrows, not the sector of critical infrastructure it attacks; infrastructure the victims run stays."""
    said = _said(galaxy_kb, "APT10 has been linked to malware infrastructure that abuses services to load DLLs.")
    assert not any(o == "Infrastructure" for _, _, o in said)
    said = _said(galaxy_kb, "APT10 has targeted transport infrastructure and ports in Laos.")
    assert ("APT10", "targeted", "Infrastructure") in said


def test_a_definite_phrase_of_one_actor_is_the_group_itself(galaxy_kb: KnowledgeBase) -> None:
    """ "The APT10 threat actor is distributing malware": the group named with the noun of what it is, not one of
    its members; "Four APT10 cyber actors" are people of the group."""
    said = _readings(galaxy_kb, "The APT10 threat actor is distributing malware through a Belgian VPN provider.")
    assert not any(p == "member_of_group" for _, p, _ in said)
    said = _readings(galaxy_kb, "Four APT10 cyber actors were charged in Belgium.")
    assert ("Four APT10 cyber actors", "member_of_group", "APT10") in said


def test_extortion_and_deployment_are_deeds_not_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "focused on small firms and data theft extortion": the extortion is what the actors do, not whom they aim
    at; "extortion victims" are victims."""
    text = "The shift is part of a trend in which criminal actors have increasingly focused on small firms and {}."
    said = _readings(galaxy_kb, text.format("data theft extortion"))
    assert ("criminal actors", "targeted", "small firms") in said
    assert not any(o.endswith("extortion") for _, _, o in said)
    said = _readings(galaxy_kb, text.format("extortion victims"))
    assert ("criminal actors", "targeted", "extortion victims") in said


def test_the_as_of_what_follows_is_no_part_of_the_victims(galaxy_kb: KnowledgeBase) -> None:
    """ "targeted network devices as part of its operations": the victims are the devices; a word ending in "as"
    ("oil and gas") keeps its letters."""
    said = _readings(galaxy_kb, "APT10 has notably targeted network devices as part of its operations.")
    assert ("APT10", "targeted", "network devices") in said
    assert ("APT10", "targeted", "gas") in _readings(galaxy_kb, "APT10 has notably targeted firms in oil and gas.")


def test_modifiers_after_a_joined_place_keep_the_renaming(galaxy_kb: KnowledgeBase) -> None:
    """ "X is a Russia-based financially motivated threat group": the place joined to its hyphened word and the
    modifiers after it qualify the phrase, which renames X; "threat group" is no one. A place that stands for
    itself before a preposition ("a China-based group of hackers") leaves the hackers their own reading."""
    said = _readings(galaxy_kb, "APT10 is a Russia-based financially motivated threat group known for TrickBot.")
    assert ("APT10", "located_in", "Russia") in said
    assert not any(s == "threat group" for s, _, _ in said)
    said = _readings(galaxy_kb, "APT10 is a China-based group of hackers that targeted Norway.")
    assert ("hackers", "targeted", "Norway") in said


def test_what_a_verb_of_using_takes_compromised_is_the_means(galaxy_kb: KnowledgeBase) -> None:
    """ "APT10 leverages tens of thousands compromised websites": "compromised" qualifies the websites the group
    uses, and names no victim of it; "APT10 compromised websites and accounts in Norway" is the deed."""
    said = _readings(galaxy_kb, "APT10 leverages tens of thousands compromised websites and mail accounts.")
    assert not any(p == "targeted" for _, p, _ in said)
    said = _readings(galaxy_kb, "APT10 compromised websites and mail accounts in Norway.")
    assert ("APT10", "targeted", "mail accounts") in said
