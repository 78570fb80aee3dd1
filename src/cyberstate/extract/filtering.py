"""Readings the rules propose that are no statements, dropped before they are scored.

The relation rules (relations.py, frames.py) and the list splitting (phrases.py) read every pair their
patterns allow. A few kinds of pair are never a statement whatever the sentence, and are told apart by
the pair itself, without a word of any particular document:

- a charge or an offence read as a victim: "indicted ... for computer hacking, theft of trade secrets,
  conspiracy and identity theft" gives no statement that anyone targeted "conspiracy"; nor is an order or a
  rule a deed breaches ("an unacceptable breach of international norms", "to compromise the cybersecurity
  environment"); nor is a deed or an attempt at one ("spied on exiled writers in an apparent attempt to silence
  them", "breached 20 ministries in an \"incursion\" to steal data": the attempt is no victim);
- an adjective cut from the head it shares with the next item of a list: in "organizations in the public
  and private sectors" or "targeting various international and U.S.-based entities", "public" and
  "various international" are no victims (the whole phrase, or the item that keeps the head, is);
- a name that only qualifies the noun after it ("China-based", "U.S.-backed") does not act: in "Member
  of China-Based Hacking Group Indicted for ... Data Breach of Health Insurer Anthem", China indicts no one;
- a named threat group is no victim of the actors the vocabulary lets target (people, groups,
  companies, operations, malware): "charges five Chinese nationals for hacking into more than 100
  companies ... part of a hacking group known as APT41" does not say they targeted APT41; nor is a group
  the victim of a state or an agency where it stands as the doer, named by the phrase a deed word qualifies or
  after "by" ("TAIPEI, Taiwan -- A China-based hacking group named X has targeted ...", "findings suggest a
  targeted campaign by X"), while "using its cyber capabilities against X" stays;
- whom a deed serves does not run its doers: "front companies to conduct hacking for the benefit of China"
  gives no `operated_by` China;
- a name that only qualifies the noun after it is no victim either: in "targeting U.S.-based dissidents" the
  dissidents are targeted, not the U.S. (where they are is read as `located_in`); in "theft of trade
  secrets", "gave China's intelligence service access" or "broke into the IT systems of hundreds of
  companies" a sector's name modifies a thing (secrets, data, a service; systems that the words after
  them give an owner), and the sector is not what was attacked ("hacked telecommunications networks"
  still targets the sector: the networks are its own);
- who reports a statement is no party to it: "a handful of groups that Microsoft has publicly identified as
  being linked to Chinese intelligence" ties the groups, not Microsoft; "the indictment unsealed today
  outlines the activities of a hacking group" charges no one. The subject of a reporting verb (said,
  reported, identified, assesses, believes, tracks, describes, outlines, warned, revealed, ...) that stands
  between it and the statement's object is its assertor, unless it says it acted itself ("said that it
  had indicted");
- an active verb read the other way ("X controls Y": Y `operated_by` X) followed by "by" is a passive, and
  the reading swaps its roles ("property controlled by Yin" is no statement that Yin is run by the body
  named before); acting "in association with" a body is a tie (read as `linked_to` by the frames), not
  direction;
- who speaks is no party to what is spoken of: in '"stop imposing sanctions," Mao said', Mao is not
  sanctioned; a name followed by "said", "says", "told" or "added" is the speaker, and one followed by
  "(has) revealed", "reported" or "announced" is the reporter ("has targeted dozens of agencies, Microsoft has
  revealed": Microsoft is no victim);
- a one-word name that runs on into more capitalised words is a cut from a longer name: "the company's
  Global Navigation Satellite Systems technology" names no body called Global (a body's name only: places,
  sectors, groups and people stand before other capitalised words as themselves);
- a described victim does not act: in "a spree of attacks on U.S. federal and state agencies, including
  the late 2024 attack targeting the Treasury Department" the agencies (what "attacks on" names) did not
  target the Treasury;
- an end must name something: a described end that is a pronoun of everyone or no one ("everyone",
  "others"), a quantifier or a demonstrative alone ("all", "these"), a time word ("today"), an adverb or a
  connective ("however", "overseas", "globally") or a bare phrase of place ("around the world", "across the
  region") is a fragment of the sentence, not a party;
- an end must be a noun phrase, not a piece of a clause: a described end holding an auxiliary or modal verb
  ("the exact data compromised are still"), opening with a subordinating word ("though the full extent of the
  breach", "so far") or closing with a coordinating word or a reporting verb ("phone records and", "research
  suggests"), or a verb with its object ("summons its ambassador") names no party;
- a charge the sentence calls unfounded asserts no deed: in "groundlessly accused China of engaging in
  cyberattacks against the Philippines" the denial is read (extract/denials.py), and China targeting the
  Philippines is said by no one; nor does a deed told after a verb of denial ("has denied any involvement by
  Beijing-backed hackers in the recent breach of U.S. telecommunications companies") stand as asserted, and the
  denier is no doer of what it denies ("the ministry rejected claims of China's involvement in hacking X"); a
  negated deed of the accused stays ("rejected claims that APT41 hacked X");
- where the victims are is no victim: in "breached aerospace companies based in Arizona, Massachusetts, and
  Oregon" the companies are targeted, and the places after "based in" (or "located", "headquartered",
  "held in") only locate them; a country the store knows stays ("companies located in the US": the victims'
  country, as the annotations take it);
- a gerund that modifies the bare noun after it is no deed: "an underground Chinese hacking forum", "China's
  underground hacking scene, MSS officers, ..." and "seize APT 41 hacking infrastructure" tell of a forum, a
  scene and servers, and no reading the gerund cues stands (the word before it, a name, a possessive or an
  adjective, makes it a modifier; "accused of hacking computers" and "began hacking banks" stay);
- a bare definite noun before "behind" names no one: "the identity of the hackers behind X is unclear" says
  who X's doers are not, and "the hackers" is no body X is attributed to ("the Chinese hackers behind X" says
  something of its own and stays); nor is anything tied to itself (a reference read back to the subject);
- a state does a deed only as a whole noun phrase: in "organisations across the United States were
  compromised", "an actor based in China aimed at X" or "US investigators say the hackers breached X" the
  country is the object of a preposition or qualifies the noun after it, and targets nothing; nor does a named
  body (a company, a ministry) that is the object of a preposition, itself or through its possessor ("exploiting
  a flaw in X's email servers to launch cyberattacks on Y", "officers from the local arm of the Party's X tried
  to steal data from Y"): the servers and the officers are what the phrase is about; nor, by the same test, is a
  state a party to a tie or a place of its own there ("works on behalf of the Chinese government and may have ties
  to X": the ties are the subject's of the clause; "extradited from Belgium" places nothing in the US);
- a way in or what was taken is no victim: "targeted loopholes in the systems provided by ..." and "to gain access to
  the bank details of service personnel" name a flaw and credentials (a described end whose head, the noun before
  its complement, is one); data, information and records stay: a text often names the victims by them ("stole
  the data of a ministry");
- a place that owns what was attacked is no victim itself: in "pulled off cyberattacks against Vietnam's two largest
  airports" or "attacks against South Korea's government, military, ..." the airports and the government are the
  victims (read on their own), and the place only says whose they are; nor is it the other party of a tie, an
  operation or a report ("linked to Beijing's military and intelligence agencies", "released by China's National
  Computer Virus Emergency Response Center", "support China's ambition to ..."), though it stays the one a deed is
  attributed to ("attributed to China's attempt to burrow into civilian networks");
- a word that only qualifies a head it does not hold names no party: a point of the compass written alone ("South"
  and "East" of "South, East, and Southeast Asia"; "the West" is no bounded place either), or a word of size or of
  a government's level before the next item whose head it shares ("both small" of "both small and large critical
  infrastructure", "state" of "state and local government agencies"; "the state" is a party and stays);
- an end that starts inside a word is the tail of a longer phrase: "East Asia" of "South-East Asia" (after a hyphen
  joined to the letters before it) or "'s (PRC) state-backed actors" (a possessive's ending, its owner left out)
  names no place and no actor;
- a comma right after the cue ends the cue's phrase: "Research Council hacked, China blamed" (a headline of two
  clauses) gives no statement that the council targeted China, nor "several US targets, including universities"
  (the noun "targets" and its list) that the US targeted the universities; an aside set off by a second comma
  ("targeted, among others, X", "hacked, in recent months, X") still leads to its object, and so do verbs in a
  series that share it ("breached, looted, and leaked X");
- nor does a cue inside a quotation reach past its end where a speaker's verb follows: in '"... espionage against
  Norway," the service and the agency said' the words after the closing mark name who speaks, not whom the quoted
  deed was against (a quoted term a list goes on after, '"critical infrastructure," including X', keeps its list);
- "targets" after a word that only stands before a noun (a determiner, a possessive, a number, an adjective) is the
  noun: "harass their U.S. targets and spread propaganda" and "activities against Taiwanese targets ..., with a
  focus on its technology sector" cue no deed ("APT41 mainly targets X", "a group that targets X" stay, and so does
  the noun heading a clause that names the victims, "APT10's targets include X");
- a state that only names a body is no end of its own: in "a company with ties to China's Ministry of Public
  Security" or "Hackers Linked to Chinese Ministry of State Security" the tie reaches the ministry (another reading
  of the same subject), and "China" is a word of its name ("ties to China and to the ministry" keeps both).

One repair comes first: a described end that starts with a time word or a preposition the rules took in
("filed charges today against three Chinese nationals", "sanctioned against a front company", "is under
active cyberattack by X"), or ends with a time or addition word the list reading ran on into ("other
Catholic organizations months before the talks", "defense entities as well", "banks so far"), loses those
words, so that the end names what it describes (and its proposed entity is not refused as a fragment when it
is stored, extract/candidates.py). Two more repairs follow it: a bare victim followed by a participle of association
takes the participle's phrase ("targeted individuals associated with the 2020 US presidential election" did not
target individuals at large), and a group "attributed to" the deeds named after it ("a threat group attributed to
various cyber campaigns") is read the other way round, the deeds attributed to the group.

Each rule was counted on the dev evaluation documents and the gold set before it was kept: it drops
only readings nobody annotated, and no annotated statement loses its match (docs/extraction.md,
"Why candidates are wrong"). The checks look at the statement's own ends and the few characters after
the object: no pass over the sentence.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from cyberstate.extract import phrases, roles
from cyberstate.extract import rx as re
from cyberstate.model.vocab import KIND_CLASSES

if TYPE_CHECKING:
    from cyberstate.extract.mentions import Mention
    from cyberstate.extract.relations import Extracted

#: The last word of a phrase that names a charge or an offence, not something that can be attacked.
_CHARGE = re.compile(
    r"conspirac(?:y|ies)|intrusions?|fraud|thefts?|laundering|hacking|espionage|charges?|counts?|"
    r"offen[cs]es?|crimes?"
)
#: An adjective's endings: "public", "international", "regional", "domestic", "commercial"; "foreign" has
#: none of them (it stays a possible item: "foreign ministries").
_ADJECTIVE = ("al", "ic", "ive", "ous", "ary", "ern", "ese", "ian", "ful", "ible", "able")
#: A people's adjective told by its ending ("Pakistani", "Japanese", "Ukrainian", "Turkish"), capitalised and
#: standing alone as a list item ("targeting Pakistani, Sri Lanka, ..."): a state's people or the state, never a
#: sector, and no name the store knows is read for it.
_NATIONALITY = re.compile(r"(?-i:[A-Z])[a-z]+(?:ese|ian|an|ish|i)")
#: What ends such an item: a comma or a coordinating word, then a capitalised item that is no people's adjective
#: itself ("Pakistani, Sri Lanka": a name of two capitalised words is none); adjectives in a row share the head at
#: their end ("American and French corporate servers").
_ITEM_ENDS = re.compile(
    r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?!(?-i:[A-Z])[a-z]+(?:ese|ian|an|ish|i|ch)\b(?!\s+(?-i:[A-Z])))(?-i:[A-Z])"
)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


#: A noun that makes the name after it what its own head comes from or belongs to: "a successor to the X group",
#: "a subgroup of X", "an offshoot of X" (up to two words of the name's phrase between).
_DESCENT_BEFORE = re.compile(
    r"\b(?:successor|offshoot|subgroup|sub-group|spin-?off|splinter|faction|descendant)s?\s+(?:to|of)\s+"
    r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: A bare participle of aiming right after that name's phrase ("... X APT group targeting Y"): it is said of the
#: head noun before the name, as a participle after any noun phrase is.
_AIMING_AFTER = re.compile(
    r"(?:\s+(?-i:[A-Z])[\w-]*|\s+(?:apt|threat|hacking|group|actor))*\s+(?:targeting|attacking)\b", re.I
)


def _descended_from(text: str, s: int, m: Mention) -> bool:
    """Whether the doer read is the name a successor, a subgroup or an offshoot is said to come from, with a bare
    participle of aiming after it ("X is a subgroup of Y targeting Z", "a successor to the Y group targeting Z"):
    the participle is the subgroup's or the successor's, not Y's."""
    if m.end <= m.start:
        return False
    return bool(_DESCENT_BEFORE.search(text, max(s, m.start - 60), m.start)) and bool(_AIMING_AFTER.match(text, m.end))


