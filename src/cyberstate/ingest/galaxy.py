"""Import MISP galaxy clusters (shipped offline in `pymispgalaxies`) as records and claims.

Every cluster value becomes its own record (`g-<uuid>`), never folded into another on import: merging
is computed afterwards from same_as claims (resolve/merge.py), so it can be explained and undone.
Values that share a uuid across clusters (ATT&CK's intrusion sets appear in two) are one record.
Countries are the ISO 3166-1 countries of the store (matched by code or name), sectors are matched by
name, so the galaxy's "CN", "China" and "中国" all land on one country.

Every claim cites the cluster it comes from (a source per cluster: name, version, uuid) and is asserted
by the cluster's maintainer (MISP Project, MITRE, Microsoft, 360.net, Tidal Cyber, ASPI, Wikipedia),
except `cfr-*` fields, which are the Council on Foreign Relations' Cyber Operations Tracker. Claims a
newer version of a cluster no longer makes are retracted, not deleted.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from hashlib import sha1
from pathlib import Path
from typing import Any

import pycountry
import yaml

from cyberstate.errors import ImportFormatError, InvalidRecord
from cyberstate.ingest import gazetteer, naming, reference
from cyberstate.model import Alias, Claim, Entity, Evidence, Source, check_domain_range
from cyberstate.model.names import norm, slug
from cyberstate.model.rules import HAN as _HAN
from cyberstate.store.sqlite import SQLiteStore

ORIGIN_PREFIX = "misp-galaxy:"
#: Names of these kinds are group names that vendors coin by convention.
GROUP_KINDS = {"threat_group", "operation"}
SOFTWARE_KINDS = {"malware", "tool"}
#: Records of vendors' naming tables (data/reference/vendor-names.yaml) name a merged entity after the
#: galaxy's and ATT&CK's records.
VENDOR_PRIORITY = 45
#: The origin of the APT-C number 360 gives its own groups ("海莲花 - APT-C-00").
ID_360 = "360.net id"
#: The origin of an id Tidal Cyber gave one of its own objects (the Tidal values whose `source` is not MITRE).
TIDAL_ID = "Tidal Cyber id"
#: Entities an import creates from bare strings (victims, sectors, agencies) name a merged entity last.
STRING_PRIORITY = 90


@dataclass(frozen=True)
class Spec:
    """How one cluster maps: the kind of its values, who maintains it, whose names its values are."""

    kind: str
    maintainer: str
    naming_vendor: str | None = None  # the values are this vendor's own names
    priority: int = 50  # lower wins when choosing the name of a merged entity
    country: str | None = None  # the cluster covers one country only (ISO code), so its values are of it


CLUSTERS: dict[str, Spec] = {
    "threat-actor": Spec("threat_group", "misp-project", priority=10),
    "mitre-intrusion-set": Spec("threat_group", "mitre", "MITRE ATT&CK", 20),
    "mitre-enterprise-attack-intrusion-set": Spec("threat_group", "mitre", "MITRE ATT&CK", 21),
    "mitre-ics-groups": Spec("threat_group", "mitre", "MITRE ATT&CK for ICS", 22),
    "microsoft-activity-group": Spec("threat_group", "microsoft", "Microsoft", 30),
    "360net": Spec("threat_group", "360-net", "360.net", 40),
    "tidal-groups": Spec("threat_group", "tidal-cyber", "Tidal Cyber", 35),
    "tidal-campaigns": Spec("operation", "tidal-cyber", "Tidal Cyber", 35),
    "mitre-malware": Spec("malware", "mitre", "MITRE ATT&CK", 20),
    "mitre-tool": Spec("tool", "mitre", "MITRE ATT&CK", 20),
    "intelligence-agencies": Spec("government_agency", "wikipedia", None, 30),
    "china-defence-universities": Spec("university", "aspi", None, 30, country="CN"),
    "country": Spec("country", "misp-project", None, 90),
    "sector": Spec("sector", "cert-eu", None, 90),
}
DEFAULT_CLUSTERS = tuple(CLUSTERS)

#: The maintainers and trackers that assert the imported claims.
ASSERTORS: dict[str, tuple[str, str, str]] = {
    "misp-project": ("MISP Project", "research_group", "researcher"),
    "mitre": ("MITRE", "research_centre", "researcher"),
    "microsoft": ("Microsoft", "security_vendor", "vendor"),
    "360-net": ("360.net", "security_vendor", "vendor"),
    "tidal-cyber": ("Tidal Cyber", "security_vendor", "vendor"),
    "wikipedia": ("Wikipedia", "media_organisation", "media"),
    "aspi": ("Australian Strategic Policy Institute", "research_centre", "academic"),
    "cert-eu": ("CERT-EU", "government_agency", "international_organisation"),
    "cfr": ("Council on Foreign Relations", "research_centre", "academic"),
}

#: MISP estimative-language likelihood tags, on the STIX confidence scale.
LIKELIHOOD = {
    "almost-no-chance": 5,
    "very-unlikely": 15,
    "unlikely": 30,
    "roughly-even-chance": 50,
    "likely": 70,
    "very-likely": 85,
    "almost-certain": 95,
}

#: related-entry types and the predicate each becomes. "similar", "overlaps" and the loose links say two
#: clusters are related, never that they are one group (MISP marks Turla "similar" to APT26): they become
#: `related_to` ("see also"), which no merge follows. Only "revoked-by" (ATT&CK replaced one object by
#: another) says the two are the same.
RELATED = {
    "similar": "related_to",
    "revoked-by": "same_as",
    "overlaps": "related_to",
    "linked-to": "linked_to",
    "associated-with": "linked_to",
    "related-to": "linked_to",
    "part-of": "part_of",
    "uses": "used",
    "deploys": "used",
    "delivers": "used",
    "targets": "targeted",
}

#: A maintainer's marker on a value it no longer keeps, and the object it names instead.
_DEPRECATED_NAME = re.compile(r"\s*\(deprecated\)\s*$", re.IGNORECASE)
_DEPRECATED = re.compile(
    r'in favou?r of a (?:similar )?object subsequently published by MITRE: "([^"]+)" \((Group|Campaign)\)'
)
_ATTACK_SUFFIX = re.compile(r"\s+-\s+(G\d{4}|S\d{4}|C\d{4})$")
_360_DESIGNATOR = re.compile(r"^(.+?)\s+-\s+(APT-C-\d+)$")
_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_TIDAL_GROUP = re.compile(r"app\.tidalcyber\.com/groups/([0-9a-f-]{36})")
_URL = re.compile(r"^https?://\S+$")
_GROUP_ID = re.compile(r"^G\d{4}$")
#: What Microsoft's table gives as an actor's "Origin/Threat" when it names no country.
THREAT_TYPES = {
    "group in development",
    "financially motivated",
    "private sector offensive actor",
    "influence operations",
    "covert network",
}
#: Loose links between two groups are relations between peers, not a link up the attribution chain.
_PEER_LINK = {"linked_to"}
#: Country strings that name no single country ("Korea" is two), whatever a fuzzy lookup would guess.
AMBIGUOUS_COUNTRIES = {"korea", "congo", "guinea", "sudan", "america", "namerica", "samerica", "mideast", "southeast"}
#: Common English names pycountry does not list, each naming exactly one country.
COUNTRY_NAMES = {
    "south korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "democratic people's republic of korea": "KP",
    "russia": "RU",
    "iran": "IR",
    "turkey": "TR",
    "vietnam": "VN",
    "taiwan": "TW",
    "syria": "SY",
    "laos": "LA",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "uk": "GB",
    "people's republic of china": "CN",
    "prc": "CN",
    "palestine": "PS",
}
#: Continents and compass-qualified continents: a victim string of this shape names a region, not an
#: organisation ("Southeast Asia", "Northern Africa", "Middle East").
_REGION = re.compile(
    r"^(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west|northern|southern"
    r"|eastern|western)\s+)?(?:asia|africa|europe|america|oceania|middle east)$",
    re.IGNORECASE,
)


#: Regions 360.net names in Chinese that the store may already hold under their English name (curated data's
#: "Southeast Asia", "Europe"): a victim written so is that region, not a second record of it.
ZH_REGIONS = {"东南亚": "Southeast Asia", "欧洲": "Europe"}


def _article_free(name: str) -> str:
    """The name without a leading English article: sources write "The Philippines" and "Philippines"."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).strip()


