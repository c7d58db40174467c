"""Merging the N-Quads of sharded builds into the dataset one build of the whole corpus gives.

Why: `kg build --shard I/N` lets N machines (or a batch engine) build parts of a corpus. Every
release graph depends on its own release only, except in two ways, and `kg merge` settles both
from the graphs alone, streaming, so it scales like the build:

- an operation reported by releases in different shards: each shard keyed it on its own
  releases; `merge_shards` reads back what kg.merge compares (codename, date, agencies,
  countries, figures, officials) from each release graph, merges the operations of the whole
  corpus exactly as a single build does (releases in order of their first source path: the
  order of a build from one folder), and renames the operation IRIs that change;
- an agency whose name was written differently in two shards: one build labels it with the
  first of its names in sorted order and keeps the others as alternative labels; so does
  the merge.

Statement and phrase IRIs never depend on the operation's key (kg.mapping), so renaming the
operation is all a changed merge needs. Lines repeated by several shards (the reference
graph) are written once. Each shard's description of itself (kg.description) is replaced by
one description of the merged whole, counted from the lines written, as a build counts.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.description import About, Totals, description_quads
from kg.errors import InputError
from kg.ids import DEFAULT_BASE, Minter, evidence_graph_of, keyed
from kg.ingest.dates import partial_date
from kg.lock import folder_lock
from kg.merge import MIN_FIGURE, Profile, operation_keys
from kg.serialize import AtomicOutputs, graph_file
from kg.writers import nquads_lines

OPG = "https://w3id.org/opgraph/ontology#"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
ISSUED = "http://purl.org/dc/terms/issued"
CREATED = b"<http://purl.org/dc/terms/created>"
LICENSE = b"<http://purl.org/dc/terms/license>"
GENERATED_BY = b"<http://www.w3.org/ns/prov#wasGeneratedBy>"
_GRAPH = re.compile(rb"<([^>]*)> \.\s*$")


@dataclass
class _Release:
    """What one release graph says about its operation, as kg.merge compares it."""

    text_key: str = ""
    paths: list[str] = field(default_factory=list)
    published: date | None = None
    operation: str | None = None  # the operation's key in this shard's output
    codename: bool = False
    agencies: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    officials: set[str] = field(default_factory=set)
    outcomes: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))


@dataclass(frozen=True)
class MergeResult:
    """What `merge_shards` read and changed."""

    releases: int
    renamed: int  # release graphs whose operation took another key
    relabelled: int  # agencies with more than one preferred label across shards
    lines: int
    output: Path
    evidence_lines: int = 0  # of evidence.nq, when the shards were built with --evidence
    evidence: Path | None = None


def _local(iri: str, prefix: str) -> str | None:
    return iri[len(prefix):] if iri.startswith(prefix) else None


def _read(files: Sequence[Path], minter: Minter) -> tuple[dict[str, _Release], dict[str, set[str]]]:
    """Pass 1: what each release graph says, and every preferred label of every agency."""
    releases: dict[str, _Release] = defaultdict(_Release)
    labels: dict[str, set[str]] = defaultdict(set)
    operation_prefix, agency_prefix, official_prefix = (str(minter.node(kind, ""))
                                                        for kind in ("operation", "agency", "official"))
    country_prefix = str(minter.node("country", "")).rstrip("/") + "/"
    reference = str(minter.reference_graph())
    description = str(minter.description_graph())
    for path in files:
        try:
            quads = ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
            for quad in quads:
                graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
                s, p, o = quad.subject.value, quad.predicate.value, quad.object
                if graph == reference:
                    if p == SKOS_PREF and s.startswith(agency_prefix):
                        labels[s].add(o.value)
                    continue
                if not graph or graph == description:
                    continue
                release = releases[graph]
                if s == graph:
                    if p == OPG + "textHash":
                        release.text_key = o.value
                    elif p == OPG + "sourcePath":
                        release.paths.append(o.value)
                    elif p == ISSUED:
                        stated = partial_date(o.value)
                        release.published = stated[0] if stated else None
                    elif p == OPG + "reports":
                        release.operation = _local(o.value, operation_prefix)
                    elif p == OPG + "quotes":
                        release.officials.add(_local(o.value, official_prefix) or o.value)
                elif s.startswith(operation_prefix):
                    if p == OPG + "codename":
                        release.codename = True
                    elif p == OPG + "involves":
                        release.agencies.add(_local(o.value, agency_prefix) or o.value)
                    elif p == OPG + "country":
                        release.countries.add(_local(o.value, country_prefix) or o.value)
                elif p in (OPG + "outcomeType", OPG + "count", OPG + "unit", OPG + "inCountry"):
                    release.outcomes[s][p[len(OPG):]] = o.value
        except (OSError, SyntaxError, ValueError) as exc:
            raise InputError(f"{path}: cannot read as N-Quads: {exc}") from exc
    return releases, labels


def _profile(release: _Release, country_prefix: str) -> Profile | None:
    """The release's profile as kg.merge.profile makes it from the release itself."""
    if release.operation is None:
        return None
    own = release.operation if release.codename else keyed("", "release", release.text_key)
    figures = set()
    for outcome in release.outcomes.values():
        count = int(outcome.get("count", "0"))
        if count >= MIN_FIGURE:
            kind = outcome["outcomeType"].rsplit("#", 1)[-1]
            country = outcome.get("inCountry")
            figures.add((kind, count, outcome.get("unit"),
                         country[len(country_prefix):] if country else None))
    return Profile(own, own if release.codename else None, release.published,
                   frozenset(release.agencies), frozenset(release.countries), frozenset(figures),
                   frozenset(release.officials))


