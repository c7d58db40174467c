"""Stage 2, a number in context: its scale, currency or unit and qualifier, and what it is not.

Why: a number becomes a figure only with the words around it ('more than EUR 1.3 million');
ages, years, dates, durations, labels, names, places and values are numbers that count no
result, and are dropped here before any trigger is looked for.
"""
from __future__ import annotations

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.figures import Figure, Number
from kg.extract.outcomes.lexicon import (
    common_words,
    context_words,
    currency_signs,
    match_after,
    match_before,
    noun_classes,
    number_context,
    number_words,
    qualifiers,
    trigger_words,
    unit_forms,
)
from kg.extract.outcomes.nouns import amount_item, noun_phrase
from kg.extract.outcomes.triggers import governing_trigger

# Counted nouns that make a figure a result even after a preposition: 'during 44 searches', 'at 12 homes'.
RESULT_NOUNS = frozenset({"arrest", "search", "seizure", "premises"})


def read_figure(doc: Text, number: Number) -> Figure | None:
    """The figure a number makes with the words around it, or None when it is not a count."""
    words, units = doc.words, unit_forms()
    stop, scale, scale_name, abbreviated = number.stop, 1.0, "", False
    hit = match_after(words, stop, units)
    if hit and units[hit[0]].kind in ("scale", "money-scale"):
        unit = units[hit[0]]
        scale, scale_name, abbreviated = unit.value, unit.unit, unit.kind == "money-scale"
        stop = hit[1]
    lead, currency, measure = number.first, None, None
    before = match_before(words, lead, currency_signs())
    if before:
        currency, lead = units[before[0]].unit, before[1]
    hit = match_after(words, stop, units)
    if hit:
        unit = units[hit[0]]
        if unit.kind in ("duration", "percent", "other"):
            return None  # five months, 45 per cent, 3 times
        if unit.kind == "currency":
            currency, stop = currency or unit.unit, hit[1]  # '$8.3 million dollars' once
        elif unit.kind == "measure":
            measure, stop = unit.unit, hit[1]
    if (abbreviated and not currency) or (number.decimal and scale == 1 and not (currency or measure)):
        return None  # '16m' is a length, '400.3' a section number
    qualifier = match_before(words, lead, qualifiers())
    if qualifier:
        lead = qualifier[1]
    figure = Figure(number, lead, stop, stop, "any", scale=scale, scale_name=scale_name,
                     qualifier=qualifiers()[qualifier[0]] if qualifier else None)
    if currency or measure:
        figure.cls = "money" if currency else "amount"
        figure.unit = f"{currency or measure} {scale_name}".strip()
        figure.item, figure.end = amount_item(doc, stop)
    else:
        figure.cls, figure.head, figure.item, figure.end = noun_phrase(doc, stop)
    if _not_a_count(doc, figure):
        return None
    return figure


def _not_a_count(doc: Text, f: Figure) -> bool:
    """Ages, years, dates, durations, labels, names, places and values are not results."""
    if f.cls == "money":
        return _is_value(doc, f)
    return (_is_year(doc, f) or _is_date(doc, f) or _is_duration(doc, f) or _is_age(doc, f)
            or _is_label(doc, f) or _is_name(doc, f) or _is_place(doc, f))


def _is_year(doc: Text, f: Figure) -> bool:
    """'in 2017': four digits from 1900 to 2100, unless a qualifier or result word governs them."""
    n = f.number
    raw = doc.text[doc.toks[n.first][1]:doc.toks[n.stop - 1][2]]
    if n.word or not (raw.isdigit() and len(raw) == 4 and 1900 <= n.value <= 2100):
        return False
    governed = f.qualifier or governing_trigger(doc, f) is not None
    return not (governed and f.cls != "any")


def _is_month(doc: Text, k: int) -> bool:
    """A month name at token k; 'May' and 'March' only when written with a capital."""
    word = doc.word(k)
    if word in context_words("month"):
        return True
    return word in context_words("month-capitalized") and doc.raw(k)[:1].isupper()


