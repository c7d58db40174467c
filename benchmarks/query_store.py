#!/usr/bin/env python3
"""Benchmark: every shipped named query over a million-triple graph in the embedded store.

Why: the issue's target is that each query of the shipped library (kg/queries/*.rq)
answers in under one second on a 2-core machine once a realistic corpus is loaded in
the embedded pyoxigraph store. This script measures it, from the repository root:

    python benchmarks/query_store.py                  # 1,000,000 triples, a temporary store
    python benchmarks/query_store.py --triples 5000000 --store /tmp/big --keep

What it does (deterministic, no network):
1. builds the real corpus graph once with `kg build --no-validate` (the shared corpus under
   /work/shared/corpus, or the repository's examples/releases when it is absent);
2. replicates its release graphs until the graph holds at least --triples quads: copy k
   renames every release, operation, outcome and official IRI (`-r{k}` appended to the
   local part, so each copy is a new set of releases with their own graphs), gives each
   release a new text hash and each operation a new codename (`Endgame-r3`: a thousand
   operations all called Endgame would make codename look-ups unrealistically broad), and
   moves every date k % 15 years later so per-year queries have spread; agency and country
   IRIs stay shared across copies, as in a real corpus, and the reference graph is kept once;
3. loads it the way `kg load` does (`read_quads`, `by_graph`, `EmbeddedStore.load`);
4. times each named query as shipped when the script runs: the first ("cold") run on a
   freshly opened read-only store, then the median of --runs warm runs, in a child process
   per query (so a runaway query is stopped after --timeout seconds; a query whose cold run
   takes over 10 s gets one warm run); also the label lookup the `kg query` table adds, and
   one whole `kg query --name ...` command (Python start-up included; skipped for queries
   whose warm median is over 5 s).

Queries with `# param:` lines get a value from --param [QUERY.]NAME=VALUE, else the first of
PARAM_VALUES below and the quoted examples in the parameter's description that makes the
query return rows on the corpus graph; a query whose parameters are all "(optional)" is
timed twice, with them and without.

Exit codes: 0 every query ran (slow or not: this is a benchmark, not a test); 1 a query
failed with an error; 2 the graph could not be built or loaded.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import math
import multiprocessing
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OpgraphError
from kg.ids import DEFAULT_BASE
from kg.query import NamedQuery, labels, look_up, named_queries, parse_param, run
from kg.store import EmbeddedStore, FileSource, by_graph, read_quads

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = [Path("/work/shared/corpus/dev/docs"), Path("/work/shared/corpus/seeds/docs")]
FALLBACK_CORPUS = [REPO / "examples" / "releases"]
TARGET_SECONDS = 1.0
ONE_RUN_AFTER = 10.0  # a query whose cold run takes longer gets one warm run, not --runs
CLI_UP_TO = 5.0  # `kg query` is timed for the queries whose warm median is under this

# Values for query parameters, by parameter name; a query name may override ("query.param").
# Each is checked against the corpus graph: it must make the query return rows.
PARAM_VALUES = {
    "agency": "Europol",
    "partner": "Eurojust",
    "codename": "Endgame",
    "operation": "Endgame",
    "item": "cocaine",
    "country": "DE",
    "type": "opg:Arrest",
    "outcomeType": "opg:Arrest",
    "area": "opg:Cybercrime",
    "crimeArea": "opg:Cybercrime",
    "year": "2024",
    "from": "2020",
    "to": "2025",
    "limit": "20",
    "name": "Europol",
    "entity": "Endgame",
    "other": "Europol",
}

# Which IRIs a copy renames, which literals it changes, in N-Quads as `kg build` writes them.
RENAMED = re.compile(
    r"(?P<iri><" + re.escape(DEFAULT_BASE) + r"(?:release|operation|outcome|official|statement|source)/[^>]*)>"
    r"|\"(?P<year>\d{4})(?P<rest>[^\"]*)\"\^\^<http://www\.w3\.org/2001/XMLSchema#"
    r"(?P<dt>date|dateTime|dateTimeStamp|gYear|gYearMonth)>"
    r"|(?P<hashp><https://w3id\.org/opgraph/ontology#textHash> )\"(?P<hash>[0-9a-f]{64})\""
    r"|(?P<namep><https://w3id\.org/opgraph/ontology#codename> )\"(?P<name>(?:[^\"\\\\]|\\\\.)*)\"")
GRAPH_OF_LINE = re.compile(r"<([^<>]*)>\s*\.\s*$")
RELEASE_GRAPH = DEFAULT_BASE + "release/"


# --------------------------------------------------------------------------- the graph

class SetupError(Exception):
    """The graph could not be built, generated or loaded (exit code 2)."""


def build_corpus(inputs: list[Path], out: Path) -> Path:
    """graph.nq of the corpus, built by `kg build` (without the SHACL check: not what we time)."""
    command = [sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "--out", str(out),
               "--no-validate"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise SetupError(f"kg build failed ({done.returncode}):\n{(done.stderr or done.stdout).strip()}")
    return out / "graph.nq"


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _renamer(k: int):
    """The substitution that turns the original release graphs into copy k."""
    suffix = f"-r{k}" if k else ""
    shift = k % 15

    def replace(m: re.Match) -> str:
        if m.group("iri"):
            return f"{m.group('iri')}{suffix}>"
        if m.group("year"):
            year, rest = int(m.group("year")) + shift, m.group("rest")
            if rest.startswith("-02-29") and not _leap(year):
                rest = "-02-28" + rest[6:]
            return f'"{year:04d}{rest}"^^<http://www.w3.org/2001/XMLSchema#{m.group("dt")}>'
        if m.group("namep"):
            return f'{m.group("namep")}"{m.group("name")}{suffix}"'
        digest = m.group("hash") if not k else hashlib.sha256(f"{m.group('hash')}{suffix}".encode()).hexdigest()
        return f'{m.group("hashp")}"{digest}"'

    return replace


def replicate(corpus_nq: Path, target: int, out: Path) -> tuple[int, int, int, int]:
    """Write at least `target` quads to `out`: the corpus release graphs copied as often as
    needed, the other graphs once. Returns (quads, copies, quads per copy, shared quads)."""
    release_lines, shared_lines = [], []
    for line in corpus_nq.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.strip():
            continue
        m = GRAPH_OF_LINE.search(line)
        (release_lines if m and m.group(1).startswith(RELEASE_GRAPH) else shared_lines).append(line)
    if not release_lines:
        raise SetupError(f"{corpus_nq}: no release graph to replicate")
    block = "".join(release_lines)
    copies = max(1, math.ceil((target - len(shared_lines)) / len(release_lines)))
    with out.open("w", encoding="utf-8") as sink:
        sink.writelines(shared_lines)
        for k in range(copies):
            sink.write(RENAMED.sub(_renamer(k), block))
    return len(shared_lines) + copies * len(release_lines), copies, len(release_lines), len(shared_lines)


def load(nq: Path, store_dir: Path) -> tuple[int, int, float, float]:
    """Load the file as `kg load` does; returns (quads written, quads in store, parse s, write s)."""
    start = time.perf_counter()
    grouped = by_graph(read_quads(nq))
    parsed = time.perf_counter()
    store = EmbeddedStore(store_dir)
    written = store.load(grouped)
    wrote = time.perf_counter()
    held = store.count()
    del store, grouped
    gc.collect()
    return written, held, parsed - start, wrote - parsed


def disk_size(path: Path) -> int:
    """Bytes of the files under `path`."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --------------------------------------------------------------------------- the queries

