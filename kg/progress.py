"""A progress line for long builds: how far, how fast, how long still to wait.

Why: a build of a hundred thousand releases takes minutes, and a silent terminal makes people
kill it. When standard error is a terminal the build redraws one line (phase, count, percent,
releases per second, time left) at most a few times a second; otherwise it prints nothing,
so logs and pipes stay clean.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.2


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """One phase's progress line on `stream` (standard error by default), drawn only when
    `enabled` (default: when the stream is a terminal)."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None,
                 width: int = 24) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self._phase, self._total, self._done = "", 0, 0
        self._started = self._drawn = 0.0

    def start(self, phase: str, total: int) -> None:
        """Begin a phase of `total` steps (files read, releases written)."""
        self._phase, self._total, self._done = phase, total, 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._draw()

    def advance(self, steps: int = 1) -> None:
        """Count `steps` more done; redraw when enough time has passed."""
        self._done += steps
        now = time.monotonic()
        if now - self._drawn >= REDRAW_SECONDS or self._done >= self._total:
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line as drawn: 'extract [#####.....] 512/1000 51% 480/s 0:01 left'."""
        now = time.monotonic() if now is None else now
        elapsed = max(now - self._started, 1e-9)
        total = max(self._total, 1)
        filled = int(self.width * min(self._done, total) / total)
        rate = self._done / elapsed
        left = (self._total - self._done) / rate if rate > 0 else None
        eta = f"{_clock(left)} left" if left is not None else "--:-- left"
        return (f"{self._phase:<7} [{'#' * filled}{'.' * (self.width - filled)}] "
                f"{self._done}/{self._total} {100 * self._done // total}% {rate:,.0f}/s {eta}")

    def _draw(self, now: float | None = None) -> None:
        if not self.enabled:
            return
        self._drawn = time.monotonic() if now is None else now
        self.stream.write("\r\x1b[K" + self.line(now))
        self.stream.flush()

    def finish(self) -> None:
        """Clear the line, leaving the terminal as it was."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
