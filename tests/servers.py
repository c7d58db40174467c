"""Real triplestore servers for integration tests, started on 127.0.0.1 only.

Why: loading and querying must be proven against real servers, not mocks; each
fixture starts one on a free loopback port with a temporary directory and stops
it by its process at the end.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    """Poll `url` until the server answers, or fail with what it printed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server at {url} did not come up in {seconds} s")


def oxigraph_binary() -> str | None:
    """The `oxigraph` server installed beside this Python (PyPI package `oxigraph`)."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@dataclass(frozen=True)
class Server:
    """A running server's endpoints."""

    query: str
    store: str
    update: str


@pytest.fixture()
def oxigraph_server(tmp_path):
    """An Oxigraph server on a free loopback port with an empty store, stopped afterwards."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.fail("the oxigraph server is not installed (pip install oxigraph, in the test extra)")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxigraph"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query?query=ASK%7B%7D", process)
        yield Server(f"{base}/query", f"{base}/store", f"{base}/update")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
