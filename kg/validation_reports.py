"""`kg validate --format junit|github`: the SHACL results as a CI system shows them.

Why a module of its own: a CI run is read in its test report (JUnit XML, which GitLab,
Jenkins, Azure and GitHub render) and in annotations on the file that is wrong (GitHub's
`::error` workflow commands), not in a log. Both need more than the results: the class of
each focus node (a JUnit test case is a shape checked on a class) and the release each
focus node came from (the file an annotation points at), so they read the data themselves.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH

from kg.errors import ValidationRunError
from kg.validation import (
    GRAPH_FORMATS,
    QUAD_FORMATS,
    ValidationResult,
    Violation,
    load_graph,
    load_shapes,
    parse_error,
    union_graph,
    validate,
)

CI_FORMATS = ("junit", "github")
OPG_SOURCE_PATH = URIRef("https://w3id.org/opgraph/ontology#sourcePath")
UNTYPED = "(untyped)"
SEVERITY_COMMAND = {"Violation": "error", "Warning": "warning", "Info": "notice"}


@dataclass(frozen=True)
class Located:
    """What a CI report needs beside the results: each focus node's classes and source."""

    graph: Graph
    sources: dict[str, tuple[str, int]]
    fallback: str

    def classes(self, focus: str) -> list[str]:
        """The focus node's classes, shortened with the shapes' prefixes, sorted."""
        node = URIRef(focus)
        return sorted(_short(self.graph, str(c)) for c in self.graph.objects(node, RDF.type))

    def where(self, focus: str) -> tuple[str, int]:
        """The file and line an annotation of this focus node points at."""
        return self.sources.get(focus, (self.fallback, 1))


def ci_report(fmt: str, files: list[Path], shapes_file: Path | None) -> tuple[str, int]:
    """Validate `files` (their union) and render the result as `fmt` ("junit" or "github"),
    with the validation's exit code (0 conforms, 1 violations)."""
    shapes = load_shapes(shapes_file)
    located = locate(files)
    for prefix, namespace in shapes.namespaces():
        located.graph.bind(prefix, namespace, override=False, replace=True)
    result = validate(located.graph, shapes)
    text = to_junit(result, shapes, located, str(files[0])) if fmt == "junit" else to_github(result, located)
    return text, result.exit_code


def locate(files: list[Path]) -> Located:
    """Read the graph files into one graph, and find where each subject came from: the
    source file of the release whose named graph describes it (opg:sourcePath, as the build
    recorded it; `file.jsonl#N` is line N of file.jsonl), else its first line in the first
    N-Quads file, else that file's line 1."""
    graph = Graph()
    sources: dict[str, tuple[str, int]] = {}
    for path in files:
        if GRAPH_FORMATS.get(path.suffix.lower()) in QUAD_FORMATS and path.is_file():
            dataset = _read_dataset(path)
            graph += union_graph(dataset)
            for focus, where in sorted(_release_sources(dataset).items()):
                sources.setdefault(focus, where)
        else:
            graph += load_graph(path)
    first = files[0]
    if first.suffix.lower() == ".nq" and first.is_file():
        for focus, line in _first_lines(first).items():
            sources.setdefault(focus, (str(first), line))
    return Located(graph, sources, str(first))


def _read_dataset(path: Path) -> Dataset:
    fmt = GRAPH_FORMATS[path.suffix.lower()]
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise ValidationRunError(f"{path}: cannot parse as {fmt}: {parse_error(exc)}") from exc
    return dataset


def _release_sources(dataset: Dataset) -> dict[str, tuple[str, int]]:
    """Each subject of a release's graph (or its `/evidence` graph) mapped to the release's
    source; a subject of several releases gets the first source in sorted order."""
    paths = {str(s): str(o) for s, _, o, _ in dataset.quads((None, OPG_SOURCE_PATH, None, None))}
    found: dict[str, set[str]] = defaultdict(set)
    for s, _, _, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if isinstance(g, Graph) else g)
        source = paths.get(name) or paths.get(name.removesuffix("/evidence"))
        if source is not None:
            found[str(s)].add(source)
    return {focus: _file_and_line(min(where)) for focus, where in found.items()}


