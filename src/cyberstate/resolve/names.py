"""Resolve a name an analyst types to entities, best first, saying which stored name matched and who
uses that name.

Ranking: the entity id or a primary name (100), then an identifier its own maintainer gave the record
(an ATT&CK id on the ATT&CK record, 97), then an alias (95), all on the normalised key (case,
spacing, punctuation and diacritics ignored); then a name in another spelling extraction finds in text
(93); then a Chinese name written in the other script (traditional for simplified or the reverse, 92) or
in toneless pinyin (90); then full-text prefix matches over every name (70 to 80); then fuzzy matches
for misspellings (below 70). Only the first five identify an entity for the other commands; the rest are
suggestions, so a typo never silently picks a different entity. A name nothing identifies as it stands
is read as texts write it (`_reworded`, 90 to 91): without its article or a bracketed abbreviation after
it, a state named by what governs it ("the Chinese government" is China), a body named with its state
("the Chinese Ministry of Public Security", "中国国家安全部"), a province with its division word after
it ("Xinjiang Uyghur Autonomous Region"), a city or a municipality with "City" after it ("Chengdu City",
"Beijing City"). Names are looked up on merged entities: every record's names lead to the entity it was
merged into.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from cyberstate.ingest.gazetteer import divisions, zh_short
from cyberstate.ingest.naming import name_key
from cyberstate.model.dates import cutoff, earliest
from cyberstate.model.names import NATIONALITY, norm, spellings, undated_names
from cyberstate.model.rules import HAN as _HAN
from cyberstate.store.base import NameHit
from cyberstate.store.sqlite import SQLiteStore

EXACT = 95.0
#: An identifier the record's own maintainer gave it (ATT&CK's G0001 on ATT&CK's Axiom) outranks the same
#: string listed as a synonym of another group by a third party (MISP lists G0001 under APT17).
OWN_ID = 97.0
#: The own name of a record merged into an entity (ATT&CK's "Lotus Blossom") outranks the same string
#: listed as a synonym of another entity.
RECORD_NAME = 98.0
OWN_ID_ORIGINS = {"MITRE ATT&CK id", "Tidal Cyber id", "360.net id"}
#: A name written as extraction finds it in text (`model.names.spellings`): "Advanced Persistent Threat 10"
#: for APT10, a legal form in another form.
SPELLING = 93.0
SCRIPT = 92.0
PINYIN = 90.0
#: The lowest score that identifies an entity (rather than suggesting one).
IDENTIFYING = PINYIN
#: Full-text matches (every word of the query begins a word of the name) score from TEXT up to TEXT + 10 as
#: the query covers more of the name, above every fuzzy match (at most 70): "Xiaoruizhi" finds Wuhan
#: Xiaoruizhi Science and Technology Company Limited before names that merely look alike.
TEXT = 70.0


@dataclass(frozen=True, slots=True)
class Match:
    id: str
    name: str
    kind: str
    matched: str
    score: float
    source: str | None = None
    origin: str | None = None
    how: str = "alias"
    #: Resolving as of a date, the name matched is an alias whose source gives no date: it is not known
    #: to have been in use then (an undated claim is not counted as known at a past date); it is shown,
    #: marked, so that a name used later still finds its entity.
    undated: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "matched": self.matched,
            "score": round(self.score, 1),
            "source": self.source,
            "origin": self.origin,
            "how": self.how,
            "undated": self.undated,
        }


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC), so 湖北省國家安全廳 finds 湖北省国家安全厅."""
    return _converter().convert(text)


def pinyin_key(text: str) -> str:
    """Toneless pinyin of the Chinese characters in a name: 湖北省国家安全厅 -> hubeishengguojiaanquanting."""
    from pypinyin import lazy_pinyin

    return norm("".join(lazy_pinyin(simplified(text))))


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


#: Activity clusters: a name one of them lists that is also a real organisation's name (Boyusec, the
#: company; APT3, the group named after it by some) names the organisation first.
CLUSTER_KINDS = {"threat_group", "operation"}
SOFTWARE_KINDS = {"malware", "tool"}
ORGANISATION = 96.0


def _organisation_first(best: dict[str, Match]) -> None:
    """Among entities tied on a shared alias, one organisation and otherwise only activity clusters, the
    organisation is what the name denotes: a company and the group named after it are two entities."""
    tied = [m for m in best.values() if m.score == EXACT]
    orgs = [m for m in tied if m.kind not in CLUSTER_KINDS | SOFTWARE_KINDS]
    if len(tied) > 1 and len(orgs) == 1 and all(m.kind in CLUSTER_KINDS for m in tied if m is not orgs[0]):
        o = orgs[0]
        best[o.id] = Match(o.id, o.name, o.kind, o.matched, ORGANISATION, o.source, o.origin, "organisation")


