"""The controlled vocabularies: entity kinds, predicates with domain and range, bases, markings.

Kinds are grouped into classes (place, organisation, actor, ...) so that a predicate can name a class
as its domain or range instead of listing every kind; the check happens on every write, so a claim that
says a law is "located in" a threat group never reaches the store.  The vocabularies are plain data so
that the docs, the checks and the CLI all read the same table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

# ---------------------------------------------------------------------------------------------- kinds

KIND_CLASSES: dict[str, tuple[str, ...]] = {
    "place": (
        "country",
        "province",
        "city",
        "special_economic_zone",
        "region",
    ),
    "organisation": (
        "party_organ",
        "state_organ",
        "ministry",
        "provincial_bureau",
        "municipal_bureau",
        "military_unit",
        "government_agency",
        "regulator",
        "standards_body",
        "association",
        "legislature",
        "court",
        "company",
        "front_company",
        "security_vendor",
        "media_organisation",
        "university",
        "research_centre",
        "research_group",
        "international_organisation",
        "forum",
        "other_organisation",  # an organisation a source names without saying what it is
    ),
    "actor": ("threat_group", "person"),
    "activity": ("operation", "malware", "tool"),
    "instrument": (
        "law",
        "regulation",
        "amendment",
        "strategy",
        "strategic_objective",
        "policy",
        "initiative",
        "agreement",
        "standard",
    ),
    "response": (
        "indictment",
        "sanction",
        "public_attribution",
        "advisory",
        "statement",
    ),
    "other": ("sector", "facility", "system", "event", "doctrine"),
}

KINDS: frozenset[str] = frozenset(k for ks in KIND_CLASSES.values() for k in ks)
KIND_CLASS: dict[str, str] = {k: cls for cls, ks in KIND_CLASSES.items() for k in ks}

#: Everything that can act, sign, host or be asked to answer for something.
AGENT_CLASSES = ("organisation", "actor")
#: Kinds that behave like actors in statements although they are places (states sign agreements).
POLITIES = ("country", "province", "city", "special_economic_zone")


@cache  # every claim written checks domain and range: expand each spec once
def expand(spec: str) -> frozenset[str]:
    """Turn a domain or range spec ("organisation|country|law", "*", "literal") into kinds."""
    if spec == "*":
        return KINDS
    out: set[str] = set()
    for part in spec.split("|"):
        if part in KIND_CLASSES:
            out.update(KIND_CLASSES[part])
        elif part == "agent":
            for cls in AGENT_CLASSES:
                out.update(KIND_CLASSES[cls])
            out.update(POLITIES)
        elif part in KINDS:
            out.add(part)
        else:
            raise ValueError(f"unknown kind or class {part!r} in vocabulary spec {spec!r}")
    return frozenset(out)


#: Which records an exact name match may join: only records of the same match class (a group named like
#: a campaign is not the campaign). Places are matched by their codes, never by name.
MATCH_CLASS: dict[str, str] = {
    "threat_group": "group",
    "operation": "operation",
    "malware": "software",
    "tool": "software",
    "sector": "sector",
    "person": "person",
    **{k: "organisation" for k in KIND_CLASSES["organisation"]},
}

# ------------------------------------------------------------------------------------- literal types


class Datatype(StrEnum):
    """What a literal object must look like."""

    TEXT = "text"
    DATE = "date"  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD (sources often give only a year)
    NUMBER = "number"
    QUANTITY = "quantity"  # {amount, unit, qualifier?}: "about 300 standards"


# ---------------------------------------------------------------------------------------- predicates


@dataclass(frozen=True, slots=True)
class Predicate:
    """One predicate: what it links, and how to read it."""

    name: str
    domain: str
    range: str  # a kind spec, or "literal:<datatype>"
    doc: str
    inverse: str = ""  # the label read from the object's side
    symmetric: bool = False

    @property
    def literal(self) -> Datatype | None:
        return _datatype(self.range)

    @property
    def domain_kinds(self) -> frozenset[str]:
        return expand(self.domain)

    @property
    def range_kinds(self) -> frozenset[str]:
        return _range_kinds(self.range)


def _datatype(spec: str) -> Datatype | None:
    """The datatype of a literal range spec ("literal:date"), None for a range of kinds."""
    return Datatype(spec.split(":", 1)[1]) if spec.startswith("literal:") else None


@cache  # the extraction rules ask a predicate's range kinds a few hundred thousand times a megabyte
def _range_kinds(spec: str) -> frozenset[str]:
    """`Predicate.range_kinds` of a range spec: no kinds for a literal (whose datatype must be known)."""
    return frozenset() if _datatype(spec) is not None else expand(spec)


_P = Predicate
PREDICATE_LIST: tuple[Predicate, ...] = (
    # structure of the state and of organisations
    _P(
        "subordinate_to",
        "organisation",
        "organisation|country|province|city",
        "the subject reports to, or is directed by, the object",
        "oversees",
    ),
    _P("part_of", "*", "*", "the subject is a component of the object", "has part"),
    _P(
        "located_in",
        "place|organisation|facility|event|initiative|actor|system",
        "place",
        "the subject is (or is based) in the place",
        "location of",
    ),
    _P("chaired_by", "organisation", "person", "the person chairs or heads the body", "chairs"),
    _P(
        "member_of",
        "organisation|country|person",
        "organisation",
        "the subject is a member of the organisation or forum",
        "has member",
    ),
    _P("established_by", "*", "agent", "the object founded, created or formed the subject", "established"),
    _P(
        "succeeded",
        "organisation|instrument",
        "organisation|instrument",
        "the subject replaced or grew out of the object",
        "succeeded by",
    ),
    # attribution chain
    _P(
        "operated_by",
        "threat_group|operation|company|person",
        "organisation|country",
        "the group (or a company) works for, or is run by, the object (bureau, unit, ministry, company); a person "
        "acts at its direction (on behalf of, at the behest of, under orders from it)",
        "operates",
    ),
    _P(
        "front_company_for",
        "company|front_company",
        "organisation|threat_group",
        "the company serves as cover for the object",
        "uses front company",
    ),
    _P("employed_by", "person", "organisation", "the person works for the organisation", "employs"),
    _P(
        "member_of_group",
        "person",
        "threat_group",
        "the person is a member of the threat group",
        "has member",
    ),
    _P(
        "attributed_to",
        "operation|threat_group|malware",
        "threat_group|organisation|country|person",
        "responsibility for the subject is assigned to the object",
        "responsible for",
    ),
    _P(
        "linked_to",
        "*",
        "*",
        "a stated link of unstated nature (weaker than the specific predicates)",
        "linked to",
        symmetric=True,
    ),
    _P(
        "conducted",
        "threat_group|organisation|person|country|province",
        "operation",
        "the subject carried out the operation",
        "conducted by",
    ),
    # A country may do the targeting, as it may conduct an operation: sources often state a deed at the level
    # of the state ("China targeted six agencies", a state's accusation that another state attacked it), and
    # a statement is kept at the level its source states it. Who stands behind a group is read from the
    # attribution predicates, never from `targeted`, so a state-level target claim adds no chain link.
    _P(
        "targeted",
        "operation|threat_group|organisation|person|malware|country",
        "place|organisation|sector|person|actor|system",
        "the subject attacked or spied on the object (a country: the source tells the state as the doer)",
        "targeted by",
    ),
    _P(
        "used",
        "threat_group|operation|person",
        "malware|tool|system",
        "the subject used the malware or tool",
        "used by",
    ),
    # responses
    _P(
        "indicted",
        "indictment|organisation|country",
        "person|threat_group|organisation",
        "the indictment (or the court, prosecutor or state that brings it) charges the object",
        "indicted in",
    ),
    _P(
        "sanctioned",
        "sanction|organisation|country",
        "person|organisation|threat_group",
        "the designation (or the state or body that makes it) sanctions the object",
        "sanctioned in",
    ),
    _P(
        "concerns",
        "response|agreement|instrument",
        "*",
        "the action, statement or agreement is about the object",
        "subject of",
    ),
    _P(
        "issued_by",
        "response|instrument",
        "agent",
        "the object issued, filed, enacted or published the subject",
        "issued",
    ),
    _P("charge", "indictment", "literal:text", "the offence charged"),
    # law, policy, governance
    _P("amended_by", "law|regulation", "amendment|law|regulation", "the object amends the subject", "amends"),
    _P("adopted", "instrument", "literal:date", "date the instrument was adopted or approved"),
    _P("in_force_from", "instrument", "literal:date", "date the instrument entered into force"),
    _P(
        "regulates",
        "organisation|instrument",
        "*",
        "the subject governs or controls the object",
        "regulated by",
    ),
    _P(
        "empowers",
        "law|regulation|strategy",
        "organisation",
        "the instrument gives powers or duties to the body",
        "empowered by",
    ),
    _P(
        "implements",
        "organisation|instrument|place",
        "instrument|doctrine",
        "the subject carries out or gives effect to the object",
        "implemented by",
    ),
    _P("responsible_for", "organisation|person", "literal:text", "a responsibility or task of the body"),
    _P("objective", "instrument|organisation", "literal:text", "a stated aim"),
    _P(
        "has_objective",
        "strategy|policy|initiative|law",
        "strategic_objective",
        "the instrument sets the objective",
        "objective of",
    ),
    _P("promotes", "agent|instrument", "*", "the subject advocates or advances the object", "promoted by"),
    _P("supports", "agent|instrument", "*", "the subject backs or sustains the object", "supported by"),
    _P(
        "aligned_with",
        "agent|instrument",
        "doctrine|instrument",
        "the subject aligns its policy with the object",
        "followed by",
    ),
    _P("uses_system", "organisation|country", "system", "the subject runs or uses the system", "used by"),
    # international relations
    _P(
        "cooperates_with",
        "agent|forum",
        "agent|forum",
        "the two cooperate (symmetric)",
        "cooperates with",
        symmetric=True,
    ),
    _P("signed", "agent", "agreement", "the subject is party to the agreement", "signed by"),
    _P(
        "hosts",
        "agent|place",
        "event|forum|facility|organisation|initiative",
        "the subject hosts, organises or houses the object",
        "hosted by",
    ),
    _P(
        "participates_in",
        "agent",
        "event|forum|organisation|initiative",
        "the subject takes part in the object",
        "participant",
    ),
    _P("borders", "place", "place", "the two places share a border", "borders", symmetric=True),
    _P("opposes", "agent", "*", "the subject acts against or criticises the object", "opposed by"),
    _P(
        "specialises_in",
        "organisation|place|threat_group",
        "literal:text",
        "a stated specialisation or priority",
    ),
    # attributes
    _P(
        "is_a",
        "*",
        "literal:text",
        "what the source calls the subject, in its own words (kept even when reference data disagrees)",
    ),
    _P("founded", "*", "literal:date", "date the subject was founded or started"),
    _P("active", "*", "literal:text", "when the subject was active, as the source states it"),
    _P("description", "*", "literal:text", "a characterisation the source gives"),
    _P("quantity", "*", "literal:quantity", "a figure the source gives about the subject"),
    _P("also_known_as", "*", "literal:text", "another name the source gives for the subject (becomes an alias)"),
    # equivalence (merging across sources)
    _P("same_as", "*", "*", "the two records denote the same thing", "same as", symmetric=True),
    _P(
        "overlaps_with",
        "threat_group|operation",
        "threat_group|operation",
        "the two clusters overlap in part",
        "overlaps with",
        symmetric=True,
    ),
    _P(
        "related_to",
        "*",
        "*",
        "a source relates the two (similar, associated, overlapping) without saying they are one: never merges them",
        "see also",
        symmetric=True,
    ),
)
PREDICATES: dict[str, Predicate] = {p.name: p for p in PREDICATE_LIST}


def check_domain_range_kinds(predicate: str, subject_kind: str, object_kind: str | None) -> bool:
    """Whether a predicate admits these kinds (the boolean form of records.check_domain_range)."""
    p = PREDICATES[predicate]
    if subject_kind not in p.domain_kinds:
        return False
    return object_kind is None if p.literal else object_kind in p.range_kinds


# ------------------------------------------------------------------------------------- bases, types


class Basis(StrEnum):
    """What kind of statement a claim rests on; drives default confidence and consensus weight."""

    TECHNICAL_ANALYSIS = "technical_analysis"
    INTELLIGENCE_ASSESSMENT = "intelligence_assessment"
    LEGAL_ALLEGATION = "legal_allegation"  # an indictment or complaint alleges; no court has found
    COURT_FINDING = "court_finding"
    SANCTION_DESIGNATION = "sanction_designation"
    OFFICIAL_STATEMENT = "official_statement"
    MEDIA_REPORT = "media_report"
    ACADEMIC_INTERPRETATION = "academic_interpretation"
    REFERENCE_DATA = "reference_data"  # a standard or gazetteer (ISO 3166-2)
    PRIMARY_DOCUMENT = "primary_document"  # the text of a law or strategy itself
    THREAT_INTEL_DATABASE = "threat_intel_database"  # a curated catalogue (MISP galaxy, ATT&CK, Tidal)
    INFERENCE = "inference"  # derived by cyberstate from other claims (an exact name match)
    ANALYST_DECISION = "analyst_decision"  # a reviewer's call recorded in this knowledge base


class AssertorType(StrEnum):
    COURT = "court"
    GOVERNMENT = "government"
    VENDOR = "vendor"
    MEDIA = "media"
    ACADEMIC = "academic"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    RESEARCHER = "researcher"  # independent, non-academic research groups (Intrusion Truth)
    STANDARDS_BODY = "standards_body"  # ISO, for reference data
    AUTOMATED = "automated"  # cyberstate itself, for equivalences it infers (exact name matches)
    ANALYST = "analyst"  # the local user of this knowledge base (merge and unmerge decisions)
    INDIVIDUAL = "individual"  # a person speaking for themself (a defendant's denial)


class Marking(StrEnum):
    """TLP 2.0."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"


