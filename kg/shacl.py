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
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import _NUMERIC_LITERAL_TYPES as _rdflib_numeric

from kg.errors import ValidationRunError

# _short is how kg.validation writes prefixed names; sharing it keeps both reports identical.
from kg.validation import ValidationResult, Violation, _short, load_shapes

Term = URIRef | BNode | Literal
Triple = tuple[Term, Term, Term]

__all__ = ["Shapes", "TripleIndex", "UnsupportedShapesError", "validate_triples", "default_shapes"]


class UnsupportedShapesError(ValidationRunError):
    """The shapes graph uses a SHACL feature this engine does not implement (or is malformed)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"shapes use {what}, which kg.shacl does not support; validate with "
                         "kg.validation (pySHACL) or extend kg.shacl and its agreement tests")
        self.what = what


# -- what the engine understands --------------------------------------------------------

TARGETS = {SH.targetClass, SH.targetObjectsOf}
PARAMETERS = {SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["class"], SH.pattern,
              SH.minLength, SH.minInclusive, SH.maxInclusive, SH["in"], SH.hasValue, SH["or"],
              SH.lessThanOrEquals, SH.property}
SHAPE_INFO = {SH.path, SH.message, SH.severity, SH.deactivated}
DOCUMENTATION = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue}
SUPPORTED_PREDICATES = TARGETS | PARAMETERS | SHAPE_INFO | DOCUMENTATION | {SH.inversePath}
SUPPORTED_TYPES = {SH.NodeShape, SH.PropertyShape, SH.PropertyGroup}
NODE_KINDS = {
    SH.IRI: "I", SH.BlankNode: "B", SH.Literal: "L", SH.BlankNodeOrIRI: "BI",
    SH.BlankNodeOrLiteral: "BL", SH.IRIOrLiteral: "IL",
}
ALLOWED_SEVERITIES = {SH.Info, SH.Warning}  # kg.validation runs pySHACL with allow_warnings=True
WHOLE_INTEGERS = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger,
                  XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong,
                  XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}
# pySHACL checks the Python value of these datatypes as well as rdflib's ill_typed flag.
PY_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: _dt.date,
    XSD.time: _dt.time, XSD.dateTime: _dt.datetime,
}
COMPONENT = {name: SH[name + "ConstraintComponent"] for name in (
    "MinCount", "MaxCount", "Datatype", "NodeKind", "Class", "Pattern", "MinLength",
    "MinInclusive", "MaxInclusive", "In", "HasValue", "Or", "LessThanOrEquals")}


# -- indexes of triples -----------------------------------------------------------------

_FWD, _INV, _TOBJ, _SUB, _TYPE = 1, 2, 4, 8, 16
_RDF_TYPE = str(RDF.type)
_SUBCLASS = str(RDFS.subClassOf)


def _key(term: Term) -> Any:
    """The dict key of a term: a plain str for an IRI, "_:id" for a blank node, the Literal
    itself for a literal. rdflib terms compare in Python code; plain strings compare in C,
    which makes every look-up of the hot path several times cheaper."""
    if type(term) is URIRef:
        return str(term)
    if isinstance(term, BNode):
        return "_:" + term
    if isinstance(term, URIRef):
        return str(term)
    return term


class TripleIndex:
    """Triples indexed for the shapes they were indexed for: subject -> predicate -> objects
    (only for predicates the shapes read), object -> predicate -> subjects (only for
    inverse paths), the rdf:type triples and the objects of sh:targetObjectsOf predicates.
    Build it with `Shapes.index(triples)` to reuse a background (the reference graph)
    across validations."""

    __slots__ = ("spo", "ops", "tobj", "types", "has_subclass", "shapes_id")

    def __init__(self, shapes: Shapes, triples: Iterable[Triple]) -> None:
        roles = shapes._roles
        spo: dict[Any, dict[str, list[Term]]] = {}
        ops: dict[Any, dict[str, list[Term]]] = {}
        tobj: dict[str, list[Term]] = {}
        types: list[tuple[Term, Any, Term]] = []
        multi: list[list[Term]] = []
        has_subclass = False
        for s, p, o in _triples(triples):
            kp = str(p)
            r = roles.get(kp)
            if r is None:
                continue
            if r & _FWD:
                ks = str(s) if type(s) is URIRef else _key(s)
                ps = spo.get(ks)
                if ps is None:
                    spo[ks] = {kp: [o]}
                else:
                    values = ps.get(kp)
                    if values is None:
                        ps[kp] = [o]
                    else:
                        values.append(o)
                        multi.append(values)
                if r & _TYPE:
                    types.append((s, ks, o))
            if r & _INV:
                ko = str(o) if type(o) is URIRef else _key(o)
                ps = ops.get(ko)
                if ps is None:
                    ops[ko] = {kp: [s]}
                else:
                    values = ps.get(kp)
                    if values is None:
                        ps[kp] = [s]
                    else:
                        values.append(s)
                        multi.append(values)
            if r & _TOBJ:
                tobj.setdefault(kp, []).append(o)
            if r & _SUB:
                has_subclass = True
        for values in multi:  # a triple given twice (in two named graphs) counts once
            if len(values) > 1:
                values[:] = dict.fromkeys(values)
        self.spo, self.ops, self.tobj, self.types = spo, ops, tobj, types
        self.has_subclass = has_subclass
        self.shapes_id = shapes._id


def _triples(data: Any) -> Iterable[Triple]:
    """Triples of an iterable of triples, a Graph, or the union of a Dataset's graphs."""
    quads = getattr(data, "quads", None)
    if quads is not None and getattr(data, "context_aware", False):
        return ((s, p, o) for s, p, o, _ in quads((None, None, None, None)))
    return data


