"""Shared test set-up: ``tests/support`` holds the builders that several test modules use
(tiny projects, synthetic event frames); tests import them as ``support.<module>``."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def default_csv_field_limit() -> Iterator[int]:
    """The ``csv`` module's default field limit for one test (another module may have lifted
    it for the whole session), so a test shows that the code lifts it itself."""
    default = 131_072
    before = csv.field_size_limit(default)
    yield default
    csv.field_size_limit(before)