def param_values(query: NamedQuery, given: dict[str, str], probe=None) -> tuple[list[str], list[str]]:
    """`name=value` for each declared parameter, and the names no value was found for.

    A value given on the command line is used as it is; otherwise the candidates (PARAM_VALUES,
    then the quoted examples of the parameter's description) are tried in order with `probe`
    (on the small corpus graph) and the first that makes the query return rows is kept."""
    bound, missing = [], []
    for name, description in query.params:
        value = given.get(f"{query.name}.{name}", given.get(name))
        if value is None:
            candidates = [v for v in (PARAM_VALUES.get(f"{query.name}.{name}"), PARAM_VALUES.get(name)) if v]
            candidates += re.findall(r"[\"“]([^\"”]+)[\"”]", description)
            value = next((v for v in candidates if probe and probe(query, bound + [f"{name}={v}"])),
                         candidates[0] if candidates else None)
        if value is None:
            missing.append(name)
        else:
            bound.append(f"{name}={value}")
    return bound, missing


def prober(corpus_nq: Path):
    """Whether a query with these parameters returns rows on the corpus graph (small, in memory)."""
    source = FileSource([corpus_nq])

    def probe(query: NamedQuery, params: list[str]) -> bool:
        try:
            outcome = answer(source, query.text, query.kinds, params)
        except Exception:  # noqa: BLE001  (a candidate that fails is just not chosen)
            return False
        return bool(outcome.rows or outcome.triples or outcome.boolean)

    return probe


