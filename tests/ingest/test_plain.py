"""The plain-text reader: the text and nothing invented about it."""
from __future__ import annotations

from kg.ingest import plain


def test_sniff_accepts_any_text() -> None:
    assert plain.sniff("Anything at all")


def test_read_gives_text_without_metadata() -> None:
    text = "Europol supported Operation Lantern.\nTwelve suspects were arrested in Spain on 3 May 2024."
    [document] = plain.read(text, "a.txt")
    assert document.text == text
    assert document.source_paths == ("a.txt",)
    assert document.format == "plain"
    assert (document.title, document.published, document.publisher, document.url) == (None, None, None, None)


def test_read_repairs_lost_line_breaks() -> None:
    [document] = plain.read("Two men were arrested in 2017.Those events followed.", "b.txt")
    assert document.text == "Two men were arrested in 2017. Those events followed."


def test_read_of_blank_text_is_nothing() -> None:
    assert plain.read(" \n\t\n", "c.txt") == []
