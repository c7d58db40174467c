"""A shape compiled into checks, and running it on a focus node: the validator's inner loop.

Why: a compiled shape is plain attributes and lists of closures, so checking a focus node
is a few attribute reads and calls, with no rdflib Graph look-up (`run` is the hot path).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef
from rdflib.namespace import SH

from kg.shacl.index import Context, term_key
from kg.shacl.vocabulary import Term


@dataclass(eq=False)
class Check:
    """One constraint of a shape: its component, and pySHACL's message when the shape has none."""

    component: URIRef
    short: str
    generic: Callable[[Term, Term | None], str]


ValueTest = Callable[[Term, Context], bool]


class Shape:
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
        self.min_check: Check | None = None
        self.max_check: Check | None = None
        self.tests: list[tuple[ValueTest, Check]] = []
        self.focus_checks: list[FocusCheck] = []
        self.props: list[Shape] = []
        self.targets_class: list[Term] = []
        self.targets_objects: list[Term] = []


FocusCheck = Callable[[Shape, Term, Any, Any, Context, list], None]
Result = tuple[Shape, Check, Term, Term | None]


def run(shape: Shape, focus: Term, key: Any, ctx: Context, out: list[Result]) -> bool:
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
                if run(prop, v, key if v is focus else term_key(v), ctx, out):
                    failed = True
    return failed and not shape.allowed


def conforms(shape: Shape, node: Term, ctx: Context) -> bool:
    """Whether `node` conforms to `shape` (sh:or asks this of each of its shapes)."""
    return not run(shape, node, term_key(node), ctx, [])

