"""Outcomes: quantified results (46 arrests, 146 children safeguarded, 1 388 firearms seized).

Why: results are what analysts aggregate, so a number becomes an outcome only
when the text says what was counted and what happened to it. The rules read a
number the way an analyst does:

1. what the number is: digits with any thousands separator ("1 803", "1,803",
   "6.758"), decimals, number words ("seven", "a dozen", "four hundred"), with
   a scale ("1.3 million"), a currency or a unit ("EUR 1.3 million", "400 kg")
   and a qualifier ("more than");
2. what it is not: an age, a year, a date, a duration, a percentage, a phone
   number or code, part of a name ("EMMA 7"), an ordinal, a place ("in 11
   countries"), money that is the value of goods or someone's earnings;
3. what it counts: the noun after it (data/nouns.tsv): people, victims,
   premises, cases, servers, other items, or a measured amount;
4. what happened: the nearest trigger word of its sentence (data/outcome_words.tsv)
   that fits that noun, with no other figure standing between the two;
5. what it continues: a figure with no trigger of its own takes the type of the
   list it belongs to ("seized 65 cars, some 30 000 detonators"), of the total
   it breaks down ("of which 850", "42 in Germany", "the Netherlands (2)"), or
   of a list heading ("Global seizures include:").

Each figure then gets the country it is stated for, and each (type, count,
country, unit) is reported once. Each mention records the rule that typed it
(`how`: 'trigger' or, for a bare figure, 'trigger-bare'; 'total', 'bracketed',
'breakdown', 'list' or 'heading' for a figure typed by its context). The word
lists are data files; see data/SOURCES.md.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from itertools import compress, count

from kg.extract.lists import per_language, rows
from kg.extract.text import by_span, sentences
from kg.records import CountryMention, OutcomeMention, Span
from kg.reference.gazetteer import fold, folded_tokens, token_columns, tokens

# A run of digits and single separators; it is read and checked in `_parse_digits`.
# Each separator must be followed by a digit, so the run has one reading and cannot backtrack.
DIGIT_RUN = re.compile(r"\d+(?:[,.\u00a0\u202f ]\d+)*")
SEPARATORS = re.compile(r"([,.\u00a0\u202f ])")
NOT_BEFORE_DIGITS = frozenset(".,/\\:+-#@_")  # 3.5, COVID-19, +44, 2018/1725, #2
NOT_AFTER_DIGITS = frozenset("/\\:%")  # 24/7, 10:30, 45%
MAX_DIGITS = 15
WINDOW_BARE = 8  # a bare figure ("8 were arrested") takes only a trigger close by
WINDOW_NOUN = 30  # a counted noun ("57 men ... were arrested") takes one anywhere in its sentence
WINDOW_MONEY = 4  # money is a seizure only where the seizure word governs it
MAX_PHRASE = 6  # words read after a figure for the noun it counts
GLUE_REACH = 4  # words between a trigger and the 'of' that links it to a figure
MIN_COMPOUND_PART = 6  # letters of the last part of a compound noun ('Tat|verdächtige')
ITEM_KINDS = frozenset({"Seizure", "Takedown"})  # the outcomes whose object is a thing
HEADING_LINES = 15  # lines a list item may sit below its heading
LINE_START = 40  # characters a list item's figure may stand from the start of its line
AFTER_WORDS = 8  # words between a counted noun and the 'in <country>' it is stated for
# Counted nouns that make a figure a result even after a preposition: 'during 44 searches', 'at 12 homes'.
RESULT_NOUNS = frozenset({"arrest", "search", "seizure", "premises"})
QUOTES = frozenset("'\"“”‘’«»")

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class _Unit:
    """A word after (or a sign before) a figure: what kind of amount it makes."""

    kind: str  # measure, currency, scale, money-scale, duration, percent, other
    unit: str
    value: float


@dataclass(frozen=True)
class _Number:
    """A number as written: its value and its tokens [first, stop)."""

    value: float
    first: int
    stop: int
    word: bool = False
    decimal: bool = False


@dataclass
class _Figure:
    """A number read in context: what it counts and, once typed, which outcome it is."""

    number: _Number
    lead: int  # first token of the figure: qualifier and currency sign included
    stop: int  # token after the figure: scale and unit included
    end: int  # token after the words naming what it counts
    cls: str  # class of the counted noun (nouns.tsv), 'amount', 'money' or 'any'
    head: int | None = None  # token of the counted noun
    scale: float = 1.0
    scale_name: str = ""
    unit: str | None = None
    item: str | None = None
    qualifier: str | None = None
    kind: str | None = None
    allowed: frozenset[str] = frozenset()
    trigger: int | None = None  # token of the trigger that typed it
    country: str | None = None
    how: str | None = None  # the rule that typed it (OutcomeMention.how)

    @property
    def weak(self) -> bool:
        """'one' alone is mostly a pronoun ('one of the largest'); it counts only with a known noun."""
        return self.number.word and self.number.value * self.scale == 1 and self.cls in ("item", "any")


class _Text:
    """A text's tokens, their folded forms and sentences, shared by the rules below."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks, _, self.starts = token_columns(text)
        self.words = folded_tokens(text)
        # the tokens that are trigger words, in order: what a figure's window is searched for
        self.triggers = list(compress(count(), map(_triggers().__contains__, self.words)))
        spans = sentences(text)
        firsts = [bisect.bisect_left(self.starts, s.start) for s in spans]
        self.sentence_first = [0] * len(self.toks)
        self.sentence_stop = [len(self.toks)] * len(self.toks)
        for n, first in enumerate(firsts):
            stop = firsts[n + 1] if n + 1 < len(firsts) else len(self.toks)
            self.sentence_first[first:stop] = [first] * (stop - first)
            self.sentence_stop[first:stop] = [stop] * (stop - first)

        self._victim_context: dict[int, bool] = {}
        self._before_list: dict[int, int] = {}

    def before_list(self, k: int) -> int:
        """The last token at or before k that is not part of a list or range of numbers (a number,
        a number word, ',', '-', 'and'...): -1 if there is none. Each token is walked once, however
        many figures the list holds ('aged 64, 45 and 25')."""
        walked = []
        while k >= 0 and k not in self._before_list and self._in_list(k):
            walked.append(k)
            k -= 1
        if k >= 0 and k in self._before_list:
            k = self._before_list[k]
        for j in walked:
            self._before_list[j] = k
        return k

    def _in_list(self, k: int) -> bool:
        word = self.words[k]
        return word in _words("range") or self.toks[k][0].isdigit() or word in _number_words()

    def victim_context(self, first: int) -> bool:
        """Whether the sentence starting at token `first` speaks of victims (see
        `_victim_or_suspect`); read once per sentence, however many figures it holds."""
        if first not in self._victim_context:
            context = _words("victim-context")
            stop = self.sentence_stop[first] if first < len(self.toks) else first
            self._victim_context[first] = any(self.words[k] in context for k in range(first, stop))
        return self._victim_context[first]

    def __len__(self) -> int:
        return len(self.toks)

    def raw(self, k: int) -> str:
        return self.toks[k][0]

    def word(self, k: int) -> str:
        """The folded token at k, or '' outside the text."""
        return self.words[k] if 0 <= k < len(self.words) else ""

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after a character offset."""
        return bisect.bisect_left(self.starts, offset)


# ---------------------------------------------------------------- word lists


def _phrase(text: str) -> Phrase:
    return tuple(fold(t) for t, _, _ in tokens(text))


@per_language
def _context() -> dict[str, frozenset[Phrase]]:
    """Words and phrases around a number that say what it is (number_context.tsv), by kind."""
    kinds: dict[str, set[Phrase]] = {}
    for r in rows("number_context.tsv"):
        kinds.setdefault(r["kind"], set()).add(_phrase(r["phrase"]))
    return {kind: frozenset(phrases) for kind, phrases in kinds.items()}


@per_language
def _words(*kinds: str) -> frozenset[str]:
    """The one-word entries of some kinds of number_context.tsv."""
    return frozenset(p[0] for kind in kinds for p in _context().get(kind, ()) if len(p) == 1)


@per_language
def _common_words() -> frozenset[str]:
    """Words that may stand capitalized before a figure without naming anything ('Over 100')."""
    return (_words("function", "month", "month-capitalized", "place") | frozenset(_triggers())
            | frozenset(_number_words()) | {p[-1] for p in _qualifiers()})


@per_language
def _stop_words() -> frozenset[str]:
    """Words that end the name of what an amount is of ('cocaine worth ...', 'cash was seized')."""
    return _words("function", "price") | frozenset(_triggers())


@per_language
def _units() -> dict[Phrase, _Unit]:
    """Units, currencies, scale words, durations and percent signs (units.tsv)."""
    return {_phrase(r["form"]): _Unit(r["kind"], r["unit"], float(r["value"] or 1))
            for r in rows("units.tsv")}


@per_language
def _currency_signs() -> frozenset[Phrase]:
    """Currencies written before an amount ('$', 'EUR', 'A$')."""
    return frozenset(p for p, u in _units().items() if u.kind == "currency")


@per_language
def _number_words() -> dict[str, tuple[int, str]]:
    """Number words: word -> (value, kind: number, multiplier or vague)."""
    return {fold(r["word"]): (int(r["value"]), r["kind"]) for r in rows("number_words.tsv")}


def amount_as_written(quantity: float, unit: str) -> str:
    """An amount as a release writes it: 1300000.0 'EUR million' gives 'EUR 1.3 million',
    3.2 't' gives '3.2 t' (the inverse of how `_record` stores a scaled amount)."""
    words = unit.split()
    scale = _units().get(_phrase(words[-1])) if len(words) > 1 else None
    if scale and scale.kind == "scale":
        return f"{' '.join(words[:-1])} {quantity / scale.value:g} {words[-1]}"
    return f"{quantity:g} {unit}"


@per_language
def _qualifiers() -> dict[Phrase, str]:
    return {_phrase(r["phrase"]): r["qualifier"] for r in rows("qualifiers.tsv")}


@per_language
def _noun_classes() -> dict[str, str]:
    return {fold(r["word"]): r["class"] for r in rows("nouns.tsv")}


@per_language
def _triggers() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
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


def _match_after(words: list[str], start: int, table) -> tuple[Phrase, int] | None:
    """The longest phrase of `table` starting at token `start`, and the token after it."""
    if start >= len(words) or words[start] not in _ends_of(table)[0]:
        return None  # no phrase of the table starts with this word
    for n in (3, 2, 1):
        phrase = tuple(words[start:start + n])
        if len(phrase) == n and phrase in table:
            return phrase, start + n
    return None


def _match_before(words: list[str], end: int, table) -> tuple[Phrase, int] | None:
    """The longest phrase of `table` ending right before token `end`, and its first token."""
    if 0 < end <= len(words) and words[end - 1] not in _ends_of(table)[1]:
        return None  # no phrase of the table ends with this word
    for n in (3, 2, 1):
        if end - n >= 0:
            phrase = tuple(words[end - n:end])
            if phrase in table:
                return phrase, end - n
    return None


# ---------------------------------------------------------------- the entry point


def find_outcomes(text: str, countries: list[CountryMention]) -> list[OutcomeMention]:
    """Every quantified result in `text`, each (type, count, country, unit) once."""
    doc = _Text(text)
    figures = [f for f in (_read(doc, n) for n in _numbers(doc)) if f is not None and f.cls != "ignore"]
    _type_all_by_trigger(doc, figures)
    places = _Places(doc, countries)
    typed = _Typed(figures)
    for n, figure in enumerate(figures):
        if figure.kind is None:
            _type_by_context(doc, figures, n, places, typed)
        if figure.kind is not None:
            typed.last = n
            if figure.country is None:
                figure.country = places.country_of(figure)
    return _once(doc, [f for f in figures if f.kind is not None])


class _Typed:
    """Where the typed figures nearest to the one being read are, as the figures are read in
    order: `last`, the last typed so far (a figure is typed once, when it is read), and
    `following[n]`, the first after figure n typed by a trigger (the figures after n are read
    later). Why: a sentence of thousands of untyped figures was rescanned for each (quadratic)."""

    def __init__(self, figures: list[_Figure]) -> None:
        self.last: int | None = None
        self.following: list[int | None] = [None] * len(figures)
        after = None
        for n in range(len(figures) - 1, -1, -1):
            self.following[n] = after
            if figures[n].kind is not None:
                after = n


def parse_digits(raw: str) -> float | None:
    """The value of a number written in digits: '1 803', '1,803' and '6.758' (European) are
    1803 and 6758, '13.3' is 13.3; a code or phone number ('0800', '4 72 44 70') is None."""
    parsed = _parse_digits(raw)
    return parsed[0] if parsed else None


# ---------------------------------------------------------------- 1. numbers as written


def _numbers(doc: _Text) -> list[_Number]:
    """Numbers in digits and in words, in text order."""
    found = list(_digit_numbers(doc)) + list(_word_numbers(doc))
    return sorted(found, key=lambda n: n.first)


def _digit_numbers(doc: _Text):
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
        if after.isalpha() and _match_after(doc.words, stop, _units()) is None:
            continue  # 17th, 3D, 1B: a glued suffix that is not a unit
        yield _Number(value, first, stop, decimal=decimal)


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


def _word_numbers(doc: _Text):
    """'seven', 'twenty-five', 'four hundred', 'a dozen', 'two dozen'; not 'dozens' or 'hundreds'."""
    table = _number_words()
    words = doc.words
    k = 0
    for at in compress(count(), map(table.__contains__, words)):  # the few number words only
        if at < k:
            continue  # read already, as part of the number before
        k = at
        entry = table[words[k]]
        if entry[1] == "multiplier" and doc.word(k - 1) in ("a", "an"):
            yield _Number(entry[0], k - 1, k + 1, word=True)  # a dozen
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
        yield _Number(value, k, stop, word=True)
        k = stop


JOINTS = frozenset({"-", "et", "y", "e"})  # 'twenty-five', 'vingt et un', 'treinta y cinco', 'trinta e cinco'


def _tens_and_units(table, doc: _Text, value: int, stop: int) -> tuple[int, int]:
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


def _units_digit(table, doc: _Text, k: int) -> int:
    """The value of a number word from one to nineteen at token k (the 'five' of 'twenty-five',
    the 'douze' of 'soixante-douze'), else 0."""
    entry = table.get(doc.word(k))
    return entry[0] if entry and entry[1] == "number" and entry[0] < 20 else 0


# ---------------------------------------------------------------- 2. reading a number in context


def _read(doc: _Text, number: _Number) -> _Figure | None:
    """The figure a number makes with the words around it, or None when it is not a count."""
    words, units = doc.words, _units()
    stop, scale, scale_name, abbreviated = number.stop, 1.0, "", False
    hit = _match_after(words, stop, units)
    if hit and units[hit[0]].kind in ("scale", "money-scale"):
        unit = units[hit[0]]
        scale, scale_name, abbreviated = unit.value, unit.unit, unit.kind == "money-scale"
        stop = hit[1]
    lead, currency, measure = number.first, None, None
    before = _match_before(words, lead, _currency_signs())
    if before:
        currency, lead = units[before[0]].unit, before[1]
    hit = _match_after(words, stop, units)
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
    qualifier = _match_before(words, lead, _qualifiers())
    if qualifier:
        lead = qualifier[1]
    figure = _Figure(number, lead, stop, stop, "any", scale=scale, scale_name=scale_name,
                     qualifier=_qualifiers()[qualifier[0]] if qualifier else None)
    if currency or measure:
        figure.cls = "money" if currency else "amount"
        figure.unit = f"{currency or measure} {scale_name}".strip()
        figure.item, figure.end = _amount_item(doc, stop)
    else:
        figure.cls, figure.head, figure.item, figure.end = _noun_phrase(doc, stop)
    if _not_a_count(doc, figure):
        return None
    return figure


def _not_a_count(doc: _Text, f: _Figure) -> bool:
    """Ages, years, dates, durations, labels, names, places and values are not results."""
    if f.cls == "money":
        return _is_value(doc, f)
    return (_is_year(doc, f) or _is_date(doc, f) or _is_duration(doc, f) or _is_age(doc, f)
            or _is_label(doc, f) or _is_name(doc, f) or _is_place(doc, f))


def _is_year(doc: _Text, f: _Figure) -> bool:
    """'in 2017': four digits from 1900 to 2100, unless a qualifier or result word governs them."""
    n = f.number
    raw = doc.text[doc.toks[n.first][1]:doc.toks[n.stop - 1][2]]
    if n.word or not (raw.isdigit() and len(raw) == 4 and 1900 <= n.value <= 2100):
        return False
    governed = f.qualifier or _governing_trigger(doc, f) is not None
    return not (governed and f.cls != "any")


def _is_month(doc: _Text, k: int) -> bool:
    """A month name at token k; 'May' and 'March' only when written with a capital."""
    word = doc.word(k)
    if word in _words("month"):
        return True
    return word in _words("month-capitalized") and doc.raw(k)[:1].isupper()


def _after_list(doc: _Text, k: int) -> int:
    """The first token at or after k that is not part of a list or range of numbers
    ('27 and 28 November', '4 - 30 June', 'six and eight years old')."""
    joiners, articles = _words("range"), _words("article")
    for _ in range(8):
        if k >= len(doc) or not (doc.words[k] in joiners or doc.raw(k).isdigit()
                                 or doc.words[k] in _number_words()
                                 or (doc.words[k] in articles and doc.word(k - 1) in joiners)):
            break  # an article after a joiner stays in the range: 'entre los 17 y los 51 años'
        k += 1
    return k


def _is_date(doc: _Text, f: _Figure) -> bool:
    """'13 November', 'May 30', 'from 4 - 30 June', '15 de enero', '13. November'."""
    return _is_month(doc, f.number.first - 1) or _is_month(doc, _after_list(doc, f.number.stop))


def _is_duration(doc: _Text, f: _Figure) -> bool:
    """'a 36-year-old', 'a two-month operation', 'six and eight years old', '45 per cent'."""
    k = f.number.stop
    if doc.word(k) == "-":
        k += 1
    else:
        k = _after_list(doc, k)
    hit = _match_after(doc.words, k, _units())
    return hit is not None and _units()[hit[0]].kind in ("duration", "percent", "other")


def _is_age(doc: _Text, f: _Figure) -> bool:
    """'aged 64, 45 and 25', 'aged between 23 and 72', 'a Gold Coast man, 67,', 'a man (36)'."""
    if doc.word(doc.before_list(f.lead - 1)) in _words("age"):
        return True
    person = _noun_classes().get(doc.word(f.lead - 2)) in ("person", "victim")
    return person and doc.word(f.lead - 1) in (",", "(") and doc.word(f.number.stop) in (",", ")")


def _is_label(doc: _Text, f: _Figure) -> bool:
    """'section 141', 'No. 45', 'Article 5', 'les niveaux 1 et 2': a number that names rather
    than counts, alone or in a list after its label."""
    k = f.lead - 1
    if doc.word(k) == ".":
        k -= 1
    return doc.word(k) in _words("label") or doc.word(doc.before_list(k)) in _words("label")


def _is_name(doc: _Text, f: _Figure) -> bool:
    """'EMMA 7', 'Operation Pandora 2': a number right after a capitalized word, with no
    counted noun after it, is part of a name (the first word of a sentence is capitalized anyway)."""
    k = f.lead - 1
    if k < 0 or k == doc.sentence_first[k] or f.cls != "any":
        return False
    raw = doc.raw(k)
    if not (raw[:1].isupper() and raw.isalpha()):
        return False
    if doc.words[k] in _common_words():
        return False
    after = doc.word(f.stop)
    return after not in _triggers() and not (after.isalpha() and doc.raw(f.stop)[:1].islower())


def _is_place(doc: _Text, f: _Figure) -> bool:
    """'in 11 countries', 'from two safes', 'to 35 states', 'children under five': a number after
    a preposition says where or to whom, unless it counts results ('during 44 searches') or
    follows a result phrase ('led to 57 arrests', 'resulted in 46 people being arrested')."""
    if doc.word(f.lead - 1) not in _words("preposition") or f.cls in RESULT_NOUNS:
        return False
    return _match_before(doc.words, f.lead, _context().get("result", frozenset())) is None


def _is_value(doc: _Text, f: _Figure) -> bool:
    """'worth $1.6 billion', 'a street value of $8.3 million', '$1 billion (...) worth of':
    money that prices goods or gains is not money seized."""
    value = _words("value", "price")
    k = f.lead - 1
    if doc.word(k) in value or (doc.word(k) in ("of", "at", "de", "von") and doc.word(k - 1) in value):
        return True
    k = f.stop
    if doc.word(k) == "(":
        closing = next((j for j in range(k, min(k + 12, len(doc))) if doc.words[j] == ")"), None)
        k = closing + 1 if closing is not None else k
    return doc.word(k) in value or (doc.word(k) == "in" and doc.word(k + 1) in value)


# ---------------------------------------------------------------- 3. what a number counts


def _noun_phrase(doc: _Text, k: int) -> tuple[str, int | None, str | None, int]:
    """What a figure counts: (class, index of the noun, the words naming it, the token after them).

    The words after the number are read up to a function word, a punctuation mark or a
    trigger: 'four "high value" suspects', '2,800 bank and virtual-asset accounts';
    'three of the men' reads on after 'of the'. The first listed noun gives the class;
    another noun makes an 'item' (firearms, artefacts); no noun leaves 'any' ('8 were arrested').
    """
    words, function = doc.words, _words("function")
    if _match_after(words, k, _context().get("partitive-after", frozenset())):
        return "any", None, None, k
    if doc.word(k) in _words("glue") and doc.word(k + 1) in _words("function", "article"):
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
        if word in _triggers() or (not raw[0].isalpha() and raw not in QUOTES and word not in ("-", "'")):
            break
        if word in ("and", "or", "y", "und", "oder") and seen:
            conjunction = conjunction if conjunction is not None else len(seen)
        elif word in function or word in _words("price"):
            break
        elif raw[0].isalpha():
            seen.append(k)
        k += 1
    if not seen:
        return "any", None, None, k
    last = seen[(conjunction or len(seen)) - 1]
    return "item", last, _item_words(doc, seen, conjunction, last + 1), k


def _warrant_class(doc: _Text, first: int, head: int, limit: int) -> str:
    """What a number of warrants counts: searches where they are search warrants ("222 search
    warrants", "51 decreti di perquisizione", "21 órdenes de entrada y registro": the premises
    searched), else nothing ("14 arrest warrants" are no arrests until people are held)."""
    around = [*range(first, head), *range(head + 1, min(limit, head + 5))]
    return "search" if any(_noun_class(doc, j) == "search" for j in around) else "ignore"


def _noun_class(doc: _Text, k: int) -> str | None:
    """The class of the noun at k (nouns.tsv); a capitalized compound takes the class of its
    last part, as German nouns do ('Hauptverdächtige', 'Straßenkinder')."""
    word = doc.words[k]
    if word in _noun_classes():
        return _noun_classes()[word]
    if doc.raw(k)[:1].isupper() and len(word) > MIN_COMPOUND_PART:
        for end in range(len(word) - MIN_COMPOUND_PART, 0, -1):
            if word[end:] in _noun_classes():
                return _noun_classes()[word[end:]]
    return None


def _compound_head(doc: _Text, k: int, limit: int) -> int:
    """The last listed noun of a compound: 'house searches', 'arrest warrants', 'bank accounts'."""
    head = k
    for j in range(k + 1, min(limit, k + 3)):
        if _noun_class(doc, j):
            head = j
        elif doc.words[j] != "-":
            break  # the nouns of a compound stand together: '150 staff executed search warrants' counts staff
    return head


def _item_words(doc: _Text, seen: list[int], conjunction: int | None, stop: int) -> str | None:
    """The words naming the item, up to the first 'and' ('big cats' of 'big cats and parts')."""
    words = seen[:conjunction] if conjunction else seen
    first = words[0] if words else stop - 1
    item = doc.text[doc.toks[first][1]:doc.toks[min(stop, len(doc)) - 1][2]]
    return " ".join(re.sub(r"[\"“”«»]", " ", item).split()).strip("'‘’ -") or None


def _amount_item(doc: _Text, k: int) -> tuple[str | None, int]:
    """What a measured amount is of: '400 kilos of cocaine', '$70,000 cash', 'EUR 549,000 in cash'."""
    if doc.word(k) in ("of", "in", "en", "de", "an"):
        k += 1
    start = k
    while k < len(doc) and k - start < 4 and doc.raw(k)[:1].isalpha() and doc.words[k] not in _stop_words():
        k += 1
    if k == start:
        return None, start
    return doc.text[doc.toks[start][1]:doc.toks[k - 1][2]], k


# ---------------------------------------------------------------- 4. typing by trigger words


def _type_all_by_trigger(doc: _Text, figures: list[_Figure]) -> None:
    """Type each figure by its trigger word; then take back a trigger before a figure when it
    is the predicate of the figure before it ('8 were arrested and 7 were put on probation')."""
    # a figure set aside as an example or a part ('1 588 persons, including 1 001 men and 587
    # women, were arrested') stands between no other figure and its trigger
    firsts = [f.number.first for f, aside in zip(figures, _set_aside(doc, figures), strict=True) if not aside]
    owner = _owners(doc, figures)
    for n, figure in enumerate(figures):
        _type_by_trigger(doc, figure, n, firsts, owner)
    claimed = {f.trigger: n for n, f in enumerate(figures) if f.trigger is not None and f.trigger >= f.stop}
    either = {**claimed, **owner}
    for n, figure in enumerate(figures):
        at = figure.trigger  # a trigger before the figure that another figure claims
        if at is not None and at < figure.lead and claimed.get(at, n) != n and not _continues_list(doc, figure):
            figure.kind = figure.trigger = figure.how = None
            _type_by_trigger(doc, figure, n, firsts, either)


def _continues_list(doc: _Text, f: _Figure) -> bool:
    """'32 tons of drugs were seized along with 250 firearms': a figure a connector adds to the
    trigger's object shares that trigger with the figure before it."""
    return _match_before(doc.words, f.lead, _context().get("connector", frozenset())) is not None


