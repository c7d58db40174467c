"""The model: every kind of node and every link of the graph, declared once (kg/data/model.toml).

Why: as followthemoney declares its schemata as data, a kind of thing the graph holds is
one declaration that the code iterates over (IRIs, triples, explain, query parameters,
confidence), not a name threaded through a dozen modules. Adding a kind means a table in
the data file and an extractor that finds it.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import ReferenceDataError
from kg.resources import data_path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

LITERALS = ("string", "issued")  # datatypes that are no XSD name: a plain literal; a date of any precision


@dataclass(frozen=True)
class Kind:
    """A kind of thing a phrase names and the graph holds (see kg/data/model.toml)."""

    name: str
    cls: str | None = None  # the class IRI
    segment: str | None = None
    upper: bool = False
    concept: bool = False
    reference: bool = False  # described once, in the reference graph
    confidence: str | None = None
    parameter: str | None = None
    plural: str = ""
    code: str | None = None  # the IRI of a property that also names it
    letter: str = "?"
    background: str = "#DDDDDD"
    ansi: str = "4"
    colour: str = ""


@dataclass(frozen=True)
class Link:
    """A link between kinds, or from a kind to a literal, with its predicate's IRI."""

    name: str
    predicate: str
    subject: str
    object: str | None = None  # a kind's name
    datatype: str | None = None  # "string", "issued" or an XSD IRI
    kind: str = "other"  # for a literal, the kind `kg explain` shows it as


@dataclass(frozen=True)
class Model:
    """The kinds and links in the file's order (the order `kg explain` tags and lists them),
    and the prefixes their names are written with."""

    kinds: dict[str, Kind]
    links: dict[str, Link]
    prefixes: dict[str, str]


@cache
def expand(name: str) -> str:
    """The IRI of a prefixed name of the model ('opg:Agency', 'geo:lat')."""
    return _expand(model().prefixes, name, data_path("model.toml"))


def _expand(prefixes: dict[str, str], name: str, where: Path) -> str:
    prefix, _, local = name.partition(":")
    if prefix not in prefixes or not local:
        raise ReferenceDataError(f"{where}: {name!r} is no prefixed name of {', '.join(prefixes)}")
    return prefixes[prefix] + local


@cache
def model() -> Model:
    """The packaged model, read and checked once."""
    return read_model(data_path("model.toml"))


def read_model(path: Path) -> Model:
    """The model a file declares; ReferenceDataError when it is no TOML or breaks a rule."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ReferenceDataError(f"{path}: {error}") from None
    prefixes = {str(k): str(v) for k, v in data.get("prefixes", {}).items()}
    kinds = {name: _kind(path, prefixes, name, row) for name, row in data.get("kinds", {}).items()}
    links = {name: _link(path, prefixes, name, row) for name, row in data.get("links", {}).items()}
    _check(path, kinds, links)
    return Model(kinds, links, prefixes)


def _kind(path: Path, prefixes: dict[str, str], name: str, row: dict) -> Kind:
    row = dict(row)
    cls, code = row.pop("class", None), row.pop("code", None)
    try:
        return Kind(name, _expand(prefixes, cls, path) if cls else None,
                    code=_expand(prefixes, code, path) if code else None, **row)
    except TypeError as error:
        raise ReferenceDataError(f"{path}: kind {name}: {error}") from None


def _link(path: Path, prefixes: dict[str, str], name: str, row: dict) -> Link:
    row = dict(row)
    predicate = _expand(prefixes, row.pop("predicate", f"opg:{name}"), path)
    datatype = row.pop("datatype", None)
    if datatype is not None and datatype not in LITERALS:
        datatype = _expand(prefixes, datatype, path)
    try:
        return Link(name, predicate, datatype=datatype, **row)
    except TypeError as error:
        raise ReferenceDataError(f"{path}: link {name}: {error}") from None


def _check(where: Path, kinds: dict[str, Kind], links: dict[str, Link]) -> None:
    """Every link names kinds the model has and one object; every kind a look of its own."""
    for link in links.values():
        ends = [link.subject, *([link.object] if link.object else [])]
        unknown = [end for end in (*ends, link.kind) if end not in kinds and end != "release"]
        if unknown or (link.object is None) == (link.datatype is None):
            raise ReferenceDataError(f"{where}: link {link.name}: needs known kinds and one object "
                                     f"or datatype")
    letters = [k.letter for k in kinds.values()]
    for kind in kinds.values():
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", kind.background) or not re.fullmatch(r"[0-9;]+", kind.ansi):
            raise ReferenceDataError(f"{where}: {kind.name}: background must be #RRGGBB, ansi SGR numbers")
        if len(kind.letter) != 1 or kind.letter in '"\\<>&' or letters.count(kind.letter) > 1:
            raise ReferenceDataError(f"{where}: {kind.name}: letter must be one character of its own, "
                                     f"not a quote or markup")
