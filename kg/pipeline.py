"""The build: files in, a validated graph out (ingest -> extract -> resolve -> map -> validate -> write).

Why: one function that the CLI, the tests and other programs call alike. Each
release is extracted and resolved on its own; the only state shared across
releases is what the reference graph describes (agencies, countries and places), so
the build can later stream and run in parallel without a redesign.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import shutil
import signal
import tempfile
from collections import Counter
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from rdflib import URIRef

from kg import validators
from kg.cache import Cache, code_sha256
from kg.cluster import Cluster
from kg.description import check_license
from kg.errors import InputError, SkippedInputsError
from kg.ids import DEFAULT_BASE, Minter
from kg.ingest.files import InputFile, check_exist, iter_input
from kg.ingest.jsonl_split import Line, count_sources, split_inputs
from kg.ingest.urls import is_url, iter_url
from kg.limits import Limits
from kg.lock import folder_lock
from kg.mapping import Quad, activity_quads, build_node, release_quads
from kg.merge import operation_keys
from kg.outputs import FORMATS, Pass, Written, write_outputs
from kg.progress import Progress
from kg.provenance import activity, build_time
from kg.records import BuildActivity, Release, SkippedFile
from kg.reference import reference
from kg.reference_graph import reference_graph
from kg.resources import context, shapes_path
from kg.serialize import check_writable, prefixes
from kg.stages import STAGES, Stopwatch
from kg.streaming import (
    CACHED,
    Job,
    Renderer,
    Summary,
    Worker,
    fills_metadata,
    first_pass,
    merged_summary,
    reextract,
    second_pass,
    set_worker,
    worker_count,
)
from kg.validation import ValidationResult
from kg.wording import counted

OUTPUT_FILES = ("graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv")


@dataclass(frozen=True)
class BuildResult:
    """What a build read, made and wrote."""

    releases: int
    source_files: int  # the files the releases were read from, but JSON Lines files (lines below)
    skipped: tuple[SkippedFile, ...]
    graphs: int
    quads: int
    validation: ValidationResult | None
    outputs: tuple[Path, ...] = field(default=())
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, see kg.stages
    input_bytes: int = 0  # the bytes of the files read
    cached_files: int = 0  # files whose extraction was read back from the cache
    reused_chunks: int = 0  # release graphs copied unchanged from the previous output
    damaged_cache_entries: int = 0  # cache entries that did not parse (ignored, made again)
    source_lines: int = 0  # the lines of JSON Lines files the releases were read from
    line_files: int = 0  # the JSON Lines files those lines are in
    skipped_lines: int = 0  # of the skipped inputs, those that are lines of a JSON Lines file

    @property
    def duplicates(self) -> int:
        """Inputs (files and lines) that repeated a release already read (same text but for
        white space)."""
        return self.source_files + self.source_lines - self.releases


MIN_PER_JOB = 50  # fewer releases per process than this cost more to hand over than to extract


def _pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes that start with the reference data already loaded: forked where the
    system allows it (the parent's loaded data is shared), else each loads it once."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)


def _start_worker() -> None:
    """A worker leaves Ctrl-C and SIGTERM to the main process, which stops the pool and
    says so once (rather than every worker printing a traceback), then loads the data."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    reference()


def graph_quads(releases: Sequence[Release], minter: Minter,
                activity: BuildActivity | None = None) -> list[Quad]:
    """The quads of every release graph (with the build's provenance) plus the reference graph
    they share, for releases held in memory: the fuzz tests' rendering and the benchmark's
    straightforward design. A build makes them with `build` alone."""
    quads = [quad for release in releases for quad in release_quads(release, minter, activity)]
    quads.extend(reference_graph(releases, minter))
    return quads


CACHE_DIR = ".kg-cache"
INDEX_FILE = "chunks.tsv"


