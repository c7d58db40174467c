"""Typed figures as outcome mentions, each result once, and an amount back as a release writes it.

Why: a release repeats its results ('55 de ellos en España' ... 'los 55 arrestados'); each
(type, count, country, unit) is reported once, and an amount keeps the number as written
so that it reads back as written ('EUR 1.3 million').
"""
from __future__ import annotations

import math
from dataclasses import replace

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.figures import Figure
from kg.extract.outcomes.lexicon import as_phrase, unit_forms
from kg.extract.text import by_span
from kg.records import OutcomeMention, Span

ITEM_KINDS = frozenset({"Seizure", "Takedown"})  # the outcomes whose object is a thing


def amount_as_written(quantity: float, unit: str) -> str:
    """An amount as a release writes it: 1300000.0 'EUR million' gives 'EUR 1.3 million',
    3.2 't' gives '3.2 t' (the inverse of how `_mention` stores a scaled amount)."""
    words = unit.split()
    scale = unit_forms().get(as_phrase(words[-1])) if len(words) > 1 else None
    if scale and scale.kind == "scale":
        return f"{' '.join(words[:-1])} {quantity / scale.value:g} {words[-1]}"
    return f"{quantity:g} {unit}"


def each_once(doc: Text, figures: list[Figure]) -> list[OutcomeMention]:
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


def _mention(doc: Text, f: Figure) -> OutcomeMention:
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
