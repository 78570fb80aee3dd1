"""Readings that are no statements (extract/filtering.py), on made-up sentences through the real extractor."""

from __future__ import annotations

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def _targets(kb: KnowledgeBase, text: str) -> set[str]:
    claims = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {c["object"]["name"] for c in claims if c["predicate"] == "targeted"}


def test_a_charge_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    targets = _targets(
        galaxy_kb,
        "Prosecutors said they had indicted Chinese nationals Li Wei and Zhang Hao for computer hacking, theft of "
        "trade secrets, conspiracy and identity theft directed at Dutch and Belgian companies. APT41 conducted an "
        "extremely sophisticated campaign targeting large businesses in Canada, including a computer intrusion "
        "and data breach of a Toronto-based bank.",
    )
    assert "large businesses" in targets and "Canada" in targets  # the victims stay
    assert not targets & {"conspiracy", "computer intrusion", "identity theft"}


def test_an_adjective_cut_from_its_shared_head_is_no_victim(galaxy_kb: KnowledgeBase) -> None:
    targets = _targets(
        galaxy_kb,
        "The hackers targeted victims in at least 12 countries, striking organizations in the public and private "
        "sectors worldwide, the report said. APT41 is accused of hacking into the networks of various regional "
        "and Japan-based entities.",
    )
    assert "Japan-based entities" in targets and "private sectors worldwide" in targets
    assert not targets & {"public", "various regional"}
