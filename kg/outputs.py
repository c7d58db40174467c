"""The build's output files: which kinds are written, and pass 2's writing of them.

Why: a user chooses what a build writes (`--format nq,ttl,jsonld`, `--evidence`); one table
of kinds says which file each is, and one loop appends every release's bytes to the files
asked for, copying unchanged releases from the previous output (the chunk index), then the
reference graph and the description of the whole (kg.description), all atomically.
"""
from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from kg.cache import Cache
from kg.description import About, Tally, Totals, description_quads, tally
from kg.ids import Minter
from kg.mapping import Quad, activity_quads, build_node, started_at
from kg.progress import Progress
from kg.records import BuildActivity, SkippedFile
from kg.serialize import AtomicOutputs
from kg.stages import Stopwatch
from kg.streaming import BuildCacheError, Chunk, Job, Renderer, second_pass
from kg.validation import ValidationResult, Violation

KINDS = {"nq": "graph.nq", "ttl": "graph.ttl", "jsonld": "graph.jsonld", "evidence": "evidence.nq"}
FORMATS = ("nq", "ttl", "jsonld")  # what --format chooses among; "evidence" is --evidence


def parse_formats(text: str) -> tuple[str, ...]:
    """`--format nq,ttl` as kinds in the table's order; ValueError names an unknown one."""
    asked = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in asked if f not in FORMATS]
    if unknown or not asked:
        raise ValueError(f"unknown output format {', '.join(unknown) or repr(text)}; "
                         f"choose among {', '.join(FORMATS)} (comma-separated)")
    return tuple(f for f in FORMATS if f in asked)


@dataclass(frozen=True)
class Placed:
    """Where one chunk's bytes are in the previous output: (offset, length) per kind."""

    at: dict[str, tuple[int, int]]
    conforms: bool
    quads: int


class ChunkIndex:
    """Which chunk is where in a build's output files, kept beside the cache, so the next build
    into the same folder can copy unchanged chunks instead of rendering them again. The kinds
    written and the size of each file are recorded too: an output changed by hand, or a build
    asked for other kinds, is not reused."""

    HEADER = "opgraph chunk index 3"

    def __init__(self, kinds: tuple[str, ...], sizes: tuple[int, ...], placed: dict[str, Placed]) -> None:
        self.kinds = kinds
        self.sizes = sizes
        self.placed = placed

    def dumps(self) -> str:
        """The index as text: a header, the kinds, the file sizes, then one line per chunk."""
        lines = [self.HEADER, "\t".join(self.kinds), "\t".join(map(str, self.sizes))]
        for key, p in self.placed.items():
            numbers = [n for kind in self.kinds for n in p.at[kind]]
            lines.append("\t".join([key, *map(str, (*numbers, p.quads)), "1" if p.conforms else "0"]))
        return "\n".join(lines) + "\n"

    @classmethod
    def read(cls, path: Path, kinds: tuple[str, ...], outputs: tuple[Path, ...]) -> ChunkIndex | None:
        """The index of the previous build, or None when there is none, it wrote other kinds,
        or its files changed."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            if len(lines) < 3 or lines[0] != cls.HEADER or tuple(lines[1].split("\t")) != kinds:
                return None
            sizes = tuple(int(v) for v in lines[2].split("\t"))
            if sizes != tuple(p.stat().st_size for p in outputs):
                return None
            placed = {}
            for line in lines[3:]:
                key, *numbers, conforms = line.split("\t")
                n = [int(v) for v in numbers]
                at = {kind: (n[2 * i], n[2 * i + 1]) for i, kind in enumerate(kinds)}
                placed[key] = Placed(at, conforms == "1", n[-1])
            return cls(kinds, sizes, placed)
        except (OSError, ValueError, IndexError):
            return None


class Appender:
    """An output file being written from start to end, that knows its own length, and copies
    a range of a previous output into itself in the kernel (copy_file_range) where the
    system allows it: a rebuild copies gigabytes of unchanged release graphs."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.offset = 0
        self._kernel_copy = hasattr(os, "copy_file_range")

    def write(self, data: bytes) -> tuple[int, int]:
        """Append `data`; where it went, as (offset, length)."""
        start = self.offset
        self.handle.write(data)
        self.offset += len(data)
        return start, len(data)

    def copy(self, source, where: tuple[int, int]) -> tuple[int, int]:
        """Append `length` bytes found at `offset` of the open binary file `source`."""
        offset, length = where
        start = self.offset
        if self._kernel_copy:
            self.handle.flush()  # the kernel writes at the file's position: no bytes may wait
            done = 0
            try:
                while done < length:
                    step = os.copy_file_range(source.fileno(), self.handle.fileno(), length - done,
                                              offset + done)
                    if step == 0:
                        raise OSError(f"previous output is shorter than its index says ({source.name})")
                    done += step
                self.offset += length
                return start, length
            except OSError as error:
                if done or error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                    raise
                self._kernel_copy = False  # not on this file system: copy through memory
        source.seek(offset)
        data = source.read(length)
        if len(data) != length:
            raise OSError(f"previous output is shorter than its index says ({source.name})")
        return self.write(data)


