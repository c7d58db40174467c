"""Agencies: the authorities a release names, curated or recognized by the shape of their name.

Why: analysts count and join agencies, so each mention must become the right
body. The evidence, strongest first:
1. a name, native name or abbreviation from the curated list. Where bodies of
   several countries share a name ("Bundeskriminalamt", "National Police"),
   the country written around it decides: a nationality just before it
   ("Austrian Bundeskriminalamt", kept in the mention), a country after it
   ("Toronto Police Service/Canada"), a country the parentheses belong to
   ("Spain (Civil Guard and National Police)"), a line "Country: ..." of a
   participating-authority list, else the countries and bodies the release names;
2. a nationality or country followed by a capitalized name with an agency head
   noun ("Croatian National Police", "Hungarian National Bureau of
   Investigation"); a capitalized name with a head noun standing in a list next
   to another agency ("the FBI, the Drug Enforcement Authority"); a place then
   "Police" ("Winnipeg Police Service", in Canada by GeoNames' cities);
3. a generic national reference ("Spanish police"), which resolve.py maps to
   the named police body of that country when the release names one; a country
   said to lead ("led by Romania") stands for that country's authorities.
A news agency in a dateline ("PARIS (AFP) -") is not the Australian Federal
Police. An agency leads only where the text says so: a lead phrase (data/lead_phrases.tsv)
just before or after its name, or before or after a list it stands in
("La Policía Nacional, la Guardia Civil y los Mossos d'Esquadra han liderado"), or
before a unit no agency is read in, where the agency leads that its phrase names next
("liderada por agentes de la División ... de los Mossos").
Each mention records the rule that found it (`how`: 'curated', 'city-office',
'nationality-name', 'generic', 'listed', 'place-police', 'local', 'country-leads', or
'qualified' where a name found by its shape was matched to a curated body
afterwards), whether it stands in a list of agencies or on a participating-authority
line (`listed`), and whether its lead phrase is next to it, to its list or to its unit (`lead_how`).

The stages, one module each: wire (news agencies credited, dropped), curated (names found
by the gazetteer, 1), shapes (names found by their shape, 2 and 3), listed (names in a list
or on a participating-authority line), qualify (a name found by its shape read with its
country), lead (lead roles, and countries said to lead); countries reads the country around
a name for all of them, spans keeps the mentions apart, and this module runs them in order.
"""
from __future__ import annotations

from kg.extract.agencies.countries import Countries
from kg.extract.agencies.curated import curated_mention, release_context
from kg.extract.agencies.lead import countries_that_lead, with_roles
from kg.extract.agencies.listed import in_lists
from kg.extract.agencies.qualify import one_body_in_parentheses, qualified, with_local_country
from kg.extract.agencies.shapes import by_nationality, place_police
from kg.extract.agencies.spans import add
from kg.extract.agencies.wire import not_wire_credits
from kg.extract.local_agencies import find_local_agencies
from kg.extract.text import datelines
from kg.records import AgencyMention
from kg.reference import Reference


def find_agencies(text: str, ref: Reference) -> list[AgencyMention]:
    """Every agency mention in `text`, in order of appearance, without overlaps."""
    countries = Countries(list(ref.country_names.find(text)))
    bylines = datelines(text)
    known = [k for k in ref.agency_names.find(text)
             if not any(b.start <= k.start < b.end for b in bylines)]
    known = not_wire_credits(text, known, countries, bylines, ref)
    context = release_context(known, countries.matches, ref)
    mentions = [m for m in (curated_mention(text, k, ref, countries, context) for k in known) if m]
    mentions = add(mentions, by_nationality(text, countries))
    mentions = add(mentions, in_lists(text, mentions, countries))
    mentions = add(mentions, place_police(text))
    mentions = add(mentions, find_local_agencies(text))
    mentions = [qualified(with_local_country(text, m, countries), ref) for m in mentions]
    mentions = one_body_in_parentheses(text, mentions)
    mentions = add(mentions, countries_that_lead(text, countries))
    return with_roles(text, mentions, countries)


__all__ = ["find_agencies"]
