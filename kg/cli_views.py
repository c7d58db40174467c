"""The `kg stats` and `kg report` commands: what a person looks at first, over the sources `kg
query` takes (a build folder, graph files, `--store DIR` or `--endpoint URL`).

Why a module of their own: kg/cli.py holds the commands that make, load and query graphs;
these two are added to its group (`main.add_command`) and share its edge (kg.cli_sources).
"""
from __future__ import annotations

from pathlib import Path

import click

from kg import stats as figures
from kg.cli_sources import Failure, query_source
from kg.errors import OpgraphError
from kg.serialize import graph_files
from kg.store import DEFAULT_STORE

SOURCE_OPTIONS = (
    click.argument("graphs", nargs=-1, type=click.Path(path_type=Path)),
    click.option("--store", type=click.Path(file_okay=False, path_type=Path),
                 help=f"Read the embedded store in DIR (default {DEFAULT_STORE} when no graph is given)."),
    click.option("--endpoint", help="Read a SPARQL 1.1 endpoint (e.g. http://127.0.0.1:7878/query)."),
    click.option("--retries", default=3, show_default=True, help="Retries of a failed request to --endpoint."),
)


def source_options(command):
    """The GRAPH... / --store / --endpoint / --retries options of `kg query`, on another command."""
    for option in reversed(SOURCE_OPTIONS):
        command = option(command)
    return command


def open_source(graphs: tuple[Path, ...], store: Path | None, endpoint: str | None, retries: int):
    """The query source and the skipped.tsv of the build folders given (None: no build folder)."""

    files = [f for g in graphs for f in graph_files(g)]
    return query_source(files, store, endpoint, retries), figures.skipped_lists(list(graphs))


@click.command("stats", short_help="Print the headline figures of a graph.",
               epilog="\b\nExamples:\n  kg stats out/\n  kg stats out/ --format json"
                      "\n  kg stats --store out/store"
                      "\n  kg stats --endpoint http://127.0.0.1:7878/query")
@source_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table for people, json for programs.")
def stats_command(graphs: tuple[Path, ...], store: Path | None, endpoint: str | None, retries: int,
                  fmt: str) -> None:
    """Print the headline figures of GRAPHS (build folders or graph files), a store or an endpoint:
    releases, operations, agencies, countries, officials, outcomes by type, the first and last
    release dates, releases per language, and, given a build folder, the inputs its build skipped.

    Each figure is a named query's answer (stats-totals, stats-outcome-types, stats-languages):
    `kg query --name NAME` gives it as CSV or JSON. Exit code 2: could not run.
    """

    try:
        source, skipped = open_source(graphs, store, endpoint, retries)
        found = figures.stats(source, skipped)
    except OpgraphError as exc:
        raise Failure(str(exc)) from exc
    click.echo(figures.to_json(found) if fmt == "json" else figures.to_table(found))


@click.command("report", short_help="Write an HTML page of charts about a graph.",
               epilog="\b\nExamples:\n  kg report out/ -o report.html"
                      "\n  kg report --store out/store -o report.html --title 'Releases of 2025'"
                      "\n  kg report --endpoint http://127.0.0.1:7878/query -o report.html")
@source_options
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--title", default="opgraph report", show_default=True, help="The page's title.")
def report_command(graphs: tuple[Path, ...], store: Path | None, endpoint: str | None, retries: int,
                   out: Path, title: str) -> None:
    """Write one standalone HTML page about GRAPHS (build folders or graph files), a store or an
    endpoint: the headline figures of `kg stats`, operations and outcomes per year, the top
    agencies and countries, a map of countries and a cooperation network.

    Every chart names the query it comes from (`kg query --name NAME`), and the page fetches
    nothing: it opens offline. Exit code 2: could not run.
    """
    from kg.report import to_html
    from kg.report_data import gather
    from kg.serialize import write_atomically

    try:
        source, skipped = open_source(graphs, store, endpoint, retries)
        write_atomically({out: to_html(gather(source, skipped), title)})
    except OpgraphError as exc:
        raise Failure(str(exc)) from exc
    click.echo(f"wrote: {out}")
