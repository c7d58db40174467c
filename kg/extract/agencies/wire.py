"""News agencies credited in a release: "AFP" is Agence France-Presse as often as the
Australian Federal Police.

Why: a wire credit ("| AFP |", "a déclaré à l'AFP") read as a police body puts an agency
into an operation it never took part in; but the same letters can be the body, so a credited
name is dropped only where nothing else in the text points to it. (A name in a dateline,
"PARIS (AFP) -", is not read at all.)
"""
from __future__ import annotations

import re

from kg.extract.agencies.countries import Countries
from kg.extract.lists import per_language, rows, titles
from kg.records import Span
from kg.reference import Reference
from kg.reference.gazetteer import Match
from kg.reference.places import city_country

NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
DATELINE_PLACE = re.compile(r"[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?")  # 'CANBERRA', 'NEW DELHI'


@per_language
def news_agency_forms() -> frozenset[str]:
    """Names of news agencies that are also a curated body's abbreviation (data/news_agencies.tsv)."""
    return frozenset(r["form"] for r in rows("news_agencies.tsv"))


def not_wire_credits(text: str, known: list[Match], countries: Countries, bylines: list[Span],
                     ref: Reference) -> list[Match]:
    """The matches less those of a news agency's name ("AFP" is Agence France-Presse as often
    as the Australian Federal Police) where the text credits it as one somewhere ("| AFP |",
    "a déclaré à l'AFP") and nothing else in it points to the body: neither its country
    (named, or a dateline's city), nor its name written out, nor a lead or a title after it
    (a news agency leads no operation)."""
    named = {e.id for c in countries.matches for e in c.entries}
    named |= {code for b in bylines if (m := DATELINE_PLACE.match(text, b.start, b.end))
              and (code := city_country(m.group(0).title()))}
    forms = news_agency_forms()
    spelled = {e.id for k in known if k.surface not in forms for e in k.entries}
    spelled |= {p for i in spelled if (p := ref.agencies[i].parent)}  # "AFP Northern Command"
    credited = {k.surface for k in known if k.surface in forms and _credit(text, k)}
    kept = []
    for k in known:
        if k.surface in credited and not _acts_as_body(text, k.end):
            bodies = {e.id for e in k.entries}
            if not any(ref.agencies[b].country in named or b in spelled for b in bodies):
                continue
        kept.append(k)
    return kept


@per_language
def _credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What stands before and after a news agency's name where it is credited (data/wire_credits.tsv)."""
    found: dict[str, list[str]] = {"before": [], "after": []}
    for r in rows("wire_credits.tsv"):
        found[r["position"]].append(f"(?:{r['pattern']})")
    return re.compile("|".join(found["before"]), re.IGNORECASE), re.compile("|".join(found["after"]), re.IGNORECASE)


def _credit(text: str, match: Match) -> bool:
    """Whether a news agency's name is written as a credit or a source ("told AFP", "(AFP)")."""
    before, after = _credit_patterns()
    return bool(before.search(text[max(0, match.start - 24):match.start])
                or after.match(text, match.end, match.end + 16))


def _acts_as_body(text: str, end: int) -> bool:
    """Whether the words right after a name make it an authority, not a news agency: it led
    ("AFP-led") or has officers with titles ("AFP Commander", "AFP Detective Superintendent")."""
    if text.startswith("-led", end):
        return True
    after = NEXT_WORD.match(text, end)
    return after is not None and after.group(1) in titles()
