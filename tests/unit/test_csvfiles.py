"""Every CSV read takes any field length the project itself can write."""

from __future__ import annotations

import re
from pathlib import Path

from support.suggest_project import ARTICLE_ID, make_project

from helpers import cli
from helpers.csvfiles import dict_rows
from helpers.suggest.merge import read_curated

ROOT = Path(__file__).resolve().parents[2]
#: The one module allowed to call the ``csv`` readers directly.
READER_MODULE = ROOT / "src" / "helpers" / "csvfiles.py"


def test_a_long_field_reads_back(tmp_path: Path, default_csv_field_limit: int) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,body\na," + "x" * (default_csv_field_limit + 1) + "\n", encoding="utf-8")
    header, rows = dict_rows(path)
    assert header == ["id", "body"] and len(rows[0]["body"]) == default_csv_field_limit + 1


def test_curated_events_with_a_long_quote_are_read_by_suggest_and_accept(
    tmp_path: Path, default_csv_field_limit: int
) -> None:
    """The curated events and the suggestion file are read with the csv module, not pandas."""
    long_note = "n" * (default_csv_field_limit + 10)
    proj = make_project(tmp_path)
    text = proj.curated_events.read_text(encoding="utf-8").rstrip("\n") + long_note + "\n"
    proj.curated_events.write_text(text, encoding="utf-8")
    assert read_curated(proj.curated_events)[0].event_id == "KHM-001"
    assert cli.main(["--root", str(tmp_path), "suggest"]) == 0
    suggestions = proj.suggested / f"{ARTICLE_ID}.csv"
    assert cli.main(["--root", str(tmp_path), "accept", str(suggestions), "--rows", "1"]) == 0
    assert dict_rows(proj.curated_events)[1][0]["notes"] == long_note


def test_no_module_reads_csv_around_the_lifted_limit() -> None:
    calls = re.compile(r"\bcsv\.(?:reader|DictReader)\(")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("src", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != READER_MODULE and calls.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "read CSV files through helpers.csvfiles"
