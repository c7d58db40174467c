"""The streaming build: two passes over the corpus, in worker processes, with a cache.

Why: a corpus of a hundred thousand releases must build on two cores in minutes, in memory
that does not grow with the corpus, and a rebuild after a small change must redo only what
changed. So no pass ever holds the releases:

1. **Read and extract** (per input file, or per line of a JSON Lines file, in parallel): the
   file's bytes are hashed, and what was extracted from the same bytes at the same path with
   the same tools is read from the cache; otherwise the file is read, each release extracted and resolved and the
   result stored. The main process keeps only a `Summary` per release: its identity, its
   metadata, the profile that operation merging compares, and the agencies and countries
   the reference graph describes.
2. The main process merges copies of one release and operations reported by several
   releases (kg.merge), from the summaries alone, and describes the agencies and countries.
3. **Map, validate and write** (per release, in parallel, in order of release IRI): each
   release graph is mapped to quads, validated with the reference graph as background, and
   rendered as N-Quads, Turtle and JSON-LD chunks that the main process appends to the
   output files. A chunk whose inputs are unchanged since the previous build into the same
   folder is copied from the previous output instead (`ChunkIndex`).

What varies from build to build (the build activity: its time and IRI) is never inside a
chunk: each release's link to its build is written beside its chunk, and the activity is
described once per file (in N-Quads: in every release graph, as PROV-O asks), so chunks can
be reused byte for byte and the output equals a clean build's.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from time import perf_counter

from rdflib import URIRef
from rdflib.namespace import PROV

from kg.cache import Cache
from kg.codec import CodecError
from kg.description import Tally, tally
from kg.errors import OpgraphError
from kg.extract import extract
from kg.ids import Minter
from kg.ingest.dedupe import _merge
from kg.ingest.dispatch import read_bytes
from kg.ingest.files import InputFile
from kg.ingest.jsonl_split import Line, read_line
from kg.limits import NO_LIMITS, Limits, TimeLimitExceeded, time_limit
from kg.mapping import Quad, release_quads, restates_reference, source_quads
from kg.merge import Profile, profile
from kg.records import Agency, Country, Described, Document, Release, SkippedFile
from kg.reference import reference
from kg.resolve import resolve
from kg.validation import Violation

METADATA = ("title", "publisher", "url", "language", "published_precision")  # and published


class BuildCacheError(OpgraphError):
    """The cache lost what this build had just stored in it: an internal failure that fails
    the build (nothing is replaced), never a skipped input."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the build cache lost a release this build had just stored ({key}); "
                         "nothing was written. Is another program removing files from the cache?")
        self.key = key

    def __reduce__(self):  # raised in a worker process, pickled to the main one
        return (BuildCacheError, (self.key,))


@dataclass(frozen=True)
class Summary:
    """What the main process keeps of one release read from one file."""

    rkey: str  # where the resolved release is in the cache
    key: str  # the release's identity: the hash of its text
    format: str
    metadata: tuple[str | None, ...]  # as METADATA
    published: date | None
    paths: tuple[str, ...]
    hashes: tuple[str, ...]
    profile: Profile | None
    agencies: tuple[Agency, ...]
    countries: tuple[Country, ...]
    described: tuple[Described, ...] = ()  # the other nodes it describes (places; see kg.reference_graph)
    seconds: float = 0.0  # spent extracting, resolving and storing it: what pass 2 may not spend again

    def as_document(self) -> Document:
        """The release's document without its text: what merging copies compares."""
        return Document("", self.paths, self.format, source_hashes=self.hashes, published=self.published,
                        **dict(zip(METADATA, self.metadata, strict=True)))  # type: ignore[arg-type]


def summarize(release: Release, rkey: str, seconds: float = 0.0) -> Summary:
    """A release's `Summary`, stored under `rkey`, `seconds` having been spent on it."""
    doc = release.document
    return Summary(rkey, release.key, doc.format, tuple(getattr(doc, name) for name in METADATA),
                   doc.published, doc.source_paths, doc.source_hashes, profile(release), release.agencies,
                   release.countries, release.described, seconds)


@dataclass(frozen=True)
class Entry:
    """One release of an input as the cache keeps it: its summary, or why it was skipped (one
    optional field each, as the codec reads a union of one record type and None)."""

    summary: Summary | None = None
    skipped: SkippedFile | None = None

    def __post_init__(self) -> None:
        if (self.summary is None) == (self.skipped is None):
            raise ValueError("an entry is a summary or a skipped file")


@dataclass
class FileResult:
    """What pass 1 made of one input file, and the seconds it spent per stage."""

    items: list[Summary | SkippedFile]
    seconds: dict[str, float]
    bytes: int = 0
    keys: tuple[str, ...] = ()  # the file's cache key
    cached: bool = False  # read back from the cache rather than extracted
    damaged: int = 0  # cache entries found unreadable (and so made again)


