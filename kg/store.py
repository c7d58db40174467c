"""Where graphs are loaded and queried: graph files, the embedded store, SPARQL 1.1 servers.

Why: analysts ask the same questions of a build on disk, of a persistent local store and
of their production triplestore; the CLI should not care which. Three sources share
one `query` method:
- `FileSource`: graph files read into an in-memory store;
- `EmbeddedStore`: a persistent pyoxigraph store in a directory (a real RDF store
  with fast SPARQL, no server to run);
- `Endpoint`: any SPARQL 1.1 server, queried over the SPARQL protocol and loaded over
  the Graph Store HTTP Protocol (one PUT per named graph, so a second load of the same
  build leaves the store as it was; kg.sync removes the graphs a build no longer has).
In every source the default graph of a query is the union of the named graphs, so
"which agencies took part" needs no GRAPH clause.
"""
from __future__ import annotations

import base64
import netrc
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import pyoxigraph as ox

from kg.errors import OpgraphError
from kg.leftovers import abandoned
from kg.redact import redact, remember, split_credentials

DEFAULT_STORE = Path("out/store")
RDF_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
}
Result: TypeAlias = "ox.QuerySolutions | ox.QueryBoolean | bool | ox.QueryTriples | list[ox.Triple]"


FINAL_5XX = frozenset({501, 505})  # not implemented, version not supported: retrying cannot help


class StoreError(OpgraphError):
    """A store or server could not be read, written or reached."""


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a graph file, from its extension (.nq, .trig, .ttl, .nt, .jsonld, .rdf)."""
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        raise StoreError(f"{path}: unknown graph format; use one of "
                         f"{', '.join(sorted(RDF_FORMATS))}") from None


def read_quads(path: Path) -> list[ox.Quad]:
    """Every quad of a graph file (triples of a triple format land in the default graph)."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    try:
        return list(ox.parse(path=str(path), format=rdf_format(path)))
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{path}: cannot parse: {exc}") from exc


def by_graph(quads: Iterable[ox.Quad]) -> dict[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]]:
    """Triples grouped by the graph they belong to, graphs in a stable order."""
    graphs: dict = defaultdict(list)
    for q in quads:
        graphs[q.graph_name].append(ox.Triple(q.subject, q.predicate, q.object))
    return dict(sorted(graphs.items(), key=lambda kv: str(kv[0])))


