"""White-space normalization shared by every reader.

Why: the same release reaches us hard-wrapped, flowed onto one line, indented,
or with its line breaks lost ("in 2017.Those events"). Every reader hands its
text through `normalize` so the extractors see one tidy shape, and so that two
copies of a release differ, if at all, only in white space, which `text_key`
ignores. Nothing here changes what a reader sees, only characters no one sees:
white space is tidied, control characters (NUL, escape, C1 codes, left by
broken exports and decoders) count as white space, invisible format characters
(soft hyphens, bidirectional marks and overrides, zero-width no-break spaces)
are dropped and a zero-width space is a space, so that "Federal\u200f Bureau"
and "Euro\xadpol" are the names the extractors know; and a lone surrogate
(which JSON escapes such as "\\ud800" can put in a string, and which no file,
hash or RDF syntax can hold) becomes U+FFFD. All before any extractor computes
an offset. Metadata strings go through `clean_field` and `language_tag`.
"""
from __future__ import annotations

import re
import unicodedata

# Horizontal white space: every white-space character except the line break
# (spaces, tabs, no-break spaces, thin spaces, stray carriage returns).
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_MANY_BREAKS = re.compile(r"\n{3,}")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters other than tab and line break (which count as white space), and the
# zero-width space: white space. Format characters that only steer display: dropped.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b]")
_INVISIBLE = re.compile("[\xad\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# A language tag as the shapes accept it (primary language, subtags of 1 to 8
# letters or digits); '_' is read as '-', as in the locale "en_US".
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")

# A full stop glued to the next sentence: "in 2017.Those events",
# "known as ‘Twinkle’.Working". Only a lower-case letter, digit, closing quote
# or bracket may come before it and only a capitalized word after it, so
# "U.S.", "e.g." and "3.5" are left alone.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9’”)])\.(?=[A-Z][a-z])")


def normalize(text: str) -> str:
    """The clean form of a release's text.

    Why: readers differ in where their text comes from but must agree on its
    shape; NFC, one space between words, no trailing spaces, at most one blank
    line between paragraphs, and sentences separated by a space.
    """
    text = visible(text).replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    lines = (line.strip() for line in _HORIZONTAL_SPACE.sub(" ", text).split("\n"))  # one sub, not one a line
    text = _MANY_BREAKS.sub("\n\n", "\n".join(lines))
    return split_glued_sentences(text).strip()


def split_glued_sentences(text: str) -> str:
    """Put back the space a lost line break took away between two sentences.

    Why: a release saved without its line breaks reads "arrested.The suspect";
    extractors that look for sentence boundaries need the space. Only white
    space is added, so the text's identity (`text_key`) does not change.
    """
    return _GLUED_SENTENCE.sub(". ", text)


def visible(text: str) -> str:
    """`text` in NFC, without lone surrogates (see `replace_surrogates`) and without the format
    characters that only steer how it is displayed.

    Why: a soft hyphen or a right-to-left mark inside a name hides the name from
    the extractors (and an override can make a label read backwards in a
    viewer), while removing them changes nothing a reader of the text sees.
    """
    text = replace_surrogates(text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def replace_surrogates(text: str) -> str:
    """`text` with each surrogate pair joined into its character and each lone surrogate
    replaced by U+FFFD.

    Why: a lone surrogate is not a character; it cannot be encoded as UTF-8, so a
    document holding one could be neither hashed nor written to any RDF file.
    JSON's "\\ud800" and a string split between the halves of a pair both make one.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean_field(value: str | None) -> str | None:
    """A metadata string (title, publisher, URL) on one line, cleaned as `normalize` cleans
    a text (control characters as white space, no invisible format characters or lone
    surrogates) and its white space tidied; None when it is blank or absent.

    Why: what a source says about itself is as untrusted as its text, and becomes a
    literal of the graph; every reader cleans it the same way.
    """
    if value is None:
        return None
    return " ".join(_CONTROL.sub(" ", visible(value)).split()) or None


def language_tag(value: str | None) -> str | None:
    """A language tag ("en", "pt-BR"; "en_US" read as "en-US"), or None when `value` is not one.

    Why: `dcterms:language` must be a tag the shapes accept; a page's `lang="English
    (UK)"` or an exporter's free text says nothing a query could use.
    """
    if value is None:
        return None
    tag = value.strip()
    return tag.replace("_", "-") if _LANGUAGE_TAG.fullmatch(tag) else None
