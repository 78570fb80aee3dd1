"""Timeline: the dated events about an entity, and how long the world took to answer an operation.

Events come from the claims about the entity (and the records merged into it): when a claim holds
(valid_from / valid_to), dated attributes (founded, adopted, in force from), the operations it conducted,
and the responses that name it (indictments, sanctions, public attributions, advisories, statements),
dated by when they were published. Lags run from the first operation the data dates to the first
government attribution (an attributing claim by a government, court or international organisation,
made of the entity or, from above, by the body or state behind it: "China supports Volt Typhoon"), the
first indictment and the first sanction.
"""

from __future__ import annotations

import re
from typing import Any

from cyberstate.analysis.chain import up_hops
from cyberstate.analysis.graph import Graph
from cyberstate.model import Claim
from cyberstate.model.dates import earliest
from cyberstate.model.rules import ATTRIBUTING, OFFICIAL_ASSERTORS, RESPONSE_KINDS

RESPONSES = RESPONSE_KINDS
OFFICIAL = OFFICIAL_ASSERTORS
DATE_PREDICATES = {"founded": "founded", "adopted": "adopted", "in_force_from": "in force"}


def _event(date: str | None, kind: str, text: str, c: Claim | None, g: Graph) -> dict[str, Any]:
    return {
        "date": date,
        "kind": kind,
        "event": text,
        "claim": c.id if c else None,
        "assertor": g.name(c.assertor) if c and c.assertor and c.assertor in g.nodes else None,
    }


def _responses_naming(g: Graph, eid: str, people: set[str]) -> list[tuple[str, str, Claim]]:
    """(response id, response kind, the claim that ties it to the entity or its members)."""
    out = []
    for c in [*g.inn.get(eid, []), *(x for p in sorted(people) for x in g.inn.get(p, []))]:
        if g.kind(c.subject) in RESPONSES and not c.negated:
            out.append((c.subject, RESPONSES[g.kind(c.subject)], c))
    return out


def timeline(g: Graph, eid: str) -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    name = g.name
    for c in g.literals.get(eid, ()):
        if c.predicate in DATE_PREDICATES and not c.negated:
            events.append(
                _event(str(c.value), DATE_PREDICATES[c.predicate], f"{name(eid)} {DATE_PREDICATES[c.predicate]}", c, g)
            )
    operations: list[tuple[str, Claim]] = []
    for c in g.out.get(eid, ()):
        if c.negated or c.object is None:
            continue
        if c.predicate == "conducted":
            operations.append((c.object, c))
        if c.valid_from or c.valid_to:
            span = f"{c.valid_from or '?'}–{c.valid_to or '…'}"
            events.append(
                _event(
                    c.valid_from or c.valid_to, "holds", f"{name(eid)} {c.predicate} {name(c.object)} ({span})", c, g
                )
            )
    for c in g.inn.get(eid, []):
        if c.predicate == "attributed_to" and g.kind(c.subject) == "operation" and not c.negated:
            operations.append((c.subject, c))
    if g.kind(eid) == "operation":
        operations.append((eid, None))  # type: ignore[arg-type]
    op_dates = []
    seen_ops: set[str] = set()
    for op, via in operations:
        if op in seen_ops:
            continue
        seen_ops.add(op)
        d = _operation_date(g, op) or (via.valid_from if via else None)
        if d:
            op_dates.append(d)
        events.append(_event(d, "operation", f"{name(op)}", via, g))
    people = {c.subject for c in g.inn.get(eid, ()) if c.predicate in {"member_of_group", "employed_by"}}
    firsts: dict[str, str] = {}
    for rid, kind, c in _responses_naming(g, eid, people):
        d = _response_date(g, rid) or g.date_of(c)
        events.append(_event(d, kind, f"{name(rid)}", c, g))
        if d and (kind not in firsts or earliest(d) < earliest(firsts[kind])):
            firsts[kind] = d
    for c in _attributions(g, eid):
        if g.assertor_types.get(c.assertor or "") in OFFICIAL:
            d = g.date_of(c)
            if d:
                events.append(
                    _event(
                        d,
                        "government attribution",
                        f"{name(c.assertor)}: {name(c.subject)} {c.predicate} {name(c.object)}",
                        c,
                        g,
                    )
                )
                if "attribution" not in firsts or earliest(d) < earliest(firsts["attribution"]):
                    firsts["attribution"] = d
    events = [e for e in events if e["date"]] + [e for e in events if not e["date"]]
    events.sort(key=lambda e: (e["date"] is None, earliest(e["date"]) if e["date"] else None, e["kind"]))
    first_op = min(op_dates, key=earliest) if op_dates else None
    lags = {}
    for kind, label in (
        ("attribution", "first_government_attribution"),
        ("indictment", "first_indictment"),
        ("sanction", "first_sanction"),
    ):
        d = firsts.get(kind)
        lags[label] = {
            "date": d,
            "days_after_first_operation": (earliest(d) - earliest(first_op)).days if d and first_op else None,
        }
    return {"entity": g.ref(eid), "as_of": g.as_of, "first_operation": first_op, "events": events, "lags": lags}


def _attributions(g: Graph, eid: str) -> list[Claim]:
    """The claims that attribute `eid`: its own attributing claims, and those that tie it to a body or
    state above it from that side, as a chain climbs them ("China supports Volt Typhoon": the state
    sponsors the group)."""
    own = [c for c in g.out.get(eid, ()) if c.predicate in ATTRIBUTING and not c.negated]
    above = [
        c
        for h in up_hops(g, eid)
        for c in h.asserted
        if c.object == eid and c.subject != eid and c.predicate in ATTRIBUTING
    ]
    return own + above


def _operation_date(g: Graph, op: str) -> str | None:
    """When an operation began, as the data says: a claim's valid_from, a founded date, or the first year
    its `active` statement gives ("2014-2018")."""
    dates = [c.valid_from for c in [*g.inn.get(op, []), *g.out.get(op, [])] if c.valid_from]
    for c in g.literals.get(op, ()):
        if c.predicate == "founded":
            dates.append(str(c.value))
        elif c.predicate == "active":
            m = re.search(r"\b(?:19|20)\d{2}\b", str(c.value))
            if m:
                dates.append(m.group())
    return min(dates, key=earliest) if dates else None


def _response_date(g: Graph, rid: str) -> str | None:
    dates = [str(c.value) for c in g.literals.get(rid, ()) if c.predicate in {"founded", "adopted"}]
    dates += [d for d in (g.date_of(c) for c in g.out.get(rid, ()) if c.predicate == "issued_by") if d]
    return min(dates, key=earliest) if dates else None