@functools.lru_cache(maxsize=1)
def galaxy_country_names() -> dict[str, str]:
    """The short English names of the galaxy's own `country` cluster ("brunei", "ivory coast"), each with
    the ISO code the cluster gives it: the names threat-actor clusters write, which pycountry lacks."""
    try:
        data = json.loads(cluster_path("country").read_text(encoding="utf-8"))
    except (ImportFormatError, OSError, ValueError):
        return {}
    out: dict[str, str] = {}
    for v in data.get("values") or []:
        code = str((v.get("meta") or {}).get("ISO") or "")
        # only codes ISO 3166-1 holds: the cluster also lists Kosovo under the user-assigned "XK"
        if pycountry.countries.get(alpha_2=code.upper()) is not None:
            for name in (v["value"], v.get("description")):
                if isinstance(name, str) and name.strip():
                    out.setdefault(name.strip().lower(), code.upper())
    return out


@functools.cache
def package_dir() -> Path:
    """The cluster files shipped in `pymispgalaxies`, found without importing the package: its import pulls
    in jsonschema and compiles URI grammars (seconds of the import's time), and only its data is read."""
    spec = importlib.util.find_spec("pymispgalaxies")
    if spec is None or not spec.submodule_search_locations:
        raise ImportFormatError("pymispgalaxies", "", "the MISP galaxy package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "misp-galaxy" / "clusters"


@dataclass(frozen=True)
class Pinned:
    """A newer copy of a galaxy cluster kept in data/reference/ (galaxy-clusters.yaml says where from)."""

    path: Path
    version: int
    url: str
    note: str


@functools.cache
def pinned_clusters() -> dict[str, Pinned]:
    """The clusters data/reference/galaxy-clusters.yaml lists, by name; a listed file that is missing or
    whose version differs from the listing is an error naming it."""
    from cyberstate.datadir import data_file

    listing = data_file("reference", "galaxy-clusters.yaml")
    doc: Any = yaml.safe_load(listing.read_text(encoding="utf-8"))
    out: dict[str, Pinned] = {}
    for i, c in enumerate(doc.get("clusters") or [] if isinstance(doc, dict) else []):
        if not isinstance(c, dict) or not all(c.get(k) for k in ("name", "file", "path", "version")):
            raise ImportFormatError(str(listing), f"clusters[{i}]", "needs 'name', 'file', 'path' and 'version'")
        path = listing.parent / str(c["file"])
        if not path.is_file():
            raise ImportFormatError(str(listing), f"clusters[{i}]", f"missing file {path}")
        url = f"{doc['repo']}/blob/{doc['commit']}/{c['path']}"
        note = f"{doc['repo']} at commit {doc['commit']}, {c['path']} (sha256 {c.get('sha256')})"
        out[str(c["name"])] = Pinned(path, int(c["version"]), url, note)
    return out


def _version(path: Path) -> int:
    try:
        v = json.loads(path.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return -1
    return v if isinstance(v, int) else -1


def cluster_path(name: str) -> Path:
    """The file of a galaxy cluster: the package's, or the newer copy data/reference/ pins."""
    path = package_dir() / f"{name}.json"
    pinned = pinned_clusters().get(name)
    if pinned is not None and (not path.is_file() or pinned.version > _version(path)):
        return pinned.path
    if not path.is_file():
        known = sorted(p.stem for p in package_dir().glob("*.json"))
        raise ImportFormatError(name, "", f"no such galaxy cluster in pymispgalaxies; known: {', '.join(known)}")
    return path


@dataclass
class Cluster:
    key: str
    path: Path
    name: str
    type: str
    uuid: str
    version: Any
    description: str
    authors: list[str]
    source_label: str
    values: list[dict[str, Any]]

    @property
    def source_id(self) -> str:
        return f"{ORIGIN_PREFIX}{self.key}"

    @property
    def origin(self) -> str:
        return f"{ORIGIN_PREFIX}{self.key}"


def read_cluster(path: Path, key: str | None = None) -> Cluster:
    """Parse and check one cluster file; ImportFormatError names the file and the value at fault."""
    label = str(path)
    from cyberstate.ingest import schema  # pydantic costs start-up time: only imports pay it

    data = schema.read_galaxy(path, label)  # the strict schema: types, limits, file/line/field in errors
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise ImportFormatError(label, "", "not a MISP galaxy cluster (no 'values' list)")
    for k in ("uuid", "type", "name"):
        if not isinstance(data.get(k), str) or not data[k]:
            raise ImportFormatError(label, "", f"not a MISP galaxy cluster (no '{k}')")
    seen: set[str] = set()
    for i, v in enumerate(data["values"]):
        where = f"values[{i}]"
        if not isinstance(v, dict):
            raise ImportFormatError(label, where, "a value must be an object")
        if not isinstance(v.get("value"), str) or not v["value"].strip():
            raise ImportFormatError(label, where, "value without a name ('value')")
        where = f"values[{i}] ({v['value']!r})"
        if not isinstance(v.get("uuid"), str) or not v["uuid"].strip():
            raise ImportFormatError(label, where, "value without a uuid")
        if v["uuid"] in seen:
            raise ImportFormatError(label, where, f"duplicate uuid {v['uuid']}")
        seen.add(v["uuid"])
        if not isinstance(v.get("meta", {}) or {}, dict):
            raise ImportFormatError(label, where, "'meta' must be an object")
        if not isinstance(v.get("related", []) or [], list):
            raise ImportFormatError(label, where, "'related' must be a list")
    key = key or path.stem
    return Cluster(
        key=key,
        path=path,
        name=data["name"],
        type=data["type"],
        uuid=data["uuid"],
        version=data.get("version"),
        description=str(data.get("description") or ""),
        authors=[str(a) for a in data.get("authors") or []],
        source_label=str(data.get("source") or ""),
        values=data["values"],
    )


def _list(x: Any) -> list[Any]:
    if x is None:
        return []
    return list(x) if isinstance(x, list) else [x]


class Countries:
    """Country lookups by ISO code, English name or Chinese name, onto the store's country entities."""

    def __init__(self, existing: dict[str, str]) -> None:
        self.by_code = dict(existing)  # ISO alpha-2 -> entity id
        self.created: dict[str, Entity] = {}
        self._zh: dict[str, str] | None = None

    def _zh_names(self) -> dict[str, str]:
        if self._zh is None:
            t = gazetteer._translator("iso3166-1")
            self._zh = {}
            for c in pycountry.countries:
                # the common name's translation is the short form sources write (伊朗, 韩国), the name's
                # the formal one (伊朗伊斯兰共和国)
                for en in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                    zh = t.gettext(en) if en else en
                    if zh and zh != en:
                        self._zh.setdefault(zh, c.alpha_2)
        return self._zh

    def code(self, name: str) -> str | None:
        """The ISO code a country string names, only when it names exactly one country: ISO codes,
        pycountry's names, "Name (Republic of)" read as "Name, Republic of", a short table of common
        names and the names of the galaxy's `country` cluster, with or without a leading "The". No fuzzy
        matching: "Korea" alone maps to nothing (see `why_not`)."""
        name = name.strip()
        if not name:
            return None
        if _HAN.search(name):
            # 360.net writes some countries with 国 ("country") after pycountry's short form: 孟加拉国, 孟加拉
            zh = self._zh_names()
            return zh.get(name) or (zh.get(name[:-1]) if name.endswith("国") else None)
        spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)  # "southKorea" -> "south Korea"
        key = re.sub(r"^the\s+", "", spaced.lower()).strip()
        if key in AMBIGUOUS_COUNTRIES:
            return None
        if key in COUNTRY_NAMES:
            return COUNTRY_NAMES[key]
        if key in galaxy_country_names():
            return galaxy_country_names()[key]
        if len(name) == 2 and name.isalpha():
            c = pycountry.countries.get(alpha_2=name.upper())
            return c.alpha_2 if c else None
        if len(name) == 3 and name.isalpha():
            c = pycountry.countries.get(alpha_3=name.upper())
            return c.alpha_2 if c else None
        m = re.match(r"^(.*?)\s*\(([^()]*)\)$", spaced)
        variants = list(dict.fromkeys([spaced, _article_free(spaced)]))
        variants += [f"{m.group(1)}, {m.group(2)}"] if m else []
        for variant in variants:
            try:
                return str(pycountry.countries.lookup(variant).alpha_2)
            except LookupError:
                continue
        return None

    @staticmethod
    def why_not(name: str) -> str:
        """The kind of a country string that maps to nothing, for the import report."""
        key = _article_free(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name.strip())).lower()
        return "ambiguous country" if key in AMBIGUOUS_COUNTRIES else "unknown country"

    def entity(self, name: str) -> str | None:
        code = self.code(name)
        if code is None:
            return None
        if code not in self.by_code:
            eid = f"iso-{code.lower()}"
            self.created[eid] = gazetteer.country_entity(eid, code)
            self.by_code[code] = eid
        return self.by_code[code]


