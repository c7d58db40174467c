import os
import stat

import pytest

from kg.errors import OutputError
from kg.serialize import AtomicOutputs, write_atomically

def test_atomic_write_replaces_all_files(tmp_path):
    write_atomically({tmp_path / "a.txt": "one", tmp_path / "b.txt": "two"})
    assert (tmp_path / "a.txt").read_text() == "one" and (tmp_path / "b.txt").read_text() == "two"


def test_a_failed_write_leaves_the_previous_output_and_no_temporary_file(tmp_path):
    (tmp_path / "a.txt").write_text("old")
    (tmp_path / "b.txt").mkdir()  # cannot be replaced by a file
    with pytest.raises(OutputError):
        write_atomically({tmp_path / "a.txt": "new", tmp_path / "b.txt": "new"})
    assert (tmp_path / "a.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_streamed_outputs_appear_together_and_an_error_inside_leaves_the_old_ones(tmp_path):
    (tmp_path / "a.nq").write_text("old")
    with pytest.raises(RuntimeError):
        with AtomicOutputs([tmp_path / "a.nq", tmp_path / "b.ttl"], binary=True) as files:
            files[tmp_path / "a.nq"].write(b"half")
            raise RuntimeError("interrupted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nq"]
    assert (tmp_path / "a.nq").read_text() == "old"
    with AtomicOutputs([tmp_path / "a.nq", tmp_path / "b.ttl"], binary=True) as files:
        files[tmp_path / "a.nq"].write(b"new")
        files[tmp_path / "b.ttl"].write(b"too")
    assert (tmp_path / "a.nq").read_text() == "new" and (tmp_path / "b.ttl").read_text() == "too"


@pytest.fixture
def umask():
    """Run a test under a chosen umask, and put the process's own back afterwards."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_outputs_get_the_mode_the_umask_gives_as_open_would(tmp_path, umask, mask, mode):
    umask(mask)
    write_atomically({tmp_path / "a.txt": "one"})
    with AtomicOutputs([tmp_path / "b.nq"], binary=True) as files:
        files[tmp_path / "b.nq"].write(b"two")
    (tmp_path / "opened.txt").write_text("three")
    assert stat.S_IMODE((tmp_path / "opened.txt").stat().st_mode) == mode
    assert [stat.S_IMODE((tmp_path / n).stat().st_mode) for n in ("a.txt", "b.nq")] == [mode, mode]