#: A name that is a group's own name and also the own name of software or a campaign (Taidoor, the group
#: and its malware; Night Dragon, the group and the campaign) names the group; the others drop just below.
BESIDE_GROUP = 99.0


def _group_first(best: dict[str, Match]) -> None:
    """Among entities whose own name the query is, one threat group and otherwise only software and
    campaigns, the group is what the name denotes in a record of state actors (vendors name groups after
    their malware and their campaigns); `resolve` still lists the others."""
    tied = [m for m in best.values() if m.score >= 100.0 and m.how != "id"]
    groups = [m for m in tied if m.kind == "threat_group"]
    others = [m for m in tied if m.kind != "threat_group"]
    if len(groups) == 1 and others and all(m.kind in SOFTWARE_KINDS | {"operation"} for m in others):
        for m in others:
            best[m.id] = Match(m.id, m.name, m.kind, m.matched, BESIDE_GROUP, m.source, m.origin, "beside a group")


#: Words that make a group's name a form of another ("Operation Windigo" and Windigo, "Lazarus Group" and
#: Lazarus, "Team Tonto" and "Tonto Team"), matched only when nothing else identifies the query, only among
#: activity clusters, and only when the query carries such a word: a bare "Iron" never becomes "Iron Group".
_FORM = re.compile(r"^(?:the|operation|op|team)\s+|\s+(?:group|team|gang|apt\s+group)$", re.IGNORECASE)
FORM = 91.0


def form_key(name: str) -> str:
    """The key of a group name without the words that only say it is a group or an operation:
    "Operation Windigo", "Windigo Group" and "Windigo" share the key "windigo". Shared with extraction,
    which finds group names in text in all these forms."""
    stripped = name.strip()
    for _ in range(2):
        new = _FORM.sub("", stripped).strip()
        if new == stripped or not new:
            break
        stripped = new
    return norm(stripped)


#: A name with a parenthesised qualifier after a space: its coiner ("Hive0081 (IBM)") or kind ("BlackEnergy
#: (Group)"). "NoName057(16)" has no space: the parentheses are part of the name.
_QUALIFIED = re.compile(r"^(.*\S)\s+\([^()]*\)\s*$")


def bare_name(name: str) -> str | None:
    """The name without its parenthesised qualifier ("Hive0081" of "Hive0081 (IBM)"), where it has one and
    what is left is long enough to name something: resolve takes it as an alias, and mentions do too."""
    bare = _QUALIFIED.match(name)
    return bare.group(1) if bare and len(name_key(bare.group(1))) >= 3 else None


#: A synonym several clusters give to one entity and fewer to another names the first (the strongest
#: evidence), just above a plain alias.
MOST_SOURCES = 95.5


def _most_sources(best: dict[str, Match], hits: Iterable[NameHit], mixed: set[tuple[str, str | None]]) -> None:
    """Among activity clusters tied on an alias, the one more sources list it for takes it: "Cobalt Gypsy"
    given to OilRig by three clusters and to another group by one names OilRig. Listings by records that
    also list another group's own name (`mixed`: MISP's SaintBear lists EMBER BEAR) count only when the
    others leave a tie: a record that mixes two groups' names says less about either. A tie stays ambiguous."""
    tied = {m.id for m in best.values() if m.score == EXACT and m.kind in CLUSTER_KINDS}
    if len(tied) < 2:
        return
    hits = list(hits)
    for strong_only in (True, False):
        count: dict[str, set[str | None]] = {e: set() for e in tied}
        for h in hits:
            if h.entity_id in count and not (strong_only and (h.entity_id, h.source) in mixed):
                count[h.entity_id].add(h.source)
        ranked = sorted(tied, key=lambda e: -len(count[e]))
        if len(count[ranked[0]]) > len(count[ranked[1]]):
            m = best[ranked[0]]
            best[m.id] = Match(m.id, m.name, m.kind, m.matched, MOST_SOURCES, m.source, m.origin, "most sources")
            return


def _with_stated_names(store: SQLiteStore) -> list[NameHit]:
    """Every stored name, and every name an accepted `also_known_as` claim gives an entity ("the Hainan
    State Security Department (HSSD)" in a DOJ release), with the claim's source and assertor as origin."""
    hits = list(store.iter_names())
    have = {(h.entity_id, h.name) for h in hits}
    for c in store.iter_claims(predicate="also_known_as"):
        if c.negated or c.status != "accepted" or not isinstance(c.value, str) or not c.value.strip():
            continue
        if (c.subject, c.value.strip()) in have:
            continue
        have.add((c.subject, c.value.strip()))
        hits.append(NameHit(c.subject, c.value.strip(), c.sources[0] if c.sources else None, c.assertor, False))
    return hits


