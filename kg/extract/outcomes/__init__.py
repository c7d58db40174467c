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

The stages, one module each: `numbers` (1: numbers as written), `reading` (2: the figure a
number makes in context, and what it is not), `nouns` (3: what it counts), `triggers` (4:
typing by trigger words), `context` and `headings` (5: typing by a total, breakdown, list or
heading), `places` (the country a figure is stated for) and `mentions` (each result once);
`find` runs them in order over a `doc.Text`, with the word lists of `lexicon`.
"""
from kg.extract.outcomes.find import find_outcomes
from kg.extract.outcomes.mentions import amount_as_written

__all__ = ["amount_as_written", "find_outcomes"]