@dataclass
class Written:
    """What pass 2 wrote."""

    quads: int
    validation: ValidationResult | None
    outputs: tuple[Path, ...]
    reused: int
    failed: int = 0  # releases that could not be written (added to the skipped list)
    failed_paths: tuple[str, ...] = ()  # the source paths (files, lines) of those releases


@dataclass
class Pass:
    """Everything pass 2 needs besides the work itself."""

    ref_quads: list[Quad]
    run: BuildActivity
    minter: Minter
    renderer: Renderer
    cache: Cache
    out: Path
    index_path: Path
    clock: Stopwatch
    progress: Progress
    license: str | None = None  # the IRI the dataset description gives as its dcterms:license


def write_outputs(work: list[tuple[URIRef, Job]], p: Pass,
                  rendered: Callable[[list[Job]], Generator[Chunk, None, None]],
                  skipped: list[SkippedFile], failure: Callable[[list[SkippedFile]], Exception] | None
                  ) -> Written:
    """Pass 2 over every release in order of IRI, each chunk appended to the outputs (or
    copied from the previous output when unchanged), then the reference graph and the build
    activity, then the dataset's description, all written atomically. A release that cannot be
    written is added to `skipped`; `failure`, when given and something was skipped, is raised
    instead (nothing is written)."""
    kinds = p.renderer.kinds
    targets = tuple(p.out / KINDS[kind] for kind in kinds)
    before, reuse = _reusable(work, p, targets)
    old = {kind: t.open("rb") for kind, t in zip(kinds, targets, strict=True)} if reuse else {}
    p.progress.start("write", len(work))
    chunks = rendered([j for _, j in work if j.chunk not in reuse])
    try:
        with AtomicOutputs([*targets, p.out / "skipped.tsv", p.index_path], binary=True) as files:
            appending = _Appending(p, {kind: Appender(files[t]) for kind, t in zip(kinds, targets, strict=True)},
                                   before, old)
            appending.head()
            for graph, job in work:
                appending.release(graph, job, None if job.chunk in reuse else next(chunks), skipped)
            appending.tail(files, skipped, failure)
    finally:
        chunks.close()
        for handle in old.values():
            handle.close()
    _remove_other_kinds(p.out, kinds)
    failed = appending.failed
    return Written(appending.quads, _validation(p.renderer, appending.violations), (*targets, p.out / "skipped.tsv"),
                   len(reuse), len(failed), tuple(path for job in failed for path in job.paths))


