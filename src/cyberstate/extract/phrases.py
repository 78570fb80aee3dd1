"""Noun phrases where a statement names its object without a name the store knows: the victims after
"targeting" ("journalists, politicians and academics"), the people after "charged".

A phrase runs from the verb to the first boundary (punctuation that ends a clause, a relative pronoun,
a preposition that starts an adjunct, a clause in -ing after a comma: ", marking a dramatic escalation",
a role after the noun: "five hackers part of APT41"), is split at commas and conjunctions into items, and
a shared head noun is handed back to the bare modifiers before it ("government, academic and diplomatic
organizations" -> "government organizations", "academic organizations", "diplomatic organizations"); a
modifier of several words joined by a bare "and" to the head's item stays one item with it ("major U.S.
telecommunication and internet service provider companies"). "X in Y" yields Y, the place, beside X (not
"the world": "firms across the world" names no place). "such as", "including" and "e.g." continue the list.
"""

from __future__ import annotations

import itertools

from cyberstate.extract import rx as re
from cyberstate.extract.guards import RunSearch, guarded
from cyberstate.extract.language import deed_nouns

#: A count after "at least", "at most" or "up to", in figures or in words ("at least nine phone companies", "at
#: least a dozen ministries", "up to 400 computers"): "at" opens no place there, and "to" no adjunct.
COUNT = (
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"a\s+dozen|a\s+hundred|a\s+few)\b)"
)

#: A boundary word joined to "&" is part of a name, not a preposition ("AT&T": "at" would end the phrase
#: before the name).
_BOUNDARY = guarded(
    re.compile(
        r"(?<!(?<!&)\b[A-Z])\.(?=\s|$)|[;:!?\[\]\n]|\((?![\w .&-]{1,15}\))|\s[-–—]\s|"
        # a speaker after a comma ends the phrase, its name's abbreviations included ("..., U.S.-based firm X told")
        r",(?:[^,.;]|\.(?=\S)){1,50}\b(?:said|says|stated|added|noted|reported|told|wrote)\b|"
        r",\s*(?!including\b|according\b)[a-z]+ing\s+(?:a|an|the|its|their|his|her)\b|\s(?=part of\b)|"
        r"\b(?<!&)(?:which|that|who|whom|whose|while|whereas|(?!(?<=\bup\s)to\s+"
        + COUNT
        + r")to|by|since|when|where|because|"
        # "over 400 computers", "up to 400 computers": a count, not a preposition (figures only after "over":
        # "over two years" is a time)
        r"before|after|from|with|through|via|using|for|during|until|as of|into|(?:over|under)(?!\s+\d)|according|"
        r"pursuant|between|"
        # "to attack individual computers instead of networks": what is set aside is no part of the phrase
        r"instead\s+of|rather\s+than|"
        r"at(?!\s+(?:least|most)\s+" + COUNT + r")|"  # "at least 141 organizations" is a count, not a place
        r"and stole|and obtained|and stealing|and obtaining)\b(?!&)",
        re.I,
    )
)
_AHEAD = re.compile(r"[^.;:()]{0,60}?,\s*(?:such as|including|e\.g\.,?|for example)\s+", re.I)
#: A dash opens the particulars as a comma does: "millions of people - including lawmakers, academics and journalists".
_CONTINUE = re.compile(r"\s*(?:,\s*|[-–—]\s*)?\(?\s*(?:such as|including|e\.g\.,?|for example|like)\s+", re.I)
#: Matched at a position of the text (`match(text, pos, limit)`), not on a slice of the rest of the
#: sentence: a slice per list made a long sentence quadratic.
_TO = re.compile(r"to\b")
_COLON = re.compile(r":\s*")
_INNER_CONTINUE = guarded(re.compile(r",?\s*\(?\s*\b(?:such as|including|e\.g\.,?|for example)\s", re.I))
#: `_INNER_CONTINUE` not tried inside a run of white space (extract/guards.py; speed only).
_INNER_CONTINUE_RUNS = RunSearch(_INNER_CONTINUE)
_SPLIT = guarded(
    # a comma between digits ("80,000 firewalls") groups thousands, it separates no items; "and" / "or" after a
    # comma only as whole words ("Companies, organizations and individuals" keeps "organizations" whole)
    re.compile(
        r"\s*(?:,\s*)?as well as\s+|\s*,(?!(?<=\d,)\d{3}\b)\s*(?:(?:and|or)\b\s*)?|\s+(?:and|or|&)\s+|\s*/\s*(?=[a-z])",
        re.I,
    )
)
#: Adverbs of focus before an item ("specifically Vietnam", "targeting primarily X"): they say how much of the list
#: the item is, and are no part of it.
_FOCUS = (
    r"primarily|mainly|mostly|largely|particularly|especially|specifically|notably|chiefly|principally|"
    r"predominantly|predominately|exclusively"
)
_LEAD = re.compile(
    r"^(?:(?:the|a|an|its|their|his|her|several|numerous|many|various|multiple|other|some|both|all|against|on|"
    r"however|moreover|furthermore|"
    + _FOCUS
    + r"|also|often|typically|more than \d+|over \d+|at (?:least|most) "
    + COUNT
    + r"[\w,]*(?:\s+dozen)?|dozens of|hundreds of|thousands of|\d+)\s+)+",
    re.I,
)
#: The adverbs of focus after the space that opens the first item, which keeps its article ("the port authority");
#: not those of frequency, which open a verb there ("attacks typically feature lures").
_FIRST_FOCUS = re.compile(r"\s*(?:(?:" + _FOCUS + r")\s+)+", re.I)
_OWNED = re.compile(
    r"^(?:[\w-]+\s+){0,2}?(?:data|emails?|information|secrets|accounts|networks|systems|devices|messages|"
    r"conversations|communications|calls|records|phones)"
    r"\s+(?:of|belonging to|about|on)\s+(.+)$",
    re.I,
)


