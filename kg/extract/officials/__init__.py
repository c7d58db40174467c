"""Officials: named people who speak or act for an authority.

Why: "who said what for which agency" lets analysts follow the people behind
cooperation. A careful reader knows an official by what surrounds a person's
name: a role ("Acting Head of EC3 at Europol", "NCA operations manager"), and
speech or a caption that puts the person on record. Releases write this in a
handful of shapes, whatever the quote marks (" “ ” ‘ ’ « » „):
  Fernando Ruiz, Acting Head of EC3 at Europol, adds: "..."   name, title, verb
  "...," said Jules Harriman, NCA Branch Commander.            verb, name, title
  INTERPOL Secretary General Jürgen Stock said ...             title, name, verb
  according to Maria Lopez, Director of ...                    source, name, title
  Europol's Executive Director, Catherine De Bolle, said ...   title, name, verb
  Ana Ruiz, who heads the unit, said ...                       name, role clause, verb
  "..." — Jürgen Stock, INTERPOL Secretary General             quote, name, title
  Deputy Head of NCB Seoul, KANG Kitaek                        caption: title naming an agency
Speech without a role (a witness, a suspect's lawyer) and a role without
speech or an agency (a company director) do not make an official; nor do
names that are places, organisations or bylines, or roles such as "the
suspect". A person named again ("Mr Di Meo", "Stock said") is the official
named before, and the quotes next to each official's words become their
statement. The agency is the authority named in the title (resolve.py turns
a unit into its parent body), else the one the sentence or the release speaks
for, preferring a body of the kind and country the title implies ("U.S.
Deputy Attorney General": a US ministry or prosecution service).
Each official records what put the person on record (`how`: 'speech' for speech
or action with a role, 'caption' for a caption alone) and where the agency was
read (`agency_how`: 'title', 'sentence', 'release').
The words of each shape (speech verbs and sources in five languages,
honorifics, name particles, titles, words that are no names) are data files
described in data/SOURCES.md. Every pattern is bounded, so hostile text
(megabytes of capitals or quote marks) costs linear time.

The stages, one module each: tokens (the words near capitals), names (runs of
capitalized words), titles and reading (the title and speech around each name,
with the speech patterns of speech and the word lists of words), statements
(which quote is whose), eligible (who is an official), agency (whom they speak
for); records holds what passes between them, and this module assembles people.
"""
from __future__ import annotations

from kg.extract.officials.agency import agency_for, ranked_agencies
from kg.extract.officials.eligible import is_official, on_record_by
from kg.extract.officials.names import find_names
from kg.extract.officials.reading import read
from kg.extract.officials.records import Person
from kg.extract.officials.spans import Spans
from kg.extract.officials.statements import attribute
from kg.extract.officials.tokens import token_islands
from kg.extract.quotes import find_quotes
from kg.extract.text import by_span, sentences
from kg.records import AgencyMention, OfficialMention, Span
from kg.reference import Reference


def find_officials(text: str, agencies: list[AgencyMention], ref: Reference) -> list[OfficialMention]:
    """Every official the text names, once per person, in order of appearance."""
    agencies = sorted(agencies, key=by_span)
    agency_spans = Spans(a.span for a in agencies)
    named = [(toks, name) for toks in token_islands(text) for name in find_names(text, toks, agency_spans)]
    if not named:
        return []  # no name, no official: the quotes need not be read
    quote_list = find_quotes(text)
    quotes = {"start": {q.start: q for q in quote_list}, "end": {q.end: q for q in quote_list}}
    readings = [read(text, toks, n, agency_spans, quotes) for toks, n in named]
    readings = [r for r in readings if r.speech or r.acts or r.caption or r.role]
    attribute(text, readings, quote_list, quotes)
    spans, ranked = sentences(text), ranked_agencies(agencies, ref)
    officials: dict[tuple[str, ...], Person] = {}
    for r in readings:
        if not is_official(text, r, agency_spans, ref):
            continue
        agency, agency_how = agency_for(r, agencies, spans, ranked, ref)
        person = Person(r.text, Span(r.name.start, r.name.end), tuple(r.text.casefold().split()),
                        r.title, agency, agency_how, {q.start: q.words for q in r.statements},
                        how=on_record_by(r))
        if person.words in officials:
            officials[person.words].take(person)
        else:
            officials[person.words] = person
    people = _merge_named_again(list(officials.values()))
    ends = _ends(people)
    for r in readings:
        referent = ends.get(tuple(r.text.casefold().split()), [])
        if r.statements and len(referent) == 1:  # 'Stock said', 'Mr Di Meo added'
            referent[0].statements.update({q.start: q.words for q in r.statements})
    return [o.mention() for o in sorted(people, key=by_span)]


def _merge_named_again(officials: list[Person]) -> list[Person]:
    """'Mr Di Meo' after 'Simone Di Meo' is the same person: fold a name that ends exactly one
    longer name into it."""
    kept: list[Person] = []
    ends: dict[tuple[str, ...], list[Person]] = {}
    for o in sorted(officials, key=lambda o: -len(o.words)):
        longer = ends.get(o.words, [])
        if len(longer) == 1:
            longer[0].take(o)
            continue
        kept.append(o)
        for k in range(1, len(o.words)):
            ends.setdefault(o.words[-k:], []).append(o)
    return kept


def _ends(officials: list[Person]) -> dict[tuple[str, ...], list[Person]]:
    """Each official by every ending of their name ('di meo', 'meo'): how a person is named again."""
    ends: dict[tuple[str, ...], list[Person]] = {}
    for o in officials:
        for k in range(1, len(o.words) + 1):
            ends.setdefault(o.words[-k:], []).append(o)
    return ends
