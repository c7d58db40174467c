"""JSON Lines files read line by line, so that the workers share a big one as they share a folder.

Why: a JSON Lines file is a corpus, not a release. A 12 MB export of 6,000 releases must not
be refused by a size limit meant for one release, nor read by one worker while the others
wait. So the main process finds the lines of each JSON Lines file (one cheap pass over its
bytes; nothing is extracted there) and the build hands each line to a worker as it hands a
file. The size and time limits then bound each line: one over --max-size is skipped as
`file.jsonl#N` with its reason, unread, while the other lines build.

A line reads as it would in the whole file: its number, its source path `file.jsonl#N`, the
hash of the whole file's bytes and the encoding the whole file is decoded with (the choice of
kg.ingest.decode) are the file's. Only the repair of mojibake is per line (see `decode_line`).
A file is read whole as before (kg.ingest.dispatch) when its first line is not a JSON object,
when it is not UTF-8 or a one-byte encoding (UTF-16 cannot be cut at a line break's byte), or
when its lines are not mostly JSON objects (jsonl.sniff's rule; a line over the size limit has
no say).
"""
from __future__ import annotations

import codecs
import hashlib
import re
from array import array
from collections.abc import Container, Iterable
from dataclasses import dataclass, replace
from typing import BinaryIO

from kg.ingest import jsonl
from kg.ingest.decode import FALLBACKS, decode_line
from kg.ingest.files import InputFile
from kg.limits import Limits
from kg.records import Document, SkippedFile

BLOCK = 1 << 20  # bytes read at a time: a file is never held whole
_PEEK = 1 << 16  # how far the main process reads into a file to tell whether it is JSON Lines
_BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(rb"\r\n|\r|\n")  # what kg.ingest.decode counts as a line break


@dataclass(frozen=True, slots=True)
class LinesFile:
    """A JSON Lines file read line by line: the file, the hash of its bytes, the encoding of
    the whole file, and its size."""

    input: InputFile
    sha256: str
    encoding: str
    size: int

    @property
    def source(self) -> str:
        return self.input.source


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a JSON Lines file: its 1-based number and its bytes [start, end) (without
    the line break)."""

    file: LinesFile
    number: int
    start: int
    end: int

    @property
    def source(self) -> str:
        """The source path the graph records for the line's release."""
        return f"{self.file.source}#{self.number}"


def split_inputs(found: Iterable[InputFile | SkippedFile], limits: Limits
                 ) -> list[InputFile | Line | SkippedFile]:
    """The inputs, in order, with each JSON Lines file replaced by its non-blank lines (a line
    over `limits` by a SkippedFile saying so)."""
    inputs: list[InputFile | Line | SkippedFile] = []
    for item in found:
        lines = lines_of(item, limits) if isinstance(item, InputFile) else None
        inputs.extend([item] if lines is None else lines)
    return inputs


def lines_of(file: InputFile, limits: Limits) -> list[Line | SkippedFile] | None:
    """The lines of a JSON Lines file, or None for a file to read whole (any other format, or a
    file that cannot be read: reading it whole says why)."""
    try:
        with file.open() as handle:
            if not _opens_as_json_lines(handle):
                return None
            found = _scan(handle, file)
            return None if found is None else _vote(handle, found, limits)
    except OSError:
        return None


def read_line(line: Line) -> list[Document | SkippedFile]:
    """The release on a line (with the hash of the file's bytes), why there is none, or nothing
    for a line that is blank once decoded."""
    try:
        with line.file.input.open() as handle:
            handle.seek(line.start)
            data = handle.read(line.end - line.start)
    except OSError as error:
        return [SkippedFile(line.source, f"cannot read: {error.strerror or error}")]
    try:
        text = decode_line(data, line.file.encoding)
        if not text.strip():
            return []
        item = jsonl.read_line(text, line.source, line.number)
    except Exception as error:  # noqa: BLE001 (one bad line must never stop a build)
        return [SkippedFile(line.source, f"{jsonl.FORMAT} reader failed: {type(error).__name__}: {error}")]
    if isinstance(item, Document):
        return [replace(item, source_hashes=(line.file.sha256,))] if item.text.strip() else []
    return [item]


def count_sources(paths: Iterable[str], line_files: Container[str]) -> tuple[int, int, int]:
    """How many `paths` are files, how many are lines (`file#N` of one of `line_files`), and
    of how many files those lines are."""
    files = lines = 0
    of: set[str] = set()
    for path in paths:
        head, _, number = path.rpartition("#")
        if number.isascii() and number.isdigit() and head in line_files:
            lines += 1
            of.add(head)
        else:
            files += 1
    return files, lines, len(of)


