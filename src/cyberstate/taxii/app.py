"""The TAXII 2.1 endpoints: discovery, API root, collections, objects, one object, versions, manifest.

Every response, errors included, is `application/taxii+json;version=2.1`; errors use the TAXII error
message shape (title, description, http_status) with the status it names: 400 for a bad filter, 404 for
an unknown collection or object, 405 for writes, 406 when the client accepts no TAXII media type, 503 when
the store cannot be read.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from cyberstate.errors import CyberstateError
from cyberstate.taxii.collections import COLLECTIONS, Collections, Item

log = logging.getLogger(__name__)

TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
API_ROOT = "cyberstate"
MAX_PAGE = 1000
MAX_CONTENT = 100 * 1024 * 1024


class TaxiiError(Exception):
    def __init__(self, status: int, title: str, description: str = "") -> None:
        super().__init__(title)
        self.status, self.title, self.description = status, title, description


def _response(doc: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)
    return Response(body, status_code=status, media_type=TAXII, headers=headers)


def _error(status: int, title: str, description: str = "", headers: Mapping[str, str] | None = None) -> Response:
    doc = {"title": title, "description": description, "http_status": str(status)}
    return Response(json.dumps(doc), status_code=status, media_type=TAXII, headers=headers)


def _accepts_taxii(accept: str) -> bool:
    """Whether an Accept header takes TAXII 2.1: `*/*`, `application/*` or `application/taxii+json` with no
    version or version 2.1, in any case, with parameters in any order and spacing, a range of quality 0
    being one the client refuses (RFC 9110, 12.5.1). An empty header takes anything."""
    if not accept.strip():
        return True
    for part in accept.split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        args: dict[str, str] = {}
        for param in params:
            key, _, value = param.partition("=")
            args[key.strip().lower()] = value.strip().strip('"')
        try:
            quality = float(args.get("q", "1"))
        except ValueError:
            quality = 0.0
        if quality <= 0:
            continue
        kind = kind.lower()
        if kind in ("*/*", "application/*") or (
            kind == "application/taxii+json" and args.get("version", "2.1") == "2.1"
        ):
            return True
    return False


def _check_accept(request: Request) -> None:
    accept = request.headers.get("accept", "*/*")
    if not _accepts_taxii(accept):
        raise TaxiiError(406, "Not Acceptable", f"this server answers with {TAXII}, not {accept!r}")


def _timestamp(value: str, name: str) -> str:
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise TaxiiError(400, "Bad filter", f"{name}: {value!r} is not an RFC 3339 timestamp") from None
    if t.tzinfo is None:
        raise TaxiiError(400, "Bad filter", f"{name}: {value!r} has no time zone")
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def _limit(q: dict[str, str]) -> int:
    raw = q.get("limit")
    if raw is None:
        return MAX_PAGE
    if not _digits(raw) or int(raw) < 1:
        raise TaxiiError(400, "Bad filter", f"limit: {raw!r} is not a positive integer")
    return min(int(raw), MAX_PAGE)


#: The parameters that take one value: given twice, which one was meant cannot be known.
_SINGLE = ("added_after", "limit", "next")


def _query(request: Request) -> dict[str, str]:
    """The filters, one value each: a `match[...]` given more than once is one list of its values
    (`match[id]=A&match[id]=B` is `match[id]=A,B`, the list TAXII 2.1 gives a filter's values in; only the
    last was read), and `added_after`, `limit` or `next` given twice is a 400, as is a `match[...]` with an empty
    value (`match[type]=`, `match[type]=indicator,`), which answered an empty page."""
    known = {*_SINGLE, "match[id]", "match[type]", "match[version]", "match[spec_version]"}
    q: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key not in known:
            raise TaxiiError(400, "Bad filter", f"unknown filter {key!r}; this server reads {', '.join(sorted(known))}")
        if key in q and key in _SINGLE:
            raise TaxiiError(400, "Bad filter", f"{key} given more than once; it takes one value")
        if key.startswith("match[") and not all(v.strip() for v in value.split(",")):
            # an empty filter value matches nothing a client could have meant: an empty page would tell it that
            # the collection holds no such object
            raise TaxiiError(400, "Bad filter", f"{key}: {value!r} gives an empty value; give one or more values")
        q[key] = f"{q[key]},{value}" if key in q else value
    return q


def _filtered(q: dict[str, str], items: list[Item], object_id: str | None = None) -> list[Item]:
    out = items
    if "added_after" in q:
        after = _timestamp(q["added_after"], "added_after")
        out = [i for i in out if i.date_added > after]
    ids = {object_id} if object_id else set(q["match[id]"].split(",")) if "match[id]" in q else None
    if ids is not None:
        out = [i for i in out if i.id in ids]
    if "match[type]" in q:
        types = set(q["match[type]"].split(","))
        out = [i for i in out if i.type in types]
    if "match[spec_version]" in q:
        versions = set(q["match[spec_version]"].split(","))
        out = [i for i in out if i.spec_version in versions]
    if "match[version]" in q:
        wanted = q["match[version]"].split(",")
        stamps = {_timestamp(v, "match[version]") for v in wanted if v not in ("first", "last", "all")}
        if stamps:  # one version per object is kept: first, last and all are that version
            out = [i for i in out if i.version in stamps or any(w in ("first", "last", "all") for w in wanted)]
    return out


def _digits(raw: str) -> bool:
    """Whether a parameter is a number written in ASCII digits: str.isdigit also takes '²' (which int()
    refuses: a 500) and other scripts' digits ('٣', which int() reads as 3)."""
    return raw.isascii() and raw.isdigit()


