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
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter, or_
from typing import Final, NamedTuple

from kg.extract.lists import agency_words, per_language, per_language_bounded, rows
from kg.extract.quotes import Quote, QuoteIndex, find_quotes, quote_at, quote_before
from kg.extract.text import by_span, sentence_at, sentences
from kg.records import AgencyMention, OfficialMention, Span
from kg.reference import Reference
from kg.reference.places import city_country

# A word (its joiners ' ’ - only between letters, at most 61 characters) or a mark. The first
# branch reads a plain word in one step and leaves every other case to the second, the rule
# itself: the same tokens, read in 0.10 ms a release instead of 0.15.
TOKEN = re.compile(r"[^\W_]\w{0,60}+(?![\w'\u2019-])|[^\W_](?:\w|['\u2019-](?=\w)){0,60}|\S")
ARTICLE_WORDS = ("the", "el", "la", "le", "der", "die", "il")
ARTICLES = f"(?:{'|'.join(ARTICLE_WORDS)})"
SP = r"[ \t]{1,9}"  # a blank between words; every repetition is bounded, so no pattern backtracks far
BL = r"[ \t]{0,9}"
ONE_SPACE = (" ", "\u00a0")  # what separates the words of a name or a title
BLANK_ENDS = (" ", "\t", "\n")  # how a window ends where a pattern ending in SP and $ can match
ELIDED = re.compile(r"(?i:dell|dall|nell|sull|all|d|l)['\u2019][A-ZÀ-Þ]")  # onto a capitalized name
MAX_NAME_WORDS = 4
MAX_TITLE_TOKENS = 14
NEAR = 8
COMPLEMENT = frozenset("of for de del des der du".split())  # 'Director of Public Prosecutions Max Hill'
# the function words a title set off after a name may begin with ('Name, the head of ...')
APPOSITIVE_OPENERS = frozenset("the a an from of at el la los las un una der die das ein eine le les une il"
                               .split())
# A title set off by commas after a name, ending at punctuation, a quote or a line end.
STOPS = "\"“”«»„"  # quote marks that end a title or a body's name
APPOSITIVE = re.compile(rf",{SP}([^,;:\n{STOPS}]{{2,200}}?)(?={BL}(?:[,;:\n{STOPS}]|\.(?:\s|$)|$))")
COLON = re.compile(rf"{BL}:")
SUFFIX = re.compile(rf",?{SP}(?:Jr|Sr|II|III|IV)\b\.?")  # 'Kenneth A. Polite, Jr.'
ASIDE = re.compile(rf"{SP}\([^()\n]{{1,40}}\)")  # 'Jane Doe (pictured)'
# 'Name of the FBI said', 'Name de la Guardia Civil': a body named right after a name
MEMBER = re.compile(rf"{SP}(?:of|from|at|with|de|del|des|der|von){SP}(?:(?:the|la|le|l'|die|des){BL})?")
MEMBERSHIP = re.compile(rf"(?:from|of|at|with){SP}(?:the{SP})?")  # 'from the NCA' after a name
MEMBER_PHRASE = re.compile(rf"[^,;:\n{STOPS}]{{1,150}}")
# '... at Chainalysis': the capitalized body a title belongs to
CAPITAL_WORD = r"[A-Z][\w'\u2019.-]{0,40}"
AT_BODY = re.compile(rf"(?<!\w)(?:at|with){SP}(?:the{SP})?({CAPITAL_WORD}(?:{SP}{CAPITAL_WORD}){{0,5}})")
POSSESSIVE = ("'s", "\u2019s")
# The word right before a point, read backwards: matched on the reversed text before it, it
# finds what (\w[\w-]{0,30}){BL},?{BL}$ would, without that pattern's search from every offset.
WORD_BEFORE_REVERSED = re.compile(rf"\n?{BL},?{BL}([\w-]{{0,30}}\w)")
# Tokens are read only in the parts of a text that can hold a name (see `token_islands`): pieces
# of about CHUNK characters cut where no token runs across (a blank, or a mark that is a token of
# its own), with PADDING tokens around them, more than any rule reads before or after a name.
CHUNK = 4096
NEWLINE = re.compile("\n")
PADDING = 32
BOUNDARY = re.compile(r"[^\w'\u2019-]")


# ---------------------------------------------------------------- records


# A word or a punctuation mark with its offsets: (text, start, end), read as tok[TEXT],
# tok[START], tok[END]. A plain tuple: a long text has a hundred thousand, and making each a
# named tuple as well doubled the time to read them.
Token = tuple[str, int, int]
TEXT: Final = 0  # Final: a literal index, so mypy knows the type of tok[TEXT]
START: Final = 1
END: Final = 2