def _peoples_adjective_alone(text: str, o: Mention) -> bool:
    """A people's adjective standing alone as a list item (see _NATIONALITY), proposed or read as a sector a
    text proposed before; a name after "the" is a place ("the Caribbean")."""
    if o.end <= o.start or (o.targets and o.kinds() != _SECTOR) or not _NATIONALITY.fullmatch(o.text):
        return False
    return _ITEM_ENDS.match(text, o.end) is not None and not _THE_BEFORE.search(text, max(0, o.start - 8), o.start)


#: What follows an adjective whose head is the next item's: a coordinating word.
_COORDINATED = re.compile(r"\s+(?:and|or)\s")
#: The same after a serial comma ("government, diplomatic, and military resources"), taken only for a bare
#: adjective standing alone as the end ("a hospital, and a school" names two places).
_SERIAL = re.compile(r",\s+(?:and|or)\s")
#: A name joined to what follows it as a qualifier ("China-based", "state-backed"): it does not act.
_QUALIFIER = re.compile(
    r"-(?:based|linked|backed|sponsored|nexus|affiliated|supported|funded|controlled|aligned|directed|tied|connected)\b",
    re.I,
)
#: A place joined to the noun after it ("U.S.-based dissidents"): it says where the victims are (read as
#: `located_in`), not that the place was attacked. ("government-linked accounts" are the government's.)
_BASED = re.compile(r"-based\b", re.I)
#: A reporting verb right after the subject of a reading, in the active voice: a present tense ("says",
#: "outline"), or a past one after an auxiliary ("has publicly identified") or not followed by what makes it
#: a passive ("nationals believed to be part of", "hackers identified as members of", "said by"). A reduced
#: relative with its time may come first ("the indictment unsealed today outlines"). Issuing a report is reporting
#: too ("released an advisory that warned of attacks targeting X").
_REPORTS = re.compile(
    r"\s+(?:\w+ed\s+(?:today|yesterday|on\s+\w+day|this\s+week|last\s+week)\s+)?(?:\w+ly\s+)?"
    r"(?:(?:(?:has|have|had)\s+)?(?:released|published|issued|releases|publishes|issues)\s+(?:a|an|the|its|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:advisory|advisories|report|alert|warning|statement|bulletin|notice)\b|"
    r"(?:says|say|reports(?!\s+(?:directly\s+)?to\s+(?!the\s+press)\w)|identifies|assesses|assess|believes|believe|tracks|track|describes|outlines?|warns|"
    r"notes|reveals|states|claims|observes|detects|discovers|discloses)\b|"
    r"(?:has|have|had)\s+(?:\w+ly\s+)?(?:said|reported|identified|assessed|believed|tracked|described|"
    r"outlined|warned|noted|revealed|stated|claimed|observed|detected|discovered|uncovered|disclosed)\b|"
    r"(?:said|reported|identified|assessed|believed|tracked|described|outlined|warned|noted|revealed|stated|"
    r"claimed|observed|detected|discovered|uncovered|disclosed)\b(?!\s+(?:to|by|as|in)\b))",
    re.I,
)
#: Where the reporter says it acted itself: "said that it had indicted", "reported it has sanctioned".
_IT_ACTED = re.compile(r"\b(?:it|they|we)\b", re.I)
#: Actors a threat group is no victim of (a state body that takes down a group's servers may target it).
_NOT_GROUP_VICTIMS = frozenset({"person", "threat_group", "company", "front_company", "operation", "malware"})
#: "by" (and an article) right before a group's name: the group is the doer of the deed before it.
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?$", re.I)
#: A gap that ends by naming the group ('-- A China-based hacking group named "'): the deed word in it ("hacking")
#: qualifies the group's noun, and the group is what the phrase names.
_NAMING_GAP = re.compile(
    r"(?:group|actor|organi[sz]ation|collective|gang)\s+(?:named|called|dubbed|known\s+as)\s*[\"'“‘]?\s*$", re.I
)


def _group_as_doer(text: str, x: Extracted) -> bool:
    """A group read as the victim of a state or an agency where it stands as the doer: named by the phrase the
    deed word qualifies ("TAIPEI, Taiwan -- A China-based hacking group named X has targeted ...") or after "by"
    ("the agency's findings suggest a targeted campaign by X"). A state acting against a group stays ("using its
    capabilities against X")."""
    o = x.object
    if o is None or o.end <= o.start:
        return False
    if x.cue[0] < x.cue[1] <= o.start and _NAMING_GAP.search(text[x.cue[0] : o.start]):
        return True
    return _BY_BEFORE.search(text, max(0, o.start - 12), o.start) is not None


#: Nouns of things a sector's name may modify ("trade secrets", "intelligence service"), and of those who use
#: them ("cryptocurrency users"): the phrase names the thing or the people, not the sector. "/" joins a shared
#: modifier ("OT/IT data"); one more lower-case modifier may stand between ("cryptocurrency wallet data",
#: "cryptocurrency development tools"), a coordinating word or a preposition may not ("healthcare and
#: information technology" names two sectors).
_THING_AFTER = re.compile(
    r"(?:/[\w-]+)?(?:\s+(?!(?:and|or|of|in|for|to|with|the|its|their)\b)[a-z][\w-]*)?"
    r"\s+(?:secrets|data|information|services?|software|equipment|capabilit(?:y|ies)|cooperation|users|tools|wallets?)\b",
    re.I,
)
#: Nouns after a body's or a product's name that make it the modifier of whom the deed reaches: "NATO countries",
#: "Microsoft 365 users", "Okta customers" are the countries, users and customers, not the body or the vendor (a
#: version or edition may stand between). A place's name before them ("US customers") is the victims' place.
_MEMBERS_AFTER = re.compile(r"(?:\s+[\d.]+)?\s+(?:countries|nations|users|customers|clients|subscribers)\b")
#: Nouns of systems a sector's name may modify: "telecommunications networks" were the sector's, but "the IT
#: systems of hundreds of companies" belong to the companies named after them (the victims).
_HELD_AFTER = re.compile(
    r"(?:/[\w-]+)?\s+(?:systems|networks|infrastructure|servers|accounts|devices|computers)\s+(?:of|belonging to)\s",
    re.I,
)
#: Words before a body that say whom a deed serves, not who runs its doers.
_BENEFIT = re.compile(r"\b(?:benefit|interests?)\s+of\s+(?:the\s+)?$", re.I)


#: Words a described end may not start with: a time, a preposition ("since", a conjunction as well: "since
#: nation-state actors accessed routers" is the actors). Each is taken off, with the space after.
_LEADING = re.compile(
    r"(?:(?:today|yesterday|now|recently|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"in|of|on|since|at(?!\s+(?:least|most)\b)|to|for|from|with|by|via|into|against|between|over|under)\s+)+",
    re.I,
)


#: Words a described end may not end with: an adverb of time or addition the list reading ran on into
#: ("other Catholic organizations months before the talks", "medical and defense entities as well", "Dutch
#: banks so far"), or the "as" of what follows ("targeted network devices as part of its operations").
_TRAILING = re.compile(
    r"(?:\s+(?:as(?:\s+well)?|too|so\s+far|(?:(?:for|in|over)\s+)?(?:recent\s+|the\s+past\s+)?(?:days|weeks|months|years)))+$",
    re.I,
)
#: A count before a bare time noun: the noun names a span ("six months"), not a time the phrase ran on into.
_COUNT = re.compile(
    r"\b(?:\d[\d,.]*|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|many|several|some)$", re.I
)


def trimmed(m: Mention) -> Mention:
    """A described end without the time words and prepositions it starts with, nor the time or addition
    words it ends with; a name stays as it is."""
    if m.targets or m.canonical is not None or not m.text[:1].isalpha():
        return m
    tail = _TRAILING.search(m.text)
    if tail is not None and tail.start() > 0 and not _COUNT.search(m.text[: tail.start()]):
        m = replace(m, end=m.start + tail.start(), text=m.text[: tail.start()])
    lead = _LEADING.match(m.text)
    if lead is None or lead.end() >= len(m.text):
        return m
    return replace(m, start=m.start + lead.end(), text=m.text[lead.end() :])


def _kind(m: Mention) -> str | None:
    return m.entity.kind if m.entity is not None else m.proposed_kind


#: What a described end may not be: an indefinite pronoun, a quantifier or a demonstrative standing alone ("tied the
#: group to hacks all over the world" gave the group targeting "all"), a time word ("have been sanctioned today"), an
#: adverb or connective, a place phrase with no head of its own (a preposition of place first).
_NO_PARTY = re.compile(
    r"(?:everyone|everybody|everything|anyone|anybody|anything|someone|somebody|no one|nobody|none|others|"
    r"all|both|each|either|neither|several|many|most|some|few|any|much|this|that|these|those|"
    r"today|yesterday|tomorrow|tonight|now|"
    r"another|however|therefore|moreover|meanwhile|nevertheless|furthermore|additionally|instead|also|thus|"
    r"worldwide|overseas|abroad|elsewhere|too|alike|together|respectively|"
    r"[a-z]{3,}(?:ally|ably|ibly|ously|ively|ently|antly|edly|ingly|tly|rly|ely|nly))|"
    # "around 43,000 computers" is a count
    r"(?:around(?!\s+\d)|across|throughout|within|beyond|near|inside|outside)\s.*",
    re.I | re.S,
)


