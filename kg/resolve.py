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
Every fact keeps the spans of the mentions that support it and a confidence from
the rule that found it (kg/confidence.py), so the graph can point back to the
words; a fact below the build's minimum confidence is left out here, before
anything is keyed on it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from kg import evidence_bound
from kg.confidence import confidence, facts
from kg.extract.text import sentence_at, sentences
from kg.ids import keyed, normalize_name
from kg.ingest.dates import iso_text
from kg.model import model
from kg.records import (
    Agency,
    AgencyMention,
    Country,
    DateMention,
    Described,
    Extraction,
    Fact,
    Mention,
    Official,
    OfficialMention,
    Operation,
    Outcome,
    OutcomeMention,
    Phrase,
    Release,
    Span,
    Statement,
)
from kg.reference import Reference

POLICE_KINDS = frozenset({"police", "criminal-police", "gendarmerie"})


def resolve(extraction: Extraction, ref: Reference, min_confidence: float = 0.0) -> Release:
    """Turn one release's mentions into entities with stable keys, each fact with its evidence
    and confidence; facts less sure than `min_confidence` are left out."""
    doc = extraction.document
    agency_of = _resolve_agencies(extraction.agencies, ref)
    outcomes = tuple(o for o in (_outcome(m, doc.key) for m in extraction.outcomes)
                     if o.confidence >= min_confidence)
    found = _operation_facts(extraction, agency_of, outcomes, min_confidence)
    agencies = _unique(agency_of[m] for m in extraction.agencies if agency_of[m].key in found["involves"])
    countries = tuple(country_entity(code, ref) for code in sorted(found["country"]))
    operations = _operations(doc.key, found, outcomes) if agencies or outcomes or found["codename"] else ()
    officials = tuple(o for o in (_official(m, agency_of, ref, min_confidence) for m in extraction.officials)
                      if o.confidence >= min_confidence)
    spoken_for = {o.agency for o in officials if o.agency} - {a.key for a in agencies}
    agencies = _unique([*agencies, *(_curated(ref, key) for key in spoken_for)])
    issued = _issued(extraction.published)
    release_facts = (issued,) if issued and issued.confidence >= min_confidence else ()
    published = extraction.published.value if release_facts and extraction.published else None
    release = Release(doc.key, doc, published, operations, officials, agencies, countries, release_facts,
                      described=_described(extraction.mentions, found) if operations else ())
    return replace(release, phrases=_phrases(extraction, release, agency_of))


def _operation_facts(extraction: Extraction, agency_of: dict[AgencyMention, Agency],
                     outcomes: tuple[Outcome, ...], min_confidence: float) -> dict[str, dict[str, Fact]]:
    """The operation's links by predicate, each value with its evidence, the weaker left out.

    A lead is no surer than the agency's part in the operation; a country read from an
    agency's seat or from an outcome stated for it is no surer than that agency or outcome.
    """
    def sure(predicate: str, found) -> dict[str, Fact]:
        return {k: f for k, f in facts(predicate, found).items() if f.confidence >= min_confidence}

    mentions = extraction.agencies
    declared: dict[str, list[tuple[str, Span, str, float | None]]] = {}
    for m in extraction.mentions:
        declared.setdefault(m.predicate, []).append((m.value, m.span, m.method, None))
    involves = sure("involves", ((agency_of[m].key, m.span, _method(m), None) for m in mentions))
    part = {key: fact.confidence for key, fact in involves.items()}
    return {
        "involves": involves,
        "ledBy": sure("ledBy", ((agency_of[m].key, m.span, m.lead_how or "phrase", part[agency_of[m].key])
                               for m in mentions if m.lead and agency_of[m].key in part)),
        "country": sure("country", [
            *((c.code, c.span, c.how, None) for c in extraction.countries),
            *((agency_of[m].country, m.span, "agency-seat", part[agency_of[m].key])
              for m in mentions if agency_of[m].key in part and agency_of[m].country),
            *((o.country, o.spans[0], "outcome", o.confidence) for o in outcomes if o.country)]),
        "codename": sure("codename", ((op.codename, op.span, op.how, None) for op in extraction.operations)),
        "crimeArea": sure("crimeArea", ((c.area, c.span, "keyword", None) for c in extraction.crime_areas)),
        "startYear": sure("startYear", ((f"{e.value.year:04d}", e.span, "start", None)
                                        for e in extraction.event_dates if e.kind == "start")),
        "actionDate": sure("actionDate", ((e.value.isoformat(), e.span, "action", None)
                                          for e in extraction.event_dates if e.kind == "action")),
        **{predicate: sure(predicate, found) for predicate, found in declared.items()},
    }


def _operations(release_key: str, found: dict[str, dict[str, Fact]],
                outcomes: tuple[Outcome, ...]) -> tuple[Operation, ...]:
    """The one operation a release reports, keyed by its first codename, else by the release;
    its start year is the earliest the release gives."""
    codenames = tuple(found["codename"])
    key = (keyed(codenames[0], "codename", normalize_name(codenames[0])) if codenames
           else keyed("", "release", release_key))
    start = min(found["startYear"], default=None)
    kept = [f for predicate, by_value in found.items() if predicate != "startYear" for f in by_value.values()]
    return (Operation(key=key, codenames=codenames,
                      involves=tuple(sorted(found["involves"])),
                      led_by=tuple(sorted(found["ledBy"])),
                      countries=tuple(sorted(found["country"])),
                      outcomes=outcomes,
                      crime_areas=tuple(found["crimeArea"]),
                      start_year=int(start) if start else None,
                      action_dates=tuple(date.fromisoformat(d) for d in sorted(found["actionDate"])),
                      facts=(*kept, *([found["startYear"][start]] if start else []))),)


