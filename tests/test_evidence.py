"""Every fact in a built graph leads back to the words that support it.

Why: the evidence layer is only worth having if it is complete and exact. These
tests build real inputs and check, release graph by release graph, that each
asserted link (involves, ledBy, country, codename, memberOf, ...), each outcome
and each official has a mention whose nif:anchorOf is exactly the release text
between its offsets, with a confidence in [0, 1]. They run on the examples
always, and on the seeds and the dev corpus of ../shared/corpus when that
checkout is present (set OPGRAPH_CORPUS to point elsewhere).
"""
from __future__ import annotations

import os
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import DCTERMS, FOAF

from kg.ids import NIF, OPG
from kg.pipeline import build

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "releases"
CORPUS = Path(os.environ.get("OPGRAPH_CORPUS", ROOT.parent / "shared" / "corpus"))
LINKS = (OPG.involves, OPG.ledBy, OPG.country, OPG.codename, OPG.crimeArea, OPG.startYear,
         OPG.actionDate)


def problems_in(ds: Dataset) -> tuple[list[str], int]:
    """What in each release graph lacks exact evidence, and how many facts were checked."""
    problems: list[str] = []
    checked = 0
    for facts in ds.graphs():
        release = facts.identifier
        if (release, RDF.type, OPG.Release) not in facts:
            continue
        graph = facts + ds.graph(URIRef(f"{release}/evidence"))  # the release with its words
        text = str(graph.value(release, NIF.isString))

        def exact(node) -> bool:
            anchors = []
            for phrase in graph.objects(node, OPG.evidence):
                begin, end = int(graph.value(phrase, NIF.beginIndex)), int(graph.value(phrase, NIF.endIndex))
                anchors.append(str(graph.value(phrase, NIF.anchorOf)) == text[begin:end] != "")
                assert graph.value(phrase, NIF.referenceContext) == release
            score = Decimal(str(graph.value(node, OPG.confidence)))
            return bool(anchors) and all(anchors) and 0 <= score <= 1

        statements = defaultdict(list)
        for st in graph.subjects(RDF.type, RDF.Statement):
            triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
            statements[triple].append(st)
        asserted = [t for p in LINKS for t in graph.triples((None, p, None))]
        asserted += [(o, OPG.memberOf, a) for o in graph.subjects(RDF.type, OPG.Official)
                     for a in graph.objects(o, OPG.memberOf)]
        for triple in asserted:
            checked += 1
            if not any(exact(st) for st in statements.get(triple, [])):
                problems.append(f"{release}: no exact evidence for {triple}")
        for cls in (OPG.Outcome, OPG.Official):
            for node in graph.subjects(RDF.type, cls):
                checked += 1
                if not exact(node):
                    problems.append(f"{release}: no exact evidence for {node}")
        for day in graph.objects(release, DCTERMS.issued):
            checked += 1
            sts = statements.get((release, DCTERMS.issued, day), [])
            if not any(exact(st) or str(graph.value(st, OPG.method)) == "metadata" for st in sts):
                problems.append(f"{release}: no evidence for its date {day}")
        for st in (s for sts in statements.values() for s in sts):
            if (graph.value(st, RDF.subject), graph.value(st, RDF.predicate),
                    graph.value(st, RDF.object)) not in graph:
                problems.append(f"{release}: statement {st} of a triple the graph does not assert")
    return problems, checked


def built(inputs: Path, out: Path, **options) -> Dataset:
    result = build([inputs], out, evidence=True, **options)
    assert result.validation is not None and result.validation.conforms, result.validation.to_text()
    ds = Dataset()
    ds.parse(out / "graph.nq", format="nquads")
    ds.parse(out / "evidence.nq", format="nquads")
    return ds


def test_every_fact_of_the_examples_has_exact_evidence(tmp_path):
    problems, checked = problems_in(built(EXAMPLES, tmp_path))
    assert problems == []
    assert checked > 50