#: A speaker's verb right after a name.
_SPEAKS = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:said|says|told|added|stated|noted|wrote|reported|reports|revealed|reveals|"
    r"announced|announces|disclosed|discloses)\b",
    re.I,
)
#: "by" after a verb: the verb is passive.
_BY_AFTER = re.compile(r"\s+by\b", re.I)
_ASSOCIATION = re.compile(r"\bin association with$", re.I)


def _wrong_voice(text: str, x: Extracted) -> bool:
    """An `operated_by` read from an active cue the other way round (subject after the cue) whose verb is
    followed by "by", or from "in association with"."""
    h0, h1 = x.cue
    if h1 <= h0 or x.object is None:
        return False
    if _ASSOCIATION.search(text, h0, h1):
        return True
    return x.subject.start >= h1 and x.object.end <= h0 and _BY_AFTER.match(text, h1) is not None


#: Capitalised words right after a name: the name goes on ("Global Navigation Satellite Systems").
_NAME_GOES_ON = re.compile(r" (?:[A-Z][a-z]+)(?: |$|[.,;:])")
#: Kinds whose one-word names stand before other capitalised words as themselves: places ("U.S. Navy"), a
#: sector ("Development Programme" names the sector), a group or a person ("Wu Told").
_NOT_CUT = frozenset(
    {"country", "province", "city", "region", "special_economic_zone", "sector", "threat_group", "person"}
)


def _cut_name(text: str, m: Mention) -> bool:
    """A one-word name of a body (not an acronym, a place, a sector, a group or a person) that the text
    continues with capitalised words."""
    if m.end <= m.start or not m.text.isalpha() or not m.text[1:].islower() or m.kinds() & _NOT_CUT:
        return False
    return _NAME_GOES_ON.match(text, m.end) is not None


#: A deed noun and its "on / against" right before a described phrase: the phrase names the deed's victims.
_VICTIM_BEFORE = re.compile(
    r"\b(?:attacks?|cyberattacks?|intrusions?|breach(?:es)?|hacks?|operations?|campaigns?)\s+(?:on|against)\s+"
    r"(?:[\w.-]+\s+){0,4}?(?:and\s+)?$",
    re.I,
)


def _victim_as_doer(text: str, x: Extracted) -> bool:
    """A described subject of `targeted` that stands as the victims of a deed named before it."""
    m = x.subject
    return (
        x.predicate == "targeted"
        and not m.targets
        and m.end > m.start
        and _VICTIM_BEFORE.search(text, max(x.sentence[0], m.start - 60), m.start) is not None
    )


#: Words that make a described end a clause, not a noun phrase: an auxiliary or modal verb anywhere in it
#: ("the exact data compromised are still", "we have seen"), lower case as running text writes them.
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|shall|should|can|could|might|must)\b"
)
#: A described end that opens with a subordinating word ("though the full extent of the breach", "so far")
#: or closes with a coordinating one ("phone records and") or a reporting verb ("research suggests") is cut
#: from a clause: the noun phrase it holds is not a party to the reading.
_CLAUSE_LEAD = re.compile(r"(?:though|although|whereas|because|unless|whether|if|so|than|until|while)\s", re.I)
_CLAUSE_TAIL = re.compile(r"\s(?:and|or|but|nor|suggests?|says|said|told|believes|adds|added)$", re.I)
#: A first word in "-s" followed by a possessive determiner is a verb taking its object ("summons its
#: ambassador"); a quantifier ("all their networks") or a preposition ("across its networks") is not one.
_VERB_FIRST = re.compile(
    r"(?!(?:across|towards|besides|as|is|was|has|does|this|plus|thus)\s)[a-z]+s\s+(?:its|their|his|her|our)\s", re.I
)


#: The last word of an end that no noun phrase closes on: an auxiliary, an article, a preposition or a word that
#: goes on into one ("the US along" of "the US along with Norway", "Macau starting" of "... and Macau starting
#: earlier this year", "a 2023 attack on the Dutch Ministry of Defence has" of "... has claimed"), a reporting
#: participle ("program -- saying"): the end was cut inside a clause, so its reading is not the sentence's.
_OPEN_TAIL = re.compile(
    r"\b(?:along|starting|beginning|has|have|had|is|are|was|were|been|being|the|a|an|of|for|to|with|from|by|at|"
    r"in|on|that|which|who|whose|saying|including|such)$",
    re.I,
)


def open_tail(m: Mention) -> bool:
    """An end the store does not know whose last word closes no noun phrase (see _OPEN_TAIL)."""
    if m.targets or m.end <= m.start:
        return False
    return _OPEN_TAIL.search(m.text.rstrip(" \"'“”‘’.,;:-")) is not None


def _described(m: Mention) -> bool:
    """An end made of the sentence's own words: no name the store knows or proposes (a name is a party of its own,
    whatever words stand around it) and a span in the text. The checks of described ends look at these only."""
    return not m.targets and m.canonical is None and m.end > m.start


#: Nouns that head a phrase whose words before them only qualify it: "a China-linked intrusion cluster", "Chinese
#: intrusion tradecraft", "the transportation sector", "the Chinese military's joint operation system", "a British
#: Foreign Office policy paper". An end that stops right before one names the qualifier, not the thing the phrase
#: names (a cluster, a craft, a sector, a system, a policy), so its reading is not the sentence's. Nouns of what is
#: done or said ("the hacking claims", "China's espionage efforts", "the OPM breach") are left out: the words
#: before them name the deed the reading means.
_HEAD_AFTER = re.compile(
    r" (?:clusters?|tradecraft|sectors?|industry|industries|systems?|polic(?:y|ies)|ecosystems?|landscape)"
    r"(?![\w-])"
)


def head_cut(text: str, m: Mention) -> bool:
    """A described end cut right before the noun that heads its phrase (see _HEAD_AFTER). A name the store knows
    or proposes stays: "Microsoft systems" are the vendor's, and the name is a party of its own."""
    if not _described(m):
        return False
    return _HEAD_AFTER.match(text, m.end) is not None


#: The verb of an infinitive that a described end opens with: "used stolen passwords to launch subsequent attacks,
#: compromise corporate networks" read "launch subsequent attacks" as a doer, "to conduct cyberespionage against
#: government ... across Asia and Europe" read "conduct cyberespionage against government" as one. An end that names
#: what is to be done is no party: the doer is the infinitive's subject, the deed its object. Verbs of carrying out
#: and of stopping, which take a deed, in lower case: "to Stage Two Group" names a group. The verb may be the second
#: of the infinitive, after "and" or "or" ("to address and deter malicious cyber activities"; "measures to stem
#: attacks by China's hackers").
_INFINITIVE_VERB = re.compile(
    r"(?:launch|conduct|carry\s+out|mount|stage|wage|perpetrate|commit|deter|address|counter|combat|prevent|"
    r"stop|thwart|disrupt|stem|curb)\s"
)
#: "to", or "to", a lower-case word and "and" or "or", right before an end.
_TO_BEFORE = re.compile(r"\bto\s+(?:(?-i:[a-z]+)\s+(?:and|or)\s+)?$", re.I)
#: A modal verb right before an end: what follows it is a verb phrase ("organisations would report intrusion
#: incidents", "other organizations may track some activity"), never a party. Lower case only: "May" is a month.
_MODAL_BEFORE = re.compile(r"\b(?:would|could|should|will|shall|can|may|might|must)\s+$")


def infinitive_as_party(text: str, m: Mention) -> bool:
    """A described end that opens with the verb of an infinitive (see _INFINITIVE_VERB, _TO_BEFORE), or with any
    lower-case word right after a modal verb (_MODAL_BEFORE). A name the store knows or proposes stays."""
    if not _described(m) or not m.text[:1].islower():
        return False
    before = text[max(0, m.start - 40) : m.start]
    if _MODAL_BEFORE.search(before):
        return True
    return _TO_BEFORE.search(before) is not None and _INFINITIVE_VERB.match(m.text) is not None


#: A verb of doing that an object opens with right after "and", "or" or "as well as" (an adverb may stand
#: between): "targets high value corporate networks and often re-compromises networks", "to infiltrate networks and
#: conduct surveillance", "to hack an array of foreign governments ... as well as spy on their own citizens", "hacked
#: computers ... and gave China's intelligence service access", "to target and disrupt distribution substations
#: within the Ukrainian power grid". The object is a second verb phrase of the doer, not a victim. Finite forms in
#: "-s", base forms and irregular past forms only: a participle in "-ed" also qualifies a noun ("and compromised
#: routers"), and nouns that are verbs too ("exploits", "breaches", "hacks") are left out.
_VERB_OPENS = re.compile(
    r"(?:re-)?(?:conduct|spy|give|maintain|compromise|steal|exfiltrate|collect|gather|install|obtain|harvest|"
    r"infiltrate|deploy|disrupt|destroy|sabotage)s?\s|(?:spies|gave|stole)\s"
)
_COORDINATED_VERB = re.compile(r"\b(?:and|or|as\s+well\s+as)\s+(?:(?:often|also|then|later|[a-z]+ly)\s+)?$")


def verb_phrase_as_party(text: str, m: Mention) -> bool:
    """A described end that opens with a verb of doing coordinated with the cue's (see _VERB_OPENS). A name the
    store knows or proposes stays."""
    if not _described(m) or not _VERB_OPENS.match(m.text):
        return False
    return _COORDINATED_VERB.search(text, max(0, m.start - 30), m.start) is not None


#: Words right before "infrastructure" that make it the attackers' own: "linked to malware infrastructure", "the
#: domains registered to C&C IP infrastructure", "expand compromised infrastructure under their control". Such
#: infrastructure is the servers a group runs or borrows, not the sector of critical infrastructure it attacks.
_OWN_INFRASTRUCTURE = re.compile(
    r"\b(?:compromised|hijacked|malware|malicious|attack|attacker|adversary|C2|C&C|IP|command[- ]and[- ]control|"
    r"botnet|proxy|staging|hosting|operational)\s+$"
)


def attackers_infrastructure(text: str, m: Mention) -> bool:
    """An end that is the word "infrastructure" alone, qualified right before it as the attackers' own (see
    _OWN_INFRASTRUCTURE)."""
    if m.end <= m.start or m.text.strip().lower() != "infrastructure":
        return False
    return _OWN_INFRASTRUCTURE.search(text, max(0, m.start - 30), m.start) is not None


def clause_as_party(m: Mention) -> bool:
    """A described end whose words are part of a clause (see _CLAUSE_VERB): the rules took in a verb, a
    subordinating or coordinating word with the phrase. A name the store knows or proposes stays."""
    if not _described(m):
        return False
    words = m.text.strip(" \"'“”‘’.,;:-")
    return bool(
        _CLAUSE_VERB.search(words)
        or _CLAUSE_LEAD.match(words)
        or _CLAUSE_TAIL.search(words)
        or _VERB_FIRST.match(words)
    )


#: An accusation the sentence calls unfounded right before the accused: "groundlessly accused China of engaging
#: in cyberattacks against X" reports a charge it rejects (read by extract/denials.py as a denial), and the
#: deed it names is asserted by no one in that sentence.
_REJECTED_CHARGE = re.compile(
    r"\b(?:groundless(?:ly)?|baseless(?:ly)?|false(?:ly)?|wrong(?:ful)?(?:ly)?|unjust(?:ly)?|unfairly)\s+"
    r"(?:accus|blam|charg|smear)\w*\s+$",
    re.I,
)