def run_query(store: ox.Store, sparql: str, prefixes: dict[str, str],
              substitutions: dict) -> Result:
    """A query on a pyoxigraph store, with the default graph as the union of all graphs."""
    try:
        return store.query(bind_values(sparql, substitutions), prefixes=prefixes,
                           use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QuerySyntaxError(str(exc)) from exc
    except OSError as exc:
        raise StoreError(f"query failed: {exc}") from exc


class QuerySyntaxError(OpgraphError):
    """The SPARQL query does not parse; the message names the line and column."""


class FileSource:
    """Graph files, read into an in-memory store for one query."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.store = ox.Store()
        for path in paths:
            self.store.extend(read_quads(path))

    def query(self, sparql: str, prefixes: dict[str, str], substitutions: dict) -> Result:
        """Run a SPARQL query over the files' union graph."""
        return run_query(self.store, sparql, prefixes, substitutions)


def _recover(path: Path) -> None:
    """Put back a store whose load was killed between moving it aside and moving the new
    one in (the only moment a store folder is missing), and remove a killed load's leftovers."""
    for leftover in abandoned(path, ("replaced", "loading")):
        if leftover.suffix == ".replaced" and not path.exists():
            os.replace(leftover, path)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


class EmbeddedStore:
    """A persistent pyoxigraph store in a directory."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        try:
            if read_only:
                if not (path / "CURRENT").exists():
                    raise StoreError(f"{path}: no store here (create one with kg load ... --store {path})")
                self.store = ox.Store.read_only(str(path))
            else:
                _recover(path)
                path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from exc

    def query(self, sparql: str, prefixes: dict[str, str], substitutions: dict) -> Result:
        """Run a SPARQL query over the store's union graph."""
        return run_query(self.store, sparql, prefixes, substitutions)

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """The names of the store's named graphs (empty ones included)."""
        try:
            return list(self.store.named_graphs())
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the store: {exc}") from exc

    def load(self, graphs: dict, remove: Iterable[ox.NamedNode] = ()) -> int:
        """Replace each given graph with its new triples, and remove the graphs in `remove`;
        returns the triples written.

        The graphs being replaced or removed go first, then every new quad goes in through
        pyoxigraph's bulk loader (about three times faster than one transaction per graph
        on a million triples); other graphs are left alone. The bulk loader is not
        transactional, so the load goes into a checkpoint of the store (hard links: no copy)
        that is moved into place when complete: a load that fails or is killed leaves the
        store as it was, and queries see the removals and the new graphs together.
        """
        staging = self.path.with_name(f".{self.path.name}.{os.getpid()}.loading")
        try:
            shutil.rmtree(staging, ignore_errors=True)
            self.store.backup(str(staging))
            store = ox.Store(str(staging))
            present = set(store.named_graphs())
            for graph in graphs:
                if isinstance(graph, ox.DefaultGraph):
                    store.update("CLEAR SILENT DEFAULT")
                elif graph in present:
                    store.remove_graph(graph)
            for graph in remove:
                if graph in present:
                    store.remove_graph(graph)
            store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                              for graph, triples in graphs.items() for t in triples)
            store.flush()
            # Compacts what the bulk loader wrote: queries on a million triples run about a
            # third faster afterwards, for about 3 s of compaction.
            store.optimize()
            del store
            self._swap_in(staging)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store: {exc}") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return sum(len(t) for t in graphs.values())

    def _swap_in(self, staging: Path) -> None:
        """Put the store in `staging` where this one is, and open it."""
        old = self.path.with_name(f".{self.path.name}.{os.getpid()}.replaced")
        del self.store  # closes the database before its folder moves
        os.replace(self.path, old)
        try:
            os.replace(staging, self.path)
        except OSError:
            os.replace(old, self.path)
            raise
        finally:
            self.store = ox.Store(str(self.path))
        shutil.rmtree(old, ignore_errors=True)

    def count(self) -> int:
        """How many quads the store holds."""
        return len(self.store)


@dataclass(frozen=True)
class Credentials:
    """How to authenticate to a server: HTTP basic or a bearer token."""

    header: str

    @classmethod
    def find(cls, url: str, env: dict[str, str] | None = None) -> Credentials | None:
        """From OPGRAPH_TOKEN, OPGRAPH_USER/OPGRAPH_PASSWORD, or the netrc entry of the host."""
        env = dict(os.environ) if env is None else env
        if env.get("OPGRAPH_TOKEN"):
            remember(env["OPGRAPH_TOKEN"])
            return cls(f"Bearer {env['OPGRAPH_TOKEN']}")
        if env.get("OPGRAPH_USER"):
            remember(env.get("OPGRAPH_PASSWORD"))
            return cls.basic(env["OPGRAPH_USER"], env.get("OPGRAPH_PASSWORD", ""))
        host = urllib.parse.urlsplit(url).hostname or ""
        try:
            entry = netrc.netrc(env.get("NETRC")).authenticators(host)
        except (FileNotFoundError, netrc.NetrcParseError, OSError):
            entry = None
        if not entry:
            return None
        remember(entry[2])
        return cls.basic(entry[0] or "", entry[2] or "")

    @classmethod
    def basic(cls, user: str, password: str) -> Credentials:
        """HTTP basic credentials."""
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return cls(f"Basic {token}")

    def __repr__(self) -> str:  # never show the secret in a traceback or a log
        return "Credentials(***)"


@dataclass(frozen=True)
class Response:
    """What a server answered."""

    status: int
    content_type: str
    body: bytes


