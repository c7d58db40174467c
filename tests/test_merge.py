"""One node per operation across releases, and no false merges."""
from datetime import date

from kg.merge import merge_operations
from kg.records import Document, Official, Operation, Outcome, Release


def release(name, *, key=None, codenames=(), agencies=("europol",), countries=("ES",),
            figures=(), published=None, officials=()):
    outcomes = tuple(Outcome(f"{name}-{t}-{n}", t, n, country=c) for t, n, c in figures)
    op = Operation(key or f"op-{name}", codenames, agencies, (), countries, outcomes)
    doc = Document(name, (f"{name}.txt",), "plain")
    people = tuple(Official(o, o, None, None) for o in officials)
    return Release(f"rel-{name}", doc, published, (op,), people)


def keys(releases):
    return [r.operations[0].key for r in merge_operations(releases)]


def test_two_shared_figures_make_one_operation():
    a = release("a", figures=[("Arrest", 107, None), ("Seizure", 1388, None)])
    b = release("b", agencies=("ro-police",), countries=("RO",),
                figures=[("Arrest", 107, None), ("Seizure", 1388, None), ("Search", 630, None)])
    assert keys([a, b]) == ["op-a", "op-a"]


def test_one_figure_needs_agencies_or_countries_in_common_and_both_dates():
    day = date(2023, 5, 2)
    a = release("a", agencies=("gb-nca", "gb-border-force"), countries=("GB",), figures=[("Arrest", 4, None)],
                published=day)
    b = release("b", agencies=("gb-nca",), countries=("GB",), figures=[("Arrest", 4, None)], published=day)
    c = release("c", agencies=("us-fbi",), countries=("US",), figures=[("Arrest", 4, None)], published=day)
    assert keys([a, b, c]) == ["op-a", "op-a", "op-c"]
    # Without a date on one side, one figure and a national police with Europol in common
    # (a child-abuse case and a cocaine cartel, both "13 arrests") is too little.
    undated = release("d", agencies=("gb-nca",), countries=("GB",), figures=[("Arrest", 4, None)])
    assert keys([a, undated]) == ["op-a", "op-d"]


def test_same_official_with_agencies_and_countries_in_common():
    a = release("a", agencies=("europol", "es-pn"), countries=("ES", "AU"), officials=["ruiz"])
    b = release("b", agencies=("europol", "es-pn", "au-qps"), countries=("ES", "AU"), officials=["ruiz"])
    assert keys([a, b]) == ["op-a", "op-a"]


def test_releases_far_apart_in_time_are_two_operations():
    a = release("a", figures=[("Arrest", 107, None), ("Seizure", 1388, None)], published=date(2023, 1, 5))
    b = release("b", figures=[("Arrest", 107, None), ("Seizure", 1388, None)], published=date(2024, 1, 5))
    assert keys([a, b]) == ["op-a", "op-b"]


def test_editions_with_different_codenames_are_never_merged():
    figures = [("Arrest", 107, None), ("Seizure", 3561, None)]
    a = release("a", key="pandora-vii", codenames=("Pandora VII",), figures=figures)
    b = release("b", key="pandora-ix", codenames=("Pandora IX",), figures=figures)
    c = release("c", figures=figures)
    merged = keys([a, b, c])
    assert merged[0] != merged[1] and merged[2] in merged[:2]


def test_a_release_without_a_codename_joins_the_named_operation():
    figures = [("Arrest", 796, None), ("Seizure", 120, None)]
    a = release("a", figures=figures)
    b = release("b", key="jad-see", codenames=("JAD SEE",), figures=figures)
    assert keys([a, b]) == ["jad-see", "jad-see"]


def test_small_counts_and_figures_for_other_countries_do_not_tie_releases():
    a = release("a", figures=[("Arrest", 2, None), ("Arrest", 46, "NZ")])
    b = release("b", figures=[("Arrest", 2, None), ("Arrest", 46, "ES")])
    assert keys([a, b]) == ["op-a", "op-b"]


def test_a_figure_many_releases_share_pairs_only_those_near_in_time():
    from datetime import timedelta

    from kg.merge import MAX_SHARED, _candidates, profile
    start = date(2020, 1, 1)
    crowd = [release(f"r{i}", agencies=(f"agency-{i}",), countries=(f"C{i}",), figures=[("Arrest", 4, None)],
                     published=start + timedelta(days=30 * i)) for i in range(MAX_SHARED + 1)]
    near = release("near", agencies=("agency-0",), countries=("C0",), figures=[("Arrest", 4, None)],
                   published=start + timedelta(days=3))
    both = [release(f"b{i}", figures=[("Arrest", 4, None), ("Seizure", 9, None)]) for i in range(2)]
    profiles = [profile(r) for r in [*crowd, near, *both]]
    pairs = set(_candidates(profiles))
    n = len(crowd)
    assert (0, n) in pairs  # "near" is three days from r0
    assert (0, 1) not in pairs and (0, n - 1) not in pairs  # 30 days and more apart: never one operation
    assert (n + 1, n + 2) in pairs  # undated, but two figures in common
    merged = keys([*crowd, near])
    assert merged[0] == merged[n] and len(set(merged)) == n


CANDIDATES_UNDER_A_SEED = """
import random, sys
from kg.merge import _candidates, profile
sys.path.insert(0, {tests!r})
from test_merge import release
rng = random.Random(7)
figures = [("Arrest", n, None) for n in (4, 5, 6, 7, 8)]
crowd = [release(f"r{{i}}", figures=rng.sample(figures, 3)) for i in range(200)]
print(_candidates([profile(r) for r in crowd]))
"""


def test_candidate_pairs_do_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys
    from pathlib import Path
    code = CANDIDATES_UNDER_A_SEED.format(tests=str(Path(__file__).parent))
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    pairs = eval(outputs.pop())
    assert pairs and all(i < j for i, j in pairs)
