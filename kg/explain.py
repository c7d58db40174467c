"""`kg explain`: one release's text with every extracted fact marked on the words behind it.

Why: a score says how well extraction does on a corpus; an analyst checking one release
needs to see it, at a glance: which words became which fact, how sure the extractor was,
and which words became nothing (what was missed). The evidence layer of a release graph
(NIF, see `kg/mapping.py`) holds all of it: the text (`nif:isString` on the release), a
`nif:Phrase` per span with offsets and the entities it names (`itsrdf:taIdentRef`), and for
each fact its evidence phrases, confidence and method (on a statement node for a link, on
the opg:Outcome or opg:Official node itself). This module reads that layer of ONE release's
named graph into a plain record (`Explained`); kg/explain_views.py shows it as text (ANSI
colours on a terminal, bracketed tags otherwise) or as a standalone HTML page.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path, PureWindowsPath

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS
from rdflib.term import Identifier, Node

from kg.errors import InputError
from kg.ids import DEFAULT_BASE, ITSRDF, NIF, OPG, evidence_graph_of
from kg.model import model
from kg.resources import ontology_path
from kg.store import read_quads

KINDS = tuple(model().kinds)
"""What a phrase names, in the order a phrase naming several is tagged and coloured by."""

_TYPE_KINDS: dict[Node, str] = {URIRef(k.cls): k.name for k in model().kinds.values() if k.cls}
PREDICATE_ORDER = tuple(model().links)
"""The order facts are listed in: the operation, who, where, what, when, what came of it, who spoke."""


@dataclass(frozen=True)
class Entity:
    """A thing a phrase names or a fact is about: its IRI, a label a person reads, its kind."""

    iri: str
    label: str
    kind: str


@dataclass(frozen=True, order=True)
class Span:
    """Words of the text by their offsets [begin, end) in Python characters."""

    begin: int
    end: int
    anchor: str


@dataclass(frozen=True)
class Phrase:
    """A nif:Phrase: its words, the entities it names, and its kinds (those of its entities,
    else of the facts it is evidence for, else "other")."""

    span: Span
    entities: tuple[Entity, ...]
    kinds: tuple[str, ...]
    facts: tuple[str, ...] = ()  # the predicates of the facts it supports

    @property
    def begin(self) -> int:
        return self.span.begin

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def anchor(self) -> str:
        return self.span.anchor

    @property
    def kind(self) -> str:
        """The kind it is coloured by: the first of its kinds in KINDS order."""
        return self.kinds[0]

    @property
    def tag(self) -> str:
        """Its kinds joined by '+', as the text form tags it: 'agency', 'agency+country'."""
        return "+".join(self.kinds)


@dataclass(frozen=True)
class Fact:
    """One extracted fact: `predicate` is the ontology's local name ('involves', 'issued') or,
    for an outcome or an official (which carry their evidence themselves), 'outcome' and
    'quotes'. Subject and object are labels; `kind` is the kind of the object."""

    predicate: str
    subject: str
    object: str
    confidence: str | None
    method: str | None
    evidence: tuple[Span, ...]
    kind: str

    def sort_key(self) -> tuple:
        order = PREDICATE_ORDER.index(self.predicate) if self.predicate in PREDICATE_ORDER else len(PREDICATE_ORDER)
        return (order, self.predicate, self.subject.casefold(), self.subject, self.object.casefold(),
                self.object, self.evidence, self.method or "", self.confidence or "")


@dataclass(frozen=True)
class Explained:
    """One release as `kg explain` shows it: its text, its phrases (by offset), its facts (sorted)."""

    release: str
    title: str | None
    source_paths: tuple[str, ...]
    text: str
    phrases: tuple[Phrase, ...]
    facts: tuple[Fact, ...]


# --------------------------------------------------------------------------- reading the graph

def explain_graph(graph: Graph, release: str, labels: Graph | None = None) -> Explained:
    """Read the evidence layer of `release` from its named graph `graph` into an Explained record.

    `labels` holds the labels the release graph links but does not hold itself: the
    reference graph (`<base>graph/reference`) with the agencies' and countries'
    skos:prefLabel. Raises InputError when the graph holds no text for the release (a graph
    built before the evidence layer).
    """
    rel = URIRef(release)
    string = graph.value(rel, NIF.isString)
    if string is None:
        raise InputError(f"{release}: the graph holds no text for this release (nif:isString); "
                         f"it was built before the evidence layer: build it again with kg build")
    text = str(string)
    names = _Labels(graph, labels if labels is not None else Graph(), _base_of(release))
    spans = _spans(graph, rel, text)
    facts = [*_statement_facts(graph, names, spans), *_node_facts(graph, rel, names, spans)]
    facts.sort(key=Fact.sort_key)
    cited: dict[Span, list[Fact]] = {}
    for fact in facts:
        for span in dict.fromkeys(fact.evidence):
            cited.setdefault(span, []).append(fact)
    phrases = []
    for node, span in spans.items():
        entities = tuple(sorted((names.entity(e) for e in graph.objects(node, ITSRDF.taIdentRef)),
                                key=lambda e: (KINDS.index(e.kind), e.label, e.iri)))
        kinds = [e.kind for e in entities] or [f.kind for f in cited.get(span, [])] or ["other"]
        phrases.append(Phrase(span, entities, tuple(sorted(set(kinds), key=KINDS.index)),
                              tuple(dict.fromkeys(f.predicate for f in cited.get(span, [])))))
    phrases.sort(key=lambda p: (p.begin, -p.end, p.anchor))
    paths = tuple(sorted(str(p) for p in graph.objects(rel, OPG.sourcePath)))
    title = graph.value(rel, DCTERMS.title)
    return Explained(release, str(title) if title is not None else None, paths, text,
                     tuple(phrases), tuple(facts))


def _base_of(release: str) -> str:
    """The base IRI a release IRI was minted under ('<base>release/<hash>')."""
    cut = release.rfind("release/")
    return release[:cut] if cut > 0 else ""


def _spans(graph: Graph, release: URIRef, text: str) -> dict[Node, Span]:
    """Every nif:Phrase of the release, by node, with its offsets and words."""
    found = {}
    for node in graph.subjects(RDF.type, NIF.Phrase):
        context = graph.value(node, NIF.referenceContext)
        if context is not None and context != release:
            continue
        begin, end = graph.value(node, NIF.beginIndex), graph.value(node, NIF.endIndex)
        if not isinstance(begin, Identifier) or not isinstance(end, Identifier):  # None: no offsets
            continue
        b, e = int(begin), int(end)
        if not 0 <= b <= e <= len(text):
            raise InputError(f"{node}: offsets {b},{e} lie outside the release text ({len(text)} characters)")
        anchor = graph.value(node, NIF.anchorOf)
        found[node] = Span(b, e, str(anchor) if anchor is not None else text[b:e])
    return found


def _evidence(graph: Graph, node: Node, spans: dict[Node, Span]) -> tuple[Span, ...]:
    return tuple(sorted(spans[p] for p in graph.objects(node, OPG.evidence) if p in spans))


def _literal(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate)
    return str(value) if value is not None else None


def _confidence(graph: Graph, node: Node) -> str | None:
    """A confidence with two decimals ("0.90"), however the graph writes it ("0.9" in the
    canonical form a store gives back), so that the column lines up."""
    value = _literal(graph, node, OPG.confidence)
    try:
        return f"{Decimal(value):.2f}" if value is not None else None
    except InvalidOperation:
        return value


def _statement_facts(graph: Graph, names: _Labels, spans: dict[Node, Span]) -> Iterable[Fact]:
    """A fact per statement node (rdf:Statement) of the release graph."""
    for node in graph.subjects(RDF.type, RDF.Statement):
        subject, predicate = graph.value(node, RDF.subject), graph.value(node, RDF.predicate)
        obj = graph.value(node, RDF.object)
        if subject is None or predicate is None or obj is None:
            continue
        name = _local(str(predicate))
        if isinstance(obj, Literal):
            value = str(obj)
            link = model().links.get(name)
            kind = link.kind if link else "other"
        else:
            entity = names.entity(obj)
            value, kind = entity.label, entity.kind
        yield Fact(name, names.entity(subject).label, value, _confidence(graph, node),
                   _literal(graph, node, OPG.method), _evidence(graph, node, spans), kind)


def _node_facts(graph: Graph, release: URIRef, names: _Labels,
                spans: dict[Node, Span]) -> Iterable[Fact]:
    """A fact per node of a kind that carries its own confidence (kg/data/model.toml: an
    opg:Outcome of the operation, an opg:Official the release quotes), by the link to it."""
    for link in model().links.values():
        declared = model().kinds.get(link.object or "")
        if declared is None or declared.confidence is None or declared.cls is None:
            continue
        for node in graph.subjects(RDF.type, URIRef(declared.cls)):
            if (node, OPG.confidence, None) not in graph and (node, OPG.evidence, None) not in graph:
                continue
            holders = sorted(s for s in graph.subjects(URIRef(link.predicate), node) if isinstance(s, Identifier))
            subject = names.entity(holders[0]).label if holders else names.entity(release).label
            entity = names.entity(node)
            yield Fact(link.name, subject, entity.label, _confidence(graph, node),
                       _literal(graph, node, OPG.method), _evidence(graph, node, spans), entity.kind)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Labels:
    """Labels and kinds of the entities a release graph links, looked up once each."""

    def __init__(self, graph: Graph, reference: Graph, base: str) -> None:
        self.graph, self.reference, self.base = graph, reference, base
        self.cache: dict[Node, Entity] = {}
        self.areas = {s for s in graph.objects(None, OPG.crimeArea)}

    def entity(self, node: Node) -> Entity:
        if node not in self.cache:
            self.cache[node] = Entity(str(node), self._label(node), self._kind(node))
        return self.cache[node]

    def _kind(self, node: Node) -> str:
        for graph in (self.graph, self.reference):
            for cls in graph.objects(node, RDF.type):
                if cls in _TYPE_KINDS:
                    return _TYPE_KINDS[cls]
                if cls == OPG.Release:
                    return "other"
        if node in self.areas or node in crime_areas():
            return "crime-area"
        return "other"

    def _label(self, node: Node) -> str:
        if (node, RDF.type, OPG.Release) in self.graph:
            return "release"
        for predicate in (SKOS.prefLabel, FOAF.name, RDFS.label):
            for graph in (self.reference, self.graph):
                values = sorted(str(v) for v in graph.objects(node, predicate))
                if values:
                    return values[0]
        codenames = sorted(str(v) for v in self.graph.objects(node, OPG.codename))
        if codenames:
            return codenames[0]
        if node in crime_areas():
            return crime_areas()[node]
        if isinstance(node, BNode):
            return "_:" + str(node)
        text = str(node)
        return text[len(self.base):] if self.base and text.startswith(self.base) else text


@cache
def crime_areas() -> dict[Node, str]:
    """The crime-area concepts of the ontology (opg:CrimeAreas) and their English labels."""
    ontology = Graph().parse(ontology_path(), format="turtle")
    areas = {}
    for concept in ontology.subjects(SKOS.inScheme, OPG.CrimeAreas):
        labels = {lit.language: str(lit) for lit in ontology.objects(concept, SKOS.prefLabel)
                  if isinstance(lit, Literal)}
        areas[concept] = labels.get("en") or next(iter(labels.values()), _local(str(concept)))
    return areas


# --------------------------------------------------------------------------- finding a release

@dataclass(frozen=True)
class GraphSet:
    """The named graphs of a build: each release's source paths, and its graph on demand.

    Why on demand: graph files of a large build are grouped by graph with pyoxigraph,
    and only the graphs of the release shown (and the reference graph) become rdflib graphs.
    """

    sources: dict[str, tuple[str, ...]]  # release IRI -> its opg:sourcePath values
    read: Callable[[str], Graph]  # graph name -> its triples (empty when there is no such graph)

    def reference(self, release: str, base: str = DEFAULT_BASE) -> Graph:
        """The reference graph of a release's build (`<base>graph/reference`, base from its IRI)."""
        return self.read((_base_of(release) or base) + "graph/reference")


