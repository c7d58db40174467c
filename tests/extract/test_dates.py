from datetime import date

from kg.extract.dates import find_published
from kg.records import Document


def published(text, meta=None):
    found = find_published(Document(text, ("a.txt",), "plain", published=meta))
    return found.value if found else None


def test_metadata_wins():
    assert published("24 November 2022\nText", meta=date(2020, 1, 2)) == date(2020, 1, 2)


def test_standalone_date_line():
    assert published("Title of the release\n\n24 November 2022\nBody text.") == date(2022, 11, 24)


def test_dateline_and_byline():
    assert published("The Hague, 8 March 2024\n\nBody.") == date(2024, 3, 8)
    assert published("Wed. Jan 8th, 2025\nBody.") == date(2025, 1, 8)
    assert published("January 10, 2025\n\nBody.") == date(2025, 1, 10)


def test_dates_in_sentences_are_events_not_publication():
    assert published("On 13 November 2023 police arrested 36 people.") is None


def test_no_date_invented():
    assert published("Police arrested two men.") is None


def test_a_listing_of_dated_items_states_no_date_of_its_own():
    text = ("Latest news\n\nRaids in Spain\n\n12 May 2021\n\nPolice searched 4 houses.\n\n"
            "Fraud ring dismantled\n\n3 May 2021\n\nSix arrests.")
    assert published(text) is None
