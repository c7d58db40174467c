"""Bytes to text: every encoding a newsroom saves in gives the same characters, mojibake is
repaired, and bytes that are not text are reported, never read as garbage or raised on."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import ReadError
from kg.ingest.decode import decode

TEXT = "Europol’s “EMPACT” team met in São Paulo – Polizei München, Île-de-France.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1252"])
def test_every_encoding_gives_the_same_text(encoding: str) -> None:
    assert decode(TEXT.encode(encoding)) == TEXT


def test_latin1_bytes_that_cp1252_leaves_undefined() -> None:
    assert decode("Café, Zürich, Ærø.".encode("latin-1") + b" \x81") == "Café, Zürich, Ærø. \x81"


@pytest.mark.parametrize("broken, fixed", [
    ("Europolâ€™s operation", "Europol’s operation"),  # UTF-8 read as cp1252, saved as UTF-8
    ("Polizei MÃ¼nchen", "Polizei München"),
    ("SÃ£o Paulo and the GuardÃ\xada Civil", "São Paulo and the Guardía Civil"),
])
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert decode(broken.encode("utf-8")) == fixed


@pytest.mark.parametrize("right", [
    "naïve café in Zürich; “quoted” — ‘single’ … ﬁnal ligature and ＦＵＬＬ width",
    "Ã is a letter of Portuguese; Â too.",
    "Prices: 5 € or £4; Š, Ž, Œ.",
])
def test_right_text_is_left_alone(right: str) -> None:
    assert decode(right.encode("utf-8")) == right


def test_utf16_without_a_byte_order_mark_is_not_binary() -> None:
    assert decode("A release\nof two lines.".encode("utf-16-le")) == "A release\nof two lines."
    assert decode("A release\nof two lines.".encode("utf-16-be")) == "A release\nof two lines."


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\t\r\n", "empty file (white space only)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary content (NUL bytes)"),
    (b"\xef\xbb\xbfvalid then \xff\xfe invalid", "undecodable: not valid UTF-8 despite its byte-order mark (byte 14)"),
    (b"\xff\xfeA\x00\x00\xd8", "undecodable: not valid UTF-16-LE despite its byte-order mark (byte 4)"),
])
def test_bytes_that_are_not_text_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as raised:
        decode(data)
    assert str(raised.value) == reason


def test_random_bytes_never_raise_anything_but_a_read_error() -> None:
    generator = random.Random(8)
    for size in [1, 2, 3, 7, 64, 1000, 4096] * 20:
        data = bytes(generator.getrandbits(8) for _ in range(size))
        try:
            text = decode(data)
        except ReadError:
            continue
        assert isinstance(text, str) and text.strip()


# The characters mojibake is made of (one-byte encodings' upper halves), "?" and SUB (which
# ftfy's lossy repair reads as lost bytes), C1 controls, letters and spaces.
_MOJIBAKE_PARTS = (["Ã", "Â", "â", "€", "™", "œ", "¼", "©", "Ð", "Ñ", "ð", "Ÿ", "\x81", "\x9d", "\x1a", "?",
                    "\x80", "\x93", "\x94", "\x96", "â€™", "â?™", "Ã?", "é", "ü", "ß", "ł", "ř", "Ж", "—", "“", " ", "a",
                    "E", "\n", "ó"]
                   + [b.decode("utf-8").encode("utf-8").decode("cp1252", "replace") for b in
                      ("é".encode(), "ł".encode(), "—".encode(), "€".encode())])


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_MOJIBAKE_PARTS), max_size=12).map("".join))
def test_the_cheap_mojibake_test_never_clears_a_text_ftfy_would_change(text: str) -> None:
    import ftfy

    from kg.ingest.decode import _MOJIBAKE_ONLY, _may_be_mojibake
    if not _may_be_mojibake(text):
        assert ftfy.fix_encoding(text, _MOJIBAKE_ONLY) == text


def test_the_cheap_mojibake_test_clears_ordinary_accented_text() -> None:
    from kg.ingest.decode import _may_be_mojibake
    assert not _may_be_mojibake("Die Polizei in München nahm 12 Verdächtige fest.")
    assert _may_be_mojibake("Europolâ€™s")  # left to ftfy
    assert decode("Europolâ€™s operation".encode()) == "Europol’s operation"
