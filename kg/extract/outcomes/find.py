"""The outcome pipeline: numbers, read in context, typed by trigger then by context, placed, reported once.

Why: the order matters: every figure is typed by its own trigger before any is typed by the
figures around it, and a figure takes a country only once typed.
"""
from __future__ import annotations

from kg.extract.outcomes.context import Typed, type_by_context
from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.mentions import each_once
from kg.extract.outcomes.numbers import find_numbers
from kg.extract.outcomes.places import Places
from kg.extract.outcomes.reading import read_figure
from kg.extract.outcomes.triggers import type_all_by_trigger
from kg.records import CountryMention, OutcomeMention


def find_outcomes(text: str, countries: list[CountryMention]) -> list[OutcomeMention]:
    """Every quantified result in `text`, each (type, count, country, unit) once."""
    doc = Text(text)
    figures = [f for f in (read_figure(doc, n) for n in find_numbers(doc)) if f is not None and f.cls != "ignore"]
    type_all_by_trigger(doc, figures)
    places = Places(doc, countries)
    typed = Typed(figures)
    for n, figure in enumerate(figures):
        if figure.kind is None:
            type_by_context(doc, figures, n, places, typed)
        if figure.kind is not None:
            typed.last = n
            if figure.country is None:
                figure.country = places.country_of(figure)
    return each_once(doc, [f for f in figures if f.kind is not None])
