"""What every `kg` command shares at the edge: the error that prints `Error: ...` with exit
code 2, and where a command that reads a graph reads it (graph files, the embedded store or
a SPARQL endpoint).

Why a module of its own: `kg/cli.py` holds the commands that make and load graphs, and
`kg/cli_views.py` those that look at one (`kg stats`, `kg report`); both need these two.
"""
from __future__ import annotations

from pathlib import Path

import click

from kg.store import DEFAULT_STORE, EmbeddedStore, Endpoint, FileSource


class Failure(click.ClickException):
    """A library error shown as `Error: ...` with exit code 2."""

    exit_code = 2


def query_source(graphs: list[Path], store: Path | None, endpoint: str | None, retries: int):
    """Where a query runs: graph files, the embedded store, or a server (default: out/store)."""
    chosen = [bool(graphs), store is not None, endpoint is not None]
    if sum(chosen) > 1:
        raise Failure("give graph files, --store or --endpoint, not several")
    if endpoint:
        return Endpoint(endpoint, retries=retries)
    if graphs:
        return FileSource(graphs)
    store = store or DEFAULT_STORE
    if store == DEFAULT_STORE and not store.exists():
        raise Failure(f"nothing to query: give graph files, --store DIR or --endpoint URL "
                      f"(the default store {DEFAULT_STORE} does not exist yet)")
    return EmbeddedStore(store, read_only=True)
