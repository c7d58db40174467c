"""The build cache: values come back as stored, a damaged, stale or planted entry is a miss
(never code that runs), prune keeps what was used.

Why: an output folder travels (CI caches other branches wrote, shared archives), and its
cache with it; reading an entry must never do more than make records from data.
"""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import msgspec
import pytest

from kg import codec
from kg.cache import Cache, code_sha256
from kg.records import Document, SkippedFile, Span
from kg.streaming import Entry

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"
KINDS = {"files": list[SkippedFile], "releases": Document, "chunks": tuple[Span, ...]}


def test_a_stored_value_comes_back_and_an_unknown_key_is_a_miss(tmp_path):
    cache = Cache(tmp_path, "stamp", KINDS)
    key = cache.key("file", "a.txt", "0" * 64)
    assert cache.load("files", key) is None and not cache.has("files", key)
    value = [SkippedFile("a.txt", "too large"), SkippedFile("b\tc.txt", "\U0001F600 \x00 \u202e")]
    cache.store("files", key, value)
    assert cache.load("files", key) == value and cache.has("files", key)
    with pytest.raises(codec.CodecError, match="not Unicode text"):  # the readers replace these
        cache.store("files", key, [SkippedFile("a.txt", "\ud800 lone surrogate")])
    assert cache.load("files", key) == value


def test_records_go_through_the_codec_unchanged():
    doc = Document("text", ("a.txt", "b.txt"), "plain", title="T", published=date(2024, 5, 1),
                   source_hashes=("0" * 64,))
    assert codec.loads(codec.dumps(doc), Document) == doc
    assert codec.loads(codec.dumps((Span(1, 2), Span(3, 4))), tuple[Span, ...]) == (Span(1, 2), Span(3, 4))
    assert codec.loads(codec.dumps(frozenset({"b", "a"})), frozenset[str]) == frozenset({"a", "b"})


def _packed(value) -> bytes:
    return msgspec.msgpack.encode(value)


@pytest.mark.parametrize("data, kind", [
    (_packed({"start": 1}), Span),                           # a field missing
    (_packed({"start": 1, "end": "2"}), Span),               # a field of the wrong type
    (_packed({"start": 1, "end": True}), Span),              # a bool is not an int
    (_packed({"text": "t", "source_paths": []}), Span),      # another record than the one asked for
    (_packed({"__class__": "os.system", "args": ["touch x"]}), Span),  # a name that is no record
    (_packed("2024-13-01"), date),                           # no such date
    (_packed([1, 2]), Span),                                 # a list where a record is declared
    (b"\x91" * 100000 + b"\x90", Span),                     # nested beyond reason
    (b"\xc1\xff\xfe", Span),                                 # not MessagePack at all
    (_packed({"summary": None, "skipped": None}), Entry),    # a record whose own check refuses it
])
def test_a_value_of_the_wrong_shape_is_a_codec_error(data, kind):
    with pytest.raises(codec.CodecError):
        codec.loads(data, kind)


def test_keys_depend_on_the_stamp_and_on_every_part(tmp_path):
    one, two = Cache(tmp_path, "tools v1", KINDS), Cache(tmp_path, "tools v2", KINDS)
    assert one.key("a", "b") != two.key("a", "b")
    assert one.key("a", "b") != one.key("ab")
    assert one.key("a", "b") == Cache(tmp_path, "tools v1", KINDS).key("a", "b")


def test_a_damaged_entry_is_a_miss_and_is_counted(tmp_path):
    cache = Cache(tmp_path, "s", KINDS)
    key = cache.key("x")
    cache.store("chunks", key, (Span(0, 1),))
    [entry] = (tmp_path / "chunks").rglob(key)
    for damage in (b"not an entry", Cache.MAGIC + b"not zlib", Cache.MAGIC + zlib.compress(_packed("a str"))):
        entry.write_bytes(damage)
        assert cache.load("chunks", key) is None
    assert cache.damaged == 3


def test_a_key_read_from_an_entry_never_leaves_the_cache_folder(tmp_path):
    cache = Cache(tmp_path / "cache", "s", KINDS)
    (tmp_path / "secret").write_text("x")
    assert cache.load("files", "../../secret") is None and not cache.has("files", "../../secret")


def test_prune_removes_what_the_last_build_did_not_use(tmp_path):
    cache = Cache(tmp_path, "s", KINDS)
    keys = [cache.key(str(i)) for i in range(4)]
    for key in keys:
        cache.store("files", key, [SkippedFile(key, "r")])
    assert cache.prune({"files": set(keys[:2])}) == 2
    assert [cache.has("files", k) for k in keys] == [True, True, False, False]


