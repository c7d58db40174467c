"""Choosing a reader for a file by its content, and reading it without ever failing the build.

Why: the corpus names every file `.txt` whatever it holds, so the format is
told from the content. Readers are tried from the most particular shape to
the least (JSON Lines, page-data payload, HTML page, dated news, plain text),
so that each sniff only has to rule out the formats after it. One bad file
becomes a SkippedFile with a reason, never an exception.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from typing import Protocol

from kg.errors import ReadError
from kg.ingest import dated, html, jsonl, payload, plain
from kg.ingest.decode import decode
from kg.ingest.files import InputFile
from kg.records import Document, SkippedFile

NO_RELEASE_TEXT = "no release text left after removing page boilerplate"


class Reader(Protocol):
    """What every reader module provides."""

    FORMAT: str

    def sniff(self, text: str) -> bool:
        """Whether the content looks like this reader's format."""

    def read(self, text: str, source: str) -> Iterable[Document | SkippedFile]:
        """The releases in the content (and, for multi-release formats, the parts skipped)."""


READERS: tuple[Reader, ...] = (jsonl, payload, html, dated, plain)


def pick_reader(text: str) -> Reader:
    """The first reader, in order, whose sniff accepts the content (plain text accepts all)."""
    return next(reader for reader in READERS if reader.sniff(text))


def read_file(file: InputFile) -> list[Document | SkippedFile]:
    """The releases in one file (each with the hash of the file's bytes, which the graph's
    provenance records), or a SkippedFile saying why there are none."""
    try:
        data = file.read_bytes()
    except OSError as error:
        return [SkippedFile(file.source, f"cannot read: {error.strerror or error}")]
    return read_bytes(data, file.source, hashlib.sha256(data).hexdigest())


def read_bytes(data: bytes, source: str, sha256: str) -> list[Document | SkippedFile]:
    """The releases in a file's bytes, `sha256` being their hash (which the build has already
    computed to look the file up in its cache)."""
    try:
        text = decode(data)
    except ReadError as error:
        return [SkippedFile(source, str(error))]
    return [replace(item, source_hashes=(sha256,)) if isinstance(item, Document) else item
            for item in read_text(text, source)]


def read_text(text: str, source: str) -> list[Document | SkippedFile]:
    """The releases in decoded content, read by the reader its content calls for."""
    try:
        reader = pick_reader(text)
    except Exception as error:  # a sniff is a reader's code too, and must not stop a build
        return [SkippedFile(source, f"format detection failed: {type(error).__name__}: {error}")]
    try:
        items = [item for item in reader.read(text, source) if _has_text(item)]
    except ReadError as error:
        return [SkippedFile(source, str(error))]
    except Exception as error:  # one bad file must never stop a build
        return [SkippedFile(source, f"{reader.FORMAT} reader failed: {type(error).__name__}: {error}")]
    return items or [SkippedFile(source, NO_RELEASE_TEXT)]


def _has_text(item: Document | SkippedFile) -> bool:
    """False for a Document whose text is blank (nothing for extractors to read)."""
    return not isinstance(item, Document) or bool(item.text.strip())
