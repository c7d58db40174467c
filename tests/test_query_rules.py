"""What keeps the named queries from misleading: every outcome counted somewhere (a country or the
row of outcomes not attributed to one), the rule shown by `kg query --list`, parameters checked
against what a query declares, and figures and labels written as a person writes them in every
output format, the same on the files, the embedded store, the Oxigraph server and Virtuoso."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import named_queries

NOT_ATTRIBUTED = "(not attributed to one country)"


def kg(*args: str):
    """The CLI, in process, with a fixed terminal width for tables and the list."""
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "100"})


def output(*args: str) -> str:
    result = kg(*args)
    assert result.exit_code == 0, result.output
    return result.output


# -- parameters and the list -----------------------------------------------------------------

@pytest.mark.parametrize("params, message", [
    ([], "query partners-of needs --param agency=...; its parameters: --param agency=..."),
    (["--param", "agnecy=Europol"], ("query partners-of has no parameter 'agnecy' (did you mean 'agency'?); "
                                     "its parameters: --param agency=...")),
    (["--param", "agency=Europol", "--param", "country=ES"],
     "query partners-of has no parameter 'country'; its parameters: --param agency=..."),
])
def test_a_missing_or_undeclared_parameter_is_an_error_listing_the_parameters(examples_graph, params, message):
    result = kg("query", str(examples_graph), "--name", "partners-of", *params)
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")


def test_parameter_errors_mark_optional_parameters_and_name_queries_without_any(examples_graph):
    for name, params, message in [
            ("country-pairs", ["--param", "contry=ES"], ("query country-pairs has no parameter 'contry' "
                                                         "(did you mean 'country'?); its parameters: "
                                                         "[--param country=...]")),
            ("evidence-for", ["--param", "other=Europol"], ("query evidence-for needs --param entity=...; "
                                                            "its parameters: --param entity=... [--param other=...]")),
            ("lead-agencies", ["--param", "agency=Europol"], ("query lead-agencies has no parameter 'agency'; "
                                                              "it takes no parameters"))]:
        result = kg("query", str(examples_graph), "--name", name, *params)
        assert (result.exit_code, result.output) == (2, f"Error: {message}\n"), name
    # a query of one's own declares nothing: its parameters are bound as given
    assert output("query", str(examples_graph), "SELECT ?x WHERE {}", "--param", "x=1", "--format", "csv") == "x\n1\n"


def test_list_marks_optional_parameters_and_prints_the_counting_rule_under_the_question():
    listed = output("query", "--list").splitlines()
    assert ("country-pairs                   Pairs of countries that took part in the same operations, "
            "the pairs sharing most operations first. ([--param country=...])") in listed
    assert ("evidence-for                    The words behind every fact about a thing: one row per fact "
            "and piece of evidence, with the sentence it stands in. (--param entity=... [--param other=...])"
            ) in listed
    start = next(k for k, line in enumerate(listed) if line.startswith("arrests-per-country "))
    rule = []
    for line in listed[start + 1:]:
        if not line.startswith(" "):
            break
        assert len(line) <= 100 and line.startswith(" " * 34) and line[34] != " "
        rule.append(line.strip())
    assert " ".join(rule) == "Rule: " + named_queries()["arrests-per-country"].rule
    assert rule[0] == "Rule: An arrest counts for a country when a release breaks it down"
    assert f'"{NOT_ATTRIBUTED}"' in " ".join(rule)
    assert [name for name, q in named_queries().items() if q.rule] == ["arrests-per-country",
                                                                        "outcomes-per-country"]


# -- counting per country --------------------------------------------------------------------

COUNTED = """
@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix graph: <https://w3id.org/opgraph/id/graph/> .
@prefix country: <https://w3id.org/opgraph/id/country/> .
@prefix release: <https://w3id.org/opgraph/id/release/> .
@prefix operation: <https://w3id.org/opgraph/id/operation/> .
@prefix outcome: <https://w3id.org/opgraph/id/outcome/> .

graph:reference {
  country:ES a opg:Country ; skos:prefLabel "Spain" ; opg:countryCode "ES" .
  country:NL a opg:Country ; skos:prefLabel "Netherlands" ; opg:countryCode "NL" .
  country:PT a opg:Country ; skos:prefLabel "Portugal" ; opg:countryCode "PT" .
  country:DE a opg:Country ; skos:prefLabel "Germany" ; opg:countryCode "DE" .
}

