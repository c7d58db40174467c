"""Event dates: the year an operation began and the days it acted.

Why: timelines ("when did this agency act, and how long did the investigation
run?") need the operation's own dates, which are not the release's date.
Only explicit statements count: "initiated in 2019" gives the start year;
"on 13 November" in a sentence about arrests, raids or an action day gives an
action date. A day written without a year takes the release's year (or the one
before, if the day would fall after the release); without a release date it is
left out rather than guessed.
"""
from __future__ import annotations

import re
from datetime import date

from kg.extract.dates import MONTH_NAMES
from kg.extract.skip_ahead import skipping
from kg.extract.text import sentence_at, sentences
from kg.records import EventDateMention, Span

MONTH = "(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
YEAR = r"(?:19|20)\d{2}"
# Each pattern begins with a class of its first letters, so the engine skips ahead to them (see
# skip_ahead; a lookahead first is tried at every position: 0.28 -> 0.19 ms per release).
START_WORDS = ("initiated", "launched", "began", "begun", "started", "opened", r"set\s+up")
START = re.compile(
    rf"{skipping(START_WORDS)}\s+(?:\w+\s+){{0,3}}?in\s+"
    rf"(?:(?:early|late|mid-?|the\s+(?:spring|summer|autumn|fall|winter)\s+of)\s*)?(?:{MONTH}\s+)?({YEAR})\b",
    re.IGNORECASE)
ACTION_DAY = re.compile(
    rf"{skipping(['on'])}\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+and\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?P<m1>{MONTH})"
    rf"|(?P<m2>{MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(?P<year>{YEAR}))?\b",
    re.IGNORECASE)
INVESTIGATION_WORDS = re.compile(r"\b(?:investigat\w*|operation\w*|probe|inquiry|case)\b", re.IGNORECASE)
ACTION_WORDS = re.compile(
    r"\b(?:arrest\w*|raid\w*|search\w*|seiz\w*|detain\w*|action\s+days?|operation\w*|took\s+place|"
    r"carried\s+out|executed|dismantl\w*|intercepted|took\s+down|taken\s+down)\b", re.IGNORECASE)


def find_event_dates(text: str, published: date | None) -> list[EventDateMention]:
    """Start years and action dates the text states, in order, each once."""
    spans = sentences(text)
    found: dict[tuple[str, date], EventDateMention] = {}
    about = _SentenceWords(text, spans)
    for m in START.finditer(text):
        if about.has(INVESTIGATION_WORDS, m.start()):
            value = date(int(m.group(1)), 1, 1)
            found.setdefault(("start", value), EventDateMention("start", value, Span(m.start(1), m.end(1))))
    for m in ACTION_DAY.finditer(text):
        if not about.has(ACTION_WORDS, m.start()):
            continue
        month = MONTH_NAMES[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        days = [d for d in (m.group("d1"), m.group("d2"), m.group("d3")) if d]
        for day in days:
            when = _dated(int(day), month, m.group("year"), published)
            if when is not None:
                found.setdefault(("action", when), EventDateMention("action", when, Span(m.start(), m.end())))
    return sorted(found.values(), key=lambda e: (e.span, e.value))


class _SentenceWords:
    """Whether the sentence holding an offset has a word of a kind, read once per sentence and kind.

    Why: a text without full stops is one long sentence, and reading all of it again for each
    date in it took time quadratic in its length."""

    def __init__(self, text: str, spans: list[Span]) -> None:
        self.text, self.spans = text, spans
        self.seen: dict[tuple[re.Pattern[str], Span], bool] = {}

    def has(self, words: re.Pattern[str], offset: int) -> bool:
        sentence = sentence_at(self.spans, offset)
        key = (words, sentence)
        if key not in self.seen:
            self.seen[key] = bool(words.search(self.text[sentence.start:sentence.end]))
        return self.seen[key]


def _dated(day: int, month: int, year: str | None, published: date | None) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        if published is None:
            return None
        value = date(published.year, month, day)
        return value if value <= published else date(published.year - 1, month, day)
    except ValueError:
        return None
