"""Local authorities named by their seat: "Staatsanwaltschaft Düsseldorf", "procura della
Repubblica di Venezia", "Prokuratura Okręgowa w Kielcach", "politie Oost-Nederland".

Why: most releases not in English come from a city's or a region's police or prosecutor,
and no list of bodies can hold every seat. Such a name is a head that says what the body is
(data/local_heads.tsv, per language, matched in any case) and the place it serves, one or
two capitalized words, after a connector or not, or a city's adjective before the head
("Kölner Staatsanwaltschaft"). The body is then one of its own, in the
country its head word names where only one country has such bodies ("procura": Italy),
else the place's where the place is a known city.
"""
from __future__ import annotations

import re

from kg.extract.lists import agency_words, per_language, rows
from kg.records import AgencyMention, Span
from kg.reference.gazetteer import Entry, Gazetteer, Match
from kg.reference.places import city_country

CONNECTORS = r"(?:di|de|del|della|dello|du|de[ \t]+la|des|d'|do|da|dos|das|w|we|in|im|van|von|voor|für|of)"
PLACE_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'\u2019]*(?:-[A-ZÀ-ÖØ-ÞĀ-Ž][\w'\u2019]*)*"


# Languages that join a body to its seat with a preposition ("procura di Roma", "Prokuratura w
# Kielcach"): a capitalized word right after such a head is a person ("procureur de la
# République Yves Le Clair"), not a seat.
JOINED = frozenset({"fr", "it", "es", "pt", "pl"})
# a court's number before its seat: "juzgado de instrucción número 4 de Badalona"
NUMBERED = r"(?:[ \t]+(?:número|núm\.|nº|n\.º|n°|numero|n\.)[ \t]*\d{1,3})?"
JOINED_SEAT = re.compile(rf"{NUMBERED}[ \t]+{CONNECTORS}[ \t]+({PLACE_WORD})(?:[ \t]+({PLACE_WORD}))?")
DIRECT_SEAT = re.compile(rf"(?:[ \t]+{CONNECTORS})?[ \t]+({PLACE_WORD})(?:[ \t]+({PLACE_WORD}))?")

NEXT_WORD = re.compile(rf"[ \t]+{PLACE_WORD}")
# a list of two seats or more: 'Salzburg, Niederösterreich und Burgenland', 'di Napoli e di Roma'
SEAT = re.compile(rf"(?<![\w-]){PLACE_WORD}(?:[ \t]+{PLACE_WORD})?")
_AND = r"(?:und|and|et|e|y|i|oraz|en)"
SEAT_LIST = re.compile(
    rf"[ \t]+(?:(?P<connector>di|de|del|della|du|des|w|we)[ \t]+)?(?P<seats>{PLACE_WORD}(?:[ \t]+{PLACE_WORD})?"
    rf"(?:,[ \t]+(?:(?:di|de|w)[ \t]+)?{PLACE_WORD}(?:[ \t]+{PLACE_WORD})?){{0,8}}"
    rf"[ \t]+{_AND}[ \t]+(?:(?:di|de|w)[ \t]+)?{PLACE_WORD}(?:[ \t]+{PLACE_WORD})?)")
CITY_WORDS = frozenset({"Ville", "City", "Città", "Ciudad", "Cidade", "Municipalité"})
OF_PLACE = re.compile(rf"[ \t]+{CONNECTORS}[ \t]+({PLACE_WORD})")
CITY_ADJECTIVE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,30})er[ \t]+$")


@per_language
def _heads() -> Gazetteer:
    """The head words, singular (data/local_heads.tsv: 'joined' or 'direct', with the country)
    and plural (data/local_plurals.tsv: 'plural-joined' or 'plural-direct', with the singular),
    as one gazetteer (found token by token, in any case and accent, at the cost of a lookup per
    word: one alternation of them all took 0.3 s for a megabyte of words)."""
    singular = [(r["head"], Entry(_joins(r["language"]), r["country"], lower_case=True))
                for r in _head_rows()]
    plural = [(r["plural"], Entry(f"plural-{_joins(r['language'])}", r["singular"], lower_case=True))
              for r in rows("local_plurals.tsv")]
    return Gazetteer(singular + plural)


@per_language
def _head_rows() -> list[dict[str, str]]:
    """The rows of data/local_heads.tsv (and the reading language's), read once for the three
    tables made of them."""
    return rows("local_heads.tsv")