def merge_shards(inputs: Sequence[Path | str], out: Path | str, base: str = DEFAULT_BASE) -> MergeResult:
    """Merge the graph.nq of sharded builds (folders or .nq files) into `out`/graph.nq (see the
    module doc), and their evidence.nq, when every shard folder has one, into `out`/evidence.nq;
    the result loads as the dataset one build of the whole corpus gives."""
    files = [graph_file(Path(p)) for p in inputs]
    for path in files:
        if not path.is_file():
            raise InputError(f"no such N-Quads file: {path}")
    minter = Minter(base)
    country_prefix = str(minter.node("country", "")).rstrip("/") + "/"
    releases, labels = _read(files, minter)
    order = sorted(releases, key=lambda g: (min(releases[g].paths, default=""), g))
    profiles = [_profile(releases[g], country_prefix) for g in order]
    renames: dict[bytes, tuple[bytes, bytes]] = {}
    for graph, profile, merged in zip(order, profiles, operation_keys(profiles), strict=True):
        current = releases[graph].operation
        wanted = merged or (profile.key if profile else None)
        if current is not None and wanted is not None and wanted != current:
            renames[f"<{graph}>".encode()] = (f"<{minter.node('operation', current)}>".encode(),
                                             f"<{minter.node('operation', wanted)}>".encode())
    relabel = {agency: sorted(names) for agency, names in labels.items() if len(names) > 1}
    target = Path(out) / "graph.nq"
    evidence = _evidence_files(inputs)
    evidence_target = Path(out) / "evidence.nq" if evidence else None
    # A release's evidence graph names its operation as its release graph does: renamed alike.
    evidence_renames = {f"<{evidence_graph_of(name[1:-1].decode())}>".encode(): rename
                        for name, rename in renames.items()}
    counts = [0, 0]
    targets = [target, *([evidence_target] if evidence_target else [])]
    totals = Totals()
    held: list[bytes] = []  # the lines of the shards' descriptions
    for graph in sorted(releases):
        totals.name(graph)
    with folder_lock(Path(out)), AtomicOutputs(targets, binary=True) as handles:  # one writer at a time
        for line in _merged_lines(files, renames, relabel, str(minter.reference_graph()),
                                  str(minter.description_graph()), held):
            handles[target].write(line)
            totals.add_line(line)
            counts[0] += 1
        for line in _description(totals, held, minter):
            handles[target].write(line)
            counts[0] += 1
        if evidence_target:
            for line in _merged_lines(evidence, evidence_renames, {}, str(minter.reference_graph())):
                handles[evidence_target].write(line)
                counts[1] += 1
    if not evidence_target:
        (Path(out) / "evidence.nq").unlink(missing_ok=True)  # a folder holds one merge
    return MergeResult(len(releases), len(renames), len(relabel), counts[0], target, counts[1],
                       evidence_target)


