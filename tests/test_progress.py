"""The progress line: drawn on a terminal only, with count, percent, rate and time left."""
from __future__ import annotations

import io

from kg.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_standard_error_is_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)
    progress.start("extract", 10)
    progress.advance(10)
    progress.finish()
    assert stream.getvalue() == ""


def test_the_line_says_how_far_how_fast_and_how_long_is_left():
    progress = Progress(Terminal(), width=10)
    progress.start("extract", 1000)
    progress._started = 0.0
    progress.advance(250)
    assert progress.line(now=5.0) == "extract [##........] 250/1000 25% 50/s 0:15 left"


def test_on_a_terminal_the_line_is_redrawn_in_place_and_cleared_at_the_end():
    stream = Terminal()
    progress = Progress(stream)
    progress.start("write", 2)
    progress.advance(2)
    progress.finish()
    text = stream.getvalue()
    assert text.startswith("\r\x1b[Kwrite ") and "2/2 100%" in text and text.endswith("\r\x1b[K")
