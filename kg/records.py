"""The plain records passed between the stages of the flow.

Why: ingest, extract, resolve and map are separate stages so that each can be
tested, cached and run in parallel on its own. These frozen dataclasses are the
only thing the stages share; none of them knows about RDF.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property


def text_key(text: str) -> str:
    """The identity of a release's text: a hash of it with all white space removed.

    Why: the same release is often saved once with line breaks and once without
    ("in 2017.Those events"); both must become one release.
    """
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets [start, end) into a document's text: the evidence of a fact."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One release as read: clean text plus what the source says about itself."""

    text: str
    source_paths: tuple[str, ...]
    format: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    source_hashes: tuple[str, ...] = ()  # SHA-256 of each source file's bytes, as source_paths
    published_precision: str = "day"  # what `published` states: "day", "month" or "year"

    @cached_property
    def key(self) -> str:
        """The release's identity (see `text_key`); a hash of the whole text, so made once."""
        return text_key(self.text)


@dataclass(frozen=True)
class SkippedFile:
    """An input that could not be read, and why; the build goes on without it."""

    path: str
    reason: str


@dataclass(frozen=True)
class AgencyMention:
    """An authority named in the text.

    `ref` is the id of the curated reference row when the name is known there;
    otherwise the agency is identified by its normalized name and `country`.
    `generic` marks a national reference such as "Spanish police", which stands
    for a named body of that country when the release names one.
    `how` names the rule that found it (a method of data/confidence.tsv), `listed`
    says it stands in a list of agencies or on a participating-authority line, and
    `lead_how` how its lead role was read ('phrase' next to it, 'list' around its list, 'unit'
    further on in a phrase that names a unit of it).
    """

    surface: str
    span: Span
    ref: str | None = None
    country: str | None = None
    lead: bool = False
    generic: bool = False
    how: str = "curated"
    listed: bool = False
    lead_how: str | None = None


@dataclass(frozen=True)
class CountryMention:
    """A country whose authorities took part or where the operation acted (ISO alpha-2);
    `how`: 'name' (the country's name), 'region' ("New South Wales") or 'nationality'
    ("Polish ... authorities")."""

    code: str
    surface: str
    span: Span
    how: str = "name"


@dataclass(frozen=True)
class OfficialMention:
    """A named person speaking or acting for an authority.

    `how` says what puts the person on record ('speech', 'caption'); `agency_how` where
    the agency was read ('title', 'sentence', 'release').
    """

    name: str
    span: Span
    title: str | None = None
    agency: AgencyMention | None = None
    statement: str | None = None
    how: str = "speech"
    agency_how: str | None = None


@dataclass(frozen=True)
class OutcomeMention:
    """A quantified result: `type` is a local name of the contract (Arrest, Seizure, ...).

    `count` is the number as written, rounded down ("1.3 million" gives 1); for
    amounts, `unit` says what it counts ("kg", "EUR million") and `quantity`
    is the whole amount in that unit's base ("EUR", 1300000). `item` is what
    was counted or seized ("firearms", "cocaine"). `how` names the rule that typed it
    ('trigger', 'trigger-bare', 'total', 'bracketed', 'breakdown', 'list', 'heading').
    """

    type: str
    count: int
    span: Span
    qualifier: str | None = None
    country: str | None = None
    unit: str | None = None
    quantity: float | None = None
    item: str | None = None
    how: str = "trigger"


@dataclass(frozen=True)
class OperationMention:
    """An operation's codename as the text gives it, without the word 'Operation';
    `how`: 'named', 'quoted', 'designated', 'taskforce' or 'edition' (see extract/operations.py)."""

    codename: str
    span: Span
    how: str = "named"


@dataclass(frozen=True)
class CrimeAreaMention:
    """Words that place the operation in a crime area (a concept of ontology/crime-areas)."""

    area: str
    span: Span


@dataclass(frozen=True)
class EventDateMention:
    """A date the operation acted on (`action`) or the year it began (`start`)."""

    kind: str
    value: date
    span: Span


@dataclass(frozen=True)
class DateMention:
    """The release's publication date and where it was read (`metadata` or the text)."""

    value: date
    source: str
    span: Span | None = None
    precision: str = "day"  # "day", "month" (a gYearMonth) or "year"


