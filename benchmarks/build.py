"""Benchmark: `kg build` end to end on generated corpora of 1k, 10k and 100k releases.

Why: analysts rebuild the graph whenever the extractors or the reference data improve, so
the build's speed, its growth with the corpus and its memory are features, and issue 18 sets
targets for them on two cores (500 releases/s at 10k and 100k, 250/s with --evidence, 700/s
with --format nq alone; time(100k) / time(10k) <= 10.5; peak memory at 100k <= 1 GB; a
rebuild after changing 1% at most 3% of a full build). This script measures them in one run
and prints, per corpus size, variant and stage (read, extract, resolve, map, validate,
write), seconds, releases/s, MB/s, peak memory and output size per release.

    python benchmarks/build.py                          # 1k, 10k and 100k releases
    python benchmarks/build.py --sizes 1000 --no-straightforward
    python benchmarks/build.py --sizes 1000,10000 --timeout 900 --markdown
    python benchmarks/build.py --sizes 10000 --variants default,evidence,nq --no-straightforward

Each build runs in a child process (`kg.pipeline.build`, validated, all three serializations
written, cache on), so its peak memory is its own; the stage columns are seconds of work summed
over the worker processes (so they add up to about twice the wall time on two cores), "total"
is the wall time. Memory: the main process's and the largest worker's peak RSS, and the peak
proportional set size of all of them together (sampled every 0.5 s: the memory really used,
pages shared by forked workers counted once). From 10,000 releases on, the child then changes
1% of the files (every 100th, a sentence appended; JSON Lines files left alone) and builds
again into the same folder: "rebuild 1% s". Corpora come from benchmarks/corpus.py, deterministic
by seed, and are kept under --work between runs. "straightforward" is the design issue 7
compares against: the same extraction, then one rdflib Dataset filled triple by triple, rdflib's
serializers and one pyshacl run over the whole graph; it runs on the smallest size only.

Exit codes: 0 every build ran (met targets or not: this is a benchmark, not a test); 1 a build
failed or timed out; 2 the corpus could not be made.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STAGES = ("read", "extract", "resolve", "map", "validate", "write")
VARIANTS = {"default": "pipeline", "evidence": "pipeline --evidence", "nq": "pipeline --format nq",
            "cluster": "pipeline --cluster local:2"}
MB = 1024 * 1024

# The child: one build, its figures as JSON on the last line of standard output.
CHILD = r"""
import json, os, resource, sys, time
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, {repo!r})
design, corpus, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
rebuild = len(sys.argv) > 4 and sys.argv[4] == "rebuild"

import threading
peak = {{"pss": 0}}
def tree_pss():
    # Proportional set size of this process and its workers: memory really used, with the
    # pages forked workers share with it counted once (RSS would count them in each).
    me, total = os.getpid(), 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{{entry}}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if int(entry) != me and ppid != me:
                continue
            with open(f"/proc/{{entry}}/smaps_rollup") as f:
                total += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, ValueError, IndexError):
            continue
    return total / 1024
def sample():
    while True:
        peak["pss"] = max(peak["pss"], tree_pss())
        time.sleep(0.5)
if os.path.exists("/proc/self/smaps_rollup"):
    threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
options = {{"pipeline": {{}}, "pipeline --evidence": {{"evidence": True}},
           "pipeline --format nq": {{"formats": ("nq",)}},
           "pipeline --cluster local:2": {{"cluster": "local:2"}}}}.get(design)
if options is not None and "cluster" in options:  # started within the timing, as `kg build` does
    from kg.cluster import Cluster
    options["cluster"] = Cluster(options["cluster"]).__enter__()
if options is not None:
    from kg.pipeline import build
    result = build([corpus], out / "graph", started=datetime(1970, 1, 1, tzinfo=timezone.utc), **options)
    figures = dict(releases=result.releases, quads=result.quads, seconds=result.seconds,
                   conforms=result.validation.conforms if result.validation else None)
else:
    sys.path.insert(0, {bench!r})
    from build import straightforward
    figures = straightforward(corpus, out / "graph")
figures["total"] = time.perf_counter() - start
figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
figures["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
figures["pss_peak_mb"] = peak["pss"]
figures["output_bytes"] = sum(f.stat().st_size for f in (out / "graph").iterdir() if f.is_file())
if rebuild:
    # 1% of the releases changed: a copy of the corpus where every 100th file gains a sentence
    # and the others are symbolic links to the originals.
    changed = out / "changed"
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != ".complete")
    for i, path in enumerate(files):
        target = changed / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        if i % 100 == 0 and path.suffix != ".jsonl":  # a line appended would break JSON Lines
            target.write_bytes(path.read_bytes() + b"\nA further 3 suspects were arrested in Portugal.\n")
        else:
            os.symlink(path, target)
    again = time.perf_counter()
    result = build([changed], out / "graph", started=datetime(1970, 1, 1, tzinfo=timezone.utc), **options)
    figures["rebuild_total"] = time.perf_counter() - again
    figures["rebuild_cached_files"] = result.cached_files
    figures["rebuild_reused"] = result.reused_chunks
