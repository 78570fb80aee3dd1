"""One deed or a campaign of intrusions told with its victim after "against" and no doer ("the cyberattack against
the ministry", "a cyber espionage campaign against X") targeted that victim, as the plural attacks and the mass
nouns of `victims._DEED_AGAINST` did; a campaign of words ("a smear campaign against X") and a deed in a fronted
phrase whose clause names its doer after it ("In one attack against X, Grayfly ...") give no such reading."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _targeted(kb: KnowledgeBase, text: str) -> set[tuple[str, str]]:
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"].get("text") or c["subject"]["name"], c["object"].get("text") or "")
        for c in claims
        if c["predicate"] == "targeted"
    }


def test_one_deed_against_its_victim(galaxy_kb: KnowledgeBase) -> None:
    text = "Officials said the cyberattack against the Ruritanian Ministry of Foreign Affairs was serious."
    assert any("Ministry of Foreign Affairs" in o for _, o in _targeted(galaxy_kb, text))
    text = "Last year, a large cyber espionage campaign against the Ruritanian Ministry of Defence came to light."
    assert ("campaign", "Ruritanian Ministry of Defence") in _targeted(galaxy_kb, text)


def test_a_campaign_of_words_or_a_fronted_deed_is_not_read(galaxy_kb: KnowledgeBase) -> None:
    text = "Last year, a large smear campaign against the Ruritanian Ministry of Defence came to light."
    assert not any(s == "campaign" for s, _ in _targeted(galaxy_kb, text))
    text = "In one attack against a telecoms provider, the operators used a custom tool."
    assert not _targeted(galaxy_kb, text)
    # the plural attacks read as before
    text = "Officials said the cyberattacks against the Ruritanian Ministry of Foreign Affairs were serious."
    assert any("Ministry of Foreign Affairs" in o for _, o in _targeted(galaxy_kb, text))
