"""Malformed ACLED exports: one clear message naming file, line and column, a non-zero
exit, and the dataset (store and processed tables) byte for byte as it was."""

from __future__ import annotations

import pytest
from support.acled_project import (
    CURRENT_EXPORT,
    OLDER_EXPORT,
    edited,
    read_rows,
    seed_project,
    set_cell,
    snapshot,
    write_rows,
)

from helpers.acled.command import import_exports
from helpers.cli import main
from helpers.errors import InputError


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """A project with the current export imported, and the bytes of its data folder."""
    project = seed_project(tmp_path_factory.mktemp("acled") / "project")
    import_exports(project, [CURRENT_EXPORT])
    return project, snapshot(project)


def drop_column(name):
    def edit(rows):
        index = rows[0].index(name)
        for row in rows:
            del row[index]

    return edit


def drop_columns(*names):
    def edit(rows):
        for name in names:
            drop_column(name)(rows)

    return edit


def add_column(name, value):
    def edit(rows):
        rows[0].append(name)
        for row in rows[1:]:
            row.append(value)

    return edit


def cell(acled_id, column, value):
    return lambda rows: set_cell(rows, acled_id, column, value)


def unchanged(rows):
    return None


# (file name, source export, edit, write options, expected message pieces)
CASES = {
    "missing column": (
        CURRENT_EXPORT,
        drop_column("notes"),
        {},
        ["line 1 column 'notes': missing column; the current ACLED export has it"],
    ),
    "date not a date": (
        CURRENT_EXPORT,
        cell("CAM9002", "event_date", "10/09/2017"),
        {},
        [
            "line 3 column 'event_date': got '10/09/2017': not a date",
            "like '2017-09-03', '03 September 2017' or '3-Sep-17'",
        ],
    ),
    "impossible date": (
        CURRENT_EXPORT,
        cell("CAM9003", "event_date", "2017-02-30"),
        {},
        ["line 4 column 'event_date': got '2017-02-30': not a date"],
    ),
    "year disagrees with the date": (
        CURRENT_EXPORT,
        cell("CAM9004", "year", "2018"),
        {},
        ["line 5 column 'year': got '2018' but event_date '2017-11-20' is in 2017"],
    ),
    "precision outside 1-3": (
        CURRENT_EXPORT,
        cell("CAM9001", "time_precision", "4"),
        {},
        ["line 2 column 'time_precision': got '4'; ACLED's time_precision is 1 (the day)"],
    ),
    "unknown actor category": (
        CURRENT_EXPORT,
        cell("CAM9001", "inter1", "Police"),
        {},
        ["line 2 column 'inter1': got 'Police': not an ACLED actor category"],
    ),
    "older layout, bad date": (
        OLDER_EXPORT,
        cell("CAM9101", "event_date", "31-Feb-18"),
        {},
        ["line 3 column 'event_date': got '31-Feb-18': not a date", "'3-Sep-17'"],
    ),
    "older layout, category out of range": (
        OLDER_EXPORT,
        cell("CAM9102", "inter2", "9"),
        {},
        ["line 4 column 'inter2': got '9': not an ACLED actor category"],
    ),
    "mixed-vintage header": (
        CURRENT_EXPORT,
        add_column("iso3", "KHM"),
        {},
        [
            "line 1: the header mixes the two ACLED export layouts",
            "disorder_type, civilian_targeting, tags (current ACLED export only)",
            "iso3 (older 31-column ACLED export only)",
        ],
    ),
    "semicolon delimiter": (
        CURRENT_EXPORT,
        unchanged,
        {"delimiter": ";"},
        ["line 1: the columns are separated by ';'"],
    ),
    "repeated event id": (
        CURRENT_EXPORT,
        cell("CAM9002", "event_id_cnty", "CAM9001"),
        {},
        ["line 3 column 'event_id_cnty': got 'CAM9001', already on line 2"],
    ),
    "ragged row": (
        CURRENT_EXPORT,
        lambda rows: rows[2].append("extra"),
        {},
        ["line 3: row has 32 values but the header has 31 columns"],
    ),
    "not an export": (
        CURRENT_EXPORT,
        lambda rows: rows.__setitem__(0, [f"col{i}" for i in range(31)]),
        {},
        ["line 1: not an ACLED export"],
    ),
}


