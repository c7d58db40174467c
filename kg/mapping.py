"""Mapping: resolved records to RDF quads. The only place that makes triples.

Why: keeping the model apart from writing (as followthemoney does) lets the
same quads go to a file, a store or a validator. Everything read from one
release, including the Release node, its `opg:reports` links and its
officials, goes into the named graph of that release; descriptions of agencies
and countries (labels, codes, seats) go into one reference graph, because they
are shared by every release that links them. Beside the facts, each release
graph holds the PROV-O record of the build and source files it came from and
the confidence of its outcomes and officials. The evidence layer (its text as
a NIF context, the words behind each fact as nif:Phrase nodes with offsets,
every link's confidence) is in a graph of its own per release, which a build
writes only on request (evidence.nq).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import timezone
from decimal import Decimal
from functools import lru_cache

import rdflib
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from kg import evidence_bound, ids
from kg.extract.outcomes import amount_as_written
from kg.ids import Minter
from kg.model import expand, model
from kg.records import Agency, BuildActivity, Country, Described, Fact, Official, Outcome, Release, Span


class _Terms:
    """A namespace whose terms are made once: rdflib builds a new URIRef (and checks it) on
    every `RDF.type`, which was a seventh of the time spent mapping a release."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace
        self._made: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._made.get(name)
        if term is None:
            term = self._made[name] = self._namespace[name]
        return term


OPG, NIF, ITSRDF = _Terms(ids.OPG), _Terms(ids.NIF), _Terms(ids.ITSRDF)
RDF, RDFS, XSD, OWL = _Terms(rdflib.RDF), _Terms(rdflib.RDFS), _Terms(rdflib.XSD), _Terms(rdflib.OWL)
DCTERMS, FOAF, PROV, SKOS = _Terms(ns.DCTERMS), _Terms(ns.FOAF), _Terms(ns.PROV), _Terms(ns.SKOS)

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def issued_literal(text: str) -> Literal:
    """A publication date as its ISO form says it: a day (xsd:date), a month (xsd:gYearMonth,
    "2017-04") or a year (xsd:gYear)."""
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(text)]
    return Literal(text, datatype=kind)


def release_quads(release: Release, minter: Minter, activity: BuildActivity | None = None,
                  evidence: bool = True) -> Iterator[Quad]:
    """The quads of one release: in its named graph its facts, the confidence and method of its
    outcomes and officials, and, given the build `activity`, where the graph came from
    (PROV-O); with `evidence`, in its evidence graph (`Minter.evidence_graph`) the words behind
    each fact (NIF) and every link's confidence (a build writes them only on request)."""
    yield from _facts_quads(release, minter)
    yield from _node_confidence_quads(release, minter)
    if evidence:
        yield from _evidence_quads(release, minter)
    if activity is not None:
        yield from _provenance_quads(release, minter, activity)


def _facts_quads(release: Release, minter: Minter) -> Iterator[Quad]:
    """What the release says: the release, its operation, outcomes and officials."""
    rel = minter.release(release.key)
    yield from _release_quads(release, rel)
    for agency in release.agencies:
        yield (minter.node("agency", agency.key), RDF.type, OPG.Agency, rel)
    for country in release.countries:
        yield (minter.node("country", country.code), RDF.type, OPG.Country, rel)
    country_names = {country.code: country.label for country in release.countries}
    for op in release.operations:
        node = minter.node("operation", op.key)
        yield (rel, OPG.reports, node, rel)
        yield (node, RDF.type, OPG.Operation, rel)
        for fact in op.facts:
            yield (node, *_link(fact, minter), rel)
        for outcome in op.outcomes:
            yield from _outcome_quads(node, outcome, minter, country_names, rel)
    for official in release.officials:
        yield from _official_quads(official, minter, rel)
    for described in release.described:
        declared = model().kinds[described.kind]
        if declared.reference and declared.cls:  # described in the reference graph (reference_quads)
            yield (minter.node(described.kind, described.key), RDF.type, _term(declared.cls), rel)
        else:
            yield from _described_quads(described, minter, rel)


