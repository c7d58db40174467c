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
    # items that give their kind after the date (corpus/tune)
    text = ("1 - 10 of about 40 results\n\n12 June 2024|PRESS RELEASE\nA pyramid scheme was taken down.\n"
            "25 April 2024|PRESS RELEASE\nEurojust and Europol supported ...\n")
    assert published(text) is None


def test_a_date_after_a_publication_label_in_any_language():
    assert published("Title\n- By the editors\n- Publié le 19 octobre 2022\n\nBody.") == date(2022, 10, 19)
    assert published("Bundeskriminalamt\n\n  • Datum:24. September 2014\n\nText.") == date(2014, 9, 24)
    assert published("Gang rozbity. Data publikacji 26.11.2025 Powrót Drukuj Funkcjonariusze") == date(2025, 11, 26)
    assert published("Notizia\nPubblicato il 3 marzo 2021\nLa Polizia di Stato") == date(2021, 3, 3)


def test_month_names_and_forms_of_other_languages():
    assert published("23 juni 2025\nElf verdachten opgepakt") == date(2025, 6, 23)
    assert published("Madrid, 7 de enero de 2026\nLa Guardia Civil ha detenido") == date(2026, 1, 7)
    assert published("Varsovie\n\n12 stycznia 2024\n\nPolicjanci zatrzymali") == date(2024, 1, 12)


def test_a_date_and_a_separator_and_a_dateline_with_a_region():
    assert published("Activities: July - September 2024\n4 November 2024 // Issue 3/2024\nText") == date(2024, 11, 4)
    assert published("LONDON, ON, Sept. 20, 2022 /CNW/ - The RCMP said") == date(2022, 9, 20)


def test_a_label_never_makes_a_date_in_a_sentence_the_releases():
    assert published("Police said the date 12 May 2020 was chosen. Arrests followed.") is None


def test_a_date_stamped_with_its_time_outranks_a_bare_date_line_above_it():
    """Kinds of page from corpus/tune: the site's today at the top, the article's own
    timestamp in its byline; a timestamp alone; an 'Updated:' stamp."""
    text = ("Monday, February 9, 2026\nNational\n\n32 Charged In Probe\n\n"
            "News Desk The Canadian Press, 18 Oct, 2016 01:08 PM\n    TORONTO — Police say 32 people ...")
    assert published(text) == date(2016, 10, 18)
    assert published("News Centre\n12 May 2016, 1:15pm\nMedia Release\n\nThree men charged.") == date(2016, 5, 12)
    assert published("505 suspects arrested\nUpdated: 2013-01-17 22:27\n(Xinhua)\nBEIJING - ...") == date(2013, 1, 17)
    # a time inside a sentence stamps nothing
    assert published("Police raided 12 homes on 12 May 2016 at 10:30 in Sydney and arrested 3 men.") is None
