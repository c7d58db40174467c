"""Each constraint parameter of a shape compiled into tests, with pySHACL's generic message.

Why: what a constraint's parameters mean, and how pySHACL words a violation of it when the
shape has no sh:message, is decided once per shape here; the tests themselves
(kg.shacl.values) then see only value nodes. The order of the tests is the order of the
results in a report, so it is fixed: value tests as listed in `value_tests`, then the
checks on a focus node's values as in `focus_checks`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import SH

from kg.shacl.index import term_key
from kg.shacl.report import data_string
from kg.shacl.shape import Shape
from kg.shacl.values import (
    class_test,
    datatype_test,
    has_value_check,
    in_test,
    less_than_or_equals_check,
    min_length_test,
    node_kind_test,
    or_test,
    pattern_test,
    range_test,
)
from kg.shacl.vocabulary import NODE_KINDS

if TYPE_CHECKING:
    from kg.shacl.compiler import Compiler


def value_tests(c: Compiler, shape: Shape) -> None:
    """The tests each value node of `shape` must pass, appended to `shape.tests`."""
    for compile_tests in (_datatype, _node_kind, _classes, _patterns, _min_length, _ranges, _in, _or):
        compile_tests(c, shape)


def focus_checks(c: Compiler, shape: Shape) -> None:
    """The checks on all the values of a focus node together, appended to `shape.focus_checks`."""
    _has_value(c, shape)
    _less_than_or_equals(c, shape)


def _datatype(c: Compiler, shape: Shape) -> None:
    node = shape.node
    datatype = c.one(node, SH.datatype)
    if datatype is not None:
        if not isinstance(datatype, URIRef):
            raise c.fail(node, "sh:datatype that is not an IRI")
        text = c.sg_string(datatype)
        shape.tests.append((datatype_test(datatype),
                            c.check("Datatype", lambda f, v: f"Value is not Literal with datatype {text}")))


def _node_kind(c: Compiler, shape: Shape) -> None:
    node = shape.node
    kind = c.one(node, SH.nodeKind)
    if kind is not None:
        if not isinstance(kind, URIRef) or kind not in NODE_KINDS:
            raise c.fail(node, f"sh:nodeKind {kind!r}")
        kind_text = c.sg_string(kind)
        shape.tests.append((node_kind_test(NODE_KINDS[kind]),
                            c.check("NodeKind", lambda f, v: f"Value is not of Node Kind {kind_text}")))


def _classes(c: Compiler, shape: Shape) -> None:
    classes = c.objects(shape.node, SH["class"])
    if classes:
        if len(classes) < 2:
            class_text = f"Value does not have class {c.sg_string(classes[0])}"
        else:
            class_text = "Value class is not in classes ({})".format(
                ", ".join(c.sg_string(cls) for cls in classes))
        class_check = c.check("Class", lambda f, v: class_text)
        for cls in classes:
            shape.tests.append((class_test(cls), class_check))


def _patterns(c: Compiler, shape: Shape) -> None:
    node = shape.node
    found = c.objects(node, SH.pattern)
    patterns = [p for p in found if isinstance(p, Literal)]
    if len(patterns) < len(found):
        raise c.fail(node, "sh:pattern that is not a literal")
    if patterns:
        if len(patterns) < 2:
            pattern_text = f"Value does not match pattern '{patterns[0].value}'"
        else:
            pattern_text = "Value does not match every pattern in ('{}')".format(
                "', '".join(str(p.value) for p in patterns))
        pattern_check = c.check("Pattern", lambda f, v: pattern_text)
        for pattern in patterns:
            source = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
            try:
                regex = re.compile(source)
            except re.error as exc:
                raise c.fail(node, f"sh:pattern {source!r}, not a valid regular expression ({exc})") from exc
            shape.tests.append((pattern_test(regex), pattern_check))


def _min_length(c: Compiler, shape: Shape) -> None:
    min_length = c.integer(shape.node, SH.minLength)
    if min_length is not None:
        length_lit = c.one(shape.node, SH.minLength)
        length_text = data_string(length_lit)
        shape.tests.append((min_length_test(min_length),
                            c.check("MinLength", lambda f, v: f"String length not >= {length_text}")))


def _ranges(c: Compiler, shape: Shape) -> None:
    ranges: tuple[tuple[str, URIRef, Callable[[int], bool], str], ...] = (
        ("MinInclusive", SH.minInclusive, lambda cmp: cmp >= 0, ">="),
        ("MaxInclusive", SH.maxInclusive, lambda cmp: cmp <= 0, "<="))
    node = shape.node
    for name, p, accept, op in ranges:
        found = c.objects(node, p)
        bounds = [b for b in found if isinstance(b, Literal)]
        if len(bounds) < len(found):
            raise c.fail(node, f"{c.short(p)} that is not a literal")
        if not bounds:
            continue
        if len(bounds) < 2:
            range_text = f"Value is not {op} {c.sg_string(bounds[0])}"
        else:
            range_text = "Value is not {} in ({})".format(
                op, ", ".join(c.sg_string(b) for b in bounds))
        range_check = c.check(name, partial(lambda t, f, v: t, range_text))
        for bound in bounds:
            shape.tests.append((range_test(bound, accept), range_check))


def _in(c: Compiler, shape: Shape) -> None:
    in_list = c.one(shape.node, SH["in"])
    if in_list is not None:
        members = c.items(shape.node, in_list)
        allowed = frozenset(term_key(m) for m in members)
        listed = [c.sg_string(m) for m in members]
        shape.tests.append((in_test(allowed),
                            c.check("In", lambda f, v: f"Value {data_string(v)} not in list {listed}")))


def _or(c: Compiler, shape: Shape) -> None:
    node = shape.node
    for or_list in c.objects(node, SH["or"]):
        members_nodes = c.items(node, or_list)
        if not members_nodes:
            raise c.fail(node, "an empty sh:or list")
        member_shapes = [c.shape(m) for m in members_nodes]
        or_text = " , ".join(c.sg_string(m) for m in members_nodes)
        shape.tests.append((or_test(member_shapes), c.check("Or", partial(lambda t, f, v: (
            f"Node {data_string(v)} must conform to one or more shapes in {t}"), or_text))))


def _has_value(c: Compiler, shape: Shape) -> None:
    has_values = c.objects(shape.node, SH.hasValue)
    if has_values:
        the_set = [c.sg_string(h) for h in has_values]
        path = shape.path_text
        check = c.check("HasValue", lambda f, v: (
            f"Node {data_string(f)}->{path} does not contain a value in the set: {the_set}" if path
            else f"Node {data_string(f)} value is not a in the set of values: {the_set}"))
        for hv in has_values:
            shape.focus_checks.append(has_value_check(hv, check))


def _less_than_or_equals(c: Compiler, shape: Shape) -> None:
    node = shape.node
    found = c.objects(node, SH.lessThanOrEquals)
    others = [o for o in found if isinstance(o, URIRef)]
    if found:
        if shape.pred is None:
            raise c.fail(node, "sh:lessThanOrEquals on a node shape")
        if len(others) < len(found):
            raise c.fail(node, "sh:lessThanOrEquals that is not an IRI")
        if len(others) < 2:
            rule = c.sg_string(others[0])
        else:
            rule = ", ".join(c.sg_string(o) for o in others)
        check = c.check("LessThanOrEquals", lambda f, v: (
            f"Value of {data_string(f)}->{rule} < {data_string(v)}"))
        for other in others:
            shape.focus_checks.append(less_than_or_equals_check(other, check))
