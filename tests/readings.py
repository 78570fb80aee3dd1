"""What extraction reads in a made-up sentence, as (subject, predicate, object) in the text's own words: the form
the tests of single rules compare with, written once for all of them."""

from __future__ import annotations

from typing import Any

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions


def readings(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    """Each candidate's ends as written (a resolved end without its text by its name; no object: "")."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (
            c["subject"].get("text") or c["subject"]["name"],
            c["predicate"],
            (c["object"] or {}).get("text") or (c["object"] or {}).get("name") or "",
        )
        for c in claims
    }


def pairs(kb: KnowledgeBase, text: str, predicate: str) -> set[tuple[str, str]]:
    """(subject, object) of every candidate of one predicate that has an object."""
    return {(s, o) for s, p, o in readings(kb, text) if p == predicate and o}


def asserted(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str]]:
    """(subject as written, predicate, object's entity name or words) of every candidate with an object that is not
    negated: the form the tests of who is given a deed compare with."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["text"], c["predicate"], c["object"].get("name") or c["object"]["text"])
        for c in claims
        if c["object"] and not c["negated"]
    }


def resolved(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, bool]]:
    """(subject, predicate, object, negated) of every candidate with an object, each end by its entity's name (a
    described end's name is its words): the form the tests of who stands behind what compare with."""
    claims: list[dict[str, Any]] = extract_text(text, kb.gazetteer(), country_mentions(kb.store)).as_dict()["claims"]
    return {
        (c["subject"]["name"], c["predicate"], c["object"]["name"], bool(c["negated"])) for c in claims if c["object"]
    }