@dataclass
class ImportReport:
    clusters: list[str] = field(default_factory=list)
    values: int = 0
    records: int = 0
    aliases: int = 0
    claims: int = 0
    sources: int = 0
    skipped_links: int = 0
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> what -> count
    written: dict[str, int] = field(default_factory=lambda: {"sources": 0, "entities": 0, "claims": 0})
    retracted: int = 0
    merges: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "clusters": self.clusters,
            "values": self.values,
            "records": self.records,
            "aliases": self.aliases,
            "claims": self.claims,
            "sources": self.sources,
            "skipped_links": self.skipped_links,
            "skipped": self.skipped,
            "changed": self.written,
            "retracted": self.retracted,
            "merges": self.merges,
        }


@dataclass
class _Record:
    id: str
    kind: str
    name: str
    aliases: dict[tuple[str, str | None], Alias] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    priority: int = 50
    existing: bool = False  # a record already in the store (a curated country): only names are added

    def add_alias(self, a: Alias) -> None:
        if a.name != self.name or a.origin is not None:
            self.aliases.setdefault((a.name, a.origin), a)

    def entity(self) -> Entity:
        return Entity(
            id=self.id,
            kind=self.kind,
            name=self.name,
            aliases=tuple(self.aliases.values()),
            sources=tuple(dict.fromkeys(self.sources)),
            attrs={**self.attrs, "priority": self.priority},
        )


