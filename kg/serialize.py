"""Output plumbing: the project's prefixes, quads as an rdflib Dataset, and atomic files.

Why: a build interrupted while writing must not leave half a graph: every file is written
to a temporary file beside its target and moved into place only when all of them are
complete. (The graph text itself is written by kg.writers, chunk by chunk.)
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, VOID, XSD, DefinedNamespace

from kg.errors import InputError, OutputError, os_reason
from kg.ids import DEFAULT_BASE, ITSRDF, NIF, OPG
from kg.leftovers import abandoned
from kg.mapping import Quad
from kg.model import model

PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("http://schema.org/")


def prefixes(base: str = DEFAULT_BASE) -> dict[str, Namespace | type[DefinedNamespace]]:
    """The prefixes every output and query knows: the ontology's, the ids', the vocabularies'
    and those the model declares its terms with (kg/data/model.toml)."""
    known: dict[str, Namespace | type[DefinedNamespace]] = {
        "opg": OPG, "opgid": Namespace(base), "skos": SKOS, "dcterms": DCTERMS, "foaf": FOAF, "xsd": XSD,
        "rdf": RDF, "rdfs": RDFS, "owl": OWL, "prov": PROV, "schema": SCHEMA, "nif": NIF, "itsrdf": ITSRDF,
        "void": VOID, "dcat": DCAT}  # VoID and DCAT: the build's description of itself (kg.description)
    for prefix, namespace in model().prefixes.items():
        known.setdefault(prefix, Namespace(namespace))
    return known


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


def graph_file(path: Path) -> Path:
    """The graph file a path stands for: a build folder (made by `kg build`) its graph.nq,
    any other path itself.

    Why: users pass the folder they built into wherever a graph is read (load, validate,
    query, explain, merge); graph.nq holds all of its facts, every release graph and the
    reference graph.
    """
    if not path.is_dir():
        return path
    if not (path / "graph.nq").is_file():
        raise InputError(f"{path}: a folder without graph.nq; give a folder written by kg build, "
                         "or graph files")
    return path / "graph.nq"


def graph_files(path: Path) -> list[Path]:
    """`graph_file`, and a build folder's evidence.nq too when `kg build --evidence` wrote it."""
    found = graph_file(path)
    evidence = path / "evidence.nq"
    return [found, evidence] if found != path and evidence.is_file() else [found]


_UMASK_LOCK = threading.Lock()


def file_mode() -> int:
    """The mode a new file gets from `open` under this process's umask (0644 under 022).

    Why: `mkstemp` makes its files 0600 whatever the umask, so outputs moved into place from
    it could be read by nobody but their writer (not a triplestore running as another user,
    a web server or a colleague). Python 3.11 can read the umask only by setting it.
    """
    with _UMASK_LOCK:
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


def check_writable(folder: Path, names: Iterable[str] = ()) -> None:
    """Raise OutputError unless files can be written in `folder` (made if missing) under `names`.

    Why: a build checks its output folder before reading a single release, so a folder that is
    read-only, under a file or full of directories where the graph goes fails in a second
    with its path named, not after an hour of extraction.
    """
    for name in names:
        if (folder / name).is_dir():
            raise OutputError(f"cannot write {folder / name}: it is a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=f".probe.{os.getpid()}.", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {os_reason(exc)}") from exc


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
    output or the new one, never half of it, even if the build is killed. Each target is
    replaced in one rename, so at every instant it holds a whole file; the previous files are
    kept under a second name (a hard link) until every new one is in, and put back if any step
    fails. A failure inside the block leaves the old files untouched and removes the temporary
    ones. Temporary files carry the writer's process id, so those of a killed build (which
    could not remove them) are removed by the next one.
    """

    def __init__(self, targets, binary: bool = False) -> None:
        self.targets = [Path(t) for t in targets]
        self.binary = binary
        self.temps: dict[Path, Path] = {}
        self.handles: dict[Path, IO[Any]] = {}

    def __enter__(self) -> dict[Path, IO[Any]]:
        mode = file_mode()
        try:
            for target in self.targets:
                if target.is_dir():
                    raise IsADirectoryError(21, "is a directory", str(target))
                target.parent.mkdir(parents=True, exist_ok=True)
                _remove_abandoned(target)
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                           dir=target.parent)
                self.temps[target] = Path(tmp)
                os.fchmod(fd, mode)
                self.handles[target] = (os.fdopen(fd, "wb") if self.binary else
                                        os.fdopen(fd, "w", encoding="utf-8", newline="\n"))
        except OSError as exc:
            self._discard()
            raise self._error(exc) from exc
        return self.handles

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self._discard()
            if isinstance(value, OSError):  # a write in the block failed: a full disk, say
                raise self._error(value) from value
            return
        try:
            for handle in self.handles.values():
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
            self._place()
        except OSError as exc:
            self._discard()
            raise self._error(exc) from exc

    def _error(self, exc: OSError) -> OutputError:
        written = Path(exc.filename) if exc.filename else None  # a temporary file stands for its target
        where = next((t for t in self.targets if written and written.parent == t.parent
                      and written.name.startswith(f".{t.name}.")),
                     written or (self.targets[0].parent if self.targets else "output"))
        return OutputError(f"cannot write {where}: {os_reason(exc)}; the previous output "
                           "is left as it was")

    def _place(self) -> None:
        backups: dict[Path, Path] = {}
        placed: list[Path] = []
        try:
            for target, tmp in self.temps.items():
                if target.exists():
                    backups[target] = target.with_name(f".{target.name}.{os.getpid()}.previous")
                    backups[target].unlink(missing_ok=True)
                    _keep(target, backups[target])
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


def _keep(target: Path, backup: Path) -> None:
    """Give `target`'s file a second name: a hard link, or a copy where links are refused."""
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def _remove_abandoned(target: Path) -> None:
    """Remove the temporary files and backups of `target` left by a writer that was killed."""
    for leftover in abandoned(target, ("tmp", "previous")):
        leftover.unlink(missing_ok=True)