def cases(query: NamedQuery, given: dict[str, str], probe=None) -> list[tuple[list[str], list[str]]]:
    """The parameter sets to time a query with: its parameters bound, and also none bound
    when every parameter it declares is optional (the query then answers for everything)."""
    if not query.params:
        return [([], [])]
    bound, missing = param_values(query, given, probe)
    optional = all(re.match(r"\s*\(?optional", description, re.IGNORECASE) for _, description in query.params)
    return [([], []), (bound, missing)] if optional else [(bound, missing)]


def _size(outcome) -> str:
    if outcome.form == "ask":
        return str(outcome.boolean).lower()
    if outcome.form == "graph":
        return f"{len(outcome.triples)} triples"
    return str(len(outcome.rows))


def answer(source, text: str, kinds: dict[str, str], params: list[str]):
    """What `kg query --name` does: names given as parameters looked up, then the query run."""
    return run(source, text, look_up(source, dict(parse_param(p) for p in params), kinds))


def _time_in_child(store_dir: str, text: str, kinds: dict[str, str], params: list[str], runs: int,
                   conn) -> None:
    """In a child process: cold run, warm runs (each with the parameters' look-up), label
    lookup; sends a dict or an error text."""
    try:
        source = EmbeddedStore(Path(store_dir), read_only=True)
        start = time.perf_counter()
        outcome = answer(source, text, kinds, params)
        cold = time.perf_counter() - start
        warm = []
        for _ in range(runs if cold < ONE_RUN_AFTER else 1):
            start = time.perf_counter()
            outcome = answer(source, text, kinds, params)
            warm.append(time.perf_counter() - start)
        label_seconds = None
        if outcome.form == "select":
            start = time.perf_counter()
            labels(source, outcome.rows)
            label_seconds = time.perf_counter() - start
        conn.send({"rows": _size(outcome), "empty": outcome.form == "select" and not outcome.rows,
                   "cold": cold, "warm": statistics.median(warm), "warm_all": warm,
                   "labels": label_seconds})
    except BaseException as exc:  # noqa: BLE001  (reported, never raised: one bad query must not stop the rest)
        conn.send(f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def time_query(store_dir: Path, query: NamedQuery, params: list[str], runs: int,
               timeout: float) -> dict | str | None:
    """The figures of one query (a dict), its error (a string), or None when it timed out."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_time_in_child, args=(str(store_dir), query.text, query.kinds, params, runs, sender))
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            child.terminate()  # our own child, by its handle: the query is still running
            return None
        try:
            return receiver.recv()
        except EOFError:
            child.join()
            return f"the query process died (exit code {child.exitcode})"
    finally:
        child.join(5.0)
        if child.is_alive():
            child.kill()
            child.join()
        receiver.close()


def time_cli(store_dir: Path, query: NamedQuery, params: list[str], timeout: float) -> float | str | None:
    """Wall seconds of one `kg query --store DIR --name NAME` (start-up and labels included)."""
    command = [sys.executable, "-m", "kg.cli", "query", "--store", str(store_dir), "--name", query.name]
    for p in params:
        command += ["--param", p]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    except subprocess.TimeoutExpired:
        return None
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        return (done.stderr or done.stdout).strip().splitlines()[-1] if (done.stderr or done.stdout) else \
            f"exit code {done.returncode}"
    return seconds


def cli_startup() -> float:
    """Wall seconds of `kg --version`: what every `kg query` pays before it queries."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", "--version"], capture_output=True, cwd=REPO)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- reporting

