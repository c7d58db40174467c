"""The word lists that read a number in context, and how their phrases are matched in a text.

Why: every stage asks the same lists (data/number_context.tsv, units.tsv, number_words.tsv,
qualifiers.tsv, nouns.tsv, outcome_words.tsv) what a word next to a figure is; they are
read once per language here, and a phrase is looked up by its first or last word so that a
figure's neighbours are not tried at every phrase length.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.lists import per_language, rows
from kg.reference.gazetteer import fold, tokens

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """A word after (or a sign before) a figure: what kind of amount it makes."""

    kind: str  # measure, currency, scale, money-scale, duration, percent, other
    unit: str
    value: float


def as_phrase(text: str) -> Phrase:
    """A phrase as the tables hold it and a text is matched: its folded tokens."""
    return tuple(fold(t) for t, _, _ in tokens(text))


@per_language
def number_context() -> dict[str, frozenset[Phrase]]:
    """Words and phrases around a number that say what it is (number_context.tsv), by kind."""
    kinds: dict[str, set[Phrase]] = {}
    for r in rows("number_context.tsv"):
        kinds.setdefault(r["kind"], set()).add(as_phrase(r["phrase"]))
    return {kind: frozenset(phrases) for kind, phrases in kinds.items()}


@per_language
def context_words(*kinds: str) -> frozenset[str]:
    """The one-word entries of some kinds of number_context.tsv."""
    return frozenset(p[0] for kind in kinds for p in number_context().get(kind, ()) if len(p) == 1)


@per_language
def common_words() -> frozenset[str]:
    """Words that may stand capitalized before a figure without naming anything ('Over 100')."""
    return (context_words("function", "month", "month-capitalized", "place") | frozenset(trigger_words())
            | frozenset(number_words()) | {p[-1] for p in qualifiers()})


@per_language
def stop_words() -> frozenset[str]:
    """Words that end the name of what an amount is of ('cocaine worth ...', 'cash was seized')."""
    return context_words("function", "price") | frozenset(trigger_words())


@per_language
def unit_forms() -> dict[Phrase, Unit]:
    """Units, currencies, scale words, durations and percent signs (units.tsv)."""
    return {as_phrase(r["form"]): Unit(r["kind"], r["unit"], float(r["value"] or 1))
            for r in rows("units.tsv")}


@per_language
def currency_signs() -> frozenset[Phrase]:
    """Currencies written before an amount ('$', 'EUR', 'A$')."""
    return frozenset(p for p, u in unit_forms().items() if u.kind == "currency")


@per_language
def number_words() -> dict[str, tuple[int, str]]:
    """Number words: word -> (value, kind: number, multiplier or vague)."""
    return {fold(r["word"]): (int(r["value"]), r["kind"]) for r in rows("number_words.tsv")}


@per_language
def qualifiers() -> dict[Phrase, str]:
    return {as_phrase(r["phrase"]): r["qualifier"] for r in rows("qualifiers.tsv")}


@per_language
def noun_classes() -> dict[str, str]:
    return {fold(r["word"]): r["class"] for r in rows("nouns.tsv")}


@per_language
def trigger_words() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Trigger word -> ((outcome type, the noun classes it may count), ...)."""
    table: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for r in rows("outcome_words.tsv"):
        table.setdefault(fold(r["form"]), []).append((r["type"], frozenset(r["nouns"].split())))
    return {word: tuple(entries) for word, entries in table.items()}


_ENDS: dict[int, tuple[object, frozenset[str], frozenset[str]]] = {}


def _ends_of(table) -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of the phrases of a table (a cached word list), so that a
    figure's neighbours are looked up once rather than as every phrase length. The table is
    kept with them, so its id stays its own."""
    known = _ENDS.get(id(table))
    if known is None or known[0] is not table:
        known = (table, frozenset(p[0] for p in table), frozenset(p[-1] for p in table))
        if table:
            _ENDS[id(table)] = known
    return known[1], known[2]


def match_after(words: list[str], start: int, table) -> tuple[Phrase, int] | None:
    """The longest phrase of `table` starting at token `start`, and the token after it."""
    if start >= len(words) or words[start] not in _ends_of(table)[0]:
        return None  # no phrase of the table starts with this word
    for n in (3, 2, 1):
        phrase = tuple(words[start:start + n])
        if len(phrase) == n and phrase in table:
            return phrase, start + n
    return None


def match_before(words: list[str], end: int, table) -> tuple[Phrase, int] | None:
    """The longest phrase of `table` ending right before token `end`, and its first token."""
    if 0 < end <= len(words) and words[end - 1] not in _ends_of(table)[1]:
        return None  # no phrase of the table ends with this word
    for n in (3, 2, 1):
        if end - n >= 0:
            phrase = tuple(words[end - n:end])
            if phrase in table:
                return phrase, end - n
    return None
