"""Guarded patterns (extract/guards.py) find exactly what the pattern alone finds."""

from __future__ import annotations

import re

from cyberstate.extract import core, dates, frames, language, mentions, people, reference, relations, sentences
from cyberstate.extract.guards import guarded, word_start

TEXT = (
    "The Ministry of State Security (MSS) operated APT40, which was directed by the Hainan State Security "
    "Department; on 19 July 2021 the U.S. Department of Justice indicted four Chinese nationals. KELVIN \u212a "
    "and the long \u017f, \u0130stanbul, Wuhan Xiaoruizhi Science and Technology Company, Limited, 中国 APT 41. "
    "China's government denied the accusations, calling them groundless (Smith 2021) [link](https://x.y/z)."
)


def _patterns() -> list[re.Pattern[str]]:
    found: dict[int, re.Pattern[str]] = {}
    for module in (core, dates, frames, language, mentions, people, reference, relations, sentences):
        for value in vars(module).values():
            items = value if isinstance(value, list | tuple) else [value]
            for item in items:
                for x in item if isinstance(item, tuple) else [getattr(item, "pattern", item)]:
                    if isinstance(x, re.Pattern):
                        found[id(x)] = x
    return list(found.values())


def _plain(p: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written, without a guard (a guarded pattern holds the original after the guard)."""
    m = re.fullmatch(r"\(\?=\[[^\]]*\]\)\(\?:(.*)\)", p.pattern, re.S)
    return re.compile(m.group(1), p.flags) if m else p


def test_guarded_patterns_match_what_the_pattern_alone_matches() -> None:
    pats = _patterns()
    assert len(pats) > 50
    guarded_count = 0
    for p in pats:
        plain = _plain(p)
        g = guarded(plain)
        guarded_count += g is not plain
        assert [(m.span(), m.groups()) for m in g.finditer(TEXT)] == [
            (m.span(), m.groups()) for m in plain.finditer(TEXT)
        ], plain.pattern
        for i in range(0, len(TEXT), 7):
            a, b = plain.match(TEXT, i), g.match(TEXT, i)
            assert (a and a.span()) == (b and b.span()), plain.pattern
            assert bool(plain.fullmatch(TEXT[i : i + 12])) == bool(g.fullmatch(TEXT[i : i + 12])), plain.pattern
    assert guarded_count > 30


def test_case_folding_and_unknown_starts() -> None:
    cue = guarded(re.compile(r"\b(?:operated|kelvin)\s+by\b", re.I))
    assert cue.pattern.startswith("(?=[")
    assert cue.search("OPERATED BY") and cue.search("\u212aelvin by")  # what re.I matches, the guard lets through
    assert guarded(re.compile(r".+x")).pattern == ".+x"  # any first character: left as it is
    assert guarded(re.compile(r"a?")).pattern == "a?"  # may match the empty string
    assert guarded(re.compile(r"(?i)abc")).pattern == "(?i)abc"  # global flags stay first
    assert guarded(re.compile(r"(?i:a)b")).pattern == "(?i:a)b"  # a group that adds a flag
    assert guarded(re.compile(r"[^a]b")).pattern == "[^a]b"
    assert guarded(re.compile(r"(?<!\d)\d{4}")).search("x2024").group() == "2024"


def test_word_scan_gives_the_matches_of_each_span() -> None:
    from cyberstate.extract.frames import _HEAD, HEADS
    from cyberstate.extract.guards import WordScan

    scan = WordScan(_HEAD, HEADS)
    text = TEXT + " Hackers-for-hire and the actors, a group of attackers; groups. operations" * 3
    for s in range(0, len(text), 5):
        for e in (s + 1, s + 17, s + 60, s + 200, len(text)):
            e = min(e, len(text))
            want = [(m.span(), m.group(1)) for m in _HEAD.finditer(text, s, e)]
            assert [(m.span(), m.group(1)) for m in scan.within(text, s, e)] == want, (s, e)


def test_word_scan_of_one_span_gives_the_same_matches_and_keeps_the_whole_text() -> None:
    """`within_span` scans the span alone (a word cut by the span's end included) and leaves the places of
    the text scanned whole as they were."""
    from cyberstate.extract.frames import _HEAD, HEADS
    from cyberstate.extract.guards import WordScan

    scan = WordScan(_HEAD, HEADS)
    text = TEXT + " Hackers-for-hire and the actors, a group of attackers; groups. operations" * 3
    other = text.upper()
    scan.within(text, 0, len(text))
    for s in range(0, len(other), 7):
        for e in (s + 3, s + 17, s + 60, len(other)):
            e = min(e, len(other))
            want = [(m.span(), m.group(1)) for m in _HEAD.finditer(other, s, e)]
            assert [(m.span(), m.group(1)) for m in scan.within_span(other, s, e)] == want, (s, e)
    assert scan._text is text


def test_lead_scan_gives_the_matches_of_each_span() -> None:
    """Every pattern of the extractor whose leading words are known, tried only where they stand, finds in
    every span what `finditer` finds; the case rules of `re` (the Kelvin sign, a long s) included."""
    from cyberstate.extract.guards import LeadScan, leading_words

    pats = _patterns()
    scan = LeadScan(pats)
    assert len(scan.known) > 15
    assert leading_words(re.compile(r"\b(?:attacks?|campaigns?)\s+on\b", re.I)) == {
        "attack",
        "attacks",
        "campaign",
        "campaigns",
    }
    assert leading_words(re.compile(r"(?:the\s+)?attack")) == {"the", "attack"}  # either comes first
    assert leading_words(re.compile(r"\w+\s+attack")) is None  # may start with any word
    assert leading_words(re.compile(r"\bto\s+target")) is None  # too short to be worth a scan
    text = (
        TEXT
        + " Attacks on the Ministry, a campaign against Taiwan, ATTACKS ON X; \u212aNOWN AS Y, \u017fanctioned by Z;"
        " carried out by APT41, operated by the MSS, based in Chengdu, also known as Barium, charged with."
    ) * 2
    found = 0
    for p in pats:
        if id(p) not in scan.known:
            continue
        found += len(list(p.finditer(text)))
        for s in range(0, len(text), 23):
            for e in (s + 40, s + 150, len(text)):
                e = min(e, len(text))
                want = [(m.span(), m.groups()) for m in p.finditer(text, s, e)]
                assert [(m.span(), m.groups()) for m in scan.finditer(p, text, s, e)] == want, (p.pattern, s, e)
    assert found > 20  # the spans hold matches to compare


def test_lead_scan_answers_do_not_depend_on_where_patterns_are_made() -> None:
    """A pattern is known to a scan by its `id`: one its caller drops must not leave that id to another pattern
    made later at the same address, which would then be tried only where the dropped one's words stand (the
    answers would depend on the memory layout). Patterns of one size are made (by `rx`, which keeps no cache as
    `re` does) until the addresses are reused."""
    from cyberstate.extract import rx
    from cyberstate.extract.guards import LeadScan

    text = "The attackers against the grid struck; the campaign went on."
    scan = LeadScan([rx.compile(r"\b(?:campaigns?)\s+against\b", re.I) for _ in range(50)])  # dropped at once
    later = [rx.compile(r"\b(?:attackers?)\s+against\b", re.I) for _ in range(300)]
    for p in later:
        assert [m.span() for m in scan.finditer(p, text, 0, len(text))] == [(4, 21)]


def test_phrase_continuation_pretest_lets_every_match_through() -> None:
    """phrases._may_continue is a necessary condition of _INNER_CONTINUE matching in a span."""
    from cyberstate.extract.phrases import _INNER_CONTINUE, _may_continue

    text = TEXT + " sectors, SUCH AS energy; firms (including banks), e.g., X, for Example Y, \u017fuch as Z." * 2
    hits = 0
    for a in range(0, len(text), 3):
        for b in (a + 12, a + 40, len(text)):
            if _INNER_CONTINUE.search(text, a, min(b, len(text))):
                hits += 1
                assert _may_continue(text, a, min(b, len(text))), (a, b)
    assert hits > 50


def test_frame_gaps_match_alike_without_their_leading_space() -> None:
    """frames._matching_frames matches a gap without its leading white space: every gap pattern gives the
    same answer either way, on gaps that match and gaps that do not."""
    cores = [
        "is behind",
        "was sponsored by",
        ", who works for",
        "are members of",
        "has targeted",
        "were compromised by",
        "is a front company for",
        "is allegedly linked to the group known as",
        "(aka X), a unit of",
        "in a campaign known as",
        "may be acting as an initial access broker for",
        "and, is reportedly working on behalf of",
        "has been used against",
        "",
    ]
    answers = {True: 0, False: 0}
    for predicate, pattern, _forward in frames.FRAMES:
        assert pattern.pattern.startswith(r"\s*"), predicate
        for core_ in cores:
            for lead in ("", " ", "\n ", " " * 40, "\u00a0\t "):
                for tail in ("", " ", "  the ", " the Chinese group '"):
                    gap = lead + core_ + tail
                    want = pattern.fullmatch(gap) is not None
                    assert (pattern.fullmatch(gap.lstrip()) is not None) == want, (predicate, gap)
                    answers[want] += 1
    assert answers[True] > 50 and answers[False] > 50  # both answers compared


def test_headline_answers_each_line_when_asked_in_turn() -> None:
    """`phrases.headline` keeps its last line's answer: lines and texts asked in turn each get their own."""
    from cyberstate.extract.phrases import headline

    text = "Spies Breach Harbour Offices In Three Cities\nThe agency said the spies breached the offices.\n"
    body = text.index("The agency")
    other = "Plain words of a line that is no headline at all\nHarbour Offices Closed After Breach\n"
    for _ in range(2):
        assert headline(text, 0) and headline(text, 10) and headline(text, 44)
        assert not headline(text, body) and not headline(text, body + 20)
        assert not headline(other, 5) and headline(other, other.index("Harbour") + 3)


def test_space_runs_bound_the_white_space_of_every_match() -> None:
    from cyberstate.extract.guards import space_runs

    assert space_runs(re.compile(r"\bState\s+Security\s+Bureau\b")) == 2
    assert space_runs(re.compile(r"(?:[A-Z]\w*\s+){1,3}Office")) == 3
    assert space_runs(re.compile(r"Foreign Office|Justice")) == 1  # a literal space is a run
    assert space_runs(re.compile(r"\w+")) == 0
    assert space_runs(re.compile(r"(?:[A-Z]\w*\s+)+Office")) is None  # as many as it likes
    assert space_runs(re.compile(r"[^,]+Office")) is None  # any character: white space too
    assert space_runs(re.compile(r"[\w\s]{1,4}x")) == 4  # each character may start a run


def test_anchor_scan_gives_the_matches_of_finditer() -> None:
    """The proposals and the references to a state, tried only at their first letters shortly before one of
    their words, find in every span what `finditer` finds, on a text dense with near misses (capitals, long
    words, runs of spaces, letters `re` folds)."""
    from cyberstate.extract.guards import AnchorScan

    pats = [p for p, _ in mentions.PROPOSALS] + [mentions.STATE_REFERENCE]  # the last ignores case
    scan = AnchorScan(pats)
    text = (
        TEXT + " Qingdao  Municipal   Public Security Bureau and the Zhejiang Provincial State Security Department;"
        " Beijing Extraordinarily-Long-Named Science and Technology Development Co., Ltd. (Shanghai Ltd.),"
        " Cyber Security and Intelligence Service,\n\nNational  Office of the Prime Minister and Cabinet, the"
        " Department of Foreign Affairs and Trade, Operation Aurora Panda, Storm-0558, FIN7, APT 41, Unit 61398,"
        " Hubei State Security Department's Hainan Office; NSA's Tailored Access Operations Agency.\n"
        "THE CHINESE   GOVERNMENT and the north korean\nregime, Iran’s central ſtate, the the PRC Leadership.\n"
    ) * 2
    scan.finditer(pats[0], text, 0, len(text))
    assert len(scan.known) == len(pats)
    found = 0
    for p in pats:
        found += len(list(p.finditer(text)))
        for s in range(0, len(text), 31):
            for e in (s + 60, s + 200, len(text)):
                e = min(e, len(text))
                want = [(m.span(), m.groups()) for m in p.finditer(text, s, e)]
                assert [(m.span(), m.groups()) for m in scan.finditer(p, text, s, e)] == want, (p.pattern, s, e)
    assert found > 20
    assert not list(scan.finditer(pats[1], "no bureau here", 0, 14))


def test_joint_scan_gives_each_member_its_own_places() -> None:
    """Word scans that share one pass over a text (`JointScan`) find in every span what each finds alone and
    what `finditer` finds, whichever member reads a text first and when texts alternate."""
    from cyberstate.extract.guards import JointScan, LeadScan, WordScan

    heads = re.compile(r"\b(?:group|groups|actor|actors|hackers?)\b", re.I)
    pats = [c.pattern for c in language.CUES]
    words = ["group", "groups", "actor", "actors", "hacker", "hackers"]
    joint = JointScan()
    alone = (LeadScan(pats), WordScan(heads, words))
    shared = (LeadScan(pats, joint), WordScan(heads, words, joint))
    texts = [
        TEXT + " The group, a Chinese actor, targeted X; hackers were directed by Y and worked on behalf of Z.",
        "Attacks on the Ministry by the GROUP; \u212aNOWN AS Y, \u017fanctioned by Z, carried out by ACTORS.",
    ]
    found = 0
    for text in texts + texts[::-1]:
        for s in range(0, len(text), 17):
            for e in (s + 50, len(text)):
                e = min(e, len(text))
                want = [m.span() for m in heads.finditer(text, s, e)]
                assert [m.span() for m in shared[1].within(text, s, e)] == want
                assert [m.span() for m in alone[1].within(text, s, e)] == want
                found += len(want)
                for p in pats:
                    want = [m.span() for m in p.finditer(text, s, e)]
                    assert [m.span() for m in shared[0].finditer(p, text, s, e)] == want, (p.pattern, s, e)
                    assert [m.span() for m in alone[0].finditer(p, text, s, e)] == want
                    found += len(want)
    assert found > 50


def test_char_scan_gives_the_matches_of_finditer() -> None:
    """A pattern tried only where one of its first characters stands (the citations, the markup) finds what
    `finditer` finds; a pattern whose first characters are classes is run as it is."""
    from cyberstate.extract.guards import CharScan, first_chars

    assert first_chars(core._CITATION) == "(["
    assert first_chars(core._MARKUP) == "(<[]"
    assert first_chars(re.compile(r"\w+\(")) is None
    assert first_chars(re.compile(r"(?i)\(x")) is None
    text = (
        TEXT + " (Cary 2021; Lee 2019a) ([Kremlin 2017](#)) [a](#b) <sup>1</sup> <b>bold</b> [[x]](y) (2020) "
        "[Leviathan](https://x.y) ]( (( [[ << ]] (Ab 1999) .(Citation: Lee Report May 2020)(Citation: x)"
    ) * 2
    for p in (core._CITATION, core._MARKUP, re.compile(r"\w+\(")):
        assert [(m.span(), m.groups()) for m in CharScan(p).finditer(text)] == [
            (m.span(), m.groups()) for m in p.finditer(text)
        ]
    assert core.blank_markup(text) == core._MARKUP.sub(lambda m: " " * len(m.group()), text)
    assert core.blank_markup("no markup") == "no markup"


def test_last_stop_gives_the_last_stop_of_a_scan_from_the_reach_start() -> None:
    """`relations._last_stop` reads the text back line by line: the stop it gives is the last of those a scan
    of the whole reach finds, on texts with blank and indented lines, brackets after a stop and line breaks
    inside a run of white space, at every place and bound."""
    text = (
        TEXT + "\n\nIt said so.(Smith, 2020. p. 4) “Next” one.\n  Indented line. Here\n\n\n\t\u2028Odd? Yes! "
        'No\nwords.\n.\n \n(x. y\n) z. "Q." end'
    ) * 2

    def scanned(lo: int, at: int, upto: int) -> int | None:
        stops = [m.end() for m in relations._SENTENCE_STOP.finditer(text, lo, at) if m.end() < upto]
        return stops[-1] if stops else None

    found = 0
    for at in range(len(text) + 1):
        for reach in (3000, 40, 7, 0):
            lo = max(0, at - reach)
            for upto in (at + 1, at, at - 1, at - 9):
                want = scanned(lo, at, upto)
                assert relations._last_stop(text, lo, at, upto) == want, (lo, at, upto)
                found += want is not None
    assert found > 1000


def test_reach_keeps_the_people_from_the_last_sentence_start() -> None:
    """`reference.Reach` keeps the starts of the people named from its bound on, read by a binary search: what a
    filter of every start gives, window after window."""
    from cyberstate.extract.mentions import Mention

    reach = reference.Reach()
    text = "Wang Li met Zhang Wei. They spoke. Li Qiang left. Chen Bo came.\n" * 3
    step = len(text) // 3
    starts = [0, 23, 35, 51]
    names = [(0, 7), (12, 21), (35, 43), (51, 58)]
    for window in range(3):
        found = [Mention(a, b, text[a:b], [], "person") for a, b in names]
        reach.window(text, window * step, found, [])
        for s in starts:
            kept = [p for p in reach.people if p >= window * step + s]
            reach.read((s, s + 10), [])
            assert reach.people == kept


def test_rare_lines_are_the_lines_a_scan_of_the_pattern_finds() -> None:
    """`Gazetteer._rare_lines` finds each rare character by `str.find` and tries its contexts there: the lines
    it gives are those a scan of the whole text by the pattern finds (the line of each match, the scan going on
    after that line), with contexts at a line's start and end, several on a line, names whose rare character
    starts or ends them, and characters outside Latin-1."""
    g = mentions.Gazetteer(
        [
            ("Win32/Industroyer", "ind", "malware", "Win32/Industroyer", True),
            ("Operation: Dust", "dust", "campaign", "Operation: Dust", True),
            ('"Quoted" Team', "quoted", "threat_group", '"Quoted" Team', True),
            ("C++ Kit", "kit", "tool", "C++ Kit", True),
            ("Net#", "net", "tool", "Net#", True),
            ("Dash\u2011Kit", "dash", "tool", "Dash\u2011Kit", True),
            ("\u201eLow\u201c", "low", "tool", "\u201eLow\u201c", True),
        ]
    )

    def scanned(low: str) -> list[tuple[int, int]]:
        out, found = [], g._rare.search(low)
        while found:
            start = low.rfind("\n", 0, found.start()) + 1
            stop = low.find("\n", found.start())
            stop = len(low) if stop < 0 else stop
            out.append((start, stop))
            found = g._rare.search(low, stop + 1)
        return out

    parts = [
        "win32/industroyer",
        "n32/i",
        "/i",
        "a/b",
        "operation: dust",
        "x: y",
        '"quoted"',
        '"q',
        "c++ kit",
        "+ ",
        "net#",
        "#",
        "dash\u2011kit",
        "\u2011",
        "\u201elow",
        "\n",
        "\n\n",
        " ",
        "word",
    ]
    texts = [mentions.fold(TEXT)]
    for i in range(len(parts)):
        for j in range(len(parts)):
            texts.append(parts[i] + parts[j] + "\n" + parts[j] + " " + parts[i])
            texts.append("\n".join(parts[i:] + parts[:j]))
    found = 0
    for low in texts:
        want = scanned(low)
        assert g._rare_lines(low) == want, low
        found += len(want)
    assert found > 500


def test_spans_may_hold_says_false_only_where_no_mention_holds_the_span() -> None:
    """`Spans.may_hold` (a binary search over the furthest end so far) is False only where no mention holds the
    whole span, so the callers that check a True by `overlapping` keep what `overlapping` alone kept: spans
    nested, side by side, sharing a start or an end, empty, and mentions out of order."""
    ms = [
        mentions.Mention(a, b, "x" * (b - a))
        for a, b in [(40, 45), (0, 30), (5, 10), (12, 30), (30, 31), (50, 50), (60, 90), (61, 70), (75, 80)]
    ]
    index = mentions.Spans(ms)
    for a in range(-2, 95):
        for b in range(a, 96):
            assert index.may_hold(a, b) == any(m.start <= a and b <= m.end for m in ms), (a, b)
            if any(m.start <= a and b <= m.end for m in index.overlapping(a, b)):
                assert index.may_hold(a, b), (a, b)  # what `overlapping` finds, `may_hold` lets through


def test_two_sorts_order_names_as_one_sort_by_start_and_length() -> None:
    """`_longest_first` and `leftmost_longest` sort by end from the last, then by start: the order one sort by
    (start, -length) gives, equal spans (a name of two automata, two mentions of one span) left in their order."""
    import random

    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randrange(0, 6)) for a in (rng.randrange(0, 12) for _ in range(rng.randrange(0, 25)))]
        found = [(a, b, f"s{i}", []) for i, (a, b) in enumerate(spans)]
        want = sorted(found, key=lambda m: (m[0], m[0] - m[1]))
        mentions._longest_first(found)
        assert found == want
        ms = [mentions.Mention(a, b, f"s{i}") for i, (a, b) in enumerate(spans)]
        last, kept = -1, []
        for m in sorted(ms, key=lambda m: (m.start, -(m.end - m.start))):  # the one sort, then the same pass
            if m.start >= last:
                kept.append(m)
                last = m.end
            elif kept and m.end > kept[-1].end and m.start <= kept[-1].start:
                kept[-1] = m
                last = m.end
        assert mentions.leftmost_longest(list(ms)) == kept