print(json.dumps(figures))
"""

@dataclass
class Run:
    """One build's figures, or why there are none."""

    design: str
    size: int
    input_mb: float
    figures: dict | None
    error: str | None = None

    @property
    def total(self) -> float:
        return self.figures["total"] if self.figures else float("nan")


def straightforward(corpus: Path, out: Path) -> dict:
    """The design issue 7 compares against: the same extraction in one process, then one rdflib
    Dataset filled quad by quad, rdflib's Turtle, JSON-LD and N-Quads serializers, and pyshacl
    over the whole graph at once. Returns the same figures as the pipeline's child."""
    import pyshacl
    from rdflib import Dataset, Graph

    from kg.extract import extract
    from kg.ids import Minter
    from kg.ingest import read_inputs
    from kg.merge import merge_operations
    from kg.pipeline import graph_quads
    from kg.provenance import EPOCH, activity
    from kg.reference import reference
    from kg.resolve import resolve
    from kg.resources import context, shapes_path
    from kg.stages import Stopwatch
    from kg.validation import load_shapes

    clock = Stopwatch()
    with clock.stage("read"):
        documents, _ = read_inputs([corpus])
    with clock.stage("extract"):  # in this process: the design has no workers
        ref = reference()
        releases = merge_operations([resolve(extract(d, ref), ref, 0.0) for d in documents])
    with clock.stage("map"):
        ds = Dataset()
        for s, p, o, g in graph_quads(releases, Minter(), activity(EPOCH, shapes_path(), 0.0)):
            ds.add((s, p, o, g))
    with clock.stage("validate"):
        union = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        conforms, _, _ = pyshacl.validate(union, shacl_graph=load_shapes(), inference="none")
    with clock.stage("write"):
        out.mkdir(parents=True, exist_ok=True)
        (out / "graph.nq").write_text(ds.serialize(format="nquads"), encoding="utf-8")
        (out / "graph.ttl").write_text(union.serialize(format="turtle"), encoding="utf-8")
        (out / "graph.jsonld").write_text(
            union.serialize(format="json-ld", context=context()["@context"], auto_compact=True),
            encoding="utf-8")
    return dict(releases=len(releases), quads=len(ds), seconds=clock.seconds, conforms=conforms)


def corpus_module():
    """benchmarks/corpus.py, loaded from its path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("opgraph_bench_corpus", Path(__file__).with_name("corpus.py"))
    if spec is None or spec.loader is None:
        raise SystemExit("build.py: benchmarks/corpus.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def corpus(work: Path, size: int, seed: int) -> tuple[Path, float]:
    """The generated corpus of `size` releases (made once, then reused), and its size in MB."""
    folder = work / f"corpus-{seed}-{size}"
    stamp = folder / ".complete"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        corpus_module().write_corpus(folder, size, seed)
        stamp.write_text(f"{time.perf_counter() - started:.1f} s\n", encoding="utf-8")
    data = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and f.name != ".complete")
    return folder, data / MB


def run(design: str, folder: Path, size: int, input_mb: float, timeout: float,
        rebuild: bool = False) -> Run:
    """One build in a child process (and with `rebuild`, a second build after 1% of the
    releases changed, into the same folder)."""
    child = CHILD.format(repo=str(REPO), bench=str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory(prefix="opgraph-build-", dir=folder.parent) as out:
        try:
            done = subprocess.run([sys.executable, "-c", child, design, str(folder), out,
                                   "rebuild" if rebuild else ""],
                                  capture_output=True, text=True, timeout=timeout, cwd=REPO)
        except subprocess.TimeoutExpired:
            return Run(design, size, input_mb, None, f"did not finish in {timeout:.0f} s")
    if done.returncode != 0:
        return Run(design, size, input_mb, None, (done.stderr or done.stdout).strip()[-600:])
    return Run(design, size, input_mb, json.loads(done.stdout.strip().splitlines()[-1]))


def table(runs: list[Run], markdown: bool) -> str:
    """Per run: each stage's seconds, then the total, releases/s, MB/s and peak memory."""
    head = ["design", "releases", *STAGES, "total s", "releases/s", "MB/s", "peak MB",
            "worker MB", "all PSS MB", "rebuild 1% s", "KB out/release", "conforms"]
    rows = []
    for r in runs:
        if r.figures is None:
            rows.append([r.design, f"{r.size:,}", *["-"] * len(STAGES), "-", "-", "-", "-", "-", "-", "-", "-",
                         r.error or ""])
            continue
        f = r.figures
        rows.append([r.design, f"{f['releases']:,}", *(f"{f['seconds'].get(s, 0):.2f}" for s in STAGES),
                     f"{f['total']:.1f}", f"{f['releases'] / f['total']:,.0f}",
                     f"{r.input_mb / f['total']:.2f}", f"{f['peak_mb']:,.0f}",
                     f"{f.get('worker_peak_mb', 0):,.0f}", f"{f.get('pss_peak_mb', 0):,.0f}",
                     f"{f['rebuild_total']:.1f}" if "rebuild_total" in f else "-",
                     f"{f['output_bytes'] / 1024 / f['releases']:.1f}" if f.get("output_bytes") else "-",
                     str(f["conforms"])])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    return "\n".join(fmt.format(*row) for row in [head, *rows])


