"""The governance tree: bodies under bodies (`subordinate_to`, and `part_of` between organisations),
each with who chairs it, what it is responsible for, and the laws that give it powers.

Without a root, every top body is shown: a body with subordinates and no superior among the
organisations, largest tree first. A body's laws are those that give it powers and those it issued: a
law is the body's when a claim says it `empowers` the body, when the body is the one the law `regulates`
through (a claim `law regulates body`), when the body `implements` it, or when the law is `issued_by`
the body (the State Council's 1994 regulations). Each law says how it is the body's (`via`), since when it is in
force (`in_force_from`: every date a claim gives, earliest first; empty when none does) and who says it is the
body's (`asserted_by`: the assertors of the claims that tie the two).
"""

from __future__ import annotations

from typing import Any

from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.graph import Graph
from cyberstate.model.vocab import KIND_CLASS

TREE_PREDICATES = {"subordinate_to", "part_of"}
STATE_CLASSES = {"organisation"}
#: What a tree may be asked from: a body, or a state (the bodies subordinate to it, the laws it issued). A
#: group, an operation, a person or a law heads no tree.
ROOT_KINDS = frozenset(k for k, cls in KIND_CLASS.items() if cls in STATE_CLASSES) | {"country"}


def _children(g: Graph, node: str) -> list[str]:
    out = []
    for c in g.edges(node, TREE_PREDICATES, reverse=True):
        if not c.negated and g.cls(c.subject) in STATE_CLASSES and c.subject not in out:
            out.append(c.subject)
    return sorted(out, key=g.name)


def _parents(g: Graph, node: str) -> list[str]:
    return [
        c.object
        for c in g.edges(node, TREE_PREDICATES)
        if not c.negated and c.object is not None and g.cls(c.object) in STATE_CLASSES
    ]


def _body(g: Graph, node: str, seen: set[str]) -> dict[str, Any]:
    seen = seen | {node}
    # each person once, however many sources say they chair it
    chairs = [
        g.ref(p) for p in dict.fromkeys(c.object for c in g.edges(node, {"chaired_by"}) if c.object and not c.negated)
    ]
    duties = [
        {"text": literal_text(c.value), "claim": c.id, "assertor": g.name(c.assertor) if c.assertor else None}
        for c in g.literals.get(node, ())
        if c.predicate == "responsible_for" and not c.negated
    ]
    laws: dict[str, dict[str, Any]] = {}
    ties: dict[str, list[Any]] = {}
    for c in g.edges(node, {"empowers", "regulates", "issued_by"}, reverse=True):
        if not c.negated and g.cls(c.subject) == "instrument":
            laws.setdefault(c.subject, {**g.ref(c.subject), "via": c.predicate, "claims": []})["claims"].append(c.id)
            ties.setdefault(c.subject, []).append(c)
    for c in g.edges(node, {"implements"}):
        if c.object and not c.negated and g.cls(c.object) == "instrument":
            laws.setdefault(c.object, {**g.ref(c.object), "via": "implements", "claims": []})["claims"].append(c.id)
            ties.setdefault(c.object, []).append(c)
    for law, entry in laws.items():
        entry.update(_since_and_who(g, law, ties[law]))
    return {
        **g.ref(node),
        "chaired_by": chairs,
        "responsibilities": duties,
        "laws": sorted(laws.values(), key=lambda x: x["name"]),
        "children": [_body(g, ch, seen) for ch in _children(g, node) if ch not in seen],
    }


def _since_and_who(g: Graph, law: str, ties: list[Any]) -> dict[str, Any]:
    """Since when the law is in force and who says it is the body's: every in-force date a claim gives the law
    (sources may differ, so each is kept, earliest first), and the assertors of the claims that tie it to the body."""
    since = sorted(
        {literal_text(c.value) for c in g.literals.get(law, ()) if c.predicate == "in_force_from" and not c.negated}
    )
    who = sorted({g.name(c.assertor) for c in ties if c.assertor})
    return {"in_force_from": since, "asserted_by": who}


def _size(tree: dict[str, Any]) -> int:
    return 1 + sum(_size(c) for c in tree["children"])


def apparatus(g: Graph, root: str | None = None) -> dict[str, Any]:
    if root is not None:
        return {"roots": [_body(g, root, set())]}
    roots = [n for n in g.nodes if g.cls(n) in STATE_CLASSES and _children(g, n) and not _parents(g, n)]
    trees = sorted((_body(g, r, set()) for r in roots), key=lambda t: (-_size(t), t["name"]))
    return {"roots": trees}