def _owners(doc: _Text, figures: list[_Figure]) -> dict[int, int]:
    """Triggers that belong to one figure: its own counted noun ('four arrests') or the word
    right before it ('and seized 30 watches'); no other figure may be typed by them."""
    owner: dict[int, int] = {}
    for n, f in enumerate(figures):
        governing = _governing_trigger(doc, f)
        if governing is not None:
            owner.setdefault(governing, n)
    for n, f in enumerate(figures):
        if f.head is not None and doc.words[f.head] in _triggers():
            owner[f.head] = n
    return owner


def _type_by_trigger(doc: _Text, f: _Figure, index: int, firsts: list[int], owner: dict[int, int]) -> None:
    """Type a figure by the nearest trigger of its sentence that fits what it counts.

    A trigger is out of reach when another figure stands between them ('8 were arrested
    and 7 were put on probation'), or when it is the counted noun of another figure
    ('four arrests ... eight fugitives'). A bare figure reaches only nearby triggers,
    money only the word that governs it.
    """
    if f.weak:
        return
    window = WINDOW_MONEY if f.cls == "money" else WINDOW_BARE if f.cls == "any" else WINDOW_NOUN
    first, stop = doc.sentence_first[f.number.first], doc.sentence_stop[f.number.first]
    if _is_attribute(doc, f):
        # the clause is read no further than the window reaches, however long the sentence
        first, stop = f.stop, _clause_end(doc, f.end, min(stop, f.end + window))
    best: tuple[int, int, str, frozenset[str], int] | None = None
    lo, hi = max(first, f.lead - window), min(stop, f.end + window)
    triggers = doc.triggers
    # only a trigger word types a figure (`_fitting` gives nothing for another word)
    for k in triggers[bisect.bisect_left(triggers, lo):bisect.bisect_left(triggers, hi)]:
        if f.lead <= k < f.stop or owner.get(k, index) != index:
            continue
        distance = f.lead - k if k < f.lead else k - f.stop + 1
        if distance > window or _blocked(firsts, f, k):
            continue
        for kind, allowed in _fitting(doc, f, k):
            candidate = (distance, 0 if k >= f.stop else 1, kind, allowed, k)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    if best:
        f.kind, f.allowed, f.trigger = _victim_or_suspect(doc, f, best[2]), best[3], best[4]
        f.how = "trigger-bare" if f.cls == "any" else "trigger"
    elif f.cls == "search" and f.head is not None and doc.words[f.head] not in _triggers():
        # search warrants ('222 search warrants are executed', '51 decreti di perquisizione'):
        # the noun says what was done, as 'searches' would
        f.kind, f.allowed, f.trigger, f.how = "Search", frozenset({"search"}), f.head, "trigger"


