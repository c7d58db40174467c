"""The country the words around an agency's name give it.

Why: bodies of several countries share a name ("Bundeskriminalamt", "National Police"), and
a name found by its shape has no country of its own; the text says whose it is just around
it: a nationality before it ("Austrian Bundeskriminalamt"), a country after it
("Toronto Police Service/Canada"), a country its parentheses belong to ("Spain (Civil Guard
and National Police)") or the heading of a participating-authority line ("Belgium: X, Y").
Country names are indexed by where they start and end, so each look-up is O(1).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Span
from kg.reference.gazetteer import Match

ADJACENT_PREFIX = (" ", "'s ", "\u2019s ", "-", " - ")
HEADING = re.compile(r"[ \t]*+(?:[-\u2022*][ \t]*+)?([^:\n]{2,40}):[ \t]*+(?:[^:\n]*[,;][ \t]*+)?$")
AFTER_NAME = re.compile(r"^\s*(?:/|\(|,\s*)\s*")  # 'X/Canada', 'X (Canada)', 'X, Canada'
SLASH_AFTER = re.compile(r"^\s*/\s*")
LINE_WINDOW = 300  # how far back a list line's heading is looked for


class Countries:
    """The country names of a text, indexed by where they start and end (lookups in O(1))."""

    def __init__(self, matches: list[Match]) -> None:
        self.matches = matches
        self.by_start = {m.start: m for m in matches}
        self.by_end = {m.end: m for m in matches}

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)


def single(country: Match) -> str | None:
    """The one country a country name or nationality stands for (read as a country's name
    first, where it is one), or None where it stands for several."""
    codes = {e.id for e in country.entries if e.label == "country"} or {e.id for e in country.entries}
    return next(iter(codes)) if len(codes) == 1 else None


def adjacent_country(text: str, start: int, countries: Countries) -> Match | None:
    """The country name or nationality written just before `start` ('US ICE', "Canada's ...")."""
    for gap in ADJACENT_PREFIX:
        c = countries.by_end.get(start - len(gap))
        if c is not None and text[c.end:start] == gap:
            return c
    return None


def local_country(text: str, span: Span, countries: Countries) -> str | None:
    """A country the words around a name assign it to, in a list or a parenthesis."""
    after = AFTER_NAME.match(text[span.end:span.end + 4])
    if after:
        c = countries.by_start.get(span.end + after.end())
        if c is not None and single(c):
            return single(c)
    line_start = _line_start(text, span.start)
    window = line_start if line_start is not None else span.start - LINE_WINDOW
    before = text[window:span.start]
    opened = before.rfind("(")
    if opened != -1 and ")" not in before[opened:]:
        c = countries.by_end.get(window + len(before[:opened].rstrip()))
        if c is not None and c.start >= window:
            return single(c)
    heading = _heading_country(text, span.start, countries)
    return single(heading) if heading else None


def country_line(text: str, span: Span, countries: Countries) -> Match | None:
    """The country name a participating-authority list puts a name under: the heading of its
    line ('Belgium: X, Y') or the country after a slash ('X/Canada')."""
    heading = _heading_country(text, span.start, countries)
    if heading is not None:
        return heading
    suffix = SLASH_AFTER.match(text[span.end:span.end + 3])
    return countries.by_start.get(span.end + suffix.end()) if suffix else None


def _heading_country(text: str, start: int, countries: Countries) -> Match | None:
    """The country of a list line 'Belgium: X, Y' that a name at `start` stands in."""
    line_start = _line_start(text, start)
    if line_start is None:
        return None
    heading = HEADING.match(text, line_start, start)
    if heading is None:
        return None
    c = countries.by_start.get(heading.start(1))
    return c if c is not None and c.end == heading.end(1) else None


def _line_start(text: str, offset: int) -> int | None:
    """Where the line holding `offset` starts, if within LINE_WINDOW characters before it."""
    newline = text.rfind("\n", max(0, offset - LINE_WINDOW), offset)
    if newline != -1:
        return newline + 1
    return 0 if offset <= LINE_WINDOW else None