def deed_before_victim(focus: str) -> str:
    """The pattern of a deed whose victim follows it ("campaigns against", "multiple attacks on", "a major breach
    of"), up to its preposition, with the adverbs `focus` allowed before it ("attacks primarily against"). "of"
    only after a breach: "the campaigns of X" are X's own; the deed's modifiers are no preposition ("the area of
    operations of the fleet" names an area). Read here for a list item and by filtering.py for a whole object."""
    return (
        r"(?:(?!(?:of|in|for|at|from|with|by|to|and|or)\b)[\w'’-]+\s+){0,4}?"
        r"(?:(?:"
        + deed_nouns("attack")
        + r"|cyber-?attacks?|"
        + deed_nouns("campaign", "intrusion", "operation")
        + r")\s+(?:(?:"
        + focus
        + r")\s+)?"
        r"(?:against|on|into|targeting)|(?:" + deed_nouns("breach", "compromise", "hack") + r")\s+(?:of|on|into))"
    )


#: A deed with its victim after it ("campaigns against government organizations", "multiple attacks on
#: hospitals", "a major breach of X"): the victim, not the deed.
_DEED_AGAINST = re.compile(r"^" + deed_before_victim(_FOCUS) + r"\s+(?:the\s+)?(\S.*)$", re.I | re.S)
_IN = re.compile(r"^(.*?)\s+(?:in|across|throughout)\s+(.+)$", re.I)
#: A participle before "in" ("dealing in", "specializing in"): what follows is its complement, not a place.
_ING_END = re.compile(r"\s+[a-z]+ing$")
#: A place that is no place in particular: "across the world", "around the globe".
_EVERYWHERE = re.compile(r"(?:the\s+)?(?:world|globe)$", re.I)
#: "victims in at least 16 different countries", "in several countries": places counted, none named.
_COUNTED = re.compile(r"\d|\b(?:dozens?|hundreds|thousands|several|numerous|many|multiple|various)\b", re.I)
_PLACE_NOUN = re.compile(r"\b(?:countries|nations|states|regions|cities|provinces|territories|continents)$", re.I)
#: A time that ends an item ("Lumen in 2024", "firms in early March 2023"): when, not part of the victim.
_WHEN_END = re.compile(
    r"\s+(?:in|during)\s+(?:(?:early|late|mid)[- ])?(?:(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|spring|summer|autumn|winter)(?:\s+\d{4})?|\d{4})$",
    re.I,
)
#: Heads that make an item a class of people (for "charged", "sanctioned"), not an organisation.
PERSON_HEADS = re.compile(
    r"\b(nationals|citizens|individuals|persons|people|officers|hackers|defendants|men|"
    r"women|members|employees|officials)$",
    re.I,
)
_PLURAL = re.compile(r"\b\w+(?:s|ies|ia)$", re.I)


