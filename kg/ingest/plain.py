"""Plain text: the release and nothing said about it.

Why: most releases are saved as bare text, hard-wrapped, flowed onto one line,
or with their line breaks lost. The text is all there is; a title, date or
publisher would have to be guessed from it, and guessing is the extractors'
job, with evidence, not the reader's. This reader accepts anything, so the
dispatcher tries it last.
"""
from __future__ import annotations

from kg.ingest.text import normalize
from kg.records import Document

FORMAT = "plain"


def sniff(text: str) -> bool:
    """Always: any text can be read as plain text."""
    return True


def read(text: str, source: str) -> list[Document]:
    """The normalized text, without metadata (nothing when the text is blank)."""
    body = normalize(text)
    return [Document(text=body, source_paths=(source,), format=FORMAT)] if body else []
