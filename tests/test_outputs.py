"""What a rebuild keeps of a shared operation's chunk: the triples it gives the union formats.

Why: a chunk whose operation other releases report too is reused only with those triples,
read back from the build cache; they must come back as the same terms, or the rebuilt
Turtle and JSON-LD would differ from a clean build's.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg import writers
from kg.cache import Cache
from kg.outputs import _apart, _plain
from kg.streaming import CACHED

OP = URIRef("https://w3id.org/opgraph/id/operation/x")
OPG = "https://w3id.org/opgraph/ontology#"
TRIPLES = [
    (OP, URIRef(OPG + "involves"), URIRef("https://w3id.org/opgraph/id/agency/europol")),
    (OP, URIRef(OPG + "codename"), Literal("Glass Harbour")),
    (OP, URIRef(OPG + "codename"), Literal("Glass Harbour", datatype=XSD.string)),
    (OP, URIRef(OPG + "label"), Literal("Opération Port de verre", lang="fr")),
    (OP, URIRef(OPG + "startYear"), Literal("2021", datatype=XSD.gYear)),
    (OP, URIRef(OPG + "quantity"), Literal(Decimal("1.50"))),
    (OP, URIRef(OPG + "count"), Literal(12)),
    (OP, URIRef(OPG + "actionDate"), Literal("2024-05-01", datatype=XSD.date)),
]


def test_a_shared_operations_triples_come_back_from_the_cache_as_written(tmp_path):
    cache = Cache(tmp_path, "s", CACHED)
    cache.store("apart", "0" * 32, _plain(TRIPLES))
    back = _apart(cache, "0" * 32)
    assert back == TRIPLES
    assert [[x.n3() for x in t] for t in back] == [[x.n3() for x in t] for t in TRIPLES]
    prefixes = {"opg": OPG}
    assert writers.turtle_block(back, prefixes) == writers.turtle_block(TRIPLES, prefixes)


def test_a_missing_or_damaged_entry_is_none_so_the_chunk_is_rendered_again(tmp_path):
    cache = Cache(tmp_path, "s", CACHED)
    assert _apart(cache, "1" * 32) is None
    cache.store("apart", "1" * 32, _plain(TRIPLES))
    [entry] = (tmp_path / "apart").rglob("1" * 32)
    entry.write_bytes(b"damaged")
    assert _apart(cache, "1" * 32) is None
