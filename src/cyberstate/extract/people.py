"""People a document names that the store does not know, and the short names it calls them by after.

Indictments and advisories name the people they charge ("Wu Zhiyong, Wang Qian, Xu Ke and Liu Lei",
"Xiaoyu Li and Jiazhi Dong") and then call them by one name ("Li and Dong broke into ..."). The store
knows few of them, so without this they are no mentions and nothing they did is a statement.

- **Romanised Chinese names**: a family name from the common Chinese family names written in pinyin,
  before (Chinese order) or after (Western order) a given name of one to three pinyin syllables, both
  capitalised ("Tan Xiaoming", "Xiaoming Tan"), where no mention of the store stands: proposed as a person.
- **People named with a post**: two capitalised words followed by an aside that gives a post in a body
  ("Jane Roe, senior threat analyst at X", "Kim Min-jun, Third Deputy Director of X"): a person whatever the
  language of the name, as the aside says so (a post is held by a person, never by a firm or a place).
- **Short names**: after a person is named in full (a known person or one proposed above), a capitalised
  word standing alone that is one of that name's words ("Tan", "Xiaoming") is that person, within the
  same document window.

A pinyin syllable is an initial and a final of Mandarin's syllable table; the family names are public
knowledge (the most common few hundred cover nearly everyone), not names taken from any document.
"""

from __future__ import annotations

import bisect
import itertools

from cyberstate.extract import rx as re
from cyberstate.extract.guards import word_start
from cyberstate.extract.mentions import _START, Mention

