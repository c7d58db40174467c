"""Merging copies of one release read from several files.

Why: the same release is saved more than once: by the agency and by a
reposting site, with and without its line breaks. Counted twice it would
double every arrest in the graph; merged, it is one release with one source
path per file, and with whatever metadata any copy had.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.records import Document

_METADATA = ("title", "publisher", "url", "published", "language")


def merge_duplicates(documents: Iterable[Document]) -> list[Document]:
    """One Document per distinct text (white space ignored), in order of first appearance.

    Why: the first copy read gives the text; each metadata field comes from the
    first copy that has it; source paths accumulate in reading order.
    """
    merged: dict[str, Document] = {}
    for document in documents:
        first = merged.get(document.key)
        merged[document.key] = document if first is None else _merge(first, document)
    return list(merged.values())


def _merge(first: Document, other: Document) -> Document:
    """`first` with `other`'s source paths (and their hashes) appended and its gaps in
    metadata filled from `other`."""
    new = [k for k, p in enumerate(other.source_paths) if p not in first.source_paths]
    paths = first.source_paths + tuple(other.source_paths[k] for k in new)
    hashed = all(len(d.source_hashes) == len(d.source_paths) for d in (first, other))
    hashes = first.source_hashes + tuple(other.source_hashes[k] for k in new) if hashed else ()
    filled = {
        name: getattr(other, name)
        for name in _METADATA
        if getattr(first, name) is None and getattr(other, name) is not None
    }
    if "published" in filled:  # a date comes with what it states (a day, or only a month)
        filled["published_precision"] = other.published_precision
    return replace(first, source_paths=paths, source_hashes=hashes, **filled)
