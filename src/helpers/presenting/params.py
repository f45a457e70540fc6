"""Notebook parameters, declared once as data, and checked before anything runs.

Every notebook in ``notebooks/`` has a cell tagged ``parameters`` whose annotated
assignments (``start_date: str = "2016-01-01"  # help``) mirror :data:`SHARED` plus the
notebook's own extras declared in :data:`NOTEBOOKS`. A test checks that each notebook agrees with
these specs (``papermill.inspect_notebook``).

:func:`validate_parameters` is called by the rendering pipeline before executing a
notebook, and by :func:`helpers.notebook.start` inside it (papermill itself checks
nothing: it injects unknown names and passes ``-p start_date 2017`` as an ``int``).

>>> validate_parameters("01_briefing", {"start_date": "2017-01-01", "as_of": "2017-10-31"})[
...     "as_of"]
'2017-10-31'
>>> validate_parameters("01_briefing", {"contry": "X"})
Traceback (most recent call last):
...
helpers.errors.ParameterError: Unknown parameter 'contry' (given 'X'); did you mean 'country'?
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from helpers.errors import ParameterError

#: A validator takes the value (already of the right type) and returns a normalized value,
#: or raises ``ValueError`` with the "what is expected" half of the message.
Validator = Callable[[Any], Any]


@dataclass(frozen=True)
class ParamSpec:
    """One notebook parameter: name, Python type, default, help text and validator."""

    name: str
    type: type
    default: Any
    help: str
    validator: Validator | None = None

    @property
    def type_name(self) -> str:
        return self.type.__name__

    def cell_line(self) -> str:
        """The line of the ``parameters`` cell declaring this parameter."""
        default = json.dumps(self.default) if isinstance(self.default, str) else repr(self.default)
        return f"{self.name}: {self.type_name} = {default}  # {self.help}"


# ------------------------------------------------------------------------ validators


def _iso_date(value: str) -> str:
    """``value`` as a real calendar date ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
    try:
        parsed = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("a date written YYYY-MM-DD, e.g. 2017-01-01") from None
    if len(value.strip()) != 10:
        raise ValueError("a date written YYYY-MM-DD, e.g. 2017-01-01")
    return parsed.isoformat()


def _optional_iso_date(value: str) -> str:
    """Empty (meaning today) or a date ``YYYY-MM-DD``."""
    if not value.strip():
        return ""
    try:
        return _iso_date(value)
    except ValueError:
        raise ValueError("a date written YYYY-MM-DD, or empty for today") from None


def _stripped(value: str) -> str:
    return value.strip()


def _categories(value: str) -> str:
    """Comma-separated codebook categories (empty = all), normalized to ``a,b``."""
    from helpers.dataset.codebook import CATEGORIES

    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [n for n in names if n not in CATEGORIES]
    if unknown:
        raise ValueError(
            f"comma-separated categories from: {', '.join(CATEGORIES)} (or empty for all)"
        )
    return ",".join(names)


def _rolling_days(value: int) -> int:
    if not 7 <= value <= 730:
        raise ValueError("a whole number of days between 7 and 730")
    return value


# ----------------------------------------------------------------------------- specs

