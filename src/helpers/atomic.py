"""Atomic writes: a failed run never leaves half a file or half a dataset behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd


def _readable(path: Path) -> None:
    """Give a temporary file the mode a normal write would (mkstemp makes it 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; move it into place only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        _readable(tmp_path)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically (UTF-8)."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_csv(target: Path, frame: pd.DataFrame) -> None:
    """Write ``frame`` to ``target`` as UTF-8 CSV without the index, atomically."""
    with atomic_path(target) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8")


def write_all(writers: dict[Path, Callable[[Path], None]]) -> None:
    """Write several files so that either all are replaced or none is.

    Each writer is called with a temporary path; only when every writer has succeeded
    are the files moved into place (each move is atomic; all moves happen after all
    the work, so an error in any writer leaves every target untouched).
    """
    temps: dict[Path, Path] = {}
    try:
        for target, writer in writers.items():
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.close(fd)
            temps[target] = Path(tmp)
            writer(temps[target])
        for target, tmp in temps.items():
            _readable(tmp)
            os.replace(tmp, target)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


def replace_dir(source: Path, target: Path) -> None:
    """Move the finished folder ``source`` to ``target``, replacing any previous one.

    The old folder is renamed aside first and removed only after the new one is in place,
    so a reader sees either the old complete folder or the new complete one.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(source, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def all_or_nothing(paths: list[Path]) -> Iterator[None]:
    """Run several steps that each rewrite some of ``paths``; on any error put every path
    back as it was (restored, or removed if it did not exist), so a later step's failure
    never leaves an earlier step's output beside stale tables.
    """
    backups: dict[Path, Path | None] = {}
    for path in map(Path, paths):
        if path.is_file():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak", dir=path.parent)
            os.close(fd)
            shutil.copy2(path, tmp)
            backups[path] = Path(tmp)
        else:
            backups[path] = None
    try:
        yield
    except BaseException:
        for path, backup in backups.items():
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        for backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)
