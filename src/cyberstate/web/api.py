"""The JSON API: one table of endpoints gives both the routes and the OpenAPI document, so the document
describes exactly what is served. Each handler asks the read model once and returns its typed answer."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cyberstate.analysis.claims import ClaimView
from cyberstate.errors import InvalidRecord
from cyberstate.kb import check_as_of
from cyberstate.model.vocab import PREDICATE_LIST
from cyberstate.service import Service
from cyberstate.web.errors import BadParameter
from cyberstate.web.mapgrid import GRID

MAX_LIMIT = 500
_INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class Param:
    name: str
    where: str  # "path" or "query"
    description: str
    type: str = "string"
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    #: the only values a string parameter takes (a predicate of the vocabulary): another is a bad request, not an
    #: empty answer that reads as "no such claims"
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    handler: Callable[[Service, dict[str, Any]], Any]
    params: tuple[Param, ...] = ()
    method: str = "GET"
    body: dict[str, Any] | None = field(default=None)


PREDICATE = Param("predicate", "query", "Only this predicate", choices=tuple(p.name for p in PREDICATE_LIST))
AS_OF = Param("as_of", "query", "Answer as of this date (YYYY, YYYY-MM or YYYY-MM-DD): only what was published by then")
NAME = Param("name", "path", "Any name, alias or id of the entity", required=True)
OFFSET = Param("offset", "query", "Skip this many results", "integer", minimum=0, maximum=1_000_000)
LIMIT = Param("limit", "query", f"At most this many results (1..{MAX_LIMIT})", "integer", minimum=1, maximum=MAX_LIMIT)


def single(params: Any, keep: Callable[[str], bool] = lambda k: True) -> dict[str, str]:
    """A request's query parameters (those `keep` takes) as one value each: a parameter given twice is a
    BadParameter naming it, as no parameter takes two values (a dict of them kept the last silently:
    `?predicate=uses&predicate=targeted` answered the claims of `targeted` alone)."""
    out: dict[str, str] = {}
    for k, v in params.multi_items():
        if not keep(k):
            continue
        if k in out:
            raise BadParameter(f"{k} given more than once ({out[k]!r}, {v!r}); it takes one value")
        out[k] = v
    return out


def parse(endpoint: Endpoint, path: dict[str, str], query: dict[str, str]) -> dict[str, Any]:
    """The endpoint's parameters checked and typed; a bad one raises BadParameter with the reason."""
    out: dict[str, Any] = {}
    known = {p.name for p in endpoint.params}
    for k in query:
        if k not in known:
            raise BadParameter(f"unknown query parameter {k!r}; known: {sorted(known) or 'none'}")
    for p in endpoint.params:
        raw = path.get(p.name) if p.where == "path" else query.get(p.name)
        if raw is None or raw == "":
            if p.required:
                raise BadParameter(f"missing parameter {p.name!r}")
            continue
        if p.type == "integer":
            # digits only: int() also reads '1_0' as 10, ' 3' and '+3' as 3, and other scripts' digits ('٣')
            if _INTEGER.fullmatch(raw) is None:
                raise BadParameter(f"{p.name}={raw!r}: not an integer")
            val: Any = int(raw)
            if (p.minimum is not None and val < p.minimum) or (p.maximum is not None and val > p.maximum):
                raise BadParameter(f"{p.name}={val}: out of range {p.minimum}..{p.maximum}")
        else:
            val = raw
            if p.choices is not None and val not in p.choices:
                raise BadParameter(f"{p.name}={val!r}: not one of the {len(p.choices)} known (`cyberstate vocab`)")
        out[p.name] = val
    if "as_of" in out:
        try:
            out["as_of"] = check_as_of(out["as_of"], "as_of=")
        except InvalidRecord as e:  # a date the query gives is a parameter, typed as every other bad one
            raise BadParameter(str(e)) from None
    return out


