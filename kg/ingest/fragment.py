"""Reading the fields of a JSON document that has been cut at both ends.

Why: a saved page-data payload starts in the middle of one string and stops
in the middle of another, so no JSON parser accepts it. Its fields can still
be recovered: the scanner below walks the tokens, tracks which object each
value sits in (`("NodeLoader", "node")`, `("terms", "languages")`), and lets
a reader tell the release's "title" from a language's "title" by where it is,
not by guessing from its value. A string cut at the end is returned as far as
it goes.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.ingest.text import replace_surrogates

_TOKEN = re.compile(
    r'"(?P<string>[^"\\]*(?:\\.[^"\\]*)*)"?'
    r"|(?P<punct>[{}\[\]:,])"
    r"|(?P<literal>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)",
    re.DOTALL,
)
# A fragment that starts inside a string: text up to the first unescaped quote,
# which is followed by what may only follow a string's end.
_LEADING_STRING_END = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"(?=\s*[,:}\]])', re.DOTALL)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_CUT_ESCAPE = re.compile(r"(\\+)(u[0-9a-fA-F]{0,3})?$")
_HIGH_SURROGATES = tuple(chr(code) for code in range(0xD800, 0xDC00))
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


@dataclass(frozen=True)
class Field:
    """One `"key": value` of the fragment, with the keys of the objects around it."""

    path: tuple[str, ...]  # keys of the enclosing objects and arrays, outermost first
    key: str
    raw: str  # the value as written: a string's escaped content, or a number or literal
    is_string: bool
    start: int  # offsets of the raw value in the fragment
    end: int

    @property
    def text(self) -> str:
        """A string value with its JSON escapes undone."""
        return unescape(self.raw) if self.is_string else self.raw


def fields(fragment: str) -> Iterator[Field]:
    """Every scalar field of the fragment in order, with its path.

    Why: the outer objects were cut off, so closing braces with nothing open
    are ignored, and paths start at the first object the fragment opens.
    """
    stack: list[str] = []
    candidate = key = ""
    previous = ""
    leading = _LEADING_STRING_END.match(fragment)
    for token in _TOKEN.finditer(fragment, leading.end() if leading else 0):
        kind = token.lastgroup or ""
        value = token.group(kind)
        if kind == "punct":
            if value == ":":
                key = candidate
            elif value in "{[":
                stack.append(key if previous == ":" else "")
            elif value in "}]" and stack:
                stack.pop()
        elif previous == ":":
            string = kind == "string"
            yield Field(tuple(stack), key, value, string, token.start(kind), token.end(kind))
        elif kind == "string":
            candidate = value
        previous = value if kind == "punct" else kind


def unescape(value: str) -> str:
    """A JSON string's content as text, tolerating a cut at its end.

    Why: a string cut mid-escape (`\\u20`) is common at the end of a fragment;
    the cut escape is dropped, and so is a high surrogate at the end (a cut may have parted
    it from its low half); surrogate pairs are joined and any other lone half becomes
    U+FFFD, as in every reader (see kg.ingest.text.replace_surrogates).
    """
    match = _CUT_ESCAPE.search(value)
    if match and len(match.group(1)) % 2 == 1:
        value = value[: match.start() + len(match.group(1)) - 1]
    decoded = _ESCAPE.sub(_unescape_one, value)
    if decoded.endswith(_HIGH_SURROGATES):  # its low half may have been cut off
        decoded = decoded[:-1]
    return replace_surrogates(decoded)


def _unescape_one(match: re.Match[str]) -> str:
    """The character one JSON escape stands for."""
    escape = match.group(1)
    if len(escape) == 5:
        return chr(int(escape[1:], 16))
    return _SIMPLE_ESCAPES.get(escape, escape)
