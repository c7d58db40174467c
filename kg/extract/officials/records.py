"""The records between the stages of reading officials: what the words around one occurrence
of a name say, and the person assembled from those readings.

Why: names are read, given their quotes, vetted and assembled by separate modules; these are
what they pass on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.officials.names import Name
from kg.extract.quotes import Quote
from kg.records import AgencyMention, OfficialMention, Span


@dataclass
class Reading:
    """What the words around one occurrence of a name say about the person."""

    name: Name
    text: str
    title: str | None = None
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    role: bool = False
    speech: bool = False
    acts: bool = False
    caption: bool = False
    tainted: bool = False  # words around the name make the person a suspect or victim
    quote_after: int | None = None
    quote_before: int | None = None
    statements: list[Quote] = field(default_factory=list)


@dataclass
class Person:
    """An official as assembled from the readings of their name."""

    name: str
    span: Span
    words: tuple[str, ...]
    title: str | None
    agency: AgencyMention | None
    agency_how: str | None  # where the agency was read: 'title', 'sentence', 'release'
    statements: dict[int, str] = field(default_factory=dict)
    how: str = "speech"  # 'speech' (speech or action with a role) or 'caption' (a caption alone)

    def take(self, other: Person) -> None:
        """Merge what another reading of the same person says: the agency of the title wins, and
        with it where it was read; a person who speaks in any reading is on record by speech."""
        self.title = self.title or other.title
        if other.agency and (self.agency is None or (other.agency_how == "title" and self.agency_how != "title")):
            self.agency, self.agency_how = other.agency, other.agency_how
        if other.how == "speech":
            self.how = "speech"
        self.statements.update(other.statements)

    def mention(self) -> OfficialMention:
        """The record: every statement the person made, in the order of the text."""
        said = " ".join(self.statements[k] for k in sorted(self.statements) if self.statements[k])
        return OfficialMention(self.name, self.span, title=self.title, agency=self.agency, statement=said or None,
                               how=self.how, agency_how=self.agency_how)