def _described_quads(described: Described, minter: Minter, graph: URIRef) -> Iterator[Quad]:
    """A node of a kind declared only in the model, as its extractor describes it (a place)."""
    node = minter.node(described.kind, described.key)
    cls = model().kinds[described.kind].cls
    if cls:
        yield (node, RDF.type, _term(cls), graph)
    for said in described.about:
        obj: URIRef | Literal
        if said.kind:
            obj = minter.node(said.kind, said.value)
        elif said.datatype == "@id":
            obj = _term(said.value)
        else:
            obj = Literal(said.value, datatype=_term(expand(said.datatype)) if said.datatype else None)
        yield (node, _term(expand(said.predicate)), obj, graph)


def _release_quads(release: Release, rel: URIRef) -> Iterator[Quad]:
    """The release node: its text's hash, where it came from, its title, date and language."""
    doc = release.document
    yield (rel, RDF.type, OPG.Release, rel)
    yield (rel, OPG.textHash, Literal(release.key), rel)
    for path in doc.source_paths:
        yield (rel, OPG.sourcePath, Literal(path), rel)
    if doc.title:
        yield (rel, DCTERMS.title, Literal(doc.title), rel)
    issued = next((f.value for f in release.facts if f.predicate == "issued"), None)
    if release.published and issued:
        yield (rel, DCTERMS.issued, issued_literal(issued), rel)
    source_iri = ids.web_iri(doc.url) if doc.url else None
    if source_iri:
        yield (rel, DCTERMS.source, URIRef(source_iri), rel)
    if doc.publisher:
        yield (rel, OPG.publisherName, Literal(doc.publisher), rel)
    if doc.language:
        yield (rel, DCTERMS.language, Literal(doc.language), rel)


def _outcome_quads(operation: URIRef, outcome: Outcome, minter: Minter, country_names: dict[str, str],
                   rel: URIRef) -> Iterator[Quad]:
    out = minter.node("outcome", outcome.key)
    yield (operation, OPG.outcome, out, rel)
    yield (out, RDF.type, OPG.Outcome, rel)
    yield (out, OPG.outcomeType, OPG[outcome.type], rel)
    yield (out, OPG["count"], Literal(outcome.count, datatype=XSD.integer), rel)
    yield (out, RDFS.label, Literal(outcome_label(outcome, country_names)), rel)
    if outcome.qualifier:
        yield (out, OPG.qualifier, Literal(outcome.qualifier), rel)
    if outcome.country:
        yield (out, OPG.inCountry, minter.node("country", outcome.country), rel)
    if outcome.unit:
        yield (out, OPG.unit, Literal(outcome.unit), rel)
    if outcome.quantity is not None:
        yield (out, OPG.quantity, _decimal(outcome.quantity), rel)
    if outcome.item:
        yield (out, OPG.item, Literal(outcome.item), rel)


def _official_quads(official: Official, minter: Minter, rel: URIRef) -> Iterator[Quad]:
    person = minter.node("official", official.key)
    yield (rel, OPG.quotes, person, rel)
    yield (person, RDF.type, OPG.Official, rel)
    yield (person, FOAF.name, Literal(official.name), rel)
    if official.title:
        yield (person, OPG.title, Literal(official.title), rel)
    for fact in official.facts:
        yield (person, *_link(fact, minter), rel)
    if official.statement:
        yield (person, OPG.statement, Literal(official.statement), rel)