class NameIndex:
    """Every stored name by its normalised key, on merged entities, with each entity's kind and name:
    built once per knowledge base (and again after a load), so exact lookups never touch the database.
    Names in Chinese characters are also keyed by their simplified form and their toneless pinyin."""

    def __init__(self, store: SQLiteStore, as_of: str | None = None) -> None:
        canon = store.canonical_map()
        dates = {sid: d for sid, (d, _) in store.source_dates().items() if d} if as_of else {}
        self.canon = canon
        self.kinds = {k: v for k, v in store.entity_kinds().items() if k not in canon}
        self.by_norm: dict[str, list[NameHit]] = {}
        self.by_script: dict[str, list[NameHit]] = {}
        self.by_pinyin: dict[str, list[NameHit]] = {}
        self.own: set[tuple[str, str]] = set()  # (key, entity): the own name of one of the entity's records
        self.by_form: dict[str, list[NameHit]] = {}  # group names by their form key, where it differs
        self.names: dict[str, list[str]] = {}  # entity -> its names, as stored
        self.governments: dict[str, set[str]] | None = None  # division -> its government bodies (`_governments`)
        #: (entity, name key) of the names no dated source gives, when the index is as of a date (`undated_names`)
        self.undated: set[tuple[str, str]] = set()
        self.as_of = as_of
        listed: dict[tuple[str, str, str | None], set[str]] = {}  # (record, entity, source) -> keys it lists
        proposed = store.candidate_entities()
        rows: dict[str, list[tuple[str, str | None, bool]]] = {}  # entity -> (name, source, own), as of a date
        #: the entities extraction proposed and no one accepted: found by `review` (and by id), not by name
        self.proposed = proposed
        for hit in _with_stated_names(store):
            if hit.entity_id in proposed:
                continue  # proposals from extraction are found by `review`, not by name, until accepted
            if as_of and not hit.is_primary and hit.source in dates and earliest(dates[hit.source]) > cutoff(as_of):
                continue  # an alias first used after the date asked about (an entity's own name always works)
            can = canon.get(hit.entity_id, hit.entity_id)
            primary = hit.is_primary and can == hit.entity_id
            if hit.is_primary:
                self.own.add((name_key(hit.name), can))
            if not hit.is_primary and self.kinds.get(can, ("",))[0] in CLUSTER_KINDS:
                listed.setdefault((hit.entity_id, can, hit.source), set()).add(name_key(hit.name))
            hit = NameHit(can, hit.name, hit.source, hit.origin, primary)
            if as_of:
                rows.setdefault(can, []).append((hit.name, hit.source, hit.is_primary))
            self.by_norm.setdefault(name_key(hit.name), []).append(hit)
            self.names.setdefault(can, []).append(hit.name)
            bare = bare_name(hit.name)
            if bare is not None:
                # "Hive0081 (IBM)", "TG-2884 (SCWX CTU)": the name without who coined it, as an alias
                self.by_norm.setdefault(name_key(bare), []).append(NameHit(can, bare, hit.source, hit.origin, False))
                if as_of:
                    rows.setdefault(can, []).append((bare, hit.source, False))
            if self.kinds.get(can, ("",))[0] in CLUSTER_KINDS:
                form = form_key(hit.name)
                if form and form != name_key(hit.name):
                    self.by_form.setdefault(form, []).append(hit)
            province = self.kinds.get(can, ("",))[0] == "province" and _HAN.search(hit.name) is not None
            short = zh_short(simplified(hit.name)) if province else None
            if short:
                # a Chinese name a claim gives a division, without its division word (宁夏 of 宁夏回族自治区), as
                # the gazetteer keys ISO's (海南 of 海南省)
                self.by_norm.setdefault(name_key(short), []).append(NameHit(can, short, hit.source, hit.origin, False))
            if _HAN.search(hit.name):
                simple = norm(simplified(hit.name))
                if simple != norm(hit.name):
                    self.by_script.setdefault(simple, []).append(hit)
                self.by_pinyin.setdefault(pinyin_key(hit.name), []).append(hit)
        # the names not known to be in use then, by the one rule `show` marks them by too
        self.undated = {(can, name) for can, rs in rows.items() for name in undated_names(rs, dates)}
        for hits in self.by_norm.values():
            hits.sort(key=lambda h: not h.is_primary)
        # (entity, source) of group records that list another group's own name
        groups_by_own: dict[str, set[str]] = {}
        for key, ent in self.own:
            if self.kinds.get(ent, ("",))[0] in CLUSTER_KINDS:
                groups_by_own.setdefault(key, set()).add(ent)
        self.mixed: set[tuple[str, str | None]] = {
            (can, source)
            for (_rec, can, source), keys in listed.items()
            if any(groups_by_own.get(k, set()) - {can} for k in keys)
        }
        self.keys = list(self.by_norm)
        # the other spellings of each name that extraction finds in text ("Advanced Persistent Threat 10" of
        # APT10, "... Company Limited" of "... Co., Ltd."), where no stored name has their key
        self.by_spelling: dict[str, list[NameHit]] = {}
        for hits in list(self.by_norm.values()):
            for h in hits:
                for other in spellings(h.name)[1:]:
                    k = name_key(other)
                    if k and k not in self.by_norm:
                        self.by_spelling.setdefault(k, []).append(
                            NameHit(h.entity_id, other, h.source, h.origin, False)
                        )
        self.countries = {e for e, (kind, _) in self.kinds.items() if kind == "country"}
        # country -> the word sequences of its names and adjectives, to tell a body whose name holds it
        self.country_words: dict[str, set[tuple[str, ...]]] = {}
        for hits in self.by_norm.values():
            for h in hits:
                if h.entity_id in self.countries and not _HAN.search(h.name):
                    self.country_words.setdefault(h.entity_id, set()).add(words(h.name))
        by_code = {code: canon.get(e, e) for e, code in store.entity_codes().items()}
        # an ISO 3166 code identifies the entity that carries it, in either case: CN-XZ, cn-xz
        self.codes = {code.upper(): e for code, e in by_code.items() if e in self.kinds}
        self.adjectives = {
            adj: by_code[code] for adj, code in NATIONALITY.items() if by_code.get(code) in self.countries
        }
        for adj, country in self.adjectives.items():
            self.country_words.setdefault(country, set()).add(words(adj))
        # body -> the countries an accepted claim puts it under or in, one step up
        self.country_of: dict[str, set[str]] = {}
        for predicate in ("subordinate_to", "located_in", "part_of"):
            for c in store.iter_claims(predicate=predicate):
                if c.negated or not c.object:
                    continue
                obj = canon.get(c.object, c.object)
                if obj in self.countries:
                    self.country_of.setdefault(canon.get(c.subject, c.subject), set()).add(obj)

    def fuzzy(self, key: str, limit: int = 8, cutoff: float = 60.0) -> list[tuple[str, float]]:
        if not key:
            return []
        found = process.extract(key, self.keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        return [(k, float(s)) for k, s, _ in found]


def resolve(store: SQLiteStore, query: str, *, index: NameIndex | None = None, limit: int = 10) -> list[Match]:
    """Matching entities for `query`, best first; one row per entity (its best-matching name)."""
    return _resolve(store, query, index or NameIndex(store), limit, 0)


def _resolve(store: SQLiteStore, query: str, idx: NameIndex, limit: int, depth: int) -> list[Match]:
    kinds = idx.kinds
    best: dict[str, Match] = {}

    def offer(hit: NameHit, score: float, how: str) -> None:
        if hit.entity_id not in kinds:
            return  # a name the full-text index holds for an entity written after this index was built
        kind, name = kinds[hit.entity_id]
        old = best.get(hit.entity_id)
        if old is None or score > old.score:
            undated = (hit.entity_id, norm(hit.name)) in idx.undated
            best[hit.entity_id] = Match(
                hit.entity_id, name, kind, hit.name, score, hit.source, hit.origin, how, undated=undated
            )

    q = query.strip()
    eid = idx.canon.get(q, q)
    if eid in kinds:
        offer(NameHit(eid, q, None, None, True), 100.0, "id")
    key = name_key(q)
    if key:
        for hit in idx.by_norm.get(key, ()):
            primary = hit.is_primary or hit.name == kinds[hit.entity_id][1]
            if primary:
                offer(hit, 100.0, "name")
            elif (key, hit.entity_id) in idx.own:
                offer(hit, RECORD_NAME, "record name")
            elif hit.origin in OWN_ID_ORIGINS:
                offer(hit, OWN_ID, "own id")
            else:
                offer(hit, EXACT, "alias")
        for hit in idx.by_spelling.get(key, ()):
            offer(hit, SPELLING, "spelling")
        if _HAN.search(q):
            simple = norm(simplified(q))
            for hit in [*idx.by_norm.get(simple, ()), *idx.by_script.get(simple, ()), *idx.by_script.get(key, ())]:
                offer(hit, SCRIPT, "script")
        elif key.isascii():
            for hit in idx.by_pinyin.get(key, ()):
                offer(hit, PINYIN, "pinyin")
    _organisation_first(best)
    _group_first(best)
    if key:
        _most_sources(best, idx.by_norm.get(key, ()), idx.mixed)
    if key and not any(m.score >= IDENTIFYING for m in best.values()):
        form = form_key(q)
        if form != key:  # the query carries a word of form: its bare name, or another form of it
            for hit in [*idx.by_norm.get(form, ()), *idx.by_form.get(form, ())]:
                if kinds[hit.entity_id][0] in CLUSTER_KINDS:
                    offer(hit, FORM, "form")
    if not any(m.score >= IDENTIFYING for m in best.values()) and q.lower() != q:
        eid = idx.canon.get(q.lower(), q.lower())  # an id in another case: ids are lower case (model/records.py)
        if eid in kinds:
            offer(NameHit(eid, q, None, None, True), 100.0, "id")
    if not any(m.score >= IDENTIFYING for m in best.values()) and q.upper() in idx.codes:
        eid = idx.codes[q.upper()]  # an ISO 3166 code the entity's record carries (CN-XZ), when no name is it
        offer(NameHit(eid, q, None, None, True), 100.0, "code")
    if key and depth < 2 and not any(m.score >= IDENTIFYING for m in best.values()):
        for m in _reworded(store, q, idx, depth):
            old = best.get(m.id)
            if old is None or m.score > old.score:
                best[m.id] = m
    if depth == 0 and not any(m.score >= IDENTIFYING for m in best.values()):  # a rewording identifies or not
        for rank, hit in enumerate(store.search_names(q, limit=limit * 2)):
            if hit.entity_id in idx.proposed:
                continue  # a proposal's name, which the full-text index holds too: not found by name
            hit = NameHit(idx.canon.get(hit.entity_id, hit.entity_id), hit.name, hit.source, hit.origin, False)
            if idx.as_of and hit.name not in idx.names.get(hit.entity_id, ()):
                continue  # the full-text index holds every name: as of a date, only the names known then
            offer(hit, TEXT + 10.0 * min(1.0, len(key) / max(1, len(norm(hit.name)))) - rank * 0.01, "text")
        for k, s in idx.fuzzy(key):
            for hit in idx.by_norm[k]:
                offer(hit, s * 0.7, "fuzzy")
    return sorted(best.values(), key=lambda m: (-m.score, m.name))[:limit]


def words(name: str) -> tuple[str, ...]:
    """A name as its words' keys, a possessive's "'s" dropped: "China's Ministry of State Security" ->
    (china, ministry, of, state, security); "U.S." is one word, "us"."""
    out = []
    for w in re.split(r"[\s,;:()/\u2013\u2014-]+", name):
        k = norm(re.sub(r"['\u2019]s$", "", w))
        if k:
            out.append(k)
    return tuple(out)


def _holds(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(name[i : i + n] == part for i in range(len(name) - n + 1))


#: What a name may carry around the words that name the entity: a leading article ("the United States"),
#: a parenthesised abbreviation or qualifier after it ("China's Ministry of State Security (MSS)").
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(r"\s*\([^()]*\)\s*$")
#: The words that name a state by what governs it: "the Chinese government", "PRC authorities", "the US
#: administration", "the Chinese state"; and "the government of China".
_RULERS = r"(?:(?:central|federal|national)\s+)?(?:government|state|regime|authorities|leadership|administration)"
_RULED_BY = re.compile(rf"^(?P<who>.+?)\s+{_RULERS}$", re.IGNORECASE)
_RULER_OF = re.compile(
    r"^(?:(?:central|federal|national)\s+)?(?:government|regime|authorities|leadership|administration)\s+of\s+"
    r"(?:the\s+)?(?P<who>.+)$",
    re.IGNORECASE,
)
#: A province-level division named by its government with its kind before the word: "the Hubei Provincial
#: Government", "Shanghai Municipal Government", "the Hong Kong SAR Government".
_DIVISION_RULED = re.compile(
    r"^(?P<who>.+?)\s+(?:provincial|municipal|regional|autonomous\s+regional|sar)\s+(?:people's\s+)?government$",
    re.IGNORECASE,
)
#: A body named with its state before or after it: "the Chinese Ministry of State Security", "China's
#: Ministry of Public Security", "PRC Ministry of State Security", "the Ministry of Public Security of China".
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
#: A body named with its field before its head ("Justice Department", "Treasury Department", "Defense
#: Ministry"), which its own name may give after it ("Department of Justice", "Ministry of Defense").
_HEAD_LAST = re.compile(
    r"^(?P<field>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?P<head>Department|Ministry|Office|Bureau|Agency)$"
)
#: A province-level division named with its kind after it, in English: "Hainan Province", "Beijing Municipality",
#: "Tibet Autonomous Region", "Macao Special Administrative Region", "Macau SAR" (ISO 3166-2's categories of China's
#: divisions); an autonomous region's name may carry its people's name before it ("Guangxi Zhuang Autonomous
#: Region", "Xinjiang Uyghur Autonomous Region": `PEOPLES`).
_DIVISION_AFTER = re.compile(
    r"^(?P<name>.+?)\s+(?P<word>province|municipality|autonomous\s+region|special\s+administrative\s+region|sar)$",
    re.IGNORECASE,
)
#: A city named with the word "City" after it, as English texts write Chinese cities ("Chengdu City") and the four
#: municipalities ("Beijing City", ISO's "Beijing Shi"): the city, or the municipality, the words before it identify.
_CITY_AFTER = re.compile(r"^(?P<name>.+?)\s+city$", re.IGNORECASE)
#: A provincial department of the Ministry of State Security in the words of its newer English name, "Hubei
#: Provincial Department of State Security", "Department of State Security of Hainan Province", for the name texts
#: and the record give it, "Hubei State Security Department".
_SECURITY_DEPARTMENT = (
    re.compile(r"^(?P<where>.+?)\s+(?:provincial\s+)?department\s+of\s+state\s+security$", re.IGNORECASE),
    re.compile(r"^department\s+of\s+state\s+security\s+of\s+(?P<where>.+?)(?:\s+province)?$", re.IGNORECASE),
)
#: A province's state security body by the other of its two English words, or by their initials: "Tianjin State
#: Security Department" or "Tianjin SSD" for the Tianjin State Security Bureau (a municipality's is a bureau, 局),
#: "Hubei State Security Bureau" or "Hubei SSB" for the Hubei State Security Department (a province's, 厅),
#: "Hainan SSD": the one body of the province the record holds under either word.
_SECURITY_BODY = re.compile(
    r"^(?P<where>.+?)\s+(?:(?:provincial|municipal)\s+)?(?:state\s+security\s+(?:bureau|department)|ss[bd])$",
    re.IGNORECASE,
)
#: A name found by one of these readings: below every exact reading, above the suggestions; the order of the
#: reading's own matches is kept (100 -> 91, 95 -> 90.5).
REWORDED = 90.0
# The ``how`` of the readings below, each a way texts write a name the store holds otherwise.
_READINGS = frozenset(
    {
        "reworded",
        "state by its government",
        "body of its state",
        "division",
        "city",
        "government of its division",
        "division by its government",
    }
)


def _country(idx: NameIndex, who: str) -> str | None:
    """The country a qualifier names: an adjective of nationality ("Chinese"), or one of the country's names
    or aliases, possessive or not ("China's", "PRC", "the U.S.")."""
    who = _ARTICLE.sub("", who.strip())
    adj = idx.adjectives.get(" ".join(who.lower().split()))
    if adj is not None:
        return adj
    bare = re.sub(r"['\u2019]s$", "", who)
    found = {h.entity_id for h in idx.by_norm.get(name_key(bare), ()) if h.entity_id in idx.countries}
    return next(iter(found)) if len(found) == 1 else None


def _of_country(idx: NameIndex, entity: str, country: str) -> bool:
    """Whether an entity is the given country's: an accepted claim puts it under or in the country, or one of
    its names holds the country's name or adjective ("Ministry of Public Security (China)")."""
    if country in idx.country_of.get(entity, ()):
        return True
    parts = idx.country_words.get(country, set())
    return any(_holds(words(n), p) for n in idx.names.get(entity, ()) for p in parts)


#: The peoples of China's five autonomous regions: the spellings of each people's name English texts write
#: after its region's name ("Xinjiang Uyghur Autonomous Region", "Xinjiang Uighur ...", ISO's "Uygur"), and the
#: words for its land where a region is named after it. ISO 3166-2 writes the people into three regions' names
#: ("Guangxi Zhuangzu Zizhiqu", "Ningxia Huizu Zizhiqu", "Xinjiang Uygur Zizhiqu") and names the other two after
#: their land ("Nei Mongol", and "Tibet" as the National Bureau of Statistics writes Xizang), which texts also
#: make an adjective of ("Tibetan Autonomous Region", "Inner Mongolian Autonomous Region"). Whole words only:
#: "Xinjiang U Autonomous Region" or "Xinjiang Hui Autonomous Region" is no region.
PEOPLES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"zhuang", "zhuangzu"}), frozenset()),
    (frozenset({"hui", "huizu"}), frozenset()),
    (frozenset({"uyghur", "uighur", "uygur"}), frozenset()),
    (frozenset({"tibetan"}), frozenset({"tibet", "xizang"})),
    (frozenset({"mongol", "mongolian"}), frozenset({"mongol", "mongolia"})),
)


