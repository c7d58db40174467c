"""Crime areas: which kind of crime an operation targeted (drugs, child sexual abuse, ...).

Why: "operations per crime area" is a standard analyst question, and releases
say it in their own words ("cocaine", "CSAM", "money mules"). Each phrase of
data/crime_areas.tsv points to one concept of the ontology's crime-area scheme;
an area counts when the release uses its words at least twice, or is the only
area it mentions, so a passing word ("guns" in a drugs release) does not add an area.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from operator import or_

from kg.extract.lists import per_language, rows
from kg.extract.text import by_span
from kg.records import CrimeAreaMention, Span
from kg.reference.gazetteer import token_columns, tokens

MIN_HITS = 2


@per_language
def _patterns() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]], dict[str, str]]:
    """One alternation of all the phrases, one of the phrases of each first word, and each
    phrase's area."""
    area_of = {r["phrase"].casefold(): r["area"] for r in rows("crime_areas.tsv")}
    phrases = sorted(area_of, key=len, reverse=True)
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(tokens(phrase)[0][0].lower(), []).append(phrase)
    return _alternation(phrases), {w: _alternation(ps) for w, ps in by_first.items()}, area_of


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive matching of phrases, the first listed winning; a space
    matches any blank."""
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _matches(text: str) -> list[re.Match[str]]:
    """The phrases in the text, left to right, exactly as the alternation of them all finds them.

    Why: trying the hundred-odd phrases at every word cost a millisecond per release. A
    phrase can only start where a word starts, and that word is its first word, so only
    the phrases beginning with it are tried there. A word with letters beyond ASCII, whose
    case `str.lower` and the regex engine may fold differently, is tried against them all.
    """
    every, by_first, _ = _patterns()
    found: list[re.Match[str]] = []
    free = 0  # where the last match ended: matches do not overlap
    toks, words, _ = token_columns(text)
    # a listed first word, or a word beyond ASCII that starts with a letter with a case (only
    # such a letter can match a phrase's first letter case-insensitively; no phrase starts otherwise)
    candidates = map(or_, map(by_first.__contains__, map(str.lower, words)),
                     map(_may_start_phrase, words))
    for word, start, _ in compress(toks, candidates):
        if start < free:
            continue
        m = (by_first[word.lower()] if word.isascii() else every).match(text, start)
        if m:
            found.append(m)
            free = m.end()
    return found


def _may_start_phrase(word: str) -> bool:
    """A word beyond ASCII whose first character has a case, or starts a phrase as written."""
    if word.isascii():
        return False
    first = word[0]
    return first.lower() != first or first.upper() != first or first in _first_characters()


@per_language
def _first_characters() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in _patterns()[2])


def find_crime_areas(text: str) -> list[CrimeAreaMention]:
    """The crime areas the release is about, each with the span of its first mention."""
    area_of = _patterns()[2]
    hits = [(area_of[" ".join(m.group().casefold().split())], m) for m in _matches(text)]
    counts = Counter(area for area, _ in hits)
    keep = {a for a, n in counts.items() if n >= MIN_HITS} or (set(counts) if len(counts) == 1 else set())
    first: dict[str, CrimeAreaMention] = {}
    for area, m in hits:
        if area in keep and area not in first:
            first[area] = CrimeAreaMention(area, Span(m.start(), m.end()))
    return sorted(first.values(), key=by_span)
