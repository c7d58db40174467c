"""Countries: where an operation acted and whose authorities took part.

Why: "arrests per country" is the first question analysts ask. A country comes
from its name in the text or from the country of a participating agency
(resolve.py adds those). Names that only locate the publisher are not
evidence: a dateline ("LYON, France -"), a seat ("headquartered in The Hague"),
a negation ("not from Spain"). Nationalities count where they name a country's
officers ("Polish, Spanish and Italian law enforcement authorities"), not
where they describe a suspect ("a Spanish man").
"""
from __future__ import annotations

import re

from kg.extract.lists import agency_words
from kg.records import CountryMention, Span
from kg.reference import Reference
from kg.reference.gazetteer import Match

DATELINE = re.compile(r"^\s*(?:[A-Z][A-Za-z.'\u2019-]*\s?){1,3},\s+[^,\n]{2,40}?\s*(?:\([^)]*\)\s*)?[-\u2013\u2014]")
NEGATED_BEFORE = re.compile(r"\bnot\s+(?:from|in|to|by)\s+(?:the\s+)?$", re.IGNORECASE)
NATIONALITY_GAP = re.compile(r"^(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)$")
SEAT_BEFORE = re.compile(r"\b(?:based|headquartered|headquarters|seated|located)\s+(?:in|at)\s+(?:the\s+)?$",
                         re.IGNORECASE)


def find_countries(text: str, ref: Reference) -> list[CountryMention]:
    """Country names in the text that are evidence of where the operation acted."""
    dateline = DATELINE.match(text)
    skip_until = dateline.end() if dateline else 0
    matches = list(ref.country_names.find(text))
    found = []
    for m in matches:
        if m.start < skip_until:
            continue
        if SEAT_BEFORE.search(text[max(0, m.start - 40):m.start]) \
                or NEGATED_BEFORE.search(text[max(0, m.start - 30):m.start]):
            continue
        codes = sorted({e.id for e in m.entries if e.label == "country"})
        if len(codes) == 1:
            found.append(CountryMention(codes[0], m.surface, Span(m.start, m.end)))
    found += _nationalities_of_officers(text, matches)
    return sorted(found, key=lambda c: c.span)


def _nationalities_of_officers(text: str, matches: list[Match]) -> list[CountryMention]:
    """'Polish, Spanish and Italian law enforcement authorities': each nationality took part."""
    words = agency_words()
    heads = "|".join(re.escape(w) for w in sorted(words["generic"] | words["generic-people"]))
    head_after = re.compile(rf"^\s+(?:[a-z-]+\s+){{0,3}}?(?:{heads})\b")
    found, chain = [], []
    for m in matches:
        if not any(e.label == "demonym" for e in m.entries):
            chain = []
            continue
        if chain and not NATIONALITY_GAP.match(text[chain[-1].end:m.start]):
            chain = []
        chain.append(m)
        if head_after.match(text[m.end:m.end + 60]):
            for c in chain:
                codes = sorted({e.id for e in c.entries})
                if len(codes) == 1:
                    found.append(CountryMention(codes[0], c.surface, Span(c.start, c.end)))
            chain = []
    return found