def test_pre_test_of_the_unit_rule_lets_every_match_through() -> None:
    """`_BRANCH_UNIT` before `_BRANCH_OF` (relations.py): the gate lets a span through for the pre-test wherever
    `_BRANCH_OF` matches in it, so the rule reads what it read. Spans over made-up sentences with the units in several
    cases, and near misses."""
    from cyberstate.extract.sieve import RULES

    text = (
        "The Tianjin branch of the Ministry of State Security hired them. Its human intelligence arm of the PLA "
        "said so. the provincial Bureau of X; THE LOCAL OFFICE OF Y. The Hubei provincial department of the MSS "
        "and its technical division of the army. The army's harm, the armed branches, an office's staff. "
    ) * 2
    hits = 0
    for a in range(0, len(text), 3):
        for b in (a + 30, a + 90, a + 200, len(text)):
            b = min(b, len(text))
            if relations._BRANCH_OF.search(text, a, b):
                hits += 1
                assert RULES.may(relations._BRANCH_UNIT, text, a, b), (a, b)
    assert hits > 100
    assert not RULES.may(relations._BRANCH_UNIT, "The group said so.", 0, 18)


def test_run_search_gives_the_search_of_the_pattern_on_runs_of_white_space() -> None:
    """guards.RunSearch skips the places inside a run of white space: for each pattern given to it, the same
    match (span and groups) as `search` from every place of texts with long runs, commas and brackets, and
    a near miss (a comma after the run, which the pattern reads only where it stands) found where it is."""
    from cyberstate.extract import phrases, victims
    from cyberstate.extract.guards import RunSearch

    pieces = [
        "sectors" + " " * 30 + ", including banks",
        "firms ,  (such as X)",
        "hackers" + " " * 12 + "\n linked",
        "X has  also\t reportedly   conducted",
        "A" + " " * 40 + "was",
        " " * 25,
        "three hackers   Linked",
        "Y ,including Z; e.g.  W for example V",
    ]
    found = 0
    for pattern in (phrases._INNER_CONTINUE, victims._AUX_BEFORE, relations._PARTICIPLE_TAIL):
        runs = RunSearch(pattern)
        for piece in pieces:
            text = "The " + piece + " . " + piece
            for a in range(len(text)):
                for b in (a, a + 9, len(text) - 1, len(text)):
                    if b > len(text):
                        continue
                    want, got = pattern.search(text, a, b), runs.search(text, a, b)
                    assert (want and (want.span(), want.groups())) == (got and (got.span(), got.groups())), (
                        pattern.pattern,
                        text,
                        a,
                        b,
                    )
                    found += want is not None and want.end() > want.start()
    assert found > 100


