"""Reading the words around one occurrence of a name: its title, and whether the person
speaks, acts, is captioned or is a suspect.

Why: whether a name is an official's depends on what surrounds it, in the handful of shapes
the package docstring lists; this gathers what each shape says into one `Reading`.
"""
from __future__ import annotations

import re

from kg.extract.officials.names import Name
from kg.extract.officials.records import Reading
from kg.extract.officials.spans import inside, names_agency
from kg.extract.officials.speech import patterns
from kg.extract.officials.titles import title_after, title_before
from kg.extract.officials.tokens import BL, BLANK_ENDS, END, START, TEXT, TOKEN, Token
from kg.extract.officials.words import POSSESSIVE, capital_role, words
from kg.extract.quotes import QuoteIndex, quote_at, quote_before
from kg.records import Span

COLON = re.compile(rf"{BL}:")
# The word right before a point, read backwards: matched on the reversed text before it, it
# finds what (\w[\w-]{0,30}){BL},?{BL}$ would, without that pattern's search from every offset.
WORD_BEFORE_REVERSED = re.compile(rf"\n?{BL},?{BL}([\w-]{{0,30}}\w)")


def read(text: str, toks: list[Token], name: Name, agencies: list[Span], quotes: QuoteIndex) -> Reading:
    """Title, role, speech and caption around one occurrence of a name."""
    p = patterns()
    reading = Reading(name, " ".join(text[name.start:name.end].split()))
    construction = toks[name.lead][START]  # where the name and a title before it begin
    left = title_before(text, toks, name.lead)
    if left:
        start, end = left
        reading.title, reading.role, construction = text[start:end], True, start
        reading.role_spans.append((start, end))
        reading.caption = names_agency(start, end, agencies) and capital_role(text[start:end])
    possessive = toks[name.lead - 1] if name.lead > 0 else None
    if possessive and possessive[TEXT].endswith(POSSESSIVE) \
            and inside(agencies, possessive[START], possessive[END] - 2):
        reading.role = True  # "Europol's Claire Georges"
        reading.role_spans.append((possessive[START], possessive[END]))
    after = title_after(text, reading, agencies)
    colon = COLON.match(text, after)
    speech_after = p["verb_after"].match(text, after)
    if speech_after:
        reading.speech, reading.quote_after = True, speech_after.end()
    elif colon and quote_at(text, colon.end(), quotes):
        reading.speech, reading.quote_after = True, colon.end()
    elif p["acting_after"].match(text, after):
        reading.acts = True
    window = text[max(0, construction - 60):construction]
    # each of the three patterns ends with a blank (SP) before $, which also matches before a last \n
    blank = window[-1:] in BLANK_ENDS
    verb_before = p["verb_before"].search(window) if blank else None
    if verb_before:
        reading.speech = True
        reading.quote_before = construction - len(window) + verb_before.start("verb")
    elif blank and p["source_backwards"].match(window[::-1]):
        reading.speech = True
    elif blank and p["acting_backwards"].match(window[::-1]):
        reading.acts = True
    elif quote_before(text, construction, quotes):
        reading.speech, reading.quote_before = True, construction
    if reading.tainted or _tainted_before(text, construction):
        reading.role = reading.caption = False
    if reading.caption and _tainted_after(text, after):
        reading.caption = False
    return reading


def _tainted_before(text: str, construction: int) -> bool:
    """A name right after a word for a suspect or victim or what befell them ('suspect John
    Smith', 'arrested John Smith', 'the victim, Jane Doe,') is nobody's official."""
    last = WORD_BEFORE_REVERSED.match(text[max(0, construction - 40):construction][::-1])
    return last is not None and last.group(1)[::-1].casefold() in words().not_official


def _tainted_after(text: str, pos: int) -> bool:
    """A caption followed, in the same sentence, by what befell a suspect ('..., was arrested')."""
    following = []
    for t in TOKEN.findall(text[pos:pos + 80])[:8]:
        if t in ".;!?":
            break
        following.append(t.casefold())
    return any(t in words().not_official for t in following)
