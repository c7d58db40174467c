"""Sentence spans and small text helpers shared by the extractors.

Why: most rules look for evidence within one sentence; releases saved without
line breaks or with odd punctuation still need sensible sentence bounds, and
every rule should agree on them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.records import Span

_SENTENCE_END = re.compile(r"(?<=[.!?;:])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-Þ])|\n+")


def by_span(mention) -> tuple[int, int]:
    """Sort key of a mention: where it stands. Why not its Span: the dataclass compares in Python,
    a tuple in C, and a long text has tens of thousands of mentions to sort (same order)."""
    return mention.span.start, mention.span.end


def sentences(text: str) -> list[Span]:
    """The sentences (and lines) of a text as spans, in order, without surrounding space."""
    return list(_sentences(text))


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[Span, ...]:
    """`sentences` of the last few texts: officials, outcomes and event dates all read the
    sentences of the same release."""
    spans, start = [], 0
    wraps = _wraps(text)
    for m in _SENTENCE_END.finditer(text):
        if m.start() in wraps:
            continue
        span = _trim(text, start, m.start())
        if span is not None:
            spans.append(span)
        start = m.end()
    span = _trim(text, start, len(text))
    if span is not None:
        spans.append(span)
    return tuple(spans)


def _wraps(text: str) -> frozenset[int]:
    """The line breaks of hard-wrapped prose ('... and saved\n30 Romanian minors'): a long line
    that ends mid-sentence, followed by one that goes on in lower case or with a figure. Only in
    a text wrapped so at least MIN_WRAPS times, so one long heading over a figure still ends."""
    found = []
    for m in _GOES_ON.finditer(text):  # a line break the next line goes on from, then its line
        at = m.start()
        line_start = text.rfind("\n", 0, at) + 1
        if at - line_start >= WRAP_WIDTH and text[at - 1] not in _ENDS_LINE:
            found.append(at)
    return frozenset(found) if len(found) >= MIN_WRAPS else frozenset()


_GOES_ON = re.compile(r"\n(?=[a-z0-9à-ÿ])")
_ENDS_LINE = frozenset(" \t\r.!?:;\"'”’»)")
WRAP_WIDTH = 40  # characters of a line that was wrapped (news copy wraps at 60-80)
MIN_WRAPS = 3


def _trim(text: str, start: int, end: int) -> Span | None:
    """The span of text[start:end] without the space around it; None if it is all space."""
    piece = text[start:end]
    left = piece.lstrip()
    if not left:
        return None
    return Span(start + len(piece) - len(left), start + len(piece.rstrip()))


def sentence_at(spans: list[Span], offset: int) -> Span:
    """The sentence holding character `offset` (binary search over `sentences`)."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return spans[lo] if spans else Span(0, 0)


DATELINE = re.compile(
    r"^[ \t]*+(?>[A-Z][A-Za-z.'\u2019-]*+[ \t]?){1,3}"
    r"(?:,[ \t]+[^,\n(]{2,40}?[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?|[ \t]*\([^)\n]{1,30}\)[ \t]*)"
    r"[-\u2013\u2014]", re.MULTILINE)
DATELINE_LINES = 6


def datelines(text: str) -> list[Span]:
    """Datelines ('LYON, France (AP) -') at the start of one of the first lines.

    Why: a dateline names where the publisher sits or filed from, which is not
    evidence of where an operation acted, nor a byline agency of who took part.
    """
    spans = []
    for k, line in enumerate(re.finditer(r"^.*$", text, re.MULTILINE)):
        if k >= DATELINE_LINES * 2:
            break
        m = DATELINE.match(text, line.start(), line.end())
        if m:
            spans.append(Span(m.start(), m.end()))
    return spans