#: Heads of things taken or used, not targeted ("stole technology and business secrets"), and of the
#: generic nouns a list names before its particulars ("entities ..., including law firms").
NOT_VICTIMS = re.compile(
    r"\b(data|property|information|secrets?|emails?|credentials|documents|files|software|servers?|"
    r"vulnerabilit(?:y|ies)|"
    + deed_nouns("attack", "operation", "activity", "campaign")
    + r")$|^(?:obtaining|stealing|using|"
    r"exploiting)\b",
    re.I,
)
GENERIC = re.compile(
    r"^(?:entities|victims|targets|organi[sz]ations|sectors|industries|areas|fields|domains|countries|regions|"
    r"nations|states|the following \w+|"
    r"a number of \w+(?: \w+)?|industry sectors|networks)$",
    re.I,
)


def _end(text: str, start: int, limit: int) -> int:
    m = _BOUNDARY.search(text, start, limit)
    return m.start() if m else limit


#: "from targeting X to Y": the list after it may go on with "to".
_FROM_ING = re.compile(r"\bfrom\s+(?:\w+ing)\s*$", re.I)

#: A gerund with its own object after "to" ("to distributing a number of ransomware variants"): what the actor
#: turned to doing, no victim; not a sector in -ing ("to manufacturing firms").
_GERUND_DEED = re.compile(r"\s*[a-z]+ing\s+(?:a|an|the|their|its|new|[a-z]+ware)\b")

#: A short bracket closing a list item ("(US)"), dropped from it.
_BRACKET_END = re.compile(r"\s*\([\w .&-]{1,15}\)\s*$")
#: The words every match of _INNER_CONTINUE holds.
_CONTINUING = ("such as", "including", "e.g.", "for example")


def _may_continue(text: str, a: int, b: int) -> bool:
    """Whether _INNER_CONTINUE can match in text[a:b] (speed only: most phrases hold none of its words, and
    its pattern may start at every space). An ASCII span lowers exactly as `re.IGNORECASE` reads it."""
    span = text[a:b]
    if not span.isascii():
        return True
    low = span.lower()
    return any(w in low for w in _CONTINUING)


#: A list item that says where the actor is or was ("targets X and has been active in Y", "but is also present in
#: Y"): a predicate of its own after the victims, where the list ends; the places after it are no victims. Lower
#: case only ("IS" is a name).
_PRESENCE = re.compile(
    r"(?:(?:but|yet)\s+)?(?:has|have|had|is|are|was|were)\s+(?:(?:also|\w+ly)\s+)*(?:been\s+)?(?:(?:also|\w+ly)\s+)*"
    r"(?:active|present|operating|based|located)\b"
    # "targets X, and has been linked to Y", "and have been observed using Z": a verb of its own in the perfect
    r"|(?:has|have|had)\s+(?:(?:also|\w+ly)\s+)*been\s+(?:(?:also|\w+ly)\s+)*[a-z]+ed\b"
    # "was targeting X and was potentially interested in Y": a predicate of its own with "was" and a participle
    r"|(?:is|are|was|were)\s+(?:(?:also|\w+ly)\s+)*[a-z]+ed\b"
)
#: A list item that opens with the actor's next verb and its object ("targets X and Y and leverages Cobalt
#: Strike", "targeted X and used a custom backdoor"): a verb in -s or -ed before a determiner, or one in -s
#: before a name, ends the victims as _PRESENCE does; what it takes is no victim. A plural noun before a name
#: ("banks and insurers in Y") is followed by a preposition, not a determiner; lower case only, and one space
#: (a title's last word before the next line's capital is no verb); an adverb in -s ("and sometimes North
#: America") is none.
_NEXT_VERB = re.compile(
    r"(?!(?:sometimes|always|perhaps|besides|afterwards|towards|nevertheless|nonetheless|whereas|thus|plus)\b)"
    r"(?:[a-z]+(?:[^\Wsui]s|ed) (?:a|an|the|its|their|his|her|our|this|these|those) |[a-z]+[^\Wsui]s [A-Z])"
)


