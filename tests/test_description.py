"""The dataset description every build writes (kg.description): VoID and DCAT, in its own graph.

Why: the figures are tallied piece by piece as the build streams (chunks rendered or copied,
the build activity of each release graph, the reference graph), so they are checked here
against a count of the written graph.nq made independently, line by line; and a rebuild that
copies chunks, a damaged tally, a merge and the build's validation are each exercised.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ids import DEFAULT_BASE
from kg.pipeline import build
from kg.provenance import EPOCH

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"
DESCRIPTION = f"{DEFAULT_BASE}graph/description"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def read(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def counted(quads: list[ox.Quad]) -> dict:
    """The figures of the graphs but the description, counted from scratch."""
    others = [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == DESCRIPTION)]
    entities: dict[str, set[str]] = {}
    for q in others:
        if q.predicate.value == RDF_TYPE:
            entities.setdefault(q.object.value, set()).add(q.subject.value)
    properties = Counter(q.predicate.value for q in others)
    return {"triples": len(others), "entities": len(set().union(*entities.values())),
            "classes": {c: len(e) for c, e in entities.items()}, "properties": dict(properties),
            "sources": properties[str(ox.NamedNode("https://w3id.org/opgraph/ontology#sourcePath").value)]}


def described(quads: list[ox.Quad]) -> dict:
    """The figures the description gives."""
    mine = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == DESCRIPTION]
    about: dict[str, dict[str, list]] = {}
    for q in mine:
        about.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object.value)
    [dataset] = [s for s, p in about.items() if f"{VOID}Dataset" in p.get(RDF_TYPE, [])]
    d = about[dataset]

    def one(node: str, predicate: str) -> str:
        [value] = about[node][predicate]
        return value

    [sources] = d["http://purl.org/dc/terms/source"]
    return {"triples": int(one(dataset, f"{VOID}triples")), "entities": int(one(dataset, f"{VOID}entities")),
            "classes": {one(p, f"{VOID}class"): int(one(p, f"{VOID}entities")) for p in d[f"{VOID}classPartition"]},
            "properties": {one(p, f"{VOID}property"): int(one(p, f"{VOID}triples"))
                           for p in d[f"{VOID}propertyPartition"]},
            "sources": int(one(sources, "http://schema.org/collectionSize")),
            "class count": int(one(dataset, f"{VOID}classes")),
            "property count": int(one(dataset, f"{VOID}properties")),
            "created": d["http://purl.org/dc/terms/created"],
            "license": d.get("http://purl.org/dc/terms/license", []),
            "builds": d["http://www.w3.org/ns/prov#wasGeneratedBy"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("described") / "out"
    return out, build([EXAMPLES], out, started=EPOCH, license=LICENSE)


def test_the_description_counts_the_written_graph(built):
    out, result = built
    quads = read(out / "graph.nq")
    mine, truth = described(quads), counted(quads)
    assert {k: mine[k] for k in truth} == truth
    assert truth["classes"]["https://w3id.org/opgraph/ontology#Agency"] == 13  # once, though typed in many graphs
    assert truth["sources"] == 7  # 4 files and 3 lines of a JSON Lines file
    assert (mine["class count"], mine["property count"]) == (len(truth["classes"]), len(truth["properties"]))
    assert result.quads == len(quads) and result.graphs == result.releases + 2


def test_the_description_says_when_by_what_and_under_which_licence(built):
    out, result = built
    mine = described(read(out / "graph.nq"))
    assert mine["created"] == ["1970-01-01T00:00:00Z"]  # the build's start: a reproducible build stays so
    assert mine["license"] == [LICENSE]
    [build_iri] = mine["builds"]
    assert f"<{build_iri}> <http://www.w3.org/ns/prov#startedAtTime>" in (out / "graph.nq").read_text()
    assert result.validation is not None and result.validation.conforms
    turtle = (out / "graph.ttl").read_text()
    assert "a dcat:Dataset, void:Dataset" in turtle or "a void:Dataset, dcat:Dataset" in turtle
    assert '"VoidDataset"' in (out / "graph.jsonld").read_text()


def test_no_licence_unless_one_is_given(tmp_path):
    build([EXAMPLES / "europol-glass-harbour.txt"], tmp_path, started=EPOCH)
    assert described(read(tmp_path / "graph.nq"))["license"] == []


def test_a_rebuild_copying_chunks_counts_as_a_clean_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(EXAMPLES, src)
    build([src], tmp_path / "out", started=EPOCH)
    (src / "europol-glass-harbour.txt").unlink()
    again = build([src], tmp_path / "out", started=EPOCH)
    assert again.reused_chunks > 0
    clean = build([src], tmp_path / "clean", started=EPOCH, cache=False)
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (tmp_path / "clean" / "graph.nq").read_bytes()
    quads = read(tmp_path / "out" / "graph.nq")
    truth = counted(quads)
    assert {k: described(quads)[k] for k in truth} == truth and clean.releases == 6


def test_a_damaged_tally_renders_its_chunk_again(tmp_path):
    build([EXAMPLES], tmp_path / "out", started=EPOCH)
    first = (tmp_path / "out" / "graph.nq").read_bytes()
    tallies = sorted((tmp_path / "out" / ".kg-cache" / "tally").rglob("*"))
    damaged = [p for p in tallies if p.is_file()][:2]
    assert damaged
    for path in damaged:
        path.write_bytes(b"not a tally")
    build([EXAMPLES], tmp_path / "out", started=EPOCH)
    assert (tmp_path / "out" / "graph.nq").read_bytes() == first
    assert all(path.read_bytes().startswith(b"opgraph-cache ") for path in damaged)  # rendered and kept again


def test_the_build_validates_the_description(tmp_path):
    """Shapes that ask every dataset for a licence: the build's own validator sees the description."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(Path("shapes/opgraph.shapes.ttl").read_text(encoding="utf-8") + """
