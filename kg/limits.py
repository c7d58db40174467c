"""Bounds on what one input may cost: its size, and the time its extraction may take.

Why: a build of ten thousand files started at night must finish by morning whatever the
folder holds. A 200 MB dump where a release was expected, or a text that drives some
pattern into a long search, must cost a line in the skipped list, not the night. Both
bounds are per input, so the rest of the build is untouched by the one bad file.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MEGABYTE = 1_000_000


@dataclass(frozen=True)
class Limits:
    """How large a file may be (bytes) and how long one release's extraction may take
    (seconds); 0 means no bound."""

    max_bytes: int = 10 * MEGABYTE
    seconds: float = 5.0

    def too_large(self, size: int) -> str | None:
        """Why a file of `size` bytes is skipped, or None when it is within the bound."""
        if self.max_bytes and size > self.max_bytes:
            return f"too large: {megabytes(size)} (limit {megabytes(self.max_bytes)}, see --max-size)"
        return None

    def too_slow(self, stage: str) -> str:
        """Why an input whose `stage` ('reading', 'extraction') ran out of time is skipped."""
        return f"{stage} took longer than {self.seconds:g} s and was abandoned (see --timeout)"


NO_LIMITS = Limits(0, 0.0)


def megabytes(size: int) -> str:
    """A size as people read it, to three digits: '212 MB', '10.5 MB', '0.11 MB'."""
    return f"{size / MEGABYTE:.3g} MB"


class TimeLimitExceeded(Exception):
    """Raised inside the work a `time_limit` bounds when its time is up."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block once `seconds` have passed (0: no bound).

    Why a timer signal: it interrupts Python code and the regular-expression engine alike
    (CPython's checks signals while it searches), with no thread or process to manage per
    release. Signals reach only the main thread, so elsewhere the block runs unbounded.
    """
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expire(signum, frame) -> None:
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
