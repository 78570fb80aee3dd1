"""Sentence spans over plain text, with care for the abbreviations reports are full of
("U.S.", "Co., Ltd.", "e.g.", "No. 2", initials), so a company name does not end a sentence."""

from __future__ import annotations

from cyberstate.extract import rx as re

ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "etc",
    "co",
    "ltd",
    "inc",
    "corp",
    "no",
    "nos",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gen",
    "col",
    "lt",
    "sgt",
    "gov",
    "dept",
    "fig",
    "al",
    "approx",
    "jr",
    "sr",
    "p.r.c",
    "a.k.a",
    "aka",
}
#: A stop ends a sentence before a space, the text's end or a line break; or, with no space after it, between a
#: lower-case word and a capitalised one ("research.The university"), where a text lost the space (a name so
#: written starts with a capital, "Temp.Jumper", and "U.S.Army" has no lower-case word before its stop).
#: Each branch reads its first character (a stop or a line break) in the class the pattern starts with, then
#: checks behind it which one it was, so `re` skips through the text to those characters (speed only: the same
#: matches as `[.!?。！？]+[\"'”’)\]]*(?=\s+|$)|\.(?<=[a-z][a-z]\.)(?=[A-Z][a-z])|\n\s*`, whose branches start with a
#: repeat and a lookbehind, which `re` tries at every position).
_END = re.compile(
    r"[.!?。！？\n](?:(?<=[.!?。！？])[.!?。！？]*[\"'”’)\]]*(?=\s+|$)|(?<=\.)(?<=[a-z][a-z]\.)(?=[A-Z][a-z])|(?<=\n)\s*)"
)


def hard_wrapped(text: str) -> bool:
    """Whether the text wraps its paragraphs at a fixed width (Markdown, e-mail), so that a single line
    break is a space; otherwise (one paragraph per line, as in extracted web text) it ends a block."""
    lines = [len(x) for x in text.splitlines() if x.strip()]
    if len(lines) < 4:
        return False
    lines.sort()
    return lines[len(lines) // 2] < 110 and lines[int(len(lines) * 0.9)] < 130


def sentences(text: str, wrapped: bool | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence, stripped of surrounding whitespace (`wrapped`: whether the document
    this text belongs to is hard-wrapped, when the text is a window of it)."""
    spans: list[tuple[int, int]] = []
    wrapped = hard_wrapped(text) if wrapped is None else wrapped
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group().startswith("\n"):
            blank = m.group().count("\n") > 1
            if blank and text[end : end + 1] in "*#->•_":
                pass  # a blank line before markup (a heading, a list, an emphasised line) ends a block
            elif (wrapped and not blank) or not _line_break_ends(text, start, m.start(), end):
                continue  # a wrapped line, or a page break inside a sentence ("Summit\n\non Cybersecurity")
        else:
            word = _last_word(text, start, m.start())
            if word and (word.lower().rstrip(".") in ABBREVIATIONS or len(word) == 1) and not _opens(text, end, word):
                continue  # "U.S." / "Co." / an initial: not a sentence end
            if end == m.start() + 1 and text[end : end + 1].isalpha() and not (word and word.islower()):
                continue  # "Temp.Jumper": a stop with no space after it ends a sentence only after a lower-case word
            nxt = text[end : end + 3].lstrip()
            if nxt and nxt[0].islower():
                continue  # "e.g. the" / a lower-case continuation
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


#: Words that start a sentence and never go on a name or a phrase an abbreviation ends ("Co., Ltd. The company
#: ...", "in the U.S. They deploy ...", "et al. It"): after such a stop they start the next sentence, where
#: the abbreviation would otherwise have joined two sentences into one whose names the rules relate.
_OPENER = re.compile(r"\s+(?:The|This|These|Those|Its|Their|His|Her|Our|They|It|He|She|We|However|According)\b")
#: Abbreviations that a capitalised word goes on after within the sentence ("e.g. The Hague", "v. The People"),
#: and titles, which stand before a name.
_BEFORE_NAME = frozenset(
    {"e.g", "i.e", "v", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "gov"}
)


def _opens(text: str, end: int, word: str) -> bool:
    """Whether the stop of `word` (an abbreviation or an initial) ends its sentence after all: a word that
    opens sentences follows it."""
    return word.lower().rstrip(".") not in _BEFORE_NAME and _OPENER.match(text, end) is not None


_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _last_word(text: str, start: int, at: int) -> str | None:
    """The word before a full stop at `at` (what `re.search(r"([A-Za-z][A-Za-z.]*)$", text[start:at])`
    gives), read backwards from `at`: searching the slice from the sentence's start made a text of many
    initials ("A. B. C. ...", where no full stop ends a sentence) take time quadratic in its length."""
    end = at
    if end > start and text[end - 1] == "\n":
        end -= 1  # `$` matches before one last line break
    p = end
    while p > start and text[p - 1] in _WORD:
        p -= 1
    while p < end and text[p] == ".":
        p += 1  # the word starts with a letter
    return text[p:end] if p < end else None


def _line_break_ends(text: str, start: int, at: int, end: int) -> bool:
    """A line break ends a sentence before a capital after a short line (a heading) or after
    punctuation; before a lower-case word it is a wrap ("World Summit\n\non Cybersecurity")."""
    nxt = text[end : end + 1]
    if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(["):
        return False
    line_start = text.rfind("\n", 0, at) + 1
    line = text[max(start, line_start) : at].rstrip()
    return not line or line[-1] in ".!?:;\"'”’)]。" or len(line) < 120


#: A "sentence" longer than this (a list of thousands of names, a table flattened to one line) is read in
#: pieces of at most this many characters, cut at a space: the rules compare the names of a sentence in
#: pairs, so one unbounded sentence would make the time of a text grow with the square of its length.
#: Prose sentences are far shorter (the longest in the evaluation, gold and seed texts: 2,379 characters).
MAX_SENTENCE = 5000


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    s, e = start + lead, end - trail
    while e - s > MAX_SENTENCE:
        cut = max(text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE), text.rfind("\n", s + 1, s + MAX_SENTENCE))
        cut = cut if cut > s else s + MAX_SENTENCE
        _add(text, s, cut, spans)
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        spans.append((s, e))
