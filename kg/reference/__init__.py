"""Curated reference data: agencies and countries, loaded from the data files beside this module.

Why: which bodies exist, what they are called in English and in their own
language, and which country they belong to are facts, so they live in data files
with their sources noted (data/SOURCES.md), not in code. ISO 3166 codes and
names come from pycountry; the forms releases actually use (short names,
demonyms, native names) from data/country_names.tsv.
"""
from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from kg.errors import ReferenceDataError
from kg.reference.gazetteer import Entry, Gazetteer
from kg.tsv import read_tsv, split_list

DATA_DIR = Path(__file__).parent / "data"
AGENCY_COLUMNS = ["id", "name", "native_names", "abbreviations", "aliases", "country", "kind",
                  "parent", "wikidata"]
COUNTRY_NAME_COLUMNS = ["code", "form", "kind"]
EXTRA_CODES = {"XK": "Kosovo"}  # user-assigned, but used by the EU and in releases
# Country names in these languages come from pycountry's translations of ISO 3166
# (the iso3166-1 message catalogues it ships), for releases in the main European languages.
TRANSLATION_LANGUAGES = ("es", "de", "fr", "it", "pt", "nl")


@dataclass(frozen=True)
class AgencyRow:
    """One curated authority."""

    id: str
    name: str
    native_names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    parent: str | None
    wikidata: str | None

    @property
    def alt_labels(self) -> tuple[str, ...]:
        """Every known name but the canonical one, in the file's order, without repeats."""
        seen = {self.name}
        out = []
        for form in (*self.native_names, *self.aliases, *self.abbreviations):
            if form not in seen:
                seen.add(form)
                out.append(form)
        return tuple(out)


@dataclass(frozen=True)
class CountryRow:
    """One ISO 3166-1 country with the names and demonyms releases use."""

    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    alpha3: str | None = None
    regions: tuple[str, ...] = ()  # its regions whose names hold another name ("New South Wales")

    @property
    def alt_labels(self) -> tuple[str, ...]:
        """Every other name of the country (not the demonyms)."""
        return tuple(n for n in self.names if n != self.name)


def load_agencies(path: Path = DATA_DIR / "agencies.tsv") -> dict[str, AgencyRow]:
    """The curated agencies by id."""
    agencies: dict[str, AgencyRow] = {}
    for row in read_tsv(path, AGENCY_COLUMNS):
        if row["id"] in agencies:
            raise ReferenceDataError(f"{path}: agency id {row['id']!r} is used twice")
        agencies[row["id"]] = AgencyRow(
            id=row["id"], name=row["name"], native_names=split_list(row["native_names"]),
            abbreviations=split_list(row["abbreviations"]), aliases=split_list(row["aliases"]),
            country=row["country"] or None, kind=row["kind"], parent=row["parent"] or None,
            wikidata=row["wikidata"] or None)
    return agencies


def _iso_label(country) -> str:
    common = getattr(country, "common_name", None)
    return common or country.name


def load_countries(path: Path = DATA_DIR / "country_names.tsv",
                   exclusions: Path = DATA_DIR / "country_name_exclusions.tsv") -> dict[str, CountryRow]:
    """Every ISO 3166-1 country by alpha-2 code, with names and demonyms."""
    names: dict[str, list[str]] = {}
    demonyms: dict[str, list[str]] = {}
    regions: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for country in pycountry.countries:
        label = _iso_label(country)
        labels[country.alpha_2] = label
        forms = [label, country.name, getattr(country, "official_name", None)]
        names[country.alpha_2] = [f for f in dict.fromkeys(forms) if f]
        demonyms[country.alpha_2] = []
    for code, label in EXTRA_CODES.items():
        labels[code], names[code], demonyms[code] = label, [label], []
    for code, form in _translated_names(names, exclusions):
        names[code].append(form)
    for row in read_tsv(path, COUNTRY_NAME_COLUMNS):
        code = row["code"].upper()
        if code not in labels:
            raise ReferenceDataError(f"{path}: {code!r} is not an ISO 3166-1 alpha-2 code")
        target = {"demonym": demonyms, "region": regions}.get(row["kind"], names)
        if row["form"] not in target.setdefault(code, []):
            target[code].append(row["form"])
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return {code: CountryRow(code, labels[code], tuple(names[code]), tuple(demonyms[code]),
                             alpha3.get(code), tuple(regions.get(code, ())))
            for code in sorted(labels)}


def _translated_names(english: dict[str, list[str]], exclusions: Path) -> list[tuple[str, str]]:
    """(code, name) in the translation languages, leaving out forms shared by two countries,
    forms that are another country's English name, and the forms listed in `exclusions`."""
    excluded = {row["form"] for row in read_tsv(exclusions, ["form", "reason"])}
    codes_of: dict[str, set[str]] = {}
    for code, forms in english.items():
        for form in forms:
            codes_of.setdefault(form, set()).add(code)
    found: list[tuple[str, str]] = []
    for language in TRANSLATION_LANGUAGES:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                                        fallback=True)
        for country in pycountry.countries:
            names = (country.name, getattr(country, "common_name", None))
            for name in {n for n in names if n is not None}:
                translated = catalogue.gettext(name)
                for form in {translated, translated.split(",")[0].strip()}:
                    found.append((country.alpha_2, form))
                    codes_of.setdefault(form, set()).add(country.alpha_2)
    return sorted({(code, form) for code, form in found
                   if len(codes_of[form]) == 1 and form not in excluded
                   and form not in english[code]})


class Reference:
    """The curated agencies and countries, with gazetteers to find them in text."""

    def __init__(self, agencies: dict[str, AgencyRow], countries: dict[str, CountryRow]) -> None:
        self.agencies = agencies
        self.countries = countries
        self.agency_names = Gazetteer(self._agency_patterns())
        self.country_names = Gazetteer(self._country_patterns())

    def _agency_patterns(self):
        for row in self.agencies.values():
            for form in (row.name, *row.native_names, *row.aliases):
                yield form, Entry("agency", row.id)
            for abbreviation in row.abbreviations:
                yield abbreviation, Entry("agency", row.id, case_sensitive=True)
        for row in read_tsv(DATA_DIR / "lower_case_names.tsv", ["form", "id", "why"]):
            if row["id"] in self.agencies:  # (a reference of some agencies only: a test's)
                yield row["form"], Entry("agency", row["id"], lower_case=True)

    def _country_patterns(self):
        for row in self.countries.values():
            for form in row.names:
                yield form, Entry("country", row.code)
            for form in row.demonyms:
                yield form, Entry("demonym", row.code)
            for form in row.regions:  # matched whole, so that "Wales" in "New South Wales" is no match
                yield form, Entry("region", row.code)

    def country_label(self, code: str) -> str:
        """The English name of a country code."""
        return self.countries[code].name


@cache
def reference() -> Reference:
    """The packaged reference data, loaded once per process."""
    return Reference(load_agencies(), load_countries())
