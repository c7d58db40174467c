"""Locations: the towns, cities and regions where an operation acted ("raids in Rotterdam").

Why: analysts map operations, and the country is too coarse for that. A place counts
where the text puts an action there: a known place name (kg.extract.place_names) right
after a locative phrase of the text's language ("in", "at the port of", "nelle province
di", data/place_context.tsv), or further on in a list that began so ("in Berlin,
Castrop-Rauxel, Herne und Köln"). Not where the words only locate the publisher, a body or
a post: a dateline, a name inside an authority's name ("Procura di Milano"), after one or
after a title ("the Prosecutor's Office in Bratislava", "Legal Attaché in Canberra"), a seat
or a negation (data/country_context.tsv, as for countries), nor a country's own name.
A name several places share is read as the one in a country the release names, else as the
largest if it is a city of note; a small namesake abroad is no evidence.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate

from kg.extract.lists import any_of, country_context, per_language, rows, titles
from kg.extract.place_names import Place, fold, named
from kg.extract.text import datelines
from kg.records import AgencyMention, CountryMention, Mention, Span, Statement
from kg.reference import Reference

WORD = re.compile(r"[^\W\d_][\w'’-]*")
LIST_GAP = re.compile(r"(?:\s*\([^()]{1,30}\))?"  # a figure after an item ('Baden-Württemberg (5), Bayern')
                      r"(?:\s*,\s*[^\W\d_]+)?"  # an item written in lower case ('Perugia, cremona, Milano')
                      r"(?:\s*,\s*|\s+)(?:(?:and|or|as well as|y|e|et|en|und|sowie|i|oraz|ou|o|ed)\s+)?"
                      r"(?:(?:the|la|le|les|el|los|las|il|lo|de|het|der|die)\s+)?\Z", re.IGNORECASE)
CAPITALS = re.escape("".join(chr(c) for c in range(0x250) if chr(c).isupper()))  # Latin capitals
GAPS = " -\u2013"  # what stands between the words of one name
MAX_WORDS = 4  # 'Saguenay–Lac-Saint-Jean', 'Santiago de los Caballeros'
PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)\Z")
WINDOW = 80  # characters before a name that its locative phrase must end
NOTABLE = 100_000  # a city abroad this large may be meant without its country being named
TOWN_OVER_REGION = 50_000  # a town smaller than this is not what its region's name means


@per_language
def _cues() -> re.Pattern[str]:
    """The locative phrases of the reading language, ending right before a place's name."""
    return any_of(re.compile(r["pattern"], re.IGNORECASE) for r in rows("place_context.tsv") if r["kind"] == "at")


def _word_before(text: str, start: int) -> str:
    """The word that ends a space before `start`, in lower case ('' when none does)."""
    preceding = text[max(0, start - 24):start]
    if not preceding[-1:].isspace() or not preceding.strip():
        return ""
    return preceding.rsplit(None, 1)[-1].rstrip("'’").rsplit("-", 1)[-1].casefold()  # 'politie-eenheden'


def _cue_inside(run: str, cue_words: frozenset[str]) -> bool:
    """Whether a word of a run of several could end a locative phrase ('in den Kantonen Bern')."""
    return " " in run and any(w.casefold() in cue_words for w in run.split()[:-1])


@per_language
def _cue_words() -> frozenset[str]:
    """Every word the locative phrases of the reading language are written with (lower case)."""
    words: set[str] = set()
    for r in rows("place_context.tsv"):
        if r["kind"] == "at":
            words.update(w.casefold() for w in re.findall(r"[^\W\d_]+", re.sub(r"\\.", " ", r["pattern"])))
    return frozenset(words)


@per_language
def _not_here() -> re.Pattern[str]:
    """A seat or a negation before a name (data/country_context.tsv). Not its background
    patterns: they end in 'from', 'to', 'via', which no locative phrase does, and some read
    'suspects in' as a suspect's origin, where a place's name says where they were sought."""
    kinds = country_context()
    return any_of([*kinds.get("seat", ()), *kinds.get("negation", ())])


