"""One error shape for every failure the web layer reports: `{"error": {"type", "message", "status", ...}}`."""

from __future__ import annotations

from typing import Any

from cyberstate.errors import AmbiguousName, CyberstateError, EntityNotFound


class BadParameter(CyberstateError):
    """A query parameter out of range or of the wrong form (HTTP 400)."""


def status_of(e: Exception) -> int:
    """The HTTP status a library error maps to: unknown names 404, ambiguous ones 409, the rest 400."""
    if isinstance(e, EntityNotFound):
        return 404
    if isinstance(e, AmbiguousName):
        return 409
    return 400


def error_doc(kind: str, message: str, status: int, e: Exception | None = None) -> dict[str, Any]:
    details = e.details() if isinstance(e, CyberstateError) else {}  # as the command line's --json gives them
    return {"error": {"type": kind, "message": message, "status": status, **details}}
