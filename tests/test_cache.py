"""The build cache: values come back as stored, a damaged or stale entry is a miss, prune keeps what was used."""
from __future__ import annotations

from pathlib import Path

from kg.cache import Cache, code_sha256


def test_a_stored_value_comes_back_and_an_unknown_key_is_a_miss(tmp_path):
    cache = Cache(tmp_path, "stamp")
    key = cache.key("file", "a.txt", "0" * 64)
    assert cache.load("files", key) is None
    cache.store("files", key, {"releases": [1, 2, 3]})
    assert cache.load("files", key) == {"releases": [1, 2, 3]}


def test_keys_depend_on_the_stamp_and_on_every_part(tmp_path):
    one, two = Cache(tmp_path, "tools v1"), Cache(tmp_path, "tools v2")
    assert one.key("a", "b") != two.key("a", "b")
    assert one.key("a", "b") != one.key("ab")
    assert one.key("a", "b") == Cache(tmp_path, "tools v1").key("a", "b")


def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path):
    cache = Cache(tmp_path, "s")
    key = cache.key("x")
    cache.store("releases", key, "value")
    [entry] = (tmp_path / "releases").rglob(key)
    entry.write_bytes(b"not a pickle")
    assert cache.load("releases", key) is None


def test_prune_removes_what_the_last_build_did_not_use(tmp_path):
    cache = Cache(tmp_path, "s")
    keys = [cache.key(str(i)) for i in range(4)]
    for key in keys:
        cache.store("files", key, key)
    assert cache.prune({"files": set(keys[:2])}) == 2
    assert [cache.load("files", k) for k in keys] == [keys[0], keys[1], None, None]


def test_the_code_hash_changes_with_any_source_file(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    before = code_sha256(tmp_path)
    (tmp_path / "a.py").write_text("x = 2\n")
    assert code_sha256(tmp_path) != before
    assert code_sha256(Path(__file__).parent.parent / "kg") == code_sha256(Path(__file__).parent.parent / "kg")
