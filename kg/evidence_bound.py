"""How much evidence a release keeps: the first EVIDENCE_PER_FACT phrases of each fact.

Why: a text naming one agency 60,000 times would otherwise give 60,000 phrases to one fact,
and a release's cost (resolving, storing, mapping, writing) would grow with how often its
text repeats itself rather than with what it says. Resolution keeps only the phrases the
evidence layer describes, and the mapping counts the rest (opg:evidenceLeftOut), so the
evidence of a release is bounded by its facts, on any machine.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.records import Release, Span

EVIDENCE_PER_FACT = 20  # phrases listed per fact; the rest are counted (opg:evidenceLeftOut)


def kept(spans: Iterable[Span]) -> tuple[list[Span], int]:
    """A fact's first EVIDENCE_PER_FACT spans in text order, and how many more there are."""
    ordered = sorted(set(spans))
    return ordered[:EVIDENCE_PER_FACT], max(0, len(ordered) - EVIDENCE_PER_FACT)


def fact_spans(release: Release) -> Iterator[Iterable[Span]]:
    """The spans of every fact of a release: links, outcomes, officials and their links."""
    yield from (fact.spans for fact in release.facts)
    for op in release.operations:
        yield from (fact.spans for fact in op.facts)
        yield from (outcome.spans for outcome in op.outcomes)
    for official in release.officials:
        yield official.spans
        yield from (fact.spans for fact in official.facts)


def bounded(release: Release, named: Iterable[tuple[Span, tuple]]) -> Iterator[tuple[Span, tuple]]:
    """Of the (span, names) pairs in text order, those the evidence layer describes: every
    span a fact keeps, and of the others the first EVIDENCE_PER_FACT naming the same things."""
    linked = {span for spans in fact_spans(release) for span in kept(spans)[0]}
    seen: dict[tuple, int] = {}
    for span, names in named:
        seen[names] = seen.get(names, 0) + 1
        if span in linked or seen[names] <= EVIDENCE_PER_FACT:
            yield span, names