def _reusable(work: list[tuple[URIRef, Job]], p: Pass, targets: tuple[Path, ...]
              ) -> tuple[dict[str, Placed], set[str]]:
    """Where the previous build into this folder put each chunk (its index), and which of this
    build's chunks can be copied from there instead of rendered: a rebuild after a small change
    copies nearly everything."""
    previous = (ChunkIndex.read(p.index_path, p.renderer.kinds, targets)
                if all(t.is_file() for t in targets) else None)
    before = previous.placed if previous else {}
    # A chunk that did not conform is reused only with its violations, and a shared operation's
    # chunk only with the triples it gives the union (Chunk.apart); every chunk with its tally
    # (what the dataset description counts of it): all kept in the cache.
    reuse = {j.chunk for _, j in work if j.chunk in before and p.cache.has("tally", j.chunk)
             and (before[j.chunk].conforms or p.cache.has("chunks", j.chunk))
             and (not j.shared or p.cache.has("apart", j.chunk))}
    return before, reuse


class _Appending:
    """Pass 2's appending to the open outputs, release by release, and what it has counted so
    far. Why a class: the JSON-LD array's separators, the shared operations' triples and the
    violations carry over from one release to the next and on to the tail."""

    def __init__(self, p: Pass, outputs: dict[str, Appender], before: dict[str, Placed],
                 old: Mapping[str, IO[bytes]]) -> None:
        self.p = p
        self.outputs = outputs  # per kind written
        self.before = before  # the previous output's chunks
        self.old = old  # the previous output's files, per kind, when chunks are copied from them
        self.build = build_node(p.minter, p.run)
        self.activity_text = _activity_nq(p.run, p.minter)
        self.first = True  # no element written to the JSON-LD array yet
        self.violations: set[Violation] = set()
        self.quads = 0
        self.failed: list[Job] = []
        self.placed: dict[str, Placed] = {}
        self.apart: set[tuple] = set()  # shared operations' triples, written once in the union formats
        self.totals = Totals()  # what the dataset description counts, piece by piece
        # What each release graph holds besides its chunk: its link to the build, and the build.
        self.beside = tally([(self.build, PROV.wasGeneratedBy, self.build),
                             *activity_quads(p.run, p.minter, p.minter.reference_graph())])

    def put(self, kind: str, data: bytes) -> None:
        """Append `data` to the output of `kind`, if this build writes that kind."""
        if kind in self.outputs:
            self.outputs[kind].write(data)

    def head(self) -> None:
        """What the union formats open with: Turtle's prefixes, JSON-LD's context and array."""
        self.put("ttl", self.p.renderer.writers.turtle_header(self.p.renderer.prefixes).encode("utf-8"))
        self.put("jsonld", _jsonld_head(self.p.renderer.context))

    def release(self, graph: URIRef, job: Job, chunk: Chunk | None, skipped: list[SkippedFile]) -> None:
        """Append one release graph: `chunk` as rendered, or (None) its chunk in the previous
        output copied. A release that could not be rendered is added to `skipped` instead."""
        kept = _apart(self.p.cache, job.chunk) if chunk is None and job.shared else None
        counted = self.p.cache.load("tally", job.chunk) if chunk is None else None
        if chunk is None and ((job.shared and kept is None) or counted is None):
            chunk = second_pass(job)  # its cache entry was damaged: rendered here instead
        if chunk is not None and chunk.error:
            skipped.append(SkippedFile(job.paths[0], chunk.error))
            self.failed.append(job)
        else:
            self._link(graph)
            found, count, at = self._copied(job, kept or ()) if chunk is None else self._appended(job, chunk)
            self.placed[job.chunk] = Placed(at, not found, count)
            self.violations.update(found)
            self.quads += count + 1 + self.activity_text.count(b"\n")
            self._count(graph, chunk.tally if chunk is not None else counted)
        self.p.progress.advance()

    def _link(self, graph: URIRef) -> None:
        """The release graph's link to the build activity, written beside its chunk (never in
        it: the activity varies from build to build, and chunks are reused byte for byte); in
        N-Quads, with the activity described inside the release graph, as PROV-O asks."""
        renderer, writers = self.p.renderer, self.p.renderer.writers
        link = (graph, PROV.wasGeneratedBy, self.build, graph)
        self.put("nq", "".join(writers.nquads_lines([link])).encode("utf-8")
                 + self.activity_text.replace(b"<GRAPH>", f"<{graph}>".encode()))
        self.put("ttl", writers.turtle_block([link[:3]], renderer.prefixes).encode("utf-8"))
        self.put("jsonld", (b"" if self.first else b",\n") + _jsonld_line(renderer, [link[:3]]))
        self.first = False

    def _count(self, graph: URIRef, piece: Tally | None) -> None:
        """Tally a release graph written: its chunk, its build link and activity."""
        assert piece is not None, "a chunk is rendered with its tally, or reused with the cache's"
        self.totals.add(piece)
        self.totals.add(self.beside)
        self.totals.name(str(graph))

    def _copied(self, job: Job, kept: Iterable[tuple]) -> tuple[tuple[Violation, ...], int, dict[str, tuple[int, int]]]:
        """A chunk unchanged since the previous build, copied from its output with what the
        cache kept of it (its violations, a shared operation's triples): (violations, quads,
        where it now is)."""
        was = self.before[job.chunk]
        found = () if was.conforms else _violations(self.p.cache, job.chunk)
        self.apart.update(kept)
        at = {kind: self.outputs[kind].copy(self.old[kind], was.at[kind]) for kind in self.p.renderer.kinds}
        return found, was.quads, at

    def _appended(self, job: Job, chunk: Chunk) -> tuple[tuple[Violation, ...], int, dict[str, tuple[int, int]]]:
        """A chunk rendered by this build, appended: its stage times counted, and what a later
        build needs to reuse it (its violations, a shared operation's triples) kept in the cache."""
        clock = self.p.clock
        for stage, seconds in chunk.seconds.items():
            clock.seconds[stage] = clock.seconds.get(stage, 0.0) + seconds
        data = dict(chunk.data)
        if data.get("jsonld"):
            data["jsonld"] = b",\n" + data["jsonld"]
        self.apart.update(chunk.apart)
        if job.shared:
            self.p.cache.store("apart", job.chunk, _plain(chunk.apart))
        if chunk.violations:
            self.p.cache.store("chunks", job.chunk, chunk.violations)
        at = {kind: self.outputs[kind].write(data[kind]) for kind in self.p.renderer.kinds}
        return chunk.violations, chunk.quads, at

    def tail(self, files: dict[Path, IO[Any]], skipped: list[SkippedFile],
             failure: Callable[[list[SkippedFile]], Exception] | None) -> None:
        """After the release graphs: the reference graph and the build activity (in the union
        formats with the shared operations' triples), the description of the whole, then
        skipped.tsv, the validation of the reference graph and the description, and the chunk
        index; or `failure` raised, before anything is placed."""
        p, renderer, writers = self.p, self.p.renderer, self.p.renderer.writers
        with p.clock.stage("write"):
            reference = [*p.ref_quads, *activity_quads(p.run, p.minter, p.minter.reference_graph())]
            self.totals.add(tally(p.ref_quads))
            described = [*description_quads(self.totals, About(started_at(p.run), (self.build,), p.license),
                                            p.minter),
                         *activity_quads(p.run, p.minter, p.minter.description_graph())]
            described_lines = writers.nquads_lines(described)
            tail = [*self.apart, *(q[:3] for q in reference), *(q[:3] for q in described)]
            self.put("nq", "".join(writers.nquads_lines(p.ref_quads)).encode("utf-8"))
            self.put("nq", "".join(described_lines).encode("utf-8"))
            self.put("ttl", writers.turtle_block(tail, renderer.prefixes).encode("utf-8"))
            self.put("jsonld", (b"" if self.first else b",\n") + _jsonld_line(renderer, tail) + b"\n]\n}\n")
            if failure is not None and skipped:
                raise failure(skipped)
            files[p.out / "skipped.tsv"].write(skipped_tsv(skipped).encode("utf-8"))
            if renderer.validator is not None:
                with p.clock.stage("validate"):
                    self.violations.update(renderer.validator.whole([q[:3] for q in reference]))
                    self.violations.update(renderer.validator.whole([q[:3] for q in described]))
            self.quads += len(p.ref_quads) + len(described_lines)
            sizes = tuple(self.outputs[kind].offset for kind in renderer.kinds)
            files[p.index_path].write(ChunkIndex(renderer.kinds, sizes, self.placed).dumps().encode("utf-8"))