def _division(idx: NameIndex, name: str, provinces: Any, *, autonomous: bool) -> list[Match]:
    """The province a name read without its division word identifies ("Hainan" of "Hainan Province"); or, where
    its last word spells the people of an autonomous region (`PEOPLES`), the province the words before it
    identify when one of its stored names holds a word for that people or its land ("Xinjiang Uyghur" and ISO's
    "Xinjiang Uygur Zizhiqu"); or the one province the name identifies with that people's adjective read as its
    land ("Tibetan" as Tibet, "Inner Mongolian" as Inner Mongolia). The people's readings only in the name of an
    autonomous region (`autonomous`): "Tibetan Province" is no division's name."""
    found: list[Match] = provinces(name)
    if found or not autonomous:
        return found
    head, _, last = name.rpartition(" ")
    people = next(((spelt, land) for spelt, land in PEOPLES if norm(last) in spelt), None)
    if people is None:
        return []
    spelt, land = people
    if head:
        found = [
            m
            for m in provinces(head)
            if any(norm(w) in spelt | land for n in idx.names.get(m.id, ()) for w in n.split())
        ]
        if found:
            return found
    lands = {m.id: m for w in sorted(land) for m in provinces(f"{head} {w}".strip())}
    return list(lands.values()) if len(lands) == 1 else []


