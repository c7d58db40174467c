"""Output plumbing: the project's prefixes, quads as an rdflib Dataset, and atomic files.

Why: a build interrupted while writing must not leave half a graph: every file is written
to a temporary file beside its target and moved into place only when all of them are
complete. (The graph text itself is written by kg.writers, chunk by chunk.)
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from kg.errors import OutputError
from kg.ids import DEFAULT_BASE, ITSRDF, NIF, OPG
from kg.mapping import Quad

PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("http://schema.org/")


def prefixes(base: str = DEFAULT_BASE) -> dict[str, Namespace]:
    """The prefixes every output and query knows: the ontology's, the ids' and the vocabularies'."""
    return {"opg": OPG, "opgid": Namespace(base), "skos": SKOS, "dcterms": DCTERMS, "foaf": FOAF,
            "xsd": XSD, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "prov": PROV, "schema": SCHEMA,
            "nif": NIF, "itsrdf": ITSRDF}


def to_dataset(quads: Iterable[Quad]) -> Dataset:
    """The quads as an rdflib Dataset (one named graph per graph name)."""
    ds = Dataset()
    for s, p, o, g in quads:
        ds.graph(g).add((s, p, o))
    return ds


def union(ds: Dataset, base: str = DEFAULT_BASE) -> Graph:
    """Every triple of every named graph, as one graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes(base).items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def write_atomically(files: dict[Path, str]) -> None:
    """Write every file or none (see `AtomicOutputs`)."""
    with AtomicOutputs(files) as handles:
        for target, text in files.items():
            handles[target].write(text)


class AtomicOutputs:
    """Files written together, all or none: `with AtomicOutputs(paths) as handles:` gives a text
    handle per path, writing to a temporary file beside it; when the block ends without an
    error, the files are synced and moved into place together.

    Why: a build streams gigabytes into its outputs, and a reader must see either the old
    output or the new one, never half of it. The previous files are moved aside before the
    new ones go in, and moved back if any step fails; a failure inside the block leaves the
    old files untouched and removes the temporary ones.
    """

    def __init__(self, targets, binary: bool = False) -> None:
        self.targets = [Path(t) for t in targets]
        self.binary = binary
        self.temps: dict[Path, Path] = {}
        self.handles: dict[Path, object] = {}

    def __enter__(self) -> dict[Path, object]:
        try:
            for target in self.targets:
                if target.is_dir():
                    raise IsADirectoryError(21, "is a directory", str(target))
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                self.temps[target] = Path(tmp)
                self.handles[target] = (os.fdopen(fd, "wb") if self.binary else
                                        os.fdopen(fd, "w", encoding="utf-8", newline="\n"))
        except OSError as exc:
            self._discard()
            raise OutputError(f"cannot write {exc.filename or 'output'}: {exc.strerror or exc}") from exc
        return self.handles

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self._discard()
            return
        try:
            for handle in self.handles.values():
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
            self._place()
        except OSError as exc:
            self._discard()
            raise OutputError(f"cannot write {exc.filename or 'output'}: {exc.strerror or exc}") from exc

    def _place(self) -> None:
        backups: dict[Path, Path] = {}
        placed: list[Path] = []
        try:
            for target, tmp in self.temps.items():
                if target.exists():
                    backups[target] = target.with_name(f".{target.name}.previous")
                    os.replace(target, backups[target])
                os.replace(tmp, target)
                placed.append(target)
        except OSError:
            for target in placed:
                target.unlink(missing_ok=True)
            for target, backup in backups.items():
                os.replace(backup, target)
            raise
        finally:
            for backup in backups.values():
                backup.unlink(missing_ok=True)

    def _discard(self) -> None:
        for handle in self.handles.values():
            try:
                handle.close()
            except OSError:
                pass
        for tmp in self.temps.values():
            tmp.unlink(missing_ok=True)