def test_copula_lead_reads_a_run_of_white_space_from_its_last_character() -> None:
    """The subject's lead (language.COPULA_LEAD) gives the same answer on a gap read from the last character
    of the white space it starts with (`guards.past_space_run`), for every cue's lead, on gaps that match
    ("  - is", "   , which has been") and gaps that do not."""
    from cyberstate.extract.guards import past_space_run

    leads = {id(c.lead): c.lead for c in language.CUES if c.lead is not None}
    assert leads
    cores = ["", "is", "- is", "-- who are", ", which has been", "(aka X), were", "actors are", "said to be X", "-x"]
    answers = {True: 0, False: 0}
    for lead in leads.values():
        for run in ("", " ", "  ", " " * 40, "\n \t", "\u00a0 "):
            for core_ in cores:
                for tail in ("", " ", "  now "):
                    gap = "X" + run + core_ + tail
                    want = lead.fullmatch(gap, 1) is not None
                    assert (lead.fullmatch(gap, past_space_run(gap, 1, len(gap))) is not None) == want, gap
                    answers[want] += 1
    assert answers[True] > 30 and answers[False] > 30


def test_gate_answer_for_a_span_is_what_may_answers_for_each_of_its_patterns() -> None:
    """`RULES.allowed` (read once per sentence by relations.py, frames.py and victims.py): a pattern the gate was
    given is in the answer for a span exactly where `may` lets it through, whether the gate scanned the text itself
    or took the sieve's scan and its answers for the sentences (as extraction does), for the span asked last and
    for others. A pattern never given to the gate is let through by `may` and is in no answer: each module's
    patterns read from the answer must be the gate's."""
    from cyberstate.extract import victims
    from cyberstate.extract.sieve import RULES

    text = (
        "The attack originated from China, officials said. Hackers working on behalf of the MSS, in its report, "
        "were charged (aka APT40) by prosecutors. According to FireEye, the Tianjin branch of the bureau attacked "
        "ministries. The group denied it. Nothing here. "
    ) * 3
    patterns = RULES.patterns
    assert len(patterns) > 30
    spans = [(a, min(len(text), a + n)) for a in range(0, len(text), 7) for n in (12, 50, 140)]
    for adopted in (False, True):
        text = text + " "  # a text the gate has not read: scanned anew
        if adopted:
            sieved = core.SIEVE.scan(text)
            assert RULES.adopt(text, sieved)
            for a, b in spans[::5]:
                RULES.answer(text, a, b, frozenset(sieved.within(a, b)))
        let_through = 0
        for a, b in spans:
            answer = RULES.allowed(text, a, b)
            for p in patterns:
                assert (id(p) in answer) == RULES.may(p, text, a, b), (adopted, a, b, p.pattern[:40])
            let_through += len(answer)
        assert 0 < let_through < len(spans) * len(patterns)
    other = re.compile(r"\bnever given\b")
    assert RULES.may(other, text, 0, len(text)) and id(other) not in RULES.allowed(text, 0, len(text))
    given = {id(p) for p in patterns}
    for module in (relations, frames, victims):
        assert {id(p) for p in module._READ_BY_ANSWER} <= given, module.__name__


