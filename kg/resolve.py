"""Resolution: gives every extracted entity a canonical, stable identity.

Why: the graph joins facts across releases only if the same thing gets the
same key everywhere. Keys are derived from what defines identity:
- a curated agency: its reference id; any other agency: its normalized name and
  country; a generic national reference ("Spanish police") becomes the named
  police body of that country when the release names one; a unit ("EC3",
  "Taskforce Argos") becomes its parent body when the release names that too,
  since the parent is the authority that took part;
- a country: its ISO code;
- an operation: its first codename (so two releases of "Operation Pandora"
  share one node), else the release it was reported in;
- an official: the name exactly as written (titles and affiliations change,
  the person does not); an outcome: the release, type, count, qualifier, country.
"""
from __future__ import annotations

from kg.ids import keyed, normalize_name
from kg.records import (Agency, AgencyMention, Country, Extraction, Official, Operation, Outcome,
                        Release)
from kg.reference import Reference

POLICE_KINDS = frozenset({"police", "criminal-police", "gendarmerie"})


def resolve(extraction: Extraction, ref: Reference) -> Release:
    """Turn one release's mentions into entities with stable keys."""
    doc = extraction.document
    agency_of = _resolve_agencies(extraction.agencies, ref)
    agencies = _unique(agency_of.values())
    lead_keys = sorted({agency_of[m].key for m in extraction.agencies if m.lead})
    country_codes = {c.code for c in extraction.countries}
    country_codes |= {a.country for a in agencies if a.country}
    countries = tuple(country_entity(code, ref) for code in sorted(country_codes))
    outcomes = tuple(
        Outcome(keyed(f"{o.type}-{o.count}", doc.key, o.type, str(o.count), o.qualifier or "",
                      o.country or "", o.unit or "", o.item or ""),
                o.type, o.count, o.qualifier, o.country, o.unit, o.quantity, o.item)
        for o in extraction.outcomes)
    countries = _with_outcome_countries(countries, outcomes, ref)
    codenames = tuple(dict.fromkeys(op.codename for op in extraction.operations))
    operations: tuple[Operation, ...] = ()
    starts = [e.value.year for e in extraction.event_dates if e.kind == "start"]
    if agencies or outcomes or codenames:
        key = (keyed(codenames[0], "codename", normalize_name(codenames[0])) if codenames
               else keyed("", "release", doc.key))
        operations = (Operation(key=key, codenames=codenames,
                                involves=tuple(sorted(a.key for a in agencies)),
                                led_by=tuple(lead_keys),
                                countries=tuple(c.code for c in countries),
                                outcomes=outcomes,
                                crime_areas=tuple(dict.fromkeys(c.area for c in extraction.crime_areas)),
                                start_year=min(starts) if starts else None,
                                action_dates=tuple(sorted({e.value for e in extraction.event_dates
                                                           if e.kind == "action"}))),)
    officials = tuple(
        Official(keyed(o.name, "official", " ".join(o.name.split())), o.name, o.title,
                 _speaks_for(agency_of[o.agency], ref) if o.agency in agency_of else None,
                 o.statement)
        for o in extraction.officials)
    spoken_for = {o.agency for o in officials if o.agency} - {a.key for a in agencies}
    agencies = _unique([*agencies, *(_curated(ref, key) for key in spoken_for)])
    published = extraction.published.value if extraction.published else None
    return Release(doc.key, doc, published, operations, officials, agencies, countries)


def _unique(agencies) -> tuple[Agency, ...]:
    by_key: dict[str, Agency] = {}
    for agency in agencies:
        by_key.setdefault(agency.key, agency)
    return tuple(by_key[k] for k in sorted(by_key))


def _resolve_agencies(mentions: tuple[AgencyMention, ...], ref: Reference) -> dict[AgencyMention, Agency]:
    resolved = {m: _agency(m, ref) for m in mentions if not m.generic}
    police_by_country: dict[str, Agency] = {}
    for m, agency in resolved.items():
        if agency.country and _is_police(m, agency, ref):
            police_by_country.setdefault(agency.country, agency)
    for m in mentions:
        if m.generic:
            resolved[m] = police_by_country.get(m.country or "") or _agency(m, ref)
    named = {a.key for a in resolved.values()}
    for m, agency in resolved.items():
        parent = _named_ancestor(agency.key, named, ref)
        if parent is not None:
            resolved[m] = _curated(ref, parent)
    return resolved


def _named_ancestor(key: str, named: set[str], ref: Reference) -> str | None:
    """A curated unit's nearest parent body that the release also names ('EC3' -> 'europol').

    Only units fold: a body with a parent that is not a unit (Border Force under the
    Home Office) took part in its own right."""
    row = ref.agencies.get(key)
    while row is not None and row.kind == "unit" and row.parent:
        if row.parent in named:
            return row.parent
        row = ref.agencies.get(row.parent)
    return None


def _is_police(mention: AgencyMention, agency: Agency, ref: Reference) -> bool:
    if mention.ref:
        return ref.agencies[mention.ref].kind in POLICE_KINDS
    return "polic" in normalize_name(agency.label)


def _curated(ref: Reference, agency_id: str) -> Agency:
    row = ref.agencies[agency_id]
    same_as = (f"http://www.wikidata.org/entity/{row.wikidata}",) if row.wikidata else ()
    return Agency(row.id, row.name, row.alt_labels, row.country, True, same_as)


def _agency(mention: AgencyMention, ref: Reference) -> Agency:
    if mention.ref:
        return _curated(ref, mention.ref)
    label = _label(mention.surface)
    return Agency(keyed(label, "agency", normalize_name(label), mention.country or ""), label,
                  (), mention.country, known=False)


def _label(surface: str) -> str:
    """A surface form as a label: one line, and 'AUSTRALIAN police' as 'Australian police'."""
    words = surface.split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in words)


def _speaks_for(agency: Agency, ref: Reference) -> str:
    """The authority an official acts for: a curated unit's parent body (climbing units only)."""
    key = agency.key
    while key in ref.agencies and ref.agencies[key].kind == "unit" \
            and ref.agencies[key].parent in ref.agencies:
        key = ref.agencies[key].parent  # type: ignore[assignment]
    return key


def country_entity(code: str, ref: Reference) -> Country:
    """The country of an ISO alpha-2 code, with its labels and alpha-3 code."""
    row = ref.countries[code]
    return Country(code, row.name, row.alt_labels, row.alpha3)


def _with_outcome_countries(countries, outcomes, ref: Reference) -> tuple[Country, ...]:
    codes = {c.code for c in countries} | {o.country for o in outcomes if o.country}
    return tuple(country_entity(code, ref) for code in sorted(codes))
