"""kg.ingest.jsonl_split: a JSON Lines file is cut into its lines in one cheap pass, each line
reads as the whole file read it (number, source path, file hash, encoding), a line over the
size limit is skipped unread, and every other file is left to be read whole."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.ingest import jsonl_split, read_inputs
from kg.ingest.dispatch import read_file
from kg.ingest.files import InputFile
from kg.ingest.jsonl_split import Line, lines_of, read_line, split_inputs
from kg.limits import NO_LIMITS, Limits
from kg.records import Document, SkippedFile

Write = Callable[[str, str | bytes], Path]

RELEASE = {"title": "Opération Bâton", "text": "Europol supported the Guardia Civil in Operation "
           "Baton: 3 suspects were arrested in Málaga and €2 million seized.", "date": "2024-05-01"}
LINE = json.dumps(RELEASE, ensure_ascii=False)
OTHER = json.dumps({"text": "The Carabinieri arrested 4 suspects in Italy.", "lang": "it"})
THIRD = json.dumps({"body": "<p>Eurojust coordinated the operation.</p>"})
FOURTH = json.dumps({"content": "INTERPOL issued 2 Red Notices.", "url": "https://example.org/a"})

# name: (bytes, why): JSON Lines files as exporters write them.
CORPORA = {
    "utf-8": ((LINE + "\n" + OTHER + "\n").encode("utf-8"), "UTF-8, a break after every line"),
    "bom": (("\ufeff" + LINE + "\n" + OTHER).encode("utf-8"), "a byte-order mark, no last break"),
    "crlf": ((LINE + "\r\n\r\n" + OTHER + "\r\n").encode("utf-8"), "Windows breaks, a blank line"),
    "cr": ((LINE + "\r" + OTHER + "\r\r").encode("utf-8"), "old Mac breaks, counted as '\\n' is"),
    "cp1252": ((LINE + "\n" + OTHER + "\n").encode("cp1252"), "Windows-1252 (the euro sign, é)"),
    "latin-1": ((LINE.replace("€", "EUR") + "\n\x81\n" + OTHER).encode("latin-1"),
                "a byte cp1252 lacks: Latin-1"),
    "blank lines": (b"\n  \n" + LINE.encode() + b"\n\t\n\xc2\xa0\n" + OTHER.encode() + b"\n\n",
                    "white space lines (a no-break space too) are no lines"),
    "long first line": ((json.dumps({"text": "Europol said so. " * 5000}) + "\n" + OTHER).encode(),
                        "a first line longer than the main process's first look (64 KB)"),
    "bad lines": ((LINE + "\n{not json\n[1, 2]\n" + "[" * 100_000 + "\n" + OTHER + "\n"
                   + THIRD + "\n" + FOURTH).encode(),
                  "broken, non-object and too deeply nested lines are skipped"),
}


def _whole(path: Path, source: str) -> list[Document | SkippedFile]:
    """What reading the file whole gives (kg.ingest.dispatch, as before lines were split)."""
    return read_file(InputFile(path, source))


def _by_line(path: Path, source: str, limits: Limits = NO_LIMITS) -> list[Document | SkippedFile]:
    lines = lines_of(InputFile(path, source), limits)
    assert lines is not None, "read whole, not line by line"
    return [item for line in lines for item in (read_line(line) if isinstance(line, Line) else [line])]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_each_line_reads_as_in_the_whole_file(write: Write, name: str) -> None:
    path = write("c.jsonl", CORPORA[name][0])
    assert _by_line(path, "d/c.jsonl") == _whole(path, "d/c.jsonl")


@pytest.mark.parametrize("block", [1, 2, 5, 7])
def test_lines_and_breaks_across_blocks_are_found(write: Write, monkeypatch: pytest.MonkeyPatch,
                                                  block: int) -> None:
    """Files are read in blocks: a line, or a '\\r\\n', cut by a block's end is still one."""
    monkeypatch.setattr(jsonl_split, "BLOCK", block)
    for name, (data, _) in CORPORA.items():
        path = write(f"{name}.jsonl", data)
        assert _by_line(path, name) == _whole(path, name), name