class _Builder:
    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        existing = store.entity_kinds()
        codes = store.entity_codes()
        self.countries = Countries({code: eid for eid, code in codes.items() if existing[eid][0] == "country"})
        self.known = existing
        self.records: dict[str, _Record] = {}
        self.by_uuid: dict[str, str] = {}
        self.sources: dict[str, Source] = {}
        self.claims: dict[str, Claim] = {}
        self.assertors: dict[str, Entity] = {}
        self.other: dict[str, Entity] = {}  # sectors, victims, supervising agencies
        self.provinces = {d.id: d for d in gazetteer.divisions("CN")}
        self.skipped = 0
        self.skips: dict[str, dict[str, int]] = {}
        # names of sector and region records already stored, by every alias too; not those extraction proposed
        # and no reviewer accepted (a galaxy claim written against one left every export with it)
        proposed = store.entities_with_status(("candidate", "rejected"))
        self.sector_ids = {
            norm(name): eid for eid, (kind, name) in existing.items() if kind == "sector" and eid not in proposed
        }
        self.region_ids = {
            norm(name): eid for eid, (kind, name) in existing.items() if kind == "region" and eid not in proposed
        }
        for hit in store.iter_names():
            if hit.entity_id in proposed:
                continue
            kind = existing.get(hit.entity_id, ("",))[0]
            if kind == "sector":
                self.sector_ids.setdefault(norm(hit.name), hit.entity_id)
            elif kind == "region":
                self.region_ids.setdefault(norm(hit.name), hit.entity_id)

    # ---------------------------------------------------------------- shared entities

    def assertor(self, key: str, source_id: str) -> str:
        if key not in self.assertors and key not in self.known:
            name, kind, atype = ASSERTORS[key]
            self.assertors[key] = Entity(key, kind, name, sources=(source_id,), assertor_type=atype)
        return key

    def sector(self, name: str, source_id: str, origin: str) -> str:
        key = norm(name)
        eid = self.sector_ids.get(key)
        if eid is None:
            eid = "sector-" + (slug(name) or sha1(name.encode()).hexdigest()[:10])
            self.sector_ids[key] = eid
            self.other[eid] = Entity(
                eid, "sector", name.strip(), (Alias(name.strip(), source_id, origin),), (source_id,)
            )
        return eid

    def other_entity(self, name: str, kind: str, source_id: str, origin: str, country: str | None = None) -> str:
        """An organisation or region a cluster names only as a string (a victim, a supervising agency)."""
        eid = f"{kind.replace('_', '-')}-" + (slug(name) or sha1(name.encode()).hexdigest()[:10])
        if eid not in self.other and eid not in self.known:
            attrs: dict[str, Any] = {"priority": STRING_PRIORITY}
            if country:
                attrs["country"] = country
            alias = (Alias(name.strip(), source_id, origin),)
            self.other[eid] = Entity(eid, kind, name.strip(), alias, (source_id,), attrs=attrs)
        return eid

    def ref_source(self, url: str) -> str | None:
        url = url.strip()
        if not _URL.match(url):
            return None
        sid = "url-" + sha1(url.encode()).hexdigest()[:16]
        if sid not in self.sources:
            self.sources[sid] = Source(sid, url=url, kind="reference")
        return sid

    def skip(self, kind: str, what: str) -> None:
        """Count something the import leaves out, by kind, for the report (never dropped silently)."""
        slot = self.skips.setdefault(kind, {})
        slot[what] = slot.get(what, 0) + 1

    def claim(self, **kw: Any) -> None:
        """Keep a claim if it fits the vocabulary; the galaxy's loose links that do not are counted."""
        try:
            c = Claim(**kw)
            check_domain_range(c.predicate, self._kind(c.subject), self._kind(c.object) if c.object else None)
        except InvalidRecord:
            self.skipped += 1
            obj = self._kind(kw["object"]) if kw.get("object") else "value"
            subj = self._kind(kw.get("subject", ""))
            self.skip("claim outside the vocabulary", f"{kw.get('predicate')}: {subj} -> {obj}")
            return
        self.claims[c.id] = c

    # ---------------------------------------------------------------- clusters

    def cluster_source(self, cl: Cluster) -> None:
        url = None
        note = f"cluster uuid {cl.uuid}; version {cl.version}; file {cl.path.name}"
        pinned = pinned_clusters().get(cl.key)
        if pinned is not None and pinned.path == cl.path:
            url, note = pinned.url, f"{note}; {pinned.note}"
        elif cl.path.parent == package_dir():
            url = f"https://github.com/MISP/misp-galaxy/blob/main/clusters/{cl.path.name}"
        self.sources[cl.source_id] = Source(
            id=cl.source_id,
            title=f"MISP galaxy cluster '{cl.name}' ({cl.type}), version {cl.version}",
            publisher=f"MISP galaxy ({cl.source_label})" if cl.source_label else "MISP galaxy",
            author=", ".join(sorted(cl.authors)) or None,
            url=url,
            kind="threat_intel_database",
            note=note,
        )

    def values(self, cl: Cluster, spec: Spec) -> None:
        for v in cl.values:
            if spec.kind == "country":
                self.country_value(cl, v)
            elif spec.kind == "sector":
                self.sector_value(cl, v)
            else:
                self.record(cl, spec, v)

    def country_value(self, cl: Cluster, v: dict[str, Any]) -> None:
        meta = v.get("meta") or {}
        code = meta.get("ISO")
        eid = self.countries.entity(str(code)) if code else self.countries.entity(v["value"])
        if eid is None:
            self.skipped += 1
            self.skip(Countries.why_not(str(code or v["value"])), f"{cl.key}: {code or v['value']}")
            return
        rec = self._country_record(eid)
        rec.add_alias(Alias(v["value"], cl.source_id, cl.name))
        rec.sources.append(cl.source_id)
        self.by_uuid[v["uuid"].lower()] = eid

    def _country_record(self, eid: str) -> _Record:
        if eid not in self.records:
            base = self.countries.created.get(eid)
            if base is None:  # a country the store already holds: add names, never rewrite it
                kind, name = self.known[eid]
                self.records[eid] = _Record(eid, kind, name, priority=0, existing=True)
            else:
                rec = _Record(eid, "country", base.name, attrs=dict(base.attrs), priority=0)
                for a in base.aliases:
                    rec.add_alias(a)
                rec.sources = list(base.sources)
                self.records[eid] = rec
        return self.records[eid]

    def sector_value(self, cl: Cluster, v: dict[str, Any]) -> None:
        eid = self.sector(v["value"], cl.source_id, cl.name)
        for syn in _list((v.get("meta") or {}).get("synonyms")):
            ent = self.other.get(eid)
            if ent is not None:
                self.other[eid] = Entity(
                    ent.id,
                    ent.kind,
                    ent.name,
                    (*ent.aliases, Alias(str(syn), cl.source_id, cl.name)),
                    ent.sources,
                    attrs=ent.attrs,
                )
        self.by_uuid[v["uuid"].lower()] = eid

    def record(self, cl: Cluster, spec: Spec, v: dict[str, Any]) -> None:
        uuid = v["uuid"].lower()
        eid = f"g-{uuid}"
        meta = v.get("meta") or {}
        raw = v["value"].strip()
        name, extra_names = _clean_name(raw, cl.key)
        deprecated = _DEPRECATED_NAME.search(name)
        if deprecated:
            name = name[: deprecated.start()].strip() or name
        rec = self.records.get(eid)
        if rec is None:
            rec = _Record(eid, spec.kind, name, priority=spec.priority)
            self.records[eid] = rec
        if deprecated:
            rec.attrs["deprecated_value"] = True
        rec.sources.append(cl.source_id)
        if spec.country:
            rec.attrs["country"] = spec.country
        galaxy = rec.attrs.setdefault("galaxy", {})
        galaxy[cl.key] = v["uuid"]
        rec.priority = min(rec.priority, spec.priority)
        self.by_uuid[uuid] = eid
        origin_primary = spec.naming_vendor or (naming.origin_of(raw, cl.name) if spec.kind in GROUP_KINDS else cl.name)
        rec.add_alias(Alias(raw, cl.source_id, origin_primary))
        if name != raw:
            rec.add_alias(Alias(name, cl.source_id, origin_primary))
        for n in extra_names:
            own_id = cl.key == "360net" and _360_DESIGNATOR.match(f"x - {n}") is not None
            rec.add_alias(Alias(n, cl.source_id, ID_360 if own_id else f"{cl.name} (from the value)"))
        seen_syn: set[str] = set()
        for syn in _list(meta.get("synonyms")) + _list(meta.get("aliases")):
            if not isinstance(syn, str) or not syn.strip():
                self.skip("malformed synonym", f"{cl.key}: {raw}: {syn!r}")
                continue
            if syn.strip() in seen_syn:
                self.skip("duplicate synonym", f"{cl.key}: {raw}: {syn.strip()}")
                continue
            seen_syn.add(syn.strip())
            origin = (
                f"{cl.name} synonym" if spec.kind not in GROUP_KINDS else naming.origin_of(syn, f"{cl.name} synonym")
            )
            rec.add_alias(Alias(syn.strip(), cl.source_id, origin))
        for key in ("external_id", "group_attack_id", "campaign_attack_id"):
            if not meta.get(key):
                continue
            if spec.maintainer == "tidal-cyber" and str(meta.get("source") or "") != "MITRE":
                # Tidal numbers its own objects in ATT&CK's style (G3002, C3047) and gives one number to
                # several groups (G3002: BianLian, Gold Dupont, UNC3784): Tidal's id, never ATT&CK's
                rec.attrs["tidal_id"] = str(meta[key])
                rec.add_alias(Alias(str(meta[key]), cl.source_id, TIDAL_ID))
                continue
            rec.attrs["attack_id"] = str(meta[key])
            rec.add_alias(Alias(str(meta[key]), cl.source_id, "MITRE ATT&CK id"))
        if v.get("description"):
            rec.attrs.setdefault("description", str(v["description"])[:4000])
            if cl.key == "intelligence-agencies":
                m = re.fullmatch(re.escape(raw) + r"\s*\(([A-Z]{2,6})\)", str(v["description"]).strip())
                if m:
                    rec.attrs["_acronym"] = m.group(1)
        for ref in _list(meta.get("refs")):
            sid = self.ref_source(str(ref))
            if sid:
                rec.sources.append(sid)
        self.meta_claims(cl, spec, rec, v, meta)

    # ---------------------------------------------------------------- meta -> claims

    def meta_claims(self, cl: Cluster, spec: Spec, rec: _Record, v: dict[str, Any], meta: dict[str, Any]) -> None:
        src = (cl.source_id,)
        who = self.assertor(spec.maintainer, cl.source_id)
        base = {"sources": src, "basis": "threat_intel_database", "origin": cl.origin}
        conf = _int(meta.get("attribution-confidence"))
        country = meta.get("country")
        if isinstance(country, str) and country:
            why = _non_state_country(cl, spec, v, meta, country)
            if why is not None:
                rec.attrs["country_label"] = country
                self.skip("country of a non-state actor", f"{cl.key}: {raw_name(v)}: {why}")
                country = None
        if isinstance(country, str) and country and spec.kind in {"threat_group", "government_agency"}:
            cid = self.countries.entity(country)
            if cid:
                rec.attrs["country"] = self.countries.code(country)
                pred = "attributed_to" if spec.kind == "threat_group" else "subordinate_to"
                self.claim(
                    subject=rec.id,
                    predicate=pred,
                    object=cid,
                    assertor=who,
                    confidence=conf if conf is not None else 60,
                    **base,
                )
            else:
                rec.attrs["country_label"] = country
                self.skip(Countries.why_not(country), f"{cl.key}: {raw_name(v)}: country {country!r}")
        sponsor = meta.get("cfr-suspected-state-sponsor")
        if isinstance(sponsor, str) and sponsor.strip() and sponsor.strip().lower() != "unknown":
            cid = self.countries.entity(sponsor)
            if cid is None:
                what = f"{cl.key}: {raw_name(v)}: cfr-suspected-state-sponsor {sponsor!r}"
                self.skip(Countries.why_not(sponsor), what)
            if cid:
                cfr = self.assertor("cfr", cl.source_id)
                self.claim(
                    subject=rec.id,
                    predicate="attributed_to",
                    object=cid,
                    assertor=cfr,
                    **{**base, "basis": "academic_interpretation"},
                )
        for victim in _list(meta.get("cfr-suspected-victims")):
            self._target(rec, str(victim), "cfr", cl, "academic_interpretation")
        for victim in _list(meta.get("suspected-victims")):
            self._target(rec, str(victim), spec.maintainer, cl, "threat_intel_database", region=True)
        for code in _list(meta.get("observed_countries")):
            self._target(rec, str(code), spec.maintainer, cl, "threat_intel_database")
        sectors: list[tuple[str, str]] = []
        sectors += [(str(s), "cfr") for s in _list(meta.get("cfr-target-category"))]
        for key in ("targeted-sector", "target-category", "target_categories"):
            sectors += [(str(s), spec.maintainer) for s in _list(meta.get(key))]
        for family in _list(meta.get("sector")):
            # Microsoft's "sector" is the family of the name (a country of origin, or "Financially
            # motivated"), not a target: a country becomes an attribution, anything else a label
            cid = self.countries.entity(str(family))
            if cid is None and str(family).strip() and Countries.why_not(str(family)) == "ambiguous country":
                self.skip("ambiguous country", f"{cl.key}: {raw_name(v)}: sector {family!r}")
            if cid:
                self.claim(
                    subject=rec.id,
                    predicate="attributed_to",
                    object=cid,
                    assertor=who,
                    **base,
                    note="Microsoft's naming family",
                )
            elif str(family).strip():
                self.claim(subject=rec.id, predicate="is_a", value=str(family).strip(), assertor=who, **base)
        for name, by in sectors:
            if name.strip():
                sid = self.sector(name, cl.source_id, cl.name)
                self.claim(
                    subject=rec.id,
                    predicate="targeted",
                    object=sid,
                    assertor=self.assertor(by, cl.source_id),
                    **{**base, "basis": "academic_interpretation" if by == "cfr" else "threat_intel_database"},
                )
        if (v.get("description") and not _HAN.search(str(v["description"])[:40])) or cl.key == "360net":
            self.claim(
                subject=rec.id,
                predicate="description",
                value=str(v["description"]).strip()[:4000],
                assertor=who,
                **base,
            )
        if spec.kind == "university":
            self._university(cl, spec, rec, meta, who, base)
        if cl.key == "tidal-campaigns":
            first, last = _day(meta.get("first_seen")), _day(meta.get("last_seen"))
            if first:
                rec.attrs["first_seen"] = first
            if last:
                rec.attrs["last_seen"] = last
            rec.attrs["_tidal_groups"] = sorted(set(_TIDAL_GROUP.findall(str(v.get("description") or ""))))

    def _target(self, rec: _Record, name: str, by: str, cl: Cluster, basis: str, *, region: bool = False) -> None:
        name = name.strip()
        if not name or name.lower() == "unknown":
            return
        target = self.countries.entity(name)
        if target is None:
            # a continent or a part of one is a region whichever field names it, and the region the store
            # already holds under that name ("Southeast Asia") rather than a second record
            bare = _article_free(name)
            if _REGION.match(bare):
                region, name = True, bare
            target = self.region_ids.get(norm(ZH_REGIONS.get(name, name))) if region else None
        if target is None:
            target = self.other_entity(name, "region" if region else "other_organisation", cl.source_id, cl.name)
        self.claim(
            subject=rec.id,
            predicate="targeted",
            object=target,
            sources=(cl.source_id,),
            assertor=self.assertor(by, cl.source_id),
            basis=basis,
            origin=cl.origin,
        )

    def _university(
        self, cl: Cluster, spec: Spec, rec: _Record, meta: dict[str, Any], who: str, base: dict[str, Any]
    ) -> None:
        address = str(meta.get("address") or "")
        province = _province_in(address, self.provinces.values())
        if province:
            self.claim(subject=rec.id, predicate="located_in", object=province, assertor=who, **base)
        for cat in _list(meta.get("categories")):
            self.claim(subject=rec.id, predicate="is_a", value=f"{cat} (ASPI category)", assertor=who, **base)
        for agency in _list(meta.get("supervising agencies")):
            agency = str(agency).strip()
            if not agency:
                continue
            kind = _agency_kind(agency)
            aid = self.other_entity(agency, kind, cl.source_id, cl.name, country=spec.country)
            self.claim(
                subject=rec.id,
                predicate="subordinate_to",
                object=aid,
                assertor=who,
                note="ASPI: supervising agency",
                **base,
            )
            if kind == "state_organ":
                prov = _province_in(agency, self.provinces.values())
                if prov:
                    self.claim(subject=aid, predicate="located_in", object=prov, assertor=who, **base)

    def related(self, cl: Cluster, spec: Spec) -> None:
        who = self.assertor(spec.maintainer, cl.source_id)
        for v in cl.values:
            src_id = self.by_uuid.get(v["uuid"].lower()) or self.by_uuid.get(v["uuid"])
            if src_id is None or src_id not in self.records:
                continue
            for r in v.get("related") or []:
                if not isinstance(r, dict) or not isinstance(r.get("dest-uuid"), str) or not r.get("type"):
                    self.skipped += 1
                    self.skip("malformed related entry", f"{cl.key}: {raw_name(v)}: {str(r)[:80]}")
                    continue
                pred = RELATED.get(str(r.get("type")))
                dest = self.by_uuid.get(str(r.get("dest-uuid", "")).lower())
                if pred is None:
                    self.skipped += 1
                    self.skip("related type not kept", f"{cl.key}: {r.get('type')}")
                    continue
                if dest is None or dest == src_id:
                    self.skipped += 1
                    self.skip("related entry to a value not imported", f"{cl.key}: {r.get('type')}")
                    continue
                if pred in _PEER_LINK and {self._kind(src_id), self._kind(dest)} <= GROUP_KINDS:
                    pred = "related_to"
                conf = 60
                for tag in _list(r.get("tags")):
                    m = re.search(r'likelihood-probability="([a-z-]+)"', str(tag))
                    if m and m.group(1) in LIKELIHOOD:
                        conf = LIKELIHOOD[m.group(1)]
                if r.get("type") == "revoked-by":
                    conf = 90
                s, o = src_id, dest
                if pred == "used" and self._kind(s) in {"malware", "tool"}:
                    continue  # software "uses" techniques; not a claim about groups
                self.claim(
                    subject=s,
                    predicate=pred,
                    object=o,
                    sources=(cl.source_id,),
                    assertor=who,
                    basis="threat_intel_database",
                    confidence=conf,
                    origin=cl.origin,
                    note=f"galaxy related: {r.get('type')}",
                )

    def attack_reference(self) -> None:
        """Bring the ATT&CK clusters up to MITRE's release in data/reference/attack-groups.yaml: every
        ATT&CK group (one record per STIX uuid, the galaxy's own where it has it) carries the release's
        id and aliases, cited to it; a value of an ATT&CK cluster without an id (the ICS cluster's
        ALLANITE) takes the id of the ATT&CK group of exactly its name; a group MITRE revoked says
        `same_as` the group it was revoked into (ATT&CK itself says they are one)."""
        source, groups = reference.attack_groups()
        src = source.id
        self.sources[src] = source
        who = self.assertor("mitre", src)
        by_name: dict[str, list[reference.Group]] = {}
        for g in groups:
            by_name.setdefault(g.name, []).append(g)
        mitre = {k for k, spec in CLUSTERS.items() if spec.maintainer == "mitre" and spec.kind in GROUP_KINDS}
        for rec in self.records.values():
            from_mitre = bool(set(rec.attrs.get("galaxy") or {}) & mitre)
            if rec.kind in GROUP_KINDS and not rec.attrs.get("attack_id") and from_mitre:
                named = by_name.get(rec.name, [])
                if len(named) == 1:
                    rec.attrs["attack_id"] = named[0].id
                    rec.add_alias(Alias(named[0].id, src, "MITRE ATT&CK id"))
        revoked = {g.id for g in groups if g.revoked_by}
        for rec in self.records.values():
            if rec.attrs.get("attack_id") in revoked:
                rec.attrs["attack_revoked"] = True
        owner: dict[str, str] = {}
        for g in groups:
            eid = f"g-{g.uuid}"
            rec = self.records.get(eid)
            if rec is None:
                rec = _Record(eid, "threat_group", g.name, priority=CLUSTERS["mitre-intrusion-set"].priority)
                rec.add_alias(Alias(g.name, src, "MITRE ATT&CK"))
                self.records[eid] = rec
                self.by_uuid[g.uuid] = eid
            rec.sources.append(src)
            rec.attrs["attack_id"] = g.id
            if g.revoked_by:
                rec.attrs["attack_revoked"] = True
            if g.deprecated:
                rec.attrs["attack_deprecated"] = True
            rec.add_alias(Alias(g.id, src, "MITRE ATT&CK id"))
            for a in g.aliases:
                rec.add_alias(Alias(a, src, naming.origin_of(a, "MITRE ATT&CK alias")))
            owner[g.id] = eid
        for g in groups:
            if g.revoked_by and g.revoked_by in owner:
                self.claim(
                    subject=owner[g.id],
                    predicate="same_as",
                    object=owner[g.revoked_by],
                    sources=(src,),
                    assertor=who,
                    basis="threat_intel_database",
                    confidence=90,
                    origin=f"{ORIGIN_PREFIX}attack-id",
                    note=f"ATT&CK revoked-by: {g.id} replaced by {g.revoked_by}",
                )

    def microsoft_reference(self) -> None:
        """Bring the Microsoft cluster up to Microsoft's published mapping of its actor names
        (data/reference/microsoft-threat-actors.yaml): each actor, the galaxy's record of that name or a new
        one, lists the other names Microsoft gives it, cited to the mapping, and is attributed to the
        country Microsoft names as its origin when the origin is a country alone (a nation-state actor):
        "Financially motivated" is no country, and "Ukraine, Financially motivated" says where a criminal
        group is, not which state it works for."""
        source, actors = reference.microsoft_actors()
        src = source.id
        self.sources[src] = source
        who = self.assertor("microsoft", src)
        spec = CLUSTERS["microsoft-activity-group"]
        mine: dict[str, _Record] = {}
        for rec in self.records.values():
            if "microsoft-activity-group" in (rec.attrs.get("galaxy") or {}):
                mine.setdefault(norm(rec.name), rec)
        # a name the table gives to several of Microsoft's actors (CrowdStrike's LABYRINTH CHOLLIMA beside
        # four of them) is a coarser grouping than any one of them: no alias of any, reported instead
        listed: dict[str, set[str]] = {}
        for a in actors:
            for n in a.other_names:
                listed.setdefault(norm(n), set()).add(a.name)
        for a in actors:
            rec = mine.get(norm(a.name))
            if rec is None:
                eid = f"msft-{slug(a.name)}"
                rec = self.records.get(eid) or _Record(eid, "threat_group", a.name, priority=spec.priority)
                rec.attrs["naming_vendor"] = spec.naming_vendor
                rec.add_alias(Alias(a.name, src, spec.naming_vendor))
                self.records[eid] = rec
            rec.sources.append(src)
            for n in a.other_names:
                if len(listed[norm(n)]) > 1:
                    self.skip("name the table gives to several actors", f"{src}: {n}: {a.name}")
                    continue
                rec.add_alias(Alias(n, src, naming.origin_of(n, "Microsoft threat actor list")))
            place = a.origin.strip()
            if not place or "," in place or place.lower() in THREAT_TYPES:
                continue
            cid = self.countries.entity(place)
            code = self.countries.code(place)
            if cid is None or code is None:
                self.skip(Countries.why_not(place), f"{src}: {a.name}: origin {place!r}")
                continue
            if rec.attrs.setdefault("country", code) != code:
                self.skip("country differs from the galaxy's", f"{src}: {a.name}: origin {place!r}")
                continue
            self.claim(
                subject=rec.id,
                predicate="attributed_to",
                object=cid,
                sources=(src,),
                assertor=who,
                basis="threat_intel_database",
                origin=f"{ORIGIN_PREFIX}microsoft-reference",
                note="Microsoft's origin of the actor",
            )

    def agency_acronyms(self) -> None:
        """An intelligence agency whose value's description is its name and an acronym in parentheses
        ("Central Intelligence Agency (CIA)") is also known by that acronym, unless the cluster gives the
        same acronym to another agency (several "NSA"s) or another entity already carries it (the curated
        National Security Agency is "NSA", a university "SDU"): such an acronym adds no name."""
        found: dict[str, list[_Record]] = {}
        for rec in self.records.values():
            acronym = rec.attrs.pop("_acronym", None)
            if acronym:
                found.setdefault(acronym, []).append(rec)
        carried: set[str] = set()
        for rec in self.records.values():
            if rec.kind in GROUP_KINDS and any(a.origin == ID_360 for a in rec.aliases.values()):
                continue  # 360's "CIA - APT-C-39": the group is renamed by its number (named_after_body)
            carried.add(norm(rec.name))
            carried.update(norm(a.name) for a in rec.aliases.values())
        for acronym, recs in found.items():
            if len(recs) > 1:
                self.skip("acronym several agencies share", f"intelligence-agencies: {acronym}")
                continue
            if norm(acronym) in carried or any(
                h.entity_id not in self.records for h in self.store.find_names(norm(acronym))
            ):
                self.skip("acronym another entity carries", f"intelligence-agencies: {acronym}")
                continue
            recs[0].add_alias(Alias(acronym, recs[0].sources[0], "intelligence-agencies (from the description)"))

    def named_after_body(self) -> None:
        """360's value "CIA - APT-C-39" names a group after the organisation 360 attributes it to: the
        organisation's name is not the group's (`resolve CIA` is the agency), and the group is named by
        360's own number. Any group record whose name is the name or an alias of a body (an agency, a
        country) in this import or the store is treated the same way when the record has another name."""
        bodies: set[str] = set()
        for rec in self.records.values():
            if rec.kind not in GROUP_KINDS | SOFTWARE_KINDS:
                bodies.add(norm(rec.name))
                bodies.update(norm(a.name) for a in rec.aliases.values())
        bodies |= {norm(name) for kind, name in self.known.values() if kind not in GROUP_KINDS | SOFTWARE_KINDS}
        for rec in self.records.values():
            if rec.kind not in GROUP_KINDS or norm(rec.name) not in bodies:
                continue
            ids = [a.name for a in rec.aliases.values() if a.origin == ID_360]
            if not ids:
                continue
            body = rec.name
            rec.aliases = {k: a for k, a in rec.aliases.items() if norm(a.name) != norm(body)}
            rec.name = ids[0]
            rec.attrs["named_after"] = body
            self.skip("group value named after the body it is attributed to", f"{rec.id}: {body}")

    def vendor_reference(self) -> None:
        """Vendors' own naming tables (data/reference/vendor-names.yaml): each vendor's group becomes a
        record named as the vendor names it, listing the names the vendor says it is also known as, each
        cited to the vendor's page; a row the source words as a relation ("has a relationship with") is a
        `related_to` claim to the group of that name, never an alias. Merging then joins the record to the
        records whose own name it carries or that list its name, under the same constraints as any other."""
        rows = reference.vendor_names()
        if not rows:
            return
        own: dict[str, list[_Record]] = {}
        for rec in self.records.values():
            if rec.kind in GROUP_KINDS:
                own.setdefault(norm(rec.name), []).append(rec)
        # a listed name that is the own name of a body, a country or a person (GCHQ in a list of Equation
        # Group's names) says who the group is attributed to, not what it is called
        bodies = {norm(r.name) for r in self.records.values() if r.kind not in GROUP_KINDS | SOFTWARE_KINDS}
        bodies |= {norm(name) for kind, name in self.known.values() if kind not in GROUP_KINDS | SOFTWARE_KINDS}
        related: list[tuple[reference.VendorName, _Record, str, str]] = []
        for r in rows:
            src = self._page_source(r)
            who = self._vendor_assertor(r, src)
            eid = f"vendor-{slug(r.vendor)}-{slug(r.group)}"
            rec = self.records.get(eid)
            if rec is None:
                rec = _Record(eid, "threat_group", r.group, priority=VENDOR_PRIORITY)
                coined = naming.coined_by(r.group)
                if coined is not None and coined.vendor == r.vendor:  # the group's name is in the vendor's scheme
                    rec.attrs["naming_vendor"] = r.vendor
                rec.add_alias(Alias(r.group, src, naming.origin_of(r.group, r.vendor)))
                self.records[eid] = rec
            rec.sources.append(src)
            if r.attack_id:
                rec.attrs["attack_id"] = r.attack_id
            if r.relation == "alias":
                if norm(r.alias) in bodies:
                    self.skip("listed name that is another kind of entity's", f"{r.vendor}: {r.group}: {r.alias}")
                    continue
                rec.add_alias(Alias(r.alias, src, f"{r.vendor} (also known as)"))
                continue
            related.append((r, rec, src, who))
        # a relation names a group by its name: the vendor's own groups of this table count (Secureworks'
        # COBALT MIRAGE "thought linked to COBALT ILLUSION", both its groups), so relations come after them
        for rec in self.records.values():
            if rec.id.startswith("vendor-") and rec.kind in GROUP_KINDS and rec not in own.get(norm(rec.name), []):
                own.setdefault(norm(rec.name), []).append(rec)
        for r, rec, src, who in related:
            targets = sorted(own.get(norm(r.alias), []), key=lambda x: (x.priority, x.id))
            if not targets:
                self.skip("related group without a record", f"{r.vendor}: {r.group}: {r.alias}")
                continue
            self.claim(
                subject=rec.id,
                predicate="related_to",
                object=targets[0].id,
                sources=(src,),
                assertor=who,
                basis="threat_intel_database",
                confidence=60,
                origin=f"{ORIGIN_PREFIX}vendor-names",
                evidence=Evidence(r.quote[:1000], src),
            )

    def _page_source(self, r: reference.VendorName) -> str:
        """The source of a vendor's page, by its URL (the id a galaxy reference to the same URL has)."""
        sid = "url-" + sha1(r.url.encode()).hexdigest()[:16]
        self.sources[sid] = Source(
            sid,
            title=r.title or f"{r.vendor}: {r.group}",
            publisher=r.vendor,
            published=r.date,
            url=r.url,
            kind="report",
        )
        return sid

    def _vendor_assertor(self, r: reference.VendorName, source_id: str) -> str:
        """Who speaks in a table row: the store's own entity of the body the table names (CISA for its
        advisories, the Department of Justice for its indictments) when the store has it; otherwise an
        entity of the table's speaker, a security vendor or, for a government table, a government agency."""
        if r.assertor and r.assertor in self.known:
            return r.assertor
        key = f"vendor-{slug(r.vendor)}"
        if key not in self.assertors and key not in self.known:
            kind = "government_agency" if r.assertor_type == "government" else "security_vendor"
            self.assertors[key] = Entity(key, kind, r.vendor, sources=(source_id,), assertor_type=r.assertor_type)
        return key

    def deprecated(self) -> None:
        """A value its maintainer marks deprecated in favour of another object ("APT42 (Deprecated)": Tidal
        Cyber "no longer maintaining this object in favor of a similar object subsequently published by
        MITRE: "APT42" (Group)", to which it says it added all its content) is that object: it is folded
        into it by a `same_as` citing the maintainer, and named without the marker. A successor that no
        record, or several, carries is reported, not guessed."""
        by_name: dict[tuple[str, str], list[_Record]] = {}
        for rec in self.records.values():
            if rec.attrs.get("attack_id") and not rec.attrs.get("deprecated_value"):
                by_name.setdefault((rec.kind, norm(rec.name)), []).append(rec)
        for rec in list(self.records.values()):
            m = _DEPRECATED.search(str(rec.attrs.get("description") or ""))
            if not rec.attrs.get("deprecated_value") or m is None:
                continue
            kind = "operation" if m.group(2) == "Campaign" else "threat_group"
            successors = sorted(by_name.get((kind, norm(m.group(1))), []), key=lambda r: (r.priority, r.id))
            if len({r.attrs["attack_id"] for r in successors}) != 1:
                self.skip("deprecated value without one successor", f"{rec.name}: {m.group(1)!r}")
                continue
            self.claim(
                subject=rec.id,
                predicate="same_as",
                object=successors[0].id,
                sources=(rec.sources[0],),
                assertor=self.assertor("tidal-cyber" if rec.attrs.get("tidal_id") else "misp-project", rec.sources[0]),
                basis="threat_intel_database",
                confidence=85,
                origin=f"{ORIGIN_PREFIX}attack-id",
                note=f"deprecated in favour of {m.group(1)!r} ({m.group(2)})",
            )

    def attack_ids(self) -> None:
        """Records that carry the same ATT&CK id (a Tidal group and the MITRE intrusion set) are one group."""
        by_id: dict[str, list[_Record]] = {}
        for rec in self.records.values():
            if rec.attrs.get("attack_id") and rec.kind != "country":
                by_id.setdefault(rec.attrs["attack_id"], []).append(rec)
        for attack_id, recs in by_id.items():
            recs.sort(key=lambda r: (r.priority, r.id))
            for other in recs[1:]:
                self.claim(
                    subject=other.id,
                    predicate="same_as",
                    object=recs[0].id,
                    sources=(other.sources[0], recs[0].sources[0]),
                    assertor="mitre",
                    basis="threat_intel_database",
                    confidence=90,
                    origin=f"{ORIGIN_PREFIX}attack-id",
                    note=f"both carry the ATT&CK id {attack_id}",
                )

    def listed_ids(self) -> None:
        """A value that lists one ATT&CK group id among its synonyms (MISP's Sandworm lists G0034) says it
        is that group: a same_as to the record that carries the id. A value listing several ids (APT17
        lists G0025 and G0001) is a composite of groups ATT&CK keeps apart: related_to each, no merge."""
        owner = {r.attrs["attack_id"]: r for r in self.records.values() if r.attrs.get("attack_id")}
        for rec in list(self.records.values()):
            if rec.kind not in GROUP_KINDS or rec.attrs.get("attack_id"):
                continue
            ids = sorted({a.name for a in rec.aliases.values() if _GROUP_ID.match(a.name)} & set(owner))
            for gid in ids:
                other = owner[gid]
                if other.kind not in GROUP_KINDS:
                    continue
                one = len(ids) == 1
                self.claim(
                    subject=rec.id,
                    predicate="same_as" if one else "related_to",
                    object=other.id,
                    sources=(rec.sources[0],),
                    assertor=self.assertor("misp-project", rec.sources[0]),
                    basis="threat_intel_database",
                    confidence=80 if one else 60,
                    origin=f"{ORIGIN_PREFIX}attack-id",
                    note=f"lists the ATT&CK id {gid} as a synonym"
                    + ("" if one else f" (with {', '.join(i for i in ids if i != gid)})"),
                )

    def campaigns(self, cl: Cluster) -> None:
        who = self.assertor("tidal-cyber", cl.source_id)
        for rec in self.records.values():
            groups = rec.attrs.pop("_tidal_groups", None)
            if not groups:
                continue
            for g in groups:
                gid = self.by_uuid.get(g)
                if gid is None:
                    self.skipped += 1
                    continue
                self.claim(
                    subject=gid,
                    predicate="conducted",
                    object=rec.id,
                    sources=(cl.source_id,),
                    assertor=who,
                    basis="threat_intel_database",
                    origin=cl.origin,
                    valid_from=rec.attrs.get("first_seen"),
                    valid_to=rec.attrs.get("last_seen"),
                )

    def _kind(self, eid: str) -> str:
        if eid in self.records:
            return self.records[eid].kind
        if eid in self.other:
            return self.other[eid].kind
        if eid in self.assertors:
            return self.assertors[eid].kind
        if eid in self.countries.created:
            return "country"
        return self.known.get(eid, ("?",))[0]


