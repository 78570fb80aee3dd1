"""A pair classifier beside the rules, measured and not used: the features and the pairs its training reads.

The rules (relations.py, frames.py) read constructions exactly, but only the constructions written for them.
This module offers what a learned relation step would read: every ordered pair of ends of a sentence (the
names found in it and the ends the rules' statements use, described phrases included), each with features
that carry across publishers: the stems of the words between and around the two ends (alone and with which
end comes first), the class of the cue words among them (targeting, attribution, operation, employment,
membership, charges, sanctions, place, hierarchy), passive and negation markers, the kinds and forms of
the ends, their order and distance, the ends between them, and whether a rule already reads the pair; and,
when the recording asks for them, the dependency path between the two ends (`structure`).
`tests/train_learned.py` fits a multinomial logistic regression over them (none or a predicate, subject
first) and measures, cross-validated by document, what it would add beyond the rules.

It is not part of extraction: on the dev documents, the statements it adds beyond the rules either restate
what the rules already read through another mention of an end, or are wrong about as often as they find a
statement the rules miss (docs/extraction.md, "A learned pair classifier: measured, not used"). With the
dependency path it finds more of what the rules miss on text it was not trained on, but is wrong too often
there to keep precision (same section). The extraction calls `record` only while `recording()` is on, for
the training script.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from cyberstate.extract import language, parse
from cyberstate.extract import rx as re
from cyberstate.extract.mentions import Mention
from cyberstate.extract.relations import Extracted
from cyberstate.model.vocab import PREDICATES

#: The class of a pair that states nothing.
NONE = "none"
#: How many words may stand between two ends: farther apart, a sentence seldom relates them directly, and
#: the number of pairs of a long list stays bounded.
MAX_GAP = 30
#: How many ends of a sentence are paired at most (its first ones): a list of sixty victims is read by
#: the rules' list handling, not pair by pair.
MAX_ENDS = 24

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b", re.I)


def _stemset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Word classes by stem: what kind of relation a word between two ends speaks of. General English cue words
#: of the register (never a name, never a document's phrase).
CLASSES: dict[str, frozenset[str]] = {
    "target": _stemset(
        "target attack hack compromis breach spi spy intrusion intru exploit infiltrat penetrat victim steal stole "
        "stolen campaign against access"
    ),
    "attribute": _stemset(
        "attribut behind blam responsib sponsor back link tie tied associat connect accus suspect tracked trace work"
    ),
    "operate": _stemset("behalf direct direction order run control task operat fund financ instruct"),
    "employ": _stemset("employ employee officer staff hire hir work job engineer contractor"),
    "member": _stemset("member part belong"),
    "charge": _stemset("indict indictment charg prosecut unseal complaint"),
    "sanction": _stemset("sanction designat penalt"),
    "place": _stemset("based bas locat headquarter in from city province"),
    "hierarchy": _stemset("unit branch bureau under subordinat department arm division"),
    "front": _stemset("front cover shell"),
    "alias": _stemset("aka known call name also"),
    "report": _stemset("said say told announc state assess report accord"),
}
_CLASS_OF: dict[str, list[str]] = {}
for _name, _stems in CLASSES.items():
    for _s in _stems:
        _CLASS_OF.setdefault(_s, []).append(_name)

_DETERMINERS = _stemset("the a an its their his her this that these those")
_NEGATION_WORDS = _stemset("no not never none neither nor without deni deny reject refut dismiss disput n't")


def stem(word: str) -> str:
    """A crude stem: enough that "targeted", "targets" and "targeting" are one feature."""
    w = word.lower().replace("’", "'")
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ied"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _classes(stem_: str) -> list[str]:
    found = _CLASS_OF.get(stem_)
    if found:
        return found
    # a stem that begins with a class's stem ("attribution" -> "attribut")
    out: list[str] = []
    for k in range(4, min(len(stem_), 12)):
        out += _CLASS_OF.get(stem_[:k], [])
    return out


def _stems(text: str) -> list[str]:
    return [stem(m.group()) for m in _WORD.finditer(text)]


def _kind(m: Mention) -> str:
    if m.entity is not None:
        return m.entity.kind
    return m.proposed_kind or "unknown"


def _form(m: Mention) -> str:
    if m.entity is not None:
        return "named"
    t = m.text.strip()
    return "proposed" if t[:1].isupper() else "described"


def _key(m: Mention) -> str:
    return m.entity.entity_id if m.entity is not None else " ".join((m.canonical or m.text).lower().split())


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def features(
    text: str, sentence: tuple[int, int], subj: Mention, obj: Mention, ends: list[Mention], said: list[Extracted]
) -> dict[str, float]:
    """The features of reading `subj` as the subject and `obj` as the object of a statement of the sentence."""
    s, e = sentence
    first, second = (subj, obj) if subj.start < obj.start else (obj, subj)
    order = "so" if first is subj else "os"
    between = _stems(text[first.end : second.start])
    left = _stems(text[max(s, first.start - 60) : first.start])[-3:]
    right = _stems(text[second.end : min(e, second.end + 60)])[:3]
    sk, ok = _kind(subj), _kind(obj)
    sf, of = _form(subj), _form(obj)
    f: dict[str, float] = {
        "bias": 1.0,
        f"order={order}": 1.0,
        f"sk={sk}": 1.0,
        f"ok={ok}": 1.0,
        f"sk={sk}|ok={ok}": 1.0,
        f"{order}|sk={sk}|ok={ok}": 1.0,
        f"sf={sf}": 1.0,
        f"of={of}": 1.0,
        f"gap{_bucket(len(between), (0, 1, 2, 4, 7, 12, 20))}": 1.0,
        f"{order}|gap{_bucket(len(between), (1, 4, 12))}": 1.0,
    }
    inner = [m for m in ends if first.end <= m.start and m.end <= second.start]
    f[f"ends-between{_bucket(len(inner), (0, 1, 3))}"] = 1.0
    for m in inner:
        f[f"{order}|kind-between={_kind(m)}"] = 1.0
    # the sentence's first end is most often its grammatical subject, its last the end of a list
    if ends and ends[0] is subj:
        f[f"{order}|subject-first-in-sentence"] = 1.0
    if ends and ends[-1] is obj:
        f[f"{order}|object-last-in-sentence"] = 1.0
    commas = text.count(",", first.end, second.start)
    f[f"commas{_bucket(commas, (0, 1, 3))}"] = 1.0
    words = between if len(between) <= 12 else between[:6] + between[-6:]
    for w in words:
        f[f"b:{w}"] = 1.0
        f[f"{order}|b:{w}"] = 1.0
        for c in _classes(w):
            f[f"c:{c}"] = 1.0
            f[f"{order}|c:{c}"] = 1.0
            f[f"{order}|c:{c}|sk={sk}"] = 1.0
            f[f"{order}|c:{c}|ok={ok}"] = 1.0
        if w in _NEGATION_WORDS:
            f["neg-between"] = 1.0
    if between:
        f[f"{order}|b1:{between[0]}"] = 1.0
        f[f"{order}|bl:{between[-1]}"] = 1.0
        cue = next((w for w in between if _classes(w)), None)
        if cue is not None:
            f[f"{order}|cue:{cue}"] = 1.0
    else:
        f[f"{order}|adjacent"] = 1.0
    for w in left:
        f[f"l:{w}"] = 1.0
        for c in _classes(w):
            f[f"{order}|lc:{c}"] = 1.0
        if w in _NEGATION_WORDS:
            f["neg-before"] = 1.0
    for w in right:
        f[f"r:{w}"] = 1.0
        for c in _classes(w):
            f[f"{order}|rc:{c}"] = 1.0
    if left:
        f[f"l1:{left[-1]}"] = 1.0
    if right:
        f[f"r1:{right[0]}"] = 1.0
    gap_text = text[first.end : second.start]
    if _PASSIVE.search(gap_text):
        f[f"{order}|passive"] = 1.0
    content = [w for w in between if w not in _DETERMINERS]
    if content and content[-1] == "by":
        f[f"{order}|by-last"] = 1.0  # "... directed by the ministry": an agent
    if "'s" in gap_text[:3] or "’s" in gap_text[:3]:
        f[f"{order}|possessive"] = 1.0
    if "(" in gap_text or ")" in gap_text:
        f["bracket-between"] = 1.0
    if ";" in gap_text or ":" in gap_text:
        f["colon-between"] = 1.0
    if language.NEGATION.search(text, s, e):
        f["neg-sentence"] = 1.0
    sk_key, ok_key = _key(subj), _key(obj)
    related = False
    for x in said:
        if x.object is None:
            continue
        a, b = _key(x.subject), _key(x.object)
        if (a, b) == (sk_key, ok_key):
            f[f"rule-same:{x.predicate}"] = 1.0
            related = True
        elif (a, b) == (ok_key, sk_key):
            f[f"rule-reverse:{x.predicate}"] = 1.0
            related = True
        else:
            if a == sk_key or b == sk_key:
                f["subject-in-rule"] = 1.0
            if a == ok_key or b == ok_key:
                f["object-in-rule"] = 1.0
            if a == sk_key:
                f[f"subject-in-rule:{x.predicate}"] = 1.0
            if b == ok_key:
                f[f"object-in-rule:{x.predicate}"] = 1.0
    if related:
        f["rule-related"] = 1.0
    return f


@dataclass
class Pair:
    """One ordered pair of ends of a sentence, with its features (what training reads)."""

    sentence: tuple[int, int]
    subject: Mention
    object: Mention
    features: dict[str, float]
    related: bool


_recording: list[Pair] | None = None
#: Whether the recorded pairs also get the features of the sentence's dependency parse (`structure`).
_structured = False


@contextmanager
def recording(structured: bool = False) -> Iterator[list[Pair]]:
    """Every pair of every sentence with its features, none proposed: what the training script reads;
    `structured`: with the dependency parse's features too (needs the `parse` extra)."""
    global _recording, _structured
    was, _recording = _recording, []
    was_structured, _structured = _structured, structured
    try:
        yield _recording
    finally:
        _recording, _structured = was, was_structured


