"""Triples indexed in plain dicts for the compiled shapes, and look-ups over data and background.

Why: rdflib terms compare in Python code and a Graph's indexes are slow to query; plain
dicts keyed by strings (`term_key`), holding only the predicates the shapes read, keep
the hot path of a validation in C. A background (the reference graph) is indexed once
and looked up together with each release graph (`Context`).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Node, URIRef
from rdflib.namespace import RDF, RDFS

from kg.shacl.vocabulary import Term, Triple

if TYPE_CHECKING:
    from kg.shacl import Shapes
    from kg.shacl.shape import Shape

# The roles of a predicate: read forward, read inversely, a sh:targetObjectsOf predicate,
# rdfs:subClassOf, rdf:type.
_FWD, _INV, _TOBJ, _SUB, _TYPE = 1, 2, 4, 8, 16
_RDF_TYPE = str(RDF.type)
_SUBCLASS = str(RDFS.subClassOf)


def term_key(term: Term) -> Any:
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
                ks = str(s) if type(s) is URIRef else term_key(s)
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
                ko = str(o) if type(o) is URIRef else term_key(o)
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


class Context:
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
        """Objects of (node, pred) in data and background, each once; `key` is `term_key(node)`."""
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
                    k = term_key(parent)
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
            keys = {term_key(t) for t in self.objects(key, _RDF_TYPE)}
            if self.subclass:
                keys = set().union(*(self.superclasses(k) for k in keys)) if keys else keys
            self.type_memo[key] = found = frozenset(keys)
        return found


def predicate_roles(shapes: Iterable[Shape], compared: Iterable[Node], objects_of: Iterable[str]) -> dict[str, int]:
    """What `TripleIndex` keeps of each predicate (as a str): the paths of `shapes`, the
    predicates of sh:lessThanOrEquals (`compared`), those of sh:targetObjectsOf
    (`objects_of`), and always rdf:type and rdfs:subClassOf."""
    roles: dict[str, int] = {_RDF_TYPE: _FWD | _TYPE, _SUBCLASS: _FWD | _SUB}
    for shape in shapes:
        if shape.pred_key is not None:
            roles[shape.pred_key] = roles.get(shape.pred_key, 0) | (_INV if shape.inverse else _FWD)
    for p in compared:
        roles[str(p)] = roles.get(str(p), 0) | _FWD
    for pred in objects_of:
        roles[pred] = roles.get(pred, 0) | _TOBJ
    return roles