# Amber, in Spain, the Netherlands and Portugal: 30 arrests, 12 ("more than 10") in Spain and 3 in
# the Netherlands; 12 vehicles, 9 firearms ("5 firearms" of them at one address), 3.2 tonnes of cocaine.
release:x1 {
  release:x1 a opg:Release ; opg:sourcePath "x1.txt" ; dcterms:issued "2024-06-01"^^xsd:date ;
      opg:reports operation:amber .
  operation:amber a opg:Operation ; opg:codename "Amber" ; opg:country country:ES , country:NL , country:PT ;
      opg:outcome outcome:x1a , outcome:x1b , outcome:x1c , outcome:x1d , outcome:x1e , outcome:x1f ,
                  outcome:x1g , outcome:x1h .
  outcome:x1a a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 30 .
  outcome:x1b a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 12 ; opg:inCountry country:ES .
  outcome:x1c a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 10 ; opg:qualifier "more than" ;
      opg:inCountry country:ES .
  outcome:x1d a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 3 ; opg:inCountry country:NL .
  outcome:x1e a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 12 ; opg:item "vehicles" .
  outcome:x1f a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 9 ; opg:item "firearms" .
  outcome:x1g a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 5 ; opg:item "firearms" .
  outcome:x1h a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 3 ; opg:item "cocaine" ;
      opg:quantity 3.2 ; opg:unit "t" .
}

# Amber again, undated: 20 arrests, 5 in Portugal; EUR 1.3 million in cash.
release:x2 {
  release:x2 a opg:Release ; opg:sourcePath "x2.txt" ; opg:reports operation:amber .
  operation:amber a opg:Operation ; opg:codename "Amber" ; opg:country country:PT ;
      opg:outcome outcome:x2a , outcome:x2b , outcome:x2c .
  outcome:x2a a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 20 .
  outcome:x2b a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 5 ; opg:inCountry country:PT .
  outcome:x2c a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 1 ; opg:item "cash" ;
      opg:quantity 1300000.0 ; opg:unit "EUR million" .
}

# Birch, in Germany alone: 27 arrests, 2 of them leaders; more than 4000 rounds, 600 kg and 1 tonne of cocaine.
release:y1 {
  release:y1 a opg:Release ; opg:sourcePath "y1.txt" ; dcterms:issued "2025-02-03"^^xsd:date ;
      opg:reports operation:birch .
  operation:birch a opg:Operation ; opg:codename "Birch" ; opg:country country:DE ;
      opg:outcome outcome:y1a , outcome:y1b , outcome:y1c , outcome:y1d , outcome:y1e .
  outcome:y1a a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 27 .
  outcome:y1b a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 2 .
  outcome:y1c a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 4000 ; opg:qualifier "more than" ;
      opg:item "rounds" .
  outcome:y1d a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 600 ; opg:item "cocaine" ;
      opg:quantity 600.0 ; opg:unit "kg" .
  outcome:y1e a opg:Outcome ; opg:outcomeType opg:Seizure ; opg:count 1 ; opg:item "cocaine" ;
      opg:quantity 1.0 ; opg:unit "t" .
}

# Cedar, in no country the release names: 4 arrests.
release:z1 {
  release:z1 a opg:Release ; opg:sourcePath "z1.txt" ; dcterms:issued "2025-03-01"^^xsd:date ;
      opg:reports operation:cedar .
  operation:cedar a opg:Operation ; opg:codename "Cedar" ; opg:outcome outcome:z1a .
  outcome:z1a a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 4 .
}