def test_guarded_sentence_scans_match_what_their_patterns_alone_match() -> None:
    """`_INNER_PRONOUN`, `_ATTRIBUTE` and `_IN_ITS` (relations.py) are guarded by the letters their matches start
    with: on made-up sentences with matches in several cases (a capital, the Turkish dotted capital I, the Kelvin
    sign for k) and near misses (a word ending in the match's first letters, "within its"), the same matches as the
    patterns alone, with the same groups."""
    text = (
        "The FBI said in its annual report, and IN THEIR 2020 threat assessment, that after they breached X, where "
        "it Attacked Y, investigators Charged Him and linked it to Z. Mandiant attributed the intrusion to APT41; "
        "officials Traced the hack back to Beijing, blamed the breach on China, and TIED them to the MSS. Within its "
        "network, within their report, \u0130n its report, plaintiffs' Tracing, Blamed; \u212anown fixes; "
        "Within it stole data; Until they hit Z; ONCE IT USED W. Attributing blame, pinned it on X. "
    )
    for p in (relations._INNER_PRONOUN, relations._ATTRIBUTE, relations._IN_ITS):
        assert p.pattern.startswith("(?=["), p.pattern[:40]
        plain = _plain(p)
        got = [(m.span(), m.groups()) for m in p.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], plain.pattern[:40]
        assert len(got) >= 2, plain.pattern[:40]
        for i in range(len(text)):
            a, b = plain.search(text, i, i + 90), p.search(text, i, i + 90)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (i, plain.pattern[:40])


