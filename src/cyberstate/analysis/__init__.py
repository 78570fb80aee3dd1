"""Answers to the analysts' questions: plain functions over the claim graph.

The names below load their module on first use: a command asks one question and imports only the
analysis that answers it (`chain` never loads the theses, the checks or the governance tree)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cyberstate.analysis.apparatus import apparatus
    from cyberstate.analysis.chain import chain
    from cyberstate.analysis.check import check
    from cyberstate.analysis.describe import describe
    from cyberstate.analysis.graph import Graph
    from cyberstate.analysis.province import profile
    from cyberstate.analysis.stats import stats

_WHERE = {
    "Graph": "graph",
    "apparatus": "apparatus",
    "chain": "chain",
    "check": "check",
    "describe": "describe",
    "profile": "province",
    "stats": "stats",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"cyberstate.analysis.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'cyberstate.analysis' has no attribute {name!r}")


__all__ = ["Graph", "apparatus", "chain", "check", "describe", "profile", "stats"]
