"""Partial ISO dates. Sources often give only a year or a month, so a date is kept at the precision
the source gives ("2024", "2024-03", "2024-03-25") and compared on its earliest possible day."""

from __future__ import annotations

import datetime as dt
import re

from cyberstate.errors import InvalidRecord

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(value: object) -> str | None:
    """Normalise a date given as str, int year, or datetime.date into 'YYYY[-MM[-DD]]'."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise InvalidRecord(f"not a date: {value!r}")
    m = _DATE.match(value.strip())
    if not m:
        raise InvalidRecord(f"not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    y, mo, d = m.groups()
    try:
        dt.date(int(y), int(mo or 1), int(d or 1))
    except ValueError as e:
        raise InvalidRecord(f"not a date: {value!r} ({e})") from None
    return value.strip()


def earliest(value: str) -> dt.date:
    """The first day a partial date can mean: '2024' -> 2024-01-01."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def latest(value: str) -> dt.date:
    """The last day a partial date can mean: '2024' -> 2024-12-31, '2024-02' -> 2024-02-29."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def cutoff(value: str) -> dt.date:
    """The last day an as-of date or a diff bound covers: the date's last possible day, so "as of 2020"
    is what had been published by the end of 2020 ("2020-03": by 31 March), and `diff --from 2019 --to
    2020` is what was first published in 2020. A claim's own date is compared by its earliest day: a
    claim dated "2020" is known as of 2020-06 (it may have been published by then; its date says no
    more)."""
    return latest(value)


def may_be_same(a: str, b: str) -> bool:
    """Whether two partial dates may name the same day: they are equal, or one is the other at a coarser
    precision ("2016" and "2016-11-07", "2014" and "2014-02"): sources that give only the year of a
    date another gives to the day do not disagree."""
    pa, pb = a.split("-"), b.split("-")
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]
