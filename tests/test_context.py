"""The JSON-LD context (ontology/context.jsonld) that compacts graph.jsonld.

Why: graph.jsonld must read back as the same graph as graph.ttl, and read
naturally (`"count": "46"`, `"@type": "Outcome"`, `"outcomeType": "Arrest"`).
A term only compacts values that match its coercion exactly, so a wrong
`@type` does not break the round trip: it silently leaves full IRIs in the
output. Both are checked here, with rdflib (which the build uses) and with
pyoxigraph (an independent JSON-LD 1.1 processor).
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, SDO, SKOS, VOID, XSD

from kg.resources import context, context_path, ontology_path

OPG = Namespace("https://w3id.org/opgraph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
OPGID = "https://w3id.org/opgraph/id/"
SCHEMA = "http://schema.org/"
WD = Namespace("http://www.wikidata.org/entity/")
KNOWN_VOCABULARIES = (DCTERMS, FOAF, SKOS, OWL, PROV, ORG, RDF, RDFS, XSD, VOID, DCAT)

PREFIXES = {
    "opg": str(OPG), "opgid": OPGID, "skos": str(SKOS), "dcterms": str(DCTERMS),
    "foaf": str(FOAF), "xsd": str(XSD), "owl": str(OWL), "prov": str(PROV),
    "schema": SCHEMA, "rdfs": str(RDFS), "rdf": str(RDF), "nif": str(NIF), "itsrdf": str(ITSRDF),
    "geo": str(GEO), "void": str(VOID), "dcat": str(DCAT),
}
# Properties the graph reuses from public vocabularies, with the coercion each needs.
REUSED = {
    DCTERMS.title: None, DCTERMS.issued: str(XSD.date), DCTERMS.source: "@id",
    DCTERMS.language: None, FOAF.name: None, SKOS.prefLabel: None, SKOS.altLabel: None,
    OWL.sameAs: "@id", RDFS.label: None,
    # The evidence layer (issue 6): NIF 2.0 Core and ITS RDF, RDF reification, PROV-O.
    NIF.isString: None, NIF.beginIndex: str(XSD.nonNegativeInteger),
    NIF.endIndex: str(XSD.nonNegativeInteger), NIF.anchorOf: None, NIF.referenceContext: "@id",
    NIF.sentence: "@id", ITSRDF.taIdentRef: "@id",
    RDF.subject: "@id", RDF.predicate: "@id", RDF.object: None,
    PROV.wasGeneratedBy: "@id", PROV.wasDerivedFrom: "@id", PROV.wasAssociatedWith: "@id",
    PROV.used: "@id", PROV.startedAtTime: str(XSD.dateTime),
    # Places of action (issue 19): WGS84 coordinates and the country a place lies in.
    GEO.lat: str(XSD.decimal), GEO.long: str(XSD.decimal), URIRef(SCHEMA + "containedInPlace"): "@id",
    # The dataset's description of itself (issue 21): VoID, DCAT, Dublin Core and schema.org.
    DCTERMS.created: str(XSD.dateTime), DCTERMS.description: None, DCTERMS.license: "@id",
    VOID.triples: str(XSD.integer), VOID.entities: str(XSD.integer), VOID.classes: str(XSD.integer),
    VOID.properties: str(XSD.integer), VOID.classPartition: "@id", VOID.propertyPartition: "@id",
    VOID["class"]: "@id", VOID.property: "@id", URIRef(SCHEMA + "collectionSize"): str(XSD.integer),
}
# Classes the graph reuses, each with a term so "@type" compacts.
REUSED_CLASSES = {NIF.Context, NIF.Phrase, NIF.Sentence, RDF.Statement, PROV.Activity, PROV.Entity,
                  PROV.SoftwareAgent, URIRef(SCHEMA + "Place"), VOID.Dataset, DCAT.Dataset,
                  URIRef(SCHEMA + "Collection")}
# Vocabularies imported by reference: the ontology declares the terms it uses.
IMPORTED = (str(NIF), str(ITSRDF), str(GEO))


@cache
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ontology_path(), format="turtle")
    return graph


def ctx() -> dict:
    return context()["@context"]


def expand(value: str) -> str:
    """A compact IRI or keyword-free term value, expanded with the context's prefixes."""
    prefix, sep, rest = value.partition(":")
    if sep and isinstance(ctx().get(prefix), str) and not rest.startswith("//"):
        return ctx()[prefix] + rest
    return value


