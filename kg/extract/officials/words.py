"""The word lists of officials (data/speaker_words.tsv, name_words.tsv, titles.tsv), and
what kind of title a word or a phrase names.

Why: every shape of an official is read from words in five languages; they are data, read
once per reading language, and the look-ups the rules make per token are cached.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.lists import per_language, per_language_bounded, rows
from kg.extract.officials.tokens import TOKEN

POSSESSIVE = ("'s", "\u2019s")  # how a possessive ends: "Europol's", "INTERPOL’s"


@dataclass(frozen=True)
class Words:
    """The word lists of officials (data/speaker_words.tsv, name_words.tsv, titles.tsv)."""

    verbs: frozenset[str]
    sources: tuple[str, ...]
    acting: tuple[str, ...]
    acting_after: tuple[str, ...]
    adverbs: frozenset[str]
    pronouns: frozenset[str]
    role_verbs: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    function: frozenset[str]
    not_name: frozenset[str]
    not_official: frozenset[str]
    body_nouns: frozenset[str]
    titles: dict[tuple[str, ...], tuple[str, frozenset[str]]]


@per_language
def words() -> Words:
    """The word lists, read once."""
    speaker: dict[str, set[str]] = {}
    for r in rows("speaker_words.tsv"):
        speaker.setdefault(r["kind"], set()).add(r["word"])
    names: dict[str, set[str]] = {}
    for r in rows("name_words.tsv"):
        names.setdefault(r["kind"], set()).add(r["word"])
    titles = {tuple(r["word"].casefold().split()): (r["kind"], frozenset(r["agencies"].split()))
              for r in rows("titles.tsv")}
    return Words(
        verbs=frozenset(speaker["verb"]),
        sources=tuple(sorted(speaker["source"], key=len, reverse=True)),
        acting=tuple(sorted(speaker["acting"], key=len, reverse=True)),
        acting_after=tuple(sorted(speaker.get("acting-after", ()), key=len, reverse=True)),
        adverbs=frozenset(speaker["adverb"]),
        pronouns=frozenset(speaker["pronoun"]),
        role_verbs=frozenset(speaker["role"]),
        honorifics=frozenset(names["honorific"]),
        particles=frozenset(names["particle"]),
        function=frozenset(w.casefold() for w in names["function"]),
        not_name=frozenset(w.casefold() for w in names["not-name"]),
        not_official=frozenset(w.casefold() for w in names["not-official"]),
        body_nouns=frozenset(w.casefold() for w in names["body-noun"]),
        titles=titles,
    )


@per_language_bounded(1 << 16)
def title_kind(token: str) -> str | None:
    """'role' for a word that names a position ('Director', 'spokesperson', 'BKA-Präsident'),
    'modifier' for one that qualifies it ('Acting', 'Deputy'), else None. Cached: every word
    before a name is asked, and they are the same few words from release to release."""
    titles = words().titles
    folded = token.casefold()
    for form in (folded, folded.rsplit("-", 1)[-1], folded[:-1] if folded.endswith("s") else None):
        if form and (form,) in titles:
            return titles[(form,)][0]
    return None


@per_language_bounded(1 << 12)
def title_kinds(tokens: tuple[str, ...]) -> tuple[str | None, ...]:
    """The title kind of each token, reading phrases of the list first ('National Member' is a
    role though neither word is one alone). Cached: the words before and after names are the
    same few titles."""
    titles = words().titles
    folded = [t.casefold() for t in tokens]
    kinds: list[str | None] = [title_kind(t) for t in tokens]
    k = 0
    while k < len(tokens):
        for n in (3, 2):
            phrase = tuple(folded[k:k + n])
            if len(phrase) == n and phrase in titles:
                kinds[k:k + n] = [titles[phrase][0]] * n
                k += n - 1
                break
        k += 1
    return tuple(kinds)


@per_language_bounded(1 << 12)
def phrase_kinds(phrase: str) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """The tokens of a phrase around a name and the title kind of each. Cached: a title is read
    by several rules, and a release names the same people with the same titles again."""
    tokens = tuple(TOKEN.findall(phrase))
    return tokens, title_kinds(tokens)


def title_kind_in(phrase: str) -> bool:
    """Whether a phrase holds a word that names a position."""
    return "role" in phrase_kinds(phrase)[1]


def capital_role(phrase: str) -> bool:
    """Whether a phrase holds a capitalized role word, as a caption's title does ('Deputy Head')."""
    tokens, kinds = phrase_kinds(phrase)
    return any(kind == "role" and t[0].isupper() for t, kind in zip(tokens, kinds, strict=True))
