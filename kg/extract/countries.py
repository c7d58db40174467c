"""Countries: where an operation acted and whose authorities took part.

Why: "arrests per country" is the first question analysts ask. A country comes
from its name in the text or from the country of a participating agency
(resolve.py adds those). Names that only locate the publisher are not
evidence: a dateline ("LYON, France -") or a seat ("headquartered in The Hague").
"""
from __future__ import annotations

import re

from kg.records import CountryMention, Span
from kg.reference import Reference

DATELINE = re.compile(r"^\s*(?:[A-Z][A-Za-z.'\u2019-]*\s?){1,3},\s+[^,\n]{2,40}?\s*(?:\([^)]*\)\s*)?[-\u2013\u2014]")
SEAT_BEFORE = re.compile(r"\b(?:based|headquartered|headquarters|seated|located)\s+(?:in|at)\s+(?:the\s+)?$",
                         re.IGNORECASE)


def find_countries(text: str, ref: Reference) -> list[CountryMention]:
    """Country names in the text that are evidence of where the operation acted."""
    dateline = DATELINE.match(text)
    skip_until = dateline.end() if dateline else 0
    found = []
    for m in ref.country_names.find(text):
        if m.start < skip_until:
            continue
        if SEAT_BEFORE.search(text[max(0, m.start - 40):m.start]):
            continue
        codes = sorted({e.id for e in m.entries if e.label == "country"})
        if len(codes) == 1:
            found.append(CountryMention(codes[0], m.surface, Span(m.start, m.end)))
    return found
