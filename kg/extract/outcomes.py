"""Outcomes: quantified results (46 arrests, 146 children safeguarded, 1 388 firearms seized).

Why: results are what analysts aggregate, so a number becomes an outcome only
when the sentence says what was counted. Each number (digits with any
thousands separator, or number words) is typed by the nearest trigger word in
its sentence that fits the noun it counts ("identified 100 suspects" is a
SuspectIdentified, "identified 7 children" a VictimIdentified). Numbers that
are not results are left alone: ages, years, dates, durations, percentages,
money and measured amounts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lists import noun_classes, number_words, outcome_words, qualifiers
from kg.extract.text import sentence_at, sentences
from kg.records import CountryMention, OutcomeMention, Span
from kg.reference.gazetteer import fold, tokens

DIGITS = re.compile(r"(?<![\w.,/:+-])(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)(?![\w/:%]|[.,]\d)")
WINDOW = 8
MONTHS = frozenset("january february march april may june july august september october november "
                   "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
NOT_COUNTS_AFTER = frozenset(
    "year years month months week weeks day days hour hours minute minutes percent per cent "
    "million billion thousand bn m kg kilograms kilogrammes kilos grams g tonnes tons tonne ton t "
    "litres liters l gb tb mb km metres meters euros euro dollars usd eur gbp pounds "
    "bitcoin btc times".split())
NOT_COUNTS_BEFORE = frozenset("aged age ages under number no page article eur usd gbp chf aud".split())
CURRENCY_SIGNS = frozenset("$€£¥")
FUNCTION_WORDS = frozenset(
    "were was have has had are is be been and or of in on at to from across by for with the a an "
    "more than over who which that as during between".split())


@dataclass(frozen=True)
class _Number:
    value: int
    start: int
    end: int


def find_outcomes(text: str, countries: list[CountryMention]) -> list[OutcomeMention]:
    """Every quantified result in `text`, each (type, count, country) once."""
    spans = sentences(text)
    toks = tokens(text)
    start_index = {start: i for i, (_, start, _) in enumerate(toks)}
    country_at = {c.span.start: c for c in countries}
    seen: set[tuple[str, int, str | None]] = set()
    found = []
    for number in _numbers(text, toks):
        i = start_index.get(number.start)
        j = _index_after(toks, number.end)
        if i is None or not _is_count(text, toks, i, j, number):
            continue
        sentence = sentence_at(spans, number.start)
        noun = _noun_class(toks, j, sentence)
        kind = _outcome_type(toks, i, j, noun, sentence)
        if kind is None:
            continue
        country = _breakdown_country(text, number.end, country_at)
        key = (kind, number.value, country)
        if key in seen:
            continue
        seen.add(key)
        found.append(OutcomeMention(kind, number.value, Span(number.start, number.end),
                                    qualifier=_qualifier(text, number.start), country=country))
    return found


def parse_digits(raw: str) -> int:
    """'1 803', '1,803' and '6.758' (European) are all thousands-separated integers."""
    return int(re.sub(r"\D", "", raw))


def _numbers(text: str, toks) -> list[_Number]:
    words = number_words()
    out = [_Number(parse_digits(m.group(1)), m.start(1), m.end(1)) for m in DIGITS.finditer(text)]
    for k, (word, start, end) in enumerate(toks):
        value = words.get(word.lower())
        if value is None or word.lower() in {"hundred", "dozens"}:
            continue
        if k > 0 and toks[k - 1][0].lower() in words:
            continue  # the second word of "two dozen" is part of the first number
        if k + 2 < len(toks) and toks[k + 1][0] == "-" and toks[k + 2][0].lower() in words:
            value += words[toks[k + 2][0].lower()]  # twenty-five
            end = toks[k + 2][2]
        elif k + 1 < len(toks) and toks[k + 1][0].lower() in {"dozen", "hundred"}:
            value *= words[toks[k + 1][0].lower()]
            end = toks[k + 1][2]
        out.append(_Number(value, start, end))
    return sorted(out, key=lambda n: n.start)


def _index_after(toks, offset: int) -> int:
    for k, (_, start, _) in enumerate(toks):
        if start >= offset:
            return k
    return len(toks)


def _is_count(text: str, toks, i: int, j: int, number: _Number) -> bool:
    raw = text[number.start:number.end]
    if raw.isdigit() and len(raw) == 4 and 1900 <= number.value <= 2100:
        return False  # a year
    after = fold(toks[j][0]) if j < len(toks) else ""
    before = fold(toks[i - 1][0]) if i > 0 else ""
    if after in NOT_COUNTS_AFTER or after in MONTHS or before in MONTHS:
        return False
    if after == "-" and j + 1 < len(toks) and fold(toks[j + 1][0]) in {"year", "years", "month"}:
        return False  # a 36-year-old
    if before in NOT_COUNTS_BEFORE or before in CURRENCY_SIGNS or after in CURRENCY_SIGNS:
        return False
    k = i - 1
    while k >= 0 and (toks[k][0].isdigit() or toks[k][0] in {",", "-", "and", "to", "between"}):
        k -= 1
    if k >= 0 and fold(toks[k][0]) in {"aged", "ages", "age"}:
        return False  # aged 64, 45 and 25; aged between 23 and 72
    return True


def _noun_class(toks, j: int, sentence: Span) -> str:
    """What the number counts: a class from nouns.tsv, 'item' for another noun, else 'any'."""
    classes = noun_classes()
    for k in range(j, min(j + 3, len(toks))):
        if toks[k][1] >= sentence.end:
            break
        word = fold(toks[k][0])
        if word in classes:
            return classes[word]
    if j < len(toks) and toks[j][1] < sentence.end:
        word = toks[j][0]
        if word.isalpha() and word.islower() and word not in FUNCTION_WORDS:
            return "item"
    return "any"


def _outcome_type(toks, i: int, j: int, noun: str, sentence: Span) -> str | None:
    table = outcome_words()
    best: tuple[int, int, str] | None = None
    lo, hi = max(0, i - WINDOW), min(len(toks), j + WINDOW)
    for k in range(lo, hi):
        if k in range(i, j) or not (sentence.start <= toks[k][1] < sentence.end):
            continue
        for kind, allowed in table.get(fold(toks[k][0]), ()):
            if noun in allowed:
                distance = i - k if k < i else k - j + 1
                candidate = (distance, 0 if k >= j else 1, kind)
                if best is None or candidate < best:
                    best = candidate
    return best[2] if best else None


def _qualifier(text: str, start: int) -> str | None:
    before = text[max(0, start - 20):start].lower()
    for phrase, qualifier in sorted(qualifiers().items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(phrase)}\s+$", before):
            return qualifier
    return None


_BREAKDOWN = re.compile(r"^(?:\s+[a-z]+){0,3}?\s+(?:in|across|from)\s+(?:the\s+)?")


def _breakdown_country(text: str, end: int, country_at: dict[int, CountryMention]) -> str | None:
    """'22 in France', '46 individuals across New Zealand': the country the figure is for."""
    m = _BREAKDOWN.match(text[end:end + 60])
    if m is None:
        return None
    country = country_at.get(end + m.end())
    return country.code if country else None
