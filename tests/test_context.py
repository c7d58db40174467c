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
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, SDO, SKOS, XSD

from kg.resources import context, context_path, ontology_path

OPG = Namespace("https://w3id.org/opgraph/ontology#")
OPGID = "https://w3id.org/opgraph/id/"
SCHEMA = "http://schema.org/"
WD = Namespace("http://www.wikidata.org/entity/")
KNOWN_VOCABULARIES = (DCTERMS, FOAF, SKOS, OWL, PROV, ORG, RDF, RDFS, XSD)

PREFIXES = {
    "opg": str(OPG), "opgid": OPGID, "skos": str(SKOS), "dcterms": str(DCTERMS),
    "foaf": str(FOAF), "xsd": str(XSD), "owl": str(OWL), "prov": str(PROV),
    "schema": SCHEMA, "rdfs": str(RDFS),
}
# Properties the graph reuses from public vocabularies, with the coercion each needs.
REUSED = {
    DCTERMS.title: None, DCTERMS.issued: str(XSD.date), DCTERMS.source: "@id",
    DCTERMS.language: None, FOAF.name: None, SKOS.prefLabel: None, SKOS.altLabel: None,
    OWL.sameAs: "@id",
}


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
                for s in ontology().subjects(RDF.type, kind) if s.startswith(str(OPG))}
    assert declared, "the ontology declares nothing"
    missing = {str(t) for t in declared | set(REUSED)} - mapped
    assert not missing, f"no context term for {sorted(missing)}"
    names = [name for name, (iri, _) in terms().items()]
    by_iri = [iri for iri, _ in terms().values()]
    assert len(set(by_iri)) == len(by_iri), "two terms for one IRI make compaction ambiguous"
    assert len(set(names)) == len(names)


def test_coercion_matches_the_ontology():
    for name, (iri, coercion) in terms().items():
        node = URIRef(iri)
        if (node, RDF.type, OWL.ObjectProperty) in ontology():
            assert coercion in ("@id", "@vocab"), f"term {name}: a link needs @type @id"
        elif (node, RDF.type, OWL.DatatypeProperty) in ontology():
            rng = str(ontology().value(node, RDFS.range))
            wanted = None if rng == str(XSD.string) else rng
            assert coercion == wanted, f"term {name}: range {rng} needs @type {wanted}"
        elif node in REUSED:
            wanted = REUSED[node]
            assert coercion == wanted, f"term {name}: needs @type {wanted}"
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
    for triple in triples:
        g.add(triple)
    return g


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
    agency = by_id[OPGID + "agency/spanish-national-police"]
    assert agency["sameAs"] == "wd:Q1754473"
    assert agency["inReferenceData"] in ("true", True)
    not_properties = {name for name, (iri, _) in terms().items()
                      if {(URIRef(iri), RDF.type, OWL.Class), (URIRef(iri), RDF.type, SKOS.Concept)}
                      & set(ontology().triples((URIRef(iri), RDF.type, None)))}
    properties = set(terms()) - not_properties
    assert properties <= used_keys, f"the sample misses {sorted(properties - used_keys)}"