def terms() -> dict[str, tuple[str, str | None]]:
    """Every term that is not a prefix: name -> (expanded IRI, expanded @type or None)."""
    out = {}
    for name, definition in ctx().items():
        if name.startswith("@") or name in PREFIXES or name == "wd":
            continue
        if isinstance(definition, str):
            out[name] = (expand(definition), None)
        else:
            coercion = definition.get("@type")
            out[name] = (expand(definition["@id"]),
                         coercion if coercion is None or coercion.startswith("@") else expand(coercion))
    return out


def defined_elsewhere(iri: str) -> bool:
    if iri.startswith(SCHEMA):
        return URIRef(str(SDO) + iri[len(SCHEMA):]) in SDO
    if iri.startswith(IMPORTED):
        return (URIRef(iri), RDFS.isDefinedBy, None) in ontology()
    return any(iri.startswith(str(ns)) and URIRef(iri) in ns for ns in KNOWN_VOCABULARIES)


def defined_by_ontology(iri: str) -> bool:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept)
    return any((URIRef(iri), RDF.type, kind) in ontology() for kind in kinds)


# -- the context document --------------------------------------------------------------

def test_context_is_a_json_ld_1_1_context_with_the_prefixes():
    document = json.loads(context_path().read_text(encoding="utf-8"))
    assert set(document) == {"@context"}
    assert ctx()["@version"] == 1.1
    for prefix, iri in PREFIXES.items():
        assert ctx().get(prefix) == iri, f"prefix {prefix} should map to {iri}"
        assert iri[-1] in "/#", f"{prefix}: a prefix IRI must end with / or # to compact"


def test_every_term_maps_to_something_defined():
    assert len(terms()) >= 40
    for name, (iri, coercion) in terms().items():
        if iri.startswith(str(OPG)):
            assert defined_by_ontology(iri), f"term {name}: {iri} is not declared in the ontology"
        else:
            assert defined_elsewhere(iri), f"term {name}: {iri} is not a term of a known vocabulary"
        if coercion is not None and not coercion.startswith("@"):
            assert URIRef(coercion) in XSD, f"term {name}: unknown datatype {coercion}"


def test_every_graph_term_has_a_context_term():
    mapped = {iri for iri, _ in terms().values()}
    declared = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept)
                for s in ontology().subjects(RDF.type, kind)
                if isinstance(s, URIRef) and str(s).startswith((str(OPG),) + IMPORTED)}
    assert declared, "the ontology declares nothing"
    missing = {str(t) for t in declared | set(REUSED) | REUSED_CLASSES} - mapped
    assert not missing, f"no context term for {sorted(missing)}"
    names = [name for name, (iri, _) in terms().items()]
    by_iri = [iri for iri, _ in terms().values()]
    assert len(set(by_iri)) == len(by_iri), "two terms for one IRI make compaction ambiguous"
    assert len(set(names)) == len(names)


def test_coercion_matches_the_ontology():
    for name, (iri, coercion) in terms().items():
        node = URIRef(iri)
        if node in REUSED:
            wanted = REUSED[node]
            assert coercion == wanted, f"term {name}: needs @type {wanted}"
        elif (node, RDF.type, OWL.ObjectProperty) in ontology():
            assert coercion in ("@id", "@vocab"), f"term {name}: a link needs @type @id"
        elif (node, RDF.type, OWL.DatatypeProperty) in ontology():
            rng = str(ontology().value(node, RDFS.range))
            wanted = None if rng == str(XSD.string) else rng
            assert coercion == wanted, f"term {name}: range {rng} needs @type {wanted}"
        else:
            assert coercion is None, f"term {name}: a class or concept takes no @type"


