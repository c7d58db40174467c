"""Reading a publication date from what a source says about itself.

Why: `published` becomes `dcterms:issued`, which the graph may only state
where the source states it. So a date is taken only from an explicit
year-month-day value, as written in the source's own offset; never guessed from
a partial value, and never filled in from today's date (as general-purpose date
parsers do for missing parts).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
_PARTIAL = re.compile(r"\s*(\d{4})(?:-(\d{2}))?(?![\d-])")
PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}  # of the ISO form of each precision


def iso_date(value: object) -> date | None:
    """The calendar date an ISO 8601 date or date-time string starts with, else None.

    Why: metadata gives "2024-03-14", "2024-03-14T23:30:00+01:00" or
    "2024-03-14 10:00"; the date the publisher wrote is the first ten
    characters, whatever the time and offset after it.
    """
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def partial_date(value: object) -> tuple[date, str] | None:
    """A date stated as "YYYY-MM-DD", "YYYY-MM" or "YYYY", with its precision ("day", "month",
    "year"); a month or year stands as its first day. Why: a source that states only the
    month ("date 2017-04") states that month, not a day of it: dcterms:issued is then a
    gYearMonth, and no day is made up."""
    whole = iso_date(value)
    if whole is not None:
        return whole, "day"
    match = _PARTIAL.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None or not 1000 <= int(match.group(1)):
        return None
    month = int(match.group(2) or 1)
    if not 1 <= month <= 12:
        return None
    return date(int(match.group(1)), month, 1), "month" if match.group(2) else "year"


def iso_text(value: date, precision: str = "day") -> str:
    """The ISO form of a date at its precision: "2017-04-01" as a month is "2017-04"."""
    return value.isoformat()[:PRECISION_LENGTH[precision]]


def local_date(timestamp: int, zone: str) -> date | None:
    """The calendar date of a Unix timestamp in the publisher's time zone.

    Why: page data stores "published" as seconds since the epoch; the date a
    reader in The Hague saw on the page is the local one, which differs from
    the UTC date for releases published late in the evening.
    """
    try:
        return datetime.fromtimestamp(timestamp, ZoneInfo(zone)).date()
    except (ZoneInfoNotFoundError, OverflowError, OSError, ValueError):
        return None
