"""The command line: parse, call one KnowledgeBase method, print a Rich view or exactly one JSON document.

Library errors become one line on stderr and exit status 1 here, and nowhere else. With `--json` the
error is also printed as `{"error": {...}}` on stdout, so a script always gets one JSON document.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from cyberstate import safe_text
from cyberstate.datadir import default_db_path
from cyberstate.errors import (
    AmbiguousName,
    CyberstateError,
    Interrupted,
    InvalidRecord,
    from_foreign,
    one_line,
)
from cyberstate.model.vocab import KIND_CLASSES, PREDICATE_LIST

if TYPE_CHECKING:  # imported when a command opens the store, so `--help` and `vocab` stay light
    from rich.console import Console
    from rich.table import Table
    from rich.tree import Tree

    from cyberstate.kb import KnowledgeBase

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="cyberstate: the state apparatus behind cyber operations, as evidence-backed claims.",
)


class _LazyConsole:
    """A Rich console made on first use: a command that answers in JSON never imports Rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


def _table(*columns: str, **options: Any) -> Table:
    from rich.table import Table

    return Table(*columns, **options)


def _tree(label: str) -> Tree:
    from rich.tree import Tree

    return Tree(label)


# Piped output is read by scripts and pagers: a wide console, so rows are not folded at 80 columns.
out = _LazyConsole(highlight=False, width=None if sys.stdout.isatty() else 200)
err = _LazyConsole(stderr=True, highlight=False)


@dataclass
class Ctx:
    db: str
    json: bool
    as_of: str | None = None


JsonOpt = Annotated[bool, typer.Option("--json", help="Print exactly one JSON document.")]
#: A server prints no answer: with --json, an error that stops it from starting is one JSON document, as every
#: other command's (the option was refused after `serve` and `taxii`, taken only before them).
ServerJsonOpt = Annotated[
    bool, typer.Option("--json", help="An error that stops it from starting as one JSON document.")
]


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="PATH", help="SQLite file (default: $CYBERSTATE_DB or ./cyberstate.db)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output for any command.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Answer as of this date: only what had been published by then (a year or month: by its end)",
        ),
    ] = None,
) -> None:
    ctx.obj = Ctx(db or default_db_path(), as_json, as_of)


def _emit_json(doc: Any) -> None:
    def plain(o: Any) -> Any:  # a typed answer of the read model, anywhere in the document
        return o.to_json() if hasattr(o, "to_json") else str(o)

    if hasattr(doc, "to_json"):
        doc = doc.to_json()
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=plain) + "\n")


def _emit_extraction(head: dict[str, Any], parts: Iterable[Any]) -> None:
    """The JSON document `extract --json` prints, `_emit_json`'s bytes for {**head, "mentions": [...], "claims":
    [...]}, written window by window (`KnowledgeBase.extract_parts`): the mentions and the statements go to two
    temporary files as each window is read, and are copied out once the whole text is read, so the process holds
    one window's and a failed extraction prints only its error."""
    import shutil
    import tempfile

    def items(into: IO[str], rows: list[dict[str, Any]], first: bool) -> bool:
        for row in rows:
            body = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            into.write(("" if first else ",\n") + "    " + body)
            first = False
        return first

    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as mentions,
        tempfile.TemporaryFile("w+", encoding="utf-8") as claims,
    ):
        empty = {"mentions": True, "claims": True}
        for part in parts:
            d = part.as_dict()
            empty["mentions"] = items(mentions, d["mentions"], empty["mentions"])
            empty["claims"] = items(claims, d["claims"], empty["claims"])
        start = json.dumps(head, ensure_ascii=False, indent=2)
        sys.stdout.write(start[: -len("\n}")] + ",\n")
        for key, spool in (("mentions", mentions), ("claims", claims)):
            if empty[key]:
                sys.stdout.write(f'  "{key}": []')
            else:
                sys.stdout.write(f'  "{key}": [\n')
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout)
                sys.stdout.write("\n  ]")
            sys.stdout.write(",\n" if key == "mentions" else "\n}\n")


def _error_doc(e: CyberstateError) -> dict[str, Any]:
    return {"error": {"type": type(e).__name__, "message": str(e), **e.details()}}


@contextmanager
def _kb(ctx: typer.Context, as_json: bool, *, create: bool = False) -> Iterator[KnowledgeBase]:
    """Open the knowledge base and turn library errors into one clean line and exit status 1."""
    from cyberstate.kb import KnowledgeBase

    c: Ctx = ctx.obj
    want_json = as_json or c.json
    # a write that creates the store and then fails leaves the path as it was: the files it made are removed,
    # an empty file it found is emptied again
    made = [p for p in (c.db, c.db + "-wal", c.db + "-shm") if not os.path.exists(p)] if create else []
    empty = create and os.path.isfile(c.db) and os.path.getsize(c.db) == 0
    done = False
    try:
        try:
            kb = KnowledgeBase.open(c.db, create=create, as_of=c.as_of)
        except CyberstateError as e:
            _fail(e, want_json)
        try:
            yield kb
            done = True
        except CyberstateError as e:
            _fail(e, want_json)
        finally:
            kb.close()
    finally:
        if not done and (empty or c.db in made):
            for p in made:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(p)
            if empty:
                with contextlib.suppress(OSError):
                    os.truncate(c.db, 0)


def _fail(e: CyberstateError, want_json: bool) -> typer.Exit:
    if want_json:
        _emit_json(_error_doc(e))
    text = safe_text.markup(one_line(str(e)))
    err.print(f"[red]error:[/red] {text}", markup=True, highlight=False, soft_wrap=True)
    if isinstance(e, AmbiguousName):
        for cand in e.candidates:
            line = f"  {cand.name}  [{cand.id}, {cand.kind}] via {cand.matched!r}"
            err.print(safe_text.control(line), markup=False)
    raise typer.Exit(getattr(e, "code", 1))


def _out(ctx: typer.Context, as_json: bool, doc: Any, render: Callable[[Any], None]) -> None:
    if as_json or ctx.obj.json:
        _emit_json(doc)
    else:
        render(safe_text.for_markup(doc))  # text from data is never read as Rich markup


# --------------------------------------------------------------------------------------------- commands