def _evidence_quads(release: Release, minter: Minter) -> Iterator[Quad]:
    """The release's text as a NIF context, a nif:Phrase per span that supports a fact, and a
    confidence and the evidence of every fact: on Outcome and Official nodes directly, on a
    reified statement (rdf:Statement) for every link, so that queries about the links
    themselves never touch this layer."""
    rel, evidence = minter.release(release.key), minter.evidence_graph(release.key)
    text = release.document.text

    def q(s, p, o) -> Quad:
        return (s, p, o, evidence)

    operation = minter.node("operation", release.operations[0].key) if release.operations else None
    yield q(rel, RDF.type, NIF.Context)
    yield q(rel, NIF.isString, Literal(text))
    yield q(rel, NIF.beginIndex, _index(0))
    yield q(rel, NIF.endIndex, _index(len(text)))
    sentences = set()
    for phrase in release.phrases:  # bounded by resolution (kg.evidence_bound)
        node = _phrase(minter, release.key, phrase.span)
        yield from _string_quads(node, NIF.Phrase, phrase.span, text, rel, evidence)
        sentence = _phrase(minter, release.key, phrase.sentence)
        yield q(node, NIF.sentence, sentence)
        sentences.add(phrase.sentence)
        for kind, key in phrase.names:
            entity = _named(kind, key, minter, operation)
            if entity is not None:
                yield q(node, ITSRDF.taIdentRef, entity)
    for span in sorted(sentences):
        yield from _string_quads(_phrase(minter, release.key, span), NIF.Sentence, span, text, rel,
                                 evidence)
    for fact in release.facts:
        yield from _statement(release.key, rel, fact, minter, evidence)
    for index, op in enumerate(release.operations):
        for fact in op.facts:
            yield from _statement(release.key, minter.node("operation", op.key), fact, minter, evidence,
                                  identity=f"operation#{index}")
        for outcome in op.outcomes:
            yield from _words(minter.node("outcome", outcome.key), outcome.spans, release.key, minter, evidence)
    for official in release.officials:
        person = minter.node("official", official.key)
        yield from _words(person, official.spans, release.key, minter, evidence)
        for fact in official.facts:
            yield from _statement(release.key, person, fact, minter, evidence)


def _node_confidence_quads(release: Release, minter: Minter) -> Iterator[Quad]:
    """How sure the extractor is of each outcome and official, and by which rule: on the node,
    in the release graph, so the lean graph keeps them."""
    rel = minter.release(release.key)
    for op in release.operations:
        for outcome in op.outcomes:
            yield from _sureness(minter.node("outcome", outcome.key), outcome.confidence, outcome.method, rel)
    for official in release.officials:
        yield from _sureness(minter.node("official", official.key), official.confidence, official.method, rel)


def _string_quads(node: URIRef, cls: URIRef, span: Span, text: str, context: URIRef,
                  graph: URIRef) -> Iterator[Quad]:
    yield (node, RDF.type, cls, graph)
    yield (node, NIF.referenceContext, context, graph)
    yield (node, NIF.beginIndex, _index(span.start), graph)
    yield (node, NIF.endIndex, _index(span.end), graph)
    yield (node, NIF.anchorOf, Literal(text[span.start:span.end]), graph)


def _phrase(minter: Minter, release_key: str, span: Span) -> URIRef:
    return minter.phrase(release_key, span.start, span.end)


def _named(kind: str, key: str, minter: Minter, operation: URIRef | None) -> URIRef | None:
    """The IRI of the entity a phrase names (the release's operation; none for a date)."""
    if kind == "operation":
        return operation
    declared = model().kinds[kind]
    return minter.node(kind, key) if declared.segment or declared.concept else None


def _words(node: URIRef, spans: Iterable[Span], release_key: str, minter: Minter,
           graph: URIRef) -> Iterator[Quad]:
    """The words a node was read from (its opg:evidence phrases), and how many were left out."""
    kept, left_out = evidence_bound.kept(spans)
    for span in kept:
        yield (node, OPG.evidence, _phrase(minter, release_key, span), graph)
    if left_out:
        yield (node, OPG.evidenceLeftOut, Literal(left_out, datatype=XSD.nonNegativeInteger), graph)


def _sureness(node: URIRef, score: float, method: str, graph: URIRef) -> Iterator[Quad]:
    """A node's confidence and the rule that found it."""
    yield (node, OPG.confidence, _confidence(score), graph)
    yield (node, OPG.method, Literal(method), graph)


