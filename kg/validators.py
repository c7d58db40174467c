"""Which SHACL engine checks a build: kg.shacl's compiled shapes, or pySHACL when it must.

Why: kg.shacl validates a release graph in well under a millisecond but supports only the
SHACL Core features the packaged shapes use. A user's `--shapes` may use others (SPARQL
constraints, qualified shapes); the build learns that before reading a release, says so
once, and validates with pySHACL (slower, complete) instead of failing after extraction.
Both engines see the same thing: a release graph's nodes as focus nodes, the reference
graph and the build activity only as the background their links are looked up in.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.shacl import Shapes, TripleIndex, UnsupportedShapesError, validate_triples
from kg.validation import Violation, load_shapes, validate

Triple = tuple


@dataclass
class Engine:
    """The shapes of a build, compiled by kg.shacl when it can (`compiled`), else for pySHACL."""

    graph: Graph
    compiled: Shapes | None

    def validator(self, background: list[Triple]) -> BuildValidator:
        """What checks each release graph of a build against this background."""
        indexed = self.compiled.index(background) if self.compiled is not None else None
        return BuildValidator(self, background, indexed)

    def whole(self, triples: list[Triple]) -> tuple[Violation, ...]:
        """The violations of a graph validated on its own (the reference graph, say)."""
        if self.compiled is not None:
            return validate_triples(self.compiled, triples).violations
        return self._pyshacl(triples, [])

    def _pyshacl(self, triples: list[Triple], background: Iterable[Triple]) -> tuple[Violation, ...]:
        data = Graph()
        for triple in (*background, *triples):
            data.add(triple)
        focus = {str(s) for s, _, _ in triples}
        return tuple(v for v in validate(data, self.graph).violations if v.focus in focus)


@dataclass
class BuildValidator:
    """A release graph's triples in, its violations out; `whole` for a graph with no background."""

    engine: Engine
    background: list[Triple]
    indexed: TripleIndex | None

    def __call__(self, triples: list[Triple]) -> tuple[Violation, ...]:
        if self.engine.compiled is not None:
            return validate_triples(self.engine.compiled, triples, self.indexed).violations
        return self.engine._pyshacl(triples, self.background)

    def whole(self, triples: list[Triple]) -> tuple[Violation, ...]:
        return self.engine.whole(triples)


def engine(shapes_file: Path | None, warn: Callable[[str], None] | None = None) -> Engine:
    """The engine for `shapes_file` (the packaged shapes when None); `warn` hears of a fallback."""
    graph = load_shapes(shapes_file)
    try:
        return Engine(graph, Shapes(graph))
    except UnsupportedShapesError as exc:
        if warn is not None:
            warn(f"the shapes use {exc.what}, which the fast validator does not support; "
                 "validating with pySHACL, which is slower")
        return Engine(graph, None)