def test_scans_read_from_their_first_character_match_the_patterns_written_with_b() -> None:
    """The scans of whole texts that start with their first character (`word_start`, sentences.py's `_END`) give
    the matches, groups and spans of the same patterns written with `\\b` (or a repeat) in front, which `re` tries
    at every position: on made-up texts with names, titles, posts, stops and line breaks, words that run into the
    capital or the title ("XSecretary", "ungovernment"), "of" and "for" before a name, letters outside ASCII and
    the text's two ends, from every start."""
    text = (
        "Secretary Ivan John Uy said. XSecretary Li Wei, said; of Wu Shurong, chief of staff at X. Jane Roe - "
        "senior risk adviser at Acme, and Li Wei-ming. The Government and government ungovernment Government-run; "
        "\u0130stanbul Li Wei \u00e9Li Wei _Li Wei 1Li Wei. Spokeswoman Mao Ning. Under-secretary Jane A. Roe, of "
        'the office.The university research.The end!!" \u201d) Next?\u3002\uff01 x\n\n  y U.S.Army e.g. here. '
        "Minister Wang Yi, Director Chris Wray said, Officer Wendi Whitmore, for Li Wei - chief of it. Mary Major, a "
        "senior director at Y.\n"
    )
    offices = "(?:" + "|".join(word_start(t[0]) + t[1:] for t in people._OFFICES) + ")"
    posted = "(" + word_start("[A-Z]", r"(?<!\bof\s)(?<!\bfor\s)")
    plain = {
        people._NAME: r"\b([A-Z][a-z]{1,9})\s([A-Z][a-z]{1,12})(?:-([a-z]{1,6}))?\b(?!\s+[A-Z][a-z])",
        people._WORD: r"\b[A-Z][a-z]{1,12}\b",
        people._POSTED: people._POSTED.pattern.replace(posted, r"(?<!\bof\s)(?<!\bfor\s)\b([A-Z]", 1),
        people._TITLED: people._TITLED.pattern.replace(offices, r"\b(?:" + "|".join(people._OFFICES) + ")", 1),
        sentences._END: r"[.!?\u3002\uff01\uff1f]+[\"'\u201d\u2019)\]]*(?=\s+|$)|\.(?<=[a-z][a-z]\.)(?=[A-Z][a-z])"
        r"|\n\s*",
        mentions._GOVERNMENT_WORD: r"\b[Gg]overnment\b",
    }
    assert word_start("[A-Z]", "(?<!x)") == r"[A-Z](?<=(?<!x)\b[A-Z])"
    for p, written in plain.items():
        assert not p.pattern.startswith(("\\b", "(?=", "(?!", "(?<")), p.pattern[:40]  # no test in front
        q = re.compile(written, p.flags)
        assert q.pattern != p.pattern
        assert len(list(q.finditer(text))) >= 2, written[:40]
        for i in range(len(text) + 1):
            got = [(m.span(), m.groups()) for m in p.finditer(text, i)]
            assert got == [(m.span(), m.groups()) for m in q.finditer(text, i)], (i, written[:40])


