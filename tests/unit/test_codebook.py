"""The codebook schema: lexicon keys, regular expressions and type references are checked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.dataset.codebook import load_codebook
from helpers.errors import InputError

REPO_CODEBOOK = Path(__file__).resolve().parents[2] / "data" / "codebook.yaml"


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(REPO_CODEBOOK.read_text(encoding="utf-8"))
    change(data["event_types"])
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_repository_codebook_loads_with_every_category_used():
    codebook = load_codebook(REPO_CODEBOOK)
    assert {et.category for et in codebook.types.values()} == set(codebook.categories)
    # Every type is found by the coder's assistant: by its own lexicon, or as the type
    # another type's hit becomes when a given kind of actor speaks (domestic_type, retype).
    reached = {name for et in codebook.types.values() for name in et.lexicon.referenced_types()}
    for name, et in codebook.types.items():
        assert et.lexicon.triggers or et.lexicon.patterns or name in reached, name


def test_a_misspelled_lexicon_key_is_an_error(tmp_path):
    path = _broken(tmp_path, lambda types: types["arrest"]["lexicon"].update(trigers=["held"]))
    with pytest.raises(InputError, match=r"event_types\.arrest\.lexicon\.trigers"):
        load_codebook(path)


def test_an_invalid_pattern_is_named(tmp_path):
    path = _broken(tmp_path, lambda types: types["arrest"]["lexicon"]["patterns"].append("(oops"))
    with pytest.raises(InputError, match=r"pattern '\(oops' is not a valid regular expression"):
        load_codebook(path)


def test_a_lexicon_naming_an_unknown_type_is_an_error(tmp_path):
    path = _broken(tmp_path, lambda types: types["arrest"]["lexicon"].update(yields_to=["arest"]))
    with pytest.raises(InputError, match=r"event type 'arrest': its lexicon names unknown types"):
        load_codebook(path)