def parse_shard(text: str) -> tuple[int, int]:
    """'I/N' as (I, N), 1 <= I <= N: which part of the inputs a sharded build takes."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"a shard is written I/N (for example 2/8), not {text!r}") from None
    if not 1 <= index <= count:
        raise ValueError(f"shard {text}: I must be between 1 and N")
    return index, count


def in_shard(source: str, shard: tuple[int, int] | None) -> bool:
    """Whether an input (by the source path the graph records) belongs to `shard`: a stable
    hash of the path, so every machine agrees and a file keeps its shard as the corpus grows."""
    if shard is None:
        return True
    index, count = shard
    return int.from_bytes(hashlib.sha256(source.encode("utf-8")).digest()[:8], "big") % count == index - 1


def build(inputs: Sequence[Path | str], out_dir: Path | str, *, base: str = DEFAULT_BASE,
          check: bool = True, shapes: Path | None = None, min_confidence: float = 0.0,
          started: datetime | None = None, jobs: int | None = None,
          shard: tuple[int, int] | None = None, cache: bool = True,
          progress: Progress | None = None, limits: Limits = Limits(),
          strict: bool = False, cache_dir: Path | str | None = None, wait: bool = True,
          waiting: Callable[[str], None] | None = None,
          warn: Callable[[str], None] | None = None,
          formats: Sequence[str] = FORMATS, evidence: bool = False,
          cluster: Cluster | None = None, license: str | None = None) -> BuildResult:
    """Build the graph of every release under `inputs` into `out_dir`, validated unless `check` is False.

    Writes graph.nq (one named graph per release plus the reference graph and the dataset's
    description, kg.description, whose dcterms:license is `license` when given), graph.ttl and
    graph.jsonld (their union) and skipped.tsv, all or nothing, streaming release by release
    (see kg.streaming). Facts less sure than `min_confidence` are left out. `started` is the
    build time the provenance records (default: `build_time()`, now unless SOURCE_DATE_EPOCH
    is set); the output depends on nothing else that varies, not even `jobs`, the number of
    worker processes (default: one per core). `shard` (I, N) builds only the I-th of N stable
    parts of the inputs. With `cache`, what was extracted is kept in out_dir/.kg-cache (or
    `cache_dir`) and a rebuild redoes only what changed; the output is the same bytes either way.

    The build holds out_dir's lock (and cache_dir's) from start to end (kg.lock): another
    build into the same folder waits for it (`waiting` is told once) or, without `wait`,
    raises FolderBusy at once.

    An input is a local path or a URL (kg.ingest.urls). With a `cluster` (kg.cluster, entered),
    pass 1 runs on its workers; the output is the same bytes.

    An input that cannot be read, is larger than `limits` allow or whose extraction outruns
    them is skipped with its reason (BuildResult.skipped, skipped.tsv); with `strict`, any
    skipped input raises SkippedInputsError instead and nothing is written.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"minimum confidence must be between 0 and 1, not {min_confidence}")
    progress = progress or Progress(enabled=False)
    minter = Minter(base)
    if license is not None:
        check_license(license)
    paths: list[Path | str] = [p if is_url(p) else Path(p) for p in inputs]
    check_exist([p for p in paths if isinstance(p, Path)])
    out = Path(out_dir)
    existed = out.exists()
    shapes_file = (shapes or shapes_path()) if check else None
    run = activity(started or build_time(), shapes_file, min_confidence)
    stamp = _stamp(run, min_confidence, base)
    try:
        with ExitStack() as held:
            cache_root = _hold_folders(held, out, cache, cache_dir, wait, waiting)
            engine = validators.engine(shapes_file, warn) if shapes_file else None
            scratch = Path(held.enter_context(tempfile.TemporaryDirectory(prefix="kg-build-")))
            b = _Build(Cache(cache_root if cache else scratch, stamp, CACHED), min_confidence, limits, jobs,
                       Stopwatch(), progress, minter, run, cluster, license)
            summaries, read = _first_pass(paths, shard, b)
            _refuse(summaries, read.skipped, paths, shard, strict, out, existed)
            plan = _plan(summaries, b, engine, base, formats, evidence)
            del summaries  # the summaries (profiles, agencies) are done with: free them before the workers fork
            index = (out / CACHE_DIR if cache else scratch) / INDEX_FILE
            written = _second_pass(plan, b, out, index, read.skipped, strict)
            if cache:
                _prune(b.cache, read, plan)
    finally:
        progress.finish()  # the line is cleared, whatever stopped the build
    return _result(read, plan, written, b.clock)


@dataclass(frozen=True)
class _Build:
    """What the steps of one build share: where extractions are cached, the settings every
    pass obeys, the stopwatch and progress line they report to, and the IRIs and activity
    the graph is made with; one value rather than eight arguments to each step."""

    cache: Cache
    min_confidence: float
    limits: Limits
    jobs: int | None
    clock: Stopwatch
    progress: Progress
    minter: Minter
    run: BuildActivity
    cluster: Cluster | None = None  # where pass 1 runs, when not in this machine's processes
    license: str | None = None  # the dataset description's dcterms:license