def _governments(store: SQLiteStore, idx: NameIndex) -> dict[str, set[str]]:
    """Division -> the bodies the store holds as its government: a state organ or agency one of whose names
    names the division by its government ("Government of the Hong Kong Special Administrative Region", "Sichuan
    Provincial Government"). Built once per index."""
    if idx.governments is not None:
        return idx.governments
    found: dict[str, set[str]] = {}
    idx.governments = found  # set before it is filled: the readings below may ask for it again
    for eid, names in idx.names.items():
        if idx.kinds.get(eid, ("",))[0] not in {"state_organ", "government_agency"}:
            continue
        for n in names:
            for pattern in (_DIVISION_RULED, _RULED_BY, _RULER_OF):
                m = pattern.match(_ARTICLE.sub("", n.strip()))
                if not m:
                    continue
                hits = [
                    x
                    for x in _resolve(store, m.group("who"), idx, 10, 1)
                    if x.score >= IDENTIFYING and x.kind == "province"
                ]
                top = [x for x in hits if x.score == max(y.score for y in hits)]
                if len(top) == 1:
                    found.setdefault(top[0].id, set()).add(eid)
                break
    return found


@lru_cache(maxsize=1)
def _municipalities() -> frozenset[str]:
    """The ids of the province-level divisions ISO 3166-2 calls municipalities (Beijing, Shanghai, Tianjin,
    Chongqing): cities at the level of a province."""
    return frozenset(d.id for d in divisions() if d.type == "Municipality")


