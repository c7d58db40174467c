"""A build stopped while it writes (SIGKILL, Ctrl-C, SIGTERM, a full disk) leaves the previous
output intact and no half-written file in its place; Ctrl-C and SIGTERM end with a message
and exit 130 or 143, never a traceback, and a killed build's leftovers go with the next build.

Why: builds of a large corpus run for minutes and get stopped: by a user, by a scheduler, by
the out-of-memory killer. Whatever readers of the output (a triplestore load, a diff in git)
find must be a whole graph: the last one that finished.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.outputs
from kg.cli import main
from tests.test_benchmark_corpus import _load

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"
GRAPHS = ("graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv")


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    """A generated corpus large enough that writing its graph takes seconds, and a finished
    build of it: (corpus, output folder, the bytes of its files)."""
    root = tmp_path_factory.mktemp("interrupt")
    corpus = root / "corpus"
    _load().write_corpus(corpus, 300, seed=3, jobs=1)
    out = root / "previous"
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out),
                    "--reproducible", "--no-progress"], check=True, capture_output=True)
    return corpus, out, {name: (out / name).read_bytes() for name in GRAPHS}


def _start(corpus: Path, out: Path, tmp_path: Path) -> subprocess.Popen:
    """A build into `out` that makes a different graph than the previous one (another base
    IRI), from scratch, in its own process group."""
    shutil.copytree(out, tmp_path / "out")
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(tmp_path / "out"),
         "--base", "https://example.org/other/", "--no-cache", "--reproducible", "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_mid_write(process: subprocess.Popen, out: Path) -> None:
    """Return once the build has written over a megabyte of its new graph.nq."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the build ended before it was stopped: {process.communicate()}")
        if any(t.stat().st_size > 1_000_000 for t in out.glob(".graph.nq.*.tmp") if t.exists()):
            return
        time.sleep(0.005)
    pytest.fail("the build did not start writing within two minutes")


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    assert {name: (out / name).read_bytes() for name in GRAPHS} == before


def test_sigkill_mid_write_leaves_the_previous_output(previous, tmp_path: Path) -> None:
    corpus, out, before = previous
    process = _start(corpus, out, tmp_path)
    _wait_mid_write(process, tmp_path / "out")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    _unchanged(tmp_path / "out", before)
    assert list((tmp_path / "out").glob(".graph.nq.*.tmp"))  # it could not clean up ...
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path / "out"),
                                       "--no-progress"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".graph")] == []  # ... the next build did


@pytest.mark.parametrize("how, code, message", [
    ("ctrl-c", 130, "Interrupted: stopped before finishing; the outputs are as they were."),
    ("sigterm", 143, "Terminated: stopped before finishing; the outputs are as they were."),
])
def test_stopping_mid_write_says_so_and_leaves_the_previous_output(previous, tmp_path: Path, how: str,
                                                                   code: int, message: str) -> None:
    corpus, out, before = previous
    process = _start(corpus, out, tmp_path)
    _wait_mid_write(process, tmp_path / "out")
    if how == "ctrl-c":  # a terminal sends SIGINT to every process of the foreground group
        os.killpg(process.pid, signal.SIGINT)
    else:  # a scheduler signals the process it started
        os.kill(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code
    assert stderr.decode().strip() == message
    _unchanged(tmp_path / "out", before)
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".graph")] == []


def test_a_full_disk_is_one_line_and_leaves_the_previous_output(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(EXAMPLES), "--out", str(out), "--no-progress"]).exit_code == 0
    before = {name: (out / name).read_bytes() for name in GRAPHS}

    def write(self, data: bytes):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(kg.outputs.Appender, "write", write)
    result = runner.invoke(main, ["build", str(EXAMPLES), "--out", str(out), "--no-progress", "--no-cache"])
    assert result.exit_code == 2
    assert result.output == (f"Error: cannot write {out}: No space left on device; "
                             "the previous output is left as it was\n")
    _unchanged(out, before)
    assert [p.name for p in out.iterdir() if p.name.startswith(".graph")] == []