def _file_and_line(source: str) -> tuple[str, int]:
    match = re.fullmatch(r"(.*)#(\d+)", source)
    return (match.group(1), int(match.group(2))) if match else (source, 1)


def _first_lines(path: Path) -> dict[str, int]:
    """Each IRI subject's first line in an N-Quads file (one pass, no parsing)."""
    lines: dict[str, int] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith("<"):
                lines.setdefault(line[1:line.find(">")], number)
    return lines


def _short(graph: Graph, iri: str) -> str:
    try:
        return graph.namespace_manager.normalizeUri(URIRef(iri))
    except Exception:
        return iri


def shape_classes(shapes: Graph) -> dict[str, list[str]]:
    """Every shape checked on a class (a node shape with sh:targetClass, and each of its
    property shapes) mapped to those classes, all shortened: the passing test cases."""
    cases: dict[str, list[str]] = defaultdict(list)
    for node_shape, target in shapes.subject_objects(SH.targetClass):
        owned = [node_shape, *shapes.objects(node_shape, SH.property)]
        for shape in owned:
            cases[_short(shapes, str(shape))].append(_short(shapes, str(target)))
    return {shape: sorted(set(classes)) for shape, classes in cases.items()}


def _case_class(v: Violation, located: Located, checked: dict[str, list[str]]) -> str:
    """The class a violation's test case is named by: the class its shape targets when the
    focus node has it, else the focus node's first class in sorted order."""
    classes = located.classes(v.focus)
    for target in checked.get(v.shape or "", []):
        if target in classes:
            return target
    return classes[0] if classes else UNTYPED


def to_junit(result: ValidationResult, shapes: Graph, located: Located, name: str) -> str:
    """A JUnit XML report: one test case per (class, shape), each result a <failure>.

    Why this grain: a shape checked on a class is what a curator fixes at once, and listing
    every such pair the shapes define gives a conforming graph a report of passing cases
    rather than an empty one. `tests` counts cases and `failures` failing cases, as JUnit does.
    """
    checked = shape_classes(shapes)
    cases: dict[tuple[str, str], list[Violation]] = {
        (target, shape): [] for shape, targets in checked.items() for target in targets}
    for v in result.violations:
        cases.setdefault((_case_class(v, located, checked), v.shape or "(shape)"), []).append(v)
    failing = sum(1 for items in cases.values() if items)
    counts = {"tests": str(len(cases)), "failures": str(failing), "errors": "0"}
    root = ET.Element("testsuites", {"name": "kg validate", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": name, **counts, "skipped": "0"})
    for (target, shape), items in sorted(cases.items()):
        case = ET.SubElement(suite, "testcase", {"classname": target, "name": shape})
        for v in items:
            failure = ET.SubElement(case, "failure", {"message": v.message, "type": v.constraint or v.severity})
            failure.text = "\n".join([
                f"severity: {v.severity}", f"focus: {v.focus}", f"path: {v.path or '(node)'}",
                f"value: {v.value if v.value is not None else '(none)'}", f"message: {v.message}"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped as GitHub's toolkit does (escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(result: ValidationResult, located: Located) -> str:
    """One GitHub workflow command per result (`::error` for a violation, `::warning` and
    `::notice` for the lower severities), at the release's source file and line; nothing
    when the graph conforms without results."""
    lines = []
    for v in result.violations:
        file, line = located.where(v.focus)
        title = f"{v.path or '(node)'} ({v.constraint or v.severity})"
        value = f", value: {v.value}" if v.value is not None else ""
        message = f"{v.message} (focus: {v.focus}{value}; shape: {v.shape or '(shape)'})"
        command = SEVERITY_COMMAND.get(v.severity, "error")
        lines.append(f"::{command} file={escape_property(file)},line={line},"
                     f"title={escape_property(title)}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
