"""An extraction as candidate records: claims awaiting review, and the entities they propose.

Candidates are ordinary claims with status `candidate`, citing the document and pointing at the
sentence they come from; names the store does not know become entities marked `candidate` too
(attrs.status), which `resolve`, chains and profiles ignore until a reviewer accepts them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

from cyberstate.extract import reference
from cyberstate.extract import rx as re
from cyberstate.extract.core import Extraction
from cyberstate.extract.mentions import Mention
from cyberstate.extract.relations import Extracted
from cyberstate.model import Claim, Entity, Evidence
from cyberstate.model.names import slug
from cyberstate.model.vocab import PREDICATES, check_domain_range_kinds

ORIGIN_PREFIX = "extract:"


@dataclass
class Candidates:
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    skipped: int = 0
    #: claim (by index in `claims`) -> its assertor as the text writes it, where no entity was found for it
    #: here (the store reads it further: `KnowledgeBase.speaker`)
    written_assertors: dict[int, str] = field(default_factory=dict)


#: What no proposal may be: a pronoun or a determiner alone ("They", "those"), a phrase that starts with a
#: preposition, a conjunction or a verb ("in the government", "but also", "has been active"; "as" and "along"
#: only in lower case, where they begin "as part of", "along with", never a name) or ends with an adverb
#: ("victims primarily"): a fragment the rules cut wrongly, which would become an entity. A phrase that starts
#: with "any" ("any activity attributed to X") speaks of whatever there may be, of no one.
_FRAGMENT = re.compile(
    r"^(?:(?:they|them|their|theirs|it|its|he|him|his|she|her|we|us|our|you|those|these|this|that|which|who|"
    r"whom|whose|what|both|either|neither|each|all|some|others?|one|the two|the pair)$|"
    r"(?:in|of|on|at|to|for|from|with|without|within|throughout|across|by|via|into|onto|against|between|but|"
    r"and|or|nor|also|not|then|than|typically|perform|performs|has|have|had|is|are|was|were|be|been|being|"
    r"do|does|did|can|could|may|might|will|would|should|must|any)\b.*|"
    r"(?-i:as|along|alongside|like|such)(?:\s.*)?|"
    r".*\s(?:primarily|mainly|mostly|largely|particularly|especially|starting|including|working|also|and|or|"
    r"the|a|an|of|in|to|for|by|with))$",
    re.I | re.S,
)
#: The kinds a described phrase names as a class shared by every document ("financial institutions"); a
#: described actor of any other kind ("the threat actor", "two Chinese nationals") is one document's own.
_CLASS_KINDS = frozenset({"sector"})


def described(name: str) -> bool:
    """Whether a proposed name describes rather than names: its head word (the last) is an ordinary
    lower-case word ("the threat actor", "several Chinese nationals", "hackers-for-hire"), where a name
    ends in a capital, a digit or a legal form ("Wuhan Xiaoruizhi Science and Technology Company",
    "Operation Aurora", "UNC4841", "Co., Ltd.")."""
    words = name.split()
    return bool(words) and words[-1][:1].islower() and not any(ch.isdigit() for ch in words[-1])


def _entity_for(m: Mention, source_id: str, out: Candidates) -> tuple[str, str] | None:
    if m.entity is not None:
        return m.entity.entity_id, m.entity.kind
    if not m.proposed_kind:
        return None
    # The kind is part of the id: one name proposed as a person in one document and as a group in another
    # is two proposals for the analyst to pick from, never one entity whose kind breaks the other's claims.
    # a short name ("Li") or an anaphor ("They") proposes the person named in full, not its own words
    name = " ".join((m.canonical or m.text).split()).strip(" .,;:\"'“”‘’")
    if not name or _FRAGMENT.match(name):
        return None  # an unresolved pronoun or a cut phrase: no entity, so no statement
    eid = f"p-{slug(m.proposed_kind)}-" + slug(name)[:80]
    attrs: dict[str, Any] = {"status": "candidate", "proposed_in": source_id}
    if described(name) and m.proposed_kind not in _CLASS_KINDS:
        # "the threat actor" of one report is not the one of another: a description is the document's own,
        # kept apart from every other document's (and never joined by name: attrs.described)
        eid += "-" + hashlib.sha256(source_id.encode()).hexdigest()[:8]
        attrs["described"] = True
    if eid not in out.entities:
        out.entities[eid] = Entity(eid, m.proposed_kind, name, sources=(source_id,), attrs=attrs)
    return eid, m.proposed_kind


#: A person's name as a speaker is written ("Mao Ning", "Lin").
_PERSON = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")
_TITLE = re.compile(r"\b(?:spokes(?:person|man|woman)|ambassador)\b", re.IGNORECASE)
#: The title after a name: "Liu Pengyu, spokesperson for the Chinese Embassy in Washington, said".
_TITLE_AFTER = re.compile(
    r"\s*,\s*((?:an?\s+|the\s+)?[^,;.\"“”\n]{0,60}?\b(?:spokes(?:person|man|woman)|ambassador)\b[^,;.\"“”\n]{0,60})",
    re.IGNORECASE,
)


def titled(text: str, name: str) -> str | None:
    """A speaker named by a person's name, with the title the document gives that person where it is a
    spokesperson's or an ambassador's ("Foreign Ministry spokesperson Mao Ning", "Liu Pengyu, spokesperson for
    the Chinese Embassy"): the words that say whom the person speaks for (`KnowledgeBase.speaker` reads them)."""
    if not _PERSON.fullmatch(name):
        return None
    for m in re.finditer(rf"\b{re.escape(name)}\b", text):
        before = re.split(r"[,.;:\"“”\n(]", text[max(0, m.start() - 90) : m.start()].rstrip(" ,"))[-1]
        if _TITLE.search(before):
            return f"{before.strip()} {name}"
        after = _TITLE_AFTER.match(text, m.end())
        if after:
            return f"{name}, {after.group(1).strip()}"
    return None


def candidates(
    x: Extraction,
    source_id: str,
    *,
    published: str | None,
    assertors: dict[str, str],
    titles: dict[str, str | None] | None = None,
) -> Candidates:
    """`assertors`: entity name -> id of the entities that may be named as assertors. `titles`: the speakers'
    titles (`titled`) already read in the same text, kept by a caller that makes the candidates of a long text
    part by part (`parallel.candidate_parts`): each name is looked for in the text once, not once per statement
    it says."""
    out = Candidates()
    if titles is None:
        titles = {}
    for c in x.claims:
        claim = _claim(x.text, c, source_id, published, assertors, out)
        if claim is None:
            out.skipped += 1
        else:
            if claim.assertor is None and c.assertor:
                said = " ".join(c.assertor.split())
                if said not in titles:
                    titles[said] = titled(x.text, said)
                out.written_assertors[len(out.claims)] = titles[said] or said
            out.claims.append(claim)
    return out


#: A score per rule, set by hand, for a statement the learned model (extract/ranking.py) does not score
#: (an alias): rules that read one fixed construction (a role before a name, a bureau after its ministry)
#: rank above the general frames and cue rules, and a denial carried over from an earlier sentence ranks
#: last. Described subjects (no entity yet) rank lower: the analyst still has to pick their entity.
RULE_SCORES = {
    "role-before-name": 0.9,
    "role-after-name": 0.9,
    "nested-unit": 0.85,
    "place-based": 0.85,
    "members-named-inside": 0.8,
    "front-company": 0.8,
    "nationality adjective": 0.8,
    "frame": 0.7,
    "described-nationality": 0.6,
    "state-possessive": 0.6,
    "cue": 0.6,
    "denial of the accusation before": 0.4,
}


def score(c: Extracted) -> float:
    """The learned probability that the statement holds (extract/ranking.py); else the rule's score,
    lowered when a side of the statement is described rather than named."""
    if c.score is not None:
        return c.score
    rule = (c.notes[0] if c.notes else "cue").split(":")[0]
    base = RULE_SCORES.get(rule, RULE_SCORES["cue"])
    named = sum(m is not None and m.entity is not None for m in (c.subject, c.object))
    return round(base * (1.0 if named == 2 else 0.9 if named == 1 else 0.8), 2)


def _claim(
    text: str, c: Extracted, source_id: str, published: str | None, assertors: dict[str, str], out: Candidates
) -> Claim | None:
    subj = _entity_for(c.subject, source_id, out)
    if subj is None:
        return None
    obj = _entity_for(c.object, source_id, out) if c.object is not None else None
    pred = PREDICATES[c.predicate]
    if pred.literal is None and obj is None:
        return None
    if not check_domain_range_kinds(c.predicate, subj[1], obj[1] if obj else None):
        return None
    s, e = c.sentence
    assertor_id = None
    if c.assertor_mention is not None and c.assertor_mention.entity is not None:
        assertor_id = c.assertor_mention.entity.entity_id
    elif c.assertor:
        assertor_id = assertors.get(c.assertor)
    said = " ".join(c.assertor.split()) if c.assertor else None
    rule = c.notes[0] if c.notes else f"cue:{c.predicate}"
    note = f"extracted by {rule}; score {score(c):.2f}"
    if said and assertor_id is None:
        note += f"; assertor as written: {said}"
    for end in (c.subject, c.object):  # an end written as a reference says what it stands for
        if said_as := reference.note(end):
            note += "; " + said_as
    return Claim(
        subject=subj[0],
        predicate=c.predicate,
        object=obj[0] if obj else None,
        value=c.value if pred.literal else None,
        sources=(source_id,),
        assertor=assertor_id,
        confidence=c.confidence,
        negated=c.negated,
        published=c.date or published,
        evidence=Evidence(text[s:e], source_id, s, e),
        status="candidate",
        origin=ORIGIN_PREFIX + source_id,
        note=note,
    )


#: A reference to one actor or one operation as a description of it writes it ("This threat actor", "the
#: group", "This suspected Iran-based adversary", "this campaign"): a determiner, up to three modifiers and
#: a singular head. Plural heads ("the hackers", "the actors") may be the record's people, not the record; a
#: capitalised modifier ("the Equation Group threat actor") names another.
_RECORD_REFERENCE = re.compile(
    r"[Tt]h(?:is|e)(?:\s+(?:[a-z][\w-]*|[A-Z][\w.]*-[a-z][\w-]*)){0,3}?"
    r"\s+(?:threat\s+actor|actor|group|adversary|attacker|campaign|operation)"
)


#: The words of a name, letters and digits only, lower case: "Chronus Team" and "Chronus Group" share "chronus".
_NAME_WORD = re.compile(r"[^\W_]+")
#: A sentence that opens with a name and a copula ("Chronus Team is ...", "[Royal](...) is ...", "The SideCopy APT
#: is ..."): the name, then what follows the copula.
_NAMED_FIRST = re.compile(
    r"\W*(?:The\s+)?((?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z0-9])[\w.-]*){0,3})\]?(?:\([^)]*\))?,?\s+(?:is|was)\s+"
)


def _renames_record(text: str, described: str, record: Entity) -> bool:
    """Whether `text` opens with a name of the record that the store did not find and renames it by the
    indefinite described phrase `described` ("Chronus Team is a hacktivist group ...", where the record is
    "Chronus Group"): the name's first word starts one of the record's names, letters and digits only."""
    m = _NAMED_FIRST.match(text)
    if m is None or not text.startswith(described, m.end()) or not described.startswith(("a ", "an ")):
        return False
    first = "".join(_NAME_WORD.findall(m.group(1).split()[0])).lower()
    names = [record.name, *(a.name for a in record.aliases)]
    return len(first) >= 4 and any("".join(_NAME_WORD.findall(n)).lower().startswith(first) for n in names)


#: The words before a described phrase that opens a description, when that phrase is the description's subject:
#: an indefinite article and up to six modifiers ("A likely intelligence gathering-focused, China-nexus
#: threat actor group that ...", "A previously undocumented attack group is ..."), no word that starts a
#: clause or a phrase of its own ("A 2015 report by F-Secure describes X as ...", "A group of attackers").
_OPENING = re.compile(
    r"\W*An?\s+(?:(?!(?:by|of|that|which|who|whom|is|are|was|were|has|have|had|in|on|at|for|to|as|with|from|"
    r"and|or)\b)[\w-]+,?\s+){0,6}"
)


#: A described phrase with no article, headed by a noun of actors, that a description opens with: "Adversary group
#: targeting diplomatic missions and governmental organisations." is the record's own line, as "A group targeting
#: ..." is. A capital first word that is a determiner ("The", "This", "These") is a reference (_RECORD_REFERENCE).
_BARE_OPENING = re.compile(
    r"(?!(?:The|This|These|Those|That|Its|Their|Such|Other|Some|Many|Several)\b)[A-Z][a-z-]*"
    r"(?:\s+[a-z][\w-]*){0,2}\s+(?:group|actor|threat\s+actor|adversary|cluster)\Z"
)


def _opens(text: str, described: str) -> bool:
    """Whether `text`, the first sentence of a description, opens with the indefinite described phrase
    `described` (as the extractor cut it: "A China-based actor", "attack group")."""
    at = text.find(described)
    if at < 0 or _NAME_WORD.match(text, at + len(described)) or text.startswith("'s", at + len(described)):
        return False  # "A threat groups' ...": the phrase is cut inside a word or owns what follows
    if described.startswith(("A ", "An ")):
        return not text[:at].strip(" \t\n*_[\"'“")
    if _BARE_OPENING.match(described) and not text[:at].strip(" \t\n*_[\"'“"):
        return True
    return bool(_OPENING.fullmatch(text, 0, at))


def about(cands: Candidates, record: Entity) -> Candidates:
    """The candidates of a text that describes `record` (its galaxy description), with every reference the
    text leaves unresolved ("This threat actor targets X" where no name comes before it) read as the record:
    such a text is about that record, and its references with no antecedent stand for it. Only a described
    end of the record's own kind is read so, and never where it would make a statement of the record about
    itself. An indefinite described phrase that renames, after a copula, a name of the record the store did
    not find at the sentence's start ("Chronus Team is a hacktivist group known for ...") is the record too,
    in that sentence only; and so is an indefinite described phrase that opens the description ("A likely
    China-nexus threat actor group that has targeted X", "An actor mainly targeting X"), in its first sentence."""
    replaced: dict[str, str] = {}
    renaming: dict[str, str] = {}
    for eid, e in cands.entities.items():
        if e.attrs.get("described") and e.kind == record.kind and _RECORD_REFERENCE.fullmatch(e.name):
            replaced[eid] = e.name
        elif e.attrs.get("described") and e.kind == record.kind:
            renaming[eid] = e.name
    if not replaced and not renaming:
        return cands
    claims: list[Claim] = []
    written: dict[int, str] = {}
    for i, c in enumerate(cands.claims):
        here = dict(replaced)
        for eid in (c.subject, c.object or ""):
            if eid not in renaming or c.evidence is None:
                continue
            said, words = c.evidence.text, renaming[eid]
            if (words.startswith(("a ", "an ")) and _renames_record(said, words, record)) or (
                c.evidence.start == 0 and _opens(said, words)
            ):
                here[eid] = words
        subject = record.id if c.subject in here else c.subject
        obj = record.id if (c.object or "") in here else c.object
        if subject == obj:
            continue  # "X, the group": the record said of itself
        if i in cands.written_assertors:  # its index follows the claims kept
            written[len(claims)] = cands.written_assertors[i]
        words = here.get(c.subject) or here.get(c.object or "")
        if words is None:
            claims.append(c)
            continue
        claims.append(
            dataclasses.replace(
                c,
                subject=subject,
                object=obj,
                id="",
                note=f"{c.note}; '{words}' read as {record.name}, the record the text describes",
            )
        )
    used = {e for c in claims for e in (c.subject, c.object)}
    entities = {k: v for k, v in cands.entities.items() if (k not in replaced and k not in renaming) or k in used}
    return Candidates(entities, claims, cands.skipped + len(cands.claims) - len(claims), written)
