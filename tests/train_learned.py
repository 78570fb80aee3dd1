"""Measure a pair classifier beside the rules (src/cyberstate/extract/learned.py): a negative result, kept.

Every ordered pair of ends of every sentence of the `tuning` documents (the dev documents without the
held-out batches; nothing else is read) gets learned.features; its label is the predicate of the annotated
statement it matches (tests/evalset.py's matching: a key statement, or one the document lists as right but
not key), else `none`. A multinomial logistic regression is fitted on every pair, those the rules already
relate included (the feature `rule-related` tells them apart). It is measured by cross-validation grouped by
document (five folds of the sorted document ids: no document is scored by a model that saw it): at each
threshold, the statements it would add beyond the rules (per pair of ends no rule relates, the likelier
direction whose predicate the vocabulary admits), how many match a key statement (and of them, how many the
rules already find through another mention of an end) or a right-not-key one, how many are wrong, the key
statements found that the rules miss, and tuning's recall and precision_all with them added; then the same
without the additions that share an end and its predicate with a rule's statement of the sentence (the
restatements); each for all of tuning and for batch6 and batch7, whose misses no rule of this code was
written from. The older gold set is scored by the model trained on all of tuning.

    .venv/bin/python tests/train_learned.py [--db PATH] [--c C] [--balanced] [--with-gold] [-v]
    .venv/bin/python tests/train_learned.py --halves [--db PATH] [--c C,C...] [--with-gold] [--structure-only]
        [--publisher-folds]

(--balanced: classes weighted inversely to their frequency; --with-gold: the gold set's pairs, its
annotated sentences of the seed texts and galaxy descriptions, join every fold's training, as distant
supervision from the curated register; -v: the additions by predicate.) `--halves` asks whether a model
read from tuning-a carries to tuning-b, with and without the dependency parse's features (`halves`; it needs
the `parse` extra too; a model not trained on the gold set also scores it at the threshold chosen). Needs
the `train` extra (scikit-learn); deterministic. The figures are in docs/extraction.md.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text, learned
from cyberstate.extract.core import _ref, country_mentions
from evalset import BATCH6, BATCH7, Document, _matches, load_split

C = 0.3
MIN_COUNT = 2
FOLDS = 5
THRESHOLDS = [0.3, 0.5, 0.7, 0.8, 0.9]


@dataclass
class Row:
    doc: str
    sentence: tuple[int, int]
    pair: learned.Pair
    label: str
    #: per predicate: indexes of the document's key statements the pair read with that predicate matches
    hits: dict[str, set[int]] = field(default_factory=dict)
    #: predicates under which it matches a right-not-key statement
    extra: set[str] = field(default_factory=set)


@dataclass
class Doc:
    id: str
    key: int
    found: set[int]  # key statements the rules find
    proposed: int
    right: int  # rule statements matching a key statement
    right_extra: int  # rule statements matching only a right-not-key statement
    rows: list[Row]


def _candidate(p: learned.Pair, predicate: str) -> dict[str, Any]:
    s, e = p.sentence
    return {
        "subject": _ref(p.subject),
        "predicate": predicate,
        "object": _ref(p.object),
        "evidence": {"start": s, "end": e},
    }


def collect(kb: KnowledgeBase, docs: list[Document], structured: bool = False) -> list[Doc]:
    gazetteer = kb.gazetteer()
    countries = country_mentions(kb.store)
    cache: dict[str, str | None] = {}
    out = []
    for d in docs:
        gold = [g for g in d.statements if g.predicate != "also_known_as"]
        with learned.recording(structured) as recorded:
            x = extract_text(d.text, gazetteer, countries)
        claims = [p for p in x.as_dict()["claims"] if p["predicate"] != "also_known_as"]
        found: set[int] = set()
        right = right_extra = 0
        for p in claims:
            hits = {i for i, g in enumerate(gold) if _matches(kb, g, p, cache)}
            found |= hits
            if hits:
                right += 1
            elif any(_matches(kb, g, p, cache) for g in d.extra):
                right_extra += 1
        rows = []
        for pair in recorded:
            s, e = pair.sentence
            row = Row(d.id, pair.sentence, pair, learned.NONE)
            near = [(i, g) for i, g in enumerate(gold) if g.span and g.span[0] < e and s < g.span[1]]
            for predicate in {g.predicate for _, g in near} | {g.predicate for g in d.extra}:
                cand = _candidate(pair, predicate)
                hits = {i for i, g in near if g.predicate == predicate and _matches(kb, g, cand, cache)}
                if hits:
                    row.hits[predicate] = hits
                elif any(g.predicate == predicate and _matches(kb, g, cand, cache) for g in d.extra):
                    row.extra.add(predicate)
            if row.hits:
                row.label = min(row.hits)  # deterministic when a pair matches under two predicates
            elif row.extra:
                row.label = min(row.extra)
            rows.append(row)
        out.append(Doc(d.id, len(gold), found, len(claims), right, right_extra, rows))
    return out


def fit(rows: list[Row], c: float, balanced: bool = False, words_only: bool = False) -> dict[str, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter()
    for r in rows:
        counts.update(r.pair.features)
    vocabulary = {
        k for k, n in counts.items() if n >= MIN_COUNT and not (words_only and k.startswith(learned.STRUCTURE))
    }
    vec = DictVectorizer(sort=True, sparse=True)
    X = vec.fit_transform([{k: v for k, v in r.pair.features.items() if k in vocabulary} for r in rows])
    y = [r.label for r in rows]
    model = LogisticRegression(C=c, max_iter=3000, random_state=0, class_weight="balanced" if balanced else None)
    model.fit(X, y)
    names = vec.get_feature_names_out()
    weights: dict[str, dict[str, float]] = {}
    for cls, coef, bias in zip(model.classes_, model.coef_, model.intercept_, strict=True):
        w = {n: round(float(v), 5) for n, v in zip(names, coef, strict=True) if round(float(v), 5)}
        w["bias"] = round(float(bias) + w.get("bias", 0.0), 5)
        weights[str(cls)] = dict(sorted(w.items()))
    return weights


def cross_validated(
    docs: list[Doc],
    c: float,
    balanced: bool = False,
    more: list[Row] | None = None,
    words_only: bool = False,
    by_publisher: bool = False,
) -> dict[int, dict[str, float]]:
    """Each pair's class probabilities from the model trained on the other folds' documents (by id of row),
    and on `more` rows in every fold."""
    ids = sorted(d.id for d in docs)

    def group(doc_id: str) -> str:
        # by publisher (the id's first word), a publisher's documents fall in one fold, as the halves keep
        # them on one side
        return doc_id.split("-")[0] if by_publisher else doc_id

    groups = sorted({group(i) for i in ids})
    out: dict[int, dict[str, float]] = {}
    for k in range(FOLDS):
        chosen = set(groups[k::FOLDS])
        held = {i for i in ids if group(i) in chosen}
        train = [r for d in docs if d.id not in held for r in d.rows] + (more or [])
        weights = fit(train, c, balanced, words_only)
        for d in docs:
            if d.id in held:
                for r in d.rows:
                    out[id(r)] = learned.probabilities(r.pair.features, weights)
    return out


def additions(
    d: Doc, probs: dict[int, dict[str, float]], threshold: float, fresh: bool = False
) -> list[tuple[Row, str, float]]:
    """What the step would add to a document at a threshold: per pair of ends no rule relates, the
    likelier direction's admitted predicate. `fresh`: not when the rules state the predicate of the
    subject or of the object in the sentence (another mention of an end: a restatement, or another item)."""
    chosen: dict[tuple[tuple[int, int], frozenset[int]], tuple[float, Row, str]] = {}
    for r in d.rows:
        if r.pair.related:
            continue
        got = learned.best(r.pair.subject, r.pair.object, probs[id(r)], threshold)
        if got is None:
            continue
        f = r.pair.features
        if fresh and (f.get(f"subject-in-rule:{got[0]}") or f.get(f"object-in-rule:{got[0]}")):
            continue
        key = (r.sentence, frozenset((id(r.pair.subject), id(r.pair.object))))
        if key not in chosen or chosen[key][0] < got[1]:
            chosen[key] = (got[1], r, got[0])
    return [(r, pred, p) for p, r, pred in chosen.values()]


def figures(
    docs: list[Doc], probs: dict[int, dict[str, float]], threshold: float, fresh: bool = False
) -> dict[str, Any]:
    added = right_key = right_extra = duplicates = 0
    proposed = sum(d.proposed for d in docs)
    right = sum(d.right for d in docs)
    extra = sum(d.right_extra for d in docs)
    key = sum(d.key for d in docs)
    found = sum(len(d.found) for d in docs)
    new_found = 0
    by_predicate: Counter[str] = Counter()
    for d in docs:
        more: set[int] = set()
        for r, pred, _ in additions(d, probs, threshold, fresh):
            added += 1
            if pred in r.hits:
                right_key += 1
                duplicates += r.hits[pred] <= d.found
                more |= r.hits[pred]
                by_predicate[pred + " right"] += 1
            elif pred in r.extra:
                right_extra += 1
                by_predicate[pred + " right"] += 1
            else:
                by_predicate[pred + " wrong"] += 1
        new_found += len(more - d.found)
    wrong = added - right_key - right_extra
    return {
        "threshold": threshold,
        "added": added,
        "right_key": right_key,
        "right_not_key": right_extra,
        "of_them_already_found": duplicates,
        "wrong": wrong,
        "new_key_found": new_found,
        "recall": f"{found / key:.3f} -> {(found + new_found) / key:.3f}",
        "precision": f"{right / proposed:.3f} -> {(right + right_key) / (proposed + added):.3f}",
        "precision_all": (
            f"{(right + extra) / proposed:.3f} -> {(right + extra + right_key + right_extra) / (proposed + added):.3f}"
        ),
        "by_predicate": dict(sorted(by_predicate.items())),
        "_pa_drop": (right + extra) / proposed - (right + extra + right_key + right_extra) / (proposed + added),
    }


def report(name: str, docs: list[Doc], probs: dict[int, dict[str, float]], fresh: bool) -> list[dict[str, Any]]:
    print(name + (" (no addition sharing an end and its predicate with a rule's statement)" if fresh else ""))
    curve = [figures(docs, probs, t, fresh) for t in THRESHOLDS]
    for f in curve:
        print({k: v for k, v in f.items() if not k.startswith("_") and (k != "by_predicate" or "-v" in sys.argv)})
    return curve


#: The thresholds the halves' measure chooses among, on tuning-a's cross-validation only.
GRID = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def _counts(f: dict[str, Any]) -> dict[str, Any]:
    keys = ("threshold", "added", "new_key_found", "of_them_already_found", "right_key", "right_not_key", "wrong")
    return {k: f[k] for k in keys} | {"recall": f["recall"], "precision_all": f["precision_all"]}


def halves(
    kb: KnowledgeBase,
    cs: list[float],
    gold_options: tuple[bool, ...],
    feature_sets: tuple[bool, ...],
    by_publisher: bool = False,
) -> None:
    """Whether a model read from tuning-a carries to tuning-b, scored as a whole (counts only). On tuning-a's
    cross-validation, for the additions as they are and for those left once the restatements are left
    out (`additions(fresh=True)`), the threshold of GRID whose additions find the most key statements the
    rules miss while precision_all falls by at most 0.01 (fewer wrong, then the higher threshold, on a
    tie; none qualifying, the highest of the grid); the model of all tuning-a (and the gold set with
    `--with-gold`: both without and with) then scores tuning-b at it, in both forms. For each C of `cs`,
    once with the words' features alone, once with the dependency parse's added (`--structure-only`: only
    the latter). `by_publisher` (`--publisher-folds`): each publisher's documents in one fold, as the
    halves keep a publisher on one side, instead of every fifth sorted id."""
    a = collect(kb, load_split("tuning-a"), structured=True)
    b = collect(kb, load_split("tuning-b"), structured=True)
    gold = collect(kb, load_split("gold"), structured=True)
    gold_rows = [r for d in gold for r in d.rows]
    print(f"tuning-a: {sum(len(d.rows) for d in a)} pairs of {len(a)} documents; tuning-b: {len(b)} documents")
    for c, with_gold, words_only in ((c, g, w) for c in cs for g in gold_options for w in feature_sets):
        more = gold_rows if with_gold else []
        name = "words alone" if words_only else "words and the dependency path"
        print(f"== {name} (C={c}{', the gold set in training' if with_gold else ''})")
        probs = cross_validated(a, c, False, more, words_only, by_publisher)
        weights = fit([r for d in a for r in d.rows] + more, c, False, words_only)
        b_probs = {id(r): learned.probabilities(r.pair.features, weights) for d in b for r in d.rows}
        g_probs = {id(r): learned.probabilities(r.pair.features, weights) for r in gold_rows}
        for fresh in (False, True):
            curve = {t: figures(a, probs, t, fresh) for t in GRID}
            for t in GRID:
                print(f"  tuning-a cross-validated{' (no restatement)' if fresh else ''}", _counts(curve[t]))
            ok = [t for t in GRID if curve[t]["_pa_drop"] <= 0.01]
            chosen = max(ok, key=lambda t: (curve[t]["new_key_found"], -curve[t]["wrong"], t)) if ok else GRID[-1]
            print(f"  threshold chosen on tuning-a: {chosen}", _counts(curve[chosen]))
            got = figures(b, b_probs, chosen, fresh)
            print(f"  tuning-b at it{' (no restatement)' if fresh else ''}", _counts(got))
            print(f"  tuning-b precision_all change {-got['_pa_drop']:+.4f}")
            if not with_gold:  # the gold set is no measure once trained on
                print(
                    f"  gold at it{' (no restatement)' if fresh else ''}",
                    _counts(figures(gold, g_probs, chosen, fresh)),
                )


def main(argv: list[str]) -> None:
    db = Path(argv[argv.index("--db") + 1]) if "--db" in argv else Path("cyberstate.db")
    balanced = "--balanced" in argv
    if "--halves" in argv:
        with KnowledgeBase.open(db) as kb:
            cs = [float(x) for x in argv[argv.index("--c") + 1].split(",")] if "--c" in argv else [C]
            gold_options = (False, True) if "--with-gold" in argv else (False,)
            feature_sets = (False,) if "--structure-only" in argv else (True, False)
            halves(kb, cs, gold_options, feature_sets, "--publisher-folds" in argv)
        return
    c = float(argv[argv.index("--c") + 1]) if "--c" in argv else C
    with KnowledgeBase.open(db) as kb:
        docs = collect(kb, load_split("tuning"))
        gold = collect(kb, load_split("gold"))
    rows = [r for d in docs for r in d.rows]
    labels = Counter(r.label for r in rows)
    unrelated = Counter(r.label for r in rows if not r.pair.related)
    print(f"{len(rows)} ordered pairs from {len(docs)} tuning documents; labels {dict(labels.most_common())}")
    print(f"  of pairs no rule relates: {dict(unrelated.most_common())}")
    missed = {
        (d.id, i) for d in docs for r in d.rows if not r.pair.related for h in r.hits.values() for i in h - d.found
    }
    misses = sum(d.key - len(d.found) for d in docs)
    print(f"key statements the rules miss: {misses}; of them read by a pair no rule relates: {len(missed)}")
    with_gold = "--with-gold" in argv
    probs = cross_validated(docs, c, balanced, [r for d in gold for r in d.rows] if with_gold else None)
    fresh_docs = [d for d in docs if d.id in BATCH6 | BATCH7]
    print(
        f"cross-validated by document (C={c}{', classes balanced' if balanced else ''}"
        f"{', the gold set in every fold' if with_gold else ''}):"
    )
    curve = []
    for fresh in (False, True):
        curve = report("tuning", docs, probs, fresh)
        report("of them batch6 and batch7 (no rule of this code was written from them)", fresh_docs, probs, fresh)
    good = [f for f in curve if f["_pa_drop"] <= 0.01 and f["right_key"] + f["right_not_key"] > f["wrong"]]
    print(
        "lowest threshold whose additions restating no rule's reading keep precision_all and are more often"
        " right than wrong:",
        min((f["threshold"] for f in good), default=None),
    )
    if with_gold:
        return  # the gold set is no measure once trained on
    weights = fit(rows, c, balanced)
    gold_probs = {id(r): learned.probabilities(r.pair.features, weights) for d in gold for r in d.rows}
    report("gold, model of all tuning", gold, gold_probs, False)


if __name__ == "__main__":
    main(sys.argv[1:])
