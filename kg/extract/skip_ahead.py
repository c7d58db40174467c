"""Word alternations written so that `re` skips ahead to where they can start.

Why: `re` looks for where a pattern can start with a fast loop in C only when the pattern
begins with a character, or a class of characters, matched case-sensitively. A pattern that
begins with a lookahead (`(?=[Oo])\\b...`) or a case-insensitive word is tried at each position
of the text instead, two to three times slower over a release (operations and event dates scan
each release a dozen times). `skipping` writes `before(?:form|...)` to begin with a class of the
forms' first letters in every case, check `before` behind that letter, and match the rest of
each form after a lookbehind for its own first letter: the same matches, at the same offsets.
"""
from __future__ import annotations

from collections.abc import Iterable

# The characters a case-insensitive `re` matches for an ASCII letter beyond its upper and lower
# case (Python's sre special cases; tests/extract/test_skip_ahead.py checks all of Unicode).
FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
QUANTIFIERS = frozenset("?*+{")


def skipping(forms: Iterable[str], before: str = r"\b", initials: str | None = None) -> str | None:
    """`(?:before)(?:form|...)` rewritten to start with a case-sensitive class of the forms' first
    letters, or None where a form does not start with a plain ASCII letter (its first character
    alone, not quantified) or holds a '|' outside brackets (then the caller keeps its pattern).

    `before` is a zero-width assertion read where the form starts (`\\b`, `(?<!so-)\\b`);
    `initials`, the characters a form may start with: by default every character a
    case-insensitive pattern matches for a first letter (see `cased`).
    """
    forms = list(forms)
    if not forms or not all(_plain_start(f) for f in forms):
        return None
    if initials is None:
        initials = cased("".join({f[0] for f in forms}))
    rest = "|".join(f"(?<={f[0]}){f[1:]}" for f in forms)
    return f"(?-i:[{initials}])(?<={before}.)(?:{rest})"


def cased(letters: str) -> str:
    """Every character a case-insensitive `re` matches for one of `letters` (ASCII letters)."""
    found = set()
    for letter in letters:
        found |= {letter.lower(), letter.upper(), *FOLDS.get(letter.lower(), "")}
    return "".join(sorted(found))


def _plain_start(form: str) -> bool:
    """The form starts with an ASCII letter that stands alone, and is one alternative."""
    if not (form[:1].isascii() and form[:1].isalpha()) or form[1:2] in QUANTIFIERS:
        return False
    return not any(ch == "|" and depth == 0 for ch, depth in _outside_classes(form))


def _outside_classes(form: str):
    """The unescaped characters of a regex fragment outside character classes, each with its
    depth of parentheses."""
    depth, at, in_class, class_start = 0, 0, False, 0
    while at < len(form):
        ch = form[at]
        if ch == "\\":
            at += 2
            continue
        if in_class:
            in_class = not (ch == "]" and at > class_start)
        elif ch == "[":
            in_class, class_start = True, at + (2 if form[at + 1:at + 2] == "^" else 1)
        else:
            depth += (ch == "(") - (ch == ")")
            yield ch, depth
        at += 1
