"""The SHACL shapes and the ontology they are written against.

Why: the shapes are what keeps a bad extraction out of the triplestore, so each
of them is tested with data: `tests/shapes/<class>/conforms*.ttl` must conform,
and each `tests/shapes/<class>/fails-*.ttl` must fail with exactly the
violations its header announces, one per line:

    # expect: <path> <constraint>

where <path> is a prefixed name (`opg:count`), an inverse path (`^opg:reports`)
or `-` for a constraint on the node itself, and <constraint> is the SHACL
constraint component without its `ConstraintComponent` suffix (`MinCount`,
`Pattern`, `Class`, ...). Every property shape, and every node shape's own
constraint, must be exercised by at least one failing file. A case directory
is named after the rdfs:label of its node shape, lower case (`outcome`,
`phrase`, `activity`).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, SDO, SH, SKOS, VOID, XSD

from kg.resources import ontology_path
from kg.validation import ValidationResult, Violation, load_shapes, validate

OPG = Namespace("https://w3id.org/opgraph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
# Vocabularies imported by reference: the ontology declares each term it uses.
IMPORTED = {str(NIF): URIRef(str(NIF)), str(ITSRDF): URIRef(str(ITSRDF)), str(GEO): URIRef(str(GEO))}
SCHEMA = "http://schema.org/"
CONFIDENCE_TSV = Path(__file__).parent.parent / "kg" / "extract" / "data" / "confidence.tsv"
CASES_DIR = Path(__file__).parent / "shapes"
CASES = sorted(CASES_DIR.glob("*/*.ttl"))
CONFORMING = [p for p in CASES if p.name.startswith("conforms")]
FAILING = [p for p in CASES if p.name.startswith("fails-")]
EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s*$")
OUTCOME_TYPES = {"Arrest", "Charge", "Conviction", "Search", "Seizure", "SuspectIdentified",
                 "VictimIdentified", "VictimSafeguarded", "CaseOpened", "Takedown"}
CRIME_AREAS = {"ChildSexualAbuse", "Drugs", "Cybercrime", "MigrantSmuggling", "TraffickingInHumanBeings",
               "FraudAndMoneyLaundering", "Firearms", "EnvironmentalCrime", "CulturalGoods",
               "Counterfeiting", "Terrorism", "PropertyCrime"}
SHAPES = Namespace("https://w3id.org/opgraph/shapes#")


def case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@cache
def shapes() -> Graph:
    return load_shapes()


@cache
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ontology_path(), format="turtle")
    return graph


@cache
def result_of(path: Path) -> ValidationResult:
    data = Graph()
    data.parse(path, format="turtle")
    return validate(data, shapes())


def expected(path: Path) -> set[tuple[str, str]]:
    """The (path, constraint) pairs a case file announces in its header."""
    pairs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            pairs.add((match.group(1), match.group(2)))
    return pairs


def qname(graph: Graph, node) -> str:
    return graph.namespace_manager.normalizeUri(node)


def render_path(graph: Graph, path) -> str:
    """A shape's sh:path as SPARQL writes it (`opg:count`, `^opg:reports`)."""
    if isinstance(path, URIRef):
        return qname(graph, path)
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return "^" + qname(graph, inverse)
    raise AssertionError(f"unexpected path form in the shapes: {path!r}")


def shape_iri(short: str | None) -> URIRef | None:
    return None if short is None else shapes().namespace_manager.expand_curie(short)


def observed(violation: Violation) -> tuple[str, str]:
    """A violation as (path, constraint), comparable with a case file's header."""
    constraint = (violation.constraint or "").split(":")[-1].removesuffix("ConstraintComponent")
    if violation.path is None:
        return "-", constraint
    if ":" in violation.path:
        return violation.path, constraint
    # A complex path is reported as a blank node: read it from the source shape.
    shape_path = shapes().value(shape_iri(violation.shape), SH.path)
    return render_path(shapes(), shape_path), constraint


def property_shapes() -> set[URIRef]:
    return set(shapes().objects(None, SH.property)) | set(shapes().subjects(RDF.type, SH.PropertyShape))


def node_shapes() -> set[URIRef]:
    return set(shapes().subjects(RDF.type, SH.NodeShape))


def case_dir(shape: URIRef) -> str:
    """The case directory of a node shape: its rdfs:label, lower case."""
    return str(shapes().value(shape, RDFS.label)).lower().replace(" ", "-")


