"""What a validation says: violations, the Turtle report, and data nodes as pySHACL writes them.

Why: kg.shacl's results must read exactly like kg.validation's (pySHACL's): the same
generic messages, the same prefixed names; the report is written as text directly, which
is much faster than building a report graph with rdflib and serializing it.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.shacl.shape import Result
from kg.shacl.vocabulary import Term
from kg.validation import Violation


@cache
def _default_namespaces() -> Any:
    """rdflib's default prefixes, with which generic messages write data nodes."""
    return Graph().namespace_manager


def data_string(node: Term | None) -> str:
    """A data node as pySHACL prints it in a generic message (approximately: with rdflib's
    default prefixes, where pySHACL uses the data graph's, and blank nodes by id)."""
    if node is None:
        return "None"
    from pyshacl.rdfutil.stringify import stringify_literal
    nm = _default_namespaces()
    if isinstance(node, Literal):
        return stringify_literal(Graph(), node, ns_manager=nm)
    if isinstance(node, URIRef):
        try:
            return node.n3(namespace_manager=nm)
        except Exception:
            return str(node)
    return str(node)


def report_namespaces(shapes: Graph) -> Graph:
    """A graph bound like the report `kg.validation` reads, for prefixed names identical to it."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in shapes.namespace_manager.namespaces():
        graph.namespace_manager.bind(prefix, namespace)
    graph.bind("sh", SH, override=False)
    for prefix, namespace in shapes.namespaces():
        graph.bind(prefix, namespace, override=False, replace=True)
    return graph


def violation(result: Result) -> Violation:
    """A result as kg.validation reports it: the shape's sh:message, else pySHACL's generic one."""
    shape, check, focus, value = result
    message = shape.message if shape.message is not None else check.generic(focus, value)
    return Violation(
        severity=str(shape.severity).rsplit("#", 1)[-1],
        focus=str(focus),
        path=shape.path_short,
        message=message,
        value=None if value is None else str(value),
        shape=shape.short,
        constraint=check.short,
    )


_PREFIXES = ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
             "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n")
CONFORMING_REPORT = _PREFIXES + "[] a sh:ValidationReport ;\n    sh:conforms true .\n"


def report(conforms: bool, results: list[Result]) -> str:
    """The SHACL validation report in Turtle: one sh:ValidationResult per result, in order."""
    lines = [_PREFIXES, "[] a sh:ValidationReport ;\n",
             f"    sh:conforms {'true' if conforms else 'false'}"]
    for shape, check, focus, value in results:
        message = shape.message if shape.message is not None else check.generic(focus, value)
        parts = [
            "a sh:ValidationResult",
            f"sh:focusNode {focus.n3()}",
            f"sh:resultSeverity {shape.severity.n3()}",
            f"sh:sourceConstraintComponent {check.component.n3()}",
            f"sh:sourceShape {shape.node.n3()}",
            f"sh:resultMessage {Literal(message).n3()}",
        ]
        if shape.pred is not None:
            path = f"[ sh:inversePath {shape.pred.n3()} ]" if shape.inverse else shape.pred.n3()
            parts.append(f"sh:resultPath {path}")
        if value is not None:
            parts.append(f"sh:value {value.n3()}")
        lines.append(" ;\n    sh:result [ " + " ;\n        ".join(parts) + " ]")
    lines.append(" .\n")
    return "".join(lines)
