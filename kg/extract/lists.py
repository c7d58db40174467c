"""The word lists the extractors use (head nouns, titles, numbers, outcome words), read from data/.

Why: which words make an agency name, a title or an outcome are language facts
that grow with the corpus; keeping them in data files lets them be reviewed and
extended without touching the rules that use them. See data/SOURCES.md.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

from kg.tsv import read_tsv

DATA_DIR = Path(__file__).parent / "data"


LANGUAGES = ("de", "es", "fr", "it", "nl", "pl", "pt")  # each has data/LANG/ (see data/SOURCES.md)
# The language of the text being read (set by kg.extract.extract for one document): the word
# lists are then the main file's and that language's alone. Why: a word means one thing in
# one language and another elsewhere (Dutch "en" is "and", Spanish "en" is "in"; Portuguese
# "dos" is "of the", Spanish "dos" is two). A text of no listed language reads them all.
READING: ContextVar[str | None] = ContextVar("reading", default=None)
T = TypeVar("T")


def reading_language(tag: str | None) -> str | None:
    """The word-list language of a BCP 47 tag ('pt-BR' -> 'pt'); None (every language's lists)
    for a language without lists of its own; "" (the main lists alone) for a text whose
    language is unknown: a snippet too short to tell ("Five arrested due to fraud": Italian
    "due" is two) is read as the main lists read it."""
    if tag is None:
        return ""
    primary = tag.split("-")[0].lower()
    return primary if primary in LANGUAGES or primary == "en" else None


def rows(name: str) -> list[dict[str, str]]:
    """The rows of data/NAME and of the reading language's data/LANG/NAME (of every language's
    when none is set), as dicts (tab-separated, header first; a language's file has the same
    header as the main one)."""
    main = DATA_DIR / name
    found = read_tsv(main)
    header = main.read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    reading = READING.get()
    for language in LANGUAGES if reading is None else (reading,) if reading in LANGUAGES else ():
        path = DATA_DIR / language / name
        if path.is_file():
            found += read_tsv(path, header)
    return found


def per_language(function: Callable[..., T]) -> Callable[..., T]:
    """`functools.cache` with the reading language in the key: a table built from the word
    lists is built once per language."""
    store: dict[object, T] = {}
    reading = READING.get

    @wraps(function)
    def wrapper(*args):
        # the extractors call these per token: a dict look-up, no more (keyed by the language
        # alone when there are no arguments, as for most)
        key = (reading(), args) if args else reading()
        try:
            return store[key]
        except KeyError:
            value = store[key] = function(*args)
            return value

    wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
    return wrapper


def per_language_bounded(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """`per_language` for functions of the words of a text: an LRU cache of at most `maxsize`
    values (a hostile text of a million distinct words cannot fill memory), keyed by the
    reading language as well. Why not `functools.lru_cache` alone: its key has no language, so
    a worker that read a French release first read the next Italian one with French lists."""
    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        cached = lru_cache(maxsize=maxsize)(lambda _language, *args: function(*args))
        reading = READING.get

        @wraps(function)
        def wrapper(*args):
            return cached(reading(), *args)

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return wrapper
    return decorate


@per_language
def agency_words() -> dict[str, frozenset[str]]:
    """Words of agency names by kind: 'head' ('Police', 'Bureau'), 'generic' ('police'),
    'generic-people' ('authorities'), 'connector' ('of', 'di'), 'not-place' ('National')."""
    kinds: dict[str, set[str]] = {}
    for r in rows("agency_words.tsv"):
        kinds.setdefault(r["kind"], set()).add(r["word"])
    return {kind: frozenset(words) for kind, words in kinds.items()}


@per_language
def lead_phrases() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns that say an agency led: (before its name, after its name), each list as
    one pattern that matches where any of its patterns does (see `any_of`)."""
    before: list[re.Pattern[str]] = []
    after: list[re.Pattern[str]] = []
    for r in rows("lead_phrases.tsv"):
        pattern = re.compile(r["pattern"], re.IGNORECASE)
        (before if r["position"] == "before" else after).append(pattern)
    return any_of(before), any_of(after)


