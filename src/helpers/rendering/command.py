"""``briefings render``: dated HTML and PDF briefings from the suite's notebooks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.errors import relative
from helpers.paths import project
from helpers.rendering.render import RenderOptions, RenderReport, parse_as_of, render

DEFAULT_SUITE = "suite.yaml"


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
        "--jobs",
        "-j",
        type=int,
        default=2,
        metavar="N",
        help="notebooks executed at the same time (default: 2)",
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
    options = RenderOptions(
        project=proj,
        suite_path=suite,
        as_of=parse_as_of(args.as_of),
        jobs=max(1, args.jobs),
        force=args.force,
        only=args.only,
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
    print(
        f"{done} in {report.seconds:.1f} s; briefings in {relative(report.folder, root)}/, "
        f"index in {relative(report.folder.parent / 'index.html', root)}"
    )
    for outcome in report.outcomes:
        if not outcome.ok:
            print(f"error: {outcome.name}: {outcome.message}", file=sys.stderr)
