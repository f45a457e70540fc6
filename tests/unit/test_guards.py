"""Guards added after an adversarial try-out: each test fails without its guard."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.acled_project import CURRENT_EXPORT, edited, seed_project, set_cell, snapshot

from helpers.acled.command import import_exports
from helpers.cli import main
from helpers.errors import InputError
from helpers.rendering.render import other_window
from helpers.rendering.suite import load_suite


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return seed_project(tmp_path_factory.mktemp("guards"))


@pytest.mark.parametrize("inside", ["data/curated", "data/raw/cambodia", "data/processed", "data"])
def test_export_refuses_to_write_inside_the_data_folder(project, inside, capsys):
    before = snapshot(project)
    code = main(["--root", str(project.root), "export", "--output", str(project.root / inside)])
    assert code != 0
    assert "inside the project's data folder" in capsys.readouterr().err
    assert snapshot(project) == before


def test_export_still_writes_to_its_own_folder(project, tmp_path):
    assert main(["--root", str(project.root), "data"]) == 0
    assert main(["--root", str(project.root), "export", "--output", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "datapackage.json").is_file()


def test_import_refuses_a_pipe(project, tmp_path):
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    before = snapshot(project)
    with pytest.raises(InputError, match="is not a regular file"):
        import_exports(project, [fifo])
    assert snapshot(project) == before


def test_a_timestamp_beyond_2200_is_named_not_a_traceback(project, tmp_path):
    bad = edited(
        CURRENT_EXPORT,
        tmp_path / "late.csv",
        lambda rows: set_cell(rows, "CAM9001", "timestamp", "99999999999999"),
    )
    with pytest.raises(InputError, match=r"timestamp.*before the year 2200"):
        import_exports(project, [bad])


def test_a_recursive_yaml_alias_in_the_suite_is_named(tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text("a: &a [*a]\n", encoding="utf-8")
    with pytest.raises(InputError, match="nests too deeply"):
        load_suite(suite)


def test_another_window_on_the_same_date_is_detected(tmp_path):
    folder = tmp_path / "2017-11-30" / "cambodia"
    folder.mkdir(parents=True)
    entry = {"parameters": {"start_date": "2016-01-01", "end_date": "2018-12-31"}}
    (folder / "manifest.json").write_text(json.dumps({"jobs": {"01_briefing": entry}}))
    same = {"start_date": "2016-01-01", "end_date": "2018-12-31"}
    other = {"start_date": "2016-01-01", "end_date": "2016-12-31"}
    assert other_window(folder, "01_briefing", same) is None
    assert other_window(folder, "01_briefing", other) == "2016-01-01 to 2018-12-31"
    assert other_window(Path(tmp_path / "nowhere"), "01_briefing", other) is None
