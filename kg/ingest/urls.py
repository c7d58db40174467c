"""Inputs named by URL (`s3://`, `gs://`, `http(s)://`, `file://`), read through fsspec.

Why: the workers of a cluster read a corpus where it lies (object storage, a web server), not
from the client's disk. fsspec is the file-system layer Dask, pandas and xarray read URLs with,
so the settings a user already has for it (credentials, `FSSPEC_S3_ENDPOINT_URL` and the other
`FSSPEC_<PROTOCOL>_<OPTION>` variables, ~/.config/fsspec) work here unchanged. A folder URL is
read as a local folder is: its files in sorted order of their path below it, which is the
source path the graph records, so the same corpus gives the same graph from either place.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from kg.errors import InputError
from kg.ingest.files import InputFile, displayable
from kg.records import SkippedFile

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
FILE_ONLY = ("http", "https")  # a web server lists no folders: such a URL is one file


def is_url(argument: str | Path) -> bool:
    """Whether an input argument is a URL (a scheme and '://'), not a local path."""
    return isinstance(argument, str) and URL.match(argument) is not None


def _fs(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{url}: reading URLs needs fsspec (pip install 'opgraph[cluster]')") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as error:  # no such protocol, or its package missing
        raise InputError(f"{url}: {error}") from None


def open_url(url: str) -> BinaryIO:
    """The file at `url`, opened for reading (an OSError when it cannot be)."""
    fs, path = _fs(url)
    try:
        return fs.open(path, "rb")
    except OSError:
        raise
    except Exception as error:  # a client library's own error (a refused connection, a denial)
        raise OSError(f"{type(error).__name__}: {error}") from error


def url_size(url: str) -> int:
    fs, path = _fs(url)
    try:
        return int(fs.size(path) or 0)
    except OSError:
        raise
    except Exception as error:  # noqa: BLE001 (as open_url)
        raise OSError(f"{type(error).__name__}: {error}") from error


def iter_url(url: str) -> Iterator[InputFile | SkippedFile]:
    """The files a URL stands for: itself, or every file below it in sorted order (hidden
    ones, any part of whose path starts with '.', left out). InputError when there is
    nothing at the URL or it cannot be reached."""
    fs, root = _fs(url)
    protocol = url.split("://", 1)[0].lower()
    try:
        kind = fs.info(root).get("type")  # (FileNotFoundError when there is nothing there)
        kind = "file" if protocol in FILE_ONLY else kind
        found = fs.find(root, detail=True) if kind == "directory" else {}
    except FileNotFoundError:
        raise InputError(f"input does not exist: {url}") from None
    except Exception as error:  # noqa: BLE001 (any client library's failure is the input's)
        raise InputError(f"{url}: cannot be read: {type(error).__name__}: {error}") from None
    if kind != "directory":
        yield InputFile(Path(PurePosixPath(root).name), displayable(PurePosixPath(root).name), url)
        return
    base = root.rstrip("/") + "/"
    listed = []
    for path, detail in found.items():
        relative = path[len(base):] if path.startswith(base) else PurePosixPath(path).name
        if detail.get("type") == "directory" or any(p.startswith(".") for p in relative.split("/")):
            continue
        listed.append(InputFile(Path(relative), displayable(relative), fs.unstrip_protocol(path)))
    yield from sorted(listed, key=lambda item: item.source)
