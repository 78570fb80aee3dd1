"""Extraction speed: mention finding and full extraction at growing sizes, beside spaCy's PhraseMatcher
on the same names and text, the peak memory of each size, and `ingest DIR` on one and two processes.

The gazetteer is every name of a knowledge base built like `make run` (curated data and the MISP galaxy).
The text is 250 kB of the seed articles and galaxy descriptions, repeated to each size. Mention finding
runs at 1, 5 and 50 MB; full extraction (mentions, sentences, statements, read window by window through
`iter_extract`, the statements counted and dropped as a stream would) at the sizes given with `--full`
(default 1, 5 and 10 MB): time per MB that stays flat as the size grows shows time linear in the text.
Each size runs in a process of its own; its peak memory (VmHWM, reset when the run starts) is printed
beside the memory held before it started (the gazetteer and the text itself): "working" is the difference.
A size of mention finding is called `MENTION_CALLS` times in its process, and the median printed with the
first call's time: one call of 1 MB is too short a sample on a shared machine (see `MENTION_CALLS`).

spaCy is the peer: a blank English pipeline (tokenizer only) with a case-insensitive PhraseMatcher
(attr="LOWER") over the same names, on the same 5 MB in the same process (install it with
`pip install -e '.[bench]'`). Both sides are built, run once untimed (warm), then run `--repeat` times
(default 5) in turn, ours then theirs; the ratio is that of the medians, of CPU time and of wall time.
What each side does: ours folds case and quotes, finds every stored name and its spellings on word
boundaries, applies the case rules (acronyms in capitals...) and returns leftmost-longest mentions with
their entities; the PhraseMatcher tokenises the text (`make_doc`) and returns every (overlapping) match
of a lower-cased token sequence as (id, start, end), with no case rule and no entity.

The machine may be shared: every time is given as CPU time (this process; with its workers for
`--ingest`) beside wall time, with the load average before and after. MB/s figures are per CPU second
(per core). `--documents` also times full extraction of the real documents `bench/identity.py` compares
(the evaluation set's dev split, the gold set, the seed articles, the sources' texts and 300 galaxy descriptions), each
read as a document of its own, in one process after one untimed run, the median of `--repeat` runs:
the repeated 250 kB repeats its gaps between names, and the frames keep the answers for short gaps, so
it does not show what a text that never repeats costs. `--ingest` times `ingest DIR --workers 1` and
`--workers N` (N = `--workers`, default every core) on the evaluation, gold and seed documents, each four
times (`--copies N`: N times; told apart by a last line), each run into a fresh copy of the store, and
prints documents per second and the ratio, with the CPU time of the parent and of the workers: the
kernel shares the cores between sessions (`sched_autogroup_enabled`), so on a busy machine two workers
get a session's share as one does, and the wall-time ratio shows the load; the split of the CPU time
shows what the code leaves serial (the parent's writes and the merge pass) and what the workers add.
`--stages` prints where full extraction of the real documents spends its CPU time: mention finding,
the people, the sentence split and the relation step (its sentences that yield a statement and the others;
within it the frames and the cue hits), each timed by a wrapper around its function, the rest being the
window's own work (citations, markup, the sieve's scan, denials).
`--against DIR` compares this code with another checkout's (DIR/src: main's worktree, a commit checked out
elsewhere) in the same run, as the machine's load moves a figure by a fifth from one minute to the next:
full extraction of the real documents (and of the repeated text at each `--full` size), each side in a
fresh process, the two sides taking turns `--rounds` times (default 3); each process times `--repeat` warm
runs and keeps the least CPU time; each side's median over the rounds, and their ratio, are printed with
the load. Both sides read the same store, built by this checkout's code.
Figures printed, never asserted. `--help` prints this text; an argument that is no option here stops the
run with a one-line error before anything is built.

    .venv/bin/python bench/extract.py [--full 1,5,10] [--mentions 1,5,50] [--repeat 5] [--documents]
        [--stages] [--ingest [--workers N] [--copies N]] [--against DIR [--rounds N]]
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from cyberstate import KnowledgeBase
from cyberstate.extract import Gazetteer
from cyberstate.extract.core import country_mentions, iter_extract

MB = 1_000_000


UNIT = 250_000


def corpus(kb: KnowledgeBase, size: int = 4 * MB) -> str:
    """The seed articles and galaxy descriptions: a fixed 250 kB of them, repeated to the size, so every
    size holds the same kind of text and time per MB compares across sizes."""
    parts = [s.text for s in kb.store.iter_sources() if s.text]
    parts += [a["description"] for a in kb.store.entity_attrs().values() if a.get("description")]
    one = ("\n\n".join(parts) + "\n\n")[:UNIT]
    one = one[: one.rfind("\n\n") + 2]  # whole paragraphs
    return (one * (size // max(1, len(one)) + 1))[:size]


def timed(fn: Callable[..., Any], *args: Any) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) of one call."""
    c, w = time.process_time(), time.perf_counter()
    fn(*args)
    return time.process_time() - c, time.perf_counter() - w