@dataclass
class Worker:
    """What a worker process needs: set in the main process before the workers fork."""

    cache: Cache
    min_confidence: float
    minter: Minter | None = None
    render: Renderer | None = None
    build: URIRef | None = None  # the build activity every release graph links to
    limits: Limits = NO_LIMITS


WORKER: Worker | None = None


def set_worker(worker: Worker) -> None:
    """Install the state the passes read (in the main process, before forking workers)."""
    global WORKER
    WORKER = worker


def _tick(seconds: dict[str, float], stage: str, start: float) -> float:
    now = perf_counter()
    seconds[stage] = seconds.get(stage, 0.0) + now - start
    return now


def first_pass(found: InputFile | Line | SkippedFile) -> FileResult:
    """Pass 1 for one input: its releases extracted and resolved (from the cache when the same
    bytes at the same path were extracted by the same tools), stored, and summarized."""
    if isinstance(found, SkippedFile):
        return FileResult([found], {})
    worker = WORKER
    assert worker is not None, "set_worker() first"
    if isinstance(found, Line):
        return _line_pass(found, worker)
    seconds: dict[str, float] = {}
    start = perf_counter()
    try:
        too_large = worker.limits.too_large(found.size())
        if too_large:  # said before reading: the file may be larger than memory
            return FileResult([SkippedFile(found.source, too_large)], seconds)
        data = found.read_bytes()
    except OSError as error:
        return FileResult([SkippedFile(found.source, f"cannot read: {error.strerror or error}")], seconds)
    sha256 = hashlib.sha256(data).hexdigest()
    fkey = worker.cache.key("file", found.source, sha256, f"{worker.min_confidence:g}")
    cached, damaged = _cached(worker, fkey)
    if cached is not None:
        _tick(seconds, "read", start)
        return FileResult(cached, seconds, len(data), (fkey,), cached=True)
    try:
        with time_limit(worker.limits.seconds):
            items = read_bytes(data, found.source, sha256)
    except TimeLimitExceeded:
        return FileResult([SkippedFile(found.source, worker.limits.too_slow("reading"))], seconds,
                          len(data))
    start = _tick(seconds, "read", start)
    return FileResult(_extracted(worker, items, fkey, seconds, start), seconds, len(data), (fkey,),
                      damaged=damaged)


def _line_pass(line: Line, worker: Worker) -> FileResult:
    """Pass 1 for one line of a JSON Lines file, as for a file: the cache keeps what was made
    of each line of the same file's bytes."""
    seconds: dict[str, float] = {}
    start = perf_counter()
    size = line.end - line.start
    fkey = worker.cache.key("line", line.source, line.file.sha256, f"{worker.min_confidence:g}")
    cached, damaged = _cached(worker, fkey)
    if cached is not None:
        _tick(seconds, "read", start)
        return FileResult(cached, seconds, size, (fkey,), cached=True)
    try:
        with time_limit(worker.limits.seconds):
            items = read_line(line)
    except TimeLimitExceeded:
        return FileResult([SkippedFile(line.source, worker.limits.too_slow("reading"))], seconds, size)
    start = _tick(seconds, "read", start)
    return FileResult(_extracted(worker, items, fkey, seconds, start), seconds, size, (fkey,),
                      damaged=damaged)


def _cached(worker: Worker, fkey: str) -> tuple[list[Summary | SkippedFile] | None, int]:
    """What the cache holds for an input, and how many damaged entries it met looking."""
    damaged = worker.cache.damaged
    entries = worker.cache.load("files", fkey)
    cached = None if entries is None else [e.summary or e.skipped for e in entries]
    damaged = worker.cache.damaged - damaged
    if cached is not None and not all(worker.cache.has("releases", item.rkey)
                                      for item in cached if isinstance(item, Summary)):
        cached, damaged = None, damaged + 1  # an entry naming releases the cache lacks
    return cached, damaged


