"""Names that stand in a list of agencies, or on a participating-authority line.

Why: a capitalized name with a head noun is read as an agency where it stands in a list with
another agency ("the FBI, the Drug Enforcement Authority") or on a line of participating
authorities ("Belgium: X, Y", "X/Canada"). Lists are also what a lead phrase reaches:
"X, Y and Z led" makes all three lead.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress, count
from operator import and_, itemgetter

from kg.extract.agencies.countries import Countries, country_line, single
from kg.extract.agencies.shapes import name_end
from kg.extract.agencies.spans import Taken
from kg.extract.lists import agency_words
from kg.extract.text import by_span
from kg.records import AgencyMention, Span
from kg.reference.gazetteer import token_columns

# What stands between two names of one list (', ', ' and ', ' / ', '; the '), matched from the end
# of one to the start of the other (pos and endpos, no copy). Blanks are taken whole: a long run
# of them fails at once, not once per way of splitting it between two patterns.
LIST_GAP = re.compile(
    r"(?:\s++(?:and|y|e|et|und|&)\s|\s*+(?:,\s*+(?:and\s++|y\s++|et\s++|und\s++|e\s++)?|[-\u2013/]\s*+|;\s*+))"
    r"(?:(?:the|la|el|los|las|le|les|die|der|das)\s++|l['\u2019])?$", re.IGNORECASE)


def listed_together(text: str, a: Span, b: Span) -> bool:
    """Whether only a list's separator stands between two names (in either order)."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return first.end <= second.start and bool(LIST_GAP.match(text, first.end, second.start))


def in_lists(text: str, found: list[AgencyMention], countries: Countries) -> list[AgencyMention]:
    """Capitalized names with a head noun that stand in a list with other agencies, or on a
    participating-authority line ('Belgium: X, Y', 'X/Canada')."""
    candidates = _candidates(text)
    accepted: dict[Span, AgencyMention] = {}
    under: dict[Span, str | None] = {}  # each candidate's list-line country, read once for both passes
    taken = Taken()
    for m in found:
        taken.add(m.span)
    # A list grows from a known member both ways: one pass rightwards, one leftwards.
    for ordered in (candidates, candidates[::-1]):
        anchors = sorted([*found, *accepted.values()], key=by_span)
        starts = [a.span.start for a in anchors]
        for span in ordered:
            if taken.overlaps(span):
                continue
            i = bisect_left(starts, span.start)
            near = [anchors[k] for k in (i - 1, i) if 0 <= k < len(anchors)]
            neighbour = next((a for a in near if listed_together(text, a.span, span)), None)
            if span not in under:
                under[span] = _listed_under_country(text, span, countries)
            listed = under[span]
            if neighbour is None and not listed:
                continue
            country = listed or (neighbour.country if neighbour else None)
            mention = AgencyMention(text[span.start:span.end], span, country=country, how="listed")
            accepted[span] = mention
            taken.add(span)
            anchors.insert(i, mention)
            starts.insert(i, span.start)
    return sorted(accepted.values(), key=by_span)


def _candidates(text: str) -> list[Span]:
    """The capitalized names with a head noun, each read from the first word of its run."""
    toks, texts, _ = token_columns(text)
    capitalized = list(map(str.isupper, map(itemgetter(0), texts)))  # `is_capitalized` of each, in C
    candidates = []
    for i in compress(count(), map(and_, capitalized, _near_heads(texts))):  # the few that may start a name
        word, start, _ = toks[i]
        if word == "The":
            continue
        if i > 0 and capitalized[i - 1] and text[toks[i - 1][2]:start] == " ":
            continue  # not the first word of a run
        end = name_end(text, toks, texts, i)
        if end is not None:
            candidates.append(Span(start, toks[end][2]))
    return candidates


def _near_heads(words: tuple[str, ...]) -> list[bool]:
    """Whether a head noun is among the eight words from each on (`name_end` reads no further)."""
    near = [False] * len(words)
    for h in compress(count(), map(agency_words()["head"].__contains__, words)):
        near[max(0, h - 7):h + 1] = [True] * (h + 1 - max(0, h - 7))
    return near


def _listed_under_country(text: str, span: Span, countries: Countries) -> str | None:
    """The country of a participating-authority list line ('Belgium: X, Y') or entry ('X/Canada')."""
    c = country_line(text, span, countries)
    return single(c) if c is not None else None
