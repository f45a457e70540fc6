"""Atomic writes: a failed run never leaves half a file or half a dataset behind.

A write that the file system refuses (a full disk, a read-only folder) raises
:class:`~helpers.errors.FileSystemError` naming the file and the cause; the previous
version of the file is then untouched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.errors import BriefingsError, FileSystemError, relative

if TYPE_CHECKING:
    import pandas as pd

KEPT = "the previous version is kept"


def _readable(path: Path) -> None:
    """Give a temporary file the mode a normal write would (mkstemp makes it 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; move it into place only on success."""
    target = Path(target)
    try:
        tmp_path = _temporary(target)
    except OSError as exc:
        raise FileSystemError(target, exc, KEPT) from exc
    try:
        yield tmp_path
        _readable(tmp_path)
        os.replace(tmp_path, target)
    except OSError as exc:
        raise FileSystemError(target, exc, KEPT) from exc
    finally:
        tmp_path.unlink(missing_ok=True)


def _temporary(target: Path, suffix: str = ".tmp") -> Path:
    """A new empty file next to ``target`` (same file system, so it can replace it), named
    after this process so that a later run can tell when its writer is gone."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}-", suffix=suffix, dir=target.parent
    )
    os.close(fd)
    return Path(tmp)


_TEMPORARY = re.compile(r"^\..+\.(?P<pid>\d+)-[^.]+\.(?:tmp|bak)$")


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine.

    >>> process_alive(os.getpid())
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files a killed writer left in ``folder`` and the folders below
    it; returns them.

    Only files named by :func:`_temporary` whose process is gone are removed, so a write
    in progress in another process is never disturbed.
    """
    removed = []
    for path in Path(folder).rglob(".*"):
        match = _TEMPORARY.match(path.name)
        if match and path.is_file() and not process_alive(int(match["pid"])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


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
    moved: list[Path] = []
    target = Path()
    try:
        for key, writer in writers.items():
            target = Path(key)
            temps[target] = _temporary(target)
            writer(temps[target])
        for target, tmp in temps.items():
            _readable(tmp)
            os.replace(tmp, target)
            moved.append(target)
    except OSError as exc:
        done = f"{', '.join(p.name for p in moved)} already replaced" if moved else ""
        raise FileSystemError(target, exc, done or "no file was changed") from exc
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def all_or_nothing(paths: list[Path]) -> Iterator[None]:
    """Run several steps that each rewrite some of ``paths``; on any error put every path
    back as it was (restored, or removed if it did not exist), so a later step's failure
    never leaves an earlier step's output beside stale tables.
    """
    backups: dict[Path, Path | None] = {}
    for path in map(Path, paths):
        backups[path] = None
        if path.is_file():
            try:
                backups[path] = _temporary(path, ".bak")
                shutil.copy2(path, backups[path])
            except OSError as exc:
                for backup in backups.values():
                    if backup is not None:
                        backup.unlink(missing_ok=True)
                raise FileSystemError(path, exc, "nothing was changed", verb="back up") from exc
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


#: The lock file that lets one command at a time rewrite a project's data (``data/``).
DATA_LOCK = ".data.lock"


@contextlib.contextmanager
def data_lock(data: Path, command: str) -> Iterator[None]:
    """Hold the project's data lock (``data/.data.lock``) while ``command`` rewrites the
    store and tables; a second import or build meanwhile stops at once with one sentence
    (it would read the store before the first wrote it, and lose the first's records).

    Scratch files that killed runs left in ``data/`` are removed once the lock is held
    (no other writer can be running then).
    """
    from filelock import FileLock, Timeout

    path = Path(data) / DATA_LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path), timeout=0)
        lock.acquire()
    except Timeout:
        raise BriefingsError(
            f"{relative(path, path.parent.parent)}: another import or build is rewriting "
            f"this project's data; wait for it to finish, then run {command} again (nothing "
            "was changed)"
        ) from None
    except OSError as exc:
        raise FileSystemError(path, exc, "nothing was changed") from exc
    try:
        for folder in Path(data).glob(".import-*"):
            shutil.rmtree(folder, ignore_errors=True)
        remove_stale_temporaries(data)
        yield
    finally:
        lock.release()
