"""SHACL validation of a built graph, with one result object for the CLI and the API.

Why: a bad extraction must never reach the triplestore. pySHACL is the reference
engine; this module turns its report into plain records (focus node, path,
message, value) that people can read grouped and machines can read as JSON.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import ValidationRunError
from kg.resources import shapes_path

GRAPH_FORMATS = {
    ".nq": "nquads",
    ".trig": "trig",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
}
QUAD_FORMATS = {"nquads", "trig", "json-ld"}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which constraint, and with what value."""

    severity: str
    focus: str
    path: str | None
    message: str
    value: str | None
    shape: str | None
    constraint: str | None


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating one graph against the shapes."""

    conforms: bool
    violations: tuple[Violation, ...]
    report_turtle: str

    @property
    def exit_code(self) -> int:
        """0 when the graph conforms, 1 when it has violations (the CLI's contract)."""
        return 0 if self.conforms else 1

    def groups(self) -> dict[tuple[str, str | None, str], list[Violation]]:
        """Violations grouped by (severity, path, message), in a stable order."""
        grouped: dict[tuple[str, str | None, str], list[Violation]] = defaultdict(list)
        for v in self.violations:
            grouped[(v.severity, v.path, v.message)].append(v)
        return dict(sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])))

    def to_text(self) -> str:
        """A readable report: one block per kind of violation, each listing its nodes."""
        if self.conforms:
            return "Conforms: yes (0 violations)"
        lines = [f"Conforms: no ({len(self.violations)} violations in {len(self.groups())} groups)"]
        for (severity, path, message), items in self.groups().items():
            lines.append(f"\n{severity}: {path or '(node)'}: {message} ({len(items)})")
            for v in items:
                value = f"  value: {v.value}" if v.value is not None else ""
                check = f"  ({v.constraint})" if v.constraint else ""
                lines.append(f"  focus: {v.focus}{value}{check}")
        return "\n".join(lines)

    def to_json(self) -> str:
        """The result as JSON: {"conforms": bool, "violations": [...]}, keys sorted."""
        payload = {"conforms": self.conforms, "violations": [asdict(v) for v in self.violations]}
        return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False)


def union_graph(data: Graph | Dataset) -> Graph:
    """All triples of every graph in a dataset as one graph (what the shapes see)."""
    if not isinstance(data, Dataset):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def load_graph(path: Path) -> Graph:
    """Read a graph file (format from its extension) into one union graph."""
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidationRunError(
            f"{path}: unknown graph format; use one of {', '.join(sorted(GRAPH_FORMATS))}")
    if not path.is_file():
        raise ValidationRunError(f"{path}: no such file")
    try:
        if fmt in QUAD_FORMATS:
            ds = Dataset()
            ds.parse(path, format=fmt)
            return union_graph(ds)
        graph = Graph()
        graph.parse(path, format=fmt)
        return graph
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise ValidationRunError(f"{path}: cannot parse as {fmt}: {parse_error(exc)}") from exc


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph: the packaged shapes unless a file is given."""
    path = path or shapes_path()
    shapes = Graph(bind_namespaces="core")  # the file's own prefixes (schema: is http:, as the ontology has it)
    try:
        shapes.parse(path, format="turtle")
    except Exception as exc:
        raise ValidationRunError(f"{path}: cannot read shapes: {parse_error(exc)}") from exc
    return shapes


def parse_error(exc: Exception) -> str:
    """A parser's complaint as one line with its position ("line 3, column 7: expected ...").

    Why: rdflib's Turtle parser reports three lines (position, reason, a quoted excerpt with
    a caret) that a CI log or `Error:` line cannot hold; its BadSyntax keeps the parts
    (private attributes, read with a fallback to the whole message).
    """
    why, text, at = getattr(exc, "_why", None), getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(exc, BadSyntax) and why and isinstance(text, bytes) and isinstance(at, int):
        column = at - text.rfind(b"\n", 0, at)
        return f"line {exc.lines + 1}, column {column}: {why}"
    message = " ".join(str(exc).split())
    return message if len(message) <= 300 else message[:297] + "..."


def _text(graph: Graph, node, prop) -> str | None:
    value = graph.value(node, prop)
    return None if value is None else str(value)


def _path(report: Graph, result) -> str | None:
    """A result's path as people write it: 'opg:count', or '^opg:reports' for an inverse path."""
    path = report.value(result, SH.resultPath)
    if path is None:
        return None
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (_short(report, str(inverse)) or "")
    return _short(report, str(path))


def _short(graph: Graph, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return graph.namespace_manager.normalizeUri(URIRef(value)) if "://" in value else value
    except Exception:
        return value


def validate(data: Graph | Dataset, shapes: Graph | None = None) -> ValidationResult:
    """Validate a graph (or the union of a dataset's graphs) against SHACL shapes."""
    shapes = shapes if shapes is not None else load_shapes()
    try:
        conforms, report, _ = shacl_validate(
            union_graph(data), shacl_graph=shapes, inference="none", advanced=False,
            allow_warnings=True)
    except Exception as exc:
        raise ValidationRunError(f"SHACL validation could not run: {exc}") from exc
    for prefix, namespace in shapes.namespaces():
        report.bind(prefix, namespace, override=False, replace=True)
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = _text(report, result, SH.resultSeverity) or ""
        violations.append(Violation(
            severity=severity.rsplit("#", 1)[-1],
            focus=_text(report, result, SH.focusNode) or "",
            path=_path(report, result),
            message=_text(report, result, SH.resultMessage) or "",
            value=_text(report, result, SH.value),
            shape=_short(report, _text(report, result, SH.sourceShape)),
            constraint=_short(report, _text(report, result, SH.sourceConstraintComponent)),
        ))
    violations.sort(key=lambda v: (v.severity, v.path or "", v.message, v.focus, v.value or "",
                                   v.constraint or "", v.shape or ""))
    return ValidationResult(bool(conforms), tuple(violations),
                            report.serialize(format="turtle"))


def validate_file(paths: Path | list[Path], shapes_file: Path | None = None) -> ValidationResult:
    """Validate a graph file (or the union of several: a build's graph.nq and evidence.nq)
    against the packaged shapes or `shapes_file`."""
    files = paths if isinstance(paths, list) else [paths]
    graph = load_graph(files[0])
    for path in files[1:]:
        graph += load_graph(path)
    return validate(graph, load_shapes(shapes_file))
