"""Tokens: the words and marks a name and its title are read from, and the blanks between them.

Why: every rule of this package reads a few tokens around a name, so the text is cut into
tokens once; a long hostile text is read only where a name can be (`token_islands`), which
keeps a megabyte of marks or lower-case words from costing seconds.
"""
from __future__ import annotations

import re
from typing import Final

# A word (its joiners ' ’ - only between letters, at most 61 characters) or a mark. The first
# branch reads a plain word in one step and leaves every other case to the second, the rule
# itself: the same tokens, read in 0.10 ms a release instead of 0.15.
TOKEN = re.compile(r"[^\W_]\w{0,60}+(?![\w'\u2019-])|[^\W_](?:\w|['\u2019-](?=\w)){0,60}|\S")
SP = r"[ \t]{1,9}"  # a blank between words; every repetition is bounded, so no pattern backtracks far
BL = r"[ \t]{0,9}"
ONE_SPACE = (" ", "\u00a0")  # what separates the words of a name or a title
BLANK_ENDS = (" ", "\t", "\n")  # how a window ends where a pattern ending in SP and $ can match
# Tokens are read only in the parts of a text that can hold a name (see `token_islands`): pieces
# of about CHUNK characters cut where no token runs across (a blank, or a mark that is a token of
# its own), with PADDING tokens around them, more than any rule reads before or after a name.
CHUNK = 4096
PADDING = 32
BOUNDARY = re.compile(r"[^\w'\u2019-]")

# A word or a punctuation mark with its offsets: (text, start, end), read as tok[TEXT],
# tok[START], tok[END]. A plain tuple: a long text has a hundred thousand, and making each a
# named tuple as well doubled the time to read them.
Token = tuple[str, int, int]
TEXT: Final = 0  # Final: a literal index, so mypy knows the type of tok[TEXT]
START: Final = 1
END: Final = 2


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of `text`, their offsets moved by `offset`."""
    return [(m[0], m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


def _tokenize_range(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end] with their offsets in `text` (`start` and `end` must be
    token boundaries, as those of `_chunks` are)."""
    return [(m[0], m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def _chunks(text: str) -> list[int]:
    """Offsets that cut `text` into pieces of about CHUNK characters, each at a token boundary:
    a blank or a mark that is a token of its own (no token runs across either)."""
    bounds = [0]
    while bounds[-1] < len(text):
        cut = BOUNDARY.search(text, bounds[-1] + CHUNK) if bounds[-1] + CHUNK < len(text) else None
        bounds.append(cut.start() if cut else len(text))
    return bounds


def token_islands(text: str) -> list[list[Token]]:
    """The tokens of the parts of `text` that can hold a name, each part with PADDING tokens of
    context on either side: the tokens a name and its title are read from.

    Why: every name holds a capitalized word, and the rules that read a name look only a few
    tokens around it. A megabyte of brackets, quote marks, digits or lower-case words holds no
    name, and turning its million tokens into objects cost seconds; a piece with no upper-case
    letter (`str.islower` of the piece and a lower-case letter is true) is skipped unless it
    gives the context of a piece that has one. In a release capitals are never far apart,
    so its tokens are one island, all of them; the names and what is read around them are
    those of the whole text's tokens either way (tests/extract/test_hostile.py).
    """
    bounds = _chunks(text)
    pieces = len(bounds) - 1
    capital = [not (text[bounds[i]:bounds[i + 1]] + "a").islower() for i in range(pieces)]
    keep = list(capital)
    for i in [i for i in range(pieces) if capital[i]]:
        for step in (-1, 1):
            j, seen = i + step, 0
            while 0 <= j < pieces and seen < PADDING and not capital[j]:
                keep[j] = True
                seen += len(TOKEN.findall(text, bounds[j], bounds[j + 1]))
                j += step
    islands, i = [], 0
    while i < pieces:
        if not keep[i]:
            i += 1
            continue
        j = i
        while j < pieces and keep[j]:
            j += 1
        islands.append(_tokenize_range(text, bounds[i], bounds[j]))
        i = j
    return islands


def one_space(text: str, end: int, start: int) -> bool:
    """Whether two tokens are separated by one space, as the words of a name or title are."""
    return text[end:start] in ONE_SPACE
