"""The pairs a learned relation step would read (extract/learned.py): what the training script records, on
made-up sentences. The step itself proposes nothing (its measured additions did not pay: docs/extraction.md)."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text, learned
from cyberstate.extract.core import country_mentions
from cyberstate.extract.mentions import Mention, Target


def _pairs(kb: KnowledgeBase, text: str) -> tuple[list[learned.Pair], list[dict[str, Any]]]:
    with learned.recording() as recorded:
        claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return list(recorded), claims


def _named(p: learned.Pair) -> tuple[str, str]:
    return " ".join(p.subject.text.split()), " ".join(p.object.text.split())


def test_a_pair_of_ends_with_its_voice_its_cue_class_and_the_rules_reading(curated: KnowledgeBase) -> None:
    """A passive frame between two names: both orders are offered, the subject-first one marked passive with
    "by" last, the cue word's class read from its stem, and the pair known to be related by the rules."""
    pairs, claims = _pairs(
        curated, "Analysts said the intrusions of APT31 were directed by the Ministry of State Security."
    )
    by_order = {_named(p): p for p in pairs}
    first = by_order[("APT31", "Ministry of State Security")]
    assert first.features["order=so"] and first.features["so|passive"] and first.features["so|by-last"]
    assert first.features["c:operate"] and first.features["sk=threat_group|ok=ministry"]
    assert ("Ministry of State Security", "APT31") in by_order and by_order[
        ("Ministry of State Security", "APT31")
    ].features["order=os"]
    said = {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims}
    assert ("APT31", "operated_by", "Ministry of State Security") in said
    assert first.related and first.features["rule-same:operated_by"]


def test_recording_changes_nothing_the_extraction_says(curated: KnowledgeBase) -> None:
    text = "A report said APT31 works on behalf of the Ministry of State Security, and targeted Finland's parliament."
    plain = extract_text(text, curated.gazetteer(), country_mentions(curated.store)).as_dict()
    _, recorded = _pairs(curated, text)
    assert plain["claims"] == recorded
    assert not learned.recording_on()


def test_no_pair_of_one_entity_nor_across_a_long_gap(curated: KnowledgeBase) -> None:
    """The near misses: the same group named twice is no pair, and two names more than MAX_GAP words apart
    are not read as one."""
    pairs, _ = _pairs(curated, "APT31 said nothing, and APT31 was quiet.")
    assert not pairs
    filler = " ".join(["and then the analysts wrote more words"] * 5)
    pairs, _ = _pairs(curated, f"APT31 was named first {filler} before the Ministry of State Security was named.")
    assert not any({"APT31", "Ministry of State Security"} == set(_named(p)) for p in pairs)


def _m(kind: str, name: str) -> Mention:
    return Mention(0, len(name), name, [Target(f"x-{name}", kind, name, True)])


def test_only_a_predicate_the_vocabulary_admits_and_that_beats_none() -> None:
    """A group cannot be employed by a country: the next likeliest admitted predicate is read instead, when
    it reaches the threshold and is likelier than nothing."""
    group, state = _m("threat_group", "G"), _m("country", "S")
    assert learned.best(group, state, {"employed_by": 0.5, "attributed_to": 0.4, "none": 0.1}, 0.3) == (
        "attributed_to",
        0.4,
    )
    assert learned.best(group, state, {"employed_by": 0.5, "attributed_to": 0.2, "none": 0.3}, 0.1) is None
    assert learned.best(group, state, {"attributed_to": 0.45, "none": 0.55}, 0.3) is None


def test_stems_fold_the_forms_of_a_cue() -> None:
    assert {learned.stem(w) for w in ("targeted", "targets", "targeting")} == {"target"}
    assert "attribute" in learned._classes(learned.stem("attribution"))


def _end(text: str, words: str, kind: str) -> Mention:
    i = text.index(words)
    return Mention(i, i + len(words), words, [], kind)


def test_the_dependency_path_between_two_ends_names_their_roles_and_the_verb() -> None:
    """A subject and an object of one verb: the path runs up from the subject and down to the object, each
    end's role and the verb's class and voice are features, and no name of the sentence is one."""
    from cyberstate.extract import parse

    text = "The agency said that Volt Rabbit compromised the networks of Acme Bank last spring."
    doc = parse.nlp()(text)
    group, bank = _end(text, "Volt Rabbit", "group"), _end(text, "Acme Bank", "organization")
    f = learned.structure(doc, 0, group, bank)
    assert f["dep:sr=nsubj|or=dobj"] == 1.0
    assert f["dep:class=target|active"] == 1.0
    assert "dep:verb=compromis" in f
    assert all(k.startswith(learned.STRUCTURE) for k in f)
    assert not any("volt" in k.lower() or "acme" in k.lower() for k in f)
    reverse = learned.structure(doc, 0, bank, group)
    assert reverse["dep:sr=dobj|or=nsubj"] == 1.0


def test_an_agent_inside_a_relative_clause_is_read_through_its_verb() -> None:
    """Near miss of the subject-object reading: the agent of a relative clause's passive verb is no subject
    of the main verb; the path crosses the clause and names the verb that governs the agent."""
    from cyberstate.extract import parse

    text = "Volt Rabbit, which was backed by the Zerland army, compromised the networks of Acme Bank."
    doc = parse.nlp()(text)
    group, army = _end(text, "Volt Rabbit", "group"), _end(text, "the Zerland army", "organization")
    f = learned.structure(doc, 0, group, army)
    assert f["dep:crosses=relcl"] == 1.0
    assert "dep:sr=nsubj|or=dobj" not in f
    assert any(k.startswith("dep:ogov=agent:by|class=operate|passive") for k in f)
