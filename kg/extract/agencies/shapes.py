"""Names found by their shape: capitalized words closed by an agency's head noun.

Why: no list holds every body a release names, but their names look alike: a nationality
or country then a capitalized name with a head noun ("Croatian National Police",
"Hungarian National Bureau of Investigation"), a generic national reference ("Spanish
police", which resolve.py maps to that country's named police body), a place then
"Police" ("Winnipeg Police Service", in Canada by GeoNames' cities). The words (head nouns,
connectors, generic words, words that are no place) are data (data/agency_words.tsv).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import compress, count

from kg.extract.agencies.countries import Countries, single
from kg.extract.lists import agency_words
from kg.records import AgencyMention, Span
from kg.reference.gazetteer import token_columns
from kg.reference.places import city_country

# the nouns that may close a place's police body: 'Toronto Police Service', 'Chungnam Provincial Police Agency'
POLICE_BODY_NOUNS = frozenset({"Service", "Department", "Force", "Division", "Agency", "Office", "Bureau",
                               "Headquarters", "Command"})


def is_capitalized(word: str) -> bool:
    """A word that starts with an upper-case letter ('Police', 'ÖSTERREICH')."""
    return word[:1].isupper()


def name_end(text: str, toks, texts: tuple[str, ...], i: int) -> int | None:
    """Index of the last token of a capitalized agency name starting at token i, if it has a head
    noun (`texts`: the words of `toks`, to see at once that none of the next eight is one)."""
    words = agency_words()
    heads, connectors = words["head"], words["connector"]
    if heads.isdisjoint(texts[i:i + 8]):
        return None  # the name is read over eight tokens at most, and it needs a head noun
    j, head_at = i, None
    while j < len(toks) and j - i < 8:
        word = toks[j][0]
        gap = text[toks[j - 1][2]:toks[j][1]] if j > i else " "
        if gap != " " and not (gap == "" and (word in {"'", "\u2019", "s"})):
            break  # a name does not run across punctuation or a line break
        if is_capitalized(word) and word.isalpha():
            if word in heads:
                head_at = j
            j += 1
        elif word in {"'", "\u2019"} and j > i and j + 2 < len(toks) and toks[j + 1][0] == "s" \
                and is_capitalized(toks[j + 2][0]):
            j += 2  # a possessive inside a name: "Federal Prosecutor's Office"
        elif word in connectors and j > i and j + 1 < len(toks) and is_capitalized(toks[j + 1][0]):
            j += 1
        else:
            break
    if head_at is None:
        return None
    last = j - 1
    while last > head_at and not is_capitalized(toks[last][0]):
        last -= 1
    # After the head noun, only a complement ("of Investigation", "di Stato") belongs to the name.
    if last > head_at and toks[head_at + 1][0] not in connectors - {"the", "in"} \
            and toks[last][0] not in heads:
        last = head_at
    return last


def by_nationality(text: str, countries: Countries) -> Iterator[AgencyMention]:
    """'Croatian National Police' (a name) and 'Spanish police' (a generic reference)."""
    toks, texts, starts = token_columns(text)
    generic = agency_words()["generic"]
    for c in countries:
        i = _token_at(toks, starts, c.end + 1)
        code = single(c)
        if i is None or text[c.end:c.end + 1] != " " or code is None:
            continue
        end = name_end(text, toks, texts, i)
        if end is not None:
            yield AgencyMention(text[c.start:toks[end][2]], Span(c.start, toks[end][2]), country=code,
                                how="nationality-name")
        elif toks[i][0] in generic and any(e.label == "demonym" for e in c.entries):
            yield AgencyMention(text[c.start:toks[i][2]], Span(c.start, toks[i][2]), country=code,
                                generic=True, how="generic")


def _token_at(toks: tuple[tuple[str, int, int], ...], starts: tuple[int, ...], offset: int) -> int | None:
    """The index of the token that starts at `offset`, if one does (`starts`: where each token starts)."""
    i = bisect_left(starts, offset)
    return i if i < len(toks) and toks[i][1] == offset else None


def place_police(text: str) -> Iterator[AgencyMention]:
    """'West Midlands Police', 'Toronto Police Service': a place name then 'Police'."""
    if "Police" not in text:
        return
    toks, words, _ = token_columns(text)
    not_place = agency_words()["not-place"]
    for i in compress(count(), map("Police".__eq__, words)):
        j = i
        while j > 0 and i - j < 3 and is_capitalized(toks[j - 1][0]) and toks[j - 1][0].isalpha() \
                and text[toks[j - 1][2]:toks[j][1]] == " ":
            j -= 1
        while j < i and toks[j][0] in {"The", "A", "An"}:
            j += 1
        if j == i or all(w in not_place for w, _, _ in toks[j:i]):
            continue
        end = i + 1 if i + 1 < len(toks) and toks[i + 1][0] in POLICE_BODY_NOUNS else i
        place = " ".join(w for w, _, _ in toks[j:i])
        yield AgencyMention(text[toks[j][1]:toks[end][2]], Span(toks[j][1], toks[end][2]),
                            country=city_country(place), how="place-police")