#: A verb of denial: what follows it in its sentence is what the denier takes back ("has denied any involvement
#: by Beijing-backed hackers in the recent breach of U.S. telecommunications companies", "rejected claims of
#: China's involvement in hacking India's power grid").
_DENYING_VERB = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|refuted|refutes|dismissed|dismisses)\b", re.I
)


def _rejected_charge(text: str, x: Extracted) -> bool:
    """A deed read from a charge the sentence takes back: its doer is the accused of a charge the sentence calls
    unfounded, or its verb stands after a verb of denial (the denial is read by extract/denials.py; the deed is
    the accuser's, asserted by no one in the sentence)."""
    m = x.subject
    if not x.negated and _REJECTED_CHARGE.search(text, max(x.sentence[0], m.start - 40), m.start) is not None:
        return True
    if x.cue[1] <= x.cue[0]:
        return False
    denial = _DENYING_VERB.search(text, x.sentence[0], x.cue[0])
    # a negated reading after the denial stays ("rejected claims that a Chinese state actor targeted X"), unless
    # its doer is the denier itself ("the ministry rejected claims of involvement in hacking X")
    return denial is not None and (not x.negated or m.end <= denial.start())


#: Where something is, right before a described end: "aerospace companies based in Arizona, Massachusetts, and
#: Oregon", "the Games held in February in Harbin, northeast China's Heilongjiang Province". The words after
#: "based in" (and the items of their list) locate the noun before them; they are not a victim of their own.
_LOCATED_IN = re.compile(
    r"\b(?:based|located|headquartered|situated|held|hosted)\s+in\s+(?:[^,;:()\"“”]{1,40},\s*)*(?:(?:and|or)\s+)?$",
    re.I,
)


def _place_of_victim(text: str, x: Extracted) -> bool:
    """A described or proposed victim standing where a phrase says where the victims are (see _LOCATED_IN); a
    name the store knows (a country: "companies located in the US") stays, read as the victims' country."""
    o = x.object
    if o is None or o.targets or o.end <= o.start:
        return False
    return _LOCATED_IN.search(text, max(x.sentence[0], o.start - 120), o.start) is not None


#: The head of a phrase naming an order, a rule or a state of affairs, not a party: a deed breaches or harms it
#: ("an unacceptable breach of international norms", "to compromise the cybersecurity environment"), and
#: no one is its victim.
_ORDER = re.compile(
    r"(?:norms?|laws?|rules|sovereignty|agreements?|commitments?|obligations?|principles?|consensus|order|"
    r"environment|peace|stability|trust)$",
    re.I,
)


#: The head of a phrase naming a deed or an attempt at one, not what it was done to: "spying on Tibetan groups in
#: an apparent attempt to ...", "attacked 10 agencies in an \"infiltration\" to steal data", "focused on ransomware
#: deployment and data theft extortion" (what the actors do, not whom they aim at). A campaign stays (an
#: election campaign can be attacked), and the charges and offences are `_CHARGE`'s.
_DEED_AS_VICTIM = re.compile(
    r"(?:cyber-?)?attacks?|cyberattacks?|infiltrations?|incursions?|attempts?|exploitation|breach(?:es)?|"
    r"activit(?:y|ies)|efforts?|extortion|deployments?"
)


#: A described victim whose head is a deed with its own victim after it: "including campaigns against government
#: organizations", "multiple attacks on healthcare entities", "a major breach of X's systems". The deed is no party;
#: what it is against is the victim (phrases._DEED_AGAINST reads it where the object is a list item, by the same
#: pattern, `phrases.deed_before_victim`).
_DEED_WITH_VICTIM = re.compile(
    phrases.deed_before_victim("primarily|mainly|mostly|largely|chiefly|specifically|particularly") + r"\b", re.I
)
#: "targeted" right before the object: the adjective of the deed the object names ("used in targeted
#: compromises", "in targeted attacks"), which no one is the victim of.
_TARGETED_BEFORE = re.compile(r"\btargeted\s+$", re.I)
#: An object that is all a deed: lower-case modifiers, no article, and a noun only a deed is called. Not a campaign
#: or an operation, which may be what the verb "targeted" hit ("targeted election campaigns", "military operations").
_DEED_PHRASE = re.compile(
    r"(?!(?:the|a|an|its|their)\s)(?:(?-i:[a-z][\w-]*)\s+){0,3}?(?:attacks?|cyber-?attacks?|intrusions?|compromises?)"
)


#: The head of a described victim that names a deed, with what the deed was done to, by or with after it: "the
#: defacement of Vietnamese government websites", "the attacker's targeted strike on specific targets", "hacking
#: attempts involving Chinese state-linked actors", "data exfiltration from the board"; or a run of deeds ("a
#: years-long series of digital intrusions against key ministries", "in continuance of China's retaliations"). The
#: deed is no party, whatever follows its head. A campaign or an operation stays (an election campaign, military
#: operations can be hit), as in `_DEED_AS_VICTIM`.
_DEED_NOUN = re.compile(
    r"(?:cyber-?)?attacks?|cyberattacks?|intrusions?|infiltrations?|incursions?|attempts?|breach(?:es)?|"
    r"hack(?:s|ing)?|defacements?|retaliations?|exfiltration|strikes?|thefts?|(?:cyber-?)?espionage",
    re.I,
)
_DEED_RUN = re.compile(r"series|waves?|spates?|strings?|continuance|continuation", re.I)
#: Where the head of a described victim ends: `_HEAD_ENDS` and the prepositions a deed takes its victim or its
#: party with.
_VICTIM_HEAD_ENDS = re.compile(
    r"\s+(?:of|in|on|at|from|for|within|inside|belonging|against|involving|into|targeting|over)\s", re.I
)
_WORD_EDGE = ".,;:\"'“”‘’()"


#: A described victim run on past its noun into an adverbial of the clause: a time ("Ivanti Connect Secure VPN
#: appliances as early as Jan", "US government computer systems as far back as 2011", "in an article earlier on
#: Monday"), a role ("network appliances as means of network access", "employees as a means of gaining trust") or
#: a frequency ("organizations worldwide most commonly"). The phrase is no party, and the reading, which holds the
#: adverbial as part of its victim, is dropped.
_RUN_ON = re.compile(
    r"\s(?:as\s+(?:early|far\s+back|recently|late)\s+as|as\s+(?:an?\s+|the\s+)?means\s+(?:of|to)|"
    r"most\s+(?:commonly|often|frequently)|earlier\s+(?:on|this|last|in|that)|later\s+(?:on|this|that|in))\b",
    re.I,
)


def _victim_headed_by_deed(m: Mention) -> bool:
    """A described victim whose head is a deed or a run of deeds (see _DEED_NOUN); a name the store knows or
    proposes stays."""
    if not _described(m):
        return False
    parts = _VICTIM_HEAD_ENDS.split(m.text, 1)
    words = parts[0].split()
    if not words:
        return False
    head = words[-1].strip(_WORD_EDGE)
    if _DEED_NOUN.fullmatch(head):
        return True
    rest = parts[-1] if len(parts) > 1 else ""
    return _DEED_RUN.fullmatch(head) is not None and any(
        _DEED_NOUN.fullmatch(w.strip(_WORD_EDGE)) for w in rest.split()
    )


#: A possessive right after a place: the place owns what was attacked ("attacks against Vietnam's two largest
#: airports", "against South Korea's government"); the owned thing is the victim (read on its own where it is a
#: name or a described body), and the place only says whose it is.
_OWNS = re.compile(r"['’]s?\s+[\w\"“]")


#: Where a described end's head noun ends: before a preposition that opens its complement ("the bank details of service
#: personnel", "loopholes in the systems").
_HEAD_ENDS = re.compile(r"\s+(?:of|in|on|at|from|for|within|inside|belonging)\s", re.I)
#: Heads that name a way in or what was taken, not a party the deed was done to: "targeted loopholes in the systems
#: provided by ...", "to gain access to the bank details of service personnel" (the people are the victims, where the
#: text names them so). What a spy collects is of this kind: "accessed information about Japan's defense plans,
#: capabilities and assessments of shortcomings of the Self-Defense Forces", "seeks data ..., focusing on sensitive
#: materials such as ... legal documentation, and strategic intelligence", "compromising every single username".
#: "data", "information", "secrets" and the like are left out: annotators key them as what was targeted. A flaw named
#: by its CVE id is a way in too ("targeting vulnerabilities in VoIP systems, specifically CVE-2019-19006").
_WAY_IN_OR_DATA = re.compile(
    r"vulnerabilit(?:y|ies)|flaws?|loopholes?|bugs?|weakness(?:es)?|exploits?|backdoors?|details|credentials|"
    r"passwords?|usernames?|capabilit(?:y|ies)|materials?|documentation|intelligence|assessments?|"
    r"CVE-\d{4}-\d{4,}",
    re.I,
)


#: A possessive and a lower-case noun phrase after an end: "part of China's military-civil fusion program" is part
#: of the program, which names no body, not of its owner ("part of China's Ministry of State Security" names one).
_POSSESSED_THING = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*(?![\w-]*\s+[A-Z])")


def _no_party(m: Mention) -> bool:
    """A described end that names nothing (see _NO_PARTY); a name the store knows or proposes stays."""
    return not m.targets and m.canonical is None and _NO_PARTY.fullmatch(m.text.strip(" \"'“”‘’.,;:")) is not None


#: A point of the compass, written alone: it only qualifies a place's name ("South" of "South, East, and Southeast
#: Asia"), and names no place until the name follows it; with "the" before it ("the West", "the north") it is a
#: direction or a bloc with no bounds, as vague a place as "overseas" (`_NO_PARTY`).
_COMPASS = re.compile(r"(?:north|south|east|west|central)|(?:south|north)-?(?:east|west)", re.I)
#: Words of size or of the level of a government, which qualify the head they share with the next item of a list
#: ("both small and large critical infrastructure", "state and local government agencies"); "both" or "either" may
#: open the item.
_SHARED_QUALIFIER = re.compile(r"(?:(?:both|either)\s+)?(?:small|large|big|major|minor|medium|private|state)", re.I)
#: What coordinates an item with the next one: a comma, "and" or "or".
_NEXT_ITEM = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)\w")


def _qualifier_alone(text: str, m: Mention, *, coordinated: bool) -> bool:
    """A described end that is only a word qualifying a head it does not hold: a point of the compass, anywhere;
    a word of size or of a government's level before the next item of a list (`coordinated`, for the victims a
    list splits). A name the store knows or proposes stays."""
    if not _described(m):
        return False
    words = m.text.strip(" \"'“”‘’.,;:")
    if _COMPASS.fullmatch(words):
        return True
    return coordinated and _SHARED_QUALIFIER.fullmatch(words) is not None and _NEXT_ITEM.match(text, m.end) is not None


#: A possessive's ending opening an end ("'s (PRC) state-backed actors"): the owner it belongs to was left out.
_POSSESSIVE_FIRST = re.compile(r"[\"“‘]?['’]s\b")


def _inside_word(text: str, m: Mention) -> bool:
    """An end that starts inside a word: right after a hyphen joined to the letters before it ("East Asia" of
    "South-East Asia") or with a possessive's ending ("'s (PRC) state-backed actors"). Such an end is the tail of
    a longer phrase, cut where a token boundary fell, and names nothing of its own."""
    if m.end <= m.start:
        return False
    if m.start >= 2 and text[m.start - 1] in "-‐" and text[m.start - 2].isalnum():
        return True
    return not m.targets and _POSSESSIVE_FIRST.match(m.text) is not None


