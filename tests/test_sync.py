"""`kg load` makes a store's opgraph graphs those of the build: graphs of releases that changed
(new IRI) or left the corpus go, graphs outside opgraph's are never touched. On the embedded
store and a real Oxigraph server (Virtuoso: tests/test_virtuoso.py).
"""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import sync
from kg.cli import main
from kg.ids import DEFAULT_BASE
from kg.store import by_graph, iter_graph_files
from tests.servers import free_port

COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
NAMES = "SELECT ?g WHERE { GRAPH ?g {} } ORDER BY ?g"  # empty graphs too
# Graphs a build never writes: one outside the base, one under it but of no kind a build writes.
MINE = (f'<https://example.org/s> <https://example.org/p> "outside the base" <https://example.org/mine> .\n'
        f'<https://example.org/s> <https://example.org/p> "notes" <{DEFAULT_BASE}notes> .\n')


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def table(*source: str, query: str = COUNT_PER_GRAPH) -> list[list[str]]:
    data = json.loads(ok("query", *source, query, "--format", "json"))
    return [[b[v]["value"] for v in data["head"]["vars"]] for b in data["results"]["bindings"]]


def graph_names(*files: Path) -> set[str]:
    return {g.value for g in by_graph(iter_graph_files(files)) if isinstance(g, ox.NamedNode)}


def triples(path: Path) -> int:
    return sum(len(t) for t in by_graph(iter_graph_files([path])).values())


