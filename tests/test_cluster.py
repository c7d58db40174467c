"""`kg build --cluster`: pass 1 on a real Dask cluster (a LocalCluster of worker processes on
the loopback) gives the same bytes as a local build, from local folders and from an S3 server
(moto's, on the loopback); a worker killed mid-build is replaced and its work redone; Ctrl-C
stops the cluster's work and leaves the previous output as it was.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from kg.cache import Cache
from kg.cli import main
from kg.cluster import TOKEN_FILE, Cluster, ClusterError, Setup, _batches, parse_local, run_batch
from kg.errors import InputError
from kg.ingest.files import InputFile
from kg.limits import Limits
from kg.pipeline import build
from kg.records import SkippedFile
from kg.streaming import CACHED, Summary
from tests.test_benchmark_corpus import _load

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"
GRAPHS = ("graph.nq", "graph.ttl", "graph.jsonld", "skipped.tsv")
EPOCH = ["--reproducible", "--no-progress"]


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in GRAPHS}


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """400 generated releases (some in JSON Lines files, some bad), and their local build."""
    root = tmp_path_factory.mktemp("cluster")
    _load().write_corpus(root / "corpus", 400, seed=5, jobs=1)
    (root / "corpus" / "zz-binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (root / "corpus" / "zz-empty.txt").write_bytes(b"")
    done = _kg("build", str(root / "corpus"), "--out", str(root / "local"), *EPOCH)
    assert done.returncode == 0, done.stderr
    return root / "corpus", _files(root / "local")


def test_a_local_cluster_build_is_the_same_bytes_as_a_local_build(corpus, tmp_path: Path) -> None:
    folder, local = corpus
    done = _kg("build", str(folder), "--out", str(tmp_path / "out"), "--cluster", "local:2", *EPOCH)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("cluster:  local:2: 2 workers")
    assert _files(tmp_path / "out") == local
    assert b"zz-binary.txt" in local["skipped.tsv"]  # the bad inputs are reported as locally
    assert not (tmp_path / "out" / ".kg-cache" / TOKEN_FILE).exists()


def test_a_rebuild_on_the_cluster_reads_the_cache(corpus, tmp_path: Path) -> None:
    folder, local = corpus
    with Cluster("local:2") as cluster:
        first = build([folder], tmp_path / "out", started=_epoch(), cluster=cluster)
        again = build([folder], tmp_path / "out", started=_epoch(), cluster=cluster)
    inputs = sum(1 for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert (first.cached_files, again.cached_files) == (0, inputs)
    assert _files(tmp_path / "out") == local


def test_a_worker_that_cannot_see_the_cache_folder_carries_its_entries(tmp_path: Path) -> None:
    """On a cluster without a shared file system the entries come back in the task's result,
    and stored by the client they are the entries a worker writing the folder makes."""
    items = [InputFile(p, p.name) for p in sorted(EXAMPLES.iterdir()) if p.is_file()]
    seen = tmp_path / "seen"
    seen.mkdir()
    (seen / TOKEN_FILE).write_text("token", encoding="utf-8")
    results, carried = run_batch(Setup(str(seen), "token", "stamp", 0.0, Limits()), items)
    assert carried == {}
    results_apart, carried = run_batch(Setup(str(tmp_path / "elsewhere"), "token", "stamp", 0.0, Limits()), items)
    assert _timeless(results_apart) == _timeless(results)
    assert not (tmp_path / "elsewhere").exists()
    written = {(kind, p.name): p.read_bytes() for kind in CACHED for p in (seen / kind).glob("*/*")}
    assert written and carried.keys() == written.keys()
    # the same releases; an input's entry differs only by the seconds its summaries record
    releases = {k for k in written if k[0] == "releases"}
    assert releases and {k: carried[k] for k in releases} == {k: written[k] for k in releases}
    client = Cache(tmp_path / "client", "stamp", CACHED)
    for (kind, key), data in carried.items():
        client.put(kind, key, data)
    assert client.load("files", next(k for kind, k in carried if kind == "files")) is not None


def _timeless(results) -> list:
    return [[replace(i, seconds=0.0) if isinstance(i, Summary) else i for i in r.items] for r in results]


def test_an_input_that_fails_on_a_worker_is_skipped_with_its_reason(tmp_path: Path) -> None:
    items = [InputFile(tmp_path / "gone.txt", "gone.txt"), InputFile(Path("x"), "x", "nosuchscheme://x")]
    results, _ = run_batch(Setup(str(tmp_path), "t", "stamp", 0.0, Limits()), items)
    (gone,), (odd,) = (r.items for r in results)
    assert isinstance(gone, SkippedFile) and gone.reason.startswith("cannot read")
    assert isinstance(odd, SkippedFile) and odd.path == "x" and "nosuchscheme" in odd.reason


def test_tasks_hold_many_inputs_and_keep_their_order() -> None:
    items = list(range(10_000))
    batches = _batches(items, 2)  # type: ignore[arg-type]
    assert [i for b in batches for i in b] == items
    assert len(batches) == 50 and {len(b) for b in batches} == {200}
    assert [len(b) for b in _batches(list(range(30)), 2)] == [2] * 15  # type: ignore[arg-type]


def test_cluster_addresses_are_checked() -> None:
    assert parse_local("local:3") == 3
    for wrong in ("local:", "local:0", "local:x"):
        with pytest.raises(ValueError, match="local:N"):
            parse_local(wrong)
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        Cluster("tcp://127.0.0.1:9", timeout="1s").__enter__()


def test_the_cli_says_what_is_wrong_with_a_cluster_address(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--cluster", "local:0"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == ("Error: a local cluster is written local:N with N workers "
                                             "(for example local:4), not 'local:0'")


def _workers(process: subprocess.Popen) -> list[psutil.Process]:
    """The Dask worker processes a `kg build --cluster local:N` started."""
    children = psutil.Process(process.pid).children(recursive=True)
    return [c for c in children if "spawn_main" in " ".join(c.cmdline())]


def _wait_for_entries(process: subprocess.Popen, cache: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the build ended first: {process.communicate()}")
        if sum(1 for _ in (cache / "releases").glob("*/*")) >= count:
            return
        time.sleep(0.02)
    pytest.fail("the cluster extracted nothing in two minutes")


def test_a_worker_killed_mid_build_has_its_task_rerun(corpus, tmp_path: Path) -> None:
    folder, local = corpus
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(out),
                                "--cluster", "local:2", *EPOCH], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    _wait_for_entries(process, out / ".kg-cache", 40)
    victims = _workers(process)
    assert len(victims) >= 2
    victims[0].kill()
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert _files(out) == local


def test_ctrl_c_cancels_the_cluster_and_keeps_the_previous_output(corpus, tmp_path: Path) -> None:
    folder, _ = corpus
    out = tmp_path / "out"
    shutil.copytree(EXAMPLES, tmp_path / "small")
    assert _kg("build", str(tmp_path / "small"), "--out", str(out), *EPOCH).returncode == 0
    before = _files(out)
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(out),
                                "--cluster", "local:2", *EPOCH], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    _wait_for_entries(process, out / ".kg-cache", 60)
    workers = _workers(process)
    os.kill(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == "Interrupted: stopped before finishing; the outputs are as they were."
    assert _files(out) == before
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive


@pytest.fixture()
def s3(monkeypatch) -> str:
    """A bucket on moto's S3 server on the loopback, the environment pointing fsspec at it."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in {"FSSPEC_S3_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "test",
                        "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                        "AWS_EC2_METADATA_DISABLED": "true"}.items():
        monkeypatch.setenv(name, value)
    import fsspec.config

    monkeypatch.setattr(fsspec.config, "conf", {})
    fsspec.config.set_conf_env(fsspec.config.conf)
    yield endpoint
    server.stop()