@dataclass(frozen=True, order=True)
class Statement:
    """A plain triple about a node, for a node an extractor describes itself (kg.model): the
    predicate and object as prefixed names or text; `datatype` a literal's (prefixed; "" a
    plain literal; "@id": the value is an IRI), or `kind` the model kind whose node it is."""

    predicate: str
    value: str
    datatype: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Mention:
    """What an extractor of a kind declared only in the model finds (kg/data/model.toml): a
    link `predicate` of the operation to `value` (an entity key or a literal), the words
    behind it, the rule that found it, and what the graph should say of the entity
    (`about`: its name, coordinates ...)."""

    predicate: str
    value: str
    span: Span
    method: str
    about: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one document."""

    document: Document
    agencies: tuple[AgencyMention, ...] = ()
    countries: tuple[CountryMention, ...] = ()
    officials: tuple[OfficialMention, ...] = ()
    outcomes: tuple[OutcomeMention, ...] = ()
    operations: tuple[OperationMention, ...] = ()
    published: DateMention | None = None
    crime_areas: tuple[CrimeAreaMention, ...] = ()
    event_dates: tuple[EventDateMention, ...] = ()
    mentions: tuple[Mention, ...] = ()


# Resolved entities: what the graph is made of. `key` is the stable identity
# from which ids.py mints the IRI.


@dataclass(frozen=True)
class Fact:
    """One asserted fact, the words that support it, and how sure the extractor is of it.

    `predicate` is the ontology's local name of the link ('involves', 'ledBy', 'country',
    'codename', 'crimeArea', 'startYear', 'actionDate', 'memberOf') or 'issued'; `value`
    is the object's key (an agency key, a country code) or its literal text (a codename,
    an ISO date). `method` is the rule that found it, `confidence` its row in
    extract/data/confidence.tsv (the best of the mentions that support it).
    """

    predicate: str
    value: str
    spans: tuple[Span, ...]
    confidence: float
    method: str


@dataclass(frozen=True, order=True)
class Phrase:
    """Words of a release that support a fact, the sentence they stand in, and the entities
    they name as (kind, key) pairs: kind is agency, country, official, outcome, operation
    (key '': the release's operation), crime-area or date (no entity)."""

    span: Span
    sentence: Span
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BuildActivity:
    """The build that produced a graph: what PROV-O records of it in every release graph."""

    started: datetime
    version: str
    data_sha256: str
    shapes_sha256: str | None
    min_confidence: float


@dataclass(frozen=True)
class Country:
    """A country with its ISO 3166-1 alpha-2 code."""

    code: str
    label: str
    alt_labels: tuple[str, ...] = ()
    alpha3: str | None = None


@dataclass(frozen=True)
class Agency:
    """An authority: a curated reference row (`known`) or one recognized in the text."""

    key: str
    label: str
    alt_labels: tuple[str, ...] = ()
    country: str | None = None
    known: bool = True
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Official:
    """A person speaking for an authority."""

    key: str
    name: str
    title: str | None
    agency: str | None
    statement: str | None = None
    spans: tuple[Span, ...] = ()
    confidence: float = 1.0
    method: str = ""
    facts: tuple[Fact, ...] = ()  # memberOf


@dataclass(frozen=True)
class Outcome:
    """A quantified result of an operation, as one release reports it."""

    key: str
    type: str
    count: int
    qualifier: str | None = None
    country: str | None = None
    unit: str | None = None
    quantity: float | None = None
    item: str | None = None
    spans: tuple[Span, ...] = ()
    confidence: float = 1.0
    method: str = ""


@dataclass(frozen=True)
class Operation:
    """An operation: merged across releases by its codename, else one per release."""

    key: str
    codenames: tuple[str, ...] = ()
    involves: tuple[str, ...] = ()
    led_by: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    crime_areas: tuple[str, ...] = ()
    start_year: int | None = None
    action_dates: tuple[date, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Described:
    """A node of a kind declared only in the model, as its extractor describes it."""

    kind: str
    key: str
    about: tuple[Statement, ...]


@dataclass(frozen=True)
class Release:
    """One release, resolved: the unit that becomes one named graph."""

    key: str
    document: Document
    published: date | None
    operations: tuple[Operation, ...]
    officials: tuple[Official, ...]
    agencies: tuple[Agency, ...] = field(default=())
    countries: tuple[Country, ...] = field(default=())
    facts: tuple[Fact, ...] = ()  # issued
    phrases: tuple[Phrase, ...] = ()
    described: tuple[Described, ...] = ()