def _evidence_files(inputs: Sequence[Path | str]) -> list[Path]:
    """The evidence.nq of every shard folder, when all of them have one (built with --evidence).

    Why all or none: a merged evidence.nq with some shards' words missing would look complete.
    """
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    found = [f / "evidence.nq" for f in folders if (f / "evidence.nq").is_file()]
    if found and len(found) != len(inputs):
        lacking = [str(p) for p in inputs if not (Path(p).is_dir() and (Path(p) / "evidence.nq").is_file())]
        raise InputError(f"evidence.nq is in {len(found)} of {len(inputs)} shards (not in "
                         f"{', '.join(lacking)}); build every shard with --evidence, or none")
    return found


def _description(totals: Totals, held: list[bytes], minter: Minter) -> list[bytes]:
    """The description of the merged whole (kg.description): counted as the lines were written,
    made by the shards' builds, created when the last of them started, under the licence the
    shards give when every one gives the same; with the builds described as the shards'
    descriptions describe them (their `held` lines but those about the shards' datasets)."""
    dataset = b"<" + str(minter.dataset("")).encode()
    created: dict[bytes, str] = {}
    licensed: dict[bytes, str] = {}
    builds: set[str] = set()
    kept: set[bytes] = set()
    for line in held:
        subject, predicate, rest = line.split(b" ", 2)
        if not subject.startswith(dataset):
            kept.add(line)
        elif predicate == CREATED:
            created[subject] = rest[1:rest.index(b'"', 1)].decode()
        elif predicate == GENERATED_BY:
            builds.add(rest[1:rest.index(b">")].decode())
        elif predicate == LICENSE:
            licensed[subject] = rest[1:rest.index(b">")].decode()
    same = set(licensed.values())
    about = About(Literal(max(created.values(), default="1970-01-01T00:00:00Z"), datatype=XSD.dateTime,
                          normalize=False),
                  tuple(URIRef(b) for b in sorted(builds)),
                  same.pop() if len(same) == 1 and set(licensed) == set(created) else None)
    lines = {line.encode("utf-8") for line in nquads_lines(description_quads(totals, about, minter))}
    return sorted(lines | kept)


def _merged_lines(files: Sequence[Path], renames: dict[bytes, tuple[bytes, bytes]],
                  relabel: dict[str, list[str]], reference: str, description: str = "",
                  held: list[bytes] | None = None) -> Iterator[bytes]:
    """Pass 2: every line of every shard, operations renamed, agency labels settled, lines of
    the reference graph and of the build activity written once; the lines of the shards'
    description graphs go to `held` instead (see `_description`)."""
    seen: set[bytes] = set()
    reference_tag = f"<{reference}> .".encode()
    description_tag = f"<{description}> .".encode()
    label_lines = {}
    for agency, names in relabel.items():
        for name in names[1:]:
            literal = ox.Literal(name)
            label_lines[f"<{agency}> <{SKOS_PREF}> {literal} {reference_tag.decode()}\n".encode()] = \
                f"<{agency}> <{SKOS_ALT}> {literal} {reference_tag.decode()}\n".encode()
    for path in files:
        with path.open("rb") as handle:
            for line in handle:
                if not line.strip():
                    continue
                if not line.endswith(b"\n"):
                    line += b"\n"
                if held is not None and line.rstrip().endswith(description_tag):
                    held.append(line)
                    continue
                if line.rstrip().endswith(reference_tag):
                    line = label_lines.get(line, line)
                    if line in seen:
                        continue
                    seen.add(line)
                    yield line
                    continue
                match = _GRAPH.search(line)
                rename = renames.get(b"<" + match.group(1) + b">") if match else None
                if rename:
                    line = line.replace(rename[0], rename[1])
                yield line
