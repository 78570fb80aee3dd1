"""Name normalisation: the key under which every name and alias is looked up.

Analysts type "apt 31", "APT-31" or "Pierșinaru" for "APT31" and "Piersinaru", so the key drops case,
spacing, punctuation and diacritics. Chinese characters are kept as they are (they carry the meaning).
"""

from __future__ import annotations

import re
import unicodedata

from cyberstate.model.rules import has_han

__all__ = ["has_han", "norm", "slug"]



def norm(name: str) -> str:
    """The lookup key of a name: NFKD, without combining marks, casefolded, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", name)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch.isalnum():
            out.append(ch.casefold())
    return unicodedata.normalize("NFC", "".join(out))


def slug(name: str) -> str:
    """An id-safe slug: lowercase ASCII letters, digits and hyphens."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_ = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.decode().lower()).strip("-")
