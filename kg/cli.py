"""The `kg` command line: parse options, make one library call, print the result.

Why: everything a command does is also a Python call (`kg.build`,
`kg.validate_file`, `kg.query.run`, `kg.store`); the CLI only turns options into
arguments and results into text. Library errors become `Error: ...` and exit code 2, never a
traceback (`kg --debug ...` shows one). Exit codes: 0 success (the graph conforms), 1 the
graph does not conform to the shapes (or `build --strict` skipped an input), 2 the command
could not run, 130 interrupted by Ctrl-C, 143 stopped by SIGTERM.
"""
from __future__ import annotations

import shutil
import signal
import sys
import threading
import traceback
from contextlib import ExitStack
from pathlib import Path

import click

from kg import explain as explaining
from kg import explain_views
from kg import query as queries
from kg.cli_score import score_command
from kg.cli_sources import Failure, query_source
from kg.cli_views import report_command, stats_command
from kg.cluster import Cluster
from kg.errors import OpgraphError, SkippedInputsError
from kg.ids import DEFAULT_BASE, check_base
from kg.limits import MEGABYTE, Limits
from kg.outputs import parse_formats
from kg.pipeline import BuildResult, build, parse_shard
from kg.progress import Progress
from kg.provenance import build_time
from kg.redact import redact
from kg.serialize import graph_files, write_atomically
from kg.shards import merge_shards
from kg.store import (
    DEFAULT_STORE,
    RDF_FORMATS,
    Endpoint,
    by_graph,
    iter_graph_files,
)
from kg.sync import load_endpoint, load_store, services
from kg.validation import validate_file
from kg.validation_reports import CI_FORMATS, ci_report
from kg.wording import counted