#: Microsoft's threat types that say an actor works for no state (influence operations may be a state's).
NON_STATE_TYPES = {"financially motivated", "private sector offensive actor"}


def _non_state(origin: str) -> bool:
    """Microsoft's origin names a non-state threat type, alone or after the country the actor is in."""
    return any(p.strip().lower() in NON_STATE_TYPES for p in origin.split(","))


#: what an entry's first sentence calls a group that works for no state ("a cybercrime group", "a Chinese-speaking,
#: financially motivated threat actor"), and the words that tie a description to a state anyway (APT41's "Chinese
#: state-sponsored espionage activity in addition to financially motivated activity"). "Hacktivist" is not among
#: them: governments' own units have posed as hacktivists (CyberAv3ngers, Predatory Sparrow), so the word leaves
#: the entry's country as it is
_NON_STATE = re.compile(
    r"\b(?:cyber\s?crim\w*|criminal|crime\s+(?:group|cluster|gang|ring)|financially[- ]motivated)",
    re.I,
)
_STATE_TIE = re.compile(
    r"\b(?:state[- ](?:sponsored|backed|linked|aligned|affiliated|nexus)|nation[- ]state|espionage|government|"
    r"military|intelligence|ministry|APT)\b",
    re.I,
)


def described_non_state(description: str, refs: Sequence[str] = ()) -> str | None:
    """The words by which a galaxy entry's first sentence calls its group non-state, or None.

    Only the first sentence says what the group is; a state tie anywhere in the description, or in the words of
    the addresses the entry cites (Webworm's "webworm-espionage-rats"), keeps the country an attribution, so a
    group that is both (APT41, Earth Freybug) or whose sources disagree with its summary is left as it was.
    """
    first = re.split(r"(?<=[.!?])\s+", description.strip(), maxsplit=1)[0]
    m = _NON_STATE.search(first)
    if m is None or _STATE_TIE.search(description):
        return None
    if any(_STATE_TIE.search(re.sub(r"[-_/.]+", " ", ref)) for ref in refs):
        return None
    return m.group(0)


