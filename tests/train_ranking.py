"""Train the ranking model of extracted statements (src/cyberstate/extract/ranking.json).

Every statement the rules propose on the tuning documents (dev without the held-out evalset.HELD, the
latest batches, which are never trained on nor scored here) but evalset.FRESH (kept out as a clean measure: no
rule was read from it) is labelled right when it matches an annotated statement (tests/evalset.py's
matching), wrong otherwise; "dev" below means these training documents. A logistic regression over
ranking.features is fitted. Its threshold is chosen on scores cross-validated by document (five folds of
the sorted document ids: no document's statements are scored by a model that saw them) together with the
older gold set's, scored by the model trained on all of dev: the one that maximises F1 of precision
(right / proposed) and recall of key statements. The gold set (galaxy descriptions, whose annotations name
every item of a list where the evaluation documents name some) is not trained on: with it, the
cross-validated AUC on dev fell from 0.69 to 0.54; a threshold chosen on dev alone (0.25) cost it 0.28 of
recall. The test split is never read.

    .venv/bin/python tests/train_ranking.py [--db PATH] [--write] [--without-unseen] [--clean]

prints the curve and the chosen threshold; --write saves the model trained on every dev document;
--without-unseen leaves the dev documents of evalset.UNSEEN out of training and scores them with the model
trained on the rest (how it carries over to documents nobody tuned on); --clean labels right the statements
a document lists as right but not key (`right_not_key`), so that only the truly wrong readings are wrong
(`fresh` is then scored with the model of all dev as before).
Besides the cross-validated figures it prints the AUC of the shipped weights and of the new model on the
statements neither was trained on: `fresh` (model of all dev; labelled by key statements, and again with its
`right_not_key` counted right; with the 95% range of the difference over resamples of its statements) and
batch8 and batch9 (cross-validated; the shipped weights were trained before these joined `tuning`); and, for
`review`'s order, the precision of the better-scored half of `fresh`'s statements under each.
--halves fits on `tuning-a` alone (settings chosen by cross-validation by document within it: `HALVES`) and
prints, for `tuning-b` as a whole (never trained on, never printed document by document), the AUC of right
(key or `right_not_key`) against wrong and the precision of the best-scored fifth and half, under the shipped
weights and the new model; then the same over the `tuning-b` documents the shipped weights were not trained on
(batch8 to batch21 and `fresh`), with the 95% range of the AUC difference over resamples of those documents.
With --write it writes the model of that recipe trained on all of `tuning` (both halves).
Needs the `train` extra (scikit-learn); deterministic (same data, same weights).
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text, ranking
from cyberstate.extract.core import country_mentions
from evalset import BATCH8, BATCH9, BATCHES, FRESH, HELD, UNSEEN, Document, _matches, load_split

#: L2 strength (inverse) of the regression, and the features kept: those seen at least this often.
C = 0.5
MIN_COUNT = 2
FOLDS = 5


@dataclass
class Row:
    doc: str
    features: dict[str, float]
    label: int
    hits: set[int]  # indexes of the document's statements it matches
    extra: bool = False  # matches a statement the text makes that nobody annotated as key (`right_not_key`)


def rows(kb: KnowledgeBase, docs: list[Document], clean: bool = False) -> tuple[list[Row], dict[str, int]]:
    """Every scored statement of the documents with its features and label; and each document's number
    of key statements (aliases are not scored). `clean`: a statement the text makes that nobody annotated
    as key (a document's `right_not_key`) is labelled right too."""
    gazetteer = kb.gazetteer()
    countries = country_mentions(kb.store)
    cache: dict[str, str | None] = {}
    out: list[Row] = []
    totals: dict[str, int] = {}
    for d in docs:
        gold = [g for g in d.statements if g.predicate != "also_known_as"]
        totals[d.id] = len(gold)
        with ranking.unfiltered() as recorded:
            x = extract_text(d.text, gazetteer, countries)
        for c, p in zip(x.claims, x.as_dict()["claims"], strict=True):
            f = recorded.get(id(c))
            if f is None:
                continue  # aliases and denials carried over from an earlier sentence are not scored
            hits = {i for i, g in enumerate(gold) if _matches(kb, g, p, cache)}
            extra = not hits and any(_matches(kb, g, p, cache) for g in d.extra)
            right = bool(hits) or (clean and extra)
            out.append(Row(d.id, {k: v for k, v in f.items() if k != "bias"}, int(right), hits, extra))
    return out, totals


def fit(train: list[Row], vocabulary: set[str], c: float = C, halved: bool = False) -> dict[str, float]:
    """`halved`: a `right_not_key` statement counts half right and half wrong (two rows of weight 0.5): labelled
    wrong, the model learns that a right statement nobody keyed is wrong; labelled right, it learns little of
    the key statements (cross-validated on `tuning-a`, either orders right against wrong worse: `HALVES`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True, sparse=False)
    rows_, y, weight = [], [], []
    for r in train:
        kept = {k: v for k, v in r.features.items() if k in vocabulary}
        if halved and r.extra and not r.hits:
            rows_ += [kept, kept]
            y += [1, 0]
            weight += [0.5, 0.5]
        else:
            rows_.append(kept)
            y.append(r.label)
            weight.append(1.0)
    X = vec.fit_transform(rows_)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(X, y, sample_weight=weight)
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}
    weights["bias"] = round(float(model.intercept_[0]), 6)
    return {k: v for k, v in weights.items() if v}


def hand_score(r: Row) -> float:
    """The score candidates.py set by hand before the model (the rule's, lowered for described sides)."""
    from cyberstate.extract.candidates import RULE_SCORES

    rule = next(k[len("rule=") :] for k in r.features if k.startswith("rule="))
    base = RULE_SCORES.get(rule.split(":")[0], RULE_SCORES["cue"])
    named = sum(r.features.get(f"{side}form=named", 0.0) for side in ("s", "o"))
    return base * (1.0 if named == 2 else 0.9 if named == 1 else 0.8)


def vocabulary_of(train: list[Row], leave_out: tuple[str, ...] = ()) -> set[str]:
    return {
        k
        for k, n in ranking.counts([r.features for r in train]).items()
        if n >= MIN_COUNT and not k.startswith(leave_out)
    }


def figures(scored: list[tuple[Row, float]], totals: dict[str, int], threshold: float) -> dict[str, Any]:
    kept = [(r, p) for r, p in scored if p >= threshold]
    right = sum(r.label for r, _ in kept)
    found = {(r.doc, i) for r, _ in kept for i in r.hits}
    key = sum(totals.values())
    precision = right / len(kept) if kept else 0.0
    recall = len(found) / key if key else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": threshold,
        "proposed": len(kept),
        "right": right,
        "precision": round(precision, 3),
        "found": len(found),
        "key": key,
        "recall": round(recall, 3),
        "f1": round(f1, 4),
    }


def cross_validated(data: list[Row]) -> list[tuple[Row, float]]:
    """Each statement scored by a model trained on the other folds' documents."""
    docs = sorted({r.doc for r in data})
    scored: list[tuple[Row, float]] = []
    for k in range(FOLDS):
        held = set(docs[k::FOLDS])
        train = [r for r in data if r.doc not in held]
        weights = fit(train, vocabulary_of(train))
        scored += [(r, ranking.probability(r.features, weights)) for r in data if r.doc in held]
    return scored


def top_half(labels: list[int], scores: list[float]) -> float:
    """Share right among the better-scored half of the statements: what a reviewer who reads `review` in
    score order and stops halfway sees (ties kept in the order the statements were extracted)."""
    order = sorted(range(len(labels)), key=lambda i: -scores[i])
    top = order[: (len(order) + 1) // 2]
    return sum(labels[i] for i in top) / len(top) if top else 0.0


RESAMPLES = 2000


def bootstrap_difference(labels: list[int], a: list[float], b: list[float]) -> tuple[float, float]:
    """The central 95% of AUC(a) - AUC(b) over resamples of the statements (the same draw for both, seeded):
    on a few dozen statements a difference of a few hundredths may be chance."""
    from sklearn.metrics import roc_auc_score

    rng = random.Random(0)
    diffs = []
    for _ in range(RESAMPLES):
        idx = [rng.randrange(len(labels)) for _ in labels]
        y = [labels[i] for i in idx]
        if len(set(y)) == 2:
            diffs.append(roc_auc_score(y, [a[i] for i in idx]) - roc_auc_score(y, [b[i] for i in idx]))
    diffs.sort()
    return diffs[int(0.025 * len(diffs))], diffs[int(0.975 * len(diffs))]


THRESHOLDS = [round(0.025 * i, 3) for i in range(0, 40)]


@dataclass(frozen=True)
class Recipe:
    c: float
    halved: bool
    leave_out: tuple[str, ...]

    def fit(self, train: list[Row]) -> dict[str, float]:
        return fit(train, vocabulary_of(train, self.leave_out), self.c, self.halved)


#: The settings `--halves` chooses among by cross-validation on `tuning-a`: the L2 strength, whether a
#: `right_not_key` statement counts half right, and whether the rule's name (and its family) is left out:
#: a rule's weight is learned from the few documents it fires in.
HALVES = [
    Recipe(c, halved, leave_out)
    for c in (0.05, 0.1, 0.3, 0.5)
    for halved in (False, True)
    for leave_out in ((), ("rule=", "family="))
]


def right(r: Row) -> int:
    """Right for the order of `review`: a key statement or one the text makes that nobody keyed."""
    return int(bool(r.hits) or r.extra)


def top(labels: list[int], scores: list[float], share: float) -> float:
    """Share right among the best-scored `share` of the statements (ties in extraction order)."""
    order = sorted(range(len(labels)), key=lambda i: -scores[i])[: max(1, round(len(labels) * share))]
    return sum(labels[i] for i in order) / len(order)


def cross_validated_by(recipe: Recipe, data: list[Row]) -> list[float]:
    """Each statement's score by the recipe's model trained on the other folds' documents (sorted ids)."""
    docs = sorted({r.doc for r in data})
    scores: dict[int, float] = {}
    for k in range(FOLDS):
        held = set(docs[k::FOLDS])
        weights = recipe.fit([r for r in data if r.doc not in held])
        scores.update({i: ranking.probability(r.features, weights) for i, r in enumerate(data) if r.doc in held})
    return [scores[i] for i in range(len(data))]


def halves(kb: KnowledgeBase, write: bool) -> None:
    """Fit on `tuning-a`, measure on `tuning-b` as a whole (module docstring)."""
    from sklearn.metrics import roc_auc_score

    a, _ = rows(kb, load_split("tuning-a"))
    b, _ = rows(kb, load_split("tuning-b"))
    a_right = [right(r) for r in a]
    print(f"tuning-a: {len(a)} statements, {sum(a_right)} right; tuning-b: {len(b)}, {sum(right(r) for r in b)} right")
    print("AUC on tuning-a (right against wrong), cross-validated by document:")
    chosen, best = HALVES[0], -1.0
    for recipe in HALVES:
        auc = roc_auc_score(a_right, cross_validated_by(recipe, a))
        print(f"  {recipe}: {auc:.3f}")
        if auc > best:
            chosen, best = recipe, auc
    shipped_a = roc_auc_score(a_right, [ranking.probability(r.features) for r in a])
    print(f"chosen: {chosen}; shipped weights on tuning-a {shipped_a:.3f}")
    weights = chosen.fit(a)
    # the tuning-b documents the shipped weights were not trained on: those of batch8 onwards and `fresh`
    later = FRESH.union(*(ids for name, ids in BATCHES.items() if name not in ("batch6", "batch7")))
    for name, part in (
        ("tuning-b", b),
        ("tuning-b, documents the shipped weights never saw", [r for r in b if r.doc in later]),
    ):
        labels = [right(r) for r in part]
        new = [ranking.probability(r.features, weights) for r in part]
        shipped = [ranking.probability(r.features) for r in part]
        print(f"{name} ({len(part)} statements, {sum(labels)} right, {len({r.doc for r in part})} documents):")
        for label, scores in (("shipped weights", shipped), ("fitted on tuning-a", new)):
            print(
                f"  {label}: AUC {roc_auc_score(labels, scores):.3f} (key against the rest"
                f" {roc_auc_score([int(bool(r.hits)) for r in part], scores):.3f}),"
                f" precision of the top fifth {top(labels, scores, 0.2):.3f}, top half {top(labels, scores, 0.5):.3f}"
                f" (all {sum(labels) / len(labels):.3f})"
            )
        low, high = document_bootstrap(part, labels, new, shipped)
        print(f"  fitted minus shipped AUC, 95% of {RESAMPLES} resamples of the documents: {low:+.3f} to {high:+.3f}")
    if write:
        every = a + b  # the two halves make `tuning`
        weights = chosen.fit(every)
        model = {
            "about": "extract/ranking.py: logistic regression over ranking.features; trained by tests/train_ranking.py"
            " --halves",
            "threshold": 0.0,
            "trained_on": {
                "documents": len({r.doc for r in every}),
                "statements": len(every),
                "right": sum(right(r) for r in every),
                "split": "tuning (tuning-a and tuning-b)",
                "recipe": {"C": chosen.c, "right_not_key_half": chosen.halved, "left_out": list(chosen.leave_out)},
            },
            "weights": dict(sorted(weights.items())),
        }
        ranking.MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print("wrote", ranking.MODEL, "trained on all of tuning")


def document_bootstrap(part: list[Row], labels: list[int], a: list[float], b: list[float]) -> tuple[float, float]:
    """The central 95% of AUC(a) - AUC(b) over resamples of whole documents (seeded): statements of one
    document are not independent."""
    from sklearn.metrics import roc_auc_score

    docs = sorted({r.doc for r in part})
    by_doc = {d: [i for i, r in enumerate(part) if r.doc == d] for d in docs}
    rng = random.Random(0)
    diffs = []
    for _ in range(RESAMPLES):
        idx = [i for _ in docs for i in by_doc[rng.choice(docs)]]
        y = [labels[i] for i in idx]
        if len(set(y)) == 2:
            diffs.append(roc_auc_score(y, [a[i] for i in idx]) - roc_auc_score(y, [b[i] for i in idx]))
    diffs.sort()
    return diffs[int(0.025 * len(diffs))], diffs[int(0.975 * len(diffs))]


def main(argv: list[str]) -> None:
    db = Path(argv[argv.index("--db") + 1]) if "--db" in argv else Path("cyberstate.db")
    if "--halves" in argv:
        with KnowledgeBase.open(db) as kb:
            halves(kb, "--write" in argv)
        return
    with KnowledgeBase.open(db) as kb:
        # FRESH held out: measured, never trained on; `tuning` already leaves out HELD (the latest batches,
        # never scored here either)
        docs = [d for d in load_split("tuning") if d.id not in FRESH and d.id not in HELD]
        data, totals = rows(kb, docs, clean="--clean" in argv)
    print(f"{len(data)} statements ({sum(r.label for r in data)} right) from {len(totals)} documents")
    if "--without-unseen" in argv:
        train = [r for r in data if r.doc not in UNSEEN]
        weights = fit(train, vocabulary_of(train))
        tr_totals = {d: n for d, n in totals.items() if d not in UNSEEN}
        threshold = max(THRESHOLDS, key=lambda t: figures(cross_validated(train), tr_totals, t)["f1"])
        held = [(r, ranking.probability(r.features, weights)) for r in data if r.doc in UNSEEN]
        un_totals = {d: n for d, n in totals.items() if d in UNSEEN}
        print("unseen, all proposed:       ", figures(held, un_totals, 0.0))
        print(f"unseen, threshold {threshold:.2f}:     ", figures(held, un_totals, threshold))
        return
    scored = cross_validated(data)
    from sklearn.metrics import roc_auc_score

    labels = [r.label for r, _ in scored]
    shipped = [ranking.probability(r.features) for r, _ in scored]  # the weights the package ships now
    print(
        f"AUC on dev, cross-validated by document: learned {roc_auc_score(labels, [p for _, p in scored]):.3f},"
        f" hand-set rule scores {roc_auc_score(labels, [hand_score(r) for r, _ in scored]):.3f};"
        f" the shipped model on the same statements {roc_auc_score(labels, shipped):.3f}"
    )
    weights = fit(data, vocabulary_of(data))
    with KnowledgeBase.open(db) as kb:
        gold, gold_totals = rows(kb, load_split("gold"))
    both = scored + [(r, ranking.probability(r.features, weights)) for r in gold]
    curve = [figures(both, {**totals, **gold_totals}, t) for t in THRESHOLDS]
    print("dev (cross-validated) and gold (model of all dev):")
    for row in curve[::4]:
        print(row)
    best = max(curve, key=lambda r: r["f1"])
    print("chosen:", best)
    print("dev alone at that threshold:", figures(scored, totals, best["threshold"]))
    # fresh (never trained on): its figures under the model of all dev
    with KnowledgeBase.open(db) as kb:
        held, held_totals = rows(kb, load_split("fresh"))
    held_scored = [(r, ranking.probability(r.features, weights)) for r in held]
    for t in sorted({0.0, best["threshold"]}):
        print(f"fresh at {t:.3f}:", figures(held_scored, held_totals, t))
    fresh_labels = [r.label for r in held]
    fresh_new = [p for _, p in held_scored]
    fresh_shipped = [ranking.probability(r.features) for r in held]
    print(
        f"AUC on fresh: model of all dev {roc_auc_score(fresh_labels, fresh_new):.3f},"
        f" shipped weights {roc_auc_score(fresh_labels, fresh_shipped):.3f}"
    )
    low, high = bootstrap_difference(fresh_labels, fresh_new, fresh_shipped)
    print(f"  new minus shipped, 95% of {RESAMPLES} resamples of fresh's statements: {low:+.3f} to {high:+.3f}")
    with KnowledgeBase.open(db) as kb:
        held_clean = [r.label for r in rows(kb, load_split("fresh"), clean=True)[0]]
    if len(set(held_clean)) == 2:
        print(
            f"AUC on fresh, right_not_key counted right ({len(held_clean) - sum(held_clean)} wrong):"
            f" model of all dev {roc_auc_score(held_clean, fresh_new):.3f},"
            f" shipped weights {roc_auc_score(held_clean, fresh_shipped):.3f}"
        )
    for name, labels in (("key", fresh_labels), ("key or right_not_key", held_clean)):
        print(
            f"precision of the better-scored half of fresh ({name} right): model of all dev"
            f" {top_half(labels, fresh_new):.3f}, shipped weights {top_half(labels, fresh_shipped):.3f}"
            f" (all {sum(labels) / len(labels):.3f})"
        )
    # batch8 and batch9: the shipped weights never saw them; the new model scores them cross-validated
    late = [(r, p) for r, p in scored if r.doc in BATCH8 or r.doc in BATCH9]
    if late and len({r.label for r, _ in late}) == 2:
        late_labels = [r.label for r, _ in late]
        print(
            f"AUC on batch8 and batch9 ({len(late)} statements): cross-validated"
            f" {roc_auc_score(late_labels, [p for _, p in late]):.3f},"
            f" shipped weights {roc_auc_score(late_labels, [ranking.probability(r.features) for r, _ in late]):.3f}"
        )
    # the highest threshold that drops no right statement of dev (cross-validated) nor of gold
    safe = max(t for t in THRESHOLDS if all(p >= t for r, p in both if r.label))
    print(f"highest threshold that drops nothing right on dev (cross-validated) and gold: {safe:.3f}")
    print("  dev:", figures(scored, totals, safe))
    print("  fresh:", figures(held_scored, held_totals, safe))
    if "--write" in argv:
        model = {
            "about": "extract/ranking.py: logistic regression over ranking.features; trained by tests/train_ranking.py",
            "threshold": best["threshold"],
            "trained_on": {"documents": len(totals), "statements": len(data), "right": sum(r.label for r in data)},
            "cross_validated": {k: best[k] for k in ("precision", "recall", "f1", "proposed", "right", "found", "key")},
            "weights": dict(sorted(weights.items())),
        }
        ranking.MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print("wrote", ranking.MODEL)


if __name__ == "__main__":
    main(sys.argv[1:])
