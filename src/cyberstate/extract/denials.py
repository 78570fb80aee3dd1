"""Who denies: the assertor of a denial or rebuttal is the party that denies, never the one it answers.

A Chinese reply names its speaker in a few ways, and the accuser is often named in the same sentence
("A foreign ministry spokesperson said the United States has been spreading disinformation"), so the
first name of a sentence is no guide. Read in this order:

- a spokesperson, minister or ambassador given with a name ("spokesperson Mao Ning", "A spokesman, Hong
  Lei,"): that person;
- the subject of a denying verb, whoever it is ("the Chinese Embassy has consistently denied",
  "accusations Beijing denied", "the White House refuses to confirm");
- the speaker of a reporting verb at the end or the start of the sentence ("the embassy said in a
  statement", "researchers from China's CVERC told the Global Times", "A spokesperson for the ministry said
  that ..."), kept when it is a Chinese party or a person (a reply's speaker may be called by a short name,
  "Geng remarked");
- "the spokesman added", "he said": the spokesperson or official named last before the sentence;
- a Chinese party named in the sentence (China, Beijing, the embassy).

A speaker of a reporting verb that is a foreign state or body (the accuser) is never the denier.
"""

from __future__ import annotations

from cyberstate.extract import rx as re
from cyberstate.extract.guards import guarded
from cyberstate.extract.mentions import Mention

#: "spokesperson Mao Ning", "Foreign Ministry spokesman, Lin Jian,", "A spokesperson ..., Li Wei, said".
_TITLED = re.compile(
    r"(?i:spokes(?:person|man|woman)|minister|ambassador)[,\s]+(?:[\w\s]{0,40}?,\s*)?"
    r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})"
)
#: A Chinese party: the state, its capital, its bodies and their speakers.
_CHINESE = guarded(
    re.compile(
        r"\b(?:China|China's|Chinese|Beijing|PRC|embassy|foreign ministry|ministry of foreign affairs|"
        r"spokes(?:person|man|woman)|mission to)\b",
        re.I,
    )
)
_VERBS = (
    r"(?:said|says|added|adds|remarked|stated|states|told|noted|stressed|insisted|responded|replied|"
    r"pointed out|wrote|declared|argued|expressed|emphasi[sz]ed|highlighted|called|label(?:l)?ed|termed|described)"
)
#: '..., the embassy said in a statement.', '...," Hua said.': the speaker after the words, at the end.
_SPEAKER_AFTER = re.compile(
    r"[,\"'”’]\s*[\"'”’]?\s*((?:[A-Z]|the\s|a\s|an\s)[^,;\"“”]{1,90}?)\s+" + _VERBS + r"\b[^,;\"“”]{0,60}$"
)
#: "A foreign ministry spokesperson said (on Monday) that ...": the speaker before the words, at the start.
_SPEAKER_BEFORE = re.compile(
    r"^\s*(?:[\w\s.,()-]{0,40}?--\s*)?((?:[A-Z]|the\s|a\s|an\s)[^,;\"“”]{1,90}?)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:also\s+|further\s+|repeatedly\s+|consistently\s+|firmly\s+)?" + _VERBS + r"\b"
)
#: "the Chinese Embassy has consistently denied", "accusations Beijing denied", "China denies the ...".
_DENYING = re.compile(
    r"((?:[A-Z]|the\s)[\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|in|the|of|for|to|embassy|ministry|mission|government|"
    r"foreign|affairs|office|side|consulate|spokes(?:person|man|woman)|cabinet|administration|agency|department|"
    r"council|authorities|police))*)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:also\s+|repeatedly\s+|consistently\s+|firmly\s+|strongly\s+|flatly\s+)?"
    r"(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|refutes|slammed|slams|"
    r"(?:refuses|refused|declines|declined) to confirm|"
    # "disputes" is a verb only before its object ("the South China Sea disputes" is a noun)
    r"disput(?:es|ed)(?=\s+(?:this|that|these|those|it|the|such|any|all)\b))\b"
)
#: A speaker named by a pronoun or a title alone: the one named before stands for it.
_BARE = re.compile(r"^(?:he|she|they|the\s+spokes(?:person|man|woman)|the\s+(?:minister|ambassador|official))$", re.I)
_PRONOUN = re.compile(r"^(?:he|she|they)$", re.I)
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.I)


def _clean(phrase: str) -> str:
    phrase = " ".join(phrase.split()).strip(" ,.")
    return re.sub(r"\s+(?:has|have|had|also|further|on\s+\w+day)$", "", phrase, flags=re.I)


