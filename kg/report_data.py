"""The figures behind `kg report`: the answers of named queries, as the page shows them.

Why: every chart of the report is one named query of the shipped library, so an analyst who
wants the figures of a chart as CSV runs `kg query --name NAME --format csv` and gets the same
rows; this module runs those queries once and keeps their rows with the labels `kg query` shows
(an IRI as its label, a count as a number), nothing computed on the side.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg import query as queries
from kg.stats import Stats, stats

Cell = str | int

OPERATIONS_PER_YEAR = "operations-per-year"
OUTCOMES_PER_YEAR = "outcomes-per-year"
AGENCIES = "agencies-by-operations"
COUNTRIES = "countries-by-operations"
COUNTRY_PAIRS = "country-pairs"
AGENCY_PAIRS = "top-agency-pairs"  # the 30 agencies the network draws: see its .rq
CHART_QUERIES = (OPERATIONS_PER_YEAR, OUTCOMES_PER_YEAR, AGENCIES, COUNTRIES, COUNTRY_PAIRS, AGENCY_PAIRS)


@dataclass(frozen=True)
class Answer:
    """A named query's answer as `kg query` shows it: its columns and rows, an IRI as its label
    (the `NAMELabel` column of the CSV), a number as an int, anything else as its text."""

    query: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def column(self, name: str) -> list[Cell]:
        """One column's cells, top to bottom."""
        k = self.columns.index(name)
        return [row[k] for row in self.rows]


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows: the headline figures and one answer per chart, by query name."""

    stats: Stats
    answers: dict[str, Answer]


def answer(source, name: str) -> Answer:
    """Run one named query (it takes no parameters) and keep its rows as the table shows them."""
    outcome = queries.run(source, queries.named(name).text)
    names = queries.labels(source, outcome.rows)
    return Answer(name, tuple(outcome.variables),
                  tuple(tuple(_cell(term, names) for term in row) for row in outcome.rows))


def _cell(term: queries.Found, names: dict[str, str]) -> Cell:
    if isinstance(term, ox.Literal) and term.datatype.value == str(queries.XSD_INTEGER.value):
        return int(term.value)
    return queries.shown(term, names)


def gather(source, skipped_files=None) -> ReportData:
    """The report's figures from a query source (see kg.store)."""
    return ReportData(stats(source, skipped_files), {name: answer(source, name) for name in CHART_QUERIES})