def _non_state_country(cl: Cluster, spec: Spec, v: dict[str, Any], meta: dict[str, Any], country: str) -> str | None:
    """Why a value's country says where a non-state group is, not which state it works for, or None when it is
    an attribution: Microsoft's "Ukraine, Financially motivated" (the cluster's country is copied from it), or an
    entry whose own words open by calling the group criminal ("UAT-8099 is a Chinese-speaking cybercrime group").
    North Korea's state runs its revenue-raising intrusions itself: "financially motivated" says nothing against
    a North Korean group's sponsor."""
    if cl.key == "microsoft-activity-group":
        origin = _microsoft_non_state().get(norm(raw_name(v)))
        if origin is not None:
            return repr(origin)
    if spec.kind == "threat_group" and country.upper() != "KP":
        crime = described_non_state(str(v.get("description") or ""), [str(r) for r in _list(meta.get("refs"))])
        if crime is not None:
            return f"described as {crime!r}"
    return None


@functools.cache
def _microsoft_non_state() -> dict[str, str]:
    """Microsoft's actors whose origin is a threat type, by normalised name, with that origin."""
    _, actors = reference.microsoft_actors()
    return {norm(a.name): a.origin for a in actors if _non_state(a.origin)}


def raw_name(v: dict[str, Any]) -> str:
    return str(v.get("value") or "").strip()


