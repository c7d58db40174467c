"""`kg load`: make a store's opgraph graphs those of the build being loaded.

Why: a release whose text changed gets a new IRI, and a release taken out of the corpus is
in no build; replacing graph by graph would leave both in the store for good, and every
count over the store would include them. A build writes two kinds of named graph under its
base IRI: release graphs (`BASE release/...`) and the reference graph (`BASE graph/reference`).
Those the store holds and the loaded files do not are stale: they are listed, then removed
with the load; every other graph of the store is left alone. Files that hold none of these
graphs (graph.ttl, or a build made with another --base) remove nothing, so loading the wrong
file cannot empty a store. The embedded store removes them in the same checkpoint as the load
(one atomic swap); a server gets SPARQL updates after the Graph Store PUTs.
"""
from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.redact import split_credentials
from kg.store import EmbeddedStore, Endpoint, StoreError, load_plan
from kg.wording import counted

KINDS = ("release/", "graph/")  # the graphs a build writes: kg.ids.Minter.release, .reference_graph
SHOWN = 20  # stale graphs listed by name; the rest are counted
LIST_PAGE = 5_000  # graph names per listing request: under Virtuoso's stock ResultSetMaxRows (10,000)
# Graphs per removal request. Virtuoso 7.2 refuses a VALUES block of 20,000 terms and an update
# of 1,000 DROPs ("Query too large"); 3,000 terms and 500 DROPs pass.
DELETE_BATCH = 2_000
DROP_BATCH = 200
# Where the SPARQL query and update services are, from the Graph Store URL's last path segments.
SERVICES = (
    ("/store", "/query", "/update"),  # Oxigraph
    ("/sparql-graph-crud", "/sparql", "/sparql"),  # Virtuoso
    ("/rdf-graphs/service", "", "/statements"),  # GraphDB, RDF4J
    ("/data", "/sparql", "/update"),  # Fuseki
)
Echo = Callable[[str], None]


def ours(graph: object, base: str) -> bool:
    """Whether `graph` is a graph a build under `base` writes."""
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(tuple(base + k for k in KINDS))


@dataclass(frozen=True)
class Stale:
    """What a load removes: `graphs`, sorted; or, when the files hold none of opgraph's graphs,
    nothing, and `kept` says how many of them the store holds."""

    graphs: list[ox.NamedNode]
    kept: int = 0


def stale(present: Iterable[object], loaded: Iterable[object], base: str) -> Stale:
    """The store's graphs under `base` that the loaded graphs do not include."""
    mine = sorted({g for g in present if isinstance(g, ox.NamedNode) and ours(g, base)},
                  key=lambda g: g.value)
    loaded = set(loaded)
    if not any(ours(g, base) for g in loaded):
        return Stale([], len(mine))
    return Stale([g for g in mine if g not in loaded])


def report(found: Stale, base: str, dry_run: bool) -> list[str]:
    """What will be removed, before anything is: the first SHOWN graphs by name, then a count."""
    if found.kept:
        return [(f"kept {counted(found.kept, 'graph')} under {base}: none of the loaded graphs is "
                 "under it (give kg load the --base of the build)")]
    if not found.graphs:
        return []
    total = len(found.graphs)
    lines = [(f"{'would remove' if dry_run else 'removing'} {counted(total, 'stale graph')} "
              f"(under {base}, not in these files):")]
    lines += [f"  {g.value}" for g in found.graphs[:SHOWN]]
    if total > SHOWN:
        lines.append(f"  ... and {total - SHOWN} more")
    return lines


def _summary(grouped: dict, into: str, removed: int) -> str:
    triples = sum(len(t) for t in grouped.values())
    gone = f", removed {counted(removed, 'stale graph')}" if removed else ""
    return f"loaded {counted(len(grouped), 'graph')} ({triples} triples) into {into}{gone}"


def load_store(path: Path, grouped: dict, base: str, keep_stale: bool, dry_run: bool,
               echo: Echo) -> None:
    """Load into the embedded store in `path`: the load and the removals in one atomic swap."""
    if dry_run:
        present = [] if keep_stale or not (path / "CURRENT").exists() else \
            EmbeddedStore(path, read_only=True).named_graphs()
        for line in report(stale(present, grouped, base), base, dry_run=True):
            echo(line)
        triples = sum(len(t) for t in grouped.values())
        echo(f"would replace {counted(len(grouped), 'graph')} ({triples} triples) in {path}")
        return
    embedded = EmbeddedStore(path)
    found = Stale([]) if keep_stale else stale(embedded.named_graphs(), grouped, base)
    for line in report(found, base, dry_run=False):
        echo(line)
    embedded.load(grouped, remove=found.graphs)
    echo(f"{_summary(grouped, str(path), len(found.graphs))}; the store holds {embedded.count()} quads")