def targets(shape: URIRef) -> set[tuple[str, str]]:
    """A node shape's targets as (kind, prefixed name): ("class", "opg:Release")."""
    kinds = {SH.targetClass: "class", SH.targetObjectsOf: "objectsOf", SH.targetSubjectsOf: "subjectsOf",
             SH.targetNode: "node"}
    return {(kinds[p], qname(shapes(), o)) for p, kinds_p in kinds.items() for o in shapes().objects(shape, p)}


# -- the case files -------------------------------------------------------------------

def test_case_files_are_named_and_annotated():
    assert CONFORMING and FAILING
    for path in CASES:
        assert path.name.startswith(("conforms", "fails-")), f"{path}: name must start with conforms or fails-"
        if path.name.startswith("fails-"):
            assert expected(path), f"{path}: a failing case needs '# expect: <path> <constraint>' lines"
        else:
            assert not expected(path), f"{path}: a conforming case expects no violations"


@pytest.mark.parametrize("path", CONFORMING, ids=case_id)
def test_conforming_case_conforms(path: Path):
    result = result_of(path)
    assert result.conforms, result.to_text()
    assert result.violations == ()


@pytest.mark.parametrize("path", FAILING, ids=case_id)
def test_failing_case_fails_on_the_intended_path(path: Path):
    result = result_of(path)
    assert not result.conforms
    assert result.exit_code == 1
    actual = {observed(v) for v in result.violations}
    assert actual == expected(path), result.to_text()
    for violation in result.violations:
        assert violation.severity == "Violation"
        assert violation.message, f"{violation}: no message"


