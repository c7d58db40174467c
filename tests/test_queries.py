"""The shipped named queries: each runs and answers on real builds, the same on every kind of
source, and gives exactly the expected answer on small graphs written here."""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import build
from kg.cli import main
from kg.query import named_queries
from kg.store import by_graph, read_quads


# A value for every parameter each query declares (optional ones included), chosen to match the
# examples. The test below checks that these are exactly the declared parameters.
PARAMS: dict[str, dict[str, str]] = {
    "agency-timeline": {"agency": "Europol"},
    "country-pairs": {"country": "es"},
    "evidence-for": {"entity": "Glass Harbour", "other": "Europol"},
    "officials": {"agency": "opgid:agency/europol"},
    "operation": {"operation": "operation glass harbour"},
    "operations-near": {"place": "Rotterdam", "country": "NL"},
    "outcomes-per-country": {"type": "arrest"},
    "partners-of": {"agency": "policía nacional"},
    "seizures": {"item": "firearm"},
}
# Queries whose answer on the examples may legitimately be empty, and the release texts that
# make them answer: the same operation reported by two releases (one dated, one not).
OWN_RELEASES = {
    "a.txt": "date 2024-05-10\nDrug network dismantled in Operation Blue Falcon\n\n"
             "In an action day led by the Spanish National Police, with the support of Europol and "
             "the Dutch National Police, officers arrested 12 suspects in Spain and 3 in the "
             "Netherlands. Operation Blue Falcon targeted a cocaine trafficking network.\n",
    "b.txt": "Police in the Netherlands arrest three in Operation Blue Falcon\n\n"
             "The Dutch National Police arrested 3 suspects in the Netherlands as part of Operation "
             "Blue Falcon, an investigation led by the Spanish National Police and coordinated by "
             "Eurojust. Officers searched 5 houses.\n",
}
NEEDS_OWN_RELEASES = {"operations-in-several-releases"}

QUERIES = sorted(named_queries())


def kg(*args: str):
    """The CLI, in process, with a fixed terminal width for tables."""
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "100"})


def param_args(name: str, params: dict[str, str] | None = None) -> list[str]:
    given = PARAMS.get(name, {}) if params is None else params
    return [arg for key, value in given.items() for arg in ("--param", f"{key}={value}")]


def bindings(output: str) -> list[dict]:
    return json.loads(output)["results"]["bindings"]


def optional(name: str, param: str) -> bool:
    return param in named_queries()[name].optional