def test_the_lines_of_a_file_are_work_items_in_order(write: Write) -> None:
    path = write("c.jsonl", CORPORA["crlf"][0])
    plain = write("a.txt", "Europol said nothing.")
    found = split_inputs([InputFile(plain, "a.txt"), InputFile(path, "c.jsonl"),
                          SkippedFile("x", "not a regular file")], NO_LIMITS)
    assert [(type(item).__name__, getattr(item, "number", None)) for item in found] == [
        ("InputFile", None), ("Line", 1), ("Line", 3), ("SkippedFile", None)]
    first = found[1]
    assert isinstance(first, Line) and first.source == "c.jsonl#1"
    assert path.read_bytes()[first.start:first.end] == LINE.encode()
    assert first.file.encoding == "utf-8" and first.file.size == len(CORPORA["crlf"][0])


def test_a_line_over_the_size_limit_is_skipped_unread_while_the_others_read(write: Write) -> None:
    big = json.dumps({"text": "Europol said so. " * 100})  # 1,712 bytes
    path = write("c.jsonl", f"{LINE}\n{big}\n{OTHER}")
    items = _by_line(path, "c.jsonl", Limits(max_bytes=1000))
    assert [item.source_paths if isinstance(item, Document) else item for item in items] == [
        ("c.jsonl#1",),
        SkippedFile("c.jsonl#2", "line 2: too large: 0.00171 MB (limit 0.001 MB, see --max-size)"),
        ("c.jsonl#3",)]


@pytest.mark.parametrize("data", [
    b"Europol supported the operation.\n" + LINE.encode(),  # does not start with '{'
    b"{ Europol supported the operation }\nTwo arrests.\nIn Spain.",  # mostly not JSON
    (LINE + "\n" + OTHER).encode("utf-16"),  # UTF-16: a break is two bytes
    LINE.encode() + b"\n\x00\x01",  # NUL bytes: binary, or UTF-16 without a mark
    b"\xef\xbb\xbf" + LINE.encode() + b"\n\xff\n",  # a mark its bytes contradict
    b"  \n\t",  # white space only
    json.dumps({"releases": [RELEASE, RELEASE]}, indent=2).encode(),  # one JSON document
    ("{not json\n" + LINE + "\n" + OTHER).encode(),  # a first line that is no object
], ids=["plain", "not-mostly-json", "utf-16", "nul", "bad-bom", "blank", "json-document", "bad-first-line"])
def test_other_files_are_read_whole(write: Write, data: bytes) -> None:
    assert lines_of(InputFile(write("c.txt", data), "c.txt"), NO_LIMITS) is None


def test_a_file_of_lines_over_the_limit_only_is_read_whole_so_refused_whole(write: Write) -> None:
    """Lines over the limit have no say in whether a file is JSON Lines: a one-line JSON dump
    over --max-size is refused as a file, unread, as before."""
    path = write("dump.json", json.dumps({"text": "x" * 5000}))
    assert lines_of(InputFile(path, "dump.json"), Limits(max_bytes=1000)) is None


def test_mojibake_is_repaired_in_each_line(write: Write) -> None:
    """In the whole file, a release naming Beijing in Chinese stopped the repair of every other
    release's mojibake (the repair re-encodes the whole text, which such a character cannot be)."""
    path = write("c.jsonl", '{"text": "Europolâ€™s officers arrested 3 suspects."}\n'
                            '{"text": "The police of 北京 arrested 2 suspects."}\n')
    documents, _ = read_inputs([path])
    assert [d.text for d in documents] == ["Europol’s officers arrested 3 suspects.",
                                           "The police of 北京 arrested 2 suspects."]


def test_read_inputs_reads_a_big_json_lines_file_line_by_line(write: Write) -> None:
    path = write("c.jsonl", CORPORA["bad lines"][0])
    documents, skipped = read_inputs([path])
    assert [d.source_paths for d in documents] == [("c.jsonl#1",), ("c.jsonl#5",), ("c.jsonl#6",),
                                                   ("c.jsonl#7",)]
    assert [s.path for s in skipped] == ["c.jsonl#2", "c.jsonl#3", "c.jsonl#4"]
