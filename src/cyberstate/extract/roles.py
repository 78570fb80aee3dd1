"""Who does a deed and who stands behind the doer, read from the phrase a name sits in.

In "officers of the MSS hacked the firm", "hackers tied to China's MSS stole data", "APT40, a group run by
the MSS, targeted universities" or "Unit 61398, a unit of the PLA, targeted US firms", the name before the
verb qualifies the noun at the head of the phrase: that head (the officers, the hackers, APT40, Unit 61398)
did the deed, and the name is its backer. The tie itself (run by, a unit of, tied to) is read by the rules
for those ties; the deed must not go to the backer. Likewise "charged members of APT41" charges the
members, not the group.
"""

from __future__ import annotations

from cyberstate.extract import rx as re
from cyberstate.extract.memo import per_text
from cyberstate.extract.mentions import Mention

#: The people or groups whose backer follows "of / from / within": "officers of", "hackers from".
_PEOPLE = (
    r"(?:members?|officers?|officials?|employees?|agents?|operatives?|affiliates?|personnel|staff|spies|"
    r"hackers?|actors?|operators?|contractors?|units?|groups?|teams?|cells?|elements?|squads?)"
)
#: The ties that make the name after them the backer of the noun before them.
_TIES = (
    r"(?:(?:tied|linked|connected|attached|subordinate|answerable|beholden)\s+to|"
    r"(?:backed|sponsored|run|operated|controlled|directed|overseen|funded|supported|tasked|commanded|"
    r"managed|employed|hired|contracted|financed|guided)\s+by|"
    r"affiliated\s+(?:with|to)|associated\s+with|aligned\s+with|working\s+(?:for|with|under)|acting\s+for|"
    r"on\s+behalf\s+of|with\s+(?:\w+\s+)?(?:links|ties|connections)\s+to|part\s+of|"
    # "hackers who work for the MSS": a relative clause that qualifies the noun by the body it serves
    r"(?:who|that)\s+(?:\w+ly\s+)?(?:work(?:s|ed)?|act(?:s|ed)?|operate[sd]?|spie[sd])\s+(?:for|under|on\s+behalf\s+of)|"
    r"(?:a|an|the|one)\s+(?:[\w-]+\s+){0,2}?(?:unit|arm|branch|part|division|subsidiary|front|contractor|"
    r"proxy|subordinate|bureau|department|element|team|cell)\s+(?:of|under|within))"
)
#: The phrase before a backer's name, anchored at the name: "officers of the", ", a group run by the",
#: "tied to China's". The participle needs a noun or a comma before it ("the report tied to" is no tie of a
#: noun, but such sentences put an object between).
_BACKER = re.compile(
    r"(?:\b" + _PEOPLE + r"\s+(?P<of>of|for|from|within|at)|(?<=[\w,)])\s+(?P<tie>" + _TIES + r"))"
    # "officers from the Jiangsu province local arm of the MSS": the body's own arm between
    r"(?:\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:arm|branch|bureau|office|department|division)\s+of)?"
    r"\s+(?:the\s+)?(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s\s+)?$",
    re.I,
)
#: A verb before the tie makes it the sentence's predicate, not a phrase qualifying a noun.
_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|which|who|that)\s+(?:[a-z]+ly\s+){0,2}$", re.I
)
#: A relative clause qualifies the noun before it: "the group, which is tied to the MSS, hacked X".
RELATIVE = re.compile(
    r"\b(?:which|who|that)\s+(?:(?:is|are|was|were|has|have|had|been|being)\s+(?:[a-z]+ly\s+){0,2}){1,2}$", re.I
)
#: The people named by their group as the object of a charge: "charged members of APT41".
_MEMBERS_OF = re.compile(
    r"\b(?:members?|officers?|employees?|operatives?|affiliates?|hackers|associates|personnel)\s+of\s+(?:the\s+)?$",
    re.I,
)


#: Bodies that operate themselves: their people's deeds are theirs.
_OPERATORS = frozenset({"threat_group", "military_unit"})


@per_text  # asked up to four times of one name by the cues, the frames and `in_relative` (speed only)
def backer_phrase(text: str, s: int, start: int) -> int | None:
    """Where the phrase that makes the name at `start` a backer begins ("tied to" in "hackers tied to the
    MSS", "of" in "officers of the MSS"), or None when the name heads its own phrase."""
    m = _BACKER.search(text, max(s, start - 110), start)
    if m is None:
        return None
    if m.group("of"):
        return m.start("of")
    if _PREDICATE.search(text, max(s, m.start("tie") - 40), m.start("tie")) and not RELATIVE.search(
        text, max(s, m.start("tie") - 60), m.start("tie")
    ):
        return None  # "Integrity Tech has been linked to Flax Typhoon, a group known for targeting X": a predicate
    return m.start("tie")


def backs(text: str, s: int, m: Mention) -> bool:
    """Whether the name `m` stands behind the doer of the phrase it sits in. A threat group or a military
    unit does what its members or officers do ("hackers of APT41 breached X": APT41 breached X); a
    ministry, an army, a company or a country stands behind them."""
    return not (m.kinds() & _OPERATORS) and backer_phrase(text, s, m.start) is not None


