"""GraphML and CSV renderings of the read model's export iterators, for Gephi, yEd, networkx, spreadsheets and pandas.

Both read the same plan as the STIX export (merged entities, accepted claims, markings, as-of), and both
stream: rows and elements are written as the claims come.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from cyberstate.analysis.claims import literal_text
from cyberstate.exchange.plan import Plan
from cyberstate.model.vocab import KIND_CLASS
from cyberstate.service import Service

#: The columns of each CSV file, in order (docs/exchange.md explains them).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("id", "kind", "class", "name", "assertor_type", "code", "marking", "sources"),
    "aliases": ("entity_id", "name", "source", "origin", "lang"),
    "claims": (
        "id", "subject", "predicate", "object", "value", "assertor", "basis", "confidence", "negated",
        "valid_from", "valid_to", "published", "recorded", "marking", "sources", "evidence",
    ),
    "sources": ("id", "title", "author", "publisher", "published", "url", "kind", "sha256"),
}  # fmt: skip

_NODE_KEYS = (("name", "string"), ("kind", "string"), ("class", "string"), ("code", "string"))
_EDGE_KEYS = (
    ("predicate", "string"), ("confidence", "int"), ("negated", "boolean"), ("assertor", "string"),
    ("basis", "string"), ("published", "string"), ("marking", "string"), ("sources", "string"),
)  # fmt: skip


@dataclass
class TableReport:
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "rows": self.rows}


def _plan(svc: Service, as_of: str | None, marking_max: str | None, entities: Iterable[str] | None) -> Plan:
    from cyberstate.exchange import stixmap as m

    marking = m.check_marking(marking_max) if marking_max else None
    selected = {svc.index().canon.get(e, e) for e in map(svc.entity_id, entities)} if entities else None
    return Plan(svc, svc.iter_claims(as_of), marking, selected)


def write_graphml(
    svc: Service,
    out: IO[str],
    *,
    as_of: str | None = None,
    marking_max: str | None = None,
    entities: Iterable[str] | None = None,
) -> TableReport:
    """A directed multigraph: a node per entity, an edge per claim between two entities (denials too,
    flagged `negated`), keyed by claim id."""
    plan = _plan(svc, as_of, marking_max, entities)
    report = TableReport(rows={"nodes": 0, "edges": 0})
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for name, typ in _NODE_KEYS:
        out.write(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{typ}"/>\n')
    for name, typ in _EDGE_KEYS:
        out.write(f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{typ}"/>\n')
    out.write('  <graph id="cyberstate" edgedefault="directed">\n')
    for e in svc.iter_entities(as_of):
        if not plan.exported(e.id):
            continue
        data = {"name": e.name, "kind": e.kind, "class": KIND_CLASS.get(e.kind, "other"), "code": plan.codes.get(e.id)}
        out.write(f"    <node id={quoteattr(e.id)}>")
        out.write("".join(f'<data key="{k}">{escape(str(v))}</data>' for k, v in data.items() if v is not None))
        out.write("</node>\n")
        report.rows["nodes"] += 1
    for c in svc.iter_claims(as_of):
        if c.object is None or not plan.claim_exported(c):
            continue
        data = {
            "predicate": c.predicate,
            "confidence": c.confidence,
            "negated": "true" if c.negated else "false",
            "assertor": c.assertor,
            "basis": c.basis,
            "published": c.published,
            "marking": plan.claim_marking(c.marking, c.subject, c.object, c.assertor),
            "sources": " ".join(c.sources),
        }
        out.write(f"    <edge id={quoteattr(c.id)} source={quoteattr(c.subject)} target={quoteattr(c.object)}>")
        out.write("".join(f'<data key="{k}">{escape(str(v))}</data>' for k, v in data.items() if v is not None))
        out.write("</edge>\n")
        report.rows["edges"] += 1
    out.write("  </graph>\n</graphml>\n")
    return report


def write_csv(
    svc: Service,
    directory: str | Path,
    *,
    as_of: str | None = None,
    marking_max: str | None = None,
    entities: Iterable[str] | None = None,
) -> TableReport:
    """entities.csv, aliases.csv, claims.csv and sources.csv in `directory` (created if missing)."""
    plan = _plan(svc, as_of, marking_max, entities)
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    report = TableReport()
    handles = {name: (d / f"{name}.csv").open("w", newline="", encoding="utf-8") for name in CSV_COLUMNS}
    try:
        writers = {name: csv.writer(h) for name, h in handles.items()}
        for name, cols in CSV_COLUMNS.items():
            writers[name].writerow(cols)
            report.rows[name] = 0
            report.files.append(str(d / f"{name}.csv"))
        cited: set[str] = set()

        def row(name: str, values: Iterable[Any]) -> None:
            writers[name].writerow(["" if v is None else v for v in values])
            report.rows[name] += 1

        for e in svc.iter_entities(as_of):
            if not plan.exported(e.id):
                continue
            marking = plan.marking(e.id)
            code = plan.codes.get(e.id)
            cls = KIND_CLASS.get(e.kind, "other")
            row("entities", (e.id, e.kind, cls, e.name, e.assertor_type, code, marking, " ".join(e.sources)))
            for a in e.aliases:
                row("aliases", (e.id, a.name, a.source, a.origin, a.lang))
                if a.source:
                    cited.add(a.source)
            cited.update(e.sources)
        for c in svc.iter_claims(as_of):
            if not plan.claim_exported(c):
                continue
            value = None if c.value is None else (literal_text(c.value) if not isinstance(c.value, str) else c.value)
            if isinstance(c.value, dict):
                value = json.dumps(c.value, ensure_ascii=False, sort_keys=True)
            row(
                "claims",
                (
                    c.id, c.subject, c.predicate, c.object, value, c.assertor, c.basis, c.confidence,
                    "true" if c.negated else "false", c.valid_from, c.valid_to, c.published, c.recorded,
                    plan.claim_marking(c.marking, c.subject, c.object, c.assertor), " ".join(c.sources),
                    c.evidence.text if c.evidence else None,
                ),
            )  # fmt: skip
            cited.update(c.sources)
        for s in svc.iter_sources():
            if s.id in cited:
                row("sources", (s.id, s.title, s.author, s.publisher, s.published, s.url, s.kind, s.sha256))
    finally:
        for h in handles.values():
            h.close()
    return report
