"""Statements: which quote each person speaks.

Why: an official's statement is the quotes next to their words; a quote goes to the person
whose verb or colon it follows, else to the one named right after it, else (for '..." he
said') to the last person who spoke.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.officials.records import Reading
from kg.extract.officials.speech import patterns
from kg.extract.quotes import Quote, QuoteIndex, quote_at, quote_before

NEWLINE = re.compile("\n")


def attribute(text: str, readings: list[Reading], quote_list: list[Quote], quotes: QuoteIndex) -> None:
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
