"""Who stands behind what: constructions of attribution, roles and charges, each read from a made-up sentence
(extract/frames.py; docs/extraction.md, "Statements")."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from readings import resolved


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, _ in resolved(kb, text)}


def test_a_grand_jury_returns_an_indictment_charging_people(galaxy_kb: KnowledgeBase) -> None:
    """ "a grand jury in <place> returned an indictment <when> charging X": the jury charges X, the place and the
    indictment between them notwithstanding."""
    said = _said(
        galaxy_kb,
        "A grand jury in Pittsburgh returned an indictment on Thursday charging three officers of the Ministry "
        "of State Security with computer fraud.",
    )
    assert ("A grand jury", "indicted", "three officers") in said
    said = _said(
        galaxy_kb,
        "A federal grand jury returned an indictment, unsealed this morning in Houston, Texas, charging two "
        "Chinese nationals with wire fraud.",
    )
    assert ("A federal grand jury", "indicted", "two Chinese nationals") in said


def test_a_deed_carries_its_backer_in_a_compound(galaxy_kb: KnowledgeBase) -> None:
    """ "the Chinese government-directed intrusions": the definite deed is the state's; a kind of deed ("conducts
    Chinese state-sponsored espionage activity") names no deed done."""
    said = _said(galaxy_kb, "Officials said the Chinese government-directed intrusions hit three ministries.")
    assert any(s == "the Chinese government-directed intrusions" and p == "attributed_to" for s, p, _ in said)
    said = _said(galaxy_kb, "APT41 is a group that conducts Chinese state-sponsored espionage activity.")
    assert not any(s.endswith("espionage activity") and p == "attributed_to" for s, p, _ in said)


def test_people_described_by_their_employer_and_a_role(galaxy_kb: KnowledgeBase) -> None:
    """ "five i-Soon employees", "two MSS officers": the employer named inside the phrase employs them; a
    nationality ("Chinese officials") is no employer."""
    said = _said(galaxy_kb, "Prosecutors named five i-Soon employees and two MSS officers as defendants.")
    assert ("five i-Soon employees", "employed_by", "Anxun Information Technology Co. Ltd.") in said
    assert ("two MSS officers", "employed_by", "Ministry of State Security") in said
    said = _said(galaxy_kb, "Two Chinese officials attended the meeting.")
    assert not any(p == "employed_by" for _, p, _ in said)


def test_a_bureau_of_its_ministry(galaxy_kb: KnowledgeBase) -> None:
    """ "the Hubei State Security Department (HSSD) of China's Ministry of State Security": the bureau said
    with "of" before its ministry is subordinate to it."""
    said = _said(
        galaxy_kb,
        "The hackers acted for the Hubei State Security Department (HSSD) of China's Ministry of State Security.",
    )
    assert ("Hubei State Security Department", "subordinate_to", "Ministry of State Security") in said


def test_a_deed_of_this_kind_committed_by_a_state(galaxy_kb: KnowledgeBase) -> None:
    """ "intrusions of this kind committed by China": the qualifier between the deed and its doer is read over."""
    said = _said(galaxy_kb, "The minister said sabotage operations of this kind committed by China must stop.")
    assert any(s == "sabotage operations" and p == "attributed_to" and o == "China" for s, p, o in said)


def test_a_deed_counted_and_dated_attributed_to_a_group_described_before_its_name(galaxy_kb: KnowledgeBase) -> None:
    """ "attributed at least 40 intrusions during the last decade to the hacking group APT31": the count, the
    time between the deed and "to", and the group's description before its name."""
    said = _said(
        galaxy_kb,
        "Investigators have attributed at least 40 intrusions during the last decade to the espionage group APT31.",
    )
    assert any(s.endswith("40 intrusions") and p == "attributed_to" and o == "APT31" for s, p, o in said)


def test_people_working_at_the_behest_of_a_body_named_by_apposition(galaxy_kb: KnowledgeBase) -> None:
    """ "worked at the behest of": direction, not employment; "China's civilian intelligence arm, the Ministry of
    State Security": the name the apposition gives is the object, not the state before it."""
    said = _said(
        galaxy_kb,
        "Three officers worked at the behest of China's civilian intelligence arm, the Ministry of State Security.",
    )
    assert ("Three officers", "operated_by", "Ministry of State Security") in said
    assert not any(p == "operated_by" and o == "China" for _, p, o in said)
    said = _said(galaxy_kb, "Two officers worked for the Ministry of State Security.")
    assert ("Two officers", "employed_by", "Ministry of State Security") in said


def test_a_deed_known_to_be_carried_out_by_an_actor(galaxy_kb: KnowledgeBase) -> None:
    """ "known to be / thought to be conducted by": a hedge like "believed to be" between the deed and its doer."""
    said = _said(galaxy_kb, "It was the largest espionage operation thought to be conducted by APT40 that year.")
    assert any(s.endswith("espionage operation") and p == "attributed_to" and o == "APT40" for s, p, o in said)