def _named_before(before: list[Mention]) -> str | None:
    """The person named last before the sentence: who a bare "the spokesman" or "he" stands for."""
    for m in reversed(before):
        if "person" in m.kinds():
            return m.named
    return None


def _person(phrase: str, people: list[Mention]) -> str | None:
    """The person a speaker phrase names, in full where the document named them so."""
    for m in people:
        if m.text in phrase:
            return m.named
    return None


def denier(text: str, span: tuple[int, int], inside: list[Mention], before: list[Mention] | None = None) -> str | None:
    """Who denies in the sentence `span` (the module's docstring gives the order), or None."""
    s, e = span
    sentence = text[s:e]
    m = _TITLED.search(sentence)
    if m:
        return m.group(1)
    people = [x for x in inside if "person" in x.kinds()]
    foreign = [x for x in inside if x.kinds() & {"country"} and not _CHINESE.search(x.text)]
    for pattern in (_DENYING, _SPEAKER_AFTER, _SPEAKER_BEFORE):
        for found in pattern.finditer(sentence.rstrip(" .\"'”’")):
            phrase = _clean(found.group(1))
            if not phrase:
                continue
            if pattern is _DENYING and not _BARE.match(phrase) and not _person(phrase, people):
                return _LEAD.sub("", phrase)  # the subject of "denied", whoever it is
            if any(x.text in phrase for x in foreign) and not _CHINESE.search(phrase):
                continue  # the accuser, named as a speaker
            if _BARE.match(phrase):
                named = _named_before(before or [])
                if named:
                    return named
                if _PRONOUN.match(phrase):
                    continue
                return _LEAD.sub("", phrase)  # "the spokesperson", no one named before: the title
            person = _person(phrase, people)
            if person:
                return person
            if _CHINESE.search(phrase):
                return _LEAD.sub("", phrase)
    for x in inside:
        if "country" in x.kinds() and x.entity is not None and x.entity.name == "China":
            return x.entity.name
    return None


#: "the hacking accusations", "concerns about the company's activities", "allegations of cyber espionage":
#: a rebuttal that names the deed it rebuts.
_DEED_ACCUSED = guarded(
    re.compile(
        r"\b((?:the\s+|these\s+|such\s+)?(?:(?:alleged|so-called|recent|latest|cyber|computer|"
        r"state-sponsored|(?-i:[A-Z])[\w'’.-]*)\s+){0,2}(?:hacking|cyber-?attacks?|cyber\s+attacks?|"
        r"(?:cyber-?)?espionage|intrusions?|breach(?:es)?|hacks?|spying|cybertheft))\s+"
        r"(?:accusations?|allegations?|claims?|charges?)\b|"
        # "the accusations against China on cyber attacks": whom they accuse said before the deed
        r"\b(?:accusations?|allegations?|concerns?|claims?|charges?|speculations?)\s+"
        r"(?:against\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+)?(?:about|over|regarding|of|on|related\s+to)\s+"
        r"((?:the\s+|its\s+|their\s+|these\s+)?[^,.;:\"“”()]{3,60}?)(?=\s+(?:as|were|was|is|are|being)\b|[,.;:\"“”]|$)|"
        # "denied any involvement in malicious hacking", "allegations that China is involved in the attack", "denied
        # China was to blame for X", "denied responsibility for X": a deed's word in the phrase ("involved in talks"
        # rebuts no deed)
        r"\b(?:(?:involved|involvement|role)\s+in|(?:responsibility|to\s+blame)\s+for|"
        r"(?:was|were|is|are|been|being)\s+(?:behind|responsible\s+for))\s+"
        r"(?=[^,.;:\"“”()]{0,40}?(?:\bhack(?:s|ing)?\b|attack|intrusion|breach|espionage|spying|"
        r"theft|incident|campaign|operation|activit))"
        r"((?:the\s+|its\s+|their\s+|these\s+|such\s+)?[^,.;:\"“”()]{3,60}?)(?=\s+(?:as|were|was|is|are|being)\b|[,.;:\"“”]|$)",
        re.I,
    )
)


def denied_deed(text: str, span: tuple[int, int]) -> Mention | None:
    """The deed a rebuttal names as what it rebuts ("called the hacking accusations 'sheer fiction'":
    the hacking), as a described deed, or None."""
    m = _DEED_ACCUSED.search(text, *span)
    if m is None:
        return None
    g = next(k for k in (1, 2, 3) if m.group(k))
    a, b = m.start(g), m.end(g)
    return Mention(a, b, text[a:b], [], "operation")
