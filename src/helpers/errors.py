"""Errors that carry where the bad input is, so every message names file, row or parameter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what was expected."""

    file: str
    message: str
    line: int | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f" column '{self.column}'"
        return f"{where}: {self.message}"


class BriefingsError(Exception):
    """Base class for errors shown to users as one clear message (no traceback)."""


class InputError(BriefingsError):
    """One or more problems with input files; ``str()`` lists every problem."""

    def __init__(self, problems: list[Problem] | Problem, summary: str | None = None):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.summary = summary
        lines = [summary] if summary else []
        lines += [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


class ParameterError(BriefingsError, ValueError):
    """A notebook or command parameter that is unknown, mistyped or out of range."""


class FileSystemError(BriefingsError):
    """A file or folder could not be written or read: a full disk, a read-only folder...

    >>> denied = PermissionError(13, "Permission denied")
    >>> print(FileSystemError("data/processed/articles.csv", denied, "nothing was changed"))
    cannot write data/processed/articles.csv: permission denied; nothing was changed
    """

    def __init__(self, path: Path | str, exc: OSError, consequence: str = "", verb: str = "write"):
        self.path = Path(path)
        self.cause = os_error_cause(exc)
        message = f"cannot {verb} {relative(self.path)}: {self.cause}"
        super().__init__(f"{message}; {consequence}" if consequence else message)


def yaml_problem(file: str, exc: Exception) -> Problem:
    """A YAML syntax error as one problem: the line, the column and what the parser found.

    >>> import yaml
    >>> try:
    ...     yaml.safe_load("a: 1\\n  - : [")
    ... except yaml.YAMLError as exc:
    ...     print(yaml_problem("suite.yaml", exc))
    suite.yaml line 2: not valid YAML at column 5: mapping values are not allowed here
    """
    mark = getattr(exc, "problem_mark", None)
    what = getattr(exc, "problem", None) or (str(exc).splitlines() or ["unreadable"])[0]
    if mark is None:
        return Problem(file, f"not valid YAML: {what}")
    return Problem(file, f"not valid YAML at column {mark.column + 1}: {what}", line=mark.line + 1)


def os_error_cause(exc: OSError) -> str:
    """The cause of a file-system error in words, without the errno and path noise.

    >>> os_error_cause(OSError(28, "No space left on device"))
    'no space left on device'
    >>> os_error_cause(OSError("disk on fire"))
    'disk on fire'
    """
    text = exc.strerror or (str(exc.args[0]) if exc.args else type(exc).__name__)
    return text[:1].lower() + text[1:]


def os_error_message(exc: OSError, where: Path | str | None = None) -> str:
    """One sentence for a file-system error: the path (``where`` when the error names none)
    and the cause.

    >>> os_error_message(OSError(28, "No space left on device"), "reports")
    'reports: no space left on device'
    >>> os_error_message(PermissionError(13, "Permission denied", "/nowhere/x.csv"))
    '/nowhere/x.csv: permission denied'
    """
    path = exc.filename if exc.filename is not None else where
    cause = os_error_cause(exc)
    return f"{relative(Path(str(path)))}: {cause}" if path is not None else cause


def relative(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (or the working directory) when possible, for messages."""
    base = root or Path.cwd()
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