class _Context:
    """Look-ups in data and background together, during one validation."""

    __slots__ = ("spo", "ops", "bspo", "bops", "subclass", "supers", "type_memo")

    def __init__(self, data: TripleIndex, background: TripleIndex | None) -> None:
        self.spo, self.ops = data.spo, data.ops
        self.bspo = background.spo if background is not None else None
        self.bops = background.ops if background is not None else None
        self.subclass = data.has_subclass or (background is not None and background.has_subclass)
        self.supers: dict[Any, frozenset] = {}
        self.type_memo: dict[Any, frozenset] = {}

    def objects(self, key: Any, pred: str) -> list[Term] | tuple:
        """Objects of (node, pred) in data and background, each once; `key` is `_key(node)`."""
        d = self.spo.get(key)
        dv = d.get(pred) if d is not None else None
        if self.bspo is None:
            return () if dv is None else dv
        b = self.bspo.get(key)
        bv = b.get(pred) if b is not None else None
        if bv is None:
            return () if dv is None else dv
        if dv is None:
            return bv
        return list(dict.fromkeys(dv + bv))

    def subjects(self, pred: str, key: Any) -> list[Term] | tuple:
        """Subjects of (?, pred, node) in data and background (inverse paths only)."""
        d = self.ops.get(key)
        dv = d.get(pred) if d is not None else None
        if self.bops is None:
            return () if dv is None else dv
        b = self.bops.get(key)
        bv = b.get(pred) if b is not None else None
        if bv is None:
            return () if dv is None else dv
        if dv is None:
            return bv
        return list(dict.fromkeys(dv + bv))

    def superclasses(self, cls: Any) -> frozenset:
        """Keys of the class `cls` (a key) and of every class it is an rdfs:subClassOf, transitively."""
        found = self.supers.get(cls)
        if found is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for parent in self.objects(todo.pop(), _SUBCLASS):
                    k = _key(parent)
                    if k not in seen:
                        seen.add(k)
                        todo.append(k)
            self.supers[cls] = found = frozenset(seen)
        return found

    def types(self, key: Any) -> frozenset:
        """Keys of the classes a node (by key) is a SHACL instance of: its rdf:type values and,
        when there are rdfs:subClassOf triples, their superclasses (pySHACL's sh:class test)."""
        found = self.type_memo.get(key)
        if found is None:
            keys = {_key(t) for t in self.objects(key, _RDF_TYPE)}
            if self.subclass:
                keys = set().union(*(self.superclasses(k) for k in keys)) if keys else keys
            self.type_memo[key] = found = frozenset(keys)
        return found


# -- compiled shapes --------------------------------------------------------------------

@dataclass(eq=False)
class _Check:
    """One constraint of a shape: its component, and pySHACL's message when the shape has none."""

    component: URIRef
    short: str
    generic: Callable[[Term, Term | None], str]


_ValueTest = Callable[[Term, _Context], bool]


