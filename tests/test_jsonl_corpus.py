"""A JSON Lines corpus in a build: the size limit bounds each line, not the file; the workers
share a big file as they share a folder; the output is the same whatever the number of workers,
names each release as reading the whole file did, and the summary counts lines as lines.

Why (issue 17): a 12 MB export of 6,280 releases was refused whole by --max-size, and with the
limit lifted one worker read all of it while the other waited.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.streaming
from kg.cli import main
from kg.ids import Minter
from kg.ingest.dispatch import read_file
from kg.ingest.files import InputFile
from kg.limits import Limits
from kg.pipeline import MIN_FILES_PER_JOB, build
from kg.provenance import EPOCH
from kg.records import Document, SkippedFile

COUNTRIES = ["Spain", "Italy", "France", "Germany", "Poland", "Portugal"]


def _line(i: int) -> str:
    """A release of its own (text, title, date) as one JSON Lines record."""
    country = COUNTRIES[i % len(COUNTRIES)]
    return json.dumps({"title": f"Operation Kestrel {i}", "date": f"2024-05-{1 + i % 28:02d}",
                       "text": f"Europol supported the police of {country} in Operation Kestrel {i}. "
                               f"Officers arrested {i + 2} suspects and searched {i + 5} houses."})


def _corpus(folder: Path, lines: list[str], name: str = "corpus.jsonl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _graph(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv")}


def test_a_json_lines_file_over_max_size_builds_each_line_within_it(tmp_path: Path) -> None:
    lines = [_line(i) for i in range(40)]
    path = _corpus(tmp_path / "in", lines)
    limit = max(len(line.encode()) for line in lines)
    assert path.stat().st_size > 30 * limit
    result = build([path], tmp_path / "out", started=EPOCH, jobs=1, cache=False,
                   limits=Limits(max_bytes=limit, seconds=0))
    assert result.skipped == ()
    assert (result.releases, result.source_files, result.source_lines, result.line_files) == (40, 0, 40, 1)


def test_a_line_over_max_size_is_skipped_with_its_position_and_the_others_build(tmp_path: Path) -> None:
    big = json.dumps({"text": "Europol supported the operation. " * 400})  # 13 KB
    path = _corpus(tmp_path / "in", [_line(1), "", big, "{not json", _line(2)])
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["build", str(path), "--out", str(out), "--max-size", "0.01",
                                    "--reproducible", "--jobs", "1", "--no-progress"])
    assert run.exit_code == 0, run.output
    assert run.output.splitlines()[:4] == [
        "releases: 2 (from 2 lines of 1 JSON Lines file; 0 duplicates)",
        f"skipped:  2 lines (listed in {out / 'skipped.tsv'})",
        "  corpus.jsonl#3: line 3: too large: 0.0132 MB (limit 0.01 MB, see --max-size)",
        "  corpus.jsonl#4: line 4: invalid JSON (column 2: Expecting property name enclosed in double quotes)"]
    assert (out / "skipped.tsv").read_text().splitlines()[1:] == [
        "corpus.jsonl#3\tline 3: too large: 0.0132 MB (limit 0.01 MB, see --max-size)",
        "corpus.jsonl#4\tline 4: invalid JSON (column 2: Expecting property name enclosed in double quotes)"]


def test_the_summary_counts_files_and_lines_apart(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _corpus(src, [_line(1), _line(2), _line(1)])  # the third line repeats the first
    (src / "note.txt").write_text(json.loads(_line(1))["text"], encoding="utf-8")  # the first line again
    (src / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["build", str(src), "--out", str(out), "--reproducible", "--jobs", "1",
                                    "--no-progress"])
    assert run.exit_code == 0, run.output
    assert run.output.splitlines()[:3] == [
        "releases: 2 (from 1 file and 3 lines of 1 JSON Lines file; 2 duplicates)",
        f"skipped:  1 file (listed in {out / 'skipped.tsv'})",
        "  empty.txt: empty file"]


def test_the_workers_share_a_big_json_lines_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each line is a work item, so both workers extract releases of the one file."""
    path = _corpus(tmp_path / "in", [_line(i) for i in range(4 * MIN_FILES_PER_JOB)])
    pids = tmp_path / "pids"
    real = kg.streaming.extract

    def extract(document, ref):
        if document.source_paths[0].startswith("corpus.jsonl#"):
            with open(pids, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
        return real(document, ref)

    monkeypatch.setattr(kg.streaming, "extract", extract)
    result = build([path], tmp_path / "out", started=EPOCH, jobs=2, cache=False)
    assert result.releases == 4 * MIN_FILES_PER_JOB
    extracted_by = pids.read_text().split()
    assert len(extracted_by) == 4 * MIN_FILES_PER_JOB
    assert len(set(extracted_by)) == 2 and str(os.getpid()) not in extracted_by


def test_the_output_is_the_same_whatever_the_workers_and_names_releases_as_before(tmp_path: Path) -> None:
    """Same bytes with one worker or two, and after a rebuild from the cache (the file read back
    as one cached file); each release keeps the IRI and source path that reading the whole file
    gives, and the hash of the whole file's bytes."""
    lines = [_line(i) for i in range(2 * MIN_FILES_PER_JOB + 3)]
    lines[5:5] = ["", "   ", "[1, 2]"]
    path = _corpus(tmp_path / "in", lines)
    one = build([path], tmp_path / "one", started=EPOCH, jobs=1)
    two = build([path], tmp_path / "two", started=EPOCH, jobs=2, cache=False)
    assert _graph(tmp_path / "one") == _graph(tmp_path / "two") and one.releases == two.releases
    again = build([path], tmp_path / "one", started=EPOCH, jobs=2)
    assert (one.cached_files, again.cached_files, again.reused_chunks) == (0, 1, again.releases)
    assert _graph(tmp_path / "one") == _graph(tmp_path / "two")
    whole = read_file(InputFile(path, "corpus.jsonl"))  # the file read whole, as builds did
    assert [s for s in whole if isinstance(s, SkippedFile)] == list(one.skipped)
    minter = Minter("https://w3id.org/opgraph/id/")
    nq = (tmp_path / "one" / "graph.nq").read_text(encoding="utf-8")
    for document in (d for d in whole if isinstance(d, Document)):
        release, [source], [sha] = minter.release(document.key), document.source_paths, document.source_hashes
        assert f'<{release}> <https://w3id.org/opgraph/ontology#sourcePath> "{source}" <{release}> .' in nq
        assert f'<{minter.source(source, sha)}> <https://w3id.org/opgraph/ontology#sha256> "{sha}"' in nq
