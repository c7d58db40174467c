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