def _described(mentions: tuple[Mention, ...], found: dict[str, dict[str, Fact]]) -> tuple[Described, ...]:
    """The nodes that mentions of kinds declared only in the model link and describe (a place:
    its names and coordinates), once each, for the links kept."""
    return merged_descriptions(
        Described(kind, m.value, m.about) for m in mentions
        if (kind := model().links[m.predicate].object) is not None and m.value in found.get(m.predicate, {}))


def merged_descriptions(nodes: Iterable[Described]) -> tuple[Described, ...]:
    """One description per node: all that is said of it (each surface a release wrote it in,
    say), in a stable order, whichever mention or release said it first."""
    about: dict[tuple[str, str], set[Statement]] = {}
    for node in nodes:
        about.setdefault((node.kind, node.key), set()).update(node.about)
    return tuple(Described(kind, key, tuple(sorted(about[kind, key]))) for kind, key in sorted(about))


def _method(mention: AgencyMention) -> str:
    """The rule that found an agency mention, '+list' when it stands in a list of authorities."""
    return mention.how + ("+list" if mention.listed else "")


def _outcome(m: OutcomeMention, release_key: str) -> Outcome:
    key = keyed(f"{m.type}-{m.count}", release_key, m.type, str(m.count), m.qualifier or "",
                m.country or "", m.unit or "", m.item or "")
    return Outcome(key, m.type, m.count, m.qualifier, m.country, m.unit, m.quantity, m.item,
                   spans=(m.span,), confidence=confidence("outcome", m.how), method=m.how)


def _official(m: OfficialMention, agency_of: dict[AgencyMention, Agency], ref: Reference,
              min_confidence: float) -> Official:
    """An official; the agency they speak for only when that link is sure enough."""
    member = None
    if m.agency in agency_of:
        agency_key = _speaks_for(agency_of[m.agency], ref)
        method = m.agency_how or "release"
        member = Fact("memberOf", agency_key, (m.agency.span,),
                      confidence("memberOf", method), method)
        if member.confidence < min_confidence:
            member = None
    return Official(keyed(m.name, "official", " ".join(m.name.split())), m.name, m.title,
                    member.value if member else None, m.statement, spans=(m.span,),
                    confidence=confidence("official", m.how), method=m.how,
                    facts=(member,) if member else ())


def _issued(published: DateMention | None) -> Fact | None:
    if published is None:
        return None
    spans = (published.span,) if published.span else ()
    return Fact("issued", iso_text(published.value, published.precision), spans,
                confidence("issued", published.source), published.source)


def _phrases(extraction: Extraction, release: Release,
             agency_of: dict[AgencyMention, Agency]) -> tuple[Phrase, ...]:
    """The words behind every fact kept, each with its sentence and the entities it names: as
    many as the evidence layer describes (kg.evidence_bound), whatever the text repeats."""
    names: dict[Span, set[tuple[str, str]]] = {}
    for a in extraction.agencies:
        names.setdefault(a.span, set()).add(("agency", agency_of[a].key))
    for c in extraction.countries:
        names.setdefault(c.span, set()).add(("country", c.code))
    for op in extraction.operations:
        names.setdefault(op.span, set()).add(("operation", ""))
    for area in extraction.crime_areas:
        names.setdefault(area.span, set()).add(("crime-area", area.area))
    for m in extraction.mentions:
        link = model().links[m.predicate]
        names.setdefault(m.span, set()).add((link.object or link.kind, m.value))
    for official in release.officials:
        for span in official.spans:
            names.setdefault(span, set()).add(("official", official.key))
    used: set[Span] = {s for f in release.facts for s in f.spans}
    used |= {s for o in release.officials for s in (*o.spans, *(s for f in o.facts for s in f.spans))}
    for operation in release.operations:
        used |= {s for f in operation.facts for s in f.spans}
        for outcome in operation.outcomes:
            used.update(outcome.spans)
            for span in outcome.spans:
                names.setdefault(span, set()).add(("outcome", outcome.key))
    bounds = sentences(extraction.document.text)
    named = ((span, tuple(sorted(names.get(span, ())))) for span in sorted(used))
    return tuple(Phrase(span, _sentence_of(bounds, span), group)
                 for span, group in evidence_bound.bounded(release, named))


def _sentence_of(bounds: list[Span], span: Span) -> Span:
    """The sentence holding a span; a span across sentences gets all of them."""
    first, last = sentence_at(bounds, span.start), sentence_at(bounds, max(span.start, span.end - 1))
    return Span(min(first.start, span.start), max(last.end, span.end))


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
    while (row := ref.agencies.get(key)) is not None and row.kind == "unit" \
            and (parent := row.parent) is not None and parent in ref.agencies:
        key = parent
    return key


def country_entity(code: str, ref: Reference) -> Country:
    """The country of an ISO alpha-2 code, with its labels and alpha-3 code."""
    row = ref.countries[code]
    return Country(code, row.name, row.alt_labels, row.alpha3)
