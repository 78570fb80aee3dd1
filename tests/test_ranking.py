"""The learned score's features and its training recipe, on made-up sentences and made-up rows."""

from __future__ import annotations

import pytest

from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text, ranking
from cyberstate.extract.core import country_mentions


def _crossed(kb: KnowledgeBase, text: str) -> dict[tuple[str, bool], set[str]]:
    """The predicate-crossed flags of each scored statement, by (predicate, negated)."""
    with ranking.unfiltered() as recorded:
        x = extract_text(text, kb.gazetteer(), country_mentions(kb.store))
    out: dict[tuple[str, bool], set[str]] = {}
    for c in x.claims:
        f = recorded.get(id(c))
        if f is not None:
            out[(c.predicate, c.negated)] = {
                k for k in f if k.startswith(f"pred={c.predicate}|") and k[k.index("|") + 1 :] in ranking.CROSSED
            }
    return out


def test_a_flag_is_crossed_with_the_predicate(galaxy_kb: KnowledgeBase) -> None:
    denied = _crossed(galaxy_kb, "Beijing denied that APT31 works for the Ministry of State Security.")
    assert "pred=operated_by|negated" in denied[("operated_by", True)]
    # the near miss: the same statement reported, not denied, carries no negation, crossed or not
    said = _crossed(galaxy_kb, "Researchers said APT31 works for the Ministry of State Security.")
    assert said[("operated_by", False)] >= {"pred=operated_by|reporting"}
    assert not any(k.endswith("|negated") for k in said[("operated_by", False)])


def test_a_right_statement_nobody_keyed_counts_half_when_halved() -> None:
    pytest.importorskip("sklearn")
    from train_ranking import Row, fit

    # `listed` statements: half key, half right but not key; `plain` ones: half key, half wrong. Labelled by key
    # alone both are right half the time; counted half right, the right-not-key ones make `listed` the likelier.
    rows = [Row(f"d{i}", {"listed": 1.0}, 1, {0}) for i in range(10)]
    rows += [Row(f"e{i}", {"listed": 1.0}, 0, set(), extra=True) for i in range(10)]
    rows += [Row(f"f{i}", {"plain": 1.0}, 1, {0}) for i in range(10)]
    rows += [Row(f"g{i}", {"plain": 1.0}, 0, set()) for i in range(10)]
    keyed = fit(rows, {"listed", "plain"}, c=10.0)
    halved = fit(rows, {"listed", "plain"}, c=10.0, halved=True)
    assert abs(keyed.get("listed", 0.0) - keyed.get("plain", 0.0)) < 0.01
    assert halved["listed"] - halved.get("plain", 0.0) > 0.5