class Endpoint:
    """A SPARQL 1.1 server: queries over the protocol, loads over the Graph Store protocol.

    `url` is the query endpoint (Oxigraph `/query`, Fuseki `/ds/sparql`, Virtuoso
    `/sparql`) or, for loading, the Graph Store endpoint (Oxigraph `/store`, Fuseki
    `/ds/data`, Virtuoso `/sparql-graph-crud`, GraphDB `/repositories/ID/rdf-graphs/service`).
    User information in the URL (`http://user:password@host/...`) is taken out of it and sent
    as HTTP basic credentials; `shown` is the URL as messages give it, password masked.
    """

    def __init__(self, original: str, *, retries: int = 3, backoff: float = 0.5, timeout: float = 60.0,
                 credentials: Credentials | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        url, user, password = split_credentials(original)
        self.shown = redact(original)
        if not url.startswith(("http://", "https://")):
            raise StoreError(f"{self.shown}: an endpoint URL starts with http:// or https://")
        self.url = url
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        if credentials is None and user is not None:
            credentials = Credentials.basic(user, password or "")
        self.credentials = credentials if credentials is not None else Credentials.find(url)
        self.sleep = sleep

    def request(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                what: str) -> Response:
        """One HTTP request, retried with backoff on connection errors and 5xx answers."""
        headers = dict(headers)
        if self.credentials:
            headers["Authorization"] = self.credentials.header
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                req = urllib.request.Request(url, data=body, method=method, headers=headers)
                with urllib.request.urlopen(req, timeout=self.timeout) as answer:
                    return Response(answer.status, answer.headers.get("Content-Type", ""), answer.read())
            except urllib.error.HTTPError as exc:
                message = _server_message(exc)
                if exc.code < 500 or exc.code in FINAL_5XX:
                    raise StoreError(f"{what}: {self.shown} answered {exc.code} {exc.reason}: {message}") from None
                last = f"{exc.code} {exc.reason}: {message}"
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                last = f"cannot connect: {reason}"
        attempts = f"{self.retries + 1} attempt{'' if self.retries == 0 else 's'}"
        raise StoreError(f"{what}: {self.shown}: {last} (after {attempts})")

    def query(self, sparql: str, prefixes: dict[str, str], substitutions: dict) -> Result:
        """Run a query on the server (parameters bound as in `bind_values`)."""
        text = with_prefixes(bind_values(sparql, substitutions), prefixes)
        form = query_form(sparql, prefixes)
        accept = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
                  "graph": "application/n-triples"}[form]
        url = _with_params(self.url, {"union-default-graph": ""})
        # The form-encoded POST of the SPARQL protocol: every server takes it (Virtuoso 7.2
        # never answers a direct application/sparql-query POST).
        body = urllib.parse.urlencode({"query": text}).encode("ascii")
        answer = self.request("POST", url, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                  "Accept": accept}, "query")
        try:
            if form == "graph":
                return _triples(answer.body)
            result = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
            if form == "ask" and isinstance(result, ox.QuerySolutions):
                # Older Virtuoso answers ASK as a table: one row for true, none for false.
                return any(True for _ in result)
            return result
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"query: {self.shown} sent results that do not parse: {exc}") from exc

    def put_graph(self, graph: ox.NamedNode | ox.DefaultGraph, triples: list[ox.Triple],
                  batch: int) -> int:
        """Replace one graph: PUT the first batch of triples, POST (append) the rest."""
        target = _graph_url(self.url, graph)
        name = "the default graph" if isinstance(graph, ox.DefaultGraph) else f"graph <{graph.value}>"
        chunks = [triples[i:i + batch] for i in range(0, len(triples), batch)] or [[]]
        for k, chunk in enumerate(chunks):
            body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b""
            self.request("PUT" if k == 0 else "POST", target, body,
                         {"Content-Type": "application/n-triples"}, f"load {name}")
        return len(triples)