def _extracted(worker: Worker, items: list[Document | SkippedFile], fkey: str,
               seconds: dict[str, float], start: float) -> list[Summary | SkippedFile]:
    """The releases read from one input extracted, resolved, stored and summarized (and the
    lot kept under `fkey`, unless time ran out on one: that may not recur)."""
    results: list[Summary | SkippedFile] = []
    lasting = True
    ref = reference()
    _warm_up(ref)
    for index, item in enumerate(items):
        if isinstance(item, SkippedFile):
            results.append(item)
            continue
        began = perf_counter()
        try:
            with time_limit(worker.limits.seconds):
                extraction = extract(item, ref)
                start = _tick(seconds, "extract", start)
                release = resolve(extraction, ref, worker.min_confidence)
        except Exception as error:  # noqa: BLE001 (time ran out, or a bug: one release must not sink the build)
            results.append(SkippedFile(item.source_paths[0], worker.limits.too_slow("extraction")
                                       if isinstance(error, TimeLimitExceeded) else
                                       f"extraction failed: {type(error).__name__}: {error}"))
            lasting = False
            start = _tick(seconds, "extract", start)
            continue
        rkey = f"{fkey}-{index}"
        try:
            worker.cache.store("releases", rkey, release)
        except CodecError as error:  # a string no reader should let through: a bug, this release only
            results.append(SkippedFile(item.source_paths[0], f"could not be stored: {error}"))
            lasting = False
            continue
        start = _tick(seconds, "resolve", start)
        results.append(summarize(release, rkey, start - began))
    if lasting:
        try:
            worker.cache.store("files", fkey, [Entry(r) if isinstance(r, Summary) else Entry(skipped=r)
                                               for r in results])
        except CodecError:  # a skipped file's reason with a lone surrogate: read again next time
            pass
    return results


WARM_UP = Document("Europol supported the Spanish National Police and the Madrid police in Operation "
                   "Example; its Director said 3 suspects were arrested on 1 May 2024.", ("warm-up",), "plain")
_warm = False


def _warm_up(ref) -> None:
    """Extract a small release once per process, before any time limit runs: the first
    extraction loads what the extractors load on first use (the city gazetteer, compiled
    patterns: half a second), which is not the first real release's own time."""
    global _warm
    if not _warm:
        extract(WARM_UP, ref)
        _warm = True


def reextract(summaries: list[Summary], cache: Cache, min_confidence: float) -> Summary:
    """One release read from several files whose copies complete each other's metadata (a
    title in one, a date in the other): extracted again from the merged document, as the
    metadata can change what is extracted (the publication date above all)."""
    first = cache.load("releases", summaries[0].rkey)
    if first is None:
        raise BuildCacheError(summaries[0].rkey)
    document = first.document
    for other in summaries[1:]:
        document = _merge(document, other.as_document())
    rkey = cache.key("merged", *(s.rkey for s in summaries))
    ref = reference()
    began = perf_counter()
    release = resolve(extract(document, ref), ref, min_confidence)
    cache.store("releases", rkey, release)
    return summarize(release, rkey, perf_counter() - began)


def merged_summary(summaries: list[Summary]) -> Summary:
    """The copies of one release as one summary, when the first copy's metadata is complete
    enough that the others add only their source paths."""
    paths, hashes = list(summaries[0].paths), list(summaries[0].hashes)
    for other in summaries[1:]:
        for path, sha in zip(other.paths, other.hashes, strict=True):
            if path not in paths:
                paths.append(path)
                hashes.append(sha)
    return replace(summaries[0], paths=tuple(paths), hashes=tuple(hashes))


def fills_metadata(summaries: list[Summary]) -> bool:
    """Whether a later copy of a release has metadata the first lacks."""
    first = (*summaries[0].metadata, summaries[0].published)
    return any(mine is None and theirs is not None for other in summaries[1:]
               for mine, theirs in zip(first, (*other.metadata, other.published), strict=True))


@dataclass(frozen=True)
class Job:
    """Pass 2 for one release: which cached release, with which files and operation key."""

    rkey: str
    paths: tuple[str, ...]
    hashes: tuple[str, ...]
    operation: str | None  # the key its operation takes when merged with another release's
    chunk: str  # the key of its rendered chunk
    shared: bool = False  # its operation is reported by other releases too (see Chunk.apart)
    seconds: float = 0.0  # what pass 1 spent on it, out of the time limit of a release


