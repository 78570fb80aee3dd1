"""Timeline: the dated events about an entity, and how long the world took to answer an operation.

Events come from the claims about the entity (and the records merged into it): when a claim holds
(valid_from / valid_to), dated attributes (founded, adopted, in force from), the adoption and entry into force of
the amendments of a law (`amended_by`), the operations it conducted,
and the responses that name it (indictments, sanctions, public attributions, advisories, statements),
dated by when they were published. Lags run from the first operation the data dates to the first
government attribution (an attributing claim by a government, court or international organisation,
made of the entity or, from above, by the body or state behind it: "China supports Volt Typhoon"), the
first indictment and the first sanction; each lag counts the events of its kind the data does not date
(`undated`), so an undated attribution is not taken for no attribution.
"""

from __future__ import annotations

import re
from typing import Any

from cyberstate.analysis.chain import up_hops
from cyberstate.analysis.graph import Graph
from cyberstate.model import Claim
from cyberstate.model.dates import earliest, latest, may_be_same
from cyberstate.model.rules import ATTRIBUTING, OFFICIAL_ASSERTORS, RESPONSE_KINDS

RESPONSES = RESPONSE_KINDS
OFFICIAL = OFFICIAL_ASSERTORS
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
#: "as of 2024": when the statement was made, not a year of the activity
_AS_OF = re.compile(r"\bas of\b[^);]*")


def _active_year(value: object) -> str | None:
    """The first year an `active` statement gives for the activity: "since at least 2009" 2009, "2014-2018"
    2014; none from "for over a decade (as of the seed, 2024)", whose year dates the statement."""
    m = _YEAR.search(_AS_OF.sub("", str(value)))
    return m.group() if m else None


DATE_PREDICATES = {"founded": "founded", "adopted": "adopted", "in_force_from": "in force"}
#: What attributes an entity from the side of the one above it: an attributing claim, and a group's
#: `conducted` of an operation, the step a chain climbs from the operation ("APT31 conducted the
#: reconnaissance against UK parliamentarians", the NCSC), as "attributed_to APT31" from below would be.
FROM_ABOVE = ATTRIBUTING | {"conducted"}
#: What attributes a person: an attributing claim, and the body or group an official says they work for or
#: belong to, the steps a chain climbs from them (the Justice Department: Sheng Jing, an MPS officer; Sun
#: Xiaohui, an APT31 member), as "linked_to" the Jiangsu department already did for a recruited hacker.
PERSON_TIES = frozenset({"employed_by", "member_of_group"})


def _event(date: str | None, kind: str, text: str, c: Claim | None, g: Graph) -> dict[str, Any]:
    return {
        "date": date,
        "kind": kind,
        "event": text,
        "claim": c.id if c else None,
        "assertor": g.name(c.assertor) if c and c.assertor and c.assertor in g.nodes else None,
        "claims": [c.id] if c else [],
    }


