"""Local authorities named by their seat: "Staatsanwaltschaft Düsseldorf", "procura della
Repubblica di Venezia", "Prokuratura Okręgowa w Kielcach", "politie Oost-Nederland".

Why: most releases not in English come from a city's or a region's police or prosecutor,
and no list of bodies can hold every seat. Such a name is a head that says what the body is
(data/local_heads.tsv, per language, matched in any case) and the place it serves, one or
two capitalized words, after a connector or not. The body is then one of its own, in the
country its head word names where only one country has such bodies ("procura": Italy),
else the place's where the place is a known city.
"""
from __future__ import annotations

import re

from kg.extract.lists import agency_words, per_language, rows
from kg.records import AgencyMention, Span
from kg.reference.gazetteer import Entry, Gazetteer
from kg.reference.places import city_country

CONNECTORS = r"(?:di|de|del|della|dello|du|de[ \t]+la|des|d'|do|da|dos|das|w|we|in|im|van|von|voor|für|of)"
PLACE_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'\u2019]*(?:-[A-ZÀ-ÖØ-ÞĀ-Ž][\w'\u2019]*)*"


# Languages that join a body to its seat with a preposition ("procura di Roma", "Prokuratura w
# Kielcach"): a capitalized word right after such a head is a person ("procureur de la
# République Yves Le Clair"), not a seat.
JOINED = frozenset({"fr", "it", "es", "pt", "pl"})
JOINED_SEAT = re.compile(rf"[ \t]+{CONNECTORS}[ \t]+({PLACE_WORD})(?:[ \t]+({PLACE_WORD}))?")
DIRECT_SEAT = re.compile(rf"(?:[ \t]+{CONNECTORS})?[ \t]+({PLACE_WORD})(?:[ \t]+({PLACE_WORD}))?")

NEXT_WORD = re.compile(rf"[ \t]+{PLACE_WORD}")


@per_language
def _heads() -> Gazetteer:
    """The head words as a gazetteer (found token by token, in any case and accent, at the cost
    of a lookup per word: one alternation of them all took 0.3 s for a megabyte of words)."""
    return Gazetteer((r["head"], Entry("joined" if r["language"] in JOINED else "direct", r["country"],
                                       lower_case=True))
                     for r in rows("local_heads.tsv"))


def find_local_agencies(text: str) -> list[AgencyMention]:
    """Every local authority named with its seat, in text order."""
    words = agency_words()
    not_place = words.get("not-place", frozenset()) | words.get("head", frozenset())
    found = []
    for head in _heads().find(text):
        if head.start and (text[head.start - 1].isalnum() or text[head.start - 1] == "-"):
            continue  # the end of a compound ("Bundespolizei"): a body of its own
        entry = head.entries[0]
        m = (JOINED_SEAT if entry.label == "joined" else DIRECT_SEAT).match(text, head.end)
        if m is None:
            continue
        first, second = m.group(1), m.group(2)
        if first in not_place or first.isupper() and len(first) <= 4:
            continue  # "Polizei Bundespolizei", "Staatsanwaltschaft ZIT": no seat
        two = f"{first} {second}" if second else None
        # A seat after a preposition may be two words ("di Vibo Valentia", "de Mato Grosso"); one
        # right after the head only where the two are a known city ("Polizei Düsseldorf
        # Pressestelle" is Düsseldorf's).
        # Where a third capitalized word follows, the second begins a person's name ("dyrektor Izby
        # Administracji Skarbowej w Kielcach Sławomir Podkówka"), unless the two are a known city.
        named_after = two is not None and NEXT_WORD.match(text, m.end(2)) is not None
        joined = entry.label == "joined" and not named_after
        end = m.end(2) if two and (joined or city_country(two)) else m.end(1)
        place = text[m.start(1):end]
        found.append(AgencyMention(text[head.start:end], Span(head.start, end),
                                   country=entry.id or city_country(place), how="local"))
    return found
