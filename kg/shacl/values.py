"""The value tests of the SHACL constraints, deciding each case as pySHACL does.

Why: kg.shacl must report exactly pySHACL's violations; where SHACL leaves room (what a
datatype accepts, how literals compare, the string form sh:pattern reads), these closures
copy pySHACL's choices, with fast paths (plain strings, Python numbers) that give the same
answer. Each factory returns a test on one value node, or a check on a focus node's values.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import _NUMERIC_LITERAL_TYPES as _rdflib_numeric

from kg.errors import ValidationRunError
from kg.shacl.index import Context, term_key
from kg.shacl.shape import Check, FocusCheck, Shape, ValueTest, conforms
from kg.shacl.vocabulary import Term

# pySHACL checks the Python value of these datatypes as well as rdflib's ill_typed flag.
PY_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: _dt.date,
    XSD.time: _dt.time, XSD.dateTime: _dt.datetime,
}


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


def range_test(bound: Literal, accept: Callable[[int], bool]) -> ValueTest:
    """sh:minInclusive / sh:maxInclusive against `bound`, as pySHACL compares."""
    bound_is_string = isinstance(bound.value, str)
    bound_number = _number(bound)

    def test(v: Term, ctx: Context) -> bool:
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


def datatype_test(rule: URIRef) -> ValueTest:
    """pySHACL's sh:datatype: same datatype IRI, not ill-typed, and a Python value of the right type."""
    py_type = PY_TYPES.get(rule)
    rule_iri = str(rule)
    is_literal, is_datatype = rule == RDFS.Literal, rule == RDFS.Datatype
    is_string, is_lang_string = rule == XSD.string, rule == RDF.langString

    def actual(v: Literal) -> bool:
        return py_type is None or isinstance(v.value, py_type)

    def test(v: Term, ctx: Context) -> bool:
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


def node_kind_test(kinds: str) -> ValueTest:
    """sh:nodeKind: the value's kind ("I", "B" or "L") is one of `kinds`."""
    def test(v: Term, ctx: Context) -> bool:
        return _kind(v) in kinds
    return test


def in_test(allowed: frozenset) -> ValueTest:
    """sh:in: the value is one of the members (by `term_key`)."""
    def test(v: Term, ctx: Context) -> bool:
        return term_key(v) in allowed
    return test


def class_test(cls: Term) -> ValueTest:
    """sh:class: a non-literal that is a SHACL instance of `cls` (through rdfs:subClassOf)."""
    cls_key = term_key(cls)

    def test(v: Term, ctx: Context) -> bool:
        return not isinstance(v, Literal) and cls_key in ctx.types(term_key(v))
    return test


def pattern_test(regex: re.Pattern) -> ValueTest:
    """sh:pattern: not a blank node, and `regex` finds a match in its string form."""
    search = regex.search

    def test(v: Term, ctx: Context) -> bool:
        return not isinstance(v, BNode) and search(_as_string(v)) is not None
    return test


def min_length_test(min_length: int) -> ValueTest:
    """sh:minLength: not a blank node, and a string form at least `min_length` long."""
    def test(v: Term, ctx: Context) -> bool:
        if min_length == 0:
            return True
        return not isinstance(v, BNode) and len(_as_string(v)) >= min_length
    return test


def or_test(members: list[Shape]) -> ValueTest:
    """sh:or: the value conforms to one of the `members` (their value tests alone when
    that is all they have, which avoids running them as shapes)."""
    def simple(m: Shape) -> bool:  # only value tests on the node itself: no shape to run
        return (m.pred is None and not m.props and not m.focus_checks and not m.deactivated
                and not m.allowed and m.min_count <= 1 and m.max_count >= 1)
    if all(simple(m) for m in members):
        member_tests = [[t for t, _ in m.tests] for m in members]

        def simple_test(v: Term, ctx: Context) -> bool:
            return any(all(t(v, ctx) for t in tests) for tests in member_tests)
        return simple_test

    def test(v: Term, ctx: Context) -> bool:
        return any(conforms(m, v, ctx) for m in members)
    return test


def has_value_check(hv: Term, check: Check) -> FocusCheck:
    """sh:hasValue: `hv` is among the focus node's values."""
    def run(shape: Shape, focus: Term, key: Any, values: Any, ctx: Context, out: list) -> None:
        if hv not in values:
            out.append((shape, check, focus, None))
    return run


def less_than_or_equals_check(other: URIRef, check: Check) -> FocusCheck:
    """sh:lessThanOrEquals: every value is <= every value of `other` on the focus node,
    comparing strings with strings and literals as pySHACL does, or stopping as it stops."""
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

    def run(shape: Shape, focus: Term, key: Any, values: Any, ctx: Context, out: list) -> None:
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