def _is_attribute(doc: _Text, f: _Figure) -> bool:
    """'a network which had 50 members', 'a platform with 400,000 users', 'a group composed of
    20 members': a figure that gives the size of something is a result only if its own clause
    says so after it ('with 121 being arrested in Spain'). After 'of', a trigger a few words
    before governs it ('the arrest on 5 October of 4 members')."""
    before = doc.word(f.lead - 1)
    if _match_before(doc.words, f.lead, _context().get("connector", frozenset())):
        return False  # 'along with 60,000 rounds' continues a list
    if _match_before(doc.words, f.lead, _context().get("total", frozenset())):
        return False  # 'a total of 1 588 persons ... were arrested' says how many, not of what size
    if before in _words("attribute"):
        return True
    reach = range(max(doc.sentence_first[f.lead], f.lead - 2 - GLUE_REACH), f.lead - 1)
    return before in _words("glue") and not any(doc.words[k] in _triggers() for k in reach)


def _clause_end(doc: _Text, k: int, stop: int) -> int:
    """The first comma or semicolon at or after token k, or the end of the sentence."""
    return next((j for j in range(k, stop) if doc.words[j] in (",", ";")), stop)


def _fitting(doc: _Text, f: _Figure, k: int) -> list[tuple[str, frozenset[str]]]:
    """The outcome types the trigger at k gives this figure.

    An unlisted noun right after a governing trigger takes its type ('the arrest of three
    Albanians'), unless the trigger also counts items (then it is that item's seizure).
    """
    entries = _triggers().get(doc.words[k], ())
    fitting = [(kind, allowed) for kind, allowed in entries if f.cls in allowed]
    if not fitting and f.cls == "item" and _governs(doc, f, k):
        if not any("item" in allowed for _, allowed in entries):
            fitting = [(kind, allowed) for kind, allowed in entries if "person" in allowed][:1]
    return fitting