def test_every_node_shape_has_conforming_and_failing_cases():
    dirs = {p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    names = set()
    for shape in node_shapes():
        assert targets(shape), f"{shape}: a node shape needs a target"
        assert shapes().value(shape, RDFS.label) is not None, f"{shape}: a node shape needs an rdfs:label"
        name = case_dir(shape)
        names.add(name)
        assert any(p.parent.name == name for p in CONFORMING), f"no tests/shapes/{name}/conforms*.ttl"
        assert any(p.parent.name == name for p in FAILING), f"no tests/shapes/{name}/fails-*.ttl"
    assert len(names) == len(node_shapes()), "two node shapes share a label"
    assert dirs == names, "every case directory is named after the label of one node shape"


def test_every_shape_is_exercised_by_a_failing_case():
    hit = {shape_iri(v.shape) for path in FAILING for v in result_of(path).violations}
    node_level = {s for s in node_shapes() if shapes().value(s, SH.nodeKind) is not None}
    missing = (property_shapes() | node_level) - hit
    assert not missing, "shapes no failing case exercises: " + ", ".join(
        sorted(qname(shapes(), s) for s in missing))


# -- the shapes themselves ------------------------------------------------------------

def test_one_node_shape_per_class():
    """One shape per class of the contract and per node of the evidence layer. The build's
    activity, source files and data are reached by the links to them, not by class:
    opg:Operation is a prov:Activity and opg:Release a prov:Entity."""
    found = sorted(t for s in node_shapes() for t in targets(s))
    assert len(found) == len(node_shapes()), "one target per node shape"
    classes = [f"opg:{c}" for c in ("Release", "Operation", "Agency", "Country", "Official", "Outcome")]
    classes += ["nif:Context", "nif:Phrase", "nif:Sentence", "rdf:Statement", "prov:SoftwareAgent"]
    classes += ["schema:Place"]  # a place of action (issue 19): the class schema.org gives it
    classes += ["void:Dataset", "schema:Collection"]  # the build's description of itself (issue 21)
    expected_targets = {("class", c) for c in classes}
    expected_targets |= {("objectsOf", "prov:wasGeneratedBy"), ("objectsOf", "prov:wasDerivedFrom"),
                         ("objectsOf", "prov:used"), ("objectsOf", "void:classPartition"),
                         ("objectsOf", "void:propertyPartition")}
    assert set(found) == expected_targets


def test_every_shape_is_named_and_explains_itself():
    for shape in property_shapes():
        label = qname(shapes(), shape)
        assert isinstance(shape, URIRef), "property shapes are IRIs, so a report names them"
        assert shapes().value(shape, SH.path) is not None, f"{label}: no sh:path"
        assert shapes().value(shape, SH.name) is not None, f"{label}: no sh:name"
        message = shapes().value(shape, SH.message)
        assert message is not None and len(str(message)) > 20, f"{label}: no readable sh:message"
    for shape in node_shapes():
        assert shapes().value(shape, SH.message) is not None, f"{qname(shapes(), shape)}: no sh:message"


def test_shapes_use_shacl_core_only():
    for _, predicate, obj in shapes():
        assert predicate not in (SH.sparql, SH.select, SH.ask, SH.construct), predicate
        assert obj not in (SH.SPARQLConstraint, SH.SPARQLTarget, SH.JSConstraint), obj


@pytest.mark.parametrize("shape, scheme, names", [
    (SHAPES["Outcome-outcomeType"], OPG.OutcomeTypes, OUTCOME_TYPES),
    (SHAPES["Operation-crimeArea"], OPG.CrimeAreas, CRIME_AREAS),
], ids=["outcome types", "crime areas"])
def test_values_in_shapes_are_the_concept_scheme(shape, scheme, names):
    """A concept added to the scheme but not to sh:in (or the other way) fails here."""
    allowed = set(Collection(shapes(), shapes().value(shape, SH["in"])))
    assert {str(t).removeprefix(str(OPG)) for t in allowed} == names
    in_scheme = set(ontology().subjects(SKOS.inScheme, scheme))
    assert allowed == in_scheme
    assert set(ontology().objects(scheme, SKOS.hasTopConcept)) == in_scheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology()
    for concept in in_scheme:
        assert (concept, RDF.type, SKOS.Concept) in ontology()
        assert (concept, SKOS.topConceptOf, scheme) in ontology()
        assert ontology().value(concept, SKOS.prefLabel) is not None, concept
        assert ontology().value(concept, SKOS.definition) is not None, concept
        message = str(shapes().value(shape, SH.message))
        assert qname(shapes(), concept) in message, f"{shape}'s sh:message does not name {concept}"


def test_qualifiers_in_shapes_are_documented_in_the_ontology():
    shape = URIRef("https://w3id.org/opgraph/shapes#Outcome-qualifier")
    allowed = [str(q) for q in Collection(shapes(), shapes().value(shape, SH["in"]))]
    assert len(allowed) == len(set(allowed)) == 11
    comment = str(ontology().value(OPG.qualifier, RDFS.comment))
    for qualifier in allowed:
        assert f'"{qualifier}"' in comment, f"opg:qualifier's comment does not list {qualifier!r}"


# -- the ontology ---------------------------------------------------------------------

KNOWN_VOCABULARIES = (DCTERMS, FOAF, SKOS, OWL, PROV, ORG, RDF, RDFS, XSD, VOID, DCAT)


def defined_elsewhere(iri: URIRef) -> bool:
    """True if a public vocabulary opgraph reuses defines this term. For NIF and ITS RDF,
    imported by reference, the ontology must declare the term and say where it is defined."""
    if str(iri).startswith(SCHEMA):
        return URIRef(str(SDO) + str(iri)[len(SCHEMA):]) in SDO
    for namespace, defined_by in IMPORTED.items():
        if str(iri).startswith(namespace):
            return (iri, RDFS.isDefinedBy, defined_by) in ontology() and \
                declared(iri, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return any(str(iri).startswith(str(ns)) and iri in ns for ns in KNOWN_VOCABULARIES)


def members(target) -> list:
    """A class the ontology mentions, or the members of an owl:unionOf written as a blank node."""
    if isinstance(target, BNode):
        union = ontology().value(target, OWL.unionOf)
        assert union is not None, f"only unions are written as blank nodes: {target!r}"
        return list(Collection(ontology(), union))
    return [target]


def declared(iri: URIRef, *kinds: URIRef) -> bool:
    return any((iri, RDF.type, kind) in ontology() for kind in kinds)


def test_ontology_parses_and_describes_itself():
    onto = URIRef("https://w3id.org/opgraph/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology()
    assert str(ontology().value(onto, OWL.versionInfo)) == "0.1.0"
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology().value(onto, prop) is not None, prop


def test_ontology_declares_every_term_the_shapes_use():
    classes = set(shapes().objects(None, SH.targetClass)) | set(shapes().objects(None, SH["class"]))
    properties = {p for p in shapes().objects(None, SH.path) if isinstance(p, URIRef)}
    properties |= set(shapes().objects(None, SH.inversePath))
    assert classes and properties
    for cls in classes:
        if cls.startswith(str(OPG)):
            assert declared(cls, OWL.Class), f"the ontology does not declare class {cls}"
        else:
            assert defined_elsewhere(cls), cls
    for prop in properties:
        if prop.startswith(str(OPG)):
            assert declared(prop, OWL.ObjectProperty, OWL.DatatypeProperty), \
                f"the ontology does not declare property {prop}"
        else:
            assert defined_elsewhere(prop), f"{prop} is not a term of a known vocabulary"


CLASSES = {"Release", "Operation", "Agency", "Country", "Official", "Outcome"}
OBJECT_PROPERTIES = {"reports", "quotes", "involves", "ledBy", "country", "outcome", "crimeArea", "location",
                     "outcomeType", "inCountry", "memberOf", "basedIn", "evidence"}
DATATYPE_PROPERTIES = {"sourcePath", "textHash", "publisherName", "codename", "startYear", "actionDate",
                       "count", "qualifier", "item", "unit", "quantity", "title", "statement",
                       "inReferenceData", "countryCode", "countryCodeAlpha3",
                       "confidence", "method", "path", "sha256", "version", "minConfidence",
                       "evidenceLeftOut"}
# The terms of NIF 2.0 Core and ITS RDF the graph uses, declared by the ontology.
IMPORTED_TERMS = {
    OWL.Class: {NIF.Context, NIF.Phrase, NIF.Sentence},
    OWL.DatatypeProperty: {NIF.isString, NIF.beginIndex, NIF.endIndex, NIF.anchorOf, GEO.lat, GEO.long},
    OWL.ObjectProperty: {NIF.referenceContext, NIF.sentence, ITSRDF.taIdentRef},
}
CONCEPT_SCHEMES = {"OutcomeTypes", "CrimeAreas"}


def test_ontology_declares_the_contract():
    def local(kind):
        return {str(s).removeprefix(str(OPG)) for s in ontology().subjects(RDF.type, kind)
                if s.startswith(str(OPG))}

    assert local(OWL.Class) == CLASSES
    assert local(OWL.ObjectProperty) == OBJECT_PROPERTIES
    assert local(OWL.DatatypeProperty) == DATATYPE_PROPERTIES
    assert local(SKOS.Concept) == OUTCOME_TYPES | CRIME_AREAS
    assert local(SKOS.ConceptScheme) == CONCEPT_SCHEMES


def test_ontology_declares_the_imported_terms_it_uses():
    """NIF and ITS RDF are imported by reference: the terms used are declared with the kind
    their vocabulary gives them, rdfs:isDefinedBy and how opgraph uses them; nothing else of
    theirs, and no owl:imports (loading the ontology needs no network)."""
    for kind, expected_terms in IMPORTED_TERMS.items():
        found = {s for s in ontology().subjects(RDF.type, kind)
                 if any(str(s).startswith(ns) for ns in IMPORTED)}
        assert found == expected_terms, kind
    for terms in IMPORTED_TERMS.values():
        for term in terms:
            assert defined_elsewhere(term), term
            assert ontology().value(term, RDFS.comment) is not None, f"{term}: no rdfs:comment"
            assert ontology().value(term, RDFS.domain) is None, f"{term}: its domain is NIF's own"
            assert ontology().value(term, RDFS.range) is None, f"{term}: its range is NIF's own"
    assert not list(ontology().objects(None, OWL.imports))


def test_every_opg_term_is_documented():
    terms = {s for s in ontology().subjects() if isinstance(s, URIRef) and s.startswith(str(OPG))}
    assert len(terms) == len(CLASSES | OBJECT_PROPERTIES | DATATYPE_PROPERTIES | OUTCOME_TYPES
                             | CRIME_AREAS | CONCEPT_SCHEMES)
    for term in terms:
        if declared(term, SKOS.Concept, SKOS.ConceptScheme):
            continue
        assert declared(term, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty), term
        assert ontology().value(term, RDFS.label) is not None, f"{term}: no rdfs:label"
        assert ontology().value(term, RDFS.comment) is not None, f"{term}: no rdfs:comment"
        if declared(term, OWL.ObjectProperty, OWL.DatatypeProperty):
            assert ontology().value(term, RDFS.domain) is not None, f"{term}: no rdfs:domain"
            assert ontology().value(term, RDFS.range) is not None, f"{term}: no rdfs:range"


def test_every_term_the_ontology_mentions_exists():
    """Alignments must point at real terms: a typo (schema:GovernmentOrganisation) fails."""
    for prop in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.disjointWith):
        for _, mentioned in ontology().subject_objects(prop):
            for target in members(mentioned):
                if target.startswith(str(OPG)):
                    assert declared(target, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty), target
                else:
                    assert defined_elsewhere(target), f"{target} is not a term of a known vocabulary"


def test_classes_are_aligned_to_public_vocabularies():
    expected_alignments = {
        "Release": {SDO.NewsArticle, PROV.Entity, FOAF.Document},
        "Operation": {SDO.Event, PROV.Activity},
        "Agency": {ORG.Organization, SDO.GovernmentOrganization, FOAF.Organization},
        "Country": {SDO.Country},
        "Official": {FOAF.Person, SDO.Person},
        "Outcome": {SDO.QuantitativeValue},
    }
    for name, supers in expected_alignments.items():
        actual = {URIRef(str(s).replace(SCHEMA, str(SDO))) for s in ontology().objects(OPG[name], RDFS.subClassOf)}
        assert supers <= actual, f"opg:{name} lacks {supers - actual}"


def test_led_by_is_a_kind_of_involves():
    assert (OPG.ledBy, RDFS.subPropertyOf, OPG.involves) in ontology()


def test_datatypes_of_shapes_are_the_ranges_of_the_ontology():
    """A property the shapes type one way and the ontology another would confuse every user."""
    checked = set()
    for shape in property_shapes():
        path, datatype = shapes().value(shape, SH.path), shapes().value(shape, SH.datatype)
        if not (isinstance(path, URIRef) and path.startswith(str(OPG)) and datatype is not None):
            continue
        assert ontology().value(path, RDFS.range) == datatype, f"{qname(shapes(), shape)}: range differs"
        checked.add(str(path).removeprefix(str(OPG)))
    assert {"startYear", "actionDate", "item", "unit", "quantity", "statement", "count",
            "confidence", "method", "path", "sha256", "version", "minConfidence"} <= checked


def test_count_alone_is_the_schema_value_of_an_outcome():
    """With a scale word ("EUR million") the quantity is not a number of the unit; the count is."""
    assert (OPG["count"], RDFS.subPropertyOf, URIRef(SCHEMA + "value")) in ontology()
    assert (OPG.unit, RDFS.subPropertyOf, URIRef(SCHEMA + "unitText")) in ontology()
    assert ontology().value(OPG.quantity, RDFS.subPropertyOf) is None


def test_amounts_are_single_and_merged_operation_facts_are_not():
    """An outcome has one amount; an operation merged from several releases may have several years."""
    single = {OPG.item, OPG.unit, OPG.quantity}
    assert all((p, RDF.type, OWL.FunctionalProperty) in ontology() for p in single)
    several = {OPG.crimeArea, OPG.startYear, OPG.actionDate, OPG.statement}
    assert not any((p, RDF.type, OWL.FunctionalProperty) in ontology() for p in several)
    for name in ("Outcome-item", "Outcome-unit", "Outcome-quantity"):
        assert shapes().value(SHAPES[name], SH.maxCount) == Literal(1), name
    for name in ("Operation-crimeArea", "Operation-startYear", "Operation-actionDate", "Official-statement"):
        assert shapes().value(SHAPES[name], SH.maxCount) is None, name


# -- the evidence layer (issue 6) -----------------------------------------------------

FACTS = (OPG.Outcome, OPG.Official, RDF.Statement)


@pytest.mark.parametrize("text, accepted", [
    ("0.00", True), ("0.05", True), ("0.90", True), ("0.95", True), ("1.00", True),
    ("0.0", True), ("0.9", True), ("1.0", True),
    ("0.955", False), ("1", False), ("1.01", False), (".9", False), ("00.9", False), ("0,9", False),
])
def test_confidence_has_one_or_two_decimals(text, accepted):
    """The build writes two decimals ("0.90", as confidence.tsv); a triplestore gives the same value
    back in canonical form ("0.9"). A graph read back from a store must validate too."""
    for shape in ("Outcome-confidence", "Official-confidence", "Statement-confidence"):
        pattern = re.compile(str(shapes().value(SHAPES[shape], SH.pattern)))
        assert bool(pattern.search(text)) is accepted, (shape, text)
EVIDENCE_PROPERTIES = (OPG.evidence, OPG.confidence, OPG.method)


def test_evidence_is_a_kind_of_derivation_from_a_phrase():
    """A PROV reader follows a fact back to its words without knowing opgraph."""
    assert (OPG.evidence, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in ontology()
    assert ontology().value(OPG.evidence, RDFS.range) == NIF.Phrase
    for prop in EVIDENCE_PROPERTIES:
        assert members(ontology().value(prop, RDFS.domain)) == list(FACTS), prop
    for prop in (OPG.confidence, OPG.method):
        assert (prop, RDF.type, OWL.FunctionalProperty) in ontology(), prop


def test_a_release_is_a_nif_context_by_data_not_by_subclass():
    """The evidence layer types each release nif:Context, and the shapes require a context to be
    a release; the ontology says why it does not make opg:Release a subclass of nif:Context."""
    assert (OPG.Release, RDFS.subClassOf, NIF.Context) not in ontology()
    shape = SHAPES["Context-release"]
    assert shapes().value(shape, SH.path) == RDF.type
    assert shapes().value(shape, SH.hasValue) == OPG.Release


def test_outcomes_and_officials_lead_back_to_words_in_the_evidence_layer():
    """Their words are in evidence.nq, written on request (kg build --evidence); a graph without
    it conforms, and where it is, an outcome's or official's evidence must be phrases. Their
    confidence and method stay with the facts."""
    for cls in ("Outcome", "Official"):
        evidence = SHAPES[f"{cls}-evidence"]
        assert shapes().value(evidence, SH.minCount) is None, cls
        assert shapes().value(evidence, SH["class"]) == NIF.Phrase, cls
        for name in ("confidence", "method"):
            shape = SHAPES[f"{cls}-{name}"]
            assert shapes().value(shape, SH.minCount) == Literal(1), (cls, name)
            assert shapes().value(shape, SH.maxCount) == Literal(1), (cls, name)
    # A statement may lack evidence: a publication date read from the source's metadata.
    assert shapes().value(SHAPES["Statement-evidence"], SH.minCount) is None


def test_statement_predicates_are_documented_by_evidence():
    """The edges that get a statement are listed in sh:in and in opg:evidence's comment."""
    allowed = list(Collection(shapes(), shapes().value(SHAPES["Statement-predicate"], SH["in"])))
    assert len(allowed) == len(set(allowed)) == 10
    comment = str(ontology().value(OPG.evidence, RDFS.comment))
    message = str(shapes().value(SHAPES["Statement-predicate"], SH.message))
    for predicate in allowed:
        assert declared(predicate, OWL.ObjectProperty, OWL.DatatypeProperty) or defined_elsewhere(predicate)
        assert qname(shapes(), predicate) in comment, f"opg:evidence's comment does not name {predicate}"
        assert qname(shapes(), predicate) in message, f"Statement-predicate's message does not name {predicate}"


def test_confidence_table_fits_the_shapes():
    """Every rule of kg/extract/data/confidence.tsv is a method the shapes accept, with a
    confidence they accept, for a fact the graph carries evidence for."""
    if not CONFIDENCE_TSV.is_file():
        pytest.skip("kg/extract/data/confidence.tsv is not there yet")
    method = re.compile(str(shapes().value(SHAPES["Statement-method"], SH.pattern)))
    confidence = re.compile(str(shapes().value(SHAPES["Statement-confidence"], SH.pattern)))
    predicates = {qname(shapes(), p).split(":")[-1]
                  for p in Collection(shapes(), shapes().value(SHAPES["Statement-predicate"], SH["in"]))}
    rows = [line.split("\t") for line in CONFIDENCE_TSV.read_text(encoding="utf-8").splitlines()[1:] if line]
    assert rows
    for fact, name, value, *_ in rows:
        assert fact in predicates | {"outcome", "official"}, f"confidence.tsv: unknown fact {fact!r}"
        assert method.match(name), f"confidence.tsv: method {name!r} does not fit opg:method"
        assert confidence.match(value) and 0 <= Decimal(value) <= 1, f"confidence.tsv: {fact} {name} {value!r}"