def recording_on() -> bool:
    """Whether the training script is recording (the extraction's hook asks once a window)."""
    return _recording is not None


def ends(sentence: tuple[int, int], inside: list[Mention], said: list[Extracted]) -> list[Mention]:
    """The ends a sentence offers: its names and the ends its statements use that stand in it, one per
    span, the known name winning over a proposed one that overlaps it."""
    s, e = sentence
    pool = list(inside) + [m for x in said for m in (x.subject, x.object) if m is not None]
    by_span: dict[tuple[int, int], Mention] = {}
    for m in pool:
        if not (s <= m.start and m.end <= e) or m.end <= m.start:
            continue
        if not m.kinds():
            continue
        k = (m.start, m.end)
        if k not in by_span or (by_span[k].entity is None and m.entity is not None):
            by_span[k] = m
    out = sorted(by_span.values(), key=lambda m: (m.start, -m.end))
    known = [m for m in out if m.entity is not None]
    out = [
        m
        for m in out
        if m.entity is not None or not any(k.start < m.end and m.start < k.end and k is not m for k in known)
    ]
    return out[:MAX_ENDS]


def _related(said: list[Extracted]) -> set[frozenset[str]]:
    return {frozenset((_key(x.subject), _key(x.object))) for x in said if x.object is not None}