#: A list item that opens a clause of its own with a pronoun as its subject and its verb ("attacking X and Y,
#: and it consistently claims Z", "X, and they also publish Z"): the victims end before it. Lower case only ("IT"
#: is a sector).
_PRONOUN_CLAUSE = re.compile(
    r"(?:(?:and|but|yet)\s+)?(?:it|they|he|she|we)\s+(?:(?:also|still|now|\w+ly)\s+)?"
    r"(?:is|are|was|were|has|have|had|can|could|will|would|may|might|[a-z]+[^\Wsui]s|[a-z]+ed)\b"
)


#: A list item that holds a clause of its own, a plural subject and its verb of aiming ("Where past operations
#: targeted X and Y, recent espionage attacks targeted Z"): the comma ended the victims, and the item and what
#: follows it are the next clause's. A participle names no subject of its own ("firms targeted by X", "banks
#: attacked in 2020"). Lower case only.
_OWN_CLAUSE = re.compile(
    r"\b[a-z]+[^\Wsui]s\s+(?:[a-z]+ly\s+)?(?:targeted|attacked|compromised|breached|hacked|infiltrated)\s+"
    r"(?!(?:by|in|on|at|with|through|via|during|since|from|as|for|over|last|this|earlier|between)\b)(?-i:[a-z])"
)


#: A thing a verb of taking takes, before its particulars ("steal sensitive data, such as names and phone numbers"):
#: the particulars are things taken too, no victims, and the list of victims does not go on with them. Not after
#: "targeted" ("targeted information, including politicians" names people).
_TAKEN_PARTICULARS = re.compile(
    r"\b(?:steal|steals|stole|stolen|stealing|exfiltrat\w*|harvest\w*|siphon\w*|theft\s+of)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:data|information|credentials|secrets|emails|documents|files|records|details)"
    r"\s*,?\s*\(?\s*(?:such as|including|like|e\.g\.,?|for example)\s",
    re.I,
)


def continues(text: str, at: int) -> bool:
    """Whether the particulars of the phrase ending at `at` follow it ("malware families such as X")."""
    return _CONTINUE.match(text, at) is not None


#: Victims named by their role before their particulars: "high value targets such as X".
_TARGETS_HEAD = re.compile(r"^(?:[\w-]+\s+){0,2}(?:targets|victims)$", re.I)


