"""Patterns rewritten to skip ahead (kg.extract.skip_ahead) match what they were written from."""
from __future__ import annotations

import re
import string

import pytest

from kg.extract.skip_ahead import cased, skipping

EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize("letter", string.ascii_lowercase)
def test_cased_is_every_character_a_case_insensitive_pattern_matches(letter):
    assert sorted(cased(letter)) == sorted(re.findall(f"(?i){letter}", EVERY_CHARACTER))


@pytest.mark.parametrize("text", [
    "so-called Emotet, called Emotet, CALLED X, ſo named, İnitiated, xcalled, named",
    "The operation, code-named 'Fuel family', began on 13 November.", "Kalled ıamed"])
def test_a_skipping_alternation_matches_as_the_plain_one(text):
    forms = ["called", "named", "code-named", "known as", "initiated", r"set\s+up", "kalled"]
    plain = re.compile(rf"(?<!so-)\b(?:{'|'.join(forms)})", re.IGNORECASE)
    fast = re.compile(skipping(forms, r"(?<!so-)\b") or "", re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("form", ["a|b", "s?called", "(called)", "écrit"])
def test_a_form_that_cannot_be_rewritten_is_left_to_the_caller(form):
    assert skipping([form]) is None
