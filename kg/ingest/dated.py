"""News text with a `date YYYY-MM-DD` header: the scraper's publication date, then the article.

Why: news-wire copies of releases are saved with the article's publication
date in front of its text (" date 2020-04-22 AUSTRALIAN police have ..."), on
the same line. The date is what the source says about itself and becomes
`published`; the header is not part of the article and must not reach the
extractors, which would read it as a date in the text.
"""
from __future__ import annotations

import re

from kg.errors import ReadError
from kg.ingest.dates import partial_date
from kg.ingest.text import normalize
from kg.records import Document

FORMAT = "dated"
_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}(?:-\d{2}){1,2})(?![\d-])", re.IGNORECASE)


def sniff(text: str) -> bool:
    """Whether the first non-blank content is `date` and a valid ISO date."""
    match = _HEADER.match(text)
    return match is not None and partial_date(match.group(1)) is not None


def read(text: str, source: str) -> list[Document]:
    """The article after the header, published on the header's date."""
    match = _HEADER.match(text)
    if match is None:
        raise ReadError("no 'date YYYY-MM-DD' header")
    body = normalize(text[match.end():])
    if not body:
        raise ReadError("no article text after the date header")
    stated = partial_date(match.group(1))
    published, precision = stated if stated else (None, "day")
    return [Document(text=body, source_paths=(source,), format=FORMAT, published=published,
                     published_precision=precision)]