def _reports(text: str, sentence_start: int, subject: Mention, o: Mention) -> bool:
    """Whether the subject only reports the statement: a reporting verb follows it, before the object, and
    it does not say that it acted itself."""
    return (
        sentence_start <= subject.start
        and subject.end <= o.start
        and _REPORTS.match(text, subject.end, o.start) is not None
        and _IT_ACTED.search(text, subject.end, o.start) is None
    )


#: A bare definite noun right before "behind" and the subject: "the hackers behind X", "the organization behind
#: X" describe X's doers by the very tie the reading would state, and name no one; the sentence says who they
#: are elsewhere ("... is unclear", "... is a centre under Y"), or not at all.
_BARE_DEFINITE = re.compile(r"(?:the|these|those)\s+[a-z]+", re.I)
_BEHIND = re.compile(r"\s+behind\s+[\"'“‘]?", re.I)


#: Who tells of the deeds of others: a security vendor, a company (a platform's owner tells of attacks on it), the
#: press, a state's agency or court; and the described tellers ("prosecutors", "researchers").
_TELLERS = frozenset({"security_vendor", "company", "media_organisation", "government_agency", "court"})
_TELLER_NOUN = re.compile(
    r"(?:[\w.-]+\s+){0,3}?(?:prosecutors|researchers|investigators|analysts|experts|officials|firm|company)", re.I
)


def _assertor_as_doer(x: Extracted) -> bool:
    """A `targeted` reading whose subject is a teller named in the assertor the sentence says it from
    ("Microsoft itself last year said a group ... tried to hack X", "Prosecutors charged A and B in hacking attacks
    against X", "According to a report released by Proofpoint Inc., researchers have discovered a campaign that
    has targeted X"): the teller reports the deed, the doer is another. Not a group or a state, which may tell
    of their own deeds, nor an assertor read from the reading's own words."""
    s = x.subject
    words = s.text.strip(" .,;:\"'“”‘’")
    if not words or x.assertor is None or not (s.kinds() & _TELLERS or _TELLER_NOUN.fullmatch(words)):
        return False
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", x.assertor) is not None


def _description_of_doer(text: str, x: Extracted) -> bool:
    """An attribution whose described object is a bare definite noun standing right before "behind" and the
    subject (see _BARE_DEFINITE)."""
    o = x.object
    if o is None or not _described(o) or x.subject.start < o.end:
        return False
    behind = _BEHIND.match(text, o.end)
    return (
        behind is not None
        and behind.end() == x.subject.start
        and _BARE_DEFINITE.fullmatch(o.text.strip(" \"'“”‘’")) is not None
    )


#: A comma right after a reading's cue ends the cue's phrase: "Research Council hacked, China blamed" (a headline of
#: two clauses) or "several US targets, including universities" (a noun and its list) give the cue no object after
#: the comma. An aside set off by a second comma ("targeted, among others, X") still leads to the object.
_COMMA_AFTER_CUE = re.compile(r"\s*,")
_ASIDE = re.compile(
    r"\s*,\s+(?:among\s+others|in\s+particular|notably|for\s+example|for\s+instance|most\s+recently|again|also|"
    r"reportedly|allegedly|apparently|in\s+\d{4}|(?:last|this)\s+\w+|(?:since|for|over|in)\s+(?:\w+\s+){0,2}\w+)\s*,",
    re.I,
)
#: Verbs in a series that share the object after the last: "breached, looted, and leaked X", "targeted, and later
#: extorted, X", "attacked, then encrypted, X".
_VERB_SERIES = re.compile(r"\s*,\s+(?:[a-z]+ed\s*,\s+)*(?:and|or|then)\s+(?:[a-z]+\s+)?[a-z]+ed\b")


def _gap_to_object(x: Extracted) -> tuple[int, int] | None:
    """Where the checks of what lies between a cue and its object look: from the cue's end to the object's start,
    when the object is a span of its own after the cue; None otherwise (no object, an empty one, or one that starts
    inside or before the cue)."""
    o = x.object
    h0, h1 = x.cue
    if o is None or o.end <= o.start or h1 <= h0 or o.start < h1:
        return None
    return h1, o.start


def _object_past_comma(text: str, x: Extracted) -> bool:
    """An object read across a comma that closes the cue's phrase (see _COMMA_AFTER_CUE)."""
    gap = _gap_to_object(x)
    if gap is None:
        return False
    h1, start = gap
    return (
        _COMMA_AFTER_CUE.match(text, h1, start) is not None
        and _ASIDE.match(text, h1, start) is None
        and _VERB_SERIES.match(text, h1, start) is None
    )


#: A comma and a participle that opens a clause of its own after the cue: "... in East Asia including Japan and
#: Taiwan, employing tactics like spear-phishing and custom malware", "... defense contractors, underscoring
#: vulnerabilities in X", "... that targeted iPhones in 2018, suggesting that China ...". What follows it is the
#: participle's, not the cue's: the means used, what the deeds show, what a report draws from them. A participle that
#: goes on with the list ("including", "ranging from", "spanning") or that is a cue of its own ("striking
#: organizations in ...", read from that cue) is none of them.
_PARTICIPLE_CLAUSE = re.compile(
    r",\s+(?!(?:including|according|ranging|spanning|covering|encompassing|comprising|involving|concerning|"
    r"regarding|targeting|attacking|hacking|striking|breaching|compromising|infiltrating|penetrating|affecting|"
    r"hitting|impacting|spying|stealing)\b)[a-z]+ing"
    # a verb's participle takes "that" or an object of its own; a sector's noun in -ing ("mining, and research
    # organizations", "manufacturing companies") is a list item or qualifies the head after it
    r"\s+(?:that\b|(?!(?:and|or|nor|as|companies|firms|sectors?|industr(?:y|ies)|organi[sz]ations|entities|"
    r"businesses|groups|services|institutions|providers|operators|facilities|equipment|plants|networks|systems)\b)"
    r"[a-z])"
)


def _object_past_participle(text: str, x: Extracted) -> bool:
    """A victim read past a comma and a participle that opens its own clause after the cue (see _PARTICIPLE_CLAUSE)."""
    gap = _gap_to_object(x)
    if gap is None:
        return False
    h1, start = gap
    return _PARTICIPLE_CLAUSE.search(text, h1, start) is not None


#: A second verb coordinated after the cue's object, in the past, with an object of its own: "exploited CVE-2020-12271
#: ... and demonstrated significant changes in TTPs", "the Chaos hack that targeted iPhones and found evidence
#: suggesting the Chinese government ...". What follows it is that verb's, not the cue's. A verb of the deeds
#: ("and breached X") or of carrying deeds out ("and conducted ransomware attacks on X") is a cue of its own, a
#: verb right after the cue shares its object ("targeted and exploited X"), and a participle that qualifies the
#: next item ("and related organizations", "and affiliated entities") is no verb.
_SECOND_VERB = re.compile(
    r"\s(?:and|but)\s+(?:(?:then|later|also|subsequently|eventually|[a-z]+ly)\s+)?"
    r"(?!(?:targeted|attacked|compromised|breached|hacked|infiltrated|penetrated|accessed|affected|impacted|"
    r"struck|hit|spied|stole|stolen|related|affiliated|associated|connected|linked|based|regulated|advanced|"
    r"specialized|specialised|distributed|networked|automated|integrated|licensed|listed|named|unnamed|"
    r"interested|selected|sanctioned|owned|operated|managed|funded|backed|sponsored|controlled|aligned|"
    r"allied|armed|skilled|detailed|limited|united|unrelated|registered|certified|trusted|used|conducted|carried|"
    r"launched|mounted|staged|waged|perpetrated|orchestrated|executed|deployed|exploited)\b)"
    r"(?:[a-z]+ed|found|made|took|sent|gave|led|built|held|sold|left|began|became|got|kept|ran|sought|saw|"
    r"won|wrote|told|said)\s+(?!(?:and|or|by|to|in|on|at|from|with|as|for|into|against)\b)[\w\"“]|"
    # the present of the verbs a description goes on with ("and focuses on low-noise ... operations") and of the
    # verbs of telling and showing ("the report links the hacking to X and mentions that the United States ...")
    r"\s(?:and|but)\s+(?:(?:then|later|also|now|still|often|[a-z]+ly)\s+)?"
    r"(?:focus(?:es|ed)|rel(?:ies|ied)|uses|maintains|employs|seeks|aims|appears|seems|demonstrates|shows|"
    r"mentions|says|notes|adds|claims|states|reports|suggests|indicates|reveals|finds|warns|argues|believes)\s"
)


def _object_past_second_verb(text: str, x: Extracted) -> bool:
    """An object read past a second verb coordinated after the cue's object (see _SECOND_VERB)."""
    gap = _gap_to_object(x)
    if gap is None:
        return False
    h1, start = gap
    second = _SECOND_VERB.search(text, h1, start)
    if second is None:
        return False
    # verbs right after the cue, alone or in a series, share its object ("has targeted and exploited X",
    # "breached, looted, and leaked the networks of X"): the cue's object must come before the second verb
    if not text[h1 : second.start()].strip():
        return False
    return _VERBS_BEFORE.fullmatch(text, h1, second.start()) is None


#: What lies between a cue and a second verb when the two end a series of verbs with one object: single words
#: after commas (", looted,"); a bare comma is no series ("hacked, Russia blamed").
_VERBS_BEFORE = re.compile(r"(?:\s*,\s*[a-z]+)+\s*,?\s*")


#: A quotation that closes after a comma or a stop ('... against X," the ministry said'): what follows it is the
#: attribution of the quoted words, outside them.
_QUOTE_CLOSES = re.compile(r"[,.!?][\"”’']\s")
#: The verb that gives the quoted words to their speaker.
_QUOTE_SAID = re.compile(r"\b(?:said|says|told|tells|added|adds|stated|states|noted|notes|wrote|writes)\b", re.I)


def _object_past_quote(text: str, x: Extracted) -> bool:
    """An object read across the end of a quotation that holds the cue, in the speaker's words that give the
    quotation its speaker ('... espionage against Lithuania," the State Security Department and the Second
    Investigation Department said'): they name who spoke, and no party of what was said. A quoted term that a
    list goes on after ('targeted what it called "critical infrastructure," including hospitals') is no quotation
    of a speaker, and its list stays."""
    gap = _gap_to_object(x)
    if gap is None:
        return False
    h1, start = gap
    closes = _QUOTE_CLOSES.search(text, h1, start)
    return closes is not None and _QUOTE_SAID.search(text, closes.end(), x.sentence[1]) is not None


