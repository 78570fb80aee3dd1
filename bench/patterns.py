"""Where full extraction's regular-expression time goes, pattern by pattern: every pattern the package compiles
is timed by a wrapper (`search`, `match`, `fullmatch`, `finditer` read to its end, `sub`...), over the documents
`bench/identity.py` compares (never the test split or the held-out batches), each extracted on its own by
`iter_extract` after one untimed pass. Printed: the CPU time of the pass, the time inside `re` and the number of
calls, the costliest patterns by time (or by calls, `--by calls`) with their calls and time per call, and the calls
that repeat an earlier call exactly (the same pattern and method, the same string object, the same span): the
work a cache of answers could save, and where.

The wrapper adds about half a microsecond to each call and is counted outside the patterns' times, so the pass
is slower than without it and the shares are of the wrapped pass. Figures printed, never asserted.

    .venv/bin/python bench/patterns.py [--db PATH] [--top N] [--by time|calls]

`--db`: a store as `make run` builds it before ingesting, built at PATH when missing (as `bench/identity.py` does).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: (pattern's text, method) -> [calls, seconds, repeated calls, seconds of the repeated calls]
_STATS: dict[tuple[str, str], list[float]] = {}
#: The calls made so far in the timed pass, to tell a repeat from a first call.
_SEEN: set[tuple[object, ...]] = set()
_ON = [False]
_COMPILE = re.compile
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Timed:
    """A compiled pattern whose calls are timed; everything else is the pattern's own."""

    __slots__ = ("__weakref__", "_pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def __hash__(self) -> int:
        return hash(self._pattern)

    def __eq__(self, other: object) -> bool:
        return self._pattern == (other._pattern if isinstance(other, _Timed) else other)

    def __repr__(self) -> str:
        return repr(self._pattern)


def _timed(name: str) -> Callable[..., Any]:
    def call(self: _Timed, *args: Any, **kwargs: Any) -> Any:
        if not _ON[0]:
            return getattr(self._pattern, name)(*args, **kwargs)
        start = time.perf_counter()
        out = getattr(self._pattern, name)(*args, **kwargs)
        if name == "finditer":
            out = list(out)  # its work is done as it is read
        took = time.perf_counter() - start
        row = _STATS.setdefault((self._pattern.pattern, name), [0, 0.0, 0, 0.0])
        row[0] += 1
        row[1] += took
        # a long string is told apart by its object (the window), a short one by its value (a gap, a name)
        text = args[0] if args else None
        key = (id(self._pattern), name, id(text) if isinstance(text, str) and len(text) > 200 else text, args[1:])
        if key in _SEEN:
            row[2] += 1
            row[3] += took
        else:
            _SEEN.add(key)
        return iter(out) if name == "finditer" else out

    return call


for _name in _METHODS:
    setattr(_Timed, _name, _timed(_name))


def _compile(pattern: Any, flags: int = 0) -> Any:
    if isinstance(pattern, _Timed):
        return pattern
    return _Timed(_COMPILE(pattern, flags))


re.compile = _compile  # before the package compiles its patterns at import

from cyberstate.extract.core import iter_extract  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from identity import prepared  # noqa: E402  (the documents whose output is kept identical)


def _arg(flag: str, default: str) -> str:
    args = sys.argv[1:]
    return args[args.index(flag) + 1] if flag in args else default


def _rows(top: int, by: int) -> Iterator[str]:
    for (pattern, method), (calls, took, again, again_took) in sorted(_STATS.items(), key=lambda x: -x[1][by])[:top]:
        shown = pattern if len(pattern) <= 70 else pattern[:67] + "..."
        yield (
            f"{took:7.3f} s {int(calls):8d} calls {1e6 * took / calls:7.2f} us  repeated {int(again):6d} "
            f"({again_took:6.3f} s)  {method:9s} {shown!r}"
        )


def main() -> int:
    db = Path(_arg("--db", str(Path(tempfile.gettempdir()) / "identity.db")))
    top, by = int(_arg("--top", "40")), {"time": 1, "calls": 0}[_arg("--by", "time")]
    gazetteer, countries, by_name = prepared(db)
    docs = list(by_name.values())

    def run() -> int:
        return sum(len(part.claims) for d in docs for part in iter_extract(d, gazetteer, countries))

    run()  # warm: the answers the rules keep for short gaps are kept, as in a long ingest
    _ON[0] = True
    cpu = time.process_time()
    statements = run()
    cpu = time.process_time() - cpu
    _ON[0] = False
    inside = sum(row[1] for row in _STATS.values())
    calls = sum(row[0] for row in _STATS.values())
    again = sum(row[2] for row in _STATS.values())
    again_took = sum(row[3] for row in _STATS.values())
    print(
        f"{len(docs)} documents ({sum(map(len, docs)) / 1e6:.2f} MB), {statements} statements: {cpu:.2f} s CPU "
        f"(wrapped), {inside:.2f} s in {int(calls)} calls of {len(_STATS)} patterns and methods; exact repeats "
        f"{int(again)} calls, {again_took:.2f} s"
    )
    for line in _rows(top, by):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
