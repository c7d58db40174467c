"""Officials: named people who speak or act for an authority.

Why: "who said what for which agency" lets analysts follow the people behind
cooperation. Releases quote officials in a few shapes, each anchored on a
speech verb ("said", "adds", "according to"):
  "Fernando Ruiz, Acting Head of EC3 at Europol, adds: ..."   name, title, verb
  "... said Jules Harriman, NCA Branch Commander."             verb, name, title
  "INTERPOL Secretary General Jürgen Stock said ..."           title, name, verb
The agency is the authority named inside the title, else the nearest one
named before in the same sentence.
"""
from __future__ import annotations

import re

from kg.extract.lists import agency_words, titles
from kg.extract.text import sentence_at, sentences
from kg.records import AgencyMention, OfficialMention, Span
from kg.reference import Reference

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŞŠŢŤŪŮŰŲŹŻŽ"
WORD = rf"[{UPPER}][\w'\u2019-]*"
PARTICLES = r"(?:(?:de|De|van|Van|der|von|di|Di|da|del|la|le|dos|du|bin|al)\s+)"
NAME = rf"{WORD}(?:\s+{PARTICLES}*(?:[{UPPER}]\.\s+)?{WORD}){{1,3}}"
VERBS = r"(?:said|says|say|added|adds|stated|states|explained|explains|commented|comments|noted|notes|warned|warns|emphasi[sz]ed|highlighted|remarked|declared|told)"
TITLE = r"[^,\n\"“”‘.;:]{3,160}?"

NAME_TITLE_VERB = re.compile(rf"({NAME}),\s+({TITLE}),?\s+{VERBS}\b")
VERB_NAME_TITLE = re.compile(rf"\b(?:{VERBS}|[Aa]ccording\s+to)\s+({NAME})(?:,\s+({TITLE}))?(?=[,.;:\n\"“”‘’]|$)")
TITLE_NAME_VERB = re.compile(rf"((?:{WORD}\s+){{1,7}}?)({NAME})\s+{VERBS}\b")
NOT_NAME_WORDS = frozenset("The This That These It He She They We Police Europol Interpol INTERPOL "
                           "Eurojust Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def find_officials(text: str, agencies: list[AgencyMention], ref: Reference) -> list[OfficialMention]:
    """Every quoted or speaking official, once per name, in order of appearance."""
    spans = sentences(text)
    found: dict[str, OfficialMention] = {}
    candidates = []
    for m in NAME_TITLE_VERB.finditer(text):
        candidates.append((m.span(1), m.span(2)))
    for m in VERB_NAME_TITLE.finditer(text):
        candidates.append((m.span(1), m.span(2) if m.group(2) else None))
    for m in TITLE_NAME_VERB.finditer(text):
        split = _split_title_name(text, m.start(1), m.end(2))
        if split:
            candidates.append(split)
    for name_span, title_span in sorted(candidates, key=lambda c: c[0]):
        name = text[name_span[0]:name_span[1]]
        if not _plausible_name(name, name_span, agencies, ref):
            continue
        title = text[title_span[0]:title_span[1]].strip() if title_span else None
        if title and not _plausible_title(title, title_span, agencies):
            title, title_span = None, None
        agency = _agency_for(name_span, title_span, agencies, spans, ref)
        mention = OfficialMention(name, Span(*name_span), title=title, agency=agency)
        previous = found.get(name)
        if previous is None or (previous.title is None and title):
            found[name] = mention
    return sorted(found.values(), key=lambda o: o.span)


def _split_title_name(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """In 'INTERPOL Secretary General Jürgen Stock', the name is what follows the last title word."""
    words = [(m.group(), m.start() + start, m.end() + start)
             for m in re.finditer(r"\S+", text[start:end])]
    title_words = titles()
    last_title = None
    for k, (word, _, _) in enumerate(words):
        if word in title_words or " ".join(w for w, _, _ in words[max(0, k - 1):k + 1]) in title_words:
            last_title = k
    if last_title is None or len(words) - last_title - 1 < 2:
        return None
    name = words[last_title + 1:][-4:]
    return (name[0][1], name[-1][2]), (words[0][1], words[last_title][2])


def _plausible_name(name: str, span, agencies: list[AgencyMention], ref: Reference) -> bool:
    words = name.replace("\u2019", "'").split()
    if any(w in NOT_NAME_WORDS or w in titles() or w in agency_words()["head"] for w in words):
        return False
    if any(a.span.start < span[1] and span[0] < a.span.end for a in agencies):
        return False
    return not list(ref.country_names.find(name))


def _plausible_title(title: str, span, agencies: list[AgencyMention]) -> bool:
    title_words = titles()
    if any(w in title_words for w in re.findall(r"[\w'-]+", title)):
        return True
    return any(span[0] <= a.span.start and a.span.end <= span[1] for a in agencies)


def _agency_for(name_span, title_span, agencies: list[AgencyMention], spans, ref: Reference):
    if title_span:
        inside = [a for a in agencies
                  if title_span[0] <= a.span.start and a.span.end <= title_span[1] and not a.generic]
        top = [a for a in inside if a.ref is None or ref.agencies[a.ref].parent is None]
        if top or inside:
            return (top or inside)[-1]
    sentence = sentence_at(spans, name_span[0])
    before = [a for a in agencies
              if sentence.start <= a.span.start and a.span.end <= name_span[0] and not a.generic]
    return before[-1] if before else None