SHARED: tuple[ParamSpec, ...] = (
    ParamSpec("country", str, "Cambodia", "country of the events, as in the dataset", _stripped),
    ParamSpec("start_date", str, "2016-01-01", "first day of the window, YYYY-MM-DD", _iso_date),
    ParamSpec("end_date", str, "2018-12-31", "last day of the window, YYYY-MM-DD", _iso_date),
    ParamSpec(
        "as_of",
        str,
        "",
        # one line in the notebooks' parameters cell (papermill's help), within 100 columns
        "briefing date, YYYY-MM-DD (empty: today); only events reported by then count",
        _optional_iso_date,
    ),
    ParamSpec(
        "title",
        str,
        "",
        "heading of the briefing (empty: built from country and window)",
        _stripped,
    ),
    ParamSpec(
        "categories",
        str,
        "",
        "comma-separated categories listed in event tables (empty: all)",
        _categories,
    ),
    ParamSpec(
        "rolling_days",
        int,
        90,
        "length in days of the rolling window of the escalation index",
        _rolling_days,
    ),
)


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of ``notebooks/``: its stem, what it is about (used in the default
    title), the parameters it adds to :data:`SHARED` and whether briefings are rendered
    from it (``explore`` is for analysts in JupyterLab and never rendered)."""

    stem: str
    subject: str
    extras: tuple[ParamSpec, ...] = ()
    rendered: bool = True


#: The notebooks, declared once: the parameter checks, the default titles, the render's
#: refusal of unrendered notebooks and the tests all read this.
NOTEBOOKS: dict[str, NotebookSpec] = {
    spec.stem: spec
    for spec in (
        NotebookSpec("01_briefing", "crackdown and international response"),
        NotebookSpec("02_escalation", "escalation of the crackdown"),
        NotebookSpec("03_international_response", "the international response"),
        NotebookSpec("04_sources_and_quality", "sources and data quality"),
        NotebookSpec("explore", "explore the coded events", rendered=False),
    )
}


def notebook_names() -> list[str]:
    """Stems of every parameterized notebook, e.g. ``'01_briefing'``."""
    return list(NOTEBOOKS)


def rendered_notebooks() -> list[str]:
    """Stems of the notebooks briefings are rendered from.

    >>> rendered_notebooks()[0], "explore" in rendered_notebooks()
    ('01_briefing', False)
    """
    return [stem for stem, spec in NOTEBOOKS.items() if spec.rendered]


def is_never_rendered(stem: str) -> bool:
    """Whether ``stem`` is a project notebook that is not rendered (notebooks the project
    does not declare, such as a test's own, are not refused here).

    >>> is_never_rendered("explore"), is_never_rendered("01_briefing"), is_never_rendered("x")
    (True, False, False)
    """
    spec = NOTEBOOKS.get(stem)
    return spec is not None and not spec.rendered


def specs_for(notebook: str) -> tuple[ParamSpec, ...]:
    """The parameter specs of ``notebook`` (a stem such as ``'01_briefing'``)."""
    if notebook not in NOTEBOOKS:
        close = difflib.get_close_matches(notebook, NOTEBOOKS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ParameterError(
            f"Unknown notebook '{notebook}'; expected one of {', '.join(NOTEBOOKS)}{hint}"
        )
    return SHARED + NOTEBOOKS[notebook].extras


def defaults(notebook: str) -> dict[str, Any]:
    """Default value of each parameter of ``notebook``."""
    return {s.name: s.default for s in specs_for(notebook)}


def parameters_cell(notebook: str) -> str:
    """Source of the ``parameters`` cell of ``notebook``: one annotated line per spec."""
    return "\n".join(s.cell_line() for s in specs_for(notebook))


# ------------------------------------------------------------------------ validation


def validate_parameters(
    notebook: str,
    params: dict[str, Any],
    *,
    countries: Iterable[str] | None = None,
    today: dt.date | None = None,
    specs: Iterable[ParamSpec] | None = None,
) -> dict[str, Any]:
    """Check ``params`` for ``notebook`` and return every parameter, normalized.

    Missing parameters take their defaults; ``as_of`` empty becomes today's date; an empty
    ``title`` is built from the notebook's subject, the country and the window; the
    country is spelled as in the dataset. Raises :class:`ParameterError` with one sentence
    per problem, each naming the parameter, what was given and what is expected:
    unknown names (with the closest known name), wrong types, malformed dates, an end
    before the start, a country not in the dataset, an ``as_of`` in the future or before
    the window starts.

    ``countries`` defaults to the countries of the dataset (see :func:`known_countries`);
    ``today`` defaults to the real date (tests pass one); ``specs`` to those of ``notebook``
    (a notebook outside the suite passes :data:`SHARED`).
    """
    specs = {s.name: s for s in (specs_for(notebook) if specs is None else specs)}
    problems: list[str] = []
    values: dict[str, Any] = {}
    for name, value in params.items():
        if name not in specs:
            problems.append(_unknown_name(name, value, specs))
            continue
        try:
            values[name] = _check_value(specs[name], value)
        except ValueError as exc:
            problems.append(f"Parameter '{name}' was given {_shown(value)}; expected {exc}.")
    for name, spec in specs.items():
        values.setdefault(name, spec.validator(spec.default) if spec.validator else spec.default)
    if not problems:
        problems += _check_relations(values, countries, today or dt.date.today())
    if problems:
        raise ParameterError("\n".join(problems))
    if not values["title"]:
        values["title"] = default_title(notebook, values)
    return values


def default_title(notebook: str, values: dict[str, Any]) -> str:
    """E.g. ``'Cambodia: crackdown and international response, 2016-01-01 to 2018-12-31'``."""
    return (
        f"{values['country']}: {_subject(notebook)}, {values['start_date']} to {values['end_date']}"
    )


def _subject(notebook: str) -> str:
    spec = NOTEBOOKS.get(notebook)
    return spec.subject if spec else "briefing"


def _unknown_name(name: str, value: Any, specs: dict[str, ParamSpec]) -> str:
    close = difflib.get_close_matches(name, specs, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(specs)}."
    return f"Unknown parameter '{name}' (given {_shown(value)}); {hint}"


def _shown(value: Any) -> str:
    """How a given value is quoted in messages: ``'2017'`` for text, ``2017 (a number)``."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return f"{value} (a true/false value)"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    return f"{value!r} (a {type(value).__name__})"


def _check_value(spec: ParamSpec, value: Any) -> Any:
    """Check the type of ``value`` and run the validator; ``ValueError`` says what is expected."""
    if spec.type is int:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)  # passed raw (`papermill -r`): accept digits
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("a whole number, e.g. -p rolling_days 90")
    elif spec.type is str and not isinstance(value, str):
        hint = {
            "start_date": "2017-01-01",
            "end_date": "2017-12-31",
            "as_of": "2017-10-31",
        }.get(spec.name, "some text")
        raise ValueError(
            f"text ({'a date written YYYY-MM-DD' if hint[0].isdigit() else 'a string'}); "
            f"pass it as text, e.g. -r {spec.name} {hint}"
        )
    return spec.validator(value) if spec.validator else value