opgsh:Dataset-licenseRequired
    a sh:PropertyShape ;
    sh:path dcterms:license ;
    sh:minCount 1 ;
    sh:message "This catalogue wants a licence on every dataset"@en .

opgsh:DatasetShape sh:property opgsh:Dataset-licenseRequired .
""", encoding="utf-8")
    one = EXAMPLES / "europol-glass-harbour.txt"
    without = build([one], tmp_path / "a", started=EPOCH, shapes=shapes)
    assert without.validation is not None and not without.validation.conforms
    assert [v.message for v in without.validation.violations] == ["This catalogue wants a licence on every dataset"]
    given = build([one], tmp_path / "b", started=EPOCH, shapes=shapes, license=LICENSE)
    assert given.validation is not None and given.validation.conforms


def test_a_merge_describes_the_merged_whole_once(tmp_path):
    whole = build([EXAMPLES], tmp_path / "whole", started=EPOCH, license=LICENSE, check=False)
    runner = CliRunner()
    for i in (1, 2):
        done = runner.invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path / f"p{i}"), "--shard", f"{i}/2",
                                    "--reproducible", "--license", LICENSE, "--no-validate"])
        assert done.exit_code == 0, done.output
    merged = runner.invoke(main, ["merge", str(tmp_path / "p1"), str(tmp_path / "p2"), "--out", str(tmp_path / "m")])
    assert merged.exit_code == 0, merged.output
    quads = read(tmp_path / "m" / "graph.nq")
    assert sum(1 for q in quads if q.predicate.value == RDF_TYPE and q.object.value == f"{VOID}Dataset") == 1
    truth = counted(quads)
    assert {k: described(quads)[k] for k in truth} == truth
    assert described(quads)["license"] == [LICENSE]
    assert set(map(str, quads)) == set(map(str, read(tmp_path / "whole" / "graph.nq"))) and whole.releases == 7


def test_the_cli_refuses_a_licence_that_is_no_iri(tmp_path):
    done = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path / "out"), "--license", "CC BY 4.0"])
    assert done.exit_code == 2
    assert done.output == ("Error: --license must be an absolute IRI, such as "
                           "https://creativecommons.org/licenses/by/4.0/, not 'CC BY 4.0'\n")
    assert not (tmp_path / "out" / "graph.nq").exists()