def _fits(predicate: str, subj: Mention, obj: Mention) -> bool:
    p = PREDICATES[predicate]
    return bool(subj.kinds() & p.domain_kinds) and bool(obj.kinds() & p.range_kinds)


def pairs(
    text: str, sentence: tuple[int, int], inside: list[Mention], said: list[Extracted]
) -> Iterator[tuple[Mention, Mention, dict[str, float], bool]]:
    """Every ordered pair of distinct ends of the sentence close enough to be read, with its features and
    whether a rule's statement already relates the two (in either order)."""
    found = ends(sentence, inside, said)
    if len(found) < 2:
        return
    related = _related(said)
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            if b.start < a.end:
                continue  # nested or overlapping: one name inside another
            ka, kb = _key(a), _key(b)
            if ka == kb:
                continue
            if len(_WORD.findall(text, a.end, b.start)) > MAX_GAP:
                continue
            rel = frozenset((ka, kb)) in related
            for subj, obj in ((a, b), (b, a)):
                yield subj, obj, features(text, sentence, subj, obj, found, said), rel


def probabilities(f: dict[str, float], weights: dict[str, dict[str, float]]) -> dict[str, float]:
    """The softmax of each class's dot product with the features (`weights`: class -> feature -> weight)."""
    z = {c: sum(cw.get(k, 0.0) * v for k, v in f.items()) for c, cw in weights.items()}
    top = max(z.values())
    exp = {c: math.exp(v - top) for c, v in z.items()}
    total = sum(exp.values())
    return {c: v / total for c, v in exp.items()}


def best(subj: Mention, obj: Mention, probs: dict[str, float], threshold: float) -> tuple[str, float] | None:
    """The likeliest predicate the vocabulary admits for the pair, if it reaches the threshold and beats
    reading nothing."""
    ranked = sorted(((p, c) for c, p in probs.items() if c != NONE), reverse=True)
    for p, c in ranked:
        if p < threshold or p < probs.get(NONE, 0.0):
            return None
        if c in PREDICATES and _fits(c, subj, obj):
            return c, p
    return None


def record(text: str, sentence: tuple[int, int], inside: list[Mention], said: list[Extracted]) -> None:
    """Every pair of a sentence with its features, kept while `recording()` is on; the sentence is parsed
    only when it offers a pair and the recording asks for structure."""
    if _recording is None:
        return
    found = [Pair(sentence, s, o, f, rel) for s, o, f, rel in pairs(text, sentence, inside, said)]
    if found and _structured:
        s, e = sentence
        pipeline = parse.nlp()
        if pipeline is None:
            raise RuntimeError("structure features need the parse extra (spaCy and its English model)")
        doc = pipeline(text[s:e]) if e - s <= parse.MAX_SENTENCE else None
        for p in found:
            p.features.update(structure(doc, s, p.subject, p.object))
    _recording.extend(found)


