"""The command line: exact output and exit codes."""
from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.cli import main

CONFORMING = """
@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/country/ES> a opg:Country ; skos:prefLabel "Spain" ; opg:countryCode "ES" .
"""
BROKEN = """
@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/country/ES> a opg:Country ; skos:prefLabel "Spain" ; opg:countryCode "es" .
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write_release(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_build_prints_what_it_read_and_wrote(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_release(src, "a.txt", "Europol supported the Spanish National Police. Police arrested 12 people in Spain.")
    write_release(src, "b.txt", "Europol supported the Spanish National Police.\nPolice arrested 12 people in Spain.")
    write_release(src, "c.txt", "")
    result = run("build", str(src), "--out", str(out))
    ds = Dataset().parse(out / "graph.nq", format="nquads")
    quads = sum(1 for _ in ds.quads((None, None, None, None)))
    assert result.output == (
        "releases: 1 (from 2 files; 1 duplicate)\n"
        f"skipped:  1 file (listed in {out / 'skipped.tsv'})\n"
        "  c.txt: empty file\n"
        f"graph:    3 named graphs, {quads} quads\n"
        f"wrote:    {out / 'graph.nq'}, {out / 'graph.ttl'}, {out / 'graph.jsonld'}\n"
        "shapes:   conforms\n")
    assert result.exit_code == 0
    assert (out / "skipped.tsv").read_text() == "path\treason\nc.txt\tempty file\n"


def test_build_outputs_and_cache_are_readable_by_others_under_umask_022(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_release(src, "a.txt", "Europol supported the Spanish National Police. Police arrested 12 people in Spain.")
    previous = os.umask(0o022)
    try:
        assert run("build", str(src), "--out", str(out)).exit_code == 0
    finally:
        os.umask(previous)
    written = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".lock")]
    assert {p.name for p in written} >= {"graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv"}
    assert {p.relative_to(out).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {
        p.relative_to(out).as_posix(): "0o644" for p in written}


def test_an_output_folder_that_cannot_take_the_graph_fails_before_any_extraction(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_release(src, "a.txt", "Europol supported the Spanish National Police.")
    (out / "graph.nq").mkdir(parents=True)
    result = run("build", str(src), "--out", str(out))
    assert (result.exit_code, result.output) == (2, f"Error: cannot write {out / 'graph.nq'}: it is a folder\n")
    assert not (out / ".kg-cache").exists()  # nothing was extracted


@pytest.fixture
def read_only_folder(tmp_path):
    """A real read-only file system (a tmpfs mounted ro), where even root cannot write."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a read-only tmpfs needs privileges this machine does not give")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_output_is_one_line_naming_the_path(tmp_path, read_only_folder):
    src = tmp_path / "in"
    write_release(src, "a.txt", "Europol supported the Spanish National Police.")
    result = run("build", str(src), "--out", str(read_only_folder / "out"))
    assert (result.exit_code, result.output) == (
        2, f"Error: {read_only_folder / 'out'}: cannot take the build lock (.kg-lock): Read-only file system\n")
    page = run("explain", str(src / "a.txt"), "--format", "html", "-o", str(read_only_folder / "a.html"))
    assert (page.exit_code, page.output) == (
        2, f"Error: cannot write {read_only_folder / 'a.html'}: Read-only file system; "
           "the previous output is left as it was\n")


def test_an_output_under_a_file_says_a_file_is_in_the_way(tmp_path):
    src = tmp_path / "in"
    write_release(src, "a.txt", "Europol supported the Spanish National Police.")
    (tmp_path / "afile").write_text("x")
    result = run("build", str(src), "--out", str(tmp_path / "afile" / "out"))
    assert (result.exit_code, result.output) == (
        2, f"Error: {tmp_path / 'afile' / 'out'}: cannot take the build lock (.kg-lock): "
           "a file is in the way of a folder on that path\n")


