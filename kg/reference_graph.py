"""The reference graph: every agency, country and place the releases link, described once.

Why: a body, a country or a place is named by many releases, often in different words; the
reference graph says what it is once for all of them (its labels, codes, seat, coordinates),
so a release graph only links and types it, and `kg merge` and `kg load` can replace a release
graph without touching anything another release shares.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.ids import Minter
from kg.mapping import Quad, reference_quads
from kg.model import model
from kg.records import Agency, Country, Described, Release
from kg.reference import reference
from kg.resolve import country_entity, merged_descriptions
from kg.streaming import Summary


def reference_graph(releases: Iterable[Release | Summary], minter: Minter) -> Iterator[Quad]:
    """The quads of the reference graph of these releases (resolved, or their summaries)."""
    releases = list(releases)
    agencies = merge_agencies(a for r in releases for a in r.agencies)
    described = merged_descriptions(d for r in releases for d in r.described if model().kinds[d.kind].reference)
    yield from reference_quads(agencies, _countries(releases, agencies, described), minter, described)


def merge_agencies(agencies: Iterable[Agency]) -> list[Agency]:
    """One description per agency key: an agency recognized under several spellings keeps
    the first in sorted order as its label and the others as alternative labels."""
    by_key: dict[str, list[Agency]] = {}
    for agency in agencies:
        by_key.setdefault(agency.key, []).append(agency)
    merged = []
    for key in sorted(by_key):
        versions = by_key[key]
        labels = sorted({a.label for a in versions})
        alts = [*dict.fromkeys(alt for a in versions for alt in a.alt_labels)]
        alts = [a for a in dict.fromkeys([*labels[1:], *alts]) if a != labels[0]]
        first = versions[0]
        merged.append(Agency(key, labels[0], tuple(alts), first.country, first.known, first.same_as))
    return merged


def _countries(releases: list[Release | Summary], agencies: list[Agency],
               described: Iterable[Described]) -> list[Country]:
    """The countries the reference graph describes: every country a release names, every
    country an agency is based in, and every country a place lies in."""
    countries: dict[str, Country] = {}
    for summary in releases:
        countries.update((c.code, c) for c in summary.countries)
    ref = reference()
    linked = {a.country for a in agencies if a.country}
    linked |= {said.value for node in described for said in node.about if said.kind == "country"}
    for code in sorted(linked - set(countries)):
        countries[code] = country_entity(code, ref)
    return [countries[c] for c in sorted(countries)]