@app.command()
def load(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the curated data/)")] = None,
    redefine: Annotated[
        bool,
        typer.Option("--redefine", help="Let these files replace sources and entity kinds that other files defined"),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Load curated data into the store, all or nothing; loading twice changes nothing."""
    with _kb(ctx, as_json, create=True) as kb:
        report = kb.load(paths or None, redefine=redefine).as_dict()
        report["db"] = ctx.obj.db

    def render(r: dict[str, Any]) -> None:
        ch = r["changed"]
        out.print(
            f"loaded {len(r['files'])} files into {r['db']}: {r['read']['entities']} entities, "
            f"{r['read']['claims']} claims, {r['read']['sources']} sources "
            f"(changed: {ch['entities']} entities, {ch['claims']} claims, {ch['sources']} sources; "
            f"retracted: {r['retracted']})"
        )

    _out(ctx, as_json, report, render)


export_app = typer.Typer(
    no_args_is_help=True, help="Write what the store holds to files: analyst decisions and the formats of the field."
)
app.add_typer(export_app, name="export")


@export_app.command("decisions")
def export_decisions(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="YAML file to write")],
    as_json: JsonOpt = False,
) -> None:
    """Write the analyst's decisions (reviews, merges, unmerges, hand-loaded claims) as curated YAML."""
    from cyberstate.ingest import decisions

    _writable(ctx, as_json, output)
    with _kb(ctx, as_json) as kb:
        doc = kb.export_decisions()
        with _atomic(output) as tmp:
            tmp.write_text(decisions.dump(doc), encoding="utf-8")
        report = {"file": str(output), "db": ctx.obj.db, **decisions.summary(doc)}

    def render(r: dict[str, Any]) -> None:
        out.print(
            f"wrote {r['file']}: {r['accepted']} accepted and {r['rejected']} rejected candidates, "
            f"{r['merges']} merges, {r['unmerges']} unmerges, {r['by_hand']} claims loaded by hand, "
            f"{r['entities']} entities, {r['sources']} sources; load it back with `cyberstate load {r['file']}`"
        )

    _out(ctx, as_json, report, render)


import_app = typer.Typer(no_args_is_help=True, help="Import knowledge that others maintain.")
app.add_typer(import_app, name="import")


@contextmanager
def _step_bar(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on the terminal for an import's steps, as the `progress(step, done, total)` callback
    the importers take; silent with --json or when stderr is not a terminal."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=err.real(),
        disable=quiet or not err.is_terminal,
        transient=True,
    ) as bar:
        task = bar.add_task("import", total=None)

        def progress(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        yield progress


@import_app.command("misp-galaxy")
def import_misp_galaxy(
    ctx: typer.Context,
    cluster: Annotated[
        list[str] | None, typer.Option("--cluster", help="A cluster to import (repeatable; default: all known)")
    ] = None,
    path: Annotated[list[Path] | None, typer.Option("--path", help="A galaxy cluster JSON file (repeatable)")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Import MISP galaxy clusters from the installed pymispgalaxies package (no network), then merge."""
    with _kb(ctx, as_json, create=True) as kb, _step_bar(as_json or ctx.obj.json) as progress:
        report = kb.import_galaxy(cluster or None, path or None, progress).as_dict()

    def render(r: dict[str, Any]) -> None:
        m = r["merges"]
        out.print(
            f"imported {len(r['clusters'])} clusters ({r['values']} values): {r['records']} records, "
            f"{r['aliases']} aliases, {r['claims']} claims, {r['sources']} sources; "
            f"changed {r['changed']['entities']} entities, {r['changed']['claims']} claims; "
            f"retracted {r['retracted']}; left out {r['skipped_links']} related entries and claims (by kind below)"
        )
        out.print(
            f"merged {m['merged_records']} records into {m['merged_entities']} entities "
            f"({m['name_links']} exact-name links); {m['conflicts']} conflicts kept apart "
            "(see `cyberstate merges --conflicts`)"
        )
        for kind, whats in r.get("skipped", {}).items():
            shown = "; ".join(f"{w} ({n})" if n > 1 else w for w, n in list(whats.items())[:5])
            more = f"; and {len(whats) - 5} more" if len(whats) > 5 else ""
            out.print(f"skipped, {kind}: {sum(whats.values())}: {shown}{more}")

    _out(ctx, as_json, report, render)


@app.command()
def merges(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="An entity; omit with --conflicts")] = None,
    show_conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Every case kept apart, with both sides' evidence")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Why the records of an entity were merged (every same_as link, its origin and confidence, and the
    related_to "see also" links), or with --conflicts every case kept apart and why."""
    if show_conflicts:
        with _kb(ctx, as_json) as kb:
            if name is not None:  # `merges NAME` lists the links kept apart of that entity
                raise InvalidRecord(
                    f"{name} and --conflicts: give one of them (`merges {name}` lists its links kept apart)"
                )
            cdoc = kb.merge_conflicts()

        def render_conflicts(d: dict[str, Any]) -> None:
            t = _table("kind", "name", "sides (ATT&CK ids; countries)", "why kept apart", title="kept apart")
            for c in d["conflicts"]:
                sides = "\n".join(
                    f"{x['name']} [dim]{x['id']}[/dim] ({', '.join(x['attack_ids']) or '-'}; "
                    f"{', '.join(x['countries']) or '-'})"
                    for x in c["sides"]
                )
                t.add_row(c["kind"], c["name"], sides, c["reason"])
            out.print(t)

        _out(ctx, as_json, cdoc, render_conflicts)
        return
    if name is None:
        raise typer.BadParameter("give an entity name, or --conflicts")
    with _kb(ctx, as_json) as kb:
        doc = kb.merges(name)

    def render(d: dict[str, Any]) -> None:
        e = d["entity"]
        out.print(f"[bold]{e['name']}[/bold] [dim]{e['id']}[/dim] ({e['kind']}): {len(d['records'])} records")
        t = _table("record", "name", "ATT&CK id", "country", "from")
        for r in d["records"]:
            t.add_row(
                r["id"],
                r["name"],
                r.get("attack_id") or (f"{r['tidal_id']} (Tidal id)" if r.get("tidal_id") else ""),
                r.get("country") or "",
                ", ".join(r["clusters"]) or ", ".join(r["sources"]),
            )
        out.print(t)
        if not d["links"]:
            out.print(f"No same_as or related_to claim links {e['name']} to another record.")
        else:
            t = _table("link", "conf", "by", "why", title="links")
            for x in d["links"]:
                neg = "[red]NOT[/red] " if x["negated"] else ""
                where = "" if x["within"] else f" [dim](to another entity: {x['other_entity']})[/dim]"
                t.add_row(
                    f"{x['subject']['name']} {neg}{x['predicate']} {x['object']['name']}{where}",
                    str(x["confidence"]),
                    x["assertor"] or "",
                    x["note"] or x["origin"] or "",
                )
            out.print(t)
        if d.get("kept_apart"):
            t = _table("link refused", "other entity", "why", title="kept apart")
            for x in d["kept_apart"]:
                t.add_row(x["link"], f"{x['other']['name']} [dim]{x['other']['id']}[/dim]", x["reason"])
            out.print(t)

    _out(ctx, as_json, doc, render)


@app.command()
def unmerge(
    ctx: typer.Context,
    record: Annotated[str, typer.Argument(help="A record id (see `merges`) or a name only one record carries")],
    other: Annotated[str, typer.Argument(help="The record to keep it apart from")],
    note: Annotated[str | None, typer.Option(help="Why, for the record")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Keep two records apart: records a denial of their equivalence; nothing is deleted."""
    with _kb(ctx, as_json) as kb:
        doc = kb.unmerge(record, other, note)
    _out(ctx, as_json, doc, lambda d: out.print(f"kept apart: {', '.join(d['records'])} -> {', '.join(d['entities'])}"))


@app.command()
def merge(
    ctx: typer.Context,
    record: Annotated[str, typer.Argument(help="A record id or a name only one record carries")],
    other: Annotated[str, typer.Argument(help="The record to merge it with")],
    note: Annotated[str | None, typer.Option(help="Why, for the record")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge two records: records the analyst's same_as (and withdraws an earlier unmerge of the pair)."""
    with _kb(ctx, as_json) as kb:
        doc = kb.merge(record, other, note)
    _out(ctx, as_json, doc, lambda d: out.print(f"merged: {', '.join(d['records'])} -> {', '.join(d['entities'])}"))


@app.command()
def ingest(
    ctx: typer.Context,
    files: Annotated[list[Path] | None, typer.Argument(help="Text, Markdown, HTML or PDF documents")] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published the document")] = None,
    published: Annotated[str | None, typer.Option(help="When (YYYY, YYYY-MM or YYYY-MM-DD)")] = None,
    url: Annotated[str | None, typer.Option(help="Where it can be read")] = None,
    seeds: Annotated[bool, typer.Option("--seeds", help="Also extract from the stored seed texts")] = False,
    galaxy_descriptions: Annotated[
        bool, typer.Option("--galaxy-descriptions", help="Also extract from the galaxy's descriptions")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Processes reading and extracting in parallel (0: every core)")
    ] = 1,
    as_json: JsonOpt = False,
) -> None:
    """Store documents as sources and extract candidate claims from them for review."""
    with _kb(ctx, as_json) as kb:
        if not files and not seeds and not galaxy_descriptions:
            raise typer.BadParameter("give FILES, --seeds or --galaxy-descriptions")
        doc = kb.ingest(
            files or [],
            publisher=publisher,
            published=published,
            url=url,
            seeds=seeds,
            galaxy_descriptions=galaxy_descriptions,
            workers=workers,
        )

    def render(d: dict[str, Any]) -> None:
        for r in d["documents"]:
            out.print(
                f"{r['source']}: {r['status']} ({r['claims']} candidate claims, {r['entities']} proposed "
                f"entities) {r['title']}"
            )
        if "stored" in d:
            st = d["stored"]
            out.print(
                f"extracted from {st['sources']} stored texts: {st['claims']} candidate claims, "
                f"{st['entities']} proposed entities"
            )
        out.print("review them with `cyberstate review`")

    _out(ctx, as_json, doc, render)


@app.command()
def extract(ctx: typer.Context, file: Path, as_json: JsonOpt = False) -> None:
    """Extract mentions and statements from a document without storing anything."""
    if as_json or ctx.obj.json:
        with _kb(ctx, as_json) as kb:
            _emit_extraction(*kb.extract_parts(file))
        return
    with _kb(ctx, as_json) as kb:
        doc = kb.extract(file)

    def render(d: dict[str, Any]) -> None:
        out.print(f"[bold]{d['document']['title']}[/bold]  {len(d['mentions'])} mentions")
        t = _table("subject", "predicate", "object", "conf", "assertor", "sentence")
        for c in d["claims"]:
            flag = "NOT " if c["negated"] else ""
            t.add_row(
                c["subject"]["name"],
                flag + c["predicate"],
                c["object"]["name"] or "",
                str(c["confidence"]),
                c["assertor"] or "",
                c["evidence"]["text"][:90],
            )
        out.print(t)

    _out(ctx, as_json, doc, render)


review_app = typer.Typer(help="List candidate claims and accept or reject them.", invoke_without_command=True)
app.add_typer(review_app, name="review")


@review_app.callback()
def review_list(
    ctx: typer.Context,
    document: Annotated[str | None, typer.Option(help="Only candidates from this source id")] = None,
    predicate: Annotated[str | None, typer.Option(help="Only this predicate")] = None,
    entity: Annotated[str | None, typer.Option(help="Only candidates naming this entity")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many")] = 200,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first (as /api/candidates?offset=N)")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List candidates (with no subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    with _kb(ctx, as_json) as kb:
        every = kb.candidates(document=document, predicate=predicate, entity=entity)
        cands = every[offset : offset + limit]
        from cyberstate.analysis.claims import ClaimView

        view = ClaimView(kb.store)
        doc = {
            "candidates": [view.claim(c) for c in cands],
            "total": len(every),  # the candidates the filters match; `candidates` holds `limit` from `offset`
            "offset": offset,
            "limit": limit,
            "left_out": len(every) - len(cands),
            # with --predicate or --entity, the proposed entities of the candidates listed, not of the whole queue
            "proposed_entities": kb.proposed_entities(document, every if predicate or entity else None),
        }

    def render(d: dict[str, Any]) -> None:
        t = _table("id", "statement", "conf", "extracted by", "evidence")
        for c in d["candidates"]:
            neg = "NOT " if c["negated"] else ""
            t.add_row(
                c["id"],
                f"{c['subject']['name']} {neg}{c['predicate']} {_obj(c)}",
                str(c["confidence"]),
                (c.get("note") or "").removeprefix("extracted by "),
                (c["evidence"] or {}).get("text", "")[:100],
            )
        out.print(t)
        shown = (
            f"{len(d['candidates'])} of {d['total']} candidates"
            + (f" from #{d['offset'] + 1}" if d["offset"] else "")
            + " (--limit N and --offset N list more)"
            if d["left_out"]
            else (f"{len(d['candidates'])} candidates")
        )
        out.print(f"{shown}; {len(d['proposed_entities'])} proposed entities")

    _out(ctx, as_json, doc, render)


def _decide(
    ctx: typer.Context,
    decision: str,
    ids: list[str] | None,
    document: str | None,
    min_confidence: int | None,
    as_json: bool,
) -> None:
    with _kb(ctx, as_json) as kb:
        doc = kb.review(decision, ids or [], document=document, min_confidence=min_confidence)
    _out(
        ctx,
        as_json,
        doc,
        lambda d: out.print(f"{d['decision']}: {len(d['claims'])} claims, {len(d['entities'])} entities"),
    )


@review_app.command("accept")
def review_accept(
    ctx: typer.Context,
    ids: Annotated[list[str] | None, typer.Argument(help="Candidate claim ids or proposed entity ids")] = None,
    document: Annotated[str | None, typer.Option(help="Every candidate from this source id")] = None,
    min_confidence: Annotated[int | None, typer.Option(help="With --document: only at or above this")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Accept candidates: they become claims with the document as source."""
    _decide(ctx, "accept", ids, document, min_confidence, as_json)


@review_app.command("reject")
def review_reject(
    ctx: typer.Context,
    ids: Annotated[list[str] | None, typer.Argument(help="Candidate claim ids or proposed entity ids")] = None,
    document: Annotated[str | None, typer.Option(help="Every candidate from this source id")] = None,
    min_confidence: Annotated[int | None, typer.Option(help="With --document: only at or above this")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Reject candidates: kept as rejected, never deleted."""
    _decide(ctx, "reject", ids, document, min_confidence, as_json)


@app.command("resolve")
def resolve_cmd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Any name, alias, misspelling or id")],
    limit: Annotated[int, typer.Option(help="At most this many matches")] = 10,
    context: Annotated[
        list[str] | None,
        typer.Option("--context", help="Another name of the same document or query, to decide a shared name"),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Entities matching NAME, best first, with the name that matched and who uses it."""
    with _kb(ctx, as_json) as kb:
        matches = kb.resolve(name, limit=limit, context=context or ())
    doc = {"query": name, "context": context or [], "matches": [m.as_dict() for m in matches]}

    def render(d: dict[str, Any]) -> None:
        if not d["matches"]:
            out.print(f"no entity matches {name!r}")
            return
        t = _table("score", "entity", "kind", "matched name", "named by", title=f"resolve {name!r}")
        for m in d["matches"]:
            t.add_row(
                f"{m['score']:.0f}",
                f"{m['name']} [dim]{m['id']}[/dim]",
                m["kind"],
                m["matched"] + (" [yellow](undated: not known to be in use then)[/yellow]" if m["undated"] else ""),
                m["source"] or m["origin"] or "",
            )
        out.print(t)

    _out(ctx, as_json, doc, render)
    if not matches:
        raise typer.Exit(1)


def _obj(c: dict[str, Any]) -> str:
    from cyberstate.analysis.claims import literal_text

    o = c["object"]
    return o["name"] if "name" in o else literal_text(o["value"])


def _claims_table(claims: list[dict[str, Any]], title: str) -> Table:
    t = _table("claim", "statement", "conf", "assertor", "sources", title=title, show_lines=False)
    for c in claims:
        neg = "[red]NOT[/red] " if c["negated"] else ""
        srcs = "; ".join(s["title"] or s["url"] or s["id"] for s in c["sources"])
        t.add_row(
            f"[dim]{c['id']}[/dim]",
            f"{c['subject']['name']} {neg}[bold]{c['predicate']}[/bold] {_obj(c)}",
            str(c["confidence"]),
            c["assertor"] or "",
            srcs,
        )
    return t


@app.command()
def show(ctx: typer.Context, name: str, as_json: JsonOpt = False) -> None:
    """An entity, its names, and every claim in which it is subject or object."""
    with _kb(ctx, as_json) as kb:
        doc = kb.show(name)

    def render(d: dict[str, Any]) -> None:
        out.print(f"[bold]{d['name']}[/bold]  [dim]{d['id']}[/dim]  ({d['kind']})")
        for k, v in d["attrs"].items():
            out.print(f"  {k}: {v}")
        if d["aliases"]:
            out.print(
                "  also: "
                + "; ".join(
                    f"{a['name']} ({a['origin'] or a['source']}{', undated' if a.get('undated') else ''})"
                    for a in d["aliases"]
                )
            )
            if any(a.get("undated") for a in d["aliases"]):
                out.print(f"  [dim]undated: not known to be in use by {d['as_of']} (its source gives no date)[/dim]")
        for line in _conflict_lines(d["contested"]):
            out.print("  " + line)
        out.print(_claims_table(d["claims"], f"{len(d['claims'])} claims"))

    _out(ctx, as_json, doc, render)


def _by(ctx: typer.Context) -> str:
    """ " published by DATE" when the answer is as of a date, for a sentence saying an answer is empty."""
    return f" published by {ctx.obj.as_of}" if ctx.obj.as_of else ""


def _conflict_lines(conflicts: Any) -> list[str]:
    """One line per conflict over who runs an organisation, both sides."""
    out_ = []
    for c in conflicts:
        sides = " [bold]vs[/bold] ".join(
            ", ".join(b["name"] for b in side["bodies"])
            + " [dim]("
            + "; ".join(sorted({f"{x['assertor'] or '?'}: {x['predicate']}" for x in side["claims"]}))
            + ")[/dim]"
            for side in c["sides"]
        )
        out_.append(f"[red]contested:[/red] who runs {c['subject']['name']}: {sides}")
    return out_


@app.command()
def chain(
    ctx: typer.Context,
    name: str,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Show only the N best chains (after ranking; says how many are left)")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every path from NAME up through bureaus, ministries and party organs to the state; dead ends apart."""
    with _kb(ctx, as_json) as kb:
        doc = kb.chain(name, limit=limit)

    def tree(i: int | str, f: dict[str, Any], ch: dict[str, Any]) -> Tree:
        place = (
            ch["province"]["name"] + (f" ({ch['province']['code']})" if ch["province"]["code"] else "")
            if ch["province"]
            else "no province"
        )
        if ch["city"]:
            place += f", {ch['city']['name']}"
        summary = f"confidence {ch['confidence']}, depth: {ch['depth']}, {place}"
        t = _tree(f"[bold]{i}.[/bold] {f['name']}  [dim]{summary}[/dim]")
        for h in ch["hops"]:
            flag = " [red](contested)[/red]" if h["contested"] else ""
            preds = " / ".join(p["predicate"] for p in h["predicates"])
            node = t.add(
                f"[bold]{preds}[/bold] {h['object']['name']} [dim]({h['object']['kind']})[/dim]  "
                f"conf {h['confidence']}{flag}  [dim]{', '.join(h['assertors'])} · {', '.join(h['sources'])}[/dim]"
            )
            for line in _conflict_lines(h["conflicts"]):
                node.add(line)
        # the other routes up through the apparatus above where the chain reaches the state: folded, not forks
        for r in ch.get("above", ()):
            route = " → ".join(
                f"{' / '.join(p['predicate'] for p in h['predicates'])} {h['object']['name']} ({h['object']['kind']})"
                + (" (contested)" if h["contested"] else "")
                for h in r["hops"]
            )
            t.add(f"[dim]also above {ch['state_at']['name']}: {route}  conf {r['confidence']}[/dim]")
        return t

    def render(d: Any) -> None:
        f = d["from"]
        for line in _conflict_lines(d["conflicts"]):
            out.print(line)
        # as of a date, the sentence says so, as the chain page does: "no chain in the data" read as none ever
        if not d["chains"] and not d["open_leads"]:
            out.print(f"{f['name']} ({f['kind']}): no chain in the data{_by(ctx)}")
            return
        if not d["chains"]:
            out.print(f"{f['name']} ({f['kind']}): no chain in the data{_by(ctx)} reaches the state")
        for i, ch in enumerate(d["chains"], 1):
            out.print(tree(i, f, ch))
        if d["left_out"]:
            out.print(f"[dim]{d['left_out']} more chain(s) of {d['total']} left out by --limit {d['limit']}[/dim]")
        if d["open_leads"]:
            out.print(f"[bold]open leads[/bold] [dim](paths that never reach the state: {len(d['open_leads'])})[/dim]")
            for i, ch in enumerate(d["open_leads"], 1):
                out.print(tree(f"lead {i}", f, ch))

    _out(ctx, as_json, doc, render)


@app.command()
def province(
    ctx: typer.Context,
    name: str,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", help="List the N nearest entities (after ranking; says how many are left; default: one page)"
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="List every entity, however many")] = False,
    as_json: JsonOpt = False,
) -> None:
    """All that the claims link to a province, with how each is linked, and counts."""
    with _kb(ctx, as_json) as kb:
        if everything and limit is not None:
            raise InvalidRecord(f"--limit {limit} and --all: give one of them")
        page: dict[str, int | None] = {"limit": None} if everything else {} if limit is None else {"limit": limit}
        doc = kb.province(name, **page)

    def render(d: dict[str, Any]) -> None:
        p = d["province"]
        counts = ", ".join(f"{n} {k}" for k, n in d["counts"].items())
        out.print(f"[bold]{p['name']}[/bold] ({p['code']})" + (f": {counts}" if counts else ""))
        if not d["linked"]:
            out.print(f"Nothing in the claims{_by(ctx)} is linked to {p['name']}.")
        else:
            t = _table("entity", "kind", "how it is linked")
            for r in d["linked"]:
                flag = "\n" + "\n".join(_conflict_lines(r["contested"])) if r["contested"] else ""
                if r["denied"]:  # as the province page marks it: China's defence ministry on APT1 under Unit 61398
                    flag += f"\n[red]a source denies a tie on its way[/red] [dim]({', '.join(r['denied'])})[/dim]"
                if r["tie"] == "linked":  # as the province page says it: not placed by a placing tie
                    flag = "\n[yellow]through a linked body[/yellow]" + flag
                t.add_row(r["name"], r["kind"], r["via"] + flag)
            out.print(t)
        if d["left_out"]:
            left = f"{d['left_out']} more of {d['total']} left out by --limit {d['limit']} (--all lists them)"
            out.print(f"[dim]{left}[/dim]")
        if d["facts"]:
            ft = _table("about", "fact", title="what the sources say")
            for f in d["facts"]:
                ft.add_row(f["subject"]["name"], f"{'NOT ' if f['negated'] else ''}{f['predicate']}: {f['value']}")
            out.print(ft)

    _out(ctx, as_json, doc, render)


@app.command()
def apparatus(
    ctx: typer.Context,
    root: Annotated[str | None, typer.Option(help="Start from this body instead of every top body")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The governance tree, each body with its responsibilities and the laws that give it powers or that it issued."""
    with _kb(ctx, as_json) as kb:
        doc = kb.apparatus(root)

    def add(node: Tree, body: dict[str, Any]) -> None:
        label = f"[bold]{body['name']}[/bold] [dim]({body['kind']})[/dim]"
        if body["chaired_by"]:
            label += "  chaired by " + ", ".join(c["name"] for c in body["chaired_by"])
        branch = node.add(label)
        for r in body["responsibilities"]:
            branch.add(f"[green]•[/green] {r['text']}")
        for law in body["laws"]:
            since = f"; in force from {', '.join(law['in_force_from'])}" if law["in_force_from"] else ""
            who = f"; according to {', '.join(law['asserted_by'])}" if law["asserted_by"] else ""
            branch.add(f"[cyan]§[/cyan] {law['name']} [dim]({law['via']}{since}{who})[/dim]")
        for ch in body["children"]:
            add(branch, ch)

    def render(d: dict[str, Any]) -> None:
        tree = _tree("apparatus")
        for r in d["roots"]:
            add(tree, r)
        out.print(tree)

    _out(ctx, as_json, doc, render)


def _claim_counts(stats: dict[str, Any]) -> str:
    """The claims of a `stats` answer by status, as the home page gives them: the total alone counted the
    candidates awaiting review beside the accepted claims that every other figure counts."""
    by = stats["claims"]
    words = {"accepted": "accepted claims", "candidate": "candidates to review", "rejected": "rejected candidates"}
    parts = [f"{by.get(k, 0)} {w}" for k, w in words.items() if k != "rejected" or by.get(k)]
    parts += [f"{n} {k}" for k, n in by.items() if k not in words]
    return ", ".join(parts)


@app.command()
def stats(
    ctx: typer.Context,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Every group tied to the country and the deepest level its chain reaches")
    ] = False,
    country: Annotated[str | None, typer.Option(help="With --coverage: the country (default China)")] = None,
    sources: Annotated[
        bool,
        typer.Option("--sources", help="Per assertor type, the share of curated claims with a primary source"),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Counts: entities by kind, claims by status and predicate, sources, names; or --coverage, --sources."""
    with _kb(ctx, as_json) as kb:
        if coverage and sources:
            raise InvalidRecord("--coverage and --sources: give one of them")
        if country is not None and not coverage:
            raise InvalidRecord(f"--country {country}: goes with --coverage")
        doc = kb.coverage(country or "China") if coverage else kb.source_report() if sources else kb.stats()

    if sources:

        def render_sources(d: dict[str, Any]) -> None:
            t = _table("assertor type", "claims", "with a primary source", "share", title="curated claims")
            for k, r in d["by_assertor_type"].items():
                t.add_row(k, str(r["claims"]), str(r["primary"]), f"{r['share']:.0%}")
            o = d["official"]
            if o["claims"]:
                t.add_row("government+court+IO", str(o["claims"]), str(o["primary"]), f"{o['share']:.0%}")
            out.print(t)
            t = _table("assertor type", "assertor", "claim", "sources", "file", title="claims without a primary source")
            for m in d["without_primary"]:
                t.add_row(
                    m["assertor_type"], m["assertor"] or "", m["claim"][:70], ", ".join(m["sources"]), m["origin"]
                )
            out.print(t)

        _out(ctx, as_json, doc, render_sources)
        return

    if coverage:

        def render_coverage(d: dict[str, Any]) -> None:
            out.print(", ".join(f"{k}: {n}" for k, n in d["by_level"].items()))
            t = _table("group", "deepest level", "reached", "province", "conf", "named people")
            for r in d["groups"]:
                prov = r["province"]["name"] if r["province"] else ""
                people = ", ".join(r["people"][:3]) + (f" +{len(r['people']) - 3}" if len(r["people"]) > 3 else "")
                t.add_row(
                    r["name"],
                    r["level"],
                    (r["deepest"] or {}).get("name", ""),
                    prov,
                    str(r["confidence"] or ""),
                    people,
                )
            out.print(t)

        _out(ctx, as_json, doc, render_coverage)
        return

    def render(d: dict[str, Any]) -> None:
        tot = d["totals"]
        out.print(f"{tot['entities']} entities, {_claim_counts(d)}, {tot['sources']} sources, {tot['names']} names")
        t = _table("kind", "n", title="entities by kind")
        for k, n in d["entities"].items():
            t.add_row(k, str(n))
        out.print(t)
        t = _table("predicate", "n", title="accepted claims by predicate")
        for k, n in d["predicates"].items():
            t.add_row(k, str(n))
        out.print(t)

    _out(ctx, as_json, doc, render)


@app.command()
def check(
    ctx: typer.Context,
    integrity: Annotated[
        bool, typer.Option("--integrity", help="Also SQLite's integrity check, dangling references, the merge state")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Vocabulary, dangling references, unsourced claims, contradictions with the gazetteer, ambiguous names."""
    with _kb(ctx, as_json) as kb:
        doc = kb.check(integrity=integrity)

    def render(d: dict[str, Any]) -> None:
        if not d["findings"]:
            out.print("no findings")
        for f in d["findings"]:
            colour = {"error": "red", "contradiction": "yellow", "warning": "magenta"}.get(f["severity"], "white")
            out.print(f"[{colour}]{f['severity']}[/{colour}] {f['kind']}: {f['message']}")
            side = f.get("source_side")
            if side and side.get("evidence"):
                out.print(f"    source: {side['evidence']!r} ({', '.join(side['sources'])})")

    _out(ctx, as_json, doc, render)
    if not doc["ok"]:
        raise typer.Exit(1)


@app.command()
def vocab(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The entity kinds and the predicates with their domain and range."""
    doc = {
        "kinds": KIND_CLASSES,
        "predicates": [{"name": p.name, "domain": p.domain, "range": p.range, "doc": p.doc} for p in PREDICATE_LIST],
    }

    def render(d: dict[str, Any]) -> None:
        for cls, ks in d["kinds"].items():
            out.print(f"[bold]{cls}[/bold]: {', '.join(ks)}")
        t = _table("predicate", "domain", "range", "meaning")
        for p in d["predicates"]:
            t.add_row(p["name"], p["domain"], p["range"], p["doc"])
        out.print(t)

    _out(ctx, as_json, doc, render)


@app.command("consensus")
def consensus_cmd(
    ctx: typer.Context,
    name: str,
    with_: Annotated[str | None, typer.Option("--with", help="Only facts that also name this entity")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Independent voices behind each fact about NAME, by kind of assertor, with a documented score."""
    with _kb(ctx, as_json) as kb:
        doc = kb.consensus(name, with_)

    def render(d: dict[str, Any]) -> None:
        if not d["facts"]:
            other = f" and {d['with']['name']}" if d["with"] else ""
            out.print(f"No claim{_by(ctx)} states a fact about {d['entity']['name']}{other}.")
            return
        t = _table("fact", "score", "voices", "by type", "earliest", "latest", "circular")
        for f in d["facts"]:
            obj = f["object"].get("name") or f["object"].get("value")
            names = "; ".join(f"{a['name']} ({a['type']})" for a in f["assertors"])
            denied = f" [red]denied by {len(f['denied_by'])}[/red]" if f["denied_by"] else ""
            t.add_row(
                f"{f['subject']['name']} {f['predicate']} {obj}{denied}",
                f"{f['score']:.2f}",
                names,
                ", ".join(f"{k} {n}" for k, n in f["by_type"].items()),
                f["earliest"] or "",
                f["latest"] or "",
                "; ".join(f"{c['assertor']} repeats {c['repeats']}" for c in f["circular"]),
            )
        out.print(t)

    _out(ctx, as_json, doc, render)


@app.command("contested")
def contested_cmd(
    ctx: typer.Context,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", help="negation, value, equivalence, reference or ownership (repeatable or comma-separated)"
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Facts that sources deny, attributes given different values, denied equivalences, reference conflicts."""
    with _kb(ctx, as_json) as kb:
        doc = kb.contested(kind)

    def render(d: dict[str, Any]) -> None:
        if not d["items"]:
            out.print("nothing contested")
        for it in d["items"]:
            if it["kind"] == "reference":
                out.print(f"[yellow]reference[/yellow] {it['message']}")
                continue
            if it["kind"] == "ownership":  # who runs an organisation: a side per body, with the claims behind it
                out.print(f"[yellow]ownership[/yellow] who runs {it['subject']['name']}")
                for side in it["sides"]:
                    said = "; ".join(
                        f"{x['assertor'] or '?'}: {x['predicate']}, {', '.join(x['sources'])}" for x in side["claims"]
                    )
                    out.print(f"    side: {', '.join(b['name'] for b in side['bodies'])} ({said})")
                continue
            obj = (
                it.get("object", {}).get("name") or it.get("object", {}).get("value") or ", ".join(it.get("values", []))
            )
            out.print(f"[yellow]{it['kind']}[/yellow] {it['subject']['name']} {it['predicate']} {obj}")
            for label in ("asserted", "denied", "sides"):
                for s in it.get(label, []):
                    src = ", ".join(x["title"] or x["id"] for x in s["sources"])
                    val = f" = {s['value']}" if s.get("value") else ""
                    out.print(
                        f"    {label}: {s['voice'] or s['assertor'] or '?'}{val} ({s['published'] or 'undated'}; {src})"
                    )

    _out(ctx, as_json, doc, render)


@app.command("timeline")
def timeline_cmd(ctx: typer.Context, name: str, as_json: JsonOpt = False) -> None:
    """Dated events about NAME, and the lag from its first operation to attribution, indictment and sanction."""
    with _kb(ctx, as_json) as kb:
        doc = kb.timeline(name)

    def render(d: dict[str, Any]) -> None:
        if not d["events"]:  # an empty table and three lags of none said nothing about why
            out.print(f"no dated events about {d['entity']['name']} in the data{_by(ctx)}")
            return
        t = _table("date", "kind", "event", "assertor", title=f"timeline of {d['entity']['name']}")
        for e in d["events"]:
            t.add_row(e["date"] or "undated", e["kind"], e["event"], e["assertor"] or "")
        out.print(t)
        for label, lag in d["lags"].items():
            days, undated = lag["days_after_first_operation"], lag.get("undated", 0)
            when = lag["date"] or ("undated in the data" if undated else "none in the data")
            # a response that came before the first operation the data dates (the MSS: attributions of 2018,
            # its first dated operation of 2021) is so many days before it, not "-743 days after"
            notes = (
                []
                if days is None
                else [f"{days} days after the first operation"]
                if days >= 0
                else [f"{-days} days before the first operation the data dates, {d['first_operation']}"]
            )
            notes += [f"{undated} more undated"] if lag["date"] and undated else []
            out.print(f"{label.replace('_', ' ')}: {when}" + (f" ({'; '.join(notes)})" if notes else ""))

    _out(ctx, as_json, doc, render)


@app.command("diff")
def diff_cmd(
    ctx: typer.Context,
    start: Annotated[
        str, typer.Option("--from", metavar="DATE", help="From (exclusive; a year or month: after its end)")
    ],
    end: Annotated[str, typer.Option("--to", metavar="DATE", help="To (inclusive; a year or month: up to its end)")],
    as_json: JsonOpt = False,
) -> None:
    """What became known between two dates: claims first published in (FROM, TO]."""
    with _kb(ctx, as_json) as kb:
        doc = kb.diff(start, end)

    def render(d: dict[str, Any]) -> None:
        if not d["claims"]:
            out.print(f"No claim was first published after {d['from']}, up to {d['to']}.")
            return
        t = _table("date", "statement", "assertor", title=f"published after {d['from']}, up to {d['to']}")
        for c in d["claims"]:
            obj = c["object"].get("name") or c["object"].get("value")
            t.add_row(
                c["date"],
                f"{c['subject']['name']} {'NOT ' if c['negated'] else ''}{c['predicate']} {obj}",
                c["assertor"] or "",
            )
        out.print(t)

    _out(ctx, as_json, doc, render)


@app.command("theses")
def theses_cmd(
    ctx: typer.Context,
    country: Annotated[str, typer.Option(help="The state whose apparatus is tested")] = "China",
    as_json: JsonOpt = False,
) -> None:
    """The seeds' theses tested on the data: provincial reach, specialisation, provincial naming."""
    with _kb(ctx, as_json) as kb:
        doc = kb.theses(country)

    def render(d: dict[str, Any]) -> None:
        for th in d["theses"]:
            out.rule(th["thesis"])
            out.print(th["answer"])
            if isinstance(th.get("entities"), dict) and "provincial" in th["entities"]:
                prov = th["entities"]["provincial"]
                out.print(
                    "provincial: " + ", ".join(f"{x['name']} ({', '.join(x['provinces']) or 'bureau'})" for x in prov)
                )
            if th.get("provinces"):
                for p, v in th["provinces"].items():
                    actors = v["groups_and_operations"]
                    more = f" and {len(actors) - 6} more" if len(actors) > 6 else ""  # never cut silently
                    out.print(
                        f"  {p}: {len(v['targets'])} targets, {v['unique_share']:.0%} its own; "
                        f"via {', '.join(actors[:6])}{more}"
                    )
            for c in th.get("caveats", []):
                out.print(f"  [dim]caveat: {c}[/dim]")

    _out(ctx, as_json, doc, render)


TOUR_GROUP = "APT31"
TOUR_PROVINCE = "Hubei"


@app.command()
def tour(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """A short tour of the knowledge base: counts by kind, the chain for APT31, the Hubei profile."""
    doc: dict[str, Any] = {}
    with _kb(ctx, as_json) as kb:
        doc["stats"] = kb.stats()
        for key, call, name in (("chain", kb.chain, TOUR_GROUP), ("province", kb.province, TOUR_PROVINCE)):
            try:
                doc[key] = call(name)
            except CyberstateError as e:  # a store built from other data may not hold them
                doc[key] = _error_doc(e)
    if as_json or ctx.obj.json:
        _emit_json(doc)
        return
    s = doc["stats"]
    out.rule("cyberstate tour")
    out.print(
        f"{s['totals']['entities']} entities, {_claim_counts(s)}, {s['totals']['sources']} sources. "
        "By kind: " + ", ".join(f"{k} {n}" for k, n in s["entities"].items())
    )
    for key, command, name in (("chain", chain, TOUR_GROUP), ("province", province, TOUR_PROVINCE)):
        out.rule(f"cyberstate {key} {name}")
        if "error" in doc[key]:
            out.print(doc[key]["error"]["message"])
        else:
            ctx.invoke(command, ctx=ctx, name=name, as_json=False)


class _Signalled(BaseException):
    """Raised by the SIGINT/SIGTERM handlers: a BaseException, so no `except Exception` swallows it, and it
    unwinds through every open transaction (each rolls back) to the edge in `main`."""

    def __init__(self, name: str, code: int) -> None:
        from cyberstate.store.sqlite import COMMITS

        self.name, self.code, self.commits = name, code, COMMITS[0]


def _on_signal(signum: int, _frame: object) -> None:
    if signum == signal.SIGTERM:
        raise _Signalled("SIGTERM", 143)
    raise _Signalled("Ctrl-C", 130)


# ------------------------------------------------------------------------------ exchange formats (issue 15)
# `export stix|graphml|csv` join `export decisions` on the one `export` group defined above.

MarkingOpt = Annotated[
    str | None, typer.Option("--marking-max", metavar="TLP", help="Leave out what is marked above this TLP level")
]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Only what had been published by then")]
EntityOpt = Annotated[
    list[str] | None, typer.Option("--entity", metavar="NAME", help="Only these entities and their claims (repeatable)")
]


def _writable(ctx: typer.Context, as_json: bool, path: Path, *, directory: bool = False) -> None:
    """Refuse, before anything is read or written, an output whose folder does not exist (no folder is
    created) or that names a folder where a file is written, or a file where a folder is: one line, exit 1.
    Every command that writes a file (`export ...`, `report`) asks this first."""
    parent = path.parent
    why = None
    if not parent.is_dir():
        why = f"no such folder {parent}" if not parent.exists() else f"{parent} is not a folder"
    elif directory and path.exists() and not path.is_dir():
        why = "it is a file: give a folder to write the CSV files into"
    elif not directory and path.is_dir():
        why = "it is a folder: give the file to write"
    if why is not None:  # in the words of every write error (`_atomic`)
        _fail(CyberstateError(f"cannot write {path} ({why})"), as_json or ctx.obj.json)


def _export_as_of(ctx: typer.Context, as_json: bool, as_of: str | None) -> str | None:
    """The date of an export: its own --as-of or the global one; two different dates are refused (the
    export's own one won silently)."""
    given = ctx.obj.as_of
    if as_of is not None and given is not None and as_of != given:
        _fail(CyberstateError(f"--as-of {given} and --as-of {as_of}: give one date"), as_json or ctx.obj.json)
    return as_of or given


@contextmanager
def _atomic(path: Path, *, directory: bool = False) -> Iterator[Path]:
    """Write to a temporary name beside the target and move it into place only when complete. A folder that
    exists keeps what else it holds: only the files written replace theirs."""
    import shutil

    tmp = path.with_name(f".{path.name}.part")
    try:
        yield tmp
        if directory and path.is_dir():
            for f in sorted(tmp.iterdir()):
                f.replace(path / f.name)
        else:
            tmp.replace(path)
    except OSError as e:  # named by the file asked for, not by the temporary one beside it
        if e.filename is not None and not str(e.filename).startswith((str(tmp), str(path))):
            raise
        raise CyberstateError(f"cannot write {path} ({e.strerror or e})") from None
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp.exists():
            tmp.unlink()


def _counting(ctx: typer.Context, as_json: bool, what: str) -> Any:
    from rich.progress import Progress, SpinnerColumn, TextColumn

    quiet = as_json or ctx.obj.json or not err.is_terminal
    return Progress(SpinnerColumn(), TextColumn(what + " {task.completed} objects"), console=err.real(),
                    disable=quiet, transient=True)  # fmt: skip


@export_app.command("stix")
def export_stix(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="The bundle file to write")],
    marking_max: MarkingOpt = None,
    as_of: AsOfOpt = None,
    entity: EntityOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A STIX 2.1 bundle of the accepted knowledge: TLP 2.0 markings, UUIDv5 ids, provenance extension."""
    from cyberstate.exchange.stix_export import iter_serialised, write_bundle

    _writable(ctx, as_json, output)
    as_of = _export_as_of(ctx, as_json, as_of)
    with _kb(ctx, as_json) as kb, _counting(ctx, as_json, "export") as bar, _atomic(output) as tmp:
        task = bar.add_task("export", total=None)
        objects = iter_serialised(kb, marking_max=marking_max, as_of=as_of, entities=entity)
        with tmp.open("w", encoding="utf-8") as f:
            report = write_bundle(objects, f, lambda n: bar.update(task, completed=n))
    doc = {"file": str(output), **report.as_dict()}

    def render(d: dict[str, Any]) -> None:
        kinds = ", ".join(f"{t} {n}" for t, n in d["types"].items())
        out.print(f"wrote {d['objects']} STIX objects to {d['file']} ({d['bundle']}): {kinds}")

    _out(ctx, as_json, doc, render)


@export_app.command("graphml")
def export_graphml(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="The GraphML file to write")],
    marking_max: MarkingOpt = None,
    as_of: AsOfOpt = None,
    entity: EntityOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The claim graph as GraphML (Gephi, yEd, networkx): entities as nodes, claims as edges."""
    from cyberstate.exchange.tables import write_graphml

    _writable(ctx, as_json, output)
    as_of = _export_as_of(ctx, as_json, as_of)
    with _kb(ctx, as_json) as kb, _atomic(output) as tmp, tmp.open("w", encoding="utf-8") as f:
        report = write_graphml(kb, f, as_of=as_of, marking_max=marking_max, entities=entity)
    doc = {"file": str(output), **report.as_dict()}

    def render(d: dict[str, Any]) -> None:
        out.print(f"wrote {d['rows']['nodes']} nodes, {d['rows']['edges']} edges to {d['file']}")

    _out(ctx, as_json, doc, render)


@export_app.command("csv")
def export_csv(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="The directory to write the four files into")],
    marking_max: MarkingOpt = None,
    as_of: AsOfOpt = None,
    entity: EntityOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """entities.csv, aliases.csv, claims.csv and sources.csv (columns in docs/exchange.md)."""
    from cyberstate.exchange.tables import write_csv

    _writable(ctx, as_json, output, directory=True)
    as_of = _export_as_of(ctx, as_json, as_of)
    with _kb(ctx, as_json) as kb, _atomic(output, directory=True) as tmp:
        report = write_csv(kb, tmp, as_of=as_of, marking_max=marking_max, entities=entity)
    doc = {"directory": str(output), "rows": report.rows, "files": [str(output / Path(f).name) for f in report.files]}

    def render(d: dict[str, Any]) -> None:
        out.print(f"wrote {d['directory']}: " + ", ".join(f"{k}.csv {n} rows" for k, n in d["rows"].items()))

    _out(ctx, as_json, doc, render)


@import_app.command("stix")
def import_stix(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A STIX 2.1 bundle (JSON)")],
    as_json: JsonOpt = False,
) -> None:
    """Import a STIX 2.1 bundle (OpenCTI, MISP, ATT&CK, cyberstate) in one transaction, streamed."""
    from cyberstate.exchange.stix_import import import_bundle

    if not file.is_file():
        why = "a folder, not a file: give the bundle's file" if file.is_dir() else "no such file"
        _fail(CyberstateError(f"{file}: {why}"), as_json or ctx.obj.json)
    with _kb(ctx, as_json, create=True) as kb, _step_bar(as_json or ctx.obj.json) as progress:
        report = import_bundle(kb.store, file, progress).as_dict()

    def render(r: dict[str, Any]) -> None:
        out.print(
            f"imported {r['file']} ({r['bundle']}): {r['objects']} objects; wrote {r['entities']} entities, "
            f"{r['claims']} claims, {r['sources']} sources; source of record {r['source']}"
        )
        if r["skipped"]:
            out.print("skipped: " + ", ".join(f"{k} {n}" for k, n in r["skipped"].items()))

    _out(ctx, as_json, report, render)


@app.command()
def taxii(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 9500,
    as_json: ServerJsonOpt = False,
) -> None:
    """Serve the knowledge over TAXII 2.1 (read only): discovery, collections per TLP level, objects."""
    from cyberstate.taxii import create_app

    c: Ctx = ctx.obj
    try:
        application = create_app(c.db, as_of=c.as_of)
        _can_listen(host, port)
    except CyberstateError as e:
        _fail(e, as_json or c.json)
    err.print(f"TAXII 2.1 server on http://{host}:{port}/taxii2/ (Ctrl-C stops it)")
    _run_server(application, host, port)


def _can_listen(host: str, port: int) -> None:
    """Refuse, in one line before the server says it is up, an address it cannot listen on (the port taken,
    an address not of this machine); uvicorn printed the address as served and then failed."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as e:
        raise CyberstateError(f"cannot listen on {host}:{port} ({e.strerror or e})") from None


def _run_server(application: object, host: str, port: int) -> None:
    """Serve until Ctrl-C or SIGTERM, which is how a server is meant to stop: exit 0 with one line.

    uvicorn shuts down gracefully on the signal and then raises it again for the handler it found, which is
    `main`'s; that would report a rolled-back write, which a read-only server never had."""
    import uvicorn

    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    except _Signalled as s:
        err.print(f"stopped by {s.name}", highlight=False)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
    as_json: ServerJsonOpt = False,
) -> None:
    """Serve the workbench (pages and the JSON API under /api/) until interrupted."""
    from cyberstate.web.server import build_app, warm

    with _kb(ctx, as_json) as kb:
        _can_listen(host, port)
        app_ = build_app(kb)
        warm(kb)
        err.print(f"cyberstate workbench on http://{host}:{port}/  (Ctrl-C stops it)", highlight=False)
        _run_server(app_, host, port)


@app.command()
def report(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="An entity or province: any name, alias or id")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write")],
    as_json: JsonOpt = False,
) -> None:
    """Write an entity's or a province's dossier as one self-contained HTML file."""
    from cyberstate.web.app import Workbench

    _writable(ctx, as_json, output)
    with _kb(ctx, as_json) as kb:
        html = Workbench(kb).dossier_html(name, ctx.obj.as_of, standalone=True)
    data = html.encode("utf-8")
    with _atomic(output) as tmp:
        tmp.write_bytes(data)
    doc = {"file": str(output), "bytes": len(data)}
    _out(ctx, as_json, doc, lambda d: err.print(f"wrote {d['file']} ({d['bytes'] // 1024} KiB)", highlight=False))


def main() -> None:
    """The one edge where every error becomes one line (and one JSON document with --json)."""
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    want_json = "--json" in sys.argv[1:]
    try:
        if want_json:
            _json_main()
        app()  # exits itself on success and on usage errors (with the parser's own message)
    except _Signalled as s:  # every open transaction has rolled back on the way here
        code = _report(Interrupted(s.name, s.code, committed=s.commits > 0), want_json)
    except CyberstateError as e:
        code = _report(e, want_json)
    except Exception as e:  # a foreign error a user can cause: named by its cause, in one line
        known = from_foreign(e)
        if known is None:  # a bug of ours: the traceback is what a developer needs
            raise
        code = _report(known, want_json)
    sys.exit(code)


def _json_main() -> None:
    """The app run for `--json`: a usage error (a missing argument, a value of the wrong type, an unknown
    command or option) is also one `{"error": {"type": "UsageError", "message"}}` document on stdout, as
    every other error is; the parser printed its message alone, and stdout held nothing to read. Exit 2,
    as without --json. A group given no command (`cyberstate --json import`) is such an error too ("Missing
    command."), not its help on stdout: under --json every group is told not to answer no arguments with help."""
    command = typer.main.get_command(app)
    groups = [command]
    while groups:
        group = groups.pop()
        if hasattr(group, "commands"):  # a group (typer's copy of click's)
            group.no_args_is_help = False
            groups.extend(group.commands.values())
    try:
        code = command.main(args=sys.argv[1:], prog_name="cyberstate", standalone_mode=False)
    except typer.Abort:
        sys.exit(1)
    except typer.TyperException as e:  # the parser's errors (typer's own copy of click's ClickException)
        if not hasattr(e, "format_message"):
            raise
        ctx, names = getattr(e, "ctx", None), []
        while ctx is not None and ctx.parent is not None:  # the command as typed, whatever ran the program
            names.append(ctx.info_name)
            ctx = ctx.parent
        where = " ".join(["cyberstate", *reversed(names)])
        _emit_json({"error": {"type": "UsageError", "message": one_line(f"{where}: {e.format_message()}")}})
        e.show()  # type: ignore[attr-defined]
        sys.exit(getattr(e, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)


def _report(e: CyberstateError, want_json: bool) -> int:
    try:
        _fail(e, want_json)
    except typer.Exit as x:
        return int(x.exit_code)
    return 1


if __name__ == "__main__":
    main()
