"""Agencies: the authorities a release names, curated or recognized by the shape of their name.

Why: analysts count and join agencies, so each mention must become the right
body. Three kinds of evidence, strongest first:
1. a name, native name or abbreviation from the curated list (a nationality or
   country just before it picks among bodies that share a name, and is kept in
   the mention: "Austrian Bundeskriminalamt");
2. a nationality or country followed by a capitalized name with an agency head
   noun ("Croatian National Police", "Police of the Czech Republic" reads the
   other way round), or a place followed by "Police" ("West Midlands Police");
3. a generic national reference ("Spanish police"), which resolve.py maps to the
   named national body when the release names one.
The lead role is read from the words around the mention ("led by", "-led").
"""
from __future__ import annotations

import re

from kg.extract.lists import agency_heads
from kg.records import AgencyMention, Span
from kg.reference import Reference
from kg.reference.gazetteer import Match, tokens

CONNECTORS = frozenset({"of", "for", "the", "de", "di", "del", "della", "delle", "des", "du", "do",
                        "la", "le", "van", "von", "der", "dos", "da", "in"})
COMPLEMENT_STARTS = CONNECTORS - {"the", "in"}
GENERIC_PLACE_WORDS = frozenset({"The", "A", "An", "National", "Federal", "Local", "State",
                                 "Military", "Border", "Judicial", "Criminal", "Municipal",
                                 "Regional", "Traffic", "Tourist", "Secret", "Financial",
                                 "Royal", "Police", "Civil", "City", "County", "Provincial",
                                 "Transport", "Economic", "Cyber", "Special", "International"})
LEAD_BEFORE = re.compile(
    r"\b(?:led|headed|spearheaded|initiated and led|coordinated and led|run)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE)
LEAD_AFTER = re.compile(
    r"^(?:\s*[-\u2010\u2011]\s*led\b|\s+(?:led|headed|spearheaded)\s+(?:the|an|this|a)\s+"
    r"(?:\w+\s+){0,3}(?:operation|investigation|action|case)|\s+took\s+(?:control|the\s+lead)\s+"
    r"of\s+the\s+(?:investigation|operation)|\s+(?:was|is|acted\s+as)\s+(?:the\s+)?lead\s+agency)",
    re.IGNORECASE)


def is_capitalized(word: str) -> bool:
    """A word that starts with an upper-case letter ('Police', 'ÖSTERREICH')."""
    return word[:1].isupper()


def find_agencies(text: str, ref: Reference) -> list[AgencyMention]:
    """Every agency mention in `text`, in order of appearance, without overlaps."""
    countries = list(ref.country_names.find(text))
    country_before = {m.end: m for m in countries}
    mentions: list[AgencyMention] = []
    for m in ref.agency_names.find(text):
        known = _known(text, m, ref, country_before)
        if known is not None:
            mentions.append(known)
    taken = [mention.span for mention in mentions]
    for mention in _by_shape(text, countries, ref, taken):
        mentions.append(mention)
        taken.append(mention.span)
    mentions.sort(key=lambda a: a.span)
    return [_with_role(text, m) for m in mentions]


def _preceding_country(text: str, start: int, country_before: dict[int, Match]) -> Match | None:
    """The country name or nationality written just before `start` ('US ICE', 'Canada's ...')."""
    for gap in (" ", "'s ", "\u2019s ", " "):
        m = country_before.get(start - len(gap))
        if m is not None and text[m.end:start] == gap:
            return m
    return None


def _known(text: str, m: Match, ref: Reference, country_before: dict[int, Match]) -> AgencyMention | None:
    """The curated body a name match stands for; None where a nationality written before it
    says it is another country's body ("Croatian National Police" is not Spain's)."""
    ids = sorted({e.id for e in m.entries})
    prefix = _preceding_country(text, m.start, country_before)
    prefix_codes = {e.id for e in prefix.entries} if prefix else set()
    fitting = [i for i in ids if ref.agencies[i].country in prefix_codes] if prefix else []
    if prefix and not fitting and all(ref.agencies[i].country for i in ids):
        return None
    chosen = fitting or ids
    start = prefix.start if fitting else m.start
    agency_id = chosen[0] if len(chosen) == 1 else _prefer(chosen, ref)
    row = ref.agencies[agency_id]
    return AgencyMention(text[start:m.end], Span(start, m.end), ref=row.id, country=row.country)


def _prefer(ids: list[str], ref: Reference) -> str:
    """Among bodies sharing a name and no nationality to tell them apart: the top-level one."""
    return min(ids, key=lambda i: (ref.agencies[i].parent is not None, i))


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span.start < t.end and t.start < span.end for t in taken)


