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
from functools import cache

from kg.extract.lists import rows
from kg.records import CrimeAreaMention, Span

MIN_HITS = 2


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    area_of = {r["phrase"].casefold(): r["area"] for r in rows("crime_areas.tsv")}
    phrases = sorted(area_of, key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), area_of


def find_crime_areas(text: str) -> list[CrimeAreaMention]:
    """The crime areas the release is about, each with the span of its first mention."""
    pattern, area_of = _pattern()
    hits = [(area_of[" ".join(m.group().casefold().split())], m) for m in pattern.finditer(text)]
    counts = Counter(area for area, _ in hits)
    keep = {a for a, n in counts.items() if n >= MIN_HITS} or (set(counts) if len(counts) == 1 else set())
    first: dict[str, CrimeAreaMention] = {}
    for area, m in hits:
        if area in keep and area not in first:
            first[area] = CrimeAreaMention(area, Span(m.start(), m.end()))
    return sorted(first.values(), key=lambda c: c.span)