# -- round trip ------------------------------------------------------------------------

def decimal(value: Decimal) -> Literal:
    """An xsd:decimal always written with a point: rdflib's Turtle writer turns "1300000"
    into 1300000.0, a different term, so graph.ttl would no longer match graph.jsonld."""
    text = format(value, "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def sample_graph() -> Graph:
    """One of everything the build writes, as the build writes it (union of all graphs)."""
    g = Graph()
    rel = URIRef(OPGID + "release/9d2c4e6f8a0b1c3d")
    op = URIRef(OPGID + "operation/daylight")
    snp = URIRef(OPGID + "agency/spanish-national-police")
    europol = URIRef(OPGID + "agency/europol")
    es, nz = URIRef(OPGID + "country/ES"), URIRef(OPGID + "country/NZ")
    ruiz = URIRef(OPGID + "official/fernando-ruiz")
    arrests, suspects = URIRef(OPGID + "outcome/daylight-arrest-46"), URIRef(OPGID + "outcome/daylight-s-100")
    cash, cocaine = URIRef(OPGID + "outcome/daylight-seizure-eur"), URIRef(OPGID + "outcome/daylight-seizure-kg")
    madrid = URIRef(OPGID + "place/geonames-3117735")
    triples = [
        (rel, RDF.type, OPG.Release),
        (rel, OPG.sourcePath, Literal("europol/2020-04-21-daylight.txt")),
        (rel, OPG.sourcePath, Literal("mirror/daylight.json")),
        (rel, OPG.textHash, Literal("9d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d")),
        (rel, DCTERMS.title, Literal("46 arrested in Operation Daylight")),
        (rel, DCTERMS.issued, Literal("2020-04-21", datatype=XSD.date)),
        (rel, DCTERMS.source, URIRef("https://www.europol.europa.eu/media-press/newsroom/news/a?x=1&y=2")),
        (rel, OPG.publisherName, Literal("Europol")),
        (rel, DCTERMS.language, Literal("en")),
        (rel, OPG.reports, op),
        (rel, OPG.quotes, ruiz),
        (op, RDF.type, OPG.Operation),
        (op, OPG.codename, Literal("Daylight")),
        (op, OPG.ledBy, snp),
        (op, OPG.involves, snp),
        (op, OPG.involves, europol),
        (op, OPG.country, es),
        (op, OPG.country, nz),
        (op, OPG.outcome, arrests),
        (op, OPG.outcome, suspects),
        (op, OPG.outcome, cash),
        (op, OPG.outcome, cocaine),
        (op, OPG.crimeArea, OPG.Drugs),
        (op, OPG.crimeArea, OPG.FraudAndMoneyLaundering),
        (op, OPG.startYear, Literal("2019", datatype=XSD.gYear)),
        (op, OPG.actionDate, Literal("2020-04-14", datatype=XSD.date)),
        (op, OPG.actionDate, Literal("2020-04-15", datatype=XSD.date)),
        (op, OPG.location, madrid),
        (madrid, RDF.type, URIRef(SCHEMA + "Place")),
        (madrid, SKOS.prefLabel, Literal("Madrid")),
        (madrid, URIRef(SCHEMA + "containedInPlace"), es),
        (madrid, GEO.lat, Literal("40.41650", datatype=XSD.decimal)),
        (madrid, GEO.long, Literal("-3.70256", datatype=XSD.decimal)),
        (madrid, OWL.sameAs, URIRef("https://sws.geonames.org/3117735/")),
        (arrests, RDF.type, OPG.Outcome),
        (arrests, OPG.outcomeType, OPG.Arrest),
        (arrests, OPG["count"], Literal(46)),
        (arrests, OPG.inCountry, nz),
        (suspects, RDF.type, OPG.Outcome),
        (suspects, OPG.outcomeType, OPG.SuspectIdentified),
        (suspects, OPG["count"], Literal(0)),
        (suspects, OPG.qualifier, Literal("more than")),
        # "EUR 1.3 million in cash" and "2.5 kg of cocaine", as the build writes them.
        (cash, RDF.type, OPG.Outcome),
        (cash, OPG.outcomeType, OPG.Seizure),
        (cash, OPG["count"], Literal(1)),
        (cash, OPG.item, Literal("cash")),
        (cash, OPG.unit, Literal("EUR million")),
        (cash, OPG.quantity, decimal(Decimal("1.3E+6"))),
        (cocaine, RDF.type, OPG.Outcome),
        (cocaine, OPG.outcomeType, OPG.Seizure),
        (cocaine, OPG["count"], Literal(2)),
        (cocaine, OPG.item, Literal("cocaine")),
        (cocaine, OPG.unit, Literal("kg")),
        (cocaine, OPG.quantity, decimal(Decimal("2.5"))),
        (ruiz, RDF.type, OPG.Official),
        (ruiz, FOAF.name, Literal("Fernando Ruíz")),
        (ruiz, OPG["title"], Literal("Acting Head of the European Cybercrime Centre (EC3)")),
        (ruiz, OPG.memberOf, europol),
        (ruiz, OPG.statement, Literal("Criminals were quick to exploit the crisis.")),
        (snp, RDF.type, OPG.Agency),
        (snp, SKOS.prefLabel, Literal("Spanish National Police")),
        (snp, SKOS.altLabel, Literal("Policía Nacional")),
        (snp, SKOS.altLabel, Literal("Policía Nacional", lang="es")),
        (snp, OPG.basedIn, es),
        (snp, OWL.sameAs, WD.Q1754473),
        (snp, OPG.inReferenceData, Literal(True)),
        (europol, RDF.type, OPG.Agency),
        (europol, SKOS.prefLabel, Literal("Europol")),
        (europol, OPG.inReferenceData, Literal(False)),
        (es, RDF.type, OPG.Country),
        (es, SKOS.prefLabel, Literal("Spain")),
        (es, SKOS.altLabel, Literal("España")),
        (es, OPG.countryCode, Literal("ES")),
        (es, OPG.countryCodeAlpha3, Literal("ESP")),
        (nz, RDF.type, OPG.Country),
        (nz, SKOS.prefLabel, Literal("New Zealand")),
        (nz, OPG.countryCode, Literal("NZ")),
    ]
    triples += evidence_layer(rel, op, europol, arrests, ruiz)
    triples += description()
    for triple in triples:
        g.add(triple)
    return g


def description() -> list:
    """The build's description of itself (kg.description), as the build writes it."""
    dataset = URIRef(OPGID + "dataset/7fdbc765025b8dec")
    sources = URIRef(f"{dataset}/sources")
    agencies, based_in = URIRef(f"{dataset}/class/agency-d536e195bd65"), URIRef(f"{dataset}/property/basedin-1")
    def count(n: int) -> Literal:
        return Literal(str(n), datatype=XSD.integer)
    return [
        (dataset, RDF.type, VOID.Dataset), (dataset, RDF.type, DCAT.Dataset),
        (dataset, DCTERMS.title, Literal("opgraph knowledge graph", lang="en")),
        (dataset, DCTERMS.description, Literal("Law-enforcement press releases as a knowledge graph", lang="en")),
        (dataset, DCTERMS.created, Literal("2026-11-23T18:00:00Z", datatype=XSD.dateTime)),
        (dataset, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")),
        (dataset, VOID.triples, count(1093)), (dataset, VOID.entities, count(113)),
        (dataset, VOID.classes, count(10)), (dataset, VOID.properties, count(52)),
        (dataset, DCTERMS.source, sources), (sources, RDF.type, URIRef(SCHEMA + "Collection")),
        (sources, URIRef(SCHEMA + "collectionSize"), count(7)),
        (dataset, VOID.classPartition, agencies), (agencies, VOID["class"], OPG.Agency),
        (agencies, VOID.entities, count(13)),
        (dataset, VOID.propertyPartition, based_in), (based_in, VOID.property, OPG.basedIn),
        (based_in, VOID.triples, count(10)),
    ]


TEXT = "Fernando Ruíz said Europol supported Operation Daylight. Officers arrested 46 suspects."


def evidence_layer(rel: URIRef, op: URIRef, europol: URIRef, arrests: URIRef, ruiz: URIRef) -> list:
    """The evidence layer of issue 6 as the build writes it: the release as the NIF context of its
    text, phrases and sentences, statements for edges, and the provenance of the build."""
    def index(n: int) -> Literal:
        return Literal(str(n), datatype=XSD.nonNegativeInteger)

    def span(words: str, sentence: URIRef | None = None) -> tuple[URIRef, list]:
        begin = TEXT.index(words)
        node = URIRef(f"{rel}/char={begin},{begin + len(words)}")
        kind = NIF.Sentence if sentence is None else NIF.Phrase
        out = [(node, RDF.type, kind), (node, NIF.referenceContext, rel),
               (node, NIF.beginIndex, index(begin)), (node, NIF.endIndex, index(begin + len(words))),
               (node, NIF.anchorOf, Literal(words))]
        if sentence is not None:
            out.append((node, NIF.sentence, sentence))
        return node, out

    first, triples = span("Fernando Ruíz said Europol supported Operation Daylight.")
    second, more = span("Officers arrested 46 suspects.")
    triples += more
    name, more = span("Fernando Ruíz", first)
    triples += more + [(name, ITSRDF.taIdentRef, ruiz)]
    agency, more = span("Europol", first)
    triples += more + [(agency, ITSRDF.taIdentRef, europol)]
    codename, more = span("Operation Daylight", first)
    triples += more + [(codename, ITSRDF.taIdentRef, op)]
    arrested, more = span("arrested 46 suspects", second)
    triples += more + [(arrested, ITSRDF.taIdentRef, arrests)]

    build = URIRef(OPGID + "build/5e1f0c2a9b7d3e48")
    software = URIRef(OPGID + "software/opgraph-0.1.0")
    reference = URIRef(OPGID + "data/3c9a7e1f5b2d8046")
    source = URIRef(OPGID + "source/2fe47a65f4b3ef13")
    involves = URIRef(OPGID + "statement/1f2e3d4c5b6a7980")
    named = URIRef(OPGID + "statement/2a3b4c5d6e7f8091")
    issued = URIRef(OPGID + "statement/3b4c5d6e7f809112")
    triples += [
        (rel, RDF.type, NIF.Context),
        (rel, NIF.isString, Literal(TEXT)),
        (rel, NIF.beginIndex, index(0)),
        (rel, NIF.endIndex, index(len(TEXT))),
        (rel, PROV.wasGeneratedBy, build),
        (rel, PROV.wasDerivedFrom, source),
        (source, RDF.type, PROV.Entity),
        (source, OPG.path, Literal("europol/2020-04-21-daylight.txt")),
        (source, OPG.sha256, Literal("05cb44cee00b6bb57c3f904d1e3b18ca79e18e9fd110e17f078b215d4d063101")),
        (build, RDF.type, PROV.Activity),
        (build, PROV.startedAtTime, Literal("2026-11-23T18:00:00Z", datatype=XSD.dateTime)),
        (build, PROV.wasAssociatedWith, software),
        (build, PROV.used, reference),
        (build, OPG.minConfidence, Literal("0.0", datatype=XSD.decimal)),
        (software, RDF.type, PROV.SoftwareAgent),
        (software, RDFS.label, Literal("opgraph 0.1.0")),
        (software, OPG.version, Literal("0.1.0")),
        (reference, RDF.type, PROV.Entity),
        (reference, RDFS.label, Literal("opgraph reference data")),
        (reference, OPG.sha256, Literal("2525bfeade6024350f7e4ec1dca3ee0da56d4637c8d2ecdd32397077f5aafeea")),
        (arrests, OPG.evidence, arrested),
        (arrests, OPG.confidence, Literal("0.9", datatype=XSD.decimal)),
        (arrests, OPG.method, Literal("trigger")),
        (ruiz, OPG.evidence, name),
        (ruiz, OPG.confidence, Literal("0.9", datatype=XSD.decimal)),
        (ruiz, OPG.method, Literal("speech")),
        (involves, RDF.type, RDF.Statement),
        (involves, RDF.subject, op),
        (involves, RDF.predicate, OPG.involves),
        (involves, RDF.object, europol),
        (involves, OPG.evidence, agency),
        (involves, OPG.confidence, Literal("0.95", datatype=XSD.decimal)),
        (involves, OPG.method, Literal("curated+list")),
        (involves, OPG.evidenceLeftOut, Literal(3, datatype=XSD.nonNegativeInteger)),
        (named, RDF.type, RDF.Statement),
        (named, RDF.subject, op),
        (named, RDF.predicate, OPG.codename),
        (named, RDF.object, Literal("Daylight")),
        (named, OPG.evidence, codename),
        (named, OPG.confidence, Literal("0.95", datatype=XSD.decimal)),
        (named, OPG.method, Literal("named")),
        (issued, RDF.type, RDF.Statement),
        (issued, RDF.subject, rel),
        (issued, RDF.predicate, DCTERMS.issued),
        (issued, RDF.object, Literal("2020-04-21", datatype=XSD.date)),
        (issued, OPG.confidence, Literal("1.0", datatype=XSD.decimal)),
        (issued, OPG.method, Literal("metadata")),
    ]
    return triples


def compact(graph: Graph) -> str:
    """What the build does to write graph.jsonld."""
    return graph.serialize(format="json-ld", context=ctx(), auto_compact=True)


def test_rdflib_reads_the_compacted_graph_back_unchanged():
    graph = sample_graph()
    back = Graph()
    back.parse(data=compact(graph), format="json-ld")
    assert len(back) == len(graph)
    assert isomorphic(graph, back), sorted(set(to_isomorphic(graph)) ^ set(to_isomorphic(back)))


def test_turtle_reads_the_sample_back_unchanged():
    """graph.jsonld and graph.ttl are the same graph only if Turtle keeps every literal as it is
    (decimals with a point, gYear, date)."""
    graph = sample_graph()
    back = Graph()
    back.parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, back), sorted(set(to_isomorphic(graph)) ^ set(to_isomorphic(back)))


def test_another_json_ld_processor_reads_the_same_graph():
    graph = sample_graph()
    quads = ox.parse(compact(graph).encode("utf-8"), format=ox.RdfFormat.JSON_LD)
    ntriples = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    back = Graph()
    back.parse(data=ntriples, format="nt")
    assert isomorphic(graph, back), sorted(set(to_isomorphic(graph)) ^ set(to_isomorphic(back)))


def test_every_property_and_class_compacts_to_a_short_term():
    document = json.loads(compact(sample_graph()))
    nodes = document["@graph"]
    used_keys = set()
    for node in nodes:
        for key, value in node.items():
            used_keys.add(key)
            assert key.startswith("@") or key in ctx(), f"{key} did not compact to a term"
            assert ":" not in key, f"{key} did not compact to a term"
        types = node.get("@type", [])
        for cls in types if isinstance(types, list) else [types]:
            assert cls in ctx(), f"class {cls} did not compact to a term"
    by_id = {n["@id"]: n for n in nodes}
    outcome = by_id[OPGID + "outcome/daylight-arrest-46"]
    assert outcome["@type"] == "Outcome"
    assert outcome["outcomeType"] == "Arrest"
    assert outcome["count"] in ("46", 46)
    release = by_id[OPGID + "release/9d2c4e6f8a0b1c3d"]
    assert release["issued"] == "2020-04-21"
    operation = by_id[OPGID + "operation/daylight"]
    assert sorted(operation["crimeArea"]) == ["Drugs", "FraudAndMoneyLaundering"]
    assert operation["startYear"] == "2019"
    assert sorted(operation["actionDate"]) == ["2020-04-14", "2020-04-15"]
    cash = by_id[OPGID + "outcome/daylight-seizure-eur"]
    assert (cash["quantity"], cash["unit"], cash["item"]) == ("1300000.0", "EUR million", "cash")
    assert by_id[OPGID + "outcome/daylight-seizure-kg"]["quantity"] == "2.5"
    assert by_id[OPGID + "official/fernando-ruiz"]["statement"] == "Criminals were quick to exploit the crisis."
    place = by_id[OPGID + "place/geonames-3117735"]
    assert (place["@type"], place["lat"], place["containedInPlace"]) == ("Place", "40.41650", OPGID + "country/ES")
    assert operation["location"] == OPGID + "place/geonames-3117735"
    agency = by_id[OPGID + "agency/spanish-national-police"]
    assert agency["sameAs"] == "wd:Q1754473"
    assert agency["inReferenceData"] in ("true", True)
    not_properties = {name for name, (iri, _) in terms().items()
                      if {(URIRef(iri), RDF.type, OWL.Class), (URIRef(iri), RDF.type, SKOS.Concept)}
                      & set(ontology().triples((URIRef(iri), RDF.type, None)))
                      or URIRef(iri) in REUSED_CLASSES}
    properties = set(terms()) - not_properties
    assert properties <= used_keys, f"the sample misses {sorted(properties - used_keys)}"


def test_the_evidence_layer_reads_naturally():
    """Offsets, confidences and times compact to plain strings; links to IRIs; a statement's
    object keeps whatever it is (an IRI, a plain string, a typed date)."""
    nodes = {n["@id"]: n for n in json.loads(compact(sample_graph()))["@graph"]}
    rel = OPGID + "release/9d2c4e6f8a0b1c3d"
    release = nodes[rel]
    assert sorted(release["@type"]) == ["Context", "Release"]
    assert release["isString"] == TEXT
    assert (release["beginIndex"], release["endIndex"]) == ("0", str(len(TEXT)))
    begin = TEXT.index("Europol")
    phrase = nodes[f"{rel}/char={begin},{begin + 7}"]
    assert phrase["@type"] == "Phrase"
    assert (phrase["beginIndex"], phrase["endIndex"], phrase["anchorOf"]) == (str(begin), str(begin + 7), "Europol")
    assert phrase["referenceContext"] == rel
    assert phrase["taIdentRef"] == OPGID + "agency/europol"
    assert nodes[phrase["sentence"]]["@type"] == "Sentence"
    assert nodes[OPGID + "outcome/daylight-arrest-46"]["confidence"] == "0.9"
    statements = {n["method"]: n for n in nodes.values() if n.get("@type") == "Statement"}
    # rdf:predicate is coerced to @id, not @vocab: with @vocab, rdflib writes "codename" (a plain
    # term) next to "opg:involves" (a term with a coercion); with @id every predicate reads alike.
    assert statements["curated+list"]["predicate"] == "opg:involves"
    assert statements["named"]["predicate"] == "opg:codename"
    assert statements["metadata"]["predicate"] == "dcterms:issued"
    assert statements["curated+list"]["object"] == {"@id": OPGID + "agency/europol"}
    assert statements["named"]["object"] == "Daylight"
    assert statements["metadata"]["object"] == {"@value": "2020-04-21", "@type": "xsd:date"}
    assert statements["metadata"]["confidence"] == "1.0"
    assert "evidence" not in statements["metadata"]
    build = nodes[release["wasGeneratedBy"]]
    # rdflib writes a UTC time as +00:00, in every format alike.
    assert build["startedAtTime"] in ("2026-11-23T18:00:00Z", "2026-11-23T18:00:00+00:00")
    assert build["minConfidence"] == "0.0"
    assert nodes[build["wasAssociatedWith"]]["version"] == "0.1.0"