@dataclass(frozen=True)
class _Read:
    """What pass 1 leaves besides the summaries: for the result, the cache's pruning and the
    JSON Lines counts (the summaries themselves are let go before pass 2 forks workers)."""

    skipped: list[SkippedFile]  # pass 2 adds the releases it could not write
    read_bytes: int
    file_keys: list[str]  # the cache entries of the files read
    cached_files: int
    damaged: int  # cache entries that did not parse
    line_files: set[str]  # the source paths of the JSON Lines files among the inputs


@dataclass(frozen=True)
class _Plan:
    """Pass 2's work in order of release IRI, the reference graph and how chunks are rendered,
    and what the result and the cache's pruning need of the releases once they are let go."""

    work: list[tuple[URIRef, Job]]
    ref_quads: list[Quad]
    renderer: Renderer
    used: set[str]  # the cache entries of the releases, merged or not
    releases: int
    paths_read: list[str]  # the source paths of the releases


def _stamp(run: BuildActivity, min_confidence: float, base: str) -> str:
    """What every cache entry depends on besides its input: the code, the reference data, the
    shapes and the options that change what is extracted or minted. It is part of every key,
    so a change to any of them is never answered with a stale extraction."""
    return "\0".join([run.version, code_sha256(Path(__file__).parent), run.data_sha256,
                      run.shapes_sha256 or "-", f"{min_confidence:g}", base])


def _hold_folders(held: ExitStack, out: Path, cache: bool, cache_dir: Path | str | None,
                  wait: bool, waiting: Callable[[str], None] | None) -> Path:
    """Take out's lock, and with a `cache` in a folder of its own (`cache_dir`) that one's too,
    for as long as `held` is; and check they can be written before anything is read: a build
    that cannot write says so at once, not after an hour of extraction. The cache folder."""
    cache_root = Path(cache_dir) if cache_dir is not None else out / CACHE_DIR
    held.enter_context(folder_lock(out, wait=wait, waiting=waiting))
    check_writable(out, OUTPUT_FILES)
    if cache and cache_dir is not None and cache_root.resolve() != out.resolve():
        held.enter_context(folder_lock(cache_root, wait=wait, waiting=waiting))
    if cache:
        check_writable(cache_root)
    return cache_root


def _refuse(summaries: list[Summary], skipped: list[SkippedFile], paths: Sequence[Path | str],
            shard: tuple[int, int] | None, strict: bool, out: Path, existed: bool) -> None:
    """Raise before pass 2 when the build must write nothing: with `strict`, when an input was
    skipped; when no release could be read (but in a shard: a shard of a small corpus may well
    hold nothing). A build that wrote nothing leaves nothing behind, not even a cache."""
    if strict and skipped:
        failure: Exception = _strict_failure(skipped)
    elif not summaries and shard is None:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
        failure = InputError("no release could be read from " + ", ".join(map(str, paths))
                             + (f" ({reasons})" if reasons else ""))
    else:
        return
    if not existed:
        shutil.rmtree(out, ignore_errors=True)
    raise failure


def _plan(summaries: list[Summary], b: _Build, engine: validators.Engine | None, base: str,
          formats: Sequence[str], evidence: bool) -> _Plan:
    """Resolve what pass 1 found across releases (copies of one release merged, operations
    reported by several releases, the agencies and countries the reference graph describes),
    then lay out pass 2. Only here does the build look at every release at once."""
    with b.clock.stage("resolve"):
        releases = _merge_copies(summaries, b.cache, b.min_confidence)
        op_keys = operation_keys([s.profile for s in releases])
        ref_quads = list(reference_graph(releases, b.minter))
    # Each release graph is validated with the reference graph and the build activity it points to.
    validator = engine.validator([q[:3] for q in (*ref_quads, *activity_quads(
        b.run, b.minter, b.minter.reference_graph()))]) if engine else None
    kinds = (*(f for f in FORMATS if f in formats), *(("evidence",) if evidence else ()))
    renderer = Renderer({k: str(v) for k, v in prefixes(base).items()}, context()["@context"], validator, kinds)
    return _Plan(_work(releases, op_keys, b, evidence), ref_quads, renderer,
                 {s.rkey for s in summaries} | {s.rkey for s in releases},
                 len(releases), [p for s in releases for p in s.paths])


