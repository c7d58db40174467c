"""Extraction: pure functions from a Document to plain records, each with its evidence span.

Why: extraction knows nothing about RDF or identity, so each kind of fact can be
tested on sentences alone and a release can be processed without any other. Every
extractor is registered here, once (EXTRACTORS), and says what it finds in the model's
terms (kg/data/model.toml); as ingest's readers, the flow runs whatever is registered.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from kg.extract.agencies import find_agencies
from kg.extract.countries import find_countries
from kg.extract.crime_areas import find_crime_areas
from kg.extract.dates import find_published
from kg.extract.event_dates import find_event_dates
from kg.extract.language import MIN_PROBABILITY, MIN_READING, guess
from kg.extract.lists import READING, reading_language
from kg.extract.locations import find_locations
from kg.extract.officials import find_officials
from kg.extract.operations import find_operations
from kg.extract.outcomes import find_outcomes
from kg.records import Document, Extraction
from kg.reference import Reference, reference


@dataclass
class Found:
    """What an extractor reads: the document, the reference data, and what the extractors
    registered before it found (by their field)."""

    document: Document
    ref: Reference
    fields: dict[str, Any]

    @property
    def text(self) -> str:
        return self.document.text


class Extractor(Protocol):
    """An extractor: `field` is the Extraction field its findings fill ('mentions' for kinds
    declared only in the model, which any number of extractors add to); `finds` names the
    model's kinds and links it finds (kg/data/model.toml)."""

    @property
    def field(self) -> str: ...

    @property
    def finds(self) -> tuple[str, ...]: ...

    def __call__(self, found: Found) -> Any: ...


@dataclass(frozen=True)
class Rule:
    """An extractor made of a function of what was found before it."""

    field: str
    finds: tuple[str, ...]
    run: Callable[[Found], Any]

    def __call__(self, found: Found) -> Any:
        return self.run(found)


def _event_dates(found: Found) -> tuple:
    published = found.fields["published"]
    return tuple(find_event_dates(found.text, published.value if published else None))


EXTRACTORS: tuple[Extractor, ...] = (
    Rule("agencies", ("agency", "involves", "ledBy"), lambda f: tuple(find_agencies(f.text, f.ref))),
    Rule("countries", ("country",), lambda f: tuple(find_countries(f.text, f.ref))),
    Rule("published", ("issued",), lambda f: find_published(f.document)),
    Rule("officials", ("official", "quotes", "memberOf"),
         lambda f: tuple(find_officials(f.text, list(f.fields["agencies"]), f.ref))),
    Rule("outcomes", ("outcome",), lambda f: tuple(find_outcomes(f.text, list(f.fields["countries"])))),
    Rule("operations", ("operation", "codename"), lambda f: tuple(find_operations(f.text))),
    Rule("crime_areas", ("crimeArea",), lambda f: tuple(find_crime_areas(f.text))),
    Rule("event_dates", ("startYear", "actionDate"), _event_dates),
    Rule("mentions", ("location",),
         lambda f: find_locations(f.text, f.fields["agencies"], f.fields["countries"], f.ref)),
)
"""Every extractor, in the order they run (one may read what those before it found)."""


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
    found = Found(document, ref, {"mentions": ()})
    for extractor in EXTRACTORS:
        result = extractor(found)
        found.fields[extractor.field] = found.fields["mentions"] + result if extractor.field == "mentions" else result
    return Extraction(document=document, **found.fields)