@dataclass
class _Scan:
    """What the first pass over a file found: its hash, encoding and non-blank byte lines."""

    file: LinesFile
    spans: array  # (number, start, end) of each line, flat


def _opens_as_json_lines(handle: BinaryIO) -> bool:
    """Whether the file's first line but blank ones (after a UTF-8 byte-order mark) is a JSON
    object, or starts as one and runs on past the first 64 KB: the one cheap look the main
    process takes at every file. Not a JSON document printed over many lines ('{' alone on its
    first line): that is read whole, unread if over the size limit, its lines never counted.
    (Whatever the encoding, Latin-1 tells a JSON object from anything else as well.)"""
    head = handle.read(4096)
    while head.removeprefix(_BOM).isspace() and len(head) < _PEEK and (more := handle.read(4096)):
        head += more
    text = head.removeprefix(_BOM).lstrip()
    if not text.startswith(b"{"):
        return False
    while not (found := _BREAK.search(text)) and len(head) < _PEEK and (more := handle.read(4096)):
        head, text = head + more, text + more
    if found is None and len(head) >= _PEEK:
        return True  # a first line longer than the look: the count of every line decides
    return jsonl.is_object(text[:found.start() if found else None].decode("latin-1"))


def _scan(handle: BinaryIO, file: InputFile) -> _Scan | None:
    """One pass over the bytes: their hash, encoding and non-blank lines; None when the file is
    to be read whole (NUL bytes: UTF-16 or binary; bytes its UTF-8 byte-order mark denies)."""
    bom = _has_bom(handle)
    digest = hashlib.sha256(_BOM if bom else b"")
    utf8 = codecs.getincrementaldecoder("utf-8")()
    spans = array("q")  # number, start, end of each non-blank line, one after another
    offset = start = len(_BOM) if bom else 0
    number, filled, valid = 1, False, True  # filled: the line so far holds more than white space
    pending = b""  # a '\r' ending a block, which a '\n' starting the next one completes
    while True:
        block = handle.read(BLOCK)
        if b"\x00" in block:
            return None
        digest.update(block)
        valid = valid and _decodes(utf8, block, final=not block)
        data, at = pending + block, offset - len(pending)
        pending = b"\r" if block and data.endswith(b"\r") else b""
        stop, seen = len(data) - len(pending), 0
        for match in _BREAK.finditer(data, 0, stop):
            if filled or data[seen:match.start()].strip():
                spans.extend((number, start, at + match.start()))
            number, start, filled, seen = number + 1, at + match.end(), False, match.end()
        filled = filled or bool(data[seen:stop].strip())
        offset += len(block)
        if not block:
            break
    if filled:  # a last line without a line break
        spans.extend((number, start, offset))
    encoding = "utf-8" if valid else None if bom else _fallback(handle)
    if encoding is None:
        return None
    return _Scan(LinesFile(file, digest.hexdigest(), encoding, offset),
                 spans)


def _decodes(decoder: codecs.IncrementalDecoder, block: bytes, final: bool) -> bool:
    """Whether the bytes so far are still valid in the decoder's encoding."""
    try:
        decoder.decode(block, final)
        return True
    except UnicodeDecodeError:
        return False


def _has_bom(handle: BinaryIO) -> bool:
    """Whether the file starts with UTF-8's byte-order mark (the handle is left after it, if so)."""
    handle.seek(0)
    if handle.read(len(_BOM)) == _BOM:
        return True
    handle.seek(0)
    return False


def _fallback(handle: BinaryIO) -> str | None:
    """The encoding kg.ingest.decode reads a file with that is not UTF-8: the first of its
    fallbacks that decodes every byte (latin-1 decodes any)."""
    for encoding in FALLBACKS[1:]:
        decoder = codecs.getincrementaldecoder(encoding)()
        handle.seek(0)
        while (block := handle.read(BLOCK)) and _decodes(decoder, block, final=False):
            pass
        if not block and _decodes(decoder, b"", final=True):
            return encoding
    return None


def _vote(handle: BinaryIO, scan: _Scan, limits: Limits) -> list[Line | SkippedFile] | None:
    """The file's lines if most of those within the size limit are JSON objects, else None."""
    items: list[Line | SkippedFile] = []
    objects = voters = 0
    spans = scan.spans
    for number, start, end in zip(spans[0::3], spans[1::3], spans[2::3], strict=True):
        too_large = limits.too_large(end - start)
        if too_large:
            items.append(SkippedFile(f"{scan.file.source}#{number}", f"line {number}: {too_large}"))
            continue
        handle.seek(start)
        text = handle.read(end - start).decode(scan.file.encoding)
        if text.strip():
            voters += 1
            objects += jsonl.is_object(text)
            items.append(Line(scan.file, number, start, end))
    return items if jsonl.is_corpus(objects, voters) else None
