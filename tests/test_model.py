"""The model (kg/data/model.toml) and the extractors registered against it agree: every kind
and link the extractors say they find is declared, every declared link is found by one, and
every rule an extractor records for a link has a confidence."""
from __future__ import annotations

from rdflib import URIRef

from kg.confidence import table
from kg.extract import EXTRACTORS
from kg.ids import Minter
from kg.model import model


def test_every_kind_and_link_an_extractor_finds_is_declared():
    declared = {*model().kinds, *model().links}
    for extractor in EXTRACTORS:
        assert set(extractor.finds) <= declared, f"{extractor.field}: {set(extractor.finds) - declared}"


def test_every_link_is_found_by_exactly_one_extractor():
    found = [name for extractor in EXTRACTORS for name in extractor.finds if name in model().links]
    assert sorted(found) == sorted(model().links)


def test_every_link_and_node_kind_with_a_confidence_has_rules_in_the_table():
    facts = {fact for fact, _ in table()}
    links = {name for name, link in model().links.items()
             if (model().kinds.get(link.object or "") or model().kinds["other"]).confidence is None}
    assert links | {k.confidence for k in model().kinds.values() if k.confidence} == facts


def test_a_node_is_minted_as_its_kind_declares():
    minter = Minter("https://example.org/kg/")
    assert minter.node("country", "nl") == URIRef("https://example.org/kg/country/NL")
    assert minter.node("location", "geonames-2747891") == URIRef("https://example.org/kg/place/geonames-2747891")
    assert minter.node("crime-area", "Drugs") == URIRef("https://w3id.org/opgraph/ontology#Drugs")


def test_the_kinds_come_in_the_order_explain_tags_them_and_other_last():
    assert list(model().kinds)[-1] == "other"
    assert {k.cls for k in model().kinds.values() if k.reference} == {
        "https://w3id.org/opgraph/ontology#Agency", "https://w3id.org/opgraph/ontology#Country",
        "http://schema.org/Place"}