@dataclass(frozen=True)
class Services:
    """A server's SPARQL query service (to list its graphs) and update service (to remove them)."""

    query: Endpoint
    update: Endpoint


def services(target: Endpoint, query: str | None, update: str | None) -> Services:
    """The query and update services beside a Graph Store endpoint: as given, else by the URL
    layouts of Oxigraph, Virtuoso, GraphDB and Fuseki. A URL without user information is sent
    the store's credentials."""
    derived = _derived(target.url)
    if query is None or update is None:
        if derived is None:
            raise StoreError(f"{target.shown}: cannot tell where its SPARQL query and update services "
                             "are; give --query-endpoint URL and --update-endpoint URL (or --keep-stale)")
        query, update = query or derived[0], update or derived[1]

    def endpoint(url: str) -> Endpoint:
        own = split_credentials(url)[1] is not None
        return Endpoint(url, retries=target.retries, credentials=None if own else target.credentials)

    return Services(endpoint(query), endpoint(update))


def _derived(url: str) -> tuple[str, str] | None:
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    for store, query, update in SERVICES:
        if path.endswith(store):
            stem = path[: -len(store)]
            return (urllib.parse.urlunsplit(parts._replace(path=stem + query)),
                    urllib.parse.urlunsplit(parts._replace(path=stem + update)))
    return None


def server_graphs(query: Endpoint, base: str) -> list[ox.NamedNode]:
    """The server's non-empty named graphs of the kinds a build writes, in pages of LIST_PAGE
    names (by name, each page after the last), so that no server's row limit cuts the list."""
    scope = " || ".join(f"STRSTARTS(STR(?g), {ox.Literal(base + k)})" for k in KINDS)
    found: list[ox.NamedNode] = []
    while True:
        after = f" && STR(?g) > {ox.Literal(found[-1].value)}" if found else ""
        sparql = (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(({scope}){after}) }} "
                  f"ORDER BY STR(?g) LIMIT {LIST_PAGE}")
        try:
            page: object = query.query(sparql, {}, {})
        except StoreError as exc:
            raise StoreError(f"list the graphs under {base} (to remove stale ones; see "
                             f"--query-endpoint, --keep-stale): {exc}") from exc
        if not isinstance(page, ox.QuerySolutions):
            raise StoreError(f"list graphs: {query.shown} did not answer the SELECT with a table")
        rows = [row["g"] for row in page]
        found += [g for g in rows if isinstance(g, ox.NamedNode)]
        if len(rows) < LIST_PAGE:
            return found


def removals(graphs: list[ox.NamedNode]) -> list[tuple[str, str]]:
    """The SPARQL updates that remove `graphs`: (what it does, its text). First their triples, up
    to DELETE_BATCH graphs per update (one transaction each on Oxigraph), then their names
    (Oxigraph keeps an emptied graph's name; Virtuoso has nothing left to do)."""
    updates = []
    for i in range(0, len(graphs), DELETE_BATCH):
        chunk = graphs[i:i + DELETE_BATCH]
        updates.append((f"delete the triples of {counted(len(chunk), 'graph')}",
                        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { "
                        + " ".join(str(g) for g in chunk) + " } GRAPH ?g { ?s ?p ?o } }"))
    for i in range(0, len(graphs), DROP_BATCH):
        chunk = graphs[i:i + DROP_BATCH]
        updates.append((f"drop {counted(len(chunk), 'graph')}",
                        " ;\n".join(f"DROP SILENT GRAPH {g}" for g in chunk)))
    return updates


def update(endpoint: Endpoint, text: str) -> None:
    """Send one SPARQL update (the form-encoded POST of the protocol, which Virtuoso takes)."""
    body = urllib.parse.urlencode({"update": text}).encode("ascii")
    endpoint.request("POST", endpoint.url, body, {"Content-Type": "application/x-www-form-urlencoded"},
                     "remove stale graphs")


def load_endpoint(target: Endpoint, grouped: dict, batch: int, base: str, sparql: Services | None,
                  dry_run: bool, echo: Echo) -> None:
    """Load into a server: list its stale graphs, PUT the files' graphs, then remove the stale
    ones (so that the store never lacks a graph of the build while it is loaded).
    `sparql` None: keep stale graphs (nothing listed, nothing removed)."""
    found = stale(server_graphs(sparql.query, base), grouped, base) if sparql else Stale([])
    for line in report(found, base, dry_run):
        echo(line)
    updates = [(sparql.update, what, text) for what, text in removals(found.graphs)] if sparql else []
    if dry_run:
        for line in load_plan(grouped, target.url, batch):
            echo(line)
        for service, what, _ in updates:
            echo(f"POST {service.shown} ({what})")
        return
    for graph, triples in grouped.items():
        target.put_graph(graph, triples, batch)
    for service, _, text in updates:
        update(service, text)
    echo(_summary(grouped, target.shown, len(found.graphs)))