def _check_relations(
    values: dict[str, Any], countries: Iterable[str] | None, today: dt.date
) -> list[str]:
    """Problems between parameters: end before start, country, as_of."""
    problems: list[str] = []
    start, end = values["start_date"], values["end_date"]
    if end < start:
        problems.append(
            f"Parameter 'end_date' was given '{end}', which is before start_date '{start}'; "
            "expected a date on or after start_date."
        )
    problem = _check_country(values, countries)
    if problem:
        problems.append(problem)
    as_of = values["as_of"] or today.isoformat()
    if as_of > today.isoformat():
        problems.append(
            f"Parameter 'as_of' was given '{as_of}', which is in the future; expected a date "
            f"on or before today ({today.isoformat()}), or empty for today."
        )
    elif as_of < start:
        problems.append(
            f"Parameter 'as_of' was given '{as_of}', which is before start_date '{start}'; "
            "expected a date on or after the start of the window (nothing in it could have "
            "been reported earlier)."
        )
    values["as_of"] = as_of
    return problems


def _check_country(values: dict[str, Any], countries: Iterable[str] | None) -> str | None:
    """Match ``country`` case-insensitively to the dataset's spelling, or say what is known."""
    known = list(countries) if countries is not None else known_countries()
    try:
        values["country"] = resolve_country(values["country"], known)
    except ParameterError as exc:
        return f"Parameter 'country' was given {exc}"
    return None


#: Above this many countries in the dataset, an unknown name is answered with the closest
#: names rather than the whole list.
LISTED_COUNTRIES = 12


def resolve_country(given: str, known: Iterable[str]) -> str:
    """``given`` spelled as in the dataset (matched regardless of case and surrounding
    spaces); a :class:`ParameterError` listing the known countries when it is not one.

    With no known country at all (no dataset yet) ``given`` is returned as it is: loading
    the data will say what is missing in its own words.

    >>> resolve_country(" cambodia ", ["Cambodia", "Myanmar"])
    'Cambodia'
    >>> resolve_country("Cambodja", ["Cambodia", "Myanmar"])
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: 'Cambodja', which is not in the dataset; expected one of: \
Cambodia, Myanmar; did you mean 'Cambodia'?
    >>> many = [f"Country {n}" for n in range(20)] + ["Bolivia, Plurinational State of"]
    >>> resolve_country("Bolivia", many)
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: 'Bolivia', which is not among the 21 countries in the \
dataset; the closest names: 'Bolivia, Plurinational State of'; ...
    """
    known = sorted(set(known))
    given = given.strip()
    if not known:
        return given
    by_key = {c.casefold(): c for c in known}
    if given.casefold() in by_key:
        return by_key[given.casefold()]
    close = difflib.get_close_matches(given, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "."
    if len(known) > LISTED_COUNTRIES:
        # A global store holds 150 countries or more: the sentence names the closest.
        nearest = difflib.get_close_matches(given, known, n=5, cutoff=0.0)
        raise ParameterError(
            f"'{given}', which is not among the {len(known)} countries in the dataset; the "
            f"closest names: {'; '.join(repr(n) for n in nearest)}{hint}"
        )
    raise ParameterError(
        f"'{given}', which is not in the dataset; expected one of: {', '.join(known)}{hint}"
    )


def known_countries(root: Any = None) -> list[str]:
    """Every country present in the dataset of the project at ``root``, sorted: the
    countries of the built events (curated and imported; read from
    ``data/processed/events.parquet``, the country column only) and of
    ``data/processed/articles.csv``, and the folders of ``data/raw/<country>/`` that hold
    article files (named as ingest names them: ``south_sudan`` is South Sudan).

    >>> "Cambodia" in known_countries()
    True
    """
    from helpers.paths import project

    try:
        proj = project(root)
    except FileNotFoundError:
        return []
    from helpers.dataset.events_store import countries

    names = countries(proj) | _table_countries(proj.articles_table)
    names |= _raw_folder_countries(proj.raw)
    return sorted(names)


def _table_countries(path: Any) -> set[str]:
    """The names in the ``country`` column of a processed table (``;``-separated cells)."""
    import pandas as pd

    if not path.is_file():
        return set()
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, usecols=lambda c: c == "country"
        )
    except (OSError, ValueError):
        return set()  # unreadable: validation and loading report it with file and line
    if "country" not in frame.columns:
        return set()
    names = {c.strip() for cell in frame["country"] for c in cell.split(";")}
    names.discard("")
    return names


def _raw_folder_countries(raw: Any) -> set[str]:
    """Countries of the ``data/raw/<country>/`` folders that hold ``.txt`` article files."""
    from helpers.corpus.articles import country_from_folder

    if not raw.is_dir():
        return set()
    return {
        country_from_folder(folder.name)
        for folder in raw.iterdir()
        if folder.is_dir() and any(p.is_file() for p in folder.rglob("*.txt"))
    }
