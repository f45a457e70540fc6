"""The suite config (``suite.yaml``): which notebooks a render executes, for which
countries, with which parameters.

The file looks like this::

    project:
      name: Crackdown Briefings
      source: "The project's coded events for {country}"
      method_url: 04_sources_and_quality.html   # optional: a relative path or http(s) URL
    defaults:                 # parameters every job gets unless it sets its own
      start_date: "2016-01-01"
      end_date: "2018-12-31"
    countries:                # optional: every job is rendered once per country
      - Cambodia
      - country: Myanmar      # a country with its own window
        start_date: "2021-02-01"
        end_date: "2022-12-31"
    jobs:
      - notebook: notebooks/01_briefing.ipynb
        name: 01_briefing     # optional, defaults to the notebook's stem
        title: Briefing       # optional heading; otherwise the parameter or notebook title
        parameters:
          title: "{country}: the crackdown and the international response"

Paths are relative to the suite file's folder. ``{country}`` in a title or in the
project's ``source`` is replaced by the country of each briefing. A job's parameters take
precedence over its country's, which take precedence over ``defaults``; ``briefings
render --country/--start-date/--end-date`` (a :class:`Scope`) take precedence over all.
Without ``countries``, a ``country`` in ``defaults`` or in a job's parameters is used
(and the notebooks' own default otherwise). ``as_of`` is never set here: the render
injects it into every job.

The file is checked against pydantic models (``extra="forbid"``, as the codebook is):
every problem is reported at once, each with the file and line it is on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from helpers.errors import InputError, Problem, relative
from helpers.presenting.params import is_never_rendered

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
#: The placeholder a title or the project's source may hold for the briefing's country.
COUNTRY_PLACEHOLDER = "{country}"
#: Parameters a country entry may set.
WINDOW_KEYS = ("start_date", "end_date")


def plain_values(value: Any) -> Any:
    """YAML values as JSON-friendly ones: dates become ISO strings, recursively.

    >>> plain_values({"start": dt.date(2017, 1, 1), "days": [90]})
    {'start': '2017-01-01', 'days': [90]}
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_values(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_values(v) for v in value]
    return value


def fill_country(text: str, country: str | None) -> str:
    """``text`` with ``{country}`` replaced by ``country`` (left as is without one).

    >>> fill_country("{country}: how the world responded", "Cambodia")
    'Cambodia: how the world responded'
    """
    return text.replace(COUNTRY_PLACEHOLDER, country) if country else text


def check_link(value: str) -> str:
    """A link for a briefing's footer: a relative path or an http(s) URL, nothing else
    (a ``javascript:`` or ``data:`` URL would run or show code in the reader's browser).

    >>> check_link("04_sources_and_quality.html"), check_link("https://example.org/method")
    ('04_sources_and_quality.html', 'https://example.org/method')
    >>> check_link("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    ValueError: 'javascript:alert(1)' is not allowed as a link; expected a relative path \
(e.g. 04_sources_and_quality.html) or an http(s) URL
    """
    expected = (
        f"{value!r} is not allowed as a link; expected a relative path "
        "(e.g. 04_sources_and_quality.html) or an http(s) URL"
    )
    # Browsers drop whitespace and control characters inside a scheme ("java\tscript:").
    if not value or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError(expected)
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    if not parts.scheme and not parts.netloc and not value.startswith(("/", "\\")):
        return value
    raise ValueError(expected)


# ----------------------------------------------------------------------------- models


class ProjectInfo(BaseModel):
    """What the masthead and footer of every briefing say about the project."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "Crackdown Briefings"
    source: str = "Events coded by the project from published articles"
    method_url: str | None = None
    source_url: str | None = None

    @field_validator("method_url", "source_url")
    @classmethod
    def _safe_link(cls, value: str | None) -> str | None:
        return None if value is None else check_link(value)

    def source_for(self, country: str | None) -> str:
        """The source line of a briefing about ``country``."""
        return fill_country(self.source, country)


class CountryEntry(BaseModel):
    """One country of ``countries:``, with its own window if it needs one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str = Field(min_length=1)
    start_date: str | None = None
    end_date: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: Any) -> Any:
        """A bare name (``- Cambodia``) is a country with the suite's window."""
        if isinstance(value, str):
            return {"country": value}
        if not isinstance(value, dict):
            raise ValueError(
                "expected a country name, or a mapping with 'country' and optionally "
                "'start_date' and 'end_date'"
            )
        return plain_values(value)

    @field_validator("start_date", "end_date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            if len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None

    def parameters(self) -> dict[str, str]:
        """The parameters this entry sets."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


class JobEntry(BaseModel):
    """One entry of ``jobs:`` as written (parameters are the job's own)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    notebook: str = Field(min_length=1)
    name: str | None = None
    title: str | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)

    @field_validator("notebook")
    @classmethod
    def _notebook_exists(cls, value: str, info: ValidationInfo) -> str:
        path = Path(value)
        if path.suffix != ".ipynb":
            raise ValueError(f"{value} is not a .ipynb notebook")
        if is_never_rendered(path.stem):
            raise ValueError(f"{path.name} is never rendered (it is for exploring)")
        base = (info.context or {}).get("base")
        if base is not None and not (Path(base) / value).is_file():
            raise ValueError(f"notebook {value} not found")
        return value

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str | None) -> str | None:
        if value is not None and not _NAME_RE.match(value):
            raise ValueError(f"name {value!r} may only hold letters, digits, _ . -")
        return value

    @field_validator("parameters", mode="before")
    @classmethod
    def _parameters(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, dict) and "as_of" in value:
            raise ValueError("'as_of' is set by the render (--as-of), not the suite")
        return plain_values(value)

    @property
    def job_name(self) -> str:
        """The job's name: ``name``, or the notebook's stem."""
        return self.name or Path(self.notebook).stem


