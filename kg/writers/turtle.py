"""Turtle: `turtle_header` once, then `turtle_block` per chunk of triples.

Why: rdflib's Turtle serializer grows faster than the graph (the slowest part of a build)
and wants it whole; these blocks are written per chunk in linear time, and concatenate. A
subject described in two chunks gets two blocks, which is valid Turtle meaning the union.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rdflib import Literal, URIRef

from kg.writers.terms import (
    CACHE_LIMIT,
    RDF_TYPE,
    XSD_INTEGER,
    XSD_STRING,
    check_iri,
    check_language,
    long_string,
    short_string,
)

_CANONICAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
# Turtle: a conservative PN_PREFIX and PN_LOCAL (ASCII letters, digits, _ and -, inner dots).
_PN_PREFIX = re.compile(r"(?:[A-Za-z](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?)?\Z")
_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?\Z")


class _TurtleTerms:
    """The Turtle text of terms under one set of prefixes, IRIs cached (keyed by plain str)."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        spaces = []
        for prefix, namespace in prefixes.items():
            prefix, namespace = str(prefix), str(namespace)
            if not _PN_PREFIX.match(prefix):
                raise ValueError(f"not a Turtle prefix: {prefix!r}")
            spaces.append((prefix, check_iri(URIRef(namespace))))
        # Longest namespace first, so the most specific prefix wins; then by prefix.
        self.spaces = sorted(spaces, key=lambda pn: (-len(pn[1]), pn[0]))
        self.header = "".join(f"@prefix {p}: <{n}> .\n" for p, n in sorted(spaces)) + "\n"
        self.iris: dict[str, str] = {}

    def iri(self, term: Any) -> str:
        """A prefixed name or <iri> for an IRI term, checked and cached."""
        iri = check_iri(term)
        text = self.iris.get(iri)
        if text is None:
            text = f"<{iri}>"
            for prefix, namespace in self.spaces:
                if iri.startswith(namespace) and _PN_LOCAL.match(iri, len(namespace)):
                    text = f"{prefix}:{iri[len(namespace):]}"
                    break
            if len(self.iris) >= CACHE_LIMIT:
                self.iris.clear()
            self.iris[iri] = text
        return text

    def literal(self, term: Literal) -> str:
        """A literal in Turtle: "short" or \"\"\"long\"\"\" string, then @lang or ^^datatype."""
        lex = str(term)
        text = long_string(lex) if "\n" in lex else short_string(lex)
        lang = term.language
        if lang:
            return f"{text}@{check_language(lang)}"
        dt = term.datatype
        if dt is None:
            return text
        iri = str(dt)
        dt_text = (type(dt) is URIRef and self.iris.get(iri)) or self.iri(dt)
        if iri == XSD_STRING:
            return text
        if iri == XSD_INTEGER and _CANONICAL_INTEGER.match(lex):
            return lex
        return f"{text}^^{dt_text}"


_TURTLE: dict[tuple, _TurtleTerms] = {}


def _turtle_terms(prefixes: Mapping[str, str]) -> _TurtleTerms:
    key = tuple(sorted((str(k), str(v)) for k, v in prefixes.items()))
    terms = _TURTLE.get(key)
    if terms is None:
        if len(_TURTLE) >= 64:
            _TURTLE.clear()
        terms = _TURTLE[key] = _TurtleTerms(prefixes)
    return terms


def turtle_header(prefixes: Mapping[str, str]) -> str:
    """The `@prefix p: <namespace> .` lines, sorted by prefix, then a blank line."""
    return _turtle_terms(prefixes).header


def turtle_block(triples: Iterable[Sequence[Any]], prefixes: Mapping[str, str]) -> str:
    """The distinct triples as Turtle statements, one per subject, to follow `turtle_header`.

    Subjects are sorted by IRI; rdf:type (written `a`) comes first, then the other
    predicates by IRI; objects are sorted by their text. IRIs become prefixed names when
    the rest of the IRI is a safe local name (letters, digits, _ and -, inner dots), else
    <iri>; canonical xsd:integer literals are written bare, other literals as strings with
    their datatype or language. Each statement ends with " .\n\n", so blocks concatenate.
    Items may be (s, p, o) or (s, p, o, graph): the graph is ignored.
    """
    terms = _turtle_terms(prefixes)
    get = terms.iris.get
    iri = terms.iri
    literal = terms.literal
    subjects: dict[str, dict[str, set[str]]] = {}
    iri_of: dict[str, str] = {}  # text -> IRI of this block's subjects and predicates
    for triple in triples:
        s, p, o = triple[0], triple[1], triple[2]
        ts = (type(s) is URIRef and get(str(s))) or iri(s)
        preds = subjects.get(ts)
        if preds is None:
            preds = subjects[ts] = {}
            iri_of[ts] = str(s)
        tp = (type(p) is URIRef and get(str(p))) or iri(p)
        objects = preds.get(tp)
        if objects is None:
            objects = preds[tp] = set()
            iri_of[tp] = str(p)
        kind = type(o)
        if kind is URIRef:
            objects.add(get(str(o)) or iri(o))
        elif kind is Literal or isinstance(o, Literal):
            objects.add(literal(o))
        else:
            objects.add(iri(o))
    # Subjects and predicates sort by IRI (rdf:type first), not by their text.
    blocks = []
    for ts in sorted(subjects, key=iri_of.__getitem__):
        preds = subjects[ts]
        parts = []
        for tp in sorted(preds, key=lambda tp: (iri_of[tp] != RDF_TYPE, iri_of[tp])):
            verb = "a" if iri_of[tp] == RDF_TYPE else tp
            parts.append(f"{verb} {', '.join(sorted(preds[tp]))}")
        blocks.append(f"{ts} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(blocks) + "\n" if blocks else ""

