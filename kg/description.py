"""The dataset description every build writes about itself: VoID and DCAT, in a graph of its own.

Why: a knowledge-graph engineer's first question of a dataset is "what is in it?", and the
field's answer is a VoID description (https://www.w3.org/TR/void/) that a catalogue (DCAT,
https://www.w3.org/TR/vocab-dcat-3/) can list: how many triples, which classes with how many
instances, which properties with how many triples, when it was made, by what, from how much,
under which licence. The build streams (kg.streaming), so nothing ever holds the whole graph:
each piece of it (a release graph's chunk, the build activity every release graph repeats, the
reference graph) is tallied on its own (`Tally`, kept in the cache with its chunk so a reused
chunk is counted without being read), the tallies are summed as the pieces are written
(`Totals`), and the description graph is written last.

What is counted, so the figures can be checked with SPARQL: `void:triples` and each property
partition's `void:triples` count the quads of graph.nq but the description's own (a triple
two named graphs hold counts twice, as the build's "N quads" does); `void:entities` and each
class partition's count distinct typed IRIs (an agency typed in ten release graphs and the
reference graph is one), told apart by a 64-bit hash of the IRI (a collision, a chance of
about 3 in 10^8 at a million entities, would undercount by one); the source count is the number of
`opg:sourcePath` values, one per file or JSON Lines line a release was read from.

Cost: the main process keeps one hash per distinct typed IRI, about 70 bytes each in a Python
set (a million entities, some 80,000 releases, take 70 MB), and each chunk's tally is one more
small cache entry, read back when the chunk is reused.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, XSD

from kg.ids import OPG, Minter

VOID = Namespace("http://rdfs.org/ns/void#")
SCHEMA = Namespace("http://schema.org/")
SOURCE_PATH = str(OPG.sourcePath)  # one per file or line a release was read from
_TYPE = str(RDF.type)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")

Quad = tuple


@dataclass(frozen=True)
class Tally:
    """What one piece of a graph holds, as the description counts it: its quads per property
    (IRI, count), and per class (IRI) the hashes of the IRIs it types (see `entity_hash`).
    Plain tuples, so the build cache can keep it beside its chunk."""

    properties: tuple[tuple[str, int], ...] = ()
    entities: tuple[tuple[str, tuple[int, ...]], ...] = ()


def entity_hash(iri: str) -> int:
    """A typed IRI as 64 bits: what tells entities apart without holding their IRIs."""
    return int.from_bytes(hashlib.blake2b(iri.encode("utf-8"), digest_size=8).digest(), "big")


def tally(quads: Iterable[Sequence]) -> Tally:
    """The tally of some quads (or triples), each distinct one counted once."""
    distinct = set(quads)
    counts = Counter(str(q[1]) for q in distinct)
    typed: dict[str, set[int]] = {}
    for q in distinct:
        if str(q[1]) == _TYPE and isinstance(q[2], URIRef):
            typed.setdefault(str(q[2]), set()).add(entity_hash(str(q[0])))
    return Tally(tuple(sorted(counts.items())),
                 tuple((cls, tuple(sorted(hashes))) for cls, hashes in sorted(typed.items())))


@dataclass
class Totals:
    """The running tally of a whole graph as its pieces are written: quads summed per property,
    entities gathered per class (a set of hashes: an entity in two pieces counts once), and the
    names of the graphs described, which the dataset's IRI is minted from."""

    properties: Counter = field(default_factory=Counter)
    entities: dict[str, set[int]] = field(default_factory=dict)
    names: Any = field(default_factory=hashlib.sha256)  # a running SHA-256

    def add(self, piece: Tally) -> None:
        """Count one piece (a chunk, a release graph's build activity, the reference graph)."""
        for prop, count in piece.properties:
            self.properties[prop] += count
        for cls, hashes in piece.entities:
            self.entities.setdefault(cls, set()).update(hashes)

    def add_line(self, line: bytes) -> None:
        """Count one N-Quads line as kg.writers writes them (`<s> <p> <o> <g> .`): what `kg
        merge` tallies its output with, line by line."""
        subject, predicate, rest = line.split(b" ", 2)
        prop = predicate[1:-1].decode("utf-8")
        self.properties[prop] += 1
        if prop == _TYPE and rest.startswith(b"<"):
            cls = rest[1:rest.index(b">")].decode("utf-8")
            self.entities.setdefault(cls, set()).add(entity_hash(subject[1:-1].decode("utf-8")))

    def name(self, graph: str) -> None:
        """Note a graph the description describes (in order of IRI)."""
        self.names.update(graph.encode("utf-8") + b"\n")

    @property
    def triples(self) -> int:
        return sum(self.properties.values())


@dataclass(frozen=True)
class About:
    """What the description says besides the counts: when the data was made and by which builds
    (their IRIs), and under which licence, if the user gave one."""

    created: Literal  # an xsd:dateTime: the build's start, so a reproducible build stays the same
    builds: tuple[URIRef, ...]
    license: str | None = None


def check_license(iri: str) -> str:
    """`iri` if it is an absolute IRI the writers can write (`--license`), else ValueError."""
    from kg.writers import iri_problem

    if not _IRI.match(iri) or iri_problem(iri):
        raise ValueError(f"--license must be an absolute IRI, such as "
                         f"https://creativecommons.org/licenses/by/4.0/, not {iri!r}")
    return iri


def description_quads(totals: Totals, about: About, minter: Minter) -> list[Quad]:
    """The description graph's quads: the dataset (a void:Dataset and a dcat:Dataset), its
    counts, its class and property partitions, its sources, date, builds and licence."""
    graph = minter.description_graph()
    key = totals.names.hexdigest()[:16]  # the same releases, the same dataset, whenever built
    dataset = minter.dataset(key)
    sources = minter.dataset_part(key, "sources", "sources")
    everything: set[int] = set().union(*totals.entities.values())
    triples = [
        (dataset, RDF.type, VOID.Dataset), (dataset, RDF.type, DCAT.Dataset),
        (dataset, DCTERMS.title, Literal("opgraph knowledge graph", lang="en")),
        (dataset, DCTERMS.description, Literal(
            "Law-enforcement press releases as a knowledge graph of international police cooperation: "
            "operations, agencies, countries, officials and outcomes, one named graph per release.", lang="en")),
        (dataset, DCTERMS.created, about.created),
        (dataset, VOID.triples, _count(totals.triples)),
        (dataset, VOID.entities, _count(len(everything))),
        (dataset, VOID.classes, _count(len(totals.entities))),
        (dataset, VOID.properties, _count(len(totals.properties))),
        (dataset, DCTERMS.source, sources),
        (sources, RDF.type, SCHEMA.Collection),
        (sources, RDFS.label, Literal("the files and JSON Lines lines the releases were read from", lang="en")),
        (sources, SCHEMA.collectionSize, _count(totals.properties.get(SOURCE_PATH, 0))),
    ]
    triples += [(dataset, PROV.wasGeneratedBy, build) for build in about.builds]
    if about.license:
        triples.append((dataset, DCTERMS.license, URIRef(about.license)))
    for cls, hashes in totals.entities.items():
        part = minter.dataset_part(key, "class", cls)
        triples += [(dataset, VOID.classPartition, part), (part, VOID["class"], URIRef(cls)),
                    (part, VOID.entities, _count(len(hashes)))]
    for prop, count in totals.properties.items():
        part = minter.dataset_part(key, "property", prop)
        triples += [(dataset, VOID.propertyPartition, part), (part, VOID.property, URIRef(prop)),
                    (part, VOID.triples, _count(count))]
    return [(s, p, o, graph) for s, p, o in triples]


def _count(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)