@pytest.fixture()
def mine(tmp_path) -> Path:
    path = tmp_path / "mine.nq"
    path.write_text(MINE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gone(examples_graph, rebuilt_graph) -> list[str]:
    """The example graphs the rebuilt corpus no longer has: the changed and the removed release."""
    names = sorted(graph_names(examples_graph) - graph_names(rebuilt_graph))
    # two releases, each with its evidence graph
    assert len(names) == 4 and all(n.startswith(f"{DEFAULT_BASE}release/") for n in names)
    return names


def removal_lines(gone: list[str], verb: str = "removing") -> str:
    return (f"{verb} 4 stale graphs (under {DEFAULT_BASE}, not in these files):\n"
            + "".join(f"  {name}\n" for name in gone))


def test_the_embedded_store_keeps_only_the_builds_graphs_and_what_is_not_opgraphs(
        examples_graph, rebuilt_graph, mine, gone, tmp_path):
    store = str(tmp_path / "store")
    ok("load", str(mine), "--store", store)
    assert ok("load", str(examples_graph), "--store", store).startswith("loaded ")
    second = ok("load", str(rebuilt_graph), "--store", store)
    held = triples(rebuilt_graph) + 2
    assert second == (removal_lines(gone) + f"loaded 14 graphs ({triples(rebuilt_graph)} triples) into "
                      f"{store}, removed 4 stale graphs; the store holds {held} quads\n")
    assert table("--store", store) == table(str(rebuilt_graph), str(mine))
    assert table("--store", store, query=NAMES) == table(str(rebuilt_graph), str(mine), query=NAMES)
    several = ["--name", "operations-in-several-releases", "--format", "json"]
    assert ok("query", "--store", store, *several) == ok("query", str(rebuilt_graph), *several)


def test_embedded_dry_run_shows_the_removals_and_changes_nothing(examples_graph, rebuilt_graph, gone, tmp_path):
    store = str(tmp_path / "store")
    ok("load", str(examples_graph), "--store", store)
    before = table("--store", store)
    dry = ok("load", str(rebuilt_graph), "--store", store, "--dry-run")
    assert dry == (removal_lines(gone, "would remove")
                   + f"would replace 14 graphs ({triples(rebuilt_graph)} triples) in {store}\n")
    assert table("--store", store) == before


def test_keep_stale_keeps_the_old_graphs(examples_graph, rebuilt_graph, tmp_path):
    store = str(tmp_path / "store")
    ok("load", str(examples_graph), "--store", store)
    kept = ok("load", str(rebuilt_graph), "--store", store, "--keep-stale")
    assert kept.startswith(f"loaded 14 graphs ({triples(rebuilt_graph)} triples) into {store}; ")
    assert {g for g, _ in table("--store", store)} == graph_names(examples_graph, rebuilt_graph)
    several = ["--name", "operations-in-several-releases", "--format", "csv"]
    # The symptom: the old copy of a changed release counts as one more release.
    assert len(ok("query", "--store", store, *several).splitlines()) == \
        len(ok("query", str(rebuilt_graph), *several).splitlines()) + 1


def test_files_with_no_graph_under_the_base_remove_nothing(examples_graph, mine, tmp_path):
    store = str(tmp_path / "store")
    ok("load", str(examples_graph), "--store", store)
    before = table("--store", store)
    output = ok("load", str(mine), "--store", store)
    assert output.splitlines()[0] == (f"kept 16 graphs under {DEFAULT_BASE}: none of the loaded graphs is "
                                      "under it (give kg load the --base of the build)")
    assert {g for g, _ in table("--store", store)} == {g for g, _ in before} | graph_names(mine)


def test_another_base_leaves_the_default_bases_graphs_alone(examples_graph, rebuilt_graph, tmp_path):
    store = str(tmp_path / "store")
    ok("load", str(examples_graph), "--store", store)
    output = ok("load", str(rebuilt_graph), "--store", store, "--base", "https://example.org/id/")
    new = by_graph(iter_graph_files([rebuilt_graph]))
    old = by_graph(iter_graph_files([examples_graph]))
    held = sum(len(t) for t in new.values()) + sum(len(t) for g, t in old.items() if g not in new)
    assert output == (f"loaded 14 graphs ({triples(rebuilt_graph)} triples) into {store}; "
                      f"the store holds {held} quads\n")
    assert {g for g, _ in table("--store", store)} == graph_names(examples_graph, rebuilt_graph)


def test_a_long_list_of_stale_graphs_names_the_first_twenty():
    graphs = [ox.NamedNode(f"{DEFAULT_BASE}release/{i:04d}") for i in range(23)]
    lines = sync.report(sync.Stale(graphs), DEFAULT_BASE, dry_run=False)
    assert lines[0] == f"removing 23 stale graphs (under {DEFAULT_BASE}, not in these files):"
    assert lines[1:21] == [f"  {g.value}" for g in graphs[:20]]
    assert lines[21:] == ["  ... and 3 more"]


def test_the_oxigraph_server_keeps_only_the_builds_graphs(examples_graph, rebuilt_graph, mine, gone,
                                                          oxigraph_server):
    ok("load", str(mine), "--endpoint", oxigraph_server.store)
    ok("load", str(examples_graph), "--endpoint", oxigraph_server.store)
    second = ok("load", str(rebuilt_graph), "--endpoint", oxigraph_server.store)
    assert second == (removal_lines(gone) + f"loaded 14 graphs ({triples(rebuilt_graph)} triples) into "
                      f"{oxigraph_server.store}, removed 4 stale graphs\n")
    assert table("--endpoint", oxigraph_server.query) == table(str(rebuilt_graph), str(mine))
    # no empty graph left behind either: the removed graphs' names went with their triples
    assert table("--endpoint", oxigraph_server.query, query=NAMES) == \
        table(str(rebuilt_graph), str(mine), query=NAMES)


def test_oxigraph_dry_run_lists_removals_and_requests_and_changes_nothing(
        examples_graph, rebuilt_graph, gone, oxigraph_server):
    ok("load", str(examples_graph), "--endpoint", oxigraph_server.store)
    before = table("--endpoint", oxigraph_server.query)
    dry = ok("load", str(rebuilt_graph), "--endpoint", oxigraph_server.store, "--dry-run").splitlines()
    assert "\n".join(dry[:5]) + "\n" == removal_lines(gone, "would remove")
    assert all(line.startswith(f"PUT {oxigraph_server.store}?graph=") for line in dry[5:-2]) and len(dry) == 21
    assert dry[-2:] == [f"POST {oxigraph_server.update} (delete the triples of 4 graphs)",
                        f"POST {oxigraph_server.update} (drop 4 graphs)"]
    assert table("--endpoint", oxigraph_server.query) == before


def test_oxigraph_keep_stale_keeps_the_old_graphs(examples_graph, rebuilt_graph, oxigraph_server):
    ok("load", str(examples_graph), "--endpoint", oxigraph_server.store)
    kept = ok("load", str(rebuilt_graph), "--endpoint", oxigraph_server.store, "--keep-stale")
    assert kept == f"loaded 14 graphs ({triples(rebuilt_graph)} triples) into {oxigraph_server.store}\n"
    assert {g for g, _ in table("--endpoint", oxigraph_server.query)} == \
        graph_names(examples_graph, rebuilt_graph)


def test_many_stale_graphs_are_listed_and_removed_in_pages(examples_graph, rebuilt_graph, tmp_path,
                                                           oxigraph_server, monkeypatch):
    # Small pages and batches, so that five stale graphs take several requests of each kind.
    monkeypatch.setattr(sync, "LIST_PAGE", 2)
    monkeypatch.setattr(sync, "DELETE_BATCH", 2)
    monkeypatch.setattr(sync, "DROP_BATCH", 2)
    extra = tmp_path / "extra.nq"
    extra.write_text(f'<https://example.org/s> <https://example.org/p> "x" <{DEFAULT_BASE}release/0000> .\n',
                     encoding="utf-8")
    ok("load", str(examples_graph), str(extra), "--endpoint", oxigraph_server.store)
    dry = ok("load", str(rebuilt_graph), "--endpoint", oxigraph_server.store, "--dry-run").splitlines()
    assert dry[0].startswith("would remove 5 stale graphs") and dry[1] == f"  {DEFAULT_BASE}release/0000"
    assert [line.split(" (")[1] for line in dry if line.startswith("POST ")] == [
        "delete the triples of 2 graphs)", "delete the triples of 2 graphs)", "delete the triples of 1 graph)",
        "drop 2 graphs)", "drop 2 graphs)", "drop 1 graph)"]
    ok("load", str(rebuilt_graph), "--endpoint", oxigraph_server.store)
    assert table("--endpoint", oxigraph_server.query, query=NAMES) == table(str(rebuilt_graph), query=NAMES)


def test_services_named_on_the_command_line_are_used(examples_graph, oxigraph_server):
    nowhere = oxigraph_server.query.rsplit("/", 1)[0] + "/nowhere"
    result = run("load", str(examples_graph), "--endpoint", oxigraph_server.store, "--query-endpoint", nowhere)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: list the graphs under {DEFAULT_BASE} (to remove stale ones; see "
                                    f"--query-endpoint, --keep-stale): query: {nowhere}")
    ok("load", str(examples_graph), "--endpoint", oxigraph_server.store,
       "--query-endpoint", oxigraph_server.query, "--update-endpoint", oxigraph_server.update)
    assert table("--endpoint", oxigraph_server.query) == table(str(examples_graph))


def test_a_store_url_of_unknown_layout_needs_the_services_named(examples_graph):
    url = f"http://127.0.0.1:{free_port()}/somewhere"
    result = run("load", str(examples_graph), "--endpoint", url)
    assert (result.exit_code, result.output) == (
        2, (f"Error: {url}: cannot tell where its SPARQL query and update services are; give "
            "--query-endpoint URL and --update-endpoint URL (or --keep-stale)\n"))


@pytest.mark.parametrize("store, query, update", [
    ("http://h:7878/store", "http://h:7878/query", "http://h:7878/update"),
    ("http://h:8890/sparql-graph-crud", "http://h:8890/sparql", "http://h:8890/sparql"),
    ("http://h:7200/repositories/r/rdf-graphs/service", "http://h:7200/repositories/r",
     "http://h:7200/repositories/r/statements"),
    ("http://h:3030/ds/data", "http://h:3030/ds/sparql", "http://h:3030/ds/update"),
])
def test_the_services_beside_a_graph_store_url(store, query, update):
    from kg.store import Endpoint

    found = sync.services(Endpoint(store, credentials=None), None, None)
    assert (found.query.url, found.update.url) == (query, update)


def test_only_the_graphs_a_build_writes_are_opgraphs():
    assert sync.ours(ox.NamedNode(f"{DEFAULT_BASE}graph/reference"), DEFAULT_BASE)
    assert sync.ours(ox.NamedNode(f"{DEFAULT_BASE}release/0123456789abcdef"), DEFAULT_BASE)
    assert not sync.ours(ox.NamedNode(f"{DEFAULT_BASE}notes"), DEFAULT_BASE)
    assert not sync.ours(ox.NamedNode("https://example.org/release/x"), DEFAULT_BASE)
    assert not sync.ours(ox.DefaultGraph(), DEFAULT_BASE)