RATES = {"pipeline": 500, "pipeline --evidence": 250, "pipeline --format nq": 700}  # issue 18


def verdicts(runs: list[Run]) -> list[str]:
    """Issue 18's targets, each met or not, from the runs made."""
    done = {(r.design, r.size): r for r in runs if r.figures}
    lines = []
    for (design, size), r in sorted(done.items()):
        if design in RATES and size >= 10_000:
            rate, goal = r.figures["releases"] / r.total, RATES[design]
            lines.append(f"{'met' if rate >= goal else 'NOT met'}: {design} at least {goal} releases/s "
                         f"at {size:,} ({rate:,.0f}/s)")
    small, big = done.get(("pipeline", 10_000)), done.get(("pipeline", 100_000))
    if small and big:
        ratio = big.total / small.total
        lines.append(f"{'met' if ratio <= 10.5 else 'NOT met'}: time(100k) / time(10k) <= 10.5 ({ratio:.1f})")
    if big:
        peak = big.figures.get("pss_peak_mb") or (
            big.figures["peak_mb"] + big.figures.get("worker_peak_mb", 0) * (os.cpu_count() or 1))
        lines.append(f"{'met' if peak <= 1024 else 'NOT met'}: peak memory at 100k <= 1 GB "
                     f"({peak:,.0f} MB: the proportional set size of the build and its workers, "
                     f"sampled every 0.5 s)")
    for (design, size), r in sorted(done.items()):
        if "rebuild_total" in r.figures:
            share = r.figures["rebuild_total"] / r.total
            lines.append(f"{'met' if share <= 0.03 else 'NOT met'}: a rebuild after 1% changed takes at "
                         f"most 3% of the full build ({design}, {size:,}: {100 * share:.1f}%)")
    for (design, size), r in sorted(done.items()):
        if design == "straightforward" and ("pipeline", size) in done:
            ratio = r.total / done[("pipeline", size)].total
            lines.append(f"{'met' if ratio >= 10 else 'NOT met'}: straightforward design at least 10 times "
                         f"slower at {size:,} ({ratio:.1f} times)")
    return lines


def machine() -> list[str]:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return [f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
            f"load average {load:.1f} at the start"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="corpus sizes in releases, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "opgraph-bench-build",
                        help="where generated corpora are kept between runs")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per build (default 3600)")
    parser.add_argument("--no-straightforward", action="store_true",
                        help="do not run the straightforward design on the smallest size")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--variants", default="default",
                        help="builds per size, comma-separated: default (validated, three formats), "
                             "evidence (with --evidence), nq (--format nq), cluster (--cluster "
                             "local:2: pass 1 on a Dask LocalCluster of two workers); default: default")
    args = parser.parse_args(argv)
    designs = [VARIANTS[v.strip()] for v in args.variants.split(",") if v.strip()]
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    args.work.mkdir(parents=True, exist_ok=True)
    print("\n".join(machine()), flush=True)
    runs: list[Run] = []
    for size in sizes:
        try:
            folder, input_mb = corpus(args.work, size, args.seed)
        except Exception as error:  # the generator's own failure, reported as such
            print(f"build.py: cannot make the corpus of {size} releases: {error}", file=sys.stderr)
            return 2
        print(f"corpus: {size:,} releases, {input_mb:.1f} MB in {folder}", flush=True)
        for design in designs:
            runs.append(run(design, folder, size, input_mb, args.timeout, rebuild=size >= 10_000))
            print(table(runs[-1:], False).splitlines()[-1], flush=True)
        if size == sizes[0] and not args.no_straightforward:
            runs.append(run("straightforward", folder, size, input_mb, args.timeout))
            print(table(runs[-1:], False).splitlines()[-1], flush=True)
    print()
    print(table(runs, args.markdown))
    print()
    print("\n".join(verdicts(runs)))
    return 0 if all(r.figures for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