#: "targets" (or "target") is a noun after a word that only stands before a noun: a determiner, a possessive, a
#: number, a quantifier or an adjective by its ending ("against Taiwanese targets", "their targets", "several key
#: targets"). An adverb or a relative pronoun before it leaves the verb ("mainly targets", "that targets").
_NOUN_MODIFIER = re.compile(
    r"(?:their|its|his|her|our|your|the|these|those|several|many|some|other|potential|key|high-value|new|more|main|"
    r"primary|top|prime|likely|possible|\d+|[\w-]+['’]s|[\w.-]*(?:ese|ian|ish|al|ic|ive|ous|ary|ern|ful|ible|able))",
    re.I,
)
_VERB_BEFORE = re.compile(r"(?:\w+ly|that|which|who|also|now|still|often|then|again|only|even|and|or)", re.I)
#: Where the subject itself stands right before the noun ("their U.S. targets"), the word before the subject
#: makes the pair a noun phrase.
_NOUN_PHRASE_OPENS = re.compile(
    r"\b(?:their|its|his|her|our|your|the|a|an|these|those|several|many|some|other|potential|key|against|on|at|of|"
    r"for|to|from|with|among|new|more|high-value|\w+ese|\w+ian)\s+$",
    re.I,
)
_LAST_WORD = re.compile(r"([\w.'’-]+)\s+$")
#: The noun heading a clause that names the victims ("APT41's targets include X", "its targets were X"): the
#: possessor's deed, read as before.
_TARGETS_NAMED = re.compile(r"\s+(?:(?:now|also|have|has|had)\s+)?(?:include[sd]?|including|are|were)\b", re.I)


def _targets_as_noun(text: str, x: Extracted) -> bool:
    """A `targeted` reading cued by "targets" where the word before it makes it the noun (see _NOUN_MODIFIER):
    "harass their U.S. targets and spread propaganda" says nothing the U.S. targeted, "activities against
    Taiwanese targets ..., with a focus on its technology sector" no deed of the activities on the sector."""
    h0, h1 = x.cue
    if h1 <= h0 or text[h0:h1].strip().lower() not in ("targets", "target") or _TARGETS_NAMED.match(text, h1):
        return False
    s = x.subject
    if s.end <= h0 and not text[s.end : h0].strip():
        return _NOUN_PHRASE_OPENS.search(text, max(x.sentence[0], s.start - 20), s.start) is not None
    word = _LAST_WORD.search(text, max(x.sentence[0], h0 - 60), h0)
    if word is None or _VERB_BEFORE.fullmatch(word.group(1)):
        return False
    return _NOUN_MODIFIER.fullmatch(word.group(1)) is not None


#: "other" opening an end names parties only by their contrast with the one spoken of: "the tradecraft overlaps with
#: other state-sponsored Chinese threat groups", "earlier research attributed it to other threat actors, but we
#: consider X a separate actor". "another" names one more party of its own ("attributed to another country").
_OTHER = re.compile(r"other\s", re.I)


def _other_in_attribution(x: Extracted) -> bool:
    """An `attributed_to` reading with an end opening with "other" (see _OTHER): the text sets those parties
    apart from the one it speaks of, and holds no one behind anything by naming them."""
    if x.predicate != "attributed_to":
        return False
    return any(m is not None and _OTHER.match(m.text.lstrip(" \"'“‘")) is not None for m in (x.subject, x.object))


#: A participle of association and its preposition after a bare noun, and the words it takes up to a stop:
#: "individuals associated with X", "companies related to Y"; or "with" and a noun of such ties ("groups with
#: contentious relationships with X", "firms with ties to Y"; not "links", which may be the lure: "targeted users
#: with links to malicious sites"). The phrase says which ones are meant.
_DEFINED_BY = re.compile(
    r"\s+(?:(?:associated|related|connected|affiliated|linked|tied|involved)\s+(?:with|to|in)|"
    r"with\s+(?:[a-z-]+\s+)?(?:ties|connections|relationships|relations)\s+(?:with|to))\s+"
    r"[^,;:.()\[\]\"“”]{2,80}",
    re.I,
)
#: Where the participle's phrase ends inside those words: a preposition or a word that opens a clause of its own
#: ("... connected to the Syrian opposition via spearphishing", "... since 2019"), or a coordinating word after a
#: noun ("the 2020 election and prominent leaders": the next item; "diplomatic and government agencies" shares
#: its head and goes on).
_PHRASE_STOP = re.compile(
    r"\s+(?:via|through|using|since|from|for|during|between|after|before|while|when|who|which|that|by|as)\b|"
    + "".join(f"(?<!{ending})" for ending in _ADJECTIVE)
    + r"\s+(?:and|or)\s",
    re.I,
)


#: A pronoun or a quantifier standing for a noun named earlier ("those", "many"): no head of its own.
_PRONOUN = re.compile(r"those|these|them|others|all|some|many|most|several|any|each|both|few", re.I)


def with_participle(text: str, o: Mention) -> Mention:
    """A described victim that is one bare lower-case word followed by a participle of association (see
    _DEFINED_BY), with the participle's phrase: "targeted individuals associated with the 2020 election" did
    not target individuals at large. Any other end stays as it is ("individuals in the US")."""
    words = o.text.strip()
    if not _described(o) or not (words.isalpha() and words.islower()):
        return o
    if _PRONOUN.fullmatch(words):
        return o  # "those associated with ...": a pronoun stands for a noun named before, and keeps its reading
    phrase = _DEFINED_BY.match(text, o.end)
    if phrase is None:
        return o
    stop = _PHRASE_STOP.search(text, o.end, phrase.end())
    end = stop.start() if stop is not None else phrase.end()
    end = len(text[:end].rstrip())
    return replace(o, end=end, text=text[o.start : end])


#: A victim named only by a kind of machine, anyone's ("gained access to a system", "to compromise victims'
#: systems"): the words name no one attacked.
_ANY_MACHINE = re.compile(
    r"(?:(?:a|an|victims['’])\s+)?(?:systems?|networks?|computers?|devices?|servers?|machines?)", re.I
)
#: A participle or a preposition that says whose or where the machines are ("systems provided by the government's
#: service providers", "computers at Dutch banks"): the phrase names the victim with them.
_WHOSE_MACHINE = re.compile(
    r"\s+(?:provided|used|run|operated|owned|managed|maintained|hosted|belonging|at|of|in|inside|within)\b", re.I
)


#: Statements between two parties ("X linked to Y", "X established by Y"): a sector is a class of bodies that a deed
#: reaches, and no subject of a tie ("infrastructure linked to X" is the group's servers, "defence cooperation
#: with the United States" a field, "the School of ... Engineering" a cut name). As the other end it stays: "linked
#: to Beijing's military and intelligence agencies" is read as the sector of the phrase it names.
_BETWEEN_PARTIES = frozenset(
    {
        "linked_to",
        "attributed_to",
        "operated_by",
        "established_by",
        "subordinate_to",
        "member_of_group",
        "employed_by",
        "front_company_for",
    }
)
_SECTOR = frozenset({"sector"})
#: Statements whose subject, where it is a state, is one only as a whole noun phrase (`roles.state_as_doer`): in
#: "operates on behalf of the Chinese government and may have ties to X" or "attacks by hackers in China were connected
#: to the dispute" the state is the object of a preposition, and the ties are the subject's of the clause; in
#: "extradited from Belgium to the US" Belgium is where someone came from, not a place inside the US. A state that
#: charges or sanctions acts through its organs, named in any phrase, and is left to the rules of those acts.
_STATE_AS_WHOLE = _BETWEEN_PARTIES | {"located_in"}
#: Statements whose other end is no place that owns what it stands before, as no such place is a victim (`_OWNS`):
#: "linked to Beijing's military and intelligence agencies" ties the groups to the agencies, "the report jointly
#: released by China's National Computer Virus Emergency Response Center" was issued by the centre, "support China's
#: ambition to establish a blue-water navy" names an aim; the owned thing is the party, read on its own where it is
#: a name or a described body. Attribution is left out: "attributed to China's attempt to burrow into civilian
#: networks" holds the state itself behind the deed.
_OWNER_NO_PARTY = (_BETWEEN_PARTIES - {"attributed_to"}) | {"issued_by"}


def _owner(text: str, m: Mention) -> bool:
    """A place (of the store's place kinds only) followed by a possessive: it owns the thing named after it."""
    return m.end > m.start and bool(m.kinds()) and m.kinds() <= _PLACES and _OWNS.match(text, m.end) is not None


#: A verb of aim between a tie's cue and a sector: "linked to cybercrime operations, particularly focused on
#: cryptocurrency" ties the subject to the operations, and the sector is what they aim at.
_AIM = re.compile(
    r"\b(?:focus(?:es|ed|ing)?|focuss(?:ed|ing)|target(?:s|ed|ing)?|aim(?:s|ed|ing)?|speciali[sz](?:es|ed|ing))\b",
    re.I,
)


def _aim_between(text: str, x: Extracted) -> bool:
    """A verb of aim between the cue and the object (see _AIM)."""
    o = x.object
    h0, h1 = x.cue
    if o is None or h1 <= h0 or o.start < h1:
        return False
    return _AIM.search(text, h1, o.start) is not None


#: A verb of using right before "compromised" (an article, a number or a quantity between): "leveraging tens of
#: thousands compromised websites", "utilized compromised accounts", "hosted on compromised routers". There
#: "compromised" qualifies the noun after it, the means the doer uses, not a deed of the subject.
_USING_COMPROMISED = re.compile(
    r"\b(?:us(?:e|es|ed|ing)|utili[sz](?:e|es|ed|ing)|employ(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|"
    r"abus(?:e|es|ed|ing)|hosted\s+on|via|through)\s+"
    r"(?:(?:a|an|the|their|its|his|her|other|previously|already|legitimate|multiple|several|many|numerous|"
    r"dozens|hundreds|thousands|tens|of|\d[\d,]*)\s+){0,4}$",
    re.I,
)


def _compromised_as_means(text: str, x: Extracted) -> bool:
    """A victim read from "compromised" that only qualifies the nouns after it, the means a verb of using takes
    (see _USING_COMPROMISED): "X leverages compromised websites and accounts" names no victim of X."""
    o = x.object
    h0, h1 = x.cue
    if o is None or h1 <= h0 or text[h0:h1].lower() != "compromised" or o.start < h1:
        return False
    return _USING_COMPROMISED.search(text, max(0, h0 - 80), h0) is not None


#: A security vendor: it studies and names the deeds of others ("The study ... was conducted by ThreatConnect", "a
#: group Symantec tracks as Jewelbug"), and is no one an operation is attributed to.
_VENDOR = frozenset({"security_vendor"})


#: Between a body and the participle that places something ("based", "situated", "located", "headquartered"): lower-
#: case words ending in the noun the participle places, which the body only qualifies ("a well-known PLA cyber warfare
#: detachment based in the city of Qingdao": the detachment is there, not the PLA) or which a phrase after the body
#: names ("a subgroup of APT41 targeting organizations based in Taiwan": the victims are). A comma (an apposition:
#: "Volt Typhoon, a state-sponsored actor based in China"), an auxiliary, a conjunction or a capital stops it.
_QUALIFIED_HEAD = re.compile(r"(?:\s+(?-i:[a-z][a-z-]*)){1,4}\s+$")
#: A noun of a part right before the body, with "of": "a unit of the Ministry of State Security situated in Wuhan"
#: places the unit, not the ministry.
_PART_OF = re.compile(
    r"\b(?:units?|branch(?:es)?|bureaus?|departments?|divisions?|arms?|offices?|subsidiar(?:y|ies)|detachments?|"
    r"sections?|teams?)\s+of\s+(?:the\s+)?$",
    re.I,
)
_PLACING = re.compile(r"(?:based|situated|located|headquartered)\b", re.I)
_NOT_HEAD = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|and|or|that|which|who|also|now|still|reportedly)\b")


