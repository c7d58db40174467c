"""The build cache: what was extracted from each file, kept between builds, keyed by content.

Why: analysts rebuild after every change to a corpus of tens of thousands of releases, and
extraction is most of a build's time. A file whose bytes, path and tools (code, reference
data, shapes, options) are unchanged gives the same releases, so its extraction is read back
instead of redone. Keys are SHA-256 digests of all of that (`Cache.key`), so a stale entry
is never used, only left unread; `prune` removes entries the last build did not use. The
same store carries the releases from the first pass of a build to the second, so a build
never holds every release in memory.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import Any

KINDS = ("files", "releases", "chunks")
_LEVEL = 1  # zlib: a third of the bytes for a few percent of the time of extraction


def code_sha256(package: Path) -> str:
    """One hash of every Python source file of the package: any change to an extractor (or to
    the mapping) changes it, and with it every key."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Cache:
    """Pickled values under `root`/KIND/ab/KEY, written atomically; `stamp` (the versions of
    everything that shapes a value) is part of every key."""

    def __init__(self, root: Path, stamp: str) -> None:
        self.root = root
        self.stamp = stamp

    def key(self, *parts: str) -> str:
        """The key of a value from what defines it (and the cache's stamp)."""
        return hashlib.sha256("\0".join((self.stamp, *parts)).encode("utf-8")).hexdigest()[:32]

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def load(self, kind: str, key: str) -> Any | None:
        """The value stored under `key`, or None when there is none or it cannot be read (a
        damaged entry is a miss, never an error: the value is simply made again)."""
        try:
            return pickle.loads(zlib.decompress(self._path(kind, key).read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError,
                ImportError, IndexError, TypeError, ValueError):
            return None

    def store(self, kind: str, key: str, value: Any) -> None:
        """Keep `value` under `key`: written to a temporary file and moved into place, so a
        reader sees a whole entry or none, even when two builds share the cache."""
        path = self._path(kind, key)
        data = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, used: dict[str, set[str]]) -> int:
        """Remove every entry whose key is not in `used[kind]`; the number removed."""
        removed = 0
        for kind in KINDS:
            folder = self.root / kind
            if not folder.is_dir():
                continue
            keep = used.get(kind, set())
            for sub in folder.iterdir():
                for entry in sub.iterdir() if sub.is_dir() else ():
                    if entry.name not in keep:
                        entry.unlink(missing_ok=True)
                        removed += 1
        return removed

    def clear(self) -> None:
        """Remove the whole cache."""
        shutil.rmtree(self.root, ignore_errors=True)
