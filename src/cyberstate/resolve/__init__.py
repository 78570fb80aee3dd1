"""Names to entities."""

from cyberstate.resolve.names import Match, NameIndex, resolve

__all__ = ["Match", "NameIndex", "resolve"]