def _validation(renderer: Renderer, violations: set[Violation]) -> ValidationResult | None:
    """The build's validation result, None when it did not validate: its violations sorted,
    so the report is the same whatever order the workers finished in."""
    if renderer.validator is None:
        return None
    ordered = sorted(violations, key=lambda v: (v.severity, v.path or "", v.message, v.focus,
                                                v.value or "", v.constraint or "", v.shape or ""))
    return ValidationResult(not any(v.severity == "Violation" for v in ordered), tuple(ordered), "")


def _remove_other_kinds(out: Path, kinds: tuple[str, ...]) -> None:
    """Remove the outputs of kinds this build did not write: a folder holds one build, and an
    evidence.nq or graph.ttl left from an earlier one would describe other releases."""
    for kind, name in KINDS.items():
        if kind not in kinds:
            (out / name).unlink(missing_ok=True)


def _violations(cache: Cache, key: str) -> tuple[Violation, ...]:
    """The violations of a reused chunk that did not conform, as the cache kept them."""
    found = cache.load("chunks", key)
    if found is None:
        raise BuildCacheError(key)
    return found


Row = tuple[str, str, str, str | None, str | None]  # subject, predicate, object, datatype, language


def _plain(triples: Sequence[tuple]) -> tuple[Row, ...]:
    """Triples (IRIs and literals) as strings the build cache can hold: a literal keeps its
    datatype or language, an IRI object has neither and is marked by a datatype of ''."""
    return tuple(_row(*t) for t in triples)