def test_the_code_hash_changes_with_any_source_file(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    before = code_sha256(tmp_path)
    (tmp_path / "a.py").write_text("x = 2\n")
    assert code_sha256(tmp_path) != before
    assert code_sha256(Path(__file__).parent.parent / "kg") == code_sha256(Path(__file__).parent.parent / "kg")


class _Payload:
    """A pickle that, when loaded, runs a shell command (creates `marker`)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _kg_build(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", str(EXAMPLES), "--out", str(out),
                           "--reproducible", "--no-progress", *extra], capture_output=True, text=True, check=False)


def test_a_planted_pickle_runs_nothing_and_the_build_is_right(tmp_path):
    """Every entry of a built cache replaced by a crafted pickle (as the old format was stored,
    and behind this format's header): the next build runs none of them, says it made them
    again, and writes the same bytes as a clean build."""
    clean, out = tmp_path / "clean", tmp_path / "out"
    assert _kg_build(clean, "--no-cache").returncode == 0
    assert _kg_build(out).returncode == 0
    marker = tmp_path / "ran"
    crafted = pickle.dumps(_Payload(marker))
    entries = sorted(p for p in (out / ".kg-cache").rglob("*") if p.is_file() and p.name != "chunks.tsv")
    assert len(entries) > 7
    for i, entry in enumerate(entries):
        entry.write_bytes(zlib.compress(crafted) if i % 2 else Cache.MAGIC + zlib.compress(crafted))
    run = _kg_build(out)
    assert run.returncode == 0, run.stderr
    assert not marker.exists()
    assert "build cache entries could not be read" in run.stderr
    for name in ("graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    again = _kg_build(out)  # the entries were made again: no warning the second time
    assert again.returncode == 0 and "could not be read" not in again.stderr


def test_a_cache_moved_from_another_folder_is_used(tmp_path):
    """The cache is data, so a restored copy (CI caches) is worth having: a build into a
    folder holding another folder's cache reads it back instead of extracting again."""
    first = tmp_path / "first"
    assert _kg_build(first).returncode == 0
    second = tmp_path / "second"
    second.mkdir()
    shutil.copytree(first / ".kg-cache", second / ".kg-cache")
    from kg.pipeline import build
    result = build([EXAMPLES], second, started=None, jobs=1)
    assert result.cached_files == len(list(EXAMPLES.iterdir())) and result.damaged_cache_entries == 0


def test_the_cache_dir_option_keeps_entries_elsewhere(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "cache"
    run = _kg_build(out, "--cache-dir", str(elsewhere))
    assert run.returncode == 0, run.stderr
    assert any((elsewhere / "releases").rglob("*")) and not (out / ".kg-cache" / "releases").exists()
    from kg.pipeline import build
    assert build([EXAMPLES], out, jobs=1, cache_dir=elsewhere).cached_files == len(list(EXAMPLES.iterdir()))



def test_a_release_the_cache_lost_fails_the_build_and_replaces_nothing(tmp_path, monkeypatch):
    """An internal failure is never a skipped input: the build fails whole (exit 2) and the
    previous output stays as it was."""
    from click.testing import CliRunner

    from kg.cli import main
    out = tmp_path / "out"
    assert _kg_build(out).returncode == 0
    before = {name: (out / name).read_bytes() for name in ("graph.nq", "skipped.tsv")}
    real = Cache.load

    def forgetful(self, kind, key):
        return None if kind == "releases" else real(self, kind, key)

    monkeypatch.setattr(Cache, "load", forgetful)
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(out), "--jobs", "1",
                                       "--base", "https://example.org/other/", "--no-progress"])
    assert result.exit_code == 2
    assert "Error: the build cache lost a release this build had just stored" in result.output
    assert {name: (out / name).read_bytes() for name in before} == before


def test_a_cache_dir_that_is_the_output_folder_does_not_wait_for_itself(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(EXAMPLES), "--out", str(out),
                          "--cache-dir", str(out), "--no-wait", "--no-progress"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr


def test_a_release_the_codec_cannot_store_is_skipped_with_its_reason(tmp_path, monkeypatch):
    """A lone surrogate that got past a reader (a bug) costs that release, named in
    skipped.tsv, not the build."""
    import kg.streaming
    from kg.pipeline import build
    from kg.records import Document as Doc
    read = kg.streaming.read_bytes

    def leaky(data, source, sha256):
        docs = read(data, source, sha256)
        return [Doc(d.text, d.source_paths, d.format, title="T \ud800") if source.endswith("news-wire-dated.txt")
                else d for d in docs]
    clean = build([EXAMPLES], tmp_path / "clean", jobs=1, cache=False)
    monkeypatch.setattr(kg.streaming, "read_bytes", leaky)
    result = build([EXAMPLES], tmp_path / "out", jobs=1, cache=False)
    skipped = (tmp_path / "out" / "skipped.tsv").read_text()
    assert "news-wire-dated.txt\tcould not be stored: not Unicode text: '\\ud800'" in skipped
    assert result.releases == clean.releases - 1
