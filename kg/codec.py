"""Records as plain data and back, checked against their declared types.

Why: the build cache travels with an output folder (CI caches, archives, colleagues), so
what it holds must be data that cannot run code when read, unlike pickle. A record is
written as JSON: a dataclass as a list `[name, field values...]`, a tuple or frozenset as a
list, a date as `[year, month, day]`. Reading is driven by the dataclass declarations
alone: only the classes reachable from the type asked for can be made, and a value of the
wrong shape is a `CodecError` (the cache then treats the entry as absent).
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache, partial
from typing import Any, Union

FORMAT = 1  # bump when the encoding changes: entries of another format are not read


class CodecError(ValueError):
    """A stored value does not have the shape its type declares."""


def dumps(value: Any) -> bytes:
    """`value` (records, tuples, frozensets, dates, scalars) as JSON bytes."""
    return json.dumps(_plain(value), separators=(",", ":"), allow_nan=False).encode("utf-8")


def loads(data: bytes, kind: Any) -> Any:
    """The value of type `kind` that `dumps` wrote as `data`; CodecError if it is not one."""
    try:
        plain = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise CodecError(f"not JSON: {error}") from None
    try:
        return _read(plain, kind)
    except RecursionError:
        raise CodecError("nested too deeply") from None


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, datetime):
        raise TypeError("a datetime would lose its time in the build cache")
    if isinstance(value, date):
        return [value.year, value.month, value.day]
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset):  # sorted by the encoding, so equal sets give equal bytes
        return sorted((_plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, *(_plain(getattr(value, f.name)) for f in _fields(type(value)))]
    raise TypeError(f"cannot store a {type(value).__name__} in the build cache")


@cache
def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init)


@cache
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in _fields(cls))


def _read(plain: Any, kind: Any) -> Any:
    return _reader(kind)(plain)


@cache
def _reader(kind: Any) -> Callable[[Any], Any]:
    """A function reading a value of type `kind`, made once per type: the type is looked at
    once, not once per value (a release holds thousands)."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        return _union_reader(typing.get_args(kind))
    if origin in (tuple, list, frozenset):
        return _collection_reader(origin, typing.get_args(kind))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _record_reader(kind)
    if kind is date:
        return _read_date
    if kind in (str, int, float, bool, type(None)):
        return partial(_read_scalar, kind)
    raise TypeError(f"the build cache cannot hold a {kind}")  # a record declared so: a bug


def _read_scalar(kind: type, plain: Any) -> Any:
    if type(plain) is kind:
        return plain
    if kind is float and type(plain) is int:
        return float(plain)
    if kind is type(None) and plain is None:
        return None
    raise CodecError(f"expected {kind.__name__}, found {type(plain).__name__}")


def _union_reader(options: tuple) -> Callable[[Any], Any]:
    optional = type(None) in options
    records = {o.__name__: _record_reader(o) for o in options
               if isinstance(o, type) and dataclasses.is_dataclass(o)}
    others = [_reader(o) for o in options if o is not type(None) and not dataclasses.is_dataclass(o)]

    def read(plain: Any) -> Any:
        if plain is None:
            if optional:
                return None
            raise CodecError("a missing value where one is required")
        if records and isinstance(plain, list) and plain and isinstance(plain[0], str):
            record = records.get(plain[0])
            if record is not None:
                return record(plain)
        for other in others:
            try:
                return other(plain)
            except CodecError:
                continue
        raise CodecError(f"a value of none of the types {options}")
    return read


def _collection_reader(origin: type, args: tuple) -> Callable[[Any], Any]:
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        members = [_reader(a) for a in args]

        def fixed(plain: Any) -> Any:
            if not isinstance(plain, list) or len(plain) != len(members):
                raise CodecError(f"expected a list of {len(members)} values")
            return tuple(m(v) for m, v in zip(members, plain, strict=True))
        return fixed
    member = _reader(args[0])

    def many(plain: Any) -> Any:
        if not isinstance(plain, list):
            raise CodecError(f"expected a list, found {type(plain).__name__}")
        items = [member(v) for v in plain]
        if origin is frozenset:
            try:
                return frozenset(items)
            except TypeError:
                raise CodecError("an unhashable member of a set") from None
        return tuple(items) if origin is tuple else items
    return many


@cache
def _record_reader(cls: type) -> Callable[[Any], Any]:
    fields = [(name, _reader(hint)) for name, hint in _hints(cls)]
    size = len(fields) + 1

    def read(plain: Any) -> Any:
        if not (isinstance(plain, list) and len(plain) == size and plain[0] == cls.__name__):
            raise CodecError(f"expected a {cls.__name__} of {size - 1} fields")
        values = {name: field(v) for (name, field), v in zip(fields, plain[1:], strict=True)}
        try:
            return cls(**values)
        except (TypeError, ValueError) as error:  # a record that checks its own values
            raise CodecError(f"not a {cls.__name__}: {error}") from None
    return read


def _read_date(plain: Any) -> date:
    if not (isinstance(plain, list) and len(plain) == 3 and all(type(v) is int for v in plain)):
        raise CodecError("expected a date as [year, month, day]")
    try:
        return date(*plain)
    except ValueError as error:
        raise CodecError(f"not a date: {error}") from None
