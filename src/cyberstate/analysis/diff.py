"""What became known between two dates: the claims first published in (from, to], each bound read to its
last day (model/dates.py cutoff: --from 2019 --to 2020 is what was first published in 2020)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cyberstate.analysis.claims import literal_text
from cyberstate.analysis.graph import Graph
from cyberstate.model.dates import cutoff, earliest


def diff(g: Graph, start: str, end: str) -> dict[str, Any]:
    lo, hi = cutoff(start), cutoff(end)
    items = []
    for claims in (*g.out.values(), *g.literals.values()):
        for c in claims:
            d = g.date_of(c)
            if d and lo < earliest(d) <= hi:
                items.append(
                    {
                        "date": d,
                        "claim": c.id,
                        "subject": g.ref(c.subject),
                        "predicate": c.predicate,
                        "object": g.ref(c.object) if c.object else {"value": literal_text(c.value)},
                        "negated": c.negated,
                        "assertor": g.name(c.assertor) if c.assertor and c.assertor in g.nodes else None,
                    }
                )
    items.sort(key=lambda x: (earliest(x["date"]), x["subject"]["name"], x["predicate"]))
    return {"from": start, "to": end, "claims": items, "by_predicate": dict(Counter(i["predicate"] for i in items))}
