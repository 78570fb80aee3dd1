"""Dates as texts write them ("25 March 2024", "March 25, 2024", "March 2024", "in 2018", "2024-03-25"),
normalised to the partial ISO form the store keeps ("2024-03-25", "2024-03", "2018")."""

from __future__ import annotations

from cyberstate.extract import rx as re
from cyberstate.extract.guards import guarded

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_M = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_Y = r"((?:19|20)\d{2})"
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_Y}-(\d{{2}})-(\d{{2}})(?!\d)"), "ymd"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_M},?\s+{_Y}\b", re.I), "dmy"),
    (re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_Y}\b", re.I), "mdy"),
    (re.compile(rf"\b{_M},?\s+{_Y}\b", re.I), "my"),
    (re.compile(rf"\b(?:in|since|from|until|by|during|of|early|late|mid-?)\s+{_Y}\b", re.I), "y"),
    (re.compile(rf"(?<![\d-]){_Y}(?![\d-])"), "y"),
]
#: Each pattern checks its first characters first (extract/guards.py: speed only, the same matches).
PATTERNS = [(guarded(p), kind) for p, kind in PATTERNS]


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not (1900 <= y <= 2100) or (m is not None and not 1 <= m <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str, possible: set[int] | frozenset[int] | None = None) -> list[tuple[int, int, str]]:
    """Every date in the text, most specific reading first where readings overlap: (start, end, iso).
    `possible`: the patterns (by `id`) that may match in the text (extract/sieve.py); the others cannot, so
    they are not run (speed only: a pattern with no match takes no place from the ones after it)."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pat, form in PATTERNS if possible is None else [x for x in PATTERNS if id(x[0]) in possible]:
        for m in pat.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            g = m.groups()
            if form == "ymd":
                iso = _fmt(int(g[0]), int(g[1]), int(g[2]))
            elif form == "dmy":
                iso = _fmt(int(g[2]), MONTHS[g[1].lower().rstrip(".")], int(g[0]))
            elif form == "mdy":
                iso = _fmt(int(g[2]), MONTHS[g[0].lower().rstrip(".")], int(g[1]))
            elif form == "my":
                iso = _fmt(int(g[1]), MONTHS[g[0].lower().rstrip(".")])
            else:
                iso = _fmt(int(g[-1]))
            if iso:
                found.append((m.start(), m.end(), iso))
                taken.append((m.start(), m.end()))
    return sorted(found)


def normalise_date(text: str) -> str | None:
    dates = find_dates(text)
    return dates[0][2] if dates else None