class _Shape:
    """A node or property shape compiled into tests on value nodes."""

    __slots__ = ("node", "short", "severity", "allowed", "deactivated", "message", "pred",
                 "pred_key", "inverse", "path_short", "path_text", "min_count", "max_count",
                 "min_check", "max_check", "tests", "focus_checks", "props", "targets_class",
                 "targets_objects")

    def __init__(self, node: Term) -> None:
        self.node = node
        self.short = ""
        self.severity: Term = SH.Violation
        self.allowed = False
        self.deactivated = False
        self.message: str | None = None
        self.pred: URIRef | None = None
        self.pred_key: str | None = None
        self.inverse = False
        self.path_short: str | None = None
        self.path_text = ""
        self.min_count = 0
        self.max_count = 1 << 62
        self.min_check: _Check | None = None
        self.max_check: _Check | None = None
        self.tests: list[tuple[_ValueTest, _Check]] = []
        self.focus_checks: list[Callable[[_Shape, Term, Any, Any, _Context, list], None]] = []
        self.props: list[_Shape] = []
        self.targets_class: list[Term] = []
        self.targets_objects: list[Term] = []


_Result = tuple[_Shape, _Check, Term, Term | None]


def _run(shape: _Shape, focus: Term, key: Any, ctx: _Context, out: list[_Result]) -> bool:
    """Check `focus` (whose index key is `key`) against `shape`, appending results to `out`;
    True when pySHACL would call the shape non-conformant (a result of a severity that
    kg.validation does not allow: anything but sh:Info and sh:Warning)."""
    if shape.deactivated:
        return False
    start = len(out)
    pred = shape.pred_key
    if pred is None:
        values: Any = (focus,)
    elif shape.inverse:
        values = ctx.subjects(pred, key)
    else:
        values = ctx.objects(key, pred)
    n = len(values)
    if n < shape.min_count and shape.min_check is not None:  # set with min_count
        out.append((shape, shape.min_check, focus, None))
    if n > shape.max_count and shape.max_check is not None:
        out.append((shape, shape.max_check, focus, None))
    if n:
        for test, check in shape.tests:
            for v in values:
                if not test(v, ctx):
                    out.append((shape, check, focus, v))
    for focus_check in shape.focus_checks:
        focus_check(shape, focus, key, values, ctx, out)
    failed = len(out) > start
    if n:
        for prop in shape.props:
            for v in values:
                if _run(prop, v, key if v is focus else _key(v), ctx, out):
                    failed = True
    return failed and not shape.allowed


def _conforms(shape: _Shape, node: Term, ctx: _Context) -> bool:
    return not _run(shape, node, _key(node), ctx, [])


def _iri_is(term: Any, iri: str) -> bool:
    """`term == URIRef(iri)` as rdflib decides it, without rdflib's Python-level __eq__."""
    return type(term) is URIRef and str.__eq__(term, iri)


_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_NUMERIC = frozenset(str(t) for t in _rdflib_numeric)


def _as_string(v: Term) -> str:
    """pySHACL's string form of a value node for sh:pattern and sh:minLength."""
    if isinstance(v, Literal):
        dt = v.datatype
        if v.value is not None and (dt is None or _iri_is(dt, _XSD_STRING) or _iri_is(dt, _LANG_STRING)):
            return str(v.value)
    return str(v)


def _compare_literal(l1: Literal, l2: Literal) -> int:
    """pySHACL's compare_literal: rdflib's value-space ordering."""
    if l1.eq(l2):
        return 0
    if l1.value.__class__ in (_dt.datetime, _dt.time):
        if l1.value == l2.value:
            return 0
        if l1.value > l2.value:
            return 1
    elif l1 > l2:
        return 1
    return -1


def _number(v: Literal) -> Any:
    """The value of a well-typed numeric literal (rdflib's fast path compares these values), else None."""
    dt = v.datatype
    if dt is not None and type(dt) is URIRef and str(dt) in _NUMERIC and not v.ill_typed:
        return v.value
    return None


