"""End to end: the examples become a conforming graph, the same in every format and every run."""
from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, timezone
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg import build
from kg.provenance import EPOCH
from kg.errors import InputError
from kg.ids import OPG

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("out")
    return out, build([EXAMPLES], out)


def read_dataset(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="nquads")
    return ds


def test_writes_the_three_graph_files_and_the_skipped_list(built):
    out, result = built
    assert sorted(p.name for p in out.iterdir()) == [".kg-cache", ".kg-lock", "graph.jsonld", "graph.nq", "graph.ttl",
                                                     "skipped.tsv"]
    assert result.skipped == ()
    assert (out / "skipped.tsv").read_text() == "path\treason\n"


def test_the_graph_conforms(built):
    _, result = built
    assert result.validation is not None and result.validation.conforms, result.validation.to_text()


def test_one_named_graph_per_release_named_by_its_iri(built):
    out, result = built
    ds = read_dataset(out / "graph.nq")
    typed = {(s, g) for s, p, o, g in ds.quads((None, RDF.type, OPG.Release, None))}
    assert len(typed) == result.releases
    assert all(str(s) == str(g) for s, g in typed)
    graph_names = {str(g) for _, _, _, g in ds.quads((None, None, None, None))}
    assert graph_names == {str(s) for s, _ in typed} | {"https://w3id.org/opgraph/id/graph/reference",
                                                         "https://w3id.org/opgraph/id/graph/description"}


def test_every_class_of_the_contract_appears(built):
    out, _ = built
    graph = Graph().parse(out / "graph.ttl")
    types = set(graph.objects(None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")))
    for cls in ("Release", "Operation", "Agency", "Country", "Official", "Outcome"):
        assert OPG[cls] in types, cls


def test_turtle_jsonld_and_nquads_union_are_the_same_graph(built):
    out, _ = built
    union = Graph()
    for s, p, o, _ in read_dataset(out / "graph.nq").quads((None, None, None, None)):
        union.add((s, p, o))
    ttl = Graph().parse(out / "graph.ttl", format="turtle")
    jsonld = Graph().parse(out / "graph.jsonld", format="json-ld")
    assert len(union) == len(ttl) == len(jsonld)
    assert isomorphic(union, ttl)
    assert isomorphic(union, jsonld)


def test_a_second_parser_reads_the_same_number_of_triples(built):
    out, result = built
    counts = {}
    for name, fmt in (("graph.ttl", pyoxigraph.RdfFormat.TURTLE),
                      ("graph.jsonld", pyoxigraph.RdfFormat.JSON_LD)):
        counts[name] = len({(q.subject, q.predicate, q.object)
                            for q in pyoxigraph.parse(path=str(out / name), format=fmt)})
    nq = list(pyoxigraph.parse(path=str(out / "graph.nq"), format=pyoxigraph.RdfFormat.N_QUADS))
    assert len(nq) == len(set(nq)) == result.quads
    assert counts["graph.ttl"] == counts["graph.jsonld"] == len({(q.subject, q.predicate, q.object) for q in nq})


def test_no_blank_nodes(built):
    out, _ = built
    assert "_:" not in (out / "graph.nq").read_text()


def run_build(out: Path, seed: str, *options: str, epoch: str | None = None) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = seed
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(EXAMPLES), "--out", str(out), *options],
                   check=True, env=env, capture_output=True)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_same_input_same_bytes_under_two_hash_seeds(tmp_path):
    assert run_build(tmp_path / "a", "1", "--reproducible") == run_build(tmp_path / "b", "2024", "--reproducible")


def test_reproducible_records_the_epoch_and_source_date_epoch_wins(tmp_path):
    fixed = run_build(tmp_path / "a", "1", "--reproducible")["graph.nq"].decode()
    assert '"1970-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in fixed
    given = run_build(tmp_path / "b", "1", "--reproducible", epoch="1700000000")["graph.nq"].decode()
    assert '"2023-11-14T22:13:20Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in given


def test_the_build_time_is_the_only_value_that_varies(tmp_path):
    first = run_build(tmp_path / "a", "1", epoch="1700000000")["graph.nq"].decode().splitlines()
    second = run_build(tmp_path / "b", "1", epoch="1700000001")["graph.nq"].decode().splitlines()
    assert len(first) == len(second)
    changed = set(first) ^ set(second)
    builds = {line.split()[0] for line in changed if "/id/build/" in line.split()[0]}
    assert len(builds) == 2  # one activity per build, nothing else of its own
    # and the dataset description's date, which is the build's (kg.description)
    assert all("/id/build/" in line or "<http://purl.org/dc/terms/created>" in line for line in changed)
    assert len([line for line in changed if "/terms/created>" in line]) == 2
    times = [line for line in changed if "startedAtTime" in line]
    assert {t.split('"')[1] for t in times} == {"2023-11-14T22:13:20Z", "2023-11-14T22:13:21Z"}