def _statement(release_key: str, subject: URIRef, fact: Fact, minter: Minter,
               graph: URIRef, identity: str | None = None) -> Iterator[Quad]:
    """The reified triple of a fact with its evidence, confidence and method. The statement's
    IRI comes from the release and the fact, with the subject named by `identity` where its IRI
    may change: an operation's key changes when it is merged with another release's (as
    `kg merge` does across shards), and its statements must keep their IRIs."""
    predicate, obj = _link(fact, minter)
    node = minter.statement(release_key, identity or subject, predicate, obj.n3())
    yield (node, RDF.type, RDF.Statement, graph)
    yield (node, RDF.subject, subject, graph)
    yield (node, RDF.predicate, predicate, graph)
    yield (node, RDF.object, obj, graph)
    yield from _words(node, fact.spans, release_key, minter, graph)
    yield from _sureness(node, fact.confidence, fact.method, graph)


def _link(fact: Fact, minter: Minter) -> tuple[URIRef, URIRef | Literal]:
    """The predicate and object a fact asserts, as the model declares its link."""
    link = model().links[fact.predicate]
    if link.object is not None:
        return _term(link.predicate), minter.node(link.object, fact.value)
    if link.datatype == "issued":
        return _term(link.predicate), issued_literal(fact.value)
    datatype = None if link.datatype == "string" else _term(link.datatype or "")
    return _term(link.predicate), Literal(fact.value, datatype=datatype)


@lru_cache(maxsize=256)
def _term(iri: str) -> URIRef:
    return URIRef(iri)


def _provenance_quads(release: Release, minter: Minter, activity: BuildActivity) -> Iterator[Quad]:
    """Which build made the graph (PROV-O) and from which files."""
    rel = minter.release(release.key)
    yield generated_by(rel, minter, activity)
    yield from activity_quads(activity, minter, rel)
    yield from source_quads(release, minter)


def generated_by(graph: URIRef, minter: Minter, activity: BuildActivity) -> Quad:
    """The link from a release (its graph's name) to the build that made it."""
    return (graph, PROV.wasGeneratedBy, build_node(minter, activity), graph)


def build_node(minter: Minter, activity: BuildActivity) -> URIRef:
    """The IRI of a build activity: from everything that sets it apart from another build."""
    return minter.build(activity.version, _started(activity), activity.data_sha256,
                        activity.shapes_sha256 or "", f"{activity.min_confidence:g}")


def _started(activity: BuildActivity) -> str:
    return activity.started.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def started_at(activity: BuildActivity) -> Literal:
    """The build's start as an xsd:dateTime in UTC, to the second ("1970-01-01T00:00:00Z")."""
    return Literal(_started(activity), datatype=XSD.dateTime, normalize=False)


def activity_quads(activity: BuildActivity, minter: Minter, graph: URIRef) -> Iterator[Quad]:
    """The build activity described in `graph`: its start, software and the data it used. Every
    release graph holds this description, so that a release graph loaded or replaced alone still
    says where it came from."""
    def q(s, p, o) -> Quad:
        return (s, p, o, graph)

    build = build_node(minter, activity)
    software = minter.software(activity.version)
    yield q(build, RDF.type, PROV.Activity)
    yield q(build, PROV.startedAtTime, started_at(activity))
    yield q(build, PROV.wasAssociatedWith, software)
    yield q(build, OPG.minConfidence, _decimal(activity.min_confidence))
    yield q(software, RDF.type, PROV.SoftwareAgent)
    yield q(software, RDFS.label, Literal(f"opgraph {activity.version}"))
    yield q(software, OPG.version, Literal(activity.version))
    used = [("opgraph reference data", activity.data_sha256)]
    if activity.shapes_sha256:
        used.append(("opgraph SHACL shapes", activity.shapes_sha256))
    for label, sha in used:
        data = minter.data(sha)
        yield q(build, PROV.used, data)
        yield q(data, RDF.type, PROV.Entity)
        yield q(data, RDFS.label, Literal(label))
        yield q(data, OPG.sha256, Literal(sha))