def _range_test(bound: Literal, accept: Callable[[int], bool]) -> _ValueTest:
    """sh:minInclusive / sh:maxInclusive against `bound`, as pySHACL compares."""
    bound_is_string = isinstance(bound.value, str)
    bound_number = _number(bound)

    def test(v: Term, ctx: _Context) -> bool:
        if not isinstance(v, Literal):
            return False
        if bound_number is not None:
            number = _number(v)
            if number is not None:  # what rdflib's eq and > do for two numbers
                return accept(0 if number == bound_number else 1 if number > bound_number else -1)
        if isinstance(v.value, str) != bound_is_string:
            return False
        try:
            return accept(_compare_literal(v, bound))
        except (TypeError, NotImplementedError):
            return False
    return test


def _datatype_test(rule: URIRef) -> _ValueTest:
    """pySHACL's sh:datatype: same datatype IRI, not ill-typed, and a Python value of the right type."""
    py_type = PY_TYPES.get(rule)
    rule_iri = str(rule)
    is_literal, is_datatype = rule == RDFS.Literal, rule == RDFS.Datatype
    is_string, is_lang_string = rule == XSD.string, rule == RDF.langString

    def actual(v: Literal) -> bool:
        return py_type is None or isinstance(v.value, py_type)

    def test(v: Term, ctx: _Context) -> bool:
        if not isinstance(v, Literal):
            return False
        datatype = v.datatype
        if _iri_is(datatype, rule_iri):
            return v.ill_typed is not True and actual(v)
        if is_literal:
            return True
        if is_datatype and datatype:
            return True
        if datatype is None and v.language is None and is_string:
            return actual(v)
        if is_lang_string and v.language:
            return actual(v)
        return False
    return test


def _kind(v: Term) -> str:
    if type(v) is URIRef:
        return "I"
    if isinstance(v, BNode):
        return "B"
    if isinstance(v, Literal):
        return "L"
    return "I"


def _le(a: Term, b: Term) -> bool:
    """`a <= b` as pySHACL's sh:lessThanOrEquals computes it (rdflib ordering), numbers fast."""
    if isinstance(a, Literal) and isinstance(b, Literal):
        x, y = _number(a), _number(b)
        if x is not None and y is not None:  # rdflib: a < b (not > and not ==), or a == b
            return (not x > y and not x == y) or x == y
    return a <= b


def _term(node: Node) -> Term:
    """A shapes-graph node as a term (rdflib types it as any Node: an N3 formula or variable too)."""
    if isinstance(node, (URIRef, BNode, Literal)):
        return node
    raise UnsupportedShapesError(f"a node that is not an IRI, a blank node or a literal ({node!r})")


