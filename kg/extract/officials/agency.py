"""The agency an official speaks for: the one the title names, else the one the sentence or
the release speaks for, preferring a body of the kind and country the title implies.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from kg.extract.officials.records import Reading
from kg.extract.officials.spans import within
from kg.extract.officials.tokens import TOKEN
from kg.extract.officials.words import words
from kg.extract.text import by_span, sentence_at
from kg.records import AgencyMention, Span
from kg.reference import Reference

NEAR = 8


def agency_for(reading: Reading, agencies: list[AgencyMention], spans: list[Span],
               ranked: list[AgencyMention], ref: Reference) -> tuple[AgencyMention | None, str | None]:
    """The agency an official speaks for, and where it was read: 'title' (the title names it),
    'sentence' (named earlier in the sentence), 'release' (the release's agencies); None without one.

    Why: the title is the best evidence ('Head of EC3 at Europol': Europol,
    the top-level body, over its unit); without one, the agency the sentence
    names before the person, then the one the release is about, preferring
    a body of the kind and country the title implies.
    """
    named = sorted({a for s, e in reading.role_spans for a in within(agencies, s, e, key=lambda a: a.span)},
                   key=by_span)
    if named:
        best = max(_body_rank(a, ref) for a in named)
        return [a for a in named if _body_rank(a, ref) == best][-1], "title"
    pool = [(a, "sentence") for a in _before_in_sentence(reading.name.start, agencies, spans)]
    pool += [(a, "release") for a in ranked]
    if not pool:
        return None, None
    kinds, countries = _implied(reading.title or "", ref)
    if kinds or countries:
        for a, where in pool:
            top = _top(a, ref)
            kind = ref.agencies[top].kind if top in ref.agencies else None
            country = ref.agencies[top].country if top in ref.agencies else a.country
            if (not kinds or kind in kinds) and (not countries or country in countries):
                return a, where
    return pool[0]


def _body_rank(agency: AgencyMention, ref: Reference) -> int:
    """How well a mention names the body a person works for: a top-level body (2) over a unit
    of one (1) over a generic national reference (0)."""
    if agency.generic:
        return 0
    return 2 if agency.ref is None or ref.agencies[agency.ref].parent is None else 1


def _before_in_sentence(pos: int, agencies: list[AgencyMention], spans: list[Span]) -> list[AgencyMention]:
    """The agencies named earlier in the sentence, nearest first, a generic reference ('Spanish
    police') after a name; at most NEAR of them, however long the sentence."""
    sentence = sentence_at(spans, pos)
    k = bisect_right(agencies, pos, key=lambda a: a.span.start) - 1
    near: list[AgencyMention] = []
    while k >= 0 and len(near) < NEAR and agencies[k].span.start >= sentence.start:
        if agencies[k].span.end <= pos:
            near.append(agencies[k])
        k -= 1
    return sorted(near, key=lambda a: a.generic)


def _implied(title: str, ref: Reference) -> tuple[frozenset[str], frozenset[str]]:
    """The agency kinds ('Attorney General': ministry, prosecution) and countries ('U.S.') a title implies."""
    titles = words().titles
    folded = [t.casefold() for t in TOKEN.findall(title) if t[0].isalnum()]
    kinds: set[str] = set()
    k = 0
    while k < len(folded):
        for n in (3, 2, 1):
            if tuple(folded[k:k + n]) in titles:
                kinds |= titles[tuple(folded[k:k + n])][1]
                k += n
                break
        else:
            k += 1
    countries = {e.id for m in ref.country_names.find(title) for e in m.entries}
    return frozenset(kinds), frozenset(countries)


def _top(agency: AgencyMention, ref: Reference) -> str:
    """The identity of an agency mention: a curated body's top-level parent, else its name."""
    key = agency.ref
    if key is None:
        return agency.surface.casefold()
    while (parent := ref.agencies[key].parent) is not None and parent in ref.agencies:
        key = parent
    return key


def ranked_agencies(agencies: list[AgencyMention], ref: Reference) -> list[AgencyMention]:
    """The release's agencies, the most often named first: whom the release speaks for."""
    named = [a for a in agencies if not a.generic]
    counts = Counter(_top(a, ref) for a in named)
    first: dict[str, AgencyMention] = {}
    for a in named:
        first.setdefault(_top(a, ref), a)
    return sorted(first.values(), key=lambda a: (-counts[_top(a, ref)], a.span.start))
