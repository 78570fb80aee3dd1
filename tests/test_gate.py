"""The sieve's gate (extract/sieve.py, `Gate`) skips a rule's scan only where its pattern cannot match."""

from __future__ import annotations

import re

from cyberstate.extract import frames, relations
from cyberstate.extract.sieve import Gate

TEXT = (
    "The Ministry of State Security (MSS, aka the Guoanbu) is subordinate to the State Council; according to "
    "the FBI, APT40 (also known as Kryptonite Panda) attributed the breach to Chinese state-sponsored hackers "
    "based in Hainan. The link between the MSS and APT40 is clear. The FBI disrupted the firm by indicting "
    "three officials. A China-linked group, a PRC state\u2011backed actor operating from China, and \u212aELVIN. "
    "Nothing here. Iranian hackers were ATTRIBUTED to Tehran; the \u0130ranian state-backed group from Iran. "
    "The Electoral Commission was compromised by APT31; they worked through their firm Boyusec. The CERT said "
    "in ITS report, \u0130N THEIR alert and in\u00a0its review, within its network. X hacked agencies OVERSEEING "
    "trade On Behalf Of the MSS, THOUGH effects were seen in Y, WHILE others; but Whereas, However it acted."
)


def _gated() -> list[tuple[Gate, re.Pattern[str]]]:
    return [(g, p) for g in (relations._GATE, frames._GATE) for p in g.sieve.patterns]


def test_gate_gives_the_matches_of_each_span() -> None:
    text = TEXT * 2
    found = 0
    for gate, p in _gated():
        found += len(list(p.finditer(text)))
        for s in range(0, len(text), 11):
            for e in (s + 30, s + 120, s + 400, len(text)):
                e = min(e, len(text))
                want = [(m.span(), m.groups()) for m in p.finditer(text, s, e)]
                assert [(m.span(), m.groups()) for m in gate.finditer(p, text, s, e)] == want, (p.pattern, s, e)
                got, first = gate.search(p, text, s, e), p.search(text, s, e)
                assert (got and got.span()) == (first and first.span()), (p.pattern, s, e)
    assert found > 10  # the spans hold matches to compare


def test_gate_skips_only_where_no_word_stands() -> None:
    between = re.compile(r"\blinks?\s+between\b", re.I)
    other = re.compile(r"\bto\b")
    gate = Gate([between])
    text = "Nothing here. The LINK BETWEEN them. Nothing."
    assert not gate.may(between, text, 0, 13)  # no "between": the scan is skipped
    assert gate.may(between, text, 14, 36)
    assert list(gate.finditer(between, text, 0, 13)) == []
    assert gate.search(between, text, 14, 36).group() == "LINK BETWEEN"  # type: ignore[union-attr]
    assert gate.may(other, text, 0, 13)  # a pattern the gate was not given is always let through
    text2 = "the link between"  # a new text is scanned anew
    assert gate.may(between, text2, 0, len(text2))


def test_gate_lets_through_every_span_a_pattern_ends_in() -> None:
    """Patterns anchored at the end of their span ("was compromised by $", "their firm $") are searched in
    spans that end where a name starts: every end of the text, from the start and from 60 before it."""
    text = TEXT + " Its subordinate units: the MSS. The FBI said subordinate agencies of the MSS were hacked by "
    matched = 0
    for gate, p in _gated():
        for e in range(len(text) + 1):
            for s in (0, max(0, e - 60)):
                got, first = gate.search(p, text, s, e), p.search(text, s, e)
                assert (got and got.span()) == (first and first.span()), (p.pattern, s, e)
                matched += first is not None
    assert matched > 100


def test_one_gate_for_patterns_added_in_turn() -> None:
    """Patterns added to a gate after it has answered are gated too, and each keeps its own answers: one
    gate serves the rule modules, each adding its patterns."""
    linked = re.compile(r"\blinked\s+to\b", re.I)
    behalf = re.compile(r"\bon\s+behalf\s+of\b", re.I)
    gate = Gate([linked])
    text = "The crew is linked to the bureau. It acts on behalf of the ministry."
    assert gate.may(linked, text, 0, 33) and not gate.may(linked, text, 34, len(text))
    gate.add([behalf, linked])  # a pattern given twice is kept once
    assert [p.pattern for p in gate.sieve.patterns] == [linked.pattern, behalf.pattern]
    assert not gate.may(behalf, text, 0, 33) and gate.may(behalf, text, 34, len(text))
    assert gate.may(linked, text, 0, 33) and not gate.may(linked, text, 34, len(text))


