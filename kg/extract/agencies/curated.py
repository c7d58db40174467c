"""Names found by the gazetteer: the curated body a name, native name or abbreviation stands for.

Why: analysts count and join agencies, so a curated name must become the right body. Where
bodies of several countries share a name, the country written around it decides (see
`countries`), else the countries and bodies the release names elsewhere; where nothing
decides, no body is guessed.
"""
from __future__ import annotations

import re

from kg.extract.agencies.countries import Countries, adjacent_country, local_country
from kg.records import AgencyMention, Span
from kg.reference import Reference
from kg.reference.gazetteer import Match
from kg.reference.places import city_country

CITY_AFTER = re.compile(r"[ \t]([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)\b")


def release_context(known: list[Match], countries: list[Match], ref: Reference) -> set[str]:
    """The bodies and countries a release names unambiguously: what shared names are read against."""
    context = {e.id for c in countries for e in c.entries}
    for m in known:
        ids = {e.id for e in m.entries}
        if len(ids) == 1:
            row = ref.agencies[next(iter(ids))]
            context |= {row.id, row.country or "", row.parent or ""}
    context.discard("")
    return context


def curated_mention(text: str, m: Match, ref: Reference, countries: Countries,
                    context: set[str]) -> AgencyMention | None:
    """The curated body a name match stands for, or None where the words around it say it is
    another country's body ("Croatian National Police" is not Spain's) or nothing decides
    between bodies sharing the name."""
    ids = sorted({e.id for e in m.entries})
    prefix = adjacent_country(text, m.start, countries)
    start = m.start
    if prefix is not None:
        codes = {e.id for e in prefix.entries}
        fitting = [i for i in ids if ref.agencies[i].country in codes]
        if fitting:
            ids, start = fitting, prefix.start
        elif all(ref.agencies[i].country for i in ids):
            return None
    if len(ids) > 1:
        local = local_country(text, Span(m.start, m.end), countries)
        ids = ([i for i in ids if ref.agencies[i].country == local] if local else []) \
            or [i for i in ids if {ref.agencies[i].country, ref.agencies[i].parent} & context]
    if not ids:
        return None
    row = ref.agencies[min(ids, key=lambda i: (ref.agencies[i].parent is not None, i))]
    office = _city_office(text, m.end) if row.kind == "unit" else None
    if office is not None:
        end, code = office
        return AgencyMention(text[start:end], Span(start, end), country=code, how="city-office")
    return AgencyMention(text[start:m.end], Span(start, m.end), ref=row.id, country=row.country, how="curated")


def _city_office(text: str, end: int) -> tuple[int, str] | None:
    """A unit named with its city is that city's office ('NCB Seoul' is INTERPOL's bureau in
    Korea, a body of its own): where the city ends and its country."""
    m = CITY_AFTER.match(text, end)
    code = city_country(m.group(1)) if m else None
    return (m.end(1), code) if m and code else None
