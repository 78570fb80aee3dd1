"""Readings the rules propose that are no statements, dropped before they are scored.

The relation rules (relations.py, frames.py) and the list splitting (phrases.py) read every pair their
patterns allow. A few kinds of pair are never a statement whatever the sentence, and are told apart by
the pair itself, without a word of any particular document:

- a charge or an offence read as a victim: "indicted ... for computer hacking, theft of trade secrets,
  conspiracy and identity theft" gives no statement that anyone targeted "conspiracy";
- an adjective cut from the head it shares with the next item of a list: in "organizations in the public
  and private sectors" or "targeting various international and U.S.-based entities", "public" and
  "various international" are no victims (the whole phrase, or the item that keeps the head, is).

Each rule was counted on the dev evaluation documents and the gold set before it was kept: it drops
only readings nobody annotated, and no annotated statement loses its match (docs/extraction.md,
"Why candidates are wrong"). The checks look at the statement's own ends and the few characters after
the object: no pass over the sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyberstate.extract.relations import Extracted

#: The last word of a phrase that names a charge or an offence, not something that can be attacked.
_CHARGE = re.compile(
    r"(?:conspirac(?:y|ies)|intrusions?|fraud|thefts?|laundering|hacking|espionage|charges?|counts?|"
    r"offen[cs]es?|crimes?)$",
    re.I,
)
#: An adjective's ending: "public", "international", "regional", "domestic", "commercial", "foreign"
#: is not one (it stays a possible item: "foreign ministries").
_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ary|ern|ese|ian|ful|ible|able)$", re.I)
#: What follows an adjective whose head is the next item's: a coordinating word.
_COORDINATED = re.compile(r"\s+(?:and|or)\s")


def no_statement(text: str, x: Extracted) -> str | None:
    """Why a reading is no statement (the rule's name), or None when it may be one."""
    if x.predicate != "targeted" or x.object is None or x.object.entity is not None:
        return None
    words = x.object.text.split()
    if not words:
        return None
    last = words[-1].strip(".,;:\"'“”‘’)")
    if _CHARGE.fullmatch(last):
        return "charge as victim"
    if _ADJECTIVE.search(last) and _COORDINATED.match(text, x.object.end):
        return "adjective without its head"
    return None


def kept(text: str, claims: list[Extracted]) -> list[Extracted]:
    """The readings that may be statements, in their order."""
    return [x for x in claims if no_statement(text, x) is None]