@dataclass
class Chunk:
    """One release graph rendered: its bytes per output kind, its quads and violations."""

    data: dict[str, bytes]
    quads: int  # distinct quads of the release graph (a fact found twice is written once)
    violations: tuple[Violation, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    error: str | None = None  # why the release could not be written (it is then skipped)
    # A shared operation's own triples, kept out of the Turtle and JSON-LD bytes: the build
    # writes the union of every release's once, after the release graphs.
    apart: tuple[tuple, ...] = ()
    tally: Tally | None = None  # what the dataset description counts of it (kg.description)


def second_pass(job: Job) -> Chunk:
    """Pass 2 for one release: mapped, validated and rendered (without its build link); a
    release that fails is an empty chunk with its error, so one bad release never sinks a build.
    The time limit covers a release's whole cost: pass 2 has what pass 1 left of it. A release
    missing from the cache is not the release's fault: that fails the build."""
    limits = WORKER.limits if WORKER else NO_LIMITS
    left = max(limits.seconds - job.seconds, 0.001) if limits.seconds else 0.0
    try:
        with time_limit(left):
            return _second_pass(job)
    except BuildCacheError:
        raise
    except TimeLimitExceeded:
        return Chunk({}, 0, (), error=limits.too_slow("building its graph"))
    except Exception as error:
        return Chunk({}, 0, (), error=f"could not be written: {type(error).__name__}: {error}")


def _second_pass(job: Job) -> Chunk:
    worker = WORKER
    assert worker is not None and worker.minter is not None and worker.render is not None
    seconds: dict[str, float] = {}
    start = perf_counter()
    release = worker.cache.load("releases", job.rkey)
    if release is None:
        raise BuildCacheError(job.rkey)
    document = replace(release.document, source_paths=job.paths, source_hashes=job.hashes)
    release = replace(release, document=document)
    if job.operation is not None:
        first = replace(release.operations[0], key=job.operation)
        release = replace(release, operations=(first, *release.operations[1:]))
    evidence = "evidence" in worker.render.kinds
    quads = [*release_quads(release, worker.minter, evidence=evidence), *source_quads(release, worker.minter)]
    start = _tick(seconds, "map", start)
    graph = worker.minter.release(release.key)
    violations = worker.render.validate(quads, [(graph, PROV.wasGeneratedBy, worker.build)])
    start = _tick(seconds, "validate", start)
    apart = worker.minter.node("operation", job.operation) if job.shared and job.operation else None
    facts = [q for q in quads if q[3] == graph]
    data, kept_apart = worker.render.chunk(facts, [q for q in quads if q[3] != graph], apart)
    counted = tally(facts)
    worker.cache.store("tally", job.chunk, counted)  # a later build reusing the chunk counts it from here
    _tick(seconds, "write", start)
    return Chunk(data, len(set(facts)), violations, seconds, apart=kept_apart, tally=counted)


# What the build cache holds (kg.cache.Cache's kinds): a shared operation's triples for the union
# formats ("apart") as (subject, predicate, object, datatype, language) strings (kg.outputs._plain),
# and what the dataset description counts of each chunk ("tally").
CACHED = {"files": list[Entry], "releases": Release, "chunks": tuple[Violation, ...],
          "apart": tuple[tuple[str, str, str, str | None, str | None], ...], "tally": Tally}


class Renderer:
    """Turns a release's quads into the bytes of each output kind asked for, and validates a
    release graph; built once in the main process and inherited by the workers."""

    def __init__(self, prefixes: dict[str, str], context: dict, validator=None,
                 kinds: tuple[str, ...] = ("nq", "ttl", "jsonld")) -> None:
        from kg import writers
        self.writers = writers
        self.prefixes = prefixes
        self.context = context
        self.validator = validator
        self.kinds = kinds  # the outputs written (kg.outputs.KINDS); "evidence" adds evidence.nq

    def validate(self, quads: list[Quad], extra: Iterable[tuple] = ()) -> tuple[Violation, ...]:
        """The violations of a release graph (plus `extra` triples such as its build link)."""
        if self.validator is None:
            return ()
        return self.validator([(s, p, o) for s, p, o, _ in quads] + list(extra))

    def chunk(self, facts: list[Quad], words: list[Quad], apart: URIRef | None = None
              ) -> tuple[dict[str, bytes], tuple[tuple, ...]]:
        """A release's bytes for each output kind (N-Quads lines of its graph's `facts`, a
        Turtle block and JSON-LD node lines of their triples, N-Quads lines of its evidence
        graph's `words`), and the triples about `apart` (a shared operation) that the union
        formats leave to the build. The union formats also leave out the types the reference
        graph states."""
        triples = [(s, p, o) for s, p, o, _ in facts if not restates_reference((s, p, o))]
        kept = tuple(t for t in triples if t[0] == apart) if apart is not None else ()
        union = [t for t in triples if t[0] != apart] if kept else triples
        made = {
            "nq": lambda: "".join(self.writers.nquads_lines(facts)),
            "ttl": lambda: self.writers.turtle_block(union, self.prefixes),
            "jsonld": lambda: self.writers.jsonld_chunk(union, self.context),
            "evidence": lambda: "".join(self.writers.nquads_lines(words)),
        }
        return {kind: made[kind]().encode("utf-8") for kind in self.kinds}, kept


def worker_count(jobs: int | None, work: int, per_job: int) -> int:
    """How many processes to use: `jobs` (None: one per core), but no more than there is work
    for at `per_job` items each."""
    return max(1, min(jobs or os.cpu_count() or 1, work // per_job if per_job else work))
