"""`briefings validate`: every kind of bad curated input is reported with its line and column.

Each test writes a tiny project (the real codebook, two articles, five actors, five events)
to a temporary folder, breaks one thing, and checks the exact problem reported.
The project builders are in ``support.curated_project``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from support.curated_project import (
    A1,
    A2,
    ACTORS,
    EVENTS,
    REPO,
    actor_rows,
    event_rows,
    make_project,
    write_rows,
)

from helpers import cli
from helpers.dataset.codebook import load_codebook
from helpers.dataset.validation import ValidationReport, fold_text, validate_project
from helpers.errors import InputError, Problem
from helpers.paths import Project


def validate(tmp_path: Path, events=None, actors=None, **kwargs) -> ValidationReport:
    return validate_project(make_project(tmp_path, events, actors, **kwargs))


def only(problems: list[Problem], line: int | None, column: str | None) -> Problem:
    """The single problem at ``line``/``column``; fails listing all problems otherwise."""
    found = [p for p in problems if p.line == line and p.column == column]
    assert len(found) == 1, "\n".join(map(str, problems))
    return found[0]


# -------------------------------------------------------------------------- valid data


def test_valid_project_has_no_problems(tmp_path):
    report = validate(tmp_path)
    assert report.errors == []
    assert report.warnings == []
    assert report.summary() == "5 events, 5 actors checked: no errors, no warnings"
    report.raise_if_errors()  # does not raise


def test_fold_text_folds_whitespace_and_curly_quotes_only():
    assert fold_text("“CCHR  calls”\n upon ‘it’") == "\"CCHR calls\" upon 'it'"
    assert fold_text("Hun Sen") != fold_text("hun sen")


def test_real_codebook_validates():
    codebook = load_codebook(REPO / "data" / "codebook.yaml")
    assert codebook.types["arrest"].category == "crackdown"
    assert codebook.types["aid_cut"].response_kind == "aid_cut"


# ---------------------------------------------------------------------------- columns


def test_missing_column_is_reported_once_on_line_1(tmp_path):
    rows = event_rows()
    header = [c for c in rows[0] if c != "evidence"]
    project = make_project(tmp_path)
    write_rows(project.curated_events, rows, header)
    report = validate_project(project)
    problem = only(report.errors, 1, "evidence")
    assert problem.message == "missing column"
    assert problem.file == EVENTS
    assert len(report.errors) == 1


def test_unknown_column_is_reported_with_suggestion(tmp_path):
    rows = event_rows()
    for row in rows:
        row["sumary"] = row.pop("summary")
    report = validate(tmp_path, rows)
    assert only(report.errors, 1, "summary").message == "missing column"
    message = only(report.errors, 1, "sumary").message
    assert message.startswith("unknown column (did you mean 'summary'?)")


def test_line_numbers_count_lines_of_the_file(tmp_path):
    # A line break inside a quoted cell: the next row starts one line further down.
    rows = event_rows(KHM_002={"summary": "CCHR calls\nfor dialogue."}, KHM_003={"actor": "Sen"})
    report = validate(tmp_path, rows)
    assert only(report.errors, 5, "actor").message.startswith("got 'Sen', an alias")


def test_row_with_extra_value_is_reported(tmp_path):
    project = make_project(tmp_path)
    text = project.curated_events.read_text(encoding="utf-8").splitlines()
    text[1] += ",extra"
    project.curated_events.write_text("\n".join(text) + "\n", encoding="utf-8")
    problem = only(validate_project(project).errors, 2, None)
    assert problem.message.startswith("row has 13 values but the header has 12 columns")


# ------------------------------------------------------------------- codebook fields


def test_unknown_event_type_suggests_closest(tmp_path):
    report = validate(tmp_path, event_rows(KHM_001={"event_type": "civil_society_restrictoin"}))
    message = only(report.errors, 2, "event_type").message
    assert message == (
        "got 'civil_society_restrictoin': not an event type in the codebook "
        "(did you mean 'civil_society_restriction'?); expected one of the 'crackdown' types: "
        "accusation, arrest, civil_society_restriction, forced_exile, media_restriction, "
        "party_dissolution, prosecution, release, restrictive_law, threat, violent_repression"
    )


def test_unknown_event_type_under_an_unknown_category_lists_every_type(tmp_path):
    report = validate(tmp_path, event_rows(KHM_001={"event_type": "zzz", "category": "zzz"}))
    message = only(report.errors, 2, "event_type").message
    codebook = load_codebook(REPO / "data" / "codebook.yaml")
    assert message.startswith("got 'zzz': not an event type in the codebook; expected one of: ")
    assert message.endswith(", ".join(sorted(codebook.types)))


def test_category_must_match_codebook(tmp_path):
    report = validate(tmp_path, event_rows(KHM_003={"category": "international_response"}))
    message = only(report.errors, 4, "category").message
    assert message == (
        "got 'international_response'; the codebook puts event type 'boycott_call' in "
        "category 'domestic_response'"
    )


def test_unknown_category_value(tmp_path):
    report = validate(tmp_path, event_rows(KHM_001={"category": "repression"}))
    assert only(report.errors, 2, "category").message == (
        "got 'repression'; expected one of: crackdown, international_response, "
        "domestic_response, context"
    )


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "26/11/2017",
            "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, or a range of two such dates as "
            "START/END, got '26/11/2017'",
        ),
        ("2017-11-26 ", None),  # surrounding spaces are ignored
        ("2017-02-30", "'2017-02-30' is not a real date: day is out of range for month"),
    ],
)
def test_malformed_and_impossible_day_dates(tmp_path, value, message):
    report = validate(tmp_path, event_rows(KHM_001={"date": value}))
    if message is None:
        assert report.errors == []
    else:
        assert only(report.errors, 2, "date").message == message


def test_impossible_month(tmp_path):
    report = validate(tmp_path, event_rows(KHM_002={"date": "2017-13"}))
    assert only(report.errors, 3, "date").message == (
        "'2017-13' is not a real date: there is no month 13"
    )


def test_precision_must_match_date_form(tmp_path):
    report = validate(tmp_path, event_rows(KHM_002={"date_precision": "day"}))
    assert only(report.errors, 3, "date_precision").message == (
        "got 'day' but the date '2017-11' has the form of 'month' precision; "
        "'day' needs a date as YYYY-MM-DD"
    )


def test_unknown_precision(tmp_path):
    report = validate(tmp_path, event_rows(KHM_002={"date_precision": "months"}))
    assert only(report.errors, 3, "date_precision").message == (
        "got 'months'; expected one of: day, month, year, range"
    )


def test_future_date_is_an_error(tmp_path):
    project = make_project(tmp_path, event_rows(KHM_004={"date": "2018-08"}))
    # KHM-004 is month precision now; make it match, then run "today" = 2018-07-31.
    write_rows(
        project.curated_events,
        event_rows(KHM_004={"date": "2018-08", "date_precision": "month"}),
    )
    report = validate_project(project, today=dt.date(2018, 7, 31))
    assert only(report.errors, 5, "date").message == (
        "got '2018-08', which is after today (2018-07-31); expected a date on or before today"
    )
    # The same month as today is not in the future.
    assert validate_project(project, today=dt.date(2018, 8, 1)).errors == []


def test_far_future_date_is_an_error_with_the_real_clock(tmp_path):
    report = validate(tmp_path, event_rows(KHM_001={"date": "2999-01-01"}))
    assert "which is after today" in only(report.errors, 2, "date").message


# -------------------------------------------------------------------------- articles


def test_unknown_article_id(tmp_path):
    report = validate(tmp_path, event_rows(KHM_003={"article_ids": f"{A2};boycott-cal"}))
    assert only(report.errors, 4, "article_ids").message == (
        "got 'boycott-cal': no article with this id in data/processed/articles.csv "
        "(did you mean 'boycott-call'?)"
    )


def test_missing_articles_table_is_one_clear_error(tmp_path):
    report = validate(tmp_path, omit=("articles",))
    assert [str(p) for p in report.errors] == [
        "data/processed/articles.csv: not found; run `briefings ingest` first to write it"
    ]


def test_evidence_not_in_cited_articles_names_them(tmp_path):
    # KHM-003 cites A2 and A1; the quote is in neither (A1 says "the Center for Human Rights").
    evidence = "called for the Center to be closed down"
    report = validate(tmp_path, event_rows(KHM_003={"evidence": evidence}))
    assert only(report.errors, 4, "evidence").message == (
        f"got '{evidence}': not found in the title, body or captions of article(s) "
        f"'{A2}', '{A1}' (compared after folding whitespace and curly quotes, "
        "case-sensitive); expected a verbatim quote"
    )


def test_evidence_comparison_is_case_sensitive(tmp_path):
    report = validate(tmp_path, event_rows(KHM_001={"evidence": "Called for the Center"}))
    assert "not found in the title, body or captions of article(s) 'shut-down-cchr'" in (
        only(report.errors, 2, "evidence").message
    )


def test_evidence_may_come_from_title_or_captions(tmp_path):
    rows = event_rows(
        KHM_001={"evidence": "Cambodia to Shut Down Cambodian Center"},
        KHM_005={"evidence": "Photo Courtesy of Samrang Pring."},
    )
    assert validate(tmp_path, rows).errors == []


# ---------------------------------------------------------------------------- actors


def test_alias_as_actor_names_canonical(tmp_path):
    report = validate(tmp_path, event_rows(KHM_001={"actor": "Sen", "target": "CCHR"}))
    assert only(report.errors, 2, "actor").message == (
        "got 'Sen', an alias; use the canonical name 'Hun Sen'"
    )
    assert only(report.errors, 2, "target").message == (
        "got 'CCHR', an alias; use the canonical name 'Cambodian Center for Human Rights'"
    )


def test_unknown_actor_is_missing_from_registry(tmp_path):
    report = validate(tmp_path, event_rows(KHM_003={"actor": "Sam Rainsy;Kem Sokha"}))
    assert only(report.errors, 4, "actor").message == (
        "got 'Kem Sokha': missing from data/curated/actors.csv; add it there or fix the spelling"
    )


# ------------------------------------------------------------------------- event ids


def test_responds_to_unknown_event(tmp_path):
    report = validate(tmp_path, event_rows(KHM_002={"responds_to": "KHM-009"}))
    assert only(report.errors, 3, "responds_to").message.startswith(
        "got 'KHM-009': no event has this event_id"
    )


def test_responds_to_itself(tmp_path):
    report = validate(tmp_path, event_rows(KHM_002={"responds_to": "KHM-001;KHM-002"}))
    assert only(report.errors, 3, "responds_to").message == (
        "got 'KHM-002', this event's own id; an event cannot respond to itself"
    )


def test_duplicate_event_id(tmp_path):
    report = validate(tmp_path, event_rows(KHM_005={"event_id": "KHM-001"}))
    assert only(report.errors, 6, "event_id").message == (
        "got 'KHM-001', already used on line 2; expected each event_id once"
    )


@pytest.mark.parametrize("value", ["KH-001", "KHM-01", "khm-001", "KHM001"])
def test_bad_event_id_form(tmp_path, value):
    report = validate(tmp_path, event_rows(KHM_005={"event_id": value}))
    assert only(report.errors, 6, "event_id").message == (
        f"got '{value}'; expected an ISO3 country code, a dash and 3+ digits, e.g. 'KHM-001'"
    )


@pytest.mark.parametrize(
    "column",
    [
        "event_id",
        "date",
        "date_precision",
        "category",
        "event_type",
        "actor",
        "summary",
        "article_ids",
        "evidence",
    ],
)
def test_empty_required_field(tmp_path, column):
    report = validate(tmp_path, event_rows(KHM_003={column: "  "}))
    assert only(report.errors, 4, column).message == "is empty; a value is required"


def test_empty_optional_fields_are_fine(tmp_path):
    rows = event_rows(KHM_002={"target": "", "notes": "", "responds_to": ""})
    assert validate(tmp_path, rows).errors == []


# -------------------------------------------------------------------- actor registry


def test_duplicate_canonical_actor(tmp_path):
    report = validate(tmp_path, actors=actor_rows(["hun sen", "person", "Cambodia", "", ""]))
    problem = only(report.errors, 7, "actor")
    assert problem.file == ACTORS
    assert problem.message == (
        "got 'hun sen', already listed on line 2; expected each actor once "
        "(add other spellings as aliases)"
    )


def test_alias_equal_to_another_canonical_name(tmp_path):
    report = validate(
        tmp_path, actors=actor_rows(["Kem Sokha", "person", "Cambodia", "Sam Rainsy", ""])
    )
    assert only(report.errors, 7, "aliases").message == (
        "alias 'Sam Rainsy' is the canonical name of the actor on line 4; "
        "an alias must name only this actor"
    )


def test_alias_shared_by_two_actors(tmp_path):
    report = validate(tmp_path, actors=actor_rows(["Kem Sokha", "person", "Cambodia", "Sen", ""]))
    assert only(report.errors, 7, "aliases").message == (
        "alias 'Sen' is also an alias of the actor on line 2; an alias must name only one actor"
    )


def test_unknown_actor_kind(tmp_path):
    report = validate(tmp_path, actors=actor_rows(["Kem Sokha", "politician", "Cambodia", "", ""]))
    message = only(report.errors, 7, "kind").message
    assert message.startswith("got 'politician'; expected one of: government, court, party")


def test_empty_actor_name(tmp_path):
    report = validate(tmp_path, actors=actor_rows(["", "person", "Cambodia", "Sokha", ""]))
    assert only(report.errors, 7, "actor").message == "is empty; a value is required"


# -------------------------------------------------------------------------- warnings


def test_response_dated_before_its_event_is_a_warning(tmp_path):
    report = validate(tmp_path, event_rows(KHM_002={"date": "2017-10"}))
    assert report.errors == []
    assert only(report.warnings, 3, "responds_to").message == (
        "this event (2017-10) is dated before 'KHM-001' (2017-11-26), the event it responds to"
    )


def test_response_in_the_same_month_is_not_a_warning(tmp_path):
    # KHM-002 (2017-11) may well come after KHM-001 (2017-11-26): no warning.
    assert validate(tmp_path).warnings == []


def test_event_after_every_article_is_a_warning_unless_scheduled_election(tmp_path):
    report = validate(tmp_path, event_rows(KHM_004={"notes": ""}))
    assert report.errors == []
    assert only(report.warnings, 5, "date").message == (
        "got '2018-07-29', after the publication of every cited article (latest 2018-04-09); "
        "a scheduled election is coded as context/election with 'scheduled' in notes"
    )


def test_an_event_coded_twice_is_a_warning(tmp_path):
    rows = event_rows()
    twice = {**rows[0], "event_id": "KHM-006", "actor": f" {rows[0]['actor']} ",
             "evidence": rows[0]["evidence"].replace(" ", "  ")}  # fmt: skip
    report = validate(tmp_path, [*rows, twice])
    assert report.errors == []
    assert only(report.warnings, 7, "event_id").message == (
        "'KHM-006' duplicates 'KHM-001' on line 2 (same event type, date, actor, target and "
        "evidence); expected each event once (add a further source to article_ids instead)"
    )


def test_same_act_on_another_date_is_no_duplicate(tmp_path):
    rows = event_rows()
    other_day = {**rows[0], "event_id": "KHM-006", "date": "2017-11-27"}
    assert validate(tmp_path, [*rows, other_day]).warnings == []


# ------------------------------------------------------------------ all at once, CLI


BROKEN = {
    "KHM_001": {"event_type": "arest"},
    "KHM_002": {"date": "2017-02-30", "actor": "CCHR"},
    "KHM_004": {"responds_to": "KHM-004"},
    "KHM_005": {"article_ids": "nope"},
}
BROKEN_LINES = [
    (2, "event_type"),
    (3, "actor"),
    (3, "date"),
    (5, "responds_to"),
    (6, "article_ids"),
]


def test_every_problem_is_listed_at_once_in_line_order(tmp_path):
    report = validate(tmp_path, event_rows(**BROKEN))
    assert sorted((p.line, p.column) for p in report.errors) == BROKEN_LINES
    assert [p.line for p in report.errors] == sorted(p.line for p in report.errors)
    with pytest.raises(InputError) as info:
        report.raise_if_errors()
    assert len(info.value.problems) == 5
    assert str(info.value).startswith("the curated data has 5 problems")


@pytest.fixture
def data_commands_only(monkeypatch):
    """Only the data subcommands (other command modules may not exist yet)."""
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("helpers.dataset.command",))


def test_cli_validate_exits_1_and_prints_every_problem(tmp_path, capsys, data_commands_only):
    make_project(tmp_path, event_rows(**BROKEN))
    assert cli.main(["--root", str(tmp_path), "validate"]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "5 events, 5 actors checked: 5 errors, no warnings"
    assert f"{EVENTS} line 2 column 'event_type': got 'arest'" in err
    assert f"{EVENTS} line 3 column 'actor': got 'CCHR', an alias" in err
    assert f"{EVENTS} line 3 column 'date': '2017-02-30' is not a real date" in err
    assert f"{EVENTS} line 5 column 'responds_to': got 'KHM-004', this event's own id" in err
    assert f"{EVENTS} line 6 column 'article_ids': got 'nope'" in err


def test_cli_validate_exits_0_on_valid_data(tmp_path, capsys, data_commands_only):
    make_project(tmp_path)
    assert cli.main(["--root", str(tmp_path), "validate"]) == 0
    assert "no errors" in capsys.readouterr().out


def test_cli_build_on_bad_data_leaves_previous_table_untouched(
    tmp_path, capsys, data_commands_only
):
    project = make_project(tmp_path)
    assert cli.main(["--root", str(tmp_path), "build"]) == 0
    before = project.events_table.read_bytes()
    write_rows(project.curated_events, event_rows(**BROKEN))
    assert cli.main(["--root", str(tmp_path), "build"]) == 1
    assert "the curated data has 5 problems" in capsys.readouterr().err
    assert project.events_table.read_bytes() == before
    assert [p.name for p in project.processed.iterdir() if p.name.startswith(".")] == []


# -------------------------------------------------------------------------- codebook


def _break_codebook(project: Project, edit) -> None:
    data = yaml.safe_load(project.codebook.read_text(encoding="utf-8"))
    edit(data)
    project.codebook.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_codebook_with_unknown_category_is_reported(tmp_path):
    project = make_project(tmp_path)
    _break_codebook(project, lambda d: d["event_types"]["arrest"].update(category="repression"))
    errors = validate_project(project).errors
    codebook_errors = [p for p in errors if p.file == "data/codebook.yaml"]
    assert len(codebook_errors) == 1
    assert codebook_errors[0].message.startswith("event_types.arrest.category: Input should be")
    assert "'crackdown'" in codebook_errors[0].message


def test_codebook_missing_response_kind_is_reported(tmp_path):
    project = make_project(tmp_path)
    _break_codebook(project, lambda d: d["event_types"]["aid_cut"].pop("response_kind"))
    errors = validate_project(project).errors
    assert [p.file for p in errors] == ["data/codebook.yaml"]
    assert "event type 'aid_cut': an international response needs response_kind" in (
        errors[0].message
    )


def test_a_curated_file_that_is_not_utf8_names_file_and_line(tmp_path):
    from helpers.dataset.validation import read_table

    path = tmp_path / "events.csv"
    path.write_bytes(b"event_id,summary\r\nKHM-001,ok\r\nKHM-002,Sokha\x92s arrest\r\n")
    with pytest.raises(InputError) as caught:
        read_table(path, "data/curated/events.csv")
    message = str(caught.value)
    assert "data/curated/events.csv line 3: byte 0x92 cannot be read as UTF-8" in message
    assert "CSV UTF-8" in message
