"""Provenance of a build: when it ran, which opgraph, which reference data and shapes.

Why: a fact is only as good as the rules and the data that produced it. Every
release graph records the build activity (PROV-O) with the tool's version and
the hashes of the data files and shapes it used, so two graphs can be told
apart, and a finding traced to the state of the extractors behind it. The start
time is the only value that varies between two builds of the same input; like
other build tools, opgraph takes it from SOURCE_DATE_EPOCH when that is set
(https://reproducible-builds.org/specs/source-date-epoch/), and `--reproducible`
fixes it to the epoch, so the output can be byte-identical.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from datetime import datetime, timezone
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.errors import InputError
from kg.records import BuildActivity

PACKAGE = Path(__file__).parent
DATA_DIRS = (PACKAGE / "reference" / "data", PACKAGE / "extract" / "data")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def build_time(reproducible: bool = False, environ: Mapping[str, str] | None = None) -> datetime:
    """When the build started, to the second, in UTC: SOURCE_DATE_EPOCH if set, else the epoch
    with `reproducible`, else now. A SOURCE_DATE_EPOCH that is not a whole number of seconds
    is an error rather than silently ignored."""
    environ = os.environ if environ is None else environ
    fixed = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed:
        if not fixed.isdigit():
            raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, found {fixed!r}")
        return datetime.fromtimestamp(int(fixed), tz=timezone.utc)
    if reproducible:
        return EPOCH
    return datetime.now(timezone.utc).replace(microsecond=0)


def tool_version() -> str:
    """The installed opgraph's version."""
    try:
        return version("opgraph")
    except PackageNotFoundError:  # run from a checkout that is not installed
        from kg import __version__
        return __version__


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def data_sha256() -> str:
    """One hash of every reference and word-list data file the extractors read (their paths
    relative to the package and their bytes), so any edit to the data changes it."""
    digest = hashlib.sha256()
    for folder in DATA_DIRS:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def activity(started: datetime, shapes: Path | None, min_confidence: float) -> BuildActivity:
    """The record of one build; `shapes` is the shapes file it validated against, if any."""
    return BuildActivity(started=started, version=tool_version(), data_sha256=data_sha256(),
                         shapes_sha256=file_sha256(shapes) if shapes else None,
                         min_confidence=min_confidence)
