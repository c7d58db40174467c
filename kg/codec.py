"""Records as bytes and back, checked against their declared types (msgspec's MessagePack).

Why: the build cache travels with an output folder (CI caches, archives, colleagues), so
what it holds must be data that cannot run code when read, unlike pickle. msgspec makes only
the types asked for (the record dataclasses reachable from them, tuples, frozensets, dates,
scalars) and rejects a value of any other shape. Every release crosses the cache between the
build's two passes, so speed matters: the hand-written JSON codec msgspec replaced took
0.88 ms to write and 0.89 ms to read a release, msgspec takes 0.14 and 0.22 ms (500
generated releases, the cyclic collector off while reading; issue 18).
"""
from __future__ import annotations

from functools import cache
from typing import Any

import msgspec

FORMAT = 2  # bump when the encoding changes: entries of another format are not read

_ENCODER = msgspec.msgpack.Encoder()


class CodecError(ValueError):
    """A stored value does not have the shape its type declares."""


def dumps(value: Any) -> bytes:
    """`value` (records, tuples, frozensets, dates, scalars) as MessagePack bytes; CodecError
    for a string that is not Unicode text (a lone surrogate: the readers replace them)."""
    try:
        return _ENCODER.encode(value)
    except UnicodeEncodeError as error:
        raise CodecError(f"not Unicode text: {error.object[error.start:error.end]!r}") from None


def loads(data: bytes, kind: Any) -> Any:
    """The value of type `kind` that `dumps` wrote as `data`; CodecError if it is not one (a
    record whose own checks refuse the values included)."""
    try:
        return _decoder(kind).decode(data)
    except (msgspec.DecodeError, RecursionError) as error:  # ValidationError is a DecodeError
        raise CodecError(str(error)) from None


@cache
def _decoder(kind: Any) -> msgspec.msgpack.Decoder:
    """One decoder per type: msgspec reads the declarations once, not once per value."""
    return msgspec.msgpack.Decoder(kind)
