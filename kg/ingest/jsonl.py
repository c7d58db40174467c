"""JSON Lines corpora: one release per line, as a JSON object.

Why: scraped and exported collections of releases are shipped as JSON Lines,
one object per release with its text and metadata. Each line is its own
release with its own source path (`name.jsonl#N`), and one broken line must
not cost the rest of the corpus.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from kg.ingest import markup
from kg.ingest.dates import iso_date
from kg.ingest.text import clean_field, language_tag, normalize
from kg.records import Document, SkippedFile

FORMAT = "jsonl"
# Field names, in order of preference.
_TEXT_FIELDS = ("text", "body", "content")
_DATE_FIELDS = ("published", "date")
_LANGUAGE_FIELDS = ("language", "lang")


def sniff(text: str) -> bool:
    """Whether the content is JSON Lines: most non-blank lines are JSON objects.

    Why: a corpus with a bad line is still a corpus (the bad line is reported
    by `read`); a text that merely starts with a brace is not.
    """
    lines = [line for _, line in _numbered_lines(text)]
    return is_corpus(sum(1 for line in lines if is_object(line)), len(lines))


def is_corpus(objects: int, lines: int) -> bool:
    """Whether a text whose non-blank `lines` hold `objects` JSON objects is JSON Lines.

    Why: one rule, whether the lines are counted in the whole text (`sniff`) or
    one by one as a build finds them (kg.ingest.jsonl_split).
    """
    return objects > 0 and objects * 2 >= lines


def is_object(line: str) -> bool:
    """Whether a line is a JSON object (what `sniff` counts); a line that does not start with a
    brace is not parsed (every line of every plain text is asked)."""
    return line.lstrip().startswith("{") and isinstance(_parse(line), dict)


def read(text: str, source: str) -> Iterator[Document | SkippedFile]:
    """One Document per line with a text; a SkippedFile (`source#N`) for each line without.

    Why: a line is the unit of a JSON Lines corpus, so it is the unit that is
    read or skipped.
    """
    for number, line in _numbered_lines(text):
        yield read_line(line, f"{source}#{number}", number)


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """The non-blank lines with their 1-based line numbers."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def _parse(line: str) -> object:
    """The JSON value of a line, or None when it is not JSON (or nested too deeply to read).

    Why: the decoder recurses once per nested array or object, so a line of ten
    thousand '[' raises RecursionError, which is no reason to stop a build.
    """
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def read_line(line: str, source: str, number: int) -> Document | SkippedFile:
    """The release on line `number` (a non-blank line), or why there is none."""
    try:
        record = json.loads(line)
    except RecursionError:
        return SkippedFile(source, f"line {number}: JSON nested too deeply to read")
    except json.JSONDecodeError as error:
        what = error.msg.removesuffix(" at")  # json says "... starting at" and gives the place apart
        return SkippedFile(source, f"line {number}: invalid JSON (column {error.colno}: {what})")
    if not isinstance(record, dict):
        return SkippedFile(source, f"line {number}: not a JSON object")
    body = _release_text(_first_string(record, _TEXT_FIELDS))
    if not body:
        return SkippedFile(source, f"line {number}: no text, body or content field with text")
    return Document(
        text=body,
        source_paths=(source,),
        format=FORMAT,
        title=clean_field(_first_string(record, ("title",))),
        publisher=clean_field(_first_string(record, ("publisher",))),
        url=clean_field(_first_string(record, ("url",))),
        published=iso_date(_first_string(record, _DATE_FIELDS)),
        language=language_tag(_first_string(record, _LANGUAGE_FIELDS)),
    )


def _first_string(record: dict[str, object], names: tuple[str, ...]) -> str | None:
    """The first of the named fields that holds a non-blank string."""
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _release_text(value: str | None) -> str:
    """The clean text of a text field, which exporters sometimes fill with HTML."""
    if value is None:
        return ""
    if markup.has_block_markup(value):
        return normalize(markup.readable_text(markup.parse(value)))
    return normalize(value)

