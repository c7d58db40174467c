from datetime import date

from kg.extract.event_dates import find_event_dates


def events(text, published=date(2024, 3, 1)):
    return [(e.kind, e.value) for e in find_event_dates(text, published)]


def test_start_year():
    assert events("The investigation was launched in early 2021 after a tip-off.") == [
        ("start", date(2021, 1, 1))]


def test_a_year_without_an_investigation_is_not_a_start():
    assert events("The company was set up in 2015.") == []


def test_action_days_with_and_without_a_year():
    assert events("On 27 and 28 November 2023, officers raided 12 houses.") == [
        ("action", date(2023, 11, 27)), ("action", date(2023, 11, 28))]
    assert events("Police arrested him on February 12.") == [("action", date(2024, 2, 12))]
    assert events("Police arrested him on 20 May.") == [("action", date(2023, 5, 20))]


def test_no_year_and_no_release_date_gives_no_date():
    assert events("Police arrested him on 20 May.", published=None) == []


def test_dates_of_other_things_are_not_action_dates():
    assert events("The suspect was born on 3 May 1990.") == []