def _page(q: dict[str, str], items: list[Item]) -> tuple[list[Item], str | None]:
    limit = _limit(q)
    raw = q.get("next")
    start = int(raw) if raw is not None and _digits(raw) else 0
    # a token is the place of the next page, inside the list it pages: one past its end (or 0) was never given,
    # and answering it with an empty last page would tell the client it has everything
    if raw is not None and not 0 < start < len(items):
        raise TaxiiError(400, "Bad filter", f"next: {raw!r} is not a token this server gave for this list")
    page = items[start : start + limit]
    more = start + limit < len(items)
    return page, str(start + limit) if more else None


def _added_headers(page: list[Item]) -> dict[str, str]:
    if not page:
        return {}
    return {"X-TAXII-Date-Added-First": page[0].date_added, "X-TAXII-Date-Added-Last": page[-1].date_added}


def create_app(db_path: str, *, as_of: str | None = None) -> Starlette:
    """The TAXII 2.1 application over one store; mount it at the root (paths begin /taxii2/ and /cyberstate/)."""
    store = Collections(db_path, as_of)

    def collection(request: Request) -> Any:
        info = store.find(request.path_params["collection"])
        if info is None:
            raise TaxiiError(404, "Unknown collection", f"no collection {request.path_params['collection']!r}")
        return info

    async def discovery(request: Request) -> Response:
        _check_accept(request)
        root = str(request.url_for("api_root"))
        return _response(
            {
                "title": "cyberstate TAXII 2.1",
                "description": "The state apparatus behind cyber operations, as STIX 2.1 (read only).",
                "default": root,
                "api_roots": [root],
            }
        )

    async def api_root(request: Request) -> Response:
        _check_accept(request)
        return _response(
            {
                "title": "cyberstate",
                "description": "Entities, claims with provenance, and sources, per TLP level.",
                "versions": [TAXII],
                "max_content_length": MAX_CONTENT,
            }
        )

    async def collections(request: Request) -> Response:
        _check_accept(request)
        return _response({"collections": [c.to_json() for c in COLLECTIONS]})

    async def one_collection(request: Request) -> Response:
        _check_accept(request)
        return _response(collection(request).to_json())

    def objects(request: Request) -> Response:
        _check_accept(request)
        info = collection(request)
        object_id = request.path_params.get("object_id")
        q = _query(request)
        items = _filtered(q, store.items(info), object_id)
        if object_id and not items:
            raise TaxiiError(404, "Unknown object", f"no object {object_id!r} in collection {info.alias!r}")
        page, nxt = _page(q, items)
        head = '{"more":' + ("true" if nxt else "false") + (f',"next":"{nxt}"' if nxt else "")
        body = head + (',"objects":[' + ",".join(i.json for i in page) + "]}" if page else "}")
        return _response(body, headers=_added_headers(page))

    def versions(request: Request) -> Response:
        _check_accept(request)
        info = collection(request)
        q = _query(request)
        items = _filtered(q, store.items(info), request.path_params["object_id"])
        if not items:
            raise TaxiiError(404, "Unknown object", f"no object {request.path_params['object_id']!r}")
        page, nxt = _page(q, items)
        doc: dict[str, Any] = {"more": nxt is not None, "versions": [i.version for i in page]}
        if nxt:
            doc["next"] = nxt
        return _response(doc, headers=_added_headers(page))

    def manifest(request: Request) -> Response:
        _check_accept(request)
        info = collection(request)
        q = _query(request)
        page, nxt = _page(q, _filtered(q, store.items(info)))
        doc: dict[str, Any] = {"more": nxt is not None}
        if nxt:
            doc["next"] = nxt
        if page:
            doc["objects"] = [
                {"id": i.id, "date_added": i.date_added, "version": i.version, "media_type": STIX} for i in page
            ]
        return _response(doc, headers=_added_headers(page))

    async def on_taxii_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TaxiiError)
        return _error(exc.status, exc.title, exc.description)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        titles = {404: "Not Found", 405: "Method Not Allowed"}
        detail = "this server is read only" if exc.status_code == 405 else str(exc.detail)
        # a 405 names the methods the path takes (RFC 9110: Allow), as Starlette's exception carries them
        return _error(exc.status_code, titles.get(exc.status_code, "Error"), detail, exc.headers)

    async def on_store_error(request: Request, exc: Exception) -> Response:
        # the store could not be read for the collection (moved, deleted, damaged since the server started): the
        # reason in the TAXII error shape, where Starlette answered a plain-text 500 and logged a traceback
        return _error(503, "Store unavailable", str(exc))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        return _error(500, "Internal error", "the server failed to answer; its log says why")

    base = f"/{API_ROOT}/collections/{{collection}}"
    routes = [
        Route("/taxii2/", discovery),
        Route(f"/{API_ROOT}/", api_root, name="api_root"),
        Route(f"/{API_ROOT}/collections/", collections),
        Route(f"{base}/", one_collection),
        Route(f"{base}/objects/", objects),
        Route(f"{base}/objects/{{object_id}}/", objects),
        Route(f"{base}/objects/{{object_id}}/versions/", versions),
        Route(f"{base}/manifest/", manifest),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={
            TaxiiError: on_taxii_error,
            HTTPException: on_http_error,
            CyberstateError: on_store_error,
            Exception: on_unexpected,
        },
    )
