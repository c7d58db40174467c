"""benchmarks/corpus.py: generated releases are deterministic, sized and shaped like the real
corpus, read in their intended format, and build into a conforming graph with facts in them.

Why: the build benchmarks of issue 7 are only as good as their corpus. A generator that drifted
(release i changing with N, a format the readers skip, texts the extractors find nothing in)
would make the timings meaningless without anyone noticing.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from kg.extract import extract
from kg.ingest import read_inputs
from kg.merge import merge_operations
from kg.pipeline import build
from kg.reference import reference
from kg.resolve import resolve

CORPUS_PY = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
MODULE = "opgraph_bench_corpus"  # the name benchmarks/build.py loads it under


def _load():
    """benchmarks/corpus.py, loaded from its path (benchmarks/ is not a package)."""
    if MODULE not in sys.modules:
        spec = importlib.util.spec_from_file_location(MODULE, CORPUS_PY)
        module = importlib.util.module_from_spec(spec)
        sys.modules[MODULE] = module  # dataclasses and worker processes look it up by name
        spec.loader.exec_module(module)
    return sys.modules[MODULE]


corpus = _load()
SIZE = 1100  # two folders, so the parallel writer has two chunks


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("corpus") / "releases"
    return out, corpus.write_corpus(out, SIZE, seed=0, jobs=2)


def test_same_seed_same_bytes_whatever_the_processes(written, tmp_path):
    out, stats = written
    again = corpus.write_corpus(tmp_path / "again", SIZE, seed=0, jobs=1)
    assert tree(tmp_path / "again") == tree(out)
    assert (again.files, again.bytes, again.formats) == (stats.files, stats.bytes, stats.formats)
    assert corpus.generate(1, 5).content != corpus.generate(0, 5).content


def test_release_i_does_not_depend_on_the_corpus_size(written, tmp_path):
    out, _ = written
    corpus.write_corpus(tmp_path / "small", 130, seed=0, jobs=1)
    small, big = tree(tmp_path / "small"), tree(out)
    for name, data in small.items():
        if name.endswith(".jsonl") and name.startswith("000/0001"):  # block 100-199, cut at 130
            assert big[name].startswith(data)
        else:
            assert big[name] == data, name


def test_layout_and_stats(written):
    out, stats = written
    files = tree(out)
    assert stats.releases == SIZE and stats.files == len(files) < SIZE
    assert stats.bytes == sum(map(len, files.values()))
    assert sorted({name.split("/")[0] for name in files}) == ["000", "001"]
    assert all(re.fullmatch(r"00[01]/00[01]\d{3}\.(txt|html|jsonl)", name) for name in files)
    assert sum(stats.formats.values()) == SIZE
    for name, weight in corpus.FORMAT_WEIGHTS:  # the mix asked for, within a few points
        assert abs(stats.formats[name] / SIZE * 100 - weight) < 4, (name, stats.formats)
    assert "releases: 1,100 in" in stats.summary()


def test_every_release_is_read_in_its_format_and_is_2_to_5_kb(written):
    out, stats = written
    documents, skipped = read_inputs([out])
    assert skipped == []
    assert len(documents) == SIZE  # no two releases share a text
    assert Counter(d.format for d in documents) == Counter(stats.formats)
    for doc in documents:
        (source,) = doc.source_paths
        name = source.split("/")[1].split("#")[0]
        if doc.format != "jsonl":  # a JSON Lines file is named after its first release only
            assert corpus.plan(0, int(name.split(".")[0]))[0] == doc.format, source
        assert 2000 <= len(doc.text.encode("utf-8")) <= 5000, (source, len(doc.text))
    dated = [d for d in documents if d.format in ("dated", "payload", "html", "jsonl")]
    assert sum(d.published is not None for d in dated) >= 0.6 * len(dated)


def test_some_releases_report_an_earlier_release_s_operation():
    follow_ups = [i for i in range(1, 400) if corpus.plan(0, i)[1] != i]
    assert 0.03 * 400 <= len(follow_ups) <= 0.2 * 400
    i = follow_ups[0]
    earlier = corpus.operation(0, corpus.plan(0, i)[1])
    if earlier.codename:
        assert earlier.codename in corpus.generate(0, i).content


def test_a_small_build_conforms_and_finds_the_facts(tmp_path):
    releases = 24
    corpus.write_corpus(tmp_path / "in", releases, seed=3)
    documents, skipped = read_inputs([tmp_path / "in"])
    ref = reference()
    found = merge_operations([resolve(extract(d, ref), ref, 0.0) for d in documents])
    assert len(found) == releases and skipped == []
    with_agency_and_outcome = [r for r in found
                               if r.agencies and r.operations and r.operations[0].outcomes]
    assert len(with_agency_and_outcome) >= 0.9 * releases
    assert sum(bool(r.countries) for r in found) >= 0.9 * releases
    assert sum(bool(r.officials) for r in found) >= 0.5 * releases
    assert sum(bool(r.operations and r.operations[0].codenames) for r in found) >= 0.4 * releases
    result = build([tmp_path / "in"], tmp_path / "out", started=datetime(1970, 1, 1, tzinfo=timezone.utc))
    assert result.releases == releases and result.skipped == ()
    assert result.validation is not None and result.validation.conforms
