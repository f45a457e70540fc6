"""Atomic writes: all or nothing, and files readable like any other written file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from support.faults import refused_writes

from helpers.atomic import remove_stale_temporaries, write_all, write_text
from helpers.errors import FileSystemError


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


def test_all_or_nothing_restores_every_path_when_a_later_step_fails(tmp_path):
    from helpers.atomic import all_or_nothing

    kept, created = tmp_path / "kept.csv", tmp_path / "created.csv"
    kept.write_text("old")
    with pytest.raises(ValueError), all_or_nothing([kept, created]):
        kept.write_text("new")
        created.write_text("new")
        raise ValueError("validation failed")
    assert kept.read_text() == "old"
    assert not created.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv"]


def test_briefings_data_keeps_the_three_tables_together_when_validation_fails(tmp_path):
    import shutil
    from pathlib import Path

    from helpers.cli import main

    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(repo / "data", tmp_path / "data", ignore=shutil.ignore_patterns("suggested"))
    assert main(["--root", str(tmp_path), "data"]) == 0
    processed = tmp_path / "data" / "processed"
    before = {p.name: p.read_bytes() for p in processed.glob("*.csv")}
    (tmp_path / "data" / "raw" / "cambodia" / "000_new.txt").write_text(
        "A New Article\nBy: A\n\nPHNOM PENH, Cambodia – Text.\n\nReuters – H – 2 May 2018\n",
        encoding="utf-8",
    )
    events = tmp_path / "data" / "curated" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("KHM-002,", "KHM-001,", 1))
    assert main(["--root", str(tmp_path), "data"]) == 1
    assert {p.name: p.read_bytes() for p in processed.glob("*.csv")} == before


def test_temporary_files_of_a_dead_writer_are_removed_and_a_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(dead.stdout)
    nested = tmp_path / "2017-10-31" / "Cambodia"
    nested.mkdir(parents=True)
    left = [
        nested / f".manifest.json.{dead_pid}-abc123.tmp",
        tmp_path / f".index.html.{dead_pid}-x.bak",
    ]
    live = tmp_path / f".index.html.{os.getpid()}-y.tmp"
    other = tmp_path / ".gitkeep"
    for path in [*left, live, other]:
        path.write_text("")
    assert sorted(remove_stale_temporaries(tmp_path)) == sorted(left)
    assert live.exists() and other.exists() and not any(p.exists() for p in left)


def test_a_refused_write_names_the_target_and_keeps_the_previous_file(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old")
    with refused_writes(tmp_path, "full"), pytest.raises(FileSystemError) as caught:
        write_text(target, "new")
    assert str(caught.value) == (
        f"cannot write {target}: no space left on device; the previous version is kept"
    )
    assert target.read_text() == "old" and sorted(tmp_path.iterdir()) == [target]
