"""Shared fixtures: a small reference list, so extractor tests do not move with the curated data."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.reference import Reference, load_agencies, load_countries

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def small_ref() -> Reference:
    """Eight agencies and a few country forms (tests/fixtures/*.tsv)."""
    return Reference(load_agencies(FIXTURES / "agencies.tsv"),
                     load_countries(FIXTURES / "country_names.tsv"))


from tests.servers import oxigraph_server, virtuoso_server  # noqa: E402,F401  (shared server fixtures)


@pytest.fixture(scope="session")
def examples_graph(tmp_path_factory) -> Path:
    """The whole graph of the example releases, built once for every test that loads or queries
    it: graph.nq and evidence.nq of `kg build --evidence` in one N-Quads file (examples.nq, beside
    the build's own files)."""
    from kg import build

    out = tmp_path_factory.mktemp("examples-graph")
    build([Path(__file__).parent.parent / "examples" / "releases"], out, evidence=True)
    whole = out / "examples.nq"
    whole.write_bytes((out / "graph.nq").read_bytes() + (out / "evidence.nq").read_bytes())
    return whole


@pytest.fixture(scope="session")
def rebuilt_graph(tmp_path_factory) -> Path:
    """The whole graph of the example releases after the corpus moved on: one release's text changed
    (so its graph has a new IRI) and one release taken out. Loaded after `examples_graph`, the
    old graphs of both are stale."""
    import shutil

    from kg import build

    releases = tmp_path_factory.mktemp("rebuilt-releases")
    shutil.copytree(Path(__file__).parent.parent / "examples" / "releases", releases, dirs_exist_ok=True)
    changed = releases / "europol-glass-harbour.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe investigation continues.\n",
                       encoding="utf-8")
    (releases / "news-wire-dated.txt").unlink()
    out = tmp_path_factory.mktemp("rebuilt-graph")
    build([releases], out, evidence=True)
    whole = out / "rebuilt.nq"  # as examples_graph: graph.nq and evidence.nq in one file
    whole.write_bytes((out / "graph.nq").read_bytes() + (out / "evidence.nq").read_bytes())
    return whole
