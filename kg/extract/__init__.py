"""Extraction: pure functions from a Document to plain records, each with its evidence span.

Why: extraction knows nothing about RDF or identity, so each kind of fact can be
tested on sentences alone and a release can be processed without any other.
"""
from __future__ import annotations

from dataclasses import replace

from kg.extract.agencies import find_agencies
from kg.extract.countries import find_countries
from kg.extract.crime_areas import find_crime_areas
from kg.extract.dates import find_published
from kg.extract.event_dates import find_event_dates
from kg.extract.language import MIN_PROBABILITY, MIN_READING, guess
from kg.extract.lists import READING, reading_language
from kg.extract.officials import find_officials
from kg.extract.operations import find_operations
from kg.extract.outcomes import find_outcomes
from kg.records import Document, Extraction
from kg.reference import Reference, reference


def extract(document: Document, ref: Reference | None = None) -> Extraction:
    """Everything the extractors find in one document (reference data: the packaged one by
    default), read with the word lists of its language (kg.extract.lists.READING)."""
    ref = ref or reference()
    reading = document.language
    if document.language is None:
        language, probability = guess(document.text)
        if language is not None and probability >= MIN_PROBABILITY:
            document = replace(document, language=language)
        reading = language if probability >= MIN_READING else None
    token = READING.set(reading_language(reading))
    try:
        return _extract(document, ref)
    finally:
        READING.reset(token)


def _extract(document: Document, ref: Reference) -> Extraction:
    text = document.text
    agencies = find_agencies(text, ref)
    countries = find_countries(text, ref)
    published = find_published(document)
    return Extraction(
        document=document,
        agencies=tuple(agencies),
        countries=tuple(countries),
        officials=tuple(find_officials(text, agencies, ref)),
        outcomes=tuple(find_outcomes(text, countries)),
        operations=tuple(find_operations(text)),
        published=published,
        crime_areas=tuple(find_crime_areas(text)),
        event_dates=tuple(find_event_dates(text, published.value if published else None)),
    )
