"""Turning a file's bytes into text, or saying why they are not text.

Why: releases are saved by many tools: UTF-8 with and without a byte-order
mark, UTF-16 from Windows editors (with or without the mark), cp1252 from older
newsroom systems. A reader must get the same characters from each, and a file
that is not text at all (an image, a PDF, a zip) must be reported, not read as
garbage. Text that was once decoded with the wrong encoding and saved again
(mojibake: "Europolâ€™s", "MÃ¼nchen") is repaired with ftfy, which undoes exactly
those round trips and leaves right text alone; the graph still records the
hash of the file's original bytes.
"""
from __future__ import annotations

import re
import unicodedata

import ftfy

from kg.errors import ReadError

# Byte-order marks and the encoding each declares; the longer marks first
# (UTF-32-LE's mark begins with UTF-16-LE's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Tried in order when there is no mark; latin-1 maps every byte, so it never fails.
FALLBACKS = ("utf-8", "cp1252", "latin-1")
# ftfy's encoding repairs only (quotes, widths, ligatures and line breaks are the text's own),
# without the two guesses that can be wrong on right text ("Ã " read as a lost no-break space,
# or as one mojibake among right characters): a release that spells "Ã" must keep it.
_MOJIBAKE_ONLY = ftfy.TextFixerConfig(restore_byte_a0=False, decode_inconsistent_utf8=False)


def decode(data: bytes) -> str:
    """The text of a file's bytes: NFC, with '\\n' line breaks.

    Why: one decoding policy for every reader, so the same release saved in
    two encodings becomes the same text. Raises ReadError with a one-line
    reason for empty, binary or undecodable content.
    """
    if not data:
        raise ReadError("empty file")
    text = _decode_declared(data)
    if text is None and b"\x00" in data:
        text = _decode_utf16_unmarked(data)
        if text is None:
            raise ReadError("binary content (NUL bytes)")
    if text is None:
        text = _decode_undeclared(data)
    text = _repaired(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("empty file (white space only)")
    return text


def decode_line(data: bytes, encoding: str) -> str:
    """The text of one line of a file (its bytes without the line break), `encoding` being the
    one `decode` reads the whole file with.

    Why: a JSON Lines corpus is read line by line (kg.ingest.jsonl_split) and each line is a
    release of its own, so its mojibake is repaired on its own: in a whole file, one release
    holding a character the repair cannot encode (a Chinese name) stops it for every other.
    """
    return _repaired(data.decode(encoding))


def _repaired(text: str) -> str:
    """The text with its mojibake repaired, in NFC."""
    if not _may_be_mojibake(text):
        return unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", ftfy.fix_encoding(text, _MOJIBAKE_ONLY))


# A non-ASCII character between two ASCII ones (other than "?" and SUB, which ftfy's lossy
# repair reads as lost bytes), or at either end of the text.
_LONE = re.compile(r"(?<![^\x00-\x19\x1b-\x3e\x40-\x7f])[^\x00-\x7f](?![^\x00-\x19\x1b-\x3e\x40-\x7f])")
_C1 = re.compile(r"[\x80-\x9f]")


def _may_be_mojibake(text: str) -> bool:
    """Whether ftfy's repairs (as `_MOJIBAKE_ONLY` configures them) could change `text`.

    Why: ftfy's mojibake test costs about 1 ms on a release with any non-ASCII character,
    half of reading one. Every repair ftfy has left, with the two guesses off, encodes the
    text in a one-byte encoding and decodes it as UTF-8, or replaces C1 controls. One lone
    non-ASCII character becomes a lone byte of 0x80 or more, which no UTF-8 decoding
    accepts, so a text with one and no C1 control is left as it is: most accented text
    ("Müller"), at a hundredth of the cost (tests/ingest/test_decode.py holds this against
    ftfy itself).
    """
    return _C1.search(text) is not None or _LONE.search(text) is None


def _decode_declared(data: bytes) -> str | None:
    """The text by the encoding a byte-order mark declares; None without a mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise ReadError(
                    f"undecodable: not valid {encoding.upper()} despite its byte-order mark "
                    f"(byte {error.start + len(bom)})"
                ) from error
    return None


def _decode_utf16_unmarked(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte-order mark, told by where its NUL bytes
    fall (the high bytes of Latin characters); None when the bytes are not such text."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= half * 0.3 and others <= half * 0.01:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return None if "\x00" in text else text
    return None


def _decode_undeclared(data: bytes) -> str:
    """The text by the first fallback encoding that decodes every byte."""
    for encoding in FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("undecodable")  # unreachable: latin-1 decodes any byte
