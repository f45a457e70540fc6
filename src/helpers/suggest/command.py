"""Subcommands of the coder's assistant: ``briefings suggest`` and ``briefings accept``."""

from __future__ import annotations

import argparse

from helpers.paths import project


def _suggest(args: argparse.Namespace) -> int:
    from helpers.suggest.run import suggest_project

    result = suggest_project(project(args.root), args.article_ids, args.min_confidence)
    print(result.summary())
    return 0


def _accept(args: argparse.Namespace) -> int:
    from helpers.suggest.accept import accept_file, parse_rows

    result = accept_file(project(args.root), args.file, parse_rows(args.rows))
    print(result.summary())
    return 0


def _confidence(text: str) -> float:
    """``--min-confidence`` as a number from 0 to 1 (argparse names the option on error).

    >>> _confidence("0.7")
    0.7
    >>> _confidence("7")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: got '7'; expected a number from 0 to 1, such as 0.5
    """
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            f"got {text!r}; expected a number from 0 to 1, such as 0.5"
        )
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``suggest`` and ``accept`` to ``briefings``."""
    from helpers.suggest.run import DEFAULT_MIN_CONFIDENCE

    help_text = "suggest events for articles no curated event cites yet (data/suggested/)"
    sub = subparsers.add_parser("suggest", help=help_text, description=help_text)
    sub.add_argument("article_ids", nargs="*", metavar="ARTICLE_ID", help="only these articles")
    sub.add_argument(
        "--min-confidence",
        type=_confidence,
        default=DEFAULT_MIN_CONFIDENCE,
        help=f"leave out candidates below this confidence (default {DEFAULT_MIN_CONFIDENCE})",
    )
    sub.set_defaults(func=_suggest)

    help_text = "move reviewed suggested rows into data/curated/events.csv after validation"
    sub = subparsers.add_parser("accept", help=help_text, description=help_text)
    sub.add_argument("file", help="a suggestion file, e.g. data/suggested/<article_id>.csv")
    sub.add_argument(
        "--rows",
        help=(
            "rows to accept: 1-based data rows or suggestion ids, e.g. '1,3-5' or 'SUG-4' "
            "(default: every row not yet accepted)"
        ),
    )
    sub.set_defaults(func=_accept)
