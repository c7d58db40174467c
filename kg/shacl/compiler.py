"""Reading a shapes graph into compiled shapes, refusing any feature kg.shacl lacks.

Why: a shapes graph is read once per build and the result used for every release graph;
everything that can be decided from the shapes alone (paths, counts, tests, the wording
of generic messages) is decided here. An unknown sh: term is an error, never ignored.
"""
from __future__ import annotations

from collections.abc import Callable

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.shacl.constraints import focus_checks, value_tests
from kg.shacl.report import data_string, report_namespaces
from kg.shacl.shape import Check, Shape
from kg.shacl.vocabulary import (
    ALLOWED_SEVERITIES,
    COMPONENT,
    SUPPORTED_PREDICATES,
    SUPPORTED_TYPES,
    TARGETS,
    WHOLE_INTEGERS,
    Term,
    UnsupportedShapesError,
)

# _short is how kg.validation writes prefixed names; sharing it keeps both reports identical.
from kg.validation import _short


def _as_term(node: Node) -> Term:
    """A shapes-graph node as a term (rdflib types it as any Node: an N3 formula or variable too)."""
    if isinstance(node, (URIRef, BNode, Literal)):
        return node
    raise UnsupportedShapesError(f"a node that is not an IRI, a blank node or a literal ({node!r})")