def graphs_of_files(paths: Sequence[Path]) -> GraphSet:
    """The releases in graph files written by `kg build` (graph.nq, .trig, ...). Raises
    StoreError (an OpgraphError) when a file is missing or does not parse."""
    grouped: dict[str, list[ox.Triple]] = {}
    for path in paths:
        for quad in read_quads(Path(path)):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            grouped.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    rdf_type, release_class = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OPG.Release))
    source_path = ox.NamedNode(str(OPG.sourcePath))
    sources: dict[str, tuple[str, ...]] = {}
    for name, triples in grouped.items():
        if name and any(t.predicate == rdf_type and t.object == release_class
                        and t.subject == ox.NamedNode(name) for t in triples):
            sources[name] = tuple(sorted(t.object.value for t in triples
                                         if t.predicate == source_path and t.subject == ox.NamedNode(name)
                                         and not isinstance(t.object, ox.Triple)))

    def read(name: str) -> Graph:
        graph = Graph()
        for t in grouped.get(name, ()):
            graph.add((_term(t.subject), _term(t.predicate), _term(t.object)))
        return graph

    return GraphSet(dict(sorted(sources.items())), read)


def _term(term) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise InputError(f"unsupported RDF term in a release graph: {term}")


def find_release(graphs: GraphSet, target: str) -> str:
    """The release `target` names: its IRI; or a source path, given exactly, as a longer path
    ending in it ('docs/a/b.txt' for 'a/b.txt'), or by its file name alone, when that is unique.

    Raises InputError when nothing matches, or when several releases match at the first
    rule that matches any (the message lists them).
    """
    if target in graphs.sources:
        return target
    if not graphs.sources:
        raise InputError("the graph holds no release (no named graph with an opg:Release)")
    wanted = _parts(target)
    rules: list[Callable[[str], bool]] = [
        lambda path: path == target or _parts(path) == wanted,
        lambda path: len(_parts(path)) < len(wanted) and wanted[-len(_parts(path)):] == _parts(path),
        lambda path: _parts(path)[-1:] == wanted[-1:],
    ]
    for rule in rules:
        matches = [iri for iri, paths in graphs.sources.items() if any(rule(p) for p in paths)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = "; ".join(f"{iri} ({', '.join(graphs.sources[iri])})" for iri in matches[:10])
            more = f"; and {len(matches) - 10} more" if len(matches) > 10 else ""
            raise InputError(f"{target!r} matches {len(matches)} releases: {listed}{more}; "
                             f"give the release IRI or a longer source path")
    examples = ", ".join(p for paths in list(graphs.sources.values())[:5] for p in paths[:1])
    raise InputError(f"no release has the IRI or source path {target!r} "
                     f"({len(graphs.sources)} releases in the graph, e.g. {examples})")


def _parts(path: str) -> tuple[str, ...]:
    """A path's components, whichever separator it was written with."""
    return tuple(p for p in PureWindowsPath(path).as_posix().split("/") if p not in ("", "."))


def explain(target: str, graphs: Sequence[Path] = (), *, base: str = DEFAULT_BASE) -> Explained:
    """The release `kg explain TARGET` shows.

    With `graphs` (files written by `kg build`): TARGET is a release IRI or a source path
    (see `find_release`). Without: TARGET is an input file or a directory holding one
    release, built by `kg.pipeline.build` into a temporary folder with IRIs under `base`; a line of a
    JSON Lines file is 'file.jsonl#LINE', as its source path is written. Raises InputError
    (an input holding several releases lists them) or StoreError (unreadable graph files).
    """
    if graphs:
        found = graphs_of_files(graphs)
        release = find_release(found, target)
    else:
        found, release = _built(target, base)
    # The words are in evidence.nq (kg build --evidence); a graph of an earlier opgraph kept
    # them in the release graph itself.
    graph = found.read(release) + found.read(evidence_graph_of(release))
    if (URIRef(release), NIF.isString, None) not in graph:
        raise InputError(f"the graph holds no evidence of {release}: build with kg build --evidence "
                         "and give its evidence.nq (or the build folder), or run kg explain FILE")
    return explain_graph(graph, release, found.reference(release, base))


def _built(target: str, base: str) -> tuple[GraphSet, str]:
    """The release of an input, built by `kg build` itself (with its evidence, unvalidated)
    into a temporary folder: explain shows exactly what a build makes of the file."""
    from kg.pipeline import build  # the whole extraction stack, only when building

    path, line = Path(target), None
    if not path.exists() and "#" in target:
        head, _, fragment = target.rpartition("#")
        if Path(head).is_file():
            path, line = Path(head), f"{Path(head).name}#{fragment}"
    with tempfile.TemporaryDirectory(prefix="kg-explain-") as out:
        build([path], out, base=base, check=False, cache=False, jobs=1, evidence=True,
              formats=("nq",))
        found = graphs_of_files([Path(out) / "graph.nq", Path(out) / "evidence.nq"])
    if line is not None:
        return found, find_release(found, line)
    if len(found.sources) == 1:
        return found, next(iter(found.sources))
    folder = path if path.is_dir() else path.parent
    listed = [str(folder / paths[0]) for paths in found.sources.values() if paths]
    shown = ", ".join(sorted(listed)[:20]) + (f", and {len(listed) - 20} more" if len(listed) > 20 else "")
    raise InputError(f"{target} holds {len(found.sources)} releases; explain one of them: {shown}")