def machine() -> list[tuple[str, str]]:
    """What the figures were measured on."""
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 1024 ** 2:.1f} GiB"
    except (OSError, AttributeError):
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [("nproc", str(nproc)), ("cpu", cpu or platform.processor() or "?"), ("memory", memory or "?"),
            ("system", platform.platform()), ("python", platform.python_version()),
            ("pyoxigraph", getattr(ox, "__version__", "?"))]


def _seconds(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_table(rows: list[list[str]], markdown: bool) -> None:
    header = ["query", "params", "rows", "cold s", "warm s (median)", "labels s", "kg query s", "under 1 s"]
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] * 2 + ["---:"] * 5 + [":---:"]) + "|")
        for r in rows:
            print("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
        return
    widths = [max(len(h), *(len(r[k]) for r in rows)) if rows else len(h) for k, h in enumerate(header)]
    right = {2, 3, 4, 5, 6}
    line = lambda cells: "  ".join(c.rjust(w) if k in right else c.ljust(w)  # noqa: E731
                                   for k, (c, w) in enumerate(zip(cells, widths))).rstrip()
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


# --------------------------------------------------------------------------- main

def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="at least this many quads in the store (default 1,000,000)")
    parser.add_argument("--store", type=Path, help="store directory (default: a temporary one); "
                                                   "must be new or empty")
    parser.add_argument("--keep", action="store_true", help="keep the store (and its N-Quads file)")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="release files or directories to build from (repeatable; default the "
                             "shared corpus, else examples/releases)")
    parser.add_argument("--param", action="append", default=[], metavar="[QUERY.]NAME=VALUE",
                        help="a value for a query parameter (repeatable)")
    parser.add_argument("--only", action="append", metavar="QUERY", help="time only this query (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="warm runs per query (default 3)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds before a query's runs are stopped (default 30)")
    parser.add_argument("--no-cli", action="store_true", help="do not time the `kg query` command")
    parser.add_argument("--markdown", action="store_true", help="print the query table in Markdown")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    given = {}
    for assignment in args.param:
        name, sep, value = assignment.partition("=")
        if not sep:
            print(f"--param takes [QUERY.]NAME=VALUE, got {assignment!r}", file=sys.stderr)
            return 2
        given[name] = value
    inputs = args.corpus or ([p for p in SHARED_CORPUS if p.is_dir()] or FALLBACK_CORPUS)

    work = Path(tempfile.mkdtemp(prefix="opgraph-bench-"))
    if args.store is not None:
        store_dir = args.store.resolve()
        if store_dir.exists() and any(store_dir.iterdir()):
            print(f"{store_dir}: not empty; give a new or empty directory", file=sys.stderr)
            return 2
    else:
        store_dir = work / "store"
    nq = work / "graph.nq"
    try:
        print(f"corpus:     {', '.join(map(str, inputs))}")
        start = time.perf_counter()
        corpus = build_corpus(inputs, work / "corpus")
        print(f"kg build:   {time.perf_counter() - start:.1f} s")

        start = time.perf_counter()
        quads, copies, per_copy, shared = replicate(corpus, args.triples, nq)
        generated = time.perf_counter() - start
        print(f"generated:  {quads:,} triples ({copies} copies of {per_copy:,} release-graph triples "
              f"+ {shared:,} shared) in {generated:.1f} s; {nq.stat().st_size / 1e6:.0f} MB of N-Quads")

        try:
            written, held, parse_s, write_s = load(nq, store_dir)
        except OpgraphError as exc:
            raise SetupError(f"load failed: {exc}") from exc
        total = parse_s + write_s
        print(f"load:       {total:.1f} s, {written / total:,.0f} triples/s "
              f"(parse and group {parse_s:.1f} s, store write {write_s:.1f} s, {written / write_s:,.0f} triples/s)")
        if held != quads:
            print(f"note:       the store holds {held:,} quads, {quads:,} were generated")
        print(f"store:      {disk_size(store_dir) / 1e6:.0f} MB on disk in {store_dir}")

        shipped = named_queries()
        probe = prober(corpus)
        if args.only:
            unknown = [n for n in args.only if n not in shipped]
            if unknown:
                print(f"no query named {', '.join(unknown)}; known: {', '.join(shipped)}", file=sys.stderr)
                return 2
            shipped = {n: q for n, q in shipped.items() if n in args.only}
        startup = None if args.no_cli else cli_startup()
        print(f"\n{len(shipped)} named queries; cold = first run on a freshly opened store, warm = median "
              f"of {args.runs}; labels = the label lookup `kg query` adds to a table"
              + ("" if startup is None else f"; kg query = the whole command once ({startup:.2f} s of it is "
                                            "Python start-up, as `kg --version` takes)") + "\n")

        rows, errors, slow, empty = [], [], [], []
        for query in shipped.values():
            for params, missing in cases(query, given, probe):
                label = f"{query.name} ({' '.join(params) or 'no parameter'})" if query.params else query.name
                shown_params = " ".join(params) or ("(none)" if query.params else "")
                if missing:
                    errors.append(f"{query.name}: no value for parameter {', '.join(missing)} "
                                  f"(give --param {query.name}.{missing[0]}=...)")
                    rows.append([query.name, shown_params, "-", "-", "-", "-", "-", "ERROR"])
                    continue
                figures = time_query(store_dir, query, params, args.runs, args.timeout)
                if figures is None:
                    slow.append(f"{label}: stopped after {args.timeout:g} s")
                    rows.append([query.name, shown_params, "-", f">{args.timeout:g}", "-", "-", "-", "NO"])
                    continue
                if isinstance(figures, str):
                    errors.append(f"{label}: {figures}")
                    rows.append([query.name, shown_params, "-", "-", "-", "-", "-", "ERROR"])
                    continue
                cli = None
                if not args.no_cli and figures["warm"] < CLI_UP_TO:
                    cli = time_cli(store_dir, query, params, args.timeout)
                    if isinstance(cli, str):
                        errors.append(f"{label} (kg query): {cli}")
                        cli = None
                fast_warm, fast_cold = figures["warm"] < TARGET_SECONDS, figures["cold"] < TARGET_SECONDS
                verdict = "yes" if fast_warm and fast_cold else ("warm only" if fast_warm else "NO")
                if verdict != "yes":
                    slow.append(f"{label}: cold {figures['cold']:.2f} s, warm {figures['warm']:.2f} s "
                                f"(runs {', '.join(f'{t:.2f}' for t in figures['warm_all'])})")
                if figures["empty"]:
                    empty.append(label)
                warm = _seconds(figures["warm"]) + ("" if len(figures["warm_all"]) == args.runs
                                                    else f" ({len(figures['warm_all'])} run)")
                rows.append([query.name, shown_params, figures["rows"], _seconds(figures["cold"]),
                             warm, _seconds(figures["labels"]), _seconds(cli), verdict])
        print_table(rows, args.markdown)

        print()
        if slow:
            print(f"OVER {TARGET_SECONDS:g} s at {quads:,} triples:")
            print("\n".join(f"  {s}" for s in slow))
        else:
            print(f"every query answered in under {TARGET_SECONDS:g} s (cold and warm) at {quads:,} triples")
        if empty:
            print(f"no rows (check the parameter values): {', '.join(empty)}")
        if errors:
            print("ERRORS:")
            print("\n".join(f"  {e}" for e in errors))

        print(f"\nmachine ({date.today().isoformat()}):")
        for key, value in machine():
            print(f"  {key + ':':12}{value}")
        if args.keep:
            print(f"\nkept: the store {store_dir} and the N-Quads {nq}")
        return 1 if errors else 0
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
            if args.store is not None:
                shutil.rmtree(store_dir, ignore_errors=True)
        else:
            shutil.rmtree(work / "corpus", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
