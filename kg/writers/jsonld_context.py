"""A JSON-LD context read for compaction: which terms and prefixes write which IRIs.

Why: compacting with a general JSON-LD processor (rdflib's, pyld) costs more than the rest
of a build's output; this reads exactly the kinds of term definitions our context uses
(ontology/context.jsonld), once, into look-up tables, and refuses or leaves aside the rest
(`unsupported`), so a compacted IRI always expands back to the one written.
"""
from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

from rdflib import URIRef

from kg.writers.terms import CACHE_LIMIT, SCHEME, XSD_STRING, check_iri

_CONTEXT_KEYWORDS_OK = {"@version", "@protected", "@base", "@vocab", "@propagate", "@language", "@direction"}
_TERM_KEYS_OK = {"@id", "@type", "@container", "@protected", "@prefix"}
_GEN_DELIMS = tuple(":/?#[]@")
PLAIN = "plain"  # the datatype of a plain (xsd:string) literal, a marker: compared by identity


class Compactor:
    """One JSON-LD 1.1 context, processed to compact triples against it.

    It handles the term definitions our context has (ontology/context.jsonld): prefixes,
    terms for class and property IRIs, and property terms with an @type of @id, @vocab or a
    datatype, optionally with @container @set. A term with anything else (@reverse,
    @language, @direction, a scoped @context, @nest, @index or another @container) is not
    used: its property is written with a compact or full IRI and explicit value objects,
    which means the same triples. Every compacted IRI is checked by expanding it again
    (including against JSON-LD 1.0's looser prefix rule) before it is used.
    """

    def __init__(self, context: Mapping[str, Any]) -> None:
        inner = context.get("@context", context) if isinstance(context, Mapping) else context
        if not isinstance(inner, Mapping):
            raise ValueError("only a single inline JSON-LD context object is supported")
        self.context = inner
        self.unsupported: dict[str, str] = {}
        self.vocab = inner.get("@vocab")
        # A default language or direction would tag bare strings: then write value objects.
        self.bare_plain = "@language" not in inner and "@direction" not in inner
        for key in inner:
            if key.startswith("@") and key not in _CONTEXT_KEYWORDS_OK:
                raise ValueError(f"JSON-LD context keyword {key} is not supported")
        if self.vocab is not None and not (isinstance(self.vocab, str) and SCHEME.match(self.vocab)):
            raise ValueError("only an absolute IRI @vocab is supported")
        self.defs = {k: v for k, v in inner.items() if not k.startswith("@")}
        self.iri_of: dict[str, str | None] = {}
        self.prefix_ns: dict[str, str] = {}
        for term in self.defs:
            self._resolve(term, set())
        # Property terms usable for compaction: IRI -> [(term, coercion)], shortest term first.
        self.terms_for: dict[str, list[tuple[str, str | None]]] = {}
        self.names_for: dict[str, list[str]] = {}
        for term, definition in sorted(self.defs.items(), key=lambda kv: (len(kv[0]), kv[0])):
            iri = self.iri_of.get(term)
            if iri is None:
                self.unsupported.setdefault(term, "no IRI mapping")
                continue
            if ":" in term or "/" in term:
                continue
            self.names_for.setdefault(iri, []).append(term)
            coercion = self._coercion(term, definition)
            if coercion is not False:
                self.terms_for.setdefault(iri, []).append((term, coercion))
        self.vocab_cache: dict[str, str] = {}
        self.doc_cache: dict[str, str] = {}
        self.plans: dict[str, tuple] = {}
        self.datatypes: dict[str, str] = {}

    # -- context processing

    def _resolve(self, term: str, active: set[str]) -> str | None:
        if term in self.iri_of:
            return self.iri_of[term]
        if term in active:
            self.unsupported[term] = "cyclic definition"
            return None
        active.add(term)
        definition = self.defs[term]
        simple = isinstance(definition, str)
        if simple:
            value = definition
        elif isinstance(definition, Mapping):
            value = definition.get("@id")
            if value is None or "@reverse" in definition:
                self.unsupported[term] = "no @id (or @reverse)"
                self.iri_of[term] = None
                return None
        else:
            self.iri_of[term] = None
            self.unsupported[term] = "null or unknown definition"
            return None
        iri = self._expand_definition(value, term, active) if isinstance(value, str) else None
        self.iri_of[term] = iri
        if iri is None:
            self.unsupported.setdefault(term, f"cannot expand {value!r}")
            return None
        if ":" not in term and "/" not in term and (
                (simple and iri.endswith(_GEN_DELIMS))
                or (not simple and definition.get("@prefix") is True)):
            self.prefix_ns[term] = iri
        return iri

    def _expand_definition(self, value: str, term: str, active: set[str]) -> str | None:
        if value.startswith("@"):
            return None
        if value in self.defs and value != term:
            return self._resolve(value, active)
        if ":" in value[1:]:
            prefix, suffix = value.split(":", 1)
            if prefix == "_":
                return None
            if suffix.startswith("//"):
                return value
            if prefix in self.defs and prefix != term:
                self._resolve(prefix, active)
                namespace = self.prefix_ns.get(prefix)
                return None if namespace is None else namespace + suffix
            return value if SCHEME.match(value) else None
        if self.vocab is not None:
            return self.vocab + value
        return None

    def _coercion(self, term: str, definition: Any) -> str | None | typing.Literal[False]:
        """The @type coercion of a usable property term (None: none), or False if unusable."""
        if isinstance(definition, str):
            return None
        unknown = set(definition) - _TERM_KEYS_OK
        if unknown:
            self.unsupported[term] = "has " + ", ".join(sorted(unknown))
            return False
        container = definition.get("@container")
        if container is not None and container != "@set" and container != ["@set"]:
            self.unsupported[term] = f"@container {container!r}"
            return False
        kind = definition.get("@type")
        if kind is None:
            return None
        if kind in ("@id", "@vocab"):
            return kind
        if isinstance(kind, str) and not kind.startswith("@"):
            datatype = self._expand_definition(kind, term, set())
            if datatype is not None and SCHEME.match(datatype):
                return datatype
        self.unsupported[term] = f"@type {kind!r}"
        return False

    # -- IRI expansion and compaction

    def expand(self, value: str, vocab: bool) -> str | None:
        """What `value` means as an IRI (vocab: as a key, @type or @vocab value), or None."""
        if value.startswith("@"):
            return None
        if vocab and value in self.defs:
            return self.iri_of.get(value)
        if ":" in value[1:]:
            prefix, suffix = value.split(":", 1)
            if prefix == "_":
                return None
            if suffix.startswith("//"):
                return value
            if prefix in self.defs:
                # JSON-LD 1.1 needs the prefix flag, 1.0 does not: accept only what both agree on.
                namespace = self.prefix_ns.get(prefix)
                return None if namespace is None else namespace + suffix
            return value if SCHEME.match(value) else None
        if vocab and self.vocab is not None:
            return self.vocab + value
        return None

    def compact_iri(self, iri: str, vocab: bool, terms: bool = True) -> str:
        """The shortest string that expands back to `iri`: a term (vocab only, and if `terms`),
        a compact IRI (prefix:suffix) or the IRI itself; ValueError if none does."""
        cache = (self.vocab_cache if vocab else self.doc_cache) if terms else None
        text = cache.get(iri) if cache is not None else None
        if text is not None:
            return text
        check_iri(URIRef(iri))
        candidates = list(self.names_for.get(iri, ())) if vocab and terms else []
        candidates += sorted((f"{prefix}:{iri[len(ns):]}" for prefix, ns in self.prefix_ns.items()
                              if iri.startswith(ns) and len(iri) > len(ns)), key=lambda c: (len(c), c))
        candidates.append(iri)
        for candidate in candidates:
            if self.expand(candidate, vocab) == iri:
                text = candidate
                break
        else:
            raise ValueError(f"IRI {iri!r} cannot be written in JSON-LD with this context")
        if cache is not None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[iri] = text
        return text

    def plan(self, predicate: str) -> tuple:
        """For a property: (default key, IRI-value key and coercion, plain key, {datatype: key})."""
        plan = self.plans.get(predicate)
        if plan is None:
            check_iri(URIRef(predicate))
            terms = self.terms_for.get(predicate, [])
            # A key is a usable term, else a compact IRI or the IRI (never a term it can't use).
            default = terms[0][0] if terms else self.compact_iri(predicate, True, terms=False)
            id_key = next(((t, c) for t, c in terms if c in ("@id", "@vocab")), None)
            # A bare string is a plain literal under a key without coercion, unless the
            # context has a default language or direction.
            plain_key = next((t for t, c in terms if c is None), None) if terms else default
            if not self.bare_plain:
                plain_key = None
            typed: dict[str, str] = {}
            for t, c in terms:
                if c not in (None, "@id", "@vocab"):
                    typed.setdefault(c, t)
            plan = self.plans[predicate] = (default, id_key, plain_key, typed)
        return plan

    def datatype(self, dt: Any) -> str:
        """The checked IRI of a datatype (PLAIN for xsd:string), cached."""
        iri = check_iri(dt)
        value = PLAIN if iri == XSD_STRING else iri
        if len(self.datatypes) >= CACHE_LIMIT:
            self.datatypes.clear()
        self.datatypes[iri] = value
        return value