def test_charged_as_part_of_a_group(galaxy_kb: KnowledgeBase) -> None:
    """ "charging X as part of / as members of a group": membership, read through an adverb before the group."""
    said = _said(galaxy_kb, "Prosecutors charged two Chinese nationals as members of APT41.")
    assert ("two Chinese nationals", "member_of_group", "APT41") in said
    said = _said(galaxy_kb, "The indictment charges a Chinese national as part of a highly capable hacking group.")
    assert any(s == "a Chinese national" and p == "member_of_group" for s, p, _ in said)


def test_the_co_conspirator_a_pronoun_brings_along(galaxy_kb: KnowledgeBase) -> None:
    """ "the indictment charging him and his co-defendant, 35-year-old Chinese national Y, was unsealed by Z": Z
    charges Y (the pronoun is left to the reference step)."""
    said = _said(
        galaxy_kb,
        "The indictment charging him and his co-defendant, 35-year-old Chinese national Zhang Shilong, was unsealed "
        "Friday by the Justice Department.",
    )
    assert any(p == "indicted" and o == "Zhang Shilong" and "Justice" in s for s, p, o in said)


def test_a_bare_group_that_carries_its_tie_and_its_name(galaxy_kb: KnowledgeBase) -> None:
    """ "a group tied to X and known as Y": the bare "a group" is a description because its tie follows, and it
    stands for the name given later."""
    said = _said(
        galaxy_kb, "Officials said a group tied to the Ministry of Public Security and known as APT27 breached servers."
    )
    assert ("APT27", "linked_to", "Ministry of Public Security") in said


def test_a_state_actor_described_with_an_abbreviation_renames_its_group(galaxy_kb: KnowledgeBase) -> None:
    """ "A Chinese-state advanced persistent threat (APT) actor tracked as X": the bracketed abbreviation stays
    inside the description, and the state it carries reaches the group it renames."""
    said = _said(
        galaxy_kb, "A Chinese-state advanced persistent threat (APT) actor tracked as APT41 breached two ministries."
    )
    assert ("APT41", "attributed_to", "China") in said


def test_charged_with_belonging_to_a_bureau_through_alias_asides(galaxy_kb: KnowledgeBase) -> None:
    """ "charges A, who also goes by the name "X," and B, who is also known as "Y," with belonging to Z": both
    work for Z (a bureau: employment; a group would be membership), the alias asides notwithstanding."""
    said = _said(
        galaxy_kb,
        'The indictment charges Li Wei, who also goes by the name "Shadow," and Wang Lei, who is also known as '
        '"Ghost," with belonging to the Hubei State Security Department.',
    )
    assert ("Li Wei", "employed_by", "Hubei State Security Department") in said
    assert ("Wang Lei", "employed_by", "Hubei State Security Department") in said


def test_a_unit_within_the_body_above_it(galaxy_kb: KnowledgeBase) -> None:
    """ "Unit 61398 within the Strategic Support Force", "Unit 61398 of the PLA's 3rd Department": a numbered
    unit said with "of / within" the body above it is subordinate to it (a possessor before that body is the
    body's own parent); "a subsidiary to" reads as "a subsidiary of". A unit said "in" a place or beside
    another body is no part of it."""
    said = _said(galaxy_kb, "Engineers from Unit 61398 within the Strategic Support Force built the implant.")
    assert ("PLA Unit 61398", "subordinate_to", "PLA Strategic Support Force") in said
    said = _said(galaxy_kb, "The implant came from Unit 61398 of the PLA's 3rd Department in 2012.")
    assert ("PLA Unit 61398", "subordinate_to", "PLA General Staff Department Third Department") in said
    said = _said(galaxy_kb, "The Jiangsu State Security Department, a subsidiary to the MSS, paid the hackers.")
    assert ("Jiangsu State Security Department", "subordinate_to", "Ministry of State Security") in said
    said = _said(galaxy_kb, "Unit 61398 in Shanghai and the Strategic Support Force built the implant.")
    assert not any(p == "subordinate_to" for _, p, _ in said)


def test_a_persons_own_firm_named_after_his_or_her(galaxy_kb: KnowledgeBase) -> None:
    """ "X and his company, Y": the firm is tied to X (owned or run, the words do not say which); "His employer,
    Y, ..." opening the next sentence: X works for Y."""
    said = _said(
        galaxy_kb,
        "The Treasury designated Tao Renhe and his Hangzhou-based company, Huawen Data Services Company, Limited.",
    )
    assert ("Huawen Data Services Company, Limited", "linked_to", "Tao Renhe") in said
    said = _said(
        galaxy_kb,
        "Tao Renhe pleaded guilty last year. His employer, Huawen Data Services Company, Limited, sells tools "
        "to police.",
    )
    assert ("Tao Renhe", "employed_by", "Huawen Data Services Company, Limited") in said


