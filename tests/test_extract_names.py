"""Mentions as `resolve` sees names, each misreading pinned by a made-up sentence and a near miss that must
keep working: a proposed name never runs across a sentence end (extract/mentions.py, docs/extraction.md,
"Mentions")."""

from __future__ import annotations

from cyberstate.extract.mentions import Gazetteer, Mention, Target, mentions
from cyberstate.extract.people import with_people

_CHINA = {
    "CN": Mention(0, 0, "China", [Target("china", "country", "China", True)]),
    "RU": Mention(0, 0, "Russia", [Target("russia", "country", "Russia", True)]),
}


def _gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            ("Ministry of State Security", "mss", "ministry", "Ministry of State Security", True),
            ("MSS", "mss", "ministry", "Ministry of State Security", False),
            ("Ministry of State Security (MSS)", "mss", "ministry", "Ministry of State Security", False),
            ("State Security Ministry", "mss", "ministry", "Ministry of State Security", False),
            ("China's Ministry of State Security", "mss", "ministry", "Ministry of State Security", False),
            ("State Council", "state-council", "state_organ", "State Council", True),
            (
                "Fujian provincial branch of China's Ministry of State Security",
                "fujian-ssd",
                "provincial_bureau",
                "Fujian State Security Department",
                False,
            ),
            (
                "Fujian State Security Department",
                "fujian-ssd",
                "provincial_bureau",
                "Fujian State Security Department",
                True,
            ),
            ("Lisbon", "lisbon", "city", "Lisbon", True),
            ("People's Republic of China", "china", "country", "China", False),
            ("FBI", "fbi", "government_agency", "Federal Bureau of Investigation", False),
            ("Treasury", "treasury", "government_agency", "Department of the Treasury", False),
            ("Information", "sector-information", "sector", "Information", True),
        ]
    )


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.kind) for m in mentions(_gazetteer(), text, _CHINA)]


def _named(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity.entity_id if m.entity else None) for m in mentions(_gazetteer(), text, _CHINA)]


def test_a_proposed_name_never_runs_across_a_sentence_end() -> None:
    """ "... in Porto. The Fuzhou Public Security Bureau said": a capitalised word may end with a full stop,
    but the bureau's name starts after it; the same after a blank line and for a company or a body."""
    found = _found("The agents met him in Porto. The Fuzhou Public Security Bureau said he fled.")
    assert ("Fuzhou Public Security Bureau", "provincial_bureau") in found
    assert not any("Porto" in t for t, _ in found)
    found = _found("He moved to Porto. Tern Harbour Network Technology Company hired him.")
    assert ("Tern Harbour Network Technology Company", "company") in found
    found = _found("Hackers Tied to Chinese Ministry of State Security\n\nIndependent analysts said so.")
    assert not any("Independent" in t for t, _ in found)
    assert ("Ministry of State Security", "ministry") in found


def test_the_full_stop_of_an_abbreviation_ends_no_name() -> None:
    """ "Co.", "Ltd.", "U.S." and initials stay inside a name; after "U.S." a word that only starts sentences
    ("The") still ends the sentence before it."""
    found = _found("Tern Harbour Co. Ltd. and R. Vale Holdings Company hired him in Lisbon.")
    assert ("Tern Harbour Co. Ltd.", "company") in found
    assert ("R. Vale Holdings Company", "company") in found
    found = _found("They met in the U.S. The Fuzhou Public Security Bureau said so.")
    assert ("Fuzhou Public Security Bureau", "provincial_bureau") in found


def test_a_body_before_a_possessive_keeps_its_whole_name() -> None:
    """ "the Chinese Ministry of State Security's Fuzhou State Security Bureau": the ministry is named whole
    (not cut to "Chinese Ministry of State"), the bureau after it on its own; where "of the" comes before
    the possessive the possessor is the last noun alone ("the Second Office of the Army's Third
    Department"), and no body is cut from it."""
    found = _found("He worked with the Chinese Ministry of State Security's Fuzhou State Security Bureau.")
    assert ("Ministry of State Security", "ministry") in found
    assert ("Fuzhou State Security Bureau", "provincial_bureau") in found
    assert not any(t.endswith("of State") for t, _ in found)
    found = _found("They sat in the Second Office of the Army's Third Department in Lisbon.")
    assert not any("Second Office" in t for t, _ in found)


def _people(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.named) for m in with_people(text, []) if m.kind == "person"]


