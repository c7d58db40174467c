"""The agencies whose page-data payloads the payload reader recognizes.

Why: a cut payload names its publisher only indirectly (a footer line, a
relative alias); turning that into a publisher name, an absolute URL and a
local publication date needs a few facts per site: where its pages live, which
time zone its timestamps are meant in, and which lines of its pages are
furniture. Adding a site is adding a row here, not changing the reader.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PayloadPublisher:
    """One site's page-data conventions."""

    name: str
    markers: tuple[str, ...]  # lower-case strings outside the body that identify the site
    base_url: str  # prefix of the payload's relative "alias"
    zone: str  # IANA time zone of the "published" timestamp's calendar date
    language: str | None  # language of the site's newsroom when the payload does not say
    boilerplate: tuple[str, ...]  # a body line starting with one of these is page furniture


PUBLISHERS: tuple[PayloadPublisher, ...] = (
    PayloadPublisher(
        name="Europol",
        markers=("europol", "/media-press/newsroom/"),
        base_url="https://www.europol.europa.eu",
        zone="Europe/Amsterdam",
        language="en",
        boilerplate=("Any use of Europol’s logo", "Europol is committed to user privacy"),
    ),
)


def recognize(evidence: str) -> PayloadPublisher | None:
    """The publisher whose markers occur in a payload's non-body text, if any."""
    lowered = evidence.lower()
    return next((p for p in PUBLISHERS if any(m in lowered for m in p.markers)), None)
