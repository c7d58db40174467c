"""Quotations: the words between quote marks, and the quote next to a point of the text.

Why: an official's statement is what they are quoted as saying (officials/statements.py gives each
quote to its speaker); releases use every style of mark and leave quotes open at paragraph
ends, so finding them is a reader of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_MARKS = "\"“”‘’«»„"
QUOTE_EVENT = re.compile(r"[\"“”‘’«»„]|\n\s*")
CLOSERS = {"“": "”“\"", "„": "“”\"", "«": "»", "‘": "’", "\"": "\"”"}
QUOTE_GAP_AFTER = re.compile(r"[\s:,\u2014\u2013-]{0,8}")
QUOTE_GAP_BEFORE = re.compile(r"[ \t,\u2014\u2013-]{0,6}$")
QuoteIndex = dict[str, dict[int, "Quote"]]  # quotes by where they open ("start") and close ("end")


@dataclass(frozen=True)
class Quote:
    """Quoted words: the span from the opening mark to the closing one, and the words alone."""

    start: int
    end: int
    words: str


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in the text, in order.

    Why: a statement is the words between quote marks, and releases use every
    style (" “ ” ‘ ’ « » „) and often leave a quote that runs over several
    paragraphs open at each paragraph end, reopening it at the next one.
    A mark opens or closes by the characters around it (an apostrophe in
    "INTERPOL’s" closes nothing); a paragraph that ends inside a quote ends
    it unless the next paragraph opens again.
    """
    quotes: list[Quote] = []
    opener: str | None = None
    start = piece = 0
    skip = -1  # the mark that reopens a quote at the start of the next paragraph
    pieces: list[tuple[int, int]] = []
    for m in QUOTE_EVENT.finditer(text):
        mark, at = m.group(), m.start()
        if opener is None:
            if mark in CLOSERS and _opens(text, at, mark):
                opener, start, piece, pieces = mark, at, m.end(), []
            continue
        if mark[0] == "\n":
            pieces.append((piece, at))
            following = m.end()
            if following < len(text) and text[following] in CLOSERS:
                piece, skip = following + 1, following
            else:
                quotes.append(_quote(text, start, at, pieces))
                opener = None
        elif at == skip:
            continue
        elif mark in CLOSERS[opener] and _closes(text, at, mark):
            pieces.append((piece, at))
            quotes.append(_quote(text, start, m.end(), pieces))
            opener = None
        elif mark == opener and mark in "\"“":
            pieces.append((piece, at))  # a stray opening mark inside the quote ('UK. "With') is dropped
            piece = m.end()
    if opener is not None:
        pieces.append((piece, len(text)))
        quotes.append(_quote(text, start, len(text), pieces))
    return quotes


def _opens(text: str, at: int, mark: str) -> bool:
    """Whether a mark opens a quote: it starts a word ('“We', '"We', '‘We'), not closes one or
    stands inside a word; French « may be followed by a space."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if mark in "”’»" or (after.isspace() and mark != "«"):  # French spacing: « Ce résultat »
        return False
    if mark in "‘“\"" and before.isalnum():
        return False
    return mark != "\"" or before.isspace() or before in "([{\u2014\u2013-:/"


def _closes(text: str, at: int, mark: str) -> bool:
    """Whether a closing mark of the open quote closes it: ’ before a letter is an apostrophe,
    and a " or “ that starts a word opens rather than closes."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if mark == "’":
        return not after.isalpha()
    if mark in "\"“":
        return not (before.isspace() and not after.isspace())  # a mark that opens is no closer
    return True


def _quote(text: str, start: int, end: int, pieces: list[tuple[int, int]]) -> Quote:
    """The quote's words: its pieces without marks, on one line, without the comma that ends
    the quoted words before a reporting verb ('...,” said')."""
    parts = (text[a:b].strip().strip(QUOTE_MARKS).strip() for a, b in pieces)
    words_ = " ".join(" ".join(p for p in parts if p).split()).rstrip(", ")
    return Quote(start, end, words_)


def quote_at(text: str, pos: int, quotes: QuoteIndex) -> Quote | None:
    """The quote that opens right after `pos` (blanks, a colon or a dash between)."""
    gap = QUOTE_GAP_AFTER.match(text, pos)
    return quotes["start"].get(gap.end()) if gap else None


def quote_before(text: str, pos: int, quotes: QuoteIndex) -> Quote | None:
    """The quote that closes right before `pos` (blanks, a comma or a dash between, no line break)."""
    gap = QUOTE_GAP_BEFORE.search(text[max(0, pos - 6):pos])
    return quotes["end"].get(pos - len(gap.group())) if gap else None