def test_searches_anchored_at_the_end_read_from_the_end_find_what_the_patterns_find() -> None:
    """`relations._ends_in_or` holds for every span where `_OR_ABBREVIATION` matches, and `_and_auxiliary` answers
    as `_AND_AUXILIARY` searched over the span (or over a copy of it), on texts with "or" and "and" after names,
    commas and semicolons before and after them, white space of several kinds (a no-break space, an em space, a
    line break at the end) and near misses ("for", "OR", "or," "andwas", "Oregon")."""
    texts = [
        "the Ministry of State Security, or MSS, and APT41 BARIUM Winnti, or  Wicked Panda\u00a0or\u2003X",
        "Hainan Xiandun Technology Company or\nHX; the Foreign Ministry for MSS, OR APT40 or, Oregon or",
        "X has code overlap with Y, and has been linked to Z; and was seen, and were charged and had and is",
        "A and was, B ,and  were C; and had\n and is\u00a0and\u2003were andwas Dand had ; and have\n",
    ]
    found = [0, 0]
    for text in texts:
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                if relations._OR_ABBREVIATION.search(text, a, b):
                    found[0] += 1
                    assert relations._ends_in_or(text, a, b), (text, a, b)
                want = relations._AND_AUXILIARY.search(text, a, b) is not None
                assert relations._and_auxiliary(text, a, b) == want, (text, a, b)
                assert (relations._AND_AUXILIARY.search(text[a:b]) is not None) == want, (text, a, b)
                found[1] += want
    assert min(found) > 100, found


