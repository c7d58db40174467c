"""Agencies: the authorities a release names, curated or recognized by the shape of their name.

Why: analysts count and join agencies, so each mention must become the right
body. The evidence, strongest first:
1. a name, native name or abbreviation from the curated list. Where bodies of
   several countries share a name ("Bundeskriminalamt", "National Police"),
   the country written around it decides: a nationality just before it
   ("Austrian Bundeskriminalamt", kept in the mention), a country after it
   ("Toronto Police Service/Canada"), a country the parentheses belong to
   ("Spain (Civil Guard and National Police)"), a line "Country: ..." of a
   participating-authority list, else the countries and bodies the release names;
2. a nationality or country followed by a capitalized name with an agency head
   noun ("Croatian National Police", "Hungarian National Bureau of
   Investigation"); a capitalized name with a head noun standing in a list next
   to another agency ("the FBI, the Drug Enforcement Authority"); a place then
   "Police" ("Winnipeg Police Service", in Canada by GeoNames' cities);
3. a generic national reference ("Spanish police"), which resolve.py maps to
   the named police body of that country when the release names one; a country
   said to lead ("led by Romania") stands for that country's authorities.
A news agency in a dateline ("PARIS (AFP) -") is not the Australian Federal
Police. An agency leads only where the text says so: a lead phrase (data/lead_phrases.tsv)
just before or after its name, or before or after a list it stands in
("La Policía Nacional, la Guardia Civil y los Mossos d'Esquadra han liderado"), or
before a unit no agency is read in, where the agency leads that its phrase names next
("liderada por agentes de la División ... de los Mossos").
Each mention records the rule that found it (`how`: 'curated', 'city-office',
'nationality-name', 'generic', 'listed', 'place-police', 'local', 'country-leads', or
'qualified' where a name found by its shape was matched to a curated body
afterwards), whether it stands in a list of agencies or on a participating-authority
line (`listed`), and whether its lead phrase is next to it, to its list or to its unit (`lead_how`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import cache
from itertools import compress, count
from operator import and_, itemgetter

from kg.extract.lists import agency_words, lead_openers, lead_phrases, per_language, rows, titles
from kg.extract.local_agencies import find_local_agencies
from kg.extract.text import by_span, datelines
from kg.records import AgencyMention, Span
from kg.reference import Reference
from kg.reference.gazetteer import Match, token_columns
from kg.reference.places import city_country

# What stands between two names of one list (', ', ' and ', ' / ', '; the '), matched from the end
# of one to the start of the other (pos and endpos, no copy). Blanks are taken whole: a long run
# of them fails at once, not once per way of splitting it between two patterns.
LIST_GAP = re.compile(
    r"(?:\s++(?:and|y|e|et|und|&)\s|\s*+(?:,\s*+(?:and\s++|y\s++|et\s++|und\s++|e\s++)?|[-\u2013/]\s*+|;\s*+))"
    r"(?:(?:the|la|el|los|las|le|les|die|der|das)\s++|l['\u2019])?$", re.IGNORECASE)
ADJACENT_PREFIX = (" ", "'s ", "\u2019s ", "-", " - ")
HEADING = re.compile(r"[ \t]*+(?:[-\u2022*][ \t]*+)?([^:\n]{2,40}):[ \t]*+(?:[^:\n]*[,;][ \t]*+)?$")
AFTER_NAME = re.compile(r"^\s*(?:/|\(|,\s*)\s*")  # 'X/Canada', 'X (Canada)', 'X, Canada'
SLASH_AFTER = re.compile(r"^\s*/\s*")
CITY_AFTER = re.compile(r"[ \t]([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)\b")
NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
DATELINE_PLACE = re.compile(r"[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?")  # 'CANBERRA', 'NEW DELHI'
LINE_WINDOW = 300  # how far back a list line's heading is looked for


def is_capitalized(word: str) -> bool:
    """A word that starts with an upper-case letter ('Police', 'ÖSTERREICH')."""
    return word[:1].isupper()


class _Countries:
    """The country names of a text, indexed by where they start and end (lookups in O(1))."""

    def __init__(self, matches: list[Match]) -> None:
        self.matches = matches
        self.by_start = {m.start: m for m in matches}
        self.by_end = {m.end: m for m in matches}

    def __iter__(self):
        return iter(self.matches)


class _Taken:
    """Non-overlapping spans in text order, for overlap checks in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        i = bisect_left(self.starts, span.start)
        return (i > 0 and self.ends[i - 1] > span.start) or (i < len(self.starts) and self.starts[i] < span.end)

    def add(self, span: Span) -> None:
        i = bisect_left(self.starts, span.start)
        self.starts.insert(i, span.start)
        self.ends.insert(i, span.end)