def test_whitespace_duplicates_become_one_release_with_two_source_paths(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Europol supported the Spanish National Police.\nTwo men were arrested.")
    (src / "b.txt").write_text("Europol supported the Spanish National Police. Two men were  arrested.")
    result = build([src], tmp_path / "out")
    assert result.releases == 1 and result.source_files == 2
    ds = read_dataset(tmp_path / "out" / "graph.nq")
    paths = sorted(str(o) for _, _, o, _ in ds.quads((None, OPG.sourcePath, None, None)))
    assert paths == ["a.txt", "b.txt"]


def test_an_input_with_nothing_readable_is_an_error_and_writes_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("")
    with pytest.raises(InputError, match="no release could be read"):
        build([src], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_build_says_how_long_each_stage_took(tmp_path):
    result = build([EXAMPLES], tmp_path / "out")
    assert list(result.seconds) == ["read", "extract", "resolve", "map", "validate", "write"]
    assert all(seconds >= 0 for seconds in result.seconds.values())
    unchecked = build([EXAMPLES], tmp_path / "out2", check=False)
    assert unchecked.seconds["validate"] < result.seconds["validate"]


def test_extracting_in_several_processes_gives_the_same_bytes(tmp_path, monkeypatch):
    import kg.pipeline as pipeline
    monkeypatch.setattr(pipeline, "MIN_PER_JOB", 1)  # the examples are too few to share out otherwise
    monkeypatch.setattr(pipeline, "MIN_FILES_PER_JOB", 1)
    one = build([EXAMPLES], tmp_path / "one", jobs=1, started=EPOCH)
    two = build([EXAMPLES], tmp_path / "two", jobs=2, started=EPOCH)
    assert one.releases == two.releases
    for name in ("graph.nq", "graph.ttl", "graph.jsonld"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def graph_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.nq", "graph.ttl", "graph.jsonld")}


def test_a_rebuild_reads_the_cache_and_copies_every_chunk_giving_the_same_bytes(tmp_path):
    """Every chunk, those of the two releases reporting one operation (Glass Harbour) too: the
    triples they give the union formats (written once, after the release graphs) are cached
    beside them. Before, such chunks were rendered again on every rebuild (half of a corpus
    whose operations many releases report)."""
    first = build([EXAMPLES], tmp_path / "out", started=EPOCH)
    before = graph_bytes(tmp_path / "out")
    again = build([EXAMPLES], tmp_path / "out", started=EPOCH)
    assert first.cached_files == 0 and first.reused_chunks == 0
    assert again.cached_files == len(list(EXAMPLES.iterdir())) and again.reused_chunks == again.releases
    assert graph_bytes(tmp_path / "out") == before
    assert again.validation is not None and again.validation.conforms


def test_after_one_file_changes_only_it_is_extracted_and_the_output_equals_a_clean_build(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    build([src], tmp_path / "out", started=EPOCH)
    changed = sorted(p for p in src.iterdir() if p.suffix == ".txt")[0]
    changed.write_text(changed.read_text() + "\nTwelve suspects were arrested in Portugal.\n")
    later = datetime(2024, 1, 1, tzinfo=timezone.utc)  # a new build time changes no chunk
    rebuilt = build([src], tmp_path / "out", started=later)
    clean = build([src], tmp_path / "clean", started=later, cache=False)
    assert rebuilt.cached_files == len(list(src.iterdir())) - 1
    assert 0 < rebuilt.reused_chunks < rebuilt.releases
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "clean")
    assert clean.cached_files == 0 and not (tmp_path / "clean" / ".kg-cache").exists()


def test_a_cache_from_other_tools_is_not_used(tmp_path):
    build([EXAMPLES], tmp_path / "out", started=EPOCH)
    other = build([EXAMPLES], tmp_path / "out", started=EPOCH, min_confidence=0.5)
    assert other.cached_files == 0 and other.reused_chunks == 0


def test_an_output_changed_by_hand_is_rebuilt_not_copied(tmp_path):
    build([EXAMPLES], tmp_path / "out", started=EPOCH)
    before = graph_bytes(tmp_path / "out")
    with (tmp_path / "out" / "graph.ttl").open("a") as handle:
        handle.write("# edited\n")
    again = build([EXAMPLES], tmp_path / "out", started=EPOCH)
    assert again.reused_chunks == 0 and graph_bytes(tmp_path / "out") == before


def test_the_lean_graph_and_the_evidence_together_are_the_whole_graph(tmp_path):
    """graph.nq alone holds every fact; with --evidence, evidence.nq holds the rest, in one
    graph per release named <release>/evidence: the two together are every quad of a release."""
    lean = build([EXAMPLES], tmp_path / "lean", started=EPOCH)
    whole = build([EXAMPLES], tmp_path / "whole", started=EPOCH, evidence=True)
    assert (tmp_path / "lean" / "graph.nq").read_bytes() == (tmp_path / "whole" / "graph.nq").read_bytes()
    assert not (tmp_path / "lean" / "evidence.nq").exists()
    evidence = read_dataset(tmp_path / "whole" / "evidence.nq")
    names = {str(g.identifier) for g in evidence.graphs() if len(g)}
    releases = {str(g.identifier) for g in read_dataset(tmp_path / "lean" / "graph.nq").graphs()
                if "/release/" in str(g.identifier)}
    assert names == {f"{r}/evidence" for r in releases}
    assert lean.quads == whole.quads and lean.validation.conforms and whole.validation.conforms


def test_a_later_copy_fills_metadata_when_it_has_a_date_or_field_the_first_lacks():
    """Which copies of one release are extracted again from their merged document: those whose
    later copies add a publication date or another field (title, publisher, url, language)."""
    from datetime import date

    from kg.streaming import Summary, fills_metadata

    def copy(path: str, published=None, title=None) -> Summary:
        return Summary("k-0", "key", "plain", (title, None, None, "en", "day"), published, (path,), ("0" * 64,),
                       None, (), ())

    bare, dated, titled = copy("a.txt"), copy("b.txt", date(2024, 5, 1)), copy("c.txt", title="T")
    assert fills_metadata([bare, dated]) and fills_metadata([bare, titled])
    assert not fills_metadata([dated, bare]) and not fills_metadata([bare, copy("d.txt")])
    assert fills_metadata([dated, titled]) and not fills_metadata([titled, copy("e.txt", title="U")])
