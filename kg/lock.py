"""One build per folder at a time: an advisory lock held for a whole build.

Why: two builds into one output folder (a cron job overlapping the last one, two terminals)
share its cache and its outputs; one pruned the releases the other had just stored, and
its graph lost them. A build holds `FOLDER/.kg-lock` (flock) from start to end; a second
build waits for it or, with `wait=False`, fails at once naming the holder. The kernel
drops the lock of a process that dies, so a killed build's lock is taken over, never stale.
While held, the file records who holds it (process id, host, start time), for the message
alone; it is left empty, so a folder built twice holds the same bytes.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OpgraphError, OutputError, os_reason

LOCK_FILE = ".kg-lock"
POLL_SECONDS = 0.2


class FolderBusy(OpgraphError):
    """Another build holds the folder's lock (and the caller would not wait)."""


@contextmanager
def folder_lock(folder: Path, *, wait: bool = True,
                waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold `folder`'s build lock for the block (the folder is made if missing). Without
    `wait`, FolderBusy at once if another process holds it; with it, `waiting` is told who
    is being waited for, once, and the lock is taken as soon as it is free."""
    path = folder / LOCK_FILE
    told = False
    while True:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise OutputError(f"{folder}: cannot take the build lock ({path.name}): "
                              f"{os_reason(error)}") from error
        try:
            if _try_lock(fd):
                if _same_file(fd, path):
                    break
            else:
                holder = describe_holder(path)
                if not wait:
                    raise FolderBusy(f"{folder} is being built by another process ({holder}); "
                                     "run again when it has finished, or without --no-wait to wait for it")
                if waiting is not None and not told:
                    waiting(f"waiting for another build of {folder} to finish ({holder})")
                    told = True
                time.sleep(POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the file was removed or replaced while we waited: lock the new one
    try:
        _record_holder(fd)
        yield
    finally:
        try:
            os.ftruncate(fd, 0)  # while still held: a folder built twice holds the same bytes
        finally:
            os.close(fd)  # closing the last descriptor releases the flock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _same_file(fd: int, path: Path) -> bool:
    """Whether the locked descriptor is still the file at `path` (a failed first build removes
    the folder it made, lock file included, while others wait on the old file)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _record_holder(fd: int) -> None:
    record = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    os.ftruncate(fd, 0)
    os.pwrite(fd, (json.dumps(record, sort_keys=True) + "\n").encode("utf-8"), 0)


def describe_holder(path: Path) -> str:
    """Who holds the lock at `path`, as its record says ("process 123 on host, since ...")."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return f"process {int(record['pid'])} on {record['host']}, since {record['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not said which"
