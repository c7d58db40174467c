"""Text normalization: only white space changes, so a text's identity is kept."""
from __future__ import annotations

from kg.ingest.text import clean_field, language_tag, normalize, split_glued_sentences
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


# Regressions found by tests/test_fuzz.py.

def test_lone_surrogates_become_replacement_characters_and_split_pairs_are_joined() -> None:
    # JSON's "\ud800" gives a lone surrogate: before, it reached Document.key and the writers,
    # and the build stopped with UnicodeEncodeError.
    assert normalize("Europol \ud800 and \udfff.") == "Europol \ufffd and \ufffd."
    assert normalize("a \ud83d\ude00 b") == "a \U0001F600 b"
    assert clean_field("title \ud800") == "title \ufffd"


def test_control_characters_are_white_space_and_display_marks_are_dropped() -> None:
    # Before, "Federal\x00 Bureau of Investigation" and "Federal\u200f Bureau ..." hid the
    # FBI from the extractors, and a soft hyphen in "Euro\xadpol" hid Europol.
    assert normalize("the Federal\x00 Bureau\x1f of\x7f Investigation\x81") == "the Federal Bureau of Investigation"
    assert normalize("the Federal\u200f Bureau of\u202e Investigation") == "the Federal Bureau of Investigation"
    assert normalize("Euro\xadpol and Euro\u2060pol, \ufeffEurojust\u200bsupported") == \
        "Europol and Europol, Eurojust supported"
    assert normalize("line\x00\nbreak\t\x0bkept") == "line\nbreak kept"
    assert clean_field(" A\x00title\u202e  here\n") == "A title here"
    assert clean_field("\x00\u200f ") is None


def test_language_tags_are_tags_or_nothing() -> None:
    # Before, `lang="English"` or "en_US" became a dcterms:language that the shapes refuse.
    assert [language_tag(v) for v in ("en", " pt-BR ", "en_US", "zh-Hant-TW")] == ["en", "pt-BR", "en-US", "zh-Hant-TW"]
    assert [language_tag(v) for v in ("English", "en-", "e", "en-abcdefghi", "en gb", "", None)] == [None] * 7