def load_plan(graphs: dict, url: str, batch: int) -> list[str]:
    """What a load would send, one line per request (for --dry-run)."""
    lines = []
    for graph, triples in graphs.items():
        target = _graph_url(url, graph)
        chunks = max(1, -(-len(triples) // batch))
        for k in range(chunks):
            size = min(batch, len(triples) - k * batch)
            lines.append(f"{'PUT' if k == 0 else 'POST'} {target} ({max(size, 0)} triples)")
    return lines


def _graph_url(url: str, graph) -> str:
    if isinstance(graph, ox.DefaultGraph):
        return _with_params(url, {"default": ""})
    return _with_params(url, {"graph": graph.value})


def _with_params(url: str, params: dict[str, str]) -> str:
    parts = urllib.parse.urlsplit(url)
    query = "&".join(f"{urllib.parse.quote(k)}" + (f"={urllib.parse.quote(v, safe='')}" if v else "")
                     for k, v in params.items())
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit(parts._replace(query=joined))


def _server_message(exc: urllib.error.HTTPError) -> str:
    """The server's explanation, without markup, on one line."""
    try:
        text = exc.read().decode("utf-8", "replace")
    except OSError:
        text = ""
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    return " ".join(text.split())[:300] or "(no message)"


def _triples(body: bytes) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]


def query_form(sparql: str, prefixes: dict[str, str]) -> str:
    """'select', 'ask' or 'graph' (CONSTRUCT/DESCRIBE), by running the query on an empty store."""
    result = run_query(ox.Store(), sparql, prefixes, {})
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    return "select" if isinstance(result, ox.QuerySolutions) else "graph"


def with_prefixes(sparql: str, prefixes: dict[str, str]) -> str:
    """The query with PREFIX lines for the known prefixes it does not declare, on its first line
    (so line numbers in a server's error messages stay as the user wrote them)."""
    declared = {p.lower() for p in _declared_prefixes(sparql)}
    missing = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p.lower() not in declared)
    return f"{missing} {sparql}" if missing else sparql


def _declared_prefixes(sparql: str) -> list[str]:
    return re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", sparql)


def bind_values(sparql: str, substitutions: dict) -> str:
    """Bind parameters: an inline `VALUES` block per parameter at the start of the WHERE
    group (a parameter given a list of terms takes each in turn).

    Values are written as RDF terms in N-Triples syntax (escaped by pyoxigraph), so a
    parameter can never change the query's structure; the same text goes to the
    embedded store and to any server, so both give the same answers.
    """
    if not substitutions:
        return sparql
    brace = _where_brace(sparql)
    if brace is None:
        raise QuerySyntaxError("cannot bind parameters: the query has no WHERE group")
    blocks = " ".join(f"VALUES ?{name} {{ {' '.join(str(v) for v in (vs if isinstance(vs, list) else [vs]))} }}"
                      for name, vs in substitutions.items())
    return f"{sparql[:brace + 1]} {blocks} {sparql[brace + 1:]}"


def _where_brace(sparql: str) -> int | None:
    """Offset of the '{' that opens the query's WHERE group (after the WHERE keyword, or the
    first group of a query written without it), skipping comments, strings and IRIs."""
    seen_where = False
    first_brace = None
    for offset, token in _significant(sparql):
        if token.upper() == "WHERE":
            seen_where = True
        elif token == "{":
            if seen_where:
                return offset
            first_brace = offset if first_brace is None else first_brace
    return first_brace


def _significant(sparql: str) -> Iterator[tuple[int, str]]:
    """Words and braces of a query outside comments, strings and IRIs, with their offsets."""
    for m in SPARQL_TOKEN.finditer(sparql):
        if m.lastgroup in ("word", "brace"):
            yield m.start(), m.group()


SPARQL_TOKEN = re.compile(
    r"(?P<comment>#[^\n]*)|(?P<long>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'\'\'(?:[^\\]|\\.)*?'\'\')"
    r"|(?P<short>\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<word>[A-Za-z_]+)|(?P<brace>\{)|(?P<other>.)", re.DOTALL)


def iter_graph_files(paths: Iterable[Path]) -> Iterator[ox.Quad]:
    """The quads of every graph file, in order."""
    for path in paths:
        yield from read_quads(path)
