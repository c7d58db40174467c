"""Where a build spends its time: seconds per stage (read, extract, resolve, map, validate, write).

Why: speed is a feature, and a build that is slow must say where. The pipeline times each
stage with one `Stopwatch`, the result carries the figures, and the build benchmark
(benchmarks/build.py) prints them; nothing is sampled or guessed.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter

STAGES = ("read", "extract", "resolve", "map", "validate", "write")


class Stopwatch:
    """Seconds spent in each named stage; a stage entered twice adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as part of stage `name`."""
        start = perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + perf_counter() - start
