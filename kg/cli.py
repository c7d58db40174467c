"""The `kg` command line: parse options, make one library call, print the result.

Why: everything a command does is also a Python call (`kg.build`,
`kg.validate_file`); the CLI only turns options into arguments and results
into text. Library errors become `Error: ...` and exit code 2, never a
traceback. Exit codes: 0 success (the graph conforms), 1 the graph does not
conform to the shapes, 2 the command could not run.
"""
from __future__ import annotations

from pathlib import Path

import click

from kg.errors import OpgraphError
from kg.ids import DEFAULT_BASE
from kg.pipeline import BuildResult, build
from kg.validation import validate_file


class Failure(click.ClickException):
    """A library error shown as `Error: ...` with exit code 2."""

    exit_code = 2


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def build_summary(result: BuildResult, out: Path) -> str:
    """The lines `kg build` prints: what went in, what was skipped, what was written, validity."""
    lines = [f"releases: {result.releases} (from {_plural(result.source_files, 'file')}; "
             f"{_plural(result.duplicates, 'duplicate')})"]
    if result.skipped:
        lines.append(f"skipped:  {_plural(len(result.skipped), 'file')} (listed in {out / 'skipped.tsv'})")
        lines += [f"  {s.path}: {s.reason}" for s in result.skipped]
    lines.append(f"graph:    {_plural(result.graphs, 'named graph')}, {result.quads} quads, "
                 f"{result.triples} triples")
    lines.append("wrote:    " + ", ".join(str(p) for p in result.outputs if p.suffix != ".tsv"))
    if result.validation is None:
        lines.append("shapes:   not checked (--no-validate)")
    elif result.validation.conforms:
        lines.append("shapes:   conforms")
    else:
        lines.append(f"shapes:   does not conform: {_plural(len(result.validation.violations), 'violation')}"
                     f" (details: kg validate {out / 'graph.nq'})")
    return "\n".join(lines)


@click.group()
@click.version_option(package_name="opgraph", prog_name="kg")
def main() -> None:
    """opgraph: law-enforcement press releases to an RDF knowledge graph."""


@main.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for graph.nq, graph.ttl, graph.jsonld and skipped.tsv.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of minted resources (must end with '/' or '#').")
@click.option("--validate/--no-validate", "check", default=True, show_default=True,
              help="Check the graph against the SHACL shapes.")
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="SHACL shapes to check against instead of the packaged ones.")
def build_command(inputs: tuple[Path, ...], out: Path, base: str, check: bool,
                  shapes: Path | None) -> None:
    """Build the graph of the releases in INPUTS (files or directories) into --out."""
    try:
        result = build(inputs, out, base=base, check=check, shapes=shapes)
    except (OpgraphError, ValueError) as exc:
        raise Failure(str(exc)) from exc
    click.echo(build_summary(result, out))
    if result.validation is not None and not result.validation.conforms:
        raise SystemExit(1)


@main.command("validate")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(path_type=Path),
              help="SHACL shapes to check against instead of the packaged ones.")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text",
              show_default=True, help="Report format.")
def validate_command(graph: Path, shapes: Path | None, fmt: str) -> None:
    """Check GRAPH (.nq, .trig, .ttl, .nt, .jsonld) against the SHACL shapes.

    Exit code 0: conforms; 1: violations; 2: could not run.
    """
    try:
        result = validate_file(graph, shapes)
    except OpgraphError as exc:
        raise Failure(str(exc)) from exc
    report = {"text": result.to_text, "turtle": lambda: result.report_turtle,
              "json": result.to_json}[fmt]()
    click.echo(report.rstrip("\n"))
    raise SystemExit(result.exit_code)


if __name__ == "__main__":
    main()
