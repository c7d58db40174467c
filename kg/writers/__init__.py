"""Fast, deterministic writers of N-Quads, Turtle and JSON-LD text, one chunk of triples at a time.

Why: rdflib's Turtle and JSON-LD serializers dominated build time (about 700 s for 500k
quads: they grow faster than the graph), and they want the whole graph in memory at once.
These functions write the same graph in linear time, from plain tuples of rdflib terms, and
per chunk (one release graph of a few hundred quads), so a build can render chunks in worker
processes and concatenate them into the three files in a stable order without ever holding
the whole graph. Measured on one core, 128k quads of built graphs: N-Quads ~360k quads/s,
Turtle ~310k and JSON-LD ~260k triples/s, against rdflib's 66k, 7.6k and 44k (5x, 40x, 6x,
and the gap widens with size). The N-Quads lines are byte for byte rdflib's.

- N-Quads: `nquads_lines` gives a chunk's lines, sorted and without duplicates.
- Turtle: `turtle_header` once, then `turtle_block` per chunk. A subject described in two
  chunks gets two blocks, which is valid Turtle meaning the union of both.
- JSON-LD: `jsonld_nodes` (or `jsonld_chunk`, its text) per chunk, compacted against our
  context (ontology/context.jsonld) by a small compactor that knows exactly the kinds of term
  definitions that context uses; `jsonld_document` frames the chunks with the context into
  one document, streaming. An @id in several node objects is valid: expansion merges them.

The output depends only on the set of triples of a chunk, never on their order: subjects,
predicates, objects, node keys and values are all sorted. Literals are written with their
lexical form exactly as stored (`str(literal)`: "1300000.0"^^xsd:decimal stays so), and an
xsd:string literal is written as a plain one (the same RDF 1.1 term). There are no blank
nodes in this project's graphs: a blank node, a relative IRI or an IRI with characters no
syntax allows raises ValueError rather than giving a file that does not parse or that means
something else. The text of IRIs, which repeat a lot, is cached per process.

Modules: `nquads`, `turtle` and `jsonld` write (with `jsonld_context` reading the context
for compaction); `terms` holds what they share: the IRI and language tag checks
(`iri_problem`) and string escapes.
"""
from kg.writers.jsonld import jsonld_chunk, jsonld_document, jsonld_nodes, jsonld_unsupported_terms
from kg.writers.nquads import nquads_lines
from kg.writers.terms import iri_problem
from kg.writers.turtle import turtle_block, turtle_header

__all__ = ["nquads_lines", "turtle_header", "turtle_block", "jsonld_nodes", "jsonld_chunk",
           "jsonld_document", "jsonld_unsupported_terms", "iri_problem"]