def _bad_file(tmp_path, name):
    source, edit, options, _ = CASES[name]
    return edited(source, tmp_path / "bad export.csv", edit, **options)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_malformed_export_is_refused_and_nothing_changes(baseline, tmp_path, name):
    project, before = baseline
    path = _bad_file(tmp_path, name)
    with pytest.raises(InputError) as exc:
        import_exports(project, [path])
    message = str(exc.value)
    assert message.startswith("nothing was imported and nothing changed:")
    assert "bad export.csv" in message
    for piece in CASES[name][3]:
        assert piece in message
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".xlsx", b"PK\x03\x04"), (".xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")]
)
def test_a_workbook_is_refused_with_what_to_do(baseline, tmp_path, suffix, magic):
    project, before = baseline
    path = tmp_path / f"export{suffix}"
    path.write_bytes(magic + b"\x00" * 200)
    with pytest.raises(InputError) as exc:
        import_exports(project, [path])
    assert f"export{suffix} line 1: is a spreadsheet workbook or a zip archive" in str(exc.value)
    assert "download the export from ACLED as CSV" in str(exc.value)
    assert snapshot(project) == before


def test_columns_the_import_does_not_need_may_be_absent(tmp_path, capsys):
    project = seed_project(tmp_path / "project")
    path = edited(CURRENT_EXPORT, tmp_path / "fields.csv", drop_columns("admin3", "tags"))
    assert main(["--root", str(project.root), "import-acled", str(path)]) == 0
    assert "columns absent from this file, kept empty: admin3, tags" in capsys.readouterr().out


def test_an_api_download_without_the_layouts_own_columns_is_read(tmp_path):
    project = seed_project(tmp_path / "project")
    own = ("disorder_type", "civilian_targeting", "tags")
    path = edited(CURRENT_EXPORT, tmp_path / "api.csv", drop_columns(*own))
    result = import_exports(project, [path])
    assert result.exports[0].vintage.name == "current"
    assert result.exports[0].absent_columns == list(own)
    assert result.merged.counts()["new"] == 6


def test_an_empty_file_is_refused(baseline, tmp_path):
    project, before = baseline
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty.csv line 1: file is empty"):
        import_exports(project, [path])
    assert snapshot(project) == before


def test_a_header_only_export_imports_nothing(baseline, tmp_path):
    project, before = baseline
    path = write_rows(tmp_path / "no rows.csv", read_rows(CURRENT_EXPORT)[:1])
    result = import_exports(project, [path])
    assert result.merged.counts() == {"new": 0, "updated": 0, "unchanged": 0, "kept": 0}
    assert snapshot(project) == before


def test_one_bad_file_among_several_stops_them_all(baseline, tmp_path):
    project, before = baseline
    good = edited(OLDER_EXPORT, tmp_path / "good.csv", unchanged)
    bad = _bad_file(tmp_path, "precision outside 1-3")
    with pytest.raises(InputError, match=r"bad export\.csv line 2 column 'time_precision'"):
        import_exports(project, [good, bad])
    assert snapshot(project) == before


def test_every_problem_of_a_file_is_listed(baseline, tmp_path):
    project, _ = baseline

    def two_problems(rows):
        set_cell(rows, "CAM9001", "time_precision", "0")
        set_cell(rows, "CAM9005", "timestamp", "soon")

    path = edited(CURRENT_EXPORT, tmp_path / "two.csv", two_problems)
    with pytest.raises(InputError) as exc:
        import_exports(project, [path])
    assert "two.csv line 2 column 'time_precision'" in str(exc.value)
    assert "two.csv line 6 column 'timestamp': got 'soon'; expected a whole number" in str(
        exc.value
    )


def test_lines_count_a_note_that_spans_two_lines(baseline, tmp_path):
    project, _ = baseline

    def edit(rows):
        set_cell(rows, "CAM9001", "notes", "First line.\nSecond line.")
        set_cell(rows, "CAM9002", "time_precision", "7")

    path = edited(CURRENT_EXPORT, tmp_path / "multiline.csv", edit)
    with pytest.raises(InputError, match=r"multiline.csv line 4 column 'time_precision'"):
        import_exports(project, [path])


def test_a_missing_file_is_named(baseline, tmp_path):
    project, before = baseline
    with pytest.raises(InputError, match=r"nowhere.csv: not found"):
        import_exports(project, [tmp_path / "nowhere.csv"])
    assert snapshot(project) == before


def test_the_command_exits_non_zero_with_one_message_and_no_traceback(baseline, tmp_path, capsys):
    project, before = baseline
    path = _bad_file(tmp_path, "semicolon delimiter")
    code = main(["--root", str(project.root), "import-acled", str(path)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.startswith("error: nothing was imported and nothing changed:")
    assert "line 1: the columns are separated by ';'" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert snapshot(project) == before
