"""Who is an official: a full name with a role, on record, that is no place and speaks for
no company.

Why: speech without a role (a witness) and a role without speech or an agency (a company
director) do not make an official; nor do names that are places.
"""
from __future__ import annotations

import re

from kg.extract.lists import agency_words
from kg.extract.officials.records import Reading
from kg.extract.officials.spans import inside
from kg.extract.officials.tokens import SP, TOKEN
from kg.extract.officials.words import POSSESSIVE
from kg.records import Span
from kg.reference import Reference
from kg.reference.places import city_country

# '... at Chainalysis': the capitalized body a title belongs to
CAPITAL_WORD = r"[A-Z][\w'\u2019.-]{0,40}"
AT_BODY = re.compile(rf"(?<!\w)(?:at|with){SP}(?:the{SP})?({CAPITAL_WORD}(?:{SP}{CAPITAL_WORD}){{0,5}})")


def is_official(text: str, reading: Reading, agencies: list[Span], ref: Reference) -> bool:
    """A full name (or an honorific and surname) with a role, on record by speech, action or
    a caption, that is no place and no company's employee."""
    if not (reading.name.words >= 2 or reading.name.honorific):
        return False
    if not (((reading.speech or reading.acts) and reading.role) or reading.caption):
        return False
    return not _not_a_person(reading.text, ref) and not _other_body(text, reading, agencies, ref)


def on_record_by(reading: Reading) -> str:
    """What puts an official on record: 'speech' (speech or action, with a role) or 'caption'."""
    return "speech" if (reading.speech or reading.acts) and reading.role else "caption"


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
            if not inside(agencies, m.start(1), m.end(1)) and not heads & set(body.split()) \
                    and not any(c.start == 0 for c in ref.country_names.find(body)):
                return True  # "head of research at Chainalysis"
        for m in TOKEN.finditer(text, start, end):
            word = m.group()
            if word.endswith(POSSESSIVE) and word[0].isupper() and not inside(agencies, m.start(), m.end() - 2):
                stem = word[:-2]
                if stem in heads:
                    continue  # 'of the Public Prosecutor's Office': an authority's own name
                if not any(c.start == 0 and c.end == len(stem) for c in ref.country_names.find(stem)):
                    return True
    return False
