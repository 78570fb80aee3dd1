"""A learned confidence for each extracted statement, and the threshold below which it is not proposed.

The rules (relations.py, frames.py) propose every reading their patterns allow; many are right, some
are fragments of a list, a place taken for a victim, a headline read as prose. Which ones hold is better
told by what the statement looks like than by the rule alone: the rule, the predicate, the kinds of both
ends, whether each end is named, proposed or described, how far apart they stand, hedges and negation,
how many statements the sentence yields and whether a reporting verb or a quotation frames it, where the
sentence stands in the text. None of these is a word of a particular document, so what the model learns
carries over to wording it has not seen.

The model is a logistic regression over those features, trained on the tuning evaluation documents but
`fresh` (`tests/train_ranking.py`, scikit-learn, deterministic; its threshold chosen on scores
cross-validated by document together with the gold set's, which is not trained on) and shipped
as weights (`ranking.json`); scoring here is a dot product, no third-party code at run time. A statement
whose probability is below the threshold chosen on the cross-validated scores is dropped; the others
carry it as their score, which orders `review`.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberstate.extract import filtering
from cyberstate.extract import rx as re
from cyberstate.extract.guards import guarded

if TYPE_CHECKING:
    from cyberstate.extract.mentions import Mention
    from cyberstate.extract.relations import Extracted

MODEL = Path(__file__).with_name("ranking.json")
#: Statements the model does not judge: aliases (scored elsewhere, and the analyst's to accept).
UNSCORED = frozenset({"also_known_as"})

_REPORTING = guarded(
    re.compile(r"\b(?:said|says|say|told|according to|announced|stated|added|alleg\w*|claim\w*)\b", re.I)
)
_DETERMINER = re.compile(r"(?:a|an|the|this|that|these|those|its|their|his|her|two|three|four|five|six|some|one)\b")
_QUOTE = re.compile(r"[\"“”]")
_TERMINAL = re.compile(r"[.!?:\"”’)]\s*$")
_recording: dict[int, dict[str, float]] | None = None
#: The yes-or-no features also crossed with the predicate.
CROSSED = (
    "negated",
    "hedged",
    "outside-sentence",
    "said-before",
    "object-first",
    "quote",
    "reporting",
    "no-terminal",
    "assertor",
)


@contextmanager
def unfiltered() -> Iterator[dict[int, dict[str, float]]]:
    """Every statement the rules propose, none dropped, with the features of each (by `id` of the
    statement): what the training script reads."""
    global _recording
    was, _recording = _recording, {}
    try:
        yield _recording
    finally:
        _recording = was


def rule(x: Extracted) -> str:
    """The rule that produced a statement: its first note, else the cue rule of its predicate."""
    return x.notes[0] if x.notes else f"cue:{x.predicate}"


def _form(m: Mention | None) -> str:
    """How a side is written: a known name, a proposed name, or a description."""
    if m is None:
        return "none"
    if m.entity is not None:
        return "named"
    t = m.text.strip()
    if not t or not t[0].isupper() or _DETERMINER.match(t.lower()):
        return "described"
    return "proposed"


def _kind(m: Mention | None) -> str:
    if m is None:
        return "none"
    if m.entity is not None:
        return m.entity.kind
    return m.proposed_kind or "unknown"


def _bucket(n: float, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


#: The most words between a statement's ends that a feature tells apart (`features`' gap buckets): past it, a count
#: of the words of a prefix of the gap says as much as the count of all of them.
_GAP_WORDS = 20


def _words_between(text: str, a: int, b: int) -> int:
    """The words between offsets a and b, counted exactly up to _GAP_WORDS: an end carried from far back in a long
    document (a reference read as a group named pages before) does not make each statement split megabytes of text.
    A prefix holds at most as many words as the whole gap (a word it cuts counts once), so a prefix holding more
    than _GAP_WORDS tells the same buckets."""
    if b <= a:
        return 0
    if b - a > 4096:
        head = len(text[a : a + 4096].split())
        if head > _GAP_WORDS:
            return head
    return len(text[a:b].split())


def _key(m: Mention | None) -> str:
    if m is None:
        return ""
    if m.entity is not None:
        return m.entity.entity_id
    return " ".join((m.canonical or m.text).lower().split())


#: The last sentence `_sentence` read and its answer: the statements of a sentence are scored one after another.
_LAST: list[tuple[str, int, int, tuple[int, bool, bool, bool]]] = [("", -1, -1, (0, False, False, False))]


def _sentence(text: str, s: int, e: int) -> tuple[int, bool, bool, bool]:
    """(words, a reporting verb, a quotation mark, closing punctuation) of the sentence text[s:e], read once
    for all its statements."""
    last = _LAST[0]
    if last[0] is text and last[1] == s and last[2] == e:
        return last[3]
    sentence = text[s:e]
    out = (
        len(sentence.split()),
        _REPORTING.search(sentence) is not None,
        _QUOTE.search(sentence) is not None,
        _TERMINAL.search(sentence) is not None,
    )
    _LAST[0] = (text, s, e, out)
    return out


def features(text: str, x: Extracted, group: list[Extracted], earlier: set[tuple[str, str, str]]) -> dict[str, float]:
    """The features of one statement among the statements of its sentence (`group`), given the
    statements of earlier sentences of the document (`earlier`: subject, predicate, object keys)."""
    s, e = x.sentence
    r = rule(x)
    family = r.split(":")[0]
    p = x.predicate
    sk, ok = _kind(x.subject), _kind(x.object)
    sf, of = _form(x.subject), _form(x.object)
    f: dict[str, float] = {
        "bias": 1.0,
        f"rule={r}": 1.0,
        f"family={family}": 1.0,
        f"pred={p}": 1.0,
        f"skind={sk}": 1.0,
        f"okind={ok}": 1.0,
        f"sform={sf}": 1.0,
        f"oform={of}": 1.0,
        f"pred={p}|skind={sk}": 1.0,
        f"pred={p}|okind={ok}": 1.0,
        f"pred={p}|sform={sf}": 1.0,
        f"pred={p}|oform={of}": 1.0,
        f"family={family}|pred={p}": 1.0,
        f"conf={x.confidence}": 1.0,
    }
    if x.hedged:
        f["hedged"] = 1.0
    if x.negated:
        f["negated"] = 1.0
    if x.assertor:
        f["assertor"] = 1.0
    if (_key(x.subject), p, _key(x.object)) in earlier:
        f["said-before"] = 1.0  # the document stated it in an earlier sentence (a headline, a summary)
    if x.subject is not None and x.object is not None:
        a, b = sorted([(x.subject.start, x.subject.end), (x.object.start, x.object.end)])
        gap = _words_between(text, a[1], b[0])
        f[f"gap{_bucket(gap, (0, 2, 5, 10, 20))}"] = 1.0
        f[f"pred={p}|gap{_bucket(gap, (2, 8))}"] = 1.0
        if x.object.start < x.subject.start:
            f["object-first"] = 1.0
        words = len(x.object.text.split())
        f[f"owords{_bucket(words, (1, 3, 6))}"] = 1.0
        if not s <= x.subject.start < e or not s <= x.object.start < e:
            f["outside-sentence"] = 1.0  # a side carried from an earlier sentence
    cue = max(0, x.cue[1] - x.cue[0])
    f[f"cue{_bucket(cue, (0, 4, 12, 30))}"] = 1.0
    n_words, reporting, quote, terminal = _sentence(text, s, e)
    f[f"slen{_bucket(n_words, (8, 20, 35, 60))}"] = 1.0
    f[f"claims{_bucket(len(group), (1, 2, 4, 8))}"] = 1.0
    fan = sum(y.predicate == p and _key(y.subject) == _key(x.subject) for y in group)
    f[f"fanout{_bucket(fan, (1, 2, 4))}"] = 1.0
    fan_in = sum(y.predicate == p and _key(y.object) == _key(x.object) for y in group)
    f[f"fanin{_bucket(fan_in, (1, 2))}"] = 1.0
    if reporting:
        f["reporting"] = 1.0
    if quote:
        f["quote"] = 1.0
    if not terminal:
        f["no-terminal"] = 1.0  # a headline, a caption, a list item
    pos = s / max(1, len(text))
    f[f"pos{_bucket(int(pos * 10), (0, 2, 5))}"] = 1.0
    # a flag may weigh differently by predicate: on `tuning-a` a side carried from an earlier sentence is
    # right in 0.58 of `attributed_to` readings and in all 5 of `linked_to` ones
    for flag in CROSSED:
        if flag in f:
            f[f"pred={p}|{flag}"] = 1.0
    return f


@cache
def _model() -> dict[str, Any]:
    if not MODEL.exists():
        return {"weights": {}, "threshold": 0.0}
    return json.loads(MODEL.read_text(encoding="utf-8"))


def probability(f: dict[str, float], weights: dict[str, float] | None = None) -> float:
    w = _model()["weights"] if weights is None else weights
    z = sum(w.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rank(text: str, claims: list[Extracted], earlier: set[tuple[str, str, str]] | None = None) -> list[Extracted]:
    """The statements of a document, each with its learned score, those below the threshold dropped
    (and, first, the readings that are no statements: extract/filtering.py). `earlier`: the keys of what the
    document's sentences before these stated, added to as these are read, for a caller that ranks a long text
    window by window (`core.iter_ranked`): the same scores as one call over all the windows' statements."""
    claims = filtering.kept(text, claims)
    model = _model()
    if not model["weights"] and _recording is None:
        return claims
    by_sentence: dict[tuple[int, int], list[Extracted]] = {}
    for x in claims:
        by_sentence.setdefault(x.sentence, []).append(x)
    if earlier is None:
        earlier = set()
    kept = []
    for sentence in sorted(by_sentence):
        group = by_sentence[sentence]
        for x in group:
            if x.predicate in UNSCORED:
                kept.append(x)
                continue
            f = features(text, x, group, earlier)
            x.score = round(probability(f), 3)
            if _recording is not None:
                _recording[id(x)] = f
                kept.append(x)
            elif x.score >= model["threshold"]:
                kept.append(x)
        earlier.update((_key(x.subject), x.predicate, _key(x.object)) for x in group)
    return kept


def counts(rows: list[dict[str, float]]) -> Counter[str]:
    """How many statements carry each feature (the training script keeps those seen at least twice)."""
    c: Counter[str] = Counter()
    for r in rows:
        c.update(r)
    return c
