"""N-Quads: a chunk's lines, sorted and without duplicates, byte for byte as rdflib writes them.

Why: rdflib's serializer wants the whole graph in memory and is several times slower; these
lines are written per chunk of quads, with the text of IRIs cached per process.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import Literal, URIRef
from rdflib.graph import Graph

from kg.writers.terms import CACHE_LIMIT, SHORT_SPECIAL, XSD_STRING, check_iri, check_language, escape_char

RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"


# Caches are keyed by the IRI as a plain str: rdflib's URIRef hashes like its str but compares
# in Python (Identifier.__eq__), and the same IRI arrives as many different URIRef objects, so
# keying by the term itself spends most of the time in __eq__. A term is looked up only after
# `type(term) is URIRef` (or isinstance) says it is an IRI, so a literal never hits the cache.

_NT_IRI: dict[str, str] = {}


def _nt_iri(term: Any) -> str:
    """<iri> for an IRI term, checked and cached."""
    iri = check_iri(term)
    text = _NT_IRI.get(iri)
    if text is None:
        text = f"<{iri}>"
        if len(_NT_IRI) >= CACHE_LIMIT:
            _NT_IRI.clear()
        _NT_IRI[iri] = text
    return text


def _nt_literal(term: Literal) -> str:
    """A literal in N-Triples: an xsd:string literal as a plain one, as rdflib writes it."""
    lex = str(term)
    if SHORT_SPECIAL.search(lex):
        lex = SHORT_SPECIAL.sub(escape_char, lex)
    lang = term.language
    if lang:
        return f'"{lex}"@{check_language(lang)}'
    dt = term.datatype
    if dt is None:
        return f'"{lex}"'
    dt_text = (type(dt) is URIRef and _NT_IRI.get(str(dt))) or _nt_iri(dt)
    if dt_text == _XSD_STRING_NT:
        return f'"{lex}"'
    return f'"{lex}"^^{dt_text}'


_XSD_STRING_NT = f"<{XSD_STRING}>"


def _graph_name(g: Any) -> URIRef | None:
    """The IRI naming graph `g`, or None for the default graph."""
    if g is None:
        return None
    if isinstance(g, Graph):
        g = g.identifier
    if isinstance(g, URIRef) and str(g) == RDFLIB_DEFAULT_GRAPH:
        return None
    return g


def nquads_lines(quads: Iterable[Sequence[Any]]) -> list[str]:
    """One N-Quads line (ending in a newline) per distinct quad, sorted.

    Each quad is (subject, predicate, object, graph) of rdflib terms; a graph of None (or
    rdflib's default graph) gives a triple line, and 3-tuples are triples of the default
    graph. Raises ValueError for a blank node, a relative IRI, an IRI containing a space,
    <, >, ", {, }, |, ^, `, \\ or a control character, a bad language tag, or a lone surrogate.
    """
    get = _NT_IRI.get
    lines: set[str] = set()
    add = lines.add
    for quad in quads:
        if len(quad) == 4:
            s, p, o, g = quad
        else:
            (s, p, o), g = quad, None
        ts = (type(s) is URIRef and get(str(s))) or _nt_iri(s)
        tp = (type(p) is URIRef and get(str(p))) or _nt_iri(p)
        kind = type(o)
        if kind is URIRef:
            to = get(str(o)) or _nt_iri(o)
        elif kind is Literal or isinstance(o, Literal):
            to = _nt_literal(o)
        else:
            to = _nt_iri(o)
        tg = type(g) is URIRef and get(str(g))
        if not tg:
            name = _graph_name(g)
            if name is None:
                add(f"{ts} {tp} {to} .\n")
                continue
            tg = _nt_iri(name)
        add(f"{ts} {tp} {to} {tg} .\n")
    return sorted(lines)

