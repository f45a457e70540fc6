"""The Python API analysts use: ``nb.start`` on re-runs and new notebooks, ``helpers.load``,
``__all__`` and what the ``show_*`` functions return."""

from __future__ import annotations

import inspect

import pandas as pd
import plotly.graph_objects as go
import pytest
from support.frames import make_project

import helpers
from helpers import notebook as nb
from helpers.errors import ParameterError
from helpers.sample import sample_context

PAPERMILL_CELL = '# Parameters\nas_of = "2017-10-31"\ncontry = "Atlantis"\n'


@pytest.fixture()
def root(tmp_path):
    return str(make_project(tmp_path))


def test_extra_variables_never_break_a_rerun(root):
    namespace = {"start_date": "2017-01-01", "as_of": "2017-10-31", "n_top": 3, "In": [""]}
    first = nb.start(namespace, "01_briefing", root=root)
    namespace.update(ctx=first, table=pd.DataFrame(), label="anything", In=["", "n_top = 3"])
    again = nb.start(namespace, "01_briefing", root=root)
    assert again.events["event_id"].tolist() == first.events["event_id"].tolist()
    assert sorted(again.events["event_id"]) == ["KHM-001", "KHM-002", "KHM-011"]


def test_names_injected_by_papermill_are_still_checked(root):
    namespace = {"as_of": "2017-10-31", "contry": "Atlantis", "In": ["", PAPERMILL_CELL]}
    with pytest.raises(ParameterError, match=r"Unknown parameter 'contry' .*'country'"):
        nb.start(namespace, "01_briefing", root=root)


def test_a_new_notebook_takes_the_shared_parameters(root):
    ctx = nb.start({"start_date": "2017-01-01", "as_of": "2017-10-31"}, "scratch", root=root)
    assert ctx.notebook == "scratch" and ctx.start == "2017-01-01"
    assert sorted(ctx.events["event_id"]) == ["KHM-001", "KHM-002", "KHM-011"]
    with pytest.raises(ParameterError, match="'start_date' was given 2017 \\(a number\\)"):
        nb.start({"start_date": 2017}, "scratch", root=root)


def test_load_is_the_documented_entry_point(root):
    ctx = helpers.load(root=root, country="cambodia", start_date="2017-01-01", as_of="2017-10-31")
    assert ctx.country == "Cambodia"  # spelled as in the dataset
    assert sorted(ctx.events["event_id"]) == ["KHM-001", "KHM-002", "KHM-011"]
    assert len(ctx.known) == 4  # KHM-009 (2016) was known too, outside the window
    assert ctx.title == "Cambodia: briefing, 2017-01-01 to 2018-12-31"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"contry": "Cambodia"}, "Unknown parameter 'contry' (given 'Cambodia'); did you mean"),
        ({"start_date": "2017"}, "Parameter 'start_date' was given '2017'; expected a date"),
        ({"country": "Atlantis"}, "Parameter 'country' was given 'Atlantis', which is not in"),
        ({"rolling_days": 3}, "Parameter 'rolling_days' was given 3 (a number); expected a whole"),
    ],
)
def test_load_refuses_bad_parameters_in_one_sentence(root, params, message):
    with pytest.raises(ParameterError) as exc:
        helpers.load(root=root, **params)
    assert message in str(exc.value)
    assert len(str(exc.value).splitlines()) == 1


def test_all_lists_every_public_function_with_a_docstring_and_an_example():
    public = {
        name
        for name, obj in vars(nb).items()
        if inspect.isfunction(obj) and obj.__module__ == nb.__name__ and not name.startswith("_")
    }
    shows = {name for name in public if name.startswith("show_")}
    assert len(shows) >= 22 and shows <= set(nb.__all__)
    assert {"start", "load", "collect_parameters", "explore", "export_rows"} <= set(nb.__all__)
    for name in nb.__all__:
        doc = inspect.getdoc(getattr(nb, name)) or ""
        assert doc, name
        if inspect.isfunction(getattr(nb, name)) and name != "configure_renderers":
            assert ">>>" in doc, f"{name} has no example"


TABLES = {
    "show_key_figures": ["figure", "value", "definition"],
    "show_events_table": list(nb.EVENT_TABLE_COLUMNS),
    "show_actor_pairs": ["actor", "target", "n_events", "total_severity", "event_types"],
    "show_responders": ["actor", "actor_kind", "n_events", "kinds", "first_when", "last_when"],
    "show_unanswered": ["event_id", "when", "event_label", "summary", "actor", "target"],
    "show_single_source": ["event_id", "date", "summary", "n_articles", "outlets"],
}
FIGURES = [
    "show_timeline",
    "show_escalation",
    "show_monthly_counts",
    "show_responses_by_kind",
    "show_outlets",
    "show_precision_mix",
    "show_explorer",
]


@pytest.mark.parametrize("name", list(TABLES))
def test_show_functions_return_the_table_they_show(name):
    table = getattr(nb, name)(sample_context())
    assert isinstance(table, pd.DataFrame) and not table.empty
    assert table.columns.tolist()[: len(TABLES[name])] == TABLES[name]


@pytest.mark.parametrize("name", FIGURES)
def test_show_functions_return_the_figure_they_show(name):
    assert isinstance(getattr(nb, name)(sample_context()), go.Figure)


def test_events_table_returns_every_row_even_when_the_display_is_cut():
    table = nb.show_events_table(sample_context(), max_rows=2)
    assert table["event_id"].tolist() == [
        "RUR-001",
        "RUR-002",
        "RUR-003",
        "RUR-004",
        "RUR-006",
        "RUR-005",
    ]
    assert table.loc[0, "summary"].endswith(
        "Evidence: “Police arrested the opposition leader Anna Vel.”"
    )


def test_an_empty_window_says_so_and_returns_none():
    ctx = sample_context(start_date="2019-01-01", end_date="2019-12-31", as_of="2019-12-31")
    assert ctx.empty
    assert nb.show_events_table(ctx) is None and nb.show_timeline(ctx) is None
    assert nb.show_headline(ctx)  # the sentence saying the window is empty


def test_a_cell_ending_with_a_show_call_shows_its_value_once(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.user_ns.update(nb=nb, ctx=sample_context())
        capsys.readouterr()
        first = shell.run_cell("nb.show_key_figures(ctx)", store_history=True)
        shown = capsys.readouterr().out
        assert "<IPython.core.display.HTML object>" in shown  # the table, displayed
        assert "Events in the window" not in shown  # the frame is not shown again
        assert isinstance(first.result, pd.DataFrame)
        shell.run_cell("table = nb.show_key_figures(ctx)", store_history=True)
        capsys.readouterr()
        shell.run_cell("table", store_history=True)
        assert "Events in the window" in capsys.readouterr().out  # a later cell shows it
    finally:
        InteractiveShell.clear_instance()
