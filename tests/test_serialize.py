import json

import pytest
from rdflib import Literal, URIRef

from kg.errors import OutputError
from kg.serialize import jsonld, nquads, to_dataset, union, write_atomically

G = URIRef("https://example.org/g")
QUADS = [(URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"), Literal(i), G)
         for i in (3, 1, 2)]


def test_nquads_lines_are_sorted_and_unique():
    text = nquads(to_dataset(QUADS + QUADS[:1]))
    lines = text.splitlines()
    assert lines == sorted(lines) and len(lines) == 3


def test_jsonld_is_compacted_with_the_local_context_and_sorted():
    data = json.loads(jsonld(union(to_dataset(QUADS))))
    assert "opg" in data["@context"]
    ids = [node["@id"] for node in data["@graph"]]
    assert ids == sorted(ids)


def test_atomic_write_replaces_all_files(tmp_path):
    write_atomically({tmp_path / "a.txt": "one", tmp_path / "b.txt": "two"})
    assert (tmp_path / "a.txt").read_text() == "one" and (tmp_path / "b.txt").read_text() == "two"


def test_a_failed_write_leaves_the_previous_output_and_no_temporary_file(tmp_path):
    (tmp_path / "a.txt").write_text("old")
    (tmp_path / "b.txt").mkdir()  # cannot be replaced by a file
    with pytest.raises(OutputError):
        write_atomically({tmp_path / "a.txt": "new", tmp_path / "b.txt": "new"})
    assert (tmp_path / "a.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