@pytest.mark.parametrize(("part", "at_least"), [("seeds", 80), ("dev", 500)])
def test_every_fact_of_the_corpus_has_exact_evidence(part, at_least, tmp_path):
    docs = CORPUS / part / "docs"
    if not docs.is_dir():
        pytest.skip(f"no corpus at {docs} (set OPGRAPH_CORPUS)")
    problems, checked = problems_in(built(docs, tmp_path))
    assert problems == []
    print(f"{part}: {checked} facts checked")
    assert checked >= at_least


def test_a_statement_without_its_triple_is_reported(tmp_path):
    ds = built(EXAMPLES, tmp_path)
    graph = next(g for g in ds.graphs() if (g.identifier, RDF.type, OPG.Release) in g
                 and any(g.triples((None, OPG.involves, None))))
    triple = next(graph.triples((None, OPG.involves, None)))
    graph.remove(triple)
    problems, _ = problems_in(ds)
    assert any("does not assert" in p for p in problems)


def test_a_wrong_offset_is_caught(tmp_path):
    ds = built(EXAMPLES, tmp_path)
    graph = next(g for g in ds.graphs() if any(g.triples((None, NIF.anchorOf, None))))
    phrase = next(graph.subjects(RDF.type, NIF.Phrase))
    begin = graph.value(phrase, NIF.beginIndex)
    graph.set((phrase, NIF.beginIndex, type(begin)(int(begin) + 1, datatype=begin.datatype)))
    problems, _ = problems_in(ds)
    assert problems


def test_min_confidence_leaves_out_the_weaker_facts(tmp_path):
    everything = built(EXAMPLES, tmp_path / "all")
    sure = built(EXAMPLES, tmp_path / "sure", min_confidence=0.9)

    def scores(ds: Dataset) -> list[Decimal]:
        return [Decimal(str(o)) for _, _, o, _ in ds.quads((None, OPG.confidence, None, None))]

    assert min(scores(everything)) < Decimal("0.9")
    assert min(scores(sure)) >= Decimal("0.9")
    assert len(scores(sure)) < len(scores(everything))
    assert problems_in(sure)[0] == []
    threshold = {str(o) for _, _, o, _ in sure.quads((None, OPG.minConfidence, None, None))}
    assert threshold == {"0.9"}


def test_the_graph_records_the_build_and_the_source_files(tmp_path):
    ds = built(EXAMPLES, tmp_path)
    releases = [g for g in ds.graphs() if (g.identifier, RDF.type, OPG.Release) in g]
    for graph in releases:
        release = graph.identifier
        paths = {str(p) for p in graph.objects(release, OPG.sourcePath)}
        sources = list(graph.objects(release, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
        assert {str(graph.value(s, OPG.path)) for s in sources} == paths
        for source in sources:
            path = str(graph.value(source, OPG.path))
            if "#" not in path and (EXAMPLES / path).is_file():
                import hashlib
                assert str(graph.value(source, OPG.sha256)) == \
                    hashlib.sha256((EXAMPLES / path).read_bytes()).hexdigest()
    assert all(isinstance(n, URIRef) for g in releases for n in g.subjects(FOAF.name, None))


def test_a_fact_named_many_times_lists_twenty_phrases_and_counts_the_rest(tmp_path):
    """The evidence of a release is bounded by its facts, not by how often the text repeats
    them: a text naming Europol 300 times gives its involvement 20 phrases (the first, in text
    order) and opg:evidenceLeftOut 280."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "repeat.txt").write_text("Europol supported the operation. " * 300, encoding="utf-8")
    ds = built(src, tmp_path / "out")
    union = ds.graph(URIRef("urn:x-union"))
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    statement = next(union.subjects(RDF.object, URIRef("https://w3id.org/opgraph/id/agency/europol")))
    phrases = sorted(int(union.value(p, NIF.beginIndex)) for p in union.objects(statement, OPG.evidence))
    assert phrases == [33 * i for i in range(20)]
    assert int(union.value(statement, OPG.evidenceLeftOut)) == 280
    assert len(set(union.subjects(RDF.type, NIF.Phrase))) <= 2 * 20
    ds.remove_graph(union)
    assert problems_in(ds)[0] == []
