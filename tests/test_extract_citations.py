"""Citations are no text: the words of a cited title end no phrase a rule reads. Every sentence is made up."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def test_an_attack_citation_is_no_text(galaxy_kb: KnowledgeBase) -> None:
    """MITRE ATT&CK's "(Citation: Source Title Mon YYYY)" is blanked as markup: the words of a cited title
    ("... Targeting Critical Infrastructure March 2022") are no victim of the sentence before them."""
    text = (
        "Dragonfly is a cyber espionage group that has been attributed to Russia's Federal Security Service."
        "(Citation: Agency Report Targeting Water Utilities March 2022)"
    )
    claims = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()["claims"]
    assert any(c["predicate"] == "attributed_to" for c in claims)
    assert not any(c["predicate"] == "targeted" for c in claims)
    # near miss: a bracket of the text's own words stays text
    text = text.replace("(Citation: Agency Report Targeting Water Utilities March 2022)", "")
    text += " The group (also called Berserk Bear) has targeted water utilities."
    claims = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store)).as_dict()["claims"]
    assert any(c["predicate"] == "targeted" for c in claims)
