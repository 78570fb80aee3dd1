"""The malware or tool an actor puts to work is `used` by it: "the group deploys a loader called X", "APT41 relied on
X", "targeted ministries using a backdoor dubbed X" (extract/language.py's `used` cue; docs/extraction.md, "Quality").
Read from made-up sentences, with near misses that must not give it."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _said(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject as written, predicate, object as written, negated)."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["text"], c["predicate"], c["object"]["text"], c["negated"]) for c in claims if c["object"]}


def test_an_actor_puts_malware_to_work(galaxy_kb: KnowledgeBase) -> None:
    said = _said(
        galaxy_kb, "In the spring APT41 usually deploys PlugX to keep its access to the servers of a ministry."
    )
    assert ("APT41", "used", "PlugX", False) in said
    said = _said(galaxy_kb, "Last year APT41 relied on ShadowPad for most of its intrusions into shipping firms.")
    assert ("APT41", "used", "ShadowPad", False) in said


def test_no_use_where_nothing_of_the_kind_is_put_to_work(galaxy_kb: KnowledgeBase) -> None:
    # what is used is no malware or tool
    said = _said(galaxy_kb, "APT41 used stolen passwords to enter the networks of two universities in Taiwan.")
    assert not any(p == "used" for _, p, _, _ in said)
    # who uses the tool is a defender, no actor
    said = _said(galaxy_kb, "Analysts at Microsoft used YARA rules to find PlugX on the servers of a ministry.")
    assert not any(p == "used" and o == "PlugX" for _, p, o, _ in said)


def test_a_tool_described_by_its_kind(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "Analysts noted that APT41 mostly relied on custom loaders during the spring campaign.")
    assert ("APT41", "used", "custom loaders", False) in said
    said = _said(galaxy_kb, "Shipping insurers in Oslo were hit after APT41 deployed spearphishing emails.")
    assert ("APT41", "used", "spearphishing emails", False) in said


def test_a_bare_tool_word_or_the_noun_use_is_no_use(galaxy_kb: KnowledgeBase) -> None:
    said = _said(galaxy_kb, "APT41 used the malware to reach shipping insurers in Oslo.")
    assert not any(p == "used" for _, p, _, _ in said)
    said = _said(galaxy_kb, "Analysts tied APT41 to the campaign through the use of custom loaders such as ShadowPad.")
    assert not any(p == "used" for _, p, _, _ in said)


def test_a_clause_after_the_verb_is_no_tool(galaxy_kb: KnowledgeBase) -> None:
    # the words before a head noun qualify it only up to a word that ends a noun phrase ("when", "of", "to")
    said = _said(galaxy_kb, "APT41 is a group deploying cryptominers when new exploits are available to it.")
    assert not any(p == "used" for _, p, _, _ in said)
    said = _said(galaxy_kb, "Analysts noted that APT41 leverages an in-memory implant to reach shipping insurers.")
    assert ("APT41", "used", "an in-memory implant", False) in said


def test_a_known_tool_named_with_its_kind_is_that_tool(galaxy_kb: KnowledgeBase) -> None:
    # "the X backdoor", "X malware": the tool the store knows, never a new tool of that kind
    said = _said(galaxy_kb, "APT41 relied on ShadowPad malware during the spring campaign.")
    assert ("APT41", "used", "ShadowPad", False) in said
    assert not any(p == "used" and o != "ShadowPad" for _, p, o, _ in said)
    # near miss: a kind with no known name in it stays a described tool
    said = _said(galaxy_kb, "In the spring APT41 deployed a custom backdoor against shipping insurers in Oslo.")
    assert ("APT41", "used", "a custom backdoor", False) in said


def test_a_tool_counted_or_compared_names_no_tool(galaxy_kb: KnowledgeBase) -> None:
    # "various malware", "two ransomware", "other tools": no tool an analyst could pick
    for words in ("various malware", "two ransomware strains", "other tools", "a similar implant"):
        said = _said(galaxy_kb, f"In the spring APT41 deployed {words} against shipping insurers in Oslo.")
        assert not any(p == "used" for _, p, _, _ in said), words
    said = _said(galaxy_kb, "In the spring APT41 deployed novel implants against shipping insurers in Oslo.")
    assert ("APT41", "used", "novel implants", False) in said


def test_a_described_tool_that_a_name_follows_is_no_object(galaxy_kb: KnowledgeBase) -> None:
    # "a novel backdoor called X": the phrase introduces the named tool, it is not a tool of its own
    said = _said(galaxy_kb, "APT41 reached shipping insurers in Oslo using a novel backdoor called Quillfeather.")
    assert not any(p == "used" and "backdoor" in o for _, p, o, _ in said)
    said = _said(galaxy_kb, "APT41 reached shipping insurers, employing a custom loader family known as Quillfeather.")
    assert not any(p == "used" and "loader" in o for _, p, o, _ in said)
    # near miss: no name after it
    said = _said(galaxy_kb, "APT41 reached shipping insurers in Oslo using a novel backdoor last spring.")
    assert ("APT41", "used", "a novel backdoor", False) in said