@pytest.fixture(scope="module")
def own_graph(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("own-releases")
    for name, text in OWN_RELEASES.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("own")
    build([src], out)
    return out / "graph.nq"


# -- the library ---------------------------------------------------------------------------

def test_at_least_twelve_queries_ship_each_with_a_one_line_question():
    assert len(QUERIES) >= 12
    for name, query in named_queries().items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name
        first = query.text.splitlines()[0]
        assert first.startswith("# ") and query.description == first[2:].strip(), name
        assert query.description.endswith(".") and len(query.description) <= 120, name


@pytest.mark.parametrize("name", QUERIES)
def test_parameters_are_declared_used_and_given_here(name):
    query = named_queries()[name]
    declared = [p for p, _ in query.params]
    assert sorted(declared) == sorted(PARAMS.get(name, {})), "give every declared parameter in PARAMS"
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    for param, description in query.params:
        assert description, f"{name}: parameter {param} has no description"
        assert re.search(rf"\?{param}\b", body), f"{name}: parameter {param} is not used"
    # no redundant type pattern on operations (slow on rdflib, needless on pyoxigraph)
    assert not re.search(r"\ba\s+opg:Operation\b", body)


def test_list_prints_every_query_with_its_description_on_one_line():
    result = kg("query", "--list")
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert len(lines) == len(QUERIES)
    for line, (name, query) in zip(lines, sorted(named_queries().items())):
        assert line.split()[0] == name
        assert query.description in line
        for param, _ in query.params:
            marked = f"[--param {param}=...]" in line
            assert marked == optional(name, param) and f"--param {param}=..." in line


# -- every query on real builds --------------------------------------------------------------

@pytest.mark.parametrize("name", QUERIES)
def test_each_query_answers_on_the_examples(name, examples_graph, own_graph):
    result = kg("query", str(examples_graph), "--name", name, "--format", "json", *param_args(name))
    assert result.exit_code == 0, result.output
    rows = bindings(result.output)
    if name in NEEDS_OWN_RELEASES:
        result = kg("query", str(own_graph), "--name", name, "--format", "json", *param_args(name))
        assert result.exit_code == 0, result.output
        rows = bindings(result.output)
    assert rows, f"{name} gave no rows"
    table = kg("query", str(examples_graph), "--name", name, *param_args(name))
    assert table.exit_code == 0, table.output
    on_examples = len(bindings(kg("query", str(examples_graph), "--name", name, "--format", "json",
                                  *param_args(name)).output))
    assert table.output.splitlines()[-1] == f"({on_examples} row{'' if on_examples == 1 else 's'})"


# For each query with optional parameters: the graph, the values that narrow its answer, and
# the values of its required parameters, given either way.
NARROWING = {
    "country-pairs": ("examples_graph", {"country": "Spain"}, {}),
    "evidence-for": ("examples_graph", {"other": "Europol"}, {"entity": "Glass Harbour"}),
    "officials": ("examples_graph", {"agency": "europol"}, {}),
    "operations-near": ("examples_graph", {"place": "Rotterdam"}, {}),
    "outcomes-per-country": ("small", {"type": "opg:Search"}, {}),
}


def test_every_query_with_optional_parameters_has_a_narrowing_case():
    with_optional = {name for name in QUERIES
                     if any(optional(name, p) for p, _ in named_queries()[name].params)}
    assert with_optional == set(NARROWING)


@pytest.mark.parametrize("name", sorted(NARROWING))
def test_an_optional_parameter_narrows_the_answer(name, request):
    graph_fixture, params, required = NARROWING[name]
    graph = str(request.getfixturevalue(graph_fixture))
    everything = kg("query", graph, "--name", name, "--format", "json", *param_args(name, required))
    narrowed = kg("query", graph, "--name", name, "--format", "json",
                  *param_args(name, {**required, **params}))
    assert everything.exit_code == 0 and narrowed.exit_code == 0, everything.output + narrowed.output
    all_rows, some_rows = bindings(everything.output), bindings(narrowed.output)
    assert some_rows and len(some_rows) < len(all_rows)
    assert all(row in all_rows for row in some_rows)


def test_operations_near_a_place_or_in_the_places_of_a_country(small):
    assert csv_rows(small, "operations-near", country="Portugal") == [
        "place,placeLabel,latitude,longitude,codename,operation,operationLabel",
        "https://w3id.org/opgraph/id/place/porto,Porto,41.14961,-8.61099,,"
        "https://w3id.org/opgraph/id/operation/grey-heron,https://w3id.org/opgraph/id/operation/grey-heron"]
    assert table(small, "operations-near", place="madrid")[2].split() == ["Madrid", "Blue", "Falcon", "Blue", "Falcon"]
    assert len(csv_rows(small, "operations-near")) == 3  # every located operation, and the header


def test_a_name_that_matches_nothing_is_an_error_naming_the_parameter(examples_graph):
    for name, params, message in [
            ("partners-of", {"agency": "No Such Agency"}, "no agency in the graph is called 'No Such Agency'"),
            ("country-pairs", {"country": "Atlantis"}, "no country in the graph is called 'Atlantis'"),
            ("operation", {"operation": "No Such Codename"}, "no operation in the graph is called 'No Such Codename'"),
            ("outcomes-per-country", {"type": "Hugs"}, "no outcome type in the graph is called 'Hugs'"),
            ("seizures", {"item": "unicorns"}, "no seized item in the graph is called 'unicorns'"),
            ("operations-near", {"place": "Atlantis"}, "no location in the graph is called 'Atlantis'")]:
        result = kg("query", str(examples_graph), "--name", name, *param_args(name, params))
        assert result.exit_code == 2, result.output
        assert result.output == f"Error: --param {list(params)[0]}: {message}\n"


def test_a_name_shared_by_several_agencies_is_an_error_listing_them(tmp_path):
    graph = tmp_path / "twins.ttl"
    graph.write_text("""@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/a> a opg:Agency ; skos:prefLabel "National Police" .
<https://example.org/b> a opg:Agency ; skos:prefLabel "national police" .
<https://example.org/c> a opg:Agency ; skos:prefLabel "Police" ; skos:altLabel "National Police" .
""", encoding="utf-8")
    result = kg("query", str(graph), "--name", "partners-of", "--param", "agency=National Police")
    assert result.exit_code == 2
    assert result.output == ("Error: --param agency: 'National Police' names 2 agencies: "
                             "<https://example.org/a> (National Police); <https://example.org/b> (national police); "
                             "give one by its IRI\n")
    # a preferred label wins over another agency's alternative label
    result = kg("query", str(graph), "--name", "partners-of", "--param", "agency=police")
    assert result.exit_code == 0, result.output


def test_a_name_of_a_blank_node_is_an_error_saying_so(tmp_path):
    """SPARQL's VALUES takes no blank node: binding one gave the query's own syntax error."""
    graph = tmp_path / "blank.ttl"
    graph.write_text("""@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
[] a opg:Agency ; skos:prefLabel "Blank Police" .
""", encoding="utf-8")
    result = kg("query", str(graph), "--name", "partners-of", "--param", "agency=Blank Police")
    assert result.exit_code == 2
    assert re.fullmatch(r"Error: --param agency: 'Blank Police' names a blank node \(_:\w+\); only an IRI or "
                        r"a literal can be bound to a parameter\n", result.output), result.output


def test_an_iri_is_used_as_given_even_when_nothing_is_called_so(examples_graph):
    result = kg("query", str(examples_graph), "--name", "partners-of", "--param", "agency=<https://example.org/none>",
                "--format", "csv")
    assert result.exit_code == 0 and result.output == "partner,operations\n"


# Parameter values for the small graph written below (SMALL).
SMALL_PARAMS: dict[str, dict[str, str]] = {
    "agency-timeline": {"agency": "opgid:agency/es-pn"},
    "country-pairs": {"country": "opgid:country/PT"},
    "evidence-for": {"entity": "Red Kite", "other": "Europol"},
    "officials": {"agency": "opgid:agency/es-pn"},
    "operation": {"operation": "Blue Falcon"},
    "operations-near": {"place": "porto", "country": "PT"},
    "outcomes-per-country": {"type": "opg:Arrest"},
    "partners-of": {"agency": "Europol"},
    "seizures": {"item": "Vehicle"},
}


@pytest.mark.parametrize("graph_fixture", ["examples_graph", "small"])
@pytest.mark.parametrize("name", QUERIES)
def test_files_embedded_store_and_oxigraph_server_give_the_same_answer(
        name, graph_fixture, request, tmp_path, oxigraph_server):
    graph = request.getfixturevalue(graph_fixture)
    values = PARAMS if graph_fixture == "examples_graph" else SMALL_PARAMS
    params = param_args(name, values.get(name, {}))
    store = tmp_path / "store"
    for target in (["--store", str(store)], ["--endpoint", oxigraph_server.store]):
        loaded = kg("load", str(graph), *target)
        assert loaded.exit_code == 0, loaded.output
    answers = []
    for source in ([str(graph)], ["--store", str(store)], ["--endpoint", oxigraph_server.query]):
        result = kg("query", *source, "--name", name, "--format", "json", *params)
        assert result.exit_code == 0, result.output
        answers.append(json.loads(result.output))
    files, embedded, server = answers
    assert files["head"] == embedded["head"] == server["head"]
    # every query orders its rows totally, so the order must agree too
    assert files["results"]["bindings"] == embedded["results"]["bindings"] == server["results"]["bindings"]
    if not (graph_fixture == "examples_graph" and name in NEEDS_OWN_RELEASES):
        assert files["results"]["bindings"], f"{name} gave no rows on {graph_fixture}"


@pytest.mark.parametrize("graph_fixture", ["examples_graph", "small"])
def test_virtuoso_gives_the_same_answers_as_the_files(graph_fixture, request, virtuoso_server):
    """Virtuoso differs where queries are concerned: its default graph holds its system graphs,
    it garbles STR() of a non-ASCII string parameter, it orders MIN() of literals oddly."""
    graph = request.getfixturevalue(graph_fixture)
    others = [request.getfixturevalue(f) for f in ("examples_graph", "small")]
    # Virtuoso keeps what the other graph file loaded: drop every graph of both first
    names = {g.value for f in others for g in by_graph(read_quads(f)) if isinstance(g, ox.NamedNode)}
    drop = " ; ".join(f"DROP SILENT GRAPH <{name}>" for name in sorted(names))
    body = urllib.parse.urlencode({"update": drop}).encode("ascii")
    request_ = urllib.request.Request(virtuoso_server.update, data=body, method="POST",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    urllib.request.urlopen(request_, timeout=60).close()
    loaded = kg("load", str(graph), "--endpoint", virtuoso_server.store)
    assert loaded.exit_code == 0, loaded.output
    values = PARAMS if graph_fixture == "examples_graph" else SMALL_PARAMS
    differ = []
    for name in QUERIES:
        params = param_args(name, values.get(name, {}))
        files = kg("query", str(graph), "--name", name, "--format", "json", *params)
        server = kg("query", "--endpoint", virtuoso_server.query, "--name", name, "--format", "json",
                    *params)
        assert files.exit_code == 0, files.output
        if server.exit_code != 0 or bindings(server.output) != bindings(files.output):
            differ.append(f"{name}: {server.output[:300]}")
    assert not differ, "\n".join(differ)


# -- exact answers on small graphs ---------------------------------------------------------

SMALL = """
@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix graph: <https://w3id.org/opgraph/id/graph/> .
@prefix agency: <https://w3id.org/opgraph/id/agency/> .
@prefix country: <https://w3id.org/opgraph/id/country/> .
@prefix release: <https://w3id.org/opgraph/id/release/> .
@prefix operation: <https://w3id.org/opgraph/id/operation/> .
@prefix outcome: <https://w3id.org/opgraph/id/outcome/> .
@prefix official: <https://w3id.org/opgraph/id/official/> .
@prefix statement: <https://w3id.org/opgraph/id/statement/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix schema: <http://schema.org/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix place: <https://w3id.org/opgraph/id/place/> .

graph:reference {
  agency:europol a opg:Agency ; skos:prefLabel "Europol" .
  agency:eurojust a opg:Agency ; skos:prefLabel "Eurojust" .
  agency:es-pn a opg:Agency ; skos:prefLabel "Spanish National Police" ;
      skos:altLabel "Policía Nacional" ; opg:basedIn country:ES .
  agency:nl-police a opg:Agency ; skos:prefLabel "Dutch National Police" ; opg:basedIn country:NL .
  country:ES a opg:Country ; skos:prefLabel "Spain" ; opg:countryCode "ES" .
  country:NL a opg:Country ; skos:prefLabel "Netherlands" ; opg:countryCode "NL" .
  country:PT a opg:Country ; skos:prefLabel "Portugal" ; opg:countryCode "PT" .
  opg:Drugs skos:prefLabel "Drug trafficking"@en .
  place:porto a schema:Place ; skos:prefLabel "Porto" ; schema:containedInPlace country:PT ;
      geo:lat 41.14961 ; geo:long -8.61099 .
  place:madrid a schema:Place ; skos:prefLabel "Madrid" ; schema:containedInPlace country:ES .
}

# Blue Falcon, dated: 12 arrests in Spain, 3 in the Netherlands.
release:a {
  release:a a opg:Release ; opg:sourcePath "a.txt" ; dcterms:title "Blue Falcon strikes" ;
      dcterms:issued "2024-05-10"^^xsd:date ; opg:reports operation:blue-falcon ; opg:quotes official:ana .
  operation:blue-falcon a opg:Operation ; opg:codename "Blue Falcon" ;
      opg:involves agency:es-pn , agency:europol , agency:nl-police ; opg:ledBy agency:es-pn ;
      opg:country country:ES , country:NL ; opg:crimeArea opg:Drugs ; opg:location place:madrid ;
      opg:actionDate "2024-05-08"^^xsd:date , "2024-05-09"^^xsd:date ;
      opg:outcome outcome:a1 , outcome:a2 , outcome:a3 .
  outcome:a1 a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 12 ; opg:inCountry country:ES
      ; rdfs:label "Arrest: 12 in Spain" .
  outcome:a2 a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 3 ; opg:inCountry country:NL
      ; rdfs:label "Arrest: 3 in Netherlands" .
  outcome:a3 a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 2 ; opg:item "vehicles"
      ; rdfs:label "Seizure: 2 vehicles" .
  official:ana a opg:Official ; foaf:name "Ana García" ; opg:title "Commissioner" ; opg:memberOf agency:es-pn .
}

# Blue Falcon again, undated: the same 3 arrests in the Netherlands, and 5 searches.
release:b {
  release:b a opg:Release ; opg:sourcePath "b.txt" ; opg:reports operation:blue-falcon .
  operation:blue-falcon a opg:Operation ; opg:codename "Operation Blue Falcon" ;
      opg:involves agency:nl-police , agency:es-pn , agency:eurojust ; opg:ledBy agency:es-pn ;
      opg:country country:NL ; opg:outcome outcome:b1 , outcome:b2 .
  outcome:b1 a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 3 ; opg:inCountry country:NL
      ; rdfs:label "Arrest: 3 in Netherlands" .
  outcome:b2 a opg:Outcome ; opg:outcomeType opg:Search ; opg:count 5
      ; rdfs:label "Search: 5" .
}

# Red Kite, in Spain only: its overall figures count for Spain.
release:c {
  release:c a opg:Release ; opg:sourcePath "c.txt" ; dcterms:issued "2025-01-20"^^xsd:date ;
      opg:reports operation:red-kite .
  operation:red-kite a opg:Operation ; opg:codename "Red Kite" ;
      opg:involves agency:europol , agency:es-pn ; opg:country country:ES ;
      opg:crimeArea opg:Cybercrime ; opg:outcome outcome:c1 , outcome:c2 .
  outcome:c1 a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 4
      ; rdfs:label "Arrest: 4" .
  outcome:c2 a opg:Outcome ; opg:outcomeType opg:Search ; opg:count 7
      ; rdfs:label "Search: 7" .
  # The words behind two facts (the text is "Red Kite: Europol helped. 4 arrests.")
  release:c a nif:Context ; nif:isString "Red Kite: Europol helped. 4 arrests." .
  <https://w3id.org/opgraph/id/release/c/char=10,17> a nif:Phrase ; nif:referenceContext release:c ;
      nif:beginIndex 10 ; nif:endIndex 17 ; nif:anchorOf "Europol" ; itsrdf:taIdentRef agency:europol ;
      nif:sentence <https://w3id.org/opgraph/id/release/c/char=0,25> .
  <https://w3id.org/opgraph/id/release/c/char=26,27> a nif:Phrase ; nif:referenceContext release:c ;
      nif:beginIndex 26 ; nif:endIndex 27 ; nif:anchorOf "4" ; itsrdf:taIdentRef outcome:c1 ;
      nif:sentence <https://w3id.org/opgraph/id/release/c/char=26,36> .
  <https://w3id.org/opgraph/id/release/c/char=0,25> a nif:Sentence ; nif:referenceContext release:c ;
      nif:beginIndex 0 ; nif:endIndex 25 ; nif:anchorOf "Red Kite: Europol helped." .
  <https://w3id.org/opgraph/id/release/c/char=26,36> a nif:Sentence ; nif:referenceContext release:c ;
      nif:beginIndex 26 ; nif:endIndex 36 ; nif:anchorOf "4 arrests." .
  statement:c-europol a rdf:Statement ; rdf:subject operation:red-kite ; rdf:predicate opg:involves ;
      rdf:object agency:europol ; opg:evidence <https://w3id.org/opgraph/id/release/c/char=10,17> ;
      opg:confidence 0.95 ; opg:method "curated" .
  statement:c-issued a rdf:Statement ; rdf:subject release:c ; rdf:predicate dcterms:issued ;
      rdf:object "2025-01-20"^^xsd:date ; opg:confidence 1.0 ; opg:method "metadata" .
  outcome:c1 opg:evidence <https://w3id.org/opgraph/id/release/c/char=26,27> ;
      opg:confidence 0.9 ; opg:method "trigger" .
}

# An operation without codename in three countries, no outcomes.
release:d {
  release:d a opg:Release ; opg:sourcePath "d.txt" ; dcterms:issued "2025-03-01"^^xsd:date ;
      opg:reports operation:grey-heron .
  operation:grey-heron a opg:Operation ; opg:involves agency:nl-police , agency:eurojust ;
      opg:country country:ES , country:NL , country:PT ; opg:crimeArea opg:Drugs ; opg:location place:porto .
}
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("small") / "small.trig"
    path.write_text(SMALL, encoding="utf-8")
    return path


def table(graph: Path, name: str, **params: str) -> list[str]:
    result = kg("query", str(graph), "--name", name, *param_args(name, params))
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def csv_rows(graph: Path, name: str, **params: str) -> list[str]:
    result = kg("query", str(graph), "--name", name, "--format", "csv", *param_args(name, params))
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_partners_of_counts_each_shared_operation_once(small):
    assert table(small, "partners-of", agency="Europol") == [
        "partner                  operations",
        "-----------------------  ----------",
        "Spanish National Police  2",
        "Eurojust                 1",
        "Dutch National Police    1",
        "(3 rows)",
    ]


def test_partners_of_finds_the_agency_by_any_label_in_any_case_or_by_iri(small):
    for agency in ("POLICÍA NACIONAL", "spanish national police", "opgid:agency/es-pn",
                   "<https://w3id.org/opgraph/id/agency/es-pn>"):
        rows = csv_rows(small, "partners-of", agency=agency)
        assert rows == ["partner,partnerLabel,operations",
                        "https://w3id.org/opgraph/id/agency/europol,Europol,2",
                        "https://w3id.org/opgraph/id/agency/eurojust,Eurojust,1",
                        "https://w3id.org/opgraph/id/agency/nl-police,Dutch National Police,1"], agency


def test_arrests_count_an_operation_reported_twice_once_in_its_first_year(small):
    assert table(small, "arrests-per-country") == [
        "country      year  arrests",
        "-----------  ----  -------",
        "Spain        2024  12",
        "Spain        2025  4",
        "Netherlands  2024  3",
        "(3 rows)",
    ]


def test_outcomes_per_country_by_type_and_for_one_type(small):
    # Blue Falcon's 5 searches and 2 vehicles are not broken down to Spain or the Netherlands
    opg, es, nl = "https://w3id.org/opgraph/ontology#", "https://w3id.org/opgraph/id/country/ES,Spain", \
        "https://w3id.org/opgraph/id/country/NL,Netherlands"
    rest = "(not attributed to one country),(not attributed to one country)"
    assert csv_rows(small, "outcomes-per-country") == [
        "country,countryLabel,year,outcomeType,outcomeTypeLabel,total",
        f"{rest},2024,{opg}Search,Search,5",
        f"{rest},2024,{opg}Seizure,Seizure,2",
        f"{es},2024,{opg}Arrest,Arrest,12",
        f"{es},2025,{opg}Arrest,Arrest,4",
        f"{es},2025,{opg}Search,Search,7",
        f"{nl},2024,{opg}Arrest,Arrest,3",
    ]
    only_searches = ["country,countryLabel,year,outcomeType,outcomeTypeLabel,total",
                     f"{rest},2024,{opg}Search,Search,5", f"{es},2025,{opg}Search,Search,7"]
    assert csv_rows(small, "outcomes-per-country", type="Search") == only_searches
    assert csv_rows(small, "outcomes-per-country", type="opg:Search") == only_searches


def test_agency_timeline_lists_each_release_by_date_with_the_agency_role(small):
    release, operation = "https://w3id.org/opgraph/id/release/", "https://w3id.org/opgraph/id/operation/"
    assert csv_rows(small, "agency-timeline", agency="Policía Nacional") == [
        "issued,codename,role,release,releaseLabel,operation,operationLabel",
        f"2024-05-10,Blue Falcon,led,{release}a,Blue Falcon strikes,{operation}blue-falcon,Blue Falcon",
        f"2025-01-20,Red Kite,took part,{release}c,{release}c,{operation}red-kite,Red Kite",
        f",Operation Blue Falcon,led,{release}b,{release}b,{operation}blue-falcon,Blue Falcon",
    ]


def test_country_pairs_name_each_pair_once(small):
    assert table(small, "country-pairs") == [
        "country1     country2     operations",
        "-----------  -----------  ----------",
        "Spain        Netherlands  2",
        "Spain        Portugal     1",
        "Netherlands  Portugal     1",
        "(3 rows)",
    ]
    assert table(small, "country-pairs", country="pt")[2:] == [
        "Spain        Portugal  1",
        "Netherlands  Portugal  1",
        "(2 rows)",
    ]


def test_lead_and_ranked_agencies_and_countries(small):
    assert csv_rows(small, "lead-agencies") == [
        "agency,agencyLabel,led,operations", "https://w3id.org/opgraph/id/agency/es-pn,Spanish National Police,1,2"]
    assert csv_rows(small, "agencies-by-operations") == [
        "agency,agencyLabel,operations,led",
        "https://w3id.org/opgraph/id/agency/es-pn,Spanish National Police,2,1",
        "https://w3id.org/opgraph/id/agency/eurojust,Eurojust,2,0",
        "https://w3id.org/opgraph/id/agency/europol,Europol,2,0",
        "https://w3id.org/opgraph/id/agency/nl-police,Dutch National Police,2,0",
    ]
    assert table(small, "countries-by-operations") == [
        "country      code  operations  agencies",
        "-----------  ----  ----------  --------",
        "Spain        ES    3           1",
        "Netherlands  NL    2           1",
        "Portugal     PT    1           0",
        "(3 rows)",
    ]


def test_crime_areas_use_the_graph_s_label_else_the_ontology_s(small):
    assert csv_rows(small, "operations-by-crime-area") == [
        "area,areaLabel,operations",
        "https://w3id.org/opgraph/ontology#Drugs,Drug trafficking,2",
        "https://w3id.org/opgraph/ontology#Cybercrime,Cybercrime,1",
    ]


def test_operations_in_several_releases_show_each_release(small):
    operation, release = "https://w3id.org/opgraph/id/operation/blue-falcon", "https://w3id.org/opgraph/id/release/"
    assert csv_rows(small, "operations-in-several-releases") == [
        "operation,operationLabel,codename,releases,release,releaseLabel,issued,sourcePath,title",
        f"{operation},Blue Falcon,Blue Falcon,2,{release}a,Blue Falcon strikes,2024-05-10,a.txt,Blue Falcon strikes",
        f"{operation},Blue Falcon,Blue Falcon,2,{release}b,{release}b,,b.txt,",
    ]


def test_releases_without_date_officials_and_seizures(small):
    assert csv_rows(small, "releases-without-date") == [
        "release,releaseLabel,sourcePath,title",
        "https://w3id.org/opgraph/id/release/b,https://w3id.org/opgraph/id/release/b,b.txt,"]
    assert table(small, "officials") == [
        "name        title         memberOf                 releases",
        "----------  ------------  -----------------------  --------",
        "Ana García  Commissioner  Spanish National Police  1",
        "(1 row)",
    ]
    assert table(small, "officials", agency="Europol")[-1] == "(0 rows)"
    assert csv_rows(small, "seizures", item="vehicle") == [
        "codename,seized,item,operation,operationLabel",
        "Blue Falcon,2,vehicles,https://w3id.org/opgraph/id/operation/blue-falcon,Blue Falcon",
    ]


def test_operation_gathers_what_every_release_says_by_codename(small):
    rows = table(small, "operation", operation="blue falcon")
    facts = [re.split(r"\s{2,}", line)[:2] for line in rows[2:-1]]
    assert facts == [
        ["reported by", "Blue Falcon strikes"],
        ["reported by", "https://w3id.org/opgraph/id/release/b"],
        ["source file", "a.txt"],
        ["source file", "b.txt"],
        ["release date", "2024-05-10"],
        ["codename", "Blue Falcon"],
        ["codename", "Operation Blue Falcon"],
        ["crime area", "Drug trafficking"],
        ["action date", "2024-05-08"],
        ["action date", "2024-05-09"],
        ["led by", "Spanish National Police"],
        ["agency", "Spanish National Police"],
        ["agency", "Eurojust"],
        ["agency", "Europol"],
        ["agency", "Dutch National Police"],
        ["country", "Spain"],
        ["country", "Netherlands"],
        ["outcome", "Arrest: 12 in Spain"],
        ["outcome", "Arrest: 3 in Netherlands"],
        ["outcome", "Search: 5"],
        ["outcome", "Seizure: 2 vehicles"],
        ["official", "Ana García"],
    ]
    assert rows[-1] == "(22 rows)"
    assert table(small, "operation", operation="Operation Blue Falcon") == rows
    assert table(small, "operation", operation="opgid:operation/blue-falcon") == rows


def test_evidence_for_gives_the_words_and_sentence_behind_each_fact(small):
    release = "https://w3id.org/opgraph/id/release/c"
    red_kite = "https://w3id.org/opgraph/id/operation/red-kite"
    header = ("release,releaseLabel,subject,subjectLabel,link,linkLabel,object,objectLabel,"
              "confidence,method,words,sentence")
    assert csv_rows(small, "evidence-for", entity="Europol") == [
        header,
        (f"{release},{release},{red_kite},Red Kite,https://w3id.org/opgraph/ontology#involves,opg:involves,"
         "https://w3id.org/opgraph/id/agency/europol,Europol,0.95,curated,Europol,Red Kite: Europol helped."),
    ]
    outcome = "https://w3id.org/opgraph/id/outcome/c1"
    assert csv_rows(small, "evidence-for", entity=f"<{outcome}>") == [
        header,
        (f"{release},{release},{outcome},Arrest: 4,http://www.w3.org/1999/02/22-rdf-syntax-ns#type,rdf:type,"
         "https://w3id.org/opgraph/ontology#Outcome,opg:Outcome,0.9,trigger,4,4 arrests."),
    ]


def test_evidence_for_an_edge_keeps_the_links_to_the_other_end(small):
    rows = csv_rows(small, "evidence-for", entity="Red Kite")
    assert len(rows) == 2 and "#involves" in rows[1]
    assert csv_rows(small, "evidence-for", entity="Red Kite", other="Eurojust") == [
        "release,subject,link,object,confidence,method,words,sentence"]
    # a date read from the metadata has no words in the text behind it
    assert csv_rows(small, "evidence-for", entity="<https://w3id.org/opgraph/id/release/c>") == [
        "release,subject,link,object,confidence,method,words,sentence"]


def test_evidence_for_an_unknown_name_is_an_error(small):
    result = kg("query", str(small), "--name", "evidence-for", "--param", "entity=Red Kyte")
    assert result.exit_code == 2
    assert result.output == ("Error: --param entity: no agency, country, operation or official "
                             "in the graph is called 'Red Kyte'\n")
