#!/usr/bin/env python3
"""Extraction time per release, this checkout against another one, on the same documents.

    python benchmarks/extract_speed.py --corpus /tmp/bw/corpus-0-2000 --other /tmp/base
    git worktree add /tmp/base 6a536af     # the other checkout: any revision of opgraph

Why: the issue that made extraction language-aware allows it 15% more time per release, and
the build benchmark's extract stage (benchmarks/build.py) runs in worker processes on a
shared 2-core machine, where one run's figure moves by a fifth. Here each checkout reads the
documents once and extracts them in one process (CPU time, after a warm-up), best of three;
the two checkouts alternate, ROUNDS times, and the medians and minimums are printed.
The corpus is any folder kg reads: `python benchmarks/corpus.py` or `benchmarks/build.py
--work DIR` generate one.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_RUN = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from kg.ingest import read_inputs
from kg.extract import extract
from kg.reference import reference
docs, _ = read_inputs([Path(sys.argv[2])])
ref = reference()
for d in docs[:20]:
    extract(d, ref)
best = None
for _ in range(3):
    start = time.process_time()
    for d in docs:
        extract(d, ref)
    spent = time.process_time() - start
    best = spent if best is None else min(best, spent)
print(len(docs), best / len(docs) * 1000)
"""


def one_run(checkout: Path, corpus: Path) -> tuple[int, float]:
    """(documents, milliseconds per document) of one process extracting the corpus."""
    done = subprocess.run([sys.executable, "-c", ONE_RUN, str(checkout), str(corpus)],
                          capture_output=True, text=True, check=True)
    count, ms = done.stdout.split()
    return int(count), float(ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="documents to extract")
    parser.add_argument("--other", type=Path, required=True, help="another opgraph checkout to compare with")
    parser.add_argument("--rounds", type=int, default=5, help="alternations of the two (default 5)")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"this": [], "other": []}
    count = 0
    for _ in range(args.rounds):
        for name, checkout in (("this", ROOT), ("other", args.other.resolve())):
            count, ms = one_run(checkout, args.corpus)
            times[name].append(ms)
    print(f"documents: {count}; rounds: {args.rounds} (best of three passes each)")
    for name, found in times.items():
        print(f"{name:<6} median {statistics.median(found):.2f} ms/doc, min {min(found):.2f}")
    ratio = statistics.median(times["this"]) / statistics.median(times["other"])
    print(f"this / other (medians): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
