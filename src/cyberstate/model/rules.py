"""Domain rules, defined once: every analysis, extractor and loader imports them from here.

Before these lived here, each analysis kept its own copy and they disagreed (a military unit was
"provincial" in chains and "central" in the theses; the predicates that attribute differed between
coverage, theses and timeline; the Chinese-character range differed between the name index and the
extractor). A rule changed here changes every answer that depends on it.

**The ladder of attribution.** How specific the state's hand named by a chain is, least specific first:
country < agency (a ministry, government agency, regulator, party or state organ) < provincial bureau
(a provincial or municipal bureau *or a placed military unit*) < front company < person.

**The level of a military body comes from the data, not its kind.** `military_unit` covers national
branches and services (the Strategic Support Force, the Information Support Force, the Cyberspace Force,
the General Staff Department and its Third Department) as well as numbered units and bureaus (Unit 61398,
Unit 61419). A military unit the curated data place (`located_in` a province, city, region or special
economic zone, or `subordinate_to` a body so placed) sits at the bureau level: like a provincial MSS
department it is a named, located body below a central organ (Unit 61398 in Shanghai, Unit 78020 in
Kunming, the Chengdu Military Region). One the data do not place is a national body and sits at the agency
level: a group tied only to the Strategic Support Force reaches a national branch, not a bureau. `level_of`
is that rule; chain depths, coverage and the theses (provincial reach, provincial naming) all read a body's
level through it (analysis/graph.py `Graph.level`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --------------------------------------------------------------------------- levels of attribution

#: Levels of attribution, least specific first (the JSON `depth` / `level` labels).
LEVELS: tuple[str, ...] = ("none", "country", "agency", "provincial bureau", "front company", "person")

#: The kinds that put a chain at each level (none for "none").
LEVEL_KINDS: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "front company": frozenset({"front_company", "company"}),
    "provincial bureau": frozenset({"provincial_bureau", "municipal_bureau", "military_unit"}),
    "agency": frozenset({"ministry", "government_agency", "regulator", "state_organ", "party_organ"}),
    "country": frozenset({"country"}),
}

#: Firms: the kinds a company, a front or not, is stored as.
FIRM_KINDS: frozenset[str] = LEVEL_KINDS["front company"]
#: Kinds that may sit below the centre: a body of one province or city, or a military unit (at that level only
#: when placed: use `level_of` for a body's level, see the module docstring).
PROVINCIAL_KINDS: frozenset[str] = LEVEL_KINDS["provincial bureau"]
#: Central organs of the state: a chain that reaches one (or the country) reaches the state.
CENTRAL_KINDS: frozenset[str] = LEVEL_KINDS["agency"]
#: Where a chain reaches the state.
STATE_KINDS: frozenset[str] = CENTRAL_KINDS | {"country"}
#: Bodies that belong to one state, central or below it, with its legislature and courts: a name of such a body
#: ("Ministry of Defence") may be any state's, and the text says whose (extract/whose.py).
BODY_KINDS: frozenset[str] = CENTRAL_KINDS | PROVINCIAL_KINDS | {"legislature", "court"}


def level_of_kind(kind: str) -> str:
    """The level a body of this kind names ("none" for a kind on no level)."""
    for level in reversed(LEVELS[1:]):
        if kind in LEVEL_KINDS[level]:
            return level
    return "none"


#: Kinds whose level depends on whether the data place the body (see the module docstring).
PLACED_LEVEL_KINDS: frozenset[str] = frozenset({"military_unit"})
#: Places below a country: a body located in one is placed (a national body is located in a country at most).
SUBNATIONAL_PLACE_KINDS: frozenset[str] = frozenset({"province", "city", "region", "special_economic_zone"})


def level_of(kind: str, place_kinds: Iterable[str] = (), parent_levels: Iterable[str] = ()) -> str:
    """The level a body names, from its kind, the kinds of the places the data locate it in (`located_in`)
    and the levels of the bodies it is `subordinate_to`. A military unit is at the bureau level when the data
    place it: located in a province, city, region or zone, or subordinate to a body at the bureau level (a
    sub-unit of Unit 61398 is in Shanghai too); otherwise it is a national branch or service, at the agency
    level. Every other kind is at the level of its kind (`level_of_kind`)."""
    if kind in PLACED_LEVEL_KINDS:
        placed = SUBNATIONAL_PLACE_KINDS & set(place_kinds) or "provincial bureau" in set(parent_levels)
        return "provincial bureau" if placed else "agency"
    return level_of_kind(kind)


def level_rank(level: str) -> int:
    """Position on the ladder: higher is more specific."""
    return LEVELS.index(level)


#: The rungs from an act to the state, for walking a chain upward: a weak link (`linked_to`,
#: `supports`) is followed only towards a higher rung, so it never walks a chain back down.
#: Military units share the rung of provincial bureaus, whatever their level (a national branch still ranks
#: below the state organs above it in a chain).
RUNG: dict[str, int] = {
    "operation": 0,
    "malware": 0,
    "tool": 0,
    "indictment": 0,
    "sanction": 0,
    "public_attribution": 0,
    "person": 1,
    "threat_group": 2,
    "company": 3,
    "front_company": 3,
    "municipal_bureau": 4,
    "provincial_bureau": 4,
    "military_unit": 4,
    "university": 4,
    "research_centre": 4,
    "ministry": 5,
    "government_agency": 5,
    "regulator": 5,
    "state_organ": 6,
    "party_organ": 6,
    "country": 7,
}
#: From this rung up a body is national: what hangs under it is not thereby in any one province.
CENTRAL_RUNG = RUNG["ministry"]
#: The ties that say only that one thing is tied to or backs another, not which stands above: they lead up
#: only towards a higher rung (`climbs`).
WEAK_TIES: frozenset[str] = frozenset({"linked_to", "supports"})


def climbs(lower: str | None, upper: str | None) -> bool:
    """Whether a weak tie (WEAK_TIES) from an entity of kind `lower` to one of kind `upper` leads up: only
    towards a higher rung. A chain follows it so, and an ownership conflict reads a parent so: APT17 is
    linked to the MSS's Jinan bureau (a bureau above a group), while the Central Cyberspace Affairs
    Commission, linked to the working group whose efforts led to its founding (two party organs), is not
    thereby under it."""
    return RUNG.get(upper or "", -1) > RUNG.get(lower or "", 99)


# --------------------------------------------------------------------------- predicates

#: Predicates that attribute a group, operation, company or person to a body or a state.
ATTRIBUTING: frozenset[str] = frozenset({"attributed_to", "operated_by", "linked_to", "supports", "front_company_for"})

#: Predicates a chain follows up, from subject to object, from a group, company or person towards the
#: state (analysis/chain.py); what a walk up reads of a node is built on them (analysis/graph.py UP_OUT).
UPWARD: frozenset[str] = frozenset(
    {"operated_by", "front_company_for", "employed_by", "member_of_group", "attributed_to", "subordinate_to"}
)

#: Ties that do not say how two things are tied: `linked_to` ("has ties to"), and `related_to`, the
#: weakest ("see also"), which every tie says and which says no other.
GENERIC_TIES: frozenset[str] = frozenset({"linked_to", "related_to"})
#: What a predicate says besides itself and the generic ties: a group run by a body is attributable to it.
ENTAILS: dict[str, frozenset[str]] = {"operated_by": frozenset({"attributed_to"})}
#: Links between records, not ties between things: a denial of one disputes only that one.
RECORD_LINKS: frozenset[str] = frozenset({"same_as", "overlaps_with"})


def denial_disputes(denied: str, asserted: str) -> bool:
    """Whether a claim denying `A denied B` disputes a claim `A asserted B` between the same two ends.

    A denial disputes what it denies and whatever says it too: every tie says `related_to`, and every tie
    but `related_to` says `linked_to`, so a denial of a tie that does not say how disputes every tie
    between the two that says at least as much ("APT X has no link to the MSS" disputes "APT X
    operated_by the MSS", not a "see also"); a denial of `attributed_to` disputes `operated_by` (what a
    body runs is attributable to it). A denial of a specific tie leaves a weaker or different one
    standing: "Tick is not run by Unit 61419" does not dispute "Tick has ties to Unit 61419". Consensus,
    contested facts, chain steps and province links all apply this one rule."""
    if denied == asserted:
        return True
    if denied in RECORD_LINKS or asserted in RECORD_LINKS:
        return False
    if denied == "related_to":
        return True
    if denied == "linked_to":
        return asserted != "related_to"
    return denied in ENTAILS.get(asserted, ())


#: Predicates that put an organisation *under* another (who runs or owns it). One organisation under
#: two different parents by different sources is a contested ownership.
OWNERSHIP: frozenset[str] = frozenset({"subordinate_to", "operated_by", "front_company_for"})

#: (predicate, reverse?, kinds reached or None for any) steps that put something in or under a place,
#: walking down from it: what lies in the place; what is subordinate to, run by, a front for, a member
#: of or employed by a body already placed; the groups a placed front company fronts for, and the
#: operations those groups conducted. Never shared concepts (`part_of` an initiative), neighbours
#: (`borders`) or weak links (`linked_to`).
PLACING: tuple[tuple[str, bool, frozenset[str] | None], ...] = (
    ("located_in", True, None),
    ("subordinate_to", True, None),
    ("operated_by", True, None),
    ("front_company_for", True, None),
    ("member_of_group", True, None),
    ("employed_by", True, None),
    ("attributed_to", True, frozenset({"operation"})),
    ("front_company_for", False, frozenset({"threat_group"})),
    ("conducted", False, frozenset({"operation"})),
)
#: Kinds that may stand in a province only by being located there (not by sharing a concept with it).
PLACE_KINDS: frozenset[str] = frozenset({"country", "province", "city", "special_economic_zone", "region"})

# --------------------------------------------------------------------------- responses and assertors

#: Official responses to an operation, and the word a timeline uses for each.
RESPONSE_KINDS: dict[str, str] = {
    "indictment": "indictment",
    "sanction": "sanction",
    "public_attribution": "attribution",
    "advisory": "advisory",
    "statement": "statement",
}
#: Assertor types whose attribution is the state's own word (a government, a court, an IO).
OFFICIAL_ASSERTORS: frozenset[str] = frozenset({"government", "court", "international_organisation"})

# --------------------------------------------------------------------------- scripts

#: Chinese characters (Han): CJK Unified Ideographs, Extension A, and the compatibility ideographs.
HAN_RANGES: tuple[tuple[str, str], ...] = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))
HAN = re.compile("[" + "".join(f"{a}-{b}" for a, b in HAN_RANGES) + "]")


def is_han(ch: str) -> bool:
    """True for one Chinese character."""
    return any(a <= ch <= b for a, b in HAN_RANGES)


def has_han(text: str) -> bool:
    """True when the text holds Chinese characters (so its language tag is zh)."""
    return bool(HAN.search(text))
