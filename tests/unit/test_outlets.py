"""Outlet spellings: registry, spelling-insensitive keys, and registry errors."""

from __future__ import annotations

import doctest

import pytest

from helpers.corpus import outlets
from helpers.corpus.outlets import OutletRegistry, outlet_key, unify
from helpers.errors import InputError


def test_doctests():
    assert doctest.testmod(outlets).failed == 0


def test_key_ignores_case_spaces_and_punctuation():
    assert outlet_key("Al-Jazeera") == outlet_key("al jazeera") == "aljazeera"
    assert outlet_key("BBC") != outlet_key("BBC News")


def test_registry_spelling_wins_over_first_seen():
    reg = OutletRegistry.from_rows([{"outlet": "Voice of America", "aliases": "VOA"}])
    assert unify(["VOA", "voice of america", "Reuters", "REUTERS"], reg) == [
        "Voice of America",
        "Voice of America",
        "Reuters",
        "Reuters",
    ]


def test_a_spelling_claimed_by_two_outlets_is_reported_with_its_line():
    rows = [
        {"outlet": "Radio Free Asia", "aliases": "RFA"},
        {"outlet": "Radio France", "aliases": "R.F.A."},
    ]
    with pytest.raises(InputError) as caught:
        OutletRegistry.from_rows(rows, source="data/curated/outlets.csv")
    message = str(caught.value)
    assert "data/curated/outlets.csv line 3 column 'aliases'" in message
    assert "'R.F.A.' is already a spelling of 'Radio Free Asia'" in message


def test_repository_registry_loads(tmp_path):
    from helpers.paths import project

    reg = OutletRegistry.load(project().outlets)
    assert reg.lookup("AlJazeera") == "Al Jazeera"
    assert reg.lookup("NYT") == "The New York Times"
    assert OutletRegistry.load(tmp_path / "missing.csv").canonical == {}


def test_a_ragged_registry_row_is_reported_with_its_line(tmp_path):
    path = tmp_path / "outlets.csv"
    path.write_text("outlet,aliases\nReuters,\nFoo,Bar,Baz\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"outlets.csv line 3: row has 3 values"):
        OutletRegistry.load(path)
