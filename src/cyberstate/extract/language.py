"""The words extraction reads: relation cues, reporting verbs, estimative language and negation.

The estimative scale maps the hedge a sentence uses to a confidence on the STIX 0–100 scale. It follows
the ordering of the US intelligence community's estimative language (ICD 203: almost no chance, very
unlikely, unlikely, roughly even chance, likely, very likely, almost certain) and places the words
reports use most ("assess", "believed", "suspected", "alleged") on it. A plain, unhedged statement of
fact scores 85: stated as true, but by one text that an analyst has not yet weighed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cyberstate.extract import rx as re
from cyberstate.extract.guards import JOINT, WordScan, guarded
from cyberstate.extract.sieve import Sieve

PLAIN = 85

#: The nouns a deed is named by, each as the patterns spell it (its plural too), kept in one place for every
#: pattern that reads a deed: each takes the nouns it means, in its own order (an alternation's order decides
#: which of two overlapping nouns it matches) through `deed_nouns`.
DEED_NOUNS: dict[str, str] = {
    "activity": r"activit(?:y|ies)",
    "attack": r"attacks?",
    "breach": r"breach(?:es)?",
    "campaign": r"campaigns?",
    "compromise": r"compromises?",
    "cyber-attack": r"cyber-attacks?",
    "cyberattack": r"cyberattacks?",
    "espionage": r"espionage",
    "exploitation": r"exploitation",
    "hack": r"hacks?",
    "hacking": r"hacking",
    "incident": r"incidents?",
    "infiltration": r"infiltrations?",
    "intrusion": r"intrusions?",
    "operation": r"operations?",
    "reconnaissance": r"reconnaissance",
    "spying": r"spying",
    "surveillance": r"surveillance",
    "theft": r"theft",
}


def deed_nouns(*nouns: str) -> str:
    """The alternatives of `DEED_NOUNS` named, in the order given, joined by "|" (the caller groups them)."""
    return "|".join(DEED_NOUNS[n] for n in nouns)


#: (pattern, confidence): the strongest hedge in a clause sets its confidence; checked in this order.
ESTIMATIVE: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(almost no chance|remote(ly)? (possible|likely)|highly unlikely|very unlikely)\b", re.I), 10),
    (re.compile(r"\b(unlikely|improbable|doubtful)\b", re.I), 25),
    (
        re.compile(
            r"\b(almost certain(ly)?|with (?:a )?high (?:degree of )?confidence|highly likely|nearly certain(ly)?)\b",
            re.I,
        ),
        95,
    ),
    (re.compile(r"\b(very likely|highly probable|with moderate confidence)\b", re.I), 85),
    (
        re.compile(
            r"\b(likely|probabl[ey]|assess(es|ed)?|judge[sd]?|we believe|is believed|are believed|"
            r"was believed|were believed|believed to|thought to|considered to)\b",
            re.I,
        ),
        70,
    ),
    (
        re.compile(
            r"\b(roughly even chance|possibl[ey]|may|might|could|suspect(s|ed)?|reportedly|allegedly|"
            r"alleged|alleges|appears? to|seems? to|apparently|potentially|purported(ly)?|"
            r"presumably|accus(?:es|ed)|accusations?)\b",
            re.I,
        ),
        50,
    ),
]

#: A negation of what the actor does. "not" before ", instead" and a verb in -ing ("is not known to have developed its
#: own ransomware, instead deploying X") denies the clause before "instead" only: a statement reaching past it is
#: affirmed. The other words keep their reach: the same test after every one of them (a denial's too) cost
#: `tuning-b` three wrong candidates.
NEGATION = guarded(
    re.compile(
        r"\b((?:no|without)(?!\s+(?:a\s+|any\s+)?doubt\b)|not(?!\s+only\b)(?![^.;]*?,\s*instead\s+[a-z]+ing\b)|"
        r"never|none|neither|nor|den(y|ied|ies)|"
        r"reject(s|ed)?|refut(e|ed|es)|dismiss(ed|es)?|"
        r"disput(e|ed|es)|false(ly)?|n't)\b",
        re.I,
    )
)


#: Each hedge checks its first letters first (extract/guards.py: speed only, the same matches).
ESTIMATIVE = [(guarded(p), c) for p, c in ESTIMATIVE]

#: The words each hedge needs: a clause is searched only for the hedges whose words it holds (speed only).
_HEDGES = Sieve([p for p, _ in ESTIMATIVE])


@lru_cache(maxsize=4096)  # the rules ask it of the same clause again (a fifth of the calls): speed only
def hedge(text: str) -> tuple[bool, int]:
    """(hedged, confidence) of a clause."""
    possible = _HEDGES.candidates(text)
    for pattern, conf in ESTIMATIVE:
        if id(pattern) in possible and pattern.search(text):
            return True, conf
    return False, PLAIN


@dataclass(frozen=True)
class Cue:
    predicate: str
    pattern: re.Pattern[str]
    forward: bool  # True: the mention before the cue is the subject; False: the mention after it
    subject_gap: int = 160  # how far before the cue its subject may stand
    nominal: bool = False  # a noun ("attacks on"): its subject must be doing it ("conducted", "involved in")
    lead: re.Pattern[str] | None = None  # what alone may stand between the subject and the cue


def _cue(
    predicate: str,
    words: str,
    forward: bool = True,
    subject_gap: int = 160,
    nominal: bool = False,
    lead: re.Pattern[str] | None = None,
) -> Cue:
    words = words.replace(" ", r"\s+")  # a cue may wrap across a line ("on\nbehalf of")
    return Cue(predicate, guarded(re.compile(rf"\b(?:{words})\b", re.I)), forward, subject_gap, nominal, lead)


#: Between a subject and an adjective of relation ("linked to", "associated with"): only a copula, adverbs,
#: an aside in brackets or a relative pronoun. "The UK is sanctioning two individuals associated with X"
#: says nothing of the UK's ties to X; "Integrity Tech, which has been linked to X" does.
COPULA_LEAD = re.compile(
    r"\s*(?:(?:cyber\s+)?(?:actors?|hackers?|operators?|group|members?)\s+)?"  # "APT40 actors associated with"
    # a comma, or a dash that closes an aside ("two individuals - A and B - as being connected to")
    r"[\s,]*(?:\s[-–—]{1,2}\s*)?(?:\([^()]{0,80}\)[\s,]*)?(?:(?:which|who|that)\s+)?"
    # "named two individuals, A and B, as being connected to X": the object of naming, said as a predicate
    r"(?:as\s+(?=being\b|having\b|$))?"
    r"(?:(?:is|are|was|were|has|have|had|been|being|be|also|now|both|all|"
    # time adverbs without "-ly": "had earlier been connected to X", "has long been associated with X"
    r"earlier|already|long|once|since|having|"
    r"believed to be|said to be|alleged to be|thought to be|\w+ly|"
    r"maintains?|maintained|keeps?|kept|strong|close|direct|deep|long-standing|clear)\s+)*",
    re.I,
)


#: What stands between a doer and the noun of its deed: "X has conducted operations against", "X was
#: involved in attacks on", "X is recognized for its attacks on".
DOING = guarded(
    re.compile(
        r"\b(conduct|carr(?:y|ies|ied)|launch|involv|engag|recogni[sz]ed for|responsible for|known for|"
        r"behind|perpetrat|mount|wag(?:e|ed|ing)|stag|aim|focus|specialis|specializ|continu|collect|gather|"
        r"signal|threaten|plan)\w*",
        re.I,
    )
)


_BE = r"(?:is|are|was|were|(?:has|have|had)(?:\s+(?:already|also|since|repeatedly))?\s+been|be|being)"
_ADV = (
    r"(?:\s+(?:also|reportedly|allegedly|likely|probably|possibly|directly|ultimately|largely|partly|"
    r"primarily|widely|publicly|previously|later|then|further))?"
)

#: Aiming at a victim, a verb of targeting that names no deed: "focused on X", "aiming its attacks at X",
#: "took aim at X", "set their eyes on X", "has gone after X", "probing X". Its subject must be an actor and its
#: object no activity ("focuses on espionage"): relations.py checks both for this cue.
AIMING = _cue(
    "targeted",
    r"focus(?:s)?(?:ed|es|ing)\s+(?:(?:its|their|his|her)\s+(?:\w+\s+)?(?:efforts|attacks|attention|operations)\s+)?on|"
    r"aim(?:ed|ing|s)?\s+(?:its|their|his|her)\s+(?:\w+\s+)?(?:attacks|operations|efforts)\s+at|"
    r"t(?:ook|ake|akes|aking)\s+aim\s+at|set\s+(?:its|their|his|her)\s+(?:eyes|sights)\s+on|"
    r"(?:gone|went|go|goes|going)\s+after|prob(?:ed|ing|es)",
)

#: Forms of targeting that are also nouns ("targets", "attacks"): a verb only right after its subject, and
#: never after a possessive ("their targets now include": relations.py).
TARGETS_OR_NOUN = _cue(
    "targeted", r"(?:targets|attacks|hacks|breaches|compromises)(?!\s+(?:on|against|of)\b)", subject_gap=25
)
#: The same verbs in the plural ("Chinese hackers often target X", "APT40 and APT41 attack X", "developed to detain
#: critics and compromise X"): a verb only near its subject, never before "'s", a noun they head ("target list",
#: "attack campaigns") or "and" / "or" ("attack and defense"); relations.py drops the measures that "target" people
#: ("EU sanctions target X").
TARGET_PLURAL = _cue(
    "targeted",
    r"(?:target|attack|hack|breach|compromise)(?!['’]s)(?!\s+(?:on|against|of|list|lists|selection|sets?|surface|"
    r"groups?|competitions?|tools?|teams?|campaigns?|operations?|activit(?:y|ies)|techniques?|vectors?|chains?|"
    r"patterns?|methods?|infrastructure|and|or)\b)",
    subject_gap=25,
)

#: What follows "targeting" used as a noun: a noun it heads ("targeting patterns") or "and" with a noun after it
#: ("targeting and tradecraft", "targeting and the abuse of X"); a verb after "and" ends in "-ing" or is an adverb
#: ("targeting and compromising X", "targeting and then breaching X", "targeting and successfully breaching X").
_TARGETING_NOUN_AFTER = (
    r"patterns?|preferences?|profiles?|criteria|strateg(?:y|ies)|"
    r"and\s+(?:(?:the|its|their|his|her|a|an)\s+)?(?!then\b|[\w-]*(?:ing|ly)\b)(?:[A-Za-z][\w-]*)\b"
)

CUES: list[Cue] = [
    # passive forms first: "APT31 is used by the Hubei SSD"
    _cue(
        "operated_by",
        rf"{_BE}{_ADV}\s+(?:operated|run|used|directed|controlled|sponsored|tasked|backed|"
        r"commanded|managed|supported|assisted|overseen)\s+by",
    ),
    _cue(
        "operated_by",
        r"(?:acting|acted|acts|act|work(?:s|ed|ing)?|operat(?:es|ed|ing))\s+(?:on behalf of|for|"
        r"at the behest of|under the direction of|under the control of|in association with)|"
        r"on behalf(?: of)?|at the behest of|on the orders of|under the direction of|a weapon of|"
        r"a tool of|an arm of|a unit of|contractors? (?:for|of|to)|sponsored by|backed by",
    ),
    _cue(
        "operated_by",
        r"(?:operates|operated|runs|ran|directs|directed|controls|controlled|sponsors|sponsored|"
        r"tasks|tasked|oversees|oversaw|manages|managed|assists|assisted|supports|supported)",
        False,
    ),
    _cue("operated_by", r"(?:used|run|operated|directed|controlled|sponsored|tasked|backed|commanded)\s+by"),
    _cue(
        "front_company_for",
        r"(?:a |the )?front(?: compan(?:y|ies))? (?:for|of)|(?:a |the )?cover (?:for|of)|"
        r"shell compan(?:y|ies) (?:for|of)",
    ),
    _cue(
        "front_company_for",
        r"(?:created|set up|established|used|uses|operated|runs?) (?:a |the |several )?"
        r"(?:front|shell|cover) compan(?:y|ies)",
        False,
    ),
    _cue(
        "employed_by",
        rf"(?:{_BE}{_ADV}\s+employed by|employees? of|(?:an? )?officers? (?:of|with|in)|"
        r"work(?:s|ed|ing)? (?:for|at)|employed at|hired by)",
    ),
    # "the MSS contracted / hired two nationals, A and B, to ...": the body employs the people after it
    _cue("employed_by", r"(?:hired|hires|contracted|contracts|recruited|recruits)(?!\s+(?:with|by|to|out)\b)", False),
    _cue("member_of_group", r"(?:members? of|part of|belong(?:s|ed|ing)? to)"),
    _cue("attributed_to", rf"(?:{_BE}{_ADV}\s+)?(?:attributed|traced|blamed|pinned)\s+(?:\w+\s+){{0,3}}?(?:to|on)"),
    _cue(
        "linked_to",
        rf"(?:{_BE}{_ADV}\s+)?(?:linked|tied|connected|affiliated|associated)\s+(?:\w+\s+)?(?:to|with)|"
        r"links? (?:to|with)|ties (?:to|with)|connections? (?:to|with)|contracts? with",
        lead=COPULA_LEAD,
    ),
    _cue(
        "conducted",
        rf"{_BE}{_ADV}\s+(?:conducted|carried out|launched|perpetrated|executed|orchestrated)\s+by",
        False,
    ),
    _cue(
        "conducted",
        r"(?:conduct(?:s|ed|ing)?|carr(?:y|ies|ied|ying) out|launch(?:es|ed|ing)?|perpetrat(?:es|ed|ing)|"
        r"orchestrat(?:es|ed|ing)|(?:was|were|is|are|been) (?:involved|engaged) in|"
        r"responsible for|behind)",
    ),
    _cue(
        "targeted",
        rf"{_BE}{_ADV}\s+(?:targeted|attacked|hacked|breached|compromised|infiltrated|penetrated)\s+by",
        False,
    ),
    _cue(
        "targeted",
        r"(?:"
        # "targeted" as the adjective of a deed ("targeted attacks against X", "highly targeted cyber espionage
        # campaigns against X", "targeted traffic manipulation attacks on X"): the victim follows the deed's
        # preposition, the deed is none; its modifiers are lower-case words, an adverb may stand before the
        # preposition ("campaigns primarily against X")
        r"targeted\s+(?:(?!(?:against|on|by|of|in|and|or)\b)(?-i:[a-z][\w-]*)\s+){0,3}?"
        r"(?:attacks?|cyberattacks?|cyber-attacks?|intrusions?|campaigns?|operations?)\s+"
        r"(?:(?:primarily|mainly|mostly|largely|chiefly|specifically|particularly)\s+)?(?:against|on)\b|"
        # "targeting" as a noun ("similar targeting and TTPs", "differences in targeting patterns and TTPs"): the
        # noun heads a compound or is joined by "and" to another noun, not to a verb ("targeting and
        # compromising X", "targeting and then breaching X"), and aims at no one
        rf"targeted|targeting(?!\s+(?:{_TARGETING_NOUN_AFTER}))|"
        # a verb of taking, what it takes and "from" its victim, as "stole data from X" below: "siphoned surveillance
        # videos from X", "exfiltrated records from X", "hacked Mekong data from X", "accessed information from X"
        r"(?:siphon(?:s|ed|ing)?|exfiltrat(?:es|ed|ing)|harvest(?:s|ed|ing)?|hack(?:s|ed|ing)?|access(?:es|ed|ing)?)"
        r"\s+(?:(?!(?:into|to|and|or|from)\b)[\w-]+\s+){1,6}?from|"
        r"attack(?:ed|ing)|hack(?:ed|ing)(?:\s+into)?|breach(?:ed|ing)|compromis(?:ed|ing)|"
        r"infiltrat(?:es|ed|ing)|penetrat(?:es|ed|ing)|spie[sd] on|spying on|"
        # "to gain (and maintain) access to X"
        # "obtained remote, system administrator access to X", "had access to X", "secured deep access into X",
        # "maintains access to X": a verb of getting or holding, a few lower-case words saying what access
        r"(?:gain(?:ed|ing|s)?|obtain(?:ed|ing|s)?|secur(?:ed|ing|es)|had|has|have|maintain(?:ed|ing|s)?)"
        r"(?:\s+and\s+maintain(?:ed|ing|s)?)?\s+(?:(?!(?:to|into|the|a|an|and|or|no|not|any)\b)(?-i:[a-z][\w-]*),?\s+){0,3}?"
        r"access\s+(?:to|into)|"
        r"br(?:oke|eaking) into|accessed|st(?:ole|olen|eal|ealing|eals)\s+(?:[\w-]+\s+){0,6}?from|"
        # "gained entry to", "striking organizations"
        r"gain(?:ed|ing|s)?\s+entry\s+(?:to|into)|struck|striking)"
        r"(?!\s+(?:groups?|competitions?|tools?|teams?|crews?|units?|actors?|capabilit(?:y|ies)|skills?|firms?|"
        r"compan(?:y|ies)|campaigns?|operations?|activit(?:y|ies)|techniques?|spree|incidents?|contests?|"
        r"collectives?|outfits?|services?)\b)",
    ),
    AIMING,
    # "attempted to hack into X", "used malware to break into X"
    _cue(
        "targeted",
        r"to\s+(?:(?:steal|siphon|exfiltrate|harvest|hack|access)\s+(?:(?!(?:into|to|and|or|from)\b)[\w-]+\s+){1,6}?from|"
        r"target|attack|hack(?:\s+into)?|breach|compromise|infiltrate|penetrate|spy on|break (?:into|through)|"
        r"harass)",
    ),
    # malicious code put on a victim's systems: "deployed malware to X", "planted a backdoor on X"; "to" followed
    # by a verb says what for ("installed malware to facilitate access")
    _cue(
        "targeted",
        r"(?:deploy(?:s|ed|ing)?|plant(?:s|ed|ing)?|install(?:s|ed|ing)?)\s+(?:(?:a|an|the|its|their|custom|"
        r"malicious|new)\s+)?(?:malware|malicious\s+software|software|backdoors?|implants?|ransomware|web\s*shells?|"
        r"trojans?|spyware)\s+(?:on|onto|into|in|to(?=\s+(?:(?-i:[A-Z0-9])|(?:the|a|an|its|their|his|her|approximately|"
        r"about|roughly|nearly|over|more|some|several|many|thousands|hundreds|dozens|tens|multiple|various)\b)))",
    ),
    # "aiming its attacks at X", "using their cyber capabilities against X": the doer's own deeds or means
    # turned on a victim
    _cue(
        "targeted",
        r"(?:aim(?:s|ed|ing)?|direct(?:s|ed|ing)?|turn(?:s|ed|ing)?|focus(?:es|ed|ing)?|us(?:es|ed|ing|e)|"
        r"deploy(?:s|ed|ing)?|employ(?:s|ed|ing)?)\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|cyberattacks?|"
        r"operations?|efforts?|capabilit(?:y|ies)|activit(?:y|ies)|campaigns?|hacking|espionage|weapons?|"
        r"arsenal|tools?)\s+(?:at|against|toward|towards)",
    ),
    _cue(
        "targeted",
        r"(?:work(?:s|ed|ing)?|operat(?:es|ed|ing)|been active)\s+in\s+(?:many|several|various|"
        r"multiple|a number of)?\s*(?:industries|sectors)",
    ),
    TARGETS_OR_NOUN,
    TARGET_PLURAL,
    # "operations against X": the actor stands close before the noun ("the branch has conducted operations")
    _cue(
        "targeted",
        r"(?:(?:operations?|attacks?|cyberattacks?|cyber-attacks?|campaigns?|espionage|intrusions?|"
        r"activit(?:y|ies)|intel|intelligence)\s+(?:\w+\s+)?(?:against|on)|espionage\s+(?:against\s+|on\s+)?of|"
        r"(?:compromises?|exploitation|breach(?:es)?|hacks?|infiltration|penetration)\s+of)",
        subject_gap=60,
        nominal=True,
    ),
    # the malware or tool an actor puts to work: "the group typically deploys a loader called X", "relied on X"
    _cue(
        "used",
        r"(?:us(?:es|ed|ing)|deploy(?:s|ed|ing)|install(?:s|ed|ing)|leverag(?:es|ed|ing)|relie[sd]\s+on|relying\s+on|"
        r"employ(?:s|ed|ing))",
    ),
    _cue(
        "indicted",
        r"(?:indicted|charged|filed charges against|brought charges against|unsealed (?:an? )?"
        r"indictments? (?:against|charging))",
    ),
    # a headline's present tense ("Justice Department Charges 9 Chinese Nationals"): a verb only right after
    # its subject, and "charges" not as a noun ("the charges against", "charges of")
    _cue(
        "indicted",
        r"(?:indicts|charges(?!\s+(?:against|of|for|in|on|that|were|are|include|including|related|filed|brought)\b))",
        subject_gap=20,
    ),
    _cue("indicted", rf"{_BE}{_ADV}\s+(?:indicted|charged)\s+by", False),
    # "sanctions" closed by a comma or joined by "and" / "or" to another noun is the noun, and names no one
    # sanctioned ("imposed sanctions, and accused Beijing of a campaign that hit lawmakers", "rejects unilateral
    # sanctions and long-arm jurisdiction against Chinese entities"); "designated" before "as", an
    # article or a quotation names or classes what it designates ("an actor designated as X", "were designated a
    # terrorist organization by Y", "designated it a 'school with ...'"): the class is no one sanctioned
    _cue(
        "sanctioned",
        r"(?:sanction(?:ed|ing)?|sanctions(?!\s*,|\s+(?:and|or)\s)|designat(?:es|ed|ing)(?!\s+(?:it\s+)?(?:as|a|an)\s|\s+[‘'\"“])|"
        r"imposed sanctions on|"
        r"sanctions against)",
    ),
    _cue("sanctioned", rf"{_BE}{_ADV}\s+(?:sanctioned|designated)\s+by", False),
    _cue(
        "located_in",
        # not after a quantifier that stands for others ("companies, with many located in X"), nor after the
        # victims or targets as its own subject ("with most victims having been located in X, Y"): the victims' place
        r"(?:based (?:in|out of)|headquartered in|"
        r"(?<!\bmany[ ])(?<!\bmost[ ])(?<!\bsome[ ])(?<!\bseveral[ ])(?<!\bothers[ ])(?<!\bthem[ ])"
        r"(?<!\bfew[ ])(?<!\b(?:victims|targets)[ ])(?<!\b(?:victims|targets)[ ](?:were|been)[ ])"
        r"(?<!\b(?:victims|targets)[ ]are[ ])(?<!\b(?:victims|targets)[ ]having[ ]been[ ])located in|"
        r"operat(?:es|ed|ing) (?:out of|from)|out of|situated in)",
    ),
    _cue(
        "subordinate_to",
        r"(?:(?:a |the )?(?:provincial |regional |local |municipal )?(?:branch|bureau|department|"
        r"office|arm|subsidiary) of|(?:a |the )?subsidiary to|subordinate to|reports? to|under the)",
    ),
    _cue(
        "also_known_as",
        r"(?:also known as|otherwise known as|also called|also tracked as|tracked as|"
        r"referred to as|known as|aka|a\.k\.a\.?)",
    ),
]

REPORTING = guarded(
    re.compile(
        r"\b(said|says|say|stated|assess(?:es|ed)?|alleg(?:es|ed)|claim(?:s|ed)?|report(?:s|ed)?|"
        r"announc(?:es|ed)|reveal(?:s|ed)|believ(?:es|ed)|conclud(?:es|ed)|confirm(?:s|ed)|accus(?:es|ed)|"
        r"attribut(?:es|ed)|not(?:es|ed)|found|find|finds|warn(?:s|ed)|determin(?:es|ed)|judg(?:es|ed)|"
        r"indicat(?:es|ed)|charg(?:es|ed)|discover(?:s|ed))\b",
    )
)
ACCORDING = guarded(re.compile(r"\b(?:according to|as (?:reported|stated|assessed) by|per)\s+", re.I))
LEGAL_DOCS = guarded(
    re.compile(r"\b(the indictment|the complaint|the court|prosecutors|the charging documents?)\b", re.I)
)

#: Adjectives of nationality that state an attribution when they qualify a group ("Chinese APT10").
DEMONYMS = {
    "chinese": "CN",
    "china": "CN",
    "prc": "CN",
    "china-linked": "CN",
    "china-nexus": "CN",
    "china-backed": "CN",
    "china-sponsored": "CN",
    "china-supported": "CN",
    "russian": "RU",
    "iranian": "IR",
    "north korean": "KP",
    "vietnamese": "VN",
    "pakistani": "PK",
    "indian": "IN",
}
STATE_WORDS = re.compile(
    r"\b(state[- ]sponsored|state[- ]backed|state[- ]affiliated|state[- ]linked|state[- ]supported|"
    r"government[- ]backed|government[- ]sponsored|nation[- ]state|-based|-linked|-nexus|-backed|-sponsored|"
    r"-supported|espionage|hacking|hackers?|threat|apt|cyber|actors?|groups?)\b",
    re.I,
)
#: A compound of backing or of a tie written without its hyphen, or with the hyphen after the state ("Chinese state
#: sponsored hackers", "Chinese-state sponsored hackers", "China Linked Actors", "a China nexus threat actor"), before
#: the head of an actor or a deed: the spelling of "state-sponsored" and "China-linked" that every rule reads. Not a
#: verb ("the government backed the plan", "China linked the attacks to ..."), nor a state's possessive ("China's
#: state sponsored group X", which the mention step reads as the state's own).
_UNHYPHENATED = re.compile(
    r"\b(?:(?<!['’]s\s)(?P<state>state|government) (?=(?:sponsored|backed|supported|directed)\s)|"
    r"(?P<joined>(?:Chinese|China)-(?:state|government)) (?=(?:sponsored|backed|supported|directed)\s)|"
    # "China Linked Actors", "a China nexus threat actor": the state's name after an article or a preposition, or
    # in title case, never a subject and its verb ("China linked the attacks to ...")
    r"(?:" + "|".join(rf"(?<=\b{w}\s)" for w in ("a", "an", "the", "by", "of", "from", "with", "about", "and")) + r"|"
    r"(?=\w+ (?-i:[A-Z])))(?P<name>China|Chinese|Beijing|PRC) "
    r"(?=(?i:sponsored|backed|supported|directed|linked|nexus|aligned)\s))"
    r"(?=\w+\s+(?:[\w-]+\s+){0,2}?"
    r"(?i:hackers?|hacking|groups?|actors?|APTs?|operators?|entit(?:y|ies)|organi[sz]ations?|attacks?|cyber\w*|"
    r"campaigns?|operations?|espionage|intrusions?|spies)\b)"
)


#: The participles of `_UNHYPHENATED`, found by the extractor's joint word pass over the whole text (guards.JOINT,
#: which the head words' scan of the same text reads again): the pattern is tried only at the word before each
#: (speed only: a scan of the whole text with the pattern ran at 1 MB/s).
_PARTICIPLE_WORDS = ("sponsored", "backed", "supported", "directed", "linked", "nexus", "aligned")
_PARTICIPLE_SCAN = WordScan(re.compile(r"(?i:" + "|".join(_PARTICIPLE_WORDS) + r")\s"), _PARTICIPLE_WORDS, JOINT)


def hyphenated(text: str) -> str:
    """The text with the unhyphenated compounds of backing hyphenated (`_UNHYPHENATED`): same length, so every
    offset still indexes the original, as with blanked markup; the same text where there is none."""
    parts, last = [], 0
    for p in _PARTICIPLE_SCAN.within(text, 0, len(text)):
        i = p.start() - 1  # a match ends at the space before the participle: it starts at the word before that
        if i < 1 or text[i] != " ":
            continue
        a = i
        while a > 0 and (text[a - 1].isalnum() or text[a - 1] == "-"):
            a -= 1
        m = _UNHYPHENATED.match(text, a, min(len(text), i + 120)) if a >= last else None
        if m is not None:
            parts += [text[last:a], _hyphen(m)]
            last = m.end()
    return "".join([*parts, text[last:]]) if parts else text


def _hyphen(m: re.Match[str]) -> str:
    if m.group("state") or m.group("name"):
        return (m.group("state") or m.group("name")) + "-"
    state, word = m.group("joined").split("-")
    return f"{state} {word}-"


#: Guarded (extract/guards.py): every match starts with "t" or "s", so `re` tries the alternation only where
#: one of them stands (speed only: the same matches).
COREF = guarded(
    re.compile(
        r"\b(?:the|this|that|these|those|said)\s+"
        # "the China-linked hacking group", "the Chinese state-sponsored group": the group named before
        r"(?:(?:(?:[A-Z][a-z]+-(?:linked|backed|based|sponsored|affiliated|nexus|tied)|Chinese|state-sponsored|"
        r"state-backed|notorious)\s+){1,2}(?=(?:hacking |threat )?(?:group|actor)\b))?"
        r"(group|actor|threat actor|threat group|adversary|hackers|hacking group|"
        r"company|companies|"
        r"firm|bureau|branch|department|agency|unit|campaign|operation|attack|"
        # "The malware was used against X", "This backdoor ...": the malware or tool named before
        r"malware|backdoor|trojan|implant|tool|toolset)\b",
        re.I,
    )
)
COREF_KINDS = {
    "group": {"threat_group"},
    "threat group": {"threat_group"},
    "adversary": {"threat_group"},
    "actor": {"threat_group"},
    "threat actor": {"threat_group"},
    "hackers": {"threat_group"},
    "hacking group": {"threat_group"},
    "company": {"company", "front_company"},
    "companies": {"company", "front_company"},
    "firm": {"company", "front_company"},
    "bureau": {"provincial_bureau", "municipal_bureau"},
    "branch": {"provincial_bureau", "municipal_bureau"},
    "department": {"provincial_bureau", "municipal_bureau", "government_agency"},
    "agency": {"government_agency"},
    "unit": {"military_unit"},
    "campaign": {"operation"},
    "operation": {"operation"},
    "attack": {"operation"},
    **{head: {"malware", "tool"} for head in ("malware", "backdoor", "trojan", "implant", "tool", "toolset")},
}