def _governs(doc: _Text, f: _Figure, k: int) -> bool:
    """The trigger at k stands right before the figure ('arrested 13', 'the arrest of 13')."""
    return k == f.lead - 1 or (k == f.lead - 2 and doc.words[f.lead - 1] in _words("glue", "article"))


def _governing_trigger(doc: _Text, f: _Figure) -> int | None:
    k = f.lead - 2 if doc.word(f.lead - 1) in _words("glue", "article") else f.lead - 1
    return k if doc.word(k) in _triggers() else None


def _set_aside(doc: _Text, figures: list[_Figure]) -> list[bool]:
    """For each figure, whether it is set aside: introduced by an example or partitive word
    ('including 1 001 men', 'of which 850', 'darunter 8 Mobiltelefone'), or listed right after
    one that is ('... and 587 women')."""
    words, partitive, example = doc.words, _context().get("partitive-before", frozenset()), _words("example")
    separators = _words("separator")
    aside: list[bool] = []
    for n, f in enumerate(figures):
        introduced = _match_before(words, f.lead, partitive) is not None or doc.word(f.lead - 1) in example
        listed = False
        if n and aside[n - 1]:
            previous = figures[n - 1]
            between = words[previous.end:f.lead]
            listed = len(between) == 1 and between[0] in separators \
                and doc.sentence_first[previous.lead] == doc.sentence_first[f.lead]
        aside.append(introduced or listed)
    return aside


