"""One operation, several releases: releases that report the same operation share one node.

Why: an agency's release and a newspaper's article about the same raids must
count once in "operations per agency". Two releases report the same operation
when:
- they give it the same codename (resolve.py already keys the operation by its
  first codename, so those share a node without any comparison here); or
- without a codename in common, their facts agree strongly: published at most
  MAX_DAYS apart (when both have a date), and either two result figures in
  common ("107 arrests", "1 388 firearms"), or one figure plus agencies or
  countries largely in common (both dated: a figure such as "13 arrests" and
  "Europol and the national police" recur in many undated releases), or the
  same official quoted with agencies and countries largely in common.
Two operations with different codenames are never merged ("Pandora VII" and
"Pandora IX" are two editions), and neither is a group that would hold two.
Only pairs that share a figure or an official are compared, so the cost grows
with the releases that could match, not with the square of the corpus.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations

from kg.records import Release

MAX_DAYS = 21
MIN_FIGURE = 3  # smaller counts ("2 arrests") are too common to tie two releases together


@dataclass(frozen=True)
class Profile:
    """What one release says about its operation, as compared here."""

    key: str
    codename: str | None
    published: date | None
    agencies: frozenset[str]
    countries: frozenset[str]
    figures: frozenset[tuple[str, int, str | None, str | None]]
    officials: frozenset[str]


def profile(release: Release) -> Profile | None:
    """What `same_operation` compares of a release (None when it reports no operation)."""
    if not release.operations:
        return None
    op = release.operations[0]
    figures = frozenset((o.type, o.count, o.unit, o.country) for o in op.outcomes
                        if o.count >= MIN_FIGURE)
    return Profile(op.key, op.key if op.codenames else None, release.published,
                    frozenset(op.involves), frozenset(op.countries), figures,
                    frozenset(o.key for o in release.officials))


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def same_operation(a: Profile, b: Profile) -> bool:
    """Whether two releases' facts agree strongly enough to be one operation (see module doc)."""
    if a.codename and b.codename:
        return a.codename == b.codename
    if a.published and b.published and abs((a.published - b.published).days) > MAX_DAYS:
        return False
    shared = len(a.figures & b.figures)
    agencies, countries = _jaccard(a.agencies, b.agencies), _jaccard(a.countries, b.countries)
    if shared >= 2:
        return True
    dated = a.published is not None and b.published is not None
    if shared == 1 and dated and (agencies >= 0.3 or countries >= 0.5):
        return True
    return bool(a.officials & b.officials) and agencies >= 0.5 and countries >= 0.5


MAX_SHARED = 64  # a feature more releases share than this ties two of them only with help


def _candidates(profiles: Sequence[Profile | None]) -> list[tuple[int, int]]:
    """Pairs of releases worth comparing: those that share a figure or an official.

    A feature shared by more than MAX_SHARED releases ("4 seizures" in a corpus of a hundred
    thousand) would make the pairs grow with the square of the corpus, so such a feature pairs
    only releases published at most MAX_DAYS apart (others cannot be one operation anyway),
    and releases sharing two such features (again only those near in time when more than
    MAX_SHARED do). So a pair that shares only common features and lacks a date on one side is
    not compared: the weakest evidence there is; every other pair is, as before.
    """
    index: dict[object, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        if p is not None:
            for feature in _features(p):
                index[feature].append(i)
    pairs: set[tuple[int, int]] = set()
    common: dict[int, list[object]] = defaultdict(list)
    for feature, members in index.items():
        if len(members) <= MAX_SHARED:
            pairs.update(combinations(members, 2))
            continue
        pairs.update(_near_in_time(members, profiles))
        for i in members:
            common[i].append(feature)
    by_two: dict[tuple, list[int]] = defaultdict(list)
    for i in sorted(common):  # members in index order, so every pair is (lower, higher)
        for two in combinations(sorted(common[i], key=repr), 2):
            by_two[two].append(i)
    for members in by_two.values():
        pairs.update(combinations(members, 2) if len(members) <= MAX_SHARED
                     else _near_in_time(members, profiles))
    return sorted(pairs)


def _features(p: Profile) -> tuple:
    return (*p.figures, *(("official", o) for o in p.officials))


def _near_in_time(members: list[int], profiles: Sequence[Profile | None]) -> Iterator[tuple[int, int]]:
    """Pairs of dated releases among `members` published at most MAX_DAYS apart (in index order)."""
    published = ((p.published, i) for i in members if (p := profiles[i]) is not None)
    dated = sorted((day, i) for day, i in published if day is not None)
    start = 0
    for end, (day, i) in enumerate(dated):
        while (day - dated[start][0]).days > MAX_DAYS:
            start += 1
        for _, j in dated[start:end]:
            yield (min(i, j), max(i, j))


def merge_operations(releases: Sequence[Release]) -> list[Release]:
    """The releases with the operations they share under one key."""
    keys = operation_keys([profile(r) for r in releases])
    return [release if key is None else
            replace(release, operations=(replace(release.operations[0], key=key), *release.operations[1:]))
            for release, key in zip(releases, keys, strict=True)]


def operation_keys(profiles: Sequence[Profile | None]) -> list[str | None]:
    """For each release (by its profile, in reading order), the key its operation takes when it
    is merged with another release's, or None when it keeps its own. Why apart from
    `merge_operations`: a streaming build keeps only the profiles in memory, not the releases."""
    parent = list(range(len(profiles)))
    known = {i: p for i, p in enumerate(profiles) if p is not None}
    codenames: dict[int, set[str]] = {i: {p.codename} if p and p.codename else set()
                                      for i, p in enumerate(profiles)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(profiles):
        a, b = root(i), root(j)
        if a == b or len(codenames[a] | codenames[b]) > 1:
            continue
        if same_operation(known[i], known[j]):
            low, high = min(a, b), max(a, b)
            parent[high] = low
            codenames[low] |= codenames.pop(high)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in known:
        groups[root(i)].append(i)
    keys: list[str | None] = [None] * len(profiles)
    for members in groups.values():
        if len(members) < 2:
            continue
        own = {known[i].key for i in members}
        codename_keys = {c for i in members if (c := known[i].codename) is not None}
        key = min(codename_keys or own)
        for i in members:
            keys[i] = key
    return keys
