"""Atomic writes: all or nothing, and files readable like any other written file."""

from __future__ import annotations

import os
import stat

import pytest

from helpers.atomic import write_all, write_text


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_written_files_get_the_umask_mode_not_mkstemp_0600(tmp_path):
    umask = os.umask(0o022)
    try:
        write_text(tmp_path / "a.txt", "x")
        write_all({tmp_path / "b.txt": lambda p: p.write_text("y")})
    finally:
        os.umask(umask)
    assert _mode(tmp_path / "a.txt") == 0o644
    assert _mode(tmp_path / "b.txt") == 0o644


def test_a_failing_writer_leaves_every_target_untouched(tmp_path):
    (tmp_path / "a.txt").write_text("old a")

    def boom(path):
        raise RuntimeError("writer failed")

    with pytest.raises(RuntimeError):
        write_all({tmp_path / "a.txt": lambda p: p.write_text("new a"), tmp_path / "b.txt": boom})
    assert (tmp_path / "a.txt").read_text() == "old a"
    assert not (tmp_path / "b.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
