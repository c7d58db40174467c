"""The build: files in, a validated graph out (ingest -> extract -> resolve -> map -> validate -> write).

Why: one function that the CLI, the tests and other programs call alike. Each
release is extracted and resolved on its own; the only state shared across
releases is what the reference graph describes (agencies and countries), so
the build can later stream and run in parallel without a redesign.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Iterable, Sequence

from rdflib import Dataset

from kg.errors import InputError
from kg.extract import extract
from kg.ids import DEFAULT_BASE, Minter
from kg.ingest import read_inputs
from kg.merge import merge_operations
from kg.mapping import Quad, reference_quads, release_quads
from kg.provenance import activity, build_time
from kg.records import Agency, BuildActivity, Country, Document, Release, SkippedFile
from kg.reference import reference
from kg.resources import shapes_path
from kg.resolve import country_entity, resolve
from kg.serialize import jsonld, nquads, to_dataset, turtle, union, write_atomically
from kg.stages import Stopwatch
from kg.validation import ValidationResult, load_shapes, validate

OUTPUT_FILES = ("graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv")


@dataclass(frozen=True)
class BuildResult:
    """What a build read, made and wrote."""

    releases: int
    source_files: int
    skipped: tuple[SkippedFile, ...]
    graphs: int
    quads: int
    triples: int
    validation: ValidationResult | None
    outputs: tuple[Path, ...] = field(default=())
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, see kg.stages

    @property
    def duplicates(self) -> int:
        """Inputs that repeated a release already read (same text but for white space)."""
        return self.source_files - self.releases


def build_releases(inputs: Sequence[Path], min_confidence: float = 0.0,
                   clock: Stopwatch | None = None, jobs: int | None = 1
                   ) -> tuple[list[Release], list[SkippedFile]]:
    """Read, extract and resolve every release under `inputs` (leaving out facts less sure than
    `min_confidence`); merge operations reported twice. `clock` times the stages; `jobs`
    processes extract and resolve the releases (None: one per core), in input order whatever
    the number, so the result is the same."""
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"minimum confidence must be between 0 and 1, not {min_confidence}")
    clock = clock or Stopwatch()
    with clock.stage("read"):
        documents, skipped = read_inputs(inputs)
    workers = min(jobs or os.cpu_count() or 1, max(1, len(documents) // MIN_PER_JOB))
    with clock.stage("extract"):
        ref = reference()
        if workers > 1:
            with _pool(workers) as pool:
                resolved = list(pool.map(partial(_extract_and_resolve, min_confidence=min_confidence),
                                         documents, chunksize=max(1, len(documents) // (workers * 8))))
        else:
            extractions = [extract(doc, ref) for doc in documents]
    with clock.stage("resolve"):
        if workers <= 1:
            resolved = [resolve(e, ref, min_confidence) for e in extractions]
        releases = merge_operations(resolved)
    return releases, skipped


MIN_PER_JOB = 50  # fewer releases per process than this cost more to hand over than to extract


def _extract_and_resolve(document: Document, min_confidence: float) -> Release:
    """One release, extracted and resolved (in a worker process)."""
    ref = reference()
    return resolve(extract(document, ref), ref, min_confidence)


def _pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes that start with the reference data already loaded: forked where the
    system allows it (the parent's loaded data is shared), else each loads it once."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=reference)


def merge_agencies(agencies: Iterable[Agency]) -> list[Agency]:
    """One description per agency key: an agency recognized under several spellings keeps
    the first in sorted order as its label and the others as alternative labels."""
    by_key: dict[str, list[Agency]] = {}
    for agency in agencies:
        by_key.setdefault(agency.key, []).append(agency)
    merged = []
    for key in sorted(by_key):
        versions = by_key[key]
        labels = sorted({a.label for a in versions})
        alts = [*dict.fromkeys(alt for a in versions for alt in a.alt_labels)]
        alts = [a for a in dict.fromkeys([*labels[1:], *alts]) if a != labels[0]]
        first = versions[0]
        merged.append(Agency(key, labels[0], tuple(alts), first.country, first.known, first.same_as))
    return merged


def graph_quads(releases: Sequence[Release], minter: Minter,
                activity: BuildActivity | None = None) -> list[Quad]:
    """The quads of every release graph (with the build's provenance) plus the reference graph
    they share."""
    quads: list[Quad] = []
    countries: dict[str, Country] = {}
    for release in releases:
        quads.extend(release_quads(release, minter, activity))
        countries.update((c.code, c) for c in release.countries)
    agencies = merge_agencies(a for r in releases for a in r.agencies)
    extra_codes = {a.country for a in agencies if a.country} - set(countries)
    ref = reference()
    for code in sorted(extra_codes):
        countries[code] = country_entity(code, ref)
    quads.extend(reference_quads(agencies, [countries[c] for c in sorted(countries)], minter))
    return quads


def dataset_of(inputs: Sequence[Path | str], *, base: str = DEFAULT_BASE,
               min_confidence: float = 0.0, started: datetime | None = None) -> Dataset:
    """The graph of `inputs` in memory, neither validated nor written: what `kg explain` shows
    for an input file. Raises InputError when no release could be read."""
    return _dataset(inputs, base, min_confidence, started, None)[0]


def _dataset(inputs: Sequence[Path | str], base: str, min_confidence: float,
             started: datetime | None, shapes: Path | None, clock: Stopwatch | None = None,
             jobs: int | None = 1) -> tuple[Dataset, list[Release], list[SkippedFile]]:
    """The dataset of every release under `inputs`, with the provenance of a build started at
    `started` (default `build_time()`) that validates against `shapes` (None: no validation)."""
    clock = clock or Stopwatch()
    minter = Minter(base)  # a bad base is an error before anything is read
    paths = [Path(p) for p in inputs]
    releases, skipped = build_releases(paths, min_confidence, clock, jobs)
    if not releases:
        raise InputError(_nothing_read(paths, skipped))
    with clock.stage("map"):
        run = activity(started or build_time(), shapes, min_confidence)
        ds = to_dataset(graph_quads(releases, minter, run))
    return ds, releases, skipped


def _nothing_read(paths: Sequence[Path], skipped: Sequence[SkippedFile]) -> str:
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
    return ("no release could be read from " + ", ".join(map(str, paths))
            + (f" ({reasons})" if reasons else ""))


def skipped_tsv(skipped: Sequence[SkippedFile]) -> str:
    """The skipped inputs as TSV (path, reason), one line each."""
    lines = ["path\treason"]
    lines += [f"{s.path}\t{' '.join(s.reason.split())}" for s in skipped]
    return "\n".join(lines) + "\n"


def build(inputs: Sequence[Path | str], out_dir: Path | str, *, base: str = DEFAULT_BASE,
          check: bool = True, shapes: Path | None = None, min_confidence: float = 0.0,
          started: datetime | None = None, jobs: int | None = None) -> BuildResult:
    """Build the graph of every release under `inputs` into `out_dir`, validated unless `check` is False.

    Writes graph.nq (one named graph per release plus the reference graph),
    graph.ttl and graph.jsonld (their union) and skipped.tsv, all or nothing.
    Facts less sure than `min_confidence` are left out. `started` is the build
    time the provenance records (default: `build_time()`, now unless
    SOURCE_DATE_EPOCH is set); the output depends on nothing else that varies, not
    even `jobs`, the number of processes that extract (default: one per core).
    """
    clock = Stopwatch()
    ds, releases, skipped = _dataset(inputs, base, min_confidence, started,
                                     (shapes or shapes_path()) if check else None, clock, jobs)
    with clock.stage("validate"):
        result = validate(ds, load_shapes(shapes)) if check else None
    with clock.stage("write"):
        graph = union(ds, base)
        out = Path(out_dir)
        files = {out / "graph.nq": nquads(ds), out / "graph.ttl": turtle(graph),
                 out / "graph.jsonld": jsonld(graph), out / "skipped.tsv": skipped_tsv(skipped)}
        write_atomically(files)
    return BuildResult(
        releases=len(releases),
        source_files=sum(len(r.document.source_paths) for r in releases),
        skipped=tuple(skipped),
        graphs=len({g for g in ds.graphs() if len(g)}),
        quads=sum(1 for _ in ds.quads((None, None, None, None))),
        triples=len(graph),
        validation=result,
        outputs=tuple(files),
        seconds=dict(clock.seconds),
    )
