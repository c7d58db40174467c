#!/usr/bin/env python3
"""Benchmark: `kg stats --store` and `kg report --store` on a store of N releases.

Why: issue 21 asks for the report page in under 30 s from a store at 100,000 releases, and for
`kg stats` to be fast at a million triples. This script measures both, from the repository root:

    python benchmarks/report.py --graph BUILD/graph.nq --copies 10      # 10k build -> 100k releases
    python benchmarks/report.py --store /tmp/c21/store10k              # an existing store as it is

What it does (deterministic, no network):
1. with --graph, copies the build's release graphs --copies times (as benchmarks/query_store.py
   does: each copy renames every release, operation, outcome and official, and moves its dates
   k % 15 years later; agencies and countries stay shared) and bulk-loads them into a new store;
2. times the whole commands `kg stats --store` and `kg report --store` (Python start-up included),
   once each, in a child process;
3. in this process, times each named query the report runs, then the drawing of the page.

Exit codes: 0 measured; 1 a command failed; 2 the store could not be made.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.query_store import GRAPH_OF_LINE, RELEASE_GRAPH, replicate  # noqa: E402
from kg.report import to_html  # noqa: E402
from kg.report_data import CHART_QUERIES, ReportData, answer  # noqa: E402
from kg.stats import stats  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402


def make_store(graph: Path, copies: int, folder: Path) -> tuple[int, float]:
    """The build's release graphs `copies` times in a new store under `folder`; (quads, seconds)."""
    shared = releases = 0
    with graph.open(encoding="utf-8") as lines:
        for line in lines:
            m = GRAPH_OF_LINE.search(line)
            if m and m.group(1).startswith(RELEASE_GRAPH):
                releases += 1
            elif line.strip():
                shared += 1
    start = time.perf_counter()
    nq = folder / "copies.nq"
    quads, _, _, _ = replicate(graph, shared + copies * releases, nq)
    store = ox.Store(str(folder / "store"))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    nq.unlink()
    return quads, time.perf_counter() - start


def time_command(*args: str) -> float:
    """Seconds of one whole `kg` command in a child process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return time.perf_counter() - start


def phases(store_dir: Path) -> list[tuple[str, float]]:
    """Each query of the report, then the page drawn from their answers, timed in this process."""
    source = EmbeddedStore(store_dir, read_only=True)
    timed = []
    start = time.perf_counter()
    figures = stats(source)
    timed.append(("stats (stats-totals, stats-outcome-types, stats-languages)", time.perf_counter() - start))
    answers = {}
    for name in CHART_QUERIES:
        start = time.perf_counter()
        answers[name] = answer(source, name)
        timed.append((name, time.perf_counter() - start))
    start = time.perf_counter()
    to_html(ReportData(figures, answers))
    timed.append(("drawing the page", time.perf_counter() - start))
    return timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="graph.nq of a build, copied --copies times into a new store")
    parser.add_argument("--copies", type=int, default=10, help="copies of the build's releases (default 10)")
    parser.add_argument("--store", type=Path, help="the store to read (with --graph: where to make it)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="opgraph-report-") as scratch:
        store_dir = args.store
        if args.graph is not None:
            folder = args.store or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            try:
                quads, seconds = make_store(args.graph, args.copies, folder)
            except (OSError, ValueError) as exc:
                print(f"could not make the store: {exc}", file=sys.stderr)
                return 2
            store_dir = folder / "store"
            print(f"store: {quads:,} quads ({args.copies} copies of {args.graph}) loaded in {seconds:.0f} s")
        if store_dir is None:
            parser.error("give --graph or --store")
        page = Path(scratch) / "report.html"
        print(f"kg stats --store:  {time_command('stats', '--store', str(store_dir)):.1f} s")
        print(f"kg report --store: {time_command('report', '--store', str(store_dir), '-o', str(page)):.1f} s "
              f"({page.stat().st_size:,} bytes)")
        for name, seconds in phases(store_dir):
            print(f"  {name:<60} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
