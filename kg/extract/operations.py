"""Operations: the codenames releases give them.

Why: a codename is what ties the releases of one operation together (resolve.py
merges on it) and what analysts search for. Releases name operations in a few
ways, each handled here:
  "Operation Pandora IX", "operation 'Trojan Shield'",
  'Investigation "Ambrosia"'                               the word, then the name
  "The operation, called “Liberterra II”", "codenamed Endgame",
  "conocido como Jornada de Acción Conjunta (JAD SEE)",
  "Codenamed Thunder 2021, the operation ..."              a naming verb (data/codename_verbs.tsv)
  "Operational Taskforce LOS"                              Europol's standing taskforces
  "HAECHI III"                                             a capitalized name with an edition numeral
The word "Operation" is left out, as the contract says ("Operation Daylight"
gives "Daylight"), and a name never runs across a line break. Each mention
records the rule that found it (`how`: 'quoted', 'designated', 'named',
'taskforce', 'edition'); where two rules find one name, the first in that order.
"""
from __future__ import annotations

import re

from kg.extract.lists import (
    codename_initials,
    codename_prefixes,
    codename_verbs,
    not_codenames,
    per_language,
    rows,
)
from kg.extract.skip_ahead import skipping
from kg.extract.text import by_span
from kg.records import OperationMention, Span

NUMERAL = r"(?:[IVX]{1,5}|\d{1,4}(?:\.\d{1,2})?)\b"  # 'Pandora VII', 'Reina 33', 'Thunder 2021', 'Red Card 2.0'
CAPITAL = "A-ZÀ-ÖØ-ÞĀ-Ž"  # letters a name may start with (Latin, with the accented ones)
WORD = rf"[{CAPITAL}][\w'\u2019-]*"
NAME = rf"{WORD}(?:[ \t]+(?:{WORD}|{NUMERAL})){{0,3}}"
PREFIXES = codename_prefixes("prefix")
KEPT_PREFIXES = codename_prefixes("prefix-kept")
# Each pattern that scans a whole text starts with a case-sensitive class of the letters it can
# start with, the \b checked behind it: the engine then skips ahead to them in C (see skip_ahead:
# a lookahead or \b first is tried at every position; 0.43 -> 0.2 ms per release over the
# patterns here). The word before the name is read in any case ('OPERATION', 'operación'); the
# name must be capitalized.
_INITIALS = "".join(sorted({c for f in PREFIXES for c in (f[0].lower(), f[0].upper())}))
_PREFIX = skipping(PREFIXES, initials=_INITIALS) or rf"(?=[{_INITIALS}])\b(?:{'|'.join(PREFIXES)})"
_KEPT_PREFIX = (skipping(KEPT_PREFIXES, initials="".join(sorted({f[0] for f in KEPT_PREFIXES})))
                or rf"\b(?:{'|'.join(KEPT_PREFIXES)})")
NAMED = re.compile(rf"(?i:{_PREFIX})[ \t]++(?:[\"“‘'«„][ \t\u00a0]*+)?({NAME})")
KEPT = re.compile(rf"((?:{_KEPT_PREFIX})[ \t]++{NAME})")
QUOTED = re.compile(r"[Oo](?<=\b.)perations?[ \t]+[\"“‘']([^\"”’'\n]{2,40})[\"”’']")
# read from the quote mark back (quote marks are rare, the letter i is not): 'Investigation "Ambrosia"'
QUOTED_INVESTIGATION = re.compile(
    r"[\"“‘'](?:(?<=\b[Ii]nvestigation[ \t][\"“‘'])|(?<=\b[Ii]nvestigations[ \t][\"“‘']))"
    r"([^\"”’'\n]{2,40})[\"”’']")
# a name a naming verb gives in quotes is taken whole: "code-named ‘Fuel family’"
QUOTED_AFTER = re.compile(r"[\"“‘«']([^\"”’'»\n]{2,40})[\"”’'»]")
# the few naming verbs that say 'codename' alone, with no operation word before them:
# "Codenamed Thunder 2021, the operation involved ..."
CODENAMED = re.compile(r"[Cc](?<=\b.)ode[ -]?named[ \t]++(?:[\"“‘«'][ \t]*+)?([A-ZÀ-Þ][^\n,.;:()\"“”‘’«»]{0,40})")
QUOTE_OPENERS = "\"“‘«'"
# 'Operativo' is also an adjective inside a unit's name ('Raggruppamento Operativo Speciale')
ADJECTIVE_PREFIXES = frozenset({"Operativo"})
TASKFORCE = re.compile(r"(O(?<=\b.)perational[ \t]+Task[ \t]?[Ff]orce[ \t]+[A-Z][\w-]*)")
EDITION = re.compile(r"([A-Z](?<=\b.)[A-Z]{2,}(?:[ \t]+[A-Z]{3,})?[ \t]+[IVX]{1,5})\b")
# read with the naming pattern's IGNORECASE, so each capital is asked for case-sensitively:
# "known as Trojan Shield led to police raids" ends at 'Shield'
NATIVE_NAME = (r"(?-i:[A-ZÀ-Þ])[\w'\u2019-]*(?:[ \t]+(?:(?-i:[A-ZÀ-Þ])[\w'\u2019-]*|de|del|des|der|di|du|la|le|of|"
               r"the|y|and|et|und|\d{1,4}\b|(?-i:[IVX]{1,5})\b)){0,8}")
# Words that, between an operation word and a naming verb, show the name is of something
# else: "a takedown of a botnet called Emotet", "the operation targeted droppers called IcedID".
GAP_STOPS = r"(?:of|against|targeting|targeted|targets|into|on|for|by|with|from|a|an)\b"
OPERATION_WORD = re.compile(rf"^(?:{'|'.join(PREFIXES)})\s+", re.IGNORECASE)
OPERATION_WORD_ANYWHERE = re.compile(r"(?-i:[Oo])(?<=\b.)peration", re.IGNORECASE)
ABBREVIATION_AFTER = re.compile(r"^[ \t]*\(([A-Z][A-Z0-9 -]{1,20})\)")


