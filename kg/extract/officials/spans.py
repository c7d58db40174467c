"""Spans of agency names, looked up by bisection.

Why: the rules ask, for every word and title around a name, whether an agency is named
there; on a long text that is a million questions, so each is a bisection of the sorted
spans, not a scan.
"""
from __future__ import annotations

from bisect import bisect_right

from kg.records import Span


class Spans(list):
    """Spans in text order (not overlapping), with where each starts: bisected without a key
    function, which was called a million times on a long text."""

    def __init__(self, spans) -> None:
        super().__init__(spans)
        self.starts = [s.start for s in self]


def _starts(spans: list[Span]) -> list[int]:
    return spans.starts if isinstance(spans, Spans) else [s.start for s in spans]


def names_agency(start: int, end: int, agencies: list[Span]) -> bool:
    """Whether an agency is named within [start, end)."""
    starts = _starts(agencies)
    k = bisect_right(starts, start - 1)
    while k < len(agencies) and starts[k] < end:
        if agencies[k].end <= end:
            return True
        k += 1
    return False


def within(spans: list, start: int, end: int, key=lambda x: x) -> list:
    """The items of `spans` (sorted by start; `key` gives an item's Span) lying within [start, end)."""
    k = bisect_right(spans, start - 1, key=lambda x: key(x).start)
    out = []
    while k < len(spans) and key(spans[k]).start < end:
        if key(spans[k]).end <= end:
            out.append(spans[k])
        k += 1
    return out


def inside(spans: list[Span], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other)."""
    k = bisect_right(_starts(spans), start) - 1  # the span starting last at or before `start`, or the next
    return (k >= 0 and spans[k].start < end and start < spans[k].end) \
        or (k + 1 < len(spans) and spans[k + 1].start < end and start < spans[k + 1].end)
