"""Agency mentions kept apart: a rule adds only names that overlap none found before it.

Why: the rules run strongest first, so a name a weaker rule reads inside a stronger one's
("National Police" inside "Croatian National Police") must be dropped; on a long text that is
many questions, so each is a bisection of the spans taken, not a scan.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from kg.extract.text import by_span
from kg.records import AgencyMention, Span


class Taken:
    """Non-overlapping spans in text order, for overlap checks in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        i = bisect_left(self.starts, span.start)
        return (i > 0 and self.ends[i - 1] > span.start) or (i < len(self.starts) and self.starts[i] < span.end)

    def add(self, span: Span) -> None:
        i = bisect_left(self.starts, span.start)
        self.starts.insert(i, span.start)
        self.ends.insert(i, span.end)


def add(mentions: list[AgencyMention], more: Iterable[AgencyMention]) -> list[AgencyMention]:
    """`mentions` plus those of `more` that overlap none of them, in text order."""
    taken = Taken()
    for m in mentions:
        taken.add(m.span)
    out = list(mentions)
    for mention in more:
        if not taken.overlaps(mention.span):
            taken.add(mention.span)
            out.append(mention)
    return sorted(out, key=by_span)
