"""A fast SHACL Core validator for opgraph's shapes, kept in agreement with pySHACL.

Why: pySHACL is the reference engine (`kg.validation`), but it costs ~5 ms for even a
small graph and ~1.3 s for 12k triples; a build validates ~100,000 release graphs of
~500 triples each. This module compiles a shapes graph once into plain Python checks
over dict indexes of the triples, with no rdflib Graph in the hot path, and is
20-100x faster. It implements exactly the SHACL Core features the shapes use, with
pySHACL's behaviour where SHACL leaves room (the datatype check rejects literals whose
lexical form is not valid for their datatype, as rdflib parses it; value comparisons
use rdflib's ordering as pySHACL does; `allow_warnings` as `kg.validation` runs it).
A shapes graph using any other feature is refused when compiled
(`UnsupportedShapesError`), so a future shape is never silently ignored.
`tests/test_shacl.py` checks that both engines report the same violations on every
shape test case, on a built graph and on broken variants of it: it keeps them honest.

Supported: targets sh:targetClass (following rdfs:subClassOf triples of the data, as
pySHACL does without inference) and sh:targetObjectsOf; node and property shapes; paths
that are an IRI or [ sh:inversePath IRI ]; sh:minCount, sh:maxCount, sh:datatype,
sh:nodeKind, sh:class, sh:pattern, sh:minLength, sh:minInclusive, sh:maxInclusive,
sh:in, sh:hasValue, sh:or, sh:lessThanOrEquals, sh:property; sh:message, sh:severity
(default sh:Violation), sh:deactivated; sh:name, sh:description, sh:order, sh:group and
sh:defaultValue are read as documentation.

Data and background: `validate_triples(shapes, data, background)` takes the focus nodes
from `data` alone (a target's rdf:type or sh:targetObjectsOf triple must be in `data`),
while property values, types and subclass links are looked up in data and background
together. A release graph is validated with the shared reference graph as background:
its agencies' labels are found, but the reference graph's own nodes are not re-checked
with every release. With no background this is validating `data` as one graph.

Messages: a shape's sh:message (the first in string order if it has several, where pySHACL
picks any); without one, pySHACL's generic wording, data nodes written with rdflib's
default prefixes (pySHACL uses the data graph's) and blank nodes by id.

Modules: this one compiles shapes (`Shapes`) and validates (`validate_triples`);
`compiler` reads a shapes graph, `constraints` turns each constraint into tests, whose
pySHACL semantics are in `values`; `shape` runs a compiled shape on a focus node over the
dict indexes of `index`; `report` words the results; `vocabulary` lists what is supported.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import SH

from kg.shacl.compiler import Compiler
from kg.shacl.index import Context, TripleIndex, predicate_roles, term_key
from kg.shacl.report import CONFORMING_REPORT, report, violation
from kg.shacl.shape import Result, Shape, run
from kg.shacl.vocabulary import Term, Triple, UnsupportedShapesError
from kg.validation import ValidationResult, load_shapes

__all__ = ["Shapes", "TripleIndex", "UnsupportedShapesError", "validate_triples", "default_shapes"]


class Shapes:
    """A shapes graph compiled once into checks; reuse it for every validation.

    Pickling sends the shapes graph as N-Triples (with its prefixes) and compiles it again
    on the other side, which takes milliseconds; forked workers simply inherit it.
    """

    _counter = 0

    def __init__(self, graph: Graph) -> None:
        """Compile `graph`; raises UnsupportedShapesError for a feature kg.shacl lacks."""
        self.graph = graph
        compiler = Compiler(graph)
        self._shapes = compiler.compile_all()
        self._all = list(compiler.compiled.values())
        Shapes._counter += 1
        self._id = Shapes._counter
        self._by_class: dict[Any, list[Shape]] = {}
        self._by_objects_of: dict[str, list[Shape]] = {}
        for shape in self._shapes:
            for cls in shape.targets_class:
                self._by_class.setdefault(term_key(cls), []).append(shape)
            for objects_of in shape.targets_objects:
                self._by_objects_of.setdefault(str(objects_of), []).append(shape)
        self._roles = predicate_roles(
            self._all, compiler.g.objects(None, SH.lessThanOrEquals), self._by_objects_of)

    @classmethod
    def from_file(cls, path: Path | None = None) -> Shapes:
        """Compile the packaged shapes, or those of a Turtle file."""
        return cls(load_shapes(path))

    def __reduce__(self) -> tuple[Callable[..., Shapes], tuple[str, list[tuple[str, str]]]]:
        text = self.graph.serialize(format="nt")
        namespaces = [(p, str(n)) for p, n in self.graph.namespaces()]
        return _rebuild, (text, namespaces)

    def index(self, triples: Iterable[Triple]) -> TripleIndex:
        """Index triples once, to pass as the `background` of many validations."""
        return TripleIndex(self, triples)

    def validate(self, data: Iterable[Triple],
                 background: Iterable[Triple] | TripleIndex | None = None) -> ValidationResult:
        """Same as `validate_triples(self, data, background)`."""
        return validate_triples(self, data, background)


def _rebuild(text: str, namespaces: list[tuple[str, str]]) -> Shapes:
    graph = Graph()
    for prefix, namespace in namespaces:
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.parse(data=text, format="nt")
    return Shapes(graph)


@cache
def default_shapes() -> Shapes:
    """The packaged shapes, compiled once per process."""
    return Shapes.from_file()


def _focus_nodes(shapes: Shapes, data: TripleIndex, ctx: Context) -> Iterator[tuple[Shape, Term, Any]]:
    """(shape, focus node, its key): targets selected by triples of `data` only."""
    by_class = shapes._by_class
    seen: set[tuple[int, Any]] = set()
    if by_class:
        for s, ks, t in data.types:
            kt = term_key(t)
            for cls in (ctx.superclasses(kt) if ctx.subclass else (kt,)):
                targeted = by_class.get(cls)
                if targeted is not None:
                    for shape in targeted:
                        mark = (id(shape), ks)
                        if mark not in seen:
                            seen.add(mark)
                            yield shape, s, ks
    for pred, objects in data.tobj.items():
        for shape in shapes._by_objects_of[pred]:
            for o in objects:
                ko = term_key(o)
                mark = (id(shape), ko)
                if mark not in seen:
                    seen.add(mark)
                    yield shape, o, ko


def validate_triples(shapes: Shapes, data: Iterable[Triple],
                     background: Iterable[Triple] | TripleIndex | None = None) -> ValidationResult:
    """Validate `data` (an iterable of (s, p, o) rdflib terms, or a Graph or Dataset) against
    `shapes`. Focus nodes come from `data` only; values, types and subclass links from `data`
    and `background` together (pass `shapes.index(triples)` to reuse a background).

    The result has `kg.validation.validate`'s form; `report_turtle` is a SHACL validation
    report in Turtle (sh:ValidationReport with one sh:ValidationResult per violation,
    written directly rather than through rdflib)."""
    index = TripleIndex(shapes, data)
    if background is not None and not isinstance(background, TripleIndex):
        background = TripleIndex(shapes, background)
    if background is not None and background.shapes_id != shapes._id:
        raise ValueError("the background was indexed for other shapes; use shapes.index(triples)")
    ctx = Context(index, background)
    out: list[Result] = []
    nonconformant = False
    for shape, focus, key in _focus_nodes(shapes, index, ctx):
        if run(shape, focus, key, ctx, out):
            nonconformant = True
    if not out:
        return ValidationResult(True, (), CONFORMING_REPORT)
    violations = sorted((violation(r) for r in out), key=lambda v: (
        v.severity, v.path or "", v.message, v.focus, v.value or "", v.constraint or "", v.shape or ""))
    return ValidationResult(not nonconformant, tuple(violations), report(not nonconformant, out))

