"""The dated-news reader: a `date YYYY-MM-DD` header on the first line gives the date."""
from __future__ import annotations

from datetime import date

import pytest

from kg.errors import ReadError
from kg.ingest import dated

ARTICLE = (
    " date 2020-04-22 AUSTRALIAN police have helped trace a video to a Spanish man.\n\n"
    "Europol supported Spanish police by analysing information from Queensland Police.\n"
)


def test_sniff() -> None:
    assert dated.sniff(ARTICLE)
    assert dated.sniff("\n\ndate 2024-11-10\nFour men have been arrested.")
    assert not dated.sniff("The date 2020-04-22 was chosen for the action day.")
    assert not dated.sniff(" date 2020-13-45 Not a real date.")
    assert not dated.sniff("AUSTRALIAN police have helped.")


def test_read_takes_date_and_removes_header() -> None:
    [document] = dated.read(ARTICLE, "wire.txt")
    assert document.published == date(2020, 4, 22)
    assert document.format == "dated"
    assert document.text.startswith("AUSTRALIAN police have helped")
    assert "2020-04-22" not in document.text
    assert document.text.endswith("Queensland Police.")
    assert document.title is None


def test_read_header_only_is_an_error() -> None:
    with pytest.raises(ReadError):
        dated.read(" date 2020-04-22  \n\n", "empty.txt")
