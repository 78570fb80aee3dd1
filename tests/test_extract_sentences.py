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


def test_sentences_run_together_are_cut_apart() -> None:
    text = (
        'It hit their networks.The ministry said so. Who were the hackers?Police know. He said in a note."In fact, no."'
    )
    assert _cut(text) == [
        "It hit their networks.",
        "The ministry said so.",
        "Who were the hackers?",
        "Police know.",
        "He said in a note.",
        '"In fact, no."',
    ]
    # near miss: a stop inside a name ("Temp.Kestrel", "U.S.Steel") joins no two sentences
    assert _cut("Temp.Kestrel and U.S.Steel are names here.") == ["Temp.Kestrel and U.S.Steel are names here."]


def test_each_list_item_is_a_sentence() -> None:
    text = (
        "The agencies acted:\n- The court issued a warrant for Lin\n- The bank froze his accounts\n\n– The group fled"
    )
    assert _cut(text) == [
        "The agencies acted:",
        "- The court issued a warrant for Lin",
        "- The bank froze his accounts",
        "– The group fled",
    ]
    # near miss: a dash inside a line, between words, is no list item
    assert _cut("The court - and the bank - acted on Lin") == ["The court - and the bank - acted on Lin"]


def test_a_legal_form_or_a_country_abbreviation_ends_a_sentence_before_an_opener() -> None:
    text = "The firm is based in the U.S. The group works for Kestrel Co., Ltd. It was founded in 2010."
    assert _cut(text) == [
        "The firm is based in the U.S.",
        "The group works for Kestrel Co., Ltd.",
        "It was founded in 2010.",
    ]
    # near miss: before a name or a lower-case word the abbreviation stays inside the sentence
    kept = "The U.S. Treasury named Kestrel Co. Ltd. and Kestrel Inc. as fronts."
    assert _cut(kept) == [kept]