#: A name that is the object of a relative clause on a noun of doers: "hackers who praised the", "the group
#: that attacked", "spies who answered to the". The copula is left out ("actors that are APT41": the name).
_RELATIVE_OBJECT = re.compile(
    r"\b(?P<noun>" + _PEOPLE + r"|spies|individuals|nationals|suspects|men|compan(?:y|ies)|firms?|contractors?)"
    r"\s*,?\s+(?:who|that)\s+(?:[a-z]+ly\s+)?(?:(?:has|have|had)\s+)?(?!(?:is|are|was|were|be|been|being)\b)"
    r"(?-i:[a-z]+)\s+(?:(?:to|for|with|under|on|against|into|at|from|by|about)\s+)?(?:the\s+)?"
    r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s\s+)?$",
    re.I,
)


def in_relative(text: str, s: int, m: Mention) -> int | None:
    """Where the noun ends whose relative clause holds the name `m` as its object ("hackers who praised the
    MSS breached X": the hackers breached X, the MSS is only praised), or None. A tie in that clause is a
    backer phrase (`backer_phrase`) and read as one."""
    if backer_phrase(text, s, m.start) is not None:
        return None
    hit = _RELATIVE_OBJECT.search(text, max(s, m.start - 80), m.start)
    return hit.end("noun") if hit else None


def people_of(text: str, s: int, start: int) -> bool:
    """Whether the name at `start` names the group of the people a deed is done to: "members of APT41"."""
    return _MEMBERS_OF.search(text, max(s, start - 40), start) is not None


#: A preposition just before a name: the name is its object, never the subject of a verb ("an actor based in
#: China aimed at X", "organisations across the United States were hacked", "hackers tied to the Chinese
#: government", "actors sponsored by China"), with an article or a quotation mark between as well ("charged in a
#: U.S. court for a cyberattack on X", 'raised by the "Taiwan independence" forces that has infiltrated X': the
#: maker of a group backs it, as its sponsor does). A bare "by" is left out: the agent of a passive or of a deed
#: did it ("attacks on X by the US government").
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|into|from|of|on|at|across|against|to|for|with|within|throughout|inside|outside|over|about|"
    r"towards?|near|between|among|like|behind|"
    r"(?:sponsored|backed|funded|supported|directed|run|hired|raised|created|formed|founded)\s+by)"
    r"\s+(?:(?:the|a|an)\s+)?[\"'“‘]?$",
    re.I,
)
#: A noun of doers or of reporters right after a name: the name qualifies them ("Chinese hackers", "US
#: investigators say", "U.S. state agencies"), it is not the phrase's head.
_QUALIFIED_HEAD = re.compile(
    r"\s+(?:hackers?|actors?|groups?|spies|cyberspies|operators?|attackers?|intruders?|agents?|officials?|"
    r"officers?|nationals?|prosecutors|authorities|investigators|researchers|analysts|experts|lawmakers|"
    r"intelligence|military|state|government-?\w*|companies|firms|entities|agencies|networks)\b"
)


#: A name joined by a hyphen to the word after it ("China-based servers", "China-made routers"): a modifier of
#: the noun after it, not a noun phrase of its own.
_HYPHENED = re.compile(r"-[a-z]")

#: A deed's noun right after a name: the name tells who did it ("US cyberattacks on China").
_ITS_DEED = re.compile(
    r"(?:['’]s)?\s+(?:cyber[- ]?)?(?:attacks?|cyberattacks?|cyber-attacks?|hacking|intrusions?|espionage|spying|"
    r"operations?|campaigns?)\b",
    re.I,
)


#: Kinds that do deeds in their own name wherever a sentence puts them: groups, people, units, campaigns, malware.
_ACTORS = frozenset({"threat_group", "person", "military_unit", "operation", "malware", "tool"})


#: A possessor right before a name ("the Chinese Communist Party's"): the name is the possessed noun's head.
_POSSESSOR_BEFORE = re.compile(r"(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+$")


def body_as_doer(text: str, s: int, m: Mention) -> bool:
    """Whether a named body (a company, a ministry, an agency) may be read as the doer of a targeting verb: not as
    the object of a preposition ("exploiting a flaw in X's email servers to launch attacks on Y", "officers of
    X tried to steal data from Y": the servers and the officers are what the phrase is about); a group, a person,
    a unit or a campaign does what it is named doing, and a country is read by `state_as_doer`."""
    if not m.targets or m.kinds() & _ACTORS or m.kinds() == {"country"}:
        return True
    at = m.start
    possessor = _POSSESSOR_BEFORE.search(text, max(s, at - 60), at)
    if possessor is not None:  # "an arm of the Chinese Communist Party's Ministry of State Security"
        at = possessor.start()
    return not (_PREPOSITION_BEFORE.search(text, max(s, at - 30), at) and not _ITS_DEED.match(text, m.end))


def state_as_doer(text: str, s: int, m: Mention) -> bool:
    """Whether a name may be read as the doer of a targeting verb: anything but a country does as before, and
    a country only as a whole noun phrase standing for the state ("China targeted X", "US cyberattacks on
    China"), never as the object of a preposition, as the qualifier of the noun after it ("Chinese
    hackers targeted X": the hackers did it) or as the backer of the phrase it sits in."""
    if m.kinds() != {"country"}:
        return True
    if _PREPOSITION_BEFORE.search(text, max(s, m.start - 30), m.start) and not _ITS_DEED.match(text, m.end):
        return False  # "attention diverted from US cyberattacks on China": the state does the deed it names
    if _QUALIFIED_HEAD.match(text, m.end) or _HYPHENED.match(text, m.end):
        return False
    return backer_phrase(text, s, m.start) is None
