"""Missed key statements whose ends are not found as mentions, sorted by the kind of the missing end.

Mention finding can only mend a miss whose end is a name; most ends that are not found are descriptions
("the hackers", "two Chinese nationals"), which the rules for described ends propose or not. This lists,
for each missed key statement of the documents of a split (`tuning` unless told), each end that no mention
of its sentence matches, with the document, its publisher, where the statement was lost (`where_lost`) and
the sentence, grouped by kind: names the store knows but the text spells otherwise, threat-group code
names, public bodies, companies, people, acronyms, countries and the words standing for them, institutions,
other names, and descriptions last. The kinds are read from the end's words alone (a rough sort to choose
which rule to write first), never used by extraction.

    .venv/bin/python tests/mentionless.py --db STORE.db [SPLIT] [--all]

`--all` lists every missed statement with an end not found, whatever step lost it; by default only those
lost with no candidate from their sentence and one or no end found (mention finding's share). The held-out
splits are refused, as `evalset.py` refuses them.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

import evalset as E
from cyberstate import KnowledgeBase
from cyberstate.extract import extract_text
from cyberstate.extract.core import country_mentions
from goldset import _names_match

_DESCRIPTION = re.compile(
    r"^(?:the|a|an|this|that|these|those|its|their|his|her|our|some|many|several|other|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|dozens|hundreds|thousands|more|most|all|any|each|\d)\b|^(?-i:[a-z])",
    re.I,
)
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "threat-group code name",
        re.compile(
            r"\b(?:APT\s?-?\d+|UNC\d+|TA\d+|Storm-\d+|FIN\d+|Advanced Persistent Threat|Panda|Typhoon|Bear|Kitten|"
            r"Chollima|Spider|Blizzard|Sandstorm|Sleet|Tempest|Botnet)\b"
        ),
    ),
    (
        "public body",
        re.compile(
            r"\b(?:Ministry|ministry|Department|Bureau|Agency|Commission|Council|Service|Office|Police|police|"
            r"Parliament|parliament|Storting|Command|Directorate|Administration|Authority|Centre|Center)\b"
        ),
    ),
    ("company", re.compile(r"\b(?:Co|Co\.|Ltd\.?|Limited|Inc\.?|Corp\.?|Corporation|Company|Technolog(?:y|ies))$")),
    (
        "institution",
        re.compile(r"\b(?:University|Institute|Association|Academy|Foundation|Federation|Tech|College|School)\b"),
    ),
    (
        "person",
        re.compile(r"^[A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+$|^[A-Z]{2,}\s[A-Z][a-z]+$|^[A-Z][a-z]+ [A-Z][a-z]+$"),
    ),
    ("acronym", re.compile(r"^[A-Z][A-Z&]{1,7}(?:['’]s)?\b")),
]
_PLACE_WORDS = re.compile(r"\b(?:territory|mainland|soil|side)\b", re.I)


def kind_of(kb: KnowledgeBase, end: str, cache: dict[str, str | None]) -> str:
    """A rough kind for a missing end, by its words; "known" after it when `resolve` knows the name (the
    text then spells it so that no mention matches, or the sentence only refers to it)."""
    if end not in cache:
        try:
            cache[end] = kb.entity_id(end)
        except Exception:
            cache[end] = None
    kind = _kind(end)
    return f"{kind} (known to the store)" if cache[end] is not None else kind


def _kind(end: str) -> str:
    if _PLACE_WORDS.search(end) and re.search(r"\b(?:Chinese|China|Russian|Iranian|Korean|US|U\.S\.)\b", end):
        return "country, demonym or capital standing for it"
    if _DESCRIPTION.match(end) or end.split()[-1].islower():
        return "description"  # "the hackers", and "Chinese hackers": a name ends on a capitalised word
    for kind, pattern in _KINDS:
        if pattern.search(end):
            return kind
    return "other name"


def missing_ends(kb: KnowledgeBase, split: str, every: bool) -> dict[str, list[tuple[str, ...]]]:
    """kind -> (document, publisher, predicate, where lost, missing end, statement, sentence) rows."""
    gazetteer = kb.gazetteer()
    countries = country_mentions(kb.store)
    publishers: dict[str, str] = {}
    for path in (E.EVAL / "dev").glob("*.yaml"):
        head = yaml.safe_load(path.read_text(encoding="utf-8"))
        publishers[head["id"]] = str(head.get("publisher"))
    cache: dict[str, str | None] = {}
    kinds: dict[str, str | None] = {}
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for d in E.load_split(split):
        ex = extract_text(d.text, gazetteer, countries).as_dict()
        predicted = [p for p in ex["claims"] if p["predicate"] != "also_known_as"]
        for g in d.statements:
            if g.predicate == "also_known_as" or g.span is None:
                continue
            if any(E._matches(kb, g, p, cache) for p in predicted):
                continue
            where = E.where_lost(kb, g, predicted, ex["mentions"], cache)
            if not every and "no end found" not in where and "one end found" not in where:
                continue
            start, end = g.span
            inside: list[dict[str, Any]] = [m for m in ex["mentions"] if start <= m["start"] < end]
            for name in (g.subject, g.object):
                if any(_names_match(kb, name, {"text": m["text"], **(m["entity"] or {})}, cache) for m in inside):
                    continue
                sentence = " ".join(d.text[start:end].split())
                row = (
                    d.id,
                    publishers.get(d.id, "?"),
                    g.predicate,
                    where,
                    name,
                    f"{g.subject} -> {g.object}",
                    sentence,
                )
                out[kind_of(kb, name, kinds)].append(row)
    return out


def main(argv: list[str]) -> None:
    if "--db" not in argv:
        sys.exit("usage: mentionless.py --db STORE.db [SPLIT] [--all]")
    db = Path(argv[argv.index("--db") + 1])
    rest = [a for i, a in enumerate(argv) if a not in {"--db", "--all"} and (i == 0 or argv[i - 1] != "--db")]
    split = rest[0] if rest else "tuning"
    if split in {"test", "batch10", "batch11"}:
        sys.exit(f"{split} is held out: not read here")
    with KnowledgeBase.open(db) as kb:
        found = missing_ends(kb, split, "--all" in argv)
    order = sorted(found, key=lambda k: (k.startswith("description"), -len(found[k])))
    for kind in order:
        rows = found[kind]
        print(f"== {kind}: {len(rows)} ends in {len({r[0] for r in rows})} documents")
        for doc, publisher, predicate, where, name, statement, sentence in sorted(rows):
            print(f"  {doc} [{publisher}] {predicate} <{where}>: «{name}» ({statement})")
            print(f"      {sentence[:300]}")


if __name__ == "__main__":
    main(sys.argv[1:])
