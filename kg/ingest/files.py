"""Finding the files behind the input arguments, in a stable order.

Why: a build must give the same graph for the same inputs on any machine, so
files are read in sorted order of their path relative to the argument they
came from, and that relative path (not an absolute one) is what the graph
records. Hidden files (`.git`, `.DS_Store`) are not releases; symbolic links
are followed, but never round a loop back into a directory being read (such a
link is listed as skipped).
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.records import SkippedFile


@dataclass(frozen=True)
class InputFile:
    """A file to read, and the source path the graph records for it. A file named by a URL
    (kg.ingest.urls) has `url` set, and is read through fsspec wherever the reading runs
    (a worker of a cluster); its `path` is then its path within that file system."""

    path: Path
    source: str
    url: str | None = None

    def open(self) -> BinaryIO:
        if self.url is None:
            return open(self.path, "rb")
        from kg.ingest.urls import open_url  # fsspec is imported only when a URL is read
        return open_url(self.url)

    def size(self) -> int:
        if self.url is None:
            return self.path.stat().st_size
        from kg.ingest.urls import url_size
        return url_size(self.url)

    def read_bytes(self) -> bytes:
        with self.open() as handle:
            return handle.read()


def check_exist(inputs: Sequence[Path]) -> None:
    """Raise InputError naming the first input that does not exist.

    Why: a mistyped argument is the user's error and must stop the build before
    anything is read, rather than silently building a smaller graph.
    """
    for path in inputs:
        if not path.exists():
            broken = " (a broken symbolic link)" if path.is_symlink() else ""
            raise InputError(f"input path does not exist: {path}{broken}")


def iter_input(argument: Path) -> Iterator[InputFile | SkippedFile]:
    """The files an input argument stands for: itself, or every file under it in sorted order.

    Why: a file argument is recorded by its name, a directory's files by their
    posix path relative to it, so that `docs/a/b.txt` read as `docs/` is `a/b.txt`.
    """
    if argument.is_dir():
        yield from _walk(argument)
    elif argument.is_file():
        yield InputFile(argument, displayable(argument.name))
    else:
        yield SkippedFile(displayable(argument.name), "not a regular file")


def _walk(root: Path) -> list[InputFile | SkippedFile]:
    """Every non-hidden file under `root`, sorted by relative posix path.

    An entry that cannot be read (broken link, unlistable directory) is a SkippedFile in its place.
    """
    found: list[InputFile | SkippedFile] = []
    pending: list[tuple[Path, str, frozenset[Path]]] = [(root, "", frozenset({root.resolve()}))]
    while pending:
        directory, prefix, ancestors = pending.pop()
        try:
            entries = _visible_entries(directory)
        except OSError as error:
            where = prefix.rstrip("/") or displayable(root.name) or "."
            found.append(SkippedFile(where, f"cannot list directory: {error.strerror}"))
            continue
        for entry in entries:
            relative = prefix + displayable(entry.name)
            if _is_dir(entry):
                resolved = Path(entry.path).resolve()
                if resolved in ancestors:  # a symbolic link back into a directory being read
                    found.append(SkippedFile(relative, "directory loop: a link back to a folder being read"))
                else:
                    pending.append((Path(entry.path), relative + "/", ancestors | {resolved}))
            else:
                found.append(_entry_file(entry, relative))
    return sorted(found, key=lambda item: item.source if isinstance(item, InputFile) else item.path)


def displayable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (which Python keeps as lone surrogates)
    become U+FFFD.

    Why: the name is recorded in the graph, hashed into cache keys and written to
    skipped.tsv, all as UTF-8; a name saved by a system with another encoding must
    not stop the build. The file itself is still opened by its real name.
    """
    if not any("\udc80" <= c <= "\udcff" for c in name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _visible_entries(directory: Path) -> list[os.DirEntry[str]]:
    """The entries of a directory whose names do not start with '.' (hidden ones are skipped silently)."""
    with os.scandir(directory) as entries:
        return [entry for entry in entries if not entry.name.startswith(".")]


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a directory (following symbolic links), False when that cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _entry_file(entry: os.DirEntry[str], relative: str) -> InputFile | SkippedFile:
    """A regular file to read, or why an entry that is not a directory cannot be read."""
    try:
        if entry.is_symlink() and not os.path.exists(entry.path):
            return SkippedFile(relative, "broken symbolic link")
        if entry.is_file():
            return InputFile(Path(entry.path), relative)
    except OSError as error:
        return SkippedFile(relative, f"cannot read: {error.strerror}")
    return SkippedFile(relative, "not a regular file")
