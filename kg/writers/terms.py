"""What the three writers share: the checks an IRI or a language tag must pass, and strings
escaped as N-Triples and Turtle write them.

Why: a writer refuses a term no syntax (or no strict parser) accepts rather than write a
file that does not load, and all three refuse the same terms for the same reason.
"""
from __future__ import annotations

import re
from typing import Any

from rdflib import URIRef

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"

#: IRI caches are cleared when they reach this many entries (a build mints new IRIs forever).
CACHE_LIMIT = 1 << 18

# Characters an IRIREF may not contain (N-Triples, N-Quads, Turtle), plus DEL; and beyond
# ASCII, lone surrogates, which cannot be encoded as UTF-8 at all, and what RFC 3987 leaves
# out of an IRI and strict parsers (oxigraph) refuse: C1 controls, private-use characters,
# noncharacters, specials (U+FFF0..U+FFFF), tags and the bidirectional formatting characters
# (RFC 3987 section 4.1). The second class is slow to search, so only non-ASCII IRIs are.
_BAD_IRI = re.compile('[\x00-\x20<>"{}|^`\\\\\x7f]')
_BAD_IRI_NON_ASCII = re.compile(
    '[\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef'
    '\ufff0-\uffff\U000e0000-\U000e0fff\U000f0000-\U0010ffff'
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 15)) + "]")
# A '%' that does not start a percent-encoding.
_STRAY_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")
# Square brackets are allowed only around an IP literal host ("http://[::1]/").
_IP_LITERAL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://(?:[^/?#\[\]@]*@)?\[[^\[\]/?#]*\]")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*\Z")
# What a short ("...") string must escape: quote, backslash, every control character, and
# lone surrogates (which raise).
SHORT_SPECIAL = re.compile('["\\\\\x00-\x1f\x7f\ud800-\udfff]')
# What a long ("""...""") string must escape: backslash, control characters other than
# newline and tab, a quote followed by another quote or ending (or starting) the text.
_LONG_SPECIAL = re.compile('[\\\\\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]|"(?="|\\Z)|\\A"')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(match: re.Match) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        raise ValueError(f"a lone surrogate (U+{ord(char):04X}) cannot be written as UTF-8")
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def short_string(lex: str) -> str:
    """`lex` as a double-quoted N-Triples/Turtle string."""
    if SHORT_SPECIAL.search(lex):
        lex = SHORT_SPECIAL.sub(escape_char, lex)
    return f'"{lex}"'


def long_string(lex: str) -> str:
    """`lex` as a triple-quoted Turtle string: newlines and tabs stay as they are."""
    return '"""' + _LONG_SPECIAL.sub(escape_char, lex) + '"""'


def check_iri(term: Any) -> str:
    """The IRI of `term` if it is an IRI any of the three syntaxes can write, else ValueError."""
    if not isinstance(term, URIRef):
        raise ValueError(f"not an IRI (no blank nodes or literals here): {term!r}")
    iri = str(term)
    problem = iri_problem(iri)
    if problem:
        raise ValueError(f"{problem}: {iri!r}")
    return iri


def iri_problem(iri: str) -> str | None:
    """Why `iri` cannot be written as an IRI that every syntax and strict parser accepts, or None.

    Why: the writers refuse such an IRI rather than write a file that does not load, and
    whatever makes IRIs (a --base given by the user) can refuse it up front with the same
    reason, before anything is read.
    """
    bad = (_BAD_IRI.search(iri) or ("%" in iri and _STRAY_PERCENT.search(iri))
           or (not iri.isascii() and _BAD_IRI_NON_ASCII.search(iri)))
    if bad:
        return f"IRI contains {bad.group()!r}, which no RDF syntax allows"
    if "[" in iri or "]" in iri:
        host = _IP_LITERAL.match(iri)
        rest = iri[host.end():] if host else iri
        if "[" in rest or "]" in rest:
            return "IRI contains a square bracket outside an IP literal host"
    if not SCHEME.match(iri):
        return "not an absolute IRI (no scheme)"
    return None


def check_language(lang: str) -> str:
    if not _LANG.match(lang):
        raise ValueError(f"not a valid language tag: {lang!r}")
    return lang