def _work(releases: list[Summary], op_keys: list[str | None], b: _Build, evidence: bool
          ) -> list[tuple[URIRef, Job]]:
    """Pass 2's jobs in order of release IRI (the output's order, whatever the reading order).
    A chunk's cache key names all its bytes depend on, so an unchanged release is copied from
    the previous output; an operation reported by several releases is shared: its own triples
    are written once, after the release graphs."""
    ordered = sorted(zip(releases, op_keys, strict=True), key=lambda pair: str(b.minter.release(pair[0].key)))
    reported = Counter(k for k in op_keys if k)
    shared_ops = {k for k, n in reported.items() if n > 1}  # reported by several releases
    return [(b.minter.release(s.key),
             Job(s.rkey, s.paths, s.hashes, k,
                 b.cache.key("chunk", s.rkey, "\n".join(s.paths), "\n".join(s.hashes), k or "",
                             "shared" if k in shared_ops else "", "evidence" if evidence else ""),
                 k in shared_ops, s.seconds))
            for s, k in ordered]


def _second_pass(plan: _Plan, b: _Build, out: Path, index: Path, skipped: list[SkippedFile],
                 strict: bool) -> Written:
    """Pass 2 (kg.outputs.write_outputs): workers forked with what rendering needs installed
    (kg.streaming.set_worker) render the chunks the previous output cannot give."""
    set_worker(Worker(b.cache, b.min_confidence, b.minter, plan.renderer, build_node(b.minter, b.run), b.limits))
    return write_outputs(
        plan.work, Pass(plan.ref_quads, b.run, b.minter, plan.renderer, b.cache, out, index, b.clock, b.progress,
                        b.license),
        lambda todo: _run(second_pass, todo, b.jobs, MIN_PER_JOB), skipped,
        _strict_failure if strict else None)


def _prune(cache: Cache, read: _Read, plan: _Plan) -> None:
    """Remove the cache entries this build did not use: a stale entry is never read again, and
    would otherwise stay, so the cache grew with every edit to the corpus or the code."""
    chunk_keys = {j.chunk for _, j in plan.work}
    cache.prune({"files": set(read.file_keys), "releases": plan.used, "chunks": chunk_keys, "apart": chunk_keys,
                 "tally": chunk_keys})


def _result(read: _Read, plan: _Plan, written: Written, clock: Stopwatch) -> BuildResult:
    """What the build reports: the releases and source files it wrote (those pass 2 could not
    write are counted among the skipped), the graph's size and the time per stage."""
    failed = set(written.failed_paths)
    files, lines, of = count_sources((p for p in plan.paths_read if p not in failed), read.line_files)
    return BuildResult(
        releases=plan.releases - written.failed, source_files=files, source_lines=lines, line_files=of,
        skipped_lines=count_sources((s.path for s in read.skipped), read.line_files)[1],
        skipped=tuple(read.skipped),
        graphs=plan.releases - written.failed + (1 if plan.ref_quads else 0) + 1,  # and the description
        quads=written.quads, validation=written.validation, outputs=written.outputs,
        seconds={stage: clock.seconds.get(stage, 0.0) for stage in STAGES}, input_bytes=read.read_bytes,
        cached_files=read.cached_files, reused_chunks=written.reused, damaged_cache_entries=read.damaged)


MIN_FILES_PER_JOB = 20  # fewer files per process than this cost more to hand over than to read


T = TypeVar("T")


