"""Each processed table's columns are declared once (helpers.dataset.tables): the writers,
the readers' types, the curated schema and the README's contract tables follow it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.curated_project import make_project

from helpers.analysis.loading import prepare_events
from helpers.corpus.ingest import articles_frame, references_frame
from helpers.dataset.build import build_events, load_events
from helpers.dataset.schema import EVENT_COLUMNS, column_names
from helpers.dataset.tables import (
    ARTICLES,
    EVENTS,
    REFERENCES,
    TABLES,
    Field,
    contract_markdown,
    readme_blocks,
    update_readme,
)

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_holds_the_declared_contract_tables():
    text = README.read_text(encoding="utf-8")
    blocks = readme_blocks(text)
    assert sorted(blocks) == sorted(t.name for t in TABLES)
    for table in TABLES:
        assert blocks[table.name] == contract_markdown(table), (
            f"README's {table.name} table differs from helpers.dataset.tables; run "
            "`python -m helpers.dataset.tables README.md`"
        )
    assert update_readme(text) == text


def test_a_changed_declaration_shows_in_the_readme_check():
    text = README.read_text(encoding="utf-8")
    stale = text.replace("| `n_outlets` | integer | how many outlets |", "| `n_outlets` | x | y |")
    assert readme_blocks(stale)["events"] != contract_markdown(EVENTS)
    assert update_readme(stale) == text


def test_the_curated_columns_open_the_events_table():
    assert EVENTS.names()[: len(EVENT_COLUMNS)] == column_names(EVENT_COLUMNS)


def test_the_writers_follow_the_declarations(tmp_path):
    assert list(articles_frame([]).columns) == ARTICLES.names()
    assert list(references_frame([]).columns) == REFERENCES.names()
    project = make_project(tmp_path)
    build_events(project)
    written = pd.read_csv(project.events_table, dtype=str, keep_default_na=False)
    assert list(written.columns) == EVENTS.names()


def test_the_readers_give_the_declared_types(tmp_path):
    project = make_project(tmp_path)
    build_events(project)
    for frame in (load_events(project), prepare_events(load_events(project))):
        for field in EVENTS.fields:
            dtype = frame[field.name].dtype
            if field.type == "date":
                assert pd.api.types.is_datetime64_any_dtype(dtype), field.name
            elif field.type == "integer":
                assert pd.api.types.is_integer_dtype(dtype), field.name
            elif field.type == "number":
                assert pd.api.types.is_float_dtype(dtype), field.name
            else:
                assert pd.api.types.is_string_dtype(dtype), field.name


def test_an_unknown_type_is_refused():
    with pytest.raises(ValueError, match="type 'text' is not in"):
        Field("x", "text", "no such Frictionless type")
