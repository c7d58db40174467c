"""read_inputs: finding files, decoding, choosing readers by content, skipping, merging duplicates."""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import dated, read_inputs
from kg.ingest.files import InputFile
from kg.records import Document, text_key

Write = Callable[[str, str | bytes], Path]

WITH_BREAKS = (
    "LYON, France – Today, the Portuguese Judicial Police hosted a media event.\n"
    "The event included INTERPOL, Europol and US ICE, in 2017.\n"
    "Those events were the culmination of a year-long investigation.\n"
)
ONE_LINE = WITH_BREAKS.replace("\n", "")  # "in 2017.Those events": the breaks are lost
PAYLOAD_FOOTER_ONLY = (
    r'\r\n\u00a9 2022<\/p>\r\n' "\n"
    r'Any use of Europol\u2019s logo requires prior written consent.<\/p>\r\n","footer-bottom-second":"' "\n"
    r'Europol is committed to user privacy.<\/p>\r\n"},'
    r'"terms":{"tags":[],"languages":[{"id":369,"title":"English"}]}},'
    r'"NodeLoader":{"node":{"id":4919,"type":"news","title":'
)


def _sources(documents: list[Document]) -> list[tuple[str, ...]]:
    return [d.source_paths for d in documents]


def test_one_line_text_merges_with_the_same_text_with_line_breaks(tmp_path: Path, write: Write) -> None:
    write("000.txt", ONE_LINE)
    write("001.txt", WITH_BREAKS)
    documents, skipped = read_inputs([tmp_path])
    assert skipped == []
    [document] = documents
    assert document.source_paths == ("000.txt", "001.txt")
    assert "in 2017. Those events" in document.text  # the first copy's text, sentences repaired
    assert document.key == text_key(WITH_BREAKS)


def test_white_space_only_duplicate_and_order_of_first_appearance(tmp_path: Path, write: Write) -> None:
    first = write("x/first.txt", "Europol supported Operation Lantern.\n\nTwelve arrests.")
    other = write("y/other.txt", "Another release: INTERPOL seized 2 tonnes.")
    again = write("y/again.txt", "  Europol   supported Operation Lantern.\tTwelve\narrests.  ")
    documents, _ = read_inputs([first, other, again])
    assert _sources(documents) == [("first.txt", "again.txt"), ("other.txt",)]


def test_merged_metadata_is_the_first_present_value(tmp_path: Path, write: Write) -> None:
    body = "AUSTRALIAN police have helped trace a video to a Spanish man."
    write("a.txt", body)
    write("b.txt", f" date 2020-04-22 {body}")
    [document], _ = read_inputs([tmp_path])
    assert document.source_paths == ("a.txt", "b.txt")
    assert document.format == "plain"
    assert document.published == date(2020, 4, 22)


def test_readers_are_chosen_by_content_not_extension(tmp_path: Path, write: Write) -> None:
    write("1.txt", json.dumps({"text": "JSON Lines release about Eurojust."}) + "\n")
    write("2.txt", "<!DOCTYPE html><html><body><p>An HTML release about the FBI.</p></body></html>")
    write("3.txt", " date 2024-11-10 Four men have been arrested by the NCA.")
    write("4.txt", "A plain release about the Dutch National Police.")
    documents, skipped = read_inputs([tmp_path])
    assert skipped == []
    assert [d.format for d in documents] == ["jsonl", "html", "dated", "plain"]
    assert documents[0].source_paths == ("1.txt#1",)


def test_encodings(tmp_path: Path, write: Write) -> None:
    write("bom8.txt", "\ufeffPolicía Nacional arrested 3 suspects.".encode("utf-8"))
    write("utf16.txt", "Guardia Civil seized 40 kg – in Málaga.\r\nEnd.".encode("utf-16"))
    write("cp1252.txt", "Europol’s analysts – “ECTC” – helped. Café.".encode("cp1252"))
    write("latin.txt", b"Byte \x81 undefined in cp1252, Caf\xe9.")
    documents, skipped = read_inputs([tmp_path])
    assert skipped == []
    texts = {d.source_paths[0]: d.text for d in documents}
    assert texts["bom8.txt"] == "Policía Nacional arrested 3 suspects."
    assert texts["utf16.txt"] == "Guardia Civil seized 40 kg – in Málaga.\nEnd."
    assert texts["cp1252.txt"] == "Europol’s analysts – “ECTC” – helped. Café."
    assert texts["latin.txt"] == "Byte undefined in cp1252, Café."  # a C1 control is white space


def test_decomposed_text_is_composed(tmp_path: Path, write: Write) -> None:
    write("nfd.txt", "Polici\u0301a Nacional")
    [document], _ = read_inputs([tmp_path])
    assert document.text == "Policía Nacional"


