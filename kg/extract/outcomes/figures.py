"""A number as written and the figure it makes in context: what the stages read and fill in.

Why: each stage adds to one record per number (what it counts, then its type, the rule that
typed it and its country), so the stages share this record rather than passing tuples.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Number:
    """A number as written: its value and its tokens [first, stop)."""

    value: float
    first: int
    stop: int
    word: bool = False
    decimal: bool = False


@dataclass
class Figure:
    """A number read in context: what it counts and, once typed, which outcome it is."""

    number: Number
    lead: int  # first token of the figure: qualifier and currency sign included
    stop: int  # token after the figure: scale and unit included
    end: int  # token after the words naming what it counts
    cls: str  # class of the counted noun (nouns.tsv), 'amount', 'money' or 'any'
    head: int | None = None  # token of the counted noun
    scale: float = 1.0
    scale_name: str = ""
    unit: str | None = None
    item: str | None = None
    qualifier: str | None = None
    kind: str | None = None
    allowed: frozenset[str] = frozenset()
    trigger: int | None = None  # token of the trigger that typed it
    country: str | None = None
    how: str | None = None  # the rule that typed it (OutcomeMention.how)

    @property
    def weak(self) -> bool:
        """'one' alone is mostly a pronoun ('one of the largest'); it counts only with a known noun."""
        return self.number.word and self.number.value * self.scale == 1 and self.cls in ("item", "any")
