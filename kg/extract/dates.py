"""Publication dates: from the source's own metadata, else a date the text states as its own.

Why: "when was this announced" must never be invented. A date counts only when
the document states it as its own: metadata a reader recovered (a JSON
timestamp, an HTML meta date, a leading `date` line), a line near the top that
is only a date (or a date and a separator: "4 November 2024 // Issue 3"), a
dateline ("The Hague, 8 March 2024", "LONDON,
ON, Sept. 20, 2022 /CNW/"), or a date after a publication label near the top
("Publié le 19 octobre 2022", "Datum: 24. September 2014", "Data publikacji
26.11.2025"), or stamped with its clock time on a short line near the top ("The Canadian
Press, 18 Oct, 2016 01:08 PM"), which outranks a bare date line. A date inside a sentence is
an event's date, not the release's, and is ignored; so are the dates of a page that lists
several dated items (a newsroom index). Month and weekday names, and the labels, are per language (data/calendar.tsv).
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache
from itertools import islice

from kg.extract.lists import DATA_DIR
from kg.records import DateMention, Document, Span
from kg.tsv import read_tsv


@cache
def _calendar() -> dict[str, dict[str, int]]:
    """Month and weekday names (by number) and publication labels, of every language (one
    file for all of them: a date's month name says nothing of the text's language)."""
    found: dict[str, dict[str, int]] = {"month": {}, "weekday": {}, "label": {}}
    for r in read_tsv(DATA_DIR / "calendar.tsv"):
        found[r["kind"]][r["form"].casefold()] = int(r["number"] or 0)
    return found


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


MONTH_NAMES = _calendar()["month"]
MONTH = r"(?P<month>" + _alternation(MONTH_NAMES) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|e|\.)?"
YEAR = r"(?P<year>(?:19|20)\d{2})"
OF = r"(?:\s+(?:de|del|do)\s+|\s+)"  # "7 de enero de 2026", "3 de março de 2024"
MONTH_INITIALS = "".join(sorted({name[0] for name in MONTH_NAMES} | {name[0].upper() for name in MONTH_NAMES}))
DATE_FORMS = [
    # a lookahead for the first character lets the engine skip to where a date can start
    re.compile(rf"(?=\d)\b{DAY}{OF}{MONTH},?{OF}{YEAR}\b", re.IGNORECASE),
    re.compile(rf"(?=[{MONTH_INITIALS}])\b{MONTH}\s+{DAY},?\s+{YEAR}\b", re.IGNORECASE),
    re.compile(r"(?=[12])\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"(?=\d)\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b"),
]
WEEKDAY = r"(?:(?:" + _alternation(_calendar()["weekday"]) + r")[^\W\d_]*\.?,?\s*)"
# Each run of marks and each word is taken whole (possessive, atomic): a long line of marks or
# capitals before a date then fails at once instead of trying every way to split it.
ONLY_DATE = re.compile(rf"^[\W_]*+(?:(?>{WEEKDAY})[\W_]*+)?$", re.IGNORECASE)
PLACE_BEFORE = re.compile(r"^\s*+(?>[A-Z][\w'.-]*+\s?){1,4}(?:,\s*+[A-Z]{2,3}\b)?,\s*$")
AFTER_DATELINE = re.compile(r"^\s*(?:[-\u2013\u2014:|/)]|$)")
_LABELS = r"(?:^|(?<=[\W_]))(?:" + _alternation(_calendar()["label"]) + r")"
LABEL = re.compile(_LABELS + r"[\s:.,]*$", re.IGNORECASE)  # a label that ends where a date starts
ANY_LABEL = re.compile(_LABELS, re.IGNORECASE)
TOP_LINES = 6
LABEL_REACH = 800  # characters from the top within which a labelled date is read
# A line longer than LONG_LINE is searched for a date only where one it states can start (see
# `_date_start_limit`), and DATE_REACH characters on: no date is written over a thousand blanks.
LONG_LINE = 1000
DATE_REACH = 1000
DIGIT = re.compile(r"\d")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")
CLOCK_AFTER = re.compile(r"[,\s]{1,4}\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?!\w)", re.IGNORECASE)
CLOCK_BEFORE = re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*[-\u2013|,]?\s*$", re.IGNORECASE)
STAMP_LINES = 15  # lines from the top within which a stamped date is read
STAMP_LINE = 100  # characters of a line that can hold a stamp (a byline, not a sentence)
ITEM_KIND = re.compile(r"\s*\|\s*[A-Z][A-Z ]{2,30}$")  # a listed item's kind: "12 June 2024|PRESS RELEASE"
ALNUM_RUN = re.compile(r"[^\W_]+")
CHUNK = re.compile(r"\S+")


def find_published(document: Document) -> DateMention | None:
    """The release's publication date, or None where the document states none."""
    if document.published is not None:
        return DateMention(document.published, "metadata", precision=document.published_precision)
    if _is_listing(document.text):
        return None
    top = document.text[:LABEL_REACH]
    labelled = _labelled(top) or _stamped(top)
    if labelled is not None:
        value, start, end = labelled
        return DateMention(value, "text", Span(start, end))
    offset = 0
    lines_seen = 0
    for line in document.text.split("\n"):
        if line.strip():
            lines_seen += 1
            found = _date_line(line)
            if found is not None:
                value, start, end = found
                return DateMention(value, "text", Span(offset + start, offset + end))
            if lines_seen >= TOP_LINES:
                break
        offset += len(line) + 1
    return None


