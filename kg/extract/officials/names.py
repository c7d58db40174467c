"""Names: the runs of capitalized words, outside agency names, that can be a person's name.

Why: officials are keyed by their names, and every other rule of this package reads the
words around one; a name is found first, from its words alone.
"""
from __future__ import annotations

from itertools import compress, count
from operator import itemgetter, or_
from typing import NamedTuple

from kg.extract.lists import agency_words, per_language_bounded
from kg.extract.officials.spans import inside
from kg.extract.officials.tokens import END, ONE_SPACE, START, TEXT, Token, one_space
from kg.extract.officials.words import POSSESSIVE, title_kind, words
from kg.records import Span

MAX_NAME_WORDS = 4
COMPLEMENT = frozenset("of for de del des der du".split())  # 'Director of Public Prosecutions Max Hill'


class Name(NamedTuple):
    """A person's name as written: `lead` is the token of its honorific, if any, else its first.
    A named tuple: a release has twenty, and a frozen dataclass took twice as long to build."""

    start: int
    end: int
    first: int
    last: int
    lead: int
    words: int
    honorific: bool


def find_names(text: str, toks: list[Token], blocked: list[Span]) -> list[Name]:
    """Runs of capitalized words that can be a person's name ('Simone Di Meo', 'KANG Kitaek',
    'Mr Di Meo'), outside agency names.

    Why: names are what officials are keyed by; titles, agency words, places
    and sentence openers break a run, so 'INTERPOL Secretary General Jürgen
    Stock' yields 'Jürgen Stock'.
    """
    names: list[Name] = []
    run: list[tuple[int, str, int]] = []  # (first token, kind, last token)

    def close() -> None:
        name = _name_of(text, toks, run)
        if name:
            names.append(name)
        run.clear()

    texts = list(map(itemgetter(0), toks))
    k = 0  # the next token to read
    for c in _capitalized_or_particles(texts):  # the others are no part of a name: they end a run
        if c < k:
            continue  # the full stop of an initial
        if run and c > k:
            close()
        kind = _word_kind(texts[c])  # what the word can be anywhere; then what it is here
        if kind == "initial":
            if not (c + 1 < len(toks) and texts[c + 1] == "." and toks[c + 1][START] == toks[c][END]):
                kind = None
        elif kind == "word" and blocked and inside(blocked, toks[c][START], toks[c][END]):
            kind = None
        if run and (kind is None or text[toks[run[-1][2]][END]:toks[c][START]] not in ONE_SPACE):
            close()
        if kind is None:
            k = c + 1
            continue
        last = c + 1 if kind == "initial" else c
        run.append((c, kind, last))
        k = last + 1
    if run:
        close()
    return names


def _capitalized_or_particles(texts: list[str]) -> list[int]:
    """The indexes of the tokens (given by their `texts`) that start with a capital or are a
    particle ('van', 'de'): the only ones a name holds. Found without a Python loop: a text has a
    hundred thousand tokens."""
    capitalized = map(str.isupper, map(itemgetter(0), texts))
    return list(compress(count(), map(or_, capitalized, map(words().particles.__contains__, texts))))


@per_language_bounded(1 << 16)
def _word_kind(word: str) -> str | None:
    """What a word can be in a name wherever it stands: 'particle' ('Di', 'van'), 'initial' (a
    capital, if a full stop follows it: 'J.'), 'word' (if no agency's name holds it), or None
    (an honorific, or a word no name holds). Cached: names and titles are the same words again."""
    w = words()
    if word in w.honorifics:
        return None
    if word in w.particles:
        return "particle"
    if len(word) == 1 and word.isupper():
        return "initial"
    return "word" if _name_word(word) else None


@per_language_bounded(1 << 16)
def _name_word(word: str) -> bool:
    """A capitalized word that can be part of a name: not a function word ('The'), a word that
    is no name ('Operation', 'Monday'), a speech verb, a title or an agency's head noun."""
    w = words()
    folded = word.casefold()
    letters = word.replace("'", "").replace("\u2019", "").replace("-", "")
    return len(word) >= 2 and word[0].isupper() and letters.isalpha() and not word.endswith(POSSESSIVE) \
        and folded not in w.function and folded not in w.not_name and folded not in w.verbs \
        and not title_kind(word) and word not in agency_words()["head"]


def _name_of(text: str, toks: list[Token], run: list[tuple[int, str, int]]) -> Name | None:
    """The name a run of parts makes: particles only inside, at most four words, not all capitals."""
    w = words()
    lo, hi = 0, len(run)  # trimmed by index: a run of a thousand initials is not copied a thousand times
    while hi and run[hi - 1][1] != "word":
        hi -= 1
    while lo < hi and run[lo][1] == "particle" and toks[run[lo][0]][TEXT].islower():
        lo += 1
    run = run[lo:hi]
    if run and run[0][0] > 0 and toks[run[0][0] - 1][TEXT] in COMPLEMENT:
        run = _after_complement(run)
    name_words = [toks[k][TEXT] for k, kind, _ in run if kind == "word"]
    parts = len(run) - [kind for _, kind, _ in run].count("particle")
    if not name_words or parts > MAX_NAME_WORDS or all(map(str.isupper, name_words)):
        return None
    first, last = run[0][0], run[-1][2]
    lead, honorific = first, False
    before = first - 1
    if before >= 1 and toks[before][TEXT] == "." and toks[before - 1][TEXT] in w.honorifics:
        before -= 1
    if before >= 0 and toks[before][TEXT] in w.honorifics:
        lead, honorific = before, True
    if last + 1 < len(toks) and toks[last + 1][TEXT].casefold() in w.body_nouns \
            and one_space(text, toks[last][END], toks[last + 1][START]):
        return None  # 'the Vulnerable Communities unit', 'Joint Cybercrime Action Taskforce'
    start, end = toks[first][START], toks[last][END]
    return Name(start, end, first, last, lead, parts, honorific)


def _after_complement(run: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """'Director of Public Prosecutions Max Hill': after 'of', the capitalized words complete the
    title and the name is the last two words (with the particles between them)."""
    words_at = [n for n, (_, kind, _) in enumerate(run) if kind == "word"]
    return run[words_at[-2]:] if len(words_at) >= 3 else run
