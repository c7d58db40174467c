"""Titles: the role written before a name ('INTERPOL Secretary General Jürgen Stock') or set
off after it ('Fernando Ruiz, Acting Head of EC3 at Europol, adds').

Why: a role is what makes a person who speaks an official, and the agency it names is the
best evidence of whom they speak for.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter

from kg.extract.lists import agency_words
from kg.extract.officials.records import Reading
from kg.extract.officials.spans import inside, names_agency
from kg.extract.officials.speech import patterns
from kg.extract.officials.tokens import BL, BLANK_ENDS, END, SP, START, TEXT, TOKEN, Token, one_space, tokenize
from kg.extract.officials.words import (
    POSSESSIVE,
    capital_role,
    phrase_kinds,
    title_kind,
    title_kind_in,
    title_kinds,
    words,
)
from kg.records import Span

ELIDED = re.compile(r"(?i:dell|dall|nell|sull|all|d|l)['\u2019][A-ZÀ-Þ]")  # onto a capitalized name
MAX_TITLE_TOKENS = 14
# the function words a title set off after a name may begin with ('Name, the head of ...')
APPOSITIVE_OPENERS = frozenset("the a an from of at el la los las un una der die das ein eine le les une il"
                               .split())
# A title set off by commas after a name, ending at punctuation, a quote or a line end.
STOPS = "\"“”«»„"  # quote marks that end a title or a body's name
APPOSITIVE = re.compile(rf",{SP}([^,;:\n{STOPS}]{{2,200}}?)(?={BL}(?:[,;:\n{STOPS}]|\.(?:\s|$)|$))")
SUFFIX = re.compile(rf",?{SP}(?:Jr|Sr|II|III|IV)\b\.?")  # 'Kenneth A. Polite, Jr.'
ASIDE = re.compile(rf"{SP}\([^()\n]{{1,40}}\)")  # 'Jane Doe (pictured)'
# 'Name of the FBI said', 'Name de la Guardia Civil': a body named right after a name
MEMBER = re.compile(rf"{SP}(?:of|from|at|with|de|del|des|der|von){SP}(?:(?:the|la|le|l'|die|des){BL})?")
MEMBERSHIP = re.compile(rf"(?:from|of|at|with){SP}(?:the{SP})?")  # 'from the NCA' after a name
MEMBER_PHRASE = re.compile(rf"[^,;:\n{STOPS}]{{1,150}}")


def title_before(text: str, toks: list[Token], lead: int) -> tuple[int, int] | None:
    """The title written before a name: adjacent ('NCA operations manager Jules Harriman') or,
    at the start of a clause, set off by a comma ('Deputy Head of NCB Seoul, KANG Kitaek')."""
    w = words()
    if lead == 0 or not one_space(text, toks[lead - 1][END], toks[lead][START]):
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
    kinds = title_kinds(tuple([t[TEXT] for t in toks[j:i]]))
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


def title_after(text: str, reading: Reading, agencies: list[Span]) -> int:
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
        tokens = phrase_kinds(phrase)[0]
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
    reading.caption = reading.caption or (names_agency(start, end, agencies) and capital_role(phrase))
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
        if names_agency(aside.start(), aside.end(), agencies):
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
    named = inside(agencies, start, start + 1)
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
    inner = tokenize(text[start:end], start)
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
    folded = [t.casefold() for t in phrase_kinds(phrase)[0]]
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
    return headed or inside(agencies, start + member.end(), start + member.end() + 1)


def _role_clause(phrase: str) -> str | None:
    """'who heads the European Cybercrime Centre' gives 'heads the European Cybercrime Centre'."""
    parts = phrase.split(None, 2)
    if len(parts) >= 3 and parts[0] == "who" and parts[1] in words().role_verbs:
        return phrase[len(parts[0]):].strip()
    return None