def _line_start(text: str, offset: int) -> int | None:
    """Where the line holding `offset` starts, if within LINE_WINDOW characters before it."""
    newline = text.rfind("\n", max(0, offset - LINE_WINDOW), offset)
    if newline != -1:
        return newline + 1
    return 0 if offset <= LINE_WINDOW else None


def find_agencies(text: str, ref: Reference) -> list[AgencyMention]:
    """Every agency mention in `text`, in order of appearance, without overlaps."""
    countries = _Countries(list(ref.country_names.find(text)))
    bylines = datelines(text)
    known = [k for k in ref.agency_names.find(text)
             if not any(b.start <= k.start < b.end for b in bylines)]
    known = _not_wire_credits(text, known, countries, bylines, ref)
    context = _context(known, countries.matches, ref)
    mentions = [m for m in (_known(text, k, ref, countries, context) for k in known) if m]
    mentions = _add(mentions, _by_nationality(text, countries))
    mentions = _add(mentions, _in_lists(text, mentions, countries))
    mentions = _add(mentions, _place_police(text))
    mentions = _add(mentions, find_local_agencies(text))
    mentions = [_qualified(_with_local_country(text, m, countries), ref) for m in mentions]
    mentions = _one_body_in_parentheses(text, mentions)
    mentions = _add(mentions, _countries_that_lead(text, countries, ref))
    return _with_roles(text, mentions, countries)


@per_language
def news_agency_forms() -> frozenset[str]:
    """Names of news agencies that are also a curated body's abbreviation (data/news_agencies.tsv)."""
    return frozenset(r["form"] for r in rows("news_agencies.tsv"))


