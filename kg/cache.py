"""The build cache: what was extracted from each file, kept between builds, keyed by content.

Why: analysts rebuild after every change to a corpus of tens of thousands of releases, and
extraction is most of a build's time. A file whose bytes, path and tools (code, reference
data, shapes, options) are unchanged gives the same releases, so its extraction is read back
instead of redone. Keys are SHA-256 digests of all of that (`Cache.key`), so a stale entry
is never used, only left unread; `prune` removes entries the last build did not use. The
same store carries the releases from the first pass of a build to the second, so a build
never holds every release in memory.

Entries are data (kg.codec: MessagePack read against the records' declared types, then zlib),
never pickles: a cache restored from elsewhere (a CI cache another branch wrote, a shared
archive) can at worst hold wrong values under the right keys, never run code. An entry that
does not parse is absent: the value is made again, and `damaged` counts it.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import zlib
from collections.abc import Mapping
from itertools import count
from pathlib import Path
from typing import Any

from kg import codec
from kg.serialize import file_mode

_KEY = re.compile(r"[0-9a-f]{32}(?:-[0-9]+)?")  # a key, or a file's key and a release's index
_SERIAL = count()  # temporary names: this host's name, process's id and a serial (mkstemp's
# random names cost 0.1 ms an entry, and a build writes two entries a release; the host, as the
# workers of a cluster may share the folder)
_HOST = socket.gethostname().replace("/", "_")
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
    """Values under `root`/KIND/ab/KEY, written atomically; `kinds` maps each KIND to the type
    of its values, and `stamp` (the versions of everything that shapes a value, and the
    encoding's) is part of every key."""

    MAGIC = b"opgraph-cache %d\n" % codec.FORMAT

    def __init__(self, root: Path, stamp: str, kinds: Mapping[str, Any]) -> None:
        self.root = root
        self.settings = stamp  # as given: a cluster's worker makes the same cache from it
        self.stamp = f"{stamp}\0codec {codec.FORMAT}"
        self.kinds = dict(kinds)
        self.damaged = 0  # entries found but unreadable, in this process

    def key(self, *parts: str) -> str:
        """The key of a value from what defines it (and the cache's stamp)."""
        return hashlib.sha256("\0".join((self.stamp, *parts)).encode("utf-8")).hexdigest()[:32]

    def _path(self, kind: str, key: str) -> Path:
        if not _KEY.fullmatch(key):  # keys are read from entries too: none may leave the folder
            raise codec.CodecError(f"not a cache key: {key!r}")
        return self.root / kind / key[:2] / key

    def load(self, kind: str, key: str) -> Any | None:
        """The value stored under `key`, or None when there is none or it cannot be read (a
        damaged entry is a miss, never an error: the value is simply made again)."""
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            return None
        except codec.CodecError:
            self.damaged += 1
            return None
        try:
            if not data.startswith(self.MAGIC):
                raise codec.CodecError("not an entry of this cache format")
            return codec.loads(zlib.decompress(data[len(self.MAGIC):]), self.kinds[kind])
        except (zlib.error, codec.CodecError):
            self.damaged += 1
            return None

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is stored under `key` (read or not)."""
        try:
            return self._path(kind, key).is_file()
        except codec.CodecError:
            return False

    def store(self, kind: str, key: str, value: Any) -> None:
        """Keep `value` under `key`: written to a temporary file and moved into place, so a
        reader sees a whole entry or none, even when two builds share the cache."""
        self.put(kind, key, self.encode(value))

    def encode(self, value: Any) -> bytes:
        """The bytes an entry of `value` is stored as."""
        return self.MAGIC + zlib.compress(codec.dumps(value), _LEVEL)

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store an entry's bytes as `encode` made them (elsewhere: a cluster's worker)."""
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{_HOST}.{os.getpid()}.{next(_SERIAL)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode())
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
        for kind in self.kinds:
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