def _another_placed(text: str, x: Extracted) -> bool:
    """A `located_in` whose subject only qualifies the noun the participle places (see _QUALIFIED_HEAD), or is
    the body a placed part belongs to (see _PART_OF)."""
    c0, _ = x.cue
    s = x.subject
    if s.end <= s.start or c0 < s.end or not _PLACING.match(text, c0):
        return False
    between = text[s.end : c0]
    if between.strip() == "":
        return _PART_OF.search(text, max(0, s.start - 40), s.start) is not None
    return _QUALIFIED_HEAD.fullmatch(between) is not None and _NOT_HEAD.search(between) is None


#: "under" between a `subordinate_to` reading's ends: the body under the other is the noun right before the word.
_UNDER = re.compile(r"\bunder\b", re.I)
#: What may stand between the subject and "under" and leave the subject the body placed there: nothing but an adverb
#: ("X directly under Y"), a verb of being or of coming or placing ("X is under", "came under", "to place it
#: under", "SAU is the only university formally under": a predicate after the copula is the subject's own), or an
#: apposition opened by one comma and an article ("X, a bureau under Y").
_UNDER_GAP = re.compile(
    r"[\s,]*(?:(?:directly|formally|now|still|also|long|once)\s+)*|"
    r".*\b(?:is|are|was|were|be|been|being|came|come|comes|coming|placed|place|put|operates|operated|operating|"
    r"sits|falls|fell|remains|remained)\b.*|"
    r"\s*,\s*(?:an?|the)\s+[^,;:\"“”()]{1,60}",
    re.I | re.S,
)


#: What shows another noun heading the phrase before "under": a passive's agent ("run by three private citizens
#: under", "supported by four forces directly under") or a quotation's mark ("," the head of the centre under").
_OTHER_HEAD = re.compile(r"\bby\s|[\"“”]")


def _another_under(text: str, x: Extracted) -> bool:
    """A `subordinate_to` reading where "under" stands between its ends and another noun than the subject stands
    right before it: "analyzed APT3, ... run by three private citizens under the Chinese security company, Boyusec"
    (the citizens), "as reported by FireEye," the head of the cyber security centre under the Ministry" (the
    centre), "supported by four forces directly under the ... Central Military Commission" (the forces). The
    subject is not the body placed under the other. Only where the words between them show that other noun
    (_OTHER_HEAD) and are none of what leaves the subject the body placed (_UNDER_GAP)."""
    o = x.object
    s = x.subject
    if o is None or s.end <= s.start or o.start < s.end:
        return False
    unders = list(_UNDER.finditer(text, s.end, o.start))
    if not unders:
        return False
    gap = text[s.end : unders[-1].start()]
    return _UNDER_GAP.fullmatch(gap) is None and _OTHER_HEAD.search(gap) is not None


#: "since", an article and up to three words right before a deed noun that cues the reading ("conducted by a
#: China-nexus threat actor since the mass exploitation of Microsoft Exchange", "since a 2021 attack on Microsoft
#: Exchange"): the deed is an earlier one, the time the clause counts from, and the sentence names no doer of it. A
#: time after "since" ("used since at least 2022 in attacks against X") leaves the deed the doer's.
_SINCE_DEED = re.compile(r"\bsince\s+(?:the|a|an|its|their|this|that)\s+(?:[\w.-]+\s+){0,3}$", re.I)
_DEED_CUE = re.compile(r"(?:" + _DEED_NOUN.pattern + r"|exploitation|compromises?)\b", re.I)


def _earlier_deed(text: str, x: Extracted) -> bool:
    """A `targeted` reading cued by a deed noun that "since" opens (see _SINCE_DEED), the subject before it."""
    h0, h1 = x.cue
    if h1 <= h0 or x.subject.end > h0 or not _DEED_CUE.match(text, h0):
        return False
    return _SINCE_DEED.search(text, max(x.subject.end, h0 - 60), h0) is not None


#: A described victim that is only a count ("infiltrating over 600 organizations across 80 countries, including
#: around 200 in the U.S.": the noun counted stands elsewhere) or is headed by a noun of amount or of change ("averaged
#: 2.63 million per day throughout 2025-a 6% increase", "a much smaller number of the customers"): it measures the
#: victims or the deeds, it names no party.
_COUNT_ONLY = re.compile(
    r"(?:(?:around|about|over|more\s+than|at\s+least|nearly|almost|some|roughly|approximately|up\s+to)\s+)*"
    r"\d[\d,.]*%?",
    re.I,
)
_AMOUNT_HEAD = re.compile(
    r"(?<![\w-])(?:number|increase|rise|jump|decrease|decline|majority|fraction|portion|proportion|percentage)$", re.I
)


#: A generic noun of a place ("country", "nation", "region", "world", "island") read as the victim where it names no
#: party of its own: it owns what follows it ("targeting the country's national security and high technology data"),
#: the name follows it ("an extensive hacking operation targeting the country of Kazakhstan"), the victims are spread
#: over it ("telecoms and internet service providers across the country"). "Attacks against our country" names the
#: speaker's state, and "any country or region that is deemed hostile" every such state: both stay.
_GENERIC_PLACE = re.compile(r"(?:countr(?:y|ies)|nations?|regions?|world|islands?)", re.I)
_GENERIC_PLACE_AFTER = re.compile(r"['’]s?\s|\s+of\s+(?:the\s+)?(?-i:[A-Z])")
_GENERIC_PLACE_BEFORE = re.compile(r"\b(?:across|around|throughout|over|all\s+over)\s+(?:the|this|that)\s+$", re.I)


def _generic_place(text: str, o: Mention) -> bool:
    """A victim that is a generic noun of a place naming no party (see _GENERIC_PLACE)."""
    if o.end <= o.start or not _GENERIC_PLACE.fullmatch(o.text.strip(" \"'“”‘’.,;:")):
        return False
    if _GENERIC_PLACE_AFTER.match(text, o.end):
        return True
    return _GENERIC_PLACE_BEFORE.search(text, max(0, o.start - 25), o.start) is not None


def _count_as_victim(o: Mention) -> bool:
    """A described victim that is a count or an amount (see _COUNT_ONLY, _AMOUNT_HEAD)."""
    if not _described(o):
        return False
    words = o.text.strip(" \"'“”‘’.,;:")
    return _COUNT_ONLY.fullmatch(words) is not None or _AMOUNT_HEAD.search(words) is not None


#: The first word of a described end that only a verb is: "the NetTraveler attacks originate from a group" read
#: "originate" as a victim, "New sanctions clamp down on attempts" read "clamp down on attempts" as the sanctioned,
#: "targeting major enterprises and operate a leak site", "compromise environments and initiate fraudulent
#: transactions", "allow FIN12 actors to select victims". A word that is a noun as well ("transfer", "use",
#: "leverage", "compromise", "exploit", "profile", "bypass") is the verb when an article, a possessive or a count
#: follows it ("and transfer a one-time code", "attacks use two primary malware families", "and leverage their
#: associated access"); alone it may head a noun phrase ("exploit kits", "use of the persona").
_VERB_ONLY_FIRST = re.compile(
    r"(?:originat|initiat|emulat|operat|utili[sz]|redirect|allow|clamp)(?:e|es|s)?\s|"
    r"(?:steal|steals|sought)(?:\s|$)|"
    r"(?:transfer|use|leverage|compromise|exploit|profile|bypass)s?\s+(?:a|an|the|its|their|his|her|our|this|"
    r"these|those|two|three|four|five|several|various|many|multiple|\d[\d,]*)\s"
)


def _verb_first(m: Mention) -> bool:
    """A described end whose first word is a verb (see _VERB_ONLY_FIRST). A name the store knows or proposes stays."""
    if not _described(m):
        return False
    words = m.text.strip(" \"'“”‘’.,;:")
    return words[:1].islower() and _VERB_ONLY_FIRST.match(words + " ") is not None


def no_statement(text: str, x: Extracted) -> str | None:
    """Why a reading is no statement (the rule's name), or None when it may be one."""
    end = x.subject.end
    if text[end : end + 1] == "-" and end > x.subject.start and _QUALIFIER.match(text, end):
        return "qualifier as actor"
    if _no_party(x.subject):
        return "fragment as party"
    if _qualifier_alone(text, x.subject, coordinated=False):
        return "qualifier without its head"
    if _inside_word(text, x.subject) or (x.object is not None and _inside_word(text, x.object)):
        return "end inside a word"
    if _cut_name(text, x.subject) or (x.object is not None and _cut_name(text, x.object)):
        return "cut name"
    if open_tail(x.subject) or (x.object is not None and open_tail(x.object)):
        return "end cut inside a clause"
    if head_cut(text, x.subject) or (x.object is not None and head_cut(text, x.object)):
        return "end cut before its head"
    if infinitive_as_party(text, x.subject) or (x.object is not None and infinitive_as_party(text, x.object)):
        return "infinitive as party"
    if _verb_first(x.subject) or (x.object is not None and _verb_first(x.object)):
        return "verb as an end's first word"
    if x.object is None:
        return None
    o = x.object
    if x.subject.same_entity(o):
        return "one thing at both ends"  # a reference read back to the subject ("the hackers behind X": X)
    if _no_party(o):
        return "fragment as party"
    if _qualifier_alone(text, o, coordinated=x.predicate == "targeted"):
        return "qualifier without its head"
    if clause_as_party(o):
        return "clause as party"
    if verb_phrase_as_party(text, o):
        return "verb phrase as party"
    if attackers_infrastructure(text, o):
        return "attackers' infrastructure as party"
    if o.end > o.start and _SPEAKS.match(text, o.end) and x.predicate not in {"issued_by", "part_of"}:
        # a body that issued a document may say so ("X said in its report"); the body a speaking unit is cut from
        # speaks with it ("the Security Bureau of the National Police Agency revealed")
        return "speaker as party"
    if _reports(text, x.sentence[0], x.subject, o):
        return "reporter as party"
    if _object_past_comma(text, x):
        return "object past the cue's comma"
    if _object_past_quote(text, x):
        return "object past the quotation's end"
    if _object_past_second_verb(text, x):
        return "object past a second verb"
    if _other_in_attribution(x):
        return "contrasted parties in an attribution"
    if _description_of_doer(text, x):
        return "description of the doer as party"
    if x.predicate in _BETWEEN_PARTIES and x.subject.kinds() == _SECTOR:
        return "sector as party to a tie"
    if x.predicate == "attributed_to" and o.kinds() == _VENDOR:
        return "researcher as the one behind"
    if x.predicate in _OWNER_NO_PARTY and _owner(text, o):
        return "owner as party"
    if x.predicate in _STATE_AS_WHOLE and not roles.state_as_doer(text, x.sentence[0], x.subject):
        return "state qualifier as party"
    if x.predicate in _BETWEEN_PARTIES and o.kinds() == _SECTOR and _aim_between(text, x):
        return "aim of the deeds as party to a tie"
    if x.predicate == "subordinate_to" and o.end > o.start and _POSSESSED_THING.match(text, o.end):
        return "possessor as party"
    if x.predicate == "subordinate_to" and _another_under(text, x):
        return "another noun under the body"
    if x.predicate == "operated_by":
        if _wrong_voice(text, x):
            return "wrong voice"
        start = x.object.start
        if start > 0 and "of" in text[max(0, start - 8) : start] and _BENEFIT.search(text, max(0, start - 30), start):
            return "beneficiary as operator"
        return None
    if x.predicate == "located_in" and _another_placed(text, x):
        return "another's place as the body's"
    if x.predicate != "targeted":
        return None
    if _victim_as_doer(text, x):
        return "victim as doer"
    if _earlier_deed(text, x):
        return "an earlier deed as the doer's"
    if _assertor_as_doer(x):
        return "assertor as doer"
    if _targets_as_noun(text, x):
        return "noun 'targets' as verb"
    if _rejected_charge(text, x):
        return "rejected charge as deed"
    if _compromised_as_means(text, x):
        return "means as victim"
    if _count_as_victim(o):
        return "count as victim"
    if _generic_place(text, o):
        return "generic place as victim"
    if _object_past_participle(text, x):
        return "object past a participle's clause"
    if (
        not o.targets
        and o.canonical is None
        and _ANY_MACHINE.fullmatch(o.text.strip(" \"'“”‘’.,;:"))
        and not _WHOSE_MACHINE.match(text, o.end)
    ):
        return "any machine as victim"
    if _place_of_victim(text, x):
        return "place of the victims as victim"
    if not roles.state_as_doer(text, x.sentence[0], x.subject):
        return "state qualifier as doer"
    if not roles.body_as_doer(text, x.sentence[0], x.subject):
        return "object of a preposition as doer"
    if _descended_from(text, x.sentence[0], x.subject):
        return "what the doer comes from as doer"
    if o.end > o.start and text[o.end : o.end + 1] == "-" and _BASED.match(text, o.end):
        return "qualifier as victim"
    if o.end > o.start and o.kinds() and o.kinds() <= _PLACES and _OWNS.match(text, o.end):
        return "owner as victim"
    if _peoples_adjective_alone(text, o):
        return "adjective without its head"
    if o.end > o.start and not o.kinds() & (_PLACES | _SECTOR) and _MEMBERS_AFTER.match(text, o.end):
        return "modifier as victim"
    if o.entity is not None:
        if o.entity.kind == "threat_group" and (_kind(x.subject) in _NOT_GROUP_VICTIMS or _group_as_doer(text, x)):
            return "threat group as victim"
        if (
            o.entity.kind == "sector"
            and o.end > o.start
            and (_THING_AFTER.match(text, o.end) or _HELD_AFTER.match(text, o.end))
        ):
            return "modifier as victim"
        return None
    head = _HEAD_ENDS.split(x.object.text, 1)[0].rsplit(None, 1)
    if head and _WAY_IN_OR_DATA.fullmatch(head[-1].strip(".,;:\"'“”‘’)")):
        return "flaw or data as victim"
    if _victim_headed_by_deed(o):
        return "deed as victim"
    if _RUN_ON.search(o.text):
        return "end run on into an adverbial"
    adjective = o.end > o.start and _TARGETED_BEFORE.search(text, max(0, o.start - 12), o.start) is not None
    if _DEED_WITH_VICTIM.match(x.object.text) or (adjective and _DEED_PHRASE.fullmatch(o.text)):
        return "deed as victim"
    words = x.object.text.rsplit(None, 1)
    if not words:
        return None
    last = words[-1].strip(".,;:\"'“”‘’)").lower()
    if _CHARGE.fullmatch(last):
        return "charge as victim"
    if _ORDER.fullmatch(last):
        return "order as victim"
    if _DEED_AS_VICTIM.fullmatch(last):
        return "deed as victim"
    if last.endswith(_ADJECTIVE) and (
        _COORDINATED.match(text, x.object.end) or (len(words) == 1 and _SERIAL.match(text, x.object.end))
    ):
        return "adjective without its head"
    return None


