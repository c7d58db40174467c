"""`kg build --cluster`: the build's first pass (read and extract) on a Dask distributed cluster.

Why Dask: it is the scheduler the scientific Python world already runs, on a laptop
(`LocalCluster`), over SSH, on Kubernetes, Slurm and hosted services alike, with the same
client; its futures rerun the tasks of a worker that died, and cancel what is left when the
client stops. It installs from PyPI as pure Python (Ray brings its own daemons and a
binary wheel), and reads URLs with fsspec, which the build's URL inputs use too.

What runs where: pass 1, most of a build's work, runs as tasks of up to BATCH inputs each.
What a task made (summaries and resolved releases) reaches the client's build cache either
straight from the workers, when they see the cache folder (this machine, or a shared file
system: recognised by a token the client writes into it), or inside the task's result, which
the client then stores. The client merges copies and operations and runs pass 2 (map,
validate, write) in its own processes, as a local build does, so the output is the same bytes.
"""
from __future__ import annotations

import importlib.util
import logging
import secrets
from collections.abc import Generator, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.cache import Cache
from kg.errors import OpgraphError
from kg.ingest.files import InputFile
from kg.ingest.jsonl_split import Line
from kg.limits import Limits
from kg.records import SkippedFile
from kg.streaming import CACHED, FileResult, Worker, first_pass, set_worker

BATCH = 200  # inputs per task at most: a task's hand-over costs milliseconds, an input ~10 ms
TASKS_PER_WORKER = 8  # at least this many tasks a worker, so a slow one does not hold the end
TOKEN_FILE = ".kg-cluster"
Input = InputFile | Line | SkippedFile


class ClusterError(OpgraphError):
    """The cluster cannot be reached or started, or lost the build's work."""


@dataclass(frozen=True)
class Setup:
    """What a worker needs to run pass 1 as the client would: the cache (its folder, the
    token that tells the worker it sees that very folder, and the stamp keys are made with)
    and the build's settings."""

    cache_root: str
    token: str
    stamp: str
    min_confidence: float
    limits: Limits


class _Carried(Cache):
    """A cache a worker cannot see: nothing to read back, and what it stores is carried to
    the client in the task's result."""

    def __init__(self, stamp: str) -> None:
        super().__init__(Path("/nonexistent-kg-cache"), stamp, CACHED)
        self.carried: dict[tuple[str, str], bytes] = {}

    def load(self, kind: str, key: str) -> Any | None:
        return None

    def has(self, kind: str, key: str) -> bool:
        return (kind, key) in self.carried

    def put(self, kind: str, key: str, data: bytes) -> None:
        self.carried[(kind, key)] = data


def _worker_cache(setup: Setup) -> Cache:
    """The client's cache folder when this worker sees it (the token matches), else a cache
    whose entries travel back with the result."""
    try:
        sees = (Path(setup.cache_root) / TOKEN_FILE).read_text(encoding="utf-8") == setup.token
    except OSError:
        sees = False
    return Cache(Path(setup.cache_root), setup.stamp, CACHED) if sees else _Carried(setup.stamp)


def run_batch(setup: Setup, items: Sequence[Input]) -> tuple[list[FileResult], dict[tuple[str, str], bytes]]:
    """A task: pass 1 over some inputs on a worker, and the cache entries the client must
    store itself (none when the worker wrote them)."""
    cache = _worker_cache(setup)
    set_worker(Worker(cache, setup.min_confidence, limits=setup.limits))
    results = [_one(item) for item in items]
    return results, cache.carried if isinstance(cache, _Carried) else {}


def _one(item: Input) -> FileResult:
    try:
        return first_pass(item)
    except Exception as error:  # noqa: BLE001 (a bug on one input must not sink the task's others)
        return FileResult([SkippedFile(_source(item), f"extraction failed: {type(error).__name__}: {error}")], {})


def _source(item: Input) -> str:
    return item.path if isinstance(item, SkippedFile) else item.source


