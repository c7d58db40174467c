"""kg.limits: sizes are said as people read them, and a time limit stops Python loops and
regular-expression searches alike, restores what it replaced, and bounds nothing off the
main thread (where signals cannot reach)."""
from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from kg.limits import NO_LIMITS, Limits, TimeLimitExceeded, megabytes, time_limit


def test_megabytes() -> None:
    assert megabytes(10_000_000) == "10 MB"
    assert megabytes(10_500_000) == "10.5 MB"
    assert megabytes(212_430_000) == "212 MB"
    assert megabytes(110_000) == "0.11 MB"


def test_too_large_says_the_size_and_the_limit() -> None:
    limits = Limits(max_bytes=10_000_000)
    assert limits.too_large(10_000_000) is None
    assert limits.too_large(26_000_001) == "too large: 26 MB (limit 10 MB, see --max-size)"
    assert NO_LIMITS.too_large(10 ** 12) is None


def test_too_slow_names_the_stage_and_the_limit() -> None:
    assert Limits(seconds=2.5).too_slow("extraction") == (
        "extraction took longer than 2.5 s and was abandoned (see --timeout)")


def test_a_python_loop_is_stopped() -> None:
    start = time.perf_counter()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            while True:
                pass
    assert time.perf_counter() - start < 2


def test_a_catastrophic_regular_expression_is_stopped() -> None:
    start = time.perf_counter()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            re.match(r"(a+)+$", "a" * 40 + "b")
    assert time.perf_counter() - start < 2


def test_the_previous_handler_and_timer_are_restored() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_zero_and_other_threads_are_unbounded() -> None:
    with time_limit(0):
        time.sleep(0.05)
    outcome: list[str] = []

    def work() -> None:
        with time_limit(0.01):
            time.sleep(0.1)
        outcome.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["finished"]