class _Events:
    """The rows of a timeline, one per event however many claims state it: an indictment naming a group
    and five of its members is one indictment, a government's attribution repeated in two releases one
    attribution. A row names its strongest claim (`claim`, `assertor`: an official assertor first, then
    the more confident) and lists them all (`claims`); it is dated by the earliest of them."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.rows: dict[Any, dict[str, Any]] = {}
        self.best: dict[Any, Claim | None] = {}

    def _rank(self, c: Claim | None) -> tuple[bool, int]:
        if c is None:
            return (True, 0)
        return (self.g.assertor_types.get(c.assertor or "") not in OFFICIAL, -c.confidence)

    def add(self, key: Any, date: str | None, kind: str, text: str, c: Claim | None) -> None:
        row = self.rows.get(key)
        if row is None:
            self.rows[key] = _event(date, kind, text, c, self.g)
            self.best[key] = c
            return
        if c is not None and c.id not in row["claims"]:
            row["claims"].append(c.id)
        if date and (row["date"] is None or earliest(date) < earliest(row["date"])):
            row["date"] = date
        if c is not None and self._rank(c) < self._rank(self.best[key]):
            self.best[key] = c
            fresh = _event(row["date"], kind, text, c, self.g)
            row["claim"], row["assertor"] = fresh["claim"], fresh["assertor"]

    def __iter__(self) -> Any:
        return iter(self.rows.values())


ISSUED = frozenset({"issued_by"})


def official_response(g: Graph, rid: str) -> bool:
    """Whether a response is a state's word: one of its issuers is a government, a court, an international
    organisation or a country. A report a researcher issues (Intrusion Truth's on APT10's members) is a
    public attribution but no official one; a response whose issuer is not recorded counts as official."""
    issuers = [c.object for c in g.side(rid, "out", ISSUED) if c.object and not c.negated]
    return not issuers or any(g.assertor_types.get(i) in OFFICIAL or g.kind(i) == "country" for i in issuers)


def _responses_naming(g: Graph, eid: str, people: set[str]) -> list[tuple[str, str, Claim]]:
    """(response id, response kind, the claim that ties it to the entity or its members)."""
    out = []
    for c in [*g.inn.get(eid, []), *(x for p in sorted(people) for x in g.inn.get(p, []))]:
        if g.kind(c.subject) in RESPONSES and not c.negated:
            out.append((c.subject, RESPONSES[g.kind(c.subject)], c))
    return out


def timeline(g: Graph, eid: str) -> dict[str, Any]:
    rows = _Events(g)
    name = g.name
    # one row per date an attribute gives, sources that give it to the year and to the day agreeing (the
    # Cybersecurity Law adopted "2016" per the seed, "2016-11-07" per the Standing Committee: one adoption,
    # as `contested` reads the two as one value), dated by the narrower
    dated: dict[str, list[tuple[str, Claim]]] = {}
    for c in g.literals.get(eid, ()):
        if c.predicate in DATE_PREDICATES and not c.negated:
            dated.setdefault(DATE_PREDICATES[c.predicate], []).append((str(c.value), c))
    for label, given in dated.items():
        for same in _same_dates(given):
            date = min((v for v, _ in same), key=_known_by) if all(_DATE.match(v) for v, _ in same) else same[0][0]
            for _v, c in same:
                rows.add((label, date), date, label, f"{name(eid)} {label}", c)
    operations: list[tuple[str, Claim]] = []
    for c in g.out.get(eid, ()):
        if c.negated or c.object is None:
            continue
        if c.predicate == "amended_by":
            _amendment(rows, g, eid, c)
        if c.predicate == "conducted":
            operations.append((c.object, c))
            continue  # its dates are the operation's row (below), not a row of their own
        if c.valid_from or c.valid_to:
            span = _span(c)
            rows.add(
                ("holds", c.predicate, c.object, span),
                c.valid_from or c.valid_to,
                "holds",
                f"{name(eid)} {c.predicate} {name(c.object)} ({span})",
                c,
            )
    for c in g.inn.get(eid, []):
        if c.predicate == "attributed_to" and g.kind(c.subject) == "operation" and not c.negated:
            operations.append((c.subject, c))
    if g.kind(eid) == "operation":
        operations.append((eid, None))  # type: ignore[arg-type]
    op_dates = []
    for op, via in operations:
        d = _operation_date(g, op) or (via.valid_from if via else None)
        if d:
            op_dates.append(d)
        dated = via is not None and via.predicate == "conducted" and (via.valid_from or via.valid_to)
        rows.add(("operation", op), d, "operation", f"{name(op)} ({_span(via)})" if dated else name(op), via)
    if g.kind(eid) == "threat_group":
        # a group said to be active since a year has operated since then, whether or not any of its
        # operations is dated that early (APT40 "since at least 2009", its first dated operation 2021)
        for c in g.literals.get(eid, ()):
            if c.predicate == "active" and not c.negated and (year := _active_year(c.value)):
                op_dates.append(year)
                rows.add(("active", str(c.value)), year, "active", f"{name(eid)} active {c.value}", c)
    people = {
        c.subject for c in g.inn.get(eid, ()) if c.predicate in {"member_of_group", "employed_by"} and not c.negated
    }
    unofficial: set[str] = set()
    for rid, kind, c in _responses_naming(g, eid, people):
        rows.add(("response", rid), _response_date(g, rid) or g.date_of(c), kind, f"{name(rid)}", c)
        if kind == "attribution" and not official_response(g, rid):
            unofficial.add(rid)
    for c in _attributions(g, eid):
        if g.assertor_types.get(c.assertor or "") in OFFICIAL:
            # an attribution whose sources give no date is still one (New Zealand's GCSB on the
            # Parliamentary Counsel Office, a release that shows no date): an undated row, as an undated
            # operation or response is, not left out
            rows.add(
                ("government attribution", c.assertor, c.subject, c.predicate, c.object),
                g.date_of(c),
                "government attribution",
                f"{name(c.assertor)}: {name(c.subject)} {c.predicate} {name(c.object)}",
                c,
            )
    # the lags count a state's word only: a researcher's public attribution is a row, not the first
    # government attribution
    counted = [row for key, row in rows.rows.items() if not (key[0] == "response" and key[1] in unofficial)]
    events = list(rows)
    firsts: dict[str, str] = {}
    undated: dict[str, int] = {}
    for e in counted:
        kind, d = ("attribution" if e["kind"] == "government attribution" else e["kind"]), e["date"]
        if kind not in {"attribution", "indictment", "sanction"}:
            continue
        if not d:
            undated[kind] = undated.get(kind, 0) + 1
        elif kind not in firsts or _known_by(d) < _known_by(firsts[kind]):
            firsts[kind] = d
    events = [e for e in events if e["date"]] + [e for e in events if not e["date"]]
    events.sort(key=lambda e: (e["date"] is None, earliest(e["date"]) if e["date"] else None, e["kind"]))
    first_op = min(op_dates, key=earliest) if op_dates else None
    lags = {}
    # a law, an amendment or a strategy is answered by no attribution, indictment or sanction: no lags to count
    for kind, label in () if g.cls(eid) == "instrument" else LAGS:
        d = firsts.get(kind)
        lags[label] = {
            "date": d,
            "days_after_first_operation": (earliest(d) - earliest(first_op)).days if d and first_op else None,
            "undated": undated.get(kind, 0),  # events of the kind the data does not date
        }
    return {"entity": g.ref(eid), "as_of": g.as_of, "first_operation": first_op, "events": events, "lags": lags}


#: The lags a timeline counts from the first operation: the kind of event and the key it is given under.
LAGS = (
    ("attribution", "first_government_attribution"),
    ("indictment", "first_indictment"),
    ("sanction", "first_sanction"),
)
#: The dates of an amendment that are events of the law it amends: since when the law reads as amended.
AMENDMENT_DATES = {"adopted": "amended", "in_force_from": "amendment in force"}


def _amendment(rows: _Events, g: Graph, law: str, via: Claim) -> None:
    """The amendment's own adoption and in-force dates as rows of the law's timeline (the Counterespionage Law
    revised on 26 April 2023, in force as revised from 1 July 2023), each with the amendment's claim that dates it;
    an amendment no claim dates (the seed's 2022 "amendments" to the Cybersecurity Law, a draft) adds no row."""
    amendment = via.object
    assert amendment is not None
    for c in g.literals.get(amendment, ()):
        if c.predicate in AMENDMENT_DATES and not c.negated:
            label, date = AMENDMENT_DATES[c.predicate], str(c.value)
            what = "adopted" if c.predicate == "adopted" else "in force"
            rows.add((label, amendment, date), date, label, f"{g.name(law)}: {g.name(amendment)} {what}", c)


def _span(c: Claim) -> str:
    """When a claim holds, as a row shows it: '2019-01-01–2024-05-01', '2021–…'."""
    return f"{c.valid_from or '?'}–{c.valid_to or '…'}"


def _attributions(g: Graph, eid: str) -> list[Claim]:
    """The claims that attribute `eid`: its own attributing claims, and those that tie it to a body or
    state above it from that side, as a chain climbs them ("China supports Volt Typhoon": the state
    sponsors the group; "APT31 conducted" an operation: the group is behind it)."""
    mine = ATTRIBUTING | PERSON_TIES if g.kind(eid) == "person" else ATTRIBUTING
    own = [c for c in g.out.get(eid, ()) if c.predicate in mine and not c.negated]
    above = [
        c
        for h in up_hops(g, eid)
        for c in h.asserted
        if c.object == eid and c.subject != eid and c.predicate in FROM_ABOVE
    ]
    return own + above


def _operation_date(g: Graph, op: str) -> str | None:
    """When an operation began, as the data says: a claim's valid_from, a founded date, or the first year
    its `active` statement gives ("2014-2018")."""
    dates = [c.valid_from for c in [*g.inn.get(op, []), *g.out.get(op, [])] if c.valid_from]
    for c in g.literals.get(op, ()):
        if c.predicate == "founded":
            dates.append(str(c.value))
        elif c.predicate == "active" and (year := _active_year(c.value)):
            dates.append(year)
    return min(dates, key=earliest) if dates else None


def _response_date(g: Graph, rid: str) -> str | None:
    """When a response was made, by the dates that bound it: its own (founded, adopted) and the
    publication of every claim about it, which it cannot postdate: its issuer's, what it concerns, and
    replies to it (an embassy opposing the 2021 attribution of the Exchange attack in July 2021 dates
    it, where the only claims of its issuers come from a 2024 paper). The date whose last possible day
    comes first: '2024-03-25' rather than the '2024' of a source dated only by its year; of two that end on
    the same day, the narrower ('2018-12' rather than '2018', whose December it is)."""
    dates = [str(c.value) for c in g.literals.get(rid, ()) if c.predicate in {"founded", "adopted"}]
    dates += [d for d in (g.date_of(c) for c in (*g.out.get(rid, ()), *g.inn.get(rid, ())) if not c.negated) if d]
    return min(dates, key=_known_by) if dates else None


_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _same_dates(given: list[tuple[str, Claim]]) -> list[list[tuple[str, Claim]]]:
    """The values of one dated attribute grouped by the date they may all name (model/dates.py may_be_same:
    "2016" and "2016-11-07"; not "2016-11" and "2016-12-25"), in the order first given."""
    groups: list[list[tuple[str, Claim]]] = []
    for v, c in given:
        home = next((grp for grp in groups if all(may_be_same(v, w) for w, _ in grp)), None)
        if home is None:
            groups.append([(v, c)])
        else:
            home.append((v, c))
    return groups


def _known_by(d: str) -> tuple[Any, int]:
    """How a partial date ranks as the first of its kind: by the day it had surely come by (its last possible
    day), then the narrower: '2021-07-19' before a source's bare '2021-07', '2018-12' before '2018'."""
    return latest(d), -earliest(d).toordinal()
