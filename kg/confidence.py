"""Confidence: how sure the extractor is of a fact, by the rule that found it.

Why: analysts weigh a fact by how it was found. A curated agency name in a list of
participating authorities is near certain; a capitalized phrase that merely looks
like an agency's name is a guess. The scores are data (extract/data/confidence.tsv,
one row per kind of fact and rule, with the reason), so they can be reviewed and
recalibrated without touching the rules, and `kg build --min-confidence` can leave
the weaker facts out.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kg.errors import ReferenceDataError
from kg.model import model
from kg.records import Fact, Span
from kg.tsv import read_tsv

TABLE = Path(__file__).parent / "extract" / "data" / "confidence.tsv"
COLUMNS = ["fact", "method", "confidence", "why"]


@cache
def table() -> dict[tuple[str, str], float]:
    """(fact, method) -> confidence, checked: every fact a link of the model or a kind that
    carries its own confidence (kg/data/model.toml), every score a number in [0, 1], no row twice."""
    declared = {*model().links, *(k.confidence for k in model().kinds.values() if k.confidence)}
    scores: dict[tuple[str, str], float] = {}
    for row in read_tsv(TABLE, COLUMNS):
        key = (row["fact"], row["method"])
        if row["fact"] not in declared:
            raise ReferenceDataError(f"{TABLE}: {row['fact']!r} is no link or kind of the model (kg/data/model.toml)")
        try:
            score = float(row["confidence"])
        except ValueError:
            score = -1.0
        if not 0.0 <= score <= 1.0:
            raise ReferenceDataError(f"{TABLE}: {key}: confidence must be a number in [0, 1], "
                                     f"found {row['confidence']!r}")
        if key in scores:
            raise ReferenceDataError(f"{TABLE}: {key} is listed twice")
        scores[key] = score
    return scores


def confidence(fact: str, method: str) -> float:
    """The confidence of a kind of fact found by a rule; a pair the table lacks is an error
    in the data, named so that the missing row can be added."""
    try:
        return table()[(fact, method)]
    except KeyError:
        raise ReferenceDataError(f"{TABLE}: no row for fact {fact!r} found by {method!r}") from None


def facts(predicate: str, found: Iterable[tuple[str, Span, str, float | None]]) -> dict[str, Fact]:
    """One fact per value from the mentions that support it: (value, span, method, ceiling).

    The fact takes the best confidence of its mentions and that mention's method; a
    `ceiling` caps a mention that is derived from another fact (a country from an
    agency's seat is no surer than the agency). Spans are kept in text order, once each.
    """
    best: dict[str, tuple[float, str]] = {}
    spans: dict[str, set[Span]] = {}
    for value, span, method, ceiling in found:
        score = confidence(predicate, method)
        if ceiling is not None:
            score = min(score, ceiling)
        if value not in best or score > best[value][0]:
            best[value] = (score, method)
        spans.setdefault(value, set()).add(span)
    return {value: Fact(predicate, value, tuple(sorted(spans[value])), score, method)
            for value, (score, method) in best.items()}
