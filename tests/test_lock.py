"""One build per folder at a time: a second build waits or fails at once, a killed build's
lock is taken over, and two builds started together never report success with a release lost.

Why: a cron job that overlaps the previous run, or two terminals, built into one folder at
once; one build pruned what the other had stored, and a partial graph was left with exit 0.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.lock import LOCK_FILE, FolderBusy, folder_lock
from tests.test_benchmark_corpus import _load

GRAPHS = ("graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv")
HOLD = ("import sys, time\nfrom pathlib import Path\nfrom kg.lock import folder_lock\n"
        "with folder_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(600)\n")


def _holder(folder: Path) -> subprocess.Popen:
    """Another process holding `folder`'s lock until killed."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def _build(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out),
                             "--reproducible", "--no-progress", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A generated corpus that takes a few seconds to build, and a clean build's files."""
    root = tmp_path_factory.mktemp("lock")
    folder = root / "corpus"
    _load().write_corpus(folder, 300, seed=5, jobs=1)
    clean = root / "clean"
    run = _build(folder, clean, "--no-cache")
    assert run.wait() == 0, run.communicate()
    return folder, {name: (clean / name).read_bytes() for name in GRAPHS}


def test_no_wait_fails_at_once_naming_the_other_build(tmp_path):
    out = tmp_path / "out"
    holder = _holder(out)
    try:
        run = _build(Path(__file__).parent.parent / "examples" / "releases", out, "--no-wait")
        _, stderr = run.communicate(timeout=60)
        assert run.returncode == 2
        assert stderr.startswith(f"Error: {out} is being built by another process (process {holder.pid} on ")
        assert not (out / "graph.nq").exists()
    finally:
        holder.kill()
        holder.wait()


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path):
    out = tmp_path / "out"
    holder = _holder(out)
    try:
        run = _build(Path(__file__).parent.parent / "examples" / "releases", out)
        time.sleep(1.5)
        assert run.poll() is None  # still waiting
    finally:
        holder.terminate()
        holder.wait()
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr
    assert f"waiting for another build of {out} to finish (process {holder.pid} on " in stderr
    assert (out / "graph.nq").is_file()


def test_the_lock_of_a_killed_build_is_taken_over(tmp_path):
    out = tmp_path / "out"
    holder = _holder(out)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (out / LOCK_FILE).is_file()  # the file stays; the kernel dropped its lock
    with folder_lock(out, wait=False):
        pass


def test_the_lock_is_per_folder_and_not_reentrant_across_processes(tmp_path):
    holder = _holder(tmp_path / "a")
    try:
        with folder_lock(tmp_path / "b", wait=False):  # another folder: free
            pass
        with pytest.raises(FolderBusy), folder_lock(tmp_path / "a", wait=False):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_file_removed_while_waiting_is_not_shared(tmp_path):
    """A first build that fails into a folder it made removes the folder, lock file included;
    whoever waited on the old file must lock the new one, or two builds would run at once."""
    out = tmp_path / "out"
    with folder_lock(out):
        (out / LOCK_FILE).unlink()
        with folder_lock(out, wait=False):  # a new file: its own lock, and the only one held
            pass


def test_two_builds_into_one_folder_at_once_lose_nothing(corpus, tmp_path):
    folder, clean = corpus
    out = tmp_path / "out"
    for round_ in range(2):  # from nothing, then over a previous build and its cache
        runs = [_build(folder, out), _build(folder, out, "--jobs", "1")]
        results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
        for code, stdout, stderr in results:
            assert code == 0, stderr
            assert "releases: 300 (from 289 files and 11 lines of 3 JSON Lines files;" in stdout
            assert "skipped:" not in stdout
        assert any("waiting for another build" in stderr for _, _, stderr in results), round_
        for name in GRAPHS:
            assert (out / name).read_bytes() == clean[name], name


def test_a_released_lock_file_is_empty(tmp_path):
    """Who holds the lock is written while it is held, and cleared on release: a folder built
    twice holds the same bytes."""
    with folder_lock(tmp_path):
        assert b'"pid"' in (tmp_path / LOCK_FILE).read_bytes()
    assert (tmp_path / LOCK_FILE).read_bytes() == b""


def test_a_lock_that_cannot_be_taken_is_a_clear_error(tmp_path):
    from kg.errors import OutputError
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot take the build lock"):
        with folder_lock(tmp_path / "file" / "out"):
            pass