class Compiler:
    """Reads a shapes graph into `Shape` objects, refusing what it does not support."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.nm = report_namespaces(graph)
        self.compiled: dict[Term, Shape] = {}
        self.stack: list[Term] = []

    def fail(self, node: Node | None, what: str) -> UnsupportedShapesError:
        where = f" (shape {self.name(node)})" if node is not None else ""
        return UnsupportedShapesError(f"{what}{where}")

    def name(self, node: Node | None) -> str:
        if node is None:
            return "?"
        if isinstance(node, URIRef):
            return _short(self.nm, str(node)) or str(node)
        return "a blank node"  # its name differs from one parse to the next

    def short(self, node: Node) -> str:
        return _short(self.nm, str(node)) or str(node)

    def check_vocabulary(self) -> None:
        """Every sh: term the graph uses must be one the engine implements: all that are not
        are named in one error, in a stable order."""
        g, found = self.g, set()
        for s, p, o in g:
            if isinstance(p, URIRef) and str(p).startswith(str(SH)) and p not in SUPPORTED_PREDICATES:
                found.add((self.short(p), self.name(s)))
            if p == RDF.type and isinstance(o, URIRef) and str(o).startswith(str(SH)) \
                    and o not in SUPPORTED_TYPES:
                found.add((f"a node of type {self.short(o)}", self.name(s)))
        for shape in self.shape_nodes():
            for cls in (RDFS.Class, OWL.Class):
                if (shape, RDF.type, cls) in g:
                    found.add((f"an implicit class target (a shape typed {self.short(cls)})",
                               self.name(shape)))
        if found:
            what = "; ".join(f"{term} (on {node})" for term, node in sorted(found))
            raise UnsupportedShapesError(what)

    def shape_nodes(self) -> set[Term]:
        g = self.g
        nodes = {_as_term(s) for kind in (SH.NodeShape, SH.PropertyShape) for s in g.subjects(RDF.type, kind)}
        for p in TARGETS | {SH.path}:
            nodes |= {_as_term(s) for s in g.subjects(p, None)}
        nodes |= set(self.objects(None, SH.property))
        for lst in self.objects(None, SH["or"]):
            nodes |= set(self.items(None, lst))
        return nodes

    def objects(self, node: Term | None, p: URIRef) -> list[Term]:
        """The values of `p` on `node` (on any node when None), in string order."""
        return sorted((_as_term(o) for o in self.g.objects(node, p)), key=str)

    def items(self, shape: Term | None, lst: Term) -> list[Term]:
        if lst != RDF.nil and (lst, RDF.first, None) not in self.g:
            raise self.fail(shape, "a list parameter that is not an RDF list")
        return [_as_term(m) for m in Collection(self.g, lst)]

    def one(self, shape: Term, p: URIRef) -> Term | None:
        values = self.objects(shape, p)
        if len(values) > 1:
            raise self.fail(shape, f"{len(values)} values of {self.short(p)} on one shape")
        return values[0] if values else None

    def integer(self, shape: Term, p: URIRef) -> int | None:
        value = self.one(shape, p)
        if value is None:
            return None
        if not (isinstance(value, Literal) and value.datatype in WHOLE_INTEGERS
                and not value.ill_typed and value.value >= 0):
            raise self.fail(shape, f"{self.short(p)} {value!r} (not a whole number >= 0)")
        return int(value.value)

    def compile_all(self) -> list[Shape]:
        self.check_vocabulary()
        tops = []
        for node in sorted(self.shape_nodes(), key=lambda n: (isinstance(n, BNode), str(n))):
            shape = self.shape(node)
            if shape.targets_class or shape.targets_objects:
                tops.append(shape)
        return tops

    def shape(self, node: Term) -> Shape:
        done = self.compiled.get(node)
        if done is not None:
            return done
        if node in self.stack:
            raise self.fail(node, "a recursive shape (a shape that refers back to itself)")
        self.stack.append(node)
        try:
            shape = self._compile(node)
        finally:
            self.stack.pop()
        self.compiled[node] = shape
        return shape

    def _compile(self, node: Term) -> Shape:
        g = self.g
        shape = Shape(node)
        shape.short = _short(self.nm, str(node)) or str(node)
        severity = self.one(node, SH.severity)
        shape.severity = severity if severity is not None else SH.Violation
        shape.allowed = shape.severity in ALLOWED_SEVERITIES
        deactivated = self.one(node, SH.deactivated)
        if deactivated is not None:
            if not isinstance(deactivated, Literal):
                raise self.fail(node, "sh:deactivated that is not a literal")
            shape.deactivated = bool(deactivated.value)
        messages = sorted(g.objects(node, SH.message), key=str)
        shape.message = str(messages[0]) if messages else None
        shape.targets_class = self.objects(node, SH.targetClass)
        shape.targets_objects = self.objects(node, SH.targetObjectsOf)
        self._path(shape)
        self._cardinality(shape)
        value_tests(self, shape)
        focus_checks(self, shape)
        for prop in self.objects(node, SH.property):
            compiled = self.shape(prop)
            if compiled.pred is None:
                raise self.fail(prop, "sh:property pointing at a shape without sh:path")
            shape.props.append(compiled)
        if (node, RDF.type, SH.PropertyShape) in g and shape.pred is None:
            raise self.fail(node, "a sh:PropertyShape without sh:path")
        return shape

    def _path(self, shape: Shape) -> None:
        path = self.one(shape.node, SH.path)
        if path is None:
            return
        if isinstance(path, URIRef):
            shape.pred, shape.pred_key = path, str(path)
            shape.path_short = _short(self.nm, str(path))
            shape.path_text = self.sg_string(path)
            return
        if isinstance(path, BNode):
            pairs = list(self.g.predicate_objects(path))
            if len(pairs) == 1 and pairs[0][0] == SH.inversePath and isinstance(pairs[0][1], URIRef):
                shape.pred, shape.pred_key, shape.inverse = pairs[0][1], str(pairs[0][1]), True
                shape.path_short = "^" + (_short(self.nm, str(pairs[0][1])) or "")
                shape.path_text = self.sg_string(path)
                return
        raise self.fail(shape.node, "a property path other than an IRI or [ sh:inversePath <IRI> ]")

    def sg_string(self, node: Term) -> str:
        """A shapes-graph node as pySHACL prints it in its generic messages."""
        from pyshacl.rdfutil.stringify import stringify_node
        return stringify_node(self.g, node)

    def check(self, name: str, generic: Callable[[Term, Term | None], str]) -> Check:
        component = COMPONENT[name]
        return Check(component, _short(self.nm, str(component)) or str(component), generic)

    def _cardinality(self, shape: Shape) -> None:
        node = shape.node
        path = shape.path_text
        min_count = self.integer(node, SH.minCount)
        if min_count:
            shape.min_count = min_count
            shape.min_check = self.check("MinCount", lambda f, v: (
                f"Less than {min_count} values on {data_string(f)}->{path}" if path
                else f"Less than {min_count} values on {data_string(f)}"))
        max_count = self.integer(node, SH.maxCount)
        if max_count is not None:
            shape.max_count = max_count
            shape.max_check = self.check("MaxCount", lambda f, v: (
                f"More than {max_count} values on {data_string(f)}->{path}" if path
                else f"More than {max_count} values on {data_string(f)}"))
