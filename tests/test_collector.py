"""The collector's pause (cyberstate/collector.py): counted, so nested and overlapping works restore it once."""

from __future__ import annotations

import gc

from cyberstate import collector


def test_pause_is_counted_and_restores_the_collector_once() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with collector.paused():
            assert not gc.isenabled()
            with collector.paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the outer work is still under way
        assert gc.isenabled()
        try:
            with collector.paused():
                raise ValueError("the work failed")
        except ValueError:
            pass
        assert gc.isenabled()  # a failure ends the pause too
        gc.disable()
        with collector.paused():
            pass
        assert not gc.isenabled()  # off before the pause: left off
    finally:
        (gc.enable if was else gc.disable)()
