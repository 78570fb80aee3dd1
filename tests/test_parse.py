"""The dependency-parse step (extract/parse.py): each construction on a made-up sentence, read with the step
and not without it (CYBERSTATE_PARSE=0, the rules alone), through the real extractor and the real model."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cyberstate import KnowledgeBase
from cyberstate.errors import CyberstateError
from cyberstate.extract import extract_text, parse
from cyberstate.extract.core import country_mentions

Said = set[tuple[str, str, str]]


def _said(kb: KnowledgeBase, text: str) -> Said:
    claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {(c["subject"]["name"], c["predicate"], c["object"]["name"]) for c in claims if c["object"]}


def _read_by_the_parse(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[Said, Said]:
    """What the extractor says of a text with the parse step and without it."""
    monkeypatch.setenv(parse.ENV, "0")
    without = _said(kb, text)
    monkeypatch.setenv(parse.ENV, "1")
    return _said(kb, text), without


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        # "had earlier been connected to X by ..." is read by the rules since the both-ends session (a time word
        # in extract/language.py COPULA_LEAD, tests/test_extract_both.py): the parse alone reads a phrase of time
        pytest.param(  # a passive with its agent far after the verb
            "APT41 had in recent years been connected to APT10 by several security vendors and independent "
            "researchers.",
            ("APT41", "linked_to", "APT10"),
            id="passive-tie",
        ),
        pytest.param(  # a deed noun with its doer as possessor and its victim after "into"
            "Officials in Canada said that APT41's recent intrusions into Norwegian shipping firms have affected few "
            "people.",
            ("APT41", "targeted", "Norwegian shipping firms"),
            id="deed-noun",
        ),
        # carrying out a deed against a victim ("conducting reconnaissance against X") is read by the rules since
        # the list session (extract/victims.py, tests/test_extract_targets.py), no longer by the parse alone
        # "to break into" is read by the rules' infinitive cue (extract/language.py, tests/test_extract_deeds.py):
        # the parse alone reads "to intrude into"
        pytest.param(  # the subject of a relative clause, through an infinitive ("used malware to intrude into")
            "The prosecutors unsealed indictments against what they say are two Chinese hackers who, under the cover "
            "of a consulting firm, used malware to intrude into two European banks' computer systems.",
            ("two Chinese hackers", "targeted", "two European banks' computer systems"),
            id="relative-clause",
        ),
        # "attributed more than 100 cyberattacks over the past decade to the ... hacking group "APT41"" is no longer
        # the parse's alone: the rules read it (extract/frames.py _attributed_far, tests/test_extract_behind.py)
        # "spies working for the group have targeted X" (a subject qualified by a participle, far from its verb) is
        # no longer the parse's alone: the rules read the described doer across the phrase that qualifies it by a
        # name (extract/relations.py _qualified, tests/test_extract_doer.py)
        pytest.param(  # a passive whose subject is a system word: its owner is the victim
            "The networks of several ministries in Canada were compromised last spring by APT31, which the agency "
            "assesses with high confidence.",
            ("APT31", "targeted", "several ministries"),
            id="passive-owner",
        ),
    ],
)
def test_a_construction_only_the_parse_reads(
    galaxy_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, text: str, statement: tuple[str, str, str]
) -> None:
    with_parse, without = _read_by_the_parse(galaxy_kb, monkeypatch, text)
    assert statement in with_parse
    assert statement not in without


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Oslo now believe that APT41, long tracked by several vendors, was behind the intrusions at two "
        "Norwegian shipping firms.",
        "The breach of the Norwegian shipping registry (first reported in May) is thought to be the work of APT41.",
        "Investigators said APT41, a group tracked since 2012, was responsible for the recent intrusions at Norwegian "
        "shipping firms.",
    ],
    ids=["behind", "the-work-of", "responsible-for"],
)
def test_a_word_of_blame_attributes_a_deed(
    galaxy_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """A deed held to its doer by a word of blame and no verb of attribution ("X was behind / responsible for the
    intrusions", "the breach is thought to be the work of X"), across an aside the rules do not read over."""
    with_parse, without = _read_by_the_parse(galaxy_kb, monkeypatch, text)
    assert any(p == "attributed_to" and o == "APT41" for _, p, o in with_parse)
    assert not any(p == "attributed_to" and o == "APT41" for _, p, o in without)


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Oslo said the analysts behind the report on APT41 had left.",
        "Officials in Oslo said APT41 was responsible for the hosting of its own servers.",
    ],
    ids=["behind-with-no-copula", "responsible-for-no-deed"],
)
def test_a_word_of_blame_needs_a_copula_and_a_deed(
    galaxy_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """ "The analysts behind the report" says who wrote it, and being responsible for hosting is no deed."""
    with_parse, _ = _read_by_the_parse(galaxy_kb, monkeypatch, text)
    assert not any(p == "attributed_to" for _, p, _ in with_parse)


def test_a_possessor_is_not_the_doer(galaxy_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse may read "X's office" as headed by X: the possessor does not sanction."""
    with_parse, _ = _read_by_the_parse(
        galaxy_kb,
        monkeypatch,
        "The US Department of the Treasury's Office of Foreign Assets Control has sanctioned APT41 for its role in "
        "intrusions targeting Norway.",
    )
    assert ("Office of Foreign Assets Control", "sanctioned", "APT41") in with_parse  # the rules' reading
    assert not any(s == "US Department of the Treasury" and p == "sanctioned" for s, p, _ in with_parse)


def test_the_parse_candidates_name_their_rule(galaxy_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parse.ENV, "1")
    text = "APT41 had in recent years been connected to APT10 by several security vendors and independent researchers."
    extraction = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store))
    (tie,) = [c for c in extraction.claims if c.predicate == "linked_to"]
    assert tie.notes[0] == "parse:link-passive" and tie.score is not None
    assert text[tie.sentence[0] : tie.sentence[1]] == text


#: sha256 of the weights of the installed en_core_web_sm 3.8.0, each byte-identical to an independent copy of the
#: official pipeline (docs/extraction.md, "The parser's model"): a changed package fails here.
_WEIGHTS = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
}


def test_the_parser_is_en_core_web_sm_3_8_0() -> None:
    """The installed pipeline is the one checked: its meta as Explosion's, its weights by their hashes."""
    model = parse.nlp()
    assert model is not None, "the parser's model is a declared dependency (pyproject.toml)"
    path = Path(model.path)
    meta = json.loads((path / "meta.json").read_text())
    assert (meta["lang"], meta["version"], meta["spacy_git_version"]) == ("en", "3.8.0", "5010fcbd3")
    assert meta["vectors"]["vectors"] == 0 and len(meta["labels"]["parser"]) == 45
    assert meta["performance"]["dep_las"] == pytest.approx(0.8991533598)
    assert model.pipe_names == ["tok2vec", "tagger", "parser"]  # only what the step reads runs
    for name, digest in _WEIGHTS.items():
        assert hashlib.sha256((path / name).read_bytes()).hexdigest() == digest, name


def test_the_parse_step_is_off_unless_asked_for(galaxy_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "APT41 had earlier been connected to APT10 by several security vendors and independent researchers."
    monkeypatch.delenv(parse.ENV, raising=False)
    assert not parse.enabled()
    default = extract_text(text, galaxy_kb.gazetteer(), country_mentions(galaxy_kb.store))
    assert not any(c.notes[:1] and c.notes[0].startswith("parse:") for c in default.claims)


def test_the_parse_step_asked_for_without_its_model_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parse.ENV, "1")
    monkeypatch.setattr(parse, "MODEL", "no_such_model_installed")
    parse.nlp.cache_clear()
    try:
        with pytest.raises(CyberstateError, match=r"CYBERSTATE_PARSE=1 needs spaCy"):
            parse.enabled()
    finally:
        parse.nlp.cache_clear()
