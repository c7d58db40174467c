"""Lead roles: which agencies the text says led, and which stand in a list.

Why: `opg:ledBy` is a claim the text must make. An agency leads only where a lead phrase
(data/lead_phrases.tsv) stands just before or after its name, or before or after a list it
stands in ("La Policía Nacional, la Guardia Civil y los Mossos d'Esquadra han liderado"),
or before a unit no agency is read in, where the agency its phrase names next leads
("liderada por agentes de la División ... de los Mossos"); a country said to lead ("led
by Romania") stands for that country's authorities.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from kg.extract.agencies.countries import Countries, country_line, single
from kg.extract.agencies.listed import LIST_GAP, listed_together
from kg.extract.lists import lead_openers, lead_phrases
from kg.records import AgencyMention, Span
from kg.reference.gazetteer import Match

UNIT_REACH = 160  # characters between a lead phrase and the first agency its object names
UNIT_WORDS = 16
# where a phrase ends: a comma (unless a connector goes on: "del Área Central, de la División"),
# semicolon or colon, or a full stop that no short abbreviation makes ('ds.')
PHRASE_END = re.compile(r"[;:!?]|,\s(?!(?:de|del|of|der|des|du|di|van|von)\s)"
                        r"|(?<!\s[^\W\dA-Z]{2})(?<!\s[^\W\dA-Z]{3})\.(?=\s)|\n")


def countries_that_lead(text: str, countries: Countries) -> Iterator[AgencyMention]:
    """'led by Romania', 'Led by Cyprus and Spain': the country's authorities led."""
    before, _ = lead_phrases()
    chain: list[Match] = []
    for c in countries:
        code = single(c)
        if code is None or not any(e.label == "country" for e in c.entries):
            chain = []
            continue
        led = before.search(text[max(0, c.start - 60):c.start])
        follows = chain and LIST_GAP.match(text, chain[-1].end, c.start)
        if led or follows:
            chain.append(c)
            yield AgencyMention(c.surface, Span(c.start, c.end), country=code, lead=True, generic=True,
                                how="country-leads", lead_how="phrase")
        else:
            chain = []


def with_roles(text: str, mentions: list[AgencyMention], countries: Countries) -> list[AgencyMention]:
    """Mark the agencies a lead phrase names, singly ('phrase') or as a list ('list'), and
    those that stand in a list of agencies or on a participating-authority line (`listed`)."""
    before, after = lead_phrases()

    @cache
    def lead_phrase_around(start: int, end: int) -> bool:
        """A lead phrase ends at `start` or begins at `end` (asked once for a name standing
        alone, which is its own list)."""
        return bool(before.search(text[max(0, start - 80):start]) or after.match(text[end:end + 160]))

    lead_how: dict[int, str] = {}
    listed: set[int] = set()
    previous_end = 0
    for group in _lists(text, mentions):
        if len(group) > 1:
            listed.update(group)
        first, last = mentions[group[0]], mentions[group[-1]]
        if lead_phrase_around(first.span.start, last.span.end):
            lead_how.update((k, "list") for k in group)
        elif _led_through_unit(text, previous_end, first.span.start):
            lead_how[group[0]] = "unit"
        previous_end = last.span.end
        for k in group:
            m = mentions[k]
            if lead_phrase_around(m.span.start, m.span.end):
                lead_how[k] = "phrase"
    out = []
    for k, m in enumerate(mentions):
        if k in lead_how:
            # a country said to lead was read by its own phrase, even where it is also in a led list
            m = replace(m, lead=True, lead_how=m.lead_how or lead_how[k])
        if k in listed or country_line(text, m.span, countries) is not None:
            m = replace(m, listed=True)
        out.append(m)
    return out


def _lists(text: str, mentions: list[AgencyMention]) -> list[list[int]]:
    """The indexes of `mentions` grouped by the lists they stand in (a name alone is its own)."""
    groups: list[list[int]] = []
    for k, m in enumerate(mentions):
        if groups and listed_together(text, mentions[groups[-1][-1]].span, m.span):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _led_through_unit(text: str, previous_end: int, start: int) -> bool:
    """A lead phrase whose object is a unit no agency was read in ('liderada por agentes de la
    División de Investigación Criminal de los Mossos', 'pod nadzorem Pomorskiego Wydziału
    Zamiejscowego Prokuratury Krajowej'): the first agency its phrase names leads, as the
    guideline has a unit said to lead make its parent a lead."""
    lo = max(previous_end, start - UNIT_REACH)
    openers = list(lead_openers().finditer(text, lo, start))
    if not openers:
        return False
    gap = text[openers[-1].end():start]
    return bool(gap.strip()) and len(gap.split()) <= UNIT_WORDS and not PHRASE_END.search(gap)