class MapCache:
    """The province map's figures per as_of date, asked of the read model once and kept until a write."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_date: dict[str | None, dict[str, Any]] = {}
        self._provinces: list[tuple[str, str, str]] | None = None

    def clear(self) -> None:
        with self._lock:
            self._by_date.clear()

    def get(self, svc: Service, as_of: str | None) -> dict[str, Any]:
        with self._lock:
            if as_of in self._by_date:
                return self._by_date[as_of]
        if self._provinces is None:
            self._provinces = sorted(
                (e.id, e.name, e.attrs.get("code", ""))
                for e in svc.iter_entities()
                if e.kind == "province" and e.attrs.get("code") in GRID
            )
        tiles = []
        for eid, name, code in self._provinces:
            counts = svc.province(eid, as_of=as_of).counts
            col, row = GRID[code]
            tiles.append(
                {
                    "id": eid,
                    "name": name,
                    "code": code,
                    "col": col,
                    "row": row,
                    "groups": counts.get("threat_group", 0),
                    "operations": counts.get("operation", 0),
                    "linked": sum(counts.values()),
                }
            )
        doc = {"as_of": as_of, "provinces": tiles, "layout": "tile grid drawn by the project (cyberstate.web.mapgrid)"}
        with self._lock:
            self._by_date[as_of] = doc
        return doc


class ResponseCache:
    """Rendered answers of GET /api/ requests by URL, kept until the next write (a review) empties it.

    The read model keeps what it has read, but an entity's answer is still assembled and encoded per call
    (tens of ms for a group with hundreds of claims); under 20 concurrent clients that queues. A bounded
    LRU of the encoded bytes answers a repeated question without asking again."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


MAPS = MapCache()
RESPONSES = ResponseCache()
_WRITE = threading.Lock()


def resolve(svc: Service, a: dict[str, Any]) -> dict[str, Any]:
    q = a.get("q", "").strip()
    if not q:
        return {"query": q, "matches": []}
    matches = svc.resolve(q, limit=a.get("limit", 10), as_of=a.get("as_of"))
    return {"query": q, "matches": [m.as_dict() for m in matches]}


def claims(svc: Service, a: dict[str, Any]) -> dict[str, Any]:
    doc = svc.show(a["name"], as_of=a.get("as_of"))
    rows = [c for c in doc.claims if a.get("predicate") in (None, c["predicate"])]
    offset, limit = a.get("offset", 0), a.get("limit", 50)
    return {
        "entity": {"id": doc.id, "name": doc.name, "kind": doc.kind},
        "as_of": doc.as_of,
        "predicate": a.get("predicate"),
        "total": len(rows),
        "offset": offset,
        "limit": limit,
        "claims": rows[offset : offset + limit],
    }


def candidates(svc: Service, a: dict[str, Any]) -> dict[str, Any]:
    offset, limit = a.get("offset", 0), a.get("limit", 50)
    # every match counted (`total`, as `review --json` and /api/entity/{name}/claims give it): without it a
    # full page could not say whether another follows, and the review page offered "next" onto an empty one
    found = svc.candidates(document=a.get("document"), predicate=a.get("predicate"), entity=a.get("entity"))
    view = ClaimView(svc.store)
    page = [view.claim(c) for c in found[offset : offset + limit]]
    return {"total": len(found), "offset": offset, "limit": limit, "candidates": page}


