"""A doer's verb of doing and the deed a described phrase names after it: `conducted`.

Every sentence here is made up; the rule has sentences it must read and near misses it must not."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _conducted(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["object"]["text"]) for c in claims if c["predicate"] == "conducted"}


def test_a_doer_conducted_the_deed_its_verb_names(galaxy_kb: KnowledgeBase) -> None:
    said = _conducted(galaxy_kb, "APT41 orchestrated the campaign by sending decoy files to port operators.")
    assert ("APT41", "the campaign") in said
    said = _conducted(galaxy_kb, "Singapore has quietly carried out its largest coordinated cyber defence operation.")
    assert ("Singapore", "its largest coordinated cyber defence operation") in said


def test_no_deed_read_from_a_class_a_victim_or_a_deed_told_before(galaxy_kb: KnowledgeBase) -> None:
    # a bare plural tells what a doer does, not a deed
    assert not _conducted(galaxy_kb, "APT41 has conducted operations since at least 2013.")
    # the deed's victim after it: the targeting rules read it
    assert not _conducted(galaxy_kb, "APT41 conducted a hacking campaign against port operators.")
    # "such operations" is a deed told before; "involved in" attributes its deed
    assert not _conducted(galaxy_kb, "APT41 and APT10, in particular, continue to carry out such operations.")
    assert not _conducted(galaxy_kb, "Officials said APT41 was involved in the attack on the harbour.")
    # a doer a pronoun names, or a state that only qualifies the doer
    assert not _conducted(galaxy_kb, "It also carries out the password-spraying attacks.")
    assert not _conducted(
        galaxy_kb, "Hackers associated with the Chinese government had carried out the ransomware attacks."
    )