def _after_list(doc: Text, k: int) -> int:
    """The first token at or after k that is not part of a list or range of numbers
    ('27 and 28 November', '4 - 30 June', 'six and eight years old')."""
    joiners, articles = context_words("range"), context_words("article")
    for _ in range(8):
        if k >= len(doc) or not (doc.words[k] in joiners or doc.raw(k).isdigit()
                                 or doc.words[k] in number_words()
                                 or (doc.words[k] in articles and doc.word(k - 1) in joiners)):
            break  # an article after a joiner stays in the range: 'entre los 17 y los 51 años'
        k += 1
    return k


def _is_date(doc: Text, f: Figure) -> bool:
    """'13 November', 'May 30', 'from 4 - 30 June', '15 de enero', '13. November'."""
    return _is_month(doc, f.number.first - 1) or _is_month(doc, _after_list(doc, f.number.stop))


def _is_duration(doc: Text, f: Figure) -> bool:
    """'a 36-year-old', 'a two-month operation', 'six and eight years old', '45 per cent'."""
    k = f.number.stop
    if doc.word(k) == "-":
        k += 1
    else:
        k = _after_list(doc, k)
    hit = match_after(doc.words, k, unit_forms())
    return hit is not None and unit_forms()[hit[0]].kind in ("duration", "percent", "other")


def _is_age(doc: Text, f: Figure) -> bool:
    """'aged 64, 45 and 25', 'aged between 23 and 72', 'a Gold Coast man, 67,', 'a man (36)'."""
    if doc.word(doc.before_list(f.lead - 1)) in context_words("age"):
        return True
    person = noun_classes().get(doc.word(f.lead - 2)) in ("person", "victim")
    return person and doc.word(f.lead - 1) in (",", "(") and doc.word(f.number.stop) in (",", ")")


def _is_label(doc: Text, f: Figure) -> bool:
    """'section 141', 'No. 45', 'Article 5', 'les niveaux 1 et 2': a number that names rather
    than counts, alone or in a list after its label."""
    k = f.lead - 1
    if doc.word(k) == ".":
        k -= 1
    return doc.word(k) in context_words("label") or doc.word(doc.before_list(k)) in context_words("label")


def _is_name(doc: Text, f: Figure) -> bool:
    """'EMMA 7', 'Operation Pandora 2': a number right after a capitalized word, with no
    counted noun after it, is part of a name (the first word of a sentence is capitalized anyway)."""
    k = f.lead - 1
    if k < 0 or k == doc.sentence_first[k] or f.cls != "any":
        return False
    raw = doc.raw(k)
    if not (raw[:1].isupper() and raw.isalpha()):
        return False
    if doc.words[k] in common_words():
        return False
    after = doc.word(f.stop)
    return after not in trigger_words() and not (after.isalpha() and doc.raw(f.stop)[:1].islower())


def _is_place(doc: Text, f: Figure) -> bool:
    """'in 11 countries', 'from two safes', 'to 35 states', 'children under five': a number after
    a preposition says where or to whom, unless it counts results ('during 44 searches') or
    follows a result phrase ('led to 57 arrests', 'resulted in 46 people being arrested')."""
    if doc.word(f.lead - 1) not in context_words("preposition") or f.cls in RESULT_NOUNS:
        return False
    return match_before(doc.words, f.lead, number_context().get("result", frozenset())) is None


def _is_value(doc: Text, f: Figure) -> bool:
    """'worth $1.6 billion', 'a street value of $8.3 million', '$1 billion (...) worth of':
    money that prices goods or gains is not money seized."""
    value = context_words("value", "price")
    k = f.lead - 1
    if doc.word(k) in value or (doc.word(k) in ("of", "at", "de", "von") and doc.word(k - 1) in value):
        return True
    k = f.stop
    if doc.word(k) == "(":
        closing = next((j for j in range(k, min(k + 12, len(doc))) if doc.words[j] == ")"), None)
        k = closing + 1 if closing is not None else k
    return doc.word(k) in value or (doc.word(k) == "in" and doc.word(k + 1) in value)
