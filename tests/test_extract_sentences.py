"""Sentence cuts on text in the shape public pages give it (made-up sentences): a dateline, and an aside
set off by dashes, read as between commas."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract.core import country_mentions, extract_text
from cyberstate.extract.sentences import asides_as_commas, sentences


def _cut(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_a_dateline_is_a_sentence_of_its_own() -> None:
    text = "LISBON, March 3 (Reuters) - Portugal said a group hacked its universities.\nOSLO -- Norway agreed."
    assert _cut(text) == [
        "LISBON, March 3 (Reuters) -",
        "Portugal said a group hacked its universities.",
        "OSLO --",
        "Norway agreed.",
    ]
    # near miss: a name and a dash opening a line, with no capitals, date or agency, is the sentence's subject
    assert _cut("Nightjar Panda - a new group - hacked a port.") == ["Nightjar Panda - a new group - hacked a port."]
    assert _cut("APT41 - a new group - hacked a port.") == ["APT41 - a new group - hacked a port."]


def test_an_aside_between_dashes_reads_as_between_commas(galaxy_kb: KnowledgeBase) -> None:
    text = "Analysts said APT41 - a likely Chinese state-sponsored group - has run a campaign against ports."
    assert asides_as_commas(text) == text.replace(" - ", ",  ")

    def attributed(text: str) -> bool:
        found = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).claims
        return any(
            c.predicate == "attributed_to" and c.subject.text == "APT41" and c.object.text == "China" for c in found
        )

    assert attributed(text)
    assert not attributed(text.replace(" - a ", " -a ").replace("group - ", "group- "))  # no spaced dash, no aside
    # near miss: hyphens inside words and figures, and the dash of a dateline, stay as they are
    kept = "WASHINGTON (AP) - A state-sponsored group ran the 2019-2021 campaign."
    assert asides_as_commas(kept) == kept


def test_an_aside_in_quotation_marks_renames_the_name_before_it(galaxy_kb: KnowledgeBase) -> None:
    text = 'Analysts said APT41, "a state actor based out of China", has since 2021 "targeted universities in Norway".'
    assert asides_as_commas(text) == text.replace(', "a', ",  a").replace('China",', "China ,")
    found = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).claims
    assert {c.subject.text for c in found if c.predicate == "targeted"} == {"APT41"}
    # near miss: a quotation that runs on past the comma is no aside, and its marks stay
    kept = 'Analysts said APT41, "a state actor, has targeted ports", they wrote.'
    assert asides_as_commas(kept) == kept