def test_gate_answers_a_span_again_after_another_text() -> None:
    """The answers kept for a span belong to the text they were read from."""
    between = re.compile(r"\blinks?\s+between\b", re.I)
    gate = Gate([between])
    first, second = "The link between them is here.", "No such word stands in this one."
    assert gate.may(between, first, 0, len(first))
    assert gate.may(between, first, 0, len(first))  # asked again: the kept answer
    assert not gate.may(between, second, 0, len(first))  # the same span of another text: read anew
    assert gate.may(between, first, 0, len(first))


def test_rule_modules_share_one_gate() -> None:
    from cyberstate.extract import sieve, victims

    assert frames._GATE is relations._GATE is victims._GATE is sieve.RULES
    ids = {id(p) for p in sieve.RULES.sieve.patterns}
    assert {id(frames._THEIR_FIRM), id(relations._ATTRIBUTE), id(victims._DEED_ON)} <= ids


def test_sieve_hits_are_the_words_wholly_inside_each_span() -> None:
    """The sieve's answer for a span, read from the hits in the order the automaton reports them (by their
    last character), is the set of patterns one of whose words stands wholly inside the span, however the
    words overlap ("state" in "states", "at" in "stated") or run past the span's ends."""
    from cyberstate.extract.sieve import Sieve, low, required_words

    pats = [
        re.compile(r"\bunited\s+states\b", re.I),
        re.compile(r"\bstates?\b", re.I),
        re.compile(r"\b(?:at|stat)\b", re.I),
        re.compile(r"\d+"),
    ]
    sieve = Sieve(pats)
    words = {id(p): required_words(p) or frozenset() for p in pats}
    text = "The United States stated that the states at state level, UNITED STATES; state-sponsored at 20."
    hits = sieve.scan(text)
    folded = low(text, keep=False)
    for s in range(len(text)):
        for e in range(s, len(text) + 1):
            want = set(sieve.always) | {key for key, ws in words.items() if any(w in folded[s:e] for w in ws)}
            assert hits.within(s, e) == want, (s, e)


def test_gate_reads_another_sieves_scan_as_its_own() -> None:
    """A gate that takes its places from the scan of a sieve holding its patterns and more (`adopt`, as the
    extraction's core sieve serves `RULES`) answers every span as its own scan does; given a sentence's
    answer from that scan (`answer`), it keeps it; a sieve lacking one of its patterns is refused."""
    from cyberstate.extract import core, sieve

    text = TEXT * 2
    own = Gate(sieve.RULES.patterns)
    shared = Gate(sieve.RULES.patterns)
    hits = core.SIEVE.scan(text)
    assert shared.adopt(text, hits)
    for s in range(0, len(text), 13):
        for e in (s + 40, s + 160, len(text)):
            e = min(e, len(text))
            if s % 5 == 0:
                shared.answer(text, s, e, frozenset(hits.within(s, e)))
            for p in own.patterns:
                assert shared.may(p, text, s, e) == own.may(p, text, s, e), (p.pattern, s, e)
    other = "The link between them."
    assert shared.may(own.patterns[0], other, 0, 5) == own.may(own.patterns[0], other, 0, 5)  # reads `other`
    shared.answer(text, 0, len(other), frozenset())  # the gate reads `other` now: nothing kept for `text`
    for p in own.patterns:
        assert shared.may(p, other, 0, len(other)) == own.may(p, other, 0, len(other)), p.pattern
    narrow = Gate([re.compile(r"\blinks?\s+between\b", re.I)])
    assert not narrow.adopt(text, sieve.Sieve([re.compile(r"\bbehalf\b", re.I)]).scan(text))
