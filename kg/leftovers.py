"""What a killed process leaves behind: temporary files and folders named with its process id.

Why: outputs and stores are written beside their targets and moved into place when
complete, so a build or load killed with SIGKILL cannot clean up after itself. Its
temporary names carry its process id; the next writer removes those whose process is gone,
and never those of a writer still running.
"""
from __future__ import annotations

import os
from pathlib import Path


def running(pid: int) -> bool:
    """Whether a process with this id exists (another user's counts too)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def abandoned(target: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The leftovers of `target` (named `.NAME.PID.<anything>.SUFFIX`) whose writer is gone."""
    found = []
    for leftover in target.parent.glob(f".{target.name}.*"):
        parts = leftover.name[len(target.name) + 2:].split(".")
        if len(parts) >= 2 and parts[0].isdigit() and parts[-1] in suffixes and not running(int(parts[0])):
            found.append(leftover)
    return sorted(found)
