"""`kg load` and `kg query` against a real Virtuoso Open Source 7 on 127.0.0.1.

Why: Virtuoso is a common production triplestore and differs from Oxigraph where it
matters here: it has no separate default graph (a query without GRAPH also sees its
system graphs), it refuses anonymous writes until they are granted, and its Graph Store
endpoint is /sparql-graph-crud. The store is checked with our own SPARQL requests (not
through kg), so a bug in kg cannot hide itself.

Virtuoso comes from the Debian package virtuoso-opensource-7-bin (.ci/run installs it);
without it these tests fail, they are not skipped.
"""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.servers import running_virtuoso

OPGID = "https://w3id.org/opgraph/id/"
REFERENCE = f"{OPGID}graph/reference"
IN_OPGID = f'FILTER(STRSTARTS(STR(?g), "{OPGID}"))'
COUNTS = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {IN_OPGID} }} GROUP BY ?g"
QUADS = f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {IN_OPGID} }}"
# What an analyst asks, written with GRAPH because Virtuoso's default graph holds system triples.
AGENCIES_PER_RELEASE = f"""
PREFIX opg: <https://w3id.org/opgraph/ontology#>
SELECT ?g ?agency (COUNT(DISTINCT ?operation) AS ?operations)
WHERE {{ GRAPH ?g {{ ?operation opg:involves ?agency }} {IN_OPGID} }}
GROUP BY ?g ?agency
"""
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {f"{XSD}{name}" for name in (
    "decimal", "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
QUERY_SECONDS = 30  # a `kg query` that takes longer is hanging


def kg(*args: str):
    """Run the kg command in this process."""
    return CliRunner().invoke(main, list(args))


def select(url: str, query: str) -> list[dict]:
    """A SELECT on a SPARQL endpoint, sent as a form (the POST every server accepts), as JSON bindings."""
    body = urllib.parse.urlencode({"query": query}).encode("ascii")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)["results"]["bindings"]


def by_value(literal: ox.Literal) -> ox.Literal:
    """A boolean or number in one spelling per value.

    Virtuoso keeps such literals as values and writes them back in its own spelling
    ("true"^^xsd:boolean comes back as "1", "110.0"^^xsd:decimal as "110"): the same value,
    another lexical form. Oxigraph, for its part, keeps every integer type as xsd:integer
    (NIF's "10"^^xsd:nonNegativeInteger comes back as "10"^^xsd:integer), so integers are
    compared as xsd:integer.
    """
    datatype, text = literal.datatype.value, literal.value.strip()
    if datatype == f"{XSD}boolean":
        return ox.Literal({"1": "true", "0": "false"}.get(text, text), datatype=literal.datatype)
    if datatype in NUMBERS:
        try:
            number = Decimal(text)
        except InvalidOperation:
            return literal
        kind = literal.datatype if datatype == f"{XSD}decimal" else ox.NamedNode(f"{XSD}integer")
        return ox.Literal(format(number.normalize(), "f") if number else "0", datatype=kind)
    return literal


def term(binding: dict) -> str:
    """A JSON result term in N-Triples syntax ("typed-literal" is Virtuoso's older spelling);
    booleans and numbers by value."""
    if binding["type"] == "uri":
        return str(ox.NamedNode(binding["value"]))
    if binding["type"] == "bnode":
        return f"_:{binding['value']}"
    if "xml:lang" in binding:
        return str(ox.Literal(binding["value"], language=binding["xml:lang"]))
    if "datatype" in binding:
        return str(by_value(ox.Literal(binding["value"], datatype=ox.NamedNode(binding["datatype"]))))
    return str(ox.Literal(binding["value"]))


def rows(bindings: list[dict], variables: list[str]) -> Counter:
    """Solutions as a multiset of rows (None where a variable is unbound)."""
    return Counter(tuple(term(b[v]) if v in b else None for v in variables) for b in bindings)


def server_counts(server) -> dict[str, int]:
    """Triples per opgraph graph on the server."""
    return {b["g"]["value"]: int(b["n"]["value"]) for b in select(server.query, COUNTS)}


def server_quads(server) -> Counter:
    """Every quad of the opgraph graphs on the server, in N-Triples syntax."""
    return rows(select(server.query, QUADS), ["s", "p", "o", "g"])


def file_quads(path: Path) -> Counter:
    """Every quad of an N-Quads file, as `server_quads` gives them."""
    return Counter((str(q.subject), str(q.predicate),
                    str(by_value(q.object) if isinstance(q.object, ox.Literal) else q.object),
                    str(q.graph_name))
                   for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def file_counts(path: Path) -> dict[str, int]:
    """Triples per named graph of an N-Quads file."""
    return dict(Counter(q.graph_name.value for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)))


def release_graphs(counts: dict[str, int]) -> list[str]:
    return sorted(g for g in counts if g.startswith(f"{OPGID}release/"))


def write_without_one_triple(source: Path, target: Path, graph: str) -> str:
    """Copy an N-Quads file, leaving out the first quad of `graph`; returns the line left out."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(line for line in lines if line.rstrip().endswith(f"<{graph}> ."))
    target.write_text("".join(line for line in lines if line != dropped), encoding="utf-8")
    return dropped


@pytest.fixture(scope="module")
def expected(examples_graph) -> dict[str, int]:
    counts = file_counts(examples_graph)
    assert REFERENCE in counts and len(release_graphs(counts)) >= 2
    return counts


def load(examples_graph: Path, server, *options: str) -> str:
    result = kg("load", str(examples_graph), "--endpoint", server.store, *options)
    assert result.exit_code == 0, result.output
    return result.output


def test_load_sends_every_graph_with_its_triples(examples_graph, expected, virtuoso_server):
    output = load(examples_graph, virtuoso_server)
    assert output.strip() == (f"loaded {len(expected)} graphs ({sum(expected.values())} triples) "
                              f"into {virtuoso_server.store}")
    assert server_counts(virtuoso_server) == expected
    assert server_quads(virtuoso_server) == file_quads(examples_graph)


def test_loading_twice_leaves_the_same_graphs(examples_graph, expected, virtuoso_server):
    load(examples_graph, virtuoso_server)
    load(examples_graph, virtuoso_server)
    assert server_counts(virtuoso_server) == expected
    assert server_quads(virtuoso_server) == file_quads(examples_graph)


def test_a_changed_release_replaces_only_its_graph(examples_graph, expected, virtuoso_server, tmp_path):
    changed_graph = release_graphs(expected)[0]
    changed = tmp_path / "graph.nq"
    write_without_one_triple(examples_graph, changed, changed_graph)
    load(examples_graph, virtuoso_server)
    load(changed, virtuoso_server)
    counts = server_counts(virtuoso_server)
    assert counts == {**expected, changed_graph: expected[changed_graph] - 1}
    assert server_quads(virtuoso_server) == file_quads(changed)


def test_batches_replace_a_graph_with_exactly_its_triples(examples_graph, expected, virtuoso_server, tmp_path):
    # A stale copy of the biggest graph with an extra triple: the first batch (a PUT) must replace
    # it, the later ones (POSTs) must add to it.
    biggest = max(expected, key=expected.get)
    assert expected[biggest] > 2 * 50
    stale = tmp_path / "stale.nq"
    stale.write_text(examples_graph.read_text(encoding="utf-8")
                     + f'<{OPGID}stale> <{OPGID}stale> "stale" <{biggest}> .\n', encoding="utf-8")
    load(stale, virtuoso_server)
    assert server_counts(virtuoso_server)[biggest] == expected[biggest] + 1

    plan = kg("load", str(examples_graph), "--endpoint", virtuoso_server.store, "--batch", "50", "--dry-run")
    target = f"graph={urllib.parse.quote(biggest, safe='')}"
    requests = [line.split()[0] for line in plan.output.splitlines() if target in line]
    assert requests == ["PUT"] + ["POST"] * (-(-expected[biggest] // 50) - 1)

    load(examples_graph, virtuoso_server, "--batch", "50")
    assert server_counts(virtuoso_server) == expected
    assert server_quads(virtuoso_server) == file_quads(examples_graph)


@pytest.mark.parametrize("query", [QUADS, AGENCIES_PER_RELEASE], ids=["quads", "agencies-per-release"])
def test_a_query_on_the_server_gives_the_rows_of_the_file(examples_graph, virtuoso_server, query):
    load(examples_graph, virtuoso_server)
    # In a process of its own, so that a server that never answers fails the test instead of hanging it.
    command = [sys.executable, "-m", "kg.cli", "query", query, "--format", "json"]
    try:
        on_server = subprocess.run(command + ["--endpoint", virtuoso_server.query],
                                   capture_output=True, text=True, timeout=QUERY_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kg query --endpoint {virtuoso_server.query} gave no answer in {QUERY_SECONDS} s "
                    "(Virtuoso 7.2 never answers a POST with Content-Type application/sparql-query; "
                    "it answers form-encoded POSTs)")
    on_file = subprocess.run(command + [str(examples_graph)], capture_output=True, text=True,
                             timeout=QUERY_SECONDS)
    assert on_file.returncode == 0, on_file.stderr
    assert on_server.returncode == 0, on_server.stderr
    server_result, file_result = json.loads(on_server.stdout), json.loads(on_file.stdout)
    variables = file_result["head"]["vars"]
    assert server_result["head"]["vars"] == variables
    expected_rows = rows(file_result["results"]["bindings"], variables)
    assert len(expected_rows) > 10
    assert rows(server_result["results"]["bindings"], variables) == expected_rows


def test_a_write_before_the_grant_is_refused_naming_the_graph(examples_graph, expected, tmp_path):
    with running_virtuoso(tmp_path / "virtuoso", writable=False) as server:
        result = kg("load", str(examples_graph), "--endpoint", server.store)
        assert result.exit_code == 2
        first = sorted(expected)[0]
        assert f"load graph <{first}>" in result.output
        assert "403" in result.output
        assert "Permission denied" in result.output  # Virtuoso's own reason
        assert server_counts(server) == {}


def test_a_write_to_a_bad_path_fails_naming_the_graph(examples_graph, expected, virtuoso_server):
    # Virtuoso answers a PUT to a path it does not serve with 501 Method Not Implemented
    # (and a POST with 404): either way the load stops with exit code 2.
    base = virtuoso_server.store.rsplit("/", 1)[0]
    before = server_counts(virtuoso_server)
    result = kg("load", str(examples_graph), "--endpoint", f"{base}/no-such-endpoint", "--keep-stale")
    assert result.exit_code == 2
    assert f"load graph <{sorted(expected)[0]}>" in result.output
    assert f"{base}/no-such-endpoint" in result.output
    assert " 501 " in result.output or " 404 " in result.output
    assert server_counts(virtuoso_server) == before


MINE = "https://example.org/mine"  # a graph outside opgraph's base
GONE_LINE = "  {}\n"


def sparql_update(url: str, text: str) -> None:
    """A SPARQL update on the server, sent as a form."""
    body = urllib.parse.urlencode({"update": text}).encode("ascii")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    urllib.request.urlopen(request, timeout=60).close()


def stale_graphs(examples_graph: Path, rebuilt_graph: Path) -> list[str]:
    """The example graphs a rebuilt corpus no longer has (a changed and a removed release)."""
    gone = sorted(set(file_counts(examples_graph)) - set(file_counts(rebuilt_graph)))
    assert len(gone) == 4  # two releases, each with its evidence graph
    return gone


def test_a_rebuilt_corpus_leaves_no_stale_graph_and_other_graphs_survive(
        examples_graph, rebuilt_graph, virtuoso_server, tmp_path):
    mine = tmp_path / "mine.nq"
    mine.write_text(f'<{MINE}> <{MINE}> "mine" <{MINE}> .\n', encoding="utf-8")
    load(mine, virtuoso_server)
    load(examples_graph, virtuoso_server)
    gone = stale_graphs(examples_graph, rebuilt_graph)
    output = load(rebuilt_graph, virtuoso_server)
    rebuilt = file_counts(rebuilt_graph)
    assert output == (f"removing 4 stale graphs (under {OPGID}, not in these files):\n"
                      + "".join(GONE_LINE.format(g) for g in gone)
                      + f"loaded {len(rebuilt)} graphs ({sum(rebuilt.values())} triples) into "
                        f"{virtuoso_server.store}, removed 4 stale graphs\n")
    assert server_counts(virtuoso_server) == rebuilt
    assert server_quads(virtuoso_server) == file_quads(rebuilt_graph)
    assert select(virtuoso_server.query, f"SELECT ?o WHERE {{ GRAPH <{MINE}> {{ ?s ?p ?o }} }}") == [
        {"o": {"type": "literal", "value": "mine"}}]
    sparql_update(virtuoso_server.update, f"DROP SILENT GRAPH <{MINE}>")


def test_a_dry_run_shows_the_removals_and_changes_nothing(examples_graph, rebuilt_graph, expected,
                                                          virtuoso_server):
    load(examples_graph, virtuoso_server)
    gone = stale_graphs(examples_graph, rebuilt_graph)
    lines = load(rebuilt_graph, virtuoso_server, "--dry-run").splitlines(keepends=True)
    assert "".join(lines[:5]) == (f"would remove 4 stale graphs (under {OPGID}, not in these files):\n"
                                  + "".join(GONE_LINE.format(g) for g in gone))
    assert lines[-2:] == [f"POST {virtuoso_server.update} (delete the triples of 4 graphs)\n",
                          f"POST {virtuoso_server.update} (drop 4 graphs)\n"]
    assert server_counts(virtuoso_server) == expected


def test_keep_stale_keeps_the_old_graphs(examples_graph, rebuilt_graph, virtuoso_server):
    load(examples_graph, virtuoso_server)
    load(rebuilt_graph, virtuoso_server, "--keep-stale")
    assert set(server_counts(virtuoso_server)) == set(file_counts(examples_graph)) | set(file_counts(rebuilt_graph))
    load(examples_graph, virtuoso_server)  # and the next load without it removes them
    assert server_counts(virtuoso_server) == file_counts(examples_graph)
