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


METHOD = Path(__file__).resolve().parents[2] / "docs" / "method.md"


def _method_rows() -> dict[str, list[str]]:
    """The rows of the weights table in docs/method.md, by event type."""
    rows = {}
    for line in METHOD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells
    return rows


def test_the_method_note_gives_every_type_its_codebook_codes_and_weight():
    codebook = load_codebook(REPO_CODEBOOK)
    rows = _method_rows()
    assert sorted(rows) == sorted(codebook.types)
    for name, event_type in codebook.types.items():
        _, category, cameo, plover, goldstein, severity, _ = rows[name]
        assert severity == ("none" if event_type.severity is None else f"{event_type.severity:g}")
        assert category == event_type.category, name
        assert cameo == (event_type.cameo.code or "none"), name
        assert float(goldstein) == event_type.goldstein, name
        expected = "/".join(p for p in (event_type.plover.type, event_type.plover.mode) if p)
        context = getattr(event_type.plover, "context", "")
        assert plover == (expected or (f"PLOVER context `{context}`" if context else "none")), name
