"""The agencies whose page-data payloads the payload reader recognizes.

Why: a cut payload names its publisher only indirectly (a footer line, a
relative alias); turning that into a publisher name, an absolute URL and a
local publication date needs a few facts per site: where its pages live, which
time zone its timestamps are meant in, and which lines of its pages are
furniture. Adding a site is adding a row to data/publishers.tsv, not changing
the reader.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.tsv import read_tsv, split_list


@dataclass(frozen=True)
class PayloadPublisher:
    """One site's page-data conventions."""

    name: str
    markers: tuple[str, ...]  # lower-case strings outside the body that identify the site
    base_url: str  # prefix of the payload's relative "alias"
    zone: str  # IANA time zone of the "published" timestamp's calendar date
    language: str | None  # language of the site's newsroom when the payload does not say
    boilerplate: tuple[str, ...]  # a body line starting with one of these is page furniture


DATA_FILE = Path(__file__).parent / "data" / "publishers.tsv"


@cache
def publishers() -> tuple[PayloadPublisher, ...]:
    """The known sites, read once from data/publishers.tsv."""
    rows = read_tsv(DATA_FILE, ["name", "markers", "base_url", "zone", "language", "boilerplate"])
    return tuple(
        PayloadPublisher(name=r["name"], markers=split_list(r["markers"]), base_url=r["base_url"],
                         zone=r["zone"], language=r["language"] or None,
                         boilerplate=split_list(r["boilerplate"]))
        for r in rows)


def recognize(evidence: str) -> PayloadPublisher | None:
    """The publisher whose markers occur in a payload's non-body text, if any."""
    lowered = evidence.lower()
    return next((p for p in publishers() if any(m in lowered for m in p.markers)), None)