class Cluster(AbstractContextManager):
    """A Dask client: to the scheduler at `address`, or with 'local:N' to a LocalCluster of
    N worker processes started on the loopback (and stopped on exit)."""

    def __init__(self, address: str, timeout: str = "20s") -> None:
        self.address = address
        self.timeout = timeout  # to reach a scheduler
        self._local: Any = None
        self.client: Any = None

    def __enter__(self) -> Cluster:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError("--cluster needs Dask: pip install 'opgraph[cluster]'") from None
        workers = parse_local(self.address) if self.address.startswith("local:") else 0
        try:
            if workers:
                self._local = LocalCluster(n_workers=workers, threads_per_worker=1,
                                           processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                           silence_logs=logging.ERROR)
                self.client = Client(self._local)
            else:
                self.client = Client(self.address, timeout=self.timeout)
        except (OSError, TimeoutError, RuntimeError) as error:
            self.__exit__(None, None, None)
            raise ClusterError(f"cannot reach the Dask scheduler at {self.address}: {error}") from None
        return self

    def __exit__(self, *exc_info) -> None:
        for part in (self.client, self._local):
            if part is not None:
                try:
                    part.close()
                except Exception:  # noqa: BLE001 (closing after an interrupt: a half-closed part is fine)
                    pass
        self.client = self._local = None

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    @property
    def dashboard(self) -> str | None:
        """The dashboard's address, when the scheduler serves one."""
        served = "dashboard" in self.client.scheduler_info().get("services", {})
        # A local scheduler serves the page only with bokeh, which a remote one may have.
        drawn = self._local is None or importlib.util.find_spec("bokeh") is not None
        return self.client.dashboard_link if served and drawn else None

    def first_pass(self, found: list[Input], cache: Cache, min_confidence: float, limits: Limits
                   ) -> Generator[FileResult, None, None]:
        """Pass 1's result for each of `found`, in order, computed on the cluster."""
        token = secrets.token_hex(16)
        marker = cache.root / TOKEN_FILE
        cache.root.mkdir(parents=True, exist_ok=True)
        marker.write_text(token, encoding="utf-8")
        setup = Setup(str(cache.root.resolve()), token, cache.settings, min_confidence, limits)
        batches = _batches([_absolute(item) for item in found], max(1, self.workers))
        futures = [self.client.submit(run_batch, setup, batch, pure=False) for batch in batches]
        try:
            for batch, future in zip(batches, futures, strict=True):
                yield from self._results(setup, batch, future, cache)
        finally:
            self.client.cancel(futures)
            marker.unlink(missing_ok=True)

    def _results(self, setup: Setup, batch: list[Input], future, cache: Cache) -> Iterator[FileResult]:
        """A task's results; a task whose workers kept dying is run again an input at a time,
        and an input that still kills its worker is skipped with that reason."""
        from distributed import KilledWorker
        try:
            results, carried = future.result()
        except KilledWorker:
            if len(batch) == 1:
                yield FileResult([SkippedFile(_source(batch[0]), "the cluster's workers died reading it "
                                              "(out of memory, or a crash)")], {})
                return
            for item in batch:
                yield from self._results(setup, [item], self.client.submit(run_batch, setup, [item],
                                                                           pure=False), cache)
            return
        for (kind, key), data in carried.items():
            cache.put(kind, key, data)
        yield from results


def parse_local(address: str) -> int:
    """The N of 'local:N'."""
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"a local cluster is written local:N with N workers (for example local:4), not {address!r}")
    return int(count)


def _batches(items: list[Input], workers: int) -> list[list[Input]]:
    size = max(1, min(BATCH, -(-len(items) // (workers * TASKS_PER_WORKER))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _absolute(item: Input) -> Input:
    """An input with its local path made absolute: a worker's working folder is its own."""
    if isinstance(item, InputFile) and item.url is None:
        return replace(item, path=item.path.absolute())
    if isinstance(item, Line) and item.file.input.url is None:
        return replace(item, file=replace(item.file, input=_absolute(item.file.input)))  # type: ignore[arg-type]
    return item
