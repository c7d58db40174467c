"""Stage 1, numbers as written: digits with any thousands separator and number words.

Why: releases write '1 803', '1,803', '6.758', 'a dozen', 'vingt et un'; each is read to
one value here, and codes, phone numbers, dates and glued suffixes ('17th') are left out
before any context is read.
"""
from __future__ import annotations

import re
from itertools import compress, count

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.figures import Number
from kg.extract.outcomes.lexicon import match_after, number_words, unit_forms

# A run of digits and single separators; it is read and checked in `_parse_digits`.
# Each separator must be followed by a digit, so the run has one reading and cannot backtrack.
DIGIT_RUN = re.compile(r"\d+(?:[,.\u00a0\u202f ]\d+)*")
SEPARATORS = re.compile(r"([,.\u00a0\u202f ])")
NOT_BEFORE_DIGITS = frozenset(".,/\\:+-#@_")  # 3.5, COVID-19, +44, 2018/1725, #2
NOT_AFTER_DIGITS = frozenset("/\\:%")  # 24/7, 10:30, 45%
MAX_DIGITS = 15


def parse_digits(raw: str) -> float | None:
    """The value of a number written in digits: '1 803', '1,803' and '6.758' (European) are
    1803 and 6758, '13.3' is 13.3; a code or phone number ('0800', '4 72 44 70') is None."""
    parsed = _parse_digits(raw)
    return parsed[0] if parsed else None


def find_numbers(doc: Text) -> list[Number]:
    """Numbers in digits and in words, in text order."""
    found = list(_digit_numbers(doc)) + list(_word_numbers(doc))
    return sorted(found, key=lambda n: n.first)


def _digit_numbers(doc: Text):
    text = doc.text
    for m in DIGIT_RUN.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isalnum() or before in NOT_BEFORE_DIGITS or after in NOT_AFTER_DIGITS:
            continue  # part of a word, code, date, time, ratio or percentage
        if after == "-" and text[m.end() + 1:m.end() + 2].isupper():
            continue  # part of a name: '3-CMC', '4-MMC'

        parsed = _parse_digits(m.group())
        if parsed is None:
            continue
        value, decimal = parsed
        first, stop = doc.token_at(m.start()), doc.token_at(m.end())
        if after.isalpha() and match_after(doc.words, stop, unit_forms()) is None:
            continue  # 17th, 3D, 1B: a glued suffix that is not a unit
        yield Number(value, first, stop, decimal=decimal)


def _parse_digits(raw: str) -> tuple[float, bool] | None:
    """The value of a digit run and whether it has decimals; None for a code or phone number.

    Groups after the first must have three digits ('1 803', '60 192', '6.758');
    a last group after '.' or ',' that breaks that rule is a decimal part ('13.3',
    '1,234.5'). Anything else ('4 72 44 70', '1.2.3', '0800') is not a quantity.
    """
    parts = SEPARATORS.split(raw)
    groups, seps = parts[0::2], parts[1::2]
    if sum(len(g) for g in groups) > MAX_DIGITS or (len(groups[0]) > 1 and groups[0][0] == "0"):
        return None
    fraction = ""
    if seps and seps[-1] in ".," and (len(groups[-1]) != 3 or len(set(seps)) > 1):
        fraction, groups, seps = groups[-1], groups[:-1], seps[:-1]
    if seps and (len(set(seps)) > 1 or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    whole = "".join(groups)
    return (float(f"{whole}.{fraction}"), True) if fraction else (int(whole), False)


def _word_numbers(doc: Text):
    """'seven', 'twenty-five', 'four hundred', 'a dozen', 'two dozen'; not 'dozens' or 'hundreds'."""
    table = number_words()
    words = doc.words
    k = 0
    for at in compress(count(), map(table.__contains__, words)):  # the few number words only
        if at < k:
            continue  # read already, as part of the number before
        k = at
        entry = table[words[k]]
        if entry[1] == "multiplier" and doc.word(k - 1) in ("a", "an"):
            yield Number(entry[0], k - 1, k + 1, word=True)  # a dozen
            k += 1
            continue
        if entry[1] != "number":
            k += 1
            continue
        value, stop = entry[0], k + 1
        if 100 <= value < 1000 and value % 100 == 0:  # 'doscientos cincuenta', 'quatrocentos e dez'
            joint = 1 if doc.word(stop) in JOINTS else 0
            tens = table.get(doc.word(stop + joint))
            if tens and tens[1] == "number" and tens[0] < 100:
                value, stop = value + tens[0], stop + joint + 1
        value, stop = _tens_and_units(table, doc, value, stop)
        while stop < len(words) and table.get(words[stop], (0, ""))[1] == "multiplier":
            value *= table[words[stop]][0]
            stop += 1
        yield Number(value, k, stop, word=True)
        k = stop


JOINTS = frozenset({"-", "et", "y", "e"})  # 'twenty-five', 'vingt et un', 'treinta y cinco', 'trinta e cinco'


def _tens_and_units(table, doc: Text, value: int, stop: int) -> tuple[int, int]:
    """A tens word and the units after it, as one number: 'twenty-five', 'dix-sept',
    'soixante-douze', 'vingt et un', 'treinta y cinco' (value and where it stops)."""
    tens = value % 100
    if not (10 <= tens < 100 and tens % 10 == 0):
        return value, stop
    joint = 1 if doc.word(stop) in JOINTS else 0
    joint += 1 if joint and doc.word(stop) == "et" and doc.word(stop + 1) == "-" else 0
    unit = _units_digit(table, doc, stop + joint)
    if unit and tens + unit < 100 and (joint or tens >= 20):
        return value + unit, stop + joint + 1
    return value, stop


def _units_digit(table, doc: Text, k: int) -> int:
    """The value of a number word from one to nineteen at token k (the 'five' of 'twenty-five',
    the 'douze' of 'soixante-douze'), else 0."""
    entry = table.get(doc.word(k))
    return entry[0] if entry and entry[1] == "number" and entry[0] < 20 else 0