FLAG_OPERATIONS = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix opg: <https://w3id.org/opgraph/ontology#> .
<urn:x:NoOperations> a sh:NodeShape ; sh:targetClass opg:Operation ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:message "flagged" ; sh:select "SELECT $this WHERE { }" ] .
"""


def test_shapes_the_fast_validator_lacks_are_checked_by_pyshacl_with_a_warning(tmp_path):
    src, out, shapes = tmp_path / "in", tmp_path / "out", tmp_path / "flag.ttl"
    write_release(src, "a.txt", "Operation Glass Harbour: Europol supported the Spanish National Police.")
    shapes.write_text(FLAG_OPERATIONS)
    result = run("build", str(src), "--out", str(out), "--shapes", str(shapes))
    assert result.exit_code == 1
    assert result.stderr == ("warning: the shapes use a node of type sh:SPARQLConstraint (on a blank node); "
                             "sh:select (on a blank node); sh:sparql (on urn:x:NoOperations), which the fast "
                             "validator does not support; validating with pySHACL, which is slower\n")
    assert "shapes:   does not conform: 1 violation " in result.stdout
    assert run("validate", str(out / "graph.nq"), "--shapes", str(shapes)).output.startswith(
        "Conforms: no (1 violation")


def test_shapes_that_cannot_be_read_fail_before_any_extraction(tmp_path):
    src, out, shapes = tmp_path / "in", tmp_path / "out", tmp_path / "bad.ttl"
    write_release(src, "a.txt", "Europol supported the Spanish National Police.")
    shapes.write_text("this is not turtle")
    result = run("build", str(src), "--out", str(out), "--shapes", str(shapes))
    assert result.exit_code == 2 and result.output.startswith("Error: ")
    assert [p for p in out.rglob("*") if p.is_file() and p.name != ".kg-lock"] == []  # nothing extracted


def test_malformed_turtle_is_one_line_with_its_position(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b ex:c ex:d .\n')
    result = run("validate", str(bad))
    assert (result.exit_code, result.output) == (2, f"Error: {bad}: cannot parse as turtle: line 3, column 16: "
                                                    "expected '.' or '}' or ']' at end of statement\n")
    good = tmp_path / "good.ttl"
    good.write_text(CONFORMING)
    shapes = run("validate", str(good), "--shapes", str(bad))
    assert shapes.output == f"Error: {bad}: cannot read shapes: line 3, column 16: expected '.' or '}}' or ']' " \
                            "at end of statement\n"


def test_a_build_folder_is_accepted_wherever_a_graph_file_is(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_release(src, "a.txt", "Operation Glass Harbour: Europol supported the Spanish National Police.")
    assert run("build", str(src), "--out", str(out), "--evidence").exit_code == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?o a <https://w3id.org/opgraph/ontology#Operation> }"
    assert run("query", str(out), count, "--format", "csv").output.split() == ["n", "1"]
    assert run("validate", str(out)).output == run("validate", str(out / "graph.nq")).output
    assert run("validate", str(out)).exit_code == 0
    assert run("explain", "a.txt", "--graph", str(out)).exit_code == 0
    loaded = run("load", str(out), "--store", str(tmp_path / "store"))
    assert loaded.exit_code == 0, loaded.output
    assert run("query", "--store", str(tmp_path / "store"), count, "--format", "csv").output.split() == ["n", "1"]
    result = run("validate", str(src))
    assert (result.exit_code, result.output) == (
        2, f"Error: {src}: a folder without graph.nq; give a folder written by kg build, or graph files\n")
    assert run("query", str(src), count).output == result.output


def test_kg_alone_prints_the_help_and_exits_0_with_a_full_summary_per_command():
    alone, asked = run(), run("-h")
    assert (alone.exit_code, asked.exit_code) == (0, 0)
    assert alone.output == asked.output == run("--help").output
    summaries = alone.output.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in summaries] == ["build", "explain", "load", "merge", "query", "report",
                                                       "score", "stats", "validate"]
    assert not [line for line in summaries if line.endswith("...")]


@pytest.mark.parametrize("command", ["build", "explain", "load", "merge", "query", "report", "score",
                                     "stats", "validate"])
def test_every_command_takes_h_and_shows_examples(command):
    result = run(command, "-h")
    assert result.exit_code == 0
    examples = result.output.split("  Examples:\n")[1].splitlines()
    assert examples and all(line.startswith(f"    kg {command} ") for line in examples)


def test_build_of_a_missing_input_is_an_error(tmp_path):
    result = run("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.startswith("Error: ")
    assert str(tmp_path / "nope") in result.output
    assert not (tmp_path / "out").exists()


def test_build_with_a_bad_base_is_an_error(tmp_path):
    write_release(tmp_path / "in", "a.txt", "Europol arrested 3 people.")
    result = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--base", "nope")
    assert result.exit_code == 2
    assert result.output == "Error: base IRI must be absolute and end with '/' or '#': 'nope'\n"


def test_build_exits_1_when_the_graph_does_not_conform(tmp_path):
    write_release(tmp_path / "in", "a.txt", "Europol supported the Spanish National Police.")
    shapes = tmp_path / "strict.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix opg: <https://w3id.org/opgraph/ontology#> .
[] a sh:NodeShape ; sh:targetClass opg:Release ;
   sh:property [ sh:path opg:codename ; sh:minCount 1 ; sh:message "needs a codename" ] .
""")
    result = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--shapes", str(shapes))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"shapes:   does not conform: 1 violation (details: kg validate {tmp_path / 'out' / 'graph.nq'})")
    assert (tmp_path / "out" / "graph.nq").exists()