def _int(x: Any) -> int | None:
    try:
        n = int(str(x))
    except (TypeError, ValueError):
        return None
    return n if 0 <= n <= 100 else None


def _day(x: Any) -> str | None:
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", str(x or ""))
    return m.group(1) if m else None


def _clean_name(raw: str, key: str) -> tuple[str, list[str]]:
    """The display name of a value and the names folded into it ("ZIRCONIUM - G0128", "AMS (中文)")."""
    extra: list[str] = []
    name = raw
    m = _ATTACK_SUFFIX.search(name)
    if m:
        name = name[: m.start()].strip()
        extra.append(m.group(1))
    m = _360_DESIGNATOR.match(name) if key == "360net" else None
    if m:  # 360's values are "<its name> - <its APT-C number>" ("海莲花 - APT-C-00"): two names of the group
        name = m.group(1).strip()
        extra.append(m.group(2))
    m = _PAREN.match(name)
    if m and key in {"china-defence-universities", "intelligence-agencies"}:
        inner = m.group(2).strip()
        if _HAN.search(inner):
            extra.append(inner)
            name = m.group(1).strip()
        else:
            extra.append(m.group(1).strip())  # "Ministry of State Security (China)" keeps its qualifier
    return name or raw, extra


def _agency_kind(name: str) -> str:
    """The kind of a supervising agency, from its name: PLA services are military units, provincial
    governments are state organs, the rest government agencies."""
    if re.search(r"\bPLA\b|People's Liberation Army|Armed Police|Military Commission|Strategic Support Force", name):
        return "military_unit"
    if re.search(r"Provincial Government|Municipal Government|People's Government", name):
        return "state_organ"
    return "government_agency"


