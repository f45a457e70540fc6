"""File-system faults for tests: a folder that refuses writes as a read-only mount or a full
disk would, whoever runs the tests (``chmod`` does not stop root, and mounting needs root).

Inside :func:`refused_writes`, every call this process makes to create, write, rename or
remove something under the folder fails with the error the operating system gives:

- ``"read-only"``: ``EROFS`` as soon as a file is opened for writing, a folder created,
  or an entry renamed or removed;
- ``"full"``: files and folders can be created, renamed and removed (they take no data
  blocks), but writing the first byte fails with ``ENOSPC``, leaving an empty file as a
  real full disk does.

Only this process is affected: kernels and the browser run as usual.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

FAULTS = {"read-only": errno.EROFS, "full": errno.ENOSPC}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class _FullFile:
    """A file object whose writes fail: the disk has no block left."""

    def __init__(self, handle: Any, name: str) -> None:
        self._handle = handle
        self._name = name

    def write(self, data: Any) -> int:
        if not data:
            return 0
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._handle)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@contextlib.contextmanager
def refused_writes(folder: Path, kind: str) -> Iterator[None]:
    """Make writes under ``folder`` fail as on a ``"read-only"`` or ``"full"`` file system."""
    code = FAULTS[kind]
    base = os.path.abspath(folder)

    def under(path: Any, dir_fd: int | None = None) -> bool:
        if isinstance(path, int):
            return False
        path = os.fspath(path)
        if dir_fd is not None and not os.path.isabs(path):  # shutil.rmtree works this way
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        full = os.path.abspath(path)
        return full == base or full.startswith(base + os.sep)

    def refuse(path: Any) -> None:
        raise OSError(code, os.strerror(code), os.fspath(path))

    real_open, real_os_open = io.open, os.open

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        writing = any(flag in mode for flag in "wax+")
        if not (writing and under(file)):
            return real_open(file, mode, *args, **kwargs)
        if kind == "read-only":
            refuse(file)
        return _FullFile(real_open(file, mode, *args, **kwargs), os.fspath(file))

    def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if kind == "read-only" and flags & _WRITE_FLAGS and under(path, kwargs.get("dir_fd")):
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def guarded(real: Any) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            targets = [path, *(a for a in args[:1] if isinstance(a, str | os.PathLike))]
            fd = kwargs.get("dir_fd", kwargs.get("src_dir_fd"))
            if kind == "read-only" and any(under(t, fd) for t in targets):
                refuse(path)
            return real(path, *args, **kwargs)

        return call

    patches = [
        mock.patch.object(builtins, "open", fake_open),
        mock.patch.object(io, "open", fake_open),
        mock.patch.object(os, "open", fake_os_open),
        *(
            mock.patch.object(os, name, guarded(getattr(os, name)))
            for name in ("replace", "rename", "mkdir", "unlink", "remove", "rmdir")
        ),
    ]
    with contextlib.ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch)
        yield
