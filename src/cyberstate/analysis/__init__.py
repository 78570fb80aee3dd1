"""Answers to the analysts' questions: plain functions over the claim graph."""

from cyberstate.analysis.apparatus import apparatus
from cyberstate.analysis.chain import chain
from cyberstate.analysis.check import check
from cyberstate.analysis.describe import describe
from cyberstate.analysis.graph import Graph
from cyberstate.analysis.province import profile
from cyberstate.analysis.stats import stats

__all__ = ["Graph", "apparatus", "chain", "check", "describe", "profile", "stats"]
