"""``briefings render``: dated HTML and PDF briefings from the suite's notebooks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from helpers.errors import ParameterError, relative
from helpers.paths import project
from helpers.rendering.render import RenderOptions, RenderReport, parse_as_of, render
from helpers.rendering.suite import Scope

DEFAULT_SUITE = "suite.yaml"


def positive_int(text: str) -> int:
    """``--jobs``: a whole number of 1 or more (0 would render nothing, not one at a time).

    >>> positive_int("2")
    2
    >>> positive_int("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '0' is not a whole number of 1 or more
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def window_date(option: str, text: str | None) -> str | None:
    """``--start-date``/``--end-date`` as an ISO date, or a :class:`ParameterError`.

    >>> window_date("--start-date", "2017-01-01"), window_date("--end-date", None)
    ('2017-01-01', None)
    """
    if text is None:
        return None
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ParameterError(
            f"{option} {text!r} is not a date; expected YYYY-MM-DD, e.g. 2017-01-01"
        ) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``render`` subcommand."""
    parser = subparsers.add_parser(
        "render",
        help="render the briefings (HTML and PDF) into reports/<date>/",
        description=(
            "Execute the suite's notebooks with the as-of date and render each to a "
            "self-contained HTML page and an A4 PDF in reports/<date>/, then update "
            "reports/index.html. Unchanged briefings are skipped."
        ),
    )
    parser.add_argument(
        "--as-of", metavar="DATE", help="the date the briefings describe (default: today)"
    )
    parser.add_argument(
        "--country",
        metavar="NAME",
        help="render the suite for this country instead of the suite's countries "
        "(any country in the dataset)",
    )
    parser.add_argument(
        "--start-date",
        metavar="DATE",
        help="first day of the window, YYYY-MM-DD (default: the suite's)",
    )
    parser.add_argument(
        "--end-date",
        metavar="DATE",
        help="last day of the window, YYYY-MM-DD (default: the suite's)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=positive_int,
        default=2,
        metavar="N",
        help="notebooks executed at the same time, 1 or more (default: 2)",
    )
    parser.add_argument(
        "--force", action="store_true", help="render even the briefings that are unchanged"
    )
    parser.add_argument(
        "--suite",
        metavar="PATH",
        default=None,
        help=f"suite config (default: {DEFAULT_SUITE} in the project folder)",
    )
    parser.add_argument(
        "--only",
        metavar="NAME",
        action="append",
        help="render only this job (job name or notebook name; repeatable)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render, print a summary, return 0 only when every job succeeded or was skipped."""
    proj = project(args.root)
    suite = Path(args.suite) if args.suite else proj.root / DEFAULT_SUITE
    scope = Scope(
        country=args.country.strip() if args.country and args.country.strip() else None,
        start_date=window_date("--start-date", args.start_date),
        end_date=window_date("--end-date", args.end_date),
    )
    if args.country is not None and scope.country is None:
        raise ParameterError("--country was given an empty name; expected a country name")
    options = RenderOptions(
        project=proj,
        suite_path=suite,
        as_of=parse_as_of(args.as_of),
        jobs=args.jobs,
        force=args.force,
        only=args.only,
        scope=scope,
    )
    report = render(options)
    print_summary(report, proj.root)
    return 0 if report.ok else 1


def print_summary(report: RenderReport, root: Path) -> None:
    """What was done, and where the briefings are."""
    counts: dict[str, int] = {}
    for outcome in report.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    done = ", ".join(f"{n} {status}" for status, n in counts.items())
    folders = ", ".join(f"{relative(folder, root)}/" for folder in report.folders)
    index = relative(report.index, root)
    print(f"{done} in {report.seconds:.1f} s; briefings in {folders}, index in {index}")
    for outcome in report.outcomes:
        if not outcome.ok:
            print(f"error: {outcome.name}: {outcome.message}", file=sys.stderr)
