"""Text from data on a terminal: never read as Rich markup, control characters shown escaped.

A name such as `[/x]` or a title holding `[/b]` is data, not a style; an ESC or a backspace in a name
must not move the cursor or recolour the terminal. The CLI passes every document it renders through
`for_markup`, and every error message through `markup`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any


def control(text: str) -> str:
    """Control characters (except newline and tab) as visible escapes: ESC becomes `\\x1b`."""
    if text.isprintable() or not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        return text
    return "".join(
        ch if ch in "\n\t" or unicodedata.category(ch) != "Cc" else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def markup(text: str) -> str:
    """Text safe to put inside a Rich markup string: brackets escaped, control characters shown."""
    from rich.markup import escape  # on first use: a JSON answer never imports Rich

    return escape(control(text))


def for_markup(doc: Any) -> Any:
    """A copy of a JSON-like document with every string (keys too) made safe for markup."""
    if isinstance(doc, str):
        return markup(doc)
    if isinstance(doc, Mapping):  # a dict, or a typed result of the read model
        return {for_markup(k) if isinstance(k, str) else k: for_markup(v) for k, v in doc.items()}
    if isinstance(doc, list | tuple):
        return type(doc)(for_markup(v) for v in doc) if isinstance(doc, list) else tuple(for_markup(v) for v in doc)
    return doc