def review(svc: Service, a: dict[str, Any]) -> dict[str, Any]:
    decision, ids = a.get("decision"), a.get("ids")
    if extra := sorted(set(a) - {"decision", "ids"}):  # a field this endpoint would not read is not dropped
        raise BadParameter(f"unknown field(s) {', '.join(extra)} in the body: give decision and ids")
    if decision not in ("accept", "reject"):
        raise BadParameter(f"decision={decision!r}: give 'accept' or 'reject'")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise BadParameter("ids: give a non-empty list of candidate claim ids")
    with _WRITE:
        try:
            out = svc.review(decision, ids)
        finally:
            MAPS.clear()
            RESPONSES.clear()
    return out


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/resolve", "Entities a name or alias may denote, best first",
             resolve, (Param("q", "query", "A name, alias or id", required=True), LIMIT, AS_OF)),
    Endpoint("/api/entity/{name}", "One entity: names by origin, claims with provenance, contested claims",
             lambda s, a: s.show(a["name"], as_of=a.get("as_of")), (NAME, AS_OF)),
    Endpoint("/api/entity/{name}/claims", "An entity's claims, filtered by predicate and paginated",
             claims, (NAME, PREDICATE, OFFSET, LIMIT, AS_OF)),
    Endpoint("/api/chain/{name}", "Attribution chains from an operation or group to the state",
             lambda s, a: s.chain(a["name"], as_of=a.get("as_of"), limit=a.get("limit")), (NAME, LIMIT, AS_OF)),
    Endpoint("/api/province/{name}", "What is linked to a province, and how",
             lambda s, a: s.province(a["name"], as_of=a.get("as_of"), **{k: a[k] for k in ("limit",) if k in a}),
             (NAME, LIMIT, AS_OF)),
    Endpoint("/api/map", "Every province with the number of linked groups and operations, placed on the tile grid",
             lambda s, a: MAPS.get(s, a.get("as_of")), (AS_OF,)),
    Endpoint("/api/apparatus", "The governance tree (from a root, or every root) with its laws",
             lambda s, a: s.apparatus(a.get("root"), as_of=a.get("as_of")),
             (Param("root", "query", "Start from this entity"), AS_OF)),
    Endpoint("/api/consensus/{name}", "Who says what about an entity (and another), voice by voice",
             lambda s, a: s.consensus(a["name"], a.get("other"), as_of=a.get("as_of")),
             (NAME, Param("other", "query", "A second entity: only what links the two"), AS_OF)),
    Endpoint("/api/contested", "Claims that sources dispute, by kind of dispute",
             lambda s, a: s.contested(a.get("kind"), as_of=a.get("as_of")),
             (Param("kind", "query", "Comma-separated kinds of dispute"), AS_OF)),
    Endpoint("/api/timeline/{name}", "An entity's dated events, and the lag from operation to response",
             lambda s, a: s.timeline(a["name"], as_of=a.get("as_of")), (NAME, AS_OF)),
    Endpoint("/api/theses", "The seeds' theses, answered with figures",
             lambda s, a: s.theses(a.get("country", "China"), as_of=a.get("as_of")),
             (Param("country", "query", "Country (default China)"), AS_OF)),
    Endpoint("/api/stats", "Counts of entities, claims, predicates, sources and names",
             lambda s, a: s.stats(as_of=a.get("as_of")), (AS_OF,)),
    Endpoint("/api/candidates", "Candidate claims extracted from documents, awaiting review",
             candidates, (Param("document", "query", "Only candidates from this source id"),
                          PREDICATE, Param("entity", "query", "Only candidates naming this entity"), OFFSET, LIMIT)),
    Endpoint("/api/review", "Accept or reject candidate claims (JSON body: decision and ids)",
             review, (), "POST",
             {"type": "object", "required": ["decision", "ids"],
              "properties": {"decision": {"type": "string", "enum": ["accept", "reject"]},
                             "ids": {"type": "array", "items": {"type": "string"}}}}),
)  # fmt: skip


_BY_PATH = {e.path: e for e in ENDPOINTS}


def endpoint(path: str) -> Endpoint:
    """The endpoint at `path` (as ENDPOINTS writes it): what a page asks for its JSON twin's answer."""
    return _BY_PATH[path]


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of ENDPOINTS (the same table the routes are built from)."""
    paths: dict[str, Any] = {}
    err = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for e in ENDPOINTS:
        op: dict[str, Any] = {
            "summary": e.summary,
            "operationId": e.method.lower() + e.path.replace("/", "_").replace("{", "").replace("}", ""),
            "parameters": [
                {
                    "name": p.name,
                    "in": p.where,
                    "required": p.required or p.where == "path",
                    "description": p.description,
                    "schema": {
                        "type": p.type,
                        **({"minimum": p.minimum} if p.minimum is not None else {}),
                        **({"enum": list(p.choices)} if p.choices is not None else {}),
                        **({"maximum": p.maximum} if p.maximum is not None else {}),
                    },
                }
                for p in e.params
            ],
            "responses": {"200": {"description": "The read model's answer"}, "400": err, "404": err, "409": err},
        }
        if e.body:
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": e.body}}}
        paths.setdefault(e.path, {})[e.method.lower()] = op
    paths["/api/openapi.json"] = {
        "get": {
            "summary": "This document",
            "operationId": "get_openapi",
            "responses": {"200": {"description": "OpenAPI 3.1"}},
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "cyberstate", "version": "0.1.0",
                 "description": "The state apparatus behind cyber operations, as evidence-backed claims."},
        "paths": paths,
        "components": {"schemas": {"Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["type", "message", "status"],
                                     "properties": {"type": {"type": "string"}, "message": {"type": "string"},
                                                    "status": {"type": "integer"}}}}}}},
    }  # fmt: skip
