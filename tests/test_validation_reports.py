"""`kg validate --format junit|github`: what CI systems read, pinned and checked against
the JUnit XML schema (tests/fixtures/junit/junit.xsd) and GitHub's workflow command syntax."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from kg import build
from kg.cli import main
from kg.validation_reports import escape_data, escape_property

ROOT = Path(__file__).parent.parent
XSD = Path(__file__).parent / "fixtures" / "junit" / "junit.xsd"
RELEASE = "https://w3id.org/opgraph/id/release/d3286b375982f6db"
CODE = "<https://w3id.org/opgraph/ontology#countryCode>"
# GitHub's documented syntax: ::command key=value,key=value::message, no raw CR or LF, and
# no ',' or ':' left unescaped in a property value.
COMMAND = re.compile(r"::(error|warning|notice) (file=[^,:\r\n]*,line=\d+,title=[^,:\r\n]*)::[^\r\n]*")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """A build of one example release, and a copy whose graph.nq gives Belgium, in the
    release's graph, the code "be" (a pattern violation) in place of the reference's "BE"."""
    releases = tmp_path_factory.mktemp("releases")
    shutil.copy(ROOT / "examples" / "releases" / "europol-glass-harbour.txt", releases)
    good = tmp_path_factory.mktemp("good")
    build([releases], good)
    bad = tmp_path_factory.mktemp("bad")
    text = (good / "graph.nq").read_text(encoding="utf-8")
    wrong = text.replace(f'{CODE} "BE" <https://w3id.org/opgraph/id/graph/reference>',
                         f'{CODE} "be" <{RELEASE}>')
    assert wrong != text
    (bad / "graph.nq").write_text(wrong, encoding="utf-8")
    return good, bad


def junit(folder: Path):
    result = run("validate", str(folder), "--format", "junit")
    return result, etree.fromstring(result.output.encode("utf-8"))


def test_junit_of_a_graph_with_violations_has_one_failure_per_violation(builds):
    result, root = junit(builds[1])
    assert result.exit_code == 1
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("104", "1", "0")
    failing = [case for case in suite.iter("testcase") if len(case)]
    assert [(c.get("classname"), c.get("name")) for c in failing] == [("opg:Country", "opgsh:Country-countryCode")]
    failure = failing[0].find("failure")
    assert failure.get("type") == "sh:PatternConstraintComponent"
    assert failure.get("message").startswith("A country needs exactly one opg:countryCode")
    assert failure.text.splitlines()[:4] == [
        "severity: Violation", "focus: https://w3id.org/opgraph/id/country/BE",
        "path: opg:countryCode", "value: be"]


def test_junit_of_a_conforming_graph_has_passing_cases_and_no_failures(builds):
    result, root = junit(builds[0])
    assert result.exit_code == 0
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("104", "0")
    assert not any(len(case) for case in suite.iter("testcase"))
    cases = [(c.get("classname"), c.get("name")) for c in suite.iter("testcase")]
    assert cases == sorted(cases) and ("opg:Country", "opgsh:CountryShape") in cases


def test_junit_output_is_valid_against_the_junit_schema(builds):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for folder in builds:
        _, root = junit(folder)
        schema.assertValid(root)


def test_junit_output_is_deterministic(builds):
    assert junit(builds[1])[0].output == junit(builds[1])[0].output


def test_github_points_at_the_release_source_file(builds):
    result = run("validate", str(builds[1]), "--format", "github")
    assert (result.exit_code, result.output) == (1, (
        "::error file=europol-glass-harbour.txt,line=1,"
        "title=opg%3AcountryCode (sh%3APatternConstraintComponent)::"
        'A country needs exactly one opg:countryCode, its ISO 3166-1 alpha-2 code in upper case ("GB", "GR") '
        "(focus: https://w3id.org/opgraph/id/country/BE, value: be; shape: opgsh:Country-countryCode)\n"))
    assert all(COMMAND.fullmatch(line) for line in result.output.splitlines())


def test_github_of_a_conforming_graph_is_empty(builds):
    result = run("validate", str(builds[0]), "--format", "github")
    assert (result.exit_code, result.output) == (0, "")


def test_github_outside_a_release_points_at_the_graph_file_line(tmp_path):
    graph = tmp_path / "g.nq"
    es, g = "<https://example.org/country/ES>", "<https://example.org/g>"
    graph.write_text(
        f"{es} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/opgraph/ontology#Country> {g} .\n"
        f'{es} <http://www.w3.org/2004/02/skos/core#prefLabel> "Spain" {g} .\n'
        f'{es} <https://w3id.org/opgraph/ontology#countryCode> "es" {g} .\n')
    result = run("validate", str(graph), "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines and all(COMMAND.fullmatch(line) for line in lines)
    assert all(line.startswith(f"::error file={escape_property(str(graph))},line=1,") for line in lines)


def test_workflow_command_escaping_follows_github():
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("C:\\x,y%\n") == "C%3A\\x%2Cy%25%0A"


def test_an_unreadable_graph_is_one_line_in_ci_formats_too(tmp_path):
    bad = tmp_path / "bad.nq"
    bad.write_text("garbage <\n")
    for fmt in ("junit", "github"):
        result = run("validate", str(bad), "--format", fmt)
        assert result.exit_code == 2 and result.output.startswith(f"Error: {bad}: cannot parse as nquads: ")