def _not_wire_credits(text: str, known: list[Match], countries: _Countries, bylines: list[Span],
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


def _add(mentions: list[AgencyMention], more) -> list[AgencyMention]:
    """`mentions` plus those of `more` that overlap none of them, in text order."""
    taken = _Taken()
    for m in mentions:
        taken.add(m.span)
    out = list(mentions)
    for mention in more:
        if not taken.overlaps(mention.span):
            taken.add(mention.span)
            out.append(mention)
    return sorted(out, key=by_span)


def _context(known: list[Match], countries: list[Match], ref: Reference) -> set[str]:
    """The bodies and countries a release names unambiguously: what shared names are read against."""
    context = {e.id for c in countries for e in c.entries}
    for m in known:
        ids = {e.id for e in m.entries}
        if len(ids) == 1:
            row = ref.agencies[next(iter(ids))]
            context |= {row.id, row.country or "", row.parent or ""}
    context.discard("")
    return context


def _adjacent_country(text: str, start: int, countries: _Countries) -> Match | None:
    """The country name or nationality written just before `start` ('US ICE', "Canada's ...")."""
    for gap in ADJACENT_PREFIX:
        c = countries.by_end.get(start - len(gap))
        if c is not None and text[c.end:start] == gap:
            return c
    return None


def _local_country(text: str, span: Span, countries: _Countries) -> str | None:
    """A country the words around a name assign it to, in a list or a parenthesis."""
    after = AFTER_NAME.match(text[span.end:span.end + 4])
    if after:
        c = countries.by_start.get(span.end + after.end())
        if c is not None and _single(c):
            return _single(c)
    line_start = _line_start(text, span.start)
    window = line_start if line_start is not None else span.start - LINE_WINDOW
    before = text[window:span.start]
    opened = before.rfind("(")
    if opened != -1 and ")" not in before[opened:]:
        c = countries.by_end.get(window + len(before[:opened].rstrip()))
        if c is not None and c.start >= window:
            return _single(c)
    heading = _heading_country(text, span.start, countries)
    return _single(heading) if heading else None


def _heading_country(text: str, start: int, countries: _Countries) -> Match | None:
    """The country of a list line 'Belgium: X, Y' that a name at `start` stands in."""
    line_start = _line_start(text, start)
    if line_start is None:
        return None
    heading = HEADING.match(text, line_start, start)
    if heading is None:
        return None
    c = countries.by_start.get(heading.start(1))
    return c if c is not None and c.end == heading.end(1) else None


def _single(country: Match) -> str | None:
    codes = {e.id for e in country.entries if e.label == "country"} or {e.id for e in country.entries}
    return next(iter(codes)) if len(codes) == 1 else None


def _known(text: str, m: Match, ref: Reference, countries: _Countries,
           context: set[str]) -> AgencyMention | None:
    """The curated body a name match stands for, or None where the words around it say it is
    another country's body ("Croatian National Police" is not Spain's) or nothing decides
    between bodies sharing the name."""
    ids = sorted({e.id for e in m.entries})
    prefix = _adjacent_country(text, m.start, countries)
    start = m.start
    if prefix is not None:
        codes = {e.id for e in prefix.entries}
        fitting = [i for i in ids if ref.agencies[i].country in codes]
        if fitting:
            ids, start = fitting, prefix.start
        elif all(ref.agencies[i].country for i in ids):
            return None
    if len(ids) > 1:
        local = _local_country(text, Span(m.start, m.end), countries)
        ids = ([i for i in ids if ref.agencies[i].country == local] if local else []) \
            or [i for i in ids if {ref.agencies[i].country, ref.agencies[i].parent} & context]
    if not ids:
        return None
    row = ref.agencies[min(ids, key=lambda i: (ref.agencies[i].parent is not None, i))]
    office = _city_office(text, m.end) if row.kind == "unit" else None
    if office is not None:
        end, code = office
        return AgencyMention(text[start:end], Span(start, end), country=code, how="city-office")
    return AgencyMention(text[start:m.end], Span(start, m.end), ref=row.id, country=row.country, how="curated")


def _city_office(text: str, end: int) -> tuple[int, str] | None:
    """A unit named with its city is that city's office ('NCB Seoul' is INTERPOL's bureau in
    Korea, a body of its own): where the city ends and its country."""
    m = CITY_AFTER.match(text, end)
    code = city_country(m.group(1)) if m else None
    return (m.end(1), code) if m and code else None


def _name_end(text: str, toks, texts: tuple[str, ...], i: int) -> int | None:
    """Index of the last token of a capitalized agency name starting at token i, if it has a head
    noun (`texts`: the words of `toks`, to see at once that none of the next eight is one)."""
    words = agency_words()
    heads, connectors = words["head"], words["connector"]
    if heads.isdisjoint(texts[i:i + 8]):
        return None  # the name is read over eight tokens at most, and it needs a head noun
    j, head_at = i, None
    while j < len(toks) and j - i < 8:
        word = toks[j][0]
        gap = text[toks[j - 1][2]:toks[j][1]] if j > i else " "
        if gap != " " and not (gap == "" and (word in {"'", "\u2019", "s"})):
            break  # a name does not run across punctuation or a line break
        if is_capitalized(word) and word.isalpha():
            if word in heads:
                head_at = j
            j += 1
        elif word in {"'", "\u2019"} and j > i and j + 2 < len(toks) and toks[j + 1][0] == "s" \
                and is_capitalized(toks[j + 2][0]):
            j += 2  # a possessive inside a name: "Federal Prosecutor's Office"
        elif word in connectors and j > i and j + 1 < len(toks) and is_capitalized(toks[j + 1][0]):
            j += 1
        else:
            break
    if head_at is None:
        return None
    last = j - 1
    while last > head_at and not is_capitalized(toks[last][0]):
        last -= 1
    # After the head noun, only a complement ("of Investigation", "di Stato") belongs to the name.
    if last > head_at and toks[head_at + 1][0] not in connectors - {"the", "in"} \
            and toks[last][0] not in heads:
        last = head_at
    return last


def _by_nationality(text: str, countries: _Countries):
    """'Croatian National Police' (a name) and 'Spanish police' (a generic reference)."""
    toks, texts, starts = token_columns(text)
    generic = agency_words()["generic"]
    for c in countries:
        i = _token_at(toks, starts, c.end + 1)
        code = _single(c)
        if i is None or text[c.end:c.end + 1] != " " or code is None:
            continue
        end = _name_end(text, toks, texts, i)
        if end is not None:
            yield AgencyMention(text[c.start:toks[end][2]], Span(c.start, toks[end][2]), country=code,
                                how="nationality-name")
        elif toks[i][0] in generic and any(e.label == "demonym" for e in c.entries):
            yield AgencyMention(text[c.start:toks[i][2]], Span(c.start, toks[i][2]), country=code,
                                generic=True, how="generic")


def _token_at(toks: tuple[tuple[str, int, int], ...], starts: tuple[int, ...], offset: int) -> int | None:
    """The index of the token that starts at `offset`, if one does (`starts`: where each token starts)."""
    i = bisect_left(starts, offset)
    return i if i < len(toks) and toks[i][1] == offset else None


def _in_lists(text: str, found: list[AgencyMention], countries: _Countries):
    """Capitalized names with a head noun that stand in a list with other agencies, or on a
    participating-authority line ('Belgium: X, Y', 'X/Canada')."""
    toks, texts, _ = token_columns(text)
    capitalized = list(map(str.isupper, map(itemgetter(0), texts)))  # `is_capitalized` of each, in C
    candidates = []
    for i in compress(count(), map(and_, capitalized, _near_heads(texts))):  # the few that may start a name
        word, start, _ = toks[i]
        if word == "The":
            continue
        if i > 0 and capitalized[i - 1] and text[toks[i - 1][2]:start] == " ":
            continue  # not the first word of a run
        end = _name_end(text, toks, texts, i)
        if end is not None:
            candidates.append(Span(start, toks[end][2]))
    accepted: dict[Span, AgencyMention] = {}
    under: dict[Span, str | None] = {}  # each candidate's list-line country, read once for both passes
    taken = _Taken()
    for m in found:
        taken.add(m.span)
    # A list grows from a known member both ways: one pass rightwards, one leftwards.
    for ordered in (candidates, candidates[::-1]):
        anchors = sorted([*found, *accepted.values()], key=by_span)
        starts = [a.span.start for a in anchors]
        for span in ordered:
            if taken.overlaps(span):
                continue
            i = bisect_left(starts, span.start)
            near = [anchors[k] for k in (i - 1, i) if 0 <= k < len(anchors)]
            neighbour = next((a for a in near if _listed_together(text, a.span, span)), None)
            if span not in under:
                under[span] = _listed_under_country(text, span, countries)
            listed = under[span]
            if neighbour is None and not listed:
                continue
            country = listed or (neighbour.country if neighbour else None)
            mention = AgencyMention(text[span.start:span.end], span, country=country, how="listed")
            accepted[span] = mention
            taken.add(span)
            anchors.insert(i, mention)
            starts.insert(i, span.start)
    return sorted(accepted.values(), key=by_span)


def _near_heads(words: tuple[str, ...]) -> list[bool]:
    """Whether a head noun is among the eight words from each on (`_name_end` reads no further)."""
    near = [False] * len(words)
    for h in compress(count(), map(agency_words()["head"].__contains__, words)):
        near[max(0, h - 7):h + 1] = [True] * (h + 1 - max(0, h - 7))
    return near


def _listed_under_country(text: str, span: Span, countries: _Countries) -> str | None:
    """The country of a participating-authority list line ('Belgium: X, Y') or entry ('X/Canada')."""
    c = _country_line(text, span, countries)
    return _single(c) if c is not None else None


def _country_line(text: str, span: Span, countries: _Countries) -> Match | None:
    """The country name a participating-authority list puts a name under: the heading of its
    line ('Belgium: X, Y') or the country after a slash ('X/Canada')."""
    heading = _heading_country(text, span.start, countries)
    if heading is not None:
        return heading
    suffix = SLASH_AFTER.match(text[span.end:span.end + 3])
    return countries.by_start.get(span.end + suffix.end()) if suffix else None


def _listed_together(text: str, a: Span, b: Span) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    return first.end <= second.start and bool(LIST_GAP.match(text, first.end, second.start))


# the nouns that may close a place's police body: 'Toronto Police Service', 'Chungnam Provincial Police Agency'
POLICE_BODY_NOUNS = frozenset({"Service", "Department", "Force", "Division", "Agency", "Office", "Bureau",
                               "Headquarters", "Command"})


def _place_police(text: str):
    """'West Midlands Police', 'Toronto Police Service': a place name then 'Police'."""
    if "Police" not in text:
        return
    toks, words, _ = token_columns(text)
    not_place = agency_words()["not-place"]
    for i in compress(count(), map("Police".__eq__, words)):
        j = i
        while j > 0 and i - j < 3 and is_capitalized(toks[j - 1][0]) and toks[j - 1][0].isalpha() \
                and text[toks[j - 1][2]:toks[j][1]] == " ":
            j -= 1
        while j < i and toks[j][0] in {"The", "A", "An"}:
            j += 1
        if j == i or all(w in not_place for w, _, _ in toks[j:i]):
            continue
        end = i + 1 if i + 1 < len(toks) and toks[i + 1][0] in POLICE_BODY_NOUNS else i
        place = " ".join(w for w, _, _ in toks[j:i])
        yield AgencyMention(text[toks[j][1]:toks[end][2]], Span(toks[j][1], toks[end][2]),
                            country=city_country(place), how="place-police")


def _with_local_country(text: str, mention: AgencyMention, countries: _Countries) -> AgencyMention:
    if mention.country or mention.ref:
        return mention
    local = _local_country(text, mention.span, countries)
    return replace(mention, country=local) if local else mention


def _qualified(mention: AgencyMention, ref: Reference) -> AgencyMention:
    """A name not in the list, read with its country: 'National Police' listed under
    'Netherlands:' is the Dutch National Police, 'Federal Prosecutor's Office' under
    'Belgium:' the Belgian Federal Prosecutor's Office."""
    if mention.ref or mention.generic or not mention.country:
        return mention
    row = ref.countries[mention.country]
    forms = [f"{d} {mention.surface}" for d in row.demonyms]
    forms += [f"{mention.surface} of {n}" for n in (*row.names, *(f"the {n}" for n in row.names))]
    for form in forms:
        hits = [m for m in ref.agency_names.find(form) if m.start == 0 and m.end == len(form)]
        ids = sorted({e.id for m in hits for e in m.entries
                      if ref.agencies[e.id].country == mention.country})
        if len(ids) == 1:
            return replace(mention, ref=ids[0], how="qualified")
    return mention


def _one_body_in_parentheses(text: str, mentions: list[AgencyMention]) -> list[AgencyMention]:
    """'National Police (Politie)': a name and its native name (or abbreviation) in
    parentheses are one body; the curated one of the two decides which (the other is then
    'qualified': its curated body was read from its partner, not from its own words)."""
    out = list(mentions)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if text[a.span.end:b.span.start] != " (" or text[b.span.end:b.span.end + 1] != ")":
            continue
        if a.ref and not b.ref:
            out[k + 1] = replace(b, ref=a.ref, country=a.country, generic=False, how="qualified")
        elif b.ref and not a.ref:
            out[k] = replace(a, ref=b.ref, country=b.country, generic=False, how="qualified")
    return out


def _countries_that_lead(text: str, countries: _Countries, ref: Reference):
    """'led by Romania', 'Led by Cyprus and Spain': the country's authorities led."""
    before, _ = lead_phrases()
    chain: list[Match] = []
    for c in countries:
        code = _single(c)
        if code is None or not any(e.label == "country" for e in c.entries):
            chain = []
            continue
        led = before.search(text[max(0, c.start - 60):c.start])
        follows = chain and LIST_GAP.match(text, chain[-1].end, c.start)
        if led or follows:
            chain.append(c)
            yield AgencyMention(c.surface, Span(c.start, c.end), country=code, lead=True, generic=True,
                                how="country-leads", lead_how="phrase")
        else:
            chain = []


UNIT_REACH = 160  # characters between a lead phrase and the first agency its object names
UNIT_WORDS = 16
# where a phrase ends: a comma (unless a connector goes on: "del Área Central, de la División"),
# semicolon or colon, or a full stop that no short abbreviation makes ('ds.')
PHRASE_END = re.compile(r"[;:!?]|,\s(?!(?:de|del|of|der|des|du|di|van|von)\s)"
                        r"|(?<!\s[^\W\dA-Z]{2})(?<!\s[^\W\dA-Z]{3})\.(?=\s)|\n")


def _led_through_unit(text: str, previous_end: int, start: int) -> bool:
    """A lead phrase whose object is a unit no agency was read in ('liderada por agentes de la
    División de Investigación Criminal de los Mossos', 'pod nadzorem Pomorskiego Wydziału
    Zamiejscowego Prokuratury Krajowej'): the first agency its phrase names leads, as the
    guideline has a unit said to lead make its parent a lead."""
    lo = max(previous_end, start - UNIT_REACH)
    openers = list(lead_openers().finditer(text, lo, start))
    if not openers:
        return False
    gap = text[openers[-1].end():start]
    return bool(gap.strip()) and len(gap.split()) <= UNIT_WORDS and not PHRASE_END.search(gap)


def _with_roles(text: str, mentions: list[AgencyMention], countries: _Countries) -> list[AgencyMention]:
    """Mark the agencies a lead phrase names, singly ('phrase') or as a list ('list'), and
    those that stand in a list of agencies or on a participating-authority line (`listed`)."""
    before, after = lead_phrases()
    groups: list[list[int]] = []
    for k, m in enumerate(mentions):
        if groups and _listed_together(text, mentions[groups[-1][-1]].span, m.span):
            groups[-1].append(k)
        else:
            groups.append([k])

    @cache
    def lead_phrase_around(start: int, end: int) -> bool:
        """A lead phrase ends at `start` or begins at `end` (asked once for a name standing
        alone, which is its own list)."""
        return bool(before.search(text[max(0, start - 80):start]) or after.match(text[end:end + 160]))

    lead_how: dict[int, str] = {}
    listed: set[int] = set()
    previous_end = 0
    for group in groups:
        if len(group) > 1:
            listed.update(group)
        first, last = mentions[group[0]], mentions[group[-1]]
        if lead_phrase_around(first.span.start, last.span.end):
            lead_how.update((k, "list") for k in group)
        elif _led_through_unit(text, previous_end, first.span.start):
            lead_how[group[0]] = "unit"
        previous_end = last.span.end
        for k in group:
            m = mentions[k]
            if lead_phrase_around(m.span.start, m.span.end):
                lead_how[k] = "phrase"
    out = []
    for k, m in enumerate(mentions):
        if k in lead_how:
            # a country said to lead was read by its own phrase, even where it is also in a led list
            m = replace(m, lead=True, lead_how=m.lead_how or lead_how[k])
        if k in listed or _country_line(text, m.span, countries) is not None:
            m = replace(m, listed=True)
        out.append(m)
    return out