def _reworded(store: SQLiteStore, q: str, idx: NameIndex, depth: int) -> list[Match]:
    """The entities a name identifies once read as texts write it: without its article or a parenthesised
    abbreviation after it; a state named by what governs it ("the Chinese government" is China); a body
    named with its state ("the Chinese Ministry of State Security"), when that body is the state's. Tried only
    when nothing identifies the name as it stands."""

    def identified(text: str) -> list[Match]:
        found = [m for m in _resolve(store, text, idx, 10, depth + 1) if m.score >= IDENTIFYING]
        top = [m for m in found if m.score == max((x.score for x in found), default=0.0)]
        return found if len(top) == 1 else []

    def lowered(ms: list[Match], how: str) -> list[Match]:
        return [
            Match(m.id, m.name, m.kind, m.matched, REWORDED + (m.score - IDENTIFYING) * 0.1, m.source, m.origin, how)
            for m in ms
        ]

    bare = _QUALIFIER_AFTER.sub("", _ARTICLE.sub("", q)).strip()
    if bare and bare != q:
        found = identified(bare)
        if found:
            # a name read once its article is dropped keeps the reading that identified it ("the Chinese
            # government" is the state by its government, not merely reworded); a name found as it stands is
            # reworded
            return [lowered([m], m.how if m.how in _READINGS else "reworded")[0] for m in found]

    def provinces(text: str) -> list[Match]:
        """The one province a name identifies best (Shanxi's own name over Shaanxi's pinyin), if one does."""
        found = [
            m for m in _resolve(store, text, idx, 10, depth + 1) if m.score >= IDENTIFYING and m.kind == "province"
        ]
        top = [m for m in found if m.score == max((x.score for x in found), default=0.0)]
        return top if len(top) == 1 else []

    division = _DIVISION_AFTER.match(bare)
    if division:
        autonomous = division.group("word").lower().startswith("autonomous")
        found = _division(idx, division.group("name"), provinces, autonomous=autonomous)
        if found:
            return lowered(found, "division")
    for pattern in _SECURITY_DEPARTMENT:
        if (department := pattern.match(bare)) and provinces(department.group("where")):
            found = identified(f"{department.group('where')} State Security Department")
            if found:
                return lowered(found, "reworded")
    if (body := _SECURITY_BODY.match(bare)) and provinces(where := body.group("where")):
        found: dict[str, Match] = {}
        for word in ("Department", "Bureau"):
            for m in identified(f"{where} State Security {word}"):
                if m.id not in found or m.score > found[m.id].score:
                    found[m.id] = m
        if len(found) == 1:
            return lowered(list(found.values()), "reworded")
    city = _CITY_AFTER.match(bare)
    if city:
        found = [m for m in identified(city.group("name")) if m.kind == "city" or m.id in _municipalities()]
        if len(found) == 1:
            return lowered(found, "city")
    for pattern in (_RULED_BY, _RULER_OF):
        m = pattern.match(bare)
        country = _country(idx, m.group("who")) if m else None
        if country is not None:
            kind, name = idx.kinds[country]
            return [Match(country, name, kind, q, REWORDED, None, None, "state by its government")]
    for pattern in (_DIVISION_RULED, _RULED_BY, _RULER_OF):
        m = pattern.match(bare)
        division = provinces(m.group("who")) if m else []
        if division:
            (d,) = division
            govs = _governments(store, idx).get(d.id, set())
            if len(govs) == 1:  # the division's own government, where the store holds it as a body
                (eid,) = govs
                kind, name = idx.kinds[eid]
                return [Match(eid, name, kind, q, REWORDED, None, None, "government of its division")]
            return [Match(d.id, d.name, d.kind, q, REWORDED, None, None, "division by its government")]
    splits = []
    tokens = bare.split()
    for n in (1, 2, 3, 4, 5):
        if n < len(tokens):
            splits.append((" ".join(tokens[:n]), " ".join(tokens[n:])))
    if _HAN.search(bare):  # Chinese writes the state before the body with no space: 中国国家安全部
        for country in idx.countries:
            for n in idx.names.get(country, ()):
                if _HAN.search(n) and len(bare) > len(n) and bare.startswith(n):
                    splits.append((n, bare[len(n) :]))
    for of in _OF.finditer(bare):  # "the Ministry of Public Security of China": each "of" may lead to the state
        if of.start() > 0 and of.end() < len(bare):
            splits.append((bare[of.end() :], bare[: of.start()]))
    for who, body in splits:
        country = _country(idx, who)
        if country is None:
            continue
        found = [x for x in identified(body) if x.id != country and _of_country(idx, x.id, country)]
        if found:
            return lowered(found, "body of its state")
        # the body's stored name may give its state in other words: "Ministry of Foreign Affairs of China" and
        # "... of the People's Republic of China", "Chinese Foreign Ministry" and "China's Foreign Ministry"
        states = [n for n in idx.names.get(country, ()) if not _HAN.search(n)]
        states += [adj for adj, c in idx.adjectives.items() if c == country]
        bodies = {body}
        if turned := _HEAD_LAST.match(body):  # "Justice Department" is the "Department of Justice"
            bodies.add(f"{turned.group('head')} of {turned.group('field')}")
            bodies.add(f"{turned.group('head')} of the {turned.group('field')}")
        forms = {f"{b} of {n}" for b in bodies for n in states} | {f"{b} of the {n}" for b in bodies for n in states}
        forms |= {f"{n} {b}" for b in bodies for n in states} | {f"{n}'s {b}" for b in bodies for n in states}
        ids = {h.entity_id for f in forms for h in idx.by_norm.get(name_key(f), ()) if h.entity_id != country}
        if len(ids) == 1:
            (eid,) = ids
            kind, name = idx.kinds[eid]
            return [Match(eid, name, kind, q, REWORDED, None, None, "body of its state")]
    return []