def find_locations(text: str, agencies: tuple[AgencyMention, ...], countries: tuple[CountryMention, ...],
                   ref: Reference) -> tuple[Mention, ...]:
    """The places of action the text names, each with the rule that found it."""
    named("")  # the table is read before the first release, so that worker processes share it
    skip = _inside([*datelines(text), *(a.span for a in agencies)])
    agency_ends = {a.span.end for a in agencies}
    candidates = list(_candidates(text, ref, skip, agency_ends))
    near = {c.code for c in countries} | {a.country for a in agencies if a.country}
    near |= {places[0].country for *_, places in candidates if places and _sure_of_country(places)}
    return tuple(Mention("location", place.key, Span(start, end), how, _about(place, text[start:end]))
                 for start, end, how, places in candidates
                 if places and (place := _meant(places, near)) is not None)


def _candidates(text: str, ref: Reference, skip: Callable[[int], bool], agency_ends: set[int]):
    """(start, end, how, places) of each run of capitalized words in the place of a place of
    action: right after a locative phrase ('preposition'), or further on in a list of names
    that began so ('list'); `places` is empty for a name no place has, which a list may hold."""
    listed_from = -1  # where the last name of a list of places ended: the list may go on
    cue_words = _cue_words()
    for run in _run_pattern().finditer(text):
        start, end = run.span()
        listed = listed_from >= 0 and LIST_GAP.match(text, listed_from, start) is not None
        if not listed and _word_before(text, start) not in cue_words and not _cue_inside(run.group(), cue_words):
            listed_from = -1  # the common case, told cheaply: no locative phrase can end here
            continue
        words = [(w.start(), w.end()) for w in WORD.finditer(text, start, end)]
        starts = [0] if listed else [k for k, (at, _) in enumerate(words) if _after_cue(text, at, agency_ends)]
        if not starts or skip(start):
            listed_from = -1
            continue
        hit = _longest_place(text, words, starts, ref)
        if hit is not None:
            start, end = words[hit[0]][0], words[hit[1]][1]
        yield start, end, "list" if listed else "preposition", hit[2] if hit else ()
        listed_from = end


