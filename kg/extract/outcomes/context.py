"""Stage 5, typing by context: a figure with no trigger of its own continues a total, a breakdown
or a list ('of which 850', '42 in Germany', 'the Netherlands (2)', 'seized 65 cars, some 30 000
detonators').

Why: releases state a result once and break it down or list more of it; those figures carry
no trigger, so they take the type of the figure they continue, and say by which rule.
"""
from __future__ import annotations

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.figures import Figure
from kg.extract.outcomes.headings import type_by_heading
from kg.extract.outcomes.lexicon import context_words, match_after, match_before, number_context, trigger_words
from kg.extract.outcomes.places import Places
from kg.extract.outcomes.triggers import WINDOW_BARE


class Typed:
    """Where the typed figures nearest to the one being read are, as the figures are read in
    order: `last`, the last typed so far (a figure is typed once, when it is read), and
    `following[n]`, the first after figure n typed by a trigger (the figures after n are read
    later). Why: a sentence of thousands of untyped figures was rescanned for each (quadratic)."""

    def __init__(self, figures: list[Figure]) -> None:
        self.last: int | None = None
        self.following: list[int | None] = [None] * len(figures)
        after = None
        for n in range(len(figures) - 1, -1, -1):
            self.following[n] = after
            if figures[n].kind is not None:
                after = n


def type_by_context(doc: Text, figures: list[Figure], n: int, places: Places, typed: Typed) -> None:
    """A figure without a trigger of its own continues a total, a list or a list heading."""
    f = figures[n]
    previous = _previous_typed(doc, figures, n, typed)
    if previous is None and _after_semicolon(doc, f):
        previous = _previous_typed(doc, figures, n, typed, 1)  # '28 arrests: 11 in Belgium, ...'
    if _is_partitive(doc, f):
        if previous is not None and not _reversed(doc, f):
            _adopt(f, previous, "total")  # '2,517 arrests, of which 850 ...', '796 detenidos, 55 de ellos'
        return
    if places.bracketed(f):
        total = _previous_typed(doc, figures, n, typed) or _next_typed(doc, figures, n, typed)
        if total is not None:
            _adopt(f, total, "bracketed")  # 'in the Netherlands (2) and the Czech Republic (2)'
        return
    if previous is not None and places.breakdown(f) is not None:
        _adopt(f, previous, "breakdown")  # '51 arrested in Belgium, 21 in the Netherlands and 8 in Germany'
        return
    for neighbour in (n - 1, n + 1):
        if 0 <= neighbour < len(figures) and _listed_with(doc, f, figures[neighbour]):
            _adopt(f, figures[neighbour], "list")  # 'seized 65 cars, some 30,000 detonators'
            return
    type_by_heading(doc, f)


def _adopt(f: Figure, other: Figure, how: str) -> None:
    """Give a figure the type of the figure it continues, and say by which rule."""
    f.kind, f.allowed, f.how = other.kind, other.allowed, how


def _previous_typed(doc: Text, figures: list[Figure], n: int, typed: Typed, back: int = 0) -> Figure | None:
    """The nearest typed figure before figures[n] in the same sentence (or `back` sentences before)."""
    first = doc.sentence_first[figures[n].number.first]
    for _ in range(back):
        first = doc.sentence_first[first - 1] if first > 0 else first
    k = typed.last  # figures are in text order: those between k and n are untyped and nearer
    return figures[k] if k is not None and figures[k].number.first >= first else None


def _next_typed(doc: Text, figures: list[Figure], n: int, typed: Typed) -> Figure | None:
    """The nearest typed figure after figures[n] in the same sentence."""
    stop = doc.sentence_stop[figures[n].number.first]
    k = typed.following[n]
    return figures[k] if k is not None and figures[k].number.first < stop else None


def _after_semicolon(doc: Text, f: Figure) -> bool:
    """The figure's sentence follows a ';' or ':' ('118 were detained; 37 of them in Italy')."""
    first = doc.sentence_first[f.number.first]
    return first > 0 and doc.words[first - 1] in (";", ":")


def _reversed(doc: Text, f: Figure) -> bool:
    """'two of them were later released': a part of a result that was undone is no result."""
    stop = min(doc.sentence_stop[f.number.first], f.stop + WINDOW_BARE)
    return any(doc.words[k] in context_words("reversal") for k in range(f.stop, stop))


def _is_partitive(doc: Text, f: Figure) -> bool:
    """'of which 850', '368 davon', '55 de ellos', 'among them 12': a part of the figure before."""
    words = doc.words
    before = match_before(words, f.lead, number_context().get("partitive-before", frozenset()))
    after = match_after(words, f.stop, number_context().get("partitive-after", frozenset()))
    return bool(before or after)


def _listed_with(doc: Text, f: Figure, other: Figure) -> bool:
    """Two figures of one list: same sentence, no trigger between them, the later one right
    after a comma or 'and' ('65 cars, some 30,000 detonators', '440 tusks and an additional
    545 kg of ivory'), and the other's trigger fits this one's noun."""
    if other.kind is None or doc.sentence_first[other.number.first] != doc.sentence_first[f.number.first]:
        return False
    if f.weak or f.cls == "any" or f.cls not in other.allowed:
        return False
    lo, hi = (other.stop, f.lead) if other.lead < f.lead else (f.stop, other.lead)
    between = doc.words[lo:hi]
    if any(w in trigger_words() for w in between):
        return False
    last = max((k for k, w in enumerate(between) if w in context_words("separator")), default=None)
    return last is not None and all(w in context_words("article", "list-word") for w in between[last + 1:])
