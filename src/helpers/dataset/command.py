"""Subcommands that build the dataset: ``ingest``, ``validate``, ``build`` and ``data``."""

from __future__ import annotations

import argparse

from helpers.paths import project


def _ingest(args: argparse.Namespace) -> int:
    from helpers.corpus.ingest import ingest

    result = ingest(project(args.root))
    for warning in result.warnings:
        print(f"warning: {warning}")
    print(result.summary())
    return 0


def _validate(args: argparse.Namespace) -> int:
    from helpers.dataset.validation import validate_project

    report = validate_project(project(args.root))
    print(report.summary())
    for warning in report.warnings:
        print(f"warning: {warning}")
    report.raise_if_errors()
    return 0


def _build(args: argparse.Namespace) -> int:
    from helpers.atomic import data_lock
    from helpers.dataset.build import build_events

    proj = project(args.root)
    with data_lock(proj.data, "the build"):
        result = build_events(proj)
    for warning in result.warnings:
        print(f"warning: {warning}")
    print(result.summary())
    return 0


def _data(args: argparse.Namespace) -> int:
    from helpers.atomic import all_or_nothing

    proj = project(args.root)
    # Ingest rewrites articles/references before validation runs: if validation or the
    # build then fails, put them back so the three tables always belong together.
    tables = [proj.articles_table, proj.references_table, proj.events_table, proj.events_parquet]
    with all_or_nothing(tables):
        for step in (_ingest, _validate, _build):
            step(args)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the dataset subcommands to ``briefings``."""
    for name, func, help_text in (
        ("ingest", _ingest, "parse data/raw/ into data/processed/articles.csv and references.csv"),
        ("validate", _validate, "check the curated events and actors; list every problem"),
        (
            "build",
            _build,
            "validate, then write data/processed/events.csv (the data contract) and events.parquet",
        ),
        ("data", _data, "ingest, validate and build: what `make data` runs"),
    ):
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(func=func)