# Dune, in Spain and the Netherlands: "more than 10 arrests", 6 in each (the breakdown is larger).
release:w1 {
  release:w1 a opg:Release ; opg:sourcePath "w1.txt" ; dcterms:issued "2025-04-01"^^xsd:date ;
      opg:reports operation:dune .
  operation:dune a opg:Operation ; opg:codename "Dune" ; opg:country country:ES , country:NL ;
      opg:outcome outcome:w1a , outcome:w1b , outcome:w1c .
  outcome:w1a a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 10 ; opg:qualifier "more than" .
  outcome:w1b a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 6 ; opg:inCountry country:ES .
  outcome:w1c a opg:Outcome ; opg:outcomeType opg:Arrest ; opg:count 6 ; opg:inCountry country:NL .
}
"""
# The queries this graph is for, with their parameters (compared on every engine below).
COUNTED_QUERIES = {
    "arrests-per-country": [],
    "outcomes-per-country": [],
    "seizures": ["--param", "item=cocaine"],
}


@pytest.fixture(scope="module")
def counted(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("counted") / "counted.trig"
    path.write_text(COUNTED, encoding="utf-8")
    return path


def test_arrests_per_country_count_every_arrest_once_with_the_rest_not_attributed(counted):
    # Amber (2024): 30 arrests, Spain 12 (the larger of 12 and "more than 10"), the Netherlands 3,
    # Portugal 5 (from the undated release): 10 not attributed. Birch: 27 (not 29) in Germany, its only
    # country. Cedar: 4, no country. Dune: its breakdown (6 + 6) is above its "more than 10".
    assert output("query", str(counted), "--name", "arrests-per-country").splitlines() == [
        "country                          year  arrests",
        "-------------------------------  ----  -------",
        "Germany                          2025  27",
        "Spain                            2024  12",
        f"{NOT_ATTRIBUTED}  2024  10",
        "Spain                            2025  6",
        "Netherlands                      2025  6",
        "Portugal                         2024  5",
        f"{NOT_ATTRIBUTED}  2025  4",
        "Netherlands                      2024  3",
        "(8 rows)",
    ]


def test_the_rows_add_up_to_every_operation_s_arrests(counted, examples_graph):
    for graph, total in ((counted, 30 + 27 + 4 + 12), (examples_graph, 146 + 27 + 21 + 14 + 9 + 5)):
        rows = json.loads(output("query", str(graph), "--name", "arrests-per-country", "--format", "json"))
        assert sum(int(row["arrests"]["value"]) for row in rows["results"]["bindings"]) == total


def test_outcomes_per_country_count_each_thing_once_and_leave_amounts_out(counted):
    # Amber's seizures: 12 vehicles and 9 firearms (the larger of 9 and 5), not its 3.2 tonnes or its
    # EUR 1.3 million; Birch's: more than 4000 rounds, not its kilograms of cocaine.
    assert output("query", str(counted), "--name", "outcomes-per-country").splitlines() == [
        "country                          year  outcomeType  total",
        "-------------------------------  ----  -----------  -----",
        f"{NOT_ATTRIBUTED}  2024  Arrest       10",
        f"{NOT_ATTRIBUTED}  2024  Seizure      21",
        f"{NOT_ATTRIBUTED}  2025  Arrest       4",
        "Germany                          2025  Arrest       27",
        "Germany                          2025  Seizure      4000",
        "Spain                            2024  Arrest       12",
        "Spain                            2025  Arrest       6",
        "Netherlands                      2024  Arrest       3",
        "Netherlands                      2025  Arrest       6",
        "Portugal                         2024  Arrest       5",
        "(10 rows)",
    ]
    assert output("query", str(counted), "--name", "outcomes-per-country", "--param", "type=seizure",
                  "--format", "tsv").splitlines() == [
        "country\tcountryLabel\tyear\toutcomeType\toutcomeTypeLabel\ttotal",
        f"{NOT_ATTRIBUTED}\t{NOT_ATTRIBUTED}\t2024\thttps://w3id.org/opgraph/ontology#Seizure\tSeizure\t21",
        ("https://w3id.org/opgraph/id/country/DE\tGermany\t2025\thttps://w3id.org/opgraph/ontology#Seizure\t"
         "Seizure\t4000"),
    ]


def test_seizures_are_counted_on_the_examples_though_no_release_breaks_them_down(examples_graph):
    rows = output("query", str(examples_graph), "--name", "outcomes-per-country", "--param", "type=seizure")
    assert rows.splitlines()[2:] == [f"{NOT_ATTRIBUTED}  2025  Seizure      6348", "(1 row)"]


# -- figures and labels as a person writes them -----------------------------------------------

def test_seizures_show_one_figure_as_written_in_every_format(counted):
    graph = str(counted)
    assert output("query", graph, "--name", "seizures", "--param", "item=cocaine").splitlines() == [
        "codename  seized      item     operation",
        "--------  ----------  -------  ---------",
        "Birch     600 kg      cocaine  Birch",
        "Amber     3.2 tonnes  cocaine  Amber",
        "Birch     1 tonne     cocaine  Birch",
        "(3 rows)",
    ]
    amber = "https://w3id.org/opgraph/id/operation/amber"
    assert output("query", graph, "--name", "seizures", "--param", "item=cash", "--format", "csv") == (
        f"codename,seized,item,operation,operationLabel\nAmber,EUR 1.3 million,cash,{amber},Amber\n")
    assert output("query", graph, "--name", "seizures", "--param", "item=cash", "--format", "md") == (
        "| codename | seized | item | operation |\n| --- | --- | --- | --- |\n"
        "| Amber | EUR 1.3 million | cash | Amber |\n")
    assert output("query", graph, "--name", "seizures", "--param", "item=rounds", "--format", "tsv") == (
        "codename\tseized\titem\toperation\toperationLabel\n"
        "Birch\tmore than 4000\trounds\thttps://w3id.org/opgraph/id/operation/birch\tBirch\n")
    found = json.loads(output("query", graph, "--name", "seizures", "--param", "item=cocaine", "--format", "json"))
    assert found["head"]["vars"] == ["codename", "seized", "item", "operation"]
    assert [row["seized"] for row in found["results"]["bindings"]] == [
        {"type": "literal", "value": figure} for figure in ("600 kg", "3.2 tonnes", "1 tonne")]


def test_seizures_on_the_examples_write_amounts_with_their_scale(examples_graph):
    rows = output("query", str(examples_graph), "--name", "seizures", "--param", "item=cash", "--format", "csv")
    assert list(csv.reader(io.StringIO(rows)))[1][:3] == ["Glass Harbour", "EUR 1.4 million", "cash"]


def test_csv_and_tsv_give_plain_values_and_a_label_beside_each_iri(counted):
    csv_text = output("query", str(counted), "--name", "arrests-per-country", "--format", "csv")
    assert csv_text.splitlines()[:3] == [
        "country,countryLabel,year,arrests",
        "https://w3id.org/opgraph/id/country/DE,Germany,2025,27",
        "https://w3id.org/opgraph/id/country/ES,Spain,2024,12",
    ]
    tsv_text = output("query", str(counted), "--name", "arrests-per-country", "--format", "tsv")
    assert tsv_text == csv_text.replace(",", "\t")
    assert "^^" not in tsv_text and '"' not in tsv_text
    # a value with a tab or a line break stays on its line and in its column
    text = output("query", str(counted), 'SELECT ?s WHERE { BIND("a\\tb\\nc" AS ?s) }', "--format", "tsv")
    assert text == "s\na b c\n"


def test_concepts_of_the_ontology_show_by_their_english_label(examples_graph):
    areas = output("query", str(examples_graph), "--name", "operations-by-crime-area", "--format", "csv")
    assert "https://w3id.org/opgraph/ontology#ChildSexualAbuse,Child sexual abuse,1" in areas.splitlines()
    facts = output("query", str(examples_graph), "--name", "operation", "--param", "operation=Southern Lantern")
    assert any(line.split("  ")[0] == "crime area" and "Child sexual abuse" in line for line in facts.splitlines())
    assert "ChildSexualAbuse" not in facts
    types = output("query", str(examples_graph), "--name", "outcomes-per-country", "--format", "md")
    assert f"| {NOT_ATTRIBUTED} | 2025 | Victim safeguarded | 23 |" in types.splitlines()


# -- the same on every engine ------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(COUNTED_QUERIES))
def test_files_embedded_store_oxigraph_and_virtuoso_count_the_same(name, counted, tmp_path, oxigraph_server,
                                                                   virtuoso_server):
    store = tmp_path / "store"
    for target in (["--store", str(store)], ["--endpoint", oxigraph_server.store],
                   ["--endpoint", virtuoso_server.store]):
        output("load", str(counted), *target)
    answers = [json.loads(output("query", *source, "--name", name, "--format", "json", *COUNTED_QUERIES[name]))
               for source in ([str(counted)], ["--store", str(store)], ["--endpoint", oxigraph_server.query],
                              ["--endpoint", virtuoso_server.query])]
    assert answers[0]["results"]["bindings"]
    assert all(answer == answers[0] for answer in answers[1:])