#: Common Chinese family names in pinyin (single-syllable; the double ones, Ouyang, Sima, Zhuge, too).
FAMILY_NAMES = frozenset(
    [
        "Ai",
        "An",
        "Ao",
        "Bai",
        "Ban",
        "Bao",
        "Bei",
        "Bi",
        "Bian",
        "Bo",
        "Bu",
        "Cai",
        "Cao",
        "Cen",
        "Chai",
        "Chang",
        "Chao",
        "Chen",
        "Cheng",
        "Chi",
        "Chu",
        "Cong",
        "Cui",
        "Dai",
        "Dan",
        "Deng",
        "Di",
        "Diao",
        "Ding",
        "Dong",
        "Dou",
        "Du",
        "Duan",
        "Fan",
        "Fang",
        "Fei",
        "Feng",
        "Fu",
        "Gan",
        "Gang",
        "Gao",
        "Ge",
        "Geng",
        "Gong",
        "Gou",
        "Gu",
        "Guan",
        "Guo",
        "Han",
        "Hang",
        "Hao",
        "He",
        "Hong",
        "Hou",
        "Hu",
        "Hua",
        "Huan",
        "Huang",
        "Hui",
        "Ji",
        "Jia",
        "Jian",
        "Jiang",
        "Jiao",
        "Jin",
        "Jing",
        "Ju",
        "Kang",
        "Ke",
        "Kong",
        "Kou",
        "Kuang",
        "Lai",
        "Lan",
        "Lang",
        "Lao",
        "Le",
        "Lei",
        "Leng",
        "Li",
        "Lian",
        "Liang",
        "Liao",
        "Lin",
        "Ling",
        "Liu",
        "Long",
        "Lou",
        "Lu",
        "Luan",
        "Luo",
        "Lv",
        "Ma",
        "Mai",
        "Man",
        "Mao",
        "Mei",
        "Meng",
        "Mi",
        "Miao",
        "Min",
        "Ming",
        "Mo",
        "Mou",
        "Mu",
        "Ni",
        "Nie",
        "Ning",
        "Niu",
        "Ou",
        "Pan",
        "Pang",
        "Pei",
        "Peng",
        "Pi",
        "Ping",
        "Pu",
        "Qi",
        "Qian",
        "Qiao",
        "Qin",
        "Qiu",
        "Qu",
        "Quan",
        "Ran",
        "Rao",
        "Ren",
        "Rong",
        "Ruan",
        "Rui",
        "Sha",
        "Shan",
        "Shang",
        "Shao",
        "She",
        "Shen",
        "Sheng",
        "Shi",
        "Shu",
        "Si",
        "Song",
        "Su",
        "Sui",
        "Sun",
        "Tan",
        "Tang",
        "Tao",
        "Teng",
        "Tian",
        "Tong",
        "Tu",
        "Wan",
        "Wang",
        "Wei",
        "Wen",
        "Weng",
        "Wu",
        "Xi",
        "Xia",
        "Xian",
        "Xiang",
        "Xiao",
        "Xie",
        "Xin",
        "Xing",
        "Xiong",
        "Xu",
        "Xue",
        "Yan",
        "Yang",
        "Yao",
        "Ye",
        "Yi",
        "Yin",
        "Ying",
        "You",
        "Yu",
        "Yuan",
        "Yue",
        "Yun",
        "Zang",
        "Zeng",
        "Zha",
        "Zhai",
        "Zhan",
        "Zhang",
        "Zhao",
        "Zhen",
        "Zheng",
        "Zhong",
        "Zhou",
        "Zhu",
        "Zhuang",
        "Zhuo",
        "Zou",
        "Zu",
        "Zuo",
        "Ouyang",
        "Sima",
        "Zhuge",
        "Shangguan",
        "Situ",
        "Dongfang",
        "Huangfu",
    ]
)
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ue|ve|er"
    r"|a|o|e|i|u|v)"
)
#: A given name: one to three pinyin syllables, capitalised, optionally joined by a hyphen.
_GIVEN = re.compile(rf"(?:{_INITIAL}{_FINAL}){{1,3}}", re.I)
#: Two or three capitalised words in a row (a candidate full name). This, `_WORD`, `_TITLED` and `_POSTED` are
#: read over the whole text: each starts with its capital letter (`word_start`: `\\b[A-Z]` read from the capital),
#: so `re` skips to the capitals (speed only).
_NAME = re.compile("(" + word_start("[A-Z]") + r"[a-z]{1,9})\s([A-Z][a-z]{1,12})(?:-([a-z]{1,6}))?\b(?!\s+[A-Z][a-z])")
_WORD = re.compile(word_start("[A-Z]") + r"[a-z]{1,12}\b")
#: English words of the closed classes (prepositions, conjunctions, determiners, pronouns, numbers) and adverbs
#: of time, place and degree that the pinyin syllables also spell ("La-ter", "Nev-er", "Yi-ng"): capitalised
#: at the start of a sentence before a family name ("Later Wu said") they are no given name, and no part of a
#: longer name, so the family name alone is the person named before.
_NOT_GIVEN = frozenset(
    {
        "Above",
        "Again",
        "Ago",
        "Alone",
        "Along",
        "Among",
        "Before",
        "Beside",
        "During",
        "Even",
        "Ever",
        "Five",
        "Hence",
        "Her",
        "Here",
        "Herein",
        "In",
        "Inside",
        "Into",
        "Later",
        "Like",
        "More",
        "Never",
        "Nine",
        "No",
        "None",
        "One",
        "Over",
        "Per",
        "Quite",
        "Same",
        "Seven",
        "Since",
        "So",
        "Some",
        "Ten",
        "To",
        "Too",
        "Under",
        "Via",
        "We",
        "Were",
        "Zero",
    }
)
#: Words that are a family name or a syllable but, alone and capitalised, mostly something else.
#: A capitalised word just before a short name makes it part of a longer one, unless it is a title or one of
#: the words above.
_IN_NAME = re.compile(
    r"\b(?!(?:Mr|Ms|Mrs|Dr|Defendant|Officer|Minister|Spokesperson|" + "|".join(sorted(_NOT_GIVEN)) + r")\b)"
    r"[A-Z][a-z]*\s$"
)
#: Job titles that name a post in a body (the class of words, not any document's own): the body that gives the post
#: employs the one holding it (`frames._titled_people`), and the words before it name a person (`_POSTED`).
TITLES = (
    r"spokes(?:man|woman|person)|press\s+secretary|secretary(?:-general)?|director(?:-general)?|"
    r"(?:vice[\s-])?president|vice[\s-]chairman|chair(?:man|woman|person)|chief\s+executive(?:\s+officer)?|"
    r"chief\s+(?:[a-z]+\s+){1,2}officer|CEO|CFO|CTO|COO|CIO|CISO|manager|engineer|researcher|analyst|"
    r"(?:department|division|unit|team)\s+head|head|"
    # the posts of advice, office and rank held in a body ("chief of counter intelligence at X", "senior risk
    # advisor at X", "an official of X", "a fellow at X")
    r"chief|advis[eo]r|consultant|official|officer|commissioner|ambassador|minister|professor|fellow|scientist|"
    r"specialist|strategist"
)
#: Words of a post before its title: "former director", "senior threat researcher", "deputy press secretary".
POST_WORDS = (
    r"(?:(?:former|deputy|acting|senior|principal|lead|chief|assistant|executive|associate|staff|general|managing|"
    r"technical|security|threat|intelligence|research|operations|communications|press|public|information|"
    r"cyber(?:security)?|software|data|product|program|project|regional|global|first|second|third)\s+){0,3}"
)
#: A post told in an aside after a person's name, in any case: a comma or a dash, an article, the post's words and
#: its title ("Jane Roe, a senior risk adviser", "Jane Roe - chief"). Shared by the person (`_POSTED`), the body
#: (`_POST_BODY`) and the frame of employment (`frames._TITLE_AFTER`), which read the same aside.
POST_ASIDE = (
    r"\s*(?:,|\s[-–—]{1,2})\s*(?i:(?:a|an|the)\s+)?(?i:" + POST_WORDS + r"(?:[a-z]{3,}\s+)?(?:" + TITLES + r"))"
)
#: The field of the post after it, before the body ("chief of counter intelligence at X"); its letters follow the
#: case flags of the pattern it stands in (lower case in `_POST_BODY`, any case in `frames._TITLE_AFTER`).
POST_FIELD = r"(?:\s+(?:of|for)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*(?=\s+(?:at|with)\s))?"
#: A name of two capitalised words (the second may carry a hyphened syllable: "Min-jun") in front of an aside
#: that gives a post in a body ("Jane Roe, intelligence operations manager for the research team at X"): the aside
#: says a person is named, whatever language the name is in. The post must be followed by "of / at / for / with / in",
#: so a bare "Jane Roe, director," (a film's credits, a board's list) proposes nothing.
_POSTED = re.compile(
    # not after "of / for": the words end a body's name ("the Minister of Foreign Affairs, the Minister of X")
    "(" + word_start("[A-Z]", r"(?<!\bof\s)(?<!\bfor\s)") + r"[a-z]{1,12})\s([A-Z][a-z]{1,12}(?:-[a-z]{2,8})?)"
    r"(?=" + POST_ASIDE + r"\s+(?:of|at|for|with|in)\s)"
)
#: The body a post is held in, named after the post in the aside that follows a person's name ("Jane Roe, chief of
#: counter intelligence at PST", "Jane Roe - senior risk advisor at Acme"): capitalised words (or an acronym) after
#: "at / with / of / for"; the aside says they name a body, where the store does not know it.
_POST_BODY = re.compile(
    POST_ASIDE
    + POST_FIELD
    + r"\s+(?:at|with|of|for)\s+(?:the\s+)?([A-Z][\w&.-]*[\w&](?:\s+(?:of\s+|and\s+)?[A-Z][\w&.-]*[\w&]){0,4})"
    r"(?=\s*[,.;)]|\s+(?:said|says|told|added|and)\b|\s+[-–—])"
)
#: A person named right after a capitalised title of office, the way a government's or a firm's release names its
#: officials ("Secretary Ivan John Uy said", "Undersecretary Jeffrey Ian Dy disclosed", "Officer Wendi Whitmore,
#: of"): two or three capitalised words (a middle initial allowed) closed by a comma, a stop or a verb of saying.
#: The title says a person is named, whatever language the name is in (`with_people` drops the words that hold a
#: rank, a title or a body's word, `_NOT_TITLED`: "Secretary General Antonio Guterres" gives no "General Antonio
#: Guterres").
#: The titles of office `_TITLED` reads: each its first letter (a literal) and the rest, so that the alternation starts
#: with its letters (`word_start`: speed only).
_OFFICES = (
    "Secretary",
    "Undersecretary",
    "Under-[Ss]ecretary",
    "Director",
    "Minister",
    "Spokes(?:man|woman|person)",
    "Officer",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "President",
    "CEO",
    "Commissioner",
    "Ambassador",
    "Senator",
    "Governor",
    "Mayor",
)
_TITLED = re.compile(
    "(?:" + "|".join(word_start(t[0]) + t[1:] for t in _OFFICES) + r")\s+"
    r"([A-Z][a-z]{1,12}(?:\s(?:[A-Z]\.|[A-Z][a-z]{1,12}(?:-[A-Za-z][a-z]{1,8})?)){1,2})"
    # a legislator's party and state in brackets after the name: "Senator Jane Roe (D-CT)"
    r"(?=\s*,|\s+\([RDI]-[A-Z][\w.]*\)|\s+(?:said|says|told|added|disclosed|noted|stated|warned|explained|"
    r"announced)\b|\.(?:\s|$))"
)
#: Words after a title that continue the title or name a rank, a body or a place, not a person.
_NOT_TITLED = frozenset(
    {
        "General",
        "Deputy",
        "Assistant",
        "Chief",
        "Senior",
        "Acting",
        "Executive",
        "Vice",
        "Foreign",
        "Defense",
        "Defence",
        "State",
        "National",
        "Public",
        "Security",
        "Cyber",
        "Information",
        "Department",
        "Ministry",
        "Office",
        "Affairs",
        "Justice",
        "Homeland",
        "Intelligence",
        "Technology",
        "Communications",
        "Secretary",
        "Director",
        "Minister",
        "Officer",
        "President",
        "Of",
    }
)
#: Capitalised words that open a sentence or a clause and are no given name ("However Smith, ..."): with these
#: first, the two words are no name.
_NOT_FIRST = frozenset({"The", "This", "That", "These", "Those", "However", "Meanwhile", "And", "But", "Also", "Then"})
_NOT_SHORT = frozenset({"He", "Long", "Song", "Man", "Mi", "Yi", "Ye", "Ping", "An", "Ban", "Fan", "Pan", "Bo"})


