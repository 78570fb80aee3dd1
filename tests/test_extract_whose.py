"""A generic name of a state's body ("Military Intelligence", "Ministry of Defence") is the body of the state the
text gives it (extract/whose.py). Every sentence here is made up."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _mentions(kb: KnowledgeBase, text: str) -> list[dict[str, Any]]:
    return extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["mentions"]


def _named(kb: KnowledgeBase, text: str, words: str) -> dict[str, Any]:
    return next(m for m in _mentions(kb, text) if words in m["text"])


def test_the_state_before_a_generic_name_picks_that_states_body(galaxy_kb: KnowledgeBase) -> None:
    # the galaxy knows a "Military Intelligence" of Pakistan, of the Czech Republic and of Kenya
    m = _named(galaxy_kb, "Kenyan Military Intelligence ran the operation.", "Military Intelligence")
    assert m["entity"] and "Pakistan" not in m["entity"]["name"] and "Czech" not in m["entity"]["name"]
    m = _named(galaxy_kb, "The operation was run by Pakistan's Military Intelligence.", "Military Intelligence")
    assert m["entity"]["name"] == "Military Intelligence (Pakistan)"
    # near miss: with no state in the text, the name reads as before
    m = _named(galaxy_kb, "The operation was run by Military Intelligence.", "Military Intelligence")
    assert m["entity"] is not None


def test_a_generic_name_of_a_state_the_store_has_no_body_for_is_proposed(galaxy_kb: KnowledgeBase) -> None:
    m = _named(galaxy_kb, "Russian Military Intelligence ran the operation.", "Military Intelligence")
    assert m["entity"] is None and m["text"] == "Russian Military Intelligence"
    m = _named(galaxy_kb, "APT41 hacked the Ministry of Defence of India last year.", "Ministry of Defence")
    assert m["entity"] is None and m["text"] == "Ministry of Defence of India"
    # near miss: the state's own body keeps its name ("Chinese Ministry of State Security" is China's, not North
    # Korea's, which the galaxy also calls "Ministry of State Security")
    m = _named(galaxy_kb, "APT41 works for the Chinese Ministry of State Security.", "Ministry of State Security")
    assert m["entity"]["id"] == "mss"


def test_a_generic_name_with_no_state_beside_it_is_the_body_of_the_state_the_text_names(
    galaxy_kb: KnowledgeBase,
) -> None:
    # the galaxy knows a "National Security Bureau" of Yemen, of Slovakia and of the Republic of China: in a report
    # on Taiwan, the bureau and its abbreviation are Taiwan's, whichever sentence names Taiwan
    text = (
        "Chinese hackers attacked Taiwan's hospitals and banks last year. According to a report by the National "
        "Security Bureau (NSB), the attacks rose by a sixth. The NSB said the hackers were state-backed."
    )
    for m in _mentions(galaxy_kb, text):
        if m["text"] in ("National Security Bureau", "NSB"):
            assert m["entity"]["name"] == "National Security Bureau (Republic of China)"
    # near miss: with no state of those bodies in the text, the name reads as before
    m = _named(galaxy_kb, "Hackers attacked hospitals, the National Security Bureau said.", "National Security Bureau")
    assert m["entity"]["name"] == "National Security Bureau (Yemen)"
    # near miss: a text naming two of those states leaves the choice to the sentence, and one naming neither to
    # the name's first reading
    text = "Slovakia and Yemen were hit. Hackers attacked hospitals, the National Security Bureau said."
    assert _named(galaxy_kb, text, "National Security Bureau")["entity"]["name"] == "National Security Bureau (Yemen)"
    text = "Slovakia and Yemen were hit. In Slovakia, the National Security Bureau said hospitals were attacked."
    m = _named(galaxy_kb, text, "National Security Bureau")
    assert m["entity"]["name"] == "National Security Bureau (Slovakia)"
    # near miss: the sentence's state decides before the text's ("Ministry of State Security" is also North Korea's)
    text = "North Korea's hackers were busy too. Chinese officials said the Ministry of State Security ran APT41."
    assert _named(galaxy_kb, text, "Ministry of State Security")["entity"]["id"] == "mss"