def _blocked(firsts: list[int], f: _Figure, k: int) -> bool:
    """Another figure stands between the trigger at k and this figure."""
    lo, hi = (k + 1, f.lead) if k < f.lead else (f.stop, k)
    at = bisect.bisect_left(firsts, lo)
    return at < len(firsts) and firsts[at] < hi


def _victim_or_suspect(doc: _Text, f: _Figure, kind: str) -> str:
    """People identified in a sentence that speaks of victims ('24 women held against their
    will and forced to work') are victims identified, not suspects."""
    if kind != "SuspectIdentified":
        return kind
    return "VictimIdentified" if doc.victim_context(doc.sentence_first[f.number.first]) else kind


# ---------------------------------------------------------------- 5. typing by context


def _type_by_context(doc: _Text, figures: list[_Figure], n: int, places: _Places, typed: _Typed) -> None:
    """A figure without a trigger of its own continues a total, a list or a list heading."""
    f = figures[n]
    previous = _previous_typed(doc, figures, n, typed)
    if previous is None and _after_semicolon(doc, f):
        previous = _previous_typed(doc, figures, n, typed, 1)  # '28 arrests: 11 in Belgium, ...'
    if _is_partitive(doc, f):
        if previous is not None and not _reversed(doc, f):
            _adopt(f, previous, "total")  # '2,517 arrests, of which 850 ...', '796 detenidos, 55 de ellos'
        return
    if places.bracketed(f):
        total = _previous_typed(doc, figures, n, typed) or _next_typed(doc, figures, n, typed)
        if total is not None:
            _adopt(f, total, "bracketed")  # 'in the Netherlands (2) and the Czech Republic (2)'
        return
    if previous is not None and places.breakdown(f) is not None:
        _adopt(f, previous, "breakdown")  # '51 arrested in Belgium, 21 in the Netherlands and 8 in Germany'
        return
    for neighbour in (n - 1, n + 1):
        if 0 <= neighbour < len(figures) and _listed_with(doc, f, figures[neighbour]):
            _adopt(f, figures[neighbour], "list")  # 'seized 65 cars, some 30,000 detonators'
            return
    _type_by_heading(doc, f)


