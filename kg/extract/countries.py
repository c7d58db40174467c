"""Countries: where an operation acted and whose authorities took part.

Why: "arrests per country" is the first question analysts ask. A country comes
from its name in the text, from a region of it whose name holds another
country's name ("New South Wales" is in Australia, not Wales; "New Mexico" in the
United States), or from the country of a participating agency (resolve.py adds
those). Names that only locate the publisher are not evidence: a dateline ("LYON, France -"),
a seat ("headquartered in The Hague"), a negation ("not from Spain"), background ("cocaine
shipped from Colombia"), and so are the names listed after such a name ("from source countries
such as Brazil, Colombia, and Peru") and a currency ("US$18");
the patterns are in data/country_context.tsv. Nationalities count where they name a country's
officers ("Polish, Spanish and Italian law enforcement authorities"), not
where they describe a suspect ("a Spanish man"). Each mention records the rule
that found it (`how`: 'name', 'region' or 'nationality').
"""
from __future__ import annotations

import re

from kg.extract.lists import agency_words, not_evidence, per_language
from kg.extract.text import by_span, datelines
from kg.records import CountryMention, Span
from kg.reference import Reference
from kg.reference.gazetteer import Match

# what stands between two names of one list, or a name and its abbreviation ('United States (US)')
LIST_GAP = re.compile(r"(?:(?:\s*,\s*|\s+)(?:(?:and|or|y|e|et|en|und|i|oraz|ou|o|of|oder)\s+)?(?:the\s+)?|\s*\(\s*)\Z")
NATIONALITY_GAP = re.compile(r"^(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)$")


def find_countries(text: str, ref: Reference) -> list[CountryMention]:
    """Country names in the text that are evidence of where the operation acted."""
    skip = datelines(text)
    context = not_evidence()
    matches = list(ref.country_names.find(text))
    found = []
    set_aside_end = -1  # where the last name read as no evidence ends
    for m in matches:
        if any(s.start <= m.start < s.end for s in skip):
            continue
        if text[m.end:m.end + 1] == "$":
            continue  # a currency: 'US$18', 'NZ$ 2 million'
        if context.search(text[max(0, m.start - 60):m.start]) or (
                set_aside_end >= 0 and LIST_GAP.match(text, set_aside_end, m.start)):
            set_aside_end = m.end  # a list goes on: 'source countries such as Brazil, Colombia, and Peru'
            continue
        codes = sorted({e.id for e in m.entries if e.label == "country"})
        regions = sorted({e.id for e in m.entries if e.label == "region"})
        if len(codes) == 1:
            found.append(CountryMention(codes[0], m.surface, Span(m.start, m.end), how="name"))
        elif not codes and len(regions) == 1:
            found.append(CountryMention(regions[0], m.surface, Span(m.start, m.end), how="region"))
    found += _nationalities_of_officers(text, matches)
    return sorted(found, key=by_span)


def _nationalities_of_officers(text: str, matches: list[Match]) -> list[CountryMention]:
    """'Polish, Spanish and Italian law enforcement authorities': each nationality took part."""
    head_after = _officers_after()
    found: list[CountryMention] = []
    chain: list[Match] = []
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
                    found.append(CountryMention(codes[0], c.surface, Span(c.start, c.end), how="nationality"))
            chain = []
    return found


@per_language
def _officers_after() -> re.Pattern[str]:
    """A word for officers or authorities after a nationality, within three words: built once per
    language, not sorted, escaped and joined again for every release."""
    words = agency_words()
    heads = "|".join(re.escape(w) for w in sorted(words["generic"] | words["generic-people"]))
    return re.compile(rf"^\s+(?:[a-z-]+\s+){{0,3}}?(?:{heads})\b")
