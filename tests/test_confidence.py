"""The confidence table and how a fact's confidence is made from its mentions."""
from __future__ import annotations

import pytest

from kg import confidence as conf
from kg.errors import ReferenceDataError
from kg.records import Span


def test_every_score_is_between_0_and_1_and_every_row_says_why():
    rows = conf.table()
    assert rows and all(0.0 <= score <= 1.0 for score in rows.values())
    assert all(r["why"] for r in conf.read_tsv(conf.TABLE, conf.COLUMNS))


def test_a_curated_name_in_a_list_beats_a_pattern_guess():
    assert conf.confidence("involves", "curated+list") > conf.confidence("involves", "curated") \
        > conf.confidence("involves", "place-police") > conf.confidence("involves", "generic")


def test_a_missing_row_is_named():
    with pytest.raises(ReferenceDataError, match="no row for fact 'involves' found by 'telepathy'"):
        conf.confidence("involves", "telepathy")


def test_a_fact_takes_its_best_mention_and_keeps_every_span_once():
    found = conf.facts("involves", [("europol", Span(50, 57), "curated", None),
                                    ("europol", Span(10, 17), "curated+list", None),
                                    ("europol", Span(50, 57), "curated", None),
                                    ("es-pn", Span(20, 30), "generic", None)])
    assert found["europol"].confidence == 0.99 and found["europol"].method == "curated+list"
    assert found["europol"].spans == (Span(10, 17), Span(50, 57))
    assert found["es-pn"].confidence == 0.6
    assert list(found) == ["europol", "es-pn"]  # in order of first mention


def test_a_derived_fact_is_no_surer_than_what_it_comes_from():
    found = conf.facts("country", [("ES", Span(0, 5), "agency-seat", 0.6)])
    assert found["ES"].confidence == 0.6
    found = conf.facts("country", [("ES", Span(0, 5), "agency-seat", 0.99)])
    assert found["ES"].confidence == 0.9


@pytest.mark.parametrize("row, message", [
    ("involves\tcurated\t1.5\ttoo sure", r"must be a number in \[0, 1\], found '1.5'"),
    ("venue\tpreposition\t0.8\tno such link", "'venue' is no link or kind of the model"),
])
def test_a_broken_row_is_an_error(tmp_path, monkeypatch, row, message):
    bad = tmp_path / "confidence.tsv"
    bad.write_text(f"fact\tmethod\tconfidence\twhy\n{row}\n", encoding="utf-8")
    monkeypatch.setattr(conf, "TABLE", bad)
    conf.table.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match=message):
            conf.table()
    finally:
        conf.table.cache_clear()


# Every rule the extractors record (see kg/records.py), by the fact it supports.
RULES = {
    "involves": [f"{how}{suffix}" for how in ("curated", "qualified", "city-office", "nationality-name",
                                              "listed", "place-police", "local", "generic", "country-leads")
                 for suffix in ("", "+list")],
    "ledBy": ["phrase", "list", "unit"],
    "country": ["name", "region", "nationality", "agency-seat", "outcome"],
    "codename": ["named", "quoted", "designated", "taskforce", "edition"],
    "outcome": ["trigger", "trigger-bare", "total", "bracketed", "breakdown", "list", "heading"],
    "official": ["speech", "caption"],
    "memberOf": ["title", "sentence", "release"],
    "crimeArea": ["keyword"], "startYear": ["start"], "actionDate": ["action"],
    "issued": ["metadata", "text"],
    "location": ["preposition", "list"],
}


def test_every_rule_the_extractors_record_has_a_score_and_no_row_is_unused():
    wanted = {(fact, method) for fact, methods in RULES.items() for method in methods}
    assert wanted == set(conf.table())
