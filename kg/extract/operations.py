"""Operations: the codenames releases give them ("Operation Pandora", operation “Liberterra II”).

Why: a codename is what ties the releases of one operation together (resolve.py
merges on it) and what analysts search for. The word "Operation" is left out of
the codename, as the contract says: "Operation Daylight" gives "Daylight".
"""
from __future__ import annotations

import re

from kg.records import OperationMention, Span

PART = r"(?:[A-Z][\w'\u2019-]*|[IVXLC]+\b|\d+\b)"
NAMED = re.compile(rf"\b[Oo]peration\s+[\"“‘']?\s*({PART}(?:\s+{PART}){{0,3}})")
QUOTED = re.compile(
    r"\b[Oo]peration(?:s)?\s+(?:(?:named|called|dubbed|code-?named|known\s+as)\s+)?[\"“‘']([^\"”’'\n]{2,40})[\"”’']")
NOT_CODENAMES = frozenset("The In On At And Of For Was Is Has Have Center Centre Room Manager "
                          "Team Unit Phase Officer Officers Command Commander Director Head "
                          "Coordinator Plan Support Task".split())


def find_operations(text: str) -> list[OperationMention]:
    """Every distinct codename in order of first appearance."""
    found: dict[str, OperationMention] = {}
    for pattern in (QUOTED, NAMED):
        for m in pattern.finditer(text):
            codename = m.group(1).strip().strip("'\u2019")
            if not codename or codename.split()[0] in NOT_CODENAMES:
                continue
            if codename not in found:
                found[codename] = OperationMention(codename, Span(m.start(1), m.start(1) + len(codename)))
    return sorted(found.values(), key=lambda o: o.span)