class SuiteConfig(BaseModel):
    """The whole ``suite.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    project: ProjectInfo = Field(default_factory=ProjectInfo)
    defaults: dict[str, Any] = Field(default_factory=dict)
    countries: list[CountryEntry] = Field(default_factory=list)
    jobs: list[JobEntry]

    @field_validator("project", "defaults", "countries", mode="before")
    @classmethod
    def _empty_is_default(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return {"project": {}, "defaults": {}, "countries": []}[info.field_name]
        return value

    @field_validator("defaults")
    @classmethod
    def _defaults(cls, value: dict[str, Any]) -> dict[str, Any]:
        if "as_of" in value:
            raise ValueError("'as_of' is set by the render (--as-of), not the suite")
        return plain_values(value)

    @field_validator("jobs", mode="before")
    @classmethod
    def _some_jobs(cls, value: Any) -> Any:
        if not isinstance(value, list) or not value:
            raise ValueError("'jobs' must be a non-empty list of notebooks to render")
        return value


# ------------------------------------------------------------------------- the suite


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
class Scope:
    """What ``briefings render --country NAME --start-date D --end-date D`` asks for
    instead of the suite's countries and window (each part optional)."""

    country: str | None = None
    start_date: str | None = None
    end_date: str | None = None

    def window(self) -> dict[str, str]:
        """The window parameters given."""
        return {k: v for k in WINDOW_KEYS if (v := getattr(self, k))}


@dataclass(frozen=True)
class Suite:
    """A parsed and checked suite config."""

    path: Path
    config: SuiteConfig
    lines: dict[tuple, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def project(self) -> ProjectInfo:
        return self.config.project

    @property
    def jobs(self) -> tuple[Job, ...]:
        """The jobs as declared, with their own parameters only."""
        base = self.path.parent
        return tuple(
            Job(
                name=entry.job_name,
                notebook=(base / entry.notebook).resolve(),
                parameters=dict(entry.parameters),
                title=entry.title,
            )
            for entry in self.config.jobs
        )

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

    def country_parameters(self, scope: Scope | None = None) -> list[dict[str, Any]]:
        """The parameters of each country to render: the suite's ``countries`` (one empty
        set when it declares none), or the one ``scope`` names (with that country's
        window when the suite declares it), with ``scope``'s window on top."""
        scope = scope or Scope()
        if scope.country:
            declared = {c.country.casefold(): c for c in self.config.countries}
            entry = declared.get(scope.country.strip().casefold())
            chosen = [{**(entry.parameters() if entry else {}), "country": scope.country}]
        else:
            chosen = [c.parameters() for c in self.config.countries] or [{}]
        return [{**params, **scope.window()} for params in chosen]

    def briefings(self, jobs: tuple[Job, ...], scope: Scope | None = None) -> tuple[Job, ...]:
        """Every job of ``jobs`` for every country to render (see :class:`Scope`), with
        its parameters merged: defaults, then the country's, then the job's own, then the
        scope's (the country of a scope wins over a job's own)."""
        scope = scope or Scope()
        out = []
        for country in self.country_parameters(scope):
            for job in jobs:
                params = {**self.config.defaults, **country, **job.parameters, **scope.window()}
                if scope.country:
                    params["country"] = scope.country
                out.append(Job(job.name, job.notebook, params, job.title))
        return tuple(out)

    def line_of(self, *loc: Any) -> int | None:
        """The line (1-based) of the YAML node at ``loc`` (``"jobs", 0, "name"``), or of
        its nearest parent found in the file."""
        return _line_of(self.lines, loc)


# --------------------------------------------------------------------------- reading


def _node_lines(node: yaml.Node | None, loc: tuple = ()) -> dict[tuple, int]:
    """``{loc: line}`` for every mapping key and list item under ``node`` (1-based)."""
    lines: dict[tuple, int] = {}
    if node is None:
        return lines
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*loc, key.value)
            lines.update(_node_lines(value, here))
            lines[here] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_node_lines(item, (*loc, index)))
    return lines


