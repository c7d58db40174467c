"""The `kg score` command: extraction measured against gold annotations, as text, JSON,
Markdown or JUnit XML, with thresholds for CI.

Why a module of its own: kg/cli.py holds the commands that make, load and query graphs and is
kept under 500 lines; this one is added to its group (`main.add_command`). The figures come
from kg.score; this module only parses options and prints them.
"""
from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import click

from kg.cli_sources import Failure
from kg.errors import OpgraphError
from kg.score import ALL_FIELDS, Scores, parse_minimums, score, shortfalls
from kg.serialize import graph_file


def dates_line(scores: Scores) -> str:
    d = scores.dates
    return (f"published dates: {d['right']} right, {d['wrong']} wrong, {d['missing']} missing, "
            f"{d['invented']} given where the text has none")


def to_table(scores: Scores, verbose: bool) -> str:
    """The yardstick's table: per document problems first with -v, then the fields."""
    lines = []
    if verbose:
        for name, problems in scores.documents.items():
            if problems:
                lines += [f"{name}:", *(f"  {p}" for p in problems)]
    lines.append(f"{'field':<16}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for name in ALL_FIELDS:
        m = scores.tallies[name].figures()
        lines.append(f"{name:<16}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
                     f"{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")
    lines.append(dates_line(scores))
    if scores.without_release:
        lines.append(f"no release found for {len(scores.without_release)} of {len(scores.documents)} documents")
    lines.append(f"micro-F1 {scores.micro_f1():.3f} over {len(scores.documents)} documents")
    return "\n".join(lines)


def to_markdown(scores: Scores, verbose: bool) -> str:
    """A table for a merge request comment or a job summary."""
    lines = ["| field | tp | fp | fn | P | R | F1 |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name in ALL_FIELDS:
        m = scores.tallies[name].figures()
        lines.append(f"| {name} | {m['tp']} | {m['fp']} | {m['fn']} | {m['precision']:.3f} "
                     f"| {m['recall']:.3f} | {m['f1']:.3f} |")
    lines += ["", f"{dates_line(scores)}; micro-F1 {scores.micro_f1():.3f} over "
                  f"{len(scores.documents)} documents"]
    if verbose:
        lines.append("")
        for name, problems in scores.documents.items():
            lines += [f"- `{name}`: " + "; ".join(problems)] if problems else []
    return "\n".join(lines)


def to_junit(scores: Scores, minimums: dict[str, float]) -> str:
    """JUnit XML: suite `fields` has a case per field (and `micro`), failing below its --min;
    suite `documents` has a case per document, its misses and extras as system-out, failing
    never, so the report fails exactly when the command exits 1."""
    root = ET.Element("testsuites", name="kg score")
    fields = ET.SubElement(root, "testsuite", name="fields")
    failed = 0
    for name in (*ALL_FIELDS, "micro"):
        case = ET.SubElement(fields, "testcase", name=name, classname="kg score.fields")
        f1 = scores.f1(name)
        if name in minimums and f1 < minimums[name]:  # the schema wants failure before system-out
            failed += 1
            ET.SubElement(case, "failure", message=f"F1 {f1:.3f} is below {minimums[name]:.3f}",
                          type="threshold")
        m = scores.tallies[name].figures() if name != "micro" else None
        ET.SubElement(case, "system-out").text = (
            f"tp {m['tp']} fp {m['fp']} fn {m['fn']} P {m['precision']:.3f} R {m['recall']:.3f} F1 {f1:.3f}"
            if m else f"micro-F1 {f1:.3f}")
    fields.set("tests", str(len(ALL_FIELDS) + 1))
    fields.set("failures", str(failed))
    docs = ET.SubElement(root, "testsuite", name="documents", tests=str(len(scores.documents)), failures="0")
    for name, problems in scores.documents.items():
        case = ET.SubElement(docs, "testcase", name=name, classname="kg score.documents")
        ET.SubElement(case, "system-out").text = "\n".join(problems) or "all as in the gold"
    root.set("tests", str(len(ALL_FIELDS) + 1 + len(scores.documents)))
    root.set("failures", str(failed))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")


@click.command("score", short_help="Score a graph's extraction against gold annotations.",
               epilog="\b\nExamples:\n  kg score --gold corpus/tune/gold out/"
                      "\n  kg score --gold corpus/tune/gold out/ -v"
                      "\n  kg score --gold gold/ out/ --min agencies=0.85 --min micro=0.9"
                      "\n  kg score --gold gold/ out/ --format junit -o score.xml")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path),
              help="Folder of gold *.json files, one per document.")
@click.option("-v", "--verbose", is_flag=True, help="List what was missed or extra per document.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md", "junit"]), default="table",
              show_default=True, help="table for people, json for programs, md for comments, junit for CI.")
@click.option("--min", "mins", multiple=True, metavar="FIELD=F1",
              help="Exit 1 when FIELD's F1 is below F1 (repeatable; FIELD 'micro' is micro-F1).")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the output to this file instead of standard output.")
def score_command(graph: Path, gold_dir: Path, verbose: bool, fmt: str, mins: tuple[str, ...],
                  out: Path | None) -> None:
    """Score GRAPH (a build folder or graph.nq) against the gold annotations in --gold: per
    field the matches (tp), extras (fp) and misses (fn), precision, recall and F1; the
    publication dates right, wrong, missing or invented; micro-F1 over agencies, countries,
    officials and outcomes. Documents are matched by the file name of the releases' source path.

    Exit code 0: every --min met; 1: a field fell short; 2: could not run.
    """
    try:
        minimums = parse_minimums(mins)
        scores = score(gold_dir, graph_file(graph))
    except OpgraphError as exc:
        raise Failure(str(exc)) from exc
    short = shortfalls(scores, minimums)
    if fmt == "json":
        text = json.dumps({**scores.to_dict(), "below_min": short}, indent=2, ensure_ascii=False)
    elif fmt == "md":
        text = to_markdown(scores, verbose)
    elif fmt == "junit":
        text = to_junit(scores, minimums)
    else:
        text = to_table(scores, verbose)
    if fmt in ("table", "md") and short:
        text += "\n" + "\n".join(f"below --min: {line}" for line in short)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    if short:
        raise SystemExit(1)