def find_operations(text: str) -> list[OperationMention]:
    """Every distinct codename in order of first appearance."""
    found: dict[str, OperationMention] = {}

    def add(raw: str, start: int, how: str, quoted: bool = False) -> None:
        name = _trim(raw, quoted)
        if name and name.split()[0] not in not_codenames() and name not in found:
            found[name] = OperationMention(name, _span_of(name, raw, start), how=how)

    for quoting in (QUOTED, QUOTED_INVESTIGATION):
        for m in quoting.finditer(text):
            add(m.group(1), m.start(1), "quoted")
    for raw, start, quoted in _designated(text):
        add(raw, start, "designated", quoted)
    for m in CODENAMED.finditer(text) if "named" in text else ():
        add(m.group(1), m.start(1), "designated", text[m.start(1) - 1] in QUOTE_OPENERS)
    for pattern, how in ((NAMED, "named"), (KEPT, "named"), (TASKFORCE, "taskforce")):
        for m in pattern.finditer(text):
            if m.group(0).split()[0] in ADJECTIVE_PREFIXES and _after_capital(text, m.start()):
                continue
            add(m.group(1), m.start(1), how)
    if OPERATION_WORD_ANYWHERE.search(text):
        for m in EDITION.finditer(text):
            add(m.group(1), m.start(1), "edition")
    return sorted(found.values(), key=by_span)


def _designated(text: str) -> list[tuple[str, int, bool]]:
    """Names given with a naming verb after an operation word: 'The operation, called EMMA 7'
    (name, where it starts, whether it is written in quotes)."""
    pattern, verb = _designation_patterns()
    if verb.search(text) is None:
        return []  # no naming verb anywhere: the pattern, which needs one, is not tried at every noun
    names = []
    for m in pattern.finditer(text):
        if not m.group(1)[:1].isupper():
            continue
        quoted = QUOTED_AFTER.match(text, m.start(1) - 1) if m.start(1) else None
        if quoted:
            names.append((quoted.group(1), quoted.start(1), True))
            continue
        names.append((m.group(1), m.start(1), False))
        abbreviation = ABBREVIATION_AFTER.match(text[m.end(1):m.end(1) + 30])
        if abbreviation:
            start = m.end(1) + abbreviation.start(1)
            names.append((abbreviation.group(1), start, False))
    return names


@per_language
def _designation_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The pattern of a name given with a naming verb, and that of the verb alone (compiled once)."""
    verbs, nouns = codename_verbs()
    # lookaheads for the first letters: the engine gives up at once on a word that cannot start
    # a naming verb; and a class of them first (see skip_ahead), so it skips ahead to where a
    # noun or, in the pattern of the verb alone, a verb can start
    nouns_ahead, verbs_ahead = (f"(?=[{i}])" if i else "" for i in map(codename_initials, ("noun", "verb")))
    # A word of the gap is given back only whole or at a hyphen (where a verb may follow it:
    # 're-named'), not letter by letter: the same matches, without backtracking through every
    # word of a text full of operation words.
    gap = rf"(?:[ \t]++(?!{GAP_STOPS})(?:\w++|-)+){{0,3}}?"
    verb = rf"(?<!so-){verbs_ahead}\b(?:{verbs})"
    # blanks are taken whole (possessive): the words around them start with a letter, and a long
    # run of blanks would otherwise be split between two patterns in every way (quadratic)
    noun = skipping(_forms("noun")) or rf"{nouns_ahead}\b(?:{nouns})"
    pattern = re.compile(
        rf"{noun}\b{gap}[ \t]*+,?[ \t]*+{verb}[ \t]++(?:the[ \t]++)?"
        rf"(?:[\"“‘«'][ \t]*+)?({NATIVE_NAME})",
        re.IGNORECASE)
    return pattern, re.compile(skipping(_forms("verb"), r"(?<!so-)\b") or verb, re.IGNORECASE)


def _forms(kind: str) -> list[str]:
    """The forms of a kind of codename_verbs.tsv, in the order of `codename_verbs`' alternations."""
    return sorted((r["form"] for r in rows("codename_verbs.tsv") if r["kind"] == kind), key=len, reverse=True)


def _after_capital(text: str, start: int) -> bool:
    """The word before `start` is a capitalized noun: the prefix word stands inside a name."""
    before = text[max(0, start - 40):start].split()
    word = before[-1].lstrip("(\"'“‘«") if before else ""
    return len(word) > 3 and word[:1].isupper()  # not an article ('El Operativo Tormenta')


def _span_of(name: str, raw: str, start: int) -> Span:
    """Where the trimmed codename stands in the words it was read from ('Copper Tide' in
    'Operation Copper Tide'), so that its evidence is the name itself; the whole match when the
    trimmed name is not written there as one run (white space inside it differed)."""
    at = raw.find(name)
    return Span(start + at, start + at + len(name)) if at >= 0 else Span(start, start + len(raw))


def _trim(name: str, quoted: bool = False) -> str:
    """A codename without the word 'Operation' before it, nor trailing quote marks,
    connectors or punctuation ('dubbed Operation Glass Harbour' gives 'Glass Harbour'); a
    quoted name keeps its words in lower case ('Fuel family')."""
    name = OPERATION_WORD.sub("", name.strip().strip("'\"\u2019\u201d"))
    words = name.split()
    while words and ((words[-1].islower() and not quoted) or not words[-1][0].isalnum()):
        words.pop()
    return " ".join(words)
