"""Reading the project's data files: tab-separated, a header first, `|` between list items.

Why: reference lists, word lists and publisher conventions all live in files of
this one shape; one reader gives them the same header check, the same trimming
and the same error, wherever they are read.
"""
from __future__ import annotations

import csv
from pathlib import Path

from kg.errors import ReferenceDataError


def read_tsv(path: Path, columns: list[str] | None = None) -> list[dict[str, str]]:
    """The rows of a data file as dicts of trimmed cells; with `columns`, the header must be exactly those."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if columns is not None and reader.fieldnames != columns:
                raise ReferenceDataError(
                    f"{path}: header must be {' '.join(columns)}, found {reader.fieldnames}")
            return [{k: (v or "").strip() for k, v in row.items()} for row in reader]
    except OSError as exc:
        raise ReferenceDataError(f"{path}: cannot read data file: {exc}") from exc


def split_list(cell: str) -> tuple[str, ...]:
    """The items of a `|`-separated cell, trimmed, empty ones dropped."""
    return tuple(part.strip() for part in cell.split("|") if part.strip())