@per_language
def _run_pattern() -> re.Pattern[str]:
    """A run of capitalized words, each one space or dash after the last or after a particle
    ('Rio de Janeiro'), at most MAX_WORDS."""
    word = rf"[{CAPITALS}][\w'’-]*"
    particles = "|".join(sorted(map(re.escape, _particles()), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w'’-]){word}(?:[{GAPS}](?:(?:{particles}) )?{word}){{0,{MAX_WORDS - 1}}}")


def _after_cue(text: str, start: int, agency_ends: set[int]) -> bool:
    """Whether a locative phrase ends right before `start`, and no seat or negation does, nor an
    authority's name or a title and a preposition ('Europol in Den Haag', 'Legal Attaché in
    Canberra': where a body or a post sits). The word before is tested first: only a word
    some locative phrase is written with can end one."""
    if _word_before(text, start) not in _cue_words():
        return False
    window = text[max(0, start - WINDOW):start]
    cue = _cues().search(window)
    if cue is None or _not_here().search(window):
        return False
    before = PARENTHESIS.sub("", window[:cue.start()].rstrip())  # 'the Office (EPPO) in'
    holder = before.rsplit(None, 1)[-1].strip(",;:") if before.strip() else ""
    return max(0, start - WINDOW) + len(before) not in agency_ends and holder not in titles() | _seat_words()


@per_language
def _seat_words() -> frozenset[str]:
    """Words that name where a body sits when 'in' and a place follow them ('the Public
    Prosecutor's Office in Bratislava', 'den Staatsanwaltschaften in Lübeck'), in their case:
    'an office in Bangkok' was raided, where 'the Office in Bratislava' is a body's seat."""
    return frozenset(r["pattern"] for r in rows("place_context.tsv") if r["kind"] == "seat")


def _inside(spans: list[Span]) -> Callable[[int], bool]:
    """Whether an offset lies inside one of `spans` (a dateline, an authority's name), in
    logarithmic time: a text can name thousands of authorities."""
    ordered = sorted(spans)
    starts = [s.start for s in ordered]
    reach = list(accumulate((s.end for s in ordered), max))
    return lambda offset: (i := bisect_right(starts, offset) - 1) >= 0 and reach[i] > offset


def _longest_place(text: str, words: list[tuple[int, int]], starts: list[int], ref: Reference):
    """(first, last word, places) of the longest place that begins at one of `starts`: it may
    leave out the words after it that begin with a particle or a code ('Málaga la Policía',
    'Nidau BE'), never a capitalized word ('Drug Enforcement' is no Drug, 'Cherokee County'
    no Cherokee)."""
    last = len(words) - 1
    for first in starts:
        for end_word in range(last, first - 1, -1):
            if end_word < last and not _may_end(text[words[end_word + 1][0]:words[end_word + 1][1]]):
                continue
            if not text[words[end_word][0]].isupper():
                continue
            surface = text[words[first][0]:words[end_word][1]]
            places = named(surface)
            if places and fold(surface) not in _country_names(ref):
                return first, end_word, places
    return None


def _may_end(following: str) -> bool:
    """Whether a place's name may end before this word: a particle, a code ('Nidau BE'), or a
    facility named after the place ('Vancouver International Airport' is in Vancouver)."""
    return following in _particles() or (following.isupper() and len(following) <= 3) or following in _facilities()


@per_language
def _facilities() -> frozenset[str]:
    return frozenset(r["pattern"] for r in rows("place_context.tsv") if r["kind"] == "facility")


@per_language
def _particles() -> frozenset[str]:
    """Lower-case words inside place names ('de' of 'Rio de Janeiro')."""
    return frozenset(r["pattern"] for r in rows("place_context.tsv") if r["kind"] == "particle")


@lru_cache(maxsize=4)
def _country_names(ref: Reference) -> frozenset[str]:
    return frozenset(fold(n) for row in ref.countries.values() for n in (row.name, *row.names))


def _sure_of_country(places: tuple[Place, ...]) -> bool:
    """Whether a name alone says which country the release is about: a city of note or a
    region, and no place of another country is so called ('Queensland', not 'Victoria')."""
    return len({p.country for p in places}) == 1 and (places[0].population >= NOTABLE or places[0].region)


def _meant(places: tuple[Place, ...], near: set[str]) -> Place | None:
    """The place a name means: one in a country the release names or places it in (a city of
    note or a region only one country has), a town before a region of that name unless the
    town is small ('Paraná' is the state, not the town of Paranã); else a notable city, or a
    region when the name has no other reading."""
    local = [p for p in places if p.country in near]
    if local:
        region = next((p for p in local if p.region), None)
        return region if region is not None and local[0].population < TOWN_OVER_REGION else local[0]
    first = places[0]
    return first if first.population >= NOTABLE or (first.region and len(places) == 1) else None


def _about(place: Place, surface: str) -> tuple[Statement, ...]:
    """What the graph says of a place: its names, country, coordinates and GeoNames identity."""
    said = [Statement("skos:prefLabel", place.name),
            Statement("schema:containedInPlace", place.country, kind="country")]
    if surface != place.name:
        said.append(Statement("skos:altLabel", surface))
    if place.latitude:
        said += [Statement("geo:lat", place.latitude, "xsd:decimal"),
                 Statement("geo:long", place.longitude, "xsd:decimal")]
    if place.key.startswith("geonames-"):
        said.append(Statement("owl:sameAs", f"https://sws.geonames.org/{place.key.removeprefix('geonames-')}/", "@id"))
    return tuple(said)