def _arg(flag: str, default: str) -> str:
    args = sys.argv[1:]
    return args[args.index(flag) + 1] if flag in args else default


def _sizes(flag: str, default: str) -> list[float]:
    return [float(x) for x in _arg(flag, default).split(",") if x]


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _status_mb(field: str) -> float:
    """A memory figure of this process (Linux: VmRSS now, VmHWM its peak since the last reset), in MB."""
    with open("/proc/self/status") as f:
        line = next(x for x in f if x.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def _reset_peak() -> None:
    """Start the peak (VmHWM) from the memory held now, so it measures one run (Linux clear_refs)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _measure(db: str, kind: str, size: float, calls: int = 1) -> tuple[float, float, float, float, int, float]:
    """(CPU seconds, wall seconds, peak MB, MB held before the run, items found, CPU seconds of the first
    call) for one kind and size, in its own process: the median of `calls` calls one after the other, the
    first among them (see `MENTION_CALLS`)."""
    with KnowledgeBase.open(db) as kb:
        gazetteer = Gazetteer.from_store(kb.store)
        countries = country_mentions(kb.store)
        text = corpus(kb, int(size * MB))
    held = _status_mb("VmRSS")
    _reset_peak()
    cpus: list[float] = []
    walls: list[float] = []
    n = 0
    for _ in range(calls):
        c, t = time.process_time(), time.perf_counter()
        if kind == "mentions":
            n = len(gazetteer.find(text))
        else:
            n = sum(len(part.claims) for part in iter_extract(text, gazetteer, countries))
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - t)
    return statistics.median(cpus), statistics.median(walls), _status_mb("VmHWM"), held, n, cpus[0]


def _in_process(db: Path, kind: str, size: float, calls: int = 1) -> tuple[float, float, float, float, int, float]:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_measure, str(db), kind, size, calls).result()


#: How many calls the line of each size of mention finding times, one after the other in the size's own
#: process, printing their median and the first call's time beside it. One call of 1 MB takes a tenth of a
#: second, and on this shared machine the CPU time of the same call ran from 0.077 to 0.132 s at a load
#: average of 6 (other work on the same cores, their caches and memory bus): the single call printed 14.36
#: MB/s at 1 MB and 8.74 at 5 MB in one round's run, 8.11 and 12.87 in the next round's, the sizes changing
#: places. A first call costs little more than the next (valgrind: 375.2 M instructions for the first call
#: of 1 MB, 368.7 M for the next, 370.7 M a megabyte for the first of 5 MB): it stays in the median as one
#: of the calls, and its time is printed beside it. Full extraction takes seconds a megabyte: one call.
MENTION_CALLS = 5


#: How many times `--ingest` reads each document (`--copies N`): more copies, a longer run, in which the
#: serial parts (the parent's writes, the merge pass at the end) weigh less.
COPIES = 4


def _cpu_with_children() -> tuple[float, float]:
    """CPU seconds of this process, and of its finished child processes (the ingest workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _ingest(db: Path, tmp: Path) -> None:
    """`ingest DIR` of the evaluation, gold and seed documents on one and on `--workers` processes."""
    docs = tmp / "docs"
    docs.mkdir()
    root = Path(__file__).resolve().parents[1]
    n = 0
    sys.path.insert(0, str(root / "tests"))
    from evalset import HELD  # the held-out batches: no code runs on them but the scoring (bench/identity.py)

    dev = sorted((root / "tests/data/eval").glob("dev/*.yaml"))
    texts = [yaml.safe_load(p.read_text())["text"] for p in dev if p.stem not in HELD]
    texts += [p.read_text() for p in sorted((root / "tests/data/gold").rglob("*.txt"))]
    texts += [p.read_text() for p in sorted((root / "data/texts").glob("*.txt"))]  # the two seed articles
    for copy in range(int(_arg("--copies", str(COPIES)))):  # each document several times, told apart by a last line
        for text in texts:
            (docs / f"{n:04d}.txt").write_text(f"{text}\n\nCopy {copy + 1}.\n")
            n += 1
    size = sum(p.stat().st_size for p in docs.iterdir()) / MB
    many = int(_arg("--workers", "0")) or (os.cpu_count() or 1)
    took: dict[int, float] = {}
    parent: dict[int, float] = {}
    print(_load())
    for workers in (1, many):
        copy = tmp / f"ingest-{workers}.db"
        shutil.copy(db, copy)
        with KnowledgeBase.open(copy) as kb:
            kb.gazetteer()  # built before the clock starts, as a long-running ingest would have it
            (c, k), t = _cpu_with_children(), time.perf_counter()
            out = kb.ingest([docs], workers=workers)
            took[workers] = time.perf_counter() - t
            c1, k1 = _cpu_with_children()
            parent[workers], kids = c1 - c, k1 - k
        done = sum(1 for d in out["documents"] if d["status"] == "ingested")
        total = parent[workers] + kids
        print(
            f"ingest {n} documents ({size:.2f} MB) --workers {workers}: {took[workers]:6.1f} s wall, "
            f"{total:6.1f} s CPU (all processes: the parent {parent[workers]:.1f}, the workers {kids:.1f}), "
            f"{done / took[workers]:5.2f} documents/s; {_load()}"
        )
        if workers > 1:
            # the parent's CPU is the serial part (writes, the merge pass); the workers' is shared out
            print(
                f"  {kids / total:.0%} of the CPU time on the workers; the parent's {parent[workers]:.1f} s (its "
                f"writes, the merge pass) is the serial part; CPU time of all processes {total / parent[1]:.2f}x "
                f"one worker's"
            )
    print(f"ratio --workers {many} / --workers 1 (wall): {took[1] / took[many]:.2f}x on {os.cpu_count()} cores")


def _documents(db: Path, repeat: int) -> tuple[int, float, list[float], int]:
    """(documents, MB, CPU seconds of each timed run, statements) of full extraction of the documents
    `bench/identity.py` compares, each on its own, in its own process."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from identity import prepared  # the same documents the output is kept identical on

    gazetteer, countries, by_name = prepared(db)
    docs = list(by_name.values())

    def run() -> int:
        return sum(len(part.claims) for d in docs for part in iter_extract(d, gazetteer, countries))

    n = run()  # warm, as a long ingest would be
    cpu = []
    for _ in range(repeat):
        c = time.process_time()
        run()
        cpu.append(time.process_time() - c)
    return len(docs), sum(map(len, docs)) / MB, cpu, n


#: The stages `--stages` times: (label, module, function); a relation step's sentence is counted as
#: productive when it yields a statement. The frames and the cue hits run inside the relation step.
_STAGES = [
    ("mentions (names, proposals, abbreviations)", "cyberstate.extract.core", "mentions"),
    ("people named in full, then by a short name", "cyberstate.extract.people", "with_people"),
    ("sentence split", "cyberstate.extract.core", "sentences"),
    ("relation step", "cyberstate.extract.core", "relations"),
    ("  of it, the frames (frames.py)", "cyberstate.extract.frames", "frames"),
    ("  of it, the cue hits", "cyberstate.extract.relations", "_cue_hits"),
]


def _stages(db: Path, repeat: int) -> list[tuple[str, float, int]]:
    """(stage, CPU seconds, calls) of full extraction of the real documents, the run of least total CPU of
    `repeat`, each stage timed by a wrapper around its function (about a microsecond a call), and the
    total as the first row. Where the time of an extraction goes, so a speed change aims at a stage."""
    import importlib

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from identity import texts  # the same documents the output is kept identical on

    spent: dict[str, float] = {}
    calls: dict[str, int] = {}

    def timed_stage(label: str, fn: Callable[..., Any], split: bool) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            c = time.process_time()
            out = fn(*args, **kwargs)
            if label == "sentence split":
                out = list(out)  # a generator: its work is done when it is read
            key = (label + (", productive sentences" if out else ", sentences without a statement")) if split else label
            spent[key] = spent.get(key, 0.0) + time.process_time() - c
            calls[key] = calls.get(key, 0) + 1
            return out

        return wrapper

    for label, module, name in _STAGES:
        mod = importlib.import_module(module)
        setattr(mod, name, timed_stage(label, getattr(mod, name), name == "relations"))
    with KnowledgeBase.open(db) as kb:
        gazetteer = Gazetteer.from_store(kb.store)
        countries = country_mentions(kb.store)
        docs = list(texts(kb).values())

    def run() -> float:
        spent.clear()
        calls.clear()
        c = time.process_time()
        for d in docs:
            for _ in iter_extract(d, gazetteer, countries):
                pass
        return time.process_time() - c

    run()
    best: list[tuple[str, float, int]] = []
    for _ in range(repeat):
        total = run()
        if not best or total < best[0][1]:
            best = [(f"total ({sum(map(len, docs)) / MB:.2f} MB, {len(docs)} documents)", total, len(docs))]
            best += sorted(((k, v, calls[k]) for k, v in spent.items()), key=lambda x: -x[1])
    return best


def _versus_spacy(gazetteer: Gazetteer, names: list[str], text: str, repeat: int) -> None:
    """Mention finding beside spaCy's PhraseMatcher on the same text in this process: both warm, `repeat`
    runs each in turn, medians of CPU and wall time."""
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("peer: spaCy not installed (pip install -e '.[bench]'); no ratio")
        return
    nlp = spacy.blank("en")
    nlp.max_length = len(text) + 1
    t = time.perf_counter()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("NAME", list(nlp.tokenizer.pipe(names)))
    peer_build = time.perf_counter() - t

    def peer(text: str) -> None:
        matcher(nlp.make_doc(text))

    gazetteer.find(text)  # warm: the surface cache and the allocator, as a long run would have them
    peer(text)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(repeat):
        ours.append(timed(gazetteer.find, text))
        theirs.append(timed(peer, text))
    mb = len(text) / MB
    o_cpu, o_wall = (statistics.median(x[i] for x in ours) for i in (0, 1))
    p_cpu, p_wall = (statistics.median(x[i] for x in theirs) for i in (0, 1))
    print(
        f"mention finding on the same {mb:.0f} MB in this process, median of {repeat} warm runs each: "
        f"cyberstate {mb / o_cpu:.2f} MB/s CPU ({mb / o_wall:.2f} wall), spaCy PhraseMatcher (blank 'en', "
        f"tokenising included) {mb / p_cpu:.2f} MB/s CPU ({mb / p_wall:.2f} wall) (matcher built in {peer_build:.2f} s)"
    )
    print(
        f"ratio cyberstate / spaCy for mention finding: {p_cpu / o_cpu:.1f}x CPU, {p_wall / o_wall:.1f}x wall "
        f"(per-run CPU ratios {min(t[0] for t in theirs) / max(o[0] for o in ours):.1f}x at worst); {_load()}"
    )


def _side(db: str, kind: str, size: float, repeat: int) -> None:
    """One side of `--against`, run as `extract.py --side DB KIND SIZE` with the code on PYTHONPATH: prints
    the file of the code it ran, and the least CPU seconds of `repeat` warm runs, as JSON."""
    import cyberstate

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from identity import texts  # the same documents the output is kept identical on

    with KnowledgeBase.open(db) as kb:
        gazetteer = Gazetteer.from_store(kb.store)
        countries = country_mentions(kb.store)
        docs = list(texts(kb).values()) if kind == "documents" else [corpus(kb, int(size * MB))]
    for d in docs:
        for _ in iter_extract(d, gazetteer, countries):
            pass  # warm
    cpu = []
    for _ in range(repeat):
        c = time.process_time()
        for d in docs:
            for _ in iter_extract(d, gazetteer, countries):
                pass
        cpu.append(time.process_time() - c)
    mb = sum(map(len, docs)) / MB
    print(json.dumps({"code": cyberstate.__file__, "cpu": min(cpu), "mb": mb, "documents": len(docs)}))


def _against(db: Path, other: Path, repeat: int) -> None:
    """This code and the code of `other` (a checkout) taking turns, each run in a fresh process."""
    import subprocess

    here = Path(__file__).resolve().parents[1]
    sides = {"this": here / "src", "other": other.resolve() / "src"}
    rounds = int(_arg("--rounds", "3"))
    kinds = [("documents", 0.0)] + [("full", x) for x in _sizes("--full", "1")]
    for kind, size in kinds:
        least: dict[str, list[float]] = {k: [] for k in sides}
        mb = 0.0
        for r in range(rounds):
            for name in sides if r % 2 == 0 else reversed(sides):
                env = {**os.environ, "PYTHONPATH": str(sides[name])}
                cmd = [sys.executable, __file__, "--side", str(db), kind, str(size), str(repeat)]
                out = json.loads(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)
                if not out["code"].startswith(str(sides[name])):
                    raise SystemExit(f"{name}: ran {out['code']}, not the code under {sides[name]}")
                least[name].append(out["cpu"])
                mb = out["mb"]
        what = "real documents" if kind == "documents" else f"{size:g} MB of the repeated text"
        mid = {k: statistics.median(v) for k, v in least.items()}
        each = {k: ", ".join(f"{x:.2f}" for x in v) for k, v in least.items()}
        print(
            f"full extraction of {what} ({mb:.2f} MB), least CPU of {repeat} runs in each of {rounds} processes "
            f"a side: this {mid['this']:.2f} s ({each['this']}), {mb / mid['this']:.2f} MB/s per core; "
            f"{other} {mid['other']:.2f} s ({each['other']}), {mb / mid['other']:.2f} MB/s; "
            f"ratio {mid['other'] / mid['this']:.2f}x (of the least of all: "
            f"{min(least['other']) / min(least['this']):.2f}x); {_load()}"
        )


#: The options and whether each takes a value: anything else is refused before the store is built, as a run
#: that ignored a mistyped option would print figures of another benchmark than the one asked for.
_OPTIONS = {
    "--full": True,
    "--mentions": True,
    "--repeat": True,
    "--documents": False,
    "--stages": False,
    "--ingest": False,
    "--workers": True,
    "--copies": True,
    "--against": True,
    "--rounds": True,
}


def _unknown(args: list[str]) -> str | None:
    """The first argument that is no option of this benchmark (or an option's missing value), else None."""
    i = 0
    while i < len(args):
        takes = _OPTIONS.get(args[i])
        if takes is None:
            return f"unknown argument {args[i]!r}"
        if takes and i + 1 >= len(args):
            return f"{args[i]} needs a value"
        i += 2 if takes else 1
    return None


def main() -> int:
    if sys.argv[1:2] == ["--side"]:
        db, kind, size, repeat = sys.argv[2:6]
        _side(db, kind, float(size), int(repeat))
        return 0
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
        return 0
    wrong = _unknown(sys.argv[1:])
    if wrong is not None:
        print(f"bench/extract.py: {wrong} (--help lists the options)", file=sys.stderr)
        return 2
    repeat = int(_arg("--repeat", "5"))
    print(f"{os.cpu_count()} cores; {_load()}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with KnowledgeBase.open(db, create=True) as kb:
            kb.load()
            kb.import_galaxy()
        if "--against" in sys.argv:
            _against(db, Path(_arg("--against", "")), repeat)
            return 0
        with KnowledgeBase.open(db) as kb:
            t = time.perf_counter()
            gazetteer = Gazetteer.from_store(kb.store)
            build = time.perf_counter() - t
            names = sorted({h.name for h in kb.store.iter_names()})
            text5 = corpus(kb, 5 * MB)
        print(f"gazetteer: {gazetteer.size} keys from {len(names)} names, built in {build:.2f} s")
        _versus_spacy(gazetteer, names, text5, repeat)
        del gazetteer, text5
        for kind, sizes in (("mentions", _sizes("--mentions", "1,5,50")), ("full", _sizes("--full", "1,5,10"))):
            for size in sizes:
                calls = MENTION_CALLS if kind == "mentions" else 1
                cpu, took, peak, held, n, first = _in_process(db, kind, size, calls)
                label = "mentions       " if kind == "mentions" else "full extraction"
                print(
                    f"{label} {size:5.1f} MB: {cpu:7.2f} s CPU ({took:7.2f} wall), {cpu / size:6.2f} s CPU per MB, "
                    f"{size / cpu:6.2f} MB/s per core ({size / took:6.2f} wall), "
                    f"peak {peak:5.0f} MB (held before {held:4.0f}, working {peak - held:4.0f}), {n} found"
                    + (f"; median of {calls} calls, the first {first:.2f} s CPU" if calls > 1 else "")
                )
        print(_load())
        if "--documents" in sys.argv:
            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
                count, mb, cpu, n = pool.submit(_documents, db, repeat).result()
            mid = statistics.median(cpu)
            print(
                f"full extraction of {count} real documents ({mb:.2f} MB), each on its own, median of {len(cpu)}: "
                f"{mid:.2f} s CPU ({', '.join(f'{x:.2f}' for x in cpu)}), {mb / mid:.2f} MB/s per core, "
                f"{n} statements; {_load()}"
            )
        if "--stages" in sys.argv:
            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
                rows = pool.submit(_stages, db, repeat).result()
            total = rows[0][1]
            print(
                f"where full extraction of the real documents spends its CPU time (least of {repeat} runs; {_load()}):"
            )
            for label, cpu, n in rows:
                print(f"  {label:62s} {cpu:6.2f} s {100 * cpu / total:5.1f}%  ({n} calls)")
        if "--ingest" in sys.argv:
            _ingest(db, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