def _run(function: Callable[[Any], T], items: list, jobs: int | None, per_job: int
         ) -> Generator[T, None, None]:
    """`function` over `items` in order: in this process, or in worker processes forked with
    the state `set_worker` installed (and the reference data loaded). Close the iterator when
    done with it early: the work not yet started is then cancelled, not waited for."""
    workers = worker_count(jobs, len(items), per_job)
    if workers <= 1:
        yield from map(function, items)
        return
    pool = _pool(workers)
    # The objects the workers inherit are moved out of the collector's sight before they fork:
    # its passes write to every object's header, which copies the pages each worker shares.
    gc.freeze()
    try:
        yield from pool.map(function, items, chunksize=max(1, min(64, len(items) // (workers * 16))))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _strict_failure(skipped: Sequence[SkippedFile]) -> SkippedInputsError:
    count = len(skipped)
    return SkippedInputsError(f"--strict: {counted(count, 'input')} could not be "
                              "read, so nothing was written", tuple(skipped))


def _first_pass(paths: Sequence[Path | str], shard: tuple[int, int] | None, b: _Build) -> tuple[list[Summary], _Read]:
    """Pass 1 (kg.streaming.first_pass) over every input of `shard`: summaries in reading order,
    and the inputs skipped, the bytes read, the cache keys of the files, how many were cached,
    how many cache entries were found damaged and which inputs are JSON Lines files."""
    with b.clock.stage("read"):
        # A JSON Lines file is a work item per line, as if each line were a file.
        found = split_inputs((f for p in paths for f in (iter_url(p) if isinstance(p, str) else iter_input(p))
                              if in_shard(f.source if isinstance(f, InputFile) else f.path, shard)),
                             b.limits)
    set_worker(Worker(b.cache, b.min_confidence, limits=b.limits))
    summaries: list[Summary] = []
    skipped: list[SkippedFile] = []
    size = 0
    keys: list[str] = []
    cached = damaged = 0
    shared: dict = {}  # one object per distinct agency and country, however many releases name it
    lines_cached: dict[str, bool] = {}  # JSON Lines files: whether every line came from the cache
    b.progress.start("extract", len(found))
    passes = (_run(first_pass, found, b.jobs, MIN_FILES_PER_JOB) if b.cluster is None else
              b.cluster.first_pass(found, b.cache, b.min_confidence, b.limits))
    with closing(passes) as results:
        for item, result in zip(found, results, strict=True):
            _take(result, b.clock, summaries, skipped, shared)
            keys.extend(result.keys)
            damaged += result.damaged
            b.progress.advance()
            if isinstance(item, Line):  # a JSON Lines file counts as one file, its size once
                size += 0 if item.file.source in lines_cached else item.file.size
                lines_cached[item.file.source] = lines_cached.get(item.file.source, True) and result.cached
            else:
                size += result.bytes
                cached += result.cached
    # The JSON Lines files among the inputs: those read line by line, and those read whole (UTF-16)
    # that gave a release.
    line_files = ({item.file.source for item in found if isinstance(item, Line)}
                  | {path.rpartition("#")[0] for s in summaries if s.format == "jsonl" for path in s.paths})
    return summaries, _Read(skipped, size, keys, cached + sum(lines_cached.values()), damaged, line_files)


def _take(result, clock: Stopwatch, summaries: list[Summary], skipped: list[SkippedFile],
          shared: dict) -> None:
    """Keep what pass 1 made of one file: its stage times, summaries and skipped inputs."""
    for stage, seconds in result.seconds.items():
        clock.seconds[stage] = clock.seconds.get(stage, 0.0) + seconds
    for item in result.items:
        if isinstance(item, SkippedFile):
            skipped.append(item)
        else:
            summaries.append(_shared(item, shared))


def _shared(summary: Summary, shared: dict) -> Summary:
    """The summary with its agencies, countries and profile's parts replaced by the equal
    objects other summaries already hold: a hundred thousand releases name the same few
    hundred agencies and figures, and each was unpickled on its own."""
    def one(value):
        return shared.setdefault(value, value)

    p = summary.profile
    profile = None if p is None else replace(
        p, published=one(p.published), agencies=one(frozenset(map(one, p.agencies))),
        countries=one(frozenset(map(one, p.countries))), figures=frozenset(map(one, p.figures)),
        officials=frozenset(map(one, p.officials)))
    return replace(summary, agencies=tuple(map(one, summary.agencies)),
                   countries=tuple(map(one, summary.countries)), profile=profile)


def _merge_copies(summaries: list[Summary], build_cache: Cache, min_confidence: float) -> list[Summary]:
    """One summary per release (copies in several files merged, in order of first reading),
    as kg.ingest.dedupe merges documents; a release whose later copies add metadata is
    extracted again from the merged document."""
    copies: dict[str, list[Summary]] = {}
    for summary in summaries:
        copies.setdefault(summary.key, []).append(summary)
    return [reextract(group, build_cache, min_confidence) if fills_metadata(group) else merged_summary(group)
            for group in copies.values()]
