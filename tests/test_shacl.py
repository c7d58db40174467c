"""kg.shacl, the fast validator, must say what pySHACL (kg.validation) says.

Why: pySHACL is the reference engine and kg.shacl the one the build can afford to run
on every release graph. These tests keep them in agreement: on every shape test case
(tests/shapes/*/*.ttl), on the built example graph and broken variants of it, on a
release graph validated against the reference graph as background, and on a shapes
graph of our own that exercises every supported feature. A shapes graph using a feature
kg.shacl lacks must be refused, never half-checked. Speed is measured, not tested.
"""
from __future__ import annotations

import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS, XSD

from kg.errors import ValidationRunError
from kg.shacl import Shapes, TripleIndex, UnsupportedShapesError, default_shapes, validate_triples
from kg.validation import ValidationResult, Violation, load_shapes, union_graph, validate

OPG = Namespace("https://w3id.org/opgraph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
REFERENCE = URIRef("https://w3id.org/opgraph/id/graph/reference")
CASES = sorted((Path(__file__).parent / "shapes").glob("*/*.ttl"))


@cache
def shapes_graph() -> Graph:
    return load_shapes()


@cache
def compiled() -> Shapes:
    return Shapes(shapes_graph())


def case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def assert_agree(reference: ValidationResult, fast: ValidationResult) -> None:
    """Same conformance and the same violations, field by field (both lists are sorted
    on every field, so equal tuples mean equal multisets)."""
    assert fast.conforms == reference.conforms
    assert fast.violations == reference.violations, _diff(reference.violations, fast.violations)


def _diff(reference: tuple[Violation, ...], fast: tuple[Violation, ...]) -> str:
    only_ref = [v for v in reference if v not in fast]
    only_fast = [v for v in fast if v not in reference]
    return f"pySHACL only: {only_ref}\nkg.shacl only: {only_fast}"


# -- every shape test case ------------------------------------------------------------

@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_agrees_with_pyshacl_on_every_case_file(path: Path):
    """Each case file alone, as tests/test_shapes.py reads it (no shared background file)."""
    data = Graph().parse(path, format="turtle")
    reference = validate(data, shapes_graph())
    fast = validate_triples(compiled(), data)
    assert_agree(reference, fast)
    assert fast.conforms == path.name.startswith("conforms")


# -- the built examples graph, whole and broken ----------------------------------------

@pytest.fixture(scope="module")
def examples(examples_graph: Path) -> Dataset:
    ds = Dataset()
    ds.parse(examples_graph, format="nquads")
    return ds


def test_agrees_on_the_built_examples(examples: Dataset):
    reference = validate(examples, shapes_graph())
    assert reference.conforms
    assert_agree(reference, validate_triples(compiled(), union_graph(examples)))
    # A Dataset is read as the union of its graphs; a triple in two graphs counts once.
    assert_agree(reference, validate_triples(compiled(), examples))
    triples_with_repeats = [(s, p, o) for s, p, o, _ in examples.quads((None, None, None, None))]
    assert len(triples_with_repeats) > len(union_graph(examples))
    assert_agree(reference, validate_triples(compiled(), triples_with_repeats))


def _first(graph: Graph, cls: URIRef, having: URIRef | None = None) -> URIRef:
    nodes = sorted(s for s in graph.subjects(RDF.type, cls)
                   if having is None or graph.value(s, having) is not None)
    assert nodes, f"the examples have no {cls} with {having}"
    return nodes[0]


def _replace(graph: Graph, s, p, new) -> None:
    old = graph.value(s, p)
    graph.remove((s, p, old))
    graph.add((s, p, new))


def no_count(g: Graph) -> None:
    g.remove((_first(g, OPG.Outcome), OPG["count"], None))


def two_texts(g: Graph) -> None:
    g.add((_first(g, OPG.Release), NIF.isString, Literal("a second text")))


def ill_typed_count(g: Graph) -> None:
    _replace(g, _first(g, OPG.Outcome), OPG["count"], Literal("abc", datatype=XSD.integer))


def count_as_string(g: Graph) -> None:
    _replace(g, _first(g, OPG.Outcome), OPG["count"], Literal("3"))


def literal_for_agency(g: Graph) -> None:
    operation = _first(g, OPG.Operation, OPG.involves)
    _replace(g, operation, OPG.involves, Literal(str(g.value(operation, OPG.involves))))


def invalid_date(g: Graph) -> None:
    _replace(g, _first(g, OPG.Release, DCTERMS.issued), DCTERMS.issued,
             Literal("2020-02-30", datatype=XSD.date))


def untyped_agency(g: Graph) -> None:
    agency = g.value(_first(g, OPG.Operation, OPG.involves), OPG.involves)
    g.remove((agency, RDF.type, OPG.Agency))


def confidence_three_decimals(g: Graph) -> None:
    _replace(g, _first(g, OPG.Outcome), OPG.confidence, Literal("0.955", datatype=XSD.decimal))


def begin_after_end(g: Graph) -> None:
    phrase = _first(g, NIF.Phrase)
    _replace(g, phrase, NIF.beginIndex, Literal("99999", datatype=XSD.nonNegativeInteger))


def blank_node_release(g: Graph) -> None:
    release, blank = _first(g, OPG.Release), BNode("release")
    for s, p, o in list(g.triples((release, None, None))):
        g.remove((s, p, o))
        g.add((blank, p, o))
    for s, p, o in list(g.triples((None, None, release))):
        g.remove((s, p, o))
        g.add((s, p, blank))


BREAKS: list[tuple[Callable[[Graph], None], str]] = [
    (no_count, "MinCount"),
    (two_texts, "MaxCount"),
    (ill_typed_count, "Datatype"),
    (count_as_string, "Datatype"),
    (literal_for_agency, "NodeKind"),
    (invalid_date, "Or"),
    (untyped_agency, "Class"),
    (confidence_three_decimals, "Pattern"),
    (begin_after_end, "LessThanOrEquals"),
    (blank_node_release, "NodeKind"),
]


@pytest.mark.parametrize("break_it, constraint", BREAKS, ids=[b.__name__ for b, _ in BREAKS])
def test_agrees_on_broken_examples(examples: Dataset, break_it, constraint: str):
    graph = Graph()
    for triple in union_graph(examples):
        graph.add(triple)
    break_it(graph)
    reference = validate(graph, shapes_graph())
    assert not reference.conforms
    assert f"sh:{constraint}ConstraintComponent" in {v.constraint for v in reference.violations}
    assert_agree(reference, validate_triples(compiled(), graph))


def test_a_comparison_pyshacl_cannot_make_stops_both(examples: Dataset):
    """An ill-typed nif:beginIndex cannot be compared with nif:endIndex: pySHACL stops with an
    error rather than report, and so does kg.shacl."""
    graph = Graph()
    for triple in union_graph(examples):
        graph.add(triple)
    _replace(graph, _first(graph, NIF.Phrase), NIF.beginIndex,
             Literal("abc", datatype=XSD.nonNegativeInteger))
    with pytest.raises(ValidationRunError):
        validate(graph, shapes_graph())
    with pytest.raises(ValidationRunError):
        validate_triples(compiled(), graph)


# -- a release graph with the reference graph as background -----------------------------

def _node_shape_of(shape: str) -> str:
    """The node shape a violation belongs to: itself, or the node shape holding the property shape."""
    g = shapes_graph()
    node = g.namespace_manager.expand_curie(shape)
    parent = g.value(None, SH.property, node)
    return g.namespace_manager.normalizeUri(parent if parent is not None else node)


def _targets_in(data: Graph) -> set[tuple[str, str]]:
    """(node shape, focus) pairs the targets select from `data` alone."""
    g = shapes_graph()
    found = set()
    for shape in g.subjects(RDF.type, SH.NodeShape):
        name = g.namespace_manager.normalizeUri(shape)
        for cls in g.objects(shape, SH.targetClass):
            found |= {(name, str(s)) for s in data.subjects(RDF.type, cls)}
        for pred in g.objects(shape, SH.targetObjectsOf):
            found |= {(name, str(o)) for o in data.objects(None, pred)}
    return found


def _broken_dataset(examples: Dataset) -> tuple[Dataset, URIRef, set[URIRef]]:
    """The examples with faults in one release graph, in the reference description of an agency
    that release types, and in the reference description of an agency it does not mention
    (other releases may)."""
    ds = Dataset()
    for quad in examples.quads((None, None, None, None)):
        ds.add(quad)
    ref = ds.graph(REFERENCE)
    releases = [g for g in ds.graphs() if g.identifier != REFERENCE and len(g)]
    release = max(releases, key=lambda g: len(set(g.subjects(RDF.type, OPG.Agency))))
    mentioned = sorted(set(release.subjects(RDF.type, OPG.Agency)))
    unmentioned = sorted(set(ref.subjects(RDF.type, OPG.Agency)) - set(release.subjects())
                         - set(release.objects()))
    assert mentioned and unmentioned
    ref.remove((mentioned[0], SKOS.prefLabel, None))
    ref.add((unmentioned[0], SKOS.prefLabel, Literal("a second label")))
    outcome = sorted(release.subjects(RDF.type, OPG.Outcome))[0]
    release.remove((outcome, OPG["count"], None))
    return ds, release.identifier, {mentioned[0], unmentioned[0]}


def test_background_gives_the_violations_of_the_union_restricted_to_the_data(examples: Dataset):
    ds, broken, faulty_agencies = _broken_dataset(examples)
    background = [(s, p, o) for s, p, o in ds.graph(REFERENCE)]
    indexed = compiled().index(background)
    checked = clean = 0
    for graph in ds.graphs():
        if graph.identifier == REFERENCE or not len(graph) or str(graph.identifier).endswith("/evidence"):
            continue
        evidence = ds.graph(URIRef(f"{graph.identifier}/evidence"))  # validated with its release
        data = [(s, p, o) for s, p, o in graph] + [(s, p, o) for s, p, o in evidence]
        union = Graph()
        for triple in data + background:
            union.add(triple)
        on_union = validate(union, shapes_graph())
        own = Graph()
        for triple in data:
            own.add(triple)
        targets = _targets_in(own)
        expected = tuple(v for v in on_union.violations if (_node_shape_of(v.shape), v.focus) in targets)
        fast = validate_triples(compiled(), data, indexed)
        assert fast.violations == expected, _diff(expected, fast.violations)
        assert fast.conforms == (not expected)
        assert validate_triples(compiled(), data, background).violations == expected
        if graph.identifier == broken:
            assert {v.constraint for v in expected} == {"sh:MinCountConstraintComponent"}
            assert {v.path for v in expected} == {"skos:prefLabel", "opg:count"}
            # The agency the release does not mention is the union's problem, not the release's.
            assert len(on_union.violations) > len(expected)
        elif not any((agency, RDF.type, OPG.Agency) in graph for agency in faulty_agencies):
            assert fast.conforms
            clean += 1
        checked += 1
    assert checked >= 2 and clean >= 1


def test_without_background_data_is_the_whole_graph(examples: Dataset):
    ds, _, _ = _broken_dataset(examples)
    assert_agree(validate(ds, shapes_graph()), validate_triples(compiled(), ds))


def test_a_background_indexed_for_other_shapes_is_refused():
    other = Shapes(shapes_graph())
    with pytest.raises(ValueError):
        validate_triples(compiled(), [], other.index([]))


# -- every supported feature, on shapes of our own ------------------------------------

FEATURE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:nodeKind sh:IRI ;
    sh:property ex:Thing-label , ex:Thing-size , ex:Thing-start , ex:Thing-part , ex:Thing-colour ,
        ex:Thing-off , ex:Thing-warn , ex:Thing-ownedBy , ex:Thing-alt , ex:Thing-kind ,
        ex:Thing-name , ex:Thing-count ;
    sh:property [ sh:path ex:note ; sh:maxCount 1 ; sh:minLength 2 ; sh:message "note" ] .

ex:Thing-label a sh:PropertyShape ; sh:path rdfs:label ; sh:minCount 1 ; sh:maxCount 1 ;
    sh:datatype xsd:string ; sh:minLength 1 ; sh:pattern "^[A-Z]" ; sh:message "label"@en .
ex:Thing-size a sh:PropertyShape ; sh:path ex:size ; sh:datatype xsd:integer ;
    sh:minInclusive 1 ; sh:maxInclusive 10 ; sh:lessThanOrEquals ex:limit ; sh:message "size" .
ex:Thing-start a sh:PropertyShape ; sh:path ex:start ; sh:datatype xsd:date ;
    sh:minInclusive "2000-01-01"^^xsd:date ; sh:lessThanOrEquals ex:end ; sh:message "start" .
ex:Thing-part a sh:PropertyShape ; sh:path ex:part ; sh:class ex:Part ;
    sh:nodeKind sh:BlankNodeOrIRI ; sh:message "part" .
ex:Thing-colour a sh:PropertyShape ; sh:path ex:colour ; sh:in ( "red" "green" ex:Blue 3 ) ;
    sh:message "colour" .
ex:Thing-off a sh:PropertyShape ; sh:path ex:size ; sh:deactivated true ; sh:maxCount 0 .
ex:Thing-warn a sh:PropertyShape ; sh:path ex:size ; sh:severity sh:Warning ; sh:maxInclusive 5 ;
    sh:message "size above five"@en .
ex:Thing-ownedBy a sh:PropertyShape ; sh:path [ sh:inversePath ex:owns ] ; sh:maxCount 1 ;
    sh:class ex:Owner ; sh:message "owner" .
ex:Thing-alt a sh:PropertyShape ; sh:path ex:alt ; sh:message "alt" ;
    sh:or ( [ sh:datatype xsd:string ] [ sh:datatype rdf:langString ] [ sh:class ex:Part ] ) .
ex:Thing-kind a sh:PropertyShape ; sh:path rdf:type ; sh:hasValue ex:Thing ; sh:message "kind" .
ex:Thing-name a sh:PropertyShape ; sh:path ex:name ; sh:minLength 3 ; sh:datatype rdf:langString ;
    sh:message "name" .
ex:Thing-count a sh:PropertyShape ; sh:path ex:count ; sh:datatype xsd:integer ; sh:minInclusive 0 ;
    sh:message "count" .

ex:OwnedShape a sh:NodeShape ; sh:targetObjectsOf ex:owns ; sh:nodeKind sh:IRI ;
    sh:message "owned things are IRIs" ;
    sh:property [ sh:path [ sh:inversePath ex:owns ] ; sh:minCount 1 ; sh:nodeKind sh:IRI ;
                  sh:message "owners are IRIs" ] .

ex:OffShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ; sh:nodeKind sh:Literal .

ex:PartShape a sh:NodeShape ; sh:targetClass ex:Part ; sh:severity sh:Info ; sh:hasValue ex:p1 ;
    sh:message "the one part" .
"""

FEATURE_DATA = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:Widget rdfs:subClassOf ex:Thing .
ex:Gadget rdfs:subClassOf ex:Widget .
ex:SubPart rdfs:subClassOf ex:Part .

ex:t1 a ex:Thing ; rdfs:label "Good" ; ex:size 3 ; ex:limit 4 ; ex:start "2001-01-01"^^xsd:date ;
    ex:end "2002-01-01"^^xsd:date ; ex:part ex:p1 ; ex:colour "red", ex:Blue ; ex:alt "x", "y"@en ;
    ex:name "abc"@en .
ex:t2 a ex:Gadget ; rdfs:label "bad", "Two" ; ex:count "abc"^^xsd:integer, -1, "2"^^xsd:long ;
    ex:size 11, 7, "5"^^xsd:decimal ; ex:limit 6, "x" ;
    ex:start "1999-01-01"^^xsd:date, "2000-02-30"^^xsd:date, "2003-01-01"^^xsd:date ;
    ex:end "2002-01-01"^^xsd:date ;
    ex:part ex:p2, ex:p3, "lit", _:b1 ; ex:colour "blue", "red"@en, 3, "3"^^xsd:decimal, ex:Red ;
    ex:alt 5, ex:p3, ex:p2 ; ex:note "a", "b" ; ex:name "ab"@en, "abcd" .
_:b1 a ex:SubPart .
ex:p2 a ex:SubPart .
ex:p3 a ex:Other .
ex:o1 ex:owns ex:t1, "literal", _:b2 .
ex:o2 ex:owns ex:t1 .
_:b3 ex:owns _:b2 .
ex:o1 a ex:Owner .
_:b4 a ex:Thing ; rdfs:label "Blank" .
ex:p1 a ex:Part .
"""

EX = Namespace("http://example.org/")


def test_agrees_on_every_supported_feature():
    """Subclass targets and sh:class through rdfs:subClassOf, inverse paths, literal and blank
    focus nodes, ill-typed literals, ranges on dates and numbers, sh:or, sh:in with literals,
    sh:hasValue on node and property shapes, blank-node shapes, sh:deactivated and severities."""
    shapes = Graph().parse(data=FEATURE_SHAPES, format="turtle")
    data = Graph().parse(data=FEATURE_DATA, format="turtle")
    reference = validate(data, shapes)
    assert len(reference.violations) > 30
    assert {v.severity for v in reference.violations} == {"Violation", "Warning", "Info"}
    assert_agree(reference, validate_triples(Shapes(shapes), data))


def test_warnings_alone_conform_as_in_kg_validation():
    shapes = Graph().parse(data=FEATURE_SHAPES, format="turtle")
    data = Graph()
    data.add((EX.t, RDF.type, EX.Thing))
    data.add((EX.t, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Fine")))
    data.add((EX.t, EX.size, Literal(7)))
    reference = validate(data, shapes)
    assert reference.conforms and [v.severity for v in reference.violations] == ["Warning"]
    assert_agree(reference, validate_triples(Shapes(shapes), data))


def test_generic_messages_where_a_shape_has_none():
    """Without sh:message, kg.shacl writes pySHACL's generic message: the same wording, with
    data nodes written using rdflib's default prefixes rather than the data graph's."""
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] , [ sh:path ex:q ; sh:nodeKind sh:IRI ] .
        """, format="turtle")
    data = Graph()
    data.add((EX.t, RDF.type, EX.Thing))
    data.add((EX.t, EX.q, Literal("x")))
    reference, fast = validate(data, shapes), validate_triples(Shapes(shapes), data)
    assert {(v.constraint, v.value) for v in fast.violations} == {
        (v.constraint, v.value) for v in reference.violations}
    messages = {v.message for v in fast.violations}
    assert messages == {"Less than 1 values on <http://example.org/t>->ex:p",
                        "Value is not of Node Kind sh:IRI"}
    assert "Value is not of Node Kind sh:IRI" in {v.message for v in reference.violations}


# -- refusing what is not supported ----------------------------------------------------

UNSUPPORTED = {
    "sh:closed": "opgsh:ReleaseShape sh:closed true .",
    "sh:targetNode": "opgsh:X a sh:NodeShape ; sh:targetNode opg:x ; sh:nodeKind sh:IRI .",
    "sh:targetSubjectsOf": "opgsh:X a sh:NodeShape ; sh:targetSubjectsOf opg:x ; sh:nodeKind sh:IRI .",
    "sh:maxLength": "opgsh:Release-title sh:maxLength 200 .",
    "sh:flags": "opgsh:Release-language sh:flags \"i\" .",
    "sh:sparql": "opgsh:ReleaseShape sh:sparql [ sh:select \"SELECT $this WHERE { }\" ] .",
    "sh:node": "opgsh:Release-reports sh:node opgsh:OperationShape .",
    "sh:not": "opgsh:Release-title sh:not [ sh:datatype rdf:langString ] .",
    "sh:and": "opgsh:Release-title sh:and ( [ sh:datatype xsd:string ] ) .",
    "sh:xone": "opgsh:Release-title sh:xone ( [ sh:datatype xsd:string ] ) .",
    "sh:equals": "opgsh:Release-title sh:equals dcterms:title .",
    "sh:languageIn": "opgsh:Release-title sh:languageIn ( \"en\" ) .",
    "sh:minExclusive": "opgsh:Outcome-count sh:minExclusive 0 .",
    "sh:qualifiedValueShape": "opgsh:Release-reports sh:qualifiedValueShape [ sh:class opg:Operation ] .",
    "sh:alternativePath": "opgsh:X a sh:PropertyShape ; sh:path [ sh:alternativePath ( opg:a opg:b ) ] .",
    "property path": "opgsh:X a sh:PropertyShape ; sh:path ( opg:a opg:b ) .",
    "sh:SPARQLConstraint": "opgsh:C a sh:SPARQLConstraint .",
    "implicit class target": "opg:Thing a rdfs:Class , sh:NodeShape ; sh:nodeKind sh:IRI .",
    "2 values of sh:datatype": "opgsh:Release-title sh:datatype rdf:langString .",
}


@pytest.mark.parametrize("feature", sorted(UNSUPPORTED))
def test_a_feature_the_engine_lacks_is_refused_when_compiled(feature: str):
    shapes = Graph()
    for triple in shapes_graph():
        shapes.add(triple)
    for prefix, namespace in shapes_graph().namespaces():
        shapes.bind(prefix, namespace)
    prefixes = "".join(f"@prefix {p}: <{n}> .\n" for p, n in shapes_graph().namespaces() if p)
    shapes.parse(data=prefixes + UNSUPPORTED[feature], format="turtle")
    with pytest.raises(UnsupportedShapesError, match=feature):
        Shapes(shapes)


def test_the_packaged_shapes_compile():
    assert isinstance(default_shapes(), Shapes)
    assert default_shapes() is default_shapes()
    assert issubclass(UnsupportedShapesError, ValidationRunError)


# -- the API ---------------------------------------------------------------------------

def test_compiled_shapes_survive_pickling(examples: Dataset):
    graph = Graph()
    for triple in union_graph(examples):
        graph.add(triple)
    no_count(graph)
    copy = pickle.loads(pickle.dumps(compiled()))
    assert validate_triples(copy, graph).violations == validate_triples(compiled(), graph).violations
    background = copy.index(list(examples.graph(REFERENCE)))
    assert isinstance(background, TripleIndex)


def test_report_turtle_is_a_shacl_report(examples: Dataset):
    conforming = validate_triples(compiled(), examples)
    report = Graph().parse(data=conforming.report_turtle, format="turtle")
    assert (None, SH.conforms, Literal(True)) in report
    graph = Graph()
    for triple in union_graph(examples):
        graph.add(triple)
    blank_node_release(graph)
    failing = validate_triples(compiled(), graph)
    report = Graph().parse(data=failing.report_turtle, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert len(results) == len(failing.violations)
    iris = {str(report.value(r, SH.focusNode)) for r in results} - {str(b) for b in report.all_nodes()
                                                                     if isinstance(b, BNode)}
    assert iris == {v.focus for v in failing.violations} - {"release"}
    assert sum(isinstance(report.value(r, SH.focusNode), BNode) for r in results) == sum(
        v.focus == "release" for v in failing.violations) > 0
    assert failing.exit_code == 1 and "Conforms: no" in failing.to_text()