def test_alternations_regrouped_by_first_character_match_what_re_compiles() -> None:
    """`rx.compile` (the extractor's `re.compile`) joins consecutive branches that start with the same literal:
    every pattern of the extractor's modules gives, from several starts of texts that hold the words of its rules
    in several cases, the matches and groups of the pattern as `re` compiles it, and keeps its text and flags."""
    import re as stdlib_re
    import re._compiler as sre_compiler
    import re._parser as sre_parse

    from cyberstate.extract import rx

    texts = [
        TEXT,
        "Hackers acting on behalf of the MSS, who were charged and indicted, conducted attacks against the Hainan "
        "State Security Department; they targeted it and them. The group's operators, THE GROUP and The Group, "
        "worked for APT41 (aka BARIUM) since 2019, according to officials who said it was linked to Beijing.",
        "ACTING ACTED ACTS ACT acting acted acts act \u017fuch \u0131t K \u212a, "
        "or the Ministry of State Security, or MSS",
    ]
    regrouped = 0
    for p in _patterns():
        q = stdlib_re.compile(p.pattern, p.flags)
        assert (p.pattern, p.flags, p.groups, p.groupindex) == (q.pattern, q.flags, q.groups, q.groupindex)
        tree = sre_parse.parse(p.pattern, p.flags)
        regrouped += sre_compiler._code(rx._regrouped(tree), p.flags) != sre_compiler._code(tree, p.flags)
        for text in texts:
            for i in (0, 7, len(text) // 2):
                got = [(m.span(), m.groups()) for m in p.finditer(text, i)]
                assert got == [(m.span(), m.groups()) for m in q.finditer(text, i)], (p.pattern[:60], i)
    assert regrouped > 20, regrouped


def test_patterns_led_by_their_first_characters_match_what_re_compiles() -> None:
    """`rx.compile` makes a pattern that `re` would try at every place (`\\b` first, a look-around, a letter under
    `re.IGNORECASE`) start with the class of its first characters, read case-sensitively, and its own tests of
    that character read behind it: for every pattern of every extractor module, the matches and groups of
    `finditer` from every start, of `search` with an end, and of `match` and `fullmatch` at every place of texts
    with the rules' words in several cases, line breaks, a long s, dotted and dotless i and a Kelvin sign, are
    those of the pattern as `re` compiles it; and no character but those `rx` adds reads as an ASCII letter under
    `re.IGNORECASE`."""
    import importlib
    import pkgutil
    import re as stdlib_re
    import re._parser as sre_parse

    import cyberstate.extract as package
    from cyberstate.extract import rx

    for c in range(0x80, 0x110000):
        ch = chr(c)
        if stdlib_re.fullmatch("[a-z]", ch, stdlib_re.I):
            letter = next(x for x in "abcdefghijklmnopqrstuvwxyz" if stdlib_re.fullmatch(x, ch, stdlib_re.I))
            assert ch in rx._FOLDED_TO_ASCII.get(letter, ""), hex(c)
    modules = [importlib.import_module(f"cyberstate.extract.{m.name}") for m in pkgutil.iter_modules(package.__path__)]
    found: dict[int, re.Pattern[str]] = {}
    for module in modules:
        for value in vars(module).values():
            items = value if isinstance(value, list | tuple | dict) else [value]
            for item in items.values() if isinstance(items, dict) else items:
                inner = item if isinstance(item, tuple | re.Pattern) else getattr(item, "pattern", item)
                for x in inner if isinstance(inner, tuple) else [inner]:
                    if isinstance(x, re.Pattern) and isinstance(x.pattern, str):
                        found[id(x)] = x
    texts = [
        TEXT,
        "Hackers acting on behalf of the MSS, who were charged and indicted, conducted attacks against the Hainan "
        "State Security Department; they targeted it and them. The group's operators, THE GROUP and The Group, "
        "worked for APT41 (aka BARIUM) while China-linked, pro-China and anti-China actors were tied to it.",
        "ACTING ACTED ACTS ACT acting acted acts act \u017fuch \u0131t \u0130T K \u212a,\nor the Ministry of State "
        "Security, or MSS;\nbut however THE Chinese-sponsored Russia's hackers-for-hire, to target to hack.",
    ]
    led = 0
    for p in found.values():
        q = stdlib_re.compile(p.pattern, p.flags)
        tree = rx._regrouped(sre_parse.parse(p.pattern, p.flags))
        if rx._charset_led(tree, p.flags) is tree:
            continue
        led += 1
        for text in texts:
            n = len(text)
            for i in range(n + 1):
                want = [(m.span(), m.groups()) for m in q.finditer(text, i)]
                assert [(m.span(), m.groups()) for m in p.finditer(text, i)] == want, (p.pattern[:60], i)
                for a, b in (
                    (p.match(text, i), q.match(text, i)),
                    (p.fullmatch(text, 0, i), q.fullmatch(text, 0, i)),
                    (p.search(text, 0, i), q.search(text, 0, i)),
                ):
                    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (p.pattern[:60], i)
    assert led > 100, led