def _is_listing(text: str) -> bool:
    """A page listing several dated items (a newsroom index) states no date of its own."""
    dates = set()
    for line in text.split("\n"):
        found = _date_line(line) if len(line) < 60 else None
        if found is not None and (ONLY_DATE.match(line[:found[1]] + " " + line[found[2]:])
                                  or ITEM_KIND.match(line, found[2])):
            dates.add(found[0])
    return len(dates) > 1


def _labelled(top: str) -> tuple[date, int, int] | None:
    """A date right after a publication label ("Publié le", "Datum:") near the top."""
    if not ANY_LABEL.search(top):
        return None  # most texts have none: the dates need not be looked for
    for form in DATE_FORMS:
        for m in form.finditer(top):
            if LABEL.search(top, max(0, m.start() - 40), m.start()):
                value = _to_date(m)
                if value is not None:
                    return value, m.start(), m.end()
    return None


def _stamped(top: str) -> tuple[date, int, int] | None:
    """A date stamped with its clock time on a short line near the top ("The Canadian Press,
    18 Oct, 2016 01:08 PM", "12 May 2016, 1:15pm", "Updated: 2013-01-17 22:27"): how pages
    time their own articles. It outranks a bare date line above it, which on a scraped page is
    often the site's today or a widget's ("Monday, February 9, 2026")."""
    if not CLOCK.search(top):
        return None
    offset = 0
    for line in top.split("\n")[:STAMP_LINES]:
        if len(line) <= STAMP_LINE:
            for form in DATE_FORMS:
                m = form.search(line)
                if m is not None and (CLOCK_AFTER.match(line, m.end()) or CLOCK_BEFORE.search(line, 0, m.start())):
                    value = _to_date(m)
                    if value is not None:
                        return value, offset + m.start(), offset + m.end()
        offset += len(line) + 1
    return None


def _date_line(line: str) -> tuple[date, int, int] | None:
    """The date a line states as its own (alone, or after a place), with where it stands."""
    head = line if len(line) <= LONG_LINE else line[:_date_start_limit(line) + DATE_REACH]
    if not DIGIT.search(head):
        return None  # every date form has digits; most lines of a release have none
    for form in DATE_FORMS:
        m = form.search(head)
        if m is not None and head is not line:
            whole = form.match(line, m.start())  # the date as read in the whole line
            m = whole if whole is not None and whole.end() == m.end() else form.search(line)
        if m is None:
            continue
        rest_before, rest_after = line[:m.start()], line[m.end():]
        standalone = ONLY_DATE.match(rest_before + " " + rest_after)
        dateline = PLACE_BEFORE.match(rest_before) and AFTER_DATELINE.match(rest_after)
        leading = ONLY_DATE.match(rest_before) and AFTER_DATELINE.match(rest_after)
        if not (standalone or dateline or leading):
            continue
        value = _to_date(m)
        if value is not None:
            return value, m.start(), m.end()
    return None


def _date_start_limit(line: str) -> int:
    """How far into a line a date it states as its own can start: before it stand at most one
    word (a weekday, in a date alone) or at most five chunks without a blank, the date glued
    to the last or starting the sixth (a dateline's place and comma). Why: a top line of a
    megabyte was searched three times in full for a date that could only be near its start."""
    runs = [m.start() for m in islice(ALNUM_RUN.finditer(line), 2)]
    chunks = [m.start() for m in islice(CHUNK.finditer(line), 6)]
    return max(runs[-1:] + [chunks[5] if len(chunks) == 6 else len(line)])


def _to_date(m: re.Match) -> date | None:
    month = m.group("month").casefold().rstrip(".")
    month_number = MONTH_NAMES.get(month) or (int(month) if month.isdigit() else None)
    try:
        return date(int(m.group("year")), month_number or 0, int(m.group("day")))
    except ValueError:
        return None
