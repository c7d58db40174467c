"""Real triplestore servers for integration tests, started on 127.0.0.1 only.

Why: loading and querying must be proven against real servers, not mocks; each
fixture starts one on a free loopback port with a temporary directory and stops
it by its process at the end.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

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


def stop(process: subprocess.Popen, seconds: float) -> None:
    """SIGTERM, then kill if the server has not stopped within `seconds`."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
        stop(process, 10)


VIRTUOSO_MISSING = ("Virtuoso is not installed (no virtuoso-t or isql-vt on PATH): run "
                    "bash .ci/install-virtuoso (apt-get install --no-install-recommends "
                    "virtuoso-opensource-7-bin)")

# A private Virtuoso: every database file in one directory, both listeners on loopback only,
# no Unix socket, file access limited to that directory. ResultSetMaxRows is raised from the
# stock 10,000 (beyond it Virtuoso truncates a result without an error).
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = 1000000
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    """`virtuoso-t` and `isql-vt` (Debian package virtuoso-opensource-7-bin), or None."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


def two_free_ports() -> tuple[int, int]:
    """Two different free loopback ports."""
    first = free_port()
    second = free_port()
    while second == first:
        second = free_port()
    return first, second


def virtuoso_sql(isql: str, sql_port: int, statements: str, seconds: float = 30.0) -> str:
    """Run SQL statements as dba through isql, retrying until the SQL listener answers."""
    deadline = time.monotonic() + seconds
    while True:
        done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statements}"],
                              capture_output=True, text=True, timeout=seconds)
        output = done.stdout + done.stderr
        if done.returncode == 0 and "*** Error" not in output:
            return output
        if time.monotonic() > deadline:
            raise RuntimeError(f"isql at 127.0.0.1:{sql_port} failed ({done.returncode}): {output.strip()}")
        time.sleep(0.2)


def allow_anonymous_writes(isql: str, sql_port: int) -> None:
    """Let the anonymous /sparql and /sparql-graph-crud endpoints write (they answer 403 until then)."""
    virtuoso_sql(isql, sql_port, "GRANT SPARQL_UPDATE TO \"SPARQL\"; "
                                 "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")


@contextmanager
def running_virtuoso(directory: Path, *, writable: bool = True) -> Iterator[Server]:
    """A Virtuoso with a new database in `directory`, on free loopback ports, stopped on exit.

    `writable`: grant SPARQL updates and Graph Store writes to anonymous clients.
    """
    binaries = virtuoso_binaries()
    if binaries is None:
        # CI installs it (.ci/run), so there a missing server is a failure; on a developer's
        # machine the Virtuoso tests are skipped with the command that installs it.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(VIRTUOSO_MISSING)
    server, isql = binaries
    directory = directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = two_free_ports()
    config = directory / "virtuoso.ini"
    config.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port),
                      encoding="utf-8")
    with open(directory / "stdout.log", "wb") as log:
        process = subprocess.Popen([server, "+configfile", str(config), "+foreground"],
                                   cwd=directory, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        try:
            wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process, seconds=60)
            if writable:
                allow_anonymous_writes(isql, sql_port)
        except RuntimeError as exc:
            tail = (directory / "stdout.log").read_text(errors="replace").splitlines()[-15:]
            raise RuntimeError(f"Virtuoso in {directory}: {exc}\n" + "\n".join(tail)) from None
        yield Server(f"{base}/sparql", f"{base}/sparql-graph-crud", f"{base}/sparql")
    finally:
        stop(process, 30)


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    """A writable Virtuoso (anonymous writes granted) with an empty database, one per test module.

    Virtuoso keeps no separate default graph: a query without GRAPH also sees its own system
    graphs (about 2,500 triples), so tests work in named graphs.
    """
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