def _given(word: str) -> bool:
    return bool(_GIVEN.fullmatch(word))


class _Taken:
    """The spans taken by mentions, for "does (a, b) overlap one?" in logarithmic time (speed only: a scan
    of every span for every candidate name made a window of a megabyte quadratic in its mentions)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in spans), default=0)

    def add(self, a: int, b: int) -> None:
        bisect.insort(self.spans, (a, b))
        self.longest = max(self.longest, b - a)

    def overlaps(self, a: int, b: int) -> bool:
        """Whether a taken span (s, e) has s < b and a < e: only spans starting from a - longest can reach a."""
        lo = bisect.bisect_left(self.spans, (a - self.longest, -1))
        hi = bisect.bisect_left(self.spans, (b, -1))
        return any(e > a for _, e in itertools.islice(self.spans, lo, hi))


def with_people(text: str, found: list[Mention], short: dict[str, Mention] | None = None) -> list[Mention]:
    """The mentions of a text window with the people it names in full and by a short name added (sorted
    by start; no added mention overlaps another). `short`: the short names of the people named in the
    windows before (word -> the full mention), updated with this window's, so a long text read in windows
    resolves them as the whole text does."""
    short = {} if short is None else short
    spans = _Taken([(m.start, m.end) for m in found])
    added: list[Mention] = []
    for m in _NAME.finditer(text):
        a, b = m.group(1), m.group(2) + (f"-{m.group(3)}" if m.group(3) else "")
        family_a = a in FAMILY_NAMES
        if not family_a and b not in FAMILY_NAMES:
            continue  # speed only: most pairs of capitalised words hold no family name, and `_given` is a match
        given_b = family_a and _given(m.group(2)) and (not m.group(3) or _given(m.group(3)))
        if not (given_b or (b in FAMILY_NAMES and _given(a) and not family_a)):
            continue
        if a in _NOT_GIVEN or b in _NOT_GIVEN:
            continue  # "Later Wu": a word that starts the sentence, before a family name
        if spans.overlaps(m.start(), m.end()):
            continue
        added.append(Mention(m.start(), m.end(), m.group(), [], "person"))
        spans.add(m.start(), m.end())
    for m in _TITLED.finditer(text):
        words = m.group(1).split()
        if any(w in _NOT_TITLED or w in _NOT_GIVEN for w in words) or spans.overlaps(m.start(1), m.end(1)):
            continue
        added.append(Mention(m.start(1), m.end(1), m.group(1), [], "person"))
        spans.add(m.start(1), m.end(1))
    for m in _POSTED.finditer(text):
        if m.group(1) in _NOT_GIVEN or m.group(1) in _NOT_FIRST or spans.overlaps(m.start(), m.end()):
            continue
        added.append(Mention(m.start(), m.end(), m.group(), [], "person"))
        spans.add(m.start(), m.end())
    people = sorted([x for x in found if "person" in x.kinds() and len(x.text.split()) >= 2] + added, key=_START)
    for x in people:
        body = _POST_BODY.match(text, x.end)
        if body is not None and not spans.overlaps(body.start(1), body.end(1)):
            added.append(Mention(body.start(1), body.end(1), body.group(1), [], "other_organisation"))
            spans.add(body.start(1), body.end(1))
    if not people and not short:
        return found
    first = 0 if short else people[0].end
    nxt = 0
    for w in _WORD.finditer(text, first):
        while nxt < len(people) and people[nxt].end <= w.start():
            _learn(short, people[nxt])
            nxt += 1
        ref = short.get(w.group())
        if ref is None or spans.overlaps(w.start(), w.end()):
            continue
        if re.match(r"\s[A-Z]", text[w.end() : w.end() + 2]) or _IN_NAME.search(
            text, max(0, w.start() - 16), w.start()
        ):
            continue  # part of a longer name ("Li Ning Company", "Shanghai Li")
        canonical = None if ref.entity is not None else " ".join((ref.canonical or ref.text).split())
        added.append(Mention(w.start(), w.end(), w.group(), list(ref.targets), ref.proposed_kind, canonical))
        spans.add(w.start(), w.end())
    for x in people[nxt:]:  # named after the last capitalised word: the next window's short names
        _learn(short, x)
    if not added:
        return found
    return sorted(found + added, key=_START)


def _learn(short: dict[str, Mention], person: Mention) -> None:
    """The words of a person's full name, each standing for the person from now on."""
    for part in re.split(r"[\s-]+", person.text):
        if part[:1].isupper() and part not in _NOT_SHORT:
            short[part] = person
