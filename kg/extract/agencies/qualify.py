"""Names found by their shape, read with the country around them: the curated body they are.

Why: "National Police" listed under "Netherlands:" is the Dutch National Police, a curated
body, though its words alone name a dozen; and "National Police (Politie)" is one body
written twice. A mention so matched is 'qualified': its curated body was read from its
context, not from its own words.
"""
from __future__ import annotations

from dataclasses import replace

from kg.extract.agencies.countries import Countries, local_country
from kg.records import AgencyMention
from kg.reference import Reference


def with_local_country(text: str, mention: AgencyMention, countries: Countries) -> AgencyMention:
    """A mention with no body or country of its own takes the country the words around it give."""
    if mention.country or mention.ref:
        return mention
    local = local_country(text, mention.span, countries)
    return replace(mention, country=local) if local else mention


def qualified(mention: AgencyMention, ref: Reference) -> AgencyMention:
    """A name not in the list, read with its country: 'National Police' listed under
    'Netherlands:' is the Dutch National Police, 'Federal Prosecutor's Office' under
    'Belgium:' the Belgian Federal Prosecutor's Office."""
    if mention.ref or mention.generic or not mention.country:
        return mention
    row = ref.countries[mention.country]
    forms = [f"{d} {mention.surface}" for d in row.demonyms]
    forms += [f"{mention.surface} of {n}" for n in (*row.names, *(f"the {n}" for n in row.names))]
    for form in forms:
        hits = [m for m in ref.agency_names.find(form) if m.start == 0 and m.end == len(form)]
        ids = sorted({e.id for m in hits for e in m.entries
                      if ref.agencies[e.id].country == mention.country})
        if len(ids) == 1:
            return replace(mention, ref=ids[0], how="qualified")
    return mention


def one_body_in_parentheses(text: str, mentions: list[AgencyMention]) -> list[AgencyMention]:
    """'National Police (Politie)': a name and its native name (or abbreviation) in
    parentheses are one body; the curated one of the two decides which (the other is then
    'qualified': its curated body was read from its partner, not from its own words)."""
    out = list(mentions)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if text[a.span.end:b.span.start] != " (" or text[b.span.end:b.span.end + 1] != ")":
            continue
        if a.ref and not b.ref:
            out[k + 1] = replace(b, ref=a.ref, country=a.country, generic=False, how="qualified")
        elif b.ref and not a.ref:
            out[k] = replace(a, ref=b.ref, country=b.country, generic=False, how="qualified")
    return out