def _adopt(f: _Figure, other: _Figure, how: str) -> None:
    """Give a figure the type of the figure it continues, and say by which rule."""
    f.kind, f.allowed, f.how = other.kind, other.allowed, how


def _previous_typed(doc: _Text, figures: list[_Figure], n: int, typed: _Typed, back: int = 0) -> _Figure | None:
    """The nearest typed figure before figures[n] in the same sentence (or `back` sentences before)."""
    first = doc.sentence_first[figures[n].number.first]
    for _ in range(back):
        first = doc.sentence_first[first - 1] if first > 0 else first
    k = typed.last  # figures are in text order: those between k and n are untyped and nearer
    return figures[k] if k is not None and figures[k].number.first >= first else None


def _next_typed(doc: _Text, figures: list[_Figure], n: int, typed: _Typed) -> _Figure | None:
    """The nearest typed figure after figures[n] in the same sentence."""
    stop = doc.sentence_stop[figures[n].number.first]
    k = typed.following[n]
    return figures[k] if k is not None and figures[k].number.first < stop else None


def _after_semicolon(doc: _Text, f: _Figure) -> bool:
    """The figure's sentence follows a ';' or ':' ('118 were detained; 37 of them in Italy')."""
    first = doc.sentence_first[f.number.first]
    return first > 0 and doc.words[first - 1] in (";", ":")


