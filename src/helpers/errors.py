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


def relative(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (or the working directory) when possible, for messages."""
    base = root or Path.cwd()
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