def _row(s: URIRef, p: URIRef, o: URIRef | Literal) -> Row:
    if isinstance(o, Literal):
        return str(s), str(p), str(o), None if o.datatype is None else str(o.datatype), o.language
    return str(s), str(p), str(o), "", None


def _apart(cache: Cache, key: str) -> list[tuple] | None:
    """The triples a reused chunk of a shared operation gives the union formats, as the cache
    kept them; None when the entry is gone or damaged."""
    rows = cache.load("apart", key)
    if rows is None:
        return None
    return [(URIRef(s), URIRef(p), URIRef(o) if datatype == "" else
             Literal(o, datatype=URIRef(datatype) if datatype else None, lang=language))
            for s, p, o, datatype, language in rows]


def _activity_nq(run: BuildActivity, minter: Minter) -> bytes:
    """The N-Quads lines describing the build activity in a graph named <GRAPH> (a placeholder
    each release graph fills in)."""
    from kg import writers
    placeholder = URIRef("urn:opgraph:graph")
    lines = writers.nquads_lines(list(activity_quads(run, minter, placeholder)))
    return "".join(lines).replace("<urn:opgraph:graph>", "<GRAPH>").encode("utf-8")


def _jsonld_head(context: dict) -> bytes:
    return (json.dumps({"@context": context}, ensure_ascii=False, sort_keys=True, indent=2)[:-2]
            + ',\n  "@graph": [\n').encode("utf-8")


def _jsonld_line(renderer: Renderer, triples: list) -> bytes:
    return renderer.writers.jsonld_chunk(triples, renderer.context).encode("utf-8")


def skipped_tsv(skipped: Sequence[SkippedFile]) -> str:
    """The skipped inputs as TSV (path, reason), one line each: a tab, line break or backslash
    in a file name is written as an escape (`\\t`, `\\n`, `\\r`, `\\\\`), so each row stays one row."""
    lines = ["path\treason"]
    lines += [f"{_tsv_field(s.path)}\t{' '.join(s.reason.split())}" for s in skipped]
    return "\n".join(lines) + "\n"


def _tsv_field(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