class _Compiler:
    """Reads a shapes graph into `_Shape` objects, refusing what it does not support."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.nm = _report_namespaces(graph)
        self.compiled: dict[Term, _Shape] = {}
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
        nodes = {_term(s) for kind in (SH.NodeShape, SH.PropertyShape) for s in g.subjects(RDF.type, kind)}
        for p in TARGETS | {SH.path}:
            nodes |= {_term(s) for s in g.subjects(p, None)}
        nodes |= set(self.objects(None, SH.property))
        for lst in self.objects(None, SH["or"]):
            nodes |= set(self.items(None, lst))
        return nodes

    def objects(self, node: Term | None, p: URIRef) -> list[Term]:
        """The values of `p` on `node` (on any node when None), in string order."""
        return sorted((_term(o) for o in self.g.objects(node, p)), key=str)

    def items(self, shape: Term | None, lst: Term) -> list[Term]:
        if lst != RDF.nil and (lst, RDF.first, None) not in self.g:
            raise self.fail(shape, "a list parameter that is not an RDF list")
        return [_term(m) for m in Collection(self.g, lst)]

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

    def compile_all(self) -> list[_Shape]:
        self.check_vocabulary()
        tops = []
        for node in sorted(self.shape_nodes(), key=lambda n: (isinstance(n, BNode), str(n))):
            shape = self.shape(node)
            if shape.targets_class or shape.targets_objects:
                tops.append(shape)
        return tops

    def shape(self, node: Term) -> _Shape:
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

    def _compile(self, node: Term) -> _Shape:
        g = self.g
        shape = _Shape(node)
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
        self._value_tests(shape)
        self._focus_checks(shape)
        for prop in self.objects(node, SH.property):
            compiled = self.shape(prop)
            if compiled.pred is None:
                raise self.fail(prop, "sh:property pointing at a shape without sh:path")
            shape.props.append(compiled)
        if (node, RDF.type, SH.PropertyShape) in g and shape.pred is None:
            raise self.fail(node, "a sh:PropertyShape without sh:path")
        return shape

    def _path(self, shape: _Shape) -> None:
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

    def check(self, name: str, generic: Callable[[Term, Term | None], str]) -> _Check:
        component = COMPONENT[name]
        return _Check(component, _short(self.nm, str(component)) or str(component), generic)

    def _cardinality(self, shape: _Shape) -> None:
        node = shape.node
        path = shape.path_text
        min_count = self.integer(node, SH.minCount)
        if min_count:
            shape.min_count = min_count
            shape.min_check = self.check("MinCount", lambda f, v: (
                f"Less than {min_count} values on {_data_string(f)}->{path}" if path
                else f"Less than {min_count} values on {_data_string(f)}"))
        max_count = self.integer(node, SH.maxCount)
        if max_count is not None:
            shape.max_count = max_count
            shape.max_check = self.check("MaxCount", lambda f, v: (
                f"More than {max_count} values on {_data_string(f)}->{path}" if path
                else f"More than {max_count} values on {_data_string(f)}"))

    def _value_tests(self, shape: _Shape) -> None:
        node, tests = shape.node, shape.tests
        datatype = self.one(node, SH.datatype)
        if datatype is not None:
            if not isinstance(datatype, URIRef):
                raise self.fail(node, "sh:datatype that is not an IRI")
            text = self.sg_string(datatype)
            tests.append((_datatype_test(datatype),
                          self.check("Datatype", lambda f, v: f"Value is not Literal with datatype {text}")))
        kind = self.one(node, SH.nodeKind)
        if kind is not None:
            if not isinstance(kind, URIRef) or kind not in NODE_KINDS:
                raise self.fail(node, f"sh:nodeKind {kind!r}")
            kinds = NODE_KINDS[kind]
            kind_text = self.sg_string(kind)
            tests.append((lambda v, ctx: _kind(v) in kinds,
                          self.check("NodeKind", lambda f, v: f"Value is not of Node Kind {kind_text}")))
        classes = self.objects(node, SH["class"])
        if classes:
            if len(classes) < 2:
                class_text = f"Value does not have class {self.sg_string(classes[0])}"
            else:
                class_text = "Value class is not in classes ({})".format(
                    ", ".join(self.sg_string(c) for c in classes))
            class_check = self.check("Class", lambda f, v: class_text)
            for cls in classes:
                tests.append((self._class_test(cls), class_check))
        found = self.objects(node, SH.pattern)
        patterns = [p for p in found if isinstance(p, Literal)]
        if len(patterns) < len(found):
            raise self.fail(node, "sh:pattern that is not a literal")
        if patterns:
            if len(patterns) < 2:
                pattern_text = f"Value does not match pattern '{patterns[0].value}'"
            else:
                pattern_text = "Value does not match every pattern in ('{}')".format(
                    "', '".join(str(p.value) for p in patterns))
            pattern_check = self.check("Pattern", lambda f, v: pattern_text)
            for pattern in patterns:
                source = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
                try:
                    regex = re.compile(source)
                except re.error as exc:
                    raise self.fail(node, f"sh:pattern {source!r}, not a valid regular expression ({exc})") from exc
                tests.append((self._pattern_test(regex), pattern_check))
        min_length = self.integer(node, SH.minLength)
        if min_length is not None:
            length_lit = self.one(node, SH.minLength)
            length_text = _data_string(length_lit)
            tests.append((self._min_length_test(min_length),
                          self.check("MinLength", lambda f, v: f"String length not >= {length_text}")))
        for name, p, accept, op in (("MinInclusive", SH.minInclusive, lambda c: c >= 0, ">="),
                                    ("MaxInclusive", SH.maxInclusive, lambda c: c <= 0, "<=")):
            found = self.objects(node, p)
            bounds = [b for b in found if isinstance(b, Literal)]
            if len(bounds) < len(found):
                raise self.fail(node, f"{self.short(p)} that is not a literal")
            if not bounds:
                continue
            if len(bounds) < 2:
                range_text = f"Value is not {op} {self.sg_string(bounds[0])}"
            else:
                range_text = "Value is not {} in ({})".format(
                    op, ", ".join(self.sg_string(b) for b in bounds))
            range_check = self.check(name, partial(lambda t, f, v: t, range_text))
            for bound in bounds:
                tests.append((_range_test(bound, accept), range_check))
        in_list = self.one(node, SH["in"])
        if in_list is not None:
            members = self.items(node, in_list)
            allowed = frozenset(_key(m) for m in members)
            listed = [self.sg_string(m) for m in members]
            tests.append((lambda v, ctx: _key(v) in allowed,
                          self.check("In", lambda f, v: f"Value {_data_string(v)} not in list {listed}")))
        for or_list in self.objects(node, SH["or"]):
            members_nodes = self.items(node, or_list)
            if not members_nodes:
                raise self.fail(node, "an empty sh:or list")
            member_shapes = [self.shape(m) for m in members_nodes]
            or_text = " , ".join(self.sg_string(m) for m in members_nodes)
            tests.append((self._or_test(member_shapes), self.check("Or", partial(lambda t, f, v: (
                f"Node {_data_string(v)} must conform to one or more shapes in {t}"), or_text))))

    @staticmethod
    def _class_test(cls: Term) -> _ValueTest:
        cls_key = _key(cls)

        def test(v: Term, ctx: _Context) -> bool:
            return not isinstance(v, Literal) and cls_key in ctx.types(_key(v))
        return test

    @staticmethod
    def _pattern_test(regex: re.Pattern) -> _ValueTest:
        search = regex.search

        def test(v: Term, ctx: _Context) -> bool:
            return not isinstance(v, BNode) and search(_as_string(v)) is not None
        return test

    @staticmethod
    def _min_length_test(min_length: int) -> _ValueTest:
        def test(v: Term, ctx: _Context) -> bool:
            if min_length == 0:
                return True
            return not isinstance(v, BNode) and len(_as_string(v)) >= min_length
        return test

    @staticmethod
    def _or_test(members: list[_Shape]) -> _ValueTest:
        def simple(m: _Shape) -> bool:  # only value tests on the node itself: no shape to run
            return (m.pred is None and not m.props and not m.focus_checks and not m.deactivated
                    and not m.allowed and m.min_count <= 1 and m.max_count >= 1)
        if all(simple(m) for m in members):
            member_tests = [[t for t, _ in m.tests] for m in members]

            def simple_test(v: Term, ctx: _Context) -> bool:
                return any(all(t(v, ctx) for t in tests) for tests in member_tests)
            return simple_test

        def test(v: Term, ctx: _Context) -> bool:
            return any(_conforms(m, v, ctx) for m in members)
        return test

    def _focus_checks(self, shape: _Shape) -> None:
        node = shape.node
        has_values = self.objects(node, SH.hasValue)
        if has_values:
            the_set = [self.sg_string(h) for h in has_values]
            path = shape.path_text
            check = self.check("HasValue", lambda f, v: (
                f"Node {_data_string(f)}->{path} does not contain a value in the set: {the_set}" if path
                else f"Node {_data_string(f)} value is not a in the set of values: {the_set}"))
            for hv in has_values:
                shape.focus_checks.append(self._has_value(hv, check))
        found = self.objects(node, SH.lessThanOrEquals)
        others = [o for o in found if isinstance(o, URIRef)]
        if found:
            if shape.pred is None:
                raise self.fail(node, "sh:lessThanOrEquals on a node shape")
            if len(others) < len(found):
                raise self.fail(node, "sh:lessThanOrEquals that is not an IRI")
            if len(others) < 2:
                rule = self.sg_string(others[0])
            else:
                rule = ", ".join(self.sg_string(o) for o in others)
            check = self.check("LessThanOrEquals", lambda f, v: (
                f"Value of {_data_string(f)}->{rule} < {_data_string(v)}"))
            for other in others:
                shape.focus_checks.append(self._less_than_or_equals(other, check))

    @staticmethod
    def _has_value(hv: Term, check: _Check):
        def run(shape: _Shape, focus: Term, key: Any, values: Any, ctx: _Context, out: list) -> None:
            if hv not in values:
                out.append((shape, check, focus, None))
        return run

    @staticmethod
    def _less_than_or_equals(other: URIRef, check: _Check):
        def comparable(x: Term) -> tuple[Any, bool]:
            if isinstance(x, BNode):
                raise ValidationRunError(
                    "SHACL validation could not run: Cannot use sh:lessThanOrEquals to compare a BlankNode.")
            if isinstance(x, URIRef):
                return str(x), True
            if isinstance(x, Literal) and isinstance(x.value, str):
                return x.value, True
            return x, False

        other_key = str(other)

        def run(shape: _Shape, focus: Term, key: Any, values: Any, ctx: _Context, out: list) -> None:
            if not values:
                return
            bounds = [comparable(c) for c in ctx.objects(key, other_key)]
            for v in values:
                a, a_is_string = comparable(v)
                for b, b_is_string in bounds:
                    try:
                        fails = a_is_string != b_is_string or not (a <= b if a_is_string else _le(a, b))
                    except TypeError as exc:  # pySHACL does not catch this either
                        raise ValidationRunError(f"SHACL validation could not run: {exc}") from exc
                    if fails:
                        out.append((shape, check, focus, v))
        return run


@cache
def _default_namespaces() -> Any:
    return Graph().namespace_manager


def _data_string(node: Term | None) -> str:
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


def _report_namespaces(shapes: Graph) -> Graph:
    """A graph bound like the report `kg.validation` reads, for prefixed names identical to it."""
    report = Graph(bind_namespaces="core")
    for prefix, namespace in shapes.namespace_manager.namespaces():
        report.namespace_manager.bind(prefix, namespace)
    report.bind("sh", SH, override=False)
    for prefix, namespace in shapes.namespaces():
        report.bind(prefix, namespace, override=False)
    return report


# -- the public face --------------------------------------------------------------------

class Shapes:
    """A shapes graph compiled once into checks; reuse it for every validation.

    Pickling sends the shapes graph as N-Triples (with its prefixes) and compiles it again
    on the other side, which takes milliseconds; forked workers simply inherit it.
    """

    _counter = 0

    def __init__(self, graph: Graph) -> None:
        """Compile `graph`; raises UnsupportedShapesError for a feature kg.shacl lacks."""
        self.graph = graph
        compiler = _Compiler(graph)
        self._shapes = compiler.compile_all()
        self._all = list(compiler.compiled.values())
        Shapes._counter += 1
        self._id = Shapes._counter
        self._by_class: dict[Any, list[_Shape]] = {}
        self._by_objects_of: dict[str, list[_Shape]] = {}
        for shape in self._shapes:
            for cls in shape.targets_class:
                self._by_class.setdefault(_key(cls), []).append(shape)
            for objects_of in shape.targets_objects:
                self._by_objects_of.setdefault(str(objects_of), []).append(shape)
        roles: dict[str, int] = {_RDF_TYPE: _FWD | _TYPE, _SUBCLASS: _FWD | _SUB}
        for shape in self._all:
            if shape.pred_key is not None:
                roles[shape.pred_key] = roles.get(shape.pred_key, 0) | (_INV if shape.inverse else _FWD)
        for p in compiler.g.objects(None, SH.lessThanOrEquals):
            roles[str(p)] = roles.get(str(p), 0) | _FWD
        for pred in self._by_objects_of:
            roles[pred] = roles.get(pred, 0) | _TOBJ
        self._roles = roles

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


def _focus_nodes(shapes: Shapes, data: TripleIndex, ctx: _Context) -> Iterator[tuple[_Shape, Term, Any]]:
    """(shape, focus node, its key): targets selected by triples of `data` only."""
    by_class = shapes._by_class
    seen: set[tuple[int, Any]] = set()
    if by_class:
        for s, ks, t in data.types:
            kt = _key(t)
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
                ko = _key(o)
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
    ctx = _Context(index, background)
    out: list[_Result] = []
    nonconformant = False
    for shape, focus, key in _focus_nodes(shapes, index, ctx):
        if _run(shape, focus, key, ctx, out):
            nonconformant = True
    if not out:
        return ValidationResult(True, (), _CONFORMING_REPORT)
    violations = sorted((_violation(r) for r in out), key=lambda v: (
        v.severity, v.path or "", v.message, v.focus, v.value or "", v.constraint or "", v.shape or ""))
    return ValidationResult(not nonconformant, tuple(violations), _report(not nonconformant, out))


def _violation(result: _Result) -> Violation:
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
_CONFORMING_REPORT = _PREFIXES + "[] a sh:ValidationReport ;\n    sh:conforms true .\n"


def _report(conforms: bool, results: list[_Result]) -> str:
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