def test_a_sentence_adverb_before_a_family_name_is_no_given_name() -> None:
    """ "Later Tan denied it": "Later" spells two pinyin syllables but is an adverb starting the sentence; the
    person is "Tan", named in full before. A given name starting a sentence still makes a name ("Jiaming
    Tan"), as does a family name after such a word in Chinese order ("Later Tan Jiaming")."""
    found = _people("Jiaming Tan hacked the bank. Later Tan denied it. Never Tan said so.")
    assert found == [("Jiaming Tan", "Jiaming Tan"), ("Tan", "Jiaming Tan"), ("Tan", "Jiaming Tan")]
    assert _people("Later Tan Jiaming spoke.") == [("Tan Jiaming", "Tan Jiaming")]


def test_a_body_named_with_its_state_is_not_cut_to_the_state_or_to_a_shorter_name() -> None:
    """ "Chinese Ministry of State Security (MSS) officers", where the store knows "Ministry of State Security
    (MSS)": the ministry, no proposed "Chinese Ministry of State Security" beside it; an unknown body after
    the adjective is still proposed."""
    assert _named("They worked with Chinese Ministry of State Security (MSS) officers.") == [
        ("Ministry of State Security (MSS)", "mss")
    ]
    assert ("Chinese Ministry of Commerce", "government_agency") in _found("He met the Chinese Ministry of Commerce.")


def test_a_body_in_lower_case_after_its_state_is_the_body_not_the_state() -> None:
    """ "The Chinese state security ministry": a known body's name in lower case after the state's adjective
    is that body where the store names it with that state, not "The Chinese state"; with another state
    ("the Russian ...") it is a mention with no entity, neither the state nor the Chinese ministry; "the
    Chinese State Council" is the council. "The Chinese state said" is still the country."""
    assert _named("The Chinese state security ministry accused the firm.") == [
        ("Chinese state security ministry", "mss")
    ]
    assert _named("China's state security ministry accused the firm.") == [("China's state security ministry", "mss")]
    assert _named("The Russian state security ministry accused the firm.") == [
        ("Russian state security ministry", None)
    ]
    assert _named("The Chinese State Council accused the firm.") == [("Chinese State Council", "state-council")]
    assert _named("The Chinese state accused the firm.") == [("The Chinese state", "china")]


def test_an_abbreviation_in_brackets_is_the_nearest_name_it_spells() -> None:
    """ "the Fujian provincial branch of China's Ministry of State Security (MSS)": MSS spells the ministry,
    the name nearest the brackets, not the branch the longer phrase names; so is MSS later. An abbreviation
    spelling the whole name ("Fujian State Security Department (FSSD)") is that name, and a longer name of
    the same body ("China's Ministry of State Security (MSS)") keeps it."""
    named = _named(
        "Officers of the Fujian provincial branch of China's Ministry of State Security (MSS) met. The MSS paid."
    )
    assert named[0][1] == "fujian-ssd"
    assert [e for t, e in named if t == "MSS"] == ["mss", "mss"]
    named = _named("Officers of the Fujian State Security Department (FSSD) met. The FSSD paid.")
    assert [e for t, e in named if t == "FSSD"] == ["fujian-ssd", "fujian-ssd"]
    named = _named("Officers of China's Ministry of State Security (MSS) met. The MSS paid.")
    assert [e for t, e in named if t == "MSS"] == ["mss", "mss"]


def test_a_known_name_before_a_comma_or_a_head_noun_is_not_cut_into_a_name() -> None:
    """ "The FBI, Coastal Criminal Investigative Service and ...": the known FBI is an item of a list, not the
    start of a longer name; "the Treasury Department" is one name, not "Department" after the known body. A
    sector word starting a name with a comma in it ("Information, Communications and Electronic Force
    Command") and a ministry before its bureau ("MSS Fuzhou State Security Department") stay as they were."""
    found = _found("The FBI, Coastal Criminal Investigative Service and the police met.")
    assert ("FBI", "government_agency") in found
    assert ("Coastal Criminal Investigative Service", "government_agency") in found
    found = _found("The Treasury Department fined them.")
    assert ("Department", "government_agency") not in found
    assert ("Treasury Department", "government_agency") in found
    found = _found("The Information, Communications and Electronic Force Command said so.")
    assert ("Information, Communications and Electronic Force Command", "government_agency") in found
    found = _found("The MSS Fuzhou State Security Department hired them.")
    assert found == [("MSS", "ministry"), ("Fuzhou State Security Department", "provincial_bureau")]


def test_a_country_before_a_known_body_is_not_glued_to_it() -> None:
    """ "the People's Republic of China Ministry of State Security": the country, then the ministry the store
    knows, not a proposed "China Ministry of State Security" over both; before a body the store does not know
    the country's name still starts the proposed name ("China Ministry of Commerce")."""
    named = _named("They worked for the People's Republic of China Ministry of State Security.")
    assert named == [("People's Republic of China", "china"), ("Ministry of State Security", "mss")]
    assert ("China Ministry of Commerce", "government_agency") in _found("The China Ministry of Commerce said so.")