@per_language
def _head_countries() -> dict[str, str]:
    """The country of each singular head that has one."""
    return {r["head"]: r["country"] for r in _head_rows() if r["country"]}


def _joins(language: str) -> str:
    return "joined" if language in JOINED else "direct"


def _listed_seats(text: str, head: Match, entry: Entry) -> list[AgencyMention]:
    """'die Landeskriminalämter Salzburg, Niederösterreich und Burgenland', 'le procure di
    Catanzaro, Napoli e Roma': one body of the singular head for each seat of the list."""
    m = SEAT_LIST.match(text, head.end)
    if m is None or (entry.label == "plural-joined") != bool(m.group("connector")):
        return []
    connector = f" {m.group('connector')}" if m.group("connector") else ""
    seats = list(SEAT.finditer(text, m.start("seats"), m.end()))
    # a seat of no known city is in the country of the list's known ones, else the head's
    known = [c for c in (city_country(seat.group(0)) for seat in seats) if c]
    fallback = known[0] if known else _head_countries().get(entry.id)
    return [AgencyMention(f"{entry.id}{connector} {seat.group(0)}", Span(seat.start(), seat.end()),
                          country=city_country(seat.group(0)) or fallback, how="local")
            for seat in seats]


def find_local_agencies(text: str) -> list[AgencyMention]:
    """Every local authority named with its seat, in text order."""
    words = agency_words()
    not_place = words.get("not-place", frozenset()) | words.get("head", frozenset())
    found = []
    for head in _heads().find(text):
        if head.start and (text[head.start - 1].isalnum() or text[head.start - 1] == "-"):
            continue  # the end of a compound ("Bundespolizei"): a body of its own
        entry = head.entries[0]
        if entry.label.startswith("plural"):
            found.extend(_listed_seats(text, head, entry))
            continue
        m = (JOINED_SEAT if entry.label == "joined" else DIRECT_SEAT).match(text, head.end)
        first = m.group(1) if m else ""
        if m is None or first in not_place or first.isupper() and len(first) <= 4:
            # "Polizei Bundespolizei", "Staatsanwaltschaft ZIT": no seat after the head; one may
            # stand before it as a city's adjective ("die Kölner Staatsanwaltschaft")
            if entry.label == "direct":
                found.extend(_seat_before(text, head.start, head.end, entry.id))
            continue
        second = m.group(2)
        two = f"{first} {second}" if second else None
        # A seat after a preposition may be two words ("di Vibo Valentia", "de Mato Grosso"); one
        # right after the head only where the two are a known city ("Polizei Düsseldorf
        # Pressestelle" is Düsseldorf's).
        # Where a third capitalized word follows, the second begins a person's name ("dyrektor Izby
        # Administracji Skarbowej w Kielcach Sławomir Podkówka"), unless the two are a known city.
        named_after = two is not None and NEXT_WORD.match(text, m.end(2)) is not None
        joined = entry.label == "joined" and not named_after
        end = m.end(2) if two and (joined or city_country(two)) else m.end(1)
        city_of = OF_PLACE.match(text, m.end(1)) if first in CITY_WORDS else None
        place = text[m.start(1):end]
        if city_of:
            end, place = city_of.end(), city_of.group(1)  # "Service de police de la Ville de Québec"
        name = text[head.start:end]
        nominative = _nominatives().get(head.surface.casefold())
        if nominative:  # 'do Prokuratury Okręgowej w Warszawie' names 'Prokuratura Okręgowa w Warszawie'
            name = nominative + text[head.end:end]
        found.append(AgencyMention(name, Span(head.start, end),
                                   country=entry.id or city_country(place), how="local"))
    return found


@per_language
def _nominatives() -> dict[str, str]:
    """A head written in another case, by its folded form, and the nominative a body's name takes
    (data/pl/local_heads.tsv, column `nominative`)."""
    return {r["head"].casefold(): r["nominative"] for r in _head_rows() if r["nominative"]}


def _seat_before(text: str, start: int, end: int, country: str) -> list[AgencyMention]:
    """'Kölner Staatsanwaltschaft', 'Berliner Polizei': a city's adjective (the city and -er)
    right before a head that names its seat after it in other releases."""
    m = CITY_ADJECTIVE.search(text, max(0, start - 40), start)
    if m is None:
        return []
    city = m.group(1)
    place = city_country(city) or city_country(city + "en")
    if place is None or (country and place != country):
        return []
    return [AgencyMention(text[m.start():end], Span(m.start(), end), country=place, how="local")]
