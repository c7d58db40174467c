"""The JSON Lines reader: one release per line, bad lines skipped with their line number."""
from __future__ import annotations

import json
from datetime import date

from kg.ingest import jsonl
from kg.records import Document, SkippedFile

FIRST = {
    "title": "INTERPOL operation nets 146 arrests",
    "date": "2025-01-28",
    "url": "https://www.interpol.int/news/1",
    "publisher": "INTERPOL",
    "language": "en",
    "text": "LYON, France – Operation Green Meridian led to 146 arrests in 32 countries.",
}
SECOND = {
    "published": "2025-02-05T23:30:00+01:00",
    "body": "<p>Eurojust supported the action day.</p><p>Nine suspects were arrested.</p>",
}


def _lines(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def test_sniff() -> None:
    assert jsonl.sniff(_lines(FIRST, SECOND))
    assert jsonl.sniff(_lines(FIRST, "{not json"))
    assert not jsonl.sniff("{ Europol supported the operation }\nTwo arrests.")
    assert not jsonl.sniff("Europol supported the operation.")


def test_read_fields() -> None:
    first, second = jsonl.read(_lines(FIRST, SECOND), "corpus.jsonl")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.source_paths == ("corpus.jsonl#1",)
    assert (first.title, first.url, first.publisher, first.language) == (
        FIRST["title"], FIRST["url"], "INTERPOL", "en",
    )
    assert first.published == date(2025, 1, 28)
    assert first.format == "jsonl"
    assert second.source_paths == ("corpus.jsonl#2",)
    assert second.published == date(2025, 2, 5)  # the date as the source wrote it
    assert second.text == "Eurojust supported the action day.\nNine suspects were arrested."
    assert second.title is None


def test_bad_lines_are_skipped_and_the_rest_read() -> None:
    text = _lines(FIRST, "{\"text\": \"cut", "", '{"title": "no text here"}', '["a list"]', SECOND)
    items = list(jsonl.read(text, "c.jsonl"))
    documents = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, SkippedFile)]
    assert [d.source_paths for d in documents] == [("c.jsonl#1",), ("c.jsonl#6",)]
    assert [s.path for s in skipped] == ["c.jsonl#2", "c.jsonl#4", "c.jsonl#5"]
    assert skipped[0].reason.startswith("line 2: invalid JSON")
    assert "no text" in skipped[1].reason
    assert "not a JSON object" in skipped[2].reason
    assert all("\n" not in s.reason for s in skipped)


def test_escaped_lone_surrogates_and_hostile_metadata_are_cleaned() -> None:
    # Regression (tests/test_fuzz.py): "\ud800" in a line's text or title reached the
    # Document, and the build stopped with UnicodeEncodeError (text) or ValueError (title);
    # a free-text language ("English") made a graph that does not conform.
    line = json.dumps({"text": "Europol \ud800 arrested 12.", "title": "T\udfff\x00itle\u202e",
                       "publisher": "\u200fEuropol\x1f", "url": " https://ex.org/a b ",
                       "language": "English"})
    [document] = jsonl.read(line + "\n", "corpus.jsonl")
    assert isinstance(document, Document)
    assert document.text == "Europol \ufffd arrested 12."
    assert (document.title, document.publisher, document.url, document.language) == \
        ("T\ufffd itle", "Europol", "https://ex.org/a b", None)
    [document] = jsonl.read(json.dumps({"text": "x", "lang": "en_GB"}), "corpus.jsonl")
    assert isinstance(document, Document) and document.language == "en-GB"