@per_language
def lead_openers() -> re.Pattern[str]:
    """The lead phrases written before a name, matching anywhere (not only right before a name):
    'liderada por agentes de la División ... de los Mossos' names its lead further on."""
    return any_of(re.compile(r["pattern"].removesuffix("$"), re.IGNORECASE)
                  for r in rows("lead_phrases.tsv") if r["position"] == "before")


def any_of(patterns) -> re.Pattern[str]:
    """One case-insensitive pattern that matches where any of `patterns` (case-insensitive,
    without back-references) matches.

    Why: a rule asks whether any pattern of a list matches a window of the text, for
    every name; one search of an alternation costs half to a fifth of one per pattern.
    """
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


@per_language
def titles() -> frozenset[str]:
    """Words and phrases that make a person's title ('Director', 'Secretary General')."""
    return frozenset(r["word"] for r in rows("titles.tsv"))


@per_language
def number_words() -> dict[str, int]:
    """Numbers written as words ('seven' -> 7)."""
    return {r["word"]: int(r["value"]) for r in rows("number_words.tsv")}


@per_language
def qualifiers() -> dict[str, str]:
    """Phrases before a number that qualify it ('more than') -> the qualifier kept in the graph."""
    return {r["phrase"]: r["qualifier"] for r in rows("qualifiers.tsv")}


@per_language
def noun_classes() -> dict[str, str]:
    """What a counted noun is: 'suspects' -> person, 'children' -> victim, 'servers' -> server."""
    return {r["word"]: r["class"] for r in rows("nouns.tsv")}


@per_language
def outcome_words() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Trigger word -> [(outcome type, the noun classes it may count)]."""
    table: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for r in rows("outcome_words.tsv"):
        table.setdefault(r["form"], []).append((r["type"], frozenset(r["nouns"].split())))
    return table


@per_language
def country_context() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Patterns ending right before a country name that make it no evidence, by kind
    ('seat', 'negation', 'background')."""
    kinds: dict[str, list[re.Pattern[str]]] = {}
    for r in rows("country_context.tsv"):
        kinds.setdefault(r["kind"], []).append(re.compile(r["pattern"], re.IGNORECASE))
    return {kind: tuple(patterns) for kind, patterns in kinds.items()}


@per_language
def not_evidence() -> re.Pattern[str]:
    """The patterns of `country_context`, of every kind, as one (see `any_of`)."""
    return any_of([p for patterns in country_context().values() for p in patterns])


@per_language
def codename_verbs() -> tuple[str, str]:
    """Regular-expression alternations of the naming verbs and the operation nouns before them."""
    verbs = [r["form"] for r in rows("codename_verbs.tsv") if r["kind"] == "verb"]
    nouns = [r["form"] for r in rows("codename_verbs.tsv") if r["kind"] == "noun"]
    return "|".join(sorted(verbs, key=len, reverse=True)), "|".join(sorted(nouns, key=len, reverse=True))


@per_language
def codename_initials(kind: str) -> str:
    """The letters (lower case) the forms of a kind ('noun', 'verb') of codename_verbs.tsv start
    with, for a case-insensitive lookahead; '' if one starts otherwise (then none is made)."""
    forms = [r["form"] for r in rows("codename_verbs.tsv") if r["kind"] == kind]
    if not all(f[:1].isalpha() for f in forms):
        return ""
    return re.escape("".join(sorted({f[0].lower() for f in forms})))


@per_language
def codename_prefixes(kind: str = "prefix") -> tuple[str, ...]:
    """The words written right before a codename, in every language ('Operation', 'Operación',
    'Operacja': `prefix`, left out of the name; 'Project': `prefix-kept`, part of it), as
    regular-expression fragments, longest first."""
    forms = {r["form"] for r in rows("codename_verbs.tsv") if r["kind"] == kind}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


@per_language
def not_codenames() -> frozenset[str]:
    """Capitalized words that, first after 'Operation', show it is no codename ('Operation Center')."""
    return frozenset(r["form"] for r in rows("codename_verbs.tsv") if r["kind"] == "not-codename")