def by_context(store: SQLiteStore, matches: list[Match], context_ids: set[str], canon: dict[str, str]) -> list[Match]:
    """Rank the identifying matches of a shared name by how many claims tie each to the entities the
    context names (HSSD beside APT40 is Hainan's department; beside APT31, Hubei's): the best-tied match
    is raised above the others, marked "context"; with no tie, or a tie for first, the order is unchanged."""
    ident = [m for m in matches if m.score >= IDENTIFYING]
    if len(ident) < 2 or not context_ids:
        return matches
    ties: dict[str, int] = {}
    for m in ident:
        recs = {m.id, *(r for r, c in canon.items() if c == m.id)}
        n = 0
        for r in recs:
            for c in store.iter_claims(entity=r):
                if c.negated or c.status != "accepted":
                    continue
                other = c.object if c.subject == r else c.subject
                if other and canon.get(other, other) in context_ids:
                    n += 1
        ties[m.id] = n
    ranked = sorted(ident, key=lambda m: -ties[m.id])
    if ties[ranked[0].id] == 0 or (len(ranked) > 1 and ties[ranked[1].id] == ties[ranked[0].id]):
        return matches
    best = ranked[0]
    top = max(m.score for m in ident)
    score = min(100.0, top + 1.0)
    raised = Match(best.id, best.name, best.kind, best.matched, score, best.source, best.origin, "context")
    return [raised, *(m for m in matches if m.id != best.id)]