def _by_shape(text: str, countries: list[Match], ref: Reference, taken: list[Span]):
    heads = agency_heads()
    toks = tokens(text)
    index_of = {start: i for i, (_, start, _) in enumerate(toks)}
    for c in countries:
        i = index_of.get(c.end + 1) if c.end + 1 <= len(text) else None
        if i is None or text[c.end:c.end + 1] != " ":
            continue
        code = sorted({e.id for e in c.entries})[0]
        end = _name_end(text, toks, i, heads)
        if end is not None:
            span = Span(c.start, toks[end][2])
            if not _overlaps(span, taken):
                yield AgencyMention(text[span.start:span.end], span, country=code)
        elif heads.get(toks[i][0]) == "generic" and any(e.label == "demonym" for e in c.entries):
            span = Span(c.start, toks[i][2])
            if not _overlaps(span, taken):
                yield AgencyMention(text[span.start:span.end], span, country=code, generic=True)
    for i, (word, start, end) in enumerate(toks):
        if word == "Police":
            span = _place_police(text, toks, i)
            if span is not None and not _overlaps(span, taken):
                taken = [*taken, span]
                yield AgencyMention(text[span.start:span.end], span)


def _name_end(text: str, toks, i: int, heads: dict[str, str]) -> int | None:
    """Index of the last token of a capitalized agency name starting at token i, if it has a head noun."""
    j, head_at = i, None
    while j < len(toks) and j - i < 8:
        word = toks[j][0]
        if j > i and text[toks[j - 1][2]:toks[j][1]] != " ":
            break  # a name does not run across punctuation or a line break
        if is_capitalized(word) and word.isalpha():
            if heads.get(word) == "head":
                head_at = j
            j += 1
        elif word in CONNECTORS and j + 1 < len(toks) and is_capitalized(toks[j + 1][0]) and j > i:
            j += 1
        else:
            break
    if head_at is None:
        return None
    last = j - 1
    while last > head_at and not is_capitalized(toks[last][0]):
        last -= 1
    # After the head noun, only an "of ..." complement belongs to the name.
    if last > head_at and toks[head_at + 1][0] not in COMPLEMENT_STARTS and heads.get(toks[last][0]) != "head":
        last = head_at
    return last


def _place_police(text: str, toks, i: int) -> Span | None:
    """'West Midlands Police', 'Toronto Police Service': a place name then 'Police'."""
    j = i
    while j > 0 and i - j < 3 and is_capitalized(toks[j - 1][0]) and toks[j - 1][0].isalpha() \
            and text[toks[j - 1][2]:toks[j][1]] == " ":
        j -= 1
    words = [t[0] for t in toks[j:i]]
    if not words or all(w in GENERIC_PLACE_WORDS for w in words):
        return None
    while words and words[0] in GENERIC_PLACE_WORDS and words[0] in {"The", "A", "An"}:
        j += 1
        words = words[1:]
    end = i
    if end + 1 < len(toks) and toks[end + 1][0] in {"Service", "Department", "Force"}:
        end += 1
    return Span(toks[j][1], toks[end][2])


def _with_role(text: str, mention: AgencyMention) -> AgencyMention:
    before = text[max(0, mention.span.start - 40):mention.span.start]
    after = text[mention.span.end:mention.span.end + 80]
    if LEAD_BEFORE.search(before) or LEAD_AFTER.match(after):
        return AgencyMention(mention.surface, mention.span, mention.ref, mention.country,
                             lead=True, generic=mention.generic)
    return mention
