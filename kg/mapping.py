"""Mapping: resolved records to RDF quads. The only place that makes triples.

Why: keeping the model apart from writing (as followthemoney does) lets the
same quads go to a file, a store or a validator. Everything read from one
release, including the Release node, its `opg:reports` links and its
officials, goes into the named graph of that release; descriptions of agencies
and countries (labels, codes, seats) go into one reference graph, because they
are shared by every release that links them.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from rdflib import OWL, RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from kg.extract.outcomes import amount_as_written
from kg.ids import OPG, Minter
from kg.records import Agency, Country, Outcome, Release

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def release_quads(release: Release, minter: Minter) -> Iterator[Quad]:
    """The quads of one release's named graph."""
    rel = minter.release(release.key)
    doc = release.document

    def q(s, p, o) -> Quad:
        return (s, p, o, rel)

    yield q(rel, RDF.type, OPG.Release)
    yield q(rel, OPG.textHash, Literal(release.key))
    for path in doc.source_paths:
        yield q(rel, OPG.sourcePath, Literal(path))
    if doc.title:
        yield q(rel, DCTERMS.title, Literal(doc.title))
    if release.published:
        yield q(rel, DCTERMS.issued, Literal(release.published.isoformat(), datatype=XSD.date))
    if doc.url and _is_iri(doc.url):
        yield q(rel, DCTERMS.source, URIRef(doc.url))
    if doc.publisher:
        yield q(rel, OPG.publisherName, Literal(doc.publisher))
    if doc.language:
        yield q(rel, DCTERMS.language, Literal(doc.language))
    for agency in release.agencies:
        yield q(minter.agency(agency.key), RDF.type, OPG.Agency)
    for country in release.countries:
        yield q(minter.country(country.code), RDF.type, OPG.Country)
    country_names = {country.code: country.label for country in release.countries}
    for op in release.operations:
        node = minter.operation(op.key)
        yield q(rel, OPG.reports, node)
        yield q(node, RDF.type, OPG.Operation)
        for codename in op.codenames:
            yield q(node, OPG.codename, Literal(codename))
        for key in op.involves:
            yield q(node, OPG.involves, minter.agency(key))
        for key in op.led_by:
            yield q(node, OPG.ledBy, minter.agency(key))
        for code in op.countries:
            yield q(node, OPG.country, minter.country(code))
        for area in op.crime_areas:
            yield q(node, OPG.crimeArea, OPG[area])
        if op.start_year is not None:
            yield q(node, OPG.startYear, Literal(f"{op.start_year:04d}", datatype=XSD.gYear))
        for day in op.action_dates:
            yield q(node, OPG.actionDate, Literal(day.isoformat(), datatype=XSD.date))
        for outcome in op.outcomes:
            out = minter.outcome(outcome.key)
            yield q(node, OPG.outcome, out)
            yield q(out, RDF.type, OPG.Outcome)
            yield q(out, OPG.outcomeType, OPG[outcome.type])
            yield q(out, OPG["count"], Literal(outcome.count, datatype=XSD.integer))
            yield q(out, RDFS.label, Literal(outcome_label(outcome, country_names)))
            if outcome.qualifier:
                yield q(out, OPG.qualifier, Literal(outcome.qualifier))
            if outcome.country:
                yield q(out, OPG.inCountry, minter.country(outcome.country))
            if outcome.unit:
                yield q(out, OPG.unit, Literal(outcome.unit))
            if outcome.quantity is not None:
                yield q(out, OPG.quantity, _decimal(outcome.quantity))
            if outcome.item:
                yield q(out, OPG.item, Literal(outcome.item))
    for official in release.officials:
        person = minter.official(official.key)
        yield q(rel, OPG.quotes, person)
        yield q(person, RDF.type, OPG.Official)
        yield q(person, FOAF.name, Literal(official.name))
        if official.title:
            yield q(person, OPG.title, Literal(official.title))
        if official.agency:
            yield q(person, OPG.memberOf, minter.agency(official.agency))
        if official.statement:
            yield q(person, OPG.statement, Literal(official.statement))


def reference_quads(agencies: Iterable[Agency], countries: Iterable[Country],
                    minter: Minter) -> Iterator[Quad]:
    """The reference graph: labels, codes and seats of every agency and country linked."""
    graph = minter.reference_graph()
    for agency in agencies:
        node = minter.agency(agency.key)
        yield from _described(node, OPG.Agency, agency.label, agency.alt_labels, graph)
        if agency.country:
            yield (node, OPG.basedIn, minter.country(agency.country), graph)
        for same in agency.same_as:
            yield (node, OWL.sameAs, URIRef(same), graph)
        yield (node, OPG.inReferenceData, Literal(agency.known), graph)
    for country in countries:
        node = minter.country(country.code)
        yield from _described(node, OPG.Country, country.label, country.alt_labels, graph)
        yield (node, OPG.countryCode, Literal(country.code), graph)
        if country.alpha3:
            yield (node, OPG.countryCodeAlpha3, Literal(country.alpha3), graph)


def _described(node: URIRef, cls: URIRef, label: str, alt_labels: Iterable[str],
               graph: URIRef) -> Iterator[Quad]:
    """A reference node's type, canonical label and every other known name."""
    yield (node, RDF.type, cls, graph)
    yield (node, SKOS.prefLabel, Literal(label), graph)
    for alt in alt_labels:
        yield (node, SKOS.altLabel, Literal(alt), graph)


def outcome_label(outcome: Outcome, country_names: dict[str, str]) -> str:
    """An outcome as a person reads it: "Arrest: more than 20 in Spain", "Seizure: 1 cash
    (EUR 1.4 million)". Why: tables and the `operation` query show an outcome by its label, and a
    label in the graph is one lookup where assembling it in SPARQL joins every detail."""
    text = f"{outcome.type}: {outcome.qualifier + ' ' if outcome.qualifier else ''}{outcome.count}"
    if outcome.item:
        text += f" {outcome.item}"
    if outcome.quantity is not None:
        text += f" ({amount_as_written(outcome.quantity, outcome.unit or '').strip()})"
    if outcome.country:
        text += f" in {country_names.get(outcome.country, outcome.country)}"
    return text


def _decimal(value: float) -> Literal:
    """A quantity as an xsd:decimal always written with a decimal point ("1300000.0"), so
    Turtle, N-Quads and JSON-LD all read back the same value."""
    text = format(Decimal(repr(float(value))), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://")) and not any(c in value for c in ' <>"{}|\\^`')
