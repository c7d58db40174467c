"""Text normalization: only white space changes, so a text's identity is kept."""
from __future__ import annotations

from kg.ingest.text import normalize, split_glued_sentences
from kg.records import text_key


def test_normalize_collapses_spaces_and_blank_lines() -> None:
    raw = "  Europol  supported\tthe\u00a0operation.   \r\n\r\n\r\n\r\nTwo   arrests.  \n"
    assert normalize(raw) == "Europol supported the operation.\n\nTwo arrests."


def test_glued_sentences_are_split() -> None:
    assert split_glued_sentences("arrested in 2017.Those events") == "arrested in 2017. Those events"
    assert split_glued_sentences("known as ‘Twinkle’.Working") == "known as ‘Twinkle’. Working"


def test_abbreviations_and_numbers_are_left_alone() -> None:
    text = "The U.S.Department, e.g. 3.5 tonnes, EUR 1.4M and J.Smith"
    assert split_glued_sentences(text) == text


def test_normalize_keeps_text_key() -> None:
    raw = "The suspect was arrested.The material\t was seized.\n\n\n\nEnd"
    assert text_key(normalize(raw)) == text_key(raw)