def test_a_cluster_build_reads_an_s3_bucket(s3, corpus, tmp_path: Path) -> None:
    import fsspec

    folder, local = corpus
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    fs.mkdir("corpus")
    fs.put(str(folder) + "/", "corpus/releases/", recursive=True)
    with Cluster("local:2") as cluster:
        build(["s3://corpus/releases/"], tmp_path / "out", started=_epoch(), cluster=cluster)
    assert _files(tmp_path / "out") == local
    with pytest.raises(Exception, match="input does not exist: s3://corpus/nothing-here"):
        build(["s3://corpus/nothing-here"], tmp_path / "none", started=_epoch())


def _epoch():
    from kg.provenance import build_time
    return build_time(True)


def test_file_and_http_urls_read_as_local_paths(tmp_path: Path) -> None:
    """Without a cluster too: a file:// folder is the folder, an http:// URL one file."""
    import http.server
    import threading
    from functools import partial

    local = build([EXAMPLES], tmp_path / "local", started=_epoch(), cache=False)
    by_url = build([EXAMPLES.resolve().as_uri() + "/"], tmp_path / "url", started=_epoch(), cache=False)
    assert (by_url.releases, _files(tmp_path / "url")) == (local.releases, _files(tmp_path / "local"))
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(EXAMPLES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        name = "europol-glass-harbour.txt"
        build([EXAMPLES / name], tmp_path / "one", started=_epoch(), cache=False)
        build([f"http://127.0.0.1:{server.server_port}/{name}"], tmp_path / "web", started=_epoch(), cache=False)
        assert _files(tmp_path / "web") == _files(tmp_path / "one")
        with pytest.raises(InputError, match="input does not exist: http://127.0.0.1:.*/missing.txt"):
            build([f"http://127.0.0.1:{server.server_port}/missing.txt"], tmp_path / "none", started=_epoch())
    finally:
        server.shutdown()
