"""Stage 5, list headings: a list item takes the trigger of the label or heading it sits under.

Why: releases list seizures under a heading ('Global seizures include:' / '23 live primates;'),
so the item's line holds no trigger; the heading's does, a few lines above.
"""
from __future__ import annotations

import re

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.figures import Figure
from kg.extract.outcomes.lexicon import trigger_words

HEADING_LINES = 15  # lines a list item may sit below its heading
LINE_START = 40  # characters a list item's figure may stand from the start of its line


def type_by_heading(doc: Text, f: Figure) -> None:
    """A list item takes the trigger of its heading: the label before a colon on its own line
    ('Seized: 5 kg of heroin, 3 cars') or a line ending in a colon above a list of short lines
    ('Global seizures reported to date include:' / '23 live primates;' / ...)."""
    if f.weak or f.cls == "any":
        return
    text, offset = doc.text, doc.toks[f.lead][1]
    line_start = text.rfind("\n", max(0, offset - LINE_START), offset) + 1
    if line_start == 0 and offset > LINE_START:
        return  # not near the start of its line
    prefix = text[line_start:offset]
    if ":" in prefix:
        _type_by_label(doc, f, line_start, line_start + prefix.rindex(":"))
        return
    if len(re.findall(r"\w+", prefix)) > 2:
        return
    end = line_start - 1
    for _ in range(HEADING_LINES):
        if end <= 0:
            return
        start = text.rfind("\n", max(0, end - 201), end) + 1
        if start == 0 and end > 201:
            return  # a long paragraph, not a list
        line = text[start:end].strip()
        if line.endswith(":"):
            _type_by_label(doc, f, start, end)
            return
        if len(line) > 200:
            return
        end = start - 1


def _type_by_label(doc: Text, f: Figure, start: int, end: int) -> None:
    """Type a figure by the first trigger between two character offsets that fits its noun."""
    for k in range(doc.token_at(start), doc.token_at(end)):
        fitting = [(kind, allowed) for kind, allowed in trigger_words().get(doc.words[k], ()) if f.cls in allowed]
        if fitting:
            f.kind, f.allowed = fitting[0]
            f.how = "heading"
            return
