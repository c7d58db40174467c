"""Loading and querying: graph files, the embedded store, and a real Oxigraph server."""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store import Credentials, Endpoint, StoreError, bind_values
from tests.servers import free_port

COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def rows(result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return [[b[v]["value"] if v in b else "" for v in data["head"]["vars"]]
            for b in data["results"]["bindings"]]


def counts(*source: str) -> list[list[str]]:
    return rows(run("query", *source, COUNT_PER_GRAPH, "--format", "json"))


def changed_copy(graph: Path, tmp_path: Path) -> tuple[Path, str]:
    """The graph with one triple of one release graph removed: (file, that graph's name)."""
    lines = graph.read_text().splitlines()
    victim = next(l for l in lines if "/release/" in l.rsplit(" ", 2)[-2] and "#sourcePath" in l)
    changed = tmp_path / "changed.nq"
    changed.write_text("\n".join(l for l in lines if l != victim) + "\n")
    return changed, victim.rsplit(" ", 2)[-2].strip("<>")


def test_files_are_queried_as_one_union_graph(examples_graph):
    result = run("query", str(examples_graph), "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?o opg:involves ?a }",
                 "--format", "csv")
    assert result.exit_code == 0 and int(result.output.splitlines()[1]) > 5


def test_embedded_store_load_is_idempotent_and_replaces_only_changed_graphs(examples_graph, tmp_path):
    store = tmp_path / "store"
    first = run("load", str(examples_graph), "--store", str(store))
    assert first.exit_code == 0, first.output
    before = counts("--store", str(store))
    assert before == counts(str(examples_graph))
    again = run("load", str(examples_graph), "--store", str(store))
    assert again.output == first.output
    assert counts("--store", str(store)) == before
    changed, name = changed_copy(examples_graph, tmp_path)
    assert run("load", str(changed), "--store", str(store)).exit_code == 0
    after = dict((g, int(n)) for g, n in counts("--store", str(store)))
    assert after[name] == dict((g, int(n)) for g, n in before)[name] - 1
    assert {g: n for g, n in after.items() if g != name} == {g: int(n) for g, n in before if g != name}


class _FailingTriples(list):
    """A graph's triples whose reading fails half way, as a disk that fills up would."""

    def __iter__(self):
        yield from self[: len(self) // 2]
        raise OSError(28, "No space left on device")


def test_a_failed_load_leaves_the_store_as_it_was(examples_graph, tmp_path):
    from kg.store import EmbeddedStore, by_graph, iter_graph_files

    store = tmp_path / "store"
    assert run("load", str(examples_graph), "--store", str(store)).exit_code == 0
    before = counts("--store", str(store))
    graphs = by_graph(iter_graph_files([examples_graph]))
    name = next(g for g in graphs if "/release/" in str(g))
    graphs[name] = _FailingTriples(graphs[name])
    with pytest.raises(StoreError, match="cannot write the store: .*No space left on device"):
        EmbeddedStore(store).load(graphs)
    assert counts("--store", str(store)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # no staging copy left behind


def test_a_load_killed_between_its_two_moves_is_recovered(examples_graph, tmp_path):
    store = tmp_path / "store"
    assert run("load", str(examples_graph), "--store", str(store)).exit_code == 0
    before = counts("--store", str(store))
    store.rename(tmp_path / ".store.999999999.replaced")  # what a kill at that moment leaves
    assert run("load", str(examples_graph), "--store", str(store)).exit_code == 0
    assert counts("--store", str(store)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_oxigraph_server_load_and_query_match_the_files(examples_graph, tmp_path, oxigraph_server):
    loaded = run("load", str(examples_graph), "--endpoint", oxigraph_server.store)
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output.startswith("loaded ") and oxigraph_server.store in loaded.output
    on_server = counts("--endpoint", oxigraph_server.query)
    assert on_server == counts(str(examples_graph))
    assert run("load", str(examples_graph), "--endpoint", oxigraph_server.store).exit_code == 0
    assert counts("--endpoint", oxigraph_server.query) == on_server
    changed, name = changed_copy(examples_graph, tmp_path)
    assert run("load", str(changed), "--endpoint", oxigraph_server.store, "--batch", "7").exit_code == 0
    after = dict((g, int(n)) for g, n in counts("--endpoint", oxigraph_server.query))
    before = dict((g, int(n)) for g, n in on_server)
    assert after[name] == before[name] - 1
    assert {g: n for g, n in after.items() if g != name} == {g: n for g, n in before.items() if g != name}


def test_the_same_parameterized_query_on_files_store_and_server(examples_graph, tmp_path, oxigraph_server):
    store = tmp_path / "store"
    run("load", str(examples_graph), "--store", str(store))
    run("load", str(examples_graph), "--endpoint", oxigraph_server.store)
    args = ["--name", "partners-of", "--param", "agency=europol", "--format", "json"]
    on_files = rows(run("query", str(examples_graph), *args))
    assert on_files
    assert rows(run("query", "--store", str(store), *args)) == on_files
    assert rows(run("query", "--endpoint", oxigraph_server.query, *args)) == on_files


def test_ask_exits_0_or_1(examples_graph):
    assert (run("query", str(examples_graph), "ASK { ?s a opg:Official }").output, ) == ("true\n",)
    result = run("query", str(examples_graph), "ASK { ?s a opg:Nothing }")
    assert (result.exit_code, result.output) == (1, "false\n")


def test_construct_prints_turtle(examples_graph):
    result = run("query", str(examples_graph), "CONSTRUCT { ?s a opg:Official } WHERE { ?s a opg:Official }")
    assert result.exit_code == 0 and "a opg:Official" in result.output


def test_a_syntax_error_names_line_and_column(examples_graph):
    result = run("query", str(examples_graph), "SELECT * WHERE {\n  ?s ?p\n}")
    assert result.exit_code == 2
    assert re.match(r"Error: query syntax error at line 3, column \d+: expected ", result.output)


def test_a_declared_prefix_wins(examples_graph):
    result = run("query", str(examples_graph), "PREFIX opg: <http://example.org/other#>\n"
                 "ASK { ?s a opg:Release }")
    assert (result.exit_code, result.output) == (1, "false\n")


def test_parameters_cannot_change_the_query():
    injected = bind_values("SELECT * WHERE { ?s ?p ?agency }",
                           {"agency": __import__("pyoxigraph").Literal('x" } ; DROP ALL ; { "')})
    assert injected == ('SELECT * WHERE { VALUES ?agency { "x\\" } ; DROP ALL ; { \\"" }  '
                        '?s ?p ?agency }')


def test_nothing_to_query_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("query", "ASK {}")
    assert result.exit_code == 2 and "nothing to query" in result.output


def test_an_unreachable_endpoint_names_the_url(examples_graph):
    url = f"http://127.0.0.1:{free_port()}/store"
    result = run("load", str(examples_graph), "--endpoint", url, "--retries", "1", "--keep-stale")
    assert result.exit_code == 2
    assert url in result.output and "cannot connect" in result.output and "after 2 attempts" in result.output
    listing = run("load", str(examples_graph), "--endpoint", url, "--retries", "0")  # first, the stale graphs
    assert listing.exit_code == 2 and f"query: {url[:-len('store')]}query: cannot connect" in listing.output
    result = run("query", "ASK {}", "--endpoint", url, "--retries", "0")
    assert result.exit_code == 2 and url in result.output


class Recorder(BaseHTTPRequestHandler):
    """A loopback server that answers every request with a fixed status and records it."""

    status = 204
    seen: list[tuple[str, str, str | None]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization")))
        body = self.body() if self.status >= 400 else b""
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST = _answer

    def body(self) -> bytes:
        """What an error answer says."""
        return b"the store is read-only"

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def test_credentials_reach_the_server_and_never_the_output(examples_graph, recorder):
    server, url = recorder
    Recorder.status = 204
    result = run("load", str(examples_graph), "--endpoint", url, "--keep-stale",
                 env={"OPGRAPH_TOKEN": "s3cret-token"})
    assert result.exit_code == 0, result.output
    assert Recorder.seen and all(auth == "Bearer s3cret-token" for _, _, auth in Recorder.seen)
    assert "s3cret" not in result.output
    Recorder.seen = []  # the query service beside the store gets them too (it answers no table here)
    listing = run("load", str(examples_graph), "--endpoint", url, env={"OPGRAPH_TOKEN": "s3cret-token"})
    assert listing.exit_code == 2 and "s3cret" not in listing.output
    assert Recorder.seen == [("POST", "/query?union-default-graph", "Bearer s3cret-token")]
    assert "s3cret" not in repr(Credentials.find(url, {"OPGRAPH_TOKEN": "s3cret-token"}))


def test_basic_credentials_from_the_environment(recorder):
    _, url = recorder
    creds = Credentials.find(url, {"OPGRAPH_USER": "ana", "OPGRAPH_PASSWORD": "pw"})
    assert creds is not None and creds.header == "Basic YW5hOnB3"


def test_a_4xx_answer_names_the_graph_and_the_servers_message(examples_graph, recorder):
    _, url = recorder
    Recorder.status = 403
    result = run("load", str(examples_graph), "--endpoint", url, "--keep-stale")
    assert result.exit_code == 2
    assert "load graph <https://w3id.org/opgraph/id/" in result.output
    assert "403" in result.output and "the store is read-only" in result.output
    assert len(Recorder.seen) == 1  # a 4xx is final: no retry


def test_a_5xx_answer_is_retried_with_backoff_then_reported(recorder):
    _, url = recorder
    Recorder.status = 503
    waits: list[float] = []
    endpoint = Endpoint(url, retries=2, backoff=0.1, credentials=None, sleep=waits.append)
    with pytest.raises(StoreError, match="503") as error:
        endpoint.put_graph(__import__("pyoxigraph").NamedNode("https://example.org/g"), [], 10)
    assert waits == [0.1, 0.2] and len(Recorder.seen) == 3
    assert "after 3 attempts" in str(error.value)


def test_dry_run_says_what_would_be_sent(examples_graph):
    result = run("load", str(examples_graph), "--endpoint", "http://127.0.0.1:9/store", "--batch", "1000", "--dry-run",
                 "--keep-stale")  # (without it, the server is asked which graphs would go: tests/test_sync.py)
    lines = result.output.splitlines()
    assert result.exit_code == 0 and lines
    assert all(l.startswith("PUT http://127.0.0.1:9/store?graph=https%3A%2F%2Fw3id.org%2Fopgraph%2Fid%2F")
               for l in lines)
    assert lines[0].endswith(" triples)")
