"""White-space normalization shared by every reader.

Why: the same release reaches us hard-wrapped, flowed onto one line, indented,
or with its line breaks lost ("in 2017.Those events"). Every reader hands its
text through `normalize` so the extractors see one tidy shape, and so that two
copies of a release differ, if at all, only in white space, which `text_key`
ignores. Nothing here adds or removes anything but white space.
"""
from __future__ import annotations

import re
import unicodedata

# Horizontal white space: every white-space character except the line break
# (spaces, tabs, no-break spaces, thin spaces, stray carriage returns).
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_MANY_BREAKS = re.compile(r"\n{3,}")

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
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    text = _MANY_BREAKS.sub("\n\n", "\n".join(lines))
    return split_glued_sentences(text).strip()


def split_glued_sentences(text: str) -> str:
    """Put back the space a lost line break took away between two sentences.

    Why: a release saved without its line breaks reads "arrested.The suspect";
    extractors that look for sentence boundaries need the space. Only white
    space is added, so the text's identity (`text_key`) does not change.
    """
    return _GLUED_SENTENCE.sub(". ", text)

