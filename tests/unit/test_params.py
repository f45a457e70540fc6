"""Notebook parameters: specs as data, validation messages, and the notebooks' cells."""

from __future__ import annotations

import ast
import datetime as dt

import papermill
import pytest

from helpers.errors import ParameterError
from helpers.paths import project
from helpers.presenting.params import (
    SHARED,
    defaults,
    notebook_names,
    parameters_cell,
    specs_for,
    validate_parameters,
)

TODAY = dt.date(2026, 1, 15)
COUNTRIES = ["Cambodia", "Myanmar"]


def check(params: dict, notebook: str = "01_briefing") -> dict:
    return validate_parameters(notebook, params, countries=COUNTRIES, today=TODAY)


def error(params: dict, notebook: str = "01_briefing") -> str:
    with pytest.raises(ParameterError) as exc:
        check(params, notebook)
    return str(exc.value)


def test_defaults_are_valid_and_normalized():
    values = check({})
    assert values["as_of"] == "2026-01-15"
    assert values["country"] == "Cambodia"
    assert values["rolling_days"] == 90
    assert values["title"] == (
        "Cambodia: crackdown and international response, 2016-01-01 to 2018-12-31"
    )


def test_given_values_are_normalized():
    values = check(
        {
            "country": "cambodia",
            "start_date": "2017-01-01",
            "as_of": "2017-10-31",
            "categories": " crackdown , context",
            "rolling_days": "30",
            "title": "  My briefing ",
        }
    )
    assert values["country"] == "Cambodia"
    assert values["categories"] == "crackdown,context"
    assert values["rolling_days"] == 30
    assert values["title"] == "My briefing"
    assert values["as_of"] == "2017-10-31"


def test_unknown_name_suggests_the_closest():
    message = error({"contry": "X"})
    assert message == "Unknown parameter 'contry' (given 'X'); did you mean 'country'?"


def test_unknown_name_without_close_match_lists_known_names():
    message = error({"zzz": 1})
    assert "Unknown parameter 'zzz'" in message and "expected one of: country" in message


def test_int_given_for_a_date_is_a_type_error():
    message = error({"start_date": 2017})
    assert message.startswith("Parameter 'start_date' was given 2017 (a number); expected text")
    assert "YYYY-MM-DD" in message


def test_malformed_and_impossible_dates():
    assert (
        "Parameter 'end_date' was given '2018-13-01'; expected a date written YYYY-MM-DD"
        in error({"end_date": "2018-13-01"})
    )
    assert "Parameter 'start_date' was given '2017-1-1'" in error({"start_date": "2017-1-1"})
    assert "Parameter 'as_of' was given 'yesterday'" in error({"as_of": "yesterday"})


def test_end_before_start():
    message = error({"start_date": "2018-01-01", "end_date": "2017-01-01"})
    assert message == (
        "Parameter 'end_date' was given '2017-01-01', which is before start_date "
        "'2018-01-01'; expected a date on or after start_date."
    )


def test_unknown_country_suggests_one_in_the_dataset():
    message = error({"country": "Cambodja"})
    assert "Parameter 'country' was given 'Cambodja', which is not in the dataset" in message
    assert "did you mean 'Cambodia'?" in message


def test_as_of_in_the_future_or_before_the_window():
    assert "Parameter 'as_of' was given '2027-01-01', which is in the future" in error(
        {"as_of": "2027-01-01"}
    )
    assert "Parameter 'as_of' was given '2015-06-01', which is before start_date" in error(
        {"as_of": "2015-06-01"}
    )


def test_wrong_int_and_out_of_range():
    assert "Parameter 'rolling_days' was given 'ninety'; expected a whole number" in error(
        {"rolling_days": "ninety"}
    )
    assert "between 7 and 730" in error({"rolling_days": 3})
    assert "(a true/false value)" in error({"rolling_days": True})


def test_unknown_category():
    assert "Parameter 'categories' was given 'crackdwn'; expected comma-separated" in error(
        {"categories": "crackdwn"}
    )


def test_every_problem_is_one_sentence_on_its_own_line():
    message = error({"contry": "X", "start_date": 2017, "rolling_days": "x"})
    lines = message.splitlines()
    assert len(lines) == 3
    assert all(line.count("Parameter") + line.count("parameter") == 1 for line in lines)


def test_unknown_notebook():
    with pytest.raises(ParameterError, match="did you mean '01_briefing'"):
        validate_parameters("01_brefing", {})


def test_help_texts_survive_papermill_parsing():
    for spec in SHARED:
        assert "=" not in spec.help and "#" not in spec.help, spec.name


@pytest.mark.parametrize("notebook", notebook_names())
def test_each_notebook_parameters_cell_agrees_with_the_specs(notebook):
    path = project().notebooks / f"{notebook}.ipynb"
    inspected = papermill.inspect_notebook(str(path))
    specs = {s.name: s for s in specs_for(notebook)}
    assert list(inspected) == list(specs)
    for name, spec in specs.items():
        got = inspected[name]
        assert got["inferred_type_name"] == spec.type_name
        assert ast.literal_eval(got["default"]) == spec.default
        assert got["help"] == spec.help
    assert defaults(notebook) == {n: s.default for n, s in specs.items()}


@pytest.mark.parametrize("notebook", notebook_names())
def test_parameters_cell_source_is_generated_from_specs(notebook):
    import nbformat

    nb = nbformat.read(project().notebooks / f"{notebook}.ipynb", as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    assert cells[0].source == parameters_cell(notebook)


# -------------------------------------------------------- the notebooks' start cell


def test_collect_parameters_reads_declared_and_injected_names_only():
    import types

    from helpers import notebook as nb

    injected = '# Parameters\ncontry = "X"\n'
    namespace = {
        "In": ["", injected, "n_top = 3"],
        "Out": {},
        "_": 1,
        "nb": types.ModuleType("nb"),
        "n_top": 3,
        "country": "Cambodia",
        "contry": "X",
        "rolling_days": 30,
    }
    assert nb.collect_parameters(namespace, "02_escalation") == {
        "country": "Cambodia",
        "rolling_days": 30,
        "contry": "X",
    }


def test_start_validates_configures_and_loads(tmp_path):
    import plotly.io as pio
    from support.frames import make_project

    from helpers import notebook as nb

    root = make_project(tmp_path)
    namespace = {"start_date": "2017-01-01", "as_of": "2017-10-31", "nb": nb}
    ctx = nb.start(namespace, "02_escalation", root=str(root))
    assert pio.renderers.default == "plotly_mimetype+notebook"
    assert sorted(ctx.events["event_id"]) == ["KHM-001", "KHM-002", "KHM-011"]
    assert ctx.title == "Cambodia: escalation of the crackdown, 2017-01-01 to 2018-12-31"
    with pytest.raises(ParameterError, match="'Atlantis', which is not in the dataset"):
        nb.start({"country": "Atlantis"}, "02_escalation", root=str(root))