#: A gerund read as a deed's verb ("hacking"), and the word before it when that word makes the gerund a
#: noun's modifier: a name or nationality ("Chinese hacking forum", "APT 41 hacking infrastructure"), a
#: possessive ("China's underground hacking scene"), an adjective by its ending or "underground".
_GERUND = re.compile(r"\s*[a-z]+ing\s*", re.I)
_MODIFIER_BEFORE = re.compile(
    r"(?:(?-i:[A-Z])[\w.-]*|\d+|[\w-]+['’]s|[\w-]+(?:al|ic|ive|ous|ary|ern|ese|ian|ful|ible|able)|underground)\s+$",
    re.I,
)


def _compound_cue(text: str, x: Extracted) -> bool:
    """A `targeted` reading whose verb is a gerund standing as the modifier of a bare noun right after it (see
    _GERUND): "an underground Chinese hacking forum" tells of a forum, not of anyone hacking it."""
    h0, h1 = x.cue
    o = x.object
    if x.predicate != "targeted" or o is None or h1 <= h0 or not _GERUND.fullmatch(text, h0, h1):
        return False
    if o.targets and o.kinds() != {"sector"}:  # a named body is no noun a gerund modifies
        return False
    if text[h1 : o.start].strip() or not o.text[:1].islower() or " " in o.text.strip():
        return False
    return _MODIFIER_BEFORE.search(text, max(0, h0 - 40), h0 + len(text[h0:h1]) - len(text[h0:h1].lstrip())) is not None


#: A gerund and a noun right after it that it can only qualify: a singular doer's collective, which as an object
#: would need a determiner ("the Chinese hacking organization Salt Typhoon", "state sponsored hacking group X"), or
#: a word for an accusation, which nothing hacks ("called hacking accusations a smear").
_GERUND_BEFORE_NOUN = re.compile(
    r"\b[a-z]+ing\s+(?:group|organi[sz]ation|outfit|team|crew|unit|gang|collective|actor|syndicate|"
    r"accusations?|allegations?|claims?|charges?)\b"
    # the noun ends its phrase: a name, a function word or punctuation follows, not a noun it would qualify in
    # turn ("targeting group chats", "hacking team members" are a verb and its object)
    r"(?=\s*(?:[^\w\s]|$)|\s+(?-i:[A-Z])|\s+(?:a|an|the|that|which|who|whose|is|was|were|are|has|had|have|and|or|"
    r"but|of|in|on|at|to|for|with|from|as|by|known|called|dubbed|named|believed|said|linked|tied|based)\b)",
    re.I,
)
_GERUND_WORD = re.compile(r"\b[a-z]+ing\b", re.I)


def _gerund_of_noun(text: str, x: Extracted) -> bool:
    """A `targeted` reading whose cue holds a gerund qualifying the noun after it (`_GERUND_BEFORE_NOUN`), in the
    cue or as the first word of the object: the phrase names a group or a charge, no one hacking anything."""
    h0, h1 = x.cue
    o = x.object
    if x.predicate != "targeted" or o is None or h1 <= h0:
        return False
    return any(_GERUND_BEFORE_NOUN.match(text, h0 + g.start()) for g in _GERUND_WORD.finditer(text[h0:h1]))


#: Predicates that tie an actor to whoever stands behind it.
_TIES = frozenset({"linked_to", "attributed_to", "operated_by"})
#: Kinds of a place: a state's own body is none of them.
_PLACES = frozenset(KIND_CLASSES["place"])
#: The word right before a body's name that names its state: "China's Ministry of Public Security", "the Chinese
#: Ministry of State Security".
_STATE_BEFORE = re.compile(r"\b([A-Z][\w.]*?)(?:['’]s)?\s+$")


def _names_state(word: str, state: Mention) -> bool:
    """Whether a capitalised word names the state `state` stands for: its name as the text gives it, or the
    adjective built on it ("China", "Chinese")."""
    names = {state.text.strip(" '’s")}
    if state.entity is not None:
        names.add(state.entity.name)
    return any(word == n or (len(n) >= 4 and word[:4] == n[:4] and word[4:5].islower()) for n in names if n)


def _state_of_body(text: str, x: Extracted, group: list[Extracted]) -> bool:
    """A tie to a state read from the word that only qualifies a body the same reading names: in "a company with
    ties to China's Ministry of Public Security" or "Hackers Linked to Chinese Ministry of State Security" the tie is
    to the ministry (another reading of the sentence), and "China" is part of its name, not an end of its own."""
    o = x.object
    if x.predicate not in _TIES or o is None or "country" not in o.kinds():
        return False
    for y in group:
        b = y.object
        if (
            y is x
            or y.predicate not in _TIES
            or b is None
            or b.entity is None
            or b.entity.kind in _PLACES
            or (y.subject.start, y.subject.end) != (x.subject.start, x.subject.end)
        ):
            continue
        before = _STATE_BEFORE.search(text, max(x.sentence[0], b.start - 30), b.start)
        if before is not None and _names_state(before.group(1), o):
            return True
    return False


#: The head of a described deed (its proposed kind is the slot's it was read in: a group where a doer stands).
_DEED_HEAD = re.compile(r"\b(?:campaigns?|operations?|attacks?|cyberattacks?|intrusions?|activit(?:y|ies))\s*$", re.I)
#: A deed named by a name after it: "the ArcaneDoor campaign", "the X operation".
_DEED_AFTER = re.compile(r"\s+(?:campaigns?|operations?|attacks?|intrusions?|activity)\b", re.I)


def _deed(text: str, m: Mention) -> bool:
    """Whether an end names a deed: a described deed ("various cyber campaigns", "70 cyber attacks"), a name the
    store knows only as an operation, or a name followed by a deed noun ("the ArcaneDoor campaign")."""
    if m.end <= m.start:
        return False
    if not m.targets:
        return m.proposed_kind == "operation" or _DEED_HEAD.search(m.text) is not None
    return "operation" in m.kinds() and (m.kinds() == {"operation"} or _DEED_AFTER.match(text, m.end) is not None)


def _group_attributed_to_deed(text: str, x: Extracted) -> bool:
    """A group "attributed to" the deeds named after it ("X is a threat group attributed to various cyber
    campaigns", "an actor attributed to the ArcaneDoor campaign"): the deeds are attributed to the group, the
    reading's other way round."""
    s, o = x.subject, x.object
    return (
        x.predicate == "attributed_to"
        and o is not None
        and s.end <= o.start
        and "threat_group" in s.kinds()
        and "operation" not in s.kinds()
        and _deed(text, o)
    )


def _deed_first(m: Mention) -> Mention:
    """The mention read as a deed: its readings as an operation first (a name the store also knows as a group), or
    an operation proposed."""
    if not m.targets:
        return replace(m, proposed_kind="operation")
    first = [t for t in m.targets if t.kind == "operation"]
    return replace(m, targets=first + [t for t in m.targets if t.kind != "operation"]) if first else m


def kept(text: str, claims: list[Extracted]) -> list[Extracted]:
    """The readings that may be statements, in their order, their described ends trimmed. A gerund that only
    modifies the noun after it (`_compound_cue`) is the verb of none of the readings it cues, and a state that
    only qualifies a body's name is no end where the body is (`_state_of_body`)."""
    out = []
    for x in claims:
        x.subject = trimmed(x.subject)
        if x.object is not None:
            x.object = trimmed(x.object)
            if x.predicate == "targeted":
                x.object = with_participle(text, x.object)
        if _group_attributed_to_deed(text, x):
            assert x.object is not None
            x.subject, x.object = _deed_first(x.object), x.subject
        if no_statement(text, x) is None:
            out.append(x)
    compound = {x.cue for x in out if _compound_cue(text, x) or _gerund_of_noun(text, x)}
    out = [x for x in out if x.predicate != "targeted" or x.cue not in compound]
    by_sentence: dict[tuple[int, int], list[Extracted]] = {}
    for x in out:
        by_sentence.setdefault(x.sentence, []).append(x)
    return [x for x in out if not _state_of_body(text, x, by_sentence[x.sentence])]
