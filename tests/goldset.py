"""Scoring extraction against the annotated gold set (tests/data/gold): precision, recall, and how often
assertor, hedge and negation are right on the matched claims.

A predicted claim matches a gold claim when it comes from the same sentence, has the same predicate, and
its subject and object name the same things: the same entity (the gold name resolved by the knowledge
base), or names of which one is a run of whole words of the other once case, punctuation and a leading
determiner are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions
from cyberstate.ingest.curated import locate
from cyberstate.model.names import norm

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).parent / "data" / "gold" / "claims.yaml"
STOP = {"the", "a", "an", "of", "and", "government", "governments", "department", "s"}


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched_pred: int = 0
    matched_gold: int = 0
    assertor_ok: int = 0
    hedge_ok: int = 0
    negation_ok: int = 0
    pairs: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    def rate(self, n: int) -> float:
        return n / self.pairs if self.pairs else 0.0


def _words(name: str) -> list[str]:
    """A name's words as `norm` writes each (hyphens and slashes part words too)."""
    return [w for w in (norm(x) for x in re.split(r"[\s\-/]+", name)) if w]


def _within(short: list[str], long: list[str]) -> bool:
    """Whether `short` is a run of whole words of `long`."""
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


#: A determiner before a described end: "the attacks" and "these attacks" of one sentence name one thing, as
#: `resolve` reads "the United States" as the United States.
_DETERMINER = re.compile(r"^(?:the|these|those|this|that|a|an)\s+", re.IGNORECASE)


def _names_match(kb: KnowledgeBase, gold: str | None, pred: dict[str, Any], cache: dict[str, str | None]) -> bool:
    """Whether a candidate's end names what an annotated end names: the same name once case, spacing,
    punctuation and a leading determiner are ignored, one a run of whole words of the other ("defense
    contractors" of "US defense contractors"), or the same entity. Whole words, since a containment of letters
    counted "State" of the Ministry of State Security, and "technology" of "biotechnology", as the same end."""
    if gold is None:
        return False
    bare = _DETERMINER.sub("", gold.strip())
    g, gw = norm(bare), _words(bare)
    for text in (pred.get("text"), pred.get("name")):
        if text:
            bare = _DETERMINER.sub("", text.strip())
            p, pw = norm(bare), _words(bare)
            if p and g and (p == g or (min(len(p), len(g)) >= 4 and (_within(pw, gw) or _within(gw, pw)))):
                return True
            if p in gw:  # "US" in the gold's "US and UK governments"
                return True
    if pred.get("id"):
        if gold not in cache:
            try:
                cache[gold] = kb.entity_id(gold)
            except Exception:
                cache[gold] = None
        return cache[gold] == pred["id"]
    return False


def _assertor_ok(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    g = {w for w in (norm(x) for x in gold.replace("-", " ").split()) if w and w not in STOP}
    p = {w for w in (norm(x) for x in pred.replace("-", " ").split()) if w and w not in STOP}
    return bool(g & p) or norm(gold) in norm(pred) or norm(pred) in norm(gold)


def score(kb: KnowledgeBase) -> Score:
    doc = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    gazetteer = kb.gazetteer()
    countries = country_mentions(kb.store)
    result = Score()
    cache: dict[str, str | None] = {}
    for d in doc["documents"]:
        text = (ROOT / d["path"]).read_text(encoding="utf-8")
        predicted = extract_text(text, gazetteer, countries).as_dict()["claims"]
        gold = [g for g in doc["claims"] if g["doc"] == d["id"]]
        for g in gold:
            span = locate(g["sentence"], text)
            g["_span"] = span
        result.predicted += len(predicted)
        result.gold += len(gold)
        used_gold: set[int] = set()
        for p in predicted:
            ps, pe = p["evidence"]["start"], p["evidence"]["end"]
            hit = None
            for i, g in enumerate(gold):
                span = g["_span"]
                if span is None or not (ps < span[1] and span[0] < pe) or g["predicate"] != p["predicate"]:
                    continue
                if _names_match(kb, g["subject"], p["subject"], cache) and _names_match(
                    kb, g["object"], p["object"], cache
                ):
                    hit = i
                    if i not in used_gold:
                        break
            if hit is None:
                result.spurious.append({"doc": d["id"], **p})
                continue
            result.matched_pred += 1
            if hit not in used_gold:
                used_gold.add(hit)
                g = gold[hit]
                result.pairs += 1
                checks = {
                    "assertor": _assertor_ok(g.get("assertor"), p["assertor"]),
                    "hedged": bool(g.get("hedged")) == p["hedged"],
                    "negated": bool(g.get("negated")) == p["negated"],
                }
                result.assertor_ok += checks["assertor"]
                result.hedge_ok += checks["hedged"]
                result.negation_ok += checks["negated"]
                result.wrong += [(k, g, p) for k, ok in checks.items() if not ok]
        result.matched_gold += len(used_gold)
        result.misses += [g for i, g in enumerate(gold) if i not in used_gold]
    return result