def _tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of `text`, their offsets moved by `offset`."""
    return [(m[0], m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


def _tokenize_range(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end] with their offsets in `text` (`start` and `end` must be
    token boundaries, as those of `_chunks` are)."""
    return [(m[0], m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def _chunks(text: str) -> list[int]:
    """Offsets that cut `text` into pieces of about CHUNK characters, each at a token boundary:
    a blank or a mark that is a token of its own (no token runs across either)."""
    bounds = [0]
    while bounds[-1] < len(text):
        cut = BOUNDARY.search(text, bounds[-1] + CHUNK) if bounds[-1] + CHUNK < len(text) else None
        bounds.append(cut.start() if cut else len(text))
    return bounds


def token_islands(text: str) -> list[list[Token]]:
    """The tokens of the parts of `text` that can hold a name, each part with PADDING tokens of
    context on either side: the tokens a name and its title are read from.

    Why: every name holds a capitalized word, and the rules that read a name look only a few
    tokens around it. A megabyte of brackets, quote marks, digits or lower-case words holds no
    name, and turning its million tokens into objects cost seconds; a piece with no upper-case
    letter (`str.islower` of the piece and a lower-case letter is true) is skipped unless it
    gives the context of a piece that has one. In a release capitals are never far apart,
    so its tokens are one island, all of them; the names and what is read around them are
    those of the whole text's tokens either way (tests/extract/test_hostile.py).
    """
    bounds = _chunks(text)
    pieces = len(bounds) - 1
    capital = [not (text[bounds[i]:bounds[i + 1]] + "a").islower() for i in range(pieces)]
    keep = list(capital)
    for i in [i for i in range(pieces) if capital[i]]:
        for step in (-1, 1):
            j, seen = i + step, 0
            while 0 <= j < pieces and seen < PADDING and not capital[j]:
                keep[j] = True
                seen += len(TOKEN.findall(text, bounds[j], bounds[j + 1]))
                j += step
    islands, i = [], 0
    while i < pieces:
        if not keep[i]:
            i += 1
            continue
        j = i
        while j < pieces and keep[j]:
            j += 1
        islands.append(_tokenize_range(text, bounds[i], bounds[j]))
        i = j
    return islands


class Name(NamedTuple):
    """A person's name as written: `lead` is the token of its honorific, if any, else its first.
    A named tuple: a release has twenty, and a frozen dataclass took twice as long to build."""

    start: int
    end: int
    first: int
    last: int
    lead: int
    words: int
    honorific: bool


@dataclass
class Reading:
    """What the words around one occurrence of a name say about the person."""

    name: Name
    text: str
    title: str | None = None
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    role: bool = False
    speech: bool = False
    acts: bool = False
    caption: bool = False
    tainted: bool = False  # words around the name make the person a suspect or victim
    quote_after: int | None = None
    quote_before: int | None = None
    statements: list[Quote] = field(default_factory=list)


@dataclass
class _Official:
    """An official as assembled from the readings of their name."""

    name: str
    span: Span
    words: tuple[str, ...]
    title: str | None
    agency: AgencyMention | None
    agency_how: str | None  # where the agency was read: 'title', 'sentence', 'release'
    statements: dict[int, str] = field(default_factory=dict)
    how: str = "speech"  # 'speech' (speech or action with a role) or 'caption' (a caption alone)

    def take(self, other: _Official) -> None:
        """Merge what another reading of the same person says: the agency of the title wins, and
        with it where it was read; a person who speaks in any reading is on record by speech."""
        self.title = self.title or other.title
        if other.agency and (self.agency is None or (other.agency_how == "title" and self.agency_how != "title")):
            self.agency, self.agency_how = other.agency, other.agency_how
        if other.how == "speech":
            self.how = "speech"
        self.statements.update(other.statements)

    def mention(self) -> OfficialMention:
        """The record: every statement the person made, in the order of the text."""
        said = " ".join(self.statements[k] for k in sorted(self.statements) if self.statements[k])
        return OfficialMention(self.name, self.span, title=self.title, agency=self.agency, statement=said or None,
                               how=self.how, agency_how=self.agency_how)


# ---------------------------------------------------------------- officials


def find_officials(text: str, agencies: list[AgencyMention], ref: Reference) -> list[OfficialMention]:
    """Every official the text names, once per person, in order of appearance."""
    agencies = sorted(agencies, key=by_span)
    agency_spans = _Spans(a.span for a in agencies)
    named = [(toks, name) for toks in token_islands(text) for name in find_names(text, toks, agency_spans)]
    if not named:
        return []  # no name, no official: the quotes need not be read
    quote_list = find_quotes(text)
    quotes = {"start": {q.start: q for q in quote_list}, "end": {q.end: q for q in quote_list}}
    readings = [read(text, toks, n, agency_spans, quotes) for toks, n in named]
    readings = [r for r in readings if r.speech or r.acts or r.caption or r.role]
    _attribute(text, readings, quote_list, quotes)
    spans, ranked = sentences(text), _ranked(agencies, ref)
    officials: dict[tuple[str, ...], _Official] = {}
    for r in readings:
        if not _is_official(text, r, agency_spans, ref):
            continue
        agency, agency_how = _agency_for(r, agencies, spans, ranked, ref)
        person = _Official(r.text, Span(r.name.start, r.name.end), tuple(r.text.casefold().split()),
                           r.title, agency, agency_how, {q.start: q.words for q in r.statements},
                           how=_on_record_by(r))
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


def _is_official(text: str, reading: Reading, agencies: list[Span], ref: Reference) -> bool:
    """A full name (or an honorific and surname) with a role, on record by speech, action or
    a caption, that is no place and no company's employee."""
    if not (reading.name.words >= 2 or reading.name.honorific):
        return False
    if not (((reading.speech or reading.acts) and reading.role) or reading.caption):
        return False
    return not _not_a_person(reading.text, ref) and not _other_body(text, reading, agencies, ref)


def _on_record_by(reading: Reading) -> str:
    """What puts an official on record: 'speech' (speech or action, with a role) or 'caption'."""
    return "speech" if (reading.speech or reading.acts) and reading.role else "caption"


def _attribute(text: str, readings: list[Reading], quote_list: list[Quote], quotes: QuoteIndex) -> None:
    """Give each quote to the person who speaks it: the one whose verb or colon it follows,
    else the one named right after it, else, for '..." he said', the last person who spoke
    (or, in the same paragraph, the last person named with a role)."""
    taken: set[int] = set()
    readings = sorted(readings, key=lambda r: (not r.role, r.name.start))  # a named role speaks first
    for r in readings:
        q = quote_at(text, r.quote_after, quotes) if r.quote_after is not None else None
        if q and q.start not in taken:
            r.statements.append(q)
            taken.add(q.start)
    for r in readings:
        q = quote_before(text, r.quote_before, quotes) if r.quote_before is not None else None
        if q and q.start not in taken:
            r.statements.append(q)
            taken.add(q.start)
    p = patterns()
    speakers = sorted((r for r in readings if r.speech or r.role), key=lambda r: r.name.start)
    starts = [r.name.start for r in speakers]
    newlines: list[int] | None = None  # where the lines break, found once if asked
    for q in quote_list:
        if q.start in taken:
            continue
        k = bisect_right(starts, q.start) - 1
        if k < 0:
            continue  # nobody named before it
        if p["pronoun_after"].match(text, q.end) or p["pronoun_before"].search(text[max(0, q.start - 80):q.start]):
            speaker = speakers[k]
            if not speaker.speech:
                # a person with a role who did not speak yet is the speaker only in the same paragraph
                newlines = newlines if newlines is not None else [m.start() for m in NEWLINE.finditer(text)]
                at = bisect_right(newlines, speaker.name.end - 1)
                if at < len(newlines) and newlines[at] < q.start:
                    continue
            speaker.statements.append(q)
            speaker.speech = True  # 'Minister Ana Ruiz welcomed the arrests. "...," she said.'
            taken.add(q.start)


def _merge_named_again(officials: list[_Official]) -> list[_Official]:
    """'Mr Di Meo' after 'Simone Di Meo' is the same person: fold a name that ends exactly one
    longer name into it."""
    kept: list[_Official] = []
    ends: dict[tuple[str, ...], list[_Official]] = {}
    for o in sorted(officials, key=lambda o: -len(o.words)):
        longer = ends.get(o.words, [])
        if len(longer) == 1:
            longer[0].take(o)
            continue
        kept.append(o)
        for k in range(1, len(o.words)):
            ends.setdefault(o.words[-k:], []).append(o)
    return kept


def _ends(officials: list[_Official]) -> dict[tuple[str, ...], list[_Official]]:
    """Each official by every ending of their name ('di meo', 'meo'): how a person is named again."""
    ends: dict[tuple[str, ...], list[_Official]] = {}
    for o in officials:
        for k in range(1, len(o.words) + 1):
            ends.setdefault(o.words[-k:], []).append(o)
    return ends


# ---------------------------------------------------------------- names


def find_names(text: str, toks: list[Token], blocked: list[Span]) -> list[Name]:
    """Runs of capitalized words that can be a person's name ('Simone Di Meo', 'KANG Kitaek',
    'Mr Di Meo'), outside agency names.

    Why: names are what officials are keyed by; titles, agency words, places
    and sentence openers break a run, so 'INTERPOL Secretary General Jürgen
    Stock' yields 'Jürgen Stock'.
    """
    names: list[Name] = []
    run: list[tuple[int, str, int]] = []  # (first token, kind, last token)

    def close() -> None:
        name = _name_of(text, toks, run)
        if name:
            names.append(name)
        run.clear()

    texts = list(map(itemgetter(0), toks))
    k = 0  # the next token to read
    for c in _capitalized_or_particles(texts):  # the others are no part of a name: they end a run
        if c < k:
            continue  # the full stop of an initial
        if run and c > k:
            close()
        kind = _word_kind(texts[c])  # what the word can be anywhere; then what it is here
        if kind == "initial":
            if not (c + 1 < len(toks) and texts[c + 1] == "." and toks[c + 1][START] == toks[c][END]):
                kind = None
        elif kind == "word" and blocked and _inside(blocked, toks[c][START], toks[c][END]):
            kind = None
        if run and (kind is None or text[toks[run[-1][2]][END]:toks[c][START]] not in ONE_SPACE):
            close()
        if kind is None:
            k = c + 1
            continue
        last = c + 1 if kind == "initial" else c
        run.append((c, kind, last))
        k = last + 1
    if run:
        close()
    return names


def _capitalized_or_particles(texts: list[str]) -> list[int]:
    """The indexes of the tokens (given by their `texts`) that start with a capital or are a
    particle ('van', 'de'): the only ones a name holds. Found without a Python loop: a text has a
    hundred thousand tokens."""
    capitalized = map(str.isupper, map(itemgetter(0), texts))
    return list(compress(count(), map(or_, capitalized, map(words().particles.__contains__, texts))))


@per_language_bounded(1 << 16)
def _word_kind(word: str) -> str | None:
    """What a word can be in a name wherever it stands: 'particle' ('Di', 'van'), 'initial' (a
    capital, if a full stop follows it: 'J.'), 'word' (if no agency's name holds it), or None
    (an honorific, or a word no name holds). Cached: names and titles are the same words again."""
    w = words()
    if word in w.honorifics:
        return None
    if word in w.particles:
        return "particle"
    if len(word) == 1 and word.isupper():
        return "initial"
    return "word" if _name_word(word) else None


@per_language_bounded(1 << 16)
def _name_word(word: str) -> bool:
    """A capitalized word that can be part of a name: not a function word ('The'), a word that
    is no name ('Operation', 'Monday'), a speech verb, a title or an agency's head noun."""
    w = words()
    folded = word.casefold()
    letters = word.replace("'", "").replace("\u2019", "").replace("-", "")
    return len(word) >= 2 and word[0].isupper() and letters.isalpha() and not word.endswith(POSSESSIVE) \
        and folded not in w.function and folded not in w.not_name and folded not in w.verbs \
        and not title_kind(word) and word not in agency_words()["head"]


def _name_of(text: str, toks: list[Token], run: list[tuple[int, str, int]]) -> Name | None:
    """The name a run of parts makes: particles only inside, at most four words, not all capitals."""
    w = words()
    lo, hi = 0, len(run)  # trimmed by index: a run of a thousand initials is not copied a thousand times
    while hi and run[hi - 1][1] != "word":
        hi -= 1
    while lo < hi and run[lo][1] == "particle" and toks[run[lo][0]][TEXT].islower():
        lo += 1
    run = run[lo:hi]
    if run and run[0][0] > 0 and toks[run[0][0] - 1][TEXT] in COMPLEMENT:
        run = _after_complement(run)
    name_words = [toks[k][TEXT] for k, kind, _ in run if kind == "word"]
    parts = len(run) - [kind for _, kind, _ in run].count("particle")
    if not name_words or parts > MAX_NAME_WORDS or all(map(str.isupper, name_words)):
        return None
    first, last = run[0][0], run[-1][2]
    lead, honorific = first, False
    before = first - 1
    if before >= 1 and toks[before][TEXT] == "." and toks[before - 1][TEXT] in w.honorifics:
        before -= 1
    if before >= 0 and toks[before][TEXT] in w.honorifics:
        lead, honorific = before, True
    if last + 1 < len(toks) and toks[last + 1][TEXT].casefold() in w.body_nouns \
            and _one_space(text, toks[last][END], toks[last + 1][START]):
        return None  # 'the Vulnerable Communities unit', 'Joint Cybercrime Action Taskforce'
    start, end = toks[first][START], toks[last][END]
    return Name(start, end, first, last, lead, parts, honorific)


def _after_complement(run: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """'Director of Public Prosecutions Max Hill': after 'of', the capitalized words complete the
    title and the name is the last two words (with the particles between them)."""
    words_at = [n for n, (_, kind, _) in enumerate(run) if kind == "word"]
    return run[words_at[-2]:] if len(words_at) >= 3 else run


def _one_space(text: str, end: int, start: int) -> bool:
    """Whether two tokens are separated by one space, as the words of a name or title are."""
    return text[end:start] in ONE_SPACE


def _not_a_person(name: str, ref: Reference) -> bool:
    """A country ('New Zealand') or a city ('Los Angeles') written like a name."""
    if city_country(name):
        return True
    return any(m.start == 0 and m.end == len(name) for m in ref.country_names.find(name))


def _other_body(text: str, reading: Reading, agencies: list[Span], ref: Reference) -> bool:
    """A title that belongs to a body that is no known agency: "Microsoft's Digital Crimes Unit
    director", "head of research at Chainalysis" speak for a company, not an authority."""
    heads = agency_words()["head"]
    for start, end in reading.role_spans:
        for m in AT_BODY.finditer(text, start, end):
            body = m.group(1)
            if not _inside(agencies, m.start(1), m.end(1)) and not heads & set(body.split()) \
                    and not any(c.start == 0 for c in ref.country_names.find(body)):
                return True  # "head of research at Chainalysis"
        for m in TOKEN.finditer(text, start, end):
            word = m.group()
            if word.endswith(POSSESSIVE) and word[0].isupper() and not _inside(agencies, m.start(), m.end() - 2):
                stem = word[:-2]
                if stem in heads:
                    continue  # 'of the Public Prosecutor's Office': an authority's own name
                if not any(c.start == 0 and c.end == len(stem) for c in ref.country_names.find(stem)):
                    return True
    return False


# ---------------------------------------------------------------- the words around a name


def read(text: str, toks: list[Token], name: Name, agencies: list[Span], quotes: QuoteIndex) -> Reading:
    """Title, role, speech and caption around one occurrence of a name."""
    p = patterns()
    reading = Reading(name, " ".join(text[name.start:name.end].split()))
    construction = toks[name.lead][START]  # where the name and a title before it begin
    left = _title_before(text, toks, name.lead)
    if left:
        start, end = left
        reading.title, reading.role, construction = text[start:end], True, start
        reading.role_spans.append((start, end))
        reading.caption = _names_agency(start, end, agencies) and _capital_role(text[start:end])
    possessive = toks[name.lead - 1] if name.lead > 0 else None
    if possessive and possessive[TEXT].endswith(POSSESSIVE) \
            and _inside(agencies, possessive[START], possessive[END] - 2):
        reading.role = True  # "Europol's Claire Georges"
        reading.role_spans.append((possessive[START], possessive[END]))
    after = _title_after(text, reading, agencies)
    colon = COLON.match(text, after)
    speech_after = p["verb_after"].match(text, after)
    if speech_after:
        reading.speech, reading.quote_after = True, speech_after.end()
    elif colon and quote_at(text, colon.end(), quotes):
        reading.speech, reading.quote_after = True, colon.end()
    elif p["acting_after"].match(text, after):
        reading.acts = True
    window = text[max(0, construction - 60):construction]
    # each of the three patterns ends with a blank (SP) before $, which also matches before a last \n
    blank = window[-1:] in BLANK_ENDS
    verb_before = p["verb_before"].search(window) if blank else None
    if verb_before:
        reading.speech = True
        reading.quote_before = construction - len(window) + verb_before.start("verb")
    elif blank and p["source_backwards"].match(window[::-1]):
        reading.speech = True
    elif blank and p["acting_backwards"].match(window[::-1]):
        reading.acts = True
    elif quote_before(text, construction, quotes):
        reading.speech, reading.quote_before = True, construction
    if reading.tainted or _tainted_before(text, construction):
        reading.role = reading.caption = False
    if reading.caption and _tainted_after(text, after):
        reading.caption = False
    return reading


def _title_before(text: str, toks: list[Token], lead: int) -> tuple[int, int] | None:
    """The title written before a name: adjacent ('NCA operations manager Jules Harriman') or,
    at the start of a clause, set off by a comma ('Deputy Head of NCB Seoul, KANG Kitaek')."""
    w = words()
    if lead == 0 or not _one_space(text, toks[lead - 1][END], toks[lead][START]):
        return None
    i, adjacent = lead, True
    if toks[i - 1][TEXT] == ",":
        if i < 2 or toks[i - 2][END] != toks[i - 1][START]:
            return None
        i, adjacent = i - 1, False
        if i >= 4 and toks[i - 1][TEXT] == ")" and toks[i - 3][TEXT] == "(" and toks[i - 2][TEXT][:1].isupper():
            i -= 3  # the title's abbreviation: 'comandante da Divisão de Investigação Criminal (DIC), Rui Costa'
    j = outer = _title_start(text, toks, i)
    connectors = agency_words()["connector"]
    while j < i and (toks[j][TEXT].casefold() in w.function or toks[j][TEXT] in w.particles
                     or toks[j][TEXT] in connectors or not toks[j][TEXT][0].isalnum()):
        j += 1
    if j == i:
        return None
    kinds = _title_kinds(tuple([t[TEXT] for t in toks[j:i]]))
    folded = map(str.casefold, map(itemgetter(0), toks[j:i]))
    if "role" not in kinds or not w.not_official.isdisjoint(folded):
        return None
    if adjacent and not _ends_as_title(toks[j:i], kinds):
        return None
    if not adjacent and not _clause_start(text, toks, outer):
        return None
    return toks[j][START], toks[i - 1][END]


def _title_start(text: str, toks: list[Token], i: int) -> int:
    """The first token of the run of title words, capitalized words and connectors that ends
    right before token i ('U.S. Deputy Attorney General', 'Interpol secretary general')."""
    w = words()
    connectors = agency_words()["connector"]
    j = i
    while j > 0 and i - j < MAX_TITLE_TOKENS:
        tok = toks[j - 1]
        if j < i:
            gap, right = text[tok[END]:toks[j][START]], toks[j]
            if gap != " " and not (gap == "" and "." in (tok[TEXT], right[TEXT])):
                break
        folded = tok[TEXT].casefold()
        if tok[TEXT] == "." and j >= 2 and len(toks[j - 2][TEXT]) == 1 and toks[j - 2][TEXT].isupper():
            j -= 1  # the dots of 'U.S.'
        elif tok[TEXT][0].isupper() or title_kind(tok[TEXT]):
            j -= 1
        elif j < i and folded in connectors:
            j -= 1
        elif ELIDED.match(tok[TEXT]):
            j -= 1  # a connector elided onto a name: "direttore generale dell'OLAF", "chef de l'OFAST"
        elif j < i and tok[TEXT].isalpha() and tok[TEXT].islower() and title_kind(toks[j][TEXT]) \
                and folded not in w.verbs and folded not in w.not_official and folded not in w.function:
            j -= 1  # a lowercase word before a title word: 'press officer', 'operations manager'
        else:
            break
    return j


def _ends_as_title(title: list[Token], kinds: tuple[str | None, ...]) -> bool:
    """A title right before a name ends with a title word ('NCA Branch Commander') or with
    its complement ('Director of Public Prosecutions', 'Commissioner for Home Affairs')."""
    last = len(kinds) - 1
    while not kinds[last]:  # the last title word (the caller saw a role among them)
        last -= 1
    tail = [t[TEXT] for t in title[last + 1:]]
    if not tail:
        return True
    connectors = agency_words()["connector"]
    named = tail[-1][0].isupper() or bool(ELIDED.match(tail[-1]))  # "... de l'OFAST"
    connected = tail[0] in connectors and named and not tail[-1].endswith(POSSESSIVE)
    # a body in the genitive, without a connector: 'Rzecznik CBŚP', 'dyrektor Izby Skarbowej w Kielcach'
    genitive = tail[0][0].isupper() and tail[-1][0].isupper() \
        and all((t[0].isupper() and t[-1:].isalpha()) or t in connectors for t in tail)
    return connected or genitive or bool(ELIDED.match(tail[0]))


def _clause_start(text: str, toks: list[Token], j: int) -> bool:
    """Whether token j starts a clause: text or line start, after punctuation, a speech verb or source."""
    if j == 0 or "\n" in text[toks[j - 1][END]:toks[j][START]]:
        return True
    before = toks[j - 1][TEXT]
    if j >= 2 and before.casefold() in words().function and toks[j - 2][TEXT].casefold() in words().verbs:
        return True  # a verb and an article: 'disse o comandante ..., Rui Costa', 'said the head of ..., X'
    window = text[max(0, toks[j][START] - 30):toks[j][START]]
    return (not before[0].isalnum() and before != ",") or before in words().verbs \
        or (window[-1:] in BLANK_ENDS and bool(patterns()["source_backwards"].match(window[::-1])))


def _title_after(text: str, reading: Reading, agencies: list[Span]) -> int:
    """Read a title set off by a comma after the name and return where the words after it begin.

    Why: 'Name, Title, said', 'Name, Title yesterday said:', a caption 'Name,
    Title of Agency' and 'Name, who heads X, said' put the role after the name;
    a title may itself hold one comma when a speech verb follows ('Name, Head
    of Unit, Europol, said'). A part that is no role ('John Smith, 45,') is
    skipped without making one.
    """
    verb_after = patterns()["verb_after"]
    end_of_name = _tail(text, reading, agencies)
    member = MEMBER.match(text, end_of_name)
    if member and member.end() < len(text) and text[member.end()].isupper():
        pos = _member_of(text, reading, member.end(), agencies)
        if pos is not None:
            return pos
    m = APPOSITIVE.match(text, end_of_name)
    if not m or verb_after.match(text, end_of_name):
        return end_of_name
    start, end, verb = _cut_at_verb(text, m.start(1), m.end(1))
    pos = end if verb else m.end()
    if not verb and not verb_after.match(text, pos):
        more = APPOSITIVE.match(text, pos)
        if more and text[more.start(1)].isupper():
            _, end2, verb2 = _cut_at_verb(text, more.start(1), more.end(1))
            pos2 = end2 if verb2 else more.end()
            if verb2 or verb_after.match(text, pos2):
                end, pos = end2, pos2
    phrase = text[start:end]
    clause = _role_clause(phrase)
    if not clause and not _is_role(phrase, start, agencies):
        tokens = _phrase(phrase)[0]
        if phrase[0].isupper():
            # 'X, Name, said': the speaker is the other name; 'On the orders of Minister Y, the FIA
            # has arrested ...': a clause of its own, which says nothing of Y unless it opens so
            reading.tainted = reading.tainted or tokens[0].casefold() in words().not_official
            return end_of_name
        if any(t.casefold() in words().not_official for t in tokens):
            reading.tainted = True  # 'Tom Wells, who was charged with corruption,'
        return pos  # 'Name, 45, said', 'Name, of the Australian Centre ..., said': the name speaks
    reading.title = clause or (phrase if title_kind_in(phrase) else reading.title)
    reading.role = True
    reading.role_spans.append((start, end))
    reading.caption = reading.caption or (_names_agency(start, end, agencies) and _capital_role(phrase))
    return pos


def _tail(text: str, reading: Reading, agencies: list[Span]) -> int:
    """Where the words after a name begin, past a suffix ('Kenneth A. Polite, Jr.') and a short
    parenthesis ('Jane Doe (pictured)', 'Ana Ruiz (Europol)', which names her agency)."""
    pos = reading.name.end
    suffix = SUFFIX.match(text, pos)
    if suffix:
        pos = suffix.end()
    aside = ASIDE.match(text, pos)
    if aside:
        if _names_agency(aside.start(), aside.end(), agencies):
            reading.role = True
            reading.role_spans.append((aside.start(), aside.end()))
        pos = aside.end()
    return pos


def _member_of(text: str, reading: Reading, start: int, agencies: list[Span]) -> int | None:
    """'Andy Marsh of the College of Policing said', 'Nicholas Court of INTERPOL's Financial Crime
    Centre said': a body named right after the name, up to the speech verb, is the one the
    person belongs to; without a verb, only a known agency is ('Ana Ruiz of Europol')."""
    phrase = MEMBER_PHRASE.match(text, start)
    _, end, verb = _cut_at_verb(text, start, phrase.end()) if phrase else (start, start, False)
    named = _inside(agencies, start, start + 1)
    if not verb:
        if not named:
            return None
        end = agencies[bisect_right(agencies, Span(start, 10**18)) - 1].end
    reading.role = reading.role or named
    reading.role_spans.append((start, end))
    return end


def _cut_at_verb(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """A title that runs into its speech verb ('Director of X yesterday said') ends before it."""
    w = words()
    if w.verbs.isdisjoint(TOKEN.findall(text[start:end])[1:]):
        return start, end, False  # no verb: the words need no offsets
    inner = _tokenize(text[start:end], start)
    for k, tok in enumerate(inner):
        if k and tok[TEXT] in w.verbs:
            j = k
            while j > 1 and inner[j - 1][TEXT] in w.adverbs:
                j -= 1
            return start, inner[j - 1][END], True
    return start, end, False


def _is_role(phrase: str, start: int, agencies: list[Span]) -> bool:
    """A title after a name: a position ('Director of ...'), or membership ('from the NCA')."""
    w = words()
    folded = [t.casefold() for t in _phrase(phrase)[0]]
    if not folded or folded[0][0].isdigit() or any(t in w.not_official for t in folded):
        return False
    if folded[0] in w.function and folded[0] not in APPOSITIVE_OPENERS:
        return False  # 'Name, with INTERPOL Director X', 'Name, and Director X': no title of this name
    if title_kind_in(phrase):
        return True
    member = MEMBERSHIP.match(phrase)
    if not member:
        return False
    body = phrase[member.end():].split()
    # a body named by its head noun though no agency was read there: 'of the Public Prosecutor's Office'
    headed = bool(body) and body[-1][:1].isupper() and body[-1] in agency_words()["head"]
    return headed or _inside(agencies, start + member.end(), start + member.end() + 1)


def _role_clause(phrase: str) -> str | None:
    """'who heads the European Cybercrime Centre' gives 'heads the European Cybercrime Centre'."""
    parts = phrase.split(None, 2)
    if len(parts) >= 3 and parts[0] == "who" and parts[1] in words().role_verbs:
        return phrase[len(parts[0]):].strip()
    return None


@per_language_bounded(1 << 12)
def _phrase(phrase: str) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """The tokens of a phrase around a name and the title kind of each. Cached: a title is read
    by several rules, and a release names the same people with the same titles again."""
    tokens = tuple(TOKEN.findall(phrase))
    return tokens, _title_kinds(tokens)


def title_kind_in(phrase: str) -> bool:
    """Whether a phrase holds a word that names a position."""
    return "role" in _phrase(phrase)[1]


def _capital_role(phrase: str) -> bool:
    """Whether a phrase holds a capitalized role word, as a caption's title does ('Deputy Head')."""
    tokens, kinds = _phrase(phrase)
    return any(kind == "role" and t[0].isupper() for t, kind in zip(tokens, kinds, strict=True))


def _tainted_before(text: str, construction: int) -> bool:
    """A name right after a word for a suspect or victim or what befell them ('suspect John
    Smith', 'arrested John Smith', 'the victim, Jane Doe,') is nobody's official."""
    last = WORD_BEFORE_REVERSED.match(text[max(0, construction - 40):construction][::-1])
    return last is not None and last.group(1)[::-1].casefold() in words().not_official


def _tainted_after(text: str, pos: int) -> bool:
    """A caption followed, in the same sentence, by what befell a suspect ('..., was arrested')."""
    following = []
    for t in TOKEN.findall(text[pos:pos + 80])[:8]:
        if t in ".;!?":
            break
        following.append(t.casefold())
    return any(t in words().not_official for t in following)


# ---------------------------------------------------------------- agencies


def _agency_for(reading: Reading, agencies: list[AgencyMention], spans: list[Span],
                ranked: list[AgencyMention], ref: Reference) -> tuple[AgencyMention | None, str | None]:
    """The agency an official speaks for, and where it was read: 'title' (the title names it),
    'sentence' (named earlier in the sentence), 'release' (the release's agencies); None without one.

    Why: the title is the best evidence ('Head of EC3 at Europol': Europol,
    the top-level body, over its unit); without one, the agency the sentence
    names before the person, then the one the release is about, preferring
    a body of the kind and country the title implies.
    """
    named = sorted({a for s, e in reading.role_spans for a in _within(agencies, s, e, key=lambda a: a.span)},
                   key=by_span)
    if named:
        best = max(_body_rank(a, ref) for a in named)
        return [a for a in named if _body_rank(a, ref) == best][-1], "title"
    pool = [(a, "sentence") for a in _before_in_sentence(reading.name.start, agencies, spans)]
    pool += [(a, "release") for a in ranked]
    if not pool:
        return None, None
    kinds, countries = _implied(reading.title or "", ref)
    if kinds or countries:
        for a, where in pool:
            top = _top(a, ref)
            kind = ref.agencies[top].kind if top in ref.agencies else None
            country = ref.agencies[top].country if top in ref.agencies else a.country
            if (not kinds or kind in kinds) and (not countries or country in countries):
                return a, where
    return pool[0]


def _body_rank(agency: AgencyMention, ref: Reference) -> int:
    """How well a mention names the body a person works for: a top-level body (2) over a unit
    of one (1) over a generic national reference (0)."""
    if agency.generic:
        return 0
    return 2 if agency.ref is None or ref.agencies[agency.ref].parent is None else 1


def _before_in_sentence(pos: int, agencies: list[AgencyMention], spans: list[Span]) -> list[AgencyMention]:
    """The agencies named earlier in the sentence, nearest first, a generic reference ('Spanish
    police') after a name; at most NEAR of them, however long the sentence."""
    sentence = sentence_at(spans, pos)
    k = bisect_right(agencies, pos, key=lambda a: a.span.start) - 1
    near: list[AgencyMention] = []
    while k >= 0 and len(near) < NEAR and agencies[k].span.start >= sentence.start:
        if agencies[k].span.end <= pos:
            near.append(agencies[k])
        k -= 1
    return sorted(near, key=lambda a: a.generic)


def _implied(title: str, ref: Reference) -> tuple[frozenset[str], frozenset[str]]:
    """The agency kinds ('Attorney General': ministry, prosecution) and countries ('U.S.') a title implies."""
    titles = words().titles
    folded = [t.casefold() for t in TOKEN.findall(title) if t[0].isalnum()]
    kinds: set[str] = set()
    k = 0
    while k < len(folded):
        for n in (3, 2, 1):
            if tuple(folded[k:k + n]) in titles:
                kinds |= titles[tuple(folded[k:k + n])][1]
                k += n
                break
        else:
            k += 1
    countries = {e.id for m in ref.country_names.find(title) for e in m.entries}
    return frozenset(kinds), frozenset(countries)


def _top(agency: AgencyMention, ref: Reference) -> str:
    """The identity of an agency mention: a curated body's top-level parent, else its name."""
    key = agency.ref
    if key is None:
        return agency.surface.casefold()
    while (parent := ref.agencies[key].parent) is not None and parent in ref.agencies:
        key = parent
    return key


def _ranked(agencies: list[AgencyMention], ref: Reference) -> list[AgencyMention]:
    """The release's agencies, the most often named first: whom the release speaks for."""
    named = [a for a in agencies if not a.generic]
    counts = Counter(_top(a, ref) for a in named)
    first: dict[str, AgencyMention] = {}
    for a in named:
        first.setdefault(_top(a, ref), a)
    return sorted(first.values(), key=lambda a: (-counts[_top(a, ref)], a.span.start))


class _Spans(list):
    """Spans in text order (not overlapping), with where each starts: bisected without a key
    function, which was called a million times on a long text."""

    def __init__(self, spans) -> None:
        super().__init__(spans)
        self.starts = [s.start for s in self]


def _starts(spans: list[Span]) -> list[int]:
    return spans.starts if isinstance(spans, _Spans) else [s.start for s in spans]


def _names_agency(start: int, end: int, agencies: list[Span]) -> bool:
    """Whether an agency is named within [start, end)."""
    starts = _starts(agencies)
    k = bisect_right(starts, start - 1)
    while k < len(agencies) and starts[k] < end:
        if agencies[k].end <= end:
            return True
        k += 1
    return False


def _within(spans: list, start: int, end: int, key=lambda x: x) -> list:
    """The items of `spans` (sorted by start; `key` gives an item's Span) lying within [start, end)."""
    k = bisect_right(spans, start - 1, key=lambda x: key(x).start)
    out = []
    while k < len(spans) and key(spans[k]).start < end:
        if key(spans[k]).end <= end:
            out.append(spans[k])
        k += 1
    return out


def _inside(spans: list[Span], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other)."""
    k = bisect_right(_starts(spans), start) - 1  # the span starting last at or before `start`, or the next
    return (k >= 0 and spans[k].start < end and start < spans[k].end) \
        or (k + 1 < len(spans) and spans[k + 1].start < end and start < spans[k + 1].end)


# ---------------------------------------------------------------- word lists


@dataclass(frozen=True)
class Words:
    """The word lists of this module (data/speaker_words.tsv, name_words.tsv, titles.tsv)."""

    verbs: frozenset[str]
    sources: tuple[str, ...]
    acting: tuple[str, ...]
    acting_after: tuple[str, ...]
    adverbs: frozenset[str]
    pronouns: frozenset[str]
    role_verbs: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    function: frozenset[str]
    not_name: frozenset[str]
    not_official: frozenset[str]
    body_nouns: frozenset[str]
    titles: dict[tuple[str, ...], tuple[str, frozenset[str]]]


@per_language
def words() -> Words:
    """The word lists, read once."""
    speaker: dict[str, set[str]] = {}
    for r in rows("speaker_words.tsv"):
        speaker.setdefault(r["kind"], set()).add(r["word"])
    names: dict[str, set[str]] = {}
    for r in rows("name_words.tsv"):
        names.setdefault(r["kind"], set()).add(r["word"])
    titles = {tuple(r["word"].casefold().split()): (r["kind"], frozenset(r["agencies"].split()))
              for r in rows("titles.tsv")}
    return Words(
        verbs=frozenset(speaker["verb"]),
        sources=tuple(sorted(speaker["source"], key=len, reverse=True)),
        acting=tuple(sorted(speaker["acting"], key=len, reverse=True)),
        acting_after=tuple(sorted(speaker.get("acting-after", ()), key=len, reverse=True)),
        adverbs=frozenset(speaker["adverb"]),
        pronouns=frozenset(speaker["pronoun"]),
        role_verbs=frozenset(speaker["role"]),
        honorifics=frozenset(names["honorific"]),
        particles=frozenset(names["particle"]),
        function=frozenset(w.casefold() for w in names["function"]),
        not_name=frozenset(w.casefold() for w in names["not-name"]),
        not_official=frozenset(w.casefold() for w in names["not-official"]),
        body_nouns=frozenset(w.casefold() for w in names["body-noun"]),
        titles=titles,
    )


def _alternation(forms) -> str:
    """A regex alternation of word forms, longest first, spaces matching any blank."""
    return "|".join(SP.join(map(re.escape, f.split())) for f in sorted(forms, key=len, reverse=True))


def _backwards(forms) -> str:
    r"""`(?<!\w)(?:forms){SP}(?:{ARTICLES}{SP})?$` read backwards: a window ends so exactly when its
    reverse starts so (`$` may stand before a last line break, as `\n?` skips one)."""
    articles = "|".join(a[::-1] for a in ARTICLE_WORDS)
    return rf"\n?(?:{SP}(?:{articles}))?{SP}(?:{_alternation(f[::-1] for f in forms)})(?!\w)"


@per_language
def patterns() -> dict[str, re.Pattern[str]]:
    """The speech patterns, built from the word lists."""
    w = words()
    verbs, adverbs = _alternation(w.verbs), _alternation(w.adverbs)
    pronouns = _alternation(w.pronouns)
    acting_after = _alternation(w.acting_after) or "(?!)"
    article = f"(?:{ARTICLES}{SP})?"
    adverbs_ = f"(?:(?:{adverbs}){SP}){{0,3}}"
    return {
        # after a name or its title: "Jules Harriman yesterday said", "..., Title, adds"
        "verb_after": re.compile(rf"{BL},?{BL}{adverbs_}(?:{verbs})(?!\w)"),
        # before a name, as the verb of a reporting clause: '...," said', '”said'
        "verb_before": re.compile(
            rf"[,\u201c\u201d\"\u2019\u00bb:\u2014\u2013-]{BL}(?P<verb>{verbs}){SP}{article}$"),
        # a source before a name, 'according to (the)', and before a title and name that act,
        # 'led by Detective Superintendent Mark Hill': each `(?<!\w)(?:forms){SP}{article}$`,
        # matched once at the start of the reversed window instead of searched for from each of
        # its sixty offsets: 0.08 -> 0.01 ms a release (`_backwards`; tests/extract/test_officials.py
        # holds them against the forward patterns)
        "source_backwards": re.compile(_backwards(w.sources), re.IGNORECASE),
        "acting_backwards": re.compile(_backwards(w.acting), re.IGNORECASE),
        # after a name or its title, a verb of acting for the authority: 'Richard Moore is prosecuting'
        "acting_after": re.compile(rf"{BL},?{BL}{adverbs_}(?:{acting_after})(?!\w)"),
        # a pronoun that says who spoke a quote: '..." he said', 'She added: "...'
        "pronoun_after": re.compile(
            rf"{BL},?{BL}(?:(?:{pronouns}){SP}{adverbs_}(?:{verbs})|(?:{verbs}){SP}(?:{pronouns}))(?!\w)",
            re.IGNORECASE),
        "pronoun_before": re.compile(
            rf"(?:^|[.!?\n][ \t\"\u201d\u2019]{{0,3}})(?:{pronouns}){SP}{adverbs_}(?:{verbs}){BL}[:,]?{BL}$",
            re.IGNORECASE),
    }


@per_language_bounded(1 << 16)
def title_kind(token: str) -> str | None:
    """'role' for a word that names a position ('Director', 'spokesperson', 'BKA-Präsident'),
    'modifier' for one that qualifies it ('Acting', 'Deputy'), else None. Cached: every word
    before a name is asked, and they are the same few words from release to release."""
    titles = words().titles
    folded = token.casefold()
    for form in (folded, folded.rsplit("-", 1)[-1], folded[:-1] if folded.endswith("s") else None):
        if form and (form,) in titles:
            return titles[(form,)][0]
    return None


def title_kinds(tokens: list[str]) -> list[str | None]:
    """The title kind of each token, reading phrases of the list first ('National Member' is a
    role though neither word is one alone)."""
    return list(_title_kinds(tuple(tokens)))


@per_language_bounded(1 << 12)
def _title_kinds(tokens: tuple[str, ...]) -> tuple[str | None, ...]:
    """`title_kinds`, cached: the words before and after names are the same few titles."""
    titles = words().titles
    folded = [t.casefold() for t in tokens]
    kinds: list[str | None] = [title_kind(t) for t in tokens]
    k = 0
    while k < len(tokens):
        for n in (3, 2):
            phrase = tuple(folded[k:k + n])
            if len(phrase) == n and phrase in titles:
                kinds[k:k + n] = [titles[phrase][0]] * n
                k += n - 1
                break
        k += 1
    return tuple(kinds)