def test_unreadable_files_are_skipped_with_one_line_reasons(tmp_path: Path, write: Write) -> None:
    write("a-empty.txt", b"")
    write("b-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write("c-blank.txt", " \n\t\n")
    write("d-footer.txt", PAYLOAD_FOOTER_ONLY)
    write("e-bad-utf16.txt", b"\xff\xfe\x00\xd8")
    write("f-good.txt", "Europol supported the action day.")
    documents, skipped = read_inputs([tmp_path])
    assert _sources(documents) == [("f-good.txt",)]
    reasons = {s.path: s.reason for s in skipped}
    assert reasons["a-empty.txt"] == "empty file"
    assert "binary" in reasons["b-binary.txt"]
    assert "empty" in reasons["c-blank.txt"]
    assert reasons["d-footer.txt"] == "no release text left after removing page boilerplate"
    assert reasons["e-bad-utf16.txt"].startswith("undecodable")
    assert all("\n" not in reason for reason in reasons.values())


def test_jsonl_with_a_bad_line(tmp_path: Path, write: Write) -> None:
    lines = [json.dumps({"text": "First release."}), "{broken", json.dumps({"body": "Third release."})]
    write("sub/corpus.jsonl", "\n".join(lines))
    documents, skipped = read_inputs([tmp_path])
    assert _sources(documents) == [("sub/corpus.jsonl#1",), ("sub/corpus.jsonl#3",)]
    assert [s.path for s in skipped] == ["sub/corpus.jsonl#2"]
    assert "line 2" in skipped[0].reason


def test_directories_are_read_recursively_in_sorted_order(tmp_path: Path, write: Write) -> None:
    for name in ("b.txt", "a/z.txt", "a/b/c.txt", "a.txt", "B.txt"):
        write(f"docs/{name}", f"Release stored as {name}.")
    documents, _ = read_inputs([tmp_path / "docs"])
    assert _sources(documents) == [("B.txt",), ("a.txt",), ("a/b/c.txt",), ("a/z.txt",), ("b.txt",)]


def test_hidden_files_and_directories_are_ignored(tmp_path: Path, write: Write) -> None:
    write("docs/.hidden.txt", "Hidden release.")
    write("docs/.git/objects.txt", "Git internals.")
    write("docs/seen.txt", "Visible release.")
    documents, skipped = read_inputs([tmp_path / "docs"])
    assert _sources(documents) == [("seen.txt",)]
    assert skipped == []


def test_file_argument_is_recorded_by_its_name(tmp_path: Path, write: Write) -> None:
    path = write("deep/inside/release.txt", "Europol supported the action day.")
    [document], _ = read_inputs([path])
    assert document.source_paths == ("release.txt",)


def test_nonexistent_input_raises_input_error(tmp_path: Path, write: Write) -> None:
    write("real.txt", "A release.")
    with pytest.raises(InputError, match="does not exist"):
        read_inputs([tmp_path / "real.txt", tmp_path / "missing.txt"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlinks_broken_and_looping(tmp_path: Path, write: Write) -> None:
    write("docs/real.txt", "A real release.")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "docs" / "broken.txt")
    os.symlink(tmp_path / "docs", tmp_path / "docs" / "loop")
    documents, skipped = read_inputs([tmp_path / "docs"])
    assert _sources(documents) == [("real.txt",)]
    assert [(s.path, s.reason) for s in skipped] == [
        ("broken.txt", "broken symbolic link"),
        ("loop", "directory loop: a link back to a folder being read")]


def test_permission_error_is_a_skip(tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    write("locked.txt", "Secret release.")
    write("open.txt", "Open release.")
    real_open = InputFile.open

    def opened(file: InputFile):
        if file.path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(file)

    monkeypatch.setattr(InputFile, "open", opened)
    documents, skipped = read_inputs([tmp_path])
    assert _sources(documents) == [("open.txt",)]
    assert [(s.path, s.reason) for s in skipped] == [("locked.txt", "cannot read: Permission denied")]


def test_a_failing_reader_skips_the_file_not_the_build(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("a.txt", " date 2024-01-01 This one breaks the reader.")
    write("b.txt", "This one is plain.")

    def explode(text: str, source: str) -> list[Document]:
        raise ValueError("boom")

    monkeypatch.setattr(dated, "read", explode)
    documents, skipped = read_inputs([tmp_path])
    assert _sources(documents) == [("b.txt",)]
    assert [s.path for s in skipped] == ["a.txt"]
    assert "boom" in skipped[0].reason


def test_a_file_name_that_is_not_utf8_is_recorded_with_replacement_characters(tmp_path: Path) -> None:
    # Regression (issue 8, hostile input): Python keeps the bytes of such a name as lone
    # surrogates, and the build stopped with UnicodeEncodeError hashing its cache key.
    docs = tmp_path / "docs"
    docs.mkdir()
    with open(os.fsencode(docs) + b"/caf\xe9-\xff.txt", "wb") as handle:
        handle.write(b"Europol supported the operation.")
    with open(os.fsencode(docs) + b"/empty-\xfe.txt", "wb"):
        pass
    documents, skipped = read_inputs([docs])
    assert [d.source_paths for d in documents] == [("caf\ufffd-\ufffd.txt",)]
    assert [s.path for s in skipped] == ["empty-\ufffd.txt"]
    [single], _ = read_inputs([Path(os.fsdecode(os.fsencode(docs) + b"/caf\xe9-\xff.txt"))])
    assert single.source_paths == ("caf\ufffd-\ufffd.txt",)


def test_a_deeply_nested_json_line_is_skipped_not_a_crash(tmp_path: Path, write: Write) -> None:
    # Regression (tests/test_fuzz.py): json.loads raises RecursionError, not ValueError, on a
    # line of ten thousand '['; the JSON Lines sniff let it through and the build stopped.
    write("a.txt", "[" * 100_000)
    write("b.jsonl", '{"text": "Europol supported the operation."}\n' + "[" * 100_000 + "\n")
    documents, skipped = read_inputs([tmp_path])
    assert _sources(documents) == [("a.txt",), ("b.jsonl#1",)]
    assert [(s.path, s.reason) for s in skipped] == [("b.jsonl#2", "line 2: JSON nested too deeply to read")]


def test_a_failing_sniff_skips_the_file_not_the_build(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("a.txt", "Any text.")

    def explode(text: str) -> bool:
        raise RecursionError("deep")

    monkeypatch.setattr(dated, "sniff", explode)
    documents, skipped = read_inputs([tmp_path])
    assert documents == [] and [s.path for s in skipped] == ["a.txt"]
    assert "format detection failed: RecursionError: deep" in skipped[0].reason
