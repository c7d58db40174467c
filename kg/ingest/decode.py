"""Turning a file's bytes into text, or saying why they are not text.

Why: releases are saved by many tools: UTF-8 with and without a byte-order
mark, UTF-16 from Windows editors, cp1252 from older newsroom systems. A reader
must get the same characters from each, and a file that is not text at all
(an image, a PDF, a zip) must be reported, not read as garbage.
"""
from __future__ import annotations

import unicodedata

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
_FALLBACKS = ("utf-8", "cp1252", "latin-1")


def decode(data: bytes) -> str:
    """The text of a file's bytes: NFC, with '\\n' line breaks.

    Why: one decoding policy for every reader, so the same release saved in
    two encodings becomes the same text. Raises ReadError with a one-line
    reason for empty, binary or undecodable content.
    """
    if not data:
        raise ReadError("empty file")
    text = _decode_declared(data)
    if text is None:
        if b"\x00" in data:
            raise ReadError("binary content (NUL bytes)")
        text = _decode_undeclared(data)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("empty file (white space only)")
    return text


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


def _decode_undeclared(data: bytes) -> str:
    """The text by the first fallback encoding that decodes every byte."""
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("undecodable")  # unreachable: latin-1 decodes any byte
