"""JSON-LD: a chunk's node objects compacted against our context, and the document framing them.

Why: rdflib's JSON-LD serializer (with compaction) is several times slower than the graph
grows and wants it whole. Here each chunk of triples becomes node objects compacted by
`Compactor` (the context read once), rendered as compact JSON lines in a worker, and
`jsonld_document` frames the chunks into one document, streaming. An @id in several node
objects is valid: expansion merges them.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from rdflib import Literal, URIRef

from kg.writers.jsonld_context import PLAIN, Compactor
from kg.writers.terms import RDF_TYPE, check_iri, check_language

_SURROGATE = re.compile("[\ud800-\udfff]")
Value = str | dict[str, str]


def _nodes(compactor: Compactor, triples: Iterable[Sequence[Any]]) -> list[dict]:
    """One node object per subject of `triples`, sorted by IRI (see `jsonld_nodes`)."""
    subjects: dict[str, dict[str, dict[tuple, Value]]] = {}
    plans = compactor.plans
    for triple in triples:
        s, p, o = triple[0], triple[1], triple[2]
        if not isinstance(s, URIRef):
            check_iri(s)
        s_iri = str(s)
        node = subjects.get(s_iri)
        if node is None:
            node = subjects[s_iri] = {}
        if not isinstance(p, URIRef):
            check_iri(p)
        p_iri = str(p)
        plan = plans.get(p_iri) or compactor.plan(p_iri)
        if type(o) is Literal or isinstance(o, Literal):
            key, sort_key, value = _literal_entry(compactor, o, plan)
        else:
            key, sort_key, value = _iri_entry(compactor, p_iri, o, plan)
        values = node.get(key)
        if values is None:
            values = node[key] = {}
        values[sort_key] = value
    return _node_objects(subjects, compactor.compact_iri)


def _literal_entry(compactor: Compactor, o: Literal, plan: tuple) -> tuple[str, tuple, Value]:
    """A literal object's key (its property's term, or the default key), sort key and value:
    the bare lexical form where the key's coercion says its datatype, else a value object."""
    lex = str(o)
    if _SURROGATE.search(lex):
        raise ValueError("a lone surrogate cannot be written as UTF-8")
    lang = o.language
    dt = o.datatype
    default, _, plain_key, typed = plan
    if lang:
        return default, (1, lex, "", lang), {"@value": lex, "@language": check_language(lang)}
    if dt is None or (datatype := compactor.datatypes.get(str(dt)) or compactor.datatype(dt)) is PLAIN:
        if plain_key:
            return plain_key, (1, lex, "", ""), lex
        return default, (1, lex, "", ""), {"@value": lex}
    key = typed.get(datatype)
    if key is not None:
        return key, (1, lex, datatype, ""), lex
    return default, (1, lex, datatype, ""), {"@value": lex, "@type": compactor.compact_iri(datatype, True)}


def _iri_entry(compactor: Compactor, p_iri: str, o: Any, plan: tuple) -> tuple[str, tuple, Value]:
    """An IRI object's key ("@type" for rdf:type), sort key and value: a compacted IRI under a
    key coerced to @id or @vocab, else an {"@id"} object."""
    if not isinstance(o, URIRef):
        check_iri(o)
    o_iri = str(o)
    if p_iri == RDF_TYPE:
        return "@type", (0, o_iri), compactor.compact_iri(o_iri, True)
    default, id_key, _, _ = plan
    if id_key is not None:
        return id_key[0], (0, o_iri), compactor.compact_iri(o_iri, id_key[1] == "@vocab")
    return default, (0, o_iri), {"@id": compactor.compact_iri(o_iri, False)}


def _node_objects(subjects: dict[str, dict[str, dict[tuple, Value]]],
                  compact: Callable[[str, bool], str]) -> list[dict]:
    """The node objects: "@id", then the keys sorted, a single value bare, several sorted."""
    out = []
    for s_iri in sorted(subjects):
        node_obj: dict[str, Any] = {"@id": compact(s_iri, False)}
        for key, values in sorted(subjects[s_iri].items()):
            if len(values) == 1:
                node_obj[key] = next(iter(values.values()))
            else:
                node_obj[key] = [values[k] for k in sorted(values)]
        out.append(node_obj)
    return out


_COMPACTORS: dict[int, tuple[Mapping, Compactor]] = {}


def _compactor(context: Mapping[str, Any]) -> Compactor:
    entry = _COMPACTORS.get(id(context))
    if entry is not None and entry[0] is context:
        return entry[1]
    if len(_COMPACTORS) >= 16:
        _COMPACTORS.clear()
    compactor = Compactor(context)
    _COMPACTORS[id(context)] = (context, compactor)  # holds `context`, so its id stays unique
    return compactor


def jsonld_nodes(triples: Iterable[Sequence[Any]], context: Mapping[str, Any]) -> list[dict]:
    """The distinct triples as JSON-LD node objects compacted against `context`.

    `context` is the context object (the value of "@context") or a document holding one;
    it is processed once and cached by identity, so pass the same (unmodified) dict each
    time. One node per subject, sorted by IRI: "@id", "@type" (class terms or compact IRIs),
    then one key per property: its term when the context has one, else a compact IRI (or
    the IRI). A value the term's @type coerces is a bare string (the lexical form, never a
    JSON number or boolean), any other is an explicit {"@value", "@type"/"@language"} or
    {"@id"} object. Several values are a sorted array. Items may be (s, p, o) or (s, p, o, g).
    """
    return _nodes(_compactor(context), triples)


def jsonld_chunk(triples: Iterable[Sequence[Any]], context: Mapping[str, Any]) -> str:
    """The nodes of `jsonld_nodes` as text, one compact JSON object per line, separated by
    ",\\n" (no trailing separator; "" for no triples): a chunk for `jsonld_document`."""
    dumps = _NODE_ENCODER.encode
    return ",\n".join(dumps(node) for node in _nodes(_compactor(context), triples))


_NODE_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def jsonld_document(chunks: Iterable[str | Sequence[Mapping[str, Any]]],
                    context: Mapping[str, Any] | None = None) -> Iterator[str]:
    """The text of one JSON-LD document, piece by piece: the context, then every chunk's nodes
    in the @graph array, then the closing brackets. Streams: one chunk is held at a time.

    A chunk is the text of `jsonld_chunk` or a sequence of node objects; empty chunks are
    skipped. `context` defaults to the packaged one (kg.resources.context()).
    """
    if context is None:
        from kg.resources import context as packaged
        context = packaged()
    inner = context.get("@context", context)
    head = json.dumps({"@context": inner}, ensure_ascii=False, sort_keys=True, indent=2)
    yield head[:-2] + ',\n  "@graph": [\n'
    first = True
    for chunk in chunks:
        text = chunk if isinstance(chunk, str) else ",\n".join(_NODE_ENCODER.encode(n) for n in chunk)
        if not text:
            continue
        yield text if first else ",\n" + text
        first = False
    yield "\n  ]\n}\n"


def jsonld_unsupported_terms(context: Mapping[str, Any]) -> dict[str, str]:
    """The terms of `context` the compactor does not use, and why (their properties are
    written with compact IRIs and explicit value objects instead)."""
    return dict(_compactor(context).unsupported)