def source_quads(release: Release, minter: Minter) -> Iterator[Quad]:
    """The files a release was read from (PROV-O), with their paths and the hashes of their bytes."""
    rel = minter.release(release.key)
    # A document read without its bytes has no hashes (Document.source_hashes is empty, not
    # as long as source_paths): a source entity is minted from its hash, so there is none.
    for path, sha in zip(release.document.source_paths, release.document.source_hashes, strict=False):
        source = minter.source(path, sha)
        yield (rel, PROV.wasDerivedFrom, source, rel)
        yield (source, RDF.type, PROV.Entity, rel)
        yield (source, OPG.path, Literal(path), rel)
        yield (source, OPG.sha256, Literal(sha), rel)


REFERENCE_CLASSES = frozenset(URIRef(k.cls) for k in model().kinds.values() if k.reference and k.cls)


def restates_reference(triple: tuple) -> bool:
    """Whether a release graph's triple types an agency, country or place, which the reference
    graph states for every one linked (see `reference_quads`).

    Why: a union of all graphs (graph.ttl, graph.jsonld) writes such a triple once, from the
    reference graph, rather than once more for each release that names the agency.
    """
    return triple[1] == RDF.type and triple[2] in REFERENCE_CLASSES


def reference_quads(agencies: Iterable[Agency], countries: Iterable[Country], minter: Minter,
                    described: Iterable[Described] = ()) -> Iterator[Quad]:
    """The reference graph: labels, codes and seats of every agency and country linked, and
    the description of every other node of a reference kind (a place)."""
    graph = minter.reference_graph()
    for other in described:
        yield from _described_quads(other, minter, graph)
    for agency in agencies:
        node = minter.node("agency", agency.key)
        yield from _described(node, OPG.Agency, agency.label, agency.alt_labels, graph)
        if agency.country:
            yield (node, OPG.basedIn, minter.node("country", agency.country), graph)
        for same in agency.same_as:
            yield (node, OWL.sameAs, URIRef(same), graph)
        yield (node, OPG.inReferenceData, Literal(agency.known), graph)
    for country in countries:
        node = minter.node("country", country.code)
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
    """An outcome as a person writes it: "Arrest: more than 20 in Spain", "Victim safeguarded:
    23", "Seizure: cash, EUR 1.4 million", "Seizure: cocaine, 3.2 tonnes". An amount stands
    instead of the count it was stored with (1 "EUR million", 3 for 3.2 tonnes), as the
    `seizures` query shows it. Why: tables and the `operation` query show an outcome by its
    label, and a label in the graph is one lookup where assembling it in SPARQL joins every
    detail."""
    kind = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", outcome.type).capitalize()
    qualifier = f"{outcome.qualifier} " if outcome.qualifier else ""
    if outcome.quantity is not None:
        amount = _spelt(amount_as_written(outcome.quantity, outcome.unit or "").strip(), outcome.quantity)
        text = f"{kind}: {outcome.item + ', ' if outcome.item else ''}{qualifier}{amount}"
    else:
        text = f"{kind}: {qualifier}{outcome.count}{' ' + outcome.item if outcome.item else ''}"
    if outcome.country:
        text += f" in {country_names.get(outcome.country, outcome.country)}"
    return text


UNIT_WORDS = {"t": ("tonne", "tonnes"), "l": ("litre", "litres")}  # symbols a reader spells out


def _spelt(amount: str, quantity: float) -> str:
    """ "3.2 t" as "3.2 tonnes", "1 t" as "1 tonne"; other units as written ("600 kg")."""
    number, _, unit = amount.partition(" ")
    words = UNIT_WORDS.get(unit)
    return f"{number} {words[quantity != 1]}" if words else amount


@lru_cache(maxsize=1 << 16)
def _index(offset: int) -> Literal:
    return Literal(str(offset), datatype=XSD.nonNegativeInteger)


@lru_cache(maxsize=1024)
def _confidence(score: float) -> Literal:
    """A confidence to two places in the canonical xsd:decimal form ("0.9", "1.0"), which is
    what triplestores give back, so graph.nq matches what they hold."""
    return _decimal(round(score, 2))


def _decimal(value: float) -> Literal:
    """A quantity as an xsd:decimal always written with a decimal point ("1300000.0"), so
    Turtle, N-Quads and JSON-LD all read back the same value."""
    text = format(Decimal(repr(float(value))), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)

