"""Stage 3, what a number counts: the noun phrase after it (data/nouns.tsv) and the item it names.

Why: the counted noun decides which trigger may type a figure ('57 men' can be arrested,
'65 cars' seized), and an item's words are what a seizure reports ('bank accounts').
"""
from __future__ import annotations

import re

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.lexicon import (
    context_words,
    match_after,
    noun_classes,
    number_context,
    stop_words,
    trigger_words,
)

MAX_PHRASE = 6  # words read after a figure for the noun it counts
MIN_COMPOUND_PART = 6  # letters of the last part of a compound noun ('Tat|verdächtige')
QUOTES = frozenset("'\"“”‘’«»")


def noun_phrase(doc: Text, k: int) -> tuple[str, int | None, str | None, int]:
    """What a figure counts: (class, index of the noun, the words naming it, the token after them).

    The words after the number are read up to a function word, a punctuation mark or a
    trigger: 'four "high value" suspects', '2,800 bank and virtual-asset accounts';
    'three of the men' reads on after 'of the'. The first listed noun gives the class;
    another noun makes an 'item' (firearms, artefacts); no noun leaves 'any' ('8 were arrested').
    """
    words, function = doc.words, context_words("function")
    if match_after(words, k, number_context().get("partitive-after", frozenset())):
        return "any", None, None, k
    if doc.word(k) in context_words("glue") and doc.word(k + 1) in context_words("function", "article"):
        k += 2
    limit = doc.sentence_stop[k] if k < len(doc) else k
    seen: list[int] = []
    conjunction = None
    while k < limit and len(seen) < MAX_PHRASE:
        word, raw = words[k], doc.raw(k)
        if noun := _noun_class(doc, k):
            head = _compound_head(doc, k, limit)
            item = _item_words(doc, seen or [k], conjunction, head + 1)
            cls = _noun_class(doc, head) or noun  # the head is a noun as well (see _compound_head)
            if cls == "warrant":
                cls = _warrant_class(doc, k, head, limit)
            return cls, head, item, head + 1
        if word in trigger_words() or (not raw[0].isalpha() and raw not in QUOTES and word not in ("-", "'")):
            break
        if word in ("and", "or", "y", "und", "oder") and seen:
            conjunction = conjunction if conjunction is not None else len(seen)
        elif word in function or word in context_words("price"):
            break
        elif raw[0].isalpha():
            seen.append(k)
        k += 1
    if not seen:
        return "any", None, None, k
    last = seen[(conjunction or len(seen)) - 1]
    return "item", last, _item_words(doc, seen, conjunction, last + 1), k


def _warrant_class(doc: Text, first: int, head: int, limit: int) -> str:
    """What a number of warrants counts: searches where they are search warrants ("222 search
    warrants", "51 decreti di perquisizione", "21 órdenes de entrada y registro": the premises
    searched), else nothing ("14 arrest warrants" are no arrests until people are held)."""
    around = [*range(first, head), *range(head + 1, min(limit, head + 5))]
    return "search" if any(_noun_class(doc, j) == "search" for j in around) else "ignore"


def _noun_class(doc: Text, k: int) -> str | None:
    """The class of the noun at k (nouns.tsv); a capitalized compound takes the class of its
    last part, as German nouns do ('Hauptverdächtige', 'Straßenkinder')."""
    word = doc.words[k]
    if word in noun_classes():
        return noun_classes()[word]
    if doc.raw(k)[:1].isupper() and len(word) > MIN_COMPOUND_PART:
        for end in range(len(word) - MIN_COMPOUND_PART, 0, -1):
            if word[end:] in noun_classes():
                return noun_classes()[word[end:]]
    return None


def _compound_head(doc: Text, k: int, limit: int) -> int:
    """The last listed noun of a compound: 'house searches', 'arrest warrants', 'bank accounts'."""
    head = k
    for j in range(k + 1, min(limit, k + 3)):
        if _noun_class(doc, j):
            head = j
        elif doc.words[j] != "-":
            break  # the nouns of a compound stand together: '150 staff executed search warrants' counts staff
    return head


def _item_words(doc: Text, seen: list[int], conjunction: int | None, stop: int) -> str | None:
    """The words naming the item, up to the first 'and' ('big cats' of 'big cats and parts')."""
    words = seen[:conjunction] if conjunction else seen
    first = words[0] if words else stop - 1
    item = doc.text[doc.toks[first][1]:doc.toks[min(stop, len(doc)) - 1][2]]
    return " ".join(re.sub(r"[\"“”«»]", " ", item).split()).strip("'‘’ -") or None


def amount_item(doc: Text, k: int) -> tuple[str | None, int]:
    """What a measured amount is of: '400 kilos of cocaine', '$70,000 cash', 'EUR 549,000 in cash'."""
    if doc.word(k) in ("of", "in", "en", "de", "an"):
        k += 1
    start = k
    while k < len(doc) and k - start < 4 and doc.raw(k)[:1].isalpha() and doc.words[k] not in stop_words():
        k += 1
    if k == start:
        return None, start
    return doc.text[doc.toks[start][1]:doc.toks[k - 1][2]], k
