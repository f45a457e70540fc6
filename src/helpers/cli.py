"""The ``briefings`` command: one entry point, one subcommand per pipeline step.

Each subcommand lives in its own module, which exposes ``register(subparsers)``; this
module only assembles them and turns :class:`~helpers.errors.BriefingsError` (and a
file-system fault) into one clear message on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from helpers.errors import BriefingsError, os_error_message

#: Modules that add subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "helpers.dataset.command",
    "helpers.acled.command",
    "helpers.export.command",
    "helpers.rendering.command",
    "helpers.suggest.command",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="briefings",
        description=(
            "Turn articles about a crackdown into a coded event dataset and dated briefings."
        ),
    )
    parser.add_argument(
        "--root",
        metavar="PATH",
        help="project folder (default: $BRIEFINGS_ROOT or the folder holding data/codebook.yaml)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``briefings`` command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BriefingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a read-only folder: name the path, no traceback
        print(f"error: {os_error_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
