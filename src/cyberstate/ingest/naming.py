"""Which vendor coined a group name, by the naming conventions vendors publish.

Galaxy synonyms come without their author: "Judgment Panda" is listed under APT31 but not said to be
CrowdStrike's. Vendors name groups by published conventions (CrowdStrike's animals, Microsoft's weather,
Mandiant's APT/UNC/FIN numbers), so a name that matches exactly one vendor's convention is recorded with
that vendor as its origin. The conventions, each with the page that states it, are reference data in
`data/reference/naming-conventions.yaml`; a name that matches none, or several, gets no vendor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from cyberstate.model.names import norm


@dataclass(frozen=True)
class Convention:
    vendor: str
    pattern: re.Pattern[str]
    meaning: str
    url: str
    temporary: bool = False  # a temporary cluster designator (UNC, Storm-): folded into named groups later


def conventions_file() -> Path:
    """The naming conventions shipped with the data; a missing file is an error, not an empty list."""
    from cyberstate.datadir import data_file

    return data_file("reference", "naming-conventions.yaml")


@lru_cache(maxsize=1)
def conventions() -> tuple[Convention, ...]:
    path = conventions_file()
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(
        Convention(
            str(c["vendor"]),
            re.compile(str(c["pattern"])),
            str(c.get("meaning") or ""),
            str(c.get("url")),
            bool(c.get("temporary", False)),
        )
        for c in doc.get("conventions", [])
    )


def coined_by(name: str) -> Convention | None:
    """The one vendor whose convention the name follows, or None (no match, or several vendors)."""
    hits = {c.vendor: c for c in conventions() if c.pattern.search(name.strip())}
    return next(iter(hits.values())) if len(hits) == 1 else None


def origin_of(name: str, default: str | None) -> str | None:
    """The origin to record for an alias: the coining vendor where a convention says, else `default`."""
    c = coined_by(name)
    return f"{c.vendor} (naming convention)" if c else default


#: Microsoft's temporary designators: "a temporary 'Storm' designation and a four-digit number" (and the
#: "DEV" numbers before it). Sources write them with and without the leading zeros (DEV-0322, DEV-322).
_PADDED = re.compile(r"^(dev|storm)0+(?=\d)")


def name_key(name: str) -> str:
    """The lookup key of a group name: `norm`, with a Microsoft designator's number read as a number, so
    DEV-0322 and DEV-322 are one name. Other numbered schemes keep their digits as written."""
    key = norm(name)
    return _PADDED.sub(r"\1", key) if key[:1] in ("d", "s") else key


def designator_value(name: str) -> str:
    """A designator as a value to compare within its scheme: letters and digits, numbers without leading
    zeros ("APT 30" and "APT30", "Storm-0558" and "Storm-558" are one)."""
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", re.sub(r"[^0-9a-z]", "", name.lower()))