#: The TLP levels, least to most restrictive (the order of `Marking`).
MARKING_ORDER: tuple[str, ...] = tuple(m.value for m in Marking)
MARKING_RANK: dict[str, int] = {m: i for i, m in enumerate(MARKING_ORDER)}


def most_restrictive(*markings: str) -> str:
    """The most restrictive of TLP levels (TLP:CLEAR of none)."""
    return max(markings, key=MARKING_RANK.__getitem__, default=MARKING_ORDER[0])


def shareable(marking: str, limit: str) -> bool:
    """What may be shared at level `limit`: an object, entity or claim whose marking is at most as restrictive
    as the limit. Every export and TAXII collection asks this of each object it writes."""
    return MARKING_RANK[marking] <= MARKING_RANK[limit]


def entity_marking(own: str, claims: Iterable[str]) -> str:
    """The level at which an entity may be shared: its own marking (the one its record came with, TLP:CLEAR
    when none), raised to the least restrictive marking of the claims naming it when it has any (an entity
    known only from TLP:AMBER claims is known at TLP:AMBER)."""
    least = min(claims, key=MARKING_RANK.__getitem__, default=None)
    return own if least is None else most_restrictive(own, least)


def claim_marking(marking: str, *named: str) -> str:
    """The level at which a claim may be shared: its own marking, raised to the own markings of the entities
    it names, its ends and its assertor (a claim naming a TLP:RED group says that the group exists, one a
    TLP:RED body asserts says what that body says: each is shared no wider than the entity)."""
    return most_restrictive(marking, *named)