def items(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """Spans of the list items of the noun phrase starting at `start`."""
    out: list[tuple[int, int]] = []
    pos = start
    before = text[max(0, start - 30) : start]
    shift = "from" in before.lower() and bool(_FROM_ING.search(before))  # speed only: "from" first
    for _ in range(3):  # the phrase, then up to two "such as / including" continuations
        end = _end(text, pos, limit)
        shifted_to = -1
        if shift and _TO.match(text, end, limit):  # "from targeting X to Y": Y is targeted too
            shift = False
            shifted_to = end
            end = _end(text, end + 3, limit)
        inner = _INNER_CONTINUE_RUNS.search(text, pos, end) if _may_continue(text, pos, end) else None
        if inner:  # "entities in the US across sectors, including law firms": the list goes on
            end = inner.start()
        if end <= pos:
            break
        if shifted_to < 0:
            found = _split(text, pos, end)
        elif _GERUND_DEED.match(text, shifted_to + 3, end):  # "to distributing a number of ransomware": a deed
            found = _split(text, pos, shifted_to)
        else:  # X and Y apart, not "X to Y" as one item
            found = _split(text, pos, shifted_to) + _split(text, shifted_to + 3, end)
        verb = next(
            (
                k
                for k, (a, b) in enumerate(found)
                if _PRESENCE.match(text, a)
                or _NEXT_VERB.match(text, a)
                or _OWN_CLAUSE.search(text, a, b)
                or _PRONOUN_CLAUSE.match(text, a)
            ),
            None,
        )
        if verb:  # "targets X and has been active in Y", "X, recent attacks targeted Y": the victims end before it
            # (never its first item)
            out += [
                (a, b) for a, b in found[:verb] if not NOT_VICTIMS.search(text[a:b]) and not GENERIC.match(text[a:b])
            ]
            break
        cont = _CONTINUE.match(text, end, limit)
        if cont is None:
            ahead = _AHEAD.match(text, end, limit)
            if ahead and not _TAKEN_PARTICULARS.search(text, end, ahead.end()):
                # "... related to the APT31 group, including X": the particulars follow (not those of a thing
                # taken: "networks, where they steal data, such as names")
                cont = ahead
                found = [(a, b) for a, b in found if not text[a:b].islower()]
        elif cont is not None and _TAKEN_PARTICULARS.search(text, max(0, pos - 60), cont.end()):
            cont = None  # "stole credentials such as passwords": the particulars are the credentials'
        elif found:
            found = [(a, b) for a, b in found if not text[a:b].islower() or not GENERIC.match(text[a:b])]
        if cont is None and text[end : end + 1] == ":" and found and all(GENERIC.match(text[a:b]) for a, b in found):
            cont = _COLON.match(text, end, limit)  # "the following sectors: academia, ..."
        if cont:  # the generic head before "including" is not itself a target, nor "high value targets such as"
            found = [(a, b) for a, b in found if not GENERIC.match(text[a:b]) and not _TARGETS_HEAD.match(text[a:b])]
        out += [(a, b) for a, b in found if not NOT_VICTIMS.search(text[a:b]) and not GENERIC.match(text[a:b])]
        if not cont:
            break
        pos = cont.end()
    return out


#: A bare "and" / "or" between two items (no comma): the pair may share the second one's head noun.
_BARE_AND = re.compile(r"\s+(?:and|or)\s+$", re.I)
#: A plural noun ("companies", "industries", "firms"), not a singular in -ss/-us/-is ("business", "virus").
_PLURAL_HEAD = re.compile(r"(?:[^\Wsui]s|ies|ia)$", re.I)
_QUOTES = "\"'“”‘’"
_WORD = re.compile(r"[\w.'’-]+")
#: What starts a singular noun phrase, whose last word is then its head ("a Chinese cybersecurity company").
_SINGULAR_START = frozenset({"a", "an", "one", "each", "every", "this", "that"})
#: Words that make the noun phrase they start plural.
_PLURAL_QUANTIFIERS = frozenset(
    {
        "multiple",
        "several",
        "many",
        "numerous",
        "various",
        "these",
        "those",
        "both",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "hundreds",
        "thousands",
    }
)
#: Words no bare compound of modifiers and a head holds ("one of its employees" is a phrase of its own).
_FUNCTION = frozenset(
    {"of", "to", "in", "on", "for", "with", "by", "at", "from", "the", "a", "an", "its", "their", "his", "her", "one"}
)


def _headless(seg: str, nxt: str) -> bool:
    """Whether a list item of several words is a modifier whose head noun the next item carries: "major U.S.
    telecommunication | and internet service provider companies", "confidential business | and technological
    information". The item ends in a lower-case singular word while the next, of two words or more, ends in a
    plural noun or a noun of things taken; a name ("Microsoft and other companies") or an item with its own
    plural ("aerospace institutions and semiconductor firms") keeps its place. A single word is left to
    `name_of` (which hands the head back) and to the adjective filter."""
    place = _IN.match(nxt)  # "similar organizations in the U.S.": the place is an item of its own
    words, after = _WORD.findall(seg.strip(_QUOTES + " ")), _WORD.findall(place.group(1) if place else nxt)
    compound = len(words) == 1 and "-" in words[0] and words[0][:1].islower()
    if compound:  # "high-technology and similar organizations": a compound modifier, no head of its own
        words = [*words[0].split("-")]
    if len(words) < 2 or len(after) < 2 or not words[-1][:1].islower() or _PLURAL_HEAD.search(words[-1]):
        return False
    if words[0].lower() in _SINGULAR_START or any(w.lower() in _FUNCTION for w in after):
        return False  # "a Chinese company and one of its employees": two noun phrases, each with its head
    if NOT_VICTIMS.search(after[-1]):
        return True  # "confidential business and technological information": information both
    # a plural quantifier before a singular last word: the head is missing ("multiple major U.S.
    # telecommunication and ... companies"); without one, the word may be a head ("South Korean government
    # and military organizations": two items)
    return bool(_PLURAL_HEAD.search(after[-1])) and (compound or any(w.lower() in _PLURAL_QUANTIFIERS for w in words))


def _segments(text: str, s: int, e: int) -> list[tuple[int, int, re.Match[str] | None]]:
    """The items between the separators, each with the separator that ends it; an item that is a modifier
    of the next one's head is joined to it ("multiple major U.S. telecommunication and internet service
    provider companies" is one item, not "major U.S. telecommunication" and the companies)."""
    out: list[tuple[int, int, re.Match[str] | None]] = []
    pos = s
    for m in [*_SPLIT.finditer(text, s, e), None]:
        a, b = pos, (m.start() if m else e)
        if out and (sep := out[-1][2]) is not None and _BARE_AND.fullmatch(" " + sep.group() + " "):
            pa, pb, _ = out[-1]
            if _headless(text[pa:pb], text[a:b]):
                out[-1] = (pa, b, m)
                pos = m.end() if m else e
                continue
        if out and (sep := out[-1][2]) is not None and sep.group().strip() == "/":
            pa, pb, _ = out[-1]
            place = _IN.match(text[a:b])  # "OT/IT systems across the U.S.": the head before the place
            if " " not in text[pa:pb].strip() and _PLURAL_HEAD.search(
                (place.group(1) if place else text[a:b]).rstrip()
            ):
                out[-1] = (pa, b, m)
                pos = m.end() if m else e
                continue
        out.append((a, b, m))
        if m:
            pos = m.end()
    return out


#: A count that opens a list ("a range of", "a wide variety of", "a number of"): it counts every item.
_QUANTITY = re.compile(
    r"\s*(?:a|an)\s+(?:(?:wide|broad|large|diverse|small|limited|growing)\s+)?(?:range|variety|number|host|array|mix)"
    r"\s+of\s+",
    re.I,
)


#: The spread of the victims over kinds of business after their place ("entities in the US across a number of
#: industry sectors", "organizations in Singapore across a wide variety of sectors"): how widely they were hit, no
#: part of the place; the item ends before it. Right after the victims it is read as before ("smaller victims across
#: diverse business sectors"), and "firms in Norway across Europe" keeps its places.
_ACROSS_KINDS = re.compile(
    r"\s+across\s+(?:"
    + _QUANTITY.pattern.removeprefix(r"\s*")
    + r"|(?:various|multiple|many|several|numerous|diverse|different|all)\s+)?(?:[\w-]+\s+)?"
    r"(?:sectors|industries|verticals)\b",
    re.I,
)


def _split(text: str, s: int, e: int) -> list[tuple[int, int]]:
    spans = []
    segments = _segments(text, s, e)
    for k, (a, b, _) in enumerate(segments):
        seg = text[a:b]
        count = _QUANTITY.match(seg) if k + 1 < len(segments) else None
        rest = seg[count.end() :].split(maxsplit=1) if count else []
        if rest and not GENERIC.match(rest[0]):
            # "a range of government and private organizations": the count is of every item, no part of one
            # ("a wide array of entities across Asia and Europe" keeps its words: "entities" alone names no one)
            a += count.end()
            seg = text[a:b]
        lead = _LEAD.match(seg) or _FIRST_FOCUS.match(seg)
        if lead:
            a += lead.end()
            seg = text[a:b]
        seg_stripped = (_BRACKET_END.sub("", seg) if ")" in seg else seg).strip(" " + _QUOTES)
        if seg_stripped:
            a += seg.find(seg_stripped)
            b = a + len(seg_stripped)
            when = _WHEN_END.search(text, a, b) if " in " in seg_stripped or " during " in seg_stripped else None
            if when and when.start() > a:
                b = when.start()
            spread = _ACROSS_KINDS.search(text, a, b) if " across " in seg_stripped else None
            if spread and _IN.match(text[a : spread.start()]):  # "entities in the US across a number of sectors"
                b = spread.start()
            owner = _OWNED.match(text[a:b]) or _DEED_AGAINST.match(text[a:b])
            if owner:  # "personal emails of campaign staff", "attacks on hospitals": the people, the hospitals
                a += owner.start(1)
            inner = _IN.match(text[a:b])
            participle = _ING_END.search(inner.group(1)) if inner else None
            if participle:  # "employees dealing in matters of interest": what they deal in, no place
                spans.append((a, a + participle.start()))
            elif inner:  # "similar organizations\" in the U.S.": a quote closed before the place is no part of it
                spans.append((a, _before_others(text, a, a + len(inner.group(1).rstrip(_QUOTES)))))
                c = b - len(inner.group(2))
                if _MOTIVE.match(text, c, b) or (
                    _BARE_NOUN.fullmatch(text, c, b) and _MOTIVE_PREPOSITION.match(text, b)
                ):
                    continue  # "websites in retaliation for X", "in preparation for attacks": why, not where
                lead2 = _LEAD.match(text[c:b])
                if _DEED_START.match(text, c + (lead2.end() if lead2 else 0), b):
                    continue  # "servers in a campaign lasting from May to June": the deed they were hit in, no place
                counted = lead2 is not None and _COUNTED.search(lead2.group()) and _PLACE_NOUN.search(text, c, b)
                if not _EVERYWHERE.match(text, c, b) and not counted:  # "companies across the world": no victim
                    spans.append((c + (lead2.end() if lead2 else 0), b))
            else:
                spans.append((a, _before_others(text, a, b)))
    return [(a, b) for a, b in spans if b - a >= 2]


#: "energy firms among other targets", "banks, among others": the item ends before it (the others are no item).
_AMONG_OTHERS = re.compile(r"\s+among\s+(?:many\s+|several\s+)?others?\b", re.I)


def _before_others(text: str, a: int, b: int) -> int:
    """The end of the item text[a:b] before an "among other ..." that closes it."""
    if " among " not in text[a:b]:  # speed only
        return b
    m = _AMONG_OTHERS.search(text, a, b)
    return m.start() if m else b


#: A deed noun opening what follows "in": the deed the victims were hit in ("in a campaign lasting ...", "in
#: operations against ..."), not where they are.
_DEED_START = re.compile(r"(?:" + deed_nouns("attack", "operation", "activity", "campaign", "intrusion") + r")\b", re.I)
#: "in retaliation for", "in response to", "in preparation for", "in the run-up to": a bare noun after "in" (or
#: after "in the") that a preposition follows makes one preposition with it, which says why, how or when the deed
#: was done, not where (no victim). Not "of": "in parts of Europe" names a place.
_BARE_NOUN = re.compile(r"(?:the\s+)?[a-z]+(?:-[a-z]+)?")
_MOTIVE_PREPOSITION = re.compile(r"\s+(?:for|to|against|with)\b")
_MOTIVE = re.compile(r"[a-z]+\s+(?:for|to|against|with)\s")


#: A determiner or quantifier before the last item: its head noun is its own, not shared by the items before.
_OWN_DETERMINER = re.compile(
    r"\b(?:various|several|other|many|some|numerous|multiple|the|a|an|its|their|all)\s+$", re.I
)


#: What stands between two items of one serial list: a comma, then ", and" / ", or" before the last item.
_COMMA_GAP = re.compile(r"\s*,\s*")
_SERIAL_GAP = re.compile(r"\s*,\s*(?:and|or)\s+")
#: What stands before a list of places: "in", "across", "throughout" (and an article).
_PLACE_GAP = re.compile(r".*\b(?:in|across|throughout)\s+(?:the\s+)?", re.S)


def _serial_head(text: str, spans: list[tuple[int, int]], i: int) -> tuple[int, int] | None:
    """The last item of the serial list item i stands in ("government, diplomatic, financial, and technology
    organizations"), for a lower-case modifier alone, where the list is no list of places after "in" ("in
    South, East, and Southeast Asia") and the item is not joined by a bare "and" to the one before ("food and
    beverage, and utilities industries": "food and beverage" is one modifier)."""
    if not text[spans[i][0] : spans[i][1]].islower():
        return None  # a name ("Adobe, Symantec, and defense contractors") takes no head
    if i and _BARE_AND.fullmatch(text, spans[i - 1][1], spans[i][0]):
        return None
    k = i
    while k and _COMMA_GAP.fullmatch(text, spans[k - 1][1], spans[k][0]):
        k -= 1
    if k and _PLACE_GAP.fullmatch(text, spans[k - 1][1], spans[k][0]):
        return None
    j = i
    while j + 1 < len(spans) and _COMMA_GAP.fullmatch(text, spans[j][1], spans[j + 1][0]):
        j += 1
    if j + 1 < len(spans) and _SERIAL_GAP.fullmatch(text, spans[j][1], spans[j + 1][0]):
        return spans[j + 1]
    return None


def name_of(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """The name of item i, with the list's shared head noun where the item is a bare modifier. Where the last
    span gives none (it is a place after "in": "government, diplomatic, and technology organizations in the
    Middle East and Europe"), the head is that of the last item of the item's own serial list."""
    a, b = spans[i]
    name = text[a:b]
    if " " in name or i == len(spans) - 1:
        return name
    for end in (spans[-1], _serial_head(text, spans, i)):
        if end is None:
            break
        last = text[end[0] : end[1]].split()
        if _OWN_DETERMINER.search(text, max(0, end[0] - 12), end[0]):
            return name  # "the U.S. Navy, NASA and various Japanese companies": the determiner keeps the head its own
        if len(last) >= 2 and _PLURAL.search(last[-1]) and not _PLURAL.search(name):
            return f"{name} {last[-1]}"
    return name


_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "as", "from"}
)


#: The last line `headline` read: (text, its start, the end of its line, the answer). Every sentence of a
#: paragraph asks of the same line, so the line's bounds and words are read once (speed only: the text is
#: kept alive here, so no other object has its id, and the answer is that of the same line).
_LAST_LINE: list[tuple[str, int, int, bool]] = []


def headline(text: str, start: int) -> bool:
    """Whether the line holding `start` is a title-case line without a sentence's end: most of its words
    capitalised. Read in place, never sliced: every sentence of a long paragraph asks it."""
    if _LAST_LINE:
        t, a, b, known = _LAST_LINE[0]
        if t is text and a <= start <= b:
            return known
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    last = len(text) if line_end < 0 else line_end
    found = _title_line(text, line_start, last)
    _LAST_LINE[:] = [(text, line_start, last, found)]
    return found


def _title_line(text: str, line_start: int, last: int) -> bool:
    while last > line_start and text[last - 1].isspace():
        last -= 1
    if last == line_start or text[last - 1] in '.!?"”':
        return False
    words = [w.group() for w in itertools.islice(_TITLE_WORD.finditer(text, line_start, last), 21)]
    if not words or len(words) > 20:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)
