"""The Starlette app: JSON API routes from api.ENDPOINTS, pages rendered from templates/, static assets.

Every handler is a plain function (run in Starlette's thread pool) that asks the one long-lived Service
and renders its answer; library errors become the one JSON error shape (API) or an error page (pages).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from cyberstate.errors import AmbiguousName, CyberstateError, EntityNotFound
from cyberstate.service import Service
from cyberstate.web import api
from cyberstate.web.errors import BadParameter, error_doc, status_of
from cyberstate.web.mapgrid import COLUMNS, ROWS

HERE = Path(__file__).parent
STATIC = HERE / "static"
log = logging.getLogger("cyberstate.web")


def _plain(o: Any) -> Any:
    return o.to_json() if hasattr(o, "to_json") else str(o)


def as_json(doc: Any) -> Any:
    """A read-model answer (typed result, dict or list holding them) as plain JSON data."""
    return json.loads(json.dumps(doc, default=_plain, ensure_ascii=False))


class JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, default=_plain, ensure_ascii=False).encode("utf-8")


def highlight(text: str | None, words: list[str]) -> Markup:
    """`text` escaped, with each of `words` found in it (case-insensitive) wrapped in <mark>."""
    if not text:
        return Markup("")
    low = text.lower()
    spans: list[tuple[int, int]] = []
    for w in sorted({w for w in words if w}, key=len, reverse=True):
        i = low.find(w.lower())
        while i >= 0:
            if all(i >= e or i + len(w) <= s for s, e in spans):
                spans.append((i, i + len(w)))
            i = low.find(w.lower(), i + len(w))
    out, pos = [], 0
    for s, e in sorted(spans):
        out += [escape(text[pos:s]), Markup("<mark>"), escape(text[s:e]), Markup("</mark>")]
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def group_by(rows: Any, key: str, missing: str = "") -> list[tuple[str, list[Any]]]:
    """Rows grouped by one field for display, groups in order of first appearance (None as `missing`)."""
    groups: dict[str, list[Any]] = {}
    for r in rows:
        groups.setdefault(r.get(key) or missing, []).append(r)
    return list(groups.items())


def ego(doc: Any, most: int = 24) -> dict[str, Any]:
    """The entity's neighbours for the ego graph: one edge per neighbour listing the predicates of the
    show answer's claims between the two (entity-valued claims only), the most-claimed first. A claim its
    source denies is listed as "not" and the predicate, beside the same predicate asserted by another."""
    me = doc["id"]
    pairs: dict[tuple[str, bool], dict[str, Any]] = {}
    for c in doc["claims"]:
        obj = c.get("object") or {}
        if "id" not in obj or c["subject"]["id"] == obj["id"]:
            continue
        out = c["subject"]["id"] == me
        other = obj if out else c["subject"]
        p = pairs.setdefault(
            (other["id"], out), {"id": other["id"], "name": other["name"], "out": out, "predicates": [], "n": 0}
        )
        p["n"] += 1
        said = ("not " if c.get("negated") else "") + c["predicate"]
        if said not in p["predicates"]:
            p["predicates"].append(said)
    rows = sorted(pairs.values(), key=lambda p: -p["n"])
    return {"id": me, "name": doc["name"], "edges": rows[:most], "left_out": max(0, len(rows) - most)}


def at(path: str, as_of: str | None) -> str:
    """A link to another page or endpoint, keeping the date a page is viewed at: a page seen with ?as_of=D
    links to pages as of D (a link without it would show what is known today)."""
    if not as_of:
        return path
    return f"{path}{'&' if '?' in path else '?'}{urlencode({'as_of': as_of})}"


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    env.filters["q"] = lambda s: quote(str(s), safe="")
    env.filters["highlight"] = highlight
    env.filters["group_by"] = group_by
    env.filters["ego"] = ego
    env.filters["at"] = at
    env.globals.update(grid_columns=COLUMNS, grid_rows=ROWS)
    return env


ENV = make_env()


def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(name).render(**ctx), status_code=status)


def css() -> str:
    return (STATIC / "app.css").read_text(encoding="utf-8")


class Workbench:
    """The routes, bound to one Service."""

    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # ---------------------------------------------------------------- API

    def api_route(self, e: api.Endpoint) -> Route:
        async def endpoint(request: Request) -> Response:
            from starlette.concurrency import run_in_threadpool

            key = str(request.url.path) + "?" + str(request.url.query)
            if e.method == "GET" and (hit := api.RESPONSES.get(key)) is not None:
                return Response(hit, media_type="application/json")
            body: dict[str, Any] = {}
            if e.method == "POST":
                try:
                    body = json.loads(await request.body() or b"{}")
                except json.JSONDecodeError as x:
                    return self.api_error(BadParameter(f"request body is not JSON: {x}"))
                if not isinstance(body, dict):
                    return self.api_error(BadParameter("request body must be a JSON object"))
            try:
                args = api.parse(e, dict(request.path_params), api.single(request.query_params))
                args.update(body)
                resp = JSON(await run_in_threadpool(e.handler, self.svc, args))
                if e.method == "GET":
                    api.RESPONSES.put(key, bytes(resp.body))
                return resp
            except CyberstateError as x:
                return self.api_error(x)

        # a name may hold a slash ('CNCERT/CC', 'Android/Chuli.A'): its segment takes one, written as %2F or not
        return Route(e.path.replace("{name}", "{name:path}"), endpoint, methods=[e.method], name=e.path)

    @staticmethod
    def api_error(x: Exception) -> JSONResponse:
        status = status_of(x)
        return JSONResponse(error_doc(type(x).__name__, str(x), status, x), status_code=status)

    def openapi(self, request: Request) -> Response:
        return JSONResponse(api.openapi())

    # ---------------------------------------------------------------- pages

    def twin(self, path: str, request: Request, **path_params: str) -> Response:
        """The JSON twin of a page: the API endpoint at `path` with the page's query."""
        e = api.endpoint(path)
        try:
            return JSON(e.handler(self.svc, api.parse(e, path_params, api.single(request.query_params))))
        except CyberstateError as x:
            return self.api_error(x)

    def page_error(self, x: Exception, as_of: str | None = None) -> HTMLResponse:
        """The error page; its links to the closest names keep the date the page was asked at."""
        status = status_of(x)
        closest = x.closest if isinstance(x, EntityNotFound) else []
        cands = x.candidates if isinstance(x, AmbiguousName) else []
        return render(
            "error.html", status, title=f"{status}", message=str(x), closest=closest, candidates=cands, as_of=as_of
        )

    def home(self, request: Request) -> Response:
        try:
            a = _as_of(request)
            return render("home.html", stats=self.svc.stats(as_of=a), map=api.MAPS.get(self.svc, a), as_of=a)
        except CyberstateError as x:
            return self.page_error(x)

    def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        try:
            a = _as_of(request)
        except CyberstateError as x:
            return self.page_error(x)
        if not q:
            return RedirectResponse(at("/", a), 303)
        try:
            eid = self.svc.entity_id(q)
            return RedirectResponse(at(f"/entity/{quote(eid, safe='')}", a), 303)
        except (EntityNotFound, AmbiguousName):
            matches = [m.as_dict() for m in self.svc.resolve(q, limit=20, as_of=a)]
            return render("search.html", 200 if matches else 404, title=f"Search: {q}", q=q, matches=matches, as_of=a)

    def _named(self, request: Request, api_path: str, build: Any) -> Response:
        """A page about one entity: its JSON twin's endpoint asked with the page's parameters (`as_of`,
        `limit`, `other`; others are ignored, as on every page), the twin linked with the same query."""
        name = request.path_params["name"]
        if name.endswith(".json"):
            return self.twin(api_path, request, name=name[: -len(".json")])
        e = api.endpoint(api_path)
        try:
            query, tq = _page_query(e, request)
            args = api.parse(e, {"name": name}, query)
        except CyberstateError as x:
            return self.page_error(x)
        try:
            return build(name, args, tq)
        except CyberstateError as x:
            return self.page_error(x, args.get("as_of"))

    def entity(self, request: Request) -> Response:
        def build(name: str, args: dict[str, Any], tq: str) -> Response:
            a = args.get("as_of")
            doc = self.svc.show(name, as_of=a)
            timeline = self.svc.timeline(doc.id, as_of=a)
            return render("entity.html", title=doc.name, e=doc, timeline=timeline, as_of=a, tq=tq)

        return self._named(request, "/api/entity/{name}", build)

    def chain(self, request: Request) -> Response:
        def build(name: str, args: dict[str, Any], tq: str) -> Response:
            a = args.get("as_of")
            doc = self.svc.chain(name, as_of=a, limit=args.get("limit"))
            title = f"Chain: {doc.start['name']}"
            return render("chain.html", title=title, c=doc, data=as_json(doc), as_of=a, tq=tq)

        return self._named(request, "/api/chain/{name}", build)

    def province(self, request: Request) -> Response:
        def build(name: str, args: dict[str, Any], tq: str) -> Response:
            a = args.get("as_of")
            doc = self.svc.province(name, as_of=a, **{k: args[k] for k in ("limit",) if k in args})
            title = doc.province["name"]
            return render("province.html", title=title, p=doc, map=api.MAPS.get(self.svc, a), as_of=a, tq=tq)

        return self._named(request, "/api/province/{name}", build)

    def consensus(self, request: Request) -> Response:
        def build(name: str, args: dict[str, Any], tq: str) -> Response:
            a = args.get("as_of")
            doc = self.svc.consensus(name, args.get("other"), as_of=a)
            return render("consensus.html", title=f"Consensus: {doc.entity['name']}", c=doc, as_of=a, tq=tq)

        return self._named(request, "/api/consensus/{name}", build)

    def dossier(self, request: Request) -> Response:
        name = request.path_params["name"]
        try:
            a = _as_of(request)
        except CyberstateError as x:
            return self.page_error(x)
        try:
            return HTMLResponse(self.dossier_html(name, a))
        except CyberstateError as x:
            return self.page_error(x, a)

    def dossier_html(self, name: str, as_of: str | None = None, *, standalone: bool = False) -> str:
        """One self-contained HTML file (styles inline, no script) for an entity or a province; `standalone`
        (the file `report` writes, opened from disk) gives names as text, not links to this server's pages."""
        doc = self.svc.show(name, as_of=as_of)
        prov = self.svc.province(doc.id, as_of=as_of, limit=None) if doc.kind == "province" else None
        chain = None if prov else self.svc.chain(doc.id, as_of=as_of)
        return ENV.get_template("dossier.html").render(
            title=f"Dossier: {doc.name}",
            e=doc,
            chain=chain,
            p=prov,
            as_of=as_of,
            inline_css=css(),
            standalone=standalone,
        )

    def simple(self, template: str, api_path: str, title: str) -> Any:
        """A page that renders its JSON twin's answer: the endpoint at `api_path`, asked with the page's
        parameters (`root`, `kind`, `country`, `as_of`; others are ignored, as on every page)."""
        e = api.endpoint(api_path)

        def handler(request: Request) -> Response:
            if request.url.path.endswith(".json"):
                return self.twin(api_path, request)
            try:
                query, tq = _page_query(e, request)
                args = api.parse(e, {}, query)
            except CyberstateError as x:
                return self.page_error(x)
            try:
                doc = e.handler(self.svc, args)
            except CyberstateError as x:
                return self.page_error(x, args.get("as_of"))
            return render(template, title=title, doc=doc, as_of=args.get("as_of"), api=api_path + tq)

        return handler

    async def review(self, request: Request) -> Response:
        """The review page and its form, one route: a 405 on /review names both methods (two routes named
        only the first's)."""
        from starlette.concurrency import run_in_threadpool

        if request.method == "POST":
            return await self.review_post(request)
        return await run_in_threadpool(self.review_page, request)

    def review_page(self, request: Request) -> Response:
        try:
            e = api.endpoint("/api/candidates")
            args = api.parse(e, {}, api.single(request.query_params, lambda k: k != "done"))
            doc = api.candidates(self.svc, args)
        except CyberstateError as x:
            return self.page_error(x)
        # the filters (document, predicate, entity) go with every link the page gives: the pager's and its JSON twin's
        filters = _review_filters(args)
        return render("review.html", title="Review", doc=doc, done=request.query_params.get("done"), filters=filters)

    async def review_post(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        form = parse_qs((await request.body()).decode("utf-8"))
        decision, ids = (form.get("decision") or [""])[0], form.get("id") or []
        try:
            out = await run_in_threadpool(api.review, self.svc, {"decision": decision, "ids": ids})
        except CyberstateError as x:
            return self.page_error(x)
        done = f"{out['decision']} {', '.join(out['claims'])}"
        return RedirectResponse(f"/review?done={quote(done)}{_review_filters(request.query_params)}", 303)


def _page_query(e: api.Endpoint, request: Request) -> tuple[dict[str, str], str]:
    """The page's query parameters its endpoint knows (others are ignored, as on every page), and the query
    string that carries them to the JSON twin's link ("" when there are none)."""
    known = {p.name for p in e.params if p.where == "query"}
    query = api.single(request.query_params, lambda k: k in known)
    return query, f"?{urlencode(query)}" if query else ""


def _review_filters(params: Any) -> str:
    """The review queue's filters (document, predicate, entity) as the tail of a query string ("&document=..."), which
    every link of the page and the redirect after a decision carry, so the queue stays filtered."""
    kept = {k: params[k] for k in ("document", "predicate", "entity") if k in params}
    return f"&{urlencode(kept)}" if kept else ""


def _as_of(request: Request) -> str | None:
    e = api.endpoint("/api/stats")
    return api.parse(e, {}, api.single(request.query_params, lambda k: k == "as_of")).get("as_of")


def create_app(svc: Service, mounts: list[Mount] | None = None) -> Starlette:
    """The workbench app over `svc` (opened once by the caller); `mounts` go beside it (e.g. TAXII)."""
    w = Workbench(svc)
    simple = [
        Route(p, w.simple(t, ap, title), name=t)
        for ps, t, ap, title in (
            (("/apparatus", "/apparatus.json"), "apparatus.html", "/api/apparatus", "Apparatus"),
            (("/contested", "/contested.json"), "contested.html", "/api/contested", "Contested claims"),
            (("/theses", "/theses.json"), "theses.html", "/api/theses", "Theses"),
        )
        for p in ps
    ]  # fmt: skip
    routes = [
        Route("/api/openapi.json", w.openapi),
        # a route with more after the name first: /api/entity/{name}/claims is not the entity 'X/claims'
        *[w.api_route(e) for e in sorted(api.ENDPOINTS, key=lambda e: e.path.endswith("}"))],
        Route("/", w.home),
        Route("/search", w.search),
        Route("/entity/{name:path}", w.entity),
        Route("/chain/{name:path}", w.chain),
        Route("/province/{name:path}", w.province),
        Route("/consensus/{name:path}", w.consensus),
        Route("/dossier/{name:path}", w.dossier),
        Route("/review", w.review, methods=["GET", "POST"]),
        *simple,
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        *(mounts or []),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = exc.detail if isinstance(exc, HTTPException) else "internal error"
        if status == 500:
            log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        headers = exc.headers if isinstance(exc, HTTPException) else None  # a 405's Allow (RFC 9110)
        if request.url.path.startswith("/api/"):
            return JSONResponse(error_doc("HTTPError", str(message), status), status_code=status, headers=headers)
        page = render("error.html", status, title=str(status), message=str(message), closest=[], candidates=[])
        page.headers.update(headers or {})
        return page

    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: http_error})
    app.state.service = svc
    app.state.workbench = w
    return app
