"""`kg score`: the product's extraction scorer gives the project's yardstick's figures, and its
outputs and exit codes are what CI relies on."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"
YARDSTICK = SHARED / "eval" / "score.py"
FIXTURE = Path(__file__).parent / "fixtures" / "score"
GOLD = str(FIXTURE / "gold")
JUNIT_XSD = Path(__file__).parent / "fixtures" / "junit" / "junit.xsd"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    """The two fixture releases, built once."""
    out = tmp_path_factory.mktemp("score") / "out"
    result = run("build", str(FIXTURE / "docs"), "--out", str(out), "--no-validate", "--no-cache")
    assert result.exit_code == 0, result.output
    return str(out)


@pytest.mark.parametrize("corpus", [SHARED / "corpus" / "dev", ROOT / "corpus" / "tune"], ids=["dev", "tune"])
def test_figures_equal_the_shared_scorer(tmp_path, corpus):
    if not YARDSTICK.is_file():
        pytest.skip(f"no shared scorer at {YARDSTICK} (../shared is not on this machine)")
    if not (corpus / "docs").is_dir():
        pytest.skip(f"no corpus at {corpus}")
    out = tmp_path / "out"
    assert run("build", str(corpus / "docs"), "--out", str(out), "--no-validate", "--no-cache").exit_code == 0
    theirs = tmp_path / "theirs.json"
    subprocess.run([sys.executable, str(YARDSTICK), "--gold", str(corpus / "gold"), "--graph",
                    str(out / "graph.nq"), "--json", str(theirs)], check=True, capture_output=True)
    result = run("score", "--gold", str(corpus / "gold"), str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output)
    expected = json.loads(theirs.read_text(encoding="utf-8"))
    assert {key: ours[key] for key in expected} == expected


def test_the_table_with_v_lists_each_documents_misses(built):
    result = run("score", "--gold", GOLD, built, "-v")
    assert (result.exit_code, result.output) == (0, """\
harbour.txt:
  outcomes: missed Seizure 3
lighthouse.txt:
  leads: missed Australian Federal Police
  countries: extra NZ
  officials: missed Jane Doe
  published: want 2025-01-20, got []
field               tp    fp    fn       P       R      F1
agencies             4     0     0   1.000   1.000   1.000
countries            3     1     0   0.750   1.000   0.857
officials            0     0     1   1.000   0.000   0.000
outcomes             3     0     1   1.000   0.750   0.857
leads                1     0     1   1.000   0.500   0.667
codenames            2     0     0   1.000   1.000   1.000
official_agency      0     0     0   1.000   1.000   1.000
same_operation       0     0     0   1.000   1.000   1.000
published dates: 1 right, 0 wrong, 1 missing, 0 given where the text has none
micro-F1 0.870 over 2 documents
""")


def test_min_exits_1_below_the_bar_and_0_at_it(built):
    below = run("score", "--gold", GOLD, built, "--min", "agencies=1", "--min", "outcomes=0.9")
    assert below.exit_code == 1
    assert below.output.splitlines()[-1] == "below --min: outcomes: F1 0.857 is below 0.900"
    assert run("score", "--gold", GOLD, built, "--min", "outcomes=0.857", "--min", "micro=0.87").exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--min", "agency=0.5"], "Error: --min agency=0.5: give FIELD=F1 with FIELD one of agencies, countries, "
                              "officials, outcomes, leads, codenames, official_agency, same_operation, micro"),
    (["--min", "agencies=high"], "Error: --min agencies=high: 'high' is not a number"),
    (["--min", "agencies=2"], "Error: --min agencies=2: F1 is between 0 and 1"),
])
def test_a_bad_min_is_an_error(built, args, message):
    result = run("score", "--gold", GOLD, built, *args)
    assert (result.exit_code, result.output) == (2, message + "\n")


def test_a_missing_or_empty_gold_folder_is_an_error(built, tmp_path):
    missing = run("score", "--gold", str(tmp_path / "nope"), built)
    assert (missing.exit_code, missing.output) == (2, f"Error: {tmp_path / 'nope'}: no such gold folder\n")
    empty = run("score", "--gold", str(tmp_path), built)
    assert (empty.exit_code, empty.output) == (2, f"Error: {tmp_path}: no gold *.json files\n")


def test_json_has_the_yardsticks_keys_and_the_misses_per_document(built):
    found = json.loads(run("score", "--gold", GOLD, built, "--format", "json").output)
    assert found["outcomes"] == {"tp": 3, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.75, "f1": 0.857}
    assert found["published"] == {"right": 1, "wrong": 0, "missing": 1, "invented": 0}
    assert (found["documents"], found["micro_f1"], found["below_min"]) == (2, 0.87, [])
    assert found["per_document"]["harbour.txt"] == ["outcomes: missed Seizure 3"]


def test_markdown_is_a_table(built):
    lines = run("score", "--gold", GOLD, built, "--format", "md").output.splitlines()
    assert lines[:3] == ["| field | tp | fp | fn | P | R | F1 |",
                         "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
                         "| agencies | 4 | 0 | 0 | 1.000 | 1.000 | 1.000 |"]
    assert lines[-1] == ("published dates: 1 right, 0 wrong, 1 missing, 0 given where the text has none; "
                         "micro-F1 0.870 over 2 documents")


def test_junit_fails_exactly_the_fields_below_their_min(built, tmp_path):
    report = tmp_path / "score.xml"
    result = run("score", "--gold", GOLD, built, "--format", "junit", "--min", "outcomes=0.9", "-o", str(report))
    assert (result.exit_code, result.output) == (1, "")
    root = ET.parse(report).getroot()
    assert (root.get("tests"), root.get("failures")) == ("11", "1")
    failed = [case.get("name") for case in root.iter("testcase") if case.find("failure") is not None]
    assert failed == ["outcomes"]
    docs = {case.get("name"): case.findtext("system-out") for case in root.iter("testcase")
            if case.get("classname") == "kg score.documents"}
    assert docs["harbour.txt"] == "outcomes: missed Seizure 3"
    if JUNIT_XSD.is_file():  # the common JUnit schema kept for `kg validate --format junit`
        etree = pytest.importorskip("lxml.etree")
        schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
        assert schema.validate(etree.parse(str(report))), schema.error_log
