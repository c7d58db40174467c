"""The language of a release: the source's word first, else detected; never guessed when unsure."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.language import detect
from kg.records import Document


@pytest.mark.parametrize("text, language", [
    ("La Guardia Civil ha detenido a doce personas en una operación contra el tráfico de drogas.", "es"),
    ("Les gendarmes ont interpellé douze personnes lors d'une opération contre un réseau de trafiquants.", "fr"),
    ("Die Polizei hat zwölf Personen festgenommen und mehrere Wohnungen durchsucht.", "de"),
    ("La Polizia di Stato ha arrestato dodici persone nel corso di un'operazione antidroga.", "it"),
    ("De politie heeft twaalf verdachten aangehouden en meerdere woningen doorzocht.", "nl"),
    ("A Polícia Judiciária deteve doze pessoas numa operação contra o tráfico de droga.", "pt"),
    ("Policjanci zatrzymali dwanaście osób podejrzanych o handel narkotykami.", "pl"),
    ("Police arrested twelve people and searched several homes in a drugs operation.", "en"),
])
def test_the_language_of_a_release_is_detected(text, language):
    assert detect(text) == language
    assert extract(Document(text, ("a.txt",), "plain")).document.language == language


def test_the_sources_own_language_wins():
    text = "Police arrested twelve people and searched several homes in a drugs operation."
    assert extract(Document(text, ("a.txt",), "plain", language="en-GB")).document.language == "en-GB"


@pytest.mark.parametrize("text", ["", "   ", "12 arrests", "AAECAwQFBgcICQoLDA0ODxAREhMU" * 40])
def test_no_language_is_guessed_when_unsure(text):
    assert detect(text) is None


def test_a_text_is_read_with_its_own_languages_words():
    """Dutch 'en' is 'and', Spanish 'en' is 'in': each language's lists apply to its own texts
    (and all of them to a text of no listed language)."""
    from kg.extract.lists import READING, rows
    def prepositions():
        return {r["phrase"] for r in rows("number_context.tsv") if r["kind"] == "preposition"}
    token = READING.set("nl")
    try:
        assert "en" not in prepositions()
    finally:
        READING.reset(token)
    token = READING.set("es")
    try:
        assert "en" in prepositions()
    finally:
        READING.reset(token)
    assert "en" in prepositions()  # no language set: every list


def test_number_words_another_language_shares_are_each_languages_own():
    """'elf' is eleven in Dutch and German, 'six' six in French, 'seis' in Portuguese and
    Spanish: with each language's lists its own, each holds its numbers whole."""
    from kg.extract import extract
    cases = [("In totaal zijn nu elf verdachten gearresteerd in Nederland.", "nl", 11),
             ("A Polícia Civil prendeu seis criminosos durante uma operação.", "pt", 6),
             ("Les gendarmes ont interpellé six suspects à Marseille.", "fr", 6)]
    for text, language, count in cases:
        found = extract(Document(text, ("a.txt",), "plain", language=language)).outcomes
        assert [(o.type, o.count) for o in found] == [("Arrest", count)], text
