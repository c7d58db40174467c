"""`kg stats`: the headline figures of a graph, pinned on the examples, each equal to its named
query's answer, unchanged by a description graph beside the releases, and the inputs a build
skipped read from its folder."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import build
from kg.cli import main

TABLE = """\
releases                7
  skipped by the build  0
operations              6
agencies                13
countries               12
officials               9
outcomes                42
  Seizure               18 (in 5 operations)
  Arrest                13 (in 6 operations)
  Search                5 (in 4 operations)
  Suspect identified    2 (in 1 operation)
  Charge                1 (in 1 operation)
  Conviction            1 (in 1 operation)
  Victim identified     1 (in 1 operation)
  Victim safeguarded    1 (in 1 operation)
first release           2025-01-28
last release            2025-03-14
languages
  en                    6
  en-GB                 1
"""

FIGURES = {
    "releases": 7, "operations": 6, "agencies": 13, "countries": 12, "officials": 9, "outcomes": 42,
    "outcome_types": {
        "Seizure": {"outcomes": 18, "operations": 5}, "Arrest": {"outcomes": 13, "operations": 6},
        "Search": {"outcomes": 5, "operations": 4}, "SuspectIdentified": {"outcomes": 2, "operations": 1},
        "Charge": {"outcomes": 1, "operations": 1}, "Conviction": {"outcomes": 1, "operations": 1},
        "VictimIdentified": {"outcomes": 1, "operations": 1},
        "VictimSafeguarded": {"outcomes": 1, "operations": 1},
    },
    "first": "2025-01-28", "last": "2025-03-14", "languages": {"en": 6, "en-GB": 1},
}

DESCRIPTION = """\
@prefix void: <http://rdfs.org/ns/void#> .
@prefix opg: <https://w3id.org/opgraph/ontology#> .
<https://w3id.org/opgraph/id/graph/description> {
  <https://w3id.org/opgraph/id/dataset> a void:Dataset ;
      void:classPartition [ void:class opg:Release ; void:entities 7 ] ,
                          [ void:class opg:Agency ; void:entities 13 ] .
}
"""
"""A VoID description in a graph of its own, as a build may write beside the release graphs: it
names the classes and counts, and must change no figure."""


def kg(*args: str):
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "100"})


@pytest.fixture(scope="module")
def build_folder(examples_graph) -> Path:
    """The folder `kg build --evidence` wrote the examples into (graph.nq, evidence.nq, skipped.tsv)."""
    return examples_graph.parent


def test_the_table_of_a_build_folder_is_pinned(build_folder):
    result = kg("stats", str(build_folder))
    assert (result.exit_code, result.output) == (0, TABLE)


def test_json_gives_the_same_figures_and_no_skipped_count_without_a_build_folder(build_folder):
    result = kg("stats", str(build_folder / "graph.nq"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {**FIGURES, "skipped": None}
    assert json.loads(kg("stats", str(build_folder), "--format", "json").output)["skipped"] == 0
    table = kg("stats", str(build_folder / "graph.nq")).output
    assert "skipped" not in table and table.splitlines()[1].split() == ["operations", "6"]


def csv_rows(graph: Path, name: str) -> list[dict[str, str]]:
    result = kg("query", str(graph), "--name", name, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_every_figure_is_its_named_querys_answer(build_folder):
    graph = build_folder / "graph.nq"
    figures = json.loads(kg("stats", str(graph), "--format", "json").output)
    [totals] = csv_rows(graph, "stats-totals")
    for name in ("releases", "operations", "agencies", "countries", "officials", "outcomes"):
        assert figures[name] == int(totals[name]), name
    assert (figures["first"], figures["last"]) == (totals["first"], totals["last"])
    types = {row["outcomeType"].rsplit("#", 1)[1]: {"outcomes": int(row["outcomes"]),
                                                     "operations": int(row["operations"])}
             for row in csv_rows(graph, "stats-outcome-types")}
    assert figures["outcome_types"] == types
    assert sum(t["outcomes"] for t in types.values()) == figures["outcomes"]
    assert figures["languages"] == {row["language"]: int(row["releases"])
                                    for row in csv_rows(graph, "stats-languages")}


def test_a_description_graph_beside_the_releases_changes_no_figure(build_folder, tmp_path):
    described = tmp_path / "description.trig"
    described.write_text(DESCRIPTION, encoding="utf-8")
    result = kg("stats", str(build_folder / "graph.nq"), str(described), "--format", "json")
    assert json.loads(result.output) == {**FIGURES, "skipped": None}


def test_the_inputs_a_build_skipped_are_counted_and_a_store_is_read(tmp_path):
    src = tmp_path / "releases"
    src.mkdir()
    (src / "a.txt").write_text("Europol supported Operation Blue Falcon in Spain: 3 arrests.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    build([src], tmp_path / "out")
    result = kg("stats", str(tmp_path / "out"), "--format", "json")
    assert json.loads(result.output)["skipped"] == 2 and json.loads(result.output)["releases"] == 1
    assert kg("load", str(tmp_path / "out"), "--store", str(tmp_path / "store")).exit_code == 0
    stored = json.loads(kg("stats", "--store", str(tmp_path / "store"), "--format", "json").output)
    assert stored == {**json.loads(result.output), "skipped": None}


@pytest.mark.parametrize("args, message", [
    (["nowhere/"], "Error: nowhere: no such file\n"),
    (["x.nq", "--store", "s"], "Error: give graph files, --store or --endpoint, not several\n"),
])
def test_a_source_that_cannot_be_read_is_an_error(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.nq").write_text("", encoding="utf-8")
    result = kg("stats", *args)
    assert (result.exit_code, result.output) == (2, message)


def test_the_help_has_examples():
    result = kg("stats", "-h")
    assert result.exit_code == 0 and "Examples:\n    kg stats out/\n" in result.output