def build_summary(result: BuildResult, out: Path) -> str:
    """The lines `kg build` prints: what went in, what was skipped, what was written, validity.
    A line of a JSON Lines file is counted as a line, not as a file."""
    read = [counted(result.source_files, "file")] if result.source_files or not result.source_lines else []
    if result.source_lines:
        read.append(f"{counted(result.source_lines, 'line')} of {counted(result.line_files, 'JSON Lines file')}")
    lines = [(f"releases: {result.releases} (from {' and '.join(read)}; "
              f"{counted(result.duplicates, 'duplicate')})")]
    if result.skipped:
        files = len(result.skipped) - result.skipped_lines
        what = [counted(files, "file")] if files or not result.skipped_lines else []
        what += [counted(result.skipped_lines, "line")] if result.skipped_lines else []
        lines.append(f"skipped:  {' and '.join(what)} (listed in {out / 'skipped.tsv'})")
        lines += [f"  {s.path}: {s.reason}" for s in result.skipped]
    lines.append(f"graph:    {counted(result.graphs, 'named graph')}, {result.quads} quads")
    lines.append("wrote:    " + ", ".join(str(p) for p in result.outputs if p.suffix != ".tsv"))
    if result.validation is None:
        lines.append("shapes:   not checked (--no-validate)")
    elif result.validation.conforms:
        lines.append("shapes:   conforms")
    else:
        lines.append(f"shapes:   does not conform: {counted(len(result.validation.violations), 'violation')}"
                     f" (details: kg validate {out / 'graph.nq'})")
    return "\n".join(lines)


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that the same clean-up as Ctrl-C runs."""


def _terminate(signum, frame) -> None:
    raise Terminated()


class GuardedGroup(click.Group):
    """Commands whose failures are one line on standard error, never a traceback.

    Why: a user who mistypes a query or points at a server that is down needs to read what
    went wrong, not a stack; a developer asks for the stack with `--debug`. Ctrl-C and
    SIGTERM end a command with a message and exit 130 or 143; the outputs are written
    atomically, so what was there before is left as it was.
    """

    def invoke(self, ctx: click.Context):
        main_thread = threading.current_thread() is threading.main_thread()  # signals reach only it
        previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Interrupted: stopped before finishing; the outputs are as they were.", err=True)
            sys.exit(130)
        except Terminated:
            click.echo("Terminated: stopped before finishing; the outputs are as they were.", err=True)
            sys.exit(143)
        except click.ClickException as exc:  # Failure among them: a message, never a secret
            if _debugging(ctx) and exc.__cause__ is not None:
                _print_traceback(exc.__cause__)
            exc.message = redact(exc.message)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug: say so in one line, with the stack if asked for
            if _debugging(ctx):
                _print_traceback(exc)
            raise Failure(redact(f"unexpected {type(exc).__name__}: {exc} (a bug in opgraph; "
                                 "run with kg --debug for the traceback)")) from exc
        finally:
            if main_thread:  # (None: a handler not set from Python, which cannot be put back)
                signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _print_traceback(error: BaseException) -> None:
    """The stack behind an error on standard error, with every secret masked (kg.redact)."""
    sys.stderr.write(redact("".join(traceback.format_exception(error))))


def _debugging(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug"))


@click.group(cls=GuardedGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]},
             epilog="\b\nExamples:\n  kg build releases/ --out out/\n  kg query out/ --name lead-agencies\n"
                    "  kg COMMAND -h")
@click.version_option(package_name="opgraph", prog_name="kg")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """opgraph: law-enforcement press releases to an RDF knowledge graph."""
    ctx.obj = {"debug": debug}
    if ctx.invoked_subcommand is None:  # `kg` alone: the help, as git and pip give it, exit 0
        click.echo(ctx.get_help())


@main.command("build", short_help="Build the graph of release files into a folder.",
              epilog="\b\nExamples:\n  kg build releases/ --out out/"
                     "\n  kg build releases/ --out out/ --reproducible --no-progress"
                     "\n  kg build releases/ --out out/ --evidence --format nq"
                     "\n  kg build releases/ --out out/ --license https://creativecommons.org/licenses/by/4.0/"
                     "\n  kg build big/ --out part-1/ --shard 1/4"
                     "\n  kg build releases/ --out out/ --cluster local:4"
                     "\n  kg build s3://bucket/releases/ --out out/ --cluster tcp://10.0.0.5:8786")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for graph.nq, graph.ttl, graph.jsonld and skipped.tsv.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of minted resources (must end with '/' or '#').")
@click.option("--validate/--no-validate", "check", default=True, show_default=True,
              help="Check the graph against the SHACL shapes.")
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="SHACL shapes to check against instead of the packaged ones.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Leave out facts the extractor is less sure of (see docs/graph.md, "
                   "Evidence, confidence and provenance).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--reproducible", is_flag=True,
              help="Record the build as started at the epoch (1970-01-01T00:00:00Z), so the same "
                   "input gives the same bytes; SOURCE_DATE_EPOCH, when set, is used instead.")
@click.option("--cluster", metavar="ADDRESS",
              help="Read and extract on a Dask cluster: its scheduler's address, or local:N to start "
                   "N worker processes on this machine (see README, On a cluster).")
@click.option("--shard", metavar="I/N",
              help="Build only the I-th of N stable parts of the inputs (see `kg merge`).")
@click.option("--cache/--no-cache", "use_cache", default=True, show_default=True,
              help="Reuse what earlier builds into --out extracted from unchanged files "
                   "(kept in OUT/.kg-cache); --no-cache builds from scratch and keeps nothing.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Keep the build cache in DIR instead of OUT/.kg-cache (one cache per output "
                   "folder: a build removes the entries it did not use).")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="When another build is writing to --out: wait for it, or fail at once.")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="A progress line on standard error (default: when it is a terminal).")
@click.option("--strict", is_flag=True,
              help="Fail (exit 1, writing nothing) if any input is skipped.")
@click.option("--evidence", is_flag=True,
              help="Also write evidence.nq: the words behind every fact (NIF), per release.")
@click.option("--format", "formats", default="nq,ttl,jsonld", show_default=True, metavar="LIST",
              help="The graph files to write: nq, ttl, jsonld, comma-separated.")
@click.option("--max-size", type=click.FloatRange(min=0), default=10, show_default=True, metavar="MB",
              help="Skip a file larger than this many megabytes (0: no limit).")
@click.option("--timeout", type=click.FloatRange(min=0), default=5, show_default=True, metavar="SECONDS",
              help="Abandon a file whose reading, or a release whose extraction and graph together, "
                   "take longer (0: no limit).")
@click.option("--license", "license_iri", metavar="IRI",
              help="The licence the dataset description gives the graph (dcterms:license), an IRI.")
def build_command(inputs: tuple[str, ...], out: Path, base: str, check: bool,
                  shapes: Path | None, min_confidence: float, jobs: int | None,
                  reproducible: bool, shard: str | None, use_cache: bool, cluster: str | None,
                  show_progress: bool | None, strict: bool, max_size: float, timeout: float,
                  cache_dir: Path | None, wait: bool, evidence: bool, formats: str,
                  license_iri: str | None) -> None:
    """Build the graph of the releases in INPUTS (files, directories or URLs) into --out.

    An input that cannot be read is skipped with its reason (listed, and in OUT/skipped.tsv).
    Exit code 0: built, and the graph conforms; 1: built, but it does not conform, or
    --strict and an input was skipped (then nothing is written); 2: could not build.
    One build writes to a folder at a time: a second one waits (or, with --no-wait, fails).
    """
    try:
        with ExitStack() as held:
            on = held.enter_context(Cluster(cluster)) if cluster else None
            if on is not None:
                _say_cluster(on)
            result = build(inputs, out, base=base, check=check, shapes=shapes,
                           min_confidence=min_confidence, started=build_time(reproducible), jobs=jobs,
                           shard=parse_shard(shard) if shard else None, cache=use_cache,
                           progress=Progress(enabled=show_progress),
                           limits=Limits(round(max_size * MEGABYTE), timeout), strict=strict,
                           cache_dir=cache_dir, wait=wait, waiting=lambda m: click.echo(m + " ...", err=True),
                           warn=lambda m: click.echo(f"warning: {m}", err=True),
                           formats=parse_formats(formats), evidence=evidence, cluster=on,
                           license=license_iri)
    except SkippedInputsError as exc:
        for item in exc.skipped:
            click.echo(f"skipped:  {item.path}: {item.reason}", err=True)
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from exc
    except (OpgraphError, ValueError) as exc:
        raise Failure(str(exc)) from exc
    damaged = result.damaged_cache_entries
    if damaged:
        click.echo(f"warning: {damaged} build cache {'entry' if damaged == 1 else 'entries'} could "
                   "not be read (damaged, or not written by this opgraph) and "
                   f"{'was' if damaged == 1 else 'were'} made again", err=True)
    click.echo(build_summary(result, out))
    if result.validation is not None and not result.validation.conforms:
        raise SystemExit(1)


def _say_cluster(cluster: Cluster) -> None:
    dashboard = f"; dashboard: {cluster.dashboard}" if cluster.dashboard else ""
    click.echo(f"cluster:  {cluster.address}: {counted(cluster.workers, 'worker')}{dashboard}", err=True)


@main.command("merge", short_help="Merge the graphs of sharded builds into one.",
              epilog="\b\nExamples:\n  kg merge part-1/ part-2/ part-3/ part-4/ --out out/")
@click.argument("shards", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the merged graph.nq.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI the shards were built with.")
def merge_command(shards: tuple[Path, ...], out: Path, base: str) -> None:
    """Merge the graph.nq of builds made with --shard (folders or .nq files) into one dataset:
    operations reported in several shards become one, as in a single build. Shard folders
    built with --evidence have their evidence.nq merged too."""
    try:
        result = merge_shards(shards, out, base)
    except (OpgraphError, ValueError) as exc:
        raise Failure(str(exc)) from exc
    click.echo(f"merged:   {counted(len(shards), 'shard')}, {counted(result.releases, 'release')}; "
               f"{counted(result.renamed, 'operation')} renamed, "
               f"{counted(result.relabelled, 'agency label')} settled")
    click.echo(f"wrote:    {result.output} ({result.lines} lines)")
    if result.evidence is not None:
        click.echo(f"wrote:    {result.evidence} ({result.evidence_lines} lines)")


@main.command("validate", short_help="Check a graph against the SHACL shapes.",
              epilog="\b\nExamples:\n  kg validate out/"
                     "\n  kg validate out/graph.nq --shapes my-shapes.ttl --format json"
                     "\n  kg validate out/ --format junit > validation.xml")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(path_type=Path),
              help="SHACL shapes to check against instead of the packaged ones.")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json", *CI_FORMATS]),
              default="text", show_default=True, help="Report format (junit, github: for CI).")
def validate_command(graph: Path, shapes: Path | None, fmt: str) -> None:
    """Check GRAPH (.nq, .trig, .ttl, .nt, .jsonld) against the SHACL shapes.

    Exit code 0: conforms; 1: violations; 2: could not run.
    """
    try:
        if fmt in CI_FORMATS:  # kg/validation_reports.py
            text, code = ci_report(fmt, graph_files(graph), shapes)
            click.echo(text, nl=False)
            raise SystemExit(code)
        result = validate_file(graph_files(graph), shapes)
    except OpgraphError as exc:
        raise Failure(str(exc)) from exc
    report = {"text": result.to_text, "turtle": lambda: result.report_turtle,
              "json": result.to_json}[fmt]()
    click.echo(report.rstrip("\n"))
    raise SystemExit(result.exit_code)


@main.command("explain", short_help="Show a release's text with its facts marked.",
              epilog="\b\nExamples:\n  kg explain releases/europol-glass-harbour.txt"
                     "\n  kg explain europol-glass-harbour.txt --graph out/ --format html -o page.html")
@click.argument("target")
@click.option("--graph", "graphs", multiple=True, type=click.Path(path_type=Path),
              help="Graph file written by kg build (graph.nq, .trig, ...); repeatable. "
                   "TARGET is then a release IRI or a source path.")
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True,
              help="text: marked text and the facts; html: a standalone page.")
@click.option("--colour/--no-colour", "--color/--no-color", "colour", default=None,
              help="Colour the text form (default: when standard output is a terminal).")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of standard output.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of minted resources, when TARGET is an input to build.")
def explain_command(target: str, graphs: tuple[Path, ...], fmt: str, colour: bool | None,
                    out: Path | None, base: str) -> None:
    """Show a release's text with every extracted fact marked on its words.

    TARGET is an input file (or a directory holding one release), built as kg build does; with
    --graph, a release IRI or a source path of the graph (its file name when unique).
    """
    if colour is None:
        colour = out is None and fmt == "text" and sys.stdout.isatty()
    try:
        explained = explaining.explain(target, [f for g in graphs for f in graph_files(g)], base=base)
        page = explain_views.to_html(explained) if fmt == "html" else explain_views.to_text(explained, colour)
        if out is not None:
            write_atomically({out: page})
    except (OpgraphError, ValueError) as exc:
        raise Failure(str(exc)) from exc
    if out is None:
        click.echo(page.rstrip("\n"), color=colour if fmt == "text" else None)
    else:
        click.echo(f"wrote: {out}")


def _query_text(texts: list[str], query_file: Path | None, name: str | None) -> str:
    given = [bool(texts), query_file is not None, name is not None]
    if sum(given) > 1 or len(texts) > 1:
        raise Failure("give one query: as an argument, with -f FILE, or with --name NAME")
    if name:
        return queries.named(name).text
    if query_file:
        return sys.stdin.read() if str(query_file) == "-" else queries.read_query_file(query_file)
    if texts:
        return texts[0]
    if not sys.stdin.isatty():
        return sys.stdin.read()
    raise Failure("no query: give one as an argument, with -f FILE, --name NAME or on standard input")


@main.command("query", short_help="Run SPARQL over graph files, a store or an endpoint.",
              epilog="\b\nExamples:\n  kg query --list"
                     "\n  kg query out/ --name partners-of --param agency=Europol"
                     "\n  kg query --store out/store 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'")
@click.argument("args", nargs=-1)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path),
              help="Read the query from FILE ('-' for standard input).")
@click.option("--name", help="Run a query of the shipped library (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE: <iri>, prefix:local, a whole number, or a string.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help=f"Query the embedded store in DIR (default {DEFAULT_STORE} when no graph is given).")
@click.option("--endpoint", help="Query a SPARQL 1.1 endpoint (e.g. http://127.0.0.1:7878/query).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md", "turtle",
                                                   "nt", "nq", "jsonld"]),
              help="Output: table (default), csv, tsv, json, md; turtle, nt, nq, jsonld for graphs.")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and exit.")
@click.option("--retries", default=3, show_default=True, help="Retries of a failed request to --endpoint.")
def query_command(args: tuple[str, ...], query_file: Path | None, name: str | None,
                  params: tuple[str, ...], store: Path | None, endpoint: str | None,
                  fmt: str | None, list_queries: bool, retries: int) -> None:
    """Run a SPARQL query over graph files (ARGS ending in .nq, .ttl, ...), a store or an endpoint.

    The query is an argument, a file (-f), standard input, or a shipped query (--name).
    ASK prints true or false and exits 0 or 1. Exit code 2: the query could not run.
    """
    if list_queries:
        click.echo(queries.listing(shutil.get_terminal_size((100, 24)).columns))
        return
    graphs = [Path(a) for a in args if _is_graph_file(a)]
    texts = [a for a in args if Path(a) not in graphs]
    try:
        sparql = _query_text(texts, query_file, name)
        given = dict(queries.parse_param(p) for p in params)
        if name:
            queries.check_params(queries.named(name), given)
        source = query_source([f for g in graphs for f in graph_files(g)], store, endpoint, retries)
        bound = queries.look_up(source, given, queries.named(name).kinds if name else {})
        outcome = queries.run(source, sparql, bound)
        click.echo(_formatted(outcome, fmt, source))
    except OpgraphError as exc:
        raise Failure(str(exc)) from exc
    if outcome.form == "ask" and not outcome.boolean:
        raise SystemExit(1)


def _is_graph_file(arg: str) -> bool:
    """Whether a positional argument names a graph file or a build folder (the other one is the
    query text)."""
    if "\n" in arg or len(arg) > 1024:
        return False
    try:
        path = Path(arg)
        return path.suffix.lower() in RDF_FORMATS or path.is_file() or path.is_dir()
    except OSError:  # e.g. a query longer than a file name may be
        return False


def _formatted(outcome, fmt: str | None, source) -> str:
    if outcome.form == "ask":
        return queries.results_json(outcome) if fmt == "json" else str(outcome.boolean).lower()
    if outcome.form == "graph":
        if fmt not in (None, "turtle", "nt", "nq", "jsonld"):
            raise Failure(f"a CONSTRUCT or DESCRIBE result prints as turtle, nt, nq or jsonld, not {fmt}")
        return queries.graph_text(outcome, fmt or "turtle").rstrip("\n")
    if fmt in ("turtle", "nt", "nq", "jsonld"):
        raise Failure(f"a SELECT result prints as table, csv, tsv, json or md, not {fmt}")
    if fmt == "json":
        return queries.results_json(outcome)
    names = queries.labels(source, outcome.rows)
    if fmt == "csv":
        return queries.results_csv(outcome, names).rstrip("\r\n")
    if fmt == "tsv":
        return queries.results_tsv(outcome, names).rstrip("\n")
    if fmt == "md":
        return queries.markdown(outcome, names)
    return queries.table(outcome, names, shutil.get_terminal_size((100, 24)).columns)


@main.command("load", short_help="Load a build into the embedded store or a triplestore.",
              epilog="\b\nExamples:\n  kg load out/ --store out/store"
                     "\n  kg load out/ --endpoint http://127.0.0.1:7878/store --dry-run")
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help=f"Load into the embedded store in DIR (default {DEFAULT_STORE}).")
@click.option("--endpoint", help="Load into a triplestore's Graph Store HTTP Protocol endpoint "
                                 "(e.g. http://127.0.0.1:7878/store).")
@click.option("--batch", default=100_000, show_default=True,
              help="Triples per request; a larger graph is sent as one PUT then POSTs.")
@click.option("--dry-run", is_flag=True, help="Say what would be sent and removed; change nothing.")
@click.option("--retries", default=3, show_default=True,
              help="Retries of a request that failed to connect or got a 5xx answer (with backoff).")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI the build was made with: its release and reference graphs are under it.")
@click.option("--keep-stale", is_flag=True,
              help="Keep the store's graphs under --base that the files do not hold.")
@click.option("--query-endpoint", metavar="URL",
              help="With --endpoint: the SPARQL query URL that lists the server's graphs "
                   "(default: beside --endpoint, e.g. /store -> /query).")
@click.option("--update-endpoint", metavar="URL",
              help="With --endpoint: the SPARQL update URL that removes stale graphs "
                   "(default: beside --endpoint, e.g. /store -> /update).")
def load_command(graphs: tuple[Path, ...], store: Path | None, endpoint: str | None, batch: int,
                 dry_run: bool, retries: int, base: str, keep_stale: bool,
                 query_endpoint: str | None, update_endpoint: str | None) -> None:
    """Load graph files into the embedded store or a triplestore, replacing each named graph,
    and make the store's opgraph graphs (release and reference graphs under --base) the files'.

    Loading the same build twice leaves the store as it was. The store's release and reference
    graphs under --base that the files do not hold (a release whose text changed has a new IRI;
    a release left out of the corpus) are listed, then removed; no other graph is touched.
    --keep-stale keeps them. Credentials for --endpoint: OPGRAPH_TOKEN (bearer),
    OPGRAPH_USER and OPGRAPH_PASSWORD (basic), or the host's netrc entry.
    """
    if store is not None and endpoint is not None:
        raise Failure("give --store or --endpoint, not both")
    if endpoint is None and (query_endpoint or update_endpoint):
        raise Failure("--query-endpoint and --update-endpoint go with --endpoint")
    try:
        check_base(base)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    try:
        grouped = by_graph(iter_graph_files(f for g in graphs for f in graph_files(g)))
        if endpoint:
            target = Endpoint(endpoint, retries=retries)
            sparql = None if keep_stale else services(target, query_endpoint, update_endpoint)
            load_endpoint(target, grouped, batch, base, sparql, dry_run, click.echo)
        else:
            load_store(store or DEFAULT_STORE, grouped, base, keep_stale, dry_run, click.echo)
    except OpgraphError as exc:
        raise Failure(str(exc)) from exc


main.add_command(stats_command)  # kg/cli_views.py: kept there for this module's size
main.add_command(report_command)
main.add_command(score_command)  # kg/cli_score.py


if __name__ == "__main__":
    main()