class Status(StrEnum):
    CANDIDATE = "candidate"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    RETRACTED = "retracted"


#: Default confidence by basis, on the STIX 2.1 0-100 scale, used when a record states none.
#: A court finding or a reference standard is as firm as a public statement gets; a legal allegation
#: or a sanction designation is an official, evidenced position but contestable; an author's own
#: interpretation is the softest.
DEFAULT_CONFIDENCE: dict[Basis, int] = {
    Basis.COURT_FINDING: 95,
    Basis.REFERENCE_DATA: 95,
    Basis.PRIMARY_DOCUMENT: 95,
    Basis.SANCTION_DESIGNATION: 85,
    Basis.LEGAL_ALLEGATION: 85,
    Basis.OFFICIAL_STATEMENT: 80,
    Basis.INTELLIGENCE_ASSESSMENT: 75,
    Basis.TECHNICAL_ANALYSIS: 70,
    Basis.MEDIA_REPORT: 60,
    Basis.ACADEMIC_INTERPRETATION: 60,
    Basis.THREAT_INTEL_DATABASE: 60,
    Basis.INFERENCE: 60,
    Basis.ANALYST_DECISION: 90,
}


def marking_of(value: str) -> Marking:
    """Accept "TLP:AMBER+STRICT", "amber+strict" or "AMBER_STRICT"."""
    v = value.strip().upper().replace("_", "+")
    if not v.startswith("TLP:"):
        v = "TLP:" + v
    return Marking(v)