def _line_of(lines: dict[tuple, int], loc: tuple) -> int | None:
    """The line of ``loc``, or of its nearest parent in ``lines``."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _read_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """The suite file's data and the line of each of its nodes; an :class:`InputError`
    when it is missing or not YAML."""
    where = relative(path)
    if not path.is_file():
        raise InputError(Problem(where, "suite config not found"))
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        lines = _node_lines(yaml.compose(text, Loader=yaml.SafeLoader))
    except RecursionError:
        raise InputError(
            Problem(where, "nests too deeply (a recursive YAML alias?); expected plain settings")
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = " ".join(
            str(part)
            for part in (getattr(exc, "context", None), getattr(exc, "problem", None))
            if part
        )
        if mark is None:
            raise InputError(Problem(where, f"not valid YAML: {what or exc}")) from None
        message = f"not valid YAML at column {mark.column + 1}: {what}"
        raise InputError(Problem(where, message, line=mark.line + 1)) from None
    return data, lines


_EXPECTED_TYPES = {
    "model_type": "a mapping",
    "dict_type": "a mapping",
    "list_type": "a list",
    "string_type": "text",
    "int_type": "a whole number",
}


def _job_label(data: Any, index: int) -> str:
    """``job 2 (escalation)``: the position and, where the file gives one, the name."""
    try:
        raw = data["jobs"][index]
        name = raw.get("name") or Path(str(raw["notebook"])).stem
    except (KeyError, IndexError, TypeError, AttributeError):
        return f"job {index + 1}"
    return f"job {index + 1} ({name})"


def _where(data: Any, loc: tuple) -> tuple[str, str | None]:
    """The section an error is in, in words, and the key it is about."""
    if len(loc) >= 2 and loc[0] in ("jobs", "countries") and isinstance(loc[1], int):
        label = _job_label(data, loc[1]) if loc[0] == "jobs" else f"country {loc[1] + 1}"
        return label, str(loc[2]) if len(loc) > 2 else None
    if len(loc) >= 2:
        return str(loc[0]), str(loc[1])
    return "", str(loc[0]) if loc else None


def _message(error: dict, data: Any) -> str:
    """One pydantic error as a sentence naming the section and key."""
    loc = tuple(error["loc"])
    section, key = _where(data, loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        text = f"unknown key '{key}'"
    elif kind == "missing":
        text = f"'{key}' is missing"
    elif kind in _EXPECTED_TYPES and key:
        text = f"'{key}' must be {_EXPECTED_TYPES[kind]}"
    elif kind in _EXPECTED_TYPES:
        text = f"expected {_EXPECTED_TYPES[kind]}" + (
            " with 'notebook'" if loc[0] == "jobs" else ""
        )
    else:
        text = str(error["msg"]).removeprefix("Value error, ")
        if key and key not in text:
            text = f"{key}: {text}"
    return f"{section}: {text}" if section else text


def _cross_problems(config: SuiteConfig, lines: dict, where: str) -> list[Problem]:
    """Problems between entries: names used twice, countries declared twice, a country
    both declared and set elsewhere."""
    problems = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(where, message, line=_line_of(lines, loc)))

    seen: dict[str, int] = {}
    for index, job in enumerate(config.jobs):
        name = job.job_name
        if name in seen:
            add(("jobs", index), f"job name {name} is used twice: give one a 'name'")
        seen.setdefault(name, index)
        if config.countries and "country" in job.parameters:
            add(
                ("jobs", index, "parameters", "country"),
                f"job {index + 1} ({name}): sets 'country', but the suite declares "
                "'countries': every job is rendered for each of them",
            )
    countries: set[str] = set()
    for index, entry in enumerate(config.countries):
        key = entry.country.strip().casefold()
        if key in countries:
            add(("countries", index), f"country {entry.country} is declared twice")
        countries.add(key)
    if config.countries and "country" in config.defaults:
        add(
            ("defaults", "country"),
            "'country' is set in 'defaults' and 'countries' is declared: keep one",
        )
    return problems


def load_suite(path: Path | str) -> Suite:
    """Parse and check ``suite.yaml``; every problem is reported at once, each naming the
    file, the line and the job or country it is about."""
    path = Path(path).resolve()
    where = relative(path)
    data, lines = _read_yaml(path)
    if not isinstance(data, dict):
        raise InputError(Problem(where, "expected a mapping with a 'jobs' list", line=1))
    try:
        config = SuiteConfig.model_validate(data, context={"base": path.parent})
    except ValidationError as exc:
        problems = [
            Problem(where, _message(error, data), line=_line_of(lines, tuple(error["loc"])))
            for error in exc.errors()
        ]
        raise InputError(problems) from None
    problems = _cross_problems(config, lines, where)
    if problems:
        raise InputError(problems)
    return Suite(path=path, config=config, lines=lines)
