"""Python's cycle collector, paused while work that makes many short-lived objects and no cycles runs.

Three places pause it: a question of the read model (the claims it reads form no cycles, but every few
thousand of them would start a collection that scans everything the views already hold: at 1M claims
collections, not reading, took most of a first answer), mention finding (with a gazetteer of a hundred
thousand objects alive, each collection walks them all: a quarter of the time), and a STIX export (a few
dicts per object, freed at once). Memory is still freed by reference counting.

The pause is counted, not nested blindly: a server answers questions and exports in several threads at
once, and the collector must come back on only when the last of them ends, and only if it was on before
the first began. One counter for the whole process, so the three cannot undo each other's pause."""

from __future__ import annotations

import gc
import threading

_LOCK = threading.Lock()
_PAUSED = [0, False]  # works under way that paused the collector; whether it was on before the first


class _Paused:
    """The pause as a context manager of its own (no generator to make and drive at every use: mention
    finding and each window of an extraction enter it, thousands of times for a directory of short texts)."""

    __slots__ = ()

    def __enter__(self) -> None:
        with _LOCK:
            if not _PAUSED[0]:
                _PAUSED[1] = gc.isenabled()
                gc.disable()
            _PAUSED[0] += 1

    def __exit__(self, *exc: object) -> None:
        with _LOCK:
            _PAUSED[0] -= 1
            if not _PAUSED[0] and _PAUSED[1]:
                gc.enable()


_PAUSE = _Paused()


def paused() -> _Paused:
    """`with paused():` keeps the collector off until the last work that paused it ends."""
    return _PAUSE