def test_no_own_firm_without_a_person_or_a_named_firm(galaxy_kb: KnowledgeBase) -> None:
    """The pronoun's owner must be a person named before it, and the firm a name right after it."""
    said = _said(
        galaxy_kb, "The Treasury designated the broker and his company, Huawen Data Services Company, Limited."
    )
    assert not any(p in {"linked_to", "employed_by"} for _, p, _ in said)
    said = _said(galaxy_kb, "Tao Renhe pleaded guilty last year. His employer, a state firm, sells tools to police.")
    assert not any(p == "employed_by" for _, p, _ in said)


def test_a_unit_told_by_the_state_body_it_belongs_to(galaxy_kb: KnowledgeBase) -> None:
    """ "the Tianjin branch of the Ministry of State Security": the unit, told by its place or field and the body,
    is that body's subordinate; a unit of a firm, or one told by "a" in an apposition to a name, is not read so."""
    said = _said(galaxy_kb, "Analysts said the Ruritan branch of the Ministry of State Security ran the operation.")
    assert ("Ruritan branch of the Ministry of State Security", "subordinate_to", "Ministry of State Security") in said
    said = _said(galaxy_kb, "The signals intelligence arm of the People's Liberation Army grew last year.")
    assert any(s.startswith("signals intelligence arm") and p == "subordinate_to" for s, p, _ in said)
    # near misses: the unit of a firm, and an indefinite unit beside a name
    said = _said(galaxy_kb, "Analysts said the Ruritan sales department of Huawei ran the operation.")
    assert not any(p == "subordinate_to" for _, p, _ in said)
    said = _said(galaxy_kb, "Analysts met a provincial department of the Ministry of State Security last year.")
    assert not any(p == "subordinate_to" for _, p, _ in said)


def test_a_tie_told_after_words_that_say_it_is_not_shown_is_negated(galaxy_kb: KnowledgeBase) -> None:
    """ "do not allow us to conclude that X was carried out by Y", "could not yet conclude if Y was involved in X",
    "doesn't have specific proof linking X to Y": the clause after the words is not shown, so its tie is negated.
    A clause after a comma or a contrast ("..., but the firm says Y is involved in X") is asserted, and words of
    proof that are had ("has proof linking X to Y") make the tie."""
    said = resolved(
        galaxy_kb,
        'The researchers noted, "The leaked files alone do not allow us to conclude that the attacks were carried '
        'out by APT33."',
    )
    assert ("the attacks", "attributed_to", "APT33", True) in said
    said = resolved(
        galaxy_kb,
        "While they could not yet conclude if the Iranian government was involved in the cyberattack, officials spoke.",
    )
    assert ("the cyberattack", "attributed_to", "Iran", True) in said
    said = resolved(
        galaxy_kb,
        "The firm doesn't have specific proof linking the attacks to APT33, but it says the Iranian government is "
        "involved in the phishing campaign.",
    )
    assert ("the attacks", "attributed_to", "APT33", True) in said
    assert ("the phishing campaign", "attributed_to", "Iran", False) in said
    said = resolved(galaxy_kb, "The firm has specific proof linking the attacks to APT33.")
    assert ("the attacks", "attributed_to", "APT33", False) in said


def test_a_deed_initiated_or_undertaken_by_its_doer(galaxy_kb: KnowledgeBase) -> None:
    """ "the attacks were initiated by Y", "a campaign ... being undertaken by Y", "masterminded by Y": the passive
    of a verb of doing names the deed's doer, as "carried out by Y" does; a thing that is no deed ("the
    investigation was initiated by Y") is attributed to no one."""
    said = _said(galaxy_kb, "Investigators found that the intrusions were initiated by APT33.")
    assert ("the intrusions", "attributed_to", "APT33") in said
    said = _said(galaxy_kb, "The agency warned of a wave of attacks being undertaken by APT33 this year.")
    assert any(p == "attributed_to" and o == "APT33" and "attacks" in s for s, p, o in said)
    said = _said(galaxy_kb, "Officials said the investigation was initiated by APT33 researchers.")
    assert not any(p == "attributed_to" for _, p, _ in said)


def test_a_definite_deed_named_by_capitalised_words(galaxy_kb: KnowledgeBase) -> None:
    """ "the Anthem data breach", "the 2020 LuBian Bitcoin hack": a definite deed whose capitalised words (its
    victim, a year before them, a noun of what was hit after them) stand before its head is one described deed,
    attributed to whom the sentence puts behind it; capitalised words followed by a verb ("the US government
    conducts pervasive cyber espionage") are read as before."""
    said = _said(galaxy_kb, "Investigators believe APT33 was behind the Contoso payroll data breach.")
    assert ("the Contoso payroll data breach", "attributed_to", "APT33") in said
    said = _said(galaxy_kb, "Analysts say APT33 played a key role in the 2020 Fabrikam Bitcoin hack.")
    assert ("the 2020 Fabrikam Bitcoin hack", "attributed_to", "APT33") in said
    said = _said(galaxy_kb, "Officials said the US government conducts pervasive cyber espionage against Iran.")
    assert not any(s.startswith("the US government conducts") for s, _, _ in said)