#: The prefix of every feature read from the dependency parse: the training script tells the two sets apart.
STRUCTURE = "dep:"
#: Dependency labels that mark a clause or list boundary when the path between two ends crosses them.
_BOUNDARIES = frozenset({"relcl", "conj", "advcl", "ccomp", "xcomp", "acl", "appos", "parataxis", "pcomp"})


def _head(doc: Any, base: int, m: Mention) -> Any:
    """The token of the parse that heads a mention: of the tokens it covers, the one whose head lies
    outside them (the last one when the parse nests them otherwise)."""
    toks = [t for t in doc if base + t.idx < m.end and m.start < base + t.idx + len(t.text)]
    if not toks:
        return None
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i == t.i or t.head.i not in inside:
            return t
    return toks[-1]


def _role(path: list[Any]) -> str:
    """What an end is to the lowest common ancestor: the label of the ancestor's child on the path, with
    its preposition for a prepositional one ("prep:to", "agent" for a passive's "by")."""
    if not path:
        return "self"
    top = path[-1]
    if top.dep_ in ("prep", "agent", "dative"):
        return f"{top.dep_}:{top.lower_}"
    if top.dep_ == "pobj" and top.head.dep_ in ("prep", "agent"):
        return f"{top.head.dep_}:{top.head.lower_}"
    return top.dep_


def structure(doc: Any, base: int, subj: Mention, obj: Mention) -> dict[str, float]:
    """Features of the dependency path between two ends' head tokens: its labels and directions up to the
    lowest common ancestor, that ancestor's part of speech, stem and verb class when it is a verb, what
    each end is to it (subject, passive subject, object, agent, a preposition's object, apposition,
    compound), and the path's length. No document word enters but verb stems and prepositions."""
    if doc is None:
        return {"dep:unparsed": 1.0}
    a, b = _head(doc, base, subj), _head(doc, base, obj)
    if a is None or b is None:
        return {"dep:no-head": 1.0}
    if a.i == b.i:
        return {"dep:same-head": 1.0}
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    where_b = {t.i: k for k, t in enumerate(up_b)}
    k_a = next((k for k, t in enumerate(up_a) if t.i in where_b), None)
    if k_a is None:
        return {"dep:no-path": 1.0}  # the parser cut the sentence in two
    lca = up_a[k_a]
    side_a, side_b = up_a[:k_a], up_b[: where_b[lca.i]]
    labels = [f"{t.dep_}^" for t in side_a] + [f"v{t.dep_}" for t in reversed(side_b)]
    sr, orole = _role(side_a), _role(side_b)
    length = len(labels)
    f: dict[str, float] = {
        f"dep:len{_bucket(length, (1, 2, 3, 4, 6))}": 1.0,
        f"dep:sr={sr}": 1.0,
        f"dep:or={orole}": 1.0,
        f"dep:sr={sr}|or={orole}": 1.0,
        f"dep:sr={sr}|sk={_kind(subj)}": 1.0,
        f"dep:or={orole}|ok={_kind(obj)}": 1.0,
        f"dep:lca={lca.tag_[:2]}": 1.0,
        f"dep:sdep={a.dep_}": 1.0,
        f"dep:odep={b.dep_}": 1.0,
    }
    f["dep:path=" + " ".join(labels) if length <= 4 else "dep:path-long"] = 1.0
    for lab in {t.dep_ for t in side_a + side_b} & _BOUNDARIES:
        f[f"dep:crosses={lab}"] = 1.0
    for name, side in (("s", side_a), ("o", side_b)):
        # a verb below the ancestor that governs the end ("X, which was backed by Y": Y is the agent of
        # "backed", a relative clause on X)
        k = next((k for k, t in enumerate(side) if k and t.tag_.startswith("VB")), None)
        if k is not None:
            v = side[k]
            cls = parse.verb_class(v.text) or "other"
            role = f"{name}gov={_role(side[:k])}|class={cls}|{'passive' if parse.passive(v) else 'active'}"
            f[f"dep:{role}"] = 1.0
            f[f"dep:{role}|attach={v.dep_}"] = 1.0
            f[f"dep:{name}gov-verb={stem(v.lower_)}"] = 1.0
    if lca.tag_.startswith("VB"):
        verb = stem(lca.lower_)
        cls = parse.verb_class(lca.text) or "other"
        voice = "passive" if parse.passive(lca) else "active"
        f[f"dep:verb={verb}"] = 1.0
        f[f"dep:verb={verb}|sr={sr}|or={orole}"] = 1.0
        f[f"dep:class={cls}"] = 1.0
        f[f"dep:class={cls}|{voice}"] = 1.0
        f[f"dep:class={cls}|sr={sr}|or={orole}"] = 1.0
        f[f"dep:{voice}|sr={sr}|or={orole}"] = 1.0
        if any(c.dep_ == "neg" for c in lca.children):
            f["dep:verb-negated"] = 1.0
    return f
