"""Sharded builds: N parts of a corpus, merged by `kg merge`, give the dataset of one build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from kg.cli import main
from kg.errors import InputError
from kg.ids import DEFAULT_BASE
from kg.pipeline import build, in_shard, parse_shard
from kg.provenance import EPOCH
from kg.shards import merge_shards

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"

# Two reports of one raid without a codename: merged by their figures (107 arrests, 45 firearms).
SAME_RAID = {
    "same-1.txt": "Europol supported the Spanish National Police in an action day against a cocaine "
                  "trafficking network on 3 March 2024. Officers made 107 arrests and seized 45 "
                  "firearms during 60 house searches in Madrid and Valencia.\n",
    "same-2.txt": "MADRID, 5 March 2024 - The Spanish National Police, supported by Europol, arrested "
                  "107 suspects and seized 45 firearms in a crackdown on a cocaine network. "
                  "Investigators searched 60 houses.\n",
}


def quads(*files: Path) -> set:
    ds = Dataset()
    for path in files:
        ds.parse(path, format="nquads")
    return set(ds.quads((None, None, None, None)))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    shutil.copytree(EXAMPLES, src, dirs_exist_ok=True)
    for name, text in SAME_RAID.items():
        (src / name).write_text(text)
    assert in_shard("same-1.txt", (1, 2)) and in_shard("same-2.txt", (2, 2))  # the raid spans both
    return src


def test_every_input_is_in_exactly_one_shard():
    names = [f"{i:05d}.txt" for i in range(300)]
    for count in (1, 2, 3, 8):
        owners = [[i for i in range(1, count + 1) if in_shard(n, (i, count))] for n in names]
        assert all(len(o) == 1 for o in owners)
    assert {n for n in names if in_shard(n, (1, 3))} == {n for n in names if in_shard(n, (1, 3))}


def test_shards_merged_give_the_dataset_of_one_build(corpus, tmp_path):
    whole = build([corpus], tmp_path / "whole", started=EPOCH)
    parts = [build([corpus], tmp_path / f"part{i}", started=EPOCH, shard=(i, 2)) for i in (1, 2)]
    assert sum(p.releases for p in parts) == whole.releases
    shards = [tmp_path / f"part{i}" / "graph.nq" for i in (1, 2)]
    # Concatenated as they are, the raid is two operations; merged, it is one, as in one build.
    assert quads(*shards) != quads(tmp_path / "whole" / "graph.nq")
    result = merge_shards([tmp_path / "part1", tmp_path / "part2"], tmp_path / "merged")
    assert result.renamed == 1
    assert quads(tmp_path / "merged" / "graph.nq") == quads(tmp_path / "whole" / "graph.nq")


def test_without_an_operation_across_shards_concatenation_is_enough(tmp_path):
    """But for the description of the whole (kg.description): each shard describes itself, and
    only `kg merge` writes one description of the merged whole."""
    whole = build([EXAMPLES], tmp_path / "whole", started=EPOCH)
    for i in (1, 2, 3):
        build([EXAMPLES], tmp_path / f"part{i}", started=EPOCH, shard=(i, 3))
    shards = [tmp_path / f"part{i}" / "graph.nq" for i in (1, 2, 3) if (tmp_path / f"part{i}" / "graph.nq").exists()]
    described = URIRef(f"{DEFAULT_BASE}graph/description")
    assert whole.releases and {q for q in quads(*shards) if q[3] != described} == \
        {q for q in quads(tmp_path / "whole" / "graph.nq") if q[3] != described}
    result = merge_shards([path.parent for path in shards], tmp_path / "merged")
    assert result.releases == whole.releases
    assert quads(tmp_path / "merged" / "graph.nq") == quads(tmp_path / "whole" / "graph.nq")


def test_shard_syntax():
    assert parse_shard("2/8") == (2, 8)
    for bad in ("0/2", "3/2", "2", "a/b", "1/0"):
        with pytest.raises(ValueError):
            parse_shard(bad)


def test_the_cli_builds_a_shard_and_merges(corpus, tmp_path):
    runner = CliRunner()
    for i in (1, 2):
        done = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path / f"p{i}"),
                                    "--shard", f"{i}/2", "--reproducible"])
        assert done.exit_code == 0, done.output
    merged = runner.invoke(main, ["merge", str(tmp_path / "p1"), str(tmp_path / "p2"),
                                  "--out", str(tmp_path / "m")])
    assert merged.exit_code == 0, merged.output
    lines = len((tmp_path / "m" / "graph.nq").read_text().splitlines())
    assert merged.output == (f"merged:   2 shards, {len(list(corpus.iterdir())) + 2} releases; "
                             f"1 operation renamed, 0 agency labels settled\n"
                             f"wrote:    {tmp_path / 'm' / 'graph.nq'} ({lines} lines)\n")
    bad = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path / "x"), "--shard", "3/2"])
    assert bad.exit_code == 2 and bad.output == "Error: shard 3/2: I must be between 1 and N\n"
    missing = runner.invoke(main, ["merge", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m2")])
    assert missing.exit_code == 2 and "Error: no such N-Quads file:" in missing.output


def test_shards_built_with_evidence_merge_their_evidence_too(corpus, tmp_path):
    build([corpus], tmp_path / "whole", started=EPOCH, evidence=True)
    for i in (1, 2):
        build([corpus], tmp_path / f"part{i}", started=EPOCH, shard=(i, 2), evidence=True)
    result = merge_shards([tmp_path / "part1", tmp_path / "part2"], tmp_path / "merged")
    assert result.renamed == 1 and result.evidence == tmp_path / "merged" / "evidence.nq"
    for name in ("graph.nq", "evidence.nq"):
        assert quads(tmp_path / "merged" / name) == quads(tmp_path / "whole" / name), name


def test_evidence_in_some_shards_only_is_an_error(corpus, tmp_path):
    build([corpus], tmp_path / "part1", started=EPOCH, shard=(1, 2), evidence=True)
    build([corpus], tmp_path / "part2", started=EPOCH, shard=(2, 2))
    with pytest.raises(InputError, match=r"evidence.nq is in 1 of 2 shards \(not in .*part2\)"):
        merge_shards([tmp_path / "part1", tmp_path / "part2"], tmp_path / "merged")