def _reversed(doc: _Text, f: _Figure) -> bool:
    """'two of them were later released': a part of a result that was undone is no result."""
    stop = min(doc.sentence_stop[f.number.first], f.stop + WINDOW_BARE)
    return any(doc.words[k] in _words("reversal") for k in range(f.stop, stop))


def _is_partitive(doc: _Text, f: _Figure) -> bool:
    """'of which 850', '368 davon', '55 de ellos', 'among them 12': a part of the figure before."""
    words = doc.words
    before = _match_before(words, f.lead, _context().get("partitive-before", frozenset()))
    after = _match_after(words, f.stop, _context().get("partitive-after", frozenset()))
    return bool(before or after)


def _listed_with(doc: _Text, f: _Figure, other: _Figure) -> bool:
    """Two figures of one list: same sentence, no trigger between them, the later one right
    after a comma or 'and' ('65 cars, some 30,000 detonators', '440 tusks and an additional
    545 kg of ivory'), and the other's trigger fits this one's noun."""
    if other.kind is None or doc.sentence_first[other.number.first] != doc.sentence_first[f.number.first]:
        return False
    if f.weak or f.cls == "any" or f.cls not in other.allowed:
        return False
    lo, hi = (other.stop, f.lead) if other.lead < f.lead else (f.stop, other.lead)
    between = doc.words[lo:hi]
    if any(w in _triggers() for w in between):
        return False
    last = max((k for k, w in enumerate(between) if w in _words("separator")), default=None)
    return last is not None and all(w in _words("article", "list-word") for w in between[last + 1:])


def _type_by_heading(doc: _Text, f: _Figure) -> None:
    """A list item takes the trigger of its heading: the label before a colon on its own line
    ('Seized: 5 kg of heroin, 3 cars') or a line ending in a colon above a list of short lines
    ('Global seizures reported to date include:' / '23 live primates;' / ...)."""
    if f.weak or f.cls == "any":
        return
    text, offset = doc.text, doc.toks[f.lead][1]
    line_start = text.rfind("\n", max(0, offset - LINE_START), offset) + 1
    if line_start == 0 and offset > LINE_START:
        return  # not near the start of its line
    prefix = text[line_start:offset]
    if ":" in prefix:
        _type_by_label(doc, f, line_start, line_start + prefix.rindex(":"))
        return
    if len(re.findall(r"\w+", prefix)) > 2:
        return
    end = line_start - 1
    for _ in range(HEADING_LINES):
        if end <= 0:
            return
        start = text.rfind("\n", max(0, end - 201), end) + 1
        if start == 0 and end > 201:
            return  # a long paragraph, not a list
        line = text[start:end].strip()
        if line.endswith(":"):
            _type_by_label(doc, f, start, end)
            return
        if len(line) > 200:
            return
        end = start - 1


