"""One root error for everything opgraph reports to a user; the CLI maps them to exit codes.

Why: library code raises these with a message a person can act on; the CLI
prints `Error: <message>` and exits with `exit_code`, never a traceback.
"""
from __future__ import annotations


class OpgraphError(Exception):
    """Something went wrong that the user can fix; the message says what."""

    exit_code = 2


class InputError(OpgraphError):
    """An input path does not exist or holds nothing that can be read."""


class ReadError(OpgraphError):
    """One file could not be read or parsed as a release."""


class ReferenceDataError(OpgraphError):
    """A curated reference data file is malformed."""


class ValidationRunError(OpgraphError):
    """Validation could not run (unreadable graph or shapes)."""


class OutputError(OpgraphError):
    """The output could not be written; the previous output is left as it was."""


class SkippedInputsError(OpgraphError):
    """`--strict`: some inputs could not be read, so the build wrote nothing."""

    exit_code = 1

    def __init__(self, message: str, skipped: tuple = ()) -> None:
        super().__init__(message)
        self.skipped = skipped  # the SkippedFile records, for the caller to list


class InterruptedBuild(OpgraphError):
    """The build was stopped (Ctrl-C, SIGTERM); the previous output is left as it was."""

    exit_code = 130


def os_reason(exc: OSError) -> str:
    """What went wrong, in the words a user knows ("a file is in the way", not "File exists")."""
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return "a file is in the way of a folder on that path"
    return exc.strerror or str(exc)
