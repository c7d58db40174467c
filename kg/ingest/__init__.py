"""Ingest: files in, `Document`s out (clean text plus what each source says about itself).

Why: everything after this stage sees one shape of release, whatever the
input format, encoding or layout, and sees each release once however many
files hold a copy of it. Files that cannot be read are reported as
SkippedFile records, so one bad file never stops a build.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.ingest.dedupe import merge_duplicates
from kg.ingest.dispatch import read_file
from kg.ingest.files import InputFile, check_exist, iter_input
from kg.ingest.jsonl_split import Line, read_line, split_inputs
from kg.limits import NO_LIMITS
from kg.records import Document, SkippedFile

__all__ = ["read_inputs"]


def read_inputs(inputs: Sequence[Path]) -> tuple[list[Document], list[SkippedFile]]:
    """Read every input (files, directories recursively in sorted order by relative posix path),
    pick a reader by content (a JSON Lines file is read line by line, as a build reads it), and
    merge releases whose text is the same once whitespace is ignored into one Document with all
    their source_paths (in input order).
    Raises InputError if an input path does not exist.

    Why: this is the one entry point of the stage; the build passes its input
    arguments and gets back every release once, and every file it could not read.
    """
    arguments = [Path(path) for path in inputs]
    check_exist(arguments)
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    for argument in arguments:
        for found in split_inputs(iter_input(argument), NO_LIMITS):
            items = (read_file(found) if isinstance(found, InputFile) else
                     read_line(found) if isinstance(found, Line) else [found])
            documents.extend(item for item in items if isinstance(item, Document))
            skipped.extend(item for item in items if isinstance(item, SkippedFile))
    return merge_duplicates(documents), skipped
