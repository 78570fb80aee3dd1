"""Vendors' own naming tables, kept as reference data under `data/reference/` (each file says which
repository, commit and file it was derived from), read by the galaxy import (ingest/galaxy.py).

The galaxy's clusters lag their maintainers: ATT&CK groups added since are missing, aliases MITRE added
since (Mustang Panda's CAMARO DRAGON) are absent, the ICS cluster's values carry no ATT&CK id, and the
galaxy's Microsoft cluster predates most of Microsoft's published mapping of its names to other vendors'
(Onyx Sleet: Andariel, StoneFly...). Two tables bring them up to date:
- `attack-groups.yaml`: ATT&CK's intrusion-set objects (id, STIX id, name, aliases, revoked, deprecated);
- `microsoft-threat-actors.yaml`: Microsoft's threat actor names with their origin and other names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from cyberstate.errors import ImportFormatError
from cyberstate.model import Source

ATTACK_SOURCE = "mitre-attack-groups"
MICROSOFT_SOURCE = "microsoft-threat-actor-names"


@dataclass(frozen=True, slots=True)
class Group:
    """One ATT&CK group."""

    id: str  # G0035
    stix: str  # intrusion-set--<uuid>: the galaxy keys ATT&CK's values by the same uuid
    name: str
    aliases: tuple[str, ...]
    revoked_by: str | None = None  # the ATT&CK id MITRE replaced this group with
    deprecated: bool = False

    @property
    def uuid(self) -> str:
        return self.stix.split("--", 1)[1]


@dataclass(frozen=True, slots=True)
class Actor:
    """One threat actor of Microsoft's table."""

    name: str
    origin: str  # "China", "Russia, Influence operations", "Financially motivated", ""
    other_names: tuple[str, ...]


def _path(name: str) -> Path:
    from cyberstate.datadir import data_file

    return data_file("reference", name)


def _read(name: str, key: str) -> tuple[Path, Source, list[Any]]:
    """A reference file's source (its `source` block) and its entries (`key`), or an error naming the file."""
    path = _path(name)
    doc: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list) or not isinstance(doc.get("source"), dict):
        raise ImportFormatError(str(path), "", f"not a naming reference (needs 'source' and '{key}')")
    s = doc["source"]
    note = "; ".join(f"{k} {s[k]}" for k in ("repo", "commit", "release", "page") if s.get(k))
    source = Source(
        id=ATTACK_SOURCE if key == "groups" else MICROSOFT_SOURCE,
        title=str(s.get("title") or name),
        publisher=str(s["publisher"]) if s.get("publisher") else None,
        published=str(s["date"]) if s.get("date") else None,
        url=str(s["url"]) if s.get("url") else None,
        kind="threat_intel_database",
        note=note or None,
    )
    return path, source, doc[key]


def _names(path: Path, where: str, x: Any) -> tuple[str, ...]:
    if not isinstance(x, list) or not all(isinstance(a, str) for a in x):
        raise ImportFormatError(str(path), where, "names must be a list of strings")
    return tuple(dict.fromkeys(a.strip() for a in x if a.strip()))


@lru_cache(maxsize=1)
def attack_groups() -> tuple[Source, tuple[Group, ...]]:
    path, source, rows = _read("attack-groups.yaml", "groups")
    out: list[Group] = []
    for i, g in enumerate(rows):
        if not isinstance(g, dict) or not all(isinstance(g.get(k), str) and g[k] for k in ("id", "stix", "name")):
            raise ImportFormatError(str(path), f"groups[{i}]", "a group needs 'id', 'stix' and 'name'")
        out.append(
            Group(
                id=g["id"],
                stix=g["stix"],
                name=g["name"],
                aliases=_names(path, f"groups[{i}] ({g['id']}).aliases", g.get("aliases") or []),
                revoked_by=str(g["revoked_by"]) if g.get("revoked_by") else None,
                deprecated=bool(g.get("deprecated")),
            )
        )
    return source, tuple(out)


@lru_cache(maxsize=1)
def microsoft_actors() -> tuple[Source, tuple[Actor, ...]]:
    path, source, rows = _read("microsoft-threat-actors.yaml", "actors")
    out: list[Actor] = []
    for i, a in enumerate(rows):
        if not isinstance(a, dict) or not isinstance(a.get("name"), str) or not a["name"].strip():
            raise ImportFormatError(str(path), f"actors[{i}]", "an actor needs a 'name'")
        names = _names(path, f"actors[{i}] ({a['name']})", [*(a.get("previous") or []), *(a.get("other_names") or [])])
        out.append(Actor(a["name"].strip(), str(a.get("origin_threat") or "").strip(), names))
    return source, tuple(out)


VENDOR_NAMES_FILE = "vendor-names.yaml"
#: A row's relation: the source says the name is the group's ("also known as"), or only that the two are
#: related ("overlaps with", "has a relationship with"): a `related_to`, never an alias.
RELATIONS = {"alias", "related_to"}


@dataclass(frozen=True, slots=True)
class VendorName:
    """One row of a vendor's naming table: a name the vendor gives its group, with the page that says so."""

    alias: str
    group: str  # the vendor's own name of the group
    vendor: str
    relation: str  # alias | related_to
    url: str
    quote: str
    date: str | None = None
    title: str | None = None
    attack_id: str | None = None  # only where the source itself gives it
    assertor: str | None = None  # the store's entity that speaks (a government body), where the table names one
    assertor_type: str = "vendor"  # vendor, or government for an agency's advisory or a ministry's indictment


@lru_cache(maxsize=1)
def vendor_names() -> tuple[VendorName, ...]:
    """Vendors' own "also known as" lines (data/reference/vendor-names.yaml): each row an alias or a
    related group of a vendor's group, with the source page, its date and the sentence that says it. A
    row without a URL or a quote, or with another relation, is an error naming the row."""
    path = _path(VENDOR_NAMES_FILE)
    doc: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(doc, dict) or not isinstance(doc.get("vendors"), dict) or not isinstance(doc.get("rows"), list):
        raise ImportFormatError(str(path), "", "not a vendor naming table (needs 'vendors' and 'rows')")
    vendors: dict[str, Any] = doc["vendors"]
    out: list[VendorName] = []
    for i, r in enumerate(doc["rows"]):
        where = f"rows[{i}]"
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) and r[k].strip() for k in _ROW_KEYS):
            raise ImportFormatError(str(path), where, f"a row needs {', '.join(_ROW_KEYS)}")
        if r["vendor"] not in vendors:
            raise ImportFormatError(str(path), where, f"unknown vendor {r['vendor']!r} (not under 'vendors')")
        relation = str(r.get("relation") or "alias")
        if relation not in RELATIONS:
            raise ImportFormatError(str(path), where, f"relation must be one of {sorted(RELATIONS)}, not {relation!r}")
        out.append(
            VendorName(
                alias=r["alias"].strip(),
                group=r["group"].strip(),
                vendor=str(vendors[r["vendor"]].get("name") or r["vendor"]),
                relation=relation,
                url=r["url"].strip(),
                quote=r["quote"].strip(),
                date=str(r["date"]) if r.get("date") else None,
                title=str(r["title"]) if r.get("title") else None,
                attack_id=str(r["attack_id"]) if r.get("attack_id") else None,
                assertor=str(vendors[r["vendor"]].get("assertor") or "") or None,
                assertor_type=str(vendors[r["vendor"]].get("assertor_type") or "vendor"),
            )
        )
    return tuple(out)


_ROW_KEYS = ("alias", "group", "vendor", "url", "quote")
