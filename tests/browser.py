"""A headless Chromium driven over the DevTools protocol on a pipe, for tests of local pages.

Why: a page must be checked as a phone shows it, and Chromium will not open a window
narrower than 500 px; the protocol's device emulation (Emulation.setDeviceMetricsOverride)
gives any viewport, a mobile one that honours the viewport meta included, and lets a test
measure the laid-out page and screenshot it without changing the page. The protocol runs
over fds 3 and 4 (--remote-debugging-pipe): no port, no socket. Pages are file:// only,
and every host name resolves to nothing.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_MISSING = ("Chromium is not installed (no chromium on PATH): run bash .ci/install-chromium "
                    "(apt-get install --no-install-recommends chromium)")

NO_NETWORK = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-extensions", "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND"]
"""Chromium flags for a browser that reaches nothing beyond the files it is given."""


def chromium() -> str:
    """Debian's chromium; in CI (CI set) a missing one fails the test, elsewhere it skips."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(CHROMIUM_MISSING)
    return found


class Browser:
    """One headless Chromium and one page of it, driven by DevTools commands (see open_browser)."""

    def __init__(self, profile: Path, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.log = profile.with_name(profile.name + ".log")  # its messages, for a failure's report
        to_child, self._to_browser = _pipe()
        self._from_browser, from_child = _pipe()
        binary = chromium()
        self.pid = os.posix_spawn(binary, [
            binary, *NO_NETWORK, "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank",
        ], dict(os.environ), file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, str(self.log), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
            (os.POSIX_SPAWN_DUP2, to_child, 3),  # the protocol's fds: 3 reads commands,
            (os.POSIX_SPAWN_DUP2, from_child, 4),  # 4 writes answers and events
        ])
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []
        try:
            pages = [t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page"]
            assert pages, "Chromium opened no page"
            self.session = self.send("Target.attachToTarget", targetId=pages[0]["targetId"],
                                     flatten=True)["sessionId"]
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Ask the browser to quit; kill it if it has not within 10 seconds."""
        try:
            self.timeout = min(self.timeout, 10.0)
            self.send("Browser.close")
        except (OSError, AssertionError, TimeoutError):
            pass
        deadline = time.monotonic() + 10
        while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                break
            time.sleep(0.05)
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)

    # ------------------------------------------------------------------ the protocol

    def send(self, method: str, session: str | None = None, **params: Any) -> dict:
        """Send one command and wait for its answer; an error answer fails the test."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next_id:
                assert "error" not in answer, f"{method}: {answer['error']}"
                return answer.get("result", {})
            self._events.append(answer)

    def page(self, method: str, **params: Any) -> dict:
        """A command to the page (its session)."""
        return self.send(method, self.session, **params)

    def wait_for(self, event: str) -> dict:
        """The next event of that name (one already received counts)."""
        while True:
            for i, seen in enumerate(self._events):
                if seen.get("method") == event:
                    return self._events.pop(i)
            self._events.append(self._read())

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError(f"Chromium did not answer in {self.timeout} s: {self._stderr_tail()}")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise AssertionError(f"Chromium closed the pipe: {self._stderr_tail()}")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def _stderr_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-2000:]

    # ------------------------------------------------------------------ what a test does

    def open(self, page: Path, width: int, height: int = 900) -> None:
        """Load a local page in a viewport `width` x `height` CSS px; narrower than 800 px
        it is a phone's (mobile: the viewport meta applies, scrollbars overlay)."""
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 800)
        self.page("Page.enable")
        self.page("Page.navigate", url=page.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a script run in the page (by the debugger: the page's CSP does not apply)."""
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def screenshot(self, path: Path) -> bytes:
        """A PNG of the whole page (beyond the viewport too), written to `path`."""
        data = base64.b64decode(self.page("Page.captureScreenshot", format="png",
                                          captureBeyondViewport=True)["data"])
        path.write_bytes(data)
        return data


@contextmanager
def open_browser(profile: Path) -> Iterator[Browser]:
    """A headless Chromium with its profile in `profile`, closed at the end."""
    browser = Browser(profile)
    try:
        yield browser
    finally:
        browser.close()


def _pipe() -> tuple[int, int]:
    """A pipe (both ends close on exec) whose ends are above fd 4, so that moving them to
    3 and 4 in the child cannot overwrite one with the other."""
    read, write = os.pipe()
    high = (fcntl.fcntl(read, fcntl.F_DUPFD_CLOEXEC, 10), fcntl.fcntl(write, fcntl.F_DUPFD_CLOEXEC, 10))
    os.close(read)
    os.close(write)
    return high


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
