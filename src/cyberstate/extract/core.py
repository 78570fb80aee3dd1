"""One extraction: sentences, mentions and statements of a text, as the JSON `extract` prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cyberstate.extract.mentions import Gazetteer, Mention, Target, mentions
from cyberstate.extract.relations import Extracted, relations
from cyberstate.extract.sentences import sentences


@dataclass
class Extraction:
    text: str
    mentions: list[Mention]
    claims: list[Extracted]

    def as_dict(self) -> dict[str, Any]:
        return {
            "mentions": [_mention(m) for m in self.mentions],
            "claims": [_claim(self.text, c) for c in self.claims],
        }


def country_mentions(store: Any) -> dict[str, Mention]:
    """ISO code -> a mention standing for the store's country entity (nationality adjectives point there)."""
    kinds = store.entity_kinds()
    out = {}
    for eid, code in store.entity_codes().items():
        kind, name = kinds[eid]
        if kind == "country" and code not in out:
            out[code] = Mention(0, 0, name, [Target(eid, "country", name, True)])
    return out


#: A heading that starts the reference list: what follows are titles of other works, not statements.
_REFERENCES = re.compile(
    r"(?im)^\s*(?:#+\s*)?(references|bibliography|works cited|sources|notes and references)\s*:?\s*$"
)
#: In-text citations ("(Cary 2021)", "([Kremlin 2017](#))"): names inside them are not mentions.
_CITATION = re.compile(
    r"\(\[[^\]]*\]\([^)]*\)(?:\s*;\s*\[[^\]]*\]\([^)]*\))*\)|\[[^\]]*\]\(#[^)]*\)|"
    r"\((?:[A-Z][^()]{0,80}?\b(?:19|20)\d{2}[a-z]?)(?:\s*;\s*[^()]{0,80}?\b(?:19|20)\d{2}[a-z]?)*\)"
)


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose names are not statements: citations, and everything after a references heading."""
    spans = [(m.start(), m.end()) for m in _CITATION.finditer(text)]
    ref = _REFERENCES.search(text)
    if ref and ref.start() > len(text) // 3:
        spans.append((ref.start(), len(text)))
    return spans


#: Markup inside prose (Markdown link targets, citation superscripts) that is blanked, length kept, so
#: "[Leviathan](https://…) is a Chinese state-sponsored group" reads as "Leviathan is a ...".
_MARKUP = re.compile(
    r"\]\((?:https?:|/|#)[^)\s]*\)|<sup>.*?</sup>|</?[a-z]+[^>]*>|(?<![\w\]])\[(?=[^\]\n]{1,120}\]\()", re.S
)


def blank_markup(text: str) -> str:
    """The text with markup replaced by spaces: same length, so every offset still indexes the original."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def extract_text(text: str, gazetteer: Gazetteer, countries: dict[str, Mention]) -> Extraction:
    original = text
    masked = masked_spans(text)
    text = blank_markup(text)
    end_of_body = min((s for s, e in masked if e == len(text)), default=len(text))
    found = [m for m in mentions(gazetteer, text, countries) if not any(s <= m.start < e for s, e in masked)]
    claims: list[Extracted] = []
    before: list[Mention] = []
    i = 0
    for span in sentences(text):
        s, e = span
        if s >= end_of_body:
            break
        while i < len(found) and found[i].end <= s:
            before.append(found[i])
            i += 1
        inside = [m for m in found if m.start >= s and m.end <= e]
        claims += relations(text, span, inside, before[-12:], countries)
    for m in found:
        m.text = original[m.start : m.end]
    return Extraction(original, found, claims)


def _ref(m: Mention | None, value: str | None = None) -> dict[str, Any]:
    if m is None:
        return {"id": None, "name": value}
    text = " ".join(m.text.split())
    if m.entity:
        return {"id": m.entity.entity_id, "name": m.entity.name, "text": text, "kind": m.entity.kind}
    return {"id": None, "name": " ".join((m.canonical or text).split()), "text": text, "kind": m.proposed_kind}


def _mention(m: Mention) -> dict[str, Any]:
    ent = {"id": m.entity.entity_id, "name": m.entity.name, "kind": m.entity.kind} if m.entity else None
    return {"text": m.text, "start": m.start, "end": m.end, "entity": ent, "proposed_kind": m.proposed_kind}


def _claim(text: str, c: Extracted) -> dict[str, Any]:
    s, e = c.sentence
    return {
        "subject": _ref(c.subject),
        "predicate": c.predicate,
        "object": _ref(c.object, c.value),
        "assertor": " ".join(c.assertor.split()) if c.assertor else None,
        "date": c.date,
        "confidence": c.confidence,
        "hedged": c.hedged,
        "negated": c.negated,
        "evidence": {"start": s, "end": e, "text": text[s:e]},
    }