def _province_in(text: str, divisions: Iterable[gazetteer.Division]) -> str | None:
    for d in divisions:
        names = [d.name, d.iso_name] + ([d.zh] if d.zh else [])
        if d.zh and d.zh.endswith(("省", "市")):
            names.append(d.zh[:-1])
        for n in names:
            if _HAN.search(n):
                if n in text:
                    return d.id
            elif re.search(rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])", text):
                return d.id
    return None


def import_galaxy(
    store: SQLiteStore,
    clusters: Sequence[str] | None = None,
    paths: Sequence[str | Path] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportReport:
    """Import galaxy clusters (by name from the installed package, or files) in one transaction."""
    wanted: list[tuple[Path, str | None]] = []
    if paths:
        wanted += [(Path(p), None) for p in paths]
    if clusters or not paths:
        for name in clusters or DEFAULT_CLUSTERS:
            wanted.append((cluster_path(name), name))
    loaded = [read_cluster(p, key) for p, key in wanted]
    loaded = [_file_identity(cl) if key is None else cl for cl, (_, key) in zip(loaded, wanted, strict=True)]
    b = _Builder(store)
    report = ImportReport(clusters=[c.key for c in loaded])
    total = len(loaded)
    specs = [(cl, CLUSTERS.get(cl.key) or _guess_spec(cl)) for cl in loaded]
    for i, (cl, spec) in enumerate(specs):
        if progress:
            progress(f"reading {cl.key}", i, total)
        b.cluster_source(cl)
        b.values(cl, spec)
        report.values += len(cl.values)
    for cl, spec in specs:
        b.related(cl, spec)
        if cl.key == "tidal-campaigns":
            b.campaigns(cl)
    if any(CLUSTERS.get(cl.key, spec).maintainer == "mitre" and spec.kind in GROUP_KINDS for cl, spec in specs):
        b.attack_reference()
    if any(cl.key == "microsoft-activity-group" for cl, _ in specs):
        b.microsoft_reference()
    b.agency_acronyms()
    b.named_after_body()
    if any(cl.key == "threat-actor" for cl, _ in specs):
        b.vendor_reference()
    b.deprecated()
    b.attack_ids()
    b.listed_ids()
    for rec in b.records.values():
        rec.attrs.pop("_tidal_groups", None)
    entities = [
        *b.assertors.values(),
        *(e for e in b.countries.created.values() if e.id not in b.records),
        *b.other.values(),
    ]
    existing = [r for r in b.records.values() if r.existing]
    records = [r.entity() for r in b.records.values() if not r.existing]
    report.records = len(records)
    report.aliases = sum(len(r.aliases) for r in records)
    report.claims = len(b.claims)
    report.sources = len(b.sources)
    report.skipped_links = b.skipped
    report.skipped = {k: dict(sorted(v.items())) for k, v in sorted(b.skips.items())}
    keep: dict[str, set[str]] = {cl.origin: set() for cl in loaded}
    keep[f"{ORIGIN_PREFIX}attack-id"] = set()
    if "microsoft-activity-group" in report.clusters:
        keep[f"{ORIGIN_PREFIX}microsoft-reference"] = set()
    if "threat-actor" in report.clusters:
        keep[f"{ORIGIN_PREFIX}vendor-names"] = set()
    with store.transaction():
        steps: list[tuple[str, list[Any]]] = [
            ("sources", list(b.sources.values())),
            ("entities", entities + records),
            ("names", existing),
            ("claims", list(b.claims.values())),
        ]
        done, grand = 0, sum(len(x) for _, x in steps)
        for what, items in steps:
            for item in items:
                if what == "sources":
                    report.written["sources"] += store.put_source(item)
                elif what == "entities":
                    report.written["entities"] += store.put_entity(item)
                elif what == "names":
                    report.written["entities"] += store.add_names(item.id, list(item.aliases.values()), item.sources)
                else:
                    report.written["claims"] += store.put_claim(item)
                    keep.setdefault(item.origin or "", set()).add(item.id)
                done += 1
                if progress and done % 500 == 0:
                    progress(f"writing {what}", done, grand)
        _keep_links_of_other_clusters(store, loaded, keep, set(b.records))
        for origin, ids in keep.items():
            report.retracted += store.retract_claims(origin, ids)
    if progress:
        progress("done", total, total)
    return report


def _file_identity(cl: Cluster) -> Cluster:
    """A cluster given by file is identified by its uuid: the installed cluster with that uuid (a newer
    version of it) takes its key; any other keeps its file's stem, unless the stem is an installed
    cluster's name (a different cluster that happens to share a file name), then the stem and its uuid.
    So importing a user's file never retracts what another cluster contributed."""
    by_uuid = _installed_uuids()
    if cl.uuid in by_uuid:
        return dataclasses.replace(cl, key=by_uuid[cl.uuid])
    if cl.key in CLUSTERS:
        return dataclasses.replace(cl, key=f"{cl.key}-{cl.uuid[:8]}")
    return cl


@functools.cache
def _installed_uuids() -> dict[str, str]:
    out: dict[str, str] = {}
    for name in CLUSTERS:
        try:
            uuid = json.loads(cluster_path(name).read_text(encoding="utf-8")).get("uuid")
        except (ImportFormatError, OSError, ValueError):
            continue
        if isinstance(uuid, str):
            out[uuid] = name
    return out


def _keep_links_of_other_clusters(
    store: SQLiteStore, loaded: list[Cluster], keep: dict[str, set[str]], read: set[str]
) -> None:
    """A partial import re-derives only the links among the records it read. The links it cannot see
    stay as they are: ATT&CK-id links citing a cluster it did not read, and a read cluster's related
    links to records of clusters it did not read (`g-…` ids outside `read`). A full import (the
    default) reads them all, so there every link no longer made is retracted."""
    sources = {cl.source_id for cl in loaded}
    origins = {cl.origin for cl in loaded}
    attack = f"{ORIGIN_PREFIX}attack-id"
    for c in store.iter_claims(statuses=("accepted",)):
        if c.origin == attack and not set(c.sources) <= sources:
            keep.setdefault(attack, set()).add(c.id)
        elif c.origin in origins and c.object and c.object.startswith("g-") and c.object not in read:
            keep.setdefault(c.origin, set()).add(c.id)


def _guess_spec(cl: Cluster) -> Spec:
    """A cluster given by file that is not one of the known ones: read its values as threat groups
    when its type says actor or intrusion set, otherwise refuse rather than guess."""
    t = f"{cl.type} {cl.name}".lower()
    if any(w in t for w in ("actor", "intrusion", "group")):
        return Spec("threat_group", "misp-project", priority=60)
    if "malware" in t:
        return Spec("malware", "misp-project", priority=60)
    if "tool" in t:
        return Spec("tool", "misp-project", priority=60)
    raise ImportFormatError(str(cl.path), "", f"cluster type {cl.type!r} is not one cyberstate imports")