def test_validate_conforming_graph(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(CONFORMING)
    result = run("validate", str(graph))
    assert (result.exit_code, result.output) == (0, "Conforms: yes (0 violations)\n")


def test_validate_reports_violations_grouped(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(BROKEN)
    result = run("validate", str(graph))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "Conforms: no (1 violations in 1 groups)"
    assert lines[2].startswith("Violation: opg:countryCode: ")
    assert lines[3] == "  focus: https://example.org/country/ES  value: es  (sh:PatternConstraintComponent)"


def test_validate_json_format(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(BROKEN)
    result = run("validate", str(graph), "--format", "json")
    payload = json.loads(result.output)
    assert payload["conforms"] is False
    assert [v["path"] for v in payload["violations"]] == ["opg:countryCode"]


def test_validate_turtle_format_is_a_shacl_report(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(BROKEN)
    result = run("validate", str(graph), "--format", "turtle")
    report = Graph().parse(data=result.output, format="turtle")
    assert len(report) > 0 and result.exit_code == 1


def test_validate_could_not_run(tmp_path):
    bad = tmp_path / "g.ttl"
    bad.write_text("this is not turtle")
    result = run("validate", str(bad))
    assert result.exit_code == 2 and result.output.startswith(f"Error: {bad}: cannot parse as turtle")
    result = run("validate", str(tmp_path / "missing.nq"))
    assert (result.exit_code, result.output) == (2, f"Error: {tmp_path / 'missing.nq'}: no such file\n")
    result = run("validate", str(tmp_path / "g.csv"))
    assert result.exit_code == 2 and "unknown graph format" in result.output


def _bad_graph(tmp_path: Path) -> Path:
    (tmp_path / "bad.nq").write_text("garbage <\n")
    return tmp_path / "bad.nq"


FAILURES = {
    # what goes wrong: (arguments, the one line printed)
    "query syntax": (["query", "{examples}", "SELECT * WHERE {{ ?s ?p ?o"],
                     "Error: query syntax error at line 1, column 26: expected one of "),
    "query of a missing file": (["query", "{tmp}/missing.nq", "ASK {{}}"], "Error: {tmp}/missing.nq: no such file"),
    "query of a broken file": (["query", "{tmp}/bad.nq", "ASK {{}}"], "Error: {tmp}/bad.nq: cannot parse: "),
    "missing query file": (["query", "-f", "{tmp}/nope.rq", "{examples}"],
                           "Error: {tmp}/nope.rq: cannot read the query: No such file or directory"),
    "unreachable endpoint": (["query", "--endpoint", "http://127.0.0.1:9/sparql", "--retries", "0", "ASK {{}}"],
                             "Error: query: http://127.0.0.1:9/sparql: cannot connect: "),
    "load of a missing file": (["load", "{tmp}/missing.nq", "--store", "{tmp}/store"],
                               "Error: {tmp}/missing.nq: no such file"),
    "load of a broken file": (["load", "{tmp}/bad.nq", "--store", "{tmp}/store"], "Error: {tmp}/bad.nq: cannot parse: "),
    "load into an unreachable endpoint": (
        ["load", "{examples}", "--endpoint", "http://127.0.0.1:9/store", "--retries", "0", "--keep-stale"],
        "Error: load graph <"),
    "stale graphs of an unreachable endpoint": (
        ["load", "{examples}", "--endpoint", "http://127.0.0.1:9/store", "--retries", "0"],
        "Error: list the graphs under https://w3id.org/opgraph/id/ (to remove stale ones; see "
        "--query-endpoint, --keep-stale): query: http://127.0.0.1:9/query: cannot connect: "),
    "validate a missing file": (["validate", "{tmp}/missing.nq"], "Error: {tmp}/missing.nq"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_query_load_and_validate_failures_are_one_line(case: str, tmp_path: Path, examples_graph: Path) -> None:
    _bad_graph(tmp_path)
    args, line = FAILURES[case]
    result = run(*(a.format(tmp=tmp_path, examples=examples_graph) for a in args))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith(line.format(tmp=tmp_path)), result.output


def test_debug_shows_the_traceback_behind_an_error(tmp_path: Path) -> None:
    result = run("--debug", "query", str(tmp_path / "missing.nq"), "ASK {}")
    assert result.exit_code == 2
    assert result.output.startswith("Traceback (most recent call last):")
    assert result.output.endswith(f"Error: {tmp_path}/missing.nq: no such file\n")


def test_a_bug_is_one_line_that_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise TypeError("an unexpected bug")

    monkeypatch.setattr("kg.cli.validate_file", broken)
    graph = _bad_graph(tmp_path)
    result = run("validate", str(graph))
    assert (result.exit_code, result.output) == (2, "Error: unexpected TypeError: an unexpected bug (a bug in "
                                                    "opgraph; run with kg --debug for the traceback)\n")
    debugged = run("--debug", "validate", str(graph))
    assert debugged.exit_code == 2 and debugged.output.startswith("Traceback (most recent call last):")
    assert "TypeError: an unexpected bug\n" in debugged.output
