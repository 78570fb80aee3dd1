"""How the model maps onto STIX 2.1: object types per kind, relationship types per predicate, TLP 2.0
markings, deterministic ids and the extension definitions that carry what STIX has no property for.

One table, read by the exporter, the importer and the TAXII server, so the two directions cannot
drift apart. Ids are UUIDv5 in a namespace of our own: the same entity, claim or source always gets the
same STIX id, so a re-export updates objects in OpenCTI or MISP instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from cyberstate.model import vocab
from cyberstate.model.vocab import KIND_CLASS, Marking

#: The namespace of every id cyberstate derives (UUIDv5 of "cyberstate" in the DNS namespace).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "cyberstate")


_NS_BYTES = NAMESPACE.bytes

try:  # CPython's own SHA-1: for a few dozen bytes it runs half the instructions of OpenSSL's (hashlib.sha1)
    from _sha1 import sha1 as _sha1
except ImportError:  # pragma: no cover - a Python built without it; the digest is the same
    _sha1 = hashlib.sha1


def stix_id(stix_type: str, key: str) -> str:
    """`type--uuid5(NAMESPACE, key)`, computed as RFC 4122 does but without building UUID objects (an
    export derives tens of thousands of them)."""
    x = _sha1(_NS_BYTES + key.encode()).hexdigest()
    # the version nibble becomes 5, the variant's two top bits 10 (the nibble 8, 9, a or b)
    return f"{stix_type}--{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[x[16]]}{x[17:20]}-{x[20:32]}"


_VARIANT = {f"{n:x}": f"{8 | (n & 3):x}" for n in range(16)}


def id_maker(stix_type: str, prefix: str) -> Callable[[str], str]:
    """`lambda key: stix_id(stix_type, prefix + key)` with the namespace and prefix bytes joined once: an
    export derives an id for every claim."""
    head, sha1, variant = _NS_BYTES + prefix.encode(), _sha1, _VARIANT

    def make(key: str) -> str:
        x = sha1(head + key.encode()).hexdigest()
        return f"{stix_type}--{x[:8]}-{x[8:12]}-5{x[13:16]}-{variant[x[16]]}{x[17:20]}-{x[20:32]}"

    return make


# ------------------------------------------------------------------------------------------ markings

#: TLP 2.0 marking definitions as OASIS publishes them (cti-stix-common-objects, tlp-2.0 extension).
TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_IDS: dict[str, str] = {
    Marking.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    Marking.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    Marking.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    Marking.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    Marking.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
#: TLP 1.0 markings of STIX 2.1 itself, read on import (white is the old name of clear).
TLP1_IDS: dict[str, str] = {
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": Marking.CLEAR,
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": Marking.GREEN,
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": Marking.AMBER,
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": Marking.RED,
}
MARKING_OF_ID: dict[str, str] = {**{v: str(k) for k, v in TLP2_IDS.items()}, **TLP1_IDS}
#: Least to most restrictive (the model's order): an object may be shared at a level at or above its rank.
MARKING_ORDER, MARKING_RANK = vocab.MARKING_ORDER, vocab.MARKING_RANK


def check_marking(value: str) -> str:
    """A TLP level as a user types it: 'amber', 'TLP:AMBER+STRICT', 'amber-strict'."""
    v = value.strip().upper().replace("-STRICT", "+STRICT").replace("_STRICT", "+STRICT")
    if not v.startswith("TLP:"):
        v = "TLP:" + v
    if v == "TLP:WHITE":
        v = "TLP:CLEAR"
    if v not in MARKING_RANK:
        from cyberstate.errors import InvalidRecord

        raise InvalidRecord(f"unknown TLP level {value!r}; one of {', '.join(MARKING_ORDER)}")
    return v


def tlp_of_definition(obj: dict[str, Any]) -> str | None:
    """The TLP level a marking-definition object states, whatever its id: the TLP 2.0 extension's `tlp_2_0`,
    a `tlp` definition (STIX 2.1's own TLP 1.0 form), OpenCTI's `x_opencti_definition` of type TLP (its
    TLP:AMBER+STRICT is a statement marking under an id of its own), or a name `TLP:...`. None for a marking
    that states no TLP level (a statement, PAP); InvalidRecord for a TLP level that is none of the five."""
    ext = (obj.get("extensions") or {}).get(TLP2_EXTENSION) if isinstance(obj.get("extensions"), dict) else None
    definition = obj.get("definition") if isinstance(obj.get("definition"), dict) else {}
    for value in (
        ext.get("tlp_2_0") if isinstance(ext, dict) else None,
        definition.get("tlp") if str(obj.get("definition_type", "")).lower() == "tlp" else None,
        obj.get("x_opencti_definition") if str(obj.get("x_opencti_definition_type", "")).upper() == "TLP" else None,
        obj.get("name") if isinstance(obj.get("name"), str) and obj["name"].upper().startswith("TLP:") else None,
    ):
        if isinstance(value, str) and value.strip():
            return check_marking(value)
    return None


def marking_objects() -> list[dict[str, Any]]:
    """The five TLP 2.0 marking-definition objects, exactly as published."""
    return [
        {
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": TLP2_IDS[m],
            "created": "2022-10-01T00:00:00.000Z",
            "name": m.value,
            "extensions": {TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": m.value[4:].lower()}},
        }
        for m in Marking
    ]


# ----------------------------------------------------------------------------- our identity, extensions

DEFINED = "2026-11-29T00:00:00.000Z"  # when version 1.0.0 of the extensions was defined
IDENTITY = stix_id("identity", "identity:cyberstate")
PROVENANCE = stix_id("extension-definition", "extension:cyberstate-provenance")
RECORD_SDO = stix_id("extension-definition", "extension:cyberstate-record")
RECORD_TYPE = "x-cyberstate-record"

PROVENANCE_SCHEMA = (
    "cyberstate provenance 1.0.0 (property-extension; docs/exchange.md in the cyberstate repository). "
    "On relationship and note objects (a claim): claim_id, predicate (the cyberstate predicate, e.g. "
    "operated_by, front_company_for, subordinate_to, indicted, sanctioned, empowers), subject and object "
    "(entity ids), value (literal claims), assertor (entity id), basis (technical_analysis, "
    "legal_allegation, court_finding, sanction_designation, official_statement, ...), negated (the source "
    "denies the statement), valid_from / valid_to and published (ISO dates at the precision the source "
    "gives), sources (source ids), evidence {text, source, start, end}, note. On entity objects: "
    "entity_id, kind (the cyberstate kind: provincial_bureau, front_company, law, indictment, ...), "
    "names [{name, source, origin, lang}], sources, assertor_type, attrs, note. On report and grouping "
    "objects (a source): source_id, title, author, publisher, published, url, kind, sha256, cited_by, "
    "cited_as, note."
)
RECORD_SCHEMA = (
    "cyberstate record 1.0.0 (new-sdo x-cyberstate-record; docs/exchange.md in the cyberstate repository): "
    "an entity STIX has no object for (a law, regulation, strategy, initiative, agreement, standard, "
    "indictment, sanction, public attribution, advisory, statement, facility, doctrine). Properties: "
    "name, entity_kind, aliases, description."
)


def meta_objects() -> list[dict[str, Any]]:
    """Our identity and the two extension definitions every export carries."""
    ident = {
        "type": "identity",
        "spec_version": "2.1",
        "id": IDENTITY,
        "created": DEFINED,
        "modified": DEFINED,
        "name": "cyberstate",
        "description": "The state apparatus behind cyber operations, held as evidence-backed claims.",
        "identity_class": "system",
        "object_marking_refs": [TLP2_IDS[Marking.CLEAR]],
    }
    exts = [
        (PROVENANCE, "cyberstate provenance", PROVENANCE_SCHEMA, ["property-extension"]),
        (RECORD_SDO, "cyberstate record", RECORD_SCHEMA, ["new-sdo"]),
    ]
    return [ident] + [
        {
            "type": "extension-definition",
            "spec_version": "2.1",
            "id": i,
            "created_by_ref": IDENTITY,
            "created": DEFINED,
            "modified": DEFINED,
            "name": name,
            "description": schema.split(":", 1)[0],
            "schema": schema,
            "version": "1.0.0",
            "extension_types": types,
            "object_marking_refs": [TLP2_IDS[Marking.CLEAR]],
        }
        for i, name, schema, types in exts
    ]


# ------------------------------------------------------------------------------------- kinds <-> types

_TYPE_OF_KIND: dict[str, str] = {
    "threat_group": "intrusion-set",
    "person": "identity",
    "operation": "campaign",
    "event": "incident",
    "malware": "malware",
    "tool": "tool",
    "system": "infrastructure",
    "sector": "identity",
}
_TYPE_OF_CLASS = {"organisation": "identity", "place": "location"}


def stix_type(kind: str) -> str:
    return _TYPE_OF_KIND.get(kind) or _TYPE_OF_CLASS.get(KIND_CLASS.get(kind, ""), RECORD_TYPE)


def identity_class(kind: str) -> str:
    return {"person": "individual", "sector": "class"}.get(kind, "organization")


#: The kind a foreign object becomes on import (identity and location are refined by their properties).
KIND_OF_TYPE: dict[str, str] = {
    "intrusion-set": "threat_group",
    "threat-actor": "threat_group",
    "campaign": "operation",
    "incident": "event",
    "malware": "malware",
    "tool": "tool",
    "infrastructure": "system",
    "identity": "other_organisation",
    "location": "region",
}


def kind_of(obj: dict[str, Any]) -> str | None:
    """The kind of a foreign STIX object, or None when the model has no place for it (attack patterns,
    indicators, observables...)."""
    t = obj.get("type")
    if t == "identity":
        return {"individual": "person", "class": "sector"}.get(obj.get("identity_class", ""), "other_organisation")
    if t == "location":
        if obj.get("city"):
            return "city"
        if obj.get("administrative_area"):
            return "province"
        if obj.get("country") and not obj.get("region"):
            return "country"
        return "region"
    return KIND_OF_TYPE.get(str(t))


# -------------------------------------------------------------------------------- predicates <-> types

#: Standard STIX relationship types for the predicates that have one; the rest keep their own name.
RELATIONSHIP_OF: dict[str, str] = {
    "attributed_to": "attributed-to",
    "located_in": "located-at",
    "targeted": "targets",
    "used": "uses",
    "linked_to": "related-to",
}
PREDICATE_OF: dict[str, str] = {v: k for k, v in RELATIONSHIP_OF.items()}


def relationship_type(predicate: str) -> str:
    return RELATIONSHIP_OF.get(predicate) or predicate.replace("_", "-")


# ---------------------------------------------------------------------------------------------- dates


def timestamp(date: str) -> str:
    """A partial ISO date ('2024', '2024-03', '2024-03-25') as a STIX timestamp on its first day."""
    parts = date.split("-")
    y, m, d = parts[0], parts[1] if len(parts) > 1 else "01", parts[2] if len(parts) > 2 else "01"
    return f"{y}-{m}-{d}T00:00:00Z"


def stamp(recorded: str) -> str:
    """A store timestamp ('2026-11-29T02:06:54Z') at the millisecond precision STIX requires of
    created and modified; `unstamp` gives it back unchanged on import."""
    if len(recorded) == 20 and recorded.endswith("Z"):
        return recorded[:-1] + ".000Z"
    return recorded


def unstamp(value: str) -> str:
    if len(value) == 24 and value.endswith(".000Z"):
        return value[:-5] + "Z"
    return value


_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


#: What RFC 3986 allows unescaped in a URI besides letters and digits ('%' starts an escape).
_URI_SAFE = ":/?#[]@!$&'()*+,;=-._~%"


#: A URL that is a valid URI as it stands: what `uri` gives back unchanged (most URLs).
_PLAIN_URI = re.compile(r"[A-Za-z0-9:/?#\[\]@!$&'()*+,;=._~%-]*")


def uri(url: str) -> str:
    """A URL as a valid URI: a stray '%' (a truncated escape in a copied link) is escaped itself, and every
    character a URI may not hold (a space, '|' in a galaxy reference's fragment, a non-ASCII letter) is
    percent-encoded; the source keeps its URL as given, in the extension."""
    if _PLAIN_URI.fullmatch(url) and ("%" not in url or not _BAD_PERCENT.search(url)):
        return url
    return quote(_BAD_PERCENT.sub("%25", url), safe=_URI_SAFE)


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "unknown"


#: region-ov values for the region names the record uses.
REGIONS: dict[str, str] = {
    "asia": "asia",
    "east-asia": "eastern-asia",
    "eastern-asia": "eastern-asia",
    "southeast-asia": "south-eastern-asia",
    "south-asia": "southern-asia",
    "central-asia": "central-asia",
    "europe": "europe",
    "africa": "africa",
    "oceania": "oceania",
    "north-america": "northern-america",
}
