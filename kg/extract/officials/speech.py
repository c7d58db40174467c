"""The speech patterns: the verbs, sources, pronouns and acting words that put a person on record.

Why: 'said Jules Harriman', 'according to Maria Lopez', '..." she added' and 'led by
Detective Superintendent Mark Hill' are how a release says who spoke or acted; each shape
is one pattern built from the word lists, bounded so hostile text costs linear time.
"""
from __future__ import annotations

import re

from kg.extract.lists import per_language
from kg.extract.officials.tokens import BL, SP
from kg.extract.officials.words import words

ARTICLE_WORDS = ("the", "el", "la", "le", "der", "die", "il")
ARTICLES = f"(?:{'|'.join(ARTICLE_WORDS)})"


def _alternation(forms) -> str:
    """A regex alternation of word forms, longest first, spaces matching any blank."""
    return "|".join(SP.join(map(re.escape, f.split())) for f in sorted(forms, key=len, reverse=True))


def _backwards(forms) -> str:
    r"""`(?<!\w)(?:forms){SP}(?:{ARTICLES}{SP})?$` read backwards: a window ends so exactly when its
    reverse starts so (`$` may stand before a last line break, as `\n?` skips one)."""
    articles = "|".join(a[::-1] for a in ARTICLE_WORDS)
    return rf"\n?(?:{SP}(?:{articles}))?{SP}(?:{_alternation(f[::-1] for f in forms)})(?!\w)"


@per_language
def patterns() -> dict[str, re.Pattern[str]]:
    """The speech patterns, built from the word lists."""
    w = words()
    verbs, adverbs = _alternation(w.verbs), _alternation(w.adverbs)
    pronouns = _alternation(w.pronouns)
    acting_after = _alternation(w.acting_after) or "(?!)"
    article = f"(?:{ARTICLES}{SP})?"
    adverbs_ = f"(?:(?:{adverbs}){SP}){{0,3}}"
    return {
        # after a name or its title: "Jules Harriman yesterday said", "..., Title, adds"
        "verb_after": re.compile(rf"{BL},?{BL}{adverbs_}(?:{verbs})(?!\w)"),
        # before a name, as the verb of a reporting clause: '...," said', '”said'
        "verb_before": re.compile(
            rf"[,\u201c\u201d\"\u2019\u00bb:\u2014\u2013-]{BL}(?P<verb>{verbs}){SP}{article}$"),
        # a source before a name, 'according to (the)', and before a title and name that act,
        # 'led by Detective Superintendent Mark Hill': each `(?<!\w)(?:forms){SP}{article}$`,
        # matched once at the start of the reversed window instead of searched for from each of
        # its sixty offsets: 0.08 -> 0.01 ms a release (`_backwards`; tests/extract/test_officials.py
        # holds them against the forward patterns)
        "source_backwards": re.compile(_backwards(w.sources), re.IGNORECASE),
        "acting_backwards": re.compile(_backwards(w.acting), re.IGNORECASE),
        # after a name or its title, a verb of acting for the authority: 'Richard Moore is prosecuting'
        "acting_after": re.compile(rf"{BL},?{BL}{adverbs_}(?:{acting_after})(?!\w)"),
        # a pronoun that says who spoke a quote: '..." he said', 'She added: "...'
        "pronoun_after": re.compile(
            rf"{BL},?{BL}(?:(?:{pronouns}){SP}{adverbs_}(?:{verbs})|(?:{verbs}){SP}(?:{pronouns}))(?!\w)",
            re.IGNORECASE),
        "pronoun_before": re.compile(
            rf"(?:^|[.!?\n][ \t\"\u201d\u2019]{{0,3}})(?:{pronouns}){SP}{adverbs_}(?:{verbs}){BL}[:,]?{BL}$",
            re.IGNORECASE),
    }