def _type_by_label(doc: _Text, f: _Figure, start: int, end: int) -> None:
    """Type a figure by the first trigger between two character offsets that fits its noun."""
    for k in range(doc.token_at(start), doc.token_at(end)):
        fitting = [(kind, allowed) for kind, allowed in _triggers().get(doc.words[k], ()) if f.cls in allowed]
        if fitting:
            f.kind, f.allowed = fitting[0]
            f.how = "heading"
            return


# ---------------------------------------------------------------- countries


class _Places:
    """Country mentions indexed by token, to read the country a figure is stated for."""

    def __init__(self, doc: _Text, countries: list[CountryMention]) -> None:
        self.doc = doc
        self.starting: dict[int, tuple[str, int]] = {}  # first token -> (code, token after)
        self.ending: dict[int, tuple[str, int]] = {}  # token after -> (code, first token)
        for c in countries:
            first, after = doc.token_at(c.span.start), doc.token_at(c.span.end)
            self.starting[first] = (c.code, after)
            self.ending[after] = (c.code, first)

    def at(self, k: int) -> tuple[str, int] | None:
        """The country named at token k, also after an article ('the Netherlands', 'den USA')."""
        if k in self.starting:
            return self.starting[k]
        if self.doc.word(k) in _words("article"):
            return self.starting.get(k + 1)
        return None

    def single(self, k: int) -> str | None:
        """The country named at k when it is not the first of a list ('in Armenia and Ukraine')."""
        hit = self.at(k)
        if hit is None:
            return None
        code, after = hit
        joiner = self.doc.word(after)
        if joiner == "(" or (joiner in (",", "and", "y", "und", "or") and self.at(after + 1)):
            return None
        return code

    def bracketed(self, f: _Figure) -> str | None:
        """The country a bracketed figure follows: 'the Netherlands (2)', 'Italy (15)'."""
        if self.doc.word(f.lead - 1) == "(" and self.doc.word(f.stop) == ")":
            hit = self.ending.get(f.lead - 1)
            return hit[0] if hit else None
        return None

    def breakdown(self, f: _Figure) -> str | None:
        """The country of a figure that breaks a total down: '42 in Germany', 'one in Armenia'."""
        doc = self.doc
        if f.cls != "any" or doc.word(f.lead - 1) not in _words("separator"):
            return None
        if doc.word(f.stop) in _words("place"):
            return self.single(f.stop + 1)
        return None

    def country_of(self, f: _Figure) -> str | None:
        """'46 individuals across New Zealand', 'two members ... were arrested in Slovakia',
        'in den USA 25 Menschen', 'In Cyprus alone, police seized 1383 artefacts'."""
        return (self.bracketed(f) or self.breakdown(f) or self._after(f) or self._before(f)
                or self._sentence(f))

    def _after(self, f: _Figure) -> str | None:
        doc = self.doc
        stop = doc.sentence_stop[f.number.first]
        for k in range(f.end, min(stop, f.end + AFTER_WORDS)):
            if doc.words[k] in _words("place"):
                code = self.single(k + 1)
                if code:
                    return code
            raw = doc.raw(k)
            if not (raw[0].isalpha() or raw == "-") or doc.words[k] in _words("example"):
                return None  # another figure, a new clause, or an example ('such as here in Korea')
        return None

    def _before(self, f: _Figure) -> str | None:
        hit = self.ending.get(f.lead)
        if hit is None:
            return None
        code, first = hit
        k = first - 1
        if self.doc.word(k) in _words("article"):
            k -= 1
        return code if self.doc.word(k) in _words("place") else None

    def _sentence(self, f: _Figure) -> str | None:
        doc = self.doc
        first = doc.sentence_first[f.number.first]
        if doc.word(first) not in _words("place"):
            return None
        hit = self.at(first + 1)
        if hit is None:
            return None
        code, after = hit
        return code if "," in doc.words[after:after + 3] else None


# ---------------------------------------------------------------- each result once


def _once(doc: _Text, figures: list[_Figure]) -> list[OutcomeMention]:
    """One outcome per (type, count, country, unit); a repeat without country is the same
    result as one with it ('55 de ellos en España' ... 'los 55 arrestados'). The first
    mention is kept, with its span and its `how`; a repeat may only add a qualifier."""
    found: dict[tuple, OutcomeMention] = {}
    for f in figures:
        mention = _mention(doc, f)
        key = (mention.type, mention.count, mention.country, mention.unit)
        if key not in found:
            found[key] = mention
        elif found[key].qualifier is None and mention.qualifier:
            found[key] = replace(found[key], qualifier=mention.qualifier)
    placed = {(t, c, u) for t, c, country, u in found if country}
    kept = [m for (t, c, country, u), m in found.items() if country or (t, c, u) not in placed]
    return sorted(kept, key=by_span)


def _mention(doc: _Text, f: _Figure) -> OutcomeMention:
    """The record of a typed figure: amounts keep the number as written ('EUR 1.3 million'
    is count 1, unit 'EUR million', quantity 1300000.0); counts apply their scale."""
    if f.how is None:
        raise ValueError("only a typed figure makes an outcome")  # every rule that types a figure says so
    value = f.number.value
    span = Span(doc.toks[f.lead][1], doc.toks[f.stop - 1][2])
    if f.unit:
        count, quantity = math.floor(value), float(value * f.scale)
    else:
        count, quantity = int(round(value * f.scale)), None
    item = f.item if f.kind in ITEM_KINDS else None  # "107 arrests" counts arrests, not an item
    return OutcomeMention(f.kind or "", count, span, f.qualifier, f.country, f.unit, quantity, item,
                          how=f.how)
