"""A build over a folder of good and bad files: every good release is in the graph, every bad
file is listed once with its reason (on the terminal and in skipped.tsv), the graph conforms,
and the exit code is the documented one; with --strict, nothing is written and it exits 1.

Why: an analyst who starts a build of ten thousand scraped files at night must find a whole
graph of what could be read and the list of what could not, whatever the folder held.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

import kg.streaming
from kg.cli import main
from kg.validation import validate_file

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"
SLOW = "SLOW-MARKER"
BUGGY = "BUGGY-MARKER"
GOOD_EXTRA = {
    # name: (bytes, why it is good)
    "utf16.txt": ("Europol supported the Spanish National Police in Operation Kestrel against a "
                  "network that trafficked cocaine. Officers arrested 12 suspects in Madrid.\n"
                  ).encode("utf-16"),
    "mojibake.txt": ("Europolâ€™s analysts helped the Polizei MÃ¼nchen and the Guardia Civil in "
                     "Operation Granite; 7 suspects were arrested in Germany and Spain.\n").encode("utf-8"),
    "lines.jsonl": (b'{"title": "One good line", "text": "Eurojust coordinated Operation Basalt: '
                    b'the Italian Carabinieri arrested 4 suspects in Italy."}\n'
                    b'{"title": "Cut here", "text": "Interpol\n'),
}
BAD_REASONS = {
    "binary.bin": "binary content (NUL bytes)",
    "blank.txt": "empty file (white space only)",
    "broken.txt": "broken symbolic link",
    "buggy.txt": "extraction failed: RuntimeError: an extractor bug",
    "empty.txt": "empty file",
    "fifo": "not a regular file",
    "huge.txt": "too large: 0.11 MB (limit 0.1 MB, see --max-size)",
    "lines.jsonl#2": "line 2: invalid JSON (column 31: Unterminated string starting)",
    "loop": "directory loop: a link back to a folder being read",
    "slow.txt": "extraction took longer than 0.5 s and was abandoned (see --timeout)",
    "truncated-payload.txt": "no release text left after removing page boilerplate",
    "undecodable.txt": "undecodable: not valid UTF-8 despite its byte-order mark (byte 13)",
    "unreadable.txt": "cannot read: Input/output error",
}


def _good(folder: Path) -> Path:
    """The examples plus good files in other encodings and a JSON Lines file with a bad line."""
    folder.mkdir()
    for example in EXAMPLES.iterdir():
        (folder / example.name).write_bytes(example.read_bytes())
    for name, data in GOOD_EXTRA.items():
        (folder / name).write_bytes(data)
    return folder


def _bad(folder: Path) -> None:
    """Add a file of every kind that cannot be read to `folder`."""
    (folder / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t \r\n")
    (folder / "undecodable.txt").write_bytes(b"\xef\xbb\xbfA release \xff\xfe then garbage")
    payload = (EXAMPLES / "europol-payload.txt").read_bytes()
    (folder / "truncated-payload.txt").write_bytes(payload[:payload.index(b'"body"')])
    (folder / "huge.txt").write_bytes(b"Europol said nothing. " * 5_000)  # 110 KB over a 0.1 MB limit
    (folder / "slow.txt").write_text(f"Europol arrested 3 suspects. {SLOW}\n")
    (folder / "buggy.txt").write_text(f"Europol arrested 5 suspects. {BUGGY}\n")
    os.symlink(folder / "nowhere.txt", folder / "broken.txt")
    os.symlink(folder, folder / "loop")
    os.mkfifo(folder / "fifo")
    os.symlink("/proc/self/mem", folder / "unreadable.txt")  # is_file(), yet every read fails


@pytest.fixture
def hostile_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """An extraction that hangs on one release and fails on another, as a regex gone quadratic
    or an extractor bug would: the rest of the build must not notice."""
    real = kg.streaming.extract

    def extract(document, ref):
        if SLOW in document.text:
            time.sleep(30)
        if BUGGY in document.text:
            raise RuntimeError("an extractor bug")
        return real(document, ref)

    monkeypatch.setattr(kg.streaming, "extract", extract)


def _releases(nq: Path) -> set[tuple[str, str]]:
    """(release graph, source path) of every release in a graph."""
    ds = Dataset()
    ds.parse(nq, format="nquads")
    rows = ds.query("""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX opg: <https://w3id.org/opgraph/ontology#>
        SELECT ?g ?path WHERE { GRAPH ?g { ?r a opg:Release ; prov:wasDerivedFrom/opg:path ?path } }""")
    return {(str(g), str(path)) for g, path in rows}


def _build(*args: str) -> object:
    return CliRunner().invoke(main, ["build", *args, "--reproducible", "--jobs", "1", "--no-progress",
                                     "--max-size", "0.1", "--timeout", "0.5"])


@pytest.mark.skipif(not Path("/proc/self/mem").exists() or not hasattr(os, "mkfifo"),
                    reason="needs Linux's /proc and named pipes")
def test_a_folder_of_good_and_bad_files(tmp_path: Path, hostile_extractor: None) -> None:
    clean = _build(str(_good(tmp_path / "good")), "--out", str(tmp_path / "clean"))
    assert clean.exit_code == 0, clean.output
    expected = _releases(tmp_path / "clean" / "graph.nq")
    assert len(expected) == 10  # the 5 example files hold 7 releases, plus the 3 good extras

    mixed = _good(tmp_path / "mixed")
    _bad(mixed)
    start = time.perf_counter()
    result = _build(str(mixed), "--out", str(tmp_path / "out"))
    assert time.perf_counter() - start < 20  # the hanging release was abandoned, not waited for

    assert result.exit_code == 0, result.output
    assert _releases(tmp_path / "out" / "graph.nq") == expected
    listed = [line.split(": ", 1) for line in result.output.splitlines() if line.startswith("  ")]
    assert {path.strip(): reason for path, reason in listed} == BAD_REASONS
    assert len(listed) == len(BAD_REASONS)
    assert (f"skipped:  {len(BAD_REASONS) - 1} files and 1 line (listed in {tmp_path / 'out' / 'skipped.tsv'})"
            in result.output)
    rows = (tmp_path / "out" / "skipped.tsv").read_text().splitlines()
    assert rows[0] == "path\treason"
    assert dict(row.split("\t") for row in rows[1:]) == BAD_REASONS
    assert "shapes:   conforms" in result.output
    report = validate_file(tmp_path / "out" / "graph.nq")  # pySHACL, the reference engine
    assert report.conforms, report.to_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_strict_fails_and_writes_nothing(tmp_path: Path, hostile_extractor: None) -> None:
    folder = _good(tmp_path / "docs")
    (folder / "binary.bin").write_bytes(b"\x00\x01\x02")
    (folder / "buggy.txt").write_text(f"Europol arrested 5 suspects. {BUGGY}\n")

    result = _build(str(folder), "--out", str(tmp_path / "new"), "--strict")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "skipped:  binary.bin: binary content (NUL bytes)",
        "skipped:  buggy.txt: extraction failed: RuntimeError: an extractor bug",
        "skipped:  lines.jsonl#2: line 2: invalid JSON (column 31: Unterminated string starting)",
        "Error: --strict: 3 inputs could not be read, so nothing was written",
    ]
    assert not (tmp_path / "new").exists()

    assert _build(str(EXAMPLES), "--out", str(tmp_path / "old")).exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "old").iterdir() if p.is_file()}
    assert _build(str(folder), "--out", str(tmp_path / "old"), "--strict").exit_code == 1
    assert {p.name: p.read_bytes() for p in (tmp_path / "old").iterdir() if p.is_file()} == before


def test_a_release_that_cannot_be_written_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = kg.streaming.release_quads

    def release_quads(release, minter, evidence=True):
        if release.document.source_paths == ("europol-glass-harbour.txt",):
            raise ValueError("a mapping bug")
        return real(release, minter, evidence=evidence)

    monkeypatch.setattr(kg.streaming, "release_quads", release_quads)
    result = _build(str(EXAMPLES), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "  europol-glass-harbour.txt: could not be written: ValueError: a mapping bug" in result.output
    assert result.output.startswith("releases: 6 (from 3 files and 3 lines of 1 JSON Lines file; 0 duplicates)\n"
                                    "skipped:  1 file")
    assert "europol-glass-harbour.txt" not in {p for _, p in _releases(tmp_path / "out" / "graph.nq")}
    assert "shapes:   conforms" in result.output


def test_a_file_name_with_a_tab_or_line_break_stays_one_row_of_skipped_tsv() -> None:
    from kg.outputs import skipped_tsv
    from kg.records import SkippedFile

    text = skipped_tsv([SkippedFile("a\tb\nc\\d.txt", "empty\tfile\n(white space only)")])
    assert text == "path\treason\na\\tb\\nc\\\\d.txt\tempty file (white space only)\n"


def test_the_time_limit_covers_a_release_whole_cost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A release whose extraction stays within --timeout but whose graph takes the rest is
    abandoned too (the limit is one budget for extracting, mapping, validating and writing),
    and only that release: the others are written."""
    marker = "SLOW-GRAPH-MARKER"
    real_extract, real_quads = kg.streaming.extract, kg.streaming.release_quads

    def extract(document, ref):
        if marker in document.text:
            time.sleep(0.35)  # within the 0.5 s limit on its own
        return real_extract(document, ref)

    def release_quads(release, *args, **kwargs):
        if marker in release.document.text:
            time.sleep(0.3)  # within the limit on its own, over it with the extraction
        return real_quads(release, *args, **kwargs)

    monkeypatch.setattr(kg.streaming, "extract", extract)
    monkeypatch.setattr(kg.streaming, "release_quads", release_quads)
    folder = _good(tmp_path / "in")
    (folder / "slow-graph.txt").write_text(f"Europol arrested 3 suspects. {marker}\n")
    result = _build(str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "  slow-graph.txt: building its graph took longer than 0.5 s and was abandoned (see --timeout)" \
        in result.output.splitlines()
    assert len(_releases(tmp_path / "out" / "graph.nq")) == 10
