"""The suite config (``suite.yaml``): which notebooks a render executes, with which parameters.

The file looks like this::

    project:
      name: Crackdown Briefings
      source: "Articles coded by the project (data/processed/events.csv)"
      method_url: https://example.org/method      # optional
    defaults:                 # parameters every job gets unless it sets its own
      country: Cambodia
    jobs:
      - notebook: notebooks/01_briefing.ipynb
        name: 01_briefing     # optional, defaults to the notebook's stem
        title: Briefing       # optional heading; otherwise the parameter or notebook title
        parameters:
          start: 2016-01-01

Paths are relative to the suite file's folder. ``as_of`` is never set here: the render
injects it into every job.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.errors import InputError, Problem, relative

#: Notebooks that are never rendered, whatever the suite says.
NEVER_RENDERED = frozenset({"explore"})

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_JOB_KEYS = frozenset({"notebook", "name", "title", "parameters"})
_TOP_KEYS = frozenset({"project", "defaults", "jobs"})


@dataclass(frozen=True)
class ProjectInfo:
    """What the masthead and footer of every briefing say about the project."""

    name: str = "Crackdown Briefings"
    source: str = "Events coded by the project from published articles"
    method_url: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class Job:
    """One briefing: a notebook and the parameters it is executed with."""

    name: str
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    title: str | None = None

    @property
    def stem(self) -> str:
        """The notebook's file name without ``.ipynb`` (what parameter validation keys on)."""
        return self.notebook.stem


@dataclass(frozen=True)
class Suite:
    """A parsed suite config."""

    path: Path
    project: ProjectInfo
    jobs: tuple[Job, ...]

    def select(self, only: list[str] | None) -> tuple[Job, ...]:
        """The jobs named in ``only`` (by job name or notebook stem); all when empty."""
        if not only:
            return self.jobs
        unknown = [n for n in only if not any(n in (j.name, j.stem) for j in self.jobs)]
        if unknown:
            known = ", ".join(j.name for j in self.jobs)
            raise InputError(
                Problem(relative(self.path), f"no job named {', '.join(unknown)} (jobs: {known})")
            )
        return tuple(j for j in self.jobs if j.name in only or j.stem in only)


def plain_values(value: Any) -> Any:
    """YAML values as JSON-friendly ones: dates become ISO strings, recursively."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_values(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_values(v) for v in value]
    return value


def _read_yaml(path: Path) -> dict[str, Any]:
    """The suite file's top-level mapping, or an :class:`InputError` saying what is wrong."""
    where = relative(path)
    if not path.is_file():
        raise InputError(Problem(where, "suite config not found"))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(
            Problem(where, f"not valid YAML: {exc}", line=None if line is None else line + 1)
        ) from exc
    if not isinstance(data, dict):
        raise InputError(Problem(where, "expected a mapping with a 'jobs' list"))
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise InputError(Problem(where, f"unknown key(s) {', '.join(unknown)}"))
    return data


def _parse_project(raw: Any, where: str) -> ProjectInfo:
    """The ``project:`` section."""
    if raw is None:
        return ProjectInfo()
    if not isinstance(raw, dict):
        raise InputError(Problem(where, "'project' must be a mapping"))
    allowed = {"name", "source", "method_url", "source_url"}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise InputError(Problem(where, f"project: unknown key(s) {', '.join(unknown)}"))
    return ProjectInfo(**{k: str(v) for k, v in raw.items() if v is not None})


def _parse_job(index: int, raw: Any, base: Path, defaults: dict, where: str) -> Job:
    """One entry of ``jobs:``; problems name the job by its position and name."""
    label = f"job {index + 1}"
    if not isinstance(raw, dict):
        raise InputError(Problem(where, f"{label}: expected a mapping with 'notebook'"))
    unknown = sorted(set(raw) - _JOB_KEYS)
    if unknown:
        raise InputError(Problem(where, f"{label}: unknown key(s) {', '.join(unknown)}"))
    if not raw.get("notebook"):
        raise InputError(Problem(where, f"{label}: 'notebook' is missing"))
    notebook = (base / str(raw["notebook"])).resolve()
    name = str(raw.get("name") or notebook.stem)
    label = f"job {index + 1} ({name})"
    if not _NAME_RE.match(name):
        raise InputError(Problem(where, f"{label}: name may only hold letters, digits, _ . -"))
    if notebook.suffix != ".ipynb":
        raise InputError(Problem(where, f"{label}: {raw['notebook']} is not a .ipynb notebook"))
    if notebook.stem in NEVER_RENDERED:
        raise InputError(Problem(where, f"{label}: {notebook.name} is never rendered"))
    if not notebook.is_file():
        raise InputError(Problem(where, f"{label}: notebook {raw['notebook']} not found"))
    params = raw.get("parameters") or {}
    if not isinstance(params, dict):
        raise InputError(Problem(where, f"{label}: 'parameters' must be a mapping"))
    if "as_of" in params:
        raise InputError(
            Problem(where, f"{label}: 'as_of' is set by the render (--as-of), not the suite")
        )
    merged = {**defaults, **plain_values(params)}
    title = raw.get("title")
    return Job(name=name, notebook=notebook, parameters=merged, title=title and str(title))


def load_suite(path: Path | str) -> Suite:
    """Parse and check ``suite.yaml``; every problem names the file and the job."""
    path = Path(path).resolve()
    where = relative(path)
    data = _read_yaml(path)
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise InputError(Problem(where, "'defaults' must be a mapping of parameters"))
    defaults = plain_values(defaults)
    raw_jobs = data.get("jobs")
    if not isinstance(raw_jobs, list) or not raw_jobs:
        raise InputError(Problem(where, "'jobs' must be a non-empty list"))
    jobs = [_parse_job(i, raw, path.parent, defaults, where) for i, raw in enumerate(raw_jobs)]
    seen: set[str] = set()
    for job in jobs:
        if job.name in seen:
            raise InputError(
                Problem(where, f"job name {job.name} is used twice: give one a 'name'")
            )
        seen.add(job.name)
    return Suite(path=path, project=_parse_project(data.get("project"), where), jobs=tuple(jobs))
